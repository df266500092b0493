/**
 * Hunt 42: yaql methods on lazy results hunt 41 left as notes, compared with yaql 2.0.0 as Heat 19
 * runs it (scripts/heat-hunt26-yaql-direct.py, through scripts/heat-hunt35-yaql.ts's labelYaql):
 * `matches` and `format` (whose overloads take a text, or a regex() object or a datetime, which
 * bdm-lab does not make) on a map, filter, islice or generator; and a method on a select or where
 * whose lambda fails on an item (`$.data.select($.x)` over items without x): Python's map raises
 * that only when something reads the item, so a receiver check comes first. Receivers, methods and
 * data are drawn with a fixed seed, from other pools than hunt 41's.
 *
 *     node --import tsx scripts/heat-hunt42-yaql.ts [SEED] [COUNT] [--label] [--notes]
 *
 * (`--label` writes test/fixtures/heat-hunt42/yaql-labels.json, which test/unit/heat-hunt42.test.ts reads)
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './xorshift-rng';
import { mine, same } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';

const RECEIVERS = ['$.data.select($.x)', '$.data.where($.x > 0)', '$.data.select($.x.y)', '$.data.select($ + 1)', '$.data.where($.x = 1)', '$.data.select($).select($.x)', '$.data.take(2)', '$.data.distinct()', '$.data.x', '$.data.skip(1).select($.x)', '$.data.where(true)', '$.data.select(str($))', "'abc'", '$.data.first()', '$.data.select($.x).where($ != null)'];
const METHODS = ['matches("a")', 'matches("^a$")', 'format(1)', 'format()', 'format(a => 1)', 'trim()', 'keys()', 'values()', 'toUpper()', 'first()', 'toList()', 'len()', 'count()', 'get(0)', 'take(1).toList()', 'join("-")', 'sum()', 'matches(1)', 'items()', 'split("a")'];
const DATA: unknown[] = [[{ x: 1 }, { y: 2 }], [{ y: 1 }], [{ x: 'a' }, { x: 'b' }], [1, 2, 3], ['a', 'b'], [{ x: { y: 1 } }, { x: 2 }], [], [{ x: 0 }, { x: 1 }], ['abc'], [null]];

export function yaqlCases(seed: number, count: number): Array<[string, unknown]> {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: count }, () => [`${pick(RECEIVERS)}.${pick(METHODS)}`, pick(DATA)] as [string, unknown]);
}

if (require.main === module) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seed = Number(args[0] ?? 4211);
  const count = Number(args[1] ?? 300);
  const cases = yaqlCases(seed, count);
  const heat = labelYaql(cases);
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt42', 'yaql-labels.json'), `[\n${cases.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
  let agree = 0; let notes = 0;
  cases.forEach(([e, d], i) => {
    const m = mine(e, d);
    if (m !== undefined && same(m, heat[i])) { agree++; return; }
    if (m === undefined) { notes++; if (process.argv.includes('--notes')) console.log(`NOTE ${e} ${JSON.stringify(d)}: yaql ${JSON.stringify(heat[i])}`); return; }
    console.log(`DIFFER ${e} ${JSON.stringify(d)}: bdm-lab ${JSON.stringify(m)} yaql ${JSON.stringify(heat[i])}`);
  });
  console.log(`seed ${seed}: ${agree}/${cases.length} agree (${notes} notes, ${cases.length - agree - notes} differ)`);
}
