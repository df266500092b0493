/** lsp/scheduler.ts: one pending validation per document, debounced, the open's immediate run kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ValidationScheduler } from '../../server/src/lsp/scheduler';

const doc = (uri: string, version: number) => ({ uri, version }) as TextDocument;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness() {
  const runs: string[] = [];
  const superseded: string[] = [];
  const s = new ValidationScheduler(async (uri, v) => { runs.push(`${uri}@${v}`); }, (uri, v) => superseded.push(`${uri}@${v}`));
  return { s, runs, superseded };
}

test('changes in a burst validate the last version once', { timeout: 60_000 }, async () => {
  const { s, runs, superseded } = harness();
  for (let v = 1; v <= 5; v++) s.schedule(doc('a', v), 20);
  await settle(200);
  assert.deepEqual(runs, ['a@5']);
  assert.deepEqual(superseded, ['a@1', 'a@2', 'a@3', 'a@4', 'a@5']);
});

test('the content change an open also reports keeps the open\'s immediate run', { timeout: 60_000 }, async () => {
  const { s, runs, superseded } = harness();
  s.schedule(doc('a', 1), 0);
  s.schedule(doc('a', 1), 10_000);
  await settle(100);
  assert.deepEqual(runs, ['a@1']);
  assert.deepEqual(superseded, ['a@1']);
  s.cancel('a');
});

test('documents are scheduled apart, and a closed one never runs', { timeout: 60_000 }, async () => {
  const { s, runs } = harness();
  s.schedule(doc('a', 1), 20);
  s.schedule(doc('b', 1), 20);
  s.cancel('a');
  await settle(200);
  assert.deepEqual(runs, ['b@1']);
});
