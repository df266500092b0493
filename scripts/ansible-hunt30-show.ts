/**
 * hunt30 helper: bdm-lab's answer for each server task of one case of a hunt's cases file (the line
 * its mapping starts on, its findings and whether it sends), beside the label's line when given.
 * Usage: node --import tsx scripts/ansible-hunt30-show.ts CASES.json ID [LABELS.jsonl]
 */
import { readFileSync } from 'node:fs';
import { findTasks, readTasks } from '../server/src/source/ansible/index';

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<{ id: string; input: string }>;
const c = cases.find((x) => x.id === process.argv[3]);
if (!c) throw new Error('no such case');
const labels = process.argv[4] ? readFileSync(process.argv[4], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string }) : [];
for (const t of findTasks(c.input)) {
  const line = c.input.slice(0, t.span.offset).split('\n').length;
  for (const r of readTasks(t)) console.log(`line ${line}:`, JSON.stringify(r?.findings.map((f) => [f.code, f.args?.detail])), r?.request?.body ? 'SENDS' : 'no body');
}
const l = labels.find((x) => x.id === c.id);
if (l) console.log('LABEL', JSON.stringify(l).slice(0, 3000));
