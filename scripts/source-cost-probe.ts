/**
 * Probe (a report, not a test): cost per byte of every source a user's document goes through
 * (server bodies, volume lists and attachments in JSON, Heat templates, Terraform, `openstack`
 * lines in scripts and runbooks, Ansible tasks) and of the editor requests run on it (hover and
 * completion in the middle of the text, symbols, lenses, code actions for every diagnostic, the
 * preview, the diagnostics as published, the entries' hovers made ready).
 *
 * For each construct of a source (repeated keys, long strings, deep nesting up to the source's
 * limit, many entries, long words, many escapes, many functions, filters, huge numbers, long lines,
 * many diagnostics, ...) a document holds it n and 2n times; n is doubled from the case's start
 * until judging the document takes 20 ms (or the text reaches --max-bytes). Judging and each request are timed
 * at n and 2n in one process, interleaved, a full collection before each sample, in CPU time
 * (process.cpuUsage: the machine is shared), the median of
 * --reps samples each (a sample repeats the work until it takes ~10 ms). Reported per row: time
 * at n and 2n, time(2n)/time(n), µs per byte at n; then the --top highest ratios. Rows above
 * --recheck (2.6) are measured again, each alone (a fresh process per case with --alone).
 * --blowups: short documents (≤ 10 KB) of each construct, judged once; a row above 200 ms is shown.
 *
 *   node --import tsx scripts/source-cost-probe.ts [--filter text] [--more] [--from case] [--reps 5] [--top 15] [--no-features] [--no-recheck] [--max-bytes 400000]
 *   node --import tsx scripts/source-cost-probe.ts --alone <case> [--n N]     one case, its own process
 *   node --import tsx scripts/source-cost-probe.ts --sizes 500,1000,2000 --case <case> [--what hover,symbols]   one case at several sizes
 *   node --import tsx scripts/source-cost-probe.ts --show <case> [--n 2]      the document of a case
 *   node --import tsx scripts/source-cost-probe.ts --blowups [--filter text]
 *   node --import tsx scripts/source-cost-probe.ts --list
 */
import { spawnSync } from 'node:child_process';
import { analyzeDocument, type DocumentLanguage } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';
import { runRequest, prepareEntryHovers, type DocState } from '../server/src/features/requests';
import { nodeHashes } from '../server/src/host';
import { collect } from '../test/unit/growth';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const has = (name: string) => args.includes(name);

const rep = (n: number, f: (i: number) => string, sep = '') => Array.from({ length: n }, (_, i) => f(i)).join(sep);
const U = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;

interface Case {
  name: string;
  lang: DocumentLanguage;
  /** the first n tried */
  n: number;
  /** the largest n the construct allows (a source's depth limit) */
  max?: number;
  make: (n: number) => string;
}

// ---------------------------------------------------------------- JSON bodies

const entry = (i: number) => `{"source_type": "volume", "uuid": "${U(i)}", "destination_type": "volume", "boot_index": ${i ? -1 : 0}}`;
const badEntry = (i: number) => `{"source_type": "volume", "source_type": "blank", "uuid": "${U(i)}", "destination_type": "volume", "volume_size": 1, "boot_index": ${i ? -1 : 0}, "device_name": "vd${i}", "disk_bus": "floppy"}`;
const body = (bdms: string, extra = '') => `{\n  "server": {\n    "name": "x",\n    "flavorRef": "1",\n    "networks": "none",${extra}\n    "block_device_mapping_v2": [\n    ${bdms}\n    ]\n  }\n}\n`;
const nest = (n: number, inner: string) => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;
const nestObj = (n: number, inner: string) => `${'{"a": '.repeat(n)}${inner}${'}'.repeat(n)}`;

const JSON_CASES: Case[] = [
  { name: 'json many entries', lang: 'json', n: 500, make: (n) => body(rep(n, entry, ',\n    ')) },
  { name: 'json many entries one line', lang: 'json', n: 500, make: (n) => body(rep(n, entry, ', ')).replace(/\n\s*/g, ' ') },
  { name: 'json many diagnostics', lang: 'json', n: 200, make: (n) => body(rep(n, badEntry, ',\n    ')) },
  { name: 'json repeated keys in one entry', lang: 'json', n: 2000, make: (n) => body(`{${rep(n, (i) => `"source_type": "${i % 2 ? 'volume' : 'blank'}"`, ', ')}, "uuid": "${U(1)}", "destination_type": "volume", "boot_index": 0}`) },
  { name: 'json repeated keys in metadata', lang: 'json', n: 2000, make: (n) => body(entry(0), `\n    "metadata": {${rep(n, (i) => `"k${i % 7}": "v${i}"`, ', ')}},`) },
  { name: 'json many metadata keys', lang: 'json', n: 2000, make: (n) => body(entry(0), `\n    "metadata": {${rep(n, (i) => `"k${i}": "v${i}"`, ', ')}},`) },
  { name: 'json long string name', lang: 'json', n: 20000, make: (n) => body(entry(0)).replace('"name": "x"', `"name": "${'x'.repeat(n * 10)}"`) },
  { name: 'json long string device_name', lang: 'json', n: 20000, make: (n) => body(`{"source_type": "volume", "uuid": "${U(1)}", "destination_type": "volume", "boot_index": 0, "device_name": "/dev/${'v'.repeat(n * 10)}"}`) },
  { name: 'json many escapes in name', lang: 'json', n: 5000, make: (n) => body(entry(0)).replace('"name": "x"', `"name": "${'\\u00e9\\n\\"'.repeat(n)}"`) },
  { name: 'json many escapes in keys', lang: 'json', n: 1000, make: (n) => body(entry(0), `\n    "metadata": {${rep(n, (i) => `"k\\u00e9${i}": "v\\t${i}"`, ', ')}},`) },
  { name: 'json deep nesting in metadata value', lang: 'json', n: 100, max: 450, make: (n) => body(entry(0), `\n    "metadata": {"k": ${nest(n, '1')}},`) },
  { name: 'json deep nesting objects', lang: 'json', n: 100, max: 450, make: (n) => body(entry(0), `\n    "x": ${nestObj(n, '1')},`) },
  { name: 'json deep nesting as entries', lang: 'json', n: 100, max: 450, make: (n) => body(nest(n, entry(0))) },
  { name: 'json huge numbers', lang: 'json', n: 2000, make: (n) => body(`{"source_type": "blank", "destination_type": "volume", "volume_size": ${'9'.repeat(n)}, "boot_index": ${'1'.repeat(n)}}`) },
  { name: 'json huge floats', lang: 'json', n: 2000, make: (n) => body(`{"source_type": "blank", "destination_type": "volume", "volume_size": ${'9'.repeat(n)}.${'5'.repeat(n)}e-${'1'.repeat(3)}, "boot_index": 0}`) },
  { name: 'json many numbers entries floats', lang: 'json', n: 500, make: (n) => body(rep(n, (i) => `{"source_type": "blank", "destination_type": "volume", "volume_size": ${i}.5, "boot_index": ${i ? -1 : 0}}`, ',\n    ')) },
  { name: 'json long line whitespace', lang: 'json', n: 20000, make: (n) => body(entry(0)).replace('"name"', `${' '.repeat(n * 10)}"name"`) },
  { name: 'json syntax errors many', lang: 'json', n: 500, make: (n) => body(rep(n, (i) => `{"source_type": "volume" "uuid": "${U(i)}",, }`, ',\n    ')) },
  { name: 'json comments many', lang: 'json', n: 2000, make: (n) => body(rep(n, (i) => `/* c${i} */ ${entry(i)} // x`, ',\n    ')) },
  { name: 'json bare list many', lang: 'json', n: 500, make: (n) => `[\n${rep(n, badEntry, ',\n')}\n]\n` },
  { name: 'json attach body long strings', lang: 'json', n: 20000, make: (n) => `{"volumeAttachment": {"volumeId": "${U(1)}", "device": "/dev/${'v'.repeat(n * 10)}", "tag": "${'t'.repeat(n)}"}}` },
  { name: 'json attach body repeated keys', lang: 'json', n: 2000, make: (n) => `{"volumeAttachment": {${rep(n, (i) => `"device": "/dev/vd${i}"`, ', ')}, "volumeId": "${U(1)}"}}` },
  { name: 'json many networks', lang: 'json', n: 500, make: (n) => body(entry(0)).replace('"networks": "none"', `"networks": [${rep(n, (i) => `{"port": "${U(i)}"}`, ', ')}]`) },
  { name: 'json many security groups', lang: 'json', n: 500, make: (n) => body(entry(0), `\n    "security_groups": [${rep(n, (i) => `{"name": "g${i}"}`, ', ')}],`) },
  { name: 'json many tags', lang: 'json', n: 500, make: (n) => body(rep(n, (i) => `{"source_type": "volume", "uuid": "${U(i)}", "destination_type": "volume", "boot_index": ${i ? -1 : 0}, "tag": "t${i % 3}"}`, ',\n    ')) },
];

