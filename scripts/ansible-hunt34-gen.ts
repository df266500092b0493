/**
 * hunt34: playbooks and task lists (the shared frame, scripts/ansible-gen-lib.ts) aimed at what the
 * earlier generators did not draw together: `block:`/`rescue:`/`always:` whose block holds
 * `module_defaults` and `vars:`; the same variable at the play, the block and the task (the
 * innermost wins) and set by an `ansible.builtin.set_fact` task before the server task (over them
 * all, and seen by later plays); looped tasks with `loop_control` (`extended`, `loop_var`,
 * `index_var`) whose arguments read `ansible_loop` and the item; filters on lists of dicts
 * (`selectattr`, `map(attribute=)`, `combine`, `dict2items`, `zip`, `product`, `sum`, `first`,
 * `json_query`); `default(omit)` inside `volumes`, `meta` and `boot_volume`; `when:` with
 * `is defined`, `in` and version tests; and integer/text coercions of `volume_size`. Every name a
 * template reads is defined by the play, a block, the task or a set_fact, or is one of the
 * inventory names the labeller gives (`inv_*`), or is written under `default()` / `is not defined`
 * (bdm-lab takes a name the file does not define as one the inventory may, so `missing is defined`
 * is not decided from the file: not drawn).
 * Labels by scripts/ansible-hunt34-label.py (hunt29's labeller with an inventory, loops and
 * set_fact); count by scripts/ansible-hunt34-diff.ts:
 *   node --import tsx scripts/ansible-hunt34-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False /usr/bin/python3 scripts/ansible-hunt34-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt34-diff.ts cases.json labels.jsonl [--root DIR] [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(34);
const { n, pick, maybe, q, r } = draws;

/** the play's variables (always all of them, so that every name a template reads is defined) */
const PLAY_VARS = [
  'sz: 10', "szs: '12'", 'bfv: true', 'img: cirros', "ver: '2.14.1'",
  'disks: [{name: d1, size: 5, boot: true}, {name: d2, size: 10, boot: false}, {name: d3, size: 7}]',
  "sizes: [5, '6', 7]", 'names: [alpha, beta]', 'cfg: {size: 8, bfv: true, zone: az1}', "tags_list: ['a', 'b']",
];
/** values a block, the task or a set_fact gives the same names */
const OVERRIDES: Record<string, string[]> = {
  sz: ['3', "'4'", '9.0', "'{{ szs }}'", "' 6'", "'7 '", 'true', "'0x10'"],
  szs: ["'20'", '21', "'2_0'", "'{{ cfg.size }}'"],
  bfv: ['false', "'yes'", "'no'", "'{{ sz > 5 }}'", '0'],
  img: ['other-img', "''", "'{{ names[0] }}'"],
  ver: ["'2.9'", "'3.0.0'", '2.10', "'2.14.1'"],
  disks: ['[{name: d9, size: 9, boot: true}]', '[]', "'{{ disks | rejectattr(\"name\", \"equalto\", \"d1\") | list }}'"],
};

/** a volume_size value */
const SIZE_TEMPLATES = [
  '10', "'11'", "'{{ sz }}'", "'{{ szs }}'", "'{{ szs | int }}'", "'{{ sz | string }}'", "'{{ sz * 2 }}'", "'{{ sz / 2 }}'",
  "'{{ sz // 3 }}'", "'{{ disks | selectattr(\"boot\", \"defined\") | selectattr(\"boot\") | map(attribute=\"size\") | first }}'",
  "'{{ disks | map(attribute=\"size\") | sum }}'", "'{{ (cfg | combine({\"size\": 4})).size }}'",
  "'{{ cfg | dict2items | selectattr(\"key\", \"equalto\", \"size\") | map(attribute=\"value\") | first }}'",
  "'{{ sizes | zip(names) | list | first | first }}'", "'{{ names | product(sizes) | list | length }}'",
  "'{{ disks | json_query(\"[0].size\") }}'", "'{{ disks | json_query(\"[?boot].size | [0]\") }}'",
  "'{{ inv_size }}'", "'{{ missing | default(omit) }}'", "'{{ missing | default(szs) }}'", "'{{ sizes | max }}'",
  "'{{ sizes | map(\"int\") | max }}'", "'{{ (sizes | last) + 1 }}'", "'{{ disks | map(attribute=\"size\") | list | min }}'",
  "' 7'", "'7 '", "'0x10'", "'1e1'", '7.0', "'7.5'", "'7.0'", 'true', "'{{ cfg.size if bfv else 1 }}'",
  "'{{ disks | items2dict(key_name=\"name\", value_name=\"size\") | dict2items | map(attribute=\"value\") | sum }}'",
];
const LOOP_SIZE = ["'{{ item.size }}'", "'{{ item.size | default(omit) }}'", "'{{ ansible_loop.index }}'", "'{{ ansible_loop.length * 2 }}'", "'{{ item.1 }}'", "'{{ item.value }}'", "'{{ i + 1 }}'"];
const VOLUMES = [
  "['{{ missing | default(omit) }}']", "[d1, '{{ missing | default(omit) }}']", "'{{ disks | map(attribute=\"name\") | list }}'",
  "'{{ disks | selectattr(\"boot\", \"defined\") | map(attribute=\"name\") | list }}'", "['{{ names | first }}']",
  "'{{ missing | default(omit) }}'", "'{{ names | zip(sizes) | map(\"join\", \"-\") | list }}'", "'{{ disks | json_query(\"[].name\") }}'",
];
const LOOP_VOLUMES = ["['{{ item.name }}']", "['{{ item.name | default(omit) }}']", "'{{ [item.name] if ansible_loop.first else [] }}'"];
const BOOT_VOLUMES = ["'{{ missing | default(omit) }}'", "'{{ disks[0].name }}'", "'{{ (disks | first).name }}'", "'{{ cfg.root | default(omit) }}'"];
const METAS = [
  "{a: '{{ missing | default(omit) }}', b: '1'}", "'{{ cfg | combine({\"extra\": \"x\"}) }}'", "{size: '{{ sz }}'}",
  "'{{ dict(names | zip(tags_list)) }}'", "'{{ cfg | dict2items | items2dict }}'", "{n: '{{ names | join(\",\") }}'}",
];
const WHENS = [
  'sz is defined', 'missing is not defined', "'d1' in (disks | map(attribute='name'))", "'d1' in disks | map(attribute='name') | list",
  "ver is version('2.10', '>=')", "ver is version_compare('3.0', '<')", "ver is version('2.14.1', '==', strict=true)",
  'sz in [10, 3]', "szs in ['12', '20']", 'sz | int > 5', 'inv_flag is defined', "cfg.zone is defined and cfg.zone == 'az1'",
  "ver is version('2.9', 'lt')", "'x' in names", "names | length > 1", "ver is version('1.0.0', '>', version_type='semver')",
];
const LOOP_WHENS = ['item.boot | default(false)', 'ansible_loop.first', 'not ansible_loop.last', "item.size > 6", 'i == 0', "item.key == 'size'"];

