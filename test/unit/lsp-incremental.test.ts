/**
 * What the language server reuses between versions of a document gives exactly what computing
 * afresh gives: the first lines a modeline may be on (without a line index of the whole text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { topLines } from '../../server/src/lsp/fileContexts';
import { MODELINE_LINES } from '../../server/src/model/fileContext';
import { rng } from '../../scripts/prng.mjs';
import { EditLog } from '../../server/src/lsp/editLog';
import { applyEdits, DocumentStore, type DocInputs } from '../../server/src/lsp/workerThread';
import { decodeDiagnostics, encodeDiagnostics } from '../../server/src/lsp/diagnosticsWire';
import type { AnalysisDiagnostic } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { getLocation } from 'jsonc-parser';
import { locationAt } from '../../server/src/features/location';
import { parseJson } from '../../server/src/parse/json';
import { LazyNode } from '../../server/src/parse/lazyTree';
import { analyzeDocument } from '../../server/src/document';
import { diagnosticsOf, type DocState } from '../../server/src/features/requests';
import { priorOf, reusedPlaces } from '../../server/src/features/reuse';
import { nodeHashes } from '../../server/src/host';
import { entryPreviewMarkdown, entryPreviewOf, previewOf, type PreviewGround } from '../../server/src/features/preview';

const noLab = { name: 'none', labHost: null, problem: null };

test('topLines is the text up to line MODELINE_LINES as LSP counts lines (LF, CRLF, CR)', () => {
  const next = rng(15);
  const pieces = ['\n', '\r', '\r\n', 'a', '// $bdm microversion=2.32', ' ', '{', '"x"'];
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor(next() * 30);
    let text = '';
    for (let k = 0; k < n; k++) text += pieces[Math.floor(next() * pieces.length)];
    const doc = TextDocument.create('file:///t.json', 'json', 1, text);
    const want = doc.getText({ start: { line: 0, character: 0 }, end: { line: MODELINE_LINES, character: 0 } });
    assert.equal(topLines(text), want, JSON.stringify(text));
  }
});

test('the edit log replays every version from any older one (random ranged edits, full-text changes, multi-change events)', () => {
  const next = rng(1515);
  const log = new EditLog();
  const uri = 'file:///e.json';
  const doc = TextDocument.create(uri, 'json', 1, '{\n  "a": 1,\r\n  "b": [1, 2]\r}\n');
  const texts = new Map<number, string>([[1, doc.getText()]]);
  const pos = (text: string) => {
    const d = TextDocument.create(uri, 'json', 0, text);
    // sometimes past the end of a line or of the text (clients may send that; offsetAt clamps)
    return d.positionAt(Math.floor(next() * (text.length + 1)));
  };
  let fulls = 0, replayed = 0;
  for (let v = 2; v <= 400; v++) {
    const cur = doc.getText();
    const full = next() < 0.03;
    const a = pos(cur), b = pos(cur);
    const insert = ['', 'x', '\n', '\r\n', '"é"', '{}', '\r'][Math.floor(next() * 7)];
    // sometimes a range past the end of a line (the document clamps it)
    if (next() < 0.1) a.character += 3;
    const changes = [full ? { text: `{"v": ${v}}\n` } : { range: { start: a, end: b }, text: insert }];
    if (full) fulls++;
    log.update(doc, changes, v);
    texts.set(v, doc.getText());
    for (const from of [v - 1, v - 5, v - 40]) {
      if (!texts.has(from)) continue;
      const edits = log.since(uri, from, v);
      if (edits === null) continue;
      replayed++;
      assert.equal(applyEdits(texts.get(from)!, edits), doc.getText(), `v${from} -> v${v}`);
    }
  }
  assert.ok(fulls > 0 && replayed > 300, `${fulls} full-text changes, ${replayed} replays`);
  // a full-text change in between: not replayable from before it
  log.update(doc, [{ text: 'new' }], 401);
  assert.equal(log.since(uri, 400, 401), null);
  assert.deepEqual(log.since(uri, 401, 401), []);
});

test('several changes in one event: each one addresses the text as the previous ones left it', () => {
  const log = new EditLog();
  const uri = 'file:///m.json';
  const doc = TextDocument.create(uri, 'json', 1, 'abc\ndef\n');
  const before = doc.getText();
  log.update(doc, [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, text: 'X\nY' },
    { range: { start: { line: 2, character: 1 }, end: { line: 0, character: 1 } }, text: '-' },
  ], 2);
  assert.equal(applyEdits(before, log.since(uri, 1, 2)!), doc.getText());
});

test('the worker store: a version made by edits answers as the same text sent whole; edits on another version drop the document', () => {
  const inputs: DocInputs = { language: 'json', context: defaultContext(), opts: {}, lab: { name: 'none', labHost: null, problem: null } };
  const body = (name: string) => JSON.stringify({ server: { name, flavorRef: '1', block_device_mapping_v2: [
    { source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 },
    { source_type: 'volume', destination_type: 'volume', uuid: 'a26887c6-c47b-4654-abb5-000000000001', boot_index: 'x', device_name: '/dev/vdb' },
  ] } }, null, 2);
  const v1 = body('a'), v2 = body('abc');
  const at = v1.indexOf('"a"') + 2;
  const byEdits = new DocumentStore(), whole = new DocumentStore();
  byEdits.apply({ type: 'doc', uri: 'u', version: 1, key: 'k', text: v1, inputs });
  byEdits.apply({ type: 'edit', uri: 'u', from: 1, version: 2, length: v2.length, edits: [{ offset: at, length: 0, text: 'bc' }] });
  whole.apply({ type: 'doc', uri: 'u', version: 2, key: 'k', text: v2, inputs });
  const ask = (s: DocumentStore) => s.answer({ type: 'req', id: 1, uri: 'u', version: 2, key: 'k', method: 'diagnostics', params: { max: 1000 } });
  const a = ask(byEdits);
  assert.ok('ok' in a && a.ok && (a.result as unknown[]).length > 0);
  assert.deepEqual(a, ask(whole));
  // edits on a version the store does not hold, or that give another length: dropped, answered stale
  byEdits.apply({ type: 'edit', uri: 'u', from: 1, version: 3, length: v2.length, edits: [] });
  assert.deepEqual(byEdits.answer({ type: 'req', id: 2, uri: 'u', version: 3, key: 'k', method: 'symbols', params: {} }), { id: 2, stale: true });
  whole.apply({ type: 'edit', uri: 'u', from: 2, version: 3, length: 1, edits: [] });
  assert.equal(whole.size, 0);
});

test('diagnostics cross from the worker as JSON text against the previous list: decoded, the very values sent (random edits, fixed seed)', () => {
  const next = rng(77);
  const context = defaultContext();
  let text = mixedBody(next, 40);
  let last: AnalysisDiagnostic[] | undefined;
  let moved = 0;
  for (let i = 0; i < 60; i++) {
    const e = randomEdit(next, text);
    const after = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
    const list = structuredClone(diagnosticsOf({ text: after, analysis: analyzeDocument(after, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes }, 1000));
    const json = encodeDiagnostics(list, last);
    moved += (JSON.parse(json) as unknown[]).filter(Array.isArray).length;
    assert.deepEqual(decodeDiagnostics(json, last), list, `edit ${i}`);
    // without the list it was encoded against, nothing is made up
    if (last && json.includes('[')) assert.equal(decodeDiagnostics(json, undefined), null);
    last = list;
    // typed on from the last body JSON.parse accepts
    try { JSON.parse(after); text = after; } catch { /* keep the last good one */ }
  }
  assert.ok(moved > 500, `${moved} diagnostics sent as moved`);
});

