/**
 * hunt23: whole `openstack.cloud.server` tasks (and plays, blocks, `os_server`) whose options are
 * computed with the Jinja that server/src/source/ansible/pyextra.ts reads: `**`, tuples,
 * printf-style `%`, str methods with arguments (`split`, `replace`, `format`, `strip`...), the
 * filters `sum`, `abs`, `min`, `max`, `map('int')`, `from_json`, `b64encode`, `b64decode`,
 * `regex_replace`, `regex_search` and the tests `odd`, `even`, `divisibleby`, `match`, `search`,
 * `regex`, over the task's vars of varied types, so the values (and the TypeError / ValueError a
 * task fails with) reach volume_size, boot_from_volume, terminate_volume, volumes, name, key_name,
 * meta and userdata as the module reads them.
 * Usage: node --import tsx scripts/ansible-hunt23-gen.ts N SEED > cases.json, then
 * /usr/bin/python3 /work/shared/tools/ansible-oracle/ansible_oracle.py --batch cases.json > oracle.jsonl
 * and node --import tsx scripts/ansible-difftest.ts cases.json oracle.jsonl
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 40);
const r = rng(Number(process.argv[3] ?? 23));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = (p: number) => r() < p;

/** the task's vars: each of a type picked at random (YAML as written in a task's `vars:`) */
function vars(): string[] {
  return [
    `x: ${pick(['20', '3', '"20"', '2.5', '-4', '0', 'abc', 'true', 'null', '1e3', '" 7 "'])}`,
    `y: ${pick(['10', '5', '"5"', '1.5', '-2', 'xyz'])}`,
    `i: ${pick(['3', '-3', '0', '-12', '"4"', '2.0', '-1.5'])}`,
    `nn: ${pick(['1', '2', '7', '0', '-3', '"5"', '2.0', '3.0', 'true'])}`,
    `f: ${pick(['1.5', '2.0', '0.1', '-0.5', '40.0', '1e2'])}`,
    `sizes: ${pick(['[10, 20, 30]', '[5]', '[]', '["10", "20"]', '[1.5, 2]', '[10, "x"]', '[-3, 2]'])}`,
    `vols_s: ${pick(['["10", "40", "25"]', '["8", " 9 "]', '[]', '["a", "2"]', '["2.5", "3"]', '[7, "12"]'])}`,
    `prefix: ${pick(['web', 'db', 'app-1', '"a b"', '""', 'Web_2'])}`,
    `idx: ${pick(['3', '12', '"7"', '0', '-1', '2.5', '123'])}`,
    `letter: ${pick(['b', 'c', 'z', '""', '1', 'bb'])}`,
    `env: ${pick(['prod', 'dev', 'PROD', 'stage'])}`,
    `host: ${pick(['web01.example.com', 'db-2.lan', 'plain', '"a.b.c"', '""'])}`,
    `csv: ${pick(['"data1,data2"', '"data1, data2 ,data3"', '""', '"one"', '",x,"'])}`,
    `size_s: ${pick(['20GB', '"40 GiB"', 'none', '"7"', '"1,5"', '"100G"'])}`,
    `vjson: ${pick(["'[\"data1\", \"data2\"]'", "'[]'", "'\"data1\"'", "'[\"data1\",]'", "'{\"a\": 1}'", "'[1, 2]'", "'[\"a\" , \"b\"]'", "'null'"])}`,
    `cfg_json: ${pick(["'{\"size\": 30, \"bfv\": true}'", "'{\"size\": \"12\", \"bfv\": \"no\"}'", "'{\"size\": 1.5e1}'", "'{\"size\": null}'", "'{\"size\": 1e400}'", "'{\"size\": 20,}'", "'{\"size\": NaN}'", "'{\"size\": -0}'"])}`,
    `b64: ${pick(['aGVsbG8gd29ybGQ=', 'MjA=', 'NDA=', 'aGVsbG8', '"!!"', 'ZGF0YTE='])}`,
    `text: ${pick(['"#cloud-config\\npackages: [nginx]\\n"', '"é"', '""', 'plain', '"a\\tb"'])}`,
    `fmt: ${pick(['"%s-%02d"', '"%s-%s"', '"%d"', '"%(name)s"', '"{}-{}"', '"%"'])}`,
    `d: {name: ${pick(['web', 'db', '"1"'])}, size: ${pick(['20', '"30"', 'x', 'null'])}}`,
  ];
}

