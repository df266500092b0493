import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFixtures } from './libvirtxml-fixtures';

/**
 * The refusals a second hunt on libvirt 9.0's own test documents found still accepted by bdm-lab
 * (scripts/libvirt-upstream-hunt.ts against `virsh define --validate`): firmware, loader and
 * NVRAM under or without firmware autoselection, UEFI without ACPI, SMM TSEG, USB companions and
 * xHCI ports, the IOMMU's machine and ACPI, SMBIOS dates and UUIDs, graphics listens and
 * egl-headless, the CPU cache and physical address bits, cache tuning outside KVM, virtio queue
 * sizes, the cow and dir formats, a root PCI controller's address, read-only virtiofs, shmem
 * msi, vCPU 0 offline, a memnode's mode under restrictive and pSeries features on x86. Each fixture is a minimal document
 * written for the fact and labelled by libvirt itself (labels.json, scripts/libvirt-label.ts).
 */
const FW = 'LIBVIRT-DOMAIN-FIRMWARE';
const USB = 'LIBVIRT-DOMAIN-USB-CONTROLLER';
const IOMMU = 'LIBVIRT-DOMAIN-IOMMU';
const SYSINFO = 'LIBVIRT-DOMAIN-SYSINFO';
const GRAPHICS = 'LIBVIRT-DOMAIN-GRAPHICS';
const CPU = 'LIBVIRT-DOMAIN-CPU-CACHE';
const OPTION = 'LIBVIRT-DOMAIN-DEVICE-OPTION';
labelledFixtures(
  {
    'refuse-uefi-pflash-no-acpi.xml': [FW, 'UEFI requires ACPI on this architecture'],
    'refuse-firmware-efi-loader-path.xml': [FW, "loader attribute 'type' cannot be specified when firmware autoselection is enabled"],
    'refuse-firmware-efi-loader-insecure.xml': [FW, "loader attribute 'secure' cannot be specified when firmware autoselection is enabled"],
    'refuse-firmware-bios-nvram.xml': [FW, "firmware type 'bios' does not support nvram"],
    'refuse-nvram-without-loader.xml': [FW, 'no loader path specified and firmware auto selection disabled'],
    'refuse-loader-stateless-nvram.xml': [FW, 'NVRAM is not permitted when loader is stateless'],
    'refuse-loader-rom-not-stateless.xml': [FW, 'Only pflash loader type permits NVRAM'],
    'refuse-firmware-bios-not-stateless.xml': [FW, 'Only EFI firmware permits NVRAM'],
    'refuse-firmware-feature-without-autoselect.xml': [FW, 'cannot use feature-based firmware autoselection when firmware autoselection is disabled'],
    'refuse-tseg-on-i440fx.xml': [FW, 'SMM TSEG is only supported with q35 machine type'],
    'refuse-tseg-not-whole-mib.xml': [FW, 'SMM TSEG size must be divisible by 1 MiB'],
    'refuse-usb-companion-without-master.xml': [USB, 'No master USB controller specified'],
    'refuse-usb-qemu-xhci-16-ports.xml': [USB, "'qemu-xhci' controller only supports up to '15' ports"],
    'refuse-iommu-intel-i440fx.xml': [IOMMU, "IOMMU device: 'intel' is only supported with Q35 machines"],
    'refuse-iommu-virtio-i440fx.xml': [IOMMU, "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines"],
    'refuse-iommu-virtio-no-acpi.xml': [IOMMU, "IOMMU device: 'virtio' requires ACPI"],
    'refuse-sysinfo-bios-date-iso.xml': [SYSINFO, "Invalid BIOS 'date' format"],
    'refuse-sysinfo-uuid-mismatch.xml': [SYSINFO, 'UUID mismatch between <uuid> and <sysinfo>'],
    'refuse-graphics-vnc-listen-mismatch.xml': [GRAPHICS, "graphics 'listen' attribute '127.0.0.1' must match 'address' attribute of first listen element (found '0.0.0.0')"],
    'refuse-graphics-egl-headless-with-sdl.xml': [GRAPHICS, "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types"],
    'refuse-graphics-spice-gl-with-egl-headless.xml': [GRAPHICS, 'multiple OpenGL displays are not supported by QEMU'],
    'refuse-cpu-cache-emulate-level2.xml': [CPU, "CPU cache mode 'emulate' can only be used with level='3'"],
    'refuse-cpu-cache-passthrough-custom.xml': [CPU, "CPU cache mode 'passthrough' can only be used with 'host-passthrough' / 'maximum' CPUs"],
    'refuse-cpu-maxphysaddr-emulate-no-bits.xml': [CPU, "if using CPU maximum physical address mode='emulate', bits= must be specified too"],
    'refuse-cachetune-qemu-domain.xml': ['LIBVIRT-DOMAIN-CACHETUNE', 'cachetune is only supported for KVM domains'],
    'refuse-interface-rx-queue-size-300.xml': ['LIBVIRT-DOMAIN-INTERFACE', 'rx_queue_size has to be a power of two'],
    'refuse-disk-format-cow.xml': ['LIBVIRT-DISK-FORMAT-QEMU', "'cow' storage format is not supported"],
    'refuse-disk-format-dir.xml': ['LIBVIRT-DISK-FORMAT-QEMU', "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead"],
    'refuse-pcie-root-with-address.xml': [OPTION, 'pci-root and pcie-root controllers should not have an address'],
    'refuse-virtiofs-readonly.xml': [OPTION, 'virtiofs does not yet support read-only mode'],
    'refuse-shmem-msi-without-server.xml': [OPTION, 'msi option is only supported with a server'],
    'refuse-vcpu0-offline.xml': ['LIBVIRT-DOMAIN-VCPU', "vcpu 0 can't be offline"],
    // libvirt names the machine as it expands it (pc-i440fx-7.2 here); bdm-lab as written
    'refuse-hpt-feature-on-x86.xml': ['LIBVIRT-DOMAIN-PSERIES-FEATURE', "The 'hpt' feature is not supported for architecture 'x86_64' or machine type 'pc"],
    'refuse-numatune-memnode-mode-strict-under-restrictive.xml': ['LIBVIRT-DOMAIN-NUMATUNE-NODESET', "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element"],
  },
  [
    'accept-uefi-pflash-acpi-nvram.xml',
    'accept-firmware-efi-nvram.xml',
    'accept-tseg-q35-whole-mib.xml',
    'accept-usb-ehci-with-companion.xml',
    'accept-usb-qemu-xhci-15-ports.xml',
    'accept-iommu-intel-q35.xml',
    'accept-iommu-virtio-q35.xml',
    'accept-sysinfo-date-uuid-upper.xml',
    'accept-graphics-vnc-listen-same.xml',
    'accept-graphics-vnc-with-egl-headless.xml',
    'accept-cpu-cache-emulate-level3.xml',
    'accept-cpu-maxphysaddr-emulate-bits.xml',
    'accept-interface-rx-queue-size-512.xml',
    'accept-virtiofs-writable.xml',
    'accept-shmem-msi-with-server.xml',
    'accept-numatune-memnode-restrictive.xml',
  ],
);

