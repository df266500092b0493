/**
 * Lab-host fields `read_only_for_s` (a multipath device the kernel keeps read-only for a while,
 * or for good) and `lun_visible_after_rescans` (a LUN that shows only after some host rescans),
 * replayed as os-brick does per release:
 * - os_brick/initiator/linuxscsi.py `wait_for_rw` under utils.retry(BlockDeviceReadOnly,
 *   retries=5) and connectors/base.py `_discover_mpath_device`'s WARNING "… is still read-only.
 *   Continuing anyway." (os-brick 1.13.0, 3.1.0, 7.1.0 alike; waits 2/4/8/16 s with `retrying`
 *   before 3.1.0, 1/2/4/8 s with tenacity from 3.1.0);
 * - connectors/fibre_channel.py `connect_volume` (2-second ticks, a rescan per miss);
 * - connectors/iscsi.py `_connect_vol` (>= 1.14: rescans at (k+2)^2 s) and 1.13.0
 *   `connect_volume` (tries^2 s sleeps after each `--rescan`).
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, ISCSI_VOL, lab, stepAt, texts } from '../fixtures/attach/helpers';
import type { Profile } from '../../server/src/attach/types';

const FC_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21';
const DM = '/dev/disk/by-id/dm-uuid-mpath-360060e801049cfd1000000000000a001';
const fcLab = (vol: Record<string, unknown>) => lab('fc', (raw) => {
  raw.host.multipath_enabled = true;
  for (const v of raw.volumes) Object.assign(v, vol);
});
const checks = (r: ReturnType<typeof attach>) => r.steps.filter((s) => s.text.includes('is read-only: lsblk -o NAME,RO -l -n')).map((s) => s.at);
const gaps = (at: number[]) => at.slice(1).map((t, i) => Math.round((t - at[i]!) * 1000));

test('modern FC, read-only for good: 5 lsblk checks, each read-only one followed by multipath -r, waits 1/2/4/8 s, then the WARNING and the attach goes on', () => {
  const r = attach(fcLab({ read_only_for_s: null }), FC_VOL);
  assert.equal(r.outcome, 'attached');
  const at = checks(r);
  assert.equal(at.length, 5);
  // lsblk (0.5 s) + multipath -r (0.5 s) + the retry wait
  assert.deepEqual(gaps(at), [2000, 3000, 5000, 9000]);
  assert.equal(texts(r).filter((t) => t === 'multipath -r').length, 5);
  assert.equal(texts(r).filter((t) => t === `DEBUG Block device ${DM} is read-only`).length, 5);
  assert.ok(r.steps.some((s) => s.status === 'warn' && s.text === `WARNING Block device ${DM} is still read-only. Continuing anyway.`));
  assert.ok(!has(r, 'is not read-only.'));
  assert.equal((r.connectionInfo!.data as Record<string, unknown>).device_path, DM);
});

test('ocata_legacy FC (os-brick 1.x, `retrying`): the same 5 checks with 2/4/8/16 s waits', () => {
  const r = attach(fcLab({ read_only_for_s: null }), FC_VOL, { profile: 'ocata_legacy' });
  assert.deepEqual(gaps(checks(r)), [3000, 5000, 9000, 17000]);
  assert.ok(has(r, /is still read-only\. Continuing anyway\.$/));
});

test('read-only for 6 s: rw on the first check past 6 s, by release (modern checks at 0/2/5/10 s: the 4th; ocata_legacy at 0/3/8 s: the 3rd)', () => {
  for (const [profile, n] of [['modern', 4], ['ocata_legacy', 3]] as [Profile, number][]) {
    const r = attach(fcLab({ read_only_for_s: 6 }), FC_VOL, { profile });
    assert.equal(r.outcome, 'attached');
    assert.equal(checks(r).length, n, profile);
    assert.equal(texts(r).filter((t) => t === 'multipath -r').length, n - 1, profile);
    assert.ok(has(r, `Block device ${DM} is not read-only.`), profile);
    assert.ok(!has(r, 'still read-only'), profile);
  }
});

test('a read-only attachment (access_mode ro) never checks, whatever read_only_for_s says', () => {
  const r = attach(fcLab({ read_only_for_s: null, readonly: true }), FC_VOL);
  assert.equal(checks(r).length, 0);
});

test('ocata_legacy iSCSI multipath (1.13.0 _discover_mpath_device): wait_for_rw on the dm-uuid-mpath path, 5 checks then the WARNING', () => {
  const l = lab('iscsi-multipath', (raw) => { for (const v of raw.volumes) v.read_only_for_s = null; });
  const r = attach(l, l.volumes[0]!.id, { profile: 'ocata_legacy' });
  assert.equal(r.outcome, 'attached');
  assert.equal(checks(r).length, 5);
  assert.ok(has(r, /^WARNING Block device .* is still read-only\. Continuing anyway\.$/));
});

test('old lab hosts stay valid and unchanged: no read_only_for_s = one rw check', () => {
  const r = attach(fcLab({}), FC_VOL);
  assert.equal(checks(r).length, 1);
  assert.ok(has(r, `DEBUG Block device ${DM} is not read-only.`));
});

// ---- lun_visible_after_rescans ----

test('modern FC, LUN after 3 rescans: found on the 4th tick (+6 s) "(after 3 rescans.)"; 6 rescans needed with 5 tries = NoFibreChannelVolumeDeviceFound', () => {
  const r = attach(fcLab({ lun_visible_after_rescans: 3 }), FC_VOL);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, /^DEBUG Found Fibre Channel volume \/dev\/sd[a-z]+ \(after 3 rescans\.\)$/));
  assert.equal(Math.round((stepAt(r, 'Found Fibre Channel volume') - stepAt(r, 'Try number: 0.')) * 1000), 6000);
  const never = attach(fcLab({ lun_visible_after_rescans: 6 }), FC_VOL);
  assert.equal(never.outcome, 'failed');
  assert.match(never.error ?? '', /Unable to find a Fibre Channel volume device\./);
});

test('modern iSCSI, LUN after 2 rescans: seen on the 1 s poll after the rescan at +13 s', () => {
  const r = attach(lab('iscsi', (raw) => { raw.volumes[0].lun_visible_after_rescans = 2; }), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.equal(Math.round((stepAt(r, /^DEBUG Connected to sd[a-z]+ using/) - stepAt(r, /\(rescan 2, \+13 s\)$/)) * 1000), 1000);
  assert.ok(!has(r, '(rescan 3,'));
});

test('ocata_legacy iSCSI, LUN after 3 rescans: found after the 3rd --rescan and its 9 s sleep', () => {
  const r = attach(lab('iscsi', (raw) => { raw.volumes[0].lun_visible_after_rescans = 3; }), ISCSI_VOL, { profile: 'ocata_legacy' });
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, /^DEBUG Found iSCSI node .* \(after 3 rescans\)$/));
  assert.equal(texts(r).filter((t) => t.endsWith(' --rescan')).length, 3);
});
