/**
 * The order in which libvirt 9.0 validates one <disk> (labelled with `virsh define --validate` on
 * the QEMU driver; test/fixtures/libvirtdomain/*-stage29-*): first the checks every driver shares
 * (virDomainDiskDefValidate: the source chain's <auth> and its secret type, a lun's source and format, the address type
 * against the bus, the virtio-only options, <tray>, the floppy bus, removable, startupPolicy, the
 * <wwn>, the target's prefix, an empty source), then the QEMU driver's: the drive address, the
 * frontend's options in their order (geometry, serial, ejectable media, copy_on_read, wwn and
 * vendor by bus, a lun's bus, rotation rate, a usb address, read-only IDE/SATA, io='native', a
 * lun's serial, the iothread), iotune, transient, shared access, the driver name, the target's
 * letters, and last the storage source (protocol, format, a directory's FAT, encryption).
 *
 * Each entry: a rule, optionally a test of the finding's message (a rule that stands for several
 * of libvirt's checks), and the place of that check. Messages are bdm-lab's own, so the tests are
 * plain prefix or substring tests.
 */

type Entry = readonly [id: string, place: number, test?: (message: string) => boolean];

const starts = (p: string) => (m: string) => m.startsWith(p);
const has = (p: string) => (m: string) => m.includes(p);

const ENTRIES: readonly Entry[] = [
  // virDomainDiskDefValidate (domain_validate.c), common to every driver
  ['LIBVIRT-DISK-AUTH-SECRET-TYPE', 101],
  ['LIBVIRT-DISK-BUS-OPTION', 102, starts('unfiltered sgio')],
  ['LIBVIRT-DISK-LUN-PROTOCOL', 103],
  ['LIBVIRT-DISK-LUN-FORMAT', 104],
  ['LIBVIRT-DISK-ENCRYPTION', 105, has("disk device 'lun' doesn't support encryption")],
  ['LIBVIRT-DISK-BUS-OPTION', 106, starts('<reservations/> allowed only')],
  ['LIBVIRT-DISK-ADDRESS-TYPE-BUS', 107, starts('Invalid address type')],
  // off the virtio bus: the model, queues, event_idx, ioeventfd, then the transport's iommu, ats, packed, page_per_vq
  ['LIBVIRT-DISK-BUS-OPTION', 108, starts('disk model ')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.1, starts('queues attribute')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.2, starts('disk event_idx')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.3, starts('disk ioeventfd')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.4, starts('iommu driver option')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.5, starts('ats driver option')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.6, starts('packed driver option')],
  ['LIBVIRT-DISK-BUS-OPTION', 108.7, starts('page_per_vq option')],
  ['LIBVIRT-DISK-VHOSTUSER', 109],
  ['LIBVIRT-DOMAIN-SECLABEL-OVERRIDE', 110],
  ['LIBVIRT-DISK-BUS-OPTION', 111, starts('tray is only valid')],
  ['LIBVIRT-DISK-FLOPPY-BUS', 112],
  ['LIBVIRT-DISK-BUS-OPTION', 113, starts('removable is only valid')],
  ['LIBVIRT-DISK-STARTUP-POLICY', 114],
  ['LIBVIRT-DISK-BUS-OPTION', 115, starts('<wwn> ')],
  ['LIBVIRT-DISK-TARGET-DEVICE-NAME', 116, (m) => m.startsWith('Invalid harddisk device name') || m.startsWith('Invalid floppy device name')],
  ['LIBVIRT-DISK-SOURCE-MISSING', 117],
  // the QEMU driver (qemu_validate.c): the drive address first
  ['LIBVIRT-DISK-IDE-ADDRESS', 200],
  ['LIBVIRT-DISK-TARGET-INDEX-BUS', 201],
  ['LIBVIRT-DISK-DRIVE-ADDRESS-RANGE', 202],
  // qemuValidateDomainDeviceDefDiskFrontend
  ['LIBVIRT-DISK-BUS-OPTION', 301, starts('CHS ')],
  ['LIBVIRT-DISK-BUS-OPTION', 302, starts('Serial property not supported')],
  ['LIBVIRT-DISK-CDROM-BUS', 303],
  ['LIBVIRT-DISK-COPY-ON-READ-READONLY', 304, (m) => !m.includes("'lun' disk")],
  ['LIBVIRT-DISK-BUS-OPTION', 305, starts('Only ide and scsi disk support wwn')],
  ['LIBVIRT-DISK-BUS-OPTION', 306, starts('Only scsi disk supports vendor')],
  ['LIBVIRT-DISK-LUN-BUS', 307],
  ['LIBVIRT-DISK-COPY-ON-READ-READONLY', 308],
  ['LIBVIRT-DISK-BUS-OPTION', 309, (m) => m.startsWith('Setting wwn') || m.startsWith('Setting vendor')],
  ['LIBVIRT-DISK-BUS-OPTION', 310, starts('rotation rate')],
  ['LIBVIRT-DISK-ADDRESS-TYPE-BUS', 311],
  ['LIBVIRT-DISK-READONLY-BUS', 312],
  ['LIBVIRT-DISK-IO-NATIVE-CACHE', 313],
  ['LIBVIRT-DISK-BUS-OPTION', 314],
  ['LIBVIRT-DOMAIN-IOTHREAD-IDS', 315],
  // then iotune, transient, shared access, the driver name and the target's letters
  ['LIBVIRT-DOMAIN-IOTUNE-GROUP', 320],
  ['LIBVIRT-DISK-IOTUNE', 321],
  ['LIBVIRT-DISK-TRANSIENT', 330],
  ['LIBVIRT-DISK-SHAREABLE-FORMAT', 340],
  ['LIBVIRT-DISK-DRIVER-NAME', 350],
  ['LIBVIRT-DISK-TARGET-DEVICE-NAME', 360],
  // the storage source (qemuDomainValidateStorageSource)
  ['LIBVIRT-DISK-PROTOCOL-REMOVED', 370],
  ['LIBVIRT-DISK-PROTOCOL-QEMU', 371],
  ['LIBVIRT-DISK-FORMAT-QEMU', 372],
  ['LIBVIRT-DISK-DIR-FAT', 373],
  ['LIBVIRT-DISK-ENCRYPTION', 374],
];

const BY_ID: ReadonlyMap<string, readonly Entry[]> = (() => {
  const m = new Map<string, Entry[]>();
  for (const e of ENTRIES) m.set(e[0], [...(m.get(e[0]) ?? []), e]);
  return m;
})();

/**
 * The place of a finding on a <disk> in libvirt's validation of that disk; undefined for a rule
 * this order does not know (it goes after the known ones). A rule's entries are tried in order:
 * the first whose test takes the message (or that has none) gives the place.
 */
export function diskCheckPlace(id: string, message: string): number | undefined {
  const entries = BY_ID.get(id);
  if (!entries) return undefined;
  for (const [, place, test] of entries) if (!test || test(message)) return place;
  return undefined;
}
