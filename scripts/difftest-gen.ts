/**
 * Seeded generator of request bodies for the differential test against Nova (scripts/difftest.mjs).
 * Bodies are produced as raw JSON TEXT so that number spellings survive (`10.0`, `1e0`): Nova
 * reads them as floats, JSON.parse would not tell them apart from integers.
 *
 * Every case carries a context with a flavor: the oracle assumes 20/0/0 without one, while
 * bdm-lab then skips the flavor rules, which would only produce noise.
 */

export interface DiffContext {
  microversion: string;
  flavor: { root_gb: number; ephemeral_gb: number; swap_mb: number };
  max_local_block_devices: number;
  zero_disk_flavor_allowed: boolean;
  cinder_volume_types?: Array<{ id: string; name: string }>;
}

export interface DiffCase {
  id: string;
  kind: 'server' | 'attach';
  payloadText: string;
  context: DiffContext;
}

import { rng } from './prng.mjs';
export { rng };

/** A value written verbatim into the JSON text. */
class Raw {
  constructor(readonly text: string) {}
}
export const raw = (t: string) => new Raw(t);
/** Marks "leave the key out". */
export const ABSENT = Symbol('absent');
/** a key ending in DUP is written twice in the text (see toText) */
export const DUP = '\u0000dup';
type Val = unknown;

export function toText(v: Val, indent = 0): string {
  if (v instanceof Raw) return v.text;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const pad = '  '.repeat(indent + 1);
  const end = '  '.repeat(indent);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[\n' + v.map((x) => pad + toText(x, indent + 1)).join(',\n') + '\n' + end + ']';
  }
  const entries = Object.entries(v as Record<string, Val>).filter(([, x]) => x !== ABSENT);
  if (!entries.length) return '{}';
  // a key ending in DUP is written without it: the text then holds the key twice (Python and JSON.parse keep the last)
  return '{\n' + entries.map(([k, x]) => pad + JSON.stringify(k.endsWith(DUP) ? k.slice(0, -DUP.length) : k) + ': ' + toText(x, indent + 1)).join(',\n') + '\n' + end + '}';
}

export const MICROVERSIONS = ['2.0', '2.1', '2.31', '2.32', '2.33', '2.41', '2.42', '2.49', '2.60', '2.66', '2.67', '2.79', '2.100', '2.101'];
const VT_ID = '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11';
const VT_NAME = 'lvmdriver-1';
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';

