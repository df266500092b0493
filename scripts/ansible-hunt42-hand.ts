/**
 * hunt42 hand cases: one server task each, for what hunt41 left: an unquoted `{{ }}` value (YAML
 * reads a flow mapping), `{% for ... recursive %}` with `loop(...)`, `{% set x | filter %}` block
 * sets, and the filters batch, slice, combinations, pow, from_yaml and random. Prints the cases as
 * JSON; label them with scripts/ansible-hunt38-label.py.
 *   node --import tsx scripts/ansible-hunt42-hand.ts > hand.json
 */
export {};

const PLAY = [
  '- hosts: localhost', '  gather_facts: false', '  vars:', '    root_gb: 20', '    use_bfv: true', '    keep: false', '    env: prod',
  '    sizes: [5, 10, 15]', '    vol_names: [v1, v2]', '    tree: [{size: 5, kids: [{size: 7, kids: []}]}, {size: 9}]', "    yml: 'a: 4'", '    one: [30]', '  tasks:',
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
const task = (args: Array<[string, string]>, extra: string[] = []) => [
  '    - openstack.cloud.server:', ...args.map(([k, v]) => `        ${k}: ${v}`), ...extra,
].join('\n');
const bfv = (size: string, q: (s: string) => string = sq): Array<[string, string]> => [['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['boot_from_volume', 'true'], ['volume_size', q(size)]];

const cases: Array<[string, string]> = [];
const add = (id: string, t: string) => cases.push([id, `${PLAY.join('\n')}\n${t}\n`]);
const raw = (s: string) => s;
// (1) unquoted {{ }} values: a flow mapping to YAML
['{{ root_gb }}', '{{ root_gb }} ', '{{root_gb}}', '{{ root_gb }}0', '{{ sizes | max }}', '{{ root_gb + 1 }}', '{{ "a" }}', '{{ x: 1 }}', '{ { root_gb } }', '{{ root_gb }} # c', '{{ root_gb }}\n', '{{}}', '{ {} }', '{[root_gb]}'].forEach((v, i) => add(`hand-f-${i}`, task(bfv(v, raw))));
add('hand-f-name', task([['name', '{{ env }}'], ['image', 'cirros'], ['flavor', 'm1.small']]));
add('hand-f-vars', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small']], ['      vars:', '        x: {{ env }}']));
add('hand-f-when', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small']], ['      when: {{ keep }}']));
add('hand-f-list', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['volumes', '[{{ env }}]']]));
add('hand-f-item', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['volumes', '\n          - {{ env }}']]));
add('hand-f-kv', '    - openstack.cloud.server: name={{ env }} image=cirros flavor=m1.small');
add('hand-f-two', [task(bfv('10', raw)), task([['name', '{{ env }}'], ['image', 'cirros'], ['flavor', 'm1.small']])].join('\n'));
// (2) recursive loops
['{% for s in sizes recursive %}{{ s }}{% endfor %}', '{% for n in tree recursive %}{{ n.size }}{% if n.kids is defined %}{{ loop(n.kids) }}{% endif %}{% endfor %}',
  '{% for n in tree recursive %}{{ loop.depth }}{% if n.kids is defined %}{{ loop(n.kids) }}{% endif %}{% endfor %}', '{% for n in tree recursive %}{{ loop.depth0 }}{{ loop(n.kids | default([])) }}{% endfor %}',
  '{% for n in tree recursive %}{% if n.kids is defined %}{{ loop(n.kids) }}{% else %}{{ n.size }}{% endif %}{% endfor %}', '{% for s in sizes %}{{ loop([]) }}{% endfor %}',
  '{% for s in sizes recursive %}{{ loop(5) }}{% endfor %}', '{% for s in [[1, 2], [3]] recursive %}{% if s is iterable %}{{ loop(s) }}{% else %}{{ s }}{% endif %}{% endfor %}',
  '{% for s in [[1, 2], 3] recursive %}{% if s is iterable %}{{ loop(s) }}{% else %}{{ s }}{% endif %}{% endfor %}', '{% for n in tree recursive %}{{ loop.index }}{{ loop(n.kids | default([])) }}{% endfor %}',
  '{% for n in tree if n.size > 5 recursive %}{{ n.size }}{% endfor %}', '{% for n in tree recursive if n.size > 5 %}{{ n.size }}{% endfor %}', '{% for n in tree recursive %}{{ loop(n.kids | default([])) | length }}{% endfor %}',
  '{% for n in tree recursive %}{{ loop(n.kids | default([])) }}{% else %}4{% endfor %}', '{% for n in [] recursive %}{{ n }}{% else %}4{% endfor %}', '{% for s in sizes recursive %}{{ loop() }}{% endfor %}',
  '{% for s in sizes recursive %}{{ loop(1, 2) }}{% endfor %}', '{% for n in tree recursive %}{% set x = n.size %}{{ loop(n.kids | default([])) }}{{ x }}{% endfor %}',
].forEach((v, i) => add(`hand-r-${i}`, task(bfv(v))));
// (3) block sets with filters
['{% set x | trim %} 40 {% endset %}{{ x }}', '{% set x | int %}40{% endset %}{{ x + 1 }}', '{% set x | int + 1 %}40{% endset %}{{ x }}', '{% set x | replace("4", "5") %}40{% endset %}{{ x }}',
  '{% set x | trim | int %} 4 {% endset %}{{ x * 3 }}', '{% set x | length %}abc{% endset %}{{ x }}', '{% set x | upper %}{{ env }}{% endset %}{{ x | length }}', '{% set x | missing_filter %}4{% endset %}{{ x }}',
  '{% set x | default(5) %}4{% endset %}{{ x }}', '{% set x|trim %}7 {% endset %}{{ x }}', '{% set x | trim %}{% for s in sizes %} {{ s }}{% endfor %} {% endset %}{{ x }}', '{% set a, b | trim %}1{% endset %}',
  '{% set x | float %}4{% endset %}{{ x }}', '{% set x | to_json %}4{% endset %}{{ x }}', '{% set x | from_yaml %}[4, 5]{% endset %}{{ x | sum }}', '{% set x | trim %}{% set y = 3 %}{{ y }}{% endset %}{{ x }}{{ y | default(1) }}',
  '{% set x | %}4{% endset %}', '{% set x | trim() %} 6 {% endset %}{{ x }}',
].forEach((v, i) => add(`hand-b-${i}`, task(bfv(v))));
// (4) filters
['{{ sizes | batch(2) | first | sum }}', '{{ sizes | batch(2) | list | length }}', '{{ sizes | batch(2, 0) | last | sum }}', '{{ sizes | batch(2, 0) | list }}', '{{ sizes | batch(0) | list }}', '{{ sizes | batch(2) }}',
  '{{ sizes | slice(2) | first | sum }}', '{{ sizes | slice(2) | list }}', '{{ sizes | slice(2, 9) | list | last | sum }}', '{{ sizes | slice(5) | list | length }}', '{{ sizes | slice(0) | list }}',
  '{{ sizes | combinations(2) | list | length }}', '{{ sizes | combinations(2) | first | sum }}', '{{ sizes | combinations(2) | map("sum") | max }}', '{{ sizes | combinations(0) | list }}', '{{ sizes | combinations(5) | list | length }}', '{{ sizes | combinations(2) }}',
  '{{ 2 | pow(3) }}', '{{ 2 | pow(3) | int }}', '{{ root_gb | pow(0.5) }}', '{{ 2 | pow(-1) }}', '{{ "2" | pow(2) }}', '{{ 0 | pow(-1) }}', '{{ (-8) | pow(0.5) }}', '{{ 10 | pow(2) | int }}',
  '{{ yml | from_yaml }}', '{{ (yml | from_yaml).a }}', '{{ "[4, 5]" | from_yaml | sum }}', '{{ "4" | from_yaml }}', '{{ "4" | from_yaml + 1 }}', '{{ "a: [" | from_yaml }}', '{{ 4 | from_yaml }}', '{{ "" | from_yaml }}', '{{ "{{ root_gb }}" | from_yaml }}',
  '{{ "10" | from_yaml_all | list | first }}', '{{ "yes" | from_yaml }}',
  '{{ one | random }}', '{{ [7] | random }}', '{{ sizes | random }}', '{{ 1 | random }}', '{{ [] | random }}', '{{ "a" | random }}', '{{ 10 | random(start=10) }}', '{{ 10 | random(seed="x") }}', '{{ 11 | random(start=10, step=1) }}',
].forEach((v, i) => add(`hand-j-${i}`, task(bfv(v))));

// (5) the new filters' edges, and unquoted templates elsewhere in a file
['{{ sizes | batch(2, 9) | last | sum }}', '{{ sizes | batch(-1) | list | length }}', '{{ sizes | batch(1.5) | list | length }}', '{{ "abc" | batch(2) | first | join("") | length }}', '{{ sizes | slice(2, 0) | last | sum }}', '{{ sizes | slice(-1) | list | length }}',
  '{{ sizes | slice(4, 9) | map("sum") | max }}', '{{ "ab" | combinations(1) | list | length }}', '{{ sizes | combinations(-1) | list }}', '{{ sizes | combinations("2") | list }}', '{{ sizes | combinations(r=2) | last | sum }}', '{{ {"a": 1, "b": 2} | combinations(2) | first | length }}',
  '{{ 4 | pow(0.5) | int }}', '{{ 2 | pow(0.5) }}', '{{ 10 | pow(400) }}', '{{ true | pow(2) | int }}', '{{ 2 | pow() }}', '{{ none | pow(2) }}',
  '{{ "x: [1, 2]" | from_yaml | json_query("x") | sum }}', '{{ ("- 3\n- 4" | from_yaml)[1] }}', '{{ "a: 1\n---\nb: 2" | from_yaml_all | list | length }}', '{{ "a: 1\n---\nb: 2" | from_yaml }}', '{{ "2001-02-03" | from_yaml | string | length }}', '{{ "0x10" | from_yaml }}', '{{ "1_0" | from_yaml }}',
  '{{ sizes | union([5, 20]) | sum }}', '{{ sizes | intersect([15, 5, 7]) | first }}', '{{ sizes | difference([5, 10]) | first }}', '{{ sizes | symmetric_difference([5, 20]) | sum }}', '{{ "ab" | union("bc") | length }}', '{{ vol_names | union(["v1", "v9"]) | length * 10 }}',
  '{{ [{"a": 1}, {"a": 1}] | union([{"a": 2}]) | length }}', '{{ [1, 1, 2] | difference([]) | length }}', '{{ env | title | length }}', '{{ ("a-b c(d" | title) == "A-B C(D" }}', '{{ "ab" | center(7) | length }}', '{{ ("ab" | center(5))[0] == " " }}',
  '{{ "one two_3 x" | wordcount }}', '{{ 1 | extract(sizes) }}', '{{ "a" | extract({"a": {"b": 7}}, "b") }}', '{{ "a" | extract({"a": {"b": {"c": 8}}}, ["b", "c"]) }}', '{{ 5 | extract(sizes) }}', '{{ sizes | random(seed="x") }}', '{{ [] | random }}', '{{ 10 | random(start=10) }}', '{{ 3 | random(start=1, step=2) }}',
  '{% for s in sizes recursive %}{% if loop.depth < 3 %}{{ loop([s - 1]) }}{% endif %}{{ s }}{% endfor %}', '{% for s in sizes recursive %}{{ loop(sizes) }}{% endfor %}', '{% for n in tree recursive %}{{ n.size }}{{ loop(n.kids | default([])) | int }}{% endfor %}',
  '{% for s in [1, 2] recursive %}{{ loop.length }}{% endfor %}{% set x | int %}3{% endset %}{{ x }}', '{% set x | trim | length %} ab {% endset %}{{ x * 5 }}', '{% set x | int is number %}4{% endset %}',
].forEach((v, i) => add(`hand-e-${i}`, task(bfv(v))));
// (6) human_to_bytes
['{{ "10G" | human_to_bytes // 1073741824 }}', '{{ (" 2.5 GB" | human_to_bytes / 1073741824) | int }}', '{{ "1.5" | human_to_bytes }}', '{{ "2.5" | human_to_bytes }}', '{{ "3.5" | human_to_bytes }}', '{{ "10" | human_to_bytes("G") // 1073741824 }}',
  '{{ "10 gigabytes" | human_to_bytes }}', '{{ "10Mb" | human_to_bytes }}', '{{ "10Mb" | human_to_bytes(isbits=true) }}', '{{ "10MB" | human_to_bytes(isbits=true) }}', '{{ "10 X" | human_to_bytes }}', '{{ "GB" | human_to_bytes }}', '{{ "." | human_to_bytes }}',
  '{{ 1024 | human_to_bytes }}', '{{ 1.5 | human_to_bytes("K") }}', '{{ none | human_to_bytes }}', '{{ "1b" | human_to_bytes }}', '{{ "1 Kbyte" | human_to_bytes }}', '{{ ".5K" | human_to_bytes }}', '{{ "5" | human_to_bytes("") }}', '{{ "2T" | human_to_bytes // 1073741824 }}',
].forEach((v, i) => add(`hand-h-${i}`, task(bfv(v))));
add('hand-f-loop', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small']], ['      loop:', '        - {{ env }}']));
add('hand-f-otherplay', [task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small']]), '- hosts: localhost', '  tasks:', '    - debug:', '        msg: {{ env }}'].join('\n'));
add('hand-f-explicit', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['meta', '\n          ? [a, b]\n          : c']]));
add('hand-f-seqkey', task([['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['meta', '{[a]: 1}']]));
cases.push(['hand-f-doc', `---\n# a comment\n${PLAY.join('\n')}\n${task(bfv('{{ root_gb }}', raw))}\n`]);
cases.push(['hand-f-bare', `\n  ${task(bfv('{{ root_gb }}', raw)).trimStart()}\n`]);
cases.push(['hand-f-flowplay', `[{hosts: localhost, tasks: [{openstack.cloud.server: {name: {{ env }}, image: cirros, flavor: m1.small}}]}]\n`]);
cases.push(['hand-f-nullstart', `null_host_vars:\n  x: 1\n`]);

process.stdout.write(JSON.stringify(cases.map(([id, input]) => ({ id, input })), null, 1) + '\n');
