/**
 * hunt26: playbooks and task lists of several tasks (scripts/ansible-hunt26-label.py runs them as
 * ansible-playbook loads and runs them): one to three plays of `openstack.cloud.server` tasks and
 * `debug` tasks in tasks, pre_tasks, post_tasks, handlers and blocks; now and then a task with two
 * loop keys (Ansible refuses the whole playbook at load), free-form words that are not k=v, and
 * arguments or `when:` conditions that use what the last session left: a range as a hashable value
 * (`unique`, a dict key, `in`), ints past Python's 4 300-digit str() limit, bad regular
 * expressions, conditions that fail.
 * Usage: node --import tsx scripts/ansible-hunt26-gen.ts N SEED > cases.json, then
 * /usr/bin/python3 scripts/ansible-hunt26-label.py cases.json > labels.jsonl and
 * node --import tsx scripts/ansible-hunt26-diff.ts cases.json labels.jsonl
 */
import { generatorArgs, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(26);
const { n, pick, maybe, q } = draws;

const VARS = ['n: 3', 'big: 5000', 's: abc', 'd: {a: 1, b: 2}', 'l: [1, 2, 2]', 'size: 10'];

/** volume_size templates: plain, and the left gaps (ranges, big ints, regular expressions) */
const SIZES = [
  '10', '{{ size }}', '{{ size * 2 }}',
  '{{ [range(3), range(3), range(0), range(4, 4)] | unique | length * 10 }}',
  '{{ (range(2) in [range(2), 1]) | ternary(20, 30) }}',
  "{{ {range(2): 5}[range(2)] }}",
  "{{ {range(2): 5}[range(3)] | default(7) }}",
  "{{ d.get(range(2), 9) }}",
  "{{ (range(3) in d) | ternary(1, 15) }}",
  "{{ [range(2), range(0, 2), range(2, 4)] | unique | list | length * 5 }}",
  "{{ [range(n)] | unique(case_sensitive=false) | length + 9 }}",
  '{{ 10 ** big }}', "{{ (10 ** big) | string | length }}", "{{ 'x' ~ (2 ** (big * 4)) }}",
  '{{ [10 ** big] | length }}', '{{ ((10 ** big) > 5) | ternary(10, 20) }}', '{{ (10 ** big) | int }}',
  '{{ (7 ** big) | to_json | length }}', '{{ (10 ** 4299) | string | length }}', '{{ 10 ** 20 }}',
  "{{ s | regex_search('(') }}", "{{ s | regex_replace('[a-', 'x') }}", "{{ s | regex_search('a{2,1}') }}",
  "{{ s | regex_replace('*a', '') }}", "{{ s | regex_search('a|*') }}", "{{ s | regex_replace('a**', '') }}",
  "{{ s | regex_search('\\\\q') }}", "{{ s | regex_search('(?P<x') }}", "{{ s | regex_search('(?P<1a>b)') }}",
  "{{ s | regex_search('(?P<x>a)(?P<x>b)') }}", "{{ s | regex_search('a)b') }}", "{{ s | regex_search('x(a(b') }}",
  "{{ s | regex_search('^*') }}", "{{ s | regex_search('[\\\\q]') }}", "{{ s | regex_search('(?P<>a)') }}",
  "{{ (s | regex_search('b')) | length * 10 }}", "{{ s | regex_replace('b', '5') | length }}",
];

const WHENS = [
  'n > 1', 'n > 5', "s is match('a')", "s is match('[a-')", "s is search('a{3,2}')", 's > 1', '1/0', "d['zz']",
  "n | int > 'x'", "(10 ** big) | string", "range(2) in {range(2): 1}", '[range(2)] | unique | length == 1',
  "s | regex_search('(')", "l[5]", "s.foo()", "(10 ** big) > 1", "n in range(5)", "range(3) == range(0, 3)",
];

function serverTask(i: number, indent: string): string {
  const lines = [`- name: server ${i}`];
  const freeForm = maybe(0.03);
  if (freeForm) lines.push(`  openstack.cloud.server: name=vm${i} image=cirros flavor=m1.small ${pick(['junk', 'x', 'boot_from_volume=true volume_size=5 oops'])}`);
  else {
    lines.push('  openstack.cloud.server:', `    name: vm${i}`, '    image: cirros', '    flavor: m1.small');
    if (maybe(0.8)) lines.push('    boot_from_volume: true', `    volume_size: ${q(pick(SIZES))}`);
  }
  if (maybe(0.9)) lines.push('  vars:', ...VARS.map((v) => `    ${v}`));
  if (maybe(0.3)) lines.push(`  when: ${q(pick(WHENS))}`);
  if (maybe(0.03)) lines.push(`  loop: [1]`, `  with_${pick(['items', 'list', 'dict'])}: [2]`);
  return lines.map((l) => indent + l).join('\n');
}

function debugTask(indent: string): string {
  const lines = ['- debug: msg=hello'];
  if (maybe(0.1)) lines.push(...pick([['  loop: [1]', '  with_items: [2]'], ['  with_items: [1]', '  with_list: [2]'], ['  with_dict: {a: 1}', '  loop: [a]'], ['  loop: null', '  with_items: [1]'], ['  with_items: [1]']]));
  return lines.map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask: debugTask,
  block: (indent, depth, taskList) => `${indent}- block:\n${taskList(`${indent}    `, depth + 1)}${maybe(0.5) ? `\n${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}` : ''}`,
});

printCases('hunt26', n, playbook);
