/**
 * Reading a `*.labhost.json`: JSONC parse, schema check (schemas/labhost.schema.json) and
 * cross-checks, each error placed by JSON path and offset so the editor can underline it
 * and the CLI can name file:line:column. Then every default is filled in, so the engine
 * sees a complete LabHost.
 */
import { LineIndex } from '../../text/lineIndex';
import { tooDeepToParse, MAX_DEPTH } from '../../parse/json';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as labValidators from '../../generated/labhost.cjs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { CreateStatusStep, FcHba, HostFacts, LabBackend, LabHost, LabImage, LabInstance, LabSnapshot, LabVolume, NovaConf, Profile, VolumeEncryption } from '../types';
import { DEFAULT_ENCRYPTION } from '../flows/encryption';
import { uuidFrom } from '../engine/world';
import { novaReleaseProblem } from '../engine/novaRelease';

export interface LabHostError {
  file: string;
  /** JSON path, e.g. $.volumes[0].status */
  path: string;
  offset: number;
  length: number;
  line: number;
  column: number;
  message: string;
}

export type LabHostLoad = { ok: true; labHost: LabHost } | { ok: false; errors: LabHostError[] };


/** Compiled on first use, not at start-up. */
/** The schema is compiled by ajv at build time (scripts/compile-schemas.mjs), not at start-up. */
function validate(): ValidateFunction {
  return labValidators.labhost as unknown as ValidateFunction;
}

/** 1-based line and column (the project's LineIndex, counted from 1). The index of the last text is kept: every error of one file shares it. */
let lastIndex: { text: string; index: LineIndex } | null = null;
function lineCol(text: string, offset: number): { line: number; column: number } {
  if (lastIndex?.text !== text) lastIndex = { text, index: new LineIndex(text) };
  const p = lastIndex.index.position(Math.min(offset, text.length));
  return { line: p.line + 1, column: p.character + 1 };
}

function pathString(segs: Array<string | number>): string {
  return '$' + segs.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
}

function place(file: string, text: string, root: Node | undefined, segs: Array<string | number>, message: string, keyOf?: string): LabHostError {
  let node = root ? findNodeAtLocation(root, segs) : undefined;
  let shownSegs = segs;
  if (node && keyOf !== undefined) {
    const child = root ? findNodeAtLocation(root, [...segs, keyOf]) : undefined;
    // point at the offending key itself (its property node's first child)
    if (child?.parent?.children?.[0]) node = child.parent.children[0];
    shownSegs = [...segs, keyOf];
  }
  const offset = node?.offset ?? 0;
  const { line, column } = lineCol(text, offset);
  return { file, path: pathString(shownSegs), offset, length: node?.length ?? 1, line, column, message };
}

function segments(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function ajvMessage(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown key "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
  if (e.keyword === 'enum') return `${e.message}: ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'required') return `missing required key "${String((e.params as { missingProperty: string }).missingProperty)}"`;
  return e.message ?? e.keyword;
}

/** One line per error: file:line:column: $.path: message */
export function formatLabHostError(e: LabHostError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.path}: ${e.message}`;
}

export function loadLabHost(text: string, fileName: string): LabHostLoad {
  const deep = tooDeepToParse(text, MAX_DEPTH);
  if (deep !== null) {
    return { ok: false, errors: [{ file: fileName, path: '$', offset: deep, length: 1, ...lineCol(text, deep), message: `JSON nested deeper than ${MAX_DEPTH} levels` }] };
  }
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0 || !root) {
    const errs = (parseErrors.length ? parseErrors : [{ error: 1, offset: 0, length: 0 } as unknown as ParseError]).slice(0, 100);
    return {
      ok: false,
      errors: errs.map((p) => ({ file: fileName, path: '$', offset: p.offset, length: p.length, ...lineCol(text, p.offset), message: `JSON syntax error: ${root ? printParseErrorCode(p.error) : 'empty document'}` })),
    };
  }
  const value = nodeValue(root);
  const v = validate();
  if (!v(value)) {
    // Errors of the deepest places first are the useful ones; drop duplicate places.
    const seen = new Set<string>();
    const errors: LabHostError[] = [];
    for (const e of v.errors ?? []) {
      const segs = segments(e.instancePath);
      const key = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
      const err = place(fileName, text, root, segs, ajvMessage(e), key);
      const id = `${err.path}|${err.message}`;
      if (!seen.has(id)) {
        seen.add(id);
        errors.push(err);
      }
    }
    return { ok: false, errors };
  }
  const errors = crossCheck(value as RawLab, (segs, msg) => place(fileName, text, root, segs, msg));
  if (errors.length) return { ok: false, errors };
  return { ok: true, labHost: normalize(value as RawLab) };
}

