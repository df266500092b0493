/**
 * Hunt 43: HOT templates whose block devices, volumes and attachments come out of Heat's
 * intrinsic functions and parameters: conditions built of equals/not/and/or/contains on
 * parameters (and used by resources, properties and outputs), list_join/str_split/map_merge/
 * map_replace/repeat (with permutations), get_param on comma_delimited_list and json parameters
 * (paths, indexes) with defaults, parameter constraints (range, length, allowed_values,
 * allowed_pattern, some malformed, some defaults outside them), parameter_groups,
 * resource_facade in a stack that is no nested one, deletion_policy, depends_on, intrinsic
 * errors in unusual places, and every heat_template_version form from 2013-05-23 to the release
 * names (each allows its own functions). Shapes hunt 42's generator did not draw: there the
 * failures were Nova's; here they are the template's.
 *
 * Labelled as hunt 42 labels (scripts/heat-hunt41-gen.ts's label41: Stack.validate, the
 * heat-oracle on each server, each attachment and instance, the nova-oracle on each body Heat
 * sends, Heat's dependency graph) and compared by hunt 42's compare42.
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt43-gen.ts COUNT SEED [--cache=FILE] [--bad=P] [--params]
 *     nice -n 10 node --import tsx scripts/heat-hunt43-gen.ts --hand [--cache=FILE]   (the hand-written cases alone)
 *
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { rng } from './xorshift-rng';
import { label41, UNDECIDED, type Hunt41Case } from './heat-hunt41-gen';
import { compare42 } from './heat-hunt42-gen';
import type { HeatCase } from '../test/fixtures/heat/compare';

const VERSIONS = ['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16',
  'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby', '2018-08-31', '2021-04-16', '2017-09-01'];

const NEW = ['2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'pike', 'queens', 'rocky', 'wallaby', '2017-02-24', '2016-10-14'];

/** `bad`: how often a value is one Heat refuses (--bad=P; 0.025 by default); `giveParams`: most stacks given parameter values, some outside the constraints (--params) */
export function generate(count: number, seed: number, bad = 0.025, giveParams = false): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  /** a good value mostly, a bad one (an error Heat finds) now and then */
  const g = <T>(good: readonly T[], wrong: readonly T[], p = bad): T => (chance(p) ? pick(wrong) : pick(good));
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = chance(0.03) ? pick(['xena', '2022-01-01', "'2018-08-31'", '2018-8-31']) : chance(0.7) ? pick(NEW) : pick(VERSIONS);
    // parameters with defaults (and constraints, some malformed or not met by the default)
    const params: string[] = [];
    const sizeC = chance(0.4) ? g(['[{range: {min: 1, max: 10}}]', '[{range: {min: 1}}]', '[{allowed_values: [1, 2, 5, -1, 0, 20]}]', '[{range: {min: -5, max: 100}, description: small}]'], ['[{range: {min: 2}}]', '[{range: {max: 0}}]', '[{range: {min: a}}]', '[{range: {}}]', '[{length: {min: 1}}]'], 0.1) : '';
    params.push(`  size:\n    type: number\n    default: ${g(['1', '1', '2', '5', '0', '-1', '20', "'3'", '1.5'], ['abc'])}\n${sizeC ? `    constraints: ${sizeC}\n` : ''}`);
    const devsC = chance(0.3) ? g(['[{length: {min: 1, max: 3}}]', '[{allowed_values: [vdb, vdc, vdd, /dev/vdb, /dev/vdc]}]'], ['[{length: {min: 3}}]', '[{allowed_pattern: "vd[b-z]"}]', '[{range: {min: 1}}]'], 0.1) : '';
    params.push(`  devs:\n    type: comma_delimited_list\n    default: ${g(['vdb,vdc', 'vdb,vdc', '[vdb, vdc]', "'vdb'", "'vdb, vdc ,vdd'", '"/dev/vdb,/dev/vdc"', '[vdb, vdc, vdd]'], ["''", '{a: b}', '[vdb, 3]'])}\n${devsC ? `    constraints: ${devsC}\n` : ''}`);
    const optsDefault = g(['{delete: true, tag: web, size: 2}', '{delete: false, tag: db, size: 1}', "'{\"delete\": true, \"tag\": \"x\", \"size\": 3}'", '{tag: web, size: 1, delete: true}'], ["'not json'", '[1, 2]', '{tag: web}']);
    params.push(`  opts:\n    type: json\n    default: ${optsDefault}\n${chance(0.05) ? `    constraints: ${pick(['[{length: {max: 1}}]', '[{allowed_values: [{}]}]', '[{range: {min: 1}}]'])}\n` : ''}`);
    params.push(`  flag:\n    type: boolean\n    default: ${g(['true', 'false', "'yes'", "'off'", '1', 'True', "'t'"], ["'maybe'", '2'])}\n`);
    const envC = chance(0.5) ? g(['[{allowed_values: [prod, dev, qa, PROD]}]', '[{allowed_pattern: "[a-zA-Z]*"}]', '[{length: {min: 0, max: 4}}]', '[{custom_constraint: nova.flavor}]', '[{allowed_values: [prod, dev, qa, PROD, ""]}, {length: {max: 10}}]'], ['[{allowed_pattern: "[A-Z]+"}]', '[{length: {min: 5}}]', '[{allowed_values: prod}]', '[{allowed_pattern: "("}]', '[{bogus: 1}]', '[{allowed_values: [prod, dev]}]'], 0.1) : '';
    params.push(`  env:\n    type: string\n    default: ${pick(['prod', 'prod', 'dev', 'qa', "''", 'PROD'])}\n${envC ? `    constraints: ${envC}\n` : ''}`);
    if (chance(0.04)) params.push(`  nodefault:\n    type: ${pick(['string', 'number'])}\n`);
    if (chance(0.03)) params.push(`  badtype:\n    type: ${pick(['integer', 'list', 'String'])}\n    default: 1\n`);
    const groups = chance(0.2) ? `parameter_groups:\n${g([
      '- label: disks\n  parameters: [size, devs]\n',
      '- label: disks\n  parameters: [size, devs]\n- parameters: [env]\n',
    ], [
      '- label: disks\n  parameters: [size, nosuch]\n',
      '- label: a\n  parameters: [size]\n- label: b\n  parameters: [size]\n',
      '- label: a\n  parameters: size\n',
      '- label: a\n',
    ], 0.2)}` : '';

    // conditions on the parameters
    const conds: string[] = [];
    const condNames: string[] = [];
    const supports = !/^(2013|2014|2015|2016-04)/.test(v);
    const wantConds = chance(supports ? 0.7 : 0.08);
    if (wantConds) {
      const defs: Array<[string, string]> = [
        ['is_prod', '{equals: [{get_param: env}, prod]}'],
        ['big', '{not: {equals: [{get_param: size}, 1]}}'],
        ['has_vdb', '{contains: [vdb, {get_param: devs}]}'],
        ['both', '{and: [is_prod, big]}'],
        ['either', '{or: [is_prod, {equals: [{get_param: flag}, true]}]}'],
        ['flagged', '{equals: [{get_param: flag}, true]}'],
        ['neither', '{not: {or: [is_prod, {equals: [{get_param: flag}, false]}]}}'],
        ['tagged', '{equals: [{get_param: [opts, tag]}, web]}'],
        ['first_vdb', '{equals: [{get_param: [devs, 0]}, vdb]}'],
      ];
      // (is_prod and has_vdb first: the others name them)
      for (const [n, d] of defs) if (n === 'is_prod' || (n === 'has_vdb' && chance(0.1)) || chance(0.45)) { conds.push(`  ${n}: ${d}\n`); condNames.push(n); }
      // malformed ones
      if (chance(0.04)) conds.push(`  broken: ${pick(['{equals: [a]}', '{not: [is_prod, is_prod]}', '{and: [is_prod]}', '{or: is_prod}', '{contains: [a, b]}', '{equals: [{get_param: nosuch}, x]}', 'nosuch_cond', '{get_attr: [vol, size]}', '{if: [is_prod, true, false]}', 'true', '{and: [true, {not: false}]}'])}\n`);
      // (a condition that names itself or a missing one)
      if (chance(0.02)) conds.push('  loop: {not: loop}\n');
    }
    const cond = () => (condNames.length ? pick(condNames) : g(['true', 'false'], ['is_prod', 'nosuch']));

    // values built by functions
    const sizeV = () => pick(['{get_param: size}', '{get_param: size}', '1', `{if: [${cond()}, 2, 1]}`, '{get_param: [opts, size]}', '{str_split: [",", "1,2", 0]}', '{yaql: {expression: "$.data.d.len()", data: {d: {get_param: devs}}}}', '{yaql: {expression: "$.data.s + 1", data: {s: {get_param: size}}}}']);
    const devV = (k: number) => pick([
      `{get_param: [devs, ${k}]}`,
      `{str_split: [",", {list_join: [",", {get_param: devs}]}, ${k}]}`,
      `{list_join: ["", ["/dev/", {get_param: [devs, ${k}]}]]}`,
      `{str_replace: {template: /dev/DEV, params: {DEV: {get_param: [devs, ${k}]}}}}`,
      `{if: [${cond()}, vd${'bcd'[k] ?? 'e'}, vdz]}`,
      `vd${'bcd'[k] ?? 'e'}`,
      `{yaql: {expression: "$.data.d[${k}]", data: {d: {get_param: devs}}}}`,
    ]);
    const boolV = () => g(['{get_param: flag}', '{get_param: [opts, delete]}', 'true', `{if: [${cond()}, true, false]}`, "'yes'", 'false'], ['{not: flagged}', '{equals: [{get_param: env}, prod]}', `{contains: [vdb, {get_param: devs}]}`]);
    const volRef = () => pick(['{get_resource: vol}', '{get_resource: vol}', '{get_resource: vol2}', `{if: [${cond()}, {get_resource: vol}, 3f0e7a8c-2b1d-4c6e-9f8a-7b6c5d4e3f2a]}`, '{get_attr: [vol, show, id]}']);

    const res: string[] = [];
    const deletion = () => (chance(0.2) ? `    deletion_policy: ${g(['Delete', 'Retain', 'Snapshot'], ['retain', 'delete', 'Bogus', '{get_param: env}'], 0.1)}\n` : '');
    const resCond = (p: number) => (condNames.length && chance(p) ? `    condition: ${g([cond(), cond(), `{not: ${cond()}}`, 'true', 'false'], ['nosuch', '{get_param: flag}'], 0.1)}\n` : '');
    res.push(`  vol:\n    type: OS::Cinder::Volume\n${deletion()}${resCond(0.2)}    properties:\n      size: ${sizeV()}\n${chance(0.2) ? `      metadata: ${pick(['{map_merge: [{a: x}, {get_param: opts}]}', '{map_replace: [{a: x, b: y}, {keys: {a: z}}]}', '{map_replace: [{a: x, b: y}, {values: {x: q}}]}', '{map_replace: [{a: x, b: y}, {keys: {a: b}}]}', '{get_param: opts}'])}\n` : ''}`);
    if (chance(0.35)) res.push(`  vol2:\n    type: OS::Cinder::Volume\n${deletion()}${resCond(0.35)}${chance(0.2) ? '    depends_on: vol\n' : ''}    properties:\n      size: ${sizeV()}\n${chance(0.3) ? '      image: cirros\n' : ''}`);

    const nServers = pick([1, 1, 2, 2, 3]);
    for (let k = 0; k < nServers; k++) {
      const name = `srv${k + 1}`;
      const props = ['flavor: m1.small'];
      const bfv = chance(0.2);
      if (!bfv) props.push('image: cirros');
      props.push(`networks: [{network: ${pick(['private', 'private', '{get_param: env}', `{if: [${cond()}, private, net-b]}`])}}]`);
      const shape = pick(['v2', 'v2', 'v2-repeat', 'v2-repeat-perm', 'v2-if', 'v1', 'v1', 'none', 'v2-list', 'v2-swap']);
      if (bfv) props.push(`block_device_mapping_v2: [{boot_index: 0, volume_id: ${volRef()}, delete_on_termination: ${boolV()}}]`);
      else if (shape === 'v2') props.push(`block_device_mapping_v2: [{device_name: ${devV(0)}, volume_id: ${volRef()}, boot_index: ${pick(['-1', '1', `{if: [${cond()}, 1, -1]}`, "'-1'", '{get_param: size}'])}, delete_on_termination: ${boolV()}}]`);
      else if (shape === 'v2-repeat') props.push(`block_device_mapping_v2: {repeat: {for_each: {<%d%>: ${pick(['{get_param: devs}', '[vdb, vdc]', '{str_split: [",", "vdb,vdc"]}', '{get_param: opts}', '[]', 'vdb'])}}, template: {device_name: <%d%>, volume_size: ${sizeV()}, boot_index: -1, delete_on_termination: ${boolV()}}}}`);
      else if (shape === 'v2-repeat-perm') props.push(`block_device_mapping_v2: {repeat: {for_each: {<%d%>: [vdb, vdc], <%s%>: [1, 2]}, template: {device_name: <%d%>, volume_size: <%s%>, boot_index: -1}${pick([', permutations: false', ', permutations: true', '', ', permutations: maybe'])}}}`);
      else if (shape === 'v2-if') props.push(`block_device_mapping_v2: {if: [${cond()}, [{device_name: ${devV(0)}, volume_id: ${volRef()}}], ${pick(['[]', '[{swap_size: 512}]', `[{volume_size: ${sizeV()}, boot_index: -1}]`])}]}`);
      else if (shape === 'v1') props.push(`block_device_mapping: [{device_name: ${devV(0)}, volume_id: ${volRef()}${chance(0.5) ? `, delete_on_termination: ${boolV()}` : ''}${chance(0.3) ? `, volume_size: ${sizeV()}` : ''}}]`);
      else if (shape === 'v2-list') props.push(`block_device_mapping_v2: ${pick(['{list_concat: [[{volume_size: 1, boot_index: -1}], [{swap_size: 256}]]}', '{list_concat_unique: [[{swap_size: 256}], [{swap_size: 256}]]}', '{get_param: opts}', '{str_split: [",", "a,b"]}', '{filter: [[{swap_size: 256}], [null]]}', '[{volume_size: {get_param: size}, boot_index: -1}, {get_param: opts}]'])}`);
      else if (shape === 'v2-swap') props.push(`block_device_mapping_v2: [{swap_size: ${pick(['{get_param: size}', '{get_param: [opts, size]}', `{if: [${cond()}, 512, 256]}`, '{yaql: {expression: "$.data.n * 256", data: {n: {get_param: size}}}}'])}}]`);
      // name and metadata
      if (chance(0.5)) props.push(`name: ${g(['{list_join: ["-", {get_param: devs}]}', '{list_join: ["-", [{get_param: env}, {get_param: size}]]}', '{str_replace: {template: "env-$e", params: {$e: {get_param: env}}}}', '{get_param: [opts, tag]}', '{get_param: OS::stack_name}', `{if: [${cond()}, big, small]}`, '{list_join: [",", [a, {get_param: opts}]]}', '{digest: [sha256, {get_param: env}]}', '{str_replace_strict: {template: a-X, params: {X: b}}}'], ['{resource_facade: metadata}', '{str_replace_strict: {template: a-X, params: {Y: b}}}', '{str_replace_vstrict: {template: a-X, params: {X: ""}}}', '{"Fn::Join": ["-", [a, b]]}', '{get_param: [opts, nosuch]}', '{list_join: ["-"]}'], 0.3)}`);
      if (chance(0.4)) props.push(`metadata: ${g(['{map_merge: [{role: web}, {get_param: opts}]}', `{map_merge: [{role: web}, {if: [${cond()}, {tier: 1}, {}]}]}`, '{map_replace: [{get_param: opts}, {keys: {tag: label}}]}', '{map_replace: [{a: x}, {values: {x: 1}}]}', '{get_param: opts}', '{env: {get_param: env}, devs: {list_join: [",", {get_param: devs}]}}', '{yaql: {expression: "dict($.data.l.select([$, len($)]))", data: {l: {get_param: devs}}}}', '{map_merge: [{a: 1}, null]}'], ['{map_merge: [{a: 1}, [b]]}', '{resource_facade: metadata}', '{map_replace: [{a: x, b: y}, {keys: {a: b}}]}', '{yaql: {expression: "dict($.data.l.select([[$], 1]))", data: {l: [a]}}}', '{map_merge: {a: 1}}'], 0.3)}`);
      if (chance(0.15)) props.push(`user_data: ${pick(['{str_replace: {template: "#!/bin/sh\\necho $x", params: {$x: {get_param: env}}}}', '{get_file: nosuch.sh}', '{get_resource: vol}'])}`);
      const head = `${resCond(k === 0 ? 0.15 : 0.35)}${deletion()}${chance(0.25) ? `    depends_on: ${g(['vol', '[vol]', 'vol2', `srv${k}`, '[vol, vol]'], ['nosuch', '{get_resource: vol}'], 0.1)}\n` : ''}`;
      res.push(`  ${name}:\n    type: OS::Nova::Server\n${head}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    }
    if (chance(0.35)) {
      res.push(`  att:\n    type: OS::Cinder::VolumeAttachment\n${resCond(0.3)}    properties: {instance_uuid: {get_resource: srv1}, volume_id: ${volRef()}${chance(0.6) ? `, mountpoint: ${pick(['{list_join: ["", ["/dev/", {get_param: [devs, 1]}]]}', '{get_param: [devs, 1]}', `{if: [${cond()}, /dev/vdc, /dev/vdd]}`, '{str_replace: {template: /dev/X, params: {X: {get_param: env}}}}'])}` : ''}}\n`);
    }
    const outputs = chance(0.3) ? `outputs:\n  o1:\n    value: ${g(['{get_attr: [srv1, first_address]}', '{list_join: [",", {get_param: devs}]}', '{get_resource: vol}'], ['{get_param: nosuch}', '{get_attr: [nosuch, x]}', '{if: [nosuch_cond, a, b]}'], 0.2)}\n${chance(0.3) ? `    condition: ${cond()}\n` : ''}` : '';
    const template = `heat_template_version: ${v}\n${chance(0.2) ? 'description: hunt 43\n' : ''}${groups}parameters:\n${params.join('')}${conds.length ? `conditions:\n${conds.join('')}` : ''}resources:\n${res.join('')}${outputs}`;
    const supplied = chance(giveParams ? 0.9 : 0.12) ? giveParams ? Object.fromEntries([['size', g(['1', '2', ' 3 ', '1e1', '0x10', '-0', '5.0'], ['abc', '', 'nan', 'inf'])], ['env', pick(['prod', 'dev', 'qa', 'PROD', '', 'prod ', 'a'.repeat(12)])], ['devs', pick(['vdb', 'vdb,vdc', ' vdb , vdc ', '', 'vdb,,vdc', '["vdb"]', 'vdd'])], ['flag', pick(['true', 'False', 'on', 'n', '1', '0', 'y', 'bogus'])], ['opts', pick(['{"tag": "web", "size": 2, "delete": true}', '{}', '[]', 'null', '{"size": "2"}', '{bad'])]].filter(() => chance(0.5))) : pick([{ env: 'dev' }, { size: 3 }, { devs: 'vdc' }, { flag: 'false' }, { env: 'prod', size: '2' }, { opts: '{"delete": false, "tag": "web", "size": 4}' }]) : undefined;
    const mv = pick([undefined, undefined, undefined, '2.36', '2.67', '2.79']);
    out.push({ id: `h43-${seed}-${i}`, template, ...(supplied ? { params: supplied } : {}), ...(mv ? { microversion: mv } : {}) });
  }
  return out;
}

const HEAD = `heat_template_version: 2021-04-16
parameters:
  env: {type: string, default: prod}
conditions:
  is_prod: {equals: [{get_param: env}, prod]}
resources:
  vol:
    type: OS::Cinder::Volume
    properties: {size: 1}
`;
const SRV = (name: string, props: string, head = '') => `  ${name}:\n    type: OS::Nova::Server\n${head}    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]${props ? `, ${props}` : ''}}\n`;
/** hand-written cases: a function Heat refuses as it parses a resource whose condition is false, or before a reference; a yaql dict keyed by a collection */
export const HAND: HeatCase[] = [
  { id: 'h43-hand-disabled-list-join', template: HEAD + SRV('s1', "name: {list_join: ['-']}", '    condition: {not: is_prod}\n') + SRV('s2', '') },
  { id: 'h43-hand-disabled-repeat', template: HEAD + SRV('s1', 'block_device_mapping_v2: {repeat: {for_each: {<%d%>: [vdb]}, template: {device_name: <%d%>, volume_size: 1}, permutations: maybe}}', '    condition: {not: is_prod}\n') + SRV('s2', '') },
  { id: 'h43-hand-before-reference', template: HEAD + SRV('s1', 'block_device_mapping_v2: [{volume_id: {get_resource: nosuch}}]') + SRV('s2', 'name: {str_split: ","}') },
  { id: 'h43-hand-disabled-for-each', template: HEAD + SRV('s1', 'block_device_mapping_v2: {repeat: {for_each: [vdb], template: {device_name: <%d%>}}}', '    condition: {not: is_prod}\n') + SRV('s2', '') },
  { id: 'h43-hand-output-parsed', template: HEAD + SRV('s1', '') + "outputs:\n  o:\n    value: {list_join: ['-']}\n" },
  { id: 'h43-hand-yaql-list-key', template: HEAD + SRV('s1', 'metadata: {yaql: {expression: "dict($.data.l.select([[$], 1]))", data: {l: [a]}}}') },
  { id: 'h43-hand-yaql-dict-key', template: HEAD + SRV('s1', 'metadata: {yaql: {expression: "$.data.l.toDict({k => $}, 1)", data: {l: [a]}}}') },
  { id: 'h43-hand-yaql-list-key-read', template: HEAD + SRV('s1', 'name: {yaql: {expression: "str(dict($.data.l.select([[$], 1])).len())", data: {l: [a]}}}') },
];

if (require.main === module) {
  const [count = '150', seed = '4301'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const make = () => (process.argv.includes('--hand') ? HAND : generate(Number(count), Number(seed), Number(process.argv.find((a) => a.startsWith('--bad='))?.slice(6) ?? 0.025), process.argv.includes('--params')));
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
