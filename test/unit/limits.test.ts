/** The editor's limits: documents over the size setting, and the cap on published problems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntaxOnly, capDiagnostics, analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

test('BDM-LIMIT-FILE-SIZE: a large body gets the note and its syntax errors only', () => {
  const d = syntaxOnly('{"server": {"name": "a", "block_device_mapping_v2": [{"boot_index": "x"}', 'json', 10);
  assert.equal(d[0].code, 'BDM-LIMIT-FILE-SIZE');
  assert.ok(d.slice(1).length > 0 && d.slice(1).every((x) => x.code === 'BDM-JSON-SYNTAX'));
  const x = syntaxOnly('<disk type="file"><source file="/x"/>', 'xml', 10);
  assert.deepEqual(x.map((p) => p.code), ['BDM-LIMIT-FILE-SIZE', 'LIBVIRT-XML-WELLFORMED']);
});
test('BDM-LIMIT-FILE-SIZE negative: a well-formed large body gets only the note (no rule runs)', () => {
  const d = syntaxOnly('{"server": {"block_device_mapping_v2": [{"boot_index": "x"}]}}', 'json', 10);
  assert.deepEqual(d.map((x) => x.code), ['BDM-LIMIT-FILE-SIZE']);
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
