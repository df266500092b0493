/**
 * hunt44 hand cases, one shape each, for what hunt44 read: vars whose values hold themselves (an
 * alias inside the node its anchor names) read by a template, a `when:` or a loop (Ansible:
 * RecursionError while it renders the variable); a file whose top level is a mapping (YAML, and
 * JSON with NaN and Infinity, which json.loads reads); a loop whose template meets an undefined
 * attribute, with and without `when:`; `flatten` over an undefined item; the subelements lookup
 * missing its key in an item (as with_subelements, and through query/lookup in a template); vars
 * keys YAML reads as a bool, null, a number or a date. Prints the cases as JSON; label them with
 * scripts/ansible-hunt44-label.py.
 *   node --import tsx scripts/ansible-hunt44-hand.ts > hand.json
 */
export {};

const PLAY = ['- hosts: localhost', '  gather_facts: false', '  vars:', '    env: prod', '    servers: [{name: web1, size: 10, bfv: true, vols: [d1, d2]}, {name: db1, flavor: m1.large, bfv: false}, {name: app1, size: 30, vols: []}]', '  tasks:'];
const SERVER = ['    - openstack.cloud.server:', '        name: vm', '        image: cirros', '        flavor: m1.small'];
const cases: Array<[string, string]> = [];
const add = (id: string, lines: string[]) => cases.push([id, `${lines.join('\n')}\n`]);
const task = (extra: string[], args: string[] = []) => [...PLAY, ...SERVER, ...args.map((a) => `        ${a}`), ...extra.map((l) => `      ${l}`)];

