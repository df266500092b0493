/**
 * Hunt 44: a differential test against Nova's own code (the nova-oracle) on raw JSON bodies, on axes
 * hunts 35, 38 and 39 drew little or never:
 *
 *   edges     the microversion on both sides of each gate (2.0/2.1, 2.31/2.32/2.33, 2.36/2.37,
 *             2.41/2.42, 2.66/2.67, 2.78/2.79, 2.89/2.90, 2.93..2.101) with several gated keys at
 *             once on a mostly valid body: tag on entries, volume_type, networks auto/none, hostname
 *   guestfmt  guest_format values (ext2 ext3 ext4 xfs vfat ntfs btrfs swap Swap "" null) on blank
 *             locals, blank volumes, volumes and image roots, with sizes against the flavor
 *   manyloc   many local devices (up to eight ephemerals and swaps) against max_local_block_devices
 *             0..4, with and without a local image root and the flavor's own disks
 *   devroot   device_name spellings on the root and on other entries: /dev/sdz, /dev/vdaa, xvda,
 *             hda, names without /dev, partitions, upper case, /dev/ alone, nvme names
 *   legacyv2  the legacy block_device_mapping list beside a v2 list (both lists, empty lists),
 *             legacy root on /dev/vda with imageRef, legacy no_device / virtual_name over v2 names
 *   archbus   device names, buses and device types (cdrom, floppy, lun) on every host arch
 *             (aarch64, ppc64le, s390x, i686) and machine type, with image hw_disk_bus /
 *             hw_cdrom_bus / hw_scsi_model, an ISO root, a config drive and virt_type qemu/kvm/lxc
 *   attach44  volumeAttachment at the gates 2.48/2.49, 2.78/2.79, 2.100/2.101 and 2.0: device
 *             spellings, tags, delete_on_termination, extra keys
 *
 * Compared as hunt 39 compares (scripts/nova-hunt39-gen.ts compare39).
 *
 *   node --import tsx scripts/nova-hunt44-gen.ts [--seed 4401] [--count 300] [--show 2] [--dump FILE] [--only SHAPE,...] [--labels DIR] [--keep FILE]
 *
 * `--keep FILE` writes the first six cases of each shape per seed with the oracle's answer beside
 * each (`oracle`, less its id) for test/fixtures/nova-hunt44/cases.json.
 *
 * Seed 4401 is the hunt's; 4477 is held out. Closing line: "N passed, N failed".
 */
import { writeFileSync } from 'node:fs';
import { Gen, toText, ABSENT, type DiffCase, type DiffContext } from './difftest-gen';
import { compare39, labelled } from './nova-hunt39-gen';

type Obj = Record<string, unknown>;
type Ctx44 = DiffContext & { libvirt?: Obj };
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOLS = ['a26887c6-c47b-4654-abb5-dfadf7d3f803', 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b', '5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c6d', '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b'];
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };
const EDGES = [0, 1, 2, 19, 20, 31, 32, 33, 36, 37, 41, 42, 48, 49, 66, 67, 72, 73, 78, 79, 89, 90, 93, 94, 95, 96, 98, 100, 101];
const NAMES = ['/dev/sdz', '/dev/vdaa', '/dev/vdzz', 'xvda', '/dev/xvdb', 'hda', '/dev/hdd', 'vda', 'sdb', '/dev/VDB', '/dev/', '/dev/vd', '/dev/vda1', '/dev/nvme0n1', 'disk', '/dev/sda', '/dev/vdb', '/dev/vdc', '/dev/ubda', '/dev/fdb', 'dev/vdb', '/dev//vdb', '/dev/sdaa'];

export type Hunt44Shape = 'edges' | 'guestfmt' | 'manyloc' | 'devroot' | 'legacyv2' | 'archbus' | 'attach44';
export const HUNT44_SHAPES: Array<[number, Hunt44Shape]> = [[3, 'edges'], [2.5, 'guestfmt'], [2.5, 'manyloc'], [3, 'devroot'], [2, 'legacyv2'], [4, 'archbus'], [2, 'attach44']];

class Gen44 extends Gen {
  private vol = 0;
  v(): string {
    return VOLS[this.vol++ % VOLS.length]!;
  }

  mv(): number {
    return this.chance(0.7) ? this.pick(EDGES) : 1 + this.int(100);
  }

