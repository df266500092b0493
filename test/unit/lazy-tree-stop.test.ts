/**
 * The lazy tree places nodes when first asked (a walk of the text, of the whole text for the first
 * ask), in whatever order the asks come: every node must be where jsonc-parser's tree places the
 * node that holds the final value (the reference the other position tests use), on long lists with
 * duplicated keys before, inside and after them. (Written for a walk that stopped early once the
 * node asked was placed; that walk cost the editor's in-order reads of every place more than it
 * saved the CLI, and was taken out: the property it must keep stays tested.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { findAt, parseJson } from '../../server/src/parse/json';
import { LazyNode } from '../../server/src/parse/lazyTree';
import { rng } from '../../scripts/prng.mjs';
import { finalNodes, lazyAt, type Seg } from './json-places';

const entry = (i: number) => `{"source_type": "volume", "uuid": "u${i}", "boot_index": ${i}}`;
const list = (n: number, from = 0) => `[${Array.from({ length: n }, (_, i) => entry(from + i)).join(', ')}]`;

/** long lists (over 64 elements) with duplicated keys around and inside them */
const TEXTS: Record<string, string> = {
  'a body': `{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": ${list(150)}}}`,
  'keys before the list repeated after it': `{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": ${list(120)}, "name": "b", "flavorRef": {"x": [1, 2]}}}`,
  'the list key repeated': `{"server": {"block_device_mapping_v2": ${list(100)}, "name": "a", "block_device_mapping_v2": ${list(90, 500)}}}`,
  'the parent key repeated': `{"server": {"name": "x", "block_device_mapping_v2": ${list(80)}}, "server": {"block_device_mapping_v2": ${list(70, 300)}, "name": "y"}}`,
  'an earlier parent without the list': `{"server": {"name": "x", "flavorRef": "2"}, "server": {"name": "y", "block_device_mapping_v2": ${list(100)}, "flavorRef": "3"}}`,
  'duplicated keys inside the elements': `{"server": {"block_device_mapping_v2": [${Array.from({ length: 100 }, (_, i) => `{"uuid": "a${i}", "uuid": "b${i}", "boot_index": [${i}], "boot_index": ${i}}`).join(', ')}], "name": "n"}}`,
  'a bare long list': list(200),
  'a list of long lists': `[${list(70)}, ${list(66, 100)}, {"k": ${list(65, 200)}, "k": ${list(64, 400)}}]`,
  'a value spelled like the list key': `{"server": {"name": "block_device_mapping_v2", "block_device_mapping_v2": ${list(100)}}}`,
};

/** every final node asked for once, in `order`, on a fresh tree: each must be at jsonc-parser's place */
function check(text: string, label: string, order: (nodes: Array<{ path: Seg[]; node: Node; key: boolean }>) => void): void {
  const lazy = parseJson(text).root;
  assert.ok(lazy instanceof LazyNode, `${label}: the lazy tree`);
  const nodes = finalNodes(parseTree(text, [], { disallowComments: true })!);
  order(nodes);
  for (const { path, node, key } of nodes) {
    const l = lazyAt(lazy, path, key);
    assert.ok(l, `${label}: no lazy node at ${JSON.stringify(path)}`);
    assert.deepEqual({ offset: l.offset, length: l.length }, { offset: node.offset, length: node.length }, `${label}: ${key ? 'key' : 'value'} at ${JSON.stringify(path)}`);
  }
}

test('every node where jsonc-parser places it, asked in tree order, deepest first, in reverse and at random', () => {
  const r = rng(1505);
  for (const [name, text] of Object.entries(TEXTS)) {
    check(text, `${name} (tree order)`, () => {});
    check(text, `${name} (deepest first)`, (n) => n.sort((a, b) => b.path.length - a.path.length));
    check(text, `${name} (reverse)`, (n) => n.reverse());
    for (let round = 0; round < 3; round++) {
      check(text, `${name} (random ${round})`, (n) => {
        for (let i = n.length - 1; i > 0; i--) {
          const j = Math.floor(r() * (i + 1));
          [n[i], n[j]] = [n[j]!, n[i]!];
        }
      });
    }
  }
});

test('a report\'s order (each entry\'s field, then a key before the list, then further entries) places them as jsonc-parser does', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    if (!name.includes('key') && name !== 'a body') continue;
    const lazy = parseJson(text).root;
    const real = parseTree(text, [], { disallowComments: true })!;
    const asks: Seg[][] = [['server', 'block_device_mapping_v2', 1, 'uuid'], ['server', 'block_device_mapping_v2', 2], ['server', 'name'], ['server', 'block_device_mapping_v2', 40, 'boot_index'], ['server', 'flavorRef'], ['server', 'block_device_mapping_v2', 63], ['server'], ['server', 'block_device_mapping_v2']];
    for (const path of asks) {
      const want = findAt(real, path);
      const got = findAt(lazy, path);
      assert.equal(!!got, !!want, `${name}: ${JSON.stringify(path)}`);
      if (want && got) assert.deepEqual({ offset: got.offset, length: got.length }, { offset: want.offset, length: want.length }, `${name}: ${JSON.stringify(path)}`);
    }
  }
});
