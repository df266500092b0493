/**
 * hunt28: the module's argument spec and the filters written on its values
 * (scripts/ansible-hunt28-gen.ts). (1) ModuleArgsParser refuses an action argument named
 * `_ansible_...` while it loads the playbook (every task of it stops); the same name given by
 * `args:` reaches the module, which takes only its internal ones (PASS_VARS) and calls any other
 * unsupported. (2) AnsibleModule's _handle_aliases: of two aliases of one option the one listed
 * last in the spec wins, whatever the order they are written in. (3) An option with choices
 * (`state`) whose template bdm-lab cannot render is no name to look up: the task is not judged
 * (it was validated as its template text). (4) `combine` of values that are not all mappings:
 * one value is given back as it is, two fail in merge_hash's words. (5) The magic `vars`:
 * `vars.x` / `vars['x']` is the variable as written, not rendered (VariableManager copies every
 * variable into it; AnsibleJ2Vars hands that dict out as it is), the task's own over the play's.
 * (6) to_json's keywords (indent, separators, sort_keys, ensure_ascii) as json.dumps takes them,
 * and its TypeErrors (positional arguments, an unknown keyword, an indent that is not an int).
 * (7) join(d, attribute): each item's attribute, as Jinja's do_join takes it.
 *
 * Labels: playbooks by scripts/ansible-hunt26-label.py, templates by ansible-core's Templar
 * (test/fixtures/ansible/jinja_label.py). `HUNT28_LABEL=1` runs both on the cases below and checks
 * the labels written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Label } from './ansible-templates';
import { bestGrowth, describeGrowth } from './growth';
import { assertLoadLabels, assertLoadRefusals, assertTemplateLabels, checkTemplates, detail, labelPlaybooks, type LoadCase } from './ansible-hunt-cases';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

const server = (extra: string, head = '- openstack.cloud.server:\n    name: vm\n    image: cirros\n    flavor: m1\n') => `${head}${extra}`;

/** playbooks ansible-core refuses (or runs) while it loads them */
const PLAYBOOKS: LoadCase[] = [
  [server('    _ansible_foo: 1\n'), "invalid parameter specified for action 'openstack.cloud.server': '_ansible_foo'"],
  ['- openstack.cloud.server: name=vm image=cirros flavor=m1 _ansible_foo=1\n', "invalid parameter specified for action 'openstack.cloud.server': '_ansible_foo'"],
  ['- action: openstack.cloud.server name=vm image=cirros _ansible_x=2 flavor=m1\n', "invalid parameter specified for action 'openstack.cloud.server': '_ansible_x'"],
  ['- action:\n    module: os_server\n    name: vm\n    _ansible_y: 1\n', "invalid parameter specified for action 'os_server': '_ansible_y'"],
  [server('    _ansible_x: 1\n    _ansible_a: 2\n'), "invalid parameter specified for action 'openstack.cloud.server': '_ansible_x'"],
  [server('    _ansible_keep_remote_files: 1\n  args:\n    _ansible_foo: 1\n'), "invalid parameter specified for action 'openstack.cloud.server': '_ansible_keep_remote_files'"],
  // another task's argument stops the whole playbook
  ['- hosts: localhost\n  tasks:\n    - debug:\n        msg: hi\n        _ansible_z: 1\n    - openstack.cloud.server:\n        name: vm\n        image: cirros\n        flavor: m1\n', "invalid parameter specified for action 'debug': '_ansible_z'"],
  // a free-form action may take one
  ['- hosts: localhost\n  tasks:\n    - command: echo _ansible_z=1\n    - openstack.cloud.server:\n        name: vm\n        image: cirros\n        flavor: m1\n', null],
];

