/**
 * Round 44: calm Nova-style domains, most of them valid and the rest with one thing wrong
 * (scripts/libvirt-hunt44-gen.ts, scripts/libvirt-hunt44-check.ts). The disagreements of seeds 4401,
 * 4402, 4403 and the held-out 4498 and 4499, the probes beside them, and a seeded sample of generated
 * domains bdm-lab already agreed on, in test/fixtures/libvirt-hunt44/cases.json, each labelled with
 * libvirt 9.0 itself (scripts/libvirt-hunt44-label.ts: the last line of `virsh define --validate` on
 * the QEMU driver; "accepts" where libvirt defined it): an enumerated value with blanks around it,
 * which the schema takes as a token and the parser refuses in its own words (a disk's driver cache,
 * io, discard, format, its type, device, bus and protocol, a secret's type, the cpu mode, match,
 * check and fallback, the clock offset and timers, the numatune mode, the memballoon, graphics,
 * interface, controller, video, input, chardev, console target, rng and watchdog values; a graphics
 * autoport with a blank is accepted); a driver name or auth username outside the schema's generic
 * name (a Ceph user written "client.cinder"), an empty secret usage; an NVMe disk's namespace 0 and
 * its host address; an SR-IOV interface's host address; a chardev's relative or empty <log file>;
 * and on q35 the buses libvirt adds for a written address, by the first device in its walk that
 * names one past the last bus: pcie-root-ports for a PCI Express device, a pcie-root-port, a
 * pcie-to-pci-bridge and pci-bridges for a conventional PCI one (an e1000 at slot 1 is valid there).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFirstErrors } from './libvirtxml-fixtures';
import { bestGrowth, describeGrowth } from './growth';

const CASES = JSON.parse(readFileSync(join(__dirname, '../fixtures/libvirt-hunt44/cases.json'), 'utf8')) as ReadonlyArray<{ name: string; xml: string; libvirt: string }>;

/** libvirt's words without its category and final stop. */
const words = (m: string) => m
  .replace(/^(XML error|internal error|unsupported configuration|invalid argument|argument unsupported): /, '')
  .replace(/\.$/, '');

labelledFirstErrors('hunt44', CASES, { words, schemaStages: ['schema', 'xml'] });

test('hunt44 cases: every one labelled, acceptances and refusals both, no host-only refusal', () => {
  assert.ok(CASES.length >= 100);
  for (const c of CASES) {
    assert.ok(c.libvirt, `${c.name} has no label`);
    assert.doesNotMatch(c.libvirt, /Cannot check QEMU binary|No emulator found|TPM version/, c.name);
  }
  assert.ok(CASES.filter((c) => c.libvirt === 'accepts').length >= 25);
  assert.ok(CASES.filter((c) => c.libvirt !== 'accepts').length >= 60);
  // the false refusals this round fixed: valid q35 domains with a conventional PCI device at slot 1
  assert.ok(CASES.filter((c) => c.libvirt === 'accepts' && /machine="(pc-)?q35[^"]*"/.test(c.xml) && /slot="0x01"/.test(c.xml)).length >= 5);
});

test('n blank-padded values and n q35 devices on buses libvirt adds: linear time', { timeout: 120_000 }, () => {
  const many = (n: number) => {
    const devs: string[] = [];
    for (let i = 0; i < n; i++) {
      const bus = (i % 120) * 2 + 1;
      const at = (b: number, s: number) => `<address type="pci" domain="0x0000" bus="0x${b.toString(16).padStart(2, '0')}" slot="0x0${s}" function="0x0"/>`;
      devs.push(`<interface type="ethernet"><model type="${i % 2 ? 'e1000' : 'virtio'}"/>${at(bus, i % 2)}</interface>`);
      devs.push(`<disk type="file" device="disk"><driver name="qemu" type="raw" cache="none "/><source file="/x${i}"/><target dev="vd${String.fromCharCode(97 + (i % 26))}${i}" bus="virtio"/></disk>`);
      devs.push(`<memballoon model="virtio "/><input type="tablet " bus="usb"/><serial type="pty"><log file="rel${i}"/></serial>`);
    }
    return `<domain type="kvm"><name>h44</name><memory>65536</memory><cpu mode="host-model "/><os><type machine="q35">hvm</type></os><devices>${devs.join('')}</devices></domain>`;
  };
  const g = bestGrowth(many, analyzeLibvirtXml, 150, 3);
  assert.ok(g.ratio < 3, describeGrowth('blank-padded values and q35 devices on added buses', 150, g));
});
