/**
 * The CLI caps a file's diagnostics (--max-problems) without reading the analysis's accessors: a
 * big accepted request's NovaBdms are built when first read (analyze.ts finish), and no report
 * prints them. capAnalysis is the document's copy with capped diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capAnalysis } from '../../server/src/document';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';

function diag(i: number) {
  return { code: 'BDM-X', severity: 'information' as const, message: `m${i}`, novaMessage: `m${i}`, explanation: '', span: { offset: i, length: 1 }, entry: i, path: `p${i}`, novaStatus: null, upstream: '', related: [] };
}

function withCountedAccessor(n: number) {
  let reads = 0;
  const a = {
    kind: 'server' as const,
    diagnostics: Array.from({ length: n }, (_, i) => diag(i)),
    get novaBdms() {
      reads++;
      return [{ entry: 0 }];
    },
  };
  return { a, reads: () => reads };
}

test('capAnalysis returns the analysis itself when nothing is cut, reading no accessor', () => {
  const { a, reads } = withCountedAccessor(3);
  const out = capAnalysis(a, 5);
  assert.equal(out, a);
  assert.equal(reads(), 0);
});

test('capAnalysis copies a capped analysis with its accessors unread, and they still answer', () => {
  const { a, reads } = withCountedAccessor(10);
  const out = capAnalysis(a, 4, 'more');
  assert.notEqual(out, a);
  assert.equal(reads(), 0);
  assert.equal(out.diagnostics.length, 5);
  assert.deepEqual(out.diagnostics.slice(0, 4).map((d) => d.message), ['m0', 'm1', 'm2', 'm3']);
  assert.equal(out.diagnostics[4].code, 'BDM-LIMIT-RESULTS');
  assert.match(out.diagnostics[4].message, /first 4 of 10 problems \(more\)/);
  // the original is untouched
  assert.equal(a.diagnostics.length, 10);
  assert.equal(out.kind, 'server');
  assert.deepEqual(out.novaBdms, [{ entry: 0 }]);
  assert.equal(reads(), 1);
  // the copy serialises as a plain object does
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(out))).sort(), ['diagnostics', 'kind', 'novaBdms']);
});

test('a capped big accepted request keeps its lazy NovaBdms unbuilt, and they equal the uncapped ones', () => {
  const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
  const entries = [{ source_type: 'image', destination_type: 'volume', uuid: UUID, volume_size: 10, boot_index: 0 }];
  for (let i = 1; i < 1500; i++) entries.push({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}`.slice(0, 12) } as never);
  const text = JSON.stringify({ server: { name: 'x', flavorRef: '1', block_device_mapping_v2: entries } });
  const a = analyzeJson(text, defaultContext(), { maxEntries: 1e9 });
  assert.equal(a.valid, true);
  const desc = Object.getOwnPropertyDescriptor(a, 'novaBdms');
  assert.equal(typeof desc?.get, 'function', 'past the naming limit the list is an accessor');
  const out = capAnalysis(a, 10);
  assert.equal(typeof Object.getOwnPropertyDescriptor(out, 'novaBdms')?.get, 'function');
  assert.equal(out.diagnostics.length, 11);
  assert.equal(out.novaBdms?.length, 1500);
  assert.deepEqual(out.novaBdms, a.novaBdms);
});