test('typing: a diagnostic that did not change is the previous version\'s very value on both sides of the wire, one that only moved a copy; decoded, the values a fresh analysis gives (random edits, fixed seed)', () => {
  const next = rng(1515);
  const context = defaultContext();
  let text = mixedBody(next, 60);
  let prev: DocState = { text, analysis: analyzeDocument(text, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes };
  // the worker's list (kept as the next version's prior) and the server's own decoded copy
  let workerList = diagnosticsOf(prev, 1000);
  let serverList: AnalysisDiagnostic[] = structuredClone(workerList);
  let kept = 0, same = 0;
  for (let i = 0; i < 80; i++) {
    const e = randomEdit(next, text);
    const after = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
    const state: DocState = { text: after, analysis: analyzeDocument(after, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes, prior: priorOf(prev, [e]) };
    const list = diagnosticsOf(state, 1000);
    const fresh = diagnosticsOf({ text: after, analysis: analyzeDocument(after, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes }, 1000);
    assert.equal(JSON.stringify(list), JSON.stringify(fresh), `edit ${i}`);
    const json = encodeDiagnostics(list, workerList);
    const decoded = decodeDiagnostics(json, serverList);
    assert.equal(JSON.stringify(decoded), JSON.stringify(fresh), `edit ${i}: decoded`);
    list.forEach((d, k) => {
      if (d !== workerList[k]) return;
      kept++;
      // sent as part of a run: the server keeps its own value
      assert.equal(decoded![k], serverList[k], `edit ${i}: diagnostic ${k}`);
    });
    same += list.filter((d, k) => d === workerList[k]).length;
    if (state.analysis.root instanceof LazyNode) {
      text = after;
      prev = state;
      workerList = list;
      serverList = decoded!;
    }
  }
  assert.ok(kept > 1000 && same === kept, `${kept} diagnostics kept as they were`);
});

/** a random JSON text: nesting, integer-like and escaped keys, duplicated keys, odd blanks */
function randomJson(next: () => number, depth = 0): string {
  const blank = () => [' ', '', '\n  ', '\r\n', '\t'][Math.floor(next() * 5)];
  const r = next();
  if (depth > 4 || r < 0.3) return [`"s${Math.floor(next() * 9)}"`, '12', '-1', 'true', 'null', '"a\\"b"', '"\\u00e9"'][Math.floor(next() * 7)];
  const n = Math.floor(next() * 5);
  if (r < 0.6) return `[${blank()}${Array.from({ length: n }, () => randomJson(next, depth + 1)).join(`,${blank()}`)}${blank()}]`;
  const keys = ['a', 'b', '1', '0', 'k\\"q', 'server', 'block_device_mapping_v2', 'a'];
  return `{${blank()}${Array.from({ length: n }, () => `"${keys[Math.floor(next() * keys.length)]}"${blank()}:${blank()}${randomJson(next, depth + 1)}`).join(`,${blank()}`)}${blank()}}`;
}

test('locationAt answers as jsonc-parser\'s getLocation from the start of the text, at every offset of random bodies', () => {
  const next = rng(4242);
  let fast = 0;
  for (let i = 0; i < 300; i++) {
    const text = randomJson(next);
    const parsed = parseJson(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const want = getLocation(text, offset);
      const got = locationAt(parsed.root, text, offset);
      assert.deepEqual(got.path, want.path, `${text} @${offset}`);
      assert.equal(got.isAtPropertyKey, want.isAtPropertyKey, `${text} @${offset}`);
      assert.deepEqual(got.previousNode && { ...got.previousNode }, want.previousNode && { ...want.previousNode }, `${text} @${offset}`);
      assert.equal(got.matches(['*', 'a']), want.matches(['*', 'a']));
      if (parsed.root instanceof LazyNode) fast++;
    }
  }
  assert.ok(fast > 1000, `${fast} offsets answered from the tree`);
});

/** a body with entries of many kinds, some Nova refuses, so that many rules report */
function mixedBody(next: () => number, n: number): string {
  const kinds = [
    () => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(Math.floor(next() * 1e6)).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${'bcdefg'[Math.floor(next() * 6)]}` }),
    () => ({ source_type: 'blank', destination_type: 'local', volume_size: 1, guest_format: ['ext4', 'swap', 'xfs'][Math.floor(next() * 3)], boot_index: -1 }),
    () => ({ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 'ten', boot_index: 'first' }),
    () => ({ source_type: 'snapshot', destination_type: 'local', uuid: 'not-a-uuid', disk_bus: 'virtio', device_type: 'lun' }),
    () => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-00000000000${Math.floor(next() * 9)}`, tag: 'x', volume_type: 'fast', device_name: 'sdb' }),
  ];
  const entries: unknown[] = [{ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 }];
  for (let i = 1; i < n; i++) entries.push(kinds[Math.floor(next() * kinds.length)]());
  return JSON.stringify({ server: { name: 'bench', flavorRef: '1', imageRef: '', block_device_mapping_v2: entries } }, null, 2) + '\n';
}

/** a random edit: mostly inside a string value (the structure stays), sometimes anywhere */
function randomEdit(next: () => number, text: string): { offset: number; length: number; text: string } {
  const strings = [...text.matchAll(/: "([^"\\]*)"/g)];
  const pick = <T>(a: readonly T[]) => a[Math.floor(next() * a.length)];
  const insert = pick(['', 'x', '7', '/dev/vdz', ' ', 'é', '"', '\\', 'a"b', '-']);
  if (next() < 0.8 && strings.length) {
    const m = pick(strings);
    const start = m.index! + 3;
    const offset = start + Math.floor(next() * (m[1].length + 1));
    const length = Math.min(Math.floor(next() * 3), start + m[1].length - offset);
    return { offset, length, text: insert };
  }
  const offset = Math.floor(next() * text.length);
  return { offset, length: Math.floor(next() * 2), text: insert };
}

test('typing in a body: the diagnostics with places reused from the previous version are exactly a fresh analysis\'s (random edits, fixed seed)', () => {
  const next = rng(20261203);
  let reused = 0, priors = 0, edits = 0;
  for (let round = 0; round < 4; round++) {
    let text = mixedBody(next, 30 + round * 20);
    const context = round % 2 ? defaultContext() : { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, microversion: '2.67' };
    let prev: DocState = { text, analysis: analyzeDocument(text, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes };
    diagnosticsOf(prev, 1000);
    for (let i = 0; i < 120; i++) {
      const e = randomEdit(next, text);
      const after = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
      const prior = priorOf(prev, [e]);
      const state: DocState = { text: after, analysis: analyzeDocument(after, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes, prior };
      if (prior) {
        priors++;
        reused += reusedPlaces(prior, state.analysis.diagnostics.slice(0, 1000), state.analysis.root).filter(Boolean).length;
      }
      const fresh: DocState = { text: after, analysis: analyzeDocument(after, 'json', context), context, tooLarge: false, lab: noLab, hashes: nodeHashes };
      const got = diagnosticsOf(state, 1000);
      const want = diagnosticsOf(fresh, 1000);
      assert.deepEqual(got, want, `round ${round} edit ${i}: ${JSON.stringify(e)}`);
      // byte for byte as published (the fields in the same order)
      assert.equal(JSON.stringify(got), JSON.stringify(want), `round ${round} edit ${i}: field order`);
      edits++;
      // a body the edit broke is typed on from its last good version (as a user undoes a stray quote)
      if (state.analysis.root instanceof LazyNode) {
        text = after;
        prev = state;
      }
    }
  }
  assert.ok(priors > edits / 3 && reused > priors * 10, `${edits} edits, ${priors} kept the structure, ${reused} places reused`);
});

test('an edit that does not keep the structure reuses nothing: a key, a quote, a backslash, outside a string', () => {
  const text = '{"server": {"name": "a\\\\b", "flavorRef": "1", "block_device_mapping_v2": []}}';
  const state: DocState = { text, analysis: analyzeDocument(text, 'json', defaultContext()), context: defaultContext(), tooLarge: false, lab: noLab, hashes: nodeHashes };
  diagnosticsOf(state, 1000);
  const at = (s: string) => text.indexOf(s);
  assert.ok(priorOf(state, [{ offset: at('flavorRef') + 2, length: 0, text: 'x' }]) === undefined, 'in a key');
  assert.ok(priorOf(state, [{ offset: at('"1"') + 1, length: 0, text: '"' }]) === undefined, 'a quote');
  assert.ok(priorOf(state, [{ offset: at('a\\\\b') + 1, length: 0, text: 'x' }]) === undefined, 'a string with a backslash');
  assert.ok(priorOf(state, [{ offset: at('[]') + 1, length: 0, text: '1' }]) === undefined, 'outside a string');
  assert.ok(priorOf(state, [{ offset: at('"1"') + 1, length: 1, text: '2' }]) !== undefined, 'inside a plain string value');
  assert.ok(priorOf(state, [{ offset: at('"1"') + 1, length: 1, text: '2' }, { offset: 0, length: 0, text: '' }]) === undefined, 'two edits');
});

test('hovering entries while typing: each hover is the one the same text sent whole gives (the previous version\'s names and plan reused or not; random edits, fixed seed)', () => {
  const next = rng(515);
  const inputs: DocInputs = { language: 'json', context: { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 512 } }, opts: {}, lab: noLab };
  let text = mixedBody(next, 40).replace(/"ten"|"first"/g, '1').replace(/not-a-uuid/g, '70a599e0-31e7-49b7-b260-868f441e862b');
  const typed = new DocumentStore();
  typed.apply({ type: 'doc', uri: 'u', version: 1, key: 'k', text, inputs });
  let entryHovers = 0;
  for (let v = 2; v < 80; v++) {
    const e = randomEdit(next, text);
    const after = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
    typed.apply({ type: 'edit', uri: 'u', from: v - 1, version: v, length: after.length, edits: [e] });
    const whole = new DocumentStore();
    whole.apply({ type: 'doc', uri: 'u', version: v, key: 'k', text: after, inputs });
    // the opening brace of a few entries (pretty-printed: six spaces in)
    const braces = [...after.matchAll(/\n {6}\{/g)].map((m) => m.index! + 7);
    for (let k = 0; k < 3 && braces.length; k++) {
      const offset = braces[Math.floor(next() * braces.length)];
      const ask = (s: DocumentStore) => s.answer({ type: 'req', id: k, uri: 'u', version: v, key: 'k', method: 'hover', params: { offset } });
      const got = ask(typed);
      assert.deepEqual(got, ask(whole), `version ${v}, ${JSON.stringify(e)}, offset ${offset}`);
      if ('result' in got && /<disk/.test((got.result as { markdown: string } | null)?.markdown ?? '')) entryHovers++;
    }
    // a body the edit broke is mended by the next version (as a user undoes a stray quote)
    try {
      JSON.parse(after);
      text = after;
    } catch {
      v++;
      typed.apply({ type: 'edit', uri: 'u', from: v - 1, version: v, length: text.length, edits: [{ offset: e.offset, length: e.text.length, text: text.slice(e.offset, e.offset + e.length) }] });
    }
  }
  assert.ok(entryHovers > 60, `only ${entryHovers} hovers showed an entry's <disk>`);
});

test('the entries\' previews reuse the previous version\'s names and plan only when the BDMs and inputs are the same', () => {
  const context = defaultContext();
  const body = (name: string, dev: string) => JSON.stringify({ server: { name, flavorRef: '1', block_device_mapping_v2: [
    { source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 },
    { source_type: 'volume', destination_type: 'volume', uuid: 'a26887c6-c47b-4654-abb5-000000000001', boot_index: -1, device_name: dev },
  ] } }, null, 2);
  const first: { ground?: PreviewGround; previous?: PreviewGround } = {};
  const a1 = analyzeDocument(body('a', '/dev/vdb'), 'json', context);
  entryPreviewOf(a1, context, null, nodeHashes, 1, first);
  assert.ok(first.ground);
  // another server name: the same BDMs, the same ground
  const renamed: typeof first = { previous: first.ground };
  const a2 = analyzeDocument(body('abc', '/dev/vdb'), 'json', context);
  const p2 = entryPreviewOf(a2, context, null, nodeHashes, 1, renamed);
  assert.equal(renamed.ground, first.ground);
  assert.equal(renamed.previous, undefined);
  assert.equal(entryPreviewMarkdown(p2!, 1), entryPreviewMarkdown(previewOf(a2, context, null, nodeHashes), 1));
  // another device name, another context object, other hashes: worked out again
  for (const [a, ctx, hashes] of [[analyzeDocument(body('a', '/dev/vdc'), 'json', context), context, nodeHashes], [a2, { ...context }, nodeHashes], [a2, context, { ...nodeHashes }]] as const) {
    const kept: typeof first = { previous: first.ground };
    const p = entryPreviewOf(a, ctx, null, hashes, 1, kept);
    assert.notEqual(kept.ground, first.ground);
    assert.equal(entryPreviewMarkdown(p!, 1), entryPreviewMarkdown(previewOf(a, ctx, null, hashes), 1));
  }
});
