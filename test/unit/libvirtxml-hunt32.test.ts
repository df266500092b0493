/**
 * Round 32: the held-out disagreements round 31 left (scripts/libvirt-define-check.ts --hunt31 100
 * --first on seeds 3029-3032, --domains 120 --extras --platform --more --first on seed 3016) and
 * the ones of round 32's own seeds, each cut down to its shape and labelled by libvirt 9.0 itself
 * (libvirtxml-hunt32-cases.ts; scripts/libvirt-cases-label.ts 32 checks the labels on a live
 * libvirtd): a vhost-user NIC's model and reconnect, an isolated port's place and its MAC's case,
 * an interface's <filterref>, <ip> and <rom file> as the schema types them, a buslogic controller
 * before its <driver> options, <sysinfo> after every device, a pci-bridge's index after every PCI
 * address, a disk's second <auth> before its <iotune>, <numatune> placement left to <vcpu
 * placement="auto">, and a <kvm><dirty-ring> size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';
import { CASES } from './libvirtxml-hunt32-cases';
import { labelledFirstErrors } from './libvirtxml-fixtures';

labelledFirstErrors('hunt32', CASES);

const domain = (devices: string) => `<domain type="qemu"><name>t</name><memory unit="MiB">64</memory><vcpu>1</vcpu><os><type arch="x86_64" machine="pc">hvm</type></os><devices>${devices}</devices></domain>`;
const WATCHDOG = { timeout: 120_000 };

test('n interfaces with a filter, guest IPs and an option ROM, the last vhost-user of the wrong model: refused at that one, in linear time', WATCHDOG, () => {
  const many = (n: number) => domain(
    Array.from({ length: n }, (_, i) => `<interface type="user"><model type="virtio"/><filterref filter="f${i}"><parameter name="IP" value="10.0.${i >> 8 & 255}.${i & 255}"/></filterref><ip address="10.1.${i >> 8 & 255}.${i & 255}" prefix="24"/><rom file="/usr/share/r${i}.rom"/></interface>`).join('')
    + '<interface type="vhostuser"><source type="unix" path="/tmp/v.sock" mode="client"/><model type="e1000"/></interface>',
  );
  const errors = analyzeLibvirtXml(many(3)).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((p) => p.id), ['LIBVIRT-DOMAIN-INTERFACE']);
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n interfaces with filters, IPs and ROMs', 2000, g));
});

test('n devices with parse errors and a <sysinfo> after them: the devices first, in linear time', WATCHDOG, () => {
  const many = (n: number) => domain(Array.from({ length: n }, () => '<audio id="0" type="none"/>').join('')).replace('<os>', '<sysinfo type="smbios"><bios><entry name="date">1.0</entry></bios></sysinfo><os>');
  const first = analyzeLibvirtXml(many(3)).problems.find((p) => p.severity === 'error');
  assert.match(first?.message ?? '', /element 'audio': Zero is not permitted/);
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n audio devices and a sysinfo', 2000, g));
});
