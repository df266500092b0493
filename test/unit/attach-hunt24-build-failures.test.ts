/**
 * Failure injections read from upstream at the release tags (openstack/nova 2015.1.0, 15.0.0,
 * 16.0.0, 18.0.0, 21.0.0, 22.1.0, 23.0.0, 33.0.0; openstack/cinder 10.0.0, 28.0.0):
 * - re-scheduling off (`[scheduler]max_attempts = 1`, `[DEFAULT]scheduler_max_attempts` up to
 *   Nova 23): nova/scheduler/utils.py `populate_retry`, nova/compute/manager.py
 *   `_do_build_and_run_instance` without retry information (`_cleanup_volumes` only in
 *   16.0.0-22.0.x), and Nova 15.0.0's `schedule_and_build_instances` without `populate_retry`;
 * - a volume driver failing inside `initialize_connection` (cinder/volume/manager.py
 *   `_connection_create` / `initialize_connection`): VolumeBackendAPIException, the export removed,
 *   the attach rolled back per flow;
 * - the user's DELETE of the ERROR instance (nova/compute/api.py `_delete`, `_local_delete`,
 *   `_local_cleanup_bdm_volumes`, `_get_stashed_volume_connector`; the ERROR-instance cleanup of
 *   bug 1404867 from 17.0.0 and 16.1.1; nova/volume/cinder.py's 404 "does not exist. Ignoring."
 *   from 26.0.0).
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { renderBootText } from '../../server/src/attach/output/textReport';
import { loadLabHost } from '../../server/src/attach/input/labhost';
import type { NovaBdm } from '../../server/src/nova/types';
import type { BootResult, LabHost } from '../../server/src/attach/types';
import { attach, hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const ROOT = join(__dirname, '..', '..');
const UUID = '11111111-2222-4333-8444-555555555555';
function bdm(p: Partial<NovaBdm> = {}): NovaBdm {
  return { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}
const idx = (r: { steps: Array<{ text: string }> }, re: RegExp): number => r.steps.findIndex((s) => re.test(s.text));
const inOrder = (r: { steps: Array<{ text: string }> }, res: RegExp[]): void => {
  const pos = res.map((re) => idx(r, re));
  assert.ok(pos.every((p) => p >= 0), JSON.stringify(pos));
  assert.deepEqual([...pos].sort((a, b) => a - b), pos);
};
/** The iSCSI lab host with its only portal refusing (the spawn's host connect fails), under a profile and release. */
function deadPortal(profile: string, release: string | null, novaConf: Record<string, unknown>): LabHost {
  return lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
    raw.profile = profile;
    if (release) raw.host.nova_release = release;
    raw.host.nova_conf = { ...(raw.host.nova_conf ?? {}), ...novaConf };
  });
}
const boot = (l: LabHost): BootResult => simulateBoot(l, [bdm()], { instanceUuid: UUID, hashes });
const NO_RETRY = /^DEBUG \[instance: .*\] Retry info not present, will not reschedule$/;
const RESCHEDULED = new RegExp(`^Build of instance ${UUID} was re-scheduled: `);

