import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFixtures } from './libvirtxml-fixtures';

/**
 * What a hunt on real-world domain XML (libvirt 9.0's own test documents, run through
 * scripts/libvirt-upstream-hunt.ts against `virsh define --validate`) found: documents libvirt
 * accepts that bdm-lab refused (an rbd disk under librbd encryption in any image format, secure
 * boot with <os firmware="efi"> and no <smm>, a virtio-pmem device without a NUMA node, a
 * numatune <memory mode> beside <vcpu placement="auto">, a <console> standing for the first
 * <serial> at its PCI address) and refusals it let through (the chardevs of USB redirection and
 * RNG backends, tcp without service, two sources, reconnect in bind mode or with timeout 0 or on
 * a socket path libvirt takes for one it generates, luks2 under the qemu engine, librbd on a file
 * disk, secure boot on i686). Each fixture is a minimal document written for the fact and labelled
 * by libvirt itself (labels.json, scripts/libvirt-label.ts).
 */
const CHARDEV = 'LIBVIRT-DOMAIN-CHARDEV';
labelledFixtures(
  {
    'refuse-channel-guestfwd-unix-no-path.xml': [CHARDEV, 'Missing source path attribute for char device'],
    'refuse-redirdev-unix-no-path.xml': [CHARDEV, 'Missing source path attribute for char device'],
    'refuse-rng-egd-unix-no-path.xml': [CHARDEV, 'Missing source path attribute for char device'],
    'refuse-channel-tcp-no-service.xml': [CHARDEV, 'Missing source service attribute for char device'],
    'refuse-serial-two-sources.xml': [CHARDEV, 'only one source element is allowed for character device'],
    'refuse-serial-reconnect-bind.xml': [CHARDEV, 'chardev reconnect is possible only for connect mode'],
    'refuse-channel-reconnect-generated-looking-path.xml': [CHARDEV, 'chardev reconnect is possible only for connect mode'],
    'refuse-serial-reconnect-timeout-zero.xml': [CHARDEV, "chardev reconnect source timeout cannot be '0'"],
    'refuse-rbd-qemu-engine-luks2.xml': ['LIBVIRT-DISK-ENCRYPTION', 'luks2 is currently not supported by the qemu encryption engine'],
    'refuse-file-librbd-encryption.xml': ['LIBVIRT-DISK-ENCRYPTION', 'librbd encryption is supported only with RBD backed disks'],
    'refuse-secure-boot-i686.xml': ['LIBVIRT-DOMAIN-SECURE-BOOT', 'Secure boot is supported for x86_64 architecture only'],
    'refuse-numatune-mode-vcpu-static.xml': ['LIBVIRT-DOMAIN-NUMATUNE-NODESET', "nodeset for NUMA memory tuning must be set if 'placement' is 'static'"],
  },
  [
    'accept-rbd-librbd-luks2-vmdk.xml',
    'accept-iscsi-librbd-encryption.xml',
    'accept-secure-boot-firmware-efi-no-smm.xml',
    'accept-virtio-pmem-without-node.xml',
    'accept-numatune-mode-vcpu-auto.xml',
    'accept-numatune-bare-memory.xml',
    'accept-console-aliasing-pci-serial.xml',
    'accept-channel-virtio-unix-no-path.xml',
    'accept-channel-reconnect-own-path.xml',
  ],
);

// Not labelled here (this host has no ppc64 emulator): libvirt asks for NUMA cells with memory
// hot-plug on every architecture but ppc64 (qemuDomainDefValidateMemoryHotplug, libvirt 9.0).
test('memory hot-plug without NUMA cells: refused on x86_64, not on ppc64', () => {
  const doc = (arch: string, machine: string) => `<domain type="qemu"><name>m</name><memory>131072</memory><maxMemory slots="4" unit="KiB">1048576</maxMemory><os><type arch="${arch}" machine="${machine}">hvm</type></os></domain>`;
  const ids = (text: string) => analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error').map((p) => p.id);
  assert.ok(ids(doc('x86_64', 'pc')).includes('LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE'));
  assert.deepEqual(ids(doc('ppc64', 'pseries')).filter((id) => id === 'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE'), []);
  assert.deepEqual(ids(doc('ppc64le', 'pseries')).filter((id) => id === 'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE'), []);
});
