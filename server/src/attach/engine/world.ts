/**
 * Shared state of one simulation: Cinder's volumes and attachments, Nova's BDM rows, the
 * compute host's devices and sessions, and the lock-holding scheduler. Concurrent attaches
 * on the same host share one World; each run keeps its own timeline (run.ts).
 */
import { Scheduler } from './scheduler';
import type { BackendResolver, ResolvedBackend } from '../backends/resolve';
import type { HostFacts, LabHost, LabInstance, LabVolume, Profile } from '../types';
import type { Hashes } from '../../ports';
import { needHashes } from '../../libvirt/connectionInfo';
import { profileFacts, type ProfileFacts } from './timings';
import { releaseInProfile, type NovaRelease } from './novaRelease';
import { instanceDevices } from '../flows/instanceDisks';

export interface AttachmentRow {
  id: string;
  instance_uuid: string;
  attach_status: 'reserved' | 'attaching' | 'attached' | 'detaching' | 'error_attaching';
  connector: Record<string, unknown> | null;
  /** Cinder stored connection_info for it (attachment_update ran) */
  has_connection_info: boolean;
  mountpoint: string | null;
  attach_mode: string;
}

export interface ExportState {
  tid: number;
  lun: number;
  chapUser: string | null;
  chapPassword: string | null;
  wwn: string;
}

export interface VolumeState {
  id: string;
  lab: LabVolume;
  backend: ResolvedBackend;
  size: number;
  status: string;
  attach_status: string;
  multiattach: boolean;
  shared_targets: boolean | null;
  attachments: AttachmentRow[];
  /** every status the volume went through, starting with its status at t = 0 */
  history: string[];
  exported: ExportState | null;
}

export type BdmRow = Record<string, unknown> & {
  id: number;
  instance_uuid: string;
  volume_id: string | null;
  device_name: string | null;
  connection_info: string | null;
  attachment_id: string | null;
};

export interface InstanceState {
  lab: LabInstance;
  /** guest device names in use (dev without /dev/) */
  devices: string[];
}

export type StatusListener = (vol: VolumeState) => void;

/** FNV-1a over a string with a seed: 32 bits, enough to derive stable fake ids. */
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 32 hex digits derived from `key`: the same key always gives the same digits. */
export function hex32(key: string): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += fnv(key, i * 0x9e3779b1).toString(16).padStart(8, '0');
  return out;
}