export class Gen {
  private r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  f(): number {
    return this.r();
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  /** weighted pick: [[weight, value], ...] */
  w<T>(xs: Array<[number, T]>): T {
    const total = xs.reduce((s, [k]) => s + k, 0);
    let x = this.r() * total;
    for (const [k, v] of xs) {
      if ((x -= k) < 0) return v;
    }
    return xs[xs.length - 1][1];
  }

  context(): DiffContext {
    const ctx: DiffContext = {
      microversion: this.pick(MICROVERSIONS),
      flavor: { root_gb: this.w([[3, 20], [1, 0]]), ephemeral_gb: this.w([[3, 0], [1, 5], [1, 10]]), swap_mb: this.w([[3, 0], [1, 512], [1, 1024]]) },
      max_local_block_devices: this.w([[1, -1], [1, 0], [1, 1], [4, 3]]),
      zero_disk_flavor_allowed: this.chance(0.25),
    };
    if (this.chance(0.4)) ctx.cinder_volume_types = [{ id: VT_ID, name: VT_NAME }];
    return ctx;
  }

  uuidFor(src: string): string {
    return src === 'image' ? IMG : src === 'snapshot' ? SNAP : this.chance(0.8) ? VOL : VOL2;
  }

  bootIndex(): Val {
    return this.w<Val>([[3, 0], [2, 1], [1, 2], [2, -1], [1, '0'], [1, '00'], [1, '1'], [1, '-1'], [1, null], [1, raw('1.0')], [1, raw('0.0')], [1, raw('1e0')], [1, 'x'], [1, ABSENT], [1, true], [0.5, raw('-1.0')], [0.5, '-0'], [0.5, '+1'], [0.5, ' 1'], [0.5, '٣'], [0.5, 2147483648]]);
  }

  volumeSize(): Val {
    return this.w<Val>([[3, 1], [3, 10], [1, '10'], [1, '0'], [1, 0], [1, raw('10.0')], [1, raw('1e1')], [1, raw('10.5')], [1, 512], [1, 1024], [1, 5], [1, -1], [1, ''], [1, null], [1, 'ten'], [0.5, '010'], [0.5, '2147483648'], [0.5, 2147483647], [0.5, raw('1.0e1')], [0.5, true], [0.5, ' 10'], [0.5, '１０']]);
  }

  /** a coherent entry of a common shape, then perturbed */
  v2Entry(mv: number, isFirst: boolean, clean: boolean): Val {
    if (this.chance(0.03)) return this.pick<Val>(['vda', null, 1, [], true]);
    const shape = isFirst && this.chance(0.85)
      ? this.w<string>([[4, 'image-local-root'], [4, 'volume-volume'], [3, 'image-volume'], [2, 'snapshot-volume']])
      : this.w<string>([[2, 'image-local-root'], [4, 'volume-volume'], [3, 'image-volume'], [2, 'snapshot-volume'], [2, 'blank-volume'], [3, 'ephemeral'], [3, 'swap'], [1, 'no-device'], [1, 'volume-local']]);
    const e: Record<string, Val> = {};
    switch (shape) {
      case 'image-local-root':
        Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: isFirst ? 0 : this.bootIndex() });
        break;
      case 'volume-volume':
        Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.uuidFor('volume'), boot_index: isFirst ? 0 : this.w<Val>([[3, -1], [1, 1], [1, ABSENT]]) });
        break;
      case 'image-volume':
        Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: isFirst ? 0 : this.w<Val>([[3, -1], [1, 1]]) });
        break;
      case 'snapshot-volume':
        Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: isFirst ? 0 : -1 });
        break;
      case 'blank-volume':
        Object.assign(e, { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 });
        break;
      case 'ephemeral':
        Object.assign(e, { source_type: 'blank', destination_type: 'local', volume_size: this.w<Val>([[2, 5], [1, 10], [1, ABSENT]]), boot_index: -1 });
        if (this.chance(0.3)) e.guest_format = this.pick(['ext4', 'vfat']);
        break;
      case 'swap':
        Object.assign(e, { source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: this.w<Val>([[2, 512], [1, 1024], [1, ABSENT]]), boot_index: -1 });
        break;
      case 'no-device':
        Object.assign(e, { device_name: '/dev/vdc', no_device: this.pick<Val>([true, 1, 'false', 'x', false, 0, '', null]) });
        break;
      case 'volume-local':
        Object.assign(e, { source_type: this.pick(['volume', 'snapshot']), destination_type: 'local', uuid: VOL, boot_index: -1 });
        break;
    }
    const n = clean ? 0 : this.w([[8, 0], [5, 1], [2, 2], [1, 3]]);
    for (let i = 0; i < n; i++) this.perturb(e, mv);
    // optional fields that valid bodies carry too
    if (this.chance(0.15)) e.device_name = this.pick(['/dev/vdb', '/dev/vdc', '/dev/sdb', 'vdd', '/dev/vda', 'vda']);
    if (this.chance(0.1)) e.disk_bus = this.pick(['virtio', 'scsi', 'ide', 'sata']);
    if (this.chance(0.1)) e.device_type = this.pick(['disk', 'cdrom', 'lun']);
    if (this.chance(0.1)) e.delete_on_termination = this.pick([true, false, 'yes', 'False']);
    if (mv === 32 || mv >= 42 ? this.chance(0.1) : this.chance(0.02)) e.tag = 'disk1';
    if (mv >= 67 ? this.chance(0.15) : this.chance(0.02)) e.volume_type = this.pick([VT_NAME, VT_ID, 'nope']);
    return e;
  }

  perturb(e: Record<string, Val>, mv: number): void {
    const field = this.pick(['source_type', 'destination_type', 'uuid', 'boot_index', 'volume_size', 'guest_format', 'device_name', 'disk_bus', 'device_type', 'delete_on_termination', 'tag', 'volume_type', 'no_device', 'virtual_name', 'ids', 'unknown', 'drop', 'dup']);
    switch (field) {
      case 'source_type':
        e.source_type = this.pick<Val>(['volume', 'image', 'snapshot', 'blank', ABSENT, 'Volume', 'bogus', '']);
        break;
      case 'destination_type':
        e.destination_type = this.pick<Val>(['volume', 'local', ABSENT, '', 'Local', null]);
        break;
      case 'uuid':
        e.uuid = this.pick<Val>([IMG, VOL, ABSENT, '', 'not a uuid!', 'plain-name_1.0', 'x'.repeat(256), 'x'.repeat(255), VOL.toUpperCase(), 'ümlaut', 1, null]);
        break;
      case 'boot_index':
        e.boot_index = this.bootIndex();
        break;
      case 'volume_size':
        e.volume_size = this.volumeSize();
        break;
      case 'guest_format':
        e.guest_format = this.pick<Val>(['swap', 'ext4', '', null, 'SWAP', ABSENT]);
        break;
      case 'device_name':
        e.device_name = this.pick<Val>(['/dev/vda', '/dev/vdb', 'vda', 'vdb', '/dev/sda', '', 'bad name', null, '/dev/xvdb', 'a'.repeat(256), 'a'.repeat(255), '/dev/vdé', '/dev/hda', 'sda', '/dev/vda1', 1]);
        break;
      case 'disk_bus':
        e.disk_bus = this.pick<Val>(['virtio', 'scsi', 'ide', 'sata', 'usb', 'fdc', 'xen', 'lxc', 'uml', 'VIRTIO', 'nvme', '', null]);
        break;
      case 'device_type':
        e.device_type = this.pick<Val>(['disk', 'cdrom', 'lun', 'fs', 'floppy', '', 'Disk', 'bogus', null]);
        break;
      case 'delete_on_termination':
        e.delete_on_termination = this.pick<Val>([true, false, 'yes', 'False', 'TRUE', 'True', '1', 1, null, 'maybe', 'On', 'oN', 'y', 'NO', '0', 0]);
        break;
      case 'tag':
        e.tag = this.pick<Val>(['disk1', '', 'a/b', 'a,b', 'x'.repeat(61), 'x'.repeat(60), null, 'ünï', 1]);
        break;
      case 'volume_type':
        e.volume_type = this.pick<Val>([VT_NAME, VT_ID, 'nope', null, '', 'x'.repeat(256), 'x'.repeat(255), 1, VT_NAME.toUpperCase()]);
        break;
      case 'no_device':
        e.no_device = this.pick<Val>([true, 1, 'false', 'x', false, 0, '', null]);
        break;
      case 'virtual_name':
        e.virtual_name = this.pick<Val>(['swap', 'ephemeral0', '']);
        break;
      case 'ids': {
        const k = this.pick(['image_id', 'volume_id', 'snapshot_id']);
        e[k] = this.pick<Val>([IMG, VOL, 'not-a-uuid', null]);
        break;
      }
      case 'unknown':
        e[this.pick(['foo', 'bootIndex', 'connection_info', 'attachment_id'])] = this.pick<Val>(['bar', 1, null]);
        break;
      case 'dup': {
        const keys = Object.keys(e).filter((k) => !k.endsWith(DUP));
        if (keys.length) {
          const k = this.pick(keys);
          e[k + DUP] = this.pick<Val>(['volume', 'local', 0, -1, null, '', VOL]);
        }
        break;
      }
      case 'drop': {
        const keys = Object.keys(e);
        if (keys.length) e[this.pick(keys)] = ABSENT;
        break;
      }
    }
    void mv;
  }

  legacyItem(): Val {
    if (this.chance(0.03)) return this.pick<Val>(['vda', null, 7]);
    const shape = this.w<string>([[3, 'volume'], [1, 'snapshot'], [1, 'swap'], [1, 'ephemeral'], [1, 'no_device'], [1, 'nothing']]);
    const e: Record<string, Val> = { device_name: this.w<Val>([[3, '/dev/vda'], [2, 'vda'], [2, '/dev/vdb'], [1, '/dev/sda'], [1, ABSENT]]) };
    if (shape === 'volume') e.volume_id = this.w<Val>([[5, VOL], [1, 'nope']]);
    if (shape === 'snapshot') e.snapshot_id = SNAP;
    if (shape === 'swap') e.virtual_name = 'swap';
    if (shape === 'ephemeral') e.virtual_name = 'ephemeral0';
    if (shape === 'no_device') e.no_device = this.pick<Val>([true, 'x', false]);
    if (this.chance(0.3)) e.volume_size = this.volumeSize();
    if (this.chance(0.3)) e.delete_on_termination = this.pick<Val>([true, false, 'yes', 1]);
    if (this.chance(0.1)) e[this.pick(['source_type', 'boot_index', 'foo'])] = this.pick<Val>(['volume', 0]);
    return e;
  }

  server(): { payload: Val; ctx: DiffContext } {
    const ctx = this.context();
    const mvMinor = Number(ctx.microversion.split('.')[1]);
    const s: Record<string, Val> = { name: 'difftest', flavorRef: '1' };
    const syntax = this.w<string>([[14, 'v2'], [2, 'v1'], [1, 'mixed'], [1, 'none'], [1, 'v2-empty'], [1, 'v2-not-array']]);
    let hasImageRoot = false;
    let v2: Val[] | null = null;
    if (syntax === 'v2' || syntax === 'mixed') {
      const n = this.w([[2, 1], [4, 2], [3, 3], [1, 4], [0.5, 6]]);
      v2 = [];
      const clean = this.chance(0.35);
      for (let i = 0; i < n; i++) v2.push(this.v2Entry(mvMinor, i === 0, clean));
      hasImageRoot = v2.some((x) => x && typeof x === 'object' && (x as Record<string, Val>).source_type === 'image' && (x as Record<string, Val>).destination_type === 'local');
    }
    s.imageRef = this.w<Val>([[hasImageRoot || syntax === 'none' || syntax === 'v1' ? 8 : 2, IMG], [2, ''], [4, ABSENT], [0.3, 'http://glance/images/x'], [0.3, null], [0.3, IMG.toUpperCase()], [0.3, IMG.replace(/-/g, '')]]);
    if (v2) s.block_device_mapping_v2 = v2;
    if (syntax === 'v2-empty') s.block_device_mapping_v2 = [];
    if (syntax === 'v2-not-array') s.block_device_mapping_v2 = this.pick<Val>([{}, 'x', null]);
    if (syntax === 'v1' || syntax === 'mixed') {
      const n = this.w([[1, 0], [4, 1], [3, 2], [1, 3]]);
      const l: Val[] = [];
      for (let i = 0; i < n; i++) l.push(this.legacyItem());
      s.block_device_mapping = l;
    }
    if (this.chance(0.1)) s.min_count = this.pick<Val>([1, 2, '2', 0, 3]);
    if (this.chance(0.1)) s.max_count = this.pick<Val>([1, 2, '3', 1]);
    if (mvMinor >= 37 && !this.chance(0.03)) s.networks = this.w<Val>([[10, 'none'], [1, 'auto']]);
    if (this.chance(0.01)) s.name = ABSENT;
    if (this.chance(0.03)) s[this.pick(['foo', 'bdm'])] = 1;
    return { payload: { server: s }, ctx };
  }

  attach(): { payload: Val; ctx: DiffContext } {
    const ctx = this.context();
    const va: Record<string, Val> = {};
    va.volumeId = this.w<Val>([[20, VOL], [1, VOL.toUpperCase()], [1, VOL.replace(/-/g, '')], [1, `{${VOL}}`], [1, `urn:uuid:${VOL}`], [1, 'abc'], [1, null], [1, 1], [1, ABSENT], [1, '']]);
    va.device = this.w<Val>([[8, ABSENT], [8, '/dev/vdb'], [1, '/dev/sdb1'], [1, 'vdb'], [1, ''], [1, null], [1, '/dev/VDB'], [1, '/dev/xvdb'], [1, '/dev/nvme0n1'], [1, 1], [1, '/dev/vdaa']]);
    if (this.chance(0.25)) va.tag = this.pick<Val>(['t1', '', 'a/b', 'x'.repeat(61), 1, null]);
    if (this.chance(0.25)) va.delete_on_termination = this.pick<Val>([true, false, 'false', 'yes', 1, null, 'no']);
    if (this.chance(0.03)) va[this.pick(['foo', 'serverId', 'id'])] = 'x';
    let body: Record<string, Val> = { volumeAttachment: va };
    if (this.chance(0.03)) body = { volumeAttachment: this.pick<Val>([null, [], 'x']) };
    if (this.chance(0.03)) body.extra = 1;
    return { payload: body, ctx };
  }
}

export function generateCases(seed: number, count: number, prefix = 's'): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    // one generator per case: case i is the same whatever count is
    const g = new Gen((seed * 1000003 + i * 7919) >>> 0);
    const kind = g.chance(0.8) ? 'server' : 'attach';
    const { payload, ctx } = kind === 'server' ? g.server() : g.attach();
    out.push({ id: `${prefix}${seed}-${i}`, kind, payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}
