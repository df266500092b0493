/**
 * A volume driver whose `terminate_connection` raises (lab host `backends.*.terminate_connection_error`)
 * in the hot attach's rollback and in the detach, and multipathd stopping mid-flow (lab host
 * `host.multipathd_stops_at_s`), read upstream at the release tags:
 * - openstack/nova 33.0.0, 24.2.0, 21.0.0, 18.0.0, 17.0.0: nova/virt/block_device.py
 *   `DriverVolumeBlockDevice._volume_attach` (attachment_delete inside save_and_reraise_exception
 *   after the driver attach fails) and `_do_detach` (attachment_delete, only
 *   VolumeAttachmentNotFound caught); nova/compute/manager.py `_attach_volume` (its own
 *   attachment_delete, inside save_and_reraise_exception), `attach_volume` / `detach_volume`
 *   (`bdm.destroy()` on failure; wrap_exception, wrap_instance_event from 17.0.0,
 *   wrap_instance_fault), `_detach_volume` (no roll_detaching around the Cinder call);
 *   nova/volume/cinder.py `attachment_delete` (5 attempts on 500 from 25.0.0 and 24.2.0: commit
 *   f6206269, bug 1944043; 21.0.0-24.1.x retry on cinderclient.apiclient's InternalServerError,
 *   which cinderclient never raises); nova/compute/utils.py `exception_to_dict` (a non-Nova
 *   exception's class name from 20.0.0, 19.0.2, 18.2.2, 17.0.12: commit 298b337a; str() before);
 * - openstack/nova 2014.2, 2015.1.0, 12.0.0, 14.0.0, 15.0.0, 16.0.0: nova/virt/block_device.py
 *   `DriverVolumeBlockDevice.attach` (terminate_connection inside save_and_reraise_exception
 *   after the driver attach or os-attach fails; volume_api.detach after it), compute/manager.py
 *   `_attach_volume` (unreserve_volume), `detach_volume` (2014.2/2015.1) / `_detach_volume`
 *   (12.0.0-15.x) / block_device.py `DriverVolumeBlockDevice.detach` (16.0.0): terminate_connection
 *   then os-detach, nothing caught; nova/exception_wrapper.py (versioned compute.exception from
 *   15.0.0);
 * - openstack/nova 12.0.0, 12.0.3, 13.0.0, 13.1.0, 14.0.0: compute/manager.py `_shutdown_instance`
 *   (get_volume_connector inside the per-volume try; ClientException only in 12.0.0-12.0.2/13.0.0,
 *   any exception from 12.0.3/13.1.0/14.0.0) and nova/virt/libvirt/driver.py `get_volume_connector`
 *   (`enforce_multipath=True`); openstack/os-brick 0.5.0, 1.1.0 initiator/connector.py
 *   `_check_multipathd_running` (logs "multipathd is not running: exit code …", re-raises).
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { loadLabHost } from '../../server/src/attach/input/labhost';
import type { AttachResult, BootResult, LabHost } from '../../server/src/attach/types';
import { attach, hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import { bootVolumeBdm, count, esc, has, idx, inOrder, profileOf, texts, type Tweak } from './attach-lab-helpers';

const ROOT = join(__dirname, '..', '..');
const WORDS = 'Unable to unmap LUN 1 from host compute-1: the array session expired';
const LIBVIRT = "internal error: unable to execute QEMU command 'device_add'";
const BARE = 'The server has either erred or is incapable of performing the requested operation.';
const REQ = '\\(HTTP 500\\) \\(Request-ID: req-[0-9a-f-]+\\)';

/** The iSCSI lab host on `rel` with a driver whose terminate_connection raises. */
function failing(rel: string, tweak?: Tweak): LabHost {
  return lab('iscsi', (raw) => {
    raw.backends.lvm.terminate_connection_error = WORDS;
    raw.profile = profileOf(rel);
    raw.host.nova_release = rel;
    tweak?.(raw);
  });
}
const libvirtRefuses: Tweak = (raw) => { raw.instances[0].attach_device_error = LIBVIRT; };
const hotAttach = (rel: string, tweak: Tweak = libvirtRefuses): AttachResult => attach(failing(rel, tweak), ISCSI_VOL);
const detach = (rel: string): AttachResult => attach(failing(rel), ISCSI_VOL, { race: { afterInUseS: 1 } });

