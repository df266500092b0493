/**
 * How nova-compute mounts and unmounts an NFS share for a volume, per release.
 *
 * The command (every release): `mount -t nfs`, then `-o <[libvirt]nfs_mount_options>` when that
 * option is set, then connection_info `data.options` split at each space, then the export and
 * the mount point `<[libvirt]nfs_mount_point_base>/<md5 hex of the export>`
 * (nova/virt/libvirt/volume.py LibvirtNFSVolumeDriver `_mount_nfs` in 2014.2/2015.1,
 * volume/nfs.py `_mount_nfs` 12.0.0-15.x, volume/nfs.py `_mount_options` with
 * volume/mount.py from 16.0.0). 2014.2 adds `data.options` when it is not None (an empty
 * string becomes an empty argument); 2015.1.0 and later only when it is a non-empty string.
 *
 * Nova 16.0.0 and later (nova/virt/libvirt/volume/mount.py `_HostMountState`): one record per
 * mount point counting its attachments; `os.path.ismount` decides whether to mount; a failed
 * mount with the mount point still unmounted drops the record and raises the
 * ProcessExecutionError; `umount` (3 attempts) and `rmdir` only when the last attachment
 * goes. 16.x runs `mkdir -p` and the mount through rootwrap; 17.0.0 on, `fileutils.ensure_tree`
 * and privsep (nova/privsep/fs.py `mount`, `umount`), and a DEBUG line when the mount point is
 * already mounted.
 *
 * Before 16.0.0 the volume driver mounts itself (`_ensure_mounted`): `libvirt_utils.is_mounted`
 * (the mount point is a mount point and /proc/mounts lists the export on it) decides; a failed
 * mount whose error text says `already mounted` is only a WARNING "<export> is already
 * mounted", any other raises. `disconnect_volume` runs `umount` (one attempt) at every detach,
 * counting nothing: while another guest holds a file on the share the kernel refuses ("device
 * is busy"), which it logs at DEBUG "The NFS share <export> is still in use."; 13.0.0 on also
 * takes "not mounted" as DEBUG; any other failure is LOG.exception "Couldn't unmount the NFS
 * share <export>". Neither raises.
 */
import type { Run } from '../../engine/run';
import { NOVA_ROOTWRAP, processExecutionError } from '../common';
import type { Flow } from '../../engine/scheduler';
import { T } from '../../engine/timings';
import type { World } from '../../engine/world';
import { nfsMountPoint } from '../../../libvirt/connectionInfo';

/** nfs(5): a foreground mount keeps retrying for `retry=2` minutes before it gives up timed out. */
const MOUNT_RETRY_MS = 120_000;
/** mount.nfs's exit status for a failed mount (mount(8): 32 = mount failure). */
const MOUNT_FAILURE = 32;
/** util-linux mount(8) (2.38.1, run here): a third positional argument is a usage error, exit 1. */
const USAGE_ERROR = "mount: bad usage\nTry 'mount --help' for more information.";

/** nova/virt/libvirt/volume/mount.py drives the mounts (Nova >= 16.0.0). ocata_legacy without a release reads as Nova 15. */
export function hasMountManager(w: World): boolean {
  if (w.profile === 'modern' || w.profile === 'queens_to_2024_2') return true;
  if (w.profile === 'kilo_prefix') return false;
  return w.novaRelease !== undefined && w.novaRelease.major >= 16;
}

/** Nova >= 17.0.0: the mount and umount go through privsep (no rootwrap in the command). */
function privsep(w: World): boolean {
  return w.profile === 'modern' || w.profile === 'queens_to_2024_2';
}

/** Nova 2014.2 (Juno): `data.options` is added when it is not None. kilo_prefix without a release reads as Juno. */
function junoOptions(w: World): boolean {
  return w.profile === 'kilo_prefix' && !(w.novaRelease !== undefined && w.novaRelease.major >= 11);
}

/** The arguments between `mount -t nfs` and the export, as the release builds them. */
export function mountOptions(w: World, options: unknown): string[] {
  const out: string[] = [];
  const nova = w.lab.host.nova_conf.nfs_mount_options;
  if (typeof nova === 'string') out.push('-o', nova);
  if (typeof options === 'string' && (options !== '' || junoOptions(w))) out.push(...options.split(' '));
  return out;
}

/** The command as the log shows it: processutils joins the arguments with spaces. */
function commandText(argv: string[]): string {
  return argv.map((a) => (a === '' ? "''" : a)).join(' ');
}

/** util-linux mount's short options that take a value (the next argument when not attached). */
const VALUE_OPTIONS = new Set(['-o', '-t', '-O', '-L', '-U', '-N', '-T']);

/** How many arguments util-linux mount takes as source/target (getopt permutes them out). */
function positionalCount(args: string[]): number {
  let n = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (a === '' || !a.startsWith('-') || a === '-') n++;
  }
  return n;
}

/**
 * The users of a mount point: on first use, the lab host's own attachments (not this run's)
 * already connected to a server on this host whose volume's export mounts there (Nova >= 16 finds them from the guests'
 * file disks under a mounted mount point; before, the kernel's mount is what they keep); then
 * what this run's mounts and unmounts left.
 */
function mountUsers(w: World, mp: string): number {
  const known = w.nfsMounts.get(mp);
  if (known !== undefined) return known;
  let users = 0;
  for (const v of w.volumes.values()) {
    if (v.backend.protocol !== 'nfs' || nfsMountPoint(w.hashes, v.backend.export, w.lab.host.nova_conf.nfs_mount_point_base) !== mp) continue;
    // the lab host's own attachments, not this run's (a boot's are attached before its spawn mounts)
    for (const a of v.lab.attachments) {
      if (a.attach_status !== 'attached') continue;
      if (a.host ? a.host === w.lab.host.hostname : a.connection_info === true && w.instances.has(a.instance_uuid)) users++;
    }
  }
  w.nfsMounts.set(mp, users);
  return users;
}

