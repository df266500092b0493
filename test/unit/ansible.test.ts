/**
 * The Ansible source (server/src/source/ansible): `openstack.cloud.server` tasks read as
 * ansible-core 2.14, the openstack.cloud collection 1.10.0 and openstacksdk 0.101.0 read them.
 * The cases (test/fixtures/ansible/cases.json: hand-written ones and scripts/ansible-gen.ts's) are
 * labelled by their own code (shared/tools/ansible-oracle) and the bodies it sends by Nova's
 * (shared/tools/nova-oracle), stored in test/fixtures/ansible/oracle.json;
 * `node --import tsx test/unit/ansible.test.ts --label` rewrites it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ansibleSources, findTasks, mentionsServerTask, negotiate } from '../../server/src/source/ansible';
import { readTask } from '../../server/src/source/ansible/index';
import { compareAnsible, type AnsibleLabel } from '../fixtures/ansible/compare';
import { analyzeDocument, languageOf } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { codeActionsOf, hoverOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'ansible');
interface Case { id: string; input: string }
type Label = AnsibleLabel & { nova?: { valid: boolean; http_status: number; message?: string } | null };
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];
const ORACLE_FILE = join(DIR, 'oracle.json');
const labels = () => JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as Record<string, Label>;
const CTX = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };

// `--label`: run ansible-core + the collection + openstacksdk (ansible-oracle) on every case, and Nova (nova-oracle) on the bodies sent.
if (process.argv.includes('--label')) {
  const shared = join(ROOT, '..', 'shared', 'tools');
  const lines = execFileSync('/usr/bin/python3', [join(shared, 'ansible-oracle', 'ansible_oracle.py'), '--batch', join(DIR, 'cases.json')], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, maxBuffer: 1 << 26 });
  const out: Record<string, Label> = {};
  for (const l of lines.split('\n').filter((x) => x.startsWith('{'))) {
    const r = JSON.parse(l) as Label & { id: string };
    out[r.id] = { stage: r.stage, error: r.error, nova_body: r.nova_body, microversion: r.microversion, nova: null };
  }
  const tmp = '/tmp/bdm-lab-ansible-nova-cases.json';
  const sent = Object.entries(out).filter(([, v]) => v.stage === 'sent');
  writeFileSync(tmp, JSON.stringify(sent.map(([id, v]) => ({ id, payload: v.nova_body, context: { flavor: CTX.flavor, microversion: v.microversion } }))));
  const nova = execFileSync('/usr/bin/python3', [join(shared, 'nova-oracle', 'oracle.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const line of nova.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    out[r.id].nova = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
  }
  writeFileSync(ORACLE_FILE, JSON.stringify(out, null, 1) + '\n');
}

test('at least 60 oracle-labelled tasks, with every stage the module answers at among them', () => {
  const l = labels();
  assert.ok(CASES.length >= 60);
  for (const c of CASES) assert.ok(l[c.id], `${c.id}: no oracle label; run with --label`);
  const stages = new Set(CASES.map((c) => l[c.id].stage));
  for (const s of ['sent', 'ansible-module', 'module', 'sdk', 'ansible-args']) assert.ok(stages.has(s), `no case where Ansible answers at ${s}`);
  assert.ok(CASES.some((c) => l[c.id].nova && !l[c.id].nova!.valid), 'a body Nova refuses');
});

for (const c of CASES) {
  test(`openstack.cloud.server on ${c.id}: the refusal or the body and microversion, as Ansible's and openstacksdk's code say`, () => {
    const label = labels()[c.id];
    assert.deepEqual(compareAnsible(c.input, label), []);
    const a = analyzeDocument(c.input, 'yaml', CTX);
    if (label.stage !== 'sent') {
      if (/without POST/.test(label.error ?? '')) return assert.equal(a.requests?.length, 0);
      assert.equal(a.valid, false);
      assert.match(a.verdict!.code, /^BDM-ANSIBLE-/);
      assert.equal(a.verdict!.httpStatus, 0);
      assert.equal(a.requests![0].body, null);
    } else if (label.nova) {
      assert.equal(a.valid, label.nova.valid, `Nova says ${label.nova.valid ? 'valid' : `${label.nova.http_status} ${label.nova.message}`}; bdm-lab: ${a.verdict?.code} ${a.verdict?.message}`);
      if (!label.nova.valid) assert.equal(a.verdict!.message, label.nova.message);
      assert.equal(a.requests![0].tool, 'ansible');
      assert.equal(a.requests![0].microversion, label.microversion);
    }
  });
}

test('mentions: Ansible server tasks only, never a Heat template or other YAML', () => {
  assert.ok(mentionsServerTask('- openstack.cloud.server:\n    name: a\n'));
  assert.ok(mentionsServerTask('- os_server: name=a image=b flavor=c\n'));
  assert.ok(mentionsServerTask('tasks:\n  - openstack.cloud.os_server:\n'));
  assert.ok(!mentionsServerTask('heat_template_version: 2021-04-16\nresources:\n  server:\n    type: OS::Nova::Server\n'));
  assert.ok(!mentionsServerTask('services:\n  server:\n    image: nginx\n'));
  assert.ok(!mentionsServerTask('- name: x\n  openstack.cloud.volume:\n    size: 1\n'));
  const heat = 'heat_template_version: 2021-04-16\nresources:\n  vm:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n';
  // the Heat source reads it; the Ansible source never does
  assert.deepEqual(analyzeDocument(heat, languageOf('stack.yaml', heat), defaultContext()).requests?.map((r) => r.tool), ['heat']);
});

test('a playbook: plays, block/rescue/always nesting, `server` under `collections:`, state absent skipped', () => {
  const text = [
    '- hosts: localhost',
    '  collections: [openstack.cloud]',
    '  tasks:',
    '    - block:',
    '        - server: {name: a, image: cirros, flavor: m1}',
    '      rescue:',
    '        - os_server: name=b image=cirros flavor=m1',
    '      always:',
    '        - openstack.cloud.server: {name: c, state: absent}',
    '    - debug: msg=hi',
    '  post_tasks:',
    '    - openstack.cloud.server: {name: d, boot_volume: bv, flavor: m1}',
    '',
  ].join('\n');
  assert.equal(findTasks(text).length, 4);
  const docs = ansibleSources(text);
  assert.deepEqual(docs.map((d) => (d.body as { server: { name: string } }).server.name), ['a', 'b', 'd']);
  // without `collections:` a bare `server:` key is not the OpenStack module
  assert.equal(findTasks('- server: {name: a}\n').length, 0);
});

test('{{ }} from the play, the block and the task vars (innermost wins); anything else is a note, never guessed', () => {
  const text = [
    '- hosts: all',
    '  vars: {size: 10, img: cirros, bfv: true}',
    '  tasks:',
    '    - block:',
    '        - openstack.cloud.server:',
    '            name: "vm-{{ idx }}"',
    '            image: "{{ img }}"',
    '            flavor: "{{ flavor_from_inventory }}"',
    '            boot_from_volume: "{{ bfv }}"',
    '            volume_size: "{{ size }}"',
    '          vars: {idx: 2}',
    '      vars: {size: 30}',
    '',
  ].join('\n');
  const [d] = ansibleSources(text);
  const s = (d.body as { server: Record<string, unknown> }).server;
  assert.equal(s.name, 'vm-2');
  assert.equal((s.block_device_mapping_v2 as Array<Record<string, unknown>>)[0].volume_size, '30');
  const notes = d.findings.filter((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED');
  assert.equal(notes.length, 1);
  assert.equal(text.slice(notes[0].span.offset, notes[0].span.offset + notes[0].span.length), '"{{ flavor_from_inventory }}"');
  // an unresolved size: no body is guessed, the note says why
  const [u] = ansibleSources('- openstack.cloud.server:\n    name: a\n    image: c\n    flavor: m\n    boot_from_volume: true\n    volume_size: "{{ sz | int }}"\n');
  assert.equal(u.body, null);
  assert.match(String(u.findings[0].args?.detail), /the task is not judged/);
});

test('a loop bdm-lab cannot expand (a lookup it does not run): one request and a note on the loop key', () => {
  const text = '- openstack.cloud.server:\n    name: "{{ item }}"\n    image: c\n    flavor: m\n  with_fileglob: "*.txt"\n';
  const [d, more] = ansibleSources(text);
  assert.equal(more, undefined);
  const loop = d.findings.find((f) => f.code === 'BDM-ANSIBLE-LOOP')!;
  assert.equal(text.slice(loop.span.offset, loop.span.offset + loop.span.length), 'with_fileglob');
  assert.ok(d.body);
});

test('diagnostics land on the task key: the module\'s refusal on boot_from_volume, a type error on the value, Nova\'s rule on volume_size', () => {
  const text = [
    '- name: one',
    '  openstack.cloud.server:',
    '    name: a',
    '    image: cirros',
    '    flavor: m1',
    '    boot_from_volume: true',
    '- name: two',
    '  openstack.cloud.server:',
    '    name: b',
    '    image: cirros',
    '    flavor: m1',
    '    volume_size: lots',
    '- name: three',
    '  openstack.cloud.server:',
    '    name: c',
    '    image: cirros',
    '    flavor: m1',
    '    boot_from_volume: true',
    '    volume_size: -5',
    '',
  ].join('\n');
  const a = analyzeDocument(text, languageOf('site.yml', text), CTX);
  const at = (i: number) => { const d = a.diagnostics[i]; return [d.code, text.slice(d.span.offset, d.span.offset + d.span.length)]; };
  assert.equal(a.requests?.length, 3);
  assert.deepEqual(at(0), ['BDM-ANSIBLE-MODULE', 'boot_from_volume']);
  assert.equal(a.diagnostics[0].message.split('\n')[0], 'boot_from_volume is True but all of the following are missing: volume_size');
  assert.deepEqual(at(1), ['BDM-ANSIBLE-MODULE', 'lots']);
  const nova = a.diagnostics.slice(2).find((d) => d.severity === 'error')!;
  assert.ok(nova.code.startsWith('BDM-SCHEMA') || nova.code.startsWith('BDM-'), nova.code);
  assert.equal(text.slice(nova.span.offset, nova.span.offset + nova.span.length).replace(/^volume_size: /, ''), '-5');
  assert.equal(a.requests![2].microversion, '2.73');
  assert.equal(a.requests![0].toolError, 'boot_from_volume is True but all of the following are missing: volume_size');
});

const state = (text: string): DocState => ({ text, analysis: analyzeDocument(text, 'yaml', CTX), context: CTX, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes });

test('quick fix: boot_from_volume without volume_size gets a volume_size line, and the task is then sent', () => {
  const text = '- openstack.cloud.server:\n    name: a\n    image: cirros\n    boot_from_volume: true\n    flavor: m1\n';
  const s = state(text);
  const d = s.analysis.diagnostics[0];
  const [fix] = codeActionsOf(s, [{ code: d.code, offset: d.span.offset }], false);
  assert.match(fix.title, /volume_size/);
  const e = fix.edits[0];
  const fixed = text.slice(0, e.span.offset) + e.newText + text.slice(e.span.offset + e.span.length);
  assert.equal(fixed, '- openstack.cloud.server:\n    name: a\n    image: cirros\n    boot_from_volume: true\n    volume_size: 10\n    flavor: m1\n');
  assert.equal(analyzeDocument(fixed, 'yaml', CTX).valid, true);
  // negative: a task the module accepts has no fix to offer
  assert.deepEqual(codeActionsOf(state(fixed), [], false), []);
});

test('hover on the task: the Nova body openstacksdk posts, with its microversion', () => {
  const text = '- openstack.cloud.server:\n    name: a\n    image: cirros\n    flavor: m1\n    boot_from_volume: true\n    volume_size: 20\n';
  const h = hoverOf(state(text), text.indexOf('name'));
  const md = JSON.stringify(h);
  assert.match(md, /block_device_mapping_v2/);
  assert.match(md, /openstack\.cloud\.server/);
  assert.match(md, /\\"volume_size\\": \\"20\\"|volume_size.{0,8}20/);
});

test('the SDK negotiates the cloud\'s maximum microversion, at most 2.73 (openstacksdk 0.101.0)', () => {
  assert.equal(negotiate('2.96'), '2.73');
  assert.equal(negotiate('2.60'), '2.60');
  assert.equal(ansibleSources('- os_server: name=a image=c flavor=m\n', '2.52')[0].microversion, '2.52');
});

test('hostile YAML: a billion-laughs alias tree and a deep nesting stay bounded', { timeout: 60_000 }, () => {
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  const text = `- vars:\n${laughs.map((l) => `    ${l}`).join('\n')}\n  openstack.cloud.server:\n    name: a\n    image: c\n    flavor: m\n    volumes: *i\n`;
  // more aliases than a document may expand (an unbounded expansion would hang: the test's watchdog): the document is not read, a finding says so
  assert.deepEqual(ansibleSources(text).map((d) => [d.body, d.findings.map((f) => f.code)]), [[null, ['BDM-LIMIT-TEMPLATE']]]);
  const few = ansibleSources('- vars:\n    a: &a [x, y]\n  openstack.cloud.server:\n    name: a\n    image: c\n    flavor: m\n    volumes: *a\n');
  assert.equal((few[0].body as { server: { block_device_mapping_v2: unknown[] } }).server.block_device_mapping_v2.length, 3);
  let deep = '';
  for (let i = 0; i < 200; i++) deep += `${'  '.repeat(i)}- block:\n`;
  assert.deepEqual(ansibleSources(`${deep}${'  '.repeat(200)}- os_server: name=a image=c flavor=m\n`), []);
});

test('context cloud_max_microversion: an Ansible task is sent at the lower of it and 2.73', () => {
  const text = '- os_server: name=a image=c flavor=m\n';
  assert.equal(analyzeDocument(text, 'yaml', { ...defaultContext(), cloud_max_microversion: '2.60' }).requests![0].microversion, '2.60');
  assert.equal(analyzeDocument(text, 'yaml', defaultContext()).requests![0].microversion, '2.73');
});

/** the rule ids of a YAML text's diagnostics */
const codesOf = (text: string) => analyzeDocument(text, 'yaml', CTX).diagnostics.map((d) => d.code);
const TASK = '- openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor: m1\n';

