/**
 * Labels hunt 25's hand-written cases (image properties of the context against Nova's ImageMeta
 * object: test/unit/nova-hunt25.test.ts) with Nova's own answer (the nova-oracle) and writes
 * test/fixtures/nova-hunt25/image-metadata.json: each case's body as text, its context, a note,
 * and the oracle's whole output (`oracle`).
 *   node --import tsx scripts/difftest-hunt25-label.ts
 */
import { writeOracleLabels } from './difftest-lib';
import type { DiffContext } from './difftest-gen';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';

type Props = Record<string, string>;
interface Case { id: string; note: string; context: DiffContext & { libvirt?: object }; payloadText: string }

const ctx = (props: Props, extra: Partial<DiffContext> & { libvirt?: object } = {}): Case['context'] => {
  const { libvirt, ...rest } = extra;
  return { microversion: '2.67', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: 3, zero_disk_flavor_allowed: false, ...rest, libvirt: { ...(libvirt ?? {}), image_properties: props } };
};
const body = (server: object) => JSON.stringify({ server: { name: 'h25', flavorRef: '1', networks: 'none', ...server } }, null, 1) + '\n';
const imageOnly = body({ imageRef: IMG });
const volRoot = (more: object[] = []) => body({ block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }, ...more] });
const cdromVolume = { source_type: 'volume', destination_type: 'volume', uuid: VOL2, device_type: 'cdrom', boot_index: 1 };

