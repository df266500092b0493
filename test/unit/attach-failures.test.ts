/** Each failure mode: where it fails, what the client sees, and how the volume is rolled back. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, ISCSI_VOL, lab, WEB } from '../fixtures/attach/helpers';

const LUN_NEVER = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02';

test('single unreachable portal: 3 x 120 s logins plus 1 s + 2 s waits, then rollback to available', () => {
  const l = lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
  });
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.outcome, 'failed');
  assert.equal(r.apiStatus, 200); // the client already had its 200
  assert.equal(r.error, 'VolumeDeviceNotFound: Volume device not found at .');
  assert.deepEqual(r.statusSequence, ['available', 'reserved', 'attaching', 'available']);
  assert.ok(has(r, /connect_volume: exception \(363050ms\)/));
  assert.ok(has(r, /WARNING Attachment .* does not exist\. Ignoring\./));
  assert.equal(r.deviceName, null);
  assert.equal(r.bdm, null);
  assert.equal(r.durationS, 366.4);
});

test('portal that refuses fails fast (exit 4)', () => {
  const l = lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
  });
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.outcome, 'failed');
  assert.ok(has(r, '(exit code 4)'));
  assert.ok(r.durationS < 10);
});

test('LUN never shows: scans at 0,4,13,29,54,90 and give-up at 139 s, three attempts (~420 s)', () => {
  const r = attach(lab('iscsi'), LUN_NEVER);
  assert.equal(r.outcome, 'failed');
  assert.equal(r.steps.filter((s) => s.text.includes('not found on sysfs after logging in')).length, 3);
  assert.ok(has(r, /rescan 5, \+90 s/));
  assert.ok(r.durationS > 415 && r.durationS < 430, String(r.durationS));
});

test('missing initiator, modern: 400 InvalidInput, volume back to available', () => {
  const l = lab('iscsi', (raw) => {
    raw.host.initiator = null;
  });
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.outcome, 'failed');
  assert.match(r.error!, /^InvalidInput: Invalid input received: Invalid input received: Connector doesn't have required information: initiator \(HTTP 400\)/);
  assert.ok(has(r, 'The volume driver requires the iSCSI initiator name in the connector.'));
  assert.ok(has(r, 'Could not find the iSCSI Initiator File /etc/iscsi/initiatorname.iscsi'));
  assert.deepEqual(r.statusSequence, ['available', 'reserved', 'available']);
});

test('missing initiator, queens_to_2024_2: Cinder <= 26 answers 500 "Unable to update attachment.("', () => {
  const l = lab('iscsi', (raw) => {
    raw.host.initiator = null;
  });
  const r = attach(l, ISCSI_VOL, { profile: 'queens_to_2024_2' });
  assert.match(r.error!, /Unable to update attachment\.\(Invalid input received: Connector doesn't have required information: initiator\)\. \(HTTP 500\)/);
  assert.equal(r.steps.filter((s) => s.text.startsWith('REQ: curl -g -i -X PUT')).length, 1);
});

test('FC driver without validate_connector and no HBA: KeyError -> 500, retried 5 times on modern', () => {
  const l = lab('fc', (raw) => {
    raw.host.fc_hbas = [];
  });
  const r = attach(l, '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e23');
  assert.equal(r.outcome, 'failed');
  assert.match(r.error!, /Unable to update attachment \(Bad or unexpected response from the storage volume backend API: Driver initialize connection failed \(error: 'wwpns'\)\.\)\. \(HTTP 500\)/);
  assert.equal(r.steps.filter((s) => s.text.startsWith('REQ: curl -g -i -X PUT')).length, 5);
});

test('FC driver that validates, no online HBA: 400 missing wwpns', () => {
  const l = lab('fc', (raw) => {
    raw.host.fc_hbas[0].port_state = 'Linkdown';
  });
  const r = attach(l, '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21');
  assert.match(r.error!, /Connector doesn't have required information: wwpns/);
  assert.ok(has(r, "FibreChannelDriver validate_connector failed. No 'wwpns'. Make sure HBA state is Online."));
});

test('FC LUN never shows: 2 s ticks, failure at 10 s, no outer retry', () => {
  const r = attach(lab('fc'), '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e22');
  assert.equal(r.error, 'NoFibreChannelVolumeDeviceFound: Unable to find a Fibre Channel volume device.');
  assert.equal(r.steps.filter((s) => s.text.includes('Fibre Channel volume device not yet found')).length, 5);
});

test('multipathd down with multipath on: modern fails in connect_volume, queens in the connector', () => {
  const tweak = (raw: any) => {
    raw.host.multipathd_running = false;
  };
  const m = attach(lab('iscsi-multipath', tweak), '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11');
  assert.equal(m.error, "BrickException: Multipathing is enforced but the host doesn't support multipathing.");
  assert.deepEqual(m.statusSequence, ['available', 'reserved', 'attaching', 'available']);
  const q = attach(lab('iscsi-multipath', tweak), '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11', { profile: 'queens_to_2024_2' });
  assert.match(q.error!, /^ProcessExecutionError: Unexpected error while running command\.\nCommand: multipathd show status/);
  assert.ok(has(q, 'multipathd is not running: exit code 1'));
  assert.deepEqual(q.statusSequence, ['available', 'reserved', 'available']);
});

test('locked instance: 409 before anything reaches Cinder', () => {
  const r = attach(lab('default'), ISCSI_VOL, {}, 'd4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f04');
  assert.equal(r.apiStatus, 409);
  assert.equal(r.error, 'Instance d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f04 is locked');
  assert.deepEqual(r.statusSequence, ['available']);
  assert.equal(r.durationS, 0);
});

test('instance in error / with a task_state: 409 Cannot attach_volume', () => {
  const r = attach(lab('iscsi', (raw) => (raw.instances[0].vm_state = 'error')), ISCSI_VOL);
  assert.equal(r.apiStatus, 409);
  assert.equal(r.error, `Cannot 'attach_volume' instance ${WEB} while it is in vm_state error`);
  const t = attach(lab('iscsi', (raw) => (raw.instances[0].task_state = 'rebooting')), ISCSI_VOL);
  assert.equal(t.error, `Cannot 'attach_volume' instance ${WEB} while it is in task_state rebooting`);
});

test('device without /dev/: 400 from the schema', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, {}, WEB, { device: 'vdb' });
  assert.equal(r.apiStatus, 400);
  assert.equal(r.error, "Invalid input for field/attribute device. Value: vdb. 'vdb' does not match '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'");
});

test('tag below 2.49: additional property refused', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { microversion: '2.48' }, WEB, { tag: 'db' });
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /Additional properties are not allowed \('tag' was unexpected\)/);
});

test('volume already attached elsewhere: 400 from Nova BDMs (A5)', () => {
  const r = attach(lab('default'), '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06', {}, WEB);
  assert.equal(r.apiStatus, 400);
  assert.equal(r.error, 'Invalid volume: volume 5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06 is already attached to instances: b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02');
});

test('volume in-use without a Nova BDM: Cinder refuses the reservation, 400 Invalid input received', () => {
  const r = attach(lab('iscsi', (raw) => (raw.volumes[0].status = 'in-use')), ISCSI_VOL);
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /^Invalid input received: Invalid volume: Volume 0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01 status must be available or downloading to reserve, but the current status is in-use\. \(HTTP 400\) \(Request-ID: req-[0-9a-f-]+\)$/);
  const legacy = attach(lab('iscsi', (raw) => (raw.volumes[0].status = 'in-use')), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.match(legacy.error!, /Invalid volume: Volume status must be available to reserve, but the status is in-use\. \(HTTP 400\)/);
});

test('volume in error: attachment create refused with the trailing space message', () => {
  const r = attach(lab('iscsi', (raw) => (raw.volumes[0].status = 'error')), ISCSI_VOL);
  assert.match(r.error!, /currently has a status of: error  \(HTTP 400\)/);
});

test('multiattach volume below 2.60: 400', () => {
  const r = attach(lab('default'), '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c05', { microversion: '2.59' }, WEB);
  assert.equal(r.apiStatus, 400);
  assert.equal(r.error, 'Multiattach volumes are only supported starting with compute API version 2.60.');
});

test('max_disk_devices_to_attach reached: 403 TooManyDiskDevices', () => {
  const r = attach(lab('iscsi', (raw) => (raw.host.nova_conf = { max_disk_devices_to_attach: 1 })), ISCSI_VOL);
  assert.equal(r.apiStatus, 403);
  assert.equal(r.error, 'The maximum allowed number of disk devices (1) to attach to a single instance has been exceeded.');
});

test('cross_az_attach false and different zones: 400', () => {
  const r = attach(lab('iscsi', (raw) => {
    raw.host.nova_conf = { cross_az_attach: false };
    raw.volumes[0].availability_zone = 'az2';
  }), ISCSI_VOL);
  assert.equal(r.apiStatus, 400);
  assert.match(r.error!, /are not in the same availability_zone\. Instance is in nova\. Volume is in az2$/);
});

test('microversion 2.101: 202 even when the conductor part fails', () => {
  const r = attach(lab('iscsi', (raw) => (raw.host.nova_conf = { max_disk_devices_to_attach: 1 })), ISCSI_VOL, { microversion: '2.101' });
  assert.equal(r.apiStatus, 202);
  assert.equal(r.outcome, 'failed');
  assert.match(r.error!, /^TooManyDiskDevices: /);
});

test('libvirt attachDeviceFlags fails: os-brick disconnect, attachment deleted, volume available', () => {
  const r = attach(lab('iscsi', (raw) => (raw.instances[0].attach_device_error = "Bus 'pci.0' does not support hotplugging")), ISCSI_VOL);
  assert.equal(r.outcome, 'failed');
  assert.equal(r.error, "libvirtError: Bus 'pci.0' does not support hotplugging");
  assert.ok(has(r, 'Failed to attach volume at mountpoint: /dev/vdb'));
  assert.ok(has(r, /^disconnect_volume: flush and remove \/dev\/sdb/));
  assert.equal(r.volumeStatus, 'available');
});

test('nfs image in vmdk format: 400 from initialize_connection', () => {
  const r = attach(lab('nfs'), '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c43');
  assert.match(r.error!, /nfs volume must be a valid raw or qcow2 image\./);
  assert.equal(r.volumeStatus, 'available');
});

test('legacy flow failure: terminate_connection then unreserve', () => {
  const r = attach(lab('iscsi'), LUN_NEVER, { profile: 'ocata_legacy' });
  assert.equal(r.outcome, 'failed');
  assert.ok(has(r, '"os-terminate_connection"'));
  assert.ok(has(r, '"os-unreserve"'));
  assert.deepEqual(r.statusSequence, ['available', 'attaching', 'available']);
});
