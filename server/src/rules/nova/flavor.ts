/**
 * Stage 5, the flavor against the root (upstream: nova/compute/api.py
 * _validate_flavor_image_nostatus): zero-disk flavors need a volume root, then the image must
 * fit the flavor's disk when the root is not a volume: imageRef's image, or without one the
 * image or volume that gives the instance its image metadata (get_bdm_image_metadata): a legacy
 * request's first "...da" entry with an id, a v2 request's first boot_index 0 entry with one.
 * Image sizes need a lab host; a volume's or snapshot's size without one is the size the rest of
 * the rules assume (ASSUMED_CINDER_SIZE_GB).
 */
import { fieldPath } from '../../source/places';
import { truthy, stripDev } from '../novaValues';
import { STAGE, stageOrder } from '../order';
import { isRoot, type Judging, type WorkingBdm } from './judging';
import { ASSUMED_CINDER_SIZE_GB } from './validateBdm';
import type { Inventory } from '../../model/inventory';
import type { Span } from '../../text/span';
import { inventoryIndex } from '../../model/inventory';

export const FLAVOR = stageOrder(STAGE.flavor, [
  // _checks_for_create_and_rebuild reads the metadata first (metadata.ts)
  ['BDM-COMPUTE-METADATA-NOT-STRING', 'BDM-COMPUTE-METADATA-EMPTY-KEY', 'BDM-COMPUTE-METADATA-SIZE'],
  // then _detect_nonbootable_image_from_properties (imageMeta.ts)
  'BDM-COMPUTE-IMAGE-ENCRYPTED',
  // _validate_flavor_image_nostatus: the image's min_ram, then its disk against a volume root or the flavor (imageMeta.ts, below)
  'BDM-COMPUTE-FLAVOR-MEMORY',
  'BDM-COMPUTE-ZERO-DISK-FLAVOR', 'BDM-COMPUTE-FLAVOR-DISK',
  // the boot volume's min_disk against the flavor's disk or the root volume's size: one or the other
  ['BDM-COMPUTE-FLAVOR-MIN-DISK', 'BDM-COMPUTE-VOLUME-MIN-DISK', 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE'],
  // _validate_flavor_image_numa_pci (imageMeta.ts)
  'BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME', 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY',
]);

export function checkFlavor(j: Judging): void {
  const flavor = j.ctx.flavor;
  const doc = j.doc;
  const root = j.all.find((w) => isRoot(w.d));
  const volumeRoot = !!root && root.d.destination_type === 'volume';
  if (flavor && flavor.root_gb === 0 && !j.ctx.zero_disk_flavor_allowed && j.readable('boot_index', 'destination_type', 'source_type', 'uuid')) {
    const imageMeta = j.imageGiven || hasRootMetadata(j.all, j.legacy);
    if (imageMeta && !volumeRoot) {
      const sp = root?.model ? j.at(root.model, 'destination_type') : doc.covers('server.imageRef') ? (doc.locate(['server', 'imageRef'], 'key') ?? j.serverKey()) : { offset: 0, length: 1 };
      j.push({ code: 'BDM-COMPUTE-ZERO-DISK-FLAVOR', span: sp, entry: root?.entry ?? null, path: root?.model ? fieldPath(root.model, 'destination_type') : 'server.imageRef', order: FLAVOR.wide('BDM-COMPUTE-ZERO-DISK-FLAVOR') });
      j.stop = true;
    }
  }
  const inv = j.inp.inventory;
  if (flavor && flavor.root_gb > 0 && !volumeRoot) {
    const meta = j.imageGiven ? (inv ? imageRefSize(j, inv) : null) : metaSize(j, inv);
    if (meta && meta.gib > flavor.root_gb) {
      j.push({ code: 'BDM-COMPUTE-FLAVOR-DISK', span: meta.span, entry: meta.entry, path: meta.path, args: { flavor: flavor.root_gb * 2 ** 30, image: meta.gib * 2 ** 30 }, order: FLAVOR.wide('BDM-COMPUTE-FLAVOR-DISK') });
      j.stop = true;
    }
  }
}

interface MetaSize { gib: number; span: Span; entry: number | null; path: string }

function imageRefSize(j: Judging, inv: Inventory): MetaSize | null {
  const img = inventoryIndex(inv).images.get(j.imageRef);
  return img ? { gib: img.size_gib, span: j.doc.locate(['server', 'imageRef'], 'value') ?? j.serverKey(), entry: null, path: 'server.imageRef' } : null;
}

/**
 * Without imageRef, the image metadata comes from the first entry with an id among a legacy
 * request's "...da" entries, or a v2 request's boot_index 0 entries (get_bdm_image_metadata): an
 * image's size, or the size of the volume (a snapshot's source volume). When the root is not a
 * volume (a legacy "...da" entry not named as the root; a v2 root whose destination is local or
 * left out), the root is a local disk of the flavor's size and Nova compares the two.
 */
function metaSize(j: Judging, inv: Inventory | undefined): MetaSize | null {
  for (const w of j.all) {
    if (j.legacy ? !isDriveA(w.d.device_name) : !isRoot(w.d)) continue;
    const key = truthy(w.d.image_id) ? 'image_id' : truthy(w.d.snapshot_id) ? 'snapshot_id' : truthy(w.d.volume_id) ? 'volume_id' : null;
    if (!key) continue;
    const id = w.d[key];
    let gib: number | undefined;
    if (!inv) gib = key === 'image_id' ? undefined : ASSUMED_CINDER_SIZE_GB;
    else if (key === 'image_id') gib = inventoryIndex(inv).images.get(id)?.size_gib;
    else {
      const volId = key === 'snapshot_id' ? inventoryIndex(inv).snapshots.get(id)?.volume_id : id;
      gib = inventoryIndex(inv).volumes.get(volId)?.size;
    }
    if (gib === undefined) return null;
    const at = j.where(w, key);
    return { gib, span: at.span, entry: w.entry, path: at.path };
  }
  return null;
}

export function isDriveA(name: unknown): boolean {
  const letter = stripDev(String(name ?? ''))?.replace(/^((x?v|s|h)d)/, '').replace(/(?<!\d)\d+$/, '');
  return letter === 'a';
}

/** get_bdm_image_metadata finds metadata for the root: an image, volume or snapshot id on it. */
export function hasRootMetadata(all: WorkingBdm[], legacy: boolean): boolean {
  for (const w of all) {
    if (legacy) {
      if (!isDriveA(w.d.device_name)) continue;
    } else if (!isRoot(w.d)) continue;
    if (truthy(w.d.image_id) || truthy(w.d.volume_id) || truthy(w.d.snapshot_id)) return true;
  }
  return false;
}
