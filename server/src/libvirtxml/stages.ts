import type { LibvirtXmlRuleId } from './rules';
import { STAGES } from './types';
import { DEVICE_ORDERED_STAGES, deviceRank } from './deviceRank';
import type { Stage, XmlElement } from './types';

export { STAGES };
export type { Stage };

/** A stage's place in libvirt's order. */
export const STAGE_RANK: Readonly<Record<Stage, number>> = Object.freeze(Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>);

/**
 * Each rule's stage: where libvirt makes the check its findings stand for. A rule whose findings
 * belong to several stages gives a finding its own (`Finding.stage`); a finding whose words say
 * it is libvirt's schema that refuses is a schema finding (`stageOf`).
 */
export const RULE_STAGE: Readonly<Record<LibvirtXmlRuleId, Stage>> = {
  // src/conf/schemas/domaincommon.rng
  'LIBVIRT-XML-UNKNOWN-ELEMENT': 'schema',
  'LIBVIRT-XML-UNKNOWN-ATTRIBUTE': 'schema',
  'LIBVIRT-XML-NEWER-THAN-9': 'schema',
  'LIBVIRT-DISK-TYPE-VALUE': 'schema',
  'LIBVIRT-DISK-DEVICE-VALUE': 'schema',
  'LIBVIRT-DISK-BUS-VALUE': 'schema',
  'LIBVIRT-DISK-DRIVER-VALUE': 'schema',
  'LIBVIRT-DISK-PROTOCOL-VALUE': 'schema',
  'LIBVIRT-XML-ATTR-VALUE': 'schema',
  'LIBVIRT-XML-ATTR-NUMBER': 'schema',
  'LIBVIRT-DISK-TARGET-MISSING': 'schema',
  'LIBVIRT-DISK-TARGET-DEV': 'schema',
  'LIBVIRT-DISK-SOURCE-ATTR': 'schema',
  'LIBVIRT-DISK-SOURCE-PATH': 'schema',
  'LIBVIRT-DISK-LUN-TYPE': 'schema',
  'LIBVIRT-DISK-NETWORK-HOST': 'schema',
  'LIBVIRT-DISK-NETWORK-HOSTS': 'schema',
  'LIBVIRT-DISK-HOST-NAME': 'schema',
  'LIBVIRT-DISK-AUTH-FIELDS': 'schema',
  'LIBVIRT-DISK-SOURCE-PROTOCOL-CHILD': 'schema',
  'LIBVIRT-DISK-NFS-IDENTITY': 'schema',
  'LIBVIRT-DISK-SERIAL-CHARS': 'schema',
  'LIBVIRT-DISK-VENDOR-PRODUCT': 'schema',
  'LIBVIRT-DISK-BOOT-ORDER-VALUE': 'schema',
  'LIBVIRT-DOMAIN-SECLABEL-TYPE': 'schema',
  'LIBVIRT-DOMAIN-CONTROLLER-MODEL': 'schema',
  'LIBVIRT-DOMAIN-ALIAS-NAME': 'schema',
  'LIBVIRT-DOMAIN-DEVICE-SET': 'schema',
  'LIBVIRT-DOMAIN-MAC-ADDRESS': 'schema',
  'LIBVIRT-DISK-SOURCE-SECLABEL': 'schema',
  'LIBVIRT-DOMAIN-SCHEMA-SHAPE': 'schema',
  // virDomainDefParseXML and the parsers it calls (domain_conf.c, numa_conf.c, numatune_conf.c)
  'LIBVIRT-XML-ATTR-BLANKS': 'parse',
  'LIBVIRT-DISK-NETWORK-NAME': 'parse',
  'LIBVIRT-DISK-BACKING-STORE': 'parse',
  'LIBVIRT-DISK-RBD-NAME': 'parse',
  'LIBVIRT-DISK-AUTH-TWICE': 'parse',
  'LIBVIRT-DISK-HOST-PORT': 'parse',
  'LIBVIRT-DISK-IOTUNE': 'parse',
  'LIBVIRT-DOMAIN-NUMATUNE-NODESET': 'parse',
  'LIBVIRT-DOMAIN-IOTHREADSCHED': 'parse',
  'LIBVIRT-DOMAIN-VCPUSCHED': 'parse',
  'LIBVIRT-DOMAIN-SECLABEL-MODEL': 'parse',
  'LIBVIRT-DOMAIN-VCPU': 'parse',
  'LIBVIRT-DOMAIN-CPUSET': 'parse',
  'LIBVIRT-DOMAIN-TUNABLES': 'parse',
  'LIBVIRT-DOMAIN-LEASE': 'parse',
  'LIBVIRT-DOMAIN-HUGEPAGES': 'parse',
  'LIBVIRT-DOMAIN-HYPERV-SPINLOCKS': 'parse',
  'LIBVIRT-DOMAIN-NUMA-CELLS': 'parse',
  'LIBVIRT-DOMAIN-SYSINFO': 'parse',
  'LIBVIRT-DOMAIN-INPUT-BUS': 'parse',
  'LIBVIRT-DOMAIN-CPU-DEFINITION': 'parse',
  'LIBVIRT-DOMAIN-AUDIO': 'parse',
  'LIBVIRT-DOMAIN-HOSTDEV-USB-SOURCE': 'parse',
  'LIBVIRT-DOMAIN-HOSTDEV-SGIO': 'parse',
  // the QEMU driver's domain post-parse (qemuDomainDefPostParse: default controllers and devices)
  'LIBVIRT-DOMAIN-USB-CONTROLLER': 'postparse-domain',
  'LIBVIRT-DOMAIN-USB-DISABLED': 'postparse-domain',
  // each device's post-parse (qemuDomainDeviceDefPostParse, virDomainDeviceDefPostParseCommon)
  'LIBVIRT-DOMAIN-PCI-NUMA-NODE': 'postparse-device',
  'LIBVIRT-DOMAIN-MDEV-ADDRESS': 'postparse-device',
  'LIBVIRT-DOMAIN-SHMEM': 'postparse-device',
  // a SCSI disk's drive address against a SCSI hostdev's: the disk's post-parse (virDomainDiskDefAssignAddress)
  // or the hostdev's (virDomainHostdevDefPostParse), before the addresses and the validation (labelled, round 36)
  'LIBVIRT-DISK-DRIVE-HOSTDEV-CONFLICT': 'postparse-device',
  // virDomainDefPostParseCommon (domain_postparse.c)
  'LIBVIRT-DOMAIN-MEMORY-MISSING': 'postparse-common',
  'LIBVIRT-DOMAIN-MEMORY-TOTAL': 'postparse-common',
  'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP': 'postparse-common',
  'LIBVIRT-DOMAIN-DUPLICATE-BOOT-ORDER': 'postparse-common',
  'LIBVIRT-DOMAIN-BOOT-MIXED': 'postparse-common',
  // address assignment (qemuDomainAssignAddresses: domain_addr.c, qemu_domain_address.c)
  'LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS': 'address',
  'LIBVIRT-DOMAIN-PCI-ADDRESS-DUP': 'address',
  'LIBVIRT-DOMAIN-PCI-DOMAIN': 'address',
  'LIBVIRT-DOMAIN-PCI-CONTROLLER': 'address',
  'LIBVIRT-DOMAIN-PCI-SLOT': 'address',
  'LIBVIRT-DOMAIN-PCI-PLACEMENT': 'address',
  'LIBVIRT-DOMAIN-PCI-ENDPOINT-BUS': 'address',
  'LIBVIRT-DOMAIN-PCI-INTEGRATED': 'address',
  'LIBVIRT-DOMAIN-PCI-ROOT-PORTS': 'address',
  'LIBVIRT-DOMAIN-USB-ADDRESS-DUP': 'address',
  'LIBVIRT-DOMAIN-USB-ADDRESS': 'address',
  'LIBVIRT-DOMAIN-MACHINE-ADDRESS': 'address',
  'LIBVIRT-DOMAIN-SOUND-MODEL': 'address',
  // the QEMU driver's domain validation (qemuValidateDomainDef)
  'LIBVIRT-DOMAIN-LIFECYCLE': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-BIOS-SERIAL': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-PANIC': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-TPM': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-CPU-TOPOLOGY': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-FIRMWARE': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-CPU-CACHE': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-CLOCK': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-CACHETUNE': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-PSERIES-FEATURE': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-SECURE-BOOT': 'validate-domain-driver',
  'LIBVIRT-DOMAIN-EMULATOR-ARCH': 'validate-domain-driver',
  // device by device (qemuValidateDomainDeviceDef, then virDomainDeviceDefValidateInternal)
  'LIBVIRT-DOMAIN-SPICE-TLS': 'validate-device',
  'LIBVIRT-DOMAIN-SHARED-MEMORY': 'validate-device',
  'LIBVIRT-DOMAIN-INTERFACE': 'validate-device',
  'LIBVIRT-DOMAIN-WATCHDOG': 'validate-device',
  'LIBVIRT-DOMAIN-CONTROLLER-MACHINE': 'validate-device',
  'LIBVIRT-DISK-SOURCE-MISSING': 'validate-device',
  'LIBVIRT-DISK-AUTH-SECRET-TYPE': 'validate-device',
  'LIBVIRT-DISK-RBD-NO-HOST': 'validate-device',
  'LIBVIRT-DISK-PROTOCOL-REMOVED': 'validate-device',
  'LIBVIRT-DISK-PROTOCOL-QEMU': 'validate-device',
  'LIBVIRT-DISK-FLOPPY-BUS': 'validate-device',
  'LIBVIRT-DISK-CDROM-BUS': 'validate-device',
  'LIBVIRT-DISK-LUN-PROTOCOL': 'validate-device',
  'LIBVIRT-DISK-LUN-FORMAT': 'validate-device',
  'LIBVIRT-DISK-LUN-BUS': 'validate-device',
  'LIBVIRT-DISK-DIR-FAT': 'validate-device',
  'LIBVIRT-DISK-TARGET-DEVICE-NAME': 'validate-device',
  'LIBVIRT-DISK-READONLY-BUS': 'validate-device',
  'LIBVIRT-DISK-BUS-OPTION': 'validate-device',
  'LIBVIRT-DISK-COPY-ON-READ-READONLY': 'validate-device',
  'LIBVIRT-DISK-SHAREABLE-FORMAT': 'validate-device',
  'LIBVIRT-DISK-FORMAT-QEMU': 'validate-device',
  'LIBVIRT-DISK-TRANSIENT': 'validate-device',
  'LIBVIRT-DISK-VHOSTUSER': 'validate-device',
  'LIBVIRT-DISK-ENCRYPTION': 'validate-device',
  'LIBVIRT-DOMAIN-IOTUNE-GROUP': 'validate-device',
  'LIBVIRT-DISK-TARGET-PREFIX-BUS': 'validate-device',
  'LIBVIRT-DISK-ADDRESS-TYPE-BUS': 'validate-device',
  'LIBVIRT-DISK-TARGET-INDEX-BUS': 'validate-device',
  'LIBVIRT-DOMAIN-DUPLICATE-SERIAL': 'validate-device',
  'LIBVIRT-DISK-DRIVER-NAME': 'validate-device',
  // after the address assignment and the CPU topology, before a vga video's heads and the same disk's transient (labelled)
  'LIBVIRT-DISK-STARTUP-POLICY': 'validate-device',
  'LIBVIRT-DISK-IO-NATIVE-CACHE': 'validate-device',
  'LIBVIRT-DISK-SHAREABLE-CACHE': 'validate-device',
  'LIBVIRT-DISK-READONLY-SHAREABLE': 'validate-device',
  'LIBVIRT-DOMAIN-HOSTDEV-SCSI-ADDRESS-DUP': 'validate-device',
  'LIBVIRT-DOMAIN-SECLABEL-OVERRIDE': 'validate-device',
  'LIBVIRT-DOMAIN-VIDEO-NONE': 'validate-device',
  'LIBVIRT-DOMAIN-VIDEO-RAMFB-ADDRESS': 'validate-device',
  'LIBVIRT-DOMAIN-IOTHREAD-IDS': 'validate-device',
  'LIBVIRT-DOMAIN-CHARDEV': 'validate-device',
  'LIBVIRT-DOMAIN-MEMBALLOON': 'validate-device',
  'LIBVIRT-DOMAIN-VIDEO-MODEL': 'validate-device',
  'LIBVIRT-DISK-IDE-ADDRESS': 'validate-device',
  'LIBVIRT-DOMAIN-CONTROLLER-DRIVER': 'validate-device',
  'LIBVIRT-DISK-DRIVE-ADDRESS-RANGE': 'validate-device',
  'LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE': 'validate-device',
  'LIBVIRT-DOMAIN-SCSI-CONTROLLER-MODEL': 'validate-device',
  'LIBVIRT-DOMAIN-MDEV-RAMFB': 'validate-device',
  'LIBVIRT-DOMAIN-MDEV-DISPLAY': 'validate-device',
  'LIBVIRT-DOMAIN-HOSTDEV-BOOT': 'validate-device',
  'LIBVIRT-DOMAIN-SERIAL-MACHINE': 'validate-device',
  'LIBVIRT-DOMAIN-INPUT-MODEL': 'validate-device',
  'LIBVIRT-DOMAIN-IOMMU': 'validate-device',
  'LIBVIRT-DOMAIN-GRAPHICS': 'validate-device',
  'LIBVIRT-DOMAIN-DEVICE-OPTION': 'validate-device',
  'LIBVIRT-DOMAIN-CHARDEV-CHANNEL': 'validate-device',
  // virDomainDefValidateInternal (domain_validate.c), after every device
  'LIBVIRT-DOMAIN-DUPLICATE-TARGET': 'validate-domain',
  'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP': 'validate-domain',
  'LIBVIRT-DOMAIN-ALIAS-DUP': 'validate-domain',
  // virDomainDefHostdevValidate: after the CPU topology and every device (labelled)
  'LIBVIRT-DOMAIN-HOSTDEV-DUPLICATE': 'validate-domain',
  // a second primary video: a check of the whole domain once every device is validated (virDomainDefVideoValidate, labelled round 43)
  'LIBVIRT-DOMAIN-VIDEO-PRIMARY': 'validate-domain',
};

