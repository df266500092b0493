/**
 * What a failed legacy `os-attach` (lab volume `os_attach_error`: cinder-volume's
 * driver.attach_volume raises) leaves in Cinder, per the Cinder of the profile's era:
 * - kilo_prefix, openstack/cinder 2014.2.3 (Juno; 2014.1.5 alike) cinder/volume/manager.py
 *   `attach_volume`: the volume's own status becomes `error_attaching`; cinder/volume/api.py
 *   `unreserve_volume` only moves `attaching`, so Juno Nova's os-unreserve leaves it there;
 * - ocata_legacy, openstack/cinder 10.0.0 `attach_volume`: the attachment row `begin_attach`
 *   made becomes `error_attaching` and the volume stays `attaching`; api.py `terminate_connection`
 *   then `unreserve_volume` (a conditional update: `in-use` when `volume_has_attachments_filter`
 *   finds a row that is not `detached`, the error row included); Nova 15.0.0
 *   nova/virt/block_device.py sends `volume_api.detach(context, volume_id)` without an
 *   attachment id, and manager.py `detach_volume` detaches that only row: `available`.
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const failing = () => lab('iscsi', (raw) => { raw.volumes[0].os_attach_error = 'DB error'; });

test('kilo_prefix (Cinder 2014.2): the volume itself ends error_attaching; os-unreserve does not move it', () => {
  const r = attach(failing(), ISCSI_VOL, { profile: 'kilo_prefix' });
  assert.equal(r.outcome, 'failed');
  assert.equal(r.volumeStatus, 'error_attaching');
  assert.equal(r.attachStatus, 'detached');
  assert.deepEqual(r.statusSequence, ['available', 'attaching', 'error_attaching']);
  assert.ok(has(r, /"os-unreserve"/));
});

test('ocata_legacy (Cinder 10.0.0): an error_attaching attachment row; terminate_connection\'s unreserve makes the volume in-use; the id-less os-detach removes the row: available', () => {
  const r = attach(failing(), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.equal(r.outcome, 'failed');
  assert.ok(r.steps.some((s) => s.actor === 'cinder-volume' && /^attachment \S+ attach_status error_attaching/.test(s.text)));
  assert.deepEqual(r.statusSequence, ['available', 'attaching', 'in-use', 'available']);
  assert.ok(has(r, /"os-detach": \{"attachment_id": null\}|"os-detach":\{"attachment_id":null\}/));
  assert.ok(has(r, /^detach_volume: the only attachment \S+ \(error_attaching\) detached and deleted$/));
  assert.equal(r.volumeStatus, 'available');
  assert.equal(r.attachStatus, 'detached');
});
