/**
 * Hunt 38's hand-written cases: what hunt 37 left in `openstack` scripts, each run by dash
 * (`#!/bin/sh`) and by bash (`#!/bin/bash`): the status of `[[ ]]`, `((…))` and `let` (bash's on
 * the values held; dash has none of them: a command not found) deciding `&&`/`||`, `if`, `while`
 * and errexit; `case` on a word holding a glob character and on a pattern held in a name; an
 * and-or link after `fi`, `esac`, `done` and `}`; `set -e` in `( … )`, a pipeline's parts and
 * `$( … )` (bash does not pass errexit into it, dash does) and an assignment's status from its
 * `$( … )`; `local` outside any function; a loop's pass entering its subshells anew; `${1}` in a
 * function. Usage: node --import tsx scripts/osc-hunt38-cases.ts > cases.json, then label them
 * with /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;

const BODIES: Record<string, string> = {
  // (1) [[ ]], ((…)), let
  'dbrack-andand': `X=ab\n[[ $X == a* ]] && ${C('vm1')}\n[[ $X == b* ]] && ${C('vm2')}\n${C('last')}`,
  'dbrack-exit': `X=ab\n[[ $X != ab ]] || exit 3\n${C('last')}`,
  'dbrack-empty': `E=''\nfor i in 1 2; do [[ -z $E ]] || ${C('vm$i')}; done\n${C('last')}`,
  'dbrack-glob-value': `X='[a'\nif [[ $X == \\[a ]]; then ${C('vm1')}; fi\n${C('last')}`,
  'dbrack-int': `N=3\nif [[ $N -gt 2 ]]; then ${C('vm1')}; else ${C('vm2')}; fi\n${C('last')}`,
  'dbrack-pattern-var': `X='a?'; P='[!b]*'\n[[ $X == $P ]] && ${C('vm1')}\n[[ $X == "$P" ]] && ${C('vm2')}\n${C('last')}`,
  'arith-andor': `N=3\n(( N > 2 )) && ${C('vm1')}\n(( N - 3 )) || ${C('vm2')}\n${C('last')}`,
  'arith-if': `N=0\nif (( N )); then ${C('vm1')}; fi\n${C('last')}`,
  'arith-while': `i=0\nwhile (( i < 2 )); do i=$((i+1)); ${C('vm$i')}; done\n${C('last')}`,
  'let-andor': `N=3\nlet N-3 || ${C('vm1')}\nlet N && ${C('vm2')}\n${C('last')}`,
  'sete-dbrack': `X=ab\nset -e\n[[ $X == b* ]]\n${C('last')}`,
  'sete-arith': `N=2\nset -e\n(( N - N ))\n${C('last')}`,
  'sete-let': `set -e\nlet 0\n${C('last')}`,
  'while-head-false': `K=2\nwhile (( K % 2 )); do ${C('vm1')}; break; done\nwhile [ $K = 3 ]; do ${C('vm2')}; break; done\n${C('last')}`,
  // (2) case on held values
  'case-glob-subject': `X='[a'\ncase $X in [!]]*) exit 3;; esac\n${C('last')}`,
  'case-pattern-var': `X='a?'; P='[!a]*'\ncase $X in $P) ${C('vm1')};; esac\nP='a*'\ncase $X in $P) ${C('vm2')};; esac\ncase $X in "$P") ${C('vm3')};; esac\n${C('last')}`,
  'case-caret': `X=xb; P='[^a]*'\ncase $X in $P) ${C('vm1')};; esac\ncase $X in [^a]b) ${C('vm2')};; esac\ncase ^b in [^a]b) ${C('vm3')};; esac\n${C('last')}`,
  'case-class': `X='\\b'\ncase $X in [[:alpha:]]?) ${C('vm1')};; esac\ncase $X in [[:punct:]]?) ${C('vm2')};; esac\ncase a-b in a["-"]b) ${C('vm3')};; esac\ncase b in [a"-"c]) ${C('vm4')};; esac\n${C('last')}`,
  'dbrack-if-else': `if [[ a == a ]]; then ${C('vm1')}; else ${C('vm2')}; fi\n${C('last')}`,
  // (3) and-or after a compound command
  'after-fi': `X=ab\nif [ $X = zz ]; then :; fi && ${C('vm1')}\nif [ $X = ab ]; then false; fi || ${C('vm2')}\nif ! true; then :; fi && exit 3\n${C('last')}`,
  'after-if-else': `X=ab\nif [ $X = zz ]; then false; else true; fi && exit 3\n${C('last')}`,
  'after-paren': `N=3\n( exit 3 ) && ${C('vm1')}\n( let N-3 ) || ${C('vm2')}\nX=$(exit 2) || ${C('vm3')}\n( : ) && exit 4\n${C('last')}`,
  'after-esac': `X=ab\ncase $X in b*) false;; esac || ${C('vm1')}\ncase $X in a*) false;; esac || ${C('vm2')}\n${C('last')}`,
  'after-done': `for i in 1 2; do [ $i = 3 ]; done || ${C('vm1')}\nfor i in; do :; done && ${C('vm2')}\n${C('last')}`,
  'after-group': `X=ab\n{ [ $X = zz ]; } || ${C('vm1')}\n{ [ $X = ab ]; } || ${C('vm2')}\n${C('last')}`,
  'if-decided-parts': `X=ab\nif [ $X = ab ]; then ${C('vm1')}; elif true; then ${C('vm2')}; else ${C('vm3')}; fi\nif [ $X = zz ]; then ${C('vm4')}; else ${C('vm5')}; fi\n${C('last')}`,
  // (4) errexit in subshells, pipelines, command substitution
  'sete-paren': `set -e\n( false; ${C('vm1')} )\n${C('last')}`,
  'sete-paren-or': `set -e\n( false; ${C('vm1')} ) || true\n${C('last')}`,
  'sete-paren-nested': `set -e\n( ( false ); ${C('vm1')} )\n${C('last')}`,
  'sete-paren-if': `set -e\nif ( false; ${C('vm1')} ); then :; fi\n${C('last')}`,
  'sete-pipe-last': `set -e\nfalse | true\n${C('vm1')}\ntrue | false\n${C('last')}`,
  'sete-pipe-part': `set -e\n{ false; ${C('vm1')}; } | cat\n${C('last')}`,
  'sete-comsub': `set -e\nX=$(false; ${C('vm1')})\n${C('vm2')}\nX=$(set -e; false; ${C('vm3')})\n${C('last')}`,
  'sete-comsub-quoted': `set -e\nX=$(true)\nY="$(false)"\n${C('last')}`,
  'local-top': `local X\n${C('last')}`,
  'sete-local-top': `set -e\nlocal X 2>/dev/null\n${C('last')}`,
  // (5) a loop's passes enter its subshells anew
  'loop-subshell-exit': `for i in 1 2; do ( [ $i = 1 ] && exit; ${C('vm$i')} ); done\n${C('last')}`,
  'loop-pipe-errexit': `set -e\nfor i in 1 2; do { [ $i = 2 ]; ${C('vm$i')}; } | cat; done\n${C('last')}`,
  'loop-piped-while': `n=0\nwhile [ $n -lt 2 ]; do n=$((n+1)); ${C('vm$n')}; done | cat\n${C('last')}`,
  // (6) ${1} in a function
  'fn-braced-args': `f() { ${C('vm${2}-${3:-x}', ' --min ${1}')}; }\nf 1 a\nf 1 b c\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BODIES)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
