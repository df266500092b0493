/**
 * A third seeded generator for the differential test against Nova (scripts/difftest.mjs
 * `--shape wild`): the odd spellings operators and tools end up sending, over every microversion
 * from 2.0 to 2.101. Numbers written as floats and exponents (`1.0`, `1e0`, `-0.0`, `2147483648.0`),
 * numeric strings with signs, blanks, underscores, trailing newlines and non-ASCII digits,
 * booleans as strings in every case, unicode and astral characters in names and tags, duplicated
 * keys at every level, huge integers, legacy `block_device_mapping` items of every kind, mixed
 * v1/v2 lists (empty and not), min/max_count spellings, and contexts with unusual flavors,
 * local-device limits and several Cinder volume types (names that are another type's id, case
 * variants, an empty list). volumeAttachment bodies get volume ids in every form Python's uuid
 * reads, device names, tags and delete_on_termination at every microversion.
 * Deterministic per (seed, index).
 */
import { Gen, toText, raw, ABSENT, DUP, type DiffCase, type DiffContext } from './difftest-gen';

type Obj = Record<string, unknown>;
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const VT1 = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };
const VT2 = { id: 'b0e1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', name: 'ssd' };
/** a type whose name is another type's id */
const VT3 = { id: 'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f', name: VT2.id };

/** microversions at the edges of what the schemas and the controller change */
const EDGES = [0, 1, 19, 20, 31, 32, 33, 36, 37, 41, 42, 49, 52, 56, 57, 59, 60, 62, 63, 66, 67, 68, 72, 73, 74, 79, 89, 90, 93, 94, 95, 96, 98, 99, 100, 101];

class WildGen extends Gen {
  /** a tame case: each value is spelled plainly but for a rare odd one (the deeper layers get bodies to judge) */
  tame = false;
  sane<T>(plain: () => T, odd: () => T): T {
    return this.tame && !this.chance(0.04) ? plain() : odd();
  }

  mv(): number {
    return this.chance(0.6) ? this.pick(EDGES) : this.int(102);
  }

  wildContext(mv: number): DiffContext {
    const ctx: DiffContext & { libvirt?: Obj } = {
      microversion: `2.${mv}`,
      flavor: {
        root_gb: this.w([[5, 20], [2, 0], [1, 1], [1, 40]]),
        ephemeral_gb: this.w([[4, 0], [2, 1], [2, 5], [1, 10], [1, 2]]),
        swap_mb: this.w([[4, 0], [2, 512], [1, 1], [1, 1024], [1, 4096]]),
      },
      max_local_block_devices: this.w([[1, -1], [1, -5], [1, 0], [2, 1], [2, 2], [5, 3], [1, 5]]),
      zero_disk_flavor_allowed: this.chance(0.2),
    };
    const vt = this.w<Array<{ id: string; name: string }> | undefined>([[5, undefined], [3, [VT1]], [1, []], [2, [VT1, VT2]], [1, [VT2, VT3]], [0.5, [VT1, { id: VT2.id, name: VT1.name.toUpperCase() }]]]);
    if (vt) ctx.cinder_volume_types = vt;
    if (this.chance(0.15)) {
      const p: Obj = {};
      if (this.chance(0.5)) p.hw_disk_bus = this.pick(['virtio', 'scsi', 'sata', 'ide', 'usb']);
      if (this.chance(0.3)) p.root_device_name = this.pick(['/dev/sda', '/dev/vda', 'vdb', '/dev/vdb', 'sda']);
      if (this.chance(0.3)) p.disk_format = this.pick(['iso', 'qcow2', 'raw']);
      ctx.libvirt = { image_properties: p };
      if (this.chance(0.3)) ctx.libvirt.virt_type = this.pick(['kvm', 'qemu', 'lxc', 'parallels']);
    }
    return ctx;
  }

