/**
 * The libvirt detach retry loop per release (lab host `guest_detach_release`) and the legacy
 * rollback when os-attach fails (volume `os_attach_error`). Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, ISCSI_VOL, lab, texts } from '../fixtures/attach/helpers';
import type { Profile } from '../../server/src/attach/types';

const detachLab = (release: number | 'never') => lab('iscsi', (raw) => { raw.instances[0].guest_detach_release = release; });
const run = (release: number | 'never', profile: Profile) => attach(detachLab(release), ISCSI_VOL, { profile, race: { afterInUseS: 1 } });
const liveReqAt = (r: ReturnType<typeof run>) => r.steps.filter((s) => /live detach request \d+/.test(s.text)).map((s) => s.at);

// nova/virt/libvirt/driver.py _detach_with_retry / _detach_from_live_with_retry (Nova >= 24):
// 8 attempts, each the live request (libvirt's 5 s unplug wait) and a 20 s event wait.
test('modern: a guest that never lets go exhausts 8 live attempts, then DeviceDetachFailed and roll_detaching', () => {
  const r = run('never', 'modern');
  assert.equal(r.outcome, 'detach_failed');
  assert.equal(r.volumeStatus, 'in-use');
  assert.equal(r.detach!.liveDetachRequests, 8);
  assert.match(r.detach!.error!, /^Device detach failed for vdb: Run out of retry while detaching device vdb with device alias ua-0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01 from instance a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01 from the live domain config\. Device is still attached to the guest\.$/);
  const at = liveReqAt(r);
  for (let i = 1; i < at.length; i++) assert.equal(Math.round((at[i]! - at[i - 1]!) * 1000), 25_000);
  assert.equal(texts(r).filter((t) => /is timed out\.$/.test(t)).length, 8);
  assert.ok(idx(r, 'Guest refused to detach volume 0b6c1e35') < idx(r, /os-roll_detaching/));
  assert.ok(!has(r, /disconnect_volume/));
  assert.ok(!has(r, /-X DELETE .*\/attachments\//));
  assert.ok(has(r, /instance fault recorded: DeviceDetachFailed/));
});

test('queens_to_2024_2: the same loop, with libvirt\'s own alias (no <alias> before Nova 29)', () => {
  const r = run('never', 'queens_to_2024_2');
  assert.match(r.detach!.error!, /device alias virtio-disk1 /);
  assert.equal(r.detach!.liveDetachRequests, 8);
});

test('modern: a guest that lets go on the 3rd request detaches after two timed-out attempts', () => {
  const r = run(3, 'modern');
  assert.equal(r.outcome, 'detached');
  assert.equal(r.volumeStatus, 'available');
  assert.equal(r.detach!.liveDetachRequests, 3);
  assert.ok(has(r, /^DEBUG \(3\/8\): Attempting to detach device vdb/));
  assert.ok(idx(r, /from the persistent domain config\.$/) < idx(r, /\(1\/8\)/));
});

// nova/virt/libvirt/guest.py detach_device_with_retry (Nova 15): RetryDecorator(7 retries,
// +2 s, max 30 s); the first request detaches both configs.
test('ocata_legacy: 1 + 8 requests, 2..14 s apart, then DeviceDetachFailed "transient domain" and roll_detaching', () => {
  const r = run('never', 'ocata_legacy');
  assert.equal(r.outcome, 'detach_failed');
  assert.equal(r.volumeStatus, 'in-use');
  assert.equal(r.detach!.error, 'Device detach failed for vdb: Unable to detach from guest transient domain.');
  assert.equal(r.detach!.liveDetachRequests, 9);
  const at = liveReqAt(r);
  const gaps = at.slice(1).map((t, i) => Math.round((t - at[i]!) * 1000));
  assert.deepEqual(gaps, [5000, 7000, 9000, 11000, 13000, 15000, 17000, 19000]);
  assert.ok(has(r, /^ERROR Failed to detach volume 0b6c1e35.* from \/dev\/vdb/));
  assert.ok(has(r, /os-roll_detaching/));
});

test('ocata_legacy: released on the 3rd request, noticed on the next call after a 4 s sleep', () => {
  const r = run(3, 'ocata_legacy');
  assert.equal(r.outcome, 'detached');
  assert.equal(r.detach!.liveDetachRequests, 3);
});

test('kilo_prefix: one detachDeviceFlags, the result is not checked', () => {
  const r = run('never', 'kilo_prefix');
  assert.equal(r.outcome, 'detached');
  assert.equal(r.detach!.liveDetachRequests, 1);
});

// nova 16.0.0 nova/virt/block_device.py DriverVolumeBlockDevice.attach: os-attach failure ->
// driver detach, terminate_connection, detach; the manager then unreserves.
test('ocata_legacy: os-attach fails -> driver detach, os-terminate_connection, os-detach, then os-unreserve', () => {
  const r = attach(lab('iscsi', (raw) => { raw.volumes[0].os_attach_error = 'DB error'; }), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.equal(r.attachOutcome, 'failed');
  assert.equal(r.volumeStatus, 'available');
  assert.match(r.error!, /\(HTTP 500\)/);
  const osAttach = idx(r, /"os-attach"/);
  const det = idx(r, /live detach request 1/);
  const disc = idx(r, /disconnect_volume/);
  const term = idx(r, /"os-terminate_connection"/);
  const detach = idx(r, /"os-detach"/);
  const unres = idx(r, /"os-unreserve"/);
  assert.ok(osAttach < det && det < disc && disc < term && term < detach && detach < unres);
  assert.equal(texts(r).filter((t) => /"os-terminate_connection"/.test(t)).length, 1);
  assert.equal(r.bdm, null);
});

// Juno nova/virt/block_device.py: os-attach outside any handler; the manager only unreserves.
test('kilo_prefix: os-attach fails -> no driver detach, no terminate, only os-unreserve', () => {
  const r = attach(lab('iscsi', (raw) => { raw.volumes[0].os_attach_error = 'DB error'; }), ISCSI_VOL, { profile: 'kilo_prefix' });
  assert.equal(r.attachOutcome, 'failed');
  assert.ok(!has(r, /live detach request/));
  assert.ok(!has(r, /"os-terminate_connection"/));
  assert.ok(has(r, /"os-unreserve"/));
});

test('ocata_legacy: os-attach is not sent when Nova reads the volume as already attached', () => {
  const r = attach(lab('iscsi', (raw) => {
    raw.volumes[0].multiattach = true;
    raw.volumes[0].status = 'in-use';
    raw.volumes[0].attach_status = 'attached';
    raw.instances.push({ uuid: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02', name: 'web-2' });
    raw.volumes[0].attachments = [{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e01', instance_uuid: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02', attach_status: 'attached', host: 'compute-1', mountpoint: '/dev/vdb' }];
  }), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.ok(!has(r, /"os-attach"/));
  assert.ok(has(r, /os-attach not sent: Nova read volume .* with attach_status attached/));
});
