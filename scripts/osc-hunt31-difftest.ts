/**
 * Hunt 31's differential test: scripts/osc-hunt30-difftest.ts's two steps (shell, osc) on the
 * scripts of scripts/osc-hunt31-gen.ts (labelled by scripts/osc-hunt28-label.py), with two kinds
 * of run counted apart, not as agreement:
 * - `cliff`: bash ran `openstack --os-compute-api-version A B server create …` (a version word
 *   that split in two): the real shell's parser leaves `B server create …`, which cliff refuses as
 *   not an openstack command (checked with openstackclient.shell.main), while the labeller's
 *   fallback (scripts/osc_shell.py run_create, when the shell's words do not start with `server
 *   create`) reads it as a server create; bdm-lab finds no command there;
 * - `env-stop`: bash stopped at `set -u` or `${X:?}` on a name the script never sets (the
 *   labeller's environment has none; another may): bdm-lab leaves that command unresolved and
 *   judges the later ones, which may run.
 * Usage: node --import tsx scripts/osc-hunt31-difftest.ts CASES.json ORACLE.json [--src DIR] [-q]
 */
import { runOscHuntDifftest } from './osc-hunt-difftest-lib';

/** `--os-compute-api-version A B server create`: cliff's unknown command */
const splitVersion = (a: string[]) => a[0] === '--os-compute-api-version' && a.length > 3 && a[2] !== 'server' && a.indexOf('server') > 2;

void runOscHuntDifftest(process.argv.slice(2), {
  // `--os-compute-api-version A B server create`: the words after the split version word
  run: (_o, r) => splitVersion(r.argv),
  osc: (run) => splitVersion(run.argv.slice(run.argv.indexOf('openstack') + 1)),
});
