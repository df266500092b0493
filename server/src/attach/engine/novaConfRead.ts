/**
 * How the compute node's release reads the lab host's nova.conf options that were renamed:
 * oslo.config's deprecated-name WARNING, and `[libvirt]num_volume_scan_tries` against its old
 * name `num_iscsi_scan_tries`.
 */
import type { Run } from './run';
import type { World } from './world';
import { releasePointOf } from '../../libvirt/diskXml';
import { ignoredWorkarounds, workaroundsFor, WORKAROUNDS_RELEASES, type Workarounds } from '../../libvirt/domainDisks';

/**
 * oslo_config/cfg.py `_Namespace._check_deprecated`: a value read through an option's
 * `deprecated_name` logs one WARNING per process, naming both spellings. From oslo.config 6.3.0
 * it goes through oslo.log's `versionutils.report_deprecated_feature`, which puts "Deprecated: "
 * in front; the series' upper-constraints pin 3.22.2 (Ocata, Nova 15), 4.11.2 (Pike), 5.2.1
 * (Queens, Nova 17), then 6.4.2 (Rocky, Nova 18) and later. Without host.nova_release,
 * ocata_legacy reads as its Nova 15/16 and queens_to_2024_2 as the end of its span.
 */
export function deprecatedNameWarning(w: World, depOption: string, depGroup: string, option: string, group: string): string {
  const r = w.novaRelease;
  const prefixed = w.profile === 'modern' || (w.profile === 'queens_to_2024_2' && (!r || r.major >= 18));
  return `WARNING oslo_config.cfg ${prefixed ? 'Deprecated: ' : ''}Option "${depOption}" from group "${depGroup}" is deprecated. Use option "${option}" from group "${group}".`;
}

/**
 * Whether the release reads `[libvirt]num_volume_scan_tries` (nova/conf/libvirt.py, with
 * `num_iscsi_scan_tries` as its deprecated name, from 16.0.0). Before, the iSCSI and FC volume
 * drivers read `[libvirt]num_iscsi_scan_tries` (nova/virt/libvirt/volume.py in 2014.2/2015.1,
 * volume/iscsi.py and volume/fibrechannel.py 12.0.0-15.x). Without host.nova_release,
 * ocata_legacy reads as Nova 15 (Ocata).
 */
export function readsVolumeScanTries(w: World): boolean {
  if (w.profile === 'modern' || w.profile === 'queens_to_2024_2') return true;
  if (w.profile === 'kilo_prefix') return false;
  const r = w.novaRelease;
  return r !== undefined && r.major >= 16;
}

/** The runs that already logged how the scan tries were read (once per run, as oslo.config warns once per process). */
const told = new WeakSet<Run>();

/**
 * The iSCSI/FC scan tries as the release reads nova.conf: `num_volume_scan_tries` (16.0.0 on; its
 * deprecated name `num_iscsi_scan_tries` when only that is written, with oslo.config's WARNING),
 * or `num_iscsi_scan_tries` before 16.0.0 (a note when the lab host writes only the new name,
 * which that release does not know). Default 5 in every release.
 */
export function volumeScanTries(run: Run, actor = 'nova-compute'): number {
  const w = run.world;
  const nc = w.lab.host.nova_conf;
  const written = nc.num_volume_scan_tries_given === true;
  const old = nc.num_iscsi_scan_tries;
  const tell = !told.has(run);
  told.add(run);
  if (readsVolumeScanTries(w)) {
    if (written) {
      if (old !== undefined && tell) run.note(actor, '[libvirt]num_iscsi_scan_tries is not read: [libvirt]num_volume_scan_tries is set and wins over its deprecated name');
      return nc.num_volume_scan_tries;
    }
    if (old === undefined) return nc.num_volume_scan_tries;
    if (tell) run.warn(actor, deprecatedNameWarning(w, 'num_iscsi_scan_tries', 'libvirt', 'num_volume_scan_tries', 'libvirt'));
    return old;
  }
  const value = old ?? 5;
  if (written && tell) {
    const r = w.novaRelease;
    const rel = r ? `Nova ${r.text}` : w.profile === 'kilo_prefix' ? 'Nova 2015.1 and older' : 'Nova 15 (Ocata)';
    run.warn(actor, `[libvirt]num_volume_scan_tries is not read: ${rel} reads [libvirt]num_iscsi_scan_tries for iSCSI and FC (the new name exists from Nova 16.0.0); the scan tries are ${value}${old === undefined ? ' (its default)' : ''}`);
  }
  return value;
}

/** The runs that already said the lab host's `[workarounds]` options are not read. */
const toldWorkarounds = new WeakSet<Run>();

/**
 * The lab host's `[workarounds]rbd_volume_local_attach` and `disable_native_luksv1` as the
 * compute node's release reads them: only Nova 21.0.0 to 23.x register them
 * (nova/conf/workarounds.py), another release ignores them (libvirt/domainDisks.ts
 * `workaroundsFor`, shared with the XML preview). Without host.nova_release the profile reads as
 * its default release, as the `<disk>` renderer does. Notes once per run when they are ignored.
 */
export function labWorkarounds(run: Run): Workarounds {
  const w = run.world;
  const conf = w.lab.host.nova_conf.sections;
  const release = releasePointOf({ profile: w.profile, novaRelease: w.novaRelease });
  const ignored = ignoredWorkarounds(conf, release);
  if (ignored.length && !toldWorkarounds.has(run)) {
    toldWorkarounds.add(run);
    const rel = w.novaRelease ? `Nova ${w.novaRelease.text}` : `the ${w.profile} profile without host.nova_release (read as Nova ${release.major})`;
    run.note('nova-compute', `${ignored.join(' and ')} not read: ${rel} does not have ${ignored.length > 1 ? 'these options' : 'this option'} (only Nova ${WORKAROUNDS_RELEASES.from}.0.0 to ${WORKAROUNDS_RELEASES.until - 1}.x do)`);
  }
  return workaroundsFor(conf, release);
}
