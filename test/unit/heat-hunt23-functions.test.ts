/**
 * Hunt 23: Heat's `digest` and `make_url` (heat/engine/hot/functions.py Digest, MakeURL), evaluated
 * by bdm-lab as Heat 19.0.0 does, labelled by Heat's own code (the heat-oracle, Heat's checks before
 * any resource and its Stack.validate; each case's label beside it in
 * test/fixtures/heat-hunt23/functions*.json; `node --import tsx test/unit/heat-hunt23-functions.test.ts
 * --label` rewrites the labels of functions.json):
 * - digest (2015-04-30 on): the hex digest of the value's Latin-1 bytes (a character past U+00FF
 *   refused in Python's UnicodeEncodeError words), every hashlib name in any case (SHA-3 and BLAKE2
 *   only in lower case: "unsupported hash type"; SHAKE's hexdigest wants a length); a name hashlib
 *   lacks refused with the set of names; arguments that are no list of two strings refused;
 * - make_url (2017-09-01 on): its arguments checked as written before any is resolved (a map, its
 *   keys, each a string or a function, the port an int of 1-65535; `query` ends the check), then
 *   once resolved; the URL urlunsplit writes, each part quoted (a host with ':' in brackets, the
 *   query urlencoded with '/' kept, a port as written);
 * - before their versions both are data ("Value must be a string; got {...}").
 * Heat's words that print a Python set list it in the Heat process's hash order: compared in
 * bdm-lab's order (scripts/heat-hunt23-fn-lib.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { hexDigestOf } from '../../server/src/source/heat/hashes';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { labelHeatCases } from '../fixtures/heat/label';
import { normaliseSetWords } from '../../scripts/heat-hunt23-fn-lib';
import { ROOT } from './cli-run';

type Labelled = HeatCase & { oracle: HeatOracle };
const DIR = join(ROOT, 'test', 'fixtures', 'heat-hunt23');
const HAND = join(DIR, 'functions.json');
if (process.argv.includes('--label')) {
  const cases = JSON.parse(readFileSync(HAND, 'utf8')) as Labelled[];
  const labels = labelHeatCases(cases.map(({ oracle: _o, ...c }) => c), { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 });
  writeFileSync(HAND, JSON.stringify(cases.map((c) => ({ ...c, oracle: labels[c.id] })), null, 1) + '\n');
}
const FILES = ['functions.json', 'functions-generated.json'];
const CASES = FILES.flatMap((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Labelled[]).map((c) => ({ ...c, file: f })));

test('the hunt-23 function cases are labelled, and call both functions', () => {
  assert.ok(CASES.length >= 150);
  for (const c of CASES) assert.ok(c.oracle, `${c.id}: no label`);
  assert.ok(CASES.filter((c) => /digest:/.test(c.template)).length >= 50);
  assert.ok(CASES.filter((c) => /make_url:/.test(c.template)).length >= 50);
});

for (const c of CASES) {
  test(`Heat 19.0.0 on ${c.file} ${c.id}`, () => {
    const r = compareWithOracle(c, normaliseSetWords(c.oracle, c.template));
    assert.ok(!r.undecided);
    assert.deepEqual(r.diffs, []);
  });
}

const server = (name: string, version = '2017-09-01') => `heat_template_version: ${version}\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      flavor: m1.small\n      name: ${name}\n`;
const nameOf = (t: string) => {
  const d = heatSources(t, { microversion: '2.1' })[0];
  return d.translation.error?.message ?? (d.translation.body as { server: { name: string } }).server.name;
};

test('each digest agrees with node:crypto over lengths that cross the block boundaries', () => {
  const names: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', sha512_224: 'sha512-224', sha512_256: 'sha512-256', sha3_224: 'sha3-224', sha3_256: 'sha3-256', sha3_384: 'sha3-384', sha3_512: 'sha3-512', blake2b: 'blake2b512', blake2s: 'blake2s256' };
  for (const len of [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 135, 136, 137, 200, 1000]) {
    const b = Uint8Array.from({ length: len }, (_, i) => (i * 131 + len) & 255);
    for (const [a, n] of Object.entries(names)) assert.equal(hexDigestOf(a, b), createHash(n).update(b).digest('hex'), `${a} of ${len} bytes`);
    assert.equal(hexDigestOf('md5-sha1', b), createHash('md5').update(b).digest('hex') + createHash('sha1').update(b).digest('hex'));
  }
});

test('a digest of a large value is computed (linear), a value past Latin-1 refused in Python\'s words', () => {
  const big = 'é'.repeat(200_000);
  assert.equal(nameOf(server(`{digest: [sha256, '${big}']}`)), createHash('sha256').update(Buffer.from(big, 'latin1')).digest('hex'));
  assert.match(nameOf(server("{digest: [md5, 'ab€']}")), /'latin-1' codec can't encode character '\\u20ac' in position 2: ordinal not in range\(256\)$/);
});

test('make_url of many query keys and long parts stays bounded and exact', () => {
  const q = Array.from({ length: 2000 }, (_, i) => `k${i}: 'v ${i}/'`).join(', ');
  const url = nameOf(server(`{make_url: {scheme: https, host: 'fe80::1', port: 8443, query: {${q}}}}`));
  assert.ok(url.startsWith('https://[fe80::1]:8443?k0=v+0/&k1=v+1/'));
  assert.ok(url.endsWith('&k1999=v+1999/'));
});
