/**
 * hunt43: playbooks (the shared frame, scripts/ansible-gen-lib.ts) aimed away from hunt42's: server
 * options from filters and expressions hunt42 left or did not try (ternary, mandatory, default(omit),
 * regex_replace/regex_search, dict2items/items2dict, zip, product, flatten levels, int/float/bool of
 * odd strings, random over several items, set filters on strings, type_debug, to_yaml, truncate,
 * log, root, groupby, indent, hash), loops with loop_control and with_* lookups, set_fact chains,
 * anchors, aliases and merge keys, and files YAML refuses (duplicate keys, tabs, bad indentation, a
 * text that starts like JSON). Labels by scripts/ansible-hunt42-label.py; count by
 * scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt43-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False nice -n 10 /usr/bin/python3 scripts/ansible-hunt42-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(43);
const { n, pick, maybe } = draws;

const PLAY_VARS = [
  'root_gb: 20', "root_gb_s: '30'", "odd_s: ' 12 '", "f_s: '2.5'", "hex_s: '0x1A'", "neg_s: '-4'", "e_s: '1e2'", 'use_bfv: true', "bfv_s: 'yes'", "on_s: 'on'", 'keep: false',
  'img: cirros', 'flv: m1.small', 'data_vols: [data1, data2]', 'vol_names: [v1, v2, v3]', 'sizes: [5, 10, 15]', 'nested: [[1, [2, [3]]], 4]',
  "vol_map: {data1: 5, data2: 10}", "vol_dicts: [{name: d1, size: 5, tier: gold}, {name: d2, size: 10, tier: gold}, {name: d3, size: 10, tier: std}]",
  "users: [{name: u1, vols: [a, b]}, {name: u2, vols: [c]}]", "env: prod", "host_s: 'web-01.example.org'", "empty_list: []", "blank: ''", 'nothing: null', "sizes_s: '5,10'",
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** numeric templates (volume_size) */
const NUM = [
  '{{ use_bfv | ternary(40, 10) }}', '{{ keep | ternary(40, 10) }}', '{{ nothing | ternary(1, 2, 3) }}', '{{ (env == "prod") | ternary(root_gb, 5) }}', '{{ "x" | ternary(7, 8) }}',
  '{{ root_gb | mandatory }}', '{{ missing_v | mandatory }}', '{{ missing_v | mandatory("size is needed") }}', '{{ missing_v | default(omit) }}', '{{ missing_v | default(12) }}', '{{ blank | default(9, true) }}', '{{ nothing | default(9) }}',
  '{{ odd_s | int }}', '{{ f_s | int }}', '{{ f_s | float | int }}', '{{ hex_s | int }}', '{{ hex_s | int(base=16) }}', '{{ neg_s | int | abs }}', '{{ e_s | int }}', '{{ e_s | float | int }}', '{{ "12abc" | int }}', '{{ "abc" | int(7) }}', '{{ "  3.9 " | float | round | int }}', '{{ "1_000" | int }}', '{{ "0b101" | int }}', '{{ "0b101" | int(base=0) }}', '{{ "٣" | int }}', '{{ true | int + 4 }}', '{{ "inf" | float }}', '{{ "nan" | float | int }}',
  '{{ root_gb_s | int + 1 }}', '{{ root_gb_s + 1 }}', '{{ root_gb_s * 2 }}', '{{ (root_gb_s ~ "0") | int }}',
  '{{ host_s | regex_replace("^web-0?(\\d+).*$", "\\1") | int * 10 }}', '{{ host_s | regex_search("\\d+") | int }}', '{{ host_s | regex_search("zz") | default(6, true) }}', '{{ "size=7" | regex_replace("size=", "") }}', '{{ (host_s | regex_findall("\\d")) | length }}', '{{ host_s | regex_search("(\\d)(\\d)", "\\2") | first }}',
  '{{ vol_map | dict2items | map(attribute="value") | sum }}', '{{ (vol_map | dict2items | first).value }}', '{{ (vol_map | dict2items(key_name="k", value_name="v") | last).v }}', '{{ (vol_dicts | items2dict(key_name="name", value_name="size")).d2 }}', '{{ ([{"key": "a", "value": 3}] | items2dict).a }}',
  '{{ sizes | zip([1, 2, 3]) | map("sum") | max }}', '{{ sizes | zip(vol_names) | list | length }}', '{{ sizes | zip_longest([1], fillvalue=0) | map("sum") | list | last }}', '{{ sizes | product([2]) | map("last") | sum }}', '{{ [1, 2] | product([3, 4]) | list | length }}',
  '{{ nested | flatten | sum }}', '{{ nested | flatten(levels=1) | length }}', '{{ nested | flatten(1) | length }}', '{{ nested | flatten(levels=2) | length }}', '{{ nested | flatten(0) | length }}',
  '{{ sizes | random }}', '{{ sizes | random(seed=env) }}', '{{ vol_names | random | length }}', '{{ 100 | random(seed="a") }}', '{{ sizes | shuffle | first }}', '{{ sizes | shuffle(seed=1) | sum }}',
  '{{ "abc" | union("bcd") | length }}', '{{ "abc" | intersect("bcd") | join("") | length }}', '{{ "aab" | unique | length }}', '{{ "abc" | difference("b") | length }}', '{{ env | symmetric_difference("pod") | length }}',
  '{{ root_gb | type_debug | length }}', '{{ sizes | type_debug | length }}', '{{ (root_gb | type_debug == "int") | ternary(30, 3) }}', '{{ env | type_debug | length }}', '{{ root_gb_s | type_debug | length }}', '{{ nothing | type_debug | length }}',
  '{{ sizes | to_yaml | length }}', '{{ vol_map | to_yaml | length }}', '{{ env | to_yaml | length }}', '{{ vol_map | to_nice_yaml | length }}', '{{ root_gb | to_yaml | trim }}', '{{ vol_map | to_json | length }}', '{{ vol_map | to_nice_json | length }}',
  '{{ host_s | truncate(5) | length }}', '{{ host_s | truncate(9, true) | length }}', '{{ host_s | truncate(10, false, "") | length }}', '{{ host_s | truncate(17, leeway=0) | length }}', '{{ "a b c d e" | truncate(5, false, "") | length }}',
  '{{ 100 | log(10) }}', '{{ 100 | log(10) | int }}', '{{ 8 | log(2) | round | int }}', '{{ 0 | log }}', '{{ 27 | root(3) }}', '{{ 27 | root(3) | int }}', '{{ 16 | root }}', '{{ -4 | root }}', '{{ root_gb | log | round(1) }}',
  '{{ vol_dicts | groupby("size") | length }}', '{{ (vol_dicts | groupby("tier") | first)[1] | length }}', '{{ (vol_dicts | groupby("size") | last).grouper }}', '{{ vol_dicts | groupby("size") | map("first") | sum }}', '{{ (vol_dicts | groupby("tier") | first).list | length }}',
  '{{ "5\n6" | indent(2) | length }}', '{{ "5\n6" | indent(2, true) | length }}', '{{ "5\n\n6" | indent(first=true) | length }}', '{{ "5" | indent(width=3, first=true) | length }}',
  '{{ env | hash("sha1") | length }}', '{{ env | hash | length }}', '{{ env | hash("md5") | regex_replace("[^0-9]", "") | length }}', '{{ env | checksum | length }}', '{{ env | md5 | length }}', '{{ env | password_hash("sha512") | length > 10 }}',
  '{{ vol_map.data3 }}', '{{ vol_map["data1"] + vol_map.data2 }}', '{{ sizes[5] }}', '{{ sizes.0 }}', '{{ users[0].vols | length * 10 }}', '{{ (users | map(attribute="vols") | flatten | length) * 5 }}',
  '{{ bfv_s | bool | ternary(30, 10) }}', '{{ on_s | bool | int * 20 }}', '{{ "maybe" | bool | ternary(1, 2) }}', '{{ "1" | bool | int + 9 }}', '{{ 2 | bool | int }}',
];
/** boolean option values */
const BOOL = ['true', 'false', 'yes', "'yes'", "'on'", "'1'", "'0'", "'{{ use_bfv }}'", "'{{ bfv_s | bool }}'", "'{{ on_s }}'", "'{{ keep | ternary(\"no\", \"yes\") }}'", "'{{ missing_v | default(omit) }}'", "'{{ \"maybe\" | bool }}'", "'{{ env == \"prod\" }}'", "'{{ (sizes | length) > 2 }}'", "'{{ nothing }}'", "'{{ blank }}'", "'{{ 2 | bool }}'", "'{{ [] }}'"];
/** volumes values */
const VOLS = [
  "'{{ data_vols }}'", "'{{ vol_map | dict2items | map(attribute=\"key\") | list }}'", "'{{ vol_map.keys() | list }}'", "'{{ vol_map | list }}'", "'{{ vol_names | zip(data_vols) | map(\"first\") | list }}'",
  "'{{ [vol_names, [data_vols]] | flatten(levels=1) }}'", "'{{ vol_names | map(\"regex_replace\", \"^v\", \"vol\") | list }}'", "'{{ vol_names | select(\"match\", \"v[12]\") | list }}'", "'{{ vol_names | reject(\"search\", \"3\") | list }}'",
  "'{{ missing_v | default(omit) }}'", "'{{ data_vols if use_bfv else [] }}'", "'{{ host_s.split(\".\") | first }}'", "'{{ sizes_s.split(\",\") }}'", "'{{ vol_names | product([\"x\"]) | map(\"join\", \"-\") | list }}'", "'{{ vol_names | random }}'",
  "'{{ vol_dicts | groupby(\"tier\") | map(\"first\") | list }}'", "'{{ vol_names | unique }}'", "'{{ \"v1v2\" | unique | list }}'",
];
/** names */
const NAME = [
  'vm', "'{{ env }}-vm'", "'{{ host_s | regex_replace(\"\\\\..*\", \"\") }}'", "'{{ host_s | truncate(6, true, \"\") }}'", "'{{ env | hash(\"md5\") | truncate(8, true, \"\") }}'", "'{{ env | to_yaml | trim }}'", "'{{ root_gb | type_debug }}'",
  "'{{ sizes | to_json }}'", "'{{ sizes | to_yaml }}'", "'{{ \"a\\nb\" | indent(2) }}'", "'{{ vol_map | dict2items | map(attribute=\"key\") | join(\"-\") }}'", "'{{ (vol_dicts | groupby(\"tier\") | first)[0] }}'", "'{{ env | upper | ternary(\"x\", \"y\") }}'",
  "'{{ 100 | log(10) }}'", "'{{ 9 | root }}'", "'{{ env | regex_search(\"r(o)\") }}'", "'{{ missing_v | default(omit) }}'", "'{{ f_s | float }}'", "'{{ odd_s | int }}'", "'{{ [1, 2] | zip([3]) | list }}'", "'{{ vol_names | random }}'",
  "'{{ env ~ \"-\" ~ root_gb }}'", "'{{ \"%s-%02d\" | format(env, 3) }}'", "'{{ env | b64encode }}'", "'{{ \"cHJvZA==\" | b64decode }}'", "'{{ host_s | splitext | first }}'", "'{{ \"/a/b.c\" | basename }}'", "'{{ env | quote }}'", "'{{ [env, none] | select | join(\",\") }}'",
];
/** when conditions */
const WHEN = ['use_bfv', 'keep', 'missing_v is defined', 'missing_v is undefined', 'missing_v', 'bfv_s | bool', 'on_s', "env is match('pr')", "host_s is search('\\d')", 'sizes | length > 2', 'root_gb_s | int > 10', 'root_gb_s > 10', 'vol_map.data3 is defined', 'vol_map.data3', 'nothing is none', 'blank | length == 0', '(sizes | random) > 0', 'f_s | float > 2', "root_gb is divisibleby 5", 'item is defined'];

