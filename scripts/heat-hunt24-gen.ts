/**
 * Hunt 24: HOT templates of kinds scripts/heat-gen.ts, heat-hunt22-gen.ts and heat-hunt23-*-gen.ts
 * do not write, for the differential test against Heat's own code (scripts/heat-hunt22-difftest.ts):
 * parameter_groups of every shape; parameter constraints of every kind (length, range, modulo,
 * allowed_values, allowed_pattern, custom_constraint), well and badly written, on every type, with
 * defaults and given values inside and outside them; get_param with paths into json and
 * comma_delimited_list parameters (indices as ints, texts, negatives, past the end, into texts);
 * str_replace / str_replace_strict / str_replace_vstrict refusals; str_split; repeat with several
 * for_each keys (permutations or not, lists of other lengths); if with nested conditions; every
 * property of block_device_mapping (v1) and block_device_mapping_v2 given a value of each type;
 * numbers Heat holds exactly (ints past 2^53, floats of integral value) and tagged scalars.
 * Usage: node --import tsx scripts/heat-hunt24-gen.ts COUNT SEED > cases.json
 */

export {};

let seed = Number(process.argv[3] ?? 1) >>> 0 || 1;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

const VERSIONS = ['2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'pike', 'queens', 'wallaby', '2013-05-23', '2015-04-30'];

/** a value of any type (YAML flow text) */
const ANY = ['1', '0', '-1', '1.0', '2.5', "'5'", "'x'", "''", 'true', 'false', 'null', '[]', '[1]', '[a, b]', '{}', '{a: 1}', '9007199254740993', "'1e1'", "' 3 '", '.inf', '!!float 3', '!!int "4"', "'yes'"];

// ---- parameters with constraints

const CONSTRAINTS: Record<string, string[]> = {
  length: ['length: {min: 1}', 'length: {max: 3}', 'length: {min: 2, max: 4}', 'length: {min: 5, max: 1}', "length: {min: '2'}", 'length: {min: 1.5}', 'length: {}', 'length: 3', 'length: {min: -1}', 'length: {min: x}', 'length: {max: null}', 'length: {min: 0, bogus: 1}'],
  range: ['range: {min: 1}', 'range: {max: 10}', 'range: {min: 1, max: 10}', 'range: {min: 10, max: 1}', "range: {min: '1'}", 'range: {min: 0.5, max: 2.5}', 'range: {}', 'range: 5', 'range: {min: x}', 'range: {min: null}', 'range: {min: 1, foo: 2}'],
  modulo: ['modulo: {step: 2, offset: 0}', 'modulo: {step: 3, offset: 1}', 'modulo: {step: 2}', 'modulo: {offset: 1}', 'modulo: {step: 0, offset: 0}', 'modulo: {step: 2, offset: 3}', 'modulo: {step: -2, offset: 1}', 'modulo: {step: 2.5, offset: 0}', "modulo: {step: '2', offset: '0'}", 'modulo: 2'],
  allowed_values: ['allowed_values: [a, b, c]', 'allowed_values: [1, 2, 3]', 'allowed_values: []', 'allowed_values: a', 'allowed_values: {a: 1}', "allowed_values: ['1', 2.0]", 'allowed_values: [null]', 'allowed_values: [[a], {b: 1}]', 'allowed_values: [true, false]', 'allowed_values: null'],
  allowed_pattern: ["allowed_pattern: '[a-z]+'", "allowed_pattern: '^v[a-z]{2}$'", "allowed_pattern: '[0-9]*'", "allowed_pattern: '['", "allowed_pattern: '(a'", 'allowed_pattern: 5', "allowed_pattern: ''", "allowed_pattern: 'a|b'", "allowed_pattern: '\\d+'", "allowed_pattern: '(?P<x>a)(?P=x)'", "allowed_pattern: 'x*'", 'allowed_pattern: [a]', "allowed_pattern: '(?i)ABC'"],
  custom_constraint: ['custom_constraint: glance.image', 'custom_constraint: nova.flavor', 'custom_constraint: nova.keypair', 'custom_constraint: cinder.volume', 'custom_constraint: neutron.network', 'custom_constraint: bogus.thing', 'custom_constraint: 5', "custom_constraint: ''", 'custom_constraint: [glance.image]', 'custom_constraint: ip_addr', 'custom_constraint: net_cidr', 'custom_constraint: iso_8601', 'custom_constraint: cron_expression', 'custom_constraint: timezone', 'custom_constraint: expiration', 'custom_constraint: mac_addr', 'custom_constraint: dns_name', 'custom_constraint: rel_dns_name', 'custom_constraint: dns_domain'],
};
const TYPES = ['string', 'number', 'comma_delimited_list', 'json', 'boolean'];
const DEFAULTS: Record<string, string[]> = {
  string: ['abc', "''", 'vdb', "'12'", '12', 'x', 'ABC', 'aa', "'10.0.0.1'", "'10.0.0.0/24'", "'2020-01-01T00:00:00Z'", "'* * * * *'", "'Europe/Paris'", "'aa:bb:cc:dd:ee:ff'", "'a.example.com'", 'null', '[a]'],
  number: ['0', '1', '5', '10', '-3', '2.5', "'7'", "'x'", '1.0', '9007199254740993', 'true', "' 4 '", '4e0', 'null'],
  comma_delimited_list: ["'a,b'", "'a'", "''", '[a, b, c]', '[1, 2]', "'x, y'", '[]', '[a]', 'null', '5'],
  json: ['{a: 1}', '{}', '[1, 2]', "'{\"a\": [1, 2]}'", "'[1, 2.0, 9007199254740993]'", '{a: {b: [x, y]}}', "'nope'", '[]', 'null', '5', "'{\"k\": 1.0}'"],
  boolean: ['true', 'false', "'yes'", "'0'", '1', "'maybe'", 'null'],
};
const GIVEN: Record<string, string[]> = {
  string: ['abc', '', 'ZZ', '5', 'vdc', 'x y', 'aaaaaa'],
  number: ['3', '0', '11', '-1', 'x', '2.0', '9007199254740993', ' 6 ', '1e400'],
  comma_delimited_list: ['a,b', '', 'x', 'a, b, c', '1,2,3,4,5'],
  json: ['{"a": 2}', '[1]', '{}', 'nope', '{"a": 9007199254740993, "b": 1.0}', '[]', '"s"'],
  boolean: ['true', 'no', 'x', 'ON'],
};

interface Param { name: string; type: string; text: string; given?: string }

function param(name: string): Param {
  const type = chance(0.9) ? pick(TYPES) : pick(['String', 'integer', 'list', "''", '5']);
  const lines = [`  ${name}:`];
  if (chance(0.97)) lines.push(`    type: ${type}`);
  const defs = DEFAULTS[type] ?? DEFAULTS.string;
  // (a `default: null` is no default to Heat, but the heat-oracle gives such a parameter no stand-in:
  // its labels would say "not provided" where bdm-lab takes a stand-in as for one without default)
  if (chance(0.75)) lines.push(`    default: ${pick(defs.filter((d) => d !== 'null'))}`);
  if (chance(0.1)) lines.push(`    ${pick(['label: L', 'description: d', 'hidden: true', 'hidden: maybe', 'immutable: true', 'tags: [a]', 'bogus: 1', "label: ''"])}`);
  if (chance(0.6)) {
    const n = 1 + Math.floor(rnd() * 2);
    const cs: string[] = [];
    for (let i = 0; i < n; i++) {
      const kind = chance(0.6) ? pick(preferred(type)) : pick(Object.keys(CONSTRAINTS));
      let c = pick(CONSTRAINTS[kind]);
      if (chance(0.2)) c = `{${c}, description: ${pick(['custom words', "''", '5'])}}`;
      cs.push(c);
    }
    if (chance(0.05)) lines.push(`    constraints: ${pick(['x', '{length: {min: 1}}', 'null', '[x]', '[{}]', '[{length: {min: 1}, range: {min: 1}}]'])}`);
    else lines.push(`    constraints:\n${cs.map((c) => `      - ${c}`).join('\n')}`);
  }
  // (the heat-oracle's stand-in for a parameter without default takes allowed_values[0]: a map has none)
  if (lines.some((l) => /allowed_values: \{/.test(l)) && !lines.some((l) => l.startsWith('    default:'))) lines.splice(2, 0, `    default: ${pick(defs.filter((d) => d !== 'null'))}`);
  return { name, type, text: lines.join('\n') + '\n', ...(chance(0.3) ? { given: pick(GIVEN[type] ?? GIVEN.string) } : {}) };
}

function preferred(type: string): string[] {
  switch (type) {
    case 'number': return ['range', 'modulo', 'allowed_values'];
    case 'string': return ['length', 'allowed_values', 'allowed_pattern', 'custom_constraint'];
    case 'comma_delimited_list': return ['length', 'allowed_values'];
    case 'json': return ['length', 'allowed_values'];
    default: return ['allowed_values'];
  }
}

function parameterGroups(names: string[]): string {
  if (!chance(0.25)) return '';
  const ref = () => pick([...names, ...names, 'nope', '5']);
  const group = () => {
    const kv: string[] = [];
    if (chance(0.7)) kv.push(`label: ${pick(['g', "''", '5', 'null'])}`);
    if (chance(0.3)) kv.push(`description: ${pick(['d', '[x]'])}`);
    if (chance(0.9)) kv.push(`parameters: ${chance(0.85) ? `[${Array.from({ length: Math.floor(rnd() * 3) }, ref).join(', ')}]` : pick(['x', 'null', '{a: 1}', '5'])}`);
    if (chance(0.05)) kv.push('bogus: 1');
    return `{${kv.join(', ')}}`;
  };
  if (chance(0.1)) return `parameter_groups: ${pick(['{}', 'x', 'null', '{label: g}', '[x]', '[null]'])}\n`;
  return `parameter_groups:\n${Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => `  - ${group()}`).join('\n')}\n`;
}

// ---- functions

/** get_param with a path into a json or comma_delimited_list parameter */
function getParamPath(names: string[]): string {
  const name = pick(names);
  const steps = Array.from({ length: Math.floor(rnd() * 3) }, () => pick(['0', '1', '-1', "'0'", "'1'", '5', 'a', 'b', 'k', '1.0', 'true', 'null', '[0]', "' 1'", "'-1'"]));
  return `{get_param: [${[name, ...steps].join(', ')}]}`;
}

function strReplace(): string {
  const fn = pick(['str_replace', 'str_replace', 'str_replace_strict', 'str_replace_vstrict']);
  if (chance(0.12)) return `{${fn}: ${pick(['x', '[a, b]', '{template: t}', '{params: {a: b}}', '{template: t, params: x}', '{template: [t], params: {a: b}}', '{template: t, params: {a: b}, extra: 1}', 'null', '{template: 5, params: {a: b}}', '{template: null, params: {}}'])}}`;
  const keys = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(['a', 'X', 'vd', 'zz', "''", '1', 'null', 'true', '1.5', "'%n%'", 'ab']));
  const vals = () => pick(['b', "''", 'null', '1', '2.0', '[x, 1.0]', '{k: v}', '{}', '[]', 'true', '9007199254740993', '{2: x, b: y}', "'é'"]);
  const params = `{${keys.map((k) => `${k}: ${vals()}`).join(', ')}}`;
  const template = pick(['a-X', "'vd%n%'", 'xyz', "''", 'ab', 'aaa', '5', "'X zz a'"]);
  return `{${fn}: {template: ${template}, params: ${params}}}`;
}

function strSplit(): string {
  if (chance(0.15)) return `{str_split: ${pick(['x', '[a]', '[",", "a,b", 0, 1]', '[5, "a5b"]', '[",", 5]', '[",", null]', '["", "ab"]', '[",", [a]]', '{a: b}'])}}`;
  const d = pick(["','", "'-'", "' '", "'ab'", "''"]);
  const s = pick(["'a,b,c'", "'a-b'", "''", "','", "'x'", "'a,,b'", '{get_param: p0}', "{list_join: [',', [a, b]]}"]);
  const idx = chance(0.6) ? `, ${pick(['0', '1', '2', '5', '-1', "'1'", 'x', '1.0', 'null', 'true', '[0]'])}` : '';
  return `{str_split: [${d}, ${s}${idx}]}`;
}

function repeat(): string {
  if (chance(0.12)) return `{repeat: ${pick(['x', '[a]', '{for_each: x, template: t}', '{template: t}', '{for_each: {a: [1]}}', '{for_each: {a: x}, template: a}', '{for_each: {}, template: t}', '{for_each: {a: [1]}, template: a, permutations: maybe}', '{for_each: {a: [1]}, template: a, bogus: 1}'])}}`;
  const keys = ['%a%', '%b%', '%c%'].slice(0, 1 + Math.floor(rnd() * 3));
  const list = () => pick(['[1, 2]', '[x]', '[]', '[x, y, z]', '{get_param: p0}', '[1.0, 9007199254740993]', 'null', '[[1], {a: b}]', "{str_split: [',', 'u,v']}"]);
  const fe = keys.map((k) => `'${k}': ${list()}`).join(', ');
  const tmpl = pick([`'${keys.join('-')}'`, `{k: '${keys[0]}'}`, `['${keys[0]}', '${keys[keys.length - 1]}']`, "'none'", `{'${keys[0]}': v}`]);
  const perm = chance(0.4) ? `, permutations: ${pick(['false', 'true', "'false'", '0', 'null'])}` : '';
  return `{repeat: {for_each: {${fe}}, template: ${tmpl}${perm}}}`;
}

function cond(depth = 0): string {
  if (depth > 2 || chance(0.3)) return pick(['c_true', 'c_false', 'true', 'false', 'nope', '{equals: [1, 1]}', '{equals: [{get_param: p0}, abc]}', "{contains: [a, [a, b]]}"]);
  const op = pick(['and', 'or', 'not', 'equals', 'not']);
  if (op === 'not') return `{not: ${cond(depth + 1)}}`;
  if (op === 'equals') return `{equals: [${pick(['1', '{get_param: p0}', 'a', 'null'])}, ${pick(['1', '1.0', 'a', "'1'", 'null'])}]}`;
  const n = chance(0.1) ? pick([0, 1, 5]) : 2 + Math.floor(rnd() * 2);
  return `{${op}: [${Array.from({ length: n }, () => cond(depth + 1)).join(', ')}]}`;
}

function ifCall(value: () => string): string {
  if (chance(0.1)) return `{if: ${pick(['[c_true]', '[c_true, a, b, c]', 'x', '[nope, a, b]', '[[c_true], a, b]'])}}`;
  const inner = chance(0.3) ? ifCall(value) : value();
  return `{if: [${cond()}, ${inner}${chance(0.85) ? `, ${value()}` : ''}]}`;
}

// ---- block device mappings: every property with a value of every type

const V2_KEYS = ['device_name', 'volume_id', 'image', 'image_id', 'snapshot_id', 'swap_size', 'ephemeral_size', 'ephemeral_format', 'delete_on_termination', 'disk_bus', 'device_type', 'volume_size', 'boot_index'];
const V1_KEYS = ['device_name', 'volume_id', 'snapshot_id', 'volume_size', 'delete_on_termination'];
const GOOD: Record<string, string[]> = {
  device_name: ['vdb', 'vdc', '/dev/vdd'], volume_id: ['vol-1', '0b7a1c7e-6a5e-4a44-8a57-7ab9e0a0c001'], image: ['cirros'], image_id: ['cirros'], snapshot_id: ['snap-1'],
  swap_size: ['512', '1'], ephemeral_size: ['1', '2'], ephemeral_format: ['ext4', 'swap'], delete_on_termination: ['true', 'false'], disk_bus: ['virtio', 'scsi'],
  device_type: ['disk', 'cdrom'], volume_size: ['1', '10'], boot_index: ['0', '1', '-1'],
};

function bdmValue(k: string, names: string[]): string {
  const r = rnd();
  if (r < 0.45) return pick(GOOD[k]);
  if (r < 0.85) return pick(ANY);
  if (r < 0.92) return getParamPath(names);
  return pick([strSplit(), ifCall(() => pick(GOOD[k])), repeat()]);
}

function v2(names: string[], root: boolean): string {
  const kv: string[] = [];
  if (root) kv.push(`${pick(['image', 'volume_id'])}: ${pick(GOOD.image)}`, 'boot_index: 0');
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const k = pick(V2_KEYS);
    if (!kv.some((x) => x.startsWith(`${k}:`))) kv.push(`${k}: ${bdmValue(k, names)}`);
  }
  if (!root && !kv.some((x) => /^(volume_id|image|image_id|snapshot_id|swap_size|ephemeral_size):/.test(x)) && chance(0.7)) kv.push('volume_id: vol-2');
  return `{${kv.join(', ')}}`;
}

