/**
 * Completion and hover over a whole domain, from libvirt's domain schema (domainCatalog.ts):
 * child elements valid where the cursor is, attributes not yet present, enumerated values of
 * attributes and of text, hovers that say what the schema allows; `<source>` under `<interface>`
 * is not `<source>` under `<disk>`; the hand-written <disk> catalogue keeps its descriptions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt } from '../../server/src/libvirtxml/completion';
import { hoverAt } from '../../server/src/libvirtxml/hover';
import { CATALOG } from '../../server/src/libvirtxml/catalog';
import { bestGrowth } from './growth';

/** A domain as virsh dumpxml writes one (q35, a disk, a NIC, USB/PCI controllers, VNC, a qemu: extension). */
const DOMAIN = `<domain type="kvm" xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0">
  <name>vm1</name>
  <uuid>1b6b1b7e-0a6c-4f5d-9a3e-8d1a2b3c4d5e</uuid>
  <memory unit="KiB">2097152</memory>
  <currentMemory unit="KiB">2097152</currentMemory>
  <memoryBacking>
    <hugepages/>
  </memoryBacking>
  <vcpu placement="static">2</vcpu>
  <os>
    <type arch="x86_64" machine="pc-q35-7.2">hvm</type>
    <boot dev="hd"/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <cpu mode="host-passthrough" check="none" migratable="on">
    <topology sockets="1" dies="1" cores="2" threads="1"/>
  </cpu>
  <clock offset="utc">
    <timer name="rtc" tickpolicy="catchup"/>
  </clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type="network" device="disk">
      <driver name="qemu" type="raw" cache="none"/>
      <source protocol="rbd" name="volumes/volume-1">
        <host name="10.0.0.1" port="6789"/>
      </source>
      <backingStore type="file">
        <format type="qcow2"/>
        <source file="/var/lib/base.qcow2"/>
      </backingStore>
      <target dev="vda" bus="virtio"/>
    </disk>
    <controller type="usb" index="0" model="qemu-xhci">
      <address type="pci" domain="0x0000" bus="0x02" slot="0x00" function="0x0"/>
    </controller>
    <interface type="network">
      <mac address="52:54:00:12:34:56"/>
      <source network="default"/>
      <model type="virtio"/>
      <address type="pci" domain="0x0000" bus="0x01" slot="0x00" function="0x0"/>
    </interface>
    <hostdev mode="subsystem" type="pci" managed="yes">
      <source>
        <address domain="0x0000" bus="0x06" slot="0x00" function="0x0"/>
      </source>
    </hostdev>
    <graphics type="vnc" port="-1" autoport="yes">
      <listen type="address"/>
    </graphics>
    <memballoon model="virtio"/>
  </devices>
  <qemu:commandline>
    <qemu:arg value="-newarg"/>
  </qemu:commandline>
</domain>
`;

/**
 * The cursor in DOMAIN: just after the `nth` occurrence of `after`, text inserted there first
 * (what the user is typing). Returns the text and the cursor offset.
 */
function at(after: string, typed = '', nth = 0): [string, number] {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = DOMAIN.indexOf(after, i + 1);
    assert.ok(i >= 0, `"${after}" (#${nth}) not in the domain`);
  }
  const cut = i + after.length;
  return [DOMAIN.slice(0, cut) + typed + DOMAIN.slice(cut), cut + typed.length];
}
/** The cursor in DOMAIN where `marked` (a piece of DOMAIN with one '|') has its '|'. */
function on(marked: string, nth = 0): [string, number] {
  const bar = marked.indexOf('|');
  const plain = marked.slice(0, bar) + marked.slice(bar + 1);
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = DOMAIN.indexOf(plain, i + 1);
    assert.ok(i >= 0, `"${plain}" (#${nth}) not in the domain`);
  }
  return [DOMAIN, i + bar];
}
const labels = (p: [string, number]) => completeAt(...p).map((c) => c.label);
const hover = (p: [string, number]) => hoverAt(...p)?.markdown ?? '';
const has = (got: string[], want: string[], where: string) => {
  for (const w of want) assert.ok(got.includes(w), `${where}: ${w} missing from ${got.join(' ')}`);
};
const hasNot = (got: string[], unwanted: string[], where: string) => {
  for (const w of unwanted) assert.ok(!got.includes(w), `${where}: ${w} offered`);
};

