/**
 * Hunt 23 of the openstack CLI source: which `openstack server create` commands a script runs and
 * the OS_COMPUTE_API_VERSION each sees, where bdm-lab disagreed with bash:
 * - an export in a subshell (`( … )`, `$( … )`, a pipeline's part, a job with `&`, `{ …; } | cat`,
 *   `bash -c '…'`) stayed after it; `{ …; }`, `if`, loops keep it;
 * - `declare -x`/`typeset -x`/`local -x` exported and `export -n`/`declare +x` unexported nothing
 *   in bdm-lab; `NAME=VAL; export NAME` and `export NAME` before the value were missed; a
 *   function's locals outlived it;
 * - the wrappers that run the program (nohup, nice, timeout, time, command, exec, env, sudo, with
 *   their options) hid it, `builtin`/`command -v` did not, and sudo's env_reset was ignored.
 * Every expected answer is the oracle's: scripts/osc-hunt23-label.py runs each script with bash,
 * the real wrappers and Debian's default sudoers, a fake `openstack` recording its argv and the
 * variable it sees. test/fixtures/osc-hunt23/: cases.json (written by hand) and generated-cases.json
 * (node scripts/osc-hunt23-generate.mjs 300 1), each with its oracle (oracle.json,
 * generated-oracle.json: /usr/bin/python3 scripts/osc-hunt23-label.py CASES OUT, runs kept).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { fixtures, found, ran, testBashTables } from './osc-bash-runs';

const load = fixtures('osc-hunt23');

testBashTables(load, { found, ran });

test("the word that sets the version is the command's own only when it reaches the program", () => {
  const V = 'OS_COMPUTE_API_VERSION';
  const at = (s: string) => {
    const c = findServerCreates(s, 'shell')[0];
    return c.microversionWord ? s.slice(c.microversionWord.start, c.microversionWord.end) : null;
  };
  // oracle (cases.json "sudo", "env", "exec"): sudo's assignment reaches it; one before sudo is dropped, as env -i drops one before it
  assert.equal(at(`sudo ${V}=2.61 openstack server create --flavor m1 --image cirros vm1`), '2.61');
  assert.equal(at(`${V}=2.5 sudo openstack server create --flavor m1 --image cirros vm1`), null);
  assert.equal(at(`${V}=2.5 env -i openstack server create --flavor m1 --image cirros vm1`), null);
  assert.equal(at(`env -i ${V}=2.6 openstack server create --flavor m1 --image cirros vm1`), '2.6');
  assert.equal(at(`${V}=2.5 exec openstack server create --flavor m1 --image cirros vm1`), '2.5');
});
