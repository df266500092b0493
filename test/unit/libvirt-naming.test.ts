/**
 * libvirt naming (blockinfo) against (a) the facts §8 of nova-bdm-rules.md takes from Nova's
 * test_blockinfo.py and (b) Nova's own code run through nova-oracle: every case in
 * test/fixtures/oracle/naming/*.json carries the oracle's answer next to its input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDiskInfo, computeDiskNames, deviceLetters, type DiskInfoResult } from '../../server/src/libvirt/naming';
import { driverClassOf, type NovaBdm } from '../../server/src/nova/types';
import { defaultContext, type Context } from '../../server/src/model/context';
import { rng } from '../../scripts/prng.mjs';

const FIX = join(__dirname, '..', 'fixtures', 'oracle', 'naming');

interface OracleAnswer {
  driver_classes: Array<string | null>;
  implicit_driver_classes?: Array<string | null>;
  libvirt: {
    build_error?: string;
    root_device_name?: string | null;
    device_names?: Array<string | null>;
    implicit_device_names?: Array<string | null>;
    disk_mapping?: Record<string, Record<string, string | null>>;
    boot_dev_order?: string[];
  };
}
interface Case {
  id: string;
  imageRef: string | null;
  context: Context;
  bdms: NovaBdm[];
  oracle: OracleAnswer;
}

function load(name: string): Case[] {
  return (JSON.parse(readFileSync(join(FIX, `${name}.json`), 'utf8')) as { cases: Case[] }).cases;
}

/** Our result in the oracle's shape: Nova's mapping dict (root first) and device names. */
function asOracle(r: DiskInfoResult, bdms: NovaBdm[]): OracleAnswer['libvirt'] {
  if (r.buildError !== null) return { build_error: r.buildError };
  const m: Record<string, Record<string, string | null>> = {};
  const shape = (i: { bus: string; dev: string; type: string; bootIndex?: string; format?: string }) => {
    // bdm-lab writes the dev Nova leaves None (a bus without a prefix: lxc) as ''
    const o: Record<string, string | null> = { bus: i.bus, dev: i.dev || null, type: i.type };
    if (i.bootIndex !== undefined) o.boot_index = i.bootIndex;
    if (i.format !== undefined) o.format = i.format;
    return o;
  };
  if (r.root) m.root = shape(r.root);
  for (const e of r.mapping) m[e.key === '/dev/' ? 'null' : e.key] = shape(e);
  // A BDM keeps its own name when libvirt gives it no disk (no driver class, swap of size 0...).
  const name = (b: NovaBdm, i: number) => {
    const info = r.perBdm[i];
    if (info) return info.dev ? `/dev/${info.dev}` : null;
    return driverClassOf(b) ? null : b.device_name;
  };
  const out: OracleAnswer['libvirt'] = {
    root_device_name: r.rootDeviceName,
    device_names: bdms.map((b, i) => [b, i] as const).filter(([b]) => b.entry !== null).map(([b, i]) => name(b, i)),
    disk_mapping: m,
    boot_dev_order: r.bootDevOrder,
  };
  const implicit = bdms.map((b, i) => [b, i] as const).filter(([b]) => b.entry === null).map(([b, i]) => name(b, i));
  if (implicit.length > 0) out.implicit_device_names = implicit;
  return out;
}

for (const file of ['handpicked', 'generated']) {
  const cases = load(file);
  test(`${file}: oracle cases agree (${cases.length} cases)`, async (t) => {
    let agree = 0;
    for (const c of cases) {
      await t.test(c.id, () => {
        // The fixture's BDM list must be the one Nova classified.
        const classes = c.bdms.filter((b) => b.entry !== null).map(driverClassOf);
        assert.deepEqual(classes, c.oracle.driver_classes, 'driver classes of the fixture BDMs');
        const r = computeDiskInfo(c.bdms, c.context, { imageRef: c.imageRef });
        const ours = asOracle(r, c.bdms);
        const theirs = { ...c.oracle.libvirt };
        assert.deepEqual(ours, theirs);
        // Python dicts keep insertion order: the mapping order is part of the answer.
        if (theirs.disk_mapping) assert.deepEqual(Object.keys(ours.disk_mapping!), Object.keys(theirs.disk_mapping));
        agree++;
      });
    }
    assert.equal(agree, cases.length, `${agree}/${cases.length} oracle cases agree`);
  });
}

