import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { parseXmlFully } from '../../server/src/libvirtxml/parse';
import { buildView } from '../../server/src/libvirtxml/view';
import { controllerIndexes, controllers } from '../../server/src/libvirtxml/controllerChecks';
import { bestGrowth, describeGrowth } from './growth';

/**
 * Controllers written without index= take the index libvirt 9.0 gives them (the lowest free one of
 * their type once the domain is parsed, in document order: virsh define + dumpxml on a private
 * libvirtd), and the schema's lifecycle actions, graphics passwdValidTo and interface
 * <source mode>. Every fixture (test/fixtures/libvirtdomain/*-hunt23-*) was labelled by libvirt
 * itself (virsh define --validate on the QEMU driver, labels.json).
 */

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: string; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const errorsOf = (f: string) => analyzeLibvirtXml(readFileSync(join(DIR, f), 'utf8')).problems.filter((p) => p.severity === 'error');
const FILES = readdirSync(DIR).filter((f) => f.includes('-hunt23-') && f.endsWith('.xml')).sort();
const SCHEMA = 'Element domain failed to validate content';

test('the hunt23 fixtures are labelled, and named after the label', () => {
  assert.ok(FILES.length >= 100, `${FILES.length} fixtures`);
  for (const f of FILES) assert.equal(labels[f]?.libvirt, f.startsWith('accept-') ? 'accepts' : 'refuses', f);
});

test('bdm-lab agrees with libvirt on every hunt23 fixture, in libvirt\'s words where libvirt has its own', () => {
  for (const f of FILES) {
    const errors = errorsOf(f);
    if (labels[f].libvirt === 'accepts') {
      assert.deepEqual(errors.map((e) => `${e.id}: ${e.message}`), [], f);
      continue;
    }
    assert.ok(errors.length, `${f}: libvirt refuses (${labels[f].message}), bdm-lab reports nothing`);
    const words = labels[f].message!.replace(/^(XML error|internal error|unsupported configuration): /, '').replace(/\.$/, '');
    if (words === SCHEMA) assert.match(errors[0].message, /failed to validate content|is not a value libvirt accepts|"> must be (an?|a non-negative) /, f);
    else if (f.includes('lc-nl-')) assert.match(errors[0].message, /^unknown on_reboot action:/, f);
    else assert.ok(errors[0].message.includes(words), `${f}: libvirt says "${words}", bdm-lab first "${errors[0].message}"`);
  }
});

/** The controller cases bdm-lab missed while it read a controller without index= as having none. */
const CONTROLLER_CASES: Record<string, [string, string]> = {
  'refuse-hunt23-ctl-ide-second.xml': ['LIBVIRT-DOMAIN-CONTROLLER-MACHINE', 'Only a single IDE controller is supported'],
  'refuse-hunt23-ctl-ide-two-noindex.xml': ['LIBVIRT-DOMAIN-CONTROLLER-MACHINE', 'takes index 1'],
  'refuse-hunt23-ctl-usb-piix3-noindex-addr.xml': ['LIBVIRT-DOMAIN-CONTROLLER-MACHINE', 'PIIX3 USB controller at index 0 must have PCI address 0:0:1.2'],
  'refuse-hunt23-ctl-sata-noindex-addr.xml': ['LIBVIRT-DOMAIN-CONTROLLER-MACHINE', 'Primary SATA controller must have PCI address 0:0:1f.2'],
  'refuse-hunt23-ctl-usb-bus1-noindex.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'Missing USB bus 1'],
  'refuse-hunt23-ctl-usb-port3-noindex.xml': ['LIBVIRT-DOMAIN-USB-ADDRESS', 'requested USB port 3 not present on USB bus 0'],
  'refuse-hunt23-ctl-ncr-noindex-second.xml': ['LIBVIRT-DOMAIN-SCSI-CONTROLLER-MODEL', 'ncr53c90 can only be used as first SCSI controller'],
};

test('controllers without index= are judged at the index libvirt gives them', () => {
  for (const [f, [id, words]] of Object.entries(CONTROLLER_CASES)) {
    const hit = errorsOf(f).find((e) => e.id === id);
    assert.ok(hit && hit.message.includes(words), `${f}: ${errorsOf(f).map((e) => `${e.id}: ${e.message}`).join(' | ')}`);
  }
});

const doc = (devices: string) => `<domain type="qemu"><name>x</name><memory>1</memory><os><type arch="x86_64" machine="pc">hvm</type></os><devices>${devices}</devices></domain>`;
function indexes(devices: string): Array<number | null> {
  const view = buildView('domain', parseXmlFully(doc(devices)).root!);
  const all = controllerIndexes(view);
  return controllers(view).map((c) => all.get(c) ?? null);
}

test('the index libvirt gives: lowest free of the type, after every written one (virsh dumpxml)', () => {
  // an index-less controller before index="0" becomes 1, the next one 2 (dumpxml: 1, 0, 2)
  assert.deepEqual(indexes('<controller type="scsi"/><controller type="scsi" index="0"/><controller type="scsi"/>'), [1, 0, 2]);
  // lowest free, not above the highest: after index="2" alone it is 0
  assert.deepEqual(indexes('<controller type="scsi" index="2"/><controller type="scsi"/>'), [2, 0]);
  // the written index="1" after it still counts (dumpxml: 0, 2, 1)
  assert.deepEqual(indexes('<controller type="scsi" index="0"/><controller type="scsi"/><controller type="scsi" index="1"/>'), [0, 2, 1]);
  // each type counts on its own; an index= that is not a number stays unknown
  assert.deepEqual(indexes('<controller type="usb"/><controller type="scsi"/><controller type="usb"/><controller type="ide" index="x"/>'), [0, 0, 1, null]);
});

/** n index-less controllers of two types after n written ones at descending indexes (the free ones are found by one walk per type). */
function manyControllers(n: number): string {
  const written = Array.from({ length: n }, (_, i) => `<controller type="virtio-serial" index="${2 * (n - i)}"/>`).join('');
  const bare = '<controller type="virtio-serial"/><controller type="scsi" model="virtio-scsi"/>'.repeat(n);
  return doc(written + bare);
}

test('giving controllers their indexes grows linearly with the controllers', { timeout: 120_000 }, () => {
  const view = buildView('domain', parseXmlFully(manyControllers(3)).root!);
  assert.deepEqual(controllers(view).map((c) => controllerIndexes(view).get(c)), [6, 4, 2, 0, 0, 1, 1, 3, 2]);
  const g = bestGrowth(manyControllers, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('domain with n controllers without index=', 2000, g));
});
