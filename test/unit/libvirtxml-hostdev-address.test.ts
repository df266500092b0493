import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFixtures } from './libvirtxml-fixtures';

/**
 * What a hunt on host devices and their guest addresses found (scripts/libvirt-hostdev-gen.ts:
 * seeded domains of SCSI and USB host devices, SCSI disks and controllers, labelled by
 * `virsh define --validate`, libvirt 9.0): a host device on an address of another bus kind (a USB
 * device on PCI or a drive, a SCSI device on PCI or USB, a PCI device on a drive, a vhost SCSI host
 * on a drive); a SCSI host device's drive address on bus 1 or on a target of an lsilogic controller
 * (written, left to the default, model "auto", or added by libvirt); sgio/rawio off SCSI and
 * sgio="unfiltered"; the SCSI controller models the QEMU driver refuses on x86 (buslogic,
 * ncr53c90); a USB host device's <source> (vendor without product, a zero vendor, ids and numbers
 * out of the schema's forms, nothing named); a host device's address numbers out of the schema's
 * forms. And a false error: the controller libvirt adds for SCSI host devices takes the model of
 * the one written at the highest index they name, so a disk's target on it may be fine. Each
 * fixture is labelled by libvirt itself (labels.json, scripts/libvirt-label.ts).
 */
const TYPE = 'LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE';
const RANGE = 'LIBVIRT-DISK-DRIVE-ADDRESS-RANGE';
const SGIO = 'LIBVIRT-DOMAIN-HOSTDEV-SGIO';
const MODEL = 'LIBVIRT-DOMAIN-SCSI-CONTROLLER-MODEL';
const USB_SOURCE = 'LIBVIRT-DOMAIN-HOSTDEV-USB-SOURCE';
const NUMBER = 'LIBVIRT-XML-ATTR-NUMBER';
const USB = "USB host device must use 'usb' address type";
const SCSI = "SCSI host device must use 'drive' address type";
const LSI = "target must be 0 for controller model 'lsilogic'";
labelledFixtures(
  {
    'refuse-usb-hostdev-pci-address.xml': [TYPE, USB],
    'refuse-usb-hostdev-drive-address.xml': [TYPE, USB],
    'refuse-scsi-hostdev-pci-address.xml': [TYPE, SCSI],
    'refuse-scsi-hostdev-usb-address.xml': [TYPE, SCSI],
    'refuse-pci-hostdev-drive-address.xml': [TYPE, "PCI host devices must use 'pci' or 'unassigned' address type"],
    'refuse-scsi-host-hostdev-drive-address.xml': [TYPE, "SCSI_host host device must use 'pci' or 'ccw' address type"],
    'refuse-scsi-hostdev-bus-1.xml': [RANGE, 'SCSI controller only supports 1 bus'],
    'refuse-scsi-hostdev-target-1-lsilogic.xml': [RANGE, LSI],
    'refuse-scsi-hostdev-target-1-no-controller.xml': [RANGE, LSI],
    'refuse-scsi-hostdev-target-1-auto.xml': [RANGE, LSI],
    'refuse-scsi-hostdev-target-added-controller-default.xml': [RANGE, LSI],
    'refuse-scsi-disk-target-hostdev-raise-without-model.xml': [RANGE, LSI],
    'refuse-scsi-hostdev-sgio-unfiltered.xml': [SGIO, 'unfiltered sgio is no longer supported'],
    'refuse-usb-hostdev-sgio.xml': [SGIO],
    'refuse-pci-hostdev-rawio.xml': [SGIO],
    'refuse-scsi-controller-buslogic.xml': [MODEL, 'Unsupported controller model: buslogic'],
    'refuse-scsi-controller-ncr53c90.xml': [MODEL, 'ncr53c90 SCSI controller is not a built-in for this machine'],
    'refuse-scsi-controller-ncr53c90-index-1.xml': [MODEL, 'ncr53c90 can only be used as first SCSI controller'],
    'refuse-scsi-hostdev-drive-controller-100.xml': [NUMBER],
    'refuse-scsi-hostdev-drive-target-300.xml': [NUMBER],
    'refuse-pci-hostdev-slot-0x20.xml': [NUMBER],
    'refuse-usb-hostdev-vendor-zero.xml': [USB_SOURCE, "Invalid value for attribute 'id' in element 'vendor': Zero is not permitted"],
    'refuse-usb-hostdev-vendor-5-digits.xml': [USB_SOURCE],
    'refuse-usb-hostdev-source-bus-0x1000.xml': [USB_SOURCE],
    'refuse-usb-hostdev-empty-source.xml': [USB_SOURCE],
    'refuse-usb-hostdev-vendor-without-product.xml': [USB_SOURCE],
    // libvirt 9.0 prints this clash on controller 1, bus 0 as controller='0' bus='1'
    'refuse-scsi-hostdev-address-dup-controller-1.xml': ['LIBVIRT-DOMAIN-HOSTDEV-SCSI-ADDRESS-DUP', "SCSI host address controller='0' bus='1' target='0' unit='4' in use by another SCSI host device"],
    'refuse-generated-hostdev-501-12.xml': [RANGE, LSI],
    'refuse-generated-hostdev-501-34.xml': [MODEL, 'Unsupported controller model: buslogic'],
    'refuse-generated-hostdev-501-39.xml': [TYPE, USB],
    'refuse-generated-hostdev-501-70.xml': [RANGE, 'SCSI controller only supports 1 bus'],
    'refuse-generated-hostdev-501-174.xml': [TYPE, SCSI],
    'refuse-generated-hostdev-501-176.xml': [TYPE, "PCI host devices must use 'pci' or 'unassigned' address type"],
  },
  [
    'accept-pci-hostdev-unassigned-address.xml',
    'accept-scsi-host-hostdev-pci-address.xml',
    'accept-usb-hostdev-usb-address-port-2.xml',
    'accept-scsi-hostdev-target-1-virtio-scsi.xml',
    'accept-scsi-hostdev-target-added-controller-virtio.xml',
    'accept-scsi-disk-target-added-controller-virtio.xml',
    'accept-scsi-disk-target-hostdev-model-carried.xml',
    'accept-scsi-hostdevs-fill-controller-disk-sdh.xml',
    'accept-scsi-hostdev-unit-20000-virtio-scsi.xml',
    'accept-scsi-hostdev-unit-7-lsilogic.xml',
    'accept-scsi-hostdev-sgio-filtered-rawio.xml',
    'accept-scsi-controller-dc390-am53c974.xml',
    'accept-scsi-controller-auto.xml',
    'accept-usb-hostdev-product-zero.xml',
    'accept-usb-hostdev-source-bus-device-0.xml',
    'accept-usb-hostdev-ids-and-address.xml',
    'accept-generated-hostdev-501-4.xml',
    'accept-generated-hostdev-501-8.xml',
    'accept-generated-hostdev-501-9.xml',
  ],
);

