/**
 * Terraform fidelity, hunt 25: what Terraform (main @ 883c7221: hcl v2.24.0, go-cty v1.18.1 with
 * go-textseg v15.0.0), terraform-plugin-sdk v2.40.1 and terraform-provider-openstack @ 27f261252ad2
 * say. There is no Terraform or Go here: each case is labelled from the upstream function named
 * beside it (facts read from the source, not run). "negative" cases show the neighbouring input
 * that is still accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terraformSources } from '../../server/src/source/terraform';
import { graphemeCount } from '../../server/src/source/terraform/graphemes';
import { rangeText } from '../../server/src/source/terraform/hcl';
import { bestGrowth, describeGrowth } from './growth';

const VOL = '22222222-2222-4222-8222-222222222222';
const vm = (lines: string) => `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n${lines}\n}\n`;
/** a blank local block_device with these lines */
const blank = (lines: string) => `  image_id = "i"\n  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n${lines}\n  }`;
const first = (tf: string) => terraformSources(tf)[0];
const refusal = (tf: string) => { const d = first(tf); return [d.findings[0]?.code, d.findings[0]?.args?.detail]; };
/** the text a finding points at */
const at = (tf: string) => { const f = first(tf).findings[0]; return tf.slice(f.span.offset, f.span.offset + f.span.length); };
type Bdm = Array<Record<string, unknown>>;
const bdm = (tf: string) => (first(tf).body as { server: { block_device_mapping_v2: Bdm } }).server.block_device_mapping_v2;

// ---- 1. duplicates: the parser's "Attribute redefined" and the module loader's duplicates ----------

// hclsyntax parser.go (ParseBody): the second definition is refused with the first one's NameRange
// written by hcl Range.String (pos.go): "file:line,startcol-endcol"
test('an argument set twice names the first definition by file:line,column-column', () => {
  const tf = vm('  image_id = "i"\n  name = "again"');
  assert.deepEqual(refusal(tf), ['BDM-TF-SYNTAX', 'Attribute redefined: The argument "name" was already set at main.tf:2,3-7. Each argument may be set only once.']);
  assert.equal(at(tf), 'name');
});
test('in a nested block the place is the nested one\'s (block_device.source_type)', () => {
  const tf = vm(blank('    volume_size = 1\n    source_type = "image"'));
  assert.deepEqual(refusal(tf), ['BDM-TF-SYNTAX', 'Attribute redefined: The argument "source_type" was already set at main.tf:6,5-16. Each argument may be set only once.']);
});
// the parser refuses it anywhere in the file, not only in the resources bdm-lab reads
test('an attribute redefined in a variable block refuses the whole file', () => {
  const tf = `variable "size" {\n  default = 1\n  default = 2\n}\n${vm(blank('    volume_size = var.size'))}`;
  assert.deepEqual(refusal(tf), ['BDM-TF-SYNTAX', 'Attribute redefined: The argument "default" was already set at main.tf:2,3-10. Each argument may be set only once.']);
});
// token.go emitToken: a column is a grapheme cluster (go-textseg), not a byte nor a UTF-16 unit
test('columns count grapheme clusters: a flag and a combining accent are one column each', () => {
  const text = 'x = "🇫🇷e\u0301" # y\n';
  assert.equal(rangeText(text, { offset: text.indexOf('#'), length: 1 }), 'main.tf:1,10-11');
  assert.equal(rangeText('a\r\nbb\n', { offset: 3, length: 2 }), 'main.tf:2,1-3');
  assert.equal(rangeText('a = <<E\nx\nE\n', { offset: 0, length: 11 }), 'main.tf:1,1-3,2');
});
// internal/configs/module.go appendFile: a second variable / local / resource is refused with the
// first one's DeclRange (a block: its type and labels; a local: its whole definition)
test('a variable declared twice', () => {
  assert.deepEqual(refusal(`variable "a" {}\nvariable "a" {\n}\n${vm('  image_id = "i"')}`), ['BDM-TF-SYNTAX', 'Duplicate variable declaration: A variable named "a" was already declared at main.tf:1,1-13. Variable names must be unique within a module.']);
});
test('a local set in two locals blocks (the whole first definition is the place)', () => {
  assert.deepEqual(refusal(`locals {\n  a = 1 + 2\n}\nlocals {\n  a = 2\n}\n${vm('  image_id = "i"')}`), ['BDM-TF-SYNTAX', 'Duplicate local value definition: A local value named "a" was already defined at main.tf:2,3-12. Local value names must be unique within a module.']);
});
test('a resource declared twice with the same type and name', () => {
  const tf = vm('  image_id = "i"') + vm('  image_id = "j"');
  assert.deepEqual(refusal(tf), ['BDM-TF-SYNTAX', 'Duplicate resource "openstack_compute_instance_v2" configuration: A openstack_compute_instance_v2 resource named "vm" was already declared at main.tf:1,1-46. Resource names must be unique per type in each module.']);
  assert.equal(terraformSources(tf).length, 1);
});
test('negative: the same name for a resource and a data source, or two types, is no duplicate', () => {
  const tf = `data "openstack_compute_instance_v2" "vm" {}\n${vm('  image_id = "i"')}resource "openstack_compute_volume_attach_v2" "vm" {\n  instance_id = "a"\n  volume_id = "${VOL}"\n}\n`;
  assert.deepEqual(terraformSources(tf).map((d) => d.findings.filter((f) => f.code === 'BDM-TF-SYNTAX').length), [0, 0]);
});

