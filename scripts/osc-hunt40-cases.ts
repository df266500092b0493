/**
 * Hunt 40's hand-written cases: the shapes of `openstack` scripts this hunt taught bdm-lab, each
 * run by dash (`#!/bin/sh`) and by bash (`#!/bin/bash`) (here-strings by bash only: dash has
 * none): a `while`/`until` loop whose head the values held decide, left by a `break` or cut short
 * by a `continue` inside an `if`, a `case` (`1|3) continue;;`) or an and-or list; `while true`,
 * `while :`, `until false` (builtins whose status is told) with a counter and a `break`; a retry
 * loop whose `openstack` status is not told; `read -r A B` from a here-string or a
 * here-document (quoted delimiter or not, `IFS=,` / `IFS=:` before it) building `--block-device`,
 * `--block-device-mapping`, `--swap`, `--os-compute-api-version`.
 * Usage: node --import tsx scripts/osc-hunt40-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;

const BOTH: Record<string, string> = {
  'while-case-jumps': `i=0\nwhile [ $i -lt 5 ]; do i=$((i+1)); case $i in 1|3) continue;; 4) break;; esac; ${C('vm-$i', ' --block-device source_type=blank,destination_type=volume,volume_size=$i')}; done\n${C('last-$i')}`,
  'while-andor-jumps': `n=0\nwhile [ $n -lt 9 ]; do n=$((n+1)); [ $n -eq 2 ] && continue; [ $n -gt 3 ] && break; ${C('vm-$n', ' --swap $n')}; done\n${C('last-$n')}`,
  'while-true-if-break': `n=0\nwhile true; do n=$((n+1)); if [ $n -gt 2 ]; then break; fi; ${C('vm-$n', ' --ephemeral size=$n')}; done\n${C('last-$n')}`,
  'until-false-break': `n=0\nuntil false; do n=$((n+1)); [ $n -ge 2 ] && break; ${C('vm-$n')}; done\nwhile :; do ${C('vm-colon')}; break; done\n${C('last-$n')}`,
  'until-counter': `n=0\nuntil [ $n -ge 2 ]; do ${C('vm-$n', ' --block-device-mapping vdb=vol1:volume:$((n+1)):true')}; n=$((n+1)); done\n${C('last-$n')}`,
  'retry-unknown-status': `for i in 1 2 3; do ${C('vm-r$i')} && break; sleep 0; done\nwhile ! ${C('vm-w')}; do sleep 0; done\n${C('last')}`,
  'read-heredoc': `read V S <<EOF\nvol3 3\nEOF\n${C('vm-$V', ' --block-device uuid=$V,source_type=volume,destination_type=volume,volume_size=$S')}\nread -r A B <<'EOF'\n  vol2   4 5 \nEOF\n${C('vm-$A', ' --block-device-mapping "vdb=$A:volume:$B"')}\n${C('last')}`,
  'read-heredoc-untold': `X=vol1\nread -r A <<EOF\n$X\nEOF\n${C('vm-$A')}\n${C('last')}`,
};
const BASH: Record<string, string> = {
  'read-herestring': `read -r MV <<< "2.67"\nopenstack --os-compute-api-version $MV server create --flavor m1.small --image cirros --block-device source_type=blank,destination_type=local,guest_format=swap,volume_size=1 vm1\nVOL=vol2\nread -r V S <<< "$VOL 2"\n${C('vm-$V', ' --block-device-mapping vdb=$V:volume:$S')}\n${C('last')}`,
  'read-ifs': `IFS=, read -r a b <<< "vol1,5"\n${C('vm-$a', ' --block-device uuid=$a,source_type=volume,destination_type=volume,volume_size=$b')}\nIFS=: read -r d v s <<< "vdb:vol1:2"\n${C('vm-$d', ' --block-device-mapping $d=$v:volume:$s')}\nread -r x y <<< "vol2"\n${C('vm${y:+-$y}')}\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BOTH)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
for (const [id, body] of Object.entries(BASH)) cases.push({ id: `${id}-bash`, script: `#!/bin/bash\n${body}\n` });
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
