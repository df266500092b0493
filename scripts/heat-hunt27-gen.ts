/**
 * Hunt 27: HOT templates of shapes the earlier hunts wrote seldom, for the differential test
 * against Heat 19.0.0's own code (scripts/heat-hunt27-difftest.ts labels and compares them):
 * - `mix`: functions inside functions that make a block device list, an entry or one field
 *   (list_concat of repeat over str_split of a parameter, map_merge of an entry with a json
 *   parameter, map_replace of keys and values, filter, if inside lists and maps, list_join and
 *   str_replace fed by get_param paths, digest/make_url/contains where a value is expected);
 * - `params`: parameters of each type with constraints and defaults together (several
 *   constraints, a default outside them, a value given that passes or not), read by the fields
 *   of the entries (volume_size from a number range, disk_bus from allowed_values, a device name
 *   from a pattern, a list length, a json default written as text);
 * - `conds`: the conditions section with conditions naming conditions, nested and/or/not with odd
 *   arguments, equals/contains on parameters, a resource condition (name, literal, function), a
 *   server refering to a volume whose condition is false, `if` whose branch is removed;
 * - `forms`: block_device_mapping and block_device_mapping_v2 written in odd forms (entries that
 *   are not maps, every property's value as another type, strings of numbers and booleans,
 *   conflicts, several boot sources, both lists);
 * - `resource`: errors of the resource itself (properties not a map, unknown keys, a missing
 *   flavor, depends_on of a missing resource or itself, deletion_policy and update_policy values,
 *   metadata of other types, a reference loop, an unknown section key), and a server next to
 *   other resources with their own errors.
 * Every parameter has a default unless a value is given (the heat-oracle's stand-ins for a
 * parameter without one leave a condition undecided).
 * Usage: node --import tsx scripts/heat-hunt27-gen.ts COUNT SEED > cases.json
 */

export {};

let seed = Number(process.argv[3] ?? 27) >>> 0 || 27;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
// a few draws first: a small seed's first numbers are small
for (let i = 0; i < 8; i++) rnd();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;
const some = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

const VERSIONS = ['2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby', '2015-10-15', '2016-04-08'];

// ---- parameters (each with a default)

const PARAMS = {
  p_size: ['number', ['10', '1', "'5'", '0', '2.5', "'x'", '-1', "' 3 '", '30', '1e1']],
  p_idx: ['number', ['0', '1', '-1', "'0'", '2']],
  p_bus: ['string', ['virtio', 'scsi', 'VIRTIO', "''", 'usb', '5', 'ide']],
  p_dev: ['string', ['vdb', '/dev/vdc', "''", 'sdb', 'xvdd', 'vd-b']],
  p_vols: ['comma_delimited_list', ["'a,b'", "'v1'", "''", '[x, y, z]', '[1, 2]', "'a, b'", "',a'", '[]']],
  p_json: ['json', ['{size: 3, bus: scsi, del: true, idx: 1, ids: [a, b], entry: {volume_id: vj, boot_index: 1}}', "'{\"size\": 4, \"ids\": [\"q\"]}'", '{}', '[{volume_id: a}, {volume_id: b}]', '{entry: {image: cirros, volume_size: 2, boot_index: 0}}', '{size: [1]}', "'[]'", '{bdms: [{volume_id: z, boot_index: 1}]}']],
  p_flag: ['boolean', ['true', 'false', "'yes'", "'0'", 'on', "'t'", '1']],
  p_img: ['string', ['cirros', "''", 'ubuntu']],
} as const;
type PName = keyof typeof PARAMS;

