/**
 * Hunt 42's hand-written cases: the shapes of `openstack` scripts this hunt taught bdm-lab, each
 * run by dash (`#!/bin/sh`) and by bash (`#!/bin/bash`) (bash's arrays and `< <(…)` by bash, and
 * under `#!/bin/sh` for dash's syntax errors): a `while read` loop fed by a pipeline (`printf`,
 * `echo`, `seq`, `cat <<EOF`; the loop, or the `{ …; }` group it opens, a subshell), by bash's
 * `< <(printf …)` (the loop in the script's shell) or by a file (not read: a note names it); the
 * jumps of a loop that is a pipeline's part (`for …; done | cat`); a compound inside a piped group
 * (`| { while …; done; …; }`: in the group's subshell, not one of its own); loops inside a loop
 * that runs once (`for s in 1`, `while :; do …; break; done`) and a `while` head after `do` or
 * `then`; bash's element assignments (`A[1]=x`, `A[-1]=x`, `A[2]+=x`; a gap, `unset 'A[0]'`,
 * `declare -A`, `A[i]=x` not told); a retry loop's later passes (a note naming the words).
 * Usage: node --import tsx scripts/osc-hunt42-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt42-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;

const BOTH: Record<string, string> = {
  'pipe-printf-jumps': `n=0 v=x\nprintf '%s\\n' 'vol1 1' 'skip 2' 'vol3 3' 'stop 0' 'vol4 4' | while read -r v s; do [ "$v" = skip ] && continue; [ "$v" = stop ] && break; n=$((n+1)); ${C('vm-$v-$n', ' --swap $s')}; done\n${C('last-$v-$n')}`,
  'pipe-echo-cat-seq': `X=vol9\necho "vol1 5" | while read v s; do ${C('vm-e-$v', ' --swap $s')}; done\ncat <<EOF | while read v s; do ${C('vm-c-$v', ' --ephemeral size=$s')}; done\nvol2 1\n$X 2\nEOF\nseq 2 | while read s; do ${C('vm-s-$s', ' --swap $s')}; done\nprintf 'vol5 1\\nvol6 2' | while read v s; do ${C('vm-p-$v')}; done\n${C('last')}`,
  'pipe-group': `n=0 v=x\nprintf 'vol1 1\\n\\nvol2 2\\n' | { while read -r v s; do n=$((n+1)); ${C('vm-$n-$v')}; done; ${C('in-group-$v-$n')}; }\n${C('after-$v-$n')}`,
  'pipe-group-compounds': `n=0\nprintf 'a\\n' | { while [ $n -lt 3 ]; do n=$((n+1)); done; ${C('while-$n')}; }\necho | { if true; then n=7; fi; ${C('if-$n')}; }\n${C('after-$n')}`,
  'piped-loop-jumps': `for d in a b c; do [ $d = a ] && continue; ${C('vm-c-$d')}; done | cat\nfor d in a b c; do [ $d = b ] && break; ${C('vm-b-$d')}; done | cat\n${C('last')}`,
  'file-read-not-told': `v=x\nwhile read -r v s; do ${C('vm-$v', ' --swap $s')}; done < vols.txt\nseq 1 $N | while read -r s; do ${C('vm-s-$s')}; done\n${C('last')}`,
  'once-loops': `for s in 1; do for d in a b; do ${C('vm1-$s$d', ' --swap $s')}; done; done\nwhile :; do for d in c d; do ${C('vm2-$d')}; done; break; done\nfor s in 2; do while read -r v; do ${C('vm3-$v', ' --swap $s')}; done <<EOF\nvol1\nvol2\nEOF\ndone\n${C('last-$s-$d-$v')}`,
  'while-head-after-do': `for s in 2 3; do while read -r v; do ${C('vm-$s-$v', ' --swap $s')}; done <<EOF\nvol1\nvol2\nEOF\ndone\nif true; then n=0; while [ $n -lt 2 ]; do n=$((n+1)); ${C('vm-if-$n')}; done; fi\n${C('last-$n')}`,
  'dash-procsubst-stops': `${C('first')}\nwhile read -r v; do ${C('vm-$v')}; done < <(printf 'vol1\\n')\n${C('last')}`,
  'element-assign-dash': `${C('first')}\nA[1]=vol1\n${C('last')}`,
  'retry-notes': `for i in 1 2 3; do ${C('vm-$i', ' --swap $i')} && break; sleep 0; done\n${C('last-$i')}\nuntil ${C('vm-u', ' --swap 1')}; do sleep 0; done\n${C('after')}`,
};
const BASH: Record<string, string> = {
  'procsubst-read': `n=0\nwhile read -r v s; do n=$((n+1)); ${C('vm-$v-$n', ' --swap $s')}; done < <(printf 'vol1 1\\nvol2 2\\n')\n${C('last-$v-$n')}`,
  'elements': `vols[0]=vol1\nvols[1]=vol3\n${C('vm-1-${#vols[@]}', ' --block-device uuid=${vols[1]},source_type=volume,destination_type=volume')}\nA=(vol1 vol2 vol3)\nA[1]=volX\nA[-1]=volZ\nA[3]+=w\nA[0]+=y\n${C('"vm-2-${A[*]}"', ' --swap ${#A[@]}')}\nfor v in "\${A[@]:1}"; do ${C('vm-3-$v')}; done\n${C('last')}`,
  'elements-not-told': `G[0]=a\nG[2]=c\n${C('vm-g-${#G[@]}')}\nU=(a b)\nunset 'U[0]'\n${C('vm-u-${#U[@]}')}\ndeclare -A M=([x]=1)\n${C('vm-m-${M[x]}')}\ni=0\nI[i]=a\n${C('vm-i-${I[0]}')}\nB[1]=y z\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BOTH)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\nN=2\n${body}\n` });
}
for (const [id, body] of Object.entries(BASH)) cases.push({ id: `${id}-bash`, script: `#!/bin/bash\nN=2\n${body}\n` });
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
