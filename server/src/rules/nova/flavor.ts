/**
 * Stage 5, the flavor against the root (upstream: nova/compute/api.py
 * _validate_flavor_image_nostatus): zero-disk flavors need a volume root, then (with a lab
 * host) the image must fit the flavor's disk.
 */
import { fieldPath } from '../../source/places';
import { truthy, stripDev } from '../novaValues';
import { STAGE, stageOrder } from '../order';
import { isRoot, type Judging, type WorkingBdm } from './judging';

export const FLAVOR = stageOrder(STAGE.flavor, ['BDM-COMPUTE-ZERO-DISK-FLAVOR', 'BDM-COMPUTE-FLAVOR-DISK']);

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
  if (inv && flavor && flavor.root_gb > 0 && j.imageGiven && !volumeRoot) {
    const img = inv.images.find((i) => i.id === j.imageRef);
    if (img && img.size_gib > flavor.root_gb) {
      j.push({ code: 'BDM-COMPUTE-FLAVOR-DISK', span: doc.locate(['server', 'imageRef'], 'value') ?? j.serverKey(), entry: null, path: 'server.imageRef', args: { flavor: flavor.root_gb * 2 ** 30, image: img.size_gib * 2 ** 30 }, order: FLAVOR.wide('BDM-COMPUTE-FLAVOR-DISK') });
      j.stop = true;
    }
  }
}

/** get_bdm_image_metadata finds metadata for the root: an image, volume or snapshot id on it. */
function hasRootMetadata(all: WorkingBdm[], legacy: boolean): boolean {
  for (const w of all) {
    if (legacy) {
      const dn = String(w.d.device_name ?? '');
      const letter = stripDev(dn)?.replace(/^((x?v|s|h)d)/, '').replace(/(?<!\d)\d+$/, '');
      if (letter !== 'a') continue;
    } else if (!isRoot(w.d)) continue;
    if (truthy(w.d.image_id) || truthy(w.d.volume_id) || truthy(w.d.snapshot_id)) return true;
  }
  return false;
}
