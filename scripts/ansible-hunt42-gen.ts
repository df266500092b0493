/**
 * hunt42: hunt42's playbooks (scripts/ansible-hunt42-gen.ts, copied and varied) with what hunt42
 * left unread and more: unquoted `{{ }}` values (YAML reads a flow mapping: the loader refuses the
 * file), `{% for ... recursive %}` with `loop(...)` and `loop.depth`, `{% set x | filter %}` block
 * sets, the filters batch, slice, combinations, pow, from_yaml and random, and a spread of other
 * filters and tests (set algebra, to_yaml, indent, truncate, log/root, human_to_bytes, groupby,
 * sum/min/max with attribute, wordcount, title, center, hash, type_debug, flatten, extract...).
 * Labels by scripts/ansible-hunt42-label.py; count by scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt42-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False nice -n 10 /usr/bin/python3 scripts/ansible-hunt42-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(42);
const { n, pick, maybe } = draws;

const PLAY_VARS = [
  'root_gb: 20', "root_gb_s: '30'", 'use_bfv: true', "bfv_s: 'yes'", 'keep: false', 'img: cirros', 'flv: m1.small',
  'data_vols: [data1, data2]', 'vol_names: [v1, v2, v3]', "vol_dicts: [{name: d1, size: 5}, {name: d2, size: 10, keep: true}]",
  'server_cfg: {size: 8, bfv: true, terminate: false}', 'tree: [{size: 5, kids: [{size: 7, kids: []}]}, {size: 9}]', "yml: 'size: 4'", 'one: [30]', "nested: [[1, 2], [3, [4]]]", "mem: '2 GB'", 'sizes: [5, 10, 15]', "root_vol: rootvol", "empty_list: []", "blank: ''", 'env: prod', 'envs: [prod, staging]',
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
const dq = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** a quoted scalar over lines: its text split at a blank, the later lines at column 0 (\x01), a little indented, or blank lines between */
function overLines(v: string, quote: (s: string) => string): string {
  const q = quote(v);
  const cuts = [...q.matchAll(/ /g)].map((m) => m.index!).filter((i) => i > 1 && i < q.length - 2);
  if (!cuts.length) return q;
  const at = pick(cuts);
  const lead = pick(['\x01', '\x01', '\x01  ', ' ', '\x01\t']);
  // (HUNT42_COLUMN0=0: every later line indented past its key, for a count of the rest)
  if (process.env.HUNT42_COLUMN0 === '0') return `${q.slice(0, at)}\n${' '.repeat(12)}${q.slice(at + 1)}`;
  const gap = maybe(0.2) ? '\n' : '';
  return `${q.slice(0, at)}\n${gap}${lead}${q.slice(at + 1)}`;
}

/** white space between tags: none, blanks, line breaks */
const GAP = ['', '', ' ', '\n', ' \n  ', '\n\n'];
/** a tag's opening and closing whitespace control */
const open = (block: boolean) => (block ? pick(['{%', '{%', '{%-', '{%+']) : pick(['{{', '{{', '{{-']));
const close = (block: boolean) => (block ? pick(['%}', '%}', '-%}', '+%}']) : pick(['}}', '}}', '-}}']));
/** a template composed at random (`num`: it should give a number) */
function composed(depth: number, num: boolean, names: string[] = []): string {
  const e = () => (num ? pick(['root_gb', 'sizes | max', '5', ...names.map((x) => `${x} * 2`)]) : pick(['env', 'img', '"x"', ...names]));
  const k = depth > 2 ? 0 : Math.floor(draws.r() * 5);
  const g = () => pick(GAP);
  const inner = () => composed(depth + 1, num, names);
  switch (k) {
    case 1: return `${open(true)} if ${pick(['use_bfv', 'keep', 'root_gb > 10', 'env == "prod"'])} ${close(true)}${g()}${inner()}${g()}${open(true)} else ${close(true)}${g()}${inner()}${open(true)} endif ${close(true)}`;
    case 2: {
      const v = pick(['s', 'v', 'i']);
      const it = pick(['sizes', 'range(2)', '[1, 2]', 'vol_names']);
      return `${open(true)} for ${v} in ${it}${maybe(0.3) ? ` if ${v} ${pick(['!= 5', 'is defined', '== "v2"'])}` : ''} ${close(true)}${g()}${composed(depth + 1, num, [...names, v])}${maybe(0.3) ? '{{ loop.index }}' : ''}${g()}${open(true)} endfor ${close(true)}`;
    }
    case 3: {
      const v = pick(['x', 'y']);
      return `${open(true)} set ${v} = ${e()} ${close(true)}${g()}${composed(depth + 1, num, [...names, v])}`;
    }
    case 4: return `${g()}${open(false)} ${e()} ${close(false)}${g()}${inner()}`;
    default: return `${open(false)} ${e()} ${close(false)}`;
  }
}

