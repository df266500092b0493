import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFixtures } from './libvirtxml-fixtures';

/**
 * What the second hunt on libvirt 9.0's own test documents (scripts/libvirt-upstream-hunt.ts over
 * tests/qemuxml2argvdata and tests/qemuxml2xmloutdata, against `virsh define --validate`) found
 * bdm-lab letting through: PCI controllers written onto buses that do not take them (expander
 * buses, DMI and switch ports, a pci-bridge on a pcie-expander-bus), a virtio IOMMU off bus 0,
 * more root ports than q35's root bus holds, an expander bus on a NUMA node the guest lacks,
 * mediated devices (an address of another type, two ramfb, display without graphics, booting),
 * booting from a vhost SCSI host, serial ports of other platforms on x86 and transitional virtio
 * input models; and what a generated hunt with those devices found next (a switch's downstream
 * port with no upstream port, a usb-serial port among USB devices that take every port, a device
 * label overriding a domain label that does not relabel, a static domain label without a model,
 * and, accepted, a pcie-to-pci-bridge beside unused indexes). Each fixture is a minimal document written for the fact and labelled by libvirt
 * itself (labels.json, scripts/libvirt-label.ts); the accepted ones beside them are the nearest
 * documents libvirt takes.
 */
const PLACEMENT = 'LIBVIRT-DOMAIN-PCI-PLACEMENT';
const PLUGGED = (at: string, index: number, what: string) => `The device at PCI address ${at} cannot be plugged into the PCI controller with index='${index}'. It requires a controller that accepts a ${what}.`;
const SERIAL = 'LIBVIRT-DOMAIN-SERIAL-MACHINE';
const OVERRIDE = 'LIBVIRT-DOMAIN-SECLABEL-OVERRIDE';
const ROOT_PORTS = "a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available, and it cannot be automatically added";
labelledFixtures(
  {
    'refuse-pci-expander-bus-on-bridge.xml': [PLACEMENT, PLUGGED('0000:01:01.0', 1, 'pci-expander-bus')],
    'refuse-pcie-expander-bus-on-root-port.xml': [PLACEMENT, PLUGGED('0000:01:00.0', 1, 'pcie-expander-bus')],
    'refuse-dmi-bridge-on-root-port.xml': [PLACEMENT, PLUGGED('0000:01:00.0', 1, 'dmi-to-pci-bridge')],
    'refuse-pcie-switch-upstream-on-root-bus.xml': [PLACEMENT, PLUGGED('0000:00:05.0', 0, 'pcie-switch-upstream-port')],
    'refuse-pci-bridge-on-pcie-expander-bus.xml': [PLACEMENT, PLUGGED('0000:01:00.0', 1, 'standard PCI device')],
    'refuse-virtio-iommu-on-bus-1.xml': ['LIBVIRT-DOMAIN-PCI-INTEGRATED', 'The device at PCI address 0000:01:00.0 needs to be an integrated device (bus=0)'],
    'refuse-pcie-root-ports-241.xml': ['LIBVIRT-DOMAIN-PCI-ROOT-PORTS', ROOT_PORTS],
    'refuse-pcie-root-ports-233-nic-on-root-bus.xml': ['LIBVIRT-DOMAIN-PCI-ROOT-PORTS', ROOT_PORTS],
    'refuse-pci-expander-bus-numa-node.xml': ['LIBVIRT-DOMAIN-PCI-NUMA-NODE', "pci-expander-bus with index 1 is configured for a NUMA node (1) not present in the domain's <cpu><numa> array (0)"],
    'refuse-pcie-expander-bus-numa-node-2.xml': ['LIBVIRT-DOMAIN-PCI-NUMA-NODE', "pcie-expander-bus with index 1 is configured for a NUMA node (2) not present in the domain's <cpu><numa> array (2)"],
    'refuse-mdev-drive-address.xml': ['LIBVIRT-DOMAIN-MDEV-ADDRESS', "Unsupported address type 'drive' with mediated device model 'vfio-pci'"],
    'refuse-mdev-two-ramfb.xml': ['LIBVIRT-DOMAIN-MDEV-RAMFB', "Only one vgpu device can have 'ramfb' enabled"],
    'refuse-mdev-display-without-graphics.xml': ['LIBVIRT-DOMAIN-MDEV-DISPLAY', "graphics device is needed for attribute value 'display=on' in <hostdev>"],
    'refuse-mdev-boot.xml': ['LIBVIRT-DOMAIN-HOSTDEV-BOOT', 'booting from assigned devices is not supported by mediated devices of model vfio-pci'],
    'refuse-vhost-scsi-boot.xml': ['LIBVIRT-DOMAIN-HOSTDEV-BOOT', 'booting from assigned devices is not supported by vhost SCSI devices'],
    'refuse-serial-pl011-on-pc.xml': [SERIAL, "Serial device with target type 'system-serial' and target model 'pl011' not compatible with guest architecture or machine type"],
    'refuse-serial-16550a-on-q35.xml': [SERIAL, "Serial device with target type 'system-serial' and target model '16550a' not compatible with guest architecture or machine type"],
    'refuse-serial-spapr-vio-on-pc.xml': [SERIAL, "Serial device with target type 'spapr-vio-serial' and target model 'spapr-vty' not compatible with guest architecture or machine type"],
    'refuse-serial-sclp-on-q35.xml': [SERIAL, "Serial device with target type 'sclp-serial' and target model 'sclpconsole' not compatible with guest architecture or machine type"],
    'refuse-input-keyboard-virtio-transitional.xml': ['LIBVIRT-DOMAIN-INPUT-MODEL', 'virtio (non-)transitional models are not supported for input type=keyboard'],
    'refuse-input-tablet-virtio-non-transitional.xml': ['LIBVIRT-DOMAIN-INPUT-MODEL', 'virtio (non-)transitional models are not supported for input type=tablet'],
    // found by the generated hunt beside it (scripts/libvirt-define-check.ts --extras --platform, seeds 9101-9103, 9201-9202)
    'refuse-pcie-switch-downstream-without-upstream.xml': ['LIBVIRT-DOMAIN-PCI-CONTROLLER', "a PCI slot is needed to connect a PCI controller model='pcie-switch-downstream-port', but none is available, and it cannot be automatically added"],
    'refuse-seclabel-override-static-domain.xml': [OVERRIDE, 'label overrides require relabeling to be enabled at the domain level'],
    'refuse-seclabel-override-backing-store.xml': [OVERRIDE, 'label overrides require relabeling to be enabled at the domain level'],
    'refuse-seclabel-override-serial.xml': [OVERRIDE, 'label overrides require relabeling to be enabled at the domain level'],
    'refuse-seclabel-static-without-model.xml': ['LIBVIRT-DOMAIN-SECLABEL-MODEL', 'missing security model in domain seclabel'],
    'refuse-usb-serial-no-free-port.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'No free USB ports'],
  },
  [
    'accept-pci-expander-bus-on-root.xml',
    'accept-dmi-bridge-on-pcie-expander-bus.xml',
    'accept-pcie-switch-on-root-port.xml',
    'accept-pci-bridge-on-root-port.xml',
    'accept-pcie-expander-bus-empty-address.xml',
    'accept-virtio-iommu-on-bus-0.xml',
    'accept-pcie-root-ports-240.xml',
    'accept-pci-expander-bus-numa-node.xml',
    'accept-mdev-pci-address.xml',
    'accept-mdev-one-ramfb.xml',
    'accept-mdev-display-off-without-graphics.xml',
    'accept-vhost-scsi-without-boot.xml',
    'accept-pci-hostdev-boot.xml',
    'accept-serial-pci-on-q35.xml',
    'accept-input-keyboard-virtio-model-virtio.xml',
    'accept-pcie-switch-downstream-unaddressed.xml',
    // libvirt fills the unused indexes 1 and 2 with pcie-root-ports, and the bridge takes one
    'accept-pcie-to-pci-bridge-index-gap.xml',
    'accept-seclabel-override-relabelling-domain.xml',
    'accept-seclabel-override-other-model.xml',
    'accept-seclabel-override-without-model.xml',
    'accept-seclabel-none-without-model.xml',
    'accept-usb-serial-free-port.xml',
  ],
);

