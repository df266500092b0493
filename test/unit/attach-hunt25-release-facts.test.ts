/**
 * Per-release facts read from upstream at the release tags (openstack/nova, openstack/oslo.config,
 * openstack/requirements):
 * - the hot attach's rollback deletes the attachment C9 already deleted: nova/volume/cinder.py
 *   `attachment_delete` ignores Cinder's 404 ("Attachment <id> does not exist. Ignoring.") only
 *   from 26.0.0 and the backports 25.1.0 and 24.2.0; before, it logs the ClientException and
 *   raises VolumeAttachmentNotFound, which nova/compute/manager.py `_attach_volume` ignores from
 *   19.0.0, 18.2.0 and 17.0.11 (bug 1812969) and otherwise lets replace the driver's error;
 * - nova/compute/manager.py `_shutdown_instance`: a Cinder error of the volume cleanup escapes it
 *   in 2014.2/2015.1 (`_build_resources`: "Could not clean up failed build, not rescheduling"),
 *   only cinderclient's ClientException is caught in 12.0.0-12.0.2 and 13.0.0, anything is
 *   caught from 12.0.3, 13.1.0 and 14.0.0 (bug 1563547);
 * - oslo_config/cfg.py `_check_deprecated`: the WARNING for `[DEFAULT]scheduler_max_attempts`
 *   (the deprecated name of nova/conf/scheduler.py `[scheduler]max_attempts`, 15.0.0-23.x),
 *   with "Deprecated: " from oslo.config 6.3.0 (upper-constraints: Rocky, Nova 18, and later).
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownVolumeFailure, simulateBoot } from '../../server/src/attach/flows/boot';
import { World } from '../../server/src/attach/engine/world';
import { SimError } from '../../server/src/attach/engine/run';
import { resolveVolumeBackend } from '../../server/src/attach/backends/registry';
import type { NovaBdm } from '../../server/src/nova/types';
import type { AttachResult, BootResult, LabHost, Profile } from '../../server/src/attach/types';
import { attach, hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const UUID = '11111111-2222-4333-8444-555555555555';
const profileOf = (rel: string): Profile => {
  const major = Number(rel.split('.')[0]);
  return major >= 2014 || major <= 11 ? 'kilo_prefix' : major <= 16 ? 'ocata_legacy' : major <= 30 ? 'queens_to_2024_2' : 'modern';
};
/** The iSCSI lab host with its only portal refusing (the host connect fails fast) on a Nova release. */
function deadPortal(release: string, novaConf: Record<string, unknown> = {}): LabHost {
  return lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
    raw.profile = profileOf(release);
    raw.host.nova_release = release;
    raw.host.nova_conf = { ...(raw.host.nova_conf ?? {}), ...novaConf };
  });
}
const texts = (r: { steps: Array<{ text: string }> }): string[] => r.steps.map((s) => s.text);
const after = (r: AttachResult, re: RegExp): string[] => {
  const t = texts(r);
  const i = t.findIndex((x) => re.test(x));
  assert.ok(i >= 0, `no step ${String(re)}`);
  return t.slice(i);
};
const GONE_WARN = /^WARNING Attachment [0-9a-f-]+ does not exist\. Ignoring\.$/;
const GONE_ERROR = /^ERROR Delete attachment failed for attachment [0-9a-f-]+\. Error: Volume attachment could not be found with filter: attachment_id = [0-9a-f-]+\. \(HTTP 404\) \(Request-ID: req-[^)]+\) Code: 404$/;
const MANAGER_IGNORES = /^DEBUG Ignoring VolumeAttachmentNotFound: Volume attachment [0-9a-f-]+ could not be found\.$/;

// ---- gap 2: the hot attach rollback's second attachment_delete --------------------------------

for (const rel of ['26.0.0', '25.1.0', '24.2.0', '33.0.0']) {
  test(`hot attach rollback, Nova ${rel}: nova/volume/cinder.py attachment_delete logs "Attachment … does not exist. Ignoring." for the 404 (26.0.0; backports 25.1.0, 24.2.0)`, () => {
    const r = attach(deadPortal(rel), ISCSI_VOL);
    const t = after(r, /^ERROR Failed to attach /);
    assert.equal(t.filter((x) => GONE_WARN.test(x)).length, 1, t.join('\n'));
    assert.equal(t.some((x) => GONE_ERROR.test(x) || MANAGER_IGNORES.test(x)), false);
    assert.ok(t.includes('notification instance.volume_attach.error'));
    assert.equal(r.error, 'VolumeDeviceNotFound: Volume device not found at .');
  });
}

