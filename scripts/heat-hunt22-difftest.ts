/**
 * The differential test of hunts 22 and 24: scripts/heat-difftest.ts's comparison (Stack.validate, then each
 * server's stage and words of Heat's refusal, or the body and microversion sent), and then, for
 * each body Heat sends, Nova's verdict (nova-oracle) against bdm-lab's (analyzeDocument).
 * Usage: node --import tsx scripts/heat-hunt22-difftest.ts CASES.json ORACLE.json [--label]
 * (CASES from scripts/heat-hunt22-gen.ts or scripts/heat-hunt24-gen.ts; ORACLE written first when missing or with --label)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../test/fixtures/heat/compare';
import { labelHeatCases } from '../test/fixtures/heat/label';
import { heatSources } from '../server/src/source/heat';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const [casesFile, oracleFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as HeatCase[];
if (process.argv.includes('--label') || !existsSync(oracleFile)) writeFileSync(oracleFile, JSON.stringify(labelHeatCases(cases, FLAVOR), null, 1) + '\n');
const oracle = JSON.parse(readFileSync(oracleFile, 'utf8')) as Record<string, HeatOracle>;
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

let bad = 0; let undecided = 0; let servers = 0; let novaChecked = 0;
for (const c of cases) {
  if (only && c.id !== only) continue;
  const o = oracle[c.id];
  let r: ReturnType<typeof compareWithOracle>;
  try { r = compareWithOracle(c, o); } catch (e) { r = { diffs: [`CRASH ${(e as Error).stack}`], servers: 0 }; }
  if (r.undecided) { undecided++; continue; }
  servers += r.servers;
  const diffs = [...r.diffs];
  if (!diffs.length && !c.params && o.nova) {
    const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), flavor: FLAVOR, heat_max_microversion: c.microversion ?? null } as never);
    const docs = heatSources(c.template, { microversion: c.microversion });
    docs.forEach((d, i) => {
      const nova = o.nova?.[d.name];
      const req = a.requests?.[i];
      if (!nova || d.translation.error || !req) return;
      novaChecked++;
      if (req.valid !== nova.valid || (!nova.valid && req.analysis?.verdict?.message !== nova.message)) diffs.push(`${d.name}: Nova ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab ${req.valid ? 'valid' : `${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`}`);
    });
  }
  if (diffs.length) { bad++; console.log(`${c.id}${c.params ? ' ' + JSON.stringify(c.params) : ''}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`); }
}
const n = only ? 1 : cases.length;
console.log(`${n - bad - undecided}/${n - undecided} templates agree (${servers} servers, ${novaChecked} Nova verdicts compared)${undecided ? `; ${undecided} not compared (a condition on a parameter without default)` : ''}`);
process.exitCode = bad ? 1 : 0;
