/**
 * Hunt 25: a differential test against Nova's own code (the nova-oracle) that varies the CONTEXT
 * together with the server-create body. Earlier hunts mostly varied the body; here every case
 * draws a context of its own:
 *
 *   flavor root/ephemeral/swap (0 root with zero_disk_flavor_allowed true and false), max_local_block_devices
 *   (0, 1, 2, -1, 3, 5), libvirt virt_type (kvm, qemu, lxc, parallels), disk_prefix, arch x machine type
 *   (x86_64 / aarch64 / ppc64le / s390x x q35 / pc / virt / pseries / s390-ccw-virtio), image properties
 *   (hw_disk_bus, hw_cdrom_bus, hw_floppy_bus, hw_rescue_bus, disk_format iso/qcow2/raw, root_device_name),
 *   cinder_volume_types, config drive, microversions across the range
 *
 * and bodies with image->local roots, blank->local swap/ephemeral with guest_format and sizes,
 * device_type cdrom/floppy/lun/disk, every disk_bus value, device names with and without /dev/ and
 * of other prefixes, boot_index gaps and duplicates. Compared as hunt 22 compares (valid, HTTP
 * status, Nova's words, layer, blamed entry, driver classes, libvirt names / root / boot order),
 * plus whether the compute node would fail the build (the oracle's build_error against bdm-lab's
 * preview buildError).
 *
 *   node --import tsx scripts/difftest-hunt25.ts [--seed S,...] [--mode wild,tame] [--count N] [--show N] [--dump FILE]
 *
 * Modes: `wild` turns every knob at once (most bodies are refused); `tame` keeps bodies and
 * contexts mostly right (valid buses for the virt type, sequential boot indexes, sizes within the
 * flavor) so that most reach the compute node and their names, boot order and build errors are
 * compared.
 *
 * Seed 25 is the hunt's seed; 2525 is held out. Closing line: "N passed, N failed".
 */
import { writeFileSync } from 'node:fs';
import { Gen, toText, type DiffCase, type DiffContext } from './difftest-gen';
import { runOracle, type OracleVerdict } from './difftest-lib';
import { compareOne } from './difftest-hunt22';
import { analyzeJson } from '../server/src/analyze';
import { previewOf } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext, type PartialContext } from '../server/src/model/contextLoad';

type Obj = Record<string, unknown>;
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOLS = ['a26887c6-c47b-4654-abb5-dfadf7d3f803', 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b', '5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c6d', '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'];
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };
const BUSES = ['virtio', 'scsi', 'ide', 'sata', 'usb', 'fdc', 'xen', 'uml', 'lxc', 'sd', 'VIRTIO', 'nvme', 'ploop'];
const ARCH_MACHINE: Array<[string, string[]]> = [
  ['x86_64', ['pc', 'q35', 'pc-q35-7.1', 'pc-i440fx-6.2']],
  ['aarch64', ['virt', 'virt-6.2']],
  ['ppc64le', ['pseries', 'pseries-6.2']],
  ['s390x', ['s390-ccw-virtio']],
  ['i686', ['pc', 'q35']],
  ['armv7l', ['virt']],
];

type Ctx25 = DiffContext & { libvirt?: Obj };

class Gen25 extends Gen {
  private vols = 0;
  /** tame mode: bodies and contexts mostly right, so that most reach the compute node (names, boot order, build errors) */
  tame = false;
  private nextBoot = 1;
  private virt = 'kvm';
  vol(): string {
    return VOLS[this.vols++ % VOLS.length];
  }

  mv(): number {
    return this.w([[2, 1], [1, 0], [1, 19], [1, 32], [1, 37], [1, 42], [1, 49], [1, 52], [1, 60], [1, 67], [1, 72], [1, 79], [1, 87], [1, 90], [1, 93], [1, 95], [1, 100], [0.5, 101]]);
  }

