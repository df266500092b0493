/**
 * Hunt 25: scripts around what hunt 24 left: shell syntax errors in the middle of a script
 * (`V=1 f() ( … )`, `V=1 function f { …; }`, a stray `}` or `)`) and constructs left open at its
 * end (`(`, `{`, `if … then`, `while … do`, `$(`, a quote, a trailing `&&` or `|`), also inside
 * `bash -c '…'`, `eval '…'` and here-documents read by a shell; exported functions kept by
 * `sudo --preserve-env=BASH_FUNC_f%%` (or a list naming another); and recursion behind a condition
 * that always holds (`if true; then f; fi`, `true && f`, `: && f`, `false || f`) next to endless
 * and bounded recursion. Mixed with exports, wrappers and both `server create` and `server add
 * volume`. Labelled by scripts/osc-hunt24-label.py (bash, a fake `openstack`, real sudo and su),
 * compared by scripts/osc-hunt24-difftest.ts. Seeded.
 * Usage: node scripts/osc-hunt25-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const V = 'OS_COMPUTE_API_VERSION';
const vals = ['2.3', '2.19', '2.42', '2.67', '2.79', '2.90', ''];
const sq = (t) => `'${t.replace(/'/g, "'\\''")}'`;

let vm = 0;
function osc() {
  const w = chance(0.3) ? `${pick(['nohup', `env ${V}=${pick(vals)}`, 'sudo', 'sudo -E', 'timeout 30', 'command'])} ` : '';
  if (chance(0.25)) return `${w}openstack server add volume srv${++vm} vol ${pick(['', '--tag t1', '--enable-delete-on-termination'])}`.trimEnd();
  return `${w}openstack server create --flavor m1 --image cirros vm${++vm}`;
}
const setStmt = () => pick([`export ${V}=${pick(vals)}`, `${V}=${pick(vals)}`, `unset ${V}`]);
const NAMES = ['f', 'g'];

/** something that is a syntax error where it stands */
function broken(fns) {
  const b = `${osc()}`;
  return pick([
    () => `${V}=${pick(vals)} ${pick(NAMES)}() ( ${b} )`, () => `${V}=${pick(vals)} ${pick(NAMES)}() { ${b}; }`, () => `A=1 function ${pick(NAMES)} { ${b}; }`,
    () => `${b}; }`, () => `${b} )`, () => `{ ${b}; } }`, () => `( ${b} ) )`, () => `${fns.length ? pick(fns) : b}; fi`, () => `if true; then ${b}; done`,
  ])();
}

/** what is left open at the end of a text (bash: a syntax error at its end) */
function unclosed() {
  const b = osc();
  return pick([
    () => `( ${b}`, () => `{ ${b}`, () => `(\n${b}`, () => `{\n${b}`, () => `if true; then ${b}`, () => `if true; then\n${b}\nelse`, () => `while false; do ${b}`,
    () => `${b} &&`, () => `${b} |`, () => `${b} ||`, () => `x=$(${b}`, () => `echo '${b}`, () => `echo "${b}`, () => `${b}; echo "x`, () => `case x in x) ${b};;`,
    () => `f() {\n${b}`, () => `for i in 1; do ${b}`, () => `${b} \\`, () => `( ${b} )`,
  ])();
}

/** a call of f behind a condition that always holds, never holds, or a test */
function guardedCall(f) {
  return pick([
    `if true; then ${f}; fi`, `if :; then ${f}; fi`, `true && ${f}`, `: && ${f}`, `false || ${f}`, `if false; then :; else ${f}; fi`,
    `if true; then :; else ${f}; fi`, `false && ${f}`, `true || ${f}`, `[ $# -lt 2 ] && ${f} x x`, `if [ $# -lt 1 ]; then ${f} x; fi`, f, `${f} | cat`, `( ${f} )`,
  ]);
}

/** how a command string runs a call of f (or any command) in a new shell */
function child(s) {
  return pick([
    () => `bash -c ${sq(s)}`, () => `sudo bash -c ${sq(s)}`, () => `sudo --preserve-env=BASH_FUNC_${s}%% bash -c ${sq(s)}`,
    () => `sudo --preserve-env=${V},BASH_FUNC_${s}%% bash -c ${sq(s)}`, () => `sudo --preserve-env=BASH_FUNC_${pick(NAMES)}%% bash -c ${sq(s)}`,
    () => `sudo -E --preserve-env=BASH_FUNC_${s}%% bash -c ${sq(s)}`, () => `sudo --preserve-env=BASH_FUNC_${s} bash -c ${sq(s)}`,
    () => `sudo --preserve-env=BASH_FUNC_${s}%% sh -c ${sq(s)}`, () => `sudo --preserve-env=BASH_FUNC_${s}%% su -c ${sq(s)}`, () => `env -i sudo --preserve-env=BASH_FUNC_${s}%% bash -c ${sq(s)}`,
    () => `sudo -E bash -c ${sq(s)}`, () => `su -c ${sq(s)}`, () => `bash <<EOF\n${s}\nEOF`, () => `eval ${sq(s)}`,
  ])();
}

/** a command string or body with a syntax problem inside it */
function brokenChild() {
  const t = pick([() => `${osc()}\n${unclosed()}`, () => `${osc()}; ${unclosed()}`, () => `${osc()}\n${broken([])}\n${osc()}`, () => unclosed()])();
  return pick([() => `bash -c ${sq(t)}`, () => `eval ${sq(t)}`, () => `bash <<'EOF'\n${t}\nEOF`, () => `sh -c ${sq(t)}`])();
}

function stmt(fns) {
  const r = rand();
  if (r < 0.3) return osc();
  if (r < 0.4) return setStmt();
  if (r < 0.5) return brokenChild();
  if (fns.length) {
    const f = pick(fns);
    return pick([() => guardedCall(f), () => guardedCall(f), () => child(f), () => child(f), () => `export -f ${f}`])();
  }
  return osc();
}

function script() {
  const lines = [];
  const fns = [];
  for (let k = 2 + Math.floor(rand() * 4); k > 0; k--) {
    if (chance(0.35)) {
      const name = pick(NAMES);
      const body = [osc()];
      if (chance(0.5)) body.push(pick([setStmt(), osc()]));
      // a call of itself behind a condition (always, never, a test) or surely
      if (chance(0.5)) body.push(guardedCall(name));
      lines.push(pick([`${name}() { ${body.join('; ')}; }`, `${name}() ( ${body.join('; ')} )`, `function ${name} {\n  ${body.join('\n  ')}\n}`]));
      if (!fns.includes(name)) fns.push(name);
      if (chance(0.5)) lines.push(`export -f ${name}`);
    } else if (chance(0.12)) lines.push(broken(fns));
    else lines.push(stmt(fns));
  }
  if (chance(0.45)) lines.push(unclosed());
  else lines.push(osc());
  return `${lines.join('\n')}\n`;
}

const out = [];
for (let c = 0; c < n; c++) {
  vm = 0;
  out.push({ id: `h25-${c}`, script: script() });
}
process.stdout.write(JSON.stringify(out, null, 1));
