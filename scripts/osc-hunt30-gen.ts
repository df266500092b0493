/**
 * Hunt 30: scripts whose `openstack server create` commands take words from shell variables, as
 * operators' runbooks write them, to check bdm-lab's parameter expansion (server/src/source/oscCli/
 * expand.ts, vars.ts) against bash itself:
 * - assignments: `X=v` (plain, single- and double-quoted values, values with spaces, commas,
 *   glob characters, empty), `X+=v`, `export`/`readonly`/`declare [-x|-r]`, `local` in functions,
 *   `unset`, several on one line (`A=1 B=$A`), `NAME=v cmd` before a command or a function call;
 * - expansions: `$X`, `${X}`, inside double quotes, glued to other text (`uuid=$VOL,source_type=…`),
 *   `${X:-d}`, `${X-d}`, `${X:=d}`, `${X=d}`, `${X:+a}`, `${X+a}`, `${#X}`, nested defaults;
 *   unquoted values split on IFS (the default, or `IFS=,` set by the script);
 * - where the value comes from: a branch the text decides (`if true`, `if false`, `true &&`,
 *   `false ||`) or not (`if [ -e /nonexistent ]`), a loop that changes it, a function's locals,
 *   a subshell's assignment that does not reach the shell, `bash -c` with exported and unexported
 *   variables, `eval`, `$(…)`, `read`, a name the script never sets (bash: empty; the environment
 *   may set it, so bdm-lab must not judge the command);
 * - bounds: a value doubled many times (`X=$X$X`).
 * Labelled by scripts/osc-hunt28-label.py (bash runs each script with a fake `openstack`; OSC's
 * own code and Nova's on each run's words), compared by scripts/osc-hunt30-difftest.ts.
 * Seeded. Usage: node --import tsx scripts/osc-hunt30-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 30));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const VOLS = ['6f0c5d1e-7a2b-4c3d-9e8f-0a1b2c3d4e5f', '11111111-2222-3333-4444-555555555555', 'f00dbabe-0000-4000-8000-000000000001'];
const IMAGES = ['cirros', 'ubuntu-22.04', 'img-1'];
const FLAVORS = ['m1.small', 'm1.tiny', 'ds1G'];
const NAMES = ['vm1', 'web-0', 'db', 'x'];
const VARS = ['VOL', 'IMG', 'FLAVOR', 'NAME', 'SIZE', 'BDM', 'OPTS', 'N', 'MV', 'DEV'];

const sq = (t: string) => `'${t.replace(/'/g, "'\\''")}'`;
const dq = (t: string) => `"${t.replace(/[\\"$`]/g, '\\$&')}"`;
/** a value written as an assignment's right side, spelt one of the ways scripts spell it */
const spell = (v: string): string => {
  if (v === '') return pick(['', "''", '""']);
  const plain = /^[A-Za-z0-9_./:=,+@%-]+$/.test(v);
  const r = rand();
  if (plain && r < 0.5) return v;
  if (r < 0.75) return dq(v);
  return sq(v);
};

/** a reference to a variable, in one of its forms (quoted or not) */
function ref(name: string, quoted = chance(0.5)): string {
  const forms = [`$${name}`, `\${${name}}`, `\${${name}:-${pick(['d', 'cirros', VOLS[0]])}}`, `\${${name}-x}`, `\${${name}:+${pick(['alt', '2'])}}`, `\${${name}+y}`, `\${${name}:=${pick(['dflt', 'm1.tiny'])}}`, `\${#${name}}`, `\${${name}:-\${${pick(VARS)}:-z}}`, `\${${name}:-"a b"}`];
  const r = rand();
  const f = r < 0.45 ? forms[0] : r < 0.65 ? forms[1] : pick(forms);
  return quoted ? `"${f}"` : f;
}

/** a value a variable may be given */
function value(name: string): string {
  const r = chance(0.3) ? rand() : rand() * 0.5;
  if (name === 'VOL' || name === 'BDM') {
    if (r < 0.6) return pick(VOLS);
    if (r < 0.7) return `${pick(VOLS)},source_type=volume`;
  }
  if (name === 'IMG' && r < 0.6) return pick(IMAGES);
  if (name === 'NAME' && r < 0.6) return pick(NAMES);
  if (name === 'FLAVOR' && r < 0.6) return pick(FLAVORS);
  if ((name === 'N' || name === 'SIZE') && r < 0.6) return pick(['1', '2', '10', '0', '-1']);
  if (name === 'MV' && r < 0.7) return pick(['2.1', '2.67', '2.90', 'latest', '2.']);
  if (name === 'OPTS' && r < 0.6) return pick(['--min 2 --max 3', '--flavor m1.tiny', '--image cirros --flavor ds1G', '--boot-from-volume 5']);
  if (name === 'DEV' && r < 0.6) return pick(['vdb', '/dev/vdc', 'sda']);
  return pick(['', 'a b', 'x*', 'a,b', ' lead', 'trail ', 'q?', 'v[1]', 'plain', `${pick(VOLS)} `, 'id=1,x=2']);
}