  /** an integer in one of the spellings Nova reads as that integer (or nearly) */
  intSpelled(n: number): unknown {
    return this.sane<unknown>(() => this.pick<unknown>([n, n, n, String(n), raw(`${n}.0`)]), () => this.w<unknown>([
      [8, n], [2, raw(`${n}.0`)], [1, raw(`${n}e0`)], [1, raw(`${n}E0`)], [1, raw(`${n}.00`)], [2, String(n)], [0.5, `0${n}`], [0.5, `${n}\n`],
      [0.5, `+${n}`], [0.5, ` ${n}`], [0.5, `${n} `], [0.3, `${n}_0`], [0.3, `${n}.0`], [0.3, raw(`${n * 10}e-1`)], [0.3, `\u0661${n}`], [0.2, String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
    ]));
  }

  override bootIndex(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>([0, -1, -1, 1, 2, null, ABSENT, '0', '-1', raw('1.0')]), () => this.w<unknown>([
      [4, this.intSpelled(0)], [3, this.intSpelled(-1)], [2, this.intSpelled(1)], [1, this.intSpelled(2)], [1, null], [1, ABSENT],
      [0.3, raw('-0')], [0.3, raw('-0.0')], [0.3, '-0'], [0.3, '-00'], [0.3, raw('1.5')], [0.3, raw('0.5e1')], [0.3, raw('99999999999999999999')], [0.3, '99999999999999999999'],
      [0.3, raw('-99999999999999999999')], [0.2, raw('1e400')], [0.2, true], [0.2, false], [0.2, 'true'], [0.2, []], [0.2, {}], [0.2, ''], [0.2, '0\n\n'], [0.2, '\n0'],
    ]));
  }

