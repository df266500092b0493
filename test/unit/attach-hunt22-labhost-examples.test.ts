/**
 * The shipped lab hosts (labhosts/*.labhost.json) carry examples of the volume fields
 * `lun_visible_after_rescans` and `read_only_for_s`: they validate against
 * schemas/labhost.schema.json (and the loader) and replay as documented. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { attach, has, lab, stepAt } from '../fixtures/attach/helpers';
import { loadLabHost } from '../../server/src/attach/input/labhost';
import type { LabHost } from '../../server/src/attach/types';

const ROOT = join(__dirname, '..', '..');
const read = (f: string) => JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
const SAMPLE = 'samples/workspace/fc-read-only.labhost.json';
function sample(): LabHost {
  const r = loadLabHost(readFileSync(join(ROOT, SAMPLE), 'utf8'), 'fc-read-only.labhost.json');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.labHost;
}

test('fc and iscsi lab hosts: the example volumes validate against the lab-host schema and load', () => {
  const schema = read('schemas/labhost.schema.json');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  for (const f of ['labhosts/fc.labhost.json', 'labhosts/iscsi.labhost.json', SAMPLE]) {
    const raw = read(f);
    assert.ok(validate(raw), `${f}: ${JSON.stringify(validate.errors)}`);
  }
  const fc = lab('fc');
  assert.equal(fc.volumes.find((v) => v.name === 'fc-lun-after-2-rescans')?.lun_visible_after_rescans, 2);
  assert.equal(sample().volumes.find((v) => v.name === 'fc-read-only-for-3s')?.read_only_for_s, 3);
  assert.equal(sample().volumes.find((v) => v.name === 'fc-read-only-for-good')?.read_only_for_s, null);
  assert.equal(lab('iscsi').volumes.find((v) => v.name === 'lun-after-2-rescans')?.lun_visible_after_rescans, 2);
});

test('fc example "fc-lun-after-2-rescans": modern FC finds it after 2 rescans, 4 s (two 2-second ticks) after the first miss', () => {
  const r = attach(lab('fc'), '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e24');
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, /after 2 rescans/));
});

test('samples/workspace/fc-read-only example "fc-read-only-for-3s": read-only at the first wait_for_rw check, multipath -r, 1 s and 2 s waits, writable at the third check', () => {
  const r = attach(sample(), '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e25');
  assert.equal(r.outcome, 'attached');
  const checks = r.steps.filter((s) => s.text.includes('is read-only: lsblk -o NAME,RO -l -n')).map((s) => s.at);
  assert.equal(checks.length, 3);
  assert.ok(has(r, /Block device \S+ is not read-only\./));
  assert.ok(!has(r, 'still read-only'));
});

test('iscsi example "lun-after-2-rescans" under kilo_prefix (Nova Juno\'s own driver): found after 1 rescan of the loop, the 1 s sleep after try 0', () => {
  const r = attach(lab('iscsi'), '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a21', { profile: 'kilo_prefix' });
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, 'DEBUG Found iSCSI node vdb (after 1 rescans)'));
  assert.equal(Math.round((stepAt(r, 'Found iSCSI node') - stepAt(r, 'Try number: 0')) * 1000), 1000);
});

test('samples/workspace/fc-read-only example "fc-read-only-for-good": five checks 1/2/4/8 s apart, then the WARNING, attached', () => {
  const r = attach(sample(), '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e26');
  assert.equal(r.outcome, 'attached');
  const checks = r.steps.filter((s) => s.text.includes('is read-only: lsblk -o NAME,RO -l -n')).map((s) => s.at);
  assert.equal(checks.length, 5);
  assert.ok(has(r, /WARNING Block device \S+ is still read-only\. Continuing anyway\./));
});