/** volume_size values */
const SIZE = [
  '10', "'{{ root_gb }}'", '{% for n in tree recursive %}{{ n.size }}{% if n.kids is defined %}{{ loop(n.kids) }}{% endif %}{% endfor %}', '{% for s in sizes recursive %}{{ s }}{% endfor %}',
  '{% for n in tree recursive %}{% if n.kids is defined %}{{ loop(n.kids) }}{% else %}{{ n.size }}{% endif %}{% endfor %}', '{% for n in tree recursive %}{{ loop.depth }}{{ loop(n.kids | default([])) }}{% endfor %}',
  '{% for s in nested recursive %}{% if s is iterable %}{{ loop(s) }}{% else %}{{ s }}{% endif %}{% endfor %}', '{% for n in tree recursive %}{{ loop.depth0 }}{% endfor %}', '{% for s in sizes %}{{ loop([]) }}{% endfor %}',
  '{% for n in tree recursive %}{{ loop.index }}{{ loop(n.kids | default([])) }}{% endfor %}', '{% for n in tree if n.size > 5 recursive %}{{ n.size }}{% endfor %}', '{% for n in tree recursive %}{{ loop(n.kids | default([])) | length }}{% endfor %}',
  '{% set x | trim %} 40 {% endset %}{{ x }}', '{% set x | int %}40{% endset %}{{ x + 1 }}', '{% set x | replace("4", "5") %}40{% endset %}{{ x }}', '{% set x | trim | int %} 4 {% endset %}{{ x * 3 }}',
  '{% set x | length %}abc{% endset %}{{ x }}', '{% set x | upper %}{{ env }}{% endset %}{{ x | length }}', '{% set x | float %}4{% endset %}{{ x }}', '{% set x | from_yaml %}[4, 5]{% endset %}{{ x | sum }}', '{% set x|trim %}{{ root_gb }} {% endset %}{{ x }}',
  '{{ sizes | batch(2) | first | sum }}', '{{ sizes | batch(2) | list | length }}', '{{ sizes | batch(2, 0) | last | sum }}', '{{ sizes | slice(2) | first | sum }}', '{{ sizes | slice(2, 9) | list | last | sum }}', '{{ sizes | slice(0) | list }}',
  '{{ sizes | combinations(2) | list | length }}', '{{ sizes | combinations(2) | map("sum") | max }}', '{{ vol_names | combinations(2) | list | length * 10 }}', '{{ 2 | pow(3) | int }}', '{{ 2 | pow(3) }}', '{{ root_gb | pow(2) | int }}', '{{ "2" | pow(2) }}',
  '{{ (yml | from_yaml).size }}', '{{ "[4, 5]" | from_yaml | sum }}', '{{ "4" | from_yaml }}', '{{ "4" | from_yaml + 1 }}', '{{ "a: [" | from_yaml }}', '{{ one | random }}', '{{ sizes | random }}', '{{ [] | random }}', '{{ 1 | random }}',
  '{{ sizes | intersect([5, 15]) | sum }}', '{{ sizes | difference([5]) | first }}', '{{ sizes | union([20]) | max }}', '{{ sizes | symmetric_difference([5, 25]) | length }}', '{{ nested | flatten | sum }}', '{{ nested | flatten(levels=1) | length }}',
  '{{ vol_dicts | sum(attribute="size") }}', '{{ vol_dicts | map(attribute="size") | sum }}', '{{ (vol_dicts | max(attribute="size")).size }}', '{{ (vol_dicts | min(attribute="size")).size }}', '{{ (vol_dicts | groupby("size") | first)[0] }}',
  '{{ mem | human_to_bytes // 1073741824 }}', '{{ "10G" | human_to_bytes // 1073741824 }}', '{{ 100 | log(10) | int }}', '{{ 64 | root(3) | int }}', '{{ 1000 | log | int }}', '{{ env | wordcount }}', '{{ "a b c" | wordcount * 10 }}',
  '{{ sizes | map("string") | join("") | int }}', '{{ [1, 2] | extract(sizes) }}', '{{ 1 | extract(sizes) }}', '{{ root_gb | type_debug | length }}', '{{ env | hash("md5") | length }}', '{{ env | truncate(2) | length }}',
  '{{ root_gb | string | center(4) | trim }}', '{{ sizes | to_yaml | length }}', '{{ "5\n" | indent(2) | trim }}', '{{ env | title | length }}', '{{ sizes | sum(start=10) }}', '{{ sizes | selectattr("real") | list | length }}',
  '{{ [root_gb, 5] | max }}', '{{ sizes | last }}', '{{ sizes[1:] | sum }}', '{{ root_gb | int | abs }}', '{{ sizes | unique | length }}', '{{ vol_names | length * 10 }}',
];
/** block scalars holding a template (their lines, after the key) */
const BLOCK_SIZE = [
  ['>-', '{% if use_bfv %}', '40', '{% else %}', '10', '{% endif %}'], ['|', '{% if use_bfv %}', '40', '{% endif %}'], ['>', '{{ root_gb', '+ 5 }}'], ['|-', '{% set x = root_gb * 2 %}', '{{ x }}'],
  ['>-', '{%- for s in sizes -%}', '  {{ s }}', '{%- endfor -%}'], ['|+', '{{ root_gb }}', ''], ['>-', '{% set ns = namespace(t=0) %}', '{% for s in sizes %}{% set ns.t = ns.t + s %}{% endfor %}', '{{ ns.t }}'],
  ['|', '{% for s in sizes %}', '{% if loop.last %}{{ s }}{% endif %}', '{% endfor %}'], ['>-', '{{ sizes', '   | max }}'],
];
const SIZE_QUOTED = SIZE.map((v) => (v.startsWith("'") || v.startsWith('"') || /^\d+$/.test(v) ? v : pick([sq, dq])(v)));
/** boolean option values */
const BOOL = ['true', 'false', 'yes', "'yes'", "'{{ use_bfv }}'", "'{{ keep }}'", "'{% set z = use_bfv %}{{ z }}'", "'{{- keep -}}'", "' {{- use_bfv }}'", "'{%- if keep %}yes{% else %}no{% endif -%}'", "'{% for v in vol_names if v == \"v2\" %}{{ loop.first }}{% endfor %}'"];
/** volumes values */
const VOLS = [
  '[data1, data2]', "'{{ data_vols }}'", "'{% set vs = vol_names + [\"v9\"] %}{{ vs }}'", "'[{% for v in vol_names %}\"{{ v }}\"{% if not loop.last %},{% endif %}{% endfor %}]'",
  "'[ {%- for v in vol_names -%} \"{{ v }}\", {%- endfor -%} ]'", "'{% for v in vol_names if v != \"v2\" %}{{ v }}{% if not loop.last %},{% endif %}{% endfor %}'",
  "'[{% for d in vol_dicts if d.keep is not defined %}\"{{ d.name }}\"{% endfor %}]'", "'{%- set x = data_vols -%} {{ x }}'", "'{{ vol_names[loop.index] }}'",
  "'{{ vol_names | batch(1) | map(\"first\") | list }}'", "'{{ vol_names | slice(1) | first }}'", "'{{ \"[v1]\" | from_yaml }}'", "'{{ vol_names | difference([\"v2\"]) }}'", "'{{ vol_names | union(data_vols) }}'", '{{ data_vols }}',
  "'{% set x | from_yaml %}[{{ vol_names | join(\", \") }}]{% endset %}{{ x }}'", "'{{ [vol_names, data_vols] | flatten }}'",
];
/** names (some written over lines) */
const NAME = ['vm', '{{ env }}', "'{{ env | title }}-{{ sizes | combinations(2) | list | length }}'", "'{% set n | trim %} {{ env }} {% endset %}{{ n }}'", "'{% for n in tree recursive %}{{ n.size }}-{% endfor %}'", "'{{ env }}-vm'", 'vm {{ env }} x', '{{ env }} {{ root_gb }}', 'a {%- if use_bfv %} b{% endif %}', 'x {{- env -}} y', '{% for v in vol_names %}{{ v }} {% endfor %}', 'a {# c #} b', 'vm {{ env | upper }} one'];

