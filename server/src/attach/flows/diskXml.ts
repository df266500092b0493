/**
 * The `<disk>` for a connected volume: the volume's backend gives the libvirt volume
 * driver's fields (backends/), the shared libvirt renderer (libvirt/diskXml) writes them.
 */
import type { ConnectionInfo } from '../../libvirt/connectionInfo';
import { DiskConfigError, renderDiskXml, volumeDiskConfig, type VolumeDiskOptions } from '../../libvirt/diskXml';
import type { DiskInfo } from '../backends/backend';
import { parseCacheModes } from '../../libvirt/domainDisks';
import { backendForDriverType } from '../backends/registry';
import { SimError } from '../engine/run';
import type { World } from '../engine/world';
import { atLeast } from '../engine/novaRelease';

export type { DiskInfo } from '../backends/backend';

export function volumeXml(w: World, ci: Record<string, unknown>, disk: DiskInfo, opts: { scsiUnit?: number; luksSecretUuid?: string } = {}): string {
  const info = ci as ConnectionInfo;
  const sections = w.lab.host.nova_conf.sections?.libvirt;
  const diskOpts: VolumeDiskOptions = {
    virtType: w.lab.host.nova_conf.virt_type,
    profile: w.profile,
    // the compute node's release (lab host host.nova_release): `<alias name="ua-…">` from Nova 29
    ...(w.novaRelease ? { novaVersion: w.novaRelease.major } : {}),
    // RBD auth: Nova 15.0.0-15.0.5 take a null secret_uuid as it is (the fallback to nova.conf
    // came with 16.0.0 and the 15.0.6 backport, nova commit f2d27f6a)
    ...(w.novaRelease?.major === 15 && !atLeast(w.novaRelease, 15, 0, 6) ? { rbdAuthRule: 'cinder_only' as const } : {}),
    // the lab host's [libvirt] keys the volume drivers and the cache-mode step read
    cacheModes: parseCacheModes(sections?.disk_cachemodes),
    rbdUser: sections?.rbd_user,
    rbdSecretUuid: sections?.rbd_secret_uuid,
    scsiUnit: disk.bus === 'scsi' ? opts.scsiUnit : undefined,
    luksSecretUuid: opts.luksSecretUuid,
  };
  try {
    const backend = backendForDriverType(String(ci.driver_volume_type));
    const conf = backend ? backend.diskConfig(info, disk, diskOpts) : volumeDiskConfig(info, disk, diskOpts);
    return renderDiskXml(conf);
  } catch (e) {
    if (e instanceof DiskConfigError) throw new SimError(e.message, null, e.code === 'invalid-access-mode' ? 'InvalidVolumeAccessMode' : e.code === 'rbd-auth-key-missing' || e.code === 'missing-device-path' ? 'KeyError' : e.code === 'unsupported-volume-type' ? 'VolumeDriverNotFound' : 'TypeError');
    throw e;
  }
}
