/**
 * Issue 18, point 3: Nova's BDMs and Cinder's attachments are separate records. Upstream:
 * nova/compute/api.py `_check_volume_already_attached` reads Nova's BDMs only (A5); Cinder's
 * cinder/volume/api.py `_attachment_reserve` allows a reservation on an in-use volume only for
 * an instance that already has an attachment (LP 1694530), leaving the status as it is, and
 * `attachment_update` refuses a second connector on a non-multiattach volume once any of its
 * attachments has connection_info: ResourceConflict 409 "duplicate connectors detected" from
 * Cinder 27 (InvalidVolume, answered 500, before) (attach-flow.md a.1 A8 and C6).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, lab, WEB } from '../fixtures/attach/helpers';

const BUSY = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06';
const DB1 = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02';

/** The busy volume's attachment made outside Nova: no BDM on db-1, Cinder's row kept. */
function outsideNova(fields: Record<string, unknown> = {}) {
  return lab('default', (raw) => {
    raw.instances[1].bdm_volume_ids = [];
    Object.assign(raw.volumes[5].attachments[0], { nova_bdm: false }, fields);
  });
}

test('defaults: every attachment has a Nova BDM, no host and no connection_info (today\'s files unchanged)', () => {
  const a = lab('default').volumes[5]!.attachments[0]!;
  assert.deepEqual([a.nova_bdm, a.host, a.connection_info], [true, null, false]);
  const withHost = lab('default', (raw) => { raw.volumes[5].attachments[0].host = 'compute-2'; }).volumes[5]!.attachments[0]!;
  assert.equal(withHost.connection_info, true, 'an attachment with a host past reserved carries connection_info by default');
});

test('A5 with a Nova BDM: nova-api refuses with "already attached to instances"', () => {
  const r = attach(lab('default'), BUSY);
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /is already attached to instances: b2c3d4e5/);
});

test('Cinder says in-use, Nova knows nothing: A5 passes, _attachment_reserve refuses (400, status in-use)', () => {
  const r = attach(outsideNova({ host: 'compute-2' }), BUSY);
  assert.equal(r.apiStatus, 400);
  assert.doesNotMatch(r.error!, /already attached to instances/);
  assert.match(r.error!, /^Invalid input received: Invalid volume: Volume 5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06 status must be available or downloading to reserve, but the current status is in-use\. \(HTTP 400\)/);
  assert.ok(has(r, 'no Nova BDM holds the volume: pass'));
  assert.ok(has(r, /BDM \d+ destroyed/));
  assert.deepEqual([r.volumeStatus, r.attachStatus], ['in-use', 'attached']);
});

test('legacy os-reserve refuses the same volume for the same reason', () => {
  const r = attach(outsideNova({ host: 'compute-2' }), BUSY, { profile: 'ocata_legacy' });
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /Volume status must be available to reserve, but the status is in-use/);
});

test('a second connector for the same instance: reservation allowed (stays in-use), attachment_update 409 duplicate connectors', () => {
  const r = attach(outsideNova({ instance_uuid: WEB, host: 'compute-1' }), BUSY);
  assert.equal(r.apiStatus, 200, 'the reservation passed: the client got its 200 before compute ran');
  assert.equal(r.outcome, 'failed');
  assert.ok(has(r, /stays in-use \(instance a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01 already has an attachment/));
  assert.ok(has(r, 'RESP: [409] Resource conflict: duplicate connectors detected on volume 5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06'));
  assert.match(r.error!, /Resource conflict: duplicate connectors detected on volume 5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06 \(HTTP 409\)/);
  // The reserved attachment is deleted; the other one keeps the volume in-use.
  assert.deepEqual([r.volumeStatus, r.attachStatus], ['in-use', 'attached']);
  assert.deepEqual(r.statusSequence, ['in-use']);
});

test('the connection host does not matter to the check: an attachment connected on compute-2 also gets 409', () => {
  const r = attach(outsideNova({ instance_uuid: WEB, host: 'compute-2' }), BUSY);
  assert.ok(has(r, /RESP: \[409\] Resource conflict: duplicate connectors/));
});

test('an attachment without connection_info (a reservation) lets the second connector through', () => {
  const r = attach(outsideNova({ instance_uuid: WEB, host: null, attach_status: 'reserved' }), BUSY);
  assert.equal(r.outcome, 'attached');
  assert.ok(!has(r, /duplicate connectors/));
  assert.equal(r.volumeStatus, 'in-use');
});

test('Cinder <= 26 (queens_to_2024_2): the same conflict is InvalidVolume, answered 500', () => {
  const r = attach(outsideNova({ instance_uuid: WEB, host: 'compute-1' }), BUSY, { profile: 'queens_to_2024_2' });
  assert.equal(r.outcome, 'failed');
  assert.ok(has(r, 'RESP: [500] Unable to update attachment.(Invalid volume: duplicate connectors detected on volume 5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06).'));
});

test('an attachment of another instance Nova made keeps its BDM even on another host', () => {
  const r = attach(lab('default', (raw) => {
    raw.instances[1].bdm_volume_ids = [];
    raw.volumes[5].attachments[0].host = 'compute-2';
  }), BUSY);
  assert.match(r.error!, new RegExp(`already attached to instances: ${DB1}`));
});

test('the 409 costs one REST round trip at cinder-api, and the run ends after the reserved attachment is deleted', () => {
  const r = attach(outsideNova({ instance_uuid: WEB, host: 'compute-1' }), BUSY);
  const put = r.steps.find((s) => s.text.includes('REQ: curl -g -i -X PUT'))!;
  assert.equal(put.durationS, 0.1);
  assert.equal(r.durationS, 0.95);
});

test('detach of a multiattach volume: another server connected on this host keeps the target (driver.py _should_disconnect_target); one on compute-2 does not', () => {
  const SHARED = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c05';
  const withOther = (host: string) => lab('default', (raw) => {
    raw.volumes[4].status = 'in-use';
    raw.volumes[4].attach_status = 'attached';
    raw.volumes[4].attachments = [{ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', instance_uuid: DB1, attach_status: 'attached', host }];
  });
  const here = attach(withOther('compute-1'), SHARED, { microversion: '2.60', race: { afterInUseS: 0 } });
  assert.equal(here.outcome, 'detached');
  assert.ok(has(here, /Detected multiple connections on this host for volume: 2a3b4c5d/));
  assert.equal(here.volumeStatus, 'in-use', 'the other attachment keeps the volume in-use');
  const there = attach(withOther('compute-2'), SHARED, { microversion: '2.60', race: { afterInUseS: 0 } });
  assert.equal(there.outcome, 'detached');
  assert.ok(!has(there, /Detected multiple connections/));
});
