/**
 * os-brick's Fibre Channel connect_volume (attach-flow.md e.7): HBAs, by-path candidates,
 * a 2-second discovery tick with Nova's scan tries and no outer retry, then, with multipath
 * on, connectors/base.py `_discover_mpath_device`: linuxscsi.py `find_multipath_device_path`
 * (dm-uuid-mpath, then /dev/mapper), the `multipath -l` fall-back `find_multipath_device`,
 * `wait_for_rw`, and (os-brick >= 6.9) `wait_for_mpath_device` on the sysfs dm holder.
 */
import type { ConnectResult, HostCtx } from '../backend';
import type { FcHba } from '../../types';
import { waitForPath, waitForRw } from '../osBrick';
import { brickFormatsLun, byPathLun, lunVisibleAfterRescans } from '../common';
import { volumeScanTries } from '../../engine/novaConfRead';
import { SimError } from '../../engine/run';
import { sleep, type Flow } from '../../engine/scheduler';
import { T } from '../../engine/timings';

export function* connectFc(ctx: HostCtx, multipath: boolean): Flow<ConnectResult> {
  const { run, actor, vol, data } = ctx;
  const w = run.world;
  const host = w.lab.host;
  const wwns = (Array.isArray(data.target_wwn) ? data.target_wwn : [data.target_wwn]).map((x) => String(x).toLowerCase());
  const lun = Number(data.target_lun ?? 0);
  // the by-path names carry linuxscsi.py process_lun_id's form (hex from LUN 256); the scan does not
  const pathLun = byPathLun(lun, brickFormatsLun(w));
  const hbas = host.fc_hbas;
  if (hbas.length === 0) {
    run.error(actor, `WARNING We are unable to locate any Fibre Channel devices${w.facts.fcLogDot ? '.' : ''}`);
    throw new SimError('We are unable to locate any Fibre Channel devices.', null, 'NoFibreChannelHostsFound');
  }
  // _add_targets_to_connection_properties: the map, lower-cased, keeps only known targets.
  const itmap = mappedTargets(ctx, wwns);
  const mapped = (h: FcHba): string[] => (itmap ? itmap.get(portName(h)) ?? [] : wwns);
  // The first by-path device that exists: an online HBA and a target it is zoned to.
  const path = hbas.filter((h) => h.port_state === 'Online').flatMap((h) => wwns.filter((t) => mapped(h).includes(t)).map((t) => `/dev/disk/by-path/pci-${h.pci}-fc-0x${t}-lun-${pathLun}`))[0];
  const needRescans = lunVisibleAfterRescans(vol.lab);
  const visible = (rescansDone: number): boolean => (vol.lab.lun_visible ?? true) && path !== undefined && rescansDone >= needRescans;
  // linuxfc.rescan_hosts scans only the HBAs the map names (os-brick >= 2.5.0); older ones every HBA
  const byMap = itmap !== null && w.facts.fcRescan === 'mapped_hbas';
  const scanned = byMap ? hbas.filter((h) => itmap.has(portName(h))) : hbas;
  if (byMap) run.note(actor, `DEBUG Using initiator target map to exclude HBAs: ${scanned.map((h) => `host${h.host}`).join(', ') || 'none'}`);
  const scanLun = w.facts.fcRescan === 'all_luns' ? '-' : String(lun);
  const tries = volumeScanTries(run);
  let found: string | null = null;
  let rescans = 0;
  for (let n = 0; ; n++) {
    if (visible(n)) {
      // the first candidate that exists: an HBA whose port is down has no by-path link
      // (fibre_channel.py `_wait_for_device_discovery` walks every HBA's candidates)
      found = path!;
      // check_valid_device from os-brick 1.14.0; before, the by-path link existing was enough
      if (w.facts.fcDeviceCheck) run.note(actor, `dd if=${found} of=/dev/null count=1: device answers`);
      rescans = n;
      break;
    }
    if (n >= tries) {
      run.error(actor, 'ERROR Fibre Channel volume device not found.');
      throw new SimError('Unable to find a Fibre Channel volume device.', null, 'NoFibreChannelVolumeDeviceFound');
    }
    run.note(actor, `INFO Fibre Channel volume device not yet found. Will rescan & retry.  Try number: ${n}.`);
    run.note(actor, `rescan_hosts: ${scanned.map((h) => `echo '- - ${scanLun}' > /sys/class/scsi_host/host${h.host}/scan`).join('; ') || 'no HBA to scan'}`);
    yield* sleep(T.fcTick);
  }
  const sd = `/dev/${w.nextScsiDisk()}`;
  run.note(actor, `DEBUG Found Fibre Channel volume ${sd} (after ${rescans} rescans${w.facts.fcLogDot ? '.' : ''})`);
  run.note(actor, `/lib/udev/scsi_id --page 0x83 --whitelisted ${found}: ${ctx.wwn}`);
  if (!multipath) return { type: 'block', scsi_wwn: ctx.wwn, path: found };
  const after = vol.lab.dm_uuid_link_appears_after_s;
  const appearsAt = host.multipathd_running && after !== null ? run.now + (after ?? 1) * 1000 : Infinity;
  const mp = yield* discoverMpathDevice(ctx, appearsAt, found, sd);
  // find_sysfs_multipath_dm on the /dev/sdX, then multipath -C on the dm (os-brick >= 6.9)
  if (mp.dm && w.facts.waitForMpathDevice) run.note(actor, `multipath -C ${mp.dm}: ready for I/O`);
  return mp.id ? { type: 'block', scsi_wwn: ctx.wwn, path: mp.path, multipath_id: mp.id } : { type: 'block', scsi_wwn: ctx.wwn, path: mp.path };
}

