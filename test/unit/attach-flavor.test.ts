/**
 * Issue 18, point 4: the flavor of the instance an attach goes to. Upstream:
 * nova/virt/libvirt/driver.py `get_device_name_for_instance` starts from the mapping of
 * nova/virt/libvirt/blockinfo.py `get_disk_info` / `get_disk_mapping`: root, `disk.local`
 * for the flavor's ephemeral_gb, `disk.swap` for its swap, the config drive; the volume gets
 * the first free name after them (attach-flow.md A7.4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const withFlavor = (flavor: Record<string, unknown> | undefined, more: Record<string, unknown> = {}) => lab('iscsi', (raw) => {
  if (flavor) raw.instances[0].flavor = flavor;
  Object.assign(raw.instances[0], more);
});

test('no flavor: existing_devices alone, the volume gets vdb as before', () => {
  assert.equal(attach(withFlavor(undefined), ISCSI_VOL).deviceName, '/dev/vdb');
});

test('ephemeral and swap take vdb and vdc: the volume gets vdd', () => {
  const r = attach(withFlavor({ root_gb: 10, ephemeral_gb: 5, swap_mb: 512 }), ISCSI_VOL);
  assert.equal(r.deviceName, '/dev/vdd');
  assert.match(r.xml!, /<target dev="vdd" bus="virtio"\/>/);
  assert.equal(r.bdm!.device_name, '/dev/vdd');
});

test('ephemeral only, or swap only: vdc', () => {
  assert.equal(attach(withFlavor({ ephemeral_gb: 1 }), ISCSI_VOL).deviceName, '/dev/vdc');
  assert.equal(attach(withFlavor({ swap_mb: 1024 }), ISCSI_VOL).deviceName, '/dev/vdc');
});

test('a flavor without ephemeral or swap changes nothing; an ide config drive (hda) does not take a vd name', () => {
  assert.equal(attach(withFlavor({ root_gb: 20 }), ISCSI_VOL).deviceName, '/dev/vdb');
  assert.equal(attach(withFlavor({ root_gb: 20, ephemeral_gb: 1 }, { config_drive: true }), ISCSI_VOL).deviceName, '/dev/vdc');
});

test('image bus scsi: the flavor disks are sda (root) and sdb (ephemeral), the volume sdc', () => {
  const r = attach(withFlavor({ ephemeral_gb: 1 }, { image_hw_disk_bus: 'scsi', existing_devices: ['sda'] }), ISCSI_VOL);
  assert.equal(r.deviceName, '/dev/sdc');
});

test('schema: the flavor\'s keys are checked', () => {
  assert.throws(() => withFlavor({ ephemeral_gb: -1 }), /flavor/);
  assert.throws(() => withFlavor({ swap: 1 }), /unknown key "swap"/);
});