  ctx25(): Ctx25 {
    const mv = this.mv();
    const root = this.w([[4, 20], [3, 0], [1, 1], [1, 40]]);
    const ctx: Ctx25 = {
      microversion: `2.${mv}`,
      flavor: { root_gb: root, ephemeral_gb: this.w([[3, 0], [2, 5], [1, 10], [1, 1], [0.5, 40]]), swap_mb: this.w([[3, 0], [2, 512], [1, 1024], [0.5, 1]]) },
      max_local_block_devices: this.w([[1, -1], [1, 0], [1, 1], [1, 2], [3, 3], [1, 5], [0.3, -5]]),
      zero_disk_flavor_allowed: this.chance(0.5),
    };
    if (this.chance(0.35)) ctx.cinder_volume_types = this.chance(0.8) ? [VT] : [];
    const lv: Obj = {};
    if (this.chance(0.8)) lv.virt_type = this.w([[3, 'kvm'], [3, 'qemu'], [2, 'lxc'], [2, 'parallels']]);
    this.virt = (lv.virt_type as string | undefined) ?? 'kvm';
    if (this.chance(0.7)) {
      const [arch, machines] = this.w(ARCH_MACHINE.map((x, i) => [i < 4 ? 3 : 0.5, x] as [number, [string, string[]]]));
      lv.arch = arch;
      if (this.chance(0.8)) lv.machine_type = this.chance(0.85) ? this.pick(machines) : this.pick(['pc', 'q35', 'virt', 'pseries']);
    }
    if (this.chance(0.75)) {
      const p: Obj = {};
      if (this.chance(0.5)) p.hw_disk_bus = this.tame ? this.pick(this.validBuses()) : this.pick(BUSES.slice(0, 10));
      if (this.chance(0.4)) p.hw_cdrom_bus = this.tame ? this.pick(this.validBuses()) : this.pick(['ide', 'sata', 'scsi', 'usb', 'virtio', 'fdc', 'xen']);
      if (this.chance(0.25)) p.hw_floppy_bus = this.pick(['fdc', 'usb', 'scsi', 'ide']);
      if (this.chance(0.2)) p.hw_rescue_bus = this.pick(['virtio', 'scsi', 'usb', 'ide', 'sata']);
      if (this.chance(0.2)) p.hw_scsi_model = this.pick(['virtio-scsi', 'lsilogic']);
      if (this.chance(0.5)) p.disk_format = this.w([[3, 'iso'], [2, 'raw'], [2, 'qcow2'], [0.5, 'vmdk'], [0.3, 'ami']]);
      // other properties Nova coerces to typed fields (enums, integers; legacy names too)
      if (this.chance(this.tame ? 0.05 : 0.15)) {
        const [k, v] = this.pick<[string, string[]]>([
          ['hw_scsi_model', ['VIRTIO-SCSI', 'virtio', 'lsiLogicsas', 'paraVirtual']], ['vmware_adaptertype', ['ide', 'lsiLogic', 'foo']],
          ['hw_video_ram', ['64', ' 8 ', 'x', '', '1.5']], ['architecture', ['x86_64', 'AMD64', 'i386', 'foo']], ['hw_architecture', ['aarch64', 'ARM']],
          ['os_type', ['Linux', 'dos']], ['hw_vif_model', ['VirtualE1000', 'virtio', 'e1000x']], ['vm_mode', ['PV', 'hvm', 'x']],
          ['hw_firmware_type', ['uefi', 'UEFI']], ['hypervisor_type', ['XAPI', 'kvm', 'k v m']], ['mappings', ['[]']], ['hw_cpu_cores', ['2', 'two']],
          ['hw_machine_type', ['q35', 'anything']], ['hw_rescue_device', ['cdrom', 'usb']],
        ]);
        p[k] = this.pick(v);
      }
      if (this.chance(0.12)) p.root_device_name = this.pick(['/dev/sda', '/dev/vda', '/dev/hda', 'vdb', '/dev/xvda', 'sdb', '/dev/ubda']);
      lv.image_properties = p;
    }
    if (this.chance(0.15)) lv.config_drive = true;
    if (this.chance(0.25)) lv.disk_prefix = this.pick(['sd', 'vd', 'hd', 'xvd', 'ubd', 'nvme', 'fd']);
    if (Object.keys(lv).length) ctx.libvirt = lv;
    return ctx;
  }

  dev25(): string {
    const prefix = this.w([[4, '/dev/vd'], [3, '/dev/sd'], [2, '/dev/hd'], [1, '/dev/xvd'], [3, 'vd'], [2, 'sd'], [1, 'hd'], [1, 'xvd'], [0.5, '/dev/ubd'], [0.5, 'ubd'], [0.5, '/dev/fd'], [0.5, 'fd'], [0.3, '/dev/nvme'], [0.3, '/dev/disk/by-id/x'], [0.3, 'disk'], [0.2, '/dev/']]);
    return prefix + this.w([[2, 'a'], [4, 'b'], [3, 'c'], [2, 'd'], [1, 'e'], [0.5, 'z'], [0.3, 'aa'], [0.3, '1'], [0.2, '']]);
  }

