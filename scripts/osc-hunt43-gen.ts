/**
 * Hunt 43: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` and `server add volume`, in shapes earlier hunts' generators did not write: `set -euo
 * pipefail` (dash 0.5.12 has no pipefail) and `set -u` on an unset name; `case` choosing the
 * block-device flags; `getopts` over `set --` words; functions with `local`, `shift`, `"$@"`,
 * `"$*"` and `$*`; `${var:-d}`, `${var:=d}`, `${var:?msg}`, `${#arr[@]}`, `${var/pat/rep}`,
 * `${var#pre}`, `${var%suf}`, `${var^^}`; arithmetic `$(( ))` in sizes; `xargs` feeding words to
 * `openstack`; `eval` of a built line; `--block-device` key=value lists with CSV quoting; OSC's
 * option abbreviations, `--opt=value` and `--`; the microversion from the global option (and its
 * abbreviation) or from OS_COMPUTE_API_VERSION (exported, or on the command's own line). Labelled
 * by scripts/osc-hunt34-label.py, compared by scripts/osc-hunt34-difftest.ts. Every loop ends.
 * Mode b (a fourth argument) adds argument arrays, counters, `((i++))` under `set -e`, here-strings,
 * bash's `for ((…))`, `let`, `printf -v`, `trap … EXIT`, `IFS=:` loops, a readonly version.
 * Usage: node --import tsx scripts/osc-hunt43-gen.ts N SEED [a|b] > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 43));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const H = 'openstack server create --flavor m1.small';
const mv = () => pick(['', '', '', '--os-compute-api-version 2.67 ', '--os-compute-api-version=2.42 ', '--os-compute-api-version 2.19 ', '--os-compute-api 2.67 ']);
const flavor = () => pick(['--flavor m1.small', '--flavor=m1.small', '--flav m1.small', '--fla m1.small']);
const head = () => `openstack ${mv()}server create ${flavor()}`;

/** a `--block-device` value (CSV key=value list; some OSC or Nova refuses) from v and s */
function bdv(v: string, s: string): string {
  return pick([
    `uuid=${v},source_type=volume,destination_type=volume,boot_index=0`,
    `'uuid=${v},source_type=volume,destination_type=volume,boot_index=0,delete_on_termination=true'`,
    `"source_type=blank,destination_type=volume,volume_size=${s}"`,
    `source_type=blank,destination_type=local,guest_format=swap,volume_size=${s}`,
    `source_type=blank,destination_type=local,volume_size=${s},guest_format=ext4`,
    `'"uuid=${v}",source_type=volume,destination_type=volume'`,
    `'source_type=image,uuid=cirros,destination_type=volume,volume_size=${s},boot_index=0'`,
    `"uuid=${v},source_type=snapshot,destination_type=volume,volume_size=${s},disk_bus=virtio,device_type=disk"`,
    `"uuid=${v},source_type=volume,destination_type=volume,tag=data,volume_type=ssd"`,
    `'uuid=${v},source_type=volume,"tag=a,b"'`,
    `uuid=${v},source_type=volume,destination_type=volume,boot_index=none`,
    `uuid=${v},source_type=volume,destination_type=volume,boot_index=-1,device_name=vdb`,
    `source_type=blank,destination_type=volume,volume_size=${s},delete_on_termination=yes`,
    `"uuid=${v}, source_type=volume"`,
    `uuid=${v},source_type=volume,destination_type=volume,volume_size=`,
  ]);
}
/** a block-device part of a create line */
function bdm(v: string, s: string): string {
  return pick([
    `--image cirros --block-device ${bdv(v, s)}`,
    `--block-device ${bdv(v, s)}`,
    `--image=cirros --block-dev ${bdv(v, s)}`,
    `--image cirros --block-device-mapping vdb=${v}:volume:${s}:${pick(['true', 'false', ''])}`,
    `--image cirros --block-device-mapping vdb=${v}:snapshot:${s}`,
    `--volume ${v}`, `--vol ${v}`, `--snapshot ${v}`, `--snap ${v}`,
    `--image cirros --swap ${s}`, `--image cirros --swap=${s}`, `--image cirros --sw ${s}`,
    `--image cirros --ephemeral size=${s}`, `--image cirros --ephemeral size=${s},format=ext4`, `--image cirros --ephem size=${s}`,
    `--image cirros --boot-from-volume ${s}`, `--imag cirros --boot-from-vol ${s}`,
    `--volume ${v} --boot-from-volume ${s}`,
  ]);
}
const create = (name: string, v: string, s: string) => `${head()} ${bdm(v, s)} ${name}`;

