/** Key completion in an entry knows the entry: no `uuid` for a blank source (issue 16 friction). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { completeJson } from '../../server/src/features/completion';
import { defaultContext } from '../../server/src/model/context';

const keysAt = (source: string) => {
  const text = `{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "${source}", }]}}`;
  return completeJson(analyzeJson(text, defaultContext()), text, text.indexOf(', }') + 2, defaultContext()).map((c) => c.label);
};

test('a blank entry is not offered uuid (Nova refuses it); the other sources are, once', () => {
  assert.ok(!keysAt('blank').includes('uuid'));
  assert.ok(keysAt('blank').includes('volume_size'));
  for (const s of ['image', 'volume', 'snapshot']) {
    const keys = keysAt(s);
    assert.equal(keys.filter((k) => k === 'uuid').length, 1, s);
    assert.ok(!keys.includes('source_type'), 'a key already written is not offered again');
  }
});
