/**
 * hunt41: the labelled cases kept for test/unit/ansible-hunt41.test.ts: each hand case
 * (scripts/ansible-hunt41-hand.ts) whose tasks bdm-lab reads as Ansible does, and the generated
 * ones (scripts/ansible-hunt41-gen.ts) named, each with its label (scripts/ansible-hunt38-label.py).
 *   node --import tsx scripts/ansible-hunt41-keep.ts OUT.json HAND.json HAND.jsonl [CASES.json LABELS.jsonl ID...]...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { differences, type BookLabel } from '../test/unit/ansible-labelled';

const [out, ...rest] = process.argv.slice(2);
const kept: Array<{ id: string; input: string; label: BookLabel }> = [];
const read = (cases: string, labels: string) => {
  const byId = new Map(readFileSync(labels, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BookLabel & { id: string; crash?: string }).map((l) => [l.id, l]));
  return (JSON.parse(readFileSync(cases, 'utf8')) as Array<{ id: string; input: string }>).map((c) => ({ ...c, label: byId.get(c.id)! }));
};
for (const c of read(rest[0]!, rest[1]!)) {
  if (!c.label || c.label.crash || c.label.load !== null) continue;
  const { id: _id, ...label } = c.label as BookLabel & { id?: string };
  let d: string[];
  try { d = differences(c.input, label as BookLabel); } catch { continue; }
  if (!d.length) kept.push({ id: c.id, input: c.input, label: label as BookLabel });
}
// (generated cases: ids renamed by their seed, 4111 for a file named *dev*, 4112 else)
for (let i = 2; i < rest.length;) {
  const seed = rest[i]!.includes('dev') ? '4111' : '4112';
  const cases = read(rest[i]!, rest[i + 1]!);
  i += 2;
  for (; i < rest.length && !rest[i]!.endsWith('.json'); i++) {
    const c = cases.find((x) => x.id === rest[i])!;
    const { id: _id, ...label } = c.label as BookLabel & { id?: string };
    kept.push({ id: rest[i]!.replace('hunt41-', `${seed}-`), input: c.input, label: label as BookLabel });
  }
}
writeFileSync(out!, `${JSON.stringify(kept, null, 0).replace(/\},\{"id"/g, '},\n{"id"')}\n`);
console.log(kept.length, 'cases');