/** [task, the stage and error the oracle labels it with (null error: sent)] */
const TASKS: Array<[string, string | null]> = [
  // of auto_ip's aliases, public_ip (listed last) wins
  [server('    public_ip: maybe\n    auto_floating_ip: true\n'), "argument 'auto_ip' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean.  Valid booleans include: "],
  [server('    public_ip: true\n    auto_floating_ip: maybe\n'), null],
  [server('    auto_floating_ip: maybe\n    public_ip: true\n'), null],
  // by `args:` the name reaches the module: unsupported (a PASS_VARS one is not: the action plugin sets it)
  [server('  args:\n    _ansible_foo: 1\n'), 'Unsupported parameters for (openstack.cloud.server) module: _ansible_foo. Supported parameters include: '],
  [server('    _Ansible_x: 1\n'), 'Unsupported parameters for (openstack.cloud.server) module: _Ansible_x. Supported parameters include: '],
];

const V = "m: {a: 1}\ne: {b: 2}\nl: [1]\ns: x\nsl: 'a=b'\nnum: 5\nf: 1.5\nt: true\nu8: 'é'\nll: [[1], {c: 3}]";
const COMBINE: Array<[string, Label]> = [
  ['{{ m | combine(l) }}', { error: "failed to combine variables, expected dicts but got a 'dict' and a 'int': \n{\"a\": 1}\n1" }],
  ['{{ m | combine(s) }}', { error: "failed to combine variables, expected dicts but got a 'dict' and a 'AnsibleUnicode': \n{\"a\": 1}\n\"x\"" }],
  ['{{ sl | combine(e) }}', { error: "failed to combine variables, expected dicts but got a 'AnsibleUnicode' and a 'dict': \n\"a=b\"\n{\"b\": 2}" }],
  ['{{ l | combine }}', { v: '1' }],
  ['{{ s | combine }}', { v: 'x' }],
  ['{{ [m, s] | combine }}', { error: "failed to combine variables, expected dicts but got a 'dict' and a 'AnsibleUnicode': \n{\"a\": 1}\n\"x\"" }],
  ['{{ num | combine(e) }}', { error: "failed to combine variables, expected dicts but got a 'int' and a 'dict': \n5\n{\"b\": 2}" }],
  ['{{ m | combine(f, t) }}', { error: "failed to combine variables, expected dicts but got a 'float' and a 'bool': \n1.5\ntrue" }],
  ["{{ m | combine('x') }}", { error: "failed to combine variables, expected dicts but got a 'dict' and a 'str': \n{\"a\": 1}\n\"x\"" }],
  ['{{ m | combine(u8) }}', { error: "failed to combine variables, expected dicts but got a 'dict' and a 'AnsibleUnicode': \n{\"a\": 1}\n\"\\u00e9\"" }],
  ['{{ ll | combine }}', { error: "failed to combine variables, expected dicts but got a 'list' and a 'dict': \n[1]\n{\"c\": 3}" }],
  ['{{ m | combine(s, recursive=true) }}', { error: "failed to combine variables, expected dicts but got a 'dict' and a 'AnsibleUnicode': \n{\"a\": 1}\n\"x\"" }],
  ["{{ m | combine(s, list_merge='bad') }}", { error: "merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'" }],
  ['{{ [l] | combine(e) }}', { error: "failed to combine variables, expected dicts but got a 'list' and a 'dict': \n[1]\n{\"b\": 2}" }],
  ['{{ m | combine(s | string) }}', { error: "failed to combine variables, expected dicts but got a 'dict' and a 'NativeJinjaText': \n{\"a\": 1}\n\"x\"" }],
];

