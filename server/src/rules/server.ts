/**
 * Server-create layers after the schema (spec §1 S2-S9): controller, BlockDeviceDict, legacy
 * conversion, compute API. Nova stops at its first error; bdm-lab keeps going where the
 * result stays meaningful and tags every finding with its place in Nova's order, so the first
 * finding is Nova's answer. Entries that failed an earlier layer are left out of the later
 * per-entry checks, and request-wide checks run only when every entry got that far.
 */
import type { RuleId } from './table';
import type { Context } from '../model/context';
import { isPyFloat, type EntryModel, type SourceDoc } from '../source/doc';
import { FieldSpan, fieldOrStart, fieldPath, hasField } from '../source/places';
import type { Span } from '../model/span';
import type { NovaBdm, SourceType, DestinationType } from '../nova/types';
import { driverClassOf } from '../nova/types';
import type { Finding } from './finding';
import { API, COMPUTE, DICT, FLAVOR, IMAGE_REF, VALIDATE_BDM, VOLUMES, entryNoteOrder, requestNoteOrder } from './order';
import { truthy, pyInt, boolFromString, stripDev, prependDev, DISK_BUSES, DEVICE_TYPES } from './novaValues';
import type { Inventory } from '../model/inventory';
import { mvMinor } from '../model/context';

/** A BDM as a Python dict inside Nova, with where it came from in the document. */
export interface WorkingBdm {
  entry: number | null;
  syntax: 'v2' | 'v1' | 'implicit';
  implicit?: NovaBdm['implicit'];
  d: Record<string, unknown>;
  model?: EntryModel;
  /** Nova refused this entry; it is kept only for request-wide rules */
  failed?: boolean;
  /** its NovaBdm, once built (see toNovaBdm) */
  nova?: NovaBdm;
}

export interface ServerJudgement {
  findings: Finding[];
  /** the BDMs Nova would hand the compute node; null when Nova would refuse the request */
  bdms: WorkingBdm[] | null;
  /** entry index -> the working BDM it became (for hovers, even when the request fails) */
  perEntry: Array<WorkingBdm | undefined>;
}

interface Input {
  /** the request's source: its body and places */
  doc: SourceDoc;
  v2: EntryModel[];
  v1: EntryModel[];
  context: Context;
  /** entries with a schema error (Nova would have stopped before them) */
  schemaBad: Set<string>;
  schemaFailed: boolean;
  /** microversion 2.0 strips unknown keys */
  legacyV2: boolean;
  /** Glance/Cinder contents from a lab host; absent: data-dependent rules are not judged */
  inventory?: Inventory;
}

/** Size of a volume or snapshot when no lab host says (the size Nova's own test stubs use). */
const ASSUMED_CINDER_SIZE_GB = 10;
const V2_KNOWN = new Set(['virtual_name', 'volume_id', 'snapshot_id', 'volume_size', 'device_name', 'delete_on_termination', 'no_device', 'connection_info', 'source_type', 'uuid', 'image_id', 'destination_type', 'guest_format', 'device_type', 'disk_bus', 'boot_index']); // the 2.0 schema (no tag, no volume_type)
const BDM_FIELDS = new Set(['source_type', 'destination_type', 'guest_format', 'device_type', 'disk_bus', 'boot_index', 'device_name', 'delete_on_termination', 'snapshot_id', 'volume_id', 'volume_size', 'image_id', 'no_device', 'connection_info', 'tag', 'volume_type', 'encrypted', 'encryption_secret_uuid', 'encryption_format', 'encryption_options', 'id', 'instance_uuid', 'attachment_id', 'uuid', 'created_at', 'updated_at', 'deleted_at', 'deleted']);

