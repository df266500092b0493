/**
 * hunt35: playbooks and task lists (the shared frame, scripts/ansible-gen-lib.ts) aimed at loops and
 * the values they bind: `loop_control` (`extended`, `index_var`, `label`, `loop_var`, each also as a
 * template), the `with_items`, `with_dict`, `with_subelements`, `with_sequence` lookups and
 * `loop: "{{ query(...) }}"` / `lookup(..., wantlist=True)`, `when:` read per item; `block:` /
 * `rescue:`; the same variable at the play, the block and the task; filters (`default(x, true)`,
 * `combine`, `dict2items` / `items2dict`, `selectattr` / `map` / `rejectattr`, `regex_replace`,
 * `ternary`, `int` / `bool`, `to_json` / `from_json`); and the server module's option aliases
 * (`root_volume`, `user_data`, `auto_floating_ip`, ...) and type coercions (bool and int options
 * given texts, floats, numbers, `volumes` as a comma text, `meta` as `k=v` text). Not `api_timeout`:
 * the oracle drops it (with the cloud's auth options) before the module sees it, so its label says nothing of it. Every name a
 * template reads is defined by the play, a block, the task or a set_fact, or is one of the
 * inventory names the labeller gives (`inv_*`), or is written under `default()`.
 * Labels by scripts/ansible-hunt35-label.py; count by scripts/ansible-hunt35-diff.ts:
 *   node --import tsx scripts/ansible-hunt35-gen.ts N SEED > cases.json
 *   ANSIBLE_DEPRECATION_WARNINGS=False /usr/bin/python3 scripts/ansible-hunt35-label.py cases.json > labels.jsonl
 *   node --import tsx scripts/ansible-hunt35-diff.ts cases.json labels.jsonl [--show]
 */
import { generatorArgs, inOnePlay, playbookMaker, printCases } from './ansible-gen-lib';

const draws = generatorArgs(35);
const { n, pick, maybe, q } = draws;

const PLAY_VARS = [
  'sz: 10', "szs: '12'", 'bfv: true', "flag: 'yes'", "empty: ''", 'img: cirros', 'cnt: 3',
  'disks: [{name: d1, size: 5, boot: true}, {name: d2, size: 10, boot: false}, {name: d3, size: 7}]',
  'users: [{name: u1, vols: [v1, v2]}, {name: u2, vols: [v3]}, {name: u3, vols: []}]',
  'vol_map: {data1: 5, data2: 7}', 'names: [alpha, beta]', 'nested: [[a, b], [c], d]',
  'cfg: {size: 8, bfv: true, zone: az1, sub: {x: 1}}', 'js: \'{"size": 6, "bfv": true, "vols": ["j1"]}\'',
];
const OVERRIDES: Record<string, string[]> = {
  sz: ['3', "'4'", '9.0', "'{{ szs }}'", "' 6'", "'0x10'", "'{{ cnt * 2 }}'"],
  szs: ["'20'", '21', "'{{ cfg.size }}'"],
  bfv: ['false', "'yes'", "'no'", "'{{ sz | int > 5 }}'", '0', "'on'", "'{{ flag | bool }}'"],
  flag: ["'no'", "'true'", '1', "'off'"],
  empty: ["'x'", "''"],
  disks: ['[{name: d9, size: 9, boot: true}]', '[]'],
  cfg: ['{size: 4, bfv: false}', "'{{ cfg | combine({\"size\": 12}) }}'"],
};

