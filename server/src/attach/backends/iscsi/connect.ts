/**
 * os-brick's iSCSI connect_volume on the compute host (attach-flow.md e.2-e.6): logins with
 * iscsid's timeouts, sysfs scans, single path with portal fall-back, multipath with one
 * login thread per portal, and the pre-1.14 by-path code of the legacy profiles. Threads
 * are scheduler tasks, so a dead portal really holds the multipath loop for 120 s.
 */
import { SimError } from '../../engine/run';
import { acquire, sleep, type Flow } from '../../engine/scheduler';
import { T } from '../../engine/timings';
import type { Portal } from '../../types';
import type { VolumeState, World } from '../../engine/world';
import type { ConnectResult, HostCtx } from '../backend';
import { waitForPath, waitForRw } from '../osBrick';
import { brickFormatsLun, byPathLun, lunVisibleAfterRescans } from '../common';
import { volumeScanTries } from '../../engine/novaConfRead';

export interface Target {
  portal: string;
  iqn: string;
  lun: number;
}

export function targetsOf(data: Record<string, unknown>): Target[] {
  const portals = data.target_portals as string[] | undefined;
  const iqns = data.target_iqns as string[] | undefined;
  if (portals && iqns) {
    const luns = (data.target_luns as number[] | undefined) ?? portals.map(() => Number(data.target_lun ?? 0));
    return portals.map((p, i) => ({ portal: p, iqn: iqns[i] ?? String(data.target_iqn), lun: luns[i] ?? 0 }));
  }
  return [{ portal: String(data.target_portal), iqn: String(data.target_iqn), lun: Number(data.target_lun ?? 0) }];
}

export function labPortal(vol: VolumeState, address: string): Portal {
  return vol.backend.portals.find((p) => p.address === address) ?? { address, reachable: true };
}

/** "10.0.0.5:3260" as iscsiadm prints it: "10.0.0.5,3260" */
export function comma(portal: string): string {
  const i = portal.lastIndexOf(':');
  return i < 0 ? portal : `${portal.slice(0, i)},${portal.slice(i + 1)}`;
}

export function node(t: Target): string {
  return `iscsiadm -m node -T ${t.iqn} -p ${t.portal}`;
}

export const sessionKey = (t: Target): string => `${t.portal}|${t.iqn}`;

/** Sessions listed in a log line; a boot with thousands of volumes says how many more there are. */
const SESSIONS_LISTED = 16;

export function sessionList(sessions: Map<string, number>): string {
  const out: string[] = [];
  for (const [k, id] of sessions) {
    if (out.length === SESSIONS_LISTED) break;
    out.push(`tcp: [${id}] ${comma(k.split('|')[0]!)},1 ${k.split('|')[1]}`);
  }
  const more = sessions.size - out.length;
  return out.join('; ') + (more > 0 ? `; … ${more} more session${more > 1 ? 's' : ''}` : '');
}

