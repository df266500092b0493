/**
 * Terraform fidelity, hunt 26 (format): format() and formatlist() as go-cty v1.18.1
 * cty/function/stdlib/format.go (FormatFunc, FormatListFunc, formatAppend and its helpers) and
 * format_fsm.rl (formatFSM) write them, leaning on Go's fmt for *big.Int (math/big intconv.go
 * Format) and *big.Float (math/big ftoa.go Format); and element() of a tuple literal with an
 * unknown element (stdlib/collection.go ElementFunc). There is no Terraform or Go here: each case
 * is labelled from the upstream function named beside it (facts read from the source, not run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from './terraform-local';

const VAR = 'variable "u" {\n  type = string\n}\n';
const failed = (fn: string, why: string) => `Error in function call: Call to function "${fn}" failed: ${why}.`;

test('formatPadWidth: %s widths in grapheme clusters, `-` pads right, `0` pads with zeros on either side', () => {
  assert.equal(tf('format("[%5s][%-8s]", "ab", "cd")'), '[   ab][cd      ]');
  assert.equal(tf('format("[%3s]", "🇫🇷")'), '[  🇫🇷]');
  // format_fsm.rl keeps Zero and Minus apart; formatPadWidth pads with "0" after the text
  assert.equal(tf('format("[%-05s]", "a")'), '[a0000]');
  // flags for numbers only are ignored by strings
  assert.equal(tf('format("[%+5s][% -3s]", "a", "b")'), '[    a][b  ]');
});

test('formatAppendString: a precision cuts at grapheme clusters before the width pads; %q is JSON (HTML escaped)', () => {
  assert.equal(tf('format("[%-5.1s]", "xyz")'), '[x    ]');
  // Prec > 0 only: %.0s keeps the whole string
  assert.equal(tf('format("%.0s", "xyz")'), 'xyz');
  assert.equal(tf('format("%q", "a\\"<b>\\n")'), '"a\\"\\u003cb\\u003e\\n"');
  assert.equal(tf('format("%6q", "a")'), '   "a"');
});

test('formatAppendAsIs: %v of collections and structures is cty JSON (keys sorted), %#v of anything too', () => {
  assert.equal(tf('format("%v", [1, "a", true, null])'), '[1,"a",true,null]');
  assert.equal(tf('format("%v", {b = 1, a = [2]})'), '{"a":[2],"b":1}');
  assert.equal(tf('format("%#v", "s")'), '"s"');
  assert.equal(tf('format("%#v", 1.5)'), '1.5');
  assert.equal(tf('format("[%8v]", [1])'), '[     [1]]');
  // a set's JSON is in go-cty's set order (oracle: terraform-cty-oracle)
  assert.equal(tf('format("%v", toset(["a"]))'), '["a"]');
});

test('formatAppendBool: %t takes no width or flags', () => {
  assert.equal(tf('format("[%5t][%-3t]", true, false)'), '[true][false]');
});

test('formatAppendInteger (big.Int Format): %d flags, %x %X %o %b, `#` prefixes, precision as least digits', () => {
  assert.equal(tf('format("%05d|%+d|% d|%-05d|", 42, 5, 7, 3)'), '00042|+5| 7|3    |');
  assert.equal(tf('format("%05d", -42)'), '-0042');
  assert.equal(tf('format("%x %X %o %b", 255, 255, 8, 5)'), 'ff FF 10 101');
  assert.equal(tf('format("%#x %#X %#o %#b", 255, 255, 8, 5)'), '0xff 0XFF 010 0b101');
  assert.equal(tf('format("%x", -255)'), '-ff');
  // a precision: at least that many digits, and `0` then no longer pads; %.0d of 0 writes nothing
  assert.equal(tf('format("%.3d|%5.3d|%05.3d|%.0d|", 7, -7, 7, 0)'), '007| -007|  007||');
  assert.equal(tf('format("%x", 1.5)'), failed('format', 'unsupported value for "%x" at 0: an integer is required'));
});

test('formatAppendNumber (big.Float Format): %f %e %g with precisions, widths and sign flags', () => {
  assert.equal(tf('format("%.2f|%8.3f|%f", 3.14159, 2.5, 1)'), '3.14|   2.500|1.000000');
  assert.equal(tf('format("%e|%E|%.1e", 123456.789, 0.00012, 12345)'), '1.234568e+05|1.200000E-04|1.2e+04');
  assert.equal(tf('format("%g|%g|%G|%.3g|%.2g|%.3g", 0.0001, 1000000, 0.0000001, 1234.5678, 100, 0.5)'), '0.0001|1e+06|1E-07|1.23e+03|1e+02|0.5');
  assert.equal(tf('format("%08.2f|%-8.2f|%+.1e|% .1f", -3.14159, 1.5, 12345, 2)'), '-0003.14|1.50    |+1.2e+04| 2.0');
  assert.equal(tf('format("%.0f %.0f %.0f %.1f", 0.4, 1.6, 99.9, 0.06)'), '0 2 100 0.1');
  assert.equal(tf('format("%f", "x")'), failed('format', 'unsupported value for "%f" at 0: a number is required'));
  // the 512-bit value's exact decimal (oracle: terraform-cty-oracle; terraform-format-floats.test.ts)
  assert.equal(tf('format("%.2f", 2.675)'), '2.67');
  assert.equal(tf('format("%.20f", 1.1)'), '1.10000000000000000000');
});

test('formatFSM: %[n] picks an argument and the next verb goes on from n+1; the highest index counts as used', () => {
  assert.equal(tf('format("%[2]s-%[1]s-%s", "a", "b")'), 'b-a-b');
  assert.equal(tf('format("%[2]s", "a", "b")'), 'b');
  assert.equal(tf('format("%[3]s", "a")'), failed('format', 'not enough arguments for "%[3]s" at 0: need index 3 but have 1 total'));
  assert.equal(tf('format("%[1]s", "a", "b")'), 'Invalid function argument: Invalid value for "args" parameter: too many arguments; only 1 used by format string.');
});

test('formatAppend: a letter that is no verb is refused after the argument is found', () => {
  assert.equal(tf('format("ab%y", 1)'), failed('format', "unsupported format verb 'y' in \"%y\" at offset 2"));
  assert.equal(tf('format("%y")'), failed('format', 'not enough arguments for "%y" at 0: need index 1 but have 0 total'));
});

test('bounded: widths and precisions over 4096 stay unknown; a `*` width is refused (terraform-hunt38-oracle: format_fsm.rl reads no `*`)', () => {
  assert.equal(tf('format("%5000s", "a")'), 'unknown');
  assert.equal(tf('format("%.5000f", 1)'), 'unknown');
  assert.equal(tf('format("%99999999999999999999d", 1)'), 'unknown');
  assert.equal(tf('format("%*d", 1)'), failed('format', "unrecognized format character '*' at offset 1"));
  assert.equal(String(tf('format("%4096s", "a")')).length, 4096);
  assert.equal(String(tf('format("%4096.2f", 1)')).length, 4096);
});

test('FormatListFunc: sequences iterate together, others repeat; lengths must agree; iteration errors named', () => {
  assert.deepEqual(tf('formatlist("%s-%03d", ["a", "b"], 7)'), ['a-007', 'b-007']);
  assert.deepEqual(tf('formatlist("%s=%s", ["a", "b"], ["x", "y"])'), ['a=x', 'b=y']);
  assert.deepEqual(tf('formatlist("x")'), ['x']);
  assert.deepEqual(tf('formatlist("%s", [])'), []);
  assert.equal(tf('formatlist("%s=%s", ["a", "b"], ["x"])'), 'Invalid function argument: Invalid value for "args" parameter: argument 2 has length 1, which is inconsistent with argument 1 of length 2.');
  assert.equal(tf('formatlist("%d", ["a"])'), failed('formatlist', 'error on format iteration 0: unsupported value for "%d" at 0: a number is required'));
  assert.equal(tf('formatlist("%s", "a", "b")'), failed('formatlist', 'error on format iteration 0: too many arguments; only 1 used by format string'));
  // no arguments: Format's own refusal, not wrapped
  assert.equal(tf('formatlist("%s")'), failed('formatlist', 'not enough arguments for "%s" at 0: need index 1 but have 0 total'));
  // negative: an unknown argument leaves the list unknown (the length check still runs first)
  assert.equal(tf('formatlist("%s %s", ["a"], var.u)', VAR), 'unknown');
  assert.equal(tf('formatlist("%s%s", ["a", var.u], ["x"])', VAR), 'Invalid function argument: Invalid value for "args" parameter: argument 2 has length 1, which is inconsistent with argument 1 of length 2.');
});

test('ElementFunc: a tuple literal with an unknown element is known, and the element picked may be known', () => {
  assert.equal(tf('element(["a", var.u, "c"], 2)', VAR), 'c');
  assert.equal(tf('element(["a", var.u, "c"], 3)', VAR), 'a');
  // negative: the unknown element itself
  assert.equal(tf('element(["a", var.u, "c"], 4)', VAR), 'unknown');
});