const SIZES = [
  '10', "'11'", '10.0', "'1e1'", 'true', "' 12'", "'{{ sz }}'", "'{{ szs | int }}'", "'{{ empty | default(5, true) }}'",
  "'{{ empty | default(5) }}'", "'{{ missing | default(6) }}'", "'{{ (cfg | combine({\"size\": 9})).size }}'",
  "'{{ (cfg | combine({\"sub\": {\"y\": 2}}, recursive=true)).sub.x + 4 }}'", "'{{ cfg | dict2items | selectattr(\"key\", \"eq\", \"size\") | map(attribute=\"value\") | first }}'",
  "'{{ disks | selectattr(\"boot\", \"defined\") | rejectattr(\"boot\") | map(attribute=\"size\") | first }}'",
  "'{{ disks | map(attribute=\"size\") | map(\"int\") | sum }}'", "'{{ \"size-13\" | regex_replace(\"^size-\", \"\") }}'",
  "'{{ \"vol_07\" | regex_replace(\"[^0-9]\", \"\") | int }}'", "'{{ bfv | ternary(20, 2) }}'", "'{{ (flag | bool) | ternary(sz, 1) }}'",
  "'{{ (js | from_json).size }}'", "'{{ cfg.size | to_json }}'", "'{{ (cfg | to_json | from_json).size * 2 }}'",
  "'{{ vol_map | dict2items | map(attribute=\"value\") | max }}'", "'{{ (disks | items2dict(key_name=\"name\", value_name=\"size\")).d2 }}'",
  "'{{ sz | int + (szs | int) }}'", "'{{ \"7\" | int }}'", "'{{ \"7.9\" | int }}'", "'{{ \"x\" | int(4) }}'", "'{{ \"0x1A\" | int(0, 16) }}'",
  "'{{ inv_size }}'", "'{{ missing | default(omit) }}'", "'{{ cnt | string + \"0\" }}'",
];
const LOOP_SIZES: Record<string, string[]> = {
  disk: ["'{{ item.size }}'", "'{{ item.size | default(omit) }}'", "'{{ item.size * 2 }}'"],
  kv: ["'{{ item.value }}'", "'{{ item.value + 1 }}'"],
  sub: ["'{{ item.1 | regex_replace(\"[^0-9]\", \"\") }}'", "'{{ item.0.vols | length + 1 }}'"],
  seq: ["'{{ item }}'", "'{{ item | int * 2 }}'"],
  any: ["'{{ item | length + 1 }}'", "'{{ 5 if item else 6 }}'"],
  ext: ["'{{ ansible_loop.index }}'", "'{{ ansible_loop.length * 3 }}'", "'{{ ansible_loop.revindex }}'"],
  idx: ["'{{ i + 1 }}'", "'{{ (i + 1) * 5 }}'"],
};
const VOLUMES = [
  "[v1, v2]", "'v1,v2'", "'{{ users | map(attribute=\"vols\") | flatten }}'", "'{{ (js | from_json).vols }}'",
  "'{{ vol_map | dict2items | map(attribute=\"key\") | list }}'", "'{{ names | map(\"regex_replace\", \"^\", \"vol-\") | list }}'",
  "'{{ bfv | ternary([\"t1\"], []) }}'", "['{{ empty | default(\"dv\", true) }}']", "'{{ inv_vols }}'", "'{{ missing | default(omit) }}'",
  "'{{ vol_map | dict2items | items2dict | list }}'", "'{{ disks | rejectattr(\"size\", \"lt\", 7) | map(attribute=\"name\") | list }}'",
];
const LOOP_VOLUMES: Record<string, string[]> = {
  disk: ["['{{ item.name }}']", "'{{ [item.name] if item.boot | default(false) else [] }}'"],
  kv: ["['{{ item.key }}']"],
  sub: ["['{{ item.1 }}']", "'{{ item.0.vols }}'"],
  seq: ["['vol{{ item }}']"],
};
const BOOLS = ['true', "'yes'", "'on'", '1', "'1'", "'True'", "'y'", "'t'", '0', "'off'", "'no'", '2', "'maybe'", '1.0', "'{{ bfv }}'", "'{{ flag | bool }}'", "'{{ flag }}'", "'{{ sz | int > 5 }}'", "'{{ cfg.bfv | ternary(\"yes\", \"no\") }}'"];
const METAS = ["'a=1,b=2'", "{k: v}", "'{{ cfg | dict2items | rejectattr(\"key\", \"eq\", \"sub\") | items2dict }}'", "'{{ {\"n\": sz | string} }}'", "'{{ js }}'", "'x=1'"];
const WHENS = [
  'sz is defined', "flag | bool", 'not (empty | bool)', "cfg.size | int > 5", "(js | from_json).bfv", "'v1' in (users | map(attribute='vols') | flatten)",
  "disks | selectattr('boot', 'defined') | list | length > 0", 'missing is not defined', 'inv_flag is defined', "empty | default('x', true) == 'x'",
];
const LOOP_WHENS: Record<string, string[]> = {
  disk: ['item.boot | default(false)', 'item.size > 6', "item.name != 'd2'"],
  kv: ["item.key == 'data1'", 'item.value > 5'],
  sub: ["item.1 != 'v2'", "item.0.name == 'u1'"],
  seq: ["item | int > 1", "item != '2'"],
  any: ['item is string', 'item'],
  ext: ['ansible_loop.first', 'not ansible_loop.last', 'ansible_loop.index0 > 0', 'ansible_loop is defined', 'ansible_loop is not defined or ansible_loop.first'],
  idx: ['i == 0', 'i > 0'],
};

