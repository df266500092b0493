/**
 * Compares regex.ts goRegexpError with Go's regexp.Compile (terraform-cty-oracle's regexcompile):
 * `node --import tsx scripts/terraform-regex-error-compare.ts ORACLE.jsonl`. Prints disagreements
 * (a pattern bdm-lab leaves undecided is counted apart) and the counts.
 */
import { readFileSync } from 'node:fs';
import { goRegexpError } from '../server/src/source/terraform/regex';

let agree = 0, undecided = 0, total = 0;
for (const line of readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  const o = JSON.parse(line) as { expr: string; value?: string };
  const pattern = (JSON.parse(o.expr.slice('regexcompile('.length, -1)) as string).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  const go = o.value === 'ok' ? null : o.value;
  const ours = goRegexpError(pattern);
  total++;
  if (ours === undefined) { undecided++; continue; }
  if (ours === go) agree++;
  else console.log(`DIFF ${JSON.stringify(pattern)}\n  go:  ${go}\n  bdm: ${ours}`);
}
console.log(`${agree}/${total} agree, ${undecided} undecided`);
