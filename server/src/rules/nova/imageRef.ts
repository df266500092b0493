/**
 * Stage 3, the image (upstream: nova/api/openstack/compute/servers.py _image_from_req_data, then
 * nova/compute/api.py _get_image and nova/utils.py get_bdm_image_metadata): imageRef is needed
 * without BDMs; trusted image certificates need an image; with a lab host, imageRef must be in
 * Glance, else the root entry's image, volume or snapshot must exist (and a volume be bootable):
 * a v2 request's boot_index 0 entry, a legacy request's "...da" item.
 * The first refusal ends the stage.
 */
import type { Inventory } from '../../model/inventory';
import { mvMinor } from '../../model/context';
import { fieldPath } from '../../source/places';
import { STAGE, stageOrder } from '../order';
import type { RuleId } from '../table';
import { isRoot, type Judging, type WorkingBdm } from './judging';
import { legacyItems } from './computeApi';
import { isDriveA } from './flavor';
import { truthy } from '../novaValues';
import { inventoryIndex } from '../../model/inventory';

export const IMAGE_REF = stageOrder(STAGE.imageRef, [
  'BDM-API-MISSING-IMAGEREF',
  // the requested networks (networks.ts): the controller's, then the compute API's for several instances
  'BDM-API-NETWORK-TAG-TYPE', 'BDM-API-NETWORK-PORT-TWICE', 'BDM-API-NETWORK-PORT-FIXED-IP', 'BDM-API-NETWORK-MISSING-UUID', 'BDM-API-NETWORK-UUID-FORMAT',
  'BDM-COMPUTE-MULTI-FIXED-IP', 'BDM-COMPUTE-MULTI-PORT', 'BDM-COMPUTE-MULTI-HOSTNAME',
  // _create_instance, before it looks the image up
  'BDM-COMPUTE-TRUSTED-CERTS-BFV',
  'BDM-COMPUTE-IMAGEREF-EXISTS',
  ['BDM-COMPUTE-SNAPSHOT-EXISTS', 'BDM-COMPUTE-ROOT-IMAGE-EXISTS', 'BDM-COMPUTE-ROOT-VOLUME-EXISTS', 'BDM-COMPUTE-ROOT-VOLUME-BOOTABLE'],
  // get_image_metadata_from_volume: the volume's min_ram and min_disk read as integers (imageMeta.ts)
  'BDM-COMPUTE-VOLUME-IMAGE-INT',
  // _check_auto_disk_config on the boot metadata (imageMeta.ts)
  'BDM-COMPUTE-AUTO-DISK-CONFIG',
  // _validate_and_build_base_options: the boot metadata as an ImageMeta object, then its NUMA constraints (imageMeta.ts)
  'BDM-COMPUTE-IMAGE-MAPPINGS', 'BDM-COMPUTE-IMAGE-METADATA', 'BDM-COMPUTE-IMAGE-NUMA-CPUS', 'BDM-COMPUTE-IMAGE-NUMA', 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY-CONFLICT', 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY', 'BDM-COMPUTE-NUMA-EMPTY-THREAD-POLICY',
]);

export function checkImage(j: Judging): void {
  const doc = j.doc;
  if (doc.covers('server.imageRef') && !j.hasBdms && !j.imageGiven && !j.inp.schemaBad.has('server.imageRef')) {
    j.push({ code: 'BDM-API-MISSING-IMAGEREF', span: doc.locate(['server', 'imageRef'], 'key') ?? j.serverKey(), entry: null, path: 'server.imageRef', order: IMAGE_REF.wide('BDM-API-MISSING-IMAGEREF') });
    j.stop = true;
  }
  const inv = j.inp.inventory;
  if (!inv) return;
  if (j.imageGiven) {
    if (!inv.images.some((i) => i.id === j.imageRef)) {
      j.push({ code: 'BDM-COMPUTE-IMAGEREF-EXISTS', span: doc.locate(['server', 'imageRef'], 'value') ?? j.serverKey(), entry: null, path: 'server.imageRef', args: { src: inv.source }, order: IMAGE_REF.wide('BDM-COMPUTE-IMAGEREF-EXISTS') });
      j.stop = true;
    }
  } else if (rootMetadataChecks(j, inv)) j.stop = true;
}

