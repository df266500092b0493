/**
 * Hunt 35: HOT templates for the differential test against Heat 19.0.0's own code (labelled and
 * compared by scripts/heat-hunt28-difftest.ts with `--gen=heat-hunt35-gen.ts`), on what hunt 34
 * left and on template features earlier generators wrote seldom:
 * - `yaqlagg`: yaql's aggregate() (with and without a seed, of nothing, of maps), and StopIteration
 *   (first(), single(), dict()) raised inside a lambda (select, where, aggregate, sum, any, all,
 *   orderBy, groupBy, dict, let);
 * - `allowset`: `!!set` (and other odd values) inside a parameter's allowed_values, for each type;
 * - `argorder`: functions given two bad arguments at once (which one Heat names);
 * - `strrep`: str_replace, str_replace_strict and str_replace_vstrict given missing, empty,
 *   non-text or overlapping params;
 * - `repeat`: repeat with permutations on and off, lists of unequal length, nested templates;
 * - `maps`: map_merge and map_replace (collisions, non-maps, nulls), list_join of non-texts;
 * - `conds`: conditions made of and/or/not/equals/contains (nested, of odd arguments) and `if`;
 * - `getparam`: get_param into json and comma_delimited_list parameters by nested paths and list
 *   indexes (numbers, texts, negative, past the end, into a text);
 * - `filterurl`: filter and make_url of odd values;
 * - `params`: json defaults as texts (with comments, trailing commas), number and boolean
 *   coercion of texts, hidden/immutable flags, parameter_groups;
 * - `version`: each heat_template_version date with a function that version has or lacks.
 * Every parameter has a default (the heat-oracle's stand-ins for one without leave a condition
 * undecided). The random numbers are hunt 34's xorshift (its generator runs on import, so the
 * few lines are not shared).
 * Usage: node --import tsx scripts/heat-hunt35-gen.ts COUNT SEED > cases.json
 */

export {};

let seed = Number(process.argv[3] ?? 35) >>> 0 || 35;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
for (let i = 0; i < 8; i++) rnd();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

