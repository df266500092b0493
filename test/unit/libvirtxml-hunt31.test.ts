/**
 * Round 31: the parts of a domain the earlier rounds left alone (scripts/libvirt-hunt31-gen.ts, run
 * by scripts/libvirt-define-check.ts --hunt31 100 --first on seeds 3017-3028), and round 30's two
 * held-out leftovers: a passthrough <input> the schema gives bus="virtio" only (domain-3014-36),
 * and the virtio-serial ports libvirt assigns before any PCI address (domain-3016-48). Beside them:
 * names libvirt 9.0's schema does not define outside the disks (<async-teardown>), and shapes a
 * list of names cannot tell (qxl-only video RAM, a CPU feature's policy, topology numbers, a clock
 * adjustment, a feature written twice, absolute firmware and socket paths, a fw_cfg entry, a
 * virtualport or a vfio driver's attributes on an interface, bandwidth numbers, a backing chain's
 * type, format, path and links, an <auth> user name and secret UUID, an encryption secret's type);
 * the parser's <driver type="luks">, <cpu> (migratable=, features or a vendor without a model, a
 * feature twice) and interface checks (acpi index 0, an outbound floor, a virtualport's
 * parameters); the device checks of accel2d, a VGA's vram, a resolution, a VNC password, guest IP
 * addresses, coalescing, an isolated port, a vDPA model, a usb-net NIC without an address and a
 * CCID controller without USB; the onReboot/onPoweroff swap; <loader> autoselection after the
 * devices; and libvirt's words for a disk <encryption>'s <cipher>. Each fixture
 * (test/fixtures/libvirtxml-hunt31/) was labelled by libvirt 9.0 itself (virsh define --validate
 * on the QEMU driver; labels.json keeps its verdict and last line). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml, analyzeLibvirtXmlStaged } from '../../server/src/libvirtxml/analyze';
import { STAGE_RANK } from '../../server/src/libvirtxml/stages';
import { bestGrowth, describeGrowth } from './growth';

const DIR = join(__dirname, '..', 'fixtures', 'libvirtxml-hunt31');
const labels: Record<string, { libvirt: 'accepts' | 'refuses'; message?: string }> = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8'));
const files = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');
const SCHEMA = 'Element domain failed to validate content';

/** refused fixture → the rule of bdm-lab's first error (in libvirt's words, or a schema finding). */
const FIRST_RULE: Record<string, string> = {
  'refuse-auth-empty-username.xml': 'LIBVIRT-DISK-AUTH-FIELDS',
  'refuse-auth-secret-uuid-not-a-uuid.xml': 'LIBVIRT-DISK-AUTH-FIELDS',
  'refuse-backingstore-format-bogus.xml': 'LIBVIRT-DISK-BACKING-STORE',
  'refuse-backingstore-relative-source.xml': 'LIBVIRT-DISK-BACKING-STORE',
  'refuse-backingstore-twice.xml': 'LIBVIRT-DISK-BACKING-STORE',
  'refuse-backingstore-type-bogus.xml': 'LIBVIRT-DISK-BACKING-STORE',
  'refuse-ccid-with-usb-none.xml': 'LIBVIRT-DOMAIN-USB-DISABLED',
  'refuse-clock-adjustment-not-a-number.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-cpu-feature-twice-before-topology.xml': 'LIBVIRT-DOMAIN-CPU-DEFINITION',
  'refuse-cpu-feature-without-policy.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-cpu-features-without-model.xml': 'LIBVIRT-DOMAIN-CPU-DEFINITION',
  'refuse-cpu-migratable-on-custom.xml': 'LIBVIRT-DOMAIN-CPU-DEFINITION',
  'refuse-cpu-topology-sockets-0.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-cpu-vendor-without-model.xml': 'LIBVIRT-DOMAIN-CPU-DEFINITION',
  'refuse-driver-format-luks-before-boot-mixed.xml': 'LIBVIRT-DISK-FORMAT-QEMU',
  'refuse-egl-headless-gl-enable.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-encryption-cipher.xml': 'LIBVIRT-DISK-ENCRYPTION',
  'refuse-encryption-secret-ceph-before-boot-mixed.xml': 'LIBVIRT-DISK-ENCRYPTION',
  'refuse-features-async-teardown.xml': 'LIBVIRT-XML-UNKNOWN-ELEMENT',
  'refuse-graphics-dbus-p2p-and-address.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-graphics-listen-network-without-network.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-graphics-vnc-socket-relative.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-hyperv-vendor-id-13-chars.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-hyperv-vpindex-twice.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-ide-twice-before-loader-autoselection.xml': 'LIBVIRT-DOMAIN-CONTROLLER-MACHINE',
  'refuse-input-passthrough-no-bus.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-input-passthrough-ps2.xml': 'LIBVIRT-DOMAIN-INPUT-BUS',
  'refuse-interface-acpi-index-0.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-bridge-8021qbh-without-profileid.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-coalesce-on-user.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-guest-ip-on-bridge.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-inbound-average-x.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-interface-outbound-floor.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-usb-net-without-address.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-user-port-isolated.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-user-virtualport.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-interface-vdpa-e1000.xml': 'LIBVIRT-DOMAIN-INTERFACE',
  'refuse-interface-vfio-driver-queues.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-lifecycle-reboot-destroy-poweroff-restart.xml': 'LIBVIRT-DOMAIN-LIFECYCLE',
  'refuse-loader-relative-path.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-nvram-template-relative.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-os-boot-without-dev.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-scsi-queues-before-none-video-resolution.xml': 'LIBVIRT-DOMAIN-CONTROLLER-DRIVER',
  'refuse-sysinfo-fwcfg-file-and-value.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-video-accel2d.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-video-cirrus-resolution-before-scsi-queues.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-video-vga-ram.xml': 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
  'refuse-video-vga-vram-7.xml': 'LIBVIRT-DOMAIN-VIDEO-MODEL',
  'refuse-virtio-serial-no-free-port-on-named-controller.xml': 'LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS',
  'refuse-virtio-serial-port-beyond-ports-before-ide-slot.xml': 'LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS',
  'refuse-virtio-serial-port-occupied.xml': 'LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS',
  'refuse-vnc-password-9-chars.xml': 'LIBVIRT-DOMAIN-GRAPHICS',
};

