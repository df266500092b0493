/**
 * iSCSI before os-brick (profile `kilo_prefix`): Nova's own libvirt volume driver,
 * nova/virt/libvirt/volume.py `LibvirtISCSIVolumeDriver`, read at 2014.2.4 (Juno) and 2015.1.2
 * (Kilo; a lab host whose `host.nova_release` is Nova 11 / 2015.1 / kilo gets Kilo's
 * differences). What it does, unlike os-brick:
 * - `connect_volume` (utils.synchronized('connect_volume')): without `iscsi_use_multipath`
 *   (the lab host's `multipath_enabled`) `_connect_to_iscsi_portal` on the one target, then
 *   `iscsiadm -m node -T … -p … --rescan`; with it, a sendtargets discovery through
 *   `target_portal` (`_run_iscsiadm_discover`, exit codes 0 and 255 accepted), a login to every
 *   listed portal (the given IQN when every listed portal lists it, else each listed IQN), then
 *   `_rescan_iscsi` (`iscsiadm -m node --rescan`, `iscsiadm -m session --rescan`);
 * - `_connect_to_iscsi_portal`: `iscsiadm -m node -T … -p …` (exit 21/255 -> `_reconnect`:
 *   `--op new` in Juno, `--interface default --op new` in Kilo), the three CHAP updates,
 *   `iscsiadm -m session`, `--login` unless a session exists (a failed login other than exit 15
 *   is swallowed), then `--op update -n node.startup -v automatic` whatever the login did;
 * - the device is the by-path link named from connection_info; while it is missing:
 *   `[libvirt]num_iscsi_scan_tries` (default 5; the lab host's `num_volume_scan_tries`) ends in
 *   NovaException "iSCSI device not found at <link>", else WARNING "ISCSI volume not yet found
 *   at: <guest dev>. Will rescan & retry.  Try number: N", `--rescan` of the node, and a sleep
 *   of tries² s (1, 4, 9, 16, 25) when the link is still missing; "Found iSCSI node <guest dev>
 *   (after N rescans)" only when N > 0;
 * - multipath: `multipath -r`, then `multipath -ll <real device>`: its first word names
 *   `/dev/mapper/<id>` and `multipath_id`; no map keeps the by-path link, with no log line;
 * - no WWN read, no wait for a dm-uuid link, no read-only check;
 * - Juno stores the device as connection_info `data.host_device` (get_config reads it); Kilo
 *   as `data.device_path`.
 * `disconnect_volume` (same semaphore): see disconnectIscsiJuno.
 */
import { SimError, type Run } from '../../engine/run';
import { acquire, type Flow } from '../../engine/scheduler';
import { T } from '../../engine/timings';
import type { VolumeState, World } from '../../engine/world';
import type { ConnectResult, HostCtx } from '../backend';
import { lunVisibleAfterRescans } from '../common';
import { volumeScanTries } from '../../engine/novaConfRead';
import { comma, labPortal, node, sessionKey, sessionList, targetsOf, type Target } from './connect';

/** Nova's in-process `connect_volume` semaphore (utils.synchronized), shared by its volume drivers. */
const LOCK = 'os-brick-connect_volume';
const ROOTWRAP = 'sudo nova-rootwrap /etc/nova/rootwrap.conf';

/** Per simulation: the by-path link -> the sdX it points at (for realpath, multipath -ll, delete). */
const REAL = new WeakMap<World, Map<string, string>>();
function realOf(w: World): Map<string, string> {
  let m = REAL.get(w);
  if (!m) REAL.set(w, (m = new Map()));
  return m;
}

/** Kilo (Nova 11, 2015.1) within the profile; Icehouse/Juno otherwise (the profile's own). */
export function isKilo(w: World): boolean {
  return w.novaRelease !== undefined && w.novaRelease.major >= 11;
}

/** `_get_host_device`: the by-path link, named from connection_info as given. */
export function junoByPath(t: Target): string {
  return `/dev/disk/by-path/ip-${t.portal}-iscsi-${t.iqn}-lun-${t.lun}`;
}

