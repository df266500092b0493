/**
 * Several instances with a fixed IP: compute refuses them only when the request's address is
 * true, and Nova holds it as a netaddr IPAddress, which is false when its value is 0 (`0.0.0.0`,
 * `::`, `0::0`, `::0.0.0.0`). So such a request goes on (and a port beside it is still refused
 * by the controller, which asks "is not None"). Each case is labelled by Nova's own code (the
 * nova-oracle), its output kept beside the case in test/fixtures/nova-hunt22/zero-fixed-ip.json
 * (scripts/hunt22-label.ts zero-fixed-ip).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';

interface Labelled {
  id: string;
  note: string;
  context: PartialContext;
  payload: unknown;
  oracle: { valid: boolean; http_status: number; nova_message: string | null; driver_classes?: Array<string | null> };
}

const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt22', 'zero-fixed-ip.json'), 'utf8')) as Labelled[];

for (const c of cases) {
  test(`${c.id}: ${c.note}`, () => {
    const ctx = mergeContext([{ source: 'cli', context: c.context }]).context;
    const a = analyzeJson(JSON.stringify(c.payload), ctx);
    assert.equal(a.valid, c.oracle.valid, `Nova ${c.oracle.valid ? 'accepts' : `refuses: ${c.oracle.nova_message}`}; bdm-lab: ${a.verdict?.message}`);
    if (!c.oracle.valid) {
      assert.equal(a.verdict?.httpStatus, c.oracle.http_status);
      assert.equal(a.verdict?.message, c.oracle.nova_message);
    } else if (c.oracle.driver_classes) {
      assert.deepEqual(a.entries.map((e) => e.driverClass), c.oracle.driver_classes);
    }
  });
}

test('the fixture holds both answers: a zero address accepted and a non-zero one refused for two servers', () => {
  assert.ok(cases.some((c) => c.oracle.valid && JSON.stringify(c.payload).includes('"fixed_ip":"0.0.0.0"') && JSON.stringify(c.payload).includes('"max_count":2')));
  assert.ok(cases.some((c) => !c.oracle.valid && (c.oracle.nova_message ?? '').includes('max_count cannot be greater than 1 if an fixed_ip')));
});
