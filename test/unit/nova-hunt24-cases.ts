/**
 * The labelled cases of test/fixtures/nova-hunt24/<name>.json (scripts/difftest-hunt24-label.ts
 * <name>): each a body as text, its context and Nova's own answer (the nova-oracle's output),
 * judged by bdm-lab and compared: valid or not, the HTTP status and Nova's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';

export interface Labelled24 {
  id: string;
  note: string;
  context: PartialContext;
  payloadText: string;
  oracle: { valid: boolean; http_status: number; nova_message: string | null; layer: string | null; driver_classes?: Array<string | null> };
}

export function loadCases24(name: string): Labelled24[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt24', `${name}.json`), 'utf8')) as Labelled24[];
}

/**
 * bdm-lab's verdict on a case is the oracle's: valid or not, then Nova's status and words, or the
 * entries' driver classes. Returns the analysis and its context for further checks.
 */
export function assertOracleVerdict(c: Pick<Labelled24, 'context' | 'payloadText' | 'oracle'>) {
  const ctx = mergeContext([{ source: 'cli', context: c.context }]).context;
  const a = analyzeJson(c.payloadText, ctx);
  assert.equal(a.valid, c.oracle.valid, `Nova ${c.oracle.valid ? 'accepts' : `refuses: ${c.oracle.nova_message}`}; bdm-lab: ${a.verdict?.message}`);
  if (!c.oracle.valid) {
    assert.equal(a.verdict?.httpStatus, c.oracle.http_status);
    assert.equal(a.verdict?.message, c.oracle.nova_message);
  } else if (c.oracle.driver_classes) {
    assert.deepEqual(a.entries.map((e) => e.driverClass), c.oracle.driver_classes);
  }
  return { a, ctx };
}

/** one test per case: bdm-lab's answer is the oracle's */
export function testCases24(cases: readonly Labelled24[]): void {
  for (const c of cases) test(`${c.id}: ${c.note}`, () => { assertOracleVerdict(c); });
}
