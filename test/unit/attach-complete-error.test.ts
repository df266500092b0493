/**
 * cinder-api's os-complete failing (lab host `volumes[].attachment_complete_error`) and the
 * instance fault of a non-Nova exception (flows/fault.ts `exceptionFault`), read upstream at the
 * release tags:
 * - openstack/cinder 12.0.0, 20.0.0, 27.0.0 cinder/api/v3/attachments.py `complete` (cinder-api
 *   only: the attachment's save, then the volume's; no cinder-volume), cinder/api/middleware/
 *   fault.py `FaultWrapper._error` ("Caught error: <type> <error>", a bare 500 for an exception
 *   that is not `safe`);
 * - openstack/nova 17.0.0, 20.0.0, 24.0.0, 28.0.0, 33.0.0 nova/virt/block_device.py
 *   `DriverVolumeBlockDevice._volume_attach` (attachment_complete inside a handler that, with
 *   do_driver_attach, calls virt_driver.detach_volume (a failure only logged "Driver failed to
 *   detach volume …") then attachment_delete, in save_and_reraise_exception), `attach`
 *   (update_db); nova/volume/cinder.py `attachment_complete` ("Complete attachment failed …",
 *   no retry decorator in any release); nova/compute/manager.py `_attach_volume` (its own
 *   attachment_delete, VolumeAttachmentNotFound ignored from 19.0.0/18.2.0/17.0.11);
 * - openstack/nova 16.0.0, 17.0.11, 17.0.12, 18.2.1, 18.2.2, 19.0.1, 19.0.2, 20.0.0, 33.0.0
 *   nova/compute/utils.py `exception_to_dict` / `_get_fault_details` (commit 298b337a: a
 *   non-Nova exception's class name, str() before; code from the exception's kwargs, the
 *   traceback only for 500); openstack/os-brick os_brick/exception.py (BrickException: kwargs
 *   with the class code, no format_message);
 * - openstack/nova 2014.2, 2015.1.0, 12.0.0, 14.0.8, 14.0.9, 15.0.7, 15.0.8, 16.0.0
 *   nova/compute/manager.py `_prep_block_device` (InvalidBDM(str(ex)) from 16.0.0 and the
 *   backports 15.0.8, 14.0.9: commit 20c4715a; a bare InvalidBDM before) and `_build_resources`
 *   (InvalidBDM among the exceptions turned into BuildAbortException with its message from
 *   12.0.0; 2014.2/2015.1: "Failure prepping block device.").
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import type { NovaBdm } from '../../server/src/nova/types';
import type { AttachResult, BootResult, LabHost, Profile } from '../../server/src/attach/types';
import { attach, hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import { bootVolumeBdm, count, esc, has, idx, inOrder, profileOf, texts, type Tweak } from './attach-lab-helpers';

const ROOT = join(__dirname, '..', '..');
const DB = "(pymysql.err.OperationalError) (2006, 'MySQL server has gone away')";
const WORDS = 'Unable to unmap LUN 1 from host compute-1: the array session expired';
const LIBVIRT = "internal error: unable to execute QEMU command 'device_add': Bus 'pci.0' does not support hotplugging";
const BARE = 'The server has either erred or is incapable of performing the requested operation.';
const UUID = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a01';

/** The iSCSI lab host on `rel` (null: the profile's own) whose os-complete fails. */
function completeFails(rel: string | null, tweak?: Tweak, profile?: Profile): LabHost {
  const l = lab('iscsi', (raw) => {
    raw.profile = profile ?? (rel ? profileOf(rel) : 'modern');
    if (rel) raw.host.nova_release = rel;
    tweak?.(raw);
  });
  // the compiled lab-host validator learns attachment_complete_error at the next build: set on the loaded lab host
  l.volumes.find((v) => v.id === ISCSI_VOL)!.attachment_complete_error = DB;
  return l;
}

