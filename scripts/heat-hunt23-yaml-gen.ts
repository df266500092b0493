/**
 * Flow collections holding `-`, `?`, `:`, `#` and `,` in odd places, for the differential test of
 * bdm-lab's reading of a template's YAML against Heat's (template_format.simple_parse: libyaml,
 * then PyYAML's words): every short run of those characters (and a letter, a blank) inside `[...]`,
 * `{...}`, `{k: ...}` and `[a, ...]`, then random runs of longer pieces (quoted scalars, anchors,
 * aliases, tags, nested brackets, line breaks, tabs) at a few places of a HOT template.
 * Usage: node --import tsx scripts/heat-hunt23-yaml-gen.ts MAXLEN COUNT SEED > cases.json
 * Label and compare: node --import tsx scripts/heat-yaml-difftest.ts cases.json labels.json
 * (labels written by test/fixtures/heat/yaml_block_errors.py, Heat 19.0.0's own reading).
 */

export {};

let seed = Number(process.argv[4] ?? 1) >>> 0 || 1;
function rnd(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const HEAD = 'heat_template_version: 2018-08-31\n';
/** where a flow collection sits: its text given the collection's */
const PLACES: Array<[string, (f: string) => string]> = [
  ['value', (f) => `${HEAD}k: ${f}\n`],
  ['join', (f) => `${HEAD}outputs:\n  o:\n    value: {list_join: [${f}, [a, b]]}\n`],
  ['item', (f) => `${HEAD}k:\n  - ${f}\n  - z\n`],
  ['nested', (f) => `${HEAD}k: {a: [x, ${f}], b: 1}\n`],
  ['lines', (f) => `${HEAD}k: [\n  ${f.replace(/ /g, '\n  ')}\n]\n`],
];

const cases: Array<{ id: string; template: string }> = [];
const seen = new Set<string>();
const add = (id: string, template: string) => { if (!seen.has(template)) { seen.add(template); cases.push({ id, template }); } };

// every run of up to MAXLEN characters of the alphabet, in four wrappers
const ALPHA = ['-', '?', ':', '#', ',', ' ', 'a'];
const maxLen = Number(process.argv[2] ?? 3);
const WRAPS: Array<[string, (s: string) => string]> = [
  ['seq', (s) => `[${s}]`],
  ['map', (s) => `{${s}}`],
  ['val', (s) => `{k: ${s}}`],
  ['after', (s) => `[a, ${s}]`],
];
let runs = [''];
for (let len = 1; len <= maxLen; len++) {
  runs = runs.flatMap((r) => ALPHA.map((c) => r + c));
  for (const r of runs) for (const [w, wrap] of WRAPS) add(`ex-${w}-${JSON.stringify(r)}`, `${HEAD}k: ${wrap(r)}\n`);
}

// random runs of pieces at the places
const PIECES = ['-', '-', '- ', '-x', '--', '-:', ' -', '?', '? ', '?-', ':', ': ', ':-', '#', ' #c', '#c', ',', ', ', ' ', 'a', 'b c', 'a-b', 'a:b', '"q"', "'s'", '&x ', '*x', '!!str ', '[', ']', '{', '}', '[]', '{}', '\n', '\n ', '\t', '\n-', '\n- ', '\n#c\n', '---', '...'];
const count = Number(process.argv[3] ?? 2000);
for (let i = 0; cases.length < count; i++) {
  const n = 1 + Math.floor(rnd() * 5);
  let body = '';
  for (let k = 0; k < n; k++) body += pick(PIECES);
  const open = pick(['[', '{', '{k: ', '[a, ', '{a: b, ', '[[', '{k: [']);
  const close = open === '[[' ? ']]' : open === '{k: [' ? ']}' : open.startsWith('[') ? ']' : '}';
  const [place, put] = pick(PLACES);
  add(`rnd-${place}-${i}`, put(open + body + close));
}
process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
