/**
 * volumeAttachment body notes (spec §11.5): what Nova accepts but does differently than it looks
 * (upstream: nova/api/openstack/compute/volumes.py VolumeAttachmentController.create).
 */
import type { RuleId } from './table';
import { STAGE, stageOrder } from './order';
import type { SourceDoc } from '../source/doc';
import { mvMinor } from '../model/context';
import { boolFromString } from './novaValues';
import { uuid as isUuidLike } from './formats.cjs';
import type { Finding } from './finding';

/** volumeAttachment notes (an attach body has no other notes): in the order they are listed. */
export const ATTACH_NOTES = stageOrder(STAGE.notes, [
  'BDM-ATTACH-LEGACY-V2-STRIP',
  'BDM-ATTACH-DOT-STRING-TRUE',
  'BDM-ATTACH-DEVICE-IGNORED',
  'BDM-ATTACH-DEVICE-TRAILING-NEWLINE',
  'BDM-ATTACH-VOLUME-ID-NONCANONICAL',
  'BDM-ATTACH-ASYNC-2101',
]);

export function attachNotes(doc: SourceDoc, microversion: string, schemaFailed: boolean): Finding[] {
  const out: Finding[] = [];
  const va = doc.valueAt(['volumeAttachment']);
  if (!va || typeof va !== 'object' || Array.isArray(va)) return out;
  const legacyV2 = microversion.trim() === '2.0';
  const minor = legacyV2 ? 0 : mvMinor(microversion);
  const val = (k: string) => doc.valueAt(['volumeAttachment', k]);
  // the value's place; in a half-typed body the key's, when the value is missing
  const spanOf = (k: string) => doc.locate(['volumeAttachment', k], 'value') ?? doc.locate(['volumeAttachment', k], 'key')!;
  const add = (code: RuleId, key: string, args: Record<string, string | number> = {}) =>
    out.push({ code, span: key ? spanOf(key) : doc.locate(['volumeAttachment'], 'key')!, entry: null, path: key ? `volumeAttachment.${key}` : 'volumeAttachment', args, order: ATTACH_NOTES.wide(code) });
  if (legacyV2) {
    for (const k of ['tag', 'delete_on_termination']) if (doc.locate(['volumeAttachment', k], 'key')) add('BDM-ATTACH-LEGACY-V2-STRIP', k, { key: k });
  }
  if (schemaFailed) return out;
  const dot = val('delete_on_termination');
  // Every string is stored as true; it only surprises where the string reads as false.
  if (minor >= 79 && typeof dot === 'string' && !boolFromString(dot)) {
    add('BDM-ATTACH-DOT-STRING-TRUE', 'delete_on_termination', { value: JSON.stringify(dot) });
  }
  const device = val('device');
  if (typeof device === 'string') {
    add('BDM-ATTACH-DEVICE-IGNORED', 'device', { device: JSON.stringify(device) });
    if (device.endsWith('\n')) add('BDM-ATTACH-DEVICE-TRAILING-NEWLINE', 'device');
  }
  const vid = val('volumeId');
  if (typeof vid === 'string' && isUuidLike(vid) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(vid)) {
    add('BDM-ATTACH-VOLUME-ID-NONCANONICAL', 'volumeId', { id: JSON.stringify(vid) });
  }
  if (minor >= 101) add('BDM-ATTACH-ASYNC-2101', '');
  return out;
}
