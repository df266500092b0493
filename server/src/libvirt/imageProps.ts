/**
 * Image properties as Nova's ImageMeta object takes them (nova/objects/image_meta.py
 * ImageMetaProps.from_dict, Nova 26): which values a typed field refuses (the compute API then
 * answers 400 "Invalid image metadata", rules/nova/imageMeta.ts), and what the accepted values
 * become (legacy names moved to current ones, enum aliases and case folded) before the libvirt
 * driver reads them (naming.ts).
 *
 * The fields that can refuse a string (facts of Nova 26's ImageMetaProps), in the order
 * from_dict sets them: the legacy names first, then vmware_adaptertype, then the current names in
 * the object's field order. Strings, flexible booleans and UUIDs never refuse. The NUMA cells are
 * read at their fields' places (hw_numa_cpus, then hw_numa_mem) from the indexed keys
 * `hw_numa_cpus.0`, `.1`, ... up to the first missing index: a memory size int() refuses is a
 * ValueError like the others, a CPU list hardware.parse_cpu_spec refuses raises nova's Invalid,
 * which nothing catches (HTTP 500). img_hv_requested_version (also the legacy
 * hypervisor_version_requires) must be a version predicate distutils' VersionPredicate reads as
 * `check (<value>)`.
 */
import { pyInt, pyRepr } from '../model/novaConfIni';
import { isPySpace, pyStrip } from '../text/pySpace';

type Kind =
  | { t: 'enum'; values: readonly string[]; lower?: boolean; aliases?: Readonly<Record<string, string>> }
  | { t: 'named'; values: readonly string[]; aliases: Readonly<Record<string, string>>; what: string }
  | { t: 'int' }
  | { t: 'list' }
  | { t: 'predicate' };

const DISK_BUS: Kind = { t: 'enum', values: ['fdc', 'ide', 'sata', 'scsi', 'usb', 'virtio', 'xen', 'lxc', 'uml'] };
const ARCHES = ['alpha', 'armv6', 'armv7l', 'armv7b', 'aarch64', 'cris', 'i686', 'ia64', 'lm32', 'm68k', 'microblaze', 'microblazeel', 'mips', 'mipsel', 'mips64', 'mips64el', 'openrisc', 'parisc', 'parisc64', 'ppc', 'ppcle', 'ppc64', 'ppc64le', 'ppcemb', 's390', 's390x', 'sh4', 'sh4eb', 'sparc', 'sparc64', 'unicore32', 'x86_64', 'xtensa', 'xtensaeb'];
const ARCH: Kind = { t: 'named', values: ARCHES, aliases: { i386: 'i686', i486: 'i686', i586: 'i686', x86_32: 'i686', x86_32p: 'i686', amd64: 'x86_64' }, what: 'Architecture name' };
const HV_TYPE: Kind = { t: 'named', values: ['baremetal', 'bhyve', 'docker', 'fake', 'hyperv', 'ironic', 'kqemu', 'kvm', 'lxc', 'lxd', 'openvz', 'parallels', 'phyp', 'qemu', 'test', 'uml', 'vbox', 'vz', 'vmware', 'xen', 'zvm', 'prsm'], aliases: { xapi: 'xen' }, what: 'Hypervisor virt type' };
const VM_MODE: Kind = { t: 'named', values: ['hvm', 'xen', 'uml', 'exe'], aliases: { pv: 'xen', hv: 'hvm', baremetal: 'hvm' }, what: 'Virtual machine mode' };
const SCSI_MODEL: Kind = { t: 'enum', values: ['buslogic', 'ibmvscsi', 'lsilogic', 'lsisas1068', 'lsisas1078', 'virtio-scsi', 'vmpvscsi'], lower: true, aliases: { lsilogicsas: 'lsisas1068', paravirtual: 'vmpvscsi' } };
const INT: Kind = { t: 'int' };
const LIST: Kind = { t: 'list' };
const PREDICATE: Kind = { t: 'predicate' };

