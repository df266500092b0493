/**
 * hunt44: playbooks (the shared frame, scripts/ansible-gen-lib.ts) aimed at what operators write
 * around a server task that hunt43 did not draw: server lists and disk lists of mappings walked by
 * loops (loop_control with loop_var, index_var, label, extended; with_items, with_dict,
 * with_subelements, subelements with skip_missing), block/rescue/always, set_fact chains that build
 * on earlier facts, a play's vars_files (files the labeller's working directory holds: see below),
 * default(omit), ternary, combine (recursive, list_merge), dict2items/items2dict,
 * selectattr/rejectattr/map(attribute=...) with tests and defaults, json_query, volumes built from
 * lists of mappings, and boot_from_volume/volume_size/boot_volume/volumes/terminate_volume
 * together; now and then a file whose top level is a mapping (YAML or JSON, NaN and Infinity
 * included), or vars whose value holds itself read by a template. Labels by
 * scripts/ansible-hunt44-label.py; count by scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt44-gen.ts N SEED > cases.json
 *   (cd DIR-WITH-vars/ && ANSIBLE_DEPRECATION_WARNINGS=False nice -n 10 /usr/bin/python3 .../scripts/ansible-hunt44-label.py cases.json) > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 * `vars/common.yml` (in the directory the labeller runs in) holds `common_size: 15` and
 * `common_vols: [cv1]`; bdm-lab does not read it (a note where a task uses its names).
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(44);
const { n, pick, maybe } = draws;
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;

const PLAY_VARS = [
  'use_bfv: true', 'root_gb: 20', "size_s: '25'", 'env: prod', 'keep: false', 'img: cirros', 'flv: m1.small',
  'disks: [{name: data1, size: 10, boot: false}, {name: root, size: 20, boot: true}, {name: logs, size: 5, boot: false, tier: gold}]',
  'bdm: [{uuid: vol-a, boot_index: 0, volume_size: 20, delete_on_termination: true}, {uuid: vol-b, boot_index: -1, volume_size: 5}, {uuid: vol-c, boot_index: -1}]',
  'servers: [{name: web1, size: 10, bfv: true, vols: [d1, d2]}, {name: db1, flavor: m1.large, bfv: false}, {name: app1, size: 30, vols: []}]',
  'srv_defaults: {boot_from_volume: true, volume_size: 8, terminate_volume: false, meta: {role: base}}',
  'overrides: {volume_size: 30, meta: {tier: gold}}', 'tiers: {gold: 50, std: 10}', 'empty_list: []', 'maybe_none: null', "blank: ''",
];

const NUM = [
  '{{ (srv_defaults | combine(overrides)).volume_size }}', '{{ (overrides | combine(srv_defaults)).volume_size }}', '{{ (srv_defaults | combine(overrides, recursive=true)).meta | length * 10 }}',
  '{{ disks | selectattr("boot") | map(attribute="size") | first }}', '{{ disks | selectattr("boot", "equalto", true) | map(attribute="size") | first | default(10) }}', '{{ disks | selectattr("tier", "defined") | map(attribute="size") | first }}',
  '{{ bdm | selectattr("boot_index", "==", 0) | map(attribute="volume_size") | first }}', '{{ bdm | selectattr("boot_index", "lt", 0) | map(attribute="volume_size") | list | sum }}', '{{ bdm | map(attribute="volume_size", default=1) | sum }}', '{{ bdm | map(attribute="volume_size") | sum }}',
  '{{ disks | map(attribute="size") | sum }}', '{{ disks | map(attribute="size") | max }}', '{{ (disks | items2dict(key_name="name", value_name="size")).root }}', '{{ (disks | items2dict(key_name="name", value_name="size"))["nope"] | default(7) }}',
  '{{ tiers[env] | default(10) }}', '{{ tiers.gold if use_bfv else tiers.std }}', '{{ tiers | dict2items | selectattr("key", "eq", "gold") | map(attribute="value") | first }}', '{{ tiers | dict2items | map(attribute="value") | min }}',
  '{{ disks | json_query("[?boot].size") | first }}', '{{ disks | json_query("[?size > `8`].size") | sum }}', '{{ servers | json_query("[?name==\'web1\'].size | [0]") }}', '{{ bdm | json_query("[0].volume_size") }}',
  '{{ use_bfv | ternary(root_gb, omit) }}', '{{ keep | ternary(root_gb, omit) }}', '{{ size_s | int if use_bfv else omit }}', '{{ custom_size | default(omit) }}', '{{ custom_size | default(root_gb) }}', '{{ maybe_none | default(12, true) }}', '{{ blank | default(omit, true) }}',
  '{{ servers | selectattr("name", "match", "web") | map(attribute="size") | first }}', '{{ disks | rejectattr("boot") | map(attribute="size") | list | sum }}', '{{ disks | selectattr("size", "gt", 15) | list | length * 10 }}',
  '{{ servers | selectattr("size", "defined") | map(attribute="size") | max }}', '{{ servers | map(attribute="size") | max }}', '{{ (servers | first).size * 2 }}', '{{ servers[1].size | default(omit) }}', '{{ servers[1].size }}',
  '{{ size_s }}', '{{ size_s | int + root_gb }}', '{{ (size_s | int > 20) | ternary("40", "20") }}', '{{ common_size | default(6) }}', '{{ common_size }}',
  '{{ disks | selectattr("boot") | first | json_query("size") }}', '{{ disks | map(attribute="size") | select("gt", 8) | list | sum }}', '{{ disks | map(attribute="size") | reject("lt", 10) | first }}',
];
const BOOL = ['true', 'false', 'yes', "'{{ use_bfv }}'", "'{{ keep }}'", "'{{ srv_defaults.boot_from_volume }}'", "'{{ (srv_defaults | combine({\"boot_from_volume\": false})).boot_from_volume }}'", "'{{ disks | selectattr(\"boot\") | list | length > 0 }}'", "'{{ use_bfv | ternary(\"yes\", \"no\") }}'", "'{{ custom_bfv | default(omit) }}'", "'{{ maybe_none }}'", "'{{ env == \"prod\" }}'", "'{{ bdm | selectattr(\"delete_on_termination\", \"defined\") | list | length > 0 }}'"];
const VOLS = [
  "'{{ disks | rejectattr(\"boot\") | map(attribute=\"name\") | list }}'", "'{{ bdm | selectattr(\"boot_index\", \"lt\", 0) | map(attribute=\"uuid\") | list }}'", "'{{ disks | map(attribute=\"name\") }}'", "'{{ disks | map(attribute=\"name\") | list }}'",
  "'{{ extra_vols | default([]) + [\"data1\"] }}'", "'{{ [] if not use_bfv else [\"data1\"] }}'", "'{{ disks | selectattr(\"name\", \"in\", [\"data1\", \"x\"]) | map(attribute=\"name\") | list }}'", "'{{ disks | json_query(\"[].name\") }}'", "'{{ disks | json_query(\"[?!boot].name\") }}'",
  "[data1, '{{ extra_vol | default(omit) }}']", "['{{ (disks | first).name }}', logs]", "'{{ servers | map(attribute=\"vols\") | flatten }}'", "'{{ servers | map(attribute=\"vols\", default=[]) | flatten }}'", "'{{ servers | selectattr(\"vols\", \"defined\") | map(attribute=\"vols\") | flatten | list }}'",
  "'{{ bdm | map(attribute=\"uuid\") | list }}'", "'{{ tiers | dict2items | map(attribute=\"key\") | list }}'", "'{{ bdm | items2dict(key_name=\"uuid\", value_name=\"boot_index\") | list }}'", "'{{ common_vols | default(omit) }}'", "'{{ empty_list }}'", "'{{ maybe_none | default([], true) }}'",
  "'{{ disks | map(attribute=\"name\") | map(\"regex_replace\", \"^\", \"vol-\") | list }}'", "'{{ disks | rejectattr(\"boot\") | map(attribute=\"name\") | join(\",\") }}'",
];
const NAME = ['vm', "'{{ env }}-vm'", "'{{ (servers | first).name }}'", "'{{ servers | map(attribute=\"name\") | join(\"-\") }}'", "'{{ (disks | selectattr(\"boot\") | first).name }}'", "'{{ custom_name | default(env ~ \"-\" ~ root_gb) }}'", "'{{ tiers | dict2items | map(attribute=\"key\") | first }}'", "'{{ use_bfv | ternary(\"bfv\", \"img\") }}-vm'"];
const WHEN = ['use_bfv', 'not keep', 'custom_size is defined', 'custom_size is undefined', "env == 'prod'", 'disks | selectattr("boot") | list | length > 0', 'servers | length > 2', 'tiers.gold > 20', 'common_size is defined', "maybe_none is none", 'bdm[0].volume_size is defined', 'srv_defaults.boot_from_volume | bool'];

/** a loop, what its item is (size, bfv, name, volumes), the items' field names */
interface Loop { text: string; size: string[]; bfv?: string[]; name?: string[]; vols?: string[] }
const LOOPS: Loop[] = [
  { text: "loop: '{{ servers }}'", size: ['{{ item.size | default(10) }}', '{{ item.size }}', '{{ item.size | default(omit) }}'], bfv: ["'{{ item.bfv | default(false) }}'", "'{{ item.bfv | default(omit) }}'", "'{{ item.bfv }}'"], name: ["'{{ item.name }}'"], vols: ["'{{ item.vols | default([]) }}'", "'{{ item.vols | default(omit) }}'"] },
  { text: "with_items: '{{ disks }}'", size: ['{{ item.size }}', '{{ item.size * 2 }}'], name: ["'vm-{{ item.name }}'"], bfv: ["'{{ item.boot }}'"] },
  { text: "with_dict: '{{ tiers }}'", size: ['{{ item.value }}', '{{ item.value // 2 }}'], name: ["'{{ item.key }}-vm'"] },
  { text: "loop: '{{ tiers | dict2items }}'", size: ['{{ item.value }}'], name: ["'{{ item.key }}'"] },
  { text: "loop: '{{ disks | dict2items }}'", size: ['{{ item.value }}'] },
  { text: "with_subelements:\n    - '{{ servers }}'\n    - vols", size: ['{{ item.0.size }}', '{{ item.0.size | default(5) }}'], name: ["'{{ item.0.name }}-{{ item.1 }}'"], vols: ["['{{ item.1 }}']"] },
  { text: "with_subelements:\n    - '{{ servers }}'\n    - vols\n    - skip_missing: true", size: ['{{ item.0.size | default(5) }}'], name: ["'{{ item.0.name }}-{{ item.1 }}'"], vols: ["['{{ item.1 }}']"] },
  { text: "loop: \"{{ query('subelements', servers, 'vols', {'skip_missing': true}) }}\"", size: ['{{ item.0.size | default(5) }}'], vols: ["['{{ item.1 }}']"] },
  { text: "loop: '{{ servers | selectattr(\"bfv\", \"defined\") | list }}'", size: ['{{ item.size | default(20) }}'], bfv: ["'{{ item.bfv }}'"], name: ["'{{ item.name }}'"] },
  { text: "loop: '{{ servers | selectattr(\"bfv\") }}'", size: ['{{ item.size | default(20) }}'], name: ["'{{ item.name }}'"] },
  { text: "loop: \"{{ lookup('dict', tiers) }}\"", size: ['{{ item.value }}'] },
  { text: "loop: \"{{ lookup('dict', tiers, wantlist=True) }}\"", size: ['{{ item.value }}'] },
  { text: "with_items: [[10, 20], [30]]", size: ['{{ item }}'] },
  { text: "loop: [[10, 20], [30]]", size: ['{{ item | sum }}', '{{ item }}'] },
  { text: "loop: '{{ bdm }}'", size: ['{{ item.volume_size | default(omit) }}', '{{ item.volume_size }}'], vols: ["['{{ item.uuid }}']"], bfv: ["'{{ item.boot_index == 0 }}'"] },
  { text: "loop: '{{ custom_list | default([]) }}'", size: ['{{ item }}'] },
  { text: "loop: '{{ range(1, 3) | list }}'", size: ['{{ item * 10 }}'] },
];

