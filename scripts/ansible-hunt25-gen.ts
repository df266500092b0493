/**
 * hunt25: looped `openstack.cloud.server` tasks (ansible-hunt24-gen.ts's tasks, now with loops):
 * `loop:` over a list literal, a var, a filter result (`dict2items`, `selectattr`, `range`), or a
 * value that is not a list; `range()` with its refusals; two loop keys in one task; `with_items` (nested lists, a text, a dict), `with_list`, `with_dict`,
 * `with_indexed_items`, `with_sequence`, `with_nested`; `loop_control` (`loop_var`, `index_var`,
 * `extended`); `when:` tested per item; arguments templated from the item, the index and
 * `ansible_loop`.
 * Usage: node --import tsx scripts/ansible-hunt25-gen.ts N SEED > cases.json, then
 * /usr/bin/python3 scripts/ansible-hunt25-label.py cases.json > labels.jsonl and
 * node --import tsx scripts/ansible-hunt25-diff.ts cases.json labels.jsonl
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 40);
const r = rng(Number(process.argv[3] ?? 25));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = (p: number) => r() < p;

function vars(): string[] {
  return [
    `env: ${pick(['prod', 'dev', '""'])}`,
    `servers: ${pick(['[{name: web1, size: 10}, {name: web2, size: 20}]', '[web1, web2]', '[]', '[{name: db, size: "x"}, {name: db2, size: 0}]', '[{name: a, size: 5, bfv: false}, {name: b, size: 30, bfv: true}]'])}`,
    `vols: ${pick(['[data1, data2]', '[data1]', '[]', '[[d1, d2], d3]', 'data1'])}`,
    `cfg: ${pick(['{web: {size: 10}, db: {size: 40}}', '{a: 10, b: 20}', '{}', '{one: {size: "7"}}'])}`,
    `sizes: ${pick(['[10, 20, 30]', '[1, "x"]', '["5", 5.0]', '[0]'])}`,
    `n: ${pick(['2', '3', '0', '"2"', '1.5', 'null', 'true', '-1'])}`,
  ];
}

const LOOPS: Array<{ text: string; kind: 'dict' | 'name' | 'pair' | 'any' }> = [
  { text: 'loop:\n    - {name: a1, size: 10}\n    - {name: a2, size: 20}', kind: 'dict' },
  { text: 'loop:\n    - {name: a1, size: 10}\n    - {name: a2, size: 10}\n    - {name: a3, size: 0}', kind: 'dict' },
  { text: 'loop: [web1, web2, web3]', kind: 'name' },
  { text: 'loop: "{{ servers }}"', kind: 'dict' },
  { text: "loop: \"{{ servers | selectattr('size', 'defined') | list }}\"", kind: 'dict' },
  { text: 'loop: "{{ cfg | dict2items }}"', kind: 'pair' },
  { text: 'loop: "{{ range(3) | list }}"', kind: 'any' },
  { text: 'loop: "{{ sizes }}"', kind: 'any' },
  { text: 'loop: "{{ env }}"', kind: 'any' },
  { text: 'loop: "{{ cfg }}"', kind: 'any' },
  { text: 'loop: 5', kind: 'any' },
  { text: 'loop: web1', kind: 'any' },
  { text: 'loop: "{{ missing_list }}"', kind: 'any' },
  { text: 'loop: []', kind: 'any' },
  { text: 'with_items: "{{ servers }}"', kind: 'dict' },
  { text: 'with_items: [[web1, web2], web3]', kind: 'name' },
  { text: 'with_items: "{{ vols }}"', kind: 'name' },
  { text: 'with_items: web1', kind: 'name' },
  { text: 'with_items: "{{ cfg }}"', kind: 'name' },
  { text: 'with_items:\n    - {name: a1, size: 10}\n    - {name: a2, size: 20}', kind: 'dict' },
  { text: 'with_list: [[web1, web2], [web3]]', kind: 'any' },
  { text: 'with_list: "{{ servers }}"', kind: 'dict' },
  { text: 'with_list: "{{ cfg }}"', kind: 'any' },
  { text: 'with_dict: "{{ cfg }}"', kind: 'pair' },
  { text: 'with_dict: {x1: {size: 10}, x2: {size: 20}}', kind: 'pair' },
  { text: 'with_dict: abc', kind: 'pair' },
  { text: 'with_dict: "{{ servers }}"', kind: 'pair' },
  { text: 'with_indexed_items: [web1, web2]', kind: 'any' },
  { text: 'with_indexed_items: "{{ vols }}"', kind: 'any' },
  { text: 'with_indexed_items: "{{ cfg }}"', kind: 'any' },
  { text: 'with_sequence: start=1 end=3', kind: 'any' },
  { text: 'with_nested: [[a, b], [1, 2]]', kind: 'any' },
  // range (Python's builtin: Ansible's Templar is not Jinja's sandbox) and its refusals
  { text: 'loop: "{{ range(n) | list }}"', kind: 'any' },
  { text: 'loop: "{{ range(n) }}"', kind: 'any' },
  { text: 'loop: "{{ range(1, 10, 2) | list }}"', kind: 'any' },
  { text: 'loop: "{{ range(5, n, -2) | list }}"', kind: 'any' },
  { text: "loop: \"{{ range(n) | map('string') | list }}\"", kind: 'any' },
  { text: 'loop: "{{ [range(n) | length, range(3) | length] }}"', kind: 'any' },
  { text: 'loop: "{{ range(sizes | length) | list }}"', kind: 'any' },
  { text: 'loop: "{{ range(n, 4) | list }}"', kind: 'any' },
  { text: 'loop: "{{ range() | list }}"', kind: 'any' },
  { text: 'loop: "{{ range(1, 2, 3, 4) | list }}"', kind: 'any' },
  { text: 'loop: "{{ range(n, step=1) | list }}"', kind: 'any' },
  { text: 'loop: "{{ [range(2)] }}"', kind: 'any' },
  { text: 'loop: "{{ range(n) | first }}"', kind: 'any' },
  { text: 'loop: "{{ range(3) | select(\'odd\') | list }}"', kind: 'any' },
  // two loop keys: Task.preprocess_data
  { text: 'loop: [a1, a2]\n  with_items: [b1]', kind: 'name' },
  { text: 'with_items: [b1]\n  loop: [a1, a2]', kind: 'name' },
  { text: 'with_items: [b1]\n  with_list: [c1]', kind: 'name' },
  { text: 'loop: null\n  with_items: [b1, b2]', kind: 'name' },
  { text: 'with_items: null\n  loop: [a1]', kind: 'name' },
  { text: 'with_dict: {x1: {size: 10}}\n  loop: "{{ cfg }}"', kind: 'pair' },
];

const q = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function task(i: number): string {
  const l = pick(LOOPS);
  const v = pick(['item', 'item', 'item', 'srv']);
  const ctl: string[] = [];
  if (v !== 'item') ctl.push(`loop_var: ${v}`);
  const idx = maybe(0.3);
  if (idx) ctl.push('index_var: i');
  const ext = maybe(0.25);
  if (ext) ctl.push(`extended: ${pick(['true', 'yes', '"true"'])}`);
  const nameBy: Record<string, string[]> = {
    dict: [`{{ ${v}.name }}`, `{{ ${v}.name | default('vm') }}-{{ env }}`, `{{ ${v}['name'] }}`],
    name: [`{{ ${v} }}`, `{{ ${v} }}-{{ env }}`, `{{ ${v} | upper }}`],
    pair: [`{{ ${v}.key }}`, `{{ ${v}.key }}-vm`],
    any: [`{{ ${v} }}`, `vm-{{ ${v} }}`, `{{ ${v}.0 }}-{{ ${v}.1 }}`],
  };
  const names = [...nameBy[l.kind]!, ...(idx ? ['vm-{{ i }}'] : []), ...(ext ? ['vm-{{ ansible_loop.index }}-of-{{ ansible_loop.length }}'] : [])];
  const sizeBy: Record<string, string[]> = {
    dict: [`{{ ${v}.size }}`, `{{ ${v}.size | default(10) | int }}`, `{{ ${v}.size * 2 }}`],
    name: ['20', `{{ ${v} | length * 5 }}`],
    pair: [`{{ ${v}.value.size }}`, `{{ ${v}.value }}`, `{{ ${v}.value.size | default(5) }}`],
    any: [`{{ ${v} }}`, `{{ ${v} | int }}`, '10', `{{ ${v}.1 }}`],
  };
  const sizes = [...sizeBy[l.kind]!, ...(idx ? ['{{ (i + 1) * 10 }}'] : []), ...(ext ? ['{{ ansible_loop.revindex * 10 }}', "{{ ansible_loop.first | ternary(50, 10) }}"] : [])];
  const kv: Array<[string, string]> = [['name', q(pick(names))]];
  const mode = pick(['bfv', 'bfv', 'image', 'volumes']);
  kv.push(['image', pick(['cirros', 'ubuntu'])]);
  if (mode === 'bfv') {
    kv.push(['boot_from_volume', pick(['true', q(`{{ ${v}.bfv | default(true) }}`), q(`{{ ${v} is mapping }}`)])]);
    if (maybe(0.9)) kv.push(['volume_size', q(pick(sizes))]);
    if (maybe(0.4)) kv.push(['terminate_volume', pick(['true', q(`{{ ${idx ? 'i == 0' : `${v} != ''`} }}`)])]);
  } else if (mode === 'volumes') {
    kv.push(['volumes', pick([q(`{{ [${v}] }}`), q(`{{ ${v} }}`), `["{{ ${v}.name | default(${v}) }}-data"]`, q(`{{ ${v}.value | default([]) }}`)])]);
  } else if (maybe(0.4)) kv.push(['volume_size', q(pick(sizes))]);
  kv.push(['flavor', 'm1.small']);
  const body = kv.map(([k, val]) => `    ${k}: ${val}`).join('\n');
  const extra = [`  ${l.text}`];
  if (ctl.length) extra.push(`  loop_control:\n${ctl.map((c) => `    ${c}`).join('\n')}`);
  if (maybe(0.3)) {
    const w = l.kind === 'dict' ? [`${v}.size | int > 10`, `${v}.name != 'web2'`] : l.kind === 'name' ? [`${v} != 'web2'`, `${v} is string`] : l.kind === 'pair' ? [`${v}.key != 'db'`] : [`${v} != 1`];
    extra.push(`  when: ${q(pick([...w, ...(idx ? ['i > 0'] : []), ...(ext ? ['not ansible_loop.last'] : []), "env == 'prod'"]))}`);
  }
  const t = `- name: hunt25 ${i}\n  openstack.cloud.server:\n${body}\n  vars:\n${vars().map((s) => `    ${s}`).join('\n')}\n${extra.map((e) => `${e}\n`).join('')}`;
  return maybe(0.3) ? `- hosts: localhost\n  gather_facts: false\n  tasks:\n${t.replace(/^(?=.)/gm, '    ')}` : t;
}

const cases = Array.from({ length: n }, (_, i) => ({ id: `hunt25-${i}`, input: task(i) }));
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
