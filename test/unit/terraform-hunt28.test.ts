/**
 * Terraform fidelity, hunt 28: templates with %{ if } / %{ for } directives, strip markers and flush
 * heredocs; variables' type constraints (object, optional() with defaults, tuples, collections);
 * dynamic block_device's own arguments; for_each's null and sensitive values; validation rules;
 * sensitive(); integer arguments at the int64 bounds.
 * Expression values and variable defaults are labelled with the real evaluator:
 * scripts/terraform-hunt28-oracle (hashicorp/hcl v2.24.0 hclsyntax + ext/typeexpr, zclconf/go-cty
 * v1.16.2 with v1.18.1's convert/mismatch_msg.go, the only conversion file that differs between the
 * two), run as Terraform's decodeVariableBlock runs it. Provider and core behaviour cites the upstream
 * function beside each case (read, not run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terraformSources } from '../../server/src/source/terraform';
import { tf } from './terraform-local';
import { bestGrowth, describeGrowth } from './growth';

const first = (text: string) => terraformSources(text)[0];
const refusal = (text: string) => { const d = first(text); return [d.findings[0]?.code, d.findings[0]?.args?.detail]; };
type Bdm = Array<Record<string, unknown>>;
const bdm = (text: string) => (first(text).body as { server: { block_device_mapping_v2: Bdm } } | null)?.server.block_device_mapping_v2;
const vm = (lines: string, pre = '') => `${pre}resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  image_id  = "i"\n${lines}\n}\n`;
const blank = (lines: string) => `  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n${lines}\n  }`;
/** a variable `v` of this type and default, read as var.v */
const typed = (type: string, def: string) => tf('var.v', `variable "v" {\n  type    = ${type}\n  default = ${def}\n}\n`);
const DEFAULT_REFUSED = "Invalid default value for variable: This default value is not compatible with the variable's type constraint: ";

// ---- 1. templates: hclsyntax parser_template.go, expression_template.go (oracle) --------------------

test('strip markers trim the literal next to them (oracle: "abc")', () => {
  assert.equal(tf('"a ${~ "b" ~} c"'), 'abc');
});
test('a strip marker trims only the literal token before it: a lone $ is a token of its own (oracle: "a $1")', () => {
  assert.equal(tf('"a $ ${~ 1}"'), 'a $1');
});
test('one interpolation with strip markers is still that value; with literals around it a string (oracle: 1, "1")', () => {
  assert.equal(tf('"${~ 1 ~}"'), 1);
  assert.equal(tf('" ${~ 1 ~} "'), '1');
});
test('a for directive joins its content per element (oracle: "1,2,")', () => {
  assert.equal(tf('"%{ for x in [1, 2] }${x},%{ endfor }"'), '1,2,');
});
test('a for directive over an object binds key and value in key order (oracle: "a=1;b=2;")', () => {
  assert.equal(tf('"%{ for k, v in {b = 2, a = 1} }${k}=${v};%{ endfor }"'), 'a=1;b=2;');
});
test('a for directive over a set, strip markers inside (oracle: "ab")', () => {
  assert.equal(tf('"%{ for x in toset(["b", "a", "b"]) ~} ${x} %{~ endfor }"'), 'ab');
});
test('an if directive converts its condition to bool ("false" is false) (oracle: "no")', () => {
  assert.equal(tf('"%{ if "false" }yes%{ else }no%{ endif }"'), 'no');
});
test('an if directive on a number is refused (oracle)', () => {
  assert.equal(tf('"%{ if 1 }x%{ endif }"'), 'Incorrect condition type: The condition expression must be of type bool.');
});
test('a for directive over a string is refused (oracle)', () => {
  assert.equal(tf('"%{ for x in "str" }x%{ endfor }"'), "Iteration over non-iterable value: A value of type string cannot be used as the collection in a 'for' expression.");
});
test('a null interpolated inside a for directive is refused (oracle)', () => {
  assert.equal(tf('"%{ for x in [null] }${x}%{ endfor }"'), 'Invalid template interpolation value: The expression result is null. Cannot include a null value in a string template.');
});
test('a flush heredoc leaves a blank line\'s white space as it is (oracle: "a\\n      \\nb\\n")', () => {
  assert.equal(tf('<<-EOT\n    a\n      \n    b\n  EOT\n'), 'a\n      \nb\n');
});
test('a flush heredoc does not de-indent a line whose newline a ~} ate before it (oracle: "a\\n    b\\n    c\\n")', () => {
  assert.equal(tf('<<-EOT\n    a\n    %{ if true ~}\n    b\n    %{ endif ~}\n    c\n  EOT\n'), 'a\n    b\n    c\n');
});
test('a directive in user_data is sent, base64 (hcl template, then the provider\'s base64)', () => {
  const text = vm('  user_data = "%{ for d in ["b", "c"] }vd${d} %{ endfor }"');
  const body = first(text).body as { server: { user_data: string } };
  assert.equal(Buffer.from(body.server.user_data, 'base64').toString(), 'vdb vdc ');
});

