/**
 * Hunt 40, labelled by Heat 19.0.0's own code: test/fixtures/heat-hunt40/attach-labels.json
 * (scripts/heat-hunt40-fixtures.ts from scripts/heat-hunt40-attach.ts's label40: the heat-oracle,
 * Heat's checks before any resource and Stack.validate (test/fixtures/heat/label.ts), Heat's own
 * attachment resources through scripts/heat-hunt39-attach.py, each AWS::EC2::Instance's Volumes
 * through scripts/heat-hunt40-instance.py, and the nova-oracle's verdict on each body sent); and
 * yaql 2.0.0's answers in test/fixtures/heat-hunt40/yaql-labels.json (scripts/heat-hunt40-yaql.ts):
 * - AWS::EC2::VolumeAttachment is the volumeAttachment request OS::Cinder::VolumeAttachment is
 *   (InstanceId, VolumeId, Device), its Device required and held to /dev/vd[b-z] as a whole;
 * - AWS::EC2::Volume's and AWS::EC2::Instance's properties as Stack.validate checks them (the
 *   properties Heat does not implement, Ebs and its SnapshotId, security groups beside
 *   NetworkInterfaces);
 * - an AWS::EC2::Instance's Volumes are attached once its server is made, each Device as written
 *   (an empty one sent); from microversion 2.37 an instance without NetworkInterfaces or SubnetId
 *   makes no server (novaclient's refusal), and nothing is attached to it;
 * - a number (a boolean, null) named by get_resource or get_attr is a reference the stack does not
 *   have, found with the other references (before the outputs are read);
 * - yaql's mergeWith on dicts and lastIndexOf.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { mine, same } from '../../scripts/heat-hunt26-yaql-direct';
import { compare40, type Attach40Case } from '../../scripts/heat-hunt40-attach';
import { heatRequests } from '../../server/src/source/heat';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'heat-hunt40');
const CASES = JSON.parse(readFileSync(join(FIXTURES, 'attach-labels.json'), 'utf8')) as Attach40Case[];
const byId = (id: string): Attach40Case => {
  const c = CASES.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};

test('hunt 40: the stacks Heat refuses, the servers, the attachments and the instances\' Volumes as Heat 19.0.0 makes them (test/fixtures/heat-hunt40/attach-labels.json)', () => {
  assert.ok(CASES.length >= 60, `${CASES.length} cases`);
  for (const c of CASES) assert.deepEqual(compare40(c), [], c.id);
  const ok = CASES.filter((c) => c.oracle.stack_validate === 'ok');
  const instanceSent = ok.flatMap((c) => Object.values(c.instances).flatMap((i) => (i.stage === 'sent' ? (i.attach ?? []) : [])));
  assert.ok(instanceSent.length >= 12, `${instanceSent.length} instance attachments compared`);
  assert.ok(instanceSent.some((a) => (a?.body as { volumeAttachment: { device?: string } }).volumeAttachment.device === ''), 'an empty Device sent');
  assert.ok(instanceSent.some((a) => a?.nova && !a.nova.valid), 'a body Nova refuses');
  assert.ok(ok.some((c) => Object.values(c.instances).some((i) => i.stage === 'novaclient')), 'an instance whose server is not made');
  assert.ok(ok.some((c) => Object.values(c.attach).some((a) => a.type === 'AWS::EC2::VolumeAttachment' && a.stage === 'sent')), 'an AWS attachment sent');
  assert.ok(CASES.some((c) => /does not match pattern/.test(c.oracle.stack_validate ?? '')), 'a Device Heat refuses');
});

test('the refusals of hunt 40 in Heat\'s words, placed on what Heat names', () => {
  const want: Array<[string, string, RegExp]> = [
    ['h40-hand-aws-pattern', 'Property error: resources.att.properties.Device: "/dev/sdb" does not match pattern "/dev/vd[b-z]"', /^\/dev\/sdb$/],
    ['h40-hand-aws-pattern-whole', 'Property error: resources.att.properties.Device: "/dev/vdb1" does not match pattern "/dev/vd[b-z]"', /^\/dev\/vdb1$/],
    ['h40-hand-aws-device-number', 'Property error: resources.att.properties.Device: "5" does not match pattern "/dev/vd[b-z]"', /^5$/],
    ['h40-hand-aws-no-device', 'Property error: resources.att.properties: Property Device not assigned', /^properties$/],
    ['h40-hand-inst-not-implemented', 'Property error: resources.inst.properties: Property KernelId not implemented yet', /^KernelId$/],
    ['h40-hand-inst-iops', 'Property error: resources.inst.properties.BlockDeviceMappings[0].Ebs: Property Iops not implemented yet', /^Iops$/],
    ['h40-hand-inst-ebs-missing', 'Ebs is missing, this is required when specifying BlockDeviceMappings.', /^AWS::EC2::Instance$/],
    ['h40-hand-inst-snapshot-missing', 'SnapshotId is missing, this is required when specifying BlockDeviceMappings.', /^AWS::EC2::Instance$/],
    ['h40-hand-inst-groups-nics', 'Cannot define the following properties at the same time: SecurityGroups/SecurityGroupIds, NetworkInterfaces.', /^AWS::EC2::Instance$/],
    ['h40-hand-aws-volume', 'Property error: resources.avol.properties.Size: 0 is out of range (min: 1, max: None)', /^0$/],
    ['h40-hand-ref-number-before-outputs', 'The specified reference "12" (in att.Properties.InstanceId) is incorrect.', /^\{get_resource: 12\}$/],
  ];
  for (const [id, words, place] of want) {
    const c = byId(id);
    const heat = c.oracle.stack_validate ?? '';
    assert.equal(heat.replace(/^[A-Za-z]+: /, ''), words, `${id}: Heat says ${heat}`);
    const { servers } = heatRequests(c.template, { params: c.params, microversion: c.microversion });
    const e = servers[0].translation.error;
    assert.equal(e?.message, words, `${id}: bdm-lab says ${e?.message}`);
    const text = c.template.slice(e!.span.offset, e!.span.offset + e!.span.length);
    assert.match(text, place, `${id}: placed on ${JSON.stringify(text)}`);
  }
});

test('an AWS::EC2::Instance\'s Volumes: attached in order once its server is made, none where novaclient refuses its server (nor by an attachment that needs it)', () => {
  const sent = heatRequests(byId('h40-hand-inst-subnet').template).attachments;
  assert.deepEqual(sent.map((a) => [a.name, a.body]), [
    ['att', { volumeAttachment: { volumeId: sent[0].translation.body!.volumeAttachment.volumeId, device: '/dev/vdc' } }],
    ['inst.Volumes[0]', { volumeAttachment: { volumeId: sent[0].translation.body!.volumeAttachment.volumeId, device: '/dev/vdb' } }],
    ['inst.Volumes[1]', { volumeAttachment: { volumeId: '6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', device: '' } }],
  ]);
  // (the heat-oracle's labels say the same: test/fixtures/heat-hunt40/attach-labels.json)
  assert.equal(byId('h40-hand-inst-no-nics').instances.inst.error, 'ValueError: nics are required after microversion 2.36');
  assert.deepEqual(heatRequests(byId('h40-hand-inst-no-nics').template).attachments.map((a) => a.name), []);
  assert.deepEqual(heatRequests(byId('h40-hand-inst-no-nics-old').template, { microversion: '2.36' }).attachments.map((a) => a.name), ['att', 'inst.Volumes[0]']);
  assert.deepEqual(heatRequests(byId('h40-hand-inst-nic-index').template).attachments, []);
});

test('an empty Device of an instance\'s Volumes is sent, and Nova refuses it there (the nova-oracle)', () => {
  const c = byId('h40-hand-inst-subnet');
  assert.equal(c.instances.inst.attach?.[1]?.nova?.valid, false);
  const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), heat_max_microversion: null } as never);
  const req = a.requests!.find((q) => q.toolLabel.includes('inst.Volumes[1]'));
  assert.ok(req && !req.valid, 'bdm-lab refuses it');
  assert.equal(req.analysis?.verdict?.message, c.instances.inst.attach?.[1]?.nova?.message);
  const d = a.diagnostics.find((x) => x.code === req.analysis!.verdict!.code);
  assert.ok(d);
  assert.equal(c.template.slice(d.span.offset, d.span.offset + d.span.length), "''");
});

test('yaql 2.0.0: mergeWith on dicts, lastIndexOf of a collection and of a text (test/fixtures/heat-hunt40/yaql-labels.json)', () => {
  const labels = JSON.parse(readFileSync(join(FIXTURES, 'yaql-labels.json'), 'utf8')) as Array<[string, unknown, { value?: unknown; error?: string }]>;
  assert.ok(labels.length >= 45);
  let answered = 0;
  for (const [e, d, heat] of labels) {
    const m = mine(e, d);
    // (bdm-lab may leave a case as a note: mergeWith's mergers, a named argument; any answer it gives is yaql's)
    if (m === undefined) continue;
    answered++;
    assert.ok(same(m, heat), `${e} on ${JSON.stringify(d)}: ${JSON.stringify(m)} != ${JSON.stringify(heat)}`);
  }
  assert.ok(answered >= labels.length - 4, `${labels.length - answered} left as notes`);
  assert.ok(labels.some(([, , h]) => h.error?.startsWith('TypeError: Cannot merge')), 'a merge yaql refuses');
});

test('an instance\'s Volumes are read in time linear in their number (growth at 2n over n)', { timeout: 60_000 }, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nresources:\n${Array.from({ length: n }, (_, i) => `  v${i}:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n`).join('')}  inst:\n    type: AWS::EC2::Instance\n    properties:\n      ImageId: cirros\n      InstanceType: m1.small\n      SubnetId: s1\n      Volumes:\n${Array.from({ length: n }, (_, i) => `        - {VolumeId: {get_resource: v${i}}, Device: /dev/vdb}\n`).join('')}`;
  assert.equal(heatRequests(make(3)).attachments.length, 3);
  const g = bestGrowth(make, (x) => heatRequests(x), 60, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('n instance volumes', 60, g)} (linear ~2, quadratic ~4)`);
});
