/**
 * hunt28: playbooks and task lists like hunt26's (scripts/ansible-hunt26-gen.ts) aimed at what the
 * earlier rounds drew least: the module's argument spec (types, choices, aliases next to their
 * option, mutually exclusive options, `required_if` of boot_from_volume, unsupported names,
 * `boot_from_volume`, `volume_size`, `volumes`, `boot_volume`/`root_volume`, `terminate_volume`,
 * `image` and `flavor`/`flavor_ram` in their forms, nulls), the Jinja filters written on these
 * values (default, int, bool, string, join, to_json, combine, ternary) and the same variable
 * defined by the play, its blocks and the task (the task's own wins; a value that names another
 * variable is rendered where it is used; `vars.x`, `vars['x']`, `vars.get('x')` are the variable as written).
 * The connection options (cloud, auth, region_name, interface, validate_certs, api_timeout, ...)
 * are not drawn: the ansible-oracle drops them before the module runs (its connection is faked).
 * `spec` mode: one server task per document with every variable defined, so that each draw reaches
 * the module's checks.
 * Labels and count as hunt26's (the same format):
 *   node --import tsx scripts/ansible-hunt28-gen.ts N SEED [spec] > cases.json
 *   /usr/bin/python3 scripts/ansible-hunt26-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt26-diff.ts cases.json labels.jsonl [--root DIR] [--show]
 */
