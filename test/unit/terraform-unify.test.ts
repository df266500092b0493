/**
 * go-cty's type unification (convert/unify.go, sort_types.go, compare_types.go) where Terraform uses
 * it: a conditional's two results (hclsyntax ConditionalExpr.Value: convert.UnifyUnsafe, the chosen
 * result converted, "Inconsistent conditional result types" with describeConditionalTypeMismatch's
 * words), and tolist/toset/tomap/distinct of structures (convert.Convert to list/set/map(dynamic):
 * conversionTupleToList, conversionObjectToMap; sets in set_internals.go's order). Expected values:
 * scripts/terraform-cty-oracle (hclsyntax v2.24.0 and go-cty v1.16.2 evaluating the expression).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from './terraform-local';
import { friendly, tupleAsCollection } from '../../server/src/source/terraform/types';

const INCONSISTENT = 'Inconsistent conditional result types: The true and false result expressions must have consistent types. ';
/** the value and go-cty's FriendlyName of its type */
const typedTf = (expr: string) => { const v = tf(expr); return typeof v === 'string' && v.includes(':') ? v : [friendly(v as never), v]; };

test('oracle: two tuples of one length unify element by element (a number becomes a string)', () => {
  assert.deepEqual(typedTf('true ? [1, "a"] : ["b", 2]'), ['tuple', ['1', 'a']]);
  assert.deepEqual(typedTf('false ? [1, "a"] : ["b", 2]'), ['tuple', ['b', '2']]);
  assert.deepEqual(typedTf('true ? [[1]] : [["a", "b"]]'), ['tuple', [['1']]]);
  assert.deepEqual(typedTf('true ? [null] : [1]'), ['tuple', [null]]);
  assert.deepEqual(typedTf('true ? [0.1 + 0.2] : ["x"]'), ['tuple', ['0.3']]);
});

test('oracle: tuples of different lengths become one list; objects with different attributes one map', () => {
  assert.deepEqual(typedTf('true ? [1, 2] : ["a"]'), ['list of string', ['1', '2']]);
  assert.deepEqual(typedTf('false ? [1, 2, 3] : [4]'), ['list of number', [4]]);
  assert.deepEqual(typedTf('true ? [] : ["a", "b"]'), ['list of string', []]);
  assert.deepEqual(typedTf('true ? {a = 1} : {b = "x"}'), ['map of string', { a: '1' }]);
  assert.deepEqual(typedTf('true ? {a = 1, b = "x"} : {a = 2}'), ['map of string', { a: '1', b: 'x' }]);
  assert.deepEqual(typedTf('true ? [{a = 1}, {a = "x"}] : [{a = true}]'), ['list of object', [{ a: '1' }, { a: 'x' }]]);
  assert.deepEqual(typedTf('true ? toset(["a"]) : ["b"]'), ['set of string', ['a']]);
  assert.deepEqual(typedTf('true ? tolist([1]) : tolist(["a"])'), ['list of string', ['1']]);
  assert.deepEqual(typedTf('true ? {a = {x = 1}} : {a = {y = 2}}'), ['object', { a: { x: 1 } }]);
});

test("oracle: results with no common type are refused in describeConditionalTypeMismatch's words", () => {
  assert.equal(tf('true ? [1, true] : [false, 2]'), `${INCONSISTENT}Type mismatch for tuple element 0: The 'true' value is number, but the 'false' value is bool.`);
  assert.equal(tf('true ? {a = 1} : {b = true}'), `${INCONSISTENT}The 'true' value includes object attribute "a", which is absent in the 'false' value.`);
  assert.equal(tf('true ? {a = 1, b = 2} : {a = "x", b = true}'), `${INCONSISTENT}Type mismatch for object attribute "a": The 'true' value is number, but the 'false' value is string.`);
  assert.equal(tf('true ? {a = {x = 1}} : {a = {y = true}}'), `${INCONSISTENT}Type mismatch for object attribute "a": The 'true' value includes object attribute "x", which is absent in the 'false' value.`);
  assert.equal(tf('true ? [[1], ["a"]] : [[true], [2]]'), `${INCONSISTENT}Type mismatch for tuple element 0: Type mismatch for tuple element 0: The 'true' value is number, but the 'false' value is bool.`);
  assert.equal(tf('true ? {a = [1]} : {a = {}}'), `${INCONSISTENT}Type mismatch for object attribute "a": The 'true' value is tuple, but the 'false' value is object.`);
  assert.equal(tf('true ? [1] : "a"'), `${INCONSISTENT}The 'true' value is tuple, but the 'false' value is string.`);
});