const ids = (text: string) => analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error').map((p) => p.id);
const domain = (type: string, inner: string, os = '<type arch="x86_64" machine="q35">hvm</type>') => `<domain type="${type}"><name>d</name><memory>65536</memory><vcpu>2</vcpu><os>${os}</os><features><acpi/></features>${inner}</domain>`;

// Not labelled here (this host has no KVM, so libvirt refuses a kvm domain for the host's sake).
test('cachetune: refused outside KVM only, and only when libvirt keeps it', () => {
  const tune = '<cputune><cachetune vcpus="0-1"><cache id="0" level="3" type="both" size="3" unit="MiB"/></cachetune></cputune>';
  assert.ok(ids(domain('qemu', tune)).includes('LIBVIRT-DOMAIN-CACHETUNE'));
  assert.deepEqual(ids(domain('kvm', tune)), []);
  // vCPUs the domain does not have: libvirt drops the element
  assert.deepEqual(ids(domain('qemu', tune.replace('0-1', '4-5'))), []);
});

// Not labelled here: libvirt's ARM virt machines (no aarch64 emulator on this host).
test('IOMMU on ARM virt: virtio and smmuv3 are not refused for the machine', () => {
  const arm = '<type arch="aarch64" machine="virt">hvm</type>';
  assert.deepEqual(ids(domain('qemu', '<devices><iommu model="virtio"/></devices>', arm)).filter((id) => id === 'LIBVIRT-DOMAIN-IOMMU'), []);
  assert.deepEqual(ids(domain('qemu', '<devices><iommu model="smmuv3"/></devices>', arm)).filter((id) => id === 'LIBVIRT-DOMAIN-IOMMU'), []);
  assert.ok(ids(domain('qemu', '<devices><iommu model="smmuv3"/></devices>')).includes('LIBVIRT-DOMAIN-IOMMU'));
});

test('a virtio NIC queue size: any power of two, tx as rx; other models are not checked', () => {
  const nic = (model: string, drv: string) => domain('qemu', `<devices><interface type="user"><model type="${model}"/><driver ${drv}/></interface></devices>`);
  assert.ok(ids(nic('virtio', 'tx_queue_size="1000"')).includes('LIBVIRT-DOMAIN-INTERFACE'));
  assert.deepEqual(ids(nic('virtio', 'rx_queue_size="1024" tx_queue_size="256"')), []);
  assert.deepEqual(ids(nic('e1000', 'rx_queue_size="300"')), []);
});
