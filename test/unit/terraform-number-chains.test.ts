/**
 * Chains of Terraform arithmetic as go-cty computes them: every number a math/big Float of 512 bits
 * (cty.ParseNumberVal), kept from one operation to the next (cty/value_ops.go Add, Subtract,
 * Multiply, Divide, Modulo, Negate, LessThan…), printed with Text('f', -1) (convert's number to
 * string, conversion_primitive.go) or Text('g', -1) (stdlib format.go %v), and compared by that
 * text (primitive_type.go rawNumberEqual). Expected values: scripts/terraform-cty-oracle (hclsyntax
 * v2.24.0 and go-cty v1.16.2, whose number code is v1.18.1's, evaluating the same expression).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from './terraform-local';
import { bestGrowth, describeGrowth } from './growth';
import { bigText, parseBig, bigArithmetic, type BigNum } from '../../server/src/source/terraform/bignum';

/** the expression converted to a string as a template does (`"=${…}"` converts; a lone interpolation would not) */
const text = (expr: string, pre = '') => {
  const r = tf(`"=\${${expr}}"`, pre);
  return typeof r === 'string' ? r.replace(/^=/, '') : r;
};
const frac = (lead: string, body: string, n: number, last: string) => `${lead}${body.repeat(n)}${last}`;

test("oracle: an operation's result is kept at 512 bits, not its float64", () => {
  // 0.3 and 0.1 at 512 bits differ from 0.2 at 512 bits in the last bit
  assert.equal(text('0.3 - 0.1'), `0.2${'0'.repeat(153)}2`);
  assert.equal(text('1 - 0.9'), `0.1${'0'.repeat(153)}3`);
  assert.equal(text('0.1 + 0.2'), '0.3');
  assert.equal(text('-(1/3)'), frac('-0.', '3', 154, '5'));
  assert.equal(text('2 % 0.3'), frac('0.1', '9', 153, '1'));
});

test('oracle: the chain goes on from the 512-bit value (1/3*3 is 1, (1/3)*3 - 1 is 0)', () => {
  assert.equal(text('1/3*3'), '1');
  assert.equal(text('(1/3) * 3 - 1'), '0');
  assert.equal(text('1/3 + 1/3 + 1/3'), '1');
  assert.equal(tf('1/3*3'), 1);
  assert.equal(text('-(10 - 33 * (1e3 % 10)) / (33 * 1e3 + 0.2)'), '-0.00030302846649414245974266822625317422318652614226580444967000199998787886134023430161029327094987303107253895430936782201319992000048484554639062793558826916');
  assert.equal(text('((0.7 / 1e-7) * (1 / 100)) / 10'), `6999.${'9'.repeat(150)}`);
});

test('oracle: integers past 2^53 and past float64 stay exact; modulo of a huge dividend', () => {
  assert.equal(text('9007199254740993 * 2'), '18014398509481986');
  assert.equal(text('1e21 + 1'), '1000000000000000000001');
  assert.equal(text('123456789012345678901234567890 + 1'), '123456789012345678901234567891');
  assert.equal(text('1e400'), `1${'0'.repeat(400)}`);
  assert.equal(text('1.15 + (7 + -(9007199254740993 * 3.5))'), '-31525197391593467.35');
  // the quotient truncated at 512 bits, then the dividend less divisor × it: exactly 0 here
  assert.equal(text('123456789012345678901234567890 % 0.7'), '0');
  assert.equal(text('10 % 3.5'), '3');
  assert.equal(text('-7.5 % 2'), '-1.5');
});

test('oracle: comparisons and equality on the kept values (== compares the texts)', () => {
  assert.equal(tf('0.1 + 0.2 == 0.3'), true);
  assert.equal(tf('0.3 - 0.1 == 0.2'), false);
  assert.equal(tf('0.3 - 0.1 != 0.2'), true);
  assert.equal(tf('0.3 - 0.1 > 0.2'), true);
  assert.equal(tf('1 - 0.9 <= 0.1'), false);
  assert.equal(tf('1/3*3 == 1'), true);
  assert.equal(tf('5 > 4.9999999999999999999999'), true);
});

test('oracle: a negative zero prints as -0; unary minus, x/0', () => {
  assert.equal(text('-0'), '-0');
  assert.equal(text('-0 + 0'), '0');
  assert.equal(text('0 * -1'), '-0');
  assert.equal(text('1/-0'), '-Inf');
  assert.equal(text('1e308 * 10'), `1${'0'.repeat(309)}`);
});

test('oracle: format %v (Text g -1), %s, tostring() and a conditional converted to string keep the 512-bit value', () => {
  assert.equal(tf('format("%v", 0.3-0.1)'), `0.2${'0'.repeat(153)}2`);
  assert.equal(tf('format("%v", 1/30000)'), `3.${'3'.repeat(153)}4e-05`);
  assert.equal(tf('format("%v", 1e21/7)'), `1.${'428571'.repeat(25)}4286e+20`);
  assert.equal(tf('format("%v", 123456789012345678901234567890 + 1)'), '1.23456789012345678901234567891e+29');
  assert.equal(tf('format("%v|%s", -0, -0)'), '-0|-0');
  assert.equal(tf('tostring(1/3)'), frac('0.', '3', 154, '5'));
  assert.equal(tf('true ? 1/3 : "a"'), frac('0.', '3', 154, '5'));
  assert.equal(tf('false ? "a" : 0.3 - 0.1'), `0.2${'0'.repeat(153)}2`);
});

test('go-cty passes a value on unchanged: a local or a variable default keeps the 512-bit number', () => {
  assert.equal(text('local.third * 3', 'locals {\n third = 1/3\n}'), '1');
  assert.equal(text('local.d', 'locals {\n d = 0.3 - 0.1\n}'), `0.2${'0'.repeat(153)}2`);
  assert.equal(text('var.v - 0.1', 'variable "v" {\n type = number\n default = "0.3"\n}'), `0.2${'0'.repeat(153)}2`);
});

test("Go math/big: Text(f, -1) is the shortest decimal that reads back at the value's own precision", () => {
  const n = (s: string) => parseBig(s)!;
  assert.equal(bigText(n('0.1')), '0.1');
  assert.equal(bigText(n('123.456e-2')), '1.23456');
  // a 64-bit value (cty.NumberIntVal) divided by another stays at 64 bits (oracle: length(["a"])/length(["a","b","c"]))
  const int64 = (v: bigint): BigNum => ({ neg: false, m: v, e: 0, prec: 64 });
  assert.equal(bigText(bigArithmetic('/', int64(1n), int64(3n)) as BigNum), '0.33333333333333333334');
  assert.equal(text('length(["a"]) / length(["a", "b", "c"])'), '0.33333333333333333334');
  assert.equal(text('length(["a"]) / 3'), frac('0.', '3', 154, '5'));
});

test("a chain's work grows linearly with its length (each operation bounded by 512 bits; far exponents fall back)", { timeout: 60_000 }, () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? '* 3.7' : '/ 1.3')).join(' ');
  // time at 2n over time at n, interleaved, repeated to samples of ~10 ms (test/unit/growth.ts)
  const g = bestGrowth((n) => `"=\${1 ${chain(n)}}"`, (t) => tf(t), 400, 3.5);
  assert.ok(g.ratio < 3.5, describeGrowth('a chain of n operations', 400, g));
  // an exponent past what bdm-lab computes exactly is float64 arithmetic again, not a bigint of a million digits
  assert.equal(tf('1e1000000 * 1e1000000 > 1'), true);
});