const DELETE = /^REQ: curl .* -X DELETE .*\/attachments\//;
const TERMINATE = /"os-terminate_connection"/;
const NEW_WORDS = new RegExp(`^ERROR Terminate volume connection failed: ${esc(WORDS)}$`);
const OLD_WORDS = new RegExp(`^ERROR Unable to terminate volume connection: ${esc(WORDS)}$`);
const LEGACY_500 = /^RESP: \[500\] Unable to terminate volume connection from backend\./;
const DROPPED_LIBVIRT = new RegExp(`^ERROR Original exception being dropped: libvirtError: ${esc(LIBVIRT)}$`);
const CLIENT_FAULT = /^instance fault recorded: message "ClientException", code 500, details the traceback of ClientException: /;
const STR_FAULT = (words: string): RegExp => new RegExp(`^instance fault recorded: message "${esc(words)} ${REQ}", code 500, details the traceback of ClientException: `);

// ---- hot attach, attachments flow: C9's and C13's attachment_delete fail ----------------------

for (const [rel, perCall, classNamed] of [['33.0.0', 5, true], ['25.0.0', 5, true], ['24.2.0', 5, true], ['24.1.0', 1, true], ['21.0.0', 1, true], ['18.0.0', 1, false], ['17.0.12', 1, true]] as const) {
  test(`Nova ${rel}, hot attach: libvirt refuses the disk; DriverVolumeBlockDevice._volume_attach's attachment_delete fails (${perCall} attempt(s)) and replaces the libvirt error; _attach_volume deletes again and fails again; the BDM destroyed, Cinder keeps the attachment and the volume attaching; the fault ${classNamed ? 'names the class' : 'is str() of the exception'}`, () => {
    const r = hotAttach(rel);
    assert.equal(r.outcome, 'failed');
    assert.equal(r.apiStatus, 200, 'the API answered before the compute side failed');
    assert.equal(count(r, DELETE), 2 * perCall, texts(r).join('\n'));
    assert.equal(count(r, NEW_WORDS), 2 * perCall);
    assert.equal(count(r, new RegExp(`^ERROR Delete attachment failed for attachment [0-9a-f-]+\\. Error: ${esc(BARE)} ${REQ} Code: 500$`)), 2 * perCall);
    inOrder(r, [
      new RegExp(`^ERROR Driver failed to attach volume ${ISCSI_VOL} at /dev/vdb: libvirtError: `),
      DELETE,
      DROPPED_LIBVIRT,
      /^attachment_delete in nova\/virt\/block_device\.py DriverVolumeBlockDevice\._volume_attach raised inside save_and_reraise_exception/,
      new RegExp(`^ERROR Failed to attach ${ISCSI_VOL} at /dev/vdb$`),
      new RegExp(`^ERROR Original exception being dropped: ClientException: ${esc(BARE)} ${REQ}$`),
      /^BDM \S+ destroyed$/,
      classNamed ? CLIENT_FAULT : STR_FAULT(BARE),
    ]);
    assert.ok(has(r, /instance action event compute_attach_volume: Error; notification compute\.exception/));
    assert.ok(!has(r, /^notification instance\.volume_attach\.error$/), 'the notification is skipped: the second delete raised inside its block');
    assert.equal(r.volumeStatus, 'attaching');
    assert.equal(r.attachStatus, 'attaching');
    assert.equal(r.bdm, null);
    assert.ok(!has(r, /terminate_connection_error is replayed by the boot from volume only/));
  });
}

test('modern, hot attach with a healthy terminate_connection is unchanged: C9 deletes, C13\'s delete meets the 404 and ignores it; the volume available', () => {
  const r = attach(lab('iscsi', libvirtRefuses), ISCSI_VOL);
  assert.equal(count(r, DELETE), 2);
  assert.ok(has(r, /^WARNING Attachment \S+ does not exist\. Ignoring\.$/));
  assert.equal(r.volumeStatus, 'available');
  assert.ok(!has(r, /Original exception being dropped/));
});

// ---- hot attach, legacy volume actions: os-terminate_connection fails --------------------------