function serverTask(i: number, indent: string): string {
  const L = maybe(0.4) ? pick(LOOPS) : null;
  let lv = 'item';
  const loopLines: string[] = [];
  if (L) {
    loopLines.push(...L.text.split('\n'));
    const lc: string[] = [];
    if (maybe(0.6)) lc.push(`label: ${sq(`{{ ${pick(['item.name | default(item)', 'item', 'item.0.name | default("x")', 'idx'])} }}`)}`);
    if (maybe(0.3)) { lv = pick(['srv', 'd']); lc.push(`loop_var: ${lv}`); }
    if (maybe(0.3)) lc.push('index_var: idx');
    if (maybe(0.2)) lc.push('extended: true');
    if (lc.length) loopLines.push('loop_control:', ...lc.map((x) => `  ${x.replace(/\bitem\b/g, lv)}`));
  }
  const it = (s: string) => s.replace(/\bitem\b/g, lv);
  const args: Array<[string, string]> = [];
  args.push(['name', L?.name && maybe(0.7) ? it(pick(L.name)) : pick(NAME)]);
  const style = pick(['bfv', 'bfv', 'bfv', 'image', 'bootvol', 'mixed']);
  if (style !== 'bootvol') args.push(['image', pick(['cirros', "'{{ img }}'", "'{{ custom_img | default(img) }}'"])]);
  args.push(['flavor', pick(['m1.small', "'{{ flv }}'", "'{{ item.flavor | default(flv) }}'".replace(/item/g, L ? lv : 'custom')])]);
  if (style === 'bfv' || style === 'mixed') {
    args.push(['boot_from_volume', L?.bfv && maybe(0.5) ? it(pick(L.bfv)) : pick(BOOL)]);
    const size = L && maybe(0.7) ? it(pick(L.size)) : pick(NUM);
    args.push(['volume_size', pick([sq, draws.q])(size)]);
  }
  if (style === 'bootvol' || style === 'mixed') args.push(['boot_volume', pick(['rootvol', "'{{ (bdm | selectattr(\"boot_index\", \"==\", 0) | first).uuid }}'", "'{{ custom_vol | default(omit) }}'", "'{{ bdm[0].uuid }}'"])]);
  if (maybe(0.3)) args.push(['terminate_volume', pick(BOOL)]);
  if (maybe(0.45)) args.push(['volumes', L?.vols && maybe(0.6) ? it(pick(L.vols)) : pick(VOLS)]);
  if (maybe(0.12)) args.push(['meta', pick(["'{{ (srv_defaults | combine(overrides, recursive=true)).meta }}'", "'{{ srv_defaults.meta | combine({\"env\": env}) }}'", "'{{ tiers | dict2items | items2dict }}'", "'{{ {} | combine(tiers, overrides) }}'"])]);
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const lines = [`- name: server ${i}`, `  ${mod}:`];
  for (const [k, v] of args) lines.push(`    ${k}: ${v}`);
  lines.push(...loopLines.map((l) => `  ${l}`));
  if (maybe(0.2)) lines.push('  vars:', `    ${pick(['root_gb: 40', 'use_bfv: false', "env: dev", "overrides: {volume_size: 12}", "custom_size: '{{ root_gb * 2 }}'"])}`);
  if (maybe(0.3)) lines.push(`  when: ${sq(L && maybe(0.4) ? it(pick(['item.size is defined', 'item.bfv | default(true)', 'item != 10'])) : pick(WHEN))}`);
  return lines.map((l) => indent + l).join('\n');
}

