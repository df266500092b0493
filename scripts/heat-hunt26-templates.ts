/**
 * Hunt 26: writes scripts/heat-hunt26-templates.json, the first COUNT templates of
 * scripts/heat-hunt26-gen.ts (seed 26) with Heat 19.0.0's answers (heat-oracle, Stack.validate,
 * Nova's verdicts: test/fixtures/heat/label.ts), which test/unit/heat-yaql.test.ts compares with.
 *
 *     node --import tsx scripts/heat-hunt26-templates.ts [COUNT] [ORACLE.json]
 *
 * (ORACLE.json: the labels heat-hunt22-difftest.ts wrote for the same cases, instead of labelling again)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labelHeatCases } from '../test/fixtures/heat/label';
import type { HeatCase, HeatOracle } from '../test/fixtures/heat/compare';

const count = Number(process.argv[2] ?? 100);
const oracleFile = process.argv[3];
const all = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'heat-hunt26-gen.ts'), '150', '26'], { encoding: 'utf8', maxBuffer: 1 << 26 })) as HeatCase[];
const cases = all.slice(0, count);
const oracle = oracleFile && existsSync(oracleFile)
  ? JSON.parse(readFileSync(oracleFile, 'utf8')) as Record<string, HeatOracle>
  : labelHeatCases(cases, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 });
const out = cases.map((c) => ({ ...c, heat: oracle[c.id] }));
writeFileSync(join(__dirname, 'heat-hunt26-templates.json'), `[\n${out.map((x) => JSON.stringify(x)).join(',\n')}\n]\n`);
console.log(`${out.length} templates written`);