const V3 = "m: {b: 1, a: [1, {c: '\u00e9'}], z: {}}\nl: [1, [], 'x']\nul: \"\u00e9\\u0001\\u007f\\t\"\ns: x\nn: null\nk: {2: a, 1: b}";
/** to_json's keywords as json.dumps takes them (indent, separators, sort_keys, ensure_ascii) and Python's TypeErrors */
const TO_JSON: Array<[string, Label]> = [
  ["{{ m | to_json }}", {"v": "{\"b\": 1, \"a\": [1, {\"c\": \"\\u00e9\"}], \"z\": {}}"}],
  ["{{ m | to_json(indent=2) }}", {"v": "{\n  \"b\": 1,\n  \"a\": [\n    1,\n    {\n      \"c\": \"\\u00e9\"\n    }\n  ],\n  \"z\": {}\n}"}],
  ["{{ m | to_json(indent=0) }}", {"v": "{\n\"b\": 1,\n\"a\": [\n1,\n{\n\"c\": \"\\u00e9\"\n}\n],\n\"z\": {}\n}"}],
  ["{{ m | to_json(indent=-1) }}", {"v": "{\n\"b\": 1,\n\"a\": [\n1,\n{\n\"c\": \"\\u00e9\"\n}\n],\n\"z\": {}\n}"}],
  ["{{ m | to_json(indent='\\t') }}", {"v": "{\n\\t\"b\": 1,\n\\t\"a\": [\n\\t\\t1,\n\\t\\t{\n\\t\\t\\t\"c\": \"\\u00e9\"\n\\t\\t}\n\\t],\n\\t\"z\": {}\n}"}],
  ["{{ m | to_json(indent=true) }}", {"v": "{\n \"b\": 1,\n \"a\": [\n  1,\n  {\n   \"c\": \"\\u00e9\"\n  }\n ],\n \"z\": {}\n}"}],
  ["{{ m | to_json(indent=none) }}", {"v": "{\"b\": 1, \"a\": [1, {\"c\": \"\\u00e9\"}], \"z\": {}}"}],
  ["{{ m | to_json(sort_keys=true) }}", {"v": "{\"a\": [1, {\"c\": \"\\u00e9\"}], \"b\": 1, \"z\": {}}"}],
  ["{{ m | to_json(sort_keys=1, indent=1) }}", {"v": "{\n \"a\": [\n  1,\n  {\n   \"c\": \"\\u00e9\"\n  }\n ],\n \"b\": 1,\n \"z\": {}\n}"}],
  ["{{ m | to_json(separators=(',', ':')) }}", {"v": "{\"b\":1,\"a\":[1,{\"c\":\"\\u00e9\"}],\"z\":{}}"}],
  ["{{ m | to_json(separators=[';', '=']) }}", {"v": "{\"b\"=1;\"a\"=[1;{\"c\"=\"\\u00e9\"}];\"z\"={}}"}],
  ["{{ m | to_json(indent=2, separators=(', ', ': ')) }}", {"v": "{\n  \"b\": 1, \n  \"a\": [\n    1, \n    {\n      \"c\": \"\\u00e9\"\n    }\n  ], \n  \"z\": {}\n}"}],
  ["{{ ul | to_json(ensure_ascii=false) }}", {"v": "\"é\\u0001\\t\""}],
  ["{{ m | to_json(ensure_ascii=false) }}", {"v": "{\"b\": 1, \"a\": [1, {\"c\": \"é\"}], \"z\": {}}"}],
  ["{{ l | to_json(indent=3) }}", {"v": "[\n   1,\n   [],\n   \"x\"\n]"}],
  ["{{ s | to_json(indent=4) }}", {"v": "\"x\""}],
  ["{{ [] | to_json(indent=4) }}", {"v": "[]"}],
  ["{{ {} | to_json(indent=4) }}", {"v": "{}"}],
  ["{{ m | to_json(indent=2) | from_json }}", {"v": {"dict": [["b", {"int": "1"}], ["a", [{"int": "1"}, {"dict": [["c", "é"]]}]], ["z", {"dict": []}]]}}],
  ["{{ k | to_json(sort_keys=true) }}", {"v": "{\"1\": \"b\", \"2\": \"a\"}"}],
  ["{{ k | to_json }}", {"v": "{\"2\": \"a\", \"1\": \"b\"}"}],
  ["{{ m | to_json(2) }}", {"error": "Unexpected templating type error occurred on ({{ m | to_json(2) }}): dumps() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given. dumps() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given"}],
  ["{{ m | to_json(foo=1) }}", {"error": "Unexpected templating type error occurred on ({{ m | to_json(foo=1) }}): JSONEncoder.__init__() got an unexpected keyword argument 'foo'. JSONEncoder.__init__() got an unexpected keyword argument 'foo'"}],
  ["{{ m | ansible.builtin.to_json(indent=1) }}", {"v": {"dict": [["b", {"int": "1"}], ["a", [{"int": "1"}, {"dict": [["c", "é"]]}]], ["z", {"dict": []}]]}}],
  ["{{ (m | to_json(indent=2)) | length }}", {"v": "76"}],
  ["{{ m | to_json(indent=2.5) }}", {"error": "Unexpected templating type error occurred on ({{ m | to_json(indent=2.5) }}): can't multiply sequence by non-int of type 'float'. can't multiply sequence by non-int of type 'float'"}],
  ["{{ l | to_json(indent=1.5) }}", {"error": "Unexpected templating type error occurred on ({{ l | to_json(indent=1.5) }}): can't multiply sequence by non-int of type 'float'. can't multiply sequence by non-int of type 'float'"}],
  ["{{ s | to_json(indent=1.5) }}", {"v": "\"x\""}],
  ["{{ {'b': 1, 'B': 2, 'a': 3} | to_json(sort_keys=true) }}", {"v": "{\"B\": 2, \"a\": 3, \"b\": 1}"}],
  ["{{ ul | to_json }}", {"v": "\"\\u00e9\\u0001\\u007f\\t\""}],
  ["{{ [m, l] | to_json(indent=1, sort_keys=true) }}", {"v": "[\n {\n  \"a\": [\n   1,\n   {\n    \"c\": \"\\u00e9\"\n   }\n  ],\n  \"b\": 1,\n  \"z\": {}\n },\n [\n  1,\n  [],\n  \"x\"\n ]\n]"}],
  ["{{ [] | to_json(indent=1.5) }}", {"error": "Unexpected templating type error occurred on ({{ [] | to_json(indent=1.5) }}): can't multiply sequence by non-int of type 'float'. can't multiply sequence by non-int of type 'float'"}],
  ["{{ 5 | to_json(indent=1.5) }}", {"error": "Unexpected templating type error occurred on ({{ 5 | to_json(indent=1.5) }}): can't multiply sequence by non-int of type 'float'. can't multiply sequence by non-int of type 'float'"}],
  ["{{ n | to_json(indent=[1]) }}", {"error": "Unexpected templating type error occurred on ({{ n | to_json(indent=[1]) }}): can't multiply sequence by non-int of type 'list'. can't multiply sequence by non-int of type 'list'"}],
  ["{{ m | to_json(indent=1, foo=2) }}", {"error": "Unexpected templating type error occurred on ({{ m | to_json(indent=1, foo=2) }}): JSONEncoder.__init__() got an unexpected keyword argument 'foo'. JSONEncoder.__init__() got an unexpected keyword argument 'foo'"}],
  ["{{ m | to_json(1, indent=2) }}", {"error": "Unexpected templating type error occurred on ({{ m | to_json(1, indent=2) }}): dumps() takes 1 positional argument but 2 positional arguments (and 2 keyword-only arguments) were given. dumps() takes 1 positional argument but 2 positional arguments (and 2 keyword-only arguments) were given"}],
  ["{{ m | to_json(1, 2, sort_keys=true, foo=1) }}", {"error": "Unexpected templating type error occurred on ({{ m | to_json(1, 2, sort_keys=true, foo=1) }}): dumps() takes 1 positional argument but 3 positional arguments (and 2 keyword-only arguments) were given. dumps() takes 1 positional argument but 3 positional arguments (and 2 keyword-only arguments) were given"}],
  ["{{ {1.5: 1, 1: 2, true: 3} | to_json(sort_keys=true) }}", {"v": "{\"1\": 3, \"1.5\": 1}"}],
];

