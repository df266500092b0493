/**
 * The context that changes Nova's verdict on a request (shared/spec/context-format.md).
 * The keys are fixed: the CLI's --context file, `.bdm-context.json` and the `bdmLab.*`
 * settings all carry this shape.
 */
export interface Flavor {
  root_gb: number;
  ephemeral_gb: number;
  swap_mb: number;
  /** the flavor's vCPUs and RAM (MiB), optional: with both, NUMA nodes' even division is judged */
  vcpus?: number;
  memory_mb?: number;
  /** flavor extra specs; `quota:disk_*` become the local disks' `<iotune>` */
  extra_specs?: Record<string, string>;
}

/** `images_type` values Nova's image backend knows. */
export type ImagesType = 'default' | 'qcow2' | 'raw' | 'flat' | 'lvm' | 'rbd' | 'ploop';

/**
 * The compute node's nova.conf, only the options that change the `<disk>` XML. Absent keys
 * keep Nova's defaults (and bdm-lab's output of before these keys existed).
 */
export interface NovaConf {
  DEFAULT?: {
    use_cow_images?: boolean;
    /** false: a flat local root keeps the image's own format (true by default: the cached image is made raw) */
    force_raw_images?: boolean;
    preallocate_images?: 'none' | 'space';
    force_config_drive?: boolean;
    config_drive_format?: 'iso9660' | 'vfat';
    instances_path?: string;
  };
  libvirt?: {
    virt_type?: LibvirtContext['virt_type'];
    disk_prefix?: string | null;
    /** e.g. ["block=writeback", "network=writeback", "file=directsync"] */
    disk_cachemodes?: string[];
    hw_disk_discard?: 'ignore' | 'unmap';
    images_type?: ImagesType;
    images_volume_group?: string;
    sparse_logical_volumes?: boolean;
    images_rbd_pool?: string;
    images_rbd_ceph_conf?: string;
    rbd_user?: string;
    rbd_secret_uuid?: string;
    volume_use_multipath?: boolean;
    /**
     * `[libvirt]hw_machine_type`, a list of `arch=machine type` (nova/virt/libvirt/utils.py
     * get_default_machine_type: the first item of the guest's arch; an item with nothing after
     * `=` is skipped). Read from a nova.conf file only: a context file says `libvirt.machine_type`.
     */
    hw_machine_type?: string[];
  };
  /**
   * `[workarounds]`: rbd_volume_local_attach and disable_native_luksv1 only Nova 21.0.0-23.x has
   * (nova/conf/workarounds.py; 24.0.0 removed both), disable_deep_image_inspection 27.4.0 on; a
   * release that does not know an option ignores it (libvirt/domainDisks.ts workaroundsFor).
   */
  workarounds?: {
    /** an RBD volume is mapped on the host by os-brick and handed to libvirt as a block device */
    rbd_volume_local_attach?: boolean;
    /** a LUKSv1 volume is opened by os-brick's dm-crypt encryptor instead of QEMU's native LUKS */
    disable_native_luksv1?: boolean;
    /**
     * nova-compute does not inspect downloaded images (libvirt/imageInspection.ts): Nova 27.4.0,
     * 28.2.0, 29.1.0 and 30.0.0 on have it (and its inspection); other releases ignore it
     */
    disable_deep_image_inspection?: boolean;
  };
  /**
   * What oslo.config refuses in the nova.conf file this was read from (model/novaConfIni.ts): not
   * an option, and never written in a context file; carried with the options through the
   * context's layers so that the preview can refuse as nova-compute does.
   */
  refusals?: readonly RefusalCandidate[];
}

/** What oslo.config refuses in a nova.conf: nova-compute does not start with it. */
export interface ConfRefusal {
  /** the nova.conf line, from 1 */
  line: number;
  /** oslo.config's exception */
  error: 'ConfigFileValueError' | 'ConfigFileParseError';
  /** the section as written (null: before any section) */
  section: string | null;
  /** the option as written (a deprecated name stays as written); null for a parse error */
  option: string | null;
  /** oslo.config's group (DEFAULT, libvirt) and the option's own name; null for a parse error */
  group: string | null;
  name: string | null;
  /** the value oslo.config read (quotes gone, continuation lines joined); for a parse error, the line */
  value: string;
  /** oslo.config's own words for it */
  reason: string;
  /** the nova.conf file, when its reader's caller named it */
  file?: string;
}

/**
 * A refusal as the reader keeps it: per run of Nova major versions (from `from` to the next
 * one's), oslo.config's reason, or null where that release takes the value.
 */
export interface RefusalCandidate extends Omit<ConfRefusal, 'reason'> {
  /** the value the reader kept for the option (a value only some releases take) */
  kept?: unknown;
  eras: Array<{ from: number; reason: string | null }>;
}


/** Facts of the compute host that are not in nova.conf. */
export interface ComputeHost {
  /** whether the instances directory supports O_DIRECT (default true: local disks cache="none") */
  instances_path_direct_io?: boolean;
  /** what `ceph mon dump` answers for images_type rbd: the `<host>`s of rbd disks */
  ceph_monitors?: Array<{ name: string; port?: string }>;
}

/**
 * What the context says about one volume (keyed by the id the entry names: a volume, snapshot
 * or image id; `*` for every volume): the image metadata Cinder keeps on it, and the details of
 * its connection_info as the attach engine has them. Absent keys keep bdm-lab's stand-ins.
 */
