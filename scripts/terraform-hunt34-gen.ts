/**
 * Hunt 34 generator: splats of typed nulls (a conversion function's null, a conditional's null
 * converted to the other result's type, a null element of a list, a variable's null default or a
 * missing optional attribute of its type) and variables whose type constraint has `any` (`any`,
 * list(any), map(any), set(any), object({a = any}), optional(any), nested), each followed by index,
 * attribute and splat steps, the variable read directly or through a `for`, a literal, a conversion or
 * a conditional; a third of the cases are hunt 32's (scripts/terraform-hunt32-gen.ts's
 * sources and steps). JSON lines for scripts/terraform-hunt32-oracle and
 * scripts/terraform-hunt32-compare.ts: `{expr}`, or `{type, default, expr}` where the expression
 * reads `var.v`, a variable with that type and default.
 * `node --import tsx scripts/terraform-hunt34-gen.ts SEED COUNT > cases.jsonl`
 */
import { bases, step as hunt32Step } from './terraform-hunt32-gen';

const [seedArg, countArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
const step = () => hunt32Step(rnd);

// sources whose value is a typed null (or an untyped one, for contrast)
const nulls = [
  'null', '(null)', 'tolist(null)', 'toset(null)', 'tomap(null)', 'tostring(null)', 'tonumber(null)',
  '(true ? null : [1])', '(false ? [1] : null)', '(true ? null : {a = 1})', '(true ? null : tolist([1]))', '(true ? null : toset(["a"]))',
  '(true ? null : tomap({a = 1}))', '(true ? null : "x")', '(true ? null : [{a = 1}])', '(true ? null : null)', '(false ? tolist(null) : null)',
  'tolist([null, [1]])[0]', 'tolist([[1], null])[1]', 'tolist([null, {a = [1]}])[0]', 'tolist([{a = null}, {a = [1]}])[0].a', '[null, [1]][0]',
  '{a = null}.a', 'tomap({a = null, b = [1]}).a', 'tolist([null, tolist([1])])[0]', 'tolist([null, toset([1])])[0]', 'tolist([null, tomap({a = 1})])[0]',
  '[for x in [1] : null][0]', 'tolist([for x in [1, 2] : x == 1 ? null : [x]])[0]', '(var.us == "" ? null : [1])', 'tolist(null)[*]',
];
// type constraints: `any` in every position, typed collections, optional attributes (not the bare
// `list` and `map`: Terraform's loader reads them, the oracle's typeexpr does not)
const types = [
  'any', 'list(any)', 'map(any)', 'set(any)', 'list(string)', 'set(string)', 'map(string)', 'tuple([any, string])', 'tuple([string])',
  'object({a = any})', 'object({a = optional(any)})', 'object({a = optional(list(any))})', 'object({a = optional(list(string))})',
  'object({a = optional(map(any)), b = optional(string)})', 'list(object({a = any}))', 'list(object({a = optional(list(string))}))',
  'map(list(any))', 'list(list(any))', 'list(map(any))', 'map(object({a = any}))', 'object({a = list(any), b = optional(any, "d")})',
  'object({a = optional(list(any), [])})', 'object({a = optional(set(any))})', 'list(any)', 'map(any)', 'any',
  'object({a = optional(object({b = any}))})', 'tuple([list(any), map(any)])', 'list(tuple([any]))', 'set(object({a = any}))',
  'list(list(string))', 'map(list(string))', 'object({a = optional(object({b = optional(list(string))}))})', 'list(set(any))', 'set(list(any))',
];
const defaults = [
  'null', '[]', '{}', '[1]', '[1, "a"]', '[1, true]', '["a", "b"]', '[[1], ["a"]]', '[[1], []]', '[[], []]', '[{a = 1}, {a = "x"}]', '[{a = 1}, {b = 1}]',
  '[{a = 1}, {a = [1]}]', '{a = 1, b = "x"}', '{a = 1, b = true}', '{a = [1], b = []}', '{a = {x = 1}, b = {x = "y"}}', '{a = {x = 1}, b = {y = 1}}',
  '[null, 1]', '[null]', '{a = null}', '{a = [1, "x"]}', '{a = [1, true]}', '{a = [], b = "z"}', '{a = {b = 1}}', '{a = {b = [1]}}', '"x"', '1', 'true',
  '[{a = null}, {a = [1]}]', '[{}]', '[{a = [1]}, {}]', '{a = {}}', '{a = [[1], ["a"]]}', '[[1, "a"]]', '[["a"], [1, 2]]', '{x = {a = 1}, y = {a = null}}',
  '[[1], null]', '{a = null, b = null}', '[1, [1]]', '{a = [{b = 1}, {b = "x"}]}', '["a", 1, null]',
];
// what is done with `var.v` (V): read through a `for`, a literal, a conversion, a conditional not decided
const wraps = [
  'V', 'V', 'V', 'V', '[for x in V : x[*]]', '{for k, x in V : k => x[*]}', '[for x in V : x][0][*]', '[V][0][*]', '{a = V}.a[*]',
  'tolist([V])[0][*]', '(var.us == "" ? V : null)', '(var.us == "" ? null : V)[*]', '(true ? V : null)[*]', 'tomap(V)', 'tolist(V)[*]',
  '[for x in V : x.a[*]]', '[for x in V : x == null]', 'V == null',
];
const tails = ['', '[*]', '.*', '[*].a', '.*.a', '[0]', '.a', '["a"]', '.a[*]', '.a.*', '[0][*]', '[*][0]', '.a[*].b', '[*].a[*]', '.b', '[1]', '[*].b', '.x.a', '["x"][*]'];

const n = Number(countArg) || 100;
for (let i = 0; i < n; i++) {
  const k = rnd(3);
  if (k === 0) {
    // hunt 32's forms
    let e = pick(bases);
    const steps = 1 + rnd(4);
    for (let j = 0; j < steps; j++) e += step();
    console.log(JSON.stringify({ expr: e }));
  } else if (k === 1) {
    let e = pick(nulls) + pick(tails);
    if (rnd(3) === 0) e += step();
    console.log(JSON.stringify({ expr: e }));
  } else {
    const t = pick(types);
    let e = pick(wraps).replace('V', `var.v${rnd(2) ? '' : pick(tails)}`);
    if (rnd(4) === 0) e += step();
    if (rnd(8) === 0) e = `(true ? ${e} : null)${pick(tails)}`;
    console.log(JSON.stringify({ type: t, default: rnd(6) === 0 ? 'null' : pick(defaults), expr: e }));
  }
}