/** the legacy property names and the field each sets (only those whose field can refuse a value) */
const LEGACY: ReadonlyArray<[string, string, Kind]> = [
  ['architecture', 'hw_architecture', ARCH],
  ['vmware_image_version', 'img_version', INT],
  ['xenapi_device_id', 'hw_device_id', INT],
  ['xenapi_image_compression_level', 'img_compression_level', INT],
  ['vm_mode', 'hw_vm_mode', VM_MODE],
  ['mappings', 'img_mappings', LIST],
  ['block_device_mapping', 'img_block_device_mapping', LIST],
  ['hypervisor_version_requires', 'img_hv_requested_version', PREDICATE],
  ['hypervisor_type', 'img_hv_type', HV_TYPE],
];

/** the current names, in ImageMetaProps' field order (only those that can refuse a value) */
const FIELDS: ReadonlyArray<[string, Kind]> = [
  ['hw_architecture', ARCH],
  ['hw_emulation_architecture', ARCH],
  ['hw_cdrom_bus', DISK_BUS],
  ['hw_cpu_cores', INT],
  ['hw_cpu_sockets', INT],
  ['hw_cpu_max_cores', INT],
  ['hw_cpu_max_sockets', INT],
  ['hw_cpu_max_threads', INT],
  ['hw_cpu_policy', { t: 'enum', values: ['dedicated', 'shared', 'mixed'] }],
  ['hw_cpu_thread_policy', { t: 'enum', values: ['prefer', 'isolate', 'require'] }],
  ['hw_cpu_threads', INT],
  ['hw_device_id', INT],
  ['hw_disk_bus', DISK_BUS],
  ['hw_floppy_bus', DISK_BUS],
  ['hw_firmware_type', { t: 'enum', values: ['uefi', 'bios'] }],
  ['hw_input_bus', { t: 'enum', values: ['usb', 'virtio'] }],
  ['hw_numa_nodes', INT],
  // (hw_numa_cpus and hw_numa_mem: their indexed keys, read in imageMetaOf)
  ['hw_numa_cpus', LIST],
  ['hw_numa_mem', LIST],
  ['hw_pci_numa_affinity_policy', { t: 'enum', values: ['required', 'legacy', 'preferred', 'socket'] }],
  ['hw_pointer_model', { t: 'enum', values: ['usbtablet'] }],
  ['hw_rescue_bus', DISK_BUS],
  ['hw_rescue_device', { t: 'enum', values: ['cdrom', 'disk', 'floppy', 'fs', 'lun'] }],
  ['hw_rng_model', { t: 'enum', values: ['virtio'] }],
  ['hw_serial_port_count', INT],
  ['hw_scsi_model', SCSI_MODEL],
  ['hw_video_model', { t: 'enum', values: ['cirrus', 'qxl', 'vga', 'vmvga', 'xen', 'virtio', 'gop', 'none', 'bochs'] }],
  ['hw_video_ram', INT],
  ['hw_vif_model', { t: 'enum', values: ['virtio', 'ne2k_pci', 'pcnet', 'rtl8139', 'e1000', 'e1000e', 'netfront', 'spapr-vlan', 'lan9118', 'sriov', 'vmxnet', 'vmxnet3'], lower: true, aliases: { virtuale1000: 'e1000', virtuale1000e: 'e1000e', virtualpcnet32: 'pcnet', virtualsriovethernetcard: 'sriov', virtualvmxnet: 'vmxnet', virtualvmxnet3: 'vmxnet3' } }],
  ['hw_viommu_model', { t: 'enum', values: ['intel', 'smmuv3', 'virtio', 'auto'] }],
  ['hw_vm_mode', VM_MODE],
  ['hw_watchdog_action', { t: 'enum', values: ['none', 'pause', 'poweroff', 'reset', 'disabled'] }],
  ['hw_tpm_model', { t: 'enum', values: ['tpm-tis', 'tpm-crb'] }],
  ['hw_tpm_version', { t: 'enum', values: ['1.2', '2.0'] }],
  ['hw_ephemeral_encryption_format', { t: 'enum', values: ['plain', 'luks', 'luksv2'] }],
  ['img_block_device_mapping', LIST],
  ['img_compression_level', INT],
  ['img_hv_requested_version', PREDICATE],
  ['img_hv_type', HV_TYPE],
  ['img_config_drive', { t: 'enum', values: ['optional', 'mandatory'] }],
  ['img_mappings', LIST],
  ['img_version', INT],
  ['img_signature_hash_method', { t: 'enum', values: ['SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'] }],
  ['img_signature_key_type', { t: 'enum', values: ['DSA', 'ECC_SECP384R1', 'ECC_SECP521R1', 'ECC_SECT409K1', 'ECC_SECT409R1', 'ECC_SECT571K1', 'ECC_SECT571R1', 'RSA-PSS'] }],
  ['os_secure_boot', { t: 'enum', values: ['required', 'disabled', 'optional'] }],
  ['os_type', { t: 'enum', values: ['linux', 'windows'], lower: true }],
];

