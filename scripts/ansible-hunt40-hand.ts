/**
 * hunt40 hand cases: one server task each, for what hunt40 (scripts/ansible-hunt40-gen.ts) found
 * bdm-lab did not read: a stray comma or a missing operand in a template or a condition (Jinja's
 * "unexpected ','"), `{# #}` comments, and `{% if %}`/`{% elif %}`/`{% else %}` blocks in values and
 * in `when:` conditions (their syntax errors included). Prints the cases as JSON; label them with
 * scripts/ansible-hunt38-label.py as the generated ones.
 *   node --import tsx scripts/ansible-hunt40-hand.ts > hand.json
 */
export {};

const PLAY = [
  '- hosts: localhost', '  gather_facts: false', '  vars:', '    root_gb: 20', '    use_bfv: true', '    keep: false', '    env: prod',
  '    sizes: [5, 10, 15]', '    vol_names: [v1, v2]', '    vol_dicts: [{name: d1, size: 5}, {name: d2, size: 10, keep: true}]', '  tasks:',
];
const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
const task = (args: Array<[string, string]>, when?: string) => [
  '    - openstack.cloud.server:', ...args.map(([k, v]) => `        ${k}: ${v}`), ...(when === undefined ? [] : [`      when: ${when}`]),
].join('\n');
const bfv = (size: string): Array<[string, string]> => [['name', 'vm'], ['image', 'cirros'], ['flavor', 'm1.small'], ['boot_from_volume', 'true'], ['volume_size', sq(size)]];
const plain = (name = 'vm'): Array<[string, string]> => [['name', name], ['image', 'cirros'], ['flavor', 'm1.small']];

const cases: Array<[string, string]> = [];
const add = (id: string, t: string) => cases.push([id, `${PLAY.join('\n')}\n${t}\n`]);
// stray commas and missing operands: parse_primary's "unexpected"
['{{ [5,, 10] | max }}', '{{ [root_gb,] | first }}', '{{ max(root_gb, 5,) }}', '{{ (,) }}', '{{ {"a": 1,,}.a }}', '{{ root_gb | default(10,, true) }}',
  '{{ "%d" | format(root_gb,,) }}', '{{ root_gb + }}', '{{ sizes[] }}', '{{ root_gb, }}', '{{ root_gb,, }}', '{{ (root_gb,) | first }}', '{{ [10, 20,] | last }}',
  '{{ * 2 }}', '{{ root_gb ~ : }}'].forEach((v, i) => add(`hand-c-${i}`, task(bfv(v))));
['keep,,', "env in ['prod',,]", 'f(a,,)', '[use_bfv,, keep]', 'use_bfv and', '(use_bfv,,)', 'root_gb in (20,)', 'env in [prod, staging,]'].forEach((w, i) => add(`hand-cw-${i}`, task(plain(), sq(w))));
// comments
['{# size #}{{ root_gb }}', '{{ root_gb }}{# gb #}', '{# a #}3{# b #}0', '{# {{ x #}40', '{#- a #}40', '{# open'].forEach((v, i) => add(`hand-m-${i}`, task(bfv(v))));
['"{# a #}\\nvm{# b #}x"', '"a {# b #}\\n\\nc"', '"{{ env }}{# n #}\\n-{{ root_gb }}"'].forEach((v, i) => add(`hand-mn-${i}`, task(plain(v))));
['{# only #}', 'use_bfv {# enable #}', '{# note #} keep', 'not keep {# x #} and use_bfv', '{{ use_bfv }} {# c #}'].forEach((w, i) => add(`hand-mw-${i}`, task(plain(), sq(w))));
// {% if %} blocks
['{% if use_bfv %}40{% else %}10{% endif %}', '{% if keep %}5{% endif %}', '{% if keep %}1{% elif use_bfv %}{{ root_gb * 3 }}{% else %}2{% endif %}',
  '{% if vol_dicts[1].keep is defined %}{{ vol_dicts[1].size * 2 }}{% else %}{{ vol_dicts[1].size }}{% endif %}', '{% if use_bfv %}{% if keep %}1{% else %}2{% endif %}5{% endif %}',
  '{% if keep %}{% else %}', '{% if use_bfv %}30', '3{% endif %}', '{% else %}', '{% if keep,, %}1{% endif %}', '{% if %}1{% endif %}', '{% if use_bfv %}1{% else %}2{% else %}3{% endif %}',
  '{% if "a" in env %}{{ sizes | max }}{% endif %}', '{% if root_gb > 10 %}{{ root_gb }}{% endif %}0', '{% if sizes | select("gt", 100) | list %}1{% else %}9{% endif %}',
].forEach((v, i) => add(`hand-i-${i}`, task(bfv(v))));
['"{% if keep %}a{% elif use_bfv %}b{% else %}c{% endif %}\\nx"', '"{% if keep %}a{% endif %}\\n{% if use_bfv %}\\nb\\n{% endif %}\\n"'].forEach((v, i) => add(`hand-in-${i}`, task(plain(v))));
add('hand-iv-0', task([...plain(), ['volumes', sq('{% if use_bfv %}[{{ vol_names | join(",") }}]{% endif %}')]]));
add('hand-iv-1', task([...plain(), ['volumes', sq('{% if use_bfv %}{{ vol_names }}{% else %}[]{% endif %}')]]));
['{% if use_bfv %}true{% endif %}', '{% if keep %}true{% else %}false{% endif %}', '{% if keep %}yes{% endif %}', '{%if keep%}{%endif%}use_bfv',
  '{% if use_bfv %}root_gb > 5{% endif %}', '{% if use_bfv %}keep{% endif %}', '{% if use_bfv %}{{ keep }}{% endif %}', '{% if keep %}x{% endif %}',
  '{% if keep %}1', '{% endif %}', '{% if use_bfv %}not keep{% else %}keep{% endif %} and use_bfv'].forEach((w, i) => add(`hand-iw-${i}`, task(plain(), sq(w))));