// Ordinary devices written onto a bus that takes none (qemuDomainDeviceCalculatePCIConnectFlags gives
// the kind libvirt names: virtio, e1000e and assigned devices are PCI Express on q35, transitional
// virtio, rtl8139, sound cards, ehci, vga and i6300esb standard PCI), and beside them buses that
// take a written device of either kind.
const ENDPOINT_BUS = 'LIBVIRT-DOMAIN-PCI-ENDPOINT-BUS';
const PCIE = PLUGGED('0000:01:00.0', 1, 'PCI Express device');
const PCI = PLUGGED('0000:01:00.0', 1, 'standard PCI device');
labelledFixtures(
  {
    'refuse-pcie-expander-bus-virtio-nic.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-virtio-disk.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-transitional-disk.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-default-nic.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-hostdev.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-hostdev-interface.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-sound.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-usb-ehci.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-virtio-scsi.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-vga.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-watchdog.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-switch-upstream-virtio-nic.xml': [ENDPOINT_BUS, PLUGGED('0000:02:00.0', 2, 'PCI Express device')],
    'refuse-pcie-switch-upstream-sound.xml': [ENDPOINT_BUS, PLUGGED('0000:02:00.0', 2, 'standard PCI device')],
  },
  [
    'accept-virtio-nic-on-dmi-bridge.xml',
    'accept-rtl8139-on-root-port.xml',
    'accept-e1000e-on-pcie-to-pci-bridge.xml',
    'accept-sound-on-downstream-port.xml',
    'accept-sound-on-pcie-root.xml',
    'accept-hostdev-on-pcie-root.xml',
    'accept-usb-none-on-pcie-expander-bus.xml',
    'accept-memballoon-none-on-pcie-expander-bus.xml',
    'accept-nic-empty-address-beside-pcie-expander-bus.xml',
  ],
);

