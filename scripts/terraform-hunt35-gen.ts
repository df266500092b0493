/**
 * Hunt 35 generator: Terraform's built-in functions not stressed before (try/can, coalesce and
 * coalescelist, lookup with a default, element past the end, slice bounds, flatten, merge of objects
 * of differing types, setproduct, zipmap, range, format/formatlist verbs, regex/regexall, replace
 * with a regular expression, split/join, tonumber/tobool of strings, upper/lower/title and the other
 * collection and string functions of Terraform's table), string templates with %{for}/%{if}
 * directives and strip markers, heredocs, splats of tuples and sets, `for` expressions grouping with
 * `...`, and variables: jsonencode() of a variable, set(set(set(any))) defaults and the bare `list`
 * and `map` shorthands; a sixth of the cases are hunt 34's forms (hunt 32's sources and steps).
 * JSON lines for scripts/terraform-hunt35-oracle and scripts/terraform-hunt35-compare.ts: `{expr}`,
 * or `{type, default, expr}` where the expression reads `var.v`. Not drawn: contains() of null and
 * merge() of a null object (the oracle's go-cty v1.16.2 differs there from Terraform's v1.18.1),
 * templatestring() (Terraform 1.9's, evaluated by bdm-lab as unknown) and functions that read files,
 * the clock or randomness.
 * `node --import tsx scripts/terraform-hunt35-gen.ts SEED COUNT > cases.jsonl`
 */
import { bases, step as hunt32Step } from './terraform-hunt32-gen';