// {% for %} loops and {% raw %}
['{% for s in sizes %}{{ s }}{% endfor %}', '{% for s in sizes %}{% if s > 5 %}{{ s }}{% endif %}{% endfor %}', '{% for s in [] %}1{% else %}7{% endfor %}',
  '{% for d in vol_dicts %}{{ d.size }}{% endfor %}', '{% for k in vol_dicts[0] %}{{ k | length }}{% endfor %}', '{% for c in "12" %}{{ c }}{% endfor %}',
  '{% for s in sizes %}{{ loop.index }}{% endfor %}', '{% for s in sizes %}{{ s }}', '{% for s in sizes %}{{ s }}{% endif %}', '{% for s in root_gb %}1{% endfor %}',
  '{% for s in missing_list %}1{% endfor %}', '{% for a in sizes %}{% for b in sizes %}{{ a }}{% endfor %}{% endfor %}', '{% for s in sizes if s > 5 %}{{ s }}{% endfor %}',
  '{% for a, b in vol_dicts | dictsort %}{% endfor %}', '{% for root_gb in [3] %}{{ root_gb }}{% endfor %}{{ root_gb }}', '{% raw %}4{% endraw %}0', '{% raw %}{{ x }}{% endraw %}',
  '{% endfor %}', '{% for s in sizes %}{% else %}{% else %}{% endfor %}', '{% for s in sizes %}{{ s }}{% else %}0{% endfor %}'].forEach((v, i) => add(`hand-f-${i}`, task(bfv(v))));
add('hand-fv-0', task([...plain(), ['volumes', sq('[{% for v in vol_names %}"{{ v }}",{% endfor %}]')]]));
add('hand-fv-1', task([...plain(), ['volumes', sq('{% for v in vol_names %}{{ v }},{% endfor %}')]]));
add('hand-fv-2', task([...plain(), ['volumes', sq('[{% for d in vol_dicts if d.keep is defined %}"{{ d.name }}"{% endfor %}]')]]));
['"{% raw %}\\nvm{% endraw %}\\nx"', '"{% for v in vol_names %}\\n{{ v }}\\n{% endfor %}\\n"'].forEach((v, i) => add(`hand-fn-${i}`, task(plain(v))));
['{% for v in vol_names %}{{ v }}{% endfor %}', '{% raw %}keep{% endraw %}', '{% for v in vol_names %}{% endfor %}use_bfv', '{% for v in [] %}x{% else %}use_bfv{% endfor %}'].forEach((w, i) => add(`hand-fw-${i}`, task(plain(), sq(w))));

process.stdout.write(JSON.stringify(cases.map(([id, input]) => ({ id, input })), null, 1) + '\n');
