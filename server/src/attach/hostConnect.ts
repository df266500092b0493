/**
 * Nova's libvirt volume drivers on the compute host (attach-flow.md C8.3, e.1, e.7-e.9):
 * pick the handler for driver_volume_type, run os-brick (iSCSI, FC) or mount (NFS) and set
 * data.device_path; RBD has no host step at all. Also the reverse (disconnect_volume).
 */
import { nfsMountPoint } from '../libvirt/connectionInfo';
import { connectFc } from './fc';
import { connectLegacy, connectMultipath, connectSingle, type ConnectResult, type IscsiCtx } from './iscsi';
import { SimError, type Run } from './run';
import { acquire, type Flow } from './scheduler';
import { T } from './timings';
import type { VolumeState } from './world';

const HANDLERS = new Set(['iscsi', 'iser', 'local', 'fake', 'rbd', 'nfs', 'smbfs', 'fibre_channel', 'gpfs', 'quobyte', 'scaleio', 'vzstorage', 'storpool', 'nvmeof', 'lightos', 'file']);

function pyDict(o: Record<string, unknown>): string {
  return `{${Object.entries(o)
    .map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** modern check_multipath at the start of iSCSI/FC connect_volume. */
function checkMultipath(run: Run, actor: string, data: Record<string, unknown>): void {
  const host = run.world.lab.host;
  run.note(actor, `multipathd show status: ${host.multipathd_running ? 'running' : 'error receiving packet'}`);
  if (host.multipath_enabled && !host.multipathd_running) {
    if (data.enforce_multipath === true) throw new SimError("Multipathing is enforced but the host doesn't support multipathing.", null, 'BrickException');
    run.note(actor, "WARNING Multipathing is requested but the host doesn't support multipathing.");
  }
}

/**
 * Connect the volume on the host and return os-brick's answer (null for RBD). Mutates
 * `ci.data` the way Nova does: device_path, and multipath_id for FC.
 */
export function* connectVolume(run: Run, vol: VolumeState, ci: Record<string, unknown>, wwn: string): Flow<ConnectResult | null> {
  const w = run.world;
  const type = String(ci.driver_volume_type);
  const data = ci.data as Record<string, unknown>;
  if (!HANDLERS.has(type)) throw new SimError(`Could not find a handler for ${type} volume.`, null, 'VolumeDriverNotFound');
  const actor = w.facts.brickActor;
  if (type === 'rbd') {
    run.note('nova-compute', 'LibvirtNetVolumeDriver.connect_volume: no host-side step for rbd (QEMU opens the image through librbd)');
    return null;
  }
  if (type === 'nfs') {
    const mp = nfsMountPoint(w.hashes, String(data.export), w.lab.host.nova_conf.nfs_mount_point_base);
    const refs = w.nfsMounts.get(mp) ?? 0;
    if (refs === 0) {
      const opts = data.options ? ` ${String(data.options)}` : '';
      yield* run.step('nova-compute', `mount -t nfs${opts} ${String(data.export)} ${mp}`, T.nfsMount);
    } else {
      run.note('nova-compute', `${mp} already mounted (${refs} user${refs > 1 ? 's' : ''}): no mount`);
    }
    w.nfsMounts.set(mp, refs + 1);
    data.device_path = `${mp}/${String(data.name)}`;
    return { type: 'file', path: data.device_path as string };
  }
  if (type === 'file') {
    run.note('nova-compute', `lab file backend: the guest disk is the raw file ${String(data.device_path)} (no host-side connect)`);
    return { type: 'file', path: String(data.device_path) };
  }
  if (type !== 'iscsi' && type !== 'iser' && type !== 'fibre_channel') {
    throw new SimError(`The ${type} volume driver is not simulated by the lab host.`, null, 'VolumeDriverNotSupported');
  }
  const ctx: IscsiCtx = { run, vol, data, actor, wwn };
  const lock = 'os-brick-connect_volume';
  const isFc = type === 'fibre_channel';
  if (w.facts.brickActor === 'os-brick') run.note('nova-compute', isFc ? 'DEBUG Calling os-brick to attach FC Volume' : 'DEBUG Calling os-brick to attach iSCSI Volume');
  const waitStart = run.now;
  yield* acquire(lock);
  if (run.now > waitStart) run.note(actor, `Lock "connect_volume" acquired by "os_brick.initiator.connectors.${isFc ? 'fibre_channel' : 'iscsi'}.connect_volume" :: waited ${((run.now - waitStart) / 1000).toFixed(3)}s`);
  const started = run.now;
  try {
    if (w.facts.brickActor === 'os-brick') run.note(actor, `DEBUG ==> connect_volume: call ${pyDict({ connection_properties: data } as Record<string, unknown>)}`);
    let res: ConnectResult;
    try {
      if (w.facts.multipathCheckInConnect) {
        checkMultipath(run, actor, data);
        yield* run.step(actor, 'connect_volume: lock taken, multipath checked', T.checkMultipath);
      }
      const multipath = w.lab.host.multipath_enabled && (w.facts.multipathCheckInConnect || w.lab.host.multipathd_running);
      if (isFc) res = yield* connectFc(ctx);
      else if (!w.facts.refactoredIscsi) res = yield* connectLegacy(ctx, multipath);
      else res = multipath ? yield* connectMultipath(ctx) : yield* connectSingle(ctx);
    } catch (e) {
      if (e instanceof SimError && w.facts.brickActor === 'os-brick') run.note(actor, `DEBUG <== connect_volume: exception (${run.now - started}ms) ${e.kind}: ${e.message}`);
      throw e;
    }
    if (vol.lab.encrypted && w.profile === 'modern') {
      const link = `/dev/disk/by-id/os-brick${res.path.replace(/\//g, '+')}`;
      run.note(actor, `encrypted volume: ${res.path} is returned as the symlink ${link}`);
      res = { ...res, path: link };
    }
    if (w.facts.brickActor === 'os-brick') run.note(actor, `DEBUG <== connect_volume: return (${run.now - started}ms) ${pyDict(res as unknown as Record<string, unknown>)}`);
    data.device_path = res.path;
    if (isFc && res.multipath_id) data.multipath_id = res.multipath_id;
    run.note('nova-compute', `DEBUG Attached ${isFc ? 'FC' : 'iSCSI'} volume ${pyDict(res as unknown as Record<string, unknown>)}`);
    return res;
  } finally {
    w.sched.release(lock);
  }
}

