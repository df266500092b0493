/**
 * Controller (spec §4.2) and BlockDeviceDict (spec §4.3) layers: a positive and a near-miss
 * negative per rule id, labelled by Nova's own code (test/fixtures/oracle/rules/dict.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesFile, server, bfv, legacy, imgRoot, volRoot, vol, snapVol, blankVol, eph, IMG, IMG2, VOL } from './rules-helpers';

const { expectRule, expectNot, expectValid, finish } = rulesFile('dict');
const MV67 = { microversion: '2.67' };

// ---- controller
test('BDM-API-MIN-MAX-COUNT: min_count 3 > max_count 2', () => {
  expectRule(server([imgRoot()], { min_count: 3, max_count: 2 }), {}, 'BDM-API-MIN-MAX-COUNT', { entry: null });
});
test('BDM-API-MIN-MAX-COUNT negative: min_count 2, max_count 3 (image boot)', () => {
  expectValid(server([imgRoot()], { min_count: 2, max_count: 3 }), {}, { not: ['BDM-API-MIN-MAX-COUNT'] });
});

test('BDM-API-MIXED-SYNTAX: both lists non-empty', () => {
  expectRule(server([imgRoot()], { block_device_mapping: [{ volume_id: VOL[1], device_name: 'vdb' }] }), {}, 'BDM-API-MIXED-SYNTAX');
});
test('BDM-API-MIXED-SYNTAX negative: an empty legacy list does not count', () => {
  expectValid(server([imgRoot()], { block_device_mapping: [] }), {}, { not: ['BDM-API-MIXED-SYNTAX'] });
});

test('BDM-API-MISSING-IMAGEREF: no imageRef and no entries', () => {
  expectRule(server(undefined, { imageRef: undefined }), {}, 'BDM-API-MISSING-IMAGEREF', { entry: null });
});
test('BDM-API-MISSING-IMAGEREF: imageRef "" and an empty v2 list', () => {
  expectRule(server([], { imageRef: '' }), {}, 'BDM-API-MISSING-IMAGEREF', { entry: null });
});
test('BDM-API-MISSING-IMAGEREF negative: no imageRef but a volume root', () => {
  expectValid(bfv([volRoot()]), {}, { not: ['BDM-API-MISSING-IMAGEREF'] });
});

// ---- BlockDeviceDict
test('BDM-DICT-NO-DEVICE-SKIP: no_device true skips the missing uuid', () => {
  const j = expectRule(bfv([volRoot(), { source_type: 'volume', no_device: true }]), {}, 'BDM-DICT-NO-DEVICE-SKIP', { entry: 1 });
  assert.equal(j.a.valid, true);
  assert.equal(j.a.entries[1].driverClass, null);
});
test('BDM-DICT-NO-DEVICE-SKIP: the string "false" is truthy', () => {
  expectRule(bfv([volRoot(), { source_type: 'image', destination_type: 'local', no_device: 'false' }]), {}, 'BDM-DICT-NO-DEVICE-SKIP', { entry: 1 });
});
test('BDM-DICT-NO-DEVICE-SKIP negative: no_device 0 is falsy, the entry is checked', () => {
  expectNot(bfv([volRoot(), { source_type: 'volume', destination_type: 'volume', no_device: 0 }]), {}, 'BDM-DICT-NO-DEVICE-SKIP');
});

test('BDM-DICT-INVALID-FIELDS: virtual_name in a v2 entry', () => {
  const j = expectRule(server([imgRoot(), eph({ virtual_name: 'ephemeral0' })]), {}, 'BDM-DICT-INVALID-FIELDS', { entry: 1 });
  assert.match(j.a.verdict!.message, /virtual_name/);
});
test('BDM-DICT-INVALID-FIELDS: checked even on a no_device entry', () => {
  expectRule(server([imgRoot(), { no_device: true, virtual_name: 'swap' }]), {}, 'BDM-DICT-INVALID-FIELDS', { entry: 1 });
});
test('BDM-DICT-INVALID-FIELDS negative: the same ephemeral without virtual_name', () => {
  expectValid(server([imgRoot(), eph()]), {}, { not: ['BDM-DICT-INVALID-FIELDS'] });
});

test('BDM-DICT-BLANK-WITH-UUID: a blank volume with a uuid', () => {
  expectRule(server([imgRoot(), blankVol({ uuid: VOL[1] })]), {}, 'BDM-DICT-BLANK-WITH-UUID', { entry: 1 });
});
test('BDM-DICT-BLANK-WITH-UUID negative: blank with snapshot_id (not uuid) passes', () => {
  expectNot(server([imgRoot(), blankVol({ snapshot_id: VOL[1] })]), {}, 'BDM-DICT-BLANK-WITH-UUID');
});

test('BDM-DICT-MISSING-UUID: a volume without uuid', () => {
  expectRule(bfv([volRoot({ uuid: undefined })]), {}, 'BDM-DICT-MISSING-UUID', { entry: 0 });
});
test('BDM-DICT-MISSING-UUID: volume_id does not stand in for uuid', () => {
  expectRule(bfv([volRoot({ uuid: undefined, volume_id: VOL[0] })]), {}, 'BDM-DICT-MISSING-UUID', { entry: 0 });
});
test('BDM-DICT-MISSING-UUID: no source_type and no uuid', () => {
  expectRule(server([imgRoot(), { destination_type: 'volume', volume_size: 1 }]), {}, 'BDM-DICT-MISSING-UUID', { entry: 1 });
});
test('BDM-DICT-MISSING-UUID negative: the volume with its uuid', () => {
  expectNot(bfv([volRoot()]), {}, 'BDM-DICT-MISSING-UUID');
});

test('BDM-DICT-SOURCE-TYPE-MISSING: uuid without source_type is an HTTP 500', () => {
  expectRule(bfv([{ uuid: VOL[0], destination_type: 'volume', boot_index: 0 }]), {}, 'BDM-DICT-SOURCE-TYPE-MISSING', { entry: 0, status: 500 });
});
test('BDM-DICT-SOURCE-TYPE-MISSING negative: with source_type', () => {
  expectNot(bfv([{ source_type: 'volume', uuid: VOL[0], destination_type: 'volume', boot_index: 0 }]), {}, 'BDM-DICT-SOURCE-TYPE-MISSING');
});

test('BDM-DICT-IMAGE-LOCAL-BOOT: image->local at boot_index 1', () => {
  expectRule(server([imgRoot(), imgRoot({ boot_index: 1 })]), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 1 });
});
test('BDM-DICT-IMAGE-LOCAL-BOOT: boot_index omitted counts as -1', () => {
  expectRule(server([imgRoot({ boot_index: undefined })]), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 0 });
});
test('BDM-DICT-IMAGE-LOCAL-BOOT: boot_index null', () => {
  expectRule(server([imgRoot({ boot_index: null })]), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 0 });
});
test('BDM-DICT-IMAGE-LOCAL-BOOT: no imageRef', () => {
  expectRule(bfv([imgRoot()]), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 0 });
});
test('BDM-DICT-IMAGE-LOCAL-BOOT: imageRef ""', () => {
  expectRule(server([imgRoot()], { imageRef: '' }), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT', { entry: 0 });
});
test('BDM-DICT-IMAGE-LOCAL-BOOT negative: boot_index "0" and another image uuid than imageRef', () => {
  expectValid(server([imgRoot({ boot_index: '0', uuid: IMG2 })]), {}, { not: ['BDM-DICT-IMAGE-LOCAL-BOOT'] });
});
test('BDM-DICT-IMAGE-LOCAL-BOOT negative: boot_index "00"', () => {
  expectNot(server([imgRoot({ boot_index: '00' })]), {}, 'BDM-DICT-IMAGE-LOCAL-BOOT');
});

test('BDM-DICT-VOLTYPE-LOCAL: volume_type on an ephemeral', () => {
  expectRule(server([imgRoot(), eph({ volume_type: 'lvm' })]), MV67, 'BDM-DICT-VOLTYPE-LOCAL', { entry: 1 });
});
test('BDM-DICT-VOLTYPE-LOCAL negative: volume_type "" on an ephemeral is ignored', () => {
  expectValid(server([imgRoot(), eph({ volume_type: '' })]), MV67, { not: ['BDM-DICT-VOLTYPE-LOCAL'] });
});

test('BDM-DICT-VOLTYPE-EXISTING-VOLUME: volume_type on source volume', () => {
  expectRule(bfv([volRoot({ volume_type: 'lvm' })]), MV67, 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', { entry: 0 });
});
test('BDM-DICT-VOLTYPE-EXISTING-VOLUME negative: volume_type on snapshot->volume', () => {
  expectValid(bfv([volRoot(), snapVol({ volume_type: 'lvm' })]), MV67, { not: ['BDM-DICT-VOLTYPE-EXISTING-VOLUME'] });
});

test('BDM-DICT-VOLUME-SIZE: 10.0 passes the schema and fails here', () => {
  const body = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"source_type": "image", "destination_type": "local", "uuid": "${IMG}", "boot_index": 0}, {"source_type": "blank", "destination_type": "volume", "volume_size": 10.0}]}}`;
  expectRule(body, {}, 'BDM-DICT-VOLUME-SIZE', { entry: 1, range: '10.0' });
});
test('BDM-DICT-VOLUME-SIZE: 1e1', () => {
  const body = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"source_type": "image", "destination_type": "local", "uuid": "${IMG}", "boot_index": 0}, {"source_type": "blank", "destination_type": "volume", "volume_size": 1e1}]}}`;
  expectRule(body, {}, 'BDM-DICT-VOLUME-SIZE', { entry: 1, range: '1e1' });
});
test('BDM-DICT-VOLUME-SIZE negative: 10', () => {
  const body = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"source_type": "image", "destination_type": "local", "uuid": "${IMG}", "boot_index": 0}, {"source_type": "blank", "destination_type": "volume", "volume_size": 10}]}}`;
  expectValid(body, {}, { not: ['BDM-DICT-VOLUME-SIZE'] });
});

// order: the first failing entry wins, in list order (spec §1 S3)
test('the first bad entry is blamed: entry 1 (missing uuid) before entry 2 (blank with uuid)', () => {
  expectRule(server([imgRoot(), vol(1, { uuid: undefined }), blankVol({ uuid: VOL[2] })]), {}, 'BDM-DICT-MISSING-UUID', { entry: 1 });
});
test('BlockDeviceDict runs before the compute layer: legacy list is not involved', () => {
  expectNot(legacy([{ volume_id: VOL[0], device_name: 'vda' }], { imageRef: undefined }), {}, 'BDM-DICT-MISSING-UUID');
});

// ---- controller, continued
// availability_zone: the controller splits it into zone, host and node; three colons or more are InvalidInput
test('BDM-API-AZ-PARSE: three colons or more, at 2.1, 2.37 and 2.0', () => {
  expectRule(server([imgRoot()], { availability_zone: 'a:b:c:d' }), {}, 'BDM-API-AZ-PARSE', { entry: null, path: 'server.availability_zone', range: '"a:b:c:d"' });
  expectRule(server([imgRoot()], { availability_zone: ':::' }), { microversion: '2.37' }, 'BDM-API-AZ-PARSE');
  expectRule(server([imgRoot()], { availability_zone: 'nova:h:n:' }), { microversion: '2.0' }, 'BDM-API-AZ-PARSE');
  expectRule(server([imgRoot()], { availability_zone: 'z::::n\u00e9' }), {}, 'BDM-API-AZ-PARSE');
});
// From 2.74 a host asked for with host/hypervisor_hostname and with the zone's forced host or node: Nova's
// _process_hosts_for_create refuses both. The oracle cannot label these: its controller looks the forced
// host's aggregates up in a database it does not have (AggregateList.get_by_host) before this check.
const NO_AGGREGATES = "the forced host's aggregates are looked up in Nova's database before this check; the oracle has none";
test('BDM-API-HOST-AND-FORCED-HOST: host or hypervisor_hostname with zone:host, zone:host:node or zone::node, from 2.74', () => {
  for (const [az, extra] of [['nova:compute-1', { host: 'compute-1' }], ['nova:compute-1:node-1', { hypervisor_hostname: 'node-1' }], ['nova::node-1', { host: 'c', hypervisor_hostname: 'n' }], [':compute-1', { host: 'compute-1' }]] as const) {
    expectRule(server([imgRoot()], { networks: 'none', availability_zone: az, ...extra }), { microversion: '2.74' }, 'BDM-API-HOST-AND-FORCED-HOST', { entry: null, path: 'server.availability_zone', range: JSON.stringify(az), noOracle: NO_AGGREGATES });
  }
  // after the zone's own parse error, before the block devices
  expectRule(server([imgRoot()], { networks: 'none', availability_zone: 'a:b:c:d', host: 'h' }), { microversion: '2.74' }, 'BDM-API-AZ-PARSE');
  expectRule(server([imgRoot(), { source_type: 'volume', destination_type: 'volume' }], { networks: 'none', availability_zone: 'nova:h', host: 'h' }), { microversion: '2.90' }, 'BDM-API-HOST-AND-FORCED-HOST', { noOracle: NO_AGGREGATES });
});
test('BDM-API-HOST-AND-FORCED-HOST negative: a zone that forces no host (nova, nova:, nova::) beside host; a forced host alone; host below 2.74 is the schema\'s', () => {
  for (const az of ['nova', 'nova:', 'nova::']) expectNot(server([imgRoot()], { networks: 'none', availability_zone: az, host: 'compute-1' }), { microversion: '2.74' }, 'BDM-API-HOST-AND-FORCED-HOST');
  expectNot(server([imgRoot()], { networks: 'none', availability_zone: 'nova:compute-1' }), { microversion: '2.74' }, 'BDM-API-HOST-AND-FORCED-HOST', { noOracle: NO_AGGREGATES });
  expectNot(server([imgRoot()], { availability_zone: 'nova:compute-1', host: 'compute-1' }), { microversion: '2.73' }, 'BDM-API-HOST-AND-FORCED-HOST');
});
test('BDM-API-AZ-PARSE: after min_count > max_count and personality, before both syntaxes, the entries, the image and the networks', () => {
  expectRule(server([imgRoot()], { availability_zone: 'a:b:c:d', min_count: 3, max_count: 2 }), {}, 'BDM-API-MIN-MAX-COUNT', { id: 'az-min-max' });
  expectRule(server([imgRoot()], { availability_zone: 'a:b:c:d', personality: [{ path: '/x' }] }), {}, 'BDM-API-PERSONALITY-KEYS', { id: 'az-personality' });
  expectRule(server([imgRoot()], { availability_zone: 'a:b:c:d', block_device_mapping: [{ volume_id: VOL[1], device_name: 'vdb' }] }), {}, 'BDM-API-AZ-PARSE');
  expectRule(server([{ source_type: 'volume', destination_type: 'volume' }], { availability_zone: 'a:b:c:d' }), {}, 'BDM-API-AZ-PARSE');
  expectRule(server(undefined, { imageRef: undefined, availability_zone: 'a:b:c:d' }), {}, 'BDM-API-AZ-PARSE');
  expectRule(server([imgRoot()], { availability_zone: 'a:b:c:d', networks: [{ uuid: 'not-a-uuid' }] }), {}, 'BDM-API-AZ-PARSE');
});
test('BDM-API-AZ-PARSE negative: a zone, a zone with a node and nothing after, and what the schema refuses', () => {
  expectValid(server([imgRoot()], { availability_zone: 'nova' }), {}, { not: ['BDM-API-AZ-PARSE'], id: 'az-valid#1' });
  expectValid(server([imgRoot()], { availability_zone: 'a::' }), {}, { not: ['BDM-API-AZ-PARSE'], id: 'az-valid#2' });
  expectNot(server([imgRoot()], { availability_zone: 5 }), {}, 'BDM-API-AZ-PARSE');
  expectNot(server([imgRoot()], { availability_zone: [':::'] }), { microversion: '2.0' }, 'BDM-API-AZ-PARSE');
});

// personality: the controller reads both keys of every item (a KeyError is Nova's 500)
const FILE = { path: '/etc/motd', contents: 'aGk=' };
test('BDM-API-PERSONALITY-KEYS: an item without contents', () => {
  expectRule(server([imgRoot()], { personality: [{ path: '/etc/motd' }] }), {}, 'BDM-API-PERSONALITY-KEYS', { entry: null, path: 'server.personality[0]', range: '{' });
});
test('BDM-API-PERSONALITY-KEYS: an item without path, an empty item', () => {
  expectRule(server([imgRoot()], { personality: [{ contents: 'aGk=' }] }), {}, 'BDM-API-PERSONALITY-KEYS');
  expectRule(server([imgRoot()], { personality: [{}] }), {}, 'BDM-API-PERSONALITY-KEYS');
});
test('BDM-API-PERSONALITY-KEYS: the first incomplete item, after a complete one', () => {
  expectRule(server([imgRoot()], { personality: [FILE, { path: '/y' }, {}] }), {}, 'BDM-API-PERSONALITY-KEYS', { path: 'server.personality[1]' });
});
test('BDM-API-PERSONALITY-KEYS: at 2.56 and at 2.0 (the extra key stripped, or kept when it is the only one)', () => {
  expectRule(server([imgRoot()], { personality: [{ path: '/x' }] }), { microversion: '2.56' }, 'BDM-API-PERSONALITY-KEYS');
  expectRule(server([imgRoot()], { personality: [{ path: '/x', extra: 1 }] }), { microversion: '2.0' }, 'BDM-API-PERSONALITY-KEYS');
  expectRule(server([imgRoot()], { personality: [{ extra: 1 }] }), { microversion: '2.0' }, 'BDM-API-PERSONALITY-KEYS');
});
test('BDM-API-PERSONALITY-KEYS: after min_count > max_count, before both syntaxes, the entries, the image and the networks', () => {
  expectRule(server([imgRoot()], { personality: [{ path: '/x' }], min_count: 3, max_count: 2 }), {}, 'BDM-API-MIN-MAX-COUNT', { id: 'personality-min-max' });
  expectRule(server([imgRoot()], { personality: [{ path: '/x' }], block_device_mapping: [{ volume_id: VOL[1], device_name: 'vdb' }] }), {}, 'BDM-API-PERSONALITY-KEYS');
  expectRule(server([{ source_type: 'volume', destination_type: 'volume' }], { personality: [{ path: '/x' }] }), {}, 'BDM-API-PERSONALITY-KEYS');
  expectRule(server(undefined, { imageRef: undefined, personality: [{ path: '/x' }] }), {}, 'BDM-API-PERSONALITY-KEYS');
  expectRule(server([imgRoot()], { personality: [{ path: '/x' }], networks: [{ uuid: 'not-a-uuid' }] }), {}, 'BDM-API-PERSONALITY-KEYS');
});
test('BDM-API-PERSONALITY-KEYS negative: complete items, an empty list, the 2.0 extra key stripped', () => {
  expectValid(server([imgRoot()], { personality: [FILE] }), {}, { not: ['BDM-API-PERSONALITY-KEYS'], id: 'personality-valid#1' });
  expectValid(server([imgRoot()], { personality: [] }), {}, { not: ['BDM-API-PERSONALITY-KEYS'], id: 'personality-valid#2' });
  expectValid(server([imgRoot()], { personality: [{ ...FILE, extra: 1 }] }), { microversion: '2.0' }, { not: ['BDM-API-PERSONALITY-KEYS'], id: 'personality-valid#3' });
});
test('BDM-API-PERSONALITY-KEYS negative: what the schema refuses (not a list, an item of a wrong shape, 2.57 has no personality)', () => {
  expectNot(server([imgRoot()], { personality: { path: '/x' } }), {}, 'BDM-API-PERSONALITY-KEYS');
  expectNot(server([imgRoot()], { personality: [{ path: 1 }] }), {}, 'BDM-API-PERSONALITY-KEYS');
  expectNot(server([imgRoot()], { personality: [{ path: '/x' }] }), { microversion: '2.57' }, 'BDM-API-PERSONALITY-KEYS');
});
test('BDM-API-PERSONALITY-KEYS after a schema error: Nova answers the schema\'s, the next item is still told', () => {
  expectRule(server([imgRoot()], { personality: [null, { path: '/x' }] }), {}, 'BDM-API-PERSONALITY-KEYS', { first: false, path: 'server.personality[1]' });
});

test('dict.json fixture is in step with these cases', () => finish());
