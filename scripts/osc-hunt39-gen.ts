/**
 * Hunt 39: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` commands, in the shapes operators write: functions called with arguments (`$1`, `$2`,
 * `$#`, `"$@"`, `shift`), `set -- a b` at the top, bash arrays (`A=(…)`, `"${A[@]}"`,
 * `${A[0]}`, `A+=(…)`), `for vol in $VOLS` (field splitting), here-strings (`<<<`) and `read`
 * from a here-document, and the block-device options in their forms (`--block-device` key=value
 * lists, `--block-device-mapping dev=id:type:size:delete`, `--volume`, `--snapshot`,
 * `--boot-from-volume`, `--swap`, `--ephemeral size=,format=`, `--os-compute-api-version` given
 * as a flag or in `OS_COMPUTE_API_VERSION`); besides, the statuses hunt 38 left: a compound whose
 * status its parts decide whatever runs (`if` without `else`, a loop left by `break`), `[[ a &&
 * b ]]` read by dash, an assignment's `$( … )` status in a loop, `$?` after a function.
 * Labelled by scripts/osc-hunt34-label.py; compared by scripts/osc-hunt39-difftest.ts. The
 * script runs with no arguments (what its top-level `$1` reads then). Every loop it writes ends.
 * Seeded. Usage: node --import tsx scripts/osc-hunt39-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 39));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const H = 'openstack server create --flavor m1.small';
const MV = () => pick(['', '', '', '--os-compute-api-version 2.67 ', '--os-compute-api-version 2.42 ', '--os-compute-api-version=2.90 ', '--os-compute-api-version 2.latest ', '--os-compute-api-version 2.19 ']);
const head = () => `openstack ${MV()}server create --flavor m1.small`;

/** a block-device part (some Nova or OSC refuses) */
function bdm(v: string): string {
  return pick([
    `--image cirros --block-device uuid=${v},source_type=volume,destination_type=volume,boot_index=1`,
    `--block-device uuid=${v},source_type=volume,destination_type=volume,boot_index=0`,
    `--image cirros --block-device source_type=blank,destination_type=volume,volume_size=${pick(['1', '$SIZE', '0', '"$SIZE"'])}`,
    `--image cirros --block-device source_type=blank,destination_type=local,guest_format=swap,volume_size=1`,
    `--image cirros --block-device source_type=blank,destination_type=local,volume_size=2,boot_index=-1`,
    `--image cirros --block-device uuid=${v},source_type=snapshot,destination_type=volume,delete_on_termination=${pick(['true', 'yes', 'False', 'maybe'])}`,
    `--image cirros --block-device uuid=${v},source_type=volume,destination_type=volume,device_type=${pick(['disk', 'cdrom', 'floppy', 'lun'])},disk_bus=${pick(['virtio', 'scsi', 'ide', 'usb'])}`,
    `--image cirros --block-device-mapping vdb=${v}:volume:${pick(['', '1', '5'])}:${pick(['true', 'false', ''])}`,
    `--image cirros --block-device-mapping vdc=${v}:snapshot:2`,
    `--image cirros --block-device-mapping vdb=${v}`,
    `--volume ${v}`, `--snapshot ${v}`, `--volume ${v} --block-device-mapping vdb=${v}:volume`,
    `--image cirros --boot-from-volume ${pick(['1', '$SIZE', '0', '-1', '10'])}`,
    `--image cirros --swap ${pick(['512', '$SWAP', '0', '2048'])}`,
    `--image cirros --ephemeral size=${pick(['1', '$SIZE', '10', '20'])}${pick(['', ',format=ext4', ',format=swap'])}`,
    `--image cirros --ephemeral size=1 --ephemeral size=2`,
    `--image cirros --swap 512 --ephemeral size=2,format=ext3`,
    `--volume ${v} --boot-from-volume 1`, `--snapshot ${v} --swap 100`,
  ]);
}

const create = (name: string, v = '$VOL') => `${head()} ${bdm(v)} ${name}`;

