/**
 * The schema layer and the diagnostic factory reuse the words, order keys and messages of the
 * previous entries' like errors (rules/schema.ts recentDetail, recentBase, errorPath;
 * model/diagnostic.ts joinedMessage): a body's entries each get what they get alone. Checked on
 * seeded bodies written as text, so that a number can be spelled as a float (`10.0`, `15e-1`) or
 * an int (`10`): Python's json keeps the spelling, and so do Nova's words (`10.0 is not of type
 * 'string'`, `10 is not of type 'string'`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { forgetKeptDetails } from '../../server/src/rules/schema';
import { rng } from '../../scripts/prng.mjs';

const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
const VALID = `{"source_type": "volume", "destination_type": "volume", "uuid": "${UUID}", "boot_index": -1}`;

/** an entry's text: a valid volume entry with one to three faults, numbers spelled as written here */
function brokenEntry(next: () => number): string {
  const fields = new Map<string, string>([['source_type', '"volume"'], ['destination_type', '"volume"'], ['uuid', `"${UUID}"`], ['boot_index', '-1']]);
  const faults: Array<() => void> = [
    () => fields.set('uuid', '10.0'),
    () => fields.set('uuid', '10'),
    () => fields.set('uuid', '1e1'),
    () => fields.set('volume_size', '1.5'),
    () => fields.set('volume_size', '15e-1'),
    () => fields.set('volume_size', '1.50'),
    () => fields.set('boot_index', 'null'),
    () => fields.set('source_type', 'null'),
    () => fields.set('device_name', 'null'),
    () => fields.set('boot_index', '"first"'),
    () => fields.set('bootindex', '1'),
    () => fields.set('tag', '"t"'),
    () => fields.set('destination_type', '2.5'),
    () => fields.delete('uuid'),
  ];
  const n = 1 + Math.floor(next() * 3);
  for (let i = 0; i < n; i++) faults[Math.floor(next() * faults.length)]();
  return `{${[...fields].map(([k, v]) => `"${k}": ${v}`).join(', ')}}`;
}

const bodyOf = (entries: string[]) => `{"server": {"name": "x", "flavorRef": "1", "imageRef": "${UUID}", "block_device_mapping_v2": [\n${entries.join(',\n')}\n]}}`;

/** what an entry's diagnostics say (their place as the text they cover) */
function saidOf(text: string, microversion: string, entry: number): string[] {
  const a = analyzeJson(text, { ...defaultContext(), microversion });
  return a.diagnostics.filter((d) => d.entry === entry).map((d) => JSON.stringify([d.code, d.path, d.message, d.novaMessage, d.summary ?? null, text.slice(d.span.offset, d.span.offset + d.span.length)]));
}

test('each entry of a body full of like errors gets the words it gets alone (numbers spelled as floats and ints, seeded)', { timeout: 120_000 }, () => {
  const next = rng(4242);
  for (let round = 0; round < 30; round++) {
    const n = 2 + Math.floor(next() * 6);
    const entries = Array.from({ length: n }, () => (next() < 0.8 ? brokenEntry(next) : VALID));
    // the same entry again, so that its like errors follow each other
    entries.push(entries[Math.floor(next() * n)]);
    const mv = next() < 0.5 ? '2.1' : '2.42';
    const text = bodyOf(entries);
    for (let i = 0; i < entries.length; i++) {
      const alone = bodyOf(entries.map((e, k) => (k === i ? e : VALID)));
      const together = saidOf(text, mv, i);
      // (the reference written afresh, not from words kept by the checks before)
      forgetKeptDetails();
      assert.deepEqual(together, saidOf(alone, mv, i), `round ${round}, entry ${i} of ${entries.join(' | ')}`);
    }
  }
});

test('an int and a float of the same value in two entries keep their own spellings in Nova\'s words', () => {
  const text = bodyOf([`{"source_type": "volume", "destination_type": "volume", "uuid": 10.0}`, `{"source_type": "volume", "destination_type": "volume", "uuid": 10}`, `{"source_type": "volume", "destination_type": "volume", "uuid": 1e1}`]);
  const words = [0, 1, 2].map((i) => analyzeJson(text, defaultContext()).diagnostics.find((d) => d.entry === i && d.code === 'BDM-SCHEMA-UUID')?.novaMessage);
  // labelled by nova-oracle (shared/tools/nova-oracle, microversion 2.1), each entry alone in a body: Python's json reads 10.0 and 1e1 as floats, 10 as an int
  assert.deepEqual(words, [
    "Invalid input for field/attribute uuid. Value: 10.0. 10.0 is not of type 'string'",
    "Invalid input for field/attribute uuid. Value: 10. 10 is not of type 'string'",
    "Invalid input for field/attribute uuid. Value: 10.0. 10.0 is not of type 'string'",
  ]);
});

test('diagnostics that share texts by their words still say their own value, read in any order (model/diagnostic.ts recentTexts)', () => {
  const values = ['"first"', '"second"', '"first"', 'true', '"first"', '"second"', 'null', '"x"', '"first"'];
  const entry = (v: string) => `{"source_type": "volume", "destination_type": "volume", "uuid": "${UUID}", "boot_index": ${v}, "device_name": ${v === 'true' ? '7' : '"/dev/vdb"'}}`;
  const text = bodyOf(values.map(entry));
  const expected = (v: string) => {
    const shown = v === 'true' ? 'True' : v === 'null' ? 'None' : v.slice(1, -1);
    return `Invalid input for field/attribute boot_index. Value: ${shown}.`;
  };
  for (const order of ['forward', 'backward'] as const) {
    forgetKeptDetails();
    const diags = analyzeJson(text, defaultContext()).diagnostics.filter((d) => d.code === 'BDM-SCHEMA-BOOT-INDEX');
    const read = order === 'forward' ? diags : [...diags].reverse();
    // every message read once, in this order, before any is compared (the texts are shared as they are read)
    const said = new Map(read.map((d) => [d, [d.novaMessage, d.message]] as const));
    const ofEntry = values.map((_, i) => diags.find((d) => d.entry === i));
    values.forEach((v, i) => {
      if (v === 'null') return assert.equal(ofEntry[i], undefined, 'boot_index null is allowed');
      const d = ofEntry[i];
      assert.ok(d, `entry ${i} (${v}) has a boot_index error`);
      const [nova, message] = said.get(d)!;
      assert.ok(nova.startsWith(expected(v)), `${order}, entry ${i}: ${nova}`);
      assert.equal(message, `${nova}\n${d.explanation}`, `${order}, entry ${i}`);
    });
  }
});
