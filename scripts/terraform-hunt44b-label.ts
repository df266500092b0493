/**
 * Hunt 44b labeller: hand cases in the form of scripts/terraform-hunt44-gen.ts, each planned alone by
 * scripts/terraform-hunt44-label.ts's batch (one child module per run, so that no case's refusal
 * hides another's phase). One JSON line per case, as that labeller writes them.
 * `node --import tsx scripts/terraform-hunt44b-label.ts hand.jsonl > hand-oracle.jsonl` (H44_TMP: work directories)
 */
import { readFileSync } from 'node:fs';
import { batch } from './terraform-hunt44-label';
import type { Case44 } from './terraform-hunt44-gen';

const cases = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case44);
for (const c of cases) console.log(JSON.stringify(batch([c])[0]));
