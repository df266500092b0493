/**
 * The entries of a list placed by their keys' spellings (parse/lazyTree.ts listKeyPlace): each
 * entry's key, value, whole property and value start as jsonc-parser places them (a duplicated
 * key at its last occurrence), on lists whose texts spell the key elsewhere too (a value, a nested
 * object's key, a duplicated key), with an escape, or once per entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { parseJson, findAt } from '../../server/src/parse/json';
import { LazyNode, propertySpan } from '../../server/src/parse/lazyTree';

/** a small seeded generator (the cases are the same on every run) */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** jsonc-parser's last property `key` of an object node */
function lastProp(obj: Node, key: string): Node | undefined {
  return (obj.children ?? []).filter((p) => p.children![0]!.value === key).pop();
}

test('a list entry\'s key placed by one search of the text is where jsonc-parser places it', () => {
  const r = rng(15);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  let fast = 0;
  let checked = 0;
  for (let round = 0; round < 300; round++) {
    const n = pick([3, 8, 9, 20, 60]);
    const entries: string[] = [];
    for (let i = 0; i < n; i++) {
      const props = [`"uuid": "u${i}"`, `"boot_index": ${i === 0 ? 0 : -1}`];
      if (r() < 0.9) props.push(`"device_name": "/dev/vd${i}"`);
      const odd = r();
      if (odd < 0.03) props.push('"tag": "device_name"');
      else if (odd < 0.06) props.unshift('"device_name": "first"');
      else if (odd < 0.09) props.push('"extra": {"device_name": "x", "b": [1]}');
      else if (odd < 0.11) props.push('"tag": "a\\"b"');
      else if (odd < 0.13) props.push('"tag": "}{]["');
      if (r() < 0.5) props.reverse();
      entries.push(`{${props.join(pick([', ', ',\n  ']))}}`);
    }
    const text = r() < 0.2 ? `[${entries.join(',')}]` : `{"server": {"name": "${pick(['device_name', 's'])}", "block_device_mapping_v2": [\n${entries.join(',\n')}\n]}}`;
    const path = text.startsWith('[') ? [] : ['server', 'block_device_mapping_v2'];
    const real = findAt(parseTree(text, [], { disallowComments: true })!, path)!;
    // the lazy tree, its entries made (as the JSON entries make them) and none of their properties
    const list = findAt(parseJson(text).root!, path) as LazyNode;
    const items = list.children!;
    for (const key of ['device_name', 'boot_index', 'uuid', 'tag']) {
      for (const part of ['key', 'value', 'whole', 'start'] as const) {
        for (let i = 0; i < items.length; i++) {
          const obj = items[i] as LazyNode;
          const p = lastProp(real.children![i]!, key);
          const got = propertySpan(obj, key, part);
          if (!p) { assert.equal(got, undefined, `${text}: entry ${i} has no ${key}`); continue; }
          const k = p.children![0]!;
          const v = p.children![1]!;
          const want = part === 'key' ? { offset: k.offset, length: k.length } : part === 'whole' ? { offset: p.offset, length: p.length } : { offset: v.offset, length: part === 'value' ? v.length : 1 };
          assert.deepEqual(got, want, `${text}: ${part} of ${key} in entry ${i}`);
          checked++;
          // (no node of the list placed: the search answered, not a walk)
          if (!list.isPlaced()) fast++;
        }
      }
    }
  }
  assert.ok(checked > 10_000 && fast > 2_000, `${checked} places checked, ${fast} found by the search`);
});
