/**
 * Hunt 23: scripts that set, export, unexport and scope OS_COMPUTE_API_VERSION in the ways bash
 * allows (export/declare/typeset/local/readonly/unset, `export -n`, `declare +x`, export of a name
 * set before or after), inside subshells, groups, pipelines, background jobs, command substitutions,
 * functions and `bash -c`, with `openstack server create` run behind wrappers (nohup, nice, timeout,
 * time, command, builtin, exec, env, sudo). Labelled by scripts/osc-hunt23-label.py (bash running
 * them, a fake openstack), compared by scripts/osc-hunt23-difftest.ts.
 * Mode b (hunt 23b): `exec` (unconditional, in subshells and functions, the `|| exec sudo "$0"`
 * idiom, redirections only), command strings (`bash -c`, `sh -c`, `sudo sh -c`, `env … bash -c`,
 * `ssh host …`, `eval`, nested) and functions called where bash calls them (several times, in
 * subshells and pipelines, with `NAME=VAL` before the call, from other functions, never, before
 * they are defined, recursively).
 * Seeded, so a run is repeatable. Usage: node scripts/osc-hunt23-generate.mjs N SEED [b] > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 200);
const rand = rng(Number(process.argv[3] ?? 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const V = 'OS_COMPUTE_API_VERSION';
const vals = ['2.3', '2.19', '2.42', '2.67', '2.79', '2.90', ''];

const WRAPPERS = [
  'nohup', 'nice', 'nice -n 5', 'nice -n5', 'nice --adjustment=3', 'nice -3', 'timeout 30', 'timeout 30s', 'timeout -s KILL 30',
  'timeout --foreground -k 5 30', 'timeout --signal=TERM 1m', '\\time', '/usr/bin/time -p', 'time -p', 'time', 'X=1 time', 'command', 'command -p', 'builtin',
  'env', 'env -i', `env -u ${V}`, `env -u${V}`, `env --unset=${V}`, `env ${V}=2.5`, `env -i ${V}=2.6`, 'env -', 'env -i PATH=/usr/bin', 'env A=b',
  'sudo', 'sudo -E', 'sudo -u root', 'sudo -E -u root', `sudo ${V}=2.61`, `sudo --preserve-env=${V}`, 'sudo --preserve-env', 'sudo -n', 'sudo -H', '/usr/bin/sudo -E',
  `${V}=2.7`, `${V}=`, 'A=1',
  'nohup --', 'env --', 'sudo --', 'command --', 'sudo -u root -E', 'sudo -Eu root', 'sudo -uroot', 'timeout -k5 30', 'timeout --kill-after=5 30', 'timeout -sKILL 9',
  '/usr/bin/time -f %e', '/usr/bin/time -o /dev/null', '/usr/bin/time --format=%e', 'nice -n -5', 'nice -n 5 --', 'env -C /', 'env -iu X', `env -i -u ${V} ${V}=2.8`,
  `env -u ${V} ${V}=2.9`, 'command -v', 'command -V', 'builtin command', "'sudo' -E", '"nice"', '\\nohup', '/usr/bin/env -i', `sudo --preserve-env=A,${V}`, 'sudo --preserve-env=A',
  `sudo -E ${V}=2.44`, 'sudo -n -E', '/usr/bin/nohup', `${V}=2.71 command`, `${V}=2.72 exec`.replace(' exec', ' command -p'),
];

function setStmt(inFn) {
  const v = pick(vals);
  const xs = [
    `export ${V}=${v}`, `${V}=${v}`, `export ${V}`, `export -n ${V}`, `export -n ${V}=${v}`, `declare -x ${V}=${v}`, `typeset -x ${V}=${v}`,
    `declare ${V}=${v}`, `declare +x ${V}`, `declare -gx ${V}=${v}`, `unset ${V}`, `unset -v ${V}`, `export A=1 ${V}=${v}`, `declare -rx B=1`,
  ];
  if (inFn) xs.push(`local -x ${V}=${v}`, `local ${V}=${v}`, `local -x ${V}`, `local ${V}`, `declare -x ${V}=${v}`, `declare ${V}=${v}`);
  return pick(xs);
}

let vm = 0;
function osc() {
  let w = '';
  for (let k = chance(0.6) ? 1 + Math.floor(rand() * 2) : 0; k > 0; k--) w += `${pick(WRAPPERS)} `;
  const prog = chance(0.9) ? 'openstack' : pick(['\\openstack', '"openstack"', '/usr/bin/openstack', "'openstack'"]);
  return `${w}${prog} server create --flavor m1 --image cirros vm${++vm}`;
}

function wrapStmt(s, set) {
  return pick([
    ...(set ? [() => `bash -c '${s}'`] : []),
    () => s, () => s, () => s, () => `( ${s} )`, () => `{ ${s}; }`, () => `${s} | cat`, () => `cat /dev/null | ${s}`, () => `${s} & wait`,
    () => `true $(${s})`, () => `: "$(${s})"`, () => `{ ${s}; } | cat`, () => `( ${s}; )`, () => `if true; then ${s}; fi`,
    () => `for i in 1; do ${s}; done`, () => `${s} &>/dev/null`, () => `${s} |& cat`, () => `${s} |\n  cat`, () => `${s} & \nwait`,
    () => `while true; do ${s}; break; done`, () => `case x in x) ${s};; esac`, () => `until ${s}; do break; done`, () => `${s} 2>&1 | cat`, () => `for i in 1; do ${s}; done | cat`, () => `${s} && true`, () => `true || ${s}`.replace('true ||', 'true &&'),
  ])();
}

function fn() {
  const body = [];
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) body.push(chance(0.5) ? setStmt(true) : osc());
  body.push(osc());
  const name = pick(['f', 'g']);
  return `${pick([`${name}()`, `function ${name}`, `function ${name}()`])} { ${body.join('; ')}; }; ${name}`;
}

const sq = (t) => `'${t.replace(/'/g, "'\\''")}'`;
const dq = (t) => `"${t.replace(/[\\"$`]/g, '\\$&')}"`;

/** hunt 23b: a statement of one of the new forms (depth: how deep command strings nest) */
function stmtB(depth, inFn, fns) {
  const v = pick(vals);
  const r = rand();
  if (r < 0.22) return pick([setStmt(inFn), osc(), osc()]);
  if (r < 0.34) {
    return pick([
      () => `exec ${osc()}`, () => `( exec ${osc()} )`, () => `{ exec ${osc()}; }`, () => `exec sudo -E ${osc()}`.replace('sudo -E sudo', 'sudo'),
      () => `exec env A=1 ${osc()}`, () => `${osc()} | { exec cat; }`, () => `( exec ${osc()}; ${osc()} )`, () => `exec >/dev/null`, () => `exec 2>&1`,
      () => `exec 3>/dev/null`, () => `[ "$(id -u)" = 0 ] || exec sudo "$0" "$@"`, () => `[ "$(id -u)" != 0 ] && exec sudo "$0" "$@"`, () => `true $(exec ${osc()})`,
      () => `exec ${osc()} & wait`, () => `command exec ${osc()}`, () => `exec -a x ${osc()}`,
    ])();
  }
  if (r < 0.7 && depth < 3) {
    const inner = () => {
      const k = 1 + Math.floor(rand() * 3);
      const xs = [];
      for (let j = 0; j < k; j++) xs.push(chance(0.3) ? `export ${V}=${pick(vals)}` : stmtB(depth + 1, false, []));
      return xs.join('; ');
    };
    const posix = () => {
      const xs = [];
      for (let j = 1 + Math.floor(rand() * 2); j > 0; j--) xs.push(pick([`export ${V}=${pick(vals)}`, `${V}=${pick(vals)}`, `unset ${V}`, osc(), osc(), `exec ${osc()}`]));
      return xs.join('; ');
    };
    return pick([
      () => `bash -c ${sq(inner())}`, () => `bash -c ${dq(inner())}`, () => `sh -c ${sq(posix())}`, () => `sudo sh -c ${sq(posix())}`, () => `sudo -E bash -c ${sq(inner())}`,
      () => `env ${V}=${v} bash -c ${sq(inner())}`, () => `env -i bash -c ${sq(inner())}`, () => `${V}=${v} bash -c ${sq(inner())}`, () => `bash -ec ${sq(inner())}`, () => `bash -x -c ${sq(inner())}`,
      () => `ssh host ${sq(inner())}`, () => `ssh -o BatchMode=yes -p 22 host ${sq(inner())}`, () => `ssh host ${osc()}`, () => `ssh -n host -- ${sq(inner())}`,
      () => `eval ${sq(inner())}`, () => `eval ${dq(inner())}`, () => `${V}=${v} eval ${sq(inner())}`, () => `( eval ${sq(inner())} )`,
      () => `bash -c ${sq(`eval ${sq(inner())}`)}`, () => `eval ${sq(`bash -c ${sq(inner())}`)}`, () => `sh -c ${sq(`sh -c ${sq(posix())}`)}`, () => `builtin eval ${sq(inner())}`,
    ])();
  }
  if (fns.length) {
    const f = pick(fns);
    return pick([() => f, () => f, () => `( ${f} )`, () => `${f} | cat`, () => `${V}=${v} ${f}`, () => `${f}; ${f}`, () => `true $(${f})`, () => `${f} & wait`, () => `eval ${f}`, () => `bash -c ${f}`])();
  }
  return osc();
}

