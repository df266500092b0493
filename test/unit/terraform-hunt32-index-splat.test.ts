/**
 * Hunt 32: Terraform's refusals of a bad index or attribute, and splat expressions (`x[*].a`,
 * `x.*.a`), as hcl v2.24.0 + go-cty v1.18.1 give them (hclsyntax parser.go
 * parseExpressionTraversals, expression.go IndexExpr/RelativeTraversalExpr/SplatExpr, hcl ops.go
 * Index/GetAttr). Every expectation is the output of scripts/terraform-hunt32-oracle on the very
 * expression (as a local; var.us, var.un, var.ul, var.uo: unknown values of type string, number,
 * list(string), list(object({size = number, tags = map(string)})), variables without a default
 * here): its first diagnostic and that diagnostic's subject, or its value. Before, every refusal
 * here and every splat was not evaluated (BDM-TF-UNKNOWN).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, refusal, Scope } from '../../server/src/source/terraform/eval';
import { attrs, blocks, parseHcl } from '../../server/src/source/terraform/hcl';
import { friendly } from '../../server/src/source/terraform/types';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { bestGrowth, describeGrowth } from './growth';

const UNKNOWNS = `variable "us" {
  type = string
}
variable "un" {
  type = number
}
variable "ul" {
  type = list(string)
}
variable "uo" {
  type = list(object({ size = number, tags = map(string) }))
}
`;
const HEAD = `${UNKNOWNS}\nlocals {\n  x = `;

/** the expression as a local: its result, or its refusal (a parse error too) with offsets in the expression */
function local(expr: string) {
  const text = `${HEAD}${expr}\n}\n`;
  const parsed = parseHcl(text);
  if (parsed.error) return { refused: { message: parsed.error.message, start: parsed.error.span.offset - HEAD.length, end: parsed.error.span.offset + parsed.error.span.length - HEAD.length } };
  const scope = new Scope(parsed.body);
  scope.text = text;
  const r = evaluate(attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
  const d = refusal(r);
  return d ? { refused: { message: d.message, start: d.span.offset - HEAD.length, end: d.span.offset + d.span.length - HEAD.length } } : { r };
}

/** the oracle's first diagnostic ("Summary: Detail") and its subject (offsets in the expression) */
const REFUSED: Array<[string, string, number, number]> = [
  ["[10, 20][2]", "Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", 8, 11],
  ["[10, 20][3]", "Invalid index: The given key does not identify an element in this collection value.", 8, 11],
  ["tolist([1])[5]", "Invalid index: The given key does not identify an element in this collection value.", 11, 14],
  ["tolist([1])[1]", "Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", 11, 14],
  ["tolist([])[0]", "Invalid index: The given key does not identify an element in this collection value: the collection has no elements.", 10, 13],
  ["tolist([])[3]", "Invalid index: The given key does not identify an element in this collection value.", 10, 13],
  ["[10, 20][-1]", "Invalid index: The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.", 8, 12],
  ["[10, 20][0.5]", "Invalid index: The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.", 8, 13],
  ["[10, 20][-0.5]", "Invalid index: The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.", 8, 14],
  ["[10, 20][1 / 0]", "Invalid index: The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.", 8, 15],
  ["[10, 20][\"\"]", "Invalid index: The given key does not identify an element in this collection value: a number is required.", 8, 12],
  ["[10, 20][\"a\"]", "Invalid index: The given key does not identify an element in this collection value: a number is required.", 8, 13],
  ["[10, 20][true]", "Invalid index: The given key does not identify an element in this collection value: number required, but have bool.", 8, 14],
  ["[10, 20][null]", "Invalid index: Can't use a null value as an indexing key.", 8, 14],
  ["[10, 20][[0]]", "Invalid index: The given key does not identify an element in this collection value: number required, but have tuple.", 8, 13],
  ["[10, 20][{}]", "Invalid index: The given key does not identify an element in this collection value: number required, but have object.", 8, 12],
  ["[10, 20][tolist([])]", "Invalid index: The given key does not identify an element in this collection value: number required, but have list of dynamic.", 8, 20],
  ["[10, 20][9007199254740993]", "Invalid index: The given key does not identify an element in this collection value.", 8, 26],
  ["{a = 1}[\"c\"]", "Invalid index: The given key does not identify an element in this collection value.", 7, 12],
  ["{a = 1}[0]", "Invalid index: The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index.", 7, 10],
  ["{a = 1}.0", "Invalid index: The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index.", 7, 9],
  ["{a = 1}.c", "Unsupported attribute: This object does not have an attribute named \"c\".", 7, 9],
  ["{a = 1}[[0]]", "Invalid index: The given key does not identify an element in this collection value: string required, but have tuple.", 7, 12],
  ["tomap({a = \"x\"})[\"b\"]", "Invalid index: The given key does not identify an element in this collection value.", 16, 21],
  ["tomap({a = \"x\"}).b", "Missing map element: This map does not have an element with the key \"b\".", 16, 18],
  ["tomap({a = \"x\"})[0]", "Invalid index: The given key does not identify an element in this collection value.", 16, 19],
  ["toset([\"a\"])[0]", "Invalid index: Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", 12, 15],
  ["toset([{a = 1}]).a", "Unsupported attribute: Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?", 16, 18],
  ["tolist([{a = 1}]).a", "Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access attribute \"a\" for a specific element of the list, or across all elements of the list?", 17, 19],
  ["tolist([{a = 1}]).b", "Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?", 17, 19],
  ["[{a = 1}].a", "Unsupported attribute: This value does not have any attributes.", 9, 11],
  ["\"abc\"[0]", "Invalid index: This value does not have any indices.", 5, 8],
  ["(1)[0]", "Invalid index: This value does not have any indices.", 3, 6],
  ["true.a", "Unsupported attribute: Can't access attributes on a primitive-typed value (bool).", 4, 6],
  ["\"abc\".a", "Unsupported attribute: Can't access attributes on a primitive-typed value (string).", 5, 7],
  ["null[0]", "Attempt to index null value: This value is null, so it does not have any indices.", 4, 7],
  ["null.a", "Attempt to get attribute from null value: This value is null, so it does not have any attributes.", 4, 6],
  ["[null][0].a", "Attempt to get attribute from null value: This value is null, so it does not have any attributes.", 9, 11],
  ["[{a = 1}, {b = 2}][*].a", "Unsupported attribute: This object does not have an attribute named \"a\".", 21, 23],
  ["[1, 2][*].a", "Unsupported attribute: Can't access attributes on a primitive-typed value (number).", 9, 11],
  ["[{a = [1]}, {a = []}][*].a[0]", "Invalid index: The given key does not identify an element in this collection value: the collection has no elements.", 26, 29],
  ["tolist([1, null])[*][*]", "Invalid nested splat expressions: The second level of splat expression produced elements of different types, so it isn't possible to construct a valid list to represent the top-level result.\n\nConsider using a for expression instead, to produce a tuple-typed result which can therefore have non-homogenous element types.", 17, 23],
  ["var.us[0]", "Invalid index: This value does not have any indices.", 6, 9],
  ["var.un.a", "Unsupported attribute: Can't access attributes on a primitive-typed value (number).", 6, 8],
  ["var.ul.a", "Unsupported attribute: This value does not have any attributes.", 6, 8],
  ["var.ul[\"x\"]", "Invalid index: The given key does not identify an element in this collection value: a number is required.", 6, 11],
  ["var.ul[null]", "Invalid index: Can't use a null value as an indexing key.", 6, 12],
  ["var.ul[*].a", "Unsupported attribute: Can't access attributes on a primitive-typed value (string).", 9, 11],
  ["var.us[*].a", "Unsupported attribute: Can't access attributes on a primitive-typed value (string).", 9, 11],
  ["{a = var.un}.b", "Unsupported attribute: This object does not have an attribute named \"b\".", 12, 14],
  ["{a = var.un}[0]", "Invalid index: The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index.", 12, 15],
  ["{a = var.un}.a.b", "Unsupported attribute: Can't access attributes on a primitive-typed value (number).", 14, 16],
  ["[var.un, 1].a", "Unsupported attribute: This value does not have any attributes.", 11, 13],
  ["[var.un, 1][2]", "Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", 11, 14],
  ["[var.un, 1][*].a", "Unsupported attribute: Can't access attributes on a primitive-typed value (number).", 14, 16],
  ["tomap({a = \"x\"})[var.us].c", "Unsupported attribute: Can't access attributes on a primitive-typed value (string).", 24, 26],
  ["var.un[var.ul]", "Invalid index: This value does not have any indices.", 6, 14],
  ["[1][[1][3]]", "Invalid index: The given key does not identify an element in this collection value.", 7, 10],
  ["[1].0.1", "Invalid legacy index syntax: When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1].", 4, 7],
  ["[1].*.*", "Nested splat expression not allowed: A splat expression (*) cannot be used inside another attribute-only splat expression.", 6, 7],
  ["[{a = [1]}].*.a.0.0", "Invalid legacy index syntax: When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like [0][0].", 12, 13],
  ["[{size = 10}, {size = 20}][*].size[1]", "Invalid index: This value does not have any indices.", 34, 37],
  ["var.uo[*].name", "Unsupported attribute: This object does not have an attribute named \"name\".", 9, 14],
  ["var.uo.size", "Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access attribute \"size\" for a specific element of the list, or across all elements of the list?", 6, 11],
];
/** the oracle's type and value */
const KNOWN: Array<[string, string, unknown]> = [
  ["[10, 20][*]", "tuple", [10, 20]],
  ["[{a = 1}][*].a", "tuple", [1]],
  ["[{a = 1}, {a = 2}].*.a", "tuple", [1, 2]],
  ["{a = 1}[*].a", "tuple", [1]],
  ["1[*]", "tuple", [1]],
  ["null[*]", "tuple", []],
  ["tolist([1, 2])[*]", "list of number", [1, 2]],
  ["toset([1, 2])[*]", "list of number", [1, 2]],
  ["tolist([])[*].a", "list of dynamic", []],
  ["tolist([{a = [1]}, {a = [2, 3]}])[*].a[0]", "list of number", [1, 2]],
  ["[{a = [1, 2]}, {a = [3]}][*].a[0]", "tuple", [1, 3]],
  ["[{size = 10}, {size = 20}].*.size[1]", "number", 20],
  ["([{size = 10}, {size = 20}][*].size)[1]", "number", 20],
  ["[[1, 2], [3]][*][0]", "tuple", [1, 3]],
  ["[for x in [1, 2] : {a = x}][*].a", "tuple", [1, 2]],
  ["{a = [{b = 1}, {b = 2}]}.a[*].b", "tuple", [1, 2]],
  ["tomap({a = \"x\"})[*].a", "tuple", ["x"]],
  ["[10, 20][\"1\"]", "number", 20],
  ["[10, 20][\"1e0\"]", "number", 20],
  ["tolist([1, null])[*]", "list of number", [1, null]],
  ["{a = var.un, b = 2}.b", "number", 2],
  ["[var.un, 1][1]", "number", 1],
];
/** not known to the oracle (its values are unknown: var.*) */
const UNKNOWN: string[] = [
  "var.ul[*]",
  "var.us[*]",
  "[var.un, 1][*]",
  "var.ul[0]",
  "var.ul[-1]",
  "tomap({a = \"x\"})[var.us]",
  "[1, 2][var.un]",
  "{a = var.un}.a",
  "[var.ul][*][0]",
  "var.uo[0].tags.x",
  "var.uo[0].tags[*].x",
  "var.uo[*].size",
  "var.uo[0].size",
];

test('an index or attribute Terraform refuses is refused in its words, on the place hcl names', () => {
  for (const [expr, message, start, end] of REFUSED) assert.deepEqual(local(expr).refused, { message, start, end }, expr);
});

test('a splat, and an index after one, has the value hcl gives it', () => {
  for (const [expr, type, value] of KNOWN) {
    const { r } = local(expr);
    assert.ok(r, expr);
    assert.equal(r.kind, 'known', expr);
    if (r.kind !== 'known') continue;
    assert.deepEqual(r.value, value, expr);
    assert.equal(friendly(r.value as never), type, expr);
  }
});

test('an index or splat of a value not known stays unknown, refused by nothing', () => {
  for (const expr of UNKNOWN) {
    const got = local(expr);
    assert.equal(got.refused, undefined, expr);
    assert.notEqual(got.r?.kind, 'known', expr);
  }
});

test('a number past 2^53 stays exact through a splat (the oracle: false for both)', () => {
  for (const expr of ['([9007199254740993][*])[0] == 9007199254740992', '[{a = 9007199254740993}].*.a[0] == 9007199254740992']) {
    const { r } = local(expr);
    assert.deepEqual(r?.kind === 'known' ? r.value : r?.kind, false, expr);
  }
});

/** a file with `decl` and `x = expr` as locals: x's result */
function inFile(decl: string, expr: string) {
  const text = `${decl}\nlocals {\n  x = ${expr}\n}\n`;
  const parsed = parseHcl(text);
  assert.equal(parsed.error ?? null, null);
  const scope = new Scope(parsed.body);
  scope.text = text;
  return { text, r: evaluate(attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!.expr, scope) };
}

test('splats and refusals on locals and variables with a default, as on the same values written out', () => {
  const decl = `locals {\n  disks = [{ size = 10 }, { size = 20 }]\n}\nvariable "typed" {\n  type    = list(object({ size = number }))\n  default = [{ size = 10 }, { size = 20 }]\n}\n`;
  // the oracle on [{size = 10}, {size = 20}].*.size[1]: 20 (`.*` takes `.size`, `[1]` indexes its result)
  const legacy = inFile(decl, 'local.disks.*.size[1]').r;
  assert.deepEqual(legacy.kind === 'known' ? legacy.value : legacy.kind, 20);
  // the oracle on [{size = 10}, {size = 20}][*].size[1]: `[*]` takes `[1]` too, on each number
  const full = inFile(decl, 'local.disks[*].size[1]');
  const d = refusal(full.r);
  assert.equal(d?.message, 'Invalid index: This value does not have any indices.');
  assert.equal(full.text.slice(d!.span.offset, d!.span.offset + d!.span.length), '[1]');
  // the oracle on tolist([{size = 10}, {size = 20}])[*].size: list of number [10, 20]
  const typed = inFile(decl, 'var.typed[*].size').r;
  assert.equal(typed.kind, 'known');
  if (typed.kind === 'known') { assert.deepEqual(typed.value, [10, 20]); assert.equal(friendly(typed.value), 'list of number'); }
  // the oracle on tolist([{size = 10}, {size = 20}]).size
  const hint = inFile(decl, 'var.typed.size');
  const h = refusal(hint.r);
  assert.equal(h?.message, 'Unsupported attribute: Can\'t access attributes on a list of objects. Did you mean to access attribute "size" for a specific element of the list, or across all elements of the list?');
  assert.equal(hint.text.slice(h!.span.offset, h!.span.offset + h!.span.length), '.size');
  // a for expression's result
  const fr = inFile(decl, '[for d in local.disks : d][*].size').r;
  assert.deepEqual(fr.kind === 'known' ? fr.value : fr.kind, [10, 20]);
});

test('a resource\'s configured attribute is not checked against the written value (the provider\'s schema types it)', () => {
  const decl = `resource "openstack_blockstorage_volume_v3" "v" {\n  size     = 10\n  metadata = { a = "x" }\n}\n`;
  const r = inFile(decl, 'openstack_blockstorage_volume_v3.v.metadata.b').r;
  assert.equal(refusal(r), undefined);
  assert.notEqual(r.kind, 'known');
  const ok = inFile(decl, 'openstack_blockstorage_volume_v3.v.metadata.a').r;
  assert.deepEqual(ok.kind === 'known' ? ok.value : ok.kind, 'x');
});

test('a block device\'s volume_size from a splat is judged with its value; a refused index refuses the resource', () => {
  const tf = (size: string) => `locals {
  disks = [{ size = 10 }, { size = 20 }]
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
  const ok = analyzeDocument(tf('local.disks.*.size[1]'), 'terraform', defaultContext());
  assert.deepEqual(ok.diagnostics.map((d) => d.code).filter((c) => c === 'BDM-TF-UNKNOWN' || c === 'BDM-TF-CONFIG'), []);
  assert.equal(ok.novaBdms?.[0]?.volume_size, 20);
  const bad = analyzeDocument(tf('local.disks[*].size[2 - 1]'), 'terraform', defaultContext());
  assert.equal(bad.valid, false);
  assert.ok(bad.diagnostics.some((d) => d.code === 'BDM-TF-CONFIG' && d.novaMessage === 'Invalid index: This value does not have any indices.'), JSON.stringify(bad.diagnostics.map((d) => [d.code, d.novaMessage])));
});

test('a splat over n elements whose index is an n-element tuple\'s grows linearly, 3 000 vs 6 000 (the key is read once)', { timeout: 180_000 }, () => {
  // hcl evaluates the key for every element; it cannot name the element, so bdm-lab reads it once
  const make = (n: number) => `locals {\n  x = [${'[1, 2],'.repeat(n)}][*][[${'1,'.repeat(n)}][0]]\n}\n`;
  const run = (text: string) => { const p = parseHcl(text); const scope = new Scope(p.body); return evaluate(attrs(blocks(p.body, 'locals')[0].body).get('x')!.expr, scope); };
  const small = run(make(3));
  assert.deepEqual(small.kind === 'known' ? small.value : small.kind, [2, 2, 2]);
  const g = bestGrowth(make, run, 3000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('splat with a long key', 3000, g)} (linear ~2, quadratic ~4)`);
});