for (const [rel, notification] of [['16.0.0', 'notification compute.exception'], ['14.0.0', 'legacy error notification attach_volume'], ['12.0.0', 'legacy error notification attach_volume']] as const) {
  test(`Nova ${rel}, hot attach: DriverVolumeBlockDevice.attach's terminate_connection answers 500 and replaces the libvirt error; _attach_volume still unreserves: the volume available, the fault str() of cinderclient's exception, no instance action event`, () => {
    const r = hotAttach(rel);
    assert.equal(r.outcome, 'failed');
    inOrder(r, [
      new RegExp(`^ERROR Driver failed to attach volume ${ISCSI_VOL} at /dev/vdb: libvirtError: `),
      TERMINATE,
      NEW_WORDS,
      LEGACY_500,
      DROPPED_LIBVIRT,
      /^terminate_connection in nova\/virt\/block_device\.py DriverVolumeBlockDevice\.attach raised/,
      new RegExp(`^ERROR Failed to attach ${ISCSI_VOL} at /dev/vdb$`),
      /"os-unreserve"/,
      /^BDM \S+ destroyed$/,
      STR_FAULT('Unable to terminate volume connection from backend.'),
    ]);
    // compute/manager.py _attach_volume sends the versioned instance.volume_attach.* from 16.0.0
    assert.equal(has(r, /^notification instance\.volume_attach\.error$/), rel === '16.0.0');
    assert.equal(has(r, /^notification instance\.volume_attach\.start$/), rel === '16.0.0');
    assert.ok(has(r, new RegExp(`no instance action event \\(wrap_instance_event on attach_volume from Nova 17\\); ${esc(notification)}$`)));
    assert.equal(count(r, TERMINATE), 1, 'terminate_connection has no retry before 21.0.0');
    assert.equal(r.volumeStatus, 'available');
  });
}

test('Nova 2015.1.4 (kilo_prefix), hot attach: Cinder 2015.1\'s "Unable to terminate volume connection: …", the volume unreserved before the failing RPC; the libvirt error dropped', () => {
  const r = hotAttach('2015.1.4');
  inOrder(r, [TERMINATE, OLD_WORDS, LEGACY_500, DROPPED_LIBVIRT, /"os-unreserve"/, STR_FAULT('Unable to terminate volume connection from backend.')]);
  assert.equal(r.volumeStatus, 'available');
});

test('Nova 16.0.0, hot attach: os-attach fails, then the handler\'s terminate_connection fails too: its error replaces os-attach\'s and os-detach is never sent', () => {
  const r = hotAttach('16.0.0', (raw) => { raw.volumes[0].os_attach_error = 'attach failed in the driver'; });
  inOrder(r, [
    /"os-attach"/,
    TERMINATE,
    LEGACY_500,
    new RegExp(`^ERROR Original exception being dropped: ClientException: ${esc(BARE)} ${REQ}$`),
    /^os-detach not sent \(nova\/virt\/block_device\.py DriverVolumeBlockDevice\.attach: terminate_connection raised first\)$/,
    /"os-unreserve"/,
    STR_FAULT('Unable to terminate volume connection from backend.'),
  ]);
  assert.ok(!has(r, /"os-detach"/));
  assert.match(r.error!, /^ClientException: Unable to terminate volume connection from backend\. /);
});

// ---- detach --------------------------------------------------------------------------------------

