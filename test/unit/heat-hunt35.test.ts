/**
 * Hunt 35, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource
 * and Stack.validate, through test/fixtures/heat/label.ts), each case's label beside it in
 * scripts/heat-hunt35-labels.json (hand-written cases, and the templates of
 * scripts/heat-hunt35-gen.ts seeds 3501-3504 and 3577 bdm-lab answered otherwise before), and
 * yaql 2.0.0's answers in scripts/heat-hunt35-yaql-labels.json:
 * - yaql's aggregate() (a method only; functools.reduce's TypeError on nothing), a dict's set(),
 *   groupBy(); StopIteration raised in a lambda comes out where a reader reaches the item it was
 *   raised on (a whole read, first() of nothing made before it, default or not), not where it
 *   stops before (first(), take(), any(), `in`);
 * - a map key that is no text keeps its type when its value is a function (str_replace's sort);
 * - Yaql.__init__ and Filter._parse_args refuse their arguments when Heat reads the template;
 *   GetParam.result refuses no arguments, arguments of another type, a name that is no text;
 * - novaclient splits Heat's `id:type:size:delete` text at every colon (an id's too), int() of
 *   the size part; Python's int() and float() read any Unicode decimal digit;
 * - a `!!set` as allowed_values is no list; str.replace's check names None itself;
 * - a json parameter's keys keep their order when one looks like an array index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { ROOT } from './cli-run';
import { labelledCases, testLabelledCases } from './heat-labelled';
import { bestGrowth, describeGrowth } from './growth';
import { mine, same } from '../../scripts/heat-hunt26-yaql-direct';

const { cases: CASES, byId, srvOf } = labelledCases('heat-hunt35-labels.json');
type Body = { server: { metadata?: unknown; block_device_mapping?: unknown } };

testLabelledCases('35', CASES, 100);

test('yaql 2.0.0: aggregate(), set(), groupBy() and StopIteration in lambdas (scripts/heat-hunt35-yaql-labels.json)', () => {
  const labels = JSON.parse(readFileSync(join(ROOT, 'scripts', 'heat-hunt35-yaql-labels.json'), 'utf8')) as Array<[string, unknown, { value?: unknown; error?: string }]>;
  assert.ok(labels.length >= 80);
  for (const [e, d, heat] of labels) {
    const m = mine(e, d);
    assert.ok(m !== undefined, `${e}: not evaluated`);
    assert.ok(same(m, heat), `${e} on ${JSON.stringify(d)}: ${JSON.stringify(m)} != ${JSON.stringify(heat)}`);
  }
});

test('novaclient splits the legacy mapping text at every colon of the id', () => {
  const want: Array<[string, unknown]> = [
    ['h35-hand-v1colon-snap', [{ device_name: 'vdb', snapshot_id: 'vol', delete_on_termination: '' }]],
    ['h35-hand-v1colon-size-underscore', [{ device_name: 'vdb', volume_id: 'vol', volume_size: '10', delete_on_termination: '' }]],
    ['h35-hand-v1colon-size-zeros', [{ device_name: 'vdb', volume_id: 'vol', volume_size: '-7', delete_on_termination: '' }]],
    ['h35-hand-v1colon-delete', [{ device_name: 'vdb', volume_id: 'vol', delete_on_termination: 'no' }]],
  ];
  for (const [id, bdm] of want) {
    const c = byId(id);
    assert.deepEqual((c.oracle.servers.srv.nova_body as Body).server.block_device_mapping, bdm, id);
    assert.deepEqual((srvOf(c).translation.body as Body).server.block_device_mapping, bdm, id);
  }
  const bad = byId('h35-hand-v1colon-repeat-name');
  assert.equal(bad.oracle.servers.srv.error, "ValueError: invalid literal for int() with base 10: 'bad'");
  assert.equal(srvOf(bad).translation.error?.stage, 'novaclient');
  assert.equal(srvOf(bad).translation.error?.message, "invalid literal for int() with base 10: 'bad'");
});

test('a number parameter written in other Unicode digits is the number', () => {
  for (const [id, k] of [['h35-hand-digits-metadata', '3'], ['h35-hand-digits-float', '1.5']]) {
    const c = byId(id);
    assert.deepEqual((c.oracle.servers.srv.nova_body as Body).server.metadata, { k }, id);
    assert.deepEqual((srvOf(c).translation.body as Body).server.metadata, { k }, id);
  }
});

test('the functions\' own refusals of their arguments, in Heat\'s words', () => {
  const want: Array<[string, string]> = [
    ['h35-hand-yaql-extra', `resources.srv.properties.metadata.k.yaql: '"yaql" syntax should be yaql:\\n              expression: $.data.var1.sum()\\n              data:\\n                var1: [3, 2, 1]'`],
    ['h35-hand-yaql-fn', 'resources.srv.properties.metadata.k.yaql: Arguments to "yaql" must be a map.'],
    ['h35-hand-filter-three', 'resources.srv.properties.metadata.k.filter: "filter" expected 2 arguments of the form [values, sequence] but got 3 arguments instead'],
    ['h35-hand-filter-text', 'resources.srv.properties.metadata.k.filter: Argument to "filter" must be a list'],
    ['h35-hand-getparam-args-1', 'Property error: resources.srv.properties.metadata: Function "get_param" must have arguments'],
    ['h35-hand-getparam-args-4', 'Property error: resources.srv.properties.metadata: Argument to "get_param" must be string or list'],
    ['h35-hand-getparam-args-0', 'Property error: resources.srv.properties.metadata: Parameter name in "get_param" must be string'],
    ['h35-hand-strkey-fn-only', "Property error: resources.srv.properties.name: object of type 'int' has no len()"],
    ['h35-hand-repeat-none', 'Property error: resources.srv.properties.metadata: replace() argument 2 must be str, not None'],
    ['h35-hand-allowed-set', 'AllowedValues must be a list'],
  ];
  for (const [id, msg] of want) {
    const c = byId(id);
    assert.equal(c.oracle.stack_validate?.replace(/^[A-Za-z]+: /, ''), msg, id);
    assert.equal(srvOf(c).translation.error?.message, msg, id);
  }
});

test('a json parameter keeps an index-like key at its place', () => {
  const t = (d: string) => `heat_template_version: 2018-08-31\nparameters:\n  j: {type: json, default: ${d}}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: img\n      networks: [{network: net}]\n      metadata: {k: {get_param: [j]}}\n`;
  // Heat 19.0.0 (the heat-oracle): {"a": 1, "0": "z"} for both spellings
  for (const d of ["{a: 1, '0': z}", `'{"a": 1, "0": "z"}'`]) {
    assert.deepEqual((heatSources(t(d), {})[0].translation.body as Body).server.metadata, { k: '{"a": 1, "0": "z"}' }, d);
  }
});

test('lambda StopIteration, colon-split mappings and index-like keys stay linear: 400 vs 800', { timeout: 120_000 }, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nparameters:\n  j: {type: json, default: {${Array.from({ length: n }, (_, i) => `'${n - i}': x`).join(', ')}}}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: img\n      networks: [{network: net}]\n      metadata: {k: {get_param: [j]}, y: {yaql: {expression: '$.data.select($.first()).first()', data: [[1], []]}}}\n      block_device_mapping: [${Array.from({ length: n }, (_, i) => `{device_name: vd${i}, volume_id: 'v:snap:${i + 1}'}`).join(', ')}]\n`;
  const one = heatSources(make(2), {})[0].translation.body as Body;
  // (yaql 2.0.0 gives 1: scripts/heat-hunt35-yaql-labels.json)
  assert.equal((one.server.metadata as { y: string }).y, '1');
  assert.equal((one.server.block_device_mapping as unknown[]).length, 2);
  const g = bestGrowth(make, (x) => heatSources(x, {}), 400, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('hunt-35 shapes', 400, g)} (linear ~2, quadratic ~4)`);
});