/** Our messages say so when it is libvirt's schema that refuses (a rule of several stages). */
const SCHEMA_WORDS = /\b(?:libvirt(?: 9\.0)?'s|its) schema (?:refuses|requires|takes no|takes it nowhere|accepts)|failed to validate content|is not a value libvirt accepts|not a number libvirt's schema accepts/;

const RULE_ORDER: ReadonlyMap<string, number> = new Map(Object.keys(RULE_STAGE).map((id, i) => [id, i]));

/** The stages whose rules RULE_STAGE lists in libvirt's order (the common post-parse: the memory checks before the boot order; each device's post-parse goes by libvirt's device walk, deviceRank.ts). */
const ORDERED_STAGES: ReadonlySet<Stage> = new Set(['postparse-common']);

/** The words of the <idmap> checks (LIBVIRT-DOMAIN-TUNABLES). */
const IDMAP_WORDS = /^(?:uid and gid should be mapped both|You must map the root user)/;

/**
 * Where a finding goes among those of its stage (but for the stages ordered by the device walk): in the common post-parse, the order of
 * RULE_STAGE; elsewhere all alike (0), so the rules' order (rules.ts) stands, but for the few
 * places below (some told apart by the finding's words).
 */
export function rankInStage(id: string, stage: Stage, message = ''): number {
  // the QEMU driver's domain post-parse refuses a <bootloader> before anything else it checks (labelled)
  if (stage === 'postparse-domain' && id === 'LIBVIRT-DOMAIN-FIRMWARE' && message.startsWith('bootloader ')) return -1;
  // <maxMemory>'s size and slots are checked with the memory sizes, right after the devices' total
  if (stage === 'postparse-common' && id === 'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE') return (RULE_ORDER.get('LIBVIRT-DOMAIN-MEMORY-TOTAL') ?? 0) + 0.5;
  // the QEMU driver validates the memory backing after the CPU topology, cachetune and features (qemuValidateDomainDef)
  if (stage === 'validate-domain-driver' && id === 'LIBVIRT-DOMAIN-HUGEPAGES') return 1;
  // and checks min_guarantee before anything else of the domain (labelled: before the lifecycle actions)
  if (stage === 'validate-domain-driver' && id === 'LIBVIRT-DOMAIN-TUNABLES') return -1;
  // but for the emulator against the guest's architecture, first of all (labelled, round 43)
  if (stage === 'validate-domain-driver' && id === 'LIBVIRT-DOMAIN-EMULATOR-ARCH') return -2;
  // UEFI without ACPI on x86 right after min_guarantee, before the lifecycle, boot and secure-boot checks (labelled, round 43)
  if (stage === 'validate-domain-driver' && id === 'LIBVIRT-DOMAIN-FIRMWARE' && message.startsWith('UEFI requires ACPI')) return -0.5;
  // the panic devices and then the TPMs are the last of its domain checks, after the features and the memory (labelled, round 43: hpt before two TPMs)
  if (stage === 'validate-domain-driver' && id === 'LIBVIRT-DOMAIN-PANIC') return 2;
  if (stage === 'validate-domain-driver' && id === 'LIBVIRT-DOMAIN-TPM') return 3;
  // a <blkiotune> device path twice is one of the last common domain checks (virDomainDefTunablesValidate), the <idmap> after it (labelled)
  if (stage === 'validate-domain' && id === 'LIBVIRT-DOMAIN-TUNABLES') return IDMAP_WORDS.test(message) ? 2 : 1;
  // a second primary video comes after the disks' and aliases' checks, before the <blkiotune> device paths (virDomainDefValidateInternal's order)
  if (stage === 'validate-domain' && id === 'LIBVIRT-DOMAIN-VIDEO-PRIMARY') return 0.5;
  // the iothread pool sizes come after the <blkiotune> device paths (labelled)
  if (stage === 'validate-domain' && id === 'LIBVIRT-DOMAIN-IOTHREAD-IDS') return 3;
  return ORDERED_STAGES.has(stage) ? RULE_ORDER.get(id) ?? 0 : 0;
}

/**
 * The steps of libvirt's address assignment (qemuDomainAssignAddresses), in order: the
 * virtio-serial ports (-1: "virtio serial controller 0 does not have port 1"), then the PCI
 * addresses written in the document are reserved device by device (0: "slot must be", "double
 * use", a bus that does not take the device), then the machine's own functions are checked and
 * reserved (1: "PIIX3 USB controller at index 0 must have PCI address 0:0:1.2"), then the other
 * devices get addresses and buses are added (2: "Cannot automatically add a new PCI bus"), and
 * the USB ports come after every PCI address (3). Within a step, the device walk's order.
 */
const ADDRESS_STEP: ReadonlyMap<string, number> = new Map([
  // the virtio-serial ports come before every PCI address (qemuDomainAssignVirtioSerialAddresses first)
  ['LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS', -1],
  ['LIBVIRT-DOMAIN-CONTROLLER-MACHINE', 1],
  // the machine's own functions are reserved after every controller's place is checked (labelled: pc and q35)
  ['LIBVIRT-DOMAIN-MACHINE-ADDRESS', 1.5],
  ['LIBVIRT-DOMAIN-SOUND-MODEL', 2],
  ['LIBVIRT-DOMAIN-PCI-ROOT-PORTS', 2],
  ['LIBVIRT-DOMAIN-USB-ADDRESS-DUP', 3],
  ['LIBVIRT-DOMAIN-USB-ADDRESS', 3],
]);

/** A PCI controller libvirt would have to add for a device, or a virtio disk it cannot give a PCI slot (the automatic step), not one written. */
const AUTO_ADD = /cannot be automatically added|^Cannot automatically add|^virtio disk cannot have an address/;

/**
 * A pci-bridge's index against the bus it sits on is checked once every PCI address is assigned
 * (qemuDomainAssignPCIAddresses' last walk over the controllers), so after any written address a
 * device's bus refuses (labelled: "cannot be plugged into the PCI controller" first).
 */
const BRIDGE_INDEX = /but index must be larger than bus/;

/** A finding's step in the address stage (0 for the other stages). */
export function addressStep(id: string, stage: Stage, message = ''): number {
  if (stage !== 'address') return 0;
  if (id === 'LIBVIRT-DOMAIN-PCI-CONTROLLER' && BRIDGE_INDEX.test(message)) return 2.5;
  // two USB controllers of one index, USB devices beside a USB controller of model none: the USB step
  if (id === 'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP' || id === 'LIBVIRT-DOMAIN-USB-DISABLED') return 3;
  return AUTO_ADD.test(message) ? 2 : ADDRESS_STEP.get(id) ?? 0;
}

export { DEVICE_ORDERED_STAGES, deviceRank };

/**
 * The place of each device in libvirt's walk once the document is parsed: libvirt keeps a
 * domain's disks grouped by bus (the buses in the order they first appear) and, within a bus,
 * sorted by the index of the target's name (virDomainDiskInsert: before the first disk of its bus
 * with a greater index, else after the last of its bus; a name it cannot read counts as -1, ties
 * keep the document's order), so the address assignment and the validation meet them in that
 * order (labelled). Its parser also puts each video written primary="yes" in front of the videos
 * read before it, so the last one written primary comes first, then the other primaries from the
 * last to the first, then the rest in the document's order (labelled, round 43: a video written
 * primary after another video is validated first). `walk[i]` is the document index whose place
 * device i takes: the k-th disk (video) in libvirt's order takes the k-th disk's (video's) place
 * in the document; other devices keep their own. `primaryVideo(i)`: whether device i is a video
 * written primary. One sort: n log n.
 */
export function deviceWalk(devices: ReadonlyArray<{ name: string }>, disks: ReadonlyArray<{ bus?: string; index: number }>, primaryVideo: (i: number) => boolean = () => false): Int32Array {
  const walk = new Int32Array(devices.length);
  const at: number[] = [];
  const videos: number[] = [];
  const primaries: number[] = [];
  for (let i = 0; i < devices.length; i++) {
    walk[i] = i;
    if (devices[i]!.name === 'disk') at.push(i);
    else if (devices[i]!.name === 'video') (primaryVideo(i) ? primaries : videos).push(i);
  }
  if (primaries.length) {
    const places = [...primaries, ...videos].sort((a, b) => a - b);
    [...primaries.reverse(), ...videos].forEach((d, place) => { walk[d] = places[place]!; });
  }
  if (at.length !== disks.length) return walk;
  const busRank = new Map<string, number>();
  for (const d of disks) if (!busRank.has(d.bus ?? '')) busRank.set(d.bus ?? '', busRank.size);
  const order = disks.map((_, k) => k).sort((a, b) =>
    busRank.get(disks[a]!.bus ?? '')! - busRank.get(disks[b]!.bus ?? '')! || disks[a]!.index - disks[b]!.index || a - b);
  order.forEach((k, place) => { walk[at[k]!] = at[place]!; });
  return walk;
}

/**
 * The order in which libvirt's parser reads the device kinds (virDomainDefParseXML): disks,
 * controllers, leases, filesystems, interfaces, smartcards, then the character devices, ... So
 * in the parse stage a finding inside <devices> goes by its device's kind, then its place.
 */
const PARSE_KINDS = [
  'disk', 'controller', 'lease', 'filesystem', 'interface', 'smartcard', 'parallel', 'serial', 'console', 'channel', 'input',
  'graphics', 'sound', 'audio', 'video', 'hostdev', 'watchdog', 'memballoon', 'rng', 'tpm', 'nvram', 'hub', 'redirdev',
  'redirfilter', 'panic', 'shmem', 'memory', 'iommu', 'vsock',
];
const PARSE_RANK: ReadonlyMap<string, number> = new Map(PARSE_KINDS.map((k, i) => [k, i]));

/**
 * The domain's own elements the parser reads before the rest, in its order (virDomainDefParseXML,
 * labelled with virsh define --validate, libvirt 9.0): the memory backing (a hugepage nodeset),
 * <vcpu>, the iothreads, <cputune>, <cpu> (its NUMA cells), <numatune>. Other elements
 * of the domain come after these and keep the rules' order among themselves (-1).
 */
const PARSE_TOP: ReadonlyMap<string, number> = new Map([
  ['memoryBacking', 0],
  ['blkiotune', 1], ['memtune', 1], ['vcpu', 2], ['iothreads', 3], ['iothreadids', 3], ['cputune', 4], ['cpu', 5], ['numatune', 6],
]);
/** <cputune>'s children in the order it reads them, whatever the document's (vcpupin before emulatorpin, ...). */
const PARSE_CPUTUNE: ReadonlyMap<string, number> = new Map([
  ['vcpupin', 1], ['emulatorpin', 2], ['emulatorsched', 3], ['iothreadpin', 4], ['vcpusched', 5], ['iothreadsched', 6], ['cachetune', 7], ['memorytune', 8],
]);
/** <numatune>: <memory> before any <memnode>. */
const PARSE_NUMATUNE: ReadonlyMap<string, number> = new Map([['memory', 0], ['memnode', 1]]);

/** The child of `el` whose span holds `offset` (children in document order, not overlapping: one binary search). */
function childAt(el: XmlElement, offset: number): XmlElement | undefined {
  const kids = el.children;
  let lo = 0;
  let hi = kids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (kids[mid]!.span.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  const c = lo > 0 ? kids[lo - 1] : undefined;
  return c && offset < c.span.offset + c.span.length ? c : undefined;
}

const SUB = 2 ** 32;
const TOP = 16 * SUB;

/**
 * Where a finding on the domain's own elements goes in the parse: by PARSE_TOP, then within
 * <cputune> and <numatune> by the kind of child and the child's place (a finding anywhere in one
 * vcpupin goes with that vcpupin: the rules' order decides between two of them), and in <vcpu>
 * the comparison of current= with the maximum after the cpuset. -1 for any other element.
 */
function domainParseRank(root: XmlElement, offset: number): number {
  const top = childAt(root, offset);
  const place = top && PARSE_TOP.get(top.name);
  if (!top || place === undefined) return -1;
  const kinds = top.name === 'cputune' ? PARSE_CPUTUNE : top.name === 'numatune' ? PARSE_NUMATUNE : null;
  const inner = kinds ? childAt(top, offset) : undefined;
  const sub = inner ? kinds!.get(inner.name) ?? 0 : top.name === 'vcpu' && top.attributes.some((a) => a.name === 'current' && offset >= a.nameSpan.offset && offset <= a.valueSpan.offset + a.valueSpan.length) ? 1 : 0;
  const within = inner ? Math.min(inner.span.offset, SUB - 1) : 0;
  return -(2 ** 52) + place * TOP + sub * SUB + within;
}

/**
 * The domain's own elements the parser reads after every device (labelled with virsh define
 * --validate, libvirt 9.0: a <sysinfo> BIOS date or system UUID is refused after a disk's luks
 * format, an interface's <acpi index="0"> and a vsock's <cid address="0">), in this order: a
 * <sysinfo> before a <keywrap> (labelled, round 33).
 */
const PARSE_AFTER_DEVICES: ReadonlyMap<string, number> = new Map([['sysinfo', 0], ['keywrap', 1]]);

/** The parser's place right after every device of one kind (a check it makes once it has read them all). */
export function parseRankAfterKind(kind: string, devices: number): number {
  return (PARSE_RANK.get(kind) ?? PARSE_KINDS.length) * (devices + 1) + devices;
}

/** A place's rank in the parser's order: outside the devices, the domain's own elements first (domainParseRank, else -1), but those read after the devices last. */
export function parseRank(devices: ReadonlyArray<{ name: string; span: { offset: number; length: number } }>, offset: number, root?: XmlElement): number {
  const at = deviceRank(devices, offset);
  if (at < 0) {
    if (!root) return -1;
    const top = childAt(root, offset);
    const after = top && PARSE_AFTER_DEVICES.get(top.name);
    if (after !== undefined) return (PARSE_KINDS.length + 1) * (devices.length + 1) + after;
    // a SEV <launchSecurity> is read after the domain's other elements (features, <perf>), right before the devices (labelled)
    return top?.name === 'launchSecurity' ? -0.5 : domainParseRank(root, offset);
  }
  const i = at % (devices.length + 1);
  return (PARSE_RANK.get(devices[i]!.name) ?? PARSE_KINDS.length) * (devices.length + 1) + i;
}

/** The stage of one finding of a rule: its own, else a schema one by its words, else the rule's. */
export function stageOf(id: string, message: string, own: Stage | undefined): Stage {
  if (own) return own;
  if (SCHEMA_WORDS.test(message)) return 'schema';
  return (RULE_STAGE as Readonly<Record<string, Stage>>)[id] ?? 'validate-device';
}
