/**
 * Hunt 32: scripts whose `openstack server create` words come from bash's case modification
 * (`${X^^p}`, `${X^p}`, `${X,,p}`, `${X,p}`), its transformations `${X@Q}`, `${X@U}`, `${X@u}`,
 * `${X@L}`, indirection `${!X}` (also with an operator after it), arithmetic `$((…))` (as a word,
 * inside one, in a substring's offset and length) and quotes inside double-quoted operands
 * (`"${X:-'a b'}"`, `"${X#'p'}"`, `"${X/'p'/'r'}"`: bash reads single quotes there differently for
 * each operator), to check server/src/source/oscCli/expand.ts against bash 5.2 itself.
 * Labelled by scripts/osc-hunt28-label.py, compared by scripts/osc-hunt32-difftest.ts.
 * Seeded. Usage: node --import tsx scripts/osc-hunt32-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 400);
const rand = rng(Number(process.argv[3] ?? 32));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const VARS = ['VOL', 'IMG', 'FLAVOR', 'NAME', 'N', 'R', 'P', 'Q'];
const sq = (t: string) => `'${t.replace(/'/g, "'\\''")}'`;
const dq = (t: string) => `"${t.replace(/[\\"$`]/g, '\\$&')}"`;
const spell = (v: string): string => {
  if (v === '') return pick(['', "''", '""']);
  const plain = /^[A-Za-z0-9_./:=,+@%-]+$/.test(v);
  const r = rand();
  if (plain && r < 0.5) return v;
  if (r < 0.75) return dq(v);
  return sq(v);
};

function value(name: string): string {
  if (name === 'VOL') return pick(['6F0C5D1E-7A2B-4C3D-9E8F-0A1B2C3D4E5F', '11111111-2222-3333-4444-555555555555', 'Vol-A', '']);
  if (name === 'IMG') return pick(['Cirros', 'ubuntu-22.04', 'IMG-1', 'a b', "it's", '', 'é-x']);
  if (name === 'FLAVOR') return pick(['m1.small', 'M1.TINY', 'ds1G', 'x y', '']);
  if (name === 'NAME') return pick(['vm-1', 'Web', 'db', '', 'a\tb', 'q"x']);
  if (name === 'N') return pick(['3', '0', '-2', '010', '0x1f', '2#101', '10', 'R', 'N', '1+1', '', ' 4 ', '64#_', 'abc']);
  if (name === 'R') return pick(['FLAVOR', 'IMG', 'VOL', 'N', 'NAME', 'nope', '', '1', 'a-b', 'R']);
  if (name === 'P') return pick(['[a-m]', 'a', '*', '?', '[[:upper:]]', '', '[!x]']);
  return pick(["'", '"', '-', ' ', 'x', '']);
}

const arithAtoms = ['1', '2', '0', '7', '-3', '010', '0x10', '16#ff', '2#11', '$N', 'N', '${N}', '"$N"', 'R', 'nope', '${#IMG}', '3'];
const arithOps = ['+', '-', '*', '/', '%', '**', '<<', '>>', '<', '>', '==', '!=', '&', '|', '^', '&&', '||', ','];
function arith(depth = 0): string {
  const r = rand();
  if (depth > 2 || r < 0.35) return pick(arithAtoms);
  if (r < 0.75) return `${arith(depth + 1)}${pick(['', ' '])}${pick(arithOps)}${pick(['', ' '])}${arith(depth + 1)}`;
  if (r < 0.82) return `(${arith(depth + 1)})`;
  if (r < 0.88) return `${pick(['-', '!', '~', '+'])}${arith(depth + 1)}`;
  if (r < 0.94) return `${arith(depth + 1)}?${arith(depth + 1)}:${arith(depth + 1)}`;
  return pick(['N++', 'N=4', 'N+=1', '--N', '1/0', '2**-1', '08', '1 2', '9223372036854775807+1', '-9223372036854775807-1', '3 > 2 ? 5 : 6', '0x', '1#1']);
}

const inner = ['a b', "'a b'", '"a b"', "\\'a", "'", "a'b'", '$P', "'$P'", '"$P"', "'*'", '\\"x', "''", "'\"'", 'x\'y\'z'];
/** an expansion of a variable, one of the forms under test */
function ref(name: string, quoted = chance(0.5)): string {
  const r = rand();
  let f: string;
  if (r < 0.2) f = `\${${name}${pick(['^^', '^', ',,', ','])}${chance(0.4) ? pick(['[a-m]', 'a', '*', '?', '$P', '"$P"', "'a'", '[[:lower:]]', '[!c]', 'i', 'C', '']) : ''}}`;
  else if (r < 0.33) f = `\${${name}@${pick(['Q', 'U', 'u', 'L', 'Q', 'E', 'a'])}}`;
  else if (r < 0.45) f = `\${!${pick(['R', 'R', 'R', 'Q', 'N', name])}${chance(0.3) ? pick([':-d', '-d', ':+a', '^^', '#?', '%?', '@Q', ':1', '/a/b']) : ''}}`;
  else if (r < 0.63) f = `$((${arith()}))`;
  else if (r < 0.7) f = `\${${name}:${pick(['$((1))', '1+1', 'N', '$N', ' -1*2', '(1)', '2-1', '$((N))'])}${chance(0.5) ? `:${pick(['1', 'N', '$((2))', '1+2', '0', '-1'])}` : ''}}`;
  else if (r < 0.88) f = `\${${name}${pick([':-', '-', ':+', '+', ':='])}${pick(inner)}}`;
  else if (r < 0.95) f = `\${${name}${pick(['#', '##', '%', '%%'])}${pick(inner)}}`;
  else f = `\${${name}${pick(['/', '//'])}${pick(['a', "'a'", '"a"', "'-'", '$P'])}/${pick(inner)}}`;
  return quoted ? `"${f}"` : f;
}