export function uuidFrom(key: string): string {
  const h = hex32(key);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A pseudo-random string over an alphabet, derived from `key` (CHAP users, passwords). */
const TOKENS = new Map<string, string>();
export function tokenFrom(key: string, length: number): string {
  // Pure and asked for on every REST call (the auth token): remember the few there are.
  const memo = `${length}:${key}`;
  const hit = TOKENS.get(memo);
  if (hit !== undefined) return hit;
  if (TOKENS.size > 10_000) TOKENS.clear();
  const t = makeToken(key, length);
  TOKENS.set(memo, t);
  return t;
}

function makeToken(key: string, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  let block = '';
  for (let i = 0; out.length < length; i++) {
    if (block.length < 2) block += hex32(`${key}#${i}`);
    out += alphabet[parseInt(block.slice(0, 2), 16) % alphabet.length];
    block = block.slice(2);
  }
  return out;
}

export class World {
  readonly sched = new Scheduler();
  readonly facts: ProfileFacts;
  /** the lab host's `host.nova_release` when it falls in the profile's span */
  readonly novaRelease: NovaRelease | undefined;
  readonly volumes = new Map<string, VolumeState>();
  readonly instances = new Map<string, InstanceState>();
  readonly bdms: BdmRow[] = [];
  private counters = new Map<string, number>();
  private listeners: StatusListener[] = [];
  // compute host state
  readonly scsiDisks = new Set<string>();
  readonly dmDevices = new Set<string>();
  readonly sessions = new Map<string, number>();
  readonly nodeRecords = new Set<string>();
  readonly nfsMounts = new Map<string, number>();
  readonly tgtTargets = new Map<string, number>();
  private nextBdmId = 1;

  /** the lab host as the flows read it: its host facts follow the clock (`clockedHost`) */
  readonly lab: LabHost;

  constructor(
    lab: LabHost,
    readonly profile: Profile,
    readonly microversion: string,
    /** the registered backends' resolution (backends/registry.ts): the engine knows no protocol */
    private readonly resolveBackend: BackendResolver,
    readonly hashes: Hashes,
  ) {
    needHashes(hashes, 'the attach simulation');
    this.lab = { ...lab, host: clockedHost(lab.host, () => this.sched.now) };
    // the compute node's Nova release picks the facts that changed inside the profile's span;
    // a --profile override it does not fall in leaves the profile's own facts
    this.novaRelease = releaseInProfile(lab.host.nova_release, profile);
    this.facts = profileFacts(profile, this.novaRelease);
    for (const d of lab.host.existing_scsi_disks) this.scsiDisks.add(d);
    for (const d of lab.host.existing_dm_devices) this.dmDevices.add(d);
    for (const v of lab.volumes) this.addVolume(v);
    for (const i of lab.instances) {
      this.instances.set(i.uuid, { lab: i, devices: instanceDevices(i, lab.host.nova_conf.virt_type) });
    }
    // Nova's BDM table: what the lab host says each instance already has, and a BDM for each
    // Cinder attachment Nova made (an attachment with nova_bdm false exists in Cinder only).
    for (const i of lab.instances) {
      for (const vid of i.bdm_volume_ids) this.addExistingBdm(i.uuid, vid);
    }
    for (const v of lab.volumes) {
      for (const a of v.attachments) {
        if (a.nova_bdm === false) continue;
        if (!this.bdms.some((b) => b.volume_id === v.id && b.instance_uuid === a.instance_uuid)) this.addExistingBdm(a.instance_uuid, v.id, a.mountpoint ?? null);
      }
    }
  }

  addVolume(v: LabVolume): VolumeState {
    const backend = this.resolveBackend(this.lab, v.backend);
    const shared = v.shared_targets !== undefined ? v.shared_targets : backend.sharedTargets;
    const st: VolumeState = {
      id: v.id,
      lab: v,
      backend,
      size: v.size,
      status: v.status,
      attach_status: v.attach_status,
      multiattach: v.multiattach,
      shared_targets: shared,
      attachments: v.attachments.map((a) => {
        const withInfo = a.connection_info ?? (a.host != null && a.attach_status !== 'reserved');
        // The connector Cinder stored with the connection_info: only its host matters here.
        const connector = withInfo && a.host != null ? { host: a.host } : null;
        return { id: a.id, instance_uuid: a.instance_uuid, attach_status: a.attach_status, connector, has_connection_info: withInfo, mountpoint: a.mountpoint ?? null, attach_mode: 'rw' };
      }),
      history: [v.status],
      exported: null,
    };
    this.volumes.set(v.id, st);
    return st;
  }

  private addExistingBdm(instanceUuid: string, volumeId: string, mountpoint: string | null = null): void {
    this.bdms.push(this.newBdm({ instance_uuid: instanceUuid, volume_id: volumeId, device_name: mountpoint, connection_info: '{}', attachment_id: null }));
  }

  newBdm(fields: Partial<BdmRow> & { instance_uuid: string }): BdmRow {
    const id = this.nextBdmId++;
    const { instance_uuid, ...rest } = fields;
    return {
      id,
      uuid: uuidFrom(`bdm:${this.lab.name}:${id}`),
      instance_uuid,
      source_type: 'volume',
      destination_type: 'volume',
      device_name: null,
      disk_bus: null,
      device_type: null,
      boot_index: null,
      guest_format: null,
      delete_on_termination: false,
      volume_id: null,
      volume_size: null,
      snapshot_id: null,
      image_id: null,
      no_device: false,
      tag: null,
      attachment_id: null,
      volume_type: null,
      encrypted: false,
      encryption_secret_uuid: null,
      encryption_format: null,
      encryption_options: null,
      connection_info: null,
      created_at: this.timestamp(),
      updated_at: null,
      deleted_at: null,
      deleted: 0,
      ...rest,
    } as BdmRow;
  }

  destroyBdm(row: BdmRow): void {
    const i = this.bdms.indexOf(row);
    if (i >= 0) this.bdms.splice(i, 1);
  }

  /** Wall-clock stamp for DB rows: a fixed epoch plus the virtual time, never the real clock. */
  timestamp(): string {
    const d = new Date(Date.UTC(2026, 0, 1) + this.sched.now);
    return d.toISOString().replace('T', ' ').replace('Z', '').replace(/\.(\d{3})$/, '.$1000');
  }

  /** The next stable id of a kind: same lab host + same order of events = same ids. */
  id(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return uuidFrom(`${kind}:${this.lab.name}:${n}`);
  }

  requestId(): string {
    return `req-${this.id('request')}`;
  }

  onStatus(l: StatusListener): void {
    this.listeners.push(l);
  }

  setStatus(vol: VolumeState, status: string, attachStatus?: string): void {
    const changed = vol.status !== status;
    vol.status = status;
    if (attachStatus !== undefined) vol.attach_status = attachStatus;
    if (changed) {
      vol.history.push(status);
      for (const l of [...this.listeners]) l(vol);
    }
  }

  // The first index that may be free, per kind: names are handed out in order and only freed
  // by a disconnect (which resets it), so a boot with thousands of disks stays linear.
  private scsiFrom = 0;
  private dmFrom = 0;

  nextScsiDisk(): string {
    for (let i = this.scsiFrom; ; i++) {
      const name = `sd${letters(i)}`;
      if (!this.scsiDisks.has(name)) {
        this.scsiDisks.add(name);
        this.scsiFrom = i + 1;
        return name;
      }
    }
  }

  nextDm(): string {
    for (let i = this.dmFrom; ; i++) {
      const name = `dm-${i}`;
      if (!this.dmDevices.has(name)) {
        this.dmDevices.add(name);
        this.dmFrom = i + 1;
        return name;
      }
    }
  }

  /** A disconnect removed the host device: its name is free again. */
  freeHostDevice(name: string): void {
    if (this.scsiDisks.delete(name)) this.scsiFrom = 0;
    if (this.dmDevices.delete(name)) this.dmFrom = 0;
  }

  counter(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }
}

/** a, b, …, z, aa, ab, … (Nova's generate_device_name letters) */
export function letters(index: number): string {
  let s = '';
  let i = index;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

/**
 * A copy of the lab host's facts whose `multipathd_running` is read at the current simulated
 * time: false from `multipathd_stops_at_s` on (the caller's object is not changed, so a lab
 * host can be simulated again).
 */
export function clockedHost(host: HostFacts, now: () => number): HostFacts {
  const stopAt = host.multipathd_stops_at_s ?? null;
  if (stopAt === null || !host.multipathd_running) return host;
  const copy: HostFacts = { ...host };
  Object.defineProperty(copy, 'multipathd_running', { enumerable: true, get: () => now() < stopAt * 1000 });
  return copy;
}
