/**
 * hunt40: hunt39's playbooks (scripts/ansible-hunt39-gen.ts, copied and varied) with what hunt39
 * did not draw: templates with a stray comma (`[a,,b]`, `(,)`, `f(a,,)`, `{a: 1,,}`), `when:`
 * conditions written with `{% %}` statements and `{# #}` comments, values rendered by `{% if %}`
 * and `{% for %}` blocks, and `volumes:` built by loops and `set_fact` over volume lists.
 * Labels by scripts/ansible-hunt38-label.py; count by scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt40-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False nice -n 10 /usr/bin/python3 scripts/ansible-hunt38-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(40);
const { n, pick, maybe } = draws;

const PLAY_VARS = [
  'root_gb: 20', "root_gb_s: '30'", 'use_bfv: true', "bfv_s: 'yes'", "no_s: 'no'", 'keep: false', 'img: cirros', 'flv: m1.small',
  'data_vols: [data1, data2]', 'vol_names: [v1, v2, v3]', "vol_dicts: [{name: d1, size: 5}, {name: d2, size: 10, keep: true}]",
  'server_cfg: {size: 8, bfv: true, terminate: false}', 'override: {size: 12}', 'sizes: [5, 10, 15]', "root_vol: rootvol",
  "empty_list: []", "blank: ''", 'env: prod', 'envs: [prod, staging]', 'count_s: "2"',
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** volume_size values */
const SIZE = [
  '10', "'10'", '"20"', '10.0', "'10.5'", "'ten'", '0', '-1', '1e1', "'0x10'", 'true', '[10]', '{a: 1}', 'null', '',
  "'{{ root_gb }}'", "'{{ root_gb_s }}'", "'{{ root_gb_s | int }}'", "'{{ root_gb | int + 5 }}'", "'{{ server_cfg.size }}'",
  "'{{ (server_cfg | combine(override)).size }}'", "'{{ server_cfg.size | default(10) }}'", "'{{ missing_size | default(15) }}'", "'{{ missing_size | default(omit) }}'",
  "'{{ blank | default(25, true) | int }}'", "'{{ blank | int }}'", "'{{ sizes | max }}'", "'{{ sizes | sum }}'", "'{{ sizes | first }}'", "'{{ sizes | map(\"int\") | select(\"gt\", 6) | first }}'",
  "'{{ use_bfv | ternary(root_gb, omit) }}'", "'{{ keep | ternary(5, 50) }}'", "'{{ (server_cfg | dict2items | selectattr(\"key\", \"equalto\", \"size\") | first).value }}'",
  "'{{ \"%d\" | format(root_gb) }}'", "'{{ \"%s0\" | format(count_s) }}'", "'{{ vol_dicts | map(attribute=\"size\") | sum }}'", "'{{ vol_dicts | map(attribute=\"size\") | join(\"\") }}'",
  "'{{ root_gb * 2 }}'", "'{{ root_gb / 4 }}'", "'{{ root_gb // 3 }}'", "'{{ (root_gb / 4) | int }}'", "'{{ root_gb_s ~ \"0\" }}'", "'{{ [root_gb, 40] | max }}'",
  "'{{ env == \"prod\" | ternary(40, 20) }}'", "'{{ (env == \"prod\") | ternary(40, 20) }}'", "'{{ lookup(\"vars\", \"root_gb\") }}'", "'{{ vars[\"root_gb\"] }}'",
  "'{{ root_gb if use_bfv else omit }}'", "'{{ [root_gb,, 40] | max }}'", "'{{ (root_gb,) | first }}'", "'{{ sizes[0], }}'", "'{{ [10, 20,] | last }}'",
  "'{{ max(root_gb, 5,) }}'", "'{{ \"%d\" | format(root_gb,,) }}'", "'{{ {\"a\": 1,,}.a }}'", "'{% if use_bfv %}40{% else %}10{% endif %}'", "'{% for s in sizes %}{{ s }}{% endfor %}'",
  "'{# size #}{{ root_gb }}'", "'{{ root_gb }}{# gb #}'", "'{% set x = root_gb * 2 %}{{ x }}'", "'{% if keep %}5{% endif %}'", "'{{ root_gb | default(10,, true) }}'", "'{{ (,) }}'", "'{{ hostvars[inventory_hostname].root_gb }}'", "'{{ root_gb | string | length }}'", "'{{ 10 | bool }}'",
];
/** boolean option values (boot_from_volume, terminate_volume) */
const BOOL = [
  'true', 'false', 'yes', 'no', 'True', "'yes'", "'no'", "'true'", "'on'", "'off'", '1', '0', "'1'", "'maybe'", '2', 'null',
  "'{{ use_bfv }}'", "'{{ bfv_s }}'", "'{{ bfv_s | bool }}'", "'{{ no_s }}'", "'{{ keep }}'", "'{{ not keep }}'", "'{{ server_cfg.bfv }}'", "'{{ server_cfg.terminate | default(false) }}'",
  "'{{ missing_flag | default(true) }}'", "'{{ missing_flag | default(omit) }}'", "'{{ env == \"prod\" }}'", "'{{ env in envs }}'", "'{{ \"prod\" in env }}'", "'{{ data_vols | length > 1 }}'",
  "'{{ use_bfv and not keep }}'", "'{{ keep | ternary(\"no\", \"yes\") }}'", "'{{ root_gb is defined }}'", "'{{ missing_flag is defined }}'",
];
/** volumes values */
const VOLS = [
  '[data1, data2]', '[data1]', 'data1', "'data1,data2'", '[]', '[{name: d1}]', '[{name: d1, size: 5}, data2]', '[1, 2]', '[data1, [x]]', '[null]', 'null',
  '\n      - data1\n      - data2', '\n      - name: d1\n        size: 5', '\n      - data1\n      - "{{ root_vol }}"', '\n      - "{{ data_vols | first }}"\n      - v3',
  "'{{ data_vols }}'", "'{{ data_vols | join(\",\") }}'", "'{{ vol_dicts | map(attribute=\"name\") | list }}'", "'{{ vol_dicts }}'", "'{{ vol_dicts | first }}'",
  "'{{ vol_names | select(\"match\", \"v[12]\") | list }}'", "'{{ vol_names | reject(\"equalto\", \"v2\") | list }}'", "'{{ data_vols + vol_names }}'", "'{{ empty_list | default(omit, true) }}'",
  "'{{ missing_vols | default([]) }}'", "'{{ missing_vols | default(omit) }}'", "'{{ vol_names | map(\"upper\") | list }}'", "'{{ vol_names | map(\"regex_replace\", \"^\", \"vol-\") | list }}'",
  "'{{ [root_vol] if use_bfv else [] }}'", "'{{ vol_dicts | selectattr(\"keep\", \"defined\") | map(attribute=\"name\") | list }}'", "'{{ server_cfg | dict2items | map(attribute=\"key\") | list }}'",
  "'{{ vol_names | join(\" \") }}'", "'{{ [data1,, data2] }}'", "'{{ [\"data1\", \"data2\",] }}'", "'{{ vol_names[:2] + [root_vol,] }}'", "'{% for v in vol_names %}{{ v }},{% endfor %}'",
  "'{{ vol_names | join(\",\",) }}'", "'{{ (vol_names, data_vols) | flatten }}'", "'{# vols #}{{ data_vols }}'", "'{{ \"%s,%s\" | format(*vol_names[:2]) }}'", "'{{ vol_names[0] }}'", "'{{ data_vols | map(\"string\") | list }}'", "'{{ {\"a\": 1} }}'",
];
const BOOT_VOL = ['rootvol', "'{{ root_vol }}'", 'vol-9', "'{{ data_vols | first }}'", "'{{ missing_bv | default(omit) }}'", '[rootvol]', "''", '5'];
const NAME = ['vm', "'{{ env }}-vm'", "'{{ \"%s-%02d\" | format(env, root_gb) }}'", "'{{ [env, img] | join(\"-\") }}'", "'{{ env | upper }}'"];

