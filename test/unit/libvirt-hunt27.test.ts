import { stagedFixtures } from './libvirtxml-fixtures';

/**
 * The four disagreements left after e59a77c (scripts/libvirt-define-check.ts --first): a device on
 * a bus libvirt adds for a gap below a written controller's index (seed 2505, domain 79: a
 * pcie-root-port on q35, a pci-bridge on pc, whatever the other controllers are), a virtio IOMMU
 * off bus 0 ("needs to be an integrated device") before its slot is looked at (2515-99), a xen
 * memballoon without address refused at address assignment, before any device is validated
 * (2600-53), and a <disk>'s own <auth> on an nbd disk refused when the disk is validated, after the
 * post-parse's duplicate controllers, while inside <source> it is the schema's (2601-61). Each
 * fixture (test/fixtures/libvirtdomain/*-stage27-*) was labelled by libvirt 9.0 itself
 * (scripts/libvirt-label.ts --write --only stage27- on qemu:///system).
 */


/** refused fixture → the rule of bdm-lab's first error (the later problem of the document in the comment). */
const FIRST_RULE: Record<string, string> = {
  'refuse-stage27-root-port-gap-slot-before-upstream.xml': 'LIBVIRT-DOMAIN-PCI-SLOT', // an upstream port on pcie-root
  'refuse-stage27-root-port-gap-slot-beside-bridge.xml': 'LIBVIRT-DOMAIN-PCI-SLOT',
  'refuse-stage27-pc-bridge-gap-slot-0.xml': 'LIBVIRT-DOMAIN-PCI-SLOT',
  'refuse-stage27-iommu-integrated-before-slot.xml': 'LIBVIRT-DOMAIN-PCI-INTEGRATED', // slot 0x1c on a root port
  'refuse-stage27-xen-balloon-before-dir-fat.xml': 'LIBVIRT-DOMAIN-MEMBALLOON', // a dir disk in qcow2
  'refuse-stage27-dir-fat-before-xen-balloon-address.xml': 'LIBVIRT-DISK-DIR-FAT', // a xen memballoon at a PCI address
  'refuse-stage27-virtio-serial-dup-before-nbd-auth.xml': 'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP', // the nbd disk's <auth>
  'refuse-stage27-nbd-source-auth-before-dup.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE', // the schema's, before the duplicate
  'refuse-stage27-nbd-disk-auth.xml': 'LIBVIRT-DISK-AUTH-SECRET-TYPE',
};

stagedFixtures('stage27', FIRST_RULE, { files: 10, accepted: 1 });
