/**
 * The schema layer reads an error's path and jsonschema's walk order from the previous error's
 * where they share a prefix (rules/schema.ts). Whatever comes before, an entry's findings must be
 * the ones it gets alone: checked on seeded random bodies whose entries break the schema in
 * different places (escaped keys, additional properties, nested values, other lists), against the
 * same body with every other entry made valid, and after another body's check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetKeptDetails, runSchema } from '../../server/src/rules/schema';
import { parseJson } from '../../server/src/parse/json';
import { jsonSource } from '../../server/src/source/registry';
import type { Finding } from '../../server/src/rules/finding';
import { rng } from '../../scripts/prng.mjs';

const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
const VALID = { source_type: 'volume', destination_type: 'volume', uuid: UUID, boot_index: -1 };

/** The schema's findings on a body, each as what it says (its span as the text it covers). */
function findings(body: unknown, microversion = '2.1'): string[] {
  const text = JSON.stringify(body, null, 2);
  const root = parseJson(text).root!;
  const doc = jsonSource('server', { text, root, microversion });
  return runSchema({ kind: 'server', microversion, doc }).map((f) => shown(f, text));
}

const shown = (f: Finding, text: string) => JSON.stringify({ code: f.code, path: f.path, entry: f.entry, order: f.order, at: text.slice(f.span.offset, f.span.offset + f.span.length), detail: (f.args as Record<string, string> | undefined)?.detail, summary: (f.args as Record<string, string> | undefined)?.summary });

function brokenEntry(next: () => number): Record<string, unknown> {
  const e: Record<string, unknown> = { ...VALID };
  const faults = [
    () => { e.boot_index = 'first'; },
    () => { e.volume_size = '0'; },
    () => { e.source_type = 'disk'; },
    () => { e.delete_on_termination = 'maybe'; },
    () => { e.device_name = 'bad name'; },
    () => { e['a/b~c'] = 1; },
    () => { e.tag = 'x'; },
    () => { e.uuid = 5; },
    () => { e.destination_type = ['local']; },
    () => { e.volume_type = 'fast'; },
  ];
  const n = 1 + Math.floor(next() * 3);
  for (let i = 0; i < n; i++) faults[Math.floor(next() * faults.length)]();
  return e;
}

test('an entry gets the same schema findings in a body full of errors as alone (seeded)', { timeout: 60_000 }, () => {
  const next = rng(9090);
  for (let round = 0; round < 40; round++) {
    const n = 2 + Math.floor(next() * 6);
    const entries = Array.from({ length: n }, () => (next() < 0.7 ? brokenEntry(next) : { ...VALID }));
    const server: Record<string, unknown> = { name: 'x', flavorRef: '1', block_device_mapping_v2: entries };
    if (next() < 0.3) server.metadata = { 'k/~': 5 };
    if (next() < 0.3) server.min_count = '0';
    const mv = next() < 0.5 ? '2.1' : '2.42';
    const all = findings({ server }, mv);
    for (let i = 0; i < n; i++) {
      const alone = entries.map((e, k) => (k === i ? e : { ...VALID }));
      const mine = findings({ server: { ...server, block_device_mapping_v2: alone } }, mv).filter((s) => JSON.parse(s).entry === i);
      assert.deepEqual(all.filter((s) => JSON.parse(s).entry === i), mine, `entry ${i} of ${JSON.stringify(server)}`);
    }
    // another body's check in between changes nothing
    findings({ server: { name: 'y', flavorRef: '1', block_device_mapping_v2: [brokenEntry(next), brokenEntry(next)] } }, mv);
    assert.deepEqual(findings({ server }, mv), all);
  }
});

/**
 * Nova's words are kept from the last few errors whose value is null, a boolean or a string, and
 * taken for the next error of the same field, keyword and value (rules/schema.ts, keptDetails).
 * Bodies built to collide: a few values on many fields, whole entries that are such a value
 * (Nova names the entry by its index), attach bodies and other microversions in between. Each
 * entry's words must be those it gets alone, written with nothing kept.
 */
test('words kept from an earlier error are the words an entry gets alone (seeded collisions)', { timeout: 60_000 }, () => {
  const next = rng(4477);
  const VALUES = [null, true, false, '', 'first', 'volume', 'x y'];
  const FIELDS = ['source_type', 'destination_type', 'uuid', 'boot_index', 'device_name', 'volume_size', 'disk_bus', 'device_type', 'guest_format', 'delete_on_termination', 'tag'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const detailsOf = (body: unknown, mv: string, entry: number) => findings(body, mv).map((s) => JSON.parse(s)).filter((f) => f.entry === entry).map((f) => `${f.code} ${f.path} ${f.detail} | ${f.summary}`);
  let compared = 0;
  for (let round = 0; round < 30; round++) {
    const n = 3 + Math.floor(next() * 5);
    const entries: unknown[] = Array.from({ length: n }, () => {
      if (next() < 0.3) return pick([null, true, 'volume']);
      const e: Record<string, unknown> = { ...VALID };
      for (let k = 1 + Math.floor(next() * 4); k > 0; k--) e[pick(FIELDS)] = pick(VALUES);
      return e;
    });
    const mv = pick(['2.1', '2.32', '2.42', '2.67']);
    const server = { name: 'x', flavorRef: '1', block_device_mapping_v2: entries };
    // another kind of body, at another microversion, first: its words are kept too
    const attach = JSON.stringify({ volumeAttachment: { volumeId: pick(VALUES), device: pick(VALUES) } });
    runSchema({ kind: 'attach', microversion: pick(['2.1', '2.49']), doc: jsonSource('attach', { text: attach, root: parseJson(attach).root!, microversion: '2.1' }) }).forEach((f) => (f.args as Record<string, string> | undefined)?.detail);
    for (let i = 0; i < n; i++) {
      const kept = detailsOf({ server }, mv, i);
      forgetKeptDetails();
      const alone = detailsOf({ server: { ...server, block_device_mapping_v2: entries.map((e, k) => (k === i ? e : { ...VALID })) } }, mv, i);
      assert.deepEqual(kept, alone, `entry ${i} of ${JSON.stringify(server)} at ${mv}`);
      compared += kept.length;
    }
  }
  assert.ok(compared > 150, `only ${compared} findings compared`);
});