/** disconnect_volume: flush and remove the host device, log out or unmount when unused. */
export function* disconnectVolume(run: Run, ci: Record<string, unknown>): Flow {
  const w = run.world;
  const type = String(ci.driver_volume_type);
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const path = typeof data.device_path === 'string' ? data.device_path : null;
  if (type === 'rbd' || type === 'file') return;
  if (type === 'nfs') {
    const mp = nfsMountPoint(w.hashes, String(data.export), w.lab.host.nova_conf.nfs_mount_point_base);
    const refs = (w.nfsMounts.get(mp) ?? 1) - 1;
    w.nfsMounts.set(mp, refs);
    if (refs <= 0) yield* run.step('nova-compute', `umount ${mp}`, T.nfsMount);
    return;
  }
  const lock = 'os-brick-connect_volume';
  yield* acquire(lock);
  try {
    yield* run.step(w.facts.brickActor, `disconnect_volume: flush and remove ${path ?? 'the device'}${type === 'fibre_channel' ? '' : '; iscsiadm --logout of the volume\'s sessions'}`, T.disconnect);
    if (path && (/^\/dev\/sd[a-z]+$/.test(path) || /^\/dev\/dm-\d+$/.test(path))) w.freeHostDevice(path.slice(5));
    if (type !== 'fibre_channel') {
      for (const key of [...w.sessions.keys()]) {
        const iqns = (data.target_iqns as string[] | undefined) ?? [String(data.target_iqn)];
        if (iqns.includes(key.split('|')[1]!)) w.sessions.delete(key);
      }
    }
  } finally {
    w.sched.release(lock);
  }
}