function processError(cmd: string, exitCode: number, stderr: string): SimError {
  return new SimError(`Unexpected error while running command. Command: ${ROOTWRAP} ${cmd} Exit code: ${exitCode} Stdout: u'' Stderr: u'${stderr}\\n'`, null, 'ProcessExecutionError');
}

/** `_connect_to_iscsi_portal`; returns whether a session exists afterwards. */
function* connectPortal(ctx: HostCtx, t: Target): Flow<boolean> {
  const { run, actor, data } = ctx;
  const w = run.world;
  const key = sessionKey(t);
  if (!w.nodeRecords.has(key)) {
    run.note(actor, `${node(t)}: exit code 21, stderr 'iscsiadm: No records found'`);
    const op = isKilo(w) ? '--interface default --op new' : '--op new';
    run.note(actor, `${node(t)} ${op}: New iSCSI node [tcp:[hw=,ip=,net_if=,iscsi_if=default] ${comma(t.portal)},-1 ${t.iqn}] added`);
    w.nodeRecords.add(key);
  } else {
    run.note(actor, `${node(t)}: node record exists`);
  }
  if (data.auth_method) {
    run.note(actor, `${node(t)} --op update -n node.session.auth.authmethod -v ${String(data.auth_method)}`);
    run.note(actor, `${node(t)} --op update -n node.session.auth.username -v ${String(data.auth_username)}`);
    run.note(actor, `${node(t)} --op update -n node.session.auth.password -v ${String(data.auth_password)}`);
  }
  run.note(actor, w.sessions.size ? `iscsiadm -m session: ${sessionList(w.sessions)}` : "iscsiadm -m session: exit code 21, 'iscsiadm: No active sessions.'");
  if (w.sessions.has(key)) {
    run.skip(actor, `session ${comma(t.portal)},1 ${t.iqn} exists: no new login`);
  } else {
    const p = labPortal(ctx.vol, t.portal);
    const ident = `[iface: default, target: ${t.iqn}, portal: ${comma(t.portal)}]`;
    if (p.reachable) {
      yield* run.step(actor, `${node(t)} --login`, T.login);
      run.note(actor, `DEBUG iscsiadm ('--login',): stdout=Logging in to ${ident} (multiple) Login to ${ident} successful. stderr=`);
      w.sessions.set(key, w.counter('iscsi-session'));
    } else if (p.refuses) {
      yield* run.step(actor, `${node(t)} --login`, T.loginRefused, 'error');
      run.error(actor, `iscsiadm --login: exit code 4, 'iscsiadm: Could not login to ${ident}. iscsiadm: initiator reported error (4 - encountered connection failure)': ProcessExecutionError caught, not exit code 15, nothing logged`);
    } else {
      yield* run.step(actor, `${node(t)} --login (portal unreachable: iscsid retries 8 x 15 s)`, T.loginTimeout, 'error');
      run.error(actor, `iscsiadm --login: exit code 8, 'iscsiadm: Could not login to ${ident}. iscsiadm: initiator reported error (8 - connection timed out)': ProcessExecutionError caught, not exit code 15, nothing logged`);
    }
  }
  // set whatever the login did (only exit code 15 returns before it)
  run.note(actor, `${node(t)} --op update -n node.startup -v automatic`);
  return w.sessions.has(key);
}

