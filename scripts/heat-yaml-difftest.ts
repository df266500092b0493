/**
 * Differential test of bdm-lab's reading of a template's YAML against Heat's own
 * (template_format.simple_parse: JSON, else libyaml, else PyYAML for the words of a refusal):
 * per case, whether both read it or both refuse it, and a refusal's words (and the line and
 * column they name). Prints each difference and a count.
 * Usage: node --import tsx scripts/heat-yaml-difftest.ts CASES.json LABELS.json [--label] [--fixture=OUT.json]
 * (CASES: [{id, template}], e.g. from scripts/heat-yaml-gen.ts; LABELS: {id: {value} | {error}},
 * written first by test/fixtures/heat/yaml_block_errors.py when missing or with --label; `--fixture`:
 * write the cases with Heat's answers, [{id, template, value | error}], as
 * test/fixtures/heat/yaml-block-errors.json is)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readYaml } from '../server/src/source/heat/template';

const [casesFile, labelsFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as Array<{ id: string; template: string }>;
if (process.argv.includes('--label') || !existsSync(labelsFile)) {
  const tmp = join(mkdtempSync(join(tmpdir(), 'heat-yaml-')), 'texts.json');
  writeFileSync(tmp, JSON.stringify(Object.fromEntries(cases.map((c) => [c.id, c.template]))));
  const out = execFileSync('/usr/bin/python3', [join(__dirname, '..', 'test', 'fixtures', 'heat', 'yaml_block_errors.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 28 });
  writeFileSync(labelsFile, out);
}
const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<string, { value?: unknown; error?: string }>;

const NOT_MAP = 'The template is not a JSON object or YAML mapping.';
let agree = 0;
let refusals = 0;
let wordsDiffer = 0;
let verdictDiffers = 0;
for (const c of cases) {
  const h = labels[c.id];
  const r = readYaml(c.template);
  let ours: { error?: string; value?: unknown };
  if ('error' in r) ours = { error: r.error.message };
  else {
    const v = r.root.value === null ? {} : r.root.value;
    ours = r.root.kind === 'map' || v !== r.root.value ? { value: v } : { error: NOT_MAP };
  }
  if (h.error !== undefined) refusals++;
  if (h.error !== undefined && ours.error === h.error) { agree++; continue; }
  if (h.error === undefined && ours.error === undefined) {
    if (isDeepStrictEqual(ours.value, h.value) || JSON.stringify(ours.value) === JSON.stringify(h.value)) agree++;
    else { verdictDiffers++; console.log(`${c.id}: values differ\n  ours ${JSON.stringify(ours.value)}\n  heat ${JSON.stringify(h.value)}`); }
    continue;
  }
  if ((h.error === undefined) !== (ours.error === undefined)) verdictDiffers++;
  else wordsDiffer++;
  console.log(`${c.id}: ${JSON.stringify(c.template)}\n  ours ${JSON.stringify(ours.error ?? 'reads it')}\n  heat ${JSON.stringify(h.error ?? 'reads it')}`);
}
const fixture = process.argv.find((a) => a.startsWith('--fixture='))?.slice('--fixture='.length);
if (fixture) writeFileSync(fixture, `[\n${cases.map((c) => JSON.stringify({ ...c, ...labels[c.id] })).join(',\n')}\n]\n`);
console.log(`${agree}/${cases.length} agree (${refusals} refused by Heat); ${wordsDiffer} refused in other words, ${verdictDiffers} read by one and refused by the other (or read otherwise)`);
process.exitCode = agree === cases.length ? 0 : 1;