/** _connect_to_iscsi_portal: node record, CHAP, session check, --login. Returns the session id or null. */
export function* login(ctx: HostCtx, t: Target, legacy: boolean): Flow<number | null> {
  const { run, actor, data } = ctx;
  const w = run.world;
  const lock = `connect_to_iscsi_portal-${t.portal}-${t.iqn}`;
  if (!legacy) yield* acquire(lock);
  try {
    // The node record, scan mode and CHAP are set on every call; only then does
    // `iscsiadm -m session` show whether this portal and IQN already have a session.
    const existing = w.sessions.get(sessionKey(t));
    run.note(actor, `INFO Trying to connect to iSCSI portal ${t.portal}`);
    if (!w.nodeRecords.has(sessionKey(t))) {
      run.note(actor, `${node(t)}: exit code 21, stderr 'iscsiadm: No records found'`);
      run.note(actor, `${node(t)} --interface default --op new: New iSCSI node [tcp:[hw=,ip=,net_if=,iscsi_if=default] ${comma(t.portal)},-1 ${t.iqn}] added`);
      w.nodeRecords.add(sessionKey(t));
    }
    if (!legacy && w.lab.host.iscsiadm_supports_manual_scan) run.note(actor, `${node(t)} --op update -n node.session.scan -v manual`);
    if (data.auth_method === 'CHAP') {
      run.note(actor, `${node(t)} --op update -n node.session.auth.authmethod -v CHAP`);
      run.note(actor, `${node(t)} --op update -n node.session.auth.username -v ${String(data.auth_username)}`);
      run.note(actor, `${node(t)} --op update -n node.session.auth.password -v ${String(data.auth_password)}`);
    }
    run.note(actor, w.sessions.size ? `iscsiadm -m session: ${sessionList(w.sessions)}` : "iscsiadm -m session: exit code 21, 'iscsiadm: No active sessions.'");
    if (existing !== undefined) {
      run.skip(actor, `session [${existing}] ${comma(t.portal)},1 ${t.iqn} exists: no new login`);
      return existing;
    }
    const p = labPortal(ctx.vol, t.portal);
    const ident = `[iface: default, target: ${t.iqn}, portal: ${comma(t.portal)}]`;
    if (p.reachable) {
      yield* run.step(actor, `${node(t)} --login`, T.login);
      run.note(actor, `iscsiadm ('--login',): stdout=Logging in to ${ident} (multiple) Login to ${ident} successful.`);
      run.note(actor, `${node(t)} --op update -n node.startup -v automatic`);
      const id = w.counter('iscsi-session');
      w.sessions.set(sessionKey(t), id);
      return id;
    }
    if (p.refuses) {
      yield* run.step(actor, `${node(t)} --login`, T.loginRefused, 'error');
      run.error(actor, `iscsiadm: Could not login to ${ident}. iscsiadm: initiator reported error (4 - encountered connection failure)`);
      run.error(actor, `WARNING Failed to login iSCSI target ${t.iqn} on portal ${t.portal} (exit code 4).`);
      return null;
    }
    // iscsid: login_timeout 15 s x initial_login_retry_max 8 = 120 s on an unreachable portal
    yield* run.step(actor, `${node(t)} --login (portal unreachable: iscsid retries 8 x 15 s)`, T.loginTimeout, 'error');
    run.error(actor, `iscsiadm: exit code 8, stdout 'Logging in to ${ident} (multiple)', stderr 'iscsiadm: Could not login to ${ident}. iscsiadm: initiator reported error (8 - connection timed out) iscsiadm: Could not log into all portals'`);
    run.error(actor, `WARNING Failed to login iSCSI target ${t.iqn} on portal ${t.portal} (exit code 8).`);
    return null;
  } finally {
    if (!legacy) w.sched.release(lock);
  }
}

/** Seconds from the first scan until _connect_vol gives up: sum of (k+2)^2 for k = 0..rescans. */
export function scanGiveUpS(rescans: number): number {
  let s = 0;
  for (let k = 0; k <= rescans; k++) s += (k + 2) ** 2;
  return s;
}

/** _connect_vol: login, then scan sysfs until the LUN shows. Returns the sdX name or null. */
function* connectVol(ctx: HostCtx, t: Target): Flow<string | null> {
  const session = yield* login(ctx, t, false);
  if (session === null) {
    ctx.run.error(ctx.actor, `WARNING Failed to connect to iSCSI portal ${t.portal}.`);
    return null;
  }
  return yield* connectVolAfterLogin(ctx, t, session);
}

/**
 * A forced `_cleanup_connection` of one target (connectors/iscsi.py, os-brick 1.14.0 to 7.1.0):
 * `_get_connection_devices` keeps a target with a session, and also one that has only a node
 * record (`iscsiadm -m node`, its login failed); `_disconnect_from_iscsi_portal` then sets
 * node.startup manual, logs out (exit code 21 accepted when there is no session) and deletes
 * the node record.
 */
