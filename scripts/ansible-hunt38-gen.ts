/**
 * hunt38: playbooks and task lists (the shared frame, scripts/ansible-gen-lib.ts) aimed at what
 * hunt37 left: (1) set_fact tasks in a block's `rescue:` and `always:` and in a play's handlers
 * (besides `block:`), read by later server tasks; (2) the views a dict's `keys()`, `values()` and
 * `items()` give (indexing, `| list`, `join`, `first`, `length`, `in`, `sort`, written as text);
 * (3) `combine` of mappings and of a list of them, `dict()` of pairs and keywords, `items2dict` and
 * `dict2items` with their key names and refusals; (4) Python's `%` formatting of a text (`'%s' % x`,
 * a tuple, a mapping, the conversions, too few or too many arguments, a bad character) and Jinja's
 * `format` filter; (5) escapes in Jinja string literals (`\'`, `\"`, `\n`, `\x41`, `\u0041`, an
 * unknown one), written in YAML single-quoted scalars and block scalars so the backslash reaches
 * Jinja as it is; (6) the filters written around block devices: `default(omit)`, `int`, `bool`,
 * `ternary`, `regex_replace`, `regex_search`, `join`, `map(attribute=)`, `selectattr`, `zip`,
 * `product`, `range`. Every name a template reads is defined by the play, a block, the task or a
 * set_fact, or is one of the inventory names the labeller gives (`inv_*`), or is under `default()`.
 * Labels by scripts/ansible-hunt35-label.py; count by scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt38-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False nice -n 10 /usr/bin/python3 scripts/ansible-hunt35-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(38);
const { n, pick, maybe } = draws;

const PLAY_VARS = [
  'sz: 10', "szs: '12'", 'bfv: true', "flag: 'yes'", "empty: ''", 'img: cirros', 'cnt: 3', 'fl: 2.5',
  'disks: [{name: d1, size: 5, boot: true}, {name: d2, size: 10, boot: false}, {name: d3, size: 7}]',
  'nums: [3, 1, 2]', 'words: [beta, alpha, gamma]', "pairs: [[a, 1], [b, 2]]", "devs: [/dev/vdb, /dev/vdc, /dev/sdd]",
  'cfg: {size: 8, bfv: true, zone: az1}', 'extra: {zone: az2, tier: gold}', 'kv: [{key: size, value: 6}, {key: zone, value: az3}]',
];
/** a YAML single-quoted scalar (backslashes reach the template as written) */
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
/** a template in a YAML single-quoted scalar */
const tpl = (expr: string) => sq(`{{ ${expr} }}`);