const WHEN = [
  'use_bfv', 'keep', 'not keep', "env == 'prod'", 'root_gb > 10', 'missing_v', 'missing_v is defined', 'missing_v | default(true)', 'missing_v.x', 'not missing_v', 'keep or missing_v', 'use_bfv and missing_v',
  '{% set z = 1 %}use_bfv', '{% set z = keep %}{{ z }}', '{%- if keep %}true{% endif %} use_bfv', 'use_bfv {#- c #}', ' {{- keep -}} ', '{{- use_bfv }}',
  '{% for v in vol_names if v == "v2" %}{{ loop.first }}{% endfor %}', 'sizes | batch(2) | list | length == 2', '(yml | from_yaml).size == 4', '2 | pow(2) == 4', 'one | random == 30', '{% set x | trim %} yes {% endset %}{{ x }}', 'sizes | intersect([5]) | length > 0', 'mem | human_to_bytes > 1000', '{% for v in vol_names %}{% if loop.last %}{{ v == "v3" }}{% endif %}{% endfor %}', '"{{ missing_v }}"', '{{ keep }}',
];

function whenLine(): string[] {
  if (maybe(0.45)) {
    const first = maybe(0.5) ? pick(['missing_v', 'missing_v.x', 'not missing_v', 'missing_v == 1', 'missing_v | bool', 'keep or missing_v', 'use_bfv and missing_v']) : pick(WHEN);
    const xs = [first, pick(WHEN), ...(maybe(0.3) ? [pick(WHEN)] : [])];
    if (maybe(0.2)) return [`when: [${xs.map(sq).join(', ')}]`];
    return ['when:', ...xs.map((w) => `    - ${sq(w)}`)];
  }
  const w = pick(WHEN);
  if (maybe(0.2) && w.includes(' ')) return [`when: ${overLines(w, pick([sq, dq]))}`];
  return [`when: ${sq(w)}`];
}