function nodeValue(n: Node): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of n.children ?? []) {
        const [k, val] = p.children ?? [];
        if (k && val) o[String(k.value)] = nodeValue(val);
      }
      return o;
    }
    case 'array':
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value;
  }
}

type Raw = Record<string, unknown>;
interface RawLab extends Raw {
  name: string;
  volumes: Raw[];
  instances: Raw[];
  backends?: Record<string, Raw>;
  host?: Raw;
}

const PROTOCOLS = ['iscsi', 'fc', 'rbd', 'nfs', 'file'];

function crossCheck(lab: RawLab, at: (segs: Array<string | number>, msg: string) => LabHostError): LabHostError[] {
  const out: LabHostError[] = [];
  const backends = lab.backends ?? {};
  const ids = new Set<string>();
  lab.volumes.forEach((v, i) => {
    const id = String(v.id);
    if (ids.has(id)) out.push(at(['volumes', i, 'id'], `duplicate volume id ${id}`));
    ids.add(id);
    const b = (v.backend as string | undefined) ?? 'iscsi';
    if (!(b in backends) && !PROTOCOLS.includes(b)) out.push(at(['volumes', i, 'backend'], `backend "${b}" is neither a key of "backends" nor one of ${PROTOCOLS.join(', ')}`));
  });
  const uuids = new Set<string>();
  lab.instances.forEach((inst, i) => {
    const id = String(inst.uuid);
    if (uuids.has(id)) out.push(at(['instances', i, 'uuid'], `duplicate instance uuid ${id}`));
    uuids.add(id);
  });
  const db = lab.default_backend as string | undefined;
  if (db !== undefined && !(db in backends) && !PROTOCOLS.includes(db)) out.push(at(['default_backend'], `backend "${db}" is neither a key of "backends" nor one of ${PROTOCOLS.join(', ')}`));
  for (const [name, b] of Object.entries(backends)) {
    if (b.protocol === 'iscsi' && b.portals === undefined) out.push(at(['backends', name], 'an iscsi backend needs "portals"'));
  }
  const release = (lab.host as Raw | undefined)?.nova_release;
  if (typeof release === 'string') {
    const problem = novaReleaseProblem(release, (lab.profile as Profile | undefined) ?? 'modern');
    if (problem) out.push(at(['host', 'nova_release'], problem));
  }
  return out;
}

function encryptionOf(e: Raw): VolumeEncryption {
  return {
    provider: (e.provider as string) ?? DEFAULT_ENCRYPTION.provider,
    cipher: 'cipher' in e ? (e.cipher as string | null) : DEFAULT_ENCRYPTION.cipher,
    key_size: 'key_size' in e ? (e.key_size as number | null) : DEFAULT_ENCRYPTION.key_size,
    control_location: (e.control_location as VolumeEncryption['control_location']) ?? DEFAULT_ENCRYPTION.control_location,
  };
}

/**
 * host.nova_conf: nova.conf by section, with the context's keys (`DEFAULT`, `libvirt`) and the
 * flow's own (`[libvirt]num_volume_scan_tries` and its old name `num_iscsi_scan_tries`, `nfs_mount_point_base`, `nfs_mount_options`, `[DEFAULT]
 * block_device_allocate_retries(_interval)`, `[cinder]cross_az_attach`, `[compute]
 * max_disk_devices_to_attach`, `[scheduler]max_attempts` and `[DEFAULT]scheduler_max_attempts`), and `[workarounds]` kept in the
 * sections; the flat keys of before are still read (a section's key wins).
 */
