/**
 * What the osc hunts' differential tests share (scripts/osc-hunt31-difftest.ts,
 * scripts/osc-hunt32-difftest.ts): bdm-lab against the labelled scripts in two steps. The shell
 * step compares the server creates bdm-lab finds in a script with the `openstack` runs bash made
 * (labelled by scripts/osc-hunt28-label.py); the osc step compares each run's line with the
 * osc-oracle's answer and Nova's verdict. Counted apart, not as agreement: the runs cliff refuses
 * as no command (each hunt's CliffRule), bash stopping at `set -u` or `${X:?}` on a name the
 * script never sets (`env-stop`), and two known limits of the osc-oracle's words.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OracleAnswer } from '../test/fixtures/osc/compare';

type Nova = { valid: boolean; http_status: number; message?: string } | null;
export type Label = { runs: Array<{ argv: string[]; mv: string | null }>; rc: number | string; stderr: string; osc: Array<OracleAnswer & { nova: Nova }> };
type Osc = typeof import('../server/src/source/oscCli');

/** the run's words as the labeller wrote its osc entry */
export const oscArgv = (r: { argv: string[]; mv: string | null }) => JSON.stringify([...(r.mv === null ? [] : [`OS_COMPUTE_API_VERSION=${r.mv}`]), 'openstack', ...r.argv]);

/**
 * How a hunt tells the runs that cliff refuses as no command (a version word that split in two):
 * counted apart, neither compared nor agreeing.
 */
export interface CliffRule {
  /** a run of the script that cliff refuses */
  run: (o: Label, r: { argv: string[]; mv: string | null }) => boolean;
  /** an osc-oracle answer of such a run */
  osc: (run: Label['osc'][number]) => boolean;
}

