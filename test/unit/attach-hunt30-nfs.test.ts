/**
 * Hunt 30: NFS volumes on the compute host against upstream, per release: the mount command
 * (`[libvirt]nfs_mount_options`, Cinder's `options`), the mount point, the mount manager of
 * Nova 16.0.0 and the driver's own mount before it, and what fails. Each test names the
 * upstream file and function it follows (openstack/nova and openstack/cinder at the tags named);
 * mount's usage error was run with util-linux 2.38.1. Expected values come from reading that
 * code, not from the simulator. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { attach, hashes, lab } from '../fixtures/attach/helpers';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { count, has, idx, inOrder, texts, type Tweak } from './attach-lab-helpers';

const NFS_VOL = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c41';
const DB1 = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02';
const EXPORT = '192.168.1.50:/srv/nfs/cinder';
/** nova/utils.py get_hash_str: the md5 hex of the export */
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const MP = `/var/lib/nova/mnt/${md5(EXPORT)}`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** the nfs lab host under a release (profile + host.nova_release), with more changes */
const at = (profile: string, rel: string | null, more?: Tweak): Tweak => (raw) => {
  raw.profile = profile;
  if (rel !== null) raw.host.nova_release = rel;
  more?.(raw);
};
const novaOpts = (value: string | null): Tweak => (raw) => {
  raw.host.nova_conf = { libvirt: { nfs_mount_options: value } };
};
const mountError = (stderr: string): Tweak => (raw) => {
  raw.backends.share.mount_error = stderr;
};
const legacy = { microversion: '2.1' };

// --- the mount command and the mount point -----------------------------------------------

test('nova/virt/libvirt/volume/nfs.py _mount_options (master, 16.0.0): -o <[libvirt]nfs_mount_options> comes before Cinder\'s options split at spaces; the mount point is nfs_mount_point_base + md5(export)', () => {
  const r = attach(lab('nfs', (raw) => { raw.host.nova_conf = { libvirt: { nfs_mount_options: 'vers=3,lookupcache=pos', nfs_mount_point_base: '/srv/nova-mnt' } }; }), NFS_VOL);
  assert.equal(r.outcome, 'attached', texts(r).join('\n'));
  const mp = `/srv/nova-mnt/${md5(EXPORT)}`;
  assert.ok(has(r, new RegExp(`^mount -t nfs -o vers=3,lookupcache=pos -o vers=4\\.1,nconnect=4 ${esc(EXPORT)} ${esc(mp)}$`)), texts(r).join('\n'));
  // nova/virt/libvirt/volume/mount.py _HostMountState.mount logs the options list it runs with
  assert.ok(has(r, /options=\['-o', 'vers=3,lookupcache=pos', '-o', 'vers=4\.1,nconnect=4'\]\) generation 0/));
  const data = (r.connectionInfo as { data: Record<string, unknown> }).data;
  assert.equal(data.device_path, `${mp}/volume-${NFS_VOL}`);
});

test('every release reads [libvirt]nfs_mount_options: 2014.2 nova/virt/libvirt/volume.py LibvirtNFSVolumeDriver._mount_nfs, 15.0.0 volume/nfs.py _mount_nfs', () => {
  for (const [profile, rel] of [['kilo_prefix', '2014.2'], ['ocata_legacy', '15.0.0']] as const) {
    const r = attach(lab('nfs', at(profile, rel, novaOpts('vers=3'))), NFS_VOL, legacy);
    assert.equal(r.outcome, 'attached', `${rel}\n${texts(r).join('\n')}`);
    assert.ok(has(r, new RegExp(`^mount -t nfs -o vers=3 -o vers=4\\.1,nconnect=4 ${esc(EXPORT)} ${esc(MP)}$`)), `${rel}\n${texts(r).join('\n')}`);
  }
});

