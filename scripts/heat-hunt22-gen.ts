/**
 * Hunt 22: HOT templates of kinds scripts/heat-gen.ts does not write, for the differential test
 * against Heat's own code (scripts/heat-hunt22-difftest.ts): typed parameters (number, string,
 * boolean, comma_delimited_list, json) with defaults, constraints and values given, read by
 * get_param (with paths) inside block_device_mapping(_v2) entries; every heat_template_version
 * (dates and names) with the functions each allows or not (str_replace, list_join, repeat,
 * str_split, map_replace, yaql, if, filter, list_concat, contains, make_url, str_replace_strict,
 * digest, map_merge, get_attr/get_resource of a volume); property coercions (strings for numbers
 * and booleans); unknown keys, nulls, empty lists, both mappings, an image and a boot_index 0
 * volume, swap and ephemeral entries, disk_bus/device_type values; deletion policies; several servers.
 * Usage: node --import tsx scripts/heat-hunt22-gen.ts COUNT SEED > cases.json
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

const VERSIONS = ['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby'];

interface Param { name: string; text: string; given?: unknown }

function params(): Param[] {
  const out: Param[] = [];
  const con = (c: string) => `    constraints:\n      - ${c}\n`;
  // number
  {
    const d = pick(['10', "'20'", '0', '1.5', "'x'", '-1', "'1e1'", "' 5 '", '5.0', 'true', '']);
    let t = `  p_num:\n    type: number\n${d ? `    default: ${d}\n` : ''}`;
    if (d && chance(0.3)) t += con(pick(['range: {min: 1, max: 50}', 'range: {min: 5}', 'range: {max: 3}', 'allowed_values: [10, 20]', "allowed_values: ['10', 5]", 'modulo: {step: 2, offset: 0}', 'modulo: {step: 5, offset: 1}', 'length: {min: 1}']));
    out.push({ name: 'p_num', text: t, ...(chance(0.2) ? { given: pick(['30', '0', 'abc', '7', '2.5', '', ' 8']) } : {}) });
  }
  // string
  {
    const d = pick(['cirros', "''", 'vdb', "'10'", '12', 'true', 'virtio', '']);
    let t = `  p_str:\n    type: string\n${d ? `    default: ${d}\n` : ''}`;
    if (d && chance(0.3)) t += con(pick(['allowed_values: [cirros, vdb, virtio]', 'length: {min: 3, max: 20}', "allowed_pattern: '[a-z]+'", 'range: {min: 1}', 'allowed_values: []']));
    out.push({ name: 'p_str', text: t, ...(chance(0.15) ? { given: pick(['vdc', 'scsi', '5', '', 'IDE']) } : {}) });
  }
  // boolean
  {
    const d = pick(['true', 'false', 'yes', "'on'", "'0'", '1', 't', "'maybe'", "'True'", '0', '']);
    const t = `  p_bool:\n    type: boolean\n${d ? `    default: ${d}\n` : ''}${d && chance(0.1) ? con('allowed_values: [true]') : ''}`;
    out.push({ name: 'p_bool', text: t, ...(chance(0.2) ? { given: pick(['false', 'yes', 'nope', 'ON', '1', 'f']) } : {}) });
  }
  // comma_delimited_list
  {
    const d = pick(["'vdb,vdc'", "'a'", '[x, y]', "''", '[1, 2]', "'10, 20'", '[]', '']);
    let t = `  p_list:\n    type: comma_delimited_list\n${d ? `    default: ${d}\n` : ''}`;
    if (d && chance(0.2)) t += con(pick(['length: {min: 2}', 'allowed_values: [vdb, vdc, x, y]', 'length: {max: 1}']));
    out.push({ name: 'p_list', text: t, ...(chance(0.15) ? { given: pick(['x,y,z', '', 'vdd', ' a , b ']) } : {}) });
  }
  // json
  {
    const d = pick(['{size: 10, bus: virtio, idx: 0, del: true, dev: vdb}', '{"size": "5"}', '{}', '[1, 2]', "'{\"size\": 3}'", '{size: [1]}', '']);
    let t = `  p_json:\n    type: json\n${d ? `    default: ${d}\n` : ''}`;
    if (d && chance(0.15)) t += con(pick(['length: {min: 1}', 'allowed_values: [{}]']));
    out.push({ name: 'p_json', text: t, ...(chance(0.15) ? { given: pick(['{"size": 7}', '[3]', 'nope', '{"bus": "scsi"}']) } : {}) });
  }
  return out;
}

/** a function that HOT versions allow from some date on */
function fn(kind: 'int' | 'str' | 'bool' | 'id'): string {
  const i = (s: string) => s;
  switch (kind) {
    case 'int': return pick([
      '{get_param: p_num}', '{get_param: [p_json, size]}', '{get_param: [p_list, 0]}', "{get_param: [p_list, '1']}", '{get_param: p_str}', '{get_param: p_bool}',
      "{str_replace: {template: '1N', params: {N: 0}}}", "{list_join: ['', ['2', '0']]}", "{list_join: ['', [1, 2]]}", "{str_split: [',', '5,6', 1]}", "{str_split: [',', '5,6']}",
      "{yaql: {expression: '1 + 4'}}", "{yaql: {expression: '$.data.a', data: {a: 8}}}", '{get_attr: [vol, size]}', "{digest: [md5, '1']}", "{map_merge: [{a: 1}]}",
      '{if: [c_true, 10, 20]}', '{if: [c_false, 10, 20]}', '{if: [c_true, 10]}', '{if: [c_false, 10]}', "{str_replace_strict: {template: 'xN', params: {x: 1, N: 0}}}",
      "{str_replace_vstrict: {template: 'xN', params: {x: 1, N: 0}}}", '{get_param: [p_json, nope]}', '{get_param: [p_list, 5]}', '{Ref: p_num}', "{'Fn::Select': [0, [7]]}",
      '{get_param: [p_json, size, 0]}', "{filter: [[null], [3]]}", "{list_concat: [[1]]}", '{contains: [1, [1]]}', '{equals: [1, 1]}', '{not: true}', 10 + '',
    ].map(i));
    case 'str': return pick([
      '{get_param: p_str}', '{get_param: [p_json, bus]}', '{get_param: [p_json, dev]}', '{get_param: [p_list, 0]}', '{get_param: p_list}', '{get_param: p_json}', '{get_param: p_num}',
      "{str_replace: {template: 'vdX', params: {X: b}}}", "{str_replace: {template: 'vdX', params: {X: {get_param: p_num}}}}", "{list_join: ['', [vd, c]]}", "{list_join: [',', {get_param: p_list}]}",
      "{repeat: {for_each: {'%x%': [b]}, template: 'vd%x%'}}", "{map_replace: [{vdb: 1}, {keys: {vdb: vdc}}]}", "{yaql: {expression: 'vdb'}}", "{yaql: {expression: \"'scsi'\"}}",
      '{if: [c_true, scsi, virtio]}', '{if: [{equals: [{get_param: p_str}, cirros]}, ide, sata]}', '{if: [{not: c_true}, ide, sata]}', '{if: [{and: [c_true, c_false]}, ide, sata]}',
      "{if: [{or: [c_true, c_false]}, ide, sata]}", "{if: [{contains: [vdb, {get_param: p_list}]}, ide, sata]}", "{make_url: {scheme: http, host: h}}", '{get_resource: vol}', '{get_attr: [vol, display_name]}',
      "{str_split: [',', {list_join: [',', [a, b]]}, 0]}", "{digest: [sha256, x]}", '{Ref: p_str}',
    ].map(i));
    case 'bool': return pick([
      '{get_param: p_bool}', '{get_param: [p_json, del]}', '{get_param: p_str}', '{get_param: p_num}', "{list_join: ['', [tr, ue]]}", "{str_replace: {template: 'oX', params: {X: n}}}",
      '{if: [c_true, true, false]}', '{if: [c_false, yes, no]}', '{equals: [1, 1]}', '{not: c_true}', "{yaql: {expression: 'true'}}", '{contains: [a, [a]]}', '{get_attr: [vol, multiattach]}',
    ].map(i));
    default: return pick([
      '{get_resource: vol}', '{get_attr: [vol, id]}', '{get_param: p_str}', '{get_param: [p_list, 1]}', '{get_param: [p_json, id]}', "{list_join: ['-', [vol, data]]}",
      '{if: [c_true, {get_resource: vol}, v2]}', "{str_replace: {template: 'snap-N', params: {N: {get_param: p_num}}}}", '{get_resource: nope}', '{get_attr: [vol, nope]}', '{get_resource: srv0}',
    ].map(i));
  }
}

