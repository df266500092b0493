/**
 * The three JSON sources (server/src/source/): what the rules see of a document. Values are read
 * by body path, places are located lazily in the document's own text, numbers keep their
 * spelling, the last of duplicated keys wins (as Nova's json reads them), and judging a large
 * body reads no position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJsonSource } from '../../server/src/source/registry';
import { isPyFloat, type SourceDoc } from '../../server/src/source/doc';
import { LazyNode } from '../../server/src/parse/lazyTree';
import { CachedSpan } from '../../server/src/text/span';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext } from '../../server/src/model/contextLoad';

const slice = (text: string, s: { offset: number; length: number } | undefined) => (s ? text.substr(s.offset, s.length) : undefined);
const source = (text: string, mv = '2.67'): SourceDoc => {
  const doc = readJsonSource(text, mv);
  assert.ok(doc, 'recognised');
  return doc;
};
const V = '155d900f-4e14-4e4c-a73d-069cbf4541e6';

test('server body: values and places by body path', () => {
  const text = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${V}",\n  "block_device_mapping_v2": [{"source_type": "image", "uuid": "${V}", "boot_index": 0, "destination_type": "local"},\n {"source_type": "blank", "destination_type": "volume", "volume_size": 2}]}}`;
  const doc = source(text);
  assert.equal(doc.kind, 'server');
  assert.equal(doc.api, 'server');
  assert.equal(doc.tool, 'nova-api');
  assert.equal(doc.microversion, null, 'a JSON body is sent at the context\'s microversion');
  assert.deepEqual(doc.findings, [], 'no tool of its own answers first');
  assert.equal(doc.imageRef, V);
  assert.equal(doc.valueAt(['server', 'block_device_mapping_v2', 1, 'volume_size']), 2);
  assert.equal(doc.valueAt(['server', 'block_device_mapping_v2', 7]), undefined);
  assert.deepEqual(doc.keysAt(['server', 'block_device_mapping_v2', 1]), ['source_type', 'destination_type', 'volume_size']);
  const p = ['server', 'block_device_mapping_v2', 1, 'volume_size'];
  assert.equal(slice(text, doc.locate(p, 'key')), '"volume_size"');
  assert.equal(slice(text, doc.locate(p, 'value')), '2');
  assert.equal(slice(text, doc.locate(p, 'whole')), '"volume_size": 2');
  assert.equal(slice(text, doc.locate(['server', 'block_device_mapping_v2', 1], 'start')), '{');
  assert.equal(slice(text, doc.locate(['server', 'block_device_mapping_v2'], 'key')), '"block_device_mapping_v2"');
  assert.equal(doc.locate(['server', 'min_count'], 'key'), undefined, 'an absent path has no place');
  const { v2, v1 } = doc.entries();
  assert.equal(v2.length, 2);
  assert.equal(v1.length, 0);
  assert.equal(v2[1].pathText(), 'server.block_device_mapping_v2[1]');
  assert.equal(slice(text, v2[1].span)?.startsWith('{"source_type": "blank"'), true);
  assert.equal(doc.printPath('server.block_device_mapping_v2[1].uuid'), 'server.block_device_mapping_v2[1].uuid');
  assert.equal(doc.covers('server.imageRef'), true);
});

test('server body: a number keeps its spelling (Python reads 10.0 as a float)', () => {
  const text = '{"server": {"block_device_mapping_v2": [{"volume_size": 10.0}, {"volume_size": 10}, {"volume_size": 1e1}, {"volume_size": "10.0"}]}}';
  const doc = source(text);
  const at = (i: number) => ['server', 'block_device_mapping_v2', i, 'volume_size'];
  assert.equal(doc.numberText(at(0)), '10.0');
  assert.equal(doc.numberText(at(1)), '10');
  assert.equal(doc.numberText(at(2)), '1e1');
  assert.equal(doc.numberText(at(3)), undefined, 'a string is not a number');
  assert.deepEqual([0, 1, 2, 3].map((i) => isPyFloat(doc, at(i))), [true, false, true, false]);
  assert.equal(doc.valueAt(at(0)), 10);
  assert.equal(doc.pyRepr(at(0)), '10.0');
  assert.equal(doc.pyRepr(at(1)), '10');
  assert.equal(doc.pyStr(at(3)), '10.0');
  assert.equal(doc.pyRepr(at(3)), "'10.0'");
  // no float literal anywhere: the lazy tree, still an int spelling
  const plain = source('{"server": {"block_device_mapping_v2": [{"volume_size": 12345678901234567890}]}}');
  assert.equal(isPyFloat(plain, at(0)), false);
  assert.match(plain.numberText(at(0))!, /^\d+$/);
});

test('duplicated keys: the last wins, in the first key\'s place, as Nova\'s json reads them', () => {
  for (const n of ['1', '1.5']) {
    // with and without a float literal (jsonc-parser's tree, the lazy tree)
    const text = `{"server": {"n": ${n}, "block_device_mapping_v2": [{"boot_index": 1, "uuid": "a", "boot_index": 3}]}}`;
    const doc = source(text);
    const p = ['server', 'block_device_mapping_v2', 0, 'boot_index'];
    assert.equal(doc.valueAt(p), 3);
    assert.equal(text.slice(0, doc.locate(p, 'key')!.offset).endsWith('"uuid": "a", '), true, 'the last key is located');
    assert.equal(slice(text, doc.locate(p, 'value')), '3');
    const m = doc.entries().v2[0];
    assert.deepEqual(Object.keys(m.values), ['boot_index', 'uuid']);
    assert.equal(m.values.boot_index, 3);
  }
});

test('bare list: judged as the block_device_mapping_v2 of a server body, placed and printed from the list', () => {
  const text = `[\n {"source_type": "image", "destination_type": "local", "uuid": "${V}", "boot_index": 0},\n {"source_type": "volume", "uuid": "${V}", "destination_type": "volume", "volume_size": 1.0}\n]`;
  const doc = source(text, '2.40');
  assert.equal(doc.kind, 'array');
  assert.equal(doc.api, 'server');
  assert.equal(doc.imageRef, V, 'the image of the image->local root');
  const body = doc.body as { server: Record<string, unknown> };
  assert.equal(body.server.flavorRef, '1');
  assert.equal(body.server.networks, 'none', 'microversion 2.37 on needs networks');
  assert.equal(Array.isArray(body.server.block_device_mapping_v2), true);
  const p = ['server', 'block_device_mapping_v2', 1, 'volume_size'];
  assert.equal(doc.valueAt(p), 1);
  assert.equal(doc.numberText(p), '1.0');
  assert.equal(slice(text, doc.locate(p, 'key')), '"volume_size"');
  assert.equal(slice(text, doc.locate(p, 'value')), '1.0');
  assert.equal(slice(text, doc.locate(['server', 'block_device_mapping_v2'], 'key')), '[', 'the list has no key: its bracket');
  assert.equal(doc.locate(['server', 'flavorRef'], 'key'), undefined, 'made-up fields are written nowhere');
  assert.equal(doc.covers('server.flavorRef'), false);
  assert.equal(doc.covers('server.block_device_mapping_v2[1].uuid'), true);
  assert.equal(doc.printPath('server.block_device_mapping_v2[1].uuid'), '[1].uuid');
  assert.equal(doc.entries().v2[1].pathText(), 'server.block_device_mapping_v2[1]');
});

test('volumeAttachment body: values, places and numbers by body path', () => {
  const text = `{"volumeAttachment": {"volumeId": "${V}", "device": "/dev/vdb", "tag": 1.50, "device": null}}`;
  const doc = source(text);
  assert.equal(doc.kind, 'attach');
  assert.equal(doc.api, 'attach');
  assert.equal(doc.imageRef, null);
  assert.deepEqual(doc.entries(), { v2: [], v1: [] });
  assert.equal(doc.valueAt(['volumeAttachment', 'device']), null, 'the last device wins');
  assert.equal(slice(text, doc.locate(['volumeAttachment', 'device'], 'value')), 'null');
  assert.equal(slice(text, doc.locate(['volumeAttachment', 'volumeId'], 'key')), '"volumeId"');
  assert.equal(doc.numberText(['volumeAttachment', 'tag']), '1.50');
  assert.equal(doc.pyRepr(['volumeAttachment', 'tag']), '1.5');
  // (a duplicated key: once or at each place, as the tree has it; both readers take the set)
  assert.deepEqual([...new Set(doc.keysAt(['volumeAttachment']))], ['volumeId', 'device', 'tag']);
});

/** Counts reads of a lazy node's offset while `fn` runs. */
function positionReads(fn: () => void): number {
  const proto = LazyNode.prototype;
  const desc = Object.getOwnPropertyDescriptor(proto, 'offset')!;
  let reads = 0;
  Object.defineProperty(proto, 'offset', { ...desc, get(this: LazyNode) { reads++; return desc.get!.call(this); } });
  try { fn(); } finally { Object.defineProperty(proto, 'offset', desc); }
  return reads;
}

