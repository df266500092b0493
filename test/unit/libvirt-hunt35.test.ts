/**
 * Round 35: round 34's held-out disagreements (scripts/libvirt-hunt34-check.ts --round 34, seeds
 * 3406-3408) and round 35's (--round 35, seeds 3501-3504, scripts/libvirt-hunt35-gen.ts) cut down
 * to their shape, each labelled by libvirt itself (libvirt-hunt35-cases.ts;
 * scripts/libvirt-hunt35-label.ts checks the labels on a live libvirtd): a schema refusal first even
 * where a later stage's check sees the same value, video checks in the QEMU driver's order and a
 * qxl card's sizes, an input's virtio model off the virtio bus, balloon and rng numbers as the
 * parser reads them, filesystem access modes, USB host device numbers, graphics listens, s390
 * mediated devices, post-parse device order, PCIe-to-PCI bridges per root port, and schema shapes
 * of iothreads, NUMA cells, controller drivers, SCSI host sources, shmem sizes and lock failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';
import { CASES } from './libvirt-hunt35-cases';
import { labelledFirstErrors } from './libvirtxml-fixtures';

labelledFirstErrors('hunt35', CASES);

const domain = (devices: string, top = '') => `<domain type="qemu"><name>t</name><memory unit="MiB">64</memory>${top}<os><type arch="x86_64" machine="q35">hvm</type></os><devices>${devices}</devices></domain>`;

test('a pcie-to-pci-bridge per root port is accepted, one more is refused (libvirt: "connect flags 2000" for the third of three beside two ports)', () => {
  const doc = (bridges: number, ports: number) => domain([
    ...Array.from({ length: ports }, (_, i) => `<controller type="pci" index="${i + 1}" model="pcie-root-port"/>`),
    ...Array.from({ length: bridges }, (_, i) => `<controller type="pci" index="${ports + i + 1}" model="pcie-to-pci-bridge"/>`),
  ].join(''));
  const errors = (x: string) => analyzeLibvirtXml(x).problems.filter((p) => p.severity === 'error').map((p) => p.message);
  assert.deepEqual(errors(doc(2, 2)), []);
  assert.ok(errors(doc(3, 2)).some((m) => m.startsWith('Cannot automatically add a new PCI bus for a device with connect flags 2000')), errors(doc(3, 2)).join('\n'));
});

const WATCHDOG = { timeout: 120_000 };

test('n bridges and root ports, USB host devices, balloon-like numbers and rdp listens: linear time', WATCHDOG, () => {
  const many = (n: number) => domain(
    Array.from({ length: n }, (_, i) => `<controller type="pci" index="${2 * i + 1}" model="pcie-root-port"/><controller type="pci" index="${2 * i + 2}" model="pcie-to-pci-bridge"/>`
      + `<hostdev mode="subsystem" type="usb"><source><vendor id="0x${(i % 0xfff + 1).toString(16)}"/><product id="${i === n - 1 ? 'beef' : '0x1'}"/></source></hostdev>`
      + `<graphics type="rdp"><listen type="${i === n - 1 ? 'none' : 'address'}"/></graphics>`).join(''),
    '<iothreads>1</iothreads>',
  );
  const errors = analyzeLibvirtXml(many(3)).problems.filter((p) => p.severity === 'error');
  assert.ok(errors.some((p) => /'beef'\. Expected non-negative integer value/.test(p.message)), errors.map((p) => p.message).join('\n'));
  const g = bestGrowth(many, analyzeLibvirtXml, 500, 3);
  assert.ok(g.ratio < 3, describeGrowth('n bridges, ports, USB host devices and rdp listens', 500, g));
});
