/**
 * A JSON document reads the Python repr and str of a string, boolean or null from JSON.parse's
 * value when its tree is the lazy one (source/json/doc.ts), without making the nodes down to it:
 * the same words as reading the node, at every path of seeded bodies (server bodies and bare
 * lists, odd keys and strings included), and for paths that are not there.
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

test('pyRepr and pyStr of a lazy JSON document say what its nodes say (seeded bodies)', () => {
  const next = rng(777);
  const strings = ['first', '', 'x\ny', "it's", 'é\u0000', '"q"', '\\', '0', 'None'];
  const leaf = () => {
    const r = next();
    return r < 0.4 ? strings[Math.floor(next() * strings.length)] : r < 0.55 ? next() < 0.5 : r < 0.7 ? null : r < 0.85 ? Math.floor(next() * 2000) - 1000 : [1, 'a', null];
  };
  let checked = 0;
  for (let round = 0; round < 60; round++) {
    const entries = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({ source_type: leaf(), boot_index: leaf(), device_name: leaf(), __proto__x: leaf(), '10': leaf() }));
    const body = next() < 0.7 ? { server: { name: leaf(), flavorRef: '1', block_device_mapping_v2: entries } } : entries;
    const text = JSON.stringify(body, null, 1);
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
    }
  }
  assert.ok(checked > 500, `only ${checked} paths`);
});
