/**
 * hunt44 (scripts/ansible-hunt44-gen.ts, scripts/ansible-hunt44-hand.ts): what hunt43 left and what
 * operators write around a server task (lists of mappings walked by loops and filters, set_fact
 * chains, block/rescue), as ansible-core 2.14 runs it:
 * (1) a variable whose value holds itself (a YAML alias inside the node its anchor names), read by a
 * template, a `when:` or a loop: Templar never ends rendering it, and the task fails with vars.py's
 * "An unhandled exception occurred while templating '<its str()>'. Error was a <class
 * 'RecursionError'>, ..." (Python's repr writes `{...}`/`[...]` where the value names itself
 * again); its sibling variables are read as before;
 * (2) a JSON file whose top level is a mapping holding NaN or Infinity: json.loads reads it (DataLoader
 * tries JSON first), so the class in "A playbook must be a list of plays, got a <class 'dict'>" is
 * dict;
 * (3) a loop whose template meets an undefined attribute (`selectattr("bfv")` over items without it):
 * TaskExecutor keeps the error until `when:` is tested, then fails the task with it where the
 * conditions hold (or one fails);
 * (4) `flatten` over an undefined item: `element in (None, 'None', 'null')` raises the undefined's
 * own error;
 * (5) the subelements lookup missing its key in an item: "could not find 'KEY' key in iterated item
 * '<the dict's str()>'" (as with_subelements; through query/lookup in a template, wrapped by
 * Templar._lookup as an unhandled exception, the message after it again);
 * (6) a vars key YAML reads as a bool, null, a number or a date: "Invalid variable name ... 'True'".
 * Labels: test/fixtures/ansible-hunt44/playbooks.json, each playbook run by
 * scripts/ansible-hunt44-label.py (ansible-core 2.14.18: a file whose top level is a mapping is
 * loaded by Playbook.load or import_tasks; any other by scripts/ansible-hunt42-label.py's way:
 * DataLoader, Play.load, each server task run to the ansible-oracle's openstack.cloud 1.10.0 and
 * openstacksdk 0.101.0), its output kept as `label`; `HUNT44_LABEL=1` runs the labeller again and
 * compares. Cases named by shape are scripts/ansible-hunt44-hand.ts's that bdm-lab reads as Ansible
 * does (scripts/ansible-hunt44-keep.ts); `4401-*` and `4402-*` are generated (seeds 4401, 4402).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, loadDifferences, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt44', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

test('the labelled cases hold the shapes hunt44 is about', () => {
  const has = (s: string) => CASES.some((c) => c.input.includes(s));
  for (const s of ['all_vars: *sv', 'NaN', 'Infinity', 'selectattr("bfv")', '| flatten', 'with_subelements', "query('subelements'", 'loop_control', 'rescue:', 'set_fact', 'combine(', 'dict2items', 'items2dict', 'json_query', 'default(omit)', 'ternary(']) assert.ok(has(s), s);
  const loads = CASES.filter((c) => c.label.load !== null).map((c) => c.label.load!);
  assert.ok(loads.includes("A playbook must be a list of plays, got a <class 'dict'> instead") && loads.includes('included task files must contain a list of tasks'), 'both mapping refusals');
  assert.ok(loads.includes("Invalid variable name in vars specified for Task: 'True' is not a valid variable name"), 'a bool key');
  const errors = CASES.flatMap((c) => c.label.tasks.flatMap((t) => ('items' in t ? (t.items as Array<{ error?: unknown }>) : [t as { error?: unknown }]).map((x) => String(x.error ?? ''))));
  for (const w of ["Error was a <class 'RecursionError'>, original message: maximum recursion depth exceeded in comparison", "could not find 'vols' key in iterated item '{'name': 'db1', 'flavor': 'm1.large', 'bfv': False}'", "'dict object' has no attribute 'bfv'. 'dict object' has no attribute 'bfv'"]) assert.ok(errors.some((e) => e.includes(w)), w);
  assert.ok(CASES.some((c) => c.id.startsWith('4401-')) && CASES.some((c) => c.id.startsWith('4402-')), 'generated cases');
});

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(c.label.load === null ? differences(c.input, c.label) : loadDifferences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n  tasks:\n';
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
/** the first finding of the one task of `vars` and `userdata`, or the user data it sends (base64) */
const userdata = (vars: string, template: string): string => {
  const r = run(`${PLAY}    - openstack.cloud.server:\n        name: vm\n        image: cirros\n        flavor: m1.small\n        userdata: '${template}'\n      vars: ${vars}\n`)[0]![0]!;
  return r.findings.length ? `${r.findings[0]!.code}: ${String(r.findings[0]!.args?.detail)}` : Buffer.from(String((r.request?.body as { server: { user_data: string } }).server.user_data), 'base64').toString();
};
const recursion = (shown: string) => `BDM-ANSIBLE-ARGS: An unhandled exception occurred while templating '${shown}'. Error was a <class 'RecursionError'>, original message: maximum recursion depth exceeded in comparison`;

