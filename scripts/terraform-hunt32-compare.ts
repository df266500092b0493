/**
 * Hunt 32: compares bdm-lab's Terraform evaluation with terraform-hunt32-oracle (hcl v2.24.0 +
 * go-cty v1.18.1's conversion words) on the cases of scripts/terraform-hunt32-gen.ts, refusals with
 * their place: `node --import tsx scripts/terraform-hunt32-compare.ts CASES.jsonl ORACLE.jsonl [--all]`.
 * An expression is evaluated as a local; `var.us`, `var.un`, `var.ul`, `var.uo` are variables without
 * a default (unknown to the oracle). A refusal agrees when bdm-lab's first diagnostic (by position) is
 * one of the oracle's with the same subject. A case with a `type` and a `default` also declares
 * `var.v` with them (the oracle evaluates the expression with that variable's value; a refusal of
 * the variable itself is placed at `@variable`; when the oracle's words name another element of a
 * Go map, it is asked again). Prints each disagreement (the first 40 unless --all) and the counts.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { evaluate, refusal, Scope, variableProblem } from '../server/src/source/terraform/eval';
import { parseHcl, attrs, blocks } from '../server/src/source/terraform/hcl';
import { friendly } from '../server/src/source/terraform/types';

interface Case { expr: string; type?: string; default?: string }
interface Row { type?: string; value?: unknown; known?: boolean; diags?: string[]; subjects?: Array<[number, number]>; panic?: string }
const sorted = (v: unknown): string => (v === null || typeof v !== 'object' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(sorted).join(',')}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(',')}}`);
const UNKNOWNS = 'variable "us" {\n  type = string\n}\nvariable "un" {\n  type = number\n}\nvariable "ul" {\n  type = list(string)\n}\nvariable "uo" {\n  type = list(object({ size = number, tags = map(string) }))\n}\n';

/** bdm-lab's answer: `refused: message @start-end` (offsets in the expression), `unknown`, or `type json` */
export function ours(c: Case): string {
  const v = c.type !== undefined ? `variable "v" {\n  type = ${c.type}\n  default = ${c.default}\n}\n` : '';
  const head = `${UNKNOWNS}${v}\nlocals {\n  x = `;
  const text = `${head}${c.expr}\n}\n`;
  const parsed = parseHcl(text);
  if (parsed.error) return `refused: ${parsed.error.message} @${parsed.error.span.offset - head.length}-${parsed.error.span.offset + parsed.error.span.length - head.length}`;
  const scope = new Scope(parsed.body);
  scope.text = text;
  // Terraform refuses a variable's default when it loads the configuration, before any expression
  const vp = c.type !== undefined ? variableProblem(scope.variables.get('v')!, scope) : undefined;
  if (vp) return `refused: ${vp.message} @variable`;
  const r = evaluate(attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!.expr, scope);
  const d = refusal(r);
  // a refusal of the variable's type or default (before the expression): the oracle gives it no subject
  if (d) return `refused: ${d.message} @${d.span.offset < head.length ? 'variable' : `${d.span.offset - head.length}-${d.span.offset + d.span.length - head.length}`}`;
  if (r.kind !== 'known') return 'unknown';
  return r.value === null ? 'null' : `${friendly(r.value)} ${sorted(r.value)}`;
}
/** the oracle's answers: each of its diagnostics, or its value */
export function theirs(o: Row): string[] {
  if (o.panic) return [`panic: ${o.panic}`];
  if (o.diags?.length) return o.diags.map((d, i) => `refused: ${d} @${o.subjects ? `${o.subjects[i]?.[0]}-${o.subjects[i]?.[1]}` : 'variable'}`);
  return [o.known === false ? 'unknown' : o.value === null ? 'null' : `${o.type} ${sorted(o.value)}`];
}

if (process.argv[1]?.endsWith('terraform-hunt32-compare.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const all = process.argv.includes('--all');
  let agree = 0, other = 0, shown = 0, mapOrder = 0;
  const diffs: Array<[Case, string[], string]> = [];
  cases.forEach((c, i) => {
    let got: string;
    try { got = ours(c); } catch (err) { got = `THROW ${(err as Error).message}`; }
    const want = theirs(rows[i]);
    if (got === want[0]) { agree++; return; }
    if (want.includes(got)) { other++; return; }
    diffs.push([c, want, got]);
  });
  // two refusals of a variable's default: go-cty names the first wrong element of a Go map (random order); ask the oracle 12 more times
  const again = diffs.filter(([, w, g]) => w[0].endsWith('@variable') && g.endsWith('@variable'));
  const seen = new Map<Case, Set<string>>();
  if (again.length) {
    const input = again.map(([c]) => JSON.stringify(c)).join('\n').concat('\n').repeat(12);
    const out = spawnSync('sh', [new URL('./terraform-hunt32-oracle/run.sh', import.meta.url).pathname], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    out.stdout.split('\n').filter(Boolean).forEach((l, i) => {
      const c = again[i % again.length][0];
      if (!seen.has(c)) seen.set(c, new Set());
      for (const x of theirs(JSON.parse(l) as Row)) seen.get(c)!.add(x);
    });
  }
  for (const [c, want, got] of diffs) {
    if (seen.get(c)?.has(got)) { mapOrder++; continue; }
    if (all || shown++ < 40) console.log(`DIFF ${JSON.stringify(c.type !== undefined ? c : c.expr)}\n  go:  ${want.join(' | ')}\n  bdm: ${got}`);
  }
  console.log(`${agree}/${cases.length} agree (${other} more refused with another of the oracle's diagnostics; ${mapOrder} more with words the oracle gives on another run: Go map order)`);
}
