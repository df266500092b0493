/**
 * Cost of Terraform expressions found by scripts/source-cost-probe.ts: a grouping `for` (`k => v...`)
 * copied its group at each element (n elements under one key: n², a 64 KB file took 10 s), and a
 * long run of prefix operators (`!!!…x`) or of binary operators in a call's argument (`f(a + b + …)`)
 * was read by one call per operator (a RangeError past ~10 000 of them). Never an absolute time: the
 * median time at 2n over the median at n in the same run (test/unit/growth.ts; linear ~2, quadratic
 * ~4), with a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { ctyRange } from '../../server/src/source/terraform/bignum';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 180_000 };
const MAX_RATIO = 3;
const rep = (n: number, f: (i: number) => string, sep = '') => Array.from({ length: n }, (_, i) => f(i)).join(sep);
const tf = (t: string) => analyzeDocument(t, 'terraform', defaultContext());

/** an instance whose metadata `k` is this expression */
const withMeta = (expr: string) => `resource "openstack_compute_instance_v2" "vm" {\n  name       = "vm"\n  flavor_id  = "1"\n  image_name = "cirros"\n  metadata   = { k = ${expr} }\n}\n`;
const metaOf = (t: string) => ((tf(t).requests?.[0]?.body as { server?: { metadata?: Record<string, unknown> } })?.server?.metadata);

function linear(what: string, n: number, make: (n: number) => string) {
  const g = bestGrowth(make, tf, n, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth(what, n, g)} (linear ~2, quadratic ~4)`);
}

// hclsyntax ForExpr.Value with grouping: each key's values in the order of the collection
test('a grouping for expression gathers each key\'s values in order', () => {
  const m = metaOf(withMeta('join(",", flatten(values({for x in ["b1", "a1", "b2", "a2", "b3"] : substr(x, 0, 1) => x...})))'));
  assert.deepEqual(m, { k: 'a1,a2,b1,b2,b3' }, 'keys sorted (a map), each group in the collection\'s order');
});

test('a grouping for of n elements under one key grows linearly, 8 000 vs 16 000', WATCHDOG, () => {
  linear('for ... => x... one key', 8000, (n) => withMeta(`length(jsonencode({for x in [${rep(n, (i) => String(i % 10), ',')}] : "k" => x...}))`));
});

test('a run of n prefix operators is read: ! and - , 20 000 vs 40 000', WATCHDOG, () => {
  // an even run of ! is the operand itself (Terraform's parser nests one operator node per !)
  assert.doesNotThrow(() => tf(withMeta(`tostring(${'!'.repeat(40_000)}true)`)));
  assert.deepEqual(metaOf(withMeta(`tostring(${'-'.repeat(4)}5)`)), { k: '5' });
  assert.deepEqual(metaOf(withMeta(`tostring(${'!'.repeat(3)}true)`)), { k: 'false' });
  linear('!!!…true', 20_000, (n) => withMeta(`tostring(${'!'.repeat(n)}true)`));
  linear('---…1', 20_000, (n) => withMeta(`tostring(${'-'.repeat(n)}1)`));
});

test('a call argument of n binary operators is read, 20 000 vs 40 000', WATCHDOG, () => {
  assert.deepEqual(metaOf(withMeta('tostring(1 * 3 + 2 * 3 + 3)')), { k: '12' });
  assert.doesNotThrow(() => tf(withMeta(`tostring(${rep(40_000, (i) => `${i} * 3`, ' + ')})`)));
  linear('f(a + b + …)', 20_000, (n) => withMeta(`tostring(${rep(n, (i) => `${i} * 3`, ' + ')})`));
});

// go-cty RangeFunc: each value the previous plus the step at 512 bits; integers below 2^53 take a
// float64 path that must give the same values (and the same 1024-value refusal)
test('range() of integers gives the values the 512-bit path gives', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const show = (xs: number[] | null) => xs && xs.map((x) => (Object.is(x, -0) ? '-0' : x));
  let checked = 0;
  for (let k = 0; k < 500; k++) {
    const start = Math.round((rnd() * 2 - 1) * pick([1, 1000, 2 ** 40, 2 ** 53 - 3000])) + pick([0, -0]);
    const step = pick([1, -1, 2, -3, 7, 1000, -(2 ** 30)]);
    const end = start + step * Math.floor(rnd() * 1100) + pick([0, 0.5, -0.5, 1e-9, 0.25]) * Math.abs(step);
    if (!Number.isFinite(end) || (step > 0 ? end < start : end > start)) continue;
    // a max too large for the float64 path: the 512-bit one
    const exact = ctyRange(start, end, step, 2 ** 62);
    assert.deepEqual(show(ctyRange(start, end, step, 1024)), show(exact && exact.length > 1024 ? null : exact), `range(${start}, ${end}, ${step})`);
    checked++;
  }
  assert.ok(checked > 300);
  assert.deepEqual(ctyRange(0, 3, 1, 1024), [0, 1, 2]);
  assert.deepEqual(ctyRange(5, 0, -2, 1024), [5, 3, 1]);
  assert.equal(ctyRange(0, 1025, 1, 1024), null, 'go-cty: more than 1024 values were generated');
});