// ---------------------------------------------------------------- Heat

const HOT = 'heat_template_version: 2018-08-31\n';
const SRV = '  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: net}]\n';
const heat = (props = '', top = '', resources = '') => `${HOT}${top}resources:\n${SRV}${props}${resources}`;
const heatName = (v: string) => heat(`      name: ${v}\n`);
const heatBdm = (i: number) => `        - {volume_id: ${U(i)}, boot_index: ${i ? -1 : 0}, delete_on_termination: false}\n`;
const heatBad = (i: number) => `        - {volume_id: ${U(i)}, boot_index: ${i ? -1 : 0}, device_name: vd${i}, disk_bus: floppy, snapshot_id: ${U(i)}}\n`;

const HEAT_CASES: Case[] = [
  { name: 'heat many bdm entries', lang: 'yaml', n: 300, make: (n) => heat(`      block_device_mapping_v2:\n${rep(n, heatBdm)}`) },
  { name: 'heat many diagnostics', lang: 'yaml', n: 200, make: (n) => heat(`      block_device_mapping_v2:\n${rep(n, heatBad)}`) },
  { name: 'heat many servers', lang: 'yaml', n: 50, make: (n) => heat('', '', rep(n, (i) => `  s${i}:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: net}]\n      block_device_mapping_v2: [{volume_id: ${U(i)}, boot_index: 0, disk_bus: floppy}]\n`)) },
  { name: 'heat many other resources', lang: 'yaml', n: 300, make: (n) => heat('', '', rep(n, (i) => `  v${i}:\n    type: OS::Cinder::Volume\n    properties: {size: ${i + 1}}\n`)) },
  { name: 'heat repeated keys metadata', lang: 'yaml', n: 2000, make: (n) => heat(`      metadata:\n${rep(n, (i) => `        k${i % 7}: v${i}\n`)}`) },
  { name: 'heat repeated keys in properties', lang: 'yaml', n: 2000, make: (n) => heat(rep(n, (i) => `      name: n${i}\n`)) },
  { name: 'heat many metadata keys flow', lang: 'yaml', n: 2000, make: (n) => heat(`      metadata: {${rep(n, (i) => `k${i}: v${i}`, ', ')}}\n`) },
  { name: 'heat long plain scalar', lang: 'yaml', n: 20000, make: (n) => heatName('x'.repeat(n * 10)) },
  { name: 'heat long words folded plain', lang: 'yaml', n: 2000, make: (n) => heatName(rep(n, (i) => `w${'o'.repeat(20)}${i}`, '\n        ')) },
  { name: 'heat long double-quoted escapes', lang: 'yaml', n: 5000, make: (n) => heatName(`"${'\\x41\\u00e9\\n\\\\'.repeat(n)}"`) },
  { name: 'heat long single-quoted quotes', lang: 'yaml', n: 10000, make: (n) => heatName(`'${"a''".repeat(n)}'`) },
  { name: 'heat block scalar lines', lang: 'yaml', n: 5000, make: (n) => heat(`      user_data: |\n${rep(n, (i) => `        line ${i} ${'z'.repeat(20)}\n`)}`) },
  { name: 'heat deep flow nesting', lang: 'yaml', n: 80, max: 300, make: (n) => heat(`      metadata: {k: ${nest(n, 'a')}}\n`) },
  { name: 'heat deep block nesting', lang: 'yaml', n: 80, max: 300, make: (n) => heat(`      metadata:\n${rep(n, (i) => `${'  '.repeat(i + 4)}k${i}:\n`)}${'  '.repeat(n + 4)}v\n`) },
  { name: 'heat deep functions str_replace', lang: 'yaml', n: 50, max: 150, make: (n) => heatName(`${rep(n, () => '{str_replace: {template: "a$b", params: {"$b": ')}x${'}}}'.repeat(n)}`) },
  { name: 'heat deep functions list_join', lang: 'yaml', n: 50, max: 300, make: (n) => heatName(`${"{list_join: ['-', [".repeat(n)}x${']]}'.repeat(n)}`) },
  { name: 'heat many functions list_join items', lang: 'yaml', n: 500, make: (n) => heatName(`{list_join: [',', [${rep(n, (i) => `{str_replace: {template: "a$x", params: {$x: ${i}}}}`, ', ')}]]}`) },
  { name: 'heat many get_param', lang: 'yaml', n: 300, make: (n) => heat(`      name: {list_join: [',', [${rep(n, (i) => `{get_param: p${i}}`, ', ')}]]}\n`, `parameters:\n${rep(n, (i) => `  p${i}: {type: string, default: v${i}}\n`)}`) },
  { name: 'heat many parameters with constraints', lang: 'yaml', n: 200, make: (n) => heat('', `parameters:\n${rep(n, (i) => `  p${i}:\n    type: string\n    default: abc${i}\n    constraints:\n      - allowed_pattern: "[a-z]+[0-9]*"\n      - length: {min: 1, max: 100}\n      - allowed_values: [${rep(20, (j) => `abc${j}`, ', ')}]\n`)}`) },
  { name: 'heat allowed_pattern long subject', lang: 'yaml', n: 5000, make: (n) => heat('      name: {get_param: p}\n', `parameters:\n  p:\n    type: string\n    default: ${'a'.repeat(n)}b\n    constraints:\n      - allowed_pattern: "(a|aa)*c"\n`) },
  { name: 'heat allowed_pattern long pattern', lang: 'yaml', n: 500, make: (n) => heat('      name: {get_param: p}\n', `parameters:\n  p:\n    type: string\n    default: ${'a'.repeat(n)}\n    constraints:\n      - allowed_pattern: "${'a?'.repeat(n)}${'a'.repeat(n)}"\n`) },
  { name: 'heat huge numbers', lang: 'yaml', n: 2000, make: (n) => heat(`      block_device_mapping_v2: [{volume_id: ${U(1)}, boot_index: ${'9'.repeat(n)}, volume_size: ${'1'.repeat(n)}.5}]\n`) },
  { name: 'heat huge number parameter range', lang: 'yaml', n: 2000, make: (n) => heat(`      block_device_mapping_v2: [{volume_id: ${U(1)}, boot_index: 0, volume_size: {get_param: s}}]\n`, `parameters:\n  s:\n    type: number\n    default: ${'9'.repeat(n)}\n    constraints: [{range: {min: 1, max: ${'8'.repeat(n)}}}]\n`) },
  { name: 'heat long line flow', lang: 'yaml', n: 300, make: (n) => heat(`      block_device_mapping_v2: [${rep(n, (i) => `{volume_id: ${U(i)}, boot_index: ${i ? -1 : 0}}`, ', ')}]\n`) },
  { name: 'heat many anchors and aliases', lang: 'yaml', n: 1000, make: (n) => heat(`      metadata:\n${rep(n, (i) => `        k${i}: ${i ? `&a${i} [*a${i - 1}]` : '&a0 x'}\n`)}`) },
  { name: 'heat alias fanout', lang: 'yaml', n: 20, max: 40, make: (n) => heat(`      metadata:\n        k0: &a0 [x, x]\n${rep(n, (i) => `        k${i + 1}: &a${i + 1} [*a${i}, *a${i}]\n`)}`) },
  { name: 'heat many conditions', lang: 'yaml', n: 300, make: (n) => heat('      name: {if: [c0, a, b]}\n', `parameters:\n  e: {type: string, default: prod}\nconditions:\n${rep(n, (i) => `  c${i}: ${i ? `{and: [c${i - 1}, {equals: [{get_param: e}, prod]}]}` : '{equals: [{get_param: e}, prod]}'}\n`)}`) },
  { name: 'heat deep condition nesting', lang: 'yaml', n: 50, max: 150, make: (n) => heat('      name: {if: [c, a, b]}\n', `conditions:\n  c: ${'{not: '.repeat(n)}true${'}'.repeat(n)}\n`) },
  { name: 'heat repeat for_each product', lang: 'yaml', n: 30, make: (n) => heatName(`{list_join: [',', {repeat: {for_each: {"%a%": [${rep(n, (i) => `a${i}`, ', ')}], "%b%": [${rep(n, (i) => `b${i}`, ', ')}]}, template: "%a%-%b%"}}]}`) },
  { name: 'heat yaql long expression', lang: 'yaml', n: 300, make: (n) => heatName(`{yaql: {expression: "${rep(n, (i) => `$.data.a${i % 5}`, ' + ')}", data: {a0: x, a1: y, a2: z, a3: u, a4: v}}}`) },
  { name: 'heat yaql deep parens', lang: 'yaml', n: 50, max: 150, make: (n) => heatName(`{yaql: {expression: "${'('.repeat(n)}$.data${')'.repeat(n)}", data: x}}`) },
  { name: 'heat yaql many method calls', lang: 'yaml', n: 200, make: (n) => heatName(`{yaql: {expression: "$.data${'.toUpper().toLower()'.repeat(n)}", data: abc}}`) },
  { name: 'heat yaql range select', lang: 'yaml', n: 2000, make: (n) => heatName(`{yaql: {expression: "range(${n}).select(str($)).join(',')", data: {}}}`) },
  { name: 'heat json parameter big', lang: 'yaml', n: 1000, make: (n) => heat('      metadata: {get_param: j}\n', `parameters:\n  j:\n    type: json\n    default: '{${rep(n, (i) => `"k${i}": "v${i}"`, ', ')}}'\n`) },
  { name: 'heat comma_delimited_list parameter', lang: 'yaml', n: 2000, make: (n) => heat('      security_groups: {get_param: l}\n', `parameters:\n  l:\n    type: comma_delimited_list\n    default: "${rep(n, (i) => `g${i}`, ',')}"\n`) },
  { name: 'heat many resources depends_on chain', lang: 'yaml', n: 200, make: (n) => heat('', '', rep(n, (i) => `  r${i}:\n    type: OS::Cinder::Volume\n    depends_on: [${i ? `r${i - 1}` : 'srv'}]\n    properties: {size: 1}\n`)) },
  { name: 'heat many get_attr refs', lang: 'yaml', n: 200, make: (n) => heat(`      block_device_mapping_v2:\n${rep(n, (i) => `        - {volume_id: {get_resource: v${i}}, boot_index: ${i ? -1 : 0}}\n`)}`, '', rep(n, (i) => `  v${i}:\n    type: OS::Cinder::Volume\n    properties: {size: {get_attr: [v${(i + 1) % n}, size]}}\n`)) },
  { name: 'heat many comments', lang: 'yaml', n: 3000, make: (n) => heat(rep(n, (i) => `      # comment ${i} ${'c'.repeat(30)}\n`)) },
  { name: 'heat many yaml errors', lang: 'yaml', n: 500, make: (n) => heat(`      metadata:\n${rep(n, (i) => `        k${i}: [a, b\n`)}`) },
  { name: 'heat cron constraint parameters', lang: 'yaml', n: 100, make: (n) => heat('', `parameters:\n${rep(n, (i) => `  p${i}:\n    type: string\n    default: "${rep(5, () => '1-59/2,' + rep(20, (j) => String(j), ','))}"\n    constraints: [{custom_constraint: cron_expression}]\n`)}`) },
  { name: 'heat ip constraint parameters', lang: 'yaml', n: 200, make: (n) => heat('', `parameters:\n${rep(n, (i) => `  p${i}:\n    type: string\n    default: "10.${i % 255}.0.0/16"\n    constraints: [{custom_constraint: net_cidr}, {custom_constraint: ip_addr}]\n`)}`) },
];

// ---------------------------------------------------------------- Terraform

const TFVM = (lines: string) => `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n${lines}\n}\n`;
const tfBd = (i: number) => `  block_device {\n    uuid                  = "${U(i)}"\n    source_type           = "volume"\n    destination_type      = "volume"\n    boot_index            = ${i ? -1 : 0}\n    delete_on_termination = false\n  }\n`;
const tfBad = (i: number) => `  block_device {\n    uuid             = "${U(i)}"\n    source_type      = "volume"\n    destination_type = "local"\n    boot_index       = ${i}\n    volume_size      = -1\n    disk_bus         = "floppy"\n  }\n`;
const tfName = (expr: string, pre = '') => `${pre}${TFVM(`  image_name = "cirros"\n  metadata = { k = ${expr} }\n${tfBd(0)}`)}`;

const TF_CASES: Case[] = [
  { name: 'tf many block_device', lang: 'terraform', n: 200, make: (n) => TFVM(rep(n, tfBd)) },
  { name: 'tf many diagnostics', lang: 'terraform', n: 200, make: (n) => TFVM(rep(n, tfBad)) },
  { name: 'tf many resources', lang: 'terraform', n: 50, make: (n) => rep(n, (i) => TFVM(tfBad(0)).replace('"vm" {', `"vm${i}" {`)) },
  { name: 'tf repeated attribute', lang: 'terraform', n: 2000, make: (n) => TFVM(rep(n, (i) => `  image_name = "c${i}"\n`)) },
  { name: 'tf repeated keys in object', lang: 'terraform', n: 2000, make: (n) => TFVM(`  metadata = {\n${rep(n, (i) => `    k${i % 7} = "v${i}"\n`)}  }\n${tfBd(0)}`) },
  { name: 'tf many metadata keys', lang: 'terraform', n: 2000, make: (n) => TFVM(`  metadata = {\n${rep(n, (i) => `    k${i} = "v${i}"\n`)}  }\n${tfBd(0)}`) },
  { name: 'tf long string', lang: 'terraform', n: 20000, make: (n) => tfName(`"${'x'.repeat(n * 10)}"`) },
  { name: 'tf long identifier', lang: 'terraform', n: 20000, make: (n) => tfName(`local.${'x'.repeat(n * 10)}`, `locals {\n  ${'x'.repeat(n * 10)} = "v"\n}\n`) },
  { name: 'tf many escapes', lang: 'terraform', n: 5000, make: (n) => tfName(`"${'\\u00e9\\n\\"$${x}%%{y}'.repeat(n)}"`) },
  { name: 'tf many interpolations', lang: 'terraform', n: 1000, make: (n) => tfName(`"${rep(n, (i) => `a\${${i}}b`)}"`) },
  { name: 'tf template directives for', lang: 'terraform', n: 500, make: (n) => tfName(`"%{ for x in [${rep(n, (i) => `"${i}"`, ',')}] }\${x}%{ endfor }"`) },
  { name: 'tf heredoc lines', lang: 'terraform', n: 5000, make: (n) => tfName(`<<-EOT\n${rep(n, (i) => `    line \${${i}} ${'z'.repeat(20)}\n`)}    EOT`) },
  { name: 'tf deep parens', lang: 'terraform', n: 80, max: 300, make: (n) => tfName(`${'('.repeat(n)}"x"${')'.repeat(n)}`) },
  { name: 'tf deep lists', lang: 'terraform', n: 80, max: 300, make: (n) => tfName(`jsonencode(${nest(n, '"x"')})`) },
  { name: 'tf deep function calls', lang: 'terraform', n: 80, max: 300, make: (n) => tfName(`${'upper('.repeat(n)}"x"${')'.repeat(n)}`) },
  { name: 'tf deep conditionals', lang: 'terraform', n: 80, max: 300, make: (n) => tfName(`${'true ? '.repeat(n)}"x"${' : "y"'.repeat(n)}`) },
  { name: 'tf many function args join', lang: 'terraform', n: 2000, make: (n) => tfName(`join(",", [${rep(n, (i) => `"a${i}"`, ', ')}])`) },
  { name: 'tf many functions chained', lang: 'terraform', n: 300, make: (n) => tfName(rep(n, (i) => `upper(format("%s-%d", "a", ${i}))`, ' == ')) },
  { name: 'tf many concat', lang: 'terraform', n: 300, make: (n) => tfName(`join(",", concat(${rep(n, (i) => `["a${i}", "b"]`, ', ')}))`) },
  { name: 'tf for expression range', lang: 'terraform', n: 2000, make: (n) => tfName(`join(",", [for i in range(${n}) : tostring(i)])`) },
  { name: 'tf for expression literal list', lang: 'terraform', n: 1000, make: (n) => tfName(`join(",", [for x in [${rep(n, (i) => `"a${i}"`, ', ')}] : upper(x) if x != "a1"])`) },
  { name: 'tf for object grouping', lang: 'terraform', n: 1000, make: (n) => tfName(`jsonencode({for x in [${rep(n, (i) => `"a${i % 10}"`, ', ')}] : x => x...})`) },
  { name: 'tf nested for', lang: 'terraform', n: 40, make: (n) => tfName(`length(flatten([for a in range(${n}) : [for b in range(${n}) : "\${a}-\${b}"]]))`) },
  { name: 'tf huge numbers', lang: 'terraform', n: 2000, make: (n) => tfName(`"\${${'9'.repeat(n)} + ${'1'.repeat(n)}}"`) },
  { name: 'tf huge number literals in block', lang: 'terraform', n: 2000, make: (n) => TFVM(`  block_device {\n    uuid = "${U(1)}"\n    source_type = "volume"\n    destination_type = "volume"\n    boot_index = ${'9'.repeat(n)}\n    volume_size = ${'1'.repeat(n)}.5\n  }\n`) },
  { name: 'tf many arithmetic ops', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring(${rep(n, (i) => `${i} * 3`, ' + ')})`) },
  { name: 'tf long line one-line object', lang: 'terraform', n: 2000, make: (n) => TFVM(`  metadata = { ${rep(n, (i) => `k${i} = "v${i}"`, ', ')} }\n${tfBd(0)}`) },
  { name: 'tf many locals chain', lang: 'terraform', n: 300, make: (n) => `locals {\n${rep(n, (i) => `  a${i} = ${i ? `"\${local.a${i - 1}}x"` : '"x"'}\n`)}}\n${tfName(`local.a${n - 1}`)}` },
  { name: 'tf many variables', lang: 'terraform', n: 500, make: (n) => `${rep(n, (i) => `variable "v${i}" {\n  type    = string\n  default = "d${i}"\n  validation {\n    condition     = length(var.v${i}) > 0\n    error_message = "x"\n  }\n}\n`)}${tfName(`join(",", [${rep(n, (i) => `var.v${i}`, ', ')}])`)}` },
  { name: 'tf count resources', lang: 'terraform', n: 500, make: (n) => TFVM(`  count = ${n}\n${tfBad(0)}`) },
  { name: 'tf for_each resources', lang: 'terraform', n: 500, make: (n) => TFVM(`  for_each = toset([${rep(n, (i) => `"k${i}"`, ', ')}])\n${tfBad(0)}`) },
  { name: 'tf replace regex long subject', lang: 'terraform', n: 2000, make: (n) => tfName(`replace("${'ab'.repeat(n)}", "/(a|ab)*c/", "x")`) },
  { name: 'tf regex long pattern', lang: 'terraform', n: 300, make: (n) => tfName(`replace("${'a'.repeat(n)}", "/${'a?'.repeat(n)}${'a'.repeat(n)}/", "x")`) },
  { name: 'tf comments many', lang: 'terraform', n: 3000, make: (n) => TFVM(`${rep(n, (i) => `  # c${i} ${'c'.repeat(30)}\n  /* b */\n`)}${tfBd(0)}`) },
  { name: 'tf syntax errors many', lang: 'terraform', n: 500, make: (n) => `${rep(n, (i) => `resource "x" "y${i}" {\n  a = (\n}\n`)}${TFVM(tfBd(0))}` },
  { name: 'tf format verbs many', lang: 'terraform', n: 1000, make: (n) => tfName(`format("${'%s %d %q %v %08.3f|'.repeat(n)}", ${rep(n, () => '"a", 1, "b", true, 1.5', ', ')})`) },
  { name: 'tf splat and index', lang: 'terraform', n: 1000, make: (n) => tfName(`join(",", [${rep(n, (i) => `{a = "x${i}"}`, ', ')}][*].a)`) },
  { name: 'tf length graphemes', lang: 'terraform', n: 5000, make: (n) => tfName(`tostring(length("${'e\u0301👩‍👩‍👧'.repeat(n)}"))`) },
  { name: 'tf tolist toset distinct', lang: 'terraform', n: 1000, make: (n) => tfName(`join(",", distinct(tolist(toset([${rep(n, (i) => `"a${i % 50}"`, ', ')}]))))`) },
  { name: 'tf merge many maps', lang: 'terraform', n: 500, make: (n) => tfName(`jsonencode(merge(${rep(n, (i) => `{k${i} = "v", k = "${i}"}`, ', ')}))`) },
];

// ---------------------------------------------------------------- openstack CLI in scripts

const OSC = (extra = '', name = 'vm') => `openstack server create --flavor m1 --image cirros --network none${extra} ${name}`;
const BD = (i: number) => ` --block-device uuid=${U(i)},source_type=volume,destination_type=volume,boot_index=${i ? -1 : 0}`;
const BDBAD = (i: number) => ` --block-device uuid=${U(i)},sourcetype=volume,destination_type=local,boot_index=${i},disk_bus=floppy`;
const sh = (body: string) => `#!/bin/bash\n${body}\n`;

const OSC_CASES: Case[] = [
  { name: 'sh many commands', lang: 'shell', n: 100, make: (n) => sh(rep(n, (i) => OSC(BD(i), `vm${i}`), '\n')) },
  { name: 'sh many diagnostics', lang: 'shell', n: 100, make: (n) => sh(rep(n, (i) => OSC(BDBAD(i), `vm${i}`), '\n')) },
  { name: 'sh many block devices one command', lang: 'shell', n: 200, make: (n) => sh(OSC(rep(n, BD))) },
  { name: 'sh many bad block devices one command', lang: 'shell', n: 200, make: (n) => sh(OSC(rep(n, BDBAD))) },
  { name: 'sh repeated options', lang: 'shell', n: 2000, make: (n) => sh(OSC(rep(n, (i) => ` --flavor f${i}`) + BD(0))) },
  { name: 'sh many properties', lang: 'shell', n: 2000, make: (n) => sh(OSC(rep(n, (i) => ` --property k${i % 9}=v${i}`) + BD(0))) },
  { name: 'sh long word', lang: 'shell', n: 20000, make: (n) => sh(OSC(BD(0), 'v'.repeat(n * 10))) },
  { name: 'sh long option value', lang: 'shell', n: 20000, make: (n) => sh(OSC(` --block-device uuid=${U(0)},source_type=volume,destination_type=volume,boot_index=0,device_name=${'v'.repeat(n * 10)}`)) },
  { name: 'sh many backslash escapes', lang: 'shell', n: 5000, make: (n) => sh(OSC(BD(0), `v${'\\x\\ \\"'.repeat(n)}`)) },
  { name: 'sh many quotes', lang: 'shell', n: 5000, make: (n) => sh(OSC(BD(0), `${`'a'"b"`.repeat(n)}`)) },
  { name: 'sh ansi-c quotes escapes', lang: 'shell', n: 3000, make: (n) => sh(OSC(BD(0), `$'${"\\x41\\n\\u00e9\\'".repeat(n)}'`)) },
  { name: 'sh line continuations', lang: 'shell', n: 2000, make: (n) => sh(`openstack server create \\\n${rep(n, (i) => `  --property k${i}=v \\\n`)}  --flavor m1 --image cirros --network none${BD(0)} vm`) },
  { name: 'sh brace expansion list', lang: 'shell', n: 1000, make: (n) => sh(OSC(BD(0), `vm{${rep(n, (i) => `a${i}`, ',')}}`)) },
  { name: 'sh brace expansion product', lang: 'shell', n: 6, max: 13, make: (n) => sh(OSC(BD(0), `vm${'{a,b}'.repeat(n)}`)) },
  { name: 'sh brace expansion sequence', lang: 'shell', n: 1000, make: (n) => sh(OSC(BD(0), `--property k{1..${n}}=v vm`)) },
  { name: 'sh brace nesting deep', lang: 'shell', n: 50, max: 250, make: (n) => sh(OSC(BD(0), `vm${'{a,'.repeat(n)}b${'}'.repeat(n)}`)) },
  { name: 'sh many unmatched braces', lang: 'shell', n: 3000, make: (n) => sh(OSC(BD(0), `vm${'{a,b'.repeat(n)}`)) },
  { name: 'sh backquotes nested', lang: 'shell', n: 10, max: 20, make: (n) => { let s = 'echo x'; for (let i = 0; i < n; i++) s = `echo \`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``; return sh(OSC(BD(0), `vm-\`${s}\``)); } },
  { name: 'sh many backquotes', lang: 'shell', n: 1000, make: (n) => sh(OSC(BD(0), rep(n, (i) => `\`echo ${i}\``))) },
  { name: 'sh deep $( ) nesting', lang: 'shell', n: 50, max: 250, make: (n) => sh(OSC(BD(0), `${'$(echo '.repeat(n)}x${')'.repeat(n)}`)) },
  { name: 'sh many heredocs', lang: 'shell', n: 300, make: (n) => sh(rep(n, (i) => `cat <<EOF${i} >/tmp/x\nline ${i}\n$(openstack server list)\nEOF${i}\n${OSC(BD(i), `vm${i}`)}`, '\n')) },
  { name: 'sh heredoc long', lang: 'shell', n: 5000, make: (n) => sh(`bash <<'EOF'\n${rep(n, (i) => `echo line ${i} ${'z'.repeat(20)}`, '\n')}\n${OSC(BD(0))}\nEOF`) },
  { name: 'sh heredoc run by bash many commands', lang: 'shell', n: 100, make: (n) => sh(`bash <<EOF\n${rep(n, (i) => OSC(BDBAD(i), `vm${i}`), '\n')}\nEOF`) },
  { name: 'sh many variables', lang: 'shell', n: 1000, make: (n) => sh(`${rep(n, (i) => `V${i}=${i ? `"$V${i - 1}x"` : 'x'}`, '\n')}\n${OSC(BD(0), `"$V${n - 1}"`)}`) },
  { name: 'sh many param expansions', lang: 'shell', n: 1000, make: (n) => sh(`A=abc\n${OSC(BD(0), rep(n, () => '${A:-x}${A#a}${A%c}'))}`) },
  { name: 'sh many functions', lang: 'shell', n: 300, make: (n) => sh(`${rep(n, (i) => `f${i}() {\n  ${i ? `f${i - 1} "$@"` : OSC(BD(0), '"$1"')}\n}`, '\n')}\nf${n - 1} vm`) },
  { name: 'sh many if conditions', lang: 'shell', n: 300, make: (n) => sh(`X=1\n${rep(n, (i) => `if [ "$X" = ${i % 2} ]; then\n  ${OSC(BD(i), `vm${i}`)}\nfi`, '\n')}`) },
  { name: 'sh case many patterns', lang: 'shell', n: 1000, make: (n) => sh(`X=a\ncase "$X" in\n${rep(n, (i) => `  p${i}|q${i}) echo ${i} ;;\n`)}  *) ${OSC(BD(0))} ;;\nesac`) },
  { name: 'sh many comments', lang: 'shell', n: 3000, make: (n) => sh(`${rep(n, (i) => `# comment ${i} ${'c'.repeat(30)}`, '\n')}\n${OSC(BD(0))}`) },
  { name: 'sh long pipeline', lang: 'shell', n: 1000, make: (n) => sh(`${OSC(BD(0))} ${rep(n, () => '| cat ')}`) },
  { name: 'sh many && chains', lang: 'shell', n: 1000, make: (n) => sh(`${rep(n, (i) => `true ${i}`, ' && ')} && ${OSC(BD(0))}`) },
  { name: 'sh sh -c nested quoting', lang: 'shell', n: 200, make: (n) => sh(`sh -c '${rep(n, (i) => OSC(BD(i), `vm${i}`), '; ')}'`) },
  { name: 'sh huge numbers', lang: 'shell', n: 2000, make: (n) => sh(OSC(` --block-device uuid=${U(0)},source_type=volume,destination_type=volume,boot_index=${'9'.repeat(n)},volume_size=${'1'.repeat(n)}`)) },
  { name: 'sh os-compute-api-version many', lang: 'shell', n: 1000, make: (n) => sh(rep(n, (i) => `export OS_COMPUTE_API_VERSION=2.${i % 90}`, '\n') + '\n' + OSC(BD(0))) },
  { name: 'sh markdown many fences', lang: 'markdown', n: 100, make: (n) => rep(n, (i) => `Step ${i}\n\n\`\`\`sh\n${OSC(BDBAD(i), `vm${i}`)}\n\`\`\`\n\n`) },
  { name: 'sh markdown many non-shell fences', lang: 'markdown', n: 1000, make: (n) => rep(n, (i) => `## Step ${i}\n\n\`\`\`python\nprint(${i})\n\`\`\`\n\n`) + `\`\`\`sh\n${OSC(BD(0))}\n\`\`\`\n` },
  { name: 'sh server add volume many', lang: 'shell', n: 200, make: (n) => sh(rep(n, (i) => `openstack server add volume --device /dev/vd${i} --tag t${i} vm${i} vol${i}`, '\n')) },
  { name: 'sh many unclosed quotes lines', lang: 'shell', n: 1000, make: (n) => sh(`${OSC(BD(0))}\n${rep(n, (i) => `echo "a${i}`, '\n')}`) },
  { name: 'sh arithmetic expansion deep', lang: 'shell', n: 50, max: 250, make: (n) => sh(OSC(BD(0), `vm$((${'('.repeat(n)}1${')'.repeat(n)}))`)) },
];

// ---------------------------------------------------------------- Ansible

const PLAY = (vars: string, task: string, more = '') => `- hosts: localhost\n  vars:\n    n: 15\n    s: abc\n${vars}  tasks:\n${more}    - openstack.cloud.server:\n${task}`;
const TASK = (extra = '', name = 'vm') => `        name: ${name}\n        image: cirros\n        flavor: m1\n        boot_from_volume: true\n        volume_size: 1\n${extra}`;
const ans = (expr: string, vars = '') => PLAY(vars, TASK('', JSON.stringify(`{{ ${expr} }}`)));
const ansVol = (i: number) => `          - {volume: v${i}, device: /dev/vd${i}}\n`;

const ANS_CASES: Case[] = [
  { name: 'ans many tasks', lang: 'yaml', n: 50, make: (n) => PLAY('', TASK(), rep(n, (i) => `    - openstack.cloud.server:\n${TASK('        volume_size: -1\n', `vm${i}`)}`)) },
  { name: 'ans many other tasks', lang: 'yaml', n: 500, make: (n) => PLAY('', TASK(), rep(n, (i) => `    - debug: {msg: "{{ s }} ${i}"}\n`)) },
  { name: 'ans many volumes', lang: 'yaml', n: 200, make: (n) => PLAY('', TASK(`        volumes:\n${rep(n, ansVol)}`)) },
  { name: 'ans many vars', lang: 'yaml', n: 1000, make: (n) => PLAY(rep(n, (i) => `    v${i}: x${i}\n`), TASK()) },
  { name: 'ans vars chain', lang: 'yaml', n: 200, make: (n) => PLAY(rep(n, (i) => `    v${i}: "${i ? `{{ v${i - 1} }}x` : 'x'}"\n`), TASK('', JSON.stringify(`{{ v${n - 1} }}`))) },
  { name: 'ans vars fanout', lang: 'yaml', n: 12, max: 20, make: (n) => PLAY(rep(n, (i) => `    v${i}: "${i ? `{{ v${i - 1} }}{{ v${i - 1} }}` : 'x'}"\n`), TASK('', JSON.stringify(`{{ v${n - 1} | length }}`))) },
  { name: 'ans repeated keys', lang: 'yaml', n: 2000, make: (n) => PLAY('', TASK(rep(n, (i) => `        meta_k${i % 3}: v\n        name: n${i}\n`).replace(/meta_k\d: v\n/g, ''))) },
  { name: 'ans repeated keys in meta', lang: 'yaml', n: 2000, make: (n) => PLAY('', TASK(`        meta:\n${rep(n, (i) => `          k${i % 7}: v${i}\n`)}`)) },
  { name: 'ans long string', lang: 'yaml', n: 20000, make: (n) => PLAY('', TASK('', 'x'.repeat(n * 10))) },
  { name: 'ans long template string literal', lang: 'yaml', n: 20000, make: (n) => ans(`'${'x'.repeat(n * 10)}'`) },
  { name: 'ans many escapes in jinja string', lang: 'yaml', n: 3000, make: (n) => ans(`'${'\\x41\\n\\u00e9\\\''.repeat(n)}'`) },
  { name: 'ans many filters chained', lang: 'yaml', n: 500, make: (n) => ans(`s${' | upper | lower'.repeat(n)}`) },
  { name: 'ans many filters replace', lang: 'yaml', n: 300, make: (n) => ans(`s${rep(n, (i) => ` | replace('a', 'b${i % 3}')`)}`) },
  { name: 'ans many templates in one string', lang: 'yaml', n: 2000, make: (n) => PLAY('', TASK('', JSON.stringify(rep(n, (i) => `{{ s }}-${i}-`)))) },
  { name: 'ans deep parens', lang: 'yaml', n: 50, max: 250, make: (n) => ans(`${'('.repeat(n)}s${')'.repeat(n)}`) },
  { name: 'ans deep lists', lang: 'yaml', n: 50, max: 250, make: (n) => ans(`${nest(n, 's')} | string`) },
  { name: 'ans deep filter args', lang: 'yaml', n: 30, max: 150, make: (n) => ans(`${"s | replace('a', ".repeat(n)}'x'${')'.repeat(n)}`) },
  { name: 'ans deep vars nesting', lang: 'yaml', n: 50, max: 250, make: (n) => PLAY(`    d:\n${rep(n, (i) => `${'  '.repeat(i + 3)}k:\n`)}${'  '.repeat(n + 3)}v\n`, TASK(`        meta: "{{ d }}"\n`)) },
  { name: 'ans deep task args nesting', lang: 'yaml', n: 50, max: 250, make: (n) => PLAY('', TASK(`        meta: ${'{k: '.repeat(n)}v${'}'.repeat(n)}\n`)) },
  { name: 'ans string concat tilde', lang: 'yaml', n: 2000, make: (n) => ans(rep(n, (i) => `s ~ '${i}'`, ' ~ ')) },
  { name: 'ans string concat plus', lang: 'yaml', n: 2000, make: (n) => ans(rep(n, (i) => `s + '${i}'`, ' + ')) },
  { name: 'ans string repeat huge', lang: 'yaml', n: 20000, make: (n) => ans(`('ab' * ${n * 5}) | length`) },
  { name: 'ans range list join', lang: 'yaml', n: 5000, make: (n) => ans(`range(${n}) | map('string') | join(',')`) },
  { name: 'ans big literal list filters', lang: 'yaml', n: 1000, make: (n) => ans(`[${rep(n, (i) => `'a${i % 50}'`, ', ')}] | unique | sort | join(',')`) },
  { name: 'ans select reject map', lang: 'yaml', n: 1000, make: (n) => ans(`[${rep(n, (i) => String(i), ', ')}] | select('odd') | reject('equalto', 3) | map('string') | join(',')`) },
  { name: 'ans dict combine many', lang: 'yaml', n: 500, make: (n) => ans(`{} ${rep(n, (i) => `| combine({'k${i}': ${i}, 'k': 1})`)} | length`) },
  { name: 'ans dict2items items2dict', lang: 'yaml', n: 1000, make: (n) => ans(`{${rep(n, (i) => `'k${i}': ${i}`, ', ')}} | dict2items | items2dict | length`) },
  { name: 'ans huge numbers', lang: 'yaml', n: 2000, make: (n) => ans(`${'9'.repeat(n)} * ${'9'.repeat(n)}`) },
  { name: 'ans huge int to string', lang: 'yaml', n: 1000, make: (n) => ans(`(${'9'.repeat(n)} ** 3) | string | length`) },
  { name: 'ans huge float literal', lang: 'yaml', n: 2000, make: (n) => PLAY('', TASK().replace('volume_size: 1', `volume_size: ${'9'.repeat(n)}.${'1'.repeat(n)}`)) },
  { name: 'ans pow big', lang: 'yaml', n: 2000, make: (n) => ans(`(7 ** ${n}) | string | length`) },
  { name: 'ans loop many items', lang: 'yaml', n: 1000, make: (n) => `${PLAY('', TASK('', '"vm{{ item }}"'))}      loop: [${rep(n, (i) => String(i), ', ')}]\n` },
  { name: 'ans with_items nested lists', lang: 'yaml', n: 1000, make: (n) => `${PLAY('', TASK('', '"vm{{ item }}"'))}      with_items: [${rep(n, (i) => `[${i}, [${i}]]`, ', ')}]\n` },
  { name: 'ans with_nested product', lang: 'yaml', n: 30, make: (n) => `${PLAY('', TASK('', '"vm{{ item[0] }}{{ item[1] }}"'))}      with_nested:\n        - [${rep(n, (i) => String(i), ', ')}]\n        - [${rep(n, (i) => String(i), ', ')}]\n` },
  { name: 'ans loop range', lang: 'yaml', n: 5000, make: (n) => `${PLAY('', TASK('', '"vm{{ item }}"'))}      loop: "{{ range(${n}) | list }}"\n` },
  { name: 'ans when many conditions', lang: 'yaml', n: 1000, make: (n) => `${PLAY('', TASK())}      when:\n${rep(n, (i) => `        - n > ${i % 10} or s == 'abc'\n`)}` },
  { name: 'ans regex_replace long subject', lang: 'yaml', n: 2000, make: (n) => ans(`('ab' * ${n}) | regex_replace('(a|ab)*c', 'x')`) },
  { name: 'ans regex long pattern', lang: 'yaml', n: 200, make: (n) => ans(`('a' * ${n}) | regex_search('${'a?'.repeat(n)}${'a'.repeat(n)}')`) },
  { name: 'ans format many', lang: 'yaml', n: 1000, make: (n) => ans(`'${'%s %d %r|'.repeat(n)}' % (${rep(n, () => "'a', 1, 'b'", ', ')},)`) },
  { name: 'ans str format method', lang: 'yaml', n: 1000, make: (n) => ans(`'${'{}-{0}|'.repeat(n)}'.format('a')`) },
  { name: 'ans many diagnostics', lang: 'yaml', n: 100, make: (n) => PLAY('', TASK(`        volumes:\n${rep(n, (i) => `          - {volume: v${i}, device: /dev/sd${i % 3}}\n`)}        nics: [{port-id: x, net-name: y}]\n        meta: {k: [1]}\n`)) },
  { name: 'ans jinja statement blocks', lang: 'yaml', n: 500, make: (n) => PLAY('', TASK('', JSON.stringify(`{% for i in range(${n}) %}{% if i is odd %}{{ i }}{% endif %}{% endfor %}`))) },
  { name: 'ans jinja set many', lang: 'yaml', n: 500, make: (n) => PLAY('', TASK('', JSON.stringify(`${rep(n, (i) => `{% set x${i} = ${i} %}`)}{{ x0 }}`))) },
  { name: 'ans long word key', lang: 'yaml', n: 20000, make: (n) => PLAY(`    ${'k'.repeat(n * 10)}: v\n`, TASK()) },
  { name: 'ans many comments', lang: 'yaml', n: 3000, make: (n) => PLAY(rep(n, (i) => `    # comment ${i} ${'c'.repeat(30)}\n`), TASK()) },
  { name: 'ans vars_files and include many', lang: 'yaml', n: 500, make: (n) => PLAY('', TASK(), rep(n, (i) => `    - include_tasks: t${i}.yml\n`)) },
  { name: 'ans lookup and undefined many', lang: 'yaml', n: 1000, make: (n) => ans(rep(n, (i) => `(u${i} | default('a'))`, ' ~ ')) },
  { name: 'ans to_json from_json', lang: 'yaml', n: 1000, make: (n) => ans(`{${rep(n, (i) => `'k${i}': [${i}, 'x']`, ', ')}} | to_json | from_json | length`) },
  { name: 'ans b64 and hash filters', lang: 'yaml', n: 2000, make: (n) => ans(`('ab' * ${n}) | b64encode | b64decode | hash('sha1')`) },
];

/** a second batch: orders and references a first pass did not reach (chains read backwards, groups, aliases) */
const MORE_CASES: Case[] = [
  { name: 'json many entries device names', lang: 'json', n: 500, make: (n) => body(rep(n, (i) => `{"source_type": "volume", "uuid": "${U(i)}", "destination_type": "volume", "boot_index": ${i ? -1 : 0}, "device_name": "/dev/vd${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}"}`, ',\n    ')) },
  { name: 'json many blank entries sizes', lang: 'json', n: 500, make: (n) => body(rep(n, (i) => `{"source_type": "blank", "destination_type": "local", "boot_index": -1, "volume_size": ${i % 5}, "guest_format": "${i % 2 ? 'swap' : 'ext4'}"}`, ',\n    ')) },
  { name: 'heat parameter_groups many', lang: 'yaml', n: 300, make: (n) => heat('', `parameter_groups:\n  - label: g\n    parameters: [${rep(n, (i) => `p${i}`, ', ')}]\nparameters:\n${rep(n, (i) => `  p${i}: {type: string, default: v${i}}\n`)}`) },
  { name: 'heat many outputs', lang: 'yaml', n: 300, make: (n) => heat('', '', '') + `outputs:\n${rep(n, (i) => `  o${i}: {value: {get_attr: [srv, name]}, description: d${i}}\n`)}` },
  { name: 'heat depends_on list many', lang: 'yaml', n: 300, make: (n) => heat(`    depends_on: [${rep(n, (i) => `v${i}`, ', ')}]\n`.replace(/^/, ''), '', rep(n, (i) => `  v${i}:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n`)).replace('    properties:\n      flavor', `    depends_on: [${rep(n, (i) => `v${i}`, ', ')}]\n    properties:\n      flavor`).replace(/    depends_on: \[[^\]]*\]\n$/m, '') },
  { name: 'heat conditions reverse chain', lang: 'yaml', n: 300, make: (n) => heat('      name: {if: [c0, a, b]}\n', `parameters:\n  e: {type: string, default: prod}\nconditions:\n${rep(n, (i) => `  c${i}: ${i < n - 1 ? `{and: [c${i + 1}, {equals: [{get_param: e}, prod]}]}` : '{equals: [{get_param: e}, prod]}'}\n`)}`) },
  { name: 'heat resources reverse get_attr chain', lang: 'yaml', n: 200, make: (n) => heat(`      block_device_mapping_v2: [{volume_id: {get_resource: v0}, boot_index: 0}]\n`, '', rep(n, (i) => `  v${i}:\n    type: OS::Cinder::Volume\n    properties: {size: ${i < n - 1 ? `{get_attr: [v${i + 1}, size]}` : 1}}\n`)) },
  { name: 'tf locals reverse chain', lang: 'terraform', n: 300, make: (n) => `locals {\n${rep(n, (i) => `  a${i} = ${i < n - 1 ? `"\${local.a${i + 1}}x"` : '"x"'}\n`)}}\n${tfName('local.a0')}` },
  { name: 'tf locals many blocks reverse', lang: 'terraform', n: 300, make: (n) => `${rep(n, (i) => `locals {\n  a${i} = ${i < n - 1 ? `length(local.a${i + 1}) > 0 ? "y" : "n"` : '"x"'}\n}\n`)}${tfName('local.a0')}` },
  { name: 'tf dynamic block_device for_each', lang: 'terraform', n: 300, make: (n) => TFVM(`  dynamic "block_device" {\n    for_each = [${rep(n, (i) => `"${U(i)}"`, ', ')}]\n    content {\n      uuid             = block_device.value\n      source_type      = "volume"\n      destination_type = "volume"\n      boot_index       = block_device.key == 0 ? 0 : -1\n    }\n  }\n`) },
  { name: 'tf variables reverse defaults refs', lang: 'terraform', n: 300, make: (n) => `${rep(n, (i) => `variable "v${i}" {\n  default = "d${i}"\n}\n`)}locals {\n${rep(n, (i) => `  l${i} = var.v${n - 1 - i}\n`)}}\n${tfName(`join(",", [${rep(n, (i) => `local.l${i}`, ', ')}])`)}` },
  { name: 'tf many resources referencing each other', lang: 'terraform', n: 100, make: (n) => rep(n, (i) => `resource "openstack_blockstorage_volume_v3" "v${i}" {\n  size = ${i ? `openstack_blockstorage_volume_v3.v${i - 1}.size` : 1}\n}\n`) + TFVM(tfBd(0).replace(`"${U(0)}"`, `openstack_blockstorage_volume_v3.v${n - 1}.id`)) },
  { name: 'sh alias chain', lang: 'shell', n: 300, make: (n) => sh(`shopt -s expand_aliases\nalias a0='openstack server create'\n${rep(n, (i) => `alias a${i + 1}='a${i} '`, '\n')}\na${n} --flavor m1 --image cirros --network none${BD(0)} vm`) },
  { name: 'sh many commands one line', lang: 'shell', n: 100, make: (n) => sh(rep(n, (i) => OSC(BDBAD(i), `vm${i}`), '; ')) },
  { name: 'sh many exports reverse use', lang: 'shell', n: 1000, make: (n) => sh(`${rep(n, (i) => `export V${i}=$V${i + 1}x`, '\n')}\n${OSC(BD(0), '"$V0"')}`) },
  { name: 'sh many cd and source', lang: 'shell', n: 1000, make: (n) => sh(`${rep(n, (i) => `. ./env${i}.sh; cd /d${i}`, '\n')}\n${OSC(BD(0))}`) },
  { name: 'ans vars reverse chain', lang: 'yaml', n: 200, make: (n) => PLAY(rep(n, (i) => `    v${i}: "${i < n - 1 ? `{{ v${i + 1} }}x` : 'x'}"\n`), TASK('', JSON.stringify('{{ v0 }}'))) },
  { name: 'ans many set_fact before', lang: 'yaml', n: 500, make: (n) => PLAY('', TASK('', JSON.stringify(`{{ f${n - 1} | default('x') }}`)), rep(n, (i) => `    - set_fact: {f${i}: "{{ s }}${i}"}\n`)) },
  { name: 'ans block nesting deep', lang: 'yaml', n: 30, max: 120, make: (n) => `- hosts: localhost\n  tasks:\n${rep(n, (i) => `${'    '.repeat(i + 1)}- block:\n`)}${'    '.repeat(n + 1)}- openstack.cloud.server:\n${TASK().replace(/^ {8}/gm, '    '.repeat(n + 2))}` },
  { name: 'ans many loops tasks', lang: 'yaml', n: 50, make: (n) => PLAY('', TASK(), rep(n, (i) => `    - openstack.cloud.server:\n${TASK('', `"vm${i}-{{ item }}"`)}      loop: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n`)) },
  { name: 'ans task vars many and when', lang: 'yaml', n: 1000, make: (n) => `${PLAY('', TASK('', JSON.stringify(`{{ t${n - 1} }}`)))}      vars:\n${rep(n, (i) => `        t${i}: "{{ s }}"\n`)}      when: t0 == 'abc'\n` },
  { name: 'tf unary ! chain', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring(${'!'.repeat(n)}true)`) },
  { name: 'tf unary - chain', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring(${'-'.repeat(n)}1)`) },
  { name: 'tf || chain', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring(${rep(n, () => 'true', ' || ')})`) },
  { name: 'tf == chain', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring(${rep(n, () => '1', ' == ')})`) },
  { name: 'tf + strings chain', lang: 'terraform', n: 1000, make: (n) => tfName(rep(n, () => '"a"', ' + ')) },
  { name: 'tf index chain', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring([1]${'[0]'.repeat(n)})`) },
  { name: 'tf splat chain', lang: 'terraform', n: 1000, make: (n) => tfName(`tostring([1]${'[*]'.repeat(n)})`) },
  { name: 'ans not chain', lang: 'yaml', n: 1000, make: (n) => ans(`${'not '.repeat(n)}true`) },
  { name: 'ans unary - chain', lang: 'yaml', n: 1000, make: (n) => ans(`${'-'.repeat(n)}1`) },
  { name: 'ans or chain', lang: 'yaml', n: 1000, make: (n) => ans(rep(n, () => 'false', ' or ')) },
  { name: 'ans attr chain', lang: 'yaml', n: 1000, make: (n) => ans(`s${'.x'.repeat(n)} | default('a')`) },
  { name: 'heat yaql not chain', lang: 'yaml', n: 1000, make: (n) => heatName(`{yaql: {expression: "${'not '.repeat(n)}true", data: x}}`) },
  { name: 'heat yaql unary - chain', lang: 'yaml', n: 1000, make: (n) => heatName(`{yaql: {expression: "str(${'-'.repeat(n)}1)", data: x}}`) },
  { name: 'sh ! chain', lang: 'shell', n: 1000, make: (n) => sh(`${'! '.repeat(n)}${OSC(BD(0))}`) },
  { name: 'tf for grouping one key', lang: 'terraform', n: 2000, make: (n) => tfName(`length(jsonencode({for x in [${rep(n, (i) => String(i % 10), ',')}] : "k" => x...}))`) },
  { name: 'md many fences many requests', lang: 'markdown', n: 100, make: (n) => rep(n, (i) => `Step ${i}\n\n\`\`\`sh\n${OSC(BD(i), `vm${i}`)}\n${OSC(BDBAD(i), `vm${i}b`)}\n\`\`\`\n\n`) },
];

