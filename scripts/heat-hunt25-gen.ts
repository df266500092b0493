/**
 * Hunt 25: HOT templates for the differential test against Heat's own code
 * (scripts/heat-hunt22-difftest.ts labels them with the heat-oracle and Stack.validate):
 * - a string parameter under the `timezone`, `cron_expression`, `expiration`, `net_cidr` or
 *   `ip_or_cidr` custom constraint (values from scripts/heat-hunt25-values.ts), as its default or
 *   given, sometimes with a description or another constraint first, used in the server's metadata;
 * - mappings whose keys Python's dict takes as one (1, 1.0, true, yes, 0, false, null, .nan, ...)
 *   in the server's metadata, its properties, a block_device_mapping_v2 item, scheduler_hints,
 *   str_replace's params, the template's sections and the parameters section.
 * Usage: node --import tsx scripts/heat-hunt25-gen.ts COUNT SEED > cases.json
 */
import { rng, valuesFor } from './heat-hunt25-values';

const count = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 25);
const r = rng(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (p: number) => r() < p;

const q = (s: string): string => JSON.stringify(s);
const HEAD = 'heat_template_version: 2018-08-31\n';
const SERVER = (extra: string, meta = '{k: v}') => `  srv:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      networks: [{network: private}]
      metadata: ${meta}
${extra}`;

const CONSTRAINTS = ['timezone', 'cron_expression', 'expiration', 'net_cidr', 'ip_or_cidr'];
const pools = new Map(CONSTRAINTS.map((c) => [c, valuesFor(c, 300, seed)]));

interface Case { id: string; template: string; params?: Record<string, unknown> }

function constraintCase(id: string): Case {
  const name = pick(CONSTRAINTS);
  const value = pick(pools.get(name)!);
  const cs: string[] = [];
  if (chance(0.15)) cs.push(pick(['{length: {min: 1}}', '{length: {max: 8}}', "{allowed_pattern: '[^ ]*'}"]));
  cs.push(chance(0.15) ? `{custom_constraint: ${name}, description: custom words}` : `{custom_constraint: ${name}}`);
  const type = chance(0.92) ? 'string' : pick(['number', 'comma_delimited_list', 'boolean']);
  const given = chance(0.4);
  const lines = [HEAD, 'parameters:\n  p:\n', `    type: ${type}\n`];
  if (!given || chance(0.3)) lines.push(`    default: ${q(given ? 'UTC' : value)}\n`);
  lines.push(`    constraints: [${cs.join(', ')}]\n`);
  lines.push('resources:\n', SERVER('', '{k: {get_param: p}}'));
  return { id, template: lines.join(''), ...(given ? { params: { p: value } } : {}) };
}

const KEYS = ['1', '1.0', 'true', 'yes', 'on', "'1'", '0', '0.0', '-0.0', 'false', 'no', 'off', 'null', '~', '.nan', '.NaN', '.inf', '-.inf', '1e3', '1.0e+3', '1000',
  '0x1', '01', '0o1', '1_0', '10', '2.5', 'a', "'true'", '9007199254740993', '9007199254740992', '9007199254740992.0', '!!float 1', "!!int '1'", "!!str 1", '0b1', '1:0', '60'];

function keyMap(n: number, value: () => string): string {
  return `{${Array.from({ length: n }, () => `${pick(KEYS)}: ${value()}`).join(', ')}}`;
}

function keyCase(id: string): Case {
  const where = pick(['metadata', 'metadata', 'properties', 'bdm', 'hints', 'str_replace', 'sections', 'parameters', 'resources']);
  const n = 1 + Math.floor(r() * 4);
  const v = () => pick(['a', 'b', "'x'", '1', 'c']);
  switch (where) {
    case 'metadata': return { id, template: HEAD + 'resources:\n' + SERVER('', keyMap(n, v)) };
    case 'properties': return { id, template: HEAD + 'resources:\n' + SERVER(Array.from({ length: n }, () => `      ${pick(KEYS)}: ${v()}\n`).join('')) };
    case 'bdm': return { id, template: HEAD + 'resources:\n' + SERVER(`      block_device_mapping_v2: [{image: cirros, boot_index: 0, ${Array.from({ length: n }, () => `${pick(KEYS)}: ${v()}`).join(', ')}}]\n`) };
    case 'hints': return { id, template: HEAD + 'resources:\n' + SERVER(`      scheduler_hints: ${keyMap(n, v)}\n`) };
    case 'str_replace': {
      const tmpl = pick(['1 and 1.0 and True', 'x1x', 'True/1/0', 'None null nan', '1000 1e3']);
      return { id, template: HEAD + 'resources:\n' + SERVER('', `{k: {str_replace: {template: ${q(tmpl)}, params: ${keyMap(n, () => pick(['a', 'b', "''", 'zz']))}}}}`) };
    }
    case 'sections': return { id, template: HEAD + Array.from({ length: n }, () => `${pick(KEYS)}: x\n`).join('') + 'resources:\n' + SERVER('') };
    case 'parameters': return { id, template: HEAD + 'parameters:\n' + Array.from({ length: n }, () => `  ${pick(KEYS)}: {type: string, default: d}\n`).join('') + 'resources:\n' + SERVER('') };
    default: return { id, template: HEAD + 'resources:\n' + SERVER('') + Array.from({ length: n }, () => `  ${pick(KEYS)}: {type: OS::Heat::None}\n`).join('') };
  }
}

const out: Case[] = [];
for (let i = 0; i < count; i++) out.push(chance(0.6) ? constraintCase(`h25-${seed}-${i}`) : keyCase(`h25-${seed}-${i}`));
console.log(JSON.stringify(out, null, 1));