const TASK_VARS = ['root_gb: 40', 'use_bfv: false', 'keep: true', 'env: staging', "vol_names: [tv1]", "sizes: [1, 2]"];

function serverTask(i: number, indent: string): string {
  const args: Array<[string, string]> = [];
  const name = maybe(0.25) ? composed(0, false) : pick(NAME);
  args.push(['name', maybe(0.5) && name.includes(' ') && !name.startsWith("'") ? overLines(name, pick([sq, dq])) : name.startsWith("'") || !/[{ ]/.test(name) ? name : sq(name)]);
  const style = pick(['bfv', 'bfv', 'bfv', 'image', 'bootvol']);
  if (style !== 'bootvol') args.push(['image', pick(['cirros', "'{{ img }}'"])]);
  args.push(['flavor', pick(['m1.small', "'{{ flv }}'"])]);
  if (style === 'bfv') {
    args.push(['boot_from_volume', pick(BOOL)]);
    const size = maybe(0.2) ? pick([sq, dq])(composed(0, true)) : pick(SIZE_QUOTED);
    if (maybe(0.12)) {
      const [style, ...body] = pick(BLOCK_SIZE);
      args.push(['volume_size', `${style}\n${body.map((l) => (l ? `  ${l}` : '')).join('\n')}`]);
    } else args.push(['volume_size', maybe(0.15) && size.includes(' ') && !size.includes('\n') ? overLines(size.slice(1, -1).replace(/''/g, "'"), pick([sq, dq])) : size]);
  } else if (style === 'bootvol') args.push(['boot_volume', pick(['rootvol', "'{{ root_vol }}'", "'{% set r = root_vol %}{{ r }}'", overLines('{{ root_vol | default("x") }}', dq)])]);
  if (maybe(0.3)) args.push(['terminate_volume', pick(BOOL)]);
  if (maybe(0.35)) args.push(['volumes', pick(VOLS)]);
  if (maybe(0.1)) args.push(['meta', pick(["'{% set m = {\"env\": env} %}{{ m }}'", '{env: prod}', overLines('env={{ env }} tier=gold', dq)])]);
  // (now and then an unquoted template: YAML reads `{{ x }}` as a flow mapping)
  if (maybe(0.06)) {
    const k = Math.floor(draws.r() * args.length);
    args[k] = [args[k]![0], pick(['{{ root_gb }}', '{{ env }}', '{{ img }}', '{{ flv }}', '{{ use_bfv }}', '{{ sizes | max }}', '{{ root_gb }} # size', '{{ env }}-vm', '[{{ env }}]'])];
  }
  const mod = pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server']);
  const lines = [`- name: server ${i}`, `  ${mod}:`];
  // (a value's later lines are the value's own: a \x01 line is written at column 0)
  for (const [k, v] of args) lines.push(`    ${k}: ${v.replace(/\n(?!\x01)(?=.)/g, '\n      ')}`);
  if (maybe(0.3)) {
    const vs = TASK_VARS.filter(() => maybe(0.3));
    if (vs.length) lines.push('  vars:', ...vs.map((v) => `    ${v}`));
  }
  if (maybe(0.4)) lines.push(...whenLine().map((l) => `  ${l}`));
  return lines.join('\n').split('\n').map((l) => (l.startsWith('\x01') ? l : indent + l)).join('\n');
}

function setFact(indent: string): string {
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`];
  const facts = TASK_VARS.filter(() => maybe(0.3));
  if (maybe(0.5)) facts.push(pick(["root_gb: '{% set g = root_gb * 2 %}{{ g }}'", "vol_names: '[{% for v in vol_names if v != \"v1\" %}\"{{ v }}\",{% endfor %}]'", "root_gb: '{{- root_gb + 1 -}}'", "use_bfv: '{%- if keep %}false{% else %}true{% endif -%}'", `env: ${overLines('{{ env }} x', dq)}`]));
  if (!facts.length) facts.push("root_gb: '{{ root_gb | int + 1 }}'");
  lines.push(...facts.map((f) => `    ${f}`));
  if (maybe(0.3)) lines.push(...whenLine().map((l) => `  ${l}`));
  return lines.map((l) => (l.startsWith('\x01') ? l : indent + l)).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.5)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:']).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.3)) parts.push(`${indent}  vars:\n${TASK_VARS.filter(() => maybe(0.3)).concat(['root_gb: 33']).map((v) => `${indent}    ${v}`).join('\n')}`);
    if (maybe(0.2)) parts.push(`${indent}  when: ${sq(pick(['use_bfv', 'missing_v is defined', 'not keep', '{% set q = use_bfv %}{{ q }}']))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`)],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

printCases('hunt42', n, () => inPlay().replace(/^[ \t]*\x01/gm, ''));
