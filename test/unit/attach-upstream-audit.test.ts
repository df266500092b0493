/**
 * Discrepancies found by auditing the attach engine against upstream source, one test each
 * (each fails on the engine's behaviour before the fix). Upstream references name the
 * function that shows the fact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, ISCSI_VOL, lab, texts, WEB } from '../fixtures/attach/helpers';
import { World } from '../../server/src/attach/engine/world';
import { Run } from '../../server/src/attach/engine/run';
import { beginDetaching } from '../../server/src/attach/services/cinder';
import { resolveVolumeBackend } from '../../server/src/attach/backends/registry';
import { nodeHashes } from '../../server/src/host';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import type { NovaBdm } from '../../server/src/nova/types';

const FC_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e23';
const OTHER = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02';

// nova/volume/cinder.py API.attachment_update: the LOG.error sits inside the @retrying.retry
// call, so each attempt logs it, with str(ClientException) = "<msg> (HTTP <code>) (Request-ID: …)".
test('attachment_update 500 on modern: one ERROR "Update attachment failed" per attempt, with the client tail', () => {
  const l = lab('fc', (raw) => { raw.host.fc_hbas = []; });
  const r = attach(l, FC_VOL);
  const lines = texts(r).filter((t) => t.startsWith('ERROR Update attachment failed for attachment '));
  assert.equal(lines.length, 5);
  for (const line of lines) {
    assert.match(line, /Error: Unable to update attachment \(Bad or unexpected response from the storage volume backend API: Driver initialize connection failed \(error: 'wwpns'\)\.\)\. \(HTTP 500\) \(Request-ID: req-[0-9a-f-]+\) Code: 500$/);
  }
  // each ERROR follows its own PUT
  const puts = r.steps.map((s, i) => (s.text.startsWith('REQ: curl -g -i -X PUT') ? i : -1)).filter((i) => i >= 0);
  const errs = r.steps.map((s, i) => (s.text.startsWith('ERROR Update attachment failed') ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < 5; k++) assert.ok(puts[k]! < errs[k]! && (k === 4 || errs[k]! < puts[k + 1]!));
});

test('attachment_update 400: the ERROR keeps Cinder\'s message and the (HTTP 400) (Request-ID) tail', () => {
  const l = lab('iscsi', (raw) => { raw.host.initiator = null; });
  const r = attach(l, ISCSI_VOL);
  assert.ok(has(r, /^ERROR Update attachment failed for attachment [0-9a-f-]+\. Error: Invalid input received: Connector doesn't have required information: initiator \(HTTP 400\) \(Request-ID: req-[0-9a-f-]+\) Code: 400$/));
});

// cinder/db/api.py volume_detached / _get_statuses_from_attachments: the first remaining
// attachment status (attached > attaching > detaching > reserved) is the volume's attach_status.
test('failed multiattach attach beside a detaching attachment: volume detaching / attach_status detaching', () => {
  const l = lab('iscsi', (raw) => {
    raw.microversion = '2.79';
    raw.volumes[0].multiattach = true;
    raw.volumes[0].status = 'in-use';
    raw.volumes[0].attach_status = 'attached';
    raw.volumes[0].attachments = [{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e01', instance_uuid: OTHER, attach_status: 'detaching', host: 'compute-1', mountpoint: '/dev/vdb' }];
    raw.instances[0].attach_device_error = 'internal error: unable to execute QEMU command';
  });
  const r = attach(l, ISCSI_VOL, {}, WEB);
  assert.equal(r.attachOutcome, 'failed');
  assert.equal(r.volumeStatus, 'detaching');
  assert.equal(r.attachStatus, 'detaching');
});

// cinder/volume/api.py begin_detaching: a conditional update of the volume's status only.
test('begin_detaching moves the volume to detaching and leaves the attachment rows alone', () => {
  const l = lab('iscsi', (raw) => {
    raw.volumes[0].status = 'in-use';
    raw.volumes[0].attach_status = 'attached';
    raw.volumes[0].attachments = [{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e01', instance_uuid: WEB, attach_status: 'attached', host: 'compute-1', mountpoint: '/dev/vdb' }];
  });
  const w = new World(l, 'modern', '2.79', resolveVolumeBackend, nodeHashes);
  const run = new Run(w, 'detach');
  const vol = w.volumes.get(ISCSI_VOL)!;
  w.sched.spawn('t', beginDetaching(run, vol), undefined, 0);
  w.sched.run();
  assert.equal(vol.status, 'detaching');
  assert.equal(vol.attach_status, 'attached');
  assert.deepEqual(vol.attachments.map((a) => a.attach_status), ['attached']);
});

// keep the imports used when tests are added below
void idx;

// nova/api/openstack/wsgi.py Fault: the body key follows the status (409 conflictingRequest).
test('locked instance: the 409 body key is conflictingRequest, not badRequest', () => {
  const r = attach(lab('iscsi', (raw) => { raw.instances[0].locked = true; }), ISCSI_VOL);
  assert.equal(r.apiStatus, 409);
  assert.ok(has(r, /^HTTP 409 \{"conflictingRequest":\{"code":409,"message":"Instance a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01 is locked"\}\}$/));
});

// nova/compute/api.py _attach_volume_shelved_offloaded + compute/utils.py
// check_attach_and_reserve_volume (validate_az=True): AZ check, Cinder's 400 as InvalidInput,
// and the BDM destroyed on any failure.
test('shelved_offloaded: cross_az_attach=false checks the zones, and a refusal destroys the BDM', () => {
  const az = attach(lab('iscsi', (raw) => {
    raw.host.nova_conf = { cross_az_attach: false };
    raw.instances[0].vm_state = 'shelved_offloaded';
    raw.instances[0].availability_zone = 'az-2';
  }), ISCSI_VOL, {}, WEB);
  assert.equal(az.apiStatus, 400);
  assert.match(az.error!, /^Invalid volume: Instance .* and volume .* are not in the same availability_zone/);
  assert.equal(az.bdm, null);
  assert.ok(has(az, /BDM \d+ destroyed/));
  const err = attach(lab('iscsi', (raw) => {
    raw.instances[0].vm_state = 'shelved_offloaded';
    raw.volumes[0].status = 'error';
  }), ISCSI_VOL, {}, WEB);
  assert.equal(err.apiStatus, 400);
  assert.match(err.error!, /^Invalid input received: Invalid volume: Volume attachments can not be created if the volume is in an error state\..* \(HTTP 400\) \(Request-ID: req-/);
  assert.equal(err.bdm, null);
});

/** the lab host's volume in use by another instance (web-2), attached there as /dev/vdb */
function inUseByOther(raw: Parameters<Parameters<typeof lab>[1] & object>[0]): void {
  raw.instances.push({ uuid: OTHER, name: 'web-2' });
  raw.volumes[0].status = 'in-use';
  raw.volumes[0].attach_status = 'attached';
  raw.volumes[0].attachments = [{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e01', instance_uuid: OTHER, attach_status: 'attached', host: 'compute-1', mountpoint: '/dev/vdb' }];
}

// nova 15.0.0 nova/compute/api.py _attach_volume / _check_attach_and_reserve_volume: the
// device name is reserved first, then the volume is read and os-reserve'd; no Nova-BDM check.
test('ocata_legacy: reserve_block_device_name before GET volume, and an in-use volume fails at os-reserve', () => {
  const ok = attach(lab('iscsi'), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.ok(idx(ok, /reserve_block_device_name ->/) < idx(ok, /-X GET .*\/volumes\/0b6c1e35/));
  const l = lab('iscsi', inUseByOther);
  const r = attach(l, ISCSI_VOL, { profile: 'ocata_legacy' }, WEB);
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /^Invalid input received: Invalid volume: Volume status must be available to reserve, but the status is in-use\. \(HTTP 400\)/);
  assert.ok(has(r, '"os-reserve"'));
  assert.ok(!has(r, /already attached to instances/));
});

// nova 2014.2.3 nova/volume/cinder.py check_attach (before os-reserve, removed in Ocata).
test('kilo_prefix: check_attach refuses a volume that is not available with its own words', () => {
  const l = lab('iscsi', inUseByOther);
  const r = attach(l, ISCSI_VOL, { profile: 'kilo_prefix' }, WEB);
  assert.equal(r.apiStatus, 400);
  assert.equal(r.error, "Invalid volume: status must be 'available'");
  assert.ok(!has(r, '"os-reserve"'));
  assert.equal(r.bdm, null);
});

function bootBdm(p: Partial<NovaBdm>): NovaBdm {
  return { entry: 0, source_type: 'image', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: 'dbbec6ed-017e-45b0-845d-45c73c718ac6', no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}

// nova/virt/block_device.py _call_wait_func: VolumeNotCreated (an error status too) deletes a
// delete_on_termination volume before re-raising.
test('boot: a volume created in error is deleted when delete_on_termination', () => {
  const l = lab('iscsi', (raw) => { raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 4 }]; });
  const r = simulateBoot(l, [bootBdm({})], { hashes: nodeHashes });
  assert.equal(r.outcome, 'error');
  const warn = r.steps.findIndex((s) => /finished being created but its status is error\./.test(s.text));
  const del = r.steps.findIndex((s) => /REQ: curl -g -i -X DELETE .*\/volumes\//.test(s.text));
  assert.ok(warn >= 0 && del > warn);
  const keep = simulateBoot(l, [bootBdm({ delete_on_termination: false })], { hashes: nodeHashes });
  assert.ok(!keep.steps.some((s) => /-X DELETE .*\/volumes\//.test(s.text)));
});

// nova/virt/block_device.py convert_all_volumes (volume, snapshot, image, blank) is the order of
// attach_block_devices and of spawn's _get_guest_storage_config, whatever the boot index;
// the boot volume still gets virtio-scsi unit 0.
test('boot: an existing volume is attached and connected before the image-backed root', () => {
  const r = simulateBoot(lab('iscsi'), [
    bootBdm({ entry: 0, disk_bus: 'scsi' }),
    bootBdm({ entry: 1, source_type: 'volume', uuid: ISCSI_VOL, boot_index: 1, disk_bus: 'scsi' }),
  ], { hashes: nodeHashes });
  assert.equal(r.outcome, 'active');
  const vol = r.steps.findIndex((s) => s.text === `INFO Booting with volume ${ISCSI_VOL} at /dev/sdb`);
  const img = r.steps.findIndex((s) => s.text.startsWith('INFO Booting with volume-backed-image'));
  assert.ok(vol >= 0 && img > vol, `${vol} ${img}`);
  const byId = new Map(r.volumes.map((v) => [v.sourceType, v]));
  assert.match(byId.get('image')!.xml!, /unit="0"/);
  assert.match(byId.get('volume')!.xml!, /unit="1"/);
  // spawn connects the existing volume first too
  const firstConnect = r.steps.findIndex((s) => s.text.startsWith('INFO Trying to connect to iSCSI portal'));
  assert.ok(r.steps.slice(firstConnect).some((s) => s.text.includes(`iqn.2010-10.org.openstack:volume-${ISCSI_VOL}`)));
  assert.ok(r.steps.slice(firstConnect, firstConnect + 3).some((s) => s.text.includes(ISCSI_VOL)));
});

// os_brick iscsi.py _connect_vol: the scan that ends the loop (num_rescans past rescans) is
// still sent: with manual scan and 5 tries, scans at +0, 4, 13, 29, 54, 90 and 139 s.
test('iSCSI LUN never shows: the last rescan at +139 s is in the timeline', () => {
  const r = attach(lab('iscsi'), '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02');
  const scans = texts(r).filter((t) => /^scan: echo '0 0 1' > .*\(rescan \d+, \+\d+ s\)$/.test(t));
  assert.deepEqual(scans.slice(0, 6).map((t) => /\+(\d+) s\)$/.exec(t)![1]), ['4', '13', '29', '54', '90', '139']);
  const first139 = r.steps.find((s) => s.text.endsWith('+139 s)'))!;
  const warn = r.steps.find((s) => s.text.startsWith('WARNING LUN 1 on iSCSI portal'))!;
  assert.equal(first139.at, warn.at);
});

// os_brick iscsi.py _connect_to_iscsi_portal_unsafe: "Trying to connect", the node record, the
// scan mode and CHAP come before `iscsiadm -m session` finds an existing session.
test('iSCSI multipath retry: an existing session is found after the usual node/CHAP commands, without a new login', () => {
  const l = lab('iscsi-multipath', (raw) => { raw.volumes[0].lun_visible = false; });
  const r = attach(l, l.volumes[0]!.id);
  assert.equal(r.attachOutcome, 'failed');
  const tries = texts(r).filter((t) => t === 'INFO Trying to connect to iSCSI portal 10.0.0.5:3260').length;
  const logins = texts(r).filter((t) => /-p 10\.0\.0\.5:3260 --login$/.test(t)).length;
  assert.equal(tries, 3);
  assert.equal(logins, 1);
  const reuse = idx(r, /session \[\d+\] 10\.0\.0\.5,3260,1 .* exists: no new login/);
  const secondTry = r.steps.findIndex((s, i) => i > idx(r, 'INFO Trying to connect to iSCSI portal 10.0.0.5:3260') && s.text === 'INFO Trying to connect to iSCSI portal 10.0.0.5:3260');
  assert.ok(secondTry < reuse);
});

// nova 2014.2.3 nova/virt/libvirt/driver.py get_volume_connector: Nova's own connector before
// os-brick: ip, host, initiator; no multipathd check (iscsi_use_multipath as configured).
test('kilo_prefix: the connector is Nova\'s own (ip, host, initiator), and multipathd down does not fail it', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'kilo_prefix' });
  assert.equal(r.attachOutcome, 'attached');
  const ci = r.connectionInfo as { connector: Record<string, unknown> };
  assert.deepEqual(Object.keys(ci.connector), ['ip', 'host', 'initiator']);
  assert.ok(!has(r, /==> get_connector_properties/));
  const down = attach(lab('iscsi-multipath', (raw) => { raw.host.multipathd_running = false; }), '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11', { profile: 'kilo_prefix' });
  assert.ok(!has(down, /multipathd show status/));
  assert.ok(!has(down, /ProcessExecutionError/));
});

