/**
 * Writes test/fixtures/heat-hunt28/cases.json for test/unit/heat-hunt28.test.ts: hand-written
 * templates for each of hunt 28's fixes, and the templates of scripts/heat-hunt28-gen.ts (seed 28)
 * named on the command line, each with Heat 19.0.0's answers (test/fixtures/heat/label.ts: the
 * heat-oracle, Heat's checks before any resource, Stack.validate, Nova's verdicts; a template with
 * an adopted server relabelled by scripts/heat-hunt28-lib.ts).
 *
 *     node --import tsx scripts/heat-hunt28-fixtures.ts [ID ...]
 *
 * (the generated ones are taken from /tmp/h28-28-cases.json, which scripts/heat-hunt28-difftest.ts writes)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { labelHeatCases } from '../test/fixtures/heat/label';
import type { HeatCase } from '../test/fixtures/heat/compare';
import { labelAdopted, type Hunt28Oracle } from './heat-hunt28-lib';

const HEAD = (version = '2018-08-31') => `heat_template_version: ${version}
parameters:
  p_size: {type: number, default: 2}
  p_idx: {type: number, default: 0}
  p_bus: {type: string, default: virtio}
  p_dev: {type: string, default: vdb}
  p_vols: {type: comma_delimited_list, default: 'a,b'}
  p_json: {type: json, default: {size: 3, ids: [q, r], nil: null}}
  p_attr: {type: string, default: size}
  p_res: {type: string, default: vol}
${version >= '2016-10-14' ? 'conditions:\n  c1: true\n' : ''}resources:
  vol:
    type: OS::Cinder::Volume
    properties: {size: 1}
  vol2:
    type: OS::Cinder::Volume
    properties: {size: 1}
`;
const SRV = (extra = '', head = '') => `  srv:\n    type: OS::Nova::Server\n${head}    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]${extra}}\n`;
const meta = (v: string) => SRV(`, metadata: {k: ${v}}`);
const out = (v: string, cond = '') => `outputs:\n  o1: {value: ${v}${cond}}\n`;

/** get_attr whose arguments are functions or no texts: Stack.validate's look-ups and its set of attributes, then the outputs' check */
const getAttr: Array<[string, string, string?]> = [
  ['prop-attr-list', meta('{get_attr: [vol, {get_param: [p_json, ids]}]}')],
  ['prop-attr-dict', meta('{get_attr: [vol, {get_param: p_json}]}')],
  ['prop-attr-int', meta('{get_attr: [vol, 5]}')],
  ['prop-attr-param-int', meta('{get_attr: [vol, {get_param: p_idx}]}')],
  ['prop-attr-bool', meta('{get_attr: [vol, true]}')],
  ['prop-attr-null-param', meta('{get_attr: [vol, {get_param: [p_json, nil]}]}')],
  ['prop-attr-path-int', meta('{get_attr: [srv2, networks, 0]}') + SRV('', '').replace('srv:', 'srv2:')],
  ['prop-name-dict', meta('{get_attr: [{get_param: p_json}, size]}')],
  ['prop-name-list', meta('{get_attr: [[vol], size]}')],
  ['prop-name-list-fn', meta('{get_attr: [{get_param: [p_json, ids]}, size]}')],
  ['prop-name-missing', meta('{get_attr: [{get_param: p_dev}, size]}')],
  ['prop-name-int', meta('{get_attr: [{get_param: p_idx}, size]}')],
  ['prop-get-resource-fn', meta('{get_resource: {get_param: p_dev}}')],
  ['prop-get-resource-list', meta('{get_resource: [vol]}')],
  ['prop-name-fn-bad-attr', meta('{get_attr: [{get_param: p_res}, nope]}')],
  ['prop-name-join-bad-attr', meta("{get_attr: [{list_join: ['', [v, ol]]}, nope]}")],
  ['prop-name-if-bad-attr', meta('{get_attr: [{if: [c1, vol, vol2]}, nope]}')],
  ['prop-name-fn-ok', meta('{get_attr: [{get_param: p_res}, {get_param: p_attr}]}')],
  ['prop-name-if-2015', meta('{get_attr: [{if: [c1, vol, vol2]}, size]}'), '2015-04-30'],
  ['out-attr-list', SRV() + out('{get_attr: [vol, [size]]}')],
  ['out-attr-param-list', SRV() + out('{get_attr: [vol, {get_param: [p_json, ids]}]}')],
  ['out-attr-float', SRV() + out('{get_attr: [vol, 1.5]}')],
  ['out-attr-null', SRV() + out('{get_attr: [vol, null]}')],
  ['out-path-list', SRV() + out('{get_attr: [srv, networks, [x]]}')],
  ['out-name-dict', SRV() + out('{get_attr: [{get_param: p_json}, size]}')],
  ['out-name-missing', SRV() + out('{get_attr: [{get_param: p_dev}, size]}')],
  ['out-name-int', SRV() + out('{get_attr: [{get_param: p_idx}, size]}')],
  ['out-name-list-item', SRV() + out('{get_attr: [{get_param: [p_vols, 0]}, size]}')],
  ['out-attr-param', SRV() + out('{get_attr: [srv, {get_param: p_bus}]}')],
  ['out-attr-join', SRV() + out("{get_attr: [srv, {list_join: ['_', [first, addr]]}]}")],
  ['out-attr-join-ok', SRV() + out("{get_attr: [srv, {list_join: ['_', [first, address]]}]}")],
  ['out-if-both', SRV() + out('{get_attr: [{if: [c1, vol, vol2]}, {if: [c1, nope, size]}]}')],
  ['out-name-fn-bad-attr', SRV() + out('{get_attr: [{get_param: p_res}, nope]}')],
  ['out-name-join-bad-attr', SRV() + out("{get_attr: [{list_join: ['', [v, ol]]}, nope]}")],
  ['out-fn-ok', SRV() + out('{get_attr: [{get_param: p_res}, {get_param: p_attr}]}')],
  ['out-disabled', SRV() + out('{get_attr: [vol, {get_param: [p_json, ids]}]}', ', condition: false')],
  // the references come first; the set of attributes before any resource is validated
  ['order-missing-first', meta('{get_resource: nope}') + out('{get_attr: [vol, [size]]}')],
  ['order-set-before-props', SRV(', bogus: 1') + out('{get_attr: [vol, [size]]}')],
  ['order-name-before-props', SRV(', bogus: 1, metadata: {k: {get_attr: [{get_param: p_json}, size]}}')],
];
const getAttrCases: HeatCase[] = getAttr.map(([id, res, version]) => ({ id: `getattr-${id}`, template: HEAD(version) + res }));

