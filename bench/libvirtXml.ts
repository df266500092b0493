/**
 * The libvirt XML part of the benchmark (bench/run.ts): the documents, and the growth of the check
 * in one process along every dimension a hostile document can have. Growth is the median wall time
 * at 2N over the median at N, interleaved, each sample repeating the check until it takes about
 * 50 ms (a sample of a few milliseconds is mostly timer, scheduler and collector noise on a shared
 * machine); linear ≈ 2, quadratic ≈ 4.
 */
import { median } from './peers';

export function dev(i: number): string {
  let s = '';
  for (let k = i; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
  return 'vd' + s;
}

/** A domain with N file-backed virtio disks (valid for libvirt's schema). */
export function domainXml(disks: number): string {
  const out = ['<domain type="kvm">', '  <name>bench</name>', '  <memory unit="MiB">1024</memory>', '  <vcpu>1</vcpu>', '  <os>', '    <type arch="x86_64" machine="pc">hvm</type>', '  </os>', '  <devices>'];
  for (let i = 0; i < disks; i++) {
    out.push('    <disk type="file" device="disk">', '      <driver name="qemu" type="qcow2" cache="none"/>', `      <source file="/var/lib/libvirt/images/d${i}.qcow2"/>`, `      <target dev="${dev(i)}" bus="virtio"/>`, '    </disk>');
  }
  out.push('  </devices>', '</domain>', '');
  return out.join('\n');
}

/** One <driver> with N attributes libvirt does not know (one finding each). */
export function attributesXml(n: number): string {
  const attrs = Array.from({ length: n }, (_, i) => `x${i}="v${i}"`).join(' ');
  return `<domain type="kvm">\n  <devices>\n    <disk type="file" device="disk">\n      <driver name="qemu" ${attrs}/>\n      <source file="/x.qcow2"/>\n      <target dev="vda" bus="virtio"/>\n    </disk>\n  </devices>\n</domain>\n`;
}

const wrap = (inner: string, vcpus = 4) => `<domain type="kvm">\n  <memory unit="MiB">512</memory>\n  <vcpu>${vcpus}</vcpu>\n${inner}\n</domain>\n`;
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const oneDisk = (inside = '') => `    <disk type="file" device="disk"><source file="/x.qcow2"/><target dev="vda" bus="virtio"/>${inside}</disk>`;

/** [what, document of size N, N]: the dimensions a hostile document can grow in. */
export const XML_GROWTH: ReadonlyArray<readonly [string, (n: number) => string, number]> = [
  ['disks', domainXml, 1000],
  ['attributes of one element', attributesXml, 10000],
  ['PCI host devices (compared with each other)', (n) => wrap(`  <devices>\n${lines(n, (i) => `    <hostdev mode="subsystem" type="pci"><source><address domain="0" bus="${i >> 8}" slot="${i & 255}" function="0"/></source></hostdev>`)}\n  </devices>`), 2000],
  ['USB host devices', (n) => wrap(`  <devices>\n${lines(n, (i) => `    <hostdev mode="subsystem" type="usb"><source><vendor id="${i}"/><product id="1"/></source></hostdev>`)}\n  </devices>`), 2000],
  ['<vcpusched> elements (overlap check)', (n) => wrap(`  <cputune>\n${lines(n, (i) => `    <vcpusched vcpus="${i}" scheduler="fifo" priority="1"/>`)}\n  </cputune>`, n), 2000],
  ['<numatune><memnode> elements', (n) => wrap(`  <cpu><numa>\n${lines(n, (i) => `    <cell id="${i}" cpus="0" memory="1"/>`)}\n  </numa></cpu>\n  <numatune>\n${lines(n, (i) => `    <memnode cellid="${i}" mode="strict" nodeset="0"/>`)}\n  </numatune>`), 2000],
  ['nesting depth (one-pass reader)', (n) => wrap(`  <devices>\n${oneDisk(`${'<x>'.repeat(n)}${'</x>'.repeat(n)}`)}\n  </devices>`), 150],
  ['nesting depth (over 400: the full parser)', (n) => wrap(`  <metadata>${'<x>'.repeat(n)}${'</x>'.repeat(n)}</metadata>`), 2000],
  ['text length (a <serial> of N×10 characters with references)', (n) => wrap(`  <devices>\n${oneDisk(`<serial>${'ab&amp;cd_ef '.repeat(n)}</serial>`)}\n  </devices>`), 20000],
  ['comments', (n) => wrap(`  <devices>\n${'<!-- c -->\n'.repeat(n)}${oneDisk()}\n  </devices>`), 40000],
  ['namespace declarations on the root', (n) => wrap(`  <devices>\n${oneDisk()}\n  </devices>`).replace('<domain type="kvm"', `<domain type="kvm" ${lines(n, (i) => `xmlns:n${i}="urn:x${i}"`)}`), 5000],
  ['disks of a document that is not well-formed (the full parser)', (n) => domainXml(n).replace('</domain>', '</domain'), 1000],
];

export interface XmlGrowth { what: string; n: number; ratio: number; msN: number }

/** time(2N)/time(N) of `check` for each dimension, interleaved, medians of `reps` samples. */
export function xmlGrowth(check: (text: string) => unknown, reps: number): XmlGrowth[] {
  const out: XmlGrowth[] = [];
  for (const [what, make, n] of XML_GROWTH) {
    const a = make(n);
    const b = make(2 * n);
    check(a);
    check(b);
    const once = Math.max(timeRuns(check, a, 1), 1e-3);
    const k = Math.min(500, Math.max(1, Math.ceil(50 / once)));
    const ta: number[] = [];
    const tb: number[] = [];
    for (let i = 0; i < reps; i++) {
      ta.push(timeRuns(check, a, k));
      tb.push(timeRuns(check, b, k));
    }
    out.push({ what, n, ratio: median(tb) / median(ta), msN: median(ta) / k });
  }
  return out;
}

/**
 * Wall time of k checks, in a process of its own (bench/xmlGrowthChild.ts). Not CPU time: that
 * counts the collector's helper threads too, whose share moved a median of 9 by half from run to
 * run here; a growth ratio is of two sizes timed alike, interleaved, so load touches both.
 */
function timeRuns(check: (text: string) => unknown, text: string, k: number): number {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) check(text);
  return performance.now() - t0;
}
