/**
 * JSON bodies built to be slow (the safety sweep): a server object of thousands of keys Nova's
 * schema does not take. Each is a finding placed on its key; placing them and working out the
 * code actions must stay linear (a scan of the object's keys per key, and a list search per
 * unexpected key, were quadratic: 3 s to judge 20 000 keys, 2.6 s more for the code actions).
 * Growth as a ratio in the same run (test/unit/growth.ts), with a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { cutMessage, MAX_MESSAGE_CHARS, runRequest, type DocState } from '../../server/src/features/requests';
import { nodeHashes } from '../../server/src/host';
import { bestGrowth, describeGrowth } from './growth';
import { cliRunner } from './cli-run';
import { MAX_CLI_MESSAGE_CHARS } from '../../server/src/model/diagnostic';

const WATCHDOG = { timeout: 120_000 };
const U = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;

function manyKeys(n: number): string {
  const keys = Array.from({ length: n }, (_, i) => `"k${i}": ${i}`).join(', ');
  return `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${U(0)}", "networks": "auto", "block_device_mapping_v2": [{"source_type": "image", "uuid": "${U(1)}", "boot_index": 0, "destination_type": "local"}], ${keys}}}`;
}

/** Judge, read every diagnostic's place, and ask the code actions for all of them. */
function judgeAndFix(text: string): number {
  const context = defaultContext();
  const s: DocState = { text, analysis: analyzeDocument(text, 'json', context), context, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHashes };
  let sum = 0;
  for (const d of s.analysis.diagnostics) sum += d.span.offset;
  runRequest(s, 'codeAction', { diagnostics: s.analysis.diagnostics.map((d) => ({ code: d.code, offset: d.span.offset })), refactor: true });
  return sum;
}

test('a server object of n unexpected keys: each is told at its key', () => {
  const text = manyKeys(30);
  const a = analyzeDocument(text, 'json', defaultContext());
  const found = a.diagnostics.filter((d) => d.code === 'BDM-SCHEMA-REQUEST' && /^server\.k\d+$/.test(d.path));
  assert.equal(found.length, 30);
  assert.deepEqual(found.map((d) => text.slice(d.span.offset, d.span.offset + d.span.length)), Array.from({ length: 30 }, (_, i) => `"k${i}"`));
});

test('judging and fixing a server object of n unexpected keys grows linearly: 20 000 vs 40 000 keys', WATCHDOG, () => {
  const g = bestGrowth(manyKeys, judgeAndFix, 20_000, 3, 2, 3);
  assert.ok(g.ratio < 3, `${describeGrowth("unexpected server keys", 20_000, g)} (linear ~2, quadratic ~4)`);
});

test('a 600 KB body with 1 000 unexpected keys: the editor\'s diagnostics are answered, each message cut with a note (each held the whole body: 600 MB in all)', WATCHDOG, () => {
  const keys = Array.from({ length: 1_000 }, (_, i) => `"k${i}": ${i}`).join(', ');
  const text = `{"server": {"name": "${'x'.repeat(600_000)}", "flavorRef": "1", "imageRef": "${U(0)}", "networks": [], ${keys}}}`;
  const context = defaultContext();
  const s: DocState = { text, analysis: analyzeDocument(text, 'json', context), context, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHashes };
  const shown = runRequest(s, 'diagnostics', { max: 1_000 });
  assert.ok(shown.length >= 1_000, String(shown.length));
  const published = JSON.stringify(shown);
  assert.ok(published.length < 50_000_000, `${published.length} characters published`);
  const k0 = shown.find((d) => d.path === 'server.k0');
  assert.ok(k0);
  assert.match(k0.message, /^Invalid input for field\/attribute server\. Value: \{'name': 'xxx/);
  assert.match(k0.message, /… \(\d+ more characters; bdm-lab check prints up to 20,000 characters\)$/);
  assert.ok(k0.message.length < MAX_MESSAGE_CHARS + 100);
  // the analysis keeps Nova's words whole (the CLI prints them)
  assert.ok(s.analysis.diagnostics.find((d) => d.path === 'server.k0')!.message.length > 600_000);
});

test('a message at most MAX_MESSAGE_CHARS long is published as it is, and a cut keeps surrogate pairs whole', () => {
  assert.equal(cutMessage('a'.repeat(MAX_MESSAGE_CHARS)), 'a'.repeat(MAX_MESSAGE_CHARS));
  const cut = cutMessage(`${'a'.repeat(MAX_MESSAGE_CHARS - 1)}\u{1F600}tail`);
  assert.ok(cut.startsWith(`${'a'.repeat(MAX_MESSAGE_CHARS - 1)}…`), cut.slice(MAX_MESSAGE_CHARS - 3, MAX_MESSAGE_CHARS + 3));
});

test('bdm-lab check on a 600 KB body with 1 000 unexpected keys reports in every format (it said "internal error: Invalid string length"), messages cut with a note', { timeout: 120_000 }, async () => {
  const keys = Array.from({ length: 1_000 }, (_, i) => `"k${i}": ${i}`).join(', ');
  const run = cliRunner({ 'big.json': `{"server": {"name": "${'x'.repeat(600_000)}", "flavorRef": "1", "imageRef": "${U(0)}", "networks": [], ${keys}}}` });
  for (const format of ['text', 'json', 'sarif']) {
    const r = await run(['check', '--format', format, 'big.json']);
    assert.equal(r.code, 1, `${format}: ${r.err.slice(0, 300)}`);
    assert.ok(r.out.length < 100_000_000, `${format}: ${r.out.length} characters`);
    assert.match(r.out, new RegExp(`… \\(\\d+ more characters\\)`), format);
  }
  const json = JSON.parse((await run(['check', '--format', 'json', 'big.json'])).out) as { files: Array<{ diagnostics: Array<{ path: string; message: string; novaMessage: string }> }> };
  const k0 = json.files[0].diagnostics.find((d) => d.path === 'server.k0')!;
  assert.ok(k0.novaMessage.length <= MAX_CLI_MESSAGE_CHARS + 40 && k0.novaMessage.startsWith("Invalid input for field/attribute server. Value: {'name': 'xxx"), k0.novaMessage.slice(0, 100));
});
