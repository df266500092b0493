/**
 * Every per-entry pass grows linearly with the entry count (issue 13, "freeze": device naming
 * was cubic, a 2 000-entry body took 22 s per hover). Never an absolute time: the median time
 * at 2n over the median at n, measured interleaved in the same run after a warm-up (linear
 * gives ~2, quadratic ~4, cubic ~8), plus a generous watchdog per test for the hang itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/document';
import { defaultContext, type Context } from '../../server/src/model/context';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { previewOf, previewDocument, entryPreviewMarkdown } from '../../server/src/features/preview';
import { hoverJson } from '../../server/src/features/hover';
import { outline } from '../../server/src/features/symbols';
import { quickFixes } from '../../server/src/features/codeActions';
import { completeJson } from '../../server/src/features/completion';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import type { NovaBdm } from '../../server/src/nova/types';
import { hashes, lab } from '../fixtures/attach/helpers';
import { bestGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;
const IMAGE = 'dbbec6ed-017e-45b0-845d-45c73c718ac6';
const ctx: Context = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 100, swap_mb: 0 }, max_local_block_devices: -1 };

type Shape = 'image-volume' | 'blank-volume' | 'ephemeral' | 'named-volume' | 'mixed-invalid' | 'boot-gap';

function letters(i: number): string {
  let s = '';
  for (let k = i; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
  return s;
}

function body(shape: Shape, n: number): string {
  const entries: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const root = { source_type: 'image', destination_type: 'volume', uuid: IMAGE, volume_size: 1, boot_index: 0 };
    switch (shape) {
      case 'image-volume': entries.push({ ...root, boot_index: i === 0 ? 0 : -1 }); break;
      case 'blank-volume': entries.push(i === 0 ? root : { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 }); break;
      case 'ephemeral': entries.push(i === 0 ? { source_type: 'image', destination_type: 'local', uuid: IMAGE, boot_index: 0 } : { source_type: 'blank', destination_type: 'local', volume_size: 1 }); break;
      case 'named-volume': entries.push(i === 0 ? root : { source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${letters(i)}` }); break;
      case 'mixed-invalid': entries.push([{}, { source_type: 'x' }, { source_type: 'blank', destination_type: 'local', volume_size: 'a' }, { ...root, boot_index: i }][i % 4]); break;
      case 'boot-gap': entries.push({ ...root, boot_index: i + 1 }); break;
    }
  }
  return JSON.stringify({ server: { name: 'g', flavorRef: '1', imageRef: shape === 'ephemeral' ? IMAGE : '', block_device_mapping_v2: entries } }, null, 2) + '\n';
}

interface Case { text: string; a: DocumentAnalysis }
const cases = new Map<string, Case>();
function load(shape: Shape, n: number): Case {
  const key = `${shape}:${n}`;
  let c = cases.get(key);
  if (!c) {
    const text = body(shape, n);
    c = { text, a: analyzeDocument(text, 'json', ctx) };
    cases.set(key, c);
  }
  return c;
}
const bdmsOf = (a: DocumentAnalysis): NovaBdm[] => a.novaBdms ?? a.entries.map((e) => e.bdm).filter((b): b is NovaBdm => !!b && !b.no_device);

/**
 * time at 2n over time at n, the setup (parsing, judging) not timed: test/unit/growth.ts's
 * harness (interleaved medians, samples long enough to time, measured again while a neighbour on
 * a shared machine spoils a round; a superlinear pass stays above the bound in every round).
 */
function growth<T>(n: number, setup: (n: number) => T, work: (input: T) => unknown, reps = 5): number {
  return bestGrowth(setup, work, n, MAX_RATIO, 5, reps).ratio;
}

function assertLinear(ratio: number, what: string) {
  assert.ok(ratio < MAX_RATIO, `${what}: time at 2n / time at n = ${ratio.toFixed(2)} (linear ~2, quadratic ~4, cubic ~8)`);
}

for (const shape of ['ephemeral', 'image-volume'] as const) {
  test(`growth: naming (computeDiskInfo) of ${shape} entries is linear, 4 000 vs 8 000`, WATCHDOG, () => {
    const r = growth(4000, (n) => bdmsOf(load(shape, n).a), (bdms) => computeDiskInfo(bdms, ctx, { imageRef: null }), 7);
    assertLinear(r, `naming ${shape}`);
  });
}

