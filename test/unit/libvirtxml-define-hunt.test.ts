import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { errors, fixtureText, labelledFixtures } from './libvirtxml-fixtures';

/**
 * Refusals of libvirt 9.0's `virsh define --validate` that bdm-lab let through until a
 * differential hunt (scripts/libvirt-define-check.ts, seeds 401-410, and Nova-style domains
 * written by hand) found them: a disk's iothread 0, PCI slots on root ports and bridges, PCI
 * controllers against the machine type, vhost-user disks with block-layer options, network host
 * names, USB ports of a controller written without model= and USB ports all taken, transient
 * backing sharing on sd, CPU sets, hugepages, secure boot, MAC addresses, watchdogs and the
 * <vcpu> count. Each fixture of test/fixtures/libvirtdomain/ below is labelled by libvirt itself
 * (labels.json, scripts/libvirt-label.ts); here, without libvirt: each refusal comes from the
 * rule that models it, in libvirt's own words where its parser has words (a schema refusal only
 * says "Element domain failed to validate content"), and the documents libvirt accepts beside
 * them get no error.
 */

/** fixture → the rules that refuse it, and the words of libvirt's message a finding repeats (none: a schema refusal). */
const REFUSED: Record<string, [string[], string?]> = {
  'refuse-disk-iothread-zero.xml': [['LIBVIRT-XML-ATTR-NUMBER'], "Invalid value for attribute 'iothread' in element 'driver': Zero is not permitted"],
  'refuse-disk-iothread-zero-no-iothreads.xml': [['LIBVIRT-XML-ATTR-NUMBER'], "Invalid value for attribute 'iothread' in element 'driver': Zero is not permitted"],
  'refuse-pci-root-port-slot-1.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:02:01.0. slot must be <= 0'],
  'refuse-pci-root-port-slot-1f.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:01:1f.0. slot must be <= 0'],
  'refuse-pci-q35-added-port-slot-3.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:01:03.0. slot must be <= 0'],
  'refuse-pci-root-port-nic-slot-1.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:01:01.0. slot must be <= 0'],
  'refuse-pci-bridge-slot-0.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:01:00.0. slot must be >= 1'],
  'refuse-pci-pc-added-bridge-slot-0.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:03:00.0. slot must be >= 1'],
  'refuse-nova-q35-disk-on-port-slot-1.xml': [['LIBVIRT-DOMAIN-PCI-SLOT'], 'Invalid PCI address 0000:02:01.0. slot must be <= 0'],
  'refuse-pci-root-ports-on-pc.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], "The PCI controller with index='0' must be model='pci-root' for this machine type, but model='pcie-root-port' was found instead"],
  'refuse-nova-pc-with-pcie-root-ports.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], "The PCI controller with index='0' must be model='pci-root' for this machine type, but model='pcie-root-port' was found instead"],
  'refuse-pci-root-port-before-root.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], "The PCI controller with index='0' must be model='pcie-root' for this machine type, but model='pcie-root-port' was found instead"],
  'refuse-pci-controller-without-model.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER']],
  'refuse-pci-root-index-1.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], 'pci-root and pcie-root controllers should have index 0'],
  'refuse-pci-expander-bus-on-q35.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], 'pci-expander-bus controllers are only supported on 440fx-based machinetypes'],
  'refuse-pci-bridge-on-q35-alone.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], "PCI controller at index 3 (0x03) has bus='0x03', but index must be larger than bus"],
  'refuse-pcie-to-pci-bridge-without-port.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], 'Cannot automatically add a new PCI bus for a device with connect flags 2000'],
  'refuse-pci-root-port-on-pc-bus-0.xml': [['LIBVIRT-DOMAIN-PCI-CONTROLLER'], "The device at PCI address 0000:00:05.0 cannot be plugged into the PCI controller with index='0'. It requires a controller that accepts a pcie-root-port"],
  'refuse-vhostuser-disk-cache.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'cache is not supported with vhostuser disk'],
  'refuse-nova-vhostuser-disk-cache.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'cache is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-io-native.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'io is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-rerror-policy.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'error_policy is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-serial.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'serial is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-backingstore-empty.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'backingStore is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-iotune-group.xml': [['LIBVIRT-DISK-VHOSTUSER', 'LIBVIRT-DISK-IOTUNE'], 'iotune is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-readonly.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'readonly is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-cdrom.xml': [['LIBVIRT-DISK-CDROM-BUS', 'LIBVIRT-DISK-VHOSTUSER'], 'readonly is not supported with vhostuser disk'],
  'refuse-vhostuser-disk-scsi-bus.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'vhostuser disk supports only virtio bus'],
  'refuse-vhostuser-disk-snapshot-external.xml': [['LIBVIRT-DISK-VHOSTUSER'], 'only snapshot=no is supported with vhostuser disk'],
  'refuse-vhostuser-disk-source-seclabel.xml': [['LIBVIRT-DISK-VHOSTUSER']],
  'refuse-vhostuser-disk-without-path.xml': [['LIBVIRT-DISK-VHOSTUSER']],
  'refuse-vhostuser-lun.xml': [['LIBVIRT-DISK-LUN-TYPE', 'LIBVIRT-DISK-VHOSTUSER']],
  'refuse-rbd-host-ipv6-brackets.xml': [['LIBVIRT-DISK-HOST-NAME']],
  'refuse-nova-rbd-ipv6-brackets.xml': [['LIBVIRT-DISK-HOST-NAME']],
  'refuse-rbd-host-ipv6-zone.xml': [['LIBVIRT-DISK-HOST-NAME']],
  'refuse-rbd-host-port-in-name.xml': [['LIBVIRT-DISK-HOST-NAME']],
  'refuse-rbd-host-underscore.xml': [['LIBVIRT-DISK-HOST-NAME']],
  'refuse-usb-controller-without-model-q35-port-3.xml': [['LIBVIRT-DOMAIN-USB-ADDRESS'], 'requested USB port 3 not present on USB bus 0'],
  'refuse-usb-no-free-port.xml': [['LIBVIRT-DOMAIN-USB-ADDRESS'], 'No free USB ports'],
  'refuse-usb-no-free-port-q35-controller-without-model.xml': [['LIBVIRT-DOMAIN-USB-ADDRESS'], 'No free USB ports'],
  'refuse-transient-share-backing-sd.xml': [['LIBVIRT-DISK-TRANSIENT']],
  'refuse-cpuset-vcpupin-reversed.xml': [['LIBVIRT-DOMAIN-CPUSET'], "Failed to parse bitmap '3-1'"],
  'refuse-cpuset-16384.xml': [['LIBVIRT-DOMAIN-CPUSET'], "Failed to parse bitmap '16384'"],
  'refuse-cpuset-emulatorpin-syntax.xml': [['LIBVIRT-DOMAIN-CPUSET']],
  'refuse-cpuset-vcpu-empty.xml': [['LIBVIRT-DOMAIN-CPUSET'], "Invalid value of 'cpuset': 0,^0"],
  'refuse-cpuset-iothreadpin-none.xml': [['LIBVIRT-DOMAIN-CPUSET'], "Invalid value of 'cpuset': ^0"],
  'refuse-hugepages-node-1-without-numa.xml': [['LIBVIRT-DOMAIN-HUGEPAGES'], 'hugepages: node 1 not found'],
  'refuse-hugepages-node-2-of-2-cells.xml': [['LIBVIRT-DOMAIN-HUGEPAGES'], 'hugepages: node 2 not found'],
  'refuse-hugepages-two-defaults.xml': [['LIBVIRT-DOMAIN-HUGEPAGES'], 'two master hugepages detected: 1048576 and 2048'],
  'refuse-hugepages-nodesets-intersect.xml': [['LIBVIRT-DOMAIN-HUGEPAGES'], 'nodeset attribute of hugepages of sizes 1048576 and 2048 intersect'],
  'refuse-secure-boot-pc.xml': [['LIBVIRT-DOMAIN-SECURE-BOOT'], 'Secure boot is supported with q35 machine types only'],
  'refuse-secure-boot-without-smm.xml': [['LIBVIRT-DOMAIN-SECURE-BOOT'], 'Secure boot requires SMM feature enabled'],
  'refuse-secure-boot-smm-off.xml': [['LIBVIRT-DOMAIN-SECURE-BOOT'], 'Secure boot requires SMM feature enabled'],
  'refuse-mac-multicast.xml': [['LIBVIRT-DOMAIN-MAC-ADDRESS']],
  'refuse-mac-dashes.xml': [['LIBVIRT-DOMAIN-MAC-ADDRESS']],
  'refuse-watchdog-itco.xml': [['LIBVIRT-DOMAIN-WATCHDOG']],
  'refuse-watchdog-two.xml': [['LIBVIRT-DOMAIN-WATCHDOG']],
  'refuse-watchdog-diag288-x86.xml': [['LIBVIRT-DOMAIN-WATCHDOG'], 'diag288 model of watchdog is allowed for s390 and s390x only'],
  'refuse-vcpu-zero.xml': [['LIBVIRT-DOMAIN-VCPU']],
  'refuse-vcpu-blanks.xml': [['LIBVIRT-DOMAIN-VCPU']],
};

