/**
 * Hunt 35: compares bdm-lab's Terraform evaluation with terraform-hunt35-oracle (hcl v2.24.0, go-cty
 * and Terraform's function table) on the cases of scripts/terraform-hunt35-gen.ts:
 * `node --import tsx scripts/terraform-hunt35-compare.ts CASES.jsonl ORACLE.jsonl [--all]`.
 * Each case is judged as scripts/terraform-hunt32-compare.ts judges it (its `ours` and `theirs`); a
 * refusal of a variable's default whose words name an element of a Go map is asked again of this oracle.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ours, theirs } from './terraform-hunt32-compare';

interface Case { expr: string; type?: string; default?: string }
type Row = Parameters<typeof theirs>[0];

const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const all = process.argv.includes('--all');
/** the oracle's subjects are byte offsets in the UTF-8 expression; bdm-lab's are UTF-16 offsets */
/**
 * try()'s words name each place as hcl's Range.String: the harness's file (main.tf, the expression on
 * line 15 after `  x = `, or 19 with a variable `v`) against the oracle's (x.tf, line 1 for the expression)
 */
const place = (c: Case, got: string): string => got.replace(/\(at main\.tf:(\d+),(\d+)-(\d+)\)/g, (m, l: string, a: string, b: string) => {
  const first = c.type !== undefined ? 19 : 15;
  if (Number(l) !== first) return m;
  return `(at x.tf:1,${Number(a) - 6}-${Number(b) - 6})`;
});
const bytes = (c: Case, got: string): string => place(c, got).replace(/ @(\d+)-(\d+)$/, (_, a: string, b: string) => {
  const at = (n: number) => Buffer.byteLength(c.expr.slice(0, n), 'utf8');
  return ` @${at(Number(a))}-${at(Number(b))}`;
});
let agree = 0, other = 0, shown = 0, mapOrder = 0;
const diffs: Array<[Case, string[], string]> = [];
cases.forEach((c, i) => {
  let got: string;
  try { got = bytes(c, ours(c)); } catch (err) { got = `THROW ${(err as Error).message}`; }
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
  const out = spawnSync('nice', ['-n', '10', 'sh', new URL('./terraform-hunt35-oracle/run.sh', import.meta.url).pathname], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
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
