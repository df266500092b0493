/**
 * Every `<disk>` of a guest at spawn, in Nova's order (shared/spec/attach-flow.md f.5;
 * the libvirt driver's guest storage config): image root `disk`, `disk.local`, `disk.eph<N>`,
 * `disk.swap`, `disk.config`, then the volumes in mapping order. Pure and deterministic (the
 * digests come from the hashes port in the options).
 */
import type { Context, NovaConf } from '../model/context';
import { driverClassOf, type NovaBdm } from '../nova/types';
import type { Hashes } from '../ports';
import { DEFAULT_BACKEND_LABEL, defaultConnectionInfo, hexDigest, needHashes, type ConnectionInfo, type DefaultBackend } from './connectionInfo';
import type { DiskConfig } from './diskConfig';
import { applyCacheMode, DiskConfigError, releasePointOf, renderDiskXml, volumeDiskConfig, xmlEscapeAttr, type NovaPoint, type ReleaseProfile } from './diskXml';
import type { DiskInfoResult, MappingEntry } from './naming';
import { imageInspectionRefusal } from './imageInspection';
import { contextRelease, parseRelease, releasePoint } from './release';
import { applyVolumeDetails, providerFormat, volumeDetailsFor } from './volumeDetails';

export interface DomainDisk {
  bdmIndex: number | null;
  key: string;
  xml: string;
  config: DiskConfig;
  /** where a volume's connection_info came from (caller's label or a built-in default backend) */
  connectionSource?: string;
  /** set when Nova could not build this disk (the attach/spawn would fail); xml is then '' */
  error?: string;
  /** the error comes when Nova writes the domain's XML, after every device's config is built */
  late?: boolean;
  /**
   * set for the root of an LXC guest: Nova mounts it as a `<filesystem type="mount">` (xml),
   * not a `<disk>`; config then only carries the mapping's target.
   */
  filesystem?: { sourceDir: string; targetDir: string };
}

export interface DomainDiskOptions {
  instanceUuid: string;
  /** the host's hashes (stand-in volume ids, default connection_info): nodeHost().hashes at the edges */
  hashes: Hashes;
  /**
   * a volume's connection_info from elsewhere (a lab host's boot); luksSecretUuid when natively
   * encrypted, hostEncryptor when os-brick's encryptor opens it on the host (luksByHost: a LUKS
   * volume that [workarounds]disable_native_luksv1 sends there)
   */
  connectionInfoFor?: (bdm: NovaBdm, index: number) => { connectionInfo: ConnectionInfo; source: string; luksSecretUuid?: string; hostEncryptor?: boolean; luksByHost?: boolean } | null;
  /** `[DEFAULT]instances_path`, default /var/lib/nova/instances */
  instancesPath?: string;
  /** backend for volumes without connection_info (default iscsi) */
  defaultBackend?: DefaultBackend;
  /** image backend format of local disks: qcow2 (default, use_cow_images) or raw (images_type flat/raw) */
  localFormat?: 'qcow2' | 'raw';
  /** cache of local disks before disk_cachemodes (default: by the release and the host's O_DIRECT, `localCacheMode`) */
  localCache?: 'none' | 'writeback' | 'writethrough';
  /** `[libvirt]disk_cachemodes`, source type -> mode */
  cacheModes?: Record<string, string>;
  profile?: ReleaseProfile;
  novaVersion?: number;
  /** the compute node's whole release, for what stable point releases changed; wins over novaVersion and profile */
  novaRelease?: NovaPoint;
}

/** The image backend Nova's `image_backend.by_name` picks for a local disk (imagebackend.Backend). */
type LocalBackend = 'qcow2' | 'flat' | 'lvm' | 'rbd' | 'ploop';

/** Flavor extra specs Nova's image backend turns into `<iotune>` (imagebackend.Image.disk_qos). */
const DISK_QOS_KEYS = ['disk_read_bytes_sec', 'disk_read_iops_sec', 'disk_write_bytes_sec', 'disk_write_iops_sec', 'disk_total_bytes_sec', 'disk_total_iops_sec'];

