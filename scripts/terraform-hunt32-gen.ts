/**
 * Hunt 32 generator: indexes, attributes and splats (`[k]`, `.a`, `.0`, `[*]`, `.*`) on known and
 * unknown values, as JSON lines for scripts/terraform-hunt32-oracle and
 * scripts/terraform-hunt32-compare.ts. Unknowns are `var.us` (string), `var.un` (number), `var.ul`
 * (list(string)), `var.uo` (list(object({size = number, tags = map(string)}))): variables without
 * a default in bdm-lab, unknown values in the oracle.
 * `node --import tsx scripts/terraform-hunt32-gen.ts SEED COUNT > cases.jsonl`
 */
const [seedArg, countArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

/** the sources the steps apply to (scripts/terraform-hunt34-gen.ts reuses them) */
export const bases = [
  '[10, 20]', '[]', '[1]', '["a", "b", "c"]', '[{a = 1}, {a = 2}]', '[{a = 1}, {b = 2}]', '[{a = [1, 2]}, {a = [3]}]', '[[1, 2], [3]]',
  '{a = 1, b = "x"}', '{a = {b = 1}}', '{"0" = "z"}', '{}', '{a = [1, 2]}',
  'tolist([1, 2])', 'tolist([])', 'tolist([{a = 1}, {a = 2}])', 'tomap({a = "x"})', 'tomap({a = {b = 1}})', 'toset(["a", "b"])', 'toset([])',
  '"abc"', '1', 'true', 'null', '(null)', '[null]', '[null, {a = 1}]',
  'var.us', 'var.un', 'var.ul', '[var.us, "b"]', '{a = var.un}',
  '[for x in [1, 2] : {a = x}]', '{for k, v in {a = 1} : k => v}', '[for x in [] : x]',
  'tolist([null])', 'tolist([[1], [2, 3]])', '{a = [{b = 1}, {b = 2}]}', 'toset([{a = 1}])', 'tomap({a = [1]})', '[var.ul]', '{a = var.ul}',
  'var.uo', '[var.uo]', 'var.uo[0]', 'var.uo[0].tags', 'tolist([{a = [1]}, {a = []}])', '[[{a = 1}], []]', 'tolist([1, null])', '[1, null]', '[var.un, null]', '{a = null}', '[[null]]',
];
/** index keys */
export const keys = [
  '0', '1', '2', '3', '-1', '0.5', '1.0', '"1"', '"01"', '""', '"a"', '"b"', '"c"', 'true', 'false', 'null', '9007199254740993', '1e30', '-0',
  '[0]', '{}', 'var.un', 'var.us', 'var.ul', '0 + 1', '(1)', 'length([1])', '"1.5"', '" 1"', '"-1"', '1 / 0', 'tolist([])',
  '(null)', '"1e0"', '0.1 + 0.2', '"inf"', '3 / 3', 'var.un == 1', '"true"', '[1][5]', '"0x1"', '1e2',
];
/** attribute names */
export const attrsNames = ['a', 'b', 'c', '0', '1', 'size', 'tags'];
/** one index, attribute or splat step, drawn with `r` (scripts/terraform-hunt34-gen.ts passes its own) */
export function step(r: (n: number) => number = rnd): string {
  const k = r(10);
  if (k < 4) return `[${keys[r(keys.length)]}]`;
  if (k < 7) return `.${attrsNames[r(attrsNames.length)]}`;
  if (k < 9) return '[*]';
  return '.*';
}
const n = process.argv[1]?.endsWith('terraform-hunt32-gen.ts') ? Number(countArg) || 100 : 0;
for (let i = 0; i < n; i++) {
  let e = pick(bases);
  const steps = 1 + rnd(4);
  for (let j = 0; j < steps; j++) e += step();
  // no length(): the oracle has go-cty's stdlib length (collections only), not Terraform's
  console.log(JSON.stringify({ expr: e }));
}