const ALL: Case[] = [...JSON_CASES, ...HEAT_CASES, ...TF_CASES, ...OSC_CASES, ...ANS_CASES, ...MORE_CASES];

// ---------------------------------------------------------------- timing

/**
 * This process's CPU time in ms: the machine is shared (other jobs keep its load far above its
 * cores), and a wall-clock sample then measures the scheduler more than the work.
 */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fileOf: Record<string, string> = { json: 'b.json', yaml: 't.yaml', terraform: 'm.tf', shell: 's.sh', markdown: 'r.md', xml: 'd.xml' };
void fileOf;
const analyze = (c: Case, text: string) => analyzeDocument(text, c.lang, defaultContext());

function stateOf(c: Case, text: string, analysis = analyze(c, text)): DocState {
  return { text, analysis, context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHashes };
}

/** the requests timed on each document, each on a fresh DocState over the same analysis */
const FEATURES: Array<[string, (s: DocState) => unknown]> = [
  ['diagnostics', (s) => runRequest(s, 'diagnostics', { max: 1000 })],
  ['prepare', (s) => prepareEntryHovers(s)],
  ['hover', (s) => runRequest(s, 'hover', { offset: s.text.length >> 1 })],
  ['completion', (s) => runRequest(s, 'completion', { offset: s.text.length >> 1 })],
  ['symbols', (s) => runRequest(s, 'symbols', {})],
  ['codeLens', (s) => runRequest(s, 'codeLens', { uri: 'file:///w/x', trusted: true })],
  ['codeAction', (s) => runRequest(s, 'codeAction', { diagnostics: s.analysis.diagnostics.map((d) => ({ code: d.code, offset: d.span.offset })), refactor: true })],
  ['preview', (s) => runRequest(s, 'preview', {})],
];

