/**
 * Hunt 31: the os-brick behaviours the replay keys on the compute node's release, checked against
 * openstack/os-brick's point releases. os_brick/utils.py `retry` uses the `retrying` library
 * (waits 2 s, 4 s) in every tag up to 3.0.8, Ussuri's last (Nova 21.0.0's requirements.txt asks
 * for os-brick >= 3.0.1), and tenacity (waits 1 s, 2 s) from 3.1.0, the floor Nova 22.0.0's
 * requirements.txt sets. linuxscsi.py `wait_for_mpath_device` (`multipath -C`) is in 6.9.0, the
 * Dalmatian series of Nova 30, and reached 6.7.1, 6.4.2 and 6.2.5 only as stable point releases:
 * the first os-brick of Nova 27-29's series (6.2.0, 6.4.0, 6.7.0) has none. Virtual-clock times
 * only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import type { AttachResult } from '../../server/src/attach/types';

const retries = (r: AttachResult) => r.steps.filter((s) => /retrying connect in/.test(s.text)).map((s) => s.text.replace(/^.*retrying connect in (\d+) s.*$/, '$1'));
const lunNever = (rel: string) => lab('iscsi', (raw) => {
  raw.profile = 'queens_to_2024_2';
  raw.host.nova_release = rel;
  raw.volumes[0].lun_visible_after_rescans = 99;
});

test('os-brick 3.0.x (Ussuri, Nova 21) still retries with `retrying`: the iSCSI connect waits 2 s then 4 s on Nova 21.0.0 and 21.2.4; tenacity\'s 1 s then 2 s from Nova 22.0.0 (os-brick >= 3.1.0)', () => {
  for (const rel of ['21.0.0', '21.2.4', '17.0.0']) {
    const r = attach(lunNever(rel), ISCSI_VOL);
    assert.equal(r.outcome, 'failed', rel);
    assert.deepEqual(retries(r), ['2', '4'], rel);
  }
  const r = attach(lunNever('22.0.0'), ISCSI_VOL);
  assert.deepEqual(retries(r), ['1', '2']);
});

const MPATH_VOL = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11';
const mpathAt = (rel: string) => attach(lab('iscsi-multipath', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = rel; }), MPATH_VOL);

test('wait_for_mpath_device (os-brick 6.9.0, Nova 30\'s series): a multipath iSCSI attach on Nova 30.0.0 runs multipath -C on its dm; Nova 29.0.0 (os-brick 6.7.0) does not', () => {
  const dalmatian = mpathAt('30.0.0');
  assert.equal(dalmatian.outcome, 'attached');
  assert.ok(dalmatian.steps.some((s) => /^multipath -C dm-\d+: ready for I\/O$/.test(s.text)));
  const caracal = mpathAt('29.0.0');
  assert.equal(caracal.outcome, 'attached');
  assert.ok(!caracal.steps.some((s) => /multipath -C/.test(s.text)));
});
