/**
 * The two tests every Heat hunt file runs on its labelled cases: they are all labelled (at least
 * `atLeast` of them), and bdm-lab's translation of each agrees with heat-oracle's answer
 * (test/fixtures/heat/compare.ts compareWithOracle: no difference, nothing left undecided).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';

/** `also`: a check of the round's own on each case, after the agreement */
export function testLabelledCases<C extends HeatCase & { oracle: HeatOracle }>(round: string, cases: readonly C[], atLeast: number, also?: (c: C) => void): void {
  test(`the hunt-${round} cases are labelled`, () => {
    assert.ok(cases.length >= atLeast);
    for (const c of cases) assert.ok(c.oracle, `${c.id}: no label`);
  });
  for (const c of cases) {
    test(`Heat 19.0.0 on ${c.id}`, () => {
      const r = compareWithOracle(c, c.oracle);
      assert.ok(!r.undecided);
      assert.deepEqual(r.diffs, []);
      also?.(c);
    });
  }
}
