/**
 * Hunt 39: a differential test against Nova's own code (the nova-oracle) on raw JSON bodies, on
 * shapes hunt 35 (scripts/difftest-hunt35-gen.ts) drew at its microversion edges only or never:
 *
 *   mvspread  any microversion 2.1..2.100 (not only the edges) with every gated key at once: tags on
 *             entries and networks (2.32, gone 2.33..2.41, back at 2.42), volume_type (2.67),
 *             networks auto/none (2.37), hostname (2.90), trusted certificates (2.63)
 *   strtypes  JSON types Nova's schema coerces or refuses: numbers as strings ("1", " 1", "+1",
 *             "0x10", "1_0", "١"), booleans as "True" / "yes" / "1" / "on" on delete_on_termination,
 *             no_device, config_drive; floats; negative and huge sizes; unicode in names and tags
 *   bootmix   duplicate boot indexes across sources (image->local and a volume both 0, two volumes
 *             at 0, an image->volume at 0 beside a local image), gaps, only non-zero indexes,
 *             boot indexes on ephemerals and swaps
 *   flavor    swap / ephemeral entries against the context flavor: several swaps, sizes over the
 *             flavor, the sum of ephemerals over it, entries without a size, with
 *             max_local_block_devices 0..3 counting the local image root
 *   imgbdm    imageRef absent / "" / the same image / another image beside image entries of each
 *             destination, image->local not at boot index 0, image->local without uuid
 *   netcount  networks auto / none / lists with ports and fixed IPs beside min_count / max_count,
 *             counts as strings and floats, min over max, return_reservation_id
 *   attach    volumeAttachment at any microversion: device, tag (2.49), delete_on_termination (2.79)
 *             in odd types, unicode tags, extra keys; and legacy 2.0
 *   multi     two to four faults in one body (entry fields, server keys, swap / ephemeral over the
 *             flavor, networks, counts): which one Nova names first
 *   legacymix legacy block_device_mapping items (volume, snapshot, ephemeralN, swap, no_device with
 *             odd booleans and sizes) alone or beside v2 lists, with and without imageRef
 *   collide   mostly valid bodies whose device names collide (twice the same, the root's, the flavor
 *             disks', partitions), buses and device types per hypervisor, image bus properties
 *
 * The oracle's instance takes its config drive from the context, not from the body: where a case
 * sets config_drive to a string Nova reads as true, the context says so too.
 *
 * Compared as hunt 35 compares (scripts/difftest-hunt25.ts compare25, scripts/difftest-hunt22.ts
 * compareOne): verdict, HTTP status, Nova's words (the first error), layer, blamed entry, driver
 * classes, libvirt names, disk mapping, build errors.
 *
 *   node --import tsx scripts/nova-hunt39-gen.ts [--seed 3901] [--count 400] [--show 2] [--dump FILE] [--only SHAPE,...] [--labels DIR] [--mv 2.N]
 *
 * `--labels DIR` keeps each seed's oracle answers in DIR (labelling is the slow part). Seed 3901 is
 * the hunt's; 3977 is held out. `--mv` sets every case's microversion (the body is still drawn
 * for its own). Closing line: "N passed, N failed".
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Gen, toText, raw, ABSENT, type DiffCase, type DiffContext } from './difftest-gen';
import { runOracle, type OracleVerdict } from './difftest-lib';
import { compareOne } from './difftest-hunt22';
import { compare25 } from './difftest-hunt25';

type Obj = Record<string, unknown>;
type Ctx39 = DiffContext & { libvirt?: Obj };
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const IMG2 = 'b8e2f7a1-3c4d-4e5f-9a6b-7c8d9e0f1a2b';
const VOLS = ['a26887c6-c47b-4654-abb5-dfadf7d3f803', 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b', '5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c6d', '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b'];
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6';
const PORT = '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };

export type Hunt39Shape = 'mvspread' | 'strtypes' | 'bootmix' | 'flavor' | 'imgbdm' | 'netcount' | 'attach' | 'multi' | 'legacymix' | 'collide';
export const HUNT39_SHAPES: Array<[number, Hunt39Shape]> = [[3, 'mvspread'], [3, 'strtypes'], [2, 'bootmix'], [2.5, 'flavor'], [2, 'imgbdm'], [2, 'netcount'], [2, 'attach'], [4, 'multi'], [2, 'legacymix'], [4, 'collide']];

class Gen39 extends Gen {
  private vol = 0;
  v(): string {
    return VOLS[this.vol++ % VOLS.length]!;
  }

  /** a microversion anywhere in 2.1..2.100, now and then the legacy 2.0 */
  mv(): number {
    return this.chance(0.04) ? 0 : 1 + this.int(100);
  }

  ctx(mv: number): Ctx39 {
    const c: Ctx39 = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[6, 20], [1, 0], [1, 2]]), ephemeral_gb: this.w([[3, 0], [2, 1], [2, 4], [1, 10]]), swap_mb: this.w([[3, 0], [2, 512], [1, 2048], [0.5, 1]]) },
      max_local_block_devices: this.w([[3, -1], [1, 0], [1, 1], [1, 2], [3, 3], [1, 4]]),
      zero_disk_flavor_allowed: this.chance(0.4),
    };
    if (this.chance(0.35)) c.cinder_volume_types = [VT];
    if (this.chance(0.25)) {
      const lv: Obj = { virt_type: this.w([[6, 'kvm'], [2, 'qemu'], [0.5, 'parallels']]) };
      if (this.chance(0.3)) lv.image_properties = { hw_disk_bus: this.pick(['scsi', 'ide', 'sata', 'virtio']) };
      c.libvirt = lv;
    }
    return c;
  }

  base(mv: number): Obj {
    const s: Obj = { name: this.w<unknown>([[8, 'h39'], [1, 'сервер-1'], [0.5, '服务器'], [0.1, ' lead'], [0.2, 'x'.repeat(255)]]), flavorRef: this.w<unknown>([[10, '1'], [0.5, 1], [0.3, 'http://nova/flavors/1']]) };
    if (mv >= 37 && this.chance(0.9)) s.networks = this.w<unknown>([[6, 'none'], [2, 'auto'], [1, [{ uuid: NET }]]]);
    return s;
  }

  root(kind: string): Obj {
    if (kind === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: 0 };
    if (kind === 'snap') return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 };
    if (kind === 'imgvol') return { source_type: 'image', destination_type: 'volume', uuid: this.pick([IMG, IMG2]), boot_index: 0, volume_size: this.pick([1, 10, 20]) };
    if (kind === 'blankvol') return { source_type: 'blank', destination_type: 'volume', volume_size: 5, boot_index: 0 };
    return { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
  }

  extra(): Obj {
    const kind = this.w([[3, 'vol'], [2, 'eph'], [2, 'swap'], [1, 'blankvol'], [1, 'snap'], [0.5, 'imgvol']]);
    if (kind === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: this.w<unknown>([[4, -1], [1, 1], [1, ABSENT]]) };
    if (kind === 'eph') return { source_type: 'blank', destination_type: 'local', boot_index: -1, ...(this.chance(0.7) ? { volume_size: this.pick([1, 2, 4]) } : {}) };
    if (kind === 'swap') return { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, ...(this.chance(0.7) ? { volume_size: this.pick([1, 512, 2048]) } : {}) };
    if (kind === 'blankvol') return { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 };
    if (kind === 'snap') return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: -1 };
    return { source_type: 'image', destination_type: 'volume', uuid: IMG2, volume_size: 1, boot_index: -1 };
  }

  list(n: number, root = this.w([[3, 'vol'], [3, 'imglocal'], [2, 'imgvol'], [1, 'snap'], [0.5, 'blankvol'], [1, 'none']])): Obj[] {
    const l: Obj[] = root === 'none' ? [] : [this.root(root)];
    for (let i = 0; i < n; i++) l.push(this.extra());
    return l;
  }

  imageFor(list: Obj[]): unknown {
    const needs = list.some((e) => e.source_type === 'image' && e.destination_type === 'local') || !list.length;
    return this.w<unknown>([[needs ? 8 : 2, IMG], [needs ? 1 : 5, ABSENT], [1, '']]);
  }

  tag(): unknown {
    return this.w<unknown>([[6, 'disk1'], [1, 'données'], [0.5, '磁盘'], [0.5, 'x'.repeat(60)], [0.3, 'x'.repeat(61)], [0.5, 'a/b'], [0.5, 'a,b'], [0.3, ''], [0.3, 1], [0.2, null]]);
  }

  /** number spellings: strings, floats, negative and huge, unicode digits */
  num(typical: number): unknown {
    return this.w<unknown>([[4, typical], [2, String(typical)], [1, ` ${typical}`], [1, `${typical} `], [0.5, `+${typical}`], [0.5, `0${typical}`], [0.5, '0x10'], [0.5, '1_0'], [0.5, '١'], [0.5, '１'], [1, raw(`${typical}.0`)], [0.5, `${typical}.0`], [0.5, raw('0.5')], [1, -typical || -1], [0.5, String(-typical || -1)], [0.5, raw('4294967296')], [0.5, raw('1e20')], [0.3, '1e3'], [0.3, raw('9223372036854775808')], [0.3, 'NaN'], [0.3, true], [0.2, false], [0.2, []], [0.2, {}]]);
  }

  bool(): unknown {
    return this.w<unknown>([[3, true], [2, false], [1, 'True'], [1, 'FALSE'], [1, 'yes'], [1, 'No'], [1, '1'], [1, '0'], [0.5, 'on'], [0.5, 'OFF'], [0.5, 'y'], [0.5, 'n'], [0.3, 't'], [0.3, 'f'], [0.3, ' true'], [0.3, 'truee'], [0.3, 1], [0.3, 0], [0.2, 2], [0.2, raw('1.0')], [0.2, raw('0.0')], [0.2, null], [0.2, '']]);
  }

  // ------------------------------------------------------------------------------------------
  mvspread(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const s = this.base(mv);
    const list = this.list(this.w([[1, 0], [3, 1], [2, 2]]));
    const tagged = this.chance(0.6);
    for (const e of list) {
      if (tagged && this.chance(0.7)) e.tag = this.tag();
      if (this.chance(0.3)) e.volume_type = this.w<unknown>([[4, VT.name], [2, VT.id], [1, 'missing'], [0.5, ''], [0.3, null]]);
    }
    if (list.length) s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    if (this.chance(0.35)) s.networks = this.w<unknown>([[3, 'none'], [3, 'auto'], [1, [{ uuid: NET, tag: this.tag() }]], [1, [{ port: PORT, tag: 'n1' }]], [1, [{ uuid: NET }]]]);
    if (this.chance(0.15)) s.hostname = this.pick<unknown>(['web', 'web-1.example.com', 'Ünïcode']);
    if (this.chance(0.1)) s.trusted_image_certificates = this.pick<unknown>([['c1'], ['c1', 'c1']]);
    if (this.chance(0.1)) s.description = this.pick<unknown>(['d', 'ü', null]);
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  strtypes(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    const s = this.base(mv);
    const list = this.list(this.w([[2, 1], [2, 2], [1, 3]]));
    const k = this.w([[3, 1], [2, 2]]);
    for (let i = 0; i < k; i++) {
      const e = list.length ? this.pick(list) : null;
      const what = this.w([[3, 'volume_size'], [3, 'boot_index'], [2, 'dot'], [1, 'no_device'], [1, 'device_name'], [1, 'config_drive'], [1, 'min_count'], [1, 'uuid'], [1, 'disk_bus']]);
      if (what === 'config_drive') {
        s.config_drive = this.bool();
        // the oracle's instance takes its config drive from the context: keep both in step where Nova reads true
        if (/^(true|1|t|on|y|yes)$/i.test(String(s.config_drive))) ctx.libvirt = { ...(ctx.libvirt ?? {}), config_drive: true };
      }
      else if (what === 'min_count') {
        // (no huge counts: the oracle checks the BDMs once per instance and skips the quota that refuses them first)
        const n = this.num(this.pick([1, 2]));
        s[this.pick(['min_count', 'max_count'])] = typeof n === 'object' && n !== null && !Array.isArray(n) && 'text' in n && /^\d{4,}|e/.test((n as { text: string }).text) ? 2 : n;
      }
      else if (!e) continue;
      else if (what === 'volume_size') e.volume_size = this.num(this.pick([1, 5, 10]));
      else if (what === 'boot_index') e.boot_index = this.num(e.boot_index === 0 ? 0 : 1);
      else if (what === 'dot') e.delete_on_termination = this.bool();
      else if (what === 'no_device') e.no_device = this.bool();
      else if (what === 'device_name') e.device_name = this.pick<unknown>(['/dev/vdé', '/dev/вда', '/dev/vdb\u0000', '/dev/vdb\t', '/dev/vd\u00a0b', '/dev/vdb', 'ｖｄｂ', '/dev/vdb/..']);
      else if (what === 'uuid') e.uuid = this.pick<unknown>([e.uuid === undefined ? VOLS[0] : String(e.uuid).toUpperCase(), `{${String(e.uuid)}}`, `urn:uuid:${String(e.uuid)}`, 12345, String(e.uuid ?? '').replace(/-/g, ''), 'é'.repeat(36)]);
      else e.disk_bus = this.pick<unknown>(['virtio', 'Virtio', 'vírtio', 'scsi ', 1, true]);
    }
    if (list.length) s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx };
  }

  bootmix(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const s = this.base(mv);
    const mode = this.w([[3, 'dup0'], [2, 'nozero'], [2, 'gaps'], [2, 'locals'], [1, 'imgboth']]);
    const list: Obj[] = [];
    if (mode === 'dup0') {
      list.push(this.root(this.pick(['vol', 'imglocal', 'imgvol', 'snap', 'blankvol'])), this.root(this.pick(['vol', 'imglocal', 'imgvol', 'snap', 'blankvol'])));
      if (this.chance(0.3)) list.push(this.extra());
    } else if (mode === 'nozero') {
      for (let n = 1 + this.int(3); n > 0; n--) { const e = this.root(this.pick(['vol', 'imglocal', 'imgvol', 'snap'])); e.boot_index = this.pick<unknown>([1, 2, -1, null, '1']); list.push(e); }
    } else if (mode === 'gaps') {
      list.push(this.root(this.pick(['vol', 'imglocal', 'imgvol'])));
      for (let n = 1 + this.int(3); n > 0; n--) { const e = this.extra(); e.boot_index = this.pick<unknown>([1, 2, 3, 5, 1, '2']); list.push(e); }
    } else if (mode === 'locals') {
      list.push(this.root(this.pick(['vol', 'imglocal'])));
      const e: Obj = { source_type: 'blank', destination_type: 'local', ...(this.chance(0.5) ? { guest_format: 'swap' } : {}), volume_size: 1, boot_index: this.pick<unknown>([0, 1, '1', 2]) };
      list.splice(this.int(2), 0, e);
    } else {
      list.push({ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: this.pick([0, 1, -1]) }, { source_type: 'image', destination_type: 'volume', uuid: this.pick([IMG, IMG2]), volume_size: 2, boot_index: this.pick([0, 1, -1]) });
    }
    if (this.chance(0.2)) list.reverse();
    s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  flavor(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    const fl = ctx.flavor;
    const s = this.base(mv);
    const list = this.list(0, this.w([[3, 'imglocal'], [3, 'vol'], [1, 'imgvol'], [1, 'none']]));
    for (let n = this.w([[1, 0], [3, 1], [2, 2], [1, 3]]); n > 0; n--) {
      const e: Obj = { source_type: 'blank', destination_type: 'local', boot_index: -1 };
      if (this.chance(0.8)) e.volume_size = this.w([[2, 1], [2, Math.max(1, fl.ephemeral_gb)], [2, fl.ephemeral_gb + 1], [1, Math.ceil(fl.ephemeral_gb / 2) || 1], [0.3, 0]]);
      if (this.chance(0.2)) e.guest_format = this.pick(['ext4', 'vfat']);
      list.push(e);
    }
    for (let n = this.w([[2, 0], [3, 1], [1, 2]]); n > 0; n--) {
      const e: Obj = { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1 };
      if (this.chance(0.8)) e.volume_size = this.w([[2, 1], [2, Math.max(1, fl.swap_mb)], [2, fl.swap_mb + 1], [0.3, 0]]);
      list.push(e);
    }
    if (this.chance(0.25)) list.push({ source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: -1 });
    if (this.chance(0.15)) list.push({ device_name: '/dev/vdb', no_device: true });
    if (this.chance(0.2)) list.reverse();
    s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx };
  }

  imgbdm(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const s = this.base(mv);
    const list: Obj[] = [];
    const kind = this.w([[3, 'local0'], [2, 'localn'], [2, 'imgvol'], [1, 'nouuid'], [1, 'imageid'], [2, 'volroot']]);
    if (kind === 'local0') list.push({ source_type: 'image', destination_type: this.pick<unknown>(['local', ABSENT]), uuid: this.pick([IMG, IMG2]), boot_index: 0 });
    else if (kind === 'localn') list.push(this.root('vol'), { source_type: 'image', destination_type: 'local', uuid: this.pick([IMG, IMG2]), boot_index: this.pick<unknown>([1, -1, ABSENT]) });
    else if (kind === 'imgvol') list.push({ source_type: 'image', destination_type: 'volume', uuid: this.pick([IMG, IMG2]), boot_index: this.pick([0, 0, 1]), ...(this.chance(0.7) ? { volume_size: this.pick([1, 20, 21]) } : {}) });
    else if (kind === 'nouuid') list.push({ source_type: 'image', destination_type: this.pick(['local', 'volume']), boot_index: 0, volume_size: 1 });
    else if (kind === 'imageid') list.push({ source_type: 'image', destination_type: 'local', image_id: IMG, boot_index: 0 });
    else list.push(this.root(this.pick(['vol', 'snap', 'blankvol'])));
    if (this.chance(0.4)) list.push(this.extra());
    s.block_device_mapping_v2 = list;
    const img = this.w<unknown>([[3, IMG], [3, ABSENT], [3, ''], [1, IMG2], [0.5, null], [0.5, ' ']]);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  netcount(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const s = this.base(mv);
    const list = this.list(this.w([[2, 0], [1, 1]]), this.w([[3, 'vol'], [2, 'imglocal'], [1, 'none']]));
    if (list.length) s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    s.networks = this.w<unknown>([[3, 'auto'], [3, 'none'], [1, 'AUTO'], [1, [{ port: PORT }]], [1, [{ port: PORT }, { uuid: NET }]], [1, [{ uuid: NET, fixed_ip: '10.0.0.5' }]], [0.5, [{ uuid: NET }, { uuid: NET }]], [0.5, [{ port: PORT }, { port: PORT }]], [0.5, []], [0.3, [{ uuid: 'auto' }]], [0.3, [{ uuid: NET, port: PORT }]]]);
    const c = this.w([[2, 'both'], [1, 'min'], [1, 'max']]);
    if (c !== 'max') s.min_count = this.w<unknown>([[3, 2], [2, 1], [1, 3], [1, '2'], [0.5, raw('2.0')], [0.3, 0], [0.3, -1]]);
    if (c !== 'min') s.max_count = this.w<unknown>([[3, 2], [2, 1], [1, 3], [1, '3'], [0.5, raw('3.0')], [0.3, 0], [0.3, '']]);
    if (this.chance(0.2)) s.return_reservation_id = this.bool();
    if (this.chance(0.1)) s.hostname = 'web';
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  /** a body with two to four faults in different places: which one Nova names first */
  multi(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    const s = this.base(mv);
    const list = this.list(this.w([[1, 1], [2, 2], [2, 3]]));
    s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    for (let n = 2 + this.int(3); n > 0; n--) {
      const e = this.pick(list);
      switch (this.w([[2, 'size'], [2, 'boot'], [1, 'extra'], [1, 'dot'], [1, 'tag'], [1, 'type'], [1, 'dev'], [1, 'srv'], [1, 'swap'], [1, 'eph'], [1, 'nodest'], [1, 'badsrc'], [0.5, 'net'], [0.5, 'count'], [0.5, 'vt']])) {
        case 'size': e.volume_size = this.pick<unknown>([0, -1, 'x', raw('1.5'), '', null]); break;
        case 'boot': e.boot_index = this.pick<unknown>(['x', raw('0.5'), '', true, 0]); break;
        case 'extra': e[this.pick(['zz', 'image_id', 'volume_id', 'connection_info', 'virtual_name', 'instance_uuid'])] = this.pick<unknown>(['x', 1, null]); break;
        case 'dot': e.delete_on_termination = this.pick<unknown>(['maybe', 2, null]); break;
        case 'tag': e.tag = this.pick<unknown>(['a/b', '', 'x'.repeat(61), 5]); break;
        case 'type': e[this.pick(['device_type', 'disk_bus', 'guest_format'])] = this.pick<unknown>(['', 'x'.repeat(256), 5, 'bogus']); break;
        case 'dev': e.device_name = this.pick<unknown>(['', ' ', '/dev/vd b', 'x'.repeat(256), 5]); break;
        case 'srv': s[this.pick(['zz', 'min_count', 'config_drive', 'user_data', 'metadata', 'availability_zone', 'key_name'])] = this.pick<unknown>([0, 'x', {}, [], null, '']); break;
        case 'swap': list.push({ source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, volume_size: ctx.flavor.swap_mb + 1 }); break;
        case 'eph': list.push({ source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: ctx.flavor.ephemeral_gb + 1 }); break;
        case 'nodest': delete e.destination_type; break;
        case 'badsrc': e.source_type = this.pick<unknown>(['vol', 'Volume', '', null]); break;
        case 'net': s.networks = this.pick<unknown>(['auto', 'none', [{ port: PORT }, { port: PORT }], [{}], [{ uuid: 'x' }]]); break;
        case 'count': s.max_count = this.pick<unknown>([2, 0, 'x']); break;
        case 'vt': e.volume_type = this.pick<unknown>(['missing', '', 5]); break;
      }
    }
    return { payload: { server: s }, ctx };
  }

  /**
   * mostly valid bodies whose names and buses collide: two entries with one device_name, a name the
   * flavor's implicit disks would take, the root's name on another entry, partitions, buses and
   * device types the hypervisor may not take, boot indexes on cdroms and luns
   */
  collide(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const ctx = this.ctx(mv);
    if (this.chance(0.5)) ctx.max_local_block_devices = -1;
    const virt = this.w([[5, 'kvm'], [2, 'qemu'], [1, 'parallels'], [0.5, 'lxc']]);
    ctx.libvirt = { ...(ctx.libvirt ?? {}), virt_type: virt };
    const s = this.base(mv);
    const root = this.w([[3, 'vol'], [3, 'imglocal'], [2, 'imgvol'], [1, 'snap'], [1, 'none']]);
    const list: Obj[] = root === 'none' ? [] : [this.root(root)];
    const names = ['/dev/vda', '/dev/vdb', '/dev/vdc', 'vdb', '/dev/sda', '/dev/sdb', '/dev/hda', '/dev/hdb', '/dev/vdb1', '/dev/xvdb', 'sdb', '/dev/vdz', '/dev/fda'];
    for (let n = this.w([[2, 1], [3, 2], [2, 3], [1, 5]]); n > 0; n--) {
      const kind = this.w([[4, 'vol'], [2, 'eph'], [1, 'swap'], [1, 'blankvol'], [1, 'snap']]);
      const e: Obj = kind === 'vol' ? { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: -1 }
        : kind === 'eph' ? { source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: 1 }
          : kind === 'swap' ? { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, volume_size: 1 }
            : kind === 'blankvol' ? { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 }
              : { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: -1 };
      list.push(e);
    }
    for (const e of list) {
      if (this.chance(0.45)) e.device_name = this.pick(names);
      if (this.chance(0.3)) e.disk_bus = this.w([[3, 'virtio'], [2, 'scsi'], [2, 'ide'], [1, 'sata'], [1, 'usb'], [0.5, 'fdc'], [0.3, 'xen'], [0.3, 'uml'], [0.3, 'lxc']]);
      if (this.chance(0.25)) e.device_type = this.w([[2, 'disk'], [2, 'cdrom'], [1, 'floppy'], [1, 'lun']]);
      if (e.boot_index === -1 && this.chance(0.15)) e.boot_index = this.pick([1, 2]);
    }
    // the same name twice, now and then
    if (list.length > 1 && this.chance(0.3)) list[list.length - 1]!.device_name = list[0]!.device_name ?? '/dev/vda';
    if (this.chance(0.15)) list.reverse();
    if (list.length) s.block_device_mapping_v2 = list;
    if (root === 'imglocal' || root === 'none' || this.chance(0.15)) s.imageRef = this.chance(0.9) ? IMG : '';
    if (this.chance(0.2)) {
      const p: Obj = {};
      p[this.pick(['hw_disk_bus', 'hw_cdrom_bus', 'hw_floppy_bus'])] = this.pick(['scsi', 'ide', 'sata', 'virtio', 'usb', 'fdc']);
      if (this.chance(0.3)) p.root_device_name = this.pick(['/dev/sda', '/dev/vda', '/dev/hda', 'vda']);
      ctx.libvirt = { ...ctx.libvirt, image_properties: p };
    }
    return { payload: { server: s }, ctx };
  }

  /** legacy block_device_mapping beside v2 lists and images, at any microversion */
  legacymix(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const s = this.base(mv);
    const items: Obj[] = [];
    for (let n = 1 + this.int(3); n > 0; n--) {
      const dev = this.pick(['/dev/vda', 'vda', '/dev/vdb', 'vdc', '/dev/sdb', '/dev/xvdb']);
      const kind = this.w([[4, 'vol'], [1, 'snap'], [1, 'eph'], [1, 'swap'], [1, 'nodev']]);
      const e: Obj = { device_name: dev };
      if (kind === 'vol') e.volume_id = this.v();
      else if (kind === 'snap') e.snapshot_id = SNAP;
      else if (kind === 'eph') e.virtual_name = this.pick(['ephemeral0', 'ephemeral1']);
      else if (kind === 'swap') e.virtual_name = 'swap';
      else e.no_device = this.bool();
      if (this.chance(0.3)) e.volume_size = this.num(this.pick([1, 10]));
      if (this.chance(0.3)) e.delete_on_termination = this.bool();
      if (this.chance(0.1)) e[this.pick(['tag', 'boot_index', 'zz', 'source_type', 'volume_type'])] = this.pick<unknown>(['x', 0, 1]);
      items.push(e);
    }
    s.block_device_mapping = items;
    if (this.chance(0.3)) s.block_device_mapping_v2 = this.list(this.int(2));
    const img = this.w<unknown>([[3, IMG], [3, ABSENT], [2, '']]);
    if (img !== ABSENT) s.imageRef = img;
    if (this.chance(0.15)) s.max_count = 2;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  attachBody(): { payload: unknown; ctx: Ctx39 } {
    const mv = this.mv();
    const va: Obj = {};
    if (!this.chance(0.03)) va.volumeId = this.w<unknown>([[10, this.v()], [0.5, VOLS[0]!.toUpperCase()], [0.3, `{${VOLS[0]!}}`], [0.3, 12]]);
    if (this.chance(0.6)) va.device = this.w<unknown>([[5, this.pick(['/dev/vdb', 'vdc', '/dev/sdb', '/dev/vdé'])], [1, null], [0.5, ''], [0.5, '/dev/vda'], [0.3, 'auto'], [0.3, 7]]);
    if (this.chance(mv >= 49 ? 0.5 : 0.2)) va.tag = this.tag();
    if (this.chance(mv >= 79 ? 0.6 : 0.2)) va.delete_on_termination = this.bool();
    if (this.chance(0.12)) va[this.pick(['multiattach', 'volume_type', 'boot_index'])] = this.pick<unknown>([true, 'x']);
    return { payload: { volumeAttachment: va }, ctx: this.ctx(mv) };
  }
}

export function generateHunt39Cases(seed: number, count: number, only?: Hunt39Shape[], mv?: string): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen39((seed * 2654435761 + i * 40503 + 39) >>> 0);
    let shape = g.w(HUNT39_SHAPES);
    if (only && !only.includes(shape)) shape = only[i % only.length]!;
    const { payload, ctx } = shape === 'mvspread' ? g.mvspread() : shape === 'strtypes' ? g.strtypes() : shape === 'bootmix' ? g.bootmix() : shape === 'flavor' ? g.flavor() : shape === 'imgbdm' ? g.imgbdm() : shape === 'netcount' ? g.netcount() : shape === 'multi' ? g.multi() : shape === 'legacymix' ? g.legacymix() : shape === 'collide' ? g.collide() : g.attachBody();
    if (mv) ctx.microversion = mv;
    out.push({ id: `h39${shape}-${seed}-${i}`, kind: shape === 'attach' ? 'attach' : 'server', payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}

/** The oracle's answers for `cases`, kept in `dir/<name>.json` when a folder is given. */
export function labelled(cases: DiffCase[], dir: string | null, name: string): Map<string, OracleVerdict> {
  const file = dir ? join(dir, `${name}.json`) : null;
  if (file && existsSync(file)) return new Map(JSON.parse(readFileSync(file, 'utf8')) as Array<[string, OracleVerdict]>);
  const m = runOracle(cases);
  if (file) writeFileSync(file, JSON.stringify([...m]));
  return m;
}

/** compare25 for server bodies, compareOne for attach bodies (an exception is a disagreement) */
export function compare39(c: DiffCase, o: OracleVerdict): { ok: boolean; key: string; detail: string } {
  try {
    return c.kind === 'attach' ? compareOne(c, o as Parameters<typeof compareOne>[1]) : compare25(c, o as Parameters<typeof compare25>[1]);
  } catch (e) {
    return { ok: false, key: `THROW ${(e as Error).message}`, detail: String((e as Error).stack) };
  }
}

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1]! : d;
  };
  const seeds = arg('--seed', '3901').split(',').map(Number);
  const count = Number(arg('--count', '400'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  const dir = arg('--labels', '') || null;
  const onlyArg = arg('--only', '');
  const mvArg = arg('--mv', '');
  const only = onlyArg ? (onlyArg.split(',') as Hunt39Shape[]) : undefined;
  let pass = 0;
  let fail = 0;
  let out = 0;
  const groups = new Map<string, Array<{ c: DiffCase; detail: string; layer: string | null }>>();
  const runs: string[] = [];
  const dumped: unknown[] = [];
  for (const seed of seeds) {
    const cases = generateHunt39Cases(seed, count, only, mvArg || undefined);
    const oracle = labelled(cases, dir, `h39-${seed}-${count}${onlyArg ? `-${onlyArg}` : ''}${mvArg ? `-mv${mvArg}` : ''}`);
    let p = 0;
    let left = 0;
    let accepted = 0;
    for (const c of cases) {
      const o = oracle.get(c.id);
      if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
      const r = compare39(c, o);
      if (r.ok && r.key) { out++; left++; continue; }
      if (o.valid) accepted++;
      if (r.ok) { pass++; p++; continue; }
      fail++;
      const list = groups.get(r.key) ?? [];
      list.push({ c, detail: r.detail, layer: o.layer });
      groups.set(r.key, list);
      if (dump) dumped.push({ ...c, key: r.key, oracle: o });
    }
    runs.push(`seed ${seed}: ${p}/${cases.length - left} agree (${accepted} accepted by Nova${left ? `, ${left} left out` : ''})`);
  }
  for (const [k, list] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n== ${list.length} x ${k}`);
    for (const { c, detail, layer } of list.slice(0, show)) console.log(`  ${c.id} ${JSON.stringify(c.context)}\n  ${c.payloadText.replace(/\s+/g, ' ').slice(0, 900)}\n  ${detail.replace(/\n/g, '\n  ')}\n  oracle layer ${layer}`);
  }
  if (dump) writeFileSync(dump, JSON.stringify(dumped, null, 1));
  for (const l of runs) console.log(l);
  console.log(`${out} left out (oracle stubs / unrecognised bodies)`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}

if (process.argv[1] && /nova-hunt39-gen/.test(process.argv[1])) main();
