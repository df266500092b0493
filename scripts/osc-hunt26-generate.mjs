/**
 * Hunt 26: scripts around what hunt 25 left: conditions bdm-lab did not evaluate (`[ … ]`,
 * `test`, `[[ … ]]` on literal words and on what the machine decides: `$FLAG`, `$#`, files;
 * pipeline statuses; `case` items with literal, glob and quoted patterns, `;&`, `;;&`), loops
 * whose condition always or never holds (`while true`, `until false`, `while :`, with and
 * without `break`, `exit`, `return`, `continue`, in the background, in a subshell), loops that
 * run their body more than once around exports, `exit` and `return`; syntax errors inside
 * `sh -c`, `su -c`, `eval` on several lines. Mixed with exports, wrappers and both `server
 * create` and `server add volume`. Labelled by scripts/osc-hunt26-label.py (bash FILE in two
 * worlds: a command may run when it ran in either), compared by scripts/osc-hunt26-difftest.ts.
 * Seeded.
 * Usage: node scripts/osc-hunt26-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const V = 'OS_COMPUTE_API_VERSION';
const vals = ['2.3', '2.19', '2.42', '2.67', '2.79', '2.90'];
const sq = (t) => `'${t.replace(/'/g, "'\\''")}'`;

let vm = 0;
function osc() {
  const w = chance(0.2) ? `${pick(['nohup', `env ${V}=${pick(vals)}`, 'sudo -E', 'command'])} ` : '';
  if (chance(0.2)) return `${w}openstack server add volume srv${++vm} vol`;
  return `${w}openstack server create --flavor m1 --image cirros vm${++vm}`;
}
const setStmt = () => pick([`export ${V}=${pick(vals)}`, `${V}=${pick(vals)}`, `unset ${V}`]);

/** a condition the text decides */
const decided = () => pick([
  'true', 'false', ':', '! true', '! false', '[ a = a ]', '[ a = b ]', '[ "x" != "x" ]', "[ 'a b' = 'a b' ]", '[ -n "" ]', '[ -z "" ]', '[ -n x ]', '[ -z "y" ]',
  'test 3 -lt 10', 'test 10 -lt 3', '[ 1 -eq 01 ]', '[ a -eq 1 ]', '[ x ]', '[ "" ]', '[ ]', '[ ! -z "y" ]', '[ ! a = a ]', '! [ a = b ]', '[ 2 -ge 2 ]', '[ -5 -lt -4 ]',
  '[[ abc == a* ]]', '[[ abc == "a*" ]]', '[[ abc != b* ]]', '[[ -n x ]]', '[[ -z "" ]]', '[[ x ]]', '[[ ! x ]]', '[[ 3 -gt 20 ]]', '[[ a?c = abc ]]', '[[ abc = a?c ]]',
  'true | false', 'false | true', '! true | false', 'false | false', 'true | true', '[ a = a ] && [ b = c ]', '[ a = b ] || [ c = c ]', '[ "a" \\< "b" ]',
]);
/** a condition the machine decides (an argument, a variable, a file) */
const machine = () => pick([
  '[ -n "$FLAG" ]', '[ -z "$FLAG" ]', '[ -f flag ]', '[ -d d ]', '[ $# -gt 1 ]', 'test -e flag', '[[ -z $FLAG ]]', '[ "$1" = a ]', '[[ $FLAG == 1 ]]', 'ls flag >/dev/null 2>&1',
  '[ -e nothing ]', 'echo x | grep -q x',
]);
const cond = () => (chance(0.7) ? decided() : machine());

/** a block of one to three commands */
function block(k = 1 + Math.floor(rand() * 2)) {
  const xs = [];
  for (let j = 0; j < k; j++) xs.push(chance(0.75) ? osc() : setStmt());
  return xs.join('; ');
}

function ifStmt() {
  return pick([
    () => `if ${cond()}; then ${block()}; fi`,
    () => `if ${cond()}; then ${block()}; else ${block()}; fi`,
    () => `if ${cond()}; then ${block()}; elif ${cond()}; then ${block()}; else ${block()}; fi`,
    () => `${cond()} && ${block(1)}`,
    () => `${cond()} || ${block(1)}`,
    () => `${cond()} && ${osc()} || ${osc()}`,
    () => `if ${cond()}\nthen\n  ${block()}\nfi`,
  ])();
}