function labNovaConf(nc: Raw): NovaConf {
  const d = (nc.DEFAULT ?? {}) as Raw;
  const l = (nc.libvirt ?? {}) as Raw;
  const c = (nc.cinder ?? {}) as Raw;
  const k = (nc.compute ?? {}) as Raw;
  const sch = (nc.scheduler ?? {}) as Raw;
  const pick = <T>(section: Raw, key: string, fallback: T): T => (section[key] ?? nc[key] ?? fallback) as T;
  const out: NovaConf = {
    num_volume_scan_tries: pick(l, 'num_volume_scan_tries', 5),
    cross_az_attach: pick(c, 'cross_az_attach', true),
    virt_type: pick(l, 'virt_type', 'kvm'),
    block_device_allocate_retries: pick(d, 'block_device_allocate_retries', 60),
    block_device_allocate_retries_interval: pick(d, 'block_device_allocate_retries_interval', 3),
    max_disk_devices_to_attach: pick(k, 'max_disk_devices_to_attach', -1),
    nfs_mount_point_base: pick(l, 'nfs_mount_point_base', '/var/lib/nova/mnt'),
  };
  // as written: which of the two names a release reads is the boot flow's business
  if (typeof sch.max_attempts === 'number') out.max_attempts = sch.max_attempts;
  // [libvirt]nfs_mount_options has no default: only a written value (a string, or null as written) is kept
  if (typeof l.nfs_mount_options === 'string' || l.nfs_mount_options === null) out.nfs_mount_options = l.nfs_mount_options;
  // both scan-tries names as written: which one a release reads is engine/novaConfRead.ts's business
  if ((l.num_volume_scan_tries ?? nc.num_volume_scan_tries) !== undefined) out.num_volume_scan_tries_given = true;
  if (typeof l.num_iscsi_scan_tries === 'number') out.num_iscsi_scan_tries = l.num_iscsi_scan_tries;
  if (typeof d.scheduler_max_attempts === 'number') out.scheduler_max_attempts = d.scheduler_max_attempts;
  const strip = (section: Raw, own: string[]) => Object.fromEntries(Object.entries(section).filter(([key]) => !own.includes(key)));
  const DEFAULT = strip(d, ['block_device_allocate_retries', 'block_device_allocate_retries_interval', 'scheduler_max_attempts']);
  const libvirt = strip(l, ['num_volume_scan_tries', 'num_iscsi_scan_tries', 'nfs_mount_point_base', 'nfs_mount_options']);
  // [workarounds] as written (the schema takes its two booleans): whether the release reads them is
  // engine/novaConfRead.ts labWorkarounds's business
  const workarounds = nc.workarounds !== null && typeof nc.workarounds === 'object' && !Array.isArray(nc.workarounds) ? nc.workarounds as Raw : {};
  if (Object.keys(DEFAULT).length || Object.keys(libvirt).length || Object.keys(workarounds).length) {
    out.sections = {
      ...(Object.keys(DEFAULT).length ? { DEFAULT } : {}),
      ...(Object.keys(libvirt).length ? { libvirt } : {}),
      ...(Object.keys(workarounds).length ? { workarounds } : {}),
    };
  }
  return out;
}

function timeline(x: unknown): CreateStatusStep[] | undefined {
  return Array.isArray(x) ? (x as CreateStatusStep[]) : undefined;
}

