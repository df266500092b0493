/**
 * Hunt 41: yaql refusals whose words print a lazy result (`<map object at 0x7f…>`: a select, an
 * attribute over a collection; `<filter object at 0x7f…>`: a where), a method called on one that
 * does not take it, compared with yaql 2.0.0 as Heat 19 runs it (scripts/heat-hunt26-yaql-direct.py)
 * through scripts/heat-hunt26-yaql-direct.ts's reading of bdm-lab's answer. The object's address
 * is the Python process's: bdm-lab writes it `0x…`, and a message is the same when all but the
 * address is (scripts/heat-hunt26-yaql-direct.ts same). Receivers, methods and data are drawn with a fixed seed.
 *
 *     node --import tsx scripts/heat-hunt41-yaql.ts [SEED] [COUNT] [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt41/yaql-labels.json, which test/unit/heat-hunt41.test.ts reads)
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './xorshift-rng';
import { mine, same } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';

const RECEIVERS = ['$.data.x', '$.data.select($)', '$.data.where($ != null)', '$.data.select($.x)', '$.data.x.select($)', '$.data.where(true).select($)', '$.data.select($).where($ != 0)', '$.data.vols', '$.data.map($)', '$.data.filter(true)', '$.data.skip(0)', '$.data.take(1)', '$.data.distinct()', '$.data.x.where($ != 1)'];
const METHODS = ['get(1)', 'toUpper()', 'substring(1)', 'mergeWith({})', 'aggregate()', 'len()', 'first()', 'join(",")', 'keys()', 'split(",")', 'toLower()', 'indexOf(1)', 'lastIndexOf(1)', 'startsWith("a")', 'replace("a", "b")', 'trim()', 'values()', 'sum()', 'get(a)', 'items()', 'toList()', 'count()', 'format(1)', 'matches("a")', 'dict()', 'set(1)', 'toDict($)'];
const DATA: unknown[] = [[{ x: 1 }], [{ x: 'a' }, { x: 'b' }], ['v1'], [1, 2], [{ y: 1 }], [{ x: null }], { vols: ['a'] }, [], ['a', null]];

export function yaqlCases(seed: number, count: number): Array<[string, unknown]> {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: count }, () => [`${pick(RECEIVERS)}.${pick(METHODS)}`, pick(DATA)] as [string, unknown]);
}

if (require.main === module) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seed = Number(args[0] ?? 4111);
  const count = Number(args[1] ?? 300);
  const cases = yaqlCases(seed, count);
  const heat = labelYaql(cases);
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt41', 'yaql-labels.json'), `[\n${cases.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
  let agree = 0; let notes = 0; let lazyWords = 0;
  cases.forEach(([e, d], i) => {
    const m = mine(e, d);
    if (/object at 0x/.test(heat[i].error ?? '')) lazyWords++;
    if (m !== undefined && same(m, heat[i])) { agree++; return; }
    if (m === undefined) { notes++; if (process.argv.includes('--notes')) console.log(`NOTE ${e} ${JSON.stringify(d)}: yaql ${JSON.stringify(heat[i])}`); return; }
    console.log(`DIFFER ${e} ${JSON.stringify(d)}: bdm-lab ${JSON.stringify(m)} yaql ${JSON.stringify(heat[i])}`);
  });
  console.log(`seed ${seed}: ${agree}/${cases.length} agree (${notes} notes, ${cases.length - agree - notes} differ; yaql prints a lazy result in ${lazyWords})`);
}
