/**
 * Hunt 35 (scripts/difftest-hunt35-gen.ts): bdm-lab against Nova's stored answers on the cases of
 * test/fixtures/nova-hunt35/probes.json (scripts/difftest-hunt35-label.ts wrote them with the
 * nova-oracle's output beside each case, not bdm-lab's): integer-like keys among unexpected keys,
 * volume_size and boot_index spelled as floats under escaped and repeated keys, NaN / Infinity,
 * imageRef links and near-uuids beside each kind of root, envelopes of every shape at 2.0 / 2.1 /
 * 2.96, delete_on_termination strings on volumeAttachment, and a slice of the generator's seed.
 *
 * Compared as the hunt's script compares: verdict, HTTP status, Nova's words, layer, blamed entry,
 * driver classes, libvirt names, root, boot order, disk mapping and build errors
 * (scripts/difftest-hunt25.ts compare25, scripts/difftest-hunt22.ts compareOne). No Python here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare25 } from '../../scripts/difftest-hunt25';
import { compareOne } from '../../scripts/difftest-hunt22';
import type { DiffCase } from '../../scripts/difftest-gen';
import type { OracleVerdict } from '../../scripts/difftest-lib';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';

type Oracle = Omit<OracleVerdict, 'id'> & { attachment?: { delete_on_termination?: boolean } };
interface Labelled extends DiffCase { note: string; oracle: Oracle }

const here = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'nova-hunt35', 'probes.json'), 'utf8')) as Labelled[];

test('the labelled cases hold refusals of each layer and accepted bodies of both kinds', () => {
  const layers = new Set(cases.filter((c) => !c.oracle.valid).map((c) => c.oracle.layer));
  for (const l of ['schema', 'api-controller', 'BlockDeviceDict', 'compute-api']) assert.ok(layers.has(l), `no refusal at ${l}`);
  assert.ok(cases.filter((c) => c.oracle.valid && c.kind === 'server').length >= 30);
  assert.ok(cases.some((c) => c.oracle.valid && c.kind === 'attach'));
});

test(`bdm-lab answers as Nova does on ${cases.length} hunt 35 cases (verdict, status, words, layer, entry, classes, names)`, () => {
  const off: string[] = [];
  let compared = 0;
  for (const c of cases) {
    const o = { id: c.id, ...c.oracle } as Parameters<typeof compare25>[1];
    const r = c.kind === 'attach' ? compareOne(c, o) : compare25(c, o);
    if (r.ok && r.key) continue; // an oracle stub (a forced host's database), not Nova's answer
    compared++;
    if (!r.ok) off.push(`${c.id} (${c.note}): ${r.key}\n${r.detail}`);
  }
  assert.ok(compared >= cases.length - 5, `only ${compared} compared`);
  assert.deepEqual(off, []);
});

test('an accepted volumeAttachment warns about delete_on_termination exactly where Nova stores true for a string that reads false', () => {
  let n = 0;
  for (const c of cases) {
    if (c.kind !== 'attach' || !c.oracle.valid || !/"delete_on_termination": "/.test(c.payloadText)) continue;
    const given = (JSON.parse(c.payloadText) as { volumeAttachment: { delete_on_termination: string } }).volumeAttachment.delete_on_termination;
    const readsTrue = /^(true|1|on|yes)$/i.test(given);
    const stored = c.oracle.attachment?.delete_on_termination;
    assert.equal(typeof stored, 'boolean', c.id);
    const a = analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context);
    const warned = a.diagnostics.some((d) => d.code === 'BDM-ATTACH-DOT-STRING-TRUE');
    assert.equal(warned, stored !== readsTrue, `${c.id}: Nova stores ${stored} for ${JSON.stringify(given)}`);
    n++;
  }
  assert.ok(n >= 6, `only ${n} attach strings`);
});
