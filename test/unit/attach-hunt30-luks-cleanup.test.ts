/**
 * Hunt 30: a failed boot from encrypted volumes, per release: what the libvirt driver's cleanup
 * (the destroy `_shutdown_instance` runs after "Instance failed to spawn") does with each
 * volume's libvirt secret or dm-crypt encryptor before disconnecting it, and what its errors
 * do to the build. Each test names the upstream file and function it follows (openstack/nova
 * and openstack/os-brick at the tags named). Expected values come from reading that code, not
 * from the simulator. Virtual-clock times only.
 *
 * The boot: the lab's `data` volume (encrypted, connected first) as the root, and the volume
 * whose LUN never shows as a second disk, so the spawn fails on the second volume's connect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import { bootVolumeBdm, count, has, idx, texts, type Tweak } from './attach-lab-helpers';
import type { BootResult, Profile } from '../../server/src/attach/types';

const NEVER = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02';
const UUID = 'c0ffee00-0000-4000-8000-000000000030';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Setup {
  profile: Profile;
  rel?: string;
  /** the root volume's encryption provider */
  provider?: string;
  /** the failing volume is encrypted too, with this provider */
  failing?: string;
}

function failedBoot(s: Setup): BootResult {
  const tweak: Tweak = (raw) => {
    raw.profile = s.profile;
    if (s.rel) raw.host.nova_release = s.rel;
    Object.assign(raw.volumes[0], { bootable: true, encrypted: true, encryption: { provider: s.provider ?? 'luks' } });
    raw.volumes[1].lun_visible = false;
    if (s.failing) Object.assign(raw.volumes[1], { encrypted: true, encryption: { provider: s.failing } });
  };
  const second = { ...bootVolumeBdm(), entry: 1, boot_index: 1, uuid: NEVER };
  const mv = s.profile === 'modern' || s.profile === 'queens_to_2024_2' ? '2.60' : '2.1';
  return simulateBoot(lab('iscsi', tweak), [bootVolumeBdm(), second], { hashes, instanceUuid: UUID, microversion: mv });
}

const SPAWN_FAILED = /Instance failed to spawn: VolumeDeviceNotFound: /;
const encryptionGet = (vol: string) => new RegExp(`GET .*/volumes/${vol}/encryption `);
const after = (r: BootResult, re: RegExp) => r.steps.slice(idx(r, SPAWN_FAILED)).some((s) => re.test(s.text));
const disconnectOf = (what: string) => new RegExp(`^disconnect_volume: flush and remove ${what}`);
/** each pattern matches a step after the previous one's match (the first from the start) */
function seq(r: BootResult, res: RegExp[]): void {
  let from = 0;
  for (const re of res) {
    const i = r.steps.findIndex((s, k) => k >= from && re.test(s.text));
    assert.ok(i >= 0, `${String(re)} after step ${from}\n${texts(r).join('\n')}`);
    from = i + 1;
  }
}

// --- Nova >= 17: _disconnect_volume -> _detach_encryptor inside cleanup's try ---------------------

test('master nova/virt/libvirt/driver.py _detach_encryptor: the native LUKS root\'s libvirt secret made at spawn is deleted at the failed spawn\'s destroy, without a Cinder read, before its disconnect', () => {
  const r = failedBoot({ profile: 'modern' });
  assert.equal(r.outcome, 'error');
  const secret = /libvirt secret ([0-9a-f-]{36}) \(usage volume 0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01\) created/.exec(texts(r).join('\n'))?.[1];
  assert.ok(secret, texts(r).join('\n'));
  seq(r, [SPAWN_FAILED, new RegExp(`^libvirt secret ${secret} \\(usage volume ${ISCSI_VOL}\\) deleted$`), disconnectOf('/dev/disk/by-id/os-brick\\+dev\\+sdb')]);
  // _detach_encryptor returns after delete_secret: no encryption metadata read at cleanup
  assert.ok(!after(r, encryptionGet(ISCSI_VOL)), texts(r).join('\n'));
});

test('Nova 19.0.0 _detach_encryptor has no device_path check: the failing luks volume (no device_path) gets an os-brick encryptor, VolumeEncryptionNotSupported, the WARNING "Ignoring Volume Error on vol None during delete" (cleanup, destroy_disks) and no disconnect; 19.0.1 (commit 56ca4d32, bug 1821696) returns for native LUKS and disconnects it', () => {
  const old = failedBoot({ profile: 'queens_to_2024_2', rel: '19.0.0', failing: 'luks' });
  seq(old, [SPAWN_FAILED, encryptionGet(NEVER), new RegExp(`^WARNING \\[instance: ${UUID}\\] Ignoring Volume Error on vol None during delete Volume encryption is not supported for iscsi volume ${NEVER}\\.$`)]);
  assert.ok(!after(old, disconnectOf('the device')), texts(old).join('\n'));
  assert.equal(old.rescheduled, true);
  const fixed = failedBoot({ profile: 'queens_to_2024_2', rel: '19.0.1', failing: 'luks' });
  seq(fixed, [SPAWN_FAILED, encryptionGet(NEVER), /no device_path in the connection_info of volume .*: _detach_encryptor returns/, disconnectOf('the device')]);
  assert.ok(!has(fixed, /Ignoring Volume Error/));
});

