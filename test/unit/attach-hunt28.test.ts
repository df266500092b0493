/**
 * Hunt 28: the attach simulator against upstream on multiattach, shared-target locks and
 * encrypted volumes, per Nova release. Each test names the upstream file and function it
 * follows (openstack/nova at the release tags named; openstack/os-brick; openstack/cinder).
 * Expected values come from reading that code, not from the simulator. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { attach, has, hashes, idx, ISCSI_VOL, lab, texts } from '../fixtures/attach/helpers';
import { bootVolumeBdm, type Tweak } from './attach-lab-helpers';
import type { NovaBdm } from '../../server/src/nova/types';

const DB1 = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02';
const SHARED = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c05';
const NFS_VOL = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c41';
const OTHER_ATT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const DETECTED = /INFO Detected multiple connections on this host for volume: /;
const MP = /\/var\/lib\/nova\/mnt\/[0-9a-f]{32}/;

/** a release of the queens_to_2024_2 span (host.nova_release) */
const queens = (rel: string, more?: Tweak): Tweak => (raw) => {
  raw.profile = 'queens_to_2024_2';
  raw.host.nova_release = rel;
  more?.(raw);
};

/** the default lab's multiattach iSCSI volume, already attached to db-1 on this host */
const sharedHere: Tweak = (raw) => {
  Object.assign(raw.volumes[4], { status: 'in-use', attach_status: 'attached', shared_targets: true });
  raw.volumes[4].attachments = [{ id: OTHER_ATT, instance_uuid: DB1, attach_status: 'attached', host: 'compute-1' }];
};

/** the nfs lab's first volume as multiattach, attached to a second server on this host */
const nfsSharedHere: Tweak = (raw) => {
  raw.instances.push({ uuid: DB1, name: 'db-1' });
  Object.assign(raw.volumes[0], { multiattach: true, status: 'in-use', attach_status: 'attached' });
  raw.volumes[0].attachments = [{ id: OTHER_ATT, instance_uuid: DB1, attach_status: 'attached', host: 'compute-1' }];
};

const attachThenDetach = (l: ReturnType<typeof lab>, vol: string) => attach(l, vol, { microversion: '2.60', race: { afterInUseS: 0 } });

// --- _should_disconnect_target per release --------------------------------------------------

test('Nova 17.0.0 has no _should_disconnect_target (nova/virt/libvirt/driver.py _disconnect_volume): a multiattach detach logs out the target another server on this host still uses', () => {
  const r = attachThenDetach(lab('default', queens('17.0.0', sharedHere)), SHARED);
  assert.equal(r.outcome, 'detached');
  assert.ok(!has(r, DETECTED), texts(r).join('\n'));
  assert.ok(has(r, /disconnect_volume: flush and remove \/dev\/sdb; iscsiadm --logout/));
});

test('Nova 17.0.1 (commit 139426d5, "Check for multiattach before removing connections"): the same detach keeps the target after reading the volume', () => {
  const r = attachThenDetach(lab('default', queens('17.0.1', sharedHere)), SHARED);
  assert.equal(r.outcome, 'detached');
  assert.ok(has(r, DETECTED));
  assert.ok(!has(r, /iscsiadm --logout/));
  // the check reads the volume (volume_api.get) between the guest detach and its verdict
  const detected = idx(r, DETECTED);
  const lastGet = r.steps.map((s, i) => ({ s, i })).filter((x) => x.i < detected && /REQ: curl .* GET .*\/volumes\/2a3b4c5d[^/ ]* /.test(x.s.text)).pop();
  assert.ok(lastGet && lastGet.i > idx(r, 'INFO Attempting to driver detach volume'), texts(r).join('\n'));
});

test('Nova 17.0.1-21.x check every volume driver, NFS included: a multiattach NFS detach skips the umount bookkeeping (bug 1888022: the mount keeps the detached server as a user)', () => {
  const r = attachThenDetach(lab('nfs', queens('21.2.4', nfsSharedHere)), NFS_VOL);
  assert.equal(r.outcome, 'detached');
  assert.ok(has(r, DETECTED));
  assert.ok(!has(r, /still in use .*: no umount/));
  assert.ok(!has(r, /^umount /));
});