function cleanupTarget(ctx: HostCtx, t: Target): void {
  const w = ctx.run.world;
  const key = sessionKey(t);
  const session = w.sessions.has(key);
  if (!session && !w.nodeRecords.has(key)) return;
  const logout = session ? `${node(t)} --logout` : `${node(t)} --logout: exit code 21, stderr 'iscsiadm: No matching sessions found'`;
  ctx.run.note(ctx.actor, `${node(t)} --op update -n node.startup -v manual; ${logout}; ${node(t)} --op delete`);
  w.sessions.delete(key);
  w.nodeRecords.delete(key);
}

function* retryWait(ctx: HostCtx, attempt: number): Flow {
  const wait = ctx.run.world.facts.retryWaits[attempt - 1]!;
  yield* ctx.run.step(ctx.actor, `DEBUG VolumeDeviceNotFound: retrying connect in ${wait / 1000} s (attempt ${attempt + 1} of 3)`, wait, 'warn');
}

/** e.4: every target in turn until one gives a device; 3 attempts. */
export function* connectSingle(ctx: HostCtx): Flow<ConnectResult> {
  const targets = targetsOf(ctx.data);
  for (let attempt = 1; attempt <= 3; attempt++) {
    for (const t of targets) {
      const dev = yield* connectVol(ctx, t);
      if (dev) {
        ctx.run.note(ctx.actor, `DEBUG WWN of ${dev}: ${ctx.wwn} (/sys/block/${dev}/device/wwid)`);
        return { type: 'block', scsi_wwn: ctx.wwn, path: `/dev/${dev}` };
      }
      cleanupTarget(ctx, t);
    }
    if (attempt < 3) yield* retryWait(ctx, attempt);
  }
  for (const t of targets) cleanupTarget(ctx, t);
  throw new SimError('Volume device not found at .', null, 'VolumeDeviceNotFound');
}

interface ThreadState {
  t: Target;
  loggedIn: boolean | null; // null while the login is running
  dev: string | null;
  done: boolean;
}

/**
 * e.5 with connect_volume's handler (connectors/iscsi.py `connect_volume`, os-brick 1.14.0 to
 * 7.1.0): when `_connect_multipath_volume` gives up (its three tries), a forced
 * `_cleanup_connection` logs out of every target of the connection and deletes their node
 * records before the error goes up. (Single path cleans each target as it fails.)
 */
export function* connectMultipath(ctx: HostCtx): Flow<ConnectResult> {
  const known: Target[] = [];
  try {
    return yield* connectMultipathTries(ctx, known);
  } catch (e) {
    if (e instanceof SimError) for (const t of known) cleanupTarget(ctx, t);
    throw e;
  }
}

