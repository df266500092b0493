/**
 * A document judged on the server's thread gets its entry hovers ready after its diagnostics, as
 * the document worker does for its documents (lsp/services.ts prepareLater): once the messages
 * already queued are read, and only while the version judged is still the document's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node';
import { Services } from '../../server/src/lsp/services';
import type { DocState } from '../../server/src/features/requests';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const body = (name: string) => JSON.stringify({ server: { name, flavorRef: '1', block_device_mapping_v2: Array.from({ length: 5 }, (_, i) => (i === 0 ? { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 } : { source_type: 'blank', destination_type: 'volume', volume_size: i, boot_index: -1 })) } }, null, 2);

/** Services on a connection that is never used (no client settings: the defaults) */
function services(): Services {
  const s = new Services({ console: { error: () => {} } } as unknown as Connection);
  s.initialize({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
  return s;
}
const open = (s: Services, doc: TextDocument) => (s.documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(doc.uri, doc);
const judged = (s: Services, uri: string) => (s as unknown as { analyses: Map<string, DocState & { version: number }> }).analyses.get(uri);
const turn = () => new Promise((r) => setImmediate(r));

test('after a small document\'s diagnostics its entry hovers are made ready, once the queued messages are read', async () => {
  const s = services();
  const doc = TextDocument.create('file:///w/a.json', 'json', 1, body('a'));
  open(s, doc);
  const diagnostics = await s.ask(doc, 'diagnostics', { max: 1000 });
  assert.ok(diagnostics.length > 0);
  assert.equal(judged(s, doc.uri)?.entryPreviewGround?.ground, undefined, 'not before the queued messages are read');
  await turn();
  assert.ok(judged(s, doc.uri)?.entryPreviewGround?.ground, 'ready after');
  assert.equal(judged(s, doc.uri)?.preview, undefined, 'the entries\' shared part only, not the whole preview');
  // the hover then writes its entry from it, as it would have without it
  const hover = await s.ask(doc, 'hover', { offset: doc.getText().indexOf('"blank"') });
  assert.match(hover?.markdown ?? '', /<disk/);
});

test('a version that is no longer the document\'s is not made ready', async () => {
  const s = services();
  const v1 = TextDocument.create('file:///w/b.json', 'json', 1, body('b'));
  open(s, v1);
  await s.ask(v1, 'diagnostics', { max: 1000 });
  // a newer version arrives before the queued messages are read
  open(s, TextDocument.create(v1.uri, 'json', 2, body('bb')));
  await turn();
  assert.equal(judged(s, v1.uri)?.version, 1);
  assert.equal(judged(s, v1.uri)?.entryPreviewGround?.ground, undefined);
  // nor does a request other than the diagnostics
  const v3 = TextDocument.create(v1.uri, 'json', 3, body('bbb'));
  open(s, v3);
  await s.ask(v3, 'symbols', {} as never);
  await turn();
  assert.equal(judged(s, v1.uri)?.version, 3);
  assert.equal(judged(s, v1.uri)?.entryPreviewGround?.ground, undefined, 'only after diagnostics');
});
