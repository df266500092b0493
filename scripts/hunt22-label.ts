/**
 * Labels the hand-written cases of test/fixtures/nova-hunt22/<name>.cases.json with Nova's own
 * verdict (the nova-oracle) and writes <name>.json beside them: each case keeps the oracle's whole
 * output (`oracle`), so a test's expectation says where it came from.
 *   node --import tsx scripts/hunt22-label.ts NAME
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runOracle } from './difftest-lib';
import type { DiffCase } from './difftest-gen';

const name = process.argv[2];
if (!name) throw new Error('usage: hunt22-label.ts NAME');
const dir = join(ROOT, 'test', 'fixtures', 'nova-hunt22');
const cases = JSON.parse(readFileSync(join(dir, `${name}.cases.json`), 'utf8')) as Array<{ id: string; note: string; context: DiffCase['context']; payload: unknown }>;
const oracle = runOracle(cases.map((c) => ({ id: c.id, context: c.context, payloadText: JSON.stringify(c.payload) })));
const out = cases.map((c) => {
  const o = oracle.get(c.id);
  if (!o) throw new Error(`no oracle answer for ${c.id}`);
  const { id: _id, microversion: _mv, ...rest } = o as unknown as Record<string, unknown>;
  return { ...c, oracle: rest };
});
writeFileSync(join(dir, `${name}.json`), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases labelled -> test/fixtures/nova-hunt22/${name}.json`);
