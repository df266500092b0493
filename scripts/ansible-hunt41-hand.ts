/**
 * hunt41 hand cases: one server task each, for what hunt40 left: `{% set %}` in values and
 * conditions, `{% for ... if ... %}` filters, whitespace control (`{%-`, `-%}`, `{{-`, `-}}`,
 * `{#-`, `-#}`), `loop.index`/`loop.first`/... inside a `{% for %}`, a `when:` list whose first
 * condition names an undefined variable, and double-quoted values that go on over lines (some at
 * column 0). Prints the cases as JSON; label them with scripts/ansible-hunt38-label.py.
 *   node --import tsx scripts/ansible-hunt41-hand.ts > hand.json
 */
export {};

const PLAY = [
  '- hosts: localhost', '  gather_facts: false', '  vars:', '    root_gb: 20', '    use_bfv: true', '    keep: false', '    env: prod',
  '    sizes: [5, 10, 15]', '    vol_names: [v1, v2]', '    vol_dicts: [{name: d1, size: 5}, {name: d2, size: 10, keep: true}]', '  tasks:',
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
const task = (args: Array<[string, string]>, when?: string[]) => [
  '    - openstack.cloud.server:', ...args.map(([k, v]) => `        ${k}: ${v}`), ...(when === undefined ? [] : when),
].join('\n');
const bfv = (size: string, q = sq): Array<[string, string]> => [['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['boot_from_volume', 'true'], ['volume_size', q(size)]];
const plain = (name = 'vm'): Array<[string, string]> => [['name', name], ['image', 'cirros'], ['flavor', 'm1.small']];

const cases: Array<[string, string]> = [];
const add = (id: string, t: string) => cases.push([id, `${PLAY.join('\n')}\n${t}\n`]);
// {% set %}
['{% set x = root_gb * 2 %}{{ x }}', '{% set x = 5 %}{% set x = x + 1 %}{{ x }}', '{% set root_gb = 7 %}{{ root_gb }}', '{{ root_gb }}{% set root_gb = 7 %}',
  '{% set x = 3 %}{% for s in sizes %}{% set x = s %}{% endfor %}{{ x }}', '{% if use_bfv %}{% set x = 30 %}{% endif %}{{ x }}', '{% set x = sizes | max %}{{ x + 1 }}',
  '{% set a, b = sizes[:2] %}{{ a + b }}', '{% set x %}40{% endset %}{{ x }}', '{% set x = %}1', '{% set x = missing_v %}{{ x | default(12) }}', '{% set x = missing_v %}{{ x }}',
  '{% set x = 1 %}', '{% set 1 = 2 %}3', '{% set x = 4 %}{{ y }}{% set y = 2 %}', '{% for s in sizes %}{% set t = s * 2 %}{{ t }}{% endfor %}',
  '{% set x = [1, 2] %}{{ x | sum }}', '{% set x = {"a": 9} %}{{ x.a }}', '{% set x = root_gb %}{% set root_gb = 1 %}{{ x }}{{ root_gb }}'].forEach((v, i) => add(`hand-s-${i}`, task(bfv(v))));
// unpacking and block sets
['{% for k, v in server_cfg.items() %}{% if k == "size" %}{{ v * 5 }}{% endif %}{% endfor %}', '{% for a, b in sizes | zip([1, 2, 3]) %}{{ a * b }}{% endfor %}',
  '{% for a, b in sizes %}{{ a }}{% endfor %}', '{% for a, b in ["ab", "cd"] %}{{ b }}{% endfor %}', '{% for a, in [[4]] %}{{ a }}{% endfor %}', '{% set a, b = sizes[1:] %}{{ b - a }}',
  '{% set a, b = sizes %}{{ a }}', '{% set a, b = "12" %}{{ b }}{{ a }}', '{% set x %}{{ root_gb }}{% endset %}{{ x | int + 1 }}', '{% set x %}4{% if use_bfv %}5{% endif %}{% endset %}{{ x }}',
  '{% for s in sizes %}{% set t %}{{ s }}0{% endset %}{{ t }}{% endfor %}', '{% set x | trim %} 40 {% endset %}{{ x }}', '{% set x %}40', '{% endset %}', '{% if use_bfv %}{% set x %}1{% endif %}{% endset %}',
  '{% for loop in sizes %}{{ loop }}{% endfor %}', '{% for s in sizes %}{{ loop.previtem }}{% endfor %}', '{% for s in sizes %}{{ loop.nextitem | default(0) }}{% endfor %}', '{% set x = 1 %}{% set x %}{{ x }}2{% endset %}{{ x }}',
  '{% set a, b = 1 %}{{ a }}', '{% for k, v in server_cfg | dictsort %}{% if k == "size" %}{{ v }}{% endif %}{% endfor %}',
  '{% set x %}{% set root_gb = 1 %}{% endset %}{{ root_gb }}', '{% set x %}{% set root_gb = 1 %}{{ root_gb }}{% endset %}{{ x }}{{ root_gb }}', '{% for s in [] %}{% else %}{% set root_gb = 2 %}{% endfor %}{{ root_gb }}',
].forEach((v, i) => add(`hand-p-${i}`, task(bfv(v))));
// namespaces, ranges
['{% set ns = namespace(t=0) %}{% for s in sizes %}{% set ns.t = ns.t + s %}{% endfor %}{{ ns.t }}', '{% set ns = namespace(found=false) %}{% for s in sizes if s > 5 %}{% set ns.found = true %}{% endfor %}{{ 40 if ns.found else 10 }}',
  '{% set ns = namespace() %}{{ ns.x }}', '{% set ns = {} %}{% set ns.x = 1 %}{{ ns.x }}', '{% set ns = namespace({"a": 3}) %}{{ ns.a }}', '{% set ns = namespace(a=1) %}{{ ns }}',
  '{% for i in range(3) %}{{ i }}{% endfor %}', '{% for i in range(1, 10, 4) %}{{ i }}{% endfor %}', '{% for i in range(0) %}1{% else %}7{% endfor %}', '{% for i in range(sizes | length) %}{{ sizes[i] }}{% endfor %}',
  '{% for s in sizes %}{{ vol_names[loop.index0] | default("x") }}{% endfor %}', '{% set ns = namespace(t=0) %}{% for d in vol_dicts %}{% set ns.t = ns.t + d.size %}{% endfor %}{{ ns.t * 2 }}',
].forEach((v, i) => add(`hand-n-${i}`, task(bfv(v))));
// block scalars, plain scalars over lines, flow mappings over lines
const raw = (id: string, lines: string[]) => add(id, ['    - openstack.cloud.server:', '        name: vm', '        image: cirros', '        flavor: m1.small', '        boot_from_volume: true', ...lines].join('\n'));
raw('hand-b-0', ['        volume_size: >-', '          {% if use_bfv %}', '          40', '          {% else %}', '          10', '          {% endif %}']);
raw('hand-b-1', ['        volume_size: |', '          {% if use_bfv %}', '          40', '          {% endif %}']);
raw('hand-b-2', ['        volume_size: >', '          {{ root_gb', '          + 5 }}']);
raw('hand-b-3', ['        volume_size: |-', '          {% set x = root_gb * 2 %}', '          {{ x }}']);
raw('hand-b-4', ['        volume_size: >-', '          {%- for s in sizes -%}', '            {{ s }}', '          {%- endfor -%}']);
raw('hand-b-5', ['        volume_size: |+', '          {{ root_gb }}', '', '']);
raw('hand-b-6', ['        volume_size: {{ root_gb', '          }}']);
raw('hand-b-7', ['        volume_size: "{{ root_gb }}"', '        volumes: [v1,', '    v2]']);
raw('hand-b-8', ['        volumes: {% for v in vol_names %}{{ v }}{% endfor %}']);
raw('hand-b-9', ['        volume_size: 1', '          0']);
raw('hand-b-10', ['        meta: {a: 1,', 'b: 2}', '        volume_size: 10']);
// nothing where an expression should be, a literal assigned to
['{{ }}', '{{  }}0', '{% if %}1{% endif %}', '{% if keep %}1{% elif %}2{% endif %}', '{% for s in %}{% endfor %}', '{% set 1 = 2 %}3', '{% for 1 in sizes %}{% endfor %}', '{% set true = 1 %}2',
  '{% set "a" = 1 %}2', '{% for none in sizes %}{% endfor %}', '{% set x %}{{ }}{% endset %}', '{{ ( ) }}', '{% set x = ( ) %}1'].forEach((v, i) => add(`hand-e-${i}`, task(bfv(v))));
add('hand-e-name', task([['name', sq('vm{{ }}')], ['image', 'cirros'], ['flavor', 'm1.small']]));
// filters and expressions around volume sizes (a sweep for other kinds)
['{{ sizes | sum(start=5) }}', '{{ vol_dicts | sum(attribute="size") }}', '{{ "%s" % root_gb }}', '{{ "%d0" % root_gb }}', '{{ root_gb | string + "0" }}', '{{ [root_gb, 10] | min }}',
  '{{ sizes | map("string") | join }}', '{{ sizes | batch(2) | list | first | sum }}', '{{ sizes | slice(2) | list | length }}', '{{ (vol_dicts | items2dict(key_name="name", value_name="size")).d2 }}',
  '{{ dict(vol_names | zip(sizes)).v2 }}', '{{ sizes | random }}', '{{ root_gb is divisibleby 4 }}', '{{ sizes | select("even") | list | first }}', '{{ sizes | select("divisibleby", 5) | sum }}',
  '{{ sizes | reverse | first }}', '{{ sizes | sort(reverse=true) | first }}', '{{ sizes | unique | length }}', '{{ vol_dicts | map(attribute="size") | max }}', '{{ (sizes | length * 10) | int }}',
  '{{ root_gb | int(base=16) }}', '{{ "0x1A" | int(0, 16) }}', '{{ 10 ** 2 }}', '{{ -root_gb | abs }}', '{{ root_gb | round(-1) | int }}', '{{ (root_gb / 3) | round(1, "ceil") }}',
  '{{ sizes[-1] }}', '{{ sizes[::-1][0] }}', '{{ vol_dicts | selectattr("keep", "defined") | map(attribute="size") | first }}', '{{ vol_dicts | rejectattr("keep", "defined") | map(attribute="size") | first }}',
  '{{ vol_dicts | json_query("[?name==`d2`].size | [0]") }}', '{{ (sizes | to_json | from_json)[1] }}', '{{ "10" | from_yaml }}', '{{ sizes | combinations(2) | list | length }}', '{{ sizes | product([1]) | list | length }}',
  '{{ sizes | map("pow", 2) | map("int") | first }}', '{{ {"a": 10}.get("a") }}', '{{ {"a": 10}.a | default(5) }}', '{{ vol_names | length if vol_names else 0 }}', '{{ root_gb | ternary(1, 2) }}',
].forEach((v, i) => add(`hand-x-${i}`, task(bfv(v))));
// block scalars in conditions
const blockWhen = (id: string, lines: string[]) => add(id, [...task(plain()).split('\n'), ...lines].join('\n'));
blockWhen('hand-bw-0', ['      when: >', '        use_bfv and', '        not keep']);
blockWhen('hand-bw-1', ['      when: |', '        use_bfv and', '        keep']);
blockWhen('hand-bw-2', ['      when: >-', '        use_bfv and', '', '        keep']);
blockWhen('hand-bw-3', ['      when: >', '        {{ use_bfv }}']);
blockWhen('hand-bw-4', ['      when: use_bfv and', '        not keep']);
blockWhen('hand-bw-5', ['      when:', '        - >', '          use_bfv', '        - keep or', '          use_bfv']);
// looped tasks whose values hold sets, loops and white space control
const looped = (id: string, size: string, loop: string[]) => add(id, [...task(bfv(size)).split('\n'), ...loop.map((l) => `      ${l}`)].join('\n'));
looped('hand-t-0', '{% set x = item * 2 %}{{ x }}', ['loop: [5, 10]']);
looped('hand-t-1', '{% for s in item %}{{ loop.index }}{% endfor %}', ['loop: [[1, 2], [3]]']);
looped('hand-t-2', '{%- for s in sizes if s > item -%} {{ s }} {%- endfor -%}', ['loop: [5, 12]']);
looped('hand-t-3', '{% set item = 7 %}{{ item }}', ['loop: [5, 10]']);
looped('hand-t-4', '{% for item in [3] %}{{ item }}{% endfor %}{{ item }}', ['loop: [5, 10]']);
looped('hand-t-5', '{{ ansible_loop.index }}{% for s in [1] %}{{ loop.index }}{% endfor %}', ['loop: [5, 10]', 'loop_control:', '  extended: true']);
looped('hand-t-6', '{% set ns = namespace(t=0) %}{% for d in item %}{% set ns.t = ns.t + d %}{% endfor %}{{ ns.t }}', ['with_items:', '  - [[1, 2], [3, 4]]']);
looped('hand-t-7', '{{ idx }}{%- if idx == 0 %}0{% endif %}', ['loop: [5, 10]', 'loop_control:', '  index_var: idx']);
// for ... if, loop.*
['{% for s in sizes if s > 5 %}{{ s }}{% endfor %}', '{% for s in sizes if s > 50 %}{{ s }}{% else %}9{% endfor %}', '{% for d in vol_dicts if d.keep is defined %}{{ d.size }}{% endfor %}',
  '{% for s in sizes if missing_v %}{{ s }}{% endfor %}', '{% for s in sizes if s > 5 %}{{ loop.index }}{% endfor %}', '{% for s in sizes %}{{ loop.index }}{% endfor %}',
  '{% for s in sizes %}{{ loop.index0 }}{% endfor %}', '{% for s in sizes %}{% if loop.first %}{{ s }}{% endif %}{% endfor %}', '{% for s in sizes %}{% if loop.last %}{{ s }}{% endif %}{% endfor %}',
  '{% for s in sizes %}{{ loop.length }}{% endfor %}', '{% for s in sizes %}{{ loop.revindex }}{% endfor %}', '{% for s in sizes %}{{ loop.revindex0 }}{% endfor %}',
  '{% for s in sizes %}{% if not loop.first %}0{% endif %}{% endfor %}', '{% for s in sizes %}{{ loop.cycle(1, 2) }}{% endfor %}', '{% for s in sizes %}{{ loop.depth }}{% endfor %}',
  '{% for s in sizes %}{{ loop.previtem | default(0) }}{% endfor %}', '{% for s in sizes %}{{ loop }}{% endfor %}', '{% for s in sizes %}{{ loop.nope }}{% endfor %}',
  '{% for a in sizes %}{% for b in sizes %}{{ loop.index }}{% endfor %}{% endfor %}', '{% for s in sizes if %}1{% endfor %}', '{{ loop }}',
  '{% for s in sizes %}{{ loop.index * s }}{% endfor %}', '{% for s in sizes recursive %}{{ s }}{% endfor %}', '{% for s in sizes if s > loop.index %}{{ s }}{% endfor %}',
].forEach((v, i) => add(`hand-l-${i}`, task(bfv(v))));
// whitespace control
['{%- if use_bfv -%}40{%- endif -%}', ' {%- if use_bfv %} 4{% endif -%} ', '{{- root_gb -}}', ' {{- root_gb }}', '{{ root_gb -}} ', '{#- c -#} 30', '3 {#- c #}0',
  '{% for s in sizes -%}\n {{ s }}\n{%- endfor %}', '{{ root_gb - 1 -}}', '{{ root_gb -1 }}', '{{ root_gb-}}', '{%+ if use_bfv +%}\n4{% endif %}', '{{+ root_gb }}',
  '{% if keep %}1{% else -%}\n\n  2{%- endif %}', '{%- raw -%} 3{%- endraw -%}', ' {%- set x = 4 -%} {{ x }}'].forEach((v, i) => add(`hand-w-${i}`, task(bfv(v))));
['"a\\n  {%- if use_bfv %}b{% endif %}\\n"', '"x {{- env -}} \\n y"', '"{% for v in vol_names -%}\\n{{ v }}\\n{% endfor %}"', '"{%- if keep -%} a {%- else -%} \\n b \\n{%- endif -%}"'].forEach((v, i) => add(`hand-wn-${i}`, task(plain(v))));
add('hand-wv-0', task([...plain(), ['volumes', sq('[ {%- for v in vol_names -%} "{{ v }}", {%- endfor -%} ]')]]));
add('hand-wv-1', task([...plain(), ['volumes', sq('{% set vs = vol_names + ["v9"] %}{{ vs }}')]]));
add('hand-wv-2', task([...plain(), ['volumes', sq('[{% for v in vol_names %}"{{ v }}"{% if not loop.last %},{% endif %}{% endfor %}]')]]));
// conditions with these
['{% set z = 1 %}use_bfv', '{% set z = keep %}{{ z }}', '{%- if keep %}true{% endif %} use_bfv', '{% for v in vol_names if v == "v2" %}{{ loop.first }}{% endfor %}',
  '{% for v in vol_names %}{% if loop.last %}{{ v == "v2" }}{% endif %}{% endfor %}', 'use_bfv {#- c #}', ' {{- keep -}} '].forEach((w, i) => add(`hand-sw-${i}`, task(plain(), [`      when: ${sq(w)}`])));
// when lists whose first condition is undefined
[['missing_v', 'use_bfv'], ['missing_v', 'keep'], ['use_bfv', 'missing_v'], ['keep', 'missing_v'], ['missing_v is defined', 'missing_w'], ['missing_v.x', 'keep'],
  ['missing_v | bool', 'use_bfv'], ['missing_v', 'missing_w'], ['not missing_v', 'keep'], ['missing_v == 1', 'use_bfv'], ['"{{ missing_v }}"', 'use_bfv'], ['missing_v', '{{ keep }}'],
  ['keep or missing_v', 'use_bfv'], ['use_bfv and missing_v', 'keep'],
].forEach((ws, i) => add(`hand-u-${i}`, task(plain(), ['      when:', ...ws.map((w) => `        - ${sq(w)}`)])));
add('hand-u-flow-0', task(plain(), ['      when: [missing_v, keep]']));
add('hand-u-flow-1', task(plain(), ['      when: [missing_v, use_bfv]']));
// double-quoted values over lines
const dq: string[][] = [
  ['        name: "vm-', '{{ env }}"'], ['        name: "vm', 'x"'], ['        name: "vm', '', 'x"'], ['        name: "vm \\', 'x"'], ['        name: "vm', '   x  ', 'y"'],
  ['        name: "vm\t', 'x"'], ['        name: "{{ env', '}}"'], ['        name: "{{ env ~', '"-x" }}"'], ['        name: "a', '', '', 'b"'], ['        name: "a', '#b"'],
  ['        name: "a', '- b"'], ['        name: "a', '---"'], ['        name: "a', '...', 'b"'], ['        name: "a', '---x"'], ['        name: "a  ', '  b"'],
  ['        volume_size: "{{ root_gb', '+ 1 }}"'], ['        volume_size: "1', '0"'], ['        volume_size: "{% if use_bfv %}3', '{% endif %}0"'],
];
dq.forEach((ls, i) => {
  const args = ls[0]!.includes('volume_size') ? [['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['boot_from_volume', 'true']] : [['image', 'cirros'], ['flavor', 'm1.small']];
  add(`hand-q-${i}`, ['    - openstack.cloud.server:', ...args.map(([k, v]) => `        ${k}: ${v}`), ...ls].join('\n'));
});
['      when: "use_bfv and', 'not keep"'].join('\n');
add('hand-qw-0', task(plain(), ['      when: "use_bfv and', 'keep"']));
add('hand-qw-1', task(plain(), ['      when: "use_bfv', '', 'or keep"']));
add('hand-qw-2', task(plain(), ['      when: "missing_v', 'is defined"']));

process.stdout.write(JSON.stringify(cases.map(([id, input]) => ({ id, input })), null, 1) + '\n');
