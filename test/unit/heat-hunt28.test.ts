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
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { ROOT } from './cli-run';
import { testLabelledCases } from './heat-labelled';

type Labelled = HeatCase & { oracle: HeatOracle & { adopted?: string[] } };
const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt28', 'cases.json'), 'utf8')) as Labelled[];

testLabelledCases('28', CASES, 100, (c) => {
  // an adopted server makes no request
  const names = heatSources(c.template, { microversion: c.microversion, params: c.params }).map((d) => d.name);
  for (const name of c.oracle.adopted ?? []) assert.ok(!names.includes(name), `${name} is adopted: no request`);
});