/** (1) set -e / -u / -o pipefail */
function sets(k: string, bash: boolean): string {
  return pick([
    `set -euo pipefail\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `set -eu\n${create(`vm${k}`, '$VOL', '${SIZE}')}\n${H} --image cirros vm${k}-b-\${UNSET_NAME}`,
    `set -u\n${create(`vm${k}`, '${VOL}', '${MISSING:-2}')}`,
    `set -e\nfalse || true\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `set -e\n${bash ? '[[ $SIZE -gt 9 ]] && exit 0' : '[ $SIZE -gt 9 ] && exit 0'}\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `set -o errexit -o nounset\n${create(`vm${k}`, '$VOL', '${SIZE:-1}')}`,
    `set -u\nls -d /nonexistent-dir >/dev/null 2>&1 || ${create(`vm${k}-fallback`, '$VOL', '$SIZE')}`,
  ]);
}

/** (2) case choosing flags */
function cases(k: string): string {
  const mode = pick(['vol', 'snap', 'img', 'blank', 'other', '$MODE']);
  return pick([
    `mode=${mode}\ncase "$mode" in\n  vol) BD="--volume $VOL";;\n  snap) BD="--snapshot snap1";;\n  blank) BD="--image cirros --block-device source_type=blank,destination_type=volume,volume_size=$SIZE";;\n  *) BD="--image cirros";;\nesac\n${H} $BD vm${k}-$mode`,
    `case ${mode} in vol|snap) ${create(`vm${k}-a`, '$VOL', '$SIZE')} ;; img) ${H} --image cirros --swap $SIZE vm${k}-b ;; *) ${H} --image cirros vm${k}-c ;; esac`,
    `case "$SIZE" in\n  0) EPH="" ;;\n  [1-4]) EPH="--ephemeral size=$SIZE" ;;\n  *) EPH="--ephemeral size=$((SIZE*2))" ;;\nesac\n${H} --image cirros $EPH vm${k}-$SIZE`,
    `for m in vol img blank; do\n  case $m in\n    vol) set -- --volume "$VOL" ;;\n    img) set -- --image cirros --swap "$SIZE" ;;\n    blank) set -- --image cirros --block-device "source_type=blank,destination_type=volume,volume_size=$SIZE" ;;\n  esac\n  ${H} "$@" vm${k}-$m\ndone`,
    `case $VOL in vol*) ${create(`vm${k}-\${VOL#vol}`, '$VOL', '$SIZE')} ;; esac\ncase x$NOPE in x) ${H} --image cirros vm${k}-empty;; esac`,
    `case "$SIZE" in 0|1) ;& 5) ${H} --image cirros --swap $SIZE vm${k}-ft ;; esac`,
    `case "$SIZE" in 1) S=one ;;& *) ${H} --image cirros vm${k}-\${S:-none} ;; esac`,
  ]);
}

/** (3) getopts over words set by `set --` (the script has no arguments of its own) */
function getopts(k: string): string {
  const words = pick(['-v vol2 -s 3', '-s 0 -v vol3', '-v vol4', '-b -s 2', '-s5 -v vol1', '-x -v vol2', '']);
  return `set -- ${words}\nV=$VOL S=$SIZE B=\nOPTIND=1\nwhile getopts "v:s:b" opt; do\n  case $opt in\n    v) V=$OPTARG ;;\n    s) S=$OPTARG ;;\n    b) B=1 ;;\n    *) echo bad >&2 ;;\n  esac\ndone\nshift $((OPTIND-1))\nif [ -n "$B" ]; then ${H} --volume "$V" --boot-from-volume "$S" vm${k}-b; else ${create(`vm${k}-$V-$S`, '"$V"', '"$S"')}; fi`;
}

/** (4) functions with local, shift, "$@", "$*" */
function funcs(k: string, bash: boolean): string {
  const loc = bash || chance(0.5) ? 'local' : '';
  return pick([
    `mk() {\n  ${loc} name=$1\n  shift\n  ${H} "$@" "$name"\n}\nmk vm${k}-a --image cirros --swap $SIZE\nmk vm${k}-b --volume "$VOL"\nmk "vm${k} c" --image cirros --ephemeral size=1`,
    `mk() { ${H} $* vm${k}-$#; }\nmk --image cirros --swap $SIZE\nmk "--volume $VOL"`,
    `mk() { ${H} "$*" vm${k}-$#; }\nmk --image cirros\nmk --volume`,
    `bd() { echo "source_type=blank,destination_type=volume,volume_size=$1"; }\n${H} --image cirros --block-device "$(bd $SIZE)" vm${k}-x\n${H} --image cirros --block-device $(bd $((SIZE+1))) vm${k}-y`,
    `boot() {\n  ${loc} vol=\${1:?volume needed} size=\${2:-1}\n  ${create(`vm${k}-$vol`, '$vol', '$size')}\n}\nboot "$VOL"\nboot vol9 $((SIZE*3))\necho \${vol:-gone}`,
    `function mkv {\n  ${H} --image cirros "$@"\n}\nmkv --swap $SIZE vm${k}-1\nmkv -- vm${k}-2`,
    `attach() { openstack server add volume "$1" "$2" \${3:+--device $3}; }\nattach vm${k} "$VOL" /dev/vdb\nattach vm${k} vol2`,
    `mk() { ${loc} IFS=,; ${H} --image cirros --block-device "$*" vm${k}; }\nmk uuid=$VOL source_type=volume destination_type=volume`,
    `mk() { return 0; ${H} --image cirros vm${k}-never; }\nmk\n${H} --image cirros vm${k}-after`,
  ]);
}