/** The sendtargets answer: every portal of the volume's backend, for every volume it exports there. */
function discover(ctx: HostCtx, portal: string): [string, string][] {
  const { run, actor, vol } = ctx;
  const w = run.world;
  const cmd = `iscsiadm -m discovery -t sendtargets -p ${portal}`;
  if (!labPortal(vol, portal).reachable) {
    run.error(actor, `${cmd}: exit code 4, 'iscsiadm: Could not perform SendTargets discovery: encountered connection failure'`);
    throw processError(cmd, 4, 'iscsiadm: cannot make connection to ' + portal.replace(/:\d+$/, '') + ': Connection refused');
  }
  const exported = [...w.volumes.values()].filter((v: VolumeState) => v.backend.name === vol.backend.name && (v.exported !== null || v === vol));
  const lines: [string, string][] = [];
  for (const v of exported) {
    for (const p of vol.backend.portals) {
      const iqn = p.iqn ?? `${v.backend.targetPrefix}volume-${v.id}`;
      if (!lines.some(([a, b]) => a === `${p.address},1` && b === iqn)) lines.push([`${p.address},1`, iqn]);
    }
  }
  run.note(actor, `DEBUG iscsiadm ['-m', 'discovery', '-t', 'sendtargets', '-p', '${portal}']: stdout=${lines.map(([a, b]) => `${a} ${b}`).join('\\n')} stderr=`);
  return lines;
}

/** connect_volume of the Juno/Kilo iSCSI driver. */
export function* connectIscsiJuno(ctx: HostCtx): Flow<ConnectResult> {
  const { run, actor, vol, data } = ctx;
  const w = run.world;
  const waitStart = run.now;
  yield* acquire(LOCK);
  if (run.now > waitStart) run.note(actor, `DEBUG Got semaphore "connect_volume" after waiting ${((run.now - waitStart) / 1000).toFixed(3)}s`);
  try {
    const multipath = w.lab.host.multipath_enabled;
    const t = targetsOf(data)[0]!;
    const mountDevice = ctx.mountDevice ?? 'vdb';
    const logged: Target[] = [];
    // LUN visibility: the kernel's scan after a login, or after the Nth rescan (lab `lun_visible_after_rescans`)
    const need = lunVisibleAfterRescans(vol.lab);
    let rescans = 0;
    let shownAt = Infinity;
    const rescanned = (): void => {
      rescans += 1;
      if (rescans === need && w.sessions.has(sessionKey(t))) shownAt = Math.min(shownAt, run.now + T.lunAfterScan);
    };
    // `iscsiadm -m node -T … -p … --rescan` of the target's own session: exit code 21 without one
    const rescanTarget = (): void => {
      const cmd = `${node(t)} --rescan`;
      if (!w.sessions.has(sessionKey(t))) {
        run.error(actor, `${cmd}: exit code 21, 'iscsiadm: No session found.'`);
        throw processError(cmd, 21, 'iscsiadm: No session found.');
      }
      run.note(actor, cmd);
      rescanned();
    };
    const loggedIn = (x: Target): void => {
      logged.push(x);
      if (need === 0 && x.portal === t.portal && x.iqn === t.iqn) shownAt = Math.min(shownAt, run.now + T.lunAfterScan);
    };
    if (multipath) {
      const lines = discover(ctx, t.portal);
      const all = new Set(lines.map(([ip]) => ip));
      const match = new Set(lines.filter(([, iqn]) => iqn === t.iqn).map(([ip]) => ip));
      const samePortal = all.size === match.size;
      for (const [ip, iqn] of lines) {
        const props: Target = { portal: ip.split(',')[0]!, iqn: samePortal ? t.iqn : iqn, lun: t.lun };
        if (yield* connectPortal(ctx, props)) loggedIn(props);
      }
      run.note(actor, 'iscsiadm -m node --rescan');
      run.note(actor, 'iscsiadm -m session --rescan');
      rescanned();
    } else {
      if (yield* connectPortal(ctx, t)) loggedIn(t);
      rescanTarget();
    }
    const hostDevice = junoByPath(t);
    const shows = vol.lab.lun_visible ?? true;
    const exists = (): boolean => shows && w.sessions.has(sessionKey(t)) && run.now >= shownAt;
    const tries = volumeScanTries(run);
    let n = 0;
    while (!exists()) {
      if (n >= tries) throw new SimError(`iSCSI device not found at ${hostDevice}`, null, 'NovaException');
      run.warn(actor, `WARNING ISCSI volume not yet found at: ${mountDevice}. Will rescan & retry.  Try number: ${n}`);
      rescanTarget();
      n += 1;
      if (!exists()) yield* run.step(actor, `sleep ${n * n} s (tries ** 2)`, n * n * 1000);
    }
    if (n !== 0) run.note(actor, `DEBUG Found iSCSI node ${mountDevice} (after ${n} rescans)`);
    // the kernel's disks: one per logged-in path of this LUN, the given target's first
    const real = realOf(w);
    for (const x of [t, ...logged.filter((x) => x !== t && !(x.portal === t.portal && x.iqn === t.iqn))]) {
      const link = junoByPath(x);
      if (!real.has(link) && w.sessions.has(sessionKey(x))) real.set(link, w.nextScsiDisk());
    }
    let device = hostDevice;
    let multipathId: string | undefined;
    if (multipath) {
      yield* run.step(actor, 'multipath -r', T.multipathReload);
      const sd = real.get(hostDevice)!;
      const after = vol.lab.dm_uuid_link_appears_after_s;
      const mapAt = w.lab.host.multipathd_running && after !== null ? shownAt + (after ?? 1) * 1000 : Infinity;
      const listed = run.now >= mapAt;
      yield* run.step(actor, `multipath -ll /dev/${sd}: ${listed ? `${ctx.wwn} (first word of the first line)` : "no output (no map)"}`, T.multipathList);
      if (listed) {
        device = `/dev/mapper/${ctx.wwn}`;
        multipathId = ctx.wwn;
        data.multipath_id = ctx.wwn;
      }
    }
    if (isKilo(w)) data.device_path = device;
    else data.host_device = device;
    return multipathId ? { type: 'block', path: device, multipath_id: multipathId } : { type: 'block', path: device };
  } finally {
    w.sched.release(LOCK);
  }
}