function statement(): string {
  const name = pick(VARS);
  const r = rand();
  if (r < 0.5) return `${name}=${spell(value(name))}`;
  if (r < 0.6) return `unset ${name}`;
  if (r < 0.7) return `${name}=${ref(pick(VARS), chance(0.7))}`;
  if (r < 0.78) return pick(['set -u', 'set +u', "IFS=','", 'IFS=1', 'unset IFS', "IFS=' '"]);
  if (r < 0.86) return `: ${ref(pick(VARS))}`;
  return `${name}=$((${arith()}))`;
}

function command(): string {
  const parts: string[] = ['openstack', 'server', 'create'];
  parts.push('--flavor', chance(0.7) ? ref('FLAVOR') : 'm1.small');
  const boot = rand();
  if (boot < 0.5) parts.push('--image', chance(0.8) ? ref('IMG') : 'cirros');
  else if (boot < 0.75) parts.push('--volume', ref('VOL'));
  else parts.push('--image', 'cirros', '--block-device', `source_type=blank,destination_type=volume,volume_size=${ref('N', false)}`);
  if (chance(0.25)) parts.push('--min', ref('N'));
  if (chance(0.2)) parts.push(`--property`, `k=${ref(pick(VARS))}`);
  parts.push(chance(0.7) ? ref('NAME') : 'vm1');
  return parts.join(' ');
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const lines: string[] = [];
  if (chance(0.15)) lines.push('#!/bin/bash');
  for (const name of VARS) if (chance(0.85)) lines.push(`${name}=${spell(value(name))}`);
  for (let j = 0, m = Math.floor(rand() * 4); j < m; j++) lines.push(statement());
  const cmd = command();
  const how = rand();
  if (how < 0.8) lines.push(cmd);
  else if (how < 0.9) lines.push(`( ${cmd} )`);
  else lines.push(`launch() { ${cmd}; }\nlaunch`);
  if (chance(0.3)) lines.push(command());
  cases.push({ id: `h32-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