const words = (m: string) => m.replace(/^(XML error|internal error|unsupported configuration|invalid argument|argument unsupported): /, '').replace(/\.$/, '');

test('every hunt31 fixture is labelled by libvirt and the refused ones are those listed', () => {
  assert.ok(files.length >= 72, `${files.length} fixtures`);
  for (const f of files) assert.ok(labels[f], `${f} is labelled`);
  assert.deepEqual(files.filter((f) => labels[f]!.libvirt === 'refuses'), Object.keys(FIRST_RULE).sort());
  for (const f of files) assert.equal(labels[f]!.libvirt, f.startsWith('refuse-') ? 'refuses' : 'accepts', f);
});

test("hunt31: bdm-lab's first error is libvirt's answer (its words, or a schema finding for a schema refusal)", () => {
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

test('no accepted hunt31 fixture gets an error', () => {
  for (const f of files.filter((x) => labels[x]!.libvirt === 'accepts')) {
    assert.deepEqual(analyzeLibvirtXml(text(f)).problems.filter((p) => p.severity === 'error').map((p) => p.message), [], f);
  }
});

test('problems of the hunt31 fixtures come in the order of their stages', () => {
  for (const f of files) {
    const { analysis, stages } = analyzeLibvirtXmlStaged(text(f));
    assert.equal(stages.length, analysis.problems.length, f);
    for (let i = 1; i < stages.length; i++) assert.ok(STAGE_RANK[stages[i - 1]!] <= STAGE_RANK[stages[i]!], `${f}: ${stages[i - 1]} before ${stages[i]}`);
  }
});

const domain = (devices: string) => `<domain type="qemu"><name>t</name><memory unit="MiB">64</memory><vcpu>1</vcpu><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${devices}</devices></domain>`;
const firstError = (xml: string) => analyzeLibvirtXml(xml).problems.find((p) => p.severity === 'error');
const WATCHDOG = { timeout: 120_000 };

test('n virtio channels without a port over controllers of one port: a new controller when all are full, in linear time', WATCHDOG, () => {
  // n controllers with ports="1" (port 0 only, which channels never take), then n channels without
  // an address and, last, one naming controller 0 without a port: libvirt 9.0 (n = 3) adds
  // controllers for the first n and refuses the last, "Unable to find a free port on virtio-serial controller 0"
  const many = (n: number) => domain(
    Array.from({ length: n }, (_, i) => `<controller type="virtio-serial" index="${i}" ports="1"/>`).join('')
    + Array.from({ length: n }, (_, i) => `<channel type="pty"><target type="virtio" name="org.example.c${i}"/></channel>`).join('')
    + '<channel type="pty"><target type="virtio" name="org.example.last"/><address type="virtio-serial" controller="0" bus="0"/></channel>',
  );
  assert.equal(firstError(many(3))?.message, 'Unable to find a free port on virtio-serial controller 0.');
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n virtio-serial controllers and channels', 2000, g));
});

test('n virtio channels on written ports: the port one past the controller\'s is refused, in linear time', WATCHDOG, () => {
  // ports="n": ports 1..n-1 are the controller's, the last channel names port n (libvirt 9.0, n = 3)
  const many = (n: number) => domain(
    `<controller type="virtio-serial" index="0" ports="${n}"/>`
    + Array.from({ length: n }, (_, i) => `<channel type="pty"><target type="virtio" name="org.example.c${i}"/><address type="virtio-serial" controller="0" bus="0" port="${i + 1}"/></channel>`).join(''),
  );
  assert.equal(firstError(many(3))?.message, 'virtio serial controller 0 does not have port 3.');
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n virtio channels on written ports', 2000, g));
});

test('n interfaces of shapes the schema refuses, each with a name it does not know: the first is refused, in linear time', WATCHDOG, () => {
  // every interface is a user one with a virtualport (a schema refusal) and an unknown attribute on its model
  const many = (n: number) => domain(Array.from({ length: n }, (_, i) => `<interface type="user"><model type="virtio" speed="${i}"/><virtualport type="openvswitch"/></interface>`).join(''));
  const first = analyzeLibvirtXmlStaged(many(3));
  const i = first.analysis.problems.findIndex((p) => p.severity === 'error');
  assert.equal(first.stages[i], 'schema');
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n interfaces with a virtualport and an unknown attribute', 2000, g));
});
