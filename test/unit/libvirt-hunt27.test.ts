import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml, analyzeLibvirtXmlStaged } from '../../server/src/libvirtxml/analyze';
import { STAGE_RANK } from '../../server/src/libvirtxml/stages';

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

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: string; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const FILES = readdirSync(DIR).filter((f) => f.includes('-stage27-') && f.endsWith('.xml')).sort();
const SCHEMA = 'Element domain failed to validate content';
const words = (m: string) => m.replace(/^(XML error|internal error|unsupported configuration): /, '').replace(/\.$/, '');
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');

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

test('every stage27 fixture is labelled by libvirt and the set has both verdicts', () => {
  assert.ok(FILES.length >= 10, `${FILES.length} fixtures`);
  for (const f of FILES) assert.ok(labels[f], `${f} is labelled`);
  assert.deepEqual(FILES.filter((f) => labels[f]!.libvirt === 'refuses'), Object.keys(FIRST_RULE).sort());
  assert.ok(FILES.some((f) => labels[f]!.libvirt === 'accepts'));
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

test('no accepted stage27 fixture gets an error', () => {
  for (const f of FILES.filter((x) => labels[x]!.libvirt === 'accepts')) {
    assert.deepEqual(analyzeLibvirtXml(text(f)).problems.filter((p) => p.severity === 'error').map((p) => p.message), [], f);
  }
});

test('problems of the stage27 fixtures come in the order of their stages', () => {
  for (const f of FILES) {
    const { analysis, stages } = analyzeLibvirtXmlStaged(text(f));
    assert.equal(stages.length, analysis.problems.length, f);
    for (let i = 1; i < stages.length; i++) assert.ok(STAGE_RANK[stages[i - 1]!] <= STAGE_RANK[stages[i]!], `${f}: ${stages[i - 1]} before ${stages[i]}`);
  }
});