// Not labelled here (this host has no ARM, pSeries or s390 emulator): the platform serial ports are
// judged on x86 guests only, so an ARM virt guest's pl011 and a pSeries guest's spapr-vty pass.
test('platform serial ports: refused on x86, left alone on their own platforms', () => {
  const doc = (arch: string, machine: string, target: string) => `<domain type="qemu"><name>s</name><memory>131072</memory><os><type arch="${arch}" machine="${machine}">hvm</type></os><devices><serial type="pty">${target}</serial></devices></domain>`;
  const ids = (text: string) => analyzeLibvirtXml(text).problems.filter((p) => p.id === SERIAL).length;
  const pl011 = '<target type="system-serial"><model name="pl011"/></target>';
  assert.equal(ids(doc('x86_64', 'q35', pl011)), 1);
  assert.equal(ids(doc('aarch64', 'virt', pl011)), 0);
  assert.equal(ids(doc('ppc64', 'pseries', '<target type="spapr-vio-serial"/>')), 0);
  // a model naming another target type is the chardev rule's ("requires target type"), not this one's
  assert.equal(ids(doc('x86_64', 'pc', '<target type="isa-serial"><model name="pl011"/></target>')), 0);
});

// A PCI controller written onto the bus of another one is held to that bus's slots
// (virDomainPCIAddressValidate against virDomainPCIAddressBusSetModel's minSlot and maxSlot): a
// pci-bridge or pcie-to-pci-bridge keeps slot 0 for itself, a root port has slot 0 only, while a
// DMI-to-PCI bridge, an expander bus and a switch's upstream port have slots 0 to 31. And the
// device kinds whose connect flags a later hunt checked on a pcie-expander-bus: vsock, virtio-mem
// and virtio-pmem, 9p and virtiofs filesystems (virtio: PCI Express unless transitional), video
// without a model (cirrus or vga), pci-serial, and the devices with no PCI connection whose written
// PCI address libvirt takes for a standard PCI device's (usb-net, USB and SCSI host devices).
const SLOT = 'LIBVIRT-DOMAIN-PCI-SLOT';
labelledFixtures(
  {
    'refuse-pci-bridge-on-pci-bridge-slot-0.xml': [SLOT, 'Invalid PCI address 0000:01:00.0. slot must be >= 1'],
    'refuse-pci-bridge-on-pcie-to-pci-bridge-slot-0.xml': [SLOT, 'Invalid PCI address 0000:02:00.0. slot must be >= 1'],
    'refuse-pcie-switch-upstream-on-root-port-slot-1.xml': [SLOT, 'Invalid PCI address 0000:01:01.0. slot must be <= 0'],
    'refuse-pcie-to-pci-bridge-on-root-port-slot-2.xml': [SLOT, 'Invalid PCI address 0000:01:02.0. slot must be <= 0'],
    'refuse-pcie-expander-bus-vsock.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-vsock-no-model.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-vsock-transitional.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-virtio-mem.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-virtio-pmem.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-filesystem-9p.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-filesystem-9p-transitional.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-virtiofs.xml': [ENDPOINT_BUS, PCIE],
    'refuse-pcie-expander-bus-video-no-model.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-serial-pci.xml': [ENDPOINT_BUS, PCI],
    'refuse-pcie-expander-bus-usb-net.xml': [ENDPOINT_BUS, PCI],
    // a USB or SCSI host device on a PCI address is refused for that too (LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE), but libvirt
    // places PCI addresses before it validates host devices, so it names the bus first
    'refuse-pcie-expander-bus-usb-hostdev.xml': [[ENDPOINT_BUS, 'LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE'], PCI],
    'refuse-pcie-expander-bus-scsi-hostdev.xml': [[ENDPOINT_BUS, 'LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE'], PCI],
  },
  [
    'accept-pci-bridge-on-pci-bridge-slot-1.xml',
    'accept-pci-bridge-on-dmi-bridge-slot-0.xml',
    'accept-pci-bridge-on-pci-expander-bus-slot-0.xml',
    'accept-pcie-root-port-on-pcie-expander-bus-slot-0.xml',
    'accept-pcie-switch-downstream-slot-5.xml',
    'accept-vsock-on-root-port.xml',
    'accept-virtio-pmem-on-root-port.xml',
    'accept-virtiofs-on-root-port.xml',
    'accept-video-no-model-on-dmi-bridge.xml',
    'accept-serial-pci-on-root-port.xml',
    'accept-usb-net-on-root-port.xml',
    'accept-filesystem-9p-empty-address-beside-pcie-expander-bus.xml',
  ],
);

