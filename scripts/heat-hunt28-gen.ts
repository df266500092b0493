/**
 * Hunt 28: HOT templates of shapes hunts 22-27 wrote seldom, for the differential test against
 * Heat 19.0.0's own code (scripts/heat-hunt28-difftest.ts labels and compares them):
 * - `extid`: an OS::Nova::Server with `external_id` (Heat adopts it: no property check, no
 *   request), its value a text, a function, another type, with properties Heat would refuse;
 * - `outga`: outputs and server properties whose get_attr takes functions as its arguments (the
 *   resource name, the attribute, the path by get_param, list_join, str_replace, if);
 * - `mixes`: block_device_mapping and block_device_mapping_v2 together, one empty, null or made by
 *   a function (if with a removed branch, get_param of an empty list), entries that fit the other;
 * - `params`: parameters whose defaults are of another type than the parameter's (lists, maps,
 *   booleans, nulls, numbers as texts, dates) under constraints of odd values, read by BDM fields;
 * - `condif`: `if` in every field of a block device entry, conditions on parameters, `if` with one
 *   branch (a removed field from 2021-04-16), an entry or a whole list chosen by `if`;
 * - `groups`: parameter_groups of odd shapes next to a working server;
 * - `yaml`: anchors and aliases into entries, merge keys (`<<`), tags (!!str, !!int, !!float,
 *   !!bool, !!null, !!binary, !!timestamp, local tags), duplicate keys, block scalars;
 * - `version`: each heat_template_version (dates, names, odd spellings) with a function that
 *   version has or lacks in a block device field;
 * - `feed`: str_replace, list_join, repeat and yaql making block device entries and their fields.
 * Every parameter has a default (the heat-oracle's stand-ins for a parameter without one leave a
 * condition undecided).
 * Usage: node --import tsx scripts/heat-hunt28-gen.ts COUNT SEED > cases.json
 */

export {};

let seed = Number(process.argv[3] ?? 28) >>> 0 || 28;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
for (let i = 0; i < 8; i++) rnd();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;
const some = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

const MODERN = ['2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby'];
const ALL_VERSIONS = ['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', ...MODERN];
const ODD_VERSIONS = ["'2018-08-31'", '2016-10-15', '2021-04-17', 'xena', '20180831', "'2018-08-31 '", '2018-8-31', 'Wallaby', '2012-12-12', '"2017-02-24"', '!!str 2018-03-02'];

