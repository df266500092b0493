/**
 * Hunt 37: Go's regular expression syntax (RE2) as Terraform's regex(), regexall() and replace() read
 * it — the flags (?i) (?m) (?s) (?U) set, cleared and scoped, case folding over non-ASCII text, \b \B
 * \A \z, Unicode classes \pL \p{Greek} \P{…} \p{^…}, POSIX classes, hex and octal escapes, \Q…\E, a
 * repeat after a flag group, Go's compiled priorities (x* of an x that matches empty as (x+)?, simplify's
 * x{n,m}), nested repeat counts against 1000, and RE2's refusals (lookaround, backreferences, \Z,
 * unknown class names) — and the functions of Terraform's table bdm-lab did not evaluate before: sum,
 * matchkeys, chunklist, chomp, signum, reverse, setunion, setintersection, setsubtract; the types of
 * regex()/regexall()/can() results whose text is not known.
 * test/fixtures/terraform-hunt37/cases.jsonl holds the expressions (hand probes, cases of
 * scripts/terraform-hunt37-gen.ts seeds 3701/3702, then more hand probes); oracle.jsonl, line for line, the output of
 * scripts/terraform-hunt35-oracle (hcl v2.24.0, go-cty, Terraform 883c7221's function table, Go 1.19's
 * regexp) on each, judged as scripts/terraform-hunt32-compare.ts judges it (a local; var.us, var.un,
 * var.ul, var.uo unknown): the first diagnostic with its subject in UTF-8 byte offsets, or the type and
 * value. Every case gave another answer before this round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ours, theirs } from '../../scripts/terraform-hunt32-compare';
import { evaluate, Scope } from '../../server/src/source/terraform/eval';
import { attrs, blocks, parseHcl } from '../../server/src/source/terraform/hcl';
import { compile, findAll, goRegexpError } from '../../server/src/source/terraform/regex';
import { bestGrowth, describeGrowth } from './growth';

interface Case { expr: string }
type Row = Parameters<typeof theirs>[0];

/** bdm-lab's answer with the subject as UTF-8 byte offsets and try()'s places as the oracle's file has them (as terraform-hunt35.test.ts) */
function answer(c: Case): string {
  return ours(c).replace(/\(at main\.tf:(\d+),(\d+)-(\d+)\)/g, (m, l: string, a: string, b: string) => (Number(l) !== 15 ? m : `(at x.tf:1,${Number(a) - 6}-${Number(b) - 6})`)).replace(/ @(\d+)-(\d+)$/, (_, a: string, b: string) => {
    const at = (n: number) => new TextEncoder().encode(c.expr.slice(0, n)).length;
    return ` @${at(Number(a))}-${at(Number(b))}`;
  });
}

const dir = join(__dirname, '..', 'fixtures', 'terraform-hunt37');
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
const cases = lines('cases.jsonl').map((l) => JSON.parse(l) as Case);
const rows = lines('oracle.jsonl').map((l) => JSON.parse(l) as Row);

test('the fixture pairs each case with the oracle\'s line', () => {
  assert.equal(cases.length, rows.length);
  assert.ok(cases.length > 500);
});

cases.forEach((c, i) => {
  test(`hunt37 ${JSON.stringify(c.expr)}`, () => {
    assert.equal(answer(c), theirs(rows[i])[0]);
  });
});

/** the value of a local `x` */
function run(text: string) {
  const p = parseHcl(text);
  const scope = new Scope(p.body);
  scope.text = text;
  return evaluate(attrs(blocks(p.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
}

// the values at the smallest sizes below are the oracle's
test('regexall with case folding, a Unicode class and word boundaries grows linearly, 20 000 vs 40 000', { timeout: 180_000 }, () => {
  const make = (n: number) => `locals {\n  x = length(regexall("(?i)\\\\p{Greek}+|\\\\bK\\\\b", "${'αβ k '.repeat(n)}"))\n}\n`;
  const r = run(make(3));
  assert.equal(r.kind === 'known' ? r.value : r.kind, 6);
  const g = bestGrowth(make, run, 20_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('regexall (?i)', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('a star over a body that matches empty ((x+)?) grows linearly on its text, 20 000 vs 40 000', { timeout: 180_000 }, () => {
  const make = (n: number) => `locals {\n  x = replace("${'ab '.repeat(n)}", "/(|\\\\S)*/", "-")\n}\n`;
  const r = run(make(1));
  assert.equal(r.kind === 'known' ? r.value : r.kind, '-a-b- -');
  const g = bestGrowth(make, run, 20_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('replace (|\\S)*', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('a pattern\'s classes and folded literals are read in time linear in its size, 200 vs 400 units (8 400 characters)', { timeout: 180_000 }, () => {
  const make = (n: number) => `(?i)${'[\\p{Greek}k-m]ſ\\P{Lu}'.repeat(n)}`;
  const work = (p: string) => { assert.equal(goRegexpError(p), null); assert.ok(compile(p)); };
  const g = bestGrowth(make, work, 200, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('compile', 200, g)} (linear ~2, quadratic ~4)`);
});

test('hostile patterns: nested counts past 1000 are Go\'s refusal; a pattern past 10 000 characters, or work past the step bound, is left unknown', () => {
  assert.equal(goRegexpError('((a{10}){10}){11}'), 'error parsing regexp: invalid repeat count: `{11}`');
  assert.equal(goRegexpError('((a{10}){10}){10}'), null);
  const long = 'a'.repeat(10_001);
  assert.equal(goRegexpError(long), undefined);
  assert.equal(compile(long), null);
  const r = run(`locals {\n  x = regex("${'a'.repeat(10_001)}", "a")\n}\n`);
  assert.equal(r.kind, 'unknown');
  // (?i)(a|A)* over 5 000 000 steps' worth of text: findAll gives up (null) rather than run on
  const prog = compile('(?i)(?:a|a|a|a)*x')!;
  assert.equal(findAll(prog, 'A'.repeat(300_000), 1), null);
});