const [seedArg, countArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
const step = () => hunt32Step(rnd);

/** value pools: lists and tuples, strings, numbers, maps and objects, anything */
export const lists = [
  '[1, 2, 3]', '["a", "b"]', '[]', 'tolist(["a", "b", "c"])', 'toset(["b", "a"])', '[1, "a"]', '[[1, 2], [3]]', '[{a = 1}, {a = 2}]', 'var.ul',
  '[null, 1]', '["a", null]', 'range(3)', '[true, false]', '[["a"], []]', '[[[1]], [2]]', 'tolist([])', 'toset([])', '[1.5, -2]', '["x", "x", "y"]',
  '[{a = 1}, {b = "x"}]', 'tolist([[1], [2, 3]])', 'toset([1, 2])', '[[], []]', '["1", 2, true]', 'split(",", "a,b")', '[var.us]', 'var.uo',
];
export const strs = [
  '"abc"', '""', '"a,b,,c"', '"Hello World"', '"héllo wörld"', '"1.5"', '" 12 "', '"true"', '"0x10"', '"1e3"', 'var.us', '"a-b_c d"', '"ǆemal ǈ"',
  '"false"', '"1"', '"-0"', '"TRUE"', '"12abc"', '"ﬁne straße"', '"x"', '"a.b.c"', '" "', '"0"', '"1.0e2"', '"+5"', '"\\u00e9"', '"inf"',
];
export const nums = ['0', '1', '2', '-1', '3', '1.5', '10', '-3', '1e3', 'var.un', '"2"', 'null', '4', '-2', '0.5', '100', '"x"', '2.9', '-0'];
export const maps = [
  '{a = 1, b = 2}', '{a = "x", b = 1}', '{}', 'tomap({a = "x"})', '{a = [1], b = {c = 1}}', '{a = null}', 'var.uo[0].tags', '{b = true}',
  '{a = 1, c = [1, 2]}', 'tomap({a = 1, b = 2})', '{"x y" = 1}', '{a = {b = 1}}', '{a = "1", b = 2, c = true}', 'tomap({})', '{a = [1], b = ["x"]}',
];
const anys = [...lists.slice(0, 10), ...strs.slice(0, 8), ...nums.slice(0, 8), ...maps.slice(0, 8), 'true', 'false', 'null'];
const risky = [
  '[1][5]', '{a = 1}.b', 'tonumber("x")', '1 / 0', 'var.us', 'var.ul[0]', 'regex("[", "a")', '"a" + 1', 'null.a', 'tolist([1])[1]',
  'lookup({}, "k")', 'element([], 0)', '[1, 2][0]', '"ok"', 'tobool("yes")', 'upper(1)', 'var.uo[0].size', 'null', 'jsondecode("{")',
];
const patterns = [
  '"[a-z]+"', '"^a"', '"(\\\\d+)"', '"(?P<x>\\\\w)(\\\\w)"', '"b"', '"["', '"(a)|(b)"', '"(?i)A"', '"\\\\s+"', '""', '"^$"', '"x*"', '"(\\\\w+)@(\\\\w+)"',
  '"(?:a)(b)?"', '"[[:alpha:]]"', '"a{2,}"', '"é"', '"\\\\pL"', '"\\\\b"',
];
const fmts = [
  '"%d"', '"%s"', '"%v"', '"%#v"', '"%5.2f"', '"%-4s|"', '"%q"', '"%t"', '"%x"', '"%X"', '"%o"', '"%b"', '"%e"', '"%g"', '"%%"', '"%[2]s %[1]s"',
  '"%03d"', '"%+d"', '"%.1s"', '"%*d"', '"%s-%s"', '"a"', '"%d %v"', '"%10.3q"', '"%U"', '"% d"', '"%.0f"', '"%G"', '"%E"', '"%s %"',
];

function call(): string {
  const k = rnd(46);
  const L = () => pick(lists), S = () => pick(strs), N = () => pick(nums), M = () => pick(maps), A = () => pick(anys);
  switch (k) {
    case 0: return `try(${pick(risky)}${rnd(3) ? `, ${pick(risky)}` : ''}${rnd(3) === 0 ? `, ${A()}` : ''})`;
    case 1: return `can(${pick(risky)})`;
    case 2: return `coalesce(${Array.from({ length: 1 + rnd(3) }, () => pick([...strs.slice(0, 6), ...nums.slice(0, 6), 'null', '""', 'true', '[1]'])).join(', ')})`;
    case 3: return `coalescelist(${Array.from({ length: 1 + rnd(3) }, () => pick([...lists.slice(0, 12), 'null', '"a"', '{}'])).join(', ')})`;
    case 4: return `lookup(${M()}, ${pick(['"a"', '"b"', '"z"', '"x y"', 'var.us', '1'])}${rnd(3) ? `, ${A()}` : ''})`;
    case 5: return `element(${L()}, ${N()})`;
    case 6: return `slice(${L()}, ${N()}, ${N()})`;
    case 7: return `flatten(${pick([...lists, '[[1], [[2, [3]]]]', '[toset([1]), [2]]', '[[], [[]]]', '[{a = 1}, [2]]', '["a", ["b", null]]', '"x"', '[var.ul]'])})`;
    case 8: return `merge(${Array.from({ length: 1 + rnd(3) }, () => M()).join(', ')})`;
    case 9: return `setproduct(${Array.from({ length: 1 + rnd(3) }, () => L()).join(', ')})`;
    case 10: return `zipmap(${L()}, ${L()})`;
    case 11: return `range(${Array.from({ length: rnd(4) }, () => N()).join(', ')})`;
    case 12: return `format(${pick(fmts)}${Array.from({ length: rnd(3) }, () => `, ${A()}`).join('')})`;
    case 13: return `formatlist(${pick(fmts)}${Array.from({ length: rnd(3) }, () => `, ${rnd(2) ? L() : A()}`).join('')})`;
    case 14: return `regex(${pick(patterns)}, ${S()})`;
    case 15: return `regexall(${pick(patterns)}, ${S()})`;
    case 16: return `replace(${S()}, ${pick(['"/[a-z]/"', '"/(a)(b)?/"', '"/^/"', '"/x*/"', '"/[/"', '"//"', '"/"', '"a"', '""', '"/(?P<n>b)/"', '"/\\\\s/"', '"/./"'])}, ${pick(['"X"', '"$1"', '"${1}"', '"$$"', '"[$0]"', '""', '"$n"', '"${n}x"', '"$9"'])})`;
    case 17: return `split(${pick(['","', '""', '" "', '"a"', '",,"'])}, ${S()})`;
    case 18: return `join(${pick(['","', '""', '"-"'])}, ${L()}${rnd(3) === 0 ? `, ${L()}` : ''})`;
    case 19: return `tonumber(${pick([...strs, ...nums])})`;
    case 20: return `tobool(${pick([...strs, 'true', 'null', '1', '0'])})`;
    case 21: return `${pick(['upper', 'lower', 'title', 'strrev', 'trimspace', 'chomp'])}(${pick([...strs, '1', 'true', '"a\\n"', '"a\\r\\n\\n"'])})`;
    case 22: return `length(${pick([...lists, ...strs, ...maps])})`;
    case 23: return `${pick(['keys', 'values'])}(${M()})`;
    case 24: return `index(${L()}, ${A()})`;
    case 25: return `contains(${L()}, ${pick(anys.filter((x) => x !== 'null'))})`;
    case 26: return `${pick(['distinct', 'reverse', 'sort', 'compact'])}(${L()})`;
    case 27: return `chunklist(${L()}, ${N()})`;
    case 28: return `one(${pick([...lists, 'toset(["a"])', '[null]', '[[1]]'])})`;
    case 29: return `sum(${pick([...lists, '[1, "2"]', '["1.5", 2]', 'toset([1, 1])'])})`;
    case 30: return `transpose(${pick(['{a = ["x", "y"], b = ["x"]}', '{}', '{a = []}', '{a = [1]}', '{a = "x"}', 'tomap({a = tolist(["z"])})', '{a = ["x"], b = null}'])})`;
    case 31: return `${pick(['alltrue', 'anytrue'])}(${pick(['[true, "true"]', '[]', '[false, true]', '["false"]', '[1]', 'toset([true])', '[null, true]', 'var.ul'])})`;
    case 32: return `${pick(['trim', 'trimprefix', 'trimsuffix'])}(${S()}, ${S()})`;
    case 33: return `substr(${S()}, ${N()}, ${N()})`;
    case 34: return `concat(${Array.from({ length: rnd(3) }, () => L()).join(', ')})`;
    case 35: return `${pick(['min', 'max'])}(${Array.from({ length: rnd(3) }, () => N()).join(', ')})`;
    case 36: return `parseint(${pick(['"ff"', '"-10"', '"0x10"', '"zz"', '"1.5"', '"12"', '"FF"', '""'])}, ${pick(['16', '10', '2', '36', '1', '62', '"8"'])})`;
    case 37: return `${pick(['abs', 'ceil', 'floor', 'signum'])}(${N()})`;
    case 38: return `jsonencode(${A()})`;
    case 39: return `matchkeys(${L()}, ${L()}, ${L()})`;
    case 40: return `setproduct(${pick(['toset(["a", "b"])', '["x", 1]', 'range(2)', '[]'])}, ${pick(['[1, 2]', 'toset([true])', '["y"]', '[[1]]'])})`;
    case 41: return `${pick(['setunion', 'setintersection', 'setsubtract'])}(${L()}, ${L()})`;
    case 42: return `indent(${pick(['2', '0', '-1', '"2"'])}, ${pick(['"a\\nb"', '"a\\n\\nb\\n"', '""', 'var.us'])})`;
    case 43: return `element(${pick(['["a", "b", "c"]', 'tolist([1, 2])', 'toset(["a"])', '[]', 'var.ul'])}, ${pick(['-1', '5', '3', '-4', '1.9', '2', '-0.5', '9007199254740993'])})`;
    case 44: return `slice(${pick(['["a", "b", "c"]', 'tolist([1, 2])', 'toset(["a", "b"])', '[]', 'var.ul', '[1, "x"]'])}, ${pick(['0', '1', '-1', '3', '4', '1.5', '2'])}, ${pick(['0', '1', '3', '4', '2', '-1', '2.5'])})`;
    default: return `lookup(${pick(['{a = 1, b = "x"}', 'tomap({a = 1})', '{a = [1], b = {c = 1}}', '{}', '{a = null}'])}, ${pick(['"a"', '"b"', '"q"'])}, ${pick(['"d"', '0', '[]', '{}', 'null', '{c = 2}', 'true'])})`;
  }
}

// templates: directives, strip markers, interpolations of function results and collections
const tScalars = ['1', '1.50', '"x"', 'true', 'null', '"é"', 'var.us', 'var.un', 'upper("q")', 'length([1, 2])', '[1]', '{a = 1}', 'format("%03d", 7)', '0.1 + 0.2'];
const tColls = ['[1, 2, 3]', '["a", "b"]', '[]', '{a = 1, b = "x"}', '{}', 'toset(["b", "a", "b"])', 'null', '"str"', 'var.ul', 'range(3)', '{z = 1, a = 2}', 'split(",", "p,q")', 'var.uo'];
const tConds = ['true', 'false', '"true"', 'null', '1', '"x"', 'var.us == "a"', 'length([]) == 0', 'can(tonumber("1"))', 'try(true, false)'];
const lits = ['', ' ', 'a', '  b  ', '\\n', ',', ' x ', '\\t', '$${x}', '%%{y}'];
const open = () => (rnd(3) === 0 ? '~ ' : ' ');
const close = () => (rnd(3) === 0 ? ' ~' : ' ');
function tpl(depth: number, loopVars: string[]): string {
  const n = 1 + rnd(3);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = rnd(depth > 1 ? 3 : 6);
    if (k === 0) s += pick(lits);
    else if (k === 1) s += `\${${open()}${loopVars.length && rnd(2) ? pick(loopVars) : pick(tScalars)}${close()}}`;
    else if (k === 2) s += pick(lits) + `\${${open()}${rnd(4) === 0 ? call() : pick(tScalars)}${close()}}` + pick(lits);
    else if (k === 3) s += `%{${open()}if ${pick(tConds)}${close()}}${tpl(depth + 1, loopVars)}${rnd(2) ? `%{${open()}else${close()}}${tpl(depth + 1, loopVars)}` : ''}%{${open()}endif${close()}}`;
    else {
      const two = rnd(2) === 0;
      const vars = two ? ['k', 'v'] : ['x'];
      s += `%{${open()}for ${vars.join(', ')} in ${pick(tColls)}${close()}}${tpl(depth + 1, [...loopVars, ...vars])}%{${open()}endfor${close()}}`;
    }
  }
  return s;
}
function template(): string {
  const body = tpl(0, []);
  if (rnd(3)) return `"${body}"`;
  // a heredoc: each literal \n a real line break, indented for <<- (strip the common indentation)
  const strip = rnd(2) === 0;
  const lines = body.replace(/\\n/g, '\n').replace(/\\t/g, '\t').split('\n').map((l) => (strip ? `${pick(['  ', '    ', ''])}${l}` : l));
  return `<<${strip ? '-' : ''}EOT\n${lines.join('\n')}\nEOT\n`;
}

