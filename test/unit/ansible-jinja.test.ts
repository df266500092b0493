/**
 * The Ansible source's Jinja (server/src/source/ansible/template.ts, jinja.ts, filters.ts,
 * pyvalue.ts): filters, operators, tests, conditional expressions and literals in module
 * arguments, as ansible-core 2.14.18 renders them with Jinja2 3.1.2 (non-native).
 *
 * Two tables, each labelled by the real code:
 * - test/fixtures/ansible/jinja-cases.json: templates and the task vars they read, labelled by
 *   ansible-core's own Templar (test/fixtures/ansible/jinja_label.py -> jinja-oracle.json): the value
 *   a module argument becomes, or the words the task fails with.
 * - test/fixtures/ansible/jinja-tasks.json: `openstack.cloud.server` tasks that use them, labelled
 *   by shared/tools/ansible-oracle (ansible-core + the collection + openstacksdk) ->
 *   jinja-tasks-oracle.json: the body sent or the refusal.
 * `node --import tsx test/unit/ansible-jinja.test.ts --label` rewrites both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ansibleSources, findTasks } from '../../server/src/source/ansible';
import { readTask } from '../../server/src/source/ansible/index';
import { answerOf, jsonKeys, scopesOf, type Case, type Label } from './ansible-templates';
import { parseTemplate } from '../../server/src/source/ansible/jinja';
import { compareAnsible, type AnsibleLabel } from '../fixtures/ansible/compare';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'ansible');
const CASES_FILE = join(DIR, 'jinja-cases.json');
const LABELS_FILE = join(DIR, 'jinja-oracle.json');
const TASKS_FILE = join(DIR, 'jinja-tasks.json');
const TASK_LABELS_FILE = join(DIR, 'jinja-tasks-oracle.json');

if (process.argv.includes('--label')) {
  const env = { PATH: '/usr/bin:/bin' };
  writeFileSync(LABELS_FILE, execFileSync('/usr/bin/python3', [join(DIR, 'jinja_label.py'), CASES_FILE], { encoding: 'utf8', env, maxBuffer: 1 << 26 }));
  const oracle = join(ROOT, '..', 'shared', 'tools', 'ansible-oracle', 'ansible_oracle.py');
  const lines = execFileSync('/usr/bin/python3', [oracle, '--batch', TASKS_FILE], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const out: Record<string, AnsibleLabel> = {};
  for (const l of lines.split('\n').filter((x) => x.startsWith('{'))) {
    const r = JSON.parse(l) as AnsibleLabel & { id: string };
    out[r.id] = { stage: r.stage, error: r.error, nova_body: r.nova_body, microversion: r.microversion };
  }
  writeFileSync(TASK_LABELS_FILE, JSON.stringify(out, null, 1) + '\n');
}

const DOC = JSON.parse(readFileSync(CASES_FILE, 'utf8')) as { DEFAULT_VARS: string; cases: Case[] };
const LABELS = JSON.parse(readFileSync(LABELS_FILE, 'utf8')) as Record<string, Label>;
const TASKS = JSON.parse(readFileSync(TASKS_FILE, 'utf8')) as Array<{ id: string; input: string }>;
const TASK_LABELS = JSON.parse(readFileSync(TASK_LABELS_FILE, 'utf8')) as Record<string, AnsibleLabel>;
const byTemplate = (t: string) => DOC.cases.find((c) => c.t === t)!;


const definedIn = (c: Case, name: string) => scopesOf(c.vars ?? DOC.DEFAULT_VARS).some((v) => Object.prototype.hasOwnProperty.call(v, name));

const answer = (c: Case) => answerOf(c, DOC.DEFAULT_VARS);

/**
 * What bdm-lab leaves unresolved on purpose (a note, never a guess), beside the variables the file
 * does not define and Python exceptions Ansible reports without words (division by zero, an
 * infinite float made an int, a constant NaN in Jinja's own code).
 */
const NOT_READ: Record<string, string> = {
  '{{ unicode | lower }}': 'Unicode case mapping', '{{ unicode | upper }}': 'Unicode case mapping',
  '{{ 9007199254740991 + 2 }}': 'an int past 2^53',
  "{{ lookup('env', 'HOME') }}": 'a lookup',
  "{{ s | replace('b') }}": 'an argument count Python refuses', "{{ s | replace('b', 'c', 1, 2) }}": 'an argument count Python refuses',
  '{{ d.keys }}': 'a method object', '{{ s.upper }}': 'a method object', '{{ n.real }}': 'a Python attribute', '{{ l.count }}': 'a method object', '{{ s.ansible_pos }}': 'a Python attribute',
  "{{ '{{' ~ '}}' }}": 'a rendered set literal (Python refuses it with a TypeError)',
};

