/**
 * Hunt 35: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` commands, stressing what the earlier hunts left: a stop (`exit`, `${X?}`, a `set -e`
 * failure, an arithmetic or syntax error) on a loop's later pass; `$((M--))` and other arithmetic
 * in an unquoted here-document; a `readonly` name whose value bdm-lab does not know; bash's
 * `((…))`, `let` and `$[…]` (dash has none of them); and shapes not yet stressed: functions with
 * `local` names and return codes, `set --` with `"$@"`/`"$*"` and `shift`, `IFS` changes and the
 * word splitting of unquoted names, `read` from here-strings and here-documents, command
 * substitution of printf/echo, `case` patterns with globs, `&&`/`||` chains, subshells against
 * groups, and bash's arrays. Labelled by scripts/osc-hunt34-label.py (the shell the first line
 * names, then the osc-oracle and the nova-oracle) and compared by scripts/osc-hunt34-difftest.ts:
 * both take any script whose first line names its shell.
 * Every loop it writes ends (a counted list or counter), and its `if` tests are ones the text
 * decides. Seeded. Usage: node --import tsx scripts/osc-hunt35-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 500);
const rand = rng(Number(process.argv[3] ?? 35));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const NUMS = ['N', 'M', 'K'];
const num = () => pick(['$N', '"$M"', '${K}', '$((N+1))', '$1', '${A:-2}', '"$R"']);

/** a server create reading the script's names (`--min`, the name, a volume) */
function create(k: string, min = chance(0.6)): string {
  const src = chance(0.8) ? '--image cirros' : pick(['--volume "$V"', '--volume $V', '--boot-from-volume 1 --image cirros', '--block-device-mapping vdb=$V:volume::true --image cirros']);
  const name = chance(0.25) ? pick([`vm${k}-$N`, `"$NAME"`, `$NAME`, `vm${k}$X`]) : `vm${k}`;
  return `openstack server create --flavor m1.small ${src}${min ? ` --min ${num()}` : ''} ${name}`;
}

/** (1) a stop on a loop's later pass, or a control whose stop never comes */
function laterPassStop(k: string): string {
  const stop = pick(['exit 3', ': ${U?gone}', ': "${E:?empty}"', 'false', ': $((1/0))', ': $((i/(i-2)))', 'return 2', 'break', 'continue', 'set -u; : $U']);
  const c = create(k);
  return pick([
    `for i in 1 2 3; do\n  [ $i = 2 ] && ${stop}\n  ${c}\ndone`,
    `for i in 1 2; do ${c}; if [ $i = 2 ]; then ${stop}; fi; done`,
    `n=0\nwhile [ $n -lt 3 ]; do\n  n=$((n+1))\n  [ $n -eq 2 ] && { ${stop}; }\n  ${c}\ndone`,
    `set -e\nfor i in 1 2; do ${c}; [ $i != 2 ]; done`,
    `set -e\nfor i in a b; do ${c}; test $i = a; done`,
    `for i in 1 '2 +'; do ${c}; : $(($i)); done`,
    `for i in 1 2; do ${c}; : $((i == 2 ? 1/0 : 1)); done`,
    `f() { [ "$1" = b ] && return 1; ${c}; }\nfor x in a b c; do f $x || ${pick(['break', 'exit 4', 'continue', 'true'])}; done`,
    `for i in x y; do\n  ${c}\n  case $i in y) ${stop};; esac\ndone`,
    `i=0\nuntil [ $i -ge 2 ]; do i=$((i+1)); ${c}; [ $i = 2 ] && ${stop}; done`,
  ]);
}

/** (2) arithmetic in a here-document: assigning, bash-only or refused by dash */
function heredocArith(): string {
  const v = pick(NUMS);
  const a = pick([`${v}--`, `${v}++`, `--${v}`, `++${v}`, `${v}+=1`, `${v}=9`, `${v}*2`, `2**3`, `${v}, 1`, `1/0`, `${v} - -1`, `${v}--+1`, `-${v}`]);
  const body = pick([`$((${a}))`, `x $((${a})) y`, `$[${v}+1]`, `\${${v}:-$((${a}))}`]);
  const delim = pick(['EOF', 'EOF', 'EOF', "'EOF'", '"EOF"', '\\EOF']);
  const dash = chance(0.2) ? '-' : '';
  return `${pick(['cat', ':', 'read R'])} <<${dash}${delim} ${pick(['>/dev/null', ''])}\n${dash ? '\t' : ''}${body}\nEOF`;
}

/** (3) a readonly name whose value bdm-lab may not know */
function readonlyUnknown(): string {
  const v = pick(NUMS);
  const val = pick(['$(date +%s)', '"$(echo 4)"', '$(printf 7)', '${HOME#/}', '"$1"', '3', '`echo 2`']);
  const after = pick([`: $((${v}=2))`, `${v}=5`, `: $((${v}+1))`, `${v}=5 true`, `: \${${v}:=6}`, `export ${v}`, `unset ${v}`, `( ${v}=1 )`, `: $((${v}++))`, `read ${v} <<EOF\n8\nEOF`]);
  return pick([`readonly ${v}=${val}\n${after}`, `${v}=${val}\nreadonly ${v}\n${after}`, `readonly ${v}=${val}; ${after} || true`]);
}