// splats of tuples and sets, `for` grouping with `...`
const splatSources = [
  '[{a = 1}, {a = "x"}]', 'toset([{a = 1}, {a = 2}])', 'toset(["a", "b"])', '[{a = [1]}, {a = []}]', '[{a = 1}, {b = 2}]', 'tolist([{a = 1}])',
  '[[1, 2], [3]]', 'toset([[1], [2]])', '[{a = {b = 1}}, {a = {b = "y"}}]', 'var.uo', '[var.uo[0]]', 'toset([])', '[]', 'setproduct(["a"], [1, 2])',
  '[for x in range(3) : {a = x}]', 'toset([{a = null}])', '{a = 1}', '"s"',
];
const forSources = [
  '["a", "b", "a"]', '[1, 2, 1, 3]', '{x = "a", y = "b", z = "a"}', 'toset(["q", "p"])', '[]', 'range(4)', '[{n = "a", v = 1}, {n = "a", v = 2}, {n = "b", v = 3}]',
  'var.ul', '[true, false, true]', '[null, "a"]', 'tomap({a = 1, b = 1})', '[[1], [1], [2]]', '["a", 1, "1"]',
];
function forExpr(): string {
  const src = pick(forSources);
  const kv = rnd(2) === 0;
  const it = kv ? 'k, v' : 'v';
  const keyE = pick(['v', 'tostring(v)', 'k', 'upper(tostring(v))', 'v.n', 'length(tostring(v)) > 1 ? "long" : "short"', '"c"', 'try(v.n, "none")', 'jsonencode(v)']);
  const valE = pick(['v', 'k', 'v.v', '{k = k, v = v}', '[v]', 'tostring(v)', 'v == null']);
  const cond = rnd(3) === 0 ? ` if ${pick(['v != null', 'k != 0', 'can(v.n)', 'v != "a"', 'true', 'null', '"x"'])}` : '';
  const tail = rnd(3) === 0 ? pick(['["a"]', '.a', '["a"][0]', '[*]', '["1"]', '.a[1]']) : '';
  if (rnd(5) === 0) return `[for ${it} in ${src} : ${valE}${cond}${rnd(4) === 0 ? '...' : ''}]${tail}`;
  return `{for ${it} in ${src} : ${keyE} => ${valE}${rnd(4) ? '...' : ''}${cond}}${tail}`;
}