function caseB() {
  const lines = [];
  const fns = [];
  for (let k = 2 + Math.floor(rand() * 5); k > 0; k--) {
    if (chance(0.3)) {
      const name = pick(['f', 'g', 'h']);
      const body = [];
      for (let j = 1 + Math.floor(rand() * 3); j > 0; j--) body.push(chance(0.35) ? setStmt(true) : stmtB(2, true, fns.filter((x) => x !== name)));
      if (chance(0.1)) body.push(`[ $# -lt 2 ] && ${name} x x`);
      // a call before the definition finds no function (bash: command not found)
      if (chance(0.1)) lines.push(name);
      lines.push(`${pick([`${name}()`, `function ${name}`, `${name} ()`])} {\n  ${body.join('\n  ')}\n}`);
      if (!fns.includes(name)) fns.push(name);
    } else lines.push(stmtB(0, false, fns));
  }
  lines.push(osc());
  return `${lines.join(pick(['\n', '\n', '; ']))}\n`.replace(/}; /g, '}\n');
}

const out = [];
if (process.argv[4] === 'b') {
  for (let c = 0; c < n; c++) {
    vm = 0;
    out.push({ id: `h23b-${c}`, script: caseB() });
  }
  process.stdout.write(JSON.stringify(out, null, 1));
  process.exit(0);
}
for (let c = 0; c < n; c++) {
  vm = 0;
  const lines = [];
  for (let k = 2 + Math.floor(rand() * 5); k > 0; k--) {
    const r = rand();
    if (r < 0.4) lines.push(wrapStmt(setStmt(false), true));
    else if (r < 0.85) lines.push(wrapStmt(osc()));
    else lines.push(fn());
  }
  lines.push(osc());
  if (chance(0.1)) lines.push(`( exec ${osc()} )`);
  if (chance(0.05)) lines.push(`( builtin exec ${osc()} )`, `( exec -a name ${osc()} )`);
  out.push({ id: `h23-${c}`, script: `${lines.join(pick(['\n', '; ', '\n']))}\n` });
}
process.stdout.write(JSON.stringify(out, null, 1));
