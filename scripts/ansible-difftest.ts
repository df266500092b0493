/**
 * Differential test of the Ansible source against ansible-core, the openstack.cloud collection
 * 1.10.0 and openstacksdk 0.101.0 (shared/tools/ansible-oracle): for each task ([{id, input}])
 * compare the oracle's answer ({id: {stage, error, nova_body, microversion}}) with bdm-lab's:
 * the stage and words of a refusal, or the body (field by field) and the microversion sent.
 * A document PyYAML does not load (the oracle's YAML error at ansible-args) agrees when bdm-lab
 * finds no task in it.
 * Usage: node --import tsx scripts/ansible-difftest.ts CASES.json ORACLE.json
 * ORACLE.json is either one object {id: answer} or the oracle's `--batch` output (JSON lines with
 * an `id` each); both are read as Python's json writes them, so a bare NaN, Infinity or -Infinity
 * (a float the task computed) is that number, not a parse error.
 * Labelling: scripts/ansible-gen.ts N SEED > cases.json, then
 * /usr/bin/python3 shared/tools/ansible-oracle/ansible_oracle.py --batch cases.json (JSON lines).
 */
import { readFileSync } from 'node:fs';
import { compareAnsible } from '../test/fixtures/ansible/compare';
import { readOracle } from './ansible-hunt23-json';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; input: string }>;
const oracle = readOracle(readFileSync(process.argv[3], 'utf8'));

const YAML_LOAD = /^(?:(?:Constructor|Scanner|Parser|Composer)Error|ValueError: (?:invalid literal for int|could not convert string to float|month must be|day is out of range|offset must be a timedelta|year \d+ is out of range|hour must be|minute must be|second must be)|KeyError|IndexError: string index out of range)/;
let notLoaded = 0;
let bad = 0;
const fields = { sent: 0, refused: 0, none: 0 };
for (const c of cases) {
  const o = oracle[c.id];
  if (!o) { console.log(`${c.id}: no oracle answer`); bad++; continue; }
  let diffs = compareAnsible(c.input, o);
  // a document PyYAML does not load (its constructor refuses a value: `!!int yes`, a 13th month;
  // a syntax error) holds no task for bdm-lab, as for Ansible, which fails before any task runs
  if (diffs[0] === 'bdm-lab finds no task' && o.stage === 'ansible-args' && YAML_LOAD.test(o.error ?? '')) { notLoaded++; diffs = []; }
  fields[o.stage === 'sent' ? 'sent' : /without POST/.test(o.error ?? '') ? 'none' : 'refused']++;
  if (diffs.length) { bad++; console.log(`${c.id}:\n${c.input.replace(/^/gm, '  | ')}\n  ${diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad}/${cases.length} agree (oracle: ${fields.sent} sent, ${fields.refused} refused, ${fields.none} without a create request; ${notLoaded} documents PyYAML does not load, where bdm-lab finds no task)`);
process.exitCode = bad ? 1 : 0;
