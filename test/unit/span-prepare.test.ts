/**
 * Preparing spans (text/span.ts prepareSpans, used by the CLI's reports) only changes when the
 * lazy tree's nodes are made and placed, never where: every diagnostic's place is the same as
 * when each is read on its own (the old way), on the labelled corpus and on seeded random bodies
 * (duplicated keys, odd blanks, escapes, schema errors, notes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext, type Context } from '../../server/src/model/context';
import { prepareSpans, type Span } from '../../server/src/text/span';
import { rng } from '../../scripts/prng.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const FULL: Context = { ...defaultContext(), microversion: '2.32', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: -1 };

const places = (spans: Span[]) => spans.map((s) => [s.offset, s.length]);

function compare(text: string, ctx: Context, label: string): number {
  const plain = analyzeJson(text, ctx);
  const prepared = analyzeJson(text, ctx);
  const all = (a: typeof plain) => [...a.diagnostics.flatMap((d) => [d.span, ...d.related.map((r) => r.span)]), ...a.entries.map((e) => e.span)];
  prepareSpans(all(prepared));
  // the plain one read one at a time, in the order a report reads them
  const want = places(all(plain));
  assert.deepEqual(places(all(prepared)), want, label);
  return want.length;
}

const BLANKS = ['', ' ', '\n', '\r\n', '\t', '  \n    '];
const KEYS = ['source_type', 'destination_type', 'uuid', 'boot_index', 'device_name', 'volume_size', 'disk_bus', 'device_type', 'guest_format', 'delete_on_termination', 'tag', 'x\\"y', 'volume_type'];
const VALUES = ['"volume"', '"image"', '"blank"', '"local"', '"snapshot"', '0', '-1', '1', '"first"', '"0"', 'null', 'true', '"/dev/vdb"', '"vdc"', '"virtio"', '"lun"', '"swap"', '[]', '{}', '"a26887c6-c47b-4654-abb5-000000000001"', '"\\u00e9\\n"', '10'];

/** A server-create body written by hand: random keys (some duplicated), values and blanks. */
function randomBody(next: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const b = () => pick(BLANKS);
  const entries: string[] = [];
  const n = 1 + Math.floor(next() * 12);
  for (let i = 0; i < n; i++) {
    const props: string[] = [];
    const k = Math.floor(next() * 7);
    for (let j = 0; j < k; j++) props.push(`${b()}"${pick(KEYS)}"${b()}:${b()}${pick(VALUES)}${b()}`);
    entries.push(`${b()}{${props.join(',')}}${b()}`);
  }
  const name = next() < 0.2 ? '"name": "a", "name": "b"' : '"name": "r"';
  return `${b()}{${b()}"server":${b()}{${name},${b()}"flavorRef": "1",${b()}"block_device_mapping_v2":${b()}[${entries.join(',')}]${b()}}${b()}}${b()}`;
}

test('prepared spans are placed as spans read one by one (labelled corpus)', () => {
  const cases = (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json'), 'utf8')) as { cases: Array<{ id: string; payloadText: string }> }).cases;
  let n = 0;
  for (const c of cases) for (const ctx of [defaultContext(), FULL]) n += compare(c.payloadText, ctx, c.id);
  assert.ok(n > 1000, `compared ${n} places`);
});

test('prepared spans are placed as spans read one by one (seeded random bodies)', () => {
  const next = rng(1515);
  let n = 0;
  let parsed = 0;
  for (let i = 0; i < 300; i++) {
    const text = randomBody(next);
    try { JSON.parse(text); parsed++; } catch { /* a syntax problem: the exact parser's tree */ }
    n += compare(text, i % 2 ? FULL : defaultContext(), `body ${i}: ${text}`);
  }
  assert.ok(parsed > 250, `${parsed} bodies took the lazy tree`);
  assert.ok(n > 1000, `compared ${n} places`);
});
