/**
 * Issue 18, point 2: a request nova-api refuses leaves the volume as it was. Upstream: the
 * request schema of nova/api/openstack/compute/schemas/volume_attachments.py (`create`) and
 * the state checks of nova/compute/api.py (`check_instance_lock`, `check_instance_state`)
 * run before any call to Cinder (attach-flow.md a.1 A1-A2), so Cinder's volume is untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import { simulateAttach } from '../../server/src/attach/flows/simulate';

test('schema rejection (A1, a device not matching the pattern): 400 and the volume still available/detached', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, {}, undefined, { device: 'vdb' });
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /'vdb' does not match/);
  assert.equal(r.volumeStatus, 'available');
  assert.equal(r.attachStatus, 'detached');
  assert.deepEqual(r.statusSequence, ['available']);
});

test('schema rejection of an in-use volume leaves it in-use/attached, not unknown', () => {
  const l = lab('iscsi', (raw) => {
    raw.volumes[0].status = 'in-use';
    raw.volumes[0].attach_status = 'attached';
  });
  const r = attach(l, ISCSI_VOL, {}, undefined, { device: 'vdb' });
  assert.equal(r.apiStatus, 400);
  assert.deepEqual([r.volumeStatus, r.attachStatus, r.statusSequence], ['in-use', 'attached', ['in-use']]);
});

test('instance refusals (A2: locked -> 409) also leave the volume as it was', () => {
  const l = lab('iscsi', (raw) => {
    raw.instances[0].locked = true;
  });
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.apiStatus, 409);
  assert.deepEqual([r.volumeStatus, r.attachStatus, r.statusSequence], ['available', 'detached', ['available']]);
});

test('a body naming no volume has no volume to report: unknown', () => {
  const l = lab('iscsi');
  const r = simulateAttach(l, { server_id: l.instances[0]!.uuid, volumeAttachment: { device: '/dev/vdb' } }, { hashes });
  assert.equal(r.apiStatus, 400);
  assert.equal(r.volumeStatus, 'unknown');
});
