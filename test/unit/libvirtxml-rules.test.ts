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

const SCSI_CTL = '<controller type="scsi" index="0" model="virtio-scsi"/>';
const SCSI_ADDR = (controller: string, target: string, unit: string) => `<address type="drive" controller="${controller}" bus="0" target="${target}" unit="${unit}"/>`;
const DRIVE = (unit: number) => `<address type="drive" controller="0" bus="0" target="0" unit="${unit}"/>`;
const scsiHostdev = (host: number, unit: number, address = '') =>
  `<hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host${host}"/><address bus="0" target="0" unit="${unit}"/></source>${address}</hostdev>`;
const pciHostdev = (domain: string, bus: string, slot: string, fn: string) =>
  `<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="${domain}" bus="${bus}" slot="${slot}" function="${fn}"/></source></hostdev>`;
const usbHostdev = (source: string) => `<hostdev mode="subsystem" type="usb"><source>${source}</source></hostdev>`;
const CHAP = '<auth username="u"><secret type="iscsi" usage="x"/></auth>';
const LUKS = '<encryption format="luks"><secret type="passphrase" uuid="0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"/></encryption>';
/** A q35 domain around some devices. */
const Q35 = (devices: string) => `<domain type="kvm"><name>t</name><memory>131072</memory><os><type arch="x86_64" machine="q35">hvm</type></os><devices>${devices}</devices></domain>`;
/** A domain with top-level elements before <os>. */
const top = (elements: string, devices = '') => `<domain type="kvm"><name>t</name><memory>131072</memory>${elements}<os><type>hvm</type></os><devices>${devices}</devices></domain>`;
/** A domain for the platform rows: devices, <os> content, features (ACPI by default), <os> attributes, arch and machine. */
const ACPI = '<features><acpi/></features>';
const PLAT = (devices: string, os = '', features = ACPI, osAttrs = '', arch = 'x86_64', machine = 'q35') =>
  `<domain type="qemu"><name>t</name><memory>131072</memory><os${osAttrs}><type arch="${arch}" machine="${machine}">hvm</type>${os}</os>${features}<devices>${devices}</devices></domain>`;
/** A domain with two guest NUMA cells. */
const numaDom = (elements: string, devices = '') =>
  top(`<maxMemory slots="16" unit="KiB">1099511627776</maxMemory><vcpu>4</vcpu><cpu><numa><cell id="0" cpus="0-1" memory="65536"/><cell id="1" cpus="2-3" memory="65536"/></numa></cpu>${elements}`, devices);
const DIMM = (node: number) => `<memory model="dimm"><target><size unit="KiB">524288</size><node>${node}</node></target></memory>`;
const VIDEO = (type: string, attrs = '', inner = '') => `<video><model type="${type}"${attrs}/>${inner}</video>`;
const USB_NONE = '<controller type="usb" index="0" model="none"/>';
const IOT_DISK = (id: string, dev: string, bus: string) => `<disk type="file"><driver name="qemu" iothread="${id}"/><source file="/a.img"/><target dev="${dev}" bus="${bus}"/></disk>`;
/** A guest USB tablet at an address, and a USB hub at a port of bus 0. */
const TABLET = (address: string) => `<input type="tablet" bus="usb"><address type="usb" ${address}/></input>`;
const HUB = (port: string) => `<hub type="usb"><address type="usb" bus="0" port="${port}"/></hub>`;
const PCI_AT = (domain: string) => `<address type="pci" domain="${domain}" bus="0x00" slot="0x05" function="0x0"/>`;
const NUMA = (cells: string) => `<cpu><numa>${cells}</numa></cpu>`;
const SECLABEL_DISK = (labels: string) => `<disk type="file"><source file="/a.img">${labels}</source><target dev="vda" bus="virtio"/></disk>`;
const VHOST_DISK = '<disk type="vhostuser" device="disk"><driver name="qemu" type="raw"/><source type="unix" path="/tmp/vb.sock"/><target dev="vdb" bus="virtio"/></disk>';
/** Shared guest memory, a PCI address on a bus, two NUMA cells, hugepages, a secure-boot loader and an interface MAC. */
const SHARED = '<memoryBacking><access mode="shared"/></memoryBacking>';
const PCI_ON = (bus: string, slot: string, fn = '0x0') => `<address type="pci" domain="0x0000" bus="${bus}" slot="${slot}" function="${fn}"/>`;
const CELLS2 = '<vcpu>2</vcpu><cpu><numa><cell id="0" cpus="0" memory="65536"/><cell id="1" cpus="1" memory="65536"/></numa></cpu>';
const HUGE = (pages: string) => `<memoryBacking><hugepages>${pages}</hugepages></memoryBacking>`;
const SB = (machine: string, features: string, type = 'pflash') =>
  `<domain type="kvm"><name>t</name><memory>131072</memory><os><type arch="x86_64" machine="${machine}">hvm</type><loader readonly="yes" secure="yes" type="${type}">/usr/share/OVMF/OVMF_CODE_4M.ms.fd</loader></os><features><acpi/>${features}</features><devices></devices></domain>`;
