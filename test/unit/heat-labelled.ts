/**
 * The two tests every Heat hunt file runs on its labelled cases: they are all labelled (at least
 * `atLeast` of them), and bdm-lab's translation of each agrees with heat-oracle's answer
 * (test/fixtures/heat/compare.ts compareWithOracle: no difference, nothing left undecided).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { ROOT } from './cli-run';

export type Labelled = HeatCase & { oracle: HeatOracle };

/**
 * A hunt's labelled cases (a JSON file under scripts/), a case by its id (the test fails on an id
 * that is not there), and a case's server translation: the document named `srv`, else its one
 * document (a refusal of the whole template).
 */
export function labelledCases(file: string): { cases: Labelled[]; byId: (id: string) => Labelled; srvOf: (c: Labelled) => ReturnType<typeof heatSources>[number] } {
  const cases = JSON.parse(readFileSync(join(ROOT, 'scripts', file), 'utf8')) as Labelled[];
  const byId = (id: string): Labelled => {
    const c = cases.find((x) => x.id === id);
    assert.ok(c, id);
    return c;
  };
  const srvOf = (c: Labelled) => {
    const docs = heatSources(c.template, { microversion: c.microversion, params: c.params });
    return docs.find((d) => d.name === 'srv') ?? docs[0];
  };
  return { cases, byId, srvOf };
}

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
