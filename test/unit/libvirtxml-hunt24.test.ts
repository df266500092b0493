import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';

/**
 * The fourth define-time hunt (scripts/libvirt-define-check.ts --extras --platform --more --words
 * --first, seeds 2401-2406): SPICE TLS ports with qemu.conf's spice_tls off (libvirt's default),
 * the lifecycle actions under a rule id of their own, a schema refusal as bdm-lab's first error
 * (libvirt validates against its schema before it parses: <bios useserial> without a serial port
 * beside a schema number), and device kinds the generator reached late (what <devices> holds,
 * panic, shmem, PS/2 tablets, spiceport/dbus character devices, a second TPM). Every fixture
 * (test/fixtures/libvirtdomain/*-hunt24-*) was labelled by libvirt 9.0 itself (virsh define
 * --validate on the QEMU driver, labels.json via scripts/libvirt-label.ts --only hunt24).
 */

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: string; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const errorsOf = (f: string) => analyzeLibvirtXml(readFileSync(join(DIR, f), 'utf8')).problems.filter((p) => p.severity === 'error');
const FILES = readdirSync(DIR).filter((f) => f.includes('-hunt24-') && f.endsWith('.xml')).sort();
const SCHEMA = 'Element domain failed to validate content';
/** libvirt's words without its category's prefix. */
const words = (m: string) => m.replace(/^(XML error|internal error|unsupported configuration): /, '').replace(/\.$/, '');

/** refused fixture → the rule of bdm-lab's first error. */
const FIRST_RULE: Record<string, string> = {
  'refuse-hunt24-spice-tls-port.xml': 'LIBVIRT-DOMAIN-SPICE-TLS',
  'refuse-hunt24-spice-tls-port-autoport-no.xml': 'LIBVIRT-DOMAIN-SPICE-TLS',
  'refuse-hunt24-spice-tls-port-after-vnc.xml': 'LIBVIRT-DOMAIN-SPICE-TLS',
  'refuse-hunt24-useserial-reboot-timeout-70000.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-hunt24-useserial-stats-period-0.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-hunt24-useserial-bootmenu-timeout.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-hunt24-useserial-crypto.xml': 'LIBVIRT-DOMAIN-DEVICE-SET',
  'refuse-hunt24-crypto.xml': 'LIBVIRT-DOMAIN-DEVICE-SET',
  'refuse-hunt24-two-memballoons.xml': 'LIBVIRT-DOMAIN-DEVICE-SET',
  'refuse-hunt24-two-vsocks.xml': 'LIBVIRT-DOMAIN-DEVICE-SET',
  'refuse-hunt24-smartcard-one-certificate.xml': 'LIBVIRT-DOMAIN-DEVICE-SET',
  'refuse-hunt24-panic-isa-twice.xml': 'LIBVIRT-DOMAIN-PANIC',
  'refuse-hunt24-panic-pseries-x86.xml': 'LIBVIRT-DOMAIN-PANIC',
  'refuse-hunt24-panic-hyperv-address.xml': 'LIBVIRT-DOMAIN-PANIC',
  'refuse-hunt24-panic-isa-pci-address.xml': 'LIBVIRT-DOMAIN-PANIC',
  'refuse-hunt24-shmem-plain-server.xml': 'LIBVIRT-DOMAIN-SHMEM',
  'refuse-hunt24-shmem-doorbell-no-server.xml': 'LIBVIRT-DOMAIN-SHMEM',
  'refuse-hunt24-shmem-doorbell-size.xml': 'LIBVIRT-DOMAIN-SHMEM',
  'refuse-hunt24-input-tablet-ps2.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt24-spiceport-serial-no-spice.xml': 'LIBVIRT-DOMAIN-CHARDEV-CHANNEL',
  'refuse-hunt24-spiceport-parallel-vnc.xml': 'LIBVIRT-DOMAIN-CHARDEV-CHANNEL',
  'refuse-hunt24-dbus-serial-no-channel.xml': 'LIBVIRT-DOMAIN-CHARDEV-CHANNEL',
  'refuse-hunt24-spiceport-no-channel-with-spice.xml': 'LIBVIRT-DOMAIN-CHARDEV-CHANNEL',
  'refuse-hunt24-tpm-two.xml': 'LIBVIRT-DOMAIN-TPM',
  'refuse-hunt24-vnc-tlsport.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
  'refuse-hunt24-spice-websocket.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
  'refuse-hunt24-memory-devices-exceed.xml': 'LIBVIRT-DOMAIN-MEMORY-TOTAL',
  'refuse-hunt24-memory-devices-take-all.xml': 'LIBVIRT-DOMAIN-MEMORY-TOTAL',
  'refuse-hunt24-memory-device-no-numa.xml': 'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE',
  // the order libvirt answers in: a lun's protocol, then its format, then its bus; the domain's
  // shared memory, panic devices (the QEMU driver's whole-domain checks) before any disk's; the
  // character devices before the inputs, the graphics last
  'refuse-hunt24-lun-rbd-ide.xml': 'LIBVIRT-DISK-LUN-PROTOCOL',
  'refuse-hunt24-lun-vmdk-ide.xml': 'LIBVIRT-DISK-LUN-FORMAT',
  'refuse-hunt24-shmem-before-panic-and-lun.xml': 'LIBVIRT-DOMAIN-SHMEM',
  'refuse-hunt24-panic-before-lun.xml': 'LIBVIRT-DOMAIN-PANIC',
  'refuse-hunt24-spiceport-before-ps2-tablet.xml': 'LIBVIRT-DOMAIN-CHARDEV-CHANNEL',
  'refuse-hunt24-ps2-tablet-before-spice-tls.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
};

