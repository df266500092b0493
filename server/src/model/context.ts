/**
 * The context that changes Nova's verdict on a request (shared/spec/context-format.md).
 * The keys are fixed: the CLI's --context file, `.bdm-context.json` and the `bdmLab.*`
 * settings all carry this shape.
 */
export interface Flavor {
  root_gb: number;
  ephemeral_gb: number;
  swap_mb: number;
}

export interface VolumeType {
  id: string;
  name: string;
}

export interface LibvirtContext {
  virt_type: 'kvm' | 'qemu' | 'lxc' | 'parallels' | 'xen' | 'uml';
  arch: string;
  machine_type: string;
  image_properties: Record<string, string>;
  config_drive: boolean;
  disk_prefix: string | null;
}

export interface Context {
  microversion: string;
  /** null when the flavor is unknown: flavor-dependent rules are skipped (with one note). */
  flavor: Flavor | null;
  max_local_block_devices: number;
  zero_disk_flavor_allowed: boolean;
  /** null when unknown: volume_type existence is not checked. */
  cinder_volume_types: VolumeType[] | null;
  libvirt: LibvirtContext;
}

/** Where each value came from, strongest first: cli, file, settings, default. */
export type ContextSource = 'cli' | 'file' | 'settings' | 'default';

export function defaultLibvirt(): LibvirtContext {
  return { virt_type: 'kvm', arch: 'x86_64', machine_type: 'pc', image_properties: {}, config_drive: false, disk_prefix: null };
}

export function defaultContext(): Context {
  return {
    microversion: '2.1',
    flavor: null,
    max_local_block_devices: 3,
    zero_disk_flavor_allowed: false,
    cinder_volume_types: null,
    libvirt: defaultLibvirt(),
  };
}

/** A microversion as [major, minor]; "2.0" is the legacy /v2 endpoint. */
export function parseMicroversion(mv: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)$/.exec(mv.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2])];
}

/** minor number of a 2.x microversion, e.g. "2.67" -> 67; unparsable -> 1. */
export function mvMinor(mv: string): number {
  const p = parseMicroversion(mv);
  return p && p[0] === 2 ? p[1] : 1;
}
