/**
 * features/requests.ts answers every editor request as plain data (offset spans, no class
 * instances), the same on the server's thread and in the document worker; the worker's store
 * answers a request only for the version it holds; the server's side of the worker answers every
 * pending request when the worker ends or dies (a death logged once).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext, type Context } from '../../server/src/model/context';
import { prepareEntryHovers, PREPARE_MAX_ENTRIES, runRequest, REQUEST_METHODS, type DocState, type LabInfo, type RequestMethod, type Requests } from '../../server/src/features/requests';
import { DocumentStore, type DocInputs } from '../../server/src/lsp/workerThread';
import { LazyNode } from '../../server/src/parse/lazyTree';
import { DocumentWorker, Cancelled } from '../../server/src/lsp/documentWorker';
import { resolveLabHost } from '../../server/src/lsp/labHosts';
import { nodeHashes } from '../../server/src/host';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const context: Context = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } };
const text = JSON.stringify({ server: { name: 'r', flavorRef: '1', block_device_mapping_v2: [
  { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 },
  { source_type: 'blank', destination_type: 'volume', boot_index: 0 },
] } }, null, 2);
const resolved = resolveLabHost('default', null);
const lab: LabInfo = { name: resolved.name, labHost: resolved.labHost, problem: resolved.problem };

function state(t = text): DocState {
  return { text: t, analysis: analyzeDocument(t, 'json', context), context, tooLarge: false, lab, hashes: nodeHashes };
}

/** plain data: only objects, arrays and primitives, all the way down (what postMessage keeps) */
function assertPlain(v: unknown, where = 'answer'): void {
  if (v === null || typeof v !== 'object') {
    assert.notEqual(typeof v, 'function', where);
    return;
  }
  const proto = Object.getPrototypeOf(v);
  assert.ok(proto === Object.prototype || proto === Array.prototype, `${where} is a ${proto?.constructor?.name}`);
  for (const [k, x] of Object.entries(v)) assertPlain(x, `${where}.${k}`);
}

const PARAMS: { [M in RequestMethod]: Requests[M]['params'] } & { hover: { offset: number } } = {
  diagnostics: { max: 1000 },
  hover: { offset: text.indexOf('{', text.indexOf('[')) },
  completion: { offset: text.indexOf('"blank"') + 1 },
  symbols: {},
  codeLens: { uri: 'file:///r.json', trusted: true },
  codeAction: { diagnostics: [{ code: 'BDM-COMPUTE-BOOT-SEQUENCE', offset: 0 }], refactor: true },
  codeActionEdits: { diagnostic: { code: 'BDM-COMPUTE-BOOT-SEQUENCE', offset: 0 }, title: 'Renumber boot indexes into 0..n-1' },
  preview: {},
  kind: {},
  sends: {},
  schemaCheckWanted: {},
  simulateBoot: { lab: lab.labHost!, opts: {} },
};

test('every request answers plain data that survives structured cloning unchanged', () => {
  for (const m of REQUEST_METHODS) {
    const answer = runRequest(state(), m, PARAMS[m]);
    assertPlain(answer, m);
    assert.deepEqual(structuredClone(answer), answer, m);
  }
});

