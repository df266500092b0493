/**
 * NaN, Infinity and -Infinity: Python's json (Nova's body parser) reads them as floats where a
 * value goes; JSON.parse refuses them. parse/json.ts reads them in its fallback only (a text
 * JSON.parse accepts never reaches it): same offsets as the text, the float values, Python's
 * repr from their spelling. What Nova answers on such bodies is labelled by the Nova oracle in
 * rules-pitfalls.test.ts; the spellings Python refuses were checked with python3's json.loads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson, findAt, toValue } from '../../server/src/parse/json';
import { LazyNode } from '../../server/src/parse/lazyTree';
import { pyReprNode } from '../../server/src/parse/pyrepr';
import { bestGrowth, describeGrowth } from './growth';

test('NaN, Infinity and -Infinity are float values at their own places, repr nan, inf, -inf', () => {
  const text = '{"a": NaN, "b": [Infinity,-Infinity], "c": "NaN", "d": 1}';
  const p = parseJson(text);
  assert.deepEqual(p.syntax, []);
  const v = toValue(p.root) as Record<string, unknown>;
  assert.ok(Number.isNaN(v.a));
  assert.deepEqual(v.b, [Infinity, -Infinity]);
  assert.equal(v.c, 'NaN');
  assert.equal(v.d, 1);
  for (const [path, spelled] of [[['a'], 'NaN'], [['b', 0], 'Infinity'], [['b', 1], '-Infinity']] as const) {
    const n = findAt(p.root, [...path])!;
    assert.equal(n.type, 'number');
    assert.equal(text.substr(n.offset, n.length), spelled);
  }
  assert.equal(pyReprNode(text, p.root), "{'a': nan, 'b': [inf, -inf], 'c': 'NaN', 'd': 1}");
});

test('a body JSON.parse accepts keeps the lazy tree (the constants cost nothing there)', () => {
  const p = parseJson('{"a": "NaN Infinity", "b": 1}');
  assert.ok(p.root instanceof LazyNode);
});

test('spellings Python\'s json refuses stay syntax problems, at the same places', () => {
  // each refused by json.loads in python3 (Expecting value / Expecting ',' delimiter / property name)
  for (const [text, at] of [
    ['{"a": -NaN}', '-'], ['{"a": 1NaN}', 'NaN'], ['{"a": nan}', 'nan'], ['{"a": infinity}', 'infinity'],
    ['{"a": - Infinity}', '-'], ['{"a": NaNx}', 'NaNx'], ['{"a": 1Infinity}', 'Infinity'], ['{"a": 1-Infinity}', '-'],
    ['{NaN: 1}', 'NaN'], ['{"a": NaN,}', '}'],
  ] as const) {
    const p = parseJson(text);
    assert.ok(p.syntax.length > 0, `${text} is refused`);
    const s = p.syntax[0].span;
    assert.equal(text.substr(s.offset, s.length), at, text);
  }
});

test('a broken text with a constant reports its own problem only, and the constant keeps its value', () => {
  const text = '{"a": NaN, "b": [1 2]}';
  const p = parseJson(text);
  assert.equal(p.syntax.length, 1);
  assert.match(p.syntax[0].message, /Comma expected/);
  assert.ok(Number.isNaN(findAt(p.root, ['a'])!.value));
});

test('reading n constants grows linearly: 20 000 vs 40 000', { timeout: 120_000 }, () => {
  const make = (n: number) => '{"hints": [' + Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'NaN' : i % 3 === 1 ? 'Infinity' : '-Infinity')).join(', ') + ']}';
  const g = bestGrowth(make, (t) => parseJson(t), 20_000, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('NaN/Infinity values', 20_000, g)} (linear ~2, quadratic ~4)`);
});
