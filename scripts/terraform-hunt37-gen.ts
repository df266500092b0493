/**
 * Hunt 37 generator: Go's regular expression syntax (RE2) as Terraform's regex(), regexall() and
 * replace() read it: flags `(?i)` `(?m)` `(?s)` `(?U)` (set, cleared, scoped), `\b` `\B` `\A` `\z`,
 * Unicode classes `\pL` `\p{Greek}` `\P{…}` `\p{^…}`, POSIX classes, hex and octal escapes, `\Q…\E`,
 * named groups, case folding over non-ASCII text, lazy and counted repeats, and what RE2 refuses
 * (lookaround, backreferences, `\Z`, unknown class names); then the functions of Terraform's table
 * bdm-lab did not evaluate before: sum, matchkeys, chunklist, chomp, signum, reverse (and setunion,
 * setintersection, setsubtract, still not evaluated). A sixth of the cases are hunt 35's.
 * Not drawn (the oracle's Go 1.19 regexp differs there from Terraform's Go 1.26): `(?<name>…)` and
 * `(?<=`/`(?<!`, \p{…} names written in another case or as aliases (`\p{greek}`, `\p{Letter}`), and
 * Go 1.25's new names (Any aside): ASCII, Assigned, LC, Cn, and C (which gained Cn).
 * JSON lines for scripts/terraform-hunt35-oracle and scripts/terraform-hunt35-compare.ts: `{expr}`.
 * `node --import tsx scripts/terraform-hunt37-gen.ts SEED COUNT > cases.jsonl`
 */
import { spawnSync } from 'node:child_process';
import { lists, strs, nums } from './terraform-hunt35-gen';

