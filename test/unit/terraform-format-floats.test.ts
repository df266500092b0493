/**
 * format()'s float verbs as go-cty runs them (stdlib format.go formatAppendNumber: fmt.Sprintf of the
 * *big.Float, big.Float Format → Append, ftoa.go): the number's exact decimal at 512 bits rounded to
 * the precision, an exact half to even (decimal.go shouldRoundUp), so a literal that is a binary
 * fraction (0.125, 2.5) is a real tie and one that is not (0.35, 2.675) lies on the side its 512-bit
 * value does. Expected values: scripts/terraform-cty-oracle (go-cty v1.16.2's FormatFunc).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from './terraform-local';

test('oracle: %f of an exact decimal tie rounds half to even', () => {
  assert.equal(tf('format("%.2f", 0.125)'), '0.12');
  assert.equal(tf('format("%.2f", 0.375)'), '0.38');
  assert.equal(tf('format("%.1f", 0.25)'), '0.2');
  assert.equal(tf('format("%.0f", 0.5)'), '0');
  assert.equal(tf('format("%.0f", 2.5)'), '2');
  assert.equal(tf('format("%.0f", 1.5)'), '2');
  assert.equal(tf('format("%.2g", 0.125)'), '0.12');
  assert.equal(tf('format("%.2f", "0.125")'), '0.12');
  assert.equal(tf('format("%+.1f", 0.25)'), '+0.2');
  assert.equal(tf('format("%08.2f", -0.125)'), '-0000.12');
  assert.equal(tf('format("%-8.1f|", 0.25)'), '0.2     |');
});

test('oracle: a decimal that is not a binary fraction rounds by its 512-bit value', () => {
  assert.equal(tf('format("%.1f", 0.35)'), '0.3');
  assert.equal(tf('format("%.2f", 2.675)'), '2.67');
  assert.equal(tf('format("%.1f", -0.05)'), '-0.1');
  assert.equal(tf('format("%.1f", 99.95)'), '99.9');
  assert.equal(tf('format("%f", 0.0000005)'), '0.000001');
  assert.equal(tf('format("%.3e", 1.0015)'), '1.001e+00');
  assert.equal(tf('format("%.3g", 2.675)'), '2.67');
});

test('oracle: more digits than float64 has, and the kept value of an operation', () => {
  assert.equal(tf('format("%.20f", 0.1)'), '0.10000000000000000000');
  assert.equal(tf('format("%.30f", 1/3)'), `0.${'3'.repeat(30)}`);
  assert.equal(tf('format("%.17g", 0.1)'), '0.1');
  assert.equal(tf('format("%.2f", 1e21 + 0.125)'), '1000000000000000000000.12');
  assert.equal(tf('format("%.0f", 1e100)'), `1${'0'.repeat(100)}`);
  assert.equal(tf('format("%.155f", 0.3 - 0.1)'), `0.2${'0'.repeat(153)}2`);
  assert.equal(tf('format("%.1f", -0)'), '-0.0');
  assert.equal(tf('format("%.3G", 0.0000125)'), '1.25E-05');
});