type Kind = 'disk' | 'kv' | 'sub' | 'seq' | 'any';
const LOOPS: Array<{ text: string; kind: Kind }> = [
  { text: "loop: '{{ disks }}'", kind: 'disk' },
  { text: "loop: \"{{ disks | selectattr('size', 'gt', 5) | list }}\"", kind: 'disk' },
  { text: "with_items: '{{ disks }}'", kind: 'disk' },
  { text: 'with_items: [[a, b], c]', kind: 'any' },
  { text: "with_items: '{{ nested }}'", kind: 'any' },
  { text: "with_dict: '{{ vol_map }}'", kind: 'kv' },
  { text: 'with_dict: {data3: 4, data4: 11}', kind: 'kv' },
  { text: "loop: \"{{ vol_map | dict2items }}\"", kind: 'kv' },
  { text: "with_subelements:\n    - '{{ users }}'\n    - vols", kind: 'sub' },
  { text: "loop: \"{{ users | subelements('vols') }}\"", kind: 'sub' },
  { text: "with_sequence: start=1 end=3", kind: 'seq' },
  { text: "with_sequence: count=2 format=%02d", kind: 'seq' },
  { text: "with_sequence: '1-{{ cnt }}'", kind: 'seq' },
  { text: "loop: \"{{ query('items', names) }}\"", kind: 'any' },
  { text: "loop: \"{{ q('dict', vol_map) }}\"", kind: 'kv' },
  { text: "loop: \"{{ query('sequence', 'start=1 end=2') }}\"", kind: 'seq' },
  { text: "loop: \"{{ lookup('items', disks, wantlist=True) }}\"", kind: 'disk' },
  { text: "loop: \"{{ query('subelements', users, 'vols') }}\"", kind: 'sub' },
  { text: "loop: \"{{ range(1, cnt) | list }}\"", kind: 'seq' },
  { text: "loop: '{{ names }}'", kind: 'any' },
];

let kind: Kind | null = null;
let loopVar = 'item';
let ext = false;
let idx = false;

const forLoop = (s: string) => s.replace(/\bitem\b/g, loopVar);
function loopPick(pool: Record<string, string[]>, fallback: string[]): string {
  const own = [...(kind ? pool[kind] ?? [] : []), ...(ext ? pool.ext ?? [] : []), ...(idx ? pool.idx ?? [] : [])];
  return own.length && maybe(0.6) ? forLoop(pick(own)) : pick(fallback);
}

