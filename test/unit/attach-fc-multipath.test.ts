/**
 * Fibre Channel with `[libvirt]volume_use_multipath` on, against os-brick at the profiles'
 * tags: connectors/fibre_channel.py `connect_volume` (the "Found Fibre Channel volume" DEBUG
 * line, "rescans.)" from 2.6.0, dd check from 1.14.0), connectors/base.py
 * `_discover_mpath_device` (by-path symlink from 4.3.0, /dev/sdX before) and linuxscsi.py
 * `find_multipath_device_path` / `find_multipath_device` / `wait_for_rw`. Also the opening
 * step naming the Nova release the run follows. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, lab, stepAt, texts } from '../fixtures/attach/helpers';
import type { Profile } from '../../server/src/attach/types';

const FC_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21';
const BY_PATH = '/dev/disk/by-path/pci-0000:05:00.2-fc-0x50060e801049cfd1-lun-1';

const fcLab = (profile: Profile, dmAfter: number | null, release?: string) => lab('fc', (raw) => {
  raw.profile = profile;
  raw.host.multipath_enabled = true;
  if (release) raw.host.nova_release = release;
  for (const v of raw.volumes) v.dm_uuid_link_appears_after_s = dmAfter;
});
const data = (r: ReturnType<typeof attach>) => r.connectionInfo!.data as Record<string, unknown>;

test('modern, dm after 1 s: Found … (after 0 rescans.), Find Multipath INFO, dm-uuid-mpath, wait_for_rw, then multipath -C', () => {
  const r = attach(fcLab('modern', 1), FC_VOL);
  assert.equal(r.outcome, 'attached');
  const wwn = String(data(r).multipath_id);
  assert.ok(has(r, /^DEBUG Found Fibre Channel volume \/dev\/sd[a-z]+ \(after 0 rescans\.\)$/));
  assert.ok(has(r, `INFO Find Multipath device file for volume WWN ${wwn}`));
  assert.equal(data(r).device_path, `/dev/disk/by-id/dm-uuid-mpath-${wwn}`);
  assert.ok(idx(r, 'Found Fibre Channel volume') < idx(r, 'scsi_id') && idx(r, 'scsi_id') < idx(r, 'Find Multipath device file'));
  assert.ok(idx(r, 'has shown up') < idx(r, 'lsblk -o NAME,RO -l -n') && idx(r, 'lsblk') < idx(r, 'multipath -C'));
  assert.equal(Math.round((stepAt(r, 'has shown up') - stepAt(r, 'Find Multipath device file')) * 1000), 1000);
});

test('modern, no dm: 3 + 3 waits (1 s, 2 s), WARNING, multipath -l on /dev/sdX, then the by-path symlink without multipath_id', () => {
  const r = attach(fcLab('modern', null), FC_VOL);
  assert.equal(r.outcome, 'attached');
  assert.equal(texts(r).filter((t) => /^Checking to see if .* exists yet/.test(t)).length, 6);
  assert.equal(Math.round((stepAt(r, /mapper\/.* Failed attempt 3/) - stepAt(r, 'Find Multipath device file')) * 1000), 6000);
  assert.ok(r.steps.some((s) => s.status === 'warn' && /^WARNING couldn't find a valid multipath device path for /.test(s.text)));
  assert.ok(has(r, /^multipath -l \/dev\/sd[a-z]+: no map$/));
  assert.ok(has(r, `DEBUG Unable to find multipath device name for volume. Using path ${BY_PATH} for volume.`));
  assert.ok(has(r, `DEBUG Block device ${BY_PATH} is not read-only.`));
  assert.equal(data(r).device_path, BY_PATH);
  assert.equal(data(r).multipath_id, undefined);
  assert.ok(!has(r, 'multipath -C'));
});

test('ocata_legacy (os-brick 1.x): no dd check, "(after 0 rescans)", 2 s/4 s waits, the /dev/sdX real path as fall-back', () => {
  const r = attach(fcLab('ocata_legacy', null), FC_VOL);
  assert.equal(r.outcome, 'attached');
  assert.ok(!has(r, 'dd if='));
  assert.ok(has(r, /^DEBUG Found Fibre Channel volume \/dev\/sd[a-z]+ \(after 0 rescans\)$/));
  assert.equal(Math.round((stepAt(r, /mapper\/.* Failed attempt 3/) - stepAt(r, 'Find Multipath device file')) * 1000), 12000);
  assert.match(String(data(r).device_path), /^\/dev\/sd[a-z]+$/);
});

test('queens_to_2024_2 by release: Nova 22 (os-brick 4.0) falls back to /dev/sdX, Nova 23 (4.3) to the by-path symlink; Nova 18 has no dot', () => {
  assert.match(String(data(attach(fcLab('queens_to_2024_2', null, '22.0.0'), FC_VOL)).device_path), /^\/dev\/sd[a-z]+$/);
  assert.equal(data(attach(fcLab('queens_to_2024_2', null, '23.0.0'), FC_VOL)).device_path, BY_PATH);
  assert.ok(has(attach(fcLab('queens_to_2024_2', 1, '18.0.0'), FC_VOL), /\(after 0 rescans\)$/));
  assert.ok(has(attach(fcLab('queens_to_2024_2', 1, '19.0.0'), FC_VOL), /\(after 0 rescans\.\)$/));
});

test('multipath off: the by-path device, no multipath look-up', () => {
  const r = attach(lab('fc', (raw) => { raw.host.multipath_enabled = false; }), FC_VOL);
  assert.equal(data(r).device_path, BY_PATH);
  assert.ok(has(r, 'Found Fibre Channel volume'));
  assert.ok(!has(r, 'Find Multipath device file'));
});

test('a read-only attachment skips wait_for_rw', () => {
  const r = attach(lab('fc', (raw) => { raw.host.multipath_enabled = true; for (const v of raw.volumes) v.readonly = true; }), FC_VOL);
  assert.ok(has(r, 'Find Multipath device file'));
  assert.ok(!has(r, 'lsblk'));
});

// ---- the opening step: which Nova release the run follows ----

test('host.nova_release in the profile: the first step says the release applied', () => {
  const r = attach(fcLab('queens_to_2024_2', 1, 'wallaby'), FC_VOL);
  const first = r.steps[0]!;
  assert.deepEqual({ actor: first.actor, at: first.at, status: first.status }, { actor: 'nova-compute', at: 0, status: 'info' });
  assert.match(first.text, /^host\.nova_release "wallaby": simulating Nova 23\.0\.0 under the profile "queens_to_2024_2" \(Nova 17–30\); the behaviours that changed within the profile follow Nova 23\.0\.0$/);
  assert.equal(texts(r).filter((t) => t.startsWith('host.nova_release')).length, 1);
});

test('--profile override outside the release: the first step says it was ignored and why', () => {
  const r = attach(fcLab('queens_to_2024_2', 1, '23.0.0'), FC_VOL, { profile: 'modern' });
  assert.match(r.steps[0]!.text, /^host\.nova_release "23\.0\.0" ignored: Nova 23 \("23\.0\.0"\) is outside the profile "modern" \(Nova ≥ 31\): that release belongs to the profile "queens_to_2024_2"; the profile "modern" \(--profile override of the lab host's "queens_to_2024_2"\) applies/);
  assert.ok(has(r, /\(after 0 rescans\.\)/));
});

test('no host.nova_release: no release step', () => {
  assert.ok(!has(attach(lab('fc'), FC_VOL), /host\.nova_release/));
});
