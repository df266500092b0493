/**
 * Hunt 39: HOT templates for the differential test against Heat 19.0.0's own code (labelled and
 * compared by scripts/heat-hunt28-difftest.ts with `--gen=heat-hunt39-gen.ts`), in shapes hunts 34
 * to 38 did not draw:
 * - `params`: several parameters of each type with defaults and constraints together (the default
 *   itself checked), read by get_param (whole, by index, by key, nested) in block device fields,
 *   some given values at create time;
 * - `strfn`: device names and volume ids built by list_join, str_replace (its strict forms),
 *   str_split and Fn::Join/Fn::Split/Fn::Replace/Fn::Select over parameters, on every template
 *   version (a function the version lacks included);
 * - `repeat`: block_device_mapping_v2 built by repeat (one or two loop variables, permutations,
 *   templates that are maps or lists), map_merge and list_concat over it;
 * - `cond`: a conditions section of equals/not/and/or/contains over parameters and other
 *   conditions, read by `if` in block device fields and a resource's own `condition`, on the
 *   versions with and without conditions;
 * - `volattr`: OS::Cinder::Volume resources named by get_resource and get_attr (with paths, of
 *   a volume that is not there, of a volume whose condition is false), depends_on;
 * - `yaqllist`: yaql over list and json parameters building the entries or a field.
 * The random numbers are scripts/xorshift-rng.ts's.
 * Usage: node --import tsx scripts/heat-hunt39-gen.ts COUNT SEED > cases.json
 */
import { rng } from './xorshift-rng';

const rnd = rng(Number(process.argv[3] ?? 3901));
for (let i = 0; i < 8; i++) rnd();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

