// Issue 16 item 1: a JSON file that is not a Nova body gets nothing from bdm-lab (not even for a
// typo), a body's syntax errors are not said twice (the editor's JSON support marks them), only
// what Python alone refuses is said; the bdm-* snippets come only where a body is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

const complete = (s, uri, line, character) => s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
const labels = (r) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);

test('another JSON file with a typo gets no diagnostic and no bdm snippet', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/other.json';
    await s.open(uri, '{"name": "not-nova", "items": [1, 2,, 3]}');
    const p = await s.waitDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
    await s.change(uri, 2, '{"name": "not-nova", "items": [1, 2, 3], }');
    assert.deepEqual((await s.waitDiagnostics(uri, (d) => d.version === 2)).diagnostics, []);
    assert.deepEqual(labels(await complete(s, uri, 0, 10)).filter((l) => l.startsWith('bdm-')), []);
  } finally {
    await s.stop();
  }
});

test('snippets in a body and in an empty file, as snippets; a too-deep body (Python refuses, JSON editors do not) is said', { timeout: 60_000 }, async () => {
  const s = await startServer({ settings: { files: ['**/*.bdm.json'] } });
  try {
    const empty = 'file:///tmp/new.json';
    await s.open(empty, '');
    await s.waitDiagnostics(empty);
    const r = await complete(s, empty, 0, 0);
    const items = Array.isArray(r) ? r : r.items;
    const server = items.find((i) => i.label === 'bdm-server');
    assert.ok(server, JSON.stringify(labels(r)));
    assert.equal(server.insertTextFormat, 2, 'inserted as a snippet');
    assert.equal(server.kind, 15, 'CompletionItemKind.Snippet');
    assert.match(server.insertText, /block_device_mapping_v2/);
    const body = 'file:///tmp/body.json';
    const text = '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [\n]}}';
    await s.open(body, text);
    await s.waitDiagnostics(body);
    assert.ok(labels(await complete(s, body, 1, 0)).includes('bdm-volume-root'));
    const deep = 'file:///tmp/deep.bdm.json';
    await s.open(deep, '['.repeat(3000) + ']'.repeat(3000));
    const d = await s.waitDiagnostics(deep, (x) => x.diagnostics.length > 0);
    assert.equal(d.diagnostics[0].code, 'BDM-JSON-SYNTAX');
    assert.match(d.diagnostics[0].message, /nested deeper than/);
  } finally {
    await s.stop();
  }
});
