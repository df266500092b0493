/**
 * "Raise the microversion" names the smallest microversion that makes the body valid (issue 16
 * item 5: the seed's tagged payload is valid at 2.32, while 2.42 then asks for "networks"), says
 * what Nova asks for when no version makes the body valid, and the "networks" that 2.37+ asks
 * for has its own fix. Labels: shared/spec/nova-bdm-rules.md (microversion table: tag at 2.32 and
 * >= 2.42; networks required from 2.37; volume_type from 2.67).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { quickFixes, applyEdits } from '../../server/src/features/codeActions';
import { defaultContext, type Context } from '../../server/src/model/context';
import { analyzeJson } from '../../server/src/analyze';

const VOL = '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e';
const body = (bdm: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ server: { name: 's', flavorRef: '1', ...extra, block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, ...bdm }] } }, null, 2);
const ctx = (mv: string): Context => ({ ...defaultContext(), microversion: mv, flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } });

function fixesFor(text: string, c: Context, code: string) {
  const a = analyzeDocument(text, 'json', c);
  const d = a.diagnostics.find((x) => x.code === code);
  assert.ok(d, `${code} expected, got ${a.diagnostics.map((x) => x.code).join(', ')}`);
  return quickFixes(a, text, d, c);
}

test('a BDM tag at 2.1: raise to 2.32, where the body is valid (not 2.42, which then wants networks)', () => {
  const text = body({ tag: 'root' });
  const fixes = fixesFor(text, ctx('2.1'), 'BDM-SCHEMA-TAG-MICROVERSION');
  const raise = fixes.find((f) => f.command?.command === 'bdmLab.setMicroversion');
  assert.ok(raise);
  assert.deepEqual(raise.command!.arguments, ['2.32']);
  assert.equal(raise.title, 'Raise the microversion setting to 2.32 (the body is then valid)');
  assert.equal(analyzeJson(text, ctx('2.32')).valid, true);
  assert.equal(analyzeJson(text, ctx('2.42')).valid, false);
});

test('a BDM tag at 2.33 (refused again until 2.42): raise to 2.42, and say Nova then asks for networks', () => {
  const text = body({ tag: 'root' });
  const raise = fixesFor(text, ctx('2.33'), 'BDM-SCHEMA-TAG-MICROVERSION').find((f) => f.command);
  assert.deepEqual(raise!.command!.arguments, ['2.42']);
  assert.equal(raise!.title, 'Raise the microversion setting to 2.42 (then Nova asks: BDM-SCHEMA-REQUEST)');
});

test('at 2.42 the missing networks has its fix, and after it the body is valid', () => {
  const text = body({ tag: 'root' });
  const c = ctx('2.42');
  const fixes = fixesFor(text, c, 'BDM-SCHEMA-REQUEST');
  const none = fixes.find((f) => f.title.startsWith('Add "networks": "none"'));
  assert.ok(none, fixes.map((f) => f.title).join(' | '));
  assert.equal(none.preferred, true);
  const fixed = applyEdits(text, none.edits);
  assert.equal(JSON.parse(fixed).server.networks, 'none');
  assert.equal(analyzeJson(fixed, c).valid, true);
  // below 2.37 a BDM-SCHEMA-REQUEST is never about networks: no such fix
  const other = JSON.stringify({ server: { name: 's', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }], bogus: 1 } });
  const a = analyzeDocument(other, 'json', ctx('2.1'));
  for (const d of a.diagnostics.filter((x) => x.code === 'BDM-SCHEMA-REQUEST')) assert.deepEqual(quickFixes(a, other, d, ctx('2.1')).filter((f) => f.title.includes('networks')), []);
});

test('volume_type at 2.1 with networks given: 2.67, the body then valid', () => {
  const text = body({ source_type: 'image', volume_size: 10, volume_type: 'lvm' }, { networks: 'none' });
  const raise = fixesFor(text, ctx('2.1'), 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION').find((f) => f.command);
  assert.deepEqual(raise!.command!.arguments, ['2.67']);
  assert.match(raise!.title, /then valid/);
});
