/**
 * Round 34: the shared_targets value Cinder gives an LVM volume, checked against
 * openstack/cinder; fails on the engine before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

// cinder/volume/drivers/lvm.py `_update_volume_stats` reports shared_targets False (12.0.0-21.x)
// or `[backend]lvm_share_target` (default False, 22.0.0 on), and cinder/volume/manager.py
// `_driver_shares_targets` honours a False: an LVM volume is created with shared_targets False,
// so os_brick/initiator/utils.py `guard_connection` takes no lock even when iscsiadm lacks the
// manual scan mode. A vendor iSCSI driver that reports nothing defaults to True and is locked.
test('LVM iSCSI volume: shared_targets false, no os-brick guard lock without the manual scan; a vendor array\'s volume is locked', () => {
  const lvm = attach(lab('iscsi', (raw) => { raw.host.iscsiadm_supports_manual_scan = false; }), ISCSI_VOL);
  assert.equal(lvm.attachOutcome, 'attached');
  assert.ok(has(lvm, /RESP: \[200\] volume 0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01: shared_targets false,/));
  assert.ok(!has(lvm, /^Lock "os-brick-/));
  const vendor = attach(lab('iscsi', (raw) => { raw.host.iscsiadm_supports_manual_scan = false; raw.backends.lvm.target_helper = 'vendor'; raw.backends.lvm.lun = 4; }), ISCSI_VOL);
  assert.equal(vendor.attachOutcome, 'attached');
  assert.ok(has(vendor, /^Lock "os-brick-6a0d7f3e-2c51-4f0b-9d8e-1b2c3d4e5f60" acquired by "os_brick\.initiator\.utils\.guard_connection"/));
});
