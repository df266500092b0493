/**
 * Legacy block_device_mapping (spec §4.6): schema of legacy items, conversion, root selection
 * and the implicit image root; labelled by Nova's own code (test/fixtures/oracle/rules/legacy.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, legacy, IMG, VOL, SNAP } from './rules-helpers';

const { expectRule, expectValid, finish } = rulesFile('legacy');
const SNAP_UUID = 'a1b2c3d4-0000-4000-8000-00000000beef';

test('BDM-SCHEMA-LEGACY-ITEM: source_type in a legacy item', () => {
  expectRule(legacy([{ volume_id: VOL[1], device_name: 'vdb', source_type: 'volume' }]), {}, 'BDM-SCHEMA-LEGACY-ITEM', { entry: 0 });
});
test('BDM-SCHEMA-LEGACY-ITEM: uuid in a legacy item', () => {
  expectRule(legacy([{ uuid: VOL[1], device_name: 'vdb' }]), {}, 'BDM-SCHEMA-LEGACY-ITEM', { entry: 0 });
});
test('BDM-SCHEMA-LEGACY-ITEM negative: v1 keys only', () => {
  expectValid(legacy([{ volume_id: VOL[1], device_name: 'vdb', delete_on_termination: 'yes', volume_size: 1 }]), {}, { not: ['BDM-SCHEMA-LEGACY-ITEM'] });
});

test('BDM-LEGACY-CONVERSION: an item with neither volume, snapshot, virtual_name nor no_device', () => {
  expectRule(legacy([{ device_name: 'vdb', volume_size: 1 }]), {}, 'BDM-LEGACY-CONVERSION', { entry: 0 });
});
test('BDM-LEGACY-CONVERSION: virtual_name other than swap/ephemeralN', () => {
  expectRule(legacy([{ virtual_name: 'scratch', device_name: 'vdb' }]), {}, 'BDM-LEGACY-CONVERSION', { entry: 0 });
});
test('BDM-LEGACY-CONVERSION negative: snapshot_id, swap, ephemeral0 and no_device items convert', () => {
  expectValid(legacy([
    { snapshot_id: SNAP_UUID, device_name: 'vdb' },
    { virtual_name: 'swap', device_name: 'vdc', volume_size: 1 },
    { virtual_name: 'ephemeral0', device_name: 'vdd', volume_size: 1 },
    { no_device: true, device_name: 'vde' },
  ]), { flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 512 }, max_local_block_devices: -1 }, { not: ['BDM-LEGACY-CONVERSION'] });
});

test('BDM-LEGACY-ITEM-INVALID: volume_size 10.0 in a legacy item', () => {
  const body = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping": [{"volume_id": "${VOL[1]}", "device_name": "vdb", "volume_size": 10.0}]}}`;
  expectRule(body, {}, 'BDM-LEGACY-ITEM-INVALID', { entry: 0, range: '10.0' });
});
test('BDM-LEGACY-ITEM-INVALID negative: volume_size 10', () => {
  const body = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping": [{"volume_id": "${VOL[1]}", "device_name": "vdb", "volume_size": 10}]}}`;
  expectValid(body, {}, { not: ['BDM-LEGACY-ITEM-INVALID'] });
});

// root selection (spec §4.6): the item named like the root gets boot_index 0
test('legacy root: a volume named /dev/vda boots without imageRef', () => {
  const j = expectValid(legacy([{ volume_id: VOL[0], device_name: '/dev/vda' }], { imageRef: undefined }), {}, { not: ['BDM-COMPUTE-BOOT-SEQUENCE'] });
  assert.equal(j.a.entries[0].bdm?.boot_index, 0);
});
test('legacy root: a volume named /dev/sda without imageRef has no root (boot sequence)', () => {
  expectRule(legacy([{ volume_id: VOL[0], device_name: '/dev/sda' }], { imageRef: undefined }), {}, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('legacy root: an unnamed volume without imageRef has no root', () => {
  expectRule(legacy([{ volume_id: VOL[0] }], { imageRef: undefined }), {}, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('legacy with imageRef: an implicit image root is prepended', () => {
  const j = expectValid(legacy([{ volume_id: VOL[1], device_name: 'vdb' }]));
  assert.deepEqual(j.oracle!.implicit_driver_classes, ['DriverImageBlockDevice']);
  assert.ok(j.a.novaBdms!.some((b) => b.implicit === 'legacy-image-root'));
});
test('legacy is not checked for the vda name conflict (no destination_type yet)', () => {
  expectValid(legacy([{ volume_id: VOL[1], device_name: 'vda' }]), {}, { not: ['BDM-COMPUTE-ROOT-DEVNAME-CONFLICT'] });
});
test('legacy delete_on_termination strings are parsed in the controller ("False" is false)', () => {
  const j = expectValid(legacy([{ volume_id: VOL[0], device_name: 'vda', delete_on_termination: 'False' }], { imageRef: undefined }));
  assert.equal(j.a.entries[0].bdm?.delete_on_termination, false);
});
test('legacy snapshot item with max_count 2 is fine, a volume item is not', () => {
  expectValid(legacy([{ snapshot_id: SNAP, device_name: 'vdb' }], { max_count: 2 }), {}, { not: ['BDM-COMPUTE-MULTI-INSTANCE-VOLUME'] });
  expectRule(legacy([{ volume_id: VOL[1], device_name: 'vdb' }], { max_count: 2 }), {}, 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME');
});

const ROOT_VDB = { libvirt: { image_properties: { root_device_name: 'vdb' } } };
test('BDM-COMPUTE-BOOT-SEQUENCE: without imageRef and without a "...da" item with an id, the instance has no image metadata, so the image\'s root_device_name (vdb) does not make /dev/vdb the root (vda stays the root name)', () => {
  expectRule(legacy([{ device_name: '/dev/vdb', volume_id: VOL[1] }], { imageRef: undefined }), ROOT_VDB, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('BDM-COMPUTE-BOOT-SEQUENCE negative: the image\'s root_device_name vdb counts with imageRef, or when a "...da" item gives the metadata', () => {
  expectValid(legacy([{ device_name: '/dev/vdb', volume_id: VOL[1] }]), ROOT_VDB, { not: ['BDM-COMPUTE-BOOT-SEQUENCE'] });
  expectValid(legacy([{ device_name: 'sda', volume_id: VOL[2] }, { device_name: '/dev/vdb', volume_id: VOL[1] }], { imageRef: undefined }), ROOT_VDB, { not: ['BDM-COMPUTE-BOOT-SEQUENCE'] });
});
test('legacy.json fixture is in step with these cases', () => finish());
