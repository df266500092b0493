/**
 * A template's YAML mistakes, in block context above all (indentation, tabs, a `:` where no value
 * may be, quotes left open, `- ` and `? ` where they may not be, odd keys, stray brackets, anchors,
 * tags, directives, a second document, characters PyYAML refuses), refused as Heat refuses them:
 * only where libyaml and PyYAML both refuse the text (or SafeConstructor refuses what they read),
 * in PyYAML's words with its lines and columns, the problem's place as the error's span; `?x` in
 * a flow collection read as the key x. Labels: test/fixtures/heat/yaml-block-errors.json, the
 * hand-written families and random edits of valid templates of scripts/heat-yaml-gen.ts
 * (`270 7`), each labelled by Heat 19.0.0's own template_format.simple_parse
 * (test/fixtures/heat/yaml_block_errors.py), written by scripts/heat-yaml-difftest.ts --fixture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readYaml } from '../../server/src/source/heat/template';
import { pyYamlRefusal } from '../../server/src/source/heat/pyYamlParse';
import { bestGrowth, describeGrowth } from './growth';

interface Case { id: string; template: string; value?: unknown; error?: string }
const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'heat', 'yaml-block-errors.json'), 'utf8')) as Case[];
const NOT_MAP = 'The template is not a JSON object or YAML mapping.';

/** the line and column (1-based, code points, a BOM taking none) of an offset, as PyYAML counts them */
function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\n|\r|\u0085|\u2028|\u2029/);
  return [lines.length, [...lines[lines.length - 1]].filter((c) => c !== '\uFEFF').length + 1];
}

test('each broken template is refused in Heat\'s words, each other one read as Heat reads it', () => {
  const diffs: string[] = [];
  let refused = 0;
  for (const c of cases) {
    const r = readYaml(c.template);
    if (c.error !== undefined) {
      refused++;
      if (!('error' in r)) {
        if (!(c.error === NOT_MAP && r.root.kind !== 'map' && r.root.value !== null)) diffs.push(`${c.id}: we read it; Heat: ${c.error}`);
        continue;
      }
      if (r.error.message !== c.error) { diffs.push(`${c.id}:\n  ours ${JSON.stringify(r.error.message)}\n  heat ${JSON.stringify(c.error)}`); continue; }
      // the span is the problem's mark: the last "line L, column C" the message names
      const marks = [...c.error.matchAll(/line (\d+), column (\d+):/g)];
      const last = marks[marks.length - 1];
      if (last) {
        const [l, col] = lineCol(c.template, r.error.span.offset);
        if (l !== Number(last[1]) || col !== Number(last[2])) diffs.push(`${c.id}: span at line ${l}, column ${col}; Heat's mark is line ${last[1]}, column ${last[2]}`);
      }
      continue;
    }
    if ('error' in r) { diffs.push(`${c.id}: we refuse (${r.error.message}); Heat reads it`); continue; }
    const v = r.root.value === null ? {} : r.root.value;
    if (!isDeepStrictEqual(v, c.value) && JSON.stringify(v) !== JSON.stringify(c.value)) {
      // Heat's dicts print their keys in another order here: compare as sets of entries
      const norm = (x: unknown): unknown => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, y]) => [k, norm(y)])) : Array.isArray(x) ? x.map(norm) : x);
      if (!isDeepStrictEqual(norm(v), norm(c.value))) diffs.push(`${c.id}: ${JSON.stringify(v)} != ${JSON.stringify(c.value)}`);
    }
  }
  assert.deepEqual(diffs, []);
  assert.ok(refused >= 150, `only ${refused} refusals among the cases`);
});

test('the common block-context mistakes, in PyYAML\'s words', () => {
  const at = (id: string) => cases.find((c) => c.id === id)!;
  for (const id of ['family-indent-less-key', 'family-colon-in-value', 'family-quote-open-double', 'family-tab-indent', 'family-dash-after-key-value', 'family-qkey-after-value', 'family-colon-missing-inner']) {
    const c = at(id);
    assert.ok(c.error, id);
    const r = readYaml(c.template);
    assert.ok('error' in r, id);
    assert.equal(r.error.message, c.error, id);
  }
  // mapping values where none may be: the second `:` on the line
  const r = readYaml('heat_template_version: 2018-08-31\na: b: c\n');
  assert.ok('error' in r);
  assert.equal(r.error.message, 'Error parsing template [root stack] mapping values are not allowed here\n  in "<unicode string>", line 2, column 5:\n    a: b: c\n        ^');
  assert.equal(r.error.span.offset, 'heat_template_version: 2018-08-31\na: b'.length);
});

test('what libyaml takes Heat reads, though PyYAML would refuse it: a tab after `key:`, a tab in a plain scalar', () => {
  for (const text of ['heat_template_version: 2018-08-31\na:\tb\n', 'heat_template_version: 2018-08-31\na: x\ty\n', 'heat_template_version: 2018-08-31\na: [1,\n\t2]\n', 'heat_template_version: 2018-08-31\na: [x?y]\n']) {
    assert.equal(pyYamlRefusal(text), null, JSON.stringify(text));
    assert.ok(!('error' in readYaml(text)), JSON.stringify(text));
  }
});

test('`?x` in a flow collection is the key x', () => {
  const r = readYaml('heat_template_version: 2018-08-31\na: [?x, ?y: 1, ? z]\nb: {?k: 2, ?m}\n');
  assert.ok(!('error' in r));
  assert.deepEqual(r.root.value, { heat_template_version: '2018-08-31', a: [{ x: null }, { y: 1 }, { z: null }], b: { k: 2, m: null } });
  // a comment right after a flow collection or a quoted scalar (no blank before the `#`): Heat reads it
  const c = readYaml('heat_template_version: 2018-08-31\na: {b: 1}# c\nd: "e"#f\n');
  assert.ok(!('error' in c));
  assert.deepEqual(c.root.value, { heat_template_version: '2018-08-31', a: { b: 1 }, d: 'e' });
});

test('hostile texts: no hang, no crash, and linear (time at 2n over time at n) on deep nesting, long lines, many keys, merges of merges', { timeout: 180_000 }, () => {
  const families: Array<[string, (n: number) => string]> = [
    ['open brackets', (n) => '['.repeat(n)],
    ['open braces', (n) => '{'.repeat(n)],
    ['nested flow lines', (n) => ('a: ' + '['.repeat(900) + 'x' + ']'.repeat(900) + '\n').repeat(n / 2000)],
    // (each line one blank deeper: about sqrt(2n) lines make a text of n characters, so the text doubles with n)
    ['indented keys', (n) => Array.from({ length: Math.round(Math.sqrt(2 * n)) }, (_, i) => ' '.repeat(i) + 'a:').join('\n')],
    ['a long key', (n) => 'k'.repeat(n) + ': 1'],
    ['an unclosed quote', (n) => '"' + 'a\n'.repeat(n / 2)],
    ['tabs', (n) => '\t'.repeat(n)],
    ['complex keys in a flow sequence', (n) => '[' + '?x, '.repeat(n / 4) + ']'],
    ['merges of merges', (n) => Array.from({ length: n / 70 }, (_, i) => `m${i}: &m${i} {${i ? `<<: *m${i - 1}, ` : ''}k${i}: 1}`).join('\n')],
  ];
  for (const [what, make] of families) {
    // every text answers (a refusal or none): no exception, no hang (the watchdog above)
    pyYamlRefusal(make(200_000));
    const g = bestGrowth(make, (t) => pyYamlRefusal(t), 100_000, 3);
    assert.ok(g.ratio < 3, describeGrowth(what, 100_000, g));
  }
});