/** a number parameter's value as Python's int() and float() read a text */
const numbers = ["'nan'", "'inf'", "'-inf'", "'NaN'", "'Infinity'", "'1_0'", "' 4'", "'+5'", "'1__0'", "'_1'", "'in f'"];
const numberCases: HeatCase[] = [
  ...numbers.map((d, i) => ({ id: `number-${i}`, template: `heat_template_version: 2018-08-31\nparameters:\n  q:\n    type: number\n    default: ${d}\nresources:\n${SRV(', metadata: {k: {get_param: q}}, block_device_mapping_v2: [{volume_id: v, boot_index: 1, device_name: {str_replace: {template: vdX, params: {X: {get_param: q}}}}}]')}` })),
  ...['range: {min: 1}', 'range: {max: 5}', 'allowed_values: [1]', 'modulo: {step: 2, offset: 0}'].map((c, i) => ({ id: `number-nan-constraint-${i}`, template: `heat_template_version: 2018-08-31\nparameters:\n  q:\n    type: number\n    default: '${i % 2 ? 'inf' : 'nan'}'\n    constraints: [{${c}}]\nresources:\n${SRV(', metadata: {k: {get_param: q}}')}` })),
  { id: 'number-nan-boot-index', template: `heat_template_version: 2018-08-31\nparameters:\n  q: {type: number, default: 'nan'}\nresources:\n${SRV(', block_device_mapping_v2: [{volume_id: v, boot_index: {get_param: q}}]')}` },
];

/** list_join's arguments as Join (before 2015-10-15) and JoinMultiple read them */
const joins = ["['', [a], [b]]", "['']", '[]', 'x', '{get_param: p_vols}', "['-', [a]]", "['-', [a], [b], [c]]", 'null'];
const joinCases: HeatCase[] = ['2014-10-16', '2015-04-30', '2015-10-15', '2018-08-31'].flatMap((v) => joins.map((j, i) => ({ id: `list-join-${v}-${i}`, template: HEAD(v) + meta(`{list_join: ${j}}`) })));