interface Row { name: string; what: string; n: number; bytes: number; msN: number; ms2N: number; ratio: number; usPerByte: number }

/** median times of work(a) and work(b), interleaved, each sample repeated to ~10 ms */
function pair<T>(a: T, b: T, work: (x: T) => unknown, reps: number): [number, number] {
  let k = 1;
  const time = (x: T) => {
    collect();
    const t0 = cpuNow();
    for (let i = 0; i < k; i++) work(x);
    return cpuNow() - t0;
  };
  const once = Math.max(time(a), 1e-3);
  time(b);
  k = Math.min(200, Math.max(1, Math.ceil(10 / once)));
  const xa: number[] = [], xb: number[] = [];
  for (let i = 0; i < reps; i++) {
    xa.push(time(a));
    xb.push(time(b));
  }
  return [median(xa) / k, median(xb) / k];
}

const MAX_BYTES = Number(opt('--max-bytes', '400000'));

/** the n at which judging takes 20 ms (doubling from the case's n, within its max and the byte bound) */
function sizeFor(c: Case): number {
  let n = c.n;
  for (;;) {
    const t = c.make(n);
    // the second of two runs: the first one's time is mostly the compiler's
    let ms = Infinity;
    for (let k = 0; k < 2; k++) {
      const t0 = cpuNow();
      analyze(c, t);
      ms = Math.min(ms, cpuNow() - t0);
    }
    const next = 2 * n;
    // (a document whose bytes do not grow with n, such as range(n), stops at 2^22)
    if (ms >= 20 || (c.max !== undefined && 2 * next > c.max) || c.make(next).length * 2 > MAX_BYTES || next > 1 << 22) return n;
    n = next;
  }
}

