import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';

/**
 * libvirt's schema beside the disks (server/src/libvirtxml/schemaValues.ts): enumerated values,
 * typed numbers, an interface's or a channel's required attributes, a graphics listen address and
 * a host device's elements in one run. Each fixture (test/fixtures/libvirtdomain/*-hunt22-*) was
 * labelled by libvirt 9.0 itself (virsh define --validate on the QEMU driver, labels.json); every
 * refusal here is the schema's, "Element domain failed to validate content".
 */

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: string; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const errorsOf = (f: string) => analyzeLibvirtXml(readFileSync(join(DIR, f), 'utf8')).problems.filter((p) => p.severity === 'error');

/** refused fixture -> the rule and the words bdm-lab's finding carries */
const REFUSED: Record<string, [string, string]> = {
  'refuse-hunt22-memballoon-stats-period-0.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<stats period="0"> must be a positive integer'],
  'refuse-hunt22-rng-rate-bytes-0.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<rate bytes="0"> must be a positive integer'],
  'refuse-hunt22-vnc-port-abc.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<graphics port="abc"> must be an integer from -1 to 65535'],
  'refuse-hunt22-vnc-port-70000.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<graphics port="70000">'],
  'refuse-hunt22-virtio-serial-index-minus-1.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<controller index="-1"> must be a non-negative integer'],
  'refuse-hunt22-video-vram-lots.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<model vram="lots">'],
  'refuse-hunt22-interface-vlan-tag-5000.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<tag id="5000"> must be an integer from 0 to 4095'],
  'refuse-hunt22-interface-driver-queues-0.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<driver queues="0"> must be a positive integer'],
  'refuse-hunt22-bootmenu-timeout-70000.xml': ['LIBVIRT-XML-ATTR-NUMBER', '<bootmenu timeout="70000"> must be an integer from 0 to 65535'],
  'refuse-hunt22-spice-image-compression-zip.xml': ['LIBVIRT-XML-ATTR-VALUE', '<image compression="zip">'],
  'refuse-hunt22-serial-type-bogus.xml': ['LIBVIRT-XML-ATTR-VALUE', '<serial type="bogus">'],
  'refuse-hunt22-smm-state-yes.xml': ['LIBVIRT-XML-ATTR-VALUE', '<smm state="yes"> is not a value libvirt accepts; use one of on, off'],
  'refuse-hunt22-console-target-bogus.xml': ['LIBVIRT-XML-ATTR-VALUE', '<target type="bogus">'],
  'refuse-hunt22-clock-offset-bogus.xml': ['LIBVIRT-XML-ATTR-VALUE', '<clock offset="bogus">'],
  'refuse-hunt22-timer-present-maybe.xml': ['LIBVIRT-XML-ATTR-VALUE', '<timer present="maybe"> is not a value libvirt accepts; use one of yes, no'],
  'refuse-hunt22-interface-type-bogus.xml': ['LIBVIRT-XML-ATTR-VALUE', '<interface type="bogus">'],
  'refuse-hunt22-hostdev-type-bogus.xml': ['LIBVIRT-XML-ATTR-VALUE', '<hostdev type="bogus">'],
  'refuse-hunt22-interface-network-no-source.xml': ['LIBVIRT-DOMAIN-INTERFACE', "An <interface type='network'> needs a <source network='...'>"],
  'refuse-hunt22-interface-network-source-bridge.xml': ['LIBVIRT-DOMAIN-INTERFACE', "The <source> of an <interface type='network'> needs network='...'"],
  'refuse-hunt22-interface-bridge-source-network.xml': ['LIBVIRT-DOMAIN-INTERFACE', "The <source> of an <interface type='bridge'> needs bridge='...'"],
  'refuse-hunt22-interface-direct-no-source.xml': ['LIBVIRT-DOMAIN-INTERFACE', "An <interface type='direct'> needs a <source dev='...'>"],
  'refuse-hunt22-guestfwd-target-name.xml': ['LIBVIRT-DOMAIN-CHARDEV', "A channel <target type='guestfwd'> needs address='...' and port='...'"],
  'refuse-hunt22-virtio-channel-target-address.xml': ['LIBVIRT-DOMAIN-CHARDEV', "A channel <target type='virtio'> takes no address="],
  'refuse-hunt22-vnc-listen-with-port.xml': ['LIBVIRT-DOMAIN-GRAPHICS', '<graphics listen="localhost:5900"> is neither an IP address nor a host name'],
  'refuse-hunt22-hostdev-rom-between.xml': ['LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE', "<rom> stands between the <hostdev>'s <source>, <driver>"],
  'refuse-hunt22-hostdev-boot-between.xml': ['LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE', "<boot> stands between the <hostdev>'s <driver>, <source>"],
};

