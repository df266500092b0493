/**
 * Hunt 37's hand-written cases: what session 32's hunt left in `openstack` scripts, each run by
 * dash (`#!/bin/sh`) and by bash (`#!/bin/bash`): a `set -e` failure of a `[ ]`/`test` on a
 * later pass of a `for` loop (and what errexit ignores: `&&`/`||` lists but the last command, `!`,
 * conditions, functions called there); `while`/`until` counter loops changed by arithmetic (and
 * one past bdm-lab's cap of passes); `case $i in` on a pass's word; `[ $i = 2 ] && exit`; a
 * function's return status (its `return N`, its last command's); a `return` outside any function.
 * Usage: node --import tsx scripts/osc-hunt37-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json (the shell the first line
 * names, the osc-oracle and the nova-oracle on each `server create` run).
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;

const BODIES: Record<string, string> = {
  // (1) set -e
  'sete-test-pass2': `set -e\nfor i in a b; do ${C('vm-$i')}; test $i = a; done\n${C('last')}`,
  'sete-bracket-pass2': `set -e\nfor i in 1 2 3; do ${C('vm$i')}; [ $i != 2 ]; done\n${C('last')}`,
  'sete-false': `set -e\n${C('vm0')}\nfalse\n${C('last')}`,
  'sete-andor-head': `set -e\nfor i in 1 2; do [ $i = 2 ] && echo two; ${C('vm$i')}; done\n${C('last')}`,
  'sete-andor-last': `set -e\n${C('vm0')}\ntrue && false\n${C('last')}`,
  'sete-if-cond': `set -e\nif [ a = b ]; then ${C('never')}; fi\nwhile [ a = b ]; do :; done\n${C('last')}`,
  'sete-bang': `set -e\n! true\n${C('last')}`,
  'sete-off': `set -e\nset +e\nfalse\n${C('last')}`,
  'sete-o-errexit': `set -o errexit\nfor i in x y; do ${C('vm$i')}; [ "$i" = x ]; done\n${C('last')}`,
  'sete-fn-or': `set -e\nf() { false; ${C('vmf')}; }\nf || true\n${C('last')}`,
  'sete-fn-plain': `set -e\nf() { test "$1" = a; ${C('vm$1')}; }\nf a\nf b\n${C('last')}`,
  'sete-group-or': `set -e\n{ false; ${C('vmg')}; } || true\n${C('last')}`,
  // (2) while/until counters
  'while-exit-pass2': `n=0\nwhile [ $n -lt 3 ]; do\n  n=$((n+1))\n  [ $n -eq 2 ] && { exit 3; }\n  ${C('vm$n')}\ndone\n${C('last')}`,
  'until-exit-pass2': `i=0\nuntil [ $i -ge 2 ]; do i=$((i+1)); ${C('vm$i')}; [ $i = 2 ] && exit 3; done\n${C('last')}`,
  'while-counter-after': `n=0\nwhile [ $n -lt 3 ]; do\n  n=$((n+1))\n  ${C('vm$n')}\ndone\n${C('last', ' --min $n')}`,
  'while-unset-pass2': `unset U\nn=0\nwhile [ $n -lt 3 ]; do\n  n=$((n+1))\n  [ $n -eq 2 ] && { : \${U?gone}; }\n  ${C('vm$n')}\ndone\n${C('last')}`,
  'until-div0-pass2': `i=0\nuntil [ $i -ge 3 ]; do i=$((i+1)); : $((6/(2-i))); ${C('vm$i')}; done\n${C('last')}`,
  'until-for-name': `i=0\nuntil [ $i -ge 2 ]; do i=$((i+1)); ${C('vm$i')}; [ $i = 2 ] && exit 3; done\n${C('last')}\nfor i in a b; do ${C('x$i')}; done`,
  'while-past-cap': `n=0\nwhile [ $n -lt 100 ]; do n=$((n+1)); done\n${C('last', ' --min $n')}`,
  'while-never': `n=5\nwhile [ $n -lt 3 ]; do n=$((n+1)); ${C('vm$n')}; done\n${C('last', ' --min $n')}`,
  'while-sete': `set -e\nn=0\nwhile [ $n -lt 3 ]; do n=$((n+1)); ${C('vm$n')}; [ $n -lt 2 ]; done\n${C('last')}`,
  // (3) case on a pass's word
  'case-exit-pass2': `for i in x y; do\n  ${C('vm$i')}\n  case $i in y) exit 3;; esac\ndone\n${C('last')}`,
  'case-glob': `for i in ab cd; do\n  case $i in a*) ${C('vmA$i')};; *) ${C('vmO$i')};; esac\ndone\n${C('last')}`,
  'case-unset-pass2': `unset U\nfor i in x y; do\n  ${C('vm$i')}\n  case $i in y) set -u; : $U;; esac\ndone\n${C('last')}`,
  'case-div0-pass2': `for i in x y; do\n  ${C('vm$i')}\n  case $i in y) : $((1/0));; esac\ndone\n${C('last')}`,
  'case-first-match': `for i in b c; do\n  case $i in [ab]) ${C('vm1$i')};; b|c) ${C('vm2$i')};; esac\ndone\n${C('last')}`,
  // (4) and-or lists decided on the values held
  'andor-exit-pass2': `for i in 1 2 3; do\n  [ $i = 2 ] && exit 3\n  ${C('vm$i')}\ndone\n${C('last')}`,
  'andor-or-pass2': `for i in 1 2; do [ $i = 1 ] || exit 4; ${C('vm$i')}; done\n${C('last')}`,
  'andor-group-pass2': `for i in 1 2 3; do [ $i -eq 2 ] && { ${C('vm-in$i')}; exit 3; }; ${C('vm$i')}; done\n${C('last')}`,
  'andor-chain': `X=ab\n[ "$X" = ab ] && N=6 || N=7\n${C('last', ' --min $N')}`,
  'andor-chain-false': `X=ab\n[ "$X" = cd ] && N=6 || N=7\n${C('last', ' --min $N')}`,
  'andor-known-var': `N=2\n[ $N -gt 1 ] && exit 5\n${C('last')}`,
  // (5) a function's return status
  'fn-return-exit': `f() { [ "$1" = b ] && return 1; ${C('vm$1')}; }\nfor x in a b c; do f $x || exit 4; done\n${C('last')}`,
  'fn-return-true': `f() { [ "$1" = b ] && return 1; ${C('vm$1')}; }\nfor x in a b c; do f $x || true; done\n${C('last')}`,
  'fn-return-arg': `g() { return $1; }\ng 0 && ${C('vm0')}\ng 1 && ${C('vm1')}\n${C('last')}`,
  'fn-last-status': `f() { [ "$1" = a ]; }\nfor x in a b; do f $x && ${C('vm$x')}; done\n${C('last')}`,
  'fn-return-or': `f() { N=6; return 1; }\nf || ${C('vm-or')}\n${C('last', ' --min $N')}`,
  // (6) `return` outside any function
  'return-top': `${C('vm1')}\nreturn 2\n${C('last')}`,
  'return-for-pass2': `for i in 1 2 3; do\n  [ $i = 2 ] && return 2\n  ${C('vm$i')}\ndone\n${C('last')}`,
  'return-until-pass2': `i=0\nuntil [ $i -ge 2 ]; do i=$((i+1)); ${C('vm$i')}; [ $i = 2 ] && return 2; done\n${C('last')}`,
  'return-subshell': `( return 3 )\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BODIES)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
