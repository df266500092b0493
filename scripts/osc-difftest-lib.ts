/**
 * The comparison shared by the openstack-CLI differential tests (scripts/osc-hunt24-difftest.ts,
 * scripts/osc-hunt26-difftest.ts): for each script, the `openstack server create` and `server add
 * volume` commands bdm-lab finds against those bash ran (the labeller's runs: argv and the
 * OS_COMPUTE_API_VERSION the program saw). Each side is written `words @microversion => outcome`
 * (the body's digest or OSC's refusal): bash's runs as bdm-lab translates `openstack ARGV` given the
 * value the program saw, against bdm-lab's findings in the script. A command bash runs more than
 * once alike counts once, as bdm-lab gives each distinct finding once; the lists are compared as
 * sets (order aside: a job started with `&` runs beside what follows it).
 */
import { createHash } from 'node:crypto';
import type { OscCommand, Word, findServerCreates } from '../server/src/source/oscCli';

export type OscCase = { id: string; script: string };
export type OscBashRuns = { runs: Array<{ argv: string[]; mv: string | null }> };

const once = (xs: string[]) => [...new Set(xs)].sort();
const quote = (s: string) => (/^[\w.=,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
/** a finding written `words @microversion => outcome` (the body's digest, or OSC's refusal) */
const describe = (x: OscCommand | undefined): string => {
  if (!x) return 'not a command';
  const t = x.translation;
  const out = t.error ? `refused: ${t.error.message.slice(0, 60)}` : `body ${createHash('sha1').update(JSON.stringify(t.body)).digest('hex').slice(0, 8)}`;
  return `${x.words.map((w: Word) => w.value).join(' ')} @${t.microversion} => ${out}`;
};
const isOsc = (a: string[]) => a[0] === 'server' && (a[1] === 'create' || (a[1] === 'add' && a[2] === 'volume'));

/**
 * Compares each case (printing the ones that disagree, or all with `verbose`), prints the tally
 * and sets the exit code: 1 when any disagrees. `find` is bdm-lab's findServerCreates (of this
 * tree or another one's).
 */
export function compareWithBash(find: typeof findServerCreates, cases: OscCase[], oracle: Record<string, OscBashRuns>, verbose: boolean): void {
  /** a run bash recorded, as bdm-lab translates `openstack ARGV` run with the value the program saw */
  const asRun = (argv: string[], v: string | null): string => {
    const env = v === null ? '' : `OS_COMPUTE_API_VERSION=${quote(v)} `;
    return describe(find(`${env}openstack ${argv.map(quote).join(' ')}\n`, 'shell')[0]);
  };
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
