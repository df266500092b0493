/**
 * os-brick's Fibre Channel connect_volume (attach-flow.md e.7): HBAs, by-path candidates,
 * a 2-second discovery tick with Nova's scan tries and no outer retry, then the
 * dm-uuid-mpath wait when multipath is on.
 */
import type { ConnectResult, HostCtx } from '../backend';
import type { FcHba } from '../../types';
import { waitForPath } from '../osBrick';
import { SimError } from '../../engine/run';
import { sleep, type Flow } from '../../engine/scheduler';
import { T } from '../../engine/timings';

export function* connectFc(ctx: HostCtx): Flow<ConnectResult> {
  const { run, actor, vol, data } = ctx;
  const w = run.world;
  const host = w.lab.host;
  const wwns = (Array.isArray(data.target_wwn) ? data.target_wwn : [data.target_wwn]).map((x) => String(x).toLowerCase());
  const lun = Number(data.target_lun ?? 0);
  const hbas = host.fc_hbas;
  if (hbas.length === 0) {
    run.error(actor, 'WARNING We are unable to locate any Fibre Channel devices.');
    throw new SimError('We are unable to locate any Fibre Channel devices.', null, 'NoFibreChannelHostsFound');
  }
  const candidates: string[] = [];
  for (const h of hbas) for (const t of wwns) candidates.push(`/dev/disk/by-path/pci-${h.pci}-fc-0x${t}-lun-${lun}`);
  // _add_targets_to_connection_properties: the map, lower-cased, keeps only known targets.
  const itmap = mappedTargets(ctx, wwns);
  const mapped = (h: FcHba): string[] => (itmap ? itmap.get(portName(h)) ?? [] : wwns);
  // The first by-path device that exists: an online HBA and a target it is zoned to.
  const path = hbas.filter((h) => h.port_state === 'Online').flatMap((h) => wwns.filter((t) => mapped(h).includes(t)).map((t) => `/dev/disk/by-path/pci-${h.pci}-fc-0x${t}-lun-${lun}`))[0];
  const visible = (vol.lab.lun_visible ?? true) && path !== undefined;
  // linuxfc.rescan_hosts scans only the HBAs the map names.
  const scanned = itmap ? hbas.filter((h) => itmap.has(portName(h))) : hbas;
  if (itmap) run.note(actor, `DEBUG Using initiator target map to exclude HBAs: ${scanned.map((h) => `host${h.host}`).join(', ') || 'none'}`);
  const tries = host.nova_conf.num_volume_scan_tries;
  let found: string | null = null;
  for (let n = 0; ; n++) {
    if (visible) {
      found = itmap ? path! : candidates[0]!;
      run.note(actor, `dd if=${found} of=/dev/null count=1: device answers`);
      break;
    }
    if (n >= tries) {
      run.error(actor, 'ERROR Fibre Channel volume device not found.');
      throw new SimError('Unable to find a Fibre Channel volume device.', null, 'NoFibreChannelVolumeDeviceFound');
    }
    run.note(actor, `INFO Fibre Channel volume device not yet found. Will rescan & retry.  Try number: ${n}.`);
    run.note(actor, `rescan_hosts: ${scanned.map((h) => `echo '- - ${lun}' > /sys/class/scsi_host/host${h.host}/scan`).join('; ') || 'no HBA to scan'}`);
    yield* sleep(T.fcTick);
  }
  w.nextScsiDisk();
  run.note(actor, `/lib/udev/scsi_id --page 0x83 --whitelisted ${found}: ${ctx.wwn}`);
  if (!host.multipath_enabled) return { type: 'block', scsi_wwn: ctx.wwn, path: found };
  const after = vol.lab.dm_uuid_link_appears_after_s;
  const appearsAt = host.multipathd_running && after !== null ? run.now + (after ?? 1) * 1000 : Infinity;
  const mpath = `/dev/disk/by-id/dm-uuid-mpath-${ctx.wwn}`;
  if (yield* waitForPath(ctx, mpath, appearsAt)) {
    const dm = w.nextDm();
    if (w.facts.waitForMpathDevice) run.note(actor, `multipath -C ${dm}: ready for I/O`);
    return { type: 'block', scsi_wwn: ctx.wwn, path: mpath, multipath_id: ctx.wwn };
  }
  if (yield* waitForPath(ctx, `/dev/mapper/${ctx.wwn}`, appearsAt)) return { type: 'block', scsi_wwn: ctx.wwn, path: `/dev/mapper/${ctx.wwn}`, multipath_id: ctx.wwn };
  run.warn(actor, `WARNING couldn't find a valid multipath device path for ${ctx.wwn}`);
  return { type: 'block', scsi_wwn: ctx.wwn, path: found };
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
    if (known.length !== list.length) ctx.run.warn(ctx.actor, `WARNING Driver returned an unknown targets in the initiator mapping ${list.filter((t) => !wwns.includes(t)).join(', ')}`);
    out.set(init.toLowerCase(), known);
  }
  return out;
}