/**
 * _create_instance without an image: trusted image certificates (2.63) cannot be checked on a
 * volume, whatever the block devices. Run after the networks (their refusals come first).
 */
export function checkTrustedCerts(j: Judging): void {
  // the controller reads the certificates from 2.63 only (before, 2.0's endpoint strips the key)
  if (j.imageGiven || !j.hasBdms || j.inp.schemaBad.size || mvMinor(j.ctx.microversion) < 63) return;
  const certs = j.doc.valueAt(['server', 'trusted_image_certificates']);
  if (!Array.isArray(certs) || !certs.length) return;
  j.push({ code: 'BDM-COMPUTE-TRUSTED-CERTS-BFV', span: j.doc.locate(['server', 'trusted_image_certificates'], 'key') ?? j.serverKey(), entry: null, path: 'server.trusted_image_certificates', order: IMAGE_REF.wide('BDM-COMPUTE-TRUSTED-CERTS-BFV') });
  j.stop = true;
}

/**
 * The entries get_bdm_image_metadata may read as the root, in order (failed ones left out): a v2
 * request's boot_index 0 entries, a legacy request's items whose device letter is "a".
 */
export function rootCandidates(j: Judging): WorkingBdm[] {
  return (j.legacy ? legacyItems(j) : j.wide).filter((w) => !w.failed && (j.legacy ? isDriveA(w.d.device_name) : isRoot(w.d)));
}

/**
 * get_bdm_image_metadata on the root entry when there is no imageRef: a v2 request's first
 * boot_index 0 entry, a legacy request's first item whose device letter is "a" (whatever its
 * prefix: vda, sda, xvda, hda), the same checks. True: Nova refuses.
 */
function rootMetadataChecks(j: Judging, inv: Inventory): boolean {
  for (const w of rootCandidates(j)) {
    // a legacy item names its id by key; a v2 entry's is its uuid
    const fail = (code: RuleId, id: string, key: string) => {
      const field = j.legacy ? key : 'uuid';
      j.push({ code, span: w.model ? j.at(w.model, field) : { offset: 0, length: 1 }, entry: w.entry, path: w.model ? fieldPath(w.model, field) : '', args: { id, src: inv.source }, order: IMAGE_REF.wide(code) });
      return true;
    };
    const snapshotId = truthy(w.d.snapshot_id) ? String(w.d.snapshot_id) : undefined;
    let volumeId = truthy(w.d.volume_id) ? String(w.d.volume_id) : undefined;
    if (snapshotId) {
      const snap = inventoryIndex(inv).snapshots.get(snapshotId);
      if (!snap) return fail('BDM-COMPUTE-SNAPSHOT-EXISTS', snapshotId, 'snapshot_id');
      volumeId = snap.volume_id;
    }
    const imageId = truthy(w.d.image_id) ? String(w.d.image_id) : undefined;
    if (imageId) return inv.images.some((x) => x.id === imageId) ? false : fail('BDM-COMPUTE-ROOT-IMAGE-EXISTS', imageId, 'image_id');
    if (volumeId) {
      const v = inventoryIndex(inv).volumes.get(volumeId);
      if (!v) return snapshotId ? false : fail('BDM-COMPUTE-ROOT-VOLUME-EXISTS', volumeId, 'volume_id');
      if (!v.bootable) return fail('BDM-COMPUTE-ROOT-VOLUME-BOOTABLE', volumeId, snapshotId ? 'snapshot_id' : 'volume_id');
      return false;
    }
  }
  return false;
}
