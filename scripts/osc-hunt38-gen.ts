/**
 * Hunt 38: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` commands, aimed at what hunt 37 left: `set -e` in `( … )` subshells, pipelines and
 * `$( … )`; the exit status of `[[ ]]`, `((…))`, `let` and programs (`true`, `false`, `grep -q`)
 * deciding `&&`/`||`; an and-or link after `fi`/`done`/`}`/`)`; `while` loops with `return` inside
 * functions; `${1}` and a top-level `$1` (the script runs with no arguments); and `case` / `[[ == ]]`
 * patterns with a leading `^` or `!` in a bracket and quoted characters (dash and bash differ).
 * Labelled by scripts/osc-hunt34-label.py (the shell the first line names, then the osc-oracle and
 * the nova-oracle) and compared by scripts/osc-hunt34-difftest.ts.
 * Every loop it writes ends. Seeded. Usage: node --import tsx scripts/osc-hunt38-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 38));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const num = () => pick(['$N', '"$M"', '${K}', '$((N+1))', '${1:-2}', '"$R"', '2']);

/** a server create reading the script's names */
function create(k: string, min = chance(0.5)): string {
  const name = chance(0.3) ? pick([`vm${k}-$N`, `"$NAME"`, `vm${k}$X`, `vm${k}-$i`, `vm${k}\${1}`, `vm${k}$1`]) : `vm${k}`;
  return `openstack server create --flavor m1.small --image cirros${min ? ` --min ${num()}` : ''} ${name}`;
}

/** a command whose status the text decides (and some it does not) */
function status(): string {
  return pick([
    '[[ $X == a* ]]', '[[ $X == b* ]]', '[[ $X = "ab" ]]', '[[ -n $E ]]', '[[ -z $E ]]', '[[ $N -gt 2 ]]', '[[ $N -lt 2 ]]', '[[ $X != ab ]]',
    '[[ $X == [^a]* ]]', '[[ $X == [!a]* ]]', '[[ $X == "a"? ]]', '[[ $X == a\\* ]]', '[[ $X =~ ^a ]]', '[[ $N == 3 && $X == ab ]]', '[[ ! $X ]]',
    '(( N > 2 ))', '(( N ))', '((N == 0))', '(( N - 3 ))', '((M))', '(( N++ ))', '(( K % 2 ))',
    'let N', 'let "N > 5"', 'let 0', 'let N-3', 'let M',
    'true', 'false', ':', '! true', '! false', 'test $N -eq 3', '[ "$X" = ab ]', '[ -z "$1" ]', '[ -n "${1}" ]', '[ $# -eq 0 ]',
    'echo x | grep -q x', 'echo x | grep -q y', 'true | false', 'false | true', '( exit 3 )', '( false )', '{ false; }', '{ true; }',
    'X=$(false)', 'X=$(true)', 'X=$(exit 2)',
  ]);
}

/** (1) set -e in subshells, pipelines and command substitution */
function errexit(k: string): string {
  const c = create(k);
  return pick([
    `set -e\n( false; ${c} )`, `set -e\n( ${c}; false )\n${create(`${k}b`)}`, `set -e\n( false ) || ${c}`, `set -e\n( set +e; false; ${c} )`,
    `set -e\n( false; true )`, `set -e\nfalse | true\n${c}`, `set -e\ntrue | false\n${c}`, `set -e\n{ false; ${c}; } | cat`,
    `set -e\nX=$(false; echo 3)\n${c}`, `set -e\nX=$(false)\n${c}`, `set -e\nN=$(false; echo 4); ${c}`, `set -e\necho $(false) >/dev/null\n${c}`,
    `set -e\nX=$(set -e; false; echo 5)\n${c}`, `set -e\nf() { false; ${c}; }\nX=$(f)`, `set -e\n( ( false ); ${c} )`,
    `set -e\nif ( false; ${c} ); then :; fi`, `set -e\n( false; ${c} ) && true`, `set -e\nlocal X 2>/dev/null\n${c}`,
    `set -e\n[[ $X == b* ]]\n${c}`, `set -e\n(( N - N ))\n${c}`, `set -e\nlet 0\n${c}`, `set -e\n(( N > 1 ))\n${c}`,
  ]);
}

/** (2) statuses deciding and-or lists */
function andOr(k: string): string {
  const c = create(k);
  const s = status();
  return pick([
    `${s} && ${c}`, `${s} || ${c}`, `${s} && exit 3`, `${s} || exit 4`, `${s} && N=7 || N=8`, `${s} && return 2`,
    `for i in 1 2 3; do ${s} && break; ${c}; done`, `for i in 1 2; do\n  [[ $i == 2 ]] && exit 3\n  ${c}\ndone`,
    `for i in 1 2 3; do (( i > 2 )) || ${c}; done`, `for i in 1 2 3; do (( i == 2 )) && continue; ${c}; done`,
    `i=0\nwhile (( i < 3 )); do i=$((i+1)); ${c}; done`, `for i in a b; do [[ $i == b ]] || ${c}; done`,
    `if ${s}; then ${c}; fi`, `if ${s}; then N=6; else N=9; fi`, `while ${s}; do ${c}; break; done`,
  ]);
}