test('answers on a body: entry hover with the driver class, one symbol and lens per entry, a boot lens, a quick fix for the boot sequence', () => {
  const s = state();
  const h = runRequest(s, 'hover', PARAMS.hover)!;
  assert.match(h.markdown, /DriverVolImageBlockDevice/);
  assert.equal(h.span.offset, PARAMS.hover.offset);
  assert.deepEqual(runRequest(s, 'symbols', {}).map((x) => x.name), ['#0 image→volume boot 0 10 GiB', '#1 blank→volume boot 0']);
  const lenses = runRequest(s, 'codeLens', PARAMS.codeLens);
  assert.deepEqual(lenses.map((l) => l.command), ['bdmLab.simulateAttach', 'bdmLab.previewDomainDisks', 'bdmLab.previewDomainDisks']);
  assert.equal(runRequest(s, 'codeLens', { uri: 'file:///r.json', trusted: false }).length, 2, 'no Simulate Attach untrusted');
  const actions = runRequest(s, 'codeAction', PARAMS.codeAction);
  assert.ok(actions.some((a) => a.kind === 'quickfix' && a.diagnostic === 0 && /Renumber/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
  assert.equal(runRequest(s, 'kind', {}), 'server');
  assert.ok('error' in runRequest(s, 'simulateBoot', PARAMS.simulateBoot), 'a refused body is not simulated');
  // the hover on an entry computes that entry's preview only (kept for this version); the preview
  // request computes the whole one once, and later hovers read it
  assert.equal(s.preview, undefined, 'a hover does not write every disk');
  assert.ok(s.entryPreviews?.get(0));
  runRequest(s, 'preview', {});
  const p = s.preview;
  assert.ok(p);
  runRequest(s, 'preview', {});
  assert.equal(s.preview, p);
  assert.equal(runRequest(s, 'hover', PARAMS.hover)!.markdown, h.markdown, 'the same hover from the whole preview');
  assert.equal(s.preview, p);
});

test('sends: who sends each request of a template or script and at which microversion (the status item shows it, not the context\'s)', () => {
  assert.deepEqual(runRequest(state(), 'sends', {}), [], 'a JSON body is sent by no tool');
  const heat = 'heat_template_version: 2021-04-16\nresources:\n  vm:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      block_device_mapping_v2:\n        - image: cirros\n          boot_index: 0\n          volume_size: 10\n';
  const h = { ...state(), text: heat, analysis: analyzeDocument(heat, 'yaml', context) };
  const sent = runRequest(h, 'sends', {});
  assert.equal(sent.length, 1);
  assert.match(sent[0]!.tool, /^Heat .*OS::Nova::Server.* vm/);
  assert.equal(sent[0]!.microversion, '2.92', 'Heat\'s own microversion, not the context\'s 2.1');
  assert.equal(context.microversion, '2.1');
  const osc = 'openstack --os-compute-api-version 2.67 server create --flavor m1 --block-device source_type=image,uuid=' + IMG + ',destination_type=volume,volume_size=10,boot_index=0 vm\n';
  const o = { ...state(), text: osc, analysis: analyzeDocument(osc, 'shell', context) };
  assert.deepEqual(runRequest(o, 'sends', {}).map((x) => x.microversion), ['2.67']);
});

test('a document over the size limit answers nothing', () => {
  const s = { ...state(), tooLarge: true };
  assert.equal(runRequest(s, 'hover', PARAMS.hover), null);
  assert.deepEqual(runRequest(s, 'completion', PARAMS.completion), []);
});

const inputs: DocInputs = { language: 'json', context, opts: {}, lab };

test('the worker\'s store answers only the version and inputs it holds; a failing request is an error answer', () => {
  const store = new DocumentStore();
  const req = (id: number, version: number, key = 'k', method: 'symbols' | 'hover' = 'symbols', params: unknown = {}) => store.answer({ type: 'req', id, uri: 'u', version, key, method, params });
  assert.deepEqual(req(1, 1), { id: 1, stale: true }, 'nothing held yet');
  store.apply({ type: 'doc', uri: 'u', version: 2, key: 'k', text, inputs });
  assert.deepEqual(req(2, 1), { id: 2, stale: true }, 'an older version');
  assert.deepEqual(req(3, 2, 'other'), { id: 3, stale: true }, 'other inputs');
  const ok = req(4, 2);
  assert.ok('ok' in ok && ok.ok && Array.isArray(ok.result) && ok.result.length === 2);
  const bad = req(5, 2, 'k', 'hover', null);
  assert.ok('ok' in bad && !bad.ok && /TypeError/.test(bad.error), JSON.stringify(bad));
  store.apply({ type: 'close', uri: 'u' });
  assert.deepEqual(req(6, 2), { id: 6, stale: true }, 'closed');
  assert.equal(store.size, 0);
});

/**
 * The server's side of the worker with a stand-in worker script (`source`, CommonJS): `body` gets
 * the client and a document of `text`; the script's folder is removed after.
 */
async function withWorkerScript(source: string, body: (w: DocumentWorker, logged: string[], doc: { uri: string; version: number; key: string; text: () => string; inputs: () => DocInputs }) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-worker-'));
  const alive = setInterval(() => {}, 1000); // the worker thread is unref'd: keep the test running
  try {
    const script = join(dir, 'worker.js');
    writeFileSync(script, source + '\n');
    const logged: string[] = [];
    await body(new DocumentWorker((m) => logged.push(m), script), logged, { uri: 'u', version: 1, key: 'k', text: () => text, inputs: () => inputs });
  } finally {
    clearInterval(alive);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the server\'s side of the worker: a dead worker answers every pending request (Cancelled) and is logged once; the next request starts another', { timeout: 60_000 }, async () => {
  // a worker that dies on its first request
  await withWorkerScript("require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'req') process.exit(3); });", async (w, logged, doc) => {
    const answers = await Promise.allSettled([w.request(doc, 'symbols', {}), w.request(doc, 'hover', { offset: 0 })]);
    assert.deepEqual(answers.map((a) => a.status === 'rejected' && a.reason instanceof Cancelled), [true, true]);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /bdm-lab: document worker failed: it exited \(3\)/);
    await assert.rejects(w.request(doc, 'symbols', {}), Cancelled);
    assert.equal(w.starts, 2);
    w.dispose();
  });
});

test('the server\'s side of the worker: a newer version of the document being worked on ends the worker, its requests are answered', { timeout: 60_000 }, async () => {
  // a worker that never answers (busy forever)
  await withWorkerScript("require('node:worker_threads').parentPort.on('message', () => {});", async (w, logged, doc) => {
    const pending = w.request(doc, 'symbols', {});
    w.superseded('other', 5);
    w.superseded('u', 1);
    assert.equal(w.starts, 1, 'not the document worked on, or not newer: the worker stays');
    w.superseded('u', 2);
    await assert.rejects(pending, Cancelled);
    assert.deepEqual(logged, [], 'a cancellation is not a failure');
    w.dispose();
  });
});

test('the server\'s side of the worker: an early judging (lsp/earlyJudging.ts) is let finish when a newer version arrives; an ordinary request is not', { timeout: 60_000 }, async () => {
  // a worker that holds its requests' answers until a 'close' message comes
  await withWorkerScript("const { parentPort } = require('node:worker_threads'); const held = []; parentPort.on('message', (m) => { if (m.type === 'req') held.push(m.id); if (m.type === 'close') for (const id of held.splice(0)) parentPort.postMessage({ id, ok: true, result: 'judged ' + id }); });", async (w, _logged, doc) => {
    const early = w.request(doc, 'symbols', {}, true);
    w.superseded('u', 2);
    assert.equal(w.starts, 1);
    // the worker is still the same: releasing it answers the early request
    w.close('other-never-sent');
    (w as unknown as { worker: import('node:worker_threads').Worker }).worker.postMessage({ type: 'close', uri: 'x' });
    assert.equal(await early, 'judged 1');
    assert.equal(w.starts, 1, 'the worker was not restarted');
    // the same with an ordinary request: the worker is ended and the answer cancelled
    const plain = w.request({ ...doc, version: 2 }, 'symbols', {});
    w.superseded('u', 3);
    await assert.rejects(plain, Cancelled);
    const next = w.request({ ...doc, version: 3 }, 'symbols', {});
    assert.equal(w.starts, 2, 'a new worker for the newer version');
    w.dispose();
    await assert.rejects(next, Cancelled);
  });
});

test('the worker\'s store gets the entry hovers ready after diagnostics: the ground is worked out then, and every entry\'s hover is the one worked out on demand', () => {
  const entries = Array.from({ length: 6 }, (_, i) => (i === 0 ? { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 } : { source_type: 'blank', destination_type: 'volume', volume_size: i, boot_index: -1 }));
  const body = JSON.stringify({ server: { name: 'p', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2);
  const at = (n: number) => { let o = -1; for (let k = 0; k <= n; k++) o = body.indexOf('"source_type"', o + 1); return o; };
  const hovers = (prepare: boolean) => {
    const store = new DocumentStore();
    store.apply({ type: 'doc', uri: 'u', version: 1, key: 'k', text: body, inputs });
    store.answer({ type: 'req', id: 1, uri: 'u', version: 1, key: 'k', method: 'diagnostics', params: { max: 1000 } });
    const held = (store as unknown as { docs: Map<string, { state: DocState | null }> }).docs.get('u')!;
    const ground = () => held.state?.entryPreviewGround?.ground;
    assert.ok(!ground(), 'nothing worked out before');
    if (prepare) {
      store.prepare('u');
      assert.ok(ground(), 'the ground is worked out by prepare');
      assert.equal(held.state?.preview, undefined, 'not the whole preview');
    }
    return entries.map((_, i) => store.answer({ type: 'req', id: 2 + i, uri: 'u', version: 1, key: 'k', method: 'hover', params: { offset: at(i) } }));
  };
  const ready = hovers(true);
  assert.ok(ready.every((h) => 'ok' in h && h.ok && /<disk/.test((h.result as { markdown: string }).markdown)), JSON.stringify(ready[1]).slice(0, 300));
  assert.deepEqual(ready, hovers(false));
  new DocumentStore().prepare('nothing held'); // a document not held: nothing to do, no throw
});

test('a body of more than PREPARE_MAX_ENTRIES entries gets no ground worked out ahead (the first hover works it out)', { timeout: 120_000 }, () => {
  const many = (n: number) => JSON.stringify({ server: { name: 'p', flavorRef: '1', block_device_mapping_v2: Array.from({ length: n }, (_, i) => (i === 0 ? { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 } : { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 })) } });
  const ready = (n: number) => {
    const s = state(many(n));
    prepareEntryHovers(s);
    return !!s.entryPreviewGround?.ground;
  };
  assert.equal(ready(PREPARE_MAX_ENTRIES), true);
  assert.equal(ready(PREPARE_MAX_ENTRIES + 1), false);
});

test('codeAction listed lazily: costly edits left out (resolve set), codeActionEdits gives the edit the eager list holds; a title no longer offered gives null', () => {
  const oneLine = JSON.stringify({ server: { name: 'r', flavorRef: '1', block_device_mapping_v2: [
    { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 },
    { source_type: 'blank', destination_type: 'volume', boot_index: 0, volume_size: 1, extra: 1 },
  ] } });
  const s = state(oneLine);
  const refs = s.analysis.diagnostics.map((d) => ({ code: d.code, offset: d.span.offset }));
  const eager = runRequest(s, 'codeAction', { diagnostics: refs, refactor: true });
  const lazy = runRequest(state(oneLine), 'codeAction', { diagnostics: refs, refactor: true, lazy: true });
  assert.deepEqual(lazy.map((a) => a.title), eager.map((a) => a.title));
  const remove = lazy.find((a) => a.title === 'Remove "extra"');
  assert.ok(remove, JSON.stringify(lazy.map((a) => a.title)));
  assert.equal(remove.resolve, true);
  assert.deepEqual(remove.edits, []);
  const want = eager.find((a) => a.title === 'Remove "extra"')!.edits;
  assert.ok(want.length > 0);
  const ref = refs[remove.diagnostic!]!;
  assert.deepEqual(runRequest(state(oneLine), 'codeActionEdits', { diagnostic: ref, title: remove.title }), want);
  assert.equal(runRequest(state(oneLine), 'codeActionEdits', { diagnostic: ref, title: 'Remove "other"' }), null);
  // cheap edits (the renumbering, worked out to know whether there is one) stay in the list
  const renumber = lazy.find((a) => /^Renumber/.test(a.title));
  assert.ok(renumber && !renumber.resolve && renumber.edits.length > 0);
});

test('prepareEntryHovers places every entry in one walk: a hover then walks only its own entry', () => {
  const entries = Array.from({ length: 6 }, (_, i) => (i === 0 ? { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 } : { source_type: 'blank', destination_type: 'volume', volume_size: i, boot_index: -1 }));
  const s = state(JSON.stringify({ server: { name: 'p', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2));
  const list = () => ((s.analysis.root!.children![0] as LazyNode).children![1] as LazyNode).children!.find((p) => (p as LazyNode).seg === 'block_device_mapping_v2') as LazyNode | undefined;
  const placed = () => ((list()?.children?.[1] as LazyNode | undefined)?.made() ?? []).map((e) => (e as LazyNode).isPlaced());
  prepareEntryHovers(s);
  assert.deepEqual(placed(), entries.map(() => true));
  const items = list()!.children![1].children!;
  assert.deepEqual(items.map((e) => s.text.slice(e.offset, e.offset + e.length)), entries.map((e) => JSON.stringify(e, null, 2).replace(/\n/g, '\n      ')));
});