const subjects = ['x', 'abc', '"a b"', "'*'", '""', 'start', '$1', '"$FLAG"', 'v2.67'];
const patterns = ['x', 'abc', 'a*', '*', '?', '??c', '"a*"', "'a b'", 'a|abc', 'y|x', '""', 'st*t', 'start|stop', '[ab]*', '*.67', 'v2.*'];
function caseStmt() {
  const items = [];
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
    const p = pick(patterns);
    const end = chance(0.85) ? ';;' : pick([';&', ';;&']);
    items.push(`${chance(0.2) ? `(${p})` : `${p})`} ${block()}${end}`);
  }
  if (chance(0.4)) items.push(`*) ${block()};;`);
  return chance(0.5) ? `case ${pick(subjects)} in ${items.join(' ')} esac` : `case ${pick(subjects)} in\n  ${items.join('\n  ')}\nesac`;
}

function loopStmt() {
  const always = pick(['true', ':', '[ 1 ]', '! false', '[ a = a ]']);
  const never = pick(['false', '[ a = b ]', '! true', '[ -n "" ]']);
  return pick([
    () => `while ${always}; do ${block()}; break; done`,
    () => `while ${always}; do ${block()}; ${cond()} && break; done`,
    () => `while ${always}; do ${block()}; if ${cond()}; then break; fi; ${osc()}; done`,
    () => `until ${never}; do ${block()}; break; ${osc()}; done`,
    () => `while ${never}; do ${block()}; done`,
    () => `until ${always}; do ${block()}; done`,
    () => `while ${always}; do ${block()}; done`,
    () => `while ${always}; do ${osc()}; exit; done`,
    () => `while ${always}; do ${block()}; done &`,
    () => `( while ${always}; do ${osc()}; done )`,
    () => `while ${always}; do ${osc()}; continue; ${osc()}; done`,
    () => `while ${cond()}; do ${block()}; break; done`,
    () => `for i in 1 2; do ${osc()}; ${setStmt()}; done`,
    () => `for i in 1; do ${osc()}; ${setStmt()}; done`,
    () => `for i in a b c; do ${osc()}; [ $i = b ] && break; ${setStmt()}; done`,
    () => `n=0; while [ $n -lt 2 ]; do ${osc()}; ${setStmt()}; n=$((n+1)); done`,
    () => `while ${always}; do while ${always}; do ${osc()}; break; done; ${setStmt()}; break; done`,
  ])();
}

function exitStmt() {
  return pick([
    () => 'exit', () => 'exit 0', () => `${cond()} && exit`, () => `if ${cond()}; then exit 1; fi`, () => '( exit )', () => `x=$(exit 3)`,
    () => `f() { ${osc()}; return; ${osc()}; }\nf`, () => `f() { ${osc()}; ${cond()} && return; ${osc()}; }\nf`,
    () => `f() { while true; do ${osc()}; return; done; ${osc()}; }\nf`, () => `{ ${osc()}; exit; }`, () => `${osc()} || exit`,
  ])();
}

function nestedError() {
  const bad = pick(['if', 'echo; }', '( echo', 'fi', 'echo "x', 'then']);
  const t = pick([() => `${osc()}\n${bad}`, () => `${osc()}; ${bad}`, () => `${bad}\n${osc()}`, () => `${osc()}\n\n${osc()}\n${bad}\n${osc()}`])();
  return pick([() => `sh -c ${sq(t)}`, () => `su -c ${sq(t)}`, () => `eval ${sq(t)}`, () => `\neval ${sq(t)}`, () => `bash -c ${sq(t)}`, () => `dash -c ${sq(t)}`])();
}

function stmt() {
  const r = rand();
  if (r < 0.22) return osc();
  if (r < 0.3) return setStmt();
  if (r < 0.5) return ifStmt();
  if (r < 0.62) return caseStmt();
  if (r < 0.8) return loopStmt();
  if (r < 0.9) return exitStmt();
  return nestedError();
}

function script() {
  const lines = [];
  for (let k = 2 + Math.floor(rand() * 4); k > 0; k--) lines.push(stmt());
  lines.push(osc());
  return `${lines.join('\n')}\n`;
}

const out = [];
for (let c = 0; c < n; c++) {
  vm = 0;
  out.push({ id: `h26-${c}`, script: script() });
}
process.stdout.write(JSON.stringify(out, null, 1));
