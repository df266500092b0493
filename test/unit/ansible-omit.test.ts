/**
 * The Ansible source on what shared/tools/ansible-oracle cannot label: `omit` (a per-run token;
 * an option whose rendered value is exactly it is removed), module arguments given as a variable
 * (`_variable_params`, a dict the arguments written out update), and the non-native templating's
 * Python literals (a rendered `[1]` is a list, `{{ cfg.size }}` of an int is a string).
 *
 * The labels (test/fixtures/ansible/omit-oracle.json) come from ansible-core 2.14.18's own code:
 * test/fixtures/ansible/real_args_oracle.py loads each task in a play (Play.load ->
 * ModuleArgsParser), takes VariableManager.get_vars (which adds the omit token), runs
 * Task.post_validate (Templar, Task._post_validate_args: the `_variable_params` merge) and
 * task_executor.remove_omit, then the ansible-oracle's module run (collection 1.10.0 +
 * openstacksdk 0.101.0). The Python-literal table (test/fixtures/ansible/pyliteral-cases.json)
 * comes from test/fixtures/ansible/pyliteral_label.py: Python's ast.literal_eval after ansible's
 * own Json2Python, as ansible_eval_concat calls them. `node --import tsx
 * test/unit/ansible-omit.test.ts --label` rewrites both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ansibleSources, findTasks } from '../../server/src/source/ansible';
import { readTask } from '../../server/src/source/ansible/index';
import { pyLiteral } from '../../server/src/source/ansible/pyliteral';
import { PyTuple } from '../../server/src/source/ansible/pyvalue';
import { NON_STR_KEYS, PyFloat } from '../../server/src/source/ansible/tasks';
import { compareAnsible, type AnsibleLabel } from '../fixtures/ansible/compare';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'ansible');
interface Case { id: string; input: string; expect?: 'unresolved' }
type Label = AnsibleLabel & { args: Record<string, unknown> | null };
const CASES = JSON.parse(readFileSync(join(DIR, 'omit-cases.json'), 'utf8')) as Case[];
const LABELS_FILE = join(DIR, 'omit-oracle.json');
const LITERALS_FILE = join(DIR, 'pyliteral-cases.json');

if (process.argv.includes('--label')) {
  const env = { PATH: '/usr/bin:/bin' };
  writeFileSync(LABELS_FILE, execFileSync('/usr/bin/python3', [join(DIR, 'real_args_oracle.py'), join(DIR, 'omit-cases.json')], { encoding: 'utf8', env, maxBuffer: 1 << 26 }));
  writeFileSync(LITERALS_FILE, execFileSync('/usr/bin/python3', [join(DIR, 'pyliteral_label.py')], { encoding: 'utf8', env, maxBuffer: 1 << 26 }));
}
const LABELS = JSON.parse(readFileSync(LABELS_FILE, 'utf8')) as Record<string, Label>;
const byId = (id: string) => CASES.find((c) => c.id === id)!.input;
const notesOf = (text: string) => readTask(findTasks(text)[0]!)!.findings.filter((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED');
const errorsOf = (text: string) => readTask(findTasks(text)[0]!)!.findings.filter((f) => f.code !== 'BDM-ANSIBLE-UNRESOLVED' && f.code !== 'BDM-ANSIBLE-LOOP');
const at = (text: string, s: { offset: number; length: number }) => text.slice(s.offset, s.offset + s.length);

test('every case has a label from ansible-core\'s own code, with omit, variable arguments and literals among them', () => {
  for (const c of CASES) assert.ok(LABELS[c.id], `${c.id}: no label; run with --label`);
  assert.ok(CASES.length >= 60);
  // the repros: the option dropped, the variable's dict merged, the list from a string
  assert.deepEqual(LABELS['omit-image-next-to-boot_volume'].args, { name: 'vm1', boot_volume: 'root-vol', flavor: 'm1.small' });
  assert.deepEqual(LABELS['omit-boot_volume-default-undefined'].args, { name: 'vm1', image: 'cirros', flavor: 'm1.small' });
  assert.equal(LABELS['vars-args-repro'].stage, 'sent');
  assert.match(String(LABELS['literal-list-repro'].error), /<class 'list'>/);
});

for (const c of CASES.filter((x) => !x.expect)) {
  test(`${c.id}: the refusal or the body, as ansible-core (post_validate, remove_omit), the module and openstacksdk give them`, () => {
    assert.deepEqual(compareAnsible(c.input, LABELS[c.id]), []);
  });
}

// what Ansible does there depends on its random omit token or on Python objects bdm-lab does not
// model: bdm-lab says so in a note and guesses nothing (the label shows what Ansible did)
for (const c of CASES.filter((x) => x.expect === 'unresolved')) {
  test(`${c.id}: a note, no refusal of bdm-lab's own (Ansible: ${LABELS[c.id].stage})`, () => {
    assert.ok(notesOf(c.input).length >= 1, 'a BDM-ANSIBLE-UNRESOLVED note');
    assert.deepEqual(errorsOf(c.input), []);
  });
}

test('omit inside a list is kept by remove_omit (only dict entries go): Ansible passes the token on; bdm-lab does not judge the task', () => {
  assert.deepEqual(LABELS['omit-in-list-kept'].args!.volumes, ['<omit>', 'v2']);
  assert.equal(ansibleSources(byId('omit-in-list-kept'))[0]!.body, null);
  assert.match(String(notesOf(byId('omit-in-list-kept'))[0]!.args?.detail), /omit placeholder.*the task is not judged/);
  // a text around the token is not omitted either (Ansible looks the image up by that name)
  assert.equal(LABELS['omit-in-text-kept'].args!.image, 'x<omit>');
  assert.match(String(notesOf(byId('omit-in-text-kept'))[0]!.args?.detail), /bdm-lab reads it as a name/);
  // nor is `{{ omit }}\n`: the image stays next to boot_volume, and the module refuses both
  assert.equal(LABELS['omit-trailing-newline-not-omitted'].args!.image, '<omit>\n');
});

test('an omitted option writes nothing: no body path is placed on its line', () => {
  const text = byId('omit-image-next-to-boot_volume');
  const [d] = ansibleSources(text);
  assert.equal(d!.req.byOption.has('image'), false);
  const line = text.indexOf('image:');
  const server = (d!.body as { server: Record<string, unknown> }).server;
  assert.equal(server.imageRef, '');
  for (const k of Object.keys(server)) {
    for (const part of ['key', 'value', 'whole'] as const) {
      const s = d!.locate(['server', k], part)!;
      assert.ok(s.offset + s.length <= line || s.offset >= text.indexOf('\n', line), `server.${k} (${part}) lands on the omitted image line`);
    }
  }
  // the root volume entry is the boot_volume key's
  assert.equal(at(text, d!.locate(['server', 'block_device_mapping_v2', 0, 'uuid'], 'value')!), 'root-vol');
});

test('default(omit) on a variable the file does not define: the option is dropped, and a note says bdm-lab assumed it undefined', () => {
  const text = byId('omit-boot_volume-default-undefined');
  const a = analyzeDocument(text, 'yaml', defaultContext());
  assert.equal(a.valid, true);
  const notes = notesOf(text);
  assert.equal(notes.length, 1);
  assert.equal(at(text, notes[0]!.span), '"{{ root_vol | default(omit) }}"');
  assert.match(String(notes[0]!.args?.detail), /`root_vol` is not among this file's vars.*the option is left out/);
  // defined in the play: no assumption, no note (and the module refuses image next to boot_volume)
  assert.equal(notesOf(byId('omit-boot_volume-default-defined')).length, 0);
  assert.equal(notesOf(byId('omit-default-play-var')).length, 0);
});

test('module arguments from a variable: the refusals land on the `{{ var }}` text, the arguments written out keep their own keys', () => {
  const text = byId('vars-args-mutually-exclusive');
  const [e] = errorsOf(text);
  assert.equal(e!.code, 'BDM-ANSIBLE-MODULE');
  assert.equal(at(text, e!.span), '{{ sa }}');
  // free form: `name=vm2` is written out (its key), the image comes from the variable
  const kv = byId('vars-args-kv-overrides');
  const [d] = ansibleSources(kv);
  assert.equal((d!.body as { server: { name: string } }).server.name, 'vm2');
  assert.equal(at(kv, d!.locate(['server', 'name'], 'key')!), 'name');
  assert.equal(at(kv, d!.locate(['server', 'imageRef'], 'value')!), '{{ sa }}');
  // `args: "{{ sa }}"`: the args key's value
  const viaArgs = byId('vars-args-in-args-key');
  assert.equal(at(viaArgs, ansibleSources(viaArgs)[0]!.locate(['server', 'key_name'], 'value')!), '"{{ sa }}"');
  // not a dict: ansible-core's words, on the text
  const bad = byId('vars-args-string');
  assert.equal(at(bad, errorsOf(bad)[0]!.span), '{{ sa }}');
});

test('an option a variable gives has no line to remove: no quick fix deletes the module line', () => {
  const text = byId('vars-args-boot_from_volume-and-boot_volume');
  const [d] = ansibleSources(text);
  const [e] = errorsOf(text);
  assert.match(String(e!.args?.detail), /boot_from_volume\|boot_volume/);
  assert.deepEqual(d!.fixes({ code: e!.code, span: e!.span, path: '', entry: null }), []);
  // written out, the same refusal offers the removal
  const own = '- openstack.cloud.server:\n    name: vm1\n    boot_from_volume: true\n    boot_volume: v1\n    flavor: m1.small\n';
  const [o] = ansibleSources(own);
  const [oe] = errorsOf(own);
  assert.equal(o!.fixes({ code: oe!.code, span: oe!.span, path: '', entry: null }).length, 1);
});

test('module arguments from a variable the file does not define: a note, the task not judged (ansible-core: undefined variable)', () => {
  const text = byId('vars-args-undefined');
  assert.equal(LABELS['vars-args-undefined'].stage, 'ansible-args');
  assert.match(String(LABELS['vars-args-undefined'].error), /'sa' is undefined/);
  const [n] = notesOf(text);
  assert.equal(at(text, n!.span), '{{ sa }}');
  assert.match(String(n!.args?.detail), /^the module's arguments are `\{\{ sa \}\}`.*the task is not judged/);
  assert.equal(ansibleSources(text)[0]!.body, null);
});

test('a free-form word that is not k=v and holds no template is still refused as extra params', () => {
  assert.match(String(errorsOf('- os_server: name=vm1 image=c flavor=m1 oops\n')[0]!.args?.detail), /has extra params/);
  // with a template among the words, they are variable arguments (here not a dict)
  assert.match(String(errorsOf(byId('vars-args-text-after'))[0]!.args?.detail), /^invalid or malformed argument: '\{'name': 'vm1'\} oops'$/);
});

test('the Python literal reader agrees with ast.literal_eval (+ Json2Python) wherever it answers', () => {
  // (a dict whose keys are not all strings: the label names its type only)
  const enc = (v: unknown): unknown => (v instanceof PyFloat ? { $float: v.toString() } : Array.isArray(v) ? v.map(enc)
    : v instanceof PyTuple ? { $other: 'tuple' }
    : v && typeof v === 'object' && NON_STR_KEYS.has(v) ? { $other: 'dict' }
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)])) : v);
  const table = JSON.parse(readFileSync(LITERALS_FILE, 'utf8')) as Array<{ text: string; value?: unknown; fail?: true; typeerror?: true }>;
  assert.ok(table.length >= 300);
  let read = 0;
  for (const c of table) {
    const r = pyLiteral(c.text);
    if (r === 'unread') continue;
    read++;
    if (r === 'fail') assert.ok(c.fail, `${JSON.stringify(c.text)}: bdm-lab keeps the text, Python reads ${JSON.stringify(c.value ?? c)}`);
    else assert.deepEqual({ value: enc(r.value) }, { value: c.value }, JSON.stringify(c.text));
  }
  assert.ok(read >= table.length * 0.6, `only ${read} of ${table.length} read`);
  // the common forms are read, not left
  for (const t of ['[1, 2,]', "{'a': [1, {'b': None}]}", '[true, false, null]', 'True', '[1.0, -2.5e3, .5, 1., 1_000, 0, 00]', "['\\n\\t\\x41\\u00e9\\101\\q']"]) {
    assert.notEqual(pyLiteral(t), 'unread', t);
  }
});

test('bounded: variables that fan out (20 uses each, 7 levels) or one big variable used many times stop at bdm-lab\'s limit with a note', { timeout: 60_000 }, () => {
  let vars = '';
  for (let i = 1; i <= 7; i++) vars += `    v${i}: [${Array.from({ length: 20 }, () => `"{{ v${i + 1} }}"`).join(', ')}]\n`;
  const task = (opt: string, v: string) => `- openstack.cloud.server:\n    name: vm1\n    image: c\n    flavor: m\n    ${opt}\n  vars:\n${v}`;
  const [fan] = ansibleSources(task('meta: "{{ v1 }}"', `${vars}    v8: x\n`));
  assert.equal(fan!.body, null);
  assert.match(String(fan!.findings[0]!.args?.detail), /renders to more text than bdm-lab reads: the task is not judged/);
  // the last level alone is small: rendered, and refused by the SDK as Ansible's run would
  assert.equal(ansibleSources(task('meta: "{{ v7 }}"', `${vars}    v8: x\n`))[0]!.findings[0]!.code, 'BDM-ANSIBLE-SDK');
  const big = `    big: [${Array.from({ length: 20_000 }, (_, i) => `v${i}`).join(', ')}]\n`;
  const [rep] = ansibleSources(task(`key_name: "${'{{ big }}'.repeat(500)}"`, big));
  assert.match(String(rep!.findings[0]!.args?.detail), /renders to more text than bdm-lab reads/);
});

test('bounded: a deeply nested literal is not read (no deep recursion), a long one is read in one pass', () => {
  assert.equal(pyLiteral('['.repeat(100_000) + ']'.repeat(100_000)), 'unread');
  const long = `[${Array.from({ length: 200_000 }, (_, i) => `'v${i}'`).join(', ')}]`;
  const r = pyLiteral(long);
  assert.ok(r !== 'fail' && r !== 'unread' && (r.value as unknown[]).length === 200_000);
});