/** a loop and the argument lines it gives the task (each reading the loop variable) */
function loopParts(): { lines: string[]; size?: string; volumes?: string; name?: string } {
  const v = maybe(0.3) ? pick(['vol', 'disk', 'x', 'item']) : 'item';
  const ctl: string[] = [];
  if (v !== 'item') ctl.push(`    loop_var: ${v}`);
  const idx = maybe(0.3);
  if (idx) ctl.push('    index_var: idx');
  if (maybe(0.2)) ctl.push(`    label: ${pick(["'{{ " + v + " }}'", 'x', "'{{ missing_lbl }}'"])}`);
  if (maybe(0.1)) ctl.push('    extended: true');
  const kinds: Array<() => { lines: string[]; size?: string; volumes?: string; name?: string }> = [
    () => ({ lines: [`loop: '{{ sizes }}'`], size: `'{{ ${v} }}'` }),
    () => ({ lines: [`loop: [10, '20', 30]`], size: `'{{ ${v} }}'` }),
    () => ({ lines: [`loop: '{{ vol_dicts }}'`], size: `'{{ ${v}.size }}'`, name: `'vm-{{ ${v}.name }}'` }),
    () => ({ lines: [`loop: '{{ vol_dicts }}'`], volumes: `'{{ [${v}.name] }}'` }),
    () => ({ lines: [`with_items: '{{ vol_names }}'`], volumes: `'{{ ${v} }}'`, name: `'vm-{{ ${v} }}'` }),
    () => ({ lines: ['with_items:', '    - data1', '    - [data2, v1]'], volumes: `'{{ ${v} }}'` }),
    () => ({ lines: [`with_list: '{{ [vol_names, data_vols] }}'`], volumes: `'{{ ${v} }}'` }),
    () => ({ lines: [`loop: '{{ server_cfg | dict2items }}'`], size: `'{{ ${v}.value | int(4) }}'` }),
    () => ({ lines: [`with_dict: '{{ override }}'`], size: `'{{ ${v}.value }}'` }),
    () => ({ lines: [`loop: '{{ range(1, 4) | list }}'`], size: `'{{ ${v} * 10 }}'`, name: idx ? `'vm-{{ idx }}'` : undefined }),
    () => ({ lines: ["with_sequence: start=1 end=3"], size: `'{{ ${v} | int * 5 }}'` }),
    () => ({ lines: ["with_indexed_items: '{{ sizes }}'"], size: `'{{ ${v}.1 }}'` }),
    () => ({ lines: ["with_together: ['{{ sizes }}', '{{ vol_names }}']"], size: `'{{ ${v}.0 }}'`, volumes: `'{{ [${v}.1] }}'` }),
    () => ({ lines: [`loop: '{{ missing_list | default([]) }}'`], size: `'{{ ${v} }}'` }),
    () => ({ lines: [`loop: '{{ sizes | select("gt", 6) | list }}'`], size: `'{{ ${v} }}'` }),
    () => ({ lines: [`loop: '{{ envs }}'`], size: `'{{ (${v} == "prod") | ternary(50, 10) }}'` }),
    () => ({ lines: [`loop: '{{ vol_names }}'`], volumes: `'{{ [${v}, root_vol] }}'`, name: `'vm-{{ ${v} }}'` }),
    () => ({ lines: [`loop: '{{ vol_dicts }}'`], size: `'{% if ${v}.keep is defined %}{{ ${v}.size * 2 }}{% else %}{{ ${v}.size }}{% endif %}'` }),
    () => ({ lines: [`loop: [data1, data2,]`], volumes: `'{{ [${v},] }}'` }),
    () => ({ lines: [`loop: '{{ [5,, 10] }}'`], size: `'{{ ${v} }}'` }),
    () => ({ lines: [`loop: '{{ vol_names | zip(sizes) | list }}'`], size: `'{{ ${v}[1] }}'`, volumes: `'{{ [${v}[0]] }}'` }),
  ];
  const k = pick(kinds)();
  if (ctl.length) k.lines.push('loop_control:', ...ctl);
  return k;
}

