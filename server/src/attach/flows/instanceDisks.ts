/**
 * The guest disks an instance has before a hot attach, from the lab host (kept apart from
 * devices.ts so the engine's world can use it without an import cycle).
 */
import { defaultContext } from '../../model/context';
import { computeDiskInfo } from '../../libvirt/naming';
import type { NovaBdm } from '../../nova/types';
import type { LabInstance } from '../types';

/**
 * The guest devices an instance holds before any attach: the lab host's `existing_devices`,
 * plus, when its flavor is given, the disks libvirt's blockinfo (`get_disk_info`, the mapping
 * `get_device_name_for_instance` starts from) lays out for an image-backed instance: root,
 * `disk.local` for ephemeral_gb, `disk.swap` for swap_mb, and the config drive.
 */
export function instanceDevices(inst: LabInstance, virtType: 'kvm' | 'qemu'): string[] {
  const out = [...inst.existing_devices];
  if (!inst.flavor) return out;
  const ctx = defaultContext();
  ctx.flavor = { ...inst.flavor };
  ctx.libvirt = { ...ctx.libvirt, virt_type: virtType, config_drive: inst.config_drive, image_properties: inst.image_hw_disk_bus ? { hw_disk_bus: inst.image_hw_disk_bus } : {} };
  const root: NovaBdm = { entry: null, implicit: 'legacy-image-root', source_type: 'image', destination_type: 'local', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: 'disk', volume_size: null, uuid: 'image', no_device: false, delete_on_termination: true, volume_type: null, tag: null };
  const info = computeDiskInfo([root], ctx, { imageRef: 'image' });
  for (const m of info.mapping) if (m.dev && !out.includes(m.dev)) out.push(m.dev);
  return out;
}
