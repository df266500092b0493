/** hunt23 helper: the findings bdm-lab gives for cases of a hunt beside the oracle's stage, error and module args. Usage: node --import tsx scripts/ansible-hunt23-show.ts CASES.json ORACLE.jsonl ID... */
import { readFileSync } from 'node:fs';
import { findTasks } from '../server/src/source/ansible';
import { readTask } from '../server/src/source/ansible/index';
import { readOracle } from '../scripts/ansible-hunt23-json';
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; input: string }>;
const o = readOracle(readFileSync(process.argv[3], 'utf8'));
for (const id of process.argv.slice(4)) {
  const c = cases.find((x) => x.id === id)!;
  const r = readTask(findTasks(c.input)[0]!);
  console.log(id, JSON.stringify(r?.findings.map((f) => [f.code, f.args?.detail])), '\n ORACLE', o[id]!.stage, o[id]!.error, JSON.stringify((o[id] as { args?: unknown }).args));
}