const COMPLETE = /^REQ: curl .* -X POST .*\/attachments\/[0-9a-f-]+\/action .*"os-complete"/;
const CAUGHT = new RegExp(`^ERROR Caught error: <class 'oslo_db\\.exception\\.DBError'> ${esc(DB)}$`);
const COMPLETE_500 = /^RESP: \[500\] \{"computeFault": \{"code": 500, "message": "The server has either erred or is incapable of performing the requested operation\."\}\} \(attachment [0-9a-f-]+ stays attaching; volume [0-9a-f-]+ stays attaching\)$/;
const COMPLETE_FAILED = new RegExp(`^ERROR Complete attachment failed for attachment [0-9a-f-]+\\. Error: ${esc(BARE)} \\(HTTP 500\\) \\(Request-ID: req-[0-9a-f-]+\\) Code: 500$`);
const HANDLER = /^attachment_complete raised in nova\/virt\/block_device\.py DriverVolumeBlockDevice\._volume_attach: /;
const GUEST_DETACH = /virDomainDetachDeviceFlags/;
const DISCONNECT = /^disconnect_volume: /;
const DELETE = /^REQ: curl .* -X DELETE .*\/attachments\//;
const DELETED = /^RESP: \[200\] attachment [0-9a-f-]+ deleted; volume [0-9a-f-]+ status available$/;
const FAILED_TO_ATTACH = new RegExp(`^ERROR Failed to attach ${ISCSI_VOL} at /dev/vdb$`);
const GONE_404 = /^RESP: \[404\] .*Volume attachment could not be found/;
const IGNORED = /^WARNING Attachment [0-9a-f-]+ does not exist\. Ignoring\.$/;
const NOTIFY_ERROR = /^notification instance\.volume_attach\.error$/;
const DESTROYED = /^BDM \d+ destroyed$/;
const CLASS_FAULT = /^instance fault recorded: message "ClientException", code 500, details the traceback of ClientException: The server has either erred .*; instance action event compute_attach_volume: Error; notification compute\.exception$/;

for (const rel of ['33.0.0', '29.0.0', '24.2.0', '20.0.0']) {
  test(`Nova ${rel}, hot attach: os-complete answers 500 (cinder-api's database error); DriverVolumeBlockDevice._volume_attach detaches the disk from the guest and the host and deletes the attachment; _attach_volume's second delete meets the 404 and ignores it; the BDM destroyed, the fault names ClientException; the volume available`, () => {
    const r = attach(completeFails(rel), ISCSI_VOL);
    inOrder(r, [/^BDM \d+ connection_info saved \(before attachment_complete\)$/, COMPLETE, CAUGHT, COMPLETE_500, COMPLETE_FAILED, HANDLER, GUEST_DETACH, DISCONNECT, DELETE, DELETED, /^update_db: BDM \d+ unchanged/, FAILED_TO_ATTACH, GONE_404, NOTIFY_ERROR, DESTROYED, CLASS_FAULT]);
    // never retried, in any release
    assert.equal(count(r, COMPLETE), 1);
    // the handler of attachment_complete logs no "Driver failed to attach" (that is C9's), and writes no '{}'
    assert.equal(has(r, /^ERROR Driver failed to attach volume/), false);
    assert.equal(has(r, /connection_info = '\{\}'/), false);
    const gone = idx(r, GONE_404);
    if (rel === '33.0.0' || rel === '29.0.0' || rel === '24.2.0') assert.ok(IGNORED.test(texts(r)[gone + 1]!), texts(r)[gone + 1]);
    else assert.ok(/^DEBUG Ignoring VolumeAttachmentNotFound: /.test(texts(r).slice(gone).find((x) => /Ignoring VolumeAttachmentNotFound/.test(x)) ?? ''), texts(r).join('\n'));
    assert.equal(r.outcome, 'failed');
    assert.equal(r.bdm, null);
    assert.deepEqual(r.statusSequence.slice(-3), ['reserved', 'attaching', 'available']);
    assert.match(r.error!, /^ClientException: The server has either erred/);
    assert.equal(r.apiStatus, 200);
  });
}

test('Nova 18.2.0, hot attach: the same rollback; the fault is str() of cinderclient\'s exception (before 18.2.2), its traceback kept (code 500)', () => {
  const r = attach(completeFails('18.2.0'), ISCSI_VOL);
  inOrder(r, [COMPLETE_FAILED, HANDLER, GUEST_DETACH, DELETE, DELETED, FAILED_TO_ATTACH, GONE_404, /^DEBUG Ignoring VolumeAttachmentNotFound: /, NOTIFY_ERROR, DESTROYED]);
  assert.ok(has(r, new RegExp(`^instance fault recorded: message "${esc(BARE)} \\(HTTP 500\\) \\(Request-ID: req-[0-9a-f-]+\\)", code 500, details the traceback of ClientException: `)), texts(r).join('\n'));
  assert.equal(r.volumeStatus, 'available');
});

test('Nova 18.0.0, hot attach: _attach_volume\'s second delete raises VolumeAttachmentNotFound, which replaces the complete error (before bug 1812969): no volume_attach.error notification, the fault is the 404', () => {
  const r = attach(completeFails('18.0.0'), ISCSI_VOL);
  inOrder(r, [COMPLETE_FAILED, HANDLER, GUEST_DETACH, DELETED, FAILED_TO_ATTACH, GONE_404, /^ERROR Original exception being dropped: ClientException: /, DESTROYED, /^instance fault recorded: message "Volume attachment [0-9a-f-]+ could not be found\.", code 404/]);
  assert.equal(has(r, NOTIFY_ERROR), false);
  assert.equal(r.volumeStatus, 'available');
});