const CONSTR: Record<string, string[]> = {
  number: ['range: {min: 1, max: 20}', 'range: {min: 0}', 'range: {max: 5}', 'modulo: {step: 2, offset: 0}', 'allowed_values: [1, 5, 10]', "allowed_values: ['10', 2]", 'range: {min: 1.5}', 'range: {min: 3, max: 3}'],
  string: ['allowed_values: [virtio, scsi, ide]', 'length: {min: 3}', 'length: {max: 4}', "allowed_pattern: '[a-z]+'", "allowed_pattern: 'vd[b-z]'", "allowed_pattern: '(/dev/)?vd.'", 'allowed_values: [VIRTIO]', "allowed_pattern: '^$|v.*'"],
  comma_delimited_list: ['length: {min: 1}', 'length: {max: 2}', 'allowed_values: [a, b, v1, x, y, z]', 'length: {min: 2, max: 3}'],
  json: ['length: {min: 1}', 'length: {max: 2}', 'allowed_values: [{}]'],
  boolean: ['allowed_values: [true]', "allowed_values: ['false']", 'allowed_values: [yes, no]'],
};
const GIVEN: Record<string, string[]> = {
  number: ['7', '0', '25', 'x', '2', '1.0', ' 4'],
  string: ['scsi', 'vdz', '', 'sata', 'ABC'],
  comma_delimited_list: ['a,b,c', '', 'x', 'y, z'],
  json: ['{"size": 9}', '[1]', '{"entry": {"volume_id": "g"}}', 'nope', '{"ids": []}'],
  boolean: ['false', 'yes', 'nah', 'True'],
};

interface Params { text: string; given: Record<string, string> }

function parameters(constrained: number): Params {
  const lines: string[] = [];
  const given: Record<string, string> = {};
  for (const [name, [type, defs]] of Object.entries(PARAMS) as Array<[PName, readonly [string, readonly string[]]]>) {
    lines.push(`  ${name}:`, `    type: ${type}`, `    default: ${pick(defs)}`);
    if (chance(constrained)) {
      const cs = some(1 + (chance(0.3) ? 1 : 0), () => pick(CONSTR[type]));
      lines.push('    constraints:', ...cs.map((c) => `      - ${chance(0.15) ? `{${c}, description: 'custom words'}` : c}`));
    }
    if (chance(0.06)) lines.push(`    ${pick(['hidden: true', 'immutable: true', 'label: L', "tags: [t]"])}`);
    if (chance(constrained * 0.25)) given[name] = pick(GIVEN[type]);
  }
  return { text: `parameters:\n${lines.join('\n')}\n`, given };
}

// ---- functions mixed

/** a list of strings made by functions */
function strList(): string {
  return pick([
    '{get_param: p_vols}', "{str_split: [',', 'a,b']}", "{str_split: [',', {get_param: p_img}]}", '{get_param: [p_json, ids]}',
    "{list_concat: [[a], {get_param: p_vols}]}", "{list_concat_unique: [[a, b], [b, c]]}", "{filter: [[a], {get_param: p_vols}]}",
    "{repeat: {for_each: {'%s%': [1, 2]}, template: 'v%s%'}}", '[x, y]', '[]', "{if: [c1, [p, q], [r]]}", "{str_split: ['-', {list_join: ['-', {get_param: p_vols}]}]}",
  ]);
}

/** a string made by functions */
function strFn(): string {
  return pick([
    "{list_join: ['', [vd, {get_param: p_dev}]]}", "{list_join: ['-', " + strList() + ']}', "{str_replace: {template: 'vdX', params: {X: {get_param: [p_json, bus]}}}}",
    "{str_replace: {template: 'vd_N', params: {_N: {get_param: p_idx}}}}", "{str_replace: {template: {get_param: p_dev}, params: {v: x}}}",
    "{str_split: [',', {list_join: [',', " + strList() + ']}, 0]}', "{str_split: [',', 'b,c', {get_param: p_idx}]}",
    '{get_param: [p_vols, 0]}', "{get_param: [p_vols, {get_param: p_idx}]}", '{get_param: [p_json, ids, 1]}', '{if: [c1, {get_param: p_dev}, vdc]}',
    "{digest: [sha256, {get_param: p_img}]}", "{make_url: {scheme: http, host: {get_param: p_img}, port: {get_param: p_idx}}}",
    "{str_replace_strict: {template: 'vdX', params: {X: {get_param: p_dev}}}}", "{str_replace_vstrict: {template: 'vdX', params: {X: {get_param: p_bus}}}}",
    "{map_replace: [{a: 1}, {keys: {a: b}}]}", "{list_join: [{get_param: p_img}, [a, b]]}", "{get_param: [p_json, entry, volume_id]}",
    "{str_replace: {template: 'vol-%i%', params: {'%i%': {list_join: ['', {get_param: p_vols}]}}}}",
  ]);
}

