/**
 * `-`, `?`, `:`, `#` and `,` in odd places of flow collections, read as Heat 19 reads them
 * (template_format.simple_parse: libyaml's CSafeLoader, else PyYAML's SafeLoader, its value or its
 * refusal): a lone `-` before `,`, `]` or `}` is the plain scalar "-" (a `-` before a blank is a
 * block entry, refused there); a comment may follow a token with no blank; a `:` token needs no
 * blank after it; libyaml drops the token after a flow sequence's key-less `?`, and refuses a `:`
 * before a flow indicator or `?` inside a plain scalar (Heat then reads with PyYAML: its tab and
 * `?` rules). Labels: test/fixtures/heat-hunt23/yaml-flow-indicators.json, Heat 19.0.0's own
 * template_format.simple_parse on each text (test/fixtures/heat/yaml_block_errors.py, via
 * scripts/heat-yaml-difftest.ts --label --fixture=...): hand-written cases, then the texts of
 * scripts/heat-hunt23-yaml-gen.ts that bdm-lab read otherwise before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readYaml } from '../../server/src/source/heat/template';
import { bestGrowth, describeGrowth } from './growth';

interface Case { id: string; template: string; value?: unknown; error?: string }
const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'heat-hunt23', 'yaml-flow-indicators.json'), 'utf8')) as Case[];
const WATCHDOG = { timeout: 120_000 };

/** bdm-lab's reading of a text: its value, or its refusal's words */
function ours(text: string): { value?: unknown; error?: string } {
  const r = readYaml(text);
  return 'error' in r ? { error: r.error.message } : { value: r.root.value };
}

const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b) || JSON.stringify(a) === JSON.stringify(b);

test('each text is read as Heat reads it: the same value, or its refusal in its words', () => {
  const diffs: string[] = [];
  for (const c of cases) {
    const r = ours(c.template);
    if (c.error === undefined) {
      if (r.error !== undefined) diffs.push(`${c.id}: we refuse (${r.error}); Heat reads ${JSON.stringify(c.value)}`);
      else if (!same(r.value, c.value)) diffs.push(`${c.id}: ${JSON.stringify(r.value)} != ${JSON.stringify(c.value)}`);
    } else if (r.error !== c.error) diffs.push(`${c.id}: ${JSON.stringify(r.error ?? r.value)} != ${JSON.stringify(c.error)}`);
  }
  assert.deepEqual(diffs, []);
  assert.ok(cases.length > 500, `only ${cases.length} cases`);
});

const label = (id: string) => cases.find((c) => c.id === id)!;

test('a lone `-` before `,`, `]` or `}` is the string "-" (list_join\'s delimiter written bare)', () => {
  const r = ours(label('dash-list-join').template);
  assert.deepEqual((r.value as { outputs: { o: { value: unknown } } }).outputs.o.value, { list_join: ['-', ['a', 'b']] });
  for (const [id, k] of [['dash-map-value', { k: '-' }], ['dash-seq-only', ['-']], ['dash-seq-middle', ['a', '-', 'b']], ['dash-map-keys', { '-': null, a: null }], ['dash-tagged', ['-']], ['dash-anchored', ['-', '-']]] as const) {
    assert.deepEqual((ours(label(id).template).value as { k: unknown }).k, k, id);
    assert.ok(same(label(id).value, ours(label(id).template).value), id);
  }
});

test('a `-` before a blank or a line break inside a flow collection is refused in Heat\'s words', () => {
  for (const id of ['dash-space-key', 'dash-space-item', 'dash-line-end', 'dash-tab', 'dash-comment', 'dash-value-space']) {
    const c = label(id);
    assert.match(c.error ?? '', /expected the node content, but found '-'/, id);
    assert.equal(ours(c.template).error, c.error, id);
  }
});

test("libyaml's dropped token after a flow sequence's `?`: read where libyaml reads on, PyYAML's reading where it refuses", () => {
  for (const id of ['libyaml-drop-comma', 'libyaml-drop-colon', 'libyaml-drop-bracket-read', 'libyaml-drop-refused', 'libyaml-drop-bracket-nested', 'libyaml-drop-tab', 'libyaml-drop-unclosed']) {
    const c = label(id);
    const r = ours(c.template);
    if (c.error !== undefined) assert.equal(r.error, c.error, id);
    else assert.ok(same(r.value, c.value), `${id}: ${JSON.stringify(r)} vs ${JSON.stringify(c.value)}`);
  }
});

test('flow collections full of bare `-`, dropped tokens and unspaced comments are read in linear time: 2 000 vs 4 000 entries', WATCHDOG, () => {
  const make = (n: number) => `heat_template_version: 2018-08-31\nk: [${'?,, -, {-: -}, a,#c\n '.repeat(n)}z]\n`;
  const r = ours(make(3));
  assert.equal(r.error, undefined);
  assert.equal((r.value as { k: unknown[] }).k.length, 3 * 4 + 1);
  const g = bestGrowth(make, (t) => readYaml(t), 2000, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('flow indicators', 2000, g)} (linear ~2, quadratic ~4)`);
});
