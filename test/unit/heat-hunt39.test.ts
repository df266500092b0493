/**
 * Hunt 39, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource
 * and Stack.validate, through test/fixtures/heat/label.ts), each case's label beside it in
 * test/fixtures/heat-hunt39/labels.json (scripts/heat-hunt39-fixtures.ts: hand-written cases, and
 * templates of scripts/heat-hunt39-gen.ts seeds 3901-3903, those bdm-lab answered otherwise
 * before and a sample of each theme); yaql 2.0.0's answers in
 * test/fixtures/heat-hunt39/yaql-labels.json (scripts/heat-hunt39-yaql.ts); and Heat's
 * volumeAttachment requests in test/fixtures/heat-hunt39/attach-labels.json
 * (scripts/heat-hunt39-attach.ts: Heat's own OS::Cinder::VolumeAttachment through
 * scripts/heat-hunt39-attach.py, Stack.validate, and the nova-oracle's verdict on each body):
 * - yaql's toDict, enumerate, zip, switch, substring, indexOf; mergeWith's receiver is a dict; a
 *   method-only name called as a function is an unknown function, a function-only one called as
 *   a method an unknown method;
 * - an attribute over a list is mapped lazily: an item's failure comes out only where that item
 *   is read (not by an index, which fails first, nor by a reader that stops before it);
 * - a CloudFormation function the template version has as its own is a level of the path Heat's
 *   function check names;
 * - OS::Cinder::VolumeAttachment is the volumeAttachment request Heat sends once the stack is
 *   made: the volume, the mountpoint as device where Python finds it true, Heat's microversion,
 *   posted to instance_uuid's server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { labelledCases, testLabelledCases } from './heat-labelled';
import { bestGrowth, describeGrowth } from './growth';
import { mine, same } from '../../scripts/heat-hunt26-yaql-direct';
import { compareAttach, type AttachCase } from '../../scripts/heat-hunt39-attach';
import { heatRequests } from '../../server/src/source/heat';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const FIXTURES = join('..', 'test', 'fixtures', 'heat-hunt39');
const { cases: CASES, byId, srvOf } = labelledCases(join(FIXTURES, 'labels.json'));

testLabelledCases('39', CASES, 50);

test('yaql 2.0.0: toDict, enumerate, zip, switch, substring, indexOf, the forms, lazy attributes (test/fixtures/heat-hunt39/yaql-labels.json)', () => {
  const labels = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt39', 'yaql-labels.json'), 'utf8')) as Array<[string, unknown, { value?: unknown; error?: string }]>;
  assert.ok(labels.length >= 120);
  let answered = 0;
  for (const [e, d, heat] of labels) {
    const m = mine(e, d);
    // (bdm-lab may leave a case as a note: a repr with an address, a form it does not read; any answer it gives is yaql's)
    if (m === undefined) continue;
    answered++;
    assert.ok(same(m, heat), `${e} on ${JSON.stringify(d)}: ${JSON.stringify(m)} != ${JSON.stringify(heat)}`);
  }
  assert.ok(answered >= labels.length - 9, `${labels.length - answered} left as notes`);
});

test('the refusals of hunt 39 in Heat\'s words', () => {
  const want: Array<[string, string]> = [
    ['h39-hand-yaql-todict-notlist', `"{'v1': 1, 'v2': 1, 'v3': 1}" is not a list`],
    ['h39-hand-yaql-zip-function', 'Unknown function "zip"'],
    ['h39-hand-yaql-switch-method', 'Unknown method "switch" for receiver (\'v1\', \'v2\', \'v3\')'],
    ['h39-hand-yaql-mergewith-list', 'No method "mergeWith" for receiver (\'v1\', \'v2\', \'v3\') matches supplied arguments'],
    ['h39-hand-yaql-attr-select', 'Unknown function "#property#vols"'],
    ['h39-hand-yaql-attr-index', 'No function "#indexer" matches supplied arguments'],
    ['h39-hand-cfn-select-path', 'device_name.Fn::Select: [1].Fn::Split: The template version is invalid'],
  ];
  for (const [id, words] of want) {
    const c = byId(id);
    const heat = c.oracle.stack_validate ?? c.oracle.servers.srv?.error ?? '';
    assert.ok(heat.includes(words), `${id}: Heat says ${heat}`);
    const ours = srvOf(c).translation.error?.message ?? '';
    assert.ok(ours.includes(words), `${id}: bdm-lab says ${ours}`);
  }
});

const ATTACH = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt39', 'attach-labels.json'), 'utf8')) as AttachCase[];

test('OS::Cinder::VolumeAttachment: the request Heat sends (body, microversion, server), none where it refuses the stack, and Nova\'s verdict (test/fixtures/heat-hunt39/attach-labels.json)', () => {
  let judged = 0;
  for (const c of ATTACH) {
    const r = compareAttach(c);
    assert.deepEqual(r.diffs, [], c.id);
    judged += r.judged;
  }
  const sent = ATTACH.flatMap((c) => Object.values(c.attach).filter((a) => a.stage === 'sent' && c.oracle.stack_validate === 'ok'));
  assert.ok(sent.length >= 40, `${sent.length} requests compared`);
  assert.ok(sent.some((a) => (a.body as { volumeAttachment: { device?: string } }).volumeAttachment.device !== undefined));
  assert.ok(sent.some((a) => (a.body as { volumeAttachment: { device?: string } }).volumeAttachment.device === undefined));
  assert.ok(sent.some((a) => a.headers?.['X-OpenStack-Nova-API-Version'] === '2.1'));
  assert.ok(ATTACH.some((c) => c.oracle.stack_validate !== 'ok'), 'no stack Heat refuses');
  assert.ok(judged >= 30, `${judged} of Nova's verdicts compared`);
});

test('a volume attachment\'s Nova refusal is placed on its mountpoint (Nova\'s device pattern: the nova-oracle)', () => {
  const c = ATTACH.find((x) => x.oracle.stack_validate === 'ok' && !x.params && Object.values(x.attach).some((a) => a.nova && !a.nova.valid && /field\/attribute device/.test(a.nova.message ?? '')));
  assert.ok(c, 'a labelled attachment Nova refuses for its device');
  const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), heat_max_microversion: c.microversion ?? null } as never);
  const req = a.requests!.find((q) => !q.valid && /device/.test(q.analysis?.verdict?.message ?? ''));
  assert.ok(req, 'bdm-lab refuses the attachment');
  const d = a.diagnostics.find((x) => x.code === req.analysis!.verdict!.code);
  assert.ok(d, JSON.stringify(a.diagnostics.map((x) => x.code)));
  const text = c.template.slice(d.span.offset, d.span.offset + d.span.length);
  assert.match(text, /^(mountpoint: )?(5|'5')$/, text);
});

test('the volume attachments of a template are read in time linear in their number (growth at 2n over n)', { timeout: 60_000 }, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n${Array.from({ length: n }, (_, i) => `  v${i}:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n  a${i}:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: srv}, volume_id: {get_resource: v${i}}, mountpoint: /dev/vdb}\n`).join('')}`;
  assert.equal(heatRequests(make(3)).attachments.length, 3);
  const g = bestGrowth(make, (x) => heatRequests(x), 60, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('n volume attachments', 60, g)} (linear ~2, quadratic ~4)`);
});
