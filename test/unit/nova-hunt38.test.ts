/**
 * Hunt 38's labelled slice of the deployment's names, buses and `<disk>` XML, without Python: each
 * case of test/fixtures/nova-hunt38/cases.oracle.json (a body, its bdm-lab context, now and then a
 * nova.conf file, and what Nova 26.2.2 with master's blockinfo does with it: device names, root
 * device name, boot devices, the disk mapping, the spawn's XML or its exception) must come out of
 * bdm-lab's preview and `bdm-lab xml` the same (scripts/nova-hunt38-check.ts checkCase).
 * Relabel: node --import tsx scripts/nova-hunt38-fixture.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCase, type Hunt38Label } from '../../scripts/nova-hunt38-check';
import type { XmlCase } from '../../scripts/xml-difftest-gen';
import { mergeContext } from '../../server/src/model/contextLoad';
import { parseNovaConfIni } from '../../server/src/model/novaConfIni';
import { machineTypeFor, machineTypeItem } from '../../server/src/model/context';
import { analyzeJson } from '../../server/src/analyze';
import { previewOf } from '../../server/src/features/preview';
import { nodeHashes } from '../../server/src/host';
import { bestGrowth, describeGrowth } from './growth';
import { compareBus, type BusCase, type BusLabel } from '../../scripts/nova-hunt38-releases';

interface Case { id: string; body: XmlCase['body']; context: Record<string, unknown>; nova_conf_ini?: string; found: boolean; label: Hunt38Label }
const FIXTURE: { cases: Case[] } = JSON.parse(readFileSync(join(__dirname, '../fixtures/nova-hunt38/cases.oracle.json'), 'utf8'));
const byId = new Map(FIXTURE.cases.map((c) => [c.id, c]));

test("every case of hunt 38's slice: bdm-lab's names, mapping and XML are Nova's", async (t) => {
  assert.ok(FIXTURE.cases.length >= 60);
  assert.ok(FIXTURE.cases.filter((c) => c.found).length >= 20, 'the cases the hunt found wrong');
  for (const c of FIXTURE.cases) {
    await t.test(c.id, async () => {
      assert.equal(c.label.oracle_error, undefined, 'labelled');
      const o = await checkCase(c as unknown as XmlCase, c.label);
      assert.ok(o.kind !== 'disagree', JSON.stringify(o));
    });
  }
});

test('the labels say what the fixes are about', () => {
  const mapping = (id: string) => Object.keys(byId.get(id)!.label.disk_mapping ?? {});
  // nova/virt/libvirt/blockinfo.py get_default_ephemeral_info with block_device.volume_in_mapping:
  // an unnamed (lxc) default ephemeral is "in the mapping" when a volume has no name either
  assert.ok(!mapping('lxc-unnamed-volume-no-default-ephemeral').includes('disk.local'));
  assert.ok(mapping('lxc-no-volume-default-ephemeral').includes('disk.local'));
  assert.ok(mapping('lxc-prefix-volume-default-ephemeral').includes('disk.local'));
  assert.ok(!mapping('lxc-unnamed-ephemeral-no-flavor-swap').includes('disk.swap'));
  assert.ok(mapping('kvm-ephemeral-flavor-swap').includes('disk.swap'));
  // nova/virt/libvirt/utils.py get_default_machine_type: nova.conf's item for the guest's arch
  const target = (id: string, n: number) => /<target dev="(\w+)" bus="(\w+)"/.exec(byId.get(id)!.label.nova_xml![n]!)!.slice(1).join(' ');
  assert.equal(target('nova-conf-q35-config-drive', 1), 'sda sata');
  assert.equal(target('nova-conf-guest-arch-item', 1), 'sda sata');
  assert.equal(target('nova-conf-other-arch-only', 1), 'hda ide');
  assert.equal(target('nova-conf-empty-item-skipped', 1), 'sda sata');
});

test('[libvirt]hw_machine_type from a nova.conf: the item for the arch, over a weaker layer, under its own layer', () => {
  const conf = (text: string) => parseNovaConfIni(text).conf;
  const merged = (...layers: Array<Record<string, unknown>>) => mergeContext(layers.map((context) => ({ source: 'cli' as const, context }))).context.libvirt.machine_type;
  assert.deepEqual(conf('[libvirt]\nhw_machine_type = x86_64=q35 , aarch64=virt\n').libvirt?.hw_machine_type, ['x86_64=q35', 'aarch64=virt']);
  assert.equal(merged({ nova_conf: conf('[libvirt]\nhw_machine_type = x86_64=q35\n') }), 'q35');
  assert.equal(merged({ nova_conf: conf('[libvirt]\nhw_machine_type = x86_64=q35\n') }, { libvirt: { machine_type: 'pc' } }), 'q35');
  assert.equal(merged({ libvirt: { machine_type: 'pc-i440fx-6.2' } }, { nova_conf: conf('[libvirt]\nhw_machine_type = x86_64=q35\n') }), 'pc-i440fx-6.2');
  assert.equal(merged({ nova_conf: conf('[libvirt]\nhw_machine_type = x86_64=q35\n'), libvirt: { machine_type: 'pc' } }), 'pc');
  // a list with no item for the arch leaves the weaker layers' machine type (the context's default: pc)
  assert.equal(merged({ nova_conf: conf('[libvirt]\nhw_machine_type = x86_64=q35\n'), libvirt: { arch: 'aarch64' } }), 'pc');
  assert.equal(merged({ nova_conf: conf('[libvirt]\nhw_machine_type = aarch64=virt\n') }, { libvirt: { machine_type: 'q35' } }), 'q35');
  assert.equal(machineTypeFor(['x86_64=', 'x86_64=pc-q35-8.2'], 'x86_64'), 'pc-q35-8.2');
  assert.equal(machineTypeFor(['X86_64=q35'], 'x86_64'), 'pc');
  assert.equal(machineTypeFor(undefined, 'riscv64'), '');
  assert.equal(machineTypeItem(['x86_64'], 'x86_64'), null);
});

const BUSES: { cases: Array<BusCase & { label: BusLabel }> } = JSON.parse(readFileSync(join(__dirname, '../fixtures/nova-hunt38/cdrom-bus.oracle.json'), 'utf8'));

test("the default disk and cdrom buses per Nova release are each release's own (blockinfo.py at its tag)", async (t) => {
  assert.ok(BUSES.cases.length >= 100);
  // nova commit 527c452a (20.0.0, backported as 19.0.2): a q35 machine's cdrom on SATA; before, IDE
  const q35 = BUSES.cases.filter((c) => c.device_type === 'cdrom' && c.virt_type !== 'lxc' && c.virt_type !== 'parallels' && c.arch === 'x86_64' && !c.image_properties.hw_cdrom_bus && !c.image_properties.hw_architecture
    && /q35/.test(c.image_properties.hw_machine_type ?? c.machine_type));
  assert.ok(q35.some((c) => c.label.bus === 'ide') && q35.some((c) => c.label.bus === 'sata'), 'both sides of the change');
  for (const c of BUSES.cases) {
    await t.test(`${c.id} (${c.tag} ${c.virt_type} ${c.arch} ${c.machine_type} ${c.device_type})`, () => {
      assert.equal(compareBus(c, c.label), null);
    });
  }
});

// growth: a nova.conf's hw_machine_type list, and an lxc server's unnamed volumes (the implicit
// disks' None check), each at n and 2n
const WATCHDOG = { timeout: 60_000 };
const MAX_RATIO = 3;
const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';

/** the bus of each disk of the preview's mapping, by Nova's key */
function previewWith(ini: string, body: string, ctx: Record<string, unknown>): Record<string, string> {
  const context = mergeContext([{ source: 'cli', context: { nova_conf: parseNovaConfIni(ini).conf } }, { source: 'cli', context: ctx }]).context;
  const a = analyzeJson(body, context, { forced: true });
  return Object.fromEntries((previewOf(a, context, null, nodeHashes).info?.mapping ?? []).map((m) => [m.key, m.bus]));
}

