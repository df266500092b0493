/**
 * Hunt 24: scripts mixing what hunt 23 left with its constructs: function bodies that are
 * subshells (`f() ( … )`, `function f ( … )`), functions exported to child shells (`export -f`,
 * `declare -fx`, `export -nf`, `unset -f`, then `bash -c f`, `su -c f`, `bash <<EOF`, behind env,
 * env -i, sudo), `sudo -i` and `su [-] [user] -c '…'` (login or not, -w, -s), here-documents read by
 * shells started with another environment (`env -i bash <<EOF`, `sudo bash <<EOF`, `V=… bash
 * <<EOF`, `su - <<EOF`), functions that call themselves (in the same shell, through pipelines,
 * subshell bodies, `$( … )`; surely or after a test) and each other, and `local` of a call's
 * temporary variable then `export` (also inside an eval); with set/export statements, wrappers and
 * both `server create` and `server add volume` (whose --tag and --enable-delete-on-termination
 * depend on the microversion). Labelled by scripts/osc-hunt24-label.py, compared by
 * scripts/osc-hunt24-difftest.ts. Seeded. Usage: node scripts/osc-hunt24-generate.mjs N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const V = 'OS_COMPUTE_API_VERSION';
const vals = ['2.3', '2.19', '2.42', '2.49', '2.67', '2.79', '2.90', ''];
const sq = (t) => `'${t.replace(/'/g, "'\\''")}'`;
const dq = (t) => `"${t.replace(/[\\"$`]/g, '\\$&')}"`;

let vm = 0;
function osc() {
  const w = chance(0.4) ? `${pick(['nohup', 'env A=1', `env ${V}=${pick(vals)}`, 'sudo', 'sudo -E', 'sudo -i', `sudo -i ${V}=2.61`, 'timeout 30', 'command', 'sudo -iE', 'sudo -s', 'sudo -i --preserve-env=' + V])} ` : '';
  if (chance(0.25)) return `${w}openstack server add volume srv${++vm} vol ${pick(['', '--tag t1', '--enable-delete-on-termination', '--device /dev/vdb', '--disable-delete-on-termination --tag x'])}`.trimEnd();
  return `${w}openstack server create --flavor m1 --image cirros vm${++vm}`;
}
function setStmt(inFn) {
  const v = pick(vals);
  const xs = [`export ${V}=${v}`, `${V}=${v}`, `export ${V}`, `export -n ${V}`, `unset ${V}`, `declare -x ${V}=${v}`];
  if (inFn) xs.push(`local ${V}`, `local ${V}=${v}`, `local -x ${V}=${v}`, `local +x ${V}`, `declare ${V}`, `eval ${sq(`local ${V}; export ${V}=${v}`)}`, `eval "export ${V}=${v}"`);
  return pick(xs);
}
const NAMES = ['f', 'g', 'h'];

function fnDef(name, body) {
  const b = body.join('; ');
  // a here-document's delimiter must be a line of its own
  if (body.some((x) => x.includes('\n'))) return pick([`${name} () (\n  ${body.join('\n  ')}\n)`, `function ${name} {\n${body.join('\n')}\n}`, `${name}() {\n${body.join('\n')}\n}`]);
  return pick([
    () => `${name}() { ${b}; }`, () => `${name}() ( ${b} )`, () => `function ${name} ( ${b} )`, () => `${name} () (\n  ${body.join('\n  ')}\n)`,
    () => `function ${name} {\n  ${body.join('\n  ')}\n}`,
  ])();
}

/** how a command string runs a call of f (or any command) in a new shell */
function child(s) {
  return pick([
    () => `bash -c ${sq(s)}`, () => `bash -c ${dq(s)}`, () => `env A=1 bash -c ${sq(s)}`, () => `env -i bash -c ${sq(s)}`, () => `sudo bash -c ${sq(s)}`,
    () => `sudo -E bash -c ${sq(s)}`, () => `sh -c ${sq(s)}`, () => `su -c ${sq(s)}`, () => `su - -c ${sq(s)}`, () => `su root -c ${sq(s)}`, () => `su - root -c ${sq(s)}`,
    () => `su -l -c ${sq(s)}`, () => `su -s /bin/sh -c ${sq(s)}`, () => `su -w ${V} - -c ${sq(s)}`, () => `su -m -c ${sq(s)} root`, () => `su --command=${sq(s)}`,
    () => `${V}=${pick(vals)} bash -c ${sq(s)}`, () => `env -u ${V} bash -c ${sq(s)}`, () => `nohup bash -c ${sq(s)}`, () => `sudo -i bash -c ${sq(s)}`,
    () => `bash <<EOF\n${s}\nEOF`, () => `env -i bash <<'EOF'\n${s}\nEOF`, () => `sudo bash <<EOF\n${s}\nEOF`, () => `${V}=${pick(vals)} bash <<'EOF'\n${s}\nEOF`,
    () => `env -u ${V} bash -s <<EOF\n${s}\nEOF`, () => `su - <<EOF\n${s}\nEOF`, () => `su <<'EOF'\n${s}\nEOF`, () => `sudo -i <<EOF\n${s}\nEOF`, () => `sudo -E bash <<EOF\n${s}\nEOF`,
  ])();
}

