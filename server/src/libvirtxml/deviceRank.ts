import type { Stage } from './types';

/**
 * The order in which libvirt walks the devices (virDomainDeviceInfoIterate): kind by kind, each
 * kind in document order. It reserves the written PCI and USB addresses and validates the devices
 * in this order (and runs each device's post-parse in it), so in those three stages a finding goes
 * by the device it is on.
 */
const DEVICE_KINDS = [
  'disk', 'interface', 'sound', 'hostdev', 'video', 'controller', 'smartcard', 'serial', 'parallel', 'channel', 'console',
  'input', 'filesystem', 'watchdog', 'memballoon', 'rng', 'nvram', 'hub', 'shmem', 'tpm', 'panic', 'memory', 'redirdev',
  'vsock', 'iommu', 'graphics', 'lease',
];
const KIND_RANK: ReadonlyMap<string, number> = new Map(DEVICE_KINDS.map((k, i) => [k, i]));
/** A device kind's place in the walk (an unknown kind after every known one). */
export function kindRank(name: string): number {
  return KIND_RANK.get(name) ?? DEVICE_KINDS.length;
}
export const DEVICE_ORDERED_STAGES: ReadonlySet<Stage> = new Set(['postparse-device', 'address', 'validate-device']);

/**
 * A place's rank in libvirt's device walk: its device's kind, then the device's place in the
 * document; a place outside every device ranks first. `devices` are the <devices> children in
 * document order (they do not overlap), so one binary search finds the device holding `offset`.
 */
export function deviceRank(devices: ReadonlyArray<{ name: string; span: { offset: number; length: number } }>, offset: number): number {
  let lo = 0;
  let hi = devices.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (devices[mid]!.span.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  const d = lo > 0 ? devices[lo - 1]! : undefined;
  if (!d || offset >= d.span.offset + d.span.length) return -1;
  return (KIND_RANK.get(d.name) ?? DEVICE_KINDS.length) * (devices.length + 1) + (lo - 1);
}
