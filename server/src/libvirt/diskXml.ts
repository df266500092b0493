/**
 * One libvirt `<disk>`: building its fields from a volume's connection_info + disk_info the
 * way Nova's libvirt volume drivers do (shared/spec/attach-flow.md f.1, f.2), and serialising
 * it the way Nova's LibvirtConfigGuestDisk does (f.3, f.5). Pure and deterministic.
 */
import { NFS_MOUNT_POINT_BASE, nfsMountPoint, type ConnectionInfo, type ConnectionData } from './connectionInfo';
import type { Hashes } from '../ports';
import type { DiskConfig } from './diskConfig';

/** A small element tree; attributes keep insertion order, which is the emitted order. */
interface El {
  name: string;
  attrs: Array<[string, string]>;
  children: El[];
  text?: string;
}

function el(name: string, attrs: Array<[string, string | undefined]> = [], children: El[] = [], text?: string): El {
  const kept = attrs.filter((a): a is [string, string] => a[1] !== undefined);
  return { name, attrs: kept, children, text };
}

/**
 * Escaping as lxml (Nova's serialiser) does it, so the output matches Nova byte for byte:
 * text escapes & < > (and CR); attribute values also escape the double quote and whitespace
 * controls. An apostrophe stays literal in both, and a double quote stays literal in text:
 * both are safe there, because every attribute is double-quoted.
 */
