/**
 * Hunt 44 (Heat): a condition on a get_param path that leads to no value (an index past the end,
 * a missing key, a key of the wrong type: '' in a condition as in a property), and yaql dicts keyed
 * by a number, a bool or null, made or given as data (Heat outputs them with those keys: Nova's body has json.dumps's
 * text of them; a block device entry refuses such a key as an unknown property).
 * - test/fixtures/heat-hunt44/labels.json: templates of scripts/heat-hunt44-gen.ts (if nested two
 *   and three deep, and/or of several conditions, block device entries built by map_merge and
 *   map_replace, repeat over list and json parameters, parameter constraints of every kind and
 *   groups, parameters given as an environment gives them, functions each template version has or
 *   not) and its hand-written cases, labelled as hunt 43 labels (hunt 41's label41: Heat 19.0.0's
 *   own code through the heat-oracle (Stack.validate, each server), scripts/heat-hunt39-attach.py
 *   and scripts/heat-hunt40-instance.py (each attachment, each instance), the nova-oracle (each
 *   body), scripts/heat-hunt41-requires.py (Heat's dependency graph)) and compared by hunt 42's compare42.
 * - test/fixtures/heat-hunt44/yaql-labels.json: yaql 2.0.0 as Heat 19 runs it
 *   (scripts/heat-hunt26-yaql-direct.py) on dicts keyed by numbers, booleans and null (scripts/heat-hunt44-yaql.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { compare42 } from '../../scripts/heat-hunt42-gen';
import type { Hunt41Case } from '../../scripts/heat-hunt41-gen';
import { PATH_CONDITION } from '../../scripts/heat-hunt44-fixtures';
import { mine44 } from '../../scripts/heat-hunt44-yaql';
import { same } from '../../scripts/heat-hunt26-yaql-direct';
import { heatRequests } from '../../server/src/source/heat';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'heat-hunt44');
const CASES = JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8')) as Hunt41Case[];
const byId = (id: string): Hunt41Case => {
  const c = CASES.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};
type Body = { server: { name: string; metadata?: Record<string, string> } };
/** Heat's body for s1 (heat-oracle), and bdm-lab's */
const heatBody = (c: Hunt41Case, name = 's1') => c.oracle.servers[name].nova_body as Body;
const ourBody = (c: Hunt41Case, name = 's1') => heatRequests(c.template, { params: c.params, microversion: c.microversion }).servers.find((d) => d.name === name)!.body as Body;
const answers = (c: Hunt41Case) => heatRequests(c.template, { params: c.params, microversion: c.microversion }).servers.map((d) => d.translation.error?.message ?? 'sent');
const heatWords = (c: Hunt41Case) => (c.oracle.stack_validate ?? '').replace(/^StackValidationFailed: /, '');

test('Heat 19.0.0 (heat-oracle: Stack.validate, each server, attachment and instance; its dependency graph; nova-oracle): bdm-lab agrees on every labelled template (test/fixtures/heat-hunt44/labels.json)', () => {
  assert.ok(CASES.length >= 40);
  assert.ok(CASES.filter((c) => c.id.startsWith('h44-hand-cond-')).length >= 10);
  assert.ok(CASES.filter((c) => PATH_CONDITION.test(c.template)).length >= 4);
  assert.ok(CASES.filter((c) => c.oracle.stack_validate === 'ok').length >= 10);
  assert.ok(CASES.filter((c) => c.oracle.stack_validate !== 'ok').length >= 5);
  for (const c of CASES) assert.deepEqual(compare42(c), [], c.id);
});

test('a get_param path that leads to no value is \'\' in a condition, as in a property (heat-oracle: the server\'s name Heat sends)', () => {
  const want: Array<[string, string]> = [
    ['past-end', 'yes-c'], ['past-end-not', 'no-c'], ['text-index', 'yes-c'], ['negative-index', 'yes-c'], ['bad-text-index', 'yes-c'],
    ['missing-key', 'yes-c'], ['nested-past-end', 'yes-c'], ['through-scalar', 'yes-c'], ['through-string', 'yes-c'], ['index-into-map', 'yes-c'], ['contains-past-end', 'yes-c'], ['float-index', 'yes-c'], ['bool-index', 'yes-c'],
  ];
  for (const [id, name] of want) {
    const c = byId(`h44-hand-cond-${id}`);
    assert.equal(heatBody(c).server.name, name, id);
    assert.equal(ourBody(c).server.name, name, id);
  }
  // where '' makes Heat reach an `if` whose condition reads a missing one: Heat's refusal, in its words
  for (const id of ['h44-hand-cond-path-reaches-invalid', 'h44-4401-13']) {
    const c = byId(id);
    assert.match(heatWords(c), /Invalid condition "secure"$/, id);
    assert.ok(answers(c).every((a) => a === heatWords(c)), `${id}: ${JSON.stringify(answers(c))}`);
  }
});