const VOLUME_SIZE = [
  "{{ '%d' % x }}", "{{ '%d' % (x | int) }}", "{{ '%d' % f }}", "{{ '%.0f' % f }}", "{{ '%s' % x }}", "{{ '%05d' % x }}", "{{ '%i' % y }}", "{{ '%x' % x }}",
  "{{ '%d%d' % (x, y) }}", "{{ '%d' % (x, y) }}", "{{ '%d %d' % x }}", "{{ '%d' % [x] }}", "{{ '%d' % size_s }}", "{{ '%(size)s' % d }}", "{{ '%(size)d' % d }}",
  '{{ x ** 2 }}', '{{ (x | int) ** 2 }}', '{{ 2 ** nn }}', '{{ y ** -1 }}', '{{ f ** 2 }}', '{{ x ** 0.5 }}', '{{ 10 ** 2 }}', '{{ -2 ** 2 }}', '{{ (-2) ** 2 }}', '{{ x | int ** 2 }}', '{{ 2 ** 3 ** 2 }}',
  '{{ [x, y] | sum }}', '{{ [x | int, y | int] | sum }}', '{{ sizes | sum }}', '{{ sizes | sum(start=5) }}', "{{ vols_s | map('int') | sum }}", "{{ vols_s | map('int') | max }}", "{{ vols_s | map('int') | min }}",
  '{{ sizes | max }}', '{{ sizes | min }}', '{{ vols_s | max }}', "{{ vols_s | map('float') | max }}", '{{ [x, y] | max }}', '{{ [f, 2] | min }}', "{{ sizes | max(attribute='size') }}",
  '{{ i | abs }}', '{{ (i * 10) | abs }}', '{{ f | abs }}', '{{ x | abs }}', '{{ -i | abs * 5 }}',
  '{{ (cfg_json | from_json).size }}', "{{ (cfg_json | from_json)['size'] * 2 }}", '{{ cfg_json | from_json | length }}', '{{ vjson | from_json | length }}', '{{ (vjson | from_json)[0] }}',
  '{{ b64 | b64decode }}', '{{ b64 | b64decode | int }}', '{{ x | b64encode }}',
  "{{ size_s | regex_replace('[^0-9]', '') }}", "{{ size_s | regex_replace('\\\\D+', '') | int }}", "{{ size_s | regex_search('[0-9]+') }}", "{{ size_s | regex_search('(\\\\d+)', '\\\\1') | first }}", "{{ size_s | regex_replace('G.*$', '') }}",
  "{{ size_s.split('G')[0] }}", "{{ size_s.replace('GB', '') }}", "{{ size_s.strip('GB') }}", "{{ '{}'.format(x) }}", "{{ '{:d}'.format(x) }}", "{{ '{0}{0}'.format(y) }}", "{{ size_s.rstrip('GiB ') | int * 2 }}",
  "{{ (x, y)[0] }}", '{{ (x, y) | first }}', '{{ (x,) | sum }}', "{{ 40 if nn is odd else 20 }}", "{{ 30 if x is divisibleby 10 else 10 }}", "{{ fmt % (x, y) }}",
];

const BFV = [
  '{{ nn is odd }}', '{{ nn is even }}', '{{ nn is divisibleby 2 }}', '{{ nn is divisibleby(3) }}', '{{ x is odd }}', '{{ f is even }}', '{{ (sizes | length) is odd }}', '{{ nn is not odd }}',
  "{{ host is match('web') }}", "{{ host is search('example') }}", "{{ host is regex('^db') }}", "{{ host is match('.*lan$') }}", "{{ env is match('prod', ignorecase=True) }}", "{{ host is search('[') }}",
  '{{ (cfg_json | from_json).bfv }}', "{{ 'yes' if nn is odd else 'no' }}", '{{ i | abs > 2 }}', "{{ '%s' % (nn is odd) }}", "{{ b64 | b64decode == 'hello world' }}", '{{ nn ** 2 > 10 }}',
  "{{ env.startswith('pr') }}", "{{ env.lower().endswith('od') }}", "{{ csv.split(',') | length > 1 }}", '{{ [nn, 1] | max is odd }}', 'true',
];

