import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';

/**
 * Whole-domain documents (test/fixtures/libvirtdomain/), each labelled by libvirt itself:
 * `virsh -c qemu:///system define --validate` (libvirt 9.0, QEMU driver), written to labels.json
 * by scripts/libvirt-label.ts --write and re-checked against libvirt by the live tier
 * (test/integration/libvirt-live.sh runs it with --check). Here, without libvirt: every document
 * libvirt refuses gets an error from bdm-lab, and no document libvirt accepts gets one.
 */

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: 'accepts' | 'refuses'; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const files = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

test('every fixture is labelled, and the set has both verdicts in number', () => {
  assert.deepEqual(Object.keys(labels).sort(), files);
  const refused = files.filter((f) => labels[f].libvirt === 'refuses');
  assert.ok(refused.length >= 40 && files.length - refused.length >= 30, `${refused.length} refused of ${files.length}`);
  for (const f of refused) assert.ok(labels[f].message, `${f}: libvirt's message is kept`);
});

test('every refusal is caught and no accepted document gets an error', () => {
  const missed: string[] = [];
  const falseErrors: string[] = [];
  for (const f of files) {
    const errors = analyzeLibvirtXml(readFileSync(join(DIR, f), 'utf8')).problems.filter((p) => p.severity === 'error');
    if (labels[f].libvirt === 'refuses' && errors.length === 0) missed.push(`${f}: ${labels[f].message}`);
    if (labels[f].libvirt === 'accepts' && errors.length) falseErrors.push(`${f}: ${errors.map((p) => `${p.id} ${p.message}`).join('; ')}`);
  }
  assert.deepEqual(missed, []);
  assert.deepEqual(falseErrors, []);
});

test("a domain-wide finding quotes libvirt's own words", () => {
  // the distinctive words of libvirt's message appear in ours, so a search for either finds both
  const words: Record<string, string> = {
    'refuse-scsi-duplicate-drive-address.xml': 'Found duplicate drive address',
    'refuse-disk-name-vs-scsi-hostdev.xml': "using disk target name 'sdb' conflicts with SCSI host device address",
    'refuse-iscsi-port-65536.xml': "port '65536' out of range",
    'refuse-pci-hostdev-twice.xml': 'Hostdev already exists in the domain configuration',
    'refuse-no-memory.xml': 'Memory size must be specified via <memory> or in the <numa> configuration',
    'refuse-dimm-on-node-2.xml': "can't add memory backend for guest node '2' as the guest has only '2' NUMA nodes configured",
    'refuse-numatune-static-without-nodeset.xml': "nodeset for NUMA memory tuning must be set if 'placement' is 'static'",
    'refuse-iothreadsched-beyond-count.xml': "Cannot find 'iothread' : 3",
    'refuse-vcpusched-overlap.xml': "'vcpusched' attributes 'vcpus' must not overlap",
    'refuse-seclabel-same-model-twice.xml': 'seclabel for model dac is already provided',
    'refuse-video-two-primary.xml': 'Only one primary video device is supported',
    'refuse-iscsi-auth-twice.xml': 'an <auth> definition already found for disk source',
  };
  for (const [f, w] of Object.entries(words)) {
    assert.ok(labels[f].message?.includes(w), `${f}: the label carries "${w}"`);
    const messages = analyzeLibvirtXml(readFileSync(join(DIR, f), 'utf8')).problems.map((p) => p.message);
    assert.ok(messages.some((m) => m.includes(w)), `${f}: no finding says "${w}" (got ${messages.join(' | ')})`);
  }
});
