/**
 * hunt43 (scripts/ansible-hunt43-gen.ts, scripts/ansible-hunt43-hand.ts): what hunt42 left, as
 * ansible-core 2.14 runs it (Jinja 3.1; PyYAML's loader):
 * (1) an alias whose anchor is not set before it in the document, or an anchor set a second time:
 * PyYAML's composer refuses the file before any value is made ("found undefined alias", "second
 * occurrence", after the JSON error), so no task of it runs; an alias inside the node it names is
 * read, merges (`<<: *a`, `<<: [*a]`) are read as before;
 * (2) the filters type_debug (the class name: AnsibleUnicode for a YAML str, _GroupTuple...), log
 * (math.log10 for base 10, read where exact; ln x / ln base where the C library's float is certain),
 * root (math.sqrt, or math.pow with 1/base; "root() can only be used on numbers: math domain
 * error"), truncate, indent, splitext, groupby (named tuples: `.grouper`, `.list`), hash, md5,
 * checksum, zip_longest, to_yaml and to_nice_yaml (PyYAML's dump where its layout is followed:
 * one-line texts, lines within 80 columns) and to_nice_json.
 * Labels: test/fixtures/ansible-hunt43/playbooks.json, each playbook run by
 * scripts/ansible-hunt42-label.py (ansible-core 2.14.18's DataLoader first, then
 * scripts/ansible-hunt38-label.py: openstack.cloud 1.10.0, openstacksdk 0.101.0: the
 * ansible-oracle), its output kept as `label`; `HUNT43_LABEL=1` runs the labeller again and
 * compares. Cases `hand-*` are scripts/ansible-hunt43-hand.ts's that bdm-lab reads as Ansible does
 * (scripts/ansible-hunt43-keep.ts); `4301-*` and `4302-*` are generated (seeds 4301, 4302).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { bestGrowth, describeGrowth } from './growth';
import { differences, labelAgain, loadDifferences, type BookLabel } from './ansible-labelled';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

const FILE = join(ROOT, 'test', 'fixtures', 'ansible-hunt43', 'playbooks.json');
const CASES = JSON.parse(readFileSync(FILE, 'utf8')) as Array<{ id: string; input: string; label: BookLabel }>;

test('the labelled cases hold the shapes hunt43 is about', () => {
  const has = (s: string) => CASES.some((c) => c.input.includes(s));
  for (const s of ['*nope', '<<: *pv', 'type_debug', '| log', '| root', 'truncate(', 'indent(', 'splitext', 'groupby(', 'hash(', '| md5', '| checksum', 'zip_longest', 'to_yaml', 'to_nice_yaml', 'to_nice_json']) assert.ok(has(s), s);
  const loads = CASES.filter((c) => c.label.load !== null).map((c) => c.label.load!);
  assert.ok(loads.some((l) => l.endsWith('\n  found undefined alias')) && loads.some((l) => l.endsWith('\n  second occurrence')), 'both composer refusals');
  const errors = CASES.flatMap((c) => c.label.tasks.map((t) => ('error' in t ? String(t.error) : '')));
  for (const w of ['root() can only be used on numbers: math domain error', 'log() can only be used on numbers: must be real number, not str', 'float division by zero', 'expected str, bytes or os.PathLike object, not int']) assert.ok(errors.some((e) => e.includes(w)), w);
  assert.ok(CASES.some((c) => c.id.startsWith('4301-')) && CASES.some((c) => c.id.startsWith('4302-')), 'generated cases');
});

for (const c of CASES) {
  test(`${c.id}: as ansible-playbook runs it`, () => {
    assert.deepEqual(c.label.load === null ? differences(c.input, c.label) : loadDifferences(c.input, c.label), []);
  });
}

const PLAY = '- hosts: localhost\n  gather_facts: false\n  vars:\n    sizes: [5, 10, 15]\n    lines: "5\\n\\n6\\r\\n7"\n  tasks:\n';
const run = (text: string) => findTasks(text).map((t) => readTasks(t));
/** the name a task sends with the template as its name, or its first finding */
const named = (template: string): string => {
  const r = run(`${PLAY}    - openstack.cloud.server:\n        name: '${template.replace(/'/g, "''")}'\n        image: cirros\n        flavor: m1.small\n`)[0]![0]!;
  return r.findings.length ? `${r.findings[0]!.code}: ${String(r.findings[0]!.args?.detail)}` : String((r.request?.body as { server: { name: unknown } }).server.name);
};