test('elements: the children libvirt\'s schema allows in each parent', () => {
  const inDomain = labels(at('<on_crash>destroy</on_crash>\n', '  <'));
  has(inDomain, ['name', 'memory', 'os', 'cpu', 'features', 'clock', 'devices', 'memoryBacking', 'on_crash', 'metadata', 'qemu:commandline', 'sysinfo', 'numatune'], '<domain>');
  hasNot(inDomain, ['disk', 'interface', 'source', 'type'], '<domain>');
  const inOs = labels(at('<boot dev="hd"/>\n', '    <'));
  has(inOs, ['type', 'boot', 'loader', 'nvram', 'kernel', 'initrd', 'cmdline', 'bootmenu', 'smbios'], '<os>');
  hasNot(inOs, ['devices', 'disk', 'source', 'model'], '<os>');
  has(labels(at('<topology sockets="1" dies="1" cores="2" threads="1"/>\n', '    <')), ['model', 'topology', 'feature', 'numa', 'cache', 'vendor'], '<cpu>');
  const inDevices = labels(at('<memballoon model="virtio"/>\n', '    <'));
  has(inDevices, ['disk', 'interface', 'controller', 'graphics', 'video', 'hostdev', 'serial', 'console', 'channel', 'input', 'memballoon', 'rng', 'tpm', 'watchdog', 'sound'], '<devices>');
  hasNot(inDevices, ['os', 'source', 'driver'], '<devices>');
  const inInterface = labels(at('<model type="virtio"/>\n', '      <'));
  has(inInterface, ['source', 'mac', 'model', 'target', 'driver', 'address', 'alias', 'boot', 'virtualport', 'bandwidth', 'vlan', 'link', 'mtu', 'rom', 'filterref', 'guest'], '<interface>');
  hasNot(inInterface, ['serial', 'iotune', 'readonly', 'listen', 'disk'], '<interface>');
  has(labels(at('<controller type="usb" index="0" model="qemu-xhci">\n', '      <')), ['address', 'driver', 'model', 'target', 'alias', 'master'], '<controller>');
  has(labels(at('<graphics type="vnc" port="-1" autoport="yes">\n', '      <')), ['listen', 'image', 'streaming', 'gl', 'channel'], '<graphics>');
  has(labels(at('<hugepages/>\n', '    <')), ['hugepages', 'nosharepages', 'locked', 'source', 'access', 'allocation', 'discard'], '<memoryBacking>');
  assert.deepEqual(labels(at('<qemu:arg value="-newarg"/>\n', '    <')).sort(), ['qemu:arg', 'qemu:env']);
  // what is typed narrows the list
  assert.deepEqual(labels(at('<model type="virtio"/>\n', '      <vir')), ['virtualport']);
  assert.deepEqual(labels(at('<boot dev="hd"/>\n', '    <ini')).sort(), ['init', 'initarg', 'initdir', 'initenv', 'initgroup', 'initrd', 'inituser']);
});

test('elements: nested elements of one name differ by where they stand (<source>, <address>, <target>, <driver>)', () => {
  // inside <source> of a hostdev: a PCI address; of an rbd disk: <host>
  has(labels(at('<hostdev mode="subsystem" type="pci" managed="yes">\n      <source>\n', '        <')), ['address'], 'hostdev source');
  hasNot(labels(at('<hostdev mode="subsystem" type="pci" managed="yes">\n      <source>\n', '        <')), ['cookies', 'readahead', 'slices', 'reservations'], 'hostdev source');
  has(labels(at('<source protocol="rbd" name="volumes/volume-1">\n', '        <')), ['host', 'auth', 'config', 'snapshot'], 'disk source');
  has(labels(at('<format type="qcow2"/>\n', '        <')), ['format', 'source', 'backingStore'], '<backingStore>');
  // attribute names of <source> by parent
  const ifSource = labels(on('<source network="default"|/>'));
  has(ifSource, ['bridge', 'dev', 'mode', 'portgroup'], 'interface source');
  hasNot(ifSource, ['network', 'file', 'protocol', 'pool', 'startupPolicy'], 'interface source');
  const diskSource = labels(on('<source protocol="rbd" name="volumes/volume-1"|>'));
  has(diskSource, ['file', 'dev', 'pool', 'startupPolicy', 'tls'], 'disk source');
  hasNot(diskSource, ['network', 'bridge', 'portgroup', 'protocol', 'name'], 'disk source');
  has(labels(on('<source file="/var/lib/base.qcow2"|/>')), ['dev', 'index', 'startupPolicy'], 'backingStore source');
  // <target> of a disk is the catalogue's; of an interface, the schema's
  has(labels(on('<target dev="vda" bus="virtio"|/>')), ['tray', 'removable', 'rotation_rate'], 'disk target');
  const ifTarget = labels(at('<model type="virtio"/>\n', '      <target '));
  has(ifTarget, ['dev', 'managed'], 'interface target');
  hasNot(ifTarget, ['bus', 'tray'], 'interface target');
  // <driver> of a controller
  const ctlDriver = labels(at('<controller type="usb" index="0" model="qemu-xhci">\n', '      <driver '));
  has(ctlDriver, ['queues', 'iothread'], 'controller driver');
  hasNot(ctlDriver, ['cache', 'discard', 'detect_zeroes'], 'controller driver');
});

