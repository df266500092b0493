/**
 * A `when:` is the test of Ansible's `{% if <condition> %} True {% else %} False {% endif %}`, and
 * Jinja reads an `{% if %}`'s test without a conditional expression at its top (parser.py
 * parse_if: parse_tuple(with_condexpr=False)): `a if b else c` stops at its `if`, whatever the
 * variables, and the task fails; in parentheses it is an expression like any other. Labels: real
 * ansible-core 2.14.18, `Conditional.evaluate_conditional` with these variables (Debian's
 * python3 ansible-core, the ansible-oracle's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { condition } from '../../server/src/source/ansible/template';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const refused = (when: string, got: string) =>
  `The conditional check '${when}' failed. The error was: template error while templating string: expected token 'end of statement block', got '${got}'. String: {% if ${when} %} True {% else %} False {% endif %}. expected token 'end of statement block', got '${got}'`;

const CASES: Array<{ when: string; vars: Record<string, unknown>; result?: boolean; error?: string }> = [
  { when: 'a if b else c', vars: { a: 1, b: true, c: 0 }, error: refused('a if b else c', 'if') },
  { when: '(a if b else c)', vars: { a: 1, b: true, c: 0 }, result: true },
  { when: '(a if not b else c)', vars: { a: 1, b: true, c: 0 }, result: false },
  { when: 'a == 1 if b else c', vars: { a: 1, b: true, c: 0 }, error: refused('a == 1 if b else c', 'if') },
  { when: 'undefined_thing if b else c', vars: { b: true, c: 0 }, error: refused('undefined_thing if b else c', 'if') },
  { when: 'x is defined if true else false', vars: {}, error: refused('x is defined if true else false', 'true') },
];

for (const c of CASES) {
  test(`when: ${c.when} -> ${c.error ? 'the task fails' : c.result}`, () => {
    if (c.error) assert.throws(() => condition(c.when, [c.vars as never]), (e: Error) => e.message === c.error);
    else assert.equal(condition(c.when, [c.vars as never]), c.result);
  });
}

test('a playbook whose server task has such a when: is refused in those words', () => {
  const text = '- hosts: localhost\n  vars:\n    b: true\n  tasks:\n    - openstack.cloud.server:\n        name: vm1\n        image: cirros\n        flavor: m1\n      when: b if b else false\n';
  const a = analyzeDocument(text, 'yaml', defaultContext());
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['BDM-ANSIBLE-ARGS']);
  assert.ok(a.diagnostics[0].message.startsWith(refused('b if b else false', 'if')), a.diagnostics[0].message);
});