test('composer refusals: where the alias or anchor is, and what PyYAML reads', () => {
  const text = `${PLAY}    - openstack.cloud.server: {name: a, image: cirros, flavor: m1.small}\n      vars:\n        x: *gone\n    - openstack.cloud.server: {name: b, image: cirros, flavor: m1.small}\n`;
  const reqs = run(text).map((r) => r[0]!);
  assert.equal(reqs.length, 2);
  for (const r of reqs) {
    assert.equal(r.request, null);
    assert.equal(String(r.findings[0]!.args?.detail), 'We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: Expecting value: line 1 column 1 (char 0)\n\nSyntax Error while loading YAML.\n  found undefined alias');
    assert.equal(r.loadFailure?.offset, text.indexOf('*gone'));
  }
  // an anchor set twice, and an alias before its anchor
  const twice = `${PLAY}    - openstack.cloud.server: {name: &n a, image: &n cirros, flavor: m1.small}\n`;
  assert.match(String(run(twice)[0]![0]!.findings[0]!.args?.detail), /\n {2}second occurrence$/);
  const before = `${PLAY}    - openstack.cloud.server: {name: *n, image: &n cirros, flavor: m1.small}\n`;
  assert.match(String(run(before)[0]![0]!.findings[0]!.args?.detail), /\n {2}found undefined alias$/);
});

test('the new filters in shapes around the labelled ones (values from ansible-core 2.14\'s Templar)', () => {
  assert.equal(named('{{ [{"s": 1, "t": "A"}, {"s": 2, "t": "a"}, {"s": 3, "t": "B"}] | groupby("t") | map(attribute="grouper") | join }}'), 'AB');
  assert.equal(named('{{ ([{"s": 1, "t": "A"}, {"s": 2, "t": "a"}] | groupby("t", case_sensitive=true) | last).list[0].s }}'), '2');
  assert.equal(named('{{ [{"a": [1, 2], "b": {"c": "x"}}] | to_yaml }}'), '- a: [1, 2]\n  b: {c: x}\n');
  assert.equal(named('{{ {"a": [1, 2], "b": {"c": "x"}} | to_nice_yaml }}'), 'a:\n- 1\n- 2\nb:\n    c: x\n');
  assert.equal(named('{{ [[1, 2], [3]] | to_nice_yaml }}'), '-   - 1\n    - 2\n-   - 3\n');
  assert.equal(named('{{ ["a:b", "c,d", "x y", "yes", "it\'s", "", 1e20] | to_yaml }}'), "['a:b', 'c,d', x y, 'yes', it's, '', 1.0e+20]\n");
  assert.match(named('{{ range(40) | list | to_yaml }}'), /^BDM-ANSIBLE-UNRESOLVED: .*wider than 80 columns/);
  assert.equal(named('{{ "foo bar baz qux" | truncate(11, false, "...", 0) }}'), 'foo bar...');
  assert.equal(named('{{ lines | indent(2, true) }}'), '  5\n\n  6\n  7');
  assert.equal(named('{{ "a/..b" | splitext | join("|") }}'), 'a/..b|');
  // (the digests hashlib gives, which the filters call)
  assert.equal(named('{{ "prod" | hash("sha256") }}'), '6754af9632a2745e85c293e5aac0863370d9bd3330b9938c00cadfd215227d77');
  assert.equal(named('{{ "prod" | md5 }}'), 'd6e4a9b6646c62fc48baa6dd6150d1f7');
  assert.equal(named('{{ 3 | log }}'), '1.0986122886681098');
  assert.equal(named('{{ 1000 | log(10) }}'), '3.0');
  assert.match(named('{{ 10 | log }}'), /^BDM-ANSIBLE-UNRESOLVED: .*too near the middle of two floats/);
  assert.equal(named('{{ 2 | root }}'), '1.4142135623730951');
  // (a power by another fraction than a half: glibc's pow, as CPython's float ** float and math.pow give it)
  assert.equal(named('{{ 27 | root(3) }}'), '3.0');
  assert.equal(named('{{ 2 ** 0.3 }}-{{ 10 | pow(-0.25) }}'), '1.2311444133449163-0.5623413251903491');
  assert.equal(named('{{ [1, 2] | zip_longest([3], fillvalue=0) | map("sum") | join(",") }}'), '4,2');
  assert.equal(named('{{ (1, 2) | type_debug }}-{{ sizes | type_debug }}-{{ "a" | type_debug }}'), 'tuple-list-str');
});

