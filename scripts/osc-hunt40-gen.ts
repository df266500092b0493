/**
 * Hunt 40: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` with block devices, in three shapes operators write: retry and polling loops left by
 * `break`/`continue` inside an `if`, a `case` or an and-or list (`for i in 1 2 3; do openstack …
 * && break; sleep 0; done`, `while true; do …; break; done`, `until openstack …; do …; done`,
 * counters in `while [ $n -lt 3 ]`); a top-level `${1:?msg}` / `${VAR:?}` (the script runs with
 * no arguments, so the shell stops there); values from `read` (here-strings, here-documents,
 * `IFS=, read`) and bash arrays (`A=(…)`, `"${A[@]}"`, `${A[0]}`, `${#A[@]}`, `for d in
 * "${A[@]}"`) building `--block-device`, `--block-device-mapping`, `--volume` options.
 * Labelled by scripts/osc-hunt34-label.py; compared by scripts/osc-hunt34-difftest.ts. Every loop
 * it writes ends (a counter, a `break`, or the fake `openstack`'s status 0). Seeded.
 * Usage: node --import tsx scripts/osc-hunt40-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 40));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const H = 'openstack server create --flavor m1.small';
const MV = () => pick(['', '', '', '--os-compute-api-version 2.67 ', '--os-compute-api-version 2.42 ', '--os-compute-api-version 2.latest ']);
const head = () => `openstack ${MV()}server create --flavor m1.small`;

/** a block-device part built from the value v (some Nova or OSC refuses) */
function bdm(v: string, size = '$SIZE'): string {
  return pick([
    `--image cirros --block-device uuid=${v},source_type=volume,destination_type=volume,boot_index=1`,
    `--block-device uuid=${v},source_type=volume,destination_type=volume,boot_index=0`,
    `--image cirros --block-device source_type=blank,destination_type=volume,volume_size=${size}`,
    `--image cirros --block-device source_type=blank,destination_type=local,guest_format=swap,volume_size=${size}`,
    `--image cirros --block-device uuid=${v},source_type=snapshot,destination_type=volume,volume_size=${size},delete_on_termination=${pick(['true', 'False', 'maybe'])}`,
    `--image cirros --block-device-mapping vdb=${v}:volume:${size}:${pick(['true', 'false', ''])}`,
    `--image cirros --block-device-mapping vdc=${v}:snapshot`,
    `--volume ${v}`, `--snapshot ${v}`, `--volume ${v} --block-device-mapping vdb=${v}:volume`,
    `--image cirros --boot-from-volume ${size}`, `--image cirros --swap ${size}`,
    `--image cirros --ephemeral size=${size}${pick(['', ',format=ext4'])}`,
  ]);
}
const create = (name: string, v = '$VOL', size = '$SIZE') => `${head()} ${bdm(v, size)} ${name}`;

/** (1) loops left by break/continue inside if, case or an and-or list */
function loops(k: string): string {
  const c = (nm: string, v = '$VOL', s = '$SIZE') => create(nm, v, s);
  return pick([
    `for i in 1 2 3; do ${c(`vm${k}-$i`)} && break; sleep 0; done`,
    `for i in 1 2 3; do if ${c(`vm${k}-$i`)}; then break; fi; done`,
    `for i in 1 2 3; do ${c(`vm${k}-$i`)} || continue; break; done`,
    `while true; do ${c(`vm${k}`)}; break; done`,
    `while :; do ${c(`vm${k}`)} && break; done`,
    `until ${c(`vm${k}`)}; do sleep 0; done`,
    `until ${H} --image cirros vm${k}u; do :; done\n${c(`vm${k}`)}`,
    `n=0\nwhile [ $n -lt 3 ]; do n=$((n+1)); ${c(`vm${k}-$n`)}; done`,
    `n=0\nwhile [ $n -lt 3 ]; do n=$((n+1)); [ $n -eq 2 ] && continue; ${c(`vm${k}-$n`)}; done`,
    `n=0\nuntil [ $n -ge 2 ]; do ${c(`vm${k}-$n`)}; n=$((n+1)); done`,
    `n=0\nwhile true; do n=$((n+1)); if [ $n -gt 2 ]; then break; fi; ${c(`vm${k}-$n`)}; done`,
    `for i in 1 2 3; do case $i in 2) continue;; 3) break;; esac; ${c(`vm${k}-$i`)}; done`,
    `tries=0\nwhile ! ${c(`vm${k}`)}; do tries=$((tries+1)); [ $tries -ge 3 ] && exit 1; done`,
    `for i in 1 2 3; do if [ $i -eq $N ]; then ${c(`vm${k}-$i`)}; break; fi; done`,
    `for s in 1 2; do for d in a b; do ${c(`vm${k}-$s$d`, '$VOL', '$s')}; [ $d = a ] && break; done; done`,
    `for s in 1 2 3; do for d in a b; do [ $s = 2 ] && continue 2; ${c(`vm${k}-$s$d`, '$VOL', '$s')}; done; done`,
    `for s in 1 2 3; do for d in a b; do [ $s = 2 ] && break 2; ${c(`vm${k}-$s$d`, '$VOL', '$s')}; done; done`,
    `i=0\nwhile [ $i -lt 5 ]; do i=$((i+1)); case $i in 1|3) continue;; 4) break;; esac; ${c(`vm${k}-$i`, '$VOL', '$i')}; done`,
    `OK=no\nfor i in 1 2; do ${c(`vm${k}-$i`)} && OK=yes && break; done\n[ "$OK" = yes ] && ${H} --image cirros vm${k}ok`,
  ]);
}

