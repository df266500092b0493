/**
 * Backend facts with every default filled in, so the flows never test for undefined.
 * A volume names a key of the lab host's `backends`, or a bare protocol name for the
 * built-in reference backend of that protocol (LVM+tgt, an FC array, Ceph, an NFS share).
 */
import type { LabBackend, LabHost, Portal, Protocol } from '../types';
import { AttachInputError } from '../types';

export interface ResolvedBackend {
  name: string;
  protocol: Protocol;
  driver: string;
  updateLatencyS: number | undefined;
  targetHelper: 'tgtadm' | 'lioadm' | 'vendor';
  targetPrefix: string;
  volumeGroup: string;
  portals: Portal[];
  lun: number | undefined;
  chap: boolean;
  targetDiscovered: boolean;
  targetWwns: string[];
  validatesConnector: boolean;
  initiatorTargetMap: boolean;
  pool: string;
  monitors: Array<{ host: string; port: string | null }>;
  clusterName: string;
  rbdUser: string | null;
  secretUuid: string | null;
  keyring: string | undefined;
  export: string;
  options: string | undefined;
  mountPointBase: string;
  directory: string;
}

const DEFAULTS: Record<Protocol, LabBackend> = {
  iscsi: { protocol: 'iscsi', driver: 'LVMVolumeDriver (tgtadm)', target_helper: 'tgtadm', portals: [{ address: '10.0.0.5:3260', reachable: true }], chap: true },
  fc: { protocol: 'fc', driver: 'FibreChannelDriver (array)', target_wwns: ['50060e801049cfd1', '50060e801049cfd2'], lun: 1, validates_connector: true, initiator_target_map: true },
  rbd: {
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
  nfs: { protocol: 'nfs', driver: 'NfsDriver', export: '192.168.1.50:/srv/nfs/cinder', options: '-o vers=4.1', mount_point_base: '/var/lib/cinder/mnt' },
  file: { protocol: 'file', driver: 'lab file backend (a raw file on the lab host; no Cinder driver)', directory: '/var/tmp/bdm-lab' },
};

const PROTOCOLS = new Set<string>(['iscsi', 'fc', 'rbd', 'nfs', 'file']);

export function resolveBackend(lab: LabHost, name: string): ResolvedBackend {
  let b = lab.backends[name];
  if (!b) {
    if (!PROTOCOLS.has(name)) throw new AttachInputError(`backend "${name}" is neither a key of "backends" nor one of iscsi, fc, rbd, nfs, file`);
    b = DEFAULTS[name as Protocol];
  }
  const d = DEFAULTS[b.protocol];
  return {
    name,
    protocol: b.protocol,
    driver: b.driver ?? d.driver,
    updateLatencyS: b.update_latency_s,
    targetHelper: b.target_helper ?? (b.protocol === 'iscsi' ? 'tgtadm' : 'vendor'),
    targetPrefix: b.target_prefix ?? 'iqn.2010-10.org.openstack:',
    volumeGroup: b.volume_group ?? 'cinder-volumes',
    portals: (b.portals ?? d.portals ?? []).map((p) => ({ ...p, reachable: p.reachable ?? true, refuses: p.refuses ?? false })),
    lun: b.lun ?? d.lun,
    // LVM/tgt generates CHAP whatever use_chap_auth says (d.2); vendor drivers only when told.
    chap: b.chap ?? (b.target_helper === 'tgtadm' || b.target_helper === 'lioadm' || b.target_helper === undefined),
    targetDiscovered: b.target_discovered ?? false,
    targetWwns: (b.target_wwns ?? d.target_wwns ?? []).map((w) => w.toLowerCase()),
    validatesConnector: b.validates_connector ?? true,
    initiatorTargetMap: b.initiator_target_map ?? true,
    pool: b.pool ?? 'rbd',
    monitors: b.monitors ?? d.monitors ?? [],
    clusterName: b.cluster_name ?? 'ceph',
    rbdUser: b.rbd_user === undefined ? (d.rbd_user ?? null) : b.rbd_user,
    secretUuid: b.secret_uuid === undefined ? (d.secret_uuid ?? null) : b.secret_uuid,
    keyring: b.keyring,
    export: b.export ?? d.export ?? '',
    options: b.options,
    mountPointBase: b.mount_point_base ?? '/var/lib/cinder/mnt',
    directory: b.directory ?? d.directory ?? '/var/tmp/bdm-lab',
  };
}