function measureCase(c: Case, reps: number, features: boolean, nGiven?: number): Row[] {
  const n = nGiven ?? sizeFor(c);
  const a = c.make(n), b = c.make(2 * n);
  const rows: Row[] = [];
  const row = (what: string, [msN, ms2N]: [number, number]) => rows.push({ name: c.name, what, n, bytes: a.length, msN, ms2N, ratio: ms2N / Math.max(msN, 1e-3), usPerByte: (msN * 1000) / a.length });
  row('analyze', pair(a, b, (t) => analyze(c, t), reps));
  if (features) {
    // each sample: a fresh analysis (not timed), then the requests in the order the server sends
    // them, each timed on its first call, as after an edit (the analysis fills its lazy parts then)
    const times = new Map<string, [number[], number[]]>(FEATURES.map(([w]) => [w, [[], []]]));
    const failed = new Set<string>();
    for (let i = 0; i <= reps; i++) {
      for (const [j, text] of [a, b].entries()) {
        const st = stateOf(c, text);
        for (const [what, f] of FEATURES) {
          collect();
          const t0 = cpuNow();
          try {
            f(st);
          } catch (e) {
            if (!failed.has(what)) console.log(`ERR ${c.name} ${what}: ${(e as Error).message.slice(0, 160)}`);
            failed.add(what);
          }
          // the first round warms the compiler up: not counted
          if (i > 0) times.get(what)![j].push(cpuNow() - t0);
        }
      }
    }
    for (const [what] of FEATURES) if (!failed.has(what)) row(what, [median(times.get(what)![0]), median(times.get(what)![1])]);
  }
  return rows;
}

