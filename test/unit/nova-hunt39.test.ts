/**
 * Hunt 39 (scripts/nova-hunt39-gen.ts): bdm-lab against Nova's stored answers on the cases of
 * test/fixtures/nova-hunt39/cases.json. Every case was labelled by the nova-oracle
 * (/work/shared/tools/nova-oracle, Nova's own API code) through scripts/nova-hunt39-label.ts, which
 * keeps the oracle's output beside each case (`oracle`), never bdm-lab's: numbers and booleans as
 * strings ending in a newline, characters outside the BMP at the length limits, names with format,
 * unassigned and space characters, request keys escaped or repeated, volume_type spellings,
 * scheduler hints, config_drive strings, and a slice of the generator (any microversion 2.1..2.100,
 * odd JSON types, mixed boot indexes, swap / ephemeral against the flavor, image + BDM
 * combinations, networks with counts, colliding device names and buses, volumeAttachment bodies).
 *
 * Compared as the hunt's script compares: verdict, HTTP status, Nova's words of the first error,
 * layer, blamed entry, driver classes, libvirt names, disk mapping and build errors
 * (scripts/difftest-hunt25.ts compare25, scripts/difftest-hunt22.ts compareOne). No Python here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare39 } from '../../scripts/nova-hunt39-gen';
import type { DiffCase } from '../../scripts/difftest-gen';
import type { OracleVerdict } from '../../scripts/difftest-lib';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';

type Oracle = Omit<OracleVerdict, 'id'>;
interface Labelled extends DiffCase { note: string; oracle: Oracle }

const here = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'nova-hunt39', 'cases.json'), 'utf8')) as Labelled[];
const byId = new Map(cases.map((c) => [c.id, c]));
const ours = (c: Labelled) => analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context);
const labelled = (id: string): Labelled => {
  const c = byId.get(id);
  assert.ok(c, `no labelled case ${id}`);
  return c;
};

test('the labelled cases hold refusals of each layer and accepted bodies of both kinds', () => {
  const layers = new Set(cases.filter((c) => !c.oracle.valid).map((c) => c.oracle.layer));
  for (const l of ['schema', 'api-controller', 'BlockDeviceDict', 'compute-api']) assert.ok(layers.has(l), `no refusal at ${l}`);
  assert.ok(cases.filter((c) => c.oracle.valid && c.kind === 'server').length >= 50);
  assert.ok(cases.some((c) => c.oracle.valid && c.kind === 'attach'));
  assert.ok(cases.length >= 250);
});

test(`bdm-lab answers as Nova does on ${cases.length} hunt 39 cases (verdict, status, words, layer, entry, classes, names)`, () => {
  const off: string[] = [];
  let compared = 0;
  for (const c of cases) {
    const r = compare39(c, { id: c.id, ...c.oracle } as OracleVerdict);
    if (r.ok && r.key) continue; // an oracle stub, not Nova's answer
    compared++;
    if (!r.ok) off.push(`${c.id} (${c.note}): ${r.key}\n${r.detail}`);
  }
  assert.ok(compared >= cases.length - 3, `only ${compared} compared`);
  assert.deepEqual(off, []);
});

test("a number or a device name ending in one newline passes Nova's patterns ($ before a final newline); a leading or carriage-return one does not", () => {
  for (const id of ['h39p-nl-size-0', 'h39p-nl-boot-0', 'h39p-nl-count', 'h39p-nl-device-name', 'h39p-nl-attach-device']) {
    const c = labelled(id);
    assert.equal(c.oracle.valid, true, `${id}: nova-oracle label`);
    assert.equal(ours(c).valid, true, id);
  }
  for (const id of ['h39p-nl-size-2', 'h39p-nl-size-3', 'h39p-nl-size-4']) {
    const c = labelled(id);
    assert.equal(c.oracle.layer, 'schema', `${id}: nova-oracle label`);
    assert.equal(ours(c).verdict?.message, c.oracle.nova_message, id);
  }
  // an enum is no pattern: "true\n" is refused on delete_on_termination and config_drive
  for (const id of ['h39p-nl-dot', 'h39p-nl-attach-dot', 'h39p-nl-config-drive']) {
    const c = labelled(id);
    assert.match(c.oracle.nova_message ?? '', /is not one of/, `${id}: nova-oracle label`);
    assert.equal(ours(c).verdict?.httpStatus, 400, id);
  }
});

test('length limits count code points: a 60-character tag ending in an emoji passes, 61 does not (entry and attach)', () => {
  for (const [id, valid] of [['h39p-astral-tag-60', true], ['h39p-astral-attach-tag-60', true], ['h39p-astral-tag-61', false], ['h39p-astral-attach-tag-61', false], ['h39p-astral-tag-1', true]] as const) {
    const c = labelled(id);
    assert.equal(c.oracle.valid, valid, `${id}: nova-oracle label`);
    assert.equal(ours(c).valid, valid, id);
  }
  // 255 code points pass the schema's maxLength and fail later; 256 fail it
  assert.equal(labelled('h39p-astral-volume-type-255').oracle.layer, 'compute-api');
  assert.equal(labelled('h39p-astral-volume-type-256').oracle.layer, 'schema');
  assert.equal(ours(labelled('h39p-astral-volume-type-255')).verdict?.message, labelled('h39p-astral-volume-type-255').oracle.nova_message);
});

test("volume_type matches the context's names and ids exactly (case, blanks, dashes)", () => {
  for (let i = 0; i < 5; i++) {
    for (const src of ['image', 'snapshot', 'blank']) {
      const c = labelled(`h39p-volume-type-${i}-${src}`);
      assert.match(c.oracle.nova_message ?? '', /^Volume type .* could not be found\.$/, `${c.id}: nova-oracle label`);
      assert.equal(ours(c).verdict?.message, c.oracle.nova_message, c.id);
    }
  }
  for (const src of ['image', 'snapshot', 'blank']) assert.equal(ours(labelled(`h39p-volume-type-5-${src}`)).valid, true);
});

test('request keys written with JSON escapes or twice are read as Python reads them (the key decoded, the last value kept)', () => {
  for (const mv of ['2.0', '2.1', '2.79']) {
    for (const id of [`h39p-esc-server-${mv}`, `h39p-esc-bdm-${mv}`, `h39p-dup-server-${mv}`, `h39p-dup-imageref-${mv}`, `h39p-esc-attach-${mv}`, `h39p-dup-attach-${mv}`]) {
      const c = labelled(id);
      assert.equal(c.oracle.valid, true, `${id}: nova-oracle label`);
      assert.equal(ours(c).valid, true, id);
    }
    const c = labelled(`h39p-esc-min-count-${mv}`);
    assert.equal(c.oracle.nova_message, 'Cannot attach one or more volumes to multiple instances', `${c.id}: nova-oracle label`);
    assert.equal(ours(c).verdict?.message, c.oracle.nova_message, c.id);
  }
});

test('networks: the tag is taken at 2.36 and 2.42 but not at 2.37, and a fixed IP refuses max_count 2 at every version', () => {
  const at = (id: string, valid: boolean) => {
    const c = labelled(id);
    assert.equal(c.oracle.valid, valid, `${id}: nova-oracle label`);
    assert.equal(ours(c).valid, valid, id);
    if (!valid) assert.equal(ours(c).verdict?.message, c.oracle.nova_message, id);
  };
  at('h39p-networks-tag-2.1', false);
  at('h39p-networks-tag-2.36', true);
  at('h39p-networks-tag-2.37', false);
  at('h39p-networks-tag-2.42', true);
  for (const mv of ['2.1', '2.36', '2.37', '2.42']) {
    at(`h39p-networks-fixed-ip-${mv}`, true);
    at(`h39p-networks-fixed-ip-${mv}-max2`, false);
    at(`h39p-networks-uuid-auto-${mv}`, false);
  }
});