for (const [rel, attempts, classNamed] of [['33.0.0', 5, true], ['24.2.0', 5, true], ['21.0.0', 1, true], ['18.0.0', 1, false]] as const) {
  test(`Nova ${rel}, detach: the guest and the host let go, the attachment DELETE fails (${attempts} attempt(s)); DriverVolumeBlockDevice._do_detach does not catch it: no roll_detaching, the volume stuck detaching, the BDM kept`, () => {
    const r = detach(rel);
    assert.equal(r.attachOutcome, 'attached');
    assert.equal(r.outcome, 'stuck');
    assert.equal(r.volumeStatus, 'detaching');
    assert.equal(r.attachStatus, 'attached');
    assert.equal(r.detach!.apiStatus, 202);
    assert.match(r.detach!.error!, new RegExp(`^${esc(BARE)} ${REQ}$`));
    const from = idx(r, /^DELETE \/v2\.1\/servers\//);
    assert.equal(r.steps.slice(from).filter((s) => DELETE.test(s.text)).length, attempts);
    inOrder(r, [
      /^DELETE \/v2\.1\/servers\//,
      /disconnect_volume/,
      DELETE,
      NEW_WORDS,
      /^attachment_delete raised in nova\/virt\/block_device\.py DriverVolumeBlockDevice\._do_detach/,
      classNamed ? CLIENT_FAULT : STR_FAULT(BARE),
      /^no roll_detaching: volume \S+ stays detaching \(attach_status attached\); the guest and the host no longer have the disk, Cinder keeps attachment \S+ \(attached\); notification instance\.volume_detach\.end not sent$/,
      /^BDM \S+ kept$/,
    ]);
    assert.ok(has(r, /instance action event compute_detach_volume: Error; notification compute\.exception/));
    assert.ok(!has(r, /os-roll_detaching/));
    assert.ok(!has(r, /destroyed; notification instance\.volume_detach\.end/));
  });
}

for (const [rel, fn, words] of [['16.0.0', 'nova/virt/block_device.py DriverVolumeBlockDevice.detach', NEW_WORDS], ['14.0.0', 'nova/compute/manager.py _detach_volume', NEW_WORDS], ['2015.1.4', 'nova/compute/manager.py detach_volume', OLD_WORDS]] as const) {
  test(`Nova ${rel}, detach: os-terminate_connection answers 500 in ${fn}; os-detach never sent, no roll_detaching: the volume stuck detaching, the BDM kept`, () => {
    const r = detach(rel);
    assert.equal(r.outcome, 'stuck');
    assert.equal(r.volumeStatus, 'detaching');
    assert.match(r.detach!.error!, new RegExp(`^Unable to terminate volume connection from backend\\. ${REQ}$`));
    const from = idx(r, /^DELETE \/v2\.1\/servers\//);
    inOrder(r, [/^DELETE \/v2\.1\/servers\//, TERMINATE, words, LEGACY_500, new RegExp(`^os-detach not sent: terminate_connection raised in ${esc(fn)}$`), STR_FAULT('Unable to terminate volume connection from backend.'), /^BDM \S+ kept$/]);
    assert.equal(r.steps.slice(from).filter((s) => TERMINATE.test(s.text)).length, 1);
    assert.ok(!r.steps.slice(from).some((s) => /"os-detach"|os-roll_detaching/.test(s.text)));
    assert.ok(has(r, /no instance action event \(wrap_instance_event on detach_volume from Nova 17\)/));
  });
}

test('a detach with a healthy terminate_connection is unchanged: detached, available', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { race: { afterInUseS: 1 } });
  assert.equal(r.outcome, 'detached');
  assert.equal(r.volumeStatus, 'available');
});

// ---- multipathd stops mid-build: a non-Cinder error in _shutdown_instance -------------------------

const UUID = '11111111-2222-4333-8444-555555555555';
function crashing(rel: string, stopS: number | null, tweak?: Tweak): LabHost {
  const l = lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
    raw.profile = profileOf(rel);
    raw.host.nova_release = rel;
    raw.host.multipath_enabled = true;
    tweak?.(raw);
  });
  // the compiled validator learns multipathd_stops_at_s at the next build: set on the loaded lab host
  l.host.multipathd_stops_at_s = stopS;
  return l;
}
const boot = (l: LabHost): BootResult => simulateBoot(l, [bootVolumeBdm()], { instanceUuid: UUID, hashes });
const ABORT = new RegExp(`^ERROR \\[instance: ${UUID}\\] Build of instance ${UUID} aborted: Could not clean up failed build, not rescheduling$`);
const MPATHD = /^ERROR multipathd is not running: exit code 1$/;
const CONNECTOR_RAISED = /^get_volume_connector raised ProcessExecutionError \(os-brick get_connector_properties, enforce_multipath=True\): Unexpected error while running command\. Command: multipathd show status /;

for (const rel of ['12.0.0', '12.0.2', '13.0.0']) {
  test(`Nova ${rel}: multipathd stops after the block-device setup; the spawn's login fails and _shutdown_instance's get_volume_connector raises ProcessExecutionError, which only catches Cinder client errors: the build aborted, not re-scheduled, the volume in-use`, () => {
    const r = boot(crashing(rel, 1));
    // nova/compute/manager.py _build_resources: 12.0.x aborts with fixed words; 13.0.0 (commit
    // 03e513b3) logs the cleanup's error at WARNING and keeps the spawn error as the abort's reason
    const kept = rel === '13.0.0';
    const spawnError = /Instance failed to spawn: \w+: (.*)$/.exec(r.steps.find((s) => /Instance failed to spawn: /.test(s.text))!.text)![1]!;
    const reason = kept ? spawnError : 'Could not clean up failed build, not rescheduling';
    const abort = new RegExp(`^ERROR \\[instance: ${UUID}\\] Build of instance ${UUID} aborted: ${esc(reason)}$`);
    inOrder(r, [/^get_connector_properties$/, /Instance failed to spawn: /, MPATHD, CONNECTOR_RAISED, /^_shutdown_instance raised ProcessExecutionError: /, ...(kept ? [/^WARNING Could not clean up failed build, not rescheduling\. Error: Unexpected error while running command\./] : []), abort]);
    assert.equal(r.fault, `Build of instance ${UUID} aborted: ${reason}`);
    assert.equal(r.rescheduled, false);
    assert.equal(r.volumes[0]!.volumeStatus, 'in-use');
    assert.ok(!has(r, TERMINATE), 'os-terminate_connection is never sent');
  });
}

