/**
 * Fibre Channel before os-brick (profile `kilo_prefix`): Nova's own libvirt volume driver,
 * nova/virt/libvirt/volume.py `LibvirtFibreChannelVolumeDriver` with nova/storage/linuxscsi.py
 * and nova/virt/libvirt/utils.py `get_fc_hbas_info`, read at 2014.2.3 (Juno; Icehouse 2014.1.x
 * differs only in log-message translation markers). Unlike os-brick:
 * - the candidates are every HBA `systool -c fc_host -v` lists (whatever its port state) times
 *   every target WWN; an initiator_target_map is not looked at;
 * - no HBA (or none with a PCI address) is a NovaException without a log line or a full stop;
 * - each 2-second tick only tests that a by-path link exists (no `dd` read); a miss logs a
 *   WARNING naming the guest device, then `tee -a` of "- - -" into every HBA's scan file;
 *   `[libvirt]num_iscsi_scan_tries` (default 5) misses end in NovaException
 *   "Fibre Channel device not found.";
 * - no WWN is read and nothing waits for a multipath device: one `multipath -l /dev/sdX`
 *   whatever the multipath setting; a map gives `/dev/mapper/<id>`, `multipath_id` and the
 *   map's paths as `devices`; no map gives the by-path link and `sg_scan`'s one device;
 * - no read-only check (`wait_for_rw` came with os-brick).
 */
import type { ConnectResult, HostCtx } from '../backend';
import type { FcHba } from '../../types';
import { SimError, type Run } from '../../engine/run';
import { acquire, sleep, type Flow } from '../../engine/scheduler';
import { T } from '../../engine/timings';
import { lunVisibleAfterRescans } from '../common';
import { volumeScanTries } from '../../engine/novaConfRead';

/** Nova's in-process `connect_volume` semaphore (utils.synchronized); shared with disconnect. */
const LOCK = 'os-brick-connect_volume';

interface ScsiDev {
  device: string;
  host: string;
  channel: string;
  id: string;
  lun: string;
}

function byPath(h: FcHba, wwn: string, lun: number): string {
  return `/dev/disk/by-path/pci-${h.pci}-fc-0x${wwn}-lun-${lun}`;
}

