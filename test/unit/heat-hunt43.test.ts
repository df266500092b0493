/**
 * Hunt 43 (Heat): a function's arguments Heat refuses as it parses the resource definitions (every
 * resource, whatever its condition, before any name or reference is checked), and yaql dicts keyed
 * by a collection, which Heat's output conversion refuses.
 * - test/fixtures/heat-hunt43/labels.json: templates of scripts/heat-hunt43-gen.ts (conditions of
 *   equals/not/and/or/contains, list_join/str_split/map_merge/map_replace/repeat with permutations,
 *   get_param on comma_delimited_list and json parameters, parameter constraints and groups,
 *   deletion_policy, depends_on, every template version) and its hand-written cases, labelled as
 *   hunt 42 labels (hunt 41's label41: Heat 19.0.0's own code through the heat-oracle
 *   (Stack.validate, each server), scripts/heat-hunt39-attach.py and scripts/heat-hunt40-instance.py
 *   (each attachment, each instance), the nova-oracle (each body), scripts/heat-hunt41-requires.py
 *   (Heat's dependency graph)) and compared by hunt 42's compare42.
 * - test/fixtures/heat-hunt43/yaql-labels.json: yaql 2.0.0 as Heat 19 runs it
 *   (scripts/heat-hunt26-yaql-direct.py) on dicts keyed by a collection (scripts/heat-hunt43-yaql.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { compare42 } from '../../scripts/heat-hunt42-gen';
import type { Hunt41Case } from '../../scripts/heat-hunt41-gen';
import { PARSED, UNHASHABLE } from '../../scripts/heat-hunt43-fixtures';
import { mine, same } from '../../scripts/heat-hunt26-yaql-direct';
import { heatRequests } from '../../server/src/source/heat';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'heat-hunt43');
const CASES = JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8')) as Hunt41Case[];
const byId = (id: string): Hunt41Case => {
  const c = CASES.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};
/** bdm-lab's refusal of each server (or the template's), or "sent" */
const answers = (c: Hunt41Case) => heatRequests(c.template, { params: c.params, microversion: c.microversion }).servers.map((d) => d.translation.error?.message ?? 'sent');
const heatWords = (c: Hunt41Case) => (c.oracle.stack_validate ?? '').replace(/^StackValidationFailed: /, '');

test('Heat 19.0.0 (heat-oracle: Stack.validate, each server, attachment and instance; its dependency graph; nova-oracle): bdm-lab agrees on every labelled template (test/fixtures/heat-hunt43/labels.json)', () => {
  assert.ok(CASES.length >= 30);
  // (the kinds hunt 43 fixed are among them)
  assert.ok(CASES.filter((c) => PARSED.test(c.oracle.stack_validate ?? '')).length >= 10);
  assert.ok(CASES.filter((c) => UNHASHABLE.test(c.oracle.stack_validate ?? '')).length >= 2);
  assert.ok(CASES.filter((c) => c.oracle.stack_validate === 'ok').length >= 8);
  for (const c of CASES) assert.deepEqual(compare42(c), [], c.id);
});

test('a function Heat refuses as it parses a resource whose condition is false still refuses the stack, in Heat\'s words (heat-oracle: Stack.validate)', () => {
  for (const id of ['h43-hand-disabled-list-join', 'h43-hand-disabled-repeat']) {
    const c = byId(id);
    assert.match(c.template, /condition: \{not: is_prod\}/);
    assert.ok(PARSED.test(c.oracle.stack_validate!), id);
    // the stack is refused before Heat decides s1's condition: each server carries the refusal
    const a = answers(c);
    assert.ok(a.length >= 1 && a.every((x) => x === heatWords(c)), `${id}: ${JSON.stringify(a)}`);
  }
  // from the generated templates: a disabled server's list_join before the reference of an attachment to it
  const g = byId('h43-4302-27');
  assert.match(heatWords(g), /^resources\.srv1\.properties\.name\.list_join: Incorrect arguments to "list_join"/);
  assert.ok(answers(g).every((a) => a === heatWords(g)));
});

