/**
 * Hunt 42 labeller: scripts/terraform-hunt41-label.ts's batches (each case a child module cN of one
 * root, 40 a run, `terraform validate -json`; every cycle terraform reports is kept, one diagnostic
 * each, given to the case its words name, and the run made again without those cases) for
 * render42's configurations. H42_TMP: where the work directories go.
 * `node --import tsx scripts/terraform-hunt42-label.ts CASES.jsonl > oracle.jsonl`
 */
import { readFileSync } from 'node:fs';
import { batch } from './terraform-hunt41-label';
import { render42, type Case42 } from './terraform-hunt42-gen';

const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case42);
for (let i = 0; i < cases.length; i += 40) for (const d of batch(cases.slice(i, i + 40), render42)) console.log(JSON.stringify(d));
