/**
 * Writes test/fixtures/heat-hunt38/labels.json for test/unit/heat-hunt38.test.ts: hand-written
 * templates for each of hunt 38's fixes, and the templates of scripts/heat-hunt38-gen.ts named on
 * the command line as SEED:ID (taken from DIR/h38-SEED-cases.json, which
 * scripts/heat-hunt28-difftest.ts writes with `--gen=heat-hunt38-gen.ts`), each with Heat 19.0.0's
 * answers (test/fixtures/heat/label.ts: the heat-oracle, Heat's checks before any resource,
 * Stack.validate, Nova's verdicts).
 *
 * A `default: null` parameter given no value is labelled by the same template without its
 * `default` line: Heat's parameter schema has a default only when it is not None
 * (heat/engine/parameters.py Schema.has_default), and the heat-oracle fills its stand-in only for
 * a parameter that has no `default` key.
 *
 *     node --import tsx scripts/heat-hunt38-fixtures.ts [--dir=/tmp] [SEED:ID ...]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labelHeatCases } from '../test/fixtures/heat/label';
import type { HeatCase } from '../test/fixtures/heat/compare';

const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const dir = process.argv.find((a) => a.startsWith('--dir='))?.slice(6) ?? '/tmp';

const HEAD = (version = '2018-08-31', params = '') => `heat_template_version: ${version}
parameters:
  p_json: {type: json, default: {idx: [0, 1], size: 3, e: {volume_id: v7}}}
  p_bool: {type: boolean, default: false}
${params}conditions:
  c1: true
  c0: {get_param: p_bool}
resources:
`;
const SRV = (props: string) => `  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n      ${props}\n`;
const tmpl = (props: string, version?: string, params?: string) => HEAD(version, params) + SRV(props);
const yq = (expr: string, data: string) => `{yaql: {expression: '${expr}', data: ${data}}}`;
const bdm = (v: string) => `block_device_mapping_v2: [{volume_id: v1, boot_index: ${v}}]`;

const HAND: Array<[string, string]> = [
  // yaql: a method of a receiver of the wrong kind, before its arguments are read
  ['yaql-sum-int', tmpl(bdm(yq('$.data.sum()', '{get_param: [p_json, size]}')))],
  ['yaql-max-bool', tmpl(bdm(yq('$.data.max()', '{get_param: p_bool}')))],
  ['yaql-len-float', tmpl(bdm(yq('$.data.len()', '1.5')))],
  ['yaql-where-dict', tmpl(`block_device_mapping_v2: ${yq('$.data.where($.x)', '{get_param: [p_json, e]}')}`)],
  ['yaql-split-list', tmpl(`block_device_mapping_v2: [{volume_id: ${yq('$.data.split(",")', '{get_param: [p_json, idx]}')}}]`)],
  ['yaql-get-list', tmpl(`block_device_mapping_v2: ${yq('$.data.select($.get(a))', '{get_param: [p_json, idx]}')}`)],
  ['yaql-items-list', tmpl(`metadata: ${yq('dict($.data.items())', '{get_param: [p_json, idx]}')}`)],
  ['yaql-first-arg', tmpl(bdm(yq('$.data.first($.x)', '[]')))],
  ['yaql-sum-arg', tmpl(bdm(yq('$.data.sum($.first())', '[[1]]')))],
  // the function forms given a value of the wrong kind; int() of a text or a collection
  ['yaql-fn-len', tmpl(bdm(yq('len($.data)', '{get_param: p_bool}')))],
  ['yaql-fn-range', tmpl(`block_device_mapping_v2: ${yq('range($.data).select({volume_id => str($)})', '{get_param: [p_json, idx]}')}`)],
  ['yaql-int-list', tmpl(bdm(yq('int($.data)', '{get_param: [p_json, idx]}')))],
  ['yaql-int-text', tmpl(bdm(yq('int($.data)', "'1.5'")))],
  // a whole attribute, where(), orderBy() of a collection: Heat reads each item
  ['yaql-attr-each', tmpl(`block_device_mapping_v2: ${yq('$.data.l', '[{id: v1}]')}`)],
  ['yaql-where-each', tmpl(`block_device_mapping_v2: ${yq('$.data.where($.get(a, 0) >= 0)', '[null]')}`)],
  ['yaql-orderby-each', tmpl(`block_device_mapping_v2: ${yq('$.data.orderBy($.size)', '{get_param: [p_json, idx]}')}`)],
  // groupBy(): its selectors at the call, an aggregator on each group's values
  ['yaql-groupby-key', tmpl(`metadata: {k: {list_join: [',', ${yq('$.data.groupBy($[0])', '{get_param: [p_json, idx]}')}]}}`)],
  ['yaql-groupby-agg', tmpl(`block_device_mapping_v2: ${yq('$.data.groupBy($.v, aggregator => $.len()).select({volume_id => $[0], volume_size => $[1]})', '[{v: a}, {v: a}, {v: b}]')}`)],
  ['yaql-dict-items', tmpl(`metadata: ${yq('dict($.data.items())', '{get_param: [p_json, e]}')}`)],
  // `if` is a macro: make_url's refusal writes the branch it picked
  ['makeurl-if-path', tmpl('block_device_mapping_v2: [{volume_id: {make_url: {scheme: iscsi, host: {get_param: [p_json, idx, {if: [c1, 1, -1]}]}, port: x}}}]')],
  ['makeurl-if-args', tmpl('block_device_mapping_v2: [{volume_id: {make_url: {scheme: iscsi, host: {if: [c0, y, {get_param: [p_json, idx, 0]}]}, path: {list_join: [",", [a, {if: [c1, b, c]}]]}, port: x}}}]')],
  // equals is a condition function only: in a property's value a map key, no level of the path
  ['equals-path', tmpl("block_device_mapping_v2: [{volume_id: v1, delete_on_termination: {equals: [vdb, {'Fn::Select': [2, [a, b]]}]}}]", '2017-02-24').replace(/conditions:\n.*\n.*\n/, '')],
  ['equals-path-if', tmpl("block_device_mapping_v2: [{volume_id: v1, delete_on_termination: {if: [{equals: [vdb, {'Fn::Select': [0, [a]]}]}, true, false]}}]", '2017-02-24').replace(/conditions:\n.*\n.*\n/, '')],
];

/** `default: null` (and its other spellings) with no value given: labelled by the template without its default */
const NULL_DEFAULTS: Array<[string, string, string]> = [
  ['nulldef-string', 'string', 'block_device_mapping_v2: [{volume_id: {get_param: q}, boot_index: 0}]'],
  ['nulldef-number', 'number', 'block_device_mapping_v2: [{volume_id: v1, volume_size: {get_param: q}}]'],
  ['nulldef-boolean', 'boolean', 'block_device_mapping_v2: [{volume_id: v1, delete_on_termination: {get_param: q}}]'],
  ['nulldef-json', 'json', 'metadata: {get_param: q}'],
  ['nulldef-list', 'comma_delimited_list', 'block_device_mapping_v2: [{volume_id: {get_param: [q, 0]}, boot_index: 0}]'],
];
const SPELLINGS = ['default: null', 'default: ~', 'default:', 'default: Null'];

