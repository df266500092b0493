/**
 * hunt27: playbooks and task lists like hunt26's (scripts/ansible-hunt26-gen.ts), now with what the
 * hunt27 session reads: `regex_findall`, `regex_escape`, look-behinds (fixed width or not), empty
 * matches in `regex_replace`/`regex_findall`, in `volume_size` and in `when:`; and tasks, blocks and
 * plays ansible-core refuses while it loads the playbook for another reason than a second loop key
 * (conflicting action statements, a key that is no field of a block or a play, `vars:`/`tags:`/
 * `loop_control:` of the wrong type, a string field given a list, `with_items:` without a value,
 * `action:` with `local_action:`, `args:` that is not a mapping, free-form words on `debug`), on
 * server tasks and on the tasks around them.
 * Labels and count as hunt26's (the same format):
 *   node --import tsx scripts/ansible-hunt27-gen.ts N SEED > cases.json
 *   /usr/bin/python3 scripts/ansible-hunt26-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt26-diff.ts cases.json labels.jsonl [--root DIR] [--show]
 */
import { generatorArgs, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(27);
const { n, pick, maybe, q } = draws;

const VARS = ['n: 3', "t: 'vol-10 vol-20 x30'", 's: abc', 'size: 10', 'd: {a: 1, b: 2}', "p: 'a.b*c'"];

const RE = ['\\d+', '(\\d)0', 'vol-(\\d+)', '(v)ol-(\\d)', '(?P<n>\\d)\\d', 'a*', 'x*', '|0', '0|', '\\b', '\\B', '(?<=-)\\d+', '(?<!l)-', '(?<=vol|x)\\d', '(?<=a+)b', '(?<=(v))o', '(?<=\\d{2}) ', '0?', '(0)?', '[a-', '(?<=-\\d)0', '^v', '$', '\\d(?=0)'];
const SUBJ = ['t', 's', 'p', 'n', "'aab'", "''", 'size'];

/** volume_size templates */
function size(): string {
  const re = pick(RE).replace(/'/g, "\\'");
  const sub = pick(SUBJ);
  return pick([
    () => `{{ ${sub} | regex_findall('${re}') | length * 5 + 1 }}`,
    () => `{{ (${sub} | regex_findall('${re}') | first | default('7')) | int + 1 }}`,
    () => `{{ ${sub} | regex_findall('${re}'${pick(['', ', true', ', multiline=true', ', ignorecase=true', ', 1, 2, 3', ', foo=1'])}) | length + 3 }}`,
    () => `{{ ${sub} | regex_replace('${re}', '') | length + 2 }}`,
    () => `{{ ${sub} | regex_replace('${re}', '1') | length }}`,
    () => `{{ (${sub} | regex_search('${re}')) | ternary(10, 20) }}`,
    () => `{{ (${sub} | regex_escape${pick(['', "('posix_basic')", "('posix_extended')", "('perl')", '(1)'])}) | length }}`,
    () => `{{ ${sub} | regex_findall('${re}') | join('') | length + 4 }}`,
    () => `{{ ${sub} | regex_findall('${re}') }}`,
    () => `{{ size }}`,
    () => '10',
  ])();
}

const WHENS = ["s is search('\\bab')", "'a\\nb' | length == 3", "t is search('\\\\d')", "t is search('(?<=-)2')", "t is search('(?<=a+)2')", "t | regex_findall('\\d') | length > 2", "s | regex_escape == 'abc'", "(t | regex_findall('x*')) | length > 5", 'n > 1', "p | regex_escape is search('\\\\')"];

/** task-level keys that load or not: [yaml lines (task-relative, 2 spaces)] */
const TASK_EXTRAS: string[][] = [
  ['  foo: 1'], ['  debug: msg=x'], ['  tags: {a: 1}'], ['  tags: 3'], ['  tags: [a]'], ['  tags: a,b'], ['  vars: [1]'], ['  vars: [{m: 1}]'],
  ['  vars: {bad-name: 1}'], ['  vars: 5'], ['  loop_control: 3'], ['  name: [1]'], ['  register: {a: 1}'], ['  delegate_to: [x]'],
  ['  with_items:'], ['  listen: x'], ['  static: yes'], ['  when: {a: 1}'], ['  ignore_errors: maybe'], ['  become_user: 5'], ['  args: 5'], ['  args: []'],
  ['  local_action: ping'], ['  async: 10'], ['  notify: h'], ['  vars: null'], ['  vars: {if: 1}'], ['  loop_control: {label: x}'],
];

function serverTask(i: number, indent: string): string {
  const lines = [`- name: server ${i}`];
  if (maybe(0.05)) lines.push(`  action: openstack.cloud.server name=vm${i} image=cirros flavor=m1.small`);
  else {
    lines.push('  openstack.cloud.server:', `    name: vm${i}`, '    image: cirros', '    flavor: m1.small');
    if (maybe(0.85)) lines.push('    boot_from_volume: true', `    volume_size: ${q(size())}`);
  }
  if (maybe(0.9)) lines.push('  vars:', ...VARS.map((v) => `    ${v}`));
  if (maybe(0.25)) lines.push(`  when: ${q(pick(WHENS))}`);
  if (maybe(0.04)) lines.push(...pick(TASK_EXTRAS).filter((l) => !l.startsWith('  vars:') || !lines.includes('  vars:')));
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  const lines = maybe(0.1) ? pick([['- name: nothing'], ['- debug: msg=x junk']]) : pick([['- debug: msg=hello'], ['- debug:', '    msg: hi'], ['- action: debug msg=x'], ['- command: echo hi'], ['- set_fact:', '    a: 1'], ['- ping:']]);
  if (maybe(0.12)) lines.push(...pick(TASK_EXTRAS));
  return lines.map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const extra = maybe(0.15) ? `\n${indent}  ${pick(['foo: 1', 'tags: {a: 1}', 'vars: [1]', 'name: [x]', 'loop: [1]', 'when: true', 'become: true'])}` : '';
    const inner = maybe(0.05) ? ' 3' : `\n${taskList(`${indent}    `, depth + 1)}`;
    return `${indent}- block:${inner}${extra}${maybe(0.4) ? `\n${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}` : ''}`;
  },
  playExtras: () => (maybe(0.06) ? [`  ${pick(['foo: 1', 'vars: [1]', 'tags: {a: 1}', 'name: [x]', 'user: root', 'user: a\n  remote_user: b', 'strategy: {a: 1}', 'serial: 1'])}`] : []),
});

printCases('hunt27', n, playbook);
