/**
 * Hunt 36: a `for` loop over literal words followed pass by pass, its name holding each word in
 * turn, so that a stop on a later pass (an arithmetic error with the pass's value: `$(($i))` with
 * `i='2 +'`, a division by zero) ends the script there in dash (bash gives up the loop, its
 * complete command, and reads on), and the commands of each pass are judged with the pass's word.
 * Each case labelled by the shell its first line names (scripts/osc-hunt35-label-cases.ts: dash
 * 0.5.12 for `#!/bin/sh`, bash 5.2 for `#!/bin/bash`, `env -i PATH=… SHELL FILE` in an empty
 * directory, a fake `openstack` first on PATH logging its words; `runs` are the words after
 * `openstack` joined by spaces, `rc` and `stderr` what the shell gave). An `if` whose condition
 * is one `[ … ]` decided on the values held (the pass's word, a known variable) makes its `then`
 * part as sure as the `if`: an `exit` or a stop there ends the script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates } from '../../server/src/source/oscCli';
import { readScript, testShellCases, type ShellCase } from './osc-labelled';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;

const CASES: ShellCase[] = [
  {"id": "arith-syntax-pass2-dash", "script": "#!/bin/sh\nfor i in 1 '2 +'; do openstack server create --flavor m1.small --image cirros vm1-$i; : $(($i)); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1-1", "server create --flavor m1.small --image cirros vm1-2 +"], "rc": 2, "stderr": "FILE: 2: arithmetic expression: expecting primary: \"2 +\"\n"},
  {"id": "arith-syntax-pass2-bash", "script": "#!/bin/bash\nfor i in 1 '2 +'; do openstack server create --flavor m1.small --image cirros vm1-$i; : $(($i)); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1-1", "server create --flavor m1.small --image cirros vm1-2 +", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: line 2: 2 +: syntax error: operand expected (error token is \"+\")\n"},
  {"id": "div0-pass2-dash", "script": "#!/bin/sh\nfor i in 1 2; do openstack server create --flavor m1.small --image cirros vm$i; : $((i == 2 ? 1/0 : 1)); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2"], "rc": 2, "stderr": "FILE: 2: arithmetic expression: division by zero: \"i == 2 ? 1/0 : 1\"\n"},
  {"id": "div0-pass2-bash", "script": "#!/bin/bash\nfor i in 1 2; do openstack server create --flavor m1.small --image cirros vm$i; : $((i == 2 ? 1/0 : 1)); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: line 2: i == 2 ? 1/0 : 1: division by 0 (error token is \"0 : 1\")\n"},
  {"id": "div0-pass3-dash", "script": "#!/bin/sh\nfor i in 3 2 0; do : $((6/i)); openstack server create --flavor m1.small --image cirros vm-$i; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm-3", "server create --flavor m1.small --image cirros vm-2"], "rc": 2, "stderr": "FILE: 2: arithmetic expression: division by zero: \"6/i\"\n"},
  {"id": "div0-pass3-bash", "script": "#!/bin/bash\nfor i in 3 2 0; do : $((6/i)); openstack server create --flavor m1.small --image cirros vm-$i; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm-3", "server create --flavor m1.small --image cirros vm-2", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: line 2: 6/i: division by 0 (error token is \"i\")\n"},
  {"id": "known-names-dash", "script": "#!/bin/sh\nN=2\nfor i in a b; do openstack server create --flavor m1.small --image cirros vm-$i-$N; done\nopenstack server create --flavor m1.small --image cirros --min $N last\n", "runs": ["server create --flavor m1.small --image cirros vm-a-2", "server create --flavor m1.small --image cirros vm-b-2", "server create --flavor m1.small --image cirros --min 2 last"], "rc": 0, "stderr": ""},
  {"id": "known-names-bash", "script": "#!/bin/bash\nN=2\nfor i in a b; do openstack server create --flavor m1.small --image cirros vm-$i-$N; done\nopenstack server create --flavor m1.small --image cirros --min $N last\n", "runs": ["server create --flavor m1.small --image cirros vm-a-2", "server create --flavor m1.small --image cirros vm-b-2", "server create --flavor m1.small --image cirros --min 2 last"], "rc": 0, "stderr": ""},
  {"id": "fn-reads-var-dash", "script": "#!/bin/sh\nf() { openstack server create --flavor m1.small --image cirros vm-$i; }\nfor i in a b; do f; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm-a", "server create --flavor m1.small --image cirros vm-b", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "fn-reads-var-bash", "script": "#!/bin/bash\nf() { openstack server create --flavor m1.small --image cirros vm-$i; }\nfor i in a b; do f; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm-a", "server create --flavor m1.small --image cirros vm-b", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "break-before-stop-dash", "script": "#!/bin/sh\nfor i in 1 '2 +'; do openstack server create --flavor m1.small --image cirros vm$i; break; : $(($i)); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "break-before-stop-bash", "script": "#!/bin/bash\nfor i in 1 '2 +'; do openstack server create --flavor m1.small --image cirros vm$i; break; : $(($i)); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "subshell-stop-dash", "script": "#!/bin/sh\nfor i in 1 '2 +'; do openstack server create --flavor m1.small --image cirros vm$i; ( : $(($i)) ); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2 +", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: 2: arithmetic expression: expecting primary: \"2 +\"\n"},
  {"id": "subshell-stop-bash", "script": "#!/bin/bash\nfor i in 1 '2 +'; do openstack server create --flavor m1.small --image cirros vm$i; ( : $(($i)) ); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2 +", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: line 2: 2 +: syntax error: operand expected (error token is \"+\")\n"},
  {"id": "nested-outer-stop-dash", "script": "#!/bin/sh\nfor i in 1 2; do for j in a b; do openstack server create --flavor m1.small --image cirros vm$i$j; done; : $((4/(2-i))); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1a", "server create --flavor m1.small --image cirros vm1b", "server create --flavor m1.small --image cirros vm2a", "server create --flavor m1.small --image cirros vm2b"], "rc": 2, "stderr": "FILE: 2: arithmetic expression: division by zero: \"4/(2-i)\"\n"},
  {"id": "nested-outer-stop-bash", "script": "#!/bin/bash\nfor i in 1 2; do for j in a b; do openstack server create --flavor m1.small --image cirros vm$i$j; done; : $((4/(2-i))); done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1a", "server create --flavor m1.small --image cirros vm1b", "server create --flavor m1.small --image cirros vm2a", "server create --flavor m1.small --image cirros vm2b", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: line 2: 4/(2-i): division by 0 (error token is \"(2-i)\")\n"},
  {"id": "assigned-in-body-dash", "script": "#!/bin/sh\nfor i in 1 2; do i=0; : $((4/(2-i))); openstack server create --flavor m1.small --image cirros vm$i; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm0", "server create --flavor m1.small --image cirros vm0", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "assigned-in-body-bash", "script": "#!/bin/bash\nfor i in 1 2; do i=0; : $((4/(2-i))); openstack server create --flavor m1.small --image cirros vm$i; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm0", "server create --flavor m1.small --image cirros vm0", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-exit-pass2-dash", "script": "#!/bin/sh\nunset U\nfor i in 1 2; do openstack server create --flavor m1.small --image cirros vm$i; if [ $i = 2 ]; then exit 3; fi; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2"], "rc": 3, "stderr": ""},
  {"id": "if-exit-pass2-bash", "script": "#!/bin/bash\nunset U\nfor i in 1 2; do openstack server create --flavor m1.small --image cirros vm$i; if [ $i = 2 ]; then exit 3; fi; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2"], "rc": 3, "stderr": ""},
  {"id": "if-unset-pass2-dash", "script": "#!/bin/sh\nunset U\nfor i in a b; do openstack server create --flavor m1.small --image cirros vm$i; if [ \"$i\" = b ]; then : ${U?gone}; fi; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vma", "server create --flavor m1.small --image cirros vmb"], "rc": 2, "stderr": "FILE: 3: U: gone\n"},
  {"id": "if-unset-pass2-bash", "script": "#!/bin/bash\nunset U\nfor i in a b; do openstack server create --flavor m1.small --image cirros vm$i; if [ \"$i\" = b ]; then : ${U?gone}; fi; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vma", "server create --flavor m1.small --image cirros vmb"], "rc": 1, "stderr": "FILE: line 3: U: gone\n"},
  {"id": "if-never-true-dash", "script": "#!/bin/sh\nunset U\nfor i in 1 3; do openstack server create --flavor m1.small --image cirros vm$i; if [ $i = 2 ]; then exit 3; fi; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm3", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-never-true-bash", "script": "#!/bin/bash\nunset U\nfor i in 1 3; do openstack server create --flavor m1.small --image cirros vm$i; if [ $i = 2 ]; then exit 3; fi; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm3", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-known-var-dash", "script": "#!/bin/sh\nunset U\nN=2\nif [ $N -eq 2 ]; then exit 3; fi\nopenstack server create --flavor m1.small --image cirros last\n", "runs": [], "rc": 3, "stderr": ""},
  {"id": "if-known-var-bash", "script": "#!/bin/bash\nunset U\nN=2\nif [ $N -eq 2 ]; then exit 3; fi\nopenstack server create --flavor m1.small --image cirros last\n", "runs": [], "rc": 3, "stderr": ""},
  {"id": "if-known-var-false-dash", "script": "#!/bin/sh\nunset U\nN=2\nif [ $N -eq 3 ]; then exit 3; fi\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-known-var-false-bash", "script": "#!/bin/bash\nunset U\nN=2\nif [ $N -eq 3 ]; then exit 3; fi\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-else-part-dash", "script": "#!/bin/sh\nunset U\nN=2\nif [ $N -eq 2 ]; then openstack server create --flavor m1.small --image cirros vmT; else exit 3; fi\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vmT", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-else-part-bash", "script": "#!/bin/bash\nunset U\nN=2\nif [ $N -eq 2 ]; then openstack server create --flavor m1.small --image cirros vmT; else exit 3; fi\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vmT", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": ""},
  {"id": "if-div0-pass3-dash", "script": "#!/bin/sh\nunset U\nfor i in 1 2 3; do if [ $i -gt 2 ]; then : $((1/0)); fi; openstack server create --flavor m1.small --image cirros vm$i; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2"], "rc": 2, "stderr": "FILE: 3: arithmetic expression: division by zero: \"1/0\"\n"},
  {"id": "if-div0-pass3-bash", "script": "#!/bin/bash\nunset U\nfor i in 1 2 3; do if [ $i -gt 2 ]; then : $((1/0)); fi; openstack server create --flavor m1.small --image cirros vm$i; done\nopenstack server create --flavor m1.small --image cirros last\n", "runs": ["server create --flavor m1.small --image cirros vm1", "server create --flavor m1.small --image cirros vm2", "server create --flavor m1.small --image cirros last"], "rc": 0, "stderr": "FILE: line 3: 1/0: division by 0 (error token is \"0\")\n"},
];

testShellCases(CASES, false);

test('a stop on a later pass is told as dash\'s stop (bash: none of its own)', () => {
  for (const c of CASES) {
    const { stops } = readScript(c.script);
    const own = stops.filter((s) => s.expansion?.own);
    if (c.script.startsWith('#!/bin/sh') && c.rc === 2) assert.equal(own.length, 1, c.id);
    if (c.rc === 0) assert.equal(own.length, 0, c.id);
  }
});

test('loops of many passes, nested loops and many loops stay linear (bounded passes, bounded steps)', WATCHDOG, () => {
  const H = 'openstack server create --flavor m1.small --image cirros';
  const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k}`).join(' ');
  const t = (s: string) => findServerCreates(s, 'shell');
  // one loop of n words (past MAX passes: twice, as before), its body n commands
  const wide = (n: number) => `#!/bin/sh\nfor i in ${words(n)}; do\n${`${H} vm-$i\n`.repeat(n)}done\n${H} last\n`;
  // n loops one after another, each of 64 words
  const many = (n: number) => `#!/bin/sh\n${`for i in ${words(64)}; do ${H} vm-$i; : $((1+1)); done\n`.repeat(n)}${H} last\n`;
  // loops nested n deep, each of 8 words
  const deep = (n: number) => `#!/bin/sh\n${'for i in a b c d e f g h; do '.repeat(n)}${H} vm-$i; ${'done; '.repeat(n)}\n${H} last\n`;
  // a function called on each pass, itself running a loop
  const calls = (n: number) => `#!/bin/sh\nf() { for j in ${words(32)}; do ${H} vm-$j-$i; done; }\n${`for i in ${words(32)}; do f; done\n`.repeat(n)}${H} last\n`;
  // (each of the 4 commands with each of the 4 words, and the last)
  assert.equal(t(wide(4)).length, 17);
  for (const [name, gen, n] of [['one loop of n words and n commands', wide, 400], ['n loops of 64 words', many, 400], ['n nested loops', deep, 200], ['n loops calling a function with a loop', calls, 200]] as const) {
    const g = bestGrowth(gen, t, n, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, describeGrowth(name, n, g));
  }
});
