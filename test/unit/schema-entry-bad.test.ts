/**
 * The schema layer writes which entries and fields have an error while it maps ajv's errors
 * (rules/schema.ts runSchema's `out.entryBad`, from each error's segments), and judging would otherwise read
 * the same from the findings' paths (rules/nova schemaBadEntries): both must say the same, on
 * seeded random bodies whose entries break the schema in many places, in both lists. Each
 * finding's path is also checked against the pointer read the slow way (the entry pointers take
 * a faster read, rules/schema.ts entrySegs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSchema, type EntryBad } from '../../server/src/rules/schema';
import { schemaBadEntries } from '../../server/src/rules/nova';
import { parseJson } from '../../server/src/parse/json';
import { jsonSource } from '../../server/src/source/registry';
import { rng } from '../../scripts/prng.mjs';

const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
const VALID = { source_type: 'volume', destination_type: 'volume', uuid: UUID, boot_index: -1 };
const LEGACY = { volume_id: UUID, device_name: 'vdb' };

function broken(next: () => number, base: Record<string, unknown>): Record<string, unknown> {
  const e: Record<string, unknown> = { ...base };
  const faults = [
    () => { e.boot_index = 'first'; },
    () => { e.volume_size = '0'; },
    () => { e.volume_size = -3; },
    () => { e.source_type = 'disk'; },
    () => { e.delete_on_termination = 'maybe'; },
    () => { e.device_name = 'bad name'; },
    () => { e['a/b~c'] = 1; },
    () => { e['x]y'] = 2; },
    () => { e.tag = 'x'; },
    () => { e.uuid = 5; },
    () => { e.destination_type = ['local']; },
    () => { e.volume_type = { deep: [1, { x: 'y' }] }; },
    () => { e.no_device = 'sure'; },
  ];
  const n = 1 + Math.floor(next() * 3);
  for (let i = 0; i < n; i++) faults[Math.floor(next() * faults.length)]();
  return e;
}

const nonEntry = (next: () => number) => (next() < 0.2 ? 'not an entry' : next() < 0.5 ? [1, 'two'] : null);

test('runSchema\'s entryBad says what schemaBadEntries reads from the paths (seeded bodies, both lists)', { timeout: 60_000 }, () => {
  const next = rng(4242);
  let seen = 0;
  for (let round = 0; round < 120; round++) {
    const n = 1 + Math.floor(next() * 7);
    const list = (base: Record<string, unknown>) => Array.from({ length: n }, () => (next() < 0.1 ? nonEntry(next) : next() < 0.7 ? broken(next, base) : { ...base }));
    const server: Record<string, unknown> = { name: 'x', flavorRef: '1' };
    const which = next();
    if (which < 0.6) server.block_device_mapping_v2 = list(VALID);
    else if (which < 0.85) server.block_device_mapping = list(LEGACY);
    else { server.block_device_mapping_v2 = list(VALID); server.block_device_mapping = list(LEGACY); }
    if (next() < 0.3) server.metadata = { 'k/~': 5 };
    if (next() < 0.2) server.min_count = '0';
    const mv = ['2.1', '2.32', '2.42', '2.67', '2.0'][Math.floor(next() * 5)];
    const text = JSON.stringify({ server }, null, 2);
    const doc = jsonSource('server', { text, root: parseJson(text).root!, microversion: mv });
    const out: { entryBad?: EntryBad } = {};
    const found = runSchema({ kind: 'server', microversion: mv, doc }, out);
    assert.deepEqual(out.entryBad, schemaBadEntries(found), text);
    seen += found.length;
    for (const f of found) {
      if (f.entry === null) continue;
      // the path names the entry's list and index, as the entry's own findings are read back
      const m = /^server\.(block_device_mapping(?:_v2)?)\[(\d+)\]/.exec(f.path);
      assert.ok(m, f.path);
      assert.equal(Number(m[2]), f.entry, f.path);
      const entries = server[m[1]] as unknown[];
      assert.ok(f.entry < entries.length, f.path);
    }
  }
  assert.ok(seen > 200, `only ${seen} findings: the bodies do not break the schema enough`);
});

test('runSchema writes entryBad when asked, one list per entry and field', () => {
  const text = JSON.stringify({ server: { name: 'x', flavorRef: '1', block_device_mapping_v2: [{ ...VALID, boot_index: 'first' }, VALID, { ...VALID, boot_index: 'x', volume_size: '0', extra: 1 }] } });
  const doc = jsonSource('server', { text, root: parseJson(text).root!, microversion: '2.1' });
  const out: { entryBad?: EntryBad } = {};
  const found = runSchema({ kind: 'server', microversion: '2.1', doc }, out);
  assert.deepEqual(out.entryBad?.v1, []);
  assert.deepEqual(out.entryBad?.v2[0], ['', '.boot_index']);
  assert.equal(out.entryBad?.v2[1], undefined);
  assert.deepEqual([...(out.entryBad?.v2[2] ?? [])].sort(), ['', '.boot_index', '.extra', '.volume_size']);
  // without `out`, the same findings
  assert.deepEqual(runSchema({ kind: 'server', microversion: '2.1', doc }).map((f) => f.path), found.map((f) => f.path));
});
