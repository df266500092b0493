/**
 * A second seeded generator for the differential test against Nova (scripts/difftest.mjs
 * `--shape ops`, scripts/difftest-names.ts `--shape ops`): bodies as operators write them rather
 * than single-field mutations. Image- and volume-backed servers and their mixes, several
 * ephemerals and a swap against the flavor's limits, boot_index gaps and duplicates, device names
 * with every bus prefix against disk_bus/device_type (cdrom, lun, floppy), volumeAttachment bodies
 * with tag and delete_on_termination across microversions, min/max_count with volumes, and a
 * libvirt context (virt_type as Nova 26 takes it: kvm, qemu, lxc, parallels; arch, machine type, image bus properties, ISO images, disk_prefix,
 * config drive) that the first generator never sets. Deterministic per (seed, index).
 */
import { Gen, toText, type DiffCase, type DiffContext } from './difftest-gen';

type Obj = Record<string, unknown>;
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOLS = ['a26887c6-c47b-4654-abb5-dfadf7d3f803', 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b', '5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c6d', '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b'];
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };
const MVS = ['2.1', '2.1', '2.19', '2.32', '2.37', '2.42', '2.49', '2.52', '2.60', '2.67', '2.72', '2.79', '2.87', '2.90', '2.93', '2.95', '2.100'];

class OpsGen extends Gen {
  private vols = 0;
  vol(): string {
    return this.chance(0.1) ? VOLS[0] : VOLS[this.vols++ % VOLS.length];
  }

  libvirt(): Obj | undefined {
    if (this.chance(0.35)) return undefined;
    const lv: Obj = {};
    if (this.chance(0.4)) lv.virt_type = this.w([[6, 'kvm'], [3, 'qemu'], [1, 'lxc'], [1, 'parallels']]);
    if (this.chance(0.3)) lv.arch = this.w([[4, 'x86_64'], [2, 'aarch64'], [1, 'ppc64le'], [1, 's390x'], [0.5, 'i686'], [0.5, 'armv7l']]);
    if (this.chance(0.4)) lv.machine_type = this.w([[3, 'q35'], [2, 'pc'], [1, 'virt'], [0.5, 'pc-i440fx-6.2'], [0.5, 'pc-q35-7.1']]);
    if (this.chance(0.6)) {
      const p: Obj = {};
      if (this.chance(0.5)) p.hw_disk_bus = this.w([[3, 'virtio'], [3, 'scsi'], [1, 'ide'], [1, 'sata'], [1, 'usb'], [0.5, 'fdc'], [0.3, 'xen'], [0.3, 'uml'], [0.3, 'lxc']]);
      if (this.chance(0.4)) p.hw_cdrom_bus = this.w([[2, 'ide'], [2, 'sata'], [2, 'scsi'], [1, 'usb'], [1, 'virtio']]);
      if (this.chance(0.2)) p.hw_floppy_bus = this.pick(['fdc', 'usb']);
      if (this.chance(0.3)) p.hw_scsi_model = this.pick(['virtio-scsi', 'lsilogic']);
      if (this.chance(0.35)) p.disk_format = this.w([[3, 'iso'], [2, 'raw'], [2, 'qcow2'], [0.5, 'vmdk']]);
      if (this.chance(0.15)) p.root_device_name = this.pick(['/dev/sda', '/dev/vda', '/dev/hda', 'vdb', '/dev/xvda']);
      lv.image_properties = p;
    }
    if (this.chance(0.2)) lv.config_drive = true;
    if (this.chance(0.12)) lv.disk_prefix = this.pick(['sd', 'vd', 'hd', 'xvd']);
    return lv;
  }

  opsContext(): DiffContext {
    const eph = this.w([[4, 0], [2, 5], [2, 10], [1, 20], [1, 1]]);
    const ctx: DiffContext & { libvirt?: Obj } = {
      microversion: this.pick(MVS),
      flavor: { root_gb: this.w([[5, 20], [1, 0], [1, 1]]), ephemeral_gb: eph, swap_mb: this.w([[4, 0], [2, 512], [1, 1024], [1, 2048]]) },
      max_local_block_devices: this.w([[1, -1], [1, 0], [1, 1], [1, 2], [6, 3]]),
      zero_disk_flavor_allowed: this.chance(0.2),
    };
    if (this.chance(0.35)) ctx.cinder_volume_types = [VT];
    const lv = this.libvirt();
    if (lv) ctx.libvirt = lv;
    return ctx;
  }

