// Large documents live in the document worker (server/src/lsp/documentWorker.ts): requests on
// them are answered there, so typing in one (edits interleaved with the code lens, outline and
// hover requests an editor sends) never blocks the server's thread, and the answers are the ones
// the server's own thread gives for the same text (BDM_LAB_WORKER_MIN_CHARS moves the threshold
// for tests: a huge value keeps every document on the server's thread).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, positionOf } from './helpers.mjs';

const ON_THREAD = { BDM_LAB_WORKER_MIN_CHARS: String(1e15) };

/** about 3.5 MB, 20 000 entries: under the 5 MiB default limit, judged in about a second */
function largeBody() {
  const entries = Array.from({ length: 20000 }, (_, i) => ({ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 1, boot_index: i === 0 ? 0 : -1 }));
  return JSON.stringify({ server: { name: 'h', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2);
}

const small = JSON.stringify({ server: { name: 'a', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'local', volume_size: 1 }] } }, null, 2);

/** line numbers of the lines equal to `line` */
function linesEqual(lines, line) {
  const out = [];
  lines.forEach((l, i) => { if (l === line) out.push(i); });
  return out;
}

function requestsOn(s, uri, entryAt, fieldAt) {
  return Promise.all([
    s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
    s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
    s.hover(uri, entryAt.line, entryAt.character),
    s.hover(uri, fieldAt.line, fieldAt.character),
  ]);
}

test('typing in a large document: codeLens, outline and hover on it are answered in the worker; hovers on a small document stay fast; answers equal the server thread\'s', { timeout: 300_000 }, async (t) => {
  const text = largeBody();
  assert.ok(text.length > 3_000_000 && text.length < 5 * 1024 * 1024, `${text.length} chars`);
  const lines = text.split('\n');
  const entryLines = linesEqual(lines, '      {');
  assert.equal(entryLines.length, 20000);
  const entryAt = { line: entryLines[5], character: 6 };
  const fieldAt = { line: entryLines[7] + 1, character: 10 }; // on "source_type"
  const smallAt = positionOf(small, 'source_type');
  const smallUri = 'file:///tmp/lsp-worker-small.bdm.json';
  const uri = 'file:///tmp/lsp-worker-large.bdm.json';

  const s = await startServer();
  let final;
  let worker;
  try {
    await s.open(smallUri, small);
    await s.waitDiagnostics(smallUri);
    assert.ok(await s.hover(smallUri, smallAt.line, smallAt.character + 2));

    // the time one analysis of the large document takes (open to its diagnostics)
    const t0 = performance.now();
    await s.open(uri, text);
    await s.waitDiagnostics(uri, (p) => p.version === 1, 120_000);
    const judgeMs = performance.now() - t0;

    // hover the small document every 10 ms while the large one is typed in
    let typing = true;
    const latencies = [];
    const hovering = (async () => {
      while (typing) {
        const h0 = performance.now();
        const h = await s.hover(smallUri, smallAt.line, smallAt.character + 2);
        latencies.push(performance.now() - h0);
        assert.ok(h && h.contents.value.length > 0, 'the small document\'s hover answers');
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    // 12 keystrokes, 120 ms apart: a space at the start of a volume_size line (valid JSON, the
    // hovered lines keep their columns), each followed by what an editor asks after an edit
    const asked = [];
    let version = 1;
    for (let k = 0; k < 12; k++) {
      const line = entryLines[1000 + k * 97] + 4;
      lines[line] = ' ' + lines[line];
      version++;
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }] });
      asked.push(requestsOn(s, uri, entryAt, fieldAt));
      await new Promise((r) => setTimeout(r, 120));
    }
    // every request during the burst is answered (an empty answer for a superseded version)
    const answers = await Promise.all(asked);
    assert.equal(answers.length, 12);
    await s.waitDiagnostics(uri, (p) => p.version === version, 120_000);
    final = await requestsOn(s, uri, entryAt, fieldAt);
    typing = false;
    await hovering;

    const worst = Math.max(...latencies);
    t.diagnostic(`large document judged in ${judgeMs.toFixed(0)} ms; ${latencies.length} hovers on the small document while it was typed in: slowest ${worst.toFixed(0)} ms (ratio ${(worst / judgeMs).toFixed(2)})`);
    assert.ok(latencies.length >= 10, `only ${latencies.length} hovers answered`);
    // the server's thread judging the large document per request (before the worker) made this
    // ratio 8 on a loaded two-core machine; in the worker it stays under 0.7 there even when other
    // jobs share the cores (0.43-0.61 seen), so 2 leaves room for a busy machine and still fails
    // the old design by a factor of 4
    assert.ok(worst < 2 * judgeMs, `the slowest hover on the small document took ${worst.toFixed(0)} ms, ${(worst / judgeMs).toFixed(2)} of the ${judgeMs.toFixed(0)} ms one analysis of the large document takes`);
    worker = (await s.waitDiagnostics(uri, (p) => p.version === version)).diagnostics;
    assert.ok(!s.logs.some((l) => /bdm-lab: .* failed/.test(l)), s.logs.join('\n'));
  } finally {
    await s.stop();
  }

  const [lenses, symbols, entryHover, fieldHover] = final;
  assert.equal(lenses.length, 501, 'the boot lens and 500 entry lenses');
  assert.equal(symbols.length, 5000);
  assert.match(entryHover.contents.value, /DriverVolImageBlockDevice/);
  assert.match(fieldHover.contents.value, /source_type/);

  // the same text on the server's own thread gives the same answers
  const ref = await startServer({ env: ON_THREAD });
  try {
    const finalText = lines.join('\n');
    await ref.open(uri, finalText, 'json', 1);
    const d = await ref.waitDiagnostics(uri, () => true, 120_000);
    assert.deepEqual(d.diagnostics, worker);
    assert.deepEqual(await requestsOn(ref, uri, entryAt, fieldAt), final);
  } finally {
    await ref.stop();
  }
});

test('a request on a version superseded while the worker judges it is answered (empty), and the new version is judged', { timeout: 120_000 }, async () => {
  const text = largeBody();
  const uri = 'file:///tmp/lsp-worker-stale.bdm.json';
  const s = await startServer();
  try {
    await s.open(uri, text);
    // asked on version 1, which the worker starts judging; version 2 arrives meanwhile
    const on1 = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const lens1 = s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    await new Promise((r) => setTimeout(r, 150));
    const text2 = text.replace('"name": "h"', '"name": "h2"');
    await s.change(uri, 2, text2);
    const [sym1, l1] = await Promise.all([on1, lens1]);
    assert.ok(Array.isArray(sym1) && (sym1.length === 0 || sym1.length === 5000), `symbols: ${sym1?.length}`);
    assert.ok(Array.isArray(l1));
    const p = await s.waitDiagnostics(uri, (q) => q.version === 2, 100_000);
    assert.ok(Array.isArray(p.diagnostics));
    const sym2 = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(sym2.length, 5000);
    assert.ok(!s.logs.some((l) => /bdm-lab: .* failed/.test(l)), s.logs.join('\n'));
  } finally {
    await s.stop();
  }
});