/** one assignment statement (or a form that sets the variable) */
function assignment(name: string, inFn: boolean): string {
  const v = value(name);
  const r = rand();
  if (r < 0.45) return `${name}=${spell(v)}`;
  if (r < 0.52) return `export ${name}=${spell(v)}`;
  if (r < 0.57) return `readonly ${name}=${spell(v)}`;
  if (r < 0.62) return `declare ${pick(['', '-x ', '-r ', '-g '])}${name}=${spell(v)}`;
  if (r < 0.67 && inFn) return `local ${name}=${spell(v)}`;
  if (r < 0.72) return `${name}+=${spell(v)}`;
  if (r < 0.76) return `unset ${name}`;
  if (r < 0.80) return `${name}=${ref(pick(VARS), chance(0.7))}`;
  if (r < 0.83) return `${name}=$(echo ${spell(v)})`;
  if (r < 0.86) return `read -r ${name} <<< ${sq(v || 'r')}`;
  if (r < 0.89) return `${name}=${spell(v)} ${pick(VARS)}=${ref(name, true)}`;
  if (r < 0.92) return `IFS=${pick([',', "' '", "''", "', '", '$\'\\n\''])}`;
  if (r < 0.95) return `${name}=$${name}$${name}`;
  return `: "\${${name}:=${spell(v).replace(/^["']|["']$/g, '') || 'dv'}}"`;
}

/** the option words of a server create, some taken from variables */
function command(): string {
  const parts: string[] = ['openstack'];
  if (chance(0.15)) parts.push('--os-compute-api-version', chance(0.6) ? ref('MV') : pick(['2.67', '2.1']));
  parts.push('server', 'create');
  parts.push('--flavor', chance(0.6) ? ref('FLAVOR') : pick(FLAVORS));
  const boot = rand();
  if (boot < 0.4) parts.push('--image', chance(0.6) ? ref('IMG') : pick(IMAGES));
  else if (boot < 0.6) parts.push('--volume', ref('VOL'));
  else if (boot < 0.8) {
    const inner = pick([
      `uuid=${ref('VOL', false)},source_type=volume,destination_type=volume,boot_index=0`,
      `uuid=${ref('VOL', false)},source_type=image,destination_type=volume,volume_size=${ref('SIZE', false)},boot_index=0`,
      ref('BDM', false),
      `source_type=blank,destination_type=volume,volume_size=${ref('SIZE', false)}`,
    ]);
    parts.push('--block-device', chance(0.5) ? `"${inner.replace(/^"|"$/g, '')}"` : inner);
    if (chance(0.5)) parts.push('--image', pick(IMAGES));
  } else parts.push('--block-device-mapping', `${ref('DEV', false)}=${ref('VOL', false)}:volume:${ref('SIZE', false)}:true`, '--image', pick(IMAGES));
  if (chance(0.2)) parts.push(ref('OPTS', chance(0.3)));
  if (chance(0.15)) parts.push('--min', ref('N'));
  if (chance(0.1)) parts.push('--boot-from-volume', ref('SIZE'));
  parts.push(chance(0.5) ? ref('NAME') : pick(NAMES));
  return parts.join(' ');
}

/** a statement: an assignment, or one inside a construct that may or may not run it */
function statement(inFn: boolean): string {
  const name = pick(VARS);
  const r = rand();
  if (r < 0.5) return assignment(name, inFn);
  if (r < 0.56) return `if true; then ${assignment(name, inFn)}; fi`;
  if (r < 0.61) return `if false; then ${assignment(name, inFn)}; else ${assignment(name, inFn)}; fi`;
  if (r < 0.66) return `if [ -e /nonexistent ]; then ${assignment(name, inFn)}; fi`;
  if (r < 0.70) return `true && ${assignment(name, inFn)}`;
  if (r < 0.74) return `false || ${assignment(name, inFn)}`;
  if (r < 0.78) return `( ${assignment(name, inFn)} )`;
  if (r < 0.82) return `for i in 1 2; do ${name}=$${name}$i; done`;
  if (r < 0.85) return `{ ${assignment(name, inFn)}; }`;
  if (r < 0.88) return `eval ${sq(assignment(name, inFn))}`;
  if (r < 0.91) return `[ -n "$${name}" ] && ${assignment(name, inFn)}`;
  if (r < 0.94) return `${name}=a; ${name}=$${name}$${name}; ${name}=$${name}$${name}; ${name}=$${name}$${name}`;
  return `unset ${name}`;
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const lines: string[] = [];
  if (chance(0.3)) lines.push('#!/bin/bash');
  const fn = chance(0.3);
  // most scripts set most of their variables first, plainly (a runbook's header)
  for (const name of VARS) if (chance(0.9)) lines.push(`${chance(0.3) ? pick(['export ', 'export ', 'readonly ', 'declare ', 'declare -x ']) : ''}${name}=${spell(value(name))}`);
  const count = Math.floor(rand() * 4);
  for (let j = 0; j < count; j++) lines.push(statement(false));
  if (fn) {
    const body: string[] = [];
    for (let j = 0, m = Math.floor(rand() * 3); j < m; j++) body.push(statement(true));
    body.push(command());
    lines.push(`launch() {\n  ${body.join('\n  ')}\n}`);
    const calls = pick(['launch', 'launch; launch', `${pick(VARS)}=${spell(value('VOL'))} launch`, 'launch a b', '', 'if false; then launch; fi']);
    if (calls) lines.push(calls);
    if (chance(0.4)) lines.push(statement(false));
  }
  const how = rand();
  const cmd = command();
  if (how < 0.65) lines.push(cmd);
  else if (how < 0.72) lines.push(`bash -c ${sq(cmd)}`);
  else if (how < 0.78) lines.push(`eval "${cmd.replace(/["\\`]/g, '\\$&')}"`);
  else if (how < 0.84) lines.push(`( ${cmd} )`);
  else if (how < 0.9) lines.push(`${pick(['OS_COMPUTE_API_VERSION', 'VOL', 'IMG'])}=${spell(value('MV'))} ${cmd}`);
  else lines.push(`${statement(false)}\n${cmd}`);
  if (chance(0.3)) lines.push(command());
  cases.push({ id: `h30-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);