/** (1) functions called with arguments */
function functions(k: string): string {
  return pick([
    `mk() { ${H} --image cirros --block-device source_type=blank,destination_type=volume,volume_size=$2 "$1"; }\nmk vm${k}a 1\nmk vm${k}b 0`,
    `mk() { name=$1; shift; ${H} --image cirros "$@" "$name"; }\nmk vm${k} --swap 512\nmk vm${k}x --ephemeral size=1`,
    `boot() { local v=$1 size=\${2:-5}; ${H} --volume "$v" vm${k}-$size; }\nboot $VOL\nboot $VOL 7`,
    `f() { [ $# -lt 2 ] && return 1; ${create(`vm${k}-$2`, '$1')}; }\nf $VOL || ${H} --image cirros vm${k}short\nf $VOL b`,
    `f() { for v in "$@"; do ${H} --image cirros --block-device-mapping vdb=$v:volume vm${k}-$v; done; }\nf vol1 vol2`,
    `f() { echo "$#" >/dev/null; ${H} --image cirros --min $# vm${k}; }\nf a b\nf`,
    `f() { while [ $# -gt 0 ]; do ${H} --image cirros --swap "$1" vm${k}-$1; shift; done; }\nf 512 1024`,
    `f() { shift 2; ${H} --image cirros "$@"; }\nf x y --swap 64 vm${k}`,
    `f() { set -- --ephemeral size=2 vm${k}; ${H} --image cirros "$@"; }\nf a b c`,
    `g() { ${H} --image cirros \${1:+--swap $1} vm${k}; }\ng\ng 256`,
    `g() { ${H} --image cirros --boot-from-volume \${1:-3} vm${k}\${2:+-$2}; }\ng\ng 0 z`,
  ]);
}

/** (2) set -- and shift at the top */
function positional(k: string): string {
  return pick([
    `set -- vol1 vol2\nfor v; do ${H} --volume $v vm${k}-$v; done`,
    `set -- 1 2 3\nshift\n${H} --image cirros --boot-from-volume $1 vm${k}-$#`,
    `set -- --swap 512\n${H} --image cirros "$@" vm${k}`,
    `set -- "a b" c\n${H} --image cirros --min $# vm${k}-$2`,
    `set -- x\nshift\n${H} --image cirros vm${k}-\${1:-none}-$#`,
    `set -- a b c\nwhile [ $# -gt 1 ]; do shift; done\n${H} --image cirros vm${k}-$1`,
    `set -- $VOLS\n${H} --volume $1 vm${k}-$#`,
    `set --\n${H} --image cirros vm${k}-$#`,
    `set -- 2\nN=$1\n${H} --image cirros --min $N --max $((N+1)) vm${k}`,
  ]);
}

/** (3) bash arrays (dash: syntax or not found) */
function arrays(k: string): string {
  return pick([
    `VOLS_A=(vol1 vol2)\nfor v in "\${VOLS_A[@]}"; do ${H} --image cirros --block-device-mapping vdb=$v:volume:1:true vm${k}-$v; done`,
    `OPTS=(--image cirros --swap 512)\n${H} "\${OPTS[@]}" vm${k}`,
    `OPTS=(--image cirros)\nOPTS+=(--ephemeral size=1)\n${H} "\${OPTS[@]}" vm${k}`,
    `A=(a b c)\n${H} --image cirros --min \${#A[@]} vm${k}-\${A[1]}`,
    `A=(vol1)\n${H} --volume \${A[0]} vm${k}`,
    `A=()\n${H} --image cirros "\${A[@]}" vm${k}`,
    `declare -a B=(1 2)\n${H} --image cirros --boot-from-volume \${B[1]} vm${k}`,
  ]);
}

