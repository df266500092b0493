/**
 * The labelled cases of test/fixtures/nova-hunt22/<name>.json (scripts/hunt22-label.ts <name>):
 * each a body, its context and Nova's own answer (the nova-oracle's output), judged by bdm-lab
 * and compared: valid or not, the HTTP status and Nova's words, the driver classes of an accepted
 * body. An exception the oracle saw raised inside the schema check ("Unexpected API Error (Class:
 * ...)") is Nova's fault body naming that class after its fixed words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';

export interface Labelled {
  id: string;
  note: string;
  context: PartialContext;
  payload: unknown;
  oracle: { valid: boolean; http_status: number; nova_message: string | null; driver_classes?: Array<string | null> };
}

export function loadCases(name: string): Labelled[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt22', `${name}.json`), 'utf8')) as Labelled[];
}

/** one test per case: bdm-lab's answer is the oracle's */
export function testCases(cases: readonly Labelled[]): void {
  for (const c of cases) {
    test(`${c.id}: ${c.note}`, () => {
      const ctx = mergeContext([{ source: 'cli', context: c.context }]).context;
      const a = analyzeJson(JSON.stringify(c.payload), ctx);
      assert.equal(a.valid, c.oracle.valid, `Nova ${c.oracle.valid ? 'accepts' : `refuses: ${c.oracle.nova_message}`}; bdm-lab: ${a.verdict?.message}`);
      if (!c.oracle.valid) {
        assert.equal(a.verdict?.httpStatus, c.oracle.http_status);
        const raised = /^Unexpected API Error \((\w+):/.exec(c.oracle.nova_message ?? '');
        if (raised) assert.ok(a.verdict?.message.endsWith(`<class '${raised[1]}'>`), a.verdict?.message);
        else assert.equal(a.verdict?.message, c.oracle.nova_message);
      } else if (c.oracle.driver_classes) {
        assert.deepEqual(a.entries.map((e) => e.driverClass), c.oracle.driver_classes);
      }
    });
  }
}
