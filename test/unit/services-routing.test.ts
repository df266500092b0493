/**
 * Which thread judges a document (lsp/documentWorker.ts inWorker, lsp/services.ts): up to
 * WORKER_MIN_CHARS always the server's own; past THREAD_MAX_CHARS always the worker; between,
 * a JSON document on the server's own until a judging there makes more than THREAD_MAX_FINDINGS
 * findings or an edit's takes over the budget, any other language in the worker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node';
import { Services } from '../../server/src/lsp/services';
import { inWorker, THREAD_MAX_CHARS, THREAD_MAX_FINDINGS, WORKER_MIN_CHARS } from '../../server/src/lsp/documentWorker';

test('inWorker: short documents on the thread, long ones in the worker, the ones between in the worker once slow; a fixed threshold is the whole rule', () => {
  assert.ok(WORKER_MIN_CHARS < THREAD_MAX_CHARS);
  for (const slow of [false, true]) {
    assert.equal(inWorker(0, slow), false);
    assert.equal(inWorker(WORKER_MIN_CHARS, slow), false);
    assert.equal(inWorker(THREAD_MAX_CHARS + 1, slow), true);
    assert.equal(inWorker(WORKER_MIN_CHARS + 1, slow), slow);
    assert.equal(inWorker(THREAD_MAX_CHARS, slow), slow);
    // BDM_LAB_WORKER_MIN_CHARS (tests): every document longer than it, slow or not
    assert.equal(inWorker(1, slow, 0), true);
    assert.equal(inWorker(0, slow, 0), false);
    assert.equal(inWorker(THREAD_MAX_CHARS + 1, slow, 1e15), false);
  }
});

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
/** a body just past WORKER_MIN_CHARS */
function longBody(name: string): string {
  const entries: object[] = [{ source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 }];
  let text = '';
  for (let i = 1; text.length <= WORKER_MIN_CHARS; i += 200) {
    for (let k = 0; k < 200; k++) entries.push({ source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 });
    text = JSON.stringify({ server: { name, flavorRef: '1', block_device_mapping_v2: entries } }, null, 2);
  }
  return text;
}