const LIT: Record<string, string[]> = {
  volume_size: ['10', "'10'", "' 10'", "'1e1'", '10.0', '1.5', 'true', "'x'", '0', '-1', 'null', '[10]', '{a: 1}', "''", '20', '30'],
  boot_index: ['0', "'0'", '-1', "'-1'", 'true', 'false', '1.0', '0.5', "'x'", 'null', '[0]', '1', '2', "''"],
  delete_on_termination: ['true', 'false', "'yes'", "'on'", '1', '0', "'t'", "'1'", "'y'", "'off'", 'null', "'maybe'", '2', '[true]', "''", "'TRUE'", "'No'"],
  device_name: ['vdb', "''", '/dev/vdc', 'sda', 'vda', '5', 'null', '[vdb]', 'true'],
  disk_bus: ['virtio', 'scsi', 'sata', 'ide', 'usb', 'lame_bus', "''", 'null', 'VIRTIO', 'xen', 'uml', 'lxc', 'fdc'],
  device_type: ['disk', 'cdrom', 'floppy', 'lun', "''", 'null', 'Disk'],
  ephemeral_format: ['ext4', 'xfs', 'vfat', 'ntfs', "''", 'null', 'swap', 'ext3'],
  swap_size: ['512', '0', "'256'", '-1', 'null', '1.5', '2048'],
  ephemeral_size: ['1', '0', "'2'", '-1', 'null', '11', '1.5'],
  image: ['cirros', "''", 'null', '6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', '5'],
  volume_id: ['vol-data', "''", 'null', '6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', '7'],
  snapshot_id: ['snap-1', "''", 'null', '8'],
};
const FNKIND: Record<string, 'int' | 'str' | 'bool' | 'id'> = { volume_size: 'int', boot_index: 'int', swap_size: 'int', ephemeral_size: 'int', delete_on_termination: 'bool', device_name: 'str', disk_bus: 'str', device_type: 'str', ephemeral_format: 'str', image: 'str', volume_id: 'id', snapshot_id: 'id' };