for (const rel of ['12.0.3', '13.1.0', '14.0.0', '16.0.0']) {
  test(`Nova ${rel}: the same ProcessExecutionError is "Ignoring unknown exception for volume <id>" and the build is re-scheduled`, () => {
    const r = boot(crashing(rel, 1));
    inOrder(r, [MPATHD, CONNECTOR_RAISED, new RegExp(`^WARNING Ignoring unknown exception for volume ${ISCSI_VOL}: Unexpected error while running command\\.\\nCommand: multipathd show status`), new RegExp(`^Build of instance ${UUID} was re-scheduled: `)]);
    assert.equal(r.rescheduled, true);
    assert.ok(!has(r, ABORT));
  });
}

test('Nova 12.0.0 without multipathd_stops_at_s: the connector answers at the clean-up, os-terminate_connection is sent and the build re-scheduled', () => {
  const r = boot(crashing('12.0.0', null));
  assert.ok(!has(r, MPATHD));
  assert.ok(has(r, TERMINATE));
  assert.equal(r.rescheduled, true);
});

test('Nova 12.0.0, multipathd already stopped at 0 s: the block-device setup\'s connector raises (Instance failed block device setup), as multipathd_running false does', () => {
  const stopped = boot(crashing('12.0.0', 0));
  const down = boot(crashing('12.0.0', null, (raw) => { raw.host.multipathd_running = false; }));
  for (const r of [stopped, down]) {
    assert.ok(has(r, /^ERROR Instance failed block device setup$/), texts(r).join('\n'));
    // 12.0.0's _prep_block_device raises a bare InvalidBDM (its own words from 16.0.0, 15.0.8, 14.0.9)
    assert.match(r.fault!, /^Build of instance \S+ aborted: Block Device Mapping is Invalid\.$/);
  }
});

test('Nova 2015.1.4 (kilo_prefix): Nova\'s own connector never asks multipathd: the clean-up goes on and the build is re-scheduled', () => {
  const r = boot(crashing('2015.1.4', 1));
  assert.ok(!has(r, MPATHD));
  assert.equal(r.rescheduled, true);
});

test('multipathd_stops_at_s does not change the caller\'s lab host: two runs agree and the host still says running', () => {
  const l = crashing('12.0.0', 1);
  const a = boot(l);
  const b = boot(l);
  assert.deepEqual(texts(a), texts(b));
  assert.equal(l.host.multipathd_running, true);
});

// ---- the example lab hosts ----------------------------------------------------------------------

const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas/labhost.schema.json'), 'utf8')));
/** A shipped lab host: validated against the schema, loaded (keys the compiled validator learns at the next build set afterwards). */
function shipped(file: string): LabHost {
  const text = readFileSync(join(ROOT, 'labhosts', file), 'utf8');
  assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors));
  const raw = JSON.parse(text) as { host: Record<string, unknown> };
  const stops = raw.host.multipathd_stops_at_s;
  delete raw.host.multipathd_stops_at_s;
  const loaded = loadLabHost(JSON.stringify(raw), file);
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const l = (loaded as { ok: true; labHost: LabHost }).labHost;
  if (typeof stops === 'number') l.host.multipathd_stops_at_s = stops;
  return l;
}

test('labhosts/terminate-error.labhost.json: web-1\'s detach is stuck detaching after five DELETEs; web-2\'s attach leaves the volume attaching', () => {
  const l = shipped('terminate-error.labhost.json');
  const vol = l.volumes[0]!.id;
  const d = attach(l, vol, { race: { afterInUseS: 1 } }, l.instances[0]!.uuid);
  assert.equal(d.outcome, 'stuck');
  assert.equal(d.volumeStatus, 'detaching');
  assert.ok(has(d, /^ERROR Terminate volume connection failed: Unable to unmap LUN 3 /));
  const a = attach(l, vol, {}, l.instances[1]!.uuid);
  assert.equal(a.outcome, 'failed');
  assert.equal(a.volumeStatus, 'attaching');
  assert.equal(count(a, DELETE), 10);
});