const VERSIONS = ['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby'];
const COND_VERSIONS = ['2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby'];
const NET = 'networks: [{network: private}]';
const server = (props: string[], extra = '', name = 'srv') => `  ${name}:\n    type: OS::Nova::Server\n${extra}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
const BASE = ['flavor: m1.small', NET];
const img = () => (chance(0.5) ? ['image: cirros'] : []);

interface Case { id: string; template: string; params?: Record<string, unknown>; microversion?: string }

// ---- parameters with defaults and constraints

const PDEFS: Record<string, Array<[string, string[]]>> = {
  string: [
    ['vdb', ['length: {min: 2, max: 8}', "allowed_pattern: 'vd[a-z]'", 'allowed_values: [vdb, vdc, vdd]', 'length: {max: 2}', "allowed_pattern: '[0-9]+'", "custom_constraint: cinder.volume"]],
    ['v1', ['length: {min: 1}', 'allowed_values: [v1, v2]', "allowed_pattern: 'v.*'", 'allowed_values: [v2]']],
    ["''", ['length: {min: 1}', 'length: {min: 0}', "allowed_pattern: '.*'"]],
    ['/dev/vdc', ["allowed_pattern: '/dev/vd[a-z]'", 'length: {max: 5}']],
  ],
  number: [
    ['1', ['range: {min: 1, max: 10}', 'range: {min: 2}', 'allowed_values: [1, 2, 4]', 'modulo: {step: 2, offset: 1}', 'modulo: {step: 2, offset: 0}']],
    ['0', ['range: {min: 0, max: 0}', 'range: {max: -1}', 'allowed_values: [0]']],
    ['-1', ['range: {min: -1}', 'allowed_values: [-1, 0]']],
    ['2.5', ['range: {min: 1}', 'allowed_values: [2.5]']],
    ["'3'", ['range: {min: 1, max: 3}', 'allowed_values: [3]']],
  ],
  boolean: [
    ['true', ['allowed_values: [true]', 'allowed_values: [false]']],
    ["'no'", ['allowed_values: [false]']],
    ['off', []],
    ['1', []],
  ],
  comma_delimited_list: [
    ["'v1,v2,v3'", ['length: {min: 1, max: 3}', 'length: {max: 2}', 'allowed_values: [v1, v2, v3]', 'allowed_values: [v1]']],
    ['[v1, v2]', ['length: {min: 2}']],
    ["''", ['length: {min: 1}']],
    ["'vdb, vdc'", ["allowed_pattern: 'vd[bc]'", 'allowed_values: [vdb, vdc]']],
  ],
  json: [
    ['{vols: [v1, v2], size: 2, dev: vdb}', ['length: {min: 1}', 'length: {max: 2}']],
    ['[{volume_id: v1, boot_index: 0}, {volume_id: v2}]', ['length: {min: 1, max: 2}', 'length: {max: 1}']],
    ["'{\"volume_id\": \"v3\"}'", []],
    ['[]', ['length: {min: 1}']],
  ],
};
const GIVEN: Record<string, string[]> = {
  string: ['vdc', '', 'v2', 'x'.repeat(9), '12'],
  number: ['2', '4', '0', '1.0', 'x', '11'],
  boolean: ['true', 'no', 'y', '0', 'maybe'],
  comma_delimited_list: ['v1', 'v1,v2,v3,v4', '', 'vdb,vdc'],
  json: ['{"vols": ["v9"], "size": 1, "dev": "vdz"}', '[{"volume_id": "v8"}]', '[]', '{"x": 1'],
};

function params(): Omit<Case, 'id'> {
  const n = pick([2, 3, 3, 4]);
  const names: Array<[string, string]> = [];
  const lines: string[] = [];
  const given: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const type = pick(Object.keys(PDEFS));
    const [def, cons] = pick(PDEFS[type]);
    const name = `p${i}`;
    names.push([name, type]);
    const cs = cons.length && chance(0.6) ? Array.from({ length: pick([1, 1, 2]) }, () => `      - ${pick(cons)}${chance(0.2) ? '\n        description: Not acceptable' : ''}`) : [];
    const hasDefault = chance(0.85);
    lines.push(`  ${name}:\n    type: ${type}${chance(0.3) ? `\n    label: P${i}\n    description: parameter ${i}` : ''}${hasDefault ? `\n    default: ${def}` : ''}${chance(0.1) ? '\n    hidden: true' : ''}${cs.length ? `\n    constraints:\n${cs.join('\n')}` : ''}`);
    if (!hasDefault || chance(0.2)) given[name] = pick(GIVEN[type]);
  }
  const read = (want: 'str' | 'int' | 'bool' | 'entries' | 'any'): string => {
    const [name, type] = pick(names);
    if (type === 'comma_delimited_list') return want === 'entries' ? `{repeat: {template: {volume_id: '%v%'}, for_each: {'%v%': {get_param: ${name}}}}}` : pick([`{get_param: [${name}, 0]}`, `{get_param: [${name}, 1]}`, `{get_param: ${name}}`, `{list_join: ['', {get_param: ${name}}]}`]);
    if (type === 'json') return want === 'entries' ? pick([`{get_param: ${name}}`, `{get_param: [${name}, vols]}`]) : pick([`{get_param: [${name}, vols, 0]}`, `{get_param: [${name}, size]}`, `{get_param: [${name}, dev]}`, `{get_param: [${name}, 0, volume_id]}`, `{get_param: ${name}}`]);
    return `{get_param: ${name}}`;
  };
  const use = pick([
    () => `block_device_mapping_v2: [{volume_id: ${read('str')}, boot_index: 0}]`,
    () => `block_device_mapping_v2: [{volume_id: v1, device_name: ${read('str')}, volume_size: ${read('int')}}]`,
    () => `block_device_mapping_v2: [{image: cirros, boot_index: ${read('int')}, volume_size: ${read('int')}, delete_on_termination: ${read('bool')}}]`,
    () => `block_device_mapping_v2: ${read('entries')}`,
    () => `block_device_mapping: [{device_name: ${read('str')}, volume_id: ${read('str')}, volume_size: ${read('int')}}]`,
    () => `metadata: {a: ${read('any')}, b: ${read('any')}}`,
  ])();
  const template = `heat_template_version: ${pick(VERSIONS)}\nparameters:\n${lines.join('\n')}\nresources:\n${server([...BASE, ...img(), use])}`;
  return Object.keys(given).length ? { template, params: given } : { template };
}

// ---- string functions over parameters, across versions

const SPARAMS = `parameters:
  p_list: {type: comma_delimited_list, default: 'v1,v2,v3'}
  p_str: {type: string, default: 'vd-b'}
  p_num: {type: number, default: 1}
  p_json: {type: json, default: {dev: [vd, c], name: 'a,b,c', n: 2}}
