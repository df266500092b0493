import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, positionOf } from './helpers.mjs';

const broken = `{
  "server": {
    "name": "web-1",
    "flavorRef": "1",
    "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b",
    "block_device_mapping_v2": [
      { "source_type": "image", "destination_type": "local", "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "boot_index": 0 },
      { "source_type": "image", "destination_type": "local", "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "boot_index": 1 },
      { "source_type": "blank", "destination_type": "volume", "volume_size": 10, "boot_index": "x" }
    ]
  }
}`;

test('diagnostics with codes and ranges for a broken payload', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-broken.json';
    await s.open(uri, broken);
    const p = await s.waitDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const codes = p.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('BDM-DICT-IMAGE-LOCAL-BOOT'), codes.join());
    assert.ok(codes.includes('BDM-SCHEMA-BOOT-INDEX'), codes.join());
    const bi = p.diagnostics.find((d) => d.code === 'BDM-SCHEMA-BOOT-INDEX');
    assert.deepEqual(bi.range.start, positionOf(broken, '"x"'));
    assert.equal(bi.range.end.character - bi.range.start.character, 3);
    assert.equal(bi.severity, 1);
    assert.match(bi.message, /Invalid input for field\/attribute boot_index\. Value: x\./);
    // The Problems panel shows the first line: the field and jsonschema's complaint lead, Nova's exact words follow.
    const [first, second] = bi.message.split('\n');
    assert.match(first, /^server\.block_device_mapping_v2\[\d\]\.boot_index: 'x' /);
    assert.match(second, /^Invalid input for field\/attribute boot_index\./);
    const il = p.diagnostics.find((d) => d.code === 'BDM-DICT-IMAGE-LOCAL-BOOT');
    assert.equal(il.range.start.line, 7);
  } finally {
    await s.stop();
  }
});

test('a half-typed document: no crash, its syntax left to the editor\'s JSON support (not said twice); fixing it clears everything', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-half.json';
    const half = '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [ {"source_type": "ima';
    await s.open(uri, half);
    const p = await s.waitDiagnostics(uri);
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'BDM-JSON-SYNTAX'), [], 'VS Code marks JSON syntax errors itself');
    assert.ok(p.diagnostics.every((d) => d.range.start.line === 0));
    const fixed = '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [ {"source_type": "volume", "destination_type": "volume", "uuid": "5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e", "boot_index": 0} ]}}';
    await s.change(uri, 2, fixed);
    const q = await s.waitDiagnostics(uri, (d) => d.version === 2);
    assert.deepEqual(q.diagnostics.filter((d) => d.severity === 1), []);
  } finally {
    await s.stop();
  }
});

test('microversion from settings changes the verdict on volume_type', async () => {
  const body = '{"server": {"name": "a", "flavorRef": "1", "networks": "none", "block_device_mapping_v2": [ {"source_type": "image", "destination_type": "volume", "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "volume_size": 10, "boot_index": 0, "volume_type": "lvmdriver-1"} ]}}';
  const low = await startServer({ settings: { microversion: '2.1' } });
  try {
    await low.open('file:///tmp/vt.json', body);
    const p = await low.waitDiagnostics('file:///tmp/vt.json', (d) => d.diagnostics.length > 0);
    assert.ok(p.diagnostics.some((d) => d.code === 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION'));
  } finally {
    await low.stop();
  }
  const high = await startServer({ settings: { microversion: '2.67' } });
  try {
    await high.open('file:///tmp/vt.json', body);
    const p = await high.waitDiagnostics('file:///tmp/vt.json');
    assert.deepEqual(p.diagnostics.filter((d) => d.severity === 1).map((d) => d.code), []);
  } finally {
    await high.stop();
  }
});

test('hover on an entry names the driver class; on a field, its documentation', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-hover.json';
    await s.open(uri, broken);
    await s.waitDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const pos = positionOf(broken, '{ "source_type": "image"');
    const h = await s.hover(uri, pos.line, pos.character);
    assert.match(h.contents.value, /DriverImageBlockDevice/);
    const f = positionOf(broken, '"volume_size"');
    const hf = await s.hover(uri, f.line, f.character + 2);
    assert.match(hf.contents.value, /\*\*MiB\*\* for swap/);
  } finally {
    await s.stop();
  }
});

test('other JSON files get nothing', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/package.json';
    await s.open(uri, '{"name": "x", "version": "1.0.0"}');
    const p = await s.waitDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  } finally {
    await s.stop();
  }
});

