/**
 * Terraform fidelity, hunt 30: numbers inside tuples, objects and collections keep go-cty's 512-bit
 * value (a variable's default converted to its type, an element read back by index or attribute),
 * and format()'s integer verbs print the integer go-cty holds.
 * Values are labelled with the real evaluator: scripts/terraform-hunt28-oracle (hashicorp/hcl
 * v2.24.0 + zclconf/go-cty v1.16.2, run as Terraform's decodeVariableBlock runs a default), on the
 * cases shown; seed 9302 of scripts/terraform-hunt28-gen.ts found the first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from './terraform-local';
import { bestGrowth, describeGrowth } from './growth';
import { evaluate, Scope } from '../../server/src/source/terraform/eval';
import { parseHcl, attrs, blocks } from '../../server/src/source/terraform/hcl';
import { friendly } from '../../server/src/source/terraform/types';

/** a variable `v` of this type and default, read as `expr` */
const typed = (type: string, def: string, expr = 'var.v') => tf(expr, `variable "v" {\n  type    = ${type}\n  default = ${def}\n}\n`);
const BIG = '18446744073709551617';
const DEFAULT_REFUSED = "Invalid default value for variable: This default value is not compatible with the variable's type constraint: ";
/** go-cty's friendly name of var.v's type, as bdm-lab keeps it (friendly()) */
function typeKind(type: string, def: string): string {
  const text = `variable "v" {\n  type    = ${type}\n  default = ${def}\n}\nlocals {\n  x = var.v\n}\n`;
  const parsed = parseHcl(text);
  const scope = new Scope(parsed.body);
  const r = evaluate(attrs(blocks(parsed.body, 'locals')[0].body).get('x')!.expr, scope);
  return r.kind === 'known' ? friendly(r.value) : r.kind;
}

test('a number converted to string inside a set of objects keeps its digits (oracle: set of object [{"size":"18446744073709551617"}])', () => {
  assert.deepEqual(typed('set(object({size = optional(string)}))', `[{size = ${BIG}}]`), [{ size: BIG }]);
});
test('the same inside objects, lists, sets, maps and nested lists (oracle: the digits each time)', () => {
  assert.deepEqual(typed('object({size = string})', `{size = ${BIG}}`), { size: BIG });
  assert.deepEqual(typed('list(object({size = optional(string)}))', `[{size = ${BIG}}]`), [{ size: BIG }]);
  assert.deepEqual(typed('set(string)', `[${BIG}]`), [BIG]);
  assert.deepEqual(typed('set(map(string))', `[{size = ${BIG}}]`), [{ size: BIG }]);
  assert.deepEqual(typed('set(list(string))', `[[${BIG}]]`), [[BIG]]);
  assert.deepEqual(typed('map(object({size = optional(string)}))', `{a = {size = ${BIG}}}`), { a: { size: BIG } });
});
test('a list(number) element read back is the number go-cty holds (oracle: [18446744073709551617][0] - 18446744073709551616 is 1; tostring of it its digits)', () => {
  assert.equal(typed('list(number)', `[${BIG}]`, 'var.v[0] - 18446744073709551616'), 1);
  assert.equal(typed('list(number)', `[${BIG}]`, 'tostring(var.v[0])'), BIG);
  assert.equal(typed('list(number)', `[${BIG}]`, '"n${var.v[0]}"'), `n${BIG}`);
});
test('an attribute of an untyped object default keeps its digits in a template (oracle: "${{a = 18446744073709551617}.a}" is that number)', () => {
  assert.equal(tf('"n${var.o.a}"', `variable "o" {\n  default = { a = ${BIG} }\n}\n`), `n${BIG}`);
});
test('format %d prints the integer go-cty holds, not its float64 (oracle: "18446744073709551617"; 1e400 exactly at 512 bits)', () => {
  assert.equal(tf(`format("%d", ${BIG})`), BIG);
  assert.equal(tf(`format("%d", "${BIG}")`), BIG);
  assert.equal(typed('list(number)', `[${BIG}]`, 'format("%d", var.v[0])'), BIG);
  assert.equal(tf('format("%x", 1e30)'), 'c9f2c9cd04674edea40000000');
  assert.equal(tf('format("%d", 1e400)'), '10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000099619093927145103698488885902559626546388220467448158901290339712241777162832451007140734114254934770906394233606070503901917153436635415036944339291818644996386419940467994013482382498698992627077917092011309750377767778231244955945636905091072');
  assert.match(String(tf('format("%d", 1.5)')), /an integer is required/);
});
test('an empty collection converted to a type with `any` inside is of that type, not of dynamic (oracle: map of set of tuple, set of map of object)', () => {
  assert.equal(typeKind('map(set(tuple([any, string])))', '{k0 = [], k1 = []}'), 'map of set of tuple');
  assert.equal(typeKind('set(map(object({size = optional(any)})))', '[{}, {}]'), 'set of map of object');
  assert.deepEqual(typed('set(map(object({size = optional(any)})))', '[{}, {}]'), [{}]);
});
test('an empty set next to a non-empty one still unifies, and mixed element types still refuse a set (oracle)', () => {
  assert.equal(typeKind('list(set(any))', '[[], ["a"]]'), 'list of set of string');
  assert.equal(typeKind('map(list(any))', '{a = [], b = [1]}'), 'map of list of number');
  assert.equal(typed('set(list(object({a = any})))', '[[], [{a = 1}]]'), `${DEFAULT_REFUSED}element types must all match for conversion to set.`);
  assert.equal(typed('set(map(object({size = optional(any)})))', '[{}, {x = {size = 1}}]'), `${DEFAULT_REFUSED}element types must all match for conversion to set.`);
});
test('keeping exact numbers in long tuples stays linear', { timeout: 120_000 }, () => {
  const t = (n: number) => `[${Array.from({ length: n }, (_, i) => `${BIG}${i}`).join(', ')}]`;
  assert.equal((tf(t(3)) as unknown[]).length, 3);
  const g = bestGrowth(t, (x) => tf(x), 2000, 3.5, 2, 3);
  assert.ok(g.ratio < 3.5, describeGrowth('a tuple of n long numbers', 2000, g));
});