/** a looped task's loop, loop_control and what its items give */
const LOOPS: Array<{ text: string; item: 'disk' | 'pair' | 'kv' | 'any' }> = [
  { text: "loop: '{{ disks }}'", item: 'disk' },
  { text: "loop: \"{{ disks | selectattr('boot', 'defined') | list }}\"", item: 'disk' },
  { text: "loop: \"{{ disks | rejectattr('boot', 'defined') | list }}\"", item: 'disk' },
  { text: "loop: \"{{ names | zip(sizes) | list }}\"", item: 'pair' },
  { text: "loop: \"{{ names | product([1, 2]) | list }}\"", item: 'pair' },
  { text: "loop: \"{{ cfg | dict2items }}\"", item: 'kv' },
  { text: "loop: '{{ sizes }}'", item: 'any' },
  { text: 'loop: [{name: x1, size: 2}, {name: x2, size: 4}]', item: 'disk' },
  { text: "loop: \"{{ disks | json_query('[?size > `6`]') }}\"", item: 'disk' },
  { text: "loop: \"{{ disks | map('combine', {'size': 1}) | list }}\"", item: 'disk' },
];

let inLoop: 'disk' | 'pair' | 'kv' | 'any' | null = null;
let loopVar = 'item';
let hasIndex = false;

const forLoop = (s: string) => s.replace(/\bitem\b/g, loopVar);

function sizeValue(): string {
  if (inLoop && maybe(0.5)) {
    const ok = LOOP_SIZE.filter((s) => (s.includes('item.size') ? inLoop === 'disk' : s.includes('item.1') ? inLoop === 'pair' : s.includes('item.value') ? inLoop === 'kv' : s.includes('i + 1') ? hasIndex : true));
    return forLoop(pick(ok));
  }
  return pick(SIZE_TEMPLATES);
}

