/**
 * The first-error disagreements of scripts/libvirt-define-check.ts --first --extras --platform
 * --more on seeds 2701-2706: libvirt validates a <disk> with the checks every driver shares first
 * (its <auth>, a lun's protocol and format, the address type against the bus, virtio-only options,
 * the floppy bus, the target's prefix, an empty source) and the QEMU driver's after them (the drive
 * address, the frontend's bus checks, io='native', transient, shared access, and last the storage
 * source: a directory's FAT format), and a virtio disk's non-PCI address is refused while the PCI
 * slots are given, before any device is validated (server/src/libvirtxml/diskOrder.ts). Beside
 * them: a disk-level <auth> on gluster (libvirt has no authentication for gluster, nbd, tftp,
 * sheepdog, vxhs or nfs) and a secret of the wrong type refused when the disk is validated, not
 * parsed, a <vsock> guest CID below 3, <graphics type="rdp"> (the QEMU driver of
 * libvirt 9.0 has none) and an smmuv3 IOMMU with intel's <driver> attributes; and from seeds
 * 2709-2716 the disks and the controllers in the order libvirt keeps them (by bus or type, then
 * name or index), a USB address's bus= the parser reads, a q35 pci-bridge below its PCIe-to-PCI
 * bridge, a non-virtio SCSI controller's iothread in its post-parse, the USB port of the ccid
 * controller libvirt adds for a smartcard. Each fixture
 * (test/fixtures/libvirtdomain/*-stage29-*) was labelled by libvirt 9.0 itself
 * (scripts/libvirt-label.ts --write --only stage29- on qemu:///system).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml, analyzeLibvirtXmlStaged } from '../../server/src/libvirtxml/analyze';
import { stagedFixtures } from './libvirtxml-fixtures';
import { bestGrowth, describeGrowth } from './growth';

/** refused fixture → the rule of bdm-lab's first error (the later problem of the document in the name). */
const FIRST_RULE: Record<string, string> = {
  'refuse-stage29-gluster-disk-auth.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE',
  'refuse-stage29-gluster-source-auth.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE', // the schema's
  'refuse-stage29-tftp-disk-auth-before-protocol.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE',
  'refuse-stage29-lun-format-before-fdc-bus.xml': 'LIBVIRT-DISK-LUN-FORMAT',
  'refuse-stage29-lun-protocol-before-fdc-bus.xml': 'LIBVIRT-DISK-LUN-PROTOCOL',
  'refuse-stage29-lun-bus-before-usb-address.xml': 'LIBVIRT-DISK-LUN-BUS',
  'refuse-stage29-floppy-bus-before-usb-address.xml': 'LIBVIRT-DISK-FLOPPY-BUS',
  'refuse-stage29-disk-name-before-missing-source.xml': 'LIBVIRT-DISK-TARGET-DEVICE-NAME',
  'refuse-stage29-missing-source-before-ide-controller.xml': 'LIBVIRT-DISK-SOURCE-MISSING',
  'refuse-stage29-ide-controller-before-readonly.xml': 'LIBVIRT-DISK-IDE-ADDRESS',
  'refuse-stage29-io-native-before-dir-fat.xml': 'LIBVIRT-DISK-IO-NATIVE-CACHE',
  'refuse-stage29-transient-before-dir-fat.xml': 'LIBVIRT-DISK-TRANSIENT',
  'refuse-stage29-shareable-format-before-dir-fat.xml': 'LIBVIRT-DISK-SHAREABLE-FORMAT',
  'refuse-stage29-readonly-ide-before-dir-fat.xml': 'LIBVIRT-DISK-READONLY-BUS',
  'refuse-stage29-queues-before-dir-fat.xml': 'LIBVIRT-DISK-BUS-OPTION',
  'refuse-stage29-address-type-before-readonly-ide.xml': 'LIBVIRT-DISK-ADDRESS-TYPE-BUS',
  'refuse-stage29-virtio-drive-address-before-missing-source.xml': 'LIBVIRT-DISK-ADDRESS-TYPE-BUS',
  'refuse-stage29-fdc-index-before-shareable.xml': 'LIBVIRT-DISK-TARGET-INDEX-BUS',
  'refuse-stage29-vsock-cid-2.xml': 'LIBVIRT-DOMAIN-DEVICE-OPTION',
  'refuse-stage29-vsock-cid-0.xml': 'LIBVIRT-DOMAIN-DEVICE-OPTION',
  'refuse-stage29-rdp-graphics-before-egl.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
  'refuse-stage29-smmuv3-attributes-before-machine.xml': 'LIBVIRT-DOMAIN-IOMMU',
  // a secret of the wrong type is the validation's (the disk's source chain), not the parser's
  'refuse-stage29-rbd-name-before-secret-type.xml': 'LIBVIRT-DISK-RBD-NAME',
  'refuse-stage29-controller-dup-before-secret-type.xml': 'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP',
  'refuse-stage29-secret-type-before-disk-name.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE',
  // after the parse libvirt walks the disks by bus (as the buses first appear), then target name (seed 2709, domain 88)
  'refuse-stage29-walk-vdd-transient-before-vde-dir-fat.xml': 'LIBVIRT-DISK-TRANSIENT',
  'refuse-stage29-walk-sata-group-before-virtio.xml': 'LIBVIRT-DISK-IO-NATIVE-CACHE', // sda's, before vda's FAT and sdb's read-only
  'refuse-stage29-walk-hda-before-hdb.xml': 'LIBVIRT-DISK-IO-NATIVE-CACHE',
  // seeds 2709-2712 (240 disks, 120 domains each): a USB address's bus= the parser reads (2709-109), a q35
  // pci-bridge needs a PCIe-to-PCI bridge of a lower index (2710-74), an nbd <source><auth> is the
  // schema's even with a second <auth> (2711-107), a non-virtio SCSI controller's iothread is refused
  // in its post-parse (2712-10)
  'refuse-stage29-usb-address-bus-hex-before-shmem-msi.xml': 'LIBVIRT-DOMAIN-USB-ADDRESS',
  'refuse-stage29-q35-pci-bridge-below-dmi-bridge.xml': 'LIBVIRT-DOMAIN-PCI-CONTROLLER',
  'refuse-stage29-nbd-source-auth-before-auth-twice.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE',
  'refuse-stage29-scsi-iothread-before-duplicate-sata.xml': 'LIBVIRT-DOMAIN-CONTROLLER-DRIVER',
  'refuse-stage29-scsi-iothread-before-bios-serial.xml': 'LIBVIRT-DOMAIN-CONTROLLER-DRIVER',
  // seed 2715, domain 111: duplicate controllers as libvirt keeps them, by type (first seen) then index
  'refuse-stage29-controller-dup-index-0-before-1.xml': 'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP',
  'refuse-stage29-controller-dup-type-groups.xml': 'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP',
  // seed 2718, domain 40: the ccid controller libvirt adds for a smartcard takes a USB port too
  'refuse-stage29-smartcard-ccid-no-free-usb-port.xml': 'LIBVIRT-DOMAIN-USB-ADDRESS', // before the spicevmc chardev without SPICE
};