/** (3) an and-or link after a compound command */
function afterCompound(k: string): string {
  const c = create(k);
  const s = status();
  const link = pick(['&&', '||']);
  const tail = pick([c, 'exit 3', 'N=5', `{ ${c}; }`, 'return 2']);
  return pick([
    `if ${s}; then N=1; fi ${link} ${tail}`, `if ${s}; then false; else true; fi ${link} ${tail}`, `if ${s}; then :; fi ${link} ${tail}`,
    `for i in 1 2; do ${s}; done ${link} ${tail}`, `for i in 1 2; do :; done ${link} ${tail}`, `for i in; do :; done ${link} ${tail}`,
    `{ ${s}; } ${link} ${tail}`, `( ${s} ) ${link} ${tail}`, `case $X in a*) false;; esac ${link} ${tail}`, `case $X in b*) false;; esac ${link} ${tail}`,
    `i=0; while [ $i -lt 2 ]; do i=$((i+1)); done ${link} ${tail}`, `until ${s}; do break; done ${link} ${tail}`,
    `f() { ${s}; }\nf ${link} ${tail}`, `if ${s}; then ${c}; fi ${link} ${tail}\n${create(`${k}z`)}`,
  ]);
}

/** (4) functions: while with return, ${1}, positional parameters */
function functions(k: string): string {
  const c = create(k);
  return pick([
    `f() { i=0; while [ $i -lt 3 ]; do i=$((i+1)); [ $i = 2 ] && return 1; ${c}; done; }\nf || ${create(`${k}r`)}`,
    `f() { i=0; while [ $i -lt 3 ]; do i=$((i+1)); [ $i = $1 ] && return 0; done; return 4; }\nf 2 && ${c}\nf 9 || ${create(`${k}n`)}`,
    `f() { for x in a b c; do [ $x = b ] && return 3; ${create(`${k}-$x`)}; done; }\nf; N=$?`,
    `f() { until [ "$1" = stop ]; do shift; [ $# -eq 0 ] && return 1; done; ${c}; }\nf a stop b\nf a b`,
    `f() { ${create(`${k}`, false).replace(/ vm\S*$/, ' --min ${1} vm${2}')}; }\nf 2 a`,
    `f() { N=\${1}; M=\${2:-9}; }\nf 3; ${c}`, `f() { echo \${1} >/dev/null; [ -z "\${1}" ] && return 5; ${c}; }\nf\nf x`,
    `f() { local i=0; while :; do i=$((i+1)); [ $i -ge 2 ] && return $i; done; }\nf; N=$?; ${c}`,
    `N=\${1:-4}\n${c}`, `[ -z "$1" ] && N=6\n${c}`, `NAME=vm$1x\n${c}`, `[ $# = 0 ] || exit 3\n${c}`, `set -- 5 web\nN=\${1}; NAME=\${2}\n${c}`,
    `set -- 2 3\nwhile [ $# -gt 0 ]; do N=$1; shift; done\n${c}`, `: \${1:?no args}\n${c}`, `: \${1?no args}\n${c}`, `N=\${#1}\n${c}`,
  ]);
}

/** (5) glob patterns in case and [[ ]] that dash and bash may read apart */
function patterns(k: string): string {
  const c = create(k);
  const val = pick(['ab', '^b', 'xb', '!b', 'a*', 'a?', '[a', 'a]', '-b', '\\b', 'a.b', 'ZZ']);
  const pat = pick(['[^a]*', '[!a]*', '[\\^a]*', '["^"a]*', '"a"*', "'a*'", 'a\\*', '[a-]?', '[]a]*', '[!]]*', '[a]]', '"[a"', '\\[a', '?"b"', '*\\]', '[[:alpha:]]?', '[[:punct:]]*', '[a\\]]*', 'a[.]b', '\\!b', '[-a]b']);
  const v = `X='${val.replace(/'/g, "'\\''")}'`;
  return pick([
    `${v}\ncase $X in ${pat}) ${c};; *) N=1;; esac`, `${v}\ncase "$X" in ${pat}) N=5;; esac\n${c}`,
    `${v}\nif [[ $X == ${pat} ]]; then ${c}; fi`, `${v}\n[[ $X == ${pat} ]] && N=6\n${c}`, `${v}\nP='${pat.replace(/'/g, "'\\''")}'\ncase $X in $P) ${c};; esac`,
    `${v}\ncase $X in ${pat}|x*) exit 3;; esac\n${c}`,
  ]);
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.55);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', `N=${pick(['3', '0', '2'])}`, `M=${pick(['1', '5', '0'])}`, `K=${pick(['2', '7'])}`, "X='ab'", "E=''", 'NAME=web', 'R=4'];
  if (chance(0.2)) lines.push(create(`0${k}`));
  for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
    const r = rand();
    const id = `${j + 1}`;
    lines.push(r < 0.22 ? errexit(id) : r < 0.44 ? andOr(id) : r < 0.62 ? afterCompound(id) : r < 0.8 ? functions(id) : r < 0.95 ? patterns(id) : create(id));
    if (chance(0.4)) lines.push(create(`${j + 10}`));
  }
  lines.push(`openstack server create --flavor m1.small --image cirros --min $N last${k}`);
  cases.push({ id: `h38-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