test('the 1821696 check covers native LUKS only (19.0.1 to 23.0.0): a luks2 volume without device_path still raises; 23.0.1 (commit 4908daed, bug 1917619) returns for any provider', () => {
  const mid = failedBoot({ profile: 'queens_to_2024_2', rel: '22.0.0', failing: 'luks2' });
  assert.ok(has(mid, new RegExp(`Ignoring Volume Error on vol None during delete Volume encryption is not supported for iscsi volume ${NEVER}\\.`)), texts(mid).join('\n'));
  const late = failedBoot({ profile: 'queens_to_2024_2', rel: '23.0.1', failing: 'luks2' });
  assert.ok(!has(late, /Ignoring Volume Error/), texts(late).join('\n'));
  assert.ok(has(late, /_detach_encryptor returns before building an os-brick encryptor \(bug 1917619\)/));
});

test('a luks2 root (no native LUKS) on master: its os-brick encryptor opened at spawn is read back from Cinder and closed (cryptsetup luksClose) before the disconnect', () => {
  const r = failedBoot({ profile: 'modern', provider: 'luks2' });
  seq(r, [SPAWN_FAILED, encryptionGet(ISCSI_VOL), /^encryptor luks2: cryptsetup luksClose crypt-os-brick\+dev\+sdb$/, disconnectOf('/dev/disk/by-id/os-brick\\+dev\\+sdb')]);
  assert.ok(!has(r, /libvirt secret .* deleted/));
});

// --- Nova <= 16: the encryptor in cleanup itself, before its try ---------------------------------

test('Nova 15.0.0 driver.py cleanup: the root\'s Nova luks encryptor was never opened (they open in _create_domain_and_network, after every connect), luksClose exits 4 with check_exit_code=True (nova/volume/encryptors/luks.py), the error leaves cleanup and _shutdown_instance: _build_resources logs "Could not clean up failed build" and aborts with the spawn error (no re-schedule, the volumes stay in-use)', () => {
  const r = failedBoot({ profile: 'ocata_legacy', rel: '15.0.0' });
  const dev = `crypt-ip-10.0.0.5:3260-iscsi-iqn.2010-10.org.openstack:volume-${ISCSI_VOL}-lun-1`;
  seq(r, [
    SPAWN_FAILED,
    encryptionGet(ISCSI_VOL),
    new RegExp(`^encryptor luks: cryptsetup luksClose ${esc(dev)}: exit code 4 \\(Device ${esc(dev)} is not active\\.\\), 3 attempts`),
    /^_shutdown_instance raised ProcessExecutionError: Unexpected error while running command\.\nCommand: sudo nova-rootwrap \/etc\/nova\/rootwrap\.conf cryptsetup luksClose /,
    /^WARNING Could not clean up failed build, not rescheduling\. Error: Unexpected error while running command\./,
  ]);
  // Nova <= 15 closes with its own encryptors, not os-brick's
  assert.equal(r.steps[idx(r, /cryptsetup luksClose/)]!.actor, 'nova-compute');
  assert.equal(r.rescheduled, false);
  assert.match(r.fault ?? '', new RegExp(`^Build of instance ${UUID} aborted: Volume device not found at `));
  assert.ok(!after(r, /os-terminate_connection/), 'destroy raised before the volume API calls');
  assert.deepEqual(r.volumes.map((v) => v.volumeStatus), ['in-use', 'in-use']);
  assert.ok(!after(r, /Took .* seconds to destroy the instance/));
});

test('the plain provider: Nova\'s cryptsetup.py remove accepts exit 4 from 12.0.3/13.0.0 (13.0.0: the build is re-scheduled); 12.0.0 raises and aborts with 12.x\'s fixed words; Nova 16.0.0 uses Pike\'s os-brick 1.15 whose CryptsetupEncryptor raises (check_exit_code=True until 2.2.0)', () => {
  const ok = failedBoot({ profile: 'ocata_legacy', rel: '13.0.0', provider: 'plain' });
  assert.ok(has(ok, /^encryptor plain: cryptsetup remove crypt-.*: exit code 4 .*accepted/), texts(ok).join('\n'));
  assert.equal(ok.rescheduled, true);
  assert.equal(count(ok, /os-terminate_connection/), 2);
  const old = failedBoot({ profile: 'ocata_legacy', rel: '12.0.0', provider: 'plain' });
  assert.equal(old.fault, `Build of instance ${UUID} aborted: Could not clean up failed build, not rescheduling`);
  assert.ok(!has(old, /WARNING Could not clean up failed build/), 'no WARNING before 13.0.0');
  const pike = failedBoot({ profile: 'ocata_legacy', rel: '16.0.0', provider: 'plain' });
  assert.equal(pike.rescheduled, false);
  assert.equal(pike.steps[idx(pike, /cryptsetup remove/)]!.actor, 'os-brick');
});

test('Nova >= 17 accepts the never-opened mapping (os-brick >= 2.2.0: luksClose and remove pass check_exit_code [0, 4]): a plain root on 17.0.0 is re-scheduled after its close', () => {
  const r = failedBoot({ profile: 'queens_to_2024_2', rel: '17.0.0', provider: 'plain' });
  // Nova >= 17 opens the encryptor right after each connect (_connect_volume -> _attach_encryptor): it is open
  seq(r, [SPAWN_FAILED, encryptionGet(ISCSI_VOL), /^encryptor plain: cryptsetup remove crypt-sdb$/, disconnectOf('/dev/sdb')]);
  assert.equal(r.rescheduled, true);
});
