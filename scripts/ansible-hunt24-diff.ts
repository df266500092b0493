/**
 * hunt24 differential count: each case of scripts/ansible-hunt24-gen.ts against the ansible-oracle,
 * as scripts/ansible-difftest.ts compares them, with bdm-lab's notes counted apart: a task bdm-lab
 * does not judge (only BDM-ANSIBLE-LOOP / BDM-ANSIBLE-UNRESOLVED findings and no body) is a note,
 * not a disagreement, and a loop, a `when:` or a fact set before the task (where the oracle's
 * answer is not Ansible's: it takes a loop's first item, ignores `when`, runs no set_fact) is named.
 * Usage: node --import tsx scripts/ansible-hunt24-diff.ts CASES.json ORACLE.jsonl [--show]
 */
import { readFileSync } from 'node:fs';
import { compareAnsible } from '../test/fixtures/ansible/compare';
import { findTasks } from '../server/src/source/ansible';
import { readTask } from '../server/src/source/ansible/index';
import { readOracle } from './ansible-hunt23-json';

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<{ id: string; input: string }>;
const oracle = readOracle(readFileSync(process.argv[3]!, 'utf8'));
const show = process.argv.includes('--show');
const count = { agree: 0, note: 0, disagree: 0, oracleNotAnsible: 0 };
const notes = new Map<string, number>();
for (const c of cases) {
  const o = oracle[c.id];
  if (!o) { count.disagree++; console.log(`${c.id}: no oracle answer`); continue; }
  const diffs = compareAnsible(c.input, o);
  const task = findTasks(c.input)[0];
  const r = task ? readTask(task) : null;
  const judged = r ? r.findings.some((f) => f.code !== 'BDM-ANSIBLE-LOOP' && f.code !== 'BDM-ANSIBLE-UNRESOLVED') || r.request?.body : true;
  const special = /\n {2,6}(?:loop|with_items|when):|set_fact:/.test(c.input);
  if (!diffs.length) { count.agree++; continue; }
  if (!judged) {
    count.note++;
    const why = r?.findings.filter((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED').map((f) => String(f.args?.detail).replace(/`[^`]*`/g, '…').slice(0, 90))[0] ?? 'loop';
    notes.set(why, (notes.get(why) ?? 0) + 1);
    if (show) console.log(`${c.id} NOTE: ${r?.findings.map((f) => f.args?.detail).join(' | ')}\n  oracle: ${o.stage} ${o.error ?? ''}`);
    continue;
  }
  if (special) count.oracleNotAnsible++;
  count.disagree++;
  console.log(`${c.id}${special ? ' (loop/when/set_fact: the oracle is not Ansible here)' : ''}:\n${c.input.replace(/^/gm, '  | ')}\n  ${diffs.join('\n  ')}`);
}
if (show) for (const [w, k] of [...notes].sort((a, b) => b[1] - a[1])) console.log(`${k}\t${w}`);
console.log(`${count.agree}/${cases.length} agree, ${count.note} notes (bdm-lab does not judge), ${count.disagree} disagree (${count.oracleNotAnsible} of them with a loop, when or set_fact)`);
