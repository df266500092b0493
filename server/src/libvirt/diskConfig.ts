/**
 * The fields of one libvirt `<disk>` as Nova's LibvirtConfigGuestDisk carries them
 * (shared/spec/attach-flow.md f.1-f.3). Renderers emit them in Nova's element and
 * attribute order; everything optional is left out when undefined.
 */
export interface DiskConfig {
  /** `<disk type>`: file | block | network | dir | volume */
  sourceType: 'file' | 'block' | 'network' | 'dir' | 'volume';
  /** `<disk device>`: disk | cdrom | floppy | lun */
  device: 'disk' | 'cdrom' | 'floppy' | 'lun';
  driver?: {
    name?: string; // "qemu" on kvm/qemu; absent for the rbd image backend
    type?: string; // raw | qcow2 ...
    cache?: string;
    discard?: string;
    io?: string;
  };
  alias?: string;
  /** file= for type file, dev= for type block; protocol/name/hosts for network */
  source?: {
    file?: string;
    dev?: string;
    protocol?: string;
    name?: string;
    hosts?: Array<{ name: string; port?: string }>;
  };
  auth?: { username: string; secretType: string; secretUuid: string };
  target: { dev: string; bus: string };
  serial?: string;
  iotune?: Record<string, string>;
  blockio?: { logical_block_size?: string; physical_block_size?: string };
  readonly?: boolean;
  shareable?: boolean;
  bootOrder?: string;
  address?: { type: 'drive'; controller: string; bus?: string; target?: string; unit: string };
  encryption?: { format: string; secretType: string; secretUuid: string };
}