/** (5) parameter expansions and arithmetic */
function expans(k: string, bash: boolean): string {
  const bashOnly = [
    `A=(vol1 vol2 vol3)\n${create(`vm${k}-\${#A[@]}`, '${A[$((${#A[@]}-1))]}', '${#A[@]}')}`,
    `NAME=web\n${create(`\${NAME^^}-${k}`, '${VOL/vol/snap}', '$SIZE')}`,
    `${create(`vm${k}-\${VOL//l/L}`, '${VOL/#vol/v}', '${SIZE}')}`,
    `X=vol12345\n${create(`vm${k}-\${X:3:2}`, '${X:0:4}', '${#X}')}`,
  ];
  const both = [
    `${create(`vm${k}`, '${VOL:-vol0}', '${EMPTY:-3}')}`,
    `: \${DEF:=4}\n${create(`vm${k}-$DEF`, '$VOL', '$DEF')}`,
    `${create(`vm${k}`, '${VOL:?no volume}', '${SIZE:?}')}`,
    `${create(`vm${k}`, '$VOL', '${NOSIZE:?size unset}')}\n${H} --image cirros vm${k}-after`,
    `${create(`vm${k}-\${VOL#vo}`, '${VOL%1}x', '$((SIZE + 1))')}`,
    `${create(`vm${k}`, '$VOL', '$(( (SIZE+1) * 2 ))')}`,
    `GB=$((SIZE*1024/1024))\n${create(`vm${k}-$GB`, '$VOL', '$GB')}`,
    `i=0\ni=$((i+2))\n: $((i+=1))\n${create(`vm${k}-$i`, 'vol$i', '$i')}`,
    `${create(`vm${k}-\${#VOL}`, '$VOL', '${#VOL}')}`,
    `${create(`vm${k}`, '${EMPTY+set}', '${SIZE+2}')}`,
    `${create(`vm${k}`, '$VOL', '$((SIZE > 3 ? 1 : 2))')}`,
    `${create(`vm${k}`, '$VOL', '$((0x10))')}`,
  ];
  return pick(bash ? [...bashOnly, ...both] : both);
}

/** (6) xargs and eval */
function xe(k: string): string {
  return pick([
    `printf '%s\\n' vm${k}-a vm${k}-b | xargs -n1 ${H} --image cirros --swap $SIZE`,
    `echo "$VOL vol2" | xargs -n1 -I{} ${H} --volume {} vm${k}-{}`,
    `printf '%s\\n' vol1 vol2 | xargs -I % ${H} --image cirros --block-device uuid=%,source_type=volume,destination_type=volume vm${k}-%`,
    `echo --image cirros --swap 1 vm${k} | xargs ${H}`,
    `ARGS="--image cirros --swap $SIZE"\neval ${H} $ARGS vm${k}-e`,
    `BD="source_type=blank,destination_type=volume,volume_size=$SIZE"\neval "${H} --image cirros --block-device \\"$BD\\" vm${k}-q"`,
    `CMD='${H} --volume $VOL vm${k}-late'\nVOL=vol7\neval "$CMD"`,
    `eval "V${k}=vol3"\n${create(`vm${k}`, `$V${k}`, '$SIZE')}`,
    `for v in vol1 vol2; do eval "${H} --volume $v vm${k}-$v"; done`,
  ]);
}

/** (7) `--`, --opt=value, add volume, env microversion */
function misc(k: string): string {
  return pick([
    `${H} --image cirros --swap $SIZE -- vm${k}`,
    `${H} --image cirros -- --swap 1`,
    `${H} --image=cirros --swap=$SIZE --ephemeral=size=1 vm${k}`,
    `OS_COMPUTE_API_VERSION=2.67 ${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `export OS_COMPUTE_API_VERSION=2.${pick(['19', '42', '67', '90', 'latest'])}\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `OS_COMPUTE_API_VERSION=2.67\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `OS_COMPUTE_API_VERSION=2.67; export OS_COMPUTE_API_VERSION\n${create(`vm${k}`, '$VOL', '$SIZE')}\nunset OS_COMPUTE_API_VERSION\n${create(`vm${k}-u`, '$VOL', '$SIZE')}`,
    `openstack server add volume vm${k} $VOL --device /dev/vdb\nopenstack --os-compute-api-version 2.49 server add volume --tag t vm${k} vol2`,
    `openstack server add volume vm${k} "$VOL" ${pick(['--enable-delete-on-termination', '--disable-delete-on-termination', '--tag data', '--dev /dev/vdc'])}`,
    `env OS_COMPUTE_API_VERSION=2.42 ${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `${H} --image cirros --block-device source_type=blank,destination_type=volume,volume_size=$SIZE --block-device ${bdv('vol2', '$SIZE')} vm${k}`,
    `${H} \\\n  --image cirros \\\n  --block-device ${bdv('$VOL', '$SIZE')} \\\n  vm${k}`,
  ]);
}

/** (8, mode b) argument arrays, counters, `((…))` under `set -e`, here-strings, bash's loops, tests */
function more(k: string, bash: boolean): string {
  const bashOnly = [
    `args=(--image cirros)\nargs+=(--block-device "source_type=blank,destination_type=volume,volume_size=$SIZE")\n[ "$MODE" = vol ] && args=(--volume "$VOL")\n${H} "\${args[@]}" vm${k}-\${#args[@]}`,
    `args=(--flavor m1.small)\nfor v in vol1 vol2; do args+=(--block-device "uuid=$v,source_type=volume,destination_type=volume"); done\nopenstack server create --image cirros "\${args[@]}" vm${k}`,
    `set -e\ni=0\n((i++))\n${H} --image cirros --swap $i vm${k}-$i`,
    `set -e\ni=1\n((i++))\n${H} --image cirros --swap $i vm${k}-$i`,
    `for ((i=0; i<2; i++)); do ${create(`vm${k}-$i`, 'vol$i', '$((i+1))')}; done\n${H} --image cirros after${k}-$i`,
    `read -r v s <<< "$VOL $SIZE"\n${create(`vm${k}-$v`, '$v', '$s')}`,
    `[[ $MODE == v* ]] && ${H} --volume $VOL vm${k}-v || ${H} --image cirros vm${k}-o`,
    `let n=SIZE*2\n${H} --image cirros --ephemeral size=$n vm${k}-$n`,
    `mk() { ${H} "\${@:2}" "$1"; }\nmk vm${k}-a --image cirros --swap $SIZE`,
    `declare -r RO=vol9\n${create(`vm${k}`, '$RO', '$SIZE')}`,
    `printf -v NAME 'vm-%s-%02d' ${k} $SIZE\n${create('$NAME', '$VOL', '$SIZE')}`,
  ];
  const both = [
    `i=0\nwhile [ $i -lt 3 ]; do i=$((i+1)); ${create(`vm${k}-$i`, 'vol$i', '$i')}; done\n${H} --image cirros after${k}-$i`,
    `n=0\nprintf 'vol1 1\\nvol2 2\\n' | while read -r v s; do n=$((n+1)); ${create(`vm${k}-$n`, '$v', '$s')}; done\n${H} --image cirros after${k}-$n`,
    `printf 'vol1 1\\nvol2 2\\n' | ( while read -r v s; do ${create(`vm${k}-$v`, '$v', '$s')}; done; ${H} --image cirros in${k}-$v )`,
    `export OS_COMPUTE_API_VERSION=\${OS_COMPUTE_API_VERSION:-2.67}\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `set -e\nfalse\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `set -e\nf() { false; ${H} --image cirros in${k}; }\nif f; then :; fi\nf || true\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `if [ -n "\${VOL:-}" ] && [ "$SIZE" -gt 0 ]; then ${create(`vm${k}-y`, '$VOL', '$SIZE')}; else ${H} --image cirros vm${k}-n; fi`,
    `test "$MODE" != img || ${H} --image cirros --swap $SIZE vm${k}-img`,
    `[ "$SIZE" -eq 0 ] && SIZE=1\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `for v in $(printf '%s ' vol1 vol2); do ${create(`vm${k}-$v`, '$v', '$SIZE')}; done`,
    `set -- vol3 2\nshift\n${create(`vm${k}-$#`, '$VOL', '$1')}`,
    `trap '${H} --image cirros trap${k}' EXIT\n${create(`vm${k}`, '$VOL', '$SIZE')}`,
    `IFS=:\nL="vol1:vol2"\nfor v in $L; do ${create(`vm${k}-$v`, '$v', '$SIZE')}; done\nunset IFS`,
    `readonly OS_COMPUTE_API_VERSION=2.42\nOS_COMPUTE_API_VERSION=2.67 ${create(`vm${k}`, '$VOL', '$SIZE')}`,
  ];
  return pick(bash ? [...bashOnly, ...both] : both);
}

const mode = process.argv[4] ?? 'a';
const out: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.6);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', `VOL=${pick(['vol1', 'vol2'])}`, `SIZE=${pick(['1', '0', '5', '2'])}`, `MODE=${pick(['vol', 'img', 'snap', 'blank'])}`];
  if (chance(0.08)) lines.push(`export OS_COMPUTE_API_VERSION=${pick(['2.67', '2.latest', '2.42'])}`);
  for (let j = 0, m = 1 + Math.floor(rand() * 2); j < m; j++) {
    const id = `${j + 1}`;
    const r = rand();
    lines.push(mode === 'b' && rand() < 0.6 ? more(id, bash) : r < 0.12 ? sets(id, bash) : r < 0.27 ? cases(id) : r < 0.37 ? getopts(id) : r < 0.55 ? funcs(id, bash) : r < 0.72 ? expans(id, bash) : r < 0.85 ? xe(id) : misc(id));
  }
  lines.push(`${H} --image cirros last${k}`);
  out.push({ id: `h43-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);

// (a module: its names are its own)
export {};
