/**
 * Ceph RBD (attach-flow.md d.4): Cinder answers with the image name, the monitors and the
 * cephx user; there is no host step (QEMU opens the image through librbd), and libvirt gets
 * a network `<disk>` with an auth secret.
 */
import type { Backend } from '../backend';
import { hashedWwn, noExport, noWait, novaDiskConfig } from '../common';

export const rbd: Backend = {
  protocol: 'rbd',
  driverVolumeType: 'rbd',
  defaults: {
    protocol: 'rbd',
    driver: 'RBDDriver',
    pool: 'volumes',
    monitors: [
      { host: '10.0.0.11', port: '6789' },
      { host: '10.0.0.12', port: '6789' },
      { host: '10.0.0.13', port: '6789' },
    ],
    cluster_name: 'ceph',
    rbd_user: 'cinder',
    secret_uuid: '457eb676-33da-42ec-9a8c-9293d545c337',
  },
  sharedTargets: false,
  updateLatencyMs: 500,

  // os-brick's RBDConnector says whether it would attach locally (never, for Nova).
  connectorProperties: () => ({ do_local_attach: false }),
  validateConnector: () => undefined,
  createExport: (_run, _w, vol) => noExport(vol),
  wwn: (vol) => hashedWwn(vol),

  initializeConnection(run, w, vol) {
    const b = vol.backend;
    const data: Record<string, unknown> = {
      name: `${b.pool}/volume-${vol.id}`,
      hosts: b.monitors.map((m) => m.host.replace(/^\[|\]$/g, '')),
      ports: b.monitors.map((m) => m.port),
      cluster_name: b.clusterName,
      auth_enabled: b.rbdUser !== null,
      auth_username: b.rbdUser,
      secret_type: 'ceph',
      secret_uuid: b.secretUuid,
      volume_id: vol.id,
      discard: true,
    };
    // Only releases that still read rbd_keyring_conf send the keyring; current Cinder never does (d.4).
    if (b.keyring !== undefined && w.profile !== 'modern') {
      data.keyring = b.keyring;
      run.secret(b.keyring);
      const key = /key\s*=\s*(\S+)/.exec(b.keyring);
      if (key) run.secret(key[1]);
    }
    return { driverVolumeType: 'rbd', data, topLevel: {} };
  },

  *connectVolume(ctx) {
    ctx.run.skip('nova-compute', 'LibvirtNetVolumeDriver.connect_volume: no host-side step for rbd (QEMU opens the image through librbd)');
    yield* noWait();
    return null;
  },

  *disconnectVolume() {},
  diskConfig: novaDiskConfig,
};