// ---- §8 test vectors (Nova's test_blockinfo.py), fed as bare BDM lists ----

function ctx(over: Partial<Context['libvirt']> = {}, flavor: Context['flavor'] = { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }): Context {
  const c = defaultContext();
  c.flavor = flavor;
  c.libvirt = { ...c.libvirt, ...over };
  return c;
}
function bdm(p: Partial<NovaBdm>): NovaBdm {
  return {
    entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: null, device_name: null,
    disk_bus: null, device_type: null, volume_size: null, uuid: 'v', no_device: false, delete_on_termination: false,
    volume_type: null, tag: null, ...p,
  };
}
const imageRoot = (p: Partial<NovaBdm> = {}) => bdm({ source_type: 'image', destination_type: 'local', boot_index: 0, uuid: 'img', ...p });
const brief = (r: DiskInfoResult) => r.mapping.map((e) => `${e.key}=${e.dev}/${e.bus}/${e.type}${e.bootIndex ? `#${e.bootIndex}` : ''}`);

test('one naming pass where the second cannot differ: the same mapping, names and errors as both passes, for every oracle case and the same cases\' contexts with a flavor, a config drive and lxc', () => {
  const cases = [...load('handpicked'), ...load('generated')];
  const variants = (c: Context): Context[] => [
    c,
    { ...c, flavor: { root_gb: 1, ephemeral_gb: 1, swap_mb: 1 } },
    { ...c, libvirt: { ...c.libvirt, config_drive: true } },
    { ...c, libvirt: { ...c.libvirt, virt_type: 'lxc' } },
    { ...c, libvirt: { ...c.libvirt, image_properties: { ...c.libvirt.image_properties, hw_disk_bus: 'ide' } } },
  ];
  let compared = 0;
  for (const c of cases) {
    for (const context of variants(c.context)) {
      for (const rootDeviceName of [undefined, '/dev/sdb', 'hdc']) {
        const both = computeDiskInfo(c.bdms, context, { imageRef: c.imageRef, rootDeviceName, bothPasses: true });
        const one = computeDiskInfo(c.bdms, context, { imageRef: c.imageRef, rootDeviceName });
        assert.deepEqual(one, both, `${c.id} ${JSON.stringify(context.libvirt)} ${rootDeviceName}`);
        assert.deepEqual(computeDiskNames(c.bdms, context, { imageRef: c.imageRef, rootDeviceName }), computeDiskNames(c.bdms, context, { imageRef: c.imageRef, rootDeviceName, bothPasses: true }));
        compared++;
      }
    }
  }
  assert.ok(compared >= 1000, `${compared} comparisons`);
});

test('one naming pass where the second cannot differ: the same as both passes on 3 000 random BDM lists, contexts and root names (ephemerals, swap, flavor disks, config drive, every bus and virt type)', () => {
  const rnd = rng(12345);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const base = defaultContext();
  for (let it = 0; it < 3000; it++) {
    const bdms: NovaBdm[] = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, i) => {
      const st = pick(['volume', 'image', 'blank', 'snapshot'] as const);
      return bdm({
        entry: i, source_type: st, destination_type: st === 'image' && rnd() < 0.5 ? 'local' : pick(['volume', 'local'] as const),
        guest_format: pick([null, null, 'swap', 'ext4']), boot_index: i === 0 ? 0 : pick([null, -1, 1, 2]),
        device_name: pick([null, null, '/dev/vdb', '/dev/vdc', '/dev/sda', '/dev/hdb', 'xvdc', '/dev/vda']),
        disk_bus: pick([null, null, 'virtio', 'ide', 'scsi', 'usb', 'xen', 'sata', 'fdc']), device_type: pick([null, null, 'disk', 'cdrom', 'floppy', 'lun']),
        volume_size: pick([null, 0, 1, 5]), uuid: `u${i}`,
      });
    });
    const context: Context = {
      ...base,
      flavor: rnd() < 0.5 ? { root_gb: 1, ephemeral_gb: pick([0, 1]), swap_mb: pick([0, 1]) } : undefined,
      libvirt: { ...base.libvirt, virt_type: pick(['kvm', 'kvm', 'qemu', 'xen', 'lxc', 'parallels']), config_drive: rnd() < 0.2, image_properties: rnd() < 0.3 ? { hw_disk_bus: pick(['ide', 'scsi', 'usb', 'virtio']), hw_cdrom_bus: pick(['ide', 'sata']) } : {} },
    } as Context;
    const opts = { imageRef: rnd() < 0.5 ? 'img' : null, rootDeviceName: pick([undefined, '/dev/sdb', 'hdc', '/dev/vdb']) };
    const run = (bothPasses: boolean) => {
      try { return computeDiskInfo(bdms, context, { ...opts, bothPasses }); } catch (e) { return String(e); }
    };
    assert.deepEqual(run(false), run(true), JSON.stringify({ bdms, flavor: context.flavor, libvirt: context.libvirt, opts }));
  }
});