test('Nova 33.0.0, hot attach with terminate_connection_error too: the handler\'s DELETE fails 5 times and replaces the complete error; _attach_volume deletes again and fails again; Cinder keeps the attachment and the volume attaching, though the guest and the host let go', () => {
  const r = attach(completeFails('33.0.0', (raw) => { raw.backends.lvm.terminate_connection_error = WORDS; }), ISCSI_VOL);
  inOrder(r, [COMPLETE_FAILED, HANDLER, GUEST_DETACH, DISCONNECT, DELETE, /^ERROR Original exception being dropped: ClientException: /, /^attachment_delete in nova\/virt\/block_device\.py DriverVolumeBlockDevice\._volume_attach \(attachment_complete handler\) raised inside save_and_reraise_exception/, FAILED_TO_ATTACH, DESTROYED, CLASS_FAULT]);
  assert.equal(count(r, DELETE), 10);
  assert.equal(has(r, NOTIFY_ERROR), false);
  assert.equal(r.volumeStatus, 'attaching');
  assert.equal(r.bdm, null);
});

test('Nova 33.0.0, hot attach, the guest holds on to the disk: the handler logs "Driver failed to detach volume" (no disconnect) and still deletes the attachment: Cinder lets go of a disk the guest still has', () => {
  const r = attach(completeFails('33.0.0', (raw) => { raw.instances[0].guest_detach_release = 'never'; }), ISCSI_VOL);
  inOrder(r, [COMPLETE_FAILED, HANDLER, GUEST_DETACH, new RegExp(`^WARNING Driver failed to detach volume ${ISCSI_VOL} at /dev/vdb\\.: DeviceDetachFailed: `), DELETE, DELETED, FAILED_TO_ATTACH, CLASS_FAULT]);
  const handler = idx(r, HANDLER);
  assert.equal(texts(r).slice(handler).some((x) => DISCONNECT.test(x)), false);
  assert.equal(r.volumeStatus, 'available');
});

test('the healthy os-complete is unchanged: 204, in-use, the BDM kept', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.equal(r.volumeStatus, 'in-use');
  assert.equal(has(r, HANDLER), false);
});

test('ocata_legacy: there is no os-complete; attachment_complete_error is named as not replayed and the attach goes through os-attach', () => {
  const r = attach(completeFails('16.0.0'), ISCSI_VOL);
  assert.ok(has(r, new RegExp(`^attachment_complete_error of volume ${ISCSI_VOL} not replayed: ocata_legacy attaches with the legacy volume actions`)), texts(r).join('\n'));
  assert.equal(r.outcome, 'attached');
  assert.equal(has(r, COMPLETE), false);
});

// ---- boot from volume -------------------------------------------------------------------------

const boot = (l: LabHost): BootResult => simulateBoot(l, [bootVolumeBdm()], { instanceUuid: UUID, hashes });