/** e.5: parallel logins, 1 s poll, dm via multipathd, 10 s grace without a dm. `known` gets the connection's targets. */
function* connectMultipathTries(ctx: HostCtx, known: Target[]): Flow<ConnectResult> {
  const { run, actor, vol } = ctx;
  const w = run.world;
  let targets = targetsOf(ctx.data);
  known.push(...targets);
  if (!ctx.data.target_portals) {
    const portal = String(ctx.data.target_portal);
    run.note(actor, `iscsiadm -m discovery -t sendtargets -I default -p ${portal}`);
    if (!labPortal(vol, portal).reachable) {
      run.error(actor, 'WARNING Exception encountered during portal discovery');
      throw new SimError(`Unable to find target portal ${portal}.`, null, 'TargetPortalNotFound');
    }
    targets = vol.backend.portals.map((p) => ({ portal: p.address, iqn: p.iqn ?? String(ctx.data.target_iqn), lun: Number(ctx.data.target_lun ?? 0) }));
    known.splice(0, known.length, ...targets);
  }
  const dmEver = w.lab.host.multipathd_running && vol.lab.dm_uuid_link_appears_after_s !== null;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const threads: ThreadState[] = targets.map((t) => ({ t, loggedIn: null, dev: null, done: false }));
    for (const th of threads) {
      w.sched.spawn(`iscsi-thread ${th.t.portal}`, (function* () {
        const session = yield* login(ctx, th.t, false);
        th.loggedIn = session !== null;
        if (session === null) run.error(actor, `WARNING Failed to connect to iSCSI portal ${th.t.portal}.`);
        else th.dev = yield* connectVolAfterLogin(ctx, th.t, session);
        th.done = true;
      })());
    }
    let dm: string | null = null;
    let dmAt: number | null = null;
    let added = false;
    let graceUntil: number | null = null;
    const start = run.now;
    for (;;) {
      yield* sleep(T.poll);
      const devs = threads.filter((th) => th.dev).map((th) => th.dev!);
      if (!dm && dmAt !== null && run.now >= dmAt) {
        dm = w.nextDm();
        run.note(actor, `DEBUG Found WWN ${ctx.wwn} for multipath device ${dm} (holders of /sys/block/${devs[0]})`);
      }
      if (!dm && devs.length > 0 && dmEver) {
        if (!added) {
          run.note(actor, `multipath -a ${ctx.wwn}: wwid '${ctx.wwn}' added`);
          for (const d of devs) run.note(actor, `multipathd add path /dev/${d}`);
          added = true;
          const extra = (vol.lab.dm_uuid_link_appears_after_s ?? 1) * 1000;
          if (dmAt === null) dmAt = run.now + Math.max(T.dmAfterPath, extra);
        }
      }
      const allDone = threads.every((th) => th.done);
      const allLogged = threads.every((th) => th.loggedIn !== null);
      if (dm && allLogged) break;
      if (allDone && devs.length === 0) break;
      if (allDone && devs.length > 0 && !dm) {
        if (graceUntil === null) {
          graceUntil = run.now + T.mpathGrace;
          run.note(actor, 'DEBUG All connection threads finished, giving 10 seconds for dm to appear.');
        } else if (run.now >= graceUntil) break;
      }
      if (run.now - start > 3_600_000) break;
    }
    const devs = threads.filter((th) => th.dev).map((th) => th.dev!);
    if (devs.length === 0) {
      if (attempt < 3) {
        yield* retryWait(ctx, attempt);
        continue;
      }
      throw new SimError('Volume device not found at .', null, 'VolumeDeviceNotFound');
    }
    if (!dm) {
      run.warn(actor, 'WARNING No dm was created, connection to volume is probably bad and will perform poorly.');
      return { type: 'block', scsi_wwn: ctx.wwn, path: `/dev/${devs[0]}` };
    }
    if (w.facts.waitForMpathDevice) run.note(actor, `multipath -C ${dm}: ready for I/O`);
    return { type: 'block', scsi_wwn: ctx.wwn, path: `/dev/${dm}`, multipath_id: ctx.wwn };
  }
  throw new SimError('Volume device not found at .', null, 'VolumeDeviceNotFound');
}

/**
 * The scan half of _connect_vol (e.3), after a login (connectors/iscsi.py). A LUN that shows
 * only after N rescans (lab `lun_visible_after_rescans`; the manual scan right after the login
 * does not count) is seen T.lunAfterScan after rescan N.
 * - `poll` (os-brick >= 2.6.0): the loop runs when the scan tries are > 0 or the scan mode is
 *   manual; the manual scan at once, then rescan k (k + 1)^2 s after the one before (4, 13, 29,
 *   54, 90, 139 s with 5 tries), the last one being the scan that takes num_rescans past the tries;
 * - `squares` (1.14.0-2.5.7): the loop runs only with tries > 0; the manual scan at once, then
 *   rescan k after a (k + 1)^2 s sleep while k + 1 <= the tries (4, 13, 29, 54 s with 5 tries).
 * A loop that never runs never looks for the device: the LUN is "not found".
 */
