/**
 * Hunt 26's differential test (hunt 24's: scripts/osc-hunt24-difftest.ts): for each script, the
 * `openstack server create` and `server add volume` commands bdm-lab finds against those bash ran
 * in either of the labeller's two worlds (scripts/osc-hunt26-label.py: a command that may run is
 * one that ran in some world), each written `words @microversion => outcome`, compared as sets.
 * `--src DIR`: take bdm-lab from another tree's server/src (an older version, for the figures
 * before a change: `git archive HEAD server/src | tar -x -C DIR`). With -v, each script's lists.
 * Usage: node --import tsx scripts/osc-hunt26-difftest.ts CASES.json ORACLE.json [--src DIR] [-v]
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OscCommand, Word } from '../server/src/source/oscCli';

const args = process.argv.slice(2);
const srcAt = args.indexOf('--src');
const src = srcAt >= 0 ? resolve(args[srcAt + 1], 'server/src') : resolve(__dirname, '../server/src');
const cases = JSON.parse(readFileSync(args[0], 'utf8')) as Array<{ id: string; script: string }>;
const oracle = JSON.parse(readFileSync(args[1], 'utf8')) as Record<string, { runs: Array<{ argv: string[]; mv: string | null }> }>;
const verbose = args.includes('-v');

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(resolve(src, 'source/oscCli/index.ts')).href)) as typeof import('../server/src/source/oscCli');
  const find = mod.findServerCreates;
  const once = (xs: string[]) => [...new Set(xs)].sort();
  const quote = (s: string) => (/^[\w.=,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const describe = (x: OscCommand | undefined): string => {
    if (!x) return 'not a command';
    const t = x.translation;
    const out = t.error ? `refused: ${t.error.message.slice(0, 60)}` : `body ${createHash('sha1').update(JSON.stringify(t.body)).digest('hex').slice(0, 8)}`;
    return `${x.words.map((w: Word) => w.value).join(' ')} @${t.microversion} => ${out}`;
  };
  const asRun = (argv: string[], v: string | null): string => describe(find(`${v === null ? '' : `OS_COMPUTE_API_VERSION=${quote(v)} `}openstack ${argv.map(quote).join(' ')}\n`, 'shell')[0]);
  const isOsc = (a: string[]) => a[0] === 'server' && (a[1] === 'create' || (a[1] === 'add' && a[2] === 'volume'));
  let bad = 0;
  for (const c of cases) {
    const want = once(oracle[c.id].runs.filter((r) => isOsc(r.argv)).map((r) => asRun(r.argv, r.mv)));
    const got = once(find(c.script, 'shell').map(describe));
    const same = JSON.stringify(want) === JSON.stringify(got);
    if (!same) bad++;
    if (!same || verbose) console.log(`${same ? 'ok ' : 'BAD'} ${c.id}: ${JSON.stringify(c.script)}\n  bash:    ${want.join(' | ')}\n  bdm-lab: ${got.join(' | ')}`);
  }
  console.log(`${cases.length - bad}/${cases.length} agree; ${bad} disagree`);
  process.exitCode = bad ? 1 : 0;
}
void main();
