/**
 * Hunt 34: HOT templates of shapes hunts 22-28 wrote seldom, for the differential test against
 * Heat 19.0.0's own code (labelled and compared by scripts/heat-hunt28-difftest.ts with
 * `--gen=heat-hunt34-gen.ts`):
 * - `bytes`: `!!binary` values in the parameters section (Heat keeps them as bytes there): the
 *   default of each parameter type, under each kind of constraint (length, range, modulo,
 *   allowed_values holding bytes or their str(), allowed_pattern, the form constraints), as a
 *   constraint's bound, description, a list or map item of a default, read by get_param in block
 *   device fields, the metadata, the name and a condition;
 * - `tags`: the other tags PyYAML's safe loader reads (!!timestamp, !!set, !!omap, !!pairs, !!float,
 *   !!int, !!bool, !!null, !!str) and ones it refuses (!!python/..., a local tag) as parameter
 *   defaults of each type and as property values;
 * - `stopit`: yaql's first(), last(), single() and dict() running out of items (and sum(), max(),
 *   min() of nothing) at the top of a property, inside lists and maps, and directly or in a list
 *   among the arguments of each function (str_replace, list_join, str_split, map_merge, repeat,
 *   list_concat, filter, contains, equals, if, digest, make_url, map_replace, yaql, get_param);
 * - `fnempty`: functions given empty or odd arguments (an empty list or map, an index past the
 *   end, an empty delimiter, for_each without lists) in block device fields.
 * Every parameter has a default (the heat-oracle's stand-ins for one without leave a condition
 * undecided).
 * Usage: node --import tsx scripts/heat-hunt34-gen.ts COUNT SEED > cases.json
 */

export {};

let seed = Number(process.argv[3] ?? 34) >>> 0 || 34;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
for (let i = 0; i < 8; i++) rnd();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