/** Fill every default of the schema so the engine never meets an absent key. */
export function normalize(raw: RawLab): LabHost {
  const h = (raw.host ?? {}) as Raw;
  const nc = (h.nova_conf ?? {}) as Raw;
  const hostname = (h.hostname as string) ?? 'compute-1';
  let hbas: FcHba[] = ((h.fc_hbas as Raw[] | undefined) ?? []).map((x, i) => ({
    host: (x.host as number) ?? 5 + i,
    pci: (x.pci as string) ?? `0000:05:00.${2 + i}`,
    wwpn: String(x.wwpn),
    wwnn: (x.wwnn as string) ?? String(x.wwpn).replace(/^2/, '1'),
    port_state: (x.port_state as FcHba['port_state']) ?? 'Online',
  }));
  if (hbas.length === 0 && Array.isArray(h.wwpns)) {
    const wwnns = (h.wwnns as string[] | undefined) ?? [];
    hbas = (h.wwpns as string[]).map((wwpn, i) => ({ host: 5 + i, pci: `0000:05:00.${2 + i}`, wwpn, wwnn: wwnns[i] ?? wwpn, port_state: 'Online' }));
  }
  const host: HostFacts = {
    hostname,
    ip: (h.ip as string) ?? '192.168.122.20',
    platform: (h.platform as string) ?? 'x86_64',
    os_type: (h.os_type as string) ?? 'linux',
    initiator: 'initiator' in h ? (h.initiator as string | null) : 'iqn.1994-05.com.redhat:3c9a8f1e2b7d',
    fc_hbas: hbas,
    multipath_enabled: (h.multipath_enabled as boolean) ?? false,
    multipathd_running: (h.multipathd_running as boolean) ?? true,
    multipathd_stops_at_s: typeof h.multipathd_stops_at_s === 'number' ? h.multipathd_stops_at_s : null,
    iscsiadm_supports_manual_scan: (h.iscsiadm_supports_manual_scan as boolean) ?? true,
    existing_scsi_disks: (h.existing_scsi_disks as string[]) ?? ['sda'],
    existing_dm_devices: (h.existing_dm_devices as string[]) ?? [],
    service_uuid: (h.service_uuid as string) ?? uuidFrom(`service:${hostname}`),
    nova_conf: labNovaConf(nc),
  };
  if (typeof h.nova_release === 'string') host.nova_release = h.nova_release.trim();
  // [libvirt]volume_use_multipath is the host's multipath_enabled
  if (h.multipath_enabled === undefined && host.nova_conf.sections?.libvirt?.volume_use_multipath !== undefined) host.multipath_enabled = host.nova_conf.sections.libvirt.volume_use_multipath;
  const volumes: LabVolume[] = raw.volumes.map((v) => ({
    ...(v as object),
    id: String(v.id),
    size: (v.size as number) ?? 1,
    status: (v.status as string) ?? 'available',
    attach_status: (v.attach_status as LabVolume['attach_status']) ?? 'detached',
    multiattach: (v.multiattach as boolean) ?? false,
    availability_zone: (v.availability_zone as string) ?? 'nova',
    bootable: (v.bootable as boolean) ?? false,
    encrypted: (v.encrypted as boolean) ?? v.encryption !== undefined,
    ...(v.encryption !== undefined ? { encryption: encryptionOf(v.encryption as Raw) } : {}),
    readonly: (v.readonly as boolean) ?? false,
    qos_specs: (v.qos_specs as LabVolume['qos_specs']) ?? null,
    attachments: ((v.attachments as Raw[] | undefined) ?? []).map((a) => {
      const attachStatus = (a.attach_status as LabVolume['attachments'][number]['attach_status']) ?? 'attached';
      const attHost = (a.host as string | null | undefined) ?? null;
      return {
        id: String(a.id),
        instance_uuid: String(a.instance_uuid),
        attach_status: attachStatus,
        mountpoint: (a.mountpoint as string | null | undefined) ?? null,
        host: attHost,
        connection_info: (a.connection_info as boolean | undefined) ?? (attHost !== null && attachStatus !== 'reserved'),
        nova_bdm: (a.nova_bdm as boolean | undefined) ?? true,
      };
    }),
    backend: (v.backend as string) ?? 'iscsi',
  }));
  const instances: LabInstance[] = raw.instances.map((i) => ({
    ...(i as object),
    uuid: String(i.uuid),
    vm_state: (i.vm_state as string) ?? 'active',
    task_state: (i.task_state as string | null) ?? null,
    power_state: (i.power_state as LabInstance['power_state']) ?? 'running',
    locked: (i.locked as boolean) ?? false,
    launched: (i.launched as boolean) ?? true,
    availability_zone: (i.availability_zone as string) ?? 'nova',
    existing_devices: (i.existing_devices as string[]) ?? ['vda'],
    bdm_volume_ids: (i.bdm_volume_ids as string[]) ?? [],
    image_hw_disk_bus: (i.image_hw_disk_bus as string | null) ?? null,
    config_drive: (i.config_drive as boolean) ?? false,
    ...(i.flavor !== undefined ? { flavor: { root_gb: 1, ephemeral_gb: 0, swap_mb: 0, ...(i.flavor as object) } } : {}),
  }));
  const images: LabImage[] = ((raw.images as Raw[] | undefined) ?? []).map((x) => ({ id: String(x.id), name: x.name as string | undefined, size_gib: (x.size_gib as number) ?? 1, ...(x.min_disk !== undefined ? { min_disk: x.min_disk as number } : {}), ...(x.min_ram !== undefined ? { min_ram: x.min_ram as number } : {}), create_status_timeline: timeline(x.create_status_timeline) }));
  const snapshots: LabSnapshot[] = ((raw.snapshots as Raw[] | undefined) ?? []).map((x) => ({ id: String(x.id), volume_id: x.volume_id as string | undefined, size: (x.size as number) ?? 1, volume_type: (x.volume_type as string | null | undefined) ?? null, create_status_timeline: timeline(x.create_status_timeline) }));
  const lab: LabHost = {
    name: raw.name,
    profile: (raw.profile as LabHost['profile']) ?? 'modern',
    host,
    backends: (raw.backends ?? {}) as unknown as Record<string, LabBackend>,
    volumes,
    instances,
    images,
    snapshots,
  };
  if (typeof raw.description === 'string') lab.description = raw.description;
  if (typeof raw.microversion === 'string') lab.microversion = raw.microversion;
  if (typeof raw.default_backend === 'string') lab.default_backend = raw.default_backend;
  if (typeof raw.boot_instance_uuid === 'string') lab.boot_instance_uuid = raw.boot_instance_uuid;
  if (raw.delete_failed_boot === true) lab.delete_failed_boot = true;
  const blank = timeline(raw.blank_create_status_timeline);
  if (blank) lab.blank_create_status_timeline = blank;
  if (raw.libvirt) {
    const l = raw.libvirt as { uri: string; domain: string; allowed_paths?: string[] };
    lab.libvirt = { uri: l.uri, domain: l.domain, allowed_paths: [...(l.allowed_paths ?? [])] };
  }
  return lab;
}