test('Nova 22.0.0 (commit 806575cf): LibvirtMountedFileSystemVolumeDriver skips the check; the mount manager keeps the share for the other server (nova/virt/libvirt/volume/mount.py _HostMountState)', () => {
  for (const rel of ['22.0.0', '26.2.2']) {
    const r = attachThenDetach(lab('nfs', queens(rel, nfsSharedHere)), NFS_VOL);
    assert.equal(r.outcome, 'detached');
    assert.ok(!has(r, DETECTED), rel);
    assert.ok(has(r, new RegExp(`${MP.source} still in use \\(1 user\\): no umount`)), `${rel}\n${texts(r).join('\n')}`);
    assert.ok(!has(r, /^umount /), rel);
  }
});

test('mount.py _HostMountState counts a guest of this host already on the share: the attach runs no mount (the mount point is mounted), the last detach of a lone user unmounts', () => {
  const shared = attachThenDetach(lab('nfs', nfsSharedHere), NFS_VOL);
  assert.ok(has(shared, new RegExp(`${MP.source} already mounted \\(1 user\\): no mount`)), texts(shared).join('\n'));
  assert.ok(!has(shared, /^mount -t nfs/));
  const alone = attachThenDetach(lab('nfs'), NFS_VOL);
  assert.ok(has(alone, /^mount -t nfs -o vers=4\.1,nconnect=4 192\.168\.1\.50:\/srv\/nfs\/cinder /));
  assert.ok(has(alone, new RegExp(`^umount ${MP.source}$`)));
});

// --- the shared-targets lock per release ------------------------------------------------------

test('Nova 17.0.0-20.x lock on the service uuid whenever shared_targets is true (nova/virt/block_device.py attach/detach utils.synchronized), even with iscsiadm manual scan', () => {
  for (const rel of ['17.0.0', '20.6.1']) {
    const r = attachThenDetach(lab('default', queens(rel, sharedHere)), SHARED);
    assert.ok(has(r, 'Lock "6a0d7f3e-2c51-4f0b-9d8e-1b2c3d4e5f60" acquired by "nova.virt.block_device.DriverVolumeBlockDevice.attach.<locals>._do_locked_attach"'), rel);
    assert.ok(has(r, 'Lock "6a0d7f3e-2c51-4f0b-9d8e-1b2c3d4e5f60" acquired by "nova.virt.block_device.DriverVolumeBlockDevice.detach.<locals>._do_locked_detach"'), rel);
  }
});

