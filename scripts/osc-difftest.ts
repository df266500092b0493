/**
 * Differential test of the openstack CLI source against OSC's own code: given cases
 * ([{id, line}]) and the osc-oracle's answers for them ({id: {argv, result}}), compare the words,
 * the stage and words of a refusal, or the body and microversion sent, and print the differences.
 * Usage: node --import tsx scripts/osc-difftest.ts CASES.json ORACLE.json
 * Cases come from test/fixtures/osc/cases.json or `node scripts/osc-generate.mjs N SEED`;
 * `node --import tsx test/unit/osc-cli.test.ts --label` shows how the oracle's answers are made.
 */
import { readFileSync } from 'node:fs';
import { compareWithOracle, type OracleAnswer } from '../test/fixtures/osc/compare';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; line: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, OracleAnswer>;
let bad = 0;
for (const c of cases) {
  const diffs = compareWithOracle(c.line, oracle[c.id]);
  if (diffs.length) { bad++; console.log(`${c.id}: ${c.line}\n  ${diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad}/${cases.length} agree`);
process.exitCode = bad ? 1 : 0;