function stmt(fns, inFn) {
  const r = rand();
  if (r < 0.25) return osc();
  if (r < 0.45) return setStmt(inFn);
  if (r < 0.6) {
    const k = 1 + Math.floor(rand() * 2);
    const xs = [];
    for (let j = 0; j < k; j++) xs.push(chance(0.4) ? `export ${V}=${pick(vals)}` : osc());
    return child(xs.join('; '));
  }
  if (fns.length) {
    const f = pick(fns);
    return pick([
      () => f, () => f, () => `( ${f} )`, () => `${f} | cat`, () => `${V}=${pick(vals)} ${f}`, () => `true $(${f})`, () => `${f} & wait`, () => `eval ${f}`,
      () => child(f), () => child(f), () => child(`${V}=${pick(vals)} ${f}`), () => `export -f ${f}`, () => `declare -fx ${f}`, () => `export -nf ${f}`, () => `unset -f ${f}`,
      () => `[ $# -lt 2 ] && ${f} x x`,
    ])();
  }
  return osc();
}

function script() {
  const lines = [];
  const fns = [];
  for (let k = 2 + Math.floor(rand() * 5); k > 0; k--) {
    if (chance(0.35)) {
      const name = pick(NAMES);
      const body = [];
      for (let j = 1 + Math.floor(rand() * 3); j > 0; j--) body.push(stmt(fns.filter((x) => x !== name), true));
      // calls of itself (surely, after a test) or of another (mutual recursion), at times through a pipeline or a subshell
      if (chance(0.15)) body.push(pick([`[ $# -lt 2 ] && ${name} x x`, `[ $# -lt 1 ] && ${name} x | cat`, `${name}`, `${name} | cat`, `( ${name} )`, `true $(${name})`]));
      if (chance(0.1) && fns.length) body.push(pick([`${pick(fns)} | cat`, `eval ${pick(fns)}`]));
      if (chance(0.1)) body.push(`export -f ${name}`);
      lines.push(fnDef(name, body));
      if (!fns.includes(name)) fns.push(name);
      if (chance(0.4)) lines.push(pick([`export -f ${name}`, `declare -fx ${name}`, `typeset -xf ${name}`]));
    } else lines.push(stmt(fns, false));
  }
  lines.push(osc());
  return `${lines.join(lines.some((x) => x.includes('\n')) ? '\n' : pick(['\n', '\n', '; ']))}\n`;
}

const out = [];
for (let c = 0; c < n; c++) {
  vm = 0;
  out.push({ id: `h24-${c}`, script: script() });
}
process.stdout.write(JSON.stringify(out, null, 1));