/** The `<iotune>` of a local disk from the flavor's `quota:disk_*` extra specs. */
export function localDiskQos(extraSpecs: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!extraSpecs) return undefined;
  const tune: Record<string, string> = {};
  for (const [key, value] of Object.entries(extraSpecs)) {
    const scope = key.split(':');
    if (scope.length > 1 && scope[0] === 'quota' && DISK_QOS_KEYS.includes(scope[1]!)) tune[scope[1]!.slice(5)] = String(value);
  }
  return Object.keys(tune).length > 0 ? tune : undefined;
}

function backendOf(key: string, ctx: Context, opts: DomainDiskOptions): LocalBackend {
  const type = ctx.nova_conf?.libvirt?.images_type ?? 'default';
  // The config drive is a flat file, or an rbd image when the image backend is rbd.
  if (key === 'disk.config') return type === 'rbd' ? 'rbd' : 'flat';
  if (opts.localFormat) return opts.localFormat === 'raw' ? 'flat' : 'qcow2';
  if (type === 'default') return ctx.nova_conf?.DEFAULT?.use_cow_images === false ? 'flat' : 'qcow2';
  if (type === 'raw') return 'flat';
  return type;
}

/**
 * The cache mode Nova's libvirt driver hands every local disk before `[libvirt]disk_cachemodes`
 * (nova/virt/libvirt/driver.py, the `disk_cachemode` property): none when the instances
 * directory takes O_DIRECT (`_supports_direct_io`; nova/privsep/utils.py `supports_direct_io`
 * from 18.0.0), else writethrough up to 19.x and writeback from 20.0.0 (commit b9dc86d8, in no
 * stable release before it).
 */
export function localCacheMode(directIo: boolean, release: NovaPoint): 'none' | 'writeback' | 'writethrough' {
  if (directIo) return 'none';
  return release.major >= 20 ? 'writeback' : 'writethrough';
}

/**
 * Whether the image backend asks for io="native" (a preallocated qcow2/flat file, a thick LVM
 * volume): from 13.0.0 (nova/virt/libvirt/imagebackend.py `driver_io`, commit bcf246f4); 12.x
 * writes no io attribute.
 */
function backendIoNative(release: NovaPoint): boolean {
  return release.major >= 13;
}

/** A local disk's config Nova builds but cannot write: the spawn fails when the domain's XML is written, after every device's config. */
class LateDiskError extends Error {}

/**
 * A local disk as Nova's image backend describes it (imagebackend.py `libvirt_info` of Qcow2,
 * Flat, Lvm, Rbd, Ploop), before the driver's cache-mode step. Throws DiskConfigError-free
 * plain Errors for what fails the spawn (LVM without a volume group, rbd auth without a secret).
 */
/** What `qemu-img info` calls an image of each Glance disk_format (an ISO or an AMI is raw to it). */
const QEMU_FORMAT_OF_GLANCE: Record<string, string> = { qcow2: 'qcow2', raw: 'raw', iso: 'raw', ami: 'raw', aki: 'raw', ari: 'raw', vmdk: 'vmdk', vdi: 'vdi', vhdx: 'vhdx', vhd: 'vpc', ploop: 'parallels' };

/**
 * The format of a flat (images_type flat/raw, or default without use_cow_images) local disk. Nova's
 * Flat backend copies the cached image file and then asks qemu-img what the copy is
 * (imagebackend.Flat.correct_format): the cache holds the image converted to raw unless
 * `[DEFAULT]force_raw_images` is false (images.fetch_to_raw), when it keeps Glance's format. Disks
 * Nova makes itself (ephemerals, swap, the config drive) are raw files. An image whose
 * disk_format the context does not give is taken as qcow2, as the nova-oracle's Glance stand-in.
 */
function flatFormat(key: string, ctx: Context, imageProperties: Record<string, string> | undefined): string {
  if (key !== 'disk' || ctx.nova_conf?.DEFAULT?.force_raw_images !== false) return 'raw';
  const glance = imageProperties?.disk_format ?? 'qcow2';
  return QEMU_FORMAT_OF_GLANCE[glance] ?? 'raw';
}

