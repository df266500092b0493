/**
 * Hunt 23: scripts that set, export, unexport and scope OS_COMPUTE_API_VERSION in the ways bash
 * allows (export/declare/typeset/local/readonly/unset, `export -n`, `declare +x`, export of a name
 * set before or after), inside subshells, groups, pipelines, background jobs, command substitutions,
 * functions and `bash -c`, with `openstack server create` run behind wrappers (nohup, nice, timeout,
 * time, command, builtin, exec, env, sudo). Labelled by scripts/osc-hunt23-label.py (bash running
 * them, a fake openstack), compared by scripts/osc-hunt23-difftest.ts.
 * Seeded, so a run is repeatable. Usage: node scripts/osc-hunt23-generate.mjs N SEED > cases.json
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

const out = [];
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