test('labhosts/multipathd-crash.labhost.json: Nova 12.0.2 aborts the failed boot; 12.0.3 re-schedules it', () => {
  const l = shipped('multipathd-crash.labhost.json');
  const one = (x: LabHost): BootResult => simulateBoot(x, [{ ...bootVolumeBdm(), uuid: x.volumes[0]!.id }], { instanceUuid: UUID, hashes });
  const r = one(l);
  assert.equal(r.fault, `Build of instance ${UUID} aborted: Could not clean up failed build, not rescheduling`);
  assert.equal(r.rescheduled, false);
  const later = one({ ...l, host: { ...l.host, nova_release: '12.0.3' } });
  assert.equal(later.rescheduled, true);
});

test('no secret in the new paths: the CHAP password and the token stay redacted', () => {
  const r = hotAttach('16.0.0');
  const d = detach('33.0.0');
  for (const x of [r, d]) {
    const all = JSON.stringify(x);
    assert.ok(!/X-Auth-Token: gAAAAAB/.test(all));
    assert.ok(all.includes('***'));
  }
});


// ---- the wrappers' record of a Nova exception (DeviceDetachFailed) per release ---------------------

for (const [rel, tail] of [['33.0.0', 'instance action event compute_detach_volume: Error; notification compute.exception'], ['16.0.0', 'no instance action event (wrap_instance_event on detach_volume from Nova 17); notification compute.exception'], ['14.0.0', 'no instance action event (wrap_instance_event on detach_volume from Nova 17); legacy error notification detach_volume']] as const) {
  test(`Nova ${rel}: a guest that never lets go: DeviceDetachFailed recorded by detach_volume's wrappers as that release has them (${tail})`, () => {
    const l = lab('iscsi', (raw) => { raw.profile = profileOf(rel); raw.host.nova_release = rel; raw.instances[0].guest_detach_release = 'never'; });
    const r = attach(l, ISCSI_VOL, { race: { afterInUseS: 1 } });
    assert.equal(r.outcome, 'detach_failed');
    assert.ok(has(r, new RegExp(`^instance fault recorded: DeviceDetachFailed: Device detach failed for vdb: .*; ${esc(tail)}$`)), texts(r).join('\n'));
  });
}

// ---- other release facts inside queens_to_2024_2 --------------------------------------------------

const PUT = /^REQ: curl .* -X PUT .*\/attachments\//;
for (const [rel, puts] of [['28.0.0', 1], ['29.0.0', 5], ['30.0.0', 5]] as const) {
  test(`Nova ${rel}: nova/volume/cinder.py attachment_update is tried ${puts} time(s) on cinder-api's 500 (the retry decorator from 29.0.0)`, () => {
    const l = lab('iscsi', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = rel; raw.backends.lvm.initialize_connection_error = 'host group full'; });
    const r = attach(l, ISCSI_VOL);
    assert.equal(r.outcome, 'failed');
    assert.equal(count(r, PUT), puts);
  });
}

for (const [rel, mv] of [['29.0.0', '3.48'], ['30.0.0', '3.69']] as const) {
  test(`Nova ${rel}: DriverVolumeBlockDevice._get_volume reads the volume at ${mv} (3.69 first from 30.0.0)`, () => {
    const l = lab('iscsi', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = rel; });
    const r = attach(l, ISCSI_VOL);
    assert.equal(r.outcome, 'attached');
    assert.ok(has(r, new RegExp(`^REQ: curl .* -X GET .*/volumes/${ISCSI_VOL} -H "OpenStack-API-Version: volume ${esc(mv)}"`)), texts(r).join('\n'));
  });
}

for (const [rel, tries] of [['13.0.0', true], ['12.0.0', false]] as const) {
  test(`Nova ${rel}, hot attach: initialize_connection fails; nova/volume/cinder.py initialize_connection ${tries ? 'tries terminate_connection, which fails too: "might have succeeded" logged, the first error goes up' : 'does not terminate yet (13.0.0 on): the error goes up as it is'}`, () => {
    const r = hotAttach(rel, (raw) => { raw.backends.lvm.initialize_connection_error = 'host group full'; });
    assert.equal(r.outcome, 'failed');
    assert.match(r.error!, /^ClientException: Unable to fetch connection information from backend\. /);
    assert.equal(has(r, new RegExp(`^ERROR Connection between volume ${ISCSI_VOL} and host compute-1 might have succeeded, but attempt to terminate connection has failed\\. .* Error: Unable to terminate volume connection from backend\\. ${REQ} Code: 500\\.$`)), tries, texts(r).join('\n'));
    assert.equal(count(r, TERMINATE), tries ? 1 : 0);
    assert.equal(r.volumeStatus, 'available');
  });
}
