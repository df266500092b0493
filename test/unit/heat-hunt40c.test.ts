/**
 * Hunt 40c: `get_attr` in block devices, labelled from Heat 19.0.0's code facts and then by the
 * oracles (test/fixtures/heat-hunt40c/labels.json, scripts/heat-hunt40c-gen.ts). The heat-oracle
 * gives every attribute a UUID (it cannot run get_attr as Heat does once the volume is made), so
 * each case is labelled on a copy of its template where each get_attr is the value Heat reads back
 * once the stack has made the resource, then by label40b (Stack.validate, the heat-oracle, Heat's
 * own AWS::EC2::Instance, the nova-oracle); bdm-lab runs on the template as written:
 * - OS::Cinder::Volume's `size` is Python's str() of the size Cinder shows, the size it was made
 *   with: the `size` property (an Integer: '10', ' 10 ', '010' and {get_param: n} give '10');
 *   `availability_zone` the zone given (cinder/volume.py `_resolve_attribute`);
 * - OS::Heat::Value's `value` is its `value` property as resolved (heat/value.py);
 * - a volume made with no size (from an image, a snapshot, a source volume) has the cloud's size:
 *   bdm-lab must not refuse; it leaves the size out of the mapping (the label's size, CLOUD_SIZE,
 *   is taken out of Heat's body before comparing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { compare40c, CLOUD_SIZE, type Attr40cCase } from '../../scripts/heat-hunt40c-gen';
import { heatSources } from '../../server/src/source/heat';

const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt40c', 'labels.json'), 'utf8')) as Attr40cCase[];
type Body = { server: { block_device_mapping_v2?: Array<Record<string, unknown>>; block_device_mapping?: Array<Record<string, unknown>>; availability_zone?: unknown } };
const doc = (template: string, name: string) => heatSources(template).find((d) => d.name === name)!;

test('hunt 40c: get_attr in block devices as Heat 19.0.0 resolves it when it makes the stack (test/fixtures/heat-hunt40c/labels.json, labelled by the heat-oracle, Heat\'s Stack.validate and Instance, the nova-oracle, on the values Heat\'s code reads back)', () => {
  assert.ok(CASES.length >= 100, `${CASES.length} cases`);
  for (const c of CASES) assert.deepEqual(compare40c(c), [], c.id);
  const sent = CASES.filter((c) => c.oracle.stack_validate === 'ok' && Object.values(c.oracle.servers).some((s) => s.stage === 'sent'));
  // the labels hold the sizes get_attr gives, as Heat sends them
  const sized = sent.filter((c) => !c.cloudSized && /volume_size: \{get_attr: \[vol2?, size\]\}/.test(c.template));
  assert.ok(sized.length >= 30, `${sized.length} servers sent with a volume's size`);
  assert.ok(sized.some((c) => Object.values(c.oracle.servers).some((s) => JSON.stringify(s.nova_body).includes('"volume_size":'))), 'a size in a body Heat sends');
  assert.ok(sent.filter((c) => c.cloudSized).length >= 10, 'volumes with the cloud\'s size');
  assert.ok(CASES.some((c) => Object.values(c.instances).some((i) => i.stage === 'sent') && /VolumeSize: \{get_attr/.test(c.template)), 'an AWS::EC2::Instance with a volume\'s size');
  assert.ok(sent.some((c) => /volume_size: \{get_attr: \[sz, value\]\}/.test(c.template)), 'an OS::Heat::Value\'s value as a size');
});

const VOL = (props: string) => `heat_template_version: 2018-08-31\nparameters:\n  n: {type: number, default: 30}\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {${props}}\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      networks: [{network: private}]\n      block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: 0, volume_size: {get_attr: [vol, size]}}]\n`;

test('a volume\'s size attribute is its size property, as an Integer takes it (Heat: str(volume.size), then the Integer property)', () => {
  // labelled by the heat-oracle on the template with the value Heat reads back ('10'): volume_size 10
  for (const [props, size] of [['size: 10', 10], ["size: ' 10 '", 10], ["size: '010', image: cirros", 10], ['size: {get_param: n}', 30]] as const) {
    const d = doc(VOL(props), 'srv');
    assert.equal(d.translation.error, null, props);
    assert.equal((d.body as Body).server.block_device_mapping_v2![0].volume_size, size, props);
    assert.ok(d.translation.notes.some((n) => n.message.includes(`the volume's size property (${size} GB)`)), props);
  }
});

test('a volume made with no size (from an image, a snapshot, a source volume, a backup) has the cloud\'s size: no refusal, the size left out, a note', () => {
  // (a volume from an image alone is refused by Heat: it needs a size)
  for (const props of ['snapshot_id: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f', 'source_volid: a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', 'backup_id: b1, size: 5']) {
    const d = doc(VOL(props), 'srv');
    assert.equal(d.translation.error, null, props);
    assert.equal((d.body as Body).server.block_device_mapping_v2![0].volume_size, undefined, props);
    assert.ok(d.translation.notes.some((n) => /known only when the stack runs/.test(n.message)), props);
  }
  // the same in an AWS::EC2::Instance's VolumeSize (a String Heat's Instance gives int()): the size left out
  const inst = `heat_template_version: 2018-08-31\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {snapshot_id: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f}\n  inst:\n    type: AWS::EC2::Instance\n    properties: {ImageId: cirros, InstanceType: m1.small, SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: s1, VolumeSize: {get_attr: [vol, size]}}}]}\n`;
  const d = doc(inst, 'inst');
  assert.equal(d.translation.error, null);
  assert.deepEqual((d.body as Body).server.block_device_mapping, [{ device_name: 'vdb', snapshot_id: 's1', delete_on_termination: 'True' }]);
  // with a size: Heat's Instance sends it as the text novaclient reads back
  const sized = doc(inst.replace('{snapshot_id: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f}', '{size: 8}'), 'inst');
  assert.deepEqual((sized.body as Body).server.block_device_mapping, [{ device_name: 'vdb', snapshot_id: 's1', volume_size: '8', delete_on_termination: 'True' }]);
});

test('OS::Heat::Value\'s value is its value property; the volume\'s zone the one given; `show` is a map bdm-lab leaves unknown', () => {
  const val = (v: string) => `heat_template_version: 2018-08-31\nresources:\n  sz:\n    type: OS::Heat::Value\n    properties: {value: ${v}}\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 4, availability_zone: az-2}\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      availability_zone: {get_attr: [vol, availability_zone]}\n      networks: [{network: private}]\n      block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: -1, volume_size: {get_attr: [sz, value]}}]\n`;
  const ok = doc(val('15'), 'srv');
  assert.equal((ok.body as Body).server.block_device_mapping_v2![1].volume_size, 15);
  assert.equal((ok.body as Body).server.availability_zone, 'az-2');
  // Heat refuses a value no Integer takes, in the Integer's words (labelled by the heat-oracle on the value written)
  assert.equal(doc(val("'abc'"), 'srv').translation.error?.message, "Property error: resources.srv.properties.block_device_mapping_v2[0].volume_size: Value 'abc' is not an integer");
  const show = doc(VOL('size: 3').replace('{get_attr: [vol, size]}', '{get_attr: [vol, show]}'), 'srv');
  assert.equal(show.translation.error, null);
});

test('a chain of attributes, each naming the one before twice, is followed once (growth ratio)', { timeout: 60_000 }, () => {
  const chain = (n: number) => {
    const vals = Array.from({ length: n }, (_, k) => `  v${k}:\n    type: OS::Heat::Value\n    properties: {value: ${k ? `[{get_attr: [v${k - 1}, value]}, {get_attr: [v${k - 1}, value]}]` : 1}}\n`);
    const bdm = Array.from({ length: n }, (_, k) => `{snapshot_id: s${k}, boot_index: ${k ? -1 : 0}, volume_size: {get_attr: [v${k}, value]}}`).join(', ');
    return `heat_template_version: 2018-08-31\nresources:\n${vals.join('')}  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, networks: [{network: private}], block_device_mapping_v2: [${bdm}]}\n`;
  };
  // (a list is no integer: refused, in Heat's words, after following the chain)
  assert.match(heatSources(chain(3)).find((d) => d.name === 'srv')!.translation.error?.message ?? '', /block_device_mapping_v2\[1\]\.volume_size: int\(\) argument must be a string, a bytes-like object or a real number, not 'list'$/);
  const g = bestGrowth(chain, (x) => heatSources(x), 40, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('a chain of n values', 40, g)} (linear ~2, quadratic ~4, doubling far more)`);
});

test('the cloud\'s size stands out of every body compared', () => {
  assert.ok(!CASES.some((c) => !c.cloudSized && c.label.includes(String(CLOUD_SIZE))));
});
