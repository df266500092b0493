/**
 * libvirt's get_device_name_for_instance for a hot attach (attach-flow.md A7.4): the next
 * free name on the volume's bus, a requested name ignored, the ide/max_disk_devices limit.
 */
import { SimError } from '../engine/run';
import { letters } from '../engine/world';

export function busPrefix(bus: string): string {
  switch (bus) {
    case 'virtio':
      return 'vd';
    case 'ide':
      return 'hd';
    case 'fdc':
      return 'fd';
    default:
      return 'sd'; // scsi, sata, usb
  }
}

/** The bus of a hot-attached volume: BDM disk_bus, else the image's hw_disk_bus, else virtio (kvm/qemu). */
export function volumeBus(diskBus: string | null, imageBus: string | null): string {
  return diskBus ?? imageBus ?? 'virtio';
}

/** Next free device name (without /dev/) or TooManyDiskDevices (403). */
export function nextDeviceName(used: readonly string[], bus: string, maxDevices: number): string {
  const prefix = busPrefix(bus);
  const limit = bus === 'ide' ? 4 : maxDevices;
  for (let i = 0; ; i++) {
    if (limit >= 0 && i >= limit) {
      throw new SimError(`The maximum allowed number of disk devices (${limit}) to attach to a single instance has been exceeded.`, 403, 'TooManyDiskDevices');
    }
    const name = prefix + letters(i);
    if (!used.includes(name)) return name;
  }
}

/** The scsi drive unit for a hot attach: highest unit of the domain's scsi disks + 1, or 0. */
export function nextScsiUnit(used: readonly string[]): number {
  return used.filter((d) => d.startsWith('sd')).length;
}
