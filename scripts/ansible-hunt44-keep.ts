/**
 * hunt44: the labelled cases kept for test/unit/ansible-hunt44.test.ts: each hand case
 * (scripts/ansible-hunt44-hand.ts) that bdm-lab reads as Ansible does, and the generated ones
 * (scripts/ansible-hunt44-gen.ts) named, each with its label (scripts/ansible-hunt44-label.py);
 * a generated case's id is renamed by its seed, given after its files.
 *   node --import tsx scripts/ansible-hunt44-keep.ts OUT.json HAND.json HAND.jsonl [CASES.json LABELS.jsonl SEED ID...]...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { differences, loadDifferences, type BookLabel } from '../test/unit/ansible-labelled';

const [out, ...rest] = process.argv.slice(2);
const kept: Array<{ id: string; input: string; label: BookLabel }> = [];
const read = (cases: string, labels: string) => {
  const byId = new Map(readFileSync(labels, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BookLabel & { id: string; crash?: string }).map((l) => [l.id, l]));
  return (JSON.parse(readFileSync(cases, 'utf8')) as Array<{ id: string; input: string }>).map((c) => ({ ...c, label: byId.get(c.id)! }));
};
const bare = (l: BookLabel & { id?: string }): BookLabel => {
  const { id: _id, ...label } = l;
  return label as BookLabel;
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
  if (agrees(c.input, bare(c.label))) kept.push({ id: c.id, input: c.input, label: bare(c.label) });
}
for (let i = 2; i < rest.length;) {
  const cases = read(rest[i]!, rest[i + 1]!);
  const seed = rest[i + 2]!;
  i += 3;
  for (; i < rest.length && !rest[i]!.endsWith('.json'); i++) {
    const c = cases.find((x) => x.id === rest[i])!;
    kept.push({ id: rest[i]!.replace('hunt44-', `${seed}-`), input: c.input, label: bare(c.label) });
  }
}
writeFileSync(out!, `${JSON.stringify(kept, null, 0).replace(/\},\{"id"/g, '},\n{"id"')}\n`);
console.log(kept.length, 'cases');
