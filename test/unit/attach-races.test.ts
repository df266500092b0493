/** The detach race (attach-flow.md g) and concurrent attaches on one host (locks of a.0). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateAttachMany } from '../../server/src/attach/flows/simulate';
import { attach, has, hashes, ISCSI_VOL, lab, stepAt, WEB } from '../fixtures/attach/helpers';

test('kilo_prefix: detach as soon as the volume is in-use finds a NULL connection_info and sticks in detaching', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'kilo_prefix', race: { atStatus: 'in-use' } });
  // The attach itself succeeded; the flow asked for (attach, then detach) left the volume stuck.
  assert.equal(r.attachOutcome, 'attached');
  assert.equal(r.outcome, 'stuck');
  assert.equal(r.volumeStatus, 'detaching');
  assert.deepEqual(r.statusSequence, ['available', 'attaching', 'in-use', 'detaching']);
  assert.deepEqual(r.detach, { apiStatus: 202, error: "TypeError: <type 'NoneType'> can't be decoded" });
  assert.ok(stepAt(r, "TypeError: <type 'NoneType'> can't be decoded") < stepAt(r, 'connection_info saved (after os-attach)'));
});

test('kilo_prefix: a detach 1 s later misses the window and succeeds', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'kilo_prefix', race: { afterInUseS: 1 } });
  assert.deepEqual({ apiStatus: r.detach?.apiStatus, error: r.detach?.error }, { apiStatus: 202, error: null });
  assert.equal(r.volumeStatus, 'available');
  assert.ok(has(r, '"os-detach"'));
});

test('ocata_legacy: the save comes before os-attach, so the same immediate detach succeeds', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'ocata_legacy', race: { atStatus: 'in-use' } });
  assert.deepEqual({ apiStatus: r.detach?.apiStatus, error: r.detach?.error }, { apiStatus: 202, error: null });
  assert.equal(r.volumeStatus, 'available');
});

test('modern: detach while attaching is refused with 400, the attach completes', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { race: { atStatus: 'attaching' } });
  assert.equal(r.attachOutcome, 'attached');
  assert.equal(r.outcome, 'detach_failed');
  assert.equal(r.volumeStatus, 'in-use');
  assert.equal(r.detach!.apiStatus, 400);
  assert.match(r.detach!.error!, /Unable to detach volume\. Volume status must be 'in-use' and attach_status must be 'attached' to detach\./);
});

test('modern: detach right after in-use waits for the instance lock and ends available', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { race: { afterInUseS: 0 } });
  assert.deepEqual({ apiStatus: r.detach?.apiStatus, error: r.detach?.error }, { apiStatus: 202, error: null });
  assert.deepEqual(r.statusSequence, ['available', 'reserved', 'attaching', 'in-use', 'detaching', 'available']);
  assert.equal(r.durationS, 4.4); // the attach's own duration
});

test('two attaches at once on one host: both succeed, host devices sdb/sdc, connect_volume serialised', () => {
  const l = lab('default');
  const r = simulateAttachMany(l, [
    { server_id: WEB, volumeAttachment: { volumeId: ISCSI_VOL } },
    { server_id: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e03', volumeAttachment: { volumeId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c05' } },
  ], { microversion: '2.60', hashes });
  assert.equal(r.outcome, 'attached');
  assert.equal(r.others!.length, 1);
  const o = r.others![0]!;
  assert.equal(o.outcome, 'attached');
  assert.deepEqual([r.sourcePath, o.sourcePath].sort(), ['/dev/sdb', '/dev/sdc']);
  assert.ok(has(o, /Lock "connect_volume" acquired by .* :: waited/));
});

test('shared_targets null: the os-brick guard lock serialises two attaches of the same backend', () => {
  const l = lab('default', (raw) => {
    raw.volumes[0].shared_targets = null;
    raw.volumes[4].shared_targets = null;
  });
  const r = simulateAttachMany(l, [
    { server_id: WEB, volumeAttachment: { volumeId: ISCSI_VOL } },
    { server_id: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e03', volumeAttachment: { volumeId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c05' } },
  ], { microversion: '2.60', hashes });
  const o = r.others![0]!;
  assert.ok(has(r, /Lock "os-brick-6a0d7f3e-2c51-4f0b-9d8e-1b2c3d4e5f60" acquired by "os_brick\.initiator\.utils\.guard_connection" :: waited 0\.000s/));
  const waited = o.steps.find((s) => /os-brick-6a0d7f3e.* :: waited/.test(s.text))!;
  assert.ok(!/waited 0\.000s/.test(waited.text), waited.text);
  assert.ok(o.durationS > r.durationS);
});

test('same non-multiattach volume twice at once: the second reservation is refused by Cinder', () => {
  const l = lab('default');
  const r = simulateAttachMany(l, [
    { server_id: WEB, volumeAttachment: { volumeId: ISCSI_VOL } },
    { server_id: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e03', volumeAttachment: { volumeId: ISCSI_VOL } },
  ], { hashes });
  assert.equal(r.outcome, 'attached');
  const o = r.others![0]!;
  assert.equal(o.apiStatus, 400);
  assert.match(o.error!, /status must be available or downloading to reserve, but the current status is reserved/);
});

test('multiattach volume to two instances at once: the second reservation meets status reserved and is refused', () => {
  // Cinder's conditional update accepts available/in-use/downloading for multiattach, not reserved.
  const l = lab('rbd');
  const r = simulateAttachMany(l, [
    { server_id: WEB, volumeAttachment: { volumeId: '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e32' } },
    { server_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02', volumeAttachment: { volumeId: '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e32' } },
  ], { microversion: '2.60', hashes });
  assert.equal(r.outcome, 'attached');
  assert.equal(r.others![0]!.apiStatus, 400);
  assert.match(r.others![0]!.error!, /status must be available or in-use or downloading to reserve, but the current status is reserved/);
  assert.equal(r.volumeStatus, 'in-use');
});