test('growth: simulateBoot naming and run of blank volumes is linear, 300 vs 600', WATCHDOG, () => {
  const host = lab('iscsi');
  const r = growth(300, (n) => bdmsOf(load('blank-volume', n).a), (bdms) => simulateBoot(host, bdms, { hashes }), 3);
  assertLinear(r, 'simulateBoot');
});

for (const shape of ['blank-volume', 'ephemeral', 'named-volume'] as const) {
  test(`growth: hover at the last ${shape} entry (preview computed, as the server does once per version), 2 000 vs 4 000`, WATCHDOG, () => {
    const host = lab('default');
    const r = growth(2000, (n) => load(shape, n), ({ a, text }) => {
      const p = previewOf(a, ctx, host, hashes);
      const at = text.lastIndexOf('"source_type"') + 3;
      const h = hoverJson(a, text, at, ctx, (e) => entryPreviewMarkdown(p, e));
      assert.ok(h && /Entry #\d+/.test(h.markdown));
    });
    assertLinear(r, `hover ${shape}`);
  });
}

test('growth: preview document of image->volume entries with a lab host is linear, 2 000 vs 4 000', WATCHDOG, () => {
  const host = lab('default');
  const r = growth(2000, (n) => load('image-volume', n), ({ a }) => previewDocument(previewOf(a, ctx, host, hashes)));
  assertLinear(r, 'preview');
});

test('growth: outline symbols of mixed invalid entries are linear, 2 000 vs 4 000', WATCHDOG, () => {
  const r = growth(2000, (n) => load('mixed-invalid', n), ({ a }) => outline(a));
  assertLinear(r, 'symbols');
});

test('growth: the renumber quick fix over boot indexes 1..n is linear, 2 000 vs 4 000', WATCHDOG, () => {
  const r = growth(2000, (n) => load('boot-gap', n), ({ a, text }) => {
    const d = a.diagnostics.find((x) => x.code === 'BDM-COMPUTE-BOOT-SEQUENCE');
    assert.ok(d, 'the body has a boot-index gap');
    assert.equal(quickFixes(a, text, d).length, 1);
  }, 3);
  assertLinear(r, 'renumber');
});

test('growth: completion of a boot_index value at the last entry is linear, 2 000 vs 4 000', WATCHDOG, () => {
  const r = growth(2000, (n) => load('image-volume', n), ({ a, text }) => completeJson(a, text, text.lastIndexOf('"boot_index": ') + 15, ctx));
  assertLinear(r, 'completion');
});

test('renumber quick fix: the same text as editing each boot index in turn', () => {
  const { a, text } = load('boot-gap', 5);
  const d = a.diagnostics.find((x) => x.code === 'BDM-COMPUTE-BOOT-SEQUENCE')!;
  const fixed = JSON.parse(quickFixes(a, text, d)[0]!.edits[0]!.newText) as { server: { block_device_mapping_v2: Array<{ boot_index: number }> } };
  assert.deepEqual(fixed.server.block_device_mapping_v2.map((e) => e.boot_index), [0, 1, 2, 3, 4]);
});

// The default path (no flavor, no context), as the CLI and the editor publish it: every
// diagnostic's place and message read, one after the other. Places on the lazy tree are found
// by walking the text of the nearest placed node: a walk per diagnostic over the whole list
// would be quadratic here.
// boot-gap: boot indexes 1..n, the boot-sequence check blames an entry (it compared every pair)
for (const shape of ['named-volume', 'mixed-invalid', 'boot-gap'] as const) {
  test(`growth: judging a ${shape} body on default settings and reading every diagnostic's place and message is linear, 4 000 vs 8 000`, WATCHDOG, () => {
    const r = growth(4000, (n) => body(shape, n), (text) => {
      let sum = 0;
      for (const d of analyzeDocument(text, 'json', defaultContext()).diagnostics) sum += d.span.offset + d.span.length + d.message.length;
      return sum;
    }, 5);
    assertLinear(r, `default-settings diagnostics of ${shape}`);
  });
}

// the requested networks' check (rules/nova/networks.ts) looks for a port named twice: a list
// compared with every earlier port was quadratic in the networks
test('growth: judging a body whose networks name thousands of distinct ports is linear, 4 000 vs 8 000', WATCHDOG, () => {
  const uuid = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;
  const text = (n: number) => JSON.stringify({ server: { name: 'n', flavorRef: '1', imageRef: IMAGE, networks: Array.from({ length: n }, (_, i) => ({ port: uuid(i) })) } });
  const r = growth(4000, text, (t) => analyzeDocument(t, 'json', defaultContext()).valid, 5);
  assertLinear(r, 'networks with distinct ports');
});
