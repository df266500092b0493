/**
 * Microversion 2.0 (the legacy /v2 endpoint) strips unknown keys, except from an object whose keys
 * are ALL unknown: Nova's soft check then leaves it whole. A block device entry or a legacy item
 * of unknown keys only still fails as Nova says (no uuid, no legacy shape); a network of unknown
 * keys only keeps its `tag`, which the controller sets on a NetworkRequest, and a list or dict
 * there raises (HTTP 500, ValueError). Each case is labelled by Nova's own code (the nova-oracle),
 * its output kept beside the case in test/fixtures/nova-hunt22/legacy-v2-all-unknown.json
 * (scripts/hunt22-label.ts legacy-v2-all-unknown).
 * The network-tag 500 is BDM-API-NETWORK-TAG-TYPE (rules/nova/networks.ts).
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

const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt22', 'legacy-v2-all-unknown.json'), 'utf8')) as Labelled[];

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