test('cinder/volume/drivers/nfs.py initialize_connection (2014.2 to master): a share with no options still sends the options key, as null, and Nova adds nothing to mount', () => {
  const r = attach(lab('nfs', (raw) => { delete raw.backends.share.options; }), NFS_VOL);
  assert.equal(r.outcome, 'attached');
  const data = (r.connectionInfo as { data: Record<string, unknown> }).data;
  assert.ok('options' in data, JSON.stringify(data));
  assert.equal(data.options, null);
  assert.ok(has(r, new RegExp(`^mount -t nfs ${esc(EXPORT)} ${esc(MP)}$`)), texts(r).join('\n'));
});

test('Cinder with nas_host/nas_share_path sends nas_mount_options bare (cinder/volume/drivers/remotefs.py _load_shares_config, 2015.1.0 on): Nova splits it into a third positional mount argument, mount says "bad usage" (util-linux 2.38.1, exit 1) and the attach fails', () => {
  const r = attach(lab('nfs', (raw) => { raw.backends.share.options = 'vers=4.1'; }), NFS_VOL);
  assert.equal(r.attachOutcome, 'failed');
  assert.ok(has(r, new RegExp(`^mount -t nfs vers=4\\.1 ${esc(EXPORT)} ${esc(MP)}$`)), texts(r).join('\n'));
  assert.match(r.error ?? '', /^ProcessExecutionError: Unexpected error while running command\.\nCommand: mount -t nfs vers=4\.1 /);
  assert.match(r.error ?? '', /Exit code: 1\n/);
  assert.match(r.error ?? '', /mount: bad usage/);
  assert.equal(r.volumeStatus, 'available');
});

test('2014.2 LibvirtNFSVolumeDriver._mount_nfs adds the options when they are not None: an empty options string is an empty mount argument (bad usage); 2015.1.0 tests the string\'s truth and mounts', () => {
  const empty: Tweak = (raw) => { raw.backends.share.options = ''; };
  const juno = attach(lab('nfs', at('kilo_prefix', '2014.2', empty)), NFS_VOL, legacy);
  assert.equal(juno.attachOutcome, 'failed', texts(juno).join('\n'));
  assert.ok(has(juno, new RegExp(`^mount -t nfs '' ${esc(EXPORT)} `)), texts(juno).join('\n'));
  // Nova 2014.2 runs it through rootwrap
  assert.match(juno.error ?? '', /Command: sudo nova-rootwrap \/etc\/nova\/rootwrap\.conf mount -t nfs {2}192\.168\.1\.50/);
  const kilo = attach(lab('nfs', at('kilo_prefix', '2015.1.0', empty)), NFS_VOL, legacy);
  assert.equal(kilo.outcome, 'attached', texts(kilo).join('\n'));
  assert.ok(has(kilo, new RegExp(`^mount -t nfs ${esc(EXPORT)} ${esc(MP)}$`)));
});

// --- what fails: the mount manager (16.0.0 on) against the driver's own mount ------------------

