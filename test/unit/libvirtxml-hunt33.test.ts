/**
 * Round 33: the disagreements of scripts/libvirt-hunt34-check.ts --round 33 (the seeded domains of
 * scripts/libvirt-hunt33-gen.ts, seeds 3301-3305) with libvirt 9.0, each cut down to its shape
 * and labelled by libvirt itself (libvirtxml-hunt33-cases.ts; scripts/libvirt-cases-label.ts 33
 * checks the labels on a live libvirtd): the schema's types in <memtune>, <blkiotune>, <resource>,
 * <title>, <idmap>, <vcpus>, <iothreadids>, <genid>, <lease>, a SEV <launchSecurity> and an ISA
 * <address>; <vcpus> entries through the parser and both post-parses; spicevmc character devices;
 * fw_cfg entries; <bootloader>; the tuning elements past the schema; leases; and the QEMU
 * driver's order of the lifecycle actions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';
import { CASES } from './libvirtxml-hunt33-cases';
import { labelledFirstErrors } from './libvirtxml-fixtures';

labelledFirstErrors('hunt33', CASES);

test('a SEV <launchSecurity> is noted as the host\'s to judge, not refused', () => {
  const xml = CASES.find((c) => c.name === 'sev-without-policy')!.xml.replace('<cbitpos>47</cbitpos>', '<cbitpos>47</cbitpos><policy>0x0003</policy>');
  const problems = analyzeLibvirtXml(xml).problems;
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  assert.ok(problems.some((p) => p.id === 'LIBVIRT-DOMAIN-HOST-DEPENDENT' && /SEV launch security is not supported with this QEMU binary/.test(p.message)));
});

const domain = (top: string, devices = '') => `<domain type="qemu"><name>t</name><memory unit="MiB">64</memory>${top}<os><type arch="x86_64" machine="pc">hvm</type></os><devices>${devices}</devices></domain>`;
const WATCHDOG = { timeout: 120_000 };

test('n <vcpus> entries, the last vCPU offline and not hotpluggable: refused at that one, in n log n time', WATCHDOG, () => {
  const many = (n: number) => domain(`<vcpu>${n}</vcpu><vcpus>${Array.from({ length: n }, (_, i) => `<vcpu id="${i}" enabled="${i === n - 1 ? 'no' : 'yes'}" hotpluggable="no" order="${i + 1}"/>`).join('')}</vcpus>`);
  const errors = analyzeLibvirtXml(many(3)).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((p) => p.message), ["vcpu '2' is both offline and not hotpluggable."]);
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n vcpus entries', 2000, g));
});

test('n blkio devices, n leases and n parallel ports, the last blkio path a repeat of the first: refused once, in linear time', WATCHDOG, () => {
  const many = (n: number) => domain(
    `<blkiotune>${Array.from({ length: n }, (_, i) => `<device><path>/dev/disk/by-id/d${i === n - 1 ? 0 : i}</path><weight>500</weight></device>`).join('')}</blkiotune>`,
    Array.from({ length: n }, (_, i) => `<lease><lockspace>s${i}</lockspace><key>k${i}</key><target path="/var/lib/l${i}"/></lease><parallel type="null"><address type="isa" iobase="0x378" irq="0x7"/></parallel>`).join(''),
  );
  const errors = analyzeLibvirtXml(many(3)).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors.map((p) => p.message), ["duplicate blkio device path '/dev/disk/by-id/d0'."]);
  const g = bestGrowth(many, analyzeLibvirtXml, 2000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n blkio devices, leases and parallel ports', 2000, g));
});