// The model of the controllers libvirt adds for SCSI host devices, in document order (libvirt 9.0,
// virDomainDefMaybeAddHostdevSCSIcontroller): each host device naming a higher controller index
// adds the missing ones up to it with the model written at that index, else the model last taken.
test('controllers added for SCSI host devices carry the model written at the highest index named so far', () => {
  const hd = (n: number, controller: number, target = 0) =>
    `<hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="${n}"/></source><address type="drive" controller="${controller}" bus="0" target="${target}" unit="${n}"/></hostdev>`;
  const dom = (devices: string) => `<domain type="qemu"><name>t</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><devices>${devices}</devices></domain>`;
  const ids = (xml: string) => analyzeLibvirtXml(xml).problems.filter((p) => p.severity === 'error').map((p) => p.id);
  const virtio1 = '<controller type="scsi" index="1" model="virtio-scsi"/>';
  // controller 1 (virtio-scsi) named first: 0 is added as virtio-scsi, a target there is fine
  assert.deepEqual(ids(dom(virtio1 + hd(1, 1) + hd(2, 0, 3))), []);
  // controller 0 named first: it is added with the default (lsilogic) before 1 is named
  assert.deepEqual(ids(dom(virtio1 + hd(2, 0, 3) + hd(1, 1))), [RANGE]);
  // a raise to an index written without a model keeps the model last taken (virtio-scsi) for 2..3
  assert.deepEqual(ids(dom(`${virtio1}<controller type="scsi" index="4"/>${hd(1, 1)}${hd(2, 4)}${hd(3, 3, 2)}`)), []);
  // the added ones take it; the written one without a model is the default
  assert.deepEqual(ids(dom(`${virtio1}<controller type="scsi" index="4"/>${hd(1, 1)}${hd(2, 4)}${hd(3, 4, 2)}`)), [RANGE]);
});