test('a PCI controller on a bus that does not take it is the placement rule\'s, not the slot rule\'s', () => {
  // a pcie-root-port at slot 0 of a pci-bridge: libvirt names the missing connection first
  const doc = '<domain type="qemu"><name>s</name><memory>131072</memory><os><type arch="x86_64" machine="q35">hvm</type></os><devices><controller type="pci" index="0" model="pcie-root"/><controller type="pci" index="1" model="dmi-to-pci-bridge"/><controller type="pci" index="2" model="pci-bridge"><address type="pci" bus="1" slot="1"/></controller><controller type="pci" index="3" model="pcie-root-port"><address type="pci" bus="2" slot="0"/></controller></devices></domain>';
  const ids = analyzeLibvirtXml(doc).problems.filter((p) => p.severity === 'error').map((p) => p.id);
  assert.deepEqual(ids, [PLACEMENT]);
  // the same pci-bridge at slot 0 of the pci-bridge is the slot rule's
  const bridge = doc.replace('model="pcie-root-port"><address type="pci" bus="2" slot="0"/>', 'model="pci-bridge"><address type="pci" bus="2" slot="0"/>');
  assert.deepEqual(analyzeLibvirtXml(bridge).problems.filter((p) => p.severity === 'error').map((p) => p.id), [SLOT]);
});
