/**
 * Labels the hand-written cases of test/fixtures/nova-hunt24/<name>.cases.json with Nova's own
 * verdict (the nova-oracle) and writes <name>.json beside them. A case gives its body as text
 * (`payloadText`: `1.0`, `-0.0`, `1e400` and integers past 2^53 keep the spelling Python's json
 * reads), a note and a context; the labelled file keeps the oracle's whole output (`oracle`).
 *   node --import tsx scripts/difftest-hunt24-label.ts NAME
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, writeOracleLabels } from './difftest-lib';
import type { DiffCase } from './difftest-gen';

const name = process.argv[2];
if (!name) throw new Error('usage: difftest-hunt24-label.ts NAME');
const dir = join(ROOT, 'test', 'fixtures', 'nova-hunt24');
const cases = JSON.parse(readFileSync(join(dir, `${name}.cases.json`), 'utf8')) as Array<{ id: string; note: string; kind?: 'server' | 'attach'; context: DiffCase['context']; payloadText: string }>;
writeOracleLabels(cases, `test/fixtures/nova-hunt24/${name}.json`);
