/**
 * Hunt 31, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource
 * and Stack.validate; scripts/heat-hunt22-difftest.ts --label), each case's label beside it in
 * scripts/heat-hunt31-labels.json:
 * - the three cases of seed 9203 of scripts/heat-hunt24-gen.ts left by hunt 30 (h24-9203-*);
 * - the form constraints (ip_addr, mac_addr, dns_name, rel_dns_name, dns_domain, iso_8601,
 *   net_cidr, ip_or_cidr, timezone, cron_expression, expiration) on what is no text: a number or
 *   boolean written as a default, a comma_delimited_list's list, a map written as a default
 *   (heat/engine/constraint/common_constraints.py, heat/common/netutils.py: the DNS checks let a
 *   false value pass and fail on str.endswith with an AttributeError they do not catch);
 * - get_param with a path into a text: a text is a sequence of its characters, its index int() of
 *   the path item; a key that is no int, or an index past the end, gives '' (hot/functions.py
 *   GetParam.result), so a REPLACE translation (image_id -> image) sees no second value;
 * - yaql: an expression that ends too soon ("Parse error: unexpected end of statement") is refused
 *   when Heat checks the functions (Yaql.validate), before any property; first(), last() of an
 *   empty collection and a dict() item of fewer than two values raise StopIteration, which Heat
 *   words at the property: empty, or "generator raised StopIteration" when a list or map holds the
 *   call (function.resolve resolves their items in a generator).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { evaluateYaql, YaqlParseError, YaqlStopIteration, YDict, YList } from '../../server/src/source/heat/yaql';
import { stripType } from '../fixtures/heat/compare';
import { ROOT } from './cli-run';
import { labelledCases, testLabelledCases } from './heat-labelled';
import { bestGrowth, describeGrowth } from './growth';

const { cases: CASES, byId, srvOf } = labelledCases('heat-hunt31-labels.json');

testLabelledCases('31', CASES, 100);

test('dns_name on a comma_delimited_list fails on str.endswith, outside Heat\'s own words', () => {
  const c = byId('h24-9203-87');
  assert.equal(stripType(c.oracle.stack_validate!), "'list' object has no attribute 'endswith'");
  assert.equal(srvOf(c).translation.error?.message, "'list' object has no attribute 'endswith'");
  // a false value passes the DNS checks: an empty list, false
  for (const id of ['h31-form-dns_name-boolfalse', 'h31-form-rel_dns_name-boolfalse', 'h31-form-dns_domain-boolfalse']) {
    assert.equal(byId(id).oracle.stack_validate, 'ok', id);
    assert.equal(srvOf(byId(id)).translation.error, null, id);
  }
});

test('iso_8601 refuses a number without words of its own', () => {
  const c = byId('h24-9203-28');
  assert.equal(stripType(c.oracle.stack_validate!), "Parameter 'p0' is invalid: Error validating value '1'");
  assert.equal(srvOf(c).translation.error?.message, "Parameter 'p0' is invalid: Error validating value '1'");
});

test('a get_param path into a text gives its character, or \'\' where Python finds none', () => {
  const name = (id: string) => (srvOf(byId(id)).body as { server: { name: unknown } }).server.name;
  const sent = (id: string) => (byId(id).oracle.servers.srv.nova_body as { server: { name: unknown } }).server.name;
  for (const id of ['h31-gptext-idx1', 'h31-gptext-idxneg', 'h31-gptext-astral', 'h31-gptext-astral1']) {
    assert.ok(typeof sent(id) === 'string' && [...(sent(id) as string)].length === 1, id);
    assert.equal(name(id), sent(id), id);
  }
  // no such character: '' (the server then gets Heat's own name)
  assert.match(String(sent('h31-gptext-idxtext')), /^oracle-srv-/);
  assert.equal(srvOf(byId('h31-gptext-idxtext')).translation.notes.some((n) => /indexes a text/.test(n.message)), false);
});

test('image_id beside an image that get_param makes empty: no REPLACE conflict, the entry checks come first', () => {
  const c = byId('h24-9203-131');
  assert.equal(stripType(c.oracle.stack_validate!), 'Cannot define the following properties at the same time: volume_id, snapshot_id, image, swap_size, ephemeral_size, ephemeral_format.');
  assert.equal(srvOf(c).translation.error?.message, 'Cannot define the following properties at the same time: volume_id, snapshot_id, image, swap_size, ephemeral_size, ephemeral_format.');
});

test('a yaql expression that ends too soon is refused when Heat checks the functions', () => {
  const c = byId('h31-yaql-paren-missing');
  const e = srvOf(c).translation.error!;
  assert.equal(e.message, stripType(c.oracle.stack_validate!));
  assert.equal(e.message, 'resources.srv.properties.name.yaql: Bad expression Parse error: unexpected end of statement.');
  assert.equal(c.template.slice(e.span.offset, e.span.offset + e.span.length), '"len([1]"');
  // before an unknown property: the functions are checked first
  assert.match(srvOf(byId('h31-yaql2-parse-before-unknown')).translation.error!.message, /\.yaql: Bad expression Parse error/);
});

test('StopIteration is worded empty at the property, "generator raised StopIteration" inside a list or map', () => {
  assert.equal(srvOf(byId('h31-yaql-first-empty')).translation.error?.message, 'Property error: resources.srv.properties.name: ');
  assert.equal(srvOf(byId('h31-yaql-first-empty-bdm')).translation.error?.message, 'Property error: resources.srv.properties.block_device_mapping_v2: generator raised StopIteration');
  assert.equal(srvOf(byId('h31-yaql2-meta-map')).translation.error?.message, 'Property error: resources.srv.properties.metadata: generator raised StopIteration');
});

test('yaql: StopIteration and the early end as yaql 2.0.0 raises them (scripts/heat-hunt26-yaql-labels.json)', () => {
  const labels = new Map((JSON.parse(readFileSync(join(ROOT, 'scripts', 'heat-hunt26-yaql-labels.json'), 'utf8')) as { cases: Array<[string, { error?: string }]> }).cases);
  const data = new YDict(new Map([['e', new YList([], 'tuple')]]));
  const raised = (expr: string) => {
    try {
      evaluateYaql(expr, data);
    } catch (e) {
      return e;
    }
    return undefined;
  };
  assert.equal(labels.get('$.data.e.first()')?.error, 'StopIteration: ');
  assert.ok(raised('$.data.e.first()') instanceof YaqlStopIteration);
  assert.equal(labels.get('dict([[a]])')?.error, 'StopIteration: ');
  assert.ok(raised('dict([[a]])') instanceof YaqlStopIteration);
  assert.equal(labels.get('f(')?.error, 'parse: Parse error: unexpected end of statement');
  const p = raised('f(');
  assert.ok(p instanceof YaqlParseError && p.message === 'Parse error: unexpected end of statement');
  // inside a lambda the call's StopIteration waits for a reader past the items made before it:
  // first() reads one (yaql 2.0.0 gives 1: scripts/heat-hunt35-yaql-labels.json), a whole read raises it
  assert.equal(evaluateYaql('[[1], []].select($.first()).first()', data), 1);
  assert.ok(raised('[[1], []].select($.first())') instanceof YaqlStopIteration);
});

test('many get_param paths into one long text grow linearly: 200 vs 400 calls into 200 000 vs 400 000 characters', { timeout: 120_000 }, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nparameters:\n  p: {type: string, default: '${'ab'.repeat(500 * n)}'}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: img\n      networks: [{network: net}]\n      metadata: {${Array.from({ length: n }, (_, i) => `m${i}: {get_param: [p, ${i}]}`).join(', ')}}\n`;
  const one = heatSources(make(2), {})[0];
  assert.deepEqual((one.body as { server: { metadata: unknown } }).server.metadata, { m0: 'a', m1: 'b' });
  const g = bestGrowth(make, (t) => heatSources(t, {}), 200, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('get_param into a text', 200, g)} (linear ~2, quadratic ~4)`);
});
