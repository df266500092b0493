/**
 * Differential check of Nova's words on refused server bodies built to stress jsonschema's
 * messages: unexpected keys (several at once, integer-like, non-ASCII, astral, with escapes or a
 * trailing newline), metadata keys and values, floats, nulls, huge integers, duplicated keys and
 * escaped strings; and bodies Nova would take but for one such thing. Each body goes to Nova's own code (the oracle) and to bdm-lab; the verdict
 * (valid, HTTP status) and, for a refusal, the message must agree word for word.
 *   node --import tsx scripts/difftest-messages.ts [--count N] [--seed S]
 * Prints a closing line "N passed, N failed" (failed = bodies whose verdict or words differ).
 */
import { rng } from './prng.mjs';
import { judgeWithBdmLab, runOracle } from './difftest-lib';
import type { DiffCase, DiffContext } from './difftest-gen';

const arg = (n: string, d: number) => {
  const i = process.argv.indexOf(n);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const count = arg('--count', 300);
const seed = arg('--seed', 11);
const next = rng(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];

const KEYS = ['zz', 'aa', '1', '10', '2', 'Z', 'é', 'e\u0301', '😀', '\uffff', ' sp', 'a"q', 'b\\s', 'tab\t', 'nl\n', 'nl\n\n', '', 'volume_size ', 'Boot_index', 'bootindex', 'tag', 'volume_type', 'device_name', '__proto__', 'constructor', 'ключ'];
const VALUES = ['1', '1.0', '1.5', '-0', '1e400', '12345678901234567890', 'null', 'true', 'false', '"x"', '""', '"é"', '"😀"', '"a\\"b"', '"\\u0000"', '"\\ud800"', '"tab\\t"', '[]', '{}', '[1, "a", null]', '{"k": 1.50}', `"${'y'.repeat(300)}"`, '"\\u2028"', '"\\\\"', '"it\'s"', '"\'\\""'];
const UUID = '70a599e0-31e7-49b7-b260-868f441e862b';
const key = (k: string) => JSON.stringify(k);

function entry(): string {
  const fields: Array<[string, string]> = [
    ['source_type', pick(['"volume"', '"image"', '"blank"', '"snapshot"', 'null', '"Volume"', '1'])],
    ['destination_type', pick(['"volume"', '"local"', 'null'])],
    ['uuid', pick([`"${UUID}"`, '"bad"', 'null', '1'])],
  ];
  if (next() < 0.6) fields.push(['boot_index', pick(['0', '-1', '"0"', '"first"', 'null', '1.0', '0.5'])]);
  if (next() < 0.5) fields.push(['volume_size', pick(['1', '"1"', '1.0', '-1', '0', 'null', '"x"', '1e1'])]);
  for (let n = Math.floor(next() * 4); n > 0; n--) fields.push([pick(KEYS), pick(VALUES)]);
  // the text's order, shuffled at times (Nova reads a dict in the text's order)
  if (next() < 0.3) for (let i = fields.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [fields[i], fields[j]] = [fields[j], fields[i]]; }
  return `{${fields.map(([k, v]) => `${key(k)}: ${v}`).join(', ')}}`;
}

/** a body Nova would take but for one thing: several unexpected keys in an entry, or metadata Nova refuses */
function focused(): string {
  const root = `{"source_type": "image", "destination_type": "volume", "uuid": "${UUID}", "volume_size": 1, "boot_index": 0`;
  const keys = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(KEYS.filter((k) => !['tag', 'volume_type', 'device_name'].includes(k))));
  if (next() < 0.5) return `{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [${root}, ${keys().map((k) => `${key(k)}: ${pick(VALUES)}`).join(', ')}}]}}`;
  const meta = keys().map((k) => `${key(k)}: ${pick(['"v"', ...VALUES])}`).join(', ');
  return `{"server": {"name": "x", "flavorRef": "1", "metadata": {${meta}}, "block_device_mapping_v2": [${root}}]}}`;
}

function body(): string {
  if (next() < 0.4) return focused();
  const parts = [`"name": ${pick(['"x"', '""', '" x"', '1', '"é😀"'])}`, `"flavorRef": ${pick(['"1"', '1', 'null'])}`];
  if (next() < 0.5) parts.push(`"imageRef": "${UUID}"`);
  if (next() < 0.3) parts.push(`"metadata": {${Array.from({ length: 1 + Math.floor(next() * 3) }, () => `${key(pick(KEYS))}: ${pick(VALUES)}`).join(', ')}}`);
  if (next() < 0.2) for (let n = 1 + Math.floor(next() * 2); n > 0; n--) parts.push(`${key(pick(KEYS))}: ${pick(VALUES)}`);
  parts.push(`"block_device_mapping_v2": [${Array.from({ length: 1 + Math.floor(next() * 3) }, entry).join(', ')}]`);
  return `{"server": {${parts.join(', ')}}}`;
}

// a flavor in every context: the oracle assumes one (20 GB root) where bdm-lab would skip the flavor rules
const context = (): DiffContext => ({ microversion: pick(['2.1', '2.32', '2.67', '2.90']), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: 3, zero_disk_flavor_allowed: false });
const cases: DiffCase[] = Array.from({ length: count }, (_, i) => ({ id: `msg${seed}-${i}`, kind: 'server', payloadText: body(), context: context() }));
const oracle = runOracle(cases);
let pass = 0;
let fail = 0;
let refusals = 0;
for (const c of cases) {
  const o = oracle.get(c.id);
  const b = judgeWithBdmLab(c.payloadText, c.context);
  const why = !o ? 'the oracle gave no answer'
    : b.valid !== o.valid || (!o.valid && b.httpStatus !== o.http_status) ? `verdict: Nova ${o.valid ? 'accepts' : o.http_status}, bdm-lab ${b.valid ? 'accepts' : b.httpStatus}`
      : !o.valid && o.nova_message && b.message !== o.nova_message ? 'words' : null;
  if (o && !o.valid) refusals++;
  if (!why) { pass++; continue; }
  fail++;
  if (fail <= 10) console.log(`${c.id} (${c.context.microversion}): ${why}\n  body: ${c.payloadText.slice(0, 400)}\n  nova:    ${o?.nova_message ?? ''}\n  bdm-lab: ${b.message ?? ''}`);
}
console.log(`difftest-messages: seed ${seed}, ${count} bodies, ${refusals} refused by Nova`);
console.log(`${pass} passed, ${fail} failed`);
process.exitCode = fail ? 1 : 0;
