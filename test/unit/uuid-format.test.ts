/**
 * Nova's `uuid` format (server/src/rules/formats.cjs, the one UUID check) against Nova itself:
 * test/fixtures/uuid/cases.json was labelled by oslo_utils.uuidutils.is_uuid_like and by Nova's
 * jsonschema FormatChecker on parameter_types.volume_id (scripts/gen-uuid-cases.py writes it;
 * this test never runs Python). The simulator's volumeAttachment check must give the same
 * verdicts: it used to refuse `uuid:…`, `{…` and `{urn:uuid:…}` and accept `URN:UUID:…`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuid } from '../../server/src/rules/formats.cjs';
import { validateAttachBody } from '../../server/src/attach/input/request';

const { cases } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'uuid', 'cases.json'), 'utf8')) as { cases: Array<{ value: string; uuidLike: boolean }> };

test('the fixture covers the edge cases, both verdicts', () => {
  const values = cases.map((c) => c.value);
  const U = '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e';
  for (const v of [U.toUpperCase(), `{${U}}`, `urn:uuid:${U}`, U.replace(/-/g, ''), `${U}\n`, ` ${U} `, `URN:UUID:${U}`, `uuid:${U}`]) assert.ok(values.includes(v), JSON.stringify(v));
  assert.ok(cases.filter((c) => c.uuidLike).length >= 10 && cases.filter((c) => !c.uuidLike).length >= 10);
});

test("formats.cjs uuid gives Nova's verdict on every labelled string", () => {
  const wrong = cases.filter((c) => uuid(c.value) !== c.uuidLike).map((c) => JSON.stringify(c.value));
  assert.deepEqual(wrong, []);
});

test("the simulator's volumeAttachment check gives the same verdicts (one checker)", () => {
  const wrong = cases.filter((c) => {
    let ok = true;
    try {
      validateAttachBody({ volumeAttachment: { volumeId: c.value } }, 1, false);
    } catch (e) {
      ok = !/is not a 'uuid'/.test((e as Error).message);
    }
    return ok !== c.uuidLike;
  }).map((c) => JSON.stringify(c.value));
  assert.deepEqual(wrong, []);
});
