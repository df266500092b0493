/**
 * namesAnAncestor (libvirtxml/schemaCheck.ts) says which of xmllint's messages only name an
 * ancestor. It replaced the pattern /failed to validate content|Extra element \S+ in
 * interleave|the document does not validate/, which recheck found polynomial on some runs and not
 * on others (its search is randomized: regex-safety.test.ts failed on it in one CI run). The
 * answers are the pattern's on seeded random messages built from its words, and the time grows
 * linearly on the input recheck gave (V8 ran the old pattern linearly on it too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesAnAncestor } from '../../server/src/libvirtxml/schemaCheck';
import { rng } from '../../scripts/prng.mjs';
import { bestGrowth } from './growth';

const OLD = /failed to validate content|Extra element \S+ in interleave|the document does not validate/;

test('namesAnAncestor answers as the pattern it replaced (seeded random messages of its words)', () => {
  const next = rng(4242);
  const parts = ['Extra element ', 'devices', 'disk', ' in interleave', ' in ', 'interleave', ' ', '\t', '\n', '\u00a0', 'x', 'Element domain failed to validate content', 'failed to validate', 'the document does not validate', 'Relax-NG validity error : ', 'Extra element', 'element '];
  let yes = 0;
  for (let i = 0; i < 20_000; i++) {
    let m = '';
    const n = Math.floor(next() * 8);
    for (let k = 0; k < n; k++) m += parts[Math.floor(next() * parts.length)];
    const want = OLD.test(m);
    if (want) yes++;
    assert.equal(namesAnAncestor(m), want, JSON.stringify(m));
  }
  assert.ok(yes > 1000 && yes < 19_000, `both answers are tried (${yes} yes)`);
  // xmllint's own words
  assert.equal(namesAnAncestor('domain.xml:3: element devices: Relax-NG validity error : Extra element devices in interleave'), true);
  assert.equal(namesAnAncestor('domain.xml:9: element disk: Relax-NG validity error : Element domain failed to validate content'), true);
  assert.equal(namesAnAncestor('domain.xml fails to validate'), false);
  assert.equal(namesAnAncestor('Invalid attribute bus for element target'), false);
});

test('namesAnAncestor grows linearly on the input recheck found for the old pattern', { timeout: 120_000 }, () => {
  const g = bestGrowth((n) => 'fExtra element s'.repeat(n) + 'ment t\t', (s) => namesAnAncestor(s), 20_000, 3, 5);
  assert.ok(g.ratio < 3, `time at 2n / time at n = ${g.ratio.toFixed(2)} (${g.msN.toFixed(1)} / ${g.ms2N.toFixed(1)} ms)`);
});
