/**
 * Hunt 22's differential test: scripts/osc-difftest.ts's comparison (words, refusal, body and
 * microversion, then Nova's verdict) on cases from scripts/osc-hunt22-generate.mjs labelled by
 * scripts/osc-label.py --bash, with the disagreements that are the oracles' own limits counted apart:
 * - `help`: the shell's -h/--help after `server create` (also shortened: `--h`, `--he`); the real
 *   `openstack` runs `openstack help server create …` (checked with /usr/bin/openstack), which the
 *   osc-oracle does not (it runs the command's parser, which prints its help or refuses `--h`);
 * - `nova-db`: Nova's verdict is a 500 from the nova-oracle having no database (an availability
 *   zone naming a host is looked up in it).
 * Usage: node --import tsx scripts/osc-hunt22-difftest.ts CASES.json ORACLE.json
 */
import { readFileSync } from 'node:fs';
import { compareWithOracle, type OracleAnswer } from '../test/fixtures/osc/compare';
import { findServerCreates } from '../server/src/source/oscCli';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';
import { withOracleIdsIn } from '../test/fixtures/osc/oracleIds';

type Nova = { valid: boolean; http_status: number; message?: string } | null;
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; line: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, OracleAnswer & { nova?: Nova }>;
const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
let bad = 0;
const limits: Record<string, number> = { help: 0, 'nova-db': 0 };
for (const c of cases) {
  const o = oracle[c.id];
  const diffs = compareWithOracle(c.line, o);
  let nova = false;
  if (!diffs.length && o.nova) {
    const a = analyzeDocument(c.line, 'shell', ctx);
    if (a.valid !== o.nova.valid) diffs.push(`Nova says ${o.nova.valid ? 'valid' : `${o.nova.http_status} ${o.nova.message}`}; bdm-lab ${a.verdict?.code} ${a.verdict?.message ?? ''}`);
    else if (!o.nova.valid && withOracleIdsIn(c.line, a.verdict?.message) !== o.nova.message) diffs.push(`Nova's words ${JSON.stringify(o.nova.message)} != ${JSON.stringify(a.verdict?.message)}`);
    nova = diffs.length > 0;
  }
  if (!diffs.length) continue;
  const ours = findServerCreates(c.line, 'shell')[0]?.translation.error?.message ?? '';
  if (/^openstack help: error: |is -h\/--help of openstack:/.test(ours)) { limits.help++; continue; }
  if (nova && /CantStartEngineError/.test(o.nova?.message ?? '')) { limits['nova-db']++; continue; }
  bad++;
  console.log(`${c.id}: ${c.line}\n  ${diffs.join('\n  ')}`);
}
console.log(`${cases.length - bad - limits.help - limits['nova-db']}/${cases.length} agree; ${bad} disagree; oracle limits: ${JSON.stringify(limits)}`);
process.exitCode = bad ? 1 : 0;
