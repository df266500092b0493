/**
 * A volume driver whose `terminate_connection` raises (lab host `backends.*.terminate_connection_error`)
 * during a failed boot's cleanup, and the scan-tries option each release reads. Read upstream at
 * the release tags:
 * - openstack/cinder 2014.2, 2015.1.0, 7.0.0, 10.0.0, 12.0.0, 28.0.0: cinder/volume/manager.py
 *   `terminate_connection` / `_connection_terminate` ("Unable to terminate volume connection: …"
 *   up to 2015.1, "Terminate volume connection failed: …" from 7.0.0, VolumeBackendAPIException),
 *   cinder/api/contrib/volume_actions.py `_terminate_connection` (500 "Unable to terminate volume
 *   connection from backend."), cinder/volume/api.py `terminate_connection` (2014.2/2015.1
 *   unreserve before the RPC) and `attachment_delete` (the RPC raises before `finish_detach`);
 * - openstack/nova 2015.1.0, 12.0.0, 12.0.3, 13.0.0, 14.0.0: nova/compute/manager.py
 *   `_shutdown_instance` (terminate_connection and detach in one try; no ClientException case in
 *   2015.1; "Ignoring Unknown cinder exception" 12.0.0-12.0.2/13.0.0; "… for volume <id>" from
 *   12.0.3/13.1.0/14.0.0) and `_build_resources` ("Could not clean up failed build, not
 *   rescheduling"); nova/volume/cinder.py `initialize_connection` (13.0.0: "Connection between
 *   volume … might have succeeded …") and `attachment_delete` (5 attempts on 500 from 25.0.0 and 24.2.0);
 * - openstack/nova 2014.2, 2015.1.0, 12.0.0-15.0.0, 16.0.0, 33.0.2: nova/virt/libvirt/volume.py,
 *   volume/iscsi.py, volume/fibrechannel.py and nova/conf/libvirt.py: `[libvirt]num_iscsi_scan_tries`
 *   up to 15.x, `num_volume_scan_tries` (deprecated name `num_iscsi_scan_tries`) from 16.0.0.
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { loadLabHost } from '../../server/src/attach/input/labhost';
import type { NovaBdm } from '../../server/src/nova/types';
import type { BootResult, LabHost, Profile } from '../../server/src/attach/types';
import { attach, hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const ROOT = join(__dirname, '..', '..');
const UUID = '11111111-2222-4333-8444-555555555555';
const WORDS = 'Unable to unmap LUN 1 from host compute-1: the array session expired';
const profileOf = (rel: string): Profile => {
  const major = Number(rel.split('.')[0]);
  return major >= 2014 || major <= 11 ? 'kilo_prefix' : major <= 16 ? 'ocata_legacy' : major <= 30 ? 'queens_to_2024_2' : 'modern';
};
/** The iSCSI lab host with its only portal refusing (the spawn's host connect fails) and, unless told, a driver whose terminate_connection raises. */
function failing(release: string, tweak?: Parameters<typeof lab>[1], terminateError: string | null = WORDS): LabHost {
  return lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
    if (terminateError !== null) raw.backends.lvm.terminate_connection_error = terminateError;
    raw.profile = profileOf(release);
    raw.host.nova_release = release;
    tweak?.(raw);
  });
}
function bdm(p: Partial<NovaBdm> = {}): NovaBdm {
  return { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}
const boot = (l: LabHost, b: NovaBdm = bdm()): BootResult => simulateBoot(l, [b], { instanceUuid: UUID, hashes });
const texts = (r: { steps: Array<{ text: string }> }): string[] => r.steps.map((s) => s.text);
const idx = (r: { steps: Array<{ text: string }> }, re: RegExp): number => r.steps.findIndex((s) => re.test(s.text));
const count = (r: { steps: Array<{ text: string }> }, re: RegExp): number => r.steps.filter((s) => re.test(s.text)).length;
const inOrder = (r: { steps: Array<{ text: string }> }, res: RegExp[]): void => {
  const pos = res.map((re) => idx(r, re));
  assert.ok(pos.every((p) => p >= 0), `${JSON.stringify(pos)}\n${texts(r).join('\n')}`);
  assert.deepEqual([...pos].sort((a, b) => a - b), pos);
};
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const REQ = '\\(HTTP 500\\) \\(Request-ID: req-[0-9a-f-]+\\)';
const SPAWN_FAILED = /Instance failed to spawn: /;
const TERMINATE = /os-terminate_connection/;
const OS_DETACH = /"os-detach"/;
const LEGACY_500 = /^RESP: \[500\] Unable to terminate volume connection from backend\./;
const ABORT = new RegExp(`^ERROR \\[instance: ${UUID}\\] Build of instance ${UUID} aborted: Could not clean up failed build, not rescheduling$`);
const RESCHEDULED = new RegExp(`^Build of instance ${UUID} was re-scheduled: `);
const OLD_WORDS = new RegExp(`^ERROR Unable to terminate volume connection: ${esc(WORDS)}$`);
const NEW_WORDS = new RegExp(`^ERROR Terminate volume connection failed: ${esc(WORDS)}$`);
const BARE = 'The server has either erred or is incapable of performing the requested operation.';

// ---- legacy volume actions: os-terminate_connection answers 500 ---------------------------------

for (const rel of ['2015.1.0', '2015.1.4', '2014.2.4']) {
  test(`Nova ${rel} (kilo_prefix): compute/manager.py _shutdown_instance has no handler for cinderclient's 500 from os-terminate_connection (cinder/volume/manager.py terminate_connection ${rel.startsWith('2014') ? '2014.2' : '2015.1.0'}: "Unable to terminate volume connection: …"), so _build_resources aborts: "Could not clean up failed build, not rescheduling", no re-schedule, os-detach never sent`, () => {
    const r = boot(failing(rel));
    inOrder(r, [SPAWN_FAILED, TERMINATE, OLD_WORDS, LEGACY_500, /^_shutdown_instance raised ClientException: Unable to terminate volume connection from backend\. \(HTTP 500\) \(Request-ID: req-/, ABORT, /^WARNING Failed to delete volume: /, /^instance fault recorded: message "Build of instance .* aborted: Could not clean up failed build, not rescheduling", code 500/]);
    assert.equal(idx(r, OS_DETACH), -1, 'terminate_connection and detach share one try: the detach is skipped');
    assert.equal(idx(r, RESCHEDULED), -1);
    assert.equal(idx(r, NEW_WORDS), -1);
    assert.deepEqual([r.outcome, r.vmState, r.taskState, r.rescheduled], ['error', 'error', 'spawning', false]);
    assert.equal(r.fault, `Build of instance ${UUID} aborted: Could not clean up failed build, not rescheduling`);
    // the volume stays in-use (terminate failed, detach skipped): _cleanup_volumes' delete is refused
    assert.equal(r.volumes[0]!.volumeStatus, 'in-use');
  });
}

test('Nova 2015.1.0 without terminate_connection_error: the same failed spawn is re-scheduled (the abort comes from the cleanup failure alone)', () => {
  const r = boot(failing('2015.1.0', undefined, null));
  assert.ok(idx(r, RESCHEDULED) >= 0);
  assert.equal(idx(r, ABORT), -1);
  assert.ok(idx(r, OS_DETACH) >= 0);
  assert.equal(r.rescheduled, true);
});

for (const rel of ['12.0.0', '12.0.2', '13.0.0']) {
  test(`Nova ${rel}: compute/manager.py _shutdown_instance logs "Ignoring Unknown cinder exception: <exc>" for the 500 (bug 1450658; cinder 7.0.0+ "Terminate volume connection failed: …") and the build is re-scheduled; os-detach is skipped`, () => {
    const r = boot(failing(rel));
    inOrder(r, [SPAWN_FAILED, TERMINATE, NEW_WORDS, LEGACY_500, new RegExp(`^WARNING Ignoring Unknown cinder exception: Unable to terminate volume connection from backend\\. ${REQ}$`), RESCHEDULED]);
    assert.equal(idx(r, OS_DETACH), -1);
    assert.equal(idx(r, ABORT), -1);
    assert.equal(idx(r, OLD_WORDS), -1);
    assert.equal(r.rescheduled, true);
    assert.equal(r.volumes[0]!.volumeStatus, 'in-use');
  });
}

for (const rel of ['12.0.3', '13.1.0', '14.0.0', '16.0.0']) {
  test(`Nova ${rel}: compute/manager.py _shutdown_instance names the volume: "Ignoring unknown cinder exception for volume <id>: <exc>" (14.0.0; backports 13.1.0, 12.0.3), the build re-scheduled`, () => {
    const r = boot(failing(rel));
    inOrder(r, [SPAWN_FAILED, NEW_WORDS, new RegExp(`^WARNING Ignoring unknown cinder exception for volume ${ISCSI_VOL}: Unable to terminate volume connection from backend\\. ${REQ}$`), RESCHEDULED]);
    assert.equal(count(r, /Ignoring Unknown cinder exception: /), 0);
    assert.equal(r.rescheduled, true);
  });
}

test('Nova 13.0.0 nova/volume/cinder.py initialize_connection: when its own terminate_connection fails too, "Connection between volume … might have succeeded, but attempt to terminate connection has failed …" and the first error goes up; cinder 10.0.0 api.py unreserves only after the RPC, so the volume stays attaching', () => {
  const r = boot(failing('13.0.0', (raw) => {
    raw.backends.lvm.portals[0].reachable = true;
    raw.backends.lvm.portals[0].refuses = false;
    raw.backends.lvm.initialize_connection_error = 'host group full';
  }), bdm({ delete_on_termination: false }));
  inOrder(r, [/^ERROR Initialize connection failed for volume .* Attempting to terminate connection\.$/, NEW_WORDS, new RegExp(`^ERROR Connection between volume ${ISCSI_VOL} and host compute-1 might have succeeded, but attempt to terminate connection has failed\\. Validate the connection and determine if manual cleanup is needed\\. Error: Unable to terminate volume connection from backend\\. ${REQ} Code: 500\\.$`), /^ERROR Instance failed block device setup$/]);
  // Nova 13.0.0 reserved nothing at boot (compute/api.py _validate_bdm runs check_attach only;
  // _check_attach_and_reserve_volume serves attach_volume), so the volume never left available
  assert.equal(r.volumes[0]!.volumeStatus, 'available');
  // without the terminate failure Cinder's terminate_connection unreserves the volume
  const ok = boot(failing('13.0.0', (raw) => {
    raw.backends.lvm.portals[0].reachable = true;
    raw.backends.lvm.portals[0].refuses = false;
    raw.backends.lvm.initialize_connection_error = 'host group full';
  }, null), bdm({ delete_on_termination: false }));
  assert.equal(ok.volumes[0]!.volumeStatus, 'available');
  assert.equal(idx(ok, /might have succeeded/), -1);
});

// ---- attachments: the DELETE answers a bare 500 ------------------------------------------------

for (const [rel, attempts] of [['18.0.0', 1], ['20.0.0', 1], ['21.0.0', 1], ['24.1.0', 1], ['24.2.0', 5], ['25.0.0', 5], ['26.0.0', 5], ['33.0.0', 5]] as const) {
  test(`Nova ${rel}: cinder/volume/manager.py _connection_terminate raises, cinder-api answers the attachment DELETE a bare 500; nova/volume/cinder.py attachment_delete tries ${attempts} time(s) (5 from 25.0.0 and 24.2.0: 21.0.0-24.1.x retry only on an exception class cinderclient never raises, bug 1944043); compute/manager.py _shutdown_instance "Ignoring unknown cinder exception for volume <id>", the attachment and in-use volume kept, the build re-scheduled`, () => {
    const r = boot(failing(rel));
    assert.equal(count(r, /-X DELETE .*\/attachments\//), attempts);
    assert.equal(count(r, NEW_WORDS), attempts);
    assert.equal(count(r, new RegExp(`^ERROR Delete attachment failed for attachment [0-9a-f-]+\\. Error: ${esc(BARE)} ${REQ} Code: 500$`)), attempts);
    inOrder(r, [SPAWN_FAILED, /^ERROR Caught error: <class 'cinder\.exception\.VolumeBackendAPIException_Remote'> Bad or unexpected response from the storage volume backend API: Terminate volume connection failed: /, new RegExp(`^WARNING Ignoring unknown cinder exception for volume ${ISCSI_VOL}: ${esc(BARE)} ${REQ}$`), RESCHEDULED]);
    assert.equal(r.rescheduled, true);
    assert.equal(r.volumes[0]!.volumeStatus, 'in-use');
    assert.equal(r.volumes[0]!.attachStatus, 'attached');
  });
}

test('Nova 20.0.0 with max_attempts 1: _do_build_and_run_instance without retry runs _cleanup_volumes (16.0.0-22.0.x), whose attachment_delete fails again: "Failed to detach volume: <id> due to <exc>" with one "(HTTP 500) (Request-ID: …)"', () => {
  const r = boot(failing('20.0.0', (raw) => { raw.host.nova_conf = { scheduler: { max_attempts: 1 } }; }));
  const line = r.steps.find((s) => s.text.startsWith(`WARNING Failed to detach volume: ${ISCSI_VOL} due to `));
  assert.ok(line, texts(r).join('\n'));
  assert.match(line.text, new RegExp(`^WARNING Failed to detach volume: ${ISCSI_VOL} due to ${esc(BARE)} ${REQ}$`));
  assert.equal(r.rescheduled, false);
});

test('modern, delete_failed_boot: nova-api _local_cleanup_bdm_volumes meets the same 500: "Ignoring volume cleanup failure due to …", the volume stays in-use', () => {
  const r = boot(failing('33.0.0', (raw) => { raw.delete_failed_boot = true; }));
  const from = idx(r, /^DELETE \/v2\.1\/servers\//);
  assert.ok(from >= 0);
  const t = texts(r).slice(from);
  assert.ok(t.some((x) => new RegExp(`^WARNING \\[instance: ${UUID}\\] Ignoring volume cleanup failure due to ${esc(BARE)} ${REQ}$`).test(x)), t.join('\n'));
  assert.equal(r.volumes[0]!.volumeStatus, 'in-use');
  assert.deepEqual(r.deleted, { apiStatus: 204, volumesCleaned: true });
});

test('the hot attach replays terminate_connection_error too (test/unit/attach-terminate-error.test.ts has the details): its rollback\'s os-terminate_connection fails with 2015.1\'s words', () => {
  const l = failing('2015.1.0');
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.steps.some((s) => /terminate_connection_error is replayed by the boot from volume only/.test(s.text)), false);
  assert.ok(r.steps.some((s) => OLD_WORDS.test(s.text)), texts(r).join('\n'));
});

test('labhosts/cleanup-abort.labhost.json: validates against the schema, loads, and aborts the boot on its Kilo release; under ocata_legacy the error is a WARNING and the build re-scheduled', () => {
  const raw = JSON.parse(readFileSync(join(ROOT, 'labhosts/cleanup-abort.labhost.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas/labhost.schema.json'), 'utf8')));
  assert.ok(validate(raw), JSON.stringify(validate.errors));
  const loaded = loadLabHost(JSON.stringify(raw), 'cleanup-abort.labhost.json');
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const l = (loaded as { ok: true; labHost: LabHost }).labHost;
  const b = simulateBoot(l, [bdm({ uuid: l.volumes[0]!.id })], { instanceUuid: UUID, hashes });
  assert.equal(b.fault, `Build of instance ${UUID} aborted: Could not clean up failed build, not rescheduling`);
  assert.equal(b.rescheduled, false);
  const o = simulateBoot(l, [bdm({ uuid: l.volumes[0]!.id })], { instanceUuid: UUID, hashes, profile: 'ocata_legacy' });
  assert.equal(o.rescheduled, true);
  assert.ok(idx(o, new RegExp(`^WARNING Ignoring unknown cinder exception for volume ${l.volumes[0]!.id}: Unable to terminate volume connection from backend\\.`)) >= 0);
});

test('the lab-host schema refuses an empty terminate_connection_error', () => {
  assert.throws(() => failing('33.0.0', undefined, ''));
});

// ---- [libvirt]num_volume_scan_tries / num_iscsi_scan_tries per release ---------------------------

const NEVER = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02';
const tries = (rel: string, libvirt: Record<string, number>) => attach(lab('iscsi', (raw) => { raw.profile = profileOf(rel); raw.host.nova_release = rel; raw.host.nova_conf = { libvirt }; }), NEVER);
const LEGACY_TRY = /^INFO ISCSI volume not yet found at: .* Will rescan & retry\. {2}Try number: \d+\.$/;
const NOT_READ = /^\[libvirt\]num_volume_scan_tries is not read: /;
const DEP = 'Option "num_iscsi_scan_tries" from group "libvirt" is deprecated. Use option "num_volume_scan_tries" from group "libvirt".';

test('Nova 15.0.0 (os-brick connector built by nova/virt/libvirt/volume/iscsi.py with device_scan_attempts=[libvirt]num_iscsi_scan_tries): num_volume_scan_tries is not read (a note; 5 tries per connect), num_iscsi_scan_tries is', () => {
  const nv = tries('15.0.0', { num_volume_scan_tries: 2 });
  assert.deepEqual(nv.steps.filter((s) => NOT_READ.test(s.text)).map((s) => s.text), ['[libvirt]num_volume_scan_tries is not read: Nova 15.0.0 reads [libvirt]num_iscsi_scan_tries for iSCSI and FC (the new name exists from Nova 16.0.0); the scan tries are 5 (its default)']);
  assert.equal(count(nv, LEGACY_TRY), 3 * 5);
  const ni = tries('15.0.0', { num_iscsi_scan_tries: 2 });
  assert.equal(count(ni, LEGACY_TRY), 3 * 2);
  assert.equal(count(ni, NOT_READ), 0);
  assert.equal(count(ni, /is deprecated/), 0);
});

// Pike's os-brick (>= 1.15.2) scans sysfs: connectors/iscsi.py `_connect_vol` at 1.15.2 rescans
// after retry^2 s while retry <= the scan tries, so N tries give N - 1 rescans per connect try
const SYSFS_RESCAN = /^scan: echo .* \(rescan \d+, \+\d+ s\)$/;

test('Nova 16.0.0 (nova/conf/libvirt.py num_volume_scan_tries, deprecated_name num_iscsi_scan_tries): the new name read; the old one alone is read with oslo.config\'s WARNING (no "Deprecated: " before oslo.config 6.3.0); both set: the new one wins', () => {
  assert.equal(count(tries('16.0.0', { num_volume_scan_tries: 2 }), SYSFS_RESCAN), 3 * 1);
  const old = tries('16.0.0', { num_iscsi_scan_tries: 2 });
  assert.equal(count(old, SYSFS_RESCAN), 3 * 1);
  assert.deepEqual(old.steps.filter((s) => s.text.includes('is deprecated')).map((s) => s.text), [`WARNING oslo_config.cfg ${DEP}`]);
  const both = tries('16.0.0', { num_volume_scan_tries: 1, num_iscsi_scan_tries: 3 });
  assert.equal(count(both, SYSFS_RESCAN), 0);
  assert.equal(count(tries('16.0.0', { num_volume_scan_tries: 3 }), SYSFS_RESCAN), 3 * 2);
  assert.ok(both.steps.some((s) => s.text === '[libvirt]num_iscsi_scan_tries is not read: [libvirt]num_volume_scan_tries is set and wins over its deprecated name'));
});

test('Nova 18.0.0 and modern: the deprecated name alone gives oslo.config\'s "Deprecated: " WARNING (oslo.config >= 6.3.0) and its value', () => {
  for (const rel of ['18.0.0', '33.0.0']) {
    const r = tries(rel, { num_iscsi_scan_tries: 1 });
    assert.deepEqual(r.steps.filter((s) => s.text.includes('is deprecated')).map((s) => s.text), [`WARNING oslo_config.cfg Deprecated: ${DEP}`], rel);
    assert.equal(count(r, NOT_READ), 0);
  }
  // modern os-brick rescans: one fewer "scan:" line per try dropped
  const scans = (n: number) => count(tries('33.0.0', { num_volume_scan_tries: n }), /^scan: echo /);
  assert.equal(scans(3) - scans(1), 2 * (scans(2) - scans(1)));
  assert.ok(scans(2) > scans(1));
});

test('Nova 2015.1.0 (nova/virt/libvirt/volume.py LibvirtFibreChannelVolumeDriver reads [libvirt]num_iscsi_scan_tries): num_volume_scan_tries is not read; num_iscsi_scan_tries sets the FC rescans', () => {
  const fc = (libvirt: Record<string, number>) => {
    const l = lab('fc', (raw) => { raw.profile = 'kilo_prefix'; raw.host.nova_release = '2015.1.0'; raw.host.nova_conf = { libvirt }; raw.volumes[0].lun_visible = false; });
    return attach(l, l.volumes[0]!.id);
  };
  const FC_TRY = /^WARNING Fibre volume not yet found at: vdb\. Will rescan & retry\. {2}Try number: \d+$/;
  const nv = fc({ num_volume_scan_tries: 1 });
  assert.ok(nv.steps.some((s) => /^\[libvirt\]num_volume_scan_tries is not read: Nova 2015\.1\.0 reads \[libvirt\]num_iscsi_scan_tries/.test(s.text)));
  assert.equal(count(nv, FC_TRY), 5);
  assert.equal(count(fc({ num_iscsi_scan_tries: 3 }), FC_TRY), 3);
});

test('ocata_legacy without host.nova_release reads as Ocata (15): num_volume_scan_tries is not read', () => {
  const r = attach(lab('iscsi', (raw) => { raw.profile = 'ocata_legacy'; raw.host.nova_conf = { libvirt: { num_volume_scan_tries: 2 } }; }), NEVER);
  assert.ok(r.steps.some((s) => /^\[libvirt\]num_volume_scan_tries is not read: Nova 15 \(Ocata\) reads/.test(s.text)));
});