test('judging a 10 000-entry body reads no position; showing a finding does', () => {
  const ctx = mergeContext([{ source: 'cli', context: { microversion: '2.67' } }]).context;
  const entry = (i: number) => ({ source_type: 'volume', destination_type: 'volume', uuid: V, boot_index: i === 0 ? 0 : -1 });
  const list = Array.from({ length: 10_000 }, (_, i) => entry(i));
  list[9_000] = { ...entry(9_000), boot_index: 0 }; // a finding: two roots
  const bodies = { server: JSON.stringify({ server: { name: 's', flavorRef: '1', networks: 'none', block_device_mapping_v2: list } }), array: JSON.stringify(list) };
  for (const [kind, text] of Object.entries(bodies)) {
    assert.ok(readJsonSource(text, '2.67') && readJsonSource(text, '2.67')!.kind === kind);
    let a: ReturnType<typeof analyzeJson> | undefined;
    assert.equal(positionReads(() => { a = analyzeJson(text, ctx); }), 0, `${kind}: judging read a position`);
    assert.equal(a!.valid, false);
    assert.equal(a!.verdict?.code, 'BDM-COMPUTE-BOOT-SEQUENCE');
    assert.ok(a!.diagnostics.length > 0);
    // the shown span is found when read (by a walk placing nodes, or by its key's spelling in the text: listKeyPlace), not while judging
    const shown = a!.diagnostics[0].span;
    const known = (s: unknown) => Object.getOwnPropertyDescriptor(CachedSpan.prototype, 'known')!.get!.call(s) as boolean;
    assert.ok(shown instanceof CachedSpan && !known(shown), `${kind}: the shown span is not computed while judging`);
    const span = { offset: shown.offset, length: shown.length };
    assert.ok(known(shown), `${kind}: a shown span is read from the text`);
    assert.match(text.substr(span.offset, span.length), /^0$|^-1$/);
  }
  const attach = JSON.stringify({ volumeAttachment: { volumeId: V, device: '/dev/vdb' } });
  assert.equal(positionReads(() => analyzeJson(attach, ctx)), 0, 'attach: judging read a position');
});
