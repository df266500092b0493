/**
 * Stage 7, the compute API's _validate_bdm (upstream: nova/compute/api.py): the boot sequence,
 * each BDM (volume type, image/volume/snapshot with a lab host, sizes, bus), then the flavor's
 * ephemeral, swap and local-device limits.
 */
import { fieldPath } from '../../source/places';
import { hasField } from '../../source/places';
import { mvMinor } from '../../model/context';
import type { Inventory } from '../../model/inventory';
import type { Context } from '../../model/context';
import { STAGE, stageOrder, type Step } from '../order';
import type { RuleId } from '../table';
import { truthy, pyInt, DISK_BUSES } from '../novaValues';
import { isEph, isSwapD, type Judging, type WorkingBdm } from './judging';
import { inventoryIndex } from '../../model/inventory';

export const VALIDATE_BDM_STEPS: readonly Step[] = [
  'BDM-COMPUTE-BOOT-SEQUENCE',
  {
    each: [
      ['BDM-COMPUTE-VOLUME-TYPE-EXISTS'],
      ['BDM-COMPUTE-BDM-IMAGE-EXISTS', 'BDM-COMPUTE-MULTIATTACH-MICROVERSION', 'BDM-COMPUTE-VOLUME-STATE', 'BDM-COMPUTE-SNAPSHOT-EXISTS'],
      ['BDM-COMPUTE-IMAGE-VOLUME-SIZE', 'BDM-COMPUTE-BLANK-VOLUME-SIZE'],
      ['BDM-COMPUTE-DISK-BUS'],
    ],
  },
  'BDM-COMPUTE-EPHEMERAL-SIZE',
  'BDM-COMPUTE-SWAP-COUNT',
  'BDM-COMPUTE-SWAP-SIZE',
  'BDM-COMPUTE-LOCALS-LIMIT',
];
export const VALIDATE_BDM = stageOrder(STAGE.validateBdm, VALIDATE_BDM_STEPS);

/** Size of a volume or snapshot when no lab host says (the size Nova's own test stubs use). */
export const ASSUMED_CINDER_SIZE_GB = 10;

export function validateBdm(j: Judging): void {
  if (j.nonObject) return;
  checkBootSequence(j);
  j.all.forEach((w, i) => { if (!w.failed) checkEach(j, w, i); });
  checkSizes(j);
}

function checkBootSequence(j: Judging): void {
  if (onlyBootIndexZero(j.all)) return;
  const bootable = j.all.filter((w) => w.d.boot_index !== null && w.d.boot_index !== undefined && (pyInt(w.d.boot_index) ?? -1) >= 0);
  const idx = bootable.map((w) => pyInt(w.d.boot_index) as number).sort((a, b) => a - b);
  if (!(j.readable('boot_index') && (idx.length === 0 || idx.some((v, i) => v !== i)))) return;
  const detail = idx.length === 0 ? 'no entry has boot_index 0. Give the root disk "boot_index": 0 (with imageRef, Nova adds no image root for v2: add an image→local entry with boot_index 0).' : sequenceDetail(idx);
  // the first entry whose boot_index another one shares (counted once: thousands of entries
  // compared pairwise froze the check), else the first past the expected range, else the first
  const seen = new Map<number, number>();
  for (const v of idx) seen.set(v, (seen.get(v) ?? 0) + 1);
  const blame = bootable.find((w) => (seen.get(pyInt(w.d.boot_index) as number) ?? 0) > 1 && w.model)
    ?? bootable.find((w) => w.model && (pyInt(w.d.boot_index) as number) >= idx.length)
    ?? bootable.find((w) => w.model);
  j.push({
    code: 'BDM-COMPUTE-BOOT-SEQUENCE',
    span: blame?.model ? j.at(blame.model, 'boot_index') : j.listKey(),
    entry: blame?.entry ?? null,
    path: blame?.model ? fieldPath(blame.model, 'boot_index') : j.listPath(),
    args: { detail },
    related: bootable.filter((w) => w.model && w !== blame).map((w) => ({ span: j.at(w.model!, 'boot_index'), message: `boot_index ${pyInt(w.d.boot_index)}` })),
    order: VALIDATE_BDM.wide('BDM-COMPUTE-BOOT-SEQUENCE'),
  });
}

/**
 * Whether exactly one BDM is bootable and its boot_index is 0 (the common request: its sequence is
 * in order, so checkBootSequence has nothing to say), found without the lists it makes.
 */