const V5 = "m: {a: 1, b: {c: x}}\ne: {b: 2}\nl: [a, b]\nd: [{n: v1, s: 1}, {n: v2, s: 2}]\nll: [[1, 2], [3, 4]]";
/** join(d, attribute): each item's attribute (make_attrgetter: dotted, digits as indexes), an undefined one failing in its words */
const JOIN: Array<[string, Label]> = [
  ["{{ l | join(attribute='x') }}", {"error": "The task includes an option with an undefined variable. The error was: 'ansible.parsing.yaml.objects.AnsibleUnicode object' has no attribute 'x'. 'ansible.parsing.yaml.objects.AnsibleUnicode object' has no attribute 'x'"}],
  ["{{ [m, e] | join(',', attribute='a') }}", {"error": "The task includes an option with an undefined variable. The error was: 'dict object' has no attribute 'a'. 'dict object' has no attribute 'a'"}],
  ["{{ d | join(',', attribute='n') }}", {"v": "v1,v2"}],
  ["{{ d | map(attribute='n') | join(',') }}", {"v": "v1,v2"}],
  ["{{ d | join(attribute='s') }}", {"v": "12"}],
  ["{{ ll | join('-', attribute=0) }}", {"v": "1-3"}],
  ["{{ ll | join('-', attribute='1') }}", {"v": "2-4"}],
  ["{{ [m] | join(',', attribute='b.c') }}", {"v": "x"}],
  ["{{ d | join(',', attribute='zz') }}", {"error": "The task includes an option with an undefined variable. The error was: 'dict object' has no attribute 'zz'. 'dict object' has no attribute 'zz'"}],
  ["{{ d | join(attribute=none) }}", {"v": "{'n': 'v1', 's': 1}{'n': 'v2', 's': 2}"}],
  ["{{ 'ab' | join('.', attribute='x') }}", {"error": "The task includes an option with an undefined variable. The error was: 'str object' has no attribute 'x'. 'str object' has no attribute 'x'"}],
  ["{{ d | join(',', 'n') }}", {"v": "v1,v2"}],
];

