/**
 * hunt37: playbooks and task lists (the shared frame, scripts/ansible-gen-lib.ts) aimed at what
 * hunt35 left: (1) set_fact tasks with their own `when:` (decided true, decided false, not decided,
 * failing) before the server tasks, chained and at several scopes; (2) jmespath's built-in
 * functions in `json_query` (length, keys, values, sort, sort_by, max, min, max_by, min_by,
 * contains, starts_with, ends_with, join, reverse, to_string, to_number, to_array, type, not_null,
 * abs, ceil, floor, sum, avg, merge, map), with their arity and type errors, unknown functions,
 * expression references and the deprecated literal form; (3) the `together` lookup (with_together,
 * query/lookup) and the `vars` lookup (names the file defines, the loop's own, a default, a name
 * that is not a text) besides hunt35's lookups. Every name a template reads is defined by the play, a
 * block, the task or a set_fact, or is one of the inventory names the labeller gives (`inv_*`), or
 * is written under `default()`.
 * Labels by scripts/ansible-hunt35-label.py; count by scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt37-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False nice -n 10 /usr/bin/python3 scripts/ansible-hunt35-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(37);
const { n, pick, maybe, q } = draws;

const PLAY_VARS = [
  'sz: 10', "szs: '12'", 'bfv: true', "flag: 'yes'", "empty: ''", 'img: cirros', 'cnt: 3', "ver: '2.14.1'",
  'disks: [{name: d1, size: 5, boot: true}, {name: d2, size: 10, boot: false}, {name: d3, size: 7}]',
  'nums: [3, 1.5, 2, -4]', 'words: [beta, alpha, gamma]', 'mixed: [1, a, true, null]', "numtexts: ['7', ' 8 ', '1e1', 'x', '0x10']",
  'cfg: {size: 8, bfv: true, zone: az1}', 'extra: {zone: az2, tier: gold}', 'names: [alpha, beta]', 'tags_list: [a, b, c]',
];
const OVERRIDES: Record<string, string[]> = {
  sz: ['3', "'4'", '9.0', "'{{ szs }}'", "'{{ cnt * 2 }}'", "'{{ nums | json_query(\"max(@)\") }}'"],
  szs: ["'20'", '21'],
  bfv: ['false', "'yes'", "'no'", "'{{ sz | int > 5 }}'"],
  flag: ["'no'", "'true'", '1'],
  words: ['[zeta, eta]', '[]', "'{{ words | json_query(\"sort(@)\") }}'"],
  disks: ['[{name: d9, size: 9, boot: true}]', '[]', "'{{ disks | json_query(\"sort_by(@, &size)\") }}'"],
  cfg: ['{size: 4, bfv: false}', '"{{ cfg | json_query(\'merge(@, `{\\"size\\": 12}`)\') }}"'],
};

/** json_query expressions over the play's values: [data, expression] (the expression in single quotes inside the template) */
const JQ_NUM: Array<[string, string]> = [
  ['disks', 'length(@)'], ['disks', 'max([].size)'], ['disks', 'min([].size)'], ['disks', 'sum([].size)'], ['disks', 'avg([].size)'],
  ['disks', 'max_by(@, &size).size'], ['disks', 'min_by(@, &size).size'], ['disks', 'sort_by(@, &size)[-1].size'], ['disks', 'sort_by(@, &name)[0].size'],
  ['disks', 'length([?contains(name, `"d"`)])'], ['disks', 'length([?starts_with(name, `d1`)])'], ['disks', 'length([?ends_with(name, \'2\')])'],
  ['nums', 'max(@)'], ['nums', 'abs(min(@))'], ['nums', 'ceil(@[1])'], ['nums', 'floor(@[1])'], ['nums', 'sum(@)'], ['nums', 'avg(@)'], ['nums', 'sort(@)[0]'],
  ['nums', 'length(to_array(@[0]))'], ['numtexts', 'to_number(@[0])'], ['numtexts', 'to_number(@[1])'], ['numtexts', 'to_number(@[2])'], ['numtexts', 'not_null(to_number(@[3]), `5`)'],
  ['numtexts', 'to_number(@[4])'], ['cfg', 'length(keys(@))'], ['cfg', 'values(@)[0]'], ['cfg', 'length(merge(@, `{"a": 1}`))'], ['cfg', 'length(to_string(@))'],
  ['words', 'length(join(`,`, @))'], ['words', 'length(sort(@)[0])'], ['words', 'length(reverse(@)[0])'], ['words', 'length(max(@))'], ['words', 'length(@[?contains(@, `a`)])'],
  ['words', 'length(max_by(@, &@))'], ['words', 'length(sort_by(@, &@))'], ['disks', 'length(map(&name, @))'], ['disks', 'max(map(&size, @))'],
  ['mixed', 'length(@[?type(@) == `"number"`])'], ['mixed', 'sum(@)'], ['mixed', 'max(@)'], ['mixed', 'sort(@)'], ['words', 'sum(@)'], ['words', 'abs(@[0])'],
  ['cfg', 'length(@, @)'], ['cfg', 'keys()'], ['cfg', 'size_of(@)'], ['disks', 'not_null()'], ['cfg', 'merge(@, `1`)'], ['disks', 'length(&name)'],
  ['nums', 'join(`,`, @)'], ['disks', 'sort([].name)'], ['disks', 'contains(`"abc"`, `1`)'], ['nums', 'to_number(to_string(@[1]))'], ['disks', 'length(sort_by(@, &boot))'],
  ['cfg', 'size > `5` && size || `1`'], ['disks', '[0].size > \'x\''], ['disks', 'length(@[?size > `6`] | [].name)'], ['nums', 'floor(avg(@))'],
  ['disks', 'max_by(@, &name)'], ['words', 'starts_with(@[0], `1`)'], ['disks', 'type(@[0].size)'], ['cfg', 'to_string(size)'], ['nums', 'ceil(@[0])'],
];
const JQ_LIST: Array<[string, string]> = [
  ['disks', '[].name'], ['disks', 'sort_by(@, &size)[].name'], ['disks', 'map(&name, @)'], ['disks', 'reverse([].name)'], ['words', 'sort(@)'],
  ['words', 'reverse(@)'], ['cfg', 'keys(@)'], ['extra', 'values(@)'], ['disks', '[?contains(name, `"2"`)].name'], ['disks', 'to_array(@[0].name)'],
  ['words', '[?starts_with(@, `"a"`)]'], ['mixed', '[].to_string(@)'], ['disks', 'map(&to_string(size), @)'], ['disks', 'sort([].name)'], ['nums', 'sort(@)'],
  ['disks', 'max_by(@, &size).name'], ['words', 'not_null(`null`, @)'], ['cfg', 'keys(merge(@, extra))'], ['tags_list', 'map(&join(`-`, [@, @]), @)'],
];
const JQ_TEXT: Array<[string, string]> = [
  ['words', 'join(`-`, @)'], ['words', 'join(\',\', sort(@))'], ['cfg', 'to_string(@)'], ['disks', 'to_string([].size)'], ['nums', 'to_string(@)'],
  ['words', 'type(@)'], ['cfg', 'type(bfv)'], ['words', 'reverse(@[0])'], ['mixed', 'to_string(@)'], ['words', 'join(`-`, [@[0], to_string(`1`)])'],
  ['cfg', 'zone'], ['extra', 'merge(@, `{"zone": "az9"}`).zone'], ['disks', 'min_by(@, &size).name'], ['words', 'max(@)'],
];
/** `data | json_query('expr')`, the expression a Jinja string in quotes it does not hold (Ansible doubles a string's backslashes, so none escapes a quote) */
const jq = ([d, e]: [string, string]) => (e.includes("'") ? `${d} | json_query("${e}")` : `${d} | json_query('${e}')`);
/** a template as a YAML double-quoted scalar */
const tpl = (expr: string) => q(`{{ ${expr} }}`);
/** the vars lookup: [expression] over the play's names */
const VARS_LOOKUPS = [
  "lookup('vars', 'sz')", "lookup('vars', 'szs') | int", "lookup('ansible.builtin.vars', 'cnt') * 2", "query('vars', 'sz', 'cnt') | sum",
  "lookup('vars', 'missing', default=4)", "lookup('vars', 'ansible_loop', default=6)", "lookup('vars', 'ansible_loop')", "lookup('vars', 1)",
  "lookup('vars', 'words') | length", "lookup('vars', 'disks') | json_query('max([].size)')", "lookup('vars', 'wor' ~ 'ds') | length",
  "q('vars', 'nums')[0] | json_query('sort(@)')", "lookup('vars', ['sz'])", "lookup('vars', 'cfg').size",
];
const SIZES = ['10', "'{{ sz }}'", "'{{ szs | int }}'", "'{{ inv_size }}'", ...JQ_NUM.map((x) => tpl(jq(x))), ...VARS_LOOKUPS.map(tpl)];
const VOLUMES = ['[v1, v2]', "'{{ inv_vols }}'", ...JQ_LIST.map((x) => tpl(jq(x))), tpl("lookup('vars', 'words')"), tpl("query('vars', 'words') | flatten"), tpl("[lookup('vars', 'img')]")];
const NAMES = ['vm', ...JQ_TEXT.map((x) => tpl(jq(x)))];
const METAS = ["'a=1'", ...JQ_TEXT.slice(0, 5).map((x) => tpl(`{'k': ${jq(x)}}`))];
const WHENS = [
  'sz is defined', 'flag | bool', "ver is version('2.0', '>')", "ver is version('3.0', '>')", 'cnt > 2', 'cnt > 5', 'inv_flag is defined', 'inv_flag | default(false)',
  "disks | json_query('length(@)') > 2", "words | json_query('contains(@, `alpha`)')", "(nums | json_query('max(@)')) > 5", "cfg | json_query('type(size)') == 'number'",
  "words | json_query('sum(@)') > 1", 'missing is not defined', 'bfv', 'not bfv', "empty | length > 0", "undefined_name > 1",
];
const LOOP_SIZES: Record<string, string[]> = {
  pair: ["'{{ item.1 }}'", "'{{ item.0 | length + (item.1 | default(0, true)) }}'", "'{{ item | length }}'", "\"{{ lookup('vars', 'item') | length }}\""],
  disk: ["'{{ item.size }}'", "\"{{ item | json_query('size') }}\""],
  any: ["'{{ item | length + 1 }}'"],
};
const LOOP_VOLUMES: Record<string, string[]> = {
  pair: ["['{{ item.0 }}']", "'{{ item | select | map(\"string\") | list }}'"],
  disk: ["['{{ item.name }}']"],
};
type Kind = 'pair' | 'disk' | 'any';
const LOOPS: Array<{ text: string; kind: Kind }> = [
  { text: 'with_together:\n    - [a, b, c]\n    - [5, 6]', kind: 'pair' },
  { text: "with_together:\n    - '{{ words }}'\n    - '{{ nums }}'", kind: 'pair' },
  { text: "with_together:\n    - '{{ disks | map(attribute=\"name\") | list }}'\n    - '{{ disks | map(attribute=\"size\") | list }}'", kind: 'pair' },
  { text: "with_together: [[x, y]]", kind: 'pair' },
  { text: "with_together: []", kind: 'pair' },
  { text: "loop: \"{{ query('together', words, [4, 5]) }}\"", kind: 'pair' },
  { text: "loop: \"{{ q('ansible.builtin.together', tags_list, nums) }}\"", kind: 'pair' },
  { text: "loop: \"{{ lookup('together', [1, 2], ['p', 'q'], wantlist=True) }}\"", kind: 'pair' },
  { text: "loop: \"{{ lookup('together', [8], [9]) }}\"", kind: 'pair' },
  { text: "loop: \"{{ disks | json_query('sort_by(@, &size)') }}\"", kind: 'disk' },
  { text: "loop: \"{{ disks | json_query('[?contains(name, `d`)]') }}\"", kind: 'disk' },
  { text: "loop: \"{{ words | json_query('sort(@)') }}\"", kind: 'any' },
  { text: "loop: \"{{ words | json_query('length(@)') }}\"", kind: 'any' },
  { text: "with_items: \"{{ disks | json_query('reverse(@)') }}\"", kind: 'disk' },
  { text: "loop: \"{{ lookup('vars', 'disks') }}\"", kind: 'disk' },
  { text: "loop: \"{{ query('vars', 'words', 'tags_list') }}\"", kind: 'any' },
  { text: "loop: \"{{ lookup('vars', 'words') }}\"", kind: 'any' },
];