test('image boot with flavor ephemeral and no ephemeral BDM gets disk.local', () => {
  const r = computeDiskInfo([imageRoot()], ctx({}, { root_gb: 20, ephemeral_gb: 20, swap_mb: 0 }), { imageRef: 'img' });
  assert.deepEqual(brief(r), ['disk=vda/virtio/disk#1', 'disk.local=vdb/virtio/disk']);
});

test('flavor swap without a swap BDM adds disk.swap after disk.local', () => {
  const r = computeDiskInfo([imageRoot()], ctx({}, { root_gb: 20, ephemeral_gb: 20, swap_mb: 5 }), { imageRef: 'img' });
  assert.deepEqual(brief(r), ['disk=vda/virtio/disk#1', 'disk.local=vdb/virtio/disk', 'disk.swap=vdc/virtio/disk']);
  assert.equal(r.mapping[2]!.bdm, null);
});

test('root_device_name /dev/sda keeps sda on virtio', () => {
  const r = computeDiskInfo([imageRoot()], ctx({}, { root_gb: 20, ephemeral_gb: 20, swap_mb: 0 }), { imageRef: 'img', rootDeviceName: '/dev/sda' });
  assert.deepEqual(brief(r), ['disk=sda/virtio/disk#1', 'disk.local=vda/virtio/disk']);
  assert.equal(r.rootDeviceName, '/dev/sda');
});

// Nova's own LibvirtConfigGuestDisk (26.2.2) with target_dev None raises this TypeError from to_xml()
test('LXC: a volume other than the root gets no target dev, which Nova cannot write (the build fails); the root volume is mounted', () => {
  const lxc = ctx({ virt_type: 'lxc' }, { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 });
  const msg = /^TypeError: Argument must be bytes or unicode, got 'NoneType'/;
  const r = computeDiskInfo([imageRoot(), bdm({ entry: 1, boot_index: -1 })], lxc, { imageRef: 'img' });
  assert.match(r.defineError ?? '', msg);
  assert.match(computeDiskNames([imageRoot(), bdm({ entry: 1, boot_index: -1 })], lxc, { imageRef: 'img' }).defineError ?? '', msg);
  assert.equal(computeDiskInfo([bdm({ boot_index: 0 })], lxc, { imageRef: null }).defineError, null);
  assert.equal(computeDiskInfo([imageRoot()], lxc, { imageRef: 'img' }).defineError, null);
});

test('ISO image root is an ide cdrom, the ephemeral becomes vda', () => {
  const r = computeDiskInfo([imageRoot()], ctx({ image_properties: { disk_format: 'iso' } }, { root_gb: 20, ephemeral_gb: 20, swap_mb: 0 }), { imageRef: 'img' });
  assert.deepEqual(brief(r), ['disk=hda/ide/cdrom#1', 'disk.local=vda/virtio/disk']);
  assert.deepEqual(r.bootDevOrder, ['cdrom']);
});

