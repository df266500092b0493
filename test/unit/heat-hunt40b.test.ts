/**
 * Hunt 40b, labelled by Heat 19.0.0's own code: test/fixtures/heat-hunt40b/instance-labels.json
 * (scripts/heat-hunt40b-gen.ts's label40b: the heat-oracle, Heat's checks before any resource and
 * Stack.validate (scripts/heat-hunt39-attach.ts's labelAttach), each AWS::EC2::Instance's server
 * request and Volumes through Heat's own Instance resource (scripts/heat-hunt40b-instance.py, which
 * runs scripts/heat-hunt40-instance.py and keeps the POST /servers it sent), and the nova-oracle's
 * verdict on each body sent):
 * - an AWS::EC2::Instance is a server-create request once the stack is made: the image and flavor
 *   Heat looks up, its multi-part user data, Tags as metadata, KeyName, the security groups, the
 *   AvailabilityZone, NovaSchedulerHints (a key written again gathers its values), the nics
 *   (NetworkInterfaces sorted by int(DeviceIndex), else the port Heat makes on the SubnetId);
 * - its BlockDeviceMappings are Nova's legacy block_device_mapping: `SnapshotId:snap:VolumeSize:
 *   DeleteOnTermination` by device name (a name written twice keeps its first place and its last
 *   mapping), read back by novaclient: the size through Python's int(), the delete flag the text
 *   'True' or 'False' (null is its default, true);
 * - where the server is not made (no nics from 2.37, a DeviceIndex int() cannot read, an entry
 *   without NetworkInterfaceId, a VolumeSize int() cannot read) the refusal is the instance's, in
 *   Python's words, and nothing is attached to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { compare40b, type Instance40bCase } from '../../scripts/heat-hunt40b-gen';
import { heatRequests, heatSources } from '../../server/src/source/heat';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'heat-hunt40b');
const CASES = JSON.parse(readFileSync(join(FIXTURES, 'instance-labels.json'), 'utf8')) as Instance40bCase[];
const byId = (id: string): Instance40bCase => {
  const c = CASES.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};
const instanceDoc = (c: Instance40bCase, name = 'inst') => heatSources(c.template, { params: c.params, microversion: c.microversion }).find((d) => d.type === 'AWS::EC2::Instance' && d.name === name);
type Body = { server: { block_device_mapping?: unknown[]; networks?: unknown[] }; 'os:scheduler_hints'?: unknown };

test('hunt 40b: each AWS::EC2::Instance\'s server request, the stacks, servers and attachments as Heat 19.0.0 makes them (test/fixtures/heat-hunt40b/instance-labels.json)', () => {
  assert.ok(CASES.length >= 60, `${CASES.length} cases`);
  for (const c of CASES) assert.deepEqual(compare40b(c), [], c.id);
  const ok = CASES.filter((c) => c.oracle.stack_validate === 'ok');
  const sent = ok.flatMap((c) => Object.values(c.instances).filter((i) => i.stage === 'sent'));
  assert.ok(sent.length >= 30, `${sent.length} instance servers compared`);
  assert.ok(sent.filter((i) => (i.nova_body as Body).server.block_device_mapping).length >= 20, 'legacy mappings sent');
  assert.ok(sent.some((i) => i.server_nova?.valid), 'a body Nova takes');
  assert.ok(sent.some((i) => i.server_nova && !i.server_nova.valid), 'a body Nova refuses');
  assert.ok(ok.some((c) => Object.values(c.instances).some((i) => i.stage === 'novaclient')), 'an instance whose server is not made');
});

test('BlockDeviceMappings become the legacy block_device_mapping Heat writes and novaclient reads back (labelled by scripts/heat-hunt40b-instance.py)', () => {
  const want: Array<[string, unknown[]]> = [
    ['h40b-hand-bdm', [{ device_name: 'vdb', snapshot_id: '5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f', volume_size: '10', delete_on_termination: 'True' }]],
    ['h40b-hand-bdm-delete-false', [{ device_name: 'vdb', snapshot_id: '5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f', delete_on_termination: 'False' }]],
    ['h40b-hand-bdm-twice', [{ device_name: 'vdb', snapshot_id: 's3', volume_size: '3', delete_on_termination: 'True' }, { device_name: 'vdc', snapshot_id: 's2', delete_on_termination: 'True' }]],
    ['h40b-hand-everything', [{ device_name: '/dev/vdb', snapshot_id: '5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f', volume_size: '7', delete_on_termination: 'True' }]],
  ];
  for (const [id, bdm] of want) {
    const c = byId(id);
    const heat = c.instances.inst.nova_body as Body;
    assert.deepEqual(heat.server.block_device_mapping, bdm, `${id}: Heat's label`);
    assert.deepEqual(instanceDoc(c)?.body, heat, id);
  }
  // a scheduler hint written twice: its values in a list
  assert.deepEqual((byId('h40b-hand-everything').instances.inst.nova_body as Body)['os:scheduler_hints'], { group: ['g1', 'g2'] });
  assert.deepEqual((instanceDoc(byId('h40b-hand-everything'))?.body as Body)['os:scheduler_hints'], { group: ['g1', 'g2'] });
  // DeleteOnTermination written null is its default
  const nul = CASES.find((c) => /DeleteOnTermination: null/.test(c.template) && Object.values(c.instances).some((i) => i.stage === 'sent'));
  if (nul) for (const [name, i] of Object.entries(nul.instances)) if (i.stage === 'sent') assert.deepEqual(instanceDoc(nul, name)?.body, i.nova_body, nul.id);
});

test('an instance\'s nics: NetworkInterfaces sorted by int(DeviceIndex), equal ones as written', () => {
  const c = byId('h40b-hand-nics-sorted');
  const heat = c.instances.inst.nova_body as Body;
  assert.deepEqual(heat.server.networks, [{ port: 'p2' }, { port: 'p0' }, { port: 'p1' }]);
  assert.deepEqual((instanceDoc(c)?.body as Body).server.networks, heat.server.networks);
});

test('where Heat makes no server for an instance: its refusal in Python\'s words, placed, and nothing attached', () => {
  const want: Array<[string, string, RegExp]> = [
    ['h40b-hand-no-nics', 'nics are required after microversion 2.36', /^AWS::EC2::Instance$/],
    ['h40b-hand-bdm-size-bad', "invalid literal for int() with base 10: '1.5'", /^VolumeSize: '1.5'$/],
    ['h40b-hand-bdm-colon', "invalid literal for int() with base 10: 'snap'", /^\{DeviceName: vdb, Ebs: \{SnapshotId: 'a:b'\}\}$/],
    ['h40b-hand-nic-index-bad', "invalid literal for int() with base 10: 'eth0'", /^\{NetworkInterfaceId: p1, DeviceIndex: eth0\}$/],
    ['h40b-hand-nic-no-id', "'NetworkInterfaceId'", /^\{DeviceIndex: 0\}$/],
    ['h40b-hand-nic-no-index', "'DeviceIndex'", /^\{NetworkInterfaceId: p1\}$/],
  ];
  for (const [id, words, place] of want) {
    const c = byId(id);
    assert.equal(c.instances.inst.error?.replace(/^[A-Za-z]+: /, ''), words, `${id}: Heat says ${c.instances.inst.error}`);
    const e = instanceDoc(c)?.translation.error;
    assert.equal(e?.message, words, id);
    assert.equal(e?.stage, 'novaclient', id);
    assert.match(c.template.slice(e!.span.offset, e!.span.offset + e!.span.length), place, id);
    assert.deepEqual(heatRequests(c.template, { microversion: c.microversion }).attachments, [], id);
  }
  // before 2.37 novaclient takes an instance without nics: no networks sent
  const old = byId('h40b-hand-no-nics-old');
  assert.equal(old.instances.inst.stage, 'sent');
  assert.deepEqual(instanceDoc(old)?.body, old.instances.inst.nova_body);
  assert.equal((old.instances.inst.nova_body as Body).server.networks, undefined);
});

test('Nova\'s verdict on an instance\'s request is bdm-lab\'s, placed on what writes it (the nova-oracle)', () => {
  const c = byId('h40b-hand-bdm-twice');
  const nova = c.instances.inst.server_nova!;
  assert.equal(nova.valid, false);
  const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), heat_max_microversion: null } as never);
  const req = a.requests!.find((q) => q.toolLabel.includes('AWS::EC2::Instance'));
  assert.ok(req && !req.valid, 'bdm-lab refuses it');
  assert.equal(req.analysis?.verdict?.message, nova.message);
  const d = a.diagnostics.find((x) => x.code === req.analysis!.verdict!.code);
  assert.ok(d);
  assert.equal(c.template.slice(d.span.offset, d.span.offset + d.span.length), 's3');
  // a UUID snapshot: Nova takes the request, and so does bdm-lab
  const good = byId('h40b-hand-bdm');
  assert.equal(good.instances.inst.server_nova?.valid, true);
  const g = analyzeDocument(good.template, 'yaml', { ...defaultContext(), heat_max_microversion: null } as never);
  assert.equal(g.requests!.find((q) => q.toolLabel.includes('AWS::EC2::Instance'))?.valid, true);
});

test('an instance\'s BlockDeviceMappings and NetworkInterfaces are read in time linear in their number (growth at 2n over n)', { timeout: 60_000 }, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nresources:\n  inst:\n    type: AWS::EC2::Instance\n    properties:\n      ImageId: cirros\n      InstanceType: m1.small\n      NetworkInterfaces:\n${Array.from({ length: n }, (_, i) => `        - {NetworkInterfaceId: p${i}, DeviceIndex: ${n - i}}\n`).join('')}      BlockDeviceMappings:\n${Array.from({ length: n }, (_, i) => `        - {DeviceName: vd${i}, Ebs: {SnapshotId: s${i}, VolumeSize: '${i + 1}'}}\n`).join('')}`;
  const body = heatSources(make(3))[0].body as Body;
  assert.equal(body.server.block_device_mapping?.length, 3);
  assert.deepEqual(body.server.networks, [{ port: 'p2' }, { port: 'p1' }, { port: 'p0' }]);
  const g = bestGrowth(make, (x) => heatSources(x), 80, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('n mappings and nics', 80, g)} (linear ~2, quadratic ~4)`);
});
