/**
 * The lab's raw file (no Cinder driver): the volume is a file on the lab host, nothing is
 * exported or connected, and libvirt gets the file `<disk>` of Nova's file-backed drivers
 * (the NFS driver's), which is what the real-libvirt step may attach.
 */
import type { Backend } from '../backend';
import { hashedWwn, noExport, noWait, novaDiskConfig } from '../common';

export const file: Backend = {
  protocol: 'file',
  driverVolumeType: 'file',
  defaults: { protocol: 'file', driver: 'lab file backend (a raw file on the lab host; no Cinder driver)', directory: '/var/tmp/bdm-lab' },
  sharedTargets: false,
  updateLatencyMs: 500,

  connectorProperties: () => ({}),
  validateConnector: () => undefined,

  createExport(run, _w, vol) {
    run.skip('cinder-volume', 'lab file backend: no export (the raw file is the volume)');
    return noExport(vol);
  },

  wwn: (vol) => hashedWwn(vol),

  initializeConnection(_run, _w, vol) {
    const path = vol.lab.path ?? `${vol.backend.directory}/volume-${vol.id}.raw`;
    return { driverVolumeType: 'file', data: { device_path: path, format: 'raw', volume_id: vol.id }, topLevel: {} };
  },

  *connectVolume({ run, data }) {
    run.skip('nova-compute', `lab file backend: the guest disk is the raw file ${String(data.device_path)} (no host-side connect)`);
    yield* noWait();
    return { type: 'file', path: String(data.device_path) };
  },

  *disconnectVolume() {},
  diskConfig: (ci, disk, opts) => novaDiskConfig({ ...ci, driver_volume_type: 'nfs' }, disk, opts),
};
