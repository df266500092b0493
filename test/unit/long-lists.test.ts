/**
 * Request-wide findings about thousands of entries stay readable: the boot-sequence explanation
 * lists a long sequence by its ends, its length and where it first goes wrong (it listed every
 * index twice: 678 KB for 50 000 entries), and a diagnostic names at most MAX_RELATED related
 * places (the first ones), whichever rule made it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { MAX_RELATED } from '../../server/src/model/diagnostic';

const U = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;
function bootSequence(indexes: number[]) {
  const text = JSON.stringify({ server: { name: 'x', flavorRef: '1', block_device_mapping_v2: indexes.map((b, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: U(i), boot_index: b })) } }, null, 2);
  const a = analyzeJson(text, defaultContext());
  const d = a.diagnostics.find((x) => x.code === 'BDM-COMPUTE-BOOT-SEQUENCE');
  assert.ok(d, 'the body is refused for its boot sequence');
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-BOOT-SEQUENCE');
  return d;
}

test('a short boot sequence is listed whole, with the expected one', () => {
  const d = bootSequence([0, 2]);
  assert.match(d.explanation, /the bootable indexes are 0, 2; expected 0, 1\.$/);
  assert.equal(d.related.length, 1);
});

test('a long boot sequence is told by its ends, its length and its first index out of place', () => {
  const d = bootSequence(Array.from({ length: 150 }, (_, i) => i + 1));
  assert.match(d.explanation, /the 150 bootable indexes are 1, 2, 3, 4, …, 149, 150; expected 0, 1, 2, 3, …, 148, 149; the first out of place is 1 where 0 is expected\.$/);
  assert.ok(d.message.length < 500, `message of ${d.message.length} characters`);
  const dup = bootSequence([...Array.from({ length: 20 }, (_, i) => i), 20, 20]);
  assert.match(dup.explanation, /the first out of place is 20 where 21 is expected\.$/);
});

test(`a diagnostic names at most ${MAX_RELATED} related places, the first ones`, () => {
  const d = bootSequence(Array.from({ length: 150 }, (_, i) => i + 1));
  assert.equal(d.related.length, MAX_RELATED);
  // the blame is the entry past the expected range (boot_index 150); the others follow in order
  assert.deepEqual(d.related.slice(0, 3).map((r) => r.message), ['boot_index 1', 'boot_index 2', 'boot_index 3']);
  assert.equal(d.related[MAX_RELATED - 1].message, `boot_index ${MAX_RELATED}`);
});