const WHEN = [
  'root_gb is defined', 'missing_flag is defined', 'missing_flag is not defined', 'env in envs', "'prod' in envs", 'env not in envs', 'not keep', 'not use_bfv',
  'use_bfv', 'bfv_s | bool', 'no_s | bool', "env == 'prod'", 'root_gb > 10', 'root_gb_s | int > 10', 'data_vols | length > 0', 'empty_list | length == 0', 'empty_list',
  'blank', 'not blank', "blank == ''", 'missing_flag | default(false)', 'missing_flag | default(true) | bool', 'server_cfg.bfv', "'size' in server_cfg",
  'root_gb is number', 'root_gb_s is string', 'keep is sameas false', 'vol_names is iterable',
  'use_bfv, keep', 'keep, use_bfv', '(use_bfv, keep)', '(keep, keep)', 'root_gb, 0', '()', 'use_bfv,', '(keep,)',
  '[use_bfv, keep]', 'use_bfv and root_gb > 5', 'keep or root_gb > 5', "env == 'prod' and not keep", '{{ use_bfv }}', 'missing_flag',
  '{{ keep }}', '{{ root_gb }} > 10', '{{ blank }}', '{{ env == "prod" }}', '{{ "keep" }}', '{{ data_vols }}', '{{ empty_list }}', '{{ root_gb_s }}', '{{ keep }} or {{ use_bfv }}',
  'keep is sameas false', 'use_bfv is sameas true', 'root_gb is sameas 20', 'keep, missing_flag', 'use_bfv if keep else keep, keep', '(keep, use_bfv)[0]', 'keep,,',
  'root_gb is defined and root_gb | int > 0', 'item is defined', 'inventory_hostname == "localhost"',
  '{% if use_bfv %}true{% endif %}', '{% if keep %}true{% else %}false{% endif %}', '{% if keep %}yes{% endif %}', '{% raw %}keep{% endraw %}', '{% set z = 1 %}use_bfv',
  'use_bfv {# enable #}', '{# note #} keep', '{# only #}', 'not keep {# x #} and use_bfv', '{{ use_bfv }} {# c #}', '{% for v in vol_names %}{{ v }}{% endfor %}',
  'use_bfv {%- if keep %} and keep{% endif %}', '{% if use_bfv %}root_gb > 5{% endif %}', '{%if keep%}{%endif%}use_bfv', '{% if missing_flag %}x{% endif %}',
  'data_vols | length > 0,', '[use_bfv,, keep]', 'env in [prod, staging,]', "env in ['prod',,]", 'root_gb in (20,)', 'f(a,,)', '(use_bfv,,)', 'keep or use_bfv,',
];

