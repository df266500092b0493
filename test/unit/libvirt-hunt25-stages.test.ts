import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml, analyzeLibvirtXmlStaged } from '../../server/src/libvirtxml/analyze';
import { RULES } from '../../server/src/libvirtxml/rules';
import { RULE_STAGE, STAGE_RANK } from '../../server/src/libvirtxml/stages';

/**
 * libvirt's order of stages (virsh define --validate, libvirt 9.0): of several problems it answers
 * the first of its earliest stage — the RelaxNG schema, the parse, the post-parse (the QEMU
 * driver's, each device's, the common checks, the PCI and USB addresses), then the validation.
 * Each fixture (test/fixtures/libvirtdomain/*-stage25-*) holds problems of two stages, or one of
 * the TPM backend and shared-memory refusals this round added, and was labelled by libvirt itself
 * (scripts/libvirt-label.ts --write qemu:///system --only stage25). bdm-lab's first error must be
 * libvirt's answer: its words, or for a schema refusal a finding of the schema stage.
 */

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: string; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const FILES = readdirSync(DIR).filter((f) => f.includes('-stage25-') && f.endsWith('.xml')).sort();
const SCHEMA = 'Element domain failed to validate content';
/** libvirt's words without its category's prefix. */
const words = (m: string) => m.replace(/^(XML error|internal error|unsupported configuration): /, '').replace(/\.$/, '');
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');

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

test('every stage25 fixture is labelled by libvirt and the set has both verdicts', () => {
  assert.ok(FILES.length >= 25, `${FILES.length} fixtures`);
  for (const f of FILES) assert.ok(labels[f], `${f} is labelled`);
  assert.deepEqual(FILES.filter((f) => labels[f]!.libvirt === 'refuses'), Object.keys(FIRST_RULE).sort());
  assert.ok(FILES.length - Object.keys(FIRST_RULE).length >= 6);
});

test("bdm-lab's first error is libvirt's answer: its words, or a schema finding for a schema refusal", () => {
  const wrong: string[] = [];
  for (const [f, rule] of Object.entries(FIRST_RULE)) {
    const { analysis, stages } = analyzeLibvirtXmlStaged(text(f));
    const i = analysis.problems.findIndex((p) => p.severity === 'error');
    const first = analysis.problems[i];
    const message = labels[f]!.message!;
    const ok = first !== undefined && first.id === rule && (message === SCHEMA ? stages[i] === 'schema' : first.message.includes(words(message)));
    if (!ok) wrong.push(`${f}: libvirt "${message}", bdm-lab first ${first ? `${first.id} (${stages[i]}) ${first.message}` : 'none'}`);
  }
  assert.deepEqual(wrong, []);
});

test('no accepted stage25 fixture gets an error', () => {
  for (const f of FILES.filter((x) => labels[x]!.libvirt === 'accepts')) {
    assert.deepEqual(analyzeLibvirtXml(text(f)).problems.filter((p) => p.severity === 'error').map((p) => p.message), [], f);
  }
});

test('problems come in the order of their stages, and every rule has one', () => {
  for (const r of RULES) assert.ok(r.id in RULE_STAGE, `${r.id} has a stage`);
  for (const f of FILES) {
    const { analysis, stages } = analyzeLibvirtXmlStaged(text(f));
    assert.equal(stages.length, analysis.problems.length, f);
    for (let i = 1; i < stages.length; i++) assert.ok(STAGE_RANK[stages[i - 1]!] <= STAGE_RANK[stages[i]!], `${f}: ${stages[i - 1]} before ${stages[i]}`);
  }
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
