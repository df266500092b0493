/**
 * cinder-volume's side of a connection: validate_connector, create_export and the
 * driver's initialize_connection per backend, then _parse_connection_options
 * (attach-flow.md c, d.1-d.5). Returns `data` in the driver's key order.
 */
import type { Connector } from '../backends/connector';
import { SimError, type Run } from '../engine/run';
import type { ExportState, VolumeState, World } from '../engine/world';
import { hex32, tokenFrom } from '../engine/world';

export interface DriverAnswer {
  driverVolumeType: string;
  data: Record<string, unknown>;
  /** keys the driver returns beside `data` (NFS mount_point_base) */
  topLevel: Record<string, unknown>;
}

/** tgt's VPD id for target `tid`, LUN `lun` (attach-flow.md j shows tid 1 / LUN 1). */
function tgtWwn(tid: number, lun: number): string {
  const base = '360000000000000000e00000000010001';
  return base.slice(0, -8) + tid.toString(16).padStart(4, '0') + lun.toString(16).padStart(4, '0');
}

export function volumeWwn(vol: VolumeState, tid = 1, lun = 1): string {
  if (vol.lab.wwn) return vol.lab.wwn.toLowerCase();
  if (vol.backend.protocol === 'iscsi' && vol.backend.targetHelper !== 'vendor') return tgtWwn(tid, lun);
  return `36${hex32(`wwn:${vol.id}`).slice(0, 31)}`;
}

export function volumeIqn(vol: VolumeState): string {
  return `${vol.backend.targetPrefix}volume-${vol.id}`;
}

/** InvalidConnectorException as cinder-volume turns it into InvalidInput. */
function missing(key: string): SimError {
  return new SimError(`Invalid input received: Connector doesn't have required information: ${key}`, 400, 'InvalidInput');
}

/** validate_connector: only the iSCSI target helpers and FibreChannelDriver check anything. */
export function validateConnector(run: Run, vol: VolumeState, connector: Connector): void {
  const b = vol.backend;
  if (b.protocol === 'iscsi' && !('initiator' in connector)) {
    run.note('cinder-volume', b.targetHelper === 'vendor' ? 'ERROR The volume driver requires initiator in the connector.' : 'ERROR The volume driver requires the iSCSI initiator name in the connector.');
    throw missing('initiator');
  }
  if (b.protocol === 'fc' && b.validatesConnector) {
    for (const key of ['wwpns', 'wwnns']) {
      const v = connector[key];
      if (!Array.isArray(v) || v.length === 0) {
        run.note('cinder-volume', `ERROR FibreChannelDriver validate_connector failed. No '${key}'. Make sure HBA state is Online.`);
        throw missing(key);
      }
    }
  }
}

/** create_export: the tgt target (IQN, backing LV, CHAP), written once per volume. */
export function createExport(run: Run, w: World, vol: VolumeState): ExportState {
  if (vol.exported) return vol.exported;
  const b = vol.backend;
  let tid = 0;
  let lun = b.lun ?? 0;
  let chapUser: string | null = null;
  let chapPassword: string | null = null;
  if (b.protocol === 'iscsi') {
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
  } else if (b.protocol === 'fc') {
    run.note('cinder-volume', `create_export: ${b.driver} maps LUN ${lun} to the connector's wwpns`);
  } else if (b.protocol === 'file') {
    run.note('cinder-volume', 'lab file backend: no export (the raw file is the volume)');
  }
  vol.exported = { tid, lun, chapUser, chapPassword, wwn: volumeWwn(vol, tid || 1, lun) };
  return vol.exported;
}

/** The driver's initialize_connection answer, keys in the driver's order. */
export function initializeConnection(run: Run, w: World, vol: VolumeState, connector: Connector): DriverAnswer {
  const b = vol.backend;
  const ex = createExport(run, w, vol);
  switch (b.protocol) {
    case 'iscsi': {
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
    }
    case 'fc': {
      const wwpns = connector.wwpns as string[] | undefined;
      if (!wwpns) {
        // a driver that indexes connector['wwpns'] without validate_connector
        run.note('cinder-volume', "ERROR Driver initialize connection failed (error: 'wwpns').");
        throw new SimError("Bad or unexpected response from the storage volume backend API: Driver initialize connection failed (error: 'wwpns').", 500, 'VolumeBackendAPIException');
      }
      const data: Record<string, unknown> = { target_discovered: false, target_wwn: b.targetWwns, target_lun: ex.lun };
      if (b.initiatorTargetMap) data.initiator_target_map = Object.fromEntries(wwpns.map((p) => [p, b.targetWwns]));
      data.volume_id = vol.id;
      return { driverVolumeType: 'fibre_channel', data, topLevel: {} };
    }
    case 'rbd': {
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
    }
    case 'nfs': {
      const format = vol.lab.format ?? 'raw';
      if (format !== 'raw' && format !== 'qcow2') throw new SimError('Invalid volume: nfs volume must be a valid raw or qcow2 image.', 400, 'InvalidVolume');
      const vsize = vol.lab.virtual_size_gib ?? vol.size;
      const tooBig = w.profile === 'modern' ? Math.ceil(vsize) > vol.size : vsize !== vol.size;
      if (tooBig) throw new SimError('Invalid volume: The volume virtual_size does not match the size in cinder, aborting as we suspect an exploit.', 400, 'InvalidVolume');
      const data: Record<string, unknown> = { export: b.export, name: `volume-${vol.id}` };
      if (b.options) data.options = b.options;
      data.format = format;
      return { driverVolumeType: 'nfs', data, topLevel: { mount_point_base: b.mountPointBase } };
    }
    case 'file': {
      const path = vol.lab.path ?? `${b.directory}/volume-${vol.id}.raw`;
      return { driverVolumeType: 'file', data: { device_path: path, format: 'raw', volume_id: vol.id }, topLevel: {} };
    }
  }
}

const QOS_BASE = ['total_bytes_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_iops_sec', 'read_iops_sec', 'write_iops_sec'];

/** Front-end QoS specs with per-GB values turned into absolute integers. */
function qosFor(vol: VolumeState): Record<string, unknown> | null {
  const q = vol.lab.qos_specs;
  if (!q) return null;
  const consumer = q.consumer ?? 'back-end';
  if (consumer !== 'front-end' && consumer !== 'both') return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) if (k !== 'consumer') out[k] = v;
  for (const opt of QOS_BASE) {
    const perGb = q[`${opt}_per_gb`];
    if (perGb === undefined) continue;
    let val = Number(perGb) * vol.size;
    const min = q[`${opt}_per_gb_min`];
    const max = q[`${opt}_max`];
    if (min !== undefined) val = Math.max(val, Number(min));
    if (max !== undefined) val = Math.min(val, Number(max));
    delete out[`${opt}_per_gb`];
    delete out[`${opt}_per_gb_min`];
    out[opt] = Math.trunc(val);
  }
  return out;
}

/** _parse_connection_options: the keys Cinder appends to every `data`. */
export function withCommonKeys(vol: VolumeState, data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  out.qos_specs = qosFor(vol);
  out.access_mode = vol.lab.readonly ? 'ro' : 'rw';
  if (!('encrypted' in data)) out.encrypted = vol.lab.encrypted;
  out.cacheable = false;
  return out;
}
