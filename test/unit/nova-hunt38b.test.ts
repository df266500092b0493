/**
 * Hunt 38b: the disk mapping follows the context's `nova_release` where Nova's releases differ from
 * master (blockinfo.py at each tag of openstack/nova): an ISO image's root is a disk, not a cdrom,
 * from 26.0.0 until the fix of 31.0.0 and its backports 28.3.1, 29.2.1 and 30.1.0; before 30.0.0 a
 * lun disk with a boot index fails the spawn in get_boot_order (KeyError 'lun'). Each case of
 * test/fixtures/nova-hunt38b/cases.oracle.json (a body, its bdm-lab context, and what the
 * nova-oracle does with the tag's own blockinfo.py: build error, root device name, boot devices,
 * disk mapping) must come out of bdm-lab's preview the same (scripts/nova-hunt38b-cases.ts compareMap).
 * Relabel: node --import tsx scripts/nova-hunt38b-cases.ts NOVA_GIT_DIR --seed 3811 --count 300 --fixture test/fixtures/nova-hunt38b/cases.oracle.json
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareMap, ourAnswer, type MapCase, type MapLabel } from '../../scripts/nova-hunt38b-cases';

const FIXTURE: { cases: Array<MapCase & { label: MapLabel }> } = JSON.parse(readFileSync(join(__dirname, '../fixtures/nova-hunt38b/cases.oracle.json'), 'utf8'));
const byId = new Map(FIXTURE.cases.map((c) => [c.id, c]));

test("every case of hunt 38b's slice: bdm-lab's mapping is the release's own", async (t) => {
  assert.ok(FIXTURE.cases.length >= 150);
  for (const c of FIXTURE.cases) {
    await t.test(c.id, () => {
      assert.equal(c.label.oracle_error, undefined, 'labelled');
      assert.equal(compareMap(c, c.label), null);
    });
  }
});

test('the labels say what the release facts are', () => {
  const root = (id: string) => {
    const l = byId.get(id)!.label;
    return `${l.root_device_name} ${l.disk_mapping?.root?.type}`;
  };
  // the ISO root fix (nova commit 96a5c21f) and its backports: one side of each boundary and the other
  for (const [before, after] of [['28.3.0', '28.3.1'], ['29.2.0', '29.2.1'], ['30.0.0', '30.1.0'], ['27.5.1', '31.0.0']]) {
    assert.equal(root(`iso-boot-${before}`), '/dev/vda disk');
    assert.equal(root(`iso-boot-${after}`), '/dev/hda cdrom');
    assert.equal(root(`iso-boot-q35-${after}`), '/dev/sda cdrom');
    assert.equal(root(`iso-beside-volume-root-${before}`), '/dev/vda disk');
    assert.equal(root(`iso-beside-volume-root-${after}`), '/dev/hda cdrom');
  }
  assert.equal(root('iso-boot-26.0.0'), '/dev/vda disk');
  assert.equal(root('iso-boot-caracal'), '/dev/vda disk');
  assert.equal(root('iso-boot-master'), '/dev/hda cdrom');
  // BOOT_DEV_FOR_TYPE learnt 'lun' in 30.0.0 (nova commit 2f0c340d)
  for (const r of ['26.0.0', '28.3.1', '29.2.1', 'caracal', '29']) assert.equal(byId.get(`lun-boot-index-${r}`)!.label.build_error, "KeyError: 'lun'");
  for (const r of ['30.0.0', '2024.2', '31.0.0', 'master']) assert.equal(byId.get(`lun-boot-index-${r}`)!.label.build_error, null);
  for (const r of ['26.0.0', '29.2.0', 'master']) assert.equal(byId.get(`lun-no-boot-index-${r}`)!.label.build_error, null);
});

test('an image with a kernel of its own: the driver asks for no boot order, so a lun with a boot index is no error (driver._conf_non_lxc)', () => {
  const c = byId.get('lun-boot-index-29.2.0')!;
  assert.match(ourAnswer(c).build_error ?? '', /KeyError: 'lun'/);
  const libvirt = (c.context as { libvirt: Record<string, unknown> }).libvirt;
  const withKernel = { ...c, context: { ...c.context, libvirt: { ...libvirt, image_properties: { disk_format: 'qcow2', kernel_id: '70a599e0-31e7-49b7-b260-868f441e862c' } } } };
  assert.equal(ourAnswer(withKernel).build_error ?? null, null);
  const noKernel = { ...c, context: { ...c.context, libvirt: { ...libvirt, image_properties: { disk_format: 'qcow2', kernel_id: 'nokernel' } } } };
  assert.match(ourAnswer(noKernel).build_error ?? '', /KeyError: 'lun'/);
});