/** an int-like value made by functions */
function intFn(): string {
  return pick([
    '{get_param: p_size}', '{get_param: [p_json, size]}', "{str_split: [',', '1,2', 1]}", "{list_join: ['', ['1', {get_param: p_idx}]]}",
    "{str_replace: {template: 'NN', params: {N: {get_param: p_idx}}}}", '{if: [c1, {get_param: p_size}, 1]}', '{get_param: p_idx}',
    '{get_param: [p_json, idx]}', "{if: [{equals: [{get_param: p_flag}, true]}, 2, 3]}", '{get_attr: [vol, size]}', "{yaql: {expression: '1 + 1'}}",
    "{map_merge: [{a: 1}]}", '{contains: [a, {get_param: p_vols}]}', "{str_replace: {template: 'S', params: {S: {get_param: [p_json, size]}}}}",
  ]);
}

function boolFn(): string {
  return pick(['{get_param: p_flag}', '{get_param: [p_json, del]}', '{equals: [{get_param: p_bus}, scsi]}', '{not: c1}', '{if: [c1, true, no]}', "{contains: [b, {get_param: p_vols}]}", "{list_join: ['', [tr, ue]]}", "{str_replace: {template: 'oX', params: {X: n}}}"]);
}

/** an entry of block_device_mapping_v2 made or changed by functions */
function entryFn(): string {
  return pick([
    '{map_merge: [{volume_id: v1}, {get_param: [p_json, entry]}]}', '{get_param: [p_json, entry]}', "{map_merge: [{volume_id: v2, boot_index: 1}, {if: [c1, {volume_size: 2}, {}]}]}",
    "{map_replace: [{volume_id: x, boot_index: 1}, {keys: {volume_id: snapshot_id}}]}", "{map_replace: [{volume_id: x, boot_index: 1}, {values: {x: y, 1: 2}}]}",
    "{map_replace: [{image: cirros, volume_size: 1}, {keys: {image: volume_id}, values: {cirros: vol-c}}]}", "{map_merge: [{image: cirros}, {boot_index: {get_param: p_idx}, volume_size: {get_param: p_size}}]}",
    "{if: [c1, {volume_id: a}, {snapshot_id: s}]}", "{if: [c1, {volume_id: a}]}", '{map_merge: [{get_param: p_json}, {volume_id: q}]}',
    "{map_replace: [{volume_id: x}, {keys: {volume_id: volume_id}, values: {x: {get_param: p_dev}}}]}", "{map_merge: [{volume_id: a}, null]}",
    "{map_replace: [{volume_id: x, device_name: y}, {keys: {volume_id: device_name}}]}", "{map_merge: [{volume_id: a, delete_on_termination: {get_param: p_flag}}, {delete_on_termination: {get_param: [p_json, del]}}]}",
    "{yaql: {expression: '$.data', data: {volume_id: yq}}}",
  ]);
}

/** a whole list of block_device_mapping_v2 made by functions */
function listFn(): string {
  const tmpl = pick(["{volume_id: '%v%'}", "{volume_id: '%v%', boot_index: -1}", "{volume_id: 'vol-%v%', device_name: 'vd%v%'}", "{snapshot_id: '%v%', volume_size: 1}", "{image: '%v%', volume_size: '%v%'}", "'%v%'", "{volume_id: '%v%', boot_index: {get_param: p_idx}}", "{volume_id: '%v%', disk_bus: {get_param: p_bus}}"]);
  const rep = `{repeat: {for_each: {'%v%': ${strList()}}, template: ${tmpl}${chance(0.15) ? `, permutations: ${pick(['false', 'true'])}` : ''}}}`;
  return pick([
    rep, `{list_concat: [[${entryFn()}], ${rep}]}`, `{list_concat: [${rep}, {get_param: [p_json, bdms]}]}`, `{filter: [[null], [${entryFn()}, null]]}`,
    `{filter: [[{volume_id: a}], [{volume_id: a}, {volume_id: b}]]}`, `{list_concat_unique: [[{volume_id: a}], [{volume_id: a}, {volume_id: b}]]}`,
    '{get_param: p_json}', '{get_param: [p_json, bdms]}', `{if: [c1, [${entryFn()}], []]}`, `{if: [c1, ${rep}]}`,
    `[${entryFn()}, ${entryFn()}]`, `{repeat: {for_each: {'%a%': [x, y], '%b%': [1, 2]}, template: {volume_id: '%a%-%b%'}${chance(0.5) ? ', permutations: false' : ''}}}`,
    `{list_concat: [[{image: cirros, boot_index: 0, volume_size: 1}], ${rep}]}`,
  ]);
}

