/**
 * Hunt 38: Terraform's functions bdm-lab did not evaluate before that need no disk, clock or
 * randomness — base64encode/base64decode, urlencode, csvdecode, md5, sha1, sha256, sha512,
 * base64sha256, base64sha512, uuidv5, startswith, endswith, strcontains, log, pow (the powers bdm-lab
 * computes exactly), cidrhost, cidrnetmask, cidrsubnet, cidrsubnets (go-cidr's handling of negative
 * numbers, IPv4-mapped prefixes and the `<nil>` network included) — indent() with a negative count
 * (Go's panic: its stack trace written as bdm-lab's stand-in), format()'s refusals of a verb it cannot
 * read (format_fsm.rl: flags, width, precision, then [n]), and unknown values of a known type (a
 * variable's constraint): operators refusing a collection or structure, a conditional whose branches
 * have no common type, == against a value of another type, keys() of an object.
 * test/fixtures/terraform-hunt38/cases.jsonl holds the expressions (hand probes, then cases of
 * scripts/terraform-hunt38-gen.ts seeds 3801, 3802 and 3803 whose answer this round changed);
 * oracle.jsonl, line for line, the raw output of scripts/terraform-hunt38-oracle (hcl v2.24.0, go-cty,
 * Terraform 883c7221's functions, go-cidr 1.1.0, google/uuid 1.3.0), read as
 * scripts/terraform-hunt38-label.ts reads it (a panic's stack trace replaced by the stand-in, an
 * infinite number, which its JSON omits, as Infinity) and judged as scripts/terraform-hunt32-compare.ts
 * judges it (a local; var.us, var.un, var.ul, var.uo unknown): the first diagnostic with its subject
 * in UTF-8 byte offsets, or the type and value. Every case gave another answer before this round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { theirs } from '../../scripts/terraform-hunt32-compare';
import { answer, readRow } from '../../scripts/terraform-hunt38-label';
import { evaluate, Scope } from '../../server/src/source/terraform/eval';
import { attrs, blocks, parseHcl } from '../../server/src/source/terraform/hcl';
import { GO_STACK } from '../../server/src/source/terraform/stack';
import { bestGrowth, describeGrowth } from './growth';

interface Case { expr: string }

const dir = join(__dirname, '..', 'fixtures', 'terraform-hunt38');
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
const cases = lines('cases.jsonl').map((l) => JSON.parse(l) as Case);
const rows = lines('oracle.jsonl');

test('the fixture pairs each case with the oracle\'s line', () => {
  assert.equal(cases.length, rows.length);
  assert.ok(cases.length > 1000);
});

test('the stand-in for a panic\'s stack trace is the one the labeller writes', () => {
  const row = readRow(JSON.stringify({ diags: ['Error in function call: Call to function "indent" failed: panic in function implementation: strings: negative Repeat count\ngoroutine 1 [running]:\nruntime/debug.Stack()\n\t/x/stack.go:24 +0x65\n.'] }));
  assert.equal(row.diags?.[0], `Error in function call: Call to function "indent" failed: panic in function implementation: strings: negative Repeat count\n${GO_STACK}.`);
});

cases.forEach((c, i) => {
  test(`hunt38 ${JSON.stringify(c.expr)}`, () => {
    assert.equal(answer(c), theirs(readRow(rows[i]))[0]);
  });
});

/** the value of a local `x` */
function run(text: string) {
  const p = parseHcl(text);
  const scope = new Scope(p.body);
  scope.text = text;
  return evaluate(attrs(blocks(p.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
}
const valueOf = (text: string) => { const r = run(text); return r.kind === 'known' ? r.value : r.kind; };
const local = (expr: string) => `locals {\n  x = ${expr}\n}\n`;

// the values at the smallest sizes below are the oracle's
test('csvdecode of one record of many fields grows linearly, 20 000 vs 40 000 fields', { timeout: 180_000 }, () => {
  const make = (n: number) => local(`length(csvdecode("${Array.from({ length: n }, (_, i) => `c${i}`).join(',')}\\n${Array.from({ length: n }, (_, i) => `\\"v${i}\\"`).join(',')}\\n")[0])`);
  assert.equal(valueOf(make(3)), 3);
  const g = bestGrowth(make, run, 20_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('csvdecode fields', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('csvdecode of many records with quoted line breaks grows linearly, 20 000 vs 40 000 records', { timeout: 180_000 }, () => {
  const make = (n: number) => local(`length(csvdecode("a,b\\n${'1,\\"x\\ny\\"\\n'.repeat(n)}"))`);
  assert.equal(valueOf(make(3)), 3);
  const g = bestGrowth(make, run, 20_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('csvdecode records', 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('base64decode and urlencode grow linearly in their text, 50 000 vs 100 000 units', { timeout: 180_000 }, () => {
  const b64 = (n: number) => local(`length(base64decode("${'aGVsbG8g'.repeat(n)}"))`);
  assert.equal(valueOf(b64(3)), 18);
  const g = bestGrowth(b64, run, 50_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('base64decode', 50_000, g)} (linear ~2, quadratic ~4)`);
  const url = (n: number) => local(`length(urlencode("${'a b&é'.repeat(n)}"))`);
  assert.equal(valueOf(url(3)), 36);
  const h = bestGrowth(url, run, 50_000, 3);
  assert.ok(h.ratio < 3, `${describeGrowth('urlencode', 50_000, h)} (linear ~2, quadratic ~4)`);
});

test('cidrsubnets of many newbits grows linearly, 2 000 vs 4 000 arguments', { timeout: 180_000 }, () => {
  assert.deepEqual(valueOf(local('cidrsubnets("10.0.0.0/8", 4, 4, 8, 4)')), ['10.0.0.0/12', '10.16.0.0/12', '10.32.0.0/16', '10.48.0.0/12']);
  const make = (n: number) => local(`length(cidrsubnets("2001:db8::/32", ${Array(n).fill('32').join(', ')}))`);
  const g = bestGrowth(make, run, 2_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('cidrsubnets', 2_000, g)} (linear ~2, quadratic ~4)`);
});

test('hostile prefixes: a long address or mask is refused in time linear in its length', { timeout: 180_000 }, () => {
  const make = (n: number) => local(`can(cidrsubnet("${'1'.repeat(n)}.0.0.0/${'9'.repeat(n)}", 1, 1))`);
  assert.equal(valueOf(make(3)), false);
  const g = bestGrowth(make, run, 50_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('cidrsubnet long prefix', 50_000, g)} (linear ~2, quadratic ~4)`);
});
