/**
 * The `<disk>` for a connected volume, through the shared libvirt renderer (libvirt/diskXml).
 * The lab `file` backend goes through Nova's file-backed path (the NFS driver's `type="file"`
 * disk), which is what a raw file on the lab host is.
 */
import type { ConnectionInfo } from '../../libvirt/connectionInfo';
import { DiskConfigError, renderDiskXml, volumeDiskConfig } from '../../libvirt/diskXml';
import { SimError } from '../engine/run';
import type { World } from '../engine/world';

export interface DiskInfo {
  dev: string;
  bus: string;
  type: string;
}

export function volumeXml(w: World, ci: Record<string, unknown>, disk: DiskInfo, opts: { scsiUnit?: number; luksSecretUuid?: string } = {}): string {
  const info = (ci.driver_volume_type === 'file' ? { ...ci, driver_volume_type: 'nfs' } : ci) as ConnectionInfo;
  try {
    const conf = volumeDiskConfig(info, disk, {
      virtType: w.lab.host.nova_conf.virt_type,
      profile: w.profile,
      scsiUnit: disk.bus === 'scsi' ? opts.scsiUnit : undefined,
      luksSecretUuid: opts.luksSecretUuid,
    });
    return renderDiskXml(conf);
  } catch (e) {
    if (e instanceof DiskConfigError) throw new SimError(e.message, null, e.code === 'invalid-access-mode' ? 'InvalidVolumeAccessMode' : 'TypeError');
    throw e;
  }
}