test('a hw_machine_type list of n items grows linearly, 2 000 vs 4 000', WATCHDOG, () => {
  const body = JSON.stringify({ server: { name: 's', flavorRef: '1', networks: 'none', imageRef: IMAGE } });
  const make = (n: number) => `[libvirt]\nhw_machine_type = ${Array.from({ length: n }, (_, i) => `arch${i}=q35`).join(',')},x86_64=q35\n`;
  assert.deepEqual(previewWith(make(3), body, { microversion: '2.67', libvirt: { config_drive: true } }), { disk: 'virtio', 'disk.config': 'sata' });
  const g = bestGrowth(make, (ini) => previewWith(ini, body, { microversion: '2.67', libvirt: { config_drive: true } }), 2000, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth('hw_machine_type items', 2000, g)} (linear ~2, quadratic ~4)`);
});

test('an lxc server of n unnamed volumes and a flavor ephemeral grows linearly, 300 vs 600', WATCHDOG, () => {
  const vol = (i: number) => `5d3c2b1a-9e8f-4a7b-8c6d-${i.toString(16).padStart(12, '0')}`;
  const make = (n: number) => JSON.stringify({ server: { name: 's', flavorRef: '1', networks: 'none', imageRef: IMAGE, block_device_mapping_v2: [
    { boot_index: 0, uuid: IMAGE, source_type: 'image', destination_type: 'local' },
    { device_name: '/dev/vdb', no_device: true, source_type: 'blank', destination_type: 'local' },
    ...Array.from({ length: n }, (_, i) => ({ uuid: vol(i), source_type: 'volume', destination_type: 'volume', boot_index: -1 })),
  ] } });
  const ctx = { microversion: '2.67', max_local_block_devices: -1, flavor: { root_gb: 10, ephemeral_gb: 5, swap_mb: 0 }, libvirt: { virt_type: 'lxc' } };
  const g = bestGrowth(make, (body) => previewWith('', body, ctx), 300, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth('lxc unnamed volumes', 300, g)} (linear ~2, quadratic ~4)`);
});
