/**
 * hunt43b: the two disagreements hunt43 left, as ansible-core 2.14.18 runs them.
 * (1) A file whose top level is a mapping (a play, or a task, written without the list around it).
 * Real ansible-playbook refuses it whole before any task loads, in words that depend on how it is
 * read: as a playbook "A playbook must be a list of plays, got a <class '...'> instead: PATH"
 * (`dict` for a JSON text, which DataLoader reads with json.loads; AnsibleMapping for YAML), as a
 * task file (import_tasks, include_tasks) "included task files must contain a list of tasks".
 * bdm-lab reads a mapping with a play's keys as a playbook, any other as a task file, and is not
 * given the path (its words stop before it). (scripts/ansible-hunt42-label.py wraps any file that
 * is not a list of plays as a play's `tasks:`, so it says "A malformed block was encountered while
 * loading tasks: ... should be a list or None but is <class '...AnsibleMapping'>", which no real
 * run of ansible-playbook says: these cases are labelled by ansible-playbook itself.)
 * (2) An alias inside the collection its own anchor names (`vars: &s {a: *s}`): PyYAML builds a
 * value that holds itself and Ansible runs the task; labelled by scripts/ansible-hunt42-label.py
 * (ansible-core's DataLoader, then the ansible-oracle).
 * `HUNT43B_LABEL=1` runs the labellers again (ansible-playbook 2.14.18 on each file, as a playbook
 * and through import_tasks) and compares.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

const SERVER = 'openstack.cloud.server: {name: a, image: cirros, flavor: m1.small}';
const SERVER_JSON = '{"openstack.cloud.server": {"name": "a", "image": "cirros", "flavor": "m1.small"}}';

/** [id, file, how it is read (`playbook` or `tasks`: through import_tasks), ansible-playbook's first line of its error with `ERROR! ` and the file's path taken off] */
const MAPPINGS: Array<[string, string, 'playbook' | 'tasks', string]> = [
  ['yaml-play', `hosts: localhost\ngather_facts: false\ntasks:\n  - ${SERVER}\n`, 'playbook', "A playbook must be a list of plays, got a <class 'ansible.parsing.yaml.objects.AnsibleMapping'> instead: PATH"],
  ['json-play', `{"hosts": "localhost", "gather_facts": false, "tasks": [${SERVER_JSON}]}\n`, 'playbook', "A playbook must be a list of plays, got a <class 'dict'> instead: PATH"],
  ['tasks-key', `tasks:\n  - ${SERVER}\n    vars: {x: 1}\n`, 'playbook', "A playbook must be a list of plays, got a <class 'ansible.parsing.yaml.objects.AnsibleMapping'> instead: PATH"],
  ['json-pre-tasks', `{"pre_tasks": [${SERVER_JSON}], "hosts": "all"}`, 'playbook', "A playbook must be a list of plays, got a <class 'dict'> instead: PATH"],
  ['yaml-task', `${SERVER}\n`, 'tasks', 'included task files must contain a list of tasks'],
  ['yaml-task-vars', `name: boot\n${SERVER}\nvars: {x: 1, d: 2020-01-02}\n`, 'tasks', 'included task files must contain a list of tasks'],
  ['json-task', `${SERVER_JSON}\n`, 'tasks', 'included task files must contain a list of tasks'],
];

