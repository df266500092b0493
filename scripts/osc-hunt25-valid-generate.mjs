/**
 * Hunt 25, second batch: scripts that are (mostly) valid bash but written with the syntax next to
 * what hunt 25 now reads as a syntax error or a known condition, so a wrong "syntax error" or a
 * wrong "never runs" shows: `case` patterns with and without `(`, process substitution after an
 * assignment, arrays, `[[ ( … ) ]]`, `function f()`, `f ()` with its body on the next line,
 * `for ((…))`, nested `if`s (`then if true`, `elif`, `! true`), statuses of pipelines and
 * compound commands (`true | false && …`, `{ true; } && …`, `if false; then …; fi && …`), lines
 * continued after `&&` and `|`; a few end open. Labelled by scripts/osc-hunt24-label.py, compared
 * by scripts/osc-hunt24-difftest.ts. Seeded.
 * Usage: node scripts/osc-hunt25-valid-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const V = 'OS_COMPUTE_API_VERSION';
const vals = ['2.3', '2.19', '2.67', '2.90'];

let vm = 0;
const osc = () => (chance(0.2) ? `openstack server add volume srv${++vm} vol --tag t1` : `openstack server create --flavor m1 --image cirros vm${++vm}`);
const cond = () => pick(['true', ':', 'false', '! true', '! false', 'true | false', 'false | true', '[ -z "$X" ]', '[ -n "$X" ]', '{ true; }', '( false )', 'true && false', 'false || true', '[[ ( -z "$X" ) ]]']);

function stmt(depth) {
  const b = () => (depth < 2 && chance(0.3) ? stmt(depth + 1) : osc());
  return pick([
    () => osc(),
    () => `export ${V}=${pick(vals)}`,
    () => `if ${cond()}; then ${b()}; fi`,
    () => `if ${cond()}; then ${b()}; else ${b()}; fi`,
    () => `if ${cond()}; then ${b()}; elif ${cond()}; then ${b()}; else ${b()}; fi`,
    () => `if ${cond()}\nthen\n  ${b()}\nfi`,
    () => `{ if ${cond()}; then ${b()}; fi; }`,
    () => `${cond()} && ${b()}`,
    () => `${cond()} || ${b()}`,
    () => `${cond()} && ${b()} || ${b()}`,
    () => `${cond()} &&\n  ${b()}`,
    () => `if ${cond()}; then :; fi && ${b()}`,
    () => `if ${cond()}; then ${b()}; fi || ${b()}`,
    () => `case x in x) ${b()};; esac`,
    () => `case x in (x) ${b()};; (*) ${b()};; esac`,
    () => `case y in\n  x|y) ${b()}\n  ;;\nesac`,
    () => `${V}=${pick(vals)} cat <(true) >/dev/null && ${b()}`,
    () => `a=(1 2 3); ${b()}`,
    () => `for ((i = 0; i < 1; i++)); do ${b()}; done`,
    () => `for i in 1; do ${b()}; done`,
    () => `while ${pick(['false', '[ -n "$X" ]'])}; do ${b()}; done`,
    () => `echo x | ${b()}`,
    () => `( ${b()} ) && ${b()}`,
    () => `then_=1; ${b()}`,
  ])();
}

function script() {
  const lines = [];
  const fns = [];
  for (let k = 2 + Math.floor(rand() * 4); k > 0; k--) {
    if (chance(0.25)) {
      const name = pick(['f', 'g']);
      const body = `${stmt(1)}; ${pick(['', `if ${cond()}; then ${name} x; fi`, `${cond()} && ${name} x`, `[ $# -lt 1 ] && ${name} x`])}`.replace(/; $/, '');
      lines.push(pick([`function ${name}() { ${body}; }`, `${name} ()\n{\n  ${body}\n}`, `${name}() { ${body}; }`]));
      fns.push(name);
    } else if (fns.length && chance(0.3)) lines.push(pick([`${pick(fns)}`, `${cond()} && ${pick(fns)}`, `if ${cond()}; then ${pick(fns)}; fi`]));
    else lines.push(stmt(0));
  }
  lines.push(chance(0.15) ? pick([`( ${osc()}`, `${osc()} &&`, `if true; then ${osc()}`]) : osc());
  return `${lines.join('\n')}\n`;
}

const out = [];
for (let c = 0; c < n; c++) {
  vm = 0;
  out.push({ id: `h25v-${c}`, script: script() });
}
process.stdout.write(JSON.stringify(out, null, 1));
