/**
 * Hunt 27: a differential test against Nova's own code (the nova-oracle) aimed at what hunts 22-26
 * wrote least: several of these at ONCE in one body, each drawn from a menu per key and microversion:
 *
 *   mix      the legacy `block_device_mapping` list and `block_device_mapping_v2` together (each empty,
 *            null-ish or filled), v2 keys inside legacy items and legacy keys (volume_id, snapshot_id,
 *            image_id, virtual_name, no_device, connection_info) inside v2 entries, imageRef present,
 *            empty or absent, networks and other top-level keys beside them
 *   bvcount  boot volumes / snapshots / image->volume roots with min_count / max_count (and
 *            return_reservation_id), ports, fixed IPs, hostnames and local disks beside them
 *   keys     each BDM key at the microversions around its gate (2.1 ... 2.101), valid and coercible
 *            values (strings for numbers and booleans, floats for ints, bools for ints)
 *   legctx   legacy lists (mostly well formed) beside imageRef (present, empty, absent) and empty v2 lists, under
 *            contexts that name the image's root device, its disk bus, the virt type, a disk prefix, a config
 *            drive and the flavor's ephemeral and swap disks, so that most reach the device names
 *   pile     many faults in one body (both lists, several odd keys per entry, odd top-level fields): which
 *            error Nova answers first
 *   many     5-40 entries: device names past the 26th letter, each bus's device limit, boot indexes past 9
 *   volmeta  boot volumes and snapshots whose image metadata (the context's image properties) has min_ram /
 *            min_disk in every spelling, roots with and without a volume_size, the oracle's flavor RAM
 *   attach   volumeAttachment bodies at the gates (2.0, 2.1, 2.48/2.49, 2.78/2.79, 2.100/2.101): volumeId
 *            spelled in every uuid form, device, tag and delete_on_termination coerced, extra keys and
 *            extra top-level keys
 *
 * Compared as hunt 25 compares (verdict, status, Nova's words, layer, blamed entry, driver classes,
 * libvirt names, disk mapping, build errors); attach bodies as hunt 22 compares.
 *
 *   node --import tsx scripts/difftest-hunt27.ts [--seed 27,2727] [--mode mix,bvcount,keys,attach,legctx,pile,many,volmeta] [--count N] [--show N] [--dump FILE]
 *
 * Seed 27 is the hunt's seed; 2727 is held out. Closing line: "N passed, N failed".
 */
import { writeFileSync } from 'node:fs';
import { Gen, toText, raw, ABSENT, type DiffCase, type DiffContext } from './difftest-gen';
import { runOracle } from './difftest-lib';
import { compareOne } from './difftest-hunt22';
import { compare25 } from './difftest-hunt25';

type Obj = Record<string, unknown>;
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6';
const PORT = '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };

export type Hunt27Mode = 'mix' | 'bvcount' | 'keys' | 'attach' | 'legctx' | 'pile' | 'many' | 'volmeta';
export const HUNT27_MODES: Hunt27Mode[] = ['mix', 'bvcount', 'keys', 'attach', 'legctx', 'pile', 'many', 'volmeta'];

/** the microversions around each gate a BDM or attach key has */
const GATES = [0, 1, 2, 18, 19, 31, 32, 33, 36, 37, 41, 42, 48, 49, 51, 52, 56, 57, 59, 60, 62, 63, 66, 67, 73, 74, 78, 79, 89, 90, 93, 94, 99, 100, 101, 102, 103, 104];

class Gen27 extends Gen {
  mv(): number {
    return this.chance(0.85) ? this.pick(GATES) : this.int(105);
  }

