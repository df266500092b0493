/**
 * Writes test/fixtures/heat-hunt39/labels.json for test/unit/heat-hunt39.test.ts: hand-written
 * templates for each of hunt 39's fixes, and the templates of scripts/heat-hunt39-gen.ts named on
 * the command line as SEED:ID (taken from DIR/h39-SEED-cases.json, which
 * scripts/heat-hunt28-difftest.ts writes with `--gen=heat-hunt39-gen.ts`), each with Heat 19.0.0's
 * answers (test/fixtures/heat/label.ts: the heat-oracle, Heat's checks before any resource,
 * Stack.validate, Nova's verdicts).
 *
 *     node --import tsx scripts/heat-hunt39-fixtures.ts [--dir=/tmp/heat-h39] [SEED:ID ...]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labelHeatCases } from '../test/fixtures/heat/label';
import type { HeatCase } from '../test/fixtures/heat/compare';

const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const dir = process.argv.find((a) => a.startsWith('--dir='))?.slice(6) ?? '/tmp/heat-h39';

const tmpl = (props: string, version = '2018-08-31', image = true) => `heat_template_version: ${version}
parameters:
  p_list: {type: comma_delimited_list, default: 'v1,v2,v3'}
  p_json: {type: json, default: {vols: [a1, a2], sizes: [2, 1], rows: [{x: v5}, q]}}
resources:
  srv:
    type: OS::Nova::Server
    properties:
      flavor: m1.small
${image ? '      image: cirros\n' : ''}      networks: [{network: private}]
      ${props}
`;
const yq = (expr: string, data: string) => `{yaql: {expression: '${expr}', data: ${data}}}`;

const HAND: Array<[string, string]> = [
  // yaql functions: toDict, enumerate, zip, switch, substring, indexOf; mergeWith's receiver
  ['yaql-todict-notlist', tmpl(`block_device_mapping_v2: ${yq('$.data.toDict($, 1)', '{get_param: p_list}')}`)],
  ['yaql-todict-metadata', tmpl(`metadata: {k: ${yq('$.data.toDict($, 1)', '[v1, v2]')}}`)],
  ['yaql-todict-values', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('$.data.toDict($[0], $[1]).get(b)', '[[a, v1], [b, v2]]')}, boot_index: 0}]`, '2018-08-31', false)],
  ['yaql-enumerate', tmpl(`block_device_mapping_v2: ${yq('$.data.enumerate().select({volume_id => $[1], boot_index => $[0]})', '{get_param: p_list}')}`, 'queens', false)],
  ['yaql-enumerate-start', tmpl(`block_device_mapping_v2: ${yq('$.data.enumerate(1).select({volume_id => $[1], boot_index => $[0]})', '[v1, v2]')}`, 'queens')],
  ['yaql-zip-method', tmpl(`block_device_mapping_v2: ${yq('$.data.vols.zip($.data.sizes).select({volume_id => $[0], volume_size => $[1]})', '{get_param: p_json}')}`)],
  ['yaql-zip-function', tmpl(`block_device_mapping_v2: ${yq('zip($.data.vols, $.data.sizes)', '{get_param: p_json}')}`)],
  ['yaql-switch-bootable', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('switch($.data.len() > 1 => v1, true => v2)', '{get_param: p_list}')}, boot_index: 0}]`)],
  ['yaql-switch-none', tmpl(`metadata: {k: ${yq('switch($.data.len() > 5 => v1)', '{get_param: p_list}')}}`)],
  ['yaql-switch-method', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('$.data.switch(true => v1)', '{get_param: p_list}')}}]`)],
  ['yaql-substring', tmpl(`block_device_mapping_v2: ${yq('$.data.select({volume_id => $, device_name => concat("vd", $.substring(1))})', '[xb, yc]')}`)],
  ['yaql-substring-list', tmpl(`block_device_mapping_v2: [{volume_id: v1, device_name: ${yq('$.data.substring(1)', '{get_param: p_list}')}}]`)],
  ['yaql-indexof', tmpl(`block_device_mapping_v2: [{volume_id: v2, boot_index: ${yq('$.data.indexOf(v2)', '{get_param: p_list}')}}]`)],
  ['yaql-indexof-function', tmpl(`block_device_mapping_v2: [{volume_id: v2, boot_index: ${yq('indexOf($.data, v2)', '{get_param: p_list}')}}]`)],
  ['yaql-mergewith-list', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('$.data.mergeWith([v4]).first()', '{get_param: p_list}')}, boot_index: 0}]`)],
  ['yaql-function-method', tmpl(`block_device_mapping_v2: [{volume_id: v1, volume_size: ${yq('$.data.int()', "'2'")}}]`)],
  ['yaql-sequence-method', tmpl(`block_device_mapping_v2: ${yq('$.data.sequence()', '{get_param: p_list}')}`)],
  // an attribute over a list is lazy: its failure only where an item is read
  ['yaql-attr-select', tmpl(`block_device_mapping_v2: ${yq('$.data.vols.select({volume_id => $})', '{get_param: p_list}')}`)],
  ['yaql-attr-index', tmpl(`block_device_mapping_v2: [{volume_id: v1, device_name: ${yq('$.data.vols[0]', '{get_param: p_list}')}}]`)],
  ['yaql-attr-sum', tmpl(`block_device_mapping_v2: [{volume_id: v1, volume_size: ${yq('$.data.sizes.sum()', '{get_param: [p_json, vols]}')}}]`)],
  ['yaql-attr-first', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('$.data.rows.x.first()', '{get_param: p_json}')}, boot_index: 0}]`, '2018-08-31', false)],
  ['yaql-attr-indexof', tmpl(`block_device_mapping_v2: [{volume_id: v1, boot_index: ${yq('$.data.rows.x.indexOf(v5)', '{get_param: p_json}')}}]`)],
  ['yaql-attr-concat', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('concat($.data.rows.x, [v9]).first()', '{get_param: p_json}')}, boot_index: 0}]`, '2018-08-31', false)],
  // a CloudFormation function of the version's own is a level of the path Heat's check names
  ['cfn-select-path', "heat_template_version: 2015-04-30\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n      block_device_mapping: [{device_name: {'Fn::Select': [0, {'Fn::Split': [',', vdb]}]}, volume_id: v1}]\n"],
  ['cfn-join-path', "heat_template_version: 2013-05-23\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n      block_device_mapping: [{device_name: vdb, volume_id: {'Fn::Join': ['', [v, {str_split: [',', 'a,b']}]]}}]\n"],
];

const picked: HeatCase[] = [];
const bySeed = new Map<string, HeatCase[]>();
for (const arg of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const [seed, id] = arg.split(':');
  if (!bySeed.has(seed)) bySeed.set(seed, JSON.parse(readFileSync(join(dir, `h39-${seed}-cases.json`), 'utf8')) as HeatCase[]);
  const c = bySeed.get(seed)!.find((x) => x.id === id);
  if (!c) throw new Error(`${arg}: no such case`);
  picked.push({ ...c, id: `${c.id}@${seed}` });
}
const cases: HeatCase[] = [...HAND.map(([id, template]) => ({ id: `h39-hand-${id}`, template })), ...picked];
const oracle = labelHeatCases(cases, FLAVOR);
const out = cases.map((c) => ({ ...c, oracle: oracle[c.id] }));
writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt39', 'labels.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases labelled`);