function onlyBootIndexZero(all: readonly WorkingBdm[]): boolean {
  let zero = false;
  for (let i = 0; i < all.length; i++) {
    const v = all[i].d.boot_index;
    if (v === null || v === undefined) continue;
    const n = pyInt(v) ?? -1;
    if (n < 0) continue;
    if (n !== 0 || zero) return false;
    zero = true;
  }
  return zero;
}

/** Longer sorted lists of bootable indexes are shown by their ends and where they first go wrong. */
const LIST_ALL_UP_TO = 12;

/**
 * What is wrong with the sorted bootable indexes `idx`: all of them and the expected 0..n-1; for a
 * long list (thousands of entries wrote a message of hundreds of kilobytes) their ends, their
 * number and the first one out of place.
 */
function sequenceDetail(idx: number[]): string {
  const n = idx.length;
  if (n <= LIST_ALL_UP_TO) return `the bootable indexes are ${idx.join(', ')}; expected ${idx.map((_, i) => i).join(', ')}.`;
  const at = idx.findIndex((v, i) => v !== i);
  return `the ${n} bootable indexes are ${idx.slice(0, 4).join(', ')}, …, ${idx.slice(-2).join(', ')}; expected 0, 1, 2, 3, …, ${n - 2}, ${n - 1}; the first out of place is ${idx[at]} where ${at} is expected.`;
}

/** A finding of the i-th BDM the loop visits (a plain function: no closure per entry). */
function put(j: Judging, w: WorkingBdm, i: number, code: RuleId, key: string | undefined, args?: Record<string, string | number>): void {
  const { span, path } = j.where(w, key);
  j.push({ code, span, entry: w.entry, path, args, order: VALIDATE_BDM.each(code, i) });
}

/** The checks of one BDM, in _validate_bdm's order (the i-th BDM the loop visits). */
function checkEach(j: Judging, w: WorkingBdm, i: number): void {
  const ctx = j.ctx;
  const vt = w.d.volume_type;
  if (truthy(vt) && ctx.cinder_volume_types) {
    // the first type of Cinder's list with that id or name; Nova stores its name in the BDM
    const found = ctx.cinder_volume_types.find((t) => t.id === vt || t.name === vt);
    if (!found) put(j, w, i, 'BDM-COMPUTE-VOLUME-TYPE-EXISTS', 'volume_type', { type: String(vt), known: ctx.cinder_volume_types.map((t) => t.name).join(', ') || 'none' });
    else if (found.name !== vt) {
      w.d.volume_type = found.name;
      w.nova = undefined;
    }
  }
  checkSource(j, w, i, j.inp.inventory, ctx);
  const bus = w.d.disk_bus;
  if (truthy(bus) && !DISK_BUSES.includes(String(bus))) put(j, w, i, 'BDM-COMPUTE-DISK-BUS', 'disk_bus', { bus: String(bus) });
}

/** Where a size problem of the BDM is shown: its volume_size, else its destination_type. */
function sizeKeyOf(w: WorkingBdm): string {
  return w.model && hasField(w.model, 'volume_size') ? 'volume_size' : 'destination_type';
}

/** The BDM's image, volume or snapshot (with a lab host), and the sizes Nova needs or takes from Cinder. */
function checkSource(j: Judging, w: WorkingBdm, i: number, inv: Inventory | undefined, ctx: Context): void {
  const { image_id: imageId, volume_id: volumeId, snapshot_id: snapshotId } = w.d;
  if (imageId !== undefined && imageId !== null) {
    if (inv && imageId !== j.imageRef && !inv.images.some((x) => x.id === imageId)) put(j, w, i, 'BDM-COMPUTE-BDM-IMAGE-EXISTS', 'uuid', { id: String(imageId) });
    else if (w.d.source_type === 'image' && w.d.destination_type === 'volume' && !truthy(w.d.volume_size)) put(j, w, i, 'BDM-COMPUTE-IMAGE-VOLUME-SIZE', sizeKeyOf(w));
  } else if (volumeId !== undefined && volumeId !== null) {
    // Cinder's answer: the volume must be attachable (available, or in-use when multiattach).
    const v = (inv ? inventoryIndex(inv).volumes.get(volumeId) : undefined);
    // Nova then takes the volume's size from Cinder, even for an entry whose volume_id is a
    // stray (a blank→local one): that size then counts in the ephemeral and swap rules.
    // Without an inventory the size is unknown; bdm-lab assumes 10 GiB, as Nova's test stubs do.
    if (v) w.d.volume_size = v.size;
    else if (w.d.source_type !== 'volume') w.d.volume_size = ASSUMED_CINDER_SIZE_GB; // only a stray id changes a verdict
    if (v && v.multiattach && mvMinor(ctx.microversion) < 60) put(j, w, i, 'BDM-COMPUTE-MULTIATTACH-MICROVERSION', 'uuid');
    else if (v && !(v.status === 'available' || v.status === 'downloading' || (v.multiattach && v.status === 'in-use'))) {
      put(j, w, i, 'BDM-COMPUTE-VOLUME-STATE', 'uuid', { reason: `Invalid input received: Invalid volume: Volume ${v.id} status must be available or downloading to reserve, but the current status is ${v.status}.` });
    }
  } else if (snapshotId !== undefined && snapshotId !== null) {
    const snap = (inv ? inventoryIndex(inv).snapshots.get(snapshotId) : undefined);
    if (inv && !snap) put(j, w, i, 'BDM-COMPUTE-SNAPSHOT-EXISTS', 'uuid', { id: String(snapshotId) });
    else if (!truthy(w.d.volume_size) && (snap || w.d.source_type !== 'snapshot')) w.d.volume_size = snap ? snap.size : ASSUMED_CINDER_SIZE_GB;
  } else if (w.d.source_type === 'blank' && w.d.destination_type === 'volume' && !truthy(w.d.volume_size)) {
    put(j, w, i, 'BDM-COMPUTE-BLANK-VOLUME-SIZE', sizeKeyOf(w));
  }
}

