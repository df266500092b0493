/**
 * Hunt 44: `openstack server create` in scripts shaped like operators' own, run by dash
 * (`#!/bin/sh`) or bash (`#!/bin/bash`): functions with `local` building the block-device flags
 * in variables (`--block-device`, `--block-device-mapping`, `--volume` with `--boot-from-volume`,
 * `--swap`, `--ephemeral`), `getopts` over `set --` words, here-documents feeding `while read`
 * loops (and files the script writes, then reads line by line with a counter), bash arrays
 * passed as `"${a[@]}"`, `set -u`/`-e`/`-o pipefail`, retry loops, and the arithmetic hunt 43b
 * left: `((…))` with `$`, quotes or a backslash, `((…))` inside an `eval` string, an `eval`'s
 * own status, C-style `for ((…))`, `X=1 let …`, `[[ … ]] && A || B` where B runs when A fails,
 * `( while read )` after `|`. Label with scripts/osc-hunt34-label.py, compare with
 * scripts/osc-hunt34-difftest.ts. Every loop the scripts hold ends.
 * Usage: node --import tsx scripts/osc-hunt44-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 44));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const H = 'openstack server create --flavor m1.small';
const size = () => pick(['1', '2', '5', '0', '$SIZE', '${SIZE:-1}', '$((SIZE+1))']);

/** a block-device part built in a variable (its text, and how it is used on the line) */
function bdVar(v: string): { set: string; use: string } {
  const s = size();
  return pick([
    { set: `BD="--volume ${v} --boot-from-volume ${s}"`, use: '$BD' },
    { set: `BD="--image cirros --swap ${s}"`, use: '$BD' },
    { set: `BD="--image cirros --ephemeral size=${s},format=ext4"`, use: '$BD' },
    { set: `BD="--image cirros --block-device source_type=blank,destination_type=volume,volume_size=${s}"`, use: '$BD' },
    { set: `BD="--image cirros --block-device-mapping vdb=${v}:volume:${s}:true"`, use: '$BD' },
    { set: `BD="--image cirros --block-device-mapping vdc=${v}:snapshot::false"`, use: '$BD' },
    { set: `BD="uuid=${v},source_type=volume,destination_type=volume,boot_index=0"`, use: '--block-device "$BD"' },
    { set: `BD="uuid=${v},source_type=volume,destination_type=volume,boot_index=0,delete_on_termination=true"`, use: '--block-device $BD' },
    { set: `BD="source_type=image,uuid=cirros,destination_type=volume,volume_size=${s},boot_index=0"`, use: '--block-device "$BD"' },
    { set: `BD="--snapshot ${v} --boot-from-volume ${s}"`, use: '$BD' },
    { set: `BD="--image cirros --swap ${s} --ephemeral size=1"`, use: '$BD' },
    { set: `BD=""`, use: '--image cirros $BD' },
    { set: `BD="--image cirros --boot-from-volume ${s} --block-device-mapping vdb=${v}:volume"`, use: '$BD' },
  ]);
}

/** (1) functions with local building the flags */
function funcs(k: string, bash: boolean): string {
  const loc = bash || chance(0.6) ? 'local ' : '';
  const b = bdVar('$vol');
  return pick([
    `create_vm() {\n  ${loc}name=$1 vol=$2\n  ${loc}${b.set.replace('BD=', 'bd=')}\n  ${H} ${b.use.replace('$BD', '$bd')} "$name"\n}\ncreate_vm vm${k}-a "$VOL"\ncreate_vm vm${k}-b vol9\necho "\${bd:-none}"`,
    `boot_vol() {\n  ${loc}vol=\${1:?} size=\${2:-1} extra=\n  [ "$size" -gt 2 ] && extra="--swap 1"\n  ${H} --volume "$vol" --boot-from-volume "$size" $extra vm${k}-"$vol"-"$size"\n}\nboot_vol "$VOL"\nboot_vol vol3 3`,
    `mk() {\n  ${loc}opts=\n  while [ $# -gt 1 ]; do opts="$opts $1"; shift; done\n  ${H} $opts "$1"\n}\nmk --image cirros --swap $SIZE vm${k}-a\nmk --volume "$VOL" vm${k}-b`,
    `die() { echo "$*" >&2; exit 1; }\nmk() {\n  ${loc}v=$1\n  [ -n "$v" ] || die "no volume"\n  ${H} --volume "$v" vm${k}-"$v"\n}\nmk "$VOL"\nmk "$EMPTY"\n${H} --image cirros never${k}`,
    `bdm_for() {\n  case $1 in\n    vol) echo "--volume $VOL" ;;\n    swap) echo "--image cirros --swap $SIZE" ;;\n    *) echo "--image cirros" ;;\n  esac\n}\nfor m in vol swap x; do ${H} $(bdm_for $m) vm${k}-$m; done`,
    `mk() {\n  ${loc}rc=0\n  ${H} --image cirros --ephemeral size=$1 vm${k}-$1 || rc=$?\n  return $rc\n}\nmk 1 && mk 2 || ${H} --image cirros fail${k}`,
  ]);
}

