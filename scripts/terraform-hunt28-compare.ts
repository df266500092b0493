/**
 * Hunt 28: compares bdm-lab's Terraform evaluation with terraform-hunt28-oracle (hcl v2.24.0 +
 * go-cty v1.16.2) on the cases of scripts/terraform-hunt28-gen.ts:
 * `node --import tsx scripts/terraform-hunt28-compare.ts CASES.jsonl ORACLE.jsonl [--all]`.
 * An expression is evaluated as a local; a type case as `var.v` of a variable with that type and
 * default. The oracle's unknowns (u.s, u.n, u.l) are variables without a default here. Prints each
 * disagreement (the first 40 unless --all) and the counts.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { evaluate, refusal, Scope } from '../server/src/source/terraform/eval';
import { parseHcl, attrs, blocks } from '../server/src/source/terraform/hcl';
import { friendly } from '../server/src/source/terraform/types';

interface Case { expr?: string; type?: string; default?: string }
interface Row { type?: string; value?: unknown; known?: boolean; diags?: string[]; panic?: string }
const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const all = process.argv.includes('--all');
const sorted = (v: unknown): string => (v === null || typeof v !== 'object' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(sorted).join(',')}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(',')}}`);
const UNKNOWNS = 'variable "us" {\n  type = string\n}\nvariable "un" {\n  type = number\n}\nvariable "ul" {\n  type = list(string)\n}\n';

/** bdm-lab's answer in the oracle's words: `refused: message`, `unknown`, or `type json` */
export function ours(c: Case): string {
  const expr = c.type !== undefined ? 'var.v' : c.expr!.replace(/\bu\.s\b/g, 'var.us').replace(/\bu\.n\b/g, 'var.un').replace(/\bu\.l\b/g, 'var.ul');
  const pre = c.type !== undefined ? `variable "v" {\n  type = ${c.type}\n  default = ${c.default}\n}\n` : UNKNOWNS;
  const text = `${pre}\nlocals {\n  x = ${expr}\n}\n`;
  const parsed = parseHcl(text);
  if (parsed.error) return `refused: ${parsed.error.message}`;
  const scope = new Scope(parsed.body);
  scope.text = text;
  const local = attrs(blocks(parsed.body, 'locals').at(-1)!.body).get('x')!;
  const r = evaluate(local.expr, scope);
  const d = refusal(r);
  if (d) return `refused: ${d.message}`;
  if (r.kind !== 'known') return 'unknown';
  return r.value === null ? 'null' : `${friendly(r.value)} ${sorted(r.value)}`;
}
const theirs = (o: Row): string => (o.panic ? `panic: ${o.panic}` : o.diags?.length ? `refused: ${o.diags[0]}` : o.known === false ? 'unknown' : o.value === null ? 'null' : `${o.type} ${sorted(o.value)}`);

if (process.argv[1]?.endsWith('terraform-hunt28-compare.ts')) {
  let agree = 0, shown = 0, otherDiag = 0, mapOrder = 0;
  const diffs: Array<[Case, string, string]> = [];
  cases.forEach((c, i) => {
    const o = rows[i];
    let got: string;
    try { got = ours(c); } catch (err) { got = `THROW ${(err as Error).message}`; }
    const want = theirs(o);
    if (got === want) { agree++; return; }
    // a refusal whose words are one of the oracle's other diagnostics (order)
    if (got.startsWith('refused: ') && o.diags?.includes(got.slice(9))) { otherDiag++; return; }
    diffs.push([c, want, got]);
  });
  // two refusals: go-cty names the first wrong attribute of a Go map (random order); ask the oracle 12 more times
  const again = diffs.filter(([, w, g]) => w.startsWith('refused: ') && g.startsWith('refused: '));
  const seen = new Map<Case, Set<string>>();
  if (again.length) {
    const input = again.map(([c]) => JSON.stringify(c)).join('\n').concat('\n').repeat(12);
    const out = spawnSync('sh', [new URL('./terraform-hunt28-oracle/run.sh', import.meta.url).pathname], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    const lines = out.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
    lines.forEach((r, i) => { const c = again[i % again.length][0]; if (!seen.has(c)) seen.set(c, new Set()); seen.get(c)!.add(theirs(r)); });
  }
  for (const [c, want, got] of diffs) {
    if (seen.get(c)?.has(got)) { mapOrder++; continue; }
    if (all || shown++ < 40) console.log(`DIFF ${JSON.stringify(c)}\n  go:  ${want}\n  bdm: ${got}`);
  }
  console.log(`${agree}/${cases.length} agree (${otherDiag} more refused with another of the oracle's diagnostics; ${mapOrder} more with words the oracle gives on another run: Go map order)`);
}
