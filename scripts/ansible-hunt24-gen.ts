/**
 * hunt24: `openstack.cloud.server` tasks as real playbooks write their block devices: `volumes:`
 * lists (YAML, comma strings, built with `map(attribute=)`, `selectattr`, `split`, `join`, `list`),
 * `boot_volume`/`root_volume`, `boot_from_volume`, `terminate_volume`, `volume_size`, `nics`, with
 * values from the task's `vars:`, `default()`, `default(omit)`, a `set_fact` before the task, and
 * the filters `int`, `bool`, `string`, `ternary`, `combine`, `dict2items`, `selectattr`,
 * `map(attribute=)`, `join`, `split`, `list`, `first`, `last`, `length`, `max/min(attribute=)`,
 * `str.format` with keywords and specs, float powers, and the exceptions (ZeroDivisionError,
 * KeyError, ValueError) a template can raise; some tasks have `loop`/`with_items` (several servers)
 * or `when:`.
 * The oracle templates with the task's own vars (a loop's first item as `item`, `when` ignored, no
 * set_fact), so those are where bdm-lab must leave a note rather than guess (ansible-hunt24-diff.ts
 * counts them apart).
 * Usage: node --import tsx scripts/ansible-hunt24-gen.ts N SEED > cases.json, then
 * /usr/bin/python3 /work/shared/tools/ansible-oracle/ansible_oracle.py --batch cases.json > oracle.jsonl
 * and node --import tsx scripts/ansible-hunt24-diff.ts cases.json oracle.jsonl
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 40);
const r = rng(Number(process.argv[3] ?? 24));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = (p: number) => r() < p;

/** the task's vars (YAML as written in a task's `vars:`), each of a type picked at random */
function vars(): string[] {
  return [
    `vol_size: ${pick(['20', '"40"', '15.5', '0', '-3', 'big', '" 8 "', 'null', '2e1', 'true'])}`,
    `bfv: ${pick(['true', 'false', 'yes', '"no"', '"True"', '1', '0', '"on"', 'maybe', 'null'])}`,
    `term: ${pick(['true', 'false', '"yes"', '0', '"off"', 'x'])}`,
    `env: ${pick(['prod', 'dev', 'PROD', 'stage', '""'])}`,
    `idx: ${pick(['3', '12', '"7"', '0', '2.5', 'x'])}`,
    `vols: ${pick(['[data1, data2]', '[data1]', '[]', '["a b", c]', '[7, x]', 'data1', '[{name: d1}]'])}`,
    `vol_specs: ${pick([
      '[{name: d1, size: 10, boot: false}, {name: root, size: 20, boot: true}]',
      '[{name: d1, size: "30", boot: "no"}, {name: d2, size: 5, boot: false}]',
      '[]',
      '[{name: only, size: 8}]',
      '[{name: a, size: 10}, {size: 3}]',
      '[{name: a, size: 10, boot: false}, {name: b, size: 10, boot: false}]',
    ])}`,
    `extra_vols: ${pick(['"logs,data"', '"logs, data ,tmp"', '""', '"one"', '",x,"'])}`,
    `cfg: ${pick(['{size: 30, bfv: true}', '{size: "12", bfv: "no", term: false}', '{}', '{size: 1.5}', '{bfv: yes}'])}`,
    `override: ${pick(['{size: 40}', '{bfv: false}', '{}', '{size: "x"}'])}`,
    `servers: ${pick(['[{name: web1, size: 10}, {name: web2, size: 20}]', '[web1, web2]', '[]', '[{name: db, size: "x"}]'])}`,
    `net_names: ${pick(['[private, public]', '[private]', '[]', '["a,b"]'])}`,
    `root_name: ${pick(['root-vol', '"b9a8c7d6-0000-4000-8000-000000000001"', '""', '5'])}`,
    `f: ${pick(['1.5', '2.0', '0.1', '-0.5', '0.0', '3'])}`,
    `nn: ${pick(['0', '2', '-1', '"2"', '0.5', '100000'])}`,
  ];
}

