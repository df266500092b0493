/**
 * Hunt 30: shell variables in the words of `openstack server create` (server/src/source/oscCli/
 * expand.ts, vars.ts). Each script was run by bash 5.2 with a fake `openstack` that logs the words
 * it gets and the OS_COMPUTE_API_VERSION it sees (`bash: [[version, ...argv]]`, in the order bash
 * ran them; labelled with a clean environment, LC_ALL=C.UTF-8): where the text decides the words,
 * bdm-lab finds the same commands with the same words and version; where it does not (a variable
 * the environment may set, `$( … )`, `read`, a branch or loop the text does not decide, a glob
 * character, a value past the bound...), it judges nothing and marks the command unresolved
 * (BDM-OSC-UNRESOLVED), although bash ran it with the words shown. The differential run over
 * generated scripts is scripts/osc-hunt30-gen.ts and scripts/osc-hunt30-difftest.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { MAX_VALUE } from '../../server/src/source/oscCli/expand';
import { bestGrowth, describeGrowth } from './growth';
import { commandRuns as runs, unresolvedCommands as unresolved } from './osc-bash-runs';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;

const CASES: Array<{ id: string; script: string; bash: Array<[string | null, ...string[]]>; unresolved?: boolean }> = [
  {
    id: "runbook-uuid",
    script: "VOL=6f0c5d1e-7a2b-4c3d-9e8f-0a1b2c3d4e5f\nopenstack server create --flavor m1 --image cirros --block-device uuid=$VOL,source_type=volume,destination_type=volume,boot_index=1 vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "--block-device", "uuid=6f0c5d1e-7a2b-4c3d-9e8f-0a1b2c3d4e5f,source_type=volume,destination_type=volume,boot_index=1", "vm1"]],
  },
  {
    id: "braced-quoted-glued",
    script: "IMG=cirros; NAME=web\nopenstack server create --flavor m1 --image \"${IMG}\" \"${NAME}-0\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "web-0"]],
  },
  {
    id: "split-unquoted",
    script: "OPTS=\"--flavor m1 --image cirros\"\nopenstack server create $OPTS vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "one-word-quoted",
    script: "OPTS=\"--flavor m1 --image cirros\"\nopenstack server create \"$OPTS\" vm1\n",
    bash: [[null, "server", "create", "--flavor m1 --image cirros", "vm1"]],
  },
  {
    id: "ifs-comma",
    script: "IFS=,\nA=\"--flavor,m1,,--image,cirros\"\nopenstack server create $A vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "", "--image", "cirros", "vm1"]],
  },
  {
    id: "default-unset",
    script: "unset SIZE\nopenstack server create --flavor m1 --image cirros --block-device source_type=blank,destination_type=volume,volume_size=${SIZE:-10} vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "--block-device", "source_type=blank,destination_type=volume,volume_size=10", "vm1"]],
  },
  {
    id: "default-empty-colonless",
    script: "SIZE=\nopenstack server create --flavor m1 --image cirros --block-device source_type=blank,destination_type=volume,volume_size=${SIZE-7}x vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "--block-device", "source_type=blank,destination_type=volume,volume_size=x", "vm1"]],
  },
  {
    id: "assign-default",
    script: "unset N\n: ${N:=vm7}\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm7"]],
  },
  {
    id: "alt-unset-and-set",
    script: "unset KEY\nopenstack server create --flavor m1 --image cirros ${KEY:+--key-name \"$KEY\"} vm1\nKEY=k1\nopenstack server create --flavor m1 --image cirros ${KEY:+--key-name \"$KEY\"} vm2\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"], [null, "server", "create", "--flavor", "m1", "--image", "cirros", "--key-name", "k1", "vm2"]],
  },
  {
    id: "length",
    script: "VOL=abcd\nopenstack server create --flavor m1 --image cirros vm${#VOL}\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm4"]],
  },
  {
    id: "fn-local",
    script: "f() { local N=vm-a; openstack server create --flavor m1 --image cirros \"$N\"; }\nN=outer\nf\nopenstack server create --flavor m1 --image cirros \"$N\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-a"], [null, "server", "create", "--flavor", "m1", "--image", "cirros", "outer"]],
  },
  {
    id: "fn-positional",
    script: "f() { local N=$1; openstack server create --flavor m1 --image cirros \"$N\"; }\nf vm-b\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-b"]],
  },
  {
    id: "fn-temp-env",
    script: "f() { openstack server create --flavor m1 --image cirros \"$N\"; }\nN=outer\nN=temp f\nopenstack server create --flavor m1 --image cirros \"$N\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "temp"], [null, "server", "create", "--flavor", "m1", "--image", "cirros", "outer"]],
  },
  {
    id: "readonly-refused",
    script: "readonly F=m1\nF=m2; openstack server create --flavor m1 --image cirros skipped\nopenstack server create --flavor $F --image cirros vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "bash-c-exported",
    script: "export IMG=cirros\nbash -c 'openstack server create --flavor m1 --image $IMG vm1'\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "bash-c-unexported",
    script: "IMG=cirros\nbash -c 'openstack server create --flavor m1 --image $IMG vm1'\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "vm1"]],
    unresolved: true,
  },
  {
    id: "subshell-no-leak",
    script: "IMG=cirros\n( IMG=other )\nopenstack server create --flavor m1 --image $IMG vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "if-true",
    script: "F=m1\nif true; then F=m2; fi\nopenstack server create --flavor $F --image cirros vm1\n",
    bash: [[null, "server", "create", "--flavor", "m2", "--image", "cirros", "vm1"]],
  },
  {
    id: "if-unknown",
    script: "F=m1\nif [ -e /nonexistent ]; then F=m2; fi\nopenstack server create --flavor $F --image cirros vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
    unresolved: true,
  },
  {
    id: "loop-changes",
    script: "N=vm\nfor i in 1 2; do N=$N$i; done\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm12"]],
    // (hunt 36: a `for` over known words is followed pass by pass, so $N is told)
  },
  {
    id: "comsub",
    script: "ID=$(openstack volume show -f value -c id v1)\nopenstack server create --flavor m1 --image cirros --block-device uuid=$ID,source_type=volume,boot_index=1 vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "--block-device", "uuid=,source_type=volume,boot_index=1", "vm1"]],
    unresolved: true,
  },
  {
    id: "env-unset",
    script: "openstack server create --flavor m1 --image cirros --block-device uuid=$VOLUME_ID,source_type=volume,boot_index=1 vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "--block-device", "uuid=,source_type=volume,boot_index=1", "vm1"]],
    unresolved: true,
  },
  {
    id: "glob-unquoted",
    script: "N='vm*'\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm*"]],
    unresolved: true,
  },
  {
    id: "glob-quoted",
    script: "N='vm*'\nopenstack server create --flavor m1 --image cirros \"$N\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm*"]],
  },
  {
    id: "doubling",
    script: "X=a\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nX=$X$X\nopenstack server create --flavor m1 --image cirros \"$X\"\n",
    bash: [[null, 'server', 'create', '--flavor', 'm1', '--image', 'cirros', 'a'.repeat(16384)]],
    unresolved: true,
  },
  {
    id: "eval-dq",
    script: "V=cirros\neval \"openstack server create --flavor m1 --image $V vm1\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "mv-from-var",
    script: "MV=2.67\nexport OS_COMPUTE_API_VERSION=$MV\nopenstack server create --flavor m1 --image cirros vm1\n",
    bash: [["2.67", "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "heredoc-quoted",
    script: "bash <<'EOF'\nV=cirros\nopenstack server create --flavor m1 --image $V vm1\nEOF\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "heredoc-unquoted",
    script: "V=cirros\nbash <<EOF\nopenstack server create --flavor m1 --image $V vm1\nEOF\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
    unresolved: true,
  },
  {
    id: "append",
    script: "N=vm\nN+=-2\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-2"]],
  },
  {
    id: "same-line-assignments",
    script: "A=vm B=${A}-9\nopenstack server create --flavor m1 --image cirros $B\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-9"]],
  },
  {
    id: "quoted-operand",
    script: "unset X\nopenstack server create --flavor m1 --image cirros ${X:-\"a b\"}\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "a b"]],
  },
  {
    id: "unquoted-operand-splits",
    script: "unset X\nopenstack server create --flavor m1 --image cirros ${X:-a b}\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "a", "b"]],
  },
  {
    id: "empty-dropped",
    script: "E=\nopenstack server create --flavor m1 --image cirros $E vm1 \"$E\"\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1", ""]],
  },
  {
    id: "read",
    script: "read -r N <<< vm1\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
    // (hunt 40: `read` on a here-string the text tells gives N its value)
  },
  {
    id: "source-forgets",
    script: "N=vm1\n. /dev/null\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
    unresolved: true,
  },
  {
    id: "declare-g-in-fn",
    script: "f() { declare -g N=vm-g; local M=vm-l; }\nf\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-g"]],
  },
  {
    id: "set-u",
    script: "set -u\nunset N\nopenstack server create --flavor m1 --image cirros x$N\n",
    bash: [],
  },
  {
    id: "declare-i",
    script: "declare -i N=1+2\nopenstack server create --flavor m1 --image cirros vm$N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm3"]],
    unresolved: true,
  },
  {
    id: "array",
    script: "A=(vm-x vm-y)\nopenstack server create --flavor m1 --image cirros $A\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-x"]],
  },
  {
    id: "for-header",
    script: "for N in vm-p; do :; done\nopenstack server create --flavor m1 --image cirros $N\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-p"]],
    // (hunt 42: a `for` over one word is followed as one over several; it was left not told)
  },
  {
    id: "nameref",
    script: "V=vm-r\ndeclare -n R=V\nR=vm-s\nopenstack server create --flavor m1 --image cirros $V\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm-s"]],
    unresolved: true,
  },
  {
    id: "arith-counter",
    script: "i=0\n((i++))\nopenstack server create --flavor m1 --image cirros vm$i\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
    // (followed since hunt 43b: `((…))` assigns where it runs)
  },
  {
    id: "temp-export-promoted",
    script: "O=orig\nf() { export O=new; }\nO=t f\nopenstack server create --flavor m1 --image cirros $O\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "new"]],
  },
  {
    id: "sudo-var",
    script: "$SUDO openstack server create --flavor m1 --image cirros vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
    unresolved: true,
  },
  {
    id: "comsub-keeps-others",
    script: "IMG=cirros\nexport VOL=$(openstack volume create -f value -c id v1)\nopenstack server create --flavor m1 --image $IMG vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "vm1"]],
  },
  {
    id: "tilde-assignment",
    script: "K=~/key\nopenstack server create --flavor m1 --image cirros --key-name $K vm1\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "--key-name", "$HOME/key", "vm1"]],
    unresolved: true,
  },
  {
    id: "unset-temp-shows-global",
    script: "N=glob\nf() { unset N; openstack server create --flavor m1 --image cirros \"$N\"; }\nN=temp f\n",
    bash: [[null, "server", "create", "--flavor", "m1", "--image", "cirros", "glob"]],
  },
];


for (const c of CASES) {
  test(`as bash runs it: ${c.id}`, () => {
    if (c.unresolved) {
      // bash ran the command with words only the run decides: nothing is judged, the command is marked
      assert.ok(c.bash.length <= 1);
      assert.deepEqual(runs(c.script), []);
      assert.equal(unresolved(c.script).length, 1, 'one BDM-OSC-UNRESOLVED');
      return;
    }
    assert.deepEqual(runs(c.script), c.bash.map(([mv, ...argv]) => [mv, ...argv]));
    assert.equal(unresolved(c.script).length, 0);
  });
}

test('the unresolved finding says why, on the command', () => {
  const text = 'openstack server create --flavor m1 --image cirros --block-device uuid=$VOLUME_ID,source_type=volume,boot_index=1 vm1\n';
  const [d] = unresolved(text);
  const f = d.findings[0];
  assert.equal(f.span.offset, 0);
  assert.match(String(f.args?.detail), /`\$VOLUME_ID` is not set by the script/);
});

test('n assignments and n expansions, one value doubled n times, `${` left open n times: linear, the doubled value bounded', WATCHDOG, () => {
  const assigned = (n: number) => Array.from({ length: n }, (_, k) => `V${k}=vol-${k}\nopenstack server create --flavor m1 --image cirros --block-device uuid=$V${k},source_type=volume,boot_index=1 "\${V${k}}-vm"\n`).join('');
  assert.equal(findServerCreates(assigned(100), 'shell').length, 100);
  const g = bestGrowth(assigned, (t) => findServerCreates(t, 'shell'), 1000, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, describeGrowth('n assignments and n expansions', 1000, g));
  const doubled = (n: number) => `X=a\n${'X=$X$X\n'.repeat(n)}openstack server create --flavor m1 --image cirros "$X"\n`;
  // 2^12 characters are told; 2^14 are past the bound, and 2^2000 never built
  assert.equal(findServerCreates(doubled(12), 'shell')[0].words.at(-1)?.value.length, 4096);
  assert.ok(MAX_VALUE < 2 ** 14);
  assert.deepEqual(findServerCreates(doubled(14), 'shell'), []);
  assert.equal(unresolved(doubled(2000)).length, 1);
  const d = bestGrowth(doubled, (t) => findServerCreates(t, 'shell'), 2000, MAX_RATIO);
  assert.ok(d.ratio < MAX_RATIO, describeGrowth('a value doubled n times', 2000, d));
  const open = (n: number) => `echo ${'${'.repeat(n)} "${'${X:-'.repeat(n)}"\nopenstack server create --flavor m1 --image cirros vm1\n`;
  const o = bestGrowth(open, (t) => findServerCreates(t, 'shell'), 4000, MAX_RATIO);
  assert.ok(o.ratio < MAX_RATIO, describeGrowth('`${` left open n times', 4000, o));
});