const ACCEPTED = [
  'accept-hunt22-memballoon-stats-period-10.xml',
  'accept-hunt22-rng-rate-1024-1000.xml',
  'accept-hunt22-vnc-port-minus-1.xml',
  'accept-hunt22-virtio-serial-ports-vectors.xml',
  'accept-hunt22-video-vram-16384.xml',
  'accept-hunt22-bootmenu-timeout-3000.xml',
  'accept-hunt22-interface-vlan-tag-4095.xml',
  'accept-hunt22-interface-driver-queues-2.xml',
  'accept-hunt22-spice-image-compression-auto-glz.xml',
  'accept-hunt22-smm-state-on.xml',
  'accept-hunt22-clock-timer-present-no.xml',
  'accept-hunt22-interface-network-source-network-bridge.xml',
  'accept-hunt22-interface-bridge-source-bridge.xml',
  'accept-hunt22-interface-direct-source-dev.xml',
  'accept-hunt22-guestfwd-target-address-port.xml',
  'accept-hunt22-vnc-listen-ipv6.xml',
  'accept-hunt22-vnc-listen-hostname.xml',
  'accept-hunt22-hostdev-rom-before-source.xml',
  'accept-hunt22-hostdev-rom-after-driver.xml',
];

test("libvirt's labels: the schema refuses each refused fixture, accepts each accepted one", () => {
  for (const f of Object.keys(REFUSED)) {
    assert.equal(labels[f]?.libvirt, 'refuses', f);
    assert.match(labels[f].message ?? '', /Element domain failed to validate content/, f);
  }
  for (const f of ACCEPTED) assert.equal(labels[f]?.libvirt, 'accepts', f);
});

for (const [f, [id, words]] of Object.entries(REFUSED)) {
  test(`${f}: ${id}`, () => {
    const errors = errorsOf(f);
    assert.ok(errors.some((p) => p.id === id && p.message.includes(words)), `${f}: want ${id} "${words}", got ${errors.map((p) => `${p.id} ${p.message}`).join(' | ') || 'none'}`);
  });
}

test('no error on the documents libvirt accepts', () => {
  for (const f of ACCEPTED) assert.deepEqual(errorsOf(f).map((p) => `${p.id} ${p.message}`), [], f);
});

test('a schema value or number that a dedicated rule already reports is said once', () => {
  // libvirt 9.0's schema has no itco watchdog model: LIBVIRT-DOMAIN-WATCHDOG says so, the schema-wide value check stays quiet
  const ids = errorsOf('refuse-watchdog-itco.xml').map((p) => p.id);
  assert.ok(ids.includes('LIBVIRT-DOMAIN-WATCHDOG'), ids.join(', '));
  assert.ok(!ids.includes('LIBVIRT-XML-ATTR-VALUE'), ids.join(', '));
});

test('values the schema leaves open, namespaced attributes and values with spaces around them are not judged', () => {
  const dom = (body: string) => `<domain type="qemu"><name>x</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os>${body}</domain>`;
  for (const body of ['<clock offset=" utc "/>', '<devices><interface type="network"><source network="default"/><model type="some-new-nic"/></interface></devices>', '<devices><graphics type="vnc" port=" 5901 "/></devices>', '<devices><controller type="usb" index="0" model="qemu-xhci" xmlns:x="urn:x" x:extra="1"/></devices>']) {
    const errors = analyzeLibvirtXml(dom(body)).problems.filter((p) => p.severity === 'error' && /ATTR-VALUE|ATTR-NUMBER/.test(p.id));
    assert.deepEqual(errors.map((p) => p.message), [], body);
  }
});