for (const rel of ['25.0.1', '24.1.0', '23.0.0', '20.0.0', '19.0.0', '18.2.0', '17.0.11']) {
  test(`hot attach rollback, Nova ${rel}: the 404 is an ERROR and VolumeAttachmentNotFound (nova/volume/cinder.py attachment_delete before 24.2.0/25.1.0/26.0.0), which compute/manager.py _attach_volume ignores (19.0.0; backports 18.2.0, 17.0.11)`, () => {
    const r = attach(deadPortal(rel), ISCSI_VOL);
    const t = after(r, /^ERROR Failed to attach /);
    const e = t.findIndex((x) => GONE_ERROR.test(x));
    assert.ok(e >= 0, t.join('\n'));
    assert.ok(MANAGER_IGNORES.test(t[e + 1]!), t[e + 1]);
    assert.equal(t.some((x) => GONE_WARN.test(x)), false);
    assert.ok(t.includes('notification instance.volume_attach.error'));
    // os-brick's exception is not Nova's: its class name from 20.0.0 (19.0.2, 18.2.2, 17.0.12), str() before (flows/fault.ts)
    const named = ['25.0.1', '24.1.0', '23.0.0', '20.0.0'].includes(rel);
    assert.ok(t.some((x) => x.startsWith(`instance fault recorded: message "${named ? 'VolumeDeviceNotFound' : 'Volume device not found at .'}", code 500, details the traceback of VolumeDeviceNotFound: Volume device not found at .;`)), t.join('\n'));
    assert.equal(r.bdm, null);
    assert.equal(r.statusSequence.at(-1), 'available');
  });
}

for (const rel of ['17.0.0', '17.0.10', '18.0.0', '18.1.0']) {
  test(`hot attach rollback, Nova ${rel}: VolumeAttachmentNotFound escapes _attach_volume's save_and_reraise_exception (compute/manager.py before bug 1812969): the driver error is dropped, no volume_attach.error notification, the fault is the 404`, () => {
    const r = attach(deadPortal(rel), ISCSI_VOL);
    const t = after(r, /^ERROR Failed to attach /);
    assert.ok(t.some((x) => GONE_ERROR.test(x)));
    assert.equal(t.some((x) => GONE_WARN.test(x) || MANAGER_IGNORES.test(x)), false);
    assert.ok(t.includes('ERROR Original exception being dropped: VolumeDeviceNotFound: Volume device not found at .'));
    assert.equal(t.includes('notification instance.volume_attach.error'), false);
    assert.ok(t.some((x) => /^instance fault recorded: message "Volume attachment [0-9a-f-]+ could not be found\.", code 404/.test(x)), t.join('\n'));
    assert.equal(r.bdm, null);
    assert.equal(r.statusSequence.at(-1), 'available');
  });
}

// the boot's DELETE of the ERROR instance reads the same attachment_delete
function bfv(l: LabHost): BootResult {
  l.delete_failed_boot = true;
  const b: NovaBdm = { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: true, volume_type: null, tag: null };
  return simulateBoot(l, [b], { instanceUuid: UUID, hashes });
}