const TERMINATE = [
  '{{ nn is even }}', '{{ nn is divisibleby 3 }}', "{{ env is match('dev') }}", "{{ host is search('\\\\.lan') }}", '{{ idx is odd }}', "{{ env.upper() == 'PROD' }}", "{{ (x | int) is divisibleby 0 }}",
  "{{ 'true' if env is regex('d') else 'false' }}", '{{ i | abs is odd }}', "{{ '%s' % (env == 'dev') }}", 'yes',
];

const NAME = [
  "{{ '%s-%02d' % (prefix, idx) }}", "{{ '%s-%02d' % (prefix, i) }}", "{{ '%s-%03d' % (prefix, idx | int) }}", "{{ '%s-%s' % (prefix, idx) }}", "{{ '%s-%s' % prefix }}", "{{ '%s' % (prefix,) }}", "{{ fmt % (prefix, idx) }}",
  "{{ '%-6s|' % prefix }}", "{{ '%5.2f' % f }}", "{{ '%(name)s-%(size)s' % d }}", "{{ '%c%c' % (65, 66) }}", "{{ '%r' % prefix }}", "{{ '%s-%s' % (prefix, sizes) }}", "{{ '%s' % d }}",
  "{{ '{}-{}'.format(prefix, idx) }}", "{{ '{0}-{1:02d}'.format(prefix, idx) }}", "{{ '{name}-x'.format(name=prefix) }}", "{{ '{}-{}'.format(prefix) }}", "{{ '{}'.format(sizes) }}", "{{ '{!r}'.format(prefix) }}", "{{ '{:>6}'.format(prefix) }}",
  "{{ csv.split(',')[0] }}", "{{ csv.split(',') | last }}", "{{ csv.split(',')[3] }}", "{{ host.split('.')[0] }}", "{{ host.split('.', 1) | last }}", "{{ host.rsplit('.', 1)[0] }}", "{{ host.split() | first }}", "{{ prefix.split('') }}",
  "{{ host | regex_replace('\\\\..*$', '') }}", "{{ host | regex_replace('(\\\\w+)', '\\\\1-x') }}", "{{ prefix | regex_replace('[-_]', '') }}", "{{ host | regex_replace('^(?P<h>[^.]+).*', '\\\\g<h>') }}", "{{ host | regex_replace('o', '0', 1) }}",
  "{{ host | regex_search('^[a-z]+') }}", "{{ host | regex_search('[0-9]+') | default('none', true) }}", "{{ host | regex_replace('(', '') }}", "{{ host | regex_replace('\\\\.', '-', ignorecase=true) }}",
  "{{ host.replace('.', '-') }}", "{{ host.replace('.', '-', 1) }}", "{{ prefix.upper() }}-{{ idx }}", "{{ prefix.strip() }}", "{{ '-'.join([prefix, env]) }}", "{{ '-'.join([prefix, idx]) }}", "{{ prefix.title() }}",
  "{{ prefix ~ '-' ~ (i | abs) }}", "{{ prefix }}-{{ sizes | sum }}", "{{ prefix }}-{{ 2 ** (idx | int) }}", "{{ text | b64encode }}", "{{ b64 | b64decode }}", "{{ prefix.startswith(('w', 'd')) }}",
];

const VOLUMES = [
  '{{ vjson | from_json }}', "{{ csv.split(',') }}", "{{ csv.split(',') | map('trim') | list }}", "{{ ['/dev/vd%s' % letter] }}", "{{ ['vol-%02d' % idx, 'vol-%02d' % (idx | int + 1)] }}",
  "{{ ('%s-data' % prefix, '%s-logs' % prefix) }}", "{{ (prefix, env) | list }}", "{{ ['data%d' % nn] }}", "{{ '/dev/vd%s' % letter }}", "{{ (vjson | from_json) + ['logs'] }}", "{{ csv.split(',', 1) }}",
  "{{ csv | regex_replace(' ', '') }}", "{{ ['{}-vol'.format(prefix)] }}", "{{ vjson }}",
];

