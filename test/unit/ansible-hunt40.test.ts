/**
 * hunt40 (scripts/ansible-hunt40-gen.ts): hunt39's block-device playbooks with templates holding a
 * stray comma, `{# #}` comments, `{% if %}`/`{% for %}`/`{% raw %}` blocks, and `when:` conditions
 * written with `{% %}` and `{# #}`. What it found, as Jinja (3.1, under ansible-core 2.14) reads
 * a template (jinja.ts parseTemplate, Parser.primary; template.ts renderString):
 * (1) an operator or the closing token where an expression starts (`[5,, 10]`, `f(a,,)`, `(,)`,
 * `{a: 1,,}`, `root_gb +`) is parse_primary's "unexpected ','" ("unexpected 'end of print
 * statement'", "unexpected 'end of statement block'" in a condition), which fails the task in
 * Templar's words; `x[]` stays unread (Jinja makes it a tuple subscript);
 * (2) a comment gives nothing, and trim_blocks drops one line break after its `#}` (and after a
 * tag's `%}`); a condition holding one is rendered, then tested (`{# only #}` renders to '',
 * which is false);
 * (3) `{% if %}`/`{% elif %}`/`{% else %}` take the first branch whose test holds; `{% for x in y %}`
 * gives its body once for each item iter() gives (its `else` when none); `{% raw %}` gives its
 * text as it is; an unclosed block is Jinja's "Unexpected end of template. Jinja was looking for
 * the following tags: ...", an end or branch tag outside any block "Encountered unknown tag".
 * Unread, as before: other tags (`set`, ...), whitespace control, a `for` that unpacks, filters
 * with `if` or uses `loop` (hunt41 reads `set`, whitespace control, filters and `loop`).
 * Labels: test/fixtures/ansible-hunt40/playbooks.json, each playbook run by
 * scripts/ansible-hunt38-label.py (ansible-core 2.14.18, openstack.cloud 1.10.0, openstacksdk
 * 0.101.0: the ansible-oracle), its output kept as `label`; `HUNT40_LABEL=1` runs the labeller again
 * and compares. Cases `hand-*` are scripts/ansible-hunt40-hand.ts's (one task each); `4001-*` and
 * `4002-*` are generated (seeds 4001, 4002): ones holding the shapes above, and a sample of others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt40', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

test('the labelled cases hold the shapes hunt40 is about', () => {
  const has = (s: string) => CASES.some((c) => c.input.includes(s));
  for (const s of ['[5,, 10]', 'keep,,', '{# only #}', '{% elif use_bfv %}', '{% for s in sizes %}', '{% raw %}', "{% if keep %}{% else %}'"]) assert.ok(has(s), s);
  const errors = CASES.flatMap((c) => c.label.tasks.map((t) => ('error' in t ? String(t.error) : '')));
  for (const w of ["unexpected ','", "unexpected 'end of print statement'", 'Unexpected end of template', 'Encountered unknown tag']) assert.ok(errors.some((e) => e.includes(w)), w);
  assert.ok(CASES.some((c) => c.label.tasks.some((t) => 'stage' in t && t.stage === 'skipped')), 'a task Ansible skips');
  assert.ok(CASES.some((c) => c.id.startsWith('4001-')) && CASES.some((c) => c.id.startsWith('4002-')), 'generated cases');
});

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(differences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n  vars:\n    keep: false\n    use_bfv: true\n    sizes: [5, 10]\n  tasks:\n';
const server = (size: string, when?: string) => `${PLAY}    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1.small\n        boot_from_volume: true\n        volume_size: '${size}'\n${when ? `      when: '${when}'\n` : ''}`;
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
const outcome = (text: string): string => {
  const r = run(text)[0]!;
  if (!r.length) return 'skipped';
  const f = r[0]!.findings[0];
  return f ? `${f.code}: ${String(f.args?.detail)}` : String((r[0]!.request?.body as { server: { block_device_mapping_v2: Array<{ volume_size: unknown }> } }).server.block_device_mapping_v2[0]!.volume_size);
};

test('blocks, comments and stray commas in shapes around the labelled ones', () => {
  // (the labelled cases say what Ansible does; these say the same of shapes built from them)
  assert.equal(outcome(server('{% if keep %}1{% elif not use_bfv %}2{% else %}{% for s in sizes %}{{ s }}{% endfor %}{% endif %}')), '510');
  assert.equal(outcome(server('{# a #}{% for s in [] %}1{% else %}{% raw %}3{% endraw %}{% endfor %}{# b #}0')), '30');
  assert.equal(outcome(server('{% for a in sizes %}{% for b in sizes %}{% if a == b %}{{ a }}{% endif %}{% endfor %}{% endfor %}')), '510');
  // a loop's name over a variable of the same name, in the loop only
  assert.equal(outcome(server('{% for keep in [7] %}{{ keep }}{% endfor %}{{ keep | int }}')), '70');
  assert.equal(outcome(server('10', '{# x #}{% if use_bfv %}keep{% endif %}')), 'skipped');
  assert.equal(outcome(server('10', '{% for s in sizes %}{% endfor %}not keep')), '10');
  assert.match(outcome(server('{{ [1,, 2] | first }}')), /^BDM-ANSIBLE-ARGS: template error while templating string: unexpected ','\. String: \{\{ \[1,, 2\] \| first \}\}\. unexpected ','$/);
  assert.match(outcome(server('10', 'use_bfv or')), /^BDM-ANSIBLE-ARGS: The conditional check 'use_bfv or' failed\. .*unexpected 'end of statement block'/);
  assert.match(outcome(server('{% for s in sizes %}{% if s %}1{% endfor %}')), /^BDM-ANSIBLE-UNRESOLVED: /);
  assert.match(outcome(server('{% for s in sizes %}{% if s %}1{% endif %}')), /Jinja was looking for the following tags: 'endfor' or 'else'\. The innermost block that needs to be closed is 'for'\./);
  // (`{% set %}` is read since hunt41: test/unit/ansible-hunt41.test.ts)
  assert.equal(outcome(server('{% set x = 1 %}{{ x }}')), '1');
});

test('long runs of blocks, comments and loops stay bounded and linear', { timeout: 180_000 }, () => {
  const blocks = (n: number) => server(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? '{% if use_bfv %}1{% else %}2{% endif %}' : i % 3 === 1 ? '{# c #}' : '{% raw %}{{{% endraw %}')).join('') + '0');
  assert.match(outcome(blocks(3)), /^BDM-ANSIBLE-MODULE: .*volume_size/);
  const g1 = bestGrowth(blocks, run, 2000, 3);
  assert.ok(g1.ratio < 3, describeGrowth('blocks', 2000, g1));
  const nested = (n: number) => server(`${'{% if use_bfv %}'.repeat(Math.min(n, 40))}${'{% for s in sizes %}{{ s }}{% endfor %}'.repeat(n)}${'{% endif %}'.repeat(Math.min(n, 40))}`);
  assert.equal(outcome(nested(1)), '510');
  const g2 = bestGrowth(nested, run, 2000, 3);
  assert.ok(g2.ratio < 3, describeGrowth('loops', 2000, g2));
  // an unclosed comment or raw block is read once to its end, not once per tag
  const open = (n: number) => server(`{% raw %}${'{% x %}'.repeat(n)}`);
  assert.match(outcome(open(2)), /^BDM-ANSIBLE-UNRESOLVED: /);
  const g3 = bestGrowth(open, run, 4000, 3);
  assert.ok(g3.ratio < 3, describeGrowth('unclosed raw', 4000, g3));
});

// (AnsibleModule lists the valid booleans from a set, in an order Python's hash seed decides)
const seedless = (labels: unknown[]) => JSON.parse(JSON.stringify(labels).replace(/(Valid booleans include: )([^"]*)/g, (_m, head: string, list: string) => head + list.split(', ').sort().join(', '))) as unknown[];

test('the labels kept are ansible-core\'s (HUNT40_LABEL=1 runs the labeller)', { skip: process.env.HUNT40_LABEL !== '1' }, () => {
  const again = labelAgain(CASES, 'hunt40', 'ansible-hunt38-label.py').map((l) => {
    const { id: _id, ...rest } = l as BookLabel & { id?: string };
    return rest;
  });
  assert.deepEqual(seedless(again), seedless(CASES.map((c) => c.label)));
});
