/**
 * Hunt 33: `#!/bin/sh` scripts (dash on Debian) holding expansions only bash has (`${X^}`,
 * `${X,,}`, `${X/p/r}`, `${X:1:2}`, `${!X}`, `${X@Q}`, …) and arithmetic dash refuses or may
 * refuse (`**`, `16#ff`, `,`, division by 0, a variable holding no number), in places that run,
 * may run or never run (after `false &&`, in an `if` branch, a subshell, a function, an operand
 * not expanded, `sh -c '…'`), around `openstack server create` commands, to check how
 * server/src/source/oscCli/expand.ts and index.ts stop where dash 0.5.12 stops. Labelled by
 * scripts/osc-hunt33-label.ts (the commands dash runs), compared by scripts/osc-hunt33-difftest.ts.
 * Seeded. Usage: node --import tsx scripts/osc-hunt33-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 400);
const rand = rng(Number(process.argv[3] ?? 33));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const VARS = ['IMG', 'FLAVOR', 'NAME', 'N', 'R'];
function value(name: string): string {
  if (name === 'IMG') return pick(['cirros', 'Ubuntu', 'img-1', '']);
  if (name === 'FLAVOR') return pick(['m1.small', 'M1.TINY', '']);
  if (name === 'NAME') return pick(['vm-1', 'Web', '']);
  if (name === 'N') return pick(['3', '0', '-2', '010', '0x1f', ' 4 ', '1+1', 'R', '', '08', '2']);
  return pick(['IMG', 'N', '3', 'x', '']);
}

const arithAtoms = ['1', '2', '0', '7', '-3', '010', '0x10', '$N', 'N', '${N}', 'R', '${#IMG}', '3'];
const arithOps = ['+', '-', '*', '/', '%', '<<', '>>', '<', '>', '==', '!=', '&', '|', '^', '&&', '||'];
function arith(depth = 0): string {
  const r = rand();
  if (depth > 2 || r < 0.35) return pick(arithAtoms);
  if (r < 0.7) return `${arith(depth + 1)}${pick(['', ' '])}${pick(arithOps)}${pick(['', ' '])}${arith(depth + 1)}`;
  if (r < 0.76) return `(${arith(depth + 1)})`;
  if (r < 0.82) return `${pick(['-', '!', '~'])}${arith(depth + 1)}`;
  if (r < 0.88) return `${arith(depth + 1)}?${arith(depth + 1)}:${arith(depth + 1)}`;
  return pick(['2**3', '2 ** N', '16#ff', '1, 2', '1/0', 'N/0', '1%(N-N)', '0 && 1/0', '1 || 2**3', '', ' ', '08', 'N++', 'N=4', '0x']);
}

/** a bash-only expansion, or one dash has (a control) */
function ref(name: string): string {
  const r = rand();
  let f: string;
  if (r < 0.1) f = `\${${name}${pick(['^^', '^', ',,', ','])}}`;
  else if (r < 0.18) f = `\${${name}${pick(['/', '//'])}a/b}`;
  else if (r < 0.25) f = `\${${name}:${pick(['1', '0:2', ' -1', '$N', 'N:1'])}}`;
  else if (r < 0.3) f = `\${!${pick(['R', name])}}`;
  else if (r < 0.35) f = `\${${name}@${pick(['Q', 'U', 'E'])}}`;
  else if (r < 0.38) f = pick([`\${${name}~}`, `\${${name}[0]}`, `\${#${name}:-x}`, `\${!${name}*}`]);
  else if (r < 0.6) f = `$((${arith()}))`;
  else if (r < 0.7) f = `\${${name}${pick([':-', '-', ':+', '+'])}${pick(['x', `\${${pick(VARS)}^}`, `$((${arith()}))`, `\${${pick(VARS)}:-y}`])}}`;
  else if (r < 0.8) f = `\${${name}${pick(['#', '%'])}${pick(['a', '*', 'c'])}}`;
  else f = `\${${name}}`;
  return chance(0.4) ? `"${f}"` : f;
}

function create(k: number): string {
  const parts = ['openstack', 'server', 'create', '--flavor', chance(0.5) ? ref('FLAVOR') : 'm1.small', '--image', chance(0.5) ? ref('IMG') : 'cirros'];
  if (chance(0.3)) parts.push('--min', ref('N'));
  parts.push(`vm${k}`);
  return parts.join(' ');
}

function statement(): string {
  const name = pick(VARS);
  const r = rand();
  if (r < 0.35) return `${name}=${value(name) === '' ? "''" : `'${value(name)}'`}`;
  if (r < 0.5) return `: ${ref(pick(VARS))}`;
  if (r < 0.6) return `${name}=${ref(pick(VARS))}`;
  if (r < 0.65) return `echo ${ref(pick(VARS))} >/dev/null`;
  if (r < 0.7) return pick(['set -u', 'set +u', 'unset N', 'unset IMG', 'N=']);
  return `${name}=$((${arith()}))`;
}

/** a command in one of the places that run, may run or never run */
function placed(cmd: string): string {
  const r = rand();
  if (r < 0.55) return cmd;
  if (r < 0.62) return `false && ${cmd}`;
  if (r < 0.68) return `if [ "$N" = 3 ]; then ${cmd}; fi`;
  if (r < 0.74) return `( ${cmd} )`;
  if (r < 0.8) return `f() { ${cmd}; }\nf`;
  if (r < 0.86) return `sh -c '${cmd.replace(/'/g, "'\\''")}'`;
  if (r < 0.9) return `echo start; ${cmd}; echo end`;
  if (r < 0.95) return `${cmd} || true`;
  return `true && ${cmd}`;
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const lines: string[] = ['#!/bin/sh'];
  // (every variable set: what dash does is not the environment's to decide)
  for (const name of VARS) lines.push(`${name}='${value(name)}'`);
  if (chance(0.3)) lines.push(placed(create(0)));
  for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) lines.push(placed(chance(0.5) ? statement() : create(j + 1)));
  lines.push(`openstack server create --flavor m1.small --image cirros last${k}`);
  cases.push({ id: `h33-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
