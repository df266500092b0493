/**
 * Differential test of the openstack CLI source against OSC's own code: given cases
 * ([{id, line}]) and the osc-oracle's answers for them ({id: {argv, result}}), compare the words,
 * the stage and words of a refusal, or the body and microversion sent, and print the differences.
 * Usage: node --import tsx scripts/osc-difftest.ts CASES.json ORACLE.json
 * (test/unit/osc-cli.test.ts --label shows how the oracle's answers are made.)
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { findServerCreates, splitCommands } from '../server/src/source/oscCli';
import { withOracleIds } from '../test/fixtures/osc/oracleIds';


const STAGE: Record<string, string> = { 'osc-argparse': 'osc-argparse', osc: 'osc', 'osc-or-novaclient': 'novaclient' };
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; line: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, { argv: string[]; result: { stage: string; error?: string; nova_body?: unknown; microversion_header?: Record<string, string> } }>;
let bad = 0;
for (const c of cases) {
  const o = oracle[c.id];
  const diffs: string[] = [];
  const words = splitCommands(c.line)[0]?.words.map((w) => w.value) ?? [];
  if (!isDeepStrictEqual(words, o.argv)) diffs.push(`words ${JSON.stringify(words)} != ${JSON.stringify(o.argv)}`);
  const t = findServerCreates(c.line, 'shell')[0]?.translation;
  if (!t) diffs.push('no command found');
  else if (o.result.stage === 'sent') {
    if (t.error) diffs.push(`we refuse (${t.error.message}); OSC sends`);
    else {
      if (!isDeepStrictEqual(withOracleIds(t), o.result.nova_body)) diffs.push(`body ${JSON.stringify(withOracleIds(t))} != ${JSON.stringify(o.result.nova_body)}`);
      if (t.microversion !== o.result.microversion_header?.['X-OpenStack-Nova-API-Version']) diffs.push('microversion');
    }
  } else {
    const msg = o.result.error!.replace(/^(ArgumentTypeError|CommandError|ValueError): /, '');
    if (!t.error) diffs.push(`we send; OSC refuses at ${o.result.stage}: ${msg}`);
    else if (t.error.stage !== STAGE[o.result.stage] || t.error.message !== msg) diffs.push(`refusal ${t.error.stage} ${JSON.stringify(t.error.message)} != ${o.result.stage} ${JSON.stringify(msg)}`);
  }
  if (diffs.length) { bad++; console.log(`${c.id}: ${c.line}\n  ${diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad}/${cases.length} agree`);
process.exitCode = bad ? 1 : 0;
