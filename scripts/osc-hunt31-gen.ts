/**
 * Hunt 31: scripts whose `openstack server create` words come from bash's pattern and substring
 * expansions, `set -u`, `${X:?w}` and a `--os-compute-api-version $MV` that splits, to check
 * server/src/source/oscCli/expand.ts, vars.ts and index.ts against bash 5.2 itself:
 * - `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}` with glob patterns (`*`, `?`, `[…]`, `[!…]`,
 *   backslashes, quoted parts, a pattern from a variable), `${X/p/r}`, `${X//p/r}`, `${X/#p/r}`,
 *   `${X/%p/r}` (with `&` in the replacement: bash 5.2's patsub_replacement), `${#X}`,
 *   `${X:o}`, `${X:o:l}` (negative offsets and lengths), `${X:?w}`, `${X?w}`; quoted or not;
 * - `set -u`/`set -o nounset`/`set +u`, on every path or under a condition, with a name the script
 *   unset, never set, or set empty, expanded plain or under `:-`, `+`, `#`…;
 * - `--os-compute-api-version $MV` with MV empty, holding spaces, unset.
 * Labelled by scripts/osc-hunt28-label.py, compared by scripts/osc-hunt30-difftest.ts.
 * Seeded. Usage: node --import tsx scripts/osc-hunt31-gen.ts N SEED [patterns] > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 400);
const rand = rng(Number(process.argv[3] ?? 41));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const VOLS = ['6f0c5d1e-7a2b-4c3d-9e8f-0a1b2c3d4e5f', '11111111-2222-3333-4444-555555555555'];
const VARS = ['VOL', 'IMG', 'FLAVOR', 'NAME', 'SIZE', 'MV', 'P', 'E'];

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

/** a glob pattern, as a script writes it inside `${…}` */
function pattern(): string {
  return pick([
    '*.', '*-', '.*', '-*', '*/', '/*', '?', '??', '*', '', 'm1.', 'img-', '[0-9]', '[0-9]*', '*[0-9]', '[!a-z]*', '*[.-]', '\\*', '"*"', "'.'",
    '$P', '"$P"', '${P}*', 'vol-', '*,*', ',*', '*=', 'x*y', '[a-f]?', '*[]]', '[', '*\\.', 'a*a', '*a*', '[[:digit:]]', '[^0-9]', '@(a|b)', '*(x)', '??*', '*??',
  ]);
}

/** a value a variable may be given */
function value(name: string): string {
  if (name === 'VOL') return pick([...VOLS, `vol-${VOLS[0]}`, `${VOLS[1]},source_type=volume`, 'a/b/c.img', '']);
  if (name === 'IMG') return pick(['cirros-0.6.img', 'ubuntu-22.04', 'img-1', 'images/cirros.qcow2', '', 'a b']);
  if (name === 'FLAVOR') return pick(['m1.small', 'm1.tiny', 'ds1G', 'flavor=m1.tiny', '']);
  if (name === 'NAME') return pick(['vm-1', 'web-0.example.org', 'db', 'x*', 'aaa', '']);
  if (name === 'SIZE') return pick(['10G', '20', '5GB', 'size=30', '-1', '']);
  if (name === 'MV') return pick(['2.67', '2.1', '', '2.1 ', ' 2.67', '2.67 2.1', 'v2.90', '2.latest', '2.9x']);
  if (name === 'P') return pick(['*.', 'm1', '[0-9]', '?', '-', 'img-', '']);
  return pick(['&', 'x&y', 'a', '', '-', '.']);
}

/** an expansion of a variable, one of the forms under test */
function ref(name: string, quoted = chance(0.45)): string {
  const r = rand();
  let f: string;
  if (r < 0.15) f = `$${name}`;
  else if (r < 0.45) f = `\${${name}${pick(['#', '##', '%', '%%'])}${pattern()}}`;
  else if (r < 0.65) f = `\${${name}${pick(['/', '//', '/#', '/%'])}${pattern()}${chance(0.8) ? `/${pick(['', 'x', '-', '&', '\\&', '"&"', '$E', '"$E"', '_&_', 'a/b'])}` : ''}}`;
  else if (r < 0.8) f = `\${${name}:${pick(['0', '1', '2', ' -3', '-1', '(-2)', '9', ' -20', '$((1))'])}${chance(0.6) ? `:${pick(['1', '2', '0', '-1', '-2', '5', '30', '-40'])}` : ''}}`;
  else if (r < 0.86) f = `\${#${name}}`;
  else if (r < 0.92) f = `\${${name}${pick([':?', '?', ':?unset', '?oops'])}}`;
  else f = `\${${name}${pick([':-d', '-d', ':+a', '+a'])}}`;
  return quoted ? `"${f}"` : f;
}

