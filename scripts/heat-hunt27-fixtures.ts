/**
 * Writes test/fixtures/heat-hunt27/cases.json for test/unit/heat-hunt27.test.ts: hand-written
 * templates for each of hunt 27's fixes, and the templates of scripts/heat-hunt27-gen.ts (seed 27)
 * named on the command line, each with Heat 19.0.0's answers (test/fixtures/heat/label.ts: the
 * heat-oracle, Heat's checks before any resource, Stack.validate, Nova's verdicts).
 *
 *     node --import tsx scripts/heat-hunt27-fixtures.ts [ID ...]
 *
 * (the generated ones are taken from /tmp/h27-27-cases.json, which scripts/heat-hunt27-difftest.ts writes)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { labelHeatCases } from '../test/fixtures/heat/label';
import type { HeatCase } from '../test/fixtures/heat/compare';

const SERVER = '  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n';
const VOL = '  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n';
const hot = (version: string, body: string) => `heat_template_version: ${version}\n${body}`;

/** outputs: read once the resources are made, before any is validated */
const outputs: Array<[string, string]> = [
  ['notmap', '  o1: x\n'], ['novalue', '  o1: {description: d}\n'], ['cond5', '  o1: {value: 1, condition: 5}\n'],
  ['condlist', '  o1: {value: 1, condition: [c1]}\n'], ['condfn', '  o1: {value: 1, condition: {get_attr: [vol, size]}}\n'],
  ['condnot', '  o1: {value: 1, condition: {not: nope}}\n'], ['condstr', "  o1: {value: 1, condition: 'true'}\n"],
  ['ifbad', '  o1: {value: {if: [nope, a, b]}}\n'], ['ifargs', '  o1: {value: {if: [c1, a, b, c]}}\n'],
  ['two', '  o1: {value: 1}\n  o2: {value: 2, condition: nope}\n'], ['falsebad', '  o1: {value: {if: [nope, a, b]}, condition: false}\n'],
  ['getres', '  o1: {value: {get_resource: nope}}\n'], ['ok', '  o1: {value: {get_attr: [srv, networks]}, condition: c1}\n'],
  // the values' get_attr, validated last
  ['ga-missing', '  o1: {value: {get_attr: [nope, x]}}\n'], ['ga-attr', '  o1: {value: {get_attr: [vol, nope]}}\n'],
  ['ga-nested', "  o1: {value: {list_join: [',', [{get_attr: [vol, nope]}]]}}\n"], ['ga-inmap', '  o1: {value: {a: [{get_attr: [vol, nope]}]}}\n'],
  ['ga-if', '  o1: {value: {if: [c1, {get_attr: [vol, nope]}, b]}}\n'], ['ga-if-false', '  o1: {value: {if: [c1, b, {get_attr: [vol, nope]}]}}\n'],
  ['ga-srv-ok', '  o1: {value: {get_attr: [srv, networks, private]}}\n'], ['ga-srv-bad', '  o1: {value: {get_attr: [srv, bogus]}}\n'],
  ['ga-one', '  o1: {value: {get_attr: [nope]}}\n'], ['ga-second', '  o1: {value: 1}\n  o2: {value: {get_attr: [vol, nope]}}\n'],
  ['ga-disabled', '  o1: {value: {get_attr: [vol, nope]}, condition: false}\n'], ['gr-nested', "  o1: {value: {list_join: [',', [{get_resource: nope}]]}}\n"],
];
const outputCases: HeatCase[] = [
  ...outputs.map(([id, o]) => ({ id: `out-${id}`, template: hot('2021-04-16', `conditions:\n  c1: true\nresources:\n${VOL}${SERVER}outputs:\n${o}`) })),
  // the server's own refusal (no image) comes after the outputs
  { id: 'out-before-server', template: hot('2018-08-31', `conditions:\n  c1: true\nresources:\n${SERVER.replace('image: cirros, ', '')}outputs:\n  o1: {value: 1, condition: nope}\n`) },
  // a section that is no map: Python's AttributeError, unless it is empty
  { id: 'out-list', template: hot('2018-08-31', `resources:\n${SERVER}outputs: [a]\n`) },
  { id: 'out-text', template: hot('2018-08-31', `resources:\n${SERVER}outputs: x\n`) },
  { id: 'out-empty-list', template: hot('2018-08-31', `resources:\n${SERVER}outputs: []\n`) },
  // the server's own refusal comes before the values' get_attr
  { id: 'out-ga-after-server', template: hot('2018-08-31', `resources:\n${VOL}${SERVER.replace('image: cirros, ', '')}outputs:\n  o1: {value: {get_attr: [vol, nope]}}\n`) },
  // before 2016-10-14 an output has no condition
  { id: 'out-old-condition', template: hot('2016-04-08', `resources:\n${SERVER}outputs:\n  o1: {value: 1, condition: nope}\n`) },
  { id: 'out-old-novalue', template: hot('2015-10-15', `resources:\n${SERVER}outputs:\n  o1: {description: d}\n`) },
  // a reference loop among every resource is found before the outputs are read
  { id: 'out-cycle', template: hot('2018-08-31', 'resources:\n  a:\n    type: OS::Heat::None\n    depends_on: srv\n  srv:\n    type: OS::Nova::Server\n    depends_on: a\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\noutputs:\n  o1: {value: 1, condition: nope}\n') },
  { id: 'out-cycle-free', template: hot('2018-08-31', 'resources:\n  a:\n    type: OS::Heat::None\n    depends_on: srv\n  b:\n    type: OS::Heat::None\n  srv:\n    type: OS::Nova::Server\n    depends_on: a\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\noutputs:\n  o1: {value: 1, condition: nope}\n') },
];