const NIC_MAC = (mac: string) => `<interface type="user"><mac address="${mac}"/><model type="virtio"/></interface>`;
/** A vfio-pci mediated device with some attributes and children (uuid ending c, or another). */
const MDEV = (attrs: string, inner = '', last = 'c') => `<hostdev mode="subsystem" type="mdev" model="vfio-pci" ${attrs}><source><address uuid="53764d0e-85a0-42b4-af5c-2046b460b1d${last}"/></source>${inner}</hostdev>`;
const VIRTIOFS = '<filesystem type="mount" accessmode="passthrough"><driver type="virtiofs"/><source dir="/tmp"/><target dir="tag"/></filesystem>';

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
  'LIBVIRT-XML-ATTR-NUMBER': {
    bad: [fdisk('<driver name="qemu" queues="0"/>'), fdisk('<driver name="qemu" queue_size="x"/>'), '<disk type="file"><source file="/a.img"/><target dev="sda" bus="scsi" rotation_rate="0"/></disk>', fdisk('<blockio logical_block_size="4k"/>'), fdisk('<blockio logical_block_size="-512"/>'), fdisk('<driver name="qemu" queues=" 2 "/>'), fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x20" function="0x0"/>'), fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x0a" function="8"/>'), fdisk(SCSI_ADDR('0', '100', '0'), 'sda', 'scsi'), fdisk(SCSI_ADDR('0', '0', '100000'), 'sda', 'scsi'), fdisk(SCSI_ADDR('100', '0', '0'), 'sda', 'scsi'), fdisk(SCSI_ADDR('0', '0x1', '0'), 'sda', 'scsi'), dom(SCSI_CTL + scsiHostdev(0, 0, SCSI_ADDR('100', '0', '0'))), dom(SCSI_CTL + scsiHostdev(0, 0, SCSI_ADDR('0', '300', '8'))), dom(pciHostdev('0x0000', '0x06', '0x00', '0x0').replace('</hostdev>', '<address type="pci" domain="0x0000" bus="0x00" slot="0x20" function="0x0"/></hostdev>')), fdisk('<driver name="qemu" iothread="0"/>'), fdisk('<driver name="qemu" iothread="00"/>'), fdisk('<driver name="qemu" iothread="4294967296"/>')],
    good: [fdisk('<driver name="qemu" queues="4" queue_size="256" iothread="1"/>'), fdisk('<driver name="qemu" iothread="01"/>'), fdisk('<blockio logical_block_size="+4096"/>'), fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="31" function="0x7"/>'), dom(SCSI_CTL + fdisk(SCSI_ADDR('0', '99', '99999'), 'sda', 'scsi')), dom(SCSI_CTL + fdisk(SCSI_ADDR('99', '0', '0'), 'sda', 'scsi')), dom(SCSI_CTL + scsiHostdev(0, 0, SCSI_ADDR('99', '0', '5'))), dom(pciHostdev('0x0000', '0x06', '0x00', '0x0').replace('</hostdev>', '<address type="pci" domain="0x0000" bus="0x00" slot="0x1f" function="0x7"/></hostdev>'))],
  },
  'LIBVIRT-XML-ATTR-BLANKS': {
    bad: [fdisk('<driver name="qemu" cache="none "/>'), fdisk('<driver name="qemu" type=" raw"/>'), fdisk('', 'vda', 'virtio ', 'type="file" device="disk"'), top('<cpu mode="host-model "/>'), top('<clock offset="utc "/>'), dom('<memballoon model="virtio "/>'), dom('<controller type="scsi" index="0" model="virtio-scsi "/>')],
    good: [fdisk('<driver name="qemu" cache="none" io="native"/>'), top('<cpu mode="host-model"/><clock offset="utc"/>'), dom('<graphics type="vnc" autoport="yes "/>'), dom('<memballoon model="virtio"/>')],
  },
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
    bad: ['<disk type="file" device="lun"><source file="/a"/><target dev="sda" bus="scsi"/></disk>', '<disk type="vhostuser" device="lun"><source type="unix" path="/tmp/vb.sock"/><target dev="sda" bus="scsi"/></disk>'],
    good: ['<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>', '<disk type="bogus" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>'],
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
  'LIBVIRT-DISK-CDROM-BUS': { bad: [fdisk('', 'vdc', 'virtio', 'type="file" device="cdrom"'), '<disk type="file" device="cdrom"><target dev="vdc"/></disk>'], good: [fdisk('', 'sdc', 'sata', 'type="file" device="cdrom"')] },
  'LIBVIRT-DISK-LUN-BUS': {
    bad: ['<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="hda" bus="ide"/></disk>'],
    good: ['<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>'],
  },
  'LIBVIRT-DISK-READONLY-BUS': { bad: [fdisk('<readonly/>', 'hda', 'ide'), fdisk('<readonly/>', 'sda', 'sata')], good: [fdisk('<readonly/>', 'hdc', 'ide', 'type="file" device="cdrom"'), fdisk('<readonly/>')] },
  'LIBVIRT-DISK-BUS-OPTION': {
    bad: [
      '<disk type="file"><source file="/a.img"/><target dev="sda" bus="sata" removable="off"/></disk>',
      '<disk type="file"><source file="/a.img"/><target dev="vda" removable="on"/></disk>',
      '<disk type="file"><source file="/a.img"/><target dev="vda" bus="virtio" rotation_rate="1"/></disk>',
      '<disk type="file" device="cdrom"><target dev="sda" bus="scsi" rotation_rate="7200"/></disk>',
      '<disk type="file"><source file="/a.img"/><target dev="vda" bus="virtio" tray="open"/></disk>',
      fdisk('<wwn>5000c50015ea71ac</wwn>'),
      '<disk type="block" device="lun"><driver name="qemu" type="raw"/><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/><wwn>5000c50015ea71ac</wwn></disk>',
      fdisk('<vendor>ACME</vendor>', 'sda', 'sata'),
      fdisk('<geometry cyls="16383" heads="16" secs="63" trans="lba"/>', 'sda', 'scsi'),
      fdisk('<geometry cyls="16383" heads="16" secs="63"/>', 'sda', 'usb'),
      fdisk('<driver name="qemu" ats="off"/>', 'sda', 'scsi'),
      fdisk('<driver name="qemu" queues="2"/>', 'sda', 'sata'),
      fdisk('<serial>abc</serial>', 'sda', 'sd'),
      fdisk('<wwn>5000c5001</wwn>', 'sda', 'scsi'),
      '<disk type="block" device="lun"><driver name="qemu" type="raw"/><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/><serial>abc</serial></disk>',
      '<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/><vendor>ACME</vendor></disk>',
      fdisk('<driver name="qemu" event_idx="off"/>', 'hda', 'ide'),
      fdisk('<driver name="qemu" ioeventfd="on"/>', 'sda', 'scsi'),
      fdisk('', 'sda', 'scsi', 'type="file" model="virtio"'),
      '<disk type="file" model="virtio-non-transitional"><source file="/a.img"/><target dev="sdb"/></disk>',
      '<disk type="block" rawio="no"><source dev="/dev/sdb"/><target dev="vdb"/></disk>',
      '<disk type="block" device="cdrom" sgio="filtered"><source dev="/dev/sr0"/><target dev="sda" bus="scsi"/></disk>',
      '<disk type="block" device="lun" sgio="unfiltered"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>',
      '<disk type="block"><source dev="/dev/sdb"><reservations managed="yes"/></source><target dev="sdb" bus="scsi"/></disk>',
    ],
    good: [
      '<disk type="file" device="cdrom"><target dev="sda" bus="usb" removable="on"/></disk>',
      '<disk type="file"><source file="/a.img"/><target dev="sda" bus="sata" rotation_rate="1"/></disk>',
      '<disk type="file" device="floppy"><target dev="fda" bus="fdc" tray="open"/></disk>',
      fdisk('<wwn>5000c50015ea71ac</wwn>', 'hda', 'ide'),
      fdisk('<wwn>0x5000C50015EA71AC</wwn>', 'sda', 'scsi'),
      fdisk('<vendor>ACME</vendor><product>Disk</product>', 'sda', 'scsi'),
      fdisk('<geometry cyls="16383" heads="16" secs="63" trans="lba"/>', 'hda', 'ide'),
      fdisk('<geometry cyls="16383" heads="16" secs="63"/>'),
      fdisk('<geometry cyls="0" heads="0" secs="0" trans="lba"/>', 'sda', 'usb'),
      '<disk type="file"><source file="/a.img"/><target dev="vda" bus="virtio" tray="closed"/></disk>',
      fdisk('<driver name="qemu" ats="on" queues="4"/>'),
      fdisk('<driver name="qemu" event_idx="on" ioeventfd="off"/>', 'vdb', 'virtio', 'type="file" model="virtio-transitional"'),
      '<disk type="block" device="lun" rawio="yes" sgio="filtered"><source dev="/dev/sdb"><reservations managed="yes"/></source><target dev="sda" bus="scsi"/></disk>',
      '<disk type="block" device="lun" sgio="filtered"><source dev="/dev/sdb"/><target dev="vdb" bus="virtio"/></disk>',
    ],
  },
  'LIBVIRT-DISK-COPY-ON-READ-READONLY': {
    bad: ['<disk type="block" device="lun"><driver name="qemu" type="raw" copy_on_read="on"/><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/></disk>', fdisk('<driver name="qemu" copy_on_read="on"/>', 'fda', 'fdc', 'type="file" device="floppy"'), fdisk('<driver name="qemu" copy_on_read="on"/><readonly/>'), '<disk type="file" device="cdrom"><driver name="qemu" copy_on_read="on"/><target dev="sda" bus="sata"/></disk>'],
    good: [fdisk('<driver name="qemu" copy_on_read="on"/>'), fdisk('<driver name="qemu" copy_on_read="off"/><readonly/>')],
  },
  'LIBVIRT-DISK-SHAREABLE-FORMAT': {
    bad: ['<disk type="volume"><source pool="default" volume="v1"/><target dev="vdb" bus="virtio"/><shareable/></disk>', fdisk('<driver name="qemu" type="qcow2"/><shareable/>'), '<disk type="network"><driver name="qemu" type="vmdk"/><source protocol="rbd" name="a/b"/><target dev="vda" bus="virtio"/><shareable/></disk>'],
    good: [fdisk('<driver name="qemu" type="raw"/><shareable/>'), fdisk('<shareable/>'), fdisk('<driver name="qemu" type="qcow2"/><shareable/><readonly/>'), '<disk type="file" device="cdrom"><driver name="qemu" type="qcow2"/><target dev="sda" bus="sata"/><shareable/></disk>'],
  },
  'LIBVIRT-DISK-FORMAT-QEMU': {
    bad: [fdisk('<driver name="qemu" type="iso"/>'), fdisk('<driver name="qemu" type="fat"/>'), fdisk('<driver name="qemu" type="raw"><metadata_cache><max_size unit="MiB">8</max_size></metadata_cache></driver>'), fdisk('<driver name="qemu"><metadata_cache><max_size unit="KiB">1</max_size></metadata_cache></driver>'), '<disk><driver name="qemu" type="fat"/><source file="/a.img"/><target dev="vda" bus="virtio"/></disk>'],
    good: [fdisk('<driver name="qemu" type="raw"/>'), fdisk('<driver name="qemu" type="vmdk"/>'), fdisk('<driver name="qemu" type="qcow2"><metadata_cache><max_size unit="MiB">8</max_size></metadata_cache></driver>'), fdisk('<driver name="qemu" type="raw"><metadata_cache><max_size unit="MiB">0</max_size></metadata_cache></driver>'), '<disk type="dir" device="disk"><driver name="qemu" type="fat"/><source dir="/srv"/><target dev="vdb" bus="virtio"/><readonly/></disk>'],
  },
  'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP': {
    bad: [dom(SCSI_CTL + SCSI_CTL), dom('<controller type="sata" index="0"/><controller type="sata" index="00"/>'), dom('<controller type="usb" index="0" model="qemu-xhci"/><controller type="usb" index="0" model="piix3-uhci"/>')],
    good: [dom(SCSI_CTL + '<controller type="scsi" index="1" model="virtio-scsi"/><controller type="sata" index="0"/>'), dom('<controller type="usb" index="0" model="ich9-ehci1"/><controller type="usb" index="0" model="ich9-uhci1"><master startport="0"/></controller>')],
  },
  'LIBVIRT-DOMAIN-CONTROLLER-MACHINE': {
    bad: [
      Q35(fdisk('', 'hda', 'ide')),
      Q35('<controller type="ide" index="0"/>'),
      Q35('<disk type="file"><source file="/a.img"/><target dev="hda"/></disk>'),
      Q35('<disk type="file" device="cdrom"><target dev="fdb"/></disk>'),
      dom('<controller type="ide" index="1"/>'),
      dom('<controller type="ide" index="0"><address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/></controller>'),
      Q35('<controller type="sata" index="0"><address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/></controller>'),
    ],
    good: [
      dom(fdisk('', 'hda', 'ide')),
      Q35(fdisk('', 'sda', 'sata')),
      Q35('<controller type="sata" index="1"><address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/></controller>'),
      dom('<controller type="usb" index="0" model="qemu-xhci"><address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/></controller>'),
    ],
  },
  'LIBVIRT-DOMAIN-MACHINE-ADDRESS': {
    bad: [
      dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x01" function="0x0"/>')),
      dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x01" function="0x2"/>')),
      dom(fdisk('', 'hda', 'ide') + fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x01" function="0x1"/>')),
      Q35(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x1f" function="0x3"/>')),
      dom(fdisk('<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>')),
    ],
    good: [
      dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x01" function="0x1"/>')),
      dom('<controller type="usb" index="0" model="qemu-xhci"/>' + fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x01" function="0x2"/>')),
      Q35('<controller type="sata" index="0"><address type="pci" domain="0x0000" bus="0x00" slot="0x1f" function="0x2"/></controller>'),
      dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x1f" function="0x3"/>')),
    ],
  },
  'LIBVIRT-DOMAIN-CONTROLLER-MODEL': {
    bad: [dom('<controller type="scsi" index="0" model="virtio"/>'), dom('<controller type="usb" index="0" model="xhci"/>'), dom('<controller type="sata" index="0" model="ahci"/>'), dom('<controller type="pci" index="1" model="pcie-port"/>')],
    good: [dom(SCSI_CTL + '<controller type="usb" index="0" model="qemu-xhci"/><controller type="ide" index="0" model="piix3"/><controller type="pci" index="0" model="pci-root"/>')],
  },
  'LIBVIRT-DOMAIN-USB-ADDRESS-DUP': {
    bad: [dom(fdisk('<address type="usb" bus="0" port="1"/>', 'sda', 'usb') + fdisk('<address type="usb" bus="0" port="1"/>', 'sdb', 'usb')), dom(fdisk('<address type="usb" bus="0" port="1"/>', 'sda', 'usb') + '<input type="tablet" bus="usb"><address type="usb" bus="0" port="1.0"/></input>')],
    good: [dom(fdisk('<address type="usb" bus="0" port="1"/>', 'sda', 'usb') + fdisk('<address type="usb" bus="0" port="2"/>', 'sdb', 'usb') + fdisk('<address type="usb" bus="0" port="1.1"/>', 'sdc', 'usb'))],
  },
  'LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS': {
    bad: [
      dom('<controller type="virtio-serial" index="0" ports="0"/><channel type="pty"><target type="virtio" name="a.b"/><address type="virtio-serial" controller="0" bus="0" port="1"/></channel>'),
      dom('<channel type="pty"><target type="virtio" name="a.b"/><address type="virtio-serial" controller="0" bus="0" port="2"/></channel><channel type="pty"><target type="virtio" name="a.c"/><address type="virtio-serial" controller="0" bus="0" port="2"/></channel>'),
      dom('<controller type="virtio-serial" index="0" ports="1"/><channel type="pty"><target type="virtio" name="a.b"/><address type="virtio-serial" controller="0"/></channel>'),
    ],
    good: [
      dom('<controller type="virtio-serial" index="0" ports="0"/><channel type="pty"><target type="virtio" name="a.b"/></channel>'),
      dom('<controller type="virtio-serial" index="0" ports="2"/><channel type="pty"><target type="virtio" name="a.b"/><address type="virtio-serial" controller="0" bus="0" port="1"/></channel><channel type="pty"><target type="virtio" name="a.c"/><address type="virtio-serial" controller="1" bus="0" port="30"/></channel>'),
    ],
  },
  'LIBVIRT-DOMAIN-SCHEMA-SHAPE': {
    // each labelled "Element domain failed to validate content" (bad) or accepted (good) by libvirt 9.0 (test/fixtures/libvirtxml-hunt31/)
    bad: [dom('<video><model type="vga" ram="65536"/></video>'), dom('', '<boot/>'), top('<vcpu>2</vcpu><cpu><topology sockets="0" cores="2" threads="1"/></cpu>'), dom('<interface type="user"><model type="virtio"/><virtualport type="openvswitch"/></interface>'), dom('<graphics type="vnc" socket="relative.sock"/>')],
    good: [dom('<video><model type="qxl" ram="65536"/></video>'), dom('', '<boot dev="hd"/>'), top('<vcpu>2</vcpu><cpu><topology sockets="1" cores="2" threads="1"/></cpu>'), dom('<interface type="bridge"><source bridge="br0"/><model type="virtio"/><virtualport type="openvswitch"/></interface>')],
  },
  'LIBVIRT-DOMAIN-CPU-DEFINITION': {
    // labelled as qemu domains with virsh define --validate, libvirt 9.0 (test/fixtures/libvirtxml-hunt31/)
    bad: [top('<cpu mode="custom" migratable="on"><model>qemu64</model></cpu>'), top('<cpu><feature policy="require" name="vmx"/></cpu>'), top('<cpu mode="custom"><vendor>Intel</vendor></cpu>'), top('<cpu mode="host-model"><feature policy="require" name="x2apic"/><feature policy="disable" name="x2apic"/></cpu>')],
    good: [top('<cpu mode="host-model"><feature policy="disable" name="vmx"/></cpu>'), top('<cpu mode="maximum" migratable="on"/>')],
  },
  'LIBVIRT-DOMAIN-ALIAS-DUP': {
    bad: [dom(fdisk('<alias name="ua-vol1"/>') + fdisk('<alias name="ua-vol1"/>', 'vdb'))],
    good: [dom(fdisk('<alias name="ua-vol1"/>') + fdisk('<alias name="ua-vol2"/>', 'vdb')), dom(fdisk('<alias name="virtio-disk0"/>') + fdisk('<alias name="virtio-disk0"/>', 'vdb'))],
  },
  'LIBVIRT-DOMAIN-CONTROLLER-DRIVER': {
    bad: [dom('<controller type="scsi" index="0"><driver queues="2"/></controller>'), dom('<controller type="sata" index="0"><driver iothread="1"/></controller>'), top('<iothreads>1</iothreads>', '<controller type="scsi" index="0" model="virtio-scsi"><driver iothread="2"/></controller>')],
    good: [top('<iothreads>1</iothreads>', '<controller type="scsi" index="0" model="virtio-scsi"><driver queues="2" iothread="1"/></controller>'), dom('<controller type="sata" index="0"><driver queues="0" iothread="0"/></controller>')],
  },
  'LIBVIRT-DISK-DRIVE-ADDRESS-RANGE': {
    bad: [
      dom(scsiHostdev(0, 0, '<address type="drive" controller="0" bus="1" target="0" unit="0"/>')),
      dom(scsiHostdev(0, 0, '<address type="drive" controller="0" bus="0" target="1" unit="0"/>')),
      dom('<controller type="scsi" index="0" model="auto"/>' + scsiHostdev(0, 0, '<address type="drive" controller="0" bus="0" target="1" unit="0"/>')),
      // the first host device names controller 0 (added with the default model) before controller 1 (virtio-scsi)
      dom('<controller type="scsi" index="1" model="virtio-scsi"/>' + scsiHostdev(0, 1, '<address type="drive" controller="0" bus="0" target="1" unit="1"/>') + scsiHostdev(0, 2, '<address type="drive" controller="1" bus="0" target="0" unit="0"/>')),
      dom(fdisk('<address type="drive" controller="0" bus="1" target="0" unit="0"/>', 'sda', 'scsi')),
      dom(fdisk('<address type="drive" controller="0" bus="0" target="1" unit="0"/>', 'sda', 'scsi')),
      dom(fdisk('<address type="drive" controller="0" bus="0" target="1" unit="0"/>', 'sda', 'sata')),
      dom(fdisk('<address type="drive" controller="0" bus="1" target="0" unit="0"/>', 'fda', 'fdc', 'type="file" device="floppy"')),
      dom(fdisk('<address type="drive" controller="0" bus="0" target="7" unit="0"/>', 'fda', 'fdc', 'type="file" device="floppy"')),
      dom(fdisk('<address type="drive" controller="1" bus="0" target="0" unit="0"/>', 'fda', 'fdc', 'type="file" device="floppy"')),
      dom('<disk type="file" device="floppy"><target dev="fda"/><address type="drive" controller="0" bus="0" target="1" unit="0"/></disk>'),
    ],
    good: [
      // controller 0 is added for the host devices with the model written at the highest index they name
      dom('<controller type="scsi" index="1" model="virtio-scsi"/>' + scsiHostdev(0, 2, '<address type="drive" controller="1" bus="0" target="0" unit="0"/>') + scsiHostdev(0, 1, '<address type="drive" controller="0" bus="0" target="1" unit="1"/>')),
      dom('<controller type="scsi" index="1" model="virtio-scsi"/>' + scsiHostdev(0, 2, '<address type="drive" controller="1" bus="0" target="0" unit="0"/>') + fdisk('<address type="drive" controller="0" bus="0" target="1" unit="1"/>', 'sda', 'scsi')),
      dom(SCSI_CTL + scsiHostdev(0, 0, '<address type="drive" controller="0" bus="0" target="1" unit="0"/>')),
dom(SCSI_CTL + fdisk('<address type="drive" controller="0" bus="0" target="1" unit="0"/>', 'sda', 'scsi')), dom(fdisk('<address type="drive" controller="0" bus="0" target="0" unit="5"/>', 'sda', 'sata')), dom(fdisk('<address type="drive" controller="0" bus="0" target="0" unit="3"/>', 'fda', 'fdc', 'type="file" device="floppy"'))],
  },
  'LIBVIRT-DISK-TRANSIENT': {
    bad: [
      '<disk type="block"><source dev="/dev/sdb"/><target dev="vda" bus="virtio"/><transient/></disk>',
      fdisk('<transient/><readonly/>'),
      fdisk('<transient/>', 'fda', 'fdc', 'type="file" device="floppy"'),
      '<disk type="file" device="cdrom"><target dev="sda" bus="sata"/><transient/></disk>',
      fdisk('<transient shareBacking="yes"/>', 'sda', 'sata'),
      fdisk('<transient shareBacking="yes"/>', 'sda', 'sd'),
    ],
    good: [fdisk('<transient/>'), fdisk('<transient shareBacking="yes"/><shareable/>', 'sda', 'scsi'), fdisk('<transient shareBacking="yes"/>', 'sda', 'usb')],
  },
  'LIBVIRT-DISK-ENCRYPTION': {
    bad: [
      fdisk('<encryption format="qcow"><secret type="passphrase" uuid="0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"/></encryption>'),
      '<disk type="block" device="lun"><source dev="/dev/sdb"/><target dev="sda" bus="scsi"/>' + LUKS + '</disk>',
      fdisk('<encryption format="luks" engine="librbd"><secret type="passphrase" uuid="0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"/></encryption>'),
      fdisk('<driver name="qemu" type="vmdk"/>' + LUKS),
      '<disk type="volume"><source pool="default" volume="v1"/><target dev="vdb" bus="virtio"/>' + LUKS + '</disk>',
      fdisk('<driver name="qemu" type="raw"/>' + LUKS.replace('</encryption>', '<cipher name="aes" size="256" mode="xts" hash="sha256"/><ivgen name="plain64" hash="sha256"/></encryption>')),
      fdisk(LUKS.replace('passphrase', 'ceph')),
      fdisk(LUKS.replace('</encryption>', '<secret type="passphrase" usage="x"/></encryption>')),
    ],
    good: [fdisk(LUKS), fdisk('<encryption format="luks"><secret type="passphrase" usage="/a.img"/></encryption>'), fdisk('<encryption format="luks"/>'), net('rbd', HOST) .replace('</disk>', '<encryption format="luks" engine="librbd"><secret type="passphrase" uuid="0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"/></encryption></disk>')],
  },
  'LIBVIRT-DISK-RBD-NAME': {
    bad: [net('rbd', HOST).replace('pool/vol', 'volume-1'), net('rbd', HOST).replace('pool/vol', '/volume-1'), net('gluster', HOST).replace('pool/vol', 'vol')],
    good: [net('rbd', HOST), net('rbd', HOST).replace('pool/vol', 'pool/ns/volume-1')],
  },
  'LIBVIRT-DISK-NETWORK-HOSTS': {
    bad: [net('iscsi', HOST + HOST).replace('pool/vol', 'iqn.2010-10.org.openstack:volume-1/1'), net('nbd', HOST + HOST)],
    good: [net('rbd', HOST + HOST), net('gluster', HOST + HOST), net('iscsi', HOST).replace('pool/vol', 'iqn.2010-10.org.openstack:volume-1/1')],
  },
  'LIBVIRT-DISK-IOTUNE': {
    bad: [
      fdisk('<iotune><total_bytes_sec>1000</total_bytes_sec><read_bytes_sec>500</read_bytes_sec></iotune>'),
      fdisk('<iotune><total_iops_sec_max>10</total_iops_sec_max><write_iops_sec_max>5</write_iops_sec_max></iotune>'),
      fdisk('<iotune><group_name>g</group_name><total_bytes_sec>0</total_bytes_sec></iotune>'),
      fdisk('<iotune><total_bytes_sec>-1</total_bytes_sec></iotune>'),
      fdisk('<iotune><total_bytes_sec>1</total_bytes_sec><total_bytes_sec>2</total_bytes_sec></iotune>'),
      fdisk('<iotune><read_iops_sec>1000000000000001</read_iops_sec></iotune>'),
      fdisk('<iotune><total_bytes_sec>1000</total_bytes_sec><total_bytes_sec_max>1000000000000001</total_bytes_sec_max></iotune>'),
      fdisk('<iotune><total_bytes_sec> 100 </total_bytes_sec></iotune>'),
      fdisk('<iotune><read_iops_sec>\n200\n</read_iops_sec></iotune>'),
      fdisk('<iotune><total_bytes_sec_max_length>5\t</total_bytes_sec_max_length></iotune>'),
    ],
    good: [fdisk('<iotune><total_bytes_sec> 100</total_bytes_sec><read_iops_sec>\n\t50</read_iops_sec><group_name> g </group_name></iotune>'), fdisk('<iotune><total_bytes_sec>1000</total_bytes_sec><read_iops_sec>50</read_iops_sec><write_iops_sec>50</write_iops_sec><group_name>g</group_name></iotune>'), fdisk('<iotune><read_bytes_sec>1</read_bytes_sec><total_bytes_sec_max>2</total_bytes_sec_max></iotune>'), fdisk('<iotune><total_bytes_sec>1000000000000000</total_bytes_sec><total_bytes_sec_max>1000000000000000</total_bytes_sec_max><total_bytes_sec_max_length>1000000000000001</total_bytes_sec_max_length></iotune>')],
  },
  'LIBVIRT-DOMAIN-IOTUNE-GROUP': {
    bad: [dom(fdisk('<iotune><total_bytes_sec>10</total_bytes_sec><group_name>g</group_name></iotune>', 'vda') + fdisk('<iotune><total_bytes_sec>20</total_bytes_sec><group_name>g</group_name></iotune>', 'vdb'))],
    good: [dom(fdisk('<iotune><total_bytes_sec>10</total_bytes_sec><group_name>g</group_name></iotune>', 'vda') + fdisk('<iotune><total_bytes_sec>10</total_bytes_sec><read_iops_sec>0</read_iops_sec><group_name>g</group_name></iotune>', 'vdb'))],
  },
  'LIBVIRT-DISK-SOURCE-PROTOCOL-CHILD': {
    bad: [net('http', HOST + '<ssl verify="no"/>'), net('iscsi', HOST + '<snapshot name="s"/>'), net('nbd', HOST + '<timeout seconds="10"/>')],
    good: [net('https', HOST + '<ssl verify="no"/><cookies><cookie name="a">b</cookie></cookies>'), net('rbd', HOST + '<snapshot name="s"/>'), net('ftp', HOST + '<readahead size="65536"/>')],
  },
  'LIBVIRT-DISK-PROTOCOL-QEMU': {
    bad: ['<disk type="network" device="cdrom"><source protocol="tftp" name="/a.iso"><host name="10.0.0.1"/></source><target dev="sda" bus="sata"/></disk>'],
    good: ['<disk type="network" device="cdrom"><source protocol="ftp" name="/a.iso"><host name="10.0.0.1"/></source><target dev="sda" bus="sata"/></disk>'],
  },
  'LIBVIRT-DISK-HOST-NAME': {
    bad: [net('rbd', '<host port="6789"/>'), net('nbd', '<host transport="unix"/>'), net('nbd', '<host name=""/>'), net('rbd', '<host name="[fd00::11]" port="6789"/>'), net('rbd', '<host name="10.0.0.1:6789"/>'), net('rbd', '<host name="fe80::1%eth0"/>'), net('rbd', '<host name="ceph_mon1"/>'), net('rbd', '<host name="1::2::3"/>'), net('rbd', '<host name="1:2:3:4:5:6:7"/>')],
    good: [net('rbd', HOST), net('nbd', '<host transport="unix" socket="/run/nbd.sock"/>'), net('rbd', '<host name="fd00::12" port="6789"/><host name="2001:db8:0:0:0:0:0:1"/><host name="::ffff:10.0.0.1"/><host name="::"/><host name="mon1.example.com."/>'), net('rbd', '<host name="fd00::123456"/>')],
  },
  'LIBVIRT-DISK-TARGET-PREFIX-BUS': { bad: [fdisk('', 'sda', 'virtio'), fdisk('', 'vda', 'scsi')], good: [fdisk('', 'sda', 'scsi'), fdisk('', 'sdb', 'usb'), fdisk('', 'hda', 'ide')] },
  'LIBVIRT-DISK-ADDRESS-TYPE-BUS': {
    bad: [
      fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>', 'hda', 'ide'),
      fdisk('<address type="drive" controller="0" bus="0" target="0" unit="0"/>', 'vda', 'virtio'),
      fdisk('<address type="usb" bus="0" port="1"/>', 'vda', 'virtio'),
      fdisk('<address type="isa" iobase="0x300"/>', 'vdb', 'virtio'),
      '<disk type="file"><source file="/a.img"/><target dev="vdb"/><address type="dimm" slot="0"/></disk>',
    ],
    good: [fdisk('<address type="drive" controller="0" bus="0" target="0" unit="1"/>', 'sdb', 'scsi'), fdisk('<address type="virtio-mmio"/>'), fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x09" function="0x0"/>'), fdisk('<address type="isa"/>', 'xvda', 'xen')],
  },
  'LIBVIRT-DISK-NFS-IDENTITY': {
    bad: [net('nfs', '<host name="10.0.0.1"/>').replace('pool/vol', '/export/img')],
    good: [net('nfs', '<host name="10.0.0.1"/><identity/>').replace('pool/vol', '/export/img'), net('nfs', '<host name="10.0.0.1"/><identity user="qemu" group="qemu"/>')],
  },
  'LIBVIRT-DISK-VENDOR-PRODUCT': {
    bad: [fdisk('<vendor>ACME-VENDOR</vendor>', 'sda', 'scsi'), fdisk('<product>Cinder Volume 1234</product>', 'sda', 'scsi'), fdisk('<vendor>\nACME\n</vendor>', 'sda', 'scsi'), fdisk('<vendor>Aé</vendor>', 'sda', 'scsi')],
    good: [fdisk('<vendor>OpenStac</vendor><product>~~~~~~~~~~~~~~~~</product>', 'sda', 'scsi'), fdisk('<vendor>A&amp;B&lt;CDEF</vendor><product></product>', 'sda', 'scsi')],
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
    good: [
      dom(fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>') + fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x06" function="0x0"/>', 'vdb')),
      dom('<controller type="usb" index="0" model="none"><address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/></controller>' + fdisk('<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>')),
    ],
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
    bad: ['<disk type="file" device="disk"><source file="/var/lib/x.img"/><target dev="fda" bus="virtio"/></disk>', '<disk type="file" device="floppy"><source file="/var/lib/x.img"/><target dev="hda" bus="fdc"/></disk>', fdisk('', 'vd1'), fdisk('', 'vda1'), fdisk('', 'sdA', 'scsi')],
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
  // ---- domain-wide rows (domainRules.ts); each shape labelled by libvirt in test/fixtures/libvirtdomain ----
  'LIBVIRT-DISK-DRIVE-HOSTDEV-CONFLICT': {
    bad: [dom(`${SCSI_CTL}${fdisk('', 'sdb', 'scsi')}${scsiHostdev(0, 0, DRIVE(1))}`), dom(`${SCSI_CTL}${fdisk(DRIVE(3), 'sda', 'scsi')}${scsiHostdev(0, 0, DRIVE(3))}`)],
    good: [dom(`${SCSI_CTL}${fdisk('', 'sda', 'scsi')}${scsiHostdev(0, 0, DRIVE(1))}`), dom(`${SCSI_CTL}${fdisk('', 'sda', 'scsi')}${scsiHostdev(0, 0)}`)],
  },
  'LIBVIRT-DOMAIN-HOSTDEV-SCSI-ADDRESS-DUP': { bad: [dom(`${SCSI_CTL}${scsiHostdev(0, 0, DRIVE(2))}${scsiHostdev(1, 4, DRIVE(2))}`)], good: [dom(`${SCSI_CTL}${scsiHostdev(0, 0, DRIVE(2))}${scsiHostdev(1, 4, DRIVE(3))}`)] },
  'LIBVIRT-DOMAIN-HOSTDEV-DUPLICATE': {
    bad: [dom(pciHostdev('0x0000', '0x06', '0x12', '0x5') + pciHostdev('0', '6', '18', '5')), dom(usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>') + usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>')), dom(`${SCSI_CTL}${scsiHostdev(0, 5)}${scsiHostdev(0, 5)}`)],
    good: [dom(pciHostdev('0x0000', '0x06', '0x12', '0x5') + pciHostdev('0x0000', '0x06', '0x12', '0x6')), dom(usbHostdev('<address bus="14" device="6"/>') + usbHostdev('<address bus="14" device="7"/>')), dom(`${SCSI_CTL}${scsiHostdev(0, 5)}${scsiHostdev(1, 5)}`)],
  },
  'LIBVIRT-DISK-AUTH-TWICE': {
    bad: [net('iscsi', HOST + CHAP).replace('<source', CHAP + '<source'), `<disk type="file"><driver name="qemu" type="qcow2"/><source file="/a.qcow2">${LUKS}</source><target dev="vda" bus="virtio"/>${LUKS}</disk>`],
    good: [net('iscsi', HOST + CHAP), net('iscsi', HOST).replace('<source', CHAP + '<source'), `<disk type="file"><driver name="qemu" type="qcow2"/><source file="/a.qcow2">${LUKS}</source><target dev="vda" bus="virtio"/></disk>`],
  },
  'LIBVIRT-DISK-HOST-PORT': { bad: [net('iscsi', '<host name="h" port="65536"/>'), net('rbd', '<host name="h" port="99999"/>'), dom('<hostdev mode="subsystem" type="scsi"><source protocol="iscsi" name="iqn.2014-08.com.example:t/1"><host name="h" port="65536"/></source></hostdev>')], good: [net('iscsi', '<host name="h" port="65535"/>'), net('nbd', '<host name="h" port="0"/>')] },
  'LIBVIRT-DOMAIN-MEMORY-MISSING': {
    bad: ['<domain type="kvm"><name>t</name><os><type>hvm</type></os></domain>', '<domain type="kvm"><name>t</name><memory>0</memory><os><type>hvm</type></os></domain>'],
    good: [dom(''), `<domain type="kvm"><name>t</name><vcpu>2</vcpu><cpu><numa><cell id="0" cpus="0-1" memory="131072"/></numa></cpu><os><type>hvm</type></os></domain>`, fdisk('')],
  },
  'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE': {
    bad: [numaDom('', DIMM(2)), dom(DIMM(0)), top('<maxMemory slots="16" unit="KiB">1099511627776</maxMemory>'), numaDom('', '<memory model="dimm"><target><size unit="KiB">524288</size></target></memory>'), top('<vcpu>2</vcpu><cpu><numa><cell id="0" cpus="0-1" memory="131072"/></numa></cpu>', DIMM(0))],
    good: [numaDom('', DIMM(1)), numaDom('', DIMM(0) + DIMM(1)), numaDom('')],
  },
  'LIBVIRT-DOMAIN-NUMATUNE-NODESET': {
    bad: [top('<numatune><memory mode="strict" placement="static"/></numatune>'), top('<numatune><memory mode="interleave"/></numatune>'), top('<numatune><memory nodeset="3-1"/></numatune>'), top('<numatune><memory nodeset="0,^0"/></numatune>'), numaDom('<numatune><memnode cellid="2" mode="strict" nodeset="0"/></numatune>')],
    good: [top('<numatune><memory mode="strict" placement="auto"/></numatune>'), top('<numatune><memory mode="strict" nodeset="0-1,^1"/></numatune>'), numaDom('<numatune><memnode cellid="1" mode="strict" nodeset="0"/></numatune>')],
  },
  'LIBVIRT-DOMAIN-IOTHREADSCHED': {
    bad: [top('<iothreads>2</iothreads><cputune><iothreadsched iothreads="1-3" scheduler="fifo" priority="1"/></cputune>'), top('<cputune><iothreadsched iothreads="1" scheduler="idle"/></cputune>'), top('<iothreads>2</iothreads><iothreadids><iothread id="1"/><iothread id="5"/></iothreadids><cputune><iothreadsched iothreads="2" scheduler="idle"/></cputune>'), top('<iothreads>4</iothreads><cputune><iothreadsched iothreads="1-2" scheduler="idle"/><iothreadsched iothreads="2-3" scheduler="idle"/></cputune>')],
    good: [top('<iothreads>4</iothreads><cputune><iothreadsched iothreads="1-3" scheduler="fifo" priority="1"/><iothreadsched iothreads="4" scheduler="batch"/></cputune>'), top('<iothreads>2</iothreads><iothreadids><iothread id="1"/><iothread id="5"/></iothreadids><cputune><iothreadsched iothreads="5" scheduler="idle"/></cputune>')],
  },
  'LIBVIRT-DOMAIN-VCPUSCHED': {
    bad: [top('<vcpu>4</vcpu><cputune><vcpusched vcpus="0-1" scheduler="idle"/><vcpusched vcpus="1-2" scheduler="idle"/></cputune>'), top('<vcpu>2</vcpu><cputune><vcpusched vcpus="5" scheduler="idle"/></cputune>')],
    good: [top('<vcpu>4</vcpu><cputune><vcpusched vcpus="0-3,^1" scheduler="idle"/><vcpusched vcpus="1" scheduler="batch"/></cputune>')],
  },
  'LIBVIRT-DOMAIN-SECLABEL-MODEL': {
    bad: [top('<seclabel type="dynamic"/><seclabel type="none"/>'), top('<seclabel type="none" model="selinux"/><seclabel type="dynamic"/>'), top('<seclabel type="none" model="dac"/><seclabel type="none" model="dac"/>'), top('<seclabel type="static" relabel="no"><label>+107:+107</label></seclabel>')],
    good: [top('<seclabel type="none"/>'), top('<seclabel type="none" model="selinux"/><seclabel type="dynamic" model="dac"/>'), top('<seclabel type="dynamic"/>'), top('<seclabel type="static" model="dac" relabel="no"><label>+107:+107</label></seclabel>')],
  },
  'LIBVIRT-DOMAIN-VIDEO-NONE': { bad: [dom(VIDEO('none') + VIDEO('vga'))], good: [dom(VIDEO('none')), dom(VIDEO('qxl') + VIDEO('vga'))] },
  'LIBVIRT-DOMAIN-VIDEO-PRIMARY': { bad: [dom(VIDEO('vga', ' primary="yes"') + VIDEO('qxl', ' primary="yes"'))], good: [dom(VIDEO('qxl') + VIDEO('vga', ' primary="yes"'))] },
  'LIBVIRT-DOMAIN-VIDEO-RAMFB-ADDRESS': { bad: [dom(VIDEO('ramfb', '', '<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>'))], good: [dom(VIDEO('ramfb')), dom(VIDEO('vga', '', '<address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/>'))] },
  'LIBVIRT-DOMAIN-IOTHREAD-IDS': {
    bad: [top('<iothreads>2</iothreads><iothreadids><iothread id="1"/><iothread id="1"/></iothreadids>'), top('<iothreads>1</iothreads><iothreadids><iothread id="0"/></iothreadids>'), top('<iothreads>1</iothreads><cputune><iothreadpin iothread="2" cpuset="0"/></cputune>'), top('<iothreads>2</iothreads><cputune><iothreadpin iothread="1" cpuset="0"/><iothreadpin iothread="1" cpuset="1"/></cputune>'), top('<iothreads>1</iothreads>', IOT_DISK('2', 'vda', 'virtio')), top('<iothreads>1</iothreads>', IOT_DISK('1', 'sda', 'sata')), top('<iothreads>1</iothreads>', IOT_DISK('1', 'hdb', 'x').replace(' bus="x"', '')), IOT_DISK('3', 'vda', 'virtio')],
    good: [top('<iothreads>1</iothreads><iothreadids><iothread id="1"/><iothread id="2"/></iothreadids><cputune><iothreadpin iothread="2" cpuset="0"/></cputune>'), top('<iothreads>1</iothreads>', IOT_DISK('1', 'vda', 'virtio'))],
  },
  'LIBVIRT-DOMAIN-VCPU': {
    bad: [top('<vcpu current="4">2</vcpu>'), top('<vcpu>2</vcpu><cputune><vcpupin vcpu="1" cpuset="0"/><vcpupin vcpu="1" cpuset="1"/></cputune>'), top('<vcpu>0</vcpu>'), top('<vcpu> 2 </vcpu>'), top('<vcpu current="0">2</vcpu>')],
    good: [top('<vcpu current="2">4</vcpu><cputune><vcpupin vcpu="0" cpuset="0"/><vcpupin vcpu="1" cpuset="0"/></cputune>'), top('<vcpu>2</vcpu><cputune><vcpupin vcpu="2" cpuset="0"/></cputune>')],
  },
  'LIBVIRT-DOMAIN-USB-DISABLED': {
    bad: [dom(USB_NONE + '<input type="tablet" bus="usb"/>'), dom(USB_NONE + '<hub type="usb"/>'), dom(USB_NONE + usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>')), dom(USB_NONE + '<redirdev bus="usb" type="spicevmc"/>'), dom(USB_NONE + fdisk('', 'sda', 'usb')), dom(USB_NONE + '<controller type="usb" index="1" model="piix3-uhci"/>')],
    good: [dom(USB_NONE + '<input type="mouse" bus="ps2"/><input type="tablet" bus="virtio"/>'), dom('<input type="tablet" bus="usb"/>'), dom('<controller type="usb" index="2" model="none"/>' + fdisk('', 'sda', 'usb'))],
  },
  'LIBVIRT-DOMAIN-VIDEO-MODEL': {
    bad: [dom('<video><model type="xen"/></video>'), dom('<video><model type="gop"/></video>'), dom(VIDEO('qxl') + VIDEO('vga')), dom(VIDEO('qxl') + VIDEO('ramfb')), dom(VIDEO('qxl') + VIDEO('bochs')), dom(VIDEO('vga', ' heads="2"')), dom(VIDEO('cirrus', ' heads="2"')), dom(VIDEO('qxl', '', '').replace('/>', '><acceleration accel3d="yes"/></model>').replace('</video>', '</video>'))],
    good: [dom(VIDEO('vga') + VIDEO('qxl')), dom(VIDEO('qxl') + VIDEO('virtio')), dom(VIDEO('qxl') + VIDEO('cirrus', ' primary="yes"')), dom(VIDEO('qxl', ' heads="2"')), dom(VIDEO('virtio', '', '').replace('/>', '><acceleration accel3d="yes"/></model>')), dom(VIDEO('vga', ' heads="1"'))],
  },
  'LIBVIRT-DISK-IDE-ADDRESS': {
    bad: [
      dom(fdisk('<address type="drive" controller="1" bus="0" target="0" unit="0"/>', 'hda', 'ide')),
      dom(fdisk('<address type="drive" controller="0" bus="0" target="1" unit="0"/>', 'hda', 'ide')),
      dom('<disk type="file" device="cdrom"><target dev="hdc"/><address type="drive" controller="0" bus="1" target="7" unit="0"/></disk>'),
      dom('<disk type="file" device="cdrom"><target dev="fda"/><address type="drive" controller="1" bus="0" target="0" unit="0"/></disk>'),
    ],
    good: [dom(fdisk('<address type="drive" controller="0" bus="1" target="0" unit="1"/>', 'hdz', 'ide')), dom(`${SCSI_CTL}${fdisk('<address type="drive" controller="1" bus="0" target="1" unit="0"/>', 'sda', 'scsi')}`)],
  },
  'LIBVIRT-DOMAIN-SECLABEL-TYPE': {
    bad: [top('<seclabel type="dynamic" model="selinux" relabel="no"/>'), top('<seclabel type="static" model="selinux" relabel="yes"/>'), top('<seclabel type="none" model="selinux" relabel="yes"/>'), top('<seclabel type="none" model="dac"><label>a:b</label></seclabel>')],
    good: [top('<seclabel type="dynamic" model="selinux" relabel="yes"><baselabel>a:b:c:d</baselabel></seclabel>'), top('<seclabel type="static" model="dac" relabel="no"><label>+0:+0</label></seclabel>'), top('<seclabel type="none" model="selinux" relabel="no"/>')],
  },
  'LIBVIRT-XML-NEWER-THAN-9': {
    bad: [fdisk('<driver name="qemu" type="qcow2" discard_no_unref="on"/>'), fdisk('<blockio discard_granularity="4096"/>'), fdisk('<driver name="qemu"><iothreads><iothread id="1"/></iothreads></driver>')],
    good: [fdisk('<driver name="qemu" type="qcow2" discard="unmap" packed="on" page_per_vq="on"><metadata_cache><max_size unit="bytes">1024</max_size></metadata_cache></driver>'), fdisk('<blockio logical_block_size="512" physical_block_size="4096"/>'), top('<iothreads>2</iothreads>')],
  },
  'LIBVIRT-DISK-BACKING-STORE': {
    bad: [
      fdisk('<backingStore type="file"><source file="/b.img"/></backingStore>'),
      fdisk('<backingStore type="file"/>'),
      fdisk('<backingStore index="1"/>'),
      fdisk('<backingStore type="block"><format type="raw"/></backingStore>'),
      fdisk('<backingStore type="file"><format type="qcow2"/><source file="/b.img"/><backingStore type="file"><source file="/c.img"/></backingStore></backingStore>'),
    ],
    good: [fdisk('<backingStore/>'), fdisk('<backingStore> </backingStore>'), fdisk('<backingStore><format type="raw"/><source file="/b.img"/></backingStore>'), fdisk('<backingStore type="file"><format type="qcow2"/><source file="/b.img"/><backingStore type="file"><format type="raw"/><source file="/c.img"/></backingStore></backingStore>')],
  },
  'LIBVIRT-DISK-SOURCE-SECLABEL': {
    bad: [SECLABEL_DISK('<seclabel model="dac" relabel="no"><label>+0:+0</label></seclabel>'), SECLABEL_DISK('<seclabel relabel="no"><label>x</label></seclabel>'), SECLABEL_DISK('<seclabel model="dac"/>'), SECLABEL_DISK('<seclabel/>'), SECLABEL_DISK('<seclabel model="dac" relabel="no"><imagelabel>x</imagelabel></seclabel>'), SECLABEL_DISK('<seclabel model="dac" labelskip="yes"><label>x</label></seclabel>'), SECLABEL_DISK('<seclabel model="dac" relabel="maybe"/>')],
    good: [SECLABEL_DISK('<seclabel model="dac" relabel="no"/>'), SECLABEL_DISK('<seclabel model="dac" relabel="yes"><label>+0:+0</label></seclabel>'), SECLABEL_DISK('<seclabel model="selinux"><label>system_u:object_r:svirt_image_t:s0</label></seclabel>'), SECLABEL_DISK('<seclabel model="dac" labelskip="yes"/>'), SECLABEL_DISK('<seclabel relabel="no"/><seclabel relabel="no"/>')],
  },
  'LIBVIRT-DOMAIN-ALIAS-NAME': {
    bad: [dom(fdisk('<alias name="ua-a b"/>')), dom(fdisk('<alias name="ua-vol:1"/>')), dom(fdisk('<alias name=""/>')), dom(fdisk('<alias/>')), dom(fdisk('<alias name="ua-é"/>')), fdisk('<alias name="ua-a,b"/>')],
    good: [dom(fdisk('<alias name="ua-"/>')), dom(fdisk('<alias name="ua-vol.1_a-B9"/>')), dom(fdisk('<alias name="virtio-disk0"/>'))],
  },
  'LIBVIRT-DOMAIN-PCI-DOMAIN': {
    bad: [dom(fdisk(PCI_AT('0x0001'))), Q35(fdisk(PCI_AT('1'))), dom(`<controller type="pci" index="1" model="pci-expander-bus"><target busNr="254"/></controller><interface type="user"><model type="virtio"/>${PCI_AT('0xffff')}</interface>`), dom(VIDEO('vga', '', '<address type="pci" domain="0x0001" bus="0x00"/>'))],
    good: [dom(fdisk(PCI_AT('0x0000'))), dom(fdisk('<address type="pci" domain="0x0000" bus="0x01" slot="0x05" function="0x0"/>')), dom(pciHostdev('0x0001', '0x00', '0x06', '0x0')), dom(`<controller type="usb" index="0" model="none">${PCI_AT('0x0001')}</controller>`), dom(`<memballoon model="none">${PCI_AT('0x0001')}</memballoon>`)],
  },
  'LIBVIRT-DOMAIN-USB-ADDRESS': {
    bad: [
      dom(fdisk('<address type="usb" port="1"/>', 'sda', 'usb')),
      fdisk('<address type="usb"/>', 'sda', 'usb'),
      dom(fdisk('<address type="usb" bus="1" port="1"/>', 'sda', 'usb')),
      dom(TABLET('bus="1"')),
      dom(TABLET('bus="0" port="3"')),
      Q35(TABLET('bus="0" port="5"')),
      dom('<controller type="usb" index="0" model="ehci"/>' + TABLET('bus="0" port="7"')),
      dom('<controller type="usb" index="0" model="qemu-xhci" ports="8"/>' + TABLET('bus="0" port="9"')),
      dom('<controller type="usb" index="1" model="qemu-xhci"/>' + TABLET('bus="0" port="3"')),
      dom('<controller type="usb" index="1" model="none"/>' + TABLET('bus="1" port="1"')),
      dom(TABLET('bus="0" port="2.1"')),
      dom('<hub type="usb"/>' + TABLET('bus="0" port="1.1"')),
      dom(HUB('1') + TABLET('bus="0" port="1.9"')),
      dom(HUB('1') + TABLET('bus="0" port="1.2.3"')),
      dom(HUB('1') + TABLET('bus="0" port="1.9.1"')),
      dom(TABLET('bus="0" port="3.1"')),
      dom(HUB('3')),
      dom(TABLET('bus="0x0" port="1"')),
      dom(TABLET('bus="0" port="0x1"')),
      dom(TABLET('bus="0" port="1.2.3.4.5"')),
    ],
    good: [
      dom(fdisk('<address type="usb" bus="0"/>', 'sda', 'usb')),
      // a lone <disk> goes into a domain whose USB controllers it does not show: only its syntax is judged
      fdisk('<address type="usb" bus="3" port="9"/>', 'sda', 'usb'),
      dom(TABLET('bus="0" port="2"') + TABLET('bus="0" port="0"')),
      Q35(TABLET('bus="0" port="4"')),
      dom('<controller type="usb" index="0" model="ich9-ehci1"/><controller type="usb" index="0" model="ich9-uhci1"/>' + TABLET('bus="0" port="6"')),
      dom('<controller type="usb" index="0" model="qemu-xhci" ports="8"/>' + TABLET('bus="0" port="8"')),
      dom('<controller type="usb" index="1" model="qemu-xhci"/>' + TABLET('bus="1" port="4"') + TABLET('bus="0" port="2"')),
      dom(TABLET('bus="0" port="1.3"') + HUB('1')),
      dom(HUB('1') + '<hub type="usb"><address type="usb" bus="0" port="1.2"/></hub>' + TABLET('bus="0" port="1.2.3"')),
      dom(TABLET('bus="0" port="2.0.0"')),
      dom('<controller type="usb" model="qemu-xhci"/>' + TABLET('bus="0" port="4"')),
    ],
  },
  'LIBVIRT-DOMAIN-NUMA-CELLS': {
    bad: [
      top('<vcpu>2</vcpu>' + NUMA('<cell id="0" cpus="0-3" memory="1024"/>')),
      top(NUMA('<cell id="0" cpus="0-1" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="5" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="0-2" memory="1024"/><cell id="1" cpus="3-5" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="0-1" memory="1024"/><cell id="1" cpus="1-3" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="0-1" memory="1024"/><cell id="2" cpus="2-3" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="1" cpus="0-3" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell cpus="0-1" memory="1024"/><cell id="0" cpus="2-3" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="" memory="1024"/>')),
    ],
    good: [
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="0-1" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="1" cpus="0-1" memory="1024"/><cell id="0" cpus="2-3" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell cpus="0-3" memory="1024"/><cell memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="0,^0,1" memory="1024"/>')),
      top('<vcpu>4</vcpu>' + NUMA('<cell id="0" cpus="0-1" memory="1024"/><cell cpus="2-3" memory="1024"/>')),
      numaDom(''),
    ],
  },
  'LIBVIRT-DOMAIN-CPU-TOPOLOGY': {
    bad: [top('<vcpu>4</vcpu><cpu><topology sockets="1" cores="2" threads="1"/></cpu>'), top('<vcpu>2</vcpu><cpu><topology sockets="1" cores="4" threads="1"/></cpu>'), top('<vcpu>4</vcpu><cpu><topology sockets="2" dies="2" cores="2" threads="1"/></cpu>'), top('<cpu><topology sockets="2" cores="1" threads="1"/></cpu>')],
    good: [top('<vcpu>4</vcpu><cpu><topology sockets="1" dies="1" cores="2" threads="2"/></cpu>'), top('<vcpu current="2">4</vcpu><cpu><topology sockets="2" cores="2" threads="1"/></cpu>'), top('<cpu><topology sockets="1" cores="1" threads="1"/></cpu>')],
  },
  'LIBVIRT-DISK-VHOSTUSER': {
    bad: [
      top(SHARED, VHOST_DISK.replace('type="raw"', 'type="raw" cache="none"')),
      top(SHARED, VHOST_DISK.replace('type="raw"', 'type="raw" rerror_policy="stop"')),
      top(SHARED, VHOST_DISK.replace('</disk>', '<serial>vol1</serial></disk>')),
      top(SHARED, VHOST_DISK.replace('</disk>', '<backingStore/></disk>')),
      top(SHARED, VHOST_DISK.replace('</disk>', '<iotune><group_name>g</group_name></iotune></disk>')),
      top(SHARED, VHOST_DISK.replace('bus="virtio"', 'bus="scsi"')),
      top(SHARED, VHOST_DISK.replace('device="disk"', 'device="cdrom"')),
      top(SHARED, VHOST_DISK.replace('device="disk"', 'device="disk" snapshot="external"')),
      top(SHARED, VHOST_DISK.replace(' path="/tmp/vb.sock"', '')),
      top(SHARED, VHOST_DISK.replace('path="/tmp/vb.sock"/>', 'path="/tmp/vb.sock"><seclabel model="dac" relabel="no"/></source>')),
    ],
    good: [
      top(SHARED, VHOST_DISK),
      top(SHARED, VHOST_DISK.replace('type="raw"', 'type="raw" cache="default" queues="2" queue_size="256" packed="on" iommu="on"').replace('path="/tmp/vb.sock"/>', 'path="/tmp/vb.sock"><reconnect enabled="yes" timeout="10"/></source>').replace('</disk>', '<iotune><total_bytes_sec>0</total_bytes_sec></iotune><blockio logical_block_size="0"/><boot order="1"/><alias name="ua-vu"/></disk>')),
      top(SHARED, VHOST_DISK.replace('device="disk"', 'device="disk" snapshot="no"')),
      dom(fdisk('<driver name="qemu" cache="none"/><serial>x</serial>')),
    ],
  },
  'LIBVIRT-DOMAIN-PCI-CONTROLLER': {
    bad: [
      Q35('<controller type="pci" model="pcie-root-port"/><controller type="pci" model="pcie-root"/>'),
      dom('<controller type="pci" model="pcie-root-port"/><controller type="pci" model="pcie-root-port"/>'),
      dom('<controller type="pci" index="0" model="pci-root"/><controller type="pci" index="1" model="pcie-root-port"/>'),
      Q35('<controller type="pci" index="1"/>'),
      Q35('<controller type="pci" index="1" model="pcie-root"/>'),
      Q35('<controller type="pci" index="1" model="pci-expander-bus"/>'),
      Q35('<controller type="pci" index="1" model="pci-bridge"/>'),
      Q35('<controller type="pci" index="1" model="pcie-to-pci-bridge"/>'),
      dom('<controller type="pci" index="1" model="dmi-to-pci-bridge"><address type="pci" domain="0x0000" bus="0x00" slot="0x05" function="0x0"/></controller>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pcie-switch-downstream-port"/>'),
    ],
    good: [
      // libvirt fills the unused indexes 1 and 2 with pcie-root-ports, and the bridge plugs into one
      Q35('<controller type="pci" index="3" model="pcie-to-pci-bridge"/>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pcie-switch-upstream-port"/><controller type="pci" index="3" model="pcie-switch-downstream-port"/>'),
      Q35('<controller type="pci" model="pcie-root"/><controller type="pci" model="pcie-root-port"/><controller type="pci" model="pcie-root-port"/>'),
      Q35('<controller type="pci" model="pcie-root-port"/><controller type="pci" index="0" model="pcie-root"/>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pcie-to-pci-bridge"/><controller type="pci" index="3" model="pci-bridge"/>'),
      Q35('<controller type="pci" index="1" model="pci-bridge"><address type="pci" domain="0" bus="0" slot="5" function="0"/></controller>'),
      dom('<controller type="pci" model="pci-root"/><controller type="pci" model="pci-bridge"/><controller type="pci" index="2" model="pci-expander-bus"/>'),
    ],
  },
  'LIBVIRT-DOMAIN-PCI-SLOT': {
    bad: [
      Q35('<controller type="pci" model="pcie-root"/><controller type="pci" model="pcie-root-port"/><controller type="pci" model="pcie-root-port"/>' + fdisk(PCI_ON('0x02', '0x01'))),
      Q35(fdisk(PCI_ON('0x01', '0x03'))),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/>' + fdisk(PCI_ON('0x05', '0x01'))),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><memballoon model="virtio">' + PCI_ON('0x01', '0x01') + '</memballoon>'),
      dom(fdisk(PCI_ON('0x01', '0x00'))),
      dom('<controller type="pci" index="1" model="pci-bridge"/>' + fdisk(PCI_ON('0x01', '0x00'))),
    ],
    good: [
      Q35('<controller type="pci" index="1" model="pcie-root-port"/>' + fdisk(PCI_ON('0x01', '0x00', '0x3'))),
      Q35(fdisk(PCI_ON('0x04', '0x00'))),
      dom(fdisk(PCI_ON('0x01', '0x1f'))),
      dom(fdisk(PCI_ON('0x00', '0x00'))),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><memballoon model="none">' + PCI_ON('0x01', '0x01') + '</memballoon>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/>' + fdisk(PCI_ON('0x01', '0x01').replace('domain="0x0000"', 'domain="0x0001"'))),
    ],
  },
  'LIBVIRT-DOMAIN-CPUSET': {
    bad: [top('<vcpu cpuset="0-">2</vcpu>'), top('<vcpu cpuset="3-1">2</vcpu>'), top('<vcpu cpuset="0,^0">2</vcpu>'), top('<vcpu cpuset="16384">2</vcpu>'), top('<vcpu>2</vcpu><cputune><emulatorpin cpuset="0, 1"/></cputune>'), top('<vcpu>2</vcpu><cputune><vcpupin vcpu="0" cpuset="^0"/></cputune>'), top('<iothreads>1</iothreads><cputune><iothreadpin iothread="1" cpuset="2-1"/></cputune>')],
    good: [top('<vcpu cpuset="0-3,^2">2</vcpu>'), top('<vcpu cpuset="16383">2</vcpu><cputune><vcpupin vcpu="0" cpuset="5000"/><emulatorpin cpuset="0,0-1"/></cputune>')],
  },
  // labelled with virsh define --validate, libvirt 9.0 (test/unit/libvirtxml-hunt33-cases.ts)
  'LIBVIRT-DOMAIN-TUNABLES': {
    bad: [top('<memtune><hard_limit unit="KiB">9007199254740992</hard_limit></memtune>'), top('<memtune><min_guarantee>1024</min_guarantee></memtune>'), top('<blkiotune><device><path>/dev/vdb</path></device><device><path>/dev/vdb</path></device></blkiotune>'), top('<resource></resource>'), top('<idmap><uid start="0" target="1000" count="10"/></idmap>'), top('<keywrap><cipher name="dea" state="on"/><cipher name="dea" state="off"/></keywrap>'), top('<perf><event name="cmt" enabled="yes"/><event name="cmt" enabled="no"/></perf>')],
    good: [top('<memtune><hard_limit unit="b">9223372036854774784</hard_limit></memtune>'), top('<blkiotune><device><path>/dev/vdb</path></device><device><path>/dev/vdc</path></device></blkiotune>'), top('<idmap><uid start="0" target="1000" count="10"/><gid start="0" target="1000" count="10"/></idmap>'), top('<keywrap><cipher name="aes" state="on"/><cipher name="dea" state="off"/></keywrap>')],
  },
  'LIBVIRT-DOMAIN-LEASE': {
    bad: [top('', '<lease><lockspace>a</lockspace><key></key><target path="/var/lib/l"/></lease>'), top('', '<lease><lockspace></lockspace><key>k</key><target path="/var/lib/l"/></lease>')],
    good: [top('', '<lease><lockspace>a</lockspace><key>k</key><target path="/var/lib/l"/></lease>'), top('', '<lease><lockspace>a</lockspace><key> </key><target path=""/></lease>')],
  },
  'LIBVIRT-DOMAIN-HUGEPAGES': {
    bad: [
      top(HUGE('<page size="2048" unit="KiB" nodeset="1"/>')),
      top(CELLS2 + HUGE('<page size="2048" unit="KiB" nodeset="2"/>')),
      top(HUGE('<page size="2048" unit="KiB"/><page size="1048576" unit="KiB"/>')),
      top(HUGE('<page size="2048" unit="KiB" nodeset="0"/><page size="1" unit="G"/>')),
      top(CELLS2 + HUGE('<page size="2048" unit="KiB" nodeset="0"/><page size="1048576" unit="KiB" nodeset="0-1"/>')),
      top(HUGE('<page size="2048" unit="KiB" nodeset="1-0"/>')),
    ],
    good: [
      top(HUGE('<page size="2048" unit="KiB" nodeset="0"/>')),
      top(CELLS2 + HUGE('<page size="2048" unit="KiB" nodeset="0"/><page size="1048576" unit="KiB" nodeset="1"/>')),
      top(CELLS2 + HUGE('<page size="2048" unit="KiB"/><page size="1048576" unit="KiB" nodeset="1"/>')),
      top(HUGE('')),
    ],
  },
  'LIBVIRT-DOMAIN-SECURE-BOOT': {
    bad: [SB('pc', '<smm state="on"/>'), SB('q35', ''), SB('q35', '<smm state="off"/>'), SB('q35', '', 'rom')],
    good: [SB('q35', '<smm state="on"/>'), SB('pc-q35-7.2', '<smm/>'), SB('pc', '').replace('secure="yes"', 'secure="no"')],
  },
  'LIBVIRT-DOMAIN-MAC-ADDRESS': {
    bad: [dom(NIC_MAC('01:16:3e:00:00:01')), dom(NIC_MAC('fa-16-3e-00-00-01')), dom(NIC_MAC('fa:16:3e:00:00')), dom(NIC_MAC('fa:16:3e:0:0:1'))],
    good: [dom(NIC_MAC('fa:16:3e:2b:4c:6d') + NIC_MAC('FA:16:3E:00:00:01')), dom(NIC_MAC('00:00:00:00:00:00'))],
  },
  'LIBVIRT-DOMAIN-WATCHDOG': {
    bad: [Q35('<watchdog model="itco" action="reset"/>'), dom('<watchdog model="i6300esb"/><watchdog model="ib700"/>'), dom('<watchdog model="diag288"/>')],
    good: [Q35('<watchdog model="i6300esb" action="reset"/>'), Q35('<watchdog model="ib700"/>')],
  },
  'LIBVIRT-DOMAIN-CHARDEV': {
    bad: [dom('<serial type="file"><target port="0"/></serial>'), dom('<console type="unix"><target type="virtio" port="0"/></console>'), dom('<serial type="tcp"><source mode="bind" service="4555"/><target port="0"/></serial>'), dom('<serial type="udp"><target port="0"/></serial>'), dom('<serial type="unix"><source mode="listen" path="/tmp/s"/><target port="0"/></serial>'), dom('<serial type="pty"><target port="0"><model name="pci-serial"/></target></serial>'), dom('<serial type="pty"><target type="pci-serial" port="0"><model name="isa-serial"/></target></serial>'), dom('<channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel><graphics type="vnc"/>'), dom('<redirdev bus="usb" type="spicevmc"/>'), dom('<console type="pty"><target type="sclp" port="0"/></console>')],
    good: [dom('<serial type="pty"><source mode="bogus"/><target port="0"/></serial>'), dom('<channel type="unix"><target type="virtio" name="org.qemu.guest_agent.0"/></channel>'), dom('<serial type="file"><source path="/var/log/s.log"/><target port="0"/></serial>'), dom('<serial type="tcp"><source mode="bind" host="127.0.0.1" service="x"/><target port="0"/></serial>'), dom('<serial type="pty"><target port="0"><model name="isa-serial"/></target></serial>'), dom('<serial type="pty"><target type="usb-serial" port="0"><model name="usb-serial"/></target></serial>'), dom('<graphics type="spice"/><channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel><redirdev bus="usb" type="spicevmc"/>')],
  },
  'LIBVIRT-DOMAIN-BIOS-SERIAL': {
    bad: [dom('', '<bios useserial="yes"/>'), dom('<console type="pty"><target type="virtio" port="0"/></console>', '<bios useserial="yes"/>')],
    good: [dom('<serial type="pty"/>', '<bios useserial="yes"/>'), dom('<console type="pty"/>', '<bios useserial="yes"/>'), dom('<console type="pty"><target type="serial" port="0"/></console>', '<bios useserial="yes"/>'), dom('', '<bios useserial="no"/>')],
  },
  'LIBVIRT-DOMAIN-HYPERV-SPINLOCKS': {
    bad: [top('<features><hyperv><spinlocks state="on" retries="100"/></hyperv></features>'), top('<features><hyperv><spinlocks state="on"/></hyperv></features>')],
    good: [top('<features><hyperv><spinlocks state="on" retries="4095"/></hyperv></features>'), top('<features><hyperv><spinlocks state="off" retries="100"/></hyperv></features>')],
  },
  'LIBVIRT-DOMAIN-INTERFACE': {
    bad: [dom('<interface type="bridge"><model type="virtio"/></interface>'), dom('<interface type="user"><model type="virtio"/><mtu size="9000"/></interface>'), dom('<interface type="direct"><source dev="eth0" mode="bridge"/><mtu size="9000"/></interface>')],
    good: [dom('<interface type="bridge"><source bridge="br0"/><model type="virtio"/><mtu size="9000"/></interface>'), dom('<interface type="user"><model type="virtio"/></interface>'), dom('<interface type="network"><source network="default"/><mtu size="9000"/></interface>'), dom('<interface type="ethernet"><mtu size="9000"/></interface>')],
  },
  'LIBVIRT-DOMAIN-MEMBALLOON': {
    bad: [dom('<memballoon model="xen"/>'), dom('<memballoon model="xen"><address type="pci" domain="0x0000" bus="0x00" slot="0x09" function="0x0"/></memballoon>')],
    good: [dom('<memballoon model="virtio"/>'), dom('<memballoon model="none"/>')],
  },
  'LIBVIRT-DOMAIN-SHARED-MEMORY': {
    bad: [dom(VHOST_DISK), top('<memoryBacking><access mode="private"/></memoryBacking>', VHOST_DISK), top('<vcpu>2</vcpu>' + NUMA('<cell id="0" cpus="0" memory="1024" memAccess="shared"/><cell id="1" cpus="1" memory="1024"/>'), VHOST_DISK), top('<memoryBacking><access mode="shared"/></memoryBacking><vcpu>2</vcpu>' + NUMA('<cell id="0" cpus="0-1" memory="1024" memAccess="private"/>'), VHOST_DISK), dom(VIRTIOFS)],
    good: [top('<memoryBacking><access mode="shared"/></memoryBacking>', VHOST_DISK + VIRTIOFS), top('<vcpu>2</vcpu>' + NUMA('<cell id="0" cpus="0" memory="1024" memAccess="shared"/><cell id="1" cpus="1" memory="1024" memAccess="shared"/>'), VHOST_DISK), top('<vcpu>2</vcpu>' + NUMA('<cell id="0" cpus="0" memory="1024"/><cell id="1" cpus="1" memory="1024"/>') + '<memoryBacking><access mode="shared"/></memoryBacking>', VIRTIOFS), dom('<interface type="vhostuser"><mac address="52:54:00:3b:83:1a"/><source type="unix" path="/tmp/v.sock" mode="client"/><model type="virtio"/></interface>'), /* a lone disk: the domain's memory is not known */ VHOST_DISK],
  },
  'LIBVIRT-DOMAIN-FIRMWARE': {
    bad: [PLAT('', '<loader readonly="yes" type="pflash">/x/OVMF_CODE.fd</loader>', ''), PLAT('', '<loader type="pflash"/>', '', ' firmware="efi"'), PLAT('', '<loader readonly="yes"/>', ACPI, ' firmware="efi"'), PLAT('', '<nvram template="/x/VARS.fd"/>', ACPI, ' firmware="efi"'), PLAT('', '<loader readonly="yes" type="pflash"/>'), PLAT('', '<loader type="pflash" stateless="yes">/x/C.fd</loader><nvram template="/x/V.fd"/>'), PLAT('', '', '<features><acpi/><smm><tseg unit="b">1048577</tseg></smm></features>'), PLAT('', '<firmware><feature enabled="yes" name="enrolled-keys"/><feature enabled="no" name="secure-boot"/></firmware>', ACPI, ' firmware="efi"')],
    good: [PLAT('', '<loader readonly="yes" type="pflash">/x/OVMF_CODE.fd</loader><nvram>/x/VARS.fd</nvram>'), PLAT('', '<loader secure="yes"/>', ACPI, ' firmware="efi"'), PLAT('', '', ACPI, ' firmware="bios"'), PLAT('', '<loader type="pflash" stateless="yes">/x/C.fd</loader>'), PLAT('', '<loader readonly="yes" type="pflash">/x/C.fd</loader>', '', '', 'aarch64', 'virt'), PLAT('', '', '<features><acpi/><smm state="off"><tseg unit="b">7</tseg></smm></features>'), PLAT('', '', '<features><acpi/><smm><tseg unit="GiB">1</tseg></smm></features>')],
  },
  'LIBVIRT-DOMAIN-USB-CONTROLLER': {
    bad: [dom('<controller type="usb" model="ich9-uhci2"><master startport="2"/></controller>'), dom('<controller type="usb" model="nec-xhci" ports="42"/>')],
    good: [dom('<controller type="usb" model="ich9-ehci1"/><controller type="usb" model="ich9-uhci2"><master startport="2"/></controller>'), dom('<controller type="usb" model="nec-xhci" ports="15"/>'), dom('<controller type="usb" model="piix3-uhci" ports="42"/>'), dom('<controller type="usb" model="none"/>')],
  },
  'LIBVIRT-DOMAIN-IOMMU': {
    bad: [dom('<iommu model="intel"/>'), PLAT('<iommu model="virtio"/>', '', ''), PLAT('<iommu model="virtio"><address type="ccw" cssid="0xfe" ssid="0" devno="0x0001"/></iommu>')],
    good: [PLAT('<iommu model="intel"/>'), PLAT('<iommu model="virtio"><address type="pci" domain="0" bus="0" slot="5" function="0"/></iommu>'), PLAT('<iommu model="virtio"/>', '', ACPI, '', 'aarch64', 'virt-7.2')],
  },
  'LIBVIRT-DOMAIN-SYSINFO': {
    bad: [top('<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><sysinfo type="smbios"><bios><entry name="date">13/01/2020</entry></bios></sysinfo>'), top('<sysinfo type="smbios"><bios><entry name="date">01/01/1899</entry></bios></sysinfo>'), top('<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><sysinfo type="smbios"><system><entry name="uuid">c7a5fdbdedaf9455926ad65c16db1800</entry></system></sysinfo>')],
    good: [top('<sysinfo type="smbios"><bios><entry name="date">12/31/99</entry></bios><system><entry name="uuid">c7a5fdbd-edaf-9455-926a-d65c16db1809</entry></system></sysinfo>'), top('<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><sysinfo type="smbios"><system><entry name="uuid">c7a5fdbdedaf9455926ad65c16db1809</entry></system></sysinfo>'), top('<sysinfo type="fwcfg"><entry name="opt/date">2020-01-01</entry></sysinfo>')],
  },
  'LIBVIRT-DOMAIN-GRAPHICS': {
    bad: [dom('<graphics type="vnc" port="5930" tlsPort="5931"/>'), dom('<graphics type="spice" autoport="yes" websocket="5700"/>'), dom('<graphics type="vnc" socket="/run/a.sock"><listen type="socket" socket="/run/b.sock"/></graphics>'), dom('<graphics type="spice" listen="127.0.0.1"><listen type="address" address="::1"/></graphics>'), dom('<graphics type="egl-headless"/><graphics type="dbus"/>')],
    good: [dom('<graphics type="vnc" listen="127.0.0.1"><listen type="network" network="default"/></graphics>'), dom('<graphics type="vnc"><listen type="address" address="0.0.0.0"/></graphics>'), dom('<graphics type="spice"><gl enable="yes"/></graphics>'), dom('<graphics type="spice"><gl enable="no"/></graphics><graphics type="egl-headless"/>')],
  },
  'LIBVIRT-DOMAIN-CPU-CACHE': {
    bad: [top('<cpu mode="host-passthrough"><cache mode="disable" level="3"/></cpu>'), top('<cpu mode="maximum"><cache mode="passthrough" level="3"/></cpu>'), top('<cpu mode="host-passthrough"><maxphysaddr mode="passthrough" bits="42"/></cpu>'), top('<cpu><cache mode="emulate"/></cpu>')],
    good: [top('<cpu mode="host-passthrough"><cache mode="passthrough"/><maxphysaddr mode="passthrough"/></cpu>'), top('<cpu><cache mode="disable"/></cpu>'), PLAT('', '', ACPI, '', 'aarch64', 'virt').replace('<devices>', '<cpu><cache mode="emulate" level="2"/></cpu><devices>')],
  },
  'LIBVIRT-DOMAIN-CACHETUNE': {
    bad: [top('<vcpu>2</vcpu><cputune><memorytune vcpus="1"><node id="0" bandwidth="40"/></memorytune></cputune>').replace('type="kvm"', 'type="qemu"')],
    good: [top('<vcpu>2</vcpu><cputune><memorytune vcpus="1"><node id="0" bandwidth="40"/></memorytune></cputune>'), top('<vcpu>2</vcpu><cputune><cachetune vcpus="0"/></cputune>').replace('type="kvm"', 'type="qemu"')],
  },
  'LIBVIRT-DOMAIN-DEVICE-OPTION': {
    bad: [dom('<controller type="pci" index="0" model="pci-root"><address type="pci" domain="0" bus="0" slot="3" function="0"/></controller>'), dom('<filesystem type="mount"><driver type="virtiofs"/><source dir="/s"/><target dir="t"/><readonly/></filesystem>'), dom('<shmem name="s"><msi/></shmem>')],
    good: [dom('<controller type="pci" index="0" model="pci-root"/>'), dom('<controller type="pci" index="1" model="pci-bridge"><address type="pci" domain="0" bus="0" slot="3" function="0"/></controller>'), dom('<filesystem type="mount"><driver type="path"/><source dir="/s"/><target dir="t"/><readonly/></filesystem>'), dom('<shmem name="s"><server path="/tmp/s"/><msi/></shmem>')],
  },
  'LIBVIRT-DOMAIN-LIFECYCLE': {
    bad: [top('<on_crash>bogus</on_crash>'), top('<on_reboot> restart</on_reboot>'), top('<on_poweroff>preserve</on_poweroff>'), top('<on_crash>rename-restart</on_crash>')],
    good: [top('<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>coredump-restart</on_crash>'), top('<on_crash>preserve</on_crash>')],
  },
  'LIBVIRT-DOMAIN-SPICE-TLS': {
    bad: [dom('<graphics type="spice" port="5930" tlsPort="5931"/>'), dom('<graphics type="spice" port="-1" tlsPort="5931" autoport="no"/>'), dom('<graphics type="spice" tlsPort="+5"/>')],
    good: [dom('<graphics type="spice" autoport="yes" tlsPort="5931"/>'), dom('<graphics type="spice" port="5930" tlsPort="-1"/>'), dom('<graphics type="spice" port="5930" tlsPort="0"/>'), dom('<graphics type="spice" autoport="yes" defaultMode="secure"><channel name="main" mode="secure"/></graphics>')],
  },
  'LIBVIRT-DOMAIN-DEVICE-SET': {
    bad: [dom('<crypto model="virtio" type="qemu"><backend model="builtin"/></crypto>'), dom('<memballoon model="virtio"/><memballoon model="none"/>'), dom('<vsock><cid auto="yes"/></vsock><vsock><cid auto="yes"/></vsock>'), dom('<smartcard mode="host-certificates"><certificate>a</certificate></smartcard>')],
    good: [dom('<memballoon model="virtio"/><vsock><cid auto="yes"/></vsock><panic model="isa"/><panic model="hyperv"/>'), dom('<smartcard mode="host-certificates"><certificate>a</certificate><certificate>b</certificate><certificate>c</certificate></smartcard>')],
  },
  'LIBVIRT-DOMAIN-PANIC': {
    bad: [dom('<panic model="isa"/><panic model="isa"/>'), dom('<panic model="pseries"/>'), dom('<panic model="hyperv"><address type="isa" iobase="0x505"/></panic>'), dom('<panic><address type="pci" domain="0" bus="0" slot="9" function="0"/></panic>')],
    good: [dom('<panic model="isa"><address type="isa" iobase="0x505"/></panic><panic model="hyperv"/>'), dom('<panic/>')],
  },
  'LIBVIRT-DOMAIN-SHMEM': {
    bad: [dom('<shmem name="s"><model type="ivshmem-plain"/><server path="/tmp/x"/></shmem>'), dom('<shmem name="s"><model type="ivshmem-doorbell"/></shmem>'), dom('<shmem name="s"><model type="ivshmem-doorbell"/><size unit="M">4</size><server/></shmem>')],
    good: [dom('<shmem name="s"><model type="ivshmem-plain"/><size unit="M">4</size></shmem>'), dom('<shmem name="s"><model type="ivshmem-doorbell"/><server/></shmem>')],
  },
  'LIBVIRT-DOMAIN-INPUT-BUS': {
    bad: [dom('<input type="tablet" bus="ps2"/>')],
    good: [dom('<input type="mouse" bus="ps2"/><input type="keyboard" bus="ps2"/><input type="tablet" bus="usb"/>')],
  },
  'LIBVIRT-DOMAIN-CHARDEV-CHANNEL': {
    bad: [dom('<serial type="spiceport"><source channel="org.qemu.console.serial.0"/></serial>'), dom('<parallel type="spiceport"><source channel="c"/></parallel><graphics type="vnc"/>'), dom('<serial type="dbus"/>'), dom('<serial type="spiceport"/><graphics type="spice"/>')],
    good: [dom('<serial type="spiceport"><source channel="org.qemu.console.serial.0"/></serial><graphics type="spice" autoport="yes"/>'), dom('<serial type="qemu-vdagent"/>')],
  },
  'LIBVIRT-DOMAIN-TPM': {
    bad: [dom('<tpm model="tpm-tis"><backend type="passthrough"><device path="/dev/tpm0"/></backend></tpm><tpm model="tpm-crb"><backend type="passthrough"><device path="/dev/tpm0"/></backend></tpm>')],
    good: [dom('<tpm model="tpm-crb"><backend type="passthrough"><device path="/dev/tpm0"/></backend></tpm>')],
  },
  'LIBVIRT-DOMAIN-MEMORY-TOTAL': {
    bad: [top('<maxMemory slots="4" unit="GiB">4</maxMemory>', '<memory model="dimm"><target><size unit="GiB">1</size></target></memory>'), top('<maxMemory slots="4" unit="GiB">4</maxMemory>', '<memory model="dimm"><target><size unit="KiB">65536</size></target></memory><memory model="dimm"><target><size unit="MiB">64</size></target></memory>')],
    good: [top('<maxMemory slots="4" unit="GiB">4</maxMemory>', '<memory model="dimm"><target><size unit="MiB">64</size></target></memory>'), top('<maxMemory slots="4" unit="GiB">4</maxMemory><cpu><numa><cell id="0" cpus="0" memory="64" unit="MiB"/></numa></cpu>', '<memory model="dimm"><target><size unit="GiB">1</size><node>0</node></target></memory>')],
  },
  'LIBVIRT-DOMAIN-EMULATOR-ARCH': {
    bad: [PLAT('<emulator>/usr/bin/qemu-system-x86_64</emulator>', '', '', '', 'aarch64', 'virt'), PLAT('<emulator>/usr/bin/qemu-system-i386</emulator>', '', ACPI, '', 'x86_64', 'pc')],
    good: [PLAT('<emulator>/usr/bin/qemu-system-x86_64</emulator>', '', ACPI, '', 'i686', 'pc'), PLAT('<emulator>/usr/bin/qemu-system-aarch64</emulator>', '', '', '', 'aarch64', 'virt'), PLAT('<emulator>/usr/libexec/qemu-kvm</emulator>', '', '', '', 'aarch64', 'virt')],
  },
  'LIBVIRT-DOMAIN-PSERIES-FEATURE': {
    bad: [PLAT('', '', '<features><acpi/><htm state="off"/></features>'), PLAT('', '', '<features><hpt resizing="enabled"/></features>', '', 'x86_64', 'pc')],
    good: [PLAT('', '', '<features><acpi/><hpt resizing="enabled"/></features>', '', 'ppc64', 'pseries'), PLAT('', '', '<features><acpi/><pae/></features>')],
  },
  'LIBVIRT-DOMAIN-PCI-PLACEMENT': {
    bad: [
      dom('<controller type="pci" index="1" model="pci-bridge"/><controller type="pci" index="2" model="pci-expander-bus"><address type="pci" bus="1" slot="1"/></controller>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pcie-expander-bus"><address type="pci" bus="1"/></controller>'),
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/><controller type="pci" index="2" model="pci-bridge"><address type="pci" bus="1" slot="0"/></controller>'),
      Q35('<controller type="pci" index="1" model="pcie-switch-downstream-port"><address type="pci" bus="0" slot="4"/></controller>'),
    ],
    good: [
      dom('<controller type="pci" index="1" model="pci-expander-bus"><address type="pci" bus="0" slot="9"/></controller><controller type="pci" index="2" model="pci-bridge"><address type="pci" bus="1" slot="0"/></controller>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pci-bridge"><address type="pci" bus="1" slot="0"/></controller>'),
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"><address type="pci" domain="0" bus="0" slot="0"/></controller>'),
      // a pcie-to-pci-bridge on the root bus is LIBVIRT-DOMAIN-PCI-CONTROLLER's
      Q35('<controller type="pci" index="1" model="pcie-to-pci-bridge"><address type="pci" bus="0" slot="3"/></controller>'),
    ],
  },
  'LIBVIRT-DOMAIN-PCI-ENDPOINT-BUS': {
    bad: [
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/>' + fdisk(PCI_ON('0x01', '0x00'))),
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/><sound model="ich9">' + PCI_ON('0x01', '0x02') + '</sound>'),
      Q35('<controller type="pci" index="1" model="pcie-root-port"/><controller type="pci" index="2" model="pcie-switch-upstream-port"><address type="pci" bus="1" slot="0"/></controller><interface type="user"><model type="virtio"/>' + PCI_ON('0x02', '0x00') + '</interface>'),
      // an unindexed expander bus takes the lowest free index
      Q35('<controller type="pci" model="pcie-root"/><controller type="pci" model="pcie-expander-bus"/><memballoon model="virtio">' + PCI_ON('0x01', '0x00') + '</memballoon>'),
    ],
    good: [
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/><controller type="pci" index="2" model="pcie-root-port"><address type="pci" bus="1" slot="0"/></controller>' + fdisk(PCI_ON('0x02', '0x00'))),
      Q35('<controller type="pci" index="1" model="dmi-to-pci-bridge"/>' + fdisk(PCI_ON('0x01', '0x00'))),
      Q35('<sound model="ich6">' + PCI_ON('0x00', '0x05') + '</sound>'),
      // no address: usb model none and balloon model none; domain, bus and slot 0: none written
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/><controller type="usb" model="none">' + PCI_ON('0x01', '0x00') + '</controller><memballoon model="none">' + PCI_ON('0x01', '0x00') + '</memballoon>'),
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/>' + fdisk(PCI_ON('0x00', '0x00'))),
      // a bus no controller has is a root port libvirt adds
      Q35('<controller type="pci" index="1" model="pcie-expander-bus"/>' + fdisk(PCI_ON('0x02', '0x00'))),
    ],
  },
  'LIBVIRT-DOMAIN-PCI-INTEGRATED': {
    bad: [PLAT('<iommu model="virtio">' + PCI_ON('0x01', '0x00') + '</iommu>')],
    good: [PLAT('<iommu model="virtio">' + PCI_ON('0x00', '0x05') + '</iommu>'), PLAT('<iommu model="virtio"/>'), PLAT('<memballoon model="virtio">' + PCI_ON('0x01', '0x00') + '</memballoon>')],
  },
  'LIBVIRT-DOMAIN-PCI-ROOT-PORTS': {
    bad: [
      Q35('<controller type="pci" model="pcie-root-port"/>'.repeat(241)),
      Q35('<controller type="pci" model="pcie-root-port"/>'.repeat(233) + '<interface type="user">' + PCI_ON('0x00', '0x03') + '</interface>'),
    ],
    good: [
      Q35('<controller type="pci" model="pcie-root-port"/>'.repeat(240)),
      // a slot holding a written root port keeps its other seven functions for the others
      Q35('<controller type="pci" model="pcie-root-port"/>'.repeat(239) + '<controller type="pci" model="pcie-root-port">' + PCI_ON('0x00', '0x03') + '</controller>'),
      dom('<controller type="pci" model="pcie-root-port"/>'.repeat(241)).replace('<type>', '<type arch="aarch64" machine="virt">'),
    ],
  },
  'LIBVIRT-DOMAIN-PCI-NUMA-NODE': {
    bad: [dom('<controller type="pci" index="1" model="pci-expander-bus"><target><node>0</node></target></controller>'), numaDom('', '<controller type="pci" index="1" model="pci-expander-bus"><target><node>2</node></target></controller>')],
    good: [numaDom('', '<controller type="pci" index="1" model="pci-expander-bus"><target><node>1</node></target></controller>'), dom('<controller type="pci" index="1" model="pci-expander-bus"><target busNr="254"/></controller>')],
  },
  'LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE': {
    bad: [
      dom(usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>').replace('</hostdev>', '<address type="pci" domain="0x0000" bus="0x00" slot="0x09" function="0x0"/></hostdev>')),
      dom(usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>').replace('</hostdev>', `${DRIVE(0)}</hostdev>`)),
      dom(scsiHostdev(0, 0, '<address type="usb" bus="0" port="1"/>')),
      dom(scsiHostdev(0, 0, '<address type="unassigned"/>')),
      dom(pciHostdev('0x0000', '0x06', '0x00', '0x0').replace('</hostdev>', `${DRIVE(0)}</hostdev>`)),
      dom('<hostdev mode="subsystem" type="scsi_host"><source protocol="vhost" wwpn="naa.5123456789abcde0"/><address type="usb" bus="0" port="1"/></hostdev>'),
    ],
    good: [
      dom(usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>').replace('</hostdev>', '<address type="usb" bus="0" port="1"/></hostdev>')),
      dom(SCSI_CTL + scsiHostdev(0, 0, DRIVE(0))),
      dom(scsiHostdev(0, 0)),
      dom(pciHostdev('0x0000', '0x06', '0x00', '0x0').replace('</hostdev>', '<address type="unassigned"/></hostdev>')),
      dom('<hostdev mode="subsystem" type="scsi_host"><source protocol="vhost" wwpn="naa.5123456789abcde0"/><address type="pci" domain="0x0000" bus="0x00" slot="0x09" function="0x0"/></hostdev>'),
    ],
  },
  'LIBVIRT-DOMAIN-HOSTDEV-SGIO': {
    bad: [dom(scsiHostdev(0, 0).replace('type="scsi"', 'type="scsi" sgio="unfiltered"')), dom(usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>').replace('type="usb"', 'type="usb" sgio="filtered"')), dom(pciHostdev('0x0000', '0x06', '0x00', '0x0').replace('type="pci"', 'type="pci" rawio="yes"'))],
    good: [dom(scsiHostdev(0, 0).replace('type="scsi"', 'type="scsi" sgio="filtered" rawio="yes"')), dom(usbHostdev('<vendor id="0x1234"/><product id="0xbeef"/>'))],
  },
  'LIBVIRT-DOMAIN-HOSTDEV-USB-SOURCE': {
    bad: [dom(usbHostdev('')), dom(usbHostdev('<vendor id="0x1234"/>')), dom(usbHostdev('<product id="0x1234"/>')), dom(usbHostdev('<vendor id="0x0000"/><product id="0x1"/>')), dom(usbHostdev('<vendor id="0x12345"/><product id="0x1"/>')), dom(usbHostdev('<address bus="0x1000" device="1"/>')), dom(usbHostdev('<address bus="1"/>'))],
    good: [dom(usbHostdev('<vendor id="0x1234"/><product id="0x0"/>')), dom(usbHostdev('<address bus="0" device="0"/>')), dom(usbHostdev('<vendor id="1234"/><product id="0xbeef"/><address bus="0x1f" device="003"/>'))],
  },
  'LIBVIRT-DOMAIN-SCSI-CONTROLLER-MODEL': {
    bad: [dom('<controller type="scsi" index="0" model="buslogic"/>'), dom('<controller type="scsi" index="0" model="ncr53c90"/>'), dom('<controller type="scsi" index="1" model="ncr53c90"/>'), Q35('<controller type="scsi" index="0" model="buslogic"/>')],
    good: [dom('<controller type="scsi" index="0" model="auto"/>'), dom('<controller type="scsi" index="0" model="dc390"/>'), dom('<controller type="scsi" index="0" model="am53c974"/>'), dom(SCSI_CTL)],
  },
  'LIBVIRT-DOMAIN-MDEV-ADDRESS': {
    bad: [dom(MDEV('', '<address type="drive" controller="0" bus="0" target="0" unit="1"/>')), dom(MDEV('', '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>'))],
    good: [dom(MDEV('', PCI_ON('0x00', '0x07'))), dom(MDEV('')), dom(MDEV('', '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>').replace('vfio-pci', 'vfio-ccw'))],
  },
  'LIBVIRT-DOMAIN-MDEV-RAMFB': {
    bad: [dom('<graphics type="vnc"/>' + MDEV('display="on" ramfb="on"') + MDEV('display="on" ramfb="on"', '', 'd'))],
    good: [dom('<graphics type="vnc"/>' + MDEV('display="on" ramfb="on"') + MDEV('display="on" ramfb="off"', '', 'd'))],
  },
  'LIBVIRT-DOMAIN-MDEV-DISPLAY': {
    bad: [dom(MDEV('display="on"'))],
    good: [dom(MDEV('display="off"')), dom('<graphics type="vnc"/>' + MDEV('display="on"'))],
  },
  'LIBVIRT-DOMAIN-HOSTDEV-BOOT': {
    bad: [dom(MDEV('', '<boot order="1"/>')), dom('<hostdev mode="subsystem" type="scsi_host"><source protocol="vhost" wwpn="naa.5123456789abcde0"/><boot order="1"/></hostdev>')],
    good: [dom(pciHostdev('0', '6', '7', '0').replace('</hostdev>', '<boot order="1"/></hostdev>')), dom('<hostdev mode="subsystem" type="scsi_host"><source protocol="vhost" wwpn="naa.5123456789abcde0"/></hostdev>')],
  },
  'LIBVIRT-DOMAIN-SERIAL-MACHINE': {
    bad: [PLAT('<serial type="pty"><target type="system-serial"><model name="pl011"/></target></serial>'), PLAT('<serial type="pty"><target type="spapr-vio-serial"/></serial>', '', ACPI, '', 'x86_64', 'pc'), PLAT('<serial type="pty"><target type="sclp-serial"/></serial>')],
    good: [PLAT('<serial type="pty"><target type="system-serial"><model name="pl011"/></target></serial>', '', ACPI, '', 'aarch64', 'virt'), PLAT('<serial type="pty"><target type="isa-serial"/></serial><serial type="pty"/>')],
  },
  'LIBVIRT-DOMAIN-SECLABEL-OVERRIDE': {
    bad: [
      top('<seclabel type="static" model="dac" relabel="no"><label>+107:+107</label></seclabel>', '<disk type="file"><source file="/a.img"><seclabel model="dac" labelskip="yes"/></source><target dev="vda" bus="virtio"/></disk>'),
      top('<seclabel type="none" model="dac"/>', '<serial type="file"><source path="/tmp/s.log"><seclabel model="dac" relabel="no"/></source></serial>'),
    ],
    good: [
      top('<seclabel type="static" model="dac" relabel="yes"><label>+107:+107</label></seclabel>', '<disk type="file"><source file="/a.img"><seclabel model="dac" labelskip="yes"/></source><target dev="vda" bus="virtio"/></disk>'),
      top('<seclabel type="none"/>', '<disk type="file"><source file="/a.img"><seclabel model="dac" labelskip="yes"/></source><target dev="vda" bus="virtio"/></disk>'),
      top('<seclabel type="static" model="dac" relabel="no"><label>+107:+107</label></seclabel>', '<disk type="file"><source file="/a.img"><seclabel relabel="no"/></source><target dev="vda" bus="virtio"/></disk>'),
    ],
  },
  'LIBVIRT-DOMAIN-INPUT-MODEL': {
    bad: [dom('<input type="keyboard" bus="virtio" model="virtio-transitional"/>'), dom('<input type="passthrough" model="virtio-non-transitional"><source evdev="/dev/input/event1"/></input>')],
    good: [dom('<input type="keyboard" bus="virtio" model="virtio"/>'), dom('<input type="tablet" bus="usb"/>')],
  },
  'LIBVIRT-DOMAIN-SOUND-MODEL': {
    bad: [dom('<sound model="ich7"/>'), dom('<sound model="ich7"><address type="pci" domain="0" bus="0" slot="6" function="0"/></sound>')],
    good: [dom('<sound model="ich9"/>'), dom('<sound model="ich6"/>')],
  },
  // round 34 (labelled with virsh define --validate, libvirt 9.0; test/unit/libvirtxml-hunt34-cases.ts)
  'LIBVIRT-DOMAIN-CLOCK': {
    bad: [top('<clock offset="utc"><timer name="rtc" track="boot"/></clock>'), top('<clock offset="utc"><timer name="pit" tickpolicy="merge"/></clock>'), top('<clock offset="timezone"/>')],
    good: [top('<clock offset="utc"><timer name="rtc" track="guest" tickpolicy="catchup"/><timer name="pit" tickpolicy="delay"/></clock>'), top('<clock offset="timezone" timezone="Europe/Paris"/>')],
  },
  'LIBVIRT-DOMAIN-AUDIO': {
    bad: [dom('<audio id="1" type="none"><input fixedSettings="yes"/></audio>'), dom('<sound model="ich9"><audio id="2"/></sound>'), dom('<audio id="1" type="none"/><audio id="1" type="none"/>')],
    good: [dom('<audio id="1" type="none"><input fixedSettings="yes" mixingEngine="yes"><settings frequency="44100"/></input></audio>'), dom('<sound model="ich9"><audio id="1"/></sound>')],
  },
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