test('oracle: tolist and tomap of structures unify their elements (objects alike: one object type; else a map)', () => {
  assert.deepEqual(typedTf('tolist([{a = 1}, {a = "x"}])'), ['list of object', [{ a: '1' }, { a: 'x' }]]);
  assert.deepEqual(typedTf('tolist([{a = 1}, {b = 2}])'), ['list of map of number', [{ a: 1 }, { b: 2 }]]);
  assert.deepEqual(typedTf('tolist([[1], ["a", "b"]])'), ['list of list of string', [['1'], ['a', 'b']]]);
  assert.deepEqual(typedTf('tolist([{a = [1]}, {a = ["x", "y"]}])'), ['list of object', [{ a: ['1'] }, { a: ['x', 'y'] }]]);
  assert.deepEqual(typedTf('tomap({a = {x = 1}, b = {y = 2}})'), ['map of map of number', { a: { x: 1 }, b: { y: 2 } }]);
  const bad = 'Invalid function argument: Invalid value for "v" parameter: cannot convert tuple to list of any single type.';
  assert.equal(tf('tolist([{a = 1}, {a = true}])'), bad);
  assert.equal(tf('tolist([{a = 1}, null])'), bad);
  assert.equal(tf('tomap({a = [1], b = {}})'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert object to map of any single type.');
});

test("oracle: toset of structures merges equal ones and orders them by go-cty's set hash bytes", () => {
  assert.deepEqual(typedTf('toset([{name = "vda", size = 10}, {name = "vdb", size = 5}, {name = "vda", size = 10}])'), ['set of object', [{ name: 'vda', size: 10 }, { name: 'vdb', size: 5 }]]);
  // numbers by big.Float String(): "100" < "10" < "9" as bytes ('0' after ';' ...)
  assert.deepEqual(typedTf('toset([{a = 10}, {a = 9}, {a = 100}])'), ['set of object', [{ a: 100 }, { a: 10 }, { a: 9 }]]);
  assert.deepEqual(typedTf('toset([{a = 1.5}, {a = 1e20}, {a = 0.0001}, {a = 0.00001}])'), ['set of object', [{ a: 0.0001 }, { a: 1.5 }, { a: 1e20 }, { a: 0.00001 }]]);
  assert.deepEqual(typedTf('toset([[1, 2], [1], [0, 5]])'), ['set of list of number', [[0, 5], [1, 2], [1]]]);
  assert.deepEqual(typedTf('toset([{a = null}, {a = 1}])'), ['set of object', [{ a: 1 }, { a: null }]]);
  assert.deepEqual(typedTf('toset([{a = "x\\ny"}, {a = "x\\ty"}, {a = "x y"}])'), ['set of object', [{ a: 'x y' }, { a: 'x\ny' }, { a: 'x\ty' }]]);
  assert.equal(tf('length(toset([{a = 1}, {a = 1}]))'), 1);
});

test('oracle: distinct of structures converts them to one list first, then drops repeats', () => {
  assert.deepEqual(typedTf('distinct([{a = 1}, {a = 2}, {a = 1}])'), ['list of object', [{ a: 1 }, { a: 2 }]]);
  assert.deepEqual(typedTf('distinct([{a = 1}, {a = "1"}])'), ['list of object', [{ a: '1' }]]);
  assert.deepEqual(typedTf('distinct([{a = 1}, {b = 1}, {a = 1}])'), ['list of map of number', [{ a: 1 }, { b: 1 }]]);
  assert.deepEqual(typedTf('distinct([[1, 2], [1, 2], [2, 1]])'), ['list of tuple', [[1, 2], [2, 1]]]);
});

test('oracle: format %v of a set is its JSON in set order (strings by UTF-8 bytes)', () => {
  assert.equal(tf('format("%v", toset(["b", "a"]))'), '["a","b"]');
  assert.equal(tf('format("%v", {s = toset(["b", "a"]), t = [1]})'), '{"s":["a","b"],"t":[1]}');
  assert.equal(tf('format("%v", toset([{a = 2}, {a = 1}]))'), '[{"a":1},{"a":2}]');
  assert.equal(tf('format("%#v", toset([1, 2]))'), '[1,2]');
  assert.deepEqual(tf('toset(["\\uE000", "\\U0001F600", "a", "Z"])'), ['Z', 'a', '\uE000', '\u{1F600}']);
});

test('converting many structures to a list or set stays near-linear (types unified once each, one hash key per element)', { timeout: 60_000 }, () => {
  const values = (n: number) => Array.from({ length: n }, (_, i) => ({ a: i % (n / 2), b: `x${i}`, c: i % 3 ? [1, 2] : ['z'] }));
  const time = (kind: 'list' | 'set', n: number) => { const xs = values(n); const t0 = process.hrtime.bigint(); tupleAsCollection(xs, kind); return Number(process.hrtime.bigint() - t0); };
  const best = (kind: 'list' | 'set', n: number) => Math.min(...Array.from({ length: 5 }, () => time(kind, n)));
  // sixteen times the elements: pairwise work would take 256 times as long; linear work takes about
  // sixteen, more where the machine's caches and collector slow the larger run (up to ~4× measured)
  for (const kind of ['list', 'set'] as const) {
    best(kind, 1000);
    const r = best(kind, 16000) / best(kind, 1000);
    assert.ok(r < 100, `${kind}: 16000 elements took ${r}× 1000`);
  }
});