  override volumeSize(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>([1, 5, 10, 20, 512, 1024, '10', raw('10.0')]), () => this.w<unknown>([
      [6, this.intSpelled(this.pick([1, 5, 10, 20, 512, 1024]))], [1, this.intSpelled(0)], [1, this.intSpelled(-1)], [0.5, raw('2147483647.0')], [0.5, raw('2147483648.0')], [0.5, raw('2147483648')],
      [0.3, '2147483648'], [0.3, raw('1e10')], [0.3, raw('9007199254740993')], [0.3, '9007199254740993'], [0.3, raw('10.5')], [0.3, '10.5'], [0.3, '1e1'], [0.2, null], [0.2, true], [0.2, ''],
      [0.2, raw('-0.0')], [0.2, raw('1e400')], [0.2, []],
    ]));
  }

  bool(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>([true, false, 'True', 'false', 'yes', '0']), () => this.w<unknown>([
      [4, true], [4, false], [1, 'True'], [1, 'false'], [1, 'YES'], [1, 'no'], [1, 'On'], [1, 'off'], [1, '1'], [1, '0'], [0.5, 'oN'], [0.5, 'yEs'], [0.5, 'y'], [0.5, 't'], [0.5, 'F'],
      [0.5, 1], [0.5, 0], [0.5, null], [0.3, ' true'], [0.3, 'true\n'], [0.3, raw('1.0')], [0.3, 'tRUE'], [0.3, 'NO'], [0.3, 'Off'], [0.3, 'FALSE'], [0.3, 'ON'], [0.3, 'Yes'],
    ]));
  }

  devName(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>(['/dev/vdb', '/dev/vdc', 'vdb', '/dev/sdb', '/dev/vda', 'vda', '/dev/vdd', '/dev/hdb']), () => this.w<unknown>([
      [6, this.pick(['/dev/vdb', '/dev/vdc', 'vdb', 'vdc', '/dev/sdb', 'sdc', '/dev/hdb', '/dev/xvdb'])], [2, this.pick(['/dev/vda', 'vda'])], [0.5, '/dev/vdz'], [0.5, '/dev/vdaa'],
      [0.3, 'vdb\n'], [0.3, '/dev/vdé'], [0.3, '/dev/vd😀'], [0.3, 'a'.repeat(255)], [0.3, 'a'.repeat(256)], [0.3, ''], [0.3, ' vdb'], [0.3, 'vd b'], [0.3, '/dev//vdb'], [0.3, 'dev/vdb'],
      [0.3, '/DEV/VDB'], [0.3, '/dev/sda1'], [0.3, '/dev/nvme0n1'], [0.3, 'vdb@'], [0.2, null], [0.2, 7], [0.2, '/dev/disk/by-id/x'], [0.2, '..'], [0.2, '/'],
    ]));
  }

  tag(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>(['disk1', 'root', 'db-1']), () => this.w<unknown>([
      [6, this.pick(['disk1', 'root', 'db-1', 'x y'])], [0.5, 'x'.repeat(60)], [0.5, 'x'.repeat(61)], [0.5, '😀'.repeat(60)], [0.5, '😀'.repeat(31)], [0.3, 'é'.repeat(60)], [0.3, ''], [0.3, 'a,b'],
      [0.3, 'a/b'], [0.3, 'tag\n'], [0.3, '\u0000'], [0.3, ' '], [0.3, '\t'], [0.2, null], [0.2, 1], [0.2, ['a']], [0.2, 'e\u0301'],
    ]));
  }

  volumeType(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>([VT1.name, VT1.id, VT2.name, VT2.id, VT3.id, 'nope', '', null]), () => this.w<unknown>([
      [4, VT1.name], [2, VT1.id], [1, VT2.name], [1, VT2.id], [1, VT3.id], [1, 'nope'], [1, VT1.name.toUpperCase()], [0.5, VT1.id.toUpperCase()], [0.5, ''], [0.5, null], [0.3, 'x'.repeat(255)],
      [0.3, 'x'.repeat(256)], [0.3, '😀'.repeat(255)], [0.3, ' lvmdriver-1'], [0.3, 'lvmdriver-1\n'], [0.2, 1], [0.2, false], [0.2, 0],
    ]));
  }

  /** a v2 entry: a common shape, with some fields spelled oddly */
  entry(mv: number, first: boolean, imageRef: boolean): Obj {
    const shape = first
      ? this.w([[4, 'image-local'], [5, 'volume'], [4, 'image-volume'], [2, 'snapshot'], [1, 'blank-volume'], [0.3, 'ephemeral']])
      : this.w([[1, 'image-local'], [4, 'volume'], [3, 'image-volume'], [2, 'snapshot'], [3, 'blank-volume'], [4, 'ephemeral'], [3, 'swap'], [1, 'no-device'], [1, 'volume-local'], [0.5, 'no-dest'], [0.3, 'no-source']]);
    const e: Obj = {};
    switch (shape) {
      case 'image-local': Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: this.chance(0.9) ? IMG : VOL, boot_index: first ? this.bootIndex() : this.w<unknown>([[3, this.bootIndex()], [1, 0]]) }); break;
      case 'volume': Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.chance(0.8) ? VOL : VOL2, boot_index: first ? this.w<unknown>([[6, 0], [1, this.bootIndex()]]) : this.bootIndex() }); break;
      case 'image-volume': Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: this.volumeSize(), boot_index: first ? this.w<unknown>([[6, 0], [1, this.bootIndex()]]) : this.bootIndex() }); break;
      case 'snapshot': Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: first ? 0 : this.bootIndex() }); if (this.chance(0.3)) e.volume_size = this.volumeSize(); break;
      case 'blank-volume': Object.assign(e, { source_type: 'blank', destination_type: 'volume', volume_size: this.volumeSize(), boot_index: first ? 0 : this.bootIndex() }); break;
      case 'ephemeral': Object.assign(e, { source_type: 'blank', destination_type: 'local', boot_index: this.w<unknown>([[5, -1], [1, this.bootIndex()]]) }); if (this.chance(0.7)) e.volume_size = this.volumeSize(); if (this.chance(0.3)) e.guest_format = this.pick(['ext4', 'vfat', 'SWAP', 'swap ', '', null]); break;
      case 'swap': Object.assign(e, { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: this.w<unknown>([[5, -1], [1, ABSENT]]) }); if (this.chance(0.7)) e.volume_size = this.volumeSize(); break;
      case 'no-device': Object.assign(e, { device_name: this.devName(), no_device: this.w<unknown>([[3, true], [1, 'x'], [1, 1], [1, raw('1.0')], [1, raw('0.0')], [1, []], [1, [0]], [1, {}], [1, { a: 1 }], [1, 'false'], [1, false], [1, ''], [1, null]]) }); if (this.chance(0.4)) Object.assign(e, { source_type: 'volume', uuid: VOL }); break;
      case 'volume-local': Object.assign(e, { source_type: this.pick(['volume', 'snapshot']), destination_type: 'local', uuid: VOL, boot_index: this.bootIndex() }); break;
      case 'no-dest': Object.assign(e, { source_type: this.pick(['volume', 'image', 'blank', 'snapshot']), boot_index: this.bootIndex() }); if (e.source_type !== 'blank') e.uuid = e.source_type === 'image' ? IMG : VOL; break;
      case 'no-source': Object.assign(e, { destination_type: this.pick(['volume', 'local']), boot_index: this.bootIndex() }); if (this.chance(0.5)) e.uuid = VOL; break;
    }
    void imageRef;
    // extras operators add, spelled as they come
    if (this.chance(0.2)) e.device_name = this.devName();
    if (this.chance(0.12)) e.disk_bus = this.pick<unknown>(['virtio', 'scsi', 'sata', 'ide', 'usb', 'fdc', 'xen', 'lxc', 'uml', 'Virtio', 'nvme', '', null, 'virtio ']);
    if (this.chance(0.1)) e.device_type = this.pick<unknown>(['disk', 'cdrom', 'lun', 'floppy', 'fs', 'Disk', '', null, 'cd-rom']);
    if (this.chance(0.2)) e.delete_on_termination = this.bool();
    if (this.chance(mv === 32 || mv >= 42 ? 0.25 : 0.04)) e.tag = this.tag();
    if (this.chance(mv >= 67 ? 0.25 : 0.03)) e.volume_type = this.volumeType();
    if (this.chance(0.05)) e.guest_format = this.pick<unknown>(['swap', 'ext3', 'x'.repeat(256), 1]);
    if (this.chance(0.04)) e[this.pick(['volume_id', 'snapshot_id', 'image_id'])] = this.pick<unknown>([VOL, VOL.toUpperCase(), VOL.replace(/-/g, ''), `{${VOL}}`, `urn:uuid:${VOL}`, 'x', null]);
    if (this.chance(0.03)) e.connection_info = this.pick<unknown>(['{}', '', 'x'.repeat(300), null, 1]);
    if (this.chance(0.02)) e.virtual_name = this.pick(['swap', 'ephemeral0']);
    if (!this.tame && this.chance(0.04)) {
      const keys = Object.keys(e);
      const k = this.pick(keys);
      const alt: Obj = { source_type: this.pick(['volume', 'blank', 'image']), destination_type: this.pick(['volume', 'local']), uuid: this.pick([VOL, IMG, '']), boot_index: this.bootIndex(), volume_size: this.volumeSize() };
      e[k + DUP] = k in alt ? alt[k] : this.pick<unknown>([null, 0, '']);
    }
    if (!this.tame && this.chance(0.03)) e[this.pick(['Source_type', 'source_type ', 'bootindex', 'é', '😀', '1', '__proto__'])] = this.pick<unknown>(['volume', 0, null]);
    if (!this.tame && this.chance(0.03)) e.uuid = this.pick<unknown>([VOL.toUpperCase(), VOL.replace(/-/g, ''), 'a'.repeat(255), 'a'.repeat(256), 'vol.1_x-y', `${VOL}\n`, 'ü', '']);
    return e;
  }

  override legacyItem(): Obj {
    const k = this.w([[4, 'volume'], [2, 'snapshot'], [1, 'swap'], [1, 'ephemeral'], [1, 'no_device'], [0.5, 'nothing'], [0.5, 'both']]);
    const e: Obj = {};
    if (this.chance(0.9)) e.device_name = this.w<unknown>([[3, 'vda'], [3, '/dev/vda'], [3, this.devName()], [1, '/dev/sda'], [0.5, 'sda']]);
    if (k === 'volume' || k === 'both') e.volume_id = this.w<unknown>([[8, VOL], [1, VOL.toUpperCase()], [1, `urn:uuid:${VOL}`], [0.5, 'vol'], [0.5, null], [0.5, '']]);
    if (k === 'snapshot' || k === 'both') e.snapshot_id = this.w<unknown>([[8, SNAP], [1, SNAP.replace(/-/g, '')], [0.5, null]]);
    if (k === 'swap') e.virtual_name = this.pick(['swap', 'Swap', 'swap0', 'swap ']);
    if (k === 'ephemeral') e.virtual_name = this.pick(['ephemeral0', 'ephemeral1', 'ephemeral', 'ephemeralX', 'ephemeral00', 'ephemeral10', 'Ephemeral0']);
    if (k === 'no_device') e.no_device = this.pick<unknown>([true, 'x', 1, false, '', null, {}, [1]]);
    if (this.chance(0.35)) e.volume_size = this.volumeSize();
    if (this.chance(0.35)) e.delete_on_termination = this.bool();
    if (this.chance(0.05)) e.connection_info = this.pick<unknown>(['{}', 'x'.repeat(300)]);
    if (this.chance(0.05)) e[this.pick(['source_type', 'boot_index', 'tag', 'uuid'])] = this.pick<unknown>(['volume', 0, VOL]);
    return e;
  }

  wildServer(): { payload: unknown; ctx: DiffContext } {
    const mv = this.mv();
    const ctx = this.wildContext(mv);
    const s: Obj = { name: this.tame ? 'wild' : this.w<unknown>([[20, 'wild'], [1, 'é😀'], [0.5, ' x'], [0.5, 'x\n'], [0.3, ''], [0.3, 1]]), flavorRef: this.tame ? '1' : this.w<unknown>([[10, '1'], [1, 1], [0.3, ''], [0.3, null]]) };
    const syntax = this.w([[12, 'v2'], [3, 'v1'], [1, 'mixed'], [1, 'v1-empty+v2'], [1, 'v2-empty+v1'], [0.5, 'both-empty'], [0.5, 'none']]);
    const v2: Obj[] = [];
    if (syntax === 'v2' || syntax === 'mixed' || syntax === 'v1-empty+v2') {
      const n = this.w([[2, 1], [4, 2], [3, 3], [1, 4], [0.5, 6]]);
      for (let i = 0; i < n; i++) v2.push(this.entry(mv, i === 0, true));
      if (this.chance(0.1)) v2.reverse();
    }
    const imageRoot = v2.some((x) => x.source_type === 'image' && x.destination_type === 'local');
    s.imageRef = this.tame ? this.w<unknown>([[imageRoot || syntax.startsWith('v1') || syntax === 'none' ? 8 : 1, IMG], [2, ABSENT], [1, '']]) : this.w<unknown>([[imageRoot || syntax.startsWith('v1') || syntax === 'none' ? 8 : 1, IMG], [2, ABSENT], [1, ''], [0.3, IMG.toUpperCase()], [0.3, `{${IMG}}`], [0.3, `urn:uuid:${IMG}`], [0.2, IMG.replace(/-/g, '')], [0.2, null], [0.2, `${IMG}\n`], [0.1, 1]]);
    if (syntax === 'v2' || syntax === 'mixed' || syntax === 'v1-empty+v2') s.block_device_mapping_v2 = v2;
    if (syntax === 'v2-empty+v1' || syntax === 'both-empty') s.block_device_mapping_v2 = [];
    if (syntax === 'v1' || syntax === 'mixed' || syntax === 'v2-empty+v1') {
      const n = this.w([[1, 0], [4, 1], [3, 2], [1, 3]]);
      s.block_device_mapping = Array.from({ length: n }, () => this.legacyItem());
    }
    if (syntax === 'v1-empty+v2' || syntax === 'both-empty') s.block_device_mapping = [];
    if (this.chance(0.12)) s.min_count = this.w<unknown>([[3, this.intSpelled(this.pick([1, 2, 3]))], [1, this.intSpelled(0)], [0.3, raw('1.5')], [0.3, '']]);
    if (this.chance(0.12)) s.max_count = this.w<unknown>([[3, this.intSpelled(this.pick([1, 2, 3]))], [1, this.intSpelled(0)], [0.3, raw('2.5')], [0.3, null]]);
    if (mv >= 37 ? !this.chance(0.03) : this.chance(0.1)) s.networks = this.w<unknown>([[10, 'none'], [1, 'auto'], [0.3, 'None'], [0.3, []]]);
    if (!this.tame && this.chance(0.05)) s[this.pick(['block_device_mapping_v2', 'imageRef', 'flavorRef', 'name']) + DUP] = this.pick<unknown>([[], IMG, '1', 'dup', null]);
    if (!this.tame && this.chance(0.03)) s[this.pick(['foo', 'bdm', 'Block_device_mapping_v2', 'block_device_mapping_v3'])] = this.pick<unknown>([1, [], null]);
    if (this.chance(0.05)) s.config_drive = this.bool();
    if (this.chance(0.04)) s.availability_zone = this.pick(['nova', 'az1', '']);
    let body: Obj = { server: s };
    if (!this.tame && this.chance(0.02)) body = { server: s, [this.pick(['os:scheduler_hints', 'OS-SCH-HNT:scheduler_hints', 'extra'])]: {} };
    return { payload: body, ctx };
  }

  /** the spellings of a volume id Python's uuid module reads (and some it does not) */
  volumeId(): unknown {
    return this.sane<unknown>(() => this.pick<unknown>([VOL, VOL2, VOL.toUpperCase(), `urn:uuid:${VOL}`]), () => this.w<unknown>([
      [20, VOL], [1, VOL.toUpperCase()], [1, VOL.replace(/-/g, '')], [1, `{${VOL}}`], [1, `urn:uuid:${VOL}`], [0.5, `uuid:${VOL}`], [0.5, `{{${VOL}}}`], [0.5, `urn:${VOL}`],
      [0.5, VOL.replace(/-/g, '').replace(/(.{4})/g, '$1-').slice(0, -1)], [0.5, `${VOL}-`], [0.5, `-${VOL}`], [0.5, `${VOL}\n`], [0.5, ` ${VOL}`], [0.5, `${VOL}0`], [0.5, VOL.slice(1)],
      [0.3, `{${VOL}`], [0.3, `urn:uuid:{${VOL}}`], [0.3, `URN:UUID:${VOL}`], [0.3, VOL.replace('a', 'g')], [0.3, VOL.replace('a', 'ａ')], [0.3, ''], [0.3, null], [0.3, 1], [0.2, ABSENT],
    ]));
  }

  wildAttach(): { payload: unknown; ctx: DiffContext } {
    const mv = this.mv();
    const ctx = this.wildContext(mv);
    const va: Obj = { volumeId: this.volumeId() };
    if (this.chance(0.6)) va.device = this.devName();
    if (this.chance(mv >= 49 ? 0.5 : 0.12)) va.tag = this.tag();
    if (this.chance(mv >= 79 ? 0.5 : 0.12)) va.delete_on_termination = this.bool();
    if (!this.tame && this.chance(0.05)) va[this.pick(['volumeId', 'device', 'tag']) + DUP] = this.pick<unknown>([VOL, '/dev/vdc', 'x', null]);
    if (!this.tame && this.chance(0.04)) va[this.pick(['id', 'serverId', 'volume_id', 'Device', 'é'])] = this.pick<unknown>([VOL, 'x']);
    let body: Obj = { volumeAttachment: va };
    if (!this.tame && this.chance(0.03)) body = { volumeAttachment: va, [this.pick(['extra', 'volumeAttachment_'])]: 1 };
    if (!this.tame && this.chance(0.02)) body = { ['volumeAttachment' + DUP]: va, volumeAttachment: this.pick<unknown>([{}, null]) };
    return { payload: body, ctx };
  }
}

export function generateWildCases(seed: number, count: number, prefix = 'w'): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new WildGen((seed * 1000003 + i * 7919 + 29) >>> 0);
    g.tame = g.chance(0.5);
    const kind = g.chance(0.75) ? 'server' : 'attach';
    const { payload, ctx } = kind === 'server' ? g.wildServer() : g.wildAttach();
    out.push({ id: `${prefix}${seed}-${i}`, kind, payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}