  ctx(mv: number): Ctx44 {
    const c: Ctx44 = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[6, 20], [1, 0], [1, 1]]), ephemeral_gb: this.w([[3, 0], [2, 1], [2, 5], [1, 20]]), swap_mb: this.w([[3, 0], [2, 512], [1, 1024]]) },
      max_local_block_devices: this.w([[3, -1], [1, 0], [1, 1], [1, 2], [3, 3], [1, 4]]),
      zero_disk_flavor_allowed: this.chance(0.4),
    };
    if (this.chance(0.3)) c.cinder_volume_types = [VT];
    if (this.chance(0.35)) {
      const lv: Obj = { virt_type: this.w([[6, 'kvm'], [2, 'qemu'], [0.5, 'parallels'], [0.5, 'lxc']]) };
      if (this.chance(0.25)) lv.image_properties = { hw_disk_bus: this.pick(['scsi', 'ide', 'sata', 'virtio', 'usb']) };
      if (this.chance(0.2)) lv.config_drive = true;
      c.libvirt = lv;
    }
    return c;
  }

  base(mv: number): Obj {
    const s: Obj = { name: 'h44', flavorRef: '1' };
    if (mv >= 37 && this.chance(0.9)) s.networks = this.pick(['none', 'auto']);
    return s;
  }

  root(kind: string): Obj {
    if (kind === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: 0 };
    if (kind === 'snap') return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 };
    if (kind === 'imgvol') return { source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0, volume_size: this.pick([1, 10, 20]) };
    return { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
  }

  extra(): Obj {
    const kind = this.w([[3, 'vol'], [2, 'eph'], [2, 'swap'], [1, 'blankvol'], [1, 'snap']]);
    if (kind === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: -1 };
    if (kind === 'eph') return { source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: 1 };
    if (kind === 'swap') return { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, volume_size: 512 };
    if (kind === 'blankvol') return { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 };
    return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: -1 };
  }

  finish(s: Obj, list: Obj[]): void {
    if (list.length) s.block_device_mapping_v2 = list;
    const needs = !list.length || list.some((e) => e.source_type === 'image' && e.destination_type === 'local');
    const img = this.w<unknown>([[needs ? 9 : 2, IMG], [needs ? 1 : 6, ABSENT], [0.5, '']]);
    if (img !== ABSENT) s.imageRef = img;
  }

  edges(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.pick(EDGES);
    const s = this.base(mv);
    const list = [this.root(this.pick(['vol', 'imglocal', 'imgvol', 'snap']))];
    for (let n = this.int(3); n > 0; n--) list.push(this.extra());
    for (const e of list) {
      if (this.chance(0.5)) e.tag = this.pick(['root', 'data', 'db-1']);
      if (this.chance(0.3) && e.destination_type === 'volume') e.volume_type = this.pick([VT.name, VT.id]);
    }
    if (this.chance(0.3)) s.networks = this.pick<unknown>(['auto', 'none', [{ uuid: '3cb9bc59-5699-4588-a4b1-b87f96708bc6', tag: 'n' }]]);
    if (this.chance(0.2)) s.hostname = 'web-1';
    if (this.chance(0.15)) s.description = 'd';
    this.finish(s, list);
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  guestfmt(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    const s = this.base(mv);
    const list = [this.root(this.pick(['vol', 'imglocal', 'imglocal', 'imgvol']))];
    for (let n = 1 + this.int(3); n > 0; n--) {
      const kind = this.w([[4, 'eph'], [2, 'blankvol'], [1, 'vol']]);
      const e: Obj = kind === 'eph' ? { source_type: 'blank', destination_type: 'local', boot_index: -1 }
        : kind === 'blankvol' ? { source_type: 'blank', destination_type: 'volume', boot_index: -1, volume_size: 1 }
          : { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: -1 };
      e.guest_format = this.w<unknown>([[3, 'ext4'], [2, 'swap'], [1, 'ext3'], [1, 'ext2'], [1, 'xfs'], [1, 'vfat'], [1, 'ntfs'], [0.5, 'btrfs'], [0.5, 'Swap'], [0.5, 'SWAP'], [0.5, ''], [0.5, null], [0.3, 'swap ']]);
      if (kind === 'eph' && this.chance(0.8)) e.volume_size = e.guest_format === 'swap' ? this.pick([1, 512, ctx.flavor.swap_mb, ctx.flavor.swap_mb + 1]) : this.pick([1, ctx.flavor.ephemeral_gb || 1, ctx.flavor.ephemeral_gb + 1]);
      list.push(e);
    }
    if (this.chance(0.2)) list[0]!.guest_format = this.pick(['ext4', 'swap']);
    this.finish(s, list);
    return { payload: { server: s }, ctx };
  }

  manyloc(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    ctx.max_local_block_devices = this.w([[1, 0], [2, 1], [2, 2], [2, 3], [2, 4], [1, -1]]);
    if (this.chance(0.5)) ctx.flavor.ephemeral_gb = this.pick([4, 8]);
    const s = this.base(mv);
    const list = [this.root(this.pick(['vol', 'imglocal', 'imglocal']))];
    for (let n = this.int(9); n > 0; n--) {
      const swap = this.chance(0.2);
      list.push(swap ? { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, volume_size: 1 } : { source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: 1 });
    }
    if (this.chance(0.3)) list.push({ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: -1 });
    if (this.chance(0.3)) list.push(this.extra());
    if (this.chance(0.2)) list.reverse();
    this.finish(s, list);
    if (this.chance(0.2)) s.max_count = 2;
    return { payload: { server: s }, ctx };
  }

  devroot(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    if (this.chance(0.6)) ctx.max_local_block_devices = -1;
    const s = this.base(mv);
    const list = [this.root(this.pick(['vol', 'imglocal', 'imgvol', 'snap']))];
    for (let n = this.int(4); n > 0; n--) list.push(this.extra());
    for (const e of list) if (this.chance(0.55)) e.device_name = this.pick(NAMES);
    if (this.chance(0.2)) list[0]!.disk_bus = this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb']);
    this.finish(s, list);
    return { payload: { server: s }, ctx };
  }

  legacyv2(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.mv();
    const s = this.base(mv);
    const legacy: Obj[] = [];
    for (let n = this.int(3); n > 0; n--) {
      const dev = this.pick(['/dev/vda', 'vda', '/dev/vdb', 'vdc', '/dev/sda', '/dev/xvdb']);
      const kind = this.w([[4, 'vol'], [1, 'snap'], [1, 'eph'], [1, 'swap'], [1, 'nodev']]);
      const e: Obj = { device_name: dev };
      if (kind === 'vol') e.volume_id = this.v();
      else if (kind === 'snap') e.snapshot_id = SNAP;
      else if (kind === 'eph') e.virtual_name = 'ephemeral0';
      else if (kind === 'swap') e.virtual_name = 'swap';
      else e.no_device = true;
      if (this.chance(0.3)) e.delete_on_termination = this.pick([true, false]);
      if (this.chance(0.2)) e.volume_size = this.pick([1, 10]);
      legacy.push(e);
    }
    s.block_device_mapping = legacy;
    const list: Obj[] = [];
    if (this.chance(0.7)) {
      if (this.chance(0.6)) list.push(this.root(this.pick(['vol', 'imglocal', 'snap'])));
      for (let n = this.int(2); n > 0; n--) list.push(this.extra());
      s.block_device_mapping_v2 = list;
    }
    const img = this.w<unknown>([[4, IMG], [3, ABSENT], [1, '']]);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  archbus(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    ctx.max_local_block_devices = -1;
    const [arch, machines] = this.pick<[string, string[]]>([['x86_64', ['pc', 'q35', 'pc-q35-6.2', 'pc-i440fx-6.2']], ['aarch64', ['virt', 'virt-6.2']], ['ppc64le', ['pseries']], ['s390x', ['s390-ccw-virtio']], ['i686', ['pc', 'q35']]]);
    const lv: Obj = { virt_type: this.w([[5, 'kvm'], [2, 'qemu'], [0.5, 'lxc'], [0.5, 'parallels']]), arch };
    if (this.chance(0.7)) lv.machine_type = this.pick(machines);
    const p: Obj = {};
    if (this.chance(0.4)) p.hw_disk_bus = this.pick(['scsi', 'virtio', 'sata', 'ide', 'usb']);
    if (this.chance(0.35)) p.hw_cdrom_bus = this.pick(['scsi', 'sata', 'ide', 'usb', 'virtio']);
    if (this.chance(0.25)) p.hw_scsi_model = 'virtio-scsi';
    if (this.chance(0.2)) p.disk_format = 'iso';
    if (Object.keys(p).length) lv.image_properties = p;
    if (this.chance(0.25)) lv.config_drive = true;
    ctx.libvirt = lv;
    const s = this.base(mv);
    const list = [this.root(this.pick(['vol', 'imglocal', 'imglocal', 'imgvol']))];
    for (let n = this.int(4); n > 0; n--) list.push(this.extra());
    for (const e of list) {
      if (this.chance(0.3)) e.device_type = this.w([[2, 'cdrom'], [1, 'floppy'], [1, 'lun'], [1, 'disk']]);
      if (this.chance(0.3)) e.disk_bus = this.w([[2, 'virtio'], [2, 'scsi'], [1, 'ide'], [1, 'sata'], [1, 'usb'], [0.5, 'fdc']]);
      if (this.chance(0.25)) e.device_name = this.pick(NAMES);
    }
    this.finish(s, list);
    return { payload: { server: s }, ctx };
  }

  attachBody(): { payload: unknown; ctx: Ctx44 } {
    const mv = this.pick([0, 1, 48, 49, 50, 78, 79, 80, 99, 100, 101]);
    const va: Obj = { volumeId: this.v() };
    if (this.chance(0.7)) va.device = this.w<unknown>([[3, this.pick(NAMES)], [1, null], [0.5, '']]);
    if (this.chance(0.5)) va.tag = this.pick<unknown>(['data', 'x'.repeat(60), 'a b', 'é']);
    if (this.chance(0.5)) va.delete_on_termination = this.pick<unknown>([true, false, 'true', 'False', 0]);
    if (this.chance(0.1)) va.serverId = 'x';
    return { payload: { volumeAttachment: va }, ctx: this.ctx(mv) };
  }
}

export function generateHunt44Cases(seed: number, count: number, only?: Hunt44Shape[]): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen44((seed * 2654435761 + i * 40503 + 44) >>> 0);
    let shape = g.w(HUNT44_SHAPES);
    if (only && !only.includes(shape)) shape = only[i % only.length]!;
    const { payload, ctx } = shape === 'edges' ? g.edges() : shape === 'guestfmt' ? g.guestfmt() : shape === 'manyloc' ? g.manyloc() : shape === 'devroot' ? g.devroot() : shape === 'legacyv2' ? g.legacyv2() : shape === 'archbus' ? g.archbus() : g.attachBody();
    out.push({ id: `h44${shape}-${seed}-${i}`, kind: shape === 'attach44' ? 'attach' : 'server', payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1]! : d;
  };
  const seeds = arg('--seed', '4401').split(',').map(Number);
  const count = Number(arg('--count', '300'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  const dir = arg('--labels', '') || null;
  const onlyArg = arg('--only', '');
  const only = onlyArg ? (onlyArg.split(',') as Hunt44Shape[]) : undefined;
  const keep = arg('--keep', '');
  const kept: unknown[] = [];
  let pass = 0;
  let fail = 0;
  const groups = new Map<string, Array<{ c: DiffCase; detail: string; layer: string | null }>>();
  const dumped: unknown[] = [];
  for (const seed of seeds) {
    const cases = generateHunt44Cases(seed, count, only);
    const oracle = labelled(cases, dir, `h44-${seed}-${count}${onlyArg ? `-${onlyArg}` : ''}`);
    const perShape = new Map<string, number>();
    for (const c of cases) {
      const shape = /^h44([a-z0-9]+)-/.exec(c.id)![1]!;
      const o = oracle.get(c.id);
      if (keep && o && (perShape.get(shape) ?? 0) < 6) {
        perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
        const { id: _id, ...rest } = o;
        kept.push({ ...c, note: `hunt 44 ${shape}, seed ${seed}`, oracle: rest });
      }
    }
    for (const c of cases) {
      const o = oracle.get(c.id);
      if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
      const r = compare39(c, o);
      if (r.ok) { pass++; continue; }
      fail++;
      const list = groups.get(r.key) ?? [];
      list.push({ c, detail: r.detail, layer: o.layer });
      groups.set(r.key, list);
      if (dump) dumped.push({ ...c, key: r.key, oracle: o });
    }
  }
  for (const [k, list] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n== ${list.length} x ${k}`);
    for (const { c, detail, layer } of list.slice(0, show)) console.log(`  ${c.id} ${JSON.stringify(c.context)}\n  ${c.payloadText.replace(/\s+/g, ' ').slice(0, 900)}\n  ${detail.replace(/\n/g, '\n  ')}\n  oracle layer ${layer}`);
  }
  if (dump) writeFileSync(dump, JSON.stringify(dumped, null, 1));
  if (keep) writeFileSync(keep, JSON.stringify(kept, null, 1) + '\n');
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}

if (process.argv[1] && /nova-hunt44-gen/.test(process.argv[1])) main();
