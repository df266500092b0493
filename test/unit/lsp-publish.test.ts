// lsp/publish.ts: a publishDiagnostics notification put together from its items' kept JSON is
// byte for byte what vscode-jsonrpc's encoder writes (JSON.stringify, UTF-8), published lists or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver/node';
import { keepTexts, messageBytes } from '../../server/src/lsp/publish';

const diagnostic = (i: number, message: string): Diagnostic => ({
  range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
  severity: 1 + (i % 3) as 1 | 2 | 3,
  code: `BDM-${i}`,
  source: 'bdm-lab',
  message,
  data: { entry: i % 2 ? i : null, path: `server.block_device_mapping_v2[${i}]`, novaStatus: i % 2 ? 400 : null },
  relatedInformation: i % 3 ? [] : [{ location: { uri: 'file:///a%20b.json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, message: 'là "aussi"' }],
});

const plain = (m: object) => Buffer.from(JSON.stringify(m, undefined, 0), 'utf-8');

test('a published list\'s notification is the bytes JSON.stringify writes, again when its items are reused in the next publish', () => {
  const items = Array.from({ length: 50 }, (_, i) => diagnostic(i, i % 5 ? `message ${i}\nwith a line break` : 'é → ü \u2028 "quoted" \\ back'));
  for (let v = 1; v <= 3; v++) {
    // the next version reuses most items and adds one
    const list = keepTexts([...items.slice(v), diagnostic(100 + v, `new ${v}`)]);
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///tmp/x%C3%A9.bdm.json', version: v, diagnostics: list } };
    assert.deepEqual(Buffer.from(messageBytes(msg as Message)), plain(msg));
  }
  const empty = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///e.json', version: 7, diagnostics: keepTexts([]) } };
  assert.deepEqual(Buffer.from(messageBytes(empty as Message)), plain(empty));
});

test('any other message, or a list not marked, or another shape of params, is written by JSON.stringify', () => {
  const list = [diagnostic(1, 'a'), diagnostic(2, 'b')];
  const cases: object[] = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', version: 1, diagnostics: list } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: keepTexts([...list]) } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', version: undefined, diagnostics: keepTexts([...list]) } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { version: 1, uri: 'file:///a', diagnostics: keepTexts([...list]) } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', version: 1, diagnostics: keepTexts([...list]), extra: true } },
    { jsonrpc: '2.0', id: 3, result: { contents: { kind: 'markdown', value: 'é' } } },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } },
  ];
  for (const m of cases) assert.deepEqual(Buffer.from(messageBytes(m as Message)), plain(m), JSON.stringify(m));
});
