import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, fixtureText, labelledFixtures } from './libvirtxml-fixtures';

/**
 * Refusals of libvirt 9.0's `virsh define --validate` that bdm-lab once let through: usb
 * addresses (bus= missing, a bus or port no controller has, a port path without its hub), alias
 * names, backing chains without <format> or <source>, names newer than 9.0, drive address digits,
 * a disk source's <seclabel>, white space after an <iotune> number, NUMA cells and the CPU
 * topology against <vcpu>, PCI domains other than 0, and vhost-user/virtiofs without shared
 * memory. Each fixture of test/fixtures/libvirtdomain/ below is labelled by libvirt itself
 * (labels.json, scripts/libvirt-label.ts); here, without libvirt: the refusal comes from the rule
 * that models it, in libvirt's own words where its parser has words (a schema refusal only says
 * "Element domain failed to validate content"), and the documents libvirt accepts beside them
 * get no error.
 */

/** fixture → the rule that refuses it, and the words of libvirt's message our finding repeats (none: a schema refusal). */
const REFUSED: Record<string, [string, string?]> = {
  'refuse-usb-address-without-bus.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS'],
  'refuse-usb-missing-bus.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'Missing USB bus 1'],
  'refuse-usb-bus-no-port-missing.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'USB bus 1 requested but no controller with that index is present'],
  'refuse-usb-port-3-default-uhci.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'requested USB port 3 not present on USB bus 0'],
  'refuse-usb-port-5-q35-xhci.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'requested USB port 5 not present on USB bus 0'],
  'refuse-usb-port-7-ehci.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'requested USB port 7 not present on USB bus 0'],
  'refuse-usb-no-hub.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'there is no hub at port 2 in USB address bus: 0 port: 2.1'],
  'refuse-usb-hub-port-9.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'requested USB port 1.9 not present on USB bus 0'],
  'refuse-usb-bus-hex.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', "Invalid value for attribute 'bus' in element 'address': '0x0'. Expected non-negative integer value"],
  'refuse-alias-name-space.xml': ['LIBVIRT-DOMAIN-ALIAS-NAME'],
  'refuse-alias-name-colon.xml': ['LIBVIRT-DOMAIN-ALIAS-NAME'],
  'refuse-alias-name-empty.xml': ['LIBVIRT-DOMAIN-ALIAS-NAME'],
  'refuse-backingstore-without-format.xml': ['LIBVIRT-DISK-BACKING-STORE'],
  'refuse-backingstore-nested-without-format.xml': ['LIBVIRT-DISK-BACKING-STORE'],
  'refuse-backingstore-without-source.xml': ['LIBVIRT-DISK-BACKING-STORE', 'missing disk backing store source'],
  'refuse-driver-discard-no-unref.xml': ['LIBVIRT-XML-NEWER-THAN-9'],
  'refuse-blockio-discard-granularity.xml': ['LIBVIRT-XML-NEWER-THAN-9'],
  'refuse-driver-iothreads-mapping.xml': ['LIBVIRT-XML-NEWER-THAN-9'],
  'refuse-scsi-drive-target-100.xml': ['LIBVIRT-XML-ATTR-NUMBER'],
  'refuse-scsi-drive-unit-100000.xml': ['LIBVIRT-XML-ATTR-NUMBER'],
  'refuse-scsi-drive-controller-100.xml': ['LIBVIRT-XML-ATTR-NUMBER'],
  'refuse-source-seclabel-relabel-no-label.xml': ['LIBVIRT-DISK-SOURCE-SECLABEL'],
  'refuse-source-seclabel-empty.xml': ['LIBVIRT-DISK-SOURCE-SECLABEL'],
  'refuse-source-seclabel-imagelabel.xml': ['LIBVIRT-DISK-SOURCE-SECLABEL'],
  'refuse-iotune-space-after-number.xml': ['LIBVIRT-DISK-IOTUNE', "disk iotune field 'total_bytes_sec' must be an integer"],
  'refuse-iotune-newline-after-number.xml': ['LIBVIRT-DISK-IOTUNE', "disk iotune field 'read_iops_sec' must be an integer"],
  'refuse-numa-cpus-exceed-vcpu.xml': ['LIBVIRT-DOMAIN-NUMA-CELLS', 'Number of CPUs in <numa> exceeds the <vcpu> count'],
  'refuse-numa-without-vcpu.xml': ['LIBVIRT-DOMAIN-NUMA-CELLS', 'Number of CPUs in <numa> exceeds the <vcpu> count'],
  'refuse-numa-cpu-id-beyond-vcpu.xml': ['LIBVIRT-DOMAIN-NUMA-CELLS', 'CPU IDs in <numa> exceed the <vcpu> count'],
  'refuse-numa-cells-overlap.xml': ['LIBVIRT-DOMAIN-NUMA-CELLS', 'NUMA cells 1 and 0 have overlapping vCPU ids'],
  'refuse-numa-cell-id-gap.xml': ['LIBVIRT-DOMAIN-NUMA-CELLS', "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed"],
  'refuse-numa-cell-id-duplicate.xml': ['LIBVIRT-DOMAIN-NUMA-CELLS', "Duplicate NUMA cell info for cell id '0'"],
  'refuse-cpu-topology-mismatch.xml': ['LIBVIRT-DOMAIN-CPU-TOPOLOGY', "CPU topology doesn't match maximum vcpu count"],
  'refuse-cpu-topology-dies.xml': ['LIBVIRT-DOMAIN-CPU-TOPOLOGY', "CPU topology doesn't match maximum vcpu count"],
  'refuse-pci-domain-1.xml': ['LIBVIRT-DOMAIN-PCI-DOMAIN', 'Invalid PCI address 0001:00:05.0. Only PCI domain 0 is available'],
  'refuse-pci-domain-1-q35-expander.xml': ['LIBVIRT-DOMAIN-PCI-DOMAIN', 'Invalid PCI address 0001:00:05.0. Only PCI domain 0 is available'],
  'refuse-vhostuser-disk-private-memory.xml': ['LIBVIRT-DOMAIN-SHARED-MEMORY', "'vhostuser' requires shared memory"],
  'refuse-vhostuser-disk-one-cell-private.xml': ['LIBVIRT-DOMAIN-SHARED-MEMORY', "'vhostuser' requires shared memory"],
  'refuse-virtiofs-private-memory.xml': ['LIBVIRT-DOMAIN-SHARED-MEMORY', "'virtiofs' requires shared memory"],
};