/** conditions that are no text: Ansible renders them and tests their truth */
const WHEN_VALUES = ['0', '1', '[1, 0]', '0.0', '{}', '{a: 1}', '[[]]', "[1, '{{ keep }}']", "{a: '{{ use_bfv }}'}", 'null', '-1'];

function whenLine(): string[] {
  if (maybe(0.1)) return [`when: ${pick(WHEN_VALUES)}`];
  if (maybe(0.15)) {
    const xs = [pick(WHEN), pick(WHEN)].filter((w) => !w.includes(',') && !w.startsWith('{{'));
    return ['when:', ...xs.map((w) => `    - ${sq(w)}`)];
  }
  const w = pick(WHEN);
  return [`when: ${maybe(0.5) && !/^[[({'"]/.test(w) && !w.includes(': ') ? w : sq(w)}`];
}

const TASK_VARS = [
  'root_gb: 40', "root_gb: '50'", 'use_bfv: false', 'keep: true', 'env: staging', "data_vols: [tv1]", "root_vol: taskroot",
  "root_gb: '{{ server_cfg.size * 2 }}'", "override: {size: 99}", "sizes: [1, 2]", "vol_names: '{{ data_vols }}'",
];

function serverTask(i: number, indent: string): string {
  const lp = maybe(0.25) ? loopParts() : null;
  const args: Array<[string, string]> = [];
  args.push(['name', lp?.name ?? (maybe(0.3) ? pick(NAME) : `vm${i}`)]);
  const style = pick(['bfv', 'bfv', 'bfv', 'bootvol', 'image', 'bfv-noimg']);
  if (style !== 'bootvol' && style !== 'bfv-noimg') args.push(['image', pick(['cirros', 'cirros', "'{{ img }}'", "'{{ missing_img | default(\"cirros\") }}'"])]);
  if (maybe(0.95)) args.push(['flavor', pick(['m1.small', "'{{ flv }}'"])]);
  if (style.startsWith('bfv')) {
    args.push(['boot_from_volume', pick(BOOL)]);
    if (lp?.size) args.push(['volume_size', lp.size]);
    else if (maybe(0.9)) args.push(['volume_size', pick(SIZE)]);
  } else if (style === 'bootvol') {
    args.push([pick(['boot_volume', 'boot_volume', 'root_volume']), pick(BOOT_VOL)]);
    if (maybe(0.15)) args.push(['image', 'cirros']);
    if (maybe(0.15)) args.push(['boot_from_volume', pick(BOOL)]);
    if (maybe(0.1)) args.push(['volume_size', pick(SIZE)]);
  } else if (maybe(0.1)) args.push(['volume_size', pick(SIZE)]);
  if (maybe(0.4)) args.push(['terminate_volume', pick(BOOL)]);
  if (lp?.volumes) args.push(['volumes', lp.volumes]);
  else if (maybe(0.35)) args.push(['volumes', pick(VOLS)]);
  if (maybe(0.06)) args.push([pick(['block_device_mapping', 'block_device_mapping_v2', 'bdm', 'root_volume_size']), pick(['[{boot_index: 0, volume_size: 10}]', '10', "'{{ vol_dicts }}'"])]);
  if (maybe(0.1)) args.push([pick(['public_ip', 'auto_floating_ip', 'auto_ip']), pick(['false', 'no', "'{{ keep }}'"])]);
  if (maybe(0.06)) args.push([pick(['user_data', 'userdata']), "'#cloud-config'"]);
  if (maybe(0.08)) args.push(['meta', pick(["'{{ {\"env\": env} | combine(override) }}'", '{env: prod, size: 10}', "'env=prod,tier=gold'"])]);
  if (maybe(0.04)) args.push([pick(['state', 'wait', 'timeout']), pick(['present', 'absent', 'false', "'{{ omit }}'"])]);
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const lines = [`- name: server ${i}`, `  ${mod}:`];
  for (const [k, v] of args) lines.push(v.startsWith('\n') ? `    ${k}:${v}` : `    ${k}: ${v}`);
  if (maybe(0.3)) {
    const vs = TASK_VARS.filter(() => maybe(0.25));
    if (vs.length) lines.push('  vars:', ...vs.map((v) => `    ${v}`));
  }
  if (lp) lines.push(...lp.lines.map((l) => `  ${l}`));
  if (maybe(0.3)) lines.push(...whenLine().map((l) => `  ${l}`));
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

function setFact(indent: string): string {
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`];
  const facts = TASK_VARS.filter(() => maybe(0.3));
  if (maybe(0.3)) facts.push(pick(["vol_names: '{{ vol_names + [root_vol,] }}'", "root_gb: '{% if use_bfv %}60{% else %}{{ root_gb }}{% endif %}'", "data_vols: '{{ data_vols | map(\"regex_replace\", \"$\", \"-x\") | list }}'", "use_bfv: '{{ keep, }}'", "root_gb: '{{ root_gb + 1,, }}'", "vol_dicts: '{{ vol_dicts + [{\"name\": \"d3\", \"size\": 7}] }}'"]));
  if (!facts.length) facts.push(pick(["root_gb: '{{ root_gb | int + 1 }}'", "vol_names: '{{ vol_names + [\"v9\"] }}'", "server_cfg: '{{ server_cfg | combine(override) }}'"]));
  lines.push(...facts.map((f) => `    ${f}`));
  if (maybe(0.3)) lines.push(...whenLine().map((l) => `  ${l}`));
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.55)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:', '- command: echo hi']).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.4)) parts.push(`${indent}  vars:\n${TASK_VARS.filter(() => maybe(0.3)).concat(['root_gb: 33']).map((v) => `${indent}    ${v}`).join('\n')}`);
    if (maybe(0.2)) parts.push(`${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.2)) parts.push(`${indent}  when: ${sq(pick(['use_bfv', 'env in envs', 'missing_flag is defined', 'not keep', 'use_bfv, keep']))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`)],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

printCases('hunt40', n, inPlay);
