/** Output-wide redaction of secrets (server/src/attach/redact.ts): every form, everywhere, longest first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactDeep, triePattern } from '../../server/src/attach/redact';

test('redaction: raw, JSON-escaped and doubly escaped forms are replaced in nested values, untouched parts are shared', () => {
  const secret = 'AQB"k\\ey==';
  const untouched = { note: 'nothing here' };
  const value = {
    log: `keyring=${secret} done`,
    json: JSON.stringify({ key: secret }),
    twice: JSON.stringify(JSON.stringify({ key: secret })),
    list: ['a', `x${secret}y`],
    untouched,
  };
  const out = redactDeep(value, [secret]);
  assert.equal(out.log, 'keyring=*** done');
  assert.equal(out.json, '{"key":"***"}');
  assert.equal(out.twice, JSON.stringify('{"key":"***"}'));
  assert.deepEqual(out.list, ['a', 'x***y']);
  assert.equal(out.untouched, untouched, 'copy on write: an object without secrets is the same object');
  assert.equal(redactDeep(value, []), value);
});

test('redaction: where secrets overlap, the longest one at a place is replaced whole', () => {
  const out = redactDeep({ s: 'pw pw123 pw1234 xpw12' }, ['pw', 'pw123', 'pw12']);
  assert.equal(out.s, '*** *** ***4 x***');
});

test('trie pattern: matches exactly the words, longest first, with regex characters taken literally', () => {
  const words = ['a.b', 'a.bc', '(x)', 'a*', '[z]', 'a\\b', 'q-r', '$^|?+{1}', '\ud83d\udca5k'];
  const re = new RegExp(triePattern(words), 'g');
  for (const w of words) assert.deepEqual(w.match(re), [w], w);
  assert.equal('a.bcd'.match(re)?.[0], 'a.bc');
  assert.equal('axb aab a'.match(re), null);
  assert.equal('zz [z] (x) \ud83d\udca5k'.replace(re, '#'), 'zz # # #');
});
