/**
 * Seeded qemu domains for round 33 of the libvirt hunt (scripts/libvirt-hunt34-check.ts --round 33): the parts
 * of a domain no earlier generator wrote. <memtune>, <blkiotune>, <perf>, <idmap>, <keywrap>,
 * <launchSecurity>, <resource>, <sysinfo type="fwcfg">, <bootloader>, <vcpus>, <iothreadids>,
 * <title>/<description>/<metadata>, direct kernel boot, and the devices <lease> and <parallel>.
 * Each part has ordinary values and doubtful ones from a small budget per document, so most
 * documents stay near the line. Same seed, same documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';



const UNITS = ['KiB', 'MiB', 'GiB', 'k', 'M', 'b'];

function memtune(g: Chooser): string {
  if (!g.maybe(0.3)) return '';
  const parts: string[] = [];
  for (const el of ['hard_limit', 'soft_limit', 'swap_hard_limit', 'min_guarantee']) {
    if (!g.maybe(el === 'min_guarantee' ? 0.1 : 0.45)) continue;
    const unit = g.maybe(0.6) ? ` unit="${g.odd(UNITS, ['xb', 'KB ', ''])}"` : '';
    parts.push(`<${el}${unit}>${g.odd(['1048576', '2097152', '524288', '65536', '9007199254740988'], ['-1', 'abc', '', '1.5', '18446744073709551615'])}</${el}>`);
  }
  return `<memtune>${parts.join('')}</memtune>`;
}

function blkiotune(g: Chooser): string {
  if (!g.maybe(0.3)) return '';
  const parts: string[] = [];
  if (g.maybe(0.6)) parts.push(`<weight>${g.odd(['100', '500', '1000'], ['99', '1001', '0', 'x', '10'])}</weight>`);
  const n = g.maybe(0.6) ? 1 + (g.maybe(0.25) ? 1 : 0) : 0;
  for (let i = 0; i < n; i++) {
    const path = g.odd(['/dev/sda', '/dev/vdb', '/dev/disk/by-id/x'], ['sda', '', '/dev/sda'], 0.25);
    const inner: string[] = [`<path>${path}</path>`];
    if (g.maybe(0.5)) inner.push(`<weight>${g.odd(['100', '800'], ['5', '2000', '0'])}</weight>`);
    for (const f of ['read_iops_sec', 'write_iops_sec', 'read_bytes_sec', 'write_bytes_sec']) {
      if (g.maybe(0.3)) inner.push(`<${f}>${g.odd(['1000', '10485760'], ['-5', 'x', '0'])}</${f}>`);
    }
    if (g.maybe(0.1)) g.pick([() => inner.reverse()])();
    parts.push(`<device>${inner.join('')}</device>`);
  }
  return `<blkiotune>${parts.join('')}</blkiotune>`;
}

function perf(g: Chooser): string {
  if (!g.maybe(0.2)) return '';
  const events = ['cmt', 'mbmt', 'mbml', 'cpu_cycles', 'instructions', 'cache_misses', 'branch_misses', 'stalled_cycles_frontend', 'alignment_faults', 'emulation_faults'];
  const n = 1 + Math.floor(g.pick([0, 1, 2]));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`<event name="${g.odd(events, ['bogus', 'CMT', ''])}" enabled="${g.odd(['yes', 'no'], ['on', 'true', ''])}"/>`);
  return `<perf>${out.join('')}</perf>`;
}

function idmap(g: Chooser): string {
  if (!g.maybe(0.12)) return '';
  const one = (t: string) => `<${t} start="${g.odd(['0'], ['1', '-1', 'x'], 0.15)}" target="${g.odd(['1000', '100000'], ['-3', 'y'])}" count="${g.odd(['10', '65536'], ['0', 'z'])}"/>`;
  const parts = [one('uid'), ...(g.maybe(0.7) ? [one('gid')] : []), ...(g.maybe(0.1) ? [one('uid')] : [])];
  return `<idmap>${parts.join('')}</idmap>`;
}

function keywrap(g: Chooser): string {
  if (!g.maybe(0.12)) return '';
  const n = g.pick([1, 2, 2, 3]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`<cipher name="${g.odd(['aes', 'dea'], ['des', 'AES'])}" state="${g.odd(['on', 'off'], ['yes', ''])}"/>`);
  return `<keywrap>${out.join('')}</keywrap>`;
}

function launchSecurity(g: Chooser): string {
  if (!g.maybe(0.1)) return '';
  const type = g.odd(['sev', 's390-pv'], ['sev-snp', 'bogus', '']);
  if (type !== 'sev') return `<launchSecurity type="${type}"/>`;
  const parts: string[] = [];
  if (g.odd([true], [false])) parts.push(`<cbitpos>${g.odd(['47', '51'], ['x', '-1'])}</cbitpos>`);
  if (g.odd([true], [false])) parts.push(`<reducedPhysBits>${g.odd(['1'], ['q'])}</reducedPhysBits>`);
  if (g.odd([true], [false])) parts.push(`<policy>${g.odd(['0x0003', '0x0001'], ['3', 'zz'])}</policy>`);
  if (g.maybe(0.2)) parts.push('<dhCert>AAAA</dhCert>');
  return `<launchSecurity type="sev"${g.maybe(0.15) ? ` kernelHashes="${g.odd(['yes', 'no'], ['maybe'])}"` : ''}>${parts.join('')}</launchSecurity>`;
}

function resource(g: Chooser): string {
  if (!g.maybe(0.15)) return '';
  const part = g.maybe(0.85) ? `<partition>${g.odd(['/machine', '/machine/tenant'], ['machine', '', '/'])}</partition>` : '';
  const fc = g.maybe(0.2) ? `<fibrechannel appid="${g.odd(['userid1', 'a'.repeat(32)], ['', 'a'.repeat(129), 'bad id'])}"/>` : '';
  return `<resource>${part}${fc}</resource>`;
}

function sysinfo(g: Chooser): string {
  if (!g.maybe(0.2)) return '';
  const n = g.pick([1, 1, 2, 3]);
  const entries: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = g.odd([`opt/com.example/e${i}`, 'opt/org.x/name'], ['etc/x', 'x', '', 'opt/com.example/e0']);
    entries.push(g.maybe(0.25) ? `<entry name="${name}" file="${g.odd(['/tmp/fw.bin'], ['rel.bin'])}"/>` : `<entry name="${name}">${g.odd(['value'], [''])}</entry>`);
  }
  return `<sysinfo type="fwcfg">${entries.join('')}</sysinfo>`;
}

function vcpuPart(g: Chooser): { vcpu: string; vcpus: string; iothreads: string } {
  const n = g.pick([1, 2, 4]);
  const current = g.maybe(0.2) ? ` current="${g.odd([String(Math.max(1, n / 2))], ['0', String(n + 1)])}"` : '';
  const vcpu = `<vcpu${current}>${n}</vcpu>`;
  let vcpus = '';
  if (g.maybe(0.25)) {
    const list: string[] = [];
    const count = g.odd([n], [n + 1, Math.max(0, n - 1)]);
    for (let i = 0; i < count; i++) {
      const id = g.odd([String(i)], [String(n + 3), 'x', '0'], 0.1);
      const enabled = i === 0 ? g.odd(['yes'], ['no']) : g.pick(['yes', 'no']);
      const hot = g.maybe(0.5) ? ` hotpluggable="${i === 0 ? g.odd(['no'], ['yes']) : g.pick(['yes', 'no'])}"` : '';
      const order = g.maybe(0.3) ? ` order="${g.odd([String(i + 1)], ['0', '1'])}"` : '';
      list.push(`<vcpu id="${id}" enabled="${enabled}"${hot}${order}/>`);
    }
    vcpus = `<vcpus>${list.join('')}</vcpus>`;
  }
  let iothreads = '';
  if (g.maybe(0.25)) {
    const t = g.pick([1, 2, 3]);
    const ids = g.maybe(0.5) ? `<iothreadids>${Array.from({ length: g.odd([t], [t + 1, Math.max(1, t - 1)]) }, (_, i) => `<iothread id="${g.odd([String(i + 1)], ['0', '1', 'x'], 0.1)}"/>`).join('')}</iothreadids>` : '';
    iothreads = `<iothreads>${t}</iothreads>${ids}`;
  }
  return { vcpu, vcpus, iothreads };
}

function osPart(g: Chooser): string {
  const parts = ['<type arch="x86_64" machine="pc">hvm</type>'];
  if (g.maybe(0.2)) {
    if (g.odd([true], [false])) parts.push('<kernel>/var/lib/k/vmlinuz</kernel>');
    if (g.maybe(0.5)) parts.push('<initrd>/var/lib/k/initrd</initrd>');
    if (g.maybe(0.5)) parts.push(`<cmdline>${g.odd(['console=ttyS0 root=/dev/vda'], [''])}</cmdline>`);
    if (g.maybe(0.15)) parts.push('<dtb>/var/lib/k/x.dtb</dtb>');
  }
  if (g.maybe(0.1)) parts.push(`<boot dev="${g.odd(['hd', 'cdrom', 'network', 'fd'], ['usb', 'disk'])}"/>`);
  return `<os>${parts.join('')}</os>`;
}

function meta(g: Chooser): string {
  let s = '';
  if (g.maybe(0.15)) s += `<title>${g.odd(['short title'], ['two\nlines', ''])}</title>`;
  if (g.maybe(0.15)) s += `<description>${g.odd(['some words\nover lines', ''], [])}</description>`;
  if (g.maybe(0.15)) {
    s += `<metadata>${g.odd(['<app1:foo xmlns:app1="http://example.org/app1/">x</app1:foo>', '<x:y xmlns:x="http://e.org/x"/><z:y xmlns:z="http://e.org/z"/>', ''], ['<plain>x</plain>', '<a:b xmlns:a="http://e.org/a"/><c:d xmlns:c="http://e.org/a"/>'])}</metadata>`;
  }
  return s;
}

function devices(g: Chooser): string {
  const out: string[] = [];
  if (g.maybe(0.2)) {
    const n = g.pick([1, 1, 2]);
    for (let i = 0; i < n; i++) {
      const ls = g.odd(['<lockspace>somearea</lockspace>', ''], ['<lockspace></lockspace>']);
      const key = g.odd(['<key>somekey</key>'], ['', '<key></key>']);
      const tgt = g.odd([`<target path="/some/lease/path"${g.maybe(0.5) ? ` offset="${g.odd(['1024', '0'], ['-1', 'x'])}"` : ''}/>`], ['', '<target offset="1"/>']);
      out.push(`<lease>${ls}${key}${tgt}</lease>`);
    }
  }
  if (g.maybe(0.3)) {
    const n = g.pick([1, 1, 2, 3]);
    for (let i = 0; i < n; i++) {
      const type = g.odd(['pty', 'null', 'file', 'unix', 'tcp'], ['spicevmc', 'bogus', 'vc', 'dev']);
      let src = '';
      if (type === 'file') src = g.odd(['<source path="/tmp/par.log"/>'], ['']);
      if (type === 'unix') src = g.odd(['<source mode="bind" path="/tmp/par.sock"/>'], ['<source mode="bind"/>']);
      if (type === 'tcp') src = g.odd(['<source mode="bind" host="127.0.0.1" service="4555"/>'], ['<source mode="connect" host="127.0.0.1"/>']);
      if (type === 'dev') src = '<source path="/dev/parport0"/>';
      const port = g.maybe(0.5) ? `<target port="${g.odd([String(i)], ['4', '-1', String(Math.max(0, i - 1))])}"/>` : '';
      const addr = g.maybe(0.1) ? g.odd(['<address type="isa" iobase="0x378" irq="7"/>'], ['<address type="pci" domain="0x0000" bus="0x00" slot="0x09" function="0x0"/>']) : '';
      out.push(`<parallel type="${type}">${src}${port}${addr}</parallel>`);
    }
  }
  return out.join('');
}

function lifecycle(g: Chooser): string {
  if (!g.maybe(0.2)) return '';
  return `<on_poweroff>${g.odd(['destroy', 'restart'], ['preserve', 'rename-restart', 'coredump-destroy'])}</on_poweroff>`
    + `<on_reboot>${g.odd(['restart', 'destroy'], ['preserve', 'rename-restart'])}</on_reboot>`
    + `<on_crash>${g.odd(['destroy', 'restart', 'coredump-destroy', 'coredump-restart', 'preserve'], ['rename-restart', 'bogus'])}</on_crash>`;
}

/** One document of seed s. */
export function hunt33Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), 1 + Math.floor(rng(seed ^ 0x33)() * 3));
  const bootloader = g.maybe(0.08) ? `<bootloader>/usr/bin/pygrub</bootloader>${g.maybe(0.5) ? '<bootloader_args>--append single</bootloader_args>' : ''}` : '';
  const { vcpu, vcpus, iothreads } = vcpuPart(g);
  const genid = g.maybe(0.05) ? `<genid>${g.odd(['', 'c0ffee00-0000-4000-8000-000000000033'], ['x'])}</genid>` : '';
  const head = `<name>${name}</name>${genid}${meta(g)}<memory unit="MiB">64</memory>${blkiotune(g)}${memtune(g)}${vcpu}${vcpus}${iothreads}${resource(g)}${sysinfo(g)}${bootloader}${osPart(g)}${idmap(g)}`;
  const tail = `${lifecycle(g)}${perf(g)}<devices>${devices(g)}</devices>${keywrap(g)}${launchSecurity(g)}`;
  return `<domain type="qemu">${head}<features><acpi/></features>${tail}</domain>\n`;
}

export function hunt33Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt33-${seed}-${i}`, hunt33Document(seed * 7919 + i, `bdm-lab-h33-${seed}-${i}`)]);
  return out;
}
