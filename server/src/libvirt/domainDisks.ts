/**
 * Every `<disk>` of a guest at spawn, in Nova's order (shared/spec/attach-flow.md f.5;
 * the libvirt driver's guest storage config): image root `disk`, `disk.local`, `disk.eph<N>`,
 * `disk.swap`, `disk.config`, then the volumes in mapping order. Pure and deterministic (the
 * digests come from the hashes port in the options).
 */
import type { Context } from '../model/context';
import type { NovaBdm } from '../nova/types';
import type { Hashes } from '../ports';
import { DEFAULT_BACKEND_LABEL, defaultConnectionInfo, hexDigest, needHashes, type ConnectionInfo, type DefaultBackend } from './connectionInfo';
import type { DiskConfig } from './diskConfig';
import { applyCacheMode, DiskConfigError, renderDiskXml, volumeDiskConfig, type ReleaseProfile } from './diskXml';
import type { DiskInfoResult, MappingEntry } from './naming';

export interface DomainDisk {
  bdmIndex: number | null;
  key: string;
  xml: string;
  config: DiskConfig;
  /** where a volume's connection_info came from (caller's label or a built-in default backend) */
  connectionSource?: string;
  /** set when Nova could not build this disk (the attach/spawn would fail); xml is then '' */
  error?: string;
}

export interface DomainDiskOptions {
  instanceUuid: string;
  /** the host's hashes (stand-in volume ids, default connection_info): nodeHost().hashes at the edges */
  hashes: Hashes;
  connectionInfoFor?: (bdm: NovaBdm, index: number) => { connectionInfo: ConnectionInfo; source: string } | null;
  /** `[DEFAULT]instances_path`, default /var/lib/nova/instances */
  instancesPath?: string;
  /** backend for volumes without connection_info (default iscsi) */
  defaultBackend?: DefaultBackend;
  /** image backend format of local disks: qcow2 (default, use_cow_images) or raw (images_type flat/raw) */
  localFormat?: 'qcow2' | 'raw';
  /** cache of local disks before disk_cachemodes: none when O_DIRECT works (default), else writeback */
  localCache?: 'none' | 'writeback';
  /** `[libvirt]disk_cachemodes`, source type -> mode */
  cacheModes?: Record<string, string>;
  profile?: ReleaseProfile;
  novaVersion?: number;
}

const LOCAL_ORDER = (key: string): number =>
  key === 'disk' ? 0 : key === 'disk.local' ? 1 : key.startsWith('disk.eph') ? 2 : key === 'disk.swap' ? 3 : key === 'disk.config' ? 4 : -1;

/** A stable stand-in id for a volume Nova would create (snapshot/image/blank sources). */
function createdVolumeId(hashes: Hashes, instanceUuid: string, index: number): string {
  const h = hexDigest(hashes, 'sha1', `${instanceUuid}:${index}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function domainDisks(bdms: NovaBdm[], info: DiskInfoResult, ctx: Context, opts: DomainDiskOptions): DomainDisk[] {
  needHashes(opts.hashes, 'domainDisks');
  if (info.buildError !== null) return [];
  const base = (opts.instancesPath ?? '/var/lib/nova/instances').replace(/\/+$/, '');
  const virt = ctx.libvirt.virt_type;
  const driverName = virt === 'kvm' || virt === 'qemu' ? 'qemu' : undefined;

  // With a virtio-scsi controller Nova numbers scsi units itself; a root volume keeps unit 0.
  const virtioScsi = ctx.libvirt.image_properties?.hw_scsi_model === 'virtio-scsi';
  const rootVolume = info.mapping.some((m) => m.bdm !== null && m.key.startsWith('/dev/') && bdms[m.bdm]?.boot_index === 0);
  let unit = rootVolume ? 1 : 0;

  const out: DomainDisk[] = [];
  const locals = info.mapping.filter((m) => LOCAL_ORDER(m.key) >= 0);
  // Nova walks disk, disk.local, the ephemerals in index order, disk.swap, disk.config.
  locals.sort((a, b) => LOCAL_ORDER(a.key) - LOCAL_ORDER(b.key) || ephIndex(a) - ephIndex(b));
  for (const m of locals) {
    const config: DiskConfig = {
      sourceType: 'file',
      device: m.type as DiskConfig['device'],
      driver: { name: driverName, type: m.key === 'disk.config' ? 'raw' : (opts.localFormat ?? 'qcow2'), cache: opts.localCache ?? 'none' },
      source: { file: `${base}/${opts.instanceUuid}/${m.key}` },
      target: { dev: m.dev, bus: m.bus },
    };
    if (virtioScsi && m.bus === 'scsi') config.address = { type: 'drive', controller: '0', unit: String(unit++) };
    applyCacheMode(config, opts.cacheModes);
    out.push({ bdmIndex: m.bdm, key: m.key, xml: renderDiskXml(config), config });
  }

  let ordinal = 0;
  for (const m of info.mapping) {
    if (LOCAL_ORDER(m.key) >= 0 || m.bdm === null) continue;
    const bdm = bdms[m.bdm]!;
    let scsiUnit: number | undefined;
    if (virtioScsi) scsiUnit = bdm.boot_index === 0 ? 0 : unit++;
    out.push(volumeDisk(bdm, m, scsiUnit, ordinal++, ctx, opts));
  }
  return out;
}

function ephIndex(m: MappingEntry): number {
  return m.key.startsWith('disk.eph') ? Number(m.key.slice(8)) : 0;
}

function volumeDisk(bdm: NovaBdm, m: MappingEntry, scsiUnit: number | undefined, ordinal: number, ctx: Context, opts: DomainDiskOptions): DomainDisk {
  const given = opts.connectionInfoFor?.(bdm, m.bdm!) ?? null;
  let ci: ConnectionInfo;
  let source: string;
  if (given) {
    ci = given.connectionInfo;
    source = given.source;
  } else {
    const kind = opts.defaultBackend ?? 'iscsi';
    const volumeId = bdm.source_type === 'volume' && bdm.uuid ? bdm.uuid : createdVolumeId(opts.hashes, opts.instanceUuid, m.bdm!);
    ci = defaultConnectionInfo(kind, volumeId, { hashes: opts.hashes, ordinal });
    source = DEFAULT_BACKEND_LABEL[kind];
  }
  const diskInfo = { dev: m.dev, bus: m.bus, type: m.type };
  try {
    const config = volumeDiskConfig(ci, diskInfo, {
      virtType: ctx.libvirt.virt_type,
      profile: opts.profile,
      novaVersion: opts.novaVersion,
      cacheModes: opts.cacheModes,
      scsiUnit,
    });
    return { bdmIndex: m.bdm, key: m.key, xml: renderDiskXml(config), config, connectionSource: source };
  } catch (e) {
    if (!(e instanceof DiskConfigError)) throw e;
    const config: DiskConfig = { sourceType: 'block', device: m.type as DiskConfig['device'], target: { dev: m.dev, bus: m.bus } };
    return { bdmIndex: m.bdm, key: m.key, xml: '', config, connectionSource: source, error: e.message };
  }
}