function assignment(name: string): string {
  const v = value(name);
  const r = rand();
  if (r < 0.55) return `${name}=${spell(v)}`;
  if (r < 0.62) return `export ${name}=${spell(v)}`;
  if (r < 0.7) return `unset ${name}`;
  if (r < 0.78) return `${name}=${ref(pick(VARS), chance(0.7))}`;
  if (r < 0.84) return `${name}=`;
  return `${name}=${spell(v)}`;
}

function setU(): string {
  return pick(['set -u', 'set -o nounset', 'set -eu', 'set -euo pipefail', 'set +u', 'set -u', 'set +o nounset', 'set -x -u']);
}

function statement(): string {
  const r = rand();
  if (r < 0.45) return assignment(pick(VARS));
  if (r < 0.6) return setU();
  if (r < 0.66) return `if true; then ${setU()}; fi`;
  if (r < 0.72) return `if [ -e /nonexistent ]; then ${setU()}; fi`;
  if (r < 0.76) return `( ${setU()} )`;
  if (r < 0.8) return `f() { ${setU()}; }; f`;
  if (r < 0.86) return `echo ${ref(pick(VARS))} >/dev/null`;
  if (r < 0.9) return `: ${ref(pick(VARS))}`;
  if (r < 0.94) return `true && ${assignment(pick(VARS))}`;
  return `unset ${pick(VARS)}`;
}

function command(): string {
  const parts: string[] = ['openstack'];
  if (chance(0.3)) parts.push('--os-compute-api-version', chance(0.75) ? (chance(0.7) ? '$MV' : ref('MV')) : pick(['2.67', '2.1']));
  parts.push('server', 'create');
  parts.push('--flavor', chance(0.6) ? ref('FLAVOR') : 'm1.small');
  const boot = rand();
  if (boot < 0.45) parts.push('--image', chance(0.7) ? ref('IMG') : 'cirros');
  else if (boot < 0.65) parts.push('--volume', ref('VOL'));
  else if (boot < 0.85) parts.push('--block-device', `uuid=${ref('VOL', false)},source_type=volume,destination_type=volume,boot_index=0`);
  else parts.push('--image', 'cirros', '--block-device', `source_type=blank,destination_type=volume,volume_size=${ref('SIZE', false)}`);
  if (chance(0.15)) parts.push('--min', ref('SIZE'));
  parts.push(chance(0.6) ? ref('NAME') : 'vm1');
  return parts.join(' ');
}

/**
 * `patterns` mode: one command whose words are pattern expansions with patterns built from any
 * glob, quote and expansion characters (brackets left open, classes, backslashes, `&`), on values
 * with glob characters, under `set -u` or in dash now and then.
 */
function patternScript(): string {
  const atoms = ['*', '?', '[', ']', '!', '^', '\\', '"*"', "'?'", '$Y', '"$Y"', '${Y}', '/', '#', '%', '-', '&', 'a', 'b', '[:alpha:]', '[:digit:]', '.', '}', '(', ')', '@', '\\&', '"&"'];
  const pat = () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(atoms)).join('');
  const ex = () => {
    const op = pick(['#', '##', '%', '%%', '/', '//', '/#', '/%']);
    const body = `\${X${op}${pat()}${op[0] === '/' && chance(0.7) ? `/${pat()}` : ''}}`;
    return chance(0.5) ? `"${body}"` : body;
  };
  const pre = pick(['', '', '', 'set -u\n', '#!/bin/sh\n']);
  const x = pick(["'a*b]c'", 'abcabc', "''", "'a-b.c-d'", "'[x]?y'", "'a&b'", '"a\\\\b"', 'ab.ab.ab']);
  const y = pick(["'*'", 'b', "''", "'?'", "'[ab]'", "'&'", "'a*'", "'\\'"]);
  return `${pre}X=${x}\nY=${y}\nopenstack server create --flavor m1 --image c ${ex()} ${ex()}x ${ex()}\n`;
}

const cases: Array<{ id: string; script: string }> = [];
if (process.argv[4] === 'patterns') {
  for (let k = 0; k < n; k++) cases.push({ id: `h31p-${k}`, script: patternScript() });
  process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
  process.exit(0);
}
for (let k = 0; k < n; k++) {
  const lines: string[] = [];
  if (chance(0.2)) lines.push('#!/bin/bash');
  if (chance(0.25)) lines.push(setU());
  for (const name of VARS) if (chance(0.85)) lines.push(`${chance(0.2) ? 'export ' : ''}${name}=${spell(value(name))}`);
  for (let j = 0, m = Math.floor(rand() * 4); j < m; j++) lines.push(statement());
  const how = rand();
  const cmd = command();
  if (how < 0.7) lines.push(cmd);
  else if (how < 0.78) lines.push(`( ${cmd} )`);
  else if (how < 0.86) lines.push(`launch() { ${cmd}; }\nlaunch`);
  else if (how < 0.92) lines.push(`bash -c ${sq(cmd)}`);
  else lines.push(`${statement()}\n${cmd}`);
  if (chance(0.4)) lines.push(command());
  cases.push({ id: `h31-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