const FACTS = [
  "srv: '{{ srv_defaults | combine(overrides) }}'", "root_gb: '{{ (srv_defaults | combine(overrides)).volume_size }}'", "vol_list: '{{ disks | map(attribute=\"name\") | list }}'",
  "disks: '{{ disks + [{\"name\": \"extra\", \"size\": 3, \"boot\": false}] }}'", "root_gb: '{{ root_gb | int + 5 }}'", "use_bfv: \"{{ 'yes' if keep else 'no' }}\"", "use_bfv: '{{ not use_bfv }}'",
  "overrides: '{{ overrides | combine({\"volume_size\": 40}) }}'", "tiers: '{{ tiers | dict2items | rejectattr(\"key\", \"eq\", \"gold\") | items2dict }}'", "custom_size: '{{ custom_size | default(16) }}'", "size_s: '{{ size_s | int * 2 }}'",
  "srv_defaults: '{{ srv_defaults | combine({\"boot_from_volume\": false}) }}'", "servers: '{{ servers | rejectattr(\"name\", \"eq\", \"db1\") | list }}'", "custom_img: '{{ maybe_none | default(omit) }}'", "blank: '{{ root_gb }}'",
];

function setFact(indent: string): string {
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`];
  const facts = FACTS.filter(() => maybe(0.15));
  if (!facts.length) facts.push(pick(FACTS));
  lines.push(...facts.map((f) => `    ${f}`));
  if (maybe(0.15)) lines.push(`  when: ${sq(pick(WHEN))}`);
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.7)) return setFact(indent);
  return pick(["- debug:\n    msg: '{{ disks | map(attribute=\"name\") | list }}'", '- ping:', "- debug:\n    var: srv_defaults"]).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.5)) parts.push(`${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.2)) parts.push(`${indent}  always:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.25)) parts.push(`${indent}  vars:\n${indent}    ${pick(['root_gb: 33', 'use_bfv: false', "overrides: {volume_size: 9}"])}`);
    if (maybe(0.2)) parts.push(`${indent}  when: ${sq(pick(WHEN))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`), ...(maybe(0.15) ? ['  vars_files:', '    - vars/common.yml'] : [])],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

/** now and then: the file's top level a mapping (YAML, JSON with NaN/Infinity), or vars that hold themselves read by a template */
function mutate(text: string): string {
  const x = draws.r();
  const server = '{"openstack.cloud.server": {"name": "vm", "image": "cirros", "flavor": "m1.small", "boot_from_volume": true, "volume_size": 5}}';
  if (x < 0.04) {
    // the first play without the list around it
    const m = /^- hosts:[^]*?(?=\n- hosts:|$)/.exec(text);
    if (m) return m[0].replace(/^- /, '').replace(/^ {2}/gm, '') + '\n';
  } else if (x < 0.06) {
    return pick([`${server}\n`, `{"hosts": "localhost", "vars": {"r": NaN}, "tasks": [${server}]}\n`, `{"hosts": "localhost", "vars": {"r": -Infinity, "s": Infinity}, "tasks": [${server}]}\n`, `{"name": "boot", "vars": {"x": NaN}, ${server.slice(1)}\n`, `{"tasks": [${server}], "vars": {"n": [NaN]}}`]);
  } else if (x < 0.1) {
    // a task's vars that hold themselves, read (or not) by its template
    const lines = text.split('\n');
    const ts = lines.map((l, i) => (/^ +- name: server \d+$/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (ts.length) {
      const i = pick(ts);
      const ind = /^ */.exec(lines[i]!)![0];
      const use = pick(['self_ref.size', 'self_ref', 'self_ref.list | length', 'loop_ref[0]', 'plain']);
      lines.splice(i + 1, 0, `${ind}  vars: &sv`, `${ind}    self_ref: &sr {size: 7, again: *sr}`, `${ind}    loop_ref: &lr [3, *lr]`, `${ind}    plain: 9`, `${ind}    all_vars: *sv`);
      const k = lines.findIndex((l, j) => j > i && /^ +(name|image): /.test(l));
      if (k > 0) lines.splice(k + 1, 0, `${/^ */.exec(lines[k]!)![0]}userdata: '{{ ${use} }}'`);
      return lines.join('\n');
    }
  }
  return text;
}

printCases('hunt44', n, () => mutate(inPlay()));
