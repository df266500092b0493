/**
 * Stage 3, end: the instance's image metadata as an object (upstream: nova/compute/api.py
 * _validate_and_build_base_options -> _get_image_meta_obj, nova/objects/image_meta.py
 * ImageMetaProps.from_dict). After the image is looked up (imageRef's image, else the root
 * entry's image, volume or snapshot: get_bdm_image_metadata), every property Nova knows is
 * coerced to its field's type; a value the field does not take is a ValueError that the compute
 * API answers with 400 "Invalid image metadata. Error: <the error>", before the block devices
 * are checked (so before the zero-disk flavor, the local-device limit, swap and ephemeral sizes).
 *
 * Before that, the image's root device name is read from its properties: a `mappings` property
 * (a list in Glance's EC2-era images; the context's properties are strings) that is a non-empty
 * string is indexed like a list of dicts, a TypeError Nova answers with 500.
 * The fields and their values: libvirt/imageProps.ts.
 */
import { fieldPath } from '../../source/places';
import { imagePropsError } from '../../libvirt/imageProps';
import { truthy } from '../novaValues';
import { IMAGE_REF } from './imageRef';
import { legacyItems } from './computeApi';
import { isDriveA } from './flavor';
import { isRoot, type Judging, type WorkingBdm } from './judging';

/** what Cinder keeps beside a volume's image properties: Nova takes them out (get_image_metadata_from_volume) */
const VOLUME_IMAGE_ATTRIBUTES = ['image_id', 'image_name', 'size', 'checksum', 'container_format', 'disk_format', 'min_ram', 'min_disk'];

/**
 * The image properties get_bdm_image_metadata finds without imageRef: on the first root entry (a
 * legacy request's "...da" items, a v2 request's boot_index 0 entries) with an id, its image's,
 * or its volume's (a snapshot's volume's) volume_image_metadata; null when none has an id.
 */
function rootProperties(j: Judging, entries: readonly WorkingBdm[]): { props: Record<string, string>; w: WorkingBdm; key: string } | null {
  const image = j.ctx.libvirt.image_properties ?? {};
  for (const w of entries) {
    if (w.failed) continue;
    if (j.legacy ? !isDriveA(w.d.device_name) : !isRoot(w.d)) continue;
    const snap = truthy(w.d.snapshot_id) ? String(w.d.snapshot_id) : null;
    const vol = truthy(w.d.volume_id) ? String(w.d.volume_id) : null;
    if (truthy(w.d.image_id)) return { props: image, w, key: 'image_id' };
    const id = snap ?? vol;
    if (!id) continue;
    const meta = { ...(j.ctx.volumes?.[id]?.volume_image_metadata ?? j.ctx.volumes?.['*']?.volume_image_metadata ?? image) };
    for (const k of VOLUME_IMAGE_ATTRIBUTES) delete meta[k];
    return { props: meta, w, key: snap ? 'snapshot_id' : 'volume_id' };
  }
  return null;
}

/**
 * _validate_and_build_base_options builds the ImageMeta object of the boot metadata: an image
 * property its field refuses is a 400. Runs once the image and the networks are judged (their
 * refusals come first) and only when nothing was refused yet.
 */
export function checkImageMetadata(j: Judging): void {
  if (j.stop) return;
  let props: Readonly<Record<string, string>>;
  let where: { span: ReturnType<Judging['serverKey']>; entry: number | null; path: string };
  if (j.imageGiven) {
    props = { ...(j.ctx.libvirt.image_properties ?? {}) };
    // disk_format is the image's attribute, not a property (a string: never refused)
    delete (props as Record<string, string>).disk_format;
    where = { span: j.doc.locate(['server', 'imageRef'], 'value') ?? j.serverKey(), entry: null, path: 'server.imageRef' };
  } else {
    const r = rootProperties(j, j.legacy ? legacyItems(j) : j.wide);
    if (!r) return;
    props = r.props;
    const at = r.w.model ? j.where(r.w, r.w.syntax === 'v2' ? 'uuid' : r.key) : { span: j.listKey(), path: j.listPath() };
    where = { span: at.span, entry: r.w.entry, path: r.w.model ? fieldPath(r.w.model, r.w.syntax === 'v2' ? 'uuid' : r.key) : at.path };
  }
  // block_device.properties_root_device_name walks `mappings` as a list of dicts
  if (Object.prototype.hasOwnProperty.call(props, 'mappings') && String(props.mappings) !== '') {
    j.push({ code: 'BDM-COMPUTE-IMAGE-MAPPINGS', span: where.span, entry: where.entry, path: where.path, order: IMAGE_REF.wide('BDM-COMPUTE-IMAGE-MAPPINGS') });
    j.stop = true;
    return;
  }
  const error = imagePropsError(props);
  if (!error) return;
  j.push({ code: 'BDM-COMPUTE-IMAGE-METADATA', span: where.span, entry: where.entry, path: where.path, args: { error }, order: IMAGE_REF.wide('BDM-COMPUTE-IMAGE-METADATA') });
  j.stop = true;
}
