/**
 * Fibre Channel (attach-flow.md d.3, e.7): an array behind target WWPNs. Cinder checks the
 * connector's wwpns/wwnns and answers with target WWNs, a LUN and the initiator-target map;
 * os-brick scans the HBAs (connect.ts), or before os-brick (kilo_prefix) Nova's own libvirt FC
 * driver (juno.ts); libvirt gets a block `<disk>`.
 */
import { SimError } from '../../engine/run';
import type { Backend } from '../backend';
import { hashedWwn, missingConnectorKey, noExport, novaDiskConfig } from '../common';
import { brickConnect, brickDisconnect } from '../osBrick';
import { connectFc } from './connect';
import { connectFcJuno, disconnectFcJuno } from './juno';

export const fc: Backend = {
  protocol: 'fc',
  driverVolumeType: 'fibre_channel',
  defaults: { protocol: 'fc', driver: 'FibreChannelDriver (array)', target_wwns: ['50060e801049cfd1', '50060e801049cfd2'], lun: 1, validates_connector: true, initiator_target_map: true },
  sharedTargets: false,
  updateLatencyMs: 2000,

  connectorProperties(host) {
    const online = host.fc_hbas.filter((h) => h.port_state === 'Online');
    if (online.length === 0) return {};
    return {
      wwpns: online.map((h) => h.wwpn.replace(/^0x/, '').toLowerCase()),
      wwnns: online.map((h) => h.wwnn.replace(/^0x/, '').toLowerCase()),
    };
  },

  validateConnector(run, vol, connector) {
    if (!vol.backend.validatesConnector) return;
    for (const key of ['wwpns', 'wwnns']) {
      const v = connector[key];
      if (!Array.isArray(v) || v.length === 0) {
        run.error('cinder-volume', `ERROR FibreChannelDriver validate_connector failed. No '${key}'. Make sure HBA state is Online.`);
        throw missingConnectorKey(key);
      }
    }
  },

  createExport(run, _w, vol) {
    const ex = noExport(vol);
    run.note('cinder-volume', `create_export: ${vol.backend.driver} maps LUN ${ex.lun} to the connector's wwpns`);
    return ex;
  },

  wwn: (vol) => hashedWwn(vol),

  initializeConnection(run, _w, vol, connector, ex) {
    const b = vol.backend;
    const wwpns = connector.wwpns as string[] | undefined;
    if (!wwpns) {
      // a driver that indexes connector['wwpns'] without validate_connector
      run.error('cinder-volume', "ERROR Driver initialize connection failed (error: 'wwpns').");
      throw new SimError("Bad or unexpected response from the storage volume backend API: Driver initialize connection failed (error: 'wwpns').", 500, 'VolumeBackendAPIException');
    }
    const data: Record<string, unknown> = { target_discovered: false, target_wwn: b.targetWwns, target_lun: ex.lun };
    if (b.initiatorTargetMap === true) data.initiator_target_map = Object.fromEntries(wwpns.map((p) => [p, b.targetWwns]));
    else if (b.initiatorTargetMap) data.initiator_target_map = Object.fromEntries(Object.entries(b.initiatorTargetMap).map(([i, t]) => [i, [...t]]));
    data.volume_id = vol.id;
    return { driverVolumeType: 'fibre_channel', data, topLevel: {} };
  },

  connectVolume(ctx) {
    // kilo_prefix: no os-brick yet, Nova's own libvirt FC driver does the host work
    if (ctx.run.world.profile === 'kilo_prefix') return connectFcJuno(ctx);
    return brickConnect(ctx, { label: 'FC', module: 'fibre_channel', keepsMultipathId: true, connect: (c, multipath) => connectFc(c, multipath) });
  },

  disconnectVolume: (run, ci) => (run.world.profile === 'kilo_prefix' ? disconnectFcJuno(run, ci) : brickDisconnect(run, ci, false)),
  diskConfig: novaDiskConfig,
};