stagedFixtures('stage29', FIRST_RULE, { files: 41, accepted: 5 });

const domain = (devices: string) =>
  `<domain type="qemu"><name>t</name><memory unit="MiB">256</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${devices}</devices></domain>`;

test('a virtio disk at a non-PCI address is refused with the PCI slots, before another device is validated', () => {
  const { analysis, stages } = analyzeLibvirtXmlStaged(domain(
    '<disk type="file" device="disk"><source file="/x.img"/><target dev="vda" bus="virtio"/><address type="drive" controller="0" bus="0" target="0" unit="0"/></disk>'
    + '<vsock model="virtio"><cid auto="no" address="2"/></vsock>'));
  const errors = analysis.problems.map((p, i) => [p.id, stages[i]]).filter(([id]) => id !== 'LIBVIRT-DISK-TARGET-PREFIX-BUS');
  assert.deepEqual(errors, [['LIBVIRT-DISK-ADDRESS-TYPE-BUS', 'address'], ['LIBVIRT-DOMAIN-DEVICE-OPTION', 'validate-device']]);
});

test('disk-level <auth>: refused on the protocols without authentication, taken on the others (labelled on libvirt 9.0)', () => {
  const disk = (protocol: string, type: string) => domain(`<disk type="network" device="disk"><source protocol="${protocol}" name="vol/img"><host name="h"/></source><auth username="u"><secret type="${type}" usage="x"/></auth><target dev="vdb" bus="virtio"/></disk>`);
  const authErrors = (protocol: string, type: string) => analyzeLibvirtXml(disk(protocol, type)).problems.filter((p) => p.id === 'LIBVIRT-DISK-AUTH-SECRET-TYPE').map((p) => p.message);
  for (const protocol of ['gluster', 'sheepdog', 'vxhs', 'tftp']) {
    for (const type of ['ceph', 'iscsi']) assert.ok(authErrors(protocol, type)[0]?.startsWith(`authentication is not supported for protocol '${protocol}'`), `${protocol} ${type}`);
  }
  for (const protocol of ['http', 'https', 'ftp', 'ftps']) for (const type of ['ceph', 'iscsi']) assert.deepEqual(authErrors(protocol, type), [], `${protocol} ${type}`);
  assert.deepEqual(authErrors('rbd', 'ceph'), []);
  assert.deepEqual(authErrors('iscsi', 'iscsi'), []);
});

test('a domain of n disks, each with findings libvirt orders within the disk, is checked in linear time', { timeout: 120_000 }, () => {
  const name = (i: number) => {
    let s = '';
    for (let k = i; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
    return s;
  };
  const many = (n: number) => domain(Array.from({ length: n }, (_, i) =>
    `<disk type="dir" device="disk"><driver name="qemu" type="qcow2" io="native" queues="2"/><source dir="/d${i}"/><target dev="sd${name(i)}" bus="scsi"/><shareable/><transient/></disk>`).join(''));
  const first = analyzeLibvirtXml(many(2)).problems.find((p) => p.severity === 'error');
  assert.equal(first?.id, 'LIBVIRT-DISK-BUS-OPTION', 'the virtio-only queues= is the common check, before the QEMU driver');
  const g = bestGrowth(many, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('domain with n disks with ordered findings', 1000, g));
});