const TEXT_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESC: Record<string, string> = { ...TEXT_ESC, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

export function xmlEscapeText(v: string): string {
  return v.replace(/[&<>\r]/g, (c) => TEXT_ESC[c]!);
}

export function xmlEscapeAttr(v: string): string {
  return v.replace(/[&<>"\r\n\t]/g, (c) => ATTR_ESC[c]!);
}

function serialise(e: El, indent: string, out: string[]): void {
  const attrs = e.attrs.map(([k, v]) => ` ${k}="${xmlEscapeAttr(v)}"`).join('');
  if (e.children.length === 0 && e.text === undefined) {
    out.push(`${indent}<${e.name}${attrs}/>`);
  } else if (e.children.length === 0) {
    out.push(`${indent}<${e.name}${attrs}>${xmlEscapeText(e.text ?? '')}</${e.name}>`);
  } else {
    out.push(`${indent}<${e.name}${attrs}>`);
    for (const c of e.children) serialise(c, indent + '  ', out);
    out.push(`${indent}</${e.name}>`);
  }
}

/** Nova's `<iotune>` child order (f.3 item 7), which is not the order of the qos_specs keys. */
export const IOTUNE_ORDER = [
  'read_bytes_sec',
  'read_iops_sec',
  'write_bytes_sec',
  'write_iops_sec',
  'total_bytes_sec',
  'total_iops_sec',
  'read_bytes_sec_max',
  'write_bytes_sec_max',
  'total_bytes_sec_max',
  'read_iops_sec_max',
  'write_iops_sec_max',
  'total_iops_sec_max',
  'size_iops_sec',
] as const;

function diskElement(d: DiskConfig): El {
  const kids: El[] = [];
  const drv = d.driver;
  if (drv && (drv.name ?? drv.type ?? drv.cache ?? drv.discard ?? drv.io) !== undefined) {
    kids.push(el('driver', [['name', drv.name], ['type', drv.type], ['cache', drv.cache], ['discard', drv.discard], ['io', drv.io]]));
  }
  if (d.alias !== undefined) kids.push(el('alias', [['name', d.alias]]));
  const s = d.source;
  if (s) {
    const hosts = (s.hosts ?? []).map((h) => el('host', [['name', h.name], ['port', h.port]]));
    kids.push(el('source', [['file', s.file], ['dev', s.dev], ['protocol', s.protocol], ['name', s.name]], hosts));
  }
  if (d.auth) {
    kids.push(el('auth', [['username', d.auth.username]], [el('secret', [['type', d.auth.secretType], ['uuid', d.auth.secretUuid]])]));
  }
  kids.push(el('target', [['dev', d.target.dev], ['bus', d.target.bus]]));
  if (d.serial !== undefined) kids.push(el('serial', [], [], d.serial));
  if (d.iotune) {
    const tune = IOTUNE_ORDER.filter((k) => d.iotune![k] !== undefined).map((k) => el(k, [], [], d.iotune![k]));
    if (tune.length > 0) kids.push(el('iotune', [], tune));
  }
  if (d.blockio && (d.blockio.logical_block_size ?? d.blockio.physical_block_size) !== undefined) {
    kids.push(el('blockio', [['logical_block_size', d.blockio.logical_block_size], ['physical_block_size', d.blockio.physical_block_size]]));
  }
  if (d.readonly) kids.push(el('readonly'));
  if (d.shareable) kids.push(el('shareable'));
  if (d.bootOrder !== undefined) kids.push(el('boot', [['order', d.bootOrder]]));
  if (d.address) {
    const a = d.address;
    kids.push(el('address', [['type', a.type], ['controller', a.controller], ['bus', a.bus], ['target', a.target], ['unit', a.unit]]));
  }
  if (d.encryption) {
    const e = d.encryption;
    kids.push(el('encryption', [['format', e.format]], [el('secret', [['type', e.secretType], ['uuid', e.secretUuid]])]));
  }
  return el('disk', [['type', d.sourceType], ['device', d.device]], kids);
}

/**
 * The `<disk>` element as Nova logs it: 2-space pretty print, double quotes, no XML
 * declaration, empty elements self-closed, trailing newline. `indent` prefixes every line,
 * for embedding in a larger document.
 */
export function renderDiskXml(disk: DiskConfig, indent = ''): string {
  const out: string[] = [];
  serialise(diskElement(disk), indent, out);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// connection_info + disk_info -> DiskConfig

export type ReleaseProfile = 'modern' | 'queens_to_2024_2' | 'ocata_legacy' | 'kilo_prefix';

export interface VolumeDiskOptions {
  /** `[libvirt]virt_type`; driver name "qemu" only for kvm/qemu. Default kvm. */
  virtType?: string;
  profile?: ReleaseProfile;
  /** `[libvirt]disk_cachemodes` as source type -> mode, e.g. {block: 'writeback'} */
  cacheModes?: Record<string, string>;
  /** drive address unit for a scsi disk; no `<address>` when undefined */
  scsiUnit?: number;
  /** Nova major version (29 = 2024.1, 33 = 2026.1); defaults per profile */
  novaVersion?: number;
  /**
   * the compute node's full Nova release, for the steps its stable point releases changed (the
   * RBD auth fall-back, the cache-mode step's io="threads"); wins over `novaVersion`. Without it
   * a major stands for its X.0.0
   */
  novaRelease?: NovaPoint;
  /** `[libvirt]use_default_aio_mode_for_volumes` (Nova 33): drops io="native" */
  useDefaultAioModeForVolumes?: boolean;
  /** Nova's `[libvirt]rbd_user` / `rbd_secret_uuid`, the RBD auth fallback */
  rbdUser?: string;
  rbdSecretUuid?: string;
  /**
   * whose RBD auth wins (nova/virt/libvirt/volume/net.py); default: by the release
   * (`rbdAuthRuleOf`)
   */
  rbdAuthRule?: RbdAuthRule;
  /** uuid of the libvirt LUKS passphrase secret when the volume is natively encrypted */
  luksSecretUuid?: string;
  /**
   * `[workarounds]rbd_volume_local_attach` in effect (Nova 21.0.0-23.x only: the caller decides,
   * domainDisks.ts `workaroundsFor`): an RBD volume is mapped on the host by os-brick and written
   * as a block device
   */
  rbdVolumeLocalAttach?: boolean;
  /**
   * the volume is encrypted and an os-brick encryptor opens it on the host (dm-crypt: a front-end
   * provider other than native LUKS, or LUKS with `[workarounds]disable_native_luksv1`): the
   * encryptor needs the connection's device_path
   */
  hostEncryptor?: boolean;
  /**
   * with hostEncryptor: the provider os-brick imports as a class path because it is neither an
   * encryption format (luks, luks2, plain) nor one of its legacy class names
   */
  encryptorProvider?: string;
  /**
   * the host's hashes: a Quobyte volume's file lies under the md5 of its share, which Nova
   * computes itself (without them a Quobyte volume cannot be written)
   */
  hashes?: Hashes;
}

/** A Nova release as major.minor.patch (a bare major is its X.0.0). */
export interface NovaPoint {
  major: number;
  minor: number;
  patch: number;
}

/** Whether a release is at least major.minor.patch (also the attach engine's `atLeast`). */
export function atLeastPoint(r: NovaPoint, major: number, minor = 0, patch = 0): boolean {
  if (r.major !== major) return r.major > major;
  if (r.minor !== minor) return r.minor > minor;
  return r.patch >= patch;
}

/** Whether a release of a fixed series has a fix that came with `first` and the stable backports listed (major -> [minor, patch]). */
export function hasFix(r: NovaPoint, first: number, backports: Readonly<Record<number, readonly [number, number]>>): boolean {
  if (r.major >= first) return true;
  const b = backports[r.major];
  return b !== undefined && atLeastPoint(r, r.major, b[0], b[1]);
}

/**
 * Whose RBD auth wins (nova/virt/libvirt/volume/net.py):
 * - `nova_conf_first`: Nova <= 14 (`get_config`: a set `[libvirt]rbd_secret_uuid` forces auth with
 *   Nova's uuid and `rbd_user`);
 * - `cinder_only`: 15.0.0-15.0.5 (`_set_auth_config_rbd` takes the volume's values, a null
 *   secret_uuid included);
 * - `cinder_uuid_fallback`: 15.0.6, 16.0.0-16.1.7, 17.0.0-17.0.9, 18.0.0-18.1.0 (a null secret_uuid
 *   takes nova.conf's `rbd_secret_uuid`, the user stays the volume's `auth_username`);
 * - `cinder_with_fallback`: 19.0.0 and the backports 18.2.0, 17.0.10, 16.1.8 (nova commit
 *   47b7c4f3, "matching credentials": a null secret_uuid takes nova.conf's user and uuid both).
 */
export type RbdAuthRule = 'nova_conf_first' | 'cinder_only' | 'cinder_uuid_fallback' | 'cinder_with_fallback';

export function rbdAuthRuleOf(r: NovaPoint): RbdAuthRule {
  if (r.major <= 14) return 'nova_conf_first';
  if (r.major === 15 && !atLeastPoint(r, 15, 0, 6)) return 'cinder_only';
  return hasFix(r, 19, { 16: [1, 8], 17: [0, 10], 18: [2, 0] }) ? 'cinder_with_fallback' : 'cinder_uuid_fallback';
}

/**
 * The RBD auth rule the options name: `rbdAuthRule`, else the release's (`novaRelease`, else
 * `novaVersion` as X.0.0); a profile's own default release keeps the rule of its whole span
 * (ocata_legacy's 15: the fall-back of 15.0.6 on).
 */
export function rbdAuthRuleFor(opts: VolumeDiskOptions): RbdAuthRule {
  if (opts.rbdAuthRule) return opts.rbdAuthRule;
  if (opts.novaRelease) return rbdAuthRuleOf(opts.novaRelease);
  const major = opts.novaVersion ?? DEFAULT_NOVA_VERSION[opts.profile ?? 'modern'];
  if (opts.novaVersion === undefined && major === 15) return 'cinder_with_fallback';
  return rbdAuthRuleOf({ major, minor: 0, patch: 0 });
}

/** Why Nova cannot build a `<disk>` for this connection_info (the attach fails). */
export class DiskConfigError extends Error {
  /**
   * true when Nova builds the config and fails only when it writes the XML (a value lxml cannot
   * take: TypeError), which at spawn comes after every device's config is built; false when the
   * volume driver raises while building it (KeyError, InvalidVolumeAccessMode, VolumeDriverNotFound)
   */
  readonly late: boolean;
  constructor(
    readonly code: 'invalid-access-mode' | 'blockio-not-string' | 'unsupported-volume-type' | 'missing-device-path' | 'device-path-not-string' | 'rbd-auth-incomplete' | 'rbd-auth-key-missing'
      | 'rbd-local-attach-failed' | 'encryption-not-supported' | 'encryptor-not-importable',
    message: string,
  ) {
    super(message);
    this.name = 'DiskConfigError';
    this.late = code === 'blockio-not-string' || code === 'device-path-not-string' || code === 'rbd-auth-incomplete';
  }
}

const DEFAULT_NOVA_VERSION: Record<ReleaseProfile, number> = {
  modern: 33,
  queens_to_2024_2: 26,
  ocata_legacy: 15,
  kilo_prefix: 10,
};

/**
 * The release the options name: `novaRelease`, else `novaVersion` as its X.0.0, else the
 * profile's own default release (modern: 33, queens_to_2024_2: 26, ocata_legacy: 15,
 * kilo_prefix: 10).
 */
export function releasePointOf(opts: { profile?: ReleaseProfile; novaVersion?: number; novaRelease?: NovaPoint }): NovaPoint {
  if (opts.novaRelease) return opts.novaRelease;
  return { major: opts.novaVersion ?? DEFAULT_NOVA_VERSION[opts.profile ?? 'modern'], minor: 0, patch: 0 };
}

// Nova's VALID_DISK_CACHEMODES: "default" is written as it stands.
const VALID_CACHE_MODES = new Set(['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe']);
const DEVICE_TYPES = new Set(['disk', 'cdrom', 'floppy', 'lun']);

/**
 * Nova's cache-mode step (nova/virt/libvirt/driver.py `_set_cache_mode`): the configured mode for
 * the disk's source type wins, but a shareable disk is forced to none (17.0.0 on, with multiattach,
 * commit baa8278c); io=native with a cache mode other than none/directsync becomes threads (22.0.0
 * and the backports 21.1.1, 20.4.1, 19.3.2, commit af2405e1; before, io=native is written with any
 * cache mode). Without `release` the newest behaviour. Exported because local disks go through the
 * same step.
 */
export function applyCacheMode(conf: DiskConfig, cacheModes: Record<string, string> | undefined, release?: NovaPoint): void {
  if (!conf.driver) conf.driver = {};
  if (conf.shareable && (!release || release.major >= 17)) {
    conf.driver.cache = 'none';
  } else {
    const m = cacheModes?.[conf.sourceType];
    // An invalid mode is dropped (with a warning) when Nova reads the option.
    if (m !== undefined && VALID_CACHE_MODES.has(m)) conf.driver.cache = m;
  }
  const degrades = !release || hasFix(release, 22, { 19: [3, 2], 20: [4, 1], 21: [1, 1] });
  if (degrades && conf.driver.io === 'native' && conf.driver.cache !== 'none' && conf.driver.cache !== 'directsync') {
    conf.driver.io = 'threads';
  }
}

/**
 * `data['device_path']` as the volume drivers read it: a missing key is a KeyError, a value that is
 * not a string cannot be serialised (TypeError); any string, even empty, is written as it stands.
 */
function devicePath(data: ConnectionData, kind: string): string {
  const p = data.device_path;
  if (typeof p !== 'string') {
    if (p === undefined) throw new DiskConfigError('missing-device-path', `connection_info for ${kind} has no data.device_path (the host connect step sets it): Nova's volume driver raises KeyError: 'device_path'`);
    throw new DiskConfigError('device-path-not-string', `connection_info for ${kind} has data.device_path ${JSON.stringify(p)}, not a path: Nova cannot write the <source> (TypeError) and the spawn or attach fails`);
  }
  return p;
}

/** `data.get('format', 'raw')`: a format given as null writes no type attribute. */
function fileFormat(data: ConnectionData): string | undefined {
  if (!('format' in data)) return 'raw';
  const f = data.format;
  return f === null || f === undefined ? undefined : String(f);
}

/** The `<disk>` fields Nova builds for a volume (volume driver get_config, then the driver's cache step). */
export function volumeDiskConfig(
  connectionInfo: ConnectionInfo,
  diskInfo: { dev: string; bus: string; type: string },
  opts: VolumeDiskOptions = {},
): DiskConfig {
  const release = releasePointOf(opts);
  const version = release.major;
  const virtType = opts.virtType ?? 'kvm';
  const data: ConnectionData = connectionInfo.data ?? {};
  const kind = connectionInfo.driver_volume_type;
  const device = (DEVICE_TYPES.has(diskInfo.type) ? diskInfo.type : 'disk') as DiskConfig['device'];
  // the connect step comes first (LibvirtDriver._connect_volume: the volume driver's
  // connect_volume, then the encryptor), then the volume driver's get_config
  const localRbd = kind === 'rbd' && opts.rbdVolumeLocalAttach ? rbdLocalDevicePath(data, release) : undefined;
  // os-brick imports the provider before it builds the encryptor: a name without a module (LUKS, an
  // empty string) cannot be imported (importutils.import_object: "Empty module name"); a dotted
  // path may be an encryptor of the operator's own and is not judged
  if (opts.hostEncryptor && opts.encryptorProvider !== undefined && !opts.encryptorProvider.includes('.')) {
    throw new DiskConfigError('encryptor-not-importable', `os-brick cannot load the volume's encryption provider ${JSON.stringify(opts.encryptorProvider)} (not luks, luks2, plain or a known encryptor class, so it imports it as a class path: ValueError: Empty module name): the attach or spawn fails`);
  }
  if (opts.hostEncryptor && !(localRbd ?? data.device_path)) {
    // os-brick's CryptsetupEncryptor (LuksEncryptor's base) refuses a connection without a host device
    const id = data.volume_id || connectionInfo.serial;
    throw new DiskConfigError('encryption-not-supported', `os-brick's dm-crypt encryptor raises VolumeEncryptionNotSupported: Volume encryption is not supported for ${String(kind)} volume ${id === undefined || id === null ? 'None' : String(id)}. (the connection_info has no device_path, no host device to open): the attach or spawn fails`);
  }

  const conf: DiskConfig = {
    sourceType: 'block',
    device,
    driver: { name: virtType === 'kvm' || virtType === 'qemu' ? 'qemu' : undefined, type: 'raw', cache: 'none' },
    target: { dev: diskInfo.dev, bus: diskInfo.bus },
  };
  const serial = connectionInfo.serial;
  if (typeof serial === 'string' && !(device === 'lun' && version >= 30)) conf.serial = serial;

  const qos = data.qos_specs;
  if (qos !== null && typeof qos === 'object' && !Array.isArray(qos)) {
    const tune: Record<string, string> = {};
    // volume/volume.py get_config reads the six read/write/total bytes and iops keys; the *_max
    // keys and size_iops_sec from 18.0.0 (commit 37aea888, enhanced KVM storage QoS)
    for (const k of version >= 18 ? IOTUNE_ORDER : IOTUNE_ORDER.slice(0, 6)) {
      const v = (qos as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) tune[k] = String(v);
    }
    if (Object.keys(tune).length > 0) conf.iotune = tune;
  }
  const mode = data.access_mode;
  if (mode) {
    if (mode === 'ro') conf.readonly = true;
    else if (mode !== 'rw') throw new DiskConfigError('invalid-access-mode', `Invalid volume access mode: ${String(mode)}`);
  }
  if (data.discard === true) conf.driver!.discard = 'unmap';
  // (volume/volume.py get_config writes <shareable/> for a multiattach connection from 17.0.0)
  if (connectionInfo.multiattach === true && version >= 17) conf.shareable = true;

  const volumeId = typeof data.volume_id === 'string' ? data.volume_id : serial;
  if (version >= 29 && typeof volumeId === 'string') conf.alias = `ua-${volumeId}`;

  // a size given as null is not written (Nova's config writes only the sizes that are not None)
  const logical = data.logical_block_size ?? undefined;
  const physical = data.physical_block_size ?? undefined;
  if ((logical !== undefined || physical !== undefined) && !(device === 'lun' && version >= 33)) {
    for (const v of [logical, physical]) {
      if (v !== undefined && typeof v !== 'string') {
        throw new DiskConfigError('blockio-not-string', `block size ${String(v)} is not a string: the XML serialiser raises TypeError and the attach is rolled back`);
      }
    }
    conf.blockio = { logical_block_size: logical, physical_block_size: physical };
  }

  // io="native": the iSCSI, FC and NFS volume drivers' get_config from 13.0.0 (nova commit
  // a4cba3d0; 12.x and older write no io), ScaleIO's from 18.0.0, StorPool's from 20.0.0; Nova 33's
  // [libvirt]use_default_aio_mode_for_volumes leaves it out
  const nativeFrom = (first: number) => (version < first || (opts.useDefaultAioModeForVolumes && version >= 33) ? undefined : 'native');
  switch (kind) {
    // (scaleio, storpool, nvmeof and lightos: the other block volume drivers of Nova's libvirt
    // driver, VOLUME_DRIVERS, each its get_config)
    case 'iscsi':
    case 'iser':
    case 'fibre_channel':
    case 'scaleio':
    case 'storpool':
      conf.source = { dev: devicePath(data, kind) };
      conf.driver!.io = nativeFrom(kind === 'scaleio' ? 18 : kind === 'storpool' ? 20 : 13);
      break;
    case 'local':
    case 'nvmeof':
    case 'lightos':
      conf.source = { dev: devicePath(data, kind) };
      break;
    case 'nfs':
    case 'quobyte':
      // (Quobyte's file is under its own mount point, not the connection's device_path)
      conf.sourceType = 'file';
      conf.source = { file: kind === 'quobyte' ? quobytePath(data, opts) : devicePath(data, kind) };
      conf.driver!.type = fileFormat(data);
      // (Quobyte's get_config sets its own io="native" in every release, whatever
      // use_default_aio_mode_for_volumes says)
      conf.driver!.io = kind === 'quobyte' ? 'native' : nativeFrom(13);
      break;
    // the other file volume drivers of Nova's libvirt driver (VOLUME_DRIVERS), each its get_config
    case 'smbfs':
    case 'vzstorage':
      conf.sourceType = 'file';
      // writethrough up to 19.x; writeback from 20.0.0 (nova commits 425f17e2, 44edfa04)
      conf.driver!.cache = version >= 20 ? 'writeback' : 'writethrough';
      conf.source = { file: devicePath(data, kind) };
      conf.driver!.type = fileFormat(data);
      break;
    case 'gpfs':
      conf.sourceType = 'file';
      conf.source = { file: devicePath(data, kind) };
      break;
    case 'rbd': {
      if (localRbd !== undefined) {
        // net.py get_config with rbd_volume_local_attach: the os-brick device as a block disk with
        // io="native"; no protocol, hosts or auth (QEMU does not talk to Ceph)
        conf.source = { dev: localRbd };
        conf.driver!.io = 'native';
        break;
      }
      conf.sourceType = 'network';
      const hosts = Array.isArray(data.hosts) ? data.hosts : [];
      const ports = Array.isArray(data.ports) ? data.ports : [];
      // zip(): the shorter list wins; a null port drops the attribute.
      const n = Math.min(hosts.length, ports.length);
      const pairs: Array<{ name: string; port?: string }> = [];
      for (let i = 0; i < n; i++) {
        const port = ports[i];
        pairs.push(port === null || port === undefined ? { name: String(hosts[i]) } : { name: String(hosts[i]), port: String(port) });
      }
      conf.source = { protocol: 'rbd', name: typeof data.name === 'string' ? data.name : undefined, hosts: pairs };
      setRbdAuth(conf, data, opts, rbdAuthRuleFor(opts));
      break;
    }
    default:
      throw new DiskConfigError('unsupported-volume-type', `Volume driver not found for driver_volume_type ${String(kind)}`);
  }
  if (conf.target.bus === 'scsi' && opts.scsiUnit !== undefined) {
    conf.address = { type: 'drive', controller: '0', unit: String(opts.scsiUnit) };
  }
  if (opts.luksSecretUuid) conf.encryption = { format: 'luks', secretType: 'passphrase', secretUuid: opts.luksSecretUuid };
  applyCacheMode(conf, opts.cacheModes, release);
  return conf;
}

/**
 * The device os-brick's RBD connector hands Nova when it maps an RBD volume on the host
 * (`do_local_attach`, os_brick/initiator/connectors/rbd.py `connect_volume` / `_local_attach_volume`
 * of the release's series: 3.0 Ussuri = Nova 21, 4.0 Victoria = 22, 4.3 Wallaby = 23): after
 * `which rbd` and `rbd map <image> --pool <pool>`, `/dev/rbd/<pool>/<image>` of the connection's
 * `name` split at its one "/". Throws what the connect step raises.
 */
export function rbdLocalDevicePath(data: ConnectionData, release: NovaPoint): string {
  const split = rbdPoolImage(data);
  if ('raises' in split) {
    const name = data.name;
    throw new DiskConfigError('rbd-local-attach-failed', split.raises === 'KeyError'
      ? "the RBD connection_info has no data.name: os-brick's local RBD attach raises KeyError: 'name' and the attach or spawn fails"
      : split.raises === 'AttributeError'
        ? `the RBD connection_info's data.name is ${JSON.stringify(name)}, not a string: os-brick's local RBD attach cannot split it (AttributeError) and the attach or spawn fails`
        : `the RBD volume's name ${JSON.stringify(name)} is not "<pool>/<image>": os-brick's local RBD attach raises ValueError: ${split.message} and the attach or spawn fails`);
  }
  const user = rbdLocalUser(data, release.major);
  if ('raises' in user) {
    throw new DiskConfigError('rbd-local-attach-failed', `the RBD connection_info has no data.auth_username: os-brick's local RBD attach (before 4.3) raises ${user.raises}: ${user.message} and the attach or spawn fails`);
  }
  return `/dev/rbd/${split.pool}/${split.image}`;
}

/**
 * The cephx user os-brick's local RBD attach passes to `rbd map` as `--id`, by the series of the
 * Nova release (`_get_rbd_args`): from 4.3 (Wallaby, Nova 23) `data.get('auth_username')`, passed
 * only when truthy (`id` undefined when it is not); before, `data['auth_username']`, whose KeyError
 * becomes a BrickException that keeps its class's default text. The one reading of both the
 * `<disk>` preview (rbdLocalDevicePath) and the attach simulator (attach/backends/rbd/localAttach.ts).
 */
export function rbdLocalUser(data: Record<string, unknown>, major: number): { id: unknown } | { raises: 'BrickException'; message: string } {
  const user = data.auth_username;
  if (major >= 23) return { id: user !== undefined && user !== null && user !== '' && user !== false && user !== 0 ? user : undefined };
  if (!('auth_username' in data)) return { raises: 'BrickException', message: 'An unknown exception occurred.' };
  return { id: user };
}

/**
 * The connection's `data['name']` split at "/" into pool and image, as os-brick's RBD connector
 * unpacks it for a local attach or detach, or the exception Python raises (its class and str()).
 * The one reading of both the `<disk>` preview (rbdLocalDevicePath) and the attach simulator
 * (attach/backends/rbd/localAttach.ts).
 */
export function rbdPoolImage(data: Record<string, unknown>): { pool: string; image: string } | { raises: 'KeyError' | 'AttributeError' | 'ValueError'; message: string } {
  if (!('name' in data)) return { raises: 'KeyError', message: "'name'" };
  const name = data.name;
  if (typeof name !== 'string') {
    const type = name === null ? 'NoneType' : Array.isArray(name) ? 'list' : typeof name === 'object' ? 'dict' : typeof name === 'number' ? (Number.isInteger(name) ? 'int' : 'float') : 'bool';
    return { raises: 'AttributeError', message: `'${type}' object has no attribute 'split'` };
  }
  const parts = name.split('/');
  if (parts.length < 2) return { raises: 'ValueError', message: 'not enough values to unpack (expected 2, got 1)' };
  if (parts.length > 2) return { raises: 'ValueError', message: 'too many values to unpack (expected 2)' };
  return { pool: parts[0]!, image: parts[1]! };
}

/**
 * Where Nova's Quobyte volume driver finds the volume: it ignores `device_path` and joins its
 * own mount point base (`[libvirt]quobyte_mount_point_base`, by default `$state_path/mnt`), the
 * md5 of the share (`export` without a leading `quobyte://`) and the volume's `name`.
 */
function quobytePath(data: ConnectionData, opts: VolumeDiskOptions): string {
  for (const key of ['export', 'name']) {
    if (!(key in data)) throw new DiskConfigError('missing-device-path', `the Quobyte connection_info has no data.${key}: Nova's Quobyte volume driver raises KeyError: '${key}'`);
  }
  const share = data.export;
  const name = data.name;
  if (typeof share !== 'string' || typeof name !== 'string') {
    throw new DiskConfigError('device-path-not-string', `the Quobyte connection_info's data.export or data.name is not a string: Nova cannot make the volume's path (TypeError) and the spawn or attach fails`);
  }
  if (!opts.hashes) throw new DiskConfigError('unsupported-volume-type', 'a Quobyte volume needs the md5 of its share, and no hashes were given to compute it');
  const bare = share.startsWith('quobyte://') ? share.slice('quobyte://'.length) : share;
  return `${nfsMountPoint(opts.hashes, bare, NFS_MOUNT_POINT_BASE)}/${name}`;
}

/** Python's truth value of a JSON value (an empty list or object is false). */
function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

/**
 * RBD auth as Nova's RBD volume driver sets it (nova/virt/libvirt/volume/net.py
 * `_set_auth_config_rbd`): with `auth_enabled` the volume's user, secret uuid and secret type, but
 * nova.conf's `rbd_secret_uuid` (and, by the release's `RbdAuthRule`, its `rbd_user`) when the
 * volume's secret uuid is null; without
 * it, Nova's own pair when `rbd_secret_uuid` is set. `<auth>` is written whenever a secret type is
 * set (LibvirtConfigGuestDisk), whatever the user and uuid: a null one cannot be serialised, and a
 * key missing from an auth-enabled `data` is a KeyError, so the spawn or the attach fails.
 */
function setRbdAuth(conf: DiskConfig, data: ConnectionData, opts: VolumeDiskOptions, rule: NonNullable<VolumeDiskOptions['rbdAuthRule']>): void {
  let username: unknown;
  let uuid: unknown;
  let secretType: unknown;
  const need = (key: string): unknown => {
    if (!(key in data)) throw new DiskConfigError('rbd-auth-key-missing', `the RBD connection_info has auth_enabled but no data.${key}: Nova's RBD volume driver raises KeyError: '${key}'`);
    return data[key];
  };
  if (rule === 'nova_conf_first') {
    // Nova <= 14: nova.conf's secret forces auth; the volume fills what nova.conf leaves unset
    const forced = Boolean(opts.rbdSecretUuid);
    if (!forced && !pyTruthy(data.auth_enabled)) return;
    const confUser = forced && opts.rbdUser ? opts.rbdUser : undefined;
    username = confUser ?? need('auth_username');
    secretType = need('secret_type');
    uuid = forced ? opts.rbdSecretUuid : need('secret_uuid');
  } else if (pyTruthy(data.auth_enabled)) {
    for (const key of ['auth_username', 'secret_uuid', 'secret_type']) {
      if (!(key in data)) throw new DiskConfigError('rbd-auth-key-missing', `the RBD connection_info has auth_enabled but no data.${key}: Nova's RBD volume driver raises KeyError: '${key}'`);
    }
    username = data.auth_username;
    uuid = data.secret_uuid;
    if (uuid === null && rule === 'cinder_with_fallback') {
      // a connection from before Cinder set secret_uuid: Nova's own user and secret
      username = opts.rbdUser ?? null;
      uuid = opts.rbdSecretUuid ?? null;
    } else if (uuid === null && rule === 'cinder_uuid_fallback') {
      // before the "matching credentials" fix: nova.conf's secret with the volume's own user
      uuid = opts.rbdSecretUuid ?? null;
    }
    secretType = data.secret_type;
  } else if (opts.rbdSecretUuid) {
    // Nova's own pair, with the secret type the volume's data names (a KeyError without one)
    if (!('secret_type' in data)) throw new DiskConfigError('rbd-auth-key-missing', "the RBD connection_info has no data.secret_type and nova.conf sets rbd_secret_uuid: Nova's RBD volume driver raises KeyError: 'secret_type'");
    username = opts.rbdUser ?? null;
    uuid = opts.rbdSecretUuid;
    secretType = data.secret_type;
  }
  if (secretType === null || secretType === undefined) return;
  for (const [what, v] of [['user name', username], ['secret uuid', uuid], ['secret type', secretType]] as const) {
    if (typeof v !== 'string') {
      const nullSecret = v === null && data.secret_uuid === null && pyTruthy(data.auth_enabled);
      const why = nullSecret && rule === 'cinder_with_fallback'
        ? ' (the volume\'s secret_uuid is null, so Nova takes [libvirt]rbd_user and rbd_secret_uuid, and nova.conf does not set both)'
        : nullSecret && rule === 'cinder_uuid_fallback' ? ' (the volume\'s secret_uuid is null, so Nova takes [libvirt]rbd_secret_uuid, and nova.conf does not set it)'
          : nullSecret && rule === 'cinder_only' ? ' (the volume\'s secret_uuid is null and Nova 15.0.0-15.0.5 takes it as it is)' : '';
      throw new DiskConfigError('rbd-auth-incomplete', `the RBD volume's <auth> has no ${what}${why}: Nova cannot write its XML (TypeError: Argument must be bytes or unicode, got '${v === null ? 'NoneType' : typeof v}') and the spawn or attach fails`);
    }
  }
  conf.auth = { username: username as string, secretType: secretType as string, secretUuid: uuid as string };
}
