/**
 * Hunt 39's hand-written cases: the shapes of `openstack` scripts this hunt taught bdm-lab, each
 * run by dash (`#!/bin/sh`) and by bash (`#!/bin/bash`): a function whose last command is a
 * subshell (its status is the subshell's); an `if`/`while` condition that is an and-or list
 * (`[ … ] && [ … ]`, and bash's `[[ a && b ]]`, which the parser cuts there; dash has no `[[`);
 * `$#`, `"$@"`, `shift`, `set --` in a function and at the top; `for v in $VOLS` and `for v in
 * "$@"` followed pass by pass; `break`/`continue` in a `for` loop; an `if` with no `else` whose
 * part did not run (0), a loop left by `break` (0), an assignment's `$( … )` in a loop.
 * Usage: node --import tsx scripts/osc-hunt39-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;
const V = (name: string, extra = '') => `openstack server create --flavor m1.small${extra} ${name}`;

const BODIES: Record<string, string> = {
  'fn-subshell-status': `f() { ( false ); }\nf || ${C('vm1')}\nf && ${C('vm2')}\ng() ( exit 3 )\ng || ${C('vm3')}\n{ true; ( false ); } || ${C('vm4')}\n${C('last')}`,
  'fn-subshell-exit': `set -e\nf() { ( exit 3 ); }\nf && exit 3\n${C('last')}`,
  'if-andor-head': `N=0\nif [ $N = 0 ] && [ $N = 1 ]; then ${C('vm1')}; else ${C('vm2')}; fi\nif [ $N = 3 ] || [ $N = 0 ]; then ${C('vm3')}; fi\nif [ $N = 3 ] || [ $N = 4 ]; then ${C('vm4')}; fi\n${C('last')}`,
  'dbrack-andor': `X=ab; N=0\nif [[ $X == a* && $N -gt 1 ]]; then ${C('vm1')}; fi\n[[ -n $X || -z $X ]] && ${C('vm2')}\n[[ -z $X || -z $X ]] && ${C('vm3')}\n[[ $X == a* && -n $X ]] && ${C('vm4')}\n[[ -z $X && -z $X || -n $X ]] && ${C('vm5')}\n${C('last')}`,
  'while-andor-head': `N=0; X=ab\nwhile [[ $N == 3 && $X == ab ]]; do ${C('vm1')}; break; done\nwhile [ $N = 3 ] && [ $X = ab ]; do ${C('vm2')}; break; done\n${C('last')}`,
  'fn-argc': `f() { [ $# -lt 2 ] && return 1; ${V('vm-$2', ' --volume $1')}; }\nf vol1 || ${C('short')}\nf vol1 b\n${C('last')}`,
  'fn-shift-args': `mk() { name=$1; shift; openstack server create --flavor m1.small --image cirros "$@" "$name"; }\nmk vm1 --swap 512\nmk vm2 --ephemeral size=1\nmk vm3\n${C('last')}`,
  'fn-set-args': `f() { set -- --ephemeral size=2 vm$1; ${C('"$@"')}; }\nf a b\ng() { shift 2; ${C('$1 $2 $3')}; }\ng x y --swap 64 vm2\n${C('last')}`,
  'top-set-args': `set -- vol1 vol2\n${V('vm-$#', ' --volume $1')}\nshift\n${V('vm-$1', ' --snapshot $1')}\nset -- --swap 64\n${C('vm3', ' "$@"')}\n${C('vm4', ' $*')}\n${C('last')}`,
  'for-dynamic': `VOLS="vol1 vol2"\nfor vol in $VOLS; do ${V('vm-$vol', ' --volume $vol')}; done\nfor vol in "$VOLS"; do ${V('vmq', ' --volume "$vol"')}; done\nE=\nfor v in $E; do ${C('never')}; done\nSIZES='1 5'\nfor s in $SIZES; do ${C('vb-$s', ' --boot-from-volume $s')}; done\n${C('last')}`,
  'for-args': `f() { for v in "$@"; do ${C('vm-$v', ' --block-device-mapping vdb=$v:volume:1:true')}; done; }\nf vol1 vol2\n${C('last')}`,
  'for-break-continue': `for i in a b c d; do case $i in b) continue;; d) break;; esac; ${C('vm-$i')}; done\nfor i in 1 2 3; do [ $i = 2 ] && break; ${C('w$i')}; done\nX=ab\nfor i in 1 2 3; do [ "$X" = ab ] && continue; ${C('x$i')}; done\n${C('last-$i')}`,
  'status-zero': `X=ab\nif [ "$X" = zz ]; then N=1; fi || ${C('vm1')}\nif echo x | grep -q y; then N=1; fi || ${C('vm2')}\nif true | false; then N=1; fi || ${C('vm3')}\nwhile true; do break; done || ${C('vm4')}\nfor i in 1 2; do break; done && ${C('vm5')}\n${C('last')}`,
  'loop-comsub-status': `for i in 1 2; do X=$(false); done && ${C('vm1')}\nfor i in 1 2; do X=$(true); done && ${C('vm2')}\n${C('last')}`,
  'dbrack-quoted-pattern': `X=ab\nfor i in 1 2 3; do [[ $X == "a"? ]] && break; ${C('vm$i')}; done\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BODIES)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