const play = (vars: string, args: string, extra = '') => `- hosts: localhost\n  vars:\n${vars.replace(/^/gm, '    ')}\n  tasks:\n    - openstack.cloud.server:\n        name: a\n        image: cirros\n        flavor: m1\n${args.replace(/^/gm, '        ')}\n${extra}`;
type Want = { error: string } | { skipped: true } | { name?: string; size?: string; meta?: Record<string, unknown>; flavor?: string };
/** [playbook, what the oracle labels (scripts/ansible-hunt26-label.py)] */
const MAGIC_VARS: Array<[string, Want]> = [
  [play("base: 5\nsz: '{{ base }}'", "boot_from_volume: true\nvolume_size: '{{ vars.sz }}'"), { error: "argument 'volume_size' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int" }],
  [play("base: 5\nsz: '{{ base }}'", "boot_from_volume: true\nvolume_size: '{{ vars.sz | int + 1 }}'"), { size: '1' }],
  [play('env: prod\nflavor_prod: m1.large', "name: x\nflavor: \"{{ vars['flavor_' + env] }}\""), { flavor: 'm1.large' }],
  [play('sz: 10', "boot_from_volume: true\nvolume_size: \"{{ vars['nope'] | default(3) }}\""), { size: '3' }],
  [play("l: [1, '{{ base }}']\nbase: 5", "name: '{{ vars.l }}'"), { name: "[1, '{{ base }}']" }],
  [play('sz: 10', "boot_from_volume: true\nvolume_size: '{{ vars.sz }}'", '      vars:\n        sz: 12\n'), { size: '12' }],
  [play("m: {a: '{{ x }}', b: [1, 'y']}\nx: 1", "name: '{{ vars.m }}'"), { name: "{'a': '{{ x }}', 'b': [1, 'y']}" }],
  [play("m: {a: '{{ x }}', b: 'y'}\nx: 1", "name: \"{{ vars['m']['a'] }}\"\nmeta: '{{ vars.m | combine({\"c\": 1}) }}'"), { name: '{{ x }}', meta: { a: '{{ x }}', b: 'y', c: 1 } }],
  [play('items: z', "name: \"{{ vars['items'] }}\""), { name: 'z' }],
  [play("b: 'yes'\nn: 7", "name: \"{{ vars.b | bool }}\"\nboot_from_volume: '{{ vars.b }}'\nvolume_size: '{{ vars.n }}'"), { name: 'True', size: '7' }],
  [play("n: '{{ 3 }}'", "name: \"{{ vars.n + 1 }}\""), { error: 'Unexpected templating type error occurred on ({{ vars.n + 1 }}): can only concatenate str (not "int") to str. can only concatenate str (not "int") to str' }],
  [play('n: 3', '', '      when: vars.n > 2\n'), { name: 'a' }],
  [play("n: '{{ 1 }}'", '', '      when: vars.n | int > 2\n'), { skipped: true }],
  // dict.get on it
  [play('sz: 10', "boot_from_volume: true\nvolume_size: \"{{ vars.get('sz', 5) }}\""), { size: '10' }],
  [play('sz: 10', "boot_from_volume: true\nvolume_size: \"{{ vars.get('nope', 5) }}\""), { size: '5' }],
  [play("base: 4\nsz: '{{ base }}'", "name: \"{{ vars.get('sz') }}\""), { name: '{{ base }}' }],
  [play('x: 1', "name: \"{{ vars.get('nope') }}\""), { name: '' }],
  [play('x: 1', "name: \"{{ vars.get() }}\""), { error: 'Unexpected templating type error occurred on ({{ vars.get() }}): get expected at least 1 argument, got 0. get expected at least 1 argument, got 0' }],
  [play('x: 1', "name: \"{{ vars.get('a', 1, 2) }}\""), { error: "Unexpected templating type error occurred on ({{ vars.get('a', 1, 2) }}): get expected at most 2 arguments, got 3. get expected at most 2 arguments, got 3" }],
  [play("go: 'yes'", '', "      when: vars.get('go', 'no') | bool\n"), { name: 'a' }],
];

