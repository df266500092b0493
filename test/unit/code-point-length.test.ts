/**
 * The string length the compiled validators use for minLength/maxLength
 * (formats.cjs codePointLength, in place of ajv's counter since the build swaps it in): the
 * number of code points, as Python's len() counts Nova's strings. Checked against the code points
 * JavaScript itself counts (`[...s]`: a pair is one, a lone surrogate is one) on seeded strings
 * full of pairs, lone halves and pairs split at either end; Nova's own verdicts on such tags are
 * in rules-schema.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { codePointLength } from '../../server/src/rules/formats.cjs';
import { rng } from '../../scripts/prng.mjs';

const UNITS = ['a', 'é', '\u2028', '\ud83d', '\udcbe', '\ud800', '\udfff', '\ud83d\udcbe', 'x'];

test('codePointLength counts code points, pairs and lone surrogates alike', () => {
  const r = rng(20261203);
  for (let i = 0; i < 5000; i++) {
    let s = '';
    const n = Math.floor(r() * 12);
    for (let k = 0; k < n; k++) s += UNITS[Math.floor(r() * UNITS.length)];
    assert.equal(codePointLength(s), [...s].length, JSON.stringify(s));
  }
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('\ud83d\udcbe'.repeat(60)), 60);
});

test('every compiled Nova validator counts lengths with codePointLength, not ajv\'s counter', () => {
  const dir = join(__dirname, '..', '..', 'server', 'src', 'generated', 'lazy');
  const counted = readdirSync(dir).filter((f) => f.startsWith('create') || f.startsWith('attach') || f === 'context.cjs')
    .filter((f) => readFileSync(join(dir, f), 'utf8').includes('codePointLength'));
  assert.ok(counted.length > 10, `validators that count lengths: ${counted.join(', ')}`);
  for (const f of counted) assert.ok(!readFileSync(join(dir, f), 'utf8').includes('ucs2length'), f);
});
