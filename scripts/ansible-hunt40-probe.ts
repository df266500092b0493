/**
 * hunt40 probe: each server task of one playbook file as bdm-lab reads it (its findings, and the
 * block_device_mapping_v2 of the body it sends), a line each; compare with the ansible-oracle by hand.
 *   node --import tsx scripts/ansible-hunt40-probe.ts PLAYBOOK.yaml
 */
import { readFileSync } from 'node:fs';
import { findTasks, readTasks } from '../server/src/source/ansible/index';
const text = readFileSync(process.argv[2]!, 'utf8');
for (const t of findTasks(text)) {
  const r = readTasks(t);
  const line = text.slice(0, t.span.offset).split('\n').length;
  if (!r.length) { console.log(line, 'skipped'); continue; }
  const body = r[0]!.request?.body as { server?: { block_device_mapping_v2?: unknown } } | undefined;
  console.log(line, JSON.stringify(r[0]!.findings.map((f) => [f.code, f.args?.detail])).slice(0, 400), JSON.stringify(body?.server?.block_device_mapping_v2 ?? null));
}
