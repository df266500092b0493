/**
 * Hunt 41's hand-written cases: the shapes of `openstack` scripts this hunt taught bdm-lab, each
 * run by dash (`#!/bin/sh`) and by bash (`#!/bin/bash`) (arrays by bash, and under `#!/bin/sh`
 * for dash's syntax error): a `while read …; do …; done <<EOF` loop whose `read` takes the
 * here-document's lines pass by pass (quoted and unquoted delimiters, `$NAME` in the body, `<<-`,
 * `IFS=,`, blank and padded lines, `break`/`continue`/`case` on a field, a `for` inside, `done <
 * /dev/null`; not
 * followed where the body may read the input, `cat`, or past 64 lines); nested loops followed
 * pass by pass with `break 2`, `continue 2`, `continue 3` and an inner `break`; a `case` item
 * closed right after a compound (`done;;`, `fi;;`, `};;`); retry loops whose `openstack` status
 * is not told (`while ! openstack …`, `for … && break`); bash arrays (`A=(…)`, `A+=(…)`,
 * `"${A[@]}"`, `${A[N]}`, `${A[-1]}`, `${#A[@]}`, `${A[@]:1}`; not told: `local A=(…)`, `A[1]=…`,
 * `read -a`, `A=($(…))`).
 * Usage: node --import tsx scripts/osc-hunt41-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;
const BD = (v: string, s: string) => ` --block-device uuid=${v},source_type=volume,destination_type=volume,volume_size=${s}`;

const BOTH: Record<string, string> = {
  'read-loop-quoted': `while read -r v s; do ${C('vm-$v', BD('$v', '$s'))}; done <<'EOF'\nvol1 1\n\n  vol2   2  \nvol3 -1 extra\nEOF\n${C('last-$v-$s')}`,
  'read-loop-unquoted-vars': `VOL=vol7\nSIZE=3\nwhile read -r v s; do ${C('vm-$v', ' --block-device-mapping vdb=$v:volume:$s')}; done <<EOF\n$VOL $SIZE\n\${VOL}b 0\nEOF\n${C('last-$v')}`,
  'read-loop-ifs-jumps': `while IFS=, read -r v s; do [ "$v" = skip ] && continue; case $v in stop) break;; esac; if [ -z "$s" ]; then continue; fi; ${C('vm-$v', ' --swap $s')}; done <<EOF\nvol1,1\nskip,9\nvol2,\nvol3,3\nstop,0\nvol4,4\nEOF\n${C('last-$v-$s')}`,
  'read-loop-striptabs-for': `while read -r v\ndo\n\tfor d in a b; do ${C('vm-$v$d', ' --ephemeral size=1')}; done\ndone <<-EOF\n\tvol1\n\tvol2\n\tEOF\n${C('last-$v-$d')}`,
  'read-loop-untold': `while read -r v; do cat >/dev/null; ${C('vm-$v')}; done <<'EOF'\nvol1\nvol2\nEOF\nwhile read -r v; do ${C('vm2-$v')}; done <<EOF\n$(echo vol3)\nEOF\n${C('last')}`,
  'read-loop-devnull': `v=x\nwhile read -r v s; do ${C('vm-$v', ' --swap $s')}; done < /dev/null\n${C('last-$v-$s')}`,
  'nested-continue-2': `for s in 1 2 3; do for d in vol1 vol2; do [ $s = 2 ] && continue 2; ${C('vm-$s-$d', BD('$d', '$s'))}; done; done\n${C('last-$s-$d')}`,
  'nested-break-2': `for s in 1 2 3; do for d in vol1 vol2; do [ $s$d = 2vol2 ] && break 2; ${C('vm-$s-$d', ' --block-device-mapping vdb=$d:volume:$s')}; done; done\n${C('last-$s-$d')}`,
  'nested-while-for': `n=0\nwhile [ $n -lt 3 ]; do n=$((n+1)); for d in a b; do [ $d = b ] && [ $n = 2 ] && continue 2; [ $d = b ] && break; ${C('vm-$n$d', ' --swap $n')}; done; done\n${C('last-$n-$d')}`,
  'nested-continue-3': `for s in 1 2; do for d in a b; do for e in x y; do [ $e = y ] && continue 3; ${C('vm-$s$d$e')}; done; done; done\n${C('last-$s$d$e')}`,
  'case-item-after-compound': `for s in 1 2 3; do case $s in 2) for d in a b; do [ $d = b ] && break 2; ${C('vm-$s$d')}; done;; *) ${C('vm-$s')};; esac; done\ncase x in x) if true; then ${C('vm-if')}; fi;; *) ${C('vm-never')};; esac\ncase y in y) { ${C('vm-group')}; };; *) ${C('vm-never2')};; esac\n${C('last')}`,
  'retry-not-told': `n=0\nwhile ! ${C('vm-w', ' --swap 1')}; do n=$((n+1)); [ $n -ge 3 ] && break; done\n${C('after-$n')}\nfor i in 1 2 3; do ${C('vm-r$i')} && break; sleep 0; done\nuntil ${C('vm-u')}; do sleep 0; done\n${C('last')}`,
  'arrays-dash-stops': `${C('first')}\nvols=(vol1 vol2)\n${C('vm-a', ' --volume ${vols[0]}')}`,
};
const BASH: Record<string, string> = {
  'arrays': `vols=(vol1 vol2 vol3)\n${C('vm-1', BD('${vols[1]}', '${#vols[@]}'))}\nBD=()\nfor v in "\${vols[@]:1}"; do BD+=(--block-device "uuid=$v,source_type=volume,destination_type=volume"); done\n${C('vm-2 "${BD[@]}"')}\nvols+=(vol4)\n${C('vm-3-${#vols[@]}', ' --block-device-mapping vdb=${vols[-1]}:volume:${#BD[@]}')}\nvols=x\n${C('vm-4-${vols[0]}-${vols[1]}')}\nX="a b"\nW=($X "$X")\n${C('vm-5-${#W[@]}', ' --swap ${#W[2]}')}\nunset vols\n${C('last-${#vols[@]}')}`,
  'arrays-not-told': `f() { local L=(vol1 vol2); ${C('vm-f', ' --volume ${L[0]}')}; }\nf\nS[1]=vol2\n${C('vm-s', ' --volume ${S[1]}')}\nread -r -a R <<< "vol1 vol2"\n${C('vm-r', ' --volume ${R[1]}')}\nT=($(echo vol1))\n${C('vm-t', ' --volume ${T[0]}')}\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BOTH)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
for (const [id, body] of Object.entries(BASH)) cases.push({ id: `${id}-bash`, script: `#!/bin/bash\n${body}\n` });
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