test('Heat\'s parse refusal comes before a missing reference, and Repeat.validate\'s for_each check only for a resource it makes (heat-oracle)', () => {
  const c = byId('h43-hand-before-reference');
  assert.equal(heatWords(c), 'resources.s2.properties.name.str_split: Incorrect arguments to "str_split" should be: "str_split" : [ ",", "apples,pears", <index>]');
  assert.deepEqual(answers(c), [heatWords(c), heatWords(c)]);
  // negative: a for_each that is no map, in a server whose condition is false: Heat makes s2
  const f = byId('h43-hand-disabled-for-each');
  assert.equal(f.oracle.stack_validate, 'ok');
  assert.deepEqual(answers(f), ['sent']);
  // an output's value is parsed as well
  const o = byId('h43-hand-output-parsed');
  assert.equal(heatWords(o), 'outputs.o.value.list_join: Incorrect arguments to "list_join" should be: "list_join" : [ " ", [ "str1", "str2"] ...]');
  assert.deepEqual(answers(o), [heatWords(o)]);
});

test('a yaql dict keyed by a list or a dict fails Heat\'s output of it: the server\'s property error in yaql\'s words (heat-oracle)', () => {
  for (const [id, type] of [['h43-hand-yaql-list-key', 'list'], ['h43-hand-yaql-dict-key', 'dict']]) {
    const c = byId(id);
    assert.equal(heatWords(c), `Property error: resources.s1.properties.metadata: unhashable type: '${type}'`);
    assert.deepEqual(answers(c), [heatWords(c)]);
  }
  // read by len(), not output: Heat makes the server, named by the dict's length
  const r = byId('h43-hand-yaql-list-key-read');
  assert.equal(r.oracle.stack_validate, 'ok');
  assert.equal((r.oracle.servers.s1.nova_body as { server: { name: string } }).server.name, '1');
  const body = heatRequests(r.template).servers[0].body as { server: { name: string } };
  assert.equal(body.server.name, '1');
});

test('yaql 2.0.0: a dict keyed by a collection fails only where it is output, in yaql\'s words; read by len() or bool() it gives a value (test/fixtures/heat-hunt43/yaql-labels.json)', () => {
  const labels = JSON.parse(readFileSync(join(FIXTURES, 'yaql-labels.json'), 'utf8')) as Array<[string, unknown, { value?: unknown; error?: string }]>;
  assert.ok(labels.length >= 25);
  let answered = 0;
  for (const [e, d, heat] of labels) {
    const m = mine(e, d);
    if (m === undefined) continue;
    answered++;
    assert.ok(same(m, heat), `${e} on ${JSON.stringify(d)}: ${JSON.stringify(m)} != ${JSON.stringify(heat)}`);
  }
  // (the count the labels were written with: fewer is a regression to notes)
  assert.ok(answered >= 36, `${answered} answered`);
  assert.deepEqual(mine('dict([[$.data.items(), 2]])', { a: 1 }), { error: "unhashable type: 'ItemsView'" });
  assert.deepEqual(mine("dict([['a', 1], ['b', 2]])", null), { value: { dict: { a: 1, b: 2 } } });
  // read, not output: its length, equal keys one (yaql's tuples: [1] and [true] are equal)
  assert.deepEqual(mine('len(dict([[[1], 2], [[1], 3], [[true], 4]]))', null), { value: 1 });
  // what bdm-lab cannot tell is a note, not a guess
  assert.equal(mine('dict([[[1], 2]]) = dict([[[1], 2]])', null), undefined);
});

test('the parse check of each function of disabled servers is linear in the servers (growth at 2n over n)', { timeout: 60_000 }, () => {
  const make = (n: number) => `heat_template_version: 2021-04-16\nconditions:\n  never: false\nresources:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    type: OS::Nova::Server\n    condition: never\n    properties: {flavor: m1.small, image: cirros, name: {list_join: ['-', [a, {str_split: [',', 'x,y', 0]}]]}, block_device_mapping_v2: {repeat: {for_each: {<%d%>: [vdb, vdc]}, template: {device_name: <%d%>, volume_size: 1}, permutations: true}}}\n`).join('')}  last:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n`;
  const run = (t: string) => heatRequests(t);
  assert.deepEqual(run(make(3)).servers.map((d) => d.translation.error?.message ?? 'sent'), ['sent']);
  const g = bestGrowth(make, run, 60, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('n disabled servers', 60, g)} (linear ~2, quadratic ~4)`);
});
