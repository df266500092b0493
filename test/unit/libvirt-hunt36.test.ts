/**
 * Round 36: the <disk> element and its children (scripts/libvirt-hunt34-check.ts --round 36,
 * scripts/libvirt-hunt36-gen.ts). The disagreements of seeds 3601 and 3602 cut down to their
 * shape, each labelled with libvirt 9.0 itself (the last line of `virsh define --validate` on the
 * QEMU driver, a lone <disk> wrapped in a small pc domain as scripts/libvirt-define-check.ts does;
 * "accepts" where libvirt defined it): the virtio-only driver options off the virtio bus in
 * libvirt's order (model, queues, then iommu, ats, packed), a lone disk's iothread off virtio, a
 * driver name other than qemu, schema shapes of network hosts, volume names, <reconnect> and
 * <mirror>, and a SCSI hostdev's drive address against a disk's checked in post-parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';
import { labelledFirstErrors } from './libvirtxml-fixtures';

const SCHEMA = 'Element domain failed to validate content';
const domain = (disks: string, extra: string) =>
  `<domain type="qemu"><name>h36</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${disks}${extra}</devices></domain>`;

const CASES: ReadonlyArray<{ name: string; xml: string; libvirt: string }> = [
  { name: 'iothread-sata-lone', libvirt: 'unsupported configuration: IOThreads not available for bus sata target sda', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw" iothread="1"/><source file="/var/lib/libvirt/images/a.img"/><target dev="sda" bus="sata"/></disk>' },
  { name: 'driver-name', libvirt: 'unsupported configuration: unsupported driver name \'bogus\' for disk \'vda\'', xml: '<disk type="file" device="disk"><driver name="bogus" type="raw"/><source file="/var/lib/libvirt/images/a.img"/><target dev="vda" bus="virtio"/></disk>' },
  { name: 'queues-before-ats', libvirt: 'unsupported configuration: queues attribute in disk driver element is only supported by virtio-blk', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw" queues="2" ats="on"/><source file="/var/lib/libvirt/images/a.img"/><target dev="sda" bus="sata"/></disk>' },
  { name: 'iommu-before-wwn', libvirt: 'unsupported configuration: iommu driver option is only supported for virtio devices', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw" iommu="on"/><source file="/var/lib/libvirt/images/a.img"/><target dev="sda" bus="sata"/><wwn>5000c50015ea71ac</wwn></disk>' },
  { name: 'model-before-ats', libvirt: 'unsupported configuration: disk model \'virtio\' not supported for bus \'ide\'', xml: '<disk type="file" device="disk" model="virtio"><driver name="qemu" type="raw" ats="on"/><source file="/var/lib/libvirt/images/a.img"/><target dev="hda" bus="ide"/></disk>' },
  { name: 'packed-sata', libvirt: 'unsupported configuration: packed driver option is only supported for virtio devices', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw" packed="off"/><source file="/var/lib/libvirt/images/a.img"/><target dev="sda" bus="sata"/></disk>' },
  { name: 'virtio-options-ok', libvirt: 'accepts', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw" iommu="on" ats="on" packed="on"/><source file="/var/lib/libvirt/images/a.img"/><target dev="vda" bus="virtio"/></disk>' },
  { name: 'nbd-reconnect', libvirt: SCHEMA, xml: '<disk type="network" device="disk"><driver name="qemu" type="raw"/><source protocol="nbd" name="x"><host name="10.0.0.1" port="10809"/><reconnect delay="10"/></source><target dev="vda" bus="virtio"/></disk>' },
  { name: 'pool-empty', libvirt: SCHEMA, xml: '<disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="" volume="vol1"/><target dev="vda" bus="virtio"/></disk>' },
  { name: 'volume-dotdot', libvirt: SCHEMA, xml: '<disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="default" volume=".."/><target dev="vda" bus="virtio"/></disk>' },
  { name: 'volume-ok', libvirt: 'accepts', xml: '<disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="default" volume="vol1"/><target dev="vda" bus="virtio"/></disk>' },
  { name: 'unix-host-name', libvirt: SCHEMA, xml: '<disk type="network" device="cdrom"><driver name="qemu" type="raw"/><source protocol="nbd" name="x"><host transport="unix" socket="/run/x.sock" name="h"/></source><target dev="sda" bus="sata"/><readonly/></disk>' },
  { name: 'tcp-host-socket', libvirt: SCHEMA, xml: '<disk type="network" device="disk"><driver name="qemu" type="raw"/><source protocol="nbd" name="x"><host name="h" socket="/run/x.sock"/></source><target dev="vda" bus="virtio"/></disk>' },
  { name: 'unix-host-ok', libvirt: 'accepts', xml: '<disk type="network" device="disk"><driver name="qemu" type="raw"/><source protocol="nbd"><host transport="unix" socket="/run/x.sock"/></source><target dev="vda" bus="virtio"/></disk>' },
  { name: 'mirror-file-active-commit', libvirt: SCHEMA, xml: '<disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/a.img"/><target dev="vda" bus="virtio"/><mirror type="file" file="/tmp/m.img" format="raw" job="active-commit"><format type="raw"/><source file="/tmp/m.img"/></mirror></disk>' },
  { name: 'mirror-no-job', libvirt: SCHEMA, xml: '<disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/a.img"/><target dev="vda" bus="virtio"/><mirror type="file"><format type="raw"/><source file="/tmp/m.img"/></mirror></disk>' },
  { name: 'mirror-file-copy-ok', libvirt: 'accepts', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/a.img"/><target dev="vda" bus="virtio"/><mirror type="file" file="/tmp/m.img" format="raw" job="copy" ready="yes"><format type="raw"/><source file="/tmp/m.img"/></mirror></disk>' },
  { name: 'mirror-active-commit-ok', libvirt: 'accepts', xml: '<disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/a.img"/><target dev="vda" bus="virtio"/><mirror type="file" job="active-commit"><format type="raw"/><source file="/tmp/m.img"/></mirror></disk>' },
  { name: 'hostdev-conflict-before-rotation', libvirt: 'XML error: SCSI host address controller=\'0\' bus=\'0\' target=\'0\' unit=\'1\' in use by a SCSI disk', xml: domain('<disk type="file" device="cdrom"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/c.iso"/><target dev="sda" bus="sata" rotation_rate="7200"/><readonly/></disk><disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/b.img"/><target dev="sdb" bus="scsi"/><address type="drive" controller="0" bus="0" target="0" unit="1"/></disk>', '<controller type="scsi" index="0" model="virtio-scsi"/><hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host1"/><address bus="0" target="1" unit="1"/></source><address type="drive" controller="0" bus="0" target="0" unit="1"/></hostdev>') },
  { name: 'hostdev-name-conflict-before-model', libvirt: 'unsupported configuration: using disk target name \'sdb\' conflicts with SCSI host device address controller=\'0\' bus=\'0\' target=\'0\' unit=\'1', xml: domain('<disk type="file" device="disk" model="virtio"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/a.img"/><target dev="sda" bus="sata"/></disk><disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/var/lib/libvirt/images/b.img"/><target dev="sdb" bus="scsi"/></disk>', '<controller type="scsi" index="0" model="virtio-scsi"/><hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="0"/></source><address type="drive" controller="0" bus="0" target="0" unit="1"/></hostdev>') },
];

labelledFirstErrors('hunt36', CASES);

test('n disks with mirrors, unix hosts, volumes and virtio options off virtio: linear time', { timeout: 120_000 }, () => {
  const many = (n: number) => domain(Array.from({ length: n }, (_, i) =>
    `<disk type="file" device="disk"><driver name="qemu" type="raw" iommu="on" packed="on"/><source file="/var/lib/libvirt/images/d${i}.img"/><target dev="vd${i}" bus="virtio"/><mirror type="file" job="copy"><format type="raw"/><source file="/tmp/m${i}.img"/></mirror></disk>`
    + `<disk type="network" device="disk"><source protocol="nbd"><host transport="unix" socket="/run/s${i}.sock"/></source><target dev="sd${i}" bus="sata"/></disk>`
    + `<disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="p${i}" volume="v${i}"/><target dev="hd${i}" bus="ide"/></disk>`).join(''), '');
  const g = bestGrowth(many, analyzeLibvirtXml, 300, 3);
  assert.ok(g.ratio < 3, describeGrowth('n disks with mirrors, unix hosts and volumes', 300, g));
});
