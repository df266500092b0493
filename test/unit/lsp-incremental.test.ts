/**
 * What the language server reuses between versions of a document gives exactly what computing
 * afresh gives: the first lines a modeline may be on (without a line index of the whole text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { topLines } from '../../server/src/lsp/fileContexts';
import { MODELINE_LINES } from '../../server/src/model/fileContext';
import { rng } from '../../scripts/prng.mjs';

test('topLines is the text up to line MODELINE_LINES as LSP counts lines (LF, CRLF, CR)', () => {
  const next = rng(15);
  const pieces = ['\n', '\r', '\r\n', 'a', '// $bdm microversion=2.32', ' ', '{', '"x"'];
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor(next() * 30);
    let text = '';
    for (let k = 0; k < n; k++) text += pieces[Math.floor(next() * pieces.length)];
    const doc = TextDocument.create('file:///t.json', 'json', 1, text);
    const want = doc.getText({ start: { line: 0, character: 0 }, end: { line: MODELINE_LINES, character: 0 } });
    assert.equal(topLines(text), want, JSON.stringify(text));
  }
});
