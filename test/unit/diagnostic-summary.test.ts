/**
 * Issue 16 (friction): Nova's schema messages put the key words last ("… 'tag' was unexpected")
 * and a panel cuts them off. Each schema diagnostic carries a summary with the field and the
 * complaint first (the value's repr shortened), and keeps Nova's exact words in novaMessage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';

const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const body = (extra: Record<string, unknown>) => JSON.stringify({ server: { name: 's', flavorRef: '1', block_device_mapping_v2: [{ boot_index: 0, uuid: VOL, source_type: 'volume', destination_type: 'volume', ...extra }] } });

test('an unexpected key: the field and the key first, at which microversion; Nova\'s words kept whole', () => {
  const d = analyzeJson(body({ tag: 'root' }), defaultContext()).diagnostics.find((x) => x.code === 'BDM-SCHEMA-TAG-MICROVERSION')!;
  assert.equal(d.summary, "server.block_device_mapping_v2[0]: 'tag' was unexpected (not allowed at microversion 2.1)");
  assert.match(d.novaMessage, /^Invalid input for field\/attribute 0\. Value: \{.*\}\. Additional properties are not allowed \('tag' was unexpected\)$/);
});

test('a long value is cut in the summary, never in Nova\'s words', () => {
  const long = 'x'.repeat(200);
  const d = analyzeJson(body({ volume_size: long }), defaultContext()).diagnostics.find((x) => x.code === 'BDM-SCHEMA-VOLUME-SIZE')!;
  assert.ok(d.summary!.startsWith("server.block_device_mapping_v2[0].volume_size: 'xxxx"));
  assert.ok(d.summary!.length < 120, d.summary);
  assert.ok(d.summary!.includes('…'));
  assert.ok(d.novaMessage.includes(long), 'Nova prints the value whole');
});

test('a rule that is not a schema error has no summary (its words are short already)', () => {
  const d = analyzeJson(JSON.stringify({ server: { name: 's', flavorRef: '1', block_device_mapping_v2: [{ uuid: VOL, source_type: 'volume', destination_type: 'volume', boot_index: 1 }] } }), defaultContext()).diagnostics.find((x) => x.code === 'BDM-COMPUTE-BOOT-SEQUENCE')!;
  assert.equal(d.summary, undefined);
  assert.equal(JSON.parse(JSON.stringify(d)).summary, undefined);
});
