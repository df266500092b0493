/**
 * Backend facts with every default filled in, so the flows never test for undefined.
 * A volume names a key of the lab host's `backends`, or a bare protocol name for the
 * built-in reference backend of that protocol (each backend's `defaults`: LVM+tgt, an FC
 * array, Ceph, an NFS share). The registry passes the defaults in (registry.ts).
 */
import type { LabBackend, LabHost, Portal, Protocol } from '../types';
import { AttachInputError } from '../types';

export interface ResolvedBackend {
  name: string;
  protocol: Protocol;
  /** what cinder-volume reports as shared_targets unless the volume says (a.0) */
  sharedTargets: boolean;
  driver: string;
  updateLatencyS: number | undefined;
  /** false: cinder-volume's driver is not initialized (DriverNotInitialized) */
  driverInitialized: boolean;
  /** the driver's initialize_connection raises this (str of the exception); null = it answers */
  initializeConnectionError: string | null;
  /** the driver's terminate_connection raises this (str of the exception); null = it answers */
  terminateConnectionError: string | null;
  targetHelper: 'tgtadm' | 'lioadm' | 'vendor';
  targetPrefix: string;
  volumeGroup: string;
  portals: Portal[];
  lun: number | undefined;
  chap: boolean;
  targetDiscovered: boolean;
  targetWwns: string[];
  validatesConnector: boolean;
  /** true = every connector wwpn to every target; an object = the driver's pairs as given; false = none */
  initiatorTargetMap: boolean | Record<string, string[]>;
  pool: string;
  monitors: Array<{ host: string; port: string | null }>;
  clusterName: string;
  rbdUser: string | null;
  secretUuid: string | null;
  keyring: string | undefined;
  export: string;
  /** the share's options as Cinder sends them (null: the share has none) */
  options: string | null;
  /** nova-compute's mount of the share fails with this stderr; null = it mounts */
  mountError: string | null;
  mountPointBase: string;
  directory: string;
}

/** The per-protocol facts resolution needs: the registered backends' defaults. */
export interface ProtocolDefaults {
  /** registered protocol names, in the registry's order (for the error message) */
  names: readonly Protocol[];
  defaults(protocol: Protocol): LabBackend;
  sharedTargets(protocol: Protocol): boolean;
}

/** Resolves a lab host volume's `backend` (a key of `backends` or a protocol name). */
export type BackendResolver = (lab: LabHost, name: string) => ResolvedBackend;

export function resolveBackend(lab: LabHost, name: string, reg: ProtocolDefaults): ResolvedBackend {
  let b = lab.backends[name];
  if (!b) {
    if (!(reg.names as readonly string[]).includes(name)) throw new AttachInputError(`backend "${name}" is neither a key of "backends" nor one of ${reg.names.join(', ')}`);
    b = reg.defaults(name as Protocol);
  }
  const d = reg.defaults(b.protocol);
  const targetHelper = b.target_helper ?? (b.protocol === 'iscsi' ? 'tgtadm' : 'vendor');
  return {
    name,
    protocol: b.protocol,
    // cinder/volume/manager.py `_driver_shares_targets` honours a driver's shared_targets False;
    // the LVM driver reports False (cinder/volume/drivers/lvm.py `_update_volume_stats`, 12.0.0 to
    // 21.x) or `lvm_share_target`, default False (22.0.0 on); other iSCSI drivers default to True
    sharedTargets: b.protocol === 'iscsi' && targetHelper !== 'vendor' ? false : reg.sharedTargets(b.protocol),
    driver: b.driver ?? d.driver,
    updateLatencyS: b.update_latency_s,
    driverInitialized: b.driver_initialized ?? true,
    initializeConnectionError: b.initialize_connection_error ?? null,
    terminateConnectionError: b.terminate_connection_error ?? null,
    targetHelper,
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
    options: b.options ?? null,
    mountError: b.mount_error ?? null,
    mountPointBase: b.mount_point_base ?? '/var/lib/cinder/mnt',
    directory: b.directory ?? d.directory ?? '/var/tmp/bdm-lab',
  };
}
