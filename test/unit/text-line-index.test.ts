/** The one line index (server/src/text/lineIndex.ts): LSP line breaks by default, LF-only on request. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/text/lineIndex';
import { rng } from '../../scripts/prng.mjs';

const pos = (text: string, offset: number, breaks?: 'lsp' | 'lf') => {
  const p = new LineIndex(text, breaks).position(offset);
  return [p.line, p.character];
};

test('LF, CRLF and a lone CR each end a line (as LSP and VS Code count)', () => {
  const text = 'a\nb\r\nc\rd';
  assert.equal(new LineIndex(text).lineCount, 4);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((o) => pos(text, o)), [
    [0, 0], [0, 1], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [3, 0], [3, 1],
  ]);
});

test("'lf' mode counts only LF: a CR is content of its line", () => {
  const text = 'a\nb\r\nc\rd';
  const idx = new LineIndex(text, 'lf');
  assert.equal(idx.lineCount, 3);
  assert.deepEqual(pos(text, 7, 'lf'), [2, 2]);
  assert.equal(idx.lineEnd(1), 4); // the CR of CRLF stays in the line's content
  assert.equal(new LineIndex(text).lineEnd(1), 3);
  assert.equal(new LineIndex(text).lineEnd(2), 6);
  assert.equal(new LineIndex(text).lineEnd(3), 8);
});

test('characters are UTF-16 code units: a surrogate pair counts two', () => {
  const text = '😀x\n😀';
  assert.deepEqual(pos(text, 2), [0, 2]);
  assert.deepEqual(pos(text, 3), [0, 3]);
  assert.deepEqual(pos(text, 4), [1, 0]);
  assert.deepEqual(pos(text, 6), [1, 2]);
  assert.equal(new LineIndex(text).offsetAt(1, 2), 6);
});

test('empty text: one line; offsets past the end are not clamped by position, offsetAt clamps', () => {
  const idx = new LineIndex('');
  assert.equal(idx.lineCount, 1);
  assert.deepEqual(pos('', 0), [0, 0]);
  assert.deepEqual(pos('', 5), [0, 5]);
  assert.deepEqual(pos('ab\ncd', 9), [1, 6]);
  assert.deepEqual(pos('ab\ncd', -3), [0, -3]);
  assert.equal(idx.offsetAt(0, 3), 0);
  assert.equal(idx.lineStart(1), undefined);
  assert.equal(idx.lineEnd(1), undefined);
  assert.equal(idx.lineEnd(0), 0);
  assert.equal(new LineIndex('ab\ncd').offsetAt(7, 0), 5);
  assert.equal(new LineIndex('ab\ncd').offsetAt(0, 99), 5);
  assert.equal(new LineIndex('ab\ncd').offsetAt(-1, 1), 1);
});

test('a text ending in a line break has an empty last line', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = `x${eol}`;
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 2, JSON.stringify(eol));
    assert.deepEqual(pos(text, text.length), [1, 0]);
    assert.equal(idx.lineStart(1), text.length);
    assert.equal(idx.lineEnd(0), 1);
  }
});

test('position and offsetAt are inverse on every offset of a mixed text', () => {
  const text = 'ab\r\n\r\r\n😀\nz\r';
  const idx = new LineIndex(text);
  for (let o = 0; o <= text.length; o++) {
    const p = idx.position(o);
    // an offset between the CR and LF of a CRLF belongs to the line before (as TextDocument says)
    assert.equal(idx.offsetAt(p.line, p.character), o, `offset ${o}`);
  }
});

/** The index as it was first written: every character looked at (the reference for the fast scan). */
function referenceStarts(text: string, breaks: 'lsp' | 'lf'): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && breaks === 'lsp' && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** a text of up to 60 pieces drawn from `parts` */
function randomText(next: () => number, parts: readonly string[]): string {
  let text = '';
  const len = Math.floor(next() * 60);
  for (let i = 0; i < len; i++) text += parts[Math.floor(next() * parts.length)];
  return text;
}

test('the indexOf scan finds the same line starts as a look at every character (random texts, fixed seed)', () => {
  const next = rng(15);
  const alphabet = ['a', ' ', '\n', '\r', '\r\n', '\n\r', '"', 'é', '\u{1f600}'];
  for (let round = 0; round < 400; round++) {
    // half of the texts without any CR (the fast path), half with some
    const text = randomText(next, round % 2 ? alphabet : alphabet.filter((c) => !c.includes('\r')));
    for (const breaks of ['lsp', 'lf'] as const) {
      const idx = new LineIndex(text, breaks);
      const ref = referenceStarts(text, breaks);
      assert.equal(idx.lineCount, ref.length, JSON.stringify(text));
      for (let line = 0; line < ref.length; line++) assert.equal(idx.lineStart(line), ref[line], JSON.stringify(text));
      for (let o = 0; o <= text.length; o++) {
        let line = 0;
        while (line + 1 < ref.length && ref[line + 1] <= o) line++;
        assert.deepEqual(idx.position(o), { line, character: o - ref[line] }, JSON.stringify(text));
      }
    }
  }
});

test('line starts are found only as far as asked: questions in any order on one index answer as on a fresh index each', () => {
  const next = rng(31);
  const parts = ['a', 'bc', '\n', '\r', '\r\n', '\n\n', '\r\r', ' é', '😀'];
  for (let round = 0; round < 300; round++) {
    const text = randomText(next, parts);
    for (const breaks of ['lsp', 'lf'] as const) {
      const shared = new LineIndex(text, breaks);
      for (let k = 0; k < 30; k++) {
        const fresh = new LineIndex(text, breaks);
        const o = Math.floor(next() * (text.length + 6)) - 2;
        const line = Math.floor(next() * 14) - 1;
        const ask = Math.floor(next() * 5);
        const what = JSON.stringify({ text, breaks, ask, o, line });
        if (ask === 0) assert.deepEqual(shared.position(o), fresh.position(o), what);
        else if (ask === 1) assert.equal(shared.lineStart(line), fresh.lineStart(line), what);
        else if (ask === 2) assert.equal(shared.lineEnd(line), fresh.lineEnd(line), what);
        else if (ask === 3) assert.equal(shared.offsetAt(line, o), fresh.offsetAt(line, o), what);
        else assert.equal(shared.lineCount, referenceStarts(text, breaks).length, what);
      }
    }
  }
});
