/**
 * A Cinder backend whose volume driver is not initialized (lab host
 * `backends.<name>.driver_initialized: false`) on the attachments flow, as upstream has it:
 * - openstack/cinder 27.0.0 (12.0.0 to 26 alike) cinder/volume/manager.py `attachment_update`:
 *   `_connection_create` (validate_connector, create_export, the driver's initialize_connection,
 *   the row `attaching` with its connector) runs first; then
 *   `volume_utils.require_driver_initialized` logs "Volume driver <class> not initialized" and
 *   raises DriverNotInitialized ("Volume driver not ready."); the handler records a user message
 *   (UPDATE_ATTACHMENT 004, DRIVER_NOT_INITIALIZED 002) and sets the row `error_attaching`;
 *   `volume_attached` never runs: the volume stays `reserved` / `detached`;
 * - cinder/api/v3/attachments.py `update`: a CinderException becomes 500 "Unable to update
 *   attachment (<msg>)." (27.0.0) / "Unable to update attachment.(<msg>)." (before);
 * - manager.py `attachment_delete` starts with `require_driver_initialized`; cinder-api does not
 *   catch it (FaultWrapper: a bare 500) and `finish_detach` is never reached;
 * - openstack/nova 33.0.0 nova/volume/cinder.py: attachment_update and attachment_delete retried
 *   5 times on 500 (update from 29.0.0, delete from 21.0.0); compute/manager.py `_attach_volume`
 *   deletes the attachment inside save_and_reraise_exception, so the delete's ClientException
 *   replaces the update's, the volume_attach.error notification is skipped, `do_attach_volume`
 *   destroys the BDM, the fault's message is the class name (compute/utils.py
 *   `exception_to_dict`), code 500;
 * - a boot: `_prep_block_device` raises InvalidBDM(str(ex)), `_build_resources`
 *   BuildAbortException, whose message is the fault of the ERROR server.
 * The compiled validator only learns `driver_initialized` at `npm run build`: these tests set
 * it on the loaded lab host. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attach, has, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import { loadLabHost } from '../../server/src/attach/input/labhost';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { nodeHashes } from '../../server/src/host';
import type { AttachResult, LabHost } from '../../server/src/attach/types';

const ROOT = join(__dirname, '..', '..');

function driverDown(): LabHost {
  const l = lab('iscsi');
  l.backends.lvm!.driver_initialized = false;
  return l;
}

const count = (r: { steps: Array<{ text: string }> }, re: RegExp): number => r.steps.filter((s) => re.test(s.text)).length;
const at = (r: AttachResult, re: RegExp): number[] => r.steps.filter((s) => re.test(s.text)).map((s) => s.at);

test('modern, hot attach: five attachment_update 500s with Cinder 27\'s words, each after the driver\'s 1.5 s; the row error_attaching, the volume reserved', () => {
  const r = attach(driverDown(), ISCSI_VOL, {});
  assert.equal(r.apiStatus, 200, 'the API answered before the compute side failed');
  assert.equal(r.outcome, 'failed');
  assert.match(r.error!, /^ClientException: Unable to update attachment \(Volume driver not ready\.\)\. \(HTTP 500\) \(Request-ID: req-[0-9a-f-]+\)$/);
  assert.equal(count(r, /^RESP: \[500\] Unable to update attachment \(Volume driver not ready\.\)\.$/), 5);
  assert.equal(count(r, /^ERROR Volume driver LVMVolumeDriver not initialized$/), 10, 'five updates and five deletes');
  assert.equal(count(r, /^user message VOLUME_VOLUME_004_002 on volume \S+: "update attachment: Driver is not initialized at present\."$/), 5);
  // each refusal comes after the driver's own initialize_connection (update_latency 1.5 s), no delay between tries
  const refusals = at(r, /^ERROR oslo_messaging\.rpc\.server Exception during message handling: cinder\.exception\.DriverNotInitialized: Volume driver not ready\.$/);
  const puts = at(r, /^REQ: curl .* -X PUT .*\/attachments\//);
  assert.equal(puts.length, 5);
  for (let i = 0; i < 5; i++) assert.equal(Math.round((refusals[i]! - puts[i]!) * 1000), 1500);
  for (let i = 1; i < 5; i++) assert.equal(puts[i], refusals[i - 1]);
  assert.ok(has(r, /^attachment \S+ attach_status error_attaching; volume \S+ stays reserved \(attach_status detached\); export kept$/));
  assert.equal(r.volumeStatus, 'reserved');
  assert.equal(r.attachStatus, 'detached');
  assert.deepEqual(r.statusSequence, ['available', 'reserved']);
});

test('modern, hot attach: attachment_delete fails 5 times with a bare 500; the delete\'s ClientException is the fault, the BDM destroyed, no volume_attach.error', () => {
  const r = attach(driverDown(), ISCSI_VOL, {});
  assert.equal(count(r, /^RESP: \[500\] \{"computeFault": \{"code": 500, "message": "The server has either erred or is incapable of performing the requested operation\."\}\}$/), 5);
  assert.equal(count(r, /^ERROR Delete attachment failed for attachment \S+\. Error: The server has either erred or is incapable of performing the requested operation\. \(HTTP 500\) \(Request-ID: req-[0-9a-f-]+\) Code: 500$/), 5);
  assert.equal(count(r, /^ERROR Caught error: <class 'cinder\.exception\.DriverNotInitialized_Remote'> Volume driver not ready\.$/), 5);
  const deletes = at(r, /^REQ: curl .* -X DELETE .*\/attachments\//);
  assert.equal(deletes.length, 5);
  for (let i = 1; i < 5; i++) assert.equal(Math.round((deletes[i]! - deletes[i - 1]!) * 1000), 100, 'one REST round trip each, no delay');
  assert.ok(has(r, /^ERROR Original exception being dropped: ClientException: Unable to update attachment \(Volume driver not ready\.\)\./));
  assert.ok(!r.steps.some((s) => s.text === 'notification instance.volume_attach.error'));
  assert.ok(has(r, /^instance fault recorded: message "ClientException", code 500, details the traceback of ClientException: The server has either erred/));
  assert.ok(has(r, /^BDM \S+ destroyed$/));
  assert.ok(has(r, /^the instance stays active .*Cinder still holds attachment \S+ \(error_attaching\) and volume \S+ reserved$/));
  assert.equal(r.bdm, null);
  assert.ok(!has(r, /terminate_connection; remove_export/), 'no terminate_connection reached the driver');
});

test('queens_to_2024_2: one attachment_update (Nova < 29), Cinder\'s older words "Unable to update attachment.(…)."', () => {
  const r = attach(driverDown(), ISCSI_VOL, { profile: 'queens_to_2024_2' });
  assert.equal(r.outcome, 'failed');
  assert.equal(count(r, /^RESP: \[500\] Unable to update attachment\.\(Volume driver not ready\.\)\.$/), 1);
  assert.equal(count(r, /^REQ: curl .* -X PUT .*\/attachments\//), 1);
  assert.equal(count(r, /-X DELETE .*\/attachments\//), 5, 'attachment_delete is retried from Nova 21');
  assert.equal(r.volumeStatus, 'reserved');
});

test('queens_to_2024_2 with nova_release 20.6.1: attachment_delete is not retried yet', () => {
  const l = lab('iscsi', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = '20.6.1'; });
  l.backends.lvm!.driver_initialized = false;
  const r = attach(l, ISCSI_VOL, {});
  assert.equal(count(r, /-X DELETE .*\/attachments\//), 1);
  assert.ok(has(r, /^instance fault recorded: message "ClientException", code 500/));
});

test('a healthy driver (the default) is unchanged: attached, in-use', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, {});
  assert.equal(r.outcome, 'attached');
  assert.equal(r.volumeStatus, 'in-use');
  assert.ok(!has(r, /not initialized/));
});

test('boot from volume: InvalidBDM then BuildAbortException with the client\'s words; the server ERROR with that fault', () => {
  const uuid = '11111111-2222-4333-8444-555555555555';
  const r = simulateBoot(driverDown(), [{ boot_index: 0, source_type: 'volume', destination_type: 'volume', uuid: ISCSI_VOL } as never], { instanceUuid: uuid, hashes: nodeHashes });
  assert.equal(r.apiStatus, 202);
  assert.equal(r.outcome, 'error');
  assert.ok(r.steps.some((s) => s.text === 'ERROR Instance failed block device setup'));
  const fault = r.steps.find((s) => s.text.startsWith('instance fault recorded: message "Build of instance'));
  assert.ok(fault);
  assert.match(fault.text, new RegExp(`^instance fault recorded: message "Build of instance ${uuid} aborted: Unable to update attachment \\(Volume driver not ready\\.\\)\\. \\(HTTP 500\\) \\(Request-ID: req-[0-9a-f-]+\\)", code 500; the server shows status ERROR with this fault$`));
  assert.equal(r.volumes[0]!.volumeStatus, 'reserved');
});

test('the sample workspace lab host cinder-driver-down: the down backend fails, the healthy one attaches; the schema declares driver_initialized', () => {
  const raw = JSON.parse(readFileSync(join(ROOT, 'samples/workspace/cinder-driver-down.labhost.json'), 'utf8'));
  const down = Object.entries(raw.backends as Record<string, Record<string, unknown>>).filter(([, b]) => b.driver_initialized === false).map(([k]) => k);
  assert.deepEqual(down, ['lvm-down']);
  for (const b of Object.values(raw.backends as Record<string, Record<string, unknown>>)) delete b.driver_initialized;
  const loaded = loadLabHost(JSON.stringify(raw), 'cinder-driver-down.labhost.json');
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const l = loaded.labHost;
  l.backends['lvm-down']!.driver_initialized = false;
  const bad = attach(l, '5e6f7a80-9b0c-4d1e-8f2a-3b4c5d6e7f31', {});
  assert.equal(bad.outcome, 'failed');
  assert.equal(bad.volumeStatus, 'reserved');
  const good = attach(l, '5e6f7a80-9b0c-4d1e-8f2a-3b4c5d6e7f32', {});
  assert.equal(good.outcome, 'attached');
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/labhost.schema.json'), 'utf8'));
  const prop = schema.definitions.backend.properties.driver_initialized;
  assert.equal(prop.type, 'boolean');
  assert.equal(prop.default, true);
});
