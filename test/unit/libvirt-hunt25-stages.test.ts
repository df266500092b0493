import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { RULES } from '../../server/src/libvirtxml/rules';
import { RULE_STAGE } from '../../server/src/libvirtxml/stages';
import { stagedFixtures } from './libvirtxml-fixtures';

/**
 * libvirt's order of stages (virsh define --validate, libvirt 9.0): of several problems it answers
 * the first of its earliest stage — the RelaxNG schema, the parse, the post-parse (the QEMU
 * driver's, each device's, the common checks, the PCI and USB addresses), then the validation.
 * Each fixture (test/fixtures/libvirtdomain/*-stage25-*) holds problems of two stages, or one of
 * the TPM backend and shared-memory refusals this round added, and was labelled by libvirt itself
 * (scripts/libvirt-label.ts --write qemu:///system --only stage25). bdm-lab's first error must be
 * libvirt's answer: its words, or for a schema refusal a finding of the schema stage.
 */

/** libvirt's words without its category's prefix. */

/** refused fixture → the rule of bdm-lab's first error (the other problem of the document in the comment). */
const FIRST_RULE: Record<string, string> = {
  'refuse-stage25-schema-watchdog-before-io-native.xml': 'LIBVIRT-DOMAIN-WATCHDOG', // io=native without cache=none
  'refuse-stage25-schema-second-watchdog-before-io-native.xml': 'LIBVIRT-DOMAIN-WATCHDOG',
  'refuse-stage25-schema-backing-format-before-nbd-auth.xml': 'LIBVIRT-DISK-BACKING-STORE', // the nbd <auth> is the schema's too
  'refuse-stage25-schema-iotune-negative-before-mtu.xml': 'LIBVIRT-DISK-IOTUNE', // MTU on a user interface
  'refuse-stage25-schema-network-startup-policy.xml': 'LIBVIRT-DISK-STARTUP-POLICY', // io=native without cache=none
  'refuse-stage25-pcie-root-model-before-shmem.xml': 'LIBVIRT-DOMAIN-PCI-CONTROLLER', // a doorbell shmem without server
  'refuse-stage25-boot-order-twice-with-dimm.xml': 'LIBVIRT-DOMAIN-DUPLICATE-BOOT-ORDER',
  'refuse-stage25-msi-before-memory-total.xml': 'LIBVIRT-DOMAIN-DEVICE-OPTION', // a dimm beyond the cells
  'refuse-stage25-bios-serial-before-ps2-tablet.xml': 'LIBVIRT-DOMAIN-BIOS-SERIAL', // a PS/2 tablet
  'refuse-stage25-disk-iothread-before-interface-mtu.xml': 'LIBVIRT-DOMAIN-IOTHREAD-IDS', // disks are validated before interfaces
  'refuse-stage25-chardev-mode-before-interface-mtu.xml': 'LIBVIRT-DOMAIN-CHARDEV', // the parser's, before any validation
  'refuse-stage25-tpm-external-without-source.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-stage25-tpm-external-without-source-second.xml': 'LIBVIRT-DOMAIN-TPM', // the parser's, before "only a single TPM"
  'refuse-stage25-tpm-no-backend.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-stage25-tpm-external-source-no-mode.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-stage25-tpm-external-source-no-path.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-stage25-tpm-spapr-on-x86.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-stage25-tpm-spapr-proxy-on-x86.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-stage25-shmem-no-model.xml': 'LIBVIRT-DOMAIN-SHMEM',
  'refuse-stage25-shmem-legacy-ivshmem.xml': 'LIBVIRT-DOMAIN-SHMEM',
  'refuse-stage25-interface-mtu-65536.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-stage25-vsock-cid-not-number.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-stage25-iommu-virtio-driver-attribute-q35.xml': 'LIBVIRT-DOMAIN-IOMMU',
  'refuse-stage25-iommu-virtio-driver-attribute-pc.xml': 'LIBVIRT-DOMAIN-IOMMU', // before "only supported with Q35"
};

stagedFixtures('stage25', FIRST_RULE, { files: 25, accepted: 6 });

test('every rule has a stage', () => {
  for (const r of RULES) assert.ok(r.id in RULE_STAGE, `${r.id} has a stage`);
});

/**
 * What the host decides. On the labelling host (libvirt 9.0, QEMU 7.2, no swtpm) libvirt refused
 * each emulated TPM ("TPM version '2.0' is not supported", "TPM version '1.2' is not supported"
 * for a tpm-tis without version) and the external backend ("The QEMU executable
 * /usr/bin/qemu-system-x86_64 does not support TPM backend type external"); on a compute host
 * with swtpm the emulated TPM is defined. So bdm-lab notes the dependency and raises no error.
 */
const dom = (devices: string) => `<domain type="qemu"><name>t</name><memory unit="MiB">256</memory><os><type arch="x86_64" machine="pc">hvm</type></os><devices>${devices}</devices></domain>`;

test('an emulated or external TPM gets a note about the host, not an error', () => {
  const cases: Array<[string, RegExp]> = [
    ['<tpm model="tpm-tis"><backend type="emulator" version="2.0"/></tpm>', /TPM version '2\.0' is not supported/],
    ['<tpm model="tpm-tis"><backend type="emulator"/></tpm>', /TPM version '1\.2' is not supported/],
    ['<tpm model="tpm-crb"><backend type="emulator"/></tpm>', /TPM version '2\.0' is not supported/],
    ['<tpm model="tpm-tis"><backend type="external"><source type="unix" mode="connect" path="/run/swtpm.sock"/></backend></tpm>', /does not support TPM backend type external/],
  ];
  for (const [devices, note] of cases) {
    const problems = analyzeLibvirtXml(dom(devices)).problems;
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), [], devices);
    const notes = problems.filter((p) => p.id === 'LIBVIRT-DOMAIN-HOST-DEPENDENT');
    assert.equal(notes.length, 1, devices);
    assert.equal(notes[0]!.severity, 'information');
    assert.match(notes[0]!.message, note);
  }
  // a passthrough TPM uses the host's own device: nothing to note
  assert.deepEqual(analyzeLibvirtXml(dom('<tpm model="tpm-crb"><backend type="passthrough"><device path="/dev/tpm0"/></backend></tpm>')).problems, []);
});
