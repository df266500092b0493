/**
 * Differential test of `openstack server add volume` lines against OSC's own code: given cases
 * ([{id, line}]) and the answers of test/fixtures/osc-add-volume/label.py for them, compare the
 * words, the stage and words of a refusal, or the volumeAttachment body and microversion; then
 * Nova's verdict (shared/tools/nova-oracle, run here) on every body sent with bdm-lab's.
 * Usage: node --import tsx scripts/osc-add-volume-difftest.ts CASES.json LABELS.json
 * (LABELS from `PYTHONHASHSEED=0 /usr/bin/python3 test/fixtures/osc-add-volume/label.py CASES.json`)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { findServerCreates, splitCommands } from '../server/src/source/oscCli';
import { withOracleIds } from '../test/fixtures/osc/oracleIds';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

interface Label { argv: string[]; result: { stage: string; error?: string; nova_body?: unknown; microversion?: string } }
const ROOT = resolve(__dirname, '..');
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; line: string }>;
const labels = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, Label>;

const sent = cases.filter((c) => labels[c.id].result.stage === 'sent');
const tmp = `/tmp/bdm-lab-osc-add-volume-difftest-${process.pid}.json`;
writeFileSync(tmp, JSON.stringify(sent.map((c) => ({ id: c.id, payload: labels[c.id].result.nova_body, context: { microversion: labels[c.id].result.microversion } }))));
const nova = new Map<string, { valid: boolean; http_status: number; message?: string }>();
const out = execFileSync('/usr/bin/python3', [join(ROOT, '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 28 });
for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
  const x = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
  nova.set(x.id, { valid: x.valid, http_status: x.http_status, ...(x.valid ? {} : { message: x.nova_message }) });
}

let bad = 0;
for (const c of cases) {
  const l = labels[c.id];
  const diffs: string[] = [];
  const words = splitCommands(c.line)[0].words.map((w) => w.value).filter((w) => !w.startsWith('OS_COMPUTE_API_VERSION='));
  if (!isDeepStrictEqual(words, l.argv)) diffs.push(`words ${JSON.stringify(words)} != ${JSON.stringify(l.argv)}`);
  const cmd = findServerCreates(c.line, 'shell')[0];
  const t = cmd?.translation;
  if (!t || cmd.kind !== 'add-volume') diffs.push('no add-volume command found');
  else if (l.result.stage === 'sent') {
    if (t.error) diffs.push(`we refuse (${t.error.stage}: ${t.error.message}); OSC sends`);
    else {
      if (!isDeepStrictEqual(withOracleIds(t), l.result.nova_body)) diffs.push(`body ${JSON.stringify(withOracleIds(t))} != ${JSON.stringify(l.result.nova_body)}`);
      if (t.microversion !== l.result.microversion) diffs.push(`microversion ${t.microversion} != ${l.result.microversion}`);
      const n = nova.get(c.id)!;
      const a = analyzeDocument(c.line, 'shell', defaultContext());
      if (a.valid !== n.valid) diffs.push(`Nova says ${n.valid ? 'valid' : `${n.http_status} ${n.message}`}; bdm-lab ${a.verdict?.code} ${a.verdict?.message ?? ''}`);
      else if (!n.valid && a.verdict?.message !== n.message) diffs.push(`Nova's words ${JSON.stringify(n.message)} != ${JSON.stringify(a.verdict?.message)}`);
    }
  } else if (!t.error) diffs.push(`we send; OSC refuses at ${l.result.stage}: ${l.result.error}`);
  else if (t.error.stage !== l.result.stage || t.error.message !== l.result.error) diffs.push(`refusal ${t.error.stage} ${JSON.stringify(t.error.message)} != ${l.result.stage} ${JSON.stringify(l.result.error)}`);
  if (diffs.length) { bad++; console.log(`${c.id}: ${c.line}\n  ${diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad}/${cases.length} agree (${nova.size} bodies judged by Nova)`);
process.exitCode = bad ? 1 : 0;