const picked: HeatCase[] = [];
const bySeed = new Map<string, HeatCase[]>();
for (const arg of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const [seed, id] = arg.split(':');
  if (!bySeed.has(seed)) bySeed.set(seed, JSON.parse(readFileSync(join(dir, `h38-${seed}-cases.json`), 'utf8')) as HeatCase[]);
  const c = bySeed.get(seed)!.find((x) => x.id === id);
  if (!c) throw new Error(`${arg}: no such case`);
  picked.push({ ...c, id: `${c.id}@${seed}` });
}
const cases: HeatCase[] = [...HAND.map(([id, template]) => ({ id: `h38-hand-${id}`, template })), ...picked];
const oracle = labelHeatCases(cases, FLAVOR);
const nulls = NULL_DEFAULTS.map(([id, type, use], i) => {
  const spelled = `heat_template_version: 2018-08-31\nparameters:\n  q:\n    type: ${type}\n    ${SPELLINGS[i % SPELLINGS.length]}\nresources:\n${SRV(use)}`;
  return { id: `h38-hand-${id}`, template: spelled, labelledBy: spelled.replace(/\n {4}default:[^\n]*/, '') };
});
const nullOracle = labelHeatCases(nulls.map((c) => ({ id: c.id, template: c.labelledBy })), FLAVOR);
const out = [...cases.map((c) => ({ ...c, oracle: oracle[c.id] })), ...nulls.map((c) => ({ ...c, oracle: nullOracle[c.id] }))];
writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt38', 'labels.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases labelled`);
