/**
 * Differential test of the Heat source against Heat's own code: given cases
 * ([{id, template, params?, microversion?}]) and the heat-oracle's answers for them
 * ({id: {servers: {name: {stage, error?, nova_body?, microversion_header?}}}}), compare per
 * server the stage and words of Heat's refusal, or the body and microversion sent, field by
 * field, and print the differences.
 * Usage: node --import tsx scripts/heat-difftest.ts CASES.json ORACLE.json
 * (test/unit/heat.test.ts --label shows how the oracle's answers are made; scripts/heat-gen.ts
 * generates cases.)
 */
import { readFileSync } from 'node:fs';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../test/fixtures/heat/compare';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as HeatCase[];
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, HeatOracle>;
let bad = 0;
let servers = 0;
let undecided = 0;
for (const c of cases) {
  const r = compareWithOracle(c, oracle[c.id]);
  if (r.undecided) undecided++;
  servers += r.servers;
  if (r.diffs.length) { bad++; console.log(`${c.id}:\n  ${r.diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad - undecided}/${cases.length - undecided} templates agree (${servers} servers)${undecided ? `; ${undecided} not compared: a condition on a parameter without default, which the oracle fills and bdm-lab names instead of guessing` : ''}`);
process.exitCode = bad ? 1 : 0;