// variables: bare list/map shorthands, set(set(set(any))), jsonencode of the variable
const types = [
  'list', 'map', 'list', 'map', 'set(set(set(any)))', 'set(set(any))', 'list(list)', 'map(list)', 'set(list(set(any)))', 'any', 'list(any)', 'map(any)',
  'set(any)', 'object({a = any, b = optional(set(set(any)))})', 'tuple([set(any), list])', 'list(set(set(string)))', 'map(set(any))', 'set(map(any))',
  'object({a = optional(list(any), [])})', 'string', 'number', 'bool',
];
const defaults = [
  '[]', '{}', '[1, 2]', '[1, "a"]', '[[1], ["a"]]', '[[[1]], [["a"]]]', '[[["x", 1]], [[true]]]', '[[[]]]', '[[[1, 1]], [[1]]]', '{a = 1, b = "x"}',
  '{a = [1], b = ["x"]}', '{a = {x = 1}, b = {y = 2}}', '[null]', '[[null]]', '[[[null]]]', 'null', '"s"', '1', 'true', '[{a = 1}]', '[["a", "b"], ["b", "a"]]',
  '[[[1, 2]], [[2, 1]]]', '{a = [[1]], b = [["x"]]}', '[[[{}]]]', '[[], [[]]]', '{a = [[1], [2]], b = null}', '[[1.5, "1.5"]]', '["a", ["b"]]', '"1"',
];
const uses = [
  'jsonencode(var.v)', 'jsonencode(var.v)', 'jsonencode(var.v)', 'var.v', 'var.v', 'length(var.v)', 'flatten(var.v)', 'jsonencode([var.v])',
  'jsonencode({v = var.v})', 'tolist(var.v)', '[for x in var.v : jsonencode(x)]', 'jsonencode(var.v[*])', 'try(jsonencode(var.v[0]), "none")',
  'keys(var.v)', 'coalescelist(var.v, ["d"])', 'lookup(var.v, "a", "d")', 'one(var.v)', 'toset(var.v)', 'flatten([for x in var.v : x])',
  'jsonencode(tolist(var.v))', '"${jsonencode(var.v)}!"', 'length(flatten(var.v))', 'sort(flatten(var.v))',
];

