/**
 * A block device mapping as Nova holds it once the API has accepted it: BlockDeviceDict has
 * coerced the fields, `uuid` has become image/volume/snapshot id, `device_name` carries `/dev/`,
 * and the compute API has appended the flavor's implicit disks. This is the input of the
 * driver-class mapping, libvirt naming (blockinfo), disk XML and the attach engine.
 */
export type SourceType = 'image' | 'volume' | 'snapshot' | 'blank';
export type DestinationType = 'local' | 'volume';

export type DriverClass =
  | 'DriverImageBlockDevice'
  | 'DriverVolumeBlockDevice'
  | 'DriverVolSnapshotBlockDevice'
  | 'DriverVolImageBlockDevice'
  | 'DriverVolBlankBlockDevice'
  | 'DriverSwapBlockDevice'
  | 'DriverEphemeralBlockDevice';

export interface NovaBdm {
  /** index of the request entry it came from; null for implicit entries */
  entry: number | null;
  /** why an entry without a request index exists */
  implicit?: 'flavor-ephemeral' | 'flavor-swap' | 'legacy-image-root' | 'attach';
  source_type: SourceType | null;
  destination_type: DestinationType | null;
  guest_format: string | null;
  /** coerced: null = not bootable/omitted, negative = not bootable */
  boot_index: number | null;
  /** with the `/dev/` prefix Nova adds, or null */
  device_name: string | null;
  disk_bus: string | null;
  device_type: string | null;
  /** GiB for volumes and ephemerals, MiB for swap; null when not given */
  volume_size: number | null;
  /** image_id, volume_id or snapshot_id, per source_type; null for blank */
  uuid: string | null;
  no_device: boolean;
  delete_on_termination: boolean;
  volume_type: string | null;
  tag: string | null;
  /**
   * Where the instance's image metadata comes from when this entry is the root and its id fields
   * say otherwise than its source_type: a v2 entry may carry image_id / volume_id / snapshot_id
   * beside its uuid, and get_bdm_image_metadata reads those (image_id first, then a snapshot's
   * volume, then volume_id); null = none (a blank root with no id). Absent: per source_type.
   */
  boot_meta?: { from: 'image' | 'volume'; id: string } | null;
}

/** What the libvirt notes read of a BDM (rules/libvirtNotes.ts): a NovaBdm has them all. */
export type BdmNoteFields = Pick<NovaBdm, 'entry' | 'device_name' | 'boot_index' | 'device_type' | 'disk_bus'>;

export function driverClassOf(bdm: NovaBdm): DriverClass | null {
  return driverClassOfFields(bdm.no_device, bdm.source_type, bdm.destination_type, bdm.guest_format);
}

/** driverClassOf on the four fields it reads (judging reads them from a BDM's dict, without building its NovaBdm). */
export function driverClassOfFields(noDevice: boolean, s: unknown, d: unknown, guestFormat: string | null): DriverClass | null {
  if (noDevice) return null;
  if (s === 'image' && d === 'local') return 'DriverImageBlockDevice';
  if (s === 'volume' && d === 'volume') return 'DriverVolumeBlockDevice';
  if (s === 'snapshot' && d === 'volume') return 'DriverVolSnapshotBlockDevice';
  if (s === 'image' && d === 'volume') return 'DriverVolImageBlockDevice';
  if (s === 'blank' && d === 'volume') return 'DriverVolBlankBlockDevice';
  if (s === 'blank' && d === 'local') return guestFormat === 'swap' ? 'DriverSwapBlockDevice' : 'DriverEphemeralBlockDevice';
  return null;
}

export function isSwap(b: NovaBdm): boolean {
  return b.source_type === 'blank' && b.destination_type === 'local' && b.guest_format === 'swap';
}
export function isEphemeral(b: NovaBdm): boolean {
  return b.source_type === 'blank' && b.destination_type === 'local' && b.guest_format !== 'swap';
}
