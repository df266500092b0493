/**
 * Round 30: CPU and memory tuning as libvirt 9.0 reads it (scripts/libvirt-tuning-gen.ts, run by
 * scripts/libvirt-define-check.ts --tuning 80 --first on seeds 3001-3012), and the first-error
 * disagreements of the whole-domain generator on the same seeds. The parser reads the domain in a
 * fixed order whatever the document's: the memory backing (a hugepage nodeset), <vcpu> (its cpuset
 * before current=, the cpuset unread with placement="auto"), the iothreads, <cputune> (vcpupin,
 * emulatorpin, iothreadpin, vcpusched, iothreadsched; a vcpupin of a vCPU the domain lacks is
 * ignored whole), the NUMA cells (a cell's <distances> after its vCPUs), <numatune> (<memory>
 * before <memnode>, automatic placement refused before missing cells). The hugepage sizes are
 * compared with the domain-wide checks after every device (page by page: an intersecting earlier
 * nodeset, then a node past the guest's, node 0 itself without NUMA cells), on-demand allocation
 * and an anonymous source with the QEMU driver's. <cputune>'s numbers and scheduler parameters as
 * the schema types them and the validation's quota/shares ranges; a CCW address, the memory
 * device's node, the disks walked by the bus as written (a disk without bus= in a group of its
 * own), an iotune group refused at its first disk in that walk, the PIIX3/Q35 controller places
 * before the machine's own functions, and an mdev's boot order before its display. Each fixture
 * (test/fixtures/libvirtdomain/*-hunt30-*) was labelled by libvirt 9.0 itself
 * (scripts/libvirt-label.ts --write --only hunt30- on qemu:///system).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { stagedFixtures } from './libvirtxml-fixtures';
import { bestGrowth, describeGrowth } from './growth';

/** refused fixture → the rule of bdm-lab's first error (libvirt's words, or a schema finding). */
const FIRST_RULE: Record<string, string> = {
  // the parser's order of the domain's own elements
  'refuse-hunt30-hugepage-nodeset-before-vcpu-cpuset.xml': 'LIBVIRT-DOMAIN-HUGEPAGES',
  'refuse-hunt30-vcpu-cpuset-before-current.xml': 'LIBVIRT-DOMAIN-CPUSET',
  'refuse-hunt30-iothreadids-dup-before-numa-overlap.xml': 'LIBVIRT-DOMAIN-IOTHREAD-IDS',
  'refuse-hunt30-iothread-id-zero-before-disk-iothread-zero.xml': 'LIBVIRT-DOMAIN-IOTHREAD-IDS',
  'refuse-hunt30-iothreadpin-zero.xml': 'LIBVIRT-DOMAIN-IOTHREAD-IDS',
  'refuse-hunt30-vcpupin-before-vcpusched-in-doc.xml': 'LIBVIRT-DOMAIN-CPUSET',
  'refuse-hunt30-vcpupin-before-iothreadpin-in-doc.xml': 'LIBVIRT-DOMAIN-CPUSET',
  'refuse-hunt30-vcpusched-range-backwards.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-vcpusched-without-vcpus.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-numa-distance-local-not-10.xml': 'LIBVIRT-DOMAIN-NUMA-CELLS',
  'refuse-hunt30-numa-distance-remote-10.xml': 'LIBVIRT-DOMAIN-NUMA-CELLS',
  'refuse-hunt30-numa-distance-sibling-beyond-cells.xml': 'LIBVIRT-DOMAIN-NUMA-CELLS',
  'refuse-hunt30-numatune-memory-before-memnode.xml': 'LIBVIRT-DOMAIN-NUMATUNE-NODESET',
  'refuse-hunt30-memnode-auto-placement-before-no-cells.xml': 'LIBVIRT-DOMAIN-NUMATUNE-NODESET',
  'refuse-hunt30-memnode-before-two-master-hugepages.xml': 'LIBVIRT-DOMAIN-NUMATUNE-NODESET',
  // huge pages: the QEMU driver's memory checks, then the domain-wide comparison after the devices
  'refuse-hunt30-hugepages-ondemand.xml': 'LIBVIRT-DOMAIN-HUGEPAGES',
  'refuse-hunt30-hugepages-anonymous-source.xml': 'LIBVIRT-DOMAIN-HUGEPAGES',
  'refuse-hunt30-duplicate-target-before-hugepage-intersect.xml': 'LIBVIRT-DOMAIN-DUPLICATE-TARGET',
  'refuse-hunt30-hugepages-intersect-before-node-missing.xml': 'LIBVIRT-DOMAIN-HUGEPAGES',
  'refuse-hunt30-hugepages-node-0-without-cells.xml': 'LIBVIRT-DOMAIN-HUGEPAGES',
  // <cputune>'s schema and the validation's ranges
  'refuse-hunt30-batch-with-priority.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-fifo-without-priority.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-emulatorpin-twice.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-period-below-1000.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-quota-below-1000.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-shares-1.xml': 'LIBVIRT-DOMAIN-VCPUSCHED',
  'refuse-hunt30-vcpupin-vcpu-negative.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  // the NUMA schema
  'refuse-hunt30-numa-distance-value-schema.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-hunt30-numa-distances-empty.xml': 'LIBVIRT-DOMAIN-NUMA-CELLS',
  'refuse-hunt30-numatune-auto-with-nodeset.xml': 'LIBVIRT-DOMAIN-NUMATUNE-NODESET',
  'refuse-hunt30-memnode-cellid-negative.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  'refuse-hunt30-memnode-nodeset-blank-before-iothreadpin.xml': 'LIBVIRT-DOMAIN-NUMATUNE-NODESET',
  'refuse-hunt30-root-port-port-256.xml': 'LIBVIRT-XML-ATTR-NUMBER',
  // the whole-domain generator's disagreements (seeds 3004, 3005, 3006, 3009)
  'refuse-hunt30-topology-before-ccw-address.xml': 'LIBVIRT-DOMAIN-CPU-TOPOLOGY',
  'refuse-hunt30-piix3-usb-before-isa-slot.xml': 'LIBVIRT-DOMAIN-CONTROLLER-MACHINE',
  'refuse-hunt30-q35-sata-before-isa-slot.xml': 'LIBVIRT-DOMAIN-CONTROLLER-MACHINE',
  'refuse-hunt30-iotune-group-first-in-walk.xml': 'LIBVIRT-DOMAIN-IOTUNE-GROUP',
  'refuse-hunt30-walk-busless-disk-group-after-scsi.xml': 'LIBVIRT-DISK-PROTOCOL-QEMU',
  'refuse-hunt30-disk-before-memory-device-node.xml': 'LIBVIRT-DISK-BUS-OPTION',
  'refuse-hunt30-mdev-boot-before-display.xml': 'LIBVIRT-DOMAIN-HOSTDEV-BOOT',
};