test('BDM-ANSIBLE-ARGS: a free-form word that is not k=v (ModuleArgsParser refuses the task)', () => {
  assert.deepEqual(codesOf('- os_server: name=vm1 image=c flavor=m1 oops\n'), ['BDM-ANSIBLE-ARGS']);
});
test('BDM-ANSIBLE-ARGS negative: k=v words only', () => {
  assert.ok(!codesOf('- os_server: name=vm1 image=c flavor=m1\n').includes('BDM-ANSIBLE-ARGS'));
});
test('BDM-ANSIBLE-MODULE: an unsupported parameter (block_device_mapping is not a module option)', () => {
  assert.deepEqual(codesOf(`${TASK}    block_device_mapping: []\n`), ['BDM-ANSIBLE-MODULE']);
});
test('BDM-ANSIBLE-MODULE negative: the module\'s own options', () => {
  assert.ok(!codesOf(`${TASK}    volumes: [d1]\n`).includes('BDM-ANSIBLE-MODULE'));
});
test('BDM-ANSIBLE-RUN: neither flavor nor flavor_ram', () => {
  assert.deepEqual(codesOf('- openstack.cloud.server:\n    name: vm1\n    image: cirros\n'), ['BDM-ANSIBLE-RUN']);
});
test('BDM-ANSIBLE-RUN negative: flavor_ram picks a flavor', () => {
  assert.ok(!codesOf('- openstack.cloud.server:\n    name: vm1\n    image: cirros\n    flavor_ram: 2048\n').includes('BDM-ANSIBLE-RUN'));
});
test('BDM-ANSIBLE-SDK: a nic key openstacksdk does not take', () => {
  assert.deepEqual(codesOf(`${TASK}    nics: [{net-name: a, mac: x}]\n`), ['BDM-ANSIBLE-SDK']);
});
test('BDM-ANSIBLE-SDK negative: a nic with a tag', () => {
  assert.ok(!codesOf(`${TASK}    nics: [{net-name: a, tag: t}]\n`).includes('BDM-ANSIBLE-SDK'));
});
test('BDM-ANSIBLE-UNRESOLVED: a variable the file does not define', () => {
  assert.ok(codesOf(`${TASK}    key_name: "{{ key }}"\n`).includes('BDM-ANSIBLE-UNRESOLVED'));
});
test('BDM-ANSIBLE-UNRESOLVED negative: the task\'s own vars', () => {
  assert.ok(!codesOf(`${TASK}    key_name: "{{ key }}"\n  vars: {key: k1}\n`).includes('BDM-ANSIBLE-UNRESOLVED'));
});
test('BDM-ANSIBLE-LOOP: a looped task whose items send the same body (judged once, noted)', () => {
  assert.ok(codesOf(`${TASK}  with_items: [1, 2]\n`).includes('BDM-ANSIBLE-LOOP'));
});
test('BDM-ANSIBLE-LOOP negative: no loop', () => {
  assert.ok(!codesOf(TASK).includes('BDM-ANSIBLE-LOOP'));
});

