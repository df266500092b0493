/**
 * Hunt 35: a differential test against Nova's own code (the nova-oracle) on what earlier generators
 * drew lightly. Every case picks one shape:
 *
 *   mv        the microversion edges (2.0 2.1 2.19 2.32 2.33 2.37 2.42 2.52 2.57 2.63 2.67 2.74 2.90
 *             2.94 2.95 2.96 and past them) with the keys they gate: tag, volume_type, networks
 *             auto/none, hostname, host, trusted certs, personality, user_data
 *   legacy    legacy block_device_mapping items alone, beside imageRef, mixed with v2 lists
 *   imgref    imageRef absent / empty / a link / odd strings with every kind of BDM set
 *   boot      boot_index as strings, floats, negatives, null, duplicates and gaps
 *   fields    volume_size / device_name / disk_bus / device_type / guest_format odd values; swap
 *             and ephemeral entries counted against the flavor and max_local_block_devices
 *   top       delete_on_termination strings, no_device, min/max_count with volumes, networks with
 *             BDMs, config_drive, user_data, availability_zone with volumes
 *   attach    volumeAttachment bodies around 2.49 / 2.79 (device, tag, delete_on_termination,
 *             multiattach-ish extra keys)
 *   odd       JSON oddities: duplicate keys, unicode escapes, big numbers, 1e3 against 1000, -0
 *
 * Contexts vary: flavors with and without ephemeral/swap, max_local_block_devices, libvirt virt
 * type, arch and machine type, disk prefix, image properties, config drive, volume types.
 *
 * Compared as hunt 25 compares (verdict, HTTP status, Nova's words, layer, blamed entry, driver
 * classes, libvirt names, root, boot order, disk mapping, build errors); attach bodies as hunt 22.
 *
 *   node --import tsx scripts/difftest-hunt35-gen.ts [--seed 3501,3502] [--count 500] [--show 2] [--dump FILE] [--only SHAPE,...]
 *
 * Seeds 3501 and 3502 are the hunt's; 3577 is held out. Closing line: "N passed, N failed".
 */
import { writeFileSync } from 'node:fs';
import { Gen, toText, raw, ABSENT, DUP, type DiffCase, type DiffContext } from './difftest-gen';
import { runOracle } from './difftest-lib';
import { compareOne } from './difftest-hunt22';
import { compare25 } from './difftest-hunt25';