function v1(names: string[]): string {
  const kv: string[] = [];
  kv.push(`device_name: ${chance(0.7) ? pick(GOOD.device_name) : bdmValue('device_name', names)}`);
  for (const k of V1_KEYS.slice(1)) if (chance(0.4)) kv.push(`${k}: ${bdmValue(k, names)}`);
  if (!kv.some((x) => /^(volume_id|snapshot_id):/.test(x)) && chance(0.7)) kv.push('volume_id: vol-3');
  return `{${kv.join(', ')}}`;
}

/** a string property's value made by the functions under test */
function strFn(names: string[]): string {
  return pick([strReplace, strSplit, repeat, () => getParamPath(names), () => ifCall(() => pick(['a', 'b', '1', 'null', '[x]']))])();
}

function hunt(i: number): { id: string; template: string; params?: Record<string, string>; microversion: string } {
  const version = pick(VERSIONS);
  const ps = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => param(`p${k}`));
  const names = ps.map((p) => p.name);
  const condOk = version >= '2016-10-14' || /^[a-z]/.test(version);
  const conds = condOk && chance(0.6) ? `conditions:\n  c_true: ${pick(['true', '{equals: [1, 1]}', '{not: false}'])}\n  c_false: ${pick(['false', '{and: [true, false]}'])}\n${chance(0.3) ? `  c_x: ${cond()}\n` : ''}` : '';
  const props: string[] = ['      flavor: m1.small'];
  const focus = pick(['v2', 'v2', 'v1', 'both', 'name', 'metadata', 'v2', 'none']);
  if (focus !== 'v1') props.push('      image: cirros');
  if (focus === 'v2' || focus === 'both') {
    const n = 1 + Math.floor(rnd() * 3);
    const entries = Array.from({ length: n }, (_, k) => v2(names, k === 0 && chance(0.4)));
    props.push(chance(0.1) ? `      block_device_mapping_v2: ${pick([repeat(), getParamPath(names), ifCall(() => `[${entries[0]}]`)])}` : `      block_device_mapping_v2:\n${entries.map((e) => `        - ${e}`).join('\n')}`);
  }
  if (focus === 'v1' || focus === 'both') {
    const n = 1 + Math.floor(rnd() * 2);
    props.push(`      block_device_mapping:\n${Array.from({ length: n }, () => `        - ${v1(names)}`).join('\n')}`);
  }
  if (focus === 'name' || chance(0.2)) props.push(`      name: ${strFn(names)}`);
  if (focus === 'metadata' || chance(0.1)) props.push(`      metadata: {k: ${chance(0.5) ? strFn(names) : pick(ANY)}}`);
  const given = Object.fromEntries(ps.filter((p) => p.given !== undefined).map((p) => [p.name, p.given!]));
  const text = `heat_template_version: ${version}\n${parameterGroups(names)}parameters:\n${ps.map((p) => p.text).join('')}${conds}resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n${props.join('\n')}\n`;
  return { id: `h24-${i}`, template: text, ...(Object.keys(given).length ? { params: given } : {}), microversion: pick(['2.1', '2.92', '2.60']) };
}

const count = Number(process.argv[2] ?? 100);
process.stdout.write(JSON.stringify(Array.from({ length: count }, (_, i) => hunt(i)), null, 1) + '\n');
