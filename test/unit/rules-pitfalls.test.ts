/**
 * The pitfalls of spec §10, one block each, every body labelled by Nova's own code
 * (test/fixtures/oracle/rules/pitfalls.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, server, bfv, legacy, imgRoot, volRoot, vol, snapVol, imgVol, blankVol, eph, swap, IMG, IMG2, VOL, SNAP } from './rules-helpers';

const { expectRule, expectNot, expectValid, finish } = rulesFile('pitfalls');
const flavor = (root_gb: number, ephemeral_gb = 0, swap_mb = 0) => ({ flavor: { root_gb, ephemeral_gb, swap_mb } });
const raw = (entries: string, extra = `"imageRef": "${IMG}", `) => `{"server": {"name": "s", "flavorRef": "1", ${extra}"block_device_mapping_v2": [${entries}]}}`;
const rootText = `{"source_type": "image", "destination_type": "local", "uuid": "${IMG}", "boot_index": 0}`;

test('pitfall 1: imageRef + BDMv2 gets no implicit image root (boot sequence)', () => {
  expectRule(server([vol(1)]), {}, 'BDM-COMPUTE-BOOT-SEQUENCE');
});
test('pitfall 1: ... while legacy v1 with imageRef does', () => {
  expectValid(legacy([{ volume_id: VOL[1], device_name: 'vdb' }]), {}, { not: ['BDM-COMPUTE-BOOT-SEQUENCE'] });
});
test('pitfall 1: a volume as boot_index 0 with imageRef set is fine', () => {
  expectValid(server([vol(1, { boot_index: 0 })]));
});

test('pitfall 2: image->local needs boot_index 0 ("0" counts) and a non-empty imageRef; the uuid may differ', () => {
  expectValid(server([imgRoot({ boot_index: '0', uuid: IMG2 })]));
  expectRule(server([imgRoot({ boot_index: null })]), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 0 });
  expectRule(server([imgRoot()], { imageRef: '' }), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 0 });
});

test('pitfall 3: swap is MiB, ephemeral GiB; size-less ephemerals count the whole flavor; one swap', () => {
  expectValid(server([imgRoot(), swap({ volume_size: 1024 })]), flavor(20, 0, 1024));
  expectRule(server([imgRoot(), eph(), eph({ volume_size: 1 })]), flavor(20, 10), 'BDM-COMPUTE-EPHEMERAL-SIZE');
  expectRule(server([imgRoot(), swap(), swap()]), flavor(20, 0, 512), 'BDM-COMPUTE-SWAP-COUNT');
});

test('pitfall 4: implicit flavor disks and volume->local count toward max_local_block_devices', () => {
  // image root + volume->local + the flavor's implicit ephemeral and swap = 4
  expectRule(server([imgRoot(), { source_type: 'volume', destination_type: 'local', uuid: VOL[1] }]), flavor(20, 5, 512), 'BDM-COMPUTE-LOCALS-LIMIT');
  // an explicit ephemeral replaces the flavor's: image root + ephemeral + implicit swap = 3
  expectNot(server([imgRoot(), eph({ volume_size: 1 })]), flavor(20, 5, 512), 'BDM-COMPUTE-LOCALS-LIMIT');
  expectRule(server([imgRoot(), { source_type: 'snapshot', destination_type: 'local', uuid: SNAP }, { source_type: 'volume', destination_type: 'local', uuid: VOL[1] }, eph()]), {}, 'BDM-COMPUTE-LOCALS-LIMIT');
  expectNot(server([imgRoot(), { source_type: 'snapshot', destination_type: 'local', uuid: SNAP }, { source_type: 'volume', destination_type: 'local', uuid: VOL[1] }]), {}, 'BDM-COMPUTE-LOCALS-LIMIT');
});

test('pitfall 5: volume_size "0" is a schema error; 10.5 schema; 10.0 BlockDeviceDict', () => {
  expectRule(server([imgRoot(), blankVol({ volume_size: '0' })]), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1 });
  expectRule(raw(`${rootText}, {"source_type": "blank", "destination_type": "volume", "volume_size": 10.5}`), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1, range: '10.5' });
  expectRule(raw(`${rootText}, {"source_type": "blank", "destination_type": "volume", "volume_size": 10.0}`), {}, 'BDM-DICT-VOLUME-SIZE', { entry: 1, range: '10.0' });
});
test('pitfall 5: image->volume and blank->volume need a size, snapshot/volume do not', () => {
  expectRule(bfv([imgVol({ boot_index: 0, volume_size: undefined })]), {}, 'BDM-COMPUTE-IMAGE-VOLUME-SIZE', { entry: 0 });
  expectRule(bfv([volRoot(), blankVol({ volume_size: undefined })]), {}, 'BDM-COMPUTE-BLANK-VOLUME-SIZE', { entry: 1 });
  expectValid(bfv([volRoot(), snapVol()]));
});

test('pitfall 6: with imageRef a destination-volume entry named /dev/vda is refused', () => {
  expectRule(server([imgRoot(), snapVol({ device_name: '/dev/vda' })]), {}, 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', { entry: 1, range: '"/dev/vda"' });
  expectNot(bfv([volRoot({ device_name: '/dev/vda' })]), {}, 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT');
});

test('pitfall 7: min_count/max_count > 1 refuses only source volume', () => {
  expectRule(server([imgRoot(), vol(1)], { min_count: 2, max_count: 2 }), {}, 'BDM-COMPUTE-MULTI-INSTANCE-VOLUME');
  expectValid(server([imgRoot(), snapVol(), blankVol(), imgVol()], { min_count: 2, max_count: 2 }), { max_local_block_devices: -1 });
});

test('pitfall 8: tag refused for 2.33-2.41 and below 2.32', () => {
  expectRule(bfv([volRoot({ tag: 't' })]), { microversion: '2.37' }, 'BDM-SCHEMA-TAG-MICROVERSION', { entry: 0 });
  expectRule(bfv([volRoot({ tag: 't' })]), { microversion: '2.20' }, 'BDM-SCHEMA-TAG-MICROVERSION', { entry: 0 });
  expectValid(bfv([volRoot({ tag: 't' })]), { microversion: '2.32' });
  expectValid(bfv([volRoot({ tag: 't' })]), { microversion: '2.50' });
});
test('pitfall 8: volume_type needs 2.67, is refused for source volume or destination local; ""/null pass', () => {
  expectRule(bfv([volRoot(), blankVol({ volume_type: 'lvm' })]), { microversion: '2.66' }, 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', { entry: 1 });
  expectRule(bfv([volRoot({ volume_type: 'lvm' })]), { microversion: '2.67' }, 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', { entry: 0 });
  expectRule(server([imgRoot({ volume_type: 'lvm' })]), { microversion: '2.67' }, 'BDM-DICT-VOLTYPE-LOCAL', { entry: 0 });
  expectValid(bfv([volRoot({ volume_type: '' }), blankVol({ volume_type: null })]), { microversion: '2.67' });
});

test('pitfall 9: virtual_name is schema-valid but refused by BlockDeviceDict', () => {
  expectRule(bfv([volRoot(), { source_type: 'blank', destination_type: 'local', virtual_name: 'swap' }]), {}, 'BDM-DICT-INVALID-FIELDS', { entry: 1 });
});
test('pitfall 9: any truthy no_device disables the entry\'s other checks', () => {
  const j = expectRule(bfv([volRoot(), { source_type: 'image', destination_type: 'local', no_device: 'x', boot_index: 5 }]), {}, 'BDM-DICT-NO-DEVICE-SKIP', { entry: 1 });
  assert.equal(j.a.entries[1].driverClass, null);
  expectRule(bfv([volRoot(), { source_type: 'image', destination_type: 'local', no_device: '', boot_index: 5 }]), {}, 'BDM-DICT-MISSING-UUID', { entry: 1 });
});

test('pitfall 10: disk_bus is not schema-checked: a bad bus is a generic 400, "" skipped', () => {
  const j = expectRule(bfv([volRoot({ disk_bus: 'Virtio' })]), {}, 'BDM-COMPUTE-DISK-BUS', { entry: 0 });
  assert.equal(j.oracle!.nova_message, 'Block Device Mapping is Invalid.');
  expectValid(bfv([volRoot({ disk_bus: '' })]));
});
test('pitfall 10: device_type is not schema-checked: a bad one is a 500', () => {
  expectRule(bfv([volRoot({ device_type: 'Disk' })]), {}, 'BDM-COMPUTE-DEVICE-TYPE', { entry: 0, status: 500 });
});
test('pitfall 10: libvirt ignores non-root device names and orders disks root, ephemerals, swap, volumes by class', () => {
  const j = expectValid(server([imgRoot(), blankVol({ device_name: 'vdb' }), vol(1, { device_name: 'vdc' }), swap({ volume_size: 1 }), eph({ volume_size: 1 })]), flavor(20, 1, 1));
  // blank volume listed first, but the existing volume takes the first volume name (class order volume, snapshot, image, blank)
  assert.deepEqual(j.oracle!.libvirt!.device_names, ['/dev/vda', '/dev/vde', '/dev/vdd', '/dev/vdc', '/dev/vdb']);
});

test('pitfall 11: volume_size 10.0, 1e1, 1E1 and 10.00 fail BlockDeviceDict; 10 passes', () => {
  for (const v of ['10.0', '1e1', '1E1', '10.00']) {
    expectRule(raw(`${rootText}, {"source_type": "blank", "destination_type": "volume", "volume_size": ${v}}`), {}, 'BDM-DICT-VOLUME-SIZE', { entry: 1, range: v });
  }
  expectValid(raw(`${rootText}, {"source_type": "blank", "destination_type": "volume", "volume_size": 10}`), {}, { not: ['BDM-DICT-VOLUME-SIZE'] });
});
test('pitfall 11: boot_index 1.0 and 1e0 pass as boot index 1', () => {
  for (const v of ['1.0', '1e0']) {
    const j = expectValid(raw(`${rootText}, {"source_type": "volume", "destination_type": "volume", "uuid": "${VOL[1]}", "boot_index": ${v}}`), {}, { not: ['BDM-SCHEMA-BOOT-INDEX', 'BDM-COMPUTE-BOOT-SEQUENCE'] });
    assert.equal(j.a.entries[1].bdm?.boot_index, 1);
    assert.deepEqual(j.oracle!.libvirt!.boot_dev_order, ['hd']);
  }
});
test('pitfall 11: boot_index 0.0 as the only root', () => {
  expectValid(`{"server": {"name": "s", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "${VOL[0]}", "boot_index": 0.0}]}}`, {}, { not: ['BDM-COMPUTE-BOOT-SEQUENCE'] });
});

test('2.0 (legacy /v2): unknown keys are stripped, not refused', () => {
  expectRule(bfv([volRoot({ tag: 't' })]), { microversion: '2.0' }, 'BDM-SCHEMA-LEGACY-V2-STRIP', { entry: 0, range: '"tag"' });
  expectRule(bfv([volRoot({ tag: 't' })]), { microversion: '2.1' }, 'BDM-SCHEMA-TAG-MICROVERSION', { entry: 0 });
});
test('2.0 (legacy /v2): a stripped volume_type is not judged (no BDM-DICT-VOLTYPE-EXISTING-VOLUME)', () => {
  expectValid(bfv([volRoot({ volume_type: 'lvm' })]), { microversion: '2.0' }, { not: ['BDM-DICT-VOLTYPE-EXISTING-VOLUME'] });
});
test('2.0 (legacy /v2): a stripped volume_type on a local disk is not judged either', () => {
  expectValid(server([imgRoot(), eph({ volume_type: 'lvm' })]), { microversion: '2.0' }, { not: ['BDM-DICT-VOLTYPE-LOCAL'] });
});

// Python's json reads NaN, Infinity and -Infinity as floats: the body is Nova's to judge
const same = (j: { a: { verdict: { message: string } | null }; oracle: { nova_message: string | null } | null }) => {
  if (j.oracle || !process.env.BDM_ORACLE_LABEL) assert.equal(j.a.verdict?.message, j.oracle?.nova_message);
};
test('NaN and the infinities: no_device NaN is truthy (a no-device placeholder), as is -Infinity', () => {
  const j = expectRule(raw(`${rootText}, {"device_name": "vdb", "no_device": NaN}`), {}, 'BDM-DICT-NO-DEVICE-SKIP', { entry: 1 });
  assert.equal(j.a.valid, true);
  assert.deepEqual(j.a.entries.map((e) => e.driverClass), ['DriverImageBlockDevice', null]);
  expectRule(raw(`${rootText}, {"source_type": "volume", "uuid": "${VOL[1]}", "no_device": -Infinity}`), {}, 'BDM-DICT-NO-DEVICE-SKIP', { entry: 1 });
  expectValid(`{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping": [{"device_name": "vdb", "no_device": Infinity}]}}`);
});
test('NaN and the infinities are floats to jsonschema, never integers: boot_index, volume_size, min_count in Nova\'s words', () => {
  same(expectRule(raw(`{"source_type": "image", "destination_type": "local", "uuid": "${IMG}", "boot_index": Infinity}`), {}, 'BDM-SCHEMA-BOOT-INDEX', { entry: 0, range: 'Infinity' }));
  same(expectRule(raw(`${rootText}, {"source_type": "volume", "destination_type": "volume", "uuid": "${VOL[1]}", "boot_index": -Infinity}`), {}, 'BDM-SCHEMA-BOOT-INDEX', { entry: 1, range: '-Infinity' }));
  same(expectRule(raw(`${rootText}, {"source_type": "blank", "destination_type": "volume", "volume_size": NaN}`), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1, range: 'NaN' }));
  same(expectRule(raw(`${rootText}, {"source_type": "blank", "destination_type": "volume", "volume_size": Infinity}`), {}, 'BDM-SCHEMA-VOLUME-SIZE', { entry: 1 }));
  same(expectRule(raw(`${rootText}, {"source_type": "volume", "destination_type": "volume", "uuid": "${VOL[1]}", "delete_on_termination": NaN}`), {}, 'BDM-SCHEMA-BOOLEAN', { entry: 1 }));
  same(expectRule(raw(rootText, `"imageRef": "${IMG}", "min_count": NaN, "max_count": -Infinity, `), {}, 'BDM-SCHEMA-REQUEST', { entry: null, range: 'NaN' }));
});
test('NaN and the infinities: Python\'s repr inside a value (nan, inf, -inf), and scheduler hints', () => {
  same(expectRule(raw(`${rootText}, {"source_type": "blank", "destination_type": "local", "x": [NaN, Infinity, -Infinity]}`), {}, 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', { entry: 1 }));
  expectValid(`{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}"}, "os:scheduler_hints": {"foo": NaN, "bar": [Infinity, -Infinity]}}`, {}, { not: ['BDM-JSON-SYNTAX'] });
  same(expectRule(`{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}"}, "os:scheduler_hints": {"group": -Infinity}}`, {}, 'BDM-SCHEMA-REQUEST', { entry: null }));
  // at 2.0 an unknown key holding one is stripped
  expectValid(raw(`${rootText}, {"source_type": "blank", "destination_type": "local", "x": NaN}`), { microversion: '2.0' });
});
test('NaN and the infinities: what Python\'s json refuses stays a syntax error (-NaN, 1NaN, nan, - Infinity, NaN as a key)', () => {
  const why = 'not JSON to Python\'s json either (json.loads raises on it); the oracle takes its cases as JSON';
  for (const [v, at] of [['-NaN', '-'], ['1NaN', 'NaN'], ['nan', 'nan'], ['- Infinity', '-'], ['NaNx', 'NaNx'], ['1Infinity', 'Infinity']]) {
    expectRule(raw(rootText, `"imageRef": "${IMG}", "min_count": ${v}, `), {}, 'BDM-JSON-SYNTAX', { first: true, status: 400, range: at, noOracle: why });
  }
  expectRule(raw(rootText, `"imageRef": "${IMG}", NaN: 1, `), {}, 'BDM-JSON-SYNTAX', { first: true, status: 400, range: 'NaN', noOracle: why });
});

test('pitfalls.json fixture is in step with these cases', () => finish());