// ---- conditions

const CONDS_ALL = ['c1', 'c2', 'c3'];

function condExpr(depth: number, names: string[]): string {
  if (depth > 2 || chance(0.3)) return pick([...names, 'true', 'false', "{equals: [{get_param: p_bus}, scsi]}", '{equals: [{get_param: p_idx}, 0]}', '{equals: [{get_param: p_vols}, [a, b]]}', "{contains: [a, {get_param: p_vols}]}", '{equals: [{get_param: [p_json, size]}, 3]}', '{equals: [{get_param: p_flag}, true]}', '{equals: [{get_param: p_size}, 10]}', '{equals: [{get_param: OS::stack_name}, s]}']);
  const op = pick(['and', 'or', 'not', 'not', 'and', 'equals', 'contains', 'if']);
  if (op === 'not') return `{not: ${condExpr(depth + 1, names)}}`;
  if (op === 'equals') return `{equals: [${pick(['{get_param: p_bus}', '{get_param: [p_vols, 0]}', '1', "{list_join: ['', [a, b]]}", '{get_param: p_flag}'])}, ${pick(['ab', 'a', '1', "'true'", 'true', 'virtio', 'null'])}]}`;
  if (op === 'contains') return `{contains: [${pick(['a', '{get_param: p_bus}', '1'])}, ${pick(['{get_param: p_vols}', '[a, 1]', "{str_split: [',', 'a,b']}", 'a', '{get_param: p_json}'])}]}`;
  if (op === 'if') return `{if: [${condExpr(depth + 1, names)}, true, false]}`;
  const n = chance(0.12) ? pick([0, 1, 11]) : 2 + Math.floor(rnd() * 2);
  if (chance(0.05)) return `{${op}: ${pick(['x', 'true', '{a: b}', 'c1'])}}`;
  return `{${op}: [${some(n, () => condExpr(depth + 1, names)).join(', ')}]}`;
}

function conditionsSection(): string {
  if (chance(0.06)) return `conditions: ${pick(['[c1]', 'x', '{}', 'null'])}\n`;
  const lines = ['conditions:'];
  const defined: string[] = [];
  for (const c of CONDS_ALL) {
    if (c !== 'c1' && !chance(0.6)) continue;
    // a condition may name the ones defined before it (or after: Heat resolves them by name)
    lines.push(`  ${c}: ${condExpr(0, chance(0.2) ? CONDS_ALL.filter((x) => x !== c) : defined)}`);
    defined.push(c);
  }
  if (chance(0.05)) lines.push(`  ${pick(['c9: {bogus: [1]}', "'5': true", 'c8: {get_param: p_flag}', 'c7: c7'])}`);
  return lines.join('\n') + '\n';
}

// ---- block device forms