/** The ValueError a field raises on a (string) value, or null when it takes it. */
function refusal(field: string, kind: Kind, value: string): string | null {
  switch (kind.t) {
    case 'int':
      return pyInt(value) === null ? `invalid literal for int() with base 10: ${pyRepr(value)}` : null;
    case 'list':
      return `A list is required in field ${field}, not a str`;
    case 'predicate':
      return isVersionPredicate(value) ? null : `Version ${value} is not a valid predicate in field ${field}`;
    case 'named': {
      const low = value.toLowerCase();
      return kind.values.includes(kind.aliases[low] ?? low) ? null : `${kind.what} '${value}' is not valid`;
    }
    case 'enum': {
      const v = kind.lower ? value.toLowerCase() : value;
      const c = kind.aliases?.[v] ?? v;
      return kind.values.includes(c) ? null : `Field value ${c} is invalid`;
    }
  }
}

const own = (props: Readonly<Record<string, string>>, k: string): boolean => Object.prototype.hasOwnProperty.call(props, k);

/** What ImageMetaProps.from_dict makes of the properties: its refusal, if any. */
export interface ImageMetaRead {
  /** the ValueError (the compute API's 400 "Invalid image metadata"), or null */
  error: string | null;
  /** a NUMA CPU list parse_cpu_spec refuses (nova.exception.Invalid, uncaught: 500), before any later field's error */
  cpuSpecInvalid: boolean;
}

/** whether the object has a key of its own */
function hasOwnKey(props: Readonly<Record<string, string>>): boolean {
  for (const k in props) if (own(props, k)) return true;
  return false;
}

/** how many of `key.0`, `key.1`, ... are given (from_dict stops at the first missing index; at most 128) */
export function numaCells(props: Readonly<Record<string, string>>, key: 'hw_numa_cpus' | 'hw_numa_mem'): number {
  let n = 0;
  while (n < 128 && own(props, `${key}.${n}`)) n++;
  return n;
}

/**
 * from_dict on these image properties: the first field that refuses, in from_dict's order (the
 * legacy names, vmware_adaptertype, then the fields in the object's order).
 */
export function imageMetaOf(props: Readonly<Record<string, string>>): ImageMetaRead {
  // (most requests name no image property: nothing for from_dict to refuse)
  if (!hasOwnKey(props)) return { error: null, cpuSpecInvalid: false };
  const refused = (error: string): ImageMetaRead => ({ error, cpuSpecInvalid: false });
  for (const [key, field, kind] of LEGACY) {
    if (!own(props, key)) continue;
    const e = refusal(field, kind, String(props[key]));
    if (e) return refused(e);
  }
  const adapter = own(props, 'vmware_adaptertype') ? String(props.vmware_adaptertype) : '';
  if (adapter && adapter !== 'ide') {
    const e = refusal('hw_scsi_model', SCSI_MODEL, adapter);
    if (e) return refused(e);
  }
  for (const [field, kind] of FIELDS) {
    if (field === 'hw_numa_cpus') {
      const n = numaCells(props, field);
      for (let i = 0; i < n; i++) if (!isCpuSpec(String(props[`${field}.${i}`]))) return { error: null, cpuSpecInvalid: true };
      continue;
    }
    if (field === 'hw_numa_mem') {
      const n = numaCells(props, field);
      for (let i = 0; i < n; i++) {
        const v = String(props[`${field}.${i}`]);
        if (pyInt(v) === null) return refused(`invalid literal for int() with base 10: ${pyRepr(v)}`);
      }
      continue;
    }
    if (!own(props, field)) continue;
    const e = refusal(field, kind, String(props[field]));
    if (e) return refused(e);
  }
  return { error: null, cpuSpecInvalid: false };
}

