/**
 * The one Python repr (server/src/parse/pyrepr.ts) against Python 3 itself: the table in
 * test/fixtures/pyrepr/cases.json was labelled by python3's repr()/str() of json.loads(text)
 * (scripts/gen-pyrepr-cases.py writes it; this test never runs Python).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { parseJson } from '../../server/src/parse/json';
import { pyFloat, pyRepr, pyReprNode, pyReprParsed, pyStr, pyStrNode } from '../../server/src/parse/pyrepr';

interface Case { json: string; repr: string; str: string }
const table = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'pyrepr', 'cases.json'), 'utf8')) as { cases: Case[] };

test('the labelled table is large and covers every kind of value', () => {
  assert.ok(table.cases.length >= 300, `${table.cases.length} cases`);
  const kinds = new Set(table.cases.map((c) => (/^[[{"]/.test(c.json) ? c.json[0] : /^[a-z]/.test(c.json) ? c.json : /[.eE]/.test(c.json) ? 'float' : /^-?\d/.test(c.json) ? 'int' : c.json)));
  for (const k of ['[', '{', '"', 'float', 'int', 'true', 'false', 'null']) assert.ok(kinds.has(k), k);
});

test('repr and str of a parsed body match Python on every case (full parser tree)', () => {
  const bad: string[] = [];
  for (const c of table.cases) {
    const root = parseTree(c.json);
    const r = pyReprNode(c.json, root);
    const s = pyStrNode(c.json, root);
    if (r !== c.repr || s !== c.str) bad.push(`${c.json} -> ${r} / ${s}, Python ${c.repr} / ${c.str}`);
  }
  assert.deepEqual(bad, []);
});

test('repr matches Python through parseJson too (lazy tree for bodies with no float literal)', () => {
  const bad: string[] = [];
  for (const c of table.cases) {
    const r = pyReprNode(c.json, parseJson(c.json).root);
    if (r !== c.repr) bad.push(`${c.json} -> ${r}, Python ${c.repr}`);
  }
  assert.deepEqual(bad, []);
});

test('repr of plain values (JSON.parse) matches Python where JSON.parse loses nothing', () => {
  const bad: string[] = [];
  let n = 0;
  for (const c of table.cases) {
    const v = JSON.parse(c.json);
    // numbers need their spelling (1.0 vs 1) and ints beyond 2^53 their digits; objects with
    // integer-like or repeated keys their order: only the node form has those
    if (/\d/.test(c.json.replace(/"(?:[^"\\]|\\.)*"/g, '')) || /^[{[]/.test(c.json)) continue;
    n++;
    if (pyRepr(v) !== c.repr || pyStr(v) !== c.str) bad.push(`${c.json} -> ${pyRepr(v)}, Python ${c.repr}`);
  }
  assert.ok(n > 100, `${n} plain cases`);
  assert.deepEqual(bad, []);
});

test('floats: exponent form below 1e-4 and from 1e16, as Python prints them', () => {
  assert.equal(pyFloat(0.00001), '1e-05');
  assert.equal(pyFloat(1e16), '1e+16');
  assert.equal(pyFloat(1.5e16), '1.5e+16');
  assert.equal(pyFloat(9999999999999998), '9999999999999998.0');
  assert.equal(pyFloat(0.0001), '0.0001');
  assert.equal(pyFloat(-0), '-0.0');
  assert.equal(pyFloat(5e-324), '5e-324');
  assert.equal(pyRepr(10000000000000000, '1e16'), '1e+16');
  // eslint-disable-next-line no-loss-of-precision -- the rounded double is the point: the text keeps the digits
  assert.equal(pyRepr(12345678901234567890, '12345678901234567890'), '12345678901234567890');
  assert.equal(pyRepr(1e21), '1000000000000000000000');
});

/** Python's float repr written the long way (the shortest round-trip digits placed by hand): the reference for pyFloat's shortcut */
function referenceFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mant, expText] = Math.abs(n).toExponential().split('e');
  const digits = mant!.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) return `${sign}${digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** the double `k` steps of the last bit away from x (a positive x) */
function step(x: number, k: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) + BigInt(k));
  return v.getFloat64(0);
}

test('floats: the shortcut for a fraction between 1e-4 and 1e16 writes what the long way writes (seeded doubles of every exponent, and the edges)', () => {
  let seed = 99;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const view = new DataView(new ArrayBuffer(8));
  const xs: number[] = [1e-4, -1e-4, step(1e-4, -1), step(1e-4, 1), step(1e16, -1), step(1e-6, -1), step(1e-6, 1), step(1e21, -1), 1e16 - 2, step(2 ** 53, -1), 4503599627370495.5, 0.1, 0.5, 1.5, 123.456, 1e15 + 0.5, 1e-5, 5e-324, 1.7976931348623157e308];
  for (let i = 0; i < 20000; i++) {
    // random bits: every exponent; and numbers around the shortcut's range with fractions
    view.setUint32(0, Math.floor(next() * 2 ** 32));
    view.setUint32(4, Math.floor(next() * 2 ** 32));
    xs.push(view.getFloat64(0), (next() - 0.5) * 10 ** Math.floor(next() * 24 - 6));
  }
  let inRange = 0;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    assert.equal(pyFloat(x), referenceFloat(x), String(x));
    if (Math.abs(x) >= 1e-4 && Math.abs(x) < 1e16 && !Number.isInteger(x)) inRange++;
  }
  assert.ok(inRange > 10000, `${inRange} in the shortcut's range`);
});

test('repr of a parsed value (pyReprParsed) says what Python says whenever it answers, and answers for fractions in texts with floats', () => {
  const bad: string[] = [];
  let fractions = 0;
  for (const c of table.cases) {
    const floats = /[.eE]/.test(c.json.replace(/"(?:[^"\\]|\\.)*"/g, ''));
    const r = pyReprParsed(JSON.parse(c.json), floats);
    if (r === undefined) continue;
    if (r !== c.repr) bad.push(`${c.json} -> ${r}, Python ${c.repr}`);
    if (floats && typeof JSON.parse(c.json) === 'number') fractions++;
  }
  assert.deepEqual(bad, []);
  assert.ok(fractions > 20, `${fractions} float literals answered from the value`);
});
