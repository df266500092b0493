/** Small pieces several backends share. */
import type { DiskConfig } from '../../libvirt/diskConfig';
import { volumeDiskConfig, type VolumeDiskOptions } from '../../libvirt/diskXml';
import type { ConnectionInfo } from '../../libvirt/connectionInfo';
import { SimError } from '../engine/run';
import type { Flow } from '../engine/scheduler';
import { hex32, type VolumeState } from '../engine/world';
import type { DiskInfo, ExportFacts } from './backend';
import type { LabVolume } from '../types';

/** A WWN derived from the volume id, for backends with no target of their own to name it. */
export function hashedWwn(vol: VolumeState): string {
  return `36${hex32(`wwn:${vol.id}`).slice(0, 31)}`;
}

/** create_export facts of a backend that exports nothing (no target, no CHAP). */
export function noExport(vol: VolumeState): ExportFacts {
  return { tid: 0, lun: vol.backend.lun ?? 0, chapUser: null, chapPassword: null };
}

/** The `<disk>` of Nova's shared libvirt volume drivers (libvirt/diskXml.ts), picked by driver_volume_type. */
export function novaDiskConfig(ci: ConnectionInfo, disk: DiskInfo, opts: VolumeDiskOptions): DiskConfig {
  return volumeDiskConfig(ci, disk, opts);
}

/** InvalidConnectorException as cinder-volume turns it into InvalidInput. */
export function missingConnectorKey(key: string): SimError {
  return new SimError(`Invalid input received: Connector doesn't have required information: ${key}`, 400, 'InvalidInput');
}

/** A host step that spends no simulated time: yields no command (keeps such a step a generator). */
export function* noWait(): Flow {}

/** The lab volume's `lun_visible_after_rescans`: host rescans before the LUN shows (0 = at once). */
export function lunVisibleAfterRescans(v: LabVolume): number {
  return Math.max(0, Math.floor(v.lun_visible_after_rescans ?? 0));
}

/**
 * oslo.concurrency's ProcessExecutionError as str() shows it (description, command, exit code,
 * stdout and stderr as Python reprs); `command` is the command line as processutils joined it.
 */
export function processExecutionError(command: string, exitCode: number, stderr: string): SimError {
  const repr = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return new SimError(`Unexpected error while running command.\nCommand: ${command}\nExit code: ${exitCode}\nStdout: ''\nStderr: ${repr(`${stderr}\n`)}`, null, 'ProcessExecutionError');
}

/** The rootwrap prefix of a command Nova runs as root before privsep (its log shows it). */
export const NOVA_ROOTWRAP = 'sudo nova-rootwrap /etc/nova/rootwrap.conf';

/**
 * The LUN in os-brick's /dev/disk/by-path names (linuxscsi.py `process_lun_id`, os-brick 1.1.0
 * to 7.1.0, used by FC `_get_host_devices` and the old iSCSI `_get_device_path`): as is below
 * 256, else udev's 64-bit form "0x%04x%04x00000000" of the low and high 16 bits. os-brick 0.5
 * (Liberty, Nova 12) has no such step. A value that is not an integer stays as written.
 */
export function byPathLun(lun: number, hexForm = true): string {
  if (!Number.isSafeInteger(lun) || lun < 256 || !hexForm) return String(lun);
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  return `0x${hex4(lun % 65536)}${hex4(Math.floor(lun / 65536) % 65536)}00000000`;
}

/** os-brick >= 1.1.0 (Mitaka, Nova 13) formats a by-path LUN (`process_lun_id`); Nova 12's 0.5 does not. */
export function brickFormatsLun(w: { profile: string; novaRelease?: { major: number } }): boolean {
  return !(w.profile === 'ocata_legacy' && w.novaRelease !== undefined && w.novaRelease.major <= 12);
}