/** (2) a top-level ${1:?} / ${VAR:?} */
function required(k: string): string {
  return pick([
    `NAME=\${1:?usage: $0 NAME}\n${create('$NAME')}`,
    `: "\${1:?need a volume}"\n${create(`vm${k}`)}`,
    `VOLID=\${2:?}\n${create(`vm${k}`, '$VOLID')}`,
    `: \${OS_CLOUD:?set OS_CLOUD}\n${create(`vm${k}`)}`,
    `: \${VOL:?}\n${create(`vm${k}`)}`,
    `: \${E:?empty}\n${create(`vm${k}`)}`,
    `: \${E?unset}\n${create(`vm${k}`)}`,
    `echo \${UNSET_X:?} >/dev/null\n${create(`vm${k}`)}`,
    `SZ=\${1:-$SIZE}\n${create(`vm${k}`, '$VOL', '$SZ')}`,
    `f() { : \${1:?}; ${create(`vm${k}f`)}; }\nf a\n( : \${1:?} ) 2>/dev/null || ${create(`vm${k}s`)}`,
    `[ -n "\${1:-}" ] || set -- $VOL\n${create(`vm${k}`, '$1')}`,
    `VOLID=\${VOLID:?}\n${create(`vm${k}`, '$VOLID')}`,
  ]);
}

/** (3) read and arrays building block devices */
function reading(k: string, bash: boolean): string {
  const forms = [
    `read -r MV <<< "2.67"\nopenstack --os-compute-api-version $MV server create --flavor m1.small ${bdm('$VOL')} vm${k}`,
    `read -r V S <<< "vol2 2"\n${create(`vm${k}`, '$V', '$S')}`,
    `read V S <<EOF\nvol3 3\nEOF\n${create(`vm${k}`, '$V', '$S')}`,
    `read -r V S <<'EOF'\n$VOL 4\nEOF\n${create(`vm${k}`, '$V', '$S')}`,
    `IFS=, read -r a b <<< "vol1,5"\n${create(`vm${k}`, '$a', '$b')}`,
    `IFS=: read -r a b c <<< "vdb:vol1:2"\n${H} --image cirros --block-device-mapping $a=$b:volume:$c vm${k}`,
    `read -r a <<< "  vol2  "\n${create(`vm${k}`, '$a')}`,
    `read -r a b <<< "vol2"\n${create(`vm${k}\${b:+-$b}`, '$a')}`,
    `read -r a b <<< "vol1 1 extra"\n${create(`vm${k}`, '$a', '"$b"')}`,
    `DISKS=(vol1 vol2 vol3)\n${create(`vm${k}`, '${DISKS[0]}', '${#DISKS[@]}')}`,
    `DISKS=(vol1 vol2 vol3)\nfor d in "\${DISKS[@]}"; do ${create(`vm${k}-$d`, '$d')}; done`,
    `DISKS=(vol1 vol2)\nfor d in \${DISKS[@]}; do ${create(`vm${k}-$d`, '$d')}; done`,
    `DISKS=(vol1 vol2)\n${H} --image cirros --block-device-mapping vdb=\${DISKS[0]}:volume --block-device-mapping vdc=\${DISKS[1]}:volume vm${k}`,
    `SIZES_A=(1 2)\nBD=()\nfor s in "\${SIZES_A[@]}"; do BD+=(--block-device source_type=blank,destination_type=volume,volume_size=$s); done\n${H} --image cirros "\${BD[@]}" vm${k}`,
    `DISKS=(vol1 vol2)\n${create(`vm${k}`, '${DISKS[-1]}')}`,
    `DISKS=(vol1 vol2)\n${create(`vm${k}`, '${DISKS[2]:-vol9}')}`,
    `DISKS=(vol1 vol2)\n${create(`vm${k}-\${#DISKS[@]}`, '$DISKS')}`,
    `DISKS=("vol 1" vol2)\nfor d in "\${DISKS[@]}"; do ${H} --volume "$d" vm${k}; done`,
    `read -ra DISKS <<< "vol1 vol2"\nfor d in "\${DISKS[@]}"; do ${create(`vm${k}-$d`, '$d')}; done`,
    `while read -r v s; do ${create(`vm${k}-$v`, '$v', '$s')}; done <<EOF\nvol1 1\nvol2 2\nEOF`,
    `while IFS=, read -r v s; do ${create(`vm${k}-$v`, '$v', '$s')}; done <<< "vol1,3"`,
    `DISKS=(vol1 vol2 vol3)\nfor ((i=0; i<\${#DISKS[@]}; i++)); do ${create(`vm${k}-$i`, '${DISKS[$i]}')}; done`,
  ];
  return bash ? pick(forms) : pick(forms.filter((f) => !f.includes('(') || f.includes('<<')));
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.65);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', 'VOL=vol1', `SIZE=${pick(['1', '0', '5'])}`, "E=''", `N=${pick(['1', '2', '3'])}`];
  if (chance(0.15)) lines.push(`export OS_COMPUTE_API_VERSION=${pick(['2.67', '2.1', '2.latest'])}`);
  if (chance(0.15)) lines.push('set -e');
  for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
    const r = rand();
    const id = `${j + 1}`;
    lines.push(r < 0.45 ? loops(id) : r < 0.6 ? required(id) : r < 0.95 ? reading(id, bash) : create(`vm${id}`));
  }
  lines.push(`${H} --image cirros --min $N last${k}`);
  cases.push({ id: `h40-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
