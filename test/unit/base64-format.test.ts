/**
 * Nova's `base64` format (user_data, personality contents; server/src/rules/formats.cjs) against
 * Nova itself: test/fixtures/base64/cases.json was labelled by Nova's jsonschema FormatChecker
 * (scripts/gen-base64-cases.py writes it; this test never runs Python). Python's non-strict
 * decoder skips characters outside the alphabet and refuses only a broken last quad; a non-ASCII
 * string makes the checker raise (Nova's 500): the format fails it and base64Raises tells it apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64, base64Raises } from '../../server/src/rules/formats.cjs';

const { cases } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'base64', 'cases.json'), 'utf8')) as { cases: Array<{ value: string; verdict: 'ok' | 'refused' | 'raises' }> };

test('the fixture has every verdict, the shell script Nova refuses and its encoding Nova takes', () => {
  for (const v of ['ok', 'refused', 'raises']) assert.ok(cases.filter((c) => c.verdict === v).length >= 10, v);
  assert.equal(cases.find((c) => c.value === '#!/bin/sh\necho hi')?.verdict, 'refused');
  assert.equal(cases.find((c) => c.value === 'IyEvYmluL3NoCmVjaG8gaGkK')?.verdict, 'ok');
});

test("formats.cjs base64 passes exactly the strings Nova's checker passes; base64Raises names those it raises on", () => {
  const wrong = cases.filter((c) => base64(c.value) !== (c.verdict === 'ok') || base64Raises(c.value) !== (c.verdict === 'raises')).map((c) => `${JSON.stringify(c.value)} (${c.verdict})`);
  assert.deepEqual(wrong, []);
});