test('Nova 21.0.0 on: os-brick guard_connection (os_brick/initiator/utils.py): no lock with manual scan; with iscsiadm lacking it, attach and detach hold os-brick-<service uuid>', () => {
  const manual = attachThenDetach(lab('default', queens('21.0.0', sharedHere)), SHARED);
  assert.ok(!has(manual, /Lock "(os-brick-)?6a0d7f3e/));
  const noScan = attachThenDetach(lab('default', queens('21.0.0', (raw) => { sharedHere(raw); raw.host.iscsiadm_supports_manual_scan = false; })), SHARED);
  assert.ok(has(noScan, 'Lock "os-brick-6a0d7f3e-2c51-4f0b-9d8e-1b2c3d4e5f60" acquired by "os_brick.initiator.utils.guard_connection"'));
  assert.equal(noScan.steps.filter((s) => s.text.startsWith('Lock "os-brick-6a0d7f3e')).length, 2, 'attach and detach');
});

test('below 3.69 cinder-api shows a null shared_targets as true (cinder/api/v3/views/volumes.py): Nova 29 (3.48) locks a null-shared volume when iscsiadm lacks manual scan', () => {
  const r = attach(lab('default', queens('29.0.0', (raw) => { raw.volumes[0].shared_targets = null; raw.host.iscsiadm_supports_manual_scan = false; })), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, 'Lock "os-brick-6a0d7f3e-2c51-4f0b-9d8e-1b2c3d4e5f60" acquired by "os_brick.initiator.utils.guard_connection"'));
});

// --- multiattach boot below 2.60 -----------------------------------------------------------------

test('boot from a multiattach volume below 2.60: nova-api refuses with 400 (nova/compute/api.py _validate_bdm -> check_attach_and_reserve_volume; servers.py supports_multiattach_volume); 2.60 boots with <shareable/>', () => {
  const bdm: NovaBdm = { ...bootVolumeBdm(), uuid: SHARED };
  const old = simulateBoot(lab('default'), [bdm], { microversion: '2.59', hashes });
  assert.equal(old.apiStatus, 400);
  assert.equal(old.error, 'Multiattach volumes are only supported starting with compute API version 2.60.');
  assert.equal(old.volumes[0]!.volumeStatus, 'available', 'no attachment was created');
  assert.ok(!old.steps.some((s) => /POST .*\/attachments/.test(s.text)));
  const ok = simulateBoot(lab('default'), [bdm], { microversion: '2.60', hashes });
  assert.equal(ok.outcome, 'active');
  assert.match(ok.volumes[0]!.xml ?? '', /<shareable\/>/);
});

test('Nova <= 16 has no multiattach gate (ocata_legacy): the same boot at 2.1 is accepted', () => {
  const bdm: NovaBdm = { ...bootVolumeBdm(), uuid: SHARED };
  const r = simulateBoot(lab('default', (raw) => { raw.profile = 'ocata_legacy'; }), [bdm], { microversion: '2.1', hashes });
  assert.equal(r.apiStatus, 202);
});

// --- encrypted volumes per release -----------------------------------------------------------------

const encrypted = (profile?: string, rel?: string): Tweak => (raw) => {
  raw.volumes[0].encrypted = true;
  if (profile) raw.profile = profile;
  if (rel) raw.host.nova_release = rel;
};

test('Nova <= 16 has no native LUKS (nova/virt/libvirt/driver.py attach_volume: encryptor.attach_volume before attach_device): luksOpen on the host, no libvirt secret, no <encryption>; detach luksCloses', () => {
  const r = attach(lab('iscsi', encrypted('ocata_legacy')), ISCSI_VOL, { race: { afterInUseS: 1 } });
  assert.equal(r.attachOutcome, 'attached');
  assert.ok(has(r, /encryptor luks: cryptsetup luksOpen --key-file=- \/dev\/disk\/by-path\/ip-10\.0\.0\.5:3260-iscsi-/));
  assert.ok(!has(r, /libvirt secret/));
  assert.doesNotMatch(r.xml ?? '', /<encryption/);
  assert.ok(idx(r, /cryptsetup luksOpen/) < idx(r, /virDomainAttachDeviceFlags/));
  assert.ok(has(r, /encryptor luks: cryptsetup luksClose crypt-ip-10\.0\.0\.5:3260-iscsi-/));
});

test('Nova 17.0.0 on: native LUKS (_attach_encryptor with a libvirt secret) for the luks provider', () => {
  const r = attach(lab('iscsi', encrypted('queens_to_2024_2', '17.0.0')), ISCSI_VOL);
  assert.ok(has(r, /libvirt secret .* created with the passphrase/));
  assert.match(r.xml ?? '', /<encryption format="luks">/);
  assert.ok(!has(r, /cryptsetup luksOpen/));
});

test('Juno (2014.2.x driver.py attach_volume) caches the source path as data.device_path before its encryptor: the luks encryptor opens the by-path device (no VolumeEncryptionNotSupported)', () => {
  const r = attach(lab('iscsi', encrypted('kilo_prefix')), ISCSI_VOL);
  assert.equal(r.outcome, 'attached', texts(r).join('\n'));
  const data = r.connectionInfo!.data as Record<string, unknown>;
  assert.equal(data.device_path, data.host_device);
  assert.ok(has(r, /encryptor luks: cryptsetup luksOpen --key-file=- \/dev\/disk\/by-path\//));
});

test('os-brick returns an encrypted volume as /dev/disk/by-id/os-brick+<path> only from 6.0.0 (os_brick/utils.py connect_volume_prepare_result; Zed = Nova 26): Nova 25 keeps /dev/sdb', () => {
  const r25 = attach(lab('iscsi', encrypted('queens_to_2024_2', '25.0.0')), ISCSI_VOL);
  assert.equal(r25.sourcePath, '/dev/sdb');
  const r26 = attach(lab('iscsi', encrypted('queens_to_2024_2', '26.0.0')), ISCSI_VOL);
  assert.equal(r26.sourcePath, '/dev/disk/by-id/os-brick+dev+sdb');
});

test('boot from an encrypted volume: spawn\'s _connect_volume runs _attach_encryptor (its own encryption GET, the secret) so the domain\'s <disk> has <encryption> (nova/virt/libvirt/driver.py _get_guest_storage_config, Nova >= 17)', () => {
  const r = simulateBoot(lab('iscsi', encrypted()), [bootVolumeBdm()], { hashes });
  assert.equal(r.outcome, 'active');
  assert.match(r.volumes[0]!.xml ?? '', /<encryption format="luks">\s*<secret type="passphrase" uuid="[0-9a-f-]{36}"\/>/);
  const get = r.steps.findIndex((s) => /GET .*\/volumes\/0b6c1e35[^ ]*\/encryption/.test(s.text));
  const secret = r.steps.findIndex((s) => /libvirt secret .* created/.test(s.text));
  const started = r.steps.findIndex((s) => /domain defined with/.test(s.text));
  assert.ok(get >= 0 && get < secret && secret < started, `${get} ${secret} ${started}`);
});

test('boot from an encrypted volume on Nova <= 16: the encryptor opens after the guest XML, before the domain starts (_create_domain_and_network), no <encryption>', () => {
  const r = simulateBoot(lab('iscsi', encrypted('ocata_legacy')), [bootVolumeBdm()], { hashes });
  assert.equal(r.outcome, 'active');
  assert.doesNotMatch(r.volumes[0]!.xml ?? '', /<encryption/);
  const open = r.steps.findIndex((s) => /cryptsetup luksOpen/.test(s.text));
  const saved = r.steps.findIndex((s) => /vol\.save\(\)/.test(s.text));
  const started = r.steps.findIndex((s) => /domain defined with/.test(s.text));
  assert.ok(saved >= 0 && saved < open && open < started, `${saved} ${open} ${started}`);
});

// --- RBD <auth> per release (nova/virt/libvirt/volume/net.py) -----------------------------------

const NOVA_SECRET = '11111111-2222-4333-8444-555555555555';
const CINDER_SECRET = '457eb676-33da-42ec-9a8c-9293d545c337';
/** the rbd lab (Cinder's user cinder and its secret) with nova.conf's own rbd_user/rbd_secret_uuid */
const rbdLab = (profile: string, rel?: string, nullSecret = false) => lab('rbd', (raw) => {
  raw.profile = profile;
  if (rel) raw.host.nova_release = rel;
  raw.host.nova_conf = { libvirt: { rbd_user: 'nova', rbd_secret_uuid: NOVA_SECRET } };
  if (nullSecret) raw.backends.ceph.secret_uuid = null;
});
const authOf = (xml: string | null | undefined) => /<auth username="([^"]*)">\s*<secret type="ceph" uuid="([^"]*)"\/>/.exec(xml ?? '')?.slice(1, 3);

test('Nova <= 14 (get_config of LibvirtNetVolumeDriver: 2014.2, 14.0.0): a set [libvirt]rbd_secret_uuid forces auth with nova.conf\'s user and secret over Cinder\'s', () => {
  for (const [profile, rel] of [['kilo_prefix', undefined], ['ocata_legacy', '14.0.0']] as const) {
    const l = rbdLab(profile, rel);
    const r = attach(l, l.volumes[0]!.id);
    assert.equal(r.outcome, 'attached', `${profile} ${rel}`);
    assert.deepEqual(authOf(r.xml), ['nova', NOVA_SECRET], `${profile} ${rel}`);
  }
});

test('Nova 15.0.0 on (_set_auth_config_rbd, commit b89efa3e): Cinder\'s auth values win over nova.conf', () => {
  for (const [profile, rel] of [['ocata_legacy', '15.0.0'], ['modern', undefined]] as const) {
    const l = rbdLab(profile, rel);
    const r = attach(l, l.volumes[0]!.id);
    assert.deepEqual(authOf(r.xml), ['cinder', CINDER_SECRET], `${profile} ${rel}`);
  }
});

test('a null Cinder secret_uuid: Nova 15.0.0-15.0.5 write no uuid and the attach fails; 15.0.6 and 16.0.0 (commit f2d27f6a) fall back to nova.conf\'s secret, keeping Cinder\'s user (nova.conf\'s user too only from 16.1.8: attach-hunt31-rbd-auth.test.ts)', () => {
  const early = rbdLab('ocata_legacy', '15.0.0', true);
  const r1 = attach(early, early.volumes[0]!.id);
  assert.equal(r1.outcome, 'failed');
  assert.match(r1.error ?? '', /no secret uuid/);
  for (const rel of ['15.0.6', '16.0.0']) {
    const l = rbdLab('ocata_legacy', rel, true);
    const r = attach(l, l.volumes[0]!.id);
    assert.equal(r.outcome, 'attached', rel);
    assert.deepEqual(authOf(r.xml), ['cinder', NOVA_SECRET], rel);
  }
});

// --- legacy boots: reservations and the volume wait per release ----------------------------------

const blankBdm: NovaBdm = { ...bootVolumeBdm(), source_type: 'blank', uuid: null };
const legacyBoot = (profile: string, rel?: string, more?: Tweak, bdm: NovaBdm = bootVolumeBdm()) => simulateBoot(lab('iscsi', (raw) => {
  raw.profile = profile;
  if (rel) raw.host.nova_release = rel;
  more?.(raw);
}), [bdm], { hashes });
const OS_RESERVE = /"os-reserve"/;

test('Nova 2014.2-15.x reserve nothing at boot (compute/api.py _validate_bdm: check_attach only; block_device.py attach(do_check_attach=True)): no os-reserve, the volume goes available -> in-use; Pike (16.0.0) reserves in nova-api', () => {
  for (const [profile, rel] of [['ocata_legacy', '15.0.0'], ['ocata_legacy', '13.0.0'], ['kilo_prefix', undefined]] as const) {
    const r = legacyBoot(profile, rel);
    assert.equal(r.outcome, 'active', `${profile} ${rel}`);
    assert.ok(!r.steps.some((s) => OS_RESERVE.test(s.text)), `${profile} ${rel}`);
    assert.deepEqual(r.volumes[0]!.statusSequence, ['available', 'in-use'], `${profile} ${rel}`);
  }
  const pike = legacyBoot('ocata_legacy', '16.0.0');
  assert.ok(pike.steps.some((s) => OS_RESERVE.test(s.text)));
  assert.deepEqual(pike.volumes[0]!.statusSequence, ['available', 'attaching', 'in-use']);
});

test('nova-api\'s check_attach refuses an in-use volume at boot with its own words (nova/volume/cinder.py check_attach: 2014.2, then 2015.1-15.x)', () => {
  const inUse: Tweak = (raw) => { raw.volumes[0].status = 'in-use'; raw.volumes[0].attach_status = 'attached'; };
  const juno = legacyBoot('kilo_prefix', undefined, inUse);
  assert.equal(juno.apiStatus, 400);
  assert.equal(juno.error, "Invalid volume: status must be 'available'");
  const ocata = legacyBoot('ocata_legacy', '15.0.0', inUse);
  assert.equal(ocata.apiStatus, 400);
  assert.equal(ocata.error, `Invalid volume: volume '${ISCSI_VOL}' status must be 'available'. Currently in 'in-use'`);
});

test('Nova <= 16 does not reserve a volume it created for the boot (DriverBlankBlockDevice.attach -> the legacy attach): creating -> available -> in-use, no os-reserve', () => {
  const r = legacyBoot('ocata_legacy', undefined, undefined, blankBdm);
  assert.equal(r.outcome, 'active');
  assert.ok(!r.steps.some((s) => OS_RESERVE.test(s.text)), texts(r as never).join('\n'));
  assert.deepEqual(r.volumes[0]!.statusSequence, ['creating', 'available', 'in-use']);
});

test('2014.2/2015.1 _await_block_device_map_created returns on any final status (WARNING "…was not set as \'available\'"); the attach\'s check_attach then refuses the error volume, no VolumeNotCreated', () => {
  const r = legacyBoot('kilo_prefix', undefined, (raw) => { raw.blank_create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 2 }]; }, blankBdm);
  assert.equal(r.outcome, 'error');
  assert.ok(r.steps.some((s) => /^WARNING Volume id: \S+ finished being created but was not set as 'available'$/.test(s.text)));
  assert.ok(!r.steps.some((s) => /did not finish being created/.test(s.text)));
  assert.match(r.error ?? '', /Invalid volume: status must be 'available'/);
});

test('VolumeNotCreated names the volume status only from 12.0.0 (nova/exception.py msg_fmt): a 2014.2 wait that runs out ends "… or 3 attempts."', () => {
  const stuck: Tweak = (raw) => { raw.host.nova_conf = { DEFAULT: { block_device_allocate_retries: 2 } }; raw.blank_create_status_timeline = [{ status: 'creating', after_s: 0 }]; };
  const juno = legacyBoot('kilo_prefix', undefined, stuck, blankBdm);
  assert.match(juno.error ?? '', /did not finish being created even after we waited \d+ seconds or 3 attempts\.$/);
  const liberty = legacyBoot('ocata_legacy', '12.0.0', stuck, blankBdm);
  assert.match(liberty.error ?? '', /or 3 attempts\. And its status is creating\.$/);
});

test('hot attach: nova-api runs Nova\'s check_attach before os-reserve up to 13.x (compute/api.py _check_attach_and_reserve_volume, 13.0.0; 2015.1 words), 14.0.0 only the zone check: Cinder\'s os-reserve refuses instead', () => {
  const inUseMulti = (rel: string) => lab('default', (raw) => {
    raw.profile = 'ocata_legacy';
    raw.host.nova_release = rel;
    Object.assign(raw.volumes[4], { status: 'in-use', attach_status: 'attached' });
  });
  const mitaka = attach(inUseMulti('13.0.0'), SHARED);
  assert.equal(mitaka.apiStatus, 400);
  assert.equal(mitaka.error, `Invalid volume: volume '${SHARED}' status must be 'available'. Currently in 'in-use'`);
  assert.ok(!has(mitaka, /"os-reserve"/));
  // Newton: no Nova-side check; Cinder's os-reserve takes an in-use multiattach volume
  const newton = attach(inUseMulti('14.0.0'), SHARED);
  assert.ok(has(newton, /"os-reserve"/));
  assert.notEqual(newton.apiStatus, 400);
  // Kilo (2015.1) words on the kilo_prefix profile
  const kilo = attach(lab('default', (raw) => { raw.profile = 'kilo_prefix'; raw.host.nova_release = '2015.1.2'; Object.assign(raw.volumes[0], { status: 'in-use', attach_status: 'attached' }); }), ISCSI_VOL);
  assert.equal(kilo.error, `Invalid volume: volume '${ISCSI_VOL}' status must be 'available'. Currently in 'in-use'`);
});
