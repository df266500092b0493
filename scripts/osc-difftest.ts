/**
 * Differential test of the openstack CLI source against OSC's own code: given cases
 * ([{id, line}]) and the osc-oracle's answers for them ({id: {argv, result, nova?}}), compare the
 * words, the stage and words of a refusal, or the body and microversion sent, and print the
 * differences; where the answers hold Nova's verdict on the body sent (scripts/osc-label.py
 * writes it), bdm-lab's verdict on the command is compared with it too.
 * Usage: node --import tsx scripts/osc-difftest.ts CASES.json ORACLE.json
 * Cases come from test/fixtures/osc/cases.json or `node scripts/osc-generate.mjs N SEED`;
 * `node --import tsx test/unit/osc-cli.test.ts --label` shows how the oracle's answers are made.
 */
import { readFileSync } from 'node:fs';
import { compareWithOracle, type OracleAnswer } from '../test/fixtures/osc/compare';
import { withOracleIdsIn } from '../test/fixtures/osc/oracleIds';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

type Nova = { valid: boolean; http_status: number; message?: string } | null;
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; line: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, OracleAnswer & { nova?: Nova }>;
// the flavor scripts/osc-label.py gives the nova-oracle
const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
let bad = 0;
let judged = 0;
for (const c of cases) {
  const o = oracle[c.id];
  const diffs = compareWithOracle(c.line, o);
  if (!diffs.length && o.nova) {
    judged++;
    const a = analyzeDocument(c.line, 'shell', ctx);
    if (a.valid !== o.nova.valid) diffs.push(`Nova says ${o.nova.valid ? 'valid' : `${o.nova.http_status} ${o.nova.message}`}; bdm-lab ${a.verdict?.code} ${a.verdict?.message ?? ''}`);
    else if (!o.nova.valid && withOracleIdsIn(c.line, a.verdict?.message) !== o.nova.message) diffs.push(`Nova's words ${JSON.stringify(o.nova.message)} != ${JSON.stringify(a.verdict?.message)}`);
  }
  if (diffs.length) { bad++; console.log(`${c.id}: ${c.line}\n  ${diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad}/${cases.length} agree (${judged} of them judged by Nova too)`);
process.exitCode = bad ? 1 : 0;
