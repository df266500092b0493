/**
 * Generator of `openstack.cloud.server` tasks for the differential test of the Ansible source
 * (scripts/ansible-difftest.ts): varied options (boot from volume or not, boot_volume/root_volume,
 * volumes as a list or a comma string, sizes as ints, strings, floats and zero, booleans in YAML
 * and Ansible spellings, free-form `k=v`, `os_server` names, `{{ }}` from the task's vars,
 * blocks, unsupported keys, wrong types), one task per case, seeded so a seed names the same cases.
 * Usage: node --import tsx scripts/ansible-gen.ts N SEED [ops|jinja|wild|shapes|dates|yaml] > cases.json
 * (`ops`: tasks as operators write them: whole plays, boot from volume with a size and
 * terminate_volume, boot_volume, volumes lists, nics, meta, userdata, vars from the task;
 * `jinja`: the task's options written as Jinja over the task's vars of varied types: filters
 * (int, float, string, bool, lower, upper, trim, length, first, last, join, replace, list, to_json,
 * ternary, mandatory, quote, default), `~`, arithmetic, comparisons, `and`/`or`/`not`, `x if c else y`)
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 40);
const r = rng(Number(process.argv[3] ?? 19));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const maybe = (p: number) => r() < p;

const MODULES = ['openstack.cloud.server', 'openstack.cloud.server', 'os_server', 'openstack.cloud.os_server'];
const BOOLS = ['true', 'false', 'yes', 'no', "'yes'", "'True'", '1', '0', "'on'", "'maybe'"];
const SIZES = ['20', '1', '0', "'40'", '15.0', "'big'", '-1', "' 8 '"];
const IMAGES = ['cirros', 'ubuntu-22.04', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', "''"];

function mapping(): Array<[string, string]> {
  const kv: Array<[string, string]> = [['name', pick(['vm1', 'web-01', "'db server'"])]];
  const bootVol = maybe(0.25);
  if (!bootVol || maybe(0.1)) kv.push(['image', pick(IMAGES)]);
  if (bootVol) kv.push([pick(['boot_volume', 'root_volume']), pick(['root-vol', 'b9a8c7d6-0000-4000-8000-000000000001'])]);
  if (maybe(0.9)) kv.push([pick(['flavor', 'flavor', 'flavor_ram']), pick(['m1.small', '4096', 'ds2G'])]);
  if (maybe(bootVol ? 0.1 : 0.6)) kv.push(['boot_from_volume', pick(BOOLS)]);
  if (maybe(0.6)) kv.push(['volume_size', pick(SIZES)]);
  if (maybe(0.5)) kv.push(['terminate_volume', pick(BOOLS)]);
  if (maybe(0.45)) kv.push(['volumes', pick(['[data1]', '[data1, data2]', 'data1,data2', "'vol-a'", '[]', '[7]'])]);
  if (maybe(0.15)) kv.push(['network', 'private']);
  if (maybe(0.1)) kv.push(['nics', '[{net-name: private}]']);
  if (maybe(0.1)) kv.push([pick(['disk_bus', 'block_device_mapping', 'swap']), pick(['virtio', '1'])]);
  if (maybe(0.1)) kv.push(['state', pick(['present', 'absent', 'running'])]);
  if (maybe(0.15)) kv.push(['security_groups', pick(['[]', '[web, ssh]', 'default'])]);
  if (maybe(0.1)) kv.push(['key_name', 'mykey']);
  return kv.sort(() => r() - 0.5);
}

function task(i: number): string {
  const mod = pick(MODULES);
  const kv = mapping();
  const style = r();
  if (style < 0.15) {
    // free-form k=v (YAML flow values do not apply: only scalar words)
    const words = kv.filter(([, v]) => !v.startsWith('[')).map(([k, v]) => `${k}=${v.replace(/^'(.*)'$/, '$1').replace(/ /g, '_')}`);
    return `- name: case ${i}\n  ${mod}: ${words.join(' ')}\n`;
  }
  if (style < 0.35) {
    // values from the task's vars
    const vars: string[] = [];
    const body = kv.map(([k, v]) => {
      if (!maybe(0.5)) return `    ${k}: ${v}`;
      vars.push(`    v_${k}: ${v}`);
      return `    ${k}: "{{ v_${k} }}"`;
    });
    return `- name: case ${i}\n  ${mod}:\n${body.join('\n')}\n  vars:\n${vars.length ? vars.join('\n') : '    unused: 1'}\n`;
  }
  const body = kv.map(([k, v]) => `    ${k}: ${v}`).join('\n');
  if (style < 0.5) return `- name: case ${i}\n  block:\n    - name: inner\n      ${mod}:\n${body.replace(/^ {4}/gm, '        ')}\n  rescue:\n    - debug: msg=failed\n`;
  return `- name: case ${i}\n  ${mod}:\n${body}\n`;
}

/** ops mode: tasks as operators write them, mostly ones the module sends */
function opsMapping(): Array<[string, string]> {
  const kv: Array<[string, string]> = [['name', pick(['web-01', 'db-1', '"{{ inventory_hostname }}"'.replace('{{ inventory_hostname }}', 'app')])]];
  const boot = pick(['image', 'image', 'bfv', 'bfv', 'boot_volume']);
  if (boot !== 'boot_volume') kv.push(['image', pick(['cirros', 'ubuntu-22.04', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d'])]);
  if (boot === 'bfv') {
    kv.push(['boot_from_volume', pick(['true', 'yes', 'True'])]);
    if (maybe(0.9)) kv.push(['volume_size', pick(['20', '40', '10', "'30'", '0'])]);
    if (maybe(0.6)) kv.push(['terminate_volume', pick(['true', 'false', 'yes', 'no'])]);
  }
  if (boot === 'boot_volume') {
    kv.push([pick(['boot_volume', 'root_volume']), pick(['root-vol', 'b9a8c7d6-0000-4000-8000-000000000001'])]);
    if (maybe(0.3)) kv.push(['terminate_volume', pick(['true', 'false'])]);
  }
  if (boot === 'image' && maybe(0.1)) kv.push(['volume_size', pick(['20', '40'])]);
  kv.push(['flavor', pick(['m1.small', 'm1.medium', 'ds2G'])]);
  if (maybe(0.4)) kv.push(['volumes', pick(['[data1]', '[data1, data2]', '\n      - data1\n      - logs', '[]', 'data1'])]);
  if (maybe(0.5)) kv.push(pick<[string, string]>([['network', 'private'], ['nics', '[{net-name: private}]'], ['nics', '\n      - net-id: 3b9f5a1c-2d4e-4f60-8a7b-9c0d1e2f3a4b'], ['nics', "[{port-name: p1}]"]]));
  if (maybe(0.4)) kv.push(['key_name', 'ops']);
  if (maybe(0.3)) kv.push(['security_groups', pick(['[default, web]', 'default'])]);
  if (maybe(0.3)) kv.push(['auto_ip', pick(['false', 'no'])]);
  if (maybe(0.2)) kv.push(['meta', pick(['{role: db}', "'role=db,env=prod'", '\n      role: web'])]);
  if (maybe(0.15)) kv.push(['config_drive', pick(['true', 'yes'])]);
  if (maybe(0.15)) kv.push(['availability_zone', 'nova']);
  if (maybe(0.2)) kv.push(['wait', pick(['true', 'no'])]);
  if (maybe(0.1)) kv.push(['timeout', '600']);
  if (maybe(0.1)) kv.push(['userdata', '|\n      #cloud-config\n      packages: [nginx]']);
  if (maybe(0.1)) kv.push(['scheduler_hints', '{group: 0d6c1f2b-3a4d-4c1a-9a0e-2c1e9d0a7f3b}']);
  if (maybe(0.05)) kv.push(['state', 'present']);
  return kv;
}

function opsTask(i: number): string {
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const kv = opsMapping();
  const cloud = maybe(0.5) ? '    cloud: mycloud\n' : '';
  const body = cloud + kv.map(([k, v]) => `    ${k}:${v.startsWith('\n') ? '' : ' '}${v}`).join('\n');
  const style = r();
  if (style < 0.3) return `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: create ${i}\n      ${mod}:\n${body.replace(/^ {4}/gm, '        ').replace(/\n {6}(?=- |\S)/g, '\n          ')}\n`;
  if (style < 0.45) {
    // the task's vars carry the sizes and names, as roles do
    const vars: string[] = [];
    const b = kv.map(([k, v]) => {
      if (v.startsWith('\n') || !maybe(0.4)) return `    ${k}:${v.startsWith('\n') ? '' : ' '}${v}`;
      vars.push(`    srv_${k}: ${v}`);
      return `    ${k}: "{{ srv_${k} }}"`;
    });
    return `- name: create ${i}\n  ${mod}:\n${cloud}${b.join('\n')}\n  vars:\n${vars.length ? vars.join('\n') : '    unused: 1'}\n`;
  }
  return `- name: create ${i}\n  ${mod}:\n${body}\n`;
}

/** jinja mode: the task's vars, each of a type picked at random (YAML) */
function jinjaVars(): string[] {
  return [
    `root_gb: ${pick(['20', '"20"', '"20.5"', 'big', '0', '"0"', '15.0', 'null', 'true', '" 8 "'])}`,
    `env: ${pick(['prod', 'dev', 'PROD'])}`,
    `idx: ${pick(['1', '3', '"7"'])}`,
    `cfg: {size: ${pick(['25', '"25"', 'x', 'null'])}, name: ${pick(['db', 'DB-1'])}}`,
    `vols: ${pick(['[data1, data2]', '[]', 'data1', '[1, 2]', '[data1]'])}`,
    `flag: ${pick(['true', 'false', '"yes"', '"no"', '1', '0', 'null', 'maybe', '"True"'])}`,
    `net: ${pick(['private', 'PRIVATE', '" private "'])}`,
    `prefix: ${pick(['web', 'app-1', 'db_2'])}`,
    `images: ${pick(['[cirros, ubuntu-22.04]', '[" cirros "]', '[]'])}`,
    `image_name: ${pick(['cirros', 'Ubuntu-22.04'])}`,
    `flavor_name: ${pick(['m1.small', 'M1.Large'])}`,
    `family: m1`,
    `size: ${pick(['small', 'large'])}`,
    `key: ${pick(['ops', '" admin "', 'my key'])}`,
    `meta_d: ${pick(['{role: web}', '{role: web, tier: "1"}', '{}'])}`,
  ];
}

const J = {
  volume_size: ['{{ root_gb }}', '{{ root_gb | int }}', '{{ root_gb | int * 2 }}', '{{ root_gb | float }}', '{{ root_gb | default(30) | int }}', '{{ cfg.size | int }}', '{{ cfg.size }}',
    '{{ (root_gb | int) + 10 }}', '{{ root_gb + 10 }}', "{{ 100 if env == 'prod' else 20 }}", '{{ (vols | length) * 10 }}', '{{ root_gb | int(25) }}', '{{ cfg.missing | default(40) }}',
    '{{ root_gb | string }}', '{{ [root_gb | int, 10] | first }}', '{{ root_gb | mandatory }}', '{{ cfg.missing }}', '{{ cfg.missing | mandatory }}', '{{ root_gb | int // 2 }}', '{{ vols | length }}'],
  boot_from_volume: ['{{ flag | bool }}', '{{ flag }}', '{{ root_gb | int > 0 }}', '{{ not flag }}', "{{ flag | ternary('yes', 'no') }}", "{{ env == 'prod' }}", "{{ env | lower == 'prod' and flag }}", 'true'],
  terminate_volume: ['{{ flag | bool }}', "{{ env != 'prod' }}", '{{ flag | lower }}', '{{ flag | string | lower }}', '{{ flag or false }}'],
  image: ['{{ image_name }}', '{{ image_name | lower }}', '{{ images | first }}', '{{ images[0] }}', "{{ image_name | default('cirros') }}", "{{ image_name ~ '-' ~ idx }}", '{{ images | last | trim }}'],
  boot_volume: ["{{ prefix ~ '-root' }}", "{{ prefix | replace('-', '_') }}-root", '{{ prefix | upper }}'],
  flavor: ['{{ flavor_name }}', '{{ flavor_name | lower }}', "{{ [family, size] | join('.') }}", "{{ 'm1.large' if size == 'large' else 'm1.small' }}", '{{ flavor_name | trim | quote }}'],
  volumes: ['{{ vols }}', "{{ vols | join(',') }}", "{{ vols + ['logs'] }}", '{{ vols | to_json }}', '{{ vols | list }}', '{{ vols if flag else [] }}', '{{ vols | string }}'],
  key_name: ["{{ key | default('ops') }}", '{{ key | quote }}', '{{ key | upper }}', '{{ key | trim }}', "{{ key | replace(' ', '-') }}"],
  meta: ['{{ meta_d }}', 'role={{ env | lower }}', '{{ meta_d | to_json }}', 'env={{ env }},idx={{ idx }}'],
  name: ['{{ prefix }}-{{ idx }}', '{{ prefix ~ idx }}', '{{ prefix + idx }}', '{{ prefix | upper }}-{{ idx | int + 1 }}'],
};

function jinjaTask(i: number): string {
  const mod = pick(['openstack.cloud.server', 'os_server']);
  const kv: Array<[string, string]> = [['name', pick(J.name)]];
  const boot = pick(['image', 'bfv', 'bfv', 'boot_volume']);
  if (boot !== 'boot_volume') kv.push(['image', pick(J.image)]);
  if (boot === 'bfv') {
    kv.push(['boot_from_volume', pick(J.boot_from_volume)]);
    if (maybe(0.9)) kv.push(['volume_size', pick(J.volume_size)]);
    if (maybe(0.6)) kv.push(['terminate_volume', pick(J.terminate_volume)]);
  }
  if (boot === 'boot_volume') {
    kv.push(['boot_volume', pick(J.boot_volume)]);
    if (maybe(0.4)) kv.push(['terminate_volume', pick(J.terminate_volume)]);
  }
  kv.push(['flavor', pick(J.flavor)]);
  if (maybe(0.4)) kv.push(['volumes', pick(J.volumes)]);
  if (maybe(0.3)) kv.push(['nics', pick(['[{net-name: "{{ net | trim | lower }}"}]', '"net-name={{ net | lower }}"'])]);
  if (maybe(0.3)) kv.push(['key_name', pick(J.key_name)]);
  if (maybe(0.2)) kv.push(['meta', pick(J.meta)]);
  const body = kv.map(([k, v]) => `    ${k}: ${v.startsWith('[') ? v : `"${v.replace(/"/g, '\\"')}"`}`).join('\n');
  return `- name: jinja ${i}\n  ${mod}:\n${body}\n  vars:\n${jinjaVars().map((v) => `    ${v}`).join('\n')}\n`;
}

/** wild mode: the five boot options in every combination, with YAML 1.1 scalars PyYAML reads its own way */
const W = {
  int: ['20', '0o17', '017', '0x14', '1_0', '+20', '20.', '1.5e+1', '"20"', "'020'", '~', 'null', '', '.inf', '20GB', '1:20', '0b101', 'true', '[20]', '{a: 1}', '!!str 20', '!!int "20"', '2001-12-14', "' 20'", '"0x14"', '"1_0"', '-0', '"+5"', '0.0', '1e3', '"1e3"', '08', '0o8', '"٣"', '"2 0"', '"20\\n"', '3.0e+0'],
  bool: ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'TRUE', 'True', 'False', 'OFF', '"1"', '1.0', "'t'", "'f'", '0', '1', '2', '~', "'Yes'", '"y"', '"off"', '[]', "''", '0.0', 'yEs', "'true '"],
  name: ['vm1', '0o17', '017', '1_000', 'yes', '~', '2001-12-14', '12:30', '"web 1"', '1.0', '.nan', "'#x'", 'x#y'],
  vol: ['root-vol', 'b9a8c7d6-0000-4000-8000-000000000001', '017', 'yes', '~', '""', '[root-vol]', '12:30'],
  vols: ['[data1]', '[data1, data2]', 'data1,data2', '"data1, data2"', 'data1', '[]', '""', '~', '[~]', '[yes, 017]', '{a: b}', '[[data1]]', '[data1, data1]', '"data1,,data2"', '0o17', '",data1"', '"data1,"', '[{name: data1}]', "'[data1]'"],
  image: ['cirros', 'ubuntu-22.04', '""', '~', '017', 'yes', '2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d', '12:30'],
  flavor: ['m1.small', 'ds2G', '4096', '1:30', '017'],
};

function wildMapping(): Array<[string, string]> {
  const kv: Array<[string, string]> = [];
  if (maybe(0.9)) kv.push(['name', pick(W.name)]);
  if (maybe(0.8)) kv.push(['image', pick(W.image)]);
  if (maybe(0.35)) kv.push([pick(['boot_volume', 'root_volume']), pick(W.vol)]);
  if (maybe(0.6)) kv.push(['boot_from_volume', pick(W.bool)]);
  if (maybe(0.6)) kv.push(['volume_size', pick(W.int)]);
  if (maybe(0.5)) kv.push(['terminate_volume', pick(W.bool)]);
  if (maybe(0.5)) kv.push(['volumes', pick(W.vols)]);
  if (maybe(0.9)) kv.push([maybe(0.85) ? 'flavor' : 'flavor_ram', pick(W.flavor)]);
  if (maybe(0.1)) kv.push([pick(['auto_ip', 'config_drive', 'wait', 'delete_fip', 'reuse_ips']), pick(W.bool)]);
  if (maybe(0.08)) kv.push(['timeout', pick(W.int)]);
  if (maybe(0.1)) kv.push(['nics', pick(['[{net-name: private}]', '"net-name=private"', '[]', '[private]', '[{port-id: 017}]'])]);
  if (maybe(0.08)) kv.push(['meta', pick(['{n: 017}', '"a=1,b=yes"', '{on: off}', '[]'])]);
  if (maybe(0.05)) kv.push(['state', pick(['present', 'absent', 'yes'])]);
  if (maybe(0.05)) kv.push([pick(['volume_size', 'image', 'boot_from_volume']), pick(W.int)]); // a duplicated key: the last wins
  return kv.sort(() => r() - 0.5);
}

function wildTask(i: number): string {
  const mod = pick(MODULES);
  const kv = wildMapping();
  const line = ([k, v]: [string, string], ind: string) => `${ind}${k}:${v === '' ? '' : ' '}${v}`;
  const style = r();
  if (style < 0.3) {
    // the task's vars carry the odd scalars, the options name them with filters
    const vars: string[] = [];
    const body = kv.map(([k, v]) => {
      if (!maybe(0.6)) return line([k, v], '    ');
      vars.push(line([`w_${k}`, v], '    '));
      const f = pick(['', '', ' | int', ' | bool', ' | string', ' | default(omit)', ' | default(20)', ' | trim', ' | lower', ' | list', ' | first', ' | float', ' | int | string', ' | length', ' | to_json', " | default('x', true)", ' | mandatory']);
      return `    ${k}: ${pick(['"{{ w_K }}"', f.includes("'") ? '"{{ w_K}}"' : "'{{ w_K }}'", '"{{w_K}}"', '"{{ w_K }} "', '"x{{ w_K }}"', '"{{ w_K }}{{ w_K }}"', '"{{ (w_K) }}"']).replace(/w_K/g, `w_${k}${f}`)}`;
    });
    if (maybe(0.2)) vars.push(`    chain: "{{ ${vars.length ? vars[0]!.trim().split(':')[0] : 'x'} }}"`);
    return `- name: wild ${i}\n  ${mod}:\n${body.join('\n')}\n  vars:\n${vars.length ? vars.join('\n') : '    unused: 1'}\n`;
  }
  if (style < 0.4) {
    // free-form k=v: every value a string, quoted or not
    const words = kv.filter(([, v]) => !/^[[{]/.test(v) && !v.includes(' ')).map(([k, v]) => `${k}=${pick([v, `"${v.replace(/"/g, '')}"`, `'${v.replace(/'/g, '')}'`])}`);
    return `- name: wild ${i}\n  ${mod}: ${words.join(' ')}\n`;
  }
  if (style < 0.5) {
    // args: under the task (the oracle finds no task by its action: key)
    const body = kv.map((p) => line(p, '    ')).join('\n');
    return `- name: wild ${i}\n  ${mod}:\n  args:\n${body}\n`;
  }
  if (style < 0.6) {
    // an anchor and a merge key
    const half = Math.floor(kv.length / 2);
    const base = kv.slice(0, half).map((p) => line(p, '      ')).join('\n');
    const rest = kv.slice(half).map((p) => line(p, '    ')).join('\n');
    return `- name: wild ${i}\n  vars:\n    defaults: &d\n${base || '      x: 1'}\n  ${mod}:\n    <<: *d\n${rest}\n`;
  }
  return `- name: wild ${i}\n  ${mod}:\n${kv.map((p) => line(p, '    ')).join('\n')}\n`;
}

/** shapes mode: the ways a task's arguments may be written around the same options: a flow
 * mapping, `action:`/`local_action:` with free-form words (quoted, with spaces), free-form words
 * and `args:` together, merge keys from one or several anchors (a list), overridden after the
 * merge, anchors on scalars and lists, YAML tags (!!str, !!int, !!float, !!bool, !!null), block
 * scalars (|, >-, |+), plain multi-line scalars, keys in quotes, comments */
function shapesTask(i: number): string {
  const mod = pick(MODULES);
  const kv = wildMapping().filter(([k]) => k !== 'timeout' || maybe(0.5));
  if (!kv.some(([k]) => k === 'name')) kv.push(['name', pick(W.name)]);
  const scalar = (v: string) => /^[[{]/.test(v) ? v : maybe(0.15) ? `${pick(['!!str', '!!int', '!!float', '!!bool', '!!null'])} ${v === '' ? '""' : v}` : v;
  const block = (v: string, ind: string) => `${pick(['|', '>', '|-', '>-', '|+'])}\n${ind}  ${v.replace(/^['"](.*)['"]$/, '$1')}`;
  const val = (v: string, ind: string) => (v !== '' && !/^[[{"'~!]/.test(v) && maybe(0.08) ? block(v, ind) : scalar(v));
  const line = ([k, v]: [string, string], ind: string) => `${ind}${maybe(0.05) ? `"${k}"` : k}:${v === '' ? '' : ' '}${val(v, ind)}${maybe(0.05) ? '  # note' : ''}`;
  const style = r();
  if (style < 0.15) {
    // a flow mapping
    const flow = kv.map(([k, v]) => `${k}: ${v === '' ? '""' : scalar(v)}`).join(', ');
    return `- name: shapes ${i}\n  ${mod}: {${flow}}\n`;
  }
  const word = ([k, v]: [string, string]) => `${k}=${/[ ]/.test(v) ? `"${v.replace(/"/g, '')}"` : pick([v, `'${v.replace(/'/g, '')}'`, `"${v.replace(/"/g, '')}"`])}`;
  const freeKv = kv.filter(([, v]) => !/^[[{]/.test(v));
  if (style < 0.3) {
    // action: / local_action: MODULE k=v ...
    return `- name: shapes ${i}\n  ${pick(['action', 'local_action'])}: ${mod} ${freeKv.map(word).join(' ')}\n`;
  }
  if (style < 0.4) {
    // free-form words and args: together (args win? the oracle says)
    const half = Math.floor(freeKv.length / 2);
    const args = kv.filter((p) => !freeKv.slice(0, half).includes(p));
    return `- name: shapes ${i}\n  ${mod}: ${freeKv.slice(0, half).map(word).join(' ')}\n  args:\n${args.map((p) => line(p, '    ')).join('\n') || '    {}'}\n`;
  }
  if (style < 0.55) {
    // several anchors merged (a list), then keys overridden
    const a = kv.slice(0, Math.ceil(kv.length / 3));
    const b = kv.slice(Math.ceil(kv.length / 3), Math.ceil((2 * kv.length) / 3));
    const rest = kv.slice(Math.ceil((2 * kv.length) / 3));
    const over = maybe(0.4) && a.length ? [[a[0][0], pick(W.int)] as [string, string]] : [];
    return `- name: shapes ${i}\n  vars:\n    base: &a\n${a.map((p) => line(p, '      ')).join('\n') || '      x: 1'}\n    more: &b\n${b.map((p) => line(p, '      ')).join('\n') || '      y: 2'}\n  ${mod}:\n    <<: ${pick(['[*a, *b]', '[*b, *a]'])}\n${[...rest, ...over].map((p) => line(p, '    ')).join('\n') || '    z: 3'}\n`;
  }
  if (style < 0.7) {
    // anchors on scalars and lists in the vars, aliased in the options
    const vars: string[] = [];
    const body = kv.map(([k, v], n) => {
      if (v === '' || !maybe(0.5)) return line([k, v], '    ');
      vars.push(`    v${n}: &s${n} ${scalar(v)}`);
      return `    ${k}: *s${n}`;
    });
    return `- name: shapes ${i}\n  vars:\n${vars.join('\n') || '    unused: 1'}\n  ${mod}:\n${body.join('\n')}\n`;
  }
  if (style < 0.8) {
    // a plain scalar over two lines (folded into one with a space)
    const body = kv.map(([k, v]) => (/^[a-z]/.test(v) && !v.includes(':') && maybe(0.3) ? `    ${k}: ${v}\n      x` : line([k, v], '    ')));
    return `- name: shapes ${i}\n  ${mod}:\n${body.join('\n')}\n`;
  }
  return `- name: shapes ${i}\n  ${mod}:\n${kv.map((p) => line(p, '    ')).join('\n')}\n`;
}

/** dates mode: YAML 1.1 dates and timestamps (and near misses PyYAML keeps as strings or refuses) in the task's vars, read by templates in the options a value flows into the request from */
const D = {
  forms: ['2024-01-02', '2024-02-29', '2023-02-29', '2024-1-2', '2024-01-02 10:00:00', '2024-01-02T10:00:00Z', '2024-01-02t10:00:00.5+05:30',
    '2024-1-2 1:02:03 -08', '2024-01-02 10:00:00 -00:00', '"2024-01-02"', '!!str 2024-01-02', '2024-01-02T10:00:00.123456789', '2024-01-02 10:00',
    '20240102', '2024-13-01', '2024-01-02T24:00:00', '0001-01-01', '9999-12-31 23:59:59.999999', '2024-01-02T10:00:00+23:59', '2024-01-02T10:00:00 +5',
    '2024-01-02  10:00:00', '2024-01-02T10:00:00-05', '1999-12-31T23:59:59Z', '2024-01-02T10:00:05.000001'],
  exprs: ['{{ when }}', '{{ when | string }}', '{{ when.year }}', '{{ when.month }}', '{{ when.day }}', '{{ when.hour }}', '{{ when.tzinfo }}', '{{ when.second + 1 }}',
    '{{ when | int }}', '{{ when | int(7) }}', '{{ when | float }}', '{{ when | bool }}', '{{ when | lower }}', '{{ when | upper }}', '{{ when | trim }}', '{{ when | length }}',
    '{{ when | first }}', '{{ when | last }}', '{{ when | list }}', "{{ when | join(',') }}", '{{ when | to_json }}', "{{ when | replace('-', '') }}", '{{ when | quote }}',
    "{{ when | default('x') }}", '{{ when | mandatory }}', "{{ when | ternary('a', 'b') }}", "{{ 'vm-' ~ when }}", "{{ 'vm-' + when }}", '{{ when + 1 }}', '{{ when - later }}',
    '{{ when == later }}', "{{ when == '2024-01-02' }}", '{{ when < later }}', '{{ when >= later }}', '{{ when > 3 }}', '{{ [when] }}', '{{ [when, later] }}', '{{ cfg }}', '{{ cfg.d }}',
    '{{ dates | first }}', '{{ dates }}', '{{ dates | length }}', '{{ when is string }}', '{{ when is defined }}', "{{ '2024' in when }}", '{{ when in dates }}', '{{ when.foo }}',
    '{{ when[0] }}', "{{ when['year'] }}", '{{ -when }}', '{{ when.isoformat() }}', '{{ not when }}', '{{ when if when else 1 }}', 'x{{ when }}', '{{ when }}{{ later }}',
    '{{ when.year * 0 + 20 }}', '{{ when.day | int * 10 }}', '{{ dates | to_json }}', '{{ cfg | to_json }}', '{{ when.microsecond }}', '{{ when.min }}', '{{ when | default(omit) }}'],
};

function datesTask(i: number): string {
  const mod = pick(['openstack.cloud.server', 'os_server']);
  const e = () => pick(D.exprs);
  const kv: Array<[string, string]> = [['name', maybe(0.6) ? e() : 'vm1']];
  const boot = pick(['image', 'bfv', 'bfv', 'boot_volume']);
  if (boot !== 'boot_volume') kv.push(['image', maybe(0.15) ? e() : 'cirros']);
  if (boot === 'bfv') {
    kv.push(['boot_from_volume', maybe(0.15) ? e() : 'true']);
    kv.push(['volume_size', maybe(0.6) ? e() : '20']);
    if (maybe(0.3)) kv.push(['terminate_volume', e()]);
  }
  if (boot === 'boot_volume') kv.push(['boot_volume', maybe(0.5) ? e() : 'root-vol']);
  kv.push(['flavor', maybe(0.1) ? e() : 'm1.small']);
  const inner = (v: string) => `"${v.replace(/"/g, '\\"')}"`;
  if (maybe(0.3)) kv.push(['volumes', maybe(0.5) ? `[${inner(e())}]` : e()]);
  if (maybe(0.3)) kv.push(['meta', maybe(0.5) ? `{stamp: ${inner(e())}}` : e()]);
  if (maybe(0.2)) kv.push(['key_name', e()]);
  // (no date written into an option itself: Ansible hands the module its isoformat() (AnsibleJSONEncoder,
  // as bdm-lab does), where the oracle's json.dumps(default=str) gives its str(), a space for the `T`)
  const q = (v: string) => (/^(?:\[|\{[^{])/.test(v) || !v.includes('{{') ? v : `"${v.replace(/"/g, '\\"')}"`);
  const body = kv.map(([k, v]) => `    ${k}: ${q(v)}`).join('\n');
  // a form PyYAML refuses (the document is not loaded) only now and then
  const form = () => (maybe(0.3) ? pick(D.forms) : pick(D.forms.filter((f) => !/^(?:2023-02-29|2024-13-01|2024-01-02T24)/.test(f))));
  const w = form();
  const l = maybe(0.7) ? form() : w;
  return `- name: dates ${i}\n  ${mod}:\n${body}\n  vars:\n    when: ${w}\n    later: ${l}\n    dates: [${w}, ${l}]\n    cfg: {d: ${w}, n: 1}\n`;
}

/**
 * yaml mode: YAML 1.1 values where they reach the body (volume_size, boot_from_volume,
 * terminate_volume, name, image, volumes, meta): merge keys from one anchor or a list of them
 * (own keys and earlier sources winning), mappings with keys that are no strings (`on`, `1`, `~`,
 * `1.5`, dates, keys equal in Python: `1` and `true`) read through templates (str, to_json,
 * lookups by key, `in`, list, first, last, length), explicit tags (!!omap, !!pairs, !!float, !!int),
 * octal, hex, base 60, `.inf`/`.nan`, underscores, `=`, duplicated keys
 */
const YV = {
  size: ['20', '0o17', '017', '0x14', '1_0', '+20', '1:20', '0b101', '!!int "20"', '!!float 20', '20.0', '.inf', '.nan', 'yes', '~', '"20"', '!!str 20', '=', '0o8', '1_0.0'],
  bool: ['yes', 'no', 'on', 'off', 'Y', 'n', 'ON', 'oFF', 'True', '!!bool on', '!!str yes', '"on"', '1', '0', '~'],
  name: ['vm1', '0o17', '017', '1_000', 'yes', '~', '12:30', '1:2:3', '.inf', '-.nan', '!!float 1', '1e3', '0x1F', '123456789012345678901234567890', '2001-12-14', '"vm 2"'],
  keys: ['on', 'off', 'yes', '1', '1.5', '~', 'null', '0o17', '017', '0x10', '1:30', '.inf', 'true', '"1"', 'a', '2001-12-14', '1.0', '-0', '0'],
  // (no !!set or !!binary: Ansible hands the module its arguments as JSON (AnsibleJSONEncoder), which
  // refuses a set and bytes, where the oracle's json.dumps(default=str) writes their str())
  meta: ['!!omap [{a: 1}, {b: 2}]', '!!pairs [{a: 1}, {a: 2}]', '{a: 1, a: 2}', '{a: .inf}', '[]', '"a=1,b=on"', '{a: !!float 1, b: !!int "7"}'],
};

function yamlTask(i: number): string {
  const mod = pick(MODULES);
  const kv: Array<[string, string]> = [['name', pick(YV.name)]];
  const boot = pick(['image', 'bfv', 'bfv', 'boot_volume']);
  if (boot !== 'boot_volume') kv.push(['image', maybe(0.8) ? 'cirros' : pick(['017', 'yes', '12:30', '0x1F'])]);
  if (boot === 'bfv') {
    kv.push(['boot_from_volume', maybe(0.6) ? 'true' : pick(YV.bool)]);
    kv.push(['volume_size', pick(YV.size)]);
  }
  if (boot === 'boot_volume') kv.push(['boot_volume', pick(['root-vol', '017', 'on'])]);
  if (maybe(0.5)) kv.push(['terminate_volume', pick(YV.bool)]);
  if (maybe(0.3)) kv.push(['volumes', pick(['[data1, 017]', '[yes, 0x1F]', '[data1]', '[~]', '[1:30, .inf]'])]);
  kv.push(['flavor', pick(['m1.small', 'm1.small', '017', '4096'])]);
  const vars: string[] = [];
  if (maybe(0.6)) {
    // a mapping whose keys are no strings, read through a template
    const keys = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(YV.keys));
    vars.push(`    m: {${keys.map((k, j) => `${k}: ${pick(['v' + j, '1', 'on', '017', '~'])}`).join(', ')}}`);
    // keys written as Jinja literals (a YAML word such as `on` is an undefined variable to Jinja)
    const k = pick(['1', 'true', 'false', 'none', '1.5', '0', "'on'", "'1'", "'true'", '16', '15', '-0', '1.0']);
    const use = pick(['{{ m }}', '{{ m }}', '{{ m | to_json }}', '{{ m | string }}', '{{ m | list }}', '{{ m | list | first }}', `{{ m[${k}] | default('none') }}`, `{{ ${k} in m }}`, '{{ m | length }}', '{{ m | first }}', '{{ m | last }}', `{{ m[${k}] }}`, '{{ m | to_json | length }}']);
    const at = pick(['meta', 'meta', 'name', 'key_name']);
    const idx = kv.findIndex(([x]) => x === at);
    const text = `"${use.replace(/"/g, '\\"')}"`;
    if (idx >= 0) kv[idx] = [at, text];
    else kv.push([at, text]);
  } else if (maybe(0.5)) kv.push(['meta', maybe(0.5) ? pick(YV.meta) : `{${pick(YV.keys)}: ${pick(['x', 'on', '017'])}}`]);
  const line = ([k, v]: [string, string], ind: string) => `${ind}${k}: ${v}`;
  const style = r();
  const varsText = vars.length ? `  vars:\n${vars.join('\n')}\n` : '';
  if (style < 0.45) {
    // merge keys: one anchor, or a list of them (own keys and earlier sources win)
    const cut = 1 + Math.floor(r() * (kv.length - 1));
    const a = kv.slice(0, cut);
    const own = kv.slice(cut);
    let anchors = `    defaults: &d\n${a.map((p) => line(p, '      ')).join('\n')}\n`;
    let merge = '*d';
    if (maybe(0.5)) {
      const other = pick<[string, string]>([['volume_size', pick(YV.size)], ['terminate_volume', pick(YV.bool)], ['name', 'from-e'], ['flavor', 'm1.large'], ['image', 'other']]);
      anchors += `    extra: &e\n${line(other, '      ')}\n`;
      merge = maybe(0.5) ? '[*d, *e]' : '[*e, *d]';
    }
    const body = [`    <<: ${merge}`, ...own.map((p) => line(p, '    '))];
    if (maybe(0.4)) body.push(body.shift()!);
    return `- name: yaml ${i}\n  vars:\n${anchors}${vars.join('\n')}${vars.length ? '\n' : ''}  ${mod}:\n${body.join('\n')}\n`;
  }
  if (maybe(0.1)) kv.push([pick(['volume_size', 'name', 'terminate_volume']), pick(YV.size)]); // a duplicated key: the last wins
  return `- name: yaml ${i}\n  ${mod}:\n${kv.map((p) => line(p, '    ')).join('\n')}\n${varsText}`;
}

const mode = process.argv[4] ?? '';
const make = mode === 'dates' ? datesTask : mode === 'ops' ? opsTask : mode === 'jinja' ? jinjaTask : mode === 'wild' ? wildTask : mode === 'shapes' ? shapesTask : mode === 'yaml' ? yamlTask : task;
const cases = Array.from({ length: n }, (_, i) => ({ id: `${mode || 'gen'}-${i}`, input: make(i) }));
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
