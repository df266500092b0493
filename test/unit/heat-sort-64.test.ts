/**
 * Names Python cannot all order (an int, a float or None among str names) in a list of 64 or more:
 * the resources section's, str_replace's params. CPython 3.11's list.sort then merges runs; the
 * comparisons inside its first three runs come before any merge (server/src/source/heat/pySort.ts),
 * so a failure there is Heat's TypeError in its words; one in a merge is left as before (a note
 * for str_replace, no refusal for the resources).
 *
 * Labels: Heat 19.0.0 (scripts/heat-hunt26-sort-templates.json: the templates of
 * scripts/heat-hunt26-sort-gen.ts labelled by scripts/heat-hunt22-difftest.ts, Stack.validate and the heat-oracle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { firstSortFailure, minrun, Unordered } from '../../server/src/source/heat/pySort';

const CASES = JSON.parse(readFileSync(join(__dirname, '..', '..', 'scripts', 'heat-hunt26-sort-templates.json'), 'utf8')) as Array<HeatCase & { heat: HeatOracle }>;

for (const c of CASES) {
  test(`hunt 26: ${c.id} as Heat 19.0.0 answers it`, () => {
    const { diffs } = compareWithOracle(c, c.heat);
    if (!diffs.length) return;
    // a failure in a merge: str_replace is not evaluated (a note), never another refusal
    const t = heatSources(c.template)[0].translation;
    assert.ok(c.id.startsWith('sort-params-'), diffs.join('\n'));
    assert.equal(t.error, null, diffs.join('\n'));
    assert.ok(t.notes.some((n) => /several key types/.test(n.message)), diffs.join('\n'));
  });
}

test('hunt 26: 38 of the 40 templates are Heat\'s answer', () => {
  assert.ok(CASES.filter((c) => !compareWithOracle(c, c.heat).diffs.length).length >= 38);
});

test('CPython\'s minrun, and which comparison fails first (Python 3.11 on the same lists: the pairs in the comments)', () => {
  assert.deepEqual([63, 64, 65, 127, 128, 200, 1000].map(minrun), [63, 32, 33, 64, 32, 50, 63]);
  const lt = (x: string | number, y: string | number) => { if (typeof x !== typeof y) throw new Unordered(x, y); return x < y; };
  // 200 ascending str then an int: one natural run, the int met while counting it (Python: items 200 and 199)
  const sorted = Array.from({ length: 200 }, (_, i) => `n${String(i).padStart(3, '0')}`);
  assert.deepEqual(firstSortFailure([...sorted, 5], lt), { failed: new Unordered<string | number>(5, 'n199') });
  // 200 shuffled str then an int: runs of 50, the int met only in a merge (Python: items 200 and 155)
  let x = 7;
  const r = () => { x ^= x << 13; x >>>= 0; x ^= x >> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
  const shuffled = Array.from({ length: 200 }, () => `n${String(Math.floor(r() * 1e6)).padStart(7, '0')}`);
  assert.equal(firstSortFailure([...shuffled, 5], lt), 'unknown');
  // the int at 60: met inside the second run, before any merge (Python: items 60 and 55)
  assert.deepEqual(firstSortFailure([...shuffled.slice(0, 60), 5, ...shuffled.slice(60)], lt), { failed: new Unordered<string | number>(5, shuffled[55]) });
});
