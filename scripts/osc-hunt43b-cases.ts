/**
 * Hunt 43b's hand-written cases: bash's arithmetic commands, `((…))` and `let`, whose value sets
 * their status (0: 1, else 0) and whose assignments (`i++`, `i+=1`, `a=2, b=a*3`) change the
 * variables after them; with `set -e` a `((…))`/`let` whose value is 0 ends the script unless
 * errexit ignores it (an `if`/`while`/`until` condition, before `&&`/`||`, negated). Loops whose
 * head or body counts that way (`while ((i < 3)); do …; ((i++)); done`: the first `((i++))` from 0
 * ends the script). Each run by dash (`#!/bin/sh`: no `((…))` nor `let`, commands not found) and
 * by bash (`#!/bin/bash`).
 * Usage: node --import tsx scripts/osc-hunt43b-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;

const BOTH: Record<string, string> = {
  'post-inc-errexit': `set -e\ni=0\n((i++))\n${C('last-$i')}`,
  'post-inc-twice-errexit': `set -e\ni=0\n((i++)) || true\n((i++))\n${C('vm-$i', ' --swap $i')}`,
  'plus-eq-errexit': `set -e\ni=0\n((i+=1))\n${C('vm-$i', ' --swap $i')}\n${C('last')}`,
  'pre-inc-errexit': `set -e\ni=0\n(( ++i ))\n${C('vm-$i')}\n((i--))\n${C('last-$i')}`,
  'let-post-inc-errexit': `set -e\ni=0\nlet i++\n${C('last-$i')}`,
  'let-args': `let a=2 b=a*3 "c = b + 1"\n${C('vm-$a-$b-$c', ' --swap $c')}\nset -e\nlet x=1 y=0\n${C('last-$x')}`,
  'let-plus-eq-errexit': `set -e\nn=0\nlet n+=2\n${C('vm-$n')}\nlet n-=2\n${C('last-$n')}`,
  'while-count-errexit': `set -e\ni=0\nwhile ((i < 3)); do\n  ${C('vm-$i')}\n  ((i++))\ndone\n${C('last-$i')}`,
  'while-count': `i=0\nwhile ((i < 3)); do\n  ${C('vm-$i')}\n  ((i++))\ndone\n${C('last-$i')}`,
  'while-count-or-true-errexit': `set -e\ni=0\nwhile ((i < 3)); do\n  ${C('vm-$i')}\n  ((i++)) || true\ndone\n${C('last-$i')}`,
  'while-pre-inc-errexit': `set -e\ni=0\nwhile (( i < 2 )); do ${C('vm-$i')}; ((++i)); done\n${C('last-$i')}`,
  'while-head-post-inc': `i=0\nwhile ((i++ < 3)); do ${C('vm-$i')}; done\n${C('last-$i')}`,
  'until-let-errexit': `set -e\ni=0\nuntil ((i >= 2)); do\n  ${C('vm-$i')}\n  let i+=1\ndone\n${C('last-$i')}`,
  'for-count-errexit': `set -e\nn=0\nfor v in a b c; do\n  ${C('vm-$v-$n')}\n  ((n++))\ndone\n${C('last-$n')}`,
  'for-count-plus-eq-errexit': `set -e\nn=0\nfor v in a b; do\n  ${C('vm-$v-$n')}\n  ((n += 1))\ndone\n${C('last-$n')}`,
  'exempt-if-and-or': `set -e\ni=0\nif ((i++)); then ${C('a-$i')}; else ${C('b-$i')}; fi\n((i--)) && ${C('c-$i')}\n((i)) || ${C('d-$i')}\n! ((i))\n${C('last-$i')}`,
  'and-or-not-last-errexit': `set -e\nn=0\n((n++)) && ${C('x-$n')}\n${C('after-$n')}\n((n--)) || ((n))\n${C('never-$n')}`,
  'function-count-errexit': `set -e\nc=0\ncount() { ((c++)); }\ncount || true\n${C('vm-$c')}\ncount\n${C('x-$c')}\nc=0\ncount\n${C('last-$c')}`,
  'subshell-count-errexit': `set -e\ni=0\n( ((i++)); ${C('inner-$i')} )\n${C('outer-$i')}`,
  'comma-values': `((i = 5, j = i * 2, k = j % 3))\n${C('vm-$i-$j-$k', ' --swap $j')}\nset -e\n((k - 1))\n${C('last')}`,
  'literal-status-errexit': `set -e\n((1))\n${C('one')}\n((0))\n${C('last')}`,
  'eval-count-errexit': `set -e\ni=0\neval '((i+=2))'\n${C('vm-$i')}\neval '((i-=2))'\n${C('last-$i')}`,
  'unknown-value-errexit': `set -e\ni=$(date +%s)\n((i++))\n${C('vm-x')}\n${C('last')}`,
  'eval-errexit-exempt': `set -e\neval false || ${C('a')}\nif eval '((0))'; then :; fi\nf() { eval 'false'; ${C('in-f')}; }\nf || true\neval 'false; ${C('never')}'\n${C('last')}`,
  'c-style-for': `for ((i = 0; i < 2; i++)); do ${C('vm-$i')}; done\n${C('last-$i')}`,
  'read-loop-count': `n=0\nwhile read -r x; do ((n++)) || true; ${C('vm-$x')}; done < /dev/null\n${C('last-$n')}`,
  'nounset-count': `set -u\nunset u\n((u++)) || true\n${C('last')}`,
  'readonly-count': `readonly R=1\n((R++)) || true\n${C('x-$R')}\nlet R=5 || true\n${C('last-$R')}`,
  'let-function': `let() { ${C('from-fn')}; }\ni=0\nlet i=4\n${C('last-$i')}`,
  'dollar-step': `step=2\ni=0\n((i += $step))\n${C('vm-$i')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BOTH)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