test('values that hold themselves, in shapes around the labelled ones (Python\'s repr of each, as ansible-playbook 2.14.18 printed them)', () => {
  assert.equal(userdata('&s {a: {b: x, c: *s}}', '{{ a.b }}'), recursion("{'b': 'x', 'c': {'a': {...}}}"));
  assert.equal(userdata('{l: &l [1, *l]}', '{{ l[0] }}'), recursion('[1, [...]]'));
  assert.equal(userdata('{a2: &a2 {b: 2, c: {d: [*a2]}}}', '{{ a2.c }}'), recursion("{'b': 2, 'c': {'d': [{...}]}}"));
  assert.equal(userdata("&s2 {s: 'x', t: *s2}", '{{ t.s }}'), recursion("{'s': 'x', 't': {...}}"));
  // (a sibling that does not hold itself is read; the same value aliased twice, not inside itself, is written twice)
  assert.equal(userdata("&s {s: 'x', t: *s}", '{{ s }}'), 'x');
  assert.equal(userdata('{k: &k {a: 1}, m: &m {x: *k, y: *k, z: *m}}', '{{ m }}'), recursion("{'x': {'a': 1}, 'y': {'a': 1}, 'z': {...}}"));
  // (keys JavaScript would order otherwise are not written: said, not guessed)
  assert.match(userdata("&s {a: {'1': x, up: *s}}", '{{ a }}'), /^BDM-ANSIBLE-UNRESOLVED: .*RecursionError, whose words bdm-lab does not write/);
});

test('a JSON mapping with NaN or Infinity is json.loads\'s dict; NaN in a text or a YAML mapping is not', () => {
  const says = (text: string) => String(readTasks(findTasks(text)[0]!)[0]!.findings[0]?.args?.detail);
  const S = '{"openstack.cloud.server": {"name": "vm", "image": "cirros", "flavor": "m1.small"}}';
  assert.equal(says(`{"hosts": "h", "vars": {"a": -Infinity, "b": [NaN, Infinity]}, "tasks": [${S}]}`), "A playbook must be a list of plays, got a <class 'dict'> instead");
  assert.equal(says(`{"hosts": "h", "vars": {"a": "-Infinity \\" NaN"}, "tasks": [${S}]}`), "A playbook must be a list of plays, got a <class 'dict'> instead");
  // (YAML reads these: its mapping is AnsibleMapping)
  assert.equal(says(`{"hosts": "h", "vars": {"a": nan}, "tasks": [${S}]}`), "A playbook must be a list of plays, got a <class 'ansible.parsing.yaml.objects.AnsibleMapping'> instead");
  assert.equal(says(`{"hosts": "h", "vars": {"a": -NaN}, "tasks": [${S}]}`), "A playbook must be a list of plays, got a <class 'ansible.parsing.yaml.objects.AnsibleMapping'> instead");
});

test('new loops stay linear: a JSON mapping of many NaN, vars that name themselves many times', { timeout: 180_000 }, () => {
  const json = (n: number) => `{"hosts": "localhost", "vars": {${Array.from({ length: n }, (_, i) => `"v${i}": [NaN, "N\\"aN", -Infinity]`).join(', ')}}, "tasks": [{"openstack.cloud.server": {"name": "a"}}]}`;
  assert.equal(run(json(3))[0]![0]!.findings[0]!.args?.detail, "A playbook must be a list of plays, got a <class 'dict'> instead");
  const g = bestGrowth(json, run, 3000, 3);
  assert.ok(g.ratio < 3, describeGrowth('a JSON mapping holding NaN and Infinity', 3000, g));
  const self = (n: number) => `${PLAY}    - openstack.cloud.server: {name: vm, image: cirros, flavor: m1.small, userdata: '{{ v0 }}'}\n      vars: &s\n${Array.from({ length: n }, (_, i) => `        v${i}: {a: [*s], b: ${i}}\n`).join('')}`;
  assert.match(String(run(self(2))[0]![0]!.findings[0]!.args?.detail), /^An unhandled exception occurred while templating '\{'a': \[\{'v0': \{\.\.\.\}, 'v1': \{'a': \[\{\.\.\.\}\], 'b': 1\}\}\], 'b': 0\}'/);
  const g2 = bestGrowth(self, run, 20, 3);
  assert.ok(g2.ratio < 3, describeGrowth('vars that name themselves, one read by a template', 20, g2));
});

test('the labels kept are ansible-core\'s (HUNT44_LABEL=1 runs the labeller)', { skip: process.env.HUNT44_LABEL !== '1', timeout: 900_000 }, () => {
  const again = labelAgain(CASES, 'hunt44', 'ansible-hunt44-label.py').map((l) => {
    const { id: _id, ...rest } = l as BookLabel & { id?: string };
    return rest;
  });
  assert.deepEqual(again, CASES.map((c) => c.label));
});