/** Block devices the host's guests use (`_get_all_block_devices`): other volumes' saved devices. */
function blockDevicesInUse(w: World, volumeId: string): string[] {
  const out: string[] = [];
  for (const b of w.bdms) {
    if (b.volume_id === volumeId || typeof b.connection_info !== 'string') continue;
    try {
      const d = (JSON.parse(b.connection_info) as { data?: Record<string, unknown> }).data ?? {};
      const p = d.host_device ?? d.device_path;
      if (typeof p === 'string') out.push(p);
    } catch {
      // a row under test may hold anything: it names no device
    }
  }
  return out;
}

/** `_disconnect_from_iscsi_portal` (exit codes 0, 21 and 255 accepted). */
function* logoutPortal(run: Run, actor: string, t: Target): Flow {
  const w = run.world;
  run.note(actor, `${node(t)} --op update -n node.startup -v manual`);
  yield* run.step(actor, `${node(t)} --logout`, T.disconnect);
  run.note(actor, `${node(t)} --op delete`);
  const key = sessionKey({ ...t, portal: t.portal.split(',')[0]! });
  const real = realOf(w);
  const link = junoByPath({ ...t, portal: t.portal.split(',')[0]! });
  const sd = real.get(link);
  if (sd) w.freeHostDevice(sd);
  real.delete(link);
  w.sessions.delete(key);
  w.nodeRecords.delete(key);
}

/**
 * disconnect_volume of the Juno/Kilo iSCSI driver (after libvirt dropped the disk):
 * - with multipath and a map (`multipath_id`, else `multipath -ll` of the link):
 *   `_disconnect_volume_multipath_iscsi`: rescans, a new discovery, then the portals whose
 *   link belongs to the map are logged out (`_disconnect_mpath`, the portal as discovery
 *   printed it, `ip:port,tpgt`) and `multipath -r`, unless another attached map shares the IQN:
 *   then the map's links are deleted through sysfs and the map flushed with `multipath -f`;
 * - else the links of the same portal and IQN the host's guests still use (Juno: by prefix;
 *   Kilo: by-path links containing `ip-<portal>-iscsi-<iqn>-lun-`): none -> node.startup
 *   manual, `--logout`, `--op delete`; others -> `cp /dev/stdin /sys/block/sdX/device/delete`
 *   (input "1") for this LUN only.
 */
