/**
 * Hunt 38: compares bdm-lab's Terraform evaluation with scripts/terraform-hunt38-oracle on the cases of
 * scripts/terraform-hunt38-gen.ts, as scripts/terraform-hunt35-compare.ts does, each oracle line read as
 * scripts/terraform-hunt38-label.ts reads it: the Go stack trace that ends a function's panic
 * ("goroutine 1 [running]: ..."), which names the oracle's build files, becomes bdm-lab's stand-in
 * (terraform/stack.ts GO_STACK), and a number the oracle cannot write as JSON (an infinity) is Infinity.
 * `node --import tsx scripts/terraform-hunt38-compare.ts CASES.jsonl ORACLE.jsonl [--all]`
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRow } from './terraform-hunt38-label';

/** an oracle line as the label script reads it, written back as JSON (an infinity as 1e999, which JSON.parse reads as Infinity) */
const rewrite = (line: string): string => {
  const o = readRow(line);
  const inf = o.value === Infinity;
  if (inf) delete o.value;
  const s = JSON.stringify(o);
  return inf ? s.replace(/}$/, ',"value":1e999}') : s;
};

const rows = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean).map(rewrite);
const dir = mkdtempSync(join(tmpdir(), 'h38tf-'));
writeFileSync(join(dir, 'oracle.jsonl'), `${rows.join('\n')}\n`);
process.argv[3] = join(dir, 'oracle.jsonl');
void import('./terraform-hunt35-compare');
