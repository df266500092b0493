/**
 * Differential test of the Heat source against Heat's own code: given cases
 * ([{id, template, params?, microversion?}]) and Heat's answers for them (per case: Heat's
 * Stack.validate, `stack_validate`, which `stack create` runs before it makes any resource; and the
 * heat-oracle's, {servers: {name: {stage, error?, nova_body?, microversion_header?}}}, each server
 * validated and created with the other resources made), compare Stack.validate's refusal first,
 * then per server the stage and words of Heat's refusal, or the body and microversion sent, field
 * by field, and print the differences.
 * Usage: node --import tsx scripts/heat-difftest.ts CASES.json ORACLE.json [--label]
 * (`--label`, or no ORACLE.json yet: run Heat's code on the cases first and write ORACLE.json,
 * as test/unit/heat.test.ts --label does; scripts/heat-gen.ts generates cases.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compareWithOracle, stripType, type HeatCase, type HeatOracle } from '../test/fixtures/heat/compare';
import { labelHeatCases } from '../test/fixtures/heat/label';

const [casesFile, oracleFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as HeatCase[];
if (process.argv.includes('--label') || !existsSync(oracleFile)) {
  writeFileSync(oracleFile, JSON.stringify(labelHeatCases(cases, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 }), null, 1) + '\n');
}
const oracle = JSON.parse(readFileSync(oracleFile, 'utf8')) as Record<string, HeatOracle>;

/** the heat-oracle's first refusal (its servers' own validation), to count where Stack.validate answers otherwise */
function oracleFirst(o: HeatOracle): string[] {
  const stack = o.stack_checks ?? o.template_error ?? Object.values(o.resource_errors ?? {}).find((e) => !/^KeyError: /.test(e));
  if (stack) return [stripType(stack)];
  return Object.values(o.servers).filter((r) => r.stage === 'heat-validate').map((r) => stripType(r.error!));
}

let bad = 0;
let servers = 0;
let undecided = 0;
let svDiffers = 0;
for (const c of cases) {
  const o = oracle[c.id];
  const sv = o.stack_validate;
  if (sv !== undefined && sv !== 'ok' && !oracleFirst(o).includes(stripType(sv)) && !/Error parsing template/.test(sv)) svDiffers++;
  const r = compareWithOracle(c, o);
  if (r.undecided) undecided++;
  servers += r.servers;
  if (r.diffs.length) { bad++; console.log(`${c.id}:\n  ${r.diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad - undecided}/${cases.length - undecided} templates agree (${servers} servers; ${svDiffers} refused by Heat's Stack.validate otherwise than by the heat-oracle)${undecided ? `; ${undecided} not compared: a condition on a parameter without default, which the oracle fills and bdm-lab names instead of guessing` : ''}`);
process.exitCode = bad ? 1 : 0;
