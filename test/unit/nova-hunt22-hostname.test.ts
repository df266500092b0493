/**
 * The hostname a server-create body names is read by Nova's controller from 2.90 only: at 2.0 the
 * legacy /v2 endpoint strips the key, and 2.1-2.89's schema refuses it. So at 2.0 several servers
 * may "share" a hostname (Nova never sees it), and a shared volume or a zero-disk flavor is what
 * refuses them. Each case is labelled by Nova's own code (the nova-oracle), its output kept beside
 * the case in test/fixtures/nova-hunt22/hostname.json (scripts/hunt22-label.ts hostname).
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

const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt22', 'hostname.json'), 'utf8')) as Labelled[];

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

test('the fixture holds both answers: Nova refusing for the hostname (2.90) and accepting it at 2.0', () => {
  assert.ok(cases.some((c) => c.context.microversion === '2.0' && c.oracle.valid && (c.payload as { server: { max_count?: unknown } }).server.max_count !== undefined));
  assert.ok(cases.some((c) => c.oracle.nova_message === 'Unable to allocate a single hostname to multiple instances'));
});
