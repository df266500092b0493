/**
 * What os-brick's block connectors (iSCSI, Fibre Channel) share on the compute host
 * (attach-flow.md C8.3, e.1, e.7): the connect_volume lock, the modern multipath check, the
 * encrypted-volume symlink, the call/return log lines, wait_for_path and disconnect_volume.
 * The protocol's own scan and login logic is the `connect` each backend passes in.
 */
import { SimError, type Run } from '../engine/run';
import { acquire, type Flow } from '../engine/scheduler';
import { T } from '../engine/timings';
import type { ConnectResult, HostCtx } from './backend';

export function pyDict(o: Record<string, unknown>): string {
  return `{${Object.entries(o)
    .map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** modern check_multipath at the start of iSCSI/FC connect_volume. */
function checkMultipath(run: Run, actor: string, data: Record<string, unknown>): void {
  const host = run.world.lab.host;
  run.note(actor, `multipathd show status: ${host.multipathd_running ? 'running' : 'error receiving packet'}`, 0, !host.multipathd_running && host.multipath_enabled ? 'warn' : 'info');
  if (host.multipath_enabled && !host.multipathd_running) {
    if (data.enforce_multipath === true) throw new SimError("Multipathing is enforced but the host doesn't support multipathing.", null, 'BrickException');
    run.warn(actor, "WARNING Multipathing is requested but the host doesn't support multipathing.");
  }
}

export interface BrickConnector {
  /** "iSCSI" or "FC", as Nova's log lines name it */
  label: string;
  /** os_brick.initiator.connectors.<module> */
  module: string;
  /** Nova copies os-brick's multipath_id into connection_info.data (FC) */
  keepsMultipathId: boolean;
  /** the protocol's connect_volume body, with multipath on or off */
  connect(ctx: HostCtx, multipath: boolean): Flow<ConnectResult>;
}

/** connect_volume of an os-brick block connector; sets data.device_path (and multipath_id). */
export function* brickConnect(ctx: HostCtx, c: BrickConnector): Flow<ConnectResult> {
  const { run, vol, data, actor } = ctx;
  const w = run.world;
  const lock = 'os-brick-connect_volume';
  // os-brick's utils.trace "==> / <==" lines: os-brick 1.5.0 on (Nova >= 14)
  const trace = w.facts.brickActor === 'os-brick' && w.facts.brickTrace;
  if (w.facts.brickActor === 'os-brick') run.note('nova-compute', `DEBUG Calling os-brick to attach ${c.label} Volume`);
  const waitStart = run.now;
  yield* acquire(lock);
  if (run.now > waitStart) run.note(actor, `Lock "connect_volume" acquired by "os_brick.initiator.connectors.${c.module}.connect_volume" :: waited ${((run.now - waitStart) / 1000).toFixed(3)}s`);
  const started = run.now;
  try {
    if (trace) run.note(actor, `DEBUG ==> connect_volume: call ${pyDict({ connection_properties: data } as Record<string, unknown>)}`);
    let res: ConnectResult;
    try {
      if (w.facts.multipathCheckInConnect) {
        checkMultipath(run, actor, data);
        yield* run.step(actor, 'connect_volume: lock taken, multipath checked', T.checkMultipath);
      }
      // Nova's own pre-Liberty code (kilo_prefix) uses iscsi_use_multipath as configured
      const multipath = w.lab.host.multipath_enabled && (w.facts.multipathCheckInConnect || w.facts.brickActor !== 'os-brick' || w.lab.host.multipathd_running);
      res = yield* c.connect(ctx, multipath);
    } catch (e) {
      if (e instanceof SimError && trace) run.error(actor, `DEBUG <== connect_volume: exception (${run.now - started}ms) ${e.kind}: ${e.message}`);
      throw e;
    }
    if (vol.lab.encrypted && w.facts.encryptedSymlink) {
      const link = `/dev/disk/by-id/os-brick${res.path.replace(/\//g, '+')}`;
      run.note(actor, `encrypted volume: ${res.path} is returned as the symlink ${link}`);
      res = { ...res, path: link };
    }
    if (trace) run.note(actor, `DEBUG <== connect_volume: return (${run.now - started}ms) ${pyDict(res as unknown as Record<string, unknown>)}`);
    data.device_path = res.path;
    if (c.keepsMultipathId && res.multipath_id) data.multipath_id = res.multipath_id;
    run.note('nova-compute', `DEBUG Attached ${c.label} volume ${pyDict(res as unknown as Record<string, unknown>)}`);
    return res;
  } finally {
    w.sched.release(lock);
  }
}