  devName(): string {
    const prefix = this.w([[6, '/dev/vd'], [3, '/dev/sd'], [1, '/dev/hd'], [1, '/dev/xvd'], [2, 'vd'], [1, 'sd'], [0.3, '/dev/ubd']]);
    return prefix + this.w([[1, 'a'], [4, 'b'], [3, 'c'], [2, 'd'], [1, 'e'], [0.5, 'z'], [0.3, 'aa']]);
  }

  /** the optional fields operators add to a device */
  decorate(e: Obj, mv: number, kind: string): void {
    if (this.chance(0.3)) e.device_name = this.devName();
    if (this.chance(0.25)) e.disk_bus = this.w([[4, 'virtio'], [3, 'scsi'], [1, 'ide'], [2, 'sata'], [1, 'usb'], [0.3, 'fdc'], [0.2, 'xen'], [0.2, 'lxc'], [0.2, 'uml']]);
    if (this.chance(kind === 'volume' ? 0.2 : 0.06)) e.device_type = this.w([[3, 'cdrom'], [2, 'disk'], [1, 'lun'], [0.5, 'floppy']]);
    if (kind !== 'local' && this.chance(0.3)) e.delete_on_termination = this.pick([true, false, 'True', 'false']);
    if (this.chance(mv >= 42 || mv === 32 ? 0.2 : 0.03)) e.tag = this.pick(['root', 'data', 'db-1', 'scratch']);
    if (kind !== 'local' && this.chance(mv >= 67 ? 0.2 : 0.02)) e.volume_type = this.pick([VT.name, VT.id, 'ssd']);
  }