import { generatorArgs, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(28);
const { n, pick, maybe, q, r } = draws;

/** the variables a play, a block or a task may define (the same names at each level, other values) */
const VAR_NAMES = ['sz', 'img', 'flv', 'bfv', 'vols', 'term', 'meta_base', 'extra', 'st', 'nm'];
const VAR_VALUES: Record<string, string[]> = {
  sz: ['10', "'20'", '15.0', "'7.5'", 'null', "''", '0', "' 8 '", 'true', '[5]', "'{{ sz2 }}'", "'{{ sz | int + 1 }}'", "'0x10'"],
  img: ['cirros', "''", 'null', '42', '{name: cirros}', "'{{ nm }}-img'", '[cirros]'],
  flv: ['m1.small', '2', "''", 'null', '{id: 1}', "'{{ nm }}'"],
  bfv: ['true', 'false', "'yes'", "'no'", "'maybe'", '1', '2', 'null', "'True'", "'on'", '0.0', "''"],
  vols: ['[data1]', '[data1, data2]', "'data1,data2'", '[]', 'null', '[1, 2]', "''", '[[a]]', '[{id: x}]', "'a, b'"],
  term: ['true', 'false', "'yes'", 'null', "'1'", '1', "'x'"],
  meta_base: ['{a: 1}', "{role: web, n: '2'}", '{}', 'null', "'a=b'", '[1]'],
  extra: ['{b: 2}', '{a: x}', '{}', 'null', '[1]', "'x'"],
  st: ['present', 'absent', 'Present', 'null', "''"],
  nm: ['vm', 'web', "''", '5', 'null'],
};
const SZ2 = ['5', "'6'", '{{ sz }}'];

/** whether the task being drawn is in a play (its vars may come from the play's) or in a bare task list */
let inPlay = false;
const SPEC = process.argv[4] === 'spec';

function varLines(indent: string, p: number): string[] {
  const names = VAR_NAMES.filter(() => maybe(p));
  if (!names.length) return [];
  const out = [`${indent}vars:`];
  for (const k of names) out.push(`${indent}  ${k}: ${pick(VAR_VALUES[k]!)}`);
  if (names.includes('sz') && maybe(0.5)) out.push(`${indent}  sz2: ${q(pick(SZ2))}`);
  return out;
}

const BOOLS = ['true', 'false', 'yes', 'no', "'yes'", "'no'", "'True'", "'FALSE'", '1', '0', '2', "'1'", "'on'", "'off'", "'maybe'", '1.0', '0.5', 'null', "''", "' y '", '[true]', '{a: 1}'];
const SIZES = ['10', '1', '0', '-1', "'40'", "' 8 '", '15.0', '15.5', "'15.0'", "'big'", 'true', 'false', 'null', "''", "'0x10'", "'1_0'", "'+3'", '[10]', '{a: 1}', "'１２'", '1e1', "'010'"];
const IMAGES = ['cirros', "''", 'null', '42', '{name: cirros}', '[cirros]', 'true', '1.5'];
const FLAVORS = ['m1.small', '2', "''", 'null', '{id: 1}', '[m1.small]', 'false'];
const VOLUMES = ['[data1]', '[data1, data2]', 'data1,data2', "'data1, data2'", "''", '[]', 'null', '[7, 8]', '[[a, b]]', '[{id: x}]', '[null]', '5', 'true', '{a: 1}', '[data1, data1]', "','"];
const BOOT_VOLUMES = ['root-vol', "''", 'null', '7', '[root]', '{id: v}'];
const STATES = ['present', 'absent', 'Present', 'null', "''", 'running', '[present]'];
const UNSUPPORTED = ['volume', 'boot_from_volumes', 'root_volume_size', 'block_device_mapping', 'flavor_id', 'Image', 'image_id', 'delete_on_termination', '_ansible_check_mode'];

/** Jinja on a value: [template over the vars, or a literal] */
function templ(opt: string): string {
  const v = (name: string) => (maybe(0.08) ? `undefined_${name}` : name);
  switch (opt) {
    case 'volume_size':
      return pick([
        `{{ ${v('sz')} | default(10) }}`, `{{ ${v('sz')} | default(10) | int }}`, `{{ ${v('sz')} | int }}`, `{{ ${v('sz')} | int(5) }}`,
        `{{ ${v('sz')} | default(omit) }}`, `{{ ${v('sz')} | default('', true) }}`, `{{ ${v('sz')} | default(12, true) }}`,
        `{{ ${v('sz')} | string }}`, `{{ (${v('sz')} | int) * 2 }}`, `{{ ${v('sz')} | int + (extra | default({}) | length) }}`,
        `{{ ${v('bfv')} | bool | ternary(20, 0) }}`, `{{ ${v('bfv')} | ternary(${v('sz')}, omit) }}`, `{{ ${v('sz')} | float }}`,
        `{{ ${v('sz')} | default(10) | string | int }}`, `{{ ${v('sz')} | to_json }}`, `{{ [${v('sz')}] | to_json }}`, `{{ ${v('sz')} }}`,
        `{{ '0x1A' | int(0, 16) }}`, `{{ '1A' | int(base=16) }}`, `{{ 3.7 | int }}`, `{{ '3.7' | int }}`, `{{ '3.7' | float | int }}`, `{{ ${v('sz')} | int | string }}`,
        `{{ ${v('sz')} | default(None) }}`, `{{ none | default(3) }}`, `{{ ${v('sz')} if ${v('bfv')} | bool else 0 }}`,
        `{{ vars.${v('sz')} | default(10) }}`, `{{ vars['s' ~ 'z'] | int }}`, `{{ vars.${v('sz')} | int + 1 }}`, `{{ vars['${v('sz')}'] }}`, `{{ vars.get('${v('sz')}', 10) }}`,
      ]);
    case 'boot_from_volume':
      return pick([
        `{{ ${v('bfv')} | bool }}`, `{{ ${v('bfv')} }}`, `{{ ${v('bfv')} | default(true) }}`, `{{ ${v('bfv')} | default(false) | bool }}`,
        `{{ ${v('bfv')} | default(omit) }}`, `{{ (${v('sz')} | int) > 0 }}`, `{{ ${v('bfv')} | string }}`, `{{ ${v('bfv')} | ternary('yes', 'no') }}`,
        `{{ ${v('bfv')} | bool | ternary(1, 0) }}`, `{{ ${v('bfv')} | to_json }}`, `{{ ${v('bfv')} | int }}`, `{{ not ${v('bfv')} }}`, `{{ ${v('vols')} | length > 0 }}`,
        `{{ vars.${v('bfv')} | bool }}`, `{{ vars['${v('bfv')}'] }}`, `{{ vars.get('${v('bfv')}', false) | bool }}`,
      ]);
    case 'terminate_volume':
      return pick([`{{ ${v('term')} | bool }}`, `{{ ${v('term')} }}`, `{{ ${v('term')} | default(omit) }}`, `{{ ${v('term')} | default('no') }}`, `{{ ${v('term')} | ternary(true, false, omit) }}`, `{{ ${v('term')} | string | lower }}`]);
    case 'volumes':
      return pick([
        `{{ ${v('vols')} }}`, `{{ ${v('vols')} | default([]) }}`, `{{ ${v('vols')} | default(omit) }}`, `{{ ${v('vols')} | join(',') }}`,
        `{{ ${v('vols')} | join(', ') }}`, `{{ ${v('vols')} | to_json }}`, `{{ ${v('vols')} | default([]) | to_json }}`, `{{ ${v('vols')} | list }}`,
        `{{ ${v('vols')} | join }}`, `{{ ${v('vols')} + ['extra-vol'] }}`, `{{ ${v('vols')} | string }}`, `{{ (${v('vols')} | default([])) | length | ternary(vols, omit) }}`,
        `{{ ${v('vols')} | map('string') | list }}`, `{{ ${v('vols')} | unique }}`,
      ]);
    case 'image':
      return pick([`{{ ${v('img')} }}`, `{{ vars.${v('img')} }}`, `{{ ${v('img')} | default('cirros') }}`, `{{ ${v('img')} | default(omit) }}`, `{{ ${v('img')} | default('cirros', true) }}`, `{{ ${v('img')} | string }}`, `{{ ${v('img')} | to_json }}`, `{{ ${v('nm')} ~ '-image' }}`, `{{ ${v('img')} | ternary(img, 'cirros') }}`]);
    case 'flavor':
      return pick([`{{ ${v('flv')} }}`, `{{ ${v('flv')} | default('m1.small') }}`, `{{ ${v('flv')} | default(omit) }}`, `{{ ${v('flv')} | int }}`, `{{ ${v('flv')} | string }}`, `{{ ${v('flv')} | to_json }}`, `{{ ${v('flv')} | default(None) }}`]);
    case 'meta':
      return pick([
        `{{ ${v('meta_base')} | combine(${v('extra')}) }}`, `{{ ${v('meta_base')} | default({}) | combine({'x': 1}) }}`, `{{ ${v('meta_base')} | to_json }}`,
        `{{ {'a': ${v('sz')} | default(1)} | combine(${v('extra')} | default({})) }}`, `{{ ${v('meta_base')} | combine(${v('extra')}, recursive=true) }}`,
        `{{ [${v('meta_base')}, ${v('extra')}] | combine }}`, `{{ ${v('meta_base')} }}`, `{{ ${v('meta_base')} | default(omit) }}`,
      ]);
    case 'state':
      return pick([`{{ ${v('st')} }}`, `{{ ${v('st')} | default('present') }}`, `{{ ${v('st')} | lower }}`, `{{ ${v('bfv')} | bool | ternary('present', 'absent') }}`]);
    case 'name':
      return pick([`{{ ${v('nm')} }}`, `{{ ${v('nm')} | default('vm') }}`, `{{ [${v('nm')}, 'x'] | join('-') }}`, `{{ ${v('nm')} ~ 1 }}`, `{{ ${v('nm')} | to_json }}`]);
    case 'boot_volume':
      return pick([`{{ ${v('vols')} | first }}`, `{{ ${v('vols')} | default(['root'], true) | first }}`, `{{ omit }}`, `{{ ${v('img')} | default(omit) }}`]);
    default:
      return '{{ omit }}';
  }
}

function value(opt: string, literal: readonly string[]): string {
  return maybe(0.45) ? q(templ(opt)) : pick(literal);
}

/** the server task's arguments: [key, YAML value] */
function args(): Array<[string, string]> {
  const kv: Array<[string, string]> = [];
  const add = (k: string, v: string) => kv.push([k, v]);
  if (maybe(0.93)) add('name', maybe(0.2) ? value('name', ['vm1', '5', 'null', '[a]', "''"]) : 'vm1');
  const root = r();
  if (root < 0.2) {
    add(pick(['boot_volume', 'root_volume', 'boot_volume']), value('boot_volume', BOOT_VOLUMES));
    if (maybe(0.12)) add(pick(['boot_volume', 'root_volume']), pick(BOOT_VOLUMES));
    if (maybe(0.15)) add('image', value('image', IMAGES));
    if (maybe(0.12)) add('boot_from_volume', value('boot_from_volume', BOOLS));
  } else {
    if (maybe(0.92)) add('image', maybe(0.7) ? 'cirros' : value('image', IMAGES));
    if (maybe(0.8)) add('boot_from_volume', value('boot_from_volume', BOOLS));
    if (maybe(0.8)) add('volume_size', value('volume_size', SIZES));
  }
  const fl = r();
  if (fl < 0.75) add('flavor', maybe(0.7) ? 'm1.small' : value('flavor', FLAVORS));
  else if (fl < 0.85) add('flavor_ram', pick(['4096', "'2048'", "'2G'", '1.5', 'null', "'{{ sz | default(512) }}'"]));
  else if (fl < 0.92) { add('flavor', 'm1.small'); add('flavor_ram', '4096'); }
  if (maybe(0.5)) add('terminate_volume', value('terminate_volume', BOOLS));
  if (maybe(0.45)) add('volumes', value('volumes', VOLUMES));
  if (maybe(0.15)) add('state', value('state', STATES));
  if (maybe(0.15)) add('meta', value('meta', ['{a: b}', "'a=b,c=d'", "'a=b=c'", '[[a, b]]', 'null', '{}', '5']));
  if (maybe(0.08)) add(pick(['auto_ip', 'auto_floating_ip', 'public_ip']), pick(BOOLS));
  if (maybe(0.05)) add(pick(['floating_ips', 'floating_ip_pools']), pick(['[1.2.3.4]', 'pool', 'null']));
  if (maybe(0.06)) add(pick(['network', 'nics']), pick(['private', '[{net-name: private}]', "'net-name=private'", 'null']));
  if (maybe(0.04)) add('sdk_log_level', pick(['INFO', 'debug', 'DEBUG']));
  if (maybe(0.05)) add('timeout', pick(['30', "'30'", "'30s'", '1.5', 'null', 'true']));
  if (maybe(0.05)) add(pick(['wait', 'config_drive', 'delete_fip', 'reuse_ips']), pick(BOOLS));
  if (maybe(0.05)) add(pick(['userdata', 'user_data']), pick(["'#!/bin/sh'", '5', '{a: 1}', 'null', '[x]']));
  if (maybe(0.05)) add('security_groups', pick(["''", 'web,ssh', '[web, 5]', 'null', '5', '[]']));
  if (maybe(0.05)) add('key_name', pick(['5', 'mykey', '[k]', 'null']));
  if (maybe(0.05)) add('scheduler_hints', pick(["''", "'a=b'", "'a'", "'{\"group\": \"x\"}'", '{group: x}', '[1]', '5']));
  if (maybe(0.05)) add(pick(UNSUPPORTED), pick(['1', 'x', 'true']));
  if (maybe(0.04)) add(pick(['availability_zone', 'description']), pick(['x', '{a: 1}', "''", '5', 'null']));
  for (let i = kv.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [kv[i], kv[j]] = [kv[j]!, kv[i]!]; }
  return kv;
}

function serverTask(i: number, indent: string): string {
  const kv = args();
  const lines = [`- name: server ${i}`];
  const style = r();
  const plain = kv.filter(([, v]) => !/^[[{"']/.test(v) && v !== 'null');
  if (style < 0.06 && plain.length) {
    lines.push(`  openstack.cloud.server: ${plain.map(([k, v]) => `${k}=${v}`).join(' ')}`);
  } else if (style < 0.1) {
    lines.push('  openstack.cloud.server:', ...kv.slice(0, 2).map(([k, v]) => `    ${k}: ${v}`), '  args:', ...kv.slice(2).map(([k, v]) => `    ${k}: ${v}`));
  } else {
    lines.push(`  ${pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server', 'openstack.cloud.os_server'])}:`, ...kv.map(([k, v]) => `    ${k}: ${v}`));
  }
  lines.push(...varLines('  ', inPlay ? 0.3 : SPEC ? 1 : 0.85));
  if (maybe(0.1)) lines.push(`  when: ${q(pick(['bfv | default(false) | bool', 'sz | default(0) | int > 5', "st | default('present') == 'present'", 'vols is defined', 'vols | default([]) | length > 0', 'img is none']))}`);
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  return `${indent}${pick(['- debug: msg=hello', '- debug:\n    var: sz', '- ping:'])}`.replace(/\n/g, `\n${indent}`);
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const v = varLines(`${indent}  `, 0.35);
    return `${indent}- block:\n${taskList(`${indent}    `, depth + 1)}${v.length ? `\n${v.join('\n')}` : ''}`;
  },
  playExtras: () => { inPlay = true; return varLines('  ', 0.85); },
});

/** `spec` mode: one server task per document, every variable defined (the play's, the task's or both), so each draw reaches the module */
function specDoc(): string {
  const play = varLines('  ', 1);
  inPlay = play.length > 0 && maybe(0.7);
  const task = serverTask(0, inPlay ? '    ' : '');
  return inPlay ? `- hosts: localhost\n  gather_facts: false\n${play.join('\n')}\n  tasks:\n${task}\n` : `${task}\n`;
}

if (SPEC) printCases('hunt28s', n, specDoc);
else printCases('hunt28', n, () => { inPlay = false; return playbook(); });