export interface ShareMount {
  export: string;
  /** connection_info data.name (the volume's file) */
  name: string;
  mountPoint: string;
  /** connection_info data.options as Cinder sent it */
  options: unknown;
  /** the lab backend's mount_error: mount's stderr when it fails */
  mountError: string | null;
}

/** The mount's outcome: null when it succeeds, else its exit code and stderr. */
function mountOutcome(args: string[], mountError: string | null): { exitCode: number; stderr: string } | null {
  if (positionalCount(args) > 2) return { exitCode: 1, stderr: USAGE_ERROR };
  if (mountError !== null) return { exitCode: MOUNT_FAILURE, stderr: mountError };
  return null;
}

/** Mount the share for one more volume, the release's way; throws the ProcessExecutionError it raises. */
export function* mountShare(run: Run, m: ShareMount): Flow {
  const w = run.world;
  const mp = m.mountPoint;
  const opts = mountOptions(w, m.options);
  const args = ['-t', 'nfs', ...opts, m.export, mp];
  const manager = hasMountManager(w);
  const users = mountUsers(w, mp);
  if (manager) {
    run.note('nova-compute', `DEBUG _HostMountState.mount(fstype=nfs, export=${m.export}, vol_name=${m.name}, ${mp}, options=[${opts.map((o) => `'${o}'`).join(', ')}]) generation 0`);
  }
  if (users > 0) {
    if (manager) run.skip('nova-compute', `${mp} already mounted (${users} user${users > 1 ? 's' : ''}): no mount${privsep(w) ? ` (DEBUG Mounting ${mp} generation 0, mountpoint already mounted)` : ''}`);
    else run.skip('nova-compute', `${mp} already mounted: libvirt_utils.is_mounted finds ${m.export} on it in /proc/mounts, no mount`);
  } else {
    if (manager) run.note('nova-compute', `DEBUG Mounting ${mp} generation 0`);
    run.note('nova-compute', privsep(w) ? `fileutils.ensure_tree(${mp})` : `mkdir -p ${mp}`);
    const argv = ['mount', ...args];
    const failed = mountOutcome(args, m.mountError);
    const ms = failed && /timed out/i.test(failed.stderr) ? MOUNT_RETRY_MS : T.nfsMount;
    yield* run.step('nova-compute', commandText(argv), ms, failed ? 'error' : 'ok');
    if (failed) {
      // processutils joins the arguments with single spaces (an empty one leaves two)
      const command = privsep(w) ? argv.join(' ') : `${NOVA_ROOTWRAP} ${argv.join(' ')}`;
      const err = processExecutionError(command, failed.exitCode, failed.stderr);
      run.error('nova-compute', `mount exit code ${failed.exitCode}: ${failed.stderr.split('\n').join(' ')}`);
      if (manager) {
        // the mount point is still not mounted: the record goes and the error is raised
        run.note('nova-compute', `${mp} not mounted after the failed mount: _HostMountState drops its record and raises`);
        w.nfsMounts.delete(mp);
        throw err;
      }
      if (!err.message.includes('already mounted')) throw err;
      run.warn('nova-compute', `WARNING ${m.export} is already mounted`);
    }
  }
  w.nfsMounts.set(mp, users + 1);
  if (manager) run.note('nova-compute', `DEBUG _HostMountState.mount() for ${mp} generation 0 completed successfully`);
}

/**
 * Undo one volume's mount, the release's way (never raises). `name` is the volume's file: with no
 * user left on record (a mount that failed, a volume never connected) Nova >= 16 logs the
 * WARNING of `_HostMountState.umount` and, the mount point not being mounted, runs nothing;
 * older releases run `umount`, which says "not mounted" (DEBUG "… has already been unmounted."
 * from 13.0.0, LOG.exception "Couldn't unmount the NFS share …" before).
 */
export function* unmountShare(run: Run, exp: string, mp: string, name: string): Flow {
  const w = run.world;
  const users = mountUsers(w, mp);
  const manager = hasMountManager(w);
  if (users === 0) {
    if (manager) {
      run.warn('nova-compute', `WARNING Request to remove attachment (${name} from ${mp}, but we don't think it's in use.`);
      run.skip('nova-compute', `${mp} is not mounted: no umount`);
      return;
    }
    yield* run.step('nova-compute', `umount ${mp}`, T.nfsMount, 'skipped');
    const r = w.novaRelease;
    const newer = w.profile === 'ocata_legacy' && (!r || r.major >= 13);
    if (newer) run.note('nova-compute', `umount fails: umount: ${mp}: not mounted; DEBUG The NFS share ${exp} has already been unmounted.`);
    else run.error('nova-compute', `umount fails: umount: ${mp}: not mounted; ERROR Couldn't unmount the NFS share ${exp}`);
    return;
  }
  const refs = users - 1;
  w.nfsMounts.set(mp, refs);
  if (manager) {
    if (refs > 0) {
      run.skip('nova-compute', `${mp} still in use (${refs} user${refs > 1 ? 's' : ''}): no umount`);
      return;
    }
    yield* run.step('nova-compute', `umount ${mp}`, T.nfsMount);
    run.note('nova-compute', `rmdir ${mp}`);
    return;
  }
  // before 16.0.0: umount at every detach; the kernel refuses while another guest uses the share
  yield* run.step('nova-compute', `umount ${mp}`, T.nfsMount, refs > 0 ? 'skipped' : 'ok');
  if (refs > 0) run.note('nova-compute', `umount fails: umount.nfs: ${mp}: device is busy; DEBUG The NFS share ${exp} is still in use.`);
}