test('a YAML date in the task\'s vars read through a template renders as Ansible renders it; written as an argument it is its isoformat() text', () => {
  const t = '- openstack.cloud.server:\n    name: "{{ when }}"\n    image: cirros\n    flavor: m1.small\n    volume_size: "{{ d | int }}"\n    boot_from_volume: true\n  vars:\n    when: 2024-01-15\n    d: 2024-01-15\n';
  const r = readTask(findTasks(t)[0]!)!;
  assert.deepEqual(r.findings.filter((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED'), []);
  // the ansible-oracle: the name is str() of the date; `int` of a date is 0, the module drops the
  // size and openstacksdk sends its default volume size, "50"
  const server = (r.request!.body as { server: { name: string; block_device_mapping_v2: Array<{ volume_size: string }> } }).server;
  assert.equal(server.name, '2024-01-15');
  assert.equal(server.block_device_mapping_v2[0]!.volume_size, '50');
  // a datetime written as an argument: Ansible's JSON encoder sends its isoformat(), with the offset as written
  const args = findTasks('- openstack.cloud.server:\n    name: 2001-12-14 21:59:43.10 -5\n    meta: {at: 2001-12-14t02:03:04Z}\n')[0]!.args;
  assert.equal(args.find((a) => a.name === 'name')!.value, '2001-12-14T21:59:43.100000-05:00');
  assert.deepEqual(args.find((a) => a.name === 'meta')!.value, { at: '2001-12-14T02:03:04+00:00' });
});

test('a value PyYAML cannot construct (a date that does not exist, `0x_`, a merge of a scalar) loads no document: no task is read from it', () => {
  const task = (v: string) => `- openstack.cloud.server:\n    name: vm\n    image: cirros\n    flavor: m1.small\n    volume_size: ${v}\n`;
  assert.equal(findTasks(task('20')).length, 1);
  for (const bad of ['2023-02-29', '0x_', '!!float abc']) assert.equal(findTasks(task(bad)).length, 0, bad);
  assert.equal(findTasks('- openstack.cloud.server:\n    <<: 5\n    name: vm\n').length, 0);
});

test('an explicit YAML tag PyYAML\'s constructor refuses (!!int, !!bool, !!float on other text) loads no document: no task, as Ansible fails to load it', () => {
  // the ansible-oracle's words on each (stage ansible-args): the loader fails before any task runs
  const refused: Array<[string, string]> = [
    ['!!int yes', "ValueError: invalid literal for int() with base 10: 'yes'"],
    ['!!int 1.5', "ValueError: invalid literal for int() with base 10: '1.5'"],
    ['!!int ""', 'IndexError: string index out of range'],
    ['!!bool y', "KeyError: 'y'"],
    ['!!float ""', 'IndexError: string index out of range'],
    ['!!float 0x10', "ValueError: could not convert string to float: '0x10'"],
  ];
  const task = (v: string) => `- openstack.cloud.server:\n    name: vm\n    image: cirros\n    flavor: m1.small\n    boot_from_volume: true\n    volume_size: ${v}\n`;
  for (const [v, words] of refused) assert.deepEqual(findTasks(task(v)), [], `${v}: PyYAML refuses it (${words})`);
  // the same tags on text they read load the task
  for (const v of ['!!int "0o17"', '!!bool "Off"', '!!float " 1e1 "', '!!null x', '!!str 20']) assert.equal(findTasks(task(v)).length, 1, v);
});
