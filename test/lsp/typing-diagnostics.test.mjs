// Typing in a body: after every series of edits (sent as ranged changes, as VS Code sends them),
// the diagnostics the server publishes are exactly the ones a fresh server publishes for the same
// text opened whole, with the document in the worker and on the server's thread. The server
// reuses much between versions (a diagnostic's places, its LSP form and its JSON: lsp/publish.ts,
// features/reuse.ts, lsp/diagnosticsWire.ts); none of it may show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';
import { rng } from '../../scripts/prng.mjs';

/** a body with entries of many kinds, many of them reported (errors, warnings and notes) */
function body(next, n) {
  const kinds = [
    (i) => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${'bcdefg'[i % 6]}` }),
    () => ({ source_type: 'blank', destination_type: 'local', volume_size: 1, guest_format: 'ext4', boot_index: -1 }),
    () => ({ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 'ten', boot_index: 'first' }),
    () => ({ source_type: 'snapshot', destination_type: 'local', uuid: 'not-a-uuid', disk_bus: 'virtio', device_type: 'lun' }),
  ];
  const entries = [{ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 }];
  for (let i = 1; i < n; i++) entries.push(kinds[Math.floor(next() * kinds.length)](i));
  return JSON.stringify({ server: { name: 'typed', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2) + '\n';
}

/** an edit as offsets: mostly inside a string value, sometimes a line break between tokens or a stray quote */
function randomEdit(next, text) {
  const r = next();
  if (r < 0.15) {
    const commas = [...text.matchAll(/,\n/g)];
    const m = commas[Math.floor(next() * commas.length)];
    return { offset: m.index + 1, length: 0, text: next() < 0.5 ? '\n' : '\n\n  ' };
  }
  if (r < 0.22) return { offset: Math.floor(next() * text.length), length: 0, text: '"' };
  const strings = [...text.matchAll(/: "([^"\\]*)"/g)];
  const m = strings[Math.floor(next() * strings.length)];
  const start = m.index + 3;
  const offset = start + Math.floor(next() * (m[1].length + 1));
  const length = Math.min(Math.floor(next() * 3), start + m[1].length - offset);
  return { offset, length, text: ['', 'x', '7', '/dev/vdz', ' ', 'é', '-'][Math.floor(next() * 7)] };
}

function positionAt(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function typeAndCompare(env) {
  const next = rng(90210);
  const uri = 'file:///tmp/typing.bdm.json';
  let text = body(next, 60);
  const typed = await startServer({ env });
  const fresh = await startServer({ env: { BDM_LAB_WORKER_MIN_CHARS: String(1e15) } });
  let compared = 0;
  try {
    await typed.open(uri, text);
    await typed.waitDiagnostics(uri, (p) => p.version === 1);
    let version = 1;
    let stray = null;
    for (let round = 0; round < 24; round++) {
      // one to three edits sent at once: only the last version is judged and published
      const burst = 1 + Math.floor(next() * 3);
      for (let k = 0; k < burst; k++) {
        // a stray quote is taken out again by the next edit (as a user undoes it)
        const e = stray !== null ? { offset: stray, length: 1, text: '' } : randomEdit(next, text);
        stray = e.text === '"' ? e.offset : null;
        const range = { start: positionAt(text, e.offset), end: positionAt(text, e.offset + e.length) };
        text = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
        version++;
        await typed.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: e.text }] });
      }
      const v = version;
      const got = await typed.waitDiagnostics(uri, (p) => p.version === v);
      await fresh.open(uri, text, 'json', v);
      const want = await fresh.waitDiagnostics(uri, (p) => p.version === v);
      await fresh.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await fresh.waitDiagnostics(uri, (p) => p.version === undefined);
      assert.deepEqual(got.diagnostics, want.diagnostics, `version ${v}`);
      compared += got.diagnostics.length;
    }
    assert.ok(!typed.logs.some((l) => /bdm-lab: .* failed/.test(l)), typed.logs.join('\n'));
  } finally {
    await typed.stop();
    await fresh.stop();
  }
  assert.ok(compared > 500, `only ${compared} diagnostics compared`);
}

test('typing: each published version equals a fresh server\'s diagnostics of the same text (the document in the worker)', { timeout: 120_000 }, () => typeAndCompare({ BDM_LAB_WORKER_MIN_CHARS: '0' }));

test('typing: each published version equals a fresh server\'s diagnostics of the same text (on the server\'s thread)', { timeout: 120_000 }, () => typeAndCompare({ BDM_LAB_WORKER_MIN_CHARS: String(1e15) }));
