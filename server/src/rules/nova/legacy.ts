/**
 * The legacy conversion inside stage 4 (upstream: nova/block_device.py from_legacy_mapping and
 * BlockDeviceDict.from_legacy, called by nova/compute/api.py _check_and_transform_bdm): each
 * block_device_mapping item becomes a v2 dict; the root is found by device name, and without
 * one the image root Nova adds from imageRef.
 */
import type { EntryModel } from '../../source/doc';
import { isPyFloat } from '../../source/doc';
import { fieldOrStart, fieldPath } from '../../source/places';
import type { RuleId } from '../table';
import { truthy, pyInt, boolFromString, stripDev, prependDev } from '../novaValues';
import { COMPUTE } from './computeApi';
import type { Judging, WorkingBdm } from './judging';

/** Converts the legacy items (the legacy path only); a refused item ends the conversion (Nova stops). */
export function convertLegacy(j: Judging): void {
  if (!j.legacy) return;
  const conv = fromLegacyMapping(j, j.imageGiven ? String(j.imageRef) : '');
  if (conv === null) { j.stop = true; return; }
  j.all = conv;
  for (const w of conv) if (w.entry !== null) j.perEntry[w.entry] = w;
}

/** from_legacy_mapping: null when Nova refuses an item (a finding was pushed). */
function fromLegacyMapping(j: Judging, imageRef: string): WorkingBdm[] | null {
  const out: WorkingBdm[] = [];
  for (const m of j.inp.v1) {
    if (!m.isObject || j.entryHasSchemaError(m)) return null;
    const w = fromLegacy(j, m);
    if (!w) return null;
    out.push(w);
  }
  let volumeBacked = false;
  for (const w of out) {
    if (['volume', 'snapshot', 'image'].includes(String(w.d.source_type)) && stripDev(w.d.device_name as string) === stripDev(j.rootName)) {
      w.d.boot_index = 0;
      volumeBacked = true;
    } else if (!truthy(w.d.no_device)) w.d.boot_index = -1;
    else w.d.boot_index = null;
  }
  if (!volumeBacked && imageRef) {
    out.unshift({ entry: null, syntax: 'implicit', implicit: 'legacy-image-root', d: { source_type: 'image', image_id: imageRef, delete_on_termination: true, boot_index: 0, device_type: 'disk', destination_type: 'local' } });
  }
  return out;
}

/** the keys from_legacy copies from an item, in its order */
const COPIED = ['device_name', 'delete_on_termination', 'snapshot_id', 'volume_id', 'volume_size', 'no_device', 'connection_info'] as const;
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * BlockDeviceDict.from_legacy on one item; null when refused. The item's values are read where
 * they are, not copied first (every item of a big legacy body passes here): only
 * delete_on_termination is changed, in the new dict.
 */
function fromLegacy(j: Judging, m: EntryModel): WorkingBdm | null {
  const src = m.values;
  const d: Record<string, unknown> = {};
  for (let i = 0; i < COPIED.length; i++) {
    const k = COPIED[i];
    if (own(src, k)) d[k] = k === 'delete_on_termination' ? boolFromString(src[k]) : src[k];
  }
  const vn = src.virtual_name;
  if (vn === 'swap' || (typeof vn === 'string' && /^ephemeral(\d|[1-9]\d+)$/.test(vn))) {
    d.source_type = 'blank';
    d.delete_on_termination = true;
    d.destination_type = 'local';
    d.guest_format = vn === 'swap' ? 'swap' : null;
  } else if (truthy(src.snapshot_id)) {
    d.source_type = 'snapshot';
    d.destination_type = 'volume';
  } else if (truthy(src.volume_id)) {
    d.source_type = 'volume';
    d.destination_type = 'volume';
  } else if (!truthy(src.no_device)) return refuse(j, m, 'BDM-LEGACY-CONVERSION', undefined);
  if (!truthy(d.no_device)) {
    if (truthy(d.volume_size) && isPyFloat(j.doc, [...m.path, 'volume_size'])) return refuse(j, m, 'BDM-LEGACY-ITEM-INVALID', 'volume_size', { detail: 'Invalid volume_size.' });
    if (truthy(d.volume_size)) d.volume_size = pyInt(d.volume_size);
  }
  if (d.device_name) d.device_name = prependDev(d.device_name as string);
  d.delete_on_termination = truthy(d.delete_on_termination);
  return { entry: m.index, syntax: 'v1', d, model: m };
}

/** Nova refuses the item: the finding, and null */
function refuse(j: Judging, m: EntryModel, code: RuleId, key: string | undefined, args?: Record<string, string | number>): null {
  j.push({ code, span: fieldOrStart(m, key), entry: m.index, path: fieldPath(m, key), args, order: COMPUTE.each(code, m.index) });
  return null;
}
