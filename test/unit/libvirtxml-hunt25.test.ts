import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';

/**
 * The fifth define-time hunt: refusals the previous rounds left — a non-primary video of a model
 * other than qxl and virtio (vmvga, or a <video> without <model>, a cirrus one on x86), a later
 * <console> that is a serial one, "No free USB ports" with hubs (written or added by libvirt), a
 * channel without a target type, the schema's attribute mix-ups on evdev and passthrough
 * <input>s, and bhyve's ich7 sound card, for which libvirt finds no PCI bus ("Cannot
 * automatically add a new PCI bus for a device with connect flags 00", before validation). Every fixture (test/fixtures/libvirtdomain/*-hunt25-*) was labelled by libvirt 9.0
 * itself (virsh define --validate on the QEMU driver, labels.json via scripts/libvirt-label.ts
 * --write --only NAME).
 */

const DIR = join(__dirname, '..', 'fixtures', 'libvirtdomain');
const labels: Record<string, { libvirt: string; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const errorsOf = (text: string) => analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error');
const FILES = readdirSync(DIR).filter((f) => f.includes('-hunt25-') && f.endsWith('.xml')).sort();
const SCHEMA = 'Element domain failed to validate content';
/** libvirt's words without its category's prefix. */
const words = (m: string) => m.replace(/^(XML error|internal error|unsupported configuration): /, '').replace(/\.$/, '');

/** refused fixture → the rule of bdm-lab's first error. */
const FIRST_RULE: Record<string, string> = {
  'refuse-hunt25-video-vmvga-second.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-hunt25-video-no-model-second.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-hunt25-video-no-model-after-qxl.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-hunt25-video-no-model-second-no-arch.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-hunt25-console-second-serial.xml': 'LIBVIRT-DOMAIN-CHARDEV',
  'refuse-hunt25-console-second-no-target.xml': 'LIBVIRT-DOMAIN-CHARDEV',
  'refuse-hunt25-console-two-without-target-q35.xml': 'LIBVIRT-DOMAIN-CHARDEV',
  'refuse-hunt25-channel-target-no-type.xml': 'LIBVIRT-DOMAIN-CHARDEV',
  'refuse-hunt25-channel-no-target.xml': 'LIBVIRT-DOMAIN-CHARDEV',
  'refuse-hunt25-input-evdev-bus.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-input-evdev-no-dev.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-input-evdev-model-virtio.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-input-evdev-model-virtio-non-transitional.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-input-mouse-source-evdev.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-input-passthrough-grab.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-input-tablet-source-dev.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-hunt25-usb-unaddressed-hub-no-port.xml': 'LIBVIRT-DOMAIN-USB-ADDRESS',
  'refuse-hunt25-usb-hub-and-device-no-port.xml': 'LIBVIRT-DOMAIN-USB-ADDRESS',
  'refuse-hunt25-sound-ich7-pc.xml': 'LIBVIRT-DOMAIN-SOUND-MODEL',
  'refuse-hunt25-sound-ich7-q35-codec.xml': 'LIBVIRT-DOMAIN-SOUND-MODEL',
  'refuse-hunt25-sound-ich7-pci-address.xml': 'LIBVIRT-DOMAIN-SOUND-MODEL',
  // libvirt places PCI devices (post-parse) before it validates memory devices
  'refuse-hunt25-sound-ich7-before-dimm-node.xml': 'LIBVIRT-DOMAIN-SOUND-MODEL',
  'refuse-hunt25-dimm-node-missing-with-ich9.xml': 'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE',
};

test('every hunt25 fixture is labelled by libvirt and the set has both verdicts', () => {
  assert.ok(FILES.length >= 25, `${FILES.length} fixtures`);
  for (const f of FILES) assert.ok(labels[f], `${f} is labelled`);
  const refused = FILES.filter((f) => labels[f]!.libvirt === 'refuses');
  assert.deepEqual(refused, Object.keys(FIRST_RULE).sort());
  assert.ok(FILES.length - refused.length >= 10);
});

for (const f of FILES) {
  test(`hunt25 ${f}: bdm-lab's verdict and first reason are libvirt's`, () => {
    const label = labels[f]!;
    const errors = errorsOf(readFileSync(join(DIR, f), 'utf8'));
    if (label.libvirt === 'accepts') {
      assert.deepEqual(errors.map((p) => `${p.id}: ${p.message}`), []);
      return;
    }
    assert.ok(errors.length > 0, `libvirt refuses (${label.message}); bdm-lab reports no error`);
    assert.equal(errors[0]!.id, FIRST_RULE[f], errors.map((p) => `${p.id}: ${p.message}`).join(' | '));
    const w = words(label.message!);
    if (w === SCHEMA) assert.ok(errors[0]!.message.includes(SCHEMA), errors[0]!.message);
    else assert.ok(errors[0]!.message.includes(w), `first error "${errors[0]!.message}" lacks libvirt's "${w}"`);
  });
}

test('the hunt25 checks stay linear in the number of devices', { timeout: 120_000 }, () => {
  const each = "<console type='pty'><target type='virtio'/></console><video><model type='qxl'/></video>"
    + "<input type='evdev'><source dev='/dev/input/event1'/></input><input type='tablet' bus='usb'/><hub type='usb'/>"
    + "<channel type='pty'><target type='virtio'/></channel><sound model='ich9'/>";
  const make = (n: number) => `<domain type='qemu'><name>g</name><memory>131072</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><devices><controller type='usb' model='piix3-uhci'/>${each.repeat(n)}</devices></domain>`;
  const g = bestGrowth(make, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('the hunt25 device checks', 1000, g));
});