/** Templates whose value is a dict with keys that are not strings: the label's keys compared as JSON writes them (jsonKeys) */
const AS_JSON = new Set(['own-2: {{ m }}']);

test('each template renders to the value ansible-core\'s Templar gives, or fails with the words the task fails with', () => {
  for (const c of DOC.cases) assert.ok(LABELS[c.id], `${c.id}: no label; run with --label`);
  assert.ok(DOC.cases.length >= 2500);
  for (const id of Object.keys(NOT_READ)) assert.ok(DOC.cases.some((c) => c.id === id), `NOT_READ names no case ${id}`);
  const wrong: string[] = [];
  let answered = 0;
  for (const c of DOC.cases) {
    const l = LABELS[c.id]!;
    const a = answer(c);
    if ('unresolved' in a) {
      const name = a.unresolved.undefinedName;
      // a variable from elsewhere: Ansible fails here when nothing else defines it
      if (name) { if (definedIn(c, name)) wrong.push(`${c.id}: bdm-lab says \`${name}\` is undefined; it is among the vars`); continue; }
      if ('exception' in l || NOT_READ[c.id]) continue;
      wrong.push(`${c.id}: unresolved (${a.unresolved.why}); Ansible: ${JSON.stringify(l).slice(0, 300)}`);
      continue;
    }
    answered++;
    if ('exception' in l && !('exception' in a)) wrong.push(`${c.id}: bdm-lab answers ${JSON.stringify(a)}; Ansible raises ${l.exception}`);
    else if (JSON.stringify(a) !== JSON.stringify(AS_JSON.has(c.id) ? jsonKeys(l) : l)) wrong.push(`${c.id}:\n  bdm-lab ${JSON.stringify(a).slice(0, 400)}\n  Ansible ${JSON.stringify(l).slice(0, 400)}`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(answered >= DOC.cases.length * 0.95, `${answered} of ${DOC.cases.length} answered`);
});

test('what bdm-lab does not compute is left unresolved with its reason, never guessed', () => {
  const answered = Object.keys(NOT_READ).filter((id) => !('unresolved' in answer(DOC.cases.find((c) => c.id === id)!)));
  assert.deepEqual(answered.map((id) => `${id} (${NOT_READ[id]}) answered: ${JSON.stringify(answer(DOC.cases.find((c) => c.id === id)!))}`), []);
  // Python exceptions Ansible reports without a message of its own: raised with Python's words
  for (const t of ['{{ 1 / 0 }}', '{{ n // 0 }}', '{{ f // 0 }}', "{{ 'inf' | int }}"]) {
    const l = LABELS[byTemplate(t).id]!;
    assert.ok('exception' in l);
    assert.deepEqual(answer(byTemplate(t)), l, t);
  }
  // a constant NaN in Jinja's own compiled code is not worded
  const nan = answer(byTemplate("{{ '1e400' | float | to_json }}"));
  assert.ok('unresolved' in nan && /NameError/.test(nan.unresolved.why ?? ''));
  // a variable the file does not define: undefined to Ansible unless the inventory defines it
  const u = answer(byTemplate('{{ nope | int }}'));
  assert.ok('unresolved' in u && u.unresolved.undefinedName === 'nope');
});

test('the filters the brief names each answer with Python\'s value, types kept apart', () => {
  const v = (t: string) => (answer(byTemplate(t)) as { v: unknown }).v;
  // int: text made a number in a string (the module converts it), its float fallback and default
  assert.equal(v('{{ num_s | int }}'), '42');
  assert.equal(v('{{ fl_s | int }}'), '42');
  assert.equal(v('{{ s | int }}'), '0');
  assert.equal(v('{{ s | int(5) }}'), '5');
  assert.equal(v('{{ hex_s | int(0, 16) }}'), '26');
  assert.equal(v('{{ hex_s | int }}'), '0');
  // float is written as Python writes it; bool is Ansible's
  assert.equal(v('{{ num_s | float }}'), '42.0');
  assert.equal(v('{{ yes_s | bool }}'), true);
  assert.equal(v('{{ s | bool }}'), false);
  // a template that is one to_json or string stays text; the full name's to_json does not
  assert.equal(v('{{ l | to_json }}'), '["a", "b", "c"]');
  assert.deepEqual(v('{{ l | ansible.builtin.to_json }}'), ['a', 'b', 'c']);
  assert.equal(v('{{ l | string }}'), "['a', 'b', 'c']");
  assert.deepEqual(v('{{ l | list }}'), ['a', 'b', 'c']);
  assert.equal(v("{{ l | join(',') }}"), 'a,b,c');
  assert.equal(v("{{ s | replace('b', 'XYZ') }}"), 'aXYZc');
  assert.equal(v('{{ S | trim }}'), 'MiXed Case');
  assert.equal(v('{{ quote_s | quote }}'), `'it'"'"'s'`);
  assert.equal(v("{{ t | ternary('Y', 'N') }}"), 'Y');
  assert.deepEqual(v('{{ (n | int) + 5 }}'), '20');
  assert.equal(v("{{ 1 if fa else 2 if t else 3 }}"), '2');
});

test('where Ansible fails the task, bdm-lab gives its words: undefined attributes, mandatory, type errors, a variable\'s own failure', () => {
  const e = (t: string) => (answer(byTemplate(t)) as { error: string }).error;
  assert.equal(e('{{ d.missing }}'), "The task includes an option with an undefined variable. The error was: 'dict object' has no attribute 'missing'. 'dict object' has no attribute 'missing'");
  assert.equal(e('{{ d.missing | mandatory }}'), "Mandatory variable 'missing'  not defined.");
  assert.equal(e("{{ d.missing | mandatory('need it') }}"), 'need it');
  assert.equal(e('{{ n | length }}'), "Unexpected templating type error occurred on ({{ n | length }}): object of type 'int' has no len(). object of type 'int' has no len()");
  assert.equal(e('{{ n + s }}'), "Unexpected templating type error occurred on ({{ n + s }}): unsupported operand type(s) for +: 'int' and 'AnsibleUnicode'. unsupported operand type(s) for +: 'int' and 'AnsibleUnicode'");
  assert.match(e('{{ tmpl_type }}'), /^An unhandled exception occurred while templating '\{\{ n \+ s \}\}'\. Error was a <class 'ansible\.errors\.AnsibleError'>, original message: Unexpected templating type error/);
  assert.match(e("{{ 'x' }}\n{{ ('a' if false) + 'b' }}"), /the inline if-expression on line 2 evaluated to false and no else section was defined\./);
  assert.equal(e('{{ el | first | int }}'), 'The task includes an option with an undefined variable. The error was: No first item, sequence was empty.. No first item, sequence was empty.');
});

const UNRESOLVED_TASKS = new Set(['boot-volume-default-var']);

for (const c of TASKS.filter((x) => !UNRESOLVED_TASKS.has(x.id))) {
  test(`openstack.cloud.server with Jinja, ${c.id}: the body sent or the refusal, as ansible-core, the collection and openstacksdk give them`, () => {
    assert.deepEqual(compareAnsible(c.input, TASK_LABELS[c.id]!), []);
  });
}

test('a default argument that names a variable from elsewhere: a note, no refusal (the oracle has no inventory)', () => {
  const c = TASKS.find((x) => x.id === 'boot-volume-default-var')!;
  assert.match(String(TASK_LABELS[c.id]!.error), /'inventory_hostname_short' is undefined/);
  const r = readTask(findTasks(c.input)[0]!)!;
  assert.deepEqual(r.findings.map((f) => f.code), ['BDM-ANSIBLE-UNRESOLVED']);
  assert.match(String(r.findings[0]!.args?.detail), /inventory_hostname_short|a value this file alone does not give/);
});

test('a template error is the task\'s verdict (BDM-ANSIBLE-ARGS), on the value that fails, and nothing after it is rendered', () => {
  // the task table: labelled, with bodies sent and each refusal stage among them
  for (const c of TASKS) assert.ok(TASK_LABELS[c.id], `${c.id}: no label; run with --label`);
  assert.ok(TASKS.length >= 80);
  const stages = new Set(TASKS.map((c) => TASK_LABELS[c.id]!.stage));
  for (const s of ['sent', 'ansible-args', 'ansible-module', 'sdk']) assert.ok(stages.has(s), s);

  const text = TASKS.find((x) => x.id === 'bfv-size-int-plus-text-type-error')!.input;
  const a = analyzeDocument(text, 'yaml', defaultContext());
  assert.equal(a.valid, false);
  assert.equal(a.verdict!.code, 'BDM-ANSIBLE-ARGS');
  assert.equal(a.verdict!.message, "Unexpected templating type error occurred on ({{ 10 + root_gb }}): unsupported operand type(s) for +: 'int' and 'AnsibleUnicode'. unsupported operand type(s) for +: 'int' and 'AnsibleUnicode'");
  const [d] = ansibleSources(text);
  const f = d!.findings.find((x) => x.code === 'BDM-ANSIBLE-ARGS')!;
  assert.equal(text.slice(f.span.offset, f.span.offset + f.span.length), '"{{ 10 + root_gb }}"');
  assert.equal(d!.body, null);
  // the first failing argument is the one reported; a later note is not made
  const two = '- openstack.cloud.server:\n    name: "{{ d.missing }}"\n    image: "{{ other.missing }}"\n    flavor: m1\n  vars:\n    d: {}\n    other: {}\n';
  const findings = readTask(findTasks(two)[0]!)!.findings;
  assert.equal(findings.length, 1);
  assert.match(String(findings[0]!.args?.detail), /'dict object' has no attribute 'missing'/);
});

test('mandatory or a filter on a variable the file does not define: a note naming it (the inventory may define it), not a refusal', () => {
  const text = '- openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor: m1\n    boot_from_volume: true\n    volume_size: "{{ root_gb | mandatory | int }}"\n';
  const r = readTask(findTasks(text)[0]!)!;
  assert.deepEqual(r.findings.map((f) => f.code), ['BDM-ANSIBLE-UNRESOLVED']);
  assert.match(String(r.findings[0]!.args?.detail), /the task is not judged/);
  // `default` over it: the body, and the note that says bdm-lab took the default
  const dflt = '- openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor: m1\n    boot_from_volume: true\n    volume_size: "{{ root_gb | default(\'30\') | int + 10 }}"\n';
  const [d] = ansibleSources(dflt);
  assert.equal(((d!.body as { server: { block_device_mapping_v2: Array<{ volume_size: string }> } }).server.block_device_mapping_v2[0]!).volume_size, '40');
  assert.match(String(d!.findings[0]!.args?.detail), /`root_gb` is not among this file's vars, so bdm-lab takes the default/);
});

test('omit through a filter that reads or changes its text: a note (the token changes with every run), never a guess', () => {
  // ansible-core (real_args_oracle.py) omitted key_name here (the token is lowercase already), made
  // volume_size 0 and 61 (the int and the length of that run's token): bdm-lab does not compute with it
  const task = (opt: string) => `- openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor: m1.small\n    boot_from_volume: ${opt.startsWith('volume_size')}\n    ${opt}\n`;
  for (const opt of ['key_name: "{{ k | default(omit) | lower }}"', 'volume_size: "{{ s | default(omit) | int }}"', 'volume_size: "{{ (s | default(omit)) | length }}"', 'volume_size: "{{ [omit] | join | length }}"']) {
    const r = readTask(findTasks(task(opt))[0]!)!;
    const notes = r.findings.filter((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED').map((f) => String(f.args?.detail));
    assert.ok(notes.some((n) => /omit placeholder/.test(n)), `${opt}: ${notes.join(' | ')}`);
    assert.deepEqual(r.findings.filter((f) => f.code !== 'BDM-ANSIBLE-UNRESOLVED').map((f) => f.code), []);
  }
  // handed on whole (default, ternary, a conditional), it is omitted (omit-cases.json has the labels)
  const [d] = ansibleSources('- openstack.cloud.server:\n    name: vm1\n    image: "{{ from_volume | ternary(omit, \'cirros\') }}"\n    boot_volume: root-vol\n    flavor: m1.small\n  vars:\n    from_volume: true\n');
  assert.equal(d!.req.byOption.has('image'), false);
});

test('bounded on hostile expressions: deep nesting, long chains, huge repetitions and replacements end in a note', () => {
  const task = (v: string, vars = '    s: abc\n') => `- openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor: m1\n    key_name: "${v}"\n  vars:\n${vars}`;
  const note = (text: string) => String(readTask(findTasks(text)[0]!)!.findings.find((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED')!.args?.detail);
  assert.match(note(task(`{{ ${'('.repeat(5000)}s${')'.repeat(5000)} }}`)), /not read|does not read/);
  assert.match(note(task(`{{ ${'not '.repeat(5000)}s }}`)), /not read|does not read/);
  assert.match(note(task(`{{ ${'['.repeat(5000)}${']'.repeat(5000)} }}`)), /not read|does not read/);
  assert.match(note(task(`{{ ${'-'.repeat(5000)}1 }}`)), /not read|does not read/);
  assert.match(note(task("{{ s * 1000000000 }}")), /more text than bdm-lab reads/);
  assert.match(note(task("{{ [s] * 1000000000 }}")), /more text than bdm-lab reads/);
  assert.match(note(task("{{ big | replace('', big) }}", `    big: '${'x'.repeat(5000)}'\n`)), /more text than bdm-lab reads/);
  assert.match(note(task(`{{ s ${'~ big '.repeat(3000)}}}`, `    s: a\n    big: '${'x'.repeat(5000)}'\n`)), /more text than bdm-lab reads/);
  // a chain of filters or operators is as deep as it is long: read up to bdm-lab's bound, a note past it
  assert.equal((ansibleSources(task(`{{ s${' | upper | lower'.repeat(90)} }}`))[0]!.body as { server: { key_name: string } }).server.key_name, 'abc');
  assert.match(note(task(`{{ s${' | upper | lower'.repeat(5000)} }}`)), /not read|does not read/);
  assert.match(note(task(`{{ 1${' + 1'.repeat(20_000)} }}`)), /not read|does not read/);
  // `~` makes one node of all its operands
  assert.ok(parseTemplate(`{{ ${Array.from({ length: 20_000 }, (_, i) => `'${i}'`).join(' ~ ')} }}`));
});
