/**
 * Stage 2, BlockDeviceDict (upstream: nova/block_device.py, BlockDeviceDict.from_api and
 * _validate): each v2 entry in list order becomes Nova's dict, and stops at its first refusal.
 */
import type { EntryModel } from '../../source/doc';
import { isPyFloat } from '../../source/doc';
import { fieldPath } from '../../source/places';
import { STAGE, entryNoteOrder, stageOrder } from '../order';
import type { RuleId } from '../table';
import { truthy, pyInt, boolFromString, prependDev } from '../novaValues';
import type { Judging, WorkingBdm } from './judging';

export const DICT = stageOrder(STAGE.dict, [
  { each: [['BDM-DICT-BLANK-WITH-UUID', 'BDM-DICT-MISSING-UUID', 'BDM-DICT-SOURCE-TYPE-MISSING', 'BDM-DICT-IMAGE-LOCAL-BOOT', 'BDM-DICT-VOLTYPE-LOCAL', 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', 'BDM-DICT-INVALID-FIELDS', 'BDM-DICT-VOLUME-SIZE']] },
]);

/** the keys the 2.0 schema knows (no tag, no volume_type): the /v2 endpoint strips the rest */
const V2_KNOWN = new Set(['virtual_name', 'volume_id', 'snapshot_id', 'volume_size', 'device_name', 'delete_on_termination', 'no_device', 'connection_info', 'source_type', 'uuid', 'image_id', 'destination_type', 'guest_format', 'device_type', 'disk_bus', 'boot_index']);
const BDM_FIELDS = new Set(['source_type', 'destination_type', 'guest_format', 'device_type', 'disk_bus', 'boot_index', 'device_name', 'delete_on_termination', 'snapshot_id', 'volume_id', 'volume_size', 'image_id', 'no_device', 'connection_info', 'tag', 'volume_type', 'encrypted', 'encryption_secret_uuid', 'encryption_format', 'encryption_options', 'id', 'instance_uuid', 'attachment_id', 'uuid', 'created_at', 'updated_at', 'deleted_at', 'deleted']);

/** An entry's dict as from_api starts it: every field but uuid, and the keys _validate refuses. */
interface Dict {
  d: Record<string, unknown>;
  uuid: unknown;
  /** keys BlockDeviceDict._validate refuses, in the dict's order */
  invalid: string[] | null;
  /** the entry has a schema error at or below it */
  bad: boolean;
}

type Refusal = { code: RuleId; key?: string; args?: Record<string, string | number> } | null;

/** BlockDeviceDict.from_api on every v2 entry (none on the legacy path). */
export function fromApi(j: Judging): void {
  // Nothing stripped or refused by the schema: every entry's dict is a copy of its values.
  const plainCopy = !j.inp.legacyV2 && j.inp.schemaBad.size === 0;
  const v2 = j.legacy ? [] : j.inp.v2;
  for (let k = 0; k < v2.length; k++) {
    const m = v2[k];
    if (!m.isObject) { j.poisoned++; j.nonObject = true; continue; }
    const dict = readDict(j, m, plainCopy);
    if (dict.bad) { j.poisoned++; shadow(j, m, dict.d); continue; }
    const refusal = convert(j, m, dict);
    if (refusal) {
      j.push({ code: refusal.code, span: j.at(m, refusal.key), entry: m.index, path: fieldPath(m, refusal.key), args: refusal.args, order: DICT.each(refusal.code, m.index) });
      j.dictFailed = true;
      j.poisoned++;
      shadow(j, m, dict.d);
      continue;
    }
    // (its NovaBdm's slot written now: added later, it would cost each entry a property store of its own)
    const w: WorkingBdm = { entry: m.index, syntax: 'v2', d: dict.d, model: m, nova: undefined };
    j.wide.push(w);
    j.perEntry[m.index] = w;
  }
  if (j.dictFailed || j.poisoned > 0) j.stop = true;
}

function readDict(j: Judging, m: EntryModel, plainCopy: boolean): Dict {
  const vals = m.values;
  // The dict holds every field but uuid (which becomes <source_type>_id below); nothing reads
  // a refused entry's uuid, so its shadow goes without it too.
  const d: Record<string, unknown> = {};
  let uuid: unknown;
  // only an entry with a schema error at or below it can have fields with one
  const bad = !plainCopy && j.entryHasSchemaError(m);
  let invalid: string[] | null = null;
  for (const k in vals) {
    if (!plainCopy) {
      if (j.inp.legacyV2 && !V2_KNOWN.has(k)) continue; // stripped by the /v2 endpoint
      if (bad && j.fieldHasSchemaError(m, k)) { j.badFields.add(k); continue; }
    }
    if (k === 'uuid') { uuid = vals[k]; continue; }
    if (k === '__proto__') Object.defineProperty(d, k, { value: vals[k], enumerable: true, writable: true, configurable: true });
    else d[k] = vals[k];
    // (a refused entry is only shadowed: nothing reads which of its keys are not BDM fields)
    if (!bad && !BDM_FIELDS.has(k)) (invalid ??= []).push(k);
  }
  return { d, uuid, invalid, bad };
}

/** from_api's checks in its order, then _validate's; the dict is converted in place. */
function convert(j: Judging, m: EntryModel, dict: Dict): Refusal {
  const d = dict.d;
  const noDevice = truthy(d.no_device);
  if (noDevice) {
    j.push({ code: 'BDM-DICT-NO-DEVICE-SKIP', span: j.at(m, 'no_device'), entry: m.index, path: fieldPath(m, 'no_device'), order: entryNoteOrder('BDM-DICT-NO-DEVICE-SKIP', m.index) });
  } else {
    const refusal = sourceChecks(j, m, dict);
    if (refusal) return refusal;
  }
  // BlockDeviceDict._validate
  if (dict.invalid) return { code: 'BDM-DICT-INVALID-FIELDS', key: dict.invalid[0], args: { fields: dict.invalid.join(' ') } };
  if (!noDevice) {
    if ('delete_on_termination' in d) d.delete_on_termination = boolFromString(d.delete_on_termination);
    if (d.volume_size !== undefined && d.volume_size !== null && truthy(d.volume_size)) {
      if (!m.plainNumber('volume_size')) {
        const vsPath = [...m.path, 'volume_size'];
        if (isPyFloat(j.doc, vsPath)) return { code: 'BDM-DICT-VOLUME-SIZE', key: 'volume_size', args: { raw: j.doc.numberText(vsPath) as string } };
      }
      d.volume_size = pyInt(d.volume_size);
    }
    if (truthy(d.boot_index)) d.boot_index = pyInt(d.boot_index);
  }
  if (d.device_name) d.device_name = prependDev(d.device_name as string);
  d.delete_on_termination = truthy(d.delete_on_termination);
  return null;
}

/** from_api: the uuid against the source type, image->local, volume_type. */
function sourceChecks(j: Judging, m: EntryModel, dict: Dict): Refusal {
  const { d, uuid } = dict;
  const vals = m.values;
  const st = d.source_type as string | undefined;
  const dest = d.destination_type;
  const vt = d.volume_type;
  if (st === 'blank' && truthy(uuid)) return { code: 'BDM-DICT-BLANK-WITH-UUID', key: 'uuid' };
  if (st !== 'blank') {
    if (!truthy(uuid)) return { code: 'BDM-DICT-MISSING-UUID', key: 'uuid' in vals ? 'uuid' : 'source_type' in vals ? 'source_type' : undefined };
    if (st === undefined || st === null) return { code: 'BDM-DICT-SOURCE-TYPE-MISSING', key: 'uuid' };
    if (st === 'volume') d.volume_id = uuid;
    else if (st === 'image') d.image_id = uuid;
    else if (st === 'snapshot') d.snapshot_id = uuid;
    else {
      const k = `${st}_id`;
      d[k] = uuid;
      if (!BDM_FIELDS.has(k)) (dict.invalid ??= []).push(k);
    }
  }
  if (st === 'image' && dest === 'local') {
    const bi = d.boot_index === undefined || d.boot_index === null ? -1 : pyInt(d.boot_index);
    if (!(j.imageGiven && bi === 0)) return { code: 'BDM-DICT-IMAGE-LOCAL-BOOT', key: 'boot_index' in vals && j.imageGiven ? 'boot_index' : 'destination_type' };
  }
  if (dest === 'local' && truthy(vt)) return { code: 'BDM-DICT-VOLTYPE-LOCAL', key: 'volume_type' };
  if (st === 'volume' && truthy(vt)) return { code: 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', key: 'volume_type' };
  return null;
}

/** A refused entry, kept as a shadow for the request-wide rules (its dict is nobody else's: taken as it is). */
function shadow(j: Judging, m: EntryModel, d: Record<string, unknown>): void {
  const sd = d;
  if (truthy(sd.boot_index)) sd.boot_index = pyInt(sd.boot_index);
  if (truthy(sd.volume_size)) sd.volume_size = pyInt(sd.volume_size);
  j.wide.push({ entry: m.index, syntax: 'v2', d: sd, model: m, failed: true });
}
