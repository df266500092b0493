/**
 * Hunt 27, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource,
 * its Stack.validate and Nova's verdicts; each case's label beside it in
 * test/fixtures/heat-hunt27/cases.json, written by scripts/heat-hunt27-fixtures.ts):
 * - the outputs, which Stack.validate reads once the resources are made and before it validates
 *   any (a definition that is no map or has no value, a condition Heat cannot find, an `if` in the
 *   value), after a reference loop among every resource;
 * - `contains` in a property (its argument checks when Heat reads it, Python's `in` on a text or a
 *   list, the refusal of anything else), which bdm-lab left unevaluated;
 * - an update policy, checked against the type's (empty) schema after the deletion policy and
 *   before the properties;
 * - map_replace with map keys that are not strings (Python's dict lookups: 1, 1.0 and true are
 *   one key), which bdm-lab left unevaluated;
 * - a function a condition may not hold, refused after its own arguments are parsed;
 * - a template whose servers are all left out by their condition, refused for another reason;
 * - scripts/heat-hunt27-gen.ts's templates (seed 27) that bdm-lab disagreed on before, and a sample of the rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { bestGrowth, describeGrowth } from './growth';
import { ROOT } from './cli-run';
import { testLabelledCases } from './heat-labelled';

type Labelled = HeatCase & { oracle: HeatOracle };
const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat-hunt27', 'cases.json'), 'utf8')) as Labelled[];

testLabelledCases('27', CASES, 100);

const WATCHDOG = { timeout: 120_000 };
const rep = (n: number, f: (i: number) => string, sep = ', ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);
const server = (props: string, rest = '') => `heat_template_version: 2021-04-16\nconditions:\n  c1: true\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n${props}${rest}`;
const translate = (t: string) => heatSources(t)[0].translation;

test('map_replace over n keys that are numbers grows linearly: 2 000 vs 4 000 keys', WATCHDOG, () => {
  const make = (n: number) => server(`      metadata: {map_replace: [{${rep(n, (i) => `${i}: ${i}`)}}, {keys: {${rep(n, (i) => `${i}: k${i}`)}}, values: {${rep(n, (i) => `${i}.0: w${i}`)}}}]}\n`);
  assert.deepEqual(translate(make(3)).body?.server.metadata, { k0: 'w0', k1: 'w1', k2: 'w2' });
  const g = bestGrowth(make, translate, 2000, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('map_replace', 2000, g)} (linear ~2, quadratic ~4)`);
});

test('n outputs, each with a condition and an if, grow linearly: 1 000 vs 2 000 outputs', WATCHDOG, () => {
  const make = (n: number) => server('', `outputs:\n${rep(n, (i) => `  o${i}: {value: {if: [c1, a, b]}, condition: ${i % 2 ? 'c1' : '{not: c1}'}}`, '\n')}\n`);
  assert.equal(translate(make(3)).error, null);
  const g = bestGrowth(make, translate, 1000, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('outputs', 1000, g)} (linear ~2, quadratic ~4)`);
});

test('contains over a list of n items grows linearly: 5 000 vs 10 000 items', WATCHDOG, () => {
  // (the last item is the one asked for: every item is compared)
  const make = (n: number) => server(`      config_drive: {contains: [[a${n - 1}], [${rep(n, (i) => `[a${i}]`)}]]}\n`);
  assert.equal(translate(make(3)).body?.server.config_drive, true);
  const g = bestGrowth(make, translate, 5000, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('contains', 5000, g)} (linear ~2, quadratic ~4)`);
});