const USERDATA = [
  "{{ text | b64encode }}", "{{ 'hello' | b64encode }}", "{{ b64 | b64decode }}", "{{ '#!/bin/sh\\necho %s\\n' % prefix }}", "{{ '%s' % text }}", "{{ text.replace('nginx', 'httpd') }}", "{{ b64 | b64decode | b64encode }}",
];

const META = [
  "{{ {'dev': '/dev/vd%s' % letter, 'idx': '%d' % (i | abs)} }}", "dev=/dev/vd{{ letter }},boot={{ i | abs }}", "{{ {'n': nn ** 2} }}", "{{ {'role': env.lower(), 'host': host.split('.')[0]} }}",
  "role={{ '%s' % env }},size={{ sizes | sum }}", "{{ cfg_json | from_json }}", "{{ {'x': '%05.1f' % f} }}",
];

const KEY = ["{{ '%s_key' % env }}", "{{ '{}-{}'.format(env, 'key') }}", "{{ env.lower().strip() }}", "{{ host.split('.')[0] | regex_replace('-', '_') }}", "{{ 'k%d' % (i | abs) }}"];

function q(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function mapping(): Array<[string, string]> {
  const kv: Array<[string, string]> = [['name', q(pick(NAME))]];
  const boot = pick(['image', 'bfv', 'bfv', 'bfv', 'boot_volume']);
  if (boot !== 'boot_volume') kv.push(['image', pick(['cirros', 'ubuntu-22.04'])]);
  if (boot === 'bfv') {
    kv.push(['boot_from_volume', q(pick(BFV))]);
    if (maybe(0.92)) kv.push(['volume_size', q(pick(VOLUME_SIZE))]);
    if (maybe(0.6)) kv.push(['terminate_volume', q(pick(TERMINATE))]);
  }
  if (boot === 'boot_volume') {
    kv.push([pick(['boot_volume', 'root_volume']), q(pick(["{{ '%s-root' % prefix }}", "{{ '{}-root'.format(prefix) }}", "{{ csv.split(',')[0] }}", '{{ (vjson | from_json) | first }}']))]);
    if (maybe(0.5)) kv.push(['terminate_volume', q(pick(TERMINATE))]);
  }
  if (boot === 'image' && maybe(0.3)) kv.push(['volume_size', q(pick(VOLUME_SIZE))]);
  kv.push(['flavor', pick(['m1.small', q("{{ 'm1.%s' % ('large' if nn is odd else 'small') }}"), q("{{ '{}.{}'.format('m1', 'small') }}")])]);
  if (maybe(0.45)) kv.push(['volumes', q(pick(VOLUMES))]);
  if (maybe(0.25)) kv.push(['userdata', q(pick(USERDATA))]);
  if (maybe(0.2)) kv.push(['meta', q(pick(META))]);
  if (maybe(0.2)) kv.push(['key_name', q(pick(KEY))]);
  if (maybe(0.15)) kv.push(['nics', pick(['[{net-name: private}]', q("{{ [{'net-name': '%s-net' % env}] }}"), q("net-name={{ '%s' % env }}")])]);
  return kv;
}

function task(i: number): string {
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const kv = mapping();
  const v = vars().map((s) => `    ${s}`).join('\n');
  const body = kv.map(([k, val]) => `    ${k}: ${val}`).join('\n');
  const style = r();
  // the oracle templates with the task's own vars only (as bdm-lab reads them): vars stay on the task
  if (style < 0.25) {
    const t = `- name: hunt23 ${i}\n  ${mod}:\n${body}\n  vars:\n${v}\n`;
    return `- hosts: localhost\n  gather_facts: false\n  tasks:\n${t.replace(/^(?=.)/gm, '    ')}`;
  }
  if (style < 0.35) {
    const t = `- name: inner\n  ${mod}:\n${body}\n  vars:\n${v}\n`;
    return `- name: hunt23 ${i}\n  block:\n${t.replace(/^(?=.)/gm, '    ')}  rescue:\n    - debug: msg=failed\n`;
  }
  return `- name: hunt23 ${i}\n  ${mod}:\n${body}\n  vars:\n${v}\n`;
}

const cases = Array.from({ length: n }, (_, i) => ({ id: `hunt23-${i}`, input: task(i) }));
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