export function judgeServer(inp: Input): ServerJudgement {
  const findings: Finding[] = [];
  const perEntry: Array<WorkingBdm | undefined> = [];
  const doc = inp.doc;
  const sv = (k: string) => doc.valueAt(['server', k]);
  const imageRef = sv('imageRef');
  const imageGiven = typeof imageRef === 'string' ? imageRef !== '' : imageRef !== undefined && imageRef !== null;
  const ctx = inp.context;
  const at = (m: EntryModel, key?: string): Span => new FieldSpan(m, key);
  const push = (f: Omit<Finding, 'path'> & { path?: string }) => findings.push({ path: f.path ?? '', ...f });

  // --- controller: min_count <= max_count, then the BDM syntaxes (S2) ---
  let stop = inp.schemaFailed;
  if (!inp.schemaBad.has('server.min_count') && !inp.schemaBad.has('server.max_count')) {
    const minC = pyInt(sv('min_count') ?? 1) ?? 1;
    const maxC = pyInt(sv('max_count') ?? minC) ?? minC;
    if (minC > maxC) {
      const p = doc.locate(['server', 'min_count'], 'key') ?? doc.locate(['server', 'max_count'], 'key');
      push({ code: 'BDM-API-MIN-MAX-COUNT', span: p ?? { offset: 0, length: 1 }, entry: null, path: 'server.min_count', order: API.wide('BDM-API-MIN-MAX-COUNT') });
      stop = true;
    }
  }
  if (inp.v1.length > 0 && inp.v2.length > 0) {
    const p = doc.locate(['server', 'block_device_mapping'], 'key');
    push({
      code: 'BDM-API-MIXED-SYNTAX', span: p ?? { offset: 0, length: 1 }, entry: null, path: 'server.block_device_mapping', order: API.wide('BDM-API-MIXED-SYNTAX'),
      related: [{ span: doc.locate(['server', 'block_device_mapping_v2'], 'key')!, message: 'block_device_mapping_v2 is also non-empty' }],
    });
    return { findings, bdms: null, perEntry };
  }
  // Nova takes the legacy path unless block_device_mapping_v2 is non-empty: a request with no
  // entries at all is converted like an empty legacy list, which adds the implicit image root.
  const legacy = inp.v2.length === 0;
  const server = doc.valueAt(['server']);
  if (!server || typeof server !== 'object' || Array.isArray(server)) return { findings, bdms: null, perEntry };

  // --- BlockDeviceDict.from_api per v2 entry, in list order (S3) ---
  // `wide` holds every object entry in request order: the ones Nova converted, and a best-effort
  // shadow of the ones it refused, so that request-wide rules can still be reported together.
  const wide: WorkingBdm[] = [];
  let dictFailed = false;
  const poisoned = new Set<number>();
  const badFields = new Set<string>();
  let nonObject = false;
  // A refused entry: reported, and kept as a shadow for the request-wide rules.
  const shadow = (m: EntryModel, d: Record<string, unknown>) => {
    const sd: Record<string, unknown> = { ...d };
    if (truthy(sd.boot_index)) sd.boot_index = pyInt(sd.boot_index);
    if (truthy(sd.volume_size)) sd.volume_size = pyInt(sd.volume_size);
    wide.push({ entry: m.index, syntax: 'v2', d: sd, model: m, failed: true });
  };
  const fail = (m: EntryModel, d: Record<string, unknown>, code: RuleId, key?: string, args?: Record<string, string | number>) => {
    push({ code, span: at(m, key), entry: m.index, path: fieldPath(m, key), args, order: DICT.each(code, m.index) });
    dictFailed = true;
    poisoned.add(m.index);
    shadow(m, d);
  };
  // Nothing stripped or refused by the schema: every entry's dict is a copy of its values.
  const plainCopy = !inp.legacyV2 && inp.schemaBad.size === 0;
  for (const m of legacy ? [] : inp.v2) {
    if (!m.isObject) { poisoned.add(m.index); nonObject = true; continue; }
    const vals = m.values;
    // The dict holds every field but uuid (which becomes <source_type>_id below); nothing reads
    // a refused entry's uuid, so its shadow goes without it too.
    const d: Record<string, unknown> = {};
    let uuid: unknown;
    // only an entry with a schema error at or below it can have fields with one
    const entryBad = !plainCopy && entryHasSchemaError(inp, m);
    // keys BlockDeviceDict._validate refuses, in the dict's order
    let invalid: string[] | null = null;
    for (const k in vals) {
      if (!plainCopy) {
        if (inp.legacyV2 && !V2_KNOWN.has(k)) continue; // stripped by the /v2 endpoint
        if (entryBad && fieldHasSchemaError(inp, m, k)) { badFields.add(k); continue; }
      }
      if (k === 'uuid') { uuid = vals[k]; continue; }
      if (k === '__proto__') Object.defineProperty(d, k, { value: vals[k], enumerable: true, writable: true, configurable: true });
      else d[k] = vals[k];
      if (!BDM_FIELDS.has(k)) (invalid ??= []).push(k);
    }
    if (entryBad) { poisoned.add(m.index); shadow(m, d); continue; }
    const noDevice = truthy(d.no_device);
    if (noDevice) {
      push({ code: 'BDM-DICT-NO-DEVICE-SKIP', span: at(m, 'no_device'), entry: m.index, path: fieldPath(m, 'no_device'), order: entryNoteOrder('BDM-DICT-NO-DEVICE-SKIP', m.index) });
    } else {
      const st = d.source_type as string | undefined;
      const dest = d.destination_type;
      const vt = d.volume_type;
      if (st === 'blank' && truthy(uuid)) { fail(m, d, 'BDM-DICT-BLANK-WITH-UUID', 'uuid'); continue; }
      if (st !== 'blank') {
        if (!truthy(uuid)) { fail(m, d, 'BDM-DICT-MISSING-UUID', 'uuid' in vals ? 'uuid' : 'source_type' in vals ? 'source_type' : undefined); continue; }
        if (st === undefined || st === null) { fail(m, d, 'BDM-DICT-SOURCE-TYPE-MISSING', 'uuid'); continue; }
        if (st === 'volume') d.volume_id = uuid;
        else if (st === 'image') d.image_id = uuid;
        else if (st === 'snapshot') d.snapshot_id = uuid;
        else {
          const k = `${st}_id`;
          d[k] = uuid;
          if (!BDM_FIELDS.has(k)) (invalid ??= []).push(k);
        }
      }
      if (st === 'image' && dest === 'local') {
        const bi = d.boot_index === undefined || d.boot_index === null ? -1 : pyInt(d.boot_index);
        if (!(imageGiven && bi === 0)) { fail(m, d, 'BDM-DICT-IMAGE-LOCAL-BOOT', 'boot_index' in vals && imageGiven ? 'boot_index' : 'destination_type'); continue; }
      }
      if (dest === 'local' && truthy(vt)) { fail(m, d, 'BDM-DICT-VOLTYPE-LOCAL', 'volume_type'); continue; }
      if (st === 'volume' && truthy(vt)) { fail(m, d, 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', 'volume_type'); continue; }
    }
    // BlockDeviceDict._validate
    if (invalid) { fail(m, d, 'BDM-DICT-INVALID-FIELDS', invalid[0], { fields: invalid.join(' ') }); continue; }
    if (!noDevice) {
      if ('delete_on_termination' in d) d.delete_on_termination = boolFromString(d.delete_on_termination);
      if (d.volume_size !== undefined && d.volume_size !== null && truthy(d.volume_size)) {
        const vsPath = [...m.path, 'volume_size'];
        if (!m.plainNumbers && isPyFloat(doc, vsPath)) { fail(m, d, 'BDM-DICT-VOLUME-SIZE', 'volume_size', { raw: doc.numberText(vsPath) as string }); continue; }
        d.volume_size = pyInt(d.volume_size);
      }
      if (truthy(d.boot_index)) d.boot_index = pyInt(d.boot_index);
    }
    if (d.device_name) d.device_name = prependDev(d.device_name as string);
    d.delete_on_termination = truthy(d.delete_on_termination);
    const w: WorkingBdm = { entry: m.index, syntax: 'v2', d, model: m };
    wide.push(w);
    perEntry[m.index] = w;
  }
  if (dictFailed || poisoned.size > 0) stop = true;

  // --- imageRef needed when there are no BDMs (S4) ---
  const hasBdms = inp.v2.length > 0 || inp.v1.length > 0;
  if (doc.covers('server.imageRef') && !hasBdms && !imageGiven && !inp.schemaBad.has('server.imageRef')) {
    push({ code: 'BDM-API-MISSING-IMAGEREF', span: doc.locate(['server', 'imageRef'], 'key') ?? serverKey(doc), entry: null, path: 'server.imageRef', order: IMAGE_REF.wide('BDM-API-MISSING-IMAGEREF') });
    stop = true;
  }

  // --- compute API: the image (S5): imageRef from Glance, else the root entry's metadata ---
  const inv = inp.inventory;
  if (inv) {
    if (imageGiven) {
      if (!inv.images.some((i) => i.id === imageRef)) {
        push({ code: 'BDM-COMPUTE-IMAGEREF-EXISTS', span: doc.locate(['server', 'imageRef'], 'value') ?? serverKey(doc), entry: null, path: 'server.imageRef', args: { src: inv.source }, order: IMAGE_REF.wide('BDM-COMPUTE-IMAGEREF-EXISTS') });
        stop = true;
      }
    } else if (rootMetadataChecks(inv, legacy ? [] : wide, push, at)) stop = true;
  }

  // --- compute API: _check_and_transform_bdm (S6) ---
  const imageProps = ctx.libvirt.image_properties ?? {};
  const rootName = imageProps.root_device_name ? prependDev(imageProps.root_device_name) : 'vda';
  if (imageGiven && !legacy) {
    const first = wide.find((w) => !w.failed && w.d.destination_type === 'volume' && stripDev(w.d.device_name as string) === rootName);
    if (first && first.model) {
      push({ code: 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', span: at(first.model, 'device_name'), entry: first.entry, path: fieldPath(first.model, 'device_name'), args: { root: rootName as string }, order: COMPUTE.wide('BDM-COMPUTE-ROOT-DEVNAME-CONFLICT') });
      stop = true;
    }
  }
  let all: WorkingBdm[] = wide;
  // A request-wide rule is judged only when no entry hides the fields it reads.
  const readable = (...fields: string[]) => !nonObject && fields.every((f) => !badFields.has(f));
  if (legacy) {
    const conv = convertLegacy(inp, imageGiven ? String(imageRef) : '', rootName as string, push);
    if (conv === null) stop = true;
    else {
      all = conv;
      for (const w of conv) if (w.entry !== null) perEntry[w.entry] = w;
    }
  }
  const minC = pyInt(sv('min_count') ?? 1) ?? 1;
  const maxC = pyInt(sv('max_count') ?? minC) ?? minC;
  if ((minC > 1 || maxC > 1) && readable('source_type')) {
    const vol = all.find((w) => w.d.source_type === 'volume');
    if (vol) {
      push({ code: 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME', span: vol.model ? at(vol.model, 'source_type') : { offset: 0, length: 1 }, entry: vol.entry, path: vol.model ? fieldPath(vol.model, 'source_type') : '', order: COMPUTE.wide('BDM-COMPUTE-MULTI-INSTANCE-VOLUME') });
      stop = true;
    }
  }
  // flavor-defined ephemeral and swap
  const flavor = ctx.flavor;
  if (flavor) {
    const hasEph = all.some((w) => isEph(w.d));
    const hasSwap = all.some((w) => isSwapD(w.d));
    if (flavor.ephemeral_gb && !hasEph) all = [...all, implicitBlank(flavor.ephemeral_gb, null)];
    if (flavor.swap_mb && !hasSwap) all = [...all, implicitBlank(flavor.swap_mb, 'swap')];
  }
  // building BlockDeviceMapping objects: device_type is an enum field
  for (const w of all) {
    if (w.failed) continue;
    const dt = w.d.device_type;
    if (dt !== undefined && dt !== null && !DEVICE_TYPES.includes(String(dt))) {
      if (w.model) push({ code: 'BDM-COMPUTE-DEVICE-TYPE', span: at(w.model, 'device_type'), entry: w.entry, path: fieldPath(w.model, 'device_type'), order: COMPUTE.each('BDM-COMPUTE-DEVICE-TYPE', w.entry ?? 0) });
      stop = true;
    }
  }

  // --- _validate_flavor_image_nostatus: zero-disk flavor (S7) ---
  const root = all.find((w) => pyInt(w.d.boot_index) === 0 && w.d.boot_index !== null && w.d.boot_index !== undefined);
  if (flavor && flavor.root_gb === 0 && !ctx.zero_disk_flavor_allowed && readable('boot_index', 'destination_type', 'source_type', 'uuid')) {
    const imageMeta = imageGiven || hasRootMetadata(all, legacy);
    if (imageMeta && !(root && root.d.destination_type === 'volume')) {
      const sp = root?.model ? at(root.model, 'destination_type') : doc.covers('server.imageRef') ? (doc.locate(['server', 'imageRef'], 'key') ?? serverKey(doc)) : { offset: 0, length: 1 };
      push({ code: 'BDM-COMPUTE-ZERO-DISK-FLAVOR', span: sp, entry: root?.entry ?? null, path: root?.model ? fieldPath(root.model, 'destination_type') : 'server.imageRef', order: FLAVOR.wide('BDM-COMPUTE-ZERO-DISK-FLAVOR') });
      stop = true;
    }
  }

  if (inv && flavor && flavor.root_gb > 0 && imageGiven && !(root && root.d.destination_type === 'volume')) {
    const img = inv.images.find((i) => i.id === imageRef);
    if (img && img.size_gib > flavor.root_gb) {
      push({ code: 'BDM-COMPUTE-FLAVOR-DISK', span: doc.locate(['server', 'imageRef'], 'value') ?? serverKey(doc), entry: null, path: 'server.imageRef', args: { flavor: flavor.root_gb * 2 ** 30, image: img.size_gib * 2 ** 30 }, order: FLAVOR.wide('BDM-COMPUTE-FLAVOR-DISK') });
      stop = true;
    }
  }
  // --- _get_volumes_for_bdms: every volume id must be in Cinder (S8) ---
  if (inv) {
    for (const w of all) {
      const vid = w.d.volume_id;
      if (w.failed || vid === undefined || vid === null || inv.volumes.some((v) => v.id === vid)) continue;
      push({ code: 'BDM-COMPUTE-VOLUME-EXISTS', span: w.model ? at(w.model, 'uuid') : listKey(inp), entry: w.entry, path: w.model ? fieldPath(w.model, 'uuid') : '', args: { id: String(vid), src: inv.source }, order: VOLUMES.each('BDM-COMPUTE-VOLUME-EXISTS', w.entry ?? 0) });
      stop = true;
      break;
    }
  }

  // --- _validate_bdm (S9) ---
  if (!nonObject) validateBdm(inp, all, push, at, readable);
  if (!flavor && hasBdms) {
    const fr = doc.locate(['server', 'flavorRef'], 'key');
    push({ code: 'BDM-CONTEXT-FLAVOR-UNKNOWN', span: fr ?? listKey(inp), entry: null, path: fr ? 'server.flavorRef' : '', order: requestNoteOrder('BDM-CONTEXT-FLAVOR-UNKNOWN') });
  }
  if (flavor) {
    for (const w of all.filter((x) => x.implicit)) {
      push({ code: 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS', span: listKey(inp), entry: null, path: '', args: { what: w.implicit === 'flavor-swap' ? `swap disk of ${w.d.volume_size} MiB` : `ephemeral disk of ${w.d.volume_size} GiB` }, order: requestNoteOrder('BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS') });
    }
  }
  // accepted entries that become no disk
  for (const w of all) {
    if (!w.model || w.failed || truthy(w.d.no_device)) continue;
    const nb = toNovaBdm(w);
    if (driverClassOf(nb) === null) {
      const why = nb.destination_type === null
        ? 'destination_type is missing, so no driver class takes the entry. Add "destination_type": "volume" (or "local" for blank/image root).'
        : `${nb.source_type}→${nb.destination_type} is not a combination any driver class handles (only image/blank may be local). It still counts as a local device. Use "destination_type": "volume".`;
      push({ code: 'BDM-VIRT-NO-CLASS', span: at(w.model, 'destination_type'), entry: w.entry, path: fieldPath(w.model), args: { why }, order: entryNoteOrder('BDM-VIRT-NO-CLASS', w.entry ?? 0) });
    }
  }
  const hasError = findings.some((f) => !['BDM-DICT-NO-DEVICE-SKIP', 'BDM-CONTEXT-FLAVOR-UNKNOWN', 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS', 'BDM-VIRT-NO-CLASS'].includes(f.code) && f.order[0] < 9);
  return { findings, bdms: stop || hasError ? null : all, perEntry };
}

function validateBdm(inp: Input, all: WorkingBdm[], push: (f: Omit<Finding, 'path'> & { path?: string }) => void, at: (m: EntryModel, key?: string) => Span, readable: (...f: string[]) => boolean) {
  const ctx = inp.context;
  const flavor = ctx.flavor;
  const bootable = all.filter((w) => w.d.boot_index !== null && w.d.boot_index !== undefined && (pyInt(w.d.boot_index) ?? -1) >= 0);
  const idx = bootable.map((w) => pyInt(w.d.boot_index) as number).sort((a, b) => a - b);
  if (readable('boot_index') && (idx.length === 0 || idx.some((v, i) => v !== i))) {
    const detail = idx.length === 0 ? 'no entry has boot_index 0. Give the root disk "boot_index": 0 (with imageRef, Nova adds no image root for v2: add an image→local entry with boot_index 0).' : `the bootable indexes are ${idx.join(', ')}; expected ${idx.map((_, i) => i).join(', ')}.`;
    const blame = bootable.find((w, _i, arr) => arr.filter((x) => pyInt(x.d.boot_index) === pyInt(w.d.boot_index)).length > 1 && w.model)
      ?? bootable.find((w) => w.model && (pyInt(w.d.boot_index) as number) >= idx.length)
      ?? bootable.find((w) => w.model);
    push({
      code: 'BDM-COMPUTE-BOOT-SEQUENCE',
      span: blame?.model ? at(blame.model, 'boot_index') : listKey(inp),
      entry: blame?.entry ?? null,
      path: blame?.model ? fieldPath(blame.model, 'boot_index') : listPath(inp),
      args: { detail },
      related: bootable.filter((w) => w.model && w !== blame).map((w) => ({ span: at(w.model!, 'boot_index'), message: `boot_index ${pyInt(w.d.boot_index)}` })),
      order: VALIDATE_BDM.wide('BDM-COMPUTE-BOOT-SEQUENCE'),
    });
  }
  const imageRef = inp.doc.valueAt(['server', 'imageRef']);
  const inv = inp.inventory;
  all.forEach((w, i) => {
    if (w.failed) return;
    const m = w.model;
    const put = (code: RuleId, key: string | undefined, args?: Record<string, string | number>) =>
      push({ code, span: m ? at(m, key) : listKey(inp), entry: w.entry, path: m ? fieldPath(m, key) : listPath(inp), args, order: VALIDATE_BDM.each(code, i) });
    const vt = w.d.volume_type;
    if (truthy(vt) && ctx.cinder_volume_types) {
      const ok = ctx.cinder_volume_types.some((t) => t.name === vt || t.id === vt);
      if (!ok) put('BDM-COMPUTE-VOLUME-TYPE-EXISTS', 'volume_type', { type: String(vt), known: ctx.cinder_volume_types.map((t) => t.name).join(', ') || 'none' });
    }
    const imageId = w.d.image_id;
    const volumeId = w.d.volume_id;
    const snapshotId = w.d.snapshot_id;
    if (imageId !== undefined && imageId !== null) {
      if (inv && imageId !== imageRef && !inv.images.some((x) => x.id === imageId)) put('BDM-COMPUTE-BDM-IMAGE-EXISTS', 'uuid', { id: String(imageId) });
      else if (w.d.source_type === 'image' && w.d.destination_type === 'volume' && !truthy(w.d.volume_size)) put('BDM-COMPUTE-IMAGE-VOLUME-SIZE', w.model && hasField(w.model, 'volume_size') ? 'volume_size' : 'destination_type');
    } else if (volumeId !== undefined && volumeId !== null) {
      // Cinder's answer: the volume must be attachable (available, or in-use when multiattach).
      const v = inv?.volumes.find((x) => x.id === volumeId);
      // Nova then takes the volume's size from Cinder, even for an entry whose volume_id is a
      // stray (a blank→local one): that size then counts in the ephemeral and swap rules.
      // Without an inventory the size is unknown; bdm-lab assumes 10 GiB, as Nova's test stubs do.
      if (v) w.d.volume_size = v.size;
      else if (w.d.source_type !== 'volume') w.d.volume_size = ASSUMED_CINDER_SIZE_GB; // only a stray id changes a verdict
      if (v && v.multiattach && mvMinor(ctx.microversion) < 60) put('BDM-COMPUTE-MULTIATTACH-MICROVERSION', 'uuid');
      else if (v && !(v.status === 'available' || v.status === 'downloading' || (v.multiattach && v.status === 'in-use'))) {
        put('BDM-COMPUTE-VOLUME-STATE', 'uuid', { reason: `Invalid input received: Invalid volume: Volume ${v.id} status must be available or downloading to reserve, but the current status is ${v.status}.` });
      }
    } else if (snapshotId !== undefined && snapshotId !== null) {
      const snap = inv?.snapshots.find((x) => x.id === snapshotId);
      if (inv && !snap) put('BDM-COMPUTE-SNAPSHOT-EXISTS', 'uuid', { id: String(snapshotId) });
      else if (!truthy(w.d.volume_size) && (snap || w.d.source_type !== 'snapshot')) w.d.volume_size = snap ? snap.size : ASSUMED_CINDER_SIZE_GB;
    } else if (w.d.source_type === 'blank' && w.d.destination_type === 'volume' && !truthy(w.d.volume_size)) {
      put('BDM-COMPUTE-BLANK-VOLUME-SIZE', w.model && hasField(w.model, 'volume_size') ? 'volume_size' : 'destination_type');
    }
    const bus = w.d.disk_bus;
    if (truthy(bus) && !DISK_BUSES.includes(String(bus))) put('BDM-COMPUTE-DISK-BUS', 'disk_bus', { bus: String(bus) });
  });
  const sized = readable('source_type', 'destination_type', 'guest_format', 'volume_size');
  if (flavor && sized) {
    const eph = all.filter((w) => isEph(w.d));
    const sum = eph.reduce((s, w) => s + ((pyInt(w.d.volume_size) || 0) || flavor.ephemeral_gb), 0);
    if (sum > flavor.ephemeral_gb) {
      const blame = eph.find((w) => w.model);
      push({ code: 'BDM-COMPUTE-EPHEMERAL-SIZE', span: blame?.model ? at(blame.model, 'volume_size') : listKey(inp), entry: blame?.entry ?? null, path: listPath(inp), args: { sum, max: flavor.ephemeral_gb }, related: eph.filter((w) => w.model && w !== blame).map((w) => ({ span: at(w.model!, 'volume_size'), message: 'ephemeral disk' })), order: VALIDATE_BDM.wide('BDM-COMPUTE-EPHEMERAL-SIZE') });
    }
  }
  const swaps = all.filter((w) => isSwapD(w.d));
  if (!sized) { /* swap rules need these fields */ } else if (swaps.length > 1) {
    const blame = swaps.filter((w) => w.model)[1] ?? swaps[0];
    push({ code: 'BDM-COMPUTE-SWAP-COUNT', span: blame.model ? at(blame.model, 'guest_format') : listKey(inp), entry: blame.entry, path: listPath(inp), related: swaps.filter((w) => w.model && w !== blame).map((w) => ({ span: at(w.model!, 'guest_format'), message: 'swap disk' })), order: VALIDATE_BDM.wide('BDM-COMPUTE-SWAP-COUNT') });
  } else if (swaps.length === 1 && flavor) {
    const size = pyInt(swaps[0].d.volume_size) || 0;
    if (size > flavor.swap_mb) {
      const w = swaps[0];
      push({ code: 'BDM-COMPUTE-SWAP-SIZE', span: w.model ? at(w.model, 'volume_size') : listKey(inp), entry: w.entry, path: w.model ? fieldPath(w.model, 'volume_size') : listPath(inp), args: { size, max: flavor.swap_mb }, order: VALIDATE_BDM.wide('BDM-COMPUTE-SWAP-SIZE') });
    }
  }
  const max = ctx.max_local_block_devices;
  if (max >= 0 && readable('destination_type')) {
    const locals = all.filter((w) => w.d.destination_type === 'local');
    // Without a flavor the implicit disks are unknown; the count can only be a lower bound.
    if (locals.length > max) {
      const blame = locals.filter((w) => w.model)[max] ?? locals.find((w) => w.model);
      push({ code: 'BDM-COMPUTE-LOCALS-LIMIT', span: blame?.model ? at(blame.model, 'destination_type') : listKey(inp), entry: blame?.entry ?? null, path: listPath(inp), args: { count: locals.length, max }, related: locals.filter((w) => w.model && w !== blame).map((w) => ({ span: at(w.model!, 'destination_type'), message: 'local device' })), order: VALIDATE_BDM.wide('BDM-COMPUTE-LOCALS-LIMIT') });
    }
  }
}

/** from_legacy_mapping: null when Nova refuses an item (a finding was pushed). */
function convertLegacy(inp: Input, imageRef: string, rootName: string, push: (f: Omit<Finding, 'path'> & { path?: string }) => void): WorkingBdm[] | null {
  const out: WorkingBdm[] = [];
  for (const m of inp.v1) {
    if (!m.isObject || entryHasSchemaError(inp, m)) return null;
    const src: Record<string, unknown> = { ...m.values };
    if ('delete_on_termination' in src) src.delete_on_termination = boolFromString(src.delete_on_termination);
    const d: Record<string, unknown> = {};
    for (const k of ['device_name', 'delete_on_termination', 'snapshot_id', 'volume_id', 'volume_size', 'no_device', 'connection_info']) if (k in src) d[k] = src[k];
    const vn = src.virtual_name;
    const fail = (code: RuleId, key: string | undefined, args?: Record<string, string | number>) => {
      push({ code, span: fieldOrStart(m, key), entry: m.index, path: fieldPath(m, key), args, order: COMPUTE.each(code, m.index) });
    };
    if (vn === 'swap' || (typeof vn === 'string' && /^ephemeral(\d|[1-9]\d+)$/.test(vn))) {
      Object.assign(d, { source_type: 'blank', delete_on_termination: true, destination_type: 'local', guest_format: vn === 'swap' ? 'swap' : null });
    } else if (truthy(src.snapshot_id)) Object.assign(d, { source_type: 'snapshot', destination_type: 'volume' });
    else if (truthy(src.volume_id)) Object.assign(d, { source_type: 'volume', destination_type: 'volume' });
    else if (!truthy(src.no_device)) { fail('BDM-LEGACY-CONVERSION', undefined); return null; }
    if (!truthy(d.no_device)) {
      if (truthy(d.volume_size) && isPyFloat(inp.doc, [...m.path, 'volume_size'])) { fail('BDM-LEGACY-ITEM-INVALID', 'volume_size', { detail: 'Invalid volume_size.' }); return null; }
      if (truthy(d.volume_size)) d.volume_size = pyInt(d.volume_size);
    }
    if (d.device_name) d.device_name = prependDev(d.device_name as string);
    d.delete_on_termination = truthy(d.delete_on_termination);
    out.push({ entry: m.index, syntax: 'v1', d, model: m });
  }
  let volumeBacked = false;
  for (const w of out) {
    if (['volume', 'snapshot', 'image'].includes(String(w.d.source_type)) && stripDev(w.d.device_name as string) === stripDev(rootName)) {
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

/** get_bdm_image_metadata finds metadata for the root: an image, volume or snapshot id on it. */
function hasRootMetadata(all: WorkingBdm[], legacy: boolean): boolean {
  for (const w of all) {
    if (legacy) {
      const dn = String(w.d.device_name ?? '');
      const letter = stripDev(dn)?.replace(/^((x?v|s|h)d)/, '').replace(/\d+$/, '');
      if (letter !== 'a') continue;
    } else if (pyInt(w.d.boot_index) !== 0 || w.d.boot_index === null || w.d.boot_index === undefined) continue;
    if (truthy(w.d.image_id) || truthy(w.d.volume_id) || truthy(w.d.snapshot_id)) return true;
  }
  return false;
}

function implicitBlank(size: number, guestFormat: string | null): WorkingBdm {
  return {
    entry: null, syntax: 'implicit', implicit: guestFormat === 'swap' ? 'flavor-swap' : 'flavor-ephemeral',
    d: { source_type: 'blank', delete_on_termination: true, device_type: 'disk', boot_index: -1, destination_type: 'local', guest_format: guestFormat, volume_size: size },
  };
}

function isEph(d: Record<string, unknown>) { return d.source_type === 'blank' && d.destination_type === 'local' && d.guest_format !== 'swap'; }
function isSwapD(d: Record<string, unknown>) { return d.source_type === 'blank' && d.destination_type === 'local' && d.guest_format === 'swap'; }

function entryHasSchemaError(inp: Input, m: EntryModel): boolean {
  if (inp.schemaBad.size === 0) return false;
  return badPrefixes(inp.schemaBad).has(fieldPath(m));
}

const BAD_PREFIXES = new WeakMap<Set<string>, Set<string>>();
/**
 * The entries with a schema error at or below them: each bad path up to its first index
 * (entry paths hold one index: server.block_device_mapping_v2[3]), and the bad paths themselves.
 * Built once per request, so asking per entry stays linear.
 */
function badPrefixes(bad: Set<string>): Set<string> {
  let out = BAD_PREFIXES.get(bad);
  if (!out) {
    out = new Set();
    for (const s of bad) {
      out.add(s);
      const j = s.indexOf(']');
      if (j >= 0) out.add(s.slice(0, j + 1));
    }
    BAD_PREFIXES.set(bad, out);
  }
  return out;
}

/** get_bdm_image_metadata on the root entry when there is no imageRef (S5). True: Nova refuses. */
function rootMetadataChecks(inv: Inventory, wide: WorkingBdm[], push: (f: Omit<Finding, 'path'> & { path?: string }) => void, at: (m: EntryModel, key?: string) => Span): boolean {
  for (const w of wide) {
    if (w.failed || pyInt(w.d.boot_index) !== 0 || w.d.boot_index === null || w.d.boot_index === undefined) continue;
    const fail = (code: RuleId, id: string) => {
      push({ code, span: w.model ? at(w.model, 'uuid') : { offset: 0, length: 1 }, entry: w.entry, path: w.model ? fieldPath(w.model, 'uuid') : '', args: { id, src: inv.source }, order: IMAGE_REF.wide(code) });
      return true;
    };
    let volumeId = w.d.volume_id as string | undefined;
    const snapshotId = w.d.snapshot_id as string | undefined;
    if (snapshotId) {
      const snap = inv.snapshots.find((x) => x.id === snapshotId);
      if (!snap) return fail('BDM-COMPUTE-SNAPSHOT-EXISTS', snapshotId);
      volumeId = snap.volume_id;
    }
    const imageId = w.d.image_id as string | undefined;
    if (imageId) return inv.images.some((x) => x.id === imageId) ? false : fail('BDM-COMPUTE-ROOT-IMAGE-EXISTS', imageId);
    if (volumeId) {
      const v = inv.volumes.find((x) => x.id === volumeId);
      if (!v) return snapshotId ? false : fail('BDM-COMPUTE-ROOT-VOLUME-EXISTS', volumeId);
      if (!v.bootable) return fail('BDM-COMPUTE-ROOT-VOLUME-BOOTABLE', volumeId);
      return false;
    }
  }
  return false;
}

function fieldHasSchemaError(inp: Input, m: EntryModel, key: string): boolean {
  return inp.schemaBad.size > 0 && inp.schemaBad.has(fieldPath(m, key));
}

function serverKey(doc: SourceDoc): Span {
  return doc.locate(['server'], 'key') ?? { offset: 0, length: 1 };
}
function listKey(inp: Input): Span {
  const doc = inp.doc;
  return doc.locate(['server', 'block_device_mapping_v2'], 'key') ?? doc.locate(['server', 'block_device_mapping'], 'key') ?? serverKey(doc);
}
function listPath(inp: Input): string {
  return inp.v1.length ? 'server.block_device_mapping' : 'server.block_device_mapping_v2';
}

/** The NovaBdm of a working BDM, built once (the analysis asks for it from several places). */
export function toNovaBdm(w: WorkingBdm): NovaBdm {
  return (w.nova ??= buildNovaBdm(w));
}

function buildNovaBdm(w: WorkingBdm): NovaBdm {
  const d = w.d;
  const st = d.source_type as SourceType | undefined;
  const bi = d.boot_index === null || d.boot_index === undefined ? null : pyInt(d.boot_index);
  const idFor = st === 'image' ? d.image_id : st === 'volume' ? d.volume_id : st === 'snapshot' ? d.snapshot_id : null;
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    entry: w.entry,
    implicit: w.implicit,
    source_type: st ?? null,
    destination_type: (d.destination_type as DestinationType | undefined) ?? null,
    guest_format: str(d.guest_format),
    boot_index: bi,
    device_name: str(d.device_name),
    disk_bus: str(d.disk_bus),
    device_type: str(d.device_type),
    volume_size: d.volume_size === undefined || d.volume_size === null ? null : pyInt(d.volume_size),
    uuid: str(idFor),
    no_device: truthy(d.no_device),
    delete_on_termination: truthy(d.delete_on_termination),
    volume_type: str(d.volume_type),
    tag: str(d.tag),
  };
}