/** expressions whose value is (or should be) a size */
const NUM = [
  // keys / values / items views
  'cfg.keys() | length', 'cfg.values() | list | length', '(cfg.keys() | list)[0] | length', 'cfg.keys()[0]', 'cfg.keys() | first | length',
  'cfg.values() | first', 'cfg.values() | select("number") | sum', 'cfg.items() | list | length', '(cfg.items() | list)[0][1]', "cfg.keys() | join(',') | length",
  "'size' in cfg.keys()", "cfg.keys() | sort | first | length", "cfg.keys() | string | length", "(cfg.keys() ~ '') | length", 'cfg.keys() | list | last | length',
  "cfg.items() | map('first') | list | length", 'cfg.keys() | to_json | length', 'cfg.values() | max', 'cfg.keys() | map("length") | sum', '(cfg.values() | list)[0]',
  'cfg.keys().0', 'cfg.keys() | count', 'cfg.keys() | unique | length', 'cfg.keys() | reverse | list | length', 'cfg.items() | first | last',
  // combine / dict / items2dict / dict2items
  "(cfg | combine({'size': 4})).size", '(cfg | combine(extra)) | length', '(extra | combine(cfg)).size', '([cfg, {"size": 9}] | combine).size',
  "(cfg | combine(extra, {'size': 11})).size", '(cfg | combine(1)).size', "(cfg | combine({'size': 2}, recursive=True)).size", "({} | combine(cfg)).size",
  "(cfg | combine([extra, {'size': 13}])).size", "dict(pairs).b", "dict(pairs) | length", "dict([['size', 3]]).size", 'dict(size=14).size', "dict(cfg, size=15).size",
  "dict(['ab', 'cd']).a | length", "dict(['abc']) | length", "dict(words | zip(nums)).alpha", "dict(1) | length", "dict(nums) | length",
  '(kv | items2dict).size', "(disks | items2dict(key_name='name', value_name='size')).d2", '(disks | items2dict) | length', '(cfg | dict2items)[0].value',
  "(cfg | dict2items(key_name='k', value_name='v') | first).v", '(cfg | dict2items | items2dict).size', 'words | dict2items', '(cfg | dict2items | length) + 1',
  "(pairs | map('reverse') | list | length)", "(cfg | dict2items | selectattr('key', 'equalto', 'size') | first).value", "dict(kv | map(attribute='key') | zip(kv | map(attribute='value'))).size",
  // % formatting
  "'%s' % sz", "'%d' % sz", "'%d' % szs", "'%d' % fl", "'%i' % (sz,)", "'%s%s' % (sz, cnt)", "'%d%d' % (1, 2)", "'%s' % (1, 2)", "'%s %s' % sz",
  "'%(size)s' % cfg", "'%(nope)s' % cfg", "'%x' % sz", "'%o' % sz", "'%05d' % cnt", "'%.0f' % fl", "'%3d' % cnt", "'%-3d|' % cnt", "'%%d' % ()", "'%z' % sz",
  "('%d' % (cnt * 4)) | int", "'%s' % nums | length", "'%c' % 55", "'%.1s' % 53", "'%e' % sz | length", "'%g' % fl | length", "'%s' % none", "'%d' % true",
  "'%d' % '7'", "'%s' % words | length", "'%s' % (words,) | length", "'%r' % 'a' | length", "'%a' % 'é' | length", "'%(size)d%(size)d' % cfg", "'%*d' % (3, 4)",
  "'%s' | format(sz)", "'%d%d' | format(cnt, cnt)", "'%s' | format()", "'%(size)s' | format(size=5)", "'%d' | format('x')", "sz % 4", "cnt % 0", "-7 % 3", "fl % 1",
  // escapes
  "'1\\'2' | length", "\"1\\\"2\" | length", "'a\\nb' | length", "'\\x41' | length", "'\\u00e9' | length", "'\\101' | length", "'\\q' | length", "'\\\\' | length",
  "'a\\tb' | length", "'\\N{BULLET}' | length", "'\\'' | length", "\"\\'\" | length", "'\\x4' | length", "'\\U0001F600' | length",
  // filters around block devices
  'inv_missing | default(omit)', 'inv_missing | default(9)', 'szs | int', "'8G' | int", "'8G' | regex_replace('G$', '') | int", "'0x10' | int(base=16)", "'0x10' | int(0, 16)",
  "'12' | int + 1", "fl | int", "'2.5' | int", "'2.5' | float | int", "flag | bool | ternary(20, 2)", "(cnt > 2) | ternary(3, 4)", "none | ternary(1, 2, 3)", "'no' | bool | ternary(5, 6)",
  "'vol-40-gb' | regex_search('[0-9]+')", "'vol-40-gb' | regex_search('([0-9]+)', '\\\\1') | first", "'abc' | regex_search('[0-9]+') | default(8, true)", "'size=30' | regex_replace('^size=(\\\\d+)$', '\\\\1')",
  "'x' | regex_search('(')", "disks | map(attribute='size') | max", "disks | map(attribute='size') | sum", "disks | selectattr('boot') | map(attribute='size') | first",
  "disks | selectattr('boot', 'defined') | list | length", "disks | selectattr('size', '>', 6) | list | length", "disks | selectattr('boot', 'equalto', false) | map(attribute='size') | first",
  "disks | map(attribute='missing') | list | length", "disks | map(attribute='missing', default=4) | first", "nums | zip(words) | list | length", "(nums | zip(words) | first)[0]",
  "nums | product(words) | list | length", "range(3) | list | length", "range(1, 10, 3) | list | last", "range(5) | sum", "range(0) | list | length", "range(3) | first",
  "(range(2) | product(range(3)) | list)[-1][1]", "words | zip(range(4)) | list | last | last", "range(3)[1]", "range(10)[2:5] | length", "range(-1) | length",
  "devs | map('regex_replace', '^/dev/', '') | join(',') | length", "devs | select('match', '/dev/vd') | list | length", "devs | map('basename') | list | length",
  "devs | join | length", "words | join(1) | length", "[1, 2] | join('-') | length", "nums | map('string') | join | int", "nums | map('int') | sum",
  "cfg.size | default(omit)", "(cfg.size | string) ~ '0'", "'%s' % cfg.size ~ '1'", "cfg['size'] | int(7)",
  // more conversions and selections, and templates Jinja refuses to parse
  "flag | bool | int + 1", "'on' | bool | ternary(4, 5)", "'maybe' | bool | ternary(4, 5)", "'abc' | int", "'abc' | int(5)", "' 7 ' | int", "'1_000' | int",
  "'3.9' | float | round | int", "'0b101' | int(base=2)", "'12' | int(base=8)", "none | default(5)", "none | default(5, true)", "szs | int | ternary(1, 2)", "'' | ternary(1, 2)",
  "disks | selectattr('name', 'match', 'd[12]') | list | length", "disks | selectattr('name', 'search', '3') | map(attribute='size') | first", "disks | rejectattr('boot', 'undefined') | list | length",
  "disks | selectattr('size', 'in', [5, 7]) | list | length", "disks | selectattr('size', 'ge', 7) | map(attribute='size') | sum", "disks | map(attribute='size') | select('odd') | list | length",
  "disks | sum(attribute='size')", "(disks | max(attribute='size')).size", "(disks | sort(attribute='size', reverse=true) | first).size", "disks | map(attribute='name') | map('regex_replace', 'd', '') | map('int') | sum",
  "'abcdef'[1:3] | length", "'/dev/vdb' | regex_search('vd(.)', '\\\\1') | first | length", "'/dev/vdb' | regex_replace('^/dev/(?P<d>.+)$', '\\\\g<d>') | length", "'x' | regex_replace('(', '')",
  "'ab' | regex_search('A', ignorecase=true) | length", "[1] * 3 | length", "'ab' * 2 | length", "cfg.get('size')", "cfg.get('nope', 4)", "'%(a)s%(b)s' % dict(a=1, b=2)", "'%.2f' % (sz / 3) | float | int",
  "'%+d' % cnt", "'% d' % cnt | length", "'%#x' % sz | length", "'%5s|' % 'ab' | length", "'%c' % 'xy'", "'%(size)' % cfg", "'%s %' % sz", "'%e' % sz", "'%.1e' % fl | length", "'%g' % fl",
  "sz sz", "'1' 2", "[1 2] | length", "(sz 2)", "{'a' 1} | length", "sz | int 3", "range(3) | reverse | first", "(cfg | dict2items | reverse | first).value", "words | reverse | first | length",
  "devs | map('basename') | map('length') | sum", "devs | first | basename | length", "'%s' | format(sz, cnt)", "'%s-%s' | format(img, 1) | length", "'%d' | format(fl)",
  "'size=30' | regex_replace('^size=(\\d+)$', '\\1') | int", "'vol-40-gb' | regex_search('([0-9]+)', '\\1') | first | int", "'a.b' | regex_replace('\\.', '') | length",
];
/** expressions for the volumes list */
const VOL = [
  'cfg.keys() | list', 'cfg.keys()', 'cfg.values() | list', 'cfg.keys() | sort', "cfg.keys() | map('upper') | list", 'extra.values()', 'cfg | dict2items | map(attribute="key") | list',
  "dict(pairs).keys() | list", "(cfg | combine(extra)).keys() | list", "['%s-%s' % (img, sz)]", "['%s' % words]", "['v\\'1']", "['a\\nb']", "[\"x\\\"y\"]",
  "disks | map(attribute='name') | list", "disks | selectattr('boot', 'defined') | map(attribute='name') | list", "devs | map('regex_replace', '^/dev/', '') | list",
  "range(2) | map('string') | list", "words | zip(nums) | map('join', '-') | list", "words | product(['x']) | map('join') | list", "inv_missing | default(omit)",
  "words | map('regex_search', 'a') | list", "words | select('regex', '^a') | list", "[] | default(omit, true)", "words | default([]) | reject('equalto', 'beta') | list",
  "[(devs | first | regex_search('v(d.)', '\\\\1')) | first]", "cfg.items() | list | map('first') | list",
  "devs | map('basename') | list", "words | reverse | list", "range(2) | map('string') | map('regex_replace', '^', 'v') | list", "cfg | dict2items | map(attribute='value') | map('string') | list",
  "[sz | string, szs]", "['%s' | format(img)]", "words[1:]", "range(3)[1:] | map('string') | list", "[img] if bfv else omit", "(words | length > 2) | ternary(words, omit)",
];
/** expressions for the server name */
const NAME = [
  "'vm-%s' % sz", "'vm-%03d' % cnt", "'%s-%s' % (img, cnt)", "'%(zone)s' % cfg", "'vm\\'1'", "'vm\\x41'", "\"vm\\\"q\"", "'vm\\u00e9'", "'vm-%s' % cfg.keys()",
  "cfg.keys() | join('-')", "cfg.keys() | string", "cfg.values() | first | string", "cfg.items() | list | string", "cfg.keys() | list | string",
  "(cfg | combine(extra)).zone", "dict(pairs) | string", "(kv | items2dict).zone", "'vm-' ~ range(2) | list | string", "words | zip(nums) | list | string",
  "'{}-{}'.format(img, sz)", "'%s' | format(img)", "img | regex_replace('c', 'C')", "'vm' ~ ('%d' % sz)", "inv_missing | default(omit)", "('vm-%d' % sz) | upper",
  "cfg.keys()", "'%s' % (cfg.keys() | list)", "'%-6s|' % img", "'%.3s' % img", "'%5.1f' % fl", "'%s' % fl", "'%s' % (fl * 3)", "'%s' % (1 / 3)",
];
const META = [
  "{'k': '%d' % sz}", "dict(pairs)", "cfg | combine(extra)", "kv | items2dict", "{'keys': cfg.keys() | join(',')}", "{'k': cfg.keys()}", "dict(a='1\\'2')",
  "dict(words | zip(words))", "cfg | dict2items | items2dict(key_name='key', value_name='value')", "{'k': '\\x41'}",
];

