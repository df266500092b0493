/**
 * An index or attribute of an expression that is not a reference (`[10, 20][0]`, `{a = 1}.a`,
 * `tolist([...])[1]`, `[for x in ... : x][1]`): hclsyntax's IndexExpr and RelativeTraversalExpr,
 * evaluated on the expression's value as a reference's steps are. Labelled by
 * scripts/terraform-hunt28-oracle (hcl v2.24.0 + go-cty v1.16.2) on these very expressions, as
 * locals (u.s, u.n, u.l: variables without a default). Before, every one of them was not evaluated
 * (BDM-TF-UNKNOWN). A bad index gives no value here (hunt 32 gives Terraform's refusal of it, words
 * and place: terraform-hunt32-index-splat.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, refusal, Scope } from '../../server/src/source/terraform/eval';
import { attrs, blocks, parseHcl } from '../../server/src/source/terraform/hcl';
import { friendly } from '../../server/src/source/terraform/types';
import { bigText } from '../../server/src/source/terraform/bignum';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const UNKNOWNS = 'variable "us" {\n  type = string\n}\nvariable "un" {\n  type = number\n}\nvariable "ul" {\n  type = list(string)\n}\n';

function local(expr: string) {
  const text = `${UNKNOWNS}\nlocals {\n  x = ${expr.replace(/\bu\.s\b/g, 'var.us').replace(/\bu\.n\b/g, 'var.un').replace(/\bu\.l\b/g, 'var.ul')}\n}\n`;
  const parsed = parseHcl(text);
  assert.equal(parsed.error ?? null, null, expr);
  const scope = new Scope(parsed.body);
  scope.text = text;
  return evaluate(attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
}

/** the oracle's type and value */
const KNOWN: Array<[string, string, unknown]> = [
  ["[10, 20][0]", "number", 10],
  ["[10, 20][1]", "number", 20],
  ["[10, 20][\"1\"]", "number", 20],
  ["[10, 20][1.0]", "number", 20],
  ["[10, 20][\"01\"]", "number", 20],
  ["[10, 20].0", "number", 10],
  ["[10, 20].1", "number", 20],
  ["[0.0][0]", "number", 0],
  ["[1.5][0]", "number", 1.5],
  ["{a = 1, b = \"x\"}[\"a\"]", "number", 1],
  ["{a = 1, b = \"x\"}.b", "string", "x"],
  ["{a = [1, 2]}.a[1]", "number", 2],
  ["[{a = 1}][0].a", "number", 1],
  ["[[1, 2], [3]][0][1]", "number", 2],
  ["tolist([\"a\", \"b\"])[1]", "string", "b"],
  ["tomap({a = \"x\"})[\"a\"]", "string", "x"],
  ["tomap({a = \"x\"}).a", "string", "x"],
  ["[1, u.n][0]", "number", 1],
  ["(true ? [1] : [2])[0]", "number", 1],
  ["[\"a\", \"b\"][length([1])]", "string", "b"],
  ["{\"0\" = \"z\"}[0]", "string", "z"],
  ["[for x in [1, 2] : x * 2][1]", "number", 4],
  ["{for k, v in {a = 1} : k => v}.a", "number", 1],
];
/** the oracle's values of splat expressions (evaluated since hunt 32: terraform-hunt32-index-splat.test.ts) */
const SPLAT: Array<[string, string, unknown]> = [
  ["[10, 20][*]", "tuple", [10, 20]],
  ["[{a = 1}][*].a", "tuple", [1]],
];
/** the oracle refuses these (its first diagnostic): bdm-lab gives no value */
const REFUSED: Array<[string, string]> = [
  ["[10, 20][2]", "Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection."],
  ["[10, 20][-1]", "Invalid index: The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence."],
  ["[10, 20][\"\"]", "Invalid index: The given key does not identify an element in this collection value: a number is required."],
  ["[10, 20][0.5]", "Invalid index: The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part."],
  ["[10, 20][true]", "Invalid index: The given key does not identify an element in this collection value: number required."],
  ["[10, 20][null]", "Invalid index: Can't use a null value as an indexing key."],
  ["{a = 1}[\"c\"]", "Invalid index: The given key does not identify an element in this collection value."],
  ["{a = 1}.c", "Unsupported attribute: This object does not have an attribute named \"c\"."],
  ["(\"abc\")[0]", "Invalid index: This value does not have any indices."],
  ["\"abc\"[0]", "Invalid index: This value does not have any indices."],
  ["(1)[0]", "Invalid index: This value does not have any indices."],
  ["[10, 20][9007199254740993]", "Invalid index: The given key does not identify an element in this collection value."],
  ["tolist([])[0]", "Invalid index: The given key does not identify an element in this collection value: the collection has no elements."],
];
/** not known to the oracle either */
const UNKNOWN: string[] = [
  "[u.s][0]",
  "[1, u.n][1]",
  "u.l[0]",
  "[10, 20][u.n]",
];

test('an index or attribute of a known expression has the value hcl gives it', () => {
  for (const [expr, type, value] of KNOWN) {
    const r = local(expr);
    assert.ok(!refusal(r), expr);
    assert.equal(r.kind, 'known', expr);
    if (r.kind !== 'known') continue;
    assert.deepEqual(r.value, value, expr);
    assert.ok(friendly(r.value).startsWith(type === 'tuple' ? 'tuple' : type === 'object' ? 'object' : type), `${expr}: ${friendly(r.value)} for ${type}`);
  }
});

test('an index keeps a number past 2^53 exact (the oracle: 9007199254740993)', () => {
  const r = local('[9007199254740993][0]');
  assert.equal(r.kind, 'known');
  assert.equal(r.kind === 'known' && r.num ? bigText(r.num) : '', '9007199254740993');
});

test('an index hcl refuses, or one it does not know, gives no value; a splat has the oracle\'s value', () => {
  for (const [expr] of REFUSED) assert.notEqual(local(expr).kind, 'known', expr);
  for (const expr of UNKNOWN) assert.notEqual(local(expr).kind, 'known', expr);
  for (const [expr, , value] of SPLAT) { const r = local(expr); assert.deepEqual(r.kind === 'known' ? r.value : r.kind, value, expr); }
});

test('a block device whose volume_size indexes a tuple is judged with that value', () => {
  const tf = (size: string) => `resource "openstack_compute_instance_v2" "vm" {
  name      = "vm"
  flavor_id = "1"
  block_device {
    uuid                  = "70a599e0-31e7-49b7-b260-868f441e862b"
    source_type           = "image"
    destination_type      = "volume"
    volume_size           = ${size}
    boot_index            = [0, 1][0]
    delete_on_termination = true
  }
}
`;
  const ok = analyzeDocument(tf('[10, 20][1]'), 'terraform', defaultContext());
  assert.deepEqual(ok.diagnostics.map((d) => d.code).filter((c) => c === 'BDM-TF-UNKNOWN'), []);
  assert.equal(ok.valid, true);
  assert.equal(ok.novaBdms?.[0]?.volume_size, 20);
  // a float size from the tuple: the provider's schema refuses it, as it refuses `volume_size = 1.5`
  const bad = analyzeDocument(tf('[1.5][0]'), 'terraform', defaultContext());
  const literal = analyzeDocument(tf('1.5'), 'terraform', defaultContext());
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.diagnostics.map((d) => [d.code, d.novaMessage]), literal.diagnostics.map((d) => [d.code, d.novaMessage]));
  assert.ok(bad.diagnostics.some((d) => d.code === 'BDM-TF-CONFIG' && d.novaMessage === 'Attribute must be a whole number, got 1.5'));
});
