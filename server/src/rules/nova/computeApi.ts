/**
 * Stage 4, the compute API's _check_and_transform_bdm (upstream: nova/compute/api.py): the root
 * device name, the legacy conversion (legacy.ts), volumes shared by several instances, the
 * flavor's own disks, and the device_type enum of BlockDeviceMapping objects.
 */
import { fieldPath } from '../../source/places';
import { STAGE, stageOrder } from '../order';
import { stripDev, prependDev, DEVICE_TYPES } from '../novaValues';
import { isEph, isSwapD, type Judging, type WorkingBdm } from './judging';
import { hasRootMetadata } from './flavor';

/** the legacy items as they are written (before the conversion), for get_bdm_image_metadata */
export const legacyItems = (j: Judging): WorkingBdm[] => j.inp.v1.filter((m) => m.isObject).map((m) => ({ entry: m.index, syntax: 'v1', d: m.values, model: m }));

export const COMPUTE = stageOrder(STAGE.compute, [
  'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT',
  { each: [['BDM-LEGACY-CONVERSION', 'BDM-LEGACY-ITEM-INVALID']] },
  'BDM-COMPUTE-MULTI-INSTANCE-VOLUME',
  { each: [['BDM-COMPUTE-DEVICE-TYPE']] },
]);

/**
 * The root device name (the image's root_device_name, else vda); with imageRef, no volume may
 * take it. The image's properties reach the instance only through its image metadata: imageRef's
 * image, else the entry get_bdm_image_metadata reads (see hasRootMetadata); a request with
 * neither gets none, and the root name stays vda.
 */
export function checkRootDeviceName(j: Judging): void {
  const imageProps = j.ctx.libvirt.image_properties ?? {};
  j.rootName = imageProps.root_device_name && (j.imageGiven || hasRootMetadata(j.legacy ? legacyItems(j) : j.wide, j.legacy)) ? prependDev(imageProps.root_device_name) as string : 'vda';
  if (!j.imageGiven || j.legacy) return;
  const first = j.wide.find((w) => !w.failed && w.d.destination_type === 'volume' && stripDev(w.d.device_name as string) === j.rootName);
  if (first && first.model) {
    j.push({ code: 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', span: j.at(first.model, 'device_name'), entry: first.entry, path: fieldPath(first.model, 'device_name'), args: { root: j.rootName }, order: COMPUTE.wide('BDM-COMPUTE-ROOT-DEVNAME-CONFLICT') });
    j.stop = true;
  }
}

/** min_count/max_count over 1 cannot share an existing volume. */
export function checkSharedVolumes(j: Judging): void {
  const { minC, maxC } = j.minMax();
  if (!((minC > 1 || maxC > 1) && j.readable('source_type'))) return;
  const vol = j.all.find((w) => w.d.source_type === 'volume');
  if (!vol) return;
  j.push({ code: 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME', span: vol.model ? j.at(vol.model, 'source_type') : { offset: 0, length: 1 }, entry: vol.entry, path: vol.model ? fieldPath(vol.model, 'source_type') : '', order: COMPUTE.wide('BDM-COMPUTE-MULTI-INSTANCE-VOLUME') });
  j.stop = true;
}

/** _get_flavor_defined_bdms: the flavor's ephemeral and swap disks, unless the request has its own. */
export function addFlavorDisks(j: Judging): void {
  const flavor = j.ctx.flavor;
  if (!flavor) return;
  const hasEph = j.all.some((w) => isEph(w.d));
  const hasSwap = j.all.some((w) => isSwapD(w.d));
  if (flavor.ephemeral_gb && !hasEph) j.all = [...j.all, implicitBlank(flavor.ephemeral_gb, null)];
  if (flavor.swap_mb && !hasSwap) j.all = [...j.all, implicitBlank(flavor.swap_mb, 'swap')];
}

/** Building BlockDeviceMapping objects: device_type is an enum field (Nova answers 500). */
export function checkDeviceTypes(j: Judging): void {
  const all = j.all;
  for (let i = 0; i < all.length; i++) {
    const w = all[i];
    if (w.failed) continue;
    const dt = w.d.device_type;
    if (dt === undefined || dt === null || DEVICE_TYPES.includes(String(dt))) continue;
    if (w.model) j.push({ code: 'BDM-COMPUTE-DEVICE-TYPE', span: j.at(w.model, 'device_type'), entry: w.entry, path: fieldPath(w.model, 'device_type'), order: COMPUTE.each('BDM-COMPUTE-DEVICE-TYPE', w.entry ?? 0) });
    j.stop = true;
  }
}

function implicitBlank(size: number, guestFormat: string | null): WorkingBdm {
  return {
    entry: null, syntax: 'implicit', implicit: guestFormat === 'swap' ? 'flavor-swap' : 'flavor-ephemeral',
    d: { source_type: 'blank', delete_on_termination: true, device_type: 'disk', boot_index: -1, destination_type: 'local', guest_format: guestFormat, volume_size: size },
  };
}
