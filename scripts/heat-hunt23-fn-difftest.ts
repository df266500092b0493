/**
 * Hunt 23's differential test of `digest` and `make_url` (scripts/heat-hunt23-fn-gen.ts): each
 * template compared with Heat 19's own answers (test/fixtures/heat/compare.ts). Heat's words that
 * print a Python set (digest's "Algorithm must be one of {...}", make_url's invalid keys) list it in
 * the order of the Heat process's string hashing: the labels are put in bdm-lab's order when the
 * set is the same.
 * Usage: node --import tsx scripts/heat-hunt23-fn-difftest.ts CASES.json ORACLE.json [--label] [--only=ID]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../test/fixtures/heat/compare';
import { labelHeatCases } from '../test/fixtures/heat/label';
import { normaliseSetWords } from './heat-hunt23-fn-lib';

const [casesFile, oracleFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as HeatCase[];
if (process.argv.includes('--label') || !existsSync(oracleFile)) writeFileSync(oracleFile, JSON.stringify(labelHeatCases(cases, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 }), null, 1) + '\n');
const oracle = JSON.parse(readFileSync(oracleFile, 'utf8')) as Record<string, HeatOracle>;
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

let bad = 0; let undecided = 0;
for (const c of cases) {
  if (only && c.id !== only) continue;
  let r: ReturnType<typeof compareWithOracle>;
  try { r = compareWithOracle(c, normaliseSetWords(oracle[c.id], c.template)); } catch (e) { r = { diffs: [`CRASH ${(e as Error).stack}`], servers: 0 }; }
  if (r.undecided) { undecided++; continue; }
  if (r.diffs.length) { bad++; console.log(`${c.id}${c.params ? ' ' + JSON.stringify(c.params) : ''}:\n  ${r.diffs.join('\n  ')}`); }
}
const n = only ? 1 : cases.length;
console.log(`${n - bad - undecided}/${n - undecided} templates agree${undecided ? `; ${undecided} not compared` : ''}`);
process.exitCode = bad ? 1 : 0;