for (const [id, input, _how, words] of MAPPINGS) {
  test(`${id}: refused whole, as ansible-playbook refuses it (labelled by ansible-playbook 2.14.18)`, () => {
    const tasks = findTasks(input);
    assert.equal(tasks.length, 1);
    const r = readTasks(tasks[0]!)[0]!;
    assert.equal(r.request, null);
    assert.deepEqual(r.findings.map((f) => [f.code, f.args?.detail]), [['BDM-ANSIBLE-ARGS', words.replace(/: PATH$/, '')]]);
    assert.equal(r.loadFailure?.offset, 0);
    assert.match(String(r.loadFailureWhat), /^the file's top level/);
  });
}

test('a list of plays or of tasks around the same mapping is read, and the task sends (the mapping alone is what Ansible refuses)', () => {
  for (const text of [`- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ${SERVER}\n`, `- ${SERVER}\n`, `[${SERVER_JSON}]`]) {
    const r = readTasks(findTasks(text)[0]!)[0]!;
    assert.deepEqual(r.findings, [], text);
    assert.equal((r.request?.body as { server: { name: string } }).server.name, 'a');
  }
  // (a composer's refusal comes first: Ansible's YAML loader refuses the file before it is looked at)
  const alias = readTasks(findTasks(`hosts: localhost\ntasks:\n  - ${SERVER}\n    vars: {x: *nope}\n`)[0]!)[0]!;
  assert.match(String(alias.findings[0]!.args?.detail), /found undefined alias$/);
});

/** scripts/ansible-hunt42-label.py's labels (ansible-core's DataLoader, then the ansible-oracle) */
const SENT: BookLabel['tasks'][number] = { stage: 'sent', error: null, nova_body: { server: { name: 'a', flavorRef: 'd3a92643-d171-5d89-9344-338e1dbfdb35', min_count: 1, max_count: 1, security_groups: [{ name: 'default' }], imageRef: 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e', networks: 'auto' } }, microversion: '2.73', line: 1 } as unknown as BookLabel['tasks'][number];
const SELF: BookLabel[] = [
  { id: 'self-task', input: `- ${SERVER}\n  vars: &s {a: *s}\n`, load: null, tasks: [SENT] } as BookLabel & { input: string },
  { id: 'self-play', input: `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ${SERVER}\n      vars: &s {a: *s}\n`, load: null, tasks: [{ ...SENT, line: 4 }] } as BookLabel & { input: string },
  { id: 'self-list', input: `- ${SERVER}\n  vars: {l: &l [1, *l], m: &m {k: [*m]}}\n`, load: null, tasks: [SENT] } as BookLabel & { input: string },
  { id: 'self-args', input: `- openstack.cloud.server:\n    name: a\n    image: cirros\n    flavor: m1.small\n  vars: &v\n    deep: {again: *v}\n    size: 5\n`, load: null, tasks: [SENT] } as BookLabel & { input: string },
];

for (const c of SELF as Array<BookLabel & { input: string }>) {
  test(`${c.id}: an alias inside the node its anchor names is read (labelled by scripts/ansible-hunt42-label.py)`, () => {
    assert.deepEqual(differences(c.input, c), []);
  });
}

test('a value that holds itself, where a template uses it: the task fails with Ansible\'s RecursionError (hunt44)', () => {
  // (Ansible fails such a task while it templates the value; ansible-playbook 2.14.18 printed these
  // words for this task; more shapes in test/unit/ansible-hunt44.test.ts)
  const r = readTasks(findTasks(`- openstack.cloud.server: {name: a, image: cirros, flavor: m1.small, userdata: '{{ a.b }}'}\n  vars: &s {a: {b: x, c: *s}}\n`)[0]!)[0]!;
  assert.deepEqual(r.findings.map((f) => [f.code, f.args?.detail]), [['BDM-ANSIBLE-ARGS', "An unhandled exception occurred while templating '{'b': 'x', 'c': {'a': {...}}}'. Error was a <class 'RecursionError'>, original message: maximum recursion depth exceeded in comparison"]]);
  assert.equal(r.request, null);
});

test('a large mapping file is refused in time linear in its size', { timeout: 120_000 }, () => {
  const json = (n: number) => `{"hosts": "localhost", "vars": {${Array.from({ length: n }, (_, i) => `"v${i}": [${i}, "x"]`).join(', ')}}, "tasks": [${SERVER_JSON}]}`;
  const run = (text: string) => findTasks(text).map((t) => readTasks(t));
  assert.equal(run(json(3))[0]![0]!.findings[0]!.args?.detail, "A playbook must be a list of plays, got a <class 'dict'> instead");
  const g = bestGrowth(json, run, 3000, 3);
  assert.ok(g.ratio < 3, describeGrowth('a JSON playbook that is a mapping', 3000, g));
  const self = (n: number) => `- ${SERVER}\n  vars: &s\n${Array.from({ length: n }, (_, i) => `    v${i}: {a: [*s]}\n`).join('')}`;
  assert.deepEqual(run(self(2))[0]![0]!.findings, []);
  const g2 = bestGrowth(self, run, 40, 3);
  assert.ok(g2.ratio < 3, describeGrowth('vars whose values name the vars themselves', 40, g2));
});

/** ansible-playbook's first error line on a file, read as `how` says */
function playbookSays(input: string, how: 'playbook' | 'tasks'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hunt43b-'));
  try {
    const file = join(dir, 'file.yml');
    writeFileSync(file, input);
    let book = file;
    if (how === 'tasks') {
      book = join(dir, 'book.yml');
      writeFileSync(book, `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - import_tasks: ${file}\n`);
    }
    let out = '';
    try {
      out = execFileSync('ansible-playbook', ['-i', 'localhost,', '--syntax-check', book], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stderr?: string }).stderr ?? '') + String((e as { stdout?: string }).stdout ?? '');
    }
    const line = out.split('\n').find((l) => l.startsWith('ERROR! ')) ?? '(no error)';
    return line.slice('ERROR! '.length).split(file).join('PATH');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the labels kept are ansible-core\'s (HUNT43B_LABEL=1 runs ansible-playbook and the labeller)', { skip: process.env.HUNT43B_LABEL !== '1', timeout: 600_000 }, () => {
  for (const [id, input, how, words] of MAPPINGS) assert.equal(playbookSays(input, how), words, id);
  const again = labelAgain(SELF as Array<BookLabel & { input: string }>, 'hunt43b', 'ansible-hunt42-label.py');
  assert.deepEqual(again.map((l) => ({ load: l.load, tasks: l.tasks })), SELF.map((l) => ({ load: l.load, tasks: l.tasks })));
});