function services(): Services {
  const s = new Services({ console: { error: () => {} } } as unknown as Connection);
  s.initialize({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
  return s;
}
const open = (s: Services, doc: TextDocument) => (s.documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(doc.uri, doc);
const internals = (s: Services) => s as unknown as { analyses: Map<string, { version: number }>; slowOnThread: Set<string> };

test('a document past WORKER_MIN_CHARS is judged on the thread; an edit judged over the budget moves it to the worker (its first judging is not counted)', async () => {
  const s = services();
  // no edit can be judged within a budget below zero
  s.threadBudgetMs = -1;
  const v1 = TextDocument.create('file:///w/long.json', 'json', 1, longBody('a'));
  assert.ok(v1.getText().length > WORKER_MIN_CHARS && v1.getText().length <= THREAD_MAX_CHARS);
  open(s, v1);
  await s.ask(v1, 'diagnostics', { max: 1000 });
  assert.equal(internals(s).analyses.get(v1.uri)?.version, 1, 'judged on the thread');
  assert.equal(internals(s).slowOnThread.has(v1.uri), false, 'the first judging (cold code) is not counted');
  const v2 = TextDocument.create(v1.uri, 'json', 2, longBody('b'));
  open(s, v2);
  await s.ask(v2, 'diagnostics', { max: 1000 });
  assert.equal(internals(s).analyses.get(v1.uri)?.version, 2, 'the edit judged on the thread');
  assert.equal(internals(s).slowOnThread.has(v1.uri), true, 'over the budget: the worker judges it from now on');
  const asked: string[] = [];
  (s as unknown as { worker: object }).worker = { available: true, close: () => {}, request: async (d: { uri: string; version: number }, method: string) => { asked.push(`${d.version} ${method}`); return null; } };
  await s.ask(v2, 'hover', { offset: 10 });
  assert.deepEqual(asked, ['2 hover'], 'the next request goes to the worker');
  assert.equal(internals(s).analyses.has(v1.uri), false, 'and the thread keeps no analysis of it');
  s.forget(v1.uri);
  assert.equal(internals(s).slowOnThread.has(v1.uri), false, 'forgotten when closed');
});

test('within the budget a long document stays on the thread; a short one is never moved', async () => {
  const s = services();
  s.threadBudgetMs = Number.POSITIVE_INFINITY;
  const long1 = TextDocument.create('file:///w/long2.json', 'json', 1, longBody('a'));
  open(s, long1);
  await s.ask(long1, 'diagnostics', { max: 1000 });
  const long2 = TextDocument.create(long1.uri, 'json', 2, longBody('b'));
  open(s, long2);
  await s.ask(long2, 'diagnostics', { max: 1000 });
  assert.equal(internals(s).slowOnThread.has(long1.uri), false);
  s.threadBudgetMs = -1;
  const short = (v: number) => TextDocument.create('file:///w/short.json', 'json', v, JSON.stringify({ server: { name: `s${v}`, flavorRef: '1' } }));
  for (const v of [1, 2]) {
    open(s, short(v));
    await s.ask(short(v), 'diagnostics', { max: 1000 });
  }
  assert.equal(internals(s).slowOnThread.has('file:///w/short.json'), false, 'up to WORKER_MIN_CHARS: always the thread');
});

test('a long document of another language than JSON is not judged on the thread, within the budget or not', async () => {
  const s = services();
  s.threadBudgetMs = Number.POSITIVE_INFINITY;
  const disks = Array.from({ length: 2500 }, (_, i) => `    <disk type="file" device="disk"><source file="/var/lib/libvirt/images/d${i}.qcow2"/><target dev="vd${i}" bus="virtio"/></disk>`).join('\n');
  const xml = TextDocument.create('file:///w/domain.xml', 'xml', 1, `<domain type="kvm">\n  <name>d</name>\n  <devices>\n${disks}\n  </devices>\n</domain>\n`);
  assert.ok(xml.getText().length > WORKER_MIN_CHARS && xml.getText().length <= THREAD_MAX_CHARS);
  open(s, xml);
  // a stand-in for the worker thread: it says which requests it was given
  const asked: string[] = [];
  (s as unknown as { worker: object }).worker = { available: true, request: async (d: { uri: string }, method: string) => { asked.push(`${d.uri} ${method}`); return []; } };
  await s.ask(xml, 'diagnostics', { max: 1000 });
  assert.deepEqual(asked, [`${xml.uri} diagnostics`]);
  assert.equal(internals(s).analyses.has(xml.uri), false, 'not judged on the thread');
  // the same text as JSON (a body of that length) stays on the thread
  const json = TextDocument.create('file:///w/long3.json', 'json', 1, longBody('c'));
  open(s, json);
  await s.ask(json, 'diagnostics', { max: 1000 });
  assert.deepEqual(asked, [`${xml.uri} diagnostics`]);
  assert.equal(internals(s).analyses.has(json.uri), true);
});

test('a long body with more than THREAD_MAX_FINDINGS findings moves to the worker after its first judging, however fast', async () => {
  const s = services();
  s.threadBudgetMs = Number.POSITIVE_INFINITY;
  const nulls = Array.from({ length: 1200 }, () => ({ source_type: null, destination_type: null, uuid: null, boot_index: null, device_name: null, volume_size: null }));
  const doc = TextDocument.create('file:///w/nulls.json', 'json', 1, JSON.stringify({ server: { name: 'n', flavorRef: '1', block_device_mapping_v2: nulls } }, null, 2));
  assert.ok(doc.getText().length > WORKER_MIN_CHARS && doc.getText().length <= THREAD_MAX_CHARS);
  open(s, doc);
  await s.ask(doc, 'diagnostics', { max: 1000 });
  assert.ok((internals(s).analyses.get(doc.uri) as unknown as { analysis: { diagnostics: unknown[] } }).analysis.diagnostics.length > THREAD_MAX_FINDINGS);
  assert.equal(internals(s).slowOnThread.has(doc.uri), true);
});