const SF_NAMES: Record<string, string[]> = {
  sz: ['3', "'4'", tpl("'%d' % (cnt * 5)"), tpl('cfg.keys() | length'), tpl("(cfg | combine({'size': 6})).size"), tpl('dict(pairs).b + 10'), tpl("'7\\'' | length")],
  szs: ["'20'", tpl("'%s' % 21"), tpl("'2' ~ '2'")],
  cfg: ['{size: 4, bfv: false}', tpl("cfg | combine({'size': 12})"), tpl('kv | items2dict'), tpl("dict(size=13, zone='az7')")],
  words: ['[zeta, eta]', tpl('cfg.keys() | list'), tpl("cfg.keys()"), tpl("words | map('upper') | list")],
  img: ['cirros2', tpl("'%s-x' % img"), tpl("'c\\'s'")],
  pairs: ['[[a, 3], [b, 4]]', tpl('cfg | dict2items | map("dict2items") | list'), tpl("cfg.items() | list")],
};

function expr(pool: string[]): string {
  return tpl(pick(pool));
}

/** loops over the values hunt38 aims at, and a size each item gives */
const LOOPS: Array<[string, string[]]> = [
  ["loop: '{{ cfg.keys() }}'", ['{{ item | length }}', "{{ cfg[item] | int(3) }}"]],
  ["loop: '{{ cfg.items() }}'", ['{{ item.1 | int(2) }}', '{{ item[0] | length }}', '{{ item | length }}']],
  ["loop: '{{ range(1, 4) }}'", ['{{ item * 5 }}', "{{ '%d' % item }}"]],
  ["loop: '{{ range(6)[::2] }}'", ['{{ item + 1 }}']],
  ["loop: '{{ cfg | dict2items }}'", ['{{ item.value | int(4) }}', '{{ item.key | length }}']],
  ["loop: '{{ kv | items2dict | dict2items }}'", ['{{ item.value | int(5) }}']],
  ["loop: '{{ words | zip(nums) | list }}'", ['{{ item.1 }}', "{{ '%s%s' % item }}", "{{ item | join('') | length }}"]],
  ["loop: '{{ nums | product([1, 10]) | list }}'", ['{{ item.0 * item.1 }}']],
  ["loop: '{{ disks | selectattr(\"boot\", \"defined\") | list }}'", ['{{ item.size }}', "{{ item.boot | ternary(item.size, omit) }}"]],
  ["loop: '{{ dict(pairs) | dict2items }}'", ['{{ item.value }}']],
  ["loop: '{{ words | reverse | list }}'", ['{{ item | length }}']],
  ["with_items: '{{ cfg.values() | list }}'", ['{{ item | int(1) }}']],
  ["with_dict: '{{ cfg }}'", ['{{ item.value | int(6) }}', '{{ item.key | length }}']],
  ["loop: \"{{ '%s,%s' % (sz, cnt) | split(',') }}\"", ['{{ item }}']],
  ["loop: '{{ devs | map(\"basename\") | list }}'", ["{{ item | regex_replace('[^0-9]', '') | default(7, true) }}", '{{ item | length }}']],
  ["loop: '{{ range(3) | map(\"string\") | list }}'", ["{{ '%s' | format(item) | int + 1 }}"]],
];

