/**
 * hunt37 (scripts/ansible-hunt37-gen.ts): what hunt35 left.
 * (1) A set_fact whose `when:` (its own, and its blocks') the file decides: one that holds sets its
 * facts; one that does not leaves the name to what was set before it (tasks.ts keeps the
 * conditions, template.ts decides them with the set_fact's scopes).
 * (2) jmespath 1.0.1's built-in functions in `json_query` (jmesfunctions.ts), with their arity and
 * type errors as community.general's filter raises them again (`JMESPathError in json_query filter
 * plugin:` and jmespath's words; another exception `Error in jmespath.search in json_query filter
 * plugin:`), types read from the Python class (Ansible's AnsibleUnicode is a string to the checks
 * but `unknown` to sort_by/min_by/max_by's keys; NativeJinjaText is no string at all); the
 * deprecated form of a literal that is not JSON; an ordering of a text against a number.
 * (3) The `together` and `vars` lookups (with_together, query/lookup; vars.py's refusals and
 * default, its values wrapped as unsafe), and a with_* loop over a variable that refers to itself
 * (not judged, as a `loop:` over one is). A set_fact's value keeps the class of the texts its
 * template made (str): a json_query key function reads them as strings. Debian's ansible-core
 * 2.14.18 AnsibleUnsafeText (a lookup's text) on the right of `+` or `%` calls the left operand's
 * own method and wraps its result: a number gives the text 'NotImplemented'.
 * Labels: test/fixtures/ansible-hunt37/playbooks.json, each playbook run by
 * scripts/ansible-hunt35-label.py (ansible-core 2.14.18, community.general's json_query with
 * jmespath 1.0.1, openstack.cloud 1.10.0, openstacksdk 0.101.0), its output kept as `label`;
 * `HUNT37_LABEL=1` runs the labeller again and compares.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, type BookLabel } from './ansible-labelled';
import { findTasks, readLoopItems, readTasks } from '../../server/src/source/ansible/index';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt37', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(differences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n';
const server = (size: string) => `    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1.small\n        boot_from_volume: true\n        volume_size: "${size.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
const size = (text: string): unknown => {
  const r = run(text)[0]![0]!;
  return (r.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } } | undefined)?.server.block_device_mapping_v2[0]!.volume_size;
};

test('a with_* loop over a variable that refers to itself is not judged (Ansible fails on it as a recursive loop)', () => {
  const text = `${PLAY}  vars:\n    disks: [{size: 5}]\n  tasks:\n${server('{{ item.size }}')}      vars:\n        disks: "{{ disks | json_query('sort_by(@, &size)') }}"\n      with_items: '{{ disks }}'\n`;
  const loop = readLoopItems(findTasks(text)[0]!);
  assert.ok(loop && 'once' in loop && loop.once);
  assert.equal(loop.once.request, null);
  assert.deepEqual(loop.once.findings.map((f) => f.code), ['BDM-ANSIBLE-LOOP']);
  assert.match(String(loop.once.findings[0]!.args?.detail), /refers to itself.*the task is not judged/);
});

test('json_query functions, the together and vars lookups and set_fact conditions stay bounded and linear', { timeout: 180_000 }, () => {
  const disks = (n: number) => `  vars:\n    disks:\n${Array.from({ length: n }, (_, i) => `      - {name: d${(i * 7919) % n}, size: ${(i * 104729) % 1000}}\n`).join('')}`;
  const jq = (expr: string) => (n: number) => `${PLAY}${disks(n)}  tasks:\n${server(`{{ disks | json_query('${expr}') }}`)}`;
  const cases: Array<[string, string, unknown]> = [
    ['sort_by', 'length(sort_by(@, &size))', '4'],
    ['sort of texts', 'length(sort([].name))', '4'],
    ['map and join', 'length(join(`,`, map(&name, @)))', '11'],
    ['max_by', 'max_by(@, &size).size', '729'],
    ['to_string', 'length(to_string(@))', '99'],
    ['contains', 'length([?contains(`["d1", "d2"]`, name)])', '2'],
    ['merge', 'length(merge(@[0], @[1], @[2]))', '2'],
  ];
  for (const [what, expr, small] of cases) {
    assert.equal(size(jq(expr)(4)), small, what);
    const g = bestGrowth(jq(expr), run, 150, 3);
    assert.ok(g.ratio < 3, describeGrowth(`json_query ${what}`, 150, g));
  }
  // the vars lookup of a long list
  const viaVars = (n: number) => `${PLAY}${disks(n)}  tasks:\n${server("{{ lookup('vars', 'disks') | json_query('length(@)') }}")}`;
  assert.equal(size(viaVars(4)), '4');
  const g0 = bestGrowth(viaVars, run, 300, 3);
  assert.ok(g0.ratio < 3, describeGrowth('vars lookup', 300, g0));
  // together over two long lists (its first items judged)
  const together = (n: number) => `${PLAY}  vars:\n    a: [${Array.from({ length: n }, (_, i) => i).join(', ')}]\n  tasks:\n${server('{{ item.0 + 1 }}')}      with_together:\n        - '{{ a }}'\n        - '{{ a | map("string") | list }}'\n`;
  const loop = readLoopItems(findTasks(together(3))[0]!);
  assert.ok(loop && 'items' in loop && loop.items.length === 3);
  const g1 = bestGrowth(together, (t) => findTasks(t).map((x) => readLoopItems(x)), 3000, 3);
  assert.ok(g1.ratio < 3, describeGrowth('with_together', 3000, g1));
  // n set_facts whose conditions are false, each followed by a server task that reads the name
  const chain = (n: number) => `${PLAY}  vars:\n    sz: 2\n    cnt: 3\n  tasks:\n${Array.from({ length: n }, (_, i) => `    - set_fact:\n        sz: ${i + 5}\n      when: cnt > 5\n${server('{{ sz }}')}`).join('')}`;
  assert.deepEqual(run(chain(2)).map((r) => (r[0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size), ['2', '2']);
  const g2 = bestGrowth(chain, run, 300, 3);
  assert.ok(g2.ratio < 3, describeGrowth('skipped set_facts', 300, g2));
  // a sort of many items is stopped by the render budget (a note), not computed without bound
  const huge = `${PLAY}  tasks:\n${server("{{ range(200000) | list | json_query('sort(@)') | length }}")}`;
  const r = run(huge)[0]![0]!;
  assert.equal(r.request, null);
  assert.ok(r.findings.some((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED'), 'a note');
});

test('the labels kept are ansible-core\'s (HUNT37_LABEL=1 runs the labeller)', { skip: process.env.HUNT37_LABEL !== '1' }, () => {
  assert.deepEqual(labelAgain(CASES, 'hunt37'), CASES.map((c) => c.label));
});
