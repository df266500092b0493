/**
 * Hunt 24, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource
 * and its Stack.validate; each case's label beside it in test/fixtures/heat-hunt24/*.json;
 * `node --import tsx test/unit/heat-hunt24.test.ts --label` rewrites the labels of numbers.json):
 * - numbers.json: `digest` with ripemd160 and sm3 (Debian's hashlib has both, in any case); ints
 *   past 2^53 and floats of integral value in plain data, parameters (number, json given or
 *   default, comma_delimited_list) and get_param paths, printed as Python does where they reach the
 *   body or a message (list_join, str_replace, metadata, "Value must be a string"); json.dumps with
 *   sort_keys of a map whose keys Python cannot compare (a str and an int, None): list_join's and
 *   str_replace's refusals; tagged scalars SafeConstructor refuses (`!!int ''`: "string index out
 *   of range", `!!int abc`, `!!float abc`, `!!bool x`: KeyError) or reads as int()/float() do
 *   (white space, `0o`, Unicode digits); yaql is left as a note (cases where Heat evaluates it
 *   are not compared);
 * - generated.json: scripts/heat-hunt24-gen.ts's templates (parameter_groups, parameter
 *   constraints, get_param paths, str_replace*, str_split, repeat, nested if, every block device
 *   property with a value of each type) that bdm-lab disagreed on before, and a sample of the rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { hexDigestOf } from '../../server/src/source/heat/hashes';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { labelHeatCases } from '../fixtures/heat/label';
import { ROOT } from './cli-run';

type Labelled = HeatCase & { oracle: HeatOracle };
const DIR = join(ROOT, 'test', 'fixtures', 'heat-hunt24');
const HAND = join(DIR, 'numbers.json');
if (process.argv.includes('--label')) {
  const cases = JSON.parse(readFileSync(HAND, 'utf8')) as Labelled[];
  const labels = labelHeatCases(cases.map(({ oracle: _o, ...c }) => c), { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 });
  writeFileSync(HAND, JSON.stringify(cases.map((c) => ({ ...c, oracle: labels[c.id] })), null, 1) + '\n');
}
const FILES = ['numbers.json', 'generated.json'];
const CASES = FILES.flatMap((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Labelled[]).map((c) => ({ ...c, file: f })));
/** yaql: bdm-lab does not evaluate it (a note), so a template Heat evaluates it in is not compared */
const YAQL = /\byaql:/;

test('the hunt-24 cases are labelled', () => {
  assert.ok(CASES.length >= 150);
  for (const c of CASES) assert.ok(c.oracle, `${c.id}: no label`);
});

for (const c of CASES) {
  if (YAQL.test(c.template)) continue;
  test(`Heat 19.0.0 on ${c.file} ${c.id}`, () => {
    const r = compareWithOracle(c, c.oracle);
    assert.ok(!r.undecided);
    assert.deepEqual(r.diffs, []);
  });
}

const server = (props: string) => `heat_template_version: 2021-04-16\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      flavor: m1.small\n${props}`;
const translated = (t: string) => {
  const d = heatSources(t, { microversion: '2.1' })[0];
  return d.translation.error?.message ?? JSON.stringify(d.translation.body);
};

test('ripemd160 and sm3 digests equal the published test vectors (abc, the empty text, a million a)', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  assert.equal(hexDigestOf('ripemd160', bytes('abc')), '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc');
  assert.equal(hexDigestOf('ripemd160', bytes('')), '9c1185a5c5e9fc54612808977ee8f548b2258d31');
  assert.equal(hexDigestOf('sm3', bytes('abc')), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(hexDigestOf('ripemd160', bytes('a'.repeat(1_000_000))), '52783243c1697bdbe16d37f97f68f08325dc1528');
  // SM3 of 64 bytes "abcd" x 16 (GB/T 32905 example 2)
  assert.equal(hexDigestOf('sm3', bytes('abcd'.repeat(16))), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
});

test('a number kept exactly in a container whose item is replaced is printed from its new value', () => {
  // a key written twice: the later value wins, and its own text is printed
  assert.match(translated(server("      name: {list_join: [',', [{a: 1.0, a: 2}]]}\n")), /"name":"\{\\"a\\": 2\}"/);
  assert.match(translated(server("      name: {list_join: [',', [{a: 1, a: 2.0}]]}\n")), /"name":"\{\\"a\\": 2\.0\}"/);
});

test('a hostile tagged scalar is read in linear time (a long run of spaces, of digits)', { timeout: 120_000 }, () => {
  const time = (n: number) => {
    const t = server(`      name: !!int '${' '.repeat(n)}x${' '.repeat(n)}'\n      metadata: {k: !!float '${'\u0661'.repeat(n)}'}\n`);
    const s = process.hrtime.bigint();
    translated(t);
    return Number(process.hrtime.bigint() - s);
  };
  time(20_000);
  const a = time(40_000);
  const b = time(80_000);
  assert.ok(b / a < 4, `time grows ${(b / a).toFixed(1)}-fold when the text doubles`);
});