/** Their neighbours that libvirt 9.0 defines (a bare "ua-" alias and a vhost-user <interface> without shared memory among them). */
const ACCEPTED = [
  'accept-usb-address-bus-without-port.xml', 'accept-usb-hub-port.xml', 'accept-usb-xhci-ports-8.xml', 'accept-usb-ehci-port-6.xml',
  'accept-usb-second-bus.xml', 'accept-usb-port-trailing-zero.xml', 'accept-alias-ua-alone.xml', 'accept-alias-dots-dashes.xml',
  'accept-backingstore-format-source.xml', 'accept-backingstore-empty.xml', 'accept-driver-packed-page-per-vq.xml',
  'accept-scsi-drive-target-99-unit-99999.xml', 'accept-source-seclabel-relabel-no.xml', 'accept-source-seclabel-label.xml',
  'accept-source-seclabel-labelskip.xml', 'accept-iotune-space-before-number.xml', 'accept-numa-partial-cpus.xml',
  'accept-numa-ids-reversed.xml', 'accept-cpu-topology-dies.xml', 'accept-pci-bus-1-pc.xml', 'accept-pci-hostdev-source-domain-1.xml',
  'accept-pci-domain-1-usb-none.xml', 'accept-vhostuser-interface-private-memory.xml', 'accept-vhostuser-disk-shared-memory.xml',
  'accept-virtiofs-numa-shared.xml',
];

labelledFixtures(REFUSED, ACCEPTED);

test('a finding points at what libvirt refuses', () => {
  const at = (f: string) => {
    const text = fixtureText(f);
    const p = errors(f)[0];
    return text.slice(p.span.offset, p.span.offset + p.span.length);
  };
  assert.equal(at('refuse-driver-discard-no-unref.xml'), 'discard_no_unref');
  assert.equal(at('refuse-scsi-drive-target-100.xml'), '100');
  assert.equal(at('refuse-pci-domain-1.xml'), '0x0001');
  assert.equal(at('refuse-alias-name-colon.xml'), 'ua-vol:1');
  assert.equal(at('refuse-source-seclabel-relabel-no-label.xml'), 'label');
  assert.equal(at('refuse-backingstore-without-format.xml'), 'backingStore');
  assert.equal(at('refuse-usb-no-hub.xml'), 'address');
  assert.equal(at('refuse-numa-cpu-id-beyond-vcpu.xml'), '5');
  assert.equal(at('refuse-cpu-topology-mismatch.xml'), 'topology');
  assert.equal(at('refuse-vhostuser-disk-private-memory.xml'), 'disk');
});