stagedFixtures('hunt30', FIRST_RULE, { files: 44, accepted: 4 });

const domain = (top: string, cpu = '', devices = '') =>
  `<domain type="qemu"><name>t</name><memory unit="MiB">256</memory>${top}<os><type arch="x86_64" machine="pc">hvm</type></os>${cpu}<features><acpi/></features><devices>${devices}</devices></domain>`;
const firstError = (xml: string) => analyzeLibvirtXml(xml).problems.find((p) => p.severity === 'error');
// the small cases (n = 3, or 2 for the huge pages) were labelled with virsh define --validate, libvirt 9.0
const WATCHDOG = { timeout: 120_000 };

test('n vcpusched elements before n vcpupins: the first vcpupin is libvirt\'s first error, in linear time', WATCHDOG, () => {
  // each vcpusched names an empty set, each vcpupin pins an existing vCPU to none: libvirt reads vcpupin first
  const many = (n: number) => domain(`<vcpu>${n}</vcpu><cputune>${Array.from({ length: n }, (_, i) => `<vcpusched vcpus="${i},^${i}" scheduler="batch"/>`).join('')}${Array.from({ length: n }, (_, i) => `<vcpupin vcpu="${i}" cpuset="${i},^${i}"/>`).join('')}</cputune>`);
  assert.equal(firstError(many(3))?.message, "Invalid value of 'cpuset': 0,^0 (it names no CPU).");
  const g = bestGrowth(many, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('cputune with n vcpusched and n vcpupin', 1000, g));
});

test('n NUMA cells with distances: the local distance is checked cell by cell, in linear time', WATCHDOG, () => {
  // every cell names itself at 10 and its neighbour at 20, but the last names itself at 20
  const many = (n: number) => domain(`<vcpu>${n}</vcpu>`, `<cpu><numa>${Array.from({ length: n }, (_, i) => `<cell id="${i}" cpus="${i}" memory="1024" unit="KiB"><distances><sibling id="${i}" value="${i === n - 1 ? 20 : 10}"/><sibling id="${(i + 1) % n}" value="20"/></distances></cell>`).join('')}</numa></cpu>`);
  assert.equal(firstError(many(3))?.message.startsWith("'value 20' is invalid for 'sibling id 2' under NUMA 'cell id 2'"), true);
  const g = bestGrowth(many, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n NUMA cells with distances', 1000, g));
});

test('n huge page sizes without NUMA cells: node 0 is the node libvirt names, in linear time', WATCHDOG, () => {
  const many = (n: number) => domain(`<memoryBacking><hugepages>${Array.from({ length: n }, (_, i) => `<page size="${2048 * (i + 1)}" unit="KiB" nodeset="0-${i + 1}"/>`).join('')}</hugepages></memoryBacking><vcpu>1</vcpu>`);
  assert.equal(firstError(many(2))?.message.startsWith('hugepages: node 0 not found'), true);
  const g = bestGrowth(many, analyzeLibvirtXml, 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('n huge page sizes', 1000, g));
});

test('n disks in one iotune group: refused at the first disk of libvirt\'s walk, in n log n', WATCHDOG, () => {
  const name = (i: number) => {
    let s = '';
    for (let k = i; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
    return s;
  };
  // written from the last name to the first: libvirt walks them by name, so the last written is first
  const many = (n: number) => domain('<vcpu>1</vcpu>', '', Array.from({ length: n }, (_, k) => {
    const i = n - 1 - k;
    return `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vd${name(i)}" bus="virtio"/><iotune><read_bytes_sec>${1000 + i}</read_bytes_sec><group_name>g</group_name></iotune></disk>`;
  }).join(''));
  assert.equal(firstError(many(3))?.message, "different iotunes for disks vda and vdb (group 'g').");
  const g = bestGrowth(many, analyzeLibvirtXml, 500, 3);
  assert.ok(g.ratio < 3, describeGrowth('n disks in one iotune group', 500, g));
});
