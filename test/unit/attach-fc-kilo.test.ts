/**
 * Fibre Channel in the `kilo_prefix` profile: no os-brick yet, Nova's own libvirt driver does
 * the host work. Followed upstream: openstack/nova 2014.2.3 (Juno; Icehouse 2014.1.5 is the same
 * but for translation markers) nova/virt/libvirt/volume.py
 * `LibvirtFibreChannelVolumeDriver.connect_volume` / `disconnect_volume`,
 * nova/storage/linuxscsi.py `rescan_hosts`, `find_multipath_device`, `get_device_info`,
 * `remove_device`, and nova/virt/libvirt/utils.py `get_fc_hbas_info` (every HBA systool lists,
 * whatever its port state). Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, lab, stepAt, texts } from '../fixtures/attach/helpers';

const FC_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21';
const NEVER_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e22';
const WWN = '360060e801049cfd1000000000000a001';
const BY_PATH = '/dev/disk/by-path/pci-0000:05:00.2-fc-0x50060e801049cfd1-lun-1';
const KILO = { profile: 'kilo_prefix' as const };
const SECOND_HBA = { host: 6, pci: '0000:05:00.3', wwpn: '21000024ff3a5c11', wwnn: '20000024ff3a5c11', port_state: 'Offline' };

const data = (r: ReturnType<typeof attach>) => r.connectionInfo!.data as Record<string, unknown>;

test('Juno FC, no multipath map yet: "Looking for" each link, "Found … vdb (after 0 rescans)", one multipath -l, sg_scan, the by-path link and its one device', () => {
  const r = attach(lab('fc'), FC_VOL, KILO);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, `DEBUG Looking for Fibre Channel dev ${BY_PATH}`));
  // LibvirtFibreChannelVolumeDriver names the guest device, not the /dev/sdX
  assert.ok(has(r, 'DEBUG Found Fibre Channel volume vdb (after 0 rescans)'));
  assert.ok(has(r, /^multipath -l \/dev\/sdb: no output \(no map\)$/));
  assert.ok(has(r, 'sg_scan /dev/sdb: /dev/sdb: scsi5 channel=0 id=0 lun=1'));
  assert.equal(data(r).device_path, BY_PATH);
  assert.deepEqual(data(r).devices, [{ device: '/dev/sdb', host: '5', channel: '0', id: '0', lun: '1' }]);
  assert.equal(data(r).multipath_id, undefined);
  // none of os-brick's steps: no dd read, no WWN read, no initiator-target filter, no wait for the dm, no wait_for_rw
  for (const osBrickOnly of ['dd if=', 'scsi_id', 'Using initiator target map', 'Find Multipath device file', 'lsblk', 'Attached FC volume', 'connect_volume: call']) {
    assert.ok(!has(r, osBrickOnly), osBrickOnly);
  }
  assert.ok(!r.steps.some((s) => s.actor === 'os-brick'));
});

test('Juno FC with a map: /dev/mapper/<id>, multipath_id and the map\'s paths as devices, whatever [libvirt] multipath says', () => {
  for (const multipath of [true, false]) {
    const r = attach(lab('fc', (raw) => {
      raw.host.multipath_enabled = multipath;
      raw.host.fc_hbas.push({ ...SECOND_HBA, port_state: 'Online' });
      for (const v of raw.volumes) v.dm_uuid_link_appears_after_s = 0;
    }), FC_VOL, KILO);
    assert.equal(r.outcome, 'attached');
    assert.ok(has(r, `DEBUG Found multipath device = /dev/mapper/${WWN}`));
    assert.ok(has(r, `DEBUG Multipath device discovered /dev/mapper/${WWN}`));
    assert.equal(data(r).device_path, `/dev/mapper/${WWN}`);
    assert.equal(data(r).multipath_id, WWN);
    // two online HBAs x two zoned targets = four paths
    assert.deepEqual((data(r).devices as { device: string }[]).map((d) => d.device), ['/dev/sdb', '/dev/sdc', '/dev/sdd', '/dev/sde']);
    assert.ok(!has(r, 'sg_scan'));
    assert.match(r.xml ?? '', new RegExp(`<source dev="/dev/mapper/${WWN}"/>`));
  }
});

test('Juno FC, LUN never shows: WARNING per miss naming vdb, "- - -" into every HBA (an offline one too), NovaException "Fibre Channel device not found." after 5 tries at 2 s', () => {
  const r = attach(lab('fc', (raw) => { raw.host.fc_hbas.push(SECOND_HBA); }), NEVER_VOL, KILO);
  assert.equal(r.outcome, 'failed');
  assert.equal(r.error, 'NovaException: Fibre Channel device not found.');
  assert.equal(r.volumeStatus, 'available');
  const warns = r.steps.filter((s) => s.status === 'warn' && s.text.startsWith('WARNING Fibre volume not yet found at: vdb. Will rescan & retry.  Try number: '));
  assert.deepEqual(warns.map((s) => s.text.slice(-1)), ['0', '1', '2', '3', '4']);
  assert.equal(texts(r).filter((t) => t === 'tee -a /sys/class/scsi_host/host6/scan (input "- - -")').length, 5);
  assert.equal(texts(r).filter((t) => t === 'tee -a /sys/class/scsi_host/host5/scan (input "- - -")').length, 5);
  const looks = r.steps.filter((x) => x.text.startsWith('DEBUG Looking for Fibre Channel dev ')).map((x) => x.at);
  // 6 ticks (0, 2, … 10 s), each looking at both HBAs' 2 links
  assert.equal(looks.length, 6 * 4);
  assert.equal(Math.round((looks.at(-1)! - looks[0]!) * 1000), 10_000);
  assert.ok(!has(r, 'ERROR Fibre Channel volume device not found.'));
  assert.ok(has(r, /instance fault recorded: NovaException: Fibre Channel device not found\.; no instance action event \(wrap_instance_event on attach_volume from Nova 17\); legacy error notification attach_volume$/));
});

test('Juno FC, LUN after 2 rescans: found on the third tick (after 2 rescans); a map 1 s after the LUN showed is there for the one multipath -l', () => {
  const r = attach(lab('fc', (raw) => { for (const v of raw.volumes) v.lun_visible_after_rescans = 2; }), FC_VOL, KILO);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, 'DEBUG Found Fibre Channel volume vdb (after 2 rescans)'));
  assert.equal(Math.round((stepAt(r, 'Found Fibre Channel volume') - stepAt(r, 'Try number: 0')) * 1000), 4000);
  assert.equal(data(r).device_path, `/dev/mapper/${WWN}`);
});

test('Juno FC detach: single path -> WARNING that multipath-tools probably work improperly, then the saved device deleted through sysfs', () => {
  const r = attach(lab('fc'), FC_VOL, { ...KILO, race: { afterInUseS: 5 } });
  assert.ok(has(r, "WARNING multipath-tools probably work improperly. devices to remove = [{'device': '/dev/sdb', 'host': '5', 'channel': '0', 'id': '0', 'lun': '1'}]."));
  assert.ok(has(r, /^tee -a \/sys\/bus\/scsi\/drivers\/sd\/5:0:0:1\/delete/));
});
