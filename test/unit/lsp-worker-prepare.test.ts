/**
 * The document worker gets a version's entry hovers ready after its diagnostics one step at a
 * time (lsp/workerThread.ts DocumentStore.preparing, features/requests.ts entryHoverSteps): a
 * request that comes meanwhile is answered before the next step, a newer version of the document
 * ends the steps of the older one, and what is made ready changes no answer. Counted in steps and
 * answers, never in time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { defaultContext } from '../../server/src/model/context';
import { PREPARE_MAX_ENTRIES, type DocState } from '../../server/src/features/requests';
import { DocumentStore, serve, type DocInputs, type FromWorker, type ToWorker } from '../../server/src/lsp/workerThread';
import { LazyNode } from '../../server/src/parse/lazyTree';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
/** the bench's body: an image root, then volumes with device names */
function body(n: number, name = 'p'): string {
  const entries = Array.from({ length: n }, (_, i) => (i === 0
    ? { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0, delete_on_termination: true }
    : { source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}`.slice(0, 12) }));
  return JSON.stringify({ server: { name, flavorRef: '1', block_device_mapping_v2: entries } }, null, 2) + '\n';
}
const inputs: DocInputs = { language: 'json', context: defaultContext(), opts: {}, lab: { name: 'none', labHost: null, problem: null } };
/** the offset of entry k's `{` */
const entryAt = (t: string, k: number) => { let o = -1; for (let i = 0; i <= k; i++) o = t.indexOf('"source_type"', o + 1); return t.lastIndexOf('{', o); };
const req = (id: number, version: number, method: 'diagnostics' | 'hover', params: unknown): ToWorker => ({ type: 'req', id, uri: 'u', version, key: 'k', method, params });

/** A store that logs its answers and each step of its getting ready, and calls `onStep` after each step. */
class Probe extends DocumentStore {
  readonly log: string[] = [];
  onStep: (preparing: number, step: number) => void = () => {};
  private preparings = 0;
  override answer(m: Extract<ToWorker, { type: 'req' }>) {
    this.log.push(`answer ${m.method} v${m.version}`);
    return super.answer(m);
  }
  override *preparing(uri: string): Generator<void, void, void> {
    const p = ++this.preparings;
    let k = 0;
    for (const step of super.preparing(uri)) {
      this.log.push(`p${p} step ${k}`);
      this.onStep(p, k++);
      yield step;
    }
    this.log.push(`p${p} ready`);
  }
}

/**
 * Serves `store` on a channel, posts `messages` and gives the first `answers` answers, or fewer
 * when the probe took no step (nothing more will come: the worker answers within the message's turn).
 */
async function served(store: Probe, messages: ToWorker[], answers: number, during: (post: (m: ToWorker) => void) => void = () => {}): Promise<FromWorker[]> {
  const { port1, port2 } = new MessageChannel();
  serve(port1, store);
  during((m) => port2.postMessage(m));
  const got: FromWorker[] = [];
  try {
    return await new Promise<FromWorker[]>((resolve) => {
      port2.on('message', (m: FromWorker) => {
        got.push(m);
        if (got.length === answers || !store.log.some((l) => l.includes('step'))) resolve(got);
      });
      for (const m of messages) port2.postMessage(m);
    });
  } finally {
    port1.close();
    port2.close();
  }
}

test('a hover that comes while the worker gets the entry hovers ready is answered before the next step, and as without them', async () => {
  const text = body(100);
  const hover = req(2, 1, 'hover', { offset: entryAt(text, 60) });
  const probe = new Probe();
  const answers = await served(probe, [{ type: 'doc', uri: 'u', version: 1, key: 'k', text, inputs }, req(1, 1, 'diagnostics', { max: 1000 })], 2, (post) => {
    probe.onStep = (p, k) => { if (p === 1 && k === 0) post(hover); };
  });
  assert.deepEqual(probe.log, ['answer diagnostics v1', 'p1 step 0', 'answer hover v1', 'p1 step 1', 'p1 ready']);
  // the same answer as a store that never gets anything ready
  const plain = new DocumentStore();
  plain.apply({ type: 'doc', uri: 'u', version: 1, key: 'k', text, inputs });
  const want = plain.answer(hover as Extract<ToWorker, { type: 'req' }>);
  assert.ok('ok' in want && want.ok && /Entry #60[\s\S]*<disk/.test((want.result as { markdown: string }).markdown));
  assert.deepEqual(answers[1], want);
});

test('a newer version of the document ends the getting ready of the older one', async () => {
  const text = body(100);
  const at = text.indexOf('"p"') + 1;
  const probe = new Probe();
  await served(probe, [{ type: 'doc', uri: 'u', version: 1, key: 'k', text, inputs }, req(1, 1, 'diagnostics', { max: 1000 })], 2, (post) => {
    probe.onStep = (p, k) => {
      if (p !== 1 || k !== 0) return;
      post({ type: 'edit', uri: 'u', from: 1, version: 2, length: text.length + 1, edits: [{ offset: at, length: 1, text: 'pq' }] });
      post(req(2, 2, 'diagnostics', { max: 1000 }));
    };
  });
  assert.deepEqual(probe.log, ['answer diagnostics v1', 'p1 step 0', 'answer diagnostics v2', 'p2 step 0', 'p2 step 1', 'p2 ready']);
});

/** the entries of a held document's state, and whether each one is placed */
function placedEntries(store: DocumentStore): boolean[] {
  const s = (store as unknown as { docs: Map<string, { state: DocState | null }> }).docs.get('u')!.state!;
  const server = (s.analysis.root as LazyNode).made()!.find((p) => (p as LazyNode).seg === 'server') as LazyNode;
  const list = (server.made()![1] as LazyNode).made()!.find((p) => (p as LazyNode).seg === 'block_device_mapping_v2') as LazyNode;
  return ((list.made()![1] as LazyNode).made() ?? []).map((e) => (e as LazyNode).isPlaced());
}

test('getting ready places every entry of a long list, on the version sent whole and on a version made by edits', () => {
  const text = body(200);
  const store = new DocumentStore();
  store.apply({ type: 'doc', uri: 'u', version: 1, key: 'k', text, inputs });
  store.answer(req(1, 1, 'diagnostics', { max: 1000 }) as Extract<ToWorker, { type: 'req' }>);
  store.prepare('u');
  assert.deepEqual(placedEntries(store), Array(200).fill(true));
  const at = text.indexOf('"p"') + 1;
  store.apply({ type: 'edit', uri: 'u', from: 1, version: 2, length: text.length + 1, edits: [{ offset: at, length: 1, text: 'pq' }] });
  store.answer(req(2, 2, 'diagnostics', { max: 1000 }) as Extract<ToWorker, { type: 'req' }>);
  store.prepare('u');
  assert.deepEqual(placedEntries(store), Array(200).fill(true));
});

test('past PREPARE_MAX_ENTRIES: the ground the last hover worked out is carried while the BDMs stay (and every entry placed), none is worked out ahead; every hover as without', { timeout: 300_000 }, () => {
  const n = PREPARE_MAX_ENTRIES + 1;
  const v1 = body(n);
  const ground = (s: DocumentStore) => (s as unknown as { docs: Map<string, { state: DocState | null }> }).docs.get('u')!.state!.entryPreviewGround?.ground;
  const name = v1.indexOf('"p"') + 1;
  // version 2 renames the server (the BDMs stay), version 3 changes a volume's uuid (they change)
  const uuid = v1.indexOf('a26887c6-c47b-4654-abb5-000000000007');
  const v2 = v1.slice(0, name) + 'pq' + v1.slice(name + 1);
  const edits = [
    { offset: name, length: 1, text: 'pq' },
    { offset: uuid + 1, length: 1, text: '3' },
  ];
  const texts = [v1, v2, v2.slice(0, uuid + 1) + '3' + v2.slice(uuid + 2)];
  const hoverAt = (t: string) => entryAt(t, 7);
  const store = new DocumentStore();
  const grounds: unknown[] = [];
  const hovered: unknown[] = [];
  for (let v = 1; v <= 3; v++) {
    if (v === 1) store.apply({ type: 'doc', uri: 'u', version: 1, key: 'k', text: v1, inputs });
    else store.apply({ type: 'edit', uri: 'u', from: v - 1, version: v, length: texts[v - 1].length, edits: [edits[v - 2]] });
    store.answer(req(10 * v, v, 'diagnostics', { max: 1000 }) as Extract<ToWorker, { type: 'req' }>);
    store.prepare('u');
    grounds.push(ground(store));
    if (v === 2) assert.ok(placedEntries(store).every(Boolean), 'the ground carried: every entry placed');
    // the hover as a store that judges this text sent whole and gets nothing ready
    const fresh = new DocumentStore();
    fresh.apply({ type: 'doc', uri: 'u', version: v, key: 'k', text: texts[v - 1], inputs });
    const h = req(10 * v + 1, v, 'hover', { offset: hoverAt(texts[v - 1]) }) as Extract<ToWorker, { type: 'req' }>;
    const got = store.answer(h);
    assert.ok('ok' in got && got.ok && /Entry #7[\s\S]*<disk/.test((got.result as { markdown: string }).markdown), `v${v}`);
    assert.deepEqual(got, fresh.answer(h), `v${v}`);
    hovered.push(ground(store));
  }
  assert.equal(grounds[0], undefined, 'nothing to carry: left to the first hover');
  assert.ok(hovered[0], 'the hover worked it out');
  assert.equal(grounds[1], hovered[0], 'the BDMs stay: the ground carried ahead of the hover');
  assert.equal(grounds[2], undefined, 'the BDMs changed: left to the first hover');
});