const VOLUME_SIZE = [
  '{{ vol_size }}', '{{ vol_size | int }}', '{{ vol_size | default(20) }}', '{{ missing_size | default(20) }}', '{{ missing_size | default(omit) }}', '{{ vol_size | default(omit) }}',
  "{{ vol_size | default(20, true) }}", '{{ (vol_size | int) * 2 }}', '{{ vol_size | string }}', '{{ cfg.size }}', '{{ cfg.size | default(10) }}', "{{ cfg['size'] | int }}",
  '{{ (cfg | combine(override)).size }}', "{{ (cfg | combine({'size': 50})).size }}", "{{ vol_specs | map(attribute='size') | max }}", "{{ vol_specs | map(attribute='size') | list | first }}",
  "{{ (vol_specs | max(attribute='size')).size }}", "{{ (vol_specs | min(attribute='size')).size }}", "{{ vol_specs | max(attribute='size') }}", "{{ vol_specs | sum(attribute='size') }}",
  "{{ vol_specs | selectattr('boot', 'equalto', true) | map(attribute='size') | first }}", "{{ (vol_specs | first).size }}", "{{ (vol_specs | last).size | int }}",
  '{{ vols | length * 10 }}', "{{ extra_vols.split(',') | length }}", "{{ (env == 'prod') | ternary(100, 20) }}", "{{ env | ternary(40, 10) }}",
  '{{ 2 ** nn }}', '{{ 2 ** f }}', '{{ 10 ** -nn }}', '{{ f ** -1 }}', '{{ f ** 0.5 }}', '{{ nn ** 2 }}', '{{ 2.0 ** (nn * 1000) }}', '{{ (2 ** 0.5 * 10) | int }}', '{{ 0 ** -1 }}',
  '{{ 100 / nn }}', '{{ 100 // nn }}', '{{ 100 % nn }}', '{{ (100 / (nn | int)) | int }}', '{{ vol_size | int / 0 }}',
  "{{ '{:d}'.format(vol_size) }}", "{{ '{:d}'.format(vol_size | int) }}", "{{ '{0:.0f}'.format(f) }}", "{{ '{:>5}'.format(vol_size) }}", "{{ '{size}'.format(size=vol_size) }}",
  "{{ '{size:d}'.format(size=idx) }}", "{{ '{0:.2f}'.format(vol_size) }}", "{{ '{:f}'.format(idx) }}", "{{ '{s}'.format(t=1) }}", "{{ '{}{}'.format(vol_size) }}",
  "{{ '%(size)s' % cfg }}", "{{ '%d' % (vol_size | int) }}", "{{ '%(nope)s' % cfg }}", "{{ vol_size | int | abs }}",
];

const BFV = [
  '{{ bfv }}', '{{ bfv | bool }}', "{{ bfv | default(true) }}", "{{ missing_bfv | default(true) | bool }}", '{{ missing_bfv | default(omit) }}', '{{ cfg.bfv | default(false) }}',
  "{{ (env == 'prod') | ternary(true, false) }}", "{{ env | ternary('yes', 'no') }}", '{{ vol_size | int > 0 }}', '{{ vols | length > 0 }}', "{{ (cfg | combine(override)).bfv | default(false) }}",
  '{{ bfv | string | lower }}', "{{ 'yes' if bfv | bool else 'no' }}", "{{ vol_specs | selectattr('boot', 'defined') | list | length > 0 }}", '{{ not term | bool }}', 'true', 'yes',
];

const TERMINATE = [
  '{{ term }}', '{{ term | bool }}', '{{ term | default(omit) }}', '{{ missing_term | default(omit) }}', "{{ env != 'prod' }}", "{{ (env == 'dev') | ternary(true, false) }}",
  '{{ cfg.term | default(true) }}', '{{ term | bool | string }}', 'no', '{{ nn is divisibleby 2 }}', '{{ nn is divisibleby 0 }}',
];

const VOLUMES = [
  '{{ vols }}', "{{ vols | list }}", "{{ vol_specs | map(attribute='name') | list }}", "{{ vol_specs | rejectattr('boot') | map(attribute='name') | list }}",
  "{{ vol_specs | selectattr('boot', 'equalto', false) | map(attribute='name') | list }}", "{{ extra_vols.split(',') }}", "{{ extra_vols.split(',') | map('trim') | list }}",
  "{{ extra_vols.split('') }}", "{{ vols | join(',') }}", "{{ vols + extra_vols.split(',') }}", "{{ vols | first }}", "{{ [vols | last] }}", "{{ vols | default([]) }}",
  "{{ missing_vols | default(omit) }}", "{{ missing_vols | default([]) }}", "{{ cfg | dict2items | map(attribute='key') | list }}", "{{ ['data-' ~ env] }}", "{{ ['{}-data'.format(env)] }}",
  "{{ ['{e}-{i}'.format(e=env, i=idx)] }}", "{{ vol_specs | map(attribute='nope') | list }}",
];

const ROOT = [
  '{{ root_name }}', "{{ root_name | default('root-vol') }}", "{{ (vol_specs | selectattr('boot', 'equalto', true) | first).name }}", "{{ vols | first }}",
  "{{ '{}-root'.format(env) }}", "{{ '{name}-root'.format(name=env) }}", "{{ root_name | string }}", "{{ missing_root | default(omit) }}",
];

