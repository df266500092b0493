/**
 * Hunt 28's differential test: scripts from scripts/osc-hunt28-generate.mjs labelled by
 * scripts/osc-hunt28-label.py, compared in two steps:
 * - `shell`: the `openstack server create`/`server add volume` commands bdm-lab finds in the
 *   script against those bash ran (words @microversion => outcome, as sets: scripts/osc-difftest-lib.ts's
 *   comparison; each run is written as bdm-lab reads `OS_COMPUTE_API_VERSION=… openstack ARGV`);
 * - `osc`: each distinct `server create` bash ran, as one line, against OSC's own answer on its
 *   words (test/fixtures/osc/compare.ts: words, the stage and words of a refusal, or the body and
 *   microversion), then Nova's verdict and words on what is sent (hunt 27's comparison).
 * Disagreements are printed with a class (the step, then the first difference's kind) and counted
 * per class; apart from them, the runs where the osc-oracle's refusal is only the last line of
 * argparse's message (a word holding a newline), which OSC prints whole. `--src DIR`: bdm-lab from another tree's server/src and test/fixtures/osc (the
 * figures before a change: `git archive HEAD server/src test/fixtures/osc | tar -x -C DIR`).
 * Usage: node --import tsx scripts/osc-hunt28-difftest.ts CASES.json ORACLE.json [--src DIR] [-q]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OracleAnswer } from '../test/fixtures/osc/compare';

type Nova = { valid: boolean; http_status: number; message?: string } | null;
type Label = { runs: Array<{ argv: string[]; mv: string | null }>; rc: number | string; stderr: string; osc: Array<OracleAnswer & { nova: Nova }> };
type Osc = typeof import('../server/src/source/oscCli');

const args = process.argv.slice(2);
const srcAt = args.indexOf('--src');
const root = srcAt >= 0 ? resolve(args[srcAt + 1]) : resolve(__dirname, '..');
const quiet = args.includes('-q');
const cases = JSON.parse(readFileSync(args[0], 'utf8')) as Array<{ id: string; script: string }>;
const oracle = JSON.parse(readFileSync(args[1], 'utf8')) as Record<string, Label>;
const quote = (s: string) => (/^[\w.=,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
const isOsc = (a: string[]) => {
  const k = a.indexOf('server');
  return k >= 0 && (a[k + 1] === 'create' || (a[k + 1] === 'add' && a[k + 2] === 'volume'));
};

async function main(): Promise<void> {
  const load = async <T>(p: string): Promise<T> => (await import(pathToFileURL(resolve(root, p)).href)) as T;
  const { findServerCreates } = await load<Osc>('server/src/source/oscCli/index.ts');
  const { analyzeDocument } = await load<typeof import('../server/src/document')>('server/src/document.ts');
  const { defaultContext } = await load<typeof import('../server/src/model/context')>('server/src/model/context.ts');
  // the comparison and the oracle's ids read the same tree's bdm-lab (with --src, DIR holds test/fixtures/osc too)
  const { compareWithOracle } = await load<typeof import('../test/fixtures/osc/compare')>('test/fixtures/osc/compare.ts');
  const { withOracleIdsIn } = await load<typeof import('../test/fixtures/osc/oracleIds')>('test/fixtures/osc/oracleIds.ts');
  const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };
  const describe = (x: ReturnType<Osc['findServerCreates']>[number] | undefined): string => {
    if (!x) return 'not a command';
    const t = x.translation;
    const out = t.error ? `refused: ${t.error.message.slice(0, 60)}` : `body ${createHash('sha1').update(JSON.stringify(t.body)).digest('hex').slice(0, 8)}`;
    return `${x.words.map((w) => w.value).join(' ')} @${t.microversion} => ${out}`;
  };
  const once = (xs: string[]) => [...new Set(xs)].sort();
  const classes: Record<string, number> = {};
  const limits = { lastLine: 0 };
  let bad = 0;
  for (const c of cases) {
    const o = oracle[c.id];
    const diffs: string[] = [];
    const want = once(o.runs.filter((r) => isOsc(r.argv)).map((r) => describe(findServerCreates(`${r.mv === null ? '' : `OS_COMPUTE_API_VERSION=${quote(r.mv)} `}openstack ${r.argv.map(quote).join(' ')}\n`, 'shell')[0])));
    const got = once(findServerCreates(c.script, 'shell').map(describe));
    if (JSON.stringify(want) !== JSON.stringify(got)) diffs.push(`shell: bash ran ${want.join(' | ') || 'nothing'}; bdm-lab finds ${got.join(' | ') || 'nothing'}`);
    for (const run of o.osc) {
      const line = run.argv.map(quote).join(' ');
      const d = compareWithOracle(line, run);
      if (!d.length && run.nova) {
        const a = analyzeDocument(line, 'shell', ctx);
        if (a.valid !== run.nova.valid) d.push(`nova: Nova says ${run.nova.valid ? 'valid' : `${run.nova.http_status} ${run.nova.message}`}; bdm-lab ${a.verdict?.code} ${a.verdict?.message ?? ''}`);
        else if (!run.nova.valid && withOracleIdsIn(line, a.verdict?.message) !== run.nova.message) d.push(`nova-words: ${JSON.stringify(run.nova.message)} != ${JSON.stringify(a.verdict?.message)}`);
      }
      // the osc-oracle keeps only the last line of argparse's message (osc_oracle.py: splitlines()[-1]):
      // a refusal quoting a word that holds a newline is cut there
      const ours = findServerCreates(line, 'shell')[0]?.translation.error?.message ?? '';
      if (d.length === 1 && d[0].startsWith('refusal') && run.result.stage === 'osc-argparse' && ours.includes('\n') && ours.endsWith(`\n${run.result.error}`)) { limits.lastLine++; continue; }
      if (d.length) diffs.push(`osc ${d[0].split(/[ :]/)[0]}: ${line}\n    ${d.join('\n    ')}`);
    }
    if (!diffs.length) continue;
    bad++;
    const cls = diffs[0].startsWith('shell') ? 'shell' : diffs[0].split(':')[0];
    classes[cls] = (classes[cls] ?? 0) + 1;
    if (!quiet) console.log(`${c.id} [${cls}]: ${JSON.stringify(c.script)}\n  ${diffs.join('\n  ')}`);
  }
  console.log(`${cases.length - bad}/${cases.length} agree; ${bad} disagree ${JSON.stringify(classes)}; oracle limits (runs): ${JSON.stringify(limits)}`);
  process.exitCode = bad ? 1 : 0;
}
void main();