test('long texts, lists and files stay bounded and linear', { timeout: 180_000 }, () => {
  const text = (n: number) => `${PLAY}    - openstack.cloud.server:\n        name: '{{ "${'ab cd\\n'.repeat(n)}" | indent(3, true, true) | truncate(${n * 4}, false, "") | length }}-{{ (([{"a": 1}] * ${n}) | groupby("a") | first).list | length }}'\n        image: cirros\n        flavor: m1.small\n`;
  assert.match(String((run(text(2))[0]![0]!.request?.body as { server: { name: unknown } }).server.name), /^\d+-2$/);
  const g1 = bestGrowth(text, run, 4000, 3);
  assert.ok(g1.ratio < 3, describeGrowth('indent, truncate and groupby', 4000, g1));
  const yaml = (n: number) => `${PLAY}    - openstack.cloud.server:\n        name: '{{ (range(${n}) | map("string") | map("regex_replace", "^", "v") | zip_longest([1]) | map("first") | list | to_nice_yaml | hash("sha1")) ~ (range(${n}) | list | batch(10) | list | to_yaml | length) }}'\n        image: cirros\n        flavor: m1.small\n`;
  assert.match(String((run(yaml(20))[0]![0]!.request?.body as { server: { name: unknown } }).server.name), /^[0-9a-f]{40}\d+$/);
  const g2 = bestGrowth(yaml, run, 3000, 3);
  assert.ok(g2.ratio < 3, describeGrowth('to_yaml, to_nice_yaml, zip_longest and hash', 3000, g2));
  const anchors = (n: number) => `${PLAY}${Array.from({ length: n }, (_, i) => `    - debug: {msg: &a${i} x}\n`).join('')}    - openstack.cloud.server: {name: *a0, image: cirros, flavor: m1.small}\n      vars: {x: *a${n}}\n`;
  assert.match(String(run(anchors(3))[0]![0]!.findings[0]!.args?.detail), /found undefined alias$/);
  const g3 = bestGrowth(anchors, run, 2000, 3);
  assert.ok(g3.ratio < 3, describeGrowth('a file with many anchors and an undefined alias', 2000, g3));
});

// (AnsibleModule lists the valid booleans from a set, in an order Python's hash seed decides)
const seedless = (labels: unknown[]) => JSON.parse(JSON.stringify(labels).replace(/(Valid booleans include: )([^"]*)/g, (_m, head: string, list: string) => head + list.split(', ').sort().join(', '))) as unknown[];

test('the labels kept are ansible-core\'s (HUNT43_LABEL=1 runs the labeller)', { skip: process.env.HUNT43_LABEL !== '1' }, () => {
  const again = labelAgain(CASES, 'hunt43', 'ansible-hunt42-label.py').map((l) => {
    const { id: _id, ...rest } = l as BookLabel & { id?: string };
    return rest;
  });
  assert.deepEqual(seedless(again), seedless(CASES.map((c) => c.label)));
});
