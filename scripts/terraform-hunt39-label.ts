/**
 * Hunt 39: for each case of CASES.jsonl, whether bdm-lab's answer agrees with the oracle's line in
 * ORACLE.jsonl (scripts/terraform-hunt39-oracle, judged as scripts/terraform-hunt39-compare.ts judges
 * it: the first answer only), one JSON line per case: `{expr, type?, default?, agree, oracle}`. Run
 * in two trees to pick the cases a change fixed for a fixture:
 * `node --import tsx scripts/terraform-hunt39-label.ts CASES.jsonl ORACLE.jsonl > verdicts.jsonl`
 */
import { readFileSync } from 'node:fs';
import { theirs } from './terraform-hunt32-compare';
import { readRow } from './terraform-hunt38-label';
import { ours39, type Case } from './terraform-hunt39-compare';

const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean);
cases.forEach((c, i) => {
  let got: string;
  try { got = ours39(c); } catch (err) { got = `THROW ${(err as Error).message}`; }
  console.log(JSON.stringify({ ...c, agree: got === theirs(readRow(rows[i]))[0], oracle: rows[i] }));
});
