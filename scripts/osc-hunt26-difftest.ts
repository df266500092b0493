/**
 * Hunt 26's differential test (hunt 24's: scripts/osc-hunt24-difftest.ts): for each script, the
 * `openstack server create` and `server add volume` commands bdm-lab finds against those bash ran
 * in either of the labeller's two worlds (scripts/osc-hunt26-label.py: a command that may run is
 * one that ran in some world), each written `words @microversion => outcome`, compared as sets.
 * `--src DIR`: take bdm-lab from another tree's server/src (an older version, for the figures
 * before a change: `git archive HEAD server/src | tar -x -C DIR`). With -v, each script's lists.
 * The comparison: scripts/osc-difftest-lib.ts.
 * Usage: node --import tsx scripts/osc-hunt26-difftest.ts CASES.json ORACLE.json [--src DIR] [-v]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareWithBash, type OscBashRuns, type OscCase } from './osc-difftest-lib';

const args = process.argv.slice(2);
const srcAt = args.indexOf('--src');
const src = srcAt >= 0 ? resolve(args[srcAt + 1], 'server/src') : resolve(__dirname, '../server/src');
const cases = JSON.parse(readFileSync(args[0], 'utf8')) as OscCase[];
const oracle = JSON.parse(readFileSync(args[1], 'utf8')) as Record<string, OscBashRuns>;
const verbose = args.includes('-v');

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(resolve(src, 'source/oscCli/index.ts')).href)) as typeof import('../server/src/source/oscCli');
  compareWithBash(mod.findServerCreates, cases, oracle, verbose);
}
void main();
