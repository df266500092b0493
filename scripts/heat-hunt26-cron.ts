/**
 * Hunt 26: Heat's `cron_expression` constraint (croniter 1.3.5) on values with random `r` hashes
 * and the day of week's `n#k` / `l<n>` forms, against formConstraint (cronExpression.ts). Heat's
 * classes run RUNS times (scripts/heat-hunt25-direct.py, a new process each: a new random crc):
 * a value whose answer changes between runs is random, and bdm-lab must not decide it.
 * Prints agree / note / differ, and with --label FILE writes the values and Heat's answers.
 *
 *     node --import tsx scripts/heat-hunt26-cron.ts [SEED] [COUNT] [RUNS] [--label FILE]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { formConstraint } from '../server/src/source/heat/formConstraints';
import { rng } from './heat-hunt26-yaql-cases';

export const CRON_EDGES = [
  'r * * * *', 'R * * * *', 'r(0-5) * * * *', 'r(5-0) * * * *', 'r(3-2) * * * *', 'r(1-1) * * * *', 'r(0-99) * * * *', 'r/5 * * * *', 'r/0 * * * *',
  'r/99 * * * *', 'r(1-30)/7 * * * *', 'r(30-10)/5 * * * *', 'r(0-59)/0 * * * *', 'r(10-20)/100 * * * *', '* * r * *', '* * * r *', '* * * * r', '* * * * * r',
  '* r(0-30) * * *', '* * r(0-3) * *', '* * * r(0-12) *', '* * * * r(0-7)', '* * * * r(6-8)', 'r r * * *', 'r(0-1)/1 * * * *', 'r,1 * * * *', 'h * * * *',
  '* * * * 1#2', '* * * * mon#1', '* * * * sun#5', '* * * * 1#6', '* * * * 1#0', '* * * * 7#1', '* * * * l5', '* * * * l7', '* * * * l8', '* * * * L0',
  '* * * * fri#3,1', '* * * * 1#2,1', '* * * * *,2#1', '* * * * x#1', '* * * * l#2', '* * * * 1#2x', '* * * * 0-6,1#1', '* * * * 1#05', '* * * * 1#2,2#3',
  '* * * * l1,l2', '* * * * 1#2 60', '* * * * 1#2,3 x', '* * * * 1-2#2', '* * * * 1#2-3', '* * * * */2,1#1', '* * * * mon#1,tue', '0 0 * * * 1#1',
  '* * * 1#2 *', '* * 1#2 * *', '* * * * l', '* * * * l-5', '* * * * 1#', '* * * * #1', '* * * * 1##2', '* * * * 1_0#1', 'r(0-4) * * * 1#2,3',
];

export function cronValues(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const field = () => pick(['*', '0', '5', 'r', 'r(0-5)', 'r(5-1)', 'r/7', 'r/0', 'r(1-9)/3', 'r(50-70)', 'r/70', '1-5', '*/5', 'h']);
  const dow = () => pick(['*', '1#2', 'mon#5', 'sun#0', '7#1', 'l5', 'l9', '1', '1-5', 'x#1', '1#6', '2#1,2', '3#1,4', '*,1#1', 'r', 'r(0-9)', 'l0', '1#2x']);
  const out = [...CRON_EDGES];
  while (out.length < CRON_EDGES.length + count) {
    const six = r() < 0.3;
    const v = [field(), pick(['*', '0', 'r', 'r(20-30)']), pick(['*', '1', 'r', 'l', 'r(0-31)']), pick(['*', '1', 'r', 'r(10-13)']), dow(), ...(six ? [field()] : [])].join(' ');
    out.push(r() < 0.2 ? v.toUpperCase() : v);
  }
  return out;
}

if (require.main === module) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seed = Number(args[0] ?? 26);
  const count = Number(args[1] ?? 400);
  const runs = Number(args[2] ?? 4);
  const values = cronValues(count, seed);
  const pairs = values.map((v) => ['cron_expression', v]);
  const answers = Array.from({ length: runs }, () => JSON.parse(execFileSync('/usr/bin/python3', [`${__dirname}/heat-hunt25-direct.py`], { input: JSON.stringify(pairs), maxBuffer: 1 << 28 }).toString()) as Array<string | null>);
  let agree = 0; let note = 0; let differ = 0; let random = 0;
  const labels: Array<[string, string | null | 'random']> = [];
  values.forEach((v, k) => {
    const heat = new Set(answers.map((a) => a[k]));
    const mine = formConstraint('cron_expression', v);
    labels.push([v, heat.size > 1 ? 'random' : answers[0][k]]);
    if (heat.size > 1) {
      random++;
      if (mine !== undefined) { differ++; console.log(`DIFFER ${JSON.stringify(v)}: bdm-lab ${JSON.stringify(mine)}, Heat random: ${JSON.stringify([...heat])}`); }
      return;
    }
    if (mine === undefined) { note++; if (process.argv.includes('--notes')) console.log(`NOTE ${JSON.stringify(v)}: heat ${JSON.stringify(answers[0][k])}`); return; }
    if (mine === answers[0][k]) { agree++; return; }
    differ++;
    console.log(`DIFFER ${JSON.stringify(v)}: bdm-lab ${JSON.stringify(mine)}, Heat ${JSON.stringify(answers[0][k])}`);
  });
  const label = process.argv.indexOf('--label');
  if (label > 0) writeFileSync(process.argv[label + 1], `{"seed": ${seed}, "count": ${count}, "runs": ${runs}, "values": [\n${labels.map((x) => JSON.stringify(x)).join(',\n')}\n]}\n`);
  console.log(`values ${values.length} (random in Heat: ${random}): agree ${agree}  note ${note}  differ ${differ}`);
}
