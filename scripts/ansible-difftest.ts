/**
 * Differential test of the Ansible source against ansible-core, the openstack.cloud collection
 * 1.10.0 and openstacksdk 0.101.0 (shared/tools/ansible-oracle): for each task ([{id, input}])
 * compare the oracle's answer ({id: {stage, error, nova_body, microversion}}) with bdm-lab's:
 * the stage and words of a refusal, or the body (field by field) and the microversion sent.
 * Usage: node --import tsx scripts/ansible-difftest.ts CASES.json ORACLE.json
 * Labelling: scripts/ansible-gen.ts N SEED > cases.json, then
 * /usr/bin/python3 shared/tools/ansible-oracle/ansible_oracle.py --batch cases.json (JSON lines).
 */
import { readFileSync } from 'node:fs';
import { compareAnsible, type AnsibleLabel } from '../test/fixtures/ansible/compare';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; input: string }>;
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, AnsibleLabel>;
let bad = 0;
const fields = { sent: 0, refused: 0, none: 0 };
for (const c of cases) {
  const o = oracle[c.id];
  if (!o) { console.log(`${c.id}: no oracle answer`); bad++; continue; }
  const diffs = compareAnsible(c.input, o);
  fields[o.stage === 'sent' ? 'sent' : /without POST/.test(o.error ?? '') ? 'none' : 'refused']++;
  if (diffs.length) { bad++; console.log(`${c.id}:\n${c.input.replace(/^/gm, '  | ')}\n  ${diffs.join('\n  ')}`); }
}
console.log(`${cases.length - bad}/${cases.length} agree (oracle: ${fields.sent} sent, ${fields.refused} refused, ${fields.none} without a create request)`);
process.exitCode = bad ? 1 : 0;