test('nova/virt/libvirt/volume/mount.py _HostMountState.mount (master): a failed mount with the mount point unmounted drops the record and raises ProcessExecutionError (privsep, exit 32); the attach is rolled back', () => {
  const stderr = `mount.nfs: access denied by server while mounting ${EXPORT}`;
  const r = attach(lab('nfs', mountError(stderr)), NFS_VOL);
  assert.equal(r.attachOutcome, 'failed');
  assert.match(r.error ?? '', new RegExp(`^ProcessExecutionError: Unexpected error while running command\\.\\nCommand: mount -t nfs -o vers=4\\.1,nconnect=4 ${esc(EXPORT)} ${esc(MP)}\\nExit code: 32\\nStdout: ''\\nStderr: '${esc(stderr)}\\\\n'$`));
  inOrder(r, [/DEBUG Mounting .* generation 0$/, /^fileutils\.ensure_tree\(/, /^mount -t nfs /, /drops its record and raises/, /DELETE .*\/attachments\//]);
  assert.ok(!has(r, /_HostMountState\.mount\(\) for .* completed successfully/));
  assert.equal(r.volumeStatus, 'available');
});

test('"already mounted" in the mount error: 15.0.0 volume/nfs.py _mount_nfs (ensure=True) only warns "<export> is already mounted" and attaches; 16.0.0 volume/mount.py raises it (rootwrap, mkdir -p)', () => {
  const stderr = `mount.nfs: ${MP} is busy or already mounted`;
  const ocata = attach(lab('nfs', at('ocata_legacy', '15.0.0', mountError(stderr))), NFS_VOL, legacy);
  assert.equal(ocata.outcome, 'attached', texts(ocata).join('\n'));
  inOrder(ocata, [new RegExp(`^mkdir -p ${esc(MP)}$`), /^mount -t nfs /, new RegExp(`^WARNING ${esc(EXPORT)} is already mounted$`), /virDomainAttachDeviceFlags/]);
  assert.ok(!has(ocata, /_HostMountState/), 'no mount manager before 16.0.0');
  const pike = attach(lab('nfs', at('ocata_legacy', '16.0.0', mountError(stderr))), NFS_VOL, legacy);
  assert.equal(pike.attachOutcome, 'failed', texts(pike).join('\n'));
  assert.ok(!has(pike, /is already mounted$/));
  assert.match(pike.error ?? '', /Command: sudo nova-rootwrap \/etc\/nova\/rootwrap\.conf mount -t nfs /);
  inOrder(pike, [/_HostMountState\.mount\(fstype=nfs/, new RegExp(`^mkdir -p ${esc(MP)}$`), /^mount -t nfs /, /drops its record and raises/]);
});

test('the same error without "already mounted" raises before 16.0.0 too (15.0.0 volume/nfs.py _mount_nfs re-raises)', () => {
  const r = attach(lab('nfs', at('ocata_legacy', '15.0.0', mountError('mount.nfs: access denied by server while mounting 192.168.1.50:/srv/nfs/cinder'))), NFS_VOL, legacy);
  assert.equal(r.attachOutcome, 'failed');
  assert.match(r.error ?? '', /Exit code: 32/);
  assert.ok(!has(r, /is already mounted$/));
});

test('a mount that times out spends nfs(5)\'s foreground retry of 2 minutes before it fails', () => {
  const r = attach(lab('nfs', mountError('mount.nfs: Connection timed out')), NFS_VOL);
  assert.equal(r.attachOutcome, 'failed');
  const step = r.steps[idx(r, /^mount -t nfs /)]!;
  assert.equal(step.durationS, 120);
  assert.equal(step.status, 'error');
});

// --- the share's other users: counted (16.0.0 on) or left to the kernel (before) --------------

/** the share's second volume attached to db-1 on this host, so the share already has a user */
const otherUser: Tweak = (raw) => {
  raw.instances.push({ uuid: DB1, name: 'db-1' });
  Object.assign(raw.volumes[1], { status: 'in-use', attach_status: 'attached' });
  raw.volumes[1].attachments = [{ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', instance_uuid: DB1, attach_status: 'attached', host: 'compute-1' }];
};
const attachThenDetach = (l: ReturnType<typeof lab>) => attach(l, NFS_VOL, { ...legacy, race: { afterInUseS: 0 } });

test('15.0.0 volume/nfs.py: is_mounted skips the mount; disconnect_volume runs umount at every detach and the busy share is only a DEBUG "The NFS share … is still in use."', () => {
  const r = attachThenDetach(lab('nfs', at('ocata_legacy', '15.0.0', otherUser)));
  assert.equal(r.outcome, 'detached', texts(r).join('\n'));
  assert.ok(has(r, new RegExp(`${esc(MP)} already mounted: libvirt_utils\\.is_mounted`)), texts(r).join('\n'));
  assert.equal(count(r, /^mount -t nfs/), 0);
  assert.ok(has(r, new RegExp(`^umount ${esc(MP)}$`)), texts(r).join('\n'));
  assert.ok(has(r, new RegExp(`device is busy; DEBUG The NFS share ${esc(EXPORT)} is still in use\\.$`)));
});

test('16.0.0 volume/mount.py counts the share\'s users: no mount, and no umount while db-1 still uses it', () => {
  const r = attachThenDetach(lab('nfs', at('ocata_legacy', '16.0.0', otherUser)));
  assert.equal(r.outcome, 'detached', texts(r).join('\n'));
  assert.ok(has(r, new RegExp(`${esc(MP)} already mounted \\(1 user\\): no mount$`)), texts(r).join('\n'));
  assert.ok(has(r, new RegExp(`${esc(MP)} still in use \\(1 user\\): no umount`)));
  assert.ok(!has(r, /^umount /));
  // the DEBUG line for an already mounted mount point came with 17.0.0
  assert.ok(!has(r, /mountpoint already mounted/));
  const queens = attachThenDetach(lab('nfs', at('queens_to_2024_2', '17.0.0', otherUser)));
  assert.ok(has(queens, /\(DEBUG Mounting .* generation 0, mountpoint already mounted\)$/), texts(queens).join('\n'));
});

test('the last user: 16.0.0 on unmounts and removes the mount point (mount.py _real_umount); 15.0.0 unmounts only', () => {
  const pike = attachThenDetach(lab('nfs', at('ocata_legacy', '16.0.0')));
  inOrder(pike, [new RegExp(`^umount ${esc(MP)}$`), new RegExp(`^rmdir ${esc(MP)}$`)]);
  const ocata = attachThenDetach(lab('nfs', at('ocata_legacy', '15.0.0')));
  assert.ok(has(ocata, new RegExp(`^umount ${esc(MP)}$`)));
  assert.ok(!has(ocata, /^rmdir /));
  assert.ok(!has(ocata, /device is busy/));
});

test('the lab-host schema takes [libvirt]nfs_mount_options as null (unset, as upstream\'s default) and refuses a number', () => {
  const r = attach(lab('nfs', novaOpts(null)), NFS_VOL);
  assert.ok(has(r, new RegExp(`^mount -t nfs -o vers=4\\.1,nconnect=4 ${esc(EXPORT)} `)), texts(r).join('\n'));
  assert.throws(() => lab('nfs', (raw) => { raw.host.nova_conf = { libvirt: { nfs_mount_options: 3 } }; }), /nfs_mount_options/);
});

// --- a failed spawn's disconnect of a share whose mount failed -------------------------------------

const bootNfs = (profile: string, rel: string | null) => {
  const l = lab('nfs', at(profile, rel, (raw) => { raw.volumes[0].bootable = true; raw.backends.share.mount_error = 'mount.nfs: Connection refused'; }));
  const root = { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 5, uuid: NFS_VOL, no_device: false, delete_on_termination: false, volume_type: null, tag: null } as const;
  return simulateBoot(l, [root], { hashes, microversion: profile === 'modern' || profile === 'queens_to_2024_2' ? '2.60' : '2.1' });
};

test('a spawn whose NFS mount failed: the destroy\'s disconnect finds no attachment on record (master volume/mount.py _HostMountState.umount: WARNING "Request to remove attachment …", the mount point not mounted, no umount); 15.0.0 runs umount ("not mounted": DEBUG "… has already been unmounted."), 12.0.0 logs "Couldn\'t unmount the NFS share" (no "not mounted" case before 13.0.0)', () => {
  const master = bootNfs('modern', null);
  assert.equal(master.outcome, 'error');
  inOrder(master, [/Instance failed to spawn: ProcessExecutionError: /, new RegExp(`^WARNING Request to remove attachment \\(volume-${NFS_VOL} from ${esc(MP)}, but we don't think it's in use\\.$`)]);
  assert.ok(!has(master, /^umount /), texts(master).join('\n'));
  const ocata = bootNfs('ocata_legacy', '15.0.0');
  assert.ok(has(ocata, new RegExp(`not mounted; DEBUG The NFS share ${esc(EXPORT)} has already been unmounted\\.$`)), texts(ocata).join('\n'));
  const liberty = bootNfs('ocata_legacy', '12.0.0');
  assert.ok(has(liberty, new RegExp(`ERROR Couldn't unmount the NFS share ${esc(EXPORT)}$`)), texts(liberty).join('\n'));
});