const MODERN = ['2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'queens', 'wallaby'];
const NET = 'networks: [{network: private}]';
const server = (props: string[], extra = '') => `  srv:\n    type: OS::Nova::Server\n${extra}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
const BASE = ['flavor: m1.small', 'image: cirros', NET];
const PARAMS = `parameters:
  p_json: {type: json, default: {a: {b: [1, {c: x}], n: null, t: true}, l: [q, r, 7], s: text, '0': zero}}
  p_list: {type: comma_delimited_list, default: 'a,b, c'}
  p_num: {type: number, default: 3}
  p_str: {type: string, default: virtio}
  p_bool: {type: boolean, default: true}
`;
/** where a value goes: metadata, the name, or a block device field */
function place(v: string): string {
  return pick([
    `metadata: {k: ${v}}`, `metadata: {k: ${v}}`, `name: ${v}`, `metadata: ${v}`,
    `block_device_mapping_v2: [{volume_id: ${v}, boot_index: 1}]`, `block_device_mapping_v2: [{volume_id: v1, volume_size: ${v}}]`,
    `block_device_mapping_v2: [{volume_id: v1, device_name: ${v}}]`, `block_device_mapping_v2: ${v}`, `block_device_mapping: [{device_name: vdb, volume_id: ${v}}]`,
  ]);
}
const hot = (v: string, props: string[], more = '') => `heat_template_version: ${v}\n${PARAMS}${more}resources:\n${server([...BASE, ...props])}`;

// ---- yaql aggregate() and StopIteration in lambdas

const AGG = [
  ['$.data.aggregate($1 + $2)', '[1, 2, 3]'], ['$.data.aggregate($1 + $2)', '[]'], ['$.data.aggregate($1 + $2, 10)', '[]'], ['$.data.aggregate($1 + $2, 10)', '[1, 2]'],
  ["$.data.aggregate($1 + ',' + $2)", '[a, b, c]'], ['$.data.aggregate($1 + $2)', '[a]'], ['$.data.aggregate($1 * $2, 1)', '[2, 3, 4]'], ['$.data.aggregate([$1, $2])', '[1, 2, 3]'],
  ['$.data.aggregate($1 + $2, [])', '[[1], [2]]'], ['$.data.aggregate($1 + $2)', '{a: 1, b: 2}'], ['$.data.aggregate(max($1, $2))', '[3, 9, 2]'], ['aggregate($.data, $1 + $2)', '[1, 2]'],
  ['$.data.aggregate($1 + $2, 0, $ * 2)', '[1, 2]'], ['$.data.aggregate($1.set($2, 1), {})', '[a, b]'], ['$.data.aggregate($1 + $2)', '[1, a]'], ['$.data.aggregate($1 - $2)', '[10, 3, 2]'],
  ['$.data.select($.first())', '[[1], []]'], ['$.data.where($.first() > 0)', '[[1], []]'], ['$.data.aggregate($1 + $2.first(), 0)', '[[1], []]'], ['$.data.sum($.first())', '[[]]'],
  ['$.data.any($.first() = 1)', '[[]]'], ['$.data.all($.first() = 1)', '[[1], []]'], ['$.data.orderBy($.first())', '[[2], []]'], ['$.data.groupBy($.first())', '[[1], []]'],
  ['dict($.data.select([$.first(), 1]))', '[[]]'], ['$.data.select($.single())', '[[1, 2]]'], ['$.data.select(dict($))', '[[[1]]]'], ['let(f => $.data.first()) -> $f', '[]'],
  ['$.data.selectMany($.first())', '[[[1]], []]'], ['$.data.select($.keys().first())', '[{}]'], ['$.data.where($ > 1).aggregate($1 + $2)', '[1]'], ['$.data.aggregate($1 + $2).first()', '[[1], [2]]'],
];

function yaqlagg(): string {
  const [e, d] = pick(AGG);
  const y = `{yaql: {expression: '${e}', data: ${d}}}`;
  const w = pick([y, y, `{str_replace: {template: X, params: {X: ${y}}}}`, `{list_join: [',', [${y}]]}`, `[${y}]`, `{if: [true, ${y}, x]}`]);
  return hot(pick(MODERN.slice(2)), [place(w)]);
}

// ---- sets (and other odd values) in allowed_values

function allowset(): string {
  const type = pick(['string', 'string', 'number', 'comma_delimited_list', 'boolean', 'json']);
  const def = pick({ string: ['a', "'1'", 'x'], number: ['1', '2', "'1'"], comma_delimited_list: ["'a,b'", 'a', '[a]'], boolean: ['true', "'a'"], json: ['{a: 1}', '[a]'] }[type]!);
  const av = pick([
    '!!set {a, b}', '!!set {}', '!!set {1, 2}', '[!!set {a}]', '[a, !!set {a}]', '[!!set {1}, 1]', '{a: 1}', '{a: b}', 'a', "'ab'", '[[a]]', '[{a: 1}]', '[null]', '[]', '!!set {a, 1}',
    '[1, 2]', '[1.0, 2]', "['1', '2']", '[true]', '[a, b, c]',
  ]);
  const cdesc = chance(0.2) ? '\n        description: no good' : '';
  const get = type === 'comma_delimited_list' && chance(0.4) ? '{get_param: [q, 0]}' : '{get_param: q}';
  const use = type === 'json' ? `metadata: ${get}` : `metadata: {k: ${get}}`;
  return `heat_template_version: ${pick(MODERN)}\nparameters:\n  q:\n    type: ${type}\n    default: ${def}\n    constraints:\n      - allowed_values: ${av}${cdesc}\nresources:\n${server([...BASE, use])}`;
}

// ---- two bad arguments at once

const BADS = ['[a]', '{a: b}', '1', 'null', 'true', 'x'];
function argorder(): string {
  const b1 = pick(BADS); const b2 = pick(BADS);
  const fn = pick([
    `{str_replace: {template: ${b1}, params: ${b2}}}`, `{str_replace: {template: ${b1}, params: {X: ${b2}}}}`, `{str_replace: [${b1}, ${b2}]}`, `{str_replace: {template: x, parms: {}}}`,
    `{str_replace_strict: {template: ${b1}, params: ${b2}}}`, `{str_replace_vstrict: {template: ${b1}, params: {X: ${b2}}}}`,
    `{list_join: [${b1}, ${b2}]}`, `{list_join: [${b1}, [a], ${b2}]}`, `{list_join: [',', ${b1}, ${b2}]}`,
    `{repeat: {template: ${b1}, for_each: ${b2}}}`, `{repeat: {template: x, for_each: {x: ${b1}}, permutations: ${b2}}}`, `{repeat: {template: ${b1}, for_each: {x: ${b2}}}}`, `{repeat: {for_each: ${b1}}}`,
    `{map_merge: [${b1}, ${b2}]}`, `{map_replace: [${b1}, ${b2}]}`, `{map_replace: [{a: b}, {keys: ${b1}, values: ${b2}}]}`, `{map_replace: [${b1}, {keys: ${b2}}]}`,
    `{digest: [${b1}, ${b2}]}`, `{digest: [md4, ${b2}]}`, `{str_split: [${b1}, ${b2}]}`, `{str_split: [${b1}, ${b2}, ${b1}]}`, `{str_split: [',', 'a,b', ${b1}]}`,
    `{list_concat: [${b1}, ${b2}]}`, `{list_concat_unique: [${b1}, ${b2}]}`, `{contains: [${b1}, ${b2}]}`, `{filter: [${b1}, ${b2}]}`, `{make_url: {scheme: ${b1}, host: ${b2}}}`,
    `{make_url: {host: x, port: ${b1}, path: ${b2}}}`, `{make_url: {host: x, query: ${b1}, fragment: ${b2}}}`, `{if: [${b1}, ${b2}]}`, `{equals: [${b1}]}`,
    `{get_param: [${b1}, ${b2}]}`, `{get_param: [p_json, ${b1}, ${b2}]}`, `{yaql: {expression: ${b1}, data: ${b2}}}`, `{yaql: {expresion: x}}`, `{get_file: ${b1}}`,
    `{get_resource: ${b1}}`, `{get_attr: [${b1}, ${b2}]}`, `{'Fn::Select': [${b1}, ${b2}]}`,
  ]);
  return hot(pick(['2018-08-31', '2021-04-16', 'wallaby', '2017-02-24']), [place(fn)]);
}

// ---- str_replace family

function strrep(): string {
  const fn = pick(['str_replace', 'str_replace', 'str_replace_strict', 'str_replace_vstrict']);
  const tpl = pick(['"X and Y"', 'X', "'aXbXc'", "''", '"$var"', "'XY'", '"%X%"', '{get_param: p_str}', "{list_join: ['', [X, Y]]}"]);
  const val = () => pick(['a', "''", '1', '2.5', 'true', 'null', '[a]', '{a: b}', '{get_param: p_num}', '{get_param: p_bool}', '{get_param: [p_json, a]}', "'X'", 'XY', '{get_param: [p_json, a, n]}']);
  const key = () => pick(['X', 'Y', 'XY', 'Z', "''", '1', 'a', '"$var"', 'irt']);
  const n = pick([0, 1, 1, 2, 2, 3]);
  const ps = Array.from({ length: n }, () => `${key()}: ${val()}`);
  const params = pick([`{${ps.join(', ')}}`, `{${ps.join(', ')}}`, `{${ps.join(', ')}}`, '{get_param: p_json}', '[X, a]']);
  const v = `{${fn}: {template: ${tpl}, params: ${params}}}`;
  return hot(pick(['2016-10-14', '2017-09-01', '2018-03-02', '2021-04-16', 'wallaby']), [place(v)]);
}

// ---- repeat

function repeat(): string {
  const lists = () => pick(['[a, b]', '[1, 2, 3]', '[]', '[x]', '{get_param: p_list}', '{get_param: [p_json, l]}', '[[a], b]', '[a, a]', '[null]', '[{a: 1}]']);
  const n = pick([1, 2, 2, 3]);
  const keys = ['%x%', '%y%', 'z', '%x'].slice(0, n);
  const fe = `{${keys.map((k) => `'${k}': ${lists()}`).join(', ')}}`;
  const tpl = pick(["'%x%-%y%'", "'%x%'", '{k: "%x%", v: "%y%"}', '["%x%", z]', "{volume_id: '%x%', boot_index: 1}", "'%x'", "'z%x%z'", '{"%x%": 1}', '1', 'null']);
  const perm = pick(['', '', ', permutations: false', ', permutations: true', ", permutations: 'false'", ', permutations: no', ', permutations: 1', ', permutations: {get_param: p_bool}']);
  const v = `{repeat: {template: ${tpl}, for_each: ${fe}${perm}}}`;
  const use = pick([`metadata: {k: ${v}}`, `metadata: {k: {list_join: [',', ${v}]}}`, `block_device_mapping_v2: ${v}`, `name: {list_join: ['', ${v}]}`, `metadata: {k: {get_param: [p_json, l, 0]}, r: ${v}}`]);
  return hot(pick(['2016-10-14', '2017-02-24', '2018-03-02', '2021-04-16', 'wallaby']), [use]);
}

// ---- map_merge, map_replace, list_join of non-texts

function maps(): string {
  const m = () => pick(['{a: 1}', '{a: 2, b: 3}', '{}', 'null', '{get_param: p_json}', '{get_param: [p_json, a]}', '{a: null}', '{1: x}', "{'1': y}", '[a]', '{get_param: [p_json, a, n]}']);
  const fn = pick([
    `{map_merge: [${m()}, ${m()}]}`, `{map_merge: [${m()}, ${m()}, ${m()}]}`, `{map_merge: ${m()}}`,
    `{map_replace: [${m()}, {keys: ${m()}}]}`, `{map_replace: [${m()}, {values: ${m()}}]}`, `{map_replace: [${m()}, {keys: ${m()}, values: ${m()}}]}`,
    `{map_replace: [{a: 1, b: 2}, {keys: {a: b}}]}`, `{map_replace: [{a: 1, b: 2}, {keys: {a: c, b: c}}]}`, `{map_replace: [{a: 1, b: 1}, {values: {1: z}}]}`, `{map_replace: [{a: 1}, {keys: {a: b}, values: {1: 2}, extra: {}}]}`,
    `{map_replace: [{a: [1], b: {c: 1}}, {values: {1: 2}}]}`, `{map_replace: [{a: x}, {keys: {a: 1}}]}`, `{map_replace: [{a: x}, {keys: {a: null}}]}`,
    `{list_join: [',', [1, 2.5, true, null]]}`, `{list_join: [',', [{a: 1}, [b]]]}`, `{list_join: [',', [a], [1, 2]]}`, `{list_join: [1, [a, b]]}`, `{list_join: [',', {get_param: p_list}, [x]]}`,
    `{list_join: [',', [{get_param: p_num}, {get_param: p_bool}]]}`, `{list_join: [', ', [{get_param: [p_json, a]}]]}`, `{list_join: ['', [{get_param: [p_json, a, n]}, x]]}`, `{list_join: [',', 'abc']}`,
    `{list_join: [',', [{a: [1, {b: null}]}]]}`, `{list_join: [',', [1e3, 0.1, -0, .5]]}`,
  ]);
  return hot(pick(['2016-10-14', '2017-02-24', '2018-03-02', '2021-04-16', 'wallaby']), [place(fn)]);
}

// ---- conditions

function cond(depth = 0): string {
  const leaf = () => pick([
    'true', 'false', 'c0', '{equals: [{get_param: p_str}, virtio]}', '{equals: [{get_param: p_num}, 3]}', "{equals: [{get_param: p_num}, '3']}", '{equals: [{get_param: p_bool}, true]}',
    "{equals: [{get_param: p_bool}, 'true']}", '{contains: [a, {get_param: p_list}]}', '{contains: [c, {get_param: p_list}]}', '{contains: [q, {get_param: [p_json, l]}]}', '{contains: [7, {get_param: [p_json, l]}]}',
    '{equals: [{get_param: [p_json, a, n]}, null]}', '{equals: [[a], [a]]}', '{equals: [{a: 1}, {a: 1}]}', "{equals: ['1', 1]}", '{equals: [1, 1.0]}', 'yes', "'true'", '1', 'null', '[]',
    '{contains: [a, abc]}', '{contains: [a, {a: 1}]}', '{equals: [a]}', '{equals: a}', '{not: [true, false]}', '{and: [true]}', '{or: []}', '{and: true}', '{get_param: p_bool}', 'c_missing',
  ]);
  if (depth > 1 || chance(0.35)) return leaf();
  const op = pick(['and', 'or', 'not', 'not']);
  if (op === 'not') return `{not: ${cond(depth + 1)}}`;
  return `{${op}: [${cond(depth + 1)}, ${cond(depth + 1)}${chance(0.3) ? `, ${cond(depth + 1)}` : ''}]}`;
}

function conds(): string {
  const v = pick(['2016-10-14', '2017-02-24', '2018-03-02', '2018-08-31', '2021-04-16', 'wallaby']);
  const c = `conditions:\n  c0: ${pick(['true', 'false', '{equals: [{get_param: p_str}, virtio]}'])}\n  c1: ${cond()}\n`;
  const use = pick([
    'metadata: {k: {if: [c1, yes, no]}}', 'metadata: {k: {if: [c1, yes, no]}}', "block_device_mapping_v2: [{volume_id: v1, boot_index: {if: [c1, 0, 1]}}]", 'name: {if: [c1, a, {get_param: p_str}]}',
    `metadata: {k: {if: [${cond()}, yes, no]}}`, 'metadata: {k: {if: [c1, yes]}}', 'metadata: {k: {if: [c1, yes, no, maybe]}}', 'metadata: {k: {if: [c0, {if: [c1, a, b]}, c]}}',
  ]);
  const extra = chance(0.3) ? `    condition: ${pick(['c1', '{not: c1}', 'true', `${cond()}`])}\n` : '';
  return `heat_template_version: ${v}\n${PARAMS}${c}resources:\n${server([...BASE, use], extra)}`;
}

// ---- get_param paths

function getparam(): string {
  const path = pick([
    '[p_json, a, b, 0]', '[p_json, a, b, 1, c]', '[p_json, a, b, "1", c]', '[p_json, a, b, 2]', '[p_json, a, b, -1]', '[p_json, l, 2]', '[p_json, l, "0"]', '[p_json, s, 0]',
    '[p_json, a, n]', '[p_json, a, n, x]', '[p_json, a, t]', '[p_json, 0]', '[p_json, "0"]', '[p_json, missing]', '[p_json, a, b, 1.0]', '[p_json, l, true]', '[p_json, a, b, 0, x]',
    '[p_list, 0]', '[p_list, 2]', '[p_list, 3]', '[p_list, "1"]', '[p_list, -1]', '[p_list, a]', '[p_list, 0, 0]', '[p_str, 0]', '[p_num, 0]', '[p_bool, 0]', '[p_json]', '[p_json, [a]]',
    '[p_json, {a: 1}]', '[p_json, null]', '[p_json, l, {get_param: p_num}]', '[p_json, {get_param: p_str}]', '[p_list, {yaql: {expression: 1}}]', '[]',
  ]);
  const v = `{get_param: ${path}}`;
  return hot(pick(MODERN), [place(v)]);
}

// ---- filter and make_url

function filterurl(): string {
  const fn = pick([
    '{filter: [[a], [a, b, a]]}', '{filter: [[null], [a, null, b]]}', '{filter: [[1], [1, "1", 2]]}', '{filter: [[], {get_param: p_list}]}', '{filter: [[a], {get_param: p_list}]}',
    '{filter: [{get_param: p_list}, [a, z]]}', '{filter: [[{a: 1}], [{a: 1}, {b: 2}]]}', '{filter: [[[a]], [[a], a]]}', '{filter: [a, [a, b]]}', '{filter: [[a], abc]}', '{filter: [[a]]}',
    '{filter: [[a], [a], [b]]}', '{filter: [[true], [true, 1, false]]}',
    '{make_url: {scheme: http, host: example.com}}', '{make_url: {scheme: https, host: "::1", port: 8080, path: /a b}}', '{make_url: {host: h, port: "80"}}', '{make_url: {host: h, port: 70000}}',
    '{make_url: {host: h, port: -1}}', '{make_url: {host: h, port: x}}', '{make_url: {host: h, query: {a: "b c", d: [1]}}}', '{make_url: {host: h, query: {a: null}}}', '{make_url: {host: h, fragment: "x y"}}',
    '{make_url: {host: h, path: "a/b"}}', '{make_url: {host: h, path: "/%"}}', '{make_url: {scheme: "", host: h}}', '{make_url: {host: "[::1]"}}', '{make_url: {host: h, username: u}}',
    '{make_url: {host: h, port: 1.5}}', '{make_url: {host: h, query: [a]}}', '{make_url: {path: p}}', '{make_url: {host: h, port: true}}', '{make_url: {host: "a b", path: "/é"}}',
  ]);
  const use = pick([`metadata: {k: ${fn}}`, `metadata: {k: {list_join: [',', ${fn}]}}`, `name: ${fn}`, `block_device_mapping_v2: [{volume_id: ${fn}, boot_index: 1}]`]);
  return hot(pick(['2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'wallaby', '2017-02-24', '2016-10-14']), [use]);
}

// ---- parameters: json texts, coercion, hidden/immutable, groups

function paramsTheme(): string {
  const kind = pick(['json', 'json', 'num', 'num', 'bool', 'bool', 'flags', 'groups']);
  let p = '';
  let use = 'metadata: {k: {get_param: q}}';
  if (kind === 'json') {
    const d = pick([
      `'{"a": 1}'`, `'{"a": 1, }'`, `'{"a": 1 /* c */}'`, `'{"a": 1} // c'`, `'# c\n{"a": 1}'`, `'[1, 2]'`, `'"text"'`, `'1'`, `''`, `'null'`, `'{a: 1}'`, `"{'a': 1}"`, `'{"a": NaN}'`,
      `'{"a": Infinity}'`, `'{"a": 1e400}'`, `'{"a": "\\u00e9"}'`, `'{"a": 1, "a": 2}'`, `' {"a": 1} '`, `'{"a": [1, 2,]}'`, `'{"a": 01}'`, `'{"a": .5}'`, `'{"a": true}'`, `'{"a": True}'`,
    ]);
    p = `  q:\n    type: json\n    default: ${d}\n`;
    use = pick(['metadata: {get_param: q}', 'metadata: {k: {get_param: q}}', 'metadata: {k: {get_param: [q, a]}}', 'metadata: {k: {list_join: [",", [{get_param: q}]]}}']);
  } else if (kind === 'num') {
    const d = pick(["'1.0'", "'1e2'", "' 3'", "'3 '", "'0x10'", "'1_000'", "'+5'", "'-0'", "'inf'", "'nan'", "'1.'", "'.5'", '1.0', '2.50', '1e2', 'true', "''", "'٣'", "'1e-3'", "'00012'", '!!float 3', "'3.0e0'"]);
    const cons = chance(0.4) ? `    constraints:\n      - ${pick(['range: {min: 0, max: 10}', 'range: {min: 2.5}', 'allowed_values: [1, 3, 100]', "allowed_values: ['1.0', 3]", 'modulo: {step: 2, offset: 1}'])}\n` : '';
    p = `  q:\n    type: number\n    default: ${d}\n${cons}`;
    use = pick(['metadata: {k: {get_param: q}}', 'block_device_mapping_v2: [{volume_id: v1, volume_size: {get_param: q}}]', 'block_device_mapping_v2: [{volume_id: v1, boot_index: {get_param: q}}]', 'name: {get_param: q}', "metadata: {k: {str_replace: {template: 'N', params: {N: {get_param: q}}}}}"]);
  } else if (kind === 'bool') {
    const d = pick(['yes', "'yes'", "'Yes'", "'TRUE'", "'t'", "'1'", '1', '0', "'on'", "'off'", "'y'", "'n'", "'no'", "'false'", "''", "'2'", '2', 'null', "' true'", 'True', 'False']);
    p = `  q:\n    type: boolean\n    default: ${d}\n${chance(0.2) ? '    constraints:\n      - allowed_values: [true]\n' : ''}`;
    use = pick(['metadata: {k: {get_param: q}}', 'block_device_mapping_v2: [{volume_id: v1, delete_on_termination: {get_param: q}}]', 'name: {get_param: q}', "metadata: {k: {if: [{get_param: q}, a, b]}}", "metadata: {k: {yaql: {expression: 'str($.data)', data: {get_param: q}}}}"]);
  } else if (kind === 'flags') {
    p = `  q:\n    type: ${pick(['string', 'number', 'json'])}\n    default: ${pick(['1', 'x', '{a: 1}'])}\n    hidden: ${pick(['true', 'false', 'yes', "'true'", '1', 'x', 'null'])}\n${chance(0.5) ? `    immutable: ${pick(['true', 'false', "'no'", '2', 'x'])}\n` : ''}${chance(0.3) ? `    label: ${pick(['L', '1', '[a]'])}\n` : ''}${chance(0.2) ? `    tags: ${pick(['[a]', 'a', '{a: 1}'])}\n` : ''}`;
  } else {
    p = '  q: {type: string, default: x}\n';
    const g = pick([
      '- {label: g, parameters: [q]}', '- {label: g, parameters: [q, q]}', '- {parameters: [q]}\n  - {parameters: [q]}', '- {label: g}', '- {label: g, parameters: q}', '- {label: g, parameters: [zz]}',
      '- {label: g, parameters: [p_json, q], description: d}', '- {label: g, parameters: []}', '- q', '- {label: g, parameters: [q], extra: 1}', '- {label: [g], parameters: [{q: 1}]}',
    ]);
    const groups = pick([`parameter_groups:\n  ${g}\n`, 'parameter_groups: {a: 1}\n', 'parameter_groups: []\n', 'parameter_groups: x\n', `parameter_groups:\n  ${g}\n`]);
    return `heat_template_version: ${pick(MODERN)}\n${groups}parameters:\n${p}resources:\n${server([...BASE, use])}`;
  }
  return `heat_template_version: ${pick(MODERN)}\nparameters:\n${p}resources:\n${server([...BASE, use])}`;
}

// ---- versions vs functions

function versionTheme(): string {
  const v = pick(['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'rocky', 'wallaby', 'queens']);
  const fn = pick([
    "{str_replace_strict: {template: X, params: {X: a}}}", "{str_replace_vstrict: {template: X, params: {X: a}}}", "{list_join: [',', [a], [b]]}", '{repeat: {template: x, for_each: {x: [a]}}}',
    "{repeat: {template: '%x%', for_each: {'%x%': [a, b]}, permutations: false}}", '{map_merge: [{a: 1}]}', '{map_replace: [{a: 1}, {keys: {a: b}}]}', '{yaql: {expression: 1}}',
    '{equals: [a, a]}', '{if: [true, a, b]}', '{filter: [[a], [a, b]]}', '{make_url: {host: h}}', '{contains: [a, [a]]}', '{list_concat: [[a], [b]]}', '{list_concat_unique: [[a], [a]]}',
    "{str_split: [',', 'a,b', 0]}", "{str_split: [',', 'a,b']}", '{digest: [sha256, x]}', "{'Fn::Select': [0, [a]]}", "{'Fn::Join': [',', [a]]}", "{'Fn::Replace': [{X: a}, X]}",
    "{'Fn::Base64': x}", "{'Fn::MemberListToMap': [K, V, ['.member.0.K=a', '.member.0.V=b']]}", "{'Fn::ResourceFacade': metadata}", '{get_file: x}', '{resource_facade: metadata}',
    '{if: [true, a]}', "{get_param: [p_list, 0]}", '{get_attr: [srv, name]}', '{get_resource: srv}',
  ]);
  const cond = v >= '2016-10-14' && chance(0.2) ? 'conditions:\n  c1: {and: [true]}\n' : '';
  return hot(v, [pick([`metadata: {k: ${fn}}`, `metadata: {k: {list_join: [',', ${fn}]}}`, `name: ${fn}`])], cond);
}

interface Case { id: string; template: string; microversion?: string }

const THEMES: Array<[string, () => string]> = [
  ['yaqlagg', yaqlagg], ['yaqlagg', yaqlagg], ['allowset', allowset], ['argorder', argorder], ['argorder', argorder], ['strrep', strrep], ['repeat', repeat], ['maps', maps],
  ['conds', conds], ['getparam', getparam], ['filterurl', filterurl], ['params', paramsTheme], ['params', paramsTheme], ['version', versionTheme],
];

function hunt(i: number): Case {
  const [name, f] = pick(THEMES);
  return { id: `h35-${name}-${i}`, template: f() };
}

const count = Number(process.argv[2] ?? 120);
process.stdout.write(JSON.stringify(Array.from({ length: count }, (_, i) => hunt(i)), null, 1) + '\n');
