/**
 * NFS (attach-flow.md d.5, e.9): Cinder answers with the export, the file name, the share's
 * options and the image's format after checking the image; nova-compute mounts the export
 * under an md5-named mount point (shared by every volume of that export) and libvirt gets a
 * file `<disk>`. How the mount is made and undone changed with Nova 16.0.0 (mount.ts).
 */
import { nfsMountPoint } from '../../../libvirt/connectionInfo';
import { SimError } from '../../engine/run';
import type { Backend } from '../backend';
import { hashedWwn, noExport, novaDiskConfig } from '../common';
import { mountShare, unmountShare } from './mount';

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
    // cinder/volume/drivers/nfs.py initialize_connection (2014.2 to today): `options` whenever the
    // volume's share is one of the driver's shares, which it always is; its value is the share
    // line's options, None when the line has none
    const data: Record<string, unknown> = { export: b.export, name: `volume-${vol.id}`, options: b.options };
    data.format = format;
    return { driverVolumeType: 'nfs', data, topLevel: { mount_point_base: b.mountPointBase } };
  },

  *connectVolume({ run, vol, data }) {
    const w = run.world;
    const exp = String(data.export);
    const mp = nfsMountPoint(w.hashes, exp, w.lab.host.nova_conf.nfs_mount_point_base);
    yield* mountShare(run, { export: exp, name: String(data.name), mountPoint: mp, options: data.options, mountError: vol.backend.mountError });
    data.device_path = `${mp}/${String(data.name)}`;
    return { type: 'file', path: data.device_path as string };
  },

  *disconnectVolume(run, ci) {
    const w = run.world;
    const data = (ci.data ?? {}) as Record<string, unknown>;
    const exp = String(data.export);
    yield* unmountShare(run, exp, nfsMountPoint(w.hashes, exp, w.lab.host.nova_conf.nfs_mount_point_base), String(data.name));
  },

  diskConfig: novaDiskConfig,
};