export function* disconnectIscsiJuno(run: Run, ci: Record<string, unknown>): Flow {
  const w = run.world;
  const actor = w.facts.brickActor;
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const t = targetsOf(data)[0]!;
  const hostDevice = junoByPath(t);
  const real = realOf(w);
  const volumeId = String(data.volume_id ?? '');
  yield* acquire(LOCK);
  try {
    let mpath: string | null = null;
    if (w.lab.host.multipath_enabled) {
      if (typeof data.multipath_id === 'string') mpath = `/dev/mapper/${data.multipath_id}`;
      else yield* run.step(actor, `multipath -ll /dev/${real.get(hostDevice) ?? 'sdX'}: no output (no map)`, T.multipathList);
    }
    const inUse = blockDevicesInUse(w, volumeId);
    if (mpath) {
      run.note(actor, 'iscsiadm -m node --rescan');
      run.note(actor, 'iscsiadm -m session --rescan');
      yield* run.step(actor, 'multipath -r', T.multipathReload);
      const others = inUse.filter((d) => d.includes('/mapper/'));
      const vol = w.volumes.get(volumeId);
      const lines = vol ? discover({ run, actor, vol, data, wwn: String(data.multipath_id) }, t.portal) : [];
      // the discovered pairs whose by-path link is a path of this map
      const mine = lines.filter(([ip, iqn]) => real.has(junoByPath({ portal: ip.split(',')[0]!, iqn, lun: t.lun })));
      const otherIqns = new Set<string>();
      for (const b of w.bdms) {
        if (b.volume_id === volumeId || typeof b.connection_info !== 'string') continue;
        try {
          const d = (JSON.parse(b.connection_info) as { data?: Record<string, unknown> }).data ?? {};
          if (typeof d.multipath_id === 'string' && typeof d.target_iqn === 'string') otherIqns.add(d.target_iqn);
        } catch {
          // no device named
        }
      }
      if (others.length === 0 || !mine.some(([, iqn]) => otherIqns.has(iqn))) {
        for (const [ip, iqn] of mine) yield* logoutPortal(run, actor, { portal: ip, iqn, lun: t.lun });
        yield* run.step(actor, 'multipath -r', T.multipathReload);
        return;
      }
      for (const [ip, iqn] of mine) {
        const link = junoByPath({ portal: ip.split(',')[0]!, iqn, lun: t.lun });
        const sd = real.get(link)!;
        yield* run.step(actor, `cp /dev/stdin /sys/block/${sd}/device/delete (input "1")`, T.disconnect);
        w.freeHostDevice(sd);
        real.delete(link);
      }
      yield* run.step(actor, 'multipath -r', T.multipathReload);
      yield* run.step(actor, `multipath -f ${mpath.replace('/dev/mapper/', '')}`, T.multipathList);
      return;
    }
    const sameTarget = isKilo(w)
      ? inUse.filter((d) => d.startsWith('/dev/disk/by-path/') && d.includes(`ip-${t.portal}-iscsi-${t.iqn}-lun-`))
      : inUse.filter((d) => d.startsWith(`/dev/disk/by-path/ip-${t.portal}-iscsi-${t.iqn}-lun-`));
    if (sameTarget.length === 0) {
      yield* logoutPortal(run, actor, t);
    } else if (!sameTarget.includes(hostDevice)) {
      const sd = real.get(hostDevice);
      if (sd) {
        yield* run.step(actor, `cp /dev/stdin /sys/block/${sd}/device/delete (input "1")`, T.disconnect);
        w.freeHostDevice(sd);
        real.delete(hostDevice);
      } else {
        run.warn(actor, `WARNING Unable to delete volume device ${hostDevice.split('/').pop()}`);
      }
    }
  } finally {
    w.sched.release(LOCK);
  }
}