test('libvirt XML: diagnostics with codes, hover on an attribute, outline of disks', async () => {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(new URL('../../samples/workspace/libvirt/broken-iscsi-disk.xml', import.meta.url), 'utf8');
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-disk.xml';
    await s.open(uri, text, 'xml');
    const p = await s.waitDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const codes = p.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('LIBVIRT-DISK-SOURCE-ATTR'), codes.join());
    assert.ok(codes.includes('LIBVIRT-DISK-TARGET-PREFIX-BUS'), codes.join());
    const src = p.diagnostics.find((d) => d.code === 'LIBVIRT-DISK-SOURCE-ATTR');
    assert.equal(src.severity, 1);
    const pos = positionOf(text, 'cache=');
    const h = await s.hover(uri, pos.line, pos.character + 1);
    assert.ok(h && /cache/i.test(h.contents.value), JSON.stringify(h));
    const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(syms.length, 1);
    assert.match(syms[0].name, /^disk sdb/);
  } finally {
    await s.stop();
  }
});

test('outline: one symbol per BDM entry', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-outline.json';
    await s.open(uri, broken);
    await s.waitDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(syms.map((x) => x.name), ['#0 image→local boot 0', '#1 (refused)', '#2 (refused)']);
    assert.equal(syms[0].detail, 'DriverImageBlockDevice');
  } finally {
    await s.stop();
  }
});

test('completion: destination types valid for the source, the next free boot index', async () => {
  const text = '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [\n {"source_type": "volume", "uuid": "5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e", "boot_index": 0, "destination_type": ""},\n {"source_type": "blank", "destination_type": "local", "boot_index": }\n]}}';
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-complete.json';
    await s.open(uri, text);
    await s.waitDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const p1 = positionOf(text, '"destination_type": ""');
    const r1 = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: p1.line, character: p1.character + 21 } });
    const items1 = Array.isArray(r1) ? r1 : r1.items;
    assert.deepEqual(items1.map((i) => i.label), ['"volume"']);
    assert.equal(items1[0].textEdit.newText, '"volume"');
    const p2 = positionOf(text, '"boot_index": }');
    const r2 = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: p2.line, character: p2.character + 14 } });
    const items2 = Array.isArray(r2) ? r2 : r2.items;
    assert.equal(items2[0].label, '1');
    const p3 = positionOf(text, '{"source_type": "blank"');
    const r3 = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: p3.line, character: p3.character + 1 } });
    const labels3 = (Array.isArray(r3) ? r3 : r3.items).map((i) => i.label);
    assert.ok(labels3.includes('volume_size') && !labels3.includes('source_type'), labels3.join());
    const vt = (Array.isArray(r3) ? r3 : r3.items).find((i) => i.label === 'volume_type');
    assert.match(vt.detail, /2\.67/);
  } finally {
    await s.stop();
  }
});