// (1) values that hold themselves
add('self-attr', task(['vars: &s {a: {b: x, c: *s}}'], ["userdata: '{{ a.b }}'"]));
add('self-list', task(['vars: {l: &l [1, *l]}'], ["userdata: '{{ l[0] }}'"]));
add('self-sibling', task(['vars: {m: &m [1, *m], z: 3}'], ["userdata: '{{ z }}'"]));
add('self-scalars', task(["vars: &s {s: 'x', t: *s, n: null, f: 1.0, d: 2020-01-01, b: yes, q: \"it's\"}"], ["userdata: '{{ t.s }}'"]));
add('self-all', task(['vars: &sv', '  self_ref: &sr {size: 7, again: *sr}', '  loop_ref: &lr [3, *lr]', '  plain: 9', '  all_vars: *sv'], ["userdata: '{{ all_vars }}'"]));
add('self-plain', task(['vars: &sv', '  self_ref: &sr {size: 7, again: *sr}', '  plain: 9', '  all_vars: *sv'], ["userdata: '{{ plain }}'"]));
add('self-size', task(['vars:', '  self_ref: &sr {size: 7, again: *sr}'], ['boot_from_volume: true', "volume_size: '{{ self_ref.size }}'"]));
add('self-default', task(['vars:', '  self_ref: &sr {size: 7, again: [*sr]}'], ['boot_from_volume: true', "volume_size: '{{ self_ref.nope | default(5) }}'"]));
add('self-when', task(['vars:', '  self_ref: &sr {size: 7, again: *sr}', "when: 'self_ref is defined'"]));
add('self-when-other', task(['vars:', '  self_ref: &sr {size: 7, again: *sr}', '  on: true', "when: 'on'"]));
add('self-loop', task(['vars:', '  loop_ref: &lr [3, *lr]', "loop: '{{ loop_ref }}'"]));
add('self-merge', task(['vars:', '  base: &b {k: 1}', '  m: &m {<<: *b, again: *m}'], ["userdata: '{{ m.k }}'"]));
add('self-play', [...PLAY.slice(0, 3), '    top: &t {n: [1, {up: *t}]}', ...PLAY.slice(3), ...SERVER, "        userdata: '{{ top.n[0] }}'"]);
add('self-block', [...PLAY, '    - block:', ...SERVER.map((l) => `    ${l}`), "            userdata: '{{ bl }}'", '      vars:', '        bl: &bl [a, [b, *bl]]']);
add('self-lookup-vars', task(['vars: &s {a: {b: x, c: *s}}'], ["userdata: '{{ lookup(\"vars\", \"a\") }}'"]));
add('self-test', task(['vars: &s {a: {b: x, c: *s}}'], ["userdata: '{{ a is mapping }}'"]));
add('self-unused-arg', task(['vars:', '  self_ref: &sr {size: 7, again: *sr}'], ['boot_from_volume: true', 'volume_size: 8']));
// (2) a mapping at the top level
const SJ = '{"openstack.cloud.server": {"name": "vm", "image": "cirros", "flavor": "m1.small"}}';
add('map-play', ['hosts: localhost', 'gather_facts: false', 'tasks:', '  - openstack.cloud.server: {name: vm, image: cirros, flavor: m1.small}']);
add('map-task', ['openstack.cloud.server: {name: vm, image: cirros, flavor: m1.small}', 'vars: {x: .nan}']);
add('map-json-nan', [`{"hosts": "localhost", "vars": {"r": NaN}, "tasks": [${SJ}]}`]);
add('map-json-inf', [`{"hosts": "localhost", "vars": {"r": [-Infinity, Infinity, "NaN"]}, "tasks": [${SJ}]}`]);
add('map-json-task-nan', [`{"name": "boot", "vars": {"x": NaN}, ${SJ.slice(1)}`]);
add('map-json-nan-text', [`{"hosts": "localhost", "vars": {"r": "NaN, Infinity \\" NaN"}, "tasks": [${SJ}]}`]);
add('list-json-nan', [`[{"hosts": "localhost", "gather_facts": false, "vars": {"r": NaN}, "tasks": [${SJ}]}]`]);
// (3) a loop whose template meets an undefined attribute
add('loop-undef', task(["loop: '{{ servers | selectattr(\"bfv\") }}'"]));
add('loop-undef-list', task(["loop: '{{ servers | selectattr(\"size\") | list }}'"]));
add('loop-undef-when-true', task(["loop: '{{ servers | selectattr(\"size\") | list }}'", "when: env == 'prod'"]));
add('loop-undef-when-false', task(["loop: '{{ servers | selectattr(\"size\") | list }}'", "when: env == 'dev'"]));
add('loop-undef-when-item', task(["loop: '{{ servers | selectattr(\"size\") | list }}'", 'when: item is defined']));
add('loop-undef-when-fails', task(["loop: '{{ servers | selectattr(\"size\") | list }}'", 'when: servers.x.y']));
add('loop-undef-map', task(["loop: '{{ servers | map(attribute=\"size\") | select(\"gt\", 5) | list }}'"]));
// (4) flatten over an undefined item
add('flatten-undef', task([], ["volumes: '{{ servers | map(attribute=\"vols\") | flatten }}'"]));
add('flatten-undef-levels', task([], ["volumes: '{{ servers | map(attribute=\"vols\") | flatten(1) }}'"]));
add('flatten-default', task([], ["volumes: '{{ servers | map(attribute=\"vols\", default=[]) | flatten }}'"]));
// (5) subelements missing its key
add('subel-missing', task(['with_subelements:', "  - '{{ servers }}'", '  - vols'], ["volumes: ['{{ item.1 }}']"]));
add('subel-missing-q', task(["loop: \"{{ query('subelements', servers, 'vols') }}\""], ["volumes: ['{{ item.1 }}']"]));
add('subel-nested', task(['vars:', '  hosts_l: [{name: a, d: {vols: [x]}}, {name: b, d: {other: 1, when: 2020-01-02}}]', 'with_subelements:', "  - '{{ hosts_l }}'", '  - d.vols'], ["volumes: ['{{ item.1 }}']"]));
add('subel-skip', task(['with_subelements:', "  - '{{ servers }}'", '  - vols', '  - {skip_missing: true}'], ["volumes: ['{{ item.1 }}']"]));
add('subel-query-arg', task([], ["volumes: \"{{ query('subelements', servers, 'vols') | map(attribute='1') | list }}\""]));
add('subel-lookup-loop', task(["loop: \"{{ lookup('subelements', servers, 'nope') }}\""]));
add('subel-query-terms', task(["loop: \"{{ query('subelements', servers) }}\""]));
// (6) vars keys YAML reads as other than texts: Ansible refuses the file, the key written with %s
[['bool', '{on: 1}'], ['null', '{~: 1}'], ['int', '{12: 1}'], ['hex', '{0x1F: 1}'], ['float', '{1.5: 1}'], ['inf', '{.inf: 2}'], ['date', '{2020-01-01: 2}'], ['e-text', '{1e3: 1}']].forEach(([id, v]) => add(`key-${id}`, task([`vars: ${v}`])));
add('key-play', [...PLAY.slice(0, 3), '    No: 1', ...PLAY.slice(3), ...SERVER]);

process.stdout.write(JSON.stringify(cases.map(([id, input]) => ({ id, input })), null, 1) + '\n');
