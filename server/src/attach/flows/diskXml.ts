/**
 * The `<disk>` for a connected volume: the volume's backend gives the libvirt volume
 * driver's fields (backends/), the shared libvirt renderer (libvirt/diskXml) writes them.
 */
import type { ConnectionInfo } from '../../libvirt/connectionInfo';
import { DiskConfigError, rbdAuthRuleFor, releasePointOf, renderDiskXml, volumeDiskConfig, type VolumeDiskOptions } from '../../libvirt/diskXml';
import type { DiskInfo } from '../backends/backend';
import { parseCacheModes, workaroundsFor } from '../../libvirt/domainDisks';
import { backendForDriverType } from '../backends/registry';
import { SimError, type Run } from '../engine/run';
import type { World } from '../engine/world';

export type { DiskInfo } from '../backends/backend';

/** `[workarounds]rbd_volume_local_attach` in effect for the lab host's release (Nova 21.0.0-23.x). */
function localRbd(w: World): boolean {
  return workaroundsFor(w.lab.host.nova_conf.sections, releasePointOf({ profile: w.profile, novaRelease: w.novaRelease })).rbdVolumeLocalAttach;
}

/** The volume drivers' options from the lab host: its release and its [libvirt] keys. */
function diskOptions(w: World, disk: DiskInfo, opts: { scsiUnit?: number; luksSecretUuid?: string } = {}): VolumeDiskOptions {
  const sections = w.lab.host.nova_conf.sections?.libvirt;
  return {
    virtType: w.lab.host.nova_conf.virt_type,
    profile: w.profile,
    // the compute node's release (lab host host.nova_release): `<alias name="ua-…">` from Nova 29,
    // and what its point releases changed (the RBD auth fall-back, libvirt/diskXml.ts
    // rbdAuthRuleOf; the cache-mode step's io="threads", applyCacheMode)
    ...(w.novaRelease ? { novaVersion: w.novaRelease.major, novaRelease: w.novaRelease } : {}),
    // the lab host's [libvirt] keys the volume drivers and the cache-mode step read
    cacheModes: parseCacheModes(sections?.disk_cachemodes),
    rbdUser: sections?.rbd_user,
    rbdSecretUuid: sections?.rbd_secret_uuid,
    scsiUnit: disk.bus === 'scsi' ? opts.scsiUnit : undefined,
    luksSecretUuid: opts.luksSecretUuid,
    // [workarounds]rbd_volume_local_attach as the release reads it (Nova 21.0.0-23.x): net.py
    // get_config writes the rbd volume os-brick mapped as a block disk
    ...(localRbd(w) ? { rbdVolumeLocalAttach: true } : {}),
  };
}

export function volumeXml(w: World, ci: Record<string, unknown>, disk: DiskInfo, opts: { scsiUnit?: number; luksSecretUuid?: string } = {}): string {
  const info = ci as ConnectionInfo;
  const diskOpts = diskOptions(w, disk, opts);
  try {
    const backend = backendForDriverType(String(ci.driver_volume_type));
    const conf = backend ? backend.diskConfig(info, disk, diskOpts) : volumeDiskConfig(info, disk, diskOpts);
    return renderDiskXml(conf);
  } catch (e) {
    if (e instanceof DiskConfigError) throw new SimError(e.message, null, e.code === 'invalid-access-mode' ? 'InvalidVolumeAccessMode' : e.code === 'rbd-auth-key-missing' || e.code === 'missing-device-path' ? 'KeyError' : e.code === 'unsupported-volume-type' ? 'VolumeDriverNotFound' : 'TypeError');
    throw e;
  }
}

/**
 * What nova/virt/libvirt/volume/net.py `_set_auth_config_rbd` logs while it builds an RBD
 * volume's `<auth>` (Nova 15.0.0 on; before, `get_config` logs nothing): a DEBUG line when an
 * auth-enabled connection has no secret_uuid (15.0.6 on: the secret's fall-back, with the user's
 * from 19.0.0 and the backports 18.2.0, 17.0.10, 16.1.8), a WARNING when the connection has no
 * auth and nova.conf sets `rbd_secret_uuid` (the release it said the fall-back ends in: Pike's
 * 16.0.0 in Nova 15-16, Queens' 17.0.0 in 17-18, "a future release" from 19.0.0).
 */
export function logRbdAuth(run: Run, ci: Record<string, unknown>): void {
  if (ci.driver_volume_type !== 'rbd') return;
  const w = run.world;
  // with rbd_volume_local_attach get_config writes a block disk: _set_auth_config_rbd is not called
  if (localRbd(w)) return;
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const rule = rbdAuthRuleFor(diskOptions(w, { dev: '', bus: '', type: 'disk' }));
  if (rule === 'nova_conf_first') return;
  const v = data.auth_enabled;
  // Python's truth value of the JSON value
  const enabled = Array.isArray(v) ? v.length > 0 : v !== null && typeof v === 'object' ? Object.keys(v).length > 0 : !!v;
  if (enabled) {
    if (data.secret_uuid !== null || rule === 'cinder_only') return;
    run.note('nova-compute', rule === 'cinder_with_fallback'
      ? 'DEBUG Falling back to Nova configuration for RBD auth secret_uuid and username values.'
      : 'DEBUG Falling back to Nova configuration for RBD auth secret_uuid value.');
    return;
  }
  if (!w.lab.host.nova_conf.sections?.libvirt?.rbd_secret_uuid) return;
  const major = w.novaRelease?.major ?? (w.profile === 'ocata_legacy' ? 15 : 19);
  const until = major <= 16 ? 'the Nova 16.0.0 Pike release' : major <= 18 ? 'the Nova 17.0.0 Queens release' : 'a future release';
  run.warn('nova-compute', `WARNING Falling back to Nova configuration values for RBD authentication. Cinder should be configured for auth with Ceph volumes. This fallback will be dropped in ${until}.`);
}