const val = (k: string, pf: number) => (chance(pf) ? fn(FNKIND[k] ?? 'str') : pick(LIT[k] ?? ['x']));

function v2Entry(pf: number, root: boolean): string {
  const kv: string[] = [];
  const src = root ? pick(['image', 'volume_id', 'snapshot_id', 'image', 'volume_id']) : pick(['image', 'volume_id', 'snapshot_id', 'swap_size', 'ephemeral_size', 'volume_id', 'none', 'image_id']);
  if (src !== 'none') kv.push(`${src}: ${val(src === 'image_id' ? 'image' : src, pf)}`);
  if (root) kv.push(`boot_index: ${chance(0.7) ? pick(['0', "'0'"]) : val('boot_index', pf)}`);
  for (const k of ['boot_index', 'volume_size', 'delete_on_termination', 'device_name', 'disk_bus', 'device_type', 'ephemeral_format']) {
    if (root && k === 'boot_index') continue;
    if (chance(k === 'boot_index' || k === 'volume_size' ? 0.4 : 0.13)) kv.push(`${k}: ${val(k, pf)}`);
  }
  if (chance(0.05)) kv.push(pick(['source_type: image', 'destination_type: volume', 'uuid: abc', 'volume_type: fast', 'tag: t1', 'bogus: 1', 'no_device: true']));
  if (chance(0.03)) kv.push(`${pick(['volume_size', 'boot_index'])}: ${val('volume_size', pf)}`);
  if (!kv.length) return pick(['        - {}\n', '        - null\n', '        - []\n', "        - ''\n"]);
  if (chance(0.15)) return `        - {${kv.join(', ')}}\n`;
  return kv.map((l, i) => `        ${i ? '  ' : '- '}${l}\n`).join('');
}