test('attributes: the element\'s, without those present; enumerated values', () => {
  const iface = labels(on('<interface type="network"|>'));
  has(iface, ['trustGuestRxFilters', 'managed'], '<interface>');
  hasNot(iface, ['type'], '<interface> already has type');
  const gfx = labels(on('<graphics type="vnc" port="-1" autoport="yes"|>'));
  has(gfx, ['listen', 'passwd', 'keymap', 'websocket', 'sharePolicy'], '<graphics>');
  hasNot(gfx, ['type', 'port', 'autoport'], '<graphics>');
  assert.deepEqual(labels(on('<graphics type="vnc" port="-1" autoport="yes"|>')).filter((l) => l.startsWith('p')).sort(), ['p2p', 'passwd', 'passwdValidTo', 'powerControl'], 'port is present');
  const item = completeAt(...at('<graphics type="vnc" port="-1" autoport="yes"', ' pass')).find((c) => c.label === 'passwd');
  assert.equal(item?.insertText, 'passwd=""');
  assert.equal(item?.kind, 'attribute');
  // values
  has(labels(on('<controller type="|usb"')), ['usb', 'scsi', 'pci', 'virtio-serial', 'sata', 'ide'], 'controller type');
  has(labels(on('<controller type="usb" index="0" model="|qemu-xhci"')), ['qemu-xhci', 'nec-xhci', 'ich9-ehci1', 'pcie-root-port'], 'controller model');
  assert.deepEqual(labels(on('<cpu mode="|host-passthrough"')).sort(), ['custom', 'host-model', 'host-passthrough', 'maximum']);
  assert.deepEqual(labels(on('<cpu mode="host-passthrough" check="|none"')).sort(), ['full', 'none', 'partial']);
  has(labels(on('<graphics type="|vnc"')), ['vnc', 'spice', 'sdl', 'egl-headless'], 'graphics type');
  has(labels(on('<interface type="|network"')), ['network', 'bridge', 'direct', 'user', 'vhostuser', 'hostdev'], 'interface type');
  has(labels(on('<memballoon model="|virtio"')), ['virtio', 'xen', 'none'], 'memballoon model');
  has(labels(on('<type arch="|x86_64"')), ['x86_64', 'aarch64', 'ppc64le', 's390x'], 'os type arch');
  has(labels(on('<domain type="|kvm"')), ['kvm', 'qemu', 'xen', 'lxc'], 'domain type');
  has(labels(on('<timer name="|rtc"')), ['rtc', 'pit', 'hpet', 'kvmclock', 'tsc'], 'timer name');
  // free-form values offer nothing
  assert.deepEqual(labels(on('<mac address="|52:54')), []);
  assert.deepEqual(labels(on('<emulator>|/usr/bin')), []);
  // a value in text where the schema gives a choice
  assert.deepEqual(labels(on('<on_crash>|destroy')), ['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart']);
  has(labels(on('machine="pc-q35-7.2">|hvm')), ['hvm', 'xen', 'linux', 'exe'], 'os type text');
  assert.deepEqual(labels(on('<name>|vm1')), [], '<name> is free text');
});

test('the hand-written <disk> catalogue keeps its descriptions and behaviour inside <disk>', () => {
  const disk = completeAt(...at('<memballoon model="virtio"/>\n', '    <')).find((c) => c.label === 'disk');
  assert.equal(disk?.detail, CATALOG.disk.description);
  const cache = completeAt(...on('<driver name="qemu" type="raw" cache="|none"')).map((c) => c.label);
  assert.deepEqual(cache, ['default', 'none', 'writeback', 'writethrough', 'directsync', 'unsafe']);
  const none = completeAt(...on('<driver name="qemu" type="raw" cache="|none"')).find((c) => c.label === 'none');
  assert.match(none?.detail ?? '', /O_DIRECT/);
  const inDisk = completeAt(...at('<target dev="vda" bus="virtio"/>\n', '      <'));
  assert.equal(inDisk.find((c) => c.label === 'readonly')?.insertText, 'readonly/>');
  assert.equal(inDisk.find((c) => c.label === 'iotune')?.detail, CATALOG.iotune.description);
  assert.match(hover(on('<dri|ver name="qemu" type="raw" cache="none"/>')), /How the hypervisor opens the image/);
  // outside the disk, <driver> is not the disk's
  assert.doesNotMatch(hover(at('<model type="virtio"/>\n', '      <driver/>')), /How the hypervisor opens the image/);
});

