/**
 * Hunt 24's differential test: for each script of scripts/osc-hunt24-generate.mjs (or a hand
 * table), the `openstack server create` and `server add volume` commands bdm-lab finds against
 * those bash ran (scripts/osc-hunt24-label.py: argv and the OS_COMPUTE_API_VERSION the program
 * saw). Each side is written `words @microversion => outcome` (the body's digest or OSC's
 * refusal): bash's runs as bdm-lab translates `openstack ARGV` given the value the program saw (the
 * translation itself is checked against the osc-oracle elsewhere), against bdm-lab's findings in
 * the script. A command bash runs more than once alike counts once, as
 * bdm-lab gives each distinct finding once; the lists are compared as sets. With -v, each script's two lists are printed.
 * Usage: node --import tsx scripts/osc-hunt24-difftest.ts CASES.json ORACLE.json [-v]
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { findServerCreates, type OscCommand, type Word } from '../server/src/source/oscCli';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; script: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, { runs: Array<{ argv: string[]; mv: string | null }>; rc: unknown }>;
const verbose = process.argv.includes('-v');
// order aside (a job started with `&` runs beside what follows it)
const once = (xs: string[]) => [...new Set(xs)].sort();
const quote = (s: string) => (/^[\w.=,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
/** a finding written `words @microversion => outcome` (the body's digest, or OSC's refusal) */
const describe = (x: OscCommand | undefined): string => {
  if (!x) return 'not a command';
  const t = x.translation;
  const out = t.error ? `refused: ${t.error.message.slice(0, 60)}` : `body ${createHash('sha1').update(JSON.stringify(t.body)).digest('hex').slice(0, 8)}`;
  return `${x.words.map((w: Word) => w.value).join(' ')} @${t.microversion} => ${out}`;
};
/** a run bash recorded, as bdm-lab translates `openstack ARGV` run with the value the program saw */
const asRun = (argv: string[], v: string | null): string => {
  const env = v === null ? '' : `OS_COMPUTE_API_VERSION=${quote(v)} `;
  return describe(findServerCreates(`${env}openstack ${argv.map(quote).join(' ')}\n`, 'shell')[0]);
};
const isOsc = (a: string[]) => a[0] === 'server' && (a[1] === 'create' || (a[1] === 'add' && a[2] === 'volume'));
let bad = 0;
for (const c of cases) {
  const want = once(oracle[c.id].runs.filter((r) => isOsc(r.argv)).map((r) => asRun(r.argv, r.mv)));
  const got = once(findServerCreates(c.script, 'shell').map(describe));
  const same = JSON.stringify(want) === JSON.stringify(got);
  if (!same) bad++;
  if (!same || verbose) console.log(`${same ? 'ok ' : 'BAD'} ${c.id}: ${JSON.stringify(c.script)}\n  bash:    ${want.join(' | ')}\n  bdm-lab: ${got.join(' | ')}`);
}
console.log(`${cases.length - bad}/${cases.length} agree; ${bad} disagree`);
process.exitCode = bad ? 1 : 0;
