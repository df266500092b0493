/**
 * Hunt 34: splats of typed nulls and type constraints with `any`, as hcl v2.24.0 + go-cty v1.18.1
 * give them. hclsyntax SplatExpr.Value (expression.go): a null source of a list, set or tuple type
 * is refused ("Splat of null value", on the source), a null of any other type (a literal null's is
 * dynamic) is an empty tuple. A null gets a type from a conversion (tolist(null), a variable's
 * null default or missing optional attribute: convert passes a null through as cty.NullVal of the
 * type), from ConditionalExpr.Value (a literal null takes the other result's type) and from
 * cty.ListVal/MapVal (a dynamic null among typed elements); go-cty's conversion to a collection
 * of a type with `any` (conversionTupleToList, conversionObjectToMap, the element unification,
 * CanListVal/CanMapVal). Every expectation is the output of scripts/terraform-hunt32-oracle on the
 * very expression (a local; var.us an unknown string; var.v a variable with the case's type and
 * default, as Terraform's decodeVariableBlock converts it): its first diagnostic with its subject
 * (a variable's refusal: on its default), or its type and value. Before, the typed-null splats
 * were empty tuples and most of these were not evaluated (BDM-TF-UNKNOWN).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, refusal, Scope, variableProblem } from '../../server/src/source/terraform/eval';
import { attrs, blocks, parseHcl } from '../../server/src/source/terraform/hcl';
import { friendly } from '../../server/src/source/terraform/types';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { bestGrowth, describeGrowth } from './growth';

const UNKNOWN = 'variable "us" {\n  type = string\n}\n';

/** the expression as a local (var.v: a variable with `type` and `default`): its result, or its refusal with offsets in the expression (a variable's: in its default) */
function local(type: string | null, def: string | null, expr: string) {
  const v = type !== null ? `variable "v" {\n  type = ${type}\n  default = ${def}\n}\n` : '';
  const head = `${UNKNOWN}${v}\nlocals {\n  x = `;
  const text = `${head}${expr}\n}\n`;
  const parsed = parseHcl(text);
  assert.equal(parsed.error ?? null, null, expr);
  const scope = new Scope(parsed.body);
  scope.text = text;
  // Terraform refuses a variable's default when it loads the configuration
  const vp = type !== null ? variableProblem(scope.variables.get('v')!, scope) : undefined;
  if (vp) return { refused: { message: vp.message, text: text.slice(vp.span.offset, vp.span.offset + vp.span.length) } };
  const r = evaluate(attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
  const d = refusal(r);
  return d ? { refused: { message: d.message, start: d.span.offset - head.length, end: d.span.offset + d.span.length - head.length } } : { r };
}

/** the oracle's first diagnostic and its subject (-1, -1: a variable's default refused, on the default) */
const REFUSED: Array<[string | null, string | null, string, string, number, number]> = [
  [null, null, "tolist(null)[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 12],
  [null, null, "toset(null)[*].a", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 11],
  [null, null, "tolist(null).*", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 12],
  [null, null, "(true ? null : [1])[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 19],
  [null, null, "(false ? [1] : null).*.a", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 20],
  [null, null, "(false ? tolist(null) : null)[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 29],
  [null, null, "(true ? null : toset([\"a\"]))[*].b", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 28],
  [null, null, "tomap({a = null, b = [1]}).a[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 28],
  [null, null, "tomap({a = null, b = [1]}).a.a", "Attempt to get attribute from null value: This value is null, so it does not have any attributes.", 28, 30],
  [null, null, "tolist([for x in [1, 2] : x == 1 ? null : [x]])[0][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 50],
  [null, null, "tolist([(true ? null : [1]), [2]])[0][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 37],
  [null, null, "[for x in [1, 2] : x == 1 ? null : [x]][0][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 42],
  [null, null, "tolist([{a = null}, {a = [1]}])", "Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to list of any single type.", 7, 8],
  [null, null, "tolist([{a = null}, {a = [1]}])[0].a[*]", "Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to list of any single type.", 7, 8],
  [null, null, "tolist([[null], [[1]]])", "Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to list of any single type.", 7, 8],
  [null, null, "(var.us == \"\" ? null : [1])[*][0]", "Invalid index: This value does not have any indices.", 30, 33],
  [null, null, "(var.us == \"\" ? null : [1]).*[\"0x1\"]", "Invalid index: The given key does not identify an element in this collection value: a number is required.", 29, 36],
  [null, null, "(var.us == \"\" ? null : [1])[1]", "Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", 27, 30],
  [null, null, "(var.us == \"\" ? null : [1]).b", "Unsupported attribute: This value does not have any attributes.", 27, 29],
  [null, null, "tolist(tolist(null))[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 20],
  [null, null, "tomap(tolist(null))", "Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of dynamic to map of any single type.", 6, 13],
  ["list(string)", "null", "var.v[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 5],
  ["list(string)", "null", "var.v.*", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 5],
  ["set(string)", "null", "var.v[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 5],
  ["tuple([string])", "null", "var.v[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 5],
  ["list(object({a = string}))", "null", "var.v[*].a", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 5],
  ["list(any)", "null", "var.v[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 5],
  ["list(string)", "null", "tolist(var.v)[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 13],
  ["list(string)", "null", "[var.v][0][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 10],
  ["list(string)", "null", "{a = var.v}.a[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 13],
  ["list(string)", "null", "(true ? var.v : [\"x\"])[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 22],
  ["list(string)", "null", "(true ? var.v : 1)[*]", "Inconsistent conditional result types: The true and false result expressions must have consistent types. The 'true' value is list of string, but the 'false' value is number.", 8, 17],
  ["list(string)", "null", "tomap(var.v)", "Invalid function argument: Invalid value for \"v\" parameter: cannot convert list of string to map of any single type.", 6, 11],
  ["list(string)", "null", "tolist([var.v, [\"a\"]])[0][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 25],
  ["list(string)", "null", "tomap({a = var.v, b = [\"x\"]}).a[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 31],
  ["list(string)", "null", "[for x in [1] : var.v][0][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 25],
  ["object({a = optional(list(string))})", "{}", "var.v.a[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 7],
  ["object({a = optional(list(string))})", "{}", "var.v.a.*", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 7],
  ["object({a = optional(set(string))})", "{}", "var.v.a[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 7],
  ["object({a = optional(object({b = optional(list(string))}))})", "{a = {}}", "var.v.a.b[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 9],
  ["object({a = optional(list(object({b = optional(list(string))})))})", "{a = [{}]}", "var.v.a[*].b[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 7, 12],
  ["object({a = optional(list(object({b = optional(list(string))})))})", "{a = [{}]}", "var.v.a[0].b[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 12],
  ["list(list(string))", "[null, [\"a\"]]", "var.v[*][*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 5, 8],
  ["list(list(string))", "[null, [\"a\"]]", "[for x in var.v : x[*]]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 18, 19],
  ["map(list(string))", "{x = null}", "{for k, v in var.v : k => v[*]}", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 26, 27],
  ["map(list(string))", "{x = null}", "var.v.x[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 0, 7],
  ["list(object({a = list(string)}))", "[{a = null}]", "var.v[*].a[*]", "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.", 5, 10],
  ["list(any)", "[1, true]", "var.v", "Invalid default value for variable: This default value is not compatible with the variable's type constraint: all list elements must have the same type.", -1, -1],
  ["list(object({a = any}))", "[{a = null}, {a = [1]}]", "var.v", "Invalid default value for variable: This default value is not compatible with the variable's type constraint: element types must all match for conversion to list.", -1, -1],
  ["map(object({a = any}))", "{x = {a = null}, y = {a = [1]}}", "var.v", "Invalid default value for variable: This default value is not compatible with the variable's type constraint: attribute types must all match for conversion to map.", -1, -1],
  ["set(object({a = any}))", "[{a = null}, {a = [1]}]", "var.v", "Invalid default value for variable: This default value is not compatible with the variable's type constraint: element types must all match for conversion to set.", -1, -1],
  ["list(map(any))", "[{a = null}, {a = [1]}]", "var.v", "Invalid default value for variable: This default value is not compatible with the variable's type constraint: element types must all match for conversion to list.", -1, -1],
  ["map(list(any))", "{a = null, b = null}", "var.v[\"x\"][*].b", "Invalid index: The given key does not identify an element in this collection value.", 5, 10],
  ["list(map(any))", "[]", "var.v.x.a[*]", "Unsupported attribute: This value does not have any attributes.", 5, 7],
  ["set(list(any))", "[[1, \"a\"]]", "var.v.a", "Unsupported attribute: This value does not have any attributes.", 5, 7],
  ["list(set(any))", "[null, null]", "var.v.a", "Unsupported attribute: This value does not have any attributes.", 5, 7],
  ["list(object({a = optional(list(any))}))", "[null, null]", "var.v.a", "Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access attribute \"a\" for a specific element of the list, or across all elements of the list?", 5, 7],
];
const KNOWN: Array<[string | null, string | null, string, string, unknown]> = [
  [null, null, "tomap(null)[*]", "tuple", []],
  [null, null, "tostring(null)[*]", "tuple", []],
  [null, null, "null[*]", "tuple", []],
  [null, null, "(null).*", "tuple", []],
  [null, null, "(true ? null : {a = 1})[*]", "tuple", []],
  [null, null, "(true ? null : \"x\")[*]", "tuple", []],
  [null, null, "(true ? null : null)[*]", "tuple", []],
  [null, null, "tomap({a = null, b = [1]}).a", "null", null],
  [null, null, "tolist([for x in [1, 2] : x == 1 ? null : [x]])[0]", "null", null],
  [null, null, "[tolist([{a = null}, {a = 1}])]", "tuple", [[{"a": null}, {"a": 1}]]],
  [null, null, "(var.us == \"\" ? null : null)", "null", null],
  ["map(string)", "null", "var.v[*]", "tuple", []],
  ["string", "null", "var.v[*]", "tuple", []],
  ["object({a = string})", "null", "var.v[*].a", "tuple", []],
  ["any", "null", "var.v[*]", "tuple", []],
  ["list(string)", "null", "(var.us == \"\" ? var.v : null)", "null", null],
  ["object({a = optional(map(string))})", "{}", "var.v.a[*]", "tuple", []],
  ["any", "[1, \"a\"]", "var.v", "tuple", [1, "a"]],
  ["list(any)", "[1, \"a\"]", "var.v", "list of string", ["1", "a"]],
  ["map(any)", "{a = 1, b = \"x\"}", "var.v", "map of string", {"a": "1", "b": "x"}],
  ["list(any)", "[[1], [\"a\"]]", "var.v", "list of tuple", [["1"], ["a"]]],
  ["list(any)", "[null, 1]", "var.v", "list of number", [null, 1]],
  ["list(any)", "[null, null]", "var.v", "list of dynamic", [null, null]],
  ["map(any)", "{a = null}", "var.v", "map of dynamic", {"a": null}],
  ["set(any)", "[1, \"1\"]", "var.v", "set of string", ["1"]],
  ["object({a = any})", "{a = [1, \"x\"]}", "var.v", "object", {"a": [1, "x"]}],
  ["object({a = optional(any)})", "{}", "var.v", "object", {"a": null}],
  ["object({a = optional(any, [1])})", "{}", "var.v", "object", {"a": [1]}],
  ["tuple([any, string])", "[[1], 2]", "var.v", "tuple", [[1], "2"]],
  ["list(object({a = any}))", "[{a = 1}, {a = \"x\"}]", "var.v", "list of object", [{"a": "1"}, {"a": "x"}]],
  ["list(object({a = any}))", "[{a = [1]}, {a = [\"x\"]}]", "var.v", "list of object", [{"a": ["1"]}, {"a": ["x"]}]],
  ["map(list(any))", "{a = null, b = null}", "var.v", "map of list of dynamic", {"a": null, "b": null}],
  ["list(list(any))", "[]", "var.v[*]", "list of list of dynamic", []],
  ["list(list(any))", "[]", "var.v[*][0].0", "list of dynamic", []],
  ["set(list(any))", "[[1, \"a\"]]", "var.v", "set of list of string", [["1", "a"]]],
  ["list(object({a = any}))", "[null, null]", "var.v[*]", "list of object", [null, null]],
  ["list(list(any))", "[[1], [\"a\"]]", "var.v", "list of list of string", [["1"], ["a"]]],
  ["map(list(any))", "{a = [1], b = [\"x\"]}", "var.v", "map of list of string", {"a": ["1"], "b": ["x"]}],
  ["list(object({a = optional(any)}))", "[{}, {}]", "var.v[*].a", "list of dynamic", [null, null]],
];

test('a splat of a typed null, and what gives a null its type, as hcl and go-cty refuse them', () => {
  for (const [type, def, expr, message, start, end] of REFUSED) {
    const got = local(type, def, expr).refused;
    if (start < 0) assert.deepEqual(got, { message, text: def }, `${type} = ${def}: ${expr}`);
    else assert.deepEqual(got, { message, start, end }, `${type} = ${def}: ${expr}`);
  }
});

test('the value hcl gives: a typed null of another type splats to an empty tuple; `any` types unified as go-cty does', () => {
  for (const [type, def, expr, ty, value] of KNOWN) {
    const { r, refused } = local(type, def, expr);
    assert.equal(refused, undefined, `${type} = ${def}: ${expr}`);
    assert.equal(r?.kind, 'known', `${type} = ${def}: ${expr}`);
    if (r?.kind !== 'known') continue;
    assert.deepEqual(r.value, value, `${type} = ${def}: ${expr}`);
    if (value !== null) assert.equal(friendly(r.value), ty, `${type} = ${def}: ${expr}`);
  }
});

test('a block device whose size splats a variable\'s null list is refused with the resource; a null map splats to nothing', () => {
  const tf = (type: string, size: string) => `variable "extra" {
  type    = ${type}
  default = null
}
resource "openstack_compute_instance_v2" "vm" {
  name      = "vm"
  flavor_id = "1"
  block_device {
    uuid                  = "70a599e0-31e7-49b7-b260-868f441e862b"
    source_type           = "image"
    destination_type      = "volume"
    volume_size           = ${size}
    boot_index            = 0
    delete_on_termination = true
  }
}
`;
  // the oracle on length(var.v[*]) + 10, var.v list(number) with a null default: Splat of null value; map(number): 10
  const bad = analyzeDocument(tf('list(number)', 'length(var.extra[*]) + 10'), 'terraform', defaultContext());
  assert.equal(bad.valid, false);
  assert.ok(bad.diagnostics.some((d) => d.code === 'BDM-TF-CONFIG' && d.novaMessage === 'Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.'), JSON.stringify(bad.diagnostics.map((d) => [d.code, d.novaMessage])));
  const ok = analyzeDocument(tf('map(number)', 'length(var.extra[*]) + 10'), 'terraform', defaultContext());
  assert.deepEqual(ok.diagnostics.map((d) => d.code).filter((c) => c === 'BDM-TF-UNKNOWN' || c === 'BDM-TF-CONFIG'), []);
  assert.equal(ok.novaBdms?.[0]?.volume_size, 10);
});

test('typed nulls over n elements grow linearly, 3 000 vs 6 000: a `for` and a splat over a list of them, list(any) and map(list(any)) defaults of them', { timeout: 180_000 }, () => {
  const make = (n: number) => `variable "l" {
  type    = list(list(string))
  default = [${'null, '.repeat(n)}["a"]]
}
variable "a" {
  type    = list(any)
  default = [${'null, '.repeat(n)}1]
}
variable "m" {
  type    = map(list(any))
  default = {${Array.from({ length: n }, (_, i) => `k${i} = null`).join(', ')}}
}
locals {
  x = [for x in var.l : x == null ? 0 : length(x)]
  y = var.l[*][*]
  z = [length(var.a), length(var.m)]
}
`;
  const run = (text: string) => {
    const p = parseHcl(text);
    const scope = new Scope(p.body);
    const l = attrs(blocks(p.body, 'locals')[0].body);
    return ['x', 'y', 'z'].map((k) => evaluate(l.get(k)!.expr, scope));
  };
  const [x, y, z] = run(make(2));
  assert.deepEqual(x.kind === 'known' ? x.value : x.kind, [0, 0, 1]);
  assert.equal(refusal(y)?.message, 'Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.');
  assert.deepEqual(z.kind === 'known' ? z.value : z.kind, [3, 2]);
  const g = bestGrowth(make, run, 3000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('typed nulls', 3000, g)} (linear ~2, quadratic ~4)`);
});
