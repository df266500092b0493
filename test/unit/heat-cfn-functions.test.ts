/**
 * The CloudFormation functions of HOT 2013-05-23 that read the cloud or the parent stack
 * (Fn::GetAZs, Fn::ResourceFacade and HOT's resource_facade) and Fn::MemberListToMap, as Heat
 * 19.0.0 evaluates them (heat/engine/cfn/functions.py, heat/engine/hot/functions.py). The answers
 * are labelled by the heat-oracle and Heat's Stack.validate: the cases `fn-2013-*` of
 * test/fixtures/heat/hunt.json (oracle.json); this file checks what the labels do not: where each
 * refusal is placed and the notes that say what a real cloud or a nested stack gives instead
 * (Fn::GetAZs: a default deployment's zone, where the oracle's stand-in Nova has none).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSources } from '../../server/src/source/heat';

const tmpl = (props: string[], version = '2013-05-23') => `heat_template_version: ${version}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n${props.map((p) => `      ${p}\n`).join('')}`;

function one(text: string) {
  const [d] = heatSources(text);
  const e = d.translation.error;
  return { error: e && { message: e.message, at: text.slice(e.span.offset, e.span.offset + e.span.length) }, notes: d.translation.notes.map((n) => n.message), body: d.translation.body as { server: Record<string, unknown> } | null };
}

test('Fn::GetAZs: Heat asks the cloud\'s Nova for the zones; bdm-lab takes a default deployment\'s ["nova"] and says it cannot decide (fn-2013-azs-*: the heat-oracle\'s stand-in Nova has no zones, so those cases count as undecided)', () => {
  const r = one(tmpl(["availability_zone: {'Fn::Select': [0, {'Fn::GetAZs': ''}]}"]));
  assert.equal(r.error, null);
  assert.equal(r.body!.server.availability_zone, 'nova');
  assert.ok(r.notes.some((n) => /bdm-lab cannot decide them and takes \["nova"\]/.test(n)));
  // the argument is never resolved: a reference to no parameter does not fail (fn-2013-azs-badref)
  const bad = one(tmpl(["availability_zone: {'Fn::Select': [0, {'Fn::GetAZs': {Ref: nope}}]}"]));
  assert.equal(bad.error, null);
  assert.equal(bad.body!.server.availability_zone, 'nova');
  // negative: removed from 2014-10-16 on, refused when Heat checks the functions
  assert.match(one(tmpl(["availability_zone: {'Fn::GetAZs': ''}"], '2014-10-16')).error!.message, /The function Fn::GetAZs is not supported in this version of HOT\.$/);
});

test('Fn::MemberListToMap: the .member.<n>. pairs as a map, in Heat\'s order and words (fn-2013-mltm-*)', () => {
  const ok = one(tmpl(["metadata: {'Fn::MemberListToMap': [K, V, ['.member.10.K=a', '.member.10.V=1', '.member.9.K=a', '.member.9.V=2', '.member.3.K=n', '.member.3.V=m', '.member.3.V=m2', '.member.4.K=lonely']]}"]));
  assert.equal(ok.error, null);
  // member 9 before member 10 (numbers, not text): a's later value is 10's
  assert.deepEqual(ok.body!.server.metadata, { n: 'm2', a: '1' });
  assert.equal(one(tmpl(["metadata: {'Fn::MemberListToMap': [K, V, ['.member.0.K']]}"])).error?.message, 'Property error: resources.srv.properties.metadata: dictionary update sequence element #0 has length 1; 2 is required');
  const key = one(tmpl(["metadata: {'Fn::MemberListToMap': [{get_param: x}, V, []]}"])).error!;
  assert.deepEqual(key, { message: 'resources.srv.properties.metadata.Fn::MemberListToMap: Fn::MemberListToMap Key Name must be a string', at: '{get_param: x}' });
  assert.match(one(tmpl(["metadata: {'Fn::MemberListToMap': [K, V]}"])).error!.message, /^resources\.srv\.properties\.metadata\.Fn::MemberListToMap: Wrong Arguments try: "\n/);
});

test('Fn::ResourceFacade and resource_facade: only their attribute names, and no parent at a stack\'s top level (fn-2013-rf-*, fn-2013-rfh-*)', () => {
  const top = one(tmpl(["metadata: {'Fn::ResourceFacade': Metadata}"]));
  assert.equal(top.error?.message, "Property error: resources.srv.properties.metadata: 'NoneType' object has no attribute 'metadata_get'");
  assert.ok(top.notes.some((n) => /in a nested stack it gives the parent's Metadata/.test(n)));
  assert.equal(one(tmpl(['metadata: {resource_facade: update_policy}'], '2018-08-31')).error?.message, "Property error: resources.srv.properties.metadata: 'NoneType' object has no attribute 't'");
  const bad = one(tmpl(["name: {'Fn::ResourceFacade': metadata}"])).error!;
  assert.deepEqual(bad, { message: 'resources.srv.properties.name.Fn::ResourceFacade: Incorrect arguments to "Fn::ResourceFacade" should be one of: Metadata, DeletionPolicy, UpdatePolicy', at: 'metadata' });
  assert.equal(one(tmpl(['name: {resource_facade: Metadata}'], '2018-08-31')).error?.message, 'resources.srv.properties.name.resource_facade: Incorrect arguments to "resource_facade" should be one of: metadata, deletion_policy, update_policy');
});