function serverTask(i: number, indent: string): string {
  const loop = maybe(0.2) ? pick(LOOPS) : null;
  const args: Array<[string, string]> = [];
  args.push(['name', maybe(0.35) ? expr(NAME) : `vm${i}`]);
  if (maybe(0.9)) args.push(['image', pick(['cirros', 'cirros', "'{{ img }}'"])]);
  if (maybe(0.95)) args.push(['flavor', 'm1.small']);
  const bfv = maybe(0.75);
  if (bfv) args.push(['boot_from_volume', pick(['true', "'{{ bfv }}'", "'{{ flag | bool }}'", tpl("cfg.bfv | default(false) | bool")])]);
  if (loop && bfv) args.push(['volume_size', sq(pick(loop[1]))]);
  else if (bfv ? maybe(0.92) : maybe(0.1)) args.push(['volume_size', maybe(0.12) ? pick(["'{{ sz }}'", "'{{ szs }}'", "'{{ cfg.size }}'", "'{{ words | length }}'"]) : expr(NUM)]);
  if (maybe(0.25)) args.push(['volumes', expr(VOL)]);
  if (maybe(0.12)) args.push(['meta', expr(META)]);
  if (maybe(0.08)) args.push(['terminate_volume', tpl(pick(["flag | bool", "'%s' % bfv", "cfg.keys() | length > 2", "none | ternary(true, false, omit)"]))]);
  const lines = [`- name: server ${i}`, `  ${pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server'])}:`];
  for (const [k, v] of args) lines.push(`    ${k}: ${v}`);
  if (maybe(0.2)) {
    const names = Object.keys(SF_NAMES).filter(() => maybe(0.3));
    if (names.length) lines.push('  vars:', ...names.map((k) => `    ${k}: ${pick(SF_NAMES[k]!)}`));
  }
  if (loop) lines.push(`  ${loop[0]}`);
  if (maybe(0.15)) lines.push(`  when: ${sq(pick(["cfg.keys() | length > 2", "'size' in cfg.keys()", "'%d' % sz == '10'", "'a\\'b' | length == 3", 'sz is defined', 'dict(pairs).a == 1', '(cfg | combine(extra)).zone == "az2"', 'sz sz', '[1 2] | length > 0', "sz > 1 and 'ab", "(sz 2) > 1"]))}`);
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

function setFact(indent: string): string {
  const names = Object.keys(SF_NAMES).filter(() => maybe(0.3));
  if (!names.length) names.push(pick(['sz', 'cfg', 'words']));
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`, ...names.map((k) => `    ${k}: ${pick(SF_NAMES[k]!)}`)];
  if (maybe(0.3)) lines.push(`  when: ${sq(pick(["cfg.keys() | length > 2", "'%s' % cnt == '3'", 'cnt > 5', 'inv_flag | default(false)', "'zone' in extra.keys()", 'cnt cnt']))}`);
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.6)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:', '- command: echo hi']).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.5)) parts.push(`${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.5)) parts.push(`${indent}  always:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.2)) parts.push(`${indent}  when: ${sq(pick(["cfg.keys() | length > 2", "'%d' % sz == '10'", 'cnt > 5']))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`)],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

printCases('hunt38', n, inPlay);
