/**
 * hunt42 (scripts/ansible-hunt42-gen.ts, scripts/ansible-hunt42-hand.ts): what hunt41 left unread
 * in server tasks, as ansible-core 2.14 runs them (Jinja 3.1; its YAML loader):
 * (1) an unquoted `{{ var }}` value is a YAML flow mapping whose key is another mapping: PyYAML's
 * constructor refuses the unhashable key, so ansible-core's DataLoader refuses the whole file
 * before any task runs ("We were unable to read either as JSON nor YAML ... JSON: Expecting value:
 * line 1 column 1 (char 0) ... Syntax Error while loading YAML. found unacceptable key (unhashable
 * type: 'AnsibleMapping')"), a flow sequence as a key the same ('AnsibleSequence'); every server
 * task of the file is refused so, the key's place given;
 * (2) `{% for x in y recursive %}` (after its `if` filter, if any): `loop(items)` runs the body over
 * them one level deeper (`loop.depth`, `depth0`), its own `else` when they are none, and gives the
 * text; called in a loop that is not recursive it is the TypeError "The loop must have the
 * 'recursive' marker to be called recursively."; the test `iterable`;
 * (3) `{% set x | f | g(...) %}...{% endset %}`: the body's text through the filters (its type
 * kept: `| int` gives an int), "expected token 'name'" for a `|` without one;
 * (4) the filters batch and slice (Jinja's, unrolled to lists; slice(0) Python's ZeroDivisionError),
 * combinations (itertools', tuples), pow (math.pow: a float; "pow() can only be used on numbers",
 * "math domain error"), from_yaml and from_yaml_all (SafeLoader), random where the value is certain
 * (one item or one number; an empty sequence or range Python's error; else a note), union,
 * intersect, difference and symmetric_difference of two lists, title, wordcount, center, extract,
 * human_to_bytes (a number and a unit, rounded half to even; "can't interpret following string").
 * Labels: test/fixtures/ansible-hunt42/playbooks.json, each playbook run by
 * scripts/ansible-hunt42-label.py (ansible-core 2.14.18's DataLoader first, then
 * scripts/ansible-hunt38-label.py: openstack.cloud 1.10.0, openstacksdk 0.101.0: the
 * ansible-oracle), its output kept as `label`; `HUNT42_LABEL=1` runs the labeller again and
 * compares. Cases `hand-*` are scripts/ansible-hunt42-hand.ts's that bdm-lab reads as Ansible does
 * (scripts/ansible-hunt42-keep.ts); `4211-*` and `4212-*` are generated (seeds 4211, 4212).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, loadDifferences, type BookLabel } from './ansible-labelled';
import { ansibleSources, findTasks, readTasks } from '../../server/src/source/ansible/index';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt42', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

test('the labelled cases hold the shapes hunt42 is about', () => {
  const has = (s: string | RegExp) => CASES.some((c) => (typeof s === 'string' ? c.input.includes(s) : s.test(c.input)));
  for (const s of ['recursive %}', '{{ loop(n.kids', 'loop.depth', '{% set x | trim %}', '{% set x | int %}', 'batch(2', 'slice(2', 'combinations(2)', 'pow(', 'from_yaml', 'from_yaml_all', '| random', 'union(', 'intersect(', 'difference(', 'symmetric_difference(', '| title', 'wordcount', 'center(', 'extract(', 'human_to_bytes']) assert.ok(has(s), s);
  assert.ok(has(/volume_size: \{\{ root_gb \}\}\n/), 'an unquoted template');
  const loads = CASES.filter((c) => c.label.load !== null);
  assert.ok(loads.some((c) => c.label.load!.includes("(unhashable type: 'AnsibleMapping')")) && loads.some((c) => c.label.load!.includes("(unhashable type: 'AnsibleSequence')")), 'both unhashable kinds');
  const errors = CASES.flatMap((c) => c.label.tasks.map((t) => ('error' in t ? String(t.error) : '')));
  for (const w of ["The loop must have the 'recursive' marker to be called recursively.", "LoopContext.__call__() missing 1 required positional argument: 'iterable'", "expected token 'name', got 'end of statement block'", 'ZeroDivisionError: integer division or modulo by zero', 'pow() can only be used on numbers: must be real number, not str', 'math domain error', 'Cannot choose from an empty sequence', 'empty range for randrange() (10, 10, 0)', 'r must be non-negative', "human_to_bytes() can't interpret following string: 10Mb"]) assert.ok(errors.some((e) => e.includes(w)), w);
  assert.ok(CASES.some((c) => c.id.startsWith('4211-')) && CASES.some((c) => c.id.startsWith('4212-')), 'generated cases');
});

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(c.label.load === null ? differences(c.input, c.label) : loadDifferences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n  vars:\n    root_gb: 20\n    sizes: [5, 10, 15]\n    tree: [{size: 5, kids: [{size: 7}]}, {size: 9}]\n  tasks:\n';
const server = (size: string) => `${PLAY}    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1.small\n        boot_from_volume: true\n        volume_size: '${size}'\n`;
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
/** the name a task sends with the template as its name */
const named = (template: string): string => {
  const r = run(`${PLAY}    - openstack.cloud.server:\n        name: '${template}'\n        image: cirros\n        flavor: m1.small\n`)[0]![0]!;
  return r.findings.length ? `${r.findings[0]!.code}: ${String(r.findings[0]!.args?.detail)}` : String((r.request?.body as { server: { name: unknown } }).server.name);
};
const outcome = (text: string): string => {
  const r = run(text)[0]!;
  const f = r[0]!.findings[0];
  if (f) return `${f.code}: ${String(f.args?.detail)}`;
  return String((r[0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size);
};

test('an unquoted template refuses the file where its key is, every server task of it', () => {
  const text = `${PLAY}    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1.small\n    - debug:\n        msg: {{ root_gb }}\n    - openstack.cloud.server: {name: vm2, image: cirros, flavor: m1.small}\n`;
  const docs = ansibleSources(text);
  assert.equal(docs.length, 2);
  const key = text.indexOf('{ root_gb }');
  for (const d of docs) {
    assert.equal(d.body, null);
    assert.equal(d.findings[0]!.code, 'BDM-ANSIBLE-ARGS');
    assert.match(String(d.findings[0]!.args?.detail), /^We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: Expecting value: line 1 column 1 \(char 0\)\n\nSyntax Error while loading YAML\.\n {2}found unacceptable key \(unhashable type: 'AnsibleMapping'\)$/);
    assert.equal(d.bodyOf?.span.offset, key);
    assert.match(String(d.bodyOf?.message), /unhashable/);
  }
  // (the JSON error where the text starts after blanks and a comment line)
  assert.match(outcome(`\n  # c\n${server('10').replace("'10'", '{{ root_gb }}')}`), /JSON: Expecting value: line 2 column 3 \(char 3\)\n/);
  // a text that starts like JSON: its JSON error is not computed, the YAML one is said
  assert.equal(outcome('[{hosts: localhost, tasks: [{openstack.cloud.server: {name: {{ x }}, image: cirros, flavor: m1.small}}]}]\n'), "BDM-ANSIBLE-ARGS: Syntax Error while loading YAML.\n  found unacceptable key (unhashable type: 'AnsibleMapping')");
  // a quoted one, and `k={{ x }}` words, are templates
  assert.equal(outcome(server('{{ root_gb }}')), '20');
});

test('recursive loops, filtered block sets and the new filters in shapes around the labelled ones', () => {
  // (the labelled cases say what Ansible does; these say the same of shapes built from them)
  assert.equal(named('{% for n in tree recursive %}[{{ loop.depth }}{{ n.size }}{{ loop(n.kids | default([])) }}]{% endfor %}'), '[15[27]][19]');
  assert.equal(outcome(server('{% for n in tree if n.size < 9 recursive %}{{ n.size }}{{ loop(n.kids | default([])) }}{% endfor %}')), '57');
  assert.equal(outcome(server('{% for s in [[1, [2]], 3] recursive %}{% if s is iterable %}{{ loop(s) }}{% else %}{{ s }}{% endif %}{% endfor %}')), '123');
  assert.match(outcome(server('{% for s in sizes recursive %}{{ loop(sizes) }}{% endfor %}')), /^BDM-ANSIBLE-UNRESOLVED: .*deeper than 100 levels/);
  assert.equal(outcome(server('{% set x | replace("1", "2") | int %}1{{ root_gb }}{% endset %}{{ x + 1 }}')), '221');
  assert.equal(outcome(server('{{ sizes | batch(2, 0) | map("sum") | list | last }}')), '15');
  assert.equal(outcome(server('{{ [1, 2, 3, 4, 5] | slice(3, 0) | map("length") | join("") }}')), '222');
  assert.equal(outcome(server('{{ [1, 2, 3, 4] | combinations(3) | map("sum") | join("") }}')), '6789');
  assert.equal(outcome(server('{{ 9 | pow(0.5) | int }}')), '3');
  assert.equal(outcome(server('{{ ("[1, {a: 2}]" | from_yaml)[1].a }}')), '2');
  assert.equal(outcome(server('{{ [7] | random(seed=1) }}')), '7');
  assert.match(outcome(server('{{ sizes | random }}')), /^BDM-ANSIBLE-UNRESOLVED: .*picked at random while the task runs/);
  assert.equal(outcome(server('{{ [3, 1, 3] | union([2, 1]) | join("") }}')), '312');
  assert.equal(outcome(server('{{ [3, 1, 2] | symmetric_difference([2, 4]) | join("") }}')), '314');
  assert.equal(outcome(server('{{ "ab-c d" | title | center(9) | length }}')), '9');
  assert.equal(outcome(server('{{ (" 0.5 TB" | human_to_bytes) // (1024 * 1024 * 1024) }}')), '512');
});

test('long lists, texts, trees and files stay bounded and linear', { timeout: 180_000 }, () => {
  const list = (n: number) => server(`{{ range(${n}) | list | batch(3) | map("first") | list | slice(4) | map("sum") | list | union(range(${n}) | list) | length }}`);
  assert.equal(outcome(list(10)), '10');
  const g1 = bestGrowth(list, run, 3000, 3);
  assert.ok(g1.ratio < 3, describeGrowth('batch, slice and union', 3000, g1));
  const words = (n: number) => server(`{{ "${'ab-cd '.repeat(n)}" | title | center(${n * 7}) | wordcount + ("${' '.repeat(n)}${'1'.repeat(n)}" | human_to_bytes) % 2 }}`);
  assert.equal(outcome(words(3)), '7');
  const g2 = bestGrowth(words, run, 20000, 3);
  assert.ok(g2.ratio < 3, describeGrowth('title, center, wordcount', 20000, g2));
  const keys = (n: number) => `${PLAY}${'    - debug:\n        msg: x\n'.repeat(n)}    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1.small\n    - debug:\n        msg: {{ x }}\n`;
  assert.match(outcome(keys(2)), /unhashable/);
  const g3 = bestGrowth(keys, run, 2000, 3);
  assert.ok(g3.ratio < 3, describeGrowth('a file with an unhashable key', 2000, g3));
  const tree = (n: number) => server(`{% for s in ${'['.repeat(n)}1${']'.repeat(n)} recursive %}{% if s is iterable %}{{ loop(s) }}{% else %}{{ s }}{% endif %}{% endfor %}{% for s in range(${n * 20}) | list | combinations(1) recursive %}{% endfor %}`);
  assert.equal(outcome(tree(3)), '1');
  const g4 = bestGrowth(tree, run, 40, 3);
  assert.ok(g4.ratio < 3, describeGrowth('recursive loops', 40, g4));
});

// (AnsibleModule lists the valid booleans from a set, in an order Python's hash seed decides)
const seedless = (labels: unknown[]) => JSON.parse(JSON.stringify(labels).replace(/(Valid booleans include: )([^"]*)/g, (_m, head: string, list: string) => head + list.split(', ').sort().join(', '))) as unknown[];

test('the labels kept are ansible-core\'s (HUNT42_LABEL=1 runs the labeller)', { skip: process.env.HUNT42_LABEL !== '1' }, () => {
  const again = labelAgain(CASES, 'hunt42', 'ansible-hunt42-label.py').map((l) => {
    const { id: _id, ...rest } = l as BookLabel & { id?: string };
    return rest;
  });
  assert.deepEqual(seedless(again), seedless(CASES.map((c) => c.label)));
});
