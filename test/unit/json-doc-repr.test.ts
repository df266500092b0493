/**
 * A JSON document reads the Python repr and str of a value from JSON.parse's value when its tree
 * is the lazy one (source/json/doc.ts), without making the nodes down to it: the same words as
 * reading the node, at every path of seeded bodies (server bodies and bare lists, odd keys and
 * strings included), and for paths that are not there. Where JSON.parse's value does not say what
 * Python reads (an integer-like key, an int beyond 2^53, a text that may write a float) the
 * words must still be the nodes'.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../server/src/parse/json';
import { pyReprNode, pyStrNode } from '../../server/src/parse/pyrepr';
import { jsonKind, jsonSource } from '../../server/src/source/registry';
import type { JsonDoc } from '../../server/src/source/json/doc';
import { rng } from '../../scripts/prng.mjs';

type Path = Array<string | number>;

function paths(v: unknown, at: Path, out: Path[]): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

/**
 * What JSON.stringify cannot write, put in place of markers: ints beyond 2^53, -0, floats
 * (JSON.parse makes 10 of `10.0`), and an integer-like key after other keys (JavaScript lists it first).
 */
const NUMBERS = ['9007199254740993', '-9007199254740995', '123456789012345678901234567890', '-0', '10.0', '1e1', '-0.0', '2.5'];
const unwritable = (text: string) => text.replace(/"@num(\d)"/g, (_, i: string) => NUMBERS[Number(i)]!).replace(/"z10z"/g, '"10"');

test('pyRepr and pyStr of a lazy JSON document say what its nodes say (seeded bodies)', () => {
  const next = rng(777);
  const strings = ['first', '', 'x\ny', "it's", 'é\u0000', '"q"', '\\', '0', 'None'];
  const leaf = () => {
    const r = next();
    return r < 0.4 ? strings[Math.floor(next() * strings.length)] : r < 0.55 ? next() < 0.5 : r < 0.7 ? null : r < 0.8 ? Math.floor(next() * 2000) - 1000 : r < 0.85 ? `@num${Math.floor(next() * (next() < 0.3 ? NUMBERS.length : 4))}` : r < 0.92 ? [1, 'a', null, { k: 'v', b: [true] }] : { nested: 'x', n: 7, '5': 'index-like' };
  };
  // an entry's keys: sometimes one JavaScript lists first (integer-like), sometimes a key
  // starting with a digit that is not one, sometimes neither (then JSON.parse's value is read)
  const entry = () => {
    const e: Record<string, unknown> = { source_type: leaf(), boot_index: leaf(), device_name: leaf(), __proto__x: leaf() };
    const r = next();
    if (r < 0.3) e.z10z = leaf();
    else if (r < 0.4) e['1x'] = leaf();
    return e;
  };
  let plain = 0;
  let checked = 0;
  for (let round = 0; round < 60; round++) {
    const entries = Array.from({ length: 1 + Math.floor(next() * 4) }, entry);
    const body = next() < 0.7 ? { server: { name: next() < 0.2 ? 'a 1.5 name' : leaf(), flavorRef: '1', block_device_mapping_v2: entries } } : entries;
    let text = unwritable(JSON.stringify(body, null, 1));
    // a duplicated key: Python keeps its first place and its last value, as JSON.parse does
    if (next() < 0.3) text = text.replace('"source_type":', '"source_type": "dup", "source_type":');
    const root = parseJson(text).root!;
    const kind = jsonKind(root, true)!;
    const doc = jsonSource(kind, { text, root, microversion: '2.1' }) as JsonDoc;
    const all = paths(doc.body, [], []);
    all.push(['server', 'nope'], ['server', 'block_device_mapping_v2', 99], ['nope', 0]);
    for (const p of all) {
      const node = doc.nodeAt(p);
      assert.equal(doc.pyRepr(p), pyReprNode(text, node), `${JSON.stringify(p)} of ${text}`);
      assert.equal(doc.pyStr(p), pyStrNode(text, node), `${JSON.stringify(p)} of ${text}`);
      checked++;
      const v = doc.valueAt(p);
      if (v !== null && typeof v === 'object' && !/[0-9][.eE]/.test(text) && !Object.keys(v).some((k) => /^[0-9]/.test(k))) plain++;
    }
  }
  assert.ok(checked > 500, `only ${checked} paths`);
  assert.ok(plain > 100, `only ${plain} containers read from JSON.parse's value`);
});