function* connectVolAfterLogin(ctx: HostCtx, t: Target, session: number): Flow<string | null> {
  const { run, actor } = ctx;
  const w = run.world;
  run.note(actor, `DEBUG Connected to ${t.portal}`);
  const hostNo = 2 + session; // one SCSI host per iSCSI session
  const manual = w.lab.host.iscsiadm_supports_manual_scan;
  const shows = ctx.vol.lab.lun_visible ?? true;
  const need = lunVisibleAfterRescans(ctx.vol.lab);
  const found = function* (): Flow<string> {
    yield* sleep(T.lunAfterScan);
    const dev = w.nextScsiDisk();
    run.note(actor, `DEBUG Connected to ${dev} using {'target_portal': '${t.portal}', 'target_iqn': '${t.iqn}', 'target_lun': ${t.lun}} (/sys/class/scsi_host/host${hostNo}/device/session${session}/target${hostNo}:0:0/${hostNo}:0:0:${t.lun}/block/${dev})`);
    return dev;
  };
  const rescans = volumeScanTries(run);
  const poll = w.facts.iscsiScan === 'poll';
  if (poll ? rescans > 0 || manual : rescans > 0) {
    if (manual) run.note(actor, `scan: echo '0 0 ${t.lun}' > /sys/class/scsi_host/host${hostNo}/scan`);
    if (shows && need === 0) return yield* found();
    let at = 0;
    // poll: rescan k follows while num_rescans (k - 1) <= tries; squares: while retry (k + 1) <= tries
    for (let k = 1; poll ? k - 1 <= rescans : k + 1 <= rescans; k++) {
      const next = (k + 1) ** 2 * 1000;
      yield* sleep(next);
      at += next;
      run.note(actor, `scan: echo '0 0 ${t.lun}' > /sys/class/scsi_host/host${hostNo}/scan (rescan ${k}, +${at / 1000} s)`);
      if (shows && k >= need) return yield* found();
    }
  }
  run.error(actor, `WARNING LUN ${t.lun} on iSCSI portal ${t.portal} not found on sysfs after logging in.`);
  return null;
}

// ---- os-brick <= 1.13 and Nova's own pre-Liberty code (ocata_legacy, kilo_prefix) ---------

/** `_get_device_path`: the LUN as linuxscsi.py `process_lun_id` writes it (os-brick >= 1.1.0). */
function byPath(t: Target, w: World): string {
  return `/dev/disk/by-path/ip-${t.portal.replace(/^\[|\](?=:)/g, '')}-iscsi-${t.iqn}-lun-${byPathLun(t.lun, brickFormatsLun(w))}`;
}

/**
 * os-brick <= 1.13's `host_devices` list as its log lines and VolumeDeviceNotFound show it
 * (`%s` of a Python list): the by-path names are unicode on Python 2 (connection_info comes
 * from JSON), so each reads u'…' there.
 */
function hostDevices(run: HostCtx['run'], list: Target[]): string {
  const u = run.world.facts.osType === 'linux2' ? 'u' : '';
  return `[${list.map((t) => `${u}'${byPath(t, run.world)}'`).join(', ')}]`;
}

