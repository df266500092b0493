/**
 * Nova's cleanup after a failed boot from volume (openstack/nova compute/manager.py at 33.0.0,
 * 29.0.0, 21.0.0, 16.0.0, 2015.1.x): a block device failure is a BuildAbortException and
 * `_cleanup_volumes(raise_exc=False)` detaches (Nova >= 18) then deletes delete_on_termination
 * volumes; a spawn failure runs `_shutdown_instance` ("Terminating instance", attachment_delete
 * or terminate_connection + detach) then RescheduledException, and with one compute host the
 * conductor ends it (MaxRetriesExceeded from 17, the scheduler's NoValidHost before). Virtual
 * clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { renderBootText } from '../../server/src/attach/output/textReport';
import type { NovaBdm } from '../../server/src/nova/types';
import { hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const UUID = '11111111-2222-4333-8444-555555555555';
function bdm(p: Partial<NovaBdm>): NovaBdm {
  return { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}
const idx = (r: { steps: Array<{ text: string }> }, re: RegExp): number => r.steps.findIndex((s) => re.test(s.text));
const deadPortal = (): ReturnType<typeof lab> => lab('iscsi', (raw) => {
  raw.backends.lvm.portals[0].reachable = false;
  raw.backends.lvm.portals[0].refuses = true;
});

test('modern, driver not initialized: _cleanup_volumes detaches (TypeError on a never-attached BDM, roll_detaching), then the delete is refused 400; the volume stays reserved', () => {
  const l = lab('iscsi');
  l.backends.lvm!.driver_initialized = false;
  const r = simulateBoot(l, [bdm({})], { instanceUuid: UUID, hashes });
  assert.equal(r.outcome, 'error');
  const order = [/^INFO Detaching volume /, /^INFO Attempting to driver detach volume .* from mountpoint \/dev\/vda$/, /^WARNING Detaching volume from unknown instance$/, /os-roll_detaching/, new RegExp(`^WARNING Failed to detach volume: ${ISCSI_VOL} due to argument of type 'NoneType' is not iterable$`), /-X DELETE .*\/volumes\//, new RegExp(`^WARNING Failed to delete volume: ${ISCSI_VOL} due to Invalid input received: Invalid volume: Volume status must be available or error .*\\(HTTP 400\\) \\(Request-ID: req-`), /^instance fault recorded/];
  const pos = order.map((re) => idx(r, re));
  assert.ok(pos.every((p) => p >= 0), JSON.stringify(pos));
  assert.deepEqual([...pos].sort((a, b) => a - b), pos);
  assert.equal(r.volumes[0]!.volumeStatus, 'reserved');
  assert.equal(r.vmState, 'error');
  assert.equal(r.taskState, null);
  assert.equal(r.rescheduled, false);
  assert.match(r.fault!, new RegExp(`^Build of instance ${UUID} aborted: Unable to update attachment`));
});

test('modern, image volume stuck: the create-failed volume has no id on its BDM, _cleanup_volumes leaves it (no second DELETE)', () => {
  const l = lab('iscsi', (raw) => {
    raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 4 }];
  });
  const r = simulateBoot(l, [bdm({ source_type: 'image', uuid: 'dbbec6ed-017e-45b0-845d-45c73c718ac6' })], { instanceUuid: UUID, hashes });
  assert.equal(r.steps.filter((s) => /-X DELETE .*\/volumes\//.test(s.text)).length, 1);
  assert.equal(idx(r, /^INFO Detaching volume/), -1);
});

test('modern, dead portal at spawn: Instance failed to spawn, Terminating instance, attachment_delete, re-scheduled, the conductor has no alternate; the volume available and kept', () => {
  const r = simulateBoot(deadPortal(), [bdm({})], { instanceUuid: UUID, hashes });
  assert.equal(r.outcome, 'error');
  const order = [/Instance failed to spawn: /, /Terminating instance$/, /seconds to destroy the instance on the hypervisor\.$/, /-X DELETE .*\/attachments\//, /Took \d+\.\d\d seconds to detach 1 volumes for instance\.$/, /Failed to build and run instance/, new RegExp(`^Build of instance ${UUID} was re-scheduled: `), /Error from last host: /, new RegExp(`^WARNING Failed to compute_task_build_instances: Exceeded maximum number of retries\\. Exhausted all hosts available for retrying build failures for instance ${UUID}\\.$`), /Setting instance to ERROR state\.$/];
  const pos = order.map((re) => idx(r, re));
  assert.ok(pos.every((p) => p >= 0), JSON.stringify(pos));
  assert.deepEqual([...pos].sort((a, b) => a - b), pos);
  assert.equal(idx(r, /Instance failed block device setup/), -1);
  assert.equal(idx(r, /-X DELETE .*\/volumes\//), -1, 'delete_on_termination is not honoured on a reschedule');
  assert.equal(r.volumes[0]!.volumeStatus, 'available');
  assert.equal(r.rescheduled, true);
  assert.equal(r.fault, `Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${UUID}.`);
  const spawnFail = r.steps[idx(r, /Instance failed to spawn/)]!.at;
  const conductor = r.steps[idx(r, /Failed to compute_task_build_instances/)]!.at;
  assert.ok(conductor > spawnFail);
  assert.equal(r.durationS * 1000 >= conductor * 1000, true);
});

test('ocata_legacy, dead portal: terminate_connection + os-detach, then the scheduler\'s NoValidHost', () => {
  const r = simulateBoot(deadPortal(), [bdm({})], { instanceUuid: UUID, profile: 'ocata_legacy', hashes });
  assert.ok(idx(r, /os-terminate_connection/) > idx(r, /Terminating instance/));
  assert.ok(idx(r, /os-detach/) > idx(r, /os-terminate_connection/));
  assert.equal(r.fault, 'No valid host was found. There are not enough hosts available.');
  assert.equal(r.volumes[0]!.volumeStatus, 'available');
});

test('queens_to_2024_2 at Nova 17: _cleanup_volumes only deletes (no detach lines)', () => {
  const l = lab('iscsi');
  l.backends.lvm!.driver_initialized = false;
  l.host.nova_release = '17.0.0';
  const r = simulateBoot(l, [bdm({})], { instanceUuid: UUID, profile: 'queens_to_2024_2', hashes });
  assert.equal(idx(r, /^INFO Detaching volume/), -1);
  assert.ok(idx(r, /Failed to delete volume: /) > idx(r, /BuildAbortException/));
});

test('the text report of a failed boot says how Nova leaves the instance: its vm_state, task_state, a re-schedule, the fault', () => {
  const l = lab('iscsi');
  l.backends.lvm!.driver_initialized = false;
  const aborted = renderBootText(simulateBoot(l, [bdm({})], { instanceUuid: UUID, hashes }));
  assert.match(aborted, /\n {2}instance vm_state error, task_state None\n/);
  assert.match(aborted, new RegExp(`\\n {2}instance fault: Build of instance ${UUID} aborted: `));
  const spawn = renderBootText(simulateBoot(deadPortal(), [bdm({})], { instanceUuid: UUID, hashes }));
  assert.match(spawn, /instance vm_state error, task_state None; the compute host asked nova-conductor to re-schedule the build\n/);
});
