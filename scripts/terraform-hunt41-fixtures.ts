/**
 * Hunt 41: writes test/fixtures/terraform-hunt41 from a labelled run: the cases whose indices are
 * listed in FIXED (disagreed before this round, agree after), and every STEP-th of the others that
 * agreed before (a sample), each with `from`, and terraform's line for each.
 * `node --import tsx scripts/terraform-hunt41-fixtures.ts CASES.jsonl ORACLE.jsonl SEED FIXED_IDX BEFORE_IDX STEP [DIR]`
 * (DIR: default test/fixtures/terraform-hunt41; hunt 42 wrote test/fixtures/terraform-hunt42 with it)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const [casesF, oracleF, seed, fixedF, beforeF, stepArg, dir = 'test/fixtures/terraform-hunt41'] = process.argv.slice(2);
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
const cases = lines(casesF);
const rows = lines(oracleF);
const fixed = new Set(lines(fixedF).map(Number));
const before = new Set(lines(beforeF).map(Number));
const step = Number(stepArg);
const out: string[] = [];
const oracle: string[] = [];
let k = 0;
cases.forEach((c, i) => {
  const isFixed = fixed.has(i);
  if (!isFixed && (before.has(i) || k++ % step !== 0)) return;
  out.push(JSON.stringify({ ...JSON.parse(c), from: `seed ${seed} case ${i}${isFixed ? '' : ' (agreed before)'}` }));
  oracle.push(rows[i]);
});
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/cases.jsonl`, `${out.join('\n')}\n`);
writeFileSync(`${dir}/oracle.jsonl`, `${oracle.join('\n')}\n`);
console.log(`${out.length} cases`);
