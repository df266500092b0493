/**
 * Hunt 39: compares bdm-lab's Terraform evaluation with scripts/terraform-hunt39-oracle on the cases of
 * scripts/terraform-hunt39-gen.ts. The expression is a local of a file that also declares hunt 32's
 * variables without a default (var.us, var.un, var.ul, var.uo), the case's `var.v` (its type and
 * default) and the locals of scripts/terraform-hunt39-oracle/locals.tf, evaluated with count.index
 * bound to 1 (as in the second instance of a resource with count = 3). Judged as
 * scripts/terraform-hunt32-compare.ts judges (bdm-lab's first diagnostic by position against each of
 * the oracle's, with its subject), the oracle's rows read as scripts/terraform-hunt38-label.ts reads them.
 * `node --import tsx scripts/terraform-hunt39-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { evaluate, refusal, Scope, variableProblem } from '../server/src/source/terraform/eval';
import { parseHcl, attrs, blocks } from '../server/src/source/terraform/hcl';
import { friendly } from '../server/src/source/terraform/types';
import { theirs } from './terraform-hunt32-compare';
import { readRow } from './terraform-hunt38-label';

export interface Case { expr: string; type?: string; default?: string }
const sorted = (v: unknown): string => (v === null || typeof v !== 'object' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(sorted).join(',')}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(',')}}`);
const UNKNOWNS = 'variable "us" {\n  type = string\n}\nvariable "un" {\n  type = number\n}\nvariable "ul" {\n  type = list(string)\n}\nvariable "uo" {\n  type = list(object({ size = number, tags = map(string) }))\n}\n';
export const LOCALS = readFileSync(new URL('./terraform-hunt39-oracle/locals.tf', import.meta.url), 'utf8');

/** bdm-lab's answer: `refused: message @start-end` (UTF-8 byte offsets in the expression), `unknown`, or `type json` */
export function ours39(c: Case): string {
  const v = c.type !== undefined ? `variable "v" {\n  type = ${c.type}\n  default = ${c.default}\n}\n` : '';
  const head = `${UNKNOWNS}${v}locals {\n${LOCALS}}\n\nlocals {\n  x = `;
  const text = `${head}${c.expr}\n}\n`;
  const line = head.split('\n').length;
  // UTF-8 bytes from the expression's start; past it, the harness's file goes on as the oracle's does (`\n}\n`), and before it (`locals {\n  x = `)
  const bytes = (n: number) => (n < 0 ? n : new TextEncoder().encode(c.expr.slice(0, n)).length + Math.max(0, n - c.expr.length));
  const at = (a: number, b: number) => `${bytes(a)}-${bytes(b)}`;
  // a place in the harness's file (main.tf, the expression from column 7 of line `line`) as the oracle's (x.tf, the same from column 7 of line 2)
  const place = (m: string) => m.replace(/main\.tf:(\d+),(\d+)-(?:(\d+),)?(\d+)/g, (x, l: string, a: string, l2: string | undefined, b: string) => {
    if (Number(l) < line) return x;
    return `x.tf:${Number(l) - line + 2},${a}-${l2 === undefined ? '' : `${Number(l2) - line + 2},`}${b}`;
  });
  const parsed = parseHcl(text);
  if (parsed.error) return `refused: ${place(parsed.error.message)} @${at(parsed.error.span.offset - head.length, parsed.error.span.offset + parsed.error.span.length - head.length)}`;
  const scope = new Scope(parsed.body).with({ count: { index: 1 } });
  scope.text = text;
  const vp = c.type !== undefined ? variableProblem(scope.variables.get('v')!, scope) : undefined;
  if (vp) return `refused: ${vp.message} @variable`;
  const r = evaluate(attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
  const d = refusal(r);
  if (d) return `refused: ${place(d.message)} @${d.span.offset < head.length ? 'variable' : at(d.span.offset - head.length, d.span.offset + d.span.length - head.length)}`;
  if (r.kind !== 'known') return 'unknown';
  return r.value === null ? 'null' : `${friendly(r.value)} ${sorted(r.value)}`;
}

if (process.argv[1]?.endsWith('terraform-hunt39-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map(readRow);
  const all = process.argv.includes('--all');
  let agree = 0, other = 0, shown = 0, mapOrder = 0;
  const diffs: Array<[Case, string[], string]> = [];
  cases.forEach((c, i) => {
    let got: string;
    try { got = ours39(c); } catch (err) { got = `THROW ${(err as Error).message}`; }
    const want = theirs(rows[i]);
    if (got === want[0]) { agree++; return; }
    if (want.includes(got)) { other++; return; }
    diffs.push([c, want, got]);
  });
  // go-cty names the first wrong element of a Go map (random order): ask the oracle 12 more times
  const again = diffs.filter(([, w, g]) => w[0].startsWith('refused') && g.startsWith('refused'));
  const seen = new Map<Case, Set<string>>();
  if (again.length) {
    const input = again.map(([c]) => JSON.stringify(c)).join('\n').concat('\n').repeat(12);
    const out = spawnSync('nice', ['-n', '10', 'sh', new URL('./terraform-hunt39-oracle/run.sh', import.meta.url).pathname], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    out.stdout.split('\n').filter(Boolean).forEach((l, i) => {
      const c = again[i % again.length][0];
      if (!seen.has(c)) seen.set(c, new Set());
      for (const x of theirs(readRow(l))) seen.get(c)!.add(x);
    });
  }
  for (const [c, want, got] of diffs) {
    if (seen.get(c)?.has(got)) { mapOrder++; continue; }
    if (all || shown++ < 40) console.log(`DIFF ${JSON.stringify(c.type !== undefined ? c : c.expr)}\n  go:  ${want.join(' | ')}\n  bdm: ${got}`);
  }
  console.log(`${agree}/${cases.length} agree (${other} more refused with another of the oracle's diagnostics; ${mapOrder} more with words the oracle gives on another run: Go map order)`);
}
