/**
 * Hunt 25: Heat's `timezone`, `cron_expression` and `expiration` constraints, the short and mask
 * forms of `net_cidr` / `ip_or_cidr`, those constraints on a comma_delimited_list, and mapping keys
 * Python's dict takes as one (1, 1.0 and true; 0, false, 0.0) or cannot order or join.
 *
 * Labels: Heat 19.0.0 itself (scripts/heat-hunt25-labels.json, written by
 * `node --import tsx scripts/heat-hunt25-cases.ts --label`): Stack.validate's refusal, else the
 * metadata and scheduler hints of the body the heat-oracle's create sends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { formConstraint } from '../../server/src/source/heat/formConstraints';
import { CASES, type Hunt25Label } from '../../scripts/heat-hunt25-cases';
import { bestGrowth } from './growth';

const LABELS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'scripts', 'heat-hunt25-labels.json'), 'utf8')) as Record<string, Hunt25Label>;

for (const c of CASES) {
  const label = LABELS[c.id];
  test(`hunt 25: ${c.id} as Heat answers it`, () => {
    const d = heatSources(c.template, { params: c.params })[0];
    const t = d.translation;
    if (label.validate !== 'ok') {
      assert.equal(t.error?.message, label.validate.replace(/^[A-Za-z]+: /, ''));
      return;
    }
    assert.equal(t.error, null, t.error?.message);
    assert.deepEqual(t.notes.filter((n) => /custom_constraint/.test(n.message)).map((n) => n.message), []);
    assert.deepEqual(t.body?.server.metadata, label.metadata);
    assert.deepEqual(t.body?.['os:scheduler_hints'] ?? null, label.hints ?? null);
  });
}

test('an expiration that parses and is not surely past is left to the clock (a note)', () => {
  const c = `heat_template_version: 2018-08-31
parameters:
  p: {type: string, default: '2099-01-01T00:00:00Z', constraints: [{custom_constraint: expiration}]}
resources:
  srv:
    type: OS::Nova::Server
    properties: {image: cirros, flavor: m1.small, networks: [{network: private}], metadata: {k: {get_param: p}}}
`;
  const t = heatSources(c)[0].translation;
  assert.equal(t.error, null);
  assert.ok(t.notes.some((n) => /custom_constraint expiration/.test(n.message)));
});

test('what bdm-lab does not read of these constraints stays undecided', () => {
  // values with other than ASCII characters (croniter's random hashes and the day of week's nth
  // forms are decided since hunt 26: test/unit/heat-cron-forms.test.ts); a random hash whose answer is random
  for (const v of ['* * * * *\u00a0', 'r(0-99) * * * *']) assert.equal(formConstraint('cron_expression', v), undefined, v);
  for (const v of ['\u0661\u0660/8', '10.0.0.0/\u0668']) assert.equal(formConstraint('net_cidr', v), undefined, v);
});

test('an empty value passes timezone, cron_expression and expiration, as Heat lets it', () => {
  for (const name of ['timezone', 'cron_expression', 'expiration']) assert.equal(formConstraint(name, ''), null, name);
});

// each check is one pass over the value (a cron field's ranges add at most 60 items each): time at
// 2n over time at n, in the same run
const LINEAR = 3;
const inputs: Array<[string, (n: number) => string]> = [
  ['cron_expression', (n) => `${'0-59,'.repeat(n)}0 * * * *`],
  ['cron_expression', (n) => `${'1/2/'.repeat(n)} * * * *`],
  ['cron_expression', (n) => `${'* '.repeat(n)}`],
  ['timezone', (n) => 'Europe/_plus_'.repeat(n)],
  ['expiration', (n) => ` 2099-01-01T00:00:00.${'9'.repeat(n)}Z `],
  ['net_cidr', (n) => `1.${'0'.repeat(n)}/8`],
  ['net_cidr', (n) => `${'1_'.repeat(n)}1.2/8`],
  ['net_cidr', (n) => `::/${'f'.repeat(n)}`],
  ['ip_or_cidr', (n) => `${'1.'.repeat(n)}/x`],
];
for (const [name, make] of inputs) {
  test(`${name} grows linearly on ${JSON.stringify(make(2))}…`, { timeout: 120_000 }, () => {
    const g = bestGrowth(make, (s) => formConstraint(name, s), 20000, LINEAR, 5);
    assert.ok(g.ratio < LINEAR, `time at 2n / time at n = ${g.ratio.toFixed(2)} (${g.msN.toFixed(1)} / ${g.ms2N.toFixed(1)} ms)`);
  });
}