/** (2) getopts over set -- words */
function getopts(k: string): string {
  const words = pick(['-v vol2 -s 3', '-s 0 -v vol3 -e', '-v vol4 -n web', '-b -s 2', '-s5 -v vol1 extra', '-e -n db -s 1', '-x -v vol2', '']);
  const b = bdVar('$V');
  return `set -- ${words}\nV=$VOL S=1 B= E= N=vm${k}\nOPTIND=1\nwhile getopts ":v:s:ben:" opt; do\n  case $opt in\n    v) V=$OPTARG ;;\n    s) S=$OPTARG ;;\n    b) B=1 ;;\n    e) E="--ephemeral size=$S" ;;\n    n) N=$OPTARG ;;\n    \\?) echo "bad -$OPTARG" >&2 ;;\n  esac\ndone\nshift $((OPTIND - 1))\n${b.set}\nif [ -n "$B" ]; then\n  ${H} --volume "$V" --boot-from-volume "$S" "$N"\nelse\n  ${H} ${b.use} $E "$N"-$#\nfi`;
}

/** (3) here-docs feeding while read; files written and read back */
function heredocs(k: string, bash: boolean): string {
  const rows = pick(['vol1 1\nvol2 2', 'web vol1 1\ndb vol2 5', 'vol3 0']);
  const cols = rows.split('\n')[0].split(' ').length === 3 ? 'name v s' : 'v s';
  const nm = cols === 'name v s' ? '$name' : `vm${k}-$v`;
  const both = [
    `while read -r ${cols}; do\n  ${H} --volume "$v" --boot-from-volume "$s" ${nm}\ndone <<EOF\n${rows}\nEOF`,
    `while read -r ${cols}; do\n  [ "$s" -gt 0 ] || continue\n  ${H} --image cirros --swap "$s" ${nm}\ndone <<'EOF'\n${rows}\nEOF`,
    `cat > vols.txt <<EOF\n${rows}\nEOF\nn=0\nwhile read -r ${cols}; do\n  n=$((n + 1))\n  ${H} --image cirros --block-device "uuid=$v,source_type=volume,destination_type=volume" ${nm}-$n\ndone < vols.txt\n${H} --image cirros after${k}-$n`,
    `n=0\nwhile IFS=' ' read -r ${cols}; do\n  n=$((n+1))\ndone <<EOF\n${rows}\nEOF\n${H} --image cirros --swap $n count${k}-$n`,
    `printf '%s\\n' "${rows.replace(/\n/g, '" "')}" | while read -r ${cols}; do ${H} --volume "$v" ${nm}; done`,
    `cat <<EOF | while read -r ${cols}; do ${H} --image cirros --ephemeral size=$s ${nm}; done\n${rows}\nEOF`,
    `while read -r line; do\n  set -- $line\n  ${H} --volume "$1" vm${k}-"$1"-$#\ndone <<EOF\n${rows}\nEOF`,
  ];
  const bashOnly = [
    `n=0\nwhile read -r ${cols}; do\n  ((n++)) || true\n  ${H} --volume "$v" ${nm}-$n\ndone <<EOF\n${rows}\nEOF\n${H} --image cirros after${k}-$n`,
    `mapfile -t lines <<EOF\n${rows}\nEOF\nfor l in "\${lines[@]}"; do read -r ${cols} <<< "$l"; ${H} --volume "$v" ${nm}; done`,
    `while read -r ${cols}; do ${H} --volume "$v" ${nm}; done < <(printf '%s\\n' "${rows.replace(/\n/g, '" "')}")`,
  ];
  return pick(bash ? [...both, ...bashOnly] : both);
}