const cases: Case[] = [
  { id: 'h25-imageref-bad-disk-bus', note: 'imageRef\'s image has hw_disk_bus "sd" (no DiskBus value): 400 Invalid image metadata', context: ctx({ hw_disk_bus: 'sd' }), payloadText: imageOnly },
  { id: 'h25-bad-bus-before-zero-disk', note: 'the ImageMeta object is built before the zero-disk flavor check (root_gb 0, no policy)', context: ctx({ hw_disk_bus: 'sd' }, { flavor: { root_gb: 0, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: imageOnly },
  { id: 'h25-bad-bus-before-locals-limit', note: '... and before the local-device limit (max_local_block_devices 0)', context: ctx({ hw_disk_bus: 'sd' }, { max_local_block_devices: 0 }), payloadText: imageOnly },
  { id: 'h25-bad-bus-before-swap-size', note: '... and before the swap size', context: ctx({ hw_disk_bus: 'VIRTIO' }, { flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: body({ imageRef: IMG, block_device_mapping_v2: [{ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 }, { source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: 1, boot_index: -1 }] }) },
  { id: 'h25-volume-root-bad-bus', note: 'a boot volume carries the image properties (volume_image_metadata): refused the same', context: ctx({ hw_disk_bus: 'sd' }), payloadText: volRoot() },
  { id: 'h25-snapshot-root-bad-bus', note: 'a snapshot root: its volume\'s metadata', context: ctx({ hw_disk_bus: 'sd' }), payloadText: body({ block_device_mapping_v2: [{ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 }] }) },
  { id: 'h25-blank-root-no-metadata', note: 'a blank root has no image metadata: the bad property is never read, accepted', context: ctx({ hw_disk_bus: 'sd' }), payloadText: body({ block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: 0 }] }) },
  { id: 'h25-legacy-vda-bad-bus', note: 'a legacy request\'s vda volume gives the metadata', context: ctx({ hw_disk_bus: 'sd' }), payloadText: body({ block_device_mapping: [{ device_name: 'vda', volume_id: VOL }] }) },
  { id: 'h25-cdrom-bus-first', note: 'two bad buses: hw_cdrom_bus comes before hw_disk_bus in the object\'s field order', context: ctx({ hw_disk_bus: 'sd', hw_cdrom_bus: 'q' }), payloadText: imageOnly },
  { id: 'h25-scsi-model-bad', note: 'hw_scsi_model "virtio" is no SCSI model', context: ctx({ hw_scsi_model: 'virtio' }), payloadText: imageOnly },
  { id: 'h25-scsi-model-upper', note: 'hw_scsi_model is lower-cased: "VIRTIO-SCSI" is virtio-scsi (a scsi disk named sdX)', context: ctx({ hw_scsi_model: 'VIRTIO-SCSI', hw_disk_bus: 'scsi' }), payloadText: volRoot([{ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: -1 }]) },
  { id: 'h25-int-bad', note: 'an integer field (hw_video_ram) that int() refuses', context: ctx({ hw_video_ram: 'x' }), payloadText: imageOnly },
  { id: 'h25-int-blanks', note: 'int() takes blanks around: " 8 " is 8', context: ctx({ hw_video_ram: ' 8 ' }), payloadText: imageOnly },
  { id: 'h25-int-float', note: 'int() refuses "1.5"', context: ctx({ hw_cpu_cores: '1.5' }), payloadText: imageOnly },
  { id: 'h25-legacy-architecture', note: 'the legacy name "architecture" is hw_architecture: "foo" is no architecture', context: ctx({ architecture: 'foo' }), payloadText: imageOnly },
  { id: 'h25-hw-architecture-bad', note: 'hw_architecture "ARM" (lower-cased "arm") is no architecture', context: ctx({ hw_architecture: 'ARM' }), payloadText: imageOnly },
  { id: 'h25-hypervisor-type', note: 'hypervisor_type (img_hv_type) "k v m"', context: ctx({ hypervisor_type: 'k v m' }), payloadText: imageOnly },
  { id: 'h25-vm-mode', note: 'vm_mode (hw_vm_mode) "x"', context: ctx({ vm_mode: 'x' }), payloadText: imageOnly },
  { id: 'h25-vm-mode-pv', note: 'vm_mode "PV" is xen: accepted', context: ctx({ vm_mode: 'PV' }), payloadText: imageOnly },
  { id: 'h25-os-type-case', note: 'os_type is lower-cased: "Linux" accepted', context: ctx({ os_type: 'Linux' }), payloadText: imageOnly },
  { id: 'h25-os-type-bad', note: 'os_type "dos"', context: ctx({ os_type: 'dos' }), payloadText: imageOnly },
  { id: 'h25-vif-model-legacy', note: 'hw_vif_model "VirtualE1000" is e1000: accepted', context: ctx({ hw_vif_model: 'VirtualE1000' }), payloadText: imageOnly },
  { id: 'h25-vif-model-bad', note: 'hw_vif_model "e1000x"', context: ctx({ hw_vif_model: 'e1000x' }), payloadText: imageOnly },
  { id: 'h25-firmware-case', note: 'hw_firmware_type is case-sensitive: "UEFI" refused', context: ctx({ hw_firmware_type: 'UEFI' }), payloadText: imageOnly },
  { id: 'h25-mappings-string', note: 'a non-empty "mappings" string: the root device name lookup indexes it like a list of dicts (500 TypeError)', context: ctx({ mappings: '[]' }), payloadText: imageOnly },
  { id: 'h25-mappings-empty', note: 'an empty "mappings" string passes that lookup; the ImageMeta object wants a list', context: ctx({ mappings: '' }), payloadText: imageOnly },
  { id: 'h25-adaptertype-bad', note: 'vmware_adaptertype other than ide is the SCSI model: "foo" refused', context: ctx({ vmware_adaptertype: 'foo' }), payloadText: imageOnly },
  { id: 'h25-adaptertype-ide-names', note: 'vmware_adaptertype "ide" makes hw_disk_bus ide: the volumes are hdX', context: ctx({ vmware_adaptertype: 'ide' }), payloadText: volRoot([{ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: -1 }]) },
  { id: 'h25-adaptertype-current-wins', note: 'hw_disk_bus given beside vmware_adaptertype wins (current names are set last)', context: ctx({ vmware_adaptertype: 'ide', hw_disk_bus: 'virtio' }), payloadText: volRoot([{ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: -1 }]) },
  { id: 'h25-architecture-alias-cdrom', note: 'architecture "AMD64" is x86_64: a cdrom takes the q35 machine\'s sata bus', context: ctx({ architecture: 'AMD64' }, { libvirt: { machine_type: 'q35' } }), payloadText: volRoot([cdromVolume]) },
  { id: 'h25-hw-architecture-alias-cdrom', note: 'hw_architecture "AMD64" is x86_64 (the host\'s arch): its q35 machine type gives the cdrom sata', context: ctx({ hw_architecture: 'AMD64' }, { libvirt: { machine_type: 'q35' } }), payloadText: volRoot([cdromVolume]) },
  { id: 'h25-disk-format-not-a-property', note: 'disk_format is the image\'s attribute (a string field): any value passes the object', context: ctx({ disk_format: 'nonsense' }), payloadText: imageOnly },
];

writeOracleLabels(cases, 'test/fixtures/nova-hunt25/image-metadata.json');
