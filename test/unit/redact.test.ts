/** Output-wide redaction of secrets (server/src/attach/redact.ts): every form, everywhere, longest first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactDeep, secretReplacer } from '../../server/src/attach/redact';

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

test('secret replacer: matches exactly the words, longest first, with regex characters taken literally', () => {
  const words = ['a.b', 'a.bc', '(x)', 'a*', '[z]', 'a\\b', 'q-r', '$^|?+{1}', '\ud83d\udca5k'];
  const replace = secretReplacer(words, '#');
  for (const w of words) assert.equal(replace(w), '#', w);
  assert.equal(replace('a.bcd'), '#d');
  assert.equal(replace('axb aab a'), 'axb aab a');
  assert.equal(replace('zz [z] (x) \ud83d\udca5k'), 'zz # # #');
  assert.equal(replace('a.ba.bca.b'), '###', 'adjacent matches, the longest at each place');
  assert.equal(secretReplacer(['abcdefghijk', 'abcdefghijXY'])('__abcdefghijXYabcdefghijk_abcdefghij'), '__******_abcdefghij', 'words sharing a long head');
});

test('secret replacer: thousands of secrets, one pass per text (the same answer as testing each secret)', () => {
  const secrets = Array.from({ length: 3000 }, (_, i) => `pw${(i * 7919).toString(36)}X${i}`);
  const text = Array.from({ length: 300 }, (_, i) => `line ${i} password ${secrets[(i * 13) % secrets.length]} end`).join('\n');
  let naive = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) naive = naive.split(s).join('***');
  assert.equal(secretReplacer(secrets)(text), naive);
});

/** The rule, spelled out: left to right, at each place the longest word that starts there. */
function reference(words: string[], text: string, mask: string): string {
  const ws = [...new Set(words.filter((w) => w))].sort((a, b) => b.length - a.length);
  let out = '';
  for (let i = 0; i < text.length;) {
    const w = ws.find((x) => text.startsWith(x, i));
    if (w) { out += mask; i += w.length; } else out += text[i++];
  }
  return out;
}

test('secret replacer: the same as the rule spelled out, on overlapping words from a small alphabet (hash and filter collisions)', () => {
  let seed = 15;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const word = (min: number, max: number) => Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () => 'ab"\\c'[Math.floor(r() * 5)]).join('');
  for (let k = 0; k < 400; k++) {
    const words = Array.from({ length: 1 + Math.floor(r() * 12) }, () => word(1, k % 2 ? 12 : 4));
    const text = Array.from({ length: 1 + Math.floor(r() * 6) }, () => (r() < 0.5 ? words[Math.floor(r() * words.length)] : word(0, 20))).join(word(0, 3));
    assert.equal(secretReplacer(words, '#')(text), reference(words, text, '#'), JSON.stringify({ words, text }));
  }
});

test('secret replacer: a text shorter than the shortest word, a word at the very end, an empty word list', () => {
  assert.equal(secretReplacer(['secret1'])('secret'), 'secret');
  assert.equal(secretReplacer(['secret1'])('xx secret1'), 'xx ***');
  assert.equal(secretReplacer(['secret1', 'ret1'])('secret1ret1'), '******');
  assert.equal(secretReplacer(['', ''])('anything'), 'anything');
});

test('secret replacer: the same as the rule spelled out with long words (the skipping scan: windows up to 32 characters, words longer than that, characters past 0xffff and past one byte)', () => {
  let seed = 38;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const ALPHA = ['a', 'b', 'c', '\u4e00', '\u0101', '\ud83d\udca5', '"'];
  const word = (min: number, max: number) => Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () => ALPHA[Math.floor(r() * (k % 3 === 0 ? 2 : ALPHA.length))]).join('');
  let k = 0;
  for (; k < 600; k++) {
    const short = k % 4 === 0 ? 1 : k % 4 === 1 ? 9 : 30;
    const words = Array.from({ length: 1 + Math.floor(r() * 10) }, () => word(short, short + (k % 5) * 6));
    const text = Array.from({ length: 1 + Math.floor(r() * 8) }, () => (r() < 0.5 ? words[Math.floor(r() * words.length)] : word(0, 50))).join(word(0, 4));
    assert.equal(secretReplacer(words, '#')(text), reference(words, text, '#'), JSON.stringify({ words, text }));
  }
});