test('an action argument named _ansible_... refuses the playbook at load, in ModuleArgsParser\'s words', () => {
  assertLoadRefusals(PLAYBOOKS);
});

test('aliases as _handle_aliases takes them; an _ansible_ name given by args: is unsupported', () => {
  for (const [text, error] of TASKS) {
    const r = readTasks(findTasks(text)[0]!)[0]!;
    if (error === null) { assert.ok(r.request?.body, text); assert.deepEqual(detail(r), [], text); continue; }
    assert.equal(r.request?.body ?? null, null, text);
    const words = detail(r);
    assert.equal(words.length, 1, `${text}: ${words.join(' | ')}`);
    assert.ok(words[0]!.startsWith(error), `${text}: ${words[0]}`);
  }
});

test('a state bdm-lab cannot render is not validated as its template text (the oracle: the task fails on the undefined variable)', () => {
  // labelled: "The task includes an option with an undefined variable. The error was: 'bfv' is undefined"
  const text = "- os_server:\n    state: \"{{ bfv | bool | ternary('present', 'absent') }}\"\n    config_drive: ''\n    image: cirros\n    flavor: m1.small\n    name: vm1\n";
  const r = readTasks(findTasks(text)[0]!)[0]!;
  assert.deepEqual(detail(r), []);
  assert.ok(r.findings.some((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED' && String(f.args?.detail).startsWith('`state` is ')));
  const named = "- openstack.cloud.server:\n    state: '{{ st }}'\n    image: cirros\n    flavor: m1.small\n    name: vm1\n";
  assert.deepEqual(detail(readTasks(findTasks(named)[0]!)[0]!), []);
});

test('combine of values that are not all mappings, as ansible-core 2.14 runs it', () => {
  const { wrong, answered } = checkTemplates(COMBINE, V, []);
  assert.deepEqual(wrong, []);
  assert.equal(answered, COMBINE.length);
});

test('to_json with indent, separators, sort_keys and ensure_ascii, as json.dumps writes them', () => {
  const { wrong, answered } = checkTemplates(TO_JSON, V3, []);
  assert.deepEqual(wrong, []);
  assert.equal(answered, TO_JSON.length);
});

test('join by attribute, as Jinja 3.1 joins under Ansible', () => {
  const { wrong, answered } = checkTemplates(JOIN, V5, []);
  assert.deepEqual(wrong, []);
  assert.equal(answered, JOIN.length);
});

test('vars.x, vars[\'x\'] and vars.get(\'x\') are the variable as written (the magic vars dict), not rendered', () => {
  for (const [text, want] of MAGIC_VARS) {
    const rs = readTasks(findTasks(text)[0]!);
    if ('skipped' in want) { assert.deepEqual(rs, [], text); continue; }
    const r = rs[0]!;
    if ('error' in want) { assert.deepEqual(detail(r), [want.error], text); continue; }
    assert.deepEqual(detail(r), [], text);
    const body = r.request?.body?.server as Record<string, unknown> | undefined;
    assert.ok(body, text);
    if (want.name !== undefined) assert.equal(body.name, want.name, text);
    if (want.size !== undefined) assert.equal((body.block_device_mapping_v2 as Array<Record<string, unknown>>)[0]!.volume_size, want.size, text);
    if (want.meta !== undefined) assert.deepEqual(body.metadata, want.meta, text);
    if (want.flavor !== undefined) assert.deepEqual(r.request!.resolved.filter((x) => x.kind === 'flavor').map((x) => x.name), [want.flavor], text);
  }
});

test('the _ansible_ check, the combine error and an indented to_json stay linear on long inputs', { timeout: 60_000 }, () => {
  // time at 2n over time at n, interleaved, repeated to samples of ~10 ms (test/unit/growth.ts)
  const ff = (n: number) => `- openstack.cloud.server: name=vm ${'a=1 '.repeat(n)}_ansible_x=1\n`;
  const run = (text: string) => findTasks(text).map((t) => readTasks(t));
  assert.match(detail(run(ff(10))[0]![0]!)[0]!, /^invalid parameter specified/);
  const g1 = bestGrowth(ff, run, 2000, 3);
  assert.ok(g1.ratio < 3, describeGrowth('free-form words', 2000, g1));
  const big = (n: number) => `- openstack.cloud.server:\n    name: vm\n    image: cirros\n    flavor: m1\n    meta: "{{ {'a': 1} | combine([${'[1], '.repeat(n)}1]) }}"\n`;
  assert.match(detail(run(big(10))[0]![0]!)[0]!, /^failed to combine variables/);
  const g2 = bestGrowth(big, run, 1000, 3);
  assert.ok(g2.ratio < 3, describeGrowth('combine of lists', 1000, g2));
  // an indented to_json of a long list, read through vars
  const wide = (n: number) => `- openstack.cloud.server:\n    name: "{{ vars.x | to_json(indent=8, sort_keys=true) | length }}"\n    image: cirros\n    flavor: m1\n  vars:\n    x: [${'{b: 1, a: [2]}, '.repeat(n)}1]\n`;
  assert.ok(run(wide(10))[0]![0]!.request?.body, 'answered');
  const g3 = bestGrowth(wide, run, 1000, 3);
  assert.ok(g3.ratio < 3, describeGrowth('indented to_json', 1000, g3));
});

test('the labels above are ansible-core\'s (HUNT28_LABEL=1 runs the labellers)', { skip: process.env.HUNT28_LABEL !== '1' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hunt28-'));
  try {
    assertTemplateLabels(dir, V, COMBINE);
    assertTemplateLabels(dir, V3, TO_JSON);
    assertTemplateLabels(dir, V5, JOIN);
    const lines = labelPlaybooks(dir, [...PLAYBOOKS.map(([text]) => text), ...TASKS.map(([text]) => text), ...MAGIC_VARS.map(([text]) => text)]);
    assertLoadLabels(PLAYBOOKS, lines);
    TASKS.forEach(([, error], i) => {
      const t = lines[PLAYBOOKS.length + i]!.tasks[0]!;
      if (error === null) assert.equal(t.stage, 'sent');
      else assert.ok(String(t.error).startsWith(error), String(t.error));
    });
    MAGIC_VARS.forEach(([, want], i) => {
      const t = lines[PLAYBOOKS.length + TASKS.length + i]!.tasks[0]! as { stage: string; error: string | null; nova_body?: { server: Record<string, unknown> } };
      if ('skipped' in want) { assert.equal(t.stage, 'skipped'); return; }
      if ('error' in want) { assert.equal(t.error, want.error); return; }
      const body = t.nova_body!.server;
      if (want.name !== undefined) assert.equal(body.name, want.name);
      if (want.size !== undefined) assert.equal((body.block_device_mapping_v2 as Array<Record<string, unknown>>)[0]!.volume_size, want.size);
      if (want.meta !== undefined) assert.deepEqual(body.metadata, want.meta);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