test('elements the schema leaves empty are completed self-closed; elements with text are not', () => {
  const inFeatures = completeAt(...at('<apic/>\n', '    <'));
  assert.equal(inFeatures.find((c) => c.label === 'acpi')?.insertText, 'acpi/>');
  assert.equal(inFeatures.find((c) => c.label === 'pae')?.insertText, 'pae/>');
  const inDomain = completeAt(...at('<on_crash>destroy</on_crash>\n', '  <'));
  assert.equal(inDomain.find((c) => c.label === 'name')?.insertText, undefined);
  assert.equal(inDomain.find((c) => c.label === 'devices')?.insertText, undefined);
});

test('hover: what the schema allows on an element and an attribute, by where it stands', () => {
  const iface = hover(on('<inter|face type="network">'));
  assert.match(iface, /\*\*\\<interface>\*\*/);
  assert.match(iface, /libvirt 9\.0's domain schema|libvirt's domain schema/);
  assert.match(iface, /`type` \(15 values\)|`type`/);
  assert.match(iface, /`<source>`/);
  assert.match(iface, /`<virtualport>`/);
  const ifSource = hover(on('<sou|rce network="default"/>'));
  assert.match(ifSource, /`network`/);
  assert.match(ifSource, /in \\<interface>/);
  assert.doesNotMatch(ifSource, /`protocol`/);
  const diskSource = hover(on('<sou|rce protocol="rbd"'));
  assert.match(diskSource, /Where the data lives/, 'the catalogue describes the disk\'s <source>');
  const bsSource = hover(on('<sou|rce file="/var/lib/base.qcow2"/>'));
  assert.match(bsSource, /Where the data lives/, 'inside <disk> at any depth');
  assert.match(hover(on('<ac|pi/>')), /allows nothing inside it/);
  assert.match(hover(on('<on_cr|ash>destroy')), /coredump-restart/);
  assert.match(hover(on('<qemu:comm|andline>')), /xmlns:qemu="http:\/\/libvirt\.org\/schemas\/domain\/qemu\/1\.0"/);
  // attribute names and values
  const gfxType = hover(on('<graphics ty|pe="vnc"'));
  assert.match(gfxType, /graphics @type/);
  assert.match(gfxType, /`spice`/);
  assert.match(hover(on('<source network="def|ault"/>')), /free form/);
  assert.match(hover(on('<graphics type="v|nc"')), /One of the values/);
  const [bad, off] = [DOMAIN.replace('<graphics type="vnc"', '<graphics type="vns"'), DOMAIN.indexOf('<graphics type="vnc"') + 17];
  assert.match(hoverAt(bad, off)?.markdown ?? '', /\*\*type="vns"\*\* is not a value libvirt accepts/);
  assert.equal(hoverAt(bad, off)?.span.length, 3);
  // an end tag hovers like its start tag
  assert.equal(hover(on('</inter|face>')), iface);
  // what the schema does not know there: no hover
  assert.equal(hoverAt(DOMAIN.replace('<acpi/>', '<frobnicate/>'), DOMAIN.indexOf('<acpi/>') + 3), null);
  assert.equal(hover(on('<memballoon model="virtio"|/>')), '', 'no hover between attributes');
});

test('device XML on its own (virsh attach-device) and fragments complete too', () => {
  const end = (t: string): [string, number] => [t, t.length];
  has(labels(end('<interface type="bridge">\n  <')), ['source', 'mac', 'model'], 'a lone <interface>');
  has(labels(end('<interface type="bridge">\n  <source ')), ['bridge', 'network'], 'a lone <interface><source>');
  has(labels(end('<hostdev mode="subsystem" type="pci"><source><')), ['address'], 'a lone <hostdev>');
  has(labels(end('<os>\n  <')), ['type', 'loader', 'boot'], 'an <os> fragment');
  assert.deepEqual(labels(end('<frobnicate>\n  <')), [], 'nothing the schema does not know');
  assert.deepEqual(labels(end('<domain><devices><os>\n  <')), [], 'an element out of its place in a domain is not guessed at');
});

test('completion and hover at the end of a big domain grow linearly (no per-request derivation)', { timeout: 120_000 }, () => {
  // n devices of 4 elements each: 500 -> 2 000 elements, 1 000 -> 4 000
  const make = (n: number) => {
    const nic = '<interface type="network"><mac address="52:54:00:00:00:01"/><source network="default"/><model type="virtio"/></interface>\n';
    return `<domain type="kvm"><name>big</name><os><type>hvm</type></os><devices>\n${nic.repeat(n / 4)}<interface type="network"><source `;
  };
  const g = bestGrowth(make, (t) => {
    completeAt(t, t.length);
    completeAt(t, t.length - 8);
    hoverAt(t, t.length - 12);
  }, 2_000, 3);
  assert.ok(g.ratio < 3, `time at 2n / time at n = ${g.ratio.toFixed(2)} (linear about 2, quadratic about 4)`);
  const t = make(2_000);
  assert.ok(completeAt(t, t.length).some((c) => c.label === 'bridge'));
});