/**
 * The error ImageMetaProps.from_dict raises on these image properties (the first field that
 * refuses, in from_dict's order), or null when it takes them all (or crashes: imageMetaOf).
 */
export function imagePropsError(props: Readonly<Record<string, string>>): string | null {
  return imageMetaOf(props).error;
}

/**
 * nova.virt.hardware.parse_cpu_spec takes the CPU list: comma-separated items (blanks around
 * them, empty ones skipped), each `N`, `^N` or a range `A-B` (`^A-B`) with A <= B, every number
 * what Python's int() reads.
 */
export function isCpuSpec(spec: string): boolean {
  for (const raw of spec.split(',')) {
    const rule = pyStrip(raw);
    if (rule === '') continue;
    const dash = rule.indexOf('-');
    if (dash >= 0) {
      const first = rule.slice(0, dash);
      const start = pyInt(first.startsWith('^') ? first.slice(1) : first);
      const end = pyInt(rule.slice(dash + 1));
      if (start === null || end === null || start > end) return false;
    } else if (pyInt(rule.startsWith('^') ? rule.slice(1) : rule) === null) return false;
  }
  return true;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** distutils' StrictVersion: N.N, N.N.N, each optionally followed by a or b and digits (ASCII digits) */
function isStrictVersion(v: string): boolean {
  let i = 0;
  const digits = (): boolean => {
    const from = i;
    while (i < v.length && isDigit(v.charCodeAt(i))) i++;
    return i > from;
  };
  if (!digits() || v[i++] !== '.' || !digits()) return false;
  if (v[i] === '.') {
    i++;
    if (!digits()) return false;
  }
  if (v[i] === 'a' || v[i] === 'b') {
    i++;
    if (!digits()) return false;
  }
  return i === v.length;
}

const OPERATORS = ['<=', '>=', '!=', '==', '<', '>'];
/**
 * distutils' VersionPredicate('check (<value>)'): the text up to the first line feed (its
 * regular expression's `.`) must be a parenthesised, comma-separated list of comparisons, each
 * an operator and a StrictVersion with blanks around (an empty list item is refused).
 */
function isVersionPredicate(value: string): boolean {
  const nl = value.indexOf('\n');
  const paren = pyStrip(' (' + (nl >= 0 ? value.slice(0, nl) : value + ')'));
  if (!paren.startsWith('(') || !paren.endsWith(')') || paren.length < 2) return false;
  for (const part of paren.slice(1, -1).split(',')) {
    const p = pyStrip(part);
    const op = OPERATORS.find((o) => p.startsWith(o));
    if (!op) return false;
    const ver = pyStrip(p.slice(op.length));
    for (let k = 0; k < ver.length; k++) if (isPySpace(ver.charCodeAt(k))) return false;
    if (!isStrictVersion(ver)) return false;
  }
  return true;
}

/**
 * The properties the libvirt driver reads, as ImageMetaProps holds them once it took these
 * (which it does: imagePropsError is null): `architecture` becomes hw_architecture and
 * vmware_adaptertype the disk bus and SCSI model unless the current names are given; the
 * architecture and the SCSI model are canonical. Other keys are kept as written.
 */
export function imagePropsAsNova(props: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...props };
  const adapter = own(props, 'vmware_adaptertype') ? String(props.vmware_adaptertype) : '';
  if (own(props, 'architecture') && !own(props, 'hw_architecture')) out.hw_architecture = String(props.architecture);
  if (adapter && !own(props, 'hw_disk_bus')) out.hw_disk_bus = adapter === 'ide' ? 'ide' : 'scsi';
  if (adapter && adapter !== 'ide' && !own(props, 'hw_scsi_model')) out.hw_scsi_model = adapter;
  if (own(out, 'hw_architecture')) out.hw_architecture = canonical(ARCH, out.hw_architecture!);
  if (own(out, 'hw_scsi_model')) out.hw_scsi_model = canonical(SCSI_MODEL, out.hw_scsi_model!);
  return out;
}

function canonical(kind: Kind, value: string): string {
  if (kind.t !== 'named' && kind.t !== 'enum') return value;
  const v = kind.t === 'named' || kind.lower ? value.toLowerCase() : value;
  return kind.aliases?.[v] ?? v;
}
