/**
 * Writes scripts/heat-hunt35-labels.json for test/unit/heat-hunt35.test.ts: hand-written templates
 * for each of hunt 35's fixes, and the templates of scripts/heat-hunt35-gen.ts named on the command
 * line as SEED:ID (taken from DIR/h35-SEED-cases.json, which scripts/heat-hunt28-difftest.ts writes
 * with `--gen=heat-hunt35-gen.ts`), each with Heat 19.0.0's answers (test/fixtures/heat/label.ts:
 * the heat-oracle, Heat's checks before any resource, Stack.validate, Nova's verdicts).
 *
 *     node --import tsx scripts/heat-hunt35-fixtures.ts [--dir=/tmp] [SEED:ID ...]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labelHeatCases } from '../test/fixtures/heat/label';
import type { HeatCase } from '../test/fixtures/heat/compare';

const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const dir = process.argv.find((a) => a.startsWith('--dir='))?.slice(6) ?? '/tmp';

const HEAD = (version = '2018-08-31', params = '') => `heat_template_version: ${version}
parameters:
  p_json: {type: json, default: {a: {b: 1}, s: text}}
  p_bool: {type: boolean, default: true}
${params}resources:
`;
const SRV = (props: string) => `  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      image: cirros\n      networks: [{network: private}]\n      ${props}\n`;
const tmpl = (props: string, version?: string, params?: string) => HEAD(version, params) + SRV(props);
const v1 = (entries: string) => `block_device_mapping: [${entries}]`;

const HAND: Array<[string, string]> = [
  // novaclient splits Heat's `id:type:size:delete` text at every colon, the id's too
  ['v1colon-snap', tmpl(v1("{device_name: vdb, volume_id: 'vol:snap'}"))],
  ['v1colon-size', tmpl(v1("{device_name: vdb, volume_id: 'vol:x:7'}"))],
  ['v1colon-size-underscore', tmpl(v1("{device_name: vdb, volume_id: 'vol:x: 1_0 '}"))],
  ['v1colon-size-zeros', tmpl(v1("{device_name: vdb, volume_id: 'vol:x:-007'}"))],
  ['v1colon-badsize', tmpl(v1("{device_name: vdb, volume_id: 'vol:x:big'}"))],
  ['v1colon-delete', tmpl(v1("{device_name: vdb, volume_id: 'vol:x::no:more', volume_size: 3}"))],
  ['v1colon-json', tmpl(v1('{device_name: vdb, volume_id: {str_replace: {template: s, params: {s: {get_param: p_json}}}}}'))],
  ['v1colon-repeat-name', tmpl(v1("{device_name: vdb, volume_id: 'a:x:1'}, {device_name: vdc, volume_id: b}, {device_name: vdb, volume_id: 'c:x:bad'}"))],
  // Python's int() and float() read any Unicode decimal digit
  ['digits-metadata', tmpl('metadata: {k: {get_param: q}}', '2018-08-31', "  q: {type: number, default: '٣'}\n")],
  ['digits-float', tmpl('metadata: {k: {get_param: q}}', '2018-08-31', "  q: {type: number, default: '١.٥'}\n")],
  ['digits-size', tmpl('block_device_mapping_v2: [{volume_id: v1, volume_size: {get_param: q}}]', '2018-08-31', "  q: {type: number, default: '٣'}\n")],
  ['digits-range', tmpl('name: {get_param: q}', '2018-08-31', "  q:\n    type: number\n    default: '٣٣'\n    constraints:\n      - range: {max: 10}\n")],
  ['digits-prop', tmpl("block_device_mapping_v2: [{volume_id: v1, volume_size: '٤'}]")],
  // a key that is no text keeps its type when its value is a function
  ['strkey-fn', tmpl('name: {str_replace: {template: X, params: {X: a, 1: {get_param: p_bool}}}}')],
  ['strkey-fn-only', tmpl('name: {str_replace: {template: X, params: {1: {get_param: p_bool}}}}')],
  ['strkey-fn-strict', tmpl("name: {str_replace_strict: {template: X, params: {X: {get_param: [p_json, s]}, 2: {get_param: [p_json, s]}}}}")],
  // Yaql.__init__ and Filter._parse_args
  ['yaql-nokey', tmpl('metadata: {k: {yaql: {data: 1}}}')],
  ['yaql-extra', tmpl("metadata: {k: {yaql: {expression: '$.data', data: 1, other: 2}}}")],
  ['yaql-intkey', tmpl("metadata: {k: {yaql: {expression: '$.data', 1: 2}}}")],
  ['yaql-list', tmpl("metadata: {k: {yaql: ['$.data']}}")],
  ['yaql-fn', tmpl('metadata: {k: {yaql: {get_param: p_json}}}')],
  ['yaql-nodata', tmpl("metadata: {k: {yaql: {expression: '1 + 1'}}}")],
  ['filter-three', tmpl('metadata: {k: {filter: [[a], [a, b], [c]]}}')],
  ['filter-one', tmpl('metadata: {k: {filter: [[a]]}}')],
  ['filter-text', tmpl('metadata: {k: {filter: abc}}')],
  ['filter-fn', tmpl('metadata: {k: {filter: {get_param: p_json}}}')],
  // a !!set is no sequence for AllowedValues
  ['allowed-set', tmpl('metadata: {k: {get_param: q}}', '2018-08-31', "  q:\n    type: string\n    default: a\n    constraints:\n      - allowed_values: !!set {a, b}\n")],
  ['allowed-set-empty', tmpl('metadata: {k: {get_param: q}}', '2018-08-31', "  q:\n    type: number\n    default: 1\n    constraints:\n      - allowed_values: !!set {}\n")],
  // str.replace's argument check names None itself
  ['repeat-none', tmpl("metadata: {k: {list_join: [',', {repeat: {template: '%x%', for_each: {'%x%': [null]}}}]}}")],
  // GetParam.result's own refusals of its arguments
  ...['[null, x]', '[]', "''", '0', '1', '{a: 1}', 'true', '{}', '[[a]]', '[1]', '{get_param: [p_json, a, b]}', '[{get_param: [p_json, a, b]}]'].map((v, i): [string, string] => [`getparam-args-${i}`, tmpl(`metadata: {k: {get_param: ${v}}}`)]),
  // yaql: aggregate(), a dict's set(), groupBy(), StopIteration in lambdas
  ['yaql-aggregate', tmpl("metadata: {k: {yaql: {expression: '$.data.aggregate($1 + $2)', data: [1, 2, 3]}}}")],
  ['yaql-aggregate-seed', tmpl("metadata: {k: {yaql: {expression: '$.data.aggregate($1.set($2, 1), {})', data: [a, b]}}}")],
  ['yaql-aggregate-empty', tmpl("metadata: {k: {yaql: {expression: '$.data.aggregate($1 + $2)', data: []}}}")],
  ['yaql-aggregate-fn', tmpl("metadata: {k: {yaql: {expression: 'aggregate($.data, $1 + $2)', data: [1]}}}")],
  ['yaql-groupby', tmpl("metadata: {k: {yaql: {expression: '$.data.groupBy($[1], $[0])', data: [[a, 1], [b, 2], [c, 1]]}}}")],
  ['yaql-lambda-stop', tmpl("metadata: {k: {yaql: {expression: '$.data.select($.first())', data: [[1], []]}}}")],
  ['yaql-lambda-stop-list', tmpl("metadata: {k: {list_join: [',', [{yaql: {expression: 'str($.data.where($.first() > 0).len())', data: [[1], []]}}]]}}")],
  ['yaql-lambda-first', tmpl("metadata: {k: {yaql: {expression: '$.data.select($.first()).first()', data: [[1], []]}}}")],
  ['yaql-lambda-single', tmpl("metadata: {k: {yaql: {expression: '$.data.orderBy($.single())', data: [[1], [1, 2]]}}}")],
];

const picked: HeatCase[] = [];
const bySeed = new Map<string, HeatCase[]>();
for (const arg of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const [seed, id] = arg.split(':');
  if (!bySeed.has(seed)) bySeed.set(seed, JSON.parse(readFileSync(join(dir, `h35-${seed}-cases.json`), 'utf8')) as HeatCase[]);
  const c = bySeed.get(seed)!.find((x) => x.id === id);
  if (!c) throw new Error(`${arg}: no such case`);
  picked.push({ ...c, id: `${c.id}@${seed}` });
}
const cases: HeatCase[] = [...HAND.map(([id, template]) => ({ id: `h35-hand-${id}`, template })), ...picked];
const oracle = labelHeatCases(cases, FLAVOR);
const out = cases.map((c) => ({ ...c, oracle: oracle[c.id] }));
writeFileSync(join(__dirname, 'heat-hunt35-labels.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases labelled`);
