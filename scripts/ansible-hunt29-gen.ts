/**
 * hunt29: playbooks and task lists whose server tasks take arguments from `module_defaults`, which
 * no earlier round drew: at the play, at blocks and at the task, as one mapping or a list of them,
 * keyed by the module (openstack.cloud.server, os_server, openstack.cloud.os_server,
 * ansible.builtin.os_server), by its action groups (group/openstack.cloud.openstack,
 * group/openstack.cloud.os, group/os, group/ansible.builtin.os), by other modules and groups, and
 * now and then by a name ansible-core does not resolve or a value it cannot merge (null, a number,
 * a text, a list of pairs); values templated from the vars (undefined ones and omit too), with the
 * task's own arguments over them. Around them: `action:`/`local_action:` forms, `no_log`, `when`
 * on undefined variables, and templates the earlier rounds left (ternary's argument counts,
 * `vars.items()`, `vars.keys()`).
 * Labels by scripts/ansible-hunt29-label.py (hunt26's labeller with module_defaults merged as
 * TaskExecutor merges them); count by hunt26's diff:
 *   node --import tsx scripts/ansible-hunt29-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False /usr/bin/python3 scripts/ansible-hunt29-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt26-diff.ts cases.json labels.jsonl [--root DIR] [--show]
 */
import { generatorArgs, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(29);
const { n, pick, maybe, q, r } = draws;

const VARS = ['sz: 10', "szs: '12'", 'bfv: true', 'key: mykey', 'md: {a: 1}', "vn: vm-x", 'dflt: {boot_from_volume: true, volume_size: 8}', 'vols: [data1]'];

const SERVER_KEYS = ['openstack.cloud.server', 'openstack.cloud.server', 'os_server', 'openstack.cloud.os_server', 'ansible.builtin.os_server', 'ansible.legacy.os_server'];
const GROUP_KEYS = ['group/openstack.cloud.openstack', 'group/openstack.cloud.os', 'group/os', 'group/ansible.builtin.os'];
const OTHER_KEYS = ['ping', 'debug', 'ansible.builtin.command', 'openstack.cloud.volume', 'os_volume', 'group/aws', 'group/k8s', 'openstack.cloud.server_info'];
const BAD_KEYS = ['group/openstack', 'openstack.cloud.nope', 'group/openstack.cloud.nope', 'ansible.builtin.nope', 'group/ansible.builtin.openstack'];

/** one default value for a server option */
function optionValue(k: string): string {
  const u = maybe(0.06) ? 'undefined_v' : null;
  switch (k) {
    case 'boot_from_volume': return pick(['true', 'false', "'yes'", "'{{ bfv }}'", "'{{ bfv | bool }}'", ...(u ? [`'{{ ${u} }}'`] : [])]);
    case 'volume_size': return pick(['5', "'6'", "'{{ sz }}'", "'{{ szs | int + 1 }}'", "'{{ omit }}'", "'{{ sz | default(omit) }}'", "'{{ nope | default(4) }}'", ...(u ? [`'{{ ${u} }}'`] : [])]);
    case 'key_name': return pick(['k1', "'{{ key }}'", '5', "'{{ omit }}'"]);
    case 'meta': return pick(['{a: b}', "'{{ md }}'", "{a: '{{ omit }}', b: 1}", "'a=b'"]);
    case 'terminate_volume': return pick(['true', "'no'", "'{{ bfv }}'"]);
    case 'name': return pick(['dflt', "'{{ vn }}'"]);
    case 'image': return pick(['cirros', 'other-img', "''"]);
    case 'flavor': return pick(['m1.large', "'{{ omit }}'"]);
    case 'security_groups': return pick(['[web]', "'web,ssh'"]);
    case 'volumes': return pick(['[data1]', "'{{ vols }}'", '[]']);
    case 'wait': return pick(['false', "'maybe'"]);
    case 'availability_zone': return pick(['az1', '5']);
    default: return pick(['1', 'x']);
  }
}

const OPTIONS = ['boot_from_volume', 'volume_size', 'key_name', 'meta', 'terminate_volume', 'name', 'image', 'flavor', 'security_groups', 'volumes', 'wait', 'availability_zone', 'foo'];

/** the mapping a module_defaults key gives, as YAML lines at `indent` (or an inline value) */
function defaultsValue(indent: string, server: boolean): string {
  const x = r();
  if (x < 0.06) return ` ${pick(['null', '5', "''", '[]', 'true', '1.5', 'abc', '{}'])}`;
  if (x < 0.1) return ` ${pick(['[[volume_size, 3], [boot_from_volume, true]]', '[[a]]', '[1]', '[ab]', "'{{ dflt }}'", "'{{ md }}'", "'{{ 5 }}'"])}`;
  if (!server) return ` {${pick(['data: x', "msg: '{{ undefined_other }}'", 'a: 1', "cloud: '{{ key }}'"])}}`;
  const keys = OPTIONS.filter(() => maybe(0.22));
  if (!keys.length) keys.push(pick(['boot_from_volume', 'volume_size', 'key_name']));
  if (keys.includes('boot_from_volume') && !keys.includes('volume_size') && maybe(0.6)) keys.push('volume_size');
  return '\n' + keys.map((k) => `${indent}${k}: ${optionValue(k)}`).join('\n');
}

/** a module_defaults entry key: mostly ones that reach the server */
function defaultsKey(): { key: string; server: boolean } {
  const x = r();
  if (x < 0.45) return { key: pick(SERVER_KEYS), server: true };
  if (x < 0.75) return { key: pick(GROUP_KEYS), server: true };
  if (x < 0.95) return { key: pick(OTHER_KEYS), server: false };
  return { key: pick(BAD_KEYS), server: maybe(0.5) };
}

/** `module_defaults:` lines at `indent`: a mapping of one to three keys, or a list of such mappings */
function moduleDefaults(indent: string): string[] {
  const x = r();
  if (x < 0.03) return [`${indent}module_defaults: ${pick(['5', 'null', '[5]', "'{{ dflt }}'", '[]'])}`];
  const mapping = (ind: string, first: string) => {
    const count = 1 + Math.floor(r() * (maybe(0.3) ? 3 : 1));
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const { key, server } = defaultsKey();
      out.push(`${i === 0 ? first : ind}${key}:${defaultsValue(`${ind}  `, server)}`);
    }
    return out;
  };
  if (x < 0.2) {
    const out = [`${indent}module_defaults:`];
    const items = 1 + Math.floor(r() * 2);
    for (let i = 0; i < items; i++) out.push(...mapping(`${indent}    `, `${indent}  - `));
    return out;
  }
  return [`${indent}module_defaults:`, ...mapping(`${indent}  `, `${indent}  `)];
}

