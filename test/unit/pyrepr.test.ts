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
import { pyFloat, pyRepr, pyReprNode, pyStr, pyStrNode } from '../../server/src/parse/pyrepr';

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
