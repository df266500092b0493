/**
 * YAML 1.1 values as Heat 19's template_format reads them (PyYAML's SafeConstructor under
 * libyaml's parser), where they reach the Nova body or Heat's refusal: merge keys (`<<: *x`,
 * `<<: [*a, *b]`), explicit tags (!!float, !!int, !!bool, !!null, !!str, !!binary, !!set, !!omap,
 * !!pairs), `.nan`/`.inf` in an integer property, ints past 2^53 as strings, floats in metadata.
 * The fixture's answers are Heat's own (shared/tools/heat-oracle, Stack.validate, stack_checks):
 * templates of `scripts/heat-gen.ts N SEED yaml` (seeds 11, 12, 2), labelled by
 * `node --import tsx scripts/heat-difftest.ts CASES.json ORACLE.json --label`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '../../server/src/source/heat/template';
import { pyYamlRefusal } from '../../server/src/source/heat/pyYamlParse';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';

const FIXTURE = join(__dirname, '..', 'fixtures', 'heat', 'yaml-values.json');
const value = (t: string): unknown => {
  const r = readYaml(t);
  return 'root' in r ? r.root.value : { error: r.error.message };
};

test('merge keys: a mapping or a list of mappings merged, own keys first to win, then earlier sources (PyYAML\'s flatten_mapping)', () => {
  // answers of yaml.load(text, Loader=heat.common.template_format.yaml_loader)
  assert.deepEqual(value('b: &x {c: 1}\na: {<<: *x}\n'), { b: { c: 1 }, a: { c: 1 } });
  const listed = value('b: &x {c: 1, d: 5}\nz: &y {c: 2, e: 3}\na: {d: 9, <<: [*x, *y]}\n') as Record<string, Record<string, number>>;
  assert.deepEqual(listed.a, { c: 1, e: 3, d: 9 });
  // Python's dict order: the merged keys first, in the order flatten_mapping leaves them
  assert.deepEqual(Object.keys(listed.a), ['c', 'e', 'd']);
  assert.deepEqual(value('b: &x {c: 1}\na: {!!merge <<: *x, c: 4}\n'), { b: { c: 1 }, a: { c: 4 } });
  assert.deepEqual(value('a: {<<: {x: 1}, <<: {x: 2, y: 3}}\n'), { a: { x: 2, y: 3 } });
  // a quoted `<<` is a plain key
  assert.deepEqual(value('a: {"<<": 1}\n'), { a: { '<<': 1 } });
});

test('explicit tags build what SafeConstructor builds; !!omap and !!pairs are checked item by item in PyYAML\'s words', () => {
  assert.deepEqual(value('a: !!float 1\nb: !!int "20"\nc: !!bool ON\nd: !!null ""\ne: !!str 017\nf: !!float 1:30\n'), { a: 1, b: 20, c: true, d: null, e: '017', f: 90 });
  const floats = readYaml('a: !!float 1\n');
  assert.ok('root' in floats && floats.root.entries![0]![1].float, '!!float 1 is a float (1.0)');
  // bytes, a set and (key, value) tuples, as Heat holds them: lists
  assert.deepEqual(value('a: !!binary aGk=\n'), { a: [104, 105] });
  assert.deepEqual(value('a: !!omap [{a: 1}, {b: 2}]\nb: !!pairs [{a: 1}, {a: 2}]\n'), { a: [['a', 1], ['b', 2]], b: [['a', 1], ['a', 2]] });
  assert.deepEqual(value('a: !!set {x, y}\n'), { a: ['x', 'y'] });
  const ctx = (kind: string, col: number, item: string, icol: number, text: string) =>
    `Error parsing template [root stack] while constructing ${kind}\n  in "<unicode string>", line 1, column ${col}:\n    ${text.trimEnd()}\n${' '.repeat(col + 3)}^\n${item}\n  in "<unicode string>", line 1, column ${icol}:\n    ${text.trimEnd()}\n${' '.repeat(icol + 3)}^`;
  const single = 'a: !!omap [{a: 1, c: 3}]\n';
  assert.equal(pyYamlRefusal(single)?.message, ctx('an ordered map', 4, 'expected a single mapping item, but found 2 items', 12, single));
  const scalar = 'a: !!pairs [x]\n';
  assert.equal(pyYamlRefusal(scalar)?.message, ctx('pairs', 4, 'expected a mapping of length 1, but found scalar', 13, scalar));
  // an item's key and value are constructed as they are: `<<` and `=` have no constructor there
  assert.match(pyYamlRefusal('a: !!omap [{<<: {b: 1}}]\n')!.message, /could not determine a constructor for the tag 'tag:yaml\.org,2002:merge'/);
  assert.match(pyYamlRefusal('a: !!pairs [{a: =}]\n')!.message, /tag:yaml\.org,2002:value'\n {2}in "<unicode string>", line 1, column 17/);
  // a later `=` is still found past an omap
  assert.match(pyYamlRefusal('a: !!omap [{a: [1]}]\nb: =\n')!.message, /line 2, column 4/);
  assert.equal(pyYamlRefusal('a: !!omap []\nb: !!omap [{a: [x]}]\n'), null);
});

test('integer properties: .nan is "not an integer", .inf is Python\'s OverflowError; an int past 2^53 is a name with every digit', () => {
  const cases = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<HeatCase & { oracle: HeatOracle }>;
  for (const pattern of [/Value 'nan' is not an integer/, /cannot convert float infinity to integer/, /"name":"123456789012345678901234567890"/, /"metadata":\{"a":"1\.0"/]) {
    const hits = cases.filter((c) => pattern.test(JSON.stringify(c.oracle)));
    assert.ok(hits.length, `no labelled case says ${pattern}`);
    for (const c of hits) assert.deepEqual(compareWithOracle(c, c.oracle).diffs, [], c.id);
  }
});

test('Heat agrees on every labelled template of YAML 1.1 values (the body sent or the refusal, word for word)', () => {
  const cases = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<HeatCase & { oracle: HeatOracle }>;
  assert.ok(cases.length >= 150);
  const sent = cases.filter((c) => Object.values(c.oracle.servers).some((s) => s.stage === 'sent')).length;
  assert.ok(sent >= 25, `only ${sent} bodies sent`);
  const bad: string[] = [];
  for (const c of cases) {
    const r = compareWithOracle(c, c.oracle);
    if (r.diffs.length) bad.push(`${c.id}: ${r.diffs.join('; ')}`);
  }
  assert.deepEqual(bad, []);
});