// ---- 2. variables: named_values.go decodeVariableBlock, hcl ext/typeexpr, go-cty convert (oracle) --

test('optional() attributes take their defaults, nested values convert (oracle)', () => {
  assert.deepEqual(typed('list(object({size = optional(number, 10), t = string}))', '[{t = "a"}, {t = 1, size = "2"}]'), [{ size: 10, t: 'a' }, { size: 2, t: '1' }]);
});
test('an optional attribute without a default is null; a null one takes its default (oracle)', () => {
  assert.deepEqual(typed('object({size = optional(list(string))})', '{}'), { size: null });
  assert.deepEqual(typed('map(object({size = optional(number, 5)}))', '{b = {}, a = {size = null}}'), { a: { size: 5 }, b: { size: 5 } });
});
test('list(any), and a bare list (named_values.go decodeVariableType: list(any)), unify mixed elements (oracle on list(any): ["1", "a"])', () => {
  assert.deepEqual(typed('list(any)', '[1, "a"]'), ['1', 'a']);
  assert.deepEqual(typed('list', '[1, "a"]'), ['1', 'a']);
});
test('a value that does not convert is named by its path (oracle: ".a: a number is required")', () => {
  assert.equal(typed('object({a = number})', '{a = "x"}'), `${DEFAULT_REFUSED}.a: a number is required.`);
});
test('a missing attribute, a tuple of the wrong length, an element of the wrong type (oracle)', () => {
  assert.equal(typed('list(object({size = number, type = string}))', '[{size = 1}]'), `${DEFAULT_REFUSED}element 0: attribute "type" is required.`);
  assert.equal(typed('tuple([string])', '[]'), `${DEFAULT_REFUSED}tuple required.`);
  assert.equal(typed('map(set(bool))', '{k0 = [true, {a = 1}]}'), `${DEFAULT_REFUSED}element "k0": element 1: bool required, but have object.`);
});
test('a structure where a string is wanted: go-cty v1.18.1 names what it has (oracle)', () => {
  assert.equal(typed('string', '[]'), `${DEFAULT_REFUSED}string required, but have tuple.`);
});
test('an optional attribute\'s default that does not convert is refused (oracle)', () => {
  assert.equal(typed('list(object({size = optional(string, [])}))', '[]'), "Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: string required, but have tuple.");
});
test('hcl typeexpr words an optional default\'s error without its path (oracle: "a bool is required")', () => {
  assert.equal(typed('object({size = optional(set(list(bool)), [["a"], []])})', '{}'), "Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: a bool is required.");
});
test('elements with `any` inside are unified after conversion (oracle)', () => {
  assert.deepEqual(typed('list(object({size = optional(set(any))}))', '[{}]'), [{ size: null }]);
  assert.deepEqual(typed('list(object({a = any}))', '[{a = 1}, {a = "x"}]'), [{ a: '1' }, { a: 'x' }]);
  assert.equal(typed('list(object({a = any}))', '[{a = 1}, {a = [1]}]'), `${DEFAULT_REFUSED}[1]: cannot find a common base type for all elements.`);
});
test('a dynamic block_device over a list of objects with optional defaults (the sizes and types Terraform gives)', () => {
  const pre = 'variable "disks" {\n  type = list(object({\n    size = optional(number, 10)\n    type = optional(string, "ssd")\n  }))\n  default = [{}, { size = "20" }]\n}\n';
  const text = vm('  dynamic "block_device" {\n    for_each = var.disks\n    iterator = d\n    content {\n      source_type      = "blank"\n      destination_type = "volume"\n      volume_size      = d.value.size\n      volume_type      = d.value.type\n    }\n  }', pre);
  assert.deepEqual(bdm(text)?.map((b) => [b.volume_size, b.volume_type]), [[10, 'ssd'], [20, 'ssd']]);
});

// ---- 3. dynamic blocks: hcl ext/dynblock expand_spec.go decodeSpec (v2.24.0) --------------------------

const dyn = (extra: string) => vm(`  dynamic "block_device" {\n    for_each = ["a"]\n${extra}\n    content {\n      source_type      = "blank"\n      destination_type = "local"\n      volume_size      = 1\n    }\n  }`);
test('a quoted iterator is no variable reference (traversal_for_expr.go AbsTraversalForExpr)', () => {
  assert.deepEqual(refusal(dyn('    iterator = "d"')), ['BDM-TF-CONFIG', 'Invalid expression: A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.']);
});
test('an iterator with an attribute is no single name (decodeSpec)', () => {
  assert.deepEqual(refusal(dyn('    iterator = d.x')), ['BDM-TF-CONFIG', 'Invalid dynamic iterator name: Dynamic iterator must be a single variable name.']);
});
test('labels is not expected for block_device, which has none (dynamicBlockBodySchemaNoLabels)', () => {
  assert.deepEqual(refusal(dyn('    labels = ["x"]')), ['BDM-TF-CONFIG', 'Unsupported argument: An argument named "labels" is not expected here.']);
});
test('negative: a bare iterator name is bound', () => {
  assert.deepEqual(bdm(dyn('    iterator = d'))?.length, 1);
});

