/**
 * Hunt 28, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource,
 * its Stack.validate and Nova's verdicts; a template with an adopted server by Stack.validate with
 * that server found, scripts/heat-hunt28-extid.py; each case's label beside it in
 * test/fixtures/heat-hunt28/cases.json, written by scripts/heat-hunt28-fixtures.ts):
 * - get_attr whose resource name or attribute a function gives, or which are no texts: the look-up
 *   of a name that is a list or map (Python's TypeError), of a missing one in its words, the
 *   attributes Stack.validate gathers in a set before any resource is validated ("unhashable type",
 *   "'int' object is not subscriptable"), and the outputs' check of resolved names and attributes
 *   (the resource named as written);
 * - a number parameter's text as Python's int() and float() read it (nan, inf, underscores);
 * - list_join's argument count, checked when Heat reads the function (one list before 2015-10-15);
 * - external_id: an adopted server is not validated and sends nothing, depends on nothing (its
 *   references are not looked up, a depends_on is refused); a get_attr external_id is None, so the
 *   server is validated, its attribute checked against those named elsewhere;
 * - scripts/heat-hunt28-gen.ts's templates (seed 28) that bdm-lab disagreed on before, and a sample of the rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { ROOT } from './cli-run';

type Labelled = HeatCase & { oracle: HeatOracle & { adopted?: string[] } };
const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt28', 'cases.json'), 'utf8')) as Labelled[];

test('the hunt-28 cases are labelled', () => {
  assert.ok(CASES.length >= 100);
  for (const c of CASES) assert.ok(c.oracle, `${c.id}: no label`);
});

for (const c of CASES) {
  test(`Heat 19.0.0 on ${c.id}`, () => {
    const r = compareWithOracle(c, c.oracle);
    assert.ok(!r.undecided);
    assert.deepEqual(r.diffs, []);
    // an adopted server makes no request
    const names = heatSources(c.template, { microversion: c.microversion, params: c.params }).map((d) => d.name);
    for (const name of c.oracle.adopted ?? []) assert.ok(!names.includes(name), `${name} is adopted: no request`);
  });
}
