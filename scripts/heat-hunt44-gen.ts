/**
 * Hunt 44: HOT templates as operators write them around a server's block devices, drawn away
 * from hunt 43's shapes: `if` nested two and three levels deep (inline conditions and named
 * ones), conditions of and/or with several members, not of not, equals on numbers and lists,
 * contains on str_split results; block device entries built whole by map_merge/map_replace
 * (renamed keys, replaced values), repeat over a comma_delimited_list or a json list with
 * permutations, nested in list_concat; device names from list_join/str_split/str_replace of
 * indexed comma_delimited_list and json parameters (indexes past the end, as text, negative);
 * parameter constraints of every kind (allowed_values on numbers and lists, range and length,
 * custom_constraint with Heat's constraint names and unknown ones, allowed_pattern), hidden and
 * immutable parameters, parameter groups; stacks given their parameters as an environment
 * would (text for every type); functions each template version has or has not (contains,
 * list_concat, filter, str_replace_vstrict, make_url, if, yaql, map_replace); yaql dicts keyed
 * by numbers, booleans and null.
 *
 * Labelled as hunt 43 labels (scripts/heat-hunt41-gen.ts's label41: Stack.validate, the
 * heat-oracle on each server, each attachment and instance, the nova-oracle on each body Heat
 * sends, Heat's dependency graph) and compared by hunt 42's compare42.
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt44-gen.ts COUNT SEED [--cache=FILE] [--bad=P]
 *     nice -n 10 node --import tsx scripts/heat-hunt44-gen.ts --hand [--cache=FILE]   (the hand-written cases alone)
 *
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { rng } from './xorshift-rng';
import { label41, UNDECIDED, type Hunt41Case } from './heat-hunt41-gen';
import { compare42 } from './heat-hunt42-gen';
import type { HeatCase } from '../test/fixtures/heat/compare';

const VERSIONS = ['2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby'];

/** `bad`: how often a value is one Heat refuses (--bad=P; 0.03 by default) */
export function generate(count: number, seed: number, bad = 0.03): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const g = <T>(good: readonly T[], wrong: readonly T[], p = bad): T => (chance(p) ? pick(wrong) : pick(good));
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = chance(0.6) ? pick(['2018-08-31', '2021-04-16', 'wallaby', 'rocky', 'queens']) : pick(VERSIONS);
    const params: string[] = [];
    const hidden = () => (chance(0.1) ? `    hidden: ${pick(['true', 'false', "'yes'"])}\n` : '') + (chance(0.08) ? `    immutable: ${pick(['true', 'false'])}\n` : '') + (chance(0.1) ? `    label: ${pick(['Size', '"Device names"', '{a: b}'])}\n` : '');
    const sizeC = chance(0.5) ? g(['[{range: {min: 1, max: 10}}]', '[{allowed_values: [1, 2, 3, 5]}]', '[{allowed_values: ["1", "2", "3"]}]', '[{range: {min: 0.5, max: 8.5}}]', '[{range: {max: 100}}, {allowed_values: [1, 2, 4, 8]}]', '[{range: {min: 1, max: 1}}]'], ['[{allowed_values: []}]', '[{range: {min: 10, max: 1}}]', '[{length: {max: 2}}]', '[{custom_constraint: nova.flavor}]', '[{allowed_pattern: "[0-9]"}]'], 0.15) : '';
    params.push(`  size:\n    type: number\n    default: ${g(['1', '2', '3', '4', "'2'", '8', '0.5', '1.0'], ['x', '[1]', '{}'])}\n${sizeC ? `    constraints: ${sizeC}\n` : ''}${hidden()}`);
    const devsC = chance(0.4) ? g(['[{length: {min: 1, max: 4}}]', '[{allowed_values: [vdb, vdc, vdd, vde]}]', '[{length: {min: 2}}]', '[{allowed_pattern: "vd[a-z]"}]', '[{custom_constraint: nova.keypair}]'], ['[{range: {min: 1}}]', '[{length: {min: 5}}]', '[{allowed_values: [sda]}]', '[{custom_constraint: no.such}]'], 0.12) : '';
    params.push(`  devs:\n    type: comma_delimited_list\n    default: ${g(['vdb,vdc', '[vdb, vdc]', '"vdb, vdc, vdd"', 'vdb', '[vdb, vdc, vdd, vde]', "'vdc,vdb'"], ['[[vdb]]', '{a: vdb}', '""'])}\n${devsC ? `    constraints: ${devsC}\n` : ''}${hidden()}`);
    const specDefault = g([
      '{sizes: [1, 2], names: [vdb, vdc], type: ssd, delete: true}',
      '{sizes: [2], names: [vdd], type: hdd, delete: false}',
      "'{\"sizes\": [1, 3], \"names\": [\"vdb\", \"vdc\"], \"type\": \"ssd\", \"delete\": \"yes\"}'",
      '{sizes: [], names: [], type: ssd, delete: true}',
    ], ["'{\"sizes\": [1,'", '[1, 2]', '"null"']);
    const specC = chance(0.12) ? g(['[{length: {min: 1}}]', '[{length: {max: 10}}]'], ['[{allowed_pattern: x}]', '[{range: {min: 1}}]', '[{length: {min: 9}}]'], 0.3) : '';
    params.push(`  spec:\n    type: json\n    default: ${specDefault}\n${specC ? `    constraints: ${specC}\n` : ''}`);
    params.push(`  encrypt:\n    type: boolean\n    default: ${g(['false', 'true', "'on'", "'0'", 'yes', 'False'], ["'sure'", '3', '[true]'])}\n`);
    const tierC = chance(0.6) ? g(['[{allowed_values: [gold, silver, bronze]}]', '[{allowed_values: [gold, silver, bronze], description: "pick a tier"}]', '[{length: {min: 3, max: 6}}]', '[{allowed_pattern: "[a-z]+"}]', '[{custom_constraint: glance.image}]', '[{custom_constraint: cinder.volume}]', '[{allowed_values: [gold, silver, bronze]}, {allowed_pattern: "g.*"}]'], ['[{allowed_values: [GOLD]}]', '[{custom_constraint: nova.flavour}]', '[{length: {max: 2}}]', '[{allowed_pattern: "[0-9]+"}]', '[{allowed_values: {gold: 1}}]', '[{length: {min: a}}]'], 0.12) : '';
    params.push(`  tier:\n    type: string\n    default: ${g(['gold', 'silver', 'bronze', 'gold'], ['platinum', "''", '1'])}\n${tierC ? `    constraints: ${tierC}\n` : ''}${hidden()}`);
    if (chance(0.08)) params.push(`  needed:\n    type: ${pick(['string', 'number', 'comma_delimited_list', 'json', 'boolean'])}\n${chance(0.5) ? `    constraints: [${pick(['{allowed_values: [a, b]}', '{range: {min: 3}}', '{length: {min: 2}}', '{custom_constraint: nova.flavor}'])}]\n` : ''}`);
    const groups = chance(0.3) ? `parameter_groups:\n${g([
      '- label: storage\n  description: disks\n  parameters: [size, devs, spec]\n',
      '- label: storage\n  parameters: [size, devs]\n- label: policy\n  parameters: [tier, encrypt]\n',
      '- parameters: [tier]\n',
    ], [
      '- label: storage\n  parameters: [size, size]\n',
      '- label: storage\n  parameters: [size]\n- label: other\n  parameters: [devs, size]\n',
      '- label: storage\n  parameters: [OS::stack_name]\n',
      '- label: storage\n  parameters: {size: 1}\n',
      'storage: [size]\n',
    ], 0.25)}` : '';

    // conditions
    const conds: string[] = [];
    const names: string[] = [];
    const withConds = !/^(2015|2016-04)/.test(v) ? chance(0.8) : chance(0.08);
    if (withConds) {
      const defs: Array<[string, string]> = [
        ['gold', '{equals: [{get_param: tier}, gold]}'],
        ['large', '{not: {equals: [{get_param: size}, 1]}}'],
        ['secure', '{equals: [{get_param: encrypt}, true]}'],
        ['premium', '{or: [gold, {equals: [{get_param: tier}, silver]}, secure]}'],
        ['multi', '{not: {equals: [{get_param: [devs, 1]}, ""]}}'],
        ['ssd', '{equals: [{get_param: [spec, type]}, ssd]}'],
        ['both', '{and: [gold, large, {not: secure}]}'],
        ['not_not', '{not: {not: gold}}'],
        ['has_vdc', '{contains: [vdc, {get_param: devs}]}'],
        ['split_has', '{contains: [b, {str_split: [",", "a,b,c"]}]}'],
        ['two', '{equals: [{get_param: devs}, [vdb, vdc]]}'],
        ['num', '{equals: [{get_param: size}, 2]}'],
        ['strnum', '{equals: [{get_param: size}, "2"]}'],
      ];
      for (const [n, d] of defs) if (n === 'gold' || chance(0.35)) { conds.push(`  ${n}: ${d}\n`); names.push(n); }
      if (chance(0.06)) conds.push(`  broken: ${pick(['{or: [gold]}', '{and: []}', '{not: [gold]}', '{equals: [a, b, c]}', '{contains: [a]}', '{contains: [a, {get_param: tier}]}', '{or: [gold, nosuch]}', '{equals: [{get_param: [spec, nosuch]}, 1]}', '{and: [gold, {if: [gold, true, false]}]}', '{equals: {a: b}}', '{yaql: {expression: "true", data: {}}}'])}\n`);
    }
    const c1 = () => (names.length ? pick(names) : g(['true', 'false'], ['gold']));
    const inline = () => (chance(0.3) ? pick([`{not: ${c1()}}`, `{and: [${c1()}, ${c1()}]}`, `{or: [${c1()}, {equals: [{get_param: tier}, bronze]}]}`, '{equals: [{get_param: tier}, gold]}']) : c1());
    /** an if two or three deep */
    const nestedIf = (a: string, b: string, c: string): string => pick([
      `{if: [${inline()}, ${a}, {if: [${inline()}, ${b}, ${c}]}]}`,
      `{if: [${inline()}, {if: [${inline()}, ${a}, ${b}]}, ${c}]}`,
      `{if: [${inline()}, {if: [${inline()}, {if: [${inline()}, ${a}, ${b}]}, ${c}]}, ${b}]}`,
      `{if: [${inline()}, ${a}, ${b}]}`,
    ]);

    const sizeV = () => pick(['{get_param: size}', '{get_param: [spec, sizes, 0]}', nestedIf('3', '2', '1'), '{str_split: [",", "1,2,3", 1]}', '{get_param: [spec, sizes, 5]}', '{yaql: {expression: "$.data.s.sum()", data: {s: {get_param: [spec, sizes]}}}}', '2']);
    const devV = (k: number) => pick([
      `{get_param: [devs, ${k}]}`,
      `{get_param: [devs, "${k}"]}`,
      `{get_param: [spec, names, ${k}]}`,
      `{list_join: ["", [/dev/, {get_param: [devs, ${k}]}]]}`,
      `{str_replace: {template: /dev/vdX, params: {X: {str_split: [",", "b,c,d,e", ${k}]}}}}`,
      nestedIf(`vd${'bcd'[k] ?? 'e'}`, '/dev/vdx', `{get_param: [devs, ${k}]}`),
      `{str_split: [" ", {list_join: [" ", {get_param: devs}]}, ${k}]}`,
      `{get_param: [devs, ${pick(['-1', '9', '1.0'])}]}`,
    ]);
    const boolV = () => g(['{get_param: encrypt}', '{get_param: [spec, delete]}', 'true', nestedIf('true', 'false', "'no'"), "'on'"], ['{and: [true, false]}', `{not: ${c1()}}`, '{get_param: tier}']);
    const volRef = () => pick(['{get_resource: data}', '{get_resource: data}', nestedIf('{get_resource: data}', '{get_resource: logs}', 'c4a1b0de-93f0-4e2b-9a56-3f2e1d0c9b8a'), '{get_attr: [data, show, id]}']);

    const res: string[] = [];
    const resCond = (p: number) => (names.length && chance(p) ? `    condition: ${g([c1(), `{not: ${c1()}}`, `{and: [${c1()}, ${c1()}]}`, `{or: [${c1()}, ${c1()}]}`], ['nosuch', '{if: [gold, true, false]}', '{get_param: encrypt}'], 0.08)}\n` : '');
    res.push(`  data:\n    type: OS::Cinder::Volume\n${resCond(0.15)}    properties:\n      size: ${sizeV()}\n${chance(0.3) ? `      volume_type: ${nestedIf('ssd', 'hdd', '{get_param: [spec, type]}')}\n` : ''}${chance(0.2) ? `      metadata: ${pick(['{map_merge: [{tier: {get_param: tier}}, {if: [gold, {gold: "yes"}, {}]}]}', '{map_replace: [{tier: x}, {values: {x: {get_param: tier}}}]}', '{yaql: {expression: "dict($.data.l.select([$, 1]))", data: {l: {get_param: devs}}}}'])}\n` : ''}`);
    if (chance(0.4)) res.push(`  logs:\n    type: OS::Cinder::Volume\n${resCond(0.4)}    properties: {size: ${sizeV()}}\n`);

    const nServers = pick([1, 1, 2, 2, 3]);
    for (let k = 0; k < nServers; k++) {
      const props = [`flavor: ${pick(['m1.small', 'm1.small', nestedIf('m1.large', 'm1.medium', 'm1.small')])}`];
      const bfv = chance(0.15);
      if (!bfv) props.push(`image: ${pick(['cirros', 'cirros', nestedIf('cirros', 'fedora', 'ubuntu')])}`);
      props.push('networks: [{network: private}]');
      const shape = pick(['merge', 'merge', 'replace', 'repeat-list', 'repeat-json', 'repeat-concat', 'nested-if', 'nested-if', 'plain', 'v1-if', 'version-fn', 'yaql-keys']);
      const entry = () => `{device_name: ${devV(0)}, volume_size: ${sizeV()}, boot_index: -1, delete_on_termination: ${boolV()}}`;
      if (bfv) props.push(`block_device_mapping_v2: [${pick(['{boot_index: 0, volume_id: {get_resource: data}}', '{map_merge: [{boot_index: 0}, {volume_id: {get_resource: data}}]}', `{boot_index: 0, image: cirros, volume_size: ${sizeV()}, delete_on_termination: ${boolV()}}`])}]`);
      else if (shape === 'merge') props.push(`block_device_mapping_v2: [{map_merge: [{boot_index: -1, delete_on_termination: ${boolV()}}, ${pick([`{device_name: ${devV(0)}, volume_id: ${volRef()}}`, `{if: [${inline()}, {volume_size: ${sizeV()}}, {volume_id: ${volRef()}}]}`, '{get_param: spec}', `{volume_size: ${sizeV()}, boot_index: 1}`, 'null', '{}'])}]}]`);
      else if (shape === 'replace') props.push(`block_device_mapping_v2: [{map_replace: [${entry()}, ${pick(['{keys: {volume_size: volume_size}}', '{keys: {boot_index: boot_idx}}', '{values: {-1: 1}}', '{values: {vdb: vdz}}', '{keys: {device_name: volume_id}}', '{keys: {delete_on_termination: disk_bus}}', '{values: {"-1": "0"}}'])}]}]`);
      else if (shape === 'repeat-list') props.push(`block_device_mapping_v2: {repeat: {for_each: {<%dev%>: ${pick(['{get_param: devs}', '{str_split: [",", {list_join: [",", {get_param: devs}]}]}', `{if: [${inline()}, {get_param: devs}, []]}`])}}, template: {device_name: <%dev%>, volume_size: ${sizeV()}, boot_index: -1${chance(0.3) ? ', tag: disk-<%dev%>' : ''}}}}`);
      else if (shape === 'repeat-json') props.push(`block_device_mapping_v2: {repeat: {for_each: {<%n%>: {get_param: [spec, names]}, <%s%>: {get_param: [spec, sizes]}}, template: {device_name: <%n%>, volume_size: <%s%>, boot_index: -1}, permutations: ${pick(['false', 'true', 'False', "'no'"])}}}`);
      else if (shape === 'repeat-concat') props.push(`block_device_mapping_v2: {list_concat: [[{boot_index: -1, volume_id: ${volRef()}}], {repeat: {for_each: {<%d%>: ${pick(['[vdc, vdd]', '{get_param: devs}'])}}, template: {device_name: <%d%>, swap_size: ${pick(['64', '{get_param: size}'])}}}}${chance(0.3) ? `, {if: [${inline()}, [{ephemeral_size: 1}], []]}` : ''}]}`);
      else if (shape === 'nested-if') props.push(`block_device_mapping_v2: ${nestedIf(`[${entry()}]`, `[{volume_id: ${volRef()}, boot_index: -1}]`, pick(['[]', '[{swap_size: 128}]', 'null', `[{ephemeral_size: ${sizeV()}, boot_index: -1}]`]))}`);
      else if (shape === 'plain') props.push(`block_device_mapping_v2: [${entry()}${chance(0.4) ? `, {device_name: ${devV(1)}, volume_id: ${volRef()}, boot_index: ${pick(['-1', '2', nestedIf('1', '-1', '2')])}}` : ''}]`);
      else if (shape === 'v1-if') props.push(`block_device_mapping: [{device_name: ${devV(0)}, ${pick([`volume_id: ${volRef()}`, `snapshot_id: ${nestedIf('snap-a', 'snap-b', '""')}`])}, volume_size: ${sizeV()}, delete_on_termination: ${boolV()}}]`);
      else if (shape === 'version-fn') props.push(`block_device_mapping_v2: ${pick([
        '{list_concat: [[{volume_size: 1, boot_index: -1}], [{swap_size: 64}]]}',
        '{list_concat_unique: [[{swap_size: 64}], [{swap_size: 64}]]}',
        '{filter: [[null], [{volume_size: 1, boot_index: -1}, null]]}',
        `[{device_name: {str_replace_vstrict: {template: vdX, params: {X: b}}}, volume_size: 1, boot_index: -1}]`,
        `[{device_name: {str_replace_strict: {template: vdX, params: {X: b}}}, volume_size: 1, boot_index: -1}]`,
        `[{device_name: {make_url: {scheme: http, host: vdb}}, volume_size: 1}]`,
        '[{volume_size: {yaql: {expression: "len($.data)", data: [1, 2]}}, boot_index: -1}]',
        `[{volume_size: 1, boot_index: -1, delete_on_termination: {contains: [vdb, {get_param: devs}]}}]`,
        `[{volume_size: 1, boot_index: -1, delete_on_termination: {equals: [{get_param: tier}, gold]}}]`,
        `[{volume_size: 1, boot_index: -1, delete_on_termination: {and: [true, {not: false}]}}]`,
        `[{volume_size: 1, boot_index: -1, tag: {list_join: ["-", [a, {get_param: tier}]]}}]`,
        `[{volume_size: 1, boot_index: -1, tag: {digest: [sha256, {get_param: tier}]}}]`,
      ])}`);
      else if (shape === 'yaql-keys') props.push(pick([
        'metadata: {yaql: {expression: "dict([[1, a], [2, b]])", data: {}}}',
        'metadata: {yaql: {expression: "dict([[true, a]])", data: {}}}',
        'metadata: {yaql: {expression: "dict([[null, a]])", data: {}}}',
        'metadata: {yaql: {expression: "$.data.toDict($, str($))", data: [1, 2]}}',
        'metadata: {yaql: {expression: "dict([[1.5, a]])", data: {}}}',
        'name: {yaql: {expression: "str(dict([[1, a], [true, b]]).len())", data: {}}}',
        'name: {yaql: {expression: "str(dict([[null, a]]).keys().first())", data: {}}}',
        'block_device_mapping_v2: {yaql: {expression: "$.data.select(dict(device_name=>$, volume_size=>1, boot_index=>-1))", data: [vdb, vdc]}}',
        'block_device_mapping_v2: {yaql: {expression: "[dict([[device_name, vdb], [1, 2]])]", data: {}}}',
      ]));
      if (chance(0.3)) props.push(`name: ${g(['{list_join: ["-", [{get_param: tier}, {get_param: [devs, 0]}]]}', `{str_replace: {template: "$t-$n", params: {$t: {get_param: tier}, $n: ${nestedIf('a', 'b', 'c')}}}}`, '{list_join: ["-", {str_split: [",", "a,b"]}]}', '{get_param: [spec, type]}'], ['{list_join: ["-", [{get_param: spec}]]}', '{str_split: [",", {get_param: devs}]}', '{list_join: [-, a]}'], 0.3)}`);
      if (chance(0.3)) props.push(`metadata: ${g([`{map_merge: [{tier: {get_param: tier}}, ${nestedIf('{gold: "1"}', '{}', '{plain: "1"}')}]}`, '{map_replace: [{get_param: spec}, {keys: {type: disk_type}}]}', '{map_merge: [{a: b}, {get_param: spec}]}', '{map_replace: [{a: "1", b: "2"}, {values: {"1": one}}]}'], ['{map_merge: [{a: b}, {get_param: devs}]}', '{map_replace: [{a: x}, {keys: [a]}]}', '{map_replace: [{a: x}, {bogus: {a: b}}]}'], 0.3)}`);
      const head = `${resCond(k === 0 ? 0.15 : 0.3)}${chance(0.2) ? `    depends_on: ${pick(['data', '[data]', k ? `srv${k}` : 'data'])}\n` : ''}`;
      res.push(`  srv${k + 1}:\n    type: OS::Nova::Server\n${head}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    }
    if (chance(0.25)) res.push(`  att:\n    type: OS::Cinder::VolumeAttachment\n${resCond(0.3)}    properties: {instance_uuid: {get_resource: srv1}, volume_id: ${volRef()}${chance(0.6) ? `, mountpoint: ${pick(['{list_join: ["", [/dev/, {get_param: [devs, 1]}]]}', nestedIf('/dev/vdc', '/dev/vdd', '/dev/vde')])}` : ''}}\n`);
    const outputs = chance(0.25) ? `outputs:\n  disks:\n    value: ${g(['{list_join: [",", {get_param: devs}]}', '{get_attr: [srv1, networks]}', nestedIf('a', 'b', 'c')], ['{get_param: [spec, nosuch, 0]}', '{list_join: [",", {get_param: spec}]}'], 0.2)}\n${chance(0.3) ? `    condition: ${inline()}\n` : ''}` : '';
    const template = `heat_template_version: ${v}\n${groups}parameters:\n${params.join('')}${conds.length ? `conditions:\n${conds.join('')}` : ''}resources:\n${res.join('')}${outputs}`;
    // parameters an environment gives (text, as Heat takes them)
    const supplied = chance(0.45) ? Object.fromEntries([
      ['size', pick(['2', '3', ' 4', '1.5', '0', '11', 'two'])],
      ['tier', pick(['silver', 'bronze', 'gold', 'Gold', '', 'platinum'])],
      ['devs', pick(['vdc', 'vdb,vdc,vdd', 'vdb, vdc', '', 'vdb,', 'vdf,vdg,vdh,vdi,vdj'])],
      ['encrypt', pick(['true', 'no', 'ON', '1', 'nope'])],
      ['spec', pick(['{"sizes": [4], "names": ["vde"], "type": "hdd", "delete": false}', '{"sizes": [1, 2, 3], "names": ["vdb", "vdc", "vdd"], "type": "ssd"}', '[]', '{"names": "vdb"}'])],
    ].filter(() => chance(0.4))) : undefined;
    const mv = pick([undefined, undefined, undefined, '2.42', '2.67', '2.79']);
    out.push({ id: `h44-${seed}-${i}`, template, ...(supplied && Object.keys(supplied).length ? { params: supplied } : {}), ...(mv ? { microversion: mv } : {}) });
  }
  return out;
}

const HEAD = `heat_template_version: 2021-04-16
parameters:
  tier: {type: string, default: gold}
conditions:
  gold: {equals: [{get_param: tier}, gold]}
resources:
`;
const SRV = (name: string, props: string, head = '') => `  ${name}:\n    type: OS::Nova::Server\n${head}    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]${props ? `, ${props}` : ''}}\n`;
/** hand-written cases: yaql dicts keyed by a number, a boolean or null (output as a server's metadata, name or block devices) */
export const HAND: HeatCase[] = [
  ['num-key', 'metadata: {yaql: {expression: "dict([[1, a], [2, b]])", data: {}}}'],
  ['bool-key', 'metadata: {yaql: {expression: "dict([[true, a]])", data: {}}}'],
  ['null-key', 'metadata: {yaql: {expression: "dict([[null, a]])", data: {}}}'],
  ['float-key', 'metadata: {yaql: {expression: "dict([[1.5, a]])", data: {}}}'],
  ['mixed-key', 'metadata: {yaql: {expression: "dict([[1, a], [b, c]])", data: {}}}'],
  ['num-key-todict', 'metadata: {yaql: {expression: "$.data.toDict($, str($))", data: [1, 2]}}'],
  ['num-key-value-num', 'metadata: {yaql: {expression: "dict([[1, 2]])", data: {}}}'],
  ['bdm-num-key', 'block_device_mapping_v2: {yaql: {expression: "[dict([[device_name, vdb], [1, 2]])]", data: {}}}'],
  ['bdm-bool-key', 'block_device_mapping_v2: {yaql: {expression: "[dict([[volume_size, 1], [true, 2]])]", data: {}}}'],
  ['name-len', 'name: {yaql: {expression: "str(dict([[1, a], [true, b]]).len())", data: {}}}'],
  ['name-null-key', 'name: {yaql: {expression: "str(dict([[null, a]]).keys().first())", data: {}}}'],
  ['merge-num-key', 'metadata: {map_merge: [{a: b}, {yaql: {expression: "dict([[1, c]])", data: {}}}]}'],
  ['merge-num-key-clash', 'metadata: {map_merge: [{"1": b}, {yaql: {expression: "dict([[1, c]])", data: {}}}]}'],
  ['dup-keys', 'metadata: {yaql: {expression: "dict([[1, a], [true, b], [1.0, c]])", data: {}}}'],
  ['float-int-key', 'metadata: {yaql: {expression: "dict([[2.0, a]])", data: {}}}'],
  ['neg-key', 'metadata: {yaql: {expression: "dict([[-1, a], [0, b]])", data: {}}}'],
  ['num-key-get', 'name: {yaql: {expression: "dict([[1, a]]).get(1)", data: {}}}'],
  ['num-key-keys', 'name: {yaql: {expression: "str(dict([[1, a]]).keys().first())", data: {}}}'],
  ['replace-num-key', 'metadata: {map_replace: [{yaql: {expression: "dict([[1, a]])", data: {}}}, {keys: {1: one}}]}'],
  ['yaml-num-key', 'metadata: {1: a, true: b, null: c}'],
  ['data-num-key', 'metadata: {yaql: {expression: "$.data", data: {1: a, true: b, 2.5: c}}}'],
  ['data-null-key', 'metadata: {yaql: {expression: "$.data", data: {null: a, x: b}}}'],
  ['data-num-key-get', 'name: {yaql: {expression: "$.data.d.get(1)", data: {d: {1: x, 2: y}}}}'],
  ['data-key-len', 'name: {yaql: {expression: "str($.data.len())", data: {1: a, 1.0: b, "1": c}}}'],
  ['bool-bdm-key', 'block_device_mapping_v2: [{yaql: {expression: "dict([[null, 1]])", data: {}}}]'],
].map(([id, props]) => ({ id: `h44-hand-${id}`, template: HEAD + SRV('s1', props) }));

/** a condition on a get_param path that leads to no value (past the end, a missing key, a key of the wrong type): '' as in a property */
const PATH_HEAD = (cond: string) => `heat_template_version: 2021-04-16
parameters:
  devs: {type: comma_delimited_list, default: vdb}
  spec: {type: json, default: {type: ssd, sizes: [1]}}
  tier: {type: string, default: gold}