const MODERN = ['2016-10-14', '2017-02-24', '2018-03-02', '2018-08-31', '2021-04-16', 'queens', 'wallaby'];
const NET = 'networks: [{network: private}]';
const server = (props: string[], extra = '') => `  srv:\n    type: OS::Nova::Server\n${extra}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;

/** base64 of a text's bytes (Latin-1 code points), as a `!!binary` scalar */
const b64 = (s: string) => {
  const bytes = Array.from(s, (c) => c.charCodeAt(0) & 0xff);
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    out += A[a >> 2] + A[((a & 3) << 4) | ((b ?? 0) >> 4)] + (b === undefined ? '=' : A[((b & 15) << 2) | ((c ?? 0) >> 6)]) + (c === undefined ? '=' : A[c & 63]);
  }
  return out;
};
const BYTE_TEXTS = ['hello', '12', ' 7 ', '1.5', '1e3', '1_000', 'inf', 'nan', '', 'true', 'on', 'no', '0', 'a,b', 'vdb', "it's", 'say "x"', '\\', '\t\n', '\xc0\xff', '{"a": 1}', '[1, 2]', '10.0.0.1', 'aa:bb:cc:dd:ee:ff', 'example.com', '-3'];
const binary = () => {
  const t = b64(pick(BYTE_TEXTS));
  return t ? `!!binary ${chance(0.3) ? `"${t}"` : t}` : '!!binary ""';
};

// ---- bytes

const TYPES = ['string', 'number', 'json', 'comma_delimited_list', 'boolean'];

function constraintFor(type: string): string {
  const b = () => binary();
  const opts: Record<string, string[]> = {
    string: ['length: {min: 1, max: 3}', 'length: {min: 2, max: 20}', `length: {min: ${b()}}`, "allowed_values: [hello, \"b'hello'\", \"b'12'\"]", `allowed_values: [${b()}, x]`,
      "allowed_pattern: '[a-z]*'", 'custom_constraint: ip_addr', 'custom_constraint: mac_addr', 'custom_constraint: dns_name', 'custom_constraint: nova.flavor', `allowed_values: ${b()}`],
    number: ['range: {min: 1, max: 20}', `range: {min: ${b()}, max: 100}`, 'range: {max: 5}', 'modulo: {step: 2, offset: 0}', `modulo: {step: ${b()}, offset: 0}`, 'allowed_values: [12, 7, 1.5]', `allowed_values: [${b()}]`, 'allowed_values: [13]'],
    json: ['length: {max: 3}', 'length: {min: 1}', `length: {max: ${b()}}`],
    comma_delimited_list: ['length: {max: 3}', 'allowed_values: [a, b]', `allowed_values: [${b()}]`, 'custom_constraint: nova.flavor'],
    boolean: ['allowed_values: [true]', `allowed_values: [${b()}]`, 'allowed_values: [on, off]'],
  };
  return pick(opts[type]);
}

function bytesDefault(type: string): string {
  return pick([
    binary(), binary(), binary(),
    `[${binary()}, x]`, `{a: ${binary()}}`, `[1, [${binary()}]]`,
    type === 'comma_delimited_list' ? `[${binary()}]` : binary(),
  ]);
}

function bytesTheme(): string {
  const v = pick(MODERN);
  const n = pick([1, 1, 2, 3]);
  const params: string[] = [];
  const names: Array<[string, string]> = [];
  for (let i = 0; i < n; i++) {
    const type = pick(TYPES);
    const name = `q${i}`;
    names.push([name, type]);
    let p = `  ${name}:\n    type: ${type}\n    default: ${chance(0.8) ? bytesDefault(type) : pick(['x', '3', "'a,b'", '{}', 'true'])}\n`;
    if (chance(0.2)) p += `    description: ${pick([binary(), 'plain'])}\n`;
    if (chance(0.1)) p += `    label: ${binary()}\n`;
    if (chance(0.1) && v >= '2018-03-02') p += `    tags: ${pick([binary(), `[${binary()}]`])}\n`;
    if (chance(0.1)) p += `    hidden: ${binary()}\n`;
    if (chance(0.6)) {
      p += '    constraints:\n';
      const k = pick([1, 1, 2]);
      for (let j = 0; j < k; j++) p += `      - ${constraintFor(type)}${chance(0.15) ? `\n        description: ${pick([binary(), 'no good'])}` : ''}\n`;
    }
    params.push(p);
  }
  const [pn, pt] = pick(names);
  const get = pt === 'comma_delimited_list' && chance(0.5) ? `{get_param: [${pn}, 0]}` : pt === 'json' && chance(0.5) ? `{get_param: [${pn}, a]}` : `{get_param: ${pn}}`;
  const use = pick([
    `metadata: {k: ${get}}`, `name: ${get}`, `block_device_mapping_v2: [{volume_id: ${get}, boot_index: 1}]`,
    `block_device_mapping_v2: [{volume_id: v1, volume_size: ${get}}]`, `block_device_mapping_v2: [{volume_id: v1, delete_on_termination: ${get}}]`,
    `metadata: {k: {str_replace: {template: X-Y, params: {X: ${get}}}}}`, `metadata: {k: {list_join: [',', [${get}, b]]}}`,
    `metadata: {k: {yaql: {expression: 'str($.data)', data: ${get}}}}`, `block_device_mapping_v2: [{volume_id: v1, boot_index: ${get}}]`,
  ]);
  const props = ['flavor: m1.small', 'image: cirros', NET, use];
  let conds = '';
  let extra = '';
  if (chance(0.2)) {
    conds = `conditions:\n  c1: {equals: [${get}, ${pick(["\"b'hello'\"", '12', 'hello', 'true'])}]}\n`;
    extra = '    condition: c1\n';
  }
  return `heat_template_version: ${v}\nparameters:\n${params.join('')}${conds}resources:\n${server(props, extra)}`;
}

// ---- other tags

function tagsTheme(): string {
  const v = pick(MODERN);
  const type = pick(TYPES);
  const tagged = pick([
    '!!timestamp 2020-01-02', '!!timestamp 2020-01-02T03:04:05Z', '!!timestamp 2020-01-02 03:04:05.5 +01:00', '2020-01-02', '!!set {a, b}', '!!set {}', '!!omap [{a: 1}, {b: 2}]',
    '!!pairs [{a: 1}, {a: 2}]', '!!omap []', '!!float 3', '!!float "1_0"', '!!int "0x1F"', '!!int "012"', '!!int "1:30"', '!!bool yes', '!!bool "off"', '!!null ""', '!!str 12',
    '!!str true', '!!python/bytes aGk=', '!!python/tuple [a]', '!local x', '!!seq [a]', '!!map {a: b}', "!!binary 'aGk='", '!<tag:yaml.org,2002:str> 5',
  ]);
  const where = pick(['default', 'default', 'default', 'allowed', 'prop', 'propItem']);
  const cons = where === 'allowed' ? `    constraints:\n      - allowed_values: [${tagged}]\n` : '';
  const def = where === 'default' ? tagged : pick(['x', '5', "'a,b'", '{a: 1}', 'true']);
  const get = type === 'comma_delimited_list' && chance(0.4) ? '{get_param: [p, 0]}' : '{get_param: p}';
  const use = where === 'prop' ? pick([`metadata: ${tagged}`, `name: ${tagged}`, `block_device_mapping_v2: ${tagged}`, `block_device_mapping_v2: [{volume_id: v1, volume_size: ${tagged}}]`])
    : where === 'propItem' ? pick([`metadata: {k: ${tagged}}`, `block_device_mapping_v2: [{volume_id: ${tagged}, boot_index: 1}]`, `block_device_mapping_v2: [{volume_id: v1, boot_index: ${tagged}}]`])
      : pick([`metadata: {k: ${get}}`, `name: ${get}`, `block_device_mapping_v2: [{volume_id: v1, volume_size: ${get}}]`]);
  return `heat_template_version: ${v}\nparameters:\n  p:\n    type: ${type}\n    default: ${def}\n${cons}resources:\n${server(['flavor: m1.small', 'image: cirros', NET, use])}`;
}

// ---- StopIteration (and other failures) inside function arguments

const RUNOUT = [
  ['$.data.first()', '[]'], ['$.data.last()', '[]'], ['$.data.single()', '[]'], ['$.data.single()', '[1, 2]'], ['$.data.single()', '[1]'], ['dict($.data)', '[[1]]'],
  ['$.data.first(7)', '[]'], ['$.data.where($ > 5).first()', '[1, 2]'], ['$.data.sum()', '[]'], ['$.data.max()', '[]'], ['$.data.min()', '[]'], ['$.data.sum(1)', '[]'],
  ['$.data.first()', '{}'], ['$.data.keys().first()', '{}'], ['$.data.select($.first())', '[[]]'], ['let(x => $.data.first()) -> $x', '[]'], ['[$.data.first()]', '[]'],
  ['$.data.first()', '[[]]'], ['$.data.first()', '[{}]'],
];

function runout(): string {
  const [e, d] = pick(RUNOUT);
  return `{yaql: {expression: '${e}', data: ${d}}}`;
}

function stopitTheme(): string {
  const v = pick(['2016-10-14', '2017-02-24', '2018-08-31', '2021-04-16', 'wallaby', '2015-10-15']);
  const y = runout();
  const wrapped = pick([
    y, `[${y}]`, `{k: ${y}}`,
    `{str_replace: {template: ${y}, params: {x: y}}}`, `{str_replace: {template: x, params: ${y}}}`, `{str_replace: {template: x, params: {x: ${y}}}}`,
    `{list_join: [${y}, [a]]}`, `{list_join: [',', ${y}]}`, `{list_join: [',', [${y}]]}`, `{list_join: [',', [a], ${y}]}`,
    `{str_split: [',', ${y}]}`, `{str_split: [${y}, 'a,b', 0]}`, `{map_merge: [${y}]}`, `{map_merge: ${y}}`,
    `{repeat: {template: ${y}, for_each: {x: [a]}}}`, `{repeat: {template: x, for_each: ${y}}}`, `{repeat: {template: x, for_each: {x: ${y}}}}`,
    `{list_concat: [${y}]}`, `{list_concat: ${y}}`, `{filter: [${y}, [a]]}`, `{filter: [[a], ${y}]}`, `{contains: [${y}, [a]]}`, `{contains: [a, ${y}]}`,
    `{equals: [${y}, 1]}`, `{if: [true, ${y}, x]}`, `{if: [false, x, ${y}]}`, `{digest: [sha256, ${y}]}`, `{digest: [${y}, x]}`, `{make_url: {host: ${y}}}`, `{make_url: ${y}}`,
    `{map_replace: [${y}, {}]}`, `{map_replace: [{a: b}, {keys: ${y}}]}`, `{yaql: {expression: $.data, data: ${y}}}`, `{yaql: {expression: $.data, data: [${y}]}}`,
    `{yaql: {expression: ${y}, data: 1}}`, `{get_param: [p, ${y}]}`,
  ]);
  const prop = pick([
    `name: ${wrapped}`, `metadata: ${wrapped}`, `metadata: {k: ${wrapped}}`, `user_data: ${wrapped}`, `admin_pass: ${wrapped}`,
    `block_device_mapping_v2: ${wrapped}`, `block_device_mapping_v2: [${wrapped}]`, `block_device_mapping_v2: [{volume_id: ${wrapped}, boot_index: 1}]`,
    `block_device_mapping_v2: [{volume_id: v1, volume_size: ${wrapped}}]`, `scheduler_hints: {k: ${wrapped}}`,
  ]);
  const props = ['flavor: m1.small', 'image: cirros', NET, prop];
  const second = chance(0.15) ? `  srv2:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      ${NET}\n      name: {yaql: {expression: '$.data.first()', data: [a]}}\n` : '';
  return `heat_template_version: ${v}\nparameters:\n  p: {type: json, default: {a: [1]}}\nresources:\n${server(props)}${second}`;
}

// ---- functions given empty or odd arguments

function fnemptyTheme(): string {
  const v = pick(MODERN);
  const fn = pick([
    "{str_split: [',', '', 0]}", "{str_split: ['', 'a,b', 0]}", "{str_split: [',', 'a,b', 5]}", "{str_split: [',', 'a,b', -1]}", "{str_split: [',', 'a,b', '1']}", "{str_split: [',', 'a,b', 1.0]}",
    "{str_split: [',', {get_param: e}]}", "{str_split: [',']}", '{str_split: []}', "{list_join: [',']}", "{list_join: [',', []]}", "{list_join: [',', [], []]}", '{list_join: []}',
    "{list_join: [',', {get_param: e}]}", "{list_join: [',', [{}]]}", '{map_merge: []}', '{map_merge: [{}]}', '{map_merge: [{}, {}]}', '{map_merge: {get_param: e}}',
    '{repeat: {template: x, for_each: {}}}', '{repeat: {template: x, for_each: {x: []}}}', '{repeat: {template: x, for_each: {x: [], y: [a]}}}',
    '{repeat: {template: x, for_each: {x: [], y: [a]}, permutations: false}}', '{repeat: {template: x, for_each: {x: {get_param: e}}}}', '{list_concat: []}', '{list_concat: [[], []]}',
    '{list_concat_unique: [[a], [a]]}', '{filter: [[], []]}', '{filter: [null, [a, null]]}', '{contains: [a, []]}', '{map_replace: [{}, {}]}', '{map_replace: [{a: b}, {keys: {}}]}',
    '{digest: [sha256, ""]}', '{make_url: {}}', "{str_replace: {template: '', params: {}}}", '{str_replace: {template: x, params: {}}}', "{str_replace_strict: {template: x, params: {y: z}}}",
    "{yaql: {expression: '$.data', data: []}}", "{yaql: {expression: '$.data[0]', data: []}}", "{yaql: {expression: '$.data.len()', data: []}}", '{get_param: [e, 0]}', '{get_param: [l, 0]}',
    "{if: [true, [], x]}", "{'Fn::Select': [0, []]}", "{'Fn::Select': [5, [a]]}",
  ]);
  const field = pick(['volume_id', 'volume_size', 'device_name', 'boot_index', 'delete_on_termination']);
  const bdm = pick([`[{${field}: ${fn}${field === 'volume_id' ? '' : ', volume_id: v1'}}]`, fn, `[${fn}]`]);
  const prop = pick([`block_device_mapping_v2: ${bdm}`, `block_device_mapping_v2: ${bdm}`, `metadata: {k: ${fn}}`, `name: ${fn}`]);
  return `heat_template_version: ${v}\nparameters:\n  e: {type: json, default: []}\n  l: {type: comma_delimited_list, default: ''}\nresources:\n${server(['flavor: m1.small', 'image: cirros', NET, prop])}`;
}

interface Case { id: string; template: string; microversion?: string }

const THEMES: Array<[string, () => string]> = [
  ['bytes', bytesTheme], ['bytes', bytesTheme], ['bytes', bytesTheme], ['tags', tagsTheme], ['stopit', stopitTheme], ['stopit', stopitTheme], ['stopit', stopitTheme], ['fnempty', fnemptyTheme],
];

function hunt(i: number): Case {
  const [name, f] = pick(THEMES);
  return { id: `h34-${name}-${i}`, template: f() };
}

const count = Number(process.argv[2] ?? 120);
process.stdout.write(JSON.stringify(Array.from({ length: count }, (_, i) => hunt(i)), null, 1) + '\n');
