/**
 * Hunt 32's differential test: scripts/osc-hunt31-difftest.ts's two steps (shell, osc) on the
 * scripts of scripts/osc-hunt32-gen.ts (labelled by scripts/osc-hunt28-label.py), with two kinds
 * of run counted apart, not as agreement:
 * - `cliff`: a run the labeller marks stage `cliff` (scripts/osc_shell.py run_create: the real
 *   shell's parser leaves words that do not start with `server create`, e.g. after a version word
 *   that split in two, and cliff runs no command): bdm-lab must find no server create there;
 * - `env-stop`: bash stopped at `set -u` or `${X:?}` on a name the script never sets (the
 *   labeller's environment has none; another may): bdm-lab leaves that command unresolved and
 *   judges the later ones, which may run.
 * Usage: node --import tsx scripts/osc-hunt32-difftest.ts CASES.json ORACLE.json [--src DIR] [-q]
 */
import { oscArgv, runOscHuntDifftest } from './osc-hunt-difftest-lib';

void runOscHuntDifftest(process.argv.slice(2), {
  // the labeller's stage for a run whose words the shell leaves as no command
  run: (o, r) => o.osc.some((x) => x.result.stage === 'cliff' && JSON.stringify(x.argv) === oscArgv(r)),
  osc: (run) => run.result.stage === 'cliff',
});
