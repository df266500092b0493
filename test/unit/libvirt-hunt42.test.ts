/**
 * Round 42: whole domains as operators and Nova write them (scripts/libvirt-hunt42-gen.ts,
 * scripts/libvirt-hunt42-check.ts). The disagreements of seeds 4201, 4202, 4297 and 4299 and the
 * probes beside them, in test/fixtures/libvirt-hunt42/cases.json, each labelled with libvirt 9.0
 * itself (scripts/libvirt-hunt42-label.ts: the last line of `virsh define --validate` on the QEMU
 * driver; "accepts" where libvirt defined it): a graphics listen= against its first <listen>, said
 * as the graphics is read; the PCI addresses libvirt gives the parts of an ICH9 USB2 set written
 * without one (the first addressed part's slot, q35's own slots 1d and 1a first); a
 * pcie-to-pci-bridge whose root ports written addresses hold; a second PCI controller at index 0;
 * an interface <driver name> read only on virtio and hostdev interfaces; a PCI controller's
 * chassisNr and busNr ranges and the <target> options its model takes (with libvirt's modelName);
 * a root at index 1 after the index-0 model; a PCI host device's empty <source>; a NUMA cell's
 * id; the four ISA serial ports; and a seeded sample of generated domains bdm-lab already agreed on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFirstErrors } from './libvirtxml-fixtures';
import { bestGrowth, describeGrowth } from './growth';

const CASES = JSON.parse(readFileSync(join(__dirname, '../fixtures/libvirt-hunt42/cases.json'), 'utf8')) as ReadonlyArray<{ name: string; xml: string; libvirt: string }>;

/** libvirt's words without its category; the machine as written (libvirt names the one QEMU expands it to: pc-i440fx-7.2 / pc-q35-7.2 on the labelling host) */
const words = (m: string) => m
  .replace(/^(XML error|internal error|unsupported configuration|invalid argument|argument unsupported): /, '')
  .replace(/\.$/, '')
  .replace(/\bpc-i440fx-7\.2\b/g, 'pc')
  .replace(/\bpc-q35-7\.2\b/g, 'q35');

labelledFirstErrors('hunt42', CASES, { words, schemaStages: ['schema', 'xml'] });

test('hunt42 cases: every one labelled, refusals and acceptances both', () => {
  assert.ok(CASES.length >= 60);
  for (const c of CASES) assert.ok(c.libvirt, `${c.name} has no label`);
  assert.ok(CASES.filter((c) => c.libvirt === 'accepts').length >= 20);
  assert.ok(CASES.filter((c) => c.libvirt !== 'accepts').length >= 30);
});

test('n USB2 sets, n isa-serials, n PCI bridges with targets and n addressed devices: linear time', { timeout: 120_000 }, () => {
  const many = (n: number) => {
    const devs: string[] = ['<controller type="pci" index="0" model="pcie-root"/>'];
    for (let i = 0; i < n; i++) {
      devs.push(`<controller type="pci" index="${i + 1}" model="pcie-root-port"><target chassis="${(i % 255) + 1}" port="${i % 256}"/></controller>`);
      devs.push(`<controller type="usb" index="${i}" model="ich9-ehci1"><address type="pci" domain="0x0000" bus="0x${((i % 200) + 1).toString(16)}" slot="0x00" function="0x7"/></controller><controller type="usb" index="${i}" model="ich9-uhci1"><master startport="0"/></controller><controller type="usb" index="${i}" model="ich9-uhci2"><master startport="2"/></controller>`);
      devs.push(`<serial type="pty"><target type="isa-serial"${i % 3 ? ` port="${i % 4}"` : ''}/></serial>`);
      devs.push(`<interface type="user"><model type="${i % 2 ? 'e1000e' : 'virtio'}"/><driver name="${i % 2 ? 'vfio' : 'vhost'}"/></interface>`);
    }
    devs.push('<controller type="pci" model="pcie-to-pci-bridge"/>');
    return `<domain type="qemu"><name>h42</name><memory>65536</memory><os><type arch="x86_64" machine="q35">hvm</type></os><features><acpi/></features><devices>${devs.join('')}</devices></domain>`;
  };
  const g = bestGrowth(many, analyzeLibvirtXml, 150, 3);
  assert.ok(g.ratio < 3, describeGrowth('n USB2 sets, serials, root ports and interfaces', 150, g));
});
