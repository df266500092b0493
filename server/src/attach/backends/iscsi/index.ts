/**
 * iSCSI (attach-flow.md d.2, e.2-e.6): LVM with tgt or LIO, or a vendor array. Cinder writes
 * the target (IQN, backing LV, CHAP) and answers with portals, IQNs and LUNs; os-brick logs
 * in and scans (connect.ts); libvirt gets a block `<disk>`.
 */
import type { Run } from '../../engine/run';
import type { VolumeState, World } from '../../engine/world';
import { tokenFrom } from '../../engine/world';
import type { Backend, Connector } from '../backend';
import { hashedWwn, missingConnectorKey, novaDiskConfig } from '../common';
import { brickConnect, brickDisconnect } from '../osBrick';
import { connectLegacy, connectMultipath, connectSingle } from './connect';
import { connectIscsiJuno, disconnectIscsiJuno } from './juno';
import { volumeDiskConfig } from '../../../libvirt/diskXml';

/** tgt's VPD id for target `tid`, LUN `lun` (attach-flow.md j shows tid 1 / LUN 1). */
function tgtWwn(tid: number, lun: number): string {
  const base = '360000000000000000e00000000010001';
  return base.slice(0, -8) + tid.toString(16).padStart(4, '0') + lun.toString(16).padStart(4, '0');
}

export function volumeIqn(vol: VolumeState): string {
  return `${vol.backend.targetPrefix}volume-${vol.id}`;
}

export const iscsi: Backend = {
  protocol: 'iscsi',
  driverVolumeType: 'iscsi',
  defaults: { protocol: 'iscsi', driver: 'LVMVolumeDriver (tgtadm)', target_helper: 'tgtadm', portals: [{ address: '10.0.0.5:3260', reachable: true }], chap: true },
  sharedTargets: true,
  updateLatencyMs: 1500,

  connectorProperties(host) {
    return host.initiator ? { initiator: host.initiator } : {};
  },

  validateConnector(run: Run, vol: VolumeState, connector: Connector): void {
    if ('initiator' in connector) return;
    run.error('cinder-volume', vol.backend.targetHelper === 'vendor' ? 'ERROR The volume driver requires initiator in the connector.' : 'ERROR The volume driver requires the iSCSI initiator name in the connector.');
    throw missingConnectorKey('initiator');
  },

  createExport(run: Run, w: World, vol: VolumeState) {
    const b = vol.backend;
    let tid = 0;
    let lun = b.lun ?? 0;
    let chapUser: string | null = null;
    let chapPassword: string | null = null;
    if (b.targetHelper !== 'vendor') {
      tid = (w.tgtTargets.get(b.name) ?? 0) + 1;
      w.tgtTargets.set(b.name, tid);
      lun = b.targetHelper === 'tgtadm' ? 1 : 0; // tgt's LUN 0 is the controller
    }
    if (b.chap) {
      chapUser = tokenFrom(`chap-user:${vol.id}`, 20);
      chapPassword = tokenFrom(`chap-password:${vol.id}`, 16);
      run.secret(chapPassword);
    }
    const iqn = volumeIqn(vol);
    if (b.targetHelper === 'tgtadm') {
      const modernTgt = w.profile === 'modern';
      const lines = [
        `<target ${iqn}>`,
        `backing-store /dev/${b.volumeGroup}/volume-${vol.id}`,
        'driver iscsi',
        `incominguser ${chapUser} ${chapPassword}`,
        'write-cache on',
        ...(modernTgt ? [`scsi_sn volume-${vol.id}`, `scsi_id volume-${vol.id}`] : ['params thin_provisioning=1']),
        '</target>',
      ];
      run.note('cinder-volume', `create_export: tgt persistence file volumes_dir/volume-${vol.id}: ${lines.join(' | ')}; tgt-admin --update ${iqn}`);
      const portals = b.portals.map((p) => p.address).join(';');
      run.note('cinder-volume', `provider_location = "${portals},${tid} ${iqn} ${lun}"; provider_auth = "CHAP ${chapUser} ${chapPassword}"`);
    } else if (b.targetHelper === 'lioadm') {
      run.note('cinder-volume', `create_export: cinder-rtstool create /dev/${b.volumeGroup}/volume-${vol.id} ${iqn} ${chapUser} ${chapPassword}`);
    } else {
      run.note('cinder-volume', `create_export: ${b.driver} maps volume ${vol.id} to the host's initiator`);
    }
    return { tid, lun, chapUser, chapPassword };
  },

  wwn(vol, tid, lun) {
    return vol.backend.targetHelper !== 'vendor' ? tgtWwn(tid, lun) : hashedWwn(vol);
  },

  initializeConnection(_run, _w, vol, connector, ex) {
    const b = vol.backend;
    const iqn = volumeIqn(vol);
    const data: Record<string, unknown> = { target_discovered: b.targetDiscovered };
    const portals = b.portals;
    if (portals.length > 1 || connector.multipath === true) {
      data.target_portals = portals.map((p) => p.address);
      data.target_iqns = portals.map((p) => p.iqn ?? iqn);
      data.target_luns = portals.map(() => ex.lun);
    }
    data.target_portal = portals[0]?.address ?? '';
    data.target_iqn = portals[0]?.iqn ?? iqn;
    data.target_lun = ex.lun;
    data.volume_id = vol.id;
    if (ex.chapUser) {
      data.auth_method = 'CHAP';
      data.auth_username = ex.chapUser;
      data.auth_password = ex.chapPassword;
    }
    data.encrypted = vol.lab.encrypted;
    return { driverVolumeType: 'iscsi', data, topLevel: {} };
  },

  connectVolume(ctx) {
    // kilo_prefix: no os-brick yet (it came with Liberty), Nova's own libvirt iSCSI driver does the host work
    if (ctx.run.world.profile === 'kilo_prefix') return connectIscsiJuno(ctx);
    return brickConnect(ctx, {
      label: 'iSCSI',
      module: 'iscsi',
      keepsMultipathId: false,
      connect: (c, multipath) => (!c.run.world.facts.refactoredIscsi ? connectLegacy(c, multipath) : multipath ? connectMultipath(c) : connectSingle(c)),
    });
  },

  disconnectVolume: (run, ci) => (run.world.profile === 'kilo_prefix' ? disconnectIscsiJuno(run, ci) : brickDisconnect(run, ci, true)),
  // Juno's get_config reads data.host_device (Kilo renamed it device_path)
  diskConfig: (ci, disk, opts) => {
    const data = (ci.data ?? {}) as Record<string, unknown>;
    if (data.device_path === undefined && typeof data.host_device === 'string') return volumeDiskConfig({ ...ci, data: { ...data, device_path: data.host_device } } as typeof ci, disk, opts);
    return novaDiskConfig(ci, disk, opts);
  },
};
