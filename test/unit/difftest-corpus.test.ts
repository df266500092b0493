/**
 * bdm-lab against Nova's stored verdicts: test/fixtures/difftest/corpus.json holds seed-generated
 * bodies, each with the answer Nova's own code gave (shared/tools/nova-oracle, run by
 * `npm run difftest -- --write-corpus`). No Python needed here: the verdicts are stored.
 *
 * Cases where bdm-lab is known to be wrong are listed in KNOWN_DISAGREEMENTS with the reason;
 * they must keep disagreeing in exactly the recorded way (so a fix shows up as a failure here
 * that asks for the entry to be removed), and any other disagreement fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeWithBdmLab } from '../../scripts/difftest-lib';
import type { DiffContext } from '../../scripts/difftest-gen';

interface CorpusCase {
  id: string;
  kind: 'server' | 'attach';
  payloadText: string;
  context: DiffContext;
  oracle: { valid: boolean; http_status: number; layer: string | null; nova_message: string | null; driver_classes: Array<string | null> | null };
}

const here = dirname(fileURLToPath(import.meta.url));
const corpus = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'difftest', 'corpus.json'), 'utf8')) as { cases: CorpusCase[] };

/** id -> why bdm-lab disagrees and what it answers instead (valid + HTTP status). */
const KNOWN_DISAGREEMENTS: Record<string, { reason: string; bdmLab: { valid: boolean; httpStatus: number | null } }> = {};

test(`corpus has a few hundred labelled cases of both kinds`, () => {
  assert.ok(corpus.cases.length >= 200, `only ${corpus.cases.length} cases`);
  assert.ok(corpus.cases.some((c) => c.kind === 'attach') && corpus.cases.some((c) => c.kind === 'server'));
  assert.ok(corpus.cases.some((c) => c.oracle.valid) && corpus.cases.some((c) => !c.oracle.valid));
});

test('every known disagreement names a case of the corpus', () => {
  const ids = new Set(corpus.cases.map((c) => c.id));
  for (const id of Object.keys(KNOWN_DISAGREEMENTS)) assert.ok(ids.has(id), `${id} is not in the corpus`);
});

test(`bdm-lab agrees with Nova on valid/invalid and HTTP status (${corpus.cases.length} stored verdicts)`, () => {
  const problems: string[] = [];
  for (const c of corpus.cases) {
    const b = judgeWithBdmLab(c.payloadText, c.context);
    const o = c.oracle;
    const agrees = b.valid === o.valid && (o.valid || b.httpStatus === o.http_status);
    const known = KNOWN_DISAGREEMENTS[c.id];
    const got = `bdm-lab ${b.valid ? 'accepts' : `${b.httpStatus} ${b.code}`}`;
    const want = `Nova ${o.valid ? 'accepts' : `${o.http_status} (${o.layer}) ${(o.nova_message ?? '').split('\n')[0].slice(0, 140)}`}`;
    if (known) {
      if (agrees) problems.push(`${c.id}: now agrees with Nova (${want}): remove it from KNOWN_DISAGREEMENTS`);
      else if (b.valid !== known.bdmLab.valid || b.httpStatus !== known.bdmLab.httpStatus) problems.push(`${c.id}: disagrees in a new way: ${got}, recorded ${JSON.stringify(known.bdmLab)}; ${want}`);
      continue;
    }
    if (!agrees) problems.push(`${c.id} (${c.context.microversion}): ${got}; ${want}`);
  }
  assert.deepEqual(problems, []);
});

test('accepted server bodies: driver classes per entry agree with Nova', () => {
  const problems: string[] = [];
  let compared = 0;
  for (const c of corpus.cases) {
    if (c.kind !== 'server' || !c.oracle.valid || !c.oracle.driver_classes || KNOWN_DISAGREEMENTS[c.id]) continue;
    const b = judgeWithBdmLab(c.payloadText, c.context);
    if (!b.valid) continue; // reported by the test above
    compared++;
    if (JSON.stringify(b.driverClasses) !== JSON.stringify(c.oracle.driver_classes)) problems.push(`${c.id}: bdm-lab ${JSON.stringify(b.driverClasses)}, Nova ${JSON.stringify(c.oracle.driver_classes)}`);
  }
  assert.ok(compared >= 20, `only ${compared} accepted server bodies compared`);
  assert.deepEqual(problems, []);
});

test('refusals carry Nova\'s message word for word (several unexpected keys too: jsonschema names them sorted)', () => {
  const off: string[] = [];
  let n = 0;
  for (const c of corpus.cases) {
    if (c.oracle.valid || !c.oracle.nova_message) continue;
    const b = judgeWithBdmLab(c.payloadText, c.context);
    n++;
    if (b.message !== c.oracle.nova_message) off.push(`${c.id}: Nova ${JSON.stringify(c.oracle.nova_message)} bdm-lab ${JSON.stringify(b.message)}`);
  }
  assert.ok(n > 200, `only ${n} refusals`);
  assert.deepEqual(off, []);
});