/** contains in a property (2017-09-01) */
const containsFields: Array<[string, string]> = [
  ['ok_true', 'delete_on_termination: {contains: [a, {get_param: p}]}'], ['ok_false', 'delete_on_termination: {contains: [z, [a, b]]}'],
  ['str_seq', 'delete_on_termination: {contains: [a, abc]}'], ['int_in_str', 'delete_on_termination: {contains: [1, abc]}'],
  ['map_seq', 'delete_on_termination: {contains: [a, {a: 1}]}'], ['int_seq', 'delete_on_termination: {contains: [a, 5]}'],
  ['null_seq', 'delete_on_termination: {contains: [a, null]}'], ['one_arg', 'delete_on_termination: {contains: [a]}'],
  ['not_list', 'delete_on_termination: {contains: a}'], ['empty', 'delete_on_termination: {contains: []}'],
  ['swap', 'swap_size: {contains: [a, [a]]}'], ['size', 'volume_size: {contains: [1, [1.0]]}'], ['name', 'device_name: {contains: [a, [a]]}'],
  ['three', 'delete_on_termination: {contains: [a, [a], b]}'], ['nested', 'delete_on_termination: {contains: [[a], [[a], b]]}'],
  ['truthy', 'delete_on_termination: {contains: [true, [1]]}'], ['float_in_str', 'delete_on_termination: {contains: [1.5, abc]}'],
];
const containsBase = (v: string, field: string) => hot(v, `parameters:\n  p: {type: comma_delimited_list, default: 'a,b'}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n      block_device_mapping_v2: [{volume_id: v, boot_index: 1, ${field}}]\n`);
const containsCases: HeatCase[] = [
  ...containsFields.map(([id, f]) => ({ id: `contains-${id}`, template: containsBase('2018-03-02', f) })),
  { id: 'contains-old', template: containsBase('2017-02-24', 'delete_on_termination: {contains: [a, [a]]}') },
];

/** update_policy: checked after the deletion policy, before the properties; empty for a server and a volume */
const upBase = (vol: string, srv: string, prop = '') => hot('2018-08-31', `parameters:\n  pj: {type: json, default: {b: 1}}\nresources:\n  vol:\n    type: OS::Cinder::Volume\n${vol}    properties: {size: 1}\n  srv:\n    type: OS::Nova::Server\n${srv}    properties:\n      flavor: m1.small\n${prop}      image: cirros\n      networks: [{network: private}]\n`);
const updateCases: HeatCase[] = [
  { id: 'up-srv', template: upBase('', '    update_policy: {a: 1}\n') },
  { id: 'up-srv-before-props', template: upBase('', '    update_policy: {a: 1, b: 2}\n', '      bogus: 1\n') },
  { id: 'up-srv-empty', template: upBase('', '    update_policy: {}\n', '      bogus: 1\n') },
  { id: 'up-srv-fn', template: upBase('', '    update_policy: {get_param: pj}\n') },
  { id: 'up-srv-int', template: upBase('', '    update_policy: {1: x}\n') },
  { id: 'up-vol', template: upBase('    update_policy: {x: 1}\n', '') },
  { id: 'up-after-deletion', template: upBase('', '    update_policy: {a: 1}\n    deletion_policy: Bogus\n') },
];