const BASE_PARAMS = [
  '  p_size: {type: number, default: 2}',
  '  p_idx: {type: number, default: 0}',
  '  p_bus: {type: string, default: virtio}',
  '  p_dev: {type: string, default: vdb}',
  "  p_vols: {type: comma_delimited_list, default: 'a,b'}",
  '  p_json: {type: json, default: {size: 3, bus: scsi, del: true, entry: {volume_id: vj, boot_index: 1}, ids: [q, r], name: vol}}',
  '  p_flag: {type: boolean, default: true}',
  '  p_attr: {type: string, default: size}',
  '  p_res: {type: string, default: vol}',
];
const params = () => `parameters:\n${BASE_PARAMS.join('\n')}\n`;
const VOL = '  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n';
const VOL2 = '  vol2:\n    type: OS::Cinder::Volume\n    properties: {size: 2}\n';
const COND = (c = "{equals: [{get_param: p_bus}, virtio]}") => `conditions:\n  c1: ${c}\n  c2: {not: c1}\n`;
const server = (props: string[], extra = '') => `  srv:\n    type: OS::Nova::Server\n${extra}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
const NET = 'networks: [{network: private}]';

// ---- block device pieces

const SIZE = ['1', "'2'", '{get_param: p_size}', '{get_param: [p_json, size]}', "{str_replace: {template: 'N', params: {N: {get_param: p_size}}}}", "{list_join: ['', ['1', '0']]}", '{yaql: {expression: $.data.a + 1, data: {a: 1}}}', "{if: [c1, 1, '3']}", '{get_attr: [vol, size]}'];
const BOOT = ['0', "'0'", '-1', '{get_param: p_idx}', "{str_replace: {template: 'X', params: {X: {get_param: p_idx}}}}", '{if: [c1, 0, -1]}', "{yaql: {expression: '0'}}", "{yaql: {expression: 'int(0)'}}"];
const DEV = ['vdb', '/dev/vdc', '{get_param: p_dev}', "{list_join: ['', [vd, c]]}", "{str_replace: {template: '/dev/vdX', params: {X: d}}}", '{if: [c1, vde, vdf]}', "{yaql: {expression: concat('vd', 'g')}}"];
const BUS = ['virtio', 'scsi', '{get_param: p_bus}', '{get_param: [p_json, bus]}', "{if: [c1, scsi, virtio]}", "{str_replace: {template: 'vBUS', params: {BUS: irtio}}}"];
const DEL = ['true', 'false', "'yes'", '{get_param: p_flag}', '{get_param: [p_json, del]}', '{if: [c1, true, false]}', "{yaql: {expression: 'true'}}", "{equals: [{get_param: p_bus}, virtio]}"];
const VOLID = ['vol-a', '{get_resource: vol}', '{get_param: [p_vols, 0]}', '{get_param: [p_json, entry, volume_id]}', "{list_join: ['-', [vol, {get_param: p_bus}]]}", "{str_replace: {template: 'vol-ID', params: {ID: {get_param: p_idx}}}}", '{if: [c1, {get_resource: vol}, vol-b]}'];

function v2Field(): string {
  return pick([
    `volume_size: ${pick(SIZE)}`, `boot_index: ${pick(BOOT)}`, `device_name: ${pick(DEV)}`, `disk_bus: ${pick(BUS)}`,
    `delete_on_termination: ${pick(DEL)}`, `device_type: ${pick(['disk', 'cdrom', '{if: [c1, disk, cdrom]}'])}`,
  ]);
}

function v2Entry(root = false): string {
  const src = root ? pick([`image: ${pick(['cirros', '{get_param: p_bus}', "{if: [c1, cirros, ubuntu]}"])}`, `volume_id: ${pick(VOLID)}`]) : pick([`volume_id: ${pick(VOLID)}`, `snapshot_id: ${pick(['snap', '{get_param: [p_vols, 1]}'])}`, `image: cirros`, `swap_size: ${pick(['1', '{get_param: p_size}'])}`, `ephemeral_size: ${pick(['1', '{get_param: p_size}'])}`]);
  const kv = [src];
  if (root) kv.push(`boot_index: ${pick(BOOT)}`);
  if (src.startsWith('image') && chance(0.8)) kv.push(`volume_size: ${pick(SIZE)}`);
  for (let n = Math.floor(rnd() * 3); n > 0; n--) { const f = v2Field(); if (!kv.some((k) => k.split(':')[0] === f.split(':')[0])) kv.push(f); }
  return `{${kv.join(', ')}}`;
}

function v1Entry(): string {
  const kv = [`device_name: ${pick(['vda', 'vdb', '{get_param: p_dev}', "{list_join: ['', [vd, b]]}", '{if: [c1, vdb, vdc]}'])}`];
  kv.push(pick([`volume_id: ${pick(VOLID)}`, `snapshot_id: ${pick(['snap', '{get_param: [p_vols, 1]}'])}`]));
  if (chance(0.4)) kv.push(`volume_size: ${pick(SIZE)}`);
  if (chance(0.3)) kv.push(`delete_on_termination: ${pick(DEL)}`);
  return `{${kv.join(', ')}}`;
}

// ---- themes

function extid(): string {
  const v = pick(MODERN);
  const id = pick(['abc', '6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', "''", '{get_param: p_dev}', '{get_resource: vol}', '5', 'null', '[a]', '{a: b}', "{list_join: ['-', [x, y]]}", '{if: [c1, abc, null]}', '{get_attr: [vol, size]}', 'true']);
  const bad = pick(['bogus: 1', 'flavor: null', 'block_device_mapping_v2: [{boot_index: 0}]', "block_device_mapping_v2: [{volume_id: a, snapshot_id: b}]", 'networks: x', 'image: 5', '', 'block_device_mapping: [{volume_id: a}]', `block_device_mapping_v2: [${v2Entry(true)}]`]);
  const props = ['flavor: m1.small', NET, ...(bad ? [bad] : []), ...(chance(0.6) ? ['image: cirros'] : [])];
  const two = chance(0.35);
  const other = two ? `  srv2:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, ${NET}${chance(0.3) ? ', bogus: 2' : ''}}\n` : '';
  const outs = chance(0.25) ? `outputs:\n  o1: {value: ${pick(['{get_attr: [srv, networks]}', '{get_resource: srv}', '{get_attr: [srv, bogus]}', '{get_attr: [srv, first_address]}'])}}\n` : '';
  const srvExtra = `    external_id: ${id}\n${chance(0.15) ? '    condition: c2\n' : ''}`;
  return `heat_template_version: ${v}\n${params()}${COND()}resources:\n${VOL}${server(props, srvExtra)}${other}${outs}`;
}

function outga(): string {
  const v = pick([...MODERN, '2015-10-15', '2016-04-08', '2015-04-30']);
  const fnArgs = () => pick([
    '[{get_param: p_res}, size]', '[vol, {get_param: p_attr}]', "[{list_join: ['', [v, ol]]}, size]", "[vol, {str_replace: {template: sXze, params: {X: i}}}]",
    '[{if: [c1, vol, vol2]}, size]', '[vol, {if: [c1, size, status]}]', '[srv, networks, {get_param: p_attr}]', '[srv, addresses, {get_param: [p_vols, 0]}]',
    '[{get_param: p_dev}, size]', '[vol, {get_param: p_res}]', '[{get_param: p_idx}, size]', '[{get_param: p_json}, size]', '[vol, {get_param: [p_json, ids]}]',
    "[srv, {list_join: ['_', [first, address]]}]", '[{get_resource: vol}, size]', '[vol, [size]]', '[vol, {get_param: p_attr}, {get_param: p_idx}]',
    '[{yaql: {expression: "vol"}}, size]', "[vol2, {str_split: [',', 'size,x', 0]}]", '[srv, {get_param: p_bus}]',
  ]);
  const where = pick(['output', 'output', 'metadata', 'bdm', 'name']);
  const ga = `{get_attr: ${fnArgs()}}`;
  const props = ['flavor: m1.small', 'image: cirros', NET];
  if (where === 'metadata') props.push(`metadata: {k: ${ga}}`);
  if (where === 'name') props.push(`name: {list_join: ['-', [s, ${ga}]]}`);
  if (where === 'bdm') props.push(`block_device_mapping_v2: [{volume_id: ${ga}, boot_index: 1}]`);
  const out = where === 'output' || chance(0.3) ? `outputs:\n  o1:\n    value: ${where === 'output' ? ga : `{get_attr: ${fnArgs()}}`}\n${chance(0.2) ? '    condition: c1\n' : ''}` : '';
  const conds = /^(2016-10|2017|2018|2021|[a-z])/.test(v) ? COND() : '';
  return `heat_template_version: ${v}\n${params()}${conds}resources:\n${VOL}${chance(0.7) ? VOL2 : ''}${server(props)}${out}`;
}

function mixes(): string {
  const v = pick(MODERN);
  const a = () => pick(['[]', 'null', `[${v1Entry()}]`, `[${v1Entry()}, ${v1Entry()}]`, '{if: [c1, [], null]}', `{if: [c1, [${v1Entry()}]]}`, `{if: [c2, [${v1Entry()}], []]}`, '{get_param: [p_json, nope]}', "{str_split: [',', '']}", `[{volume_id: vol-x}]`, `[${v2Entry()}]`]);
  const b = () => pick(['[]', 'null', `[${v2Entry(true)}]`, `[${v2Entry(true)}, ${v2Entry()}]`, '{if: [c1, [], null]}', `{if: [c1, [${v2Entry()}]]}`, `{if: [c2, [${v2Entry()}], []]}`, `[${v1Entry()}]`, `{list_concat: [[], []]}`, `[${v2Entry()}, ${v2Entry()}]`]);
  const props = ['flavor: m1.small', NET];
  if (chance(0.5)) props.push(`image: ${pick(['cirros', "''", '{if: [c1, cirros]}'])}`);
  const order = chance(0.5);
  const p1 = `block_device_mapping: ${a()}`; const p2 = `block_device_mapping_v2: ${b()}`;
  if (chance(0.85)) props.push(...(order ? [p1, p2] : [p2, p1]));
  else props.push(pick([p1, p2]));
  const cond = pick(["{equals: [{get_param: p_bus}, virtio]}", 'false', 'true', "{equals: [{get_param: p_idx}, 1]}"]);
  return `heat_template_version: ${v}\n${params()}${COND(cond)}resources:\n${VOL}${server(props)}`;
}

function oddParams(): string {
  const v = pick(MODERN);
  const P: Array<[string, string, string[], string[]]> = [
    ['q_num', 'number', ['[1]', '{a: 1}', 'true', 'null', "'3'", "'3.0'", '3.5', "'0x1F'", "'1e2'", '2018-08-31', "''", '!!float 2', "'inf'", "'nan'", '-0', "' 4'"], ['range: {min: 1, max: 100}', 'allowed_values: [1, 2, 3]', 'modulo: {step: 2, offset: 1}', "allowed_values: ['3', 4]", 'range: {min: 0.5}', 'length: {min: 1}', 'allowed_values: [true]']],
    ['q_str', 'string', ['[vdb]', '{a: b}', '5', '2.5', 'true', 'null', '2018-08-31', "''", '0o17', '1_000', '0x10', '!!binary aGVsbG8=', '.inf', '~', 'yes'], ["allowed_pattern: 'vd[a-z]'", 'length: {min: 1, max: 3}', 'allowed_values: [vdb, vdc, 5, true]', "allowed_values: ['True', '5']", "allowed_pattern: '[0-9]+'", 'length: {min: 4}', 'range: {min: 1}']],
    ['q_list', 'comma_delimited_list', ['[a, 1, true]', '{a: b}', '5', 'true', 'null', "'a,,b'", '[[a]]', '[{a: b}]', "''", "' a , b '", '[]', '[null]', '2018-08-31'], ['length: {min: 1}', 'length: {max: 1}', 'allowed_values: [a, b, 1, True]', "allowed_values: ['a', '1']", 'length: {min: 2, max: 2}']],
    ['q_json', 'json', ['[1, 2]', "'{\"a\": 1}'", "'[1]'", '5', 'true', 'null', "'x'", '{a: [1, {b: null}]}', "''", "'null'", "'5'", '2018-08-31', '{1: a}'], ['length: {min: 1}', 'length: {max: 1}', 'allowed_values: [{a: 1}, [1, 2]]', 'range: {min: 1}']],
    ['q_bool', 'boolean', ['yes', "'yes'", '1', '0', "'1'", 'on', "'on'", "'TRUE'", 'null', '[true]', '2', "'y'", "'false'", 'False', "'f'", '!!str true'], ['allowed_values: [true]', "allowed_values: ['true']", 'allowed_values: [yes]', 'allowed_values: [1, 0]', 'allowed_values: [false, true]']],
  ];
  const lines: string[] = [];
  const used: string[] = [];
  for (const [name, type, defs, cons] of P) {
    if (!chance(0.55)) continue;
    used.push(name);
    // (a null default is none: the heat-oracle gives no stand-in for it, and Heat asks for the value)
    const d = pick(defs);
    lines.push(`  ${name}:`, `    type: ${type}`, `    default: ${d === 'null' || d === '~' ? "''" : d}`);
    if (chance(0.6)) lines.push('    constraints:', `      - ${pick(cons)}`);
  }
  if (!used.length) { used.push('q_num'); lines.push('  q_num:', '    type: number', `    default: ${pick(P[0][2])}`); }
  const use = (n: string) => ({
    q_num: pick(['volume_size: {get_param: q_num}', 'boot_index: {get_param: q_num}', "device_name: {str_replace: {template: vdX, params: {X: {get_param: q_num}}}}"]),
    q_str: pick(['device_name: {get_param: q_str}', 'disk_bus: {get_param: q_str}', 'volume_size: {get_param: q_str}', 'volume_id: {get_param: q_str}']),
    q_list: pick(['volume_id: {get_param: [q_list, 0]}', "device_name: {list_join: ['', {get_param: q_list}]}", 'volume_size: {get_param: [q_list, 1]}']),
    q_json: pick(['volume_id: {get_param: [q_json, a]}', 'volume_size: {get_param: [q_json, 0]}', "device_name: {str_replace: {template: vdX, params: {X: {get_param: q_json}}}}"]),
    q_bool: pick(['delete_on_termination: {get_param: q_bool}', "device_name: {str_replace: {template: vdX, params: {X: {get_param: q_bool}}}}", 'volume_size: {get_param: q_bool}']),
  } as Record<string, string>)[n];
  const fields = used.map(use).filter((f, k, xs) => xs.findIndex((y) => y.split(':')[0] === f.split(':')[0]) === k);
  if (!fields.some((f) => /^(volume_id|image|snapshot_id)/.test(f))) fields.unshift('volume_id: vol-a');
  const props = ['flavor: m1.small', 'image: cirros', NET, `block_device_mapping_v2: [{${fields.join(', ')}${fields.some((f) => f.startsWith('boot_index')) ? '' : ', boot_index: 1'}}]`];
  if (chance(0.2)) props.push(pick(['metadata: {k: {get_param: q_str}}', 'config_drive: {get_param: q_bool}', 'metadata: {get_param: q_json}', 'name: {get_param: q_num}']));
  return `heat_template_version: ${v}\nparameters:\n${lines.join('\n')}\n${COND('true')}resources:\n${server(props)}`;
}

function condif(): string {
  const v = pick(['2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', '2021-04-16', 'wallaby', 'rocky']);
  const c = pick(["{equals: [{get_param: p_bus}, virtio]}", 'true', 'false', "{equals: [{get_param: p_idx}, 0]}", "{contains: [a, {get_param: p_vols}]}", '{get_param: p_flag}', "{and: [true, {equals: [{get_param: p_size}, 2]}]}", "{or: [false, {not: true}]}"]);
  const ifv = (t: string, f?: string) => `{if: [${pick(['c1', 'c2', 'c1', 'true', 'false', '{not: c1}', "{equals: [{get_param: p_dev}, vdb]}"])}, ${t}${f === undefined ? '' : `, ${f}`}]}`;
  const field = () => pick([
    `volume_size: ${ifv('1', pick(['2', "'3'", 'null', 'x']))}`, `boot_index: ${ifv('0', pick(['-1', 'null', "'1'"]))}`, `device_name: ${ifv('vdb', pick(['vdc', 'null', "''"]))}`,
    `disk_bus: ${ifv('virtio', pick(['scsi', 'null']))}`, `delete_on_termination: ${ifv('true', pick(['false', 'null']))}`, `volume_size: ${ifv('1')}`, `device_name: ${ifv('vdz')}`,
    `boot_index: ${ifv('1')}`, `disk_bus: ${ifv(pick(['virtio', 'bogus']))}`,
  ]);
  const entry = () => {
    const src = pick([`volume_id: ${ifv('vol-a', 'vol-b')}`, 'volume_id: vol-a', `image: ${ifv('cirros', 'null')}`, `snapshot_id: ${ifv('snap')}`, `volume_id: ${ifv('vol-a')}`]);
    const kv = [src, ...some(1 + Math.floor(rnd() * 3), field)].filter((f, k, xs) => xs.findIndex((y) => y.split(':')[0] === f.split(':')[0]) === k);
    if (src.startsWith('image') && !kv.some((k) => k.startsWith('volume_size'))) kv.push('volume_size: 1');
    return pick([`{${kv.join(', ')}}`, `{${kv.join(', ')}}`, ifv(`{${kv.join(', ')}}`, pick(['null', '{volume_id: other}', "''"])), ifv(`{${kv.join(', ')}}`)]);
  };
  const list = pick([`[${some(1 + Math.floor(rnd() * 2), entry).join(', ')}]`, ifv(`[${entry()}]`, pick(['[]', 'null', `[${entry()}]`])), ifv(`[${entry()}]`)]);
  const props = ['flavor: m1.small', NET, `block_device_mapping_v2: ${list}`];
  if (chance(0.6)) props.push(`image: ${chance(0.8) ? 'cirros' : ifv('cirros', 'null')}`);
  if (chance(0.2)) props.push(`block_device_mapping: ${ifv('[{device_name: vdc, volume_id: v1}]', pick(['[]', 'null']))}`);
  const srvCond = chance(0.15) ? `    condition: ${pick(['c1', 'c2', 'true', '{not: c2}'])}\n` : '';
  return `heat_template_version: ${v}\n${params()}${COND(c)}resources:\n${VOL}${server(props, srvCond)}`;
}

function groups(): string {
  const v = pick([...MODERN, '2015-10-15', '2014-10-16']);
  const g = pick([
    '[{label: g, parameters: [p_size, p_bus]}]', '[{parameters: [p_size]}, {parameters: [p_size]}]', '[{label: g}]', '[{parameters: [nope]}]', '{label: g}', '[x]',
    '[{parameters: p_size}]', '[{parameters: [p_size], label: 5}]', '[{parameters: [p_size], bogus: 1}]', '[]', 'null', "''", '[{parameters: []}]', '[{parameters: [{get_param: p_bus}]}]',
    '[{label: a, parameters: [p_size]}, {label: b, parameters: [p_bus, p_size]}]', '[{parameters: [5]}]', '[{parameters: [OS::stack_name]}]', '[{description: d, parameters: [p_idx]}]',
  ]);
  const props = ['flavor: m1.small', 'image: cirros', NET, `block_device_mapping_v2: [${v2Entry()}]`];
  return `heat_template_version: ${v}\n${chance(0.5) ? 'description: grouped\n' : ''}parameter_groups: ${g}\n${params()}${/^201[45]/.test(v) ? '' : COND()}resources:\n${VOL}${server(props)}`;
}

function yamlOdd(): string {
  const v = pick(['2018-08-31', '2021-04-16', '2017-09-01']);
  const form = pick(['anchor', 'merge', 'merge2', 'tag', 'dupkey', 'block', 'aliasList', 'mergeOverride', 'tagEntry', 'dupres', 'dupprop', 'anchorProps']);
  const props = ['flavor: m1.small', 'image: cirros', NET];
  let pre = '';
  let extraRes = '';
  const tag = () => pick(['!!str 1', '!!int "2"', '!!float 1', '!!float "1.5"', '!!bool "true"', '!!null ""', '!!binary aGk=', '!!timestamp 2018-08-31', '!!str true', '!!int 0x10', '!!int 010', '!!str', '!custom x', '!!python/none ""', '!!set {a, b}', '!!omap [{a: 1}]', "!!str ''", '!!int 1_0', '!!float 1e1']);
  switch (form) {
    case 'anchor': props.push('block_device_mapping_v2: [&e {volume_id: vol-a, boot_index: 1}, *e]'); break;
    case 'aliasList': props.push(`block_device_mapping_v2: &l [{volume_id: vol-a, boot_index: ${pick(['1', '-1'])}}]`, 'block_device_mapping: *l'); break;
    case 'merge': pre = '  base: &b {source_type: volume, boot_index: 1}\n'; props.push(`block_device_mapping_v2: [{<<: *b, volume_id: vol-a}]`); extraRes = ''; break;
    case 'merge2': props.push(`block_device_mapping_v2: [&e {volume_id: vol-a, boot_index: 1}, {<<: *e, ${pick(['device_name: vdc', 'boot_index: 2', 'volume_id: vol-b', 'volume_size: 1'])}}]`); break;
    case 'mergeOverride': props.push(`block_device_mapping_v2: [&e {volume_id: vol-a, boot_index: 1}, {volume_id: vol-b, <<: [*e, {disk_bus: scsi}]${chance(0.5) ? ', boot_index: 2' : ''}}]`); break;
    case 'tag': props.push(`block_device_mapping_v2: [{volume_id: vol-a, ${pick(['boot_index', 'volume_size', 'device_name', 'delete_on_termination', 'disk_bus'])}: ${tag()}}]`); break;
    case 'tagEntry': props.push(`block_device_mapping_v2: [${pick(['!!map {volume_id: a, boot_index: 1}', '!!seq [a]', '!!str x', '!custom {volume_id: a}'])}]`); break;
    case 'dupkey': props.push(`block_device_mapping_v2: [{volume_id: vol-a, ${pick(['boot_index: 0, boot_index: 1', 'volume_id: vol-b', 'volume_size: 1, volume_size: x', 'boot_index: x, boot_index: 1'])}}]`); break;
    case 'block': props.push(`block_device_mapping_v2:\n        - volume_id: ${pick(['|\n            vol-a', '>-\n            vol-a', '>\n            vol-a\n            b', '|+\n            vol-a\n'])}\n          boot_index: 1`); break;
    case 'dupres': extraRes = `  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.large, image: ubuntu, ${NET}}\n`; props.push('block_device_mapping_v2: [{volume_id: vol-a, boot_index: 1}]'); break;
    case 'dupprop': props.push(pick(['image: ubuntu', 'flavor: m1.large', 'block_device_mapping_v2: []\n      block_device_mapping_v2: [{volume_id: x, boot_index: 1}]', 'networks: []'])); break;
    case 'anchorProps': pre = ''; break;
  }
  let srv = server(props);
  if (form === 'anchorProps') srv = `  srv:\n    type: OS::Nova::Server\n    properties: &p\n${props.map((p) => `      ${p}`).join('\n')}\n      block_device_mapping_v2: [{volume_id: vol-a, boot_index: 1}]\n  srv2:\n    type: OS::Nova::Server\n    properties: ${pick(['*p', `{<<: *p, ${pick(['flavor: m1.large', 'block_device_mapping_v2: []', 'image: null'])}}`])}\n`;
  const anchorHolder = pre ? `  holder:\n    type: OS::Heat::None\n    properties:\n${pre.replace(/^  /gm, '      ')}` : '';
  return `heat_template_version: ${v}\n${params()}resources:\n${anchorHolder}${srv}${extraRes}`;
}

function version(): string {
  const v = chance(0.15) ? pick(ODD_VERSIONS) : pick(ALL_VERSIONS);
  const fn = pick([
    "volume_size: {str_split: [',', '1,2', 0]}", "volume_size: {map_merge: [{a: 1}]}", "volume_id: {yaql: {expression: '\"v\"'}}", 'volume_id: {if: [true, a, b]}',
    "volume_id: {list_concat: [[a]]}", "volume_id: {filter: [[], a]}", "device_name: {str_replace_strict: {template: vdX, params: {X: b}}}", "device_name: {str_replace_vstrict: {template: vdX, params: {X: b}}}",
    "volume_id: {make_url: {host: h}}", "delete_on_termination: {contains: [a, [a]]}", "volume_id: {list_concat_unique: [[a]]}", "volume_id: {map_replace: [{a: b}, {keys: {a: c}}]}",
    "volume_id: {digest: [md5, a]}", "volume_id: {repeat: {for_each: {X: [a]}, template: X}}", "device_name: {list_join: ['', [vd, b], [c]]}", "volume_id: {'Fn::Select': [0, [a]]}",
    "volume_id: {'Fn::Join': ['', [a]]}", "volume_id: {Ref: vol}", "volume_id: {'Fn::GetAtt': [vol, size]}", "volume_id: {get_attr: [vol, size]}", "volume_id: {resource_facade: metadata}",
    "volume_id: {'Fn::Base64': a}", "volume_id: {str_split: [',', 'a,b']}", "device_name: {str_replace: {template: vdX, params: {X: [b]}}}", "volume_size: {get_param: [p_json, size]}",
    "volume_id: {get_file: 'http://x/y'}", "volume_id: {'Fn::Split': [',', 'a']}", "volume_id: {equals: [a, a]}", "volume_id: {not: true}",
  ]);
  const entry = `{${fn}${/^volume_id/.test(fn) ? '' : ', volume_id: vol-a'}, boot_index: 1}`;
  const props = ['flavor: m1.small', 'image: cirros', NET, `block_device_mapping_v2: [${entry}]`];
  const hasCond = /^(2016-10|2017|2018|2021|newton|ocata|pike|queens|rocky|wallaby)/.test(v);
  return `heat_template_version: ${v}\n${params()}${hasCond && chance(0.5) ? COND() : ''}resources:\n${VOL}${server(props)}`;
}

function feed(): string {
  const v = pick(['2016-10-14', '2017-02-24', '2018-03-02', '2018-08-31', '2021-04-16', 'queens', 'wallaby']);
  const list = pick([
    "{repeat: {for_each: {'%v%': {get_param: p_vols}}, template: {volume_id: 'vol-%v%', boot_index: -1}}}",
    "{repeat: {for_each: {'%n%': [b, c, d]}, template: {volume_id: v, device_name: 'vd%n%'}}}",
    "{repeat: {for_each: {'%s%': [1, 2]}, template: {image: cirros, volume_size: '%s%'}}}",
    "{repeat: {for_each: {'%s%': ['1', '2']}, template: {volume_id: v, volume_size: '%s%'}}}",
    "{repeat: {for_each: {'%s%': [1, 2]}, template: {volume_id: 'v%s%', boot_index: '%s%'}}}",
    "{repeat: {for_each: {'X': {get_param: [p_json, ids]}}, template: {volume_id: X, delete_on_termination: {get_param: p_flag}}}}",
    "{repeat: {for_each: {'%d%': [b, c], '%i%': [1, 2]}, template: {volume_id: 'v%i%', device_name: 'vd%d%'}, permutations: false}}",
    "{repeat: {for_each: {'%d%': [b, c], '%i%': [1, 2]}, template: {volume_id: 'v%i%', device_name: 'vd%d%'}}}",
    "{yaql: {expression: '$.data.ids.select({volume_id => $, boot_index => -1})', data: {ids: {get_param: [p_json, ids]}}}}",
    "{yaql: {expression: '$.data.n.select({image => cirros, volume_size => $, boot_index => $ - 1})', data: {n: [1, 2]}}}",
    "{yaql: {expression: 'list({volume_id => str($.data.x), volume_size => $.data.x})', data: {x: {get_param: p_size}}}}",
    "{yaql: {expression: '[{volume_id => a, device_name => concat(\"vd\", $.data.d)}]', data: {d: b}}}",
    "[{str_replace: {template: {volume_id: VOL, boot_index: 1}, params: {VOL: x}}}]",
    "[{volume_id: {str_replace: {template: 'vol-$x', params: {$x: {get_param: p_idx}}}}, volume_size: {str_replace: {template: 'N0', params: {N: {get_param: p_size}}}}}]",
    "[{volume_id: {list_join: ['', {get_param: p_vols}]}, device_name: {list_join: ['', [/dev/, vd, {get_param: p_dev}]]}}]",
    "[{volume_id: {list_join: [',', [a], [b]]}, volume_size: {list_join: ['', [{get_param: p_size}]]}}]",
    "[{volume_id: a, device_name: {str_replace: {template: DEVX, params: {DEV: vd, X: {get_param: [p_vols, 1]}}}}}]",
    "[{volume_id: a, volume_size: {str_replace: {template: S, params: {S: {get_param: [p_json, size]}}}}, boot_index: {str_replace: {template: I, params: {I: -1}}}}]",
    "[{volume_id: a, volume_size: {str_replace: {template: S, params: {S: 1.5}}}}]",
    "[{volume_id: a, boot_index: {str_replace: {template: B, params: {B: true}}}}]",
    "[{volume_id: a, delete_on_termination: {list_join: ['', [t, r, u, e]]}}]",
    "[{volume_id: a, delete_on_termination: {str_replace: {template: X, params: {X: {get_param: p_flag}}}}}]",
    "{list_concat: [{repeat: {for_each: {'%v%': [a]}, template: {volume_id: '%v%'}}}, [{image: cirros, volume_size: {yaql: {expression: '2'}}, boot_index: 0}]]}",
    "[{yaql: {expression: 'dict(volume_id => a, volume_size => 1 + 1)'}}]",
    "[{yaql: {expression: 'dict(volume_id => a, boot_index => -1, delete_on_termination => true)'}}]",
    "[{volume_id: {yaql: {expression: '$.data.split(\",\")[1]', data: 'x,y'}}, volume_size: {yaql: {expression: 'len($.data)', data: [1, 2]}}}]",
    "{repeat: {for_each: {'%v%': []}, template: {volume_id: '%v%'}}}",
    "{repeat: {for_each: {'%v%': [a]}, template: '%v%'}}",
    "{repeat: {for_each: {'<%x%>': [1]}, template: {'<%x%>': {volume_id: '<%x%>'}}}}",
    "[{str_replace: {template: 'volume_id', params: {volume: image}}}]",
    "{repeat: {for_each: {'%v%': [a, b]}, template: {volume_id: '%v%', boot_index: {get_param: p_idx}}}}",
  ]);
  const props = ['flavor: m1.small', NET, `block_device_mapping_v2: ${list}`];
  if (!/image: cirros, volume_size: .*boot_index: 0|boot_index => \$ - 1/.test(list) || chance(0.3)) props.push('image: cirros');
  return `heat_template_version: ${v}\n${params()}${COND()}resources:\n${VOL}${server(props)}`;
}

interface Case { id: string; template: string; microversion?: string }

const THEMES: Array<[string, () => string]> = [
  ['extid', extid], ['outga', outga], ['outga', outga], ['mixes', mixes], ['mixes', mixes], ['params', oddParams], ['params', oddParams],
  ['condif', condif], ['condif', condif], ['groups', groups], ['yaml', yamlOdd], ['yaml', yamlOdd], ['version', version], ['version', version], ['feed', feed], ['feed', feed],
];

function hunt(i: number): Case {
  const [name, f] = pick(THEMES);
  const template = f();
  const mv = pick(['2.92', '2.92', '2.92', '2.60', '2.42', '2.32', '2.1']);
  return { id: `h28-${name}-${i}`, template, ...(mv === '2.92' ? {} : { microversion: mv }) };
}

const count = Number(process.argv[2] ?? 200);
process.stdout.write(JSON.stringify(Array.from({ length: count }, (_, i) => hunt(i)), null, 1) + '\n');