function localDiskConfig(m: MappingEntry, ctx: Context, opts: DomainDiskOptions, base: string, release: NovaPoint, imageProperties: Record<string, string> | undefined): DiskConfig {
  const conf = ctx.nova_conf ?? {};
  const uuid = opts.instanceUuid;
  const backend = backendOf(m.key, ctx, opts);
  const virt = ctx.libvirt.virt_type;
  const driverName = virt === 'kvm' || virt === 'qemu' ? 'qemu' : undefined;
  const native = backendIoNative(release);
  const preallocate = native && conf.DEFAULT?.preallocate_images === 'space';
  const cache = opts.localCache ?? localCacheMode(ctx.compute_host?.instances_path_direct_io !== false, release);
  const discard = conf.libvirt?.hw_disk_discard;
  const device = m.type as DiskConfig['device'];
  const target = { dev: m.dev, bus: m.bus };
  let config: DiskConfig;
  switch (backend) {
    case 'qcow2':
    case 'flat':
    case 'ploop':
      config = {
        sourceType: 'file',
        device,
        driver: { name: driverName, type: backend === 'flat' ? flatFormat(m.key, ctx, imageProperties) : backend, cache, discard, io: preallocate && backend !== 'ploop' ? 'native' : undefined },
        source: { file: `${base}/${uuid}/${m.key}` },
        target,
      };
      break;
    case 'lvm': {
      const vg = conf.libvirt?.images_volume_group;
      if (!vg) throw new Error('images_type lvm needs [libvirt]images_volume_group: Nova raises "You should specify images_volume_group flag to use LVM images."');
      config = {
        sourceType: 'block',
        device,
        driver: { name: driverName, type: 'raw', cache, discard, io: conf.libvirt?.sparse_logical_volumes || !native ? undefined : 'native' },
        source: { dev: `/dev/${vg}/${uuid}_${m.key.replace(/_/g, '__')}` },
        target,
      };
      break;
    }
    case 'rbd': {
      const pool = conf.libvirt?.images_rbd_pool ?? 'rbd';
      const user = conf.libvirt?.rbd_user;
      const secret = conf.libvirt?.rbd_secret_uuid;
      config = {
        sourceType: 'network',
        device,
        driver: { type: 'raw', cache, discard },
        source: { protocol: 'rbd', name: `${pool}/${uuid}_${m.key}`, hosts: (ctx.compute_host?.ceph_monitors ?? []).map((h) => ({ name: h.name, port: h.port })) },
        target,
      };
      if (user !== undefined || secret) {
        // (Nova's image backend takes an empty rbd_user for none when it has a secret)
        // the config builds; lxml refuses the None when the domain's XML is written (config.py format_dom)
        if (!secret) throw new LateDiskError("[libvirt]rbd_user is set without rbd_secret_uuid: Nova writes <auth> with no secret uuid and the spawn fails (TypeError: Argument must be bytes or unicode, got 'NoneType')");
        if (!user) throw new LateDiskError("[libvirt]rbd_secret_uuid is set without rbd_user: Nova writes <auth> with no username and the spawn fails (TypeError: Argument must be bytes or unicode, got 'NoneType')");
        config.auth = { username: user, secretType: 'ceph', secretUuid: secret };
      }
      break;
    }
  }
  const tune = localDiskQos(ctx.flavor?.extra_specs);
  if (tune) config.iotune = tune;
  return config;
}

const LOCAL_ORDER = (key: string): number =>
  key === 'disk' ? 0 : key === 'disk.local' ? 1 : key.startsWith('disk.eph') ? 2 : key === 'disk.swap' ? 3 : key === 'disk.config' ? 4 : -1;