const [seedArg, countArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
// Math.imul: the product kept to 32 bits exactly (a float product loses low bits and the sequence falls into short cycles)
const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

/** a string as an HCL quoted template writes it */
export const hcl = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
  .replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{')}"`;

const literals = ['a', 'b', 'c', 'A', 'B', 'k', 'K', 's', 'S', 'é', 'É', 'ß', 'ẞ', 'ſ', 'K', 'α', 'Σ', 'σ', 'ς', '1', '0', ' ', '-', '_', 'x', 'o', 'l', 'W', 'ǅ', 'İ', 'ı', 'µ'];
const escapes = ['\\d', '\\w', '\\s', '\\D', '\\W', '\\S', '\\.', '\\x41', '\\x{e9}', '\\x{3c3}', '\\101', '\\0', '\\n', '\\t', '\\-', '\\_', '\\Qa.b\\E', '\\Q\\E', '\\Q*', '\\$', '\\^', '\\{', '\\}'];
const asserts = ['\\b', '\\B', '\\A', '\\z', '^', '$'];
const unicode = ['\\pL', '\\pN', '\\p{Lu}', '\\p{Ll}', '\\PL', '\\P{Lu}', '\\p{Greek}', '\\p{Latin}', '\\p{^Latin}', '\\P{^Greek}', '\\p{Han}', '\\p{Nd}', '\\p{Zs}', '\\p{P}', '\\p{S}', '\\p{M}', '\\p{Common}', '\\p{Any}', '\\p{Lt}', '\\pZ', '\\p{Cyrillic}', '\\p{Lo}'];
const classItems = ['a-c', 'A-Z', 'a-z', '0-9', 'é', 'k', 'K', 'ß', '_', '-', '.', ' ', '\\d', '\\w', '\\s', '\\W', '[:alpha:]', '[:^digit:]', '[:upper:]', '[:lower:]', '[:space:]', '[:word:]', '[:punct:]', '\\p{Greek}', '\\pL', '\\PN', '\\x{3b1}-\\x{3c9}', '\\n', 'α-ω', 'À-ÿ'];
const refused = ['(?=a)', '(?!a)', '\\1', '(a)\\1', '\\Z', '\\C', '(?P=n)', '[z-a]', '\\p{Foo}', 'a**', '(?i', '(?-)', '(?i-)', '\\pé', '\\p{Greek', '[[:foo:]]', '(?P<>a)', '(?P<a-b>x)', '[\\p{Bad}]', 'x{1001}', '\\8', '\\e', '(?x)a', '(?#c)'];
const flagsets = ['i', 'm', 's', 'U', 'i-s', 'is', 'ims', '-i', 'im', 'sU', 'i-U'];

function klass(): string {
  const n = 1 + rnd(3);
  let body = '';
  for (let j = 0; j < n; j++) body += pick(classItems);
  return `[${rnd(3) === 0 ? '^' : ''}${body}]`;
}
function atom(depth: number): string {
  const k = rnd(depth > 2 ? 7 : 10);
  switch (k) {
    case 0: case 1: return pick(literals);
    case 2: return pick(escapes);
    case 3: return pick(unicode);
    case 4: return klass();
    case 5: return pick(asserts);
    case 6: return '.';
    case 7: return `(${rnd(2) ? '' : pick(['?:', '?P<n>', '?P<m>', '?i:', '?s:', '?-i:', '?U:'])}${alt(depth + 1)})`;
    case 8: return `(?${pick(flagsets)})`;
    default: return `(${alt(depth + 1)})`;
  }
}
function piece(depth: number): string {
  const a = atom(depth);
  if (a.startsWith('(?') && a.endsWith(')') && !a.includes(':') && !a.includes('<')) return a; // a flag group: no repeat after it
  if (rnd(3)) return a;
  return a + pick(['*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{2,}', '{0}', '{1,2}?', '{,2}']);
}
function seq(depth: number): string {
  const n = 1 + rnd(depth ? 2 : 4);
  let s = '';
  for (let j = 0; j < n; j++) s += piece(depth);
  return s;
}
function alt(depth: number): string {
  let s = seq(depth);
  if (depth < 3 && rnd(4) === 0) s += `|${seq(depth)}`;
  return s;
}
function pattern(): string {
  if (rnd(10) === 0) return pick(refused);
  let p = alt(0);
  if (rnd(3) === 0) p = `(?${pick(flagsets)})${p}`;
  return p;
}
const texts = [
  'Hello World', 'héllo wörld', 'ab\ncd\n', 'αβγ abc ΣΑΣ', 'KkK ſs ẞß', 'a1 b2_c3', '', '  x  ', 'ÉCOLE école', '漢字 kana カナ', 'foo.bar-baz',
  'a\r\nb', '123abc', 'aaa', 'AbC', 'x\ny\nz', 'ǆemal ǅ', 'İstanbul ıi', 'a.b', '{a}', 'µ μ Μ', 'σς Σ', 'a b  c', '__init__', 'k', 'é\u0301e\u0301',
];
const templates = ['X', '$1', '$${1}', '$$', '[$0]', '', '$n', '$${n}x', '$9', '$m-$n', '$1$2', '$${0}', '$${1x}', '$é', '-$${m}-'];

function regexCall(): string {
  const p = hcl(pattern());
  const t = pick(texts);
  const T = rnd(8) === 0 ? 'var.us' : hcl(t);
  switch (rnd(9)) {
    case 0: case 1: return `regex(${p}, ${T})`;
    case 2: case 3: return `regexall(${p}, ${T})`;
    case 4: case 5: return `replace(${T}, ${hcl(`/${pattern()}/`)}, ${hcl(pick(templates))})`;
    case 6: return `can(regex(${p}, ${T}))`;
    case 7: return `length(regexall(${p}, ${T}))`;
    default: return `try(regex(${p}, ${T}), "none")`;
  }
}

const numLists = ['[1, 2, 3]', '[0.1, 0.2]', '["1.5", 2]', '[]', '[1, null]', '[1, "x"]', '[true]', 'toset([1, 1])', '[[1]]', '{a = 1}', 'tomap({a = 1, b = 2})', '"a"', '[1e308, 1e308]', '[-1, 1]', 'var.ul', '[var.un, 1]', 'range(5)', '[1.5, -2]', '["0x10"]', '[" 1"]', 'tolist([3, 4])', '{}', '[2, "3", 4.5]'];
function newFn(): string {
  const L = () => pick(lists), N = () => pick(nums);
  switch (rnd(9)) {
    case 0: case 1: return `sum(${pick(numLists)})`;
    case 2: return `matchkeys(${L()}, ${pick([...lists, '["x", "y", "z"]', '[1, 2, 3]'])}, ${pick([...lists, '["y"]', '["2", 3]', '[true]', '[null]'])})`;
    case 3: return `matchkeys(${pick(['["a", "b", "c"]', '[1, 2, 3]', '[[1], [2], [3]]', '[{a = 1}, {a = 2}, {a = 3}]', 'toset(["c", "b", "a"])'])}, ${pick(['["x", "y", "z"]', '[1, 2, 3]', '["1", 2, 3]', '[true, false, true]', '["x", null, "z"]'])}, ${pick(['["y"]', '["2", 3]', '[true]', '[null]', '[]', '["z", "x"]', '[2]', 'toset(["x"])'])})`;
    case 4: return `chunklist(${L()}, ${pick([...nums, '2', '1', '0', '5'])})`;
    case 5: return `chomp(${pick([...strs, '"a\\n"', '"a\\r\\n\\n"', '"a\\n\\r"', '"\\n"', '"a\\nb"', '"a\\r"'])})`;
    case 6: return `signum(${N()})`;
    case 7: return `reverse(${pick([...lists, '"a"', '{a = 1}', 'null'])})`;
    default: return `${pick(['setunion', 'setintersection', 'setsubtract'])}(${L()}, ${L()})`;
  }
}

const n = process.argv[1]?.endsWith('terraform-hunt37-gen.ts') ? Number(countArg) || 100 : 0;
if (n) {
  // hunt 35's own cases (its generator, the same seed) for the last sixth
  const extra = Math.floor(n / 6);
  const h35 = spawnSync(process.execPath, ['--import', 'tsx', new URL('./terraform-hunt35-gen.ts', import.meta.url).pathname, String(seedArg), String(extra)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (let i = 0; i < n - extra; i++) {
    const k = rnd(10);
    let e = k < 7 ? regexCall() : newFn();
    if (rnd(8) === 0) e = `${pick(['length', 'jsonencode', 'try', 'tostring', 'one'])}(${e})`;
    console.log(JSON.stringify({ expr: e }));
  }
  for (const l of h35) console.log(l);
}