/** (4) field splitting, here-strings, read */
function reading(k: string): string {
  return pick([
    `for vol in $VOLS; do ${H} --volume $vol vm${k}-$vol; done`,
    `for vol in "$VOLS"; do ${H} --volume "$vol" vm${k}; done`,
    `for s in $SIZES; do ${H} --image cirros --boot-from-volume $s vm${k}-$s; done`,
    `read -r a b <<< "$VOLS"\n${H} --volume $b vm${k}-$a`,
    `read -r a b <<EOF\nx 5\nEOF\n${H} --image cirros --boot-from-volume $b vm${k}-$a`,
    `while read -r v s; do ${H} --image cirros --block-device uuid=$v,source_type=volume,destination_type=volume,volume_size=$s vm${k}-$v; done <<EOF\nvol1 1\nvol2 2\nEOF`,
    `IFS=, read -r a b <<< "vol1,vol2"\n${H} --volume $a vm${k}-$b`,
    `read -r SZ <<'EOF'\n$SIZE\nEOF\n${H} --image cirros --swap "$SZ" vm${k}`,
    `OPTS="--image cirros --swap 512"\n${H} $OPTS vm${k}`,
    `OPTS="--image cirros --swap 512"\n${H} "$OPTS" vm${k}`,
    `BDM="source_type=blank,destination_type=volume,volume_size=$SIZE"\n${H} --image cirros --block-device "$BDM" vm${k}`,
  ]);
}

/** (5) what hunt 38 left: statuses its parts decide */
function statuses(k: string): string {
  const c = `${H} --image cirros vm${k}`;
  return pick([
    `if [ "$X" = zz ]; then N=1; fi || ${c}`, `if true | false; then N=1; fi || ${c}`, `if echo x | grep -q y; then N=1; fi || ${c}`,
    `until [ $# -eq 0 ]; do break; done || ${c}`, `while true; do break; done || ${c}`, `for i in 1 2; do break; done && ${c}`,
    `while [[ $N == 3 && $X == ab ]]; do ${c}; break; done`, `if [[ $X == a* && $N -gt 1 ]]; then ${c}; fi`, `[[ -n $X || -z $E ]] && ${c}`,
    `for i in 1 2; do X2=$(false); done && ${c}`, `for i in 1 2; do X2=$(true); done && ${c}`,
    `f() { return 3; }\nf; S=$?\n[ $S -eq 3 ] && ${c}`, `f() { ( false ); }\nf || ${c}`, `f() { ( exit 3 ); }\nf && exit 3\n${c}`,
    `for i in 1 2 3; do [[ $X == "a"? ]] && break; ${c}; done`, `for i in 1 2 3; do [[ $X == a"?" ]] && break; ${c}-$i; done`,
    `if [ -z "$1" ]; then ${c}; elif [ "$1" = x ]; then exit 3; fi`, `[[ $X =~ ^a ]] && ${c}`, `[[ $X =~ b$ ]] || exit 3\n${c}`,
    `[[ $X =~ [0-9]+ ]] && exit 3\n${c}`, `for i in a b c; do case $i in b) continue;; c) break;; esac; ${c}-$i; done`,
    `test -n "$E" || ${c}`, `[ ! -z "$X" ] && ${c}`, `! [ "$X" = ab ] || ${c}`,
  ]);
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.6);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', 'VOL=vol1', `VOLS="${pick(['vol1 vol2', 'vol1', ' vol1  vol2 ', ''])}"`, `SIZES='${pick(['1 2', '0 5', '3'])}'`, `SIZE=${pick(['1', '0', '5'])}`, `SWAP=${pick(['512', '0'])}`, "X='ab'", "E=''", `N=${pick(['3', '0', '2'])}`];
  if (chance(0.25)) lines.push(`export OS_COMPUTE_API_VERSION=${pick(['2.67', '2.1', '2.42', '2.latest'])}`);
  for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
    const r = rand();
    const id = `${j + 1}`;
    lines.push(r < 0.2 ? functions(id) : r < 0.35 ? positional(id) : r < (bash ? 0.5 : 0.4) ? arrays(id) : r < 0.65 ? reading(id) : r < 0.85 ? statuses(id) : create(`vm${id}`));
    if (chance(0.3)) lines.push(create(`vm${j + 10}`));
  }
  lines.push(`${H} --image cirros --min $N last${k}`);
  cases.push({ id: `h39-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
