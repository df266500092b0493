/**
 * hunt39 (scripts/ansible-hunt39-gen.ts): block-device tasks as operators write them (`volumes:` as
 * names or mappings, `boot_volume`/`root_volume`, `boot_from_volume` with `volume_size` and
 * `terminate_volume`, options the module lacks, aliases, loops with `loop_control`, vars at play,
 * block and task level, the usual filters, `omit`) and the `when:` conditions around them.
 * What it found, all in Conditional._check_conditional (ansible-core 2.14) as Jinja reads it:
 * (1) a comma at the top of a condition makes a tuple (`when: a, b`, `when: a,`): Ansible tests
 * `{% if a, b %}`, whose test Jinja's parse_tuple reads (without a conditional expression at its
 * top), so the condition holds unless the tuple is empty, whatever its items are (an undefined one
 * included); `a if b else c, d` fails as `{% if a if ... %}` does, and `{{ a, b }}` renders the
 * tuple's text (jinja.ts Parser.whole);
 * (2) a condition is rendered before it is tested: one holding `{{ }}` is rendered (Templar's
 * conversion of `True`, `[...]`, `{...}` included) and a result that is no text, or is '', is
 * tested by its truth, a text as the condition (`'{{ root_gb }} > 5'`, `'{{ "keep" }}'`); a
 * condition that is no text (`when: 0`, `when: [1, 0]`, `when: {}`) is rendered and tested by its
 * truth too; the failures name the condition as written (template.ts condition);
 * (3) the test `sameas` (Python's `is`) where CPython's answer is fixed: True, False and None, and
 * ints from -5 to 256 (filters.ts sameAs);
 * (4) `*items` in a filter's arguments (`'%s-%s' | format(*parts)`): the items iter() gives, after
 * the positional arguments; a value that is not iterable is Python's TypeError ("Value after *
 * must be an iterable, not int"), a second `*` or a positional argument after it Jinja's "invalid
 * syntax for function call expression" (jinja.ts callArgs, template.ts starItems).
 * Labels: test/fixtures/ansible-hunt39/playbooks.json, each playbook run by
 * scripts/ansible-hunt38-label.py (ansible-core 2.14.18, openstack.cloud 1.10.0, openstacksdk
 * 0.101.0: the ansible-oracle), its output kept as `label`; `HUNT39_LABEL=1` runs the labeller again
 * and compares. Cases `hand-w-*`, `hand-t-*`, `hand-n-*` are written for the conditions above and
 * `hand-s-*`, `hand-z-*` for `*items` (one task each); `3911-*`/`3912-*` (seeds 3911, 3912) and `3901-*`/`3902-*` (the generator before it
 * drew these conditions) are generated: the ones the fixes were for, and a sample that agreed before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt39', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

test('the labelled cases hold the conditions hunt39 is about', () => {
  const whens = CASES.filter((c) => c.id.startsWith('hand-')).map((c) => /\n {6}when: (.*)\n/.exec(c.input)?.[1]);
  for (const w of ['use_bfv, keep', '()', "'{{ keep }}'", "'{{ root_gb }} > 5'", 'keep is sameas false', '0', '[1, 0]', '{}']) assert.ok(whens.includes(w), w);
  assert.ok(CASES.some((c) => c.id.startsWith('hand-s-') && c.input.includes('format(*sizes)')), 'a filter given *items');
  assert.ok(CASES.some((c) => c.label.tasks.some((t) => 'stage' in t && t.stage === 'skipped')), 'a task Ansible skips');
});

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(differences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n  vars:\n    keep: false\n    use_bfv: true\n  tasks:\n';
const server = (when: string, size = '10') => `${PLAY}    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1.small\n        boot_from_volume: true\n        volume_size: '${size}'\n      when: ${when}\n`;
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
const outcome = (text: string): string => {
  const r = run(text)[0]!;
  if (!r.length) return 'skipped';
  const f = r[0]!.findings[0];
  return f ? `${f.code}: ${String(f.args?.detail)}` : String((r[0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size);
};

test('a tuple at the top of a condition or a template, and rendered conditions', () => {
  // (the labelled cases say what Ansible does; these say the same of shapes built around them)
  assert.equal(outcome(server('keep, keep')), '10');
  assert.equal(outcome(server("'{{ keep }}'")), 'skipped');
  assert.equal(outcome(server("'{{ use_bfv }} and {{ keep }}'")), 'skipped');
  assert.equal(outcome(server('[0]')), 'skipped');
  assert.equal(outcome(server('keep is sameas false')), '10');
  assert.equal(outcome(server('true', '{{ 10, }}')), "BDM-ANSIBLE-MODULE: argument 'volume_size' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int");
  assert.match(outcome(server('keep, keep if use_bfv else keep')), /^BDM-ANSIBLE-ARGS: The conditional check .* expected token 'end of statement block', got 'if'/);
  assert.equal(outcome(server('true', '{{ "%s%s" | format(*["1", 2]) }}')), '12');
  assert.equal(outcome(server('true', '{{ "%s" | format(*"7") }}')), '7');
  assert.match(outcome(server('true', '{{ "%d" | format(*none) }}')), /Value after \* must be an iterable, not NoneType/);
  assert.match(outcome(server('true', '{{ "%d" | format(*[1], 2) }}')), /invalid syntax for function call expression/);
});

test('long tuples in conditions and templates stay bounded and linear', { timeout: 180_000 }, () => {
  const tuple = (n: number) => server(Array.from({ length: n }, (_, i) => (i % 2 ? 'keep' : 'use_bfv')).join(', '), `{{ (${Array.from({ length: n }, (_, i) => i).join(', ')}) | length }}`);
  assert.equal(outcome(tuple(4)), '4');
  const g1 = bestGrowth(tuple, run, 4000, 3);
  assert.ok(g1.ratio < 3, describeGrowth('tuples', 4000, g1));
  // a condition that is a long list, rendered and tested by its truth
  const list = (n: number) => server(`[[${Array.from({ length: n }, () => "'{{ keep }}'").join(', ')}]]`);
  assert.equal(outcome(list(3)), '10');
  const g2 = bestGrowth(list, run, 2000, 3);
  assert.ok(g2.ratio < 3, describeGrowth('list condition', 2000, g2));
});

// (AnsibleModule lists the valid booleans from a set, in an order Python's hash seed decides)
const seedless = (labels: unknown[]) => JSON.parse(JSON.stringify(labels).replace(/(Valid booleans include: )([^"]*)/g, (_m, head: string, list: string) => head + list.split(', ').sort().join(', '))) as unknown[];

test('the labels kept are ansible-core\'s (HUNT39_LABEL=1 runs the labeller)', { skip: process.env.HUNT39_LABEL !== '1' }, () => {
  const again = labelAgain(CASES, 'hunt39', 'ansible-hunt38-label.py').map((l) => {
    const { id: _id, ...rest } = l as BookLabel & { id?: string };
    return rest;
  });
  assert.deepEqual(seedless(again), seedless(CASES.map((c) => c.label)));
});
