/**
 * Hunt 23's differential test: for each script of scripts/osc-hunt23-generate.mjs, the
 * `openstack server create` commands bdm-lab finds (their words, and the microversion they are
 * translated at) against those bash ran (scripts/osc-hunt23-label.py: argv and the
 * OS_COMPUTE_API_VERSION the program saw; unset or empty is OSC's default, 2.1). A command bash
 * runs more than once alike (a function's body at several calls) counts once, as bdm-lab gives
 * each distinct finding once: both lists keep each run's first time.
 * Usage: node --import tsx scripts/osc-hunt23-difftest.ts CASES.json ORACLE.json
 */
import { readFileSync } from 'node:fs';
import { findServerCreates, OSC_DEFAULT_MICROVERSION } from '../server/src/source/oscCli';
import { clientMicroversion } from '../server/src/source/oscCli/translate';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; script: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, { runs: Array<{ argv: string[]; mv: string | null }>; rc: unknown }>;
const mvOf = (v: string | null) => {
  const c = clientMicroversion(v || OSC_DEFAULT_MICROVERSION);
  return 'error' in c ? `error(${v})` : c.microversion;
};
const once = (xs: string[]) => [...new Set(xs)];
let bad = 0;
for (const c of cases) {
  const want = once(oracle[c.id].runs.filter((r) => r.argv[0] === 'server' && r.argv[1] === 'create').map((r) => `${r.argv.join(' ')} @${mvOf(r.mv)}`));
  const got = once(findServerCreates(c.script, 'shell').map((x) => `${x.words.map((w) => w.value).join(' ')} @${x.translation.microversion}`));
  if (JSON.stringify(want) === JSON.stringify(got)) continue;
  bad++;
  console.log(`${c.id}: ${JSON.stringify(c.script)}\n  bash:    ${want.join(' | ')}\n  bdm-lab: ${got.join(' | ')}`);
}
console.log(`${cases.length - bad}/${cases.length} agree; ${bad} disagree`);
process.exitCode = bad ? 1 : 0;
