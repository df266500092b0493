/**
 * hunt43 hand cases: one server task each, for what hunt43 read: aliases and anchors PyYAML's
 * composer refuses (an alias before or without its anchor, an anchor set twice), and the filters
 * type_debug, log, root, truncate, indent, splitext, groupby, hash, md5, checksum, zip_longest,
 * to_yaml, to_nice_yaml and to_nice_json. Prints the cases as JSON; label them with
 * scripts/ansible-hunt42-label.py.
 *   node --import tsx scripts/ansible-hunt43-hand.ts > hand.json
 */
export {};

const PLAY = [
  '- hosts: localhost', '  gather_facts: false', '  vars:', '    root_gb: 20', "    root_gb_s: '30'", '    env: prod', "    host_s: 'web-01.example.org'", '    sizes: [5, 10, 15]',
  '    vol_map: {data1: 5, data2: 10}', '    vol_dicts: [{name: d1, size: 5, tier: gold}, {name: d2, size: 10, tier: Gold}, {name: d3, size: 10, tier: std}]', '  tasks:',
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
const task = (args: Array<[string, string]>, extra: string[] = []) => ['    - openstack.cloud.server:', ...args.map(([k, v]) => `        ${k}: ${v}`), ...extra].join('\n');
const bfv = (size: string): Array<[string, string]> => [['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['boot_from_volume', 'true'], ['volume_size', sq(size)]];
const named = (name: string): Array<[string, string]> => [['name', sq(name)], ['image', 'cirros'], ['flavor', 'm1.small']];

const cases: Array<[string, string]> = [];
const add = (id: string, t: string) => cases.push([id, `${PLAY.join('\n')}\n${t}\n`]);
// (1) aliases and anchors
const playAnchored = PLAY.map((l) => (l === '  vars:' ? '  vars: &pv' : l));
const addA = (id: string, t: string) => cases.push([id, `${playAnchored.join('\n')}\n${t}\n`]);
addA('hand-a-undefined', task(named('vm'), ['      vars:', '        root_gb: *nope']));
addA('hand-a-later', `${task(named('vm'), ['      vars:', '        root_gb: *later'])}\n    - debug: {msg: &later x}`);
addA('hand-a-merge', task(bfv('{{ root_gb }}'), ['      vars:', '        <<: *pv', '        root_gb: 44']));
addA('hand-a-merge-list', task(bfv('{{ root_gb }}'), ['      vars:', '        <<: [*pv]', '        root_gb: 45']));
addA('hand-a-alias-vars', task(bfv('{{ root_gb }}'), ['      vars: *pv']));
addA('hand-a-dup', task(named('vm'), ['      vars: &pv', '        x: 1']));
add('hand-a-dup-scalar', task(named('vm'), ['      vars:', '        a: &q 1', '        b: &q 2']));
add('hand-a-value', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['boot_from_volume', 'true'], ['volume_size', '&vs 12'], ['meta', '{size: *vs}']]));
add('hand-a-two', [task(named('a')), task(named('b'), ['      vars:', '        x: *missing'])].join('\n'));
add('hand-a-undefined-key', task(named('vm'), ['      vars:', '        *k : 1']));
// (2) filters
[
  '{{ root_gb | type_debug | length }}', '{{ (root_gb_s | type_debug == "AnsibleUnicode") | ternary(30, 3) }}', '{{ sizes | type_debug | length }}', '{{ (vol_dicts | groupby("tier") | first) | type_debug | length }}', '{{ (env ~ "x") | type_debug | length }}', '{{ 1.5 | type_debug | length }}',
  '{{ 100 | log(10) | int * 10 }}', '{{ 1000 | log(10) }}', '{{ 20 | log | round(2) * 100 }}', '{{ 8 | log(2) }}', '{{ 0 | log }}', '{{ "a" | log }}', '{{ 10 | log(1) }}', '{{ 99 | log(10) | int }}',
  '{{ 16 | root | int }}', '{{ 2 | root * 10 }}', '{{ -4 | root }}', '{{ 8 | root(0) }}', '{{ "9" | root }}', '{{ 64 | root(2) }}',
  '{{ host_s | truncate(5) | length }}', '{{ host_s | truncate(9, true) | length }}', '{{ host_s | truncate(10, false, "") | length }}', '{{ "a b c d e f g h i j" | truncate(6, false, "", 0) | length }}', '{{ host_s | truncate(2) }}', '{{ 12345 | truncate(2) }}',
  '{{ "5\n6" | indent(2) | length }}', '{{ "5\n\n6" | indent(2, true, true) | length }}', '{{ "5" | indent(width=3, first=true) | length }}', '{{ "a\r\nb" | indent("xx") | length }}', '{{ 5 | indent }}',
  '{{ "/a/b.tar.gz" | splitext | last | length }}', '{{ ".bashrc" | splitext | first | length }}', '{{ host_s | splitext | first | length }}', '{{ 5 | splitext }}',
  '{{ vol_dicts | groupby("tier") | length }}', '{{ (vol_dicts | groupby("tier") | first).list | length * 10 }}', '{{ (vol_dicts | groupby("size") | last).grouper }}', '{{ vol_dicts | groupby("tier", case_sensitive=true) | length }}', '{{ (vol_dicts | groupby("size") | first)[1] | map(attribute="size") | sum }}', '{{ vol_dicts | groupby("nope") | length }}',
  '{{ env | hash("md5") | length }}', '{{ env | hash | regex_replace("[a-f]", "") | length }}', '{{ env | md5 | regex_replace("[a-f]", "") | length }}', '{{ env | checksum | regex_replace("[a-f]", "") | length }}', '{{ sizes | hash("sha256") | regex_replace("[a-f]", "") | length }}', '{{ env | hash("nope") }}',
  '{{ sizes | zip_longest([1]) | list | length }}', '{{ sizes | zip_longest([1], fillvalue=2) | map("sum") | max }}',
  '{{ sizes | to_yaml | length }}', '{{ vol_map | to_yaml | length }}', '{{ env | to_yaml | length }}', '{{ root_gb_s | to_yaml | length }}', '{{ vol_dicts | to_yaml | length }}', '{{ vol_map | to_nice_yaml | length }}', '{{ vol_dicts | to_nice_yaml | length }}', '{{ {"a": sizes, "b": vol_map} | to_nice_yaml | length }}',
  '{{ vol_map | to_nice_json | length }}', '{{ vol_dicts | to_nice_json | length }}',
].forEach((v, i) => add(`hand-f-${i}`, task(bfv(v))));
[
  '{{ root_gb | type_debug }}', '{{ vol_map | to_yaml }}', '{{ sizes | to_yaml | trim }}', '{{ env | hash("sha1") }}', '{{ env | md5 }}', '{{ host_s | truncate(8) }}', '{{ "a\nb" | indent(2) }}', '{{ host_s | splitext }}', '{{ 100 | log(10) }}', '{{ 27 | root }}', '{{ vol_dicts | groupby("tier") | map(attribute="grouper") | join(",") }}',
].forEach((v, i) => add(`hand-n-${i}`, task(named(v))));

process.stdout.write(JSON.stringify(cases.map(([id, input]) => ({ id, input })), null, 1) + '\n');