const quote = (s: string) => (/^[\w.=,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
const isOsc = (a: string[]) => {
  const k = a.indexOf('server');
  return k >= 0 && (a[k + 1] === 'create' || (a[k + 1] === 'add' && a[k + 2] === 'volume'));
};

/**
 * The two steps (shell, osc) on labelled cases. argv: CASES.json ORACLE.json [--src DIR] [-q];
 * prints each disagreement and the tally, and sets the exit code.
 */
export async function runOscHuntDifftest(argv: string[], cliffRule: CliffRule): Promise<void> {
  const srcAt = argv.indexOf('--src');
  const root = srcAt >= 0 ? resolve(argv[srcAt + 1]) : resolve(__dirname, '..');
  const quiet = argv.includes('-q');
  const cases = JSON.parse(readFileSync(argv[0], 'utf8')) as Array<{ id: string; script: string }>;
  const oracle = JSON.parse(readFileSync(argv[1], 'utf8')) as Record<string, Label>;
  const load = async <T>(p: string): Promise<T> => (await import(pathToFileURL(resolve(root, p)).href)) as T;
  const { findServerCreates } = await load<Osc>('server/src/source/oscCli/index.ts');
  const { analyzeDocument } = await load<typeof import('../server/src/document')>('server/src/document.ts');
  const { defaultContext } = await load<typeof import('../server/src/model/context')>('server/src/model/context.ts');
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
  const tally = { agree: 0, unresolved: 0, judgedInUnresolved: 0, osc: 0 };
  const limits = { lastLine: 0, trailingBlanks: 0, cliff: 0, envStop: 0 };
  /**
   * the name bash stopped at (unbound under -u, or `${X:?}`) when the script never assigns it; or
   * (dash's words too) a positional parameter `${1:?}` tests at the script's top, with no `set`
   * before: the labeller runs the script with no arguments, where its caller gives them
   */
  const envStop = (script: string, stderr: string): string | null => {
    const m = /(?:line |^FILE: )(\d+): ([A-Za-z_][A-Za-z0-9_]*|[1-9]): (unbound variable|.*)$/m.exec(stderr);
    if (!m) return null;
    const n = m[2];
    if (/^[1-9]$/.test(n)) {
      const lines = script.split('\n');
      const at = lines[Number(m[1]) - 1] ?? '';
      const top = !/\(\)|\bfunction\b|^\s*\(/.test(at) && new RegExp(`\\$\\{${n}:?\\?`).test(at);
      return top && !lines.slice(0, Number(m[1]) - 1).some((x) => /\bset[ \t]+(--|[^-\s])|\bshift\b|\(\)|\bfunction\b/.test(x)) ? n : null;
    }
    // (an assignment on that line or after it never ran)
    const before = script.split('\n').slice(0, Number(m[1]) - 1).join('\n');
    return new RegExp(`(^|[^A-Za-z0-9_$])${n}\\+?=|\\bunset\\b[^\\n;]*\\b${n}\\b|\\bread\\b[^\\n;]*\\b${n}\\b`, 'm').test(before) ? null : n;
  };
  let bad = 0;
  for (const c of cases) {
    const o = oracle[c.id];
    const diffs: string[] = [];
    const cliff = (r: { argv: string[]; mv: string | null }) => isOsc(r.argv) && cliffRule.run(o, r);
    limits.cliff += o.runs.filter(cliff).length;
    const want = once(o.runs.filter((r) => isOsc(r.argv) && !cliff(r)).map((r) => describe(findServerCreates(`${r.mv === null ? '' : `OS_COMPUTE_API_VERSION=${quote(r.mv)} `}openstack ${r.argv.map(quote).join(' ')}\n`, 'shell')[0])));
    const unread: Array<{ offset: number; length: number; detail?: string }> = [];
    const got = once(findServerCreates(c.script, 'shell', undefined, { unread }).map(describe));
    const extra = got.filter((x) => !want.includes(x));
    const missing = want.filter((x) => !got.includes(x));
    const stopped = extra.length && (!missing.length || unread.length) ? envStop(c.script, o.stderr) : null;
    if (stopped) limits.envStop++;
    else if (extra.length) diffs.push(`shell-extra: bdm-lab finds ${extra.join(' | ')}; bash ran ${want.join(' | ') || 'nothing'}`);
    // (`not a command`: bdm-lab finds no server create in the words bash ran either; the osc step shows that line)
    else if (missing.length && !unread.length) diffs.push(`${missing.every((x) => x === 'not a command') ? 'shell-line' : 'shell-missing'}: bash ran ${missing.join(' | ')}; bdm-lab finds ${got.join(' | ') || 'nothing'}`);
    for (const run of o.osc) {
      if (cliffRule.osc(run)) continue;
      const line = run.argv.map(quote).join(' ');
      const d = compareWithOracle(line, run);
      if (!d.length && run.nova) {
        const a = analyzeDocument(line, 'shell', ctx);
        if (a.valid !== run.nova.valid) d.push(`nova: Nova says ${run.nova.valid ? 'valid' : `${run.nova.http_status} ${run.nova.message}`}; bdm-lab ${a.verdict?.code} ${a.verdict?.message ?? ''}`);
        else if (!run.nova.valid && withOracleIdsIn(line, a.verdict?.message) !== run.nova.message) d.push(`nova-words: ${JSON.stringify(run.nova.message)} != ${JSON.stringify(a.verdict?.message)}`);
      }
      const ours = findServerCreates(line, 'shell')[0]?.translation.error?.message ?? '';
      if (d.length === 1 && d[0].startsWith('refusal') && run.result.stage === 'osc-argparse' && ours.includes('\n') && ours.endsWith(`\n${run.result.error}`)) { limits.lastLine++; continue; }
      // the osc-oracle strips the message's trailing blanks (argparse joins empty words with spaces: OSC prints them)
      if (d.length === 1 && d[0].startsWith('refusal') && run.result.stage === 'osc-argparse' && /\s$/.test(ours) && ours.trimEnd() === run.result.error) { limits.trailingBlanks++; continue; }
      if (d.length) { tally.osc++; diffs.push(`osc ${d[0].split(/[ :]/)[0]}: ${line}\n    ${d.join('\n    ')}`); }
    }
    if (!diffs.length) {
      if (unread.length) { tally.unresolved++; if (got.length) tally.judgedInUnresolved++; } else tally.agree++;
      continue;
    }
    bad++;
    const cls = diffs[0].split(':')[0];
    classes[cls] = (classes[cls] ?? 0) + 1;
    if (!quiet) console.log(`${c.id} [${cls}]: ${JSON.stringify(c.script)}\n  ${diffs.join('\n  ')}${unread.length ? `\n  (unresolved: ${unread.map((u) => u.detail?.slice(0, 120)).join(' | ')})` : ''}`);
  }
  console.log(`${cases.length} cases: ${tally.agree} agree, ${tally.unresolved} unresolved soundly (${tally.judgedInUnresolved} with other commands judged and agreeing), ${bad} disagree ${JSON.stringify(classes)}; oracle limits (runs): ${JSON.stringify(limits)}`);
  process.exitCode = bad ? 1 : 0;
}
