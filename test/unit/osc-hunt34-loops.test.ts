/**
 * Hunt 34, loops: the first pass of a `while`/`until` loop whose first test the runner decides on
 * the values it holds (`[ $n -lt 2 ]` after `n=0`) surely runs when the loop is reached surely, so
 * a shell stop there (dash's "Bad substitution" and arithmetic syntax errors, `${X:?}`, `set -u`)
 * ends the script, or the subshell it is in, as it does in the real shell; the commands written
 * after it are not judged. A first test that fails leaves the body never run. Each case's label is
 * what the shell its first line names did (`#!/bin/sh`: dash 0.5.12, `#!/bin/bash`: bash 5.2;
 * `env -i SHELL FILE` in an empty directory, a fake `openstack` first on PATH logging its words):
 * the server creates in order, the exit status and standard error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;

type Label = { runs: string[]; rc: number; stderr: string };
const CASES: Array<{ id: string; script: string; dash?: Label; bash?: Label }> = [
  {"id": "while-arith-dash", "script": "#!/bin/sh\nM=5\nn=0\nwhile [ $n -lt 2 ]; do : $((M++)); n=$((n+1)); done\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": [], "rc": 2, "stderr": "FILE: 4: arithmetic expression: expecting primary: \"M++\"\n"}},
  {"id": "while-before-stop-dash", "script": "#!/bin/sh\nX=ab\nn=0\nwhile [ $n -lt 2 ]; do openstack server create --flavor m1.small --image cirros vm$n; : ${X^}; n=$((n+1)); done\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": ["server create --flavor m1.small --image cirros vm0"], "rc": 2, "stderr": "FILE: 4: Bad substitution\n"}},
  {"id": "until-dash", "script": "#!/bin/sh\nE=\nn=5\nuntil [ $n -lt 2 ]; do : ${E:?}; n=$((n-1)); done\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": [], "rc": 2, "stderr": "FILE: 4: E: parameter not set or null\n"}},
  {"id": "test-nounset-dash", "script": "#!/bin/sh\nunset U\nn=0\nset -u\nwhile test \"$n\" != 3; do : \"$U\"; n=3; done\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": [], "rc": 2, "stderr": "FILE: 5: U: parameter not set\n"}},
  {"id": "while-false-dash", "script": "#!/bin/sh\nX=ab\nn=5\nwhile [ $n -lt 2 ]; do : ${X^}; n=$((n+1)); done\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": ["server create --flavor m1.small --image cirros vm11"], "rc": 0, "stderr": ""}},
  {"id": "while-subshell-bash", "script": "#!/bin/bash\nE=\nn=0\nwhile [ $n -lt 2 ]; do ( : ${E:?}; openstack server create --flavor m1.small --image cirros vmA ); n=$((n+1)); done\nopenstack server create --flavor m1.small --image cirros vm11\n", "bash": {"runs": ["server create --flavor m1.small --image cirros vm11"], "rc": 0, "stderr": "FILE: line 4: E: parameter null or not set\nFILE: line 4: E: parameter null or not set\n"}},
  {"id": "while-bash-stop", "script": "#!/bin/bash\nE=\nn=0\nwhile [ $n -lt 2 ]; do openstack server create --flavor m1.small --image cirros vm$n; : ${E:?}; done\nopenstack server create --flavor m1.small --image cirros vm11\n", "bash": {"runs": ["server create --flavor m1.small --image cirros vm0"], "rc": 1, "stderr": "FILE: line 4: E: parameter null or not set\n"}},
  {"id": "nested-dash", "script": "#!/bin/sh\nX=ab\nn=0\nfor i in a b; do\n  while [ \"$n\" = 0 ]; do openstack server create --flavor m1.small --image cirros vm1; echo >${X,}.out; done\ndone\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": ["server create --flavor m1.small --image cirros vm1"], "rc": 2, "stderr": "FILE: 5: Bad substitution\n"}},
  {"id": "andor-head-dash", "script": "#!/bin/sh\nX=ab\nn=0\nwhile [ $n -lt 2 ] && [ -f /nonexistent ]; do : ${X^}; done\nopenstack server create --flavor m1.small --image cirros vm11\n", "dash": {"runs": ["server create --flavor m1.small --image cirros vm11"], "rc": 0, "stderr": ""}},
  {"id": "fn-test-bash", "script": "#!/bin/bash\nE=\nn=0\n[() { return 1; }\nwhile [ $n -lt 2 ]; do : ${E:?}; done\nopenstack server create --flavor m1.small --image cirros vm11\n", "bash": {"runs": ["server create --flavor m1.small --image cirros vm11"], "rc": 0, "stderr": ""}},
];

const commands = (s: string, unread: unknown[]) => [...new Set(findServerCreates(s, 'shell', undefined, { unread: unread as never }).map((x) => x.words.map((w) => w.value).join(' ')))].sort();

test('a stop in the first pass of a loop whose first test holds ends the script (or its subshell): the commands bdm-lab judges are the ones the shell ran', () => {
  for (const c of CASES) {
    const l = (c.dash ?? c.bash)!;
    const unread: unknown[] = [];
    assert.deepEqual(commands(c.script, unread), [...new Set(l.runs)].sort(), c.id);
    assert.equal(unread.length, 0, c.id);
  }
});

test('loops whose first pass surely runs, nested or one after another: linear in the loops', WATCHDOG, () => {
  const t = (s: string) => findServerCreates(s, 'shell');
  const nested = (n: number) => `#!/bin/sh\nn=0\n${'while [ $n -lt 2 ]; do : ok\n'.repeat(n)}openstack server create --flavor m1 --image c vm\n${'n=5; done\n'.repeat(n)}`;
  const flat = (n: number) => `#!/bin/sh\nn=0\n${'while [ $n -lt 2 ]; do : ok; n=5; done\nn=0\n'.repeat(n)}openstack server create --flavor m1 --image c vm\n`;
  assert.equal(t(nested(3)).length, 1);
  assert.equal(t(flat(3)).length, 1);
  const g = bestGrowth(nested, t, 200, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, describeGrowth('n nested loops whose first pass surely runs', 200, g));
  const f = bestGrowth(flat, t, 500, MAX_RATIO);
  assert.ok(f.ratio < MAX_RATIO, describeGrowth('n loops whose first pass surely runs, one after another', 500, f));
});