/** connect_volume of the Juno FC driver: sets data.device_path, data.devices (and multipath_id). */
export function* connectFcJuno(ctx: HostCtx): Flow<ConnectResult> {
  const { run, actor, vol, data } = ctx;
  const w = run.world;
  const host = w.lab.host;
  const waitStart = run.now;
  yield* acquire(LOCK);
  if (run.now > waitStart) run.note(actor, `DEBUG Got semaphore "connect_volume" after waiting ${((run.now - waitStart) / 1000).toFixed(3)}s`);
  try {
    const mountDevice = ctx.mountDevice ?? 'vdb';
    const raw = data.target_wwn;
    // a list or a single string; the by-path name lower-cases each WWN
    const wwns = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).map((x) => String(x).toLowerCase());
    const lun = Number(data.target_lun ?? 0);
    const hbas = host.fc_hbas;
    const candidates: { hba: FcHba; wwn: string; path: string }[] = [];
    for (const h of hbas) for (const t of wwns) candidates.push({ hba: h, wwn: t, path: byPath(h, t, lun) });
    if (candidates.length === 0) throw new SimError('We are unable to locate any Fibre Channel devices', null, 'NovaException');
    // which links the fabric gives: an online HBA and a target it is zoned to (the driver's map)
    const zoned = zoning(data);
    const present = (c: { hba: FcHba; wwn: string }): boolean => c.hba.port_state === 'Online' && (zoned === null || (zoned.get(portName(c.hba)) ?? []).includes(c.wwn));
    const lunShows = vol.lab.lun_visible ?? true;
    const needRescans = lunVisibleAfterRescans(vol.lab);
    const tries = volumeScanTries(run);
    let rescans = 0;
    let shownAt = run.now;
    let found: { hba: FcHba; wwn: string; path: string } | null = null;
    for (;;) {
      const visible = lunShows && rescans >= needRescans;
      for (const c of candidates) {
        run.note(actor, `DEBUG Looking for Fibre Channel dev ${c.path}`);
        if (visible && present(c)) {
          found = c;
          break;
        }
      }
      if (found) break;
      if (rescans >= tries) throw new SimError('Fibre Channel device not found.', null, 'NovaException');
      run.warn(actor, `WARNING Fibre volume not yet found at: ${mountDevice}. Will rescan & retry.  Try number: ${rescans}`);
      for (const h of hbas) run.note(actor, `tee -a /sys/class/scsi_host/host${h.host}/scan (input "- - -")`);
      rescans += 1;
      if (rescans === needRescans) shownAt = run.now;
      yield* sleep(T.fcTick);
    }
    run.note(actor, `DEBUG Found Fibre Channel volume ${mountDevice} (after ${rescans} rescans)`);
    // the paths the kernel now has: every online HBA x zoned target, the found one first
    const paths = [found, ...candidates.filter((c) => c !== found && present(c))];
    const sdOf = new Map(paths.map((c) => [c, w.nextScsiDisk()] as const));
    const scsi = (c: (typeof paths)[number]): ScsiDev => ({ device: `/dev/${sdOf.get(c)!}`, host: String(c.hba.host), channel: '0', id: String(wwns.indexOf(c.wwn)), lun: String(lun) });
    const sd = `/dev/${sdOf.get(found)!}`;
    // linuxscsi.find_multipath_device: `multipath -l` on the real device, right after the link showed
    const after = vol.lab.dm_uuid_link_appears_after_s;
    const mapAt = host.multipathd_running && after !== null ? shownAt + (after ?? 1) * 1000 : Infinity;
    const listed = run.now >= mapAt;
    yield* run.step(actor, `multipath -l ${sd}: ${listed ? `map ${ctx.wwn}` : 'no output (no map)'}`, T.multipathList);
    let res: ConnectResult;
    if (listed) {
      const mapper = `/dev/mapper/${ctx.wwn}`;
      run.note(actor, `DEBUG Found multipath device = ${mapper}`);
      run.note(actor, `DEBUG Multipath device discovered ${mapper}`);
      data.device_path = mapper;
      data.devices = paths.map(scsi);
      data.multipath_id = ctx.wwn;
      res = { type: 'block', path: mapper, multipath_id: ctx.wwn };
    } else {
      const info = scsi(found);
      yield* run.step(actor, `sg_scan ${sd}: ${sd}: scsi${info.host} channel=${info.channel} id=${info.id} lun=${info.lun}`, T.sgScan);
      data.device_path = found.path;
      data.devices = [info];
      res = { type: 'block', path: found.path };
    }
    return res;
  } finally {
    w.sched.release(LOCK);
  }
}

/**
 * disconnect_volume of the Juno FC driver: with a multipath_id the map's paths are listed again
 * (`multipath -l <id>`); without one a WARNING blames multipath-tools and the saved `devices`
 * are used. Each device is deleted through sysfs (no map flush).
 */
export function* disconnectFcJuno(run: Run, ci: Record<string, unknown>): Flow {
  const w = run.world;
  const actor = w.facts.brickActor;
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const devices = (Array.isArray(data.devices) ? data.devices : []) as ScsiDev[];
  yield* acquire(LOCK);
  try {
    const list = `[${devices.map((d) => `{'device': '${d.device}', 'host': '${d.host}', 'channel': '${d.channel}', 'id': '${d.id}', 'lun': '${d.lun}'}`).join(', ')}]`;
    if (typeof data.multipath_id === 'string') {
      yield* run.step(actor, `multipath -l ${data.multipath_id}`, T.multipathList);
      run.note(actor, `DEBUG devices to remove = ${list}`);
    } else {
      run.warn(actor, `WARNING multipath-tools probably work improperly. devices to remove = ${list}.`);
    }
    for (const d of devices) {
      yield* run.step(actor, `tee -a /sys/bus/scsi/drivers/sd/${d.host}:${d.channel}:${d.id}:${d.lun}/delete (input "1"); sginfo -r: ${d.device} gone`, T.disconnect);
      w.freeHostDevice(d.device.slice(5));
    }
  } finally {
    w.sched.release(LOCK);
  }
}

function portName(h: FcHba): string {
  return h.wwpn.replace(/^0x/, '').toLowerCase();
}

/** The driver's initiator_target_map as the fabric's zoning (lower-cased); null = every pair. */
function zoning(data: Record<string, unknown>): Map<string, string[]> | null {
  const raw = data.initiator_target_map;
  if (raw === null || raw === undefined || typeof raw !== 'object') return null;
  return new Map(Object.entries(raw as Record<string, unknown>).map(([i, t]) => [i.toLowerCase(), (Array.isArray(t) ? t : []).map((x) => String(x).toLowerCase())]));
}
