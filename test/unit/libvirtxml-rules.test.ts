import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { RULES } from '../../server/src/libvirtxml/rules';

/** Helpers: a domain around some devices, and a file disk around some children. */
const dom = (devices: string, os = '') =>
  `<domain type="kvm"><name>t</name><memory>131072</memory><os><type>hvm</type>${os}</os><devices>\n${devices}\n</devices></domain>`;
const fdisk = (inner: string, dev = 'vda', bus = 'virtio', attrs = 'type="file" device="disk"') =>
  `<disk ${attrs}><source file="/var/lib/img/${dev}.img"/><target dev="${dev}" bus="${bus}"/>${inner}</disk>`;
const net = (protocol: string, inner: string, extra = '') =>
  `<disk type="network" device="disk"><source protocol="${protocol}" name="pool/vol"${extra}>${inner}</source><target dev="vdb" bus="virtio"/></disk>`;
const HOST = '<host name="10.0.0.1" port="6789"/>';
const UUID = '457eb676-33da-42ec-9a8c-9293d545c337';

function ids(xml: string): string[] {
  return analyzeLibvirtXml(xml).problems.map((p) => p.id);
}

/** One row per rule: documents that must raise it and documents that must not. */
const CASES: Record<string, { bad: string[]; good: string[] }> = {
  'LIBVIRT-XML-UNKNOWN-ELEMENT': { bad: [fdisk('<foo/>'), fdisk('<iotune><total_iops/></iotune>')], good: [fdisk('<iotune><total_iops_sec>100</total_iops_sec></iotune>')] },
  'LIBVIRT-XML-UNKNOWN-ATTRIBUTE': { bad: [fdisk('<driver name="qemu" cahce="none"/>'), fdisk('<boot orderr="1"/>')], good: [fdisk('<driver name="qemu" type="raw" cache="none"/>')] },
  'LIBVIRT-DISK-TYPE-VALUE': { bad: [fdisk('', 'vda', 'virtio', 'type="files"')], good: [fdisk('')] },
  'LIBVIRT-DISK-DEVICE-VALUE': { bad: [fdisk('', 'vda', 'virtio', 'type="file" device="disc"')], good: [fdisk('', 'vda', 'virtio', 'type="file"')] },
  'LIBVIRT-DISK-BUS-VALUE': { bad: [fdisk('', 'vda', 'vortio')], good: [fdisk('', 'sda', 'sata')] },
  'LIBVIRT-DISK-DRIVER-VALUE': {
    bad: [fdisk('<driver name="qemu" cache="bogus"/>'), fdisk('<driver type="rw"/>'), fdisk('<driver io="aio"/>'), fdisk('<driver discard="yes"/>')],
    good: [fdisk('<driver name="qemu" type="qcow2" cache="none" io="native" discard="unmap"/>')],
  },
  'LIBVIRT-DISK-PROTOCOL-VALUE': { bad: [net('cephfs', HOST)], good: [net('rbd', HOST)] },
  'LIBVIRT-XML-ATTR-VALUE': { bad: [fdisk('<address type="pcie"/>'), fdisk('<encryption format="luks3"/>')], good: [fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/>')] },
  'LIBVIRT-DISK-TARGET-MISSING': { bad: [dom('<disk type="file" device="disk"><source file="/a.img"/></disk>')], good: [dom(fdisk(''))] },
  'LIBVIRT-DISK-TARGET-DEV': {
    bad: [dom('<disk type="file"><source file="/a.img"/><target bus="virtio"/></disk>'), fdisk('', 'disk1')],
    good: [fdisk('', 'vdaa'), fdisk('', 'xvdb', 'xen')],
  },
  'LIBVIRT-DISK-SOURCE-ATTR': {
    bad: [
      '<disk type="file" device="disk"><source dev="/a.img"/><target dev="vda" bus="virtio"/></disk>',
      '<disk type="block" device="disk"><source file="/dev/sdb"/><target dev="vda" bus="virtio"/></disk>',
      '<disk type="volume" device="disk"><source pool="p"/><target dev="vda" bus="virtio"/></disk>',
      '<disk type="network" device="disk"><source name="p/v"><host name="h"/></source><target dev="vda" bus="virtio"/></disk>',
    ],
    good: [
      '<disk type="block" device="disk"><source dev="/dev/sdb"/><target dev="vda" bus="virtio"/></disk>',
      '<disk type="volume" device="disk"><source pool="p" volume="v"/><target dev="vda" bus="virtio"/></disk>',
      '<disk type="dir" device="disk"><source dir="/srv"/><target dev="hda" bus="ide"/></disk>',
    ],
  },
  'LIBVIRT-DISK-SOURCE-PATH': { bad: ['<disk type="file"><source file="a.img"/><target dev="vda" bus="virtio"/></disk>'], good: [fdisk('')] },
  'LIBVIRT-DISK-SOURCE-MISSING': {
    bad: ['<disk type="block" device="disk"><target dev="vda" bus="virtio"/></disk>', '<disk type="file"><source/><target dev="vda" bus="virtio"/></disk>'],
    good: ['<disk type="file" device="cdrom"><target dev="hdc" bus="ide"/><readonly/></disk>'],
  },
  'LIBVIRT-DISK-LUN-TYPE': {
    bad: ['<disk type="file" device="lun"><source file="/a"/><target dev="sda" bus="scsi"/></disk>'],
    good: ['<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>'],
  },
  'LIBVIRT-DISK-NETWORK-NAME': {
    bad: ['<disk type="network"><source protocol="rbd"><host name="h"/></source><target dev="vda" bus="virtio"/></disk>'],
    good: ['<disk type="network"><source protocol="nbd"><host name="h" port="10809"/></source><target dev="vda" bus="virtio"/></disk>'],
  },
  'LIBVIRT-DISK-NETWORK-HOST': { bad: [net('iscsi', ''), net('nbd', '')], good: [net('iscsi', '<host name="10.0.0.2" port="3260"/>'), net('rbd', '')] },
  'LIBVIRT-DISK-RBD-NO-HOST': { bad: [net('rbd', '')], good: [net('rbd', HOST)] },
  'LIBVIRT-DISK-PROTOCOL-REMOVED': { bad: [net('sheepdog', HOST)], good: [net('gluster', HOST)] },
  'LIBVIRT-DISK-AUTH-FIELDS': {
    bad: [
      net('rbd', HOST) .replace('<target', `<auth><secret type="ceph" uuid="${UUID}"/></auth><target`),
      net('rbd', HOST).replace('<target', `<auth username="c"><secret type="ceph"/></auth><target`),
      net('rbd', HOST).replace('<target', `<auth username="c"><secret type="ceph" uuid="${UUID}" usage="x"/></auth><target`),
    ],
    good: [net('rbd', HOST).replace('<target', `<auth username="c"><secret type="ceph" uuid="${UUID}"/></auth><target`)],
  },
  'LIBVIRT-DISK-AUTH-SECRET-TYPE': {
    bad: [
      net('rbd', HOST).replace('<target', `<auth username="c"><secret type="iscsi" uuid="${UUID}"/></auth><target`),
      net('iscsi', HOST, '').replace('<target', `<auth username="c"><secret type="ceph" uuid="${UUID}"/></auth><target`),
      net('nbd', HOST).replace('<target', `<auth username="c"><secret type="ceph" uuid="${UUID}"/></auth><target`),
      net('rbd', HOST).replace('<target', `<auth username="c"><secret type="passphrase" uuid="${UUID}"/></auth><target`),
    ],
    good: [net('iscsi', `${HOST}<auth username="u"><secret type="iscsi" usage="chap"/></auth>`)],
  },
  'LIBVIRT-DISK-STARTUP-POLICY': {
    bad: [net('rbd', HOST, ' startupPolicy="optional"'), '<disk type="file"><source file="/a" startupPolicy="requisite"/><target dev="vda" bus="virtio"/></disk>'],
    good: ['<disk type="file" device="cdrom"><source file="/a.iso" startupPolicy="requisite"/><target dev="hdc" bus="ide"/></disk>'],
  },
  'LIBVIRT-DISK-FLOPPY-BUS': {
    bad: [fdisk('', 'fda', 'usb', 'type="file" device="floppy"'), fdisk('', 'fda', 'fdc')],
    good: [fdisk('', 'fda', 'fdc', 'type="file" device="floppy"')],
  },
  'LIBVIRT-DISK-CDROM-BUS': { bad: [fdisk('', 'vdc', 'virtio', 'type="file" device="cdrom"')], good: [fdisk('', 'sdc', 'sata', 'type="file" device="cdrom"')] },
  'LIBVIRT-DISK-LUN-BUS': {
    bad: ['<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="hda" bus="ide"/></disk>'],
    good: ['<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>'],
  },
  'LIBVIRT-DISK-READONLY-BUS': { bad: [fdisk('<readonly/>', 'hda', 'ide'), fdisk('<readonly/>', 'sda', 'sata')], good: [fdisk('<readonly/>', 'hdc', 'ide', 'type="file" device="cdrom"'), fdisk('<readonly/>')] },
  'LIBVIRT-DISK-TARGET-PREFIX-BUS': { bad: [fdisk('', 'sda', 'virtio'), fdisk('', 'vda', 'scsi')], good: [fdisk('', 'sda', 'scsi'), fdisk('', 'sdb', 'usb'), fdisk('', 'hda', 'ide')] },
  'LIBVIRT-DISK-ADDRESS-TYPE-BUS': {
    bad: [fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>', 'hda', 'ide')],
    good: [fdisk('<address type="drive" controller="0" bus="0" target="0" unit="1"/>', 'sdb', 'scsi')],
  },
  'LIBVIRT-DISK-SERIAL-CHARS': { bad: [fdisk('<serial>vol/1</serial>')], good: [fdisk('<serial>0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01</serial>')] },
  'LIBVIRT-DISK-BOOT-ORDER-VALUE': { bad: [fdisk('<boot order="0"/>'), fdisk('<boot order="first"/>')], good: [fdisk('<boot order="2"/>')] },
  'LIBVIRT-DOMAIN-DUPLICATE-TARGET': { bad: [dom(fdisk('') + fdisk(''))], good: [dom(fdisk('') + fdisk('', 'vdb'))] },
  'LIBVIRT-DOMAIN-DUPLICATE-SERIAL': {
    bad: [dom(fdisk('<serial>abc</serial>') + fdisk('<serial>abc</serial>', 'vdb'))],
    good: [dom(fdisk('<serial>abc</serial>') + fdisk('<serial>abd</serial>', 'vdb'))],
  },
  'LIBVIRT-DOMAIN-DUPLICATE-BOOT-ORDER': {
    bad: [dom(fdisk('<boot order="1"/>') + '<interface type="network"><source network="default"/><boot order="1"/></interface>')],
    good: [dom(fdisk('<boot order="1"/>') + fdisk('<boot order="2"/>', 'vdb'))],
  },
  'LIBVIRT-DOMAIN-BOOT-MIXED': { bad: [dom(fdisk('<boot order="1"/>'), '<boot dev="hd"/>')], good: [dom(fdisk(''), '<boot dev="hd"/>'), dom(fdisk('<boot order="1"/>'))] },
  'LIBVIRT-DOMAIN-PCI-ADDRESS-DUP': {
    bad: [dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>') + fdisk('<address type="pci" domain="0" bus="0" slot="5" function="0"/>', 'vdb'))],
    good: [dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>') + fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x06" function="0x0"/>', 'vdb'))],
  },
  'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP': {
    bad: [dom(fdisk('<address type="drive" controller="0" bus="0" target="0" unit="0"/>', 'sda', 'scsi') + fdisk('<address type="drive" controller="0" bus="0" target="0" unit="0"/>', 'sdb', 'scsi'))],
    good: [dom(fdisk('<address type="drive" controller="0" bus="0" target="0" unit="0"/>', 'sda', 'scsi') + fdisk('<address type="drive" controller="0" bus="0" target="0" unit="1"/>', 'sdb', 'scsi'))],
  },
  'LIBVIRT-DISK-LUN-FORMAT': {
    bad: ['<disk type="block" device="lun"><driver name="qemu" type="qcow2"/><source dev="/dev/sdb"/><target dev="sdb" bus="scsi"/></disk>'],
    good: ['<disk type="block" device="lun"><driver name="qemu" type="raw"/><source dev="/dev/sdb"/><target dev="sdb" bus="scsi"/></disk>', '<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sdb" bus="scsi"/></disk>'],
  },
  'LIBVIRT-DISK-LUN-PROTOCOL': {
    bad: ['<disk type="network" device="lun"><driver name="qemu" type="raw"/><source protocol="rbd" name="volumes/v1"><host name="10.0.0.1" port="6789"/></source><target dev="sdb" bus="scsi"/></disk>'],
    good: ['<disk type="network" device="lun"><driver name="qemu" type="raw"/><source protocol="iscsi" name="iqn.2010-10.org.openstack:volume-1/1"><host name="10.0.0.1" port="3260"/></source><target dev="sdb" bus="scsi"/></disk>'],
  },
  'LIBVIRT-DISK-DIR-FAT': {
    bad: ['<disk type="dir" device="disk"><source dir="/tmp"/><target dev="vdb" bus="virtio"/></disk>', '<disk type="dir" device="disk"><driver name="qemu" type="fat"/><source dir="/tmp"/><target dev="vdb" bus="virtio"/></disk>'],
    good: ['<disk type="dir" device="disk"><driver name="qemu" type="fat"/><source dir="/tmp"/><target dev="vdb" bus="virtio"/><readonly/></disk>', '<disk type="dir" device="cdrom"><driver name="qemu" type="fat"/><source dir="/tmp"/><target dev="hdc" bus="ide"/></disk>'],
  },
  'LIBVIRT-DISK-TARGET-DEVICE-NAME': {
    bad: ['<disk type="file" device="disk"><source file="/var/lib/x.img"/><target dev="fda" bus="virtio"/></disk>', '<disk type="file" device="floppy"><source file="/var/lib/x.img"/><target dev="hda" bus="fdc"/></disk>'],
    good: ['<disk type="file" device="floppy"><source file="/var/lib/x.img"/><target dev="fda" bus="fdc"/></disk>', '<disk type="file" device="disk"><source file="/var/lib/x.img"/><target dev="xvda" bus="virtio"/></disk>'],
  },
  'LIBVIRT-DISK-TARGET-INDEX-BUS': {
    bad: ['<disk type="file" device="cdrom"><source file="/var/lib/x.iso"/><target dev="hde" bus="ide"/><readonly/></disk>', '<disk type="file" device="floppy"><source file="/var/lib/x.img"/><target dev="fdc" bus="fdc"/></disk>'],
    good: ['<disk type="file" device="cdrom"><source file="/var/lib/x.iso"/><target dev="hdd" bus="ide"/><readonly/></disk>', '<disk type="file" device="floppy"><source file="/var/lib/x.img"/><target dev="fdb" bus="fdc"/></disk>'],
  },
  'LIBVIRT-DISK-DRIVER-NAME': { bad: [fdisk('<driver name="tap"/>')], good: [fdisk('<driver name="qemu"/>')] },
  'LIBVIRT-DISK-IO-NATIVE-CACHE': {
    bad: [fdisk('<driver name="qemu" type="raw" cache="writeback" io="native"/>'), fdisk('<driver name="qemu" io="native"/>')],
    good: [fdisk('<driver name="qemu" cache="none" io="native"/>'), fdisk('<driver name="qemu" cache="directsync" io="native"/>'), fdisk('<driver cache="writeback" io="threads"/>')],
  },
  'LIBVIRT-DISK-SHAREABLE-CACHE': { bad: [fdisk('<driver name="qemu" cache="writeback"/><shareable/>')], good: [fdisk('<driver name="qemu" cache="none"/><shareable/>')] },
  'LIBVIRT-DISK-READONLY-SHAREABLE': { bad: [fdisk('<readonly/><shareable/>')], good: [fdisk('<shareable/>'), fdisk('<readonly/>')] },
};

test('every rule in the table has positive and negative cases', () => {
  for (const r of RULES) {
    assert.ok(CASES[r.id], `no cases for ${r.id}`);
    assert.ok(CASES[r.id].bad.length > 0 && CASES[r.id].good.length > 0, `${r.id} needs both kinds of case`);
  }
  for (const id of Object.keys(CASES)) assert.ok(RULES.some((r) => r.id === id), `cases for unknown rule ${id}`);
});

test('every rule row carries a fact, an upstream location and a distinct id', () => {
  const seen = new Set<string>();
  for (const r of RULES) {
    assert.match(r.id, /^LIBVIRT-(XML|DISK|DOMAIN)-[A-Z0-9-]+$/);
    assert.ok(!seen.has(r.id), `duplicate id ${r.id}`);
    seen.add(r.id);
    assert.ok(r.fact.length > 20 && r.upstream.length > 5, r.id);
  }
});

for (const [id, { bad, good }] of Object.entries(CASES)) {
  test(`${id}: raised`, () => {
    for (const xml of bad) assert.ok(ids(xml).includes(id), `${id} expected for ${xml}\n got ${ids(xml).join(', ')}`);
  });
  test(`${id}: not raised`, () => {
    for (const xml of good) assert.ok(!ids(xml).includes(id), `${id} not expected for ${xml}`);
  });
}

test('a finding points at the offending token', () => {
  const xml = fdisk('<driver name="qemu" cache="bogus"/>');
  const p = analyzeLibvirtXml(xml).problems.find((x) => x.id === 'LIBVIRT-DISK-DRIVER-VALUE')!;
  assert.equal(xml.substr(p.span.offset, p.span.length), 'bogus');
  assert.equal(p.severity, 'error');
  assert.match(p.message, /cache="bogus"/);
});

test("Nova's iSCSI and RBD disks from the attach spec have no problems", () => {
  const iscsi = `<disk type="block" device="disk">
  <driver name="qemu" type="raw" cache="none" io="native"/>
  <alias name="ua-0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01"/>
  <source dev="/dev/sdb"/>
  <target dev="vdb" bus="virtio"/>
  <serial>0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01</serial>
</disk>
`;
  const rbd = net('rbd', HOST).replace('<target', `<auth username="cinder"><secret type="ceph" uuid="${UUID}"/></auth><target`);
  assert.deepEqual(analyzeLibvirtXml(iscsi).problems, []);
  assert.deepEqual(analyzeLibvirtXml(rbd).problems, []);
});

test('the disks outline lists each disk with its span, target and type', () => {
  const xml = dom(fdisk('') + net('rbd', HOST));
  const { root, disks } = analyzeLibvirtXml(xml);
  assert.equal(root, 'domain');
  assert.deepEqual(disks.map((d) => [d.targetDev, d.bus, d.type, d.device]), [['vda', 'virtio', 'file', 'disk'], ['vdb', 'virtio', 'network', 'disk']]);
  assert.ok(xml.substr(disks[0].span.offset, disks[0].span.length).startsWith('<disk') && xml.substr(disks[0].span.offset, disks[0].span.length).endsWith('</disk>'));
});

test('a document that is not libvirt XML yields no rule findings', () => {
  const r = analyzeLibvirtXml('<network><name>x</name></network>');
  assert.equal(r.root, null);
  assert.deepEqual(r.problems, []);
});

test('every code the folder can raise has a fact and an upstream location', async () => {
  const { codeInfo } = await import('../../server/src/libvirtxml/rules');
  for (const id of [...RULES.map((r) => r.id), 'LIBVIRT-XML-WELLFORMED', 'LIBVIRT-XML-ENTITY-DECL', 'LIBVIRT-XML-MULTIPLE-ROOTS', 'LIBVIRT-SCHEMA', 'LIBVIRT-INTERNAL']) {
    assert.ok(codeInfo(id)?.fact, id);
  }
});

test('the libvirt XML domain imports neither vscode nor the LSP libraries', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = `${__dirname}/../../server/src/libvirtxml`;
  for (const f of readdirSync(dir)) {
    const src = readFileSync(`${dir}/${f}`, 'utf8');
    assert.doesNotMatch(src, /from ['"](vscode|vscode-languageserver[^'"]*)['"]/, f);
    // Prose may mention them; types and imports may not.
    assert.doesNotMatch(src, /(?:[:<|]\s*|import[^;]*\b)(Range|Position)\b/, f);
  }
});