`;
function sfn(d: number): string {
  if (d > 2 || chance(0.3)) return pick(['vdb', '{get_param: p_str}', '{get_param: [p_list, 0]}', '{get_param: [p_json, name]}', "''", '{get_param: p_num}', "'1'", '{get_param: [p_json, n]}']);
  return pick([
    () => `{list_join: [${pick(["''", "'-'", "','", "'/dev/'", '{get_param: p_str}', '1'])}, ${pick(['{get_param: p_list}', '{get_param: [p_json, dev]}', `[${sfn(d + 1)}, ${sfn(d + 1)}]`, `{str_split: [',', ${sfn(d + 1)}]}`, '[a, [b]]', '[a, {b: c}]'])}${chance(0.15) ? `, ${pick(['[x]', '{get_param: p_list}', 'y'])}` : ''}]}`,
    () => `{${pick(['str_replace', 'str_replace', 'str_replace_strict', 'str_replace_vstrict'])}: {template: ${pick(['/dev/vdX', 'X', "'X-X'", 'abc', '{get_param: p_str}', "''"])}, params: {${pick(['X', "'-'", 'b', "''", 'vd'])}: ${sfn(d + 1)}${chance(0.3) ? `, ${pick(['Y', 'd', "'/'"])}: ${sfn(d + 1)}` : ''}}}}`,
    () => `{str_split: [${pick(["','", "'-'", "''", "'v'", '1'])}, ${sfn(d + 1)}${chance(0.6) ? `, ${pick(['0', '1', '2', '-1', "'1'", '{get_param: p_num}', '5'])}` : ''}]}`,
    () => `{'Fn::Join': [${pick(["''", "'-'"])}, [${sfn(d + 1)}, ${sfn(d + 1)}]]}`,
    () => `{'Fn::Split': [${pick(["','", "'-'"])}, ${sfn(d + 1)}]}`,
    () => `{'Fn::Replace': [{${pick(['X', 'b'])}: ${sfn(d + 1)}}, ${pick(['/dev/vdX', 'abc'])}]}`,
    () => `{'Fn::Select': [${pick(['0', '1', "'2'", '{get_param: p_num}', '9'])}, ${pick(['{get_param: p_list}', `{str_split: [',', ${sfn(d + 1)}]}`, '[a, b]', '{a: b}', `{'Fn::Split': [',', ${sfn(d + 1)}]}`])}]}`,
  ])();
}
function strfn(): string {
  const v = pick(VERSIONS);
  const use = pick([
    () => `block_device_mapping_v2: [{volume_id: ${sfn(0)}, boot_index: 0}]`,
    () => `block_device_mapping_v2: [{volume_id: v1, device_name: ${sfn(0)}}]`,
    () => `block_device_mapping: [{device_name: ${sfn(0)}, volume_id: ${sfn(0)}}]`,
    () => `block_device_mapping_v2: [{volume_id: v1, volume_size: ${sfn(0)}}]`,
    () => `metadata: {k: ${sfn(0)}}`,
    () => `user_data: ${sfn(0)}`,
  ])();
  return `heat_template_version: ${v}\n${SPARAMS}resources:\n${server([...BASE, ...img(), use])}`;
}

// ---- repeat, map_merge, list_concat

function repeatT(): string {
  const v = pick([...COND_VERSIONS, '2016-04-08', '2015-10-15']);
  const over = () => pick(['{get_param: p_list}', '[v1, v2]', '[]', '{get_param: [p_json, vols]}', '[0, 1]', '{get_param: p_str}', '{str_split: [",", "a,b"]}', '[v1, v1]', 'null', '{get_param: [p_json, n]}']);
  const tmplBody = pick([
    "{volume_id: '%v%'}", "{volume_id: '%v%', boot_index: '%i%'}", "{volume_id: 'vol-%v%', device_name: 'vd%i%'}", "{'%v%': x}", "['%v%']", "'%v%'",
    "{volume_id: '%v%', volume_size: '%i%'}", "{snapshot_id: '%v%', boot_index: -1, delete_on_termination: true}", "{volume_id: {get_param: [p_list, 0]}, device_name: '%v%'}",
  ]);
  const two = tmplBody.includes('%i%');
  const rep = `{repeat: {template: ${tmplBody}, for_each: {'%v%': ${over()}${two ? `, '%i%': ${pick(['[1, 2]', '[0]', '[b, c]', '[]', over()])}` : ''}}${chance(0.3) ? `, permutations: ${pick(['false', 'true', "'no'", '0'])}` : ''}}}`;
  const use = pick([
    () => `block_device_mapping_v2: ${rep}`,
    () => `block_device_mapping_v2: {list_concat: [[{volume_id: v0, boot_index: 0}], ${rep}]}`,
    () => `block_device_mapping_v2: [{map_merge: [{volume_id: v1, boot_index: 0}, ${pick(['{volume_size: 2}', '{get_param: [p_json, extra]}', '{boot_index: -1}', '{volume_id: null}', '[a]', "{map_merge: [{a: 1}, {device_name: vdb}]}"])}${chance(0.3) ? ', {delete_on_termination: true}' : ''}]}]`,
    () => `block_device_mapping_v2: {repeat: {template: {map_merge: [{volume_id: '%v%'}, {get_param: [p_json, extra]}]}, for_each: {'%v%': ${over()}}}}`,
    () => `metadata: {map_merge: [${rep.includes("['%v%']") ? '{a: b}' : '{k: v}'}, {get_param: [p_json, extra]}]}`,
  ])();
  const params = `parameters:\n  p_list: {type: comma_delimited_list, default: 'v1,v2'}\n  p_str: {type: string, default: v9}\n  p_json: {type: json, default: {vols: [v3, v4], n: 3, extra: {volume_size: 1, device_name: vdc}}}\n`;
  return `heat_template_version: ${v}\n${params}resources:\n${server([...BASE, ...img(), use])}`;
}

// ---- conditions

function condExpr(d: number): string {
  const leaf = () => pick(['c_a', 'c_b', 'true', 'false', '{get_param: p_flag}', '{equals: [{get_param: p_env}, prod]}', '{equals: [{get_param: p_n}, 2]}', '{equals: [{get_param: p_env}, {get_param: p_other}]}', '{contains: [{get_param: p_env}, [prod, dev]]}', "{equals: ['', {get_param: p_other}]}", 'yes', "'false'", '{get_param: p_n}', 'c_missing']);
  if (d > 2 || chance(0.45)) return leaf();
  const op = pick(['and', 'or', 'not', 'not', 'equals']);
  if (op === 'not') return `{not: ${condExpr(d + 1)}}`;
  if (op === 'equals') return `{equals: [${pick(['{get_param: p_env}', 'prod', '{get_param: p_n}', '2'])}, ${pick(['{get_param: p_env}', 'prod', "'2'", '2', '{get_param: p_n}'])}]}`;
  const n = pick([1, 2, 2, 3, 0]);
  return `{${op}: [${Array.from({ length: n }, () => condExpr(d + 1)).join(', ')}]}`;
}
function cond(): Omit<Case, 'id'> {
  const v = pick([...COND_VERSIONS, ...COND_VERSIONS, '2016-04-08']);
  const params = `parameters:\n  p_env: {type: string, default: prod, constraints: [{allowed_values: [prod, dev, test]}]}\n  p_other: {type: string, default: ''}\n  p_n: {type: number, default: 2}\n  p_flag: {type: boolean, default: false}\n`;
  const conds = `conditions:\n  c_a: ${condExpr(1)}\n  c_b: ${condExpr(1)}\n${chance(0.4) ? `  c_c: ${condExpr(0)}\n` : ''}`;
  const cn = () => pick(['c_a', 'c_b', condExpr(1), condExpr(1)]);
  const use = pick([
    () => `block_device_mapping_v2: [{volume_id: {if: [${cn()}, v1, v2]}, boot_index: {if: [${cn()}, 0, -1]}}]`,
    () => `block_device_mapping_v2: {if: [${cn()}, [{volume_id: v1, boot_index: 0}], [{image: cirros, volume_size: 1, boot_index: 0}]]}`,
    () => `block_device_mapping_v2: [{volume_id: v1, delete_on_termination: {if: [${cn()}, true, false]}, volume_size: {if: [${cn()}, {get_param: p_n}, 1]}}]`,
    () => `block_device_mapping_v2: [{volume_id: v1}, {if: [${cn()}, {volume_id: v2, boot_index: 1}, {volume_id: v3}]}]`,
    () => `metadata: {env: {if: [${cn()}, {get_param: p_env}, none]}}`,
    () => `block_device_mapping_v2: [{volume_id: v1, device_name: {if: [${cn()}, {if: [${cn()}, vdb, vdc]}, vdd]}}]`,
  ])();
  const rc = chance(0.3) ? `    condition: ${cn()}\n` : '';
  const values: Record<string, unknown> = {};
  if (chance(0.3)) values.p_env = pick(['dev', 'test', 'prod', 'staging']);
  if (chance(0.2)) values.p_flag = pick(['true', 'no']);
  if (chance(0.2)) values.p_n = pick(['2', '3', '2.0']);
  const outputs = chance(0.2) ? `outputs:\n  o:\n    value: {get_attr: [srv, name]}\n    condition: ${cn()}\n` : '';
  const template = `heat_template_version: ${v}\n${params}${conds}resources:\n${server([...BASE, ...img(), use], rc)}${outputs}`;
  return Object.keys(values).length ? { template, params: values } : { template };
}

// ---- volumes named by get_resource / get_attr

function volattr(): string {
  const v = pick([...COND_VERSIONS, '2015-04-30', '2016-04-08', '2014-10-16']);
  const hasCond = COND_VERSIONS.includes(v) && chance(0.3);
  const vols: string[] = [];
  const nv = pick([1, 2, 2, 3]);
  for (let i = 0; i < nv; i++) {
    const props = [pick(['size: 1', 'size: {get_param: p_size}', 'image: cirros', 'snapshot_id: s1', 'size: 0', "size: '2'"])];
    if (chance(0.3)) props.push(pick(['name: data', 'metadata: {a: b}', 'volume_type: fast', 'availability_zone: nova']));
    const c = hasCond && chance(0.5) ? `    condition: ${pick(['c_yes', 'c_no'])}\n` : '';
    const dep = chance(0.15) ? `    depends_on: ${pick(['vol0', 'missing', '[vol0]'])}\n` : '';
    vols.push(`  vol${i}:\n    type: ${chance(0.92) ? 'OS::Cinder::Volume' : pick(['OS::Cinder::VolumeType', 'OS::Heat::None', 'OS::Cinder::Volumes'])}\n${c}${dep}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
  }
  const ref = () => pick([
    `{get_resource: vol${Math.floor(rnd() * nv)}}`, `{get_attr: [vol${Math.floor(rnd() * nv)}, id]}`, `{get_resource: vol${nv}}`, `{get_attr: [vol0, ${pick(['size', 'name', 'status', 'bootable', 'metadata', 'display_name', 'show', 'nothere'])}]}`,
    '{get_attr: [vol0, metadata, a]}', '{get_attr: [vol0, attachments_list, 0]}', '{get_attr: [vol0]}', '{get_attr: [vol0, id, extra]}', "{'Fn::GetAtt': [vol0, id]}", "{'Ref': vol0}", '{get_resource: [vol0]}', '{get_attr: [srv, name]}',
  ]);
  const use = pick([
    () => `block_device_mapping_v2: [{volume_id: ${ref()}, boot_index: 0, delete_on_termination: ${pick(['false', 'true'])}}]`,
    () => `block_device_mapping_v2: [{volume_id: ${ref()}, boot_index: 0}, {volume_id: ${ref()}, boot_index: 1}]`,
    () => `block_device_mapping: [{device_name: vda, volume_id: ${ref()}}]`,
    () => `block_device_mapping_v2: [{volume_id: ${ref()}, volume_size: ${pick(['{get_attr: [vol0, size]}', '1', '{get_param: p_size}'])}}]`,
    () => `block_device_mapping_v2: {repeat: {template: {volume_id: '%v%'}, for_each: {'%v%': [${ref()}, ${ref()}]}}}`,
    () => `block_device_mapping_v2: [{volume_id: {if: [c_yes, ${ref()}, v9]}, boot_index: 0}]`,
  ])();
  const params = 'parameters:\n  p_size: {type: number, default: 2, constraints: [{range: {min: 1, max: 5}}]}\n';
  const conds = COND_VERSIONS.includes(v) ? 'conditions:\n  c_yes: true\n  c_no: {equals: [{get_param: p_size}, 3]}\n' : '';
  return `heat_template_version: ${v}\n${params}${use.includes('c_yes') || hasCond ? conds : ''}resources:\n${vols.join('')}${server([...BASE, ...img(), use], chance(0.15) ? '    depends_on: vol0\n' : '')}`;
}