test('hover on an entry shows the libvirt device and the <disk> XML; the preview request gives the guest\'s disks', async () => {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(new URL('../../samples/workspace/boot-from-volume.bdm.json', import.meta.url), 'utf8');
  const s = await startServer({ settings: { flavor: { rootGb: 20, ephemeralGb: 1, swapMb: 0 } } });
  try {
    const uri = 'file:///tmp/lsp-bfv.json';
    await s.open(uri, text);
    await s.waitDiagnostics(uri);
    const pos = positionOf(text, '{', 2);
    const h = await s.hover(uri, pos.line, pos.character);
    assert.match(h.contents.value, /DriverVolImageBlockDevice/);
    assert.match(h.contents.value, /`\/dev\/vda` on bus `virtio`/);
    assert.match(h.contents.value, /```xml\n<disk type="block" device="disk">/);
    const p = await s.conn.sendRequest('bdmLab/previewDisks', { uri });
    assert.match(p.xml, /<devices>\n  <disk type="file" device="disk">/);
    assert.match(p.xml, /disk\.eph0/);
    const lenses = await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.some((l) => /^Preview libvirt XML · DriverVolImageBlockDevice/.test(l.command.title)), JSON.stringify(lenses.map((l) => l.command.title)));
  } finally {
    await s.stop();
  }
});

test('Simulate Attach over LSP on a volumeAttachment body; refused in an untrusted workspace', async () => {
  const text = '{"volumeAttachment": {"volumeId": "a26887c6-c47b-4654-abb5-dfadf7d3f803"}}';
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-attach.json';
    await s.open(uri, text);
    await s.waitDiagnostics(uri);
    const r = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01' });
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.result.outcome, 'attached');
    assert.equal(r.result.deviceName, '/dev/vdb');
    assert.deepEqual(r.result.statusSequence.slice(-1), ['in-use']);
  } finally {
    await s.stop();
  }
  const u = await startServer({ initializationOptions: { trusted: false } });
  try {
    const uri = 'file:///tmp/lsp-attach.json';
    await u.open(uri, text);
    await u.waitDiagnostics(uri);
    const r = await u.conn.sendRequest('bdmLab/simulate', { uri });
    assert.match(r.error, /trusted workspace/);
  } finally {
    await u.stop();
  }
});

test('documents over bdmLab.maxFileSize are not read: one note with the setting and both sizes, even when malformed', async () => {
  const s = await startServer({ settings: { maxFileSize: 64 } });
  try {
    const big = '{"server": {"name": "a", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "image", "destination_type": "local", "uuid": "x", "boot_index": 3}]}}';
    await s.open('file:///tmp/big-ok.json', big);
    const p = await s.waitDiagnostics('file:///tmp/big-ok.json');
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['BDM-LIMIT-FILE-SIZE']);
    assert.match(p.diagnostics[0].message, new RegExp(`${big.length} characters.*bdmLab\\.maxFileSize \\(64 bytes\\)`));
    await s.open('file:///tmp/big-bad.json', big.slice(0, -3));
    const q = await s.waitDiagnostics('file:///tmp/big-bad.json');
    assert.deepEqual(q.diagnostics.map((d) => [d.code, d.severity]), [['BDM-LIMIT-FILE-SIZE', 3]]);
    const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///tmp/big-ok.json' }, position: { line: 0, character: 80 } });
    assert.equal(h, null, 'no hover on a document over the limit');
  } finally {
    await s.stop();
  }
});

test('a huge document is judged off the request path: hover on a small document answers while it is judged', { timeout: 180_000 }, async (t) => {
  const s = await startServer();
  try {
    const small = JSON.stringify({ server: { name: 'a', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'local', volume_size: 1 }] } }, null, 2);
    const smallUri = 'file:///tmp/lsp-small.bdm.json';
    await s.open(smallUri, small);
    await s.waitDiagnostics(smallUri);
    const at = positionOf(small, 'source_type');
    assert.ok(await s.hover(smallUri, at.line, at.character + 2), 'hover answers before the huge document');
    // about 4.6 MB, under the 5 MiB default limit: judging it takes seconds
    const entries = Array.from({ length: 20000 }, (_, i) => ({ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 1, boot_index: i === 0 ? 0 : -1, delete_on_termination: true }));
    const huge = JSON.stringify({ server: { name: 'h', flavorRef: '1', block_device_mapping_v2: entries } }, null, 2);
    assert.ok(huge.length > 4_000_000 && huge.length < 5 * 1024 * 1024);
    const hugeUri = 'file:///tmp/lsp-huge.bdm.json';
    let published = false;
    const judged = s.waitDiagnostics(hugeUri, () => true, 170_000).then(() => { published = true; return performance.now(); });
    await s.open(hugeUri, huge);
    // the first answer after the open says the server has the huge document; from then on,
    // hover the small one every 20 ms until the huge one's diagnostics arrive
    await s.hover(smallUri, at.line, at.character + 2);
    const t1 = performance.now();
    const latencies = [];
    let last = null;
    while (!published) {
      const t = performance.now();
      last = await s.hover(smallUri, at.line, at.character + 2);
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    const judgeMs = (await judged) - t1;
    const worst = Math.max(...latencies);
    t.diagnostic(`${latencies.length} hovers on the small document while the huge one was judged (${judgeMs.toFixed(0)} ms): slowest ${worst.toFixed(0)} ms`);
    assert.ok(last && /Entry #0/.test(last.contents.value), 'the small document\'s hover answers');
    assert.ok(latencies.length >= 3, 'hovers were answered during the judging');
    assert.ok(worst / judgeMs < 0.5, `the slowest hover on the small document took ${worst.toFixed(0)} ms of the ${judgeMs.toFixed(0)} ms the huge one was judged: ratio ${(worst / judgeMs).toFixed(2)}`);
  } finally {
    await s.stop();
  }
});

test('outline: an editor with its own JSON outline (jsonOutline "editor") gets no second list of a body\'s entries; XML disks stay', async () => {
  const { readFileSync } = await import('node:fs');
  const s = await startServer({ initializationOptions: { trusted: true, jsonOutline: 'editor' } });
  try {
    const uri = 'file:///tmp/lsp-outline-editor.json';
    await s.open(uri, broken);
    await s.waitDiagnostics(uri, (d) => d.diagnostics.length > 0);
    assert.deepEqual(await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    const jsonc = 'file:///tmp/lsp-outline-editor.jsonc';
    await s.open(jsonc, broken, 'jsonc');
    await s.waitDiagnostics(jsonc, (d) => d.diagnostics.length > 0);
    assert.deepEqual(await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: jsonc } }), []);
    const xml = 'file:///tmp/lsp-outline-editor.xml';
    await s.open(xml, readFileSync(new URL('../../samples/workspace/libvirt/broken-iscsi-disk.xml', import.meta.url), 'utf8'), 'xml');
    await s.waitDiagnostics(xml, (d) => d.diagnostics.length > 0);
    const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: xml } });
    assert.equal(syms.length, 1);
    assert.match(syms[0].name, /^disk sdb/);
  } finally {
    await s.stop();
  }
});