test('boot, Nova 24.2.0 (the stable/xena backport of the 404 handling in nova/volume/cinder.py attachment_delete): the DELETE of the ERROR instance ignores the gone attachment', () => {
  const t = texts(bfv(deadPortal('24.2.0')));
  const from = t.findIndex((x) => /^DELETE \/v2\.1\/servers\//.test(x));
  assert.ok(t.slice(from).some((x) => GONE_WARN.test(x)), t.slice(from).join('\n'));
  assert.equal(t.slice(from).some((x) => /Ignoring volume cleanup failure due to Volume attachment/.test(x)), false);
});

test('boot, Nova 24.1.0: before that backport the gone attachment is "Ignoring volume cleanup failure due to Volume attachment … could not be found."', () => {
  const t = texts(bfv(deadPortal('24.1.0')));
  const from = t.findIndex((x) => /^DELETE \/v2\.1\/servers\//.test(x));
  assert.ok(t.slice(from).some((x) => /^WARNING \[instance: .*\] Ignoring volume cleanup failure due to Volume attachment [0-9a-f-]+ could not be found\.$/.test(x)));
  assert.equal(t.slice(from).some((x) => GONE_WARN.test(x)), false);
});

// ---- gap 1: a Cinder error inside _shutdown_instance --------------------------------------------

function world(rel: string): World {
  const l = deadPortal(rel);
  return new World(l, l.profile, '2.1', resolveVolumeBackend, hashes);
}
const VOL = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01';
const http500 = (): SimError => new SimError('The server has either erred or is incapable of performing the requested operation.', 500, 'ClientException');
const invalidInput = (): SimError => new SimError('Invalid input received: Invalid volume: … (HTTP 400) (Request-ID: req-1)', 400, 'InvalidInput');

test('compute/manager.py _shutdown_instance at 2015.1.0 and 2014.2.4: a Cinder 500 escapes (no ClientException case): the build is aborted, not re-scheduled', () => {
  for (const rel of ['2015.1.0', '2015.1.4', '2014.2.4']) assert.equal(shutdownVolumeFailure(world(rel), VOL, http500(), 'req-1').line, null, rel);
});

test('compute/manager.py _shutdown_instance: VolumeNotFound is a DEBUG line in every release (2015.1.0, 13.0.0, 26.0.0)', () => {
  for (const rel of ['2015.1.0', '13.0.0', '26.0.0']) {
    assert.equal(shutdownVolumeFailure(world(rel), VOL, new SimError(`Volume ${VOL} could not be found.`, null, 'VolumeNotFound'), 'req-1').line, `DEBUG Ignoring VolumeNotFound: Volume ${VOL} could not be found.`);
  }
});

test('compute/manager.py _shutdown_instance at 12.0.0-12.0.2 and 13.0.0 (bug 1450658): "Ignoring Unknown cinder exception: <exc>" for a ClientException; InvalidInput (a 400) still escapes', () => {
  for (const rel of ['12.0.0', '12.0.2', '13.0.0']) {
    const w = world(rel);
    assert.equal(shutdownVolumeFailure(w, VOL, http500(), 'req-7').line, 'Ignoring Unknown cinder exception: The server has either erred or is incapable of performing the requested operation. (HTTP 500) (Request-ID: req-7)', rel);
    assert.equal(shutdownVolumeFailure(w, VOL, invalidInput(), 'req-7').line, null, rel);
  }
});

test('compute/manager.py _shutdown_instance from 14.0.0 and the backports 13.1.0, 12.0.3 (bug 1563547): the volume is named and any exception is ignored', () => {
  for (const rel of ['12.0.3', '13.1.0', '14.0.0', '16.0.0', '20.0.0', '33.0.0']) {
    const w = world(rel);
    assert.equal(shutdownVolumeFailure(w, VOL, http500(), 'req-7').line, `Ignoring unknown cinder exception for volume ${VOL}: The server has either erred or is incapable of performing the requested operation. (HTTP 500) (Request-ID: req-7)`, rel);
    assert.match(shutdownVolumeFailure(w, VOL, invalidInput(), 'req-7').line ?? '', new RegExp(`^Ignoring unknown exception for volume ${VOL}: Invalid input received`), rel);
  }
});

// ---- gap 3: oslo.config's warning for [DEFAULT]scheduler_max_attempts ---------------------------

const DEP = 'Option "scheduler_max_attempts" from group "DEFAULT" is deprecated. Use option "max_attempts" from group "scheduler".';
const conductorWarnings = (r: BootResult): string[] => r.steps.filter((s) => s.actor === 'nova-conductor' && s.text.includes('is deprecated. Use option')).map((s) => s.text);

for (const [rel, prefix] of [['15.0.2', ''], ['16.0.0', ''], ['17.0.0', ''], ['18.0.0', 'Deprecated: '], ['20.0.0', 'Deprecated: '], ['23.0.0', 'Deprecated: ']] as const) {
  test(`Nova ${rel} with [DEFAULT]scheduler_max_attempts: nova-conductor logs oslo_config/cfg.py's deprecated-name WARNING once${prefix ? ' (oslo.config >= 6.3.0: "Deprecated: ")' : ' (oslo.config < 6.3.0 in the series\' upper-constraints)'}`, () => {
    const r = bfv(deadPortal(rel, { DEFAULT: { scheduler_max_attempts: 2 } }));
    assert.deepEqual(conductorWarnings(r), [`WARNING oslo_config.cfg ${prefix}${DEP}`]);
  });
}

test('no deprecated-name WARNING when the name is not deprecated or not read: Nova 14.0.0 (the option itself), 24.0.0 and modern (alias removed), or [scheduler]max_attempts also set (nova/conf/scheduler.py 20.0.0: the new name wins)', () => {
  assert.deepEqual(conductorWarnings(bfv(deadPortal('14.0.0', { DEFAULT: { scheduler_max_attempts: 2 } }))), []);
  assert.deepEqual(conductorWarnings(bfv(deadPortal('24.0.0', { DEFAULT: { scheduler_max_attempts: 2 } }))), []);
  assert.deepEqual(conductorWarnings(bfv(deadPortal('31.0.0', { DEFAULT: { scheduler_max_attempts: 2 } }))), []);
  assert.deepEqual(conductorWarnings(bfv(deadPortal('20.0.0', { DEFAULT: { scheduler_max_attempts: 2 }, scheduler: { max_attempts: 2 } }))), []);
  assert.deepEqual(conductorWarnings(bfv(deadPortal('20.0.0'))), []);
});
