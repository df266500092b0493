/**
 * Hunt 27's differential test: single `openstack server create` lines from
 * scripts/osc-hunt27-generate.mjs labelled by scripts/osc-hunt22-label.py --bash (the words bash
 * gives, the real shell's parser and version check, the osc-oracle, then Nova's verdict on what
 * is sent), compared as scripts/osc-difftest.ts does: words, the stage and words of a refusal, or
 * the body and microversion, then Nova's verdict and words. Disagreements are printed with a
 * class (the first difference's kind) and counted per class; apart from them, the disagreements
 * that are the labelling machine's files (OSC could not open a --user-data/--file source whose
 * presence the text alone does not decide: bdm-lab leaves it to the operator's machine).
 * Usage: node --import tsx scripts/osc-hunt27-difftest.ts CASES.json ORACLE.json [-q]
 */
import { readFileSync } from 'node:fs';
import { compareWithOracle, type OracleAnswer } from '../test/fixtures/osc/compare';
import { withOracleIdsIn } from '../test/fixtures/osc/oracleIds';
import { knownPath } from '../server/src/source/oscCli/translate';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

type Nova = { valid: boolean; http_status: number; message?: string } | null;
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; line: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, OracleAnswer & { nova?: Nova }>;
const quiet = process.argv.includes('-q');
const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
const classes: Record<string, number> = {};
let bad = 0;
let machine = 0;
for (const c of cases) {
  const o = oracle[c.id];
  const diffs = compareWithOracle(c.line, o);
  if (!diffs.length && o.nova) {
    const a = analyzeDocument(c.line, 'shell', ctx);
    if (a.valid !== o.nova.valid) diffs.push(`nova: Nova says ${o.nova.valid ? 'valid' : `${o.nova.http_status} ${o.nova.message}`}; bdm-lab ${a.verdict?.code} ${a.verdict?.message ?? ''}`);
    else if (!o.nova.valid && withOracleIdsIn(c.line, a.verdict?.message) !== o.nova.message) diffs.push(`nova-words: ${JSON.stringify(o.nova.message)} != ${JSON.stringify(a.verdict?.message)}`);
  }
  if (!diffs.length) continue;
  const unopened = /Can't open '([^']*)': \[Errno 2\]/.exec(o.result.error ?? '');
  if (unopened && knownPath(unopened[1]) === null) { machine++; continue; }
  bad++;
  const cls = diffs[0].split(/[ :]/)[0];
  classes[cls] = (classes[cls] ?? 0) + 1;
  if (!quiet) console.log(`${c.id} [${cls}]: ${c.line}\n  ${diffs.join('\n  ')}`);
}
console.log(`${cases.length - bad - machine}/${cases.length} agree; ${bad} disagree ${JSON.stringify(classes)}; ${machine} the machine's files`);
process.exitCode = bad ? 1 : 0;
