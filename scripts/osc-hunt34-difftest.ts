/**
 * Hunt 34's differential test: the two steps of scripts/osc-hunt-difftest-lib.ts (shell, osc) on
 * the scripts of scripts/osc-hunt34-gen.ts, labelled by scripts/osc-hunt34-label.py (each run by
 * the shell its first line names: dash for `#!/bin/sh`, bash for `#!/bin/bash`), runs cliff
 * refuses counted apart as hunt 32 counts them; then one check of its own: where the script's
 * shell exited 0, bdm-lab must not say that it stops at an expansion (a BDM-OSC-SHELL-SYNTAX stop
 * of the script's own shell).
 * Usage: node --import tsx scripts/osc-hunt34-difftest.ts CASES.json ORACLE.json [--src DIR] [-q]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { oscArgv, runOscHuntDifftest, type Label } from './osc-hunt-difftest-lib';

type Osc = typeof import('../server/src/source/oscCli');

async function main(argv: string[]): Promise<void> {
  await runOscHuntDifftest(argv, {
    run: (o, r) => o.osc.some((x) => x.result.stage === 'cliff' && JSON.stringify(x.argv) === oscArgv(r)),
    osc: (run) => run.result.stage === 'cliff',
  });
  const failed = process.exitCode;
  const srcAt = argv.indexOf('--src');
  const root = srcAt >= 0 ? resolve(argv[srcAt + 1]) : resolve(__dirname, '..');
  const cases = JSON.parse(readFileSync(argv[0], 'utf8')) as Array<{ id: string; script: string }>;
  const oracle = JSON.parse(readFileSync(argv[1], 'utf8')) as Record<string, Label>;
  const { findServerCreates } = (await import(pathToFileURL(resolve(root, 'server/src/source/oscCli/index.ts')).href)) as Osc;
  const wrong: string[] = [];
  for (const c of cases) {
    if (oracle[c.id].rc !== 0) continue;
    const stops: Array<{ expansion?: { own: boolean }; message: string }> = [];
    findServerCreates(c.script, 'shell', undefined, { stops } as Parameters<Osc['findServerCreates']>[3]);
    const own = stops.find((s) => s.expansion?.own);
    if (own) wrong.push(`${c.id} [stop]: ${JSON.stringify(c.script)}\n  bdm-lab: ${own.message}; the shell exited 0`);
  }
  if (!argv.includes('-q')) for (const w of wrong) console.log(w);
  console.log(`stops where the script's shell exited 0: ${wrong.length}`);
  process.exitCode = failed || wrong.length ? 1 : 0;
}

void main(process.argv.slice(2));
