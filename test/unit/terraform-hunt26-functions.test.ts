/**
 * Terraform fidelity, hunt 26: the built-in functions compute instance configurations use, as
 * Terraform main @ 883c7221 (internal/lang/functions.go, internal/lang/funcs), go-cty v1.18.1
 * (cty/function/stdlib, cty/function/function.go Function.Call, cty/convert) and hcl v2.24.0
 * (hclsyntax/expression.go FunctionCallExpr.Value, ext/tryfunc) evaluate them. There is no
 * Terraform or Go here: each case is labelled from the upstream function named beside it (facts
 * read from the source, not run). "negative" cases show a neighbouring input that is accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terraformSources } from '../../server/src/source/terraform';
import { tf } from './terraform-local';
import { bestGrowth, describeGrowth } from './growth';

const VAR = 'variable "u" {\n  type = string\n}\nvariable "any" {}\nvariable "n" {\n  type = number\n}\n';
const vm = (lines: string) => `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n${lines}\n}\n`;
const blank = (lines: string) => `  image_id = "i"\n  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n${lines}\n  }`;
const first = (t: string) => terraformSources(t)[0];
const finding = (t: string) => { const d = first(t); return [d.findings[0]?.code, d.findings[0]?.args?.detail]; };
type Bdm = Array<Record<string, unknown>>;
const bdm = (t: string) => (first(t).body as { server: { block_device_mapping_v2: Bdm } }).server.block_device_mapping_v2;

// ---- 1. the call: hclsyntax FunctionCallExpr.Value -----------------------------------------------

test('a name Terraform does not have: Call to unknown function, with the one near name suggested', () => {
  assert.equal(tf('lenght([1])'), 'Call to unknown function: There is no function named "lenght". Did you mean "length"?');
  assert.equal(tf('frobnicate(1)'), 'Call to unknown function: There is no function named "frobnicate".');
});
test('core:: names the same built-in functions (internal/lang/functions.go: "core::"+name)', () => {
  assert.equal(tf('core::upper("a")'), 'A');
});
test('too few arguments: the parameter missing is named; with a variadic parameter "at least"', () => {
  assert.equal(tf('upper()'), 'Not enough function arguments: Function "upper" expects 1 argument(s). Missing value for "str".');
  assert.equal(tf('join()'), 'Not enough function arguments: Function "join" expects at least 1 argument(s). Missing value for "separator".');
  assert.equal(tf('lookup({})'), 'Not enough function arguments: Function "lookup" expects at least 2 argument(s). Missing value for "key".');
});
test('too many arguments', () => {
  assert.equal(tf('upper("a", "b")'), 'Too many function arguments: Function "upper" expects only 1 argument(s).');
  assert.equal(tf('element([1], 0, 1)'), 'Too many function arguments: Function "element" expects only 2 argument(s).');
});
// convert.Convert to the parameter's type: "Invalid function argument" with go-cty's MismatchMessage
test('an argument that does not convert to the parameter type', () => {
  assert.equal(tf('upper([1])'), 'Invalid function argument: Invalid value for "str" parameter: string required, but have tuple.');
  assert.equal(tf('abs("x")'), 'Invalid function argument: Invalid value for "num" parameter: a number is required.');
  assert.equal(tf('join(",", "a")'), 'Invalid function argument: Invalid value for "lists" parameter: list of string required, but have string.');
  assert.equal(tf('join(",", [{}])'), 'Invalid function argument: Invalid value for "lists" parameter: element 0: string required, but have object.');
});
test('negative: a number or bool argument converts to a string parameter', () => {
  assert.equal(tf('upper(true)'), 'TRUE');
  assert.equal(tf('join("-", [1, true, "x"])'), '1-true-x');
  assert.equal(tf('abs("-2.5")'), 2.5);
});
// function.go returnTypeForValues: a null where the parameter does not AllowNull
test('null for a parameter that refuses it: argument must not be null', () => {
  assert.equal(tf('upper(null)'), 'Invalid function argument: Invalid value for "str" parameter: argument must not be null.');
  assert.equal(tf('element(null, 0)'), 'Invalid function argument: Invalid value for "list" parameter: argument must not be null.');
});
// function.go Call: an unknown argument for a parameter without AllowUnknown gives an unknown result
test('an argument not known makes the result unknown (never a guess)', () => {
  assert.equal(tf('upper(var.u)', VAR), 'unknown');
  assert.equal(tf('max(1, var.n)', VAR), 'unknown');
  assert.equal(tf('join(",", [var.u])', VAR), 'unknown');
  assert.equal(tf('max(1, var.n == 1 ? 3 : 3)', VAR), 'unknown');
  assert.equal(tf('max(1, 3)', VAR), 3);
});
test('but the types are checked first: a tuple for a string parameter is refused even if unknown inside', () => {
  assert.equal(tf('upper([var.u])', VAR), 'Invalid function argument: Invalid value for "str" parameter: string required, but have tuple.');
});
// FunctionCallExpr.Value ExpandFinal
test('`...` expands a tuple into the arguments; null and a string are refused', () => {
  assert.equal(tf('max([3, 7, 5]...)'), 7);
  assert.equal(tf('max(null...)'), 'Invalid expanding argument value: The expanding argument (indicated by ...) must not be null.');
  assert.equal(tf('max("a"...)'), 'Invalid expanding argument value: The expanding argument (indicated by ...) must be of a tuple, list, or set type.');
});
// parser.go: `...` must be followed by the closing parenthesis
test('`...` before another argument is a parse error', () => {
  assert.equal(tf('max([1]..., 2)'), 'parse: Missing closing parenthesis: An expanded function argument (with ...) must be immediately followed by closing parentheses.');
});
test('an argument Terraform refuses stops the call (its diagnostic kept)', () => {
  assert.equal(tf('upper(1 + "a")'), 'Invalid operand: Unsuitable value for right operand: a number is required.');
  // the argument count is checked before any argument is evaluated
  assert.equal(tf('upper(1 + "a", 2)'), 'Too many function arguments: Function "upper" expects only 1 argument(s).');
});

// ---- 2. strings --------------------------------------------------------------------------------

// stdlib UpperFunc/LowerFunc (strings.ToUpper/ToLower: simple case mappings, no special casing)
test('upper and lower by code point: ß stays ß (no SS), İ lowers to i', () => {
  assert.equal(tf('upper("vm-ß")'), 'VM-ß');
  assert.equal(tf('lower("İX")'), 'ix');
});
// funcs.ReplaceFunc: strings.Replace(..., -1); an empty substring matches at every code point
test('replace() of a plain substring, every occurrence; an empty one between code points', () => {
  assert.equal(tf('replace("a.b.c", ".", "-")'), 'a-b-c');
  assert.equal(tf('replace("ab", "", "-")'), '-a-b-');
});
// funcs.ReplaceFunc: "/…/" is regexp.Compile (RE2: leftmost-first), then ReplaceAllString with regexp.Expand
test('replace() with a /regular expression/: classes, repeats, anchors', () => {
  assert.equal(tf('replace("a1b22c", "/[0-9]+/", "#")'), 'a#b#c');
  assert.equal(tf('replace("Web Server_01", "/[^a-z0-9-]/", "-")'), '-eb--erver-01');
  assert.equal(tf('replace("vm-vm", "/^vm/", "x")'), 'x-vm');
  assert.equal(tf('replace("  a b  ", "/\\\\s+$/", "")'), '  a b');
  assert.equal(tf('replace("<a><b>", "/<.+?>/", "")'), '');
  assert.equal(tf('replace("ab", "/$/", "!")'), 'ab!');
  assert.equal(tf('replace("a.b", "/(a)\\\\.(b)/", "$2-$1")'), 'b-a');
  // a single "/" is no regular expression
  assert.equal(tf('replace("a/b", "/", "-")'), 'a-b');
});
test('replace() regexps match leftmost-first (RE2), not leftmost-longest', () => {
  assert.equal(tf('replace("abcd", "/a|ab/", "X")'), 'Xbcd');
});
// regexp.ReplaceAllString: no replacement for an empty match abutting the previous match
test('replace() with a pattern that matches empty: between every character', () => {
  assert.equal(tf('replace("abc", "/x*/", "-")'), '-a-b-c-');
  assert.equal(tf('replace("baaac", "/a*/", "-")'), '-b-c-');
});
// regexp.Expand (the examples of Go's regexp documentation)
test('replace() expands $1 and ${1}; $1W names a group "1W" (none: empty)', () => {
  assert.equal(tf('replace("-ab-axxb-", "/a(x*)b/", "$${1}W")'), '-W-xxW-');
  assert.equal(tf('replace("-ab-axxb-", "/a(x*)b/", "$1W")'), '---');
  assert.equal(tf('replace("-ab-axxb-", "/a(x*)b/", "$$1")'), '-$1-$1-');
});
// followed since hunt 37 (values of scripts/terraform-hunt35-oracle): flags, \b, POSIX classes
test('replace() with (?i), \\b and a POSIX class', () => {
  assert.equal(tf('replace("ABC", "/(?i)b/", "x")'), 'AxC');
  assert.equal(tf('replace("a b", "/\\\\bb/", "x")'), 'a x');
  assert.equal(tf('replace("a", "/[[:alpha:]]/", "x")'), 'x');
  assert.equal(tf('replace("ABC", "/B/", "x")'), 'AxC');
});
test('replace() regexps run in linear time; a pathological one hits the step bound (unknown)', () => {
  const watchdog = setTimeout(() => assert.fail('hang'), 30_000);
  const g = bestGrowth((n) => `replace("${'a'.repeat(n)}", "/(a|aa)*(a*)*c/", "")`, (e) => tf(e), 2_000, 3.5);
  assert.ok(g.ratio < 3.5, describeGrowth('replace /(a|aa)*(a*)*c/', 2_000, g));
  assert.equal(tf(`replace("${'a'.repeat(50_000)}", "/a*c|a/", "")`), 'unknown');
  clearTimeout(watchdog);
  assert.equal(tf(`replace("${'a'.repeat(20)}", "/a*c|a/", "")`), '');
});
// stdlib SplitFunc (strings.Split) and JoinFunc
test('split and join', () => {
  assert.deepEqual(tf('split(",", "a,,b")'), ['a', '', 'b']);
  assert.deepEqual(tf('split(",", "")'), ['']);
  assert.deepEqual(tf('split("", "ab")'), ['a', 'b']);
  assert.equal(tf('join("-", ["a"], ["b", "c"])'), 'a-b-c');
});
test('join refuses a null element by its index (and list number when several lists)', () => {
  assert.equal(tf('join(",", ["a", null])'), 'Invalid function argument: Invalid value for "lists" parameter: element 1 is null; cannot concatenate null values.');
  assert.equal(tf('join(",", ["a"], [null])'), 'Invalid function argument: Invalid value for "lists" parameter: element 0 of list 2 is null; cannot concatenate null values.');
  assert.equal(tf('join(",")'), 'Error in function call: Call to function "join" failed: at least one list is required.');
});
// stdlib SubstrFunc: grapheme clusters (go-textseg), a negative offset from the end, a negative length to the end
test('substr counts grapheme clusters', () => {
  assert.equal(tf('substr("hello world", 1, 4)'), 'ello');
  assert.equal(tf('substr("hello", -3, -1)'), 'llo');
  // go-cty holds strings NFC-normalized: e + combining acute is é
  assert.equal(tf('substr("🇫🇷e\u0301x", 1, 1)'), '\u00e9');
  assert.equal(tf('substr("abc", 10, 1)'), '');
  assert.equal(tf('substr("abc", 1, 0)'), '');
  // a negative offset skips the length-0 shortcut, and the counting loop never stops at 0: the rest
  assert.equal(tf('substr("abc", -2, 0)'), 'bc');
  assert.equal(tf('substr("abc", -10, 2)'), 'ab');
  assert.equal(tf('substr("abc", 1.5, 1)'), 'Error in function call: Call to function "substr" failed: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
});
// stdlib TrimSpaceFunc (unicode.IsSpace), TrimPrefixFunc, TrimSuffixFunc
test('trimspace, trimprefix, trimsuffix', () => {
  assert.equal(tf('trimspace("\\t a b \\n")'), 'a b');
  assert.equal(tf('trimspace("\uFEFFa")'), '\uFEFFa');
  assert.equal(tf('trimprefix("vm-web", "vm-")'), 'web');
  assert.equal(tf('trimsuffix("disk.qcow2", ".qcow2")'), 'disk');
  assert.equal(tf('trimsuffix("a", "b")'), 'a');
});
// stdlib FormatFunc / formatAppend
test('format %s %d %v %t and %%, with %03d', () => {
  assert.equal(tf('format("vm-%03d-%s", 7, "web")'), 'vm-007-web');
  assert.equal(tf('format("%d%%", 50)'), '50%');
  assert.equal(tf('format("%v/%v", "a", 1.5)'), 'a/1.5');
  assert.equal(tf('format("%v", 1000000)'), '1e+06');
  assert.equal(tf('format("%t", "true")'), 'true');
  assert.equal(tf('format("%-4d|", 5)'), '5   |');
});
test('format refusals: missing, extra and null arguments, a fraction for %d', () => {
  assert.equal(tf('format("%s-%s", "a")'), 'Error in function call: Call to function "format" failed: not enough arguments for "%s" at 3: need index 2 but have 1 total.');
  assert.equal(tf('format("x", 1)'), 'Invalid function argument: Invalid value for "args" parameter: too many arguments; no verbs in format string.');
  assert.equal(tf('format("%s", "a", 1)'), 'Invalid function argument: Invalid value for "args" parameter: too many arguments; only 1 used by format string.');
  assert.equal(tf('format("%s", null)'), 'Error in function call: Call to function "format" failed: unsupported value for "%s" at 0: null value cannot be formatted.');
  assert.equal(tf('format("%d", 1.5)'), 'Error in function call: Call to function "format" failed: unsupported value for "%d" at 0: an integer is required.');
  assert.equal(tf('format("%d", "x")'), 'Error in function call: Call to function "format" failed: unsupported value for "%d" at 0: a number is required.');
});
test('format with an unknown argument is unknown; a huge width is left unknown, never allocated', () => {
  assert.equal(tf('format("%s", var.u)', VAR), 'unknown');
  assert.equal(tf('format("%999999999d", 1)'), 'unknown');
  assert.equal(tf('format("%9d", 1)'), '        1');
});

// ---- 3. conversions: funcs.MakeToFunc ------------------------------------------------------------

test('tostring / tonumber / tobool convert primitives; null stays null', () => {
  assert.equal(tf('tostring(12)'), '12');
  assert.equal(tf('tostring(true)'), 'true');
  assert.equal(tf('tonumber("0x10")'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert "0x10" to number; given string must be a decimal representation of a number.');
  assert.equal(tf('tonumber("1e3")'), 1000);
  assert.equal(tf('tobool("yes")'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert "yes" to bool; only the strings "true" or "false" are allowed.');
  assert.equal(tf('tostring(null)'), null);
});
test('no conversion between those types: cannot convert X to Y', () => {
  assert.equal(tf('tostring([1])'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert tuple to string.');
  assert.equal(tf('tonumber(true)'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert bool to number.');
  assert.equal(tf('tolist("a")'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert string to list of any single type.');
  assert.equal(tf('tomap([1])'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert tuple to map of any single type.');
});
test('tolist / toset / tomap unify mixed primitives to strings; toset sorts and merges', () => {
  assert.deepEqual(tf('tolist([1, "a"])'), ['1', 'a']);
  assert.deepEqual(tf('toset(["b", "a", "b"])'), ['a', 'b']);
  assert.deepEqual(tf('tomap({ a = 1, b = "x" })'), { a: '1', b: 'x' });
  assert.equal(tf('tolist([1, true])'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert tuple to list of any single type.');
});

// ---- 4. collections ----------------------------------------------------------------------------

// funcs.LookupFunc
test('lookup: the key, else the default, else refused', () => {
  assert.equal(tf('lookup({ a = 1 }, "a")'), 1);
  assert.equal(tf('lookup({ a = 1 }, "b", 5)'), 5);
  assert.equal(tf('lookup({ a = 1 }, "b")'), 'Invalid function argument: Invalid value for "inputMap" parameter: the given object has no attribute "b".');
  assert.equal(tf('lookup(tomap({ a = "1" }), "b")'), 'Error in function call: Call to function "lookup" failed: lookup failed to find key "b".');
  assert.equal(tf('lookup([1], "a")'), 'Invalid function argument: Invalid value for "inputMap" parameter: lookup() requires a map as the first argument.');
  assert.equal(tf('lookup({ a = 1 }, var.u)', VAR), 'unknown');
});
// stdlib ElementFunc: the index modulo the length, negative indexes from the end
test('element wraps around', () => {
  assert.equal(tf('element(["a", "b", "c"], 4)'), 'b');
  assert.equal(tf('element(["a", "b", "c"], -1)'), 'c');
  assert.equal(tf('element([], 0)'), 'Error in function call: Call to function "element" failed: cannot use element function with an empty list.');
  assert.equal(tf('element("abc", 0)'), 'Error in function call: Call to function "element" failed: cannot read elements from string.');
  assert.equal(tf('element(["a"], 0.5)'), 'Error in function call: Call to function "element" failed: invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
});
// stdlib ConcatFunc, MergeFunc, FlattenFunc, DistinctFunc
test('concat, merge, flatten, distinct', () => {
  assert.deepEqual(tf('concat(["a"], [1], [])'), ['a', 1]);
  assert.equal(tf('concat(["a"], "b")'), 'Invalid function argument: Invalid value for "seqs" parameter: all arguments must be lists or tuples; got string.');
  assert.deepEqual(tf('merge({ a = 1, b = 2 }, null, { b = 3 })'), { a: 1, b: 3 });
  assert.equal(tf('merge({}, "x")'), 'Error in function call: Call to function "merge" failed: arguments must be maps or objects, got "string".');
  assert.deepEqual(tf('flatten([["a", ["b"]], [], "c"])'), ['a', 'b', 'c']);
  assert.equal(tf('flatten("a")'), 'Error in function call: Call to function "flatten" failed: can only flatten lists, sets and tuples.');
  assert.deepEqual(tf('distinct(["a", "b", "a"])'), ['a', 'b']);
  assert.deepEqual(tf('distinct([1, "1"])'), ['1']);
});
// funcs.CoalesceFunc, stdlib CoalesceListFunc
test('coalesce skips null and "" (converting to string when types mix); coalescelist the first non-empty', () => {
  assert.equal(tf('coalesce(null, "", "b")'), 'b');
  assert.equal(tf('coalesce(null, 2, "")'), '2');
  assert.equal(tf('coalesce(1, true)'), 'Error in function call: Call to function "coalesce" failed: all arguments must have the same type.');
  assert.equal(tf('coalesce(null, "")'), 'Error in function call: Call to function "coalesce" failed: no non-null, non-empty-string arguments.');
  assert.equal(tf('coalesce(var.u, "b")', VAR), 'unknown');
  assert.deepEqual(tf('coalescelist([], ["x"])'), ['x']);
  assert.equal(tf('coalescelist("a")'), 'Error in function call: Call to function "coalescelist" failed: coalescelist arguments must be lists or tuples.');
});
// stdlib KeysFunc, ValuesFunc (lexical order), ZipmapFunc
test('keys and values in lexical order; zipmap', () => {
  assert.deepEqual(tf('keys({ b = 1, a = 2 })'), ['a', 'b']);
  assert.deepEqual(tf('values({ b = 1, a = 2 })'), [2, 1]);
  assert.equal(tf('keys([1])'), 'Invalid function argument: Invalid value for "inputMap" parameter: must have map or object type.');
  assert.equal(tf('values("a")'), 'Error in function call: Call to function "values" failed: values() requires a map as the first argument.');
  assert.deepEqual(tf('zipmap(["a", "b"], [1, 2])'), { a: 1, b: 2 });
  assert.equal(tf('zipmap(["a"], [1, 2])'), 'Error in function call: Call to function "zipmap" failed: number of keys (1) does not match number of values (2).');
});
// stdlib ContainsFunc, funcs.IndexFunc
test('contains and index compare by type and value', () => {
  assert.equal(tf('contains(["1"], 1)'), false);
  assert.equal(tf('contains(["a", "b"], "b")'), true);
  assert.equal(tf('contains("a", "a")'), 'Error in function call: Call to function "contains" failed: argument must be list, tuple, or set.');
  assert.equal(tf('index(["a", "b"], "b")'), 1);
  assert.equal(tf('index(["a"], "z")'), 'Error in function call: Call to function "index" failed: item not found.');
  assert.equal(tf('index([], "z")'), 'Error in function call: Call to function "index" failed: cannot search an empty list.');
});
// stdlib SliceFunc / sliceIndexes
test('slice and its index checks', () => {
  assert.deepEqual(tf('slice(["a", "b", "c"], 1, 3)'), ['b', 'c']);
  assert.equal(tf('slice(["a"], 0, 2)'), 'Invalid function argument: Invalid value for "end_index" parameter: end index must not be greater than the length of the list.');
  assert.equal(tf('slice(["a", "b"], 2, 1)'), 'Invalid function argument: Invalid value for "start_index" parameter: start index must not be greater than end index.');
  assert.equal(tf('slice(toset(["a"]), 0, 1)'), 'Invalid function argument: Invalid value for "list" parameter: cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important.');
});

// ---- 5. numbers --------------------------------------------------------------------------------

// stdlib MinFunc/MaxFunc, AbsoluteFunc, CeilFunc, FloorFunc, RangeFunc
test('min, max, abs, ceil, floor', () => {
  assert.equal(tf('max(10, "20", 5)'), 20);
  assert.equal(tf('min(3, -1)'), -1);
  assert.equal(tf('max()'), 'Error in function call: Call to function "max" failed: must pass at least one number.');
  assert.equal(tf('abs(-3)'), 3);
  assert.equal(tf('ceil(1.2)'), 2);
  assert.equal(tf('floor(-1.2)'), -2);
});
test('range counts up or down; a zero step counts up forever and a wrong direction is refused', () => {
  assert.deepEqual(tf('range(3)'), [0, 1, 2]);
  assert.deepEqual(tf('range(3, 0)'), [3, 2, 1]);
  assert.deepEqual(tf('range(0, 1, 0.25)'), [0, 0.25, 0.5, 0.75]);
  // go-cty adds at 512 bits: ten clean tenths (float64 sums would give 0.30000000000000004)
  assert.deepEqual(tf('range(0, 1, 0.1)'), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  // RangeFunc compares the step with cty.Zero as Go values (the number's pointer): a zero step is never
  // that value, so it counts up (scripts/terraform-hunt35-oracle: the 1024-values error, or an empty list)
  assert.equal(tf('range(0, 1, 0)'), 'Error in function call: Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.');
  assert.deepEqual(tf('range(5, 5, 0)'), []);
  assert.equal(tf('range(3, 0, -0)'), 'Invalid function argument: Invalid value for "params" parameter: end must be greater than start when step is positive.');
  assert.equal(tf('range(0, 5, -1)'), 'Invalid function argument: Invalid value for "params" parameter: end must be less than start when step is negative.');
});
test('range(1e9) stops at go-cty\'s 1024 values', () => {
  assert.equal(tf('range(1e9)'), 'Error in function call: Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.');
});

// ---- 6. try and can: hcl ext/tryfunc -------------------------------------------------------------

test('try gives the first expression without errors; can says whether there is one', () => {
  assert.equal(tf('try(lookup({}, "a"), "fallback")'), 'fallback');
  assert.equal(tf('can(tonumber("x"))'), false);
  assert.equal(tf('can(tonumber("1"))'), true);
  assert.equal(tf('try(var.u, "x")', VAR), 'unknown');
});
test('try with no expression succeeding lists each diagnostic with its place', () => {
  assert.equal(tf('try(upper([]))'), 'Error in function call: Call to function "try" failed: no expression succeeded:\n- Invalid function argument (at main.tf:3,17-18)\n  Invalid value for "str" parameter: string required, but have tuple.\n\nAt least one expression must produce a successful result.');
});

// ---- 7. through the provider: a volume size and a device name from functions ----------------------

test('a block device from functions gets a verdict instead of notes', () => {
  const t = `locals {\n  sizes = { small = 10, big = 40 }\n}\n${vm(blank('    volume_size = lookup(local.sizes, "big", 5)\n    device_type = lower("DISK")'))}`;
  const b = bdm(t)[0];
  assert.equal(b.volume_size, 40);
  assert.equal(b.device_type, 'disk');
});
test('a function Terraform refuses refuses the configuration (BDM-TF-CONFIG)', () => {
  assert.deepEqual(finding(vm(blank('    volume_size = element([], 0)'))), ['BDM-TF-CONFIG', 'Error in function call: Call to function "element" failed: cannot use element function with an empty list.']);
});

// ---- 8. bounds: no work beyond the input's size --------------------------------------------------

test('split / join / replace / distinct / substr grow linearly with the input', () => {
  const expr = (n: number) => `length(distinct(split(",", replace(join(",", split(",", "${'a,'.repeat(n)}")), "a", "b")))) + length(substr("${'xé'.repeat(n)}", 1, -1))`;
  const watchdog = setTimeout(() => assert.fail('hang'), 30_000);
  const g = bestGrowth(expr, (e) => tf(e), 4_000, 3.5);
  clearTimeout(watchdog);
  assert.ok(g.ratio < 3.5, describeGrowth('split/join/replace/distinct/substr', 4_000, g));
  assert.equal(tf(expr(3)), 7);
});

// stdlib formatPadWidth (grapheme clusters, `0` pads with zeros even on the left of a string) and a %s precision
test('format pads %s and %v by grapheme clusters; %.Ns keeps N clusters', () => {
  assert.equal(tf('format("[%5s]", "é")'), '[    é]');
  assert.equal(tf('format("[%-3v]", "ab")'), '[ab ]');
  assert.equal(tf('format("[%05s]", "ab")'), '[000ab]');
  assert.equal(tf('format("%.2s", "🇫🇷🇩🇪x")'), '🇫🇷🇩🇪');
  assert.equal(tf('format("%v-%v", true, null)'), 'true-null');
});

// a variable's map(string) type makes its default a map: funcs.LookupFunc's map case (missing key: a
// call error; the default converted to the element type), not the object case
test('lookup on a map(string) variable: "lookup failed to find key"; the default becomes a string', () => {
  const pre = 'variable "flavors" {\n  type = map(string)\n  default = { small = "m1.small" }\n}\n';
  assert.equal(tf('lookup(var.flavors, "big")', pre), 'Error in function call: Call to function "lookup" failed: lookup failed to find key "big".');
  assert.equal(tf('lookup(var.flavors, "small")', pre), 'm1.small');
  assert.deepEqual(tf('keys(var.flavors)', pre), ['small']);
  assert.deepEqual(tf('tolist(var.l)', 'variable "l" {\n  type = list(number)\n  default = ["1", 2]\n}\n'), [1, 2]);
});
test('lookup in a map(string) with a number default gives the string; a tuple default is refused', () => {
  const pre = 'variable "flavors" {\n  type = map(string)\n  default = { small = "m1.small" }\n}\n';
  assert.equal(tf('lookup(var.flavors, "big", 10)', pre), '10');
  assert.equal(tf('lookup(var.flavors, "big", [1])', pre), 'Invalid function argument: Invalid value for "default" parameter: the default value must have the same type as the map elements.');
});
// function.go Call: an unknown argument returns unknown before Impl, where contains/index/join check their input
test('contains / index / join check their input only once every argument is known', () => {
  assert.equal(tf('contains([], var.u)', VAR), 'unknown');
  assert.equal(tf('contains(var.u, "a")', VAR), 'unknown');
  assert.equal(tf('index(var.u, "a")', VAR), 'unknown');
  assert.equal(tf('join(var.u)', VAR), 'unknown');
  assert.equal(tf('contains("a", var.u)', VAR), 'unknown');
  // but element's Type names a string at once
  assert.equal(tf('element(var.u, 0)', VAR), 'Error in function call: Call to function "element" failed: cannot read elements from string.');
});
test('distinct of a string: go-cty\'s MismatchMessage for list(dynamic)', () => {
  assert.equal(tf('distinct("a")'), 'Invalid function argument: Invalid value for "list" parameter: list of dynamic required, but have string.');
  assert.equal(tf('distinct([1, true])'), 'Invalid function argument: Invalid value for "list" parameter: all list elements must have the same type.');
});

test('distinct / toset over n different values and format with n verbs grow linearly', () => {
  const list = (n: number) => `[${Array.from({ length: n }, (_, i) => `"v${i}"`).join(', ')}]`;
  const expr = (n: number) => `length(distinct(${list(n)})) + length(toset(${list(n)})) + length(format("${'é%d'.repeat(n)}", ${list(n).slice(1, -1).replace(/"v/g, '"')}))`;
  const watchdog = setTimeout(() => assert.fail('hang'), 30_000);
  const g = bestGrowth(expr, (e) => tf(e), 2_000, 3.5);
  clearTimeout(watchdog);
  assert.ok(g.ratio < 3.5, describeGrowth('distinct/toset/format', 2_000, g));
  assert.equal(tf(`length(distinct(${list(3)}))`), 3);
});
test('length() with the wrong argument count', () => {
  assert.equal(tf('length()'), 'Not enough function arguments: Function "length" expects 1 argument(s). Missing value for "value".');
  assert.equal(tf('length([], [])'), 'Too many function arguments: Function "length" expects only 1 argument(s).');
});

// internal/terraform for_each: a set of strings (here made by toset() in a local) makes one instance per element
test('for_each over a local made by toset(split(...)) expands one instance per distinct string', () => {
  const t = `locals {\n  names = toset(split(",", "b,a,b"))\n}\nresource "openstack_compute_instance_v2" "vm" {\n  for_each  = local.names\n  name      = each.key\n  flavor_id = "1"\n  image_id  = "i"\n}\n`;
  const docs = terraformSources(t);
  assert.deepEqual(docs.map((d) => (d.body as { server: { name: string } }).server.name), ['a', 'b']);
});
test('negative: for_each over a local made by tolist() is refused as a list', () => {
  const t = `locals {\n  names = tolist(["a"])\n}\nresource "openstack_compute_instance_v2" "vm" {\n  for_each  = local.names\n  name      = each.key\n  flavor_id = "1"\n  image_id  = "i"\n}\n`;
  assert.match(String(finding(t)[1]), /must be a map, or set of strings, and you have provided a value of type list of string\./);
});

// stdlib MergeFunc: maps of one type give that map type (lookup's map case then applies), else an object
test('merge of two map(string) variables is a map: lookup of a missing key is a call error', () => {
  const pre = 'variable "a" {\n  type = map(string)\n  default = { x = "1" }\n}\nvariable "b" {\n  type = map(string)\n  default = { y = "2" }\n}\n';
  assert.deepEqual(tf('merge(var.a, var.b)', pre), { x: '1', y: '2' });
  assert.equal(tf('lookup(merge(var.a, var.b), "z")', pre), 'Error in function call: Call to function "lookup" failed: lookup failed to find key "z".');
  assert.equal(tf('lookup(merge(var.a, { y = "2" }), "z")', pre), 'Invalid function argument: Invalid value for "inputMap" parameter: the given object has no attribute "z".');
  assert.deepEqual(tf('zipmap(split(",", "a,b"), split(",", "1,2"))'), { a: '1', b: '2' });
});

// gocty.FromCtyValue into an int64 (big.Float Int64 exact, within [-2^63, 2^63)); convert_primitive.go: "1" is true
test('element with an index of 2^63 is refused; tobool("1") is true (go-cty\'s string to bool)', () => {
  assert.equal(tf('element(["a"], 9223372036854775808)'), 'Error in function call: Call to function "element" failed: invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
  assert.equal(tf('tobool("1")'), true);
  assert.equal(tf('tobool("True")'), 'Invalid function argument: Invalid value for "v" parameter: cannot convert "True" to bool; only the strings "true" or "false" are allowed.');
});
