// Code actions over stdio: a client that resolves code actions (LSP codeAction/resolve) gets the
// list without the formatted edits and each edit when it resolves the action; the edit is the one
// a client without resolve support gets in the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
/** a one-line body whose volumes each carry a key Nova's schema refuses (a "Remove" fix each) */
function oneLine(n) {
  const entries = [{ source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 }];
  for (let i = 1; i < n; i++) entries.push({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, [`extra_${i}`]: 1 });
  return JSON.stringify({ server: { name: 'r', flavorRef: '1', block_device_mapping_v2: entries } });
}
const RESOLVES = { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } } };
const WATCHDOG = { timeout: 120_000 };

test('a resolving client lists fixes without edits and gets each edit on resolve, the same edit an eager client gets in the list', WATCHDOG, async () => {
  const text = oneLine(12);
  const uri = 'file:///w/one-line.bdm.json';
  // the resolving client's document lives in the document worker (both threads answer resolve)
  const lazy = await startServer({ textDocument: RESOLVES, env: { BDM_LAB_WORKER_MIN_CHARS: '0' } });
  const eager = await startServer();
  try {
    const lists = [];
    for (const s of [lazy, eager]) {
      s.open(uri, text);
      const p = await s.waitDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'BDM-SCHEMA-ADDITIONAL-PROPERTIES'));
      const ours = p.diagnostics.filter((d) => d.code === 'BDM-SCHEMA-ADDITIONAL-PROPERTIES');
      assert.ok(ours.length >= 11, `one refusal per extra key: ${ours.length}`);
      const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } };
      lists.push(await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: ours } }));
    }
    const [listed, eagerList] = lists;
    const removes = listed.filter((a) => /^Remove "extra_\d+"$/.test(a.title));
    assert.equal(removes.length, 11, listed.map((a) => a.title).join(' | '));
    assert.deepEqual(listed.map((a) => a.title), eagerList.map((a) => a.title), 'the same actions either way');
    for (const a of removes) {
      assert.equal(a.edit, undefined, `${a.title}: listed without its edit`);
      assert.ok(a.data, `${a.title}: carries what resolve needs`);
      const e = eagerList.find((x) => x.title === a.title);
      assert.ok(e.edit, `${a.title}: an eager client gets the edit in the list`);
      const r = await lazy.conn.sendRequest('codeAction/resolve', a);
      assert.deepEqual(r.edit, e.edit, `${a.title}: the resolved edit is the listed one`);
      const after = r.edit.changes[uri][0];
      assert.ok(!after.newText.includes(a.title.slice('Remove '.length)), 'the key is gone from the new text');
    }
    // listed for version 1, resolved after an edit: no edit rather than one for another text
    lazy.change(uri, 2, text.replace('"r"', '"r2"'));
    await lazy.waitDiagnostics(uri, (x) => x.version === 2 || x.diagnostics.length > 0);
    const stale = await lazy.conn.sendRequest('codeAction/resolve', removes[0]);
    assert.equal(stale.edit, undefined, 'a stale action gets no edit');
  } finally {
    await lazy.stop();
    await eager.stop();
  }
});

test('select-all on a one-line body: the resolving client\'s list costs a fraction of the eager one (same run, ratio)', WATCHDOG, async () => {
  const text = oneLine(400);
  const uri = 'file:///w/big-one-line.bdm.json';
  const lazy = await startServer({ textDocument: RESOLVES });
  const eager = await startServer();
  try {
    const ask = async (s) => {
      s.open(uri, text);
      const p = await s.waitDiagnostics(uri, (x) => x.diagnostics.length > 100);
      const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } };
      const req = () => s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: p.diagnostics } });
      await req(); // the analysis and the microversion retries are cached after this one
      const t0 = process.hrtime.bigint();
      const list = await req();
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6, list };
    };
    const l = await ask(lazy);
    const e = await ask(eager);
    assert.ok(l.list.length >= 100 && l.list.length === e.list.length, `${l.list.length} vs ${e.list.length} actions`);
    assert.ok(e.list.every((a) => !/^Remove/.test(a.title) || a.edit), 'the eager list holds every edit');
    assert.ok(l.ms * 5 < e.ms, `listing 100 fixes: resolving client ${l.ms.toFixed(1)} ms, eager ${e.ms.toFixed(1)} ms (each eager fix formats the one line)`);
  } finally {
    await lazy.stop();
    await eager.stop();
  }
});
