/**
 * hunt34 (scripts/ansible-hunt34-gen.ts): what the tasks before a server task set (set_fact,
 * `register:`, include_vars), the `zip` and `product` filters, the `version` test, and a variable
 * that refers to itself.
 * (1) A set_fact that runs whenever the server task runs (no `when:`, no loop, not in a rescue, a
 * handler or a block with a rescue; earlier in run order, in the same play or one of the same
 * hosts) sets its names over every `vars:` of the play, the blocks and the task, with the value it
 * renders then (a text it joins is a str; 'yes'/'no'/'true'/'false' become booleans); a loop's own
 * variables stay over it. Any other set_fact, a `register:` and include_vars make the names they
 * may set unknown (a note).
 * (2) zip and product: Python's zip and itertools.product over the value and the arguments.
 * (3) The version test (loose, strict, semver) and its refusals in ansible-core's words.
 * (4) A variable that refers to itself fails the task (a recursive loop, in words that depend on
 * Python's recursion depth): a note, the task not judged (no refusal of a later stage).
 * (5) A loop bdm-lab does not expand binds its variables all the same (`item | default(omit)` is
 * not the default): not known, a note.
 *
 * test/fixtures/ansible-hunt34/playbooks.json: hand-written playbooks, labelled by
 * scripts/ansible-hunt34-label.py -> labels.jsonl (`HUNT34_LABEL=1` runs the labeller again).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks, type AnsibleRequest } from '../../server/src/source/ansible/index';

const DIR = join(ROOT, 'test', 'fixtures', 'ansible-hunt34');
const BOOKS = JSON.parse(readFileSync(join(DIR, 'playbooks.json'), 'utf8')) as Array<{ id: string; input: string }>;
const LABELS = readFileSync(join(DIR, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BookLabel);

const isNote = (f: { code: string }) => f.code === 'BDM-ANSIBLE-LOOP' || f.code === 'BDM-ANSIBLE-UNRESOLVED';
const refusal = (r: AnsibleRequest | null) => r?.findings.find((f) => !isNote(f));


/** the labelled playbooks whose task bdm-lab does not judge, by design: a note in these words, no refusal */
const NOTED: Record<string, RegExp> = {
  'h34-self-ref-arg': /refers to itself.*: the task is not judged/,
  'h34-self-ref-loop': /refers to itself.*: the task is not judged/,
  // (h34-loop-unexpanded-item: its json_query loop is expanded since hunt35 and compared with its label; an
  // unexpanded loop's bound item is tested in ansible-hunt35.test.ts)
};

test('set_fact, zip, product and the version test as ansible-playbook runs them (labelled playbooks)', () => {
  assert.equal(LABELS.length, BOOKS.length);
  const wrong: string[] = [];
  BOOKS.forEach((b, i) => {
    assert.equal(LABELS[i]!.id, b.id);
    const noted = NOTED[b.id];
    if (noted) {
      const rs = findTasks(b.input).flatMap((t) => readTasks(t));
      assert.equal(rs.length, 1, b.id);
      assert.equal(refusal(rs[0]!), undefined, b.id);
      assert.equal(rs[0]!.request, null, b.id);
      assert.match(rs[0]!.findings.map((f) => String(f.args?.detail)).join(' | '), noted, b.id);
      return;
    }
    const d = differences(b.input, LABELS[i]!);
    if (d.length) wrong.push(`${b.id}: ${d.join(' | ')}`);
  });
  assert.deepEqual(wrong, []);
});

const PLAY = "- hosts: localhost\n  gather_facts: false\n  vars:\n    sz: 10\n";
const SERVER = "    - openstack.cloud.server:\n        name: vm\n        image: cirros\n        flavor: m1\n        boot_from_volume: true\n        volume_size: '{{ sz }}'\n";
const only = (text: string): AnsibleRequest => {
  const rs = findTasks(text).flatMap((t) => readTasks(t));
  assert.equal(rs.length, 1);
  return rs[0]!;
};
const notes = (r: AnsibleRequest) => r.findings.filter(isNote).map((f) => String(f.args?.detail)).join(' | ');