/** (4) bash arrays */
function arrays(k: string): string {
  const b = bdVar('$VOL');
  return pick([
    `args=(--flavor m1.small)\n${b.set}\nargs+=(${b.use})\nopenstack server create "\${args[@]}" vm${k}`,
    `vols=(vol1 vol2 vol3)\nfor i in "\${!vols[@]}"; do\n  ${H} --volume "\${vols[$i]}" vm${k}-$i\ndone`,
    `bd=()\nfor v in vol1 vol2; do bd+=(--block-device "uuid=$v,source_type=volume,destination_type=volume"); done\n${H} --image cirros "\${bd[@]}" vm${k}-\${#bd[@]}`,
    `declare -a opts=(--image cirros)\n[ "$SIZE" -gt 0 ] && opts+=(--swap "$SIZE")\n${H} "\${opts[@]}" vm${k}`,
    `declare -A size=([web]=1 [db]=5)\nfor r in web db; do ${H} --image cirros --ephemeral size=\${size[$r]} vm${k}-$r; done`,
    `opts=(--image cirros --swap "$SIZE")\n${H} \${opts[*]} vm${k}-star\n${H} "\${opts[@]:0:2}" vm${k}-slice`,
    `local_names=(a b)\nset -u\n${H} --image cirros vm${k}-\${local_names[1]}\n${H} --image cirros vm${k}-\${#local_names[@]}`,
  ]);
}

/** (5) set -u / -e / pipefail */
function sets(k: string, bash: boolean): string {
  return pick([
    `set -euo pipefail\n${H} --volume "$VOL" --boot-from-volume "$SIZE" vm${k}`,
    `set -eu\n: "\${SIZE:?}"\n${H} --image cirros --swap "$SIZE" vm${k}\n${H} --image cirros vm${k}-\${UNSET_X}`,
    `set -e\n${bash ? 'set -o pipefail\n' : ''}false | true\n${H} --image cirros vm${k}-pipe`,
    `set -e\nif ! ${H} --image cirros --swap $SIZE vm${k}-try; then ${H} --image cirros vm${k}-fallback; fi`,
    `set -u\nEXTRA=\${EXTRA:-}\n${H} --image cirros $EXTRA vm${k}`,
    `set -e\ntrue && false || ${H} --image cirros vm${k}-or\n${H} --image cirros vm${k}-after`,
    `set -e\ngrep -q nothing /dev/null || ${H} --image cirros vm${k}-g\n${H} --volume $VOL vm${k}-v`,
  ]);
}