test('the hunt24 fixtures are labelled as their names say, and each refusal has its expected first rule', () => {
  assert.ok(FILES.length >= 49, `${FILES.length} fixtures`);
  for (const f of FILES) {
    assert.equal(labels[f]?.libvirt, f.startsWith('accept-') ? 'accepts' : 'refuses', f);
    if (f.startsWith('refuse-')) assert.ok(FIRST_RULE[f], `${f}: no expected rule`);
  }
});

test("bdm-lab's first error on each hunt24 fixture is libvirt's first reason (its words, or a schema finding)", () => {
  for (const f of FILES) {
    const errors = errorsOf(f);
    if (labels[f].libvirt === 'accepts') {
      assert.deepEqual(errors.map((e) => `${e.id}: ${e.message}`), [], f);
      continue;
    }
    assert.ok(errors.length, `${f}: libvirt refuses (${labels[f].message}), bdm-lab reports nothing`);
    assert.equal(errors[0].id, FIRST_RULE[f], `${f}: first ${errors[0].id}: ${errors[0].message}`);
    const w = words(labels[f].message!);
    if (w === SCHEMA) assert.match(errors[0].message, /failed to validate content|"> must be (an?|a non-negative) /, f);
    else if (f.includes('memory-devices-take-all')) assert.ok(errors[0].message.startsWith(w), `${f}: ${errors[0].message}`);
    else assert.ok(errors[0].message.includes(w), `${f}: libvirt says "${w}", bdm-lab first "${errors[0].message}"`);
  }
});

test('a schema number goes before <bios useserial> without a serial port (libvirt validates before it parses)', () => {
  const doc = (os: string, devices: string) => `<domain type="qemu"><name>x</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type>${os}</os><devices>${devices}</devices></domain>`;
  const first = (xml: string) => analyzeLibvirtXml(xml).problems.filter((p) => p.severity === 'error').map((p) => p.id);
  assert.deepEqual(first(doc('<bios useserial="yes" rebootTimeout="-2"/>', '')), ['LIBVIRT-XML-ATTR-NUMBER', 'LIBVIRT-DOMAIN-BIOS-SERIAL']);
  assert.deepEqual(first(doc('<bios useserial="yes"/>', '<video><model type="vga" vram="lots"/></video>')), ['LIBVIRT-XML-ATTR-NUMBER', 'LIBVIRT-DOMAIN-BIOS-SERIAL']);
  // the XML's own errors stay first
  assert.equal(analyzeLibvirtXml(doc('<bios useserial="yes" rebootTimeout="-2"/>', '<video>')).problems[0].id, 'LIBVIRT-XML-WELLFORMED');
});

test('the lifecycle actions have a rule of their own: every hunt23 lifecycle refusal is LIBVIRT-DOMAIN-LIFECYCLE', () => {
  const lc = readdirSync(DIR).filter((f) => f.startsWith('refuse-hunt23-lc-') && f.endsWith('.xml'));
  assert.ok(lc.length >= 15, `${lc.length} fixtures`);
  for (const f of lc) assert.deepEqual([...new Set(errorsOf(f).map((e) => e.id))], ['LIBVIRT-DOMAIN-LIFECYCLE'], f);
  for (const f of readdirSync(DIR).filter((f) => f.startsWith('accept-hunt23-lc-'))) assert.deepEqual(errorsOf(f), [], f);
});

test('the new device checks stay linear in the number of devices', { timeout: 120_000 }, () => {
  const make = (n: number) => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      parts.push(`<graphics type="spice" port="${5900 + (i % 100)}" tlsPort="${6000 + (i % 100)}"/>`, '<panic model="isa"/>', '<shmem name="s"><model type="ivshmem-doorbell"/></shmem>');
      parts.push('<input type="tablet" bus="ps2"/>', '<serial type="spiceport"/>', '<tpm model="tpm-tis"/>', '<memballoon model="virtio"/>', '<crypto/>');
    }
    return `<domain type="qemu"><name>g</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><devices>${parts.join('')}</devices></domain>`;
  };
  const g = bestGrowth(make, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('the hunt24 device checks', 1000, g));
});
