/**
 * A template that renders a few hundred kilobytes from a short text (a list repeated by `*`)
 * stops at bdm-lab's limit with a note. The fuzzer found a 656-character playbook whose
 * `{{ l * 99999 }}` rendered 1.6 MB and read it back as a Python literal: over a second of CPU
 * on every edit. Nova itself takes no more than 64 KB in any field a task renders (user_data's
 * schema limit), so a text past 256 KB is never one Nova would accept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ansibleSources } from '../../server/src/source/ansible';

const task = (expr: string) => [
  '- hosts: localhost',
  '  gather_facts: false',
  '  vars:',
  '    l: [1, a, [b]]',
  '  tasks:',
  '    - openstack.cloud.server:',
  '        name: vm1',
  '        image: cirros',
  '        flavor: m1.small',
  '        volumes:',
  `          - "${expr}"`,
  '',
].join('\n');

const detail = (text: string) => ansibleSources(text).flatMap((s) => s.findings).map((f) => String(f.args?.detail ?? '')).join('\n');

test('a list repeated past 256 KB of text (about 16 characters per three items) is not rendered: a note says so', () => {
  // 3 items × 20 000 = 60 000 items, about 320 000 characters of Python repr
  assert.match(detail(task('{{ l * 20000 }}')), /renders to more text than bdm-lab reads: the task is not judged/);
  // the same repeated a hundred times less is rendered (and judged as usual)
  assert.doesNotMatch(detail(task('{{ l * 200 }}')), /renders to more text than bdm-lab reads/);
});

test('a task whose templates together pass 1 MB stops there too (each one under the per-template limit)', () => {
  const many = Array.from({ length: 8 }, () => '{{ l * 9000 }}').join('');
  assert.match(detail(task(many)), /renders to more text than bdm-lab reads/);
});