test('Nova 33.0.0, boot from volume: os-complete answers 500; _volume_attach (do_driver_attach=False) only deletes the attachment; _prep_block_device\'s InvalidBDM keeps the words: "Build of instance … aborted: <ClientException>"', () => {
  const r = boot(completeFails('33.0.0'));
  inOrder(r, [COMPLETE, COMPLETE_500, COMPLETE_FAILED, /^attachment_complete raised in nova\/virt\/block_device\.py DriverVolumeBlockDevice\._volume_attach \(do_driver_attach=False/, DELETE, DELETED, /^ERROR Instance failed block device setup$/]);
  assert.equal(has(r, GUEST_DETACH), false);
  assert.equal(has(r, DISCONNECT), false);
  assert.match(r.fault!, new RegExp(`^Build of instance ${UUID} aborted: ${esc(BARE)} \\(HTTP 500\\) \\(Request-ID: req-`));
  assert.equal(r.vmState, 'error');
  assert.equal(r.volumes[0]!.volumeStatus, 'available');
});

test('Nova 33.0.0, boot from volume with terminate_connection_error too: the handler\'s DELETE error replaces the complete error (Original exception being dropped) and aborts the build', () => {
  const r = boot(completeFails('33.0.0', (raw) => { raw.backends.lvm.terminate_connection_error = WORDS; }));
  inOrder(r, [COMPLETE_FAILED, DELETE, /^ERROR Original exception being dropped: ClientException: /, /^ERROR Instance failed block device setup$/]);
  assert.equal(r.vmState, 'error');
});

// ---- what each release records for a non-Nova exception --------------------------------------

const libvirtRefuses: Tweak = (raw) => { raw.instances[0].attach_device_error = LIBVIRT; };
const refused = (rel: string): AttachResult => attach(lab('iscsi', (raw) => { raw.profile = profileOf(rel); raw.host.nova_release = rel; libvirtRefuses(raw); }), ISCSI_VOL);

for (const [rel, named] of [['33.0.0', true], ['20.0.0', true], ['19.0.2', true], ['19.0.1', false], ['18.2.2', true], ['18.2.1', false], ['17.0.12', true], ['17.0.11', false]] as const) {
  test(`Nova ${rel}, hot attach, libvirt refuses the disk: libvirtError is not a Nova exception: the fault's message is ${named ? 'its class name' : 'str() of it'} (nova/compute/utils.py exception_to_dict), code 500, the action event`, () => {
    const r = refused(rel);
    const message = named ? 'libvirtError' : LIBVIRT;
    assert.ok(has(r, new RegExp(`^instance fault recorded: message "${esc(message)}", code 500, details the traceback of libvirtError: ${esc(LIBVIRT)}; instance action event compute_attach_volume: Error; notification compute\\.exception$`)), texts(r).join('\n'));
  });
}

test('Nova 16.0.0 and 2015.1.4, hot attach, libvirt refuses the disk: str() of the libvirtError, no instance action event (from 17.0.0); compute.exception from 15.0.0, the legacy notification before', () => {
  const r16 = refused('16.0.0');
  assert.ok(has(r16, new RegExp(`^instance fault recorded: message "${esc(LIBVIRT)}", code 500, .*; no instance action event \\(wrap_instance_event on attach_volume from Nova 17\\); notification compute\\.exception$`)), texts(r16).join('\n'));
  const kilo = refused('2015.1.4');
  assert.ok(has(kilo, new RegExp(`^instance fault recorded: message "${esc(LIBVIRT)}", code 500, .*; legacy error notification attach_volume$`)), texts(kilo).join('\n'));
});

test('Nova 33.0.0, hot attach, every portal unreachable: os-brick\'s exception is not Nova\'s either: the class name; a Nova exception (the Juno FC driver\'s NovaException) keeps its own words', () => {
  const r = attach(lab('iscsi', (raw) => { raw.host.nova_release = '33.0.0'; for (const p of raw.backends.lvm.portals) p.reachable = false; }), ISCSI_VOL);
  const fault = texts(r).find((x) => x.startsWith('instance fault recorded'))!;
  assert.match(fault, /^instance fault recorded: message "(TargetPortalNotFound|FailedISCSITargetPortalLogin|VolumeDeviceNotFound)", code 500, details the traceback of \1: /);
});

// ---- the boot's abort reason per release -------------------------------------------------------

for (const [rel, reason] of [['16.0.0', 'words'], ['15.0.8', 'words'], ['15.0.7', 'invalid'], ['14.0.9', 'words'], ['14.0.8', 'invalid'], ['12.0.0', 'invalid'], ['2015.1.4', 'prepping'], ['2014.2.4', 'prepping']] as const) {
  test(`Nova ${rel}, boot from volume whose os-initialize_connection fails: the abort's reason is ${reason === 'words' ? "the error's own words (InvalidBDM(str(ex)))" : reason === 'invalid' ? 'a bare InvalidBDM\'s "Block Device Mapping is Invalid."' : '"Failure prepping block device." (_build_resources catches InvalidBDM as any exception)'}`, () => {
    const l = lab('iscsi', (raw) => { raw.profile = profileOf(rel); raw.host.nova_release = rel; raw.backends.lvm.initialize_connection_error = 'Unable to map volume to host compute-1: the host group is full'; });
    const r = boot(l);
    const expected = reason === 'words' ? /^Build of instance \S+ aborted: Unable to fetch connection information from backend\. \(HTTP 500\) \(Request-ID: req-/ : reason === 'invalid' ? /^Build of instance \S+ aborted: Block Device Mapping is Invalid\.$/ : /^Build of instance \S+ aborted: Failure prepping block device\.$/;
    assert.match(r.fault!, expected, texts(r).join('\n'));
    assert.equal(has(r, /^ERROR Failure prepping block device$/), reason === 'prepping');
  });
}

// ---- the example and the schema ---------------------------------------------------------------

test('labhosts/complete-error.labhost.json: valid against the lab-host schema, and its hot attach replays as its description says', () => {
  const text = readFileSync(join(ROOT, 'labhosts/complete-error.labhost.json'), 'utf8');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas/labhost.schema.json'), 'utf8')));
  const valid = validate(JSON.parse(text));
  assert.ok(valid, JSON.stringify(validate.errors));
  const raw = JSON.parse(text) as { volumes: Array<{ id: string; attachment_complete_error?: string }> };
  const words = raw.volumes[0]!.attachment_complete_error!;
  delete raw.volumes[0]!.attachment_complete_error;
  // the compiled lab-host validator learns attachment_complete_error at the next build: set on the loaded lab host
  const l = lab('iscsi', (x) => { Object.assign(x, raw); delete x.$schema; });
  l.volumes[0]!.attachment_complete_error = words;
  const r = attach(l, raw.volumes[0]!.id);
  inOrder(r, [COMPLETE_FAILED, HANDLER, GUEST_DETACH, DISCONNECT, DELETED, IGNORED, NOTIFY_ERROR, DESTROYED, CLASS_FAULT]);
  assert.equal(r.volumeStatus, 'available');
});

// ---- the zone a boot volume is created in (spec b.1) ------------------------------------------

const blank: NovaBdm = { entry: 0, source_type: 'blank', destination_type: 'volume', guest_format: null, boot_index: -1, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: null, no_device: false, delete_on_termination: true, volume_type: null, tag: null };
for (const [rel, crossAz, expected] of [['33.0.0', true, null], ['33.0.0', false, 'az-2'], ['13.0.0', false, 'az-2'], ['13.0.0', true, null], ['12.0.0', true, 'az-2'], ['2015.1.0', true, 'az-2'], ['2014.2.4', false, null]] as const) {
  test(`Nova ${rel}, cross_az_attach ${String(crossAz)}: the blank boot volume is created with availability_zone ${String(expected)} (nova/virt/block_device.py: none in 2014.2, the instance's in 2015.1/12.x, _get_volume_create_az_value from 13.0.0)`, () => {
    const l = lab('iscsi', (raw) => {
      raw.profile = profileOf(rel);
      raw.host.nova_release = rel;
      raw.host.nova_conf = { ...(raw.host.nova_conf ?? {}), cross_az_attach: crossAz };
      raw.instances[0].availability_zone = 'az-2';
    });
    const r = simulateBoot(l, [blank], { instanceUuid: l.instances[0]!.uuid, hashes });
    const create = texts(r).find((x) => /-X POST .*\/volumes -H/.test(x))!;
    assert.ok(create.includes(`"availability_zone":${JSON.stringify(expected)}`), create);
  });
}

// ---- _call_wait_func's delete (spec b.2) -------------------------------------------------------

const imageRoot = (l: LabHost): NovaBdm => ({ entry: 0, source_type: 'image', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: l.images[0]!.id, no_device: false, delete_on_termination: true, volume_type: null, tag: null });
const stuck = (rel: string): LabHost => lab('iscsi', (raw) => {
  raw.profile = profileOf(rel);
  raw.host.nova_release = rel;
  raw.host.nova_conf = { ...(raw.host.nova_conf ?? {}), block_device_allocate_retries: 2 };
  raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'downloading', after_s: 1 }];
});

