/**
 * Heat's `cron_expression` constraint (croniter 1.3.5) on croniter's random `r` hashes and the day
 * of week's `n#k` and `l<n>` forms (server/src/source/heat/cronExpression.ts).
 *
 * Labels: Heat 19's own constraint class, run 6 times in new processes (a new random crc each):
 * scripts/heat-hunt26-cron-labels.json, written by
 * `node --import tsx scripts/heat-hunt26-cron.ts 26 400 6 --label scripts/heat-hunt26-cron-labels.json`.
 * A value whose answer changed between the runs is labelled "random": bdm-lab must not decide it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formConstraint } from '../../server/src/source/heat/formConstraints';
import { cronValues } from '../../scripts/heat-hunt26-cron';

const LABELS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'scripts', 'heat-hunt26-cron-labels.json'), 'utf8')) as { seed: number; count: number; values: Array<[string, string | null]> };
const heat = new Map(LABELS.values);

test('croniter 1.3.5 on 463 values with r hashes and nth weekdays: Heat\'s answer or undecided, and undecided where Heat\'s is random', () => {
  const values = cronValues(LABELS.count, LABELS.seed);
  assert.deepEqual(values, LABELS.values.map(([v]) => v));
  let decided = 0;
  for (const [v, label] of LABELS.values) {
    const mine = formConstraint('cron_expression', v);
    if (label === 'random') { assert.equal(mine, undefined, `${v}: Heat's answer is random; bdm-lab decides ${mine}`); continue; }
    if (mine === undefined) continue;
    assert.equal(mine, label, v);
    decided++;
  }
  // (as many as when the labels were written: fewer is a regression to notes)
  assert.ok(decided >= 241, `${decided} decided`);
});

test('the forms croniter reads without a doubt are decided, in its words', () => {
  for (const v of ['r * * * *', 'r(3-2) * * * *', 'r/0 * * * *', '* * * * 1#2', '* * * * 1#6', '* * * * l5', '* * * * fri#3,1', '* * * * 1#2,1', '* * * * 1#2,2#3', '* * * * mon#1,tue']) {
    assert.ok(heat.has(v), v);
    assert.equal(formConstraint('cron_expression', v), heat.get(v), v);
  }
});

test('a random hash of more outcomes than bdm-lab tries is undecided, without trying them', { timeout: 30_000 }, () => {
  assert.equal(formConstraint('cron_expression', 'r(0-999999999) * * * *'), undefined);
  assert.equal(formConstraint('cron_expression', 'r r r * * r'), undefined);
});
