/**
 * hunt42: the labelled cases kept for test/unit/ansible-hunt42.test.ts: each hand case
 * (scripts/ansible-hunt42-hand.ts) whose tasks bdm-lab reads as Ansible does (a playbook Ansible
 * refuses at load: every task bdm-lab finds refused in the same words), and the generated ones
 * (scripts/ansible-hunt42-gen.ts) named, each with its label (scripts/ansible-hunt42-label.py).
 *   node --import tsx scripts/ansible-hunt42-keep.ts OUT.json HAND.json HAND.jsonl [CASES.json LABELS.jsonl ID...]...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { differences, loadDifferences, type BookLabel } from '../test/unit/ansible-labelled';

const [out, ...rest] = process.argv.slice(2);
const kept: Array<{ id: string; input: string; label: BookLabel }> = [];
const read = (cases: string, labels: string) => {
  const byId = new Map(readFileSync(labels, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BookLabel & { id: string; crash?: string }).map((l) => [l.id, l]));
  return (JSON.parse(readFileSync(cases, 'utf8')) as Array<{ id: string; input: string }>).map((c) => ({ ...c, label: byId.get(c.id)! }));
};
const agrees = (input: string, label: BookLabel): boolean => {
  try {
    return !(label.load === null ? differences(input, label) : loadDifferences(input, label)).length;
  } catch {
    return false;
  }
};
for (const c of read(rest[0]!, rest[1]!)) {
  if (!c.label || (c.label as { crash?: string }).crash) continue;
  const { id: _id, ...label } = c.label as BookLabel & { id?: string };
  if (agrees(c.input, label as BookLabel)) kept.push({ id: c.id, input: c.input, label: label as BookLabel });
}
// (generated cases: ids renamed by their seed, 4211 for a file named *4211*, else 4212)
for (let i = 2; i < rest.length;) {
  const seed = rest[i]!.includes('4211') ? '4211' : '4212';
  const cases = read(rest[i]!, rest[i + 1]!);
  i += 2;
  for (; i < rest.length && !rest[i]!.endsWith('.json'); i++) {
    const c = cases.find((x) => x.id === rest[i])!;
    const { id: _id, ...label } = c.label as BookLabel & { id?: string };
    kept.push({ id: rest[i]!.replace('hunt42-', `${seed}-`), input: c.input, label: label as BookLabel });
  }
}
writeFileSync(out!, `${JSON.stringify(kept, null, 0).replace(/\},\{"id"/g, '},\n{"id"')}\n`);
console.log(kept.length, 'cases');
