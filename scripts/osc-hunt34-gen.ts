/**
 * Hunt 34: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) holding arithmetic that
 * assigns (`$((N+=1))`, `$((N=4))`, `$((N++))`, `$((++N))`, `$((M=N*2))`, in a branch not taken,
 * after `,`, in a conditional's arm) in places that run once, may run, run in a loop, a function
 * called once or twice, a subshell, `sh -c '…'`, an unquoted here-document, a `case` word, a
 * redirection's target; bash-only expansions (`${X^}`, `${X,}`, `${X@Q}`) in a `for` list, a
 * `case` word and a redirection's target; `${X:?}`, `${X?msg}` and `set -u` stops; then
 * `openstack server create` commands reading those variables. Labelled by
 * scripts/osc-hunt34-label.py (the shell the first line names, then the osc-oracle and the
 * nova-oracle), compared by scripts/osc-hunt34-difftest.ts. Its loops end (a `while` head run
 * once, a counted body) and its `if` tests are ones the text decides (`[ a = b ]`): a loop that
 * never ends and a test on a variable's value are what bdm-lab does not decide, not this hunt's.
 * Seeded. Usage: node --import tsx scripts/osc-hunt34-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 400);
const rand = rng(Number(process.argv[3] ?? 34));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const NUMS = ['N', 'M', 'K'];

/** arithmetic that assigns (some forms dash refuses or reads otherwise: `N++`, `++N`, `,`) */
function assigning(): string {
  const v = pick(NUMS);
  const w = pick(NUMS);
  return pick([
    `${v}+=1`, `${v} += 2`, `${v}=4`, `${v} = ${w} + 1`, `${v}++`, `++${v}`, `${v}--`, `--${v}`, `${v}*=2`, `${v}<<=1`, `${v}-=${w}`,
    `${v}=${w}=5`, `0 && (${v}=7)`, `1 || (${v}=7)`, `1 ? ${v}=5 : 0`, `0 ? ${v}=5 : ${w}`, `(${v}=2) + ${v}`, `${v}/=0`, `${v}=1, ${w}=2`,
    `${v}%=3`, `${v}=${v}*${v}`, `2+${v}=4`, `${v} ++`, `- ++${v}`, `${v}+++1`,
  ]);
}

/** a bash-only expansion (dash: "Bad substitution") or one both have */
function onlyBash(): string {
  return pick(['${X^}', '${X,}', '${X@Q}', '${X^^}', '${X,,}', '${X/a/b}', '${X:1}', '${X}', '${X#a}', '${X:-d}']);
}

/** a stop of `${X:?}`, `${X?msg}` or `set -u` (or a control that does not stop) */
function stopper(): string {
  return pick([
    ': ${E:?}', ': "${E:?}"', ': ${U?}', ': ${U?gone away}', ': ${E:?empty $X}', ': ${X:?}', ': ${U-fine}', 'set -u; : "$U"', 'set -u; : ${#U}',
    'set -u; : $((U+1))', 'set -u; : ${U:-ok}', ': ${E?}', 'set -u; : $X', 'echo ${U?no} >/dev/null',
  ]);
}

const create = (k: number, min = chance(0.6)) => `openstack server create --flavor m1.small --image cirros${min ? ` --min ${pick(['$N', '"$M"', '${K}', '$((N+1))'])}` : ''} vm${k}${chance(0.3) ? '-$N' : ''}`;

/** one statement that assigns arithmetically, in a place */
function arithStatement(): string {
  const a = `$((${assigning()}))`;
  const r = rand();
  if (r < 0.2) return `: ${a}`;
  if (r < 0.3) return `X=${a}`;
  if (r < 0.36) return `echo ${a} >/dev/null`;
  if (r < 0.42) return `false && : ${a}`;
  if (r < 0.48) return `true && : ${a}`;
  if (r < 0.53) return `( : ${a} )`;
  if (r < 0.58) return `for i in 1 2; do : ${a}; done`;
  if (r < 0.62) return `for i in ${a}; do :; done`;
  // (loops that end: a head run once, or a counted body)
  if (r < 0.66) return pick([`while [ ${a} -lt 3 ]; do break; done`, `n=0\nwhile [ $n -lt 2 ]; do : ${a}; n=$((n+1)); done`]);
  if (r < 0.72) return `f() { : ${a}; }\n${pick(['f', 'f\nf', ':'])}`;
  if (r < 0.77) return `sh -c ': ${a}; echo $N'`;
  if (r < 0.81) return `case ${a} in *) :;; esac`;
  if (r < 0.85) return `cat <<EOF >/dev/null\n${a}\nEOF`;
  if (r < 0.88) return `echo x >/dev/null${pick(['', ` 2>${a}.log`])}`;
  if (r < 0.92) return `if [ a ${pick(['=', '!='])} ${pick(['a', 'b'])} ]; then : ${a}; fi`;
  if (r < 0.96) return `openstack server create --flavor m1.small --image cirros --min ${a} vmA`;
  return `readonly ${pick(NUMS)}; : ${a}`;
}

/** a bash-only expansion in a `for` list, a `case` word or a redirection's target */
function placedExpansion(): string {
  const e = onlyBash();
  return pick([
    `for i in ${e}; do :; done`, `for i in a "${e}"\ndo :; done`, `case ${e} in\n  a) :;;\nesac`, `case "${e}" in a) :;; esac`,
    `echo hi >/dev/null 2>${e}.log`, `echo hi >"${e}.out"`, `cat <${e} >/dev/null`, `false && echo >${e}`, `( echo >${e}.x )`,
    `f() { for i in ${e}; do :; done; }\n${pick(['f', ':'])}`, `if [ b = ${pick(['a', 'b'])} ]; then echo >${e}.y; fi`, `echo >${e}.z || true`,
  ]);
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.3);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', `N=${pick(['3', '0', '10', '-2'])}`, `M=${pick(['1', '5', ''])}`, `K=${pick(['2', '7'])}`, "X='ab'", "E=''", 'unset U'];
  if (chance(0.3)) lines.push(create(0));
  for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
    const r = rand();
    lines.push(r < 0.55 ? arithStatement() : r < 0.75 ? placedExpansion() : r < 0.9 ? stopper() : create(j + 1));
    if (chance(0.5)) lines.push(create(j + 10));
  }
  lines.push(`openstack server create --flavor m1.small --image cirros --min $N last${k}`);
  cases.push({ id: `h34-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
