/**
 * indexOfSpelled (parse/floatLiterals.ts) finds `"key"` by the key and its closing quote, then
 * checks the opening quote: it must answer exactly what `text.indexOf('"' + key + '"', from)`
 * answers, on texts full of quotes, repeated and overlapping spellings, and keys that hold quotes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexOfSpelled, keyWritesNoFloat } from '../../server/src/parse/floatLiterals';

/** a small deterministic generator (no Math.random: a failure reproduces) */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('indexOfSpelled answers as indexOf of the quoted key, from every offset', () => {
  const r = rng(15);
  const alphabet = ['"', 'a', 'b', 'ab', '"a"', ':', ' ', 'v', 'x"', '""'];
  const keys = ['a', 'b', 'ab', 'ba', '', '"', 'a"b', 'aa'];
  let compared = 0;
  for (let n = 0; n < 400; n++) {
    let text = '';
    const len = Math.floor(r() * 30);
    for (let i = 0; i < len; i++) text += alphabet[Math.floor(r() * alphabet.length)];
    for (const key of keys) {
      for (let from = 0; from <= text.length + 1; from++) {
        assert.equal(indexOfSpelled(text, key, from), text.indexOf(`"${key}"`, from), JSON.stringify({ text, key, from }));
        compared++;
      }
    }
  }
  assert.ok(compared > 10_000);
});

test('keyWritesNoFloat reads the same on a short text and on one past its search threshold', () => {
  const entry = (size: string) => `{"source_type": "volume", "destination_type": "volume", "volume_size": ${size}}`;
  for (const [size, plain] of [['10', true], ['10.0', false], ['1e1', false], ['-2', true]] as const) {
    const short = `{"server": {"block_device_mapping_v2": [${entry(size)}]}}`;
    const long = `{"server": {"name": "${'n'.repeat(5000)}", "block_device_mapping_v2": [${entry('1')}, ${entry(size)}]}}`;
    assert.equal(keyWritesNoFloat(short, 'volume_size'), plain, short);
    assert.equal(keyWritesNoFloat(long, 'volume_size'), plain, size);
  }
});
