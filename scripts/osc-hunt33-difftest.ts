/**
 * Hunt 33's differential test: the `openstack server create` commands bdm-lab finds in each
 * `#!/bin/sh` script of scripts/osc-hunt33-gen.ts against the ones dash 0.5.12 ran (labelled by
 * scripts/osc-hunt33-label.ts). A case agrees when the two sets are equal; it is unresolved
 * (soundly) when bdm-lab finds no command dash did not run and leaves every one it misses
 * unresolved (BDM-OSC-UNRESOLVED); it disagrees when bdm-lab judges a command dash never ran,
 * misses one without saying so, or says the script's own shell stops at an expansion
 * (BDM-OSC-SHELL-SYNTAX on an expansion) where dash exited 0. A command written in an
 * `if [ … ]` branch that dash did not take, or a command after such a branch where dash stopped
 * (bdm-lab leaves the command there unresolved), is not counted against bdm-lab (it does not
 * decide the branch: it judges a command in it as one that may run, and may not stop there).
 * Usage: node --import tsx scripts/osc-hunt33-difftest.ts CASES.json LABELS.json [--src DIR] [-q]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Osc = typeof import('../server/src/source/oscCli');

async function main(argv: string[]): Promise<void> {
  const srcAt = argv.indexOf('--src');
  const root = srcAt >= 0 ? resolve(argv[srcAt + 1]) : resolve(__dirname, '..');
  const quiet = argv.includes('-q');
  const cases = JSON.parse(readFileSync(argv[0], 'utf8')) as Array<{ id: string; script: string }>;
  const labels = JSON.parse(readFileSync(argv[1], 'utf8')) as Record<string, { runs: string[][]; rc: number | null; stderr: string }>;
  const { findServerCreates } = (await import(pathToFileURL(resolve(root, 'server/src/source/oscCli/index.ts')).href)) as Osc;
  const once = (xs: string[]) => [...new Set(xs)].sort();
  const tally = { agree: 0, unresolved: 0, disagree: 0, cond: 0 };
  const classes: Record<string, number> = {};
  for (const c of cases) {
    const l = labels[c.id];
    const want = once(l.runs.filter((r) => r[0] === 'server' && r[1] === 'create').map((r) => r.join(' ')));
    const unread: unknown[] = [];
    const stops: Array<{ expansion?: { own: boolean } }> = [];
    const found = findServerCreates(c.script, 'shell', undefined, { unread, stops } as Parameters<Osc['findServerCreates']>[3]);
    const got = once(found.map((x) => x.words.map((w) => w.value).join(' ')));
    // (an `if [ … ]` branch bdm-lab does not decide: it judges the command that may run)
    const lineAt = (at: number) => c.script.slice(c.script.lastIndexOf('\n', at - 1) + 1, at);
    const inIf = new Set(found.filter((x) => lineAt(x.program.start).startsWith('if [')).map((x) => x.words.map((w) => w.value).join(' ')));
    const diffs: string[] = [];
    const all = got.filter((x) => !want.includes(x));
    const extra = all.filter((x) => !inIf.has(x));
    // (or dash stopped in such a branch, which bdm-lab leaves unresolved: it judges the commands after it)
    const stopLine = /FILE: (\d+): /.exec(l.stderr);
    const stoppedInIf = !!stopLine && (c.script.split('\n')[Number(stopLine[1]) - 1] ?? '').startsWith('if [') && unread.length > 0;
    if (all.length > extra.length || (stoppedInIf && extra.length)) tally.cond++;
    if (stoppedInIf) extra.length = 0;
    const missing = want.filter((x) => !got.includes(x));
    if (extra.length) diffs.push(`extra: bdm-lab judges ${extra.join(' | ')}; dash ran ${want.join(' | ') || 'nothing'}`);
    else if (missing.length && !unread.length) diffs.push(`missing: dash ran ${missing.join(' | ')}; bdm-lab finds ${got.join(' | ') || 'nothing'}`);
    if (l.rc === 0 && stops.some((s) => s.expansion?.own)) diffs.push('stop: bdm-lab says dash stops the script; dash exited 0');
    if (!diffs.length) { if (unread.length) tally.unresolved++; else tally.agree++; continue; }
    tally.disagree++;
    const cls = diffs[0].split(':')[0];
    classes[cls] = (classes[cls] ?? 0) + 1;
    if (!quiet) console.log(`${c.id} [${cls}]: ${JSON.stringify(c.script)}\n  ${diffs.join('\n  ')}\n  dash rc ${l.rc}: ${JSON.stringify(l.stderr)}`);
  }
  console.log(`${cases.length} cases: ${tally.agree} agree, ${tally.unresolved} unresolved, ${tally.disagree} disagree ${JSON.stringify(classes)}; ${tally.cond} with a command judged in an undecided \`if [ … ]\` branch dash did not take (not counted as a disagreement)`);
  process.exitCode = tally.disagree ? 1 : 0;
}

void main(process.argv.slice(2));