let kind: Kind | null = null;
function loopPick(pool: Record<string, string[]>, fallback: string[]): string {
  const own = kind ? pool[kind] ?? [] : [];
  return own.length && maybe(0.6) ? pick(own) : pick(fallback);
}

function serverTask(i: number, indent: string): string {
  const loop = maybe(0.3) ? pick(LOOPS) : null;
  kind = loop?.kind ?? null;
  const args: Array<[string, string]> = [];
  args.push(['name', maybe(0.35) ? pick(NAMES) : `vm${i}`]);
  if (maybe(0.85)) args.push(['image', pick(['cirros', 'cirros', "'{{ img }}'"])]);
  if (maybe(0.9)) args.push(['flavor', 'm1.small']);
  const bfv = maybe(0.7);
  if (bfv) args.push(['boot_from_volume', pick(['true', "'{{ bfv }}'", "'yes'"])]);
  if (bfv ? maybe(0.9) : maybe(0.1)) args.push(['volume_size', loopPick(LOOP_SIZES, SIZES)]);
  if (maybe(0.3)) args.push(['volumes', loopPick(LOOP_VOLUMES, VOLUMES)]);
  if (maybe(0.12)) args.push(['meta', pick(METAS)]);
  const lines = [`- name: server ${i}`, `  ${pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server'])}:`];
  for (const [k, v] of args) lines.push(`    ${k}: ${v}`);
  if (maybe(0.3)) {
    const names = Object.keys(OVERRIDES).filter(() => maybe(0.3));
    if (names.length) lines.push('  vars:', ...names.map((k) => `    ${k}: ${pick(OVERRIDES[k]!)}`));
  }
  if (loop) lines.push(`  ${loop.text}`);
  if (maybe(0.25)) lines.push(`  when: ${q(pick(WHENS))}`);
  kind = null;
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

function setFact(indent: string): string {
  const names = Object.keys(OVERRIDES).filter(() => maybe(0.35));
  if (!names.length) names.push(pick(['sz', 'disks', 'words']));
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`, ...names.map((k) => `    ${k}: ${pick(OVERRIDES[k]!)}`)];
  if (maybe(0.7)) {
    if (maybe(0.2)) lines.push('  when:', `    - ${q(pick(WHENS))}`, `    - ${q(pick(WHENS))}`);
    else lines.push(`  when: ${q(pick(WHENS))}`);
  }
  if (maybe(0.15)) lines.push('  vars:', `    cnt: ${pick(['1', '9', "'{{ sz }}'"])}`);
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.55)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:', '- command: echo hi']).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.3)) parts.push(`${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.4)) {
      const names = Object.keys(OVERRIDES).filter(() => maybe(0.35));
      if (names.length) parts.push(`${indent}  vars:\n${names.map((k) => `${indent}    ${k}: ${pick(OVERRIDES[k]!)}`).join('\n')}`);
    }
    if (maybe(0.2)) parts.push(`${indent}  when: ${q(pick(WHENS))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`)],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

printCases('hunt37', n, inPlay);
