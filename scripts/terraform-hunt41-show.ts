/**
 * Hunt 41: one case of scripts/terraform-hunt41-gen.ts as bdm-lab reads it, terraform's line for it
 * (scripts/terraform-hunt41-label.ts), and bdm-lab's findings on each resource.
 * `node --import tsx scripts/terraform-hunt41-show.ts CASES.jsonl ORACLE.jsonl INDEX`
 */
import { readFileSync } from 'node:fs';
import { render41, type Case41 } from './terraform-hunt41-gen';
import { terraformSources } from '../server/src/source/terraform/index';
const [f, o, i] = process.argv.slice(2);
const c = JSON.parse(readFileSync(f, 'utf8').split('\n')[Number(i)]) as Case41;
const { text } = render41(c, 'bdm');
console.log(text);
console.log(readFileSync(o, 'utf8').split('\n')[Number(i)]);
for (const d of terraformSources(text)) console.log(d.t?.resource.labels[0]?.value, JSON.stringify(d.findings.map((x) => [x.code, x.span.offset, x.args?.detail])));
