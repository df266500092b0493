/** Successful attaches per backend and per profile (attach-flow.md j, e.4-e.9, f). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, ISCSI_VOL, lab, stepAt, WEB } from '../fixtures/attach/helpers';

test('iscsi single path, modern: the canonical 4.4 s timeline of spec j', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.equal(r.apiStatus, 200);
  assert.equal(r.error, null);
  assert.deepEqual(r.statusSequence, ['available', 'reserved', 'attaching', 'in-use']);
  assert.equal(r.volumeStatus, 'in-use');
  assert.equal(r.attachStatus, 'attached');
  assert.equal(r.deviceName, '/dev/vdb');
  assert.equal(r.sourcePath, '/dev/sdb');
  assert.equal(r.libvirtFlags, 3);
  assert.equal(r.durationS, 4.4);
  assert.equal(stepAt(r, 'HTTP 200'), 0.4);
  assert.equal(stepAt(r, `INFO Attaching volume ${ISCSI_VOL} to /dev/vdb`), 0.45);
  assert.equal(stepAt(r, 'attachment_update completed successfully.'), 2.25);
  assert.equal(stepAt(r, 'Trying to connect to iSCSI portal 10.0.0.5:3260'), 2.3);
  assert.equal(stepAt(r, /Connected to sdb using/), 3.8);
  assert.equal(stepAt(r, 'virDomainAttachDeviceFlags(flags=3'), 3.8);
  assert.ok(idx(r, 'connection_info saved (before attachment_complete)') < idx(r, 'os-complete'));
  assert.match(r.xml!, /<alias name="ua-0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01"\/>/);
  assert.match(r.xml!, /<source dev="\/dev\/sdb"\/>/);
  const data = (r.connectionInfo as any).data;
  assert.equal(data.target_lun, 1);
  assert.equal(data.enforce_multipath, true);
  assert.equal(data.device_path, '/dev/sdb');
  assert.equal(data.auth_password, '***');
  assert.equal(r.bdm!.attachment_id !== null, true);
  assert.equal(r.bdm!.device_name, '/dev/vdb');
  assert.equal(r.bdm!.volume_size, 10);
});

test('iscsi multipath, both portals up: parallel logins, dm-0 with multipath -C', () => {
  const r = attach(lab('iscsi-multipath'), '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11');
  assert.equal(r.outcome, 'attached');
  assert.equal(r.sourcePath, '/dev/dm-0');
  assert.ok(has(r, 'multipath -C dm-0'));
  const d = (r.connectionInfo as any).data;
  assert.deepEqual(d.target_portals, ['10.0.0.5:3260', '10.0.1.5:3260']);
  assert.deepEqual(d.target_luns, [1, 1]);
  assert.ok(r.durationS < 10);
});

test('iscsi multipath with one dead portal: degraded success after the 120 s login timeout', () => {
  const r = attach(lab('iscsi-multipath'), '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e12');
  assert.equal(r.outcome, 'attached');
  assert.equal(r.sourcePath, '/dev/dm-0');
  assert.ok(has(r, /Failed to login iSCSI target .* on portal 10\.0\.1\.5:3260 \(exit code 8\)/));
  assert.ok(has(r, /connect_volume: return \(120050ms\)/));
  assert.ok(r.durationS > 120 && r.durationS < 125, String(r.durationS));
});

test('fibre channel with multipath: dm-uuid-mpath path and multipath_id copied by Nova', () => {
  const r = attach(lab('fc'), '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21');
  assert.equal(r.outcome, 'attached');
  assert.equal(r.sourcePath, '/dev/disk/by-id/dm-uuid-mpath-360060e801049cfd1000000000000a001');
  const d = (r.connectionInfo as any).data;
  assert.equal(d.multipath_id, '360060e801049cfd1000000000000a001');
  assert.deepEqual(d.target_wwn, ['50060e801049cfd1', '50060e801049cfd2']);
  assert.deepEqual(Object.keys(d.initiator_target_map), ['21000024ff3a5c10']);
  assert.ok(has(r, /Checking to see if \/dev\/disk\/by-id\/dm-uuid-mpath-.* exists yet/));
  assert.match(r.xml!, /io="native"/);
});

test('rbd: no host step, network disk with monitors and cephx auth, no keyring on modern', () => {
  const r = attach(lab('rbd'), '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31');
  assert.equal(r.outcome, 'attached');
  assert.equal(r.sourcePath, 'volumes/volume-7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31');
  assert.ok(has(r, 'no host-side step for rbd'));
  assert.ok(!has(r, 'Calling os-brick'));
  assert.match(r.xml!, /<source protocol="rbd" name="volumes\/volume-7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31">/);
  assert.match(r.xml!, /<secret type="ceph" uuid="457eb676-33da-42ec-9a8c-9293d545c337"\/>/);
  assert.match(r.xml!, /discard="unmap"/);
  const d = (r.connectionInfo as any).data;
  assert.equal('keyring' in d, false);
  assert.deepEqual(d.ports, ['6789', '6789', '6789']);
  assert.equal(r.durationS, 1.85);
});

test('nfs: md5-named mount point, file disk, mount_point_base flattened into data', () => {
  const r = attach(lab('nfs'), '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c42');
  assert.equal(r.outcome, 'attached');
  assert.match(r.sourcePath!, /^\/var\/lib\/nova\/mnt\/[0-9a-f]{32}\/volume-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c42$/);
  assert.ok(has(r, /^mount -t nfs -o vers=4\.1,nconnect=4 192\.168\.1\.50:\/srv\/nfs\/cinder /));
  assert.match(r.xml!, /<disk type="file" device="disk">/);
  assert.match(r.xml!, /type="qcow2"/);
  const d = (r.connectionInfo as any).data;
  assert.equal(d.mount_point_base, '/var/lib/cinder/mnt');
  assert.deepEqual(Object.keys(d).slice(-3), ['mount_point_base', 'enforce_multipath', 'device_path']);
});

test('stopped instance: attachDeviceFlags 2 (config only)', () => {
  const r = attach(lab('default'), ISCSI_VOL, {}, 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e03');
  assert.equal(r.outcome, 'attached');
  assert.equal(r.libvirtFlags, 2);
  assert.ok(has(r, 'flags=2: VIR_DOMAIN_AFFECT_CONFIG)'));
});

test('device name: next free letter, a requested name ignored', () => {
  const r = attach(lab('default'), '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c05', { microversion: '2.60' }, 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02', { device: '/dev/vdz' });
  assert.equal(r.deviceName, '/dev/vdc');
  assert.ok(has(r, 'INFO Ignoring supplied device name: /dev/vdz'));
});

test('scsi image bus: sd names and a drive address unit', () => {
  const l = lab('iscsi', (raw) => {
    raw.instances[0].image_hw_disk_bus = 'scsi';
    raw.instances[0].existing_devices = ['sda'];
  });
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.deviceName, '/dev/sdb');
  assert.match(r.xml!, /<target dev="sdb" bus="scsi"\/>/);
  assert.match(r.xml!, /<address type="drive" controller="0" unit="1"\/>/);
});

test('profile queens_to_2024_2: no alias, no enforce_multipath, volume read at 3.48', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'queens_to_2024_2' });
  assert.equal(r.outcome, 'attached');
  assert.doesNotMatch(r.xml!, /alias/);
  assert.equal('enforce_multipath' in (r.connectionInfo as any).data, false);
  assert.ok(has(r, '"OpenStack-API-Version: volume 3.48"'));
  assert.equal(r.durationS, 4.35);
});

test('profile ocata_legacy: os-reserve / os-initialize_connection / os-attach and a by-path device', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.equal(r.outcome, 'attached');
  assert.deepEqual(r.statusSequence, ['available', 'attaching', 'in-use']);
  assert.equal(r.sourcePath, `/dev/disk/by-path/ip-10.0.0.5:3260-iscsi-iqn.2010-10.org.openstack:volume-${ISCSI_VOL}-lun-1`);
  assert.ok(has(r, '"os-reserve"'));
  assert.ok(has(r, '"os-initialize_connection"'));
  assert.ok(has(r, 'Try number: 0.'));
  assert.ok(idx(r, 'connection_info saved (before os-attach)') < idx(r, '"os-attach"'));
  const ci = r.connectionInfo as any;
  assert.equal(ci.connector.os_type, 'linux2');
  assert.equal(ci.serial, ISCSI_VOL);
  assert.equal(r.bdm!.attachment_id, null);
});

test('profile kilo_prefix: the BDM is saved only after os-attach', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'kilo_prefix' });
  assert.equal(r.outcome, 'attached');
  assert.ok(idx(r, '"os-attach"') < idx(r, 'connection_info saved (after os-attach)'));
  assert.ok(!has(r, 'Calling os-brick'));
});

test('seed: Newton EMC multipath with a dead portal falls back to by-path after 254.5 s', () => {
  const r = attach(lab('newton-emc-multipath'), 'e8f58c95-3f8a-40dc-861d-163ce68fcdaf');
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, /connect_volume: return \(254500ms\)/));
  assert.equal(r.sourcePath, '/dev/disk/by-path/ip-192.168.1.60:3260-iscsi-iqn.1992-04.com.emc:cx.apm00150602415.b0-lun-192');
  assert.equal(r.steps.filter((s) => /Failed to login iSCSI target iqn\.1992-04\.com\.emc:cx\.apm00150602415\.a0 on portal 192\.168\.1\.59:3260 \(exit code 8\)/.test(s.text)).length, 2);
  assert.ok(has(r, "couldn't find a valid multipath device path for 36006016074e03a008d3cf25b04e2daae"));
  assert.ok(has(r, 'Unable to find multipath device name for volume.'));
  assert.equal((r.connectionInfo as any).data.target_lun, 192);
  assert.equal('multipath_id' in (r.connectionInfo as any).data, false);
});

test('shelved_offloaded: attached in nova-api without a host, device null', () => {
  const l = lab('iscsi', (raw) => {
    raw.instances[0].vm_state = 'shelved_offloaded';
    raw.instances[0].power_state = 'shutdown';
  });
  const r = attach(l, ISCSI_VOL, { microversion: '2.20' });
  assert.equal(r.outcome, 'attached');
  assert.equal(r.deviceName, null);
  assert.equal(r.xml, null);
  assert.deepEqual(r.statusSequence, ['available', 'reserved', 'in-use']);
});

test('multiattach second attach: in-use -> reserved -> attaching -> in-use, shareable disk', () => {
  const l = lab('rbd', (raw) => {
    raw.volumes[1].status = 'in-use';
    raw.volumes[1].attach_status = 'attached';
    raw.volumes[1].attachments = [{ id: 'att-1', instance_uuid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02', attach_status: 'attached', mountpoint: '/dev/vdb' }];
  });
  const r = attach(l, '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e32', { microversion: '2.60' }, WEB);
  assert.equal(r.outcome, 'attached');
  assert.deepEqual(r.statusSequence, ['in-use', 'reserved', 'attaching', 'in-use']);
  assert.match(r.xml!, /<shareable\/>/);
  assert.equal((r.connectionInfo as any).multiattach, true);
});