/** e.6: sequential logins, by-path devices, tries^2 rescans, dm-uuid-mpath wait. */
export function* connectLegacy(ctx: HostCtx, multipath: boolean): Flow<ConnectResult> {
  const { run, actor, vol } = ctx;
  const w = run.world;
  const targets = targetsOf(ctx.data);
  const scanTries = volumeScanTries(run);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const logged: Target[] = [];
    // _get_potential_volume_paths: single path logs in to the first target that answers (a
    // WARNING for each that does not); multipath logs in to every target and rescans
    // (`_rescan_iscsi`: node and session --rescan), and runs again on every try of the loop
    const loginAll = function* (list: Target[]): Flow {
      run.note(actor, multipath ? 'INFO Multipath discovery for iSCSI enabled' : 'INFO Multipath discovery for iSCSI not enabled.');
      for (const t of list) {
        const s = yield* login(ctx, t, true);
        if (s === null && !multipath) run.error(actor, `WARNING Failed to connect to iSCSI portal ${t.portal}.`);
        else if (s !== null && !logged.includes(t)) logged.push(t);
        if (s !== null && !multipath) break;
      }
      if (multipath) run.note(actor, 'iscsiadm -m node --rescan; iscsiadm -m session --rescan');
    };
    yield* loginAll(targets);
    if (logged.length === 0) {
      run.error(actor, 'ERROR Could not login to any iSCSI portal.');
      throw new SimError('Could not login to any iSCSI portal.', null, 'FailedISCSITargetPortalLogin');
    }
    const candidates = multipath ? targets : logged.slice(0, 1);
    const visibleAt = new Map<Target, number>();
    // a LUN that shows only after N `--rescan`s (lab `lun_visible_after_rescans`) counts from this attempt's rescans
    const needRescans = lunVisibleAfterRescans(vol.lab);
    let tries = 0;
    const markVisible = (): void => {
      if (tries < needRescans) return;
      for (const t of logged) if (!visibleAt.has(t) && (vol.lab.lun_visible ?? true)) visibleAt.set(t, run.now + T.lunAfterScan);
    };
    markVisible();
    let found: Target | null = null;
    for (;;) {
      found = candidates.find((t) => (visibleAt.get(t) ?? Infinity) <= run.now) ?? null;
      if (found) break;
      if (tries >= scanTries) break;
      const level = w.facts.legacyTryLevel;
      run.note(actor, `${level} ISCSI volume not yet found at: ${hostDevices(run, candidates)}. Will rescan & retry.  Try number: ${tries}.`, 0, level === 'WARNING' ? 'warn' : 'info');
      if (multipath) yield* loginAll(targets);
      else run.note(actor, `${node(logged[0]!)} --rescan`);
      tries += 1;
      markVisible();
      yield* run.step(actor, `sleep ${tries * tries} s (tries^2)`, tries * tries * 1000);
    }
    if (!found) {
      if (attempt < 3) {
        yield* retryWait(ctx, attempt);
        continue;
      }
      // connect_volume raises VolumeDeviceNotFound(device=host_devices): the whole list
      throw new SimError(`Volume device not found at ${hostDevices(run, candidates)}.`, null, 'VolumeDeviceNotFound');
    }
    run.note(actor, `DEBUG Found iSCSI node ${hostDevices(run, candidates)} (after ${tries} rescans)`);
    const sd = w.nextScsiDisk();
    run.note(actor, `/lib/udev/scsi_id --page 0x83 --whitelisted ${byPath(found, w)}: ${ctx.wwn}`);
    if (!multipath) return { type: 'block', scsi_wwn: ctx.wwn, path: byPath(found, w) };
    const dmAfter = vol.lab.dm_uuid_link_appears_after_s;
    const dmAt = w.lab.host.multipathd_running && dmAfter !== null ? (visibleAt.get(found) ?? run.now) + (dmAfter ?? 1) * 1000 : Infinity;
    const mpath = yield* waitForPath(ctx, `/dev/disk/by-id/dm-uuid-mpath-${ctx.wwn}`, dmAt);
    const mapper = mpath ? true : yield* waitForPath(ctx, `/dev/mapper/${ctx.wwn}`, dmAt);
    if (!mpath && !mapper) run.warn(actor, `WARNING couldn't find a valid multipath device path for ${ctx.wwn}`);
    if (!mpath && !mapper) {
      // connectors/base.py `_discover_mpath_device`: find_multipath_device takes the real path
      yield* run.step(actor, `multipath -l /dev/${sd}`, T.multipathList);
      run.note(actor, `DEBUG Unable to find multipath device name for volume. Using path ${byPath(found, w)} for volume.`);
    }
    const path = mpath ? `/dev/disk/by-id/dm-uuid-mpath-${ctx.wwn}` : mapper ? `/dev/mapper/${ctx.wwn}` : byPath(found, w);
    if (!vol.lab.readonly) yield* waitForRw(ctx, path, '');
    if (mpath || mapper) return { type: 'block', scsi_wwn: ctx.wwn, path, multipath_id: ctx.wwn };
    return { type: 'block', scsi_wwn: ctx.wwn, path };
  }
  throw new SimError('Volume device not found at .', null, 'VolumeDeviceNotFound');
}