  root(mv: number, style: string): Obj {
    const e: Obj = {};
    if (style === 'image-local') Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 });
    else if (style === 'image-volume') Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: this.w<unknown>([[4, 20], [2, 10], [1, 1], [1, '40']]), boot_index: 0 });
    else if (style === 'volume') Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.vol(), boot_index: 0 });
    else Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 });
    if (this.chance(0.1)) e.boot_index = this.pick([1, '0', -1, 2]);
    if (this.chance(0.15)) e.boot_index = undefined;
    this.decorate(e, mv, style === 'image-local' ? 'local' : 'volume');
    return e;
  }

  extra(mv: number, flavorEph: number): Obj {
    const kind = this.w([[4, 'volume'], [2, 'blank-volume'], [3, 'ephemeral'], [2, 'swap'], [1, 'image-volume'], [1, 'snapshot'], [0.5, 'cdrom-image'], [0.3, 'no-device']]);
    const e: Obj = {};
    const bi = () => this.w<unknown>([[5, -1], [2, undefined], [2, 1], [1, 2], [1, 3], [0.5, '1'], [0.3, 0]]);
    switch (kind) {
      case 'volume': Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.vol(), boot_index: bi() }); break;
      case 'blank-volume': Object.assign(e, { source_type: 'blank', destination_type: 'volume', volume_size: this.w([[3, 10], [1, 1], [1, 100]]), boot_index: bi() }); break;
      case 'image-volume': Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: this.pick([5, 10, 20]), boot_index: bi() }); break;
      case 'snapshot': Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: bi() }); break;
      case 'ephemeral': {
        Object.assign(e, { source_type: 'blank', destination_type: 'local', boot_index: this.w([[6, -1], [1, undefined], [0.5, 1]]) });
        if (this.chance(0.8)) e.volume_size = this.w([[2, Math.max(1, Math.floor(flavorEph / 2))], [2, flavorEph || 1], [1, 1], [1, 5], [0.5, flavorEph + 1]]);
        if (this.chance(0.4)) e.guest_format = this.pick(['ext4', 'vfat', 'xfs', 'ntfs', 'ext3']);
        break;
      }
      case 'swap': {
        Object.assign(e, { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: this.w([[6, -1], [1, undefined]]) });
        if (this.chance(0.8)) e.volume_size = this.pick([512, 1024, 2048, 1, 4096]);
        break;
      }
      case 'cdrom-image': Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG, device_type: 'cdrom', boot_index: this.pick([1, -1, 0]) }); break;
      case 'no-device': Object.assign(e, { device_name: this.devName(), no_device: true }); break;
    }
    for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
    if (kind !== 'no-device') this.decorate(e, mv, kind === 'ephemeral' || kind === 'swap' || kind === 'cdrom-image' ? 'local' : 'volume');
    return e;
  }

  opsServer(): { payload: unknown; ctx: DiffContext } {
    const ctx = this.opsContext();
    const mv = Number(ctx.microversion.split('.')[1]);
    const s: Obj = { name: 'ops-' + this.int(100), flavorRef: this.pick(['1', 'm1.small', '42']) };
    const style = this.w([[4, 'image-only'], [4, 'image-local'], [5, 'image-volume'], [4, 'volume'], [2, 'snapshot'], [1, 'no-root'], [1, 'legacy']]);
    if (style === 'legacy') return this.legacyServer(s, ctx);
    const bdms: Obj[] = [];
    if (style !== 'image-only' && style !== 'no-root') bdms.push(this.root(mv, style));
    const n = this.w([[3, 0], [4, 1], [3, 2], [2, 3], [0.5, 5]]);
    for (let i = 0; i < n; i++) bdms.push(this.extra(mv, ctx.flavor.ephemeral_gb));
    if (this.chance(0.15)) bdms.reverse();
    const imageRoot = style === 'image-only' || style === 'image-local';
    s.imageRef = this.w<unknown>([[imageRoot ? 10 : 1, IMG], [imageRoot ? 0.3 : 4, ''], [imageRoot ? 0.3 : 5, undefined]]);
    if (s.imageRef === undefined) delete s.imageRef;
    if (bdms.length) s.block_device_mapping_v2 = bdms;
    if (this.chance(0.08)) s.min_count = this.pick([2, 3]);
    if (this.chance(0.05)) s.max_count = this.pick([2, 5]);
    if (mv >= 37 || this.chance(0.3)) s.networks = this.networks();
    if (this.chance(0.1)) s.availability_zone = this.pick(['nova', 'az1', '']); // 'nova:host' needs the DB (the oracle answers 500)
    if (this.chance(0.1)) s.config_drive = this.pick([true, 'True', false]);
    this.serverFields(s, mv);
    return { payload: { server: s }, ctx };
  }

  /** networks as operators write them: none/auto, a network, a port, a fixed IP, tags */
  networks(): unknown {
    const NET = '3b9f5a1c-2d4e-4f60-8a7b-9c0d1e2f3a4b';
    const PORT = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    return this.w<unknown>([
      [5, 'none'], [2, 'auto'], [3, [{ uuid: NET }]], [2, [{ port: PORT }]], [1, [{ uuid: NET, fixed_ip: '10.0.0.5' }]],
      [1, [{ uuid: NET, tag: 'nic1' }]], [1, [{ port: PORT, tag: 'nic1' }]], [0.5, [{ port: PORT }, { port: PORT }]],
      [0.5, [{ uuid: NET }, { uuid: NET }]], [0.5, [{ uuid: 'private' }]], [0.5, [{ port: PORT, fixed_ip: '10.0.0.6' }]], [0.3, []], [0.3, 'None'],
    ]);
  }

  /** the other fields a real create body carries, right and (less often) wrong for the microversion */
  serverFields(s: Obj, mv: number): void {
    if (this.chance(0.2)) s.key_name = this.pick(['ops', 'my key', '']);
    if (this.chance(0.2)) s.security_groups = this.pick<unknown>([[{ name: 'default' }], [{ name: 'web' }, { name: 'ssh' }], 'default', [{}]]);
    if (this.chance(0.2)) s.metadata = this.pick<unknown>([{ role: 'db' }, { role: 'db', n: 3 }, { '': 'x' }, { k: 'v'.repeat(256) }, []]);
    if (this.chance(0.15)) s.user_data = this.pick(['IyEvYmluL3NoCmVjaG8gaGkK', '#!/bin/sh\necho hi', 'IyEvYmluL3No', '']);
    if (this.chance(0.1)) s.adminPass = this.pick(['s3cret', '']);
    if (this.chance(0.1)) s['OS-DCF:diskConfig'] = this.pick(['AUTO', 'MANUAL', 'auto']);
    if (this.chance(0.1)) s.accessIPv4 = this.pick(['10.0.0.5', '10.0.0']);
    if (this.chance(0.12)) s.description = this.pick(['web tier', '', null]);
    if (this.chance(0.1)) s.tags = this.pick<unknown>([['web'], ['a/b'], ['x'.repeat(61)], []]);
    // the oracle's 26.2.2 controller reads hostname only up to 2.93 (master from 2.90 on)
    if (mv <= 93 && this.chance(0.08)) s.hostname = this.pick(['web-01', 'web_01', 'Web.example']);
    if (this.chance(0.06)) s[this.pick(['host', 'hypervisor_hostname'])] = 'compute-1';
    if (this.chance(0.05)) s.trusted_image_certificates = this.pick<unknown>([['cert-1'], [], null]);
    if (this.chance(0.05)) s.personality = [{ path: '/etc/motd', contents: 'aGk=' }];
    if (this.chance(0.05)) s.return_reservation_id = this.pick([true, 'True']);
    if (this.chance(0.05)) s['os:scheduler_hints'] = { group: '0d6c1f2b-3a4d-4c1a-9a0e-2c1e9d0a7f3b' };
  }

  legacyServer(s: Obj, ctx: DiffContext): { payload: unknown; ctx: DiffContext } {
    const l: Obj[] = [];
    const root = this.chance(0.6);
    if (root) l.push({ device_name: this.pick(['vda', '/dev/vda', '/dev/sda']), volume_id: this.vol(), delete_on_termination: this.pick([false, true, '0', '1']) });
    if (!root || this.chance(0.5)) s.imageRef = IMG;
    const n = this.w([[2, 0], [2, 1], [1, 2]]);
    for (let i = 0; i < n; i++) {
      const e: Obj = { device_name: this.devName() };
      const k = this.w([[3, 'volume'], [1, 'snapshot'], [1, 'swap'], [1, 'ephemeral']]);
      if (k === 'volume') e.volume_id = this.vol();
      if (k === 'snapshot') { e.snapshot_id = SNAP; if (this.chance(0.5)) e.volume_size = this.pick([10, '20']); }
      if (k === 'swap') e.virtual_name = 'swap';
      if (k === 'ephemeral') e.virtual_name = 'ephemeral' + this.pick(['0', '1']);
      l.push(e);
    }
    s.block_device_mapping = l;
    this.serverFields(s, 0);
    return { payload: { server: s }, ctx };
  }

  opsAttach(): { payload: unknown; ctx: DiffContext } {
    const ctx = this.opsContext();
    const mv = Number(ctx.microversion.split('.')[1]);
    const va: Obj = { volumeId: this.vol() };
    if (this.chance(0.6)) va.device = this.w<unknown>([[5, this.devName()], [1, null], [0.5, '/dev/vdb1'], [0.3, '']]);
    if (this.chance(mv >= 49 ? 0.5 : 0.15)) va.tag = this.pick(['data', 'db-1', 'x'.repeat(60)]);
    if (this.chance(mv >= 79 ? 0.5 : 0.15)) va.delete_on_termination = this.pick([true, false, 'true', 'False', 'yes', '0']);
    if (mv >= 2 && this.chance(0.03)) va.id = this.vol();
    return { payload: { volumeAttachment: va }, ctx };
  }
}

export function generateOpsCases(seed: number, count: number, prefix = 'o'): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new OpsGen((seed * 1000003 + i * 7919 + 17) >>> 0);
    const kind = g.chance(0.8) ? 'server' : 'attach';
    const { payload, ctx } = kind === 'server' ? g.opsServer() : g.opsAttach();
    out.push({ id: `${prefix}${seed}-${i}`, kind, payloadText: toText(strip(payload)) + '\n', context: ctx });
  }
  return out;
}

/** drops keys whose value is undefined (a field the operator left out) */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, strip(x)]));
}