function v1Entry(pf: number): string {
  const kv: string[] = [];
  if (chance(0.9)) kv.push(`device_name: ${chance(0.8) ? pick(['vda', 'vdb', 'vdc']) : val('device_name', pf)}`);
  const s = pick(['volume_id', 'snapshot_id', 'volume_id', 'none', 'both']);
  if (s === 'volume_id' || s === 'both') kv.push(`volume_id: ${val('volume_id', pf)}`);
  if (s === 'snapshot_id' || s === 'both') kv.push(`snapshot_id: ${val('snapshot_id', pf)}`);
  if (chance(0.4)) kv.push(`volume_size: ${val('volume_size', pf)}`);
  if (chance(0.4)) kv.push(`delete_on_termination: ${val('delete_on_termination', pf)}`);
  if (chance(0.05)) kv.push(pick(['boot_index: 0', 'image: cirros', 'bogus: 1']));
  if (!kv.length) return '        - {}\n';
  return kv.map((l, i) => `        ${i ? '  ' : '- '}${l}\n`).join('');
}

function server(name: string, pf: number, others: string[]): string {
  let res = `  ${name}:\n    type: OS::Nova::Server\n`;
  if (chance(0.15)) res += `    deletion_policy: ${pick(['Delete', 'Retain', 'Snapshot', 'snapshot', 'delete', 'Bogus', '{get_param: p_str}'])}\n`;
  if (chance(0.1) && others.length) res += `    depends_on: ${pick(others)}\n`;
  if (chance(0.05)) res += `    ${pick(['update_policy: {}', 'metadata: {a: 1}', 'description: d', 'external_id: x', 'condition: c_true', 'condition: c_false'])}\n`;
  res += '    properties:\n';
  res += `      flavor: ${pick(['m1.small', 'm1.small', '{get_param: p_str}'])}\n`;
  const style = pick(['v2', 'v2', 'v2', 'v2root', 'v2root', 'v1', 'both', 'image+v2root', 'empty', 'null', 'fnlist']);
  if (style === 'fnlist') {
    // the whole list (or an entry) made by a list function of 2016-10-14 / 2017-02-24 / 2017-09-01
    const e = () => v2Entry(pf, chance(0.5)).trim().replace(/^- /, '').replace(/\n\s+/g, ', ').replace(/^(?!\{)(.*)$/, '{$1}');
    res += `      block_device_mapping_v2: ${pick([
      `{list_concat: [[${e()}], ${pick(['[]', 'null', `[${e()}]`, '{get_param: p_json}', '{a: 1}', "'x'"])}]}`,
      `{list_concat_unique: [[${e()}], [${e()}]]}`,
      `{filter: [${pick(['[null]', '[]', 'null', 'x', `[${e()}]`])}, [${e()}, null]]}`,
      `[{map_replace: [${e()}, {${pick(['keys: {volume: volume_id}', 'values: {vdx: vdc}', 'keys: {boot_index: volume_size}', 'keys: null', 'bogus: {}'])}}]}]`,
      `{list_concat: ${pick(['abc', '[]', '[null]'])}}`,
      // one entry per item of a list parameter (repeat), the usual way to attach a list of volumes
      `{repeat: {for_each: {'%v%': ${pick(['{get_param: p_list}', '[a, b]', '[]', '{get_param: [p_json, ids]}', "{str_split: [',', 'x,y']}", '[1, 2]', 'x'])}}, template: ${pick(["{volume_id: '%v%', boot_index: -1}", "{volume_id: '%v%'}", "{image: '%v%', volume_size: 1, boot_index: '%v%'}", "{volume_id: 'vol-%v%', device_name: 'vd%v%', boot_index: 1}", "{swap_size: '%v%'}"])}${chance(0.2) ? ', permutations: false' : ''}}}`,
      `{list_concat: [[{image: cirros, boot_index: 0, volume_size: 10}], {repeat: {for_each: {'<%i%>': ${pick(['{get_param: p_list}', '[b, c]'])}}, template: {volume_id: 'v-<%i%>', boot_index: -1${chance(0.5) ? ", device_name: 'vd<%i%>'" : ''}}}}]}`,
    ])}\n`;
    if (chance(0.5)) res += '      image: cirros\n';
  }
  if (style === 'v2' || style === 'image+v2root' || chance(0.2)) res += `      image: ${pick(['cirros', 'cirros', '{get_param: p_str}', "''", 'null'])}\n`;
  if (style === 'empty') res += `      block_device_mapping_v2: []\n${chance(0.5) ? '      block_device_mapping: []\n' : ''}${chance(0.5) ? '      image: cirros\n' : ''}`;
  if (style === 'null') res += `      block_device_mapping_v2: ${pick(['null', '', '[null]', '{}', "''", 'x'])}\n${chance(0.5) ? '      image: cirros\n' : ''}`;
  if (style.startsWith('v2') || style === 'both' || style === 'image+v2root') {
    const root = style !== 'v2';
    res += '      block_device_mapping_v2:\n';
    const n = (root ? 0 : 1) + Math.floor(rnd() * 3);
    if (root) res += v2Entry(pf, true);
    for (let k = 0; k < n; k++) res += v2Entry(pf, false);
  }
  if (style === 'v1' || style === 'both') {
    res += '      block_device_mapping:\n';
    for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) res += v1Entry(pf);
  }
  res += pick(['      networks: [{network: private}]\n', '', '      networks: []\n', "      networks: [{network: {get_param: p_str}}]\n"]);
  if (chance(0.1)) res += `      ${pick(['name: {get_param: p_num}', "name: {list_join: ['-', {get_param: p_list}]}", 'metadata: {get_param: p_json}', 'metadata: {k: {get_param: p_num}}', 'key_name: {get_param: p_str}', 'config_drive: {get_param: p_bool}', 'availability_zone: {get_param: p_str}'])}\n`;
  return res;
}

