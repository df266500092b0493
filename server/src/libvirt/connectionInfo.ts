/**
 * The `connection_info` Nova stores in a volume BDM (shared/spec/attach-flow.md d.1-d.5),
 * plus built-in default backends used when the user gives none, and redaction for display.
 * Pure data: no I/O. The md5 of the NFS export (Nova's mount point name is that digest) and
 * the stand-in credentials come from the host's hashes port, which the caller passes.
 */
import type { HashAlgorithm, Hashes } from '../ports';

/** The hashes port, or a clear error when a caller forgot it (a digest is never guessed). */
export function needHashes(hashes: Hashes | undefined, who: string): Hashes {
  if (!hashes || typeof hashes.digest !== 'function') throw new TypeError(`${who} needs the host's hashes port (pass nodeHost().hashes from server/src/host)`);
  return hashes;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The hex digest of the UTF-8 bytes of `text`. */
export function hexDigest(hashes: Hashes, algorithm: HashAlgorithm, text: string): string {
  const bytes = hashes.digest(algorithm, text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/** QoS specs as Cinder passes them (values may be strings or, after per-GB conversion, numbers). */
export type QosSpecs = Record<string, string | number>;

/**
 * `data` of connection_info. Known keys are typed; drivers may add others, so the index
 * signature stays open (values are JSON).
 */
export interface ConnectionData {
  // iSCSI / iSER
  target_discovered?: boolean;
  target_portals?: string[];
  target_iqns?: string[];
  target_luns?: number[];
  target_portal?: string;
  target_iqn?: string;
  target_lun?: number;
  auth_method?: string;
  auth_username?: string | null;
  auth_password?: string;
  discovery_auth_method?: string;
  discovery_auth_username?: string;
  discovery_auth_password?: string;
  addressing_mode?: string;
  // Fibre Channel
  target_wwn?: string | string[];
  target_wwns?: string[];
  initiator_target_map?: Record<string, string[]>;
  multipath_id?: string;
  // RBD
  name?: string;
  hosts?: string[];
  ports?: Array<string | null>;
  cluster_name?: string;
  auth_enabled?: boolean;
  secret_type?: string;
  secret_uuid?: string | null;
  keyring?: string;
  // NFS
  export?: string;
  options?: string;
  format?: string;
  mount_point_base?: string;
  // common (Cinder `_parse_connection_options`, Nova after connect)
  volume_id?: string;
  /** a QosSpecs dict when valid; anything else is logged and ignored by Nova (f.1) */
  qos_specs?: unknown;
  access_mode?: string;
  encrypted?: boolean;
  cacheable?: boolean;
  discard?: boolean;
  physical_block_size?: string;
  logical_block_size?: string;
  enforce_multipath?: boolean;
  device_path?: string;
  [key: string]: unknown;
}

/** The envelope of d.1 (new flow keys first, legacy-flow keys optional). */
export interface ConnectionInfo {
  driver_volume_type: string;
  data: ConnectionData;
  status?: string;
  instance?: string;
  attached_at?: string;
  detached_at?: string;
  volume_id?: string;
  serial?: string;
  multiattach?: boolean;
  // legacy flow only
  enforce_multipath?: boolean;
  mount_point_base?: string;
  connector?: Record<string, unknown>;
  [key: string]: unknown;
}

export type DefaultBackend = 'iscsi' | 'iscsi_multipath' | 'fibre_channel' | 'rbd' | 'nfs';

/** Human-readable name of a default backend, for "where did this connection_info come from". */
export const DEFAULT_BACKEND_LABEL: Record<DefaultBackend, string> = {
  iscsi: 'built-in default iSCSI backend',
  iscsi_multipath: 'built-in default iSCSI multipath backend',
  fibre_channel: 'built-in default Fibre Channel backend',
  rbd: 'built-in default RBD (Ceph) backend',
  nfs: 'built-in default NFS backend',
};

/** Nova's default NFS mount point base ($state_path/mnt). */
export const NFS_MOUNT_POINT_BASE = '/var/lib/nova/mnt';

/** Nova mounts an NFS export under <base>/<md5 hex of the export string>. */
export function nfsMountPoint(hashes: Hashes, exportPath: string, base: string = NFS_MOUNT_POINT_BASE): string {
  return `${base}/${hexDigest(needHashes(hashes, 'nfsMountPoint'), 'md5', exportPath)}`;
}

/** Keys Cinder appends to every `data` (d.1), in Cinder's order; `encrypted` only when the driver did not set it. */
function commonTail(withEncrypted: boolean): ConnectionData {
  const d: ConnectionData = { qos_specs: null, access_mode: 'rw' };
  if (withEncrypted) d.encrypted = false;
  d.cacheable = false;
  return d;
}

/**
 * Deterministic stand-in credentials derived from the volume id: the CHAP user has 20
 * characters and the password 16, as the LVM/tgt export generates them (d.2).
 */
function pseudo(hashes: Hashes, volumeId: string, salt: string, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const digest = hashes.digest('sha256', `${salt}:${volumeId}`);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[digest[i % digest.length]! % alphabet.length];
  return out;
}

/**
 * A realistic connection_info for a volume on one of the built-in backends, as stored in the
 * BDM after a successful connect on the host (profile `modern`, new attachment flow, so it
 * already carries `device_path` where the host step sets one). Secrets are real values here;
 * call `redactConnectionInfo` before showing it.
 */
export function defaultConnectionInfo(kind: DefaultBackend, volumeId: string, opts: { hashes: Hashes; ordinal?: number }): ConnectionInfo {
  const hashes = needHashes(opts?.hashes, 'defaultConnectionInfo');
  // The n-th volume of a host gets the n-th device, so several defaults do not share /dev/sdb.
  const n = Math.max(0, Math.floor(opts.ordinal ?? 0));
  const envelope = (driver: string, data: ConnectionData): ConnectionInfo => ({
    driver_volume_type: driver,
    data,
    status: 'reserved',
    instance: '',
    attached_at: '',
    detached_at: '',
    volume_id: volumeId,
    serial: volumeId,
  });
  const iqn = `iqn.2010-10.org.openstack:volume-${volumeId}`;
  switch (kind) {
    case 'iscsi':
      return envelope('iscsi', {
        target_discovered: false,
        target_portal: '10.0.0.5:3260',
        target_iqn: iqn,
        target_lun: 1,
        volume_id: volumeId,
        auth_method: 'CHAP',
        auth_username: pseudo(hashes, volumeId, 'chap-user', 20),
        auth_password: pseudo(hashes, volumeId, 'chap-password', 16),
        encrypted: false,
        ...commonTail(false),
        enforce_multipath: true,
        device_path: `/dev/sd${letters(n + 1)}`,
      });
    case 'iscsi_multipath':
      // Lists are present (and come before target_portal) because the connector asked for multipath.
      return envelope('iscsi', {
        target_discovered: false,
        target_portals: ['10.0.0.5:3260', '10.0.1.5:3260'],
        target_iqns: [iqn, iqn],
        target_luns: [1, 1],
        target_portal: '10.0.0.5:3260',
        target_iqn: iqn,
        target_lun: 1,
        volume_id: volumeId,
        auth_method: 'CHAP',
        auth_username: pseudo(hashes, volumeId, 'chap-user', 20),
        auth_password: pseudo(hashes, volumeId, 'chap-password', 16),
        encrypted: false,
        ...commonTail(false),
        enforce_multipath: true,
        device_path: `/dev/dm-${n}`,
      });
    case 'fibre_channel': {
      const wwn = `360000000000000000e0000000001${(n + 1).toString(16).padStart(4, '0')}`;
      return envelope('fibre_channel', {
        target_discovered: false,
        target_wwn: ['50060e801049cfd1', '50060e801049cfd2'],
        target_lun: 1,
        initiator_target_map: { '21000024ff3a5c10': ['50060e801049cfd1', '50060e801049cfd2'] },
        volume_id: volumeId,
        ...commonTail(true),
        enforce_multipath: true,
        device_path: `/dev/disk/by-id/dm-uuid-mpath-${wwn}`,
        multipath_id: wwn,
      });
    }
    case 'rbd':
      // RBD has no host step, so no device_path; qemu talks to the monitors itself.
      return envelope('rbd', {
        name: `volumes/volume-${volumeId}`,
        hosts: ['10.0.0.11', '10.0.0.12', '10.0.0.13'],
        ports: ['6789', '6789', '6789'],
        cluster_name: 'ceph',
        auth_enabled: true,
        auth_username: 'cinder',
        secret_type: 'ceph',
        secret_uuid: '457eb676-33da-42ec-9a8c-9293d545c337',
        volume_id: volumeId,
        discard: true,
        ...commonTail(true),
        enforce_multipath: true,
      });
    case 'nfs': {
      const exp = '192.168.1.50:/srv/nfs/cinder';
      return envelope('nfs', {
        export: exp,
        name: `volume-${volumeId}`,
        options: '-o vers=4.1',
        format: 'raw',
        ...commonTail(true),
        mount_point_base: '/var/lib/cinder/mnt',
        enforce_multipath: true,
        device_path: `${nfsMountPoint(hashes, exp)}/volume-${volumeId}`,
      });
    }
  }
}

/** 0 -> a, 25 -> z, 26 -> aa (the kernel's sdX naming) */
function letters(i: number): string {
  let out = '';
  for (let k = i; k >= 0; k = Math.floor(k / 26) - 1) out = String.fromCharCode(97 + (k % 26)) + out;
  return out;
}

/** Keys whose values are secrets, wherever they appear. */
const SECRET_KEYS = new Set([
  'keyring',
  'auth_password',
  'discovery_auth_password',
  'password',
  'secret',
  'token',
  'auth_token',
  'access_token',
  'chap_secret',
]);

function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return SECRET_KEYS.has(k) || k.endsWith('_password') || k.endsWith('_token') || k.endsWith('_secret');
}

function redactValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      // Null/absent secrets stay null: "***" would claim a secret exists where none does.
      out[k] = isSecretKey(k) && val !== null && val !== undefined ? '***' : redactValue(val);
    }
    return out;
  }
  return v;
}

/**
 * A deep copy with every secret value (keyring, CHAP passwords, tokens, `secret`) replaced by
 * "***". `secret_uuid` is not a secret (it names a libvirt secret object) and is kept.
 */
export function redactConnectionInfo(ci: ConnectionInfo): ConnectionInfo {
  return redactValue(ci) as ConnectionInfo;
}