const n = process.argv[1]?.endsWith('terraform-hunt35-gen.ts') ? Number(countArg) || 100 : 0;
for (let i = 0; i < n; i++) {
  const k = rnd(12);
  if (k < 5) {
    let e = call();
    if (rnd(6) === 0) e += step();
    if (rnd(8) === 0) e = `${pick(['length', 'jsonencode', 'try', 'tostring', 'flatten'])}(${e})`;
    console.log(JSON.stringify({ expr: e }));
  } else if (k < 7) {
    console.log(JSON.stringify({ expr: template() }));
  } else if (k === 7) {
    console.log(JSON.stringify({ expr: `${pick(splatSources)}${pick(['[*]', '.*', '[*].a', '.*.a', '[*][0]', '[*].a.b', '[*].a[*]', '.*.b'])}${rnd(3) === 0 ? step() : ''}` }));
  } else if (k === 8) {
    console.log(JSON.stringify({ expr: forExpr() }));
  } else if (k < 11) {
    console.log(JSON.stringify({ type: pick(types), default: pick(defaults), expr: pick(uses) }));
  } else {
    // hunt 32's forms
    let e = pick(bases);
    const steps = 1 + rnd(3);
    for (let j = 0; j < steps; j++) e += step();
    console.log(JSON.stringify({ expr: e }));
  }
}