function hunt(i: number): { id: string; template: string; params?: Record<string, unknown>; microversion?: string } {
  const version = pick(VERSIONS);
  const ps = params();
  const pf = pick([0, 0.2, 0.4, 0.7]);
  let conds = '';
  const condOk = !['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15'].includes(version);
  if (condOk || chance(0.1)) conds = `conditions:\n  c_true: ${pick(['true', '{equals: [1, 1]}', "{equals: [{get_param: p_str}, {get_param: p_str}]}", '{not: false}'])}\n  c_false: ${pick(['false', '{equals: [1, 2]}', '{and: [true, false]}', '{or: [false, false]}', '{contains: [zz, {get_param: p_list}]}'])}\n`;
  let res = `  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: ${pick(['10', '10', '{get_param: p_num}'])}\n`;
  const ns = 1 + (chance(0.25) ? 1 : 0);
  const names: string[] = [];
  for (let s = 0; s < ns; s++) { res += server(`srv${s}`, pf, ['vol', ...names]); names.push(`srv${s}`); }
  const text = `heat_template_version: ${version}\nparameters:\n${ps.map((p) => p.text).join('')}${conds}resources:\n${res}`;
  const given = Object.fromEntries(ps.filter((p) => p.given !== undefined).map((p) => [p.name, p.given]));
  const mv = pick(['2.92', '2.92', '2.92', '2.60', '2.36', '2.32']);
  return { id: `h22-${i}`, template: text, ...(Object.keys(given).length ? { params: given } : {}), ...(mv === '2.92' ? {} : { microversion: mv }) };
}

const count = Number(process.argv[2] ?? 100);
process.stdout.write(JSON.stringify(Array.from({ length: count }, (_, i) => hunt(i)), null, 1) + '\n');