/** (4) bash's `((…))`, `let` and `$[…]` (dash: a nested subshell, no `let`, a literal `$[`) */
function bashArith(): string {
  const v = pick(NUMS);
  return pick([
    `((${v}++))`, `((${v}+=2))`, `(( ${v} = ${v} * 3 ))`, `let ${v}=${v}+1`, `let "${v} *= 2"`, `let ${v}++ ${v}++`, `${v}=$[${v}+1]`, `: $[${v}=4]`,
    `((${v} > 2)) && ${v}=0`, `((0)) || ${v}=8`, `let 0 || ${v}=11`, `if ((${v})); then ${v}=1; fi`, `(( ${v}-- ))`, `echo $[1/0] >/dev/null`,
    `for ((j=0; j<2; j++)); do ${v}=$((${v}+1)); done`,
  ]);
}

/** (5) the other shapes */
function shape(k: string): string {
  const c = create(k);
  return pick([
    // functions with local names and return codes
    `f() { local N=7; ${c}; }\nf`, `f() { local N; N=8; }\nf`, `f() { N=6; return 1; }\nf || ${c}`, `g() { return $1; }\ng 0 && ${c}`,
    `g() { return 2; }\ng; R=$?`, `f() { local M=$1; N=$M; }\nf 5`, `f() { N=$(( $1 + 1 )); }\nf 4; ${c}`,
    // set --, "$@", "$*", shift
    `set -- --min 2\nopenstack server create --flavor m1.small --image cirros "$@" vmS${k}`, `set -- 4 5\nshift\nN=$1`, `set -- a b c\nN=$#`,
    `set -- 3 x\nIFS=-\nNAME="$*"\nunset IFS`, `set -- "2 3"\nN=$1; M=$(( $# + 1 ))`, `set -- 1; shift; shift || N=9`,
    `set -- --min 2 vmA\nopenstack server create --flavor m1.small --image cirros $*`,
    // IFS and word splitting of unquoted names
    `IFS=,\nL='--min,2,vmL${k}'\nopenstack server create --flavor m1.small --image cirros $L\nunset IFS`,
    `L='--min 3'\nopenstack server create --flavor m1.small --image cirros $L vmL${k}`, `L='--min 3'\nopenstack server create --flavor m1.small --image cirros "$L" vmQ${k}`,
    `IFS=\nL='--min 3'\nopenstack server create --flavor m1.small --image cirros $L vmI${k}`, `IFS=: read A B <<EOF\n2:vmR\nEOF\nN=$A; NAME=$B`,
    // read from here-strings and here-documents
    `read N NAME <<< "4 vmH${k}"`, `read -r N <<EOF\n5\nEOF`, `read N M <<EOF\n6 7 8\nEOF`, `read N <<'EOF'\n$((2+2))\nEOF`, `read N <<EOF\n$((2+3))\nEOF`,
    `IFS=, read -r N M <<< "2,3"`,
    // command substitution of printf/echo
    `N=$(printf %s 4)`, `N=$(echo 2)`, `NAME=$(printf 'vm-%s' "$X")`, `N=$(printf '%d' 010)`, `NAME=$(echo -n ab)`, `NAME=$(echo -e 'a\\tb')`, `N="$(echo ' 5 ')"`,
    `N=$(printf '%s\\n' 3 4 | head -n1)`, `NAME=$(printf '%s-%s' a)`, `N=\`echo 3\``,
    // case patterns with globs
    `case $X in a*) N=5;; [bc]?) N=6;; *) N=7;; esac`, `case "$X" in ?b|x) N=4;; esac`, `case $X in [!a]*) N=2;; *b) N=8;; esac`,
    `case $NAME in *-*) N=2;; esac`, `case x$E in x) N=9;; *) ;; esac`, `case $X in "a"*) ${c};; esac`,
    // && / || chains
    `false || N=4 && ${c}`, `true && false || ${c}`, `true || N=5; ${c}`, `[ "$X" = ab ] && N=6 || N=7`, `! true && N=5 || ${c}`,
    // subshells against groups
    `( N=9 )`, `{ N=9; }`, `( exit 2 ) || ${c}`, `{ N=8; } | cat`, `echo 4 | read N`, `( ${c} ); N=0`, `{ false; } && ${c}`,
    // arrays (bash; dash: a syntax error)
    `A=(1 2 3)\nN=\${A[1]}`, `O=(--min 2)\nopenstack server create --flavor m1.small --image cirros "\${O[@]}" vmO${k}`, `A=(x y); A+=(z)\nN=\${#A[@]}`,
    `declare -a A=(4 5)\nN=\${A[-1]}`, `A[2]=6\nN=\${A[2]}`,
  ]);
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.45);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', `N=${pick(['3', '0', '2'])}`, `M=${pick(['1', '5', ''])}`, `K=${pick(['2', '7'])}`, "X='ab'", "E=''", 'V=vol1', 'NAME=web', 'unset U'];
  if (chance(0.25)) lines.push(create(`0${k}`));
  for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
    const r = rand();
    const id = `${j + 1}`;
    lines.push(r < 0.2 ? laterPassStop(id) : r < 0.3 ? heredocArith() : r < 0.38 ? readonlyUnknown() : r < 0.52 ? bashArith() : r < 0.92 ? shape(id) : create(id));
    if (chance(0.45)) lines.push(create(`${j + 10}`));
  }
  lines.push(`openstack server create --flavor m1.small --image cirros --min $N last${k}`);
  cases.push({ id: `h35-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
