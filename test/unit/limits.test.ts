/** The editor's limits: documents over the size setting, and the cap on published problems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overSizeLimit, capDiagnostics, analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { analyzeJson, MAX_ENTRIES } from '../../server/src/analyze';

test('BDM-LIMIT-FILE-SIZE: a document over the limit gets one note naming the setting and both sizes, nothing else', () => {
  const d = overSizeLimit(9_437_184, 5_242_880);
  assert.deepEqual(d.map((x) => [x.code, x.severity]), [['BDM-LIMIT-FILE-SIZE', 'information']]);
  assert.match(d[0]!.message, /bdmLab\.maxFileSize/);
  assert.match(d[0]!.message, /9437184/);
  assert.match(d[0]!.message, /5242880/);
});
test('BDM-LIMIT-FILE-SIZE negative: a document at the limit gets no note (it is judged)', () => {
  assert.deepEqual(overSizeLimit(5_242_880, 5_242_880), []);
});

const server = (bdms: unknown[]) => JSON.stringify({ server: { name: 'a', flavorRef: '1', block_device_mapping_v2: bdms } });
test('BDM-LIMIT-ENTRIES: a body over the entry limit is refused unjudged, with one error naming both counts', () => {
  const a = analyzeJson(server(Array.from({ length: 11 }, () => ({ source_type: 'x' }))), defaultContext(), { maxEntries: 10 });
  assert.deepEqual(a.diagnostics.map((d) => [d.code, d.severity, d.novaStatus]), [['BDM-LIMIT-ENTRIES', 'error', null]]);
  assert.match(a.diagnostics[0]!.message, /at most 10 .*has 11/);
  assert.match(a.diagnostics[0]!.message, /max_request_body_size, 114688 bytes by default, with HTTP 413/, 'says what Nova itself does with such a body');
  assert.equal(a.valid, false);
  assert.equal(a.verdict, null, 'no Nova verdict is claimed');
  const bare = analyzeJson(JSON.stringify(Array.from({ length: 11 }, () => ({ source_type: 'volume', destination_type: 'volume' }))), defaultContext(), { maxEntries: 10 });
  assert.deepEqual(bare.diagnostics.map((d) => d.code), ['BDM-LIMIT-ENTRIES']);
});
test('BDM-LIMIT-ENTRIES negative: at the limit every entry is judged in Nova\'s order', () => {
  const a = analyzeJson(server(Array.from({ length: 10 }, () => ({ source_type: 'x' }))), defaultContext(), { maxEntries: 10 });
  assert.ok(!a.diagnostics.some((d) => d.code === 'BDM-LIMIT-ENTRIES'));
  assert.ok(a.diagnostics.length >= 10 && a.verdict !== null);
});
test('BDM-LIMIT-ENTRIES: a 1 000 000-entry body (3 MB, under the editor\'s size limit) is refused with the default limit', { timeout: 60_000 }, () => {
  const text = `{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [${Array.from({ length: 1_000_000 }, () => '{}').join(',')}]}}`;
  assert.ok(text.length < 5 * 1024 * 1024);
  const a = analyzeJson(text, defaultContext());
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['BDM-LIMIT-ENTRIES']);
  assert.match(a.diagnostics[0]!.message, new RegExp(`at most ${MAX_ENTRIES} .*has 1000000`));
  assert.deepEqual(a.entries, []);
});
test('BDM-LIMIT-RESULTS: more problems than the cap end with a note saying how many', () => {
  const bdms = Array.from({ length: 30 }, () => ({ source_type: 'bogus' }));
  const a = analyzeDocument(JSON.stringify({ server: { name: 'a', flavorRef: '1', block_device_mapping_v2: bdms } }), 'json', defaultContext());
  const c = capDiagnostics(a.diagnostics, 10);
  assert.equal(c.length, 11);
  assert.equal(c[10].code, 'BDM-LIMIT-RESULTS');
  assert.match(c[10].message, new RegExp(`first 10 of ${a.diagnostics.length} problems`));
});
test('BDM-LIMIT-RESULTS negative: under the cap nothing is added', () => {
  const a = analyzeDocument('{"volumeAttachment": {"volumeId": "x"}}', 'json', defaultContext());
  assert.deepEqual(capDiagnostics(a.diagnostics, 10), a.diagnostics);
});