const LIT: Record<string, string[]> = {
  volume_size: ['1', "'2'", "' 3'", "'1.0'", '1.0', '2.5', 'true', "'x'", '0', '-1', 'null', '[1]', '{}', "''", "'0x10'", "'1_0'", "'+4'", '1e0'],
  boot_index: ['0', "'0'", '-1', "' -1'", 'true', 'false', '1.0', "'1.0'", "'x'", 'null', '[0]', '1', "'+1'", "''", "'01'"],
  delete_on_termination: ['true', 'false', "'yes'", "'on'", '1', '0', "'t'", "'1'", "'y'", "'off'", 'null', "'maybe'", '2', '[true]', "''", "'TRUE'", "'No'", '1.0'],
  device_name: ['vdb', "''", '/dev/vdc', 'sda', 'vda', '5', 'null', '[vdb]', 'true', "' vdb'", 'hda', '/dev/', "'vdb '", 'xvdb'],
  disk_bus: ['virtio', 'scsi', 'sata', 'ide', 'usb', 'lame_bus', "''", 'null', 'VIRTIO', 'xen', 'uml', 'lxc', 'fdc', '5'],
  device_type: ['disk', 'cdrom', 'floppy', 'lun', "''", 'null', 'Disk', '5'],
  ephemeral_format: ['ext4', 'xfs', 'vfat', 'ntfs', "''", 'null', 'swap', 'ext3', '5'],
  swap_size: ['512', '0', "'256'", '-1', 'null', '1.5', '2048', "'x'", 'true'],
  ephemeral_size: ['1', '0', "'2'", '-1', 'null', '11', '1.5', 'true', "'1.0'"],
  image: ['cirros', "''", 'null', '6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', '5', '[cirros]'],
  image_id: ['cirros', "''", 'null'],
  volume_id: ['vol-data', "''", 'null', '6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', '7', '{a: b}', '{get_resource: vol}'],
  snapshot_id: ['snap-1', "''", 'null', '8', '{get_resource: vol}'],
};
const FN_OF: Record<string, () => string> = {
  volume_size: intFn, boot_index: intFn, swap_size: intFn, ephemeral_size: intFn, delete_on_termination: boolFn,
  device_name: strFn, disk_bus: strFn, device_type: strFn, ephemeral_format: strFn, image: strFn, image_id: strFn, volume_id: strFn, snapshot_id: strFn,
};
const val = (k: string, pf: number) => (chance(pf) ? FN_OF[k]() : pick(LIT[k]));

function v2Entry(pf: number, root: boolean): string {
  if (chance(0.04)) return pick(['null', "''", 'x', '[]', '[volume_id, a]', '5', '{}']);
  if (chance(pf * 0.25)) return entryFn();
  const kv: string[] = [];
  const src = root ? pick(['image', 'volume_id', 'snapshot_id', 'image_id']) : pick(['image', 'volume_id', 'snapshot_id', 'swap_size', 'ephemeral_size', 'volume_id', 'none', 'image_id', 'volume_id+snapshot_id', 'image+volume_id']);
  for (const s of src.split('+')) if (s !== 'none') kv.push(`${s}: ${val(s, pf)}`);
  if (root) kv.push(`boot_index: ${chance(0.7) ? pick(['0', "'0'"]) : val('boot_index', pf)}`);
  for (const k of ['boot_index', 'volume_size', 'delete_on_termination', 'device_name', 'disk_bus', 'device_type', 'ephemeral_format', 'swap_size']) {
    if (root && k === 'boot_index') continue;
    if (kv.some((x) => x.startsWith(`${k}:`))) continue;
    if (chance(k === 'boot_index' || k === 'volume_size' ? 0.4 : 0.12)) kv.push(`${k}: ${val(k, pf)}`);
  }
  if (chance(0.06)) kv.push(pick(['source_type: image', 'destination_type: volume', 'uuid: abc', 'volume_type: fast', 'tag: t1', 'no_device: true', 'guest_format: ext4', 'Volume_id: x']));
  return `{${kv.join(', ')}}`;
}

function v1Entry(pf: number): string {
  if (chance(0.04)) return pick(['null', "''", '[]', '{}']);
  const kv: string[] = [];
  if (chance(0.88)) kv.push(`device_name: ${chance(0.7) ? pick(['vda', 'vdb', 'vdc']) : val('device_name', pf)}`);
  const s = pick(['volume_id', 'snapshot_id', 'volume_id', 'none', 'both']);
  if (s === 'volume_id' || s === 'both') kv.push(`volume_id: ${val('volume_id', pf)}`);
  if (s === 'snapshot_id' || s === 'both') kv.push(`snapshot_id: ${val('snapshot_id', pf)}`);
  if (chance(0.4)) kv.push(`volume_size: ${val('volume_size', pf)}`);
  if (chance(0.4)) kv.push(`delete_on_termination: ${val('delete_on_termination', pf)}`);
  if (chance(0.06)) kv.push(pick(['boot_index: 0', 'image: cirros', 'disk_bus: virtio', 'device_type: disk']));
  return `{${kv.join(', ')}}`;
}

// ---- the server and the rest of the stack