const TASK_VARS = ['root_gb: 40', 'use_bfv: false', 'keep: true', "env: staging", "vol_names: [tv1]", "sizes: [1, 2]", "host_s: db-7.x", "root_gb_s: '8'"];

/** a loop and what its item is */
const LOOPS: Array<{ text: string; item: string[] }> = [
  { text: "loop: '{{ sizes }}'", item: ['{{ item }}', '{{ item * 2 }}', '{{ (item > 5) | ternary(item, 5) }}'] },
  { text: 'with_items: [5, [7, 9]]', item: ['{{ item }}', '{{ item | int }}'] },
  { text: "with_dict: '{{ vol_map }}'", item: ['{{ item.value }}', '{{ item.value * 2 }}', '{{ item.key | regex_replace("\\D", "") | int }}'] },
  { text: "loop: \"{{ vol_map | dict2items }}\"", item: ['{{ item.value }}', '{{ item.value + 1 }}'] },
  { text: "with_subelements:\n    - '{{ users }}'\n    - vols", item: ['{{ item.1 | length * 4 }}', '{{ item.0.vols | length * 3 }}', '{{ item[0].name | regex_search("\\d") | int * 8 }}'] },
  { text: "loop: \"{{ sizes | zip(vol_names) | list }}\"", item: ['{{ item.0 }}', '{{ item[0] + 1 }}'] },
  { text: "loop: \"{{ [1, 2] | product([5]) | list }}\"", item: ['{{ item | sum }}', '{{ item.1 * item.0 }}'] },
  { text: "loop: \"{{ vol_dicts | groupby('tier') }}\"", item: ['{{ item.1 | map(attribute="size") | sum }}', '{{ item[1] | length * 6 }}'] },
  { text: "loop: \"{{ nested | flatten }}\"", item: ['{{ item * 3 }}'] },
  { text: "loop: \"{{ query('sequence', 'start=2 end=4') }}\"", item: ['{{ item }}', '{{ item | int * 2 }}'] },
  { text: "with_sequence: start=5 end=15 stride=5", item: ['{{ item }}', '{{ item | int }}'] },
  { text: "loop: '{{ missing_list | default([]) }}'", item: ['{{ item }}'] },
  { text: "loop: '{{ sizes_s.split(\",\") }}'", item: ['{{ item }}', '{{ item | int }}'] },
];