/** A stable stand-in id for a volume Nova would create (snapshot/image/blank sources). */
function createdVolumeId(hashes: Hashes, instanceUuid: string, index: number): string {
  const h = hexDigest(hashes, 'sha1', `${instanceUuid}:${index}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `[libvirt]disk_cachemodes` as Nova's driver reads it: each `type=mode` item, an invalid mode
 * skipped (Nova logs a warning), a later item for the same type winning.
 */
export function parseCacheModes(items: readonly string[] | undefined): Record<string, string> | undefined {
  if (!items) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    const type = at < 0 ? item : item.slice(0, at);
    const mode = at < 0 ? '' : item.slice(at + 1);
    if (VALID_CACHE_MODES.includes(mode)) out[type] = mode;
  }
  return out;
}
const VALID_CACHE_MODES = ['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe'];

/**
 * nova.conf's `[workarounds]` options that change a volume's `<disk>`, as a release reads them:
 * only Nova 21.0.0 up to 23.x register them (nova/conf/workarounds.py; removed in 24.0.0), and
 * oslo.config ignores an option a release does not register, so elsewhere they change nothing.
 */
export const WORKAROUNDS_RELEASES = { from: 21, until: 24 } as const;

export interface Workarounds {
  /** net.py: RBD volumes mapped by os-brick on the host, a block `<disk>` */
  rbdVolumeLocalAttach: boolean;
  /** driver.py `_allow_native_luksv1`: LUKSv1 volumes through os-brick's dm-crypt encryptor */
  disableNativeLuksv1: boolean;
}

const hasWorkarounds = (release: NovaPoint) => release.major >= WORKAROUNDS_RELEASES.from && release.major < WORKAROUNDS_RELEASES.until;

/** The `[workarounds]` options in effect for the release. */
export function workaroundsFor(conf: NovaConf | undefined, release: NovaPoint): Workarounds {
  const w = hasWorkarounds(release) ? conf?.workarounds : undefined;
  return { rbdVolumeLocalAttach: w?.rbd_volume_local_attach === true, disableNativeLuksv1: w?.disable_native_luksv1 === true };
}

/** The `[workarounds]` options the nova.conf sets that the release does not have (it ignores them), as `[workarounds]name`. */
export function ignoredWorkarounds(conf: NovaConf | undefined, release: NovaPoint): string[] {
  const w = conf?.workarounds;
  if (!w || hasWorkarounds(release)) return [];
  // (disable_deep_image_inspection is no option of these releases: imageInspection.ts reads it)
  return (['rbd_volume_local_attach', 'disable_native_luksv1'] as const).filter((k) => w[k] !== undefined).map((k) => `[workarounds]${k}`);
}

/** In words, the `[workarounds]` options the context's nova.conf sets that its release ignores; null when none. */
export function workaroundsNote(ctx: Context): string | null {
  const release = contextRelease(ctx);
  const ignored = ignoredWorkarounds(ctx.nova_conf, release);
  if (ignored.length === 0) return null;
  const which = ctx.nova_release && releasePoint(ctx.nova_release) ? `Nova ${release.major}` : `Nova ${release.major} (${ctx.nova_release ? `the release profile ${ctx.nova_release}` : 'no nova_release: the newest'} is read as it)`;
  return `${ignored.join(' and ')}: ${which} does not have ${ignored.length > 1 ? 'these options' : 'this option'} (only Nova ${WORKAROUNDS_RELEASES.from}.0.0 to ${WORKAROUNDS_RELEASES.until - 1}.x do) and ignores ${ignored.length > 1 ? 'them' : 'it'}`;
}

/** What the context's nova.conf, release and instance give the renderer where the caller's options are silent. */
function deployment(ctx: Context, opts: DomainDiskOptions): DomainDiskOptions {
  const rel = ctx.nova_release ? parseRelease(ctx.nova_release) : null;
  const lv = ctx.nova_conf?.libvirt;
  return {
    ...opts,
    instancesPath: opts.instancesPath ?? ctx.nova_conf?.DEFAULT?.instances_path,
    cacheModes: opts.cacheModes ?? parseCacheModes(lv?.disk_cachemodes),
    profile: opts.profile ?? rel?.profile,
    novaVersion: opts.novaVersion ?? (opts.profile ? undefined : rel?.novaVersion),
    // the whole release only from the context's own value (a caller's profile or version wins)
    novaRelease: opts.novaRelease ?? (opts.profile || opts.novaVersion !== undefined || !ctx.nova_release ? undefined : releasePoint(ctx.nova_release) ?? undefined),
    defaultBackend: opts.defaultBackend ?? (lv?.volume_use_multipath ? 'iscsi_multipath' : undefined),
  };
}

export function domainDisks(bdms: NovaBdm[], info: DiskInfoResult, ctx: Context, given: DomainDiskOptions): DomainDisk[] {
  return planDomainDisks(bdms, info, ctx, given).map((p) => p.render());
}

/** One of the guest's disks, in Nova's order, its <disk> written when asked. */
export interface PlannedDisk {
  bdmIndex: number | null;
  render: () => DomainDisk;
}

/**
 * The guest's disks in the order Nova writes them, each rendered on demand: everything that
 * depends on the disks before it (SCSI units, the volumes' ordinals, a local disk's config) is
 * decided here, so rendering one disk gives what rendering them all gives for it (a hover needs
 * one <disk> of thousands). `domainDisks` renders them all.
 */
export function planDomainDisks(bdms: NovaBdm[], info: DiskInfoResult, ctx: Context, given: DomainDiskOptions): PlannedDisk[] {
  needHashes(given.hashes, 'domainDisks');
  if (info.buildError !== null) return [];
  const opts = deployment(ctx, given);
  const base = (opts.instancesPath ?? '/var/lib/nova/instances').replace(/(?<!\/)\/+$/, '');

  // With a virtio-scsi controller Nova numbers scsi units itself; a root volume keeps unit 0.
  const virtioScsi = (info.imageProperties ?? ctx.libvirt.image_properties)?.hw_scsi_model === 'virtio-scsi';
  const rootVolume = info.mapping.some((m) => m.bdm !== null && m.key.startsWith('/dev/') && bdms[m.bdm]?.boot_index === 0);
  let unit = rootVolume ? 1 : 0;

  const done = (d: DomainDisk): PlannedDisk => ({ bdmIndex: d.bdmIndex, render: () => d });
  if (ctx.libvirt.virt_type === 'lxc') return lxcDisks(bdms, info, ctx, opts, base).map(done);
  const out: PlannedDisk[] = [];
  const release = releasePointOf(opts);
  const locals = info.mapping.filter((m) => LOCAL_ORDER(m.key) >= 0);
  // Nova walks disk, disk.local, the ephemerals in index order, disk.swap, disk.config.
  locals.sort((a, b) => LOCAL_ORDER(a.key) - LOCAL_ORDER(b.key) || ephIndex(a) - ephIndex(b));
  const imageProperties = info.imageProperties ?? ctx.libvirt.image_properties;
  for (const m of locals) {
    let config: DiskConfig;
    try {
      // the image root: nova-compute downloads and inspects the image before any disk is made
      const rootBdm = m.bdm === null ? null : bdms[m.bdm];
      if (m.key === 'disk' && (rootBdm === null || rootBdm?.source_type === 'image')) {
        const refusal = imageInspectionRefusal(imageProperties?.disk_format, release, ctx.nova_conf, rootBdm?.uuid ?? 'of the server');
        if (refusal) throw new Error(refusal);
      }
      config = localDiskConfig(m, ctx, opts, base, release, imageProperties);
    } catch (e) {
      const failed: DiskConfig = { sourceType: 'file', device: m.type as DiskConfig['device'], target: { dev: m.dev, bus: m.bus } };
      out.push(done({ bdmIndex: m.bdm, key: m.key, xml: '', config: failed, error: (e as Error).message, ...(e instanceof LateDiskError ? { late: true } : {}) }));
      continue;
    }
    if (virtioScsi && m.bus === 'scsi') config.address = { type: 'drive', controller: '0', unit: String(unit++) };
    applyCacheMode(config, opts.cacheModes, release);
    const cfg = config;
    out.push({ bdmIndex: m.bdm, render: () => ({ bdmIndex: m.bdm, key: m.key, xml: renderDiskXml(cfg), config: cfg }) });
  }

  let ordinal = 0;
  for (const m of info.mapping) {
    if (LOCAL_ORDER(m.key) >= 0 || m.bdm === null) continue;
    const bdm = bdms[m.bdm]!;
    let scsiUnit: number | undefined;
    if (virtioScsi) scsiUnit = bdm.boot_index === 0 ? 0 : unit++;
    const at = ordinal++;
    out.push({ bdmIndex: m.bdm, render: () => volumeDisk(bdm, m, scsiUnit, at, ctx, opts) });
  }
  return out;
}

/**
 * An LXC guest (the libvirt driver's guest storage config with virt_type lxc): the root is the
 * instance directory's `rootfs` mounted at `/`, whatever the root is; no ephemeral, swap or
 * config drive disk is written; the volumes follow, except a root volume (boot index 0).
 */
function lxcDisks(bdms: NovaBdm[], info: DiskInfoResult, ctx: Context, opts: DomainDiskOptions, base: string): DomainDisk[] {
  const rootfs = { sourceDir: `${base}/${opts.instanceUuid}/rootfs`, targetDir: '/' };
  const root = info.mapping.find((m) => m.key === 'disk');
  const xml = `<filesystem type="mount">\n  <source dir="${xmlEscapeAttr(rootfs.sourceDir)}"/>\n  <target dir="${xmlEscapeAttr(rootfs.targetDir)}"/>\n</filesystem>\n`;
  const out: DomainDisk[] = [{
    bdmIndex: root?.bdm ?? null,
    key: 'rootfs',
    xml,
    config: { sourceType: 'dir', device: 'disk', target: { dev: root?.dev ?? '', bus: root?.bus ?? 'lxc' } },
    filesystem: rootfs,
  }];
  // Nova connects every volume but the root, in its block device mapping's order (volume, then
  // snapshot, image and blank sources: driver_block_device.convert_all_volumes); their mapping
  // entries name no device (all share one key), so each writes a <disk> with no target dev
  const rank = (b: NovaBdm) => VOLUME_ORDER.indexOf(driverClassOf(b) ?? '');
  const volumes = bdms.map((b, i) => ({ b, i }))
    .filter(({ b }) => rank(b) >= 0 && b.boot_index !== 0)
    .sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i);
  let ordinal = 0;
  for (const { b, i } of volumes) {
    const own = info.mapping.find((e) => e.bdm === i);
    // named (a [libvirt]disk_prefix gives the lxc bus one): written as on any guest
    if (own && own.dev !== '') {
      out.push(volumeDisk(b, own, undefined, ordinal++, ctx, opts));
      continue;
    }
    const m: MappingEntry = { key: '/dev/', dev: '', bus: own?.bus ?? root?.bus ?? 'lxc', type: own?.type ?? b.device_type ?? 'disk', bdm: i };
    const d = volumeDisk(b, m, undefined, ordinal++, ctx, opts);
    // its config builds, but Nova cannot serialise it: the spawn fails when the domain is written
    if (!d.error) out.push({ ...d, xml: '', error: LXC_VOLUME_ERROR, late: true });
    else out.push(d);
  }
  return out;
}

const VOLUME_ORDER = ['DriverVolumeBlockDevice', 'DriverVolSnapshotBlockDevice', 'DriverVolImageBlockDevice', 'DriverVolBlankBlockDevice'];
const LXC_VOLUME_ERROR = "TypeError: Argument must be bytes or unicode, got 'NoneType' (Nova writes the volume's <disk> with no target dev: an LXC guest names no disk)";

function ephIndex(m: MappingEntry): number {
  return m.key.startsWith('disk.eph') ? Number(m.key.slice(8)) : 0;
}

function volumeDisk(bdm: NovaBdm, m: MappingEntry, scsiUnit: number | undefined, ordinal: number, ctx: Context, opts: DomainDiskOptions): DomainDisk {
  const wa = workaroundsFor(ctx.nova_conf, releasePointOf(opts));
  const { ci, source, luksSecretUuid, hostEncryptor, encryptorProvider, own, luksByHost } = volumeConnection(bdm, m.bdm!, ordinal, ctx, opts, wa);
  // net.py maps any rbd connection on the host with the option, wherever its connection_info came from
  const localRbd = wa.rbdVolumeLocalAttach && ci.driver_volume_type === 'rbd';
  const diskInfo = { dev: m.dev, bus: m.bus, type: m.type };
  try {
    const config = volumeDiskConfig(ci, diskInfo, {
      virtType: ctx.libvirt.virt_type,
      profile: opts.profile,
      novaVersion: opts.novaVersion,
      novaRelease: opts.novaRelease,
      cacheModes: opts.cacheModes,
      scsiUnit,
      rbdUser: ctx.nova_conf?.libvirt?.rbd_user,
      rbdSecretUuid: ctx.nova_conf?.libvirt?.rbd_secret_uuid,
      luksSecretUuid,
      hashes: opts.hashes,
      ...(localRbd ? { rbdVolumeLocalAttach: true } : {}),
      ...(hostEncryptor ? { hostEncryptor } : {}),
      ...(encryptorProvider !== undefined ? { encryptorProvider } : {}),
    });
    const how = localRbd ? ', mapped on the host by os-brick: [workarounds]rbd_volume_local_attach' : '';
    const luks = wa.disableNativeLuksv1 && hostEncryptor && (own ? providerIsLuks(ctx, bdm) : luksByHost) ? ', opened by os-brick\'s dm-crypt encryptor: [workarounds]disable_native_luksv1' : '';
    return { bdmIndex: m.bdm, key: m.key, xml: renderDiskXml(config), config, connectionSource: `${source}${how}${luks}` };
  } catch (e) {
    if (!(e instanceof DiskConfigError)) throw e;
    const config: DiskConfig = { sourceType: 'block', device: m.type as DiskConfig['device'], target: { dev: m.dev, bus: m.bus } };
    return { bdmIndex: m.bdm, key: m.key, xml: '', config, connectionSource: source, error: e.message, ...(e.late ? { late: true } : {}) };
  }
}

/**
 * A volume's connection_info: the caller's (a lab host), else the context's `volumes` entry for
 * the id the entry names (its connection_info or stand-in backend, with its details applied),
 * else the built-in stand-in backend.
 */
function volumeConnection(bdm: NovaBdm, index: number, ordinal: number, ctx: Context, opts: DomainDiskOptions, wa: Workarounds): { ci: ConnectionInfo; source: string; luksSecretUuid?: string; hostEncryptor?: boolean; encryptorProvider?: string; own: boolean; luksByHost?: boolean } {
  const given = opts.connectionInfoFor?.(bdm, index) ?? null;
  if (given) return { ci: given.connectionInfo, source: given.source, luksSecretUuid: given.luksSecretUuid, hostEncryptor: given.hostEncryptor, luksByHost: given.luksByHost, own: false };
  const found = volumeDetailsFor(ctx, bdm.uuid);
  const kind = found?.details.backend ?? opts.defaultBackend ?? 'iscsi';
  const volumeId = bdm.source_type === 'volume' && bdm.uuid ? bdm.uuid : createdVolumeId(opts.hashes, opts.instanceUuid, index);
  const base = defaultConnectionInfo(kind, volumeId, { hashes: opts.hashes, ordinal });
  if (!found) return { ci: base, source: DEFAULT_BACKEND_LABEL[kind], own: true };
  const applied = applyVolumeDetails(base, found.details, volumeId, opts.hashes, { disableNativeLuksv1: wa.disableNativeLuksv1 });
  const what = found.details.connection_info ? 'connection_info' : `${DEFAULT_BACKEND_LABEL[kind]}, details`;
  return { ci: applied.connectionInfo, source: `context volumes["${found.key}"] (${what})`, luksSecretUuid: applied.luksSecretUuid, hostEncryptor: applied.hostEncryptor, encryptorProvider: applied.encryptorProvider, own: true };
}

/** whether the context gives the entry's volume the native LUKS provider (luks or a legacy name for it) */
function providerIsLuks(ctx: Context, bdm: NovaBdm): boolean {
  const enc = volumeDetailsFor(ctx, bdm.uuid)?.details.encryption;
  return !!enc && providerFormat(enc.provider ?? 'luks') === 'luks';
}