  bi25(): unknown {
    if (this.tame) return this.w<unknown>([[5, -1], [3, undefined], [3, this.nextBoot++], [0.3, this.nextBoot + 1]]);
    return this.w<unknown>([[5, -1], [3, undefined], [2, 1], [2, 2], [1, 3], [0.5, 5], [0.5, 0], [0.5, '1'], [0.3, null], [0.3, -2]]);
  }

  decorate(e: Obj, mv: number, kind: 'local' | 'volume'): void {
    if (this.chance(0.45)) e.device_name = this.dev25();
    if (this.chance(0.4)) e.disk_bus = this.tame ? this.pick(this.validBuses()) : this.pick(BUSES);
    if (this.chance(0.3)) e.device_type = this.tame ? this.w([[3, 'cdrom'], [4, 'disk'], [1, 'floppy'], [0.3, 'lun']]) : this.w([[3, 'cdrom'], [3, 'disk'], [2, 'lun'], [2, 'floppy'], [0.3, 'fs'], [0.3, 'CDROM']]);
    if (kind !== 'local' && this.chance(0.2)) e.delete_on_termination = this.pick([true, false]);
    if (this.chance(mv >= 42 ? 0.1 : 0.02)) e.tag = this.pick(['root', 'data']);
    if (kind !== 'local' && this.chance(mv >= 67 ? 0.15 : 0.02)) e.volume_type = this.pick([VT.name, VT.id, 'ssd']);
  }

  root(mv: number, style: string): Obj {
    const e: Obj = {};
    if (style === 'image-local') Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 });
    else if (style === 'image-volume') Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: this.pick([20, 10, 1]), boot_index: 0 });
    else if (style === 'volume') Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.vol(), boot_index: 0 });
    else Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 });
    if (this.chance(this.tame ? 0.02 : 0.12)) e.boot_index = this.pick<unknown>([1, '0', 2, undefined]);
    if (e.boot_index === undefined) delete e.boot_index;
    this.decorate(e, mv, style === 'image-local' ? 'local' : 'volume');
    return e;
  }

  extra(mv: number, ctx: Ctx25): Obj {
    const kind = this.w([[3, 'volume'], [1, 'blank-volume'], [4, 'ephemeral'], [3, 'swap'], [1, 'image-volume'], [1, 'snapshot'], [this.tame ? 0.2 : 2, 'image-local'], [0.3, 'no-device']]);
    const e: Obj = {};
    const eph = ctx.flavor.ephemeral_gb;
    switch (kind) {
      case 'volume': Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.vol(), boot_index: this.bi25() }); break;
      case 'blank-volume': Object.assign(e, { source_type: 'blank', destination_type: 'volume', volume_size: this.pick([1, 10]), boot_index: this.bi25() }); break;
      case 'image-volume': Object.assign(e, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: this.pick([5, 20]), boot_index: this.bi25() }); break;
      case 'snapshot': Object.assign(e, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: this.bi25() }); break;
      case 'ephemeral':
        Object.assign(e, { source_type: 'blank', destination_type: 'local', boot_index: this.w<unknown>([[5, -1], [2, undefined], [1, 1], [0.3, 0]]) });
        if (this.chance(0.75)) e.volume_size = this.tame ? Math.max(1, Math.floor(eph / 2)) : this.w([[2, Math.max(1, Math.floor(eph / 2))], [2, eph || 1], [1, 1], [0.5, eph + 1], [0.3, 0]]);
        if (this.chance(0.5)) e.guest_format = this.pick(['ext4', 'vfat', 'xfs', 'ntfs', 'ext3', 'swap', 'SWAP']);
        break;
      case 'swap':
        Object.assign(e, { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: this.w<unknown>([[5, -1], [2, undefined], [0.3, 1]]) });
        if (this.chance(0.8)) e.volume_size = this.tame ? Math.max(1, ctx.flavor.swap_mb) : this.pick([512, 1024, 1, 0, Math.max(1, ctx.flavor.swap_mb)]);
        break;
      case 'image-local': Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: this.pick<unknown>([1, -1, 0, undefined]) }); break;
      case 'no-device': Object.assign(e, { device_name: this.dev25(), no_device: true }); break;
    }
    for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
    if (kind !== 'no-device') this.decorate(e, mv, kind === 'ephemeral' || kind === 'swap' || kind === 'image-local' ? 'local' : 'volume');
    return e;
  }

  /** the buses the virt type takes (Nova's libvirt blockinfo), in tame mode */
  validBuses(): string[] {
    return this.virt === 'lxc' ? ['lxc'] : this.virt === 'parallels' ? ['ide', 'scsi'] : ['virtio', 'scsi', 'ide', 'sata', 'usb'];
  }

  server25(): { payload: unknown; ctx: Ctx25 } {
    const ctx = this.ctx25();
    const mv = Number(ctx.microversion.split('.')[1]);
    const s: Obj = { name: 'h25-' + this.int(100), flavorRef: '1' };
    const style = this.w([[3, 'image-only'], [5, 'image-local'], [3, 'image-volume'], [3, 'volume'], [1, 'snapshot'], [1, 'no-root']]);
    const bdms: Obj[] = [];
    if (style !== 'image-only' && style !== 'no-root') bdms.push(this.root(mv, style));
    const n = this.w([[2, 0], [4, 1], [3, 2], [2, 3], [0.7, 4], [0.3, 6]]);
    if (this.tame) {
      ctx.max_local_block_devices = this.pick([-1, 5, 3]);
      ctx.zero_disk_flavor_allowed = true;
      if (ctx.flavor.ephemeral_gb === 0) ctx.flavor.ephemeral_gb = this.pick([0, 4]);
      if (ctx.flavor.swap_mb === 0) ctx.flavor.swap_mb = this.pick([0, 256]);
    }
    for (let i = 0; i < n; i++) bdms.push(this.extra(mv, ctx));
    if (this.chance(0.12)) bdms.reverse();
    const imageRoot = style === 'image-only' || style === 'image-local';
    s.imageRef = this.w<unknown>([[imageRoot ? 10 : 1, IMG], [imageRoot ? 0.3 : 3, ''], [imageRoot ? 0.3 : 6, undefined]]);
    if (s.imageRef === undefined) delete s.imageRef;
    if (bdms.length) s.block_device_mapping_v2 = bdms;
    if (mv >= 37) s.networks = 'none';
    if (this.chance(0.05)) s.max_count = 2;
    return { payload: { server: s }, ctx };
  }
}