// ---- 2. operators: hclsyntax expression_ops.go BinaryOpExpr/UnaryOpExpr.Value -------------------

// each operand is converted with go-cty convert.Convert to the operation's parameter type; a failed
// conversion is "Invalid operand" on that operand with go-cty's reason
test('arithmetic on a string that is no number: the right operand is refused', () => {
  const tf = vm(blank('    volume_size = 1 + "a"'));
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for right operand: a number is required.']);
  assert.equal(at(tf), '"a"');
});
test('arithmetic on a bool: no conversion, go-cty names both types (left operand)', () => {
  const tf = vm(blank('    volume_size = true * 2'));
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for left operand: number required, but have bool.']);
  assert.equal(at(tf), 'true');
});
test('a comparison converts to number too: a tuple operand', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = [1] < 2'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for left operand: number required, but have tuple.']);
});
test('! of a string that is no bool: the unary operand', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = !"yes"'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for unary operand: a bool is required.']);
});
test('&& with "True": go-cty\'s hint to write it in lowercase', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = true && "True"'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for right operand: a bool is required; to convert from string, use lowercase "true".']);
});
test('|| with a number: no number-to-bool conversion', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = 1 || false'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for left operand: bool required, but have number.']);
});
test('unary minus of an object', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = -{ a = 1 }'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for unary operand: number required, but have object.']);
});
// a null operand converts; go-cty's function call refuses it (function.go: "argument must not be null")
// and hcl wraps the call error as "Operation failed" on the whole expression
test('null + 1: Operation failed on the whole expression', () => {
  const tf = vm(blank('    volume_size = null + 1'));
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Operation failed: Error during operation: argument must not be null.']);
  assert.equal(at(tf), 'null + 1');
});
// stdlib DivideFunc/ModuloFunc on big.Float: 0/0 panics with ErrNaN, recovered in go-cty's words;
// x/0 is an infinity (then the SDK's whole-number check); Value.Modulo gives the dividend for a zero divisor
test('0 / 0 is refused in go-cty\'s words; 1 / 0 is +Inf; 5 % 0 is 5', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 0 / 0'))), ['BDM-TF-CONFIG', "Operation failed: Error during operation: can't divide zero by zero or infinity by infinity."]);
  assert.deepEqual(refusal(vm(blank('    volume_size = 1 / 0'))), ['BDM-TF-CONFIG', 'Attribute must be a whole number, got +Inf']);
  assert.equal(bdm(vm(blank('    volume_size = 5 % 0')))[0].volume_size, 5);
});
// OpLogicalOr.ShortCircuit: a known true operand decides and the other operand's diagnostics are
// dropped; but an operand whose evaluation failed is cty.UnknownVal(Op.Type), and convert.Convert
// refuses an unknown number for a bool parameter by its type (MismatchMessage), before any short-circuit
test('negative: true || !5 is true (the refused bool operand is short-circuited)', () => {
  assert.equal(bdm(vm(blank('    volume_size = 1\n    delete_on_termination = true || !5')))[0].delete_on_termination, true);
});
test('false || !5 keeps the inner refusal', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = false || !5'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for unary operand: bool required, but have number.']);
});
test('true || (1 + "a"): the failed sum is an unknown number, which no bool operand takes (its place is first)', () => {
  const tf = vm(blank('    volume_size = 1\n    delete_on_termination = true || (1 + "a")'));
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for right operand: bool required, but have number.']);
  assert.equal(at(tf), '(1 + "a")');
});
// (read from hcl v2.24.0 first: null && x false by its short cut; Terraform v1.11.4's plan refuses it,
// hunt 44b's hand cases 32-35, test/fixtures/terraform-hunt44b)
test('null && true and false || null are refused (Terraform v1.11.4 plan)', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = null && true'))), ['BDM-TF-CONFIG', 'Operation failed: Error during operation: argument must not be null.']);
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    delete_on_termination = false || null'))), ['BDM-TF-CONFIG', 'Operation failed: Error during operation: argument must not be null.']);
});
// ConditionalExpr.Value (expression.go): a null condition, a condition that is not a bool
test('a null condition and a condition that is not a bool', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = null ? 1 : 2'))), ['BDM-TF-CONFIG', 'Null condition: The condition value is null. Conditions must either be true or false.']);
  assert.deepEqual(refusal(vm(blank('    volume_size = "yes" ? 1 : 2'))), ['BDM-TF-CONFIG', 'Incorrect condition type: The condition expression must be of type bool.']);
});
// expression_template.go TemplateExpr.Value: a null or a structural value inside a string
test('a null or a tuple interpolated into a string', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    disk_bus = "x${null}"'))), ['BDM-TF-CONFIG', 'Invalid template interpolation value: The expression result is null. Cannot include a null value in a string template.']);
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    disk_bus = "x${[1]}"'))), ['BDM-TF-CONFIG', 'Invalid template interpolation value: Cannot include the given value in a string template: string required, but have tuple.']);
});
// every element and operand is evaluated: a refusal after a value bdm-lab does not know still counts
test('a refused element after an unknown one is reported (tuple, template)', () => {
  const v = 'variable "x" {}\n';
  assert.deepEqual(refusal(v + vm(`  image_id = "i"\n  tags = [var.x, 1 - "b"]`)), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for right operand: a number is required.']);
  assert.deepEqual(refusal(v + vm(blank('    volume_size = 1\n    disk_bus = "${var.x}${!2}"'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for unary operand: bool required, but have number.']);
});
// eval_count.go evaluates count with the same hcl: the operator's words, not "Invalid count argument"
test('count = 1 + "x" is the operand refusal', () => {
  const tf = vm('  image_id = "i"\n  count = 1 + "x"');
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for right operand: a number is required.']);
});

// ---- 3. length(): LengthFunc → stdlib.Strlen, go-textseg v15 grapheme clusters of an NFC string ------

test('length() of a string counts grapheme clusters, not code points', () => {
  // e + combining acute (NFC: é), a flag (two regional indicators), a family emoji joined by ZWJ
  assert.equal(bdm(vm(blank('    volume_size = length("e\u0301🇫🇷👨‍👩‍👧")')))[0].volume_size, 3);
});
test('go-textseg v15 has no GB9c: a Devanagari conjunct is two clusters (Unicode 15.1 would say one)', () => {
  assert.equal(graphemeCount('क्ष'), 2);
  assert.equal(bdm(vm(blank('    volume_size = length("क्ष")')))[0].volume_size, 2);
});
test('go-textseg quirks: U+FFFD stands alone, CR LF is one, Hangul L+V+T is one', () => {
  assert.equal(graphemeCount('\uFFFD\u0301'), 2);
  assert.equal(graphemeCount('a\r\nb'), 3);
  assert.equal(graphemeCount('\u1100\u1161\u11A8'), 1);
});
// LengthFunc: null fails the call (ArgError → "Invalid function argument"); a number fails its Type (a plain error)
test('length(null) and length(5)', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = length(null)'))), ['BDM-TF-CONFIG', 'Invalid function argument: Invalid value for "value" parameter: argument must not be null.']);
  assert.deepEqual(refusal(vm(blank('    volume_size = length(5)'))), ['BDM-TF-CONFIG', 'Error in function call: Call to function "length" failed: argument must be a string, a collection type, or a structural type.']);
});
// cty.StringVal NFC-normalizes every string (ctystrings.Normalize): the provider is given the composed form
test('strings are NFC-normalized before the provider sees them', () => {
  const d = first(vm(blank('    volume_size = 1\n    disk_bus = "e\u0301"')));
  assert.equal(bdm(vm(blank('    volume_size = 1\n    disk_bus = "e\u0301"')))[0].disk_bus, '\u00e9');
  assert.ok(d.body);
});

// ---- 4. personality with a null file: the SDK's Required check on a TypeSet element ------------------

// terraform-plugin-sdk schema.go validateList numbers the elements "personality.N" in the order the
// config reaches it: go-cty's set order (set/ops.go Values, set_internals.go Less: hash keys' bytes)
test('a null file is a missing required argument, named by its index in go-cty\'s set order', () => {
  const tf = vm('  image_id = "i"\n  personality {\n    file    = "/b"\n    content = "x"\n  }\n  personality {\n    file    = null\n    content = "x"\n  }');
  // keys <"x";"/b";> and <"x";~;>: '"' sorts before '~', so the null one is element 1
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Missing required argument: The argument "personality.1.file" is required, but no definition was found.']);
});
test('the index follows the values, not the text order (content "a" sorts first)', () => {
  const tf = vm('  image_id = "i"\n  personality {\n    file    = null\n    content = "a"\n  }\n  personality {\n    file    = "/b"\n    content = "z"\n  }');
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Missing required argument: The argument "personality.0.file" is required, but no definition was found.']);
});
test('a null content', () => {
  const tf = vm('  image_id = "i"\n  personality {\n    file    = "/a"\n    content = null\n  }');
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Missing required argument: The argument "personality.0.content" is required, but no definition was found.']);
});
test('negative: personality with both set is sent, base64 content', () => {
  const d = first(vm('  image_id = "i"\n  personality {\n    file    = "/a"\n    content = "hi"\n  }'));
  assert.deepEqual((d.body as { server: { personality: unknown } }).server.personality, [{ contents: 'aGk=', path: '/a' }]);
});

// ---- 5. types Terraform knows without the value (found by scripts/terraform-hunt25-gen.ts) --------

const free = 'variable "x" {}\n';
// cty IsKnown is shallow: a tuple literal with an element not known is a known tuple, which a
// template refuses (TemplateExpr.Value converts it to string) and length() counts (LengthFunc: its type)
test('a tuple with an unknown element in a string template is refused by its type', () => {
  assert.deepEqual(refusal(free + vm(blank('    volume_size = 1\n    disk_bus = "x${[var.x, "a"]}y"'))), ['BDM-TF-CONFIG', 'Invalid template interpolation value: Cannot include the given value in a string template: string required, but have tuple.']);
});
test('length() of a tuple with an unknown element is known', () => {
  assert.equal(bdm(free + vm(blank('    volume_size = length([var.x, 1])')))[0].volume_size, 2);
});
// ConditionalExpr: a known tuple is no bool, whatever its elements
test('a tuple with an unknown element as a condition', () => {
  assert.deepEqual(refusal(free + vm(blank('    volume_size = 1\n    delete_on_termination = [var.x] ? true : false'))), ['BDM-TF-CONFIG', 'Incorrect condition type: The condition expression must be of type bool.']);
});
// convert.Convert refuses by type: an unknown bool (the result of !) is no number; a tuple no number
test('the result of ! is a bool even when its operand is not known: no number argument takes it', () => {
  assert.deepEqual(refusal(free + vm(blank('    volume_size = !var.x'))), ['BDM-TF-CONFIG', 'Incorrect attribute value type: Inappropriate value for attribute "volume_size": number required, but have bool.']);
  assert.deepEqual(refusal(free + vm(blank('    volume_size = 1\n    boot_index = -[var.x]'))), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for unary operand: number required, but have tuple.']);
});
// expression_template.go: a template with a refused part is still a known string (what came before
// it), and hcldec AttrSpec.decode converts it anyway: its refusal is on the whole expression, which
// starts first (tfdiags Sort by subject start)
test('a refused part inside a template: the attribute\'s conversion of the prefix is shown first', () => {
  const tf = vm(blank('    volume_size = "x${{ a = 1 }}y"'));
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Incorrect attribute value type: Inappropriate value for attribute "volume_size": a number is required.']);
  assert.equal(at(tf), '"x${{ a = 1 }}y"');
});
// cty Value.Equals: values of different types are unequal even when one holds unknown elements
test('a string compared with a tuple holding an unknown element is known to differ', () => {
  assert.equal(bdm(free + vm(blank('    volume_size = 1\n    disk_bus = "a" != [10, var.x]')))[0].disk_bus, 'true');
});

// graphemeCount runs its patterns at each cluster start: long runs (Hangul L jamo that never find a
// vowel, combining marks, alternating pictographs and ZWJ) stay linear
test('grapheme counting stays linear on long runs (ratio of times at 2n and n)', { timeout: 120_000 }, () => {
  for (const unit of ['\u1100', '\u0301', '😀\u200d', 'a\u0301', '\u1100\u1161\u11a8']) {
    const g = bestGrowth((n) => unit.repeat(n), graphemeCount, 20_000, 3.5);
    assert.ok(g.ratio < 3.5, describeGrowth(`graphemeCount(${JSON.stringify(unit)} × n)`, 20_000, g));
  }
});
test('duplicate-name places stay linear in a long file (ratio of times at 2n and n)', { timeout: 120_000 }, () => {
  // every variable declared twice: only the first duplicate's place is written
  const file = (n: number) => `${Array.from({ length: n }, (_, i) => `variable "v${i}" {\n  default = ${i}\n}\n`).join('').repeat(2)}${vm('  image_id = "i"')}`;
  const g = bestGrowth(file, terraformSources, 4_000, 3.5);
  assert.ok(g.ratio < 3.5, describeGrowth('terraformSources with a duplicate variable', 4_000, g));
});

// ---- 6. go-cty computes at 512 bits ------------------------------------------------------------

// cty.ParseNumberVal (value_init.go): a literal is big.ParseFloat(s, 10, 512, ToNearestEven);
// Value.Multiply/Add/Divide (value_ops.go) compute on those big.Floats at 512 bits; the SDK's shim
// (internal/configs/hcl2shim/values.go ConfigValueFromHCL2) passes an int when Int64() is exact.
// So 4.35 * 100 is exactly 435 to Terraform; float64 says 434.99999999999994 (not whole)
test('4.35 * 100 and 1.15 * 100 are whole numbers at 512 bits: sent as 435 and 115', () => {
  assert.equal(bdm(vm(blank('    volume_size = 4.35 * 100')))[0].volume_size, 435);
  assert.equal(bdm(vm(blank('    volume_size = 1.15 * 100')))[0].volume_size, 115);
});
test('negative: 10 / 4 is 2.5, which the SDK refuses for an integer argument', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 10 / 4'))), ['BDM-TF-CONFIG', 'Attribute must be a whole number, got 2.5']);
});

// ---- 7. variable defaults and unused locals --------------------------------------------------------

// internal/configs/named_values.go decodeVariableBlock: the default is Expr.Value(nil) (hcl: no
// variables, no functions) converted to the type constraint, refused by the loader (the whole file)
test('a variable default that does not convert to its type refuses the configuration', () => {
  const tf = `variable "size" {\n  type    = number\n  default = "ten"\n}\n${vm(blank('    volume_size = 1'))}`;
  assert.deepEqual(refusal(tf), ['BDM-TF-SYNTAX', 'Invalid default value for variable: This default value is not compatible with the variable\'s type constraint: a number is required.']);
  assert.equal(at(tf), '"ten"');
});
test('a default may not name a variable or call a function', () => {
  assert.deepEqual(refusal(`locals {\n  n = 2\n}\nvariable "size" {\n  default = local.n\n}\n${vm(blank('    volume_size = var.size'))}`), ['BDM-TF-SYNTAX', 'Variables not allowed: Variables may not be used here.']);
  assert.deepEqual(refusal(`variable "size" {\n  default = max(1, 2)\n}\n${vm(blank('    volume_size = var.size'))}`), ['BDM-TF-SYNTAX', 'Function calls not allowed: Functions may not be called here.']);
});
test('a null default with nullable = false', () => {
  assert.deepEqual(refusal(`variable "size" {\n  nullable = false\n  default  = null\n}\n${vm(blank('    volume_size = 1'))}`), ['BDM-TF-SYNTAX', 'Invalid default value for variable: A null default value is not valid when nullable=false.']);
});
test('negative: a default of constant arithmetic is taken (2 * 5)', () => {
  assert.equal(bdm(`variable "size" {\n  type    = number\n  default = 2 * 5\n}\n${vm(blank('    volume_size = var.size'))}`)[0].volume_size, 10);
});
// a variable without a default still has its type constraint's type
test('a number variable without a default is no bool: ! of it is refused by type', () => {
  assert.deepEqual(refusal(`variable "n" {\n  type = number\n}\n${vm(blank('    volume_size = 1\n    delete_on_termination = !var.n'))}`), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for unary operand: bool required, but have number.']);
});
// internal/terraform/node_local.go: every local value is evaluated when Terraform plans, used or not
test('an unused local that Terraform refuses refuses the resource', () => {
  const tf = `locals {\n  unused = 1 + "a"\n}\n${vm(blank('    volume_size = 1'))}`;
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Invalid operand: Unsuitable value for right operand: a number is required.']);
  assert.equal(first(tf).body, null);
});

// ---- 8. for expressions (hclsyntax expression.go ForExpr.Value) -----------------------------------

const disks = 'variable "disks" {\n  default = [{ size = 10, bus = "virtio" }, { size = 0, bus = "scsi" }, { size = 20, bus = "ide" }]\n}\n';
const dyn = (forEach: string, content: string) => vm(`  image_id = "i"\n  dynamic "block_device" {\n    for_each = ${forEach}\n    content {\n      source_type      = "blank"\n      destination_type = "local"\n${content}\n    }\n  }`);
test('a dynamic block over [for … if …]: the filtered tuple, in order', () => {
  const b = bdm(disks + dyn('[for d in var.disks : d if d.size > 0]', '      volume_size = block_device.value.size\n      disk_bus    = block_device.value.bus'));
  assert.deepEqual(b.map((x) => [x.volume_size, x.disk_bus]), [[10, 'virtio'], [20, 'ide']]);
});
// an object from {for …}: dynblock iterates its keys in order (cty's ElementIterator)
test('a dynamic block over {for k => v}: one block per key, keys in lexical order', () => {
  const b = bdm(disks + dyn('{ for i, d in var.disks : d.bus => d.size + i }', '      volume_size = block_device.value + 1\n      disk_bus    = block_device.key'));
  assert.deepEqual(b.map((x) => [x.disk_bus, x.volume_size]), [['ide', 23], ['scsi', 2], ['virtio', 11]]);
});
test('two items with one key: "Duplicate object key" on the key expression (grouping with ... is accepted)', () => {
  const tf = disks + dyn('{ for d in var.disks : "k" => d.size }', '      volume_size = 1');
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Duplicate object key: Two different items produced the key "k" in this \'for\' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.']);
  assert.equal(at(tf), '"k"');
  assert.equal(bdm(disks + dyn('{ for d in var.disks : "k" => d.size... }', '      volume_size = length(block_device.value)')).length, 1);
});
test('iteration over null or a number', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  tags = [for x in null : x]')), ['BDM-TF-CONFIG', "Iteration over null value: A null value cannot be used as the collection in a 'for' expression."]);
  assert.deepEqual(refusal(vm('  image_id = "i"\n  tags = [for x in 5 : x]')), ['BDM-TF-CONFIG', "Iteration over non-iterable value: A value of type number cannot be used as the collection in a 'for' expression."]);
});
test('an if clause that is not a bool', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  tags = [for x in ["a"] : x if x]')), ['BDM-TF-CONFIG', "Invalid 'for' condition: The 'if' clause value is invalid: a bool is required."]);
});

// ---- 9. the conditional's result type (ConditionalExpr.Value: convert.UnifyUnsafe) ------------------

// sort_types.go prefers string among primitives: a number branch becomes its string, so == sees a string
test('c ? 1 : "a" is the string "1" (the number branch converted)', () => {
  assert.equal(bdm(vm(blank('    volume_size = 1\n    disk_bus = (true ? 1 : "a") == "1"')))[0].disk_bus, 'true');
});
// a bool and a number (or a primitive and a structural value) have no common type: refused on the
// two results, before the condition is evaluated (its own refusal is not shown)
test('c ? 1 : true has no common type: "Inconsistent conditional result types" over both results', () => {
  const tf = vm(blank('    volume_size = (1 + "a") ? 1 : true'));
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', "Inconsistent conditional result types: The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is bool."]);
  assert.equal(at(tf), '1 : true');
});
test('a string and a tuple', () => {
  assert.deepEqual(refusal(vm(blank('    volume_size = 1\n    disk_bus = false ? "a" : ["b"]'))), ['BDM-TF-CONFIG', "Inconsistent conditional result types: The true and false result expressions must have consistent types. The 'true' value is string, but the 'false' value is tuple."]);
});
test('negative: a null branch takes the other\'s type (c ? 10 : null)', () => {
  assert.equal(bdm(vm(blank('    volume_size = true ? 10 : null')))[0].volume_size, 10);
});
// resourceComputeInstancePersonalityHash hashes "file-" only; helper/schema set.go add keeps the first
// element of a hash code, the elements coming in go-cty's set order (content sorts before file)
test('two personality blocks for one file: the one first in go-cty\'s order is sent, not the last written', () => {
  const d = first(vm('  image_id = "i"\n  personality {\n    file    = "/a"\n    content = "a"\n  }\n  personality {\n    file    = "/a"\n    content = "b"\n  }'));
  assert.deepEqual((d.body as { server: { personality: unknown } }).server.personality, [{ contents: 'YQ==', path: '/a' }]);
});
