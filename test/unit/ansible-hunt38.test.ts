/**
 * hunt38 (scripts/ansible-hunt38-gen.ts): what hunt37 left.
 * (1) set_fact where a run may not reach it: a handler no task of the text notifies never runs (its
 * facts are set for no later task or play); a set_fact in a block's `rescue:`, or in the `block:`
 * of a block that has one, is sure for the tasks after it in that same list (a task there runs
 * only when the tasks before it in the list ran), and only "may be set" outside it unless its own
 * `when:` is decided false (tasks.ts FactSetting.region, template.ts factFor).
 * (2) Python's `%` formatting (pyextra.ts percentFormat): a dict's view is one argument written as
 * `dict_keys([...])`, a range is a mapping (as a list is), `%a`, `%e`/`%E`/`%g`/`%G` (rounded half
 * to even on the float's exact value), and an unsupported character as Python's ValueError with its
 * index; Jinja's `format` filter (do_format: positional arguments as a tuple, keywords as a dict).
 * (3) `dict()` over items that are no pairs (TypeError "cannot convert dictionary update sequence
 * element #i to a sequence", ValueError "... has length n; 2 is required", a value that is not
 * iterable, an unhashable key); Jinja's `reverse` (a str backwards; else reversed(), which
 * Ansible's _unroll_iterator makes a list) and Ansible's `basename`; a range's item and slice.
 * (4) Backslashes in Jinja string literals: Ansible's _escape_backslashes doubles each backslash
 * of a string Jinja's lexer finds in `{{ }}`, so `'a\'b'` is read again as `'a\\'` then `b'`: Jinja's
 * parser then fails ("expected token 'end of print statement', got 'b'"), or its lexer
 * ("unexpected char "'" at 7"), as do_template words a TemplateSyntaxError ("template error while
 * templating string: ... String: <the doubled text>"). The same words for a template that is no
 * Jinja at all (`{{ sz sz }}`, `{{ [1 2] }}`), where bdm-lab knows Jinja stops.
 * Labels: test/fixtures/ansible-hunt38/playbooks.json, each playbook run by
 * scripts/ansible-hunt38-label.py (hunt35's labeller with a rescue's set_facts run for the tasks
 * after them in that rescue; ansible-core 2.14.18, openstack.cloud 1.10.0, openstacksdk 0.101.0),
 * its output kept as `label`; `HUNT38_LABEL=1` runs the labeller again and compares. Cases
 * `3801-*`/`3802-*` are generated (seeds 3801, 3802; `3801b-*`/`3802b-*` by the generator once it drew loops too), `hand-*` are written for the set_fact places
 * and for `when:` conditions Jinja cannot parse (Ansible wraps one in `{% if %}`: "end of statement block").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';
import { percentFormat } from '../../server/src/source/ansible/pyextra';
import { PyFloat } from '../../server/src/source/ansible/tasks';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt38', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(differences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n';
const server = (size: string, indent = '    ') => ['- openstack.cloud.server:', '    name: vm1', '    image: cirros', '    flavor: m1.small', '    boot_from_volume: true', `    volume_size: "${size.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`].map((l) => indent + l).join('\n') + '\n';
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
const sizes = (text: string): unknown[] => run(text).map((r) => (r[0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } } | undefined)?.server.block_device_mapping_v2[0]!.volume_size ?? r[0]!.findings.map((f) => f.code).join(','));

// CPython 3.11's `fmt % x` for %e, %E, %g, %G (test/fixtures/ansible-hunt38/percent-floats.json, written by python3)
test('%e and %g format floats and ints as Python does', () => {
  const rows = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'ansible-hunt38', 'percent-floats.json'), 'utf8')) as Array<[string, 'int' | 'float', number | string, string]>;
  const wrong = rows.filter(([fmt, kind, v, want]) => percentFormat(fmt, kind === 'int' ? v : new PyFloat(Number(v)), { left: 1e9 }) !== want);
  assert.deepEqual(wrong, []);
});

test('set_facts in rescues, rescued blocks and escaped quotes stay bounded and linear', { timeout: 180_000 }, () => {
  // n blocks, each with a rescue that sets a fact and then reads it
  const rescues = (n: number) => `${PLAY}  vars:\n    sz: 2\n  tasks:\n${Array.from({ length: n }, (_, i) => `    - block:\n        - debug: msg=x\n      rescue:\n        - set_fact:\n            sz: ${i + 5}\n${server('{{ sz }}', '        ')}`).join('')}`;
  assert.deepEqual(sizes(rescues(2)), ['5', '6']);
  const g1 = bestGrowth(rescues, run, 100, 3);
  assert.ok(g1.ratio < 3, describeGrowth('rescues', 100, g1));
  // nested rescues n deep, a server task at the bottom
  const nested = (n: number) => {
    let body = server('{{ sz }}', ' '.repeat(4 + 4 * n));
    for (let i = n - 1; i >= 0; i--) {
      const ind = ' '.repeat(4 + 4 * i);
      body = `${ind}- block:\n${ind}    - debug: msg=x\n${ind}  rescue:\n${ind}    - set_fact:\n${ind}        sz: ${i + 3}\n${body}`;
    }
    return `${PLAY}  vars:\n    sz: 2\n  tasks:\n${body}`;
  };
  assert.deepEqual(sizes(nested(3)), ['5']);
  const g2 = bestGrowth(nested, run, 40, 3);
  assert.ok(g2.ratio < 3, describeGrowth('nested rescues', 40, g2));
  // a long string literal whose quote a backslash escapes (read again as Ansible doubles it)
  const escaped = (n: number) => `${PLAY}  tasks:\n${server(`{{ '${'ab'.repeat(n)}\\'1' | length }}`)}`;
  assert.match(String(run(escaped(3))[0]![0]!.findings[0]?.args?.detail), /expected token 'end of print statement', got 'integer'/);
  const g3 = bestGrowth(escaped, run, 20_000, 3);
  assert.ok(g3.ratio < 3, describeGrowth('escaped quote', 20_000, g3));
  // reverse, a range's slice and %e over long values
  const long = (n: number) => `${PLAY}  vars:\n    xs: [${Array.from({ length: n }, (_, i) => i).join(', ')}]\n  tasks:\n${server("{{ (xs | reverse | first) + (range(xs | length)[1::2] | length) + ('%e' % (xs | length)) | length }}")}`;
  assert.deepEqual(sizes(long(10)), ['26']);
  const g4 = bestGrowth(long, run, 2000, 3);
  assert.ok(g4.ratio < 3, describeGrowth('reverse and range slice', 2000, g4));
});

test('the labels kept are ansible-core\'s (HUNT38_LABEL=1 runs the labeller)', { skip: process.env.HUNT38_LABEL !== '1' }, () => {
  assert.deepEqual(labelAgain(CASES, 'hunt38', 'ansible-hunt38-label.py'), CASES.map((c) => c.label));
});
