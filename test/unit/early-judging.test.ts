/** lsp/earlyJudging.ts: a changed version is judged at once; the publish takes that answer only for its own version and settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EarlyJudging, EARLY_MAX_CHARS, EARLY_MAX_MS } from '../../server/src/lsp/earlyJudging';

function harness() {
  const state = { version: new Map<string, number>(), generation: 0, judged: [] as string[], fail: false };
  const queue: Array<() => void> = [];
  const e = new EarlyJudging<string>({
    currentVersion: (uri) => state.version.get(uri),
    generation: () => state.generation,
    judge: async (uri, v) => {
      state.judged.push(`${uri}@${v}`);
      if (state.fail) throw new Error('judging failed');
      return `diagnostics of ${uri}@${v} (generation ${state.generation})`;
    },
    // the queued messages are read when the test says so
    yieldToQueue: () => new Promise<void>((resolve) => queue.push(resolve)),
  });
  const edit = (uri: string, v: number, length = 100) => {
    state.version.set(uri, v);
    e.changed(uri, v, length);
  };
  const readQueue = async () => {
    for (const r of queue.splice(0)) r();
    await new Promise((r) => setImmediate(r));
  };
  return { e, state, edit, readQueue };
}

test('a change is judged before its publish asks, and the publish takes that answer once', { timeout: 60_000 }, async () => {
  const { e, state, edit, readQueue } = harness();
  edit('a', 2);
  await readQueue();
  assert.deepEqual(state.judged, ['a@2'], 'judged as soon as the queue was read, with no publish asking');
  assert.equal(await e.take('a', 2), 'diagnostics of a@2 (generation 0)');
  assert.equal(await e.take('a', 2), null, 'taken once');
  assert.equal(e.started, 1);
});

test('a burst of changes judges only its last version', { timeout: 60_000 }, async () => {
  const { e, state, edit, readQueue } = harness();
  for (let v = 2; v <= 5; v++) edit('a', v);
  await readQueue();
  assert.deepEqual(state.judged, ['a@5']);
  assert.equal(await e.take('a', 4), null, 'an older version has no early answer');
  assert.equal(await e.take('a', 5), 'diagnostics of a@5 (generation 0)');
});

test('an answer is not used for a newer version, after a settings change, after a failure, or once closed', { timeout: 60_000 }, async () => {
  const { e, state, edit, readQueue } = harness();
  edit('a', 2);
  await readQueue();
  state.version.set('a', 3); // the document moved on (its change not seen yet)
  assert.equal(await e.take('a', 2), null);

  edit('b', 2);
  await readQueue();
  state.generation++;
  assert.equal(await e.take('b', 2), null, 'judged with the old settings');

  state.generation++;
  edit('c', 2);
  const pending = e.take('c', 2);
  state.generation++; // settings changed while it was queued
  await readQueue();
  assert.equal(await pending, null);
  assert.ok(!state.judged.includes('c@2'), 'not judged with the old settings');

  state.fail = true;
  edit('d', 2);
  await readQueue();
  assert.equal(await e.take('d', 2), null, 'a failed early judging leaves the publish to judge (and report)');
  state.fail = false;

  edit('f', 2);
  e.forget('f');
  await readQueue();
  assert.equal(await e.take('f', 2), null);
});

test('a document over the early size is left to the publish, unless its last judging was quick', { timeout: 60_000 }, async () => {
  const { e, state, edit, readQueue } = harness();
  edit('big', 2, EARLY_MAX_CHARS + 1);
  await readQueue();
  assert.deepEqual(state.judged, [], 'never judged yet: its time is not known');
  assert.equal(await e.take('big', 2), null);
  e.took('big', EARLY_MAX_MS + 1);
  edit('big', 3, EARLY_MAX_CHARS + 1);
  await readQueue();
  assert.deepEqual(state.judged, [], 'judged too slowly last time');
  e.took('big', EARLY_MAX_MS);
  edit('big', 4, 50 * EARLY_MAX_CHARS);
  await readQueue();
  assert.deepEqual(state.judged, ['big@4'], 'judged quickly last time');
  e.forget('big');
  edit('big', 5, EARLY_MAX_CHARS + 1);
  await readQueue();
  assert.deepEqual(state.judged, ['big@4'], 'closed: its time is forgotten');
  edit('small', 2, EARLY_MAX_CHARS);
  await readQueue();
  assert.deepEqual(state.judged, ['big@4', 'small@2'], 'a small document is judged early whatever its time');
});