/**
 * connectors/base.py `_discover_mpath_device` as FC calls it: the multipath device file for
 * the WWN (three waits on each name), else `multipath -l` on the real device, else the device
 * os-brick was handed (by-path symlink from 4.3.0, /dev/sdX before); then `wait_for_rw`
 * unless the attachment is read-only.
 */
function* discoverMpathDevice(ctx: HostCtx, appearsAt: number, byPath: string, sd: string): Flow<{ path: string; id: string | null; dm: string | null }> {
  const { run, actor, wwn } = ctx;
  const w = run.world;
  run.note(actor, `INFO Find Multipath device file for volume WWN ${wwn}`);
  let path: string | null = null;
  for (const candidate of [`/dev/disk/by-id/dm-uuid-mpath-${wwn}`, `/dev/mapper/${wwn}`]) {
    if (yield* waitForPath(ctx, candidate, appearsAt)) {
      path = candidate;
      break;
    }
  }
  if (path === null) {
    run.warn(actor, `WARNING couldn't find a valid multipath device path for ${wwn}`);
    const listed = run.now >= appearsAt;
    yield* run.step(actor, `multipath -l ${sd}: ${listed ? `map ${wwn}` : 'no map'}`, T.multipathList);
    if (listed) path = `/dev/mapper/${wwn}`;
  }
  const dm = path !== null ? w.nextDm() : null;
  const devicePath = path ?? (w.facts.fcMpathFallback === 'symlink' ? byPath : sd);
  if (path === null) run.note(actor, `DEBUG Unable to find multipath device name for volume. Using path ${devicePath} for volume.`);
  if (ctx.data.access_mode !== 'ro') yield* waitForRw(ctx, devicePath, 'DEBUG ');
  return { path: devicePath, id: path !== null ? wwn : null, dm };
}

function portName(h: FcHba): string {
  return h.wwpn.replace(/^0x/, '').toLowerCase();
}

/** initiator_target_map lower-cased, each initiator's targets cut to the known ones (a WARNING names the others); null when the answer has none. */
function mappedTargets(ctx: HostCtx, wwns: string[]): Map<string, string[]> | null {
  const raw = ctx.data.initiator_target_map;
  if (raw === null || raw === undefined || typeof raw !== 'object') return null;
  const out = new Map<string, string[]>();
  for (const [init, targets] of Object.entries(raw as Record<string, unknown>)) {
    const list = (Array.isArray(targets) ? targets : []).map((t) => String(t).toLowerCase());
    const known = list.filter((t) => wwns.includes(t));
    if (known.length !== list.length && ctx.run.world.facts.fcUnknownTargetWarning) ctx.run.warn(ctx.actor, `WARNING Driver returned an unknown targets in the initiator mapping ${list.filter((t) => !wwns.includes(t)).join(', ')}`);
    out.set(init.toLowerCase(), known);
  }
  return out;
}