// os_brick connector.py get_connector_properties -> ISCSIConnector.get_initiator: the WARNING
// is logged during the call, before @utils.trace's return line.
test('missing initiator: the WARNING comes before "<== get_connector_properties: return"', () => {
  const r = attach(lab('iscsi', (raw) => { raw.host.initiator = null; }), ISCSI_VOL);
  assert.ok(idx(r, 'WARNING Could not find the iSCSI Initiator File') < idx(r, /<== get_connector_properties: return/));
});

// nova/virt/block_device.py detach (_get_volume for guard_connection) and driver_detach
// (INFO "Attempting to driver detach volume"); driver.py _disconnect_volume runs
// _detach_encryptor before the volume driver's disconnect.
test('detach: the volume is read, driver_detach is logged, and an encrypted volume loses its secret before the host disconnect', () => {
  const l = lab('iscsi', (raw) => { raw.volumes[0].encrypted = true; });
  const r = attach(l, ISCSI_VOL, { race: { afterInUseS: 5 } });
  assert.equal(r.outcome, 'detached');
  const del = idx(r, /^DELETE \/v2\.1\/servers\//);
  const get = r.steps.findIndex((s, i) => i > del && /-X GET .*\/volumes\/0b6c1e35[^/]* -H "OpenStack-API-Version: volume 3\.69"/.test(s.text));
  const attempt = idx(r, `INFO Attempting to driver detach volume ${ISCSI_VOL} from mountpoint /dev/vdb`);
  assert.ok(del < get && get < attempt, `${del} ${get} ${attempt}`);
  assert.ok(idx(r, /libvirt secret .* deleted/) < r.steps.findIndex((s, i) => i > attempt && s.text.startsWith('disconnect_volume:')));
});