/** The flavor's ephemeral and swap sizes, the swap count, and max_local_block_devices. */
function checkSizes(j: Judging): void {
  const flavor = j.ctx.flavor;
  const all = j.all;
  const sized = j.readable('source_type', 'destination_type', 'guest_format', 'volume_size');
  const blameOn = (w: WorkingBdm | undefined, key: string) => (w?.model ? j.at(w.model, key) : j.listKey());
  const others = (list: WorkingBdm[], blame: WorkingBdm | undefined, key: string, message: string) => list.filter((w) => w.model && w !== blame).map((w) => ({ span: j.at(w.model!, key), message }));
  if (flavor && sized) {
    const eph = all.filter((w) => isEph(w.d));
    const sum = eph.reduce((s, w) => s + ((pyInt(w.d.volume_size) || 0) || flavor.ephemeral_gb), 0);
    if (sum > flavor.ephemeral_gb) {
      const blame = eph.find((w) => w.model);
      j.push({ code: 'BDM-COMPUTE-EPHEMERAL-SIZE', span: blameOn(blame, 'volume_size'), entry: blame?.entry ?? null, path: j.listPath(), args: { sum, max: flavor.ephemeral_gb }, related: others(eph, blame, 'volume_size', 'ephemeral disk'), order: VALIDATE_BDM.wide('BDM-COMPUTE-EPHEMERAL-SIZE') });
    }
  }
  const swaps = all.filter((w) => isSwapD(w.d));
  if (!sized) { /* swap rules need these fields */ } else if (swaps.length > 1) {
    const blame = swaps.filter((w) => w.model)[1] ?? swaps[0];
    j.push({ code: 'BDM-COMPUTE-SWAP-COUNT', span: blameOn(blame, 'guest_format'), entry: blame.entry, path: j.listPath(), related: others(swaps, blame, 'guest_format', 'swap disk'), order: VALIDATE_BDM.wide('BDM-COMPUTE-SWAP-COUNT') });
  } else if (swaps.length === 1 && flavor) {
    const size = pyInt(swaps[0].d.volume_size) || 0;
    if (size > flavor.swap_mb) {
      const w = swaps[0];
      j.push({ code: 'BDM-COMPUTE-SWAP-SIZE', span: blameOn(w, 'volume_size'), entry: w.entry, path: w.model ? fieldPath(w.model, 'volume_size') : j.listPath(), args: { size, max: flavor.swap_mb }, order: VALIDATE_BDM.wide('BDM-COMPUTE-SWAP-SIZE') });
    }
  }
  const max = j.ctx.max_local_block_devices;
  if (max >= 0 && j.readable('destination_type')) {
    const locals = all.filter((w) => w.d.destination_type === 'local');
    // Without a flavor the implicit disks are unknown; the count can only be a lower bound.
    if (locals.length > max) {
      const blame = locals.filter((w) => w.model)[max] ?? locals.find((w) => w.model);
      j.push({ code: 'BDM-COMPUTE-LOCALS-LIMIT', span: blameOn(blame, 'destination_type'), entry: blame?.entry ?? null, path: j.listPath(), args: { count: locals.length, max }, related: others(locals, blame, 'destination_type', 'local device'), order: VALIDATE_BDM.wide('BDM-COMPUTE-LOCALS-LIMIT') });
    }
  }
}