  ctx(mv: number): DiffContext {
    const c: DiffContext = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[5, 20], [1, 0], [1, 1]]), ephemeral_gb: this.w([[5, 0], [1, 5]]), swap_mb: this.w([[5, 0], [1, 512]]) },
      max_local_block_devices: this.w([[1, -1], [1, 0], [1, 1], [5, 3]]),
      zero_disk_flavor_allowed: this.chance(0.2),
    };
    if (this.chance(0.3)) c.cinder_volume_types = [VT];
    if (this.cfgDrive) (c as DiffContext & { libvirt?: Obj }).libvirt = { config_drive: true };
    return c;
  }

  /** a uuid in one of the forms oslo's uuid check or Nova's schema may take */
  uuidForm(u: string): unknown {
    return this.w<unknown>([
      [10, u], [1, u.toUpperCase()], [1, u.replace(/-/g, '')], [1, `{${u}}`], [1, `urn:uuid:${u}`], [0.5, ` ${u}`], [0.5, `${u} `], [0.5, u.slice(0, 35)], [0.5, u + 'a'],
      [0.5, u.replace(/-/g, '').toUpperCase()], [0.3, u.replace(/a/, 'g')], [0.3, ''], [0.3, null], [0.3, 1], [0.3, [u]], [0.3, { id: u }], [0.3, u.replace(/-/, '')], [0.3, `${u}\n`],
    ]);
  }

  bool(): unknown {
    return this.w<unknown>([[4, true], [3, false], [1, 'True'], [1, 'false'], [1, 'yes'], [1, 'no'], [1, 'on'], [1, 'off'], [1, '1'], [1, '0'], [1, 'y'], [1, 'n'], [1, 't'], [1, 'f'], [1, 1], [1, 0],
      [0.5, 'TRUE'], [0.5, ' true'], [0.5, ''], [0.5, 'x'], [0.5, null], [0.5, raw('1.0')], [0.3, 2], [0.3, []], [0.3, 'Y']]);
  }

  intish(n: number): unknown {
    return this.w<unknown>([[6, n], [1, String(n)], [1, raw(`${n}.0`)], [0.5, ` ${n}`], [0.5, `${n} `], [0.5, `+${n}`], [0.5, `0${n}`], [0.5, raw(`${n}e0`)], [0.3, `${n}.0`], [0.3, n === 1 ? true : n === 0 ? false : n],
      [0.3, null], [0.3, ''], [0.3, 'x'], [0.2, `${n}\n`], [0.2, String.fromCharCode(0x660 + Math.abs(n) % 10)], [0.2, raw(`${n}.5`)]]);
  }

  /** a v2 entry of a common shape, with extra keys drawn per microversion */
  entry27(mv: number, role: 'root' | 'data' | 'local', many = false): Obj {
    const e: Obj = {};
    if (role === 'root') {
      const k = this.w([[4, 'vol'], [2, 'snap'], [3, 'imgvol'], [2, 'imglocal']]);
      if (k === 'vol') Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: VOL });
      if (k === 'snap') Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP });
      if (k === 'imgvol') Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: this.intish(this.pick([1, 10, 20])) });
      if (k === 'imglocal') Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG });
      e.boot_index = this.intish(0);
    } else if (role === 'data') {
      Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: VOL2 });
      if (this.chance(0.6)) e.boot_index = this.w<unknown>([[3, -1], [1, this.intish(1)], [1, null], [0.5, '-1'], [0.3, 'none']]);
    } else {
      Object.assign(e, { source_type: 'blank', destination_type: this.pick(['local', 'local', 'volume']), boot_index: -1, volume_size: this.intish(1) });
      if (this.chance(0.3)) e.guest_format = this.pick<unknown>(['swap', 'ext4', 'ephemeral', '', 'x']);
    }
    // keys of other kinds, their gate around the microversion
    const extra = many ? this.w([[2, 2], [2, 3], [2, 4], [1, 6]]) : this.w([[4, 0], [3, 1], [2, 2], [1, 3]]);
    for (let i = 0; i < extra; i++) {
      switch (this.w([[2, 'tag'], [2, 'volume_type'], [2, 'delete_on_termination'], [2, 'device_name'], [1, 'disk_bus'], [1, 'device_type'], [1, 'guest_format'], [1, 'volume_size'],
        [1, 'no_device'], [1, 'volume_id'], [1, 'snapshot_id'], [1, 'image_id'], [0.5, 'virtual_name'], [0.5, 'connection_info'], [0.5, 'unknown']])) {
        case 'tag': e.tag = this.w<unknown>([[4, 'disk1'], [1, ''], [1, 'a/b'], [1, 'a,b'], [1, 'x'.repeat(60)], [1, 'x'.repeat(61)], [0.5, null], [0.5, 1]]); break;
        case 'volume_type': e.volume_type = this.w<unknown>([[4, VT.name], [1, VT.id], [1, 'nope'], [1, ''], [1, null], [0.5, 'x'.repeat(255)], [0.5, 'x'.repeat(256)], [0.3, 1]]); break;
        case 'delete_on_termination': e.delete_on_termination = this.bool(); break;
        case 'device_name': e.device_name = this.w<unknown>([[3, this.pick(['/dev/vdb', 'vdc', '/dev/vda', 'sdb', 'xvdb', '/dev/hda'])], [1, ''], [1, null], [0.5, 'a b'], [0.5, '/dev/vd b'], [0.5, 'x'.repeat(256)], [0.3, 1], [0.3, '/dev/'], [0.3, 'vdb\n']]); break;
        case 'disk_bus': e.disk_bus = this.w<unknown>([[3, this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb'])], [1, 'xen'], [1, 'bogus'], [1, ''], [0.5, null], [0.5, 1]]); break;
        case 'device_type': e.device_type = this.w<unknown>([[3, this.pick(['disk', 'cdrom', 'lun', 'floppy'])], [1, 'fs'], [1, ''], [0.5, null], [0.5, 1]]); break;
        case 'guest_format': e.guest_format = this.w<unknown>([[3, this.pick(['ext4', 'swap', 'vfat', 'xfs'])], [1, ''], [0.5, null], [0.5, 1]]); break;
        case 'volume_size': e.volume_size = this.w<unknown>([[3, this.intish(this.pick([1, 5, 10, 30]))], [1, this.intish(0)], [1, this.intish(-1)], [0.5, 2147483648], [0.3, raw('1e400')]]); break;
        case 'no_device': e.no_device = this.w<unknown>([[2, true], [1, 'true'], [1, false], [1, ''], [0.5, null], [0.5, 1], [0.5, 'x']]); break;
        case 'volume_id': e.volume_id = this.uuidForm(VOL2); break;
        case 'snapshot_id': e.snapshot_id = this.uuidForm(SNAP); break;
        case 'image_id': e.image_id = this.uuidForm(IMG); break;
        case 'virtual_name': e.virtual_name = this.pick<unknown>(['ephemeral0', 'swap', '', null, 1]); break;
        case 'connection_info': e.connection_info = this.pick<unknown>(['{}', '', null, 'x', 1]); break;
        case 'unknown': e[this.pick(['bootIndex', 'size', 'source', 'Source_type', 'multiattach'])] = this.pick<unknown>([1, 'x', null]); break;
      }
    }
    if (this.chance(0.15) && typeof e.uuid === 'string') e.uuid = this.uuidForm(e.uuid);
    return e;
  }

  legacy27(): Obj {
    const it: Obj = { device_name: this.w<unknown>([[4, this.pick(['/dev/vda', 'vda', '/dev/vdb', 'vdb', 'sdb', '/dev/vdc'])], [0.5, ''], [0.5, null], [0.3, 'x'.repeat(256)], [0.3, 1]]) };
    const kind = this.w([[5, 'volume'], [2, 'snapshot'], [2, 'ephemeral'], [1, 'swap'], [1, 'no_device'], [0.5, 'bare']]);
    if (kind === 'volume') it.volume_id = this.chance(0.8) ? this.pick([VOL, VOL2]) : this.uuidForm(VOL);
    if (kind === 'snapshot') it.snapshot_id = this.chance(0.8) ? SNAP : this.uuidForm(SNAP);
    if (kind === 'ephemeral') it.virtual_name = this.pick<unknown>(['ephemeral0', 'ephemeral1', 'Ephemeral0', 'ephemeral']);
    if (kind === 'swap') it.virtual_name = 'swap';
    if (kind === 'no_device') it.no_device = this.pick<unknown>([true, 'true', false, '', 1]);
    if (this.chance(0.3)) it.volume_size = this.intish(this.pick([1, 10]));
    if (this.chance(0.3)) it.delete_on_termination = this.bool();
    // v2 keys in a legacy item
    if (this.chance(0.15)) it[this.pick(['boot_index', 'source_type', 'destination_type', 'uuid', 'tag', 'volume_type', 'guest_format', 'disk_bus', 'device_type'])] = this.pick<unknown>([0, 'volume', 'local', VOL, 't', 'x', null]);
    if (this.chance(0.05)) delete it.device_name;
    return it;
  }

  networks(mv: number): unknown {
    if (this.chance(0.35)) return mv >= 37 ? this.pick<unknown>(['none', 'auto', 'none', 'auto', 'None']) : ABSENT;
    const out: unknown[] = [];
    for (let n = this.w([[1, 0], [4, 1], [2, 2]]); n > 0; n--) {
      const k = this.w([[4, 'uuid'], [3, 'port'], [1, 'uuid+ip'], [0.5, 'tag']]);
      const it: Obj = {};
      if (k.startsWith('uuid') || k === 'tag') it.uuid = NET;
      if (k === 'port') it.port = PORT;
      if (k === 'uuid+ip') it.fixed_ip = this.pick(['10.0.0.5', 'fe80::1']);
      if (k === 'tag') it.tag = this.pick<unknown>(['nic1', 'a/b', '']);
      out.push(it);
    }
    return out;
  }

  body(mv: number): Obj {
    const s: Obj = { name: this.w<unknown>([[30, 'h27'], [0.5, ''], [0.5, ' h27']]), flavorRef: '1' };
    const nets = this.networks(mv);
    if (nets !== ABSENT) s.networks = nets;
    else if (mv >= 37 && this.chance(0.95)) s.networks = 'none';
    return s;
  }

  mix(): { payload: unknown; ctx: DiffContext } {
    const mv = this.mv();
    const s = this.body(mv);
    const v2Shape = this.w([[4, 'filled'], [2, 'absent'], [1, 'empty'], [0.3, 'null']]);
    const v1Shape = this.w([[4, 'filled'], [2, 'absent'], [1, 'empty'], [0.3, 'null']]);
    if (v2Shape === 'filled') {
      const list: Obj[] = [];
      if (this.chance(0.6)) list.push(this.entry27(mv, 'root'));
      if (this.chance(0.5)) list.push(this.entry27(mv, 'data'));
      if (this.chance(0.3)) list.push(this.entry27(mv, 'local'));
      if (!list.length) list.push(this.entry27(mv, 'data'));
      s.block_device_mapping_v2 = list;
    } else if (v2Shape === 'empty') s.block_device_mapping_v2 = [];
    else if (v2Shape === 'null') s.block_device_mapping_v2 = null;
    if (v1Shape === 'filled') s.block_device_mapping = Array.from({ length: 1 + this.int(3) }, () => this.legacy27());
    else if (v1Shape === 'empty') s.block_device_mapping = [];
    else if (v1Shape === 'null') s.block_device_mapping = null;
    const img = this.w([[4, 'id'], [2, 'absent'], [1, 'empty'], [0.5, 'link'], [0.3, 'odd']]);
    if (img === 'id') s.imageRef = IMG;
    if (img === 'empty') s.imageRef = '';
    if (img === 'link') s.imageRef = `http://glance/images/${IMG}`;
    if (img === 'odd') s.imageRef = this.uuidForm(IMG);
    if (this.chance(0.2)) { s.min_count = this.intish(this.pick([1, 2])); s.max_count = this.intish(this.pick([1, 2, 3])); }
    if (this.chance(0.15)) this.configDrive(s);
    if (this.chance(0.1)) s.availability_zone = this.pick(['nova', 'az2', '']);
    if (this.chance(0.08)) s['OS-DCF:diskConfig'] = this.pick(['AUTO', 'MANUAL']);
    if (this.chance(0.05)) s[this.pick(['block_device_mapping_v3', 'Block_device_mapping', 'bdm'])] = [];
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  /**
   * config_drive in the body. The oracle builds its instance's config drive from the context only
   * (oracle.py: instance.config_drive from libvirt.config_drive), while Nova's compute API keeps the
   * body's value (strutils.bool_from_string, strict) and libvirt adds disk.config for it: a value Nova
   * takes as true is written to the context too, so that both sides judge the same instance.
   */
  configDrive(s: Obj): void {
    const v = this.bool();
    s.config_drive = v;
    const word = typeof v === 'string' ? v.trim().toLowerCase() : typeof v === 'number' ? String(v) : null;
    if (v === true || (word !== null && ['1', 't', 'true', 'on', 'y', 'yes'].includes(word))) this.cfgDrive = true;
  }

  cfgDrive = false;

  bvcount(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([1, 2, 19, 32, 37, 42, 52, 67, 74, 90, 93, 94, 100, 101, 103]);
    const s = this.body(mv);
    const list: Obj[] = [this.entry27(mv, 'root')];
    if (this.chance(0.4)) list.push(this.entry27(mv, 'data'));
    if (this.chance(0.4)) list.push(this.entry27(mv, 'local'));
    if (this.chance(0.1)) list.reverse();
    s.block_device_mapping_v2 = list;
    if (this.chance(0.25)) s.imageRef = this.pick<unknown>([IMG, '']);
    if (this.chance(0.1)) s.block_device_mapping = [this.legacy27()];
    if (this.chance(0.85)) s.min_count = this.w<unknown>([[3, this.intish(1)], [3, this.intish(2)], [1, this.intish(3)], [0.5, this.intish(0)], [0.3, -1]]);
    if (this.chance(0.85)) s.max_count = this.w<unknown>([[3, this.intish(1)], [3, this.intish(2)], [1, this.intish(3)], [0.5, this.intish(0)], [0.3, -1]]);
    if (this.chance(0.25)) s.return_reservation_id = this.bool();
    if (this.chance(0.1)) this.configDrive(s);
    if (this.chance(0.15) && mv >= 90) s.hostname = this.pick(['web', 'web.example.com', 'Web_1']);
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  keys(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick(GATES);
    const s = this.body(mv);
    const list: Obj[] = [];
    if (this.chance(0.8)) list.push(this.entry27(mv, 'root'));
    const n = this.w([[3, 1], [2, 2], [1, 3]]);
    for (let i = 0; i < n; i++) list.push(this.entry27(mv, this.pick(['data', 'local'] as const)));
    // one key of one entry written at its gate, in one of its coercible forms
    const e = list[this.int(list.length)];
    const k = this.pick(['tag', 'volume_type', 'boot_index', 'volume_size', 'delete_on_termination', 'disk_bus', 'device_type', 'guest_format', 'device_name', 'no_device']);
    if (k === 'boot_index') e.boot_index = this.intish(this.pick([0, 1, -1, 2]));
    else if (k === 'volume_size') e.volume_size = this.intish(this.pick([1, 0, 20]));
    else if (k === 'delete_on_termination' || k === 'no_device') e[k] = this.bool();
    else if (k === 'tag') e.tag = this.pick<unknown>(['t', 'x'.repeat(60), true, 0, raw('1.0')]);
    else if (k === 'volume_type') e.volume_type = this.pick<unknown>([VT.name, VT.id.toUpperCase(), true, 0, raw('1.0')]);
    else e[k] = this.pick<unknown>([true, 0, raw('1.0'), 'virtio', 'cdrom']);
    if (!list.some((x) => x.boot_index === 0) || this.chance(0.2)) s.imageRef = IMG;
    s.block_device_mapping_v2 = list;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  /** a context that names the image's root device, buses, the virt type, a disk prefix and a config drive */
  richCtx(mv: number): DiffContext {
    const c = this.ctx(mv) as DiffContext & { libvirt?: Obj };
    c.flavor = { root_gb: this.w([[4, 20], [1, 0], [1, 1]]), ephemeral_gb: this.w([[3, 0], [2, 5], [1, 1]]), swap_mb: this.w([[3, 0], [2, 512], [0.5, 1]]) };
    const lv: Obj = c.libvirt ?? {};
    if (this.chance(0.5)) lv.virt_type = this.pick(['kvm', 'qemu', 'lxc', 'parallels']);
    const p: Obj = {};
    if (this.chance(0.5)) p.root_device_name = this.pick(['/dev/vda', 'vda', '/dev/sda', 'sda', '/dev/vdb', 'vdb', '/dev/hda', '/dev/xvda', 'xvda', '/dev/sdb', '/dev/vdc', '']);
    if (this.chance(0.3)) p.hw_disk_bus = this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb']);
    if (this.chance(0.15)) p.disk_format = this.pick(['iso', 'raw', 'qcow2']);
    if (Object.keys(p).length) lv.image_properties = p;
    if (this.chance(0.1)) lv.disk_prefix = this.pick(['sd', 'vd', 'hd']);
    if (this.chance(0.15)) lv.config_drive = true;
    if (Object.keys(lv).length) c.libvirt = lv;
    return c;
  }

  /** legacy lists (mostly well formed, so most reach the device names) beside imageRef, v2 lists and the flavor's disks */
  legctx(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([0, 1, 1, 2, 19, 32, 37, 42, 52, 67, 79, 90, 100]);
    const s = this.body(mv);
    const items: Obj[] = [];
    const devs = ['/dev/vda', 'vda', '/dev/vdb', 'vdb', '/dev/vdc', 'vdc', '/dev/sda', 'sda', '/dev/sdb', '/dev/hda', 'xvda', '/dev/xvdb', '/dev/vdz'];
    for (let n = 1 + this.int(3); n > 0; n--) {
      const it: Obj = { device_name: this.pick(devs) };
      const kind = this.w([[5, 'volume'], [2, 'snapshot'], [2, 'ephemeral'], [1, 'swap'], [1, 'no_device'], [0.3, 'bare']]);
      if (kind === 'volume') it.volume_id = this.pick([VOL, VOL2]);
      if (kind === 'snapshot') it.snapshot_id = SNAP;
      if (kind === 'ephemeral') it.virtual_name = this.pick(['ephemeral0', 'ephemeral1']);
      if (kind === 'swap') it.virtual_name = 'swap';
      if (kind === 'no_device') it.no_device = this.pick<unknown>([true, 'True', 1]);
      if (this.chance(kind === 'snapshot' ? 0.6 : 0.25)) it.volume_size = this.pick<unknown>([1, 5, 10, 20, '10', 30]);
      if (this.chance(0.3)) it.delete_on_termination = this.pick<unknown>([true, false, 'True', '0']);
      if (this.chance(0.05)) delete it.device_name;
      items.push(it);
    }
    s.block_device_mapping = items;
    const img = this.w([[6, 'id'], [2, 'absent'], [1, 'empty']]);
    if (img === 'id') s.imageRef = IMG;
    if (img === 'empty') s.imageRef = '';
    if (this.chance(0.08)) s.block_device_mapping_v2 = this.pick<unknown>([[], null]);
    if (this.chance(0.1)) { s.min_count = this.pick([1, 2]); s.max_count = this.pick([1, 2]); }
    if (this.chance(0.1)) this.configDrive(s);
    return { payload: { server: s }, ctx: this.richCtx(mv) };
  }

  /** several faults piled up in one body: both lists, many odd keys per entry, odd top-level fields (which error comes first) */
  pile(): { payload: unknown; ctx: DiffContext } {
    const mv = this.mv();
    const s = this.body(mv);
    const list: Obj[] = [];
    for (let n = 1 + this.int(4); n > 0; n--) list.push(this.entry27(mv, this.pick(['root', 'data', 'local'] as const), true));
    if (this.chance(0.85)) s.block_device_mapping_v2 = list;
    if (this.chance(0.35)) s.block_device_mapping = Array.from({ length: 1 + this.int(2) }, () => this.legacy27());
    if (this.chance(0.5)) s.imageRef = this.w<unknown>([[3, IMG], [1, ''], [1, this.uuidForm(IMG)]]);
    const top = this.w([[2, 0], [3, 1], [2, 2], [1, 3]]);
    for (let i = 0; i < top; i++) {
      switch (this.pick(['min_count', 'max_count', 'return_reservation_id', 'config_drive', 'availability_zone', 'key_name', 'description', 'tags', 'host', 'unknown', 'flavorRef', 'user_data', 'metadata'])) {
        case 'min_count': s.min_count = this.intish(this.pick([0, 1, 2])); break;
        case 'max_count': s.max_count = this.intish(this.pick([0, 1, 2])); break;
        case 'return_reservation_id': s.return_reservation_id = this.bool(); break;
        case 'config_drive': this.configDrive(s); break;
        case 'availability_zone': s.availability_zone = this.pick<unknown>(['nova', '', 1, null, 'a:b:c:d']); break;
        case 'key_name': s.key_name = this.pick<unknown>(['k', '', 1, null]); break;
        case 'description': s.description = this.pick<unknown>(['d', null, 1, 'x'.repeat(256)]); break;
        case 'tags': s.tags = this.pick<unknown>([['a'], ['a/b'], 'a', [1]]); break;
        case 'host': s.host = this.pick<unknown>(['h', '', 1]); break;
        case 'unknown': s[this.pick(['zz', 'aa', 'Name', 'imageref'])] = 1; break;
        case 'flavorRef': s.flavorRef = this.pick<unknown>(['', 1, null, 'x']); break;
        case 'user_data': s.user_data = this.pick<unknown>(['aGk=', 'x', 1, null]); break;
        case 'metadata': s.metadata = this.pick<unknown>([{ a: 'b' }, { a: 1 }, [], null]); break;
      }
    }
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  /** many entries (5-40): device names past the 26th letter, per-bus device limits, boot indexes past 9, a fault far down the list */
  many(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([1, 32, 42, 67, 79, 90, 100]);
    const s = this.body(mv);
    const list: Obj[] = [];
    const n = 5 + this.int(36);
    const bus = this.chance(0.5) ? this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb']) : null;
    let boot = 1;
    if (this.chance(0.8)) list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 });
    else s.imageRef = IMG;
    for (let i = 0; i < n; i++) {
      const hex = (i + 16).toString(16).padStart(2, '0');
      const e: Obj = this.chance(0.85)
        ? { source_type: 'volume', destination_type: 'volume', uuid: `5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c${hex}` }
        : { source_type: 'blank', destination_type: 'volume', volume_size: 1 };
      if (this.chance(0.3)) e.boot_index = this.chance(0.9) ? boot++ : this.pick([boot + 1, 1, -1]);
      const b = bus ?? (this.chance(0.2) ? this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb']) : null);
      if (b) e.disk_bus = b;
      if (this.chance(0.15)) e.device_name = this.pick(['/dev/vdz', '/dev/vdaa', 'vdab', '/dev/sdz', '/dev/sdaa', '/dev/hdd', '/dev/vdb']);
      if (this.chance(0.05)) e.device_type = this.pick(['cdrom', 'lun']);
      list.push(e);
    }
    if (this.chance(0.1)) list[list.length - 1 - this.int(3)].boot_index = 'x';
    if (this.chance(0.1)) list.push({ source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1 });
    s.block_device_mapping_v2 = list;
    const c = this.ctx(mv) as DiffContext & { libvirt?: Obj };
    c.max_local_block_devices = this.pick([-1, 3]);
    if (this.chance(0.5)) c.libvirt = { virt_type: this.pick(['kvm', 'qemu']), ...(this.chance(0.3) ? { machine_type: 'q35' } : {}), ...(this.chance(0.3) ? { image_properties: { hw_disk_bus: this.pick(['scsi', 'sata', 'ide']) } } : {}) };
    return { payload: { server: s }, ctx: c };
  }

  /**
   * Boot volumes and snapshots (v2 and legacy, with and without imageRef) whose image metadata
   * (the context's image properties: the oracle's Cinder gives them to every volume) carries
   * min_ram / min_disk in every spelling, roots with and without a volume_size. The flavor is
   * the oracle's (1 vCPU, 512 MiB), written into the context so that bdm-lab knows it too.
   */
  volmeta(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([1, 2, 32, 37, 42, 52, 63, 67, 79, 90, 94, 100]);
    const s = this.body(mv);
    const intText = () => this.w<unknown>([[4, this.pick(['0', '1', '5', '10', '11', '20', '30', '256', '512', '513', '1024'])], [1, ''], [1, 'x'], [1, '1.5'], [1, ' 10 '], [0.5, '+5'], [0.5, '-1'], [0.5, '1_0'], [0.5, '1__0'],
      [0.5, '\u0661\u0660'], [0.3, '0x10'], [0.3, ' '], [0.3, '10\n'], [0.3, '1e1'], [0.3, '99999999999999999999']]);
    if (this.chance(0.3) && mv >= 63) s.trusted_image_certificates = ['c1'];
    const shape = this.w([[4, 'v2'], [2, 'legacy'], [1, 'image']]);
    if (shape === 'v2') {
      const root: Obj = this.pick<Obj>([
        { source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 },
        { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 },
        { source_type: 'volume', uuid: VOL, boot_index: 0 },
        { source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0, volume_size: 10 },
      ]);
      if (this.chance(0.5)) root.volume_size = this.intish(this.pick([1, 5, 10, 20, 30, 0]));
      const list = [root];
      if (this.chance(0.3)) list.push(this.entry27(mv, 'data'));
      if (this.chance(0.2)) list.push({ source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1 });
      s.block_device_mapping_v2 = list;
      if (this.chance(0.15)) s.imageRef = IMG;
    } else if (shape === 'legacy') {
      const it: Obj = { device_name: this.pick(['/dev/vda', 'vda', '/dev/sda', 'vdb']) };
      if (this.chance(0.7)) it.volume_id = VOL; else it.snapshot_id = SNAP;
      if (this.chance(0.5)) it.volume_size = this.pick<unknown>([1, 10, 30, '20']);
      s.block_device_mapping = [it];
      if (this.chance(0.2)) s.imageRef = this.pick(['', IMG]);
    } else s.imageRef = IMG;
    const c = this.ctx(mv) as DiffContext & { libvirt?: Obj; flavor: Obj };
    c.flavor = { ...c.flavor, vcpus: 1, memory_mb: 512 };
    const p: Obj = {};
    if (this.chance(0.7)) p.min_ram = intText();
    if (this.chance(0.7)) p.min_disk = intText();
    if (this.chance(0.2)) p.size = intText();
    if (this.chance(0.15)) p.hw_disk_bus = this.pick(['scsi', 'virtio', 'bogus']);
    if (this.chance(0.1)) p.auto_disk_config = 'disabled';
    if (this.chance(0.1)) s['OS-DCF:diskConfig'] = 'AUTO';
    c.libvirt = { ...(c.libvirt ?? {}), image_properties: p };
    return { payload: { server: s }, ctx: c };
  }

  attach27(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([0, 1, 2, 19, 20, 48, 49, 50, 59, 60, 78, 79, 80, 89, 90, 100, 101, 102, 104]);
    const va: Obj = {};
    if (!this.chance(0.03)) va.volumeId = this.uuidForm(VOL);
    if (this.chance(0.6)) va.device = this.w<unknown>([[5, this.pick(['/dev/vdb', 'vdb', '/dev/sdc', '/dev/xvdb', '/dev/hdb'])], [1, null], [1, ''], [0.5, 'auto'], [0.5, '/dev/vda'], [0.5, '/dev/vdb1'],
      [0.5, 'x'.repeat(255)], [0.5, 'x'.repeat(256)], [0.3, 1], [0.3, true], [0.3, '/dev/vdb\n'], [0.3, '/dev/'], [0.3, 'vd'], [0.3, '/dev/vdzz'], [0.3, '/dev/sda']]);
    if (this.chance(mv >= 49 ? 0.5 : 0.25)) va.tag = this.w<unknown>([[4, 'disk1'], [1, ''], [1, 'a/b'], [1, 'x'.repeat(60)], [1, 'x'.repeat(61)], [0.5, null], [0.5, 1], [0.5, true], [0.3, ' t '], [0.3, 'é']]);
    if (this.chance(mv >= 79 ? 0.6 : 0.25)) va.delete_on_termination = this.bool();
    if (this.chance(0.15)) va[this.pick(['serverId', 'id', 'multiattach', 'volume_type', 'boot_index', 'bdm', 'Tag', 'volumeid'])] = this.pick<unknown>(['x', VOL, 1, null, true]);
    const body: Obj = { volumeAttachment: va };
    if (this.chance(0.08)) body[this.pick(['server', 'extra', 'volume', 'os:scheduler_hints'])] = this.pick<unknown>([{}, 1, null]);
    return { payload: body, ctx: this.ctx(mv) };
  }
}

export function generateHunt27Cases(seed: number, count: number, mode: Hunt27Mode): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen27((seed * 2246822519 + i * 3266489917 + 27) >>> 0);
    const { payload, ctx } = mode === 'mix' ? g.mix() : mode === 'bvcount' ? g.bvcount() : mode === 'keys' ? g.keys() : mode === 'legctx' ? g.legctx() : mode === 'pile' ? g.pile() : mode === 'many' ? g.many() : mode === 'volmeta' ? g.volmeta() : g.attach27();
    out.push({ id: `h27${mode[0]}${seed}-${i}`, kind: mode === 'attach' ? 'attach' : 'server', payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : d;
  };
  const seeds = arg('--seed', '27').split(',').map(Number);
  const modeArg = arg('--mode', 'all');
  const modes = modeArg === 'all' ? HUNT27_MODES : (modeArg.split(',') as Hunt27Mode[]);
  const count = Number(arg('--count', '400'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  let pass = 0;
  let fail = 0;
  let out = 0;
  const groups = new Map<string, Array<{ c: DiffCase; detail: string; layer: string | null }>>();
  const runs: string[] = [];
  const dumped: unknown[] = [];
  for (const seed of seeds) {
    for (const mode of modes) {
      const cases = generateHunt27Cases(seed, count, mode);
      const oracle = runOracle(cases);
      let p = 0;
      let left = 0;
      for (const c of cases) {
        const o = oracle.get(c.id);
        if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
        let r: { ok: boolean; key: string; detail: string };
        try {
          r = c.kind === 'attach' ? compareOne(c, o) : compare25(c, o as Parameters<typeof compare25>[1]);
        } catch (e) {
          r = { ok: false, key: `THROW ${(e as Error).message}`, detail: String((e as Error).stack) };
        }
        if (r.ok && (r.key === 'stub' || r.key === 'unrecognised')) { out++; left++; continue; }
        if (r.ok) { pass++; p++; continue; }
        fail++;
        const list = groups.get(r.key) ?? [];
        list.push({ c, detail: r.detail, layer: o.layer });
        groups.set(r.key, list);
        if (dump) dumped.push({ ...c, key: r.key, oracle: o });
      }
      runs.push(`seed ${seed} ${mode}: ${p}/${cases.length - left} agree${left ? ` (${left} left out)` : ''}`);
    }
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

if (process.argv[1] && /difftest-hunt27/.test(process.argv[1])) main();