/** mode `wild`: every context and body knob at once; `tame`: mostly right, so most reach the libvirt names */
export function generateHunt25Cases(seed: number, count: number, prefix = 'h25-', mode: 'wild' | 'tame' = 'wild'): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen25((seed * 1000003 + i * 7919 + (mode === 'tame' ? 2525 : 25)) >>> 0);
    g.tame = mode === 'tame';
    const { payload, ctx } = g.server25();
    out.push({ id: `${prefix}${seed}-${i}`, kind: 'server', payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}

type FullOracle = OracleVerdict & { implicit_driver_classes?: Array<string | null>; libvirt?: { disk_mapping?: Record<string, Record<string, string | null>>; device_names?: string[]; implicit_device_names?: string[]; root_device_name?: string; boot_dev_order?: string[]; build_error?: string } };

/** hunt 22's comparison, then the implicit disks' classes, Nova's whole disk mapping and whether the build fails */
export function compare25(c: DiffCase, o: FullOracle): { ok: boolean; key: string; detail: string } {
  const r = compareOne(c, o);
  if (!r.ok || r.key || !o.valid) return r;
  const ctx = mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context;
  const a = analyzeJson(c.payloadText, ctx);
  const p = previewOf(a, ctx, null, nodeHashes);
  const ourBuild = p.info?.buildError ?? null;
  const theirBuild = o.libvirt?.build_error ?? null;
  if ((ourBuild === null) !== (theirBuild === null)) return { ok: false, key: `build error: nova ${theirBuild ? 'fails' : 'builds'} / bdm-lab ${ourBuild ? 'fails' : 'builds'}`, detail: `nova: ${theirBuild}\nbdm-lab: ${ourBuild}\nnova names ${JSON.stringify(o.libvirt)}\nbdm-lab names ${JSON.stringify(p.entries.map((e) => e.deviceName))} root ${p.rootDeviceName}` };
  if (o.implicit_driver_classes) {
    const ours = p.implicit.map((e) => e.driverClass);
    if (JSON.stringify(ours) !== JSON.stringify(o.implicit_driver_classes)) return { ok: false, key: 'implicit classes', detail: `nova ${JSON.stringify(o.implicit_driver_classes)} bdm-lab ${JSON.stringify(ours)}` };
  }
  // Nova's whole disk mapping (bus, dev, type, boot index, format of every disk, 'root' included)
  if (theirBuild === null && o.libvirt?.disk_mapping && p.info) {
    const norm = (m: Record<string, Record<string, string | null>>) => JSON.stringify(Object.keys(m).sort().map((k) => [k, Object.keys(m[k]!).sort().map((f) => [f, m[k]![f]])]));
    const ours: Record<string, Record<string, string | null>> = {};
    // (an lxc disk has no dev: Nova's None, bdm-lab's ''; its volumes are keyed by that None, the last one kept)
    const row = (d: { dev: string; bus: string; type: string; bootIndex?: string; format?: string }) => ({ bus: d.bus, dev: d.dev === '' ? null : d.dev, type: d.type, ...(d.bootIndex !== undefined ? { boot_index: d.bootIndex } : {}), ...(d.format !== undefined ? { format: d.format } : {}) });
    for (const m of p.info.mapping) ours[m.key === '/dev/' ? 'null' : m.key] = row(m);
    if (p.info.root) ours.root = row(p.info.root);
    if (norm(ours) !== norm(o.libvirt.disk_mapping)) return { ok: false, key: 'disk mapping', detail: `nova ${JSON.stringify(o.libvirt.disk_mapping)}\nbdm-lab ${JSON.stringify(ours)}` };
  }
  if (theirBuild !== null && ourBuild !== null) {
    // Nova's class name then its words: bdm-lab keeps the words
    const words = theirBuild.replace(/^\w+: /, '');
    if (!ourBuild.includes(words) && !words.includes(ourBuild)) return { ok: false, key: 'build error words', detail: `nova: ${theirBuild}\nbdm-lab: ${ourBuild}` };
  }
  return r;
}

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : d;
  };
  const seeds = arg('--seed', '25').split(',').map(Number);
  const modes = arg('--mode', 'wild,tame').split(',') as Array<'wild' | 'tame'>;
  const count = Number(arg('--count', '1500'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  let pass = 0;
  let fail = 0;
  let out = 0;
  const groups = new Map<string, Array<{ c: DiffCase; o: FullOracle; detail: string }>>();
  const runs: string[] = [];
  for (const seed of seeds) for (const mode of modes) {
    const cases = generateHunt25Cases(seed, count, mode === 'tame' ? 'h25t-' : 'h25-', mode);
    let accepted = 0;
    let named = 0;
    let agreed = 0;
    const oracle = runOracle(cases) as Map<string, FullOracle>;
    for (const c of cases) {
      const o = oracle.get(c.id);
      if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
      let r: { ok: boolean; key: string; detail: string };
      try {
        r = compare25(c, o);
      } catch (e) {
        r = { ok: false, key: `THROW ${(e as Error).message}`, detail: String((e as Error).stack) };
      }
      if (r.ok && r.key) { out++; continue; }
      if (o.valid) accepted++;
      if (o.valid && o.libvirt && !o.libvirt.build_error) named++;
      if (r.ok) { pass++; agreed++; continue; }
      fail++;
      const g = groups.get(r.key) ?? [];
      g.push({ c, o, detail: r.detail });
      groups.set(r.key, g);
    }
    runs.push(`seed ${seed} ${mode}: ${agreed}/${cases.length} agree (${accepted} accepted by Nova, ${named} of them named by libvirt)`);
  }
  for (const [k, g] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n== ${g.length} x ${k}`);
    for (const { c, o, detail } of g.slice(0, show)) console.log(`  ${c.id} ${JSON.stringify(c.context)}\n  ${c.payloadText.replace(/\s+/g, ' ').slice(0, 900)}\n  ${detail.replace(/\n/g, '\n  ')}\n  oracle layer ${o.layer} entries ${JSON.stringify(o.invalid_entries)}`);
  }
  if (dump) writeFileSync(dump, JSON.stringify([...groups].map(([k, g]) => ({ key: k, cases: g.map(({ c, o }) => ({ ...c, oracle: o })) })), null, 1));
  for (const l of runs) console.log(l);
  console.log(`${out} cases left out (oracle stubs / unrecognised)`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}

if (process.argv[1] && /difftest-hunt25/.test(process.argv[1])) main();
