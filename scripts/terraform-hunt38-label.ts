/**
 * Hunt 38: for each case of CASES.jsonl, whether bdm-lab's answer agrees with the oracle's line in
 * ORACLE.jsonl (judged as scripts/terraform-hunt38-compare.ts judges it, first diagnostic only), one
 * JSON line per case: `{expr, agree, oracle}` with the oracle's row as the comparison reads it (the
 * panic's stack trace replaced). Run in two trees to pick the cases a change fixed for a fixture:
 * `node --import tsx scripts/terraform-hunt38-label.ts CASES.jsonl ORACLE.jsonl > verdicts.jsonl`
 */
import { readFileSync } from 'node:fs';
import { ours, theirs } from './terraform-hunt32-compare';

const GO_STACK = '[the Go stack trace of the panic]';
/** the oracle's row as scripts/terraform-hunt38-compare.ts reads it */
export function readRow(line: string): Parameters<typeof theirs>[0] {
  const o = JSON.parse(line) as { diags?: string[]; type?: string; known?: boolean; value?: unknown };
  if (o.diags) o.diags = o.diags.map((d) => d.replace(/\ngoroutine \d+ \[running\]:\n[\s\S]*?\n\.(?=\n|$)/g, `\n${GO_STACK}.`));
  if (o.type === 'number' && o.known && o.value === undefined) o.value = Infinity;
  return o;
}
/** bdm-lab's answer, its subject in UTF-8 bytes and try()'s places in the oracle's file */
export function answer(c: { expr: string }): string {
  return ours(c).replace(/\(at main\.tf:(\d+),(\d+)-(\d+)\)/g, (m, l: string, a: string, b: string) => (Number(l) !== 15 ? m : `(at x.tf:1,${Number(a) - 6}-${Number(b) - 6})`)).replace(/ @(\d+)-(\d+)$/, (_, a: string, b: string) => {
    const at = (n: number) => new TextEncoder().encode(c.expr.slice(0, n)).length;
    return ` @${at(Number(a))}-${at(Number(b))}`;
  });
}

if (process.argv[1]?.endsWith('terraform-hunt38-label.ts')) {
  const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { expr: string });
  const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean);
  cases.forEach((c, i) => {
    let got: string;
    try { got = answer(c); } catch (err) { got = `THROW ${(err as Error).message}`; }
    const want = theirs(readRow(rows[i]));
    console.log(JSON.stringify({ expr: c.expr, agree: got === want[0], oracle: rows[i] }));
  });
}