const fmt = (r: Row) => `${r.ratio.toFixed(2).padStart(6)} ${r.msN.toFixed(2).padStart(9)}ms ${r.ms2N.toFixed(2).padStart(9)}ms ${r.usPerByte.toFixed(3).padStart(8)}µs/B ${String(r.bytes).padStart(9)}B n=${String(r.n).padEnd(6)} ${r.what.padEnd(11)} ${r.name}`;
const HEAD = ' 2n/n       at n      at 2n     µs/B(n)     bytes  n        request     case';

function find(name: string): Case {
  const c = ALL.find((x) => x.name === name) ?? ALL.find((x) => x.name.includes(name));
  if (!c) throw new Error(`no case ${name}`);
  return c;
}

function main(): void {
  if (has('--list')) return void ALL.forEach((c) => console.log(c.name));
  if (has('--check')) {
    // each case at n=3: what the document is judged to be (its diagnostics' codes, its requests)
    for (const c of ALL.filter((x) => x.name.includes(opt('--filter', '')))) {
      const a = analyze(c, c.make(3));
      console.log(`${String(a.requests?.length ?? (a.kind ? 1 : 0)).padStart(3)} req ${String(a.diagnostics.length).padStart(3)} diag ${c.name}: ${[...new Set(a.diagnostics.map((d) => d.code))].join(' ').slice(0, 150)}`);
    }
    return;
  }
  if (has('--show')) {
    const c = find(opt('--show', ''));
    const t = c.make(Number(opt('--n', '2')));
    console.log(t);
    const a = analyze(c, t);
    console.error(`-- ${a.diagnostics.length} diagnostics: ${[...new Set(a.diagnostics.map((d) => d.code))].join(' ')}; ${a.requests?.length ?? 0} requests`);
    for (const d of a.diagnostics.slice(0, 8)) console.error(`   ${d.code} ${d.message.slice(0, 160)}`);
    return;
  }
  const reps = Number(opt('--reps', '5'));
  const features = !has('--no-features');
  if (has('--sizes')) {
    // one case at several sizes (--sizes n1,n2,...): judging and each request, medians of --reps cold runs
    const c = find(opt('--case', ''));
    const only = opt('--what', '');
    for (const n of opt('--sizes', '').split(',').map(Number)) {
      const text = c.make(n);
      const t: Map<string, number[]> = new Map();
      for (let i = 0; i <= reps; i++) {
        const t0 = cpuNow();
        const st = stateOf(c, text);
        const ms = cpuNow() - t0;
        if (i > 0) t.set('analyze', [...(t.get('analyze') ?? []), ms]);
        for (const [what, f] of FEATURES) {
          const t1 = cpuNow();
          f(st);
          if (i > 0) t.set(what, [...(t.get(what) ?? []), cpuNow() - t1]);
        }
      }
      console.log(`n=${String(n).padEnd(7)} ${String(text.length).padStart(9)}B ${[...t].filter(([w]) => !only || only.split(',').includes(w)).map(([w, xs]) => `${w} ${median(xs).toFixed(2)}`).join('  ')}`);
    }
    return;
  }
  if (has('--alone')) {
    const c = find(opt('--alone', ''));
    const rows = measureCase(c, reps, features, has('--n') ? Number(opt('--n', '0')) : undefined);
    if (has('--json')) console.log(JSON.stringify(rows));
    else for (const r of rows) console.log(fmt(r));
    return;
  }
  const filter = opt('--filter', '');
  // --more: the second batch only
  const pool = has('--more') ? MORE_CASES : ALL;
  // --from: the cases from this one on (a pass cut short)
  const from = has('--from') ? Math.max(0, pool.indexOf(find(opt('--from', '')))) : 0;
  const cases = pool.slice(from).filter((c) => !filter || c.name.includes(filter));
  if (has('--blowups')) {
    // short documents of each construct: the largest n (doubling) that stays within 10 KB, judged once
    for (const c of cases) {
      let n = 1;
      while (c.make(2 * n).length <= 10_000 && (c.max === undefined || 2 * n <= c.max) && n < 1 << 20) n *= 2;
      const t = c.make(n);
      const t0 = cpuNow();
      const an = analyze(c, t);
      const ms = cpuNow() - t0;
      let worst = 'analyze', wms = ms;
      for (const [what, f] of FEATURES) {
        const t1 = cpuNow();
        try { f(stateOf(c, t, an)); } catch { /* reported by the main run */ }
        const fms = cpuNow() - t1;
        if (fms > wms) { worst = what; wms = fms; }
      }
      const line = `${ms.toFixed(1).padStart(8)}ms analyze, worst ${worst} ${wms.toFixed(1)}ms  ${t.length}B n=${n}  ${c.name}`;
      if (ms > 200 || wms > 200 || has('--all')) console.log((ms > 200 || wms > 200 ? 'BLOWUP ' : '       ') + line);
    }
    return;
  }
  const started = Date.now();
  const rows: Row[] = [];
  for (const c of cases) {
    try {
      const r = measureCase(c, reps, features);
      rows.push(...r);
      console.log(fmt(r[0]) + (r.length > 1 ? `   [worst request ${r.slice(1).sort((x, y) => y.ratio - x.ratio)[0].what} ${r.slice(1).sort((x, y) => y.ratio - x.ratio)[0].ratio.toFixed(2)}]` : ''));
    } catch (e) {
      console.log(`ERR ${c.name}: ${(e as Error).message.slice(0, 160)}`);
    }
  }
  // a ratio of samples under 1 ms is mostly timer noise: ranked only from 1 ms at n
  const ranked = rows.filter((r) => r.msN >= 1).sort((x, y) => y.ratio - x.ratio);
  const top = Number(opt('--top', '15'));
  console.log(`\n${rows.length} rows of ${cases.length} cases, ${((Date.now() - started) / 1000).toFixed(0)} s; top ${top} ratios (from 1 ms at n):`);
  console.log(HEAD);
  for (const r of ranked.slice(0, top)) console.log(fmt(r));
  if (has('--no-recheck')) return;
  const limit = Number(opt('--recheck', '2.6'));
  const again = [...new Set(ranked.filter((r) => r.ratio > limit).map((r) => r.name))];
  if (!again.length) return;
  console.log(`\nrechecked alone (a process per case, same n): ${again.length} cases above ${limit}`);
  console.log(HEAD);
  for (const name of again) {
    const n = rows.find((r) => r.name === name)!.n;
    const p = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--alone', name, '--n', String(n), '--reps', String(reps), '--json', ...(features ? [] : ['--no-features'])], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = p.stdout.trim().split('\n').pop() ?? '';
    try {
      const got = JSON.parse(line) as Row[];
      for (const r of got.filter((x) => x.ratio > limit && x.msN >= 1)) console.log(fmt(r));
      if (!got.some((x) => x.ratio > limit && x.msN >= 1)) console.log(`   (none above ${limit} alone) ${name}`);
    } catch {
      console.log(`ERR alone ${name}: ${p.stderr.slice(0, 300)}`);
    }
  }
}

main();