export interface VolumeDetails {
  /** the volume's `volume_image_metadata` (a boot volume's are the instance's image properties) */
  volume_image_metadata?: Record<string, string>;
  /** the built-in stand-in backend of the connection_info */
  backend?: 'iscsi' | 'iscsi_multipath' | 'fibre_channel' | 'rbd' | 'nfs';
  /** the connection_info as Nova stores it in the BDM (wins over `backend`) */
  connection_info?: { driver_volume_type: string; data: Record<string, unknown>; [key: string]: unknown };
  logical_block_size?: string;
  physical_block_size?: string;
  /** Cinder reports discard support: `<driver discard="unmap">` */
  discard?: boolean;
  access_mode?: string;
  /** Cinder's QoS specs with `consumer`: front-end/both become `<iotune>`; per-GB keys use `size` */
  qos_specs?: Record<string, string | number> | null;
  /** GiB, for per-GB QoS keys (default 1) */
  size?: number;
  multiattach?: boolean;
  /** the volume type's encryption; provider luks = QEMU's native LUKS through a libvirt secret */
  encryption?: { provider?: string; control_location?: 'front-end' | 'back-end'; secret_uuid?: string };
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
  /** the microversion the client sends (its version header); Nova refuses one not of its form or above its release's maximum before reading the body (rules/frontDoor.ts) */
  microversion: string;
  /** null when the flavor is unknown: flavor-dependent rules are skipped (with one note). */
  flavor: Flavor | null;
  max_local_block_devices: number;
  zero_disk_flavor_allowed: boolean;
  /** null when unknown: volume_type existence is not checked. */
  cinder_volume_types: VolumeType[] | null;
  libvirt: LibvirtContext;
  // Optional: contexts built in code before these keys existed leave them out (= Nova's defaults).
  /** the compute node's nova.conf (only the options that change the XML); {} = Nova's defaults */
  nova_conf?: NovaConf;
  compute_host?: ComputeHost;
  /** the Nova release for the XML and for the API's highest microversion (nova/apiVersions.ts): a release profile name or a Nova version; null = the newest */
  nova_release?: string | null;
  /** the cloud's highest compute microversion (tools that negotiate send the lower of it and their own maximum); absent = what nova_release serves, else 2.96 (document.ts negotiated) */
  cloud_max_microversion?: string;
  /** the instance; null uuid = bdm-lab's fixed stand-in */
  instance?: { uuid: string | null };
  /** per volume: image metadata and connection details (see VolumeDetails); `*` = every volume */
  volumes?: Record<string, VolumeDetails>;
  /** the highest compute microversion the cloud offers Heat (Heat asks for it at run time); null/absent = 2.92, novaclient 18.1's highest (or nova_release's, when lower) */
  heat_max_microversion?: string | null;
}

/**
 * Where each value came from, strongest first: cli, modeline (the document's $bdm comment),
 * contexts (the bdmLab.contexts entry its path matches), file (.bdm-context.json), settings, default.
 */
export type ContextSource = 'cli' | 'modeline' | 'contexts' | 'file' | 'settings' | 'default';

/** the cloud's highest compute microversion when the context gives none (a current Nova, as the oracles' clouds) */
export const DEFAULT_CLOUD_MAX_MICROVERSION = '2.96';
/** novaclient 18.1's highest microversion: what Heat asks for when the cloud has it */
export const HEAT_DEFAULT_MICROVERSION = '2.92';

/**
 * The machine type Nova's libvirt driver takes for a guest arch when the image names none
 * (nova/virt/libvirt/utils.py get_default_machine_type): the first `arch=type` item of
 * `[libvirt]hw_machine_type` for that arch (machineTypeItem), else its built-in default per arch,
 * else none ('': QEMU's own).
 */
export function machineTypeFor(list: readonly string[] | undefined, arch: string): string {
  return machineTypeItem(list, arch) ?? BUILTIN_MACHINE_TYPES[arch] ?? '';
}

/** The type of the first `arch=type` item of a `[libvirt]hw_machine_type` list for `arch` (an item with nothing after `=` is skipped), or null. */
export function machineTypeItem(list: readonly string[] | undefined, arch: string): string | null {
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    const type = at < 0 ? '' : item.slice(at + 1);
    if (type !== '' && item.slice(0, at) === arch) return type;
  }
  return null;
}
const BUILTIN_MACHINE_TYPES: Readonly<Record<string, string>> = {
  armv7l: 'virt', aarch64: 'virt', ppc64le: 'pseries', s390: 's390-ccw-virtio', s390x: 's390-ccw-virtio', i686: 'pc', x86_64: 'pc',
};

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
    nova_conf: {},
    compute_host: {},
    nova_release: null,
    instance: { uuid: null },
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
  // asked several times per request, nearly always of the same string (of two or three, when
  // documents of different contexts take turns): the last few are kept
  for (let i = 0; i < minorsOf.length; i++) if (minorsOf[i] === mv) return minors[i];
  const p = parseMicroversion(mv);
  const minor = p && p[0] === 2 ? p[1] : 1;
  minorsOf[nextMinor] = mv;
  minors[nextMinor] = minor;
  nextMinor = (nextMinor + 1) % KEPT_MINORS;
  return minor;
}
const KEPT_MINORS = 4;
const minorsOf: string[] = [];
const minors: number[] = [];
let nextMinor = 0;