type Obj = Record<string, unknown>;
type Ctx35 = DiffContext & { libvirt?: Obj };
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const IMG2 = 'b8e2f7a1-3c4d-4e5f-9a6b-7c8d9e0f1a2b';
const VOLS = ['a26887c6-c47b-4654-abb5-dfadf7d3f803', 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b', '5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c6d', '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b'];
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6';
const PORT = '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };

export type Hunt35Shape = 'mv' | 'legacy' | 'imgref' | 'boot' | 'fields' | 'top' | 'attach' | 'odd' | 'names';
export const HUNT35_SHAPES: Array<[number, Hunt35Shape]> = [[3, 'mv'], [2, 'legacy'], [2, 'imgref'], [2, 'boot'], [3, 'fields'], [2, 'top'], [2, 'attach'], [1.5, 'odd'], [3, 'names']];
const EDGES = [0, 1, 19, 20, 32, 33, 37, 42, 49, 52, 57, 60, 63, 67, 68, 74, 79, 89, 90, 94, 95, 96, 100, 101, 104];

class Gen35 extends Gen {
  private vol = 0;
  mv = 1;
  v(): string {
    return VOLS[this.vol++ % VOLS.length]!;
  }

  ctx35(mv: number): Ctx35 {
    const eph = this.w([[4, 0], [2, 1], [2, 5], [1, 10]]);
    const swap = this.w([[4, 0], [2, 512], [1, 1024], [0.5, 1]]);
    const c: Ctx35 = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[6, 20], [1, 0], [1, 1]]), ephemeral_gb: eph, swap_mb: swap },
      max_local_block_devices: this.w([[2, -1], [1, 0], [1, 1], [1, 2], [4, 3], [1, 5]]),
      zero_disk_flavor_allowed: this.chance(0.4),
    };
    if (this.chance(0.3)) c.cinder_volume_types = [VT];
    const lv: Obj = {};
    const virt = this.w([[6, 'kvm'], [2, 'qemu'], [0.4, 'lxc'], [0.4, 'parallels']]);
    if (this.chance(0.5)) lv.virt_type = virt;
    if (this.chance(0.3)) {
      const [arch, ms] = this.pick<[string, string[]]>([['x86_64', ['pc', 'q35']], ['aarch64', ['virt']], ['ppc64le', ['pseries']], ['s390x', ['s390-ccw-virtio']]]);
      lv.arch = arch;
      if (this.chance(0.7)) lv.machine_type = this.pick(ms);
    }
    const p: Obj = {};
    if (this.chance(0.25)) p.hw_disk_bus = this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb']);
    if (this.chance(0.2)) p.hw_cdrom_bus = this.pick(['ide', 'sata', 'scsi', 'virtio']);
    if (this.chance(0.12)) p.disk_format = this.pick(['iso', 'raw', 'qcow2']);
    if (this.chance(0.08)) p.root_device_name = this.pick(['/dev/vda', '/dev/sda', '/dev/hda', 'vdb']);
    if (Object.keys(p).length) lv.image_properties = p;
    if (this.chance(0.1)) lv.disk_prefix = this.pick(['sd', 'vd', 'hd']);
    if (Object.keys(lv).length) c.libvirt = lv;
    return c;
  }

  base(mv: number): Obj {
    const s: Obj = { name: 'h35', flavorRef: '1' };
    if (mv >= 37 && this.chance(0.9)) s.networks = this.w<unknown>([[6, 'none'], [2, 'auto'], [1, [{ uuid: NET }]]]);
    return s;
  }

  bootIdx(): unknown {
    return this.w<unknown>([[6, -1], [3, 1], [2, 2], [1, 3], [1, '1'], [1, '-1'], [1, ' 2'], [1, raw('1.0')], [0.5, raw('2.5')], [0.5, raw('-1.0')], [1, null], [0.5, -2], [0.5, '-0'], [0.5, raw('-0')], [0.3, raw('1e0')], [0.3, '1.0'], [0.3, 'x'], [0.3, true], [0.3, ''], [0.3, 0], [0.3, '0']]);
  }

  size(): unknown {
    return this.w<unknown>([[5, 1], [3, 10], [2, 20], [1, '5'], [1, raw('10.0')], [0.5, raw('1e1')], [0.5, raw('1E1')], [0.5, raw('1000')], [0.5, raw('1e3')], [0.5, 0], [0.5, -1], [0.5, raw('-0')], [0.3, '0'], [0.3, ''], [0.3, null], [0.3, ' 3 '], [0.3, raw('2147483648')], [0.3, raw('99999999999999999999999')], [0.2, raw('1.5')], [0.2, '1.5']]);
  }

  devName(): unknown {
    return this.w<unknown>([[5, `/dev/vd${this.pick(['b', 'c', 'd'])}`], [2, `vd${this.pick(['b', 'c'])}`], [1, '/dev/sdb'], [1, '/dev/hdb'], [1, '/dev/xvdb'], [1, '/dev/vda'], [0.5, 'vda'], [0.5, ''], [0.5, ' '], [0.5, '/dev/vd b'], [0.3, null], [0.3, '/dev/'], [0.3, 'x'.repeat(255)], [0.3, 'x'.repeat(256)], [0.3, '/dev/vdaa'], [0.3, '/dev/vd1'], [0.3, 1]]);
  }

  bus(): unknown {
    return this.w<unknown>([[4, 'virtio'], [2, 'scsi'], [2, 'ide'], [1, 'sata'], [1, 'usb'], [0.5, 'fdc'], [0.5, 'xen'], [0.5, 'lxc'], [0.5, 'VIRTIO'], [0.3, ''], [0.3, 'nvme'], [0.3, null], [0.3, 'x'.repeat(256)]]);
  }

  devType(): unknown {
    return this.w<unknown>([[4, 'disk'], [2, 'cdrom'], [1, 'floppy'], [1, 'lun'], [0.5, 'fs'], [0.5, 'DISK'], [0.3, ''], [0.3, null], [0.3, 'x'.repeat(256)]]);
  }

  guestFormat(): unknown {
    return this.w<unknown>([[3, 'swap'], [2, 'ext4'], [1, 'vfat'], [1, 'xfs'], [0.5, 'ntfs'], [0.5, 'SWAP'], [0.3, ''], [0.3, null], [0.3, 'x'.repeat(256)]]);
  }

  dot(): unknown {
    return this.w<unknown>([[4, true], [3, false], [1, 'true'], [1, 'False'], [0.5, 'yes'], [0.5, 'no'], [0.5, '1'], [0.5, '0'], [0.5, 'on'], [0.5, 'off'], [0.3, 't'], [0.3, 'Y'], [0.3, ''], [0.3, null], [0.3, 1], [0.3, 0], [0.2, 'maybe'], [0.2, raw('1.0')]]);
  }

  root(kind: string): Obj {
    if (kind === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: 0 };
    if (kind === 'snap') return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 };
    if (kind === 'imgvol') return { source_type: 'image', destination_type: 'volume', uuid: this.pick([IMG, IMG2]), boot_index: 0, volume_size: this.pick([1, 10, 20]) };
    if (kind === 'blankvol') return { source_type: 'blank', destination_type: 'volume', volume_size: 5, boot_index: 0 };
    return { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
  }

  extra(): Obj {
    const kind = this.w([[3, 'vol'], [3, 'eph'], [2, 'swap'], [1, 'blankvol'], [1, 'snap'], [0.5, 'imgvol'], [0.5, 'cdrom'], [0.3, 'nodev']]);
    if (kind === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: this.w<unknown>([[4, -1], [1, 1], [1, ABSENT]]) };
    if (kind === 'eph') return { source_type: 'blank', destination_type: 'local', boot_index: -1, ...(this.chance(0.7) ? { volume_size: this.pick([1, 2, 5, 10]) } : {}) };
    if (kind === 'swap') return { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, ...(this.chance(0.7) ? { volume_size: this.pick([1, 512, 1024]) } : {}) };
    if (kind === 'blankvol') return { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 };
    if (kind === 'snap') return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: -1 };
    if (kind === 'imgvol') return { source_type: 'image', destination_type: 'volume', uuid: IMG2, volume_size: 1, boot_index: -1 };
    if (kind === 'cdrom') return { source_type: 'volume', destination_type: 'volume', uuid: this.v(), device_type: 'cdrom', boot_index: this.pick([-1, 1]) };
    return { device_name: this.pick(['/dev/vdb', 'vdc']), no_device: this.pick<unknown>([true, true, false, null, 'x', 1]), ...(this.chance(0.5) ? { source_type: 'blank', destination_type: 'local' } : {}) };
  }

  v2list(n: number, root = this.w([[3, 'vol'], [2, 'imglocal'], [2, 'imgvol'], [1, 'snap'], [0.5, 'blankvol'], [1, 'none']])): Obj[] {
    const l: Obj[] = [];
    if (root !== 'none') l.push(this.root(root));
    for (let i = 0; i < n; i++) l.push(this.extra());
    return l;
  }

  imageFor(list: Obj[]): unknown {
    const needs = list.some((e) => e.source_type === 'image' && e.destination_type === 'local' && e.boot_index === 0) || !list.length;
    return this.w<unknown>([[needs ? 8 : 2, IMG], [needs ? 1 : 5, ABSENT], [1, '']]);
  }

  // ------------------------------------------------------------------------------------------
  mvShape(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.chance(0.8) ? this.pick(EDGES) : this.int(105);
    const s = this.base(mv);
    const badMv = this.chance(0.04) ? this.pick(['2.00', '2.01', '2.042', '2.105', '2.999']) : null;
    const list = this.v2list(this.w([[1, 0], [3, 1], [2, 2], [1, 3]]));
    const tagged = this.chance(0.6);
    for (const e of list) {
      if (tagged && this.chance(0.6)) e.tag = this.w<unknown>([[5, 'disk1'], [1, ''], [1, 'a/b'], [1, 'a,b'], [0.5, 'x'.repeat(60)], [0.5, 'x'.repeat(61)], [0.3, null], [0.3, 1], [0.3, 'é']]);
      if (this.chance(0.25) && (e.destination_type === 'volume' || this.chance(0.3))) e.volume_type = this.w<unknown>([[4, VT.name], [2, VT.id], [1, 'missing'], [0.5, ''], [0.5, null], [0.3, 'x'.repeat(256)], [0.3, 1]]);
      if (this.chance(0.08)) e.tag = 'late';
    }
    if (list.length) s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    if (this.chance(0.25)) s.networks = this.w<unknown>([[3, 'none'], [3, 'auto'], [1, 'None'], [1, [{ uuid: NET, tag: 'n1' }]], [1, [{ port: PORT }]], [1, []], [0.5, [{ uuid: 'auto' }]]]);
    if (this.chance(0.2)) { if (this.chance(0.5)) s.host = 'compute1'; else s.hypervisor_hostname = 'node1'; }
    if (this.chance(0.12)) s.hostname = this.pick<unknown>(['web', 'web.example.com', 'Web_1', '-x', 'x'.repeat(64)]);
    if (this.chance(0.1)) s.trusted_image_certificates = this.pick<unknown>([['c1'], [], null]);
    if (this.chance(0.08)) s.personality = [{ path: '/etc/x', contents: 'aGk=' }];
    if (this.chance(0.12)) s.user_data = this.pick<unknown>(['aGk=', 'aGk', '', null, 'x'.repeat(4)]);
    if (this.chance(0.1)) s.description = this.pick<unknown>(['d', null, '']);
    if (this.chance(0.08)) s.locked = this.pick<unknown>([true, 'true']);
    const ctx = this.ctx35(mv);
    if (badMv) ctx.microversion = badMv;
    return { payload: { server: s }, ctx };
  }

  legacy(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([0, 0, 1, 1, 19, 32, 37, 42, 52, 67, 79, 90, 96]);
    const s = this.base(mv);
    const items: Obj[] = [];
    const withRoot = this.chance(0.6);
    if (withRoot) items.push({ device_name: this.pick(['/dev/vda', 'vda', '/dev/sda', 'xvda', '/dev/hda']), ...(this.chance(0.8) ? { volume_id: this.v() } : { snapshot_id: SNAP }), ...(this.chance(0.3) ? { volume_size: this.size() } : {}), ...(this.chance(0.3) ? { delete_on_termination: this.dot() } : {}) });
    let letter = 98;
    for (let n = this.w([[2, 0], [3, 1], [2, 2], [1, 3]]); n > 0; n--) {
      const dev = `/dev/${this.pick(['vd', 'vd', 'sd', 'xvd'])}${String.fromCharCode(letter++)}`;
      const kind = this.w([[3, 'vol'], [2, 'eph'], [2, 'swap'], [1, 'snap'], [1, 'nodev'], [0.5, 'odd']]);
      if (kind === 'vol') items.push({ device_name: dev, volume_id: this.v() });
      if (kind === 'eph') items.push({ device_name: dev, virtual_name: `ephemeral${this.pick([0, 0, 1, 2])}`, ...(this.chance(0.6) ? { volume_size: this.pick([1, 5, 10, 11]) } : {}) });
      if (kind === 'swap') items.push({ device_name: dev, virtual_name: 'swap', ...(this.chance(0.5) ? { volume_size: this.pick([1, 2]) } : {}) });
      if (kind === 'snap') items.push({ device_name: dev, snapshot_id: SNAP, ...(this.chance(0.5) ? { volume_size: 10 } : {}) });
      if (kind === 'nodev') items.push({ device_name: dev, no_device: this.pick<unknown>([true, false, null, 'x', '']) });
      if (kind === 'odd') items.push(this.pick<Obj>([{ device_name: dev }, { volume_id: this.v() }, { device_name: dev, volume_id: this.v(), snapshot_id: SNAP }, { device_name: dev, virtual_name: 'ephemeralX' }, { device_name: dev, volume_id: this.v(), boot_index: 1 }, { device_name: dev, volume_id: this.v(), tag: 't' }]));
    }
    if (this.chance(0.1)) items.reverse();
    s.block_device_mapping = items;
    const mix = this.chance(0.25);
    if (mix) s.block_device_mapping_v2 = this.chance(0.3) ? [] : this.v2list(this.pick([0, 1]));
    const img = this.w<unknown>([[withRoot ? 2 : 6, IMG], [withRoot ? 5 : 2, ABSENT], [1, ''], [0.3, `http://glance/images/${IMG}`]]);
    if (img !== ABSENT) s.imageRef = img;
    if (this.chance(0.12)) s.max_count = this.pick([2, 3]);
    return { payload: { server: s }, ctx: this.ctx35(mv) };
  }

  imgref(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([1, 2, 19, 32, 42, 52, 57, 63, 67, 79, 90, 96]);
    const s = this.base(mv);
    const list = this.v2list(this.w([[2, 0], [2, 1], [1, 2]]), this.w([[3, 'vol'], [3, 'imglocal'], [2, 'imgvol'], [1, 'snap'], [1, 'blankvol'], [2, 'none']]));
    if (this.chance(0.15) && list.length) list[0]!.boot_index = this.pick<unknown>([1, -1, null, '0']);
    if (list.length) s.block_device_mapping_v2 = list;
    else if (this.chance(0.2)) s.block_device_mapping_v2 = [];
    const img = this.w<unknown>([[4, IMG], [4, ABSENT], [3, ''], [1, ' '], [1, IMG2], [1, `http://glance/v2/images/${IMG}`], [0.5, IMG.toUpperCase()], [0.5, IMG.replace(/-/g, '')], [0.5, 'not-a-uuid'], [0.5, null], [0.3, 1], [0.3, raw(`"${IMG.slice(0, 8)}\\u002d${IMG.slice(9)}"`)], [0.3, `${IMG}/`], [0.3, 'x'.repeat(256)]]);
    if (img !== ABSENT) s.imageRef = img;
    if (this.chance(0.15)) s.max_count = 2;
    return { payload: { server: s }, ctx: this.ctx35(mv) };
  }

  boot(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([1, 2, 32, 42, 52, 60, 67, 79, 90, 96]);
    const s = this.base(mv);
    const list = this.v2list(this.w([[1, 1], [3, 2], [2, 3], [1, 4]]));
    for (let i = 0; i < list.length; i++) if (this.chance(0.6)) list[i]!.boot_index = i === 0 && this.chance(0.5) ? this.pick<unknown>([0, '0', raw('0.0'), '00', ' 0', raw('-0'), '-0', raw('0e0'), null, 1]) : this.bootIdx();
    const mode = this.w([[2, 'plain'], [1, 'dups'], [1, 'gap'], [1, 'seq'], [0.5, 'rev']]);
    if (mode === 'dups' && list.length > 1) list[1]!.boot_index = list[0]!.boot_index;
    if (mode === 'gap') list.forEach((e, i) => { e.boot_index = i === 0 ? 0 : i * 2; });
    if (mode === 'seq') list.forEach((e, i) => { e.boot_index = this.chance(0.3) ? String(i) : i; });
    if (mode === 'rev') list.reverse();
    s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx: this.ctx35(mv) };
  }

  fields(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([1, 2, 32, 42, 52, 60, 67, 79, 90, 96]);
    const ctx = this.ctx35(mv);
    const s = this.base(mv);
    const list = this.v2list(this.w([[1, 1], [3, 2], [3, 3], [1, 5]]), this.w([[3, 'vol'], [3, 'imglocal'], [2, 'imgvol'], [1, 'snap'], [1, 'none']]));
    for (const e of list) {
      if (this.chance(0.25)) e.volume_size = this.size();
      if (this.chance(0.2)) e.device_name = this.devName();
      if (this.chance(0.2)) e.disk_bus = this.bus();
      if (this.chance(0.15)) e.device_type = this.devType();
      if (this.chance(0.15)) e.guest_format = this.guestFormat();
      if (this.chance(0.05)) e.delete_on_termination = this.dot();
    }
    // swap and ephemeral counts against the flavor
    const fl = ctx.flavor;
    if (this.chance(0.3)) {
      for (let n = this.pick([1, 2, 3]); n > 0; n--) list.push({ source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: this.pick([1, Math.max(1, fl.ephemeral_gb), fl.ephemeral_gb + 1]) });
    }
    if (this.chance(0.25)) {
      for (let n = this.pick([1, 1, 2]); n > 0; n--) list.push({ source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, ...(this.chance(0.7) ? { volume_size: this.pick([1, Math.max(1, fl.swap_mb), fl.swap_mb + 1]) } : {}) });
    }
    s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    if (this.chance(0.1)) { s.config_drive = true; ctx.libvirt = { ...(ctx.libvirt ?? {}), config_drive: true }; }
    return { payload: { server: s }, ctx };
  }

  top(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([1, 2, 19, 32, 37, 42, 52, 57, 63, 67, 74, 79, 90, 94, 96]);
    const ctx = this.ctx35(mv);
    const s = this.base(mv);
    const list = this.v2list(this.w([[1, 0], [2, 1], [2, 2]]));
    for (const e of list) if (this.chance(0.3)) e.delete_on_termination = this.dot();
    if (list.length) s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    const keys = this.w([[2, 1], [3, 2], [2, 3]]);
    for (let i = 0; i < keys; i++) {
      switch (this.w([[3, 'count'], [2, 'networks'], [2, 'config_drive'], [2, 'user_data'], [3, 'az'], [1, 'meta'], [1, 'sg']])) {
        case 'count': {
          if (this.chance(0.8)) s.min_count = this.w<unknown>([[4, 1], [2, 2], [1, '2'], [0.5, 0], [0.5, raw('2.0')], [0.3, ''], [0.3, null]]);
          if (this.chance(0.8)) s.max_count = this.w<unknown>([[3, 2], [2, 1], [1, 3], [1, '3'], [0.5, 0], [0.3, raw('1e0')], [0.3, null]]);
          break;
        }
        case 'networks': s.networks = this.w<unknown>([[3, 'none'], [3, 'auto'], [1, 'NONE'], [1, ''], [1, [{ uuid: NET }]], [1, [{ port: PORT }]], [0.5, [{ uuid: NET, fixed_ip: '10.0.0.5' }]], [0.3, null]]); break;
        case 'config_drive': {
          s.config_drive = this.w<unknown>([[3, true], [2, false], [1, 'true'], [1, 'false'], [1, ''], [0.5, 'yes'], [0.5, 1], [0.5, 'x'], [0.3, null]]);
          // the oracle's instance gets the context's config drive: keep both in step where Nova would take it
          if (s.config_drive === true || s.config_drive === 'true' || s.config_drive === 'yes' || s.config_drive === 1) ctx.libvirt = { ...(ctx.libvirt ?? {}), config_drive: true };
          break;
        }
        case 'user_data': s.user_data = this.w<unknown>([[3, 'aGk='], [1, 'aGk'], [1, ''], [1, null], [0.5, 'a'.repeat(8)], [0.5, '!!!!'], [0.3, 'aGk=\n'], [0.3, 1]]); break;
        case 'az': s.availability_zone = this.w<unknown>([[4, 'nova'], [2, 'az2'], [1, ''], [1, 'nova:'], [0.5, 'nova:host1'], [0.5, 'nova::node1'], [0.3, ':'], [0.3, null]]); break;
        case 'meta': s.metadata = this.pick<unknown>([{ a: 'b' }, {}, { a: 1 }, { ['x'.repeat(256)]: 'y' }]); break;
        case 'sg': s.security_groups = this.pick<unknown>([[{ name: 'default' }], [], [{}]]); break;
      }
    }
    return { payload: { server: s }, ctx };
  }

  attachBody(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.chance(0.7) ? this.pick([0, 1, 19, 48, 49, 50, 60, 78, 79, 80, 89, 90, 96, 100, 101]) : this.int(105);
    const va: Obj = {};
    if (!this.chance(0.04)) va.volumeId = this.w<unknown>([[10, this.v()], [1, VOLS[0]!.toUpperCase()], [0.5, VOLS[0]!.replace(/-/g, '')], [0.3, ''], [0.3, null], [0.3, 'x']]);
    if (this.chance(0.6)) va.device = this.w<unknown>([[5, this.pick(['/dev/vdb', 'vdb', '/dev/sdc', '/dev/xvdb', '/dev/hdb', '/dev/vdaa'])], [1, null], [1, ''], [0.5, '/dev/vda'], [0.5, '/dev/vd1'], [0.3, ' /dev/vdb'], [0.3, 'x'.repeat(255)], [0.3, 'x'.repeat(256)], [0.3, 1]]);
    if (this.chance(mv >= 49 ? 0.5 : 0.25)) va.tag = this.w<unknown>([[4, 'disk1'], [1, ''], [1, 'a/b'], [1, 'x'.repeat(60)], [1, 'x'.repeat(61)], [0.3, null], [0.3, 1]]);
    if (this.chance(mv >= 79 ? 0.6 : 0.25)) va.delete_on_termination = this.dot();
    if (this.chance(0.15)) va[this.pick(['multiattach', 'attach_mode', 'volume_type', 'serverId', 'id', 'boot_index', 'disk_bus'])] = this.pick<unknown>([true, 'rw', 'x', 1, null]);
    if (this.chance(0.05)) va['device' + DUP] = '/dev/vdc';
    return { payload: { volumeAttachment: va }, ctx: this.ctx35(mv) };
  }

  /** mostly valid bodies with many disks: explicit and implicit names, buses, device types, prefixes */
  names(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([1, 32, 42, 60, 67, 79, 90, 96]);
    const ctx = this.ctx35(mv);
    ctx.max_local_block_devices = this.pick([-1, -1, 3, 5]);
    const virt = (ctx.libvirt?.virt_type as string | undefined) ?? 'kvm';
    const buses = virt === 'lxc' ? ['lxc'] : virt === 'parallels' ? ['ide', 'scsi', 'sata'] : ['virtio', 'scsi', 'ide', 'sata', 'usb'];
    const s = this.base(mv);
    const root = this.w([[3, 'vol'], [3, 'imglocal'], [2, 'imgvol'], [1, 'snap'], [1, 'none']]);
    const list: Obj[] = root === 'none' ? [] : [this.root(root)];
    const n = this.w([[2, 1], [3, 2], [3, 4], [2, 7], [1, 12], [0.5, 28]]);
    let boot = 1;
    const fl = ctx.flavor;
    let ephLeft = fl.ephemeral_gb;
    let swapUsed = false;
    for (let i = 0; i < n; i++) {
      const kind = this.w([[5, 'vol'], [ephLeft > 0 ? 2 : 0.3, 'eph'], [!swapUsed && fl.swap_mb ? 2 : 0.2, 'swap'], [1, 'blankvol'], [1, 'cdrom'], [0.4, 'floppy'], [0.4, 'lun']]);
      const e: Obj = kind === 'vol' || kind === 'cdrom' || kind === 'floppy' || kind === 'lun'
        ? { source_type: 'volume', destination_type: 'volume', uuid: this.v(), boot_index: this.chance(0.2) ? boot++ : -1 }
        : kind === 'eph' ? { source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: Math.max(1, Math.min(ephLeft, this.pick([1, 2, 5]))) }
          : kind === 'swap' ? { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1, volume_size: Math.max(1, fl.swap_mb) }
            : { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 };
      if (kind === 'eph') ephLeft -= e.volume_size as number;
      if (kind === 'swap') swapUsed = true;
      if (kind === 'cdrom' || kind === 'floppy' || kind === 'lun') e.device_type = kind;
      if (kind === 'floppy' && this.chance(0.6)) e.disk_bus = 'fdc';
      if (this.chance(0.3)) e.disk_bus = this.pick(buses);
      if (this.chance(0.3)) e.device_name = this.w<unknown>([[4, `/dev/${this.pick(['vd', 'sd', 'hd', 'xvd'])}${this.pick('bcdefghijklmnopqrstuvwxyz'.split(''))}`], [1, `${this.pick(['vd', 'sd'])}${this.pick(['b', 'c', 'aa', 'ab'])}`], [0.5, '/dev/vdb'], [0.3, '/dev/fda']]);
      list.push(e);
    }
    if (this.chance(0.1)) list.reverse();
    if (list.length) s.block_device_mapping_v2 = list;
    if (root === 'imglocal' || root === 'none' || this.chance(0.2)) s.imageRef = IMG;
    if (this.chance(0.1)) { s.config_drive = true; ctx.libvirt = { ...(ctx.libvirt ?? {}), config_drive: true }; }
    return { payload: { server: s }, ctx };
  }

  odd(): { payload: unknown; ctx: Ctx35 } {
    const mv = this.pick([1, 2, 32, 42, 52, 60, 67, 79, 90, 96]);
    const s = this.base(mv);
    const list = this.v2list(this.w([[2, 1], [2, 2]]));
    const e = list[list.length - 1] ?? (list.push(this.root('vol')), list[0]!);
    switch (this.w([[2, 'dupkey'], [2, 'escape'], [2, 'bignum'], [2, 'exp'], [1, 'negzero'], [1, 'dupbdm'], [1, 'escapedkey']])) {
      case 'dupkey': {
        const k = this.pick(['boot_index', 'source_type', 'destination_type', 'volume_size', 'uuid', 'device_name']);
        e[k + DUP] = this.pick<unknown>([0, -1, 'volume', 'local', 'blank', 1, null, '', VOLS[1]]);
        break;
      }
      case 'escape': {
        const k = this.pick(['source_type', 'destination_type', 'device_name', 'device_type', 'disk_bus', 'guest_format']);
        const val = this.pick(['volume', 'local', '/dev/vdb', 'disk', 'virtio', 'swap', 'cdrom']);
        e[k] = raw(JSON.stringify(val).replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`));
        break;
      }
      case 'bignum': {
        const k = this.pick(['boot_index', 'volume_size']);
        e[k] = raw(this.pick(['9007199254740993', '18446744073709551616', '1e400', '123456789012345678901234567890', '2147483647', '2147483648', '-2147483649', '1.0000000000000001']));
        break;
      }
      case 'exp': {
        const k = this.pick(['boot_index', 'volume_size']);
        e[k] = raw(this.pick(['1e3', '1E3', '1000', '1e0', '1.0e0', '10e-1', '0.1e1', '1e-0', '100e-2']));
        if (this.chance(0.4)) s.min_count = raw(this.pick(['1e0', '1.0', '1']));
        break;
      }
      case 'negzero': {
        const k = this.pick(['boot_index', 'volume_size', 'min_count']);
        if (k === 'min_count') s.min_count = raw(this.pick(['-0', '-0.0', '0']));
        else e[k] = raw(this.pick(['-0', '-0.0', '-0e0']));
        break;
      }
      case 'dupbdm': s['block_device_mapping_v2' + DUP] = this.v2list(1); break;
      case 'escapedkey': e[this.pick(['boot\\u005findex', 'source\\u005ftype', 'uui\\u0064'])] = raw(JSON.stringify(this.pick([0, 'volume', VOLS[2]]))); break;
    }
    s.block_device_mapping_v2 = list;
    const img = this.imageFor(list);
    if (img !== ABSENT) s.imageRef = img;
    return { payload: { server: s }, ctx: this.ctx35(mv) };
  }
}

/**
 * Whether Nova's wsgi layer refuses the microversion header before any controller runs
 * (nova/api/openstack/wsgi.py Request.set_api_version_request: APIVersionRequest's format
 * "^([1-9]\\d*)\\.([1-9]\\d*|0)$", then master's range 2.1-2.104); "2.0" is bdm-lab's legacy /v2 endpoint.
 */
export function wsgiRefuses(mv: string): boolean {
  if (mv === '2.0') return false;
  const m = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(mv);
  return !m || Number(m[1]) !== 2 || Number(m[2]) < 1 || Number(m[2]) > 104;
}

/** toText with keys whose name holds a JSON escape written as is (the `escapedkey` case) */
function text(payload: unknown): string {
  return toText(payload).replace(/"((?:[a-z_]|\\\\u00[0-9a-f]{2})+)":/g, (m, k: string) => (k.includes('\\\\u') ? `"${k.replace(/\\\\/g, '\\')}":` : m));
}

export function generateHunt35Cases(seed: number, count: number, only?: Hunt35Shape[]): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen35((seed * 2654435761 + i * 40503 + 35) >>> 0);
    let shape = g.w(HUNT35_SHAPES);
    if (only && !only.includes(shape)) shape = only[i % only.length]!;
    const { payload, ctx } = shape === 'mv' ? g.mvShape() : shape === 'legacy' ? g.legacy() : shape === 'imgref' ? g.imgref() : shape === 'boot' ? g.boot() : shape === 'fields' ? g.fields() : shape === 'top' ? g.top() : shape === 'attach' ? g.attachBody() : shape === 'names' ? g.names() : g.odd();
    out.push({ id: `h35${shape}-${seed}-${i}`, kind: shape === 'attach' ? 'attach' : 'server', payloadText: text(payload) + '\n', context: ctx });
  }
  return out;
}

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : d;
  };
  const seeds = arg('--seed', '3501').split(',').map(Number);
  const count = Number(arg('--count', '500'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  const onlyArg = arg('--only', '');
  const only = onlyArg ? (onlyArg.split(',') as Hunt35Shape[]) : undefined;
  let pass = 0;
  let fail = 0;
  let out = 0;
  let known = 0;
  const groups = new Map<string, Array<{ c: DiffCase; detail: string; layer: string | null }>>();
  const runs: string[] = [];
  const dumped: unknown[] = [];
  for (const seed of seeds) {
    const cases = generateHunt35Cases(seed, count, only);
    const oracle = runOracle(cases);
    let p = 0;
    let left = 0;
    let accepted = 0;
    for (const c of cases) {
      const o = oracle.get(c.id);
      if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
      if (wsgiRefuses(c.context.microversion)) { known++; left++; continue; }
      let r: { ok: boolean; key: string; detail: string };
      try {
        r = c.kind === 'attach' ? compareOne(c, o) : compare25(c, o as Parameters<typeof compare25>[1]);
      } catch (e) {
        r = { ok: false, key: `THROW ${(e as Error).message}`, detail: String((e as Error).stack) };
      }
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
  console.log(`${known} left out: a microversion Nova's wsgi layer refuses before the controller (400 InvalidAPIVersionString / 406 InvalidGlobalAPIVersion); the oracle does not run that layer and bdm-lab does not model it`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}

if (process.argv[1] && /difftest-hunt35-gen/.test(process.argv[1])) main();
