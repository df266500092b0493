/**
 * NFS (attach-flow.md d.5, e.8): Cinder answers with the export, the file name and its
 * format after checking the image; nova-compute mounts the export under an md5-named mount
 * point (shared by every volume of that export) and libvirt gets a file `<disk>`.
 */
import { nfsMountPoint } from '../../../libvirt/connectionInfo';
import { SimError } from '../../engine/run';
import { T } from '../../engine/timings';
import type { World } from '../../engine/world';
import type { Backend } from '../backend';
import { hashedWwn, noExport, novaDiskConfig } from '../common';

export const nfs: Backend = {
  protocol: 'nfs',
  driverVolumeType: 'nfs',
  defaults: { protocol: 'nfs', driver: 'NfsDriver', export: '192.168.1.50:/srv/nfs/cinder', options: '-o vers=4.1', mount_point_base: '/var/lib/cinder/mnt' },
  sharedTargets: false,
  updateLatencyMs: 500,

  connectorProperties: () => ({}),
  validateConnector: () => undefined,
  createExport: (_run, _w, vol) => noExport(vol),
  wwn: (vol) => hashedWwn(vol),

  initializeConnection(_run, w, vol) {
    const b = vol.backend;
    const format = vol.lab.format ?? 'raw';
    if (format !== 'raw' && format !== 'qcow2') throw new SimError('Invalid volume: nfs volume must be a valid raw or qcow2 image.', 400, 'InvalidVolume');
    const vsize = vol.lab.virtual_size_gib ?? vol.size;
    const tooBig = w.profile === 'modern' ? Math.ceil(vsize) > vol.size : vsize !== vol.size;
    if (tooBig) throw new SimError('Invalid volume: The volume virtual_size does not match the size in cinder, aborting as we suspect an exploit.', 400, 'InvalidVolume');
    const data: Record<string, unknown> = { export: b.export, name: `volume-${vol.id}` };
    if (b.options) data.options = b.options;
    data.format = format;
    return { driverVolumeType: 'nfs', data, topLevel: { mount_point_base: b.mountPointBase } };
  },

  *connectVolume({ run, data }) {
    const w = run.world;
    const mp = nfsMountPoint(w.hashes, String(data.export), w.lab.host.nova_conf.nfs_mount_point_base);
    const refs = mountUsers(w, mp);
    if (refs === 0) {
      const opts = data.options ? ` ${String(data.options)}` : '';
      yield* run.step('nova-compute', `mount -t nfs${opts} ${String(data.export)} ${mp}`, T.nfsMount);
    } else {
      run.skip('nova-compute', `${mp} already mounted (${refs} user${refs > 1 ? 's' : ''}): no mount`);
    }
    w.nfsMounts.set(mp, refs + 1);
    data.device_path = `${mp}/${String(data.name)}`;
    return { type: 'file', path: data.device_path as string };
  },

  *disconnectVolume(run, ci) {
    const w = run.world;
    const data = (ci.data ?? {}) as Record<string, unknown>;
    const mp = nfsMountPoint(w.hashes, String(data.export), w.lab.host.nova_conf.nfs_mount_point_base);
    const refs = Math.max(mountUsers(w, mp), 1) - 1;
    w.nfsMounts.set(mp, refs);
    if (refs <= 0) yield* run.step('nova-compute', `umount ${mp}`, T.nfsMount);
    else run.skip('nova-compute', `${mp} still in use (${refs} user${refs > 1 ? 's' : ''}): no umount`);
  },

  diskConfig: novaDiskConfig,
};

/**
 * The users of a mount point as nova-compute's mount manager counts them
 * (nova/virt/libvirt/volume/mount.py `_HostMountState`, Nova >= 16): on first use, the lab
 * host's attachments already connected to a server on this host whose volume's export mounts
 * there (the manager finds them from the guests' file disks under a mounted mount point); then
 * what this run's mounts and unmounts left.
 */
function mountUsers(w: World, mp: string): number {
  const known = w.nfsMounts.get(mp);
  if (known !== undefined) return known;
  let users = 0;
  for (const v of w.volumes.values()) {
    if (v.backend.protocol !== 'nfs' || nfsMountPoint(w.hashes, v.backend.export, w.lab.host.nova_conf.nfs_mount_point_base) !== mp) continue;
    for (const a of v.attachments) {
      if (a.attach_status !== 'attached') continue;
      if (a.connector ? a.connector.host === w.lab.host.hostname : a.has_connection_info && w.instances.has(a.instance_uuid)) users++;
    }
  }
  w.nfsMounts.set(mp, users);
  return users;
}