// ---- yaql over lists

const YDATA = ['{get_param: p_list}', '{get_param: p_json}', '{get_param: [p_json, vols]}', '{vols: {get_param: p_list}, sizes: [1, 2, 3]}', '[v1, v2, v3]', '{str_split: [",", "v1,v2"]}', '{list_concat: [[v1], {get_param: p_list}]}', '[]', '[v1, null, v2]'];
const YEXPR = [
  '$.data.select({volume_id => $, boot_index => $index})', '$.data.select({volume_id => $}).take(2)', '$.data.enumerate().select({volume_id => $[1], boot_index => $[0]})',
  'zip($.data.vols, $.data.sizes).select({volume_id => $[0], volume_size => $[1]})', '$.data.vols.select({volume_id => $})', '$.data.where($ != null).select({volume_id => $})',
  '$.data.where($.startsWith("v")).select({volume_id => $, device_name => concat("vd", $.substring(1))})', '$.data.select(dict(volume_id => $, delete_on_termination => true))',
  '$.data.first()', '$.data.last()', '$.data.join("")', '$.data.len()', 'len($.data)', '$.data.indexOf(v2)', '$.data.select($.toUpper()).first()', '$.data[1]', '$.data[-1]',
  '$.data.vols[0]', '$.data.dict.get(x, v0)', '$.data.sizes.sum()', '$.data.sizes.max() + 1', 'let(x => $.data) -> $x.len()', '$.data.skip(1).select({volume_id => $})',
  '$.data.concat([v9]).select({volume_id => $})', '$.data.sequence()', '$.data.select([$])', '$.data.toDict($, 1)', '$.data.selectMany([$, $])', '$.data.select({volume_id => $}).where($.volume_id != v2)',
  '$.data.mergeWith([v4]).select({volume_id => $})', 'switch($.data.len() > 1 => v1, true => v2)', '$.data.select(str($)).distinct().len()',
];
function yaqllist(): string {
  const y = `{yaql: {expression: '${pick(YEXPR)}', data: ${pick(YDATA)}}}`;
  const use = pick([`block_device_mapping_v2: ${y}`, `block_device_mapping_v2: ${y}`, `block_device_mapping_v2: [{volume_id: ${y}, boot_index: 0}]`, `block_device_mapping_v2: [{volume_id: v1, volume_size: ${y}}]`, `block_device_mapping_v2: [{volume_id: v1, device_name: ${y}}]`, `metadata: {k: ${y}}`]);
  const v = pick([...COND_VERSIONS, '2016-04-08']);
  return `heat_template_version: ${v}\nparameters:\n  p_list: {type: comma_delimited_list, default: 'v1,v2,v3'}\n  p_json: {type: json, default: {vols: [a1, a2], sizes: [2, 1], dict: {x: v5}}}\nresources:\n${server([...BASE, ...img(), use])}`;
}

const THEMES: Array<[string, () => Omit<Case, 'id'>]> = [
  ['params', params], ['params', params], ['strfn', () => ({ template: strfn() })], ['strfn', () => ({ template: strfn() })],
  ['repeat', () => ({ template: repeatT() })], ['cond', cond], ['cond', cond], ['volattr', () => ({ template: volattr() })],
  ['volattr', () => ({ template: volattr() })], ['yaqllist', () => ({ template: yaqllist() })],
];

const count = Number(process.argv[2] ?? 120);
const out = Array.from({ length: count }, (_, i) => {
  const [name, f] = pick(THEMES);
  return { id: `h39-${name}-${i}`, ...f() };
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