conditions:
  c: ${cond}
resources:
`;
HAND.push(...[
  ['past-end', '{equals: [{get_param: [devs, 1]}, ""]}'],
  ['past-end-not', '{not: {equals: [{get_param: [devs, 1]}, ""]}}'],
  ['text-index', '{equals: [{get_param: [devs, "0"]}, vdb]}'],
  ['negative-index', '{equals: [{get_param: [devs, -1]}, vdb]}'],
  ['bad-text-index', '{equals: [{get_param: [devs, x]}, ""]}'],
  ['missing-key', '{equals: [{get_param: [spec, nosuch]}, ""]}'],
  ['nested-past-end', '{equals: [{get_param: [spec, sizes, 3]}, ""]}'],
  ['through-scalar', '{equals: [{get_param: [spec, type, x]}, ""]}'],
  ['through-string', '{equals: [{get_param: [tier, 0]}, g]}'],
  ['index-into-map', '{equals: [{get_param: [spec, 0]}, ""]}'],
  ['contains-past-end', '{contains: [{get_param: [devs, 2]}, [a, ""]]}'],
  ['float-index', '{equals: [{get_param: [devs, 0.0]}, ""]}'],
  ['bool-index', '{equals: [{get_param: [devs, false]}, vdb]}'],
].map(([id, cond]) => ({ id: `h44-hand-cond-${id}`, template: PATH_HEAD(cond) + SRV('s1', 'name: {if: [c, yes-c, no-c]}') })));
// (hunt 44's generated case h44-4401-13, smaller: an `if` Heat reaches only when the path gives '' names a condition that reads a missing one)
HAND.push({ id: 'h44-hand-cond-path-reaches-invalid', template: `${PATH_HEAD('{not: {equals: [{get_param: [devs, 1]}, ""]}}')}  gold: {equals: [{get_param: tier}, gold]}\n  both: {and: [gold, {not: secure}]}\n`.replace('resources:\n', '') + 'resources:\n' + SRV('s1', 'name: {if: [{not: c}, {if: [both, a, b]}, d]}') });

if (require.main === module) {
  const [count = '150', seed = '4401'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const make = () => (process.argv.includes('--hand') ? HAND : generate(Number(count), Number(seed), Number(process.argv.find((a) => a.startsWith('--bad='))?.slice(6) ?? 0.03)));
  const cases: Hunt41Case[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) as Hunt41Case[] : label41(make());
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(cases));
  let agree = 0;
  let undecided = 0;
  const kinds = new Map<string, number>();
  for (const c of cases) {
    let diffs: string[];
    try { diffs = compare42(c); } catch (e) { diffs = [`CRASH ${(e as Error).message}`]; }
    if (!diffs.length) { agree++; continue; }
    if (diffs[0] === UNDECIDED || /^not compared/.test(diffs[0])) { undecided++; continue; }
    for (const d of diffs) { const k = d.replace(/^\S+: /, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID').slice(0, 70); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    console.log(`${c.id}${c.microversion ? ' mv' + c.microversion : ''}${c.params ? ' params ' + JSON.stringify(c.params) : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, n]) => `${n}\t${k}`).join('\n'));
  console.log(`seed ${seed}: ${agree}/${cases.length - undecided} agree (${undecided} not compared)`);
}