/** (6) hunt 43b's gaps */
function gaps(k: string, bash: boolean): string {
  const bashOnly = [
    `step=2\ni=0\n((i += $step))\n${H} --image cirros --swap $i vm${k}-$i`,
    `i=1\n(( i = "$SIZE" + 1 ))\n${H} --image cirros vm${k}-$i`,
    `i=0\n((i+=\${SIZE}))\n${H} --image cirros vm${k}-$i`,
    `set -e\ni=0\neval '((i++))'\n${H} --image cirros vm${k}-$i`,
    `i=0\neval "((i+=3))"\n${H} --image cirros vm${k}-$i`,
    `set -e\neval 'false'\n${H} --image cirros vm${k}-never`,
    `eval 'false' || ${H} --image cirros vm${k}-or\neval true && ${H} --image cirros vm${k}-and`,
    `for ((i = 0; i < 2; i++)); do ${H} --image cirros --swap $((i+1)) vm${k}-$i; done\n${H} --image cirros vm${k}-end-$i`,
    `for ((i=1; i<=SIZE; i++)); do ${H} --image cirros vm${k}-$i; done`,
    `X=1 let y=X+1\n${H} --image cirros vm${k}-$y`,
    `[[ $MODE == vol ]] && ${H} --volume "$VOL" vm${k}-v || ${H} --image cirros vm${k}-i`,
    `[[ -n $VOL ]] && ${H} --volume "$VOL" --boot-from-volume 0 vm${k}-bad || ${H} --image cirros vm${k}-fallback`,
    `n=0\nfor try in 1 2 3; do\n  ((n++)) || true\n  [ $n -ge 2 ] && break\ndone\n${H} --image cirros vm${k}-$n`,
    `set -e\nc=0\n(( c+= 2, c*=3 ))\n${H} --image cirros vm${k}-$c`,
    `i=5\n(( i-- ))\nlet "i = i * 2"\n${H} --image cirros vm${k}-$i`,
  ];
  const both = [
    `printf 'vol1 1\\nvol2 2\\n' | ( while read -r v s; do ${H} --volume "$v" vm${k}-$v; done )`,
    `printf 'vol1\\nvol2\\n' | (\n  n=0\n  while read -r v; do n=$((n+1)); ${H} --volume "$v" vm${k}-$n; done\n  ${H} --image cirros in${k}-$n\n)`,
    `tries=0\nuntil [ $tries -ge 3 ]; do\n  tries=$((tries+1))\n  ${H} --image cirros --swap $tries vm${k}-$tries && break\ndone`,
    `n=0\nwhile :; do\n  n=$((n+1))\n  ${H} --image cirros vm${k}-try$n\n  [ $n -lt 2 ] || break\n  sleep 0\ndone\n${H} --image cirros done${k}-$n`,
    `for attempt in 1 2 3; do\n  if ${H} --volume "$VOL" vm${k}-a$attempt; then break; fi\ndone`,
    `i=0\nwhile [ "$i" -lt 2 ]; do i=$((i+1)); done\n${H} --image cirros --swap $i vm${k}-$i`,
  ];
  return pick(bash ? [...bashOnly, ...both] : both);
}

/** (7) versions, here-strings, misc */
function misc(k: string, bash: boolean): string {
  return pick([
    `export OS_COMPUTE_API_VERSION=2.${pick(['67', '42', '19'])}\n${H} --image cirros --block-device source_type=blank,destination_type=volume,volume_size=1,volume_type=ssd vm${k}`,
    `OS_COMPUTE_API_VERSION=2.67 ${H} --volume "$VOL" --boot-from-volume 1 vm${k}`,
    `${H} \\\n  --image cirros \\\n  --swap "$SIZE" \\\n  --ephemeral size=1 \\\n  --block-device-mapping vdd=$VOL:volume:1:false \\\n  vm${k}`,
    `NAME=vm${k}; [ -z "\${OVERRIDE:-}" ] || NAME=$OVERRIDE\n${H} --image cirros --swap 1 "$NAME"`,
    bash ? `read -r v s <<< "$VOL 3"\n${H} --volume "$v" --boot-from-volume "$s" vm${k}` : `IFS=, read -r v s <<EOF\n$VOL,3\nEOF\n${H} --volume "$v" --boot-from-volume "$s" vm${k}`,
    `openstack server add volume vm${k} "$VOL" --device /dev/vdb\n${H} --image cirros vm${k}`,
  ]);
}

const out: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.6);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', `VOL=${pick(['vol1', 'vol2'])}`, `SIZE=${pick(['1', '0', '5', '2'])}`, `MODE=${pick(['vol', 'img'])}`];
  for (let j = 0, m = 1 + Math.floor(rand() * 2); j < m; j++) {
    const id = `${j + 1}`;
    const r = rand();
    lines.push(r < 0.15 ? funcs(id, bash) : r < 0.27 ? getopts(id) : r < 0.45 ? heredocs(id, bash) : r < 0.55 && bash ? arrays(id) : r < 0.65 ? sets(id, bash) : r < 0.9 ? gaps(id, bash) : misc(id, bash));
  }
  lines.push(`${H} --image cirros last${k}`);
  out.push({ id: `h44-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);

// (a module: its names are its own)
export {};