function serverProps(theme: string, pf: number): string[] {
  const p: string[] = [];
  if (theme !== 'resource' || chance(0.9)) p.push(`flavor: ${chance(0.9) ? 'm1.small' : pick(['{get_param: p_img}', '{if: [c1, m1.small, m1.large]}', "''", 'null'])}`);
  const style = theme === 'mix' ? pick(['fnlist', 'fnlist', 'v2', 'v2root', 'v1']) : pick(['v2', 'v2', 'v2root', 'v2root', 'v1', 'v1', 'both', 'image+v2root', 'empty', 'odd', 'fnlist']);
  const image = style === 'v2' || style === 'image+v2root' || (style !== 'v1' && chance(0.25)) || (style === 'v1' && chance(0.35));
  if (image) p.push(`image: ${chance(0.85) ? pick(['cirros', 'cirros', '{get_param: p_img}']) : pick(["''", 'null', strFn()])}`);
  if (style === 'fnlist') p.push(`block_device_mapping_v2: ${listFn()}`);
  if (style === 'empty') p.push(pick(['block_device_mapping_v2: []', 'block_device_mapping: []', 'block_device_mapping_v2: null', 'block_device_mapping: null']));
  if (style === 'odd') p.push(`${pick(['block_device_mapping_v2', 'block_device_mapping'])}: ${pick(['{}', "''", 'x', '5', '[[]]', '{volume_id: a}', '[null]', "{get_param: p_vols}", "{get_param: p_img}", '{if: [c1, [], null]}', "{str_split: [',', 'a']}", '[{get_param: p_img}]'])}`);
  if (style.startsWith('v2') || style === 'both' || style === 'image+v2root') {
    const root = style !== 'v2';
    const n = (root ? 0 : 1) + Math.floor(rnd() * 3);
    p.push(`block_device_mapping_v2: [${[...(root ? [v2Entry(pf, true)] : []), ...some(n, () => v2Entry(pf, false))].join(', ')}]`);
  }
  if (style === 'v1' || style === 'both') p.push(`block_device_mapping: [${some(1 + Math.floor(rnd() * 2), () => v1Entry(pf)).join(', ')}]`);
  p.push(pick(['networks: [{network: private}]', 'networks: [{network: private}]', '', 'networks: []']));
  if (chance(0.12)) p.push(pick([`name: ${strFn()}`, `metadata: {k: ${strFn()}}`, `metadata: {get_param: p_json}`, `metadata: ${entryFn()}`, `key_name: ${strFn()}`, 'config_drive: {get_param: p_flag}', `user_data: ${strFn()}`, `availability_zone: {get_param: p_img}`]));
  return p.filter(Boolean);
}

function resourceErrors(): string[] {
  return [pick([
    'properties: [flavor, m1.small]', "properties: ''", 'properties: null', 'properties: x',
    'depends_on: nope', 'depends_on: [vol, nope]', 'depends_on: srv', 'depends_on: 5', 'depends_on: {a: b}', 'depends_on: [vol, vol]', 'depends_on: []', 'depends_on: [[vol]]',
    'deletion_policy: Bogus', 'deletion_policy: snapshot', 'deletion_policy: Retain', 'deletion_policy: {get_param: p_img}', 'deletion_policy: [Delete]', 'deletion_policy: null',
    'update_policy: x', 'update_policy: {}', 'update_policy: {a: 1}', 'metadata: [x]', 'metadata: x', 'metadata: {get_param: p_json}', 'metadata: {get_param: p_vols}',
    'description: 5', 'description: [d]', 'condition: [c1]', 'condition: {get_param: p_flag}', 'condition: nope', 'condition: 5', 'external_id: x', 'Properties: {}', 'propertiez: {}',
    'type: [OS::Nova::Server]', 'condition: {equals: [1, 1]}', 'condition: {not: c1}', "condition: 'true'", 'condition: null',
  ])];
}

