/**
 * Compares bdm-lab's Terraform evaluation with terraform-cty-oracle's (hcl + go-cty) on expressions:
 * `node --import tsx scripts/terraform-cty-compare.ts ORACLE.jsonl` where ORACLE.jsonl is the
 * oracle's output for the expressions (one a line). Prints each disagreement and the counts.
 * Other values are compared with their type's FriendlyName. A number is compared by its string form (`"=${expr}"` here, Text('f', -1) there).
 */
import { readFileSync } from 'node:fs';
import { tf } from '../test/unit/terraform-local';
import { friendly } from '../server/src/source/terraform/types';

interface Row { expr: string; type?: string; value?: unknown; text?: string; diags?: string[]; panic?: string }
const rows = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
/** JSON with object keys sorted, as cty's JSON writes them */
const sorted = (v: unknown): string => (v === null || typeof v !== 'object' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(sorted).join(',')}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(',')}}`);
let agree = 0;
for (const o of rows) {
  // a null is compared as null (its type is not a value's)
  const want = o.diags?.length ? o.diags[0] : o.value === null ? 'null' : o.type === 'number' ? o.text : `${o.type} ${sorted(o.value)}`;
  // a template with text around the interpolation converts the number to a string (a lone one is passed through)
  const ours = o.type === 'number' && o.value !== null ? tf(`"=\${${o.expr}}"`) : tf(o.expr);
  const got = typeof ours === 'string' && o.diags?.length ? ours : typeof ours === 'string' && o.type === 'number' ? ours.replace(/^=/, '') : ours === null ? 'null' : `${friendly(ours as never)} ${sorted(ours)}`;
  if (got === want) agree++;
  else console.log(`DIFF ${o.expr}\n  go:  ${want}\n  bdm: ${got}`);
}
console.log(`${agree}/${rows.length} agree`);