/** Their neighbours that libvirt 9.0 defines, and four whole Nova-style domains. */
const ACCEPTED = [
  'accept-disk-iothread-leading-zero.xml', 'accept-controller-iothread-zero.xml',
  'accept-pci-root-port-function-3.xml', 'accept-pci-q35-added-port-slot-0.xml', 'accept-pci-pc-added-bridge-slot-2.xml', 'accept-pci-memballoon-none-on-port-slot-1.xml',
  'accept-pci-nova-q35-unindexed.xml', 'accept-pci-root-port-before-indexed-root.xml', 'accept-pci-bridge-behind-pcie-to-pci-bridge.xml', 'accept-pci-bridge-q35-with-address.xml',
  'accept-vhostuser-disk-options.xml', 'accept-rbd-host-ipv6.xml',
  'accept-usb-hub-added-for-tablets.xml', 'accept-usb-hub-added-one-port-free.xml', 'accept-usb-q35-default-four-ports.xml',
  'accept-transient-share-backing-usb.xml', 'accept-cpuset-16383-and-exclusion.xml', 'accept-hugepages-per-node.xml', 'accept-hugepages-node-0-without-numa.xml',
  'accept-secure-boot-q35-smm.xml', 'accept-mac-uppercase-and-twice.xml', 'accept-watchdog-ib700-q35.xml',
  'accept-nova-q35-full.xml', 'accept-nova-q35-numa-hugepages.xml', 'accept-nova-q35-explicit-pci.xml', 'accept-nova-pc-explicit-pci.xml',
];