test('volume root vda + volume vdb + flavor swap', () => {
  const bdms = [bdm({ boot_index: 0, device_name: '/dev/vda' }), bdm({ entry: 1, device_name: '/dev/vdb' })];
  const r = computeDiskInfo(bdms, ctx({}, { root_gb: 0, ephemeral_gb: 0, swap_mb: 5 }), { imageRef: null });
  assert.deepEqual(brief(r), ['disk.swap=vdb/virtio/disk', '/dev/vda=vda/virtio/disk#1', '/dev/vdc=vdc/virtio/disk']);
  assert.deepEqual(r.perBdm.map((p) => p?.dev), ['vda', 'vdc']);
});

test('config drive: hda ide cdrom on x86 pc, sda scsi on ppc64/aarch64, next virtio disk for vfat', () => {
  const last = (r: DiskInfoResult) => brief(r).at(-1);
  assert.equal(last(computeDiskInfo([imageRoot()], ctx({ config_drive: true }), { imageRef: 'img' })), 'disk.config=hda/ide/cdrom');
  assert.equal(last(computeDiskInfo([imageRoot()], ctx({ config_drive: true, arch: 'ppc64' }), { imageRef: 'img' })), 'disk.config=sda/scsi/cdrom');
  assert.equal(last(computeDiskInfo([imageRoot()], ctx({ config_drive: true, arch: 'aarch64', machine_type: 'virt' }), { imageRef: 'img' })), 'disk.config=sda/scsi/cdrom');
  assert.equal(last(computeDiskInfo([imageRoot()], ctx({ config_drive: true }), { imageRef: 'img', configDriveFormat: 'vfat' })), 'disk.config=vdb/virtio/disk');
});

test('names skip used devices per bus prefix', () => {
  // sda and sdc taken by named volumes on scsi: the next scsi disk is sdb.
  const bdms = [bdm({ boot_index: 0, disk_bus: 'scsi', device_name: '/dev/sda' }), bdm({ entry: 1, disk_bus: 'scsi' }), bdm({ entry: 2, device_type: 'floppy' })];
  const r = computeDiskInfo(bdms, ctx(), { imageRef: null });
  assert.deepEqual(r.perBdm.map((p) => p?.dev), ['sda', 'sdb', 'fda']);
});

test('boot order disk(1), floppy(2), cdrom(3) is hd, fd, cdrom', () => {
  const bdms = [imageRoot(), bdm({ entry: 1, boot_index: 1, device_type: 'floppy' }), bdm({ entry: 2, boot_index: 2, device_type: 'cdrom' })];
  assert.deepEqual(computeDiskInfo(bdms, ctx(), { imageRef: 'img' }).bootDevOrder, ['hd', 'fd', 'cdrom']);
});

test('device letters: a..z, aa..zz, aaa', () => {
  assert.equal(deviceLetters(0), 'a');
  assert.equal(deviceLetters(25), 'z');
  assert.equal(deviceLetters(26), 'aa');
  assert.equal(deviceLetters(701), 'zz');
  assert.equal(deviceLetters(702), 'aaa');
});

test('build errors: lun without bus, bus not valid for the image property, too many ide', () => {
  assert.match(computeDiskInfo([imageRoot(), bdm({ entry: 1, device_type: 'lun' })], ctx(), { imageRef: 'img' }).buildError ?? '', /hw_lun_bus/);
  assert.match(computeDiskInfo([imageRoot()], ctx({ image_properties: { hw_disk_bus: 'xen' } }), { imageRef: 'img' }).buildError ?? '', /UnsupportedHardware/);
  const ide = [imageRoot({ disk_bus: 'ide' }), ...[1, 2, 3, 4].map((i) => bdm({ entry: i, disk_bus: 'ide' }))];
  assert.match(computeDiskInfo(ide, ctx(), { imageRef: 'img' }).buildError ?? '', /TooManyDiskDevices.*\(4\)/);
});

test('max_disk_devices_to_attach limits every bus', () => {
  const bdms = [imageRoot(), bdm({ entry: 1 }), bdm({ entry: 2 })];
  assert.equal(computeDiskInfo(bdms, ctx(), { imageRef: 'img', maxDiskDevicesToAttach: 3 }).buildError, null);
  assert.match(computeDiskInfo(bdms, ctx(), { imageRef: 'img', maxDiskDevicesToAttach: 2 }).buildError ?? '', /\(2\)/);
});
