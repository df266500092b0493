/**
 * Round 34: Nova facts per release checked against openstack/nova tags; each test fails on
 * the engine before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const detachRun = (release: string) =>
  attach(lab('iscsi', (raw) => { raw.profile = 'ocata_legacy'; raw.host.nova_release = release; raw.instances[0].guest_detach_release = 'never'; }), ISCSI_VOL, { race: { afterInUseS: 1 } });

// openstack/nova 12.0.0 nova/virt/libvirt/driver.py `detach_volume` calls guest.detach_device
// once (persistent and live) and never checks that the guest let go; guest.py
// `detach_device_with_retry` (7 retries of 2 s steps up to 30 s) arrives in 13.0.0.
test('ocata_legacy Nova 12.0.0: one live detach request, not retried; 13.0.0 retries (DeviceDetachFailed)', () => {
  const liberty = detachRun('12.0.0');
  assert.equal(liberty.detach!.liveDetachRequests, 1);
  assert.equal(liberty.outcome, 'detached');
  const mitaka = detachRun('13.0.0');
  assert.equal(mitaka.detach!.liveDetachRequests, 9);
  assert.equal(mitaka.outcome, 'detach_failed');
});

// os-brick 0.5.0 / 1.1.0 initiator/connector.py `get_connector_properties` (Nova 12.0.0 asks
// for >=0.4.0, 13.0.0 for >=1.0.0) fills the dict itself: ip, host, initiator, wwpns, wwnns,
// multipath, platform, os_type; the per-connector list (platform first) is 1.4.0 and the RBD
// connector's do_local_attach 1.5.0, with `utils.trace` ("==> call" / "<== return") from 1.5.0.
// Nova 14.0.0 asks for >=1.6.1.
test('ocata_legacy Nova 12/13: the pre-1.4 connector (ip first, platform and os_type last, no do_local_attach) and no trace lines; Nova 14 has both', () => {
  for (const rel of ['12.0.0', '13.0.0']) {
    const r = attach(lab('iscsi', (raw) => { raw.profile = 'ocata_legacy'; raw.host.nova_release = rel; }), ISCSI_VOL);
    assert.equal(r.attachOutcome, 'attached', rel);
    const c = r.steps.find((s) => s.text.startsWith('get_volume_connector -> '));
    assert.equal(c?.text, "get_volume_connector -> {'ip': '192.168.122.20', 'host': 'compute-1', 'initiator': 'iqn.1994-05.com.redhat:3c9a8f1e2b7d', 'multipath': False, 'platform': 'x86_64', 'os_type': 'linux2'}", rel);
    assert.ok(!r.steps.some((s) => /^DEBUG (==>|<==) /.test(s.text)), rel);
  }
  const newton = attach(lab('iscsi', (raw) => { raw.profile = 'ocata_legacy'; raw.host.nova_release = '14.0.0'; }), ISCSI_VOL);
  assert.ok(newton.steps.some((s) => s.text === "DEBUG <== get_connector_properties: return (200ms) {'platform': 'x86_64', 'os_type': 'linux2', 'ip': '192.168.122.20', 'host': 'compute-1', 'multipath': False, 'initiator': 'iqn.1994-05.com.redhat:3c9a8f1e2b7d', 'do_local_attach': False}"));
  assert.ok(newton.steps.some((s) => s.text.startsWith('DEBUG ==> connect_volume: call ')));
});