function loopLines(): { lines: string[]; item: (s: string) => string; loopVar: string } {
  const l = pick(LOOPS);
  const lines = l.text.split('\n');
  let loopVar = 'item';
  if (maybe(0.45)) {
    const lc: string[] = [];
    if (maybe(0.5)) { loopVar = pick(['vol', 's', 'it']); lc.push(`loop_var: ${loopVar}`); }
    if (maybe(0.4)) lc.push(`index_var: ${pick(['idx', 'i'])}`);
    if (maybe(0.3)) lc.push(`label: ${sq(`{{ ${loopVar} }}`)}`);
    if (maybe(0.3)) lc.push('extended: true');
    if (maybe(0.2)) lc.push(`pause: 0`);
    if (lc.length) lines.push('loop_control:', ...lc.map((x) => `  ${x}`));
  }
  const lv = loopVar;
  return { lines, loopVar, item: (s) => s.replace(/\bitem\b/g, lv) };
}

function serverTask(i: number, indent: string): string {
  const args: Array<[string, string]> = [];
  const looped = maybe(0.3) ? loopLines() : null;
  const LP = looped ? LOOPS.find((l) => looped.lines[0] === l.text.split('\n')[0])! : null;
  args.push(['name', pick(NAME)]);
  const style = pick(['bfv', 'bfv', 'bfv', 'image', 'bootvol']);
  if (style !== 'bootvol') args.push(['image', pick(['cirros', "'{{ img }}'", "'{{ missing_img | default(img) }}'", "'{{ img | mandatory }}'"])]);
  args.push(['flavor', pick(['m1.small', "'{{ flv }}'", "'{{ flv | regex_replace(\"small\", \"large\") }}'"])]);
  if (style === 'bfv') {
    args.push(['boot_from_volume', pick(BOOL)]);
    const size = looped && LP && maybe(0.7) ? looped.item(pick(LP.item)) : pick(NUM);
    args.push(['volume_size', maybe(0.15) && /^\d/.test(size) ? size : pick([sq, draws.q])(size)]);
  } else if (style === 'bootvol') args.push(['boot_volume', pick(['rootvol', "'{{ root_vol | default(\"rv\") }}'", "'{{ data_vols | first }}'", "'{{ missing_v | default(omit) }}'", "'{{ vol_names | random }}'"])]);
  if (maybe(0.3)) args.push(['terminate_volume', pick(BOOL)]);
  if (maybe(0.35)) args.push(['volumes', pick(VOLS)]);
  if (maybe(0.1)) args.push(['meta', pick(["'{{ {\"env\": env} | combine({\"n\": 1}) }}'", "'{{ vol_map | dict2items | items2dict }}'", "'{{ dict([\"a\", \"b\"] | zip([1, 2])) }}'", "{env: '{{ env }}'}"])]);
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const lines = [`- name: server ${i}`, `  ${mod}:`];
  for (const [k, v] of args) lines.push(`    ${k}: ${v}`);
  if (looped) lines.push(...looped.lines.map((l) => `  ${l}`));
  if (maybe(0.3)) {
    const vs = TASK_VARS.filter(() => maybe(0.3));
    if (vs.length) lines.push('  vars:', ...vs.map((v) => `    ${v}`));
  }
  if (maybe(0.35)) lines.push(`  when: ${sq(looped && maybe(0.4) ? looped.item(pick(['item is defined', 'item != 5', 'item | string | length > 0'])) : pick(WHEN))}`);
  return lines.map((l) => indent + l).join('\n');
}