test('a name a task before may set, whose value bdm-lab does not know, is a note', () => {
  const cases: Array<[string, RegExp]> = [
    // a set_fact under a condition the file does not decide (one it decides: ansible-hunt37), in a rescue, in a block that has a rescue, looped, in a play of other hosts
    [`${PLAY}  tasks:\n    - set_fact: {sz: 3}\n      when: inv_flag is defined\n${SERVER}`, /`sz` may be set by a `set_fact` task whose condition bdm-lab does not decide/],
    [`${PLAY}  tasks:\n    - block:\n        - ping:\n      rescue:\n        - set_fact: {sz: 3}\n${SERVER}`, /`sz` may be set by a `set_fact` task/],
    [`${PLAY}  tasks:\n    - block:\n        - set_fact: {sz: 3}\n      rescue:\n        - ping:\n${SERVER}`, /`sz` may be set by a `set_fact` task/],
    [`${PLAY}  tasks:\n    - set_fact: {sz: '{{ item }}'}\n      loop: [1, 2]\n${SERVER}`, /`sz` may be set by a `set_fact` task/],
    [`- hosts: web\n  tasks:\n    - set_fact: {sz: 3}\n${PLAY}  tasks:\n${SERVER}`, /`sz` may be set by a `set_fact` task/],
    // free-form words, a registered result, include_vars
    [`${PLAY}  tasks:\n    - set_fact: sz=3\n${SERVER}`, /`sz` may be set by a `set_fact` task/],
    [`${PLAY}  tasks:\n    - command: echo\n      register: sz\n${SERVER}`, /`sz` may be set by a task's `register:`/],
    [`${PLAY}  tasks:\n    - include_vars: more.yml\n${SERVER}`, /`sz` may be set by an `include_vars` task/],
    // a handler a task notifies may run before the next section
    [`${PLAY}  handlers:\n    - set_fact: {sz: 3}\n  pre_tasks:\n    - command: echo\n      notify: h\n  tasks:\n${SERVER}`, /`sz` may be set by a `set_fact` task/],
    // a set_fact whose value names what the file does not define (the inventory may), or fails: the host stops there
    [`${PLAY}  tasks:\n    - set_fact: {sz: '{{ nope }}'}\n${SERVER}`, /`sz` is set by a `set_fact` task that runs before, whose value bdm-lab does not render/],
    [`${PLAY}  tasks:\n    - set_fact: {sz: '{{ 1 / 0 }}'}\n${SERVER}`, /`sz` is set by a `set_fact` task that runs before, whose value fails the set_fact/],
  ];
  for (const [text, why] of cases) {
    const r = only(text);
    assert.equal(refusal(r), undefined, text);
    assert.match(notes(r), why, text);
  }
  // a set_fact after the task, or of another name, changes nothing (openstacksdk sends the size as a text)
  for (const text of [`${PLAY}  tasks:\n${SERVER}    - set_fact: {sz: 3}\n`, `${PLAY}  tasks:\n    - set_fact: {other: 3}\n${SERVER}`]) {
    const r = only(text);
    assert.equal(notes(r), '', text);
    assert.equal((r.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size, '10');
  }
});

test('the version test and zip/product refusals bdm-lab does not word are notes', () => {
  for (const [w, why] of [
    ["'1.0' is version('1.0', 'eq', 'x', 'y', 'z')", /more arguments than it takes/],
    ["'1.0' is version('1.0', nope=1)", /a keyword it refuses/],
    ["'1.0' is version('1.0', version_type='pep440')", /pep440/],
    ["'1.0.0-a' is version('1.0.0-b', '<', version_type='semver')", /two semantic pre-releases/],
    ["'１.0' is version('1.0')", /outside ASCII/],
    ["'12345678901234567.1' is version('12345678901234567.2', '<')", /more digits/],
  ] as Array<[string, RegExp]>) {
    const r = only(`${PLAY}  tasks:\n${SERVER}      when: "${w}"\n`);
    assert.match(notes(r), why, w);
  }
  const z = only(`${PLAY}  tasks:\n${SERVER.replace("'{{ sz }}'", "'{{ [1] | zip([2], strict=true) | list | length }}'")}`);
  assert.match(notes(z), /gives zip a keyword/);
});

test('facts, zip, product and the version test stay bounded and linear', { timeout: 120_000 }, () => {
  const run = (text: string) => findTasks(text).map((t) => readTasks(t));
  // set_facts and server tasks in turn: each task sees every fact before it
  const turns = (n: number) => `${PLAY}  tasks:\n${Array.from({ length: n }, (_, i) => `    - set_fact: {v${i}: ${i}}\n    - set_fact: {sz: '{{ v${i} + 1 }}'}\n${SERVER}`).join('')}`;
  const r3 = run(turns(3));
  assert.equal((r3[2]![0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size, '3');
  const g1 = bestGrowth(turns, run, 200, 3);
  assert.ok(g1.ratio < 3, describeGrowth('set_facts and server tasks in turn', 200, g1));
  // a chain of set_facts, each naming the one before: bdm-lab's bound, said
  const chain = (n: number) => `${PLAY}  tasks:\n    - set_fact: {c0: 1}\n${Array.from({ length: n }, (_, i) => `    - set_fact: {c${i + 1}: '{{ c${i} | int + 1 }}'}\n`).join('')}${SERVER.replace('{{ sz }}', `{{ c${n} }}`)}`;
  assert.equal((run(chain(5))[0]![0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size, '6');
  assert.match(notes(run(chain(2000))[0]![0]!), /chain of more than 16 set_fact values/);
  const g2 = bestGrowth(chain, run, 1000, 3);
  assert.ok(g2.ratio < 3, describeGrowth('a chain of set_facts', 1000, g2));
  // product's rows multiply: bdm-lab's budget stops it
  const product = only(`${PLAY}  tasks:\n${SERVER.replace('{{ sz }}', '{{ range(2000) | product(range(2000), range(2000)) | list | length }}')}`);
  assert.equal(product.request, null);
  const zips = (n: number) => `${PLAY}  tasks:\n${SERVER.replace('{{ sz }}', `{{ range(${n}) | zip(range(${n}), range(${n})) | list | length }}`)}`;
  const g3 = bestGrowth(zips, run, 2000, 3);
  assert.ok(g3.ratio < 3, describeGrowth('zip of long lists', 2000, g3));
  const versions = (n: number) => `${PLAY}  tasks:\n${SERVER}      when: "'${'1.a'.repeat(n)}' is version('${'1.a'.repeat(n)}2', '<')"\n`;
  const g4 = bestGrowth(versions, run, 3000, 3);
  assert.ok(g4.ratio < 3, describeGrowth('version of long texts', 3000, g4));
});

test('the labels kept are ansible-core\'s (HUNT34_LABEL=1 runs the labeller)', { skip: process.env.HUNT34_LABEL !== '1' }, () => {
  const got = execFileSync('/usr/bin/python3', [join(ROOT, 'scripts', 'ansible-hunt34-label.py'), join(DIR, 'playbooks.json')], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ANSIBLE_DEPRECATION_WARNINGS: 'False' }, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').map((l) => JSON.parse(l) as BookLabel);
  assert.deepEqual(got, LABELS);
});