function serverTask(i: number, indent: string): string {
  const loop = maybe(0.3) ? pick(LOOPS) : null;
  inLoop = loop?.item ?? null;
  loopVar = loop && maybe(0.25) ? 'disk' : 'item';
  const extended = loop ? maybe(0.7) : false;
  hasIndex = loop ? maybe(0.3) : false;
  const args: Array<[string, string]> = [];
  args.push(['name', loop && maybe(0.5) ? q(extended ? `vm${i}-{{ ansible_loop.index0 }}` : `vm${i}-{{ ${loopVar} }}`) : maybe(0.1) ? "'{{ inv_name }}'" : `vm${i}`]);
  if (maybe(0.85)) args.push(['image', maybe(0.2) ? "'{{ img }}'" : 'cirros']);
  if (maybe(0.9)) args.push(['flavor', 'm1.small']);
  const bfv = maybe(0.6);
  if (bfv) args.push(['boot_from_volume', pick(['true', "'{{ bfv }}'", "'{{ bfv | bool }}'", "'{{ cfg.bfv }}'", 'yes'])]);
  if (bfv ? maybe(0.85) : maybe(0.15)) args.push(['volume_size', sizeValue()]);
  if (maybe(0.3)) args.push(['volumes', inLoop === 'disk' && maybe(0.5) ? forLoop(pick(LOOP_VOLUMES)) : pick(VOLUMES)]);
  if (maybe(0.12)) args.push(['boot_volume', pick(BOOT_VOLUMES)]);
  if (maybe(0.15)) args.push(['meta', pick(METAS)]);
  if (maybe(0.1)) args.push(['terminate_volume', pick(['true', "'{{ bfv }}'", "'{{ missing | default(omit) }}'"])]);
  const lines = [`- name: server ${i}`];
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  lines.push(`  ${mod}:`);
  for (const [k, v] of args) {
    if (k === 'meta' && v.startsWith('{')) lines.push(`    ${k}:`, ...v.slice(1, -1).split(/, (?=[a-z]+:)/).map((kv) => `      ${kv}`));
    else lines.push(`    ${k}: ${v}`);
  }
  if (maybe(0.4)) {
    const names = Object.keys(OVERRIDES).filter(() => maybe(0.3));
    if (names.length) lines.push('  vars:', ...names.map((k) => `    ${k}: ${pick(OVERRIDES[k]!)}`));
  }
  if (loop) {
    lines.push(`  ${loop.text}`);
    const lc: string[] = [];
    if (loopVar !== 'item') lc.push(`loop_var: ${loopVar}`);
    if (hasIndex) lc.push('index_var: i');
    if (extended) lc.push(pick(['extended: true', 'extended: yes', "extended: '{{ bfv }}'", 'extended: true']));
    if (extended && maybe(0.2)) lc.push('extended_allitems: false');
    if (lc.length) lines.push('  loop_control:', ...lc.map((l) => `    ${l}`));
  }
  if (maybe(0.3)) {
    const fits = LOOP_WHENS.filter((x) => (x.includes('ansible_loop') ? extended : x.includes('i ==') ? hasIndex : x.includes('item.key') ? inLoop === 'kv' : x.includes('item.') ? inLoop === 'disk' : true));
    const w = loop && fits.length && maybe(0.5) ? forLoop(pick(fits)) : pick(WHENS);
    lines.push(maybe(0.2) ? `  when:\n    - ${q(w)}\n    - sz is defined` : `  when: ${q(w)}`);
  }
  if (maybe(0.15)) lines.push(...moduleDefaults('  '));
  inLoop = null;
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

/** module_defaults for the server (by name or group), values templated */
function moduleDefaults(indent: string): string[] {
  const key = pick(['openstack.cloud.server', 'os_server', 'group/openstack.cloud.openstack', 'group/os', 'openstack.cloud.os_server']);
  const opts: string[] = [];
  if (maybe(0.6)) opts.push(`boot_from_volume: ${pick(['true', "'{{ bfv }}'", 'false'])}`);
  if (maybe(0.6)) opts.push(`volume_size: ${pick(SIZE_TEMPLATES)}`);
  if (maybe(0.3)) opts.push(`terminate_volume: ${pick(['true', "'{{ missing | default(omit) }}'"])}`);
  if (maybe(0.2)) opts.push(`volumes: ${pick(VOLUMES)}`);
  if (maybe(0.2)) opts.push(`flavor: ${pick(['m1.large', "'{{ missing | default(omit) }}'"])}`);
  if (!opts.length) opts.push('key_name: k1');
  return [`${indent}module_defaults:`, `${indent}  ${key}:`, ...opts.map((o) => `${indent}    ${o}`)];
}

function setFact(indent: string): string {
  const names = Object.keys(OVERRIDES).filter(() => maybe(0.35));
  if (!names.length) names.push('sz');
  // (set_fact renders before it sets: a value may name the variable it sets)
  const value = (k: string) => (k === 'sz' && maybe(0.3) ? "'{{ sz | int + 1 }}'" : pick(OVERRIDES[k]!));
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`, ...names.map((k) => `    ${k}: ${value(k)}`)];
  if (maybe(0.15)) lines.push(`  when: ${q(pick(['sz is defined', "ver is version('2.0', '>')", 'missing is not defined']))}`);
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.3)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:', '- command: echo hi']).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.5)) parts.push(`${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.25)) parts.push(`${indent}  always:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.5)) parts.push(moduleDefaults(`${indent}  `).join('\n'));
    if (maybe(0.5)) {
      const names = Object.keys(OVERRIDES).filter(() => maybe(0.35));
      if (names.length) parts.push(`${indent}  vars:\n${names.map((k) => `${indent}    ${k}: ${pick(OVERRIDES[k]!)}`).join('\n')}`);
    }
    if (maybe(0.15)) parts.push(`${indent}  when: ${q(pick(WHENS))}`);
    return parts.join('\n');
  },
  playExtras: () => [
    '  vars:', ...PLAY_VARS.map((v) => `    ${v}`),
    ...(maybe(0.4) ? moduleDefaults('  ') : []),
  ],
});

/** a bare task list drawn by the frame becomes the tasks of a play with the play's variables */
const inPlay = inOnePlay(playbook, PLAY_VARS);

void r;
printCases('hunt34', n, inPlay);