labelledFixtures(REFUSED, ACCEPTED);

test('a finding points at what libvirt refuses', () => {
  const at = (f: string, id?: string) => {
    const text = fixtureText(f);
    const p = errors(f).find((x) => !id || x.id === id)!;
    return text.slice(p.span.offset, p.span.offset + p.span.length);
  };
  assert.equal(at('refuse-disk-iothread-zero.xml'), '0');
  assert.equal(at('refuse-pci-root-port-slot-1.xml'), '0x01');
  assert.equal(at('refuse-pci-root-ports-on-pc.xml'), 'pcie-root-port');
  assert.equal(at('refuse-vhostuser-disk-cache.xml'), 'none');
  assert.equal(at('refuse-vhostuser-disk-serial.xml'), 'serial');
  assert.equal(at('refuse-rbd-host-ipv6-brackets.xml'), '[fd00::11]');
  assert.equal(at('refuse-usb-no-free-port.xml'), 'input');
  assert.equal(at('refuse-cpuset-vcpupin-reversed.xml'), '3-1');
  assert.equal(at('refuse-hugepages-node-1-without-numa.xml'), '1');
  assert.equal(at('refuse-secure-boot-pc.xml'), 'yes');
  assert.equal(at('refuse-mac-multicast.xml'), '01:16:3e:2b:4c:6d');
  assert.equal(at('refuse-watchdog-itco.xml'), 'itco');
});

test("a disk's iothread 0 is one error, not also a missing iothread", () => {
  const found = errors('refuse-disk-iothread-zero.xml');
  assert.equal(found.length, 1, found.map((p) => p.message).join(' | '));
  // a lone <disk> (no domain to look for iothreads in) is refused the same way
  const lone = analyzeLibvirtXml('<disk type="file"><driver name="qemu" iothread="00"/><source file="/a.img"/><target dev="vda" bus="virtio"/></disk>').problems;
  assert.deepEqual(lone.filter((p) => p.severity === 'error').map((p) => p.id), ['LIBVIRT-XML-ATTR-NUMBER']);
  assert.match(lone[0].message, /Zero is not permitted/);
});

test('PCI controllers written without index= take the lowest index no other PCI controller has, in document order', () => {
  const q35 = (devices: string) => `<domain type="kvm"><name>t</name><memory>131072</memory><os><type arch="x86_64" machine="q35">hvm</type></os><devices>${devices}</devices></domain>`;
  const ids = (xml: string) => analyzeLibvirtXml(xml).problems.filter((p) => p.severity === 'error').map((p) => p.id);
  // explicit 1 is skipped: the unindexed port gets 0 (refused), the unindexed root 2
  assert.deepEqual(ids(q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" model="pcie-root-port"/><controller type="pci" model="pcie-root"/>')), ['LIBVIRT-DOMAIN-PCI-CONTROLLER', 'LIBVIRT-DOMAIN-PCI-CONTROLLER']);
  // the root first, as Nova writes it; then a port on bus 2 (the second unindexed port, after the written 1) has slot 0 only
  const nova = '<controller type="pci" model="pcie-root"/><controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" model="pcie-root-port"/>';
  assert.deepEqual(ids(q35(`${nova}<disk type="file"><source file="/a"/><target dev="vda" bus="virtio"/><address type="pci" domain="0" bus="2" slot="0" function="0"/></disk>`)), []);
  assert.deepEqual(ids(q35(`${nova}<disk type="file"><source file="/a"/><target dev="vda" bus="virtio"/><address type="pci" domain="0" bus="2" slot="1" function="0"/></disk>`)), ['LIBVIRT-DOMAIN-PCI-SLOT']);
});