test('modern, [scheduler]max_attempts 1: the spawn failure is not re-scheduled; the fault is the reason; no _cleanup_volumes (Nova >= 22.1.0): the volume stays available', () => {
  const r = boot(deadPortal('modern', null, { scheduler: { max_attempts: 1 } }));
  assert.equal(r.outcome, 'error');
  inOrder(r, [/^DEBUG Re-scheduling is disabled due to "max_attempts" config$/, /Instance failed to spawn: /, /Terminating instance$/, /-X DELETE .*\/attachments\//, /Failed to build and run instance/, NO_RETRY, /^instance fault recorded: message "Volume device not found at \.", code 500/]);
  assert.equal(idx(r, RESCHEDULED), -1);
  assert.equal(idx(r, /Exceeded maximum number of retries/), -1);
  assert.equal(r.steps.some((s) => s.actor === 'nova-conductor' && /Setting instance to ERROR/.test(s.text)), false);
  assert.equal(idx(r, /-X DELETE .*\/volumes\//), -1, 'no _cleanup_volumes from Nova 22.1.0');
  assert.equal(r.volumes[0]!.volumeStatus, 'available');
  assert.deepEqual([r.vmState, r.taskState, r.rescheduled, r.maxAttempts, r.fault], ['error', null, false, 1, 'Volume device not found at .']);
  assert.match(renderBootText(r), /instance vm_state error, task_state None\n {2}instance fault: Volume device not found at \.\n/);
});

test('modern, default max_attempts: the re-schedule path as before (MaxRetriesExceeded), maxAttempts 3 in the result', () => {
  const r = boot(deadPortal('modern', null, {}));
  assert.ok(idx(r, RESCHEDULED) >= 0);
  assert.equal(idx(r, NO_RETRY), -1);
  assert.equal(r.rescheduled, true);
  assert.equal(r.maxAttempts, 3);
  assert.equal(idx(r, /Re-scheduling is disabled/), -1);
});

test('Nova >= 24 (queens 24.0.0, modern): [DEFAULT]scheduler_max_attempts is not read; the build is re-scheduled', () => {
  const old = boot(deadPortal('modern', null, { DEFAULT: { scheduler_max_attempts: 1 } }));
  assert.equal(old.rescheduled, true);
  const r = boot(deadPortal('queens_to_2024_2', '24.0.0', { DEFAULT: { scheduler_max_attempts: 1 } }));
  assert.ok(idx(r, /^\[DEFAULT\]scheduler_max_attempts is not read: the deprecated name was removed in Nova 24/) >= 0);
  assert.equal(r.rescheduled, true);
  assert.equal(r.maxAttempts, 3);
});

test('queens 21.0.0, max_attempts 1: _cleanup_volumes after the shutdown: the attachment is gone (404, the detach fails), then the delete_on_termination volume is deleted', () => {
  const r = boot(deadPortal('queens_to_2024_2', '21.0.0', { scheduler: { max_attempts: 1 } }));
  inOrder(r, [/Failed to build and run instance/, NO_RETRY, /^INFO Detaching volume /, /Volume attachment could not be found with filter: attachment_id = /, /^ERROR Delete attachment failed for attachment .* \(HTTP 404\) \(Request-ID: req-[^)]+\) Code: 404$/, new RegExp(`^WARNING Failed to detach volume: ${ISCSI_VOL} due to Volume attachment [0-9a-f-]+ could not be found\\.$`), /-X DELETE .*\/volumes\//, /^instance fault recorded/]);
  assert.equal(r.volumes[0]!.volumeStatus, 'deleted');
  assert.equal(r.rescheduled, false);
});

test('queens 22.1.0 and 23.0.0, max_attempts 1: no _cleanup_volumes (commit 26c46a40, bug 1899649): the volume stays available', () => {
  for (const rel of ['22.1.0', '23.0.0']) {
    const r = boot(deadPortal('queens_to_2024_2', rel, { scheduler: { max_attempts: 1 } }));
    assert.ok(idx(r, NO_RETRY) >= 0, rel);
    assert.equal(idx(r, /^INFO Detaching volume /), -1, rel);
    assert.equal(r.volumes[0]!.volumeStatus, 'available', rel);
  }
});

test('queens 18.0.0, max_attempts 1: no "Failed to build and run instance" (from 21.0.0) and no "Re-scheduling is disabled" line (from 19.0.0)', () => {
  const r = boot(deadPortal('queens_to_2024_2', '18.0.0', { scheduler: { max_attempts: 1 } }));
  assert.equal(idx(r, /Failed to build and run instance/), -1);
  assert.equal(idx(r, /Re-scheduling is disabled/), -1);
  assert.ok(idx(r, /^\[scheduler\]max_attempts = 1: populate_retry adds no retry information/) >= 0);
  assert.equal(r.volumes[0]!.volumeStatus, 'deleted');
});

test('ocata_legacy 16.0.0, [DEFAULT]scheduler_max_attempts 1 (the deprecated alias): _cleanup_volumes only deletes (no detach before Nova 18)', () => {
  const r = boot(deadPortal('ocata_legacy', '16.0.0', { DEFAULT: { scheduler_max_attempts: 1 } }));
  // Pike's os-brick (>= 1.15.2, nova 16.0.0 requirements.txt) is the refactored iSCSI connector:
  // a portal that never logs in ends in connectors/iscsi.py _connect_single_volume's
  // VolumeDeviceNotFound(device=''), not the old FailedISCSITargetPortalLogin
  inOrder(r, [/Terminating instance$/, /os-terminate_connection/, /os-detach/, NO_RETRY, /-X DELETE .*\/volumes\//, /^instance fault recorded: message "Volume device not found at \."/]);
  assert.equal(idx(r, /^INFO Detaching volume /), -1);
  assert.equal(r.volumes[0]!.volumeStatus, 'deleted');
  assert.equal(r.maxAttempts, 1);
});

test('ocata_legacy 15.0.0 with the default max_attempts: never re-scheduled (no populate_retry in schedule_and_build_instances until 15.0.2); 15.0.2 is re-scheduled', () => {
  const r = boot(deadPortal('ocata_legacy', '15.0.0', {}));
  assert.ok(idx(r, /bug 1671648/) >= 0);
  assert.ok(idx(r, NO_RETRY) >= 0);
  assert.equal(r.rescheduled, false);
  assert.equal(r.volumes[0]!.volumeStatus, 'available', 'no _cleanup_volumes in 15.x');
  const later = boot(deadPortal('ocata_legacy', '15.0.2', {}));
  assert.equal(later.rescheduled, true);
  assert.equal(later.fault, 'No valid host was found. There are not enough hosts available.');
});

test('kilo_prefix, [DEFAULT]scheduler_max_attempts 1: the fault is the RescheduledException words; task_state spawning kept', () => {
  const r = boot(deadPortal('kilo_prefix', null, { DEFAULT: { scheduler_max_attempts: 1 }, scheduler: { max_attempts: 5 } }));
  assert.ok(idx(r, /^\[scheduler\]max_attempts is not read: the option exists from Nova 15/) >= 0);
  assert.equal(r.rescheduled, false);
  assert.equal(r.taskState, 'spawning');
  assert.match(r.fault!, new RegExp(`^Build of instance ${UUID} was re-scheduled: `));
  assert.ok(r.fault!.length <= 255);
});

// ---- a driver failing inside initialize_connection -----------------------------------------

const WORDS = 'Unable to map volume to host compute-1: the host group is full';
const failing = (profile: string): LabHost => {
  const l = lab('iscsi', (raw) => {
    raw.profile = profile;
  });
  l.backends.lvm!.initialize_connection_error = WORDS;
  return l;
};
const BACKEND = `Bad or unexpected response from the storage volume backend API: Driver initialize connection failed (error: ${WORDS}).`;

test('modern hot attach, initialize_connection raises: cinder-volume logs it and removes the export; five 500s (Nova >= 29 retries); attachment_delete; the API had said 200; volume available', () => {
  const r = attach(failing('modern'), ISCSI_VOL);
  assert.equal(r.outcome, 'failed');
  assert.equal(r.apiStatus, 200);
  assert.equal(r.volumeStatus, 'available');
  const fails = r.steps.filter((s) => s.text === `ERROR Driver initialize connection failed (error: ${WORDS}).`);
  assert.equal(fails.length, 5);
  assert.equal(r.steps.filter((s) => s.actor === 'cinder-api' && s.text === `RESP: [500] Unable to update attachment (${BACKEND}).`).length, 5);
  inOrder(r, [/^ERROR Driver initialize connection failed/, /^remove_export$/, /^ERROR Update attachment failed for attachment /, /^ERROR Failed to attach /, /-X DELETE .*\/attachments\//, /BDM \d+ destroyed/, /^instance fault recorded: message "ClientException", code 500, details the traceback of ClientException: Unable to update attachment \(Bad or unexpected/]);
  assert.equal(idx(r, /Calling os-brick|connect_volume/), -1, 'no host connect');
});

test('queens hot attach: one attempt, Cinder <= 26 words ("attachment.(")', () => {
  const r = attach(failing('queens_to_2024_2'), ISCSI_VOL);
  assert.equal(r.steps.filter((s) => /^ERROR Driver initialize connection failed/.test(s.text)).length, 1);
  assert.ok(idx(r, new RegExp(`^RESP: \\[500\\] Unable to update attachment\\.\\(${BACKEND.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\.$`)) >= 0);
  assert.equal(r.volumeStatus, 'available');
});

test('ocata_legacy hot attach: os-initialize_connection 500 "Unable to fetch connection information from backend.", terminate_connection, unreserve', () => {
  const r = attach(failing('ocata_legacy'), ISCSI_VOL);
  inOrder(r, [/^ERROR Driver initialize connection failed/, /^remove_export$/, /^RESP: \[500\] Unable to fetch connection information from backend\.$/, /^ERROR Initialize connection failed for volume .* Code: 500\. Attempting to terminate connection\.$/, /os-terminate_connection/, /^ERROR Failed to attach /, /os-unreserve/]);
  assert.equal(r.volumeStatus, 'available');
  assert.equal(r.apiStatus, 200);
});

test('modern boot from volume, initialize_connection raises: the build aborts with the driver words in the fault; _cleanup_volumes cannot detach the never-attached BDM, the volume stays reserved', () => {
  const r = simulateBoot(failing('modern'), [bdm({ delete_on_termination: false })], { instanceUuid: UUID, hashes });
  assert.equal(r.outcome, 'error');
  assert.ok(idx(r, /^ERROR Instance failed block device setup$/) >= 0);
  assert.ok(r.fault!.startsWith(`Build of instance ${UUID} aborted: Unable to update attachment (Bad or unexpected response from the storage volume backend API: Driver initialize connection failed`));
  assert.equal(r.rescheduled, false);
  assert.ok(idx(r, /^WARNING Failed to detach volume: .* due to argument of type 'NoneType' is not iterable$/) >= 0);
  assert.equal(r.volumes[0]!.volumeStatus, 'reserved');
});

test('labhosts/build-failures.labhost.json: validates against the schema, loads, and replays both injections', () => {
  const raw = JSON.parse(readFileSync(join(ROOT, 'labhosts/build-failures.labhost.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas/labhost.schema.json'), 'utf8')));
  assert.ok(validate(raw), JSON.stringify(validate.errors));
  const loaded = loadLabHost(JSON.stringify(raw), 'build-failures.labhost.json');
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const l = (loaded as { ok: true; labHost: LabHost }).labHost;
  assert.equal(l.host.nova_conf.max_attempts, 1);
  const b = simulateBoot(l, [bdm({ uuid: l.volumes[0]!.id })], { instanceUuid: UUID, hashes });
  assert.equal(b.rescheduled, false);
  assert.equal(b.maxAttempts, 1);
  assert.deepEqual(b.deleted, { apiStatus: 204, volumesCleaned: true });
  const a = attach(l, l.volumes[1]!.id);
  assert.equal(a.outcome, 'failed');
  assert.ok(a.steps.some((s) => s.text === 'ERROR Driver initialize connection failed (error: Unable to map volume to host compute-1: the host group is full).'));
  assert.equal(a.volumeStatus, 'available');
});

// ---- deleting the ERROR instance a failed build left (lab host delete_failed_boot) ----------

function deleting(l: LabHost): LabHost {
  l.delete_failed_boot = true;
  return l;
}
const afterDelete = (r: BootResult): string[] => r.steps.slice(idx(r, /^DELETE \/v2\.1\/servers\//)).map((s) => s.text);
/** inOrder over the steps from the DELETE on. */
const inOrderAfterDelete = (r: BootResult, res: RegExp[]): void => inOrder({ steps: afterDelete(r).map((text) => ({ text })) }, res);

test('modern, re-scheduled build then DELETE: local delete (host None), the attachment already gone is ignored (Nova >= 26), the delete_on_termination volume deleted', () => {
  const r = boot(deleting(deadPortal('modern', null, {})));
  assert.ok(idx(r, /Exceeded maximum number of retries/) < idx(r, /^DELETE \/v2\.1\/servers\//));
  inOrderAfterDelete(r, [/^DELETE \/v2\.1\/servers\//, /^HTTP 204 \(no body\)$/, /Compute host None not found during service up check, going to local delete instance$/, /^WARNING \[instance: .*\] instance's host None is down, deleting from database$/, /-X DELETE .*\/attachments\//, /^WARNING Attachment [0-9a-f-]+ does not exist\. Ignoring\.$/, /-X DELETE .*\/volumes\//, /destroyed: vm_state deleted$/]);
  assert.deepEqual(r.deleted, { apiStatus: 204, volumesCleaned: true });
  assert.equal(r.volumes[0]!.volumeStatus, 'deleted');
  assert.match(renderBootText(r), /then DELETE \/servers\/.*: HTTP 204; nova-api deleted it locally and cleaned up its volumes/);
  // without delete_failed_boot: no delete, no "deleted" in the result
  const plain = boot(deadPortal('modern', null, {}));
  assert.equal(plain.deleted, undefined);
  assert.equal(idx(plain, /^DELETE \/v2\.1\/servers\//), -1);
  assert.equal(plain.volumes[0]!.volumeStatus, 'available');
});

test('queens 21.0.0 (no 404 handling before 26): the gone attachment is "Ignoring volume cleanup failure due to Volume attachment … could not be found."', () => {
  const r = boot(deleting(deadPortal('queens_to_2024_2', '21.0.0', {})));
  const t = afterDelete(r);
  assert.ok(t.some((x) => /^WARNING \[instance: .*\] Ignoring volume cleanup failure due to Volume attachment [0-9a-f-]+ could not be found\.$/.test(x)), t.join('\n'));
  assert.equal(t.some((x) => /does not exist\. Ignoring/.test(x)), false);
});

test('modern, driver not initialized, then DELETE: attachment_delete fails five times with 500; the failure is ignored, the volume stays reserved', () => {
  const l = deleting(lab('iscsi'));
  l.backends.lvm!.driver_initialized = false;
  const r = boot(l);
  const t = afterDelete(r);
  assert.equal(t.filter((x) => /-X DELETE .*\/attachments\//.test(x)).length, 5);
  assert.ok(t.some((x) => /^WARNING \[instance: .*\] Ignoring volume cleanup failure due to The server has either erred or is incapable of performing the requested operation\. \(HTTP 500\) \(Request-ID: req-[^)]+\)$/.test(x)), t.join('\n'));
  assert.equal(r.volumes[0]!.volumeStatus, 'reserved');
});

test('ocata_legacy 16.1.1 (the Pike backport): the stashed connector is used with host None: os-terminate_connection, os-detach, then the volume delete', () => {
  const r = boot(deleting(deadPortal('ocata_legacy', '16.1.1', {})));
  inOrderAfterDelete(r, [/^DELETE \/v2\.1\/servers\//, /^WARNING .*instance's host None is down/, /^DEBUG Found stashed volume connector for instance but connector host compute-1 does not match the instance host None\.$/, /^DEBUG Allowing use of stashed volume connector with instance host None because instance with vm_state error has been scheduled in the past\.$/, /os-terminate_connection/, /os-detach/, /-X DELETE .*\/volumes\//]);
  assert.equal(r.volumes[0]!.volumeStatus, 'deleted');
});

test('ocata_legacy 15.0.0 and 16.0.0 (before bug 1404867\'s fix): the API destroys the record only, no Cinder call; the volume stays', () => {
  for (const rel of ['15.0.0', '16.0.0']) {
    const r = boot(deleting(deadPortal('ocata_legacy', rel, {})));
    const t = afterDelete(r);
    assert.equal(t.some((x) => /REQ: curl/.test(x)), false, rel);
    assert.ok(t.some((x) => /has no host: _delete takes it for an instance never scheduled/.test(x)), rel);
    assert.deepEqual(r.deleted, { apiStatus: 204, volumesCleaned: false });
    assert.notEqual(r.volumes[0]!.volumeStatus, 'deleted', rel);
  }
});

test('kilo_prefix without retry keeps the host: the delete goes to nova-compute and is only named', () => {
  const r = boot(deleting(deadPortal('kilo_prefix', null, { DEFAULT: { scheduler_max_attempts: 1 } })));
  assert.ok(afterDelete(r).some((x) => /keeps its host compute-1: nova-api casts terminate_instance/.test(x)));
  assert.deepEqual(r.deleted, { apiStatus: 204, volumesCleaned: false });
});

test('kilo_prefix (2015.1): a block-device failure keeps the host and task_state block_device_mapping (no nil-out before 12.0.0); the spawn failure has no "Took …" lines (from 13.0.0)', () => {
  const l = deleting(lab('iscsi', (raw) => {
    raw.profile = 'kilo_prefix';
    raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 4 }];
  }));
  const r = simulateBoot(l, [bdm({ source_type: 'image', uuid: 'dbbec6ed-017e-45b0-845d-45c73c718ac6' })], { instanceUuid: UUID, hashes });
  assert.equal(r.taskState, 'block_device_mapping');
  assert.ok(idx(r, /task_state block_device_mapping and the host are kept/) >= 0);
  assert.ok(afterDelete(r).some((x) => /keeps its host compute-1/.test(x)));
  const s = boot(deadPortal('kilo_prefix', null, {}));
  assert.ok(idx(s, /Terminating instance$/) >= 0);
  assert.equal(idx(s, /seconds to destroy the instance on the hypervisor/), -1);
  assert.equal(idx(s, /seconds to detach \d+ volumes for instance/), -1);
  const ocata = boot(deadPortal('ocata_legacy', '15.0.2', {}));
  assert.ok(idx(ocata, /seconds to destroy the instance on the hypervisor/) >= 0);
});

test('ocata_legacy 12.0.0 (Liberty), max_attempts 1: host cleared, but the fault keeps the RescheduledException words (the reason alone from 13.0.0)', () => {
  const r = boot(deadPortal('ocata_legacy', '12.0.0', { DEFAULT: { scheduler_max_attempts: 1 } }));
  assert.equal(r.rescheduled, false);
  assert.equal(r.taskState, null);
  assert.match(r.fault!, new RegExp(`^Build of instance ${UUID} was re-scheduled: `));
  const m = boot(deadPortal('ocata_legacy', '13.0.0', { DEFAULT: { scheduler_max_attempts: 1 } }));
  assert.doesNotMatch(m.fault!, /was re-scheduled/);
});

test('kilo_prefix hot attach, initialize_connection raises: Cinder 2014.2 words ("Unable to fetch connection information from backend: …"); Nova before 13 neither logs nor terminates, it unreserves', () => {
  const r = attach(failing('kilo_prefix'), ISCSI_VOL);
  inOrder(r, [new RegExp(`^ERROR Unable to fetch connection information from backend: ${WORDS}$`), /^remove_export$/, /^RESP: \[500\] Unable to fetch connection information from backend\.$/, /^ERROR Failed to attach /, /os-unreserve/]);
  assert.equal(idx(r, /Attempting to terminate connection/), -1);
  assert.equal(idx(r, /os-terminate_connection/), -1);
  assert.equal(r.volumeStatus, 'available');
});

test('queens_to_2024_2: [DEFAULT]scheduler_max_attempts is read up to 23.x (the alias), not without a release (the profile follows the end of its span)', () => {
  const r23 = boot(deadPortal('queens_to_2024_2', '23.1.0', { DEFAULT: { scheduler_max_attempts: 1 } }));
  assert.equal(r23.rescheduled, false);
  assert.ok(idx(r23, /^DEBUG Re-scheduling is disabled due to "max_attempts" config$/) >= 0);
  const none = boot(deadPortal('queens_to_2024_2', null, { DEFAULT: { scheduler_max_attempts: 1 } }));
  assert.equal(none.rescheduled, true);
  assert.ok(idx(none, /host\.nova_release up to 23 reads it/) >= 0);
  const both = boot(deadPortal('queens_to_2024_2', '20.0.0', { DEFAULT: { scheduler_max_attempts: 1 }, scheduler: { max_attempts: 3 } }));
  assert.equal(both.rescheduled, true, '[scheduler]max_attempts wins over its deprecated name');
  assert.ok(idx(both, /wins over its deprecated name/) >= 0);
});