/** disconnect_volume of a block connector: flush and remove the host device; `logout` ends the volume's iSCSI sessions. */
export function* brickDisconnect(run: Run, ci: Record<string, unknown>, logout: boolean): Flow {
  const w = run.world;
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const path = typeof data.device_path === 'string' ? data.device_path : null;
  const lock = 'os-brick-connect_volume';
  yield* acquire(lock);
  try {
    yield* run.step(w.facts.brickActor, `disconnect_volume: flush and remove ${path ?? 'the device'}${logout ? '; iscsiadm --logout of the volume\'s sessions' : ''}`, T.disconnect);
    if (path && (/^\/dev\/sd[a-z]+$/.test(path) || /^\/dev\/dm-\d+$/.test(path))) w.freeHostDevice(path.slice(5));
    if (logout) {
      for (const key of [...w.sessions.keys()]) {
        const iqns = (data.target_iqns as string[] | undefined) ?? [String(data.target_iqn)];
        if (iqns.includes(key.split('|')[1]!)) w.sessions.delete(key);
      }
    }
  } finally {
    w.sched.release(lock);
  }
}

/** wait_for_path: 3 checks with the profile's retry waits (0, +2, +6 s legacy; 0, +1, +3 s modern). */
export function* waitForPath(ctx: HostCtx, path: string, appearsAt: number): Flow<boolean> {
  const waits = ctx.run.world.facts.retryWaits;
  for (let i = 1; i <= 3; i++) {
    if (ctx.run.now >= appearsAt) {
      ctx.run.note(ctx.actor, `${path} has shown up.`);
      return true;
    }
    ctx.run.note(ctx.actor, `Checking to see if ${path} exists yet. Failed attempt ${i}`);
    if (i < 3) yield* ctx.run.step(ctx.actor, `Sleeping for ${waits[i - 1]! / 1000} seconds`, waits[i - 1]!);
  }
  return false;
}

/**
 * linuxscsi.py `wait_for_rw` as connectors/base.py `_discover_mpath_device` calls it (os-brick
 * 1.0.0 to 7.1.0 alike): `lsblk -o NAME,RO -l -n`; a line of the WWN with RO 1 is followed by
 * `multipath -r` and BlockDeviceReadOnly, retried by utils.retry with retries=5 (5 checks;
 * waits interval x 2^(n-1) = 1, 2, 4, 8 s with tenacity, os-brick >= 3.1.0; interval x 2^n =
 * 2, 4, 8, 16 s with `retrying` before). The fifth read-only check ends in the caller's
 * WARNING and the attach goes on with the device as it is. The lab volume's `read_only_for_s`
 * says how long after the first check the kernel keeps the device read-only (null = for good).
 */
export function* waitForRw(ctx: HostCtx, devicePath: string, prefix: string): Flow {
  const { run, actor, vol } = ctx;
  const ro = vol.lab.read_only_for_s;
  const start = run.now;
  const rwAt = ro === undefined ? start : ro === null ? Infinity : start + ro * 1000;
  const first = run.world.facts.retryWaits[0];
  for (let attempt = 1; attempt <= RW_CHECKS; attempt++) {
    const checkedAt = run.now;
    yield* run.step(actor, `${prefix}Checking to see if ${devicePath} is read-only: lsblk -o NAME,RO -l -n`, T.lsblk);
    if (checkedAt >= rwAt) {
      run.note(actor, `${prefix}Block device ${devicePath} is not read-only.`);
      return;
    }
    run.note(actor, `${prefix}Block device ${devicePath} is read-only`, 0, 'warn');
    yield* run.step(actor, 'multipath -r', T.multipathReload);
    if (attempt < RW_CHECKS) {
      const wait = first * 2 ** (attempt - 1);
      yield* run.step(actor, `Sleeping for ${wait / 1000} seconds (BlockDeviceReadOnly: Block device ${devicePath} is Read-Only., attempt ${attempt} of ${RW_CHECKS})`, wait);
    }
  }
  run.warn(actor, `WARNING Block device ${devicePath} is still read-only. Continuing anyway.`);
}

/** utils.retry(exception.BlockDeviceReadOnly, retries=5) on wait_for_rw */
const RW_CHECKS = 5;