test('a yaql dict keyed by a number, a bool or null: Heat outputs it with those keys (json.dumps\'s text of them in Nova\'s body); a block device entry refuses such a key in Python\'s words (heat-oracle)', () => {
  const meta: Array<[string, Record<string, string>]> = [
    ['num-key', { 1: 'a', 2: 'b' }], ['bool-key', { true: 'a' }], ['null-key', { null: 'a' }], ['float-key', { '1.5': 'a' }], ['float-int-key', { '2.0': 'a' }],
    ['dup-keys', { 1: 'c' }], ['merge-num-key-clash', { 1: 'c' }], ['replace-num-key', { one: 'a' }],
    // a data map's keys that are no str reach yaql as they are (1 and true one key)
    ['data-num-key', { 1: 'b', '2.5': 'c' }], ['data-null-key', { null: 'a', x: 'b' }],
  ];
  for (const [id, m] of meta) {
    const c = byId(`h44-hand-${id}`);
    assert.deepEqual(heatBody(c).server.metadata, m, id);
    assert.deepEqual(ourBody(c).server.metadata, m, id);
  }
  for (const [id, key] of [['bdm-num-key', '1'], ['bdm-bool-key', 'True'], ['bool-bdm-key', 'None']]) {
    const c = byId(`h44-hand-${id}`);
    assert.equal(heatWords(c), `Property error: resources.s1.properties.block_device_mapping_v2[0]: Unknown Property ${key}`);
    assert.deepEqual(answers(c), [heatWords(c)]);
  }
  // read, not output: its length (1 and true one key), a value looked up by a number, a key
  for (const [id, name] of [['name-len', '1'], ['num-key-get', 'a'], ['num-key-keys', '1'], ['name-null-key', 'null'], ['data-num-key-get', 'x'], ['data-key-len', '2']]) {
    const c = byId(`h44-hand-${id}`);
    assert.equal(heatBody(c).server.name, name, id);
    assert.equal(ourBody(c).server.name, name, id);
  }
});

test('yaql 2.0.0: dicts keyed by numbers, booleans and null, made, looked up and output (test/fixtures/heat-hunt44/yaql-labels.json)', () => {
  const labels = JSON.parse(readFileSync(join(FIXTURES, 'yaql-labels.json'), 'utf8')) as Array<[string, unknown, { value?: unknown; error?: string }]>;
  assert.ok(labels.length >= 30);
  let answered = 0;
  for (const [e, d, heat] of labels) {
    const m = mine44(e, d);
    if (m === undefined) continue;
    answered++;
    assert.ok(same(m, heat), `${e} on ${JSON.stringify(d)}: ${JSON.stringify(m)} != ${JSON.stringify(heat)}`);
  }
  // (the count the labels were written with: fewer is a regression to notes)
  assert.ok(answered >= 36, `${answered} answered`);
  // 1, 1.0 and true are one key: the first key, the last value
  assert.deepEqual(mine44('dict([[true, a], [1, b]])', null), { value: { 'dict-keys': "{True: 'b'}" } });
  // a str key and a number are two keys to Python: a lookup by the other finds nothing
  assert.deepEqual(mine44('dict([[1, a]]).get("1", x)', null), { value: 'x' });
});

test('looking a yaql dict of number keys up is linear in its size (growth at 2n over n; Heat allows 200 items)', { timeout: 60_000 }, () => {
  const make = (n: number) => `heat_template_version: 2021-04-16\nresources:\n  s1:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}], name: {yaql: {expression: "let(d => range(${n}).toDict($, $)) -> str($d.keys().where($d.get($) >= 0).len())", data: {}}}}\n`;
  const run = (t: string) => heatRequests(t);
  assert.equal((run(make(40)).servers[0].body as Body).server.name, '40');
  const g = bestGrowth(make, run, 90, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('n keys', 90, g)} (linear ~2, quadratic ~4)`);
});