function serverTask(i: number, indent: string): string {
  const loop = maybe(0.45) ? pick(LOOPS) : null;
  kind = loop?.kind ?? null;
  loopVar = loop && maybe(0.25) ? pick(['disk', 'vol', 'x']) : 'item';
  ext = loop ? maybe(0.5) : false;
  idx = loop ? maybe(0.35) : false;
  const args: Array<[string, string]> = [];
  args.push(['name', loop && maybe(0.5) ? q(ext ? `vm${i}-{{ ansible_loop.index }}` : idx ? `vm${i}-{{ i }}` : `vm${i}-{{ ${loopVar} }}`) : maybe(0.1) ? "'{{ inv_name }}'" : `vm${i}`]);
  if (maybe(0.85)) args.push(['image', pick(['cirros', 'cirros', "'{{ img }}'", "'{{ empty | default(img, true) }}'"])]);
  if (maybe(0.9)) args.push(['flavor', pick(['m1.small', 'm1.small', "'{{ missing | default(\"m1.tiny\") }}'"])]);
  const bfv = maybe(0.65);
  if (bfv) args.push(['boot_from_volume', pick(BOOLS)]);
  if (bfv ? maybe(0.85) : maybe(0.15)) args.push(['volume_size', loopPick(LOOP_SIZES, SIZES)]);
  if (maybe(0.3)) args.push(['volumes', loopPick(LOOP_VOLUMES, VOLUMES)]);
  if (maybe(0.12)) args.push([pick(['boot_volume', 'root_volume']), pick(["'{{ disks[0].name | default(\"bv\") }}'", 'bv1', "'{{ missing | default(omit) }}'"])]);
  if (maybe(0.15)) args.push(['meta', pick(METAS)]);
  if (maybe(0.15)) args.push(['terminate_volume', pick(BOOLS)]);
  if (maybe(0.1)) args.push([pick(['auto_ip', 'auto_floating_ip', 'public_ip']), pick(BOOLS)]);
  if (maybe(0.08)) args.push([pick(['userdata', 'user_data']), pick(['hello', '42', "'{{ cfg | to_json }}'"])]);
  if (maybe(0.08)) args.push(['config_drive', pick(BOOLS)]);
  if (maybe(0.06)) args.push(['key_name', pick(['k1', '12', "'{{ cnt }}'"])]);
  if (maybe(0.05)) args.push([pick(['timeout', 'timeout']), pick(['30', "'45'", '1.5', "'x'"])]);
  const lines = [`- name: server ${i}`, `  ${pick(['openstack.cloud.server', 'openstack.cloud.server', 'os_server'])}:`];
  for (const [k, v] of args) {
    if (v.startsWith('{') && !v.startsWith('{{')) lines.push(`    ${k}:`, ...v.slice(1, -1).split(/, (?=[a-z]+:)/).map((kv) => `      ${kv}`));
    else lines.push(`    ${k}: ${v}`);
  }
  if (maybe(0.4)) {
    const names = Object.keys(OVERRIDES).filter(() => maybe(0.3));
    if (names.length) lines.push('  vars:', ...names.map((k) => `    ${k}: ${pick(OVERRIDES[k]!)}`));
  }
  if (loop) {
    lines.push(`  ${loop.text}`);
    const lc: string[] = [];
    if (loopVar !== 'item') lc.push(`loop_var: ${maybe(0.15) ? `"{{ '${loopVar}' }}"` : loopVar}`);
    if (idx) lc.push(`index_var: ${maybe(0.1) ? "\"{{ 'i' }}\"" : 'i'}`);
    if (ext) lc.push(pick(['extended: true', 'extended: yes', "extended: '{{ bfv }}'", "extended: '{{ flag }}'", 'extended: 1', "extended: '{{ missing | default(omit) }}'"]));
    if (ext && maybe(0.2)) lc.push(pick(['extended_allitems: false', "extended_allitems: '{{ bfv }}'"]));
    if (maybe(0.2)) lc.push(`label: ${q(forLoop(kind === 'disk' ? '{{ item.name }}' : kind === 'kv' ? '{{ item.key }}' : '{{ item }}'))}`);
    if (maybe(0.05)) lc.push('pause: 0');
    if (lc.length) lines.push('  loop_control:', ...lc.map((l) => `    ${l}`));
  }
  if (maybe(0.35)) {
    const w = loopPick(LOOP_WHENS, WHENS);
    lines.push(maybe(0.2) ? `  when:\n    - ${q(w)}\n    - sz is defined` : `  when: ${q(w)}`);
  }
  kind = null;
  ext = false;
  idx = false;
  return lines.join('\n').split('\n').map((l) => indent + l).join('\n');
}

function setFact(indent: string): string {
  const names = Object.keys(OVERRIDES).filter(() => maybe(0.3));
  if (!names.length) names.push('sz');
  const lines = [`- ${pick(['set_fact', 'ansible.builtin.set_fact'])}:`, ...names.map((k) => `    ${k}: ${pick(OVERRIDES[k]!)}`)];
  return lines.map((l) => indent + l).join('\n');
}

function otherTask(indent: string): string {
  if (maybe(0.25)) return setFact(indent);
  return pick(['- debug: msg=hello', '- ping:', '- command: echo hi', '- fail: msg=boom']).split('\n').map((l) => indent + l).join('\n');
}

const playbook = playbookMaker(draws, {
  serverTask,
  otherTask,
  block: (indent, depth, taskList) => {
    const parts = [`${indent}- block:\n${taskList(`${indent}    `, depth + 1)}`];
    if (maybe(0.5)) parts.push(`${indent}  rescue:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.2)) parts.push(`${indent}  always:\n${taskList(`${indent}    `, depth + 1)}`);
    if (maybe(0.5)) {
      const names = Object.keys(OVERRIDES).filter(() => maybe(0.35));
      if (names.length) parts.push(`${indent}  vars:\n${names.map((k) => `${indent}    ${k}: ${pick(OVERRIDES[k]!)}`).join('\n')}`);
    }
    if (maybe(0.15)) parts.push(`${indent}  when: ${q(pick(WHENS))}`);
    return parts.join('\n');
  },
  playExtras: () => ['  vars:', ...PLAY_VARS.map((v) => `    ${v}`)],
});

const inPlay = inOnePlay(playbook, PLAY_VARS);

printCases('hunt35', n, inPlay);