// ---- 4. for_each: internal/terraform/eval_for_each.go validateResource --------------------------------

const each = (forEach: string, pre = '') => vm(`  for_each = ${forEach}\n${blank('    volume_size = 1')}`, pre);
test('a set of strings with a null element', () => {
  assert.deepEqual(refusal(each('toset(["a", null])')), ['BDM-TF-CONFIG', 'Invalid for_each set argument: The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.']);
});
const SECRET = 'variable "s" {\n  type      = set(string)\n  default   = ["a"]\n  sensitive = true\n}\n';
const SENSITIVE = 'Invalid for_each argument: Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.';
test('a sensitive variable, sensitive(), a for over a sensitive collection', () => {
  assert.deepEqual(refusal(each('var.s', SECRET)), ['BDM-TF-CONFIG', SENSITIVE]);
  assert.deepEqual(refusal(each('sensitive(toset(["a"]))')), ['BDM-TF-CONFIG', SENSITIVE]);
  assert.deepEqual(refusal(each('{ for k in var.s : k => 1 }', SECRET)), ['BDM-TF-CONFIG', SENSITIVE]);
  // ConditionalExpr.Value: the condition's and both results' marks, whichever result is chosen
  assert.deepEqual(refusal(each('true ? toset(["a"]) : var.s', SECRET)), ['BDM-TF-CONFIG', SENSITIVE]);
});
test('negative: nonsensitive() clears the mark (internal/lang/funcs/sensitive.go)', () => {
  assert.equal(first(each('nonsensitive(var.s)', SECRET)).findings.length, 0);
});

// ---- 5. sensitive(), validation rules, integers ------------------------------------------------------

test('sensitive() and nonsensitive() give their argument (internal/lang/funcs/sensitive.go)', () => {
  assert.equal(bdm(vm(blank('    volume_size = sensitive(5)')))?.[0].volume_size, 5);
  assert.equal(bdm(vm(blank('    volume_size = nonsensitive(6)')))?.[0].volume_size, 6);
});
// internal/terraform/eval_variable.go evalVariableValidation: the rule's DefRange is its type name
test('a failed validation rule refuses the plan, with its trimmed message and place', () => {
  const pre = 'variable "size" {\n  type    = number\n  default = 10\n  validation {\n    condition     = var.size > 100\n    error_message = "  too small "\n  }\n}\n';
  assert.deepEqual(refusal(vm(blank('    volume_size = var.size'), pre)), ['BDM-TF-CONFIG', 'Invalid value for variable: too small\n\nThis was checked by the validation rule at main.tf:4,3-13.']);
});
test('a null condition; negative: a rule that holds', () => {
  const rule = (cond: string) => `variable "size" {\n  default = 10\n  validation {\n    condition     = ${cond}\n    error_message = "no"\n  }\n}\n`;
  assert.deepEqual(refusal(vm(blank('    volume_size = var.size'), rule('null'))), ['BDM-TF-CONFIG', 'Invalid variable validation result: Validation condition expression must return either true or false, not null.']);
  assert.equal(bdm(vm(blank('    volume_size = var.size'), rule('var.size < 100')))?.[0].volume_size, 10);
});
// terraform-plugin-sdk hcl2shim configValueFromHCL2: a number exact as an int64 stays an int
test('volume_size at the int64 bounds is an int; one past them a float the SDK refuses', () => {
  assert.equal(first(vm(blank('    volume_size = 9223372036854775807'))).findings.length, 0);
  assert.equal(first(vm(blank('    volume_size = -9223372036854775808'))).findings.length, 0);
  assert.deepEqual(refusal(vm(blank('    volume_size = 9223372036854775808'))), ['BDM-TF-CONFIG', 'Attribute must be a whole number, got 9.223372036854776e+18']);
});

// ---- 6. hostile inputs: bounded work ----------------------------------------------------------------

test('locals that each read the one before twice stay linear (ratio of times at 2n and n)', { timeout: 120_000 }, () => {
  const file = (n: number) => `locals {\n  a0 = 1\n${Array.from({ length: n }, (_, i) => `  a${i + 1} = local.a${i} + local.a${i}\n`).join('')}}\n${vm(blank('    volume_size = 1'))}`;
  assert.equal(tf('local.a10', file(10).replace(/resource[^]*$/, '')), 2 ** 10);
  const g = bestGrowth(file, terraformSources, 8, 3.5);
  assert.ok(g.ratio < 3.5, describeGrowth('terraformSources with doubling locals', 8, g));
});
test('nested for directives over long collections are cut off, not followed to their product', { timeout: 120_000 }, () => {
  const t = (n: number) => `"%{ for a in range(${n}) }%{ for b in range(${n}) }%{ for c in range(${n}) }x%{ endfor }%{ endfor }%{ endfor }"`;
  assert.equal(tf(t(3)), 'x'.repeat(27));
  assert.equal(tf(t(1000)), 'unknown');
  const g = bestGrowth(t, (x) => tf(x), 40, 3.5, 2, 3);
  assert.ok(g.ratio < 3.5, describeGrowth('nested for directives over range(n)', 40, g));
});