const NAME = [
  'vm1', '{{ env }}-web', "{{ '%s-%02d' % (env, idx | int) }}", "{{ '{}-{:02d}'.format(env, idx | int) }}", "{{ '{e}-{i}'.format(e=env, i=idx) }}", "{{ '{:>6}'.format(env) }}",
  "{{ '{:d}'.format(idx) }}", "{{ env | upper }}-{{ idx }}", "{{ '{0}-{0}'.format(env) }}", "{{ '{}'.format() }}", "{{ env ~ '-' ~ (vols | length) }}", "{{ [env, idx] | join('-') }}",
];

const NICS = [
  '[{net-name: private}]', '"{{ [{\'net-name\': net_names | first}] }}"', '"net-name={{ net_names | join(\',net-name=\') }}"', '"{{ net_names | map(\'regex_replace\', \'^(.*)$\', \'net-name=\\\\1\') | join(\',\') }}"',
  '"{{ net_names | first | default(\'private\') }}"', '[{net-id: "{{ missing_net | default(\'7c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d\') }}"}]', '"{{ missing_nics | default(omit) }}"',
];

function q(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function mapping(loop: boolean): Array<[string, string]> {
  const kv: Array<[string, string]> = [['name', loop ? q(pick(['{{ item.name }}', '{{ item }}', "{{ item.name | default('vm') }}-{{ env }}"])) : q(pick(NAME))]];
  const boot = pick(['image', 'bfv', 'bfv', 'boot_volume']);
  if (boot !== 'boot_volume') kv.push(['image', pick(['cirros', 'ubuntu-22.04'])]);
  if (boot === 'bfv') {
    kv.push(['boot_from_volume', q(pick(BFV))]);
    if (maybe(0.9)) kv.push(['volume_size', q(loop && maybe(0.5) ? pick(['{{ item.size }}', '{{ item.size | default(10) | int }}']) : pick(VOLUME_SIZE))]);
    if (maybe(0.6)) kv.push(['terminate_volume', q(pick(TERMINATE))]);
  }
  if (boot === 'boot_volume') {
    kv.push([pick(['boot_volume', 'root_volume']), q(pick(ROOT))]);
    if (maybe(0.5)) kv.push(['terminate_volume', q(pick(TERMINATE))]);
  }
  if (boot === 'image' && maybe(0.3)) kv.push(['volume_size', q(pick(VOLUME_SIZE))]);
  kv.push(['flavor', pick(['m1.small', q("{{ (env == 'prod') | ternary('m1.large', 'm1.small') }}")])]);
  if (maybe(0.6)) kv.push(['volumes', maybe(0.2) ? pick(['[data1, data2]', '["{{ vols | first }}", logs]', '["{{ env }}-data"]']) : q(pick(VOLUMES))]);
  if (maybe(0.3)) kv.push(['nics', pick(NICS)]);
  return kv;
}

function task(i: number): string {
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const loop = maybe(0.15);
  const kv = mapping(loop);
  const v = vars().map((s) => `    ${s}`).join('\n');
  const body = kv.map(([k, val]) => `    ${k}: ${val}`).join('\n');
  const extra: string[] = [];
  if (loop) extra.push(pick(['  loop: "{{ servers }}"', '  with_items: "{{ servers }}"', '  loop:\n    - {name: a1, size: 10}\n    - {name: a2, size: 20}', '  with_items: [web1, web2]']));
  if (maybe(0.15)) extra.push(`  when: ${pick(["env == 'prod'", 'bfv | bool', 'vols | length > 0', 'false'])}`);
  // the oracle templates with the task's own vars only: vars stay on the task
  const t = `- name: hunt24 ${i}\n  ${mod}:\n${body}\n  vars:\n${v}\n${extra.map((e) => `${e}\n`).join('')}`;
  const style = r();
  if (style < 0.1) {
    // a fact set before the task: Ansible knows it when the task runs, the oracle does not
    const fact = `- name: facts\n  set_fact:\n    fact_size: ${pick(['30', '"{{ 10 * 3 }}"'])}\n`;
    return fact + t.replace('{{ vol_size', '{{ fact_size');
  }
  if (style < 0.3) return `- hosts: localhost\n  gather_facts: false\n  tasks:\n${t.replace(/^(?=.)/gm, '    ')}`;
  return t;
}

const cases = Array.from({ length: n }, (_, i) => ({ id: `hunt24-${i}`, input: task(i) }));
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
