/**
 * Ceph RBD (attach-flow.md d.4): Cinder answers with the image name, the monitors and the
 * cephx user; there is no host step (QEMU opens the image through librbd), and libvirt gets
 * a network `<disk>` with an auth secret. With `[workarounds]rbd_volume_local_attach` on Nova
 * 21.0.0 to 23.x, os-brick maps the image on the host instead (localAttach.ts) and libvirt gets
 * a block `<disk>`.
 */
import type { Backend } from '../backend';
import { hashedWwn, noExport, noWait, novaDiskConfig } from '../common';
import { cinderSeries } from '../../engine/novaRelease';
import { labWorkarounds } from '../../engine/novaConfRead';
import { localConnect, localDisconnect } from './localAttach';

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
    // cinder/volume/drivers/rbd.py initialize_connection per Cinder release (the compute node's
    // series, services/cinderConnection.ts cinderSeries): 2014.2/2015.1 send the image, the
    // monitors and the cephx facts only; volume_id from 7.0.0, cluster_name from 9.0.0, discard
    // (always true) and the keyring (when rbd_keyring_conf is read) from 11.0.0
    const cinder = cinderSeries(w);
    const data: Record<string, unknown> = {
      name: `${b.pool}/volume-${vol.id}`,
      hosts: b.monitors.map((m) => m.host.replace(/^\[|\]$/g, '')),
      ports: b.monitors.map((m) => m.port),
    };
    if (cinder >= 9) data.cluster_name = b.clusterName;
    Object.assign(data, { auth_enabled: b.rbdUser !== null, auth_username: b.rbdUser, secret_type: 'ceph', secret_uuid: b.secretUuid });
    if (cinder >= 7) data.volume_id = vol.id;
    if (cinder >= 11) data.discard = true;
    // The keyring: Cinder 11.0.0-16.x always send the key, the file's text or None when
    // rbd_keyring_conf names no readable file (`_get_keyring_contents`); from 17.0.0 (OSSN-0085,
    // `_set_keyring_attributes`) the option is no longer read from cinder.conf and the key is left
    // out (only cinderlib sets it). The libvirt network disk never reads it either way.
    if (cinder >= 11 && cinder < 17) {
      data.keyring = b.keyring ?? null;
      if (b.keyring !== undefined) {
        run.secret(b.keyring);
        const key = /key\s*=\s*(\S+)/.exec(b.keyring);
        if (key) run.secret(key[1]);
      }
    } else if (b.keyring !== undefined && cinder >= 17) {
      run.note('cinder-volume', 'the backend\'s keyring is not sent: Cinder 17.0.0 and later no longer read rbd_keyring_conf from cinder.conf (OSSN-0085), so the connection_info has no keyring key');
    }
    if (cinder < 7 && vol.lab.encrypted) {
      // the manager adds `encrypted` only from 7.0.0: Nova reads no encryption for this volume
      run.warn('cinder-volume', `volume ${vol.id} is encrypted, but Cinder ${w.novaRelease && w.novaRelease.major >= 11 ? '2015.1' : '2014.2'}'s rbd connection_info has no encrypted key: Nova reads no encryption metadata and attaches the LUKS container as it is (the guest sees ciphertext)`);
    }
    return { driverVolumeType: 'rbd', data, topLevel: {} };
  },

  *connectVolume(ctx) {
    const { run, data } = ctx;
    // net.py `_use_rbd_volume_local_attach` (Nova 21.0.0-23.x): an rbd connection and the option
    if (labWorkarounds(run).rbdVolumeLocalAttach) return yield* localConnect(ctx);
    run.skip('nova-compute', 'LibvirtNetVolumeDriver.connect_volume: no host-side step for rbd (QEMU opens the image through librbd)');
    const w = run.world;
    if (w.profile === 'kilo_prefix' && !(w.novaRelease !== undefined && w.novaRelease.major >= 11)) {
      // 2014.2 nova/virt/libvirt/driver.py attach_volume and _create_domain_and_network cache the
      // config's source_path as data.device_path "for the encryptors": None for a network disk
      data.device_path = null;
      run.note('nova-compute', 'connection_info data.device_path = None (Juno caches the disk\'s source path; a network disk has none)');
    }
    yield* noWait();
    return null;
  },

  *disconnectVolume(run, ci) {
    if (labWorkarounds(run).rbdVolumeLocalAttach) yield* localDisconnect(run, ci);
  },
  diskConfig: novaDiskConfig,
};