/** map_replace with keys that are no strings (Python's dict: 1, 1.0 and true are one key) */
const mr = (id: string, fn: string, prop = 'metadata') => ({ id: `map-replace-${id}`, template: hot('2018-08-31', `resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n      ${prop}: ${fn}\n`) });
const mapReplaceCases: HeatCase[] = [
  mr('values-int', '{map_replace: [{a: 1, b: x}, {values: {1: one, x: 2}}]}'),
  mr('values-float-bool', '{map_replace: [{a: 1, b: true, c: 1.0}, {values: {1.0: f}}]}'),
  mr('values-none', '{map_replace: [{a: null, b: x}, {values: {null: n}}]}'),
  mr('keys-int', '{map_replace: [{1: a, b: c}, {keys: {1: one}}]}'),
  mr('keys-to-int', '{map_replace: [{a: x, b: y}, {keys: {a: 5}}]}'),
  mr('keys-collide-input', '{map_replace: [{a: x, b: y}, {keys: {a: b}}]}'),
  mr('keys-collide-true', '{map_replace: [{a: x, 1: y}, {keys: {a: true}}]}'),
  mr('keys-collide-output', '{map_replace: [{a: x, c: y}, {keys: {a: z, c: z}}]}'),
  mr('list-value', '{map_replace: [{a: [1]}, {values: {1: x}}]}'),
  mr('bdm-entry', '[{map_replace: [{volume_id: x, boot_index: 1}, {values: {x: y, 1: 2}}]}, null]', 'block_device_mapping_v2'),
  mr('bdm-entry-ok', '[{map_replace: [{volume_id: x, boot_index: 0}, {values: {x: y, 0: 0}}]}]', 'block_device_mapping_v2'),
  mr('filter-repr', '{filter: [[null], [{map_replace: [{volume_id: x, boot_index: 1}, {values: {x: y, 1: 2}}]}, null]]}', 'block_device_mapping_v2'),
];

/** a function a condition may not hold is refused after its own arguments are parsed (a refusal inside them first) */
const condCases: HeatCase[] = [
  ['if-in-if', '{if: [{if: [true, true, false]}, true, false]}'], ['and-in-if', '{or: [{if: [{and: [x]}, true, false]}, true]}'],
  ['list-join-in-if', '{not: {if: [{equals: [{list_join: [a, [b]]}, x]}, true, false]}}'], ['plain-if', '{if: [true, true, false]}'],
  ['str-split-in-get-attr', '{get_attr: [{str_split: [a, b]}, x]}'],
].map(([id, c]) => ({ id: `cond-${id}`, template: hot('2018-08-31', `conditions:\n  c1: ${c}\nresources:\n${SERVER}`) }));

/** no server is made (its condition is false) and Heat refuses the stack: the template's refusal */
const noServerCases: HeatCase[] = [
  { id: 'no-server-cond', template: hot('2021-04-16', `conditions: {}\nresources:\n  srv:\n    type: OS::Nova::Server\n    condition: false\n    properties: {flavor: m1.small, image: cirros}\n  vol:\n    type: OS::Cinder::Volume\n    condition: {not: c1}\n    properties: {size: 1}\n`) },
  { id: 'no-server-type-list', template: hot('2018-08-31', 'resources:\n  srv:\n    type: [OS::Nova::Server]\n    properties: {flavor: m1.small, image: cirros}\n') },
  { id: 'no-server-ok', template: hot('2018-08-31', 'resources:\n  srv:\n    type: OS::Nova::Server\n    condition: false\n    properties: {flavor: m1.small, image: cirros}\n') },
];

const hand = [...outputCases, ...containsCases, ...updateCases, ...mapReplaceCases, ...condCases, ...noServerCases];
const ids = new Set(process.argv.slice(2));
const generated = ids.size ? (JSON.parse(readFileSync('/tmp/h27-27-cases.json', 'utf8')) as HeatCase[]).filter((c) => ids.has(c.id)) : [];
const cases = [...hand, ...generated];
const labels = labelHeatCases(cases, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 });
const dir = join(__dirname, '..', 'test', 'fixtures', 'heat-hunt27');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cases.json'), `[\n${cases.map((c) => JSON.stringify({ ...c, oracle: labels[c.id] })).join(',\n')}\n]\n`);
console.log(`${cases.length} cases labelled (${hand.length} written by hand, ${generated.length} generated)`);