const FACTS = [
  "root_gb: '{{ root_gb | int * 2 }}'", "root_gb: '{{ root_gb_s }}'", "root_gb: '{{ odd_s | trim }}'", "use_bfv: '{{ bfv_s }}'", "use_bfv: 'no'", "use_bfv: '{{ keep | ternary(true, false) }}'", "keep: '{{ not keep }}'",
  "sizes: '{{ sizes | map(\"int\") | map(\"string\") | list }}'", "sizes: '{{ sizes | product([2]) | map(\"first\") | list }}'", "vol_names: '{{ vol_map | dict2items | map(attribute=\"key\") | list }}'", "vol_map: '{{ vol_map | combine({\"data3\": 20}) }}'",
  "env: '{{ host_s | regex_replace(\"-.*\", \"\") }}'", "f_s: '{{ f_s | float * 2 }}'", "host_s: '{{ missing_v | default(omit) }}'", "root_gb: '{{ missing_v | mandatory }}'", "root_gb: '{{ sizes | random }}'", "data_vols: '{{ data_vols | union(vol_names) }}'",
];

function setFact(indent: string): string {
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`];
  const facts = FACTS.filter(() => maybe(0.15));
  if (!facts.length) facts.push(pick(FACTS));
  lines.push(...facts.map((f) => `    ${f}`));
  if (maybe(0.2)) lines.push(`  when: ${sq(pick(WHEN))}`);
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.6)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:', "- debug:\n    msg: '{{ missing_v | default(1) }}'"]).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.3)) parts.push(`${indent}  vars:\n${TASK_VARS.filter(() => maybe(0.3)).concat(['root_gb: 33']).map((v) => `${indent}    ${v}`).join('\n')}`);
    if (maybe(0.2)) parts.push(`${indent}  when: ${sq(pick(['use_bfv', 'missing_v is defined', 'not keep', 'bfv_s | bool']))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`)],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

/** now and then a file YAML reads otherwise or refuses: anchors and merge keys, a duplicate key, a tab, a bad indent, a JSON-like start */
function mutate(text: string): string {
  const x = draws.r();
  const lines = text.split('\n');
  const at = (re: RegExp) => lines.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0);
  if (x < 0.06) {
    // a duplicate key in a server task's arguments
    const ks = at(/^ +(volume_size|name|boot_from_volume|flavor): /);
    if (ks.length) { const i = pick(ks); const ind = /^ */.exec(lines[i]!)![0]; lines.splice(i + 1, 0, `${ind}${pick(['volume_size: 7', 'name: dup', "boot_from_volume: 'no'", 'flavor: m1.tiny', 'volume_size: 99'])}`); }
  } else if (x < 0.1) {
    // a tab in an indent
    const ks = at(/^ {4,}\S/);
    if (ks.length) { const i = pick(ks); lines[i] = lines[i]!.replace(/^ {2}/, pick(['\t', '  \t'])); }
  } else if (x < 0.13) {
    // a line indented one more or one less
    const ks = at(/^ {4,}\w+: /);
    if (ks.length) { const i = pick(ks); lines[i] = pick([' ', '']) + lines[i]!.replace(/^ /, pick(['', '  '])); }
  } else if (x < 0.2) {
    // play vars as an anchor, merged or aliased into a task's vars
    const vi = lines.indexOf('  vars:');
    if (vi >= 0) {
      lines[vi] = '  vars: &pv';
      const ts = at(/^ +- name: server \d+$/);
      if (ts.length) {
        const i = pick(ts);
        const ind = /^ */.exec(lines[i]!)![0];
        lines.splice(i + 1, 0, ...pick([[`${ind}  vars:`, `${ind}    <<: *pv`, `${ind}    root_gb: 44`], [`${ind}  vars: *pv`], [`${ind}  vars:`, `${ind}    <<: [*pv]`, `${ind}    use_bfv: false`], [`${ind}  vars:`, `${ind}    root_gb: *nope`]]));
      }
    }
  } else if (x < 0.24) {
    // a value anchored and aliased
    const ks = at(/^ +volume_size: /);
    if (ks.length) { const i = pick(ks); lines[i] = lines[i]!.replace(/volume_size: /, 'volume_size: &vs '); const ind = /^ */.exec(lines[i]!)![0]; lines.splice(i + 1, 0, `${ind}meta: {size: *vs}`); }
  } else if (x < 0.28) {
    // a JSON-like start: the whole file as a flow sequence, or a leading brace
    return pick([`[${text.trimEnd()}]\n`, `{${text}`, `[\n${text}`, `${text}]\n`, `{"hosts": "localhost", "tasks": [{"openstack.cloud.server": {"name": "vm", "image": "cirros", "flavor": "m1.small", "boot_from_volume": true, "volume_size": 5}}]}\n`, `[{"hosts": "localhost", "gather_facts": false, "tasks": [{"openstack.cloud.server": {"name": "vm", "image": "cirros", "flavor": "m1.small", "volume_size": "5",}}]}]\n`, `[{"hosts": "localhost", "tasks": [{"openstack.cloud.server": {"name": "vm", "image": "cirros", "flavor": "m1.small", "boot_from_volume": true, "volume_size": 5}}]}]\n`]);
  }
  return lines.join('\n');
}

printCases('hunt43', n, () => mutate(inPlay()));