/** external_id: an adopted server is looked up, not validated, and nothing is posted for it */
const ext = (extId: string, props: string, rest = '', head = '') => HEAD() + SRV(props, `    external_id: ${extId}\n${head}`) + rest;
const externalCases: HeatCase[] = [
  { id: 'ext-bad-props', template: ext('abc', ', bogus: 1, block_device_mapping_v2: [{boot_index: 0}]') },
  { id: 'ext-no-image', template: ext('6f2e0c5a-0b7e-4d39-9d8c-2b1c4a9e0f11', ', block_device_mapping: [{volume_id: a}]') },
  { id: 'ext-param', template: ext('{get_param: p_dev}', ', networks: x') },
  { id: 'ext-join', template: ext("{list_join: ['-', [x, y]]}", ', bogus: 1') },
  { id: 'ext-if-null', template: ext('{if: [c1, null, abc]}', ', bogus: 1') },
  { id: 'ext-if-id', template: ext('{if: [c1, abc, null]}', ', bogus: 1') },
  { id: 'ext-null', template: ext('null', ', bogus: 1') },
  { id: 'ext-other-server', template: ext('abc', ', bogus: 1', SRV(', bogus: 2').replace('srv:', 'srv2:')) },
  { id: 'ext-other-server-ok', template: ext('abc', ', bogus: 1', SRV().replace('srv:', 'srv2:')) },
  { id: 'ext-depends-on', template: ext('abc', '', '', '    depends_on: vol\n') },
  { id: 'ext-depends-on-empty', template: ext('abc', ', bogus: 1', '', '    depends_on: []\n') },
  { id: 'ext-missing-reference', template: ext('abc', ', metadata: {k: {get_resource: nope}}') },
  { id: 'ext-update-policy', template: ext('abc', '', '', '    update_policy: {a: 1}\n') },
  { id: 'ext-other-refused', template: ext('abc', '', '  vol3:\n    type: OS::Cinder::Volume\n    properties: {size: 0}\n') },
  { id: 'ext-output', template: ext('abc', ', bogus: 1', 'outputs:\n  o1: {value: {get_attr: [srv, networks]}}\n') },
  // a get_attr is None before the resource is made: the server is validated, and the attribute is
  // checked against those named elsewhere in the stack
  { id: 'ext-get-attr', template: ext('{get_attr: [vol, size]}', '') },
  { id: 'ext-get-attr-bad-props', template: ext('{get_attr: [vol, size]}', ', bogus: 1') },
  { id: 'ext-get-attr-named', template: ext('{get_attr: [vol, size]}', ', metadata: {k: {get_attr: [vol, size]}}') },
  { id: 'ext-get-attr-named-output', template: ext('{get_attr: [vol, status]}', '', 'outputs:\n  o1: {value: {get_attr: [vol, status]}}\n') },
  { id: 'ext-get-attr-whole', template: ext('{get_attr: [vol]}', '') },
  { id: 'ext-get-attr-in-join', template: ext("{list_join: ['-', [{get_attr: [vol, size]}, x]]}", ', bogus: 1') },
];

/**
 * get_attr's arguments as Heat parses them (a list; two items before 2015-10-15), in a property, in
 * another function, in an output (`[vol]` from 2015-10-15 left out: all of a made resource's
 * attributes, which the heat-oracle's stand-in resources answer with {})
 */
const shapes = ['vol', '[vol]', '[vol, size]', 'null', '[]', "''", '{get_param: p_res}', '{a: b}', '5', 'v', '{if: [c1, [vol, size], [vol2, size]]}'];
const shapeCases: HeatCase[] = [
  ...['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2021-04-16'].flatMap((v) => shapes.filter((a) => (v >= '2016-10-14' || !a.startsWith('{if')) && !(a === '[vol]' && v >= '2015-10-15')).map((a, i) => ({ id: `getattr-shape-${v}-${i}`, template: HEAD(v) + meta(`{get_attr: ${a}}`) }))),
  { id: 'getattr-shape-nested', template: HEAD() + meta("{list_join: ['', [{get_attr: vol}]]}") },
  { id: 'getattr-shape-output', template: HEAD() + SRV() + out('{get_attr: {get_param: p_vols}}') },
  { id: 'getattr-shape-output-nested', template: HEAD() + SRV() + out('[{get_attr: 5}]') },
  { id: 'getattr-shape-output-first', template: HEAD() + SRV(', bogus: 1') + out('{get_attr: 5}') },
  { id: 'getattr-shape-other-resource', template: HEAD() + SRV(', bogus: 1') + '  other:\n    type: OS::Heat::None\n    properties: {a: {get_attr: 5}}\n' },
];

const hand = [...getAttrCases, ...shapeCases, ...numberCases, ...joinCases, ...externalCases];
const ids = new Set(process.argv.slice(2));
const generated = ids.size ? (JSON.parse(readFileSync('/tmp/h28-28-cases.json', 'utf8')) as HeatCase[]).filter((c) => ids.has(c.id)) : [];
const cases = [...hand, ...generated];
const labels: Record<string, Hunt28Oracle> = labelHeatCases(cases, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 });
labelAdopted(cases, labels);
const dir = join(__dirname, '..', 'test', 'fixtures', 'heat-hunt28');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cases.json'), `[\n${cases.map((c) => JSON.stringify({ ...c, oracle: labels[c.id] })).join(',\n')}\n]\n`);
console.log(`${cases.length} cases labelled (${hand.length} written by hand, ${generated.length} generated)`);
