/**
 * Hunt 28's differential test: writes COUNT templates of scripts/heat-hunt28-gen.ts with SEED,
 * labels them with Heat 19.0.0's own answers (test/fixtures/heat/label.ts: the heat-oracle, Heat's
 * checks before any resource, Stack.validate, Nova's verdict on each body Heat sends) unless the
 * labels are there already, and compares bdm-lab with them as scripts/heat-hunt22-difftest.ts does
 * (test/fixtures/heat/compare.ts, then Nova's verdict against bdm-lab's on each body sent); a
 * template with an adopted server (external_id) is labelled by scripts/heat-hunt28-lib.ts.
 * Prints each disagreement, then the count per theme of the generator.
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt28-difftest.ts COUNT SEED [DIR] [--label] [--only=ID] [--gen=heat-huntNN-gen.ts]
 *
 * (DIR: where SEED's cases and labels are kept, /tmp by default: h28-SEED-cases.json, h28-SEED-oracle.json;
 * `--gen`: another hunt's generator of the same usage, its files named hNN-SEED-...)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../test/fixtures/heat/compare';
import { labelHeatCases } from '../test/fixtures/heat/label';
import { labelAdopted, type Hunt28Oracle } from './heat-hunt28-lib';
import { heatSources } from '../server/src/source/heat';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const [count, seed, dir = '/tmp'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const gen = process.argv.find((a) => a.startsWith('--gen='))?.slice(6) ?? 'heat-hunt28-gen.ts';
const hunt = /^heat-hunt(\d+)-gen\.ts$/.exec(gen)?.[1] ?? '28';
const casesFile = join(dir, `h${hunt}-${seed}-cases.json`);
const oracleFile = join(dir, `h${hunt}-${seed}-oracle.json`);
const cases = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, gen), count, seed], { encoding: 'utf8', maxBuffer: 1 << 26 })) as HeatCase[];
writeFileSync(casesFile, JSON.stringify(cases, null, 1) + '\n');
let oracle = existsSync(oracleFile) ? JSON.parse(readFileSync(oracleFile, 'utf8')) as Record<string, HeatOracle> : {};
const missing = cases.filter((c) => !oracle[c.id]);
if (process.argv.includes('--label') || missing.length) {
  oracle = { ...oracle, ...labelHeatCases(process.argv.includes('--label') ? cases : missing, FLAVOR) };
  writeFileSync(oracleFile, JSON.stringify(oracle, null, 1) + '\n');
}
// an adopted server (external_id): Stack.validate with the server found, and no request for it
const unadopted = cases.filter((c) => c.template.includes('external_id') && oracle[c.id] && !('adopted' in oracle[c.id]));
if (unadopted.length) {
  labelAdopted(unadopted, oracle as Record<string, Hunt28Oracle>);
  writeFileSync(oracleFile, JSON.stringify(oracle, null, 1) + '\n');
}
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const theme = (id: string) => id.split('-')[1];
const tally: Record<string, { agree: number; differ: number; undecided: number }> = {};
let bad = 0; let undecided = 0; let compared = 0;
for (const c of cases) {
  if (only && c.id !== only) continue;
  const t = (tally[theme(c.id)] ??= { agree: 0, differ: 0, undecided: 0 });
  const o = oracle[c.id];
  let r: ReturnType<typeof compareWithOracle>;
  try { r = compareWithOracle(c, o); } catch (e) { r = { diffs: [`CRASH ${(e as Error).stack}`], servers: 0 }; }
  if (r.undecided) { undecided++; t.undecided++; continue; }
  compared++;
  const diffs = [...r.diffs];
  if (!diffs.length && !c.params && o.nova) {
    const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), flavor: FLAVOR, heat_max_microversion: c.microversion ?? null } as never);
    heatSources(c.template, { microversion: c.microversion }).forEach((d, i) => {
      const nova = o.nova?.[d.name];
      const req = a.requests?.[i];
      if (!nova || d.translation.error || !req) return;
      if (req.valid !== nova.valid || (!nova.valid && req.analysis?.verdict?.message !== nova.message)) diffs.push(`${d.name}: Nova ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab ${req.valid ? 'valid' : `${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`}`);
    });
  }
  if (diffs.length) {
    bad++; t.differ++;
    console.log(`${c.id}${c.params ? ' ' + JSON.stringify(c.params) : ''}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`);
  } else t.agree++;
}
console.log(Object.entries(tally).map(([k, v]) => `${k}: ${v.agree} agree, ${v.differ} differ${v.undecided ? `, ${v.undecided} not compared` : ''}`).join('; '));
console.log(`seed ${seed}: ${compared - bad}/${compared} templates agree${undecided ? `; ${undecided} not compared (a condition on a parameter without default)` : ''}`);
process.exitCode = bad ? 1 : 0;