/** templates earlier rounds left open */
const EXTRA_TEMPLATES = [
  "{{ bfv | ternary('a') }}", "{{ bfv | ternary() }}", "{{ bfv | ternary(1, 2, 3, 4) }}", "{{ bfv | ternary(true_val=1) }}", "{{ bfv | ternary(1, 2, none_val=3) }}",
  "{{ bfv | ternary(1, false_val=2) }}", "{{ none | ternary(1, 2, 3) }}", "{{ bfv | ternary(1, 2, x=3) }}",
  '{{ vars.items() | list | length }}', "{{ (vars.keys() | list | length) > 3 }}", "{{ vars.items() | selectattr('0', 'equalto', 'sz') | list | length }}",
  "{{ dict(vars.items()).sz }}", "{{ vars.values() | list | length }}",
];

function serverTask(i: number, indent: string): string {
  const args: Array<[string, string]> = [['name', `vm${i}`]];
  if (maybe(0.8)) args.push(['image', 'cirros']);
  if (maybe(0.85)) args.push(['flavor', 'm1.small']);
  if (maybe(0.25)) args.push(['boot_from_volume', pick(['true', 'false', "'{{ bfv }}'"])]);
  if (maybe(0.2)) args.push(['volume_size', pick(['10', "'{{ omit }}'", "'{{ sz }}'"])]);
  if (maybe(0.1)) args.push(['key_name', pick(['own', "'{{ omit }}'"])]);
  if (maybe(0.08)) args.push(['name', q(pick(EXTRA_TEMPLATES))]);
  const lines = [`- name: server ${i}`];
  const form = r();
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server', 'openstack.cloud.os_server']);
  const plain = args.filter(([, v]) => !/^[[{"']/.test(v));
  if (form < 0.08 && plain.length === args.length) lines.push(`  ${pick(['action', 'local_action'])}: ${mod} ${args.map(([k, v]) => `${k}=${v}`).join(' ')}`);
  else if (form < 0.14) lines.push(`  ${pick(['action', 'local_action'])}:`, `    module: ${mod}`, ...args.map(([k, v]) => `    ${k}: ${v}`));
  else lines.push(`  ${mod}:`, ...args.map(([k, v]) => `    ${k}: ${v}`));
  if (maybe(0.8)) lines.push('  vars:', ...VARS.filter(() => maybe(0.8)).map((v) => `    ${v}`));
  if (maybe(0.3)) lines.push(...moduleDefaults('  '));
  if (maybe(0.08)) lines.push(`  no_log: ${pick(['true', 'false', "'{{ bfv }}'", "'maybe'", "'{{ undefined_nl }}'"])}`);
  if (maybe(0.1)) lines.push(`  when: ${q(pick(['undefined_w', 'undefined_w is defined', 'undefined_w | default(true)', 'bfv', "sz > 5", "undefined_w.x is defined"]))}`);
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  const lines = pick([['- debug: msg=hello'], ['- ping:'], ['- debug:', '    var: sz'], ['- command: echo hi']]);
  if (maybe(0.12)) lines.push(...moduleDefaults('  '));
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const head = `${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`;
    const md = maybe(0.5) ? `\n${moduleDefaults(`${indent}  `).join('\n')}` : '';
    const v = maybe(0.3) ? `\n${indent}  vars:\n${indent}    sz: ${pick(['3', "'{{ szs }}'"])}` : '';
    return `${head}${md}${v}`;
  },
  playExtras: () => [
    ...(maybe(0.7) ? ['  vars:', ...VARS.filter(() => maybe(0.7)).map((v) => `    ${v}`)] : []),
    ...(maybe(0.7) ? moduleDefaults('  ') : []),
  ],
});

printCases('hunt29', n, playbook);