for (const rel of ['33.0.0', '12.0.0']) {
  test(`Nova ${rel}, a boot volume stuck downloading: _call_wait_func's DELETE is refused (400) and only logged in nova/volume/cinder.py delete's words (InvalidInput around cinderclient's str()); the volume stays downloading`, () => {
    const l = stuck(rel);
    const r = simulateBoot(l, [imageRoot(l)], { instanceUuid: UUID, hashes });
    inOrder(r, [/-X DELETE .*\/volumes\//, /^RESP: \[400\] volume .* is downloading/, /^WARNING Failed to delete volume: [0-9a-f-]+ due to Invalid input received: Invalid volume: Volume status must be .* \(HTTP 400\) \(Request-ID: req-[0-9a-f-]+\)$/]);
    assert.equal(r.volumes[0]!.volumeStatus, 'downloading');
  });
}

test('Nova 2015.1.4 (kilo_prefix), a boot volume stuck downloading: no _call_wait_func, no DELETE (the volume is left)', () => {
  const l = stuck('2015.1.4');
  const r = simulateBoot(l, [imageRoot(l)], { instanceUuid: UUID, hashes });
  assert.equal(has(r, /-X DELETE .*\/volumes\//), false, texts(r).join('\n'));
  assert.ok(has(r, /not deleted: 2014\.2\/2015\.1 have no _call_wait_func/));
});