/** another resource with its own errors now and then */
function otherResources(theme: string): string {
  const out: string[] = [];
  const volSize = theme === 'resource' && chance(0.3) ? pick(['0', "'x'", '-1', '{get_param: p_idx}', 'null', '[1]', '{get_resource: srv}']) : pick(['1', '{get_param: p_size}', '10']);
  out.push(`  vol:\n    type: OS::Cinder::Volume\n${chance(0.25) ? `    condition: ${pick(['c1', 'c2', '{not: c1}', 'false'])}\n` : ''}    properties: {size: ${volSize}}`);
  if (theme === 'resource' && chance(0.4)) out.push(pick([
    '  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: srv}, volume_id: {get_resource: vol}, mountpoint: {get_param: p_dev}}',
    '  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: srv}, volume_id: {get_resource: nope}}',
    '  none:\n    type: OS::Heat::None\n    properties: {x: {get_attr: [srv, first_address]}}',
    '  val:\n    type: OS::Heat::Value\n    properties: {value: {get_param: p_size}, type: number}',
    '  grp:\n    type: OS::Nova::ServerGroup\n    properties: {policies: [anti-affinity]}',
    '  bogus:\n    type: OS::Bogus::Thing',
    '  loop:\n    type: OS::Heat::None\n    depends_on: srv\n    properties: {a: {get_resource: srv}}',
    '  port:\n    type: OS::Neutron::Port\n    properties: {network: private, fixed_ips: [{ip_address: {get_param: p_img}}]}',
  ]));
  return out.join('\n') + '\n';
}

function outputs(): string {
  if (!chance(0.15)) return '';
  return `outputs:\n  o1:\n    value: ${pick(['{get_attr: [srv, networks]}', '{get_resource: srv}', '{get_param: p_size}', "{get_attr: [vol, size]}", '{if: [c1, a, b]}', '{get_resource: nope}'])}\n${chance(0.3) ? `    condition: ${pick(['c1', 'nope', 'true'])}\n` : ''}`;
}

interface Case { id: string; template: string; params?: Record<string, string>; microversion?: string }

function hunt(i: number): Case {
  const theme = pick(['mix', 'mix', 'params', 'conds', 'forms', 'forms', 'resource']);
  const version = theme === 'conds' ? pick(VERSIONS.slice(0, 12)) : pick(VERSIONS);
  const pf = theme === 'mix' ? 0.6 : theme === 'params' ? 0.5 : theme === 'forms' ? 0.1 : 0.25;
  const ps = parameters(theme === 'params' ? 0.6 : 0.04);
  // (2015-10-15 and 2016-04-08 have no conditions: a few such templates show Heat's refusal)
  const early = version < '2016-10-14' && /^\d/.test(version);
  const conds = early && !chance(0.15) ? '' : theme === 'conds' || chance(0.5) ? conditionsSection() : 'conditions:\n  c1: {equals: [{get_param: p_bus}, virtio]}\n';
  const props = serverProps(theme, pf);
  let srv = '  srv:\n    type: OS::Nova::Server\n';
  if (theme === 'conds' && chance(0.35)) srv += `    condition: ${pick(['c1', 'c2', '{not: c1}', 'true', 'false', "{equals: [{get_param: p_idx}, 0]}", '{and: [c1, true]}'])}\n`;
  const extra = theme === 'resource' ? resourceErrors() : [];
  for (const e of extra) if (!e.startsWith('properties') && !e.startsWith('Properties') && !e.startsWith('type')) srv += `    ${e}\n`;
  if (extra[0]?.startsWith('type')) srv = `  srv:\n    ${extra[0]}\n`;
  srv += extra[0]?.startsWith('properties') ? `    ${extra[0]}\n` : `    properties:\n${props.map((l) => `      ${l}`).join('\n')}\n`;
  const resources = chance(0.5) ? srv + otherResources(theme) : otherResources(theme) + srv;
  const template = `heat_template_version: ${version}\n${ps.text}${conds}resources:\n${resources}${outputs()}`;
  const mv = pick(['2.92', '2.92', '2.92', '2.60', '2.42', '2.32', '2.1']);
  return { id: `h27-${theme}-${i}`, template, ...(Object.keys(ps.given).length ? { params: ps.given } : {}), ...(mv === '2.92' ? {} : { microversion: mv }) };
}

const count = Number(process.argv[2] ?? 200);
process.stdout.write(JSON.stringify(Array.from({ length: count }, (_, i) => hunt(i)), null, 1) + '\n');
