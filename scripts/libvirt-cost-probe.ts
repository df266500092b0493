/**
 * Probe: "small text, huge work" in the libvirt XML checks. For every element the domain schema
 * table (server/src/libvirtxml/domainSchema.json, see scripts/libvirt-domain-catalog.mjs) reaches
 * from <domain> (every parent row -> child name edge), a minimal domain holds that element n times
 * with its attributes and text set to short extreme values (huge numbers, wide CPU sets, sizes with
 * every unit, every enumerated value, empty strings) or with each of its children inside; each
 * document is timed through analyzeLibvirtXml (CPU time, best of a few runs) at n and 2n. Reported:
 * microseconds per byte of document and the 2n/n ratio; flagged: above FLAG_X times the median
 * µs/byte, or a ratio above FLAG_RATIO. A few whole-document knobs (MANUAL) are timed the same way.
 *
 *   node --expose-gc --import tsx scripts/libvirt-cost-probe.ts [--n 500] [--runs 2] [--filter text] [--names file] [--med a,b] [--manual-only] [--schema-only] [--all]
 *   node --expose-gc --import tsx scripts/libvirt-cost-probe.ts --knobs        one knob at an everyday and at an extreme value
 *   node --import tsx scripts/libvirt-cost-probe.ts --show <case>             one copy and the wrapper, for a reproducer
 *   node --import tsx scripts/libvirt-cost-probe.ts --loop <case> [--n N] [--loops K]   run one case K times (for --cpu-prof)
 *   node --import tsx scripts/libvirt-cost-probe.ts --agg <file.cpuprofile> [top]       self time by function
 *
 * Cases are named "<path> :: <shape>", e.g. "domain/cputune/vcpupin :: short"; --filter and
 * --show/--loop match a substring (first match for --show/--loop).
 */
import { readFileSync } from 'node:fs';
import { analyzeLibvirtXml } from '../server/src/libvirtxml/analyze';
import table from '../server/src/libvirtxml/domainSchema.json';

type Code = number;
type Row = [string, (Record<string, Code> | 0)?, (Record<string, number> | 0)?, (Code | null)?, number?];
const T = table as unknown as { values: string[][]; elements: Row[] };

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const has = (name: string) => args.includes(name);

const FLAG_X = 10;
const FLAG_RATIO = 3;

// ---------------------------------------------------------------- values

/** Short values that a checker could expand into a lot of work. */
const SHORT = ['16383', '65535', '4294967295', '18446744073709551615', '0-16383', '0-16383,^5', '-1', '', '1e308', '0x7fffffffffffffff', '99999999999999999999', '1.2.3.4.5.6.7.8.9.10', '0-4294967295', 'ffffffffffffffff'];
/** Longer extremes, in a shape of their own (they would dominate the bytes of the short shape). */
const LONG = ['9'.repeat(309), Array.from({ length: 64 }, (_, i) => `${i * 256}-${i * 256 + 200}`).join(','), Array.from({ length: 200 }, (_, i) => String(i * 3)).join(','), '1.' + Array.from({ length: 60 }, (_, i) => String((i % 15) + 1)).join('.')];

function decode(code: Code | null | undefined): { values: string[]; free: boolean } | null {
  if (code === undefined || code === null) return null;
  if (code === 0) return { values: [], free: true };
  return { values: T.values[Math.abs(code) - 1] ?? [], free: code < 0 };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------- paths from <domain>

interface Edge {
  /** element names from <domain> to the element, <domain> first */
  path: string[];
  row: number;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  const pathOf = new Map<number, string[]>([[0, ['domain']]]);
  const queue = [0];
  out.push({ path: ['domain'], row: 0 });
  while (queue.length) {
    const r = queue.shift()!;
    const kids = T.elements[r][2] || {};
    for (const [name, c] of Object.entries(kids)) {
      const p = [...pathOf.get(r)!, name];
      out.push({ path: p, row: c });
      if (!pathOf.has(c)) {
        pathOf.set(c, p);
        queue.push(c);
      }
    }
  }
  return out;
}

/** Attributes that make an ancestor one libvirt reads in full (else a bare ancestor may be skipped). */
const ANCESTOR_ATTRS: Record<string, string> = {
  disk: 'type="file" device="disk"',
  controller: 'type="scsi" index="0" model="virtio-scsi"',
  interface: 'type="network"',
  hostdev: 'mode="subsystem" type="pci"',
  graphics: 'type="vnc"',
  serial: 'type="pty"',
  console: 'type="pty"',
  channel: 'type="pty"',
  parallel: 'type="pty"',
  filesystem: 'type="mount"',
  video: '',
  sound: 'model="ich9"',
  redirdev: 'bus="usb" type="spicevmc"',
  smartcard: 'mode="passthrough" type="spicevmc"',
  memory: '',
  rng: 'model="virtio"',
  tpm: 'model="tpm-crb"',
  input: 'type="tablet" bus="usb"',
  shmem: 'name="s"',
  memballoon: 'model="virtio"',
  watchdog: 'model="i6300esb"',
  panic: 'model="isa"',
  iommu: 'model="intel"',
  vsock: 'model="virtio"',
  crypto: 'model="virtio" type="qemu"',
  hub: 'type="usb"',
  audio: 'id="1" type="none"',
  seclabel: 'type="dynamic"',
  sysinfo: 'type="smbios"',
  cpu: '',
  launchSecurity: 'type="sev"',
};

const NSDECL = 'xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0" xmlns:lxc="http://libvirt.org/schemas/domain/lxc/1.0" xmlns:bhyve="http://libvirt.org/schemas/domain/bhyve/1.0" xmlns:xen="http://libvirt.org/schemas/domain/xen/1.0" xmlns:vmware="http://libvirt.org/schemas/domain/vmware/1.0"';

/** A minimal domain with `inner` placed at `path` (names under <domain>, the element's parent last). */
function domainWith(path: string[], inner: string): string {
  const open = (names: string[]) => names.map((n) => `<${n}${ANCESTOR_ATTRS[n] !== undefined && ANCESTOR_ATTRS[n] ? ' ' + ANCESTOR_ATTRS[n] : ''}>`).join('');
  const close = (names: string[]) => [...names].reverse().map((n) => `</${n}>`).join('');
  let top = '', os = '', devices = '';
  const rest = path.slice(1);
  if (!rest.length) top = inner;
  else if (rest[0] === 'devices') devices = open(rest.slice(1)) + inner + close(rest.slice(1));
  else if (rest[0] === 'os') os = open(rest.slice(1)) + inner + close(rest.slice(1));
  else top = open(rest) + inner + close(rest);
  return `<domain type="kvm" ${NSDECL}>\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <vcpu>4</vcpu>\n  <os>\n    <type arch="x86_64" machine="pc">hvm</type>\n${os}\n  </os>\n${top}\n  <devices>\n${devices}\n  </devices>\n</domain>\n`;
}

// ---------------------------------------------------------------- shapes

/** copy i of the element; `vals` are the extreme values it cycles through */
function elementCopy(row: number, i: number, vals: string[], enumMode: 'cycle' | 'extreme', withKids: boolean, depth = 0): string {
  const [name, attrs, kids, text] = T.elements[row];
  const parts: string[] = [];
  const names = Object.keys(attrs || {});
  names.forEach((a, k) => {
    const d = decode((attrs || {})[a])!;
    let v: string;
    if (d.values.length && (enumMode === 'cycle' || !d.free) && (enumMode === 'cycle' || (i + k) % 2 === 0)) v = d.values[(i + k) % d.values.length];
    else v = vals[(i + k) % vals.length];
    parts.push(`${a}="${esc(v)}"`);
  });
  const t = decode(text);
  let body = '';
  if (t) body = esc(t.values.length && (enumMode === 'cycle' || !t.free) ? t.values[i % t.values.length] : vals[i % vals.length]);
  if (withKids && depth < 1) for (const [, c] of Object.entries(kids || {})) body += elementCopy(c, i, vals, enumMode, false, depth + 1);
  return `<${name}${parts.length ? ' ' + parts.join(' ') : ''}${body ? `>${body}</${name}>` : '/>'}`;
}

interface Case {
  name: string;
  make: (n: number) => string;
  /** one copy and where it goes, for a reproducer */
  show?: () => string;
}

function schemaCases(): Case[] {
  const out: Case[] = [];
  for (const e of edges()) {
    const base = e.path.join('/');
    const parent = e.path.slice(0, -1);
    const shapes: Array<[string, (i: number) => string]> = [
      ['short', (i) => elementCopy(e.row, i, SHORT, 'extreme', false)],
      ['long', (i) => elementCopy(e.row, i, LONG, 'extreme', false)],
      ['enum', (i) => elementCopy(e.row, i, ['1'], 'cycle', false)],
    ];
    if (Object.keys(T.elements[e.row][2] || {}).length) shapes.push(['kids', (i) => elementCopy(e.row, i, SHORT, 'extreme', true)]);
    for (const [shape, copy] of shapes) {
      if (e.row === 0) {
        // <domain> itself: its attributes, once, with n of each child (the "kids" shape only)
        if (shape !== 'kids') continue;
      }
      out.push({
        name: `${base} :: ${shape}`,
        make: (n) => (e.row === 0 ? domainWith(['domain'], Array.from({ length: n }, (_, i) => elementCopy(e.row, i, SHORT, 'extreme', true).replace(/^<domain[^>]*>|<\/domain>$/g, '')).join('\n')) : domainWith(parent, Array.from({ length: n }, (_, i) => copy(i)).join('\n'))),
        show: () => `parent ${parent.join('/')}; copies 0..2:\n${[0, 1, 2].map(copy).join('\n')}`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- hand-made whole-document knobs

const rep = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const dom = (extra: string, devices = '', vcpu = '4') => `<domain type="kvm">\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <vcpu>${vcpu}</vcpu>\n${extra}\n  <os>\n    <type arch="x86_64" machine="q35">hvm</type>\n  </os>\n  <devices>\n${devices}\n  </devices>\n</domain>\n`;
const domOs = (os: string, devices = '') => dom('', devices).replace('</os>', os + '</os>');

const MANUAL: Case[] = [
  { name: 'manual vcpu 16384 + n <vcpus><vcpu>', make: (n) => dom(`<vcpus>${rep(n, (i) => `<vcpu id="${i}" enabled="yes" hotpluggable="yes" order="${i + 1}"/>`)}</vcpus>`, '', '16384') },
  { name: 'manual vcpu 16384 current=1 + n vcpus', make: (n) => dom(`<vcpus>${rep(n, (i) => `<vcpu id="${i * 3}" enabled="no" hotpluggable="yes"/>`)}</vcpus>`, '', '16384').replace('<vcpu>', '<vcpu current="1">') },
  { name: 'manual vcpu 16384 + n vcpupin 0-16383', make: (n) => dom(`<cputune>${rep(n, (i) => `<vcpupin vcpu="${i}" cpuset="0-16383"/>`)}</cputune>`, '', '16384') },
  { name: 'manual vcpu 4294967295 + n vcpupin', make: (n) => dom(`<cputune>${rep(n, (i) => `<vcpupin vcpu="${4294967295 - i}" cpuset="0-16383"/>`)}</cputune>`, '', '4294967295') },
  { name: 'manual vcpu 16384 + n emulatorpin/vcpusched', make: (n) => dom(`<cputune>${rep(n, () => `<emulatorpin cpuset="0-16383"/><vcpusched vcpus="0-16383,^5" scheduler="fifo" priority="1"/>`)}</cputune>`, '', '16384') },
  { name: 'manual iothreads 100000 + n iothreadpin', make: (n) => dom(`<iothreads>100000</iothreads><cputune>${rep(n, (i) => `<iothreadpin iothread="${100000 - i}" cpuset="0-16383"/>`)}</cputune>`) },
  { name: 'manual iothreads 4294967295 + n iothreadids', make: (n) => dom(`<iothreads>4294967295</iothreads><iothreadids>${rep(n, (i) => `<iothread id="${4294967295 - i}"/>`)}</iothreadids>`) },
  { name: 'manual iothreads 99999 + n iothreadsched iothreads=0', make: (n) => dom(`<iothreads>99999</iothreads><cputune>${'<iothreadsched iothreads="0" scheduler="fifo" priority="1"/>'.repeat(n)}</cputune>`) },
  { name: 'manual iothreads 100000 + n iothreadsched', make: (n) => dom(`<iothreads>100000</iothreads><cputune>${rep(n, () => `<iothreadsched iothreads="0-16383" scheduler="fifo" priority="1"/>`)}</cputune>`) },
  { name: 'manual iothreads 100000 + n disks iothread', make: (n) => dom('<iothreads>100000</iothreads>', rep(n, (i) => `<disk type="file" device="disk"><driver name="qemu" iothread="${100000 - i}"/><source file="/d${i}"/><target dev="vd${String.fromCharCode(97 + (i % 26))}${i}" bus="virtio"/></disk>`)) },
  { name: 'manual defaultiothread + n iothread pins 0-16383', make: (n) => dom(`<iothreads>4</iothreads><defaultiothread thread_pool_min="0" thread_pool_max="4294967295"/>${rep(n, () => '')}`, rep(n, (i) => `<disk type="file" device="disk"><driver name="qemu"><iothreads>${rep(4, (k) => `<iothread id="${k + 1}"><queue id="${4294967295 - k}"/></iothread>`)}</iothreads></driver><source file="/d${i}"/><target dev="vd${i}" bus="virtio"/></disk>`)) },
  { name: 'manual n usb controllers ports=4294967295', make: (n) => dom('', rep(n, (i) => `<controller type="usb" index="${i}" model="qemu-xhci" ports="4294967295"/>`)) },
  { name: 'manual n pci controllers index 4294967295-i', make: (n) => dom('', rep(n, (i) => `<controller type="pci" index="${4294967295 - i}" model="pcie-root-port"/>`)) },
  { name: 'manual n scsi controllers index huge', make: (n) => dom('', rep(n, (i) => `<controller type="scsi" index="${65535 - i}" model="virtio-scsi"/>`)) },
  { name: 'manual n virtio-serial ctrl ports/vectors huge', make: (n) => dom('', rep(n, (i) => `<controller type="virtio-serial" index="${i}" ports="4294967295" vectors="4294967295"/>`)) },
  { name: 'manual n sata disks drive addr controller huge', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="sd${i}" bus="sata"/><address type="drive" controller="${65535 - i}" bus="0" target="0" unit="${i}"/></disk>`)) },
  { name: 'manual n scsi disks unit 4294967295', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="sd${i}" bus="scsi"/><address type="drive" controller="0" bus="0" target="${i}" unit="4294967295"/></disk>`)) },
  { name: 'manual n pci addr bus/slot huge', make: (n) => dom('', rep(n, (i) => `<interface type="network"><source network="d"/><model type="virtio"/><address type="pci" domain="0xffff" bus="0xff" slot="0x1f" function="0x7" multifunction="on"/><!--${i}--></interface>`)) },
  { name: 'manual numa n cells + n x n distances', make: (n) => dom(`<cpu><numa>${rep(Math.round(Math.sqrt(n) * 2), (i, m = Math.round(Math.sqrt(n) * 2)) => `<cell id="${i}" cpus="${i}" memory="1"><distances>${rep(m, (j) => `<sibling id="${j}" value="${i === j ? 10 : 20}"/>`)}</distances></cell>`)}</numa></cpu>`, '', String(Math.round(Math.sqrt(n) * 2))) },
  { name: 'manual numa 1 cell + n distances siblings huge id', make: (n) => dom(`<cpu><numa><cell id="0" cpus="0-3" memory="1"><distances>${rep(n, (j) => `<sibling id="${4294967295 - j}" value="255"/>`)}</distances></cell></numa></cpu>`) },
  { name: 'manual numa n cells cpus 0-16383 overlapping', make: (n) => dom(`<cpu><numa>${rep(n, (i) => `<cell id="${i}" cpus="0-16383" memory="1"/>`)}</numa></cpu>`, '', '16384') },
  { name: 'manual numa n cells id 4294967295-i', make: (n) => dom(`<cpu><numa>${rep(n, (i) => `<cell id="${4294967295 - i}" cpus="${i}" memory="1"/>`)}</numa></cpu>`, '', String(n)) },
  { name: 'manual numa cells + n cache/interconnects', make: (n) => dom(`<cpu><numa><cell id="0" cpus="0-1" memory="1">${rep(n, (i) => `<cache level="${i % 4}" associativity="direct" policy="writeback"><size value="18446744073709551615" unit="EiB"/><line value="65535" unit="B"/></cache>`)}</cell><interconnects>${rep(n, (i) => `<latency initiator="0" target="${i}" type="access" value="4294967295"/>`)}</interconnects></numa></cpu>`) },
  { name: 'manual maxMemory slots=4294967295 + n dimms', make: (n) => dom(`<maxMemory slots="4294967295" unit="EiB">18446744073709551615</maxMemory><cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>`, rep(n, (i) => `<memory model="dimm"><target><size unit="EiB">16383</size><node>0</node></target><address type="dimm" slot="${4294967295 - i}" base="0xffffffffffffffff"/></memory>`)) },
  { name: 'manual memory slots big, n dimms no addr', make: (n) => dom(`<maxMemory slots="65535" unit="KiB">18446744073709551615</maxMemory><cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>`, rep(n, () => `<memory model="dimm"><target><size unit="b">1</size><node>0</node></target></memory>`)) },
  { name: 'manual n virtio-mem huge block/requested', make: (n) => dom(`<maxMemory slots="16" unit="GiB">64</maxMemory><cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>`, rep(n, () => `<memory model="virtio-mem"><target><size unit="EiB">16383</size><node>0</node><block unit="b">1</block><requested unit="EiB">16383</requested></target></memory>`)) },
  { name: 'manual n disks boot order huge', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vd${i}" bus="virtio"/><boot order="${4294967295 - i}"/></disk>`)) },
  { name: 'manual n disks boot order 2^64', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vd${i}" bus="virtio"/><boot order="${18446744073709551615n - BigInt(i)}"/></disk>`)) },
  { name: 'manual n interfaces boot order huge sparse', make: (n) => dom('', rep(n, (i) => `<interface type="network"><source network="d"/><boot order="${(i + 1) * 4000000}"/></interface>`)) },
  { name: 'manual n usb hubs port 1.2.3.4.5...', make: (n) => dom('<!-- -->', `<controller type="usb" index="0" model="qemu-xhci" ports="15"/>` + rep(n, (i) => `<hub type="usb"><address type="usb" bus="0" port="${[i % 15 + 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].join('.')}"/></hub>`)) },
  { name: 'manual n inputs usb port long dotted', make: (n) => dom('', `<controller type="usb" index="0" model="qemu-xhci" ports="15"/>` + rep(n, (i) => `<input type="tablet" bus="usb"><address type="usb" bus="0" port="${'1.'.repeat(30)}${i % 15 + 1}"/></input>`)) },
  { name: 'manual n usb inputs port 4294967295', make: (n) => dom('', `<controller type="usb" index="0" model="qemu-xhci" ports="15"/>` + rep(n, (i) => `<input type="tablet" bus="usb"><address type="usb" bus="${i}" port="4294967295"/></input>`)) },
  { name: 'manual n usb ctrl index huge + inputs', make: (n) => dom('', rep(n, (i) => `<controller type="usb" index="${65535 - i}" model="qemu-xhci" ports="15"/>`) + rep(n, (i) => `<input type="tablet" bus="usb"><address type="usb" bus="${65535 - i}" port="1"/></input>`)) },
  { name: 'manual n virtio-serial ports huge', make: (n) => dom('', rep(n, (i) => `<channel type="pty"><target type="virtio" name="c${i}"/><address type="virtio-serial" controller="${65535 - i}" bus="0" port="4294967295"/></channel>`)) },
  { name: 'manual n ccid smartcards slot huge', make: (n) => dom('', rep(n, (i) => `<smartcard mode="host"><address type="ccid" controller="${4294967295 - i}" slot="4294967295"/></smartcard>`)) },
  { name: 'manual n serial ports huge', make: (n) => dom('', rep(n, (i) => `<serial type="pty"><target port="${4294967295 - i}"/></serial>`)) },
  { name: 'manual n vsock cid huge', make: (n) => dom('', rep(n, (i) => `<vsock model="virtio"><cid auto="no" address="${4294967295 - i}"/></vsock>`)) },
  { name: 'manual n graphics port 65535 + websocket', make: (n) => dom('', rep(n, () => `<graphics type="vnc" port="65535" websocket="65535"/>`)) },
  { name: 'manual n spice port ranges', make: (n) => dom('', rep(n, () => `<graphics type="spice" port="65535" tlsPort="65535"/>`)) },
  { name: 'manual n hugepages size EiB', make: (n) => dom(`<memoryBacking><hugepages>${rep(n, (i) => `<page size="${16383 - i}" unit="EiB" nodeset="0-16383"/>`)}</hugepages></memoryBacking>`) },
  { name: 'manual n cachetune vcpus 0-16383 + monitors', make: (n) => dom(`<cputune>${rep(n, (i) => `<cachetune vcpus="${i}"><cache id="${4294967295 - i}" level="3" type="both" size="18446744073709551615" unit="EiB"/><monitor level="3" vcpus="0-16383"/></cachetune>`)}</cputune>`, '', '16384').replace('type="kvm"', 'type="qemu"') },
  { name: 'manual n memorytune nodes huge', make: (n) => dom(`<cputune>${rep(n, (i) => `<memorytune vcpus="${i}"><node id="${4294967295 - i}" bandwidth="4294967295"/><monitor vcpus="0-16383"/></memorytune>`)}</cputune>`, '', '16384') },
  { name: 'manual n sysinfo memory_device entries', make: (n) => dom(`<sysinfo type="smbios">${rep(n, () => `<chassis><entry name="asset">x</entry></chassis>`)}</sysinfo>`) },
  { name: 'manual n os boot dev + bootmenu timeout huge', make: (n) => domOs(rep(n, () => `<boot dev="hd"/><bootmenu enable="yes" timeout="4294967295"/><bios useserial="yes" rebootTimeout="65535"/>`)) },
  { name: 'manual n os smbios + cmdline long', make: (n) => domOs(rep(n, () => `<smbios mode="sysinfo"/><cmdline>${'x '.repeat(40)}</cmdline>`)) },
  { name: 'manual n hostdev pci domain 0xffffffff', make: (n) => dom('', rep(n, (i) => `<hostdev mode="subsystem" type="pci"><source><address domain="0xffffffff" bus="0xff" slot="0x1f" function="${i % 8}"/></source><address type="pci" domain="0xffff" bus="0xff" slot="0x1f" function="${i % 8}"/></hostdev>`)) },
  { name: 'manual n pci-expander busNr huge', make: (n) => dom('', `<controller type="pci" index="0" model="pcie-root"/>` + rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pcie-expander-bus"><target busNr="${4294967295 - i}"><node>${4294967295 - i}</node></target></controller>`)) },
  { name: 'manual n pci-root-port chassis/port huge', make: (n) => dom('', `<controller type="pci" index="0" model="pcie-root"/>` + rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pcie-root-port"><target chassis="${4294967295 - i}" port="0xffffffff" hotplug="on"/></controller>`)) },
  { name: 'manual n pci-bridge chain bus = index huge', make: (n) => dom('', `<controller type="pci" index="0" model="pcie-root"/>` + rep(n, (i) => `<controller type="pci" index="${i + 1}" model="pcie-to-pci-bridge"><address type="pci" domain="0" bus="${255 - (i % 255)}" slot="0" function="0"/></controller>`)) },
  { name: 'manual n interfaces mtu/queues huge', make: (n) => dom('', rep(n, () => `<interface type="network"><source network="d"/><model type="virtio"/><driver queues="4294967295" rx_queue_size="32768" tx_queue_size="4294967295"/><mtu size="4294967295"/><bandwidth><inbound average="18446744073709551615" peak="4294967295" burst="4294967295" floor="4294967295"/></bandwidth></interface>`)) },
  { name: 'manual n interfaces vlan tags', make: (n) => dom('', `<interface type="bridge"><source bridge="b"/><vlan trunk="yes">${rep(n, (i) => `<tag id="${4095 - (i % 4095)}" nativeMode="tagged"/>`)}</vlan></interface>`) },
  { name: 'manual n disk iotune huge', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vd${i}" bus="virtio"/><iotune><total_bytes_sec>18446744073709551615</total_bytes_sec><total_iops_sec_max_length>18446744073709551615</total_iops_sec_max_length><group_name>g</group_name></iotune></disk>`)) },
  { name: 'manual n disk driver queues huge', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><driver name="qemu" type="qcow2" queues="4294967295" queue_size="4294967295"/><source file="/d${i}"/><target dev="vd${i}" bus="virtio"/><blockio logical_block_size="4294967295" physical_block_size="4294967295"/><geometry cyls="4294967295" heads="4294967295" secs="4294967295"/></disk>`)) },
  { name: 'manual n disks target dev long letters', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vd${'z'.repeat(20)}${String.fromCharCode(97 + (i % 26))}" bus="virtio"/></disk>`)) },
  { name: 'manual n disks target dev sd/hd huge index', make: (n) => dom('', rep(n, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="hd${'zzzzzzz'}${String.fromCharCode(97 + (i % 26))}" bus="ide"/></disk>`)) },
  { name: 'manual n blkiotune weights huge', make: (n) => dom(`<blkiotune><weight>4294967295</weight>${rep(n, (i) => `<device><path>/d${i}</path><weight>4294967295</weight><read_bytes_sec>18446744073709551615</read_bytes_sec></device>`)}</blkiotune>`) },
  { name: 'manual n memtune limits EiB', make: (n) => dom(rep(n, () => `<memtune><hard_limit unit="EiB">16383</hard_limit><soft_limit unit="b">18446744073709551615</soft_limit><swap_hard_limit unit="EiB">16383</swap_hard_limit></memtune>`)) },
  { name: 'manual n idmap uid/gid ranges huge', make: (n) => dom(`<idmap>${rep(n, (i) => `<uid start="${i}" target="4294967295" count="4294967295"/><gid start="${i}" target="4294967295" count="4294967295"/>`)}</idmap>`).replace('type="kvm"', 'type="lxc"') },
  { name: 'manual n clock timers + adjustment huge', make: (n) => dom(`<clock offset="variable" adjustment="-18446744073709551615" basis="utc">${rep(n, () => `<timer name="tsc" frequency="18446744073709551615"><catchup threshold="4294967295" slew="4294967295" limit="4294967295"/></timer>`)}</clock>`) },
  { name: 'manual n perf events + pm', make: (n) => dom(`<perf>${rep(n, () => `<event name="cmt" enabled="yes"/>`)}</perf>`) },
  { name: 'manual n shmem size EiB msi vectors', make: (n) => dom('', rep(n, (i) => `<shmem name="s${i}"><model type="ivshmem-doorbell"/><size unit="EiB">16383</size><msi vectors="4294967295" ioeventfd="on"/></shmem>`)) },
  { name: 'manual n video vram/heads huge', make: (n) => dom('', rep(n, () => `<video><model type="qxl" ram="4294967295" vram="4294967295" vram64="18446744073709551615" vgamem="4294967295" heads="4294967295"/></video>`)) },
  { name: 'manual n rng rate period huge', make: (n) => dom('', rep(n, () => `<rng model="virtio"><rate bytes="4294967295" period="4294967295"/><backend model="random">/dev/urandom</backend></rng>`)) },
  { name: 'manual n memballoon stats period huge', make: (n) => dom('', rep(n, () => `<memballoon model="virtio"><stats period="4294967295"/></memballoon>`)) },
  { name: 'manual n tpm + sound codecs', make: (n) => dom('', rep(n, () => `<sound model="ich9">${'<codec type="duplex"/>'.repeat(4)}</sound>`)) },
];

const knobDom = (extra: string, devices = '', vcpu = '4', machine = 'q35') => dom(extra, devices, vcpu).replace('machine="q35"', `machine="${machine}"`);
/**
 * One knob, small against big: the same document with one count, index or size at an everyday value
 * and at an extreme one (--knobs). A big/small time far above 1 is work driven by a number's value.
 */
const KNOBS: Array<[string, (big: boolean) => string]> = [
  ['vcpu + <vcpus> one', (b) => knobDom('<vcpus><vcpu id="0" enabled="yes" hotpluggable="no"/></vcpus>', '', b ? '4294967295' : '4')],
  ['vcpu current', (b) => knobDom('', '', b ? '4294967295' : '4').replace('<vcpu>', '<vcpu placement="static" current="1">')],
  ['cpu topology', (b) => knobDom(`<cpu><topology sockets="${b ? 4294967295 : 1}" dies="${b ? 4294967295 : 1}" clusters="1" cores="${b ? 4294967295 : 2}" threads="${b ? 4294967295 : 2}"/></cpu>`)],
  ['usb ports + 40 inputs no addr', (b) => knobDom('', `<controller type="usb" index="0" model="qemu-xhci" ports="${b ? 4294967295 : 15}"/>` + rep(40, () => '<input type="tablet" bus="usb"/>'))],
  ['virtio-serial ports + 40 channels no addr', (b) => knobDom('', `<controller type="virtio-serial" index="0" ports="${b ? 4294967295 : 31}"/>` + rep(40, (i) => `<channel type="pty"><target type="virtio" name="c${i}"/></channel>`))],
  ['pci root port index huge + 40 nics no addr', (b) => knobDom('', `<controller type="pci" index="0" model="pcie-root"/><controller type="pci" index="${b ? 4294967295 : 1}" model="pcie-root-port"/>` + rep(40, () => '<interface type="network"><source network="d"/><model type="virtio"/></interface>'))],
  ['pci-bridge index huge on pc + 40 nics', (b) => knobDom('', `<controller type="pci" index="0" model="pci-root"/><controller type="pci" index="${b ? 65535 : 1}" model="pci-bridge"/>` + rep(40, () => '<interface type="network"><source network="d"/><model type="e1000"/></interface>'), '4', 'pc')],
  ['scsi ctrl index huge + 40 scsi disks no addr', (b) => knobDom('', `<controller type="scsi" index="${b ? 4294967295 : 0}" model="virtio-scsi"/>` + rep(40, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="sd${String.fromCharCode(97 + i % 26)}${i}" bus="scsi"/></disk>`))],
  ['sata disks address controller huge', (b) => knobDom('', rep(40, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="sd${i}" bus="sata"/><address type="drive" controller="${b ? 4294967295 : 0}" bus="0" target="0" unit="${i % 6}"/></disk>`))],
  ['ide disk unit huge', (b) => knobDom('', `<disk type="file" device="disk"><source file="/d"/><target dev="hda" bus="ide"/><address type="drive" controller="${b ? 4294967295 : 0}" bus="${b ? 4294967295 : 0}" target="0" unit="${b ? 4294967295 : 0}"/></disk>`, '4', 'pc')],
  ['serial port huge + 40 serials no port', (b) => knobDom('', `<serial type="pty"><target port="${b ? 4294967295 : 0}"/></serial>` + rep(40, () => '<serial type="pty"/>'))],
  ['ccid slot huge + 40 smartcards', (b) => knobDom('', `<controller type="ccid" index="0"/><smartcard mode="host"><address type="ccid" controller="0" slot="${b ? 4294967295 : 0}"/></smartcard>` + rep(40, () => '<smartcard mode="host"/>'))],
  ['dimm slot huge + 40 dimms no addr', (b) => knobDom(`<maxMemory slots="${b ? 4294967295 : 64}" unit="GiB">64</maxMemory><cpu><numa><cell id="0" cpus="0-3" memory="512" unit="MiB"/></numa></cpu>`, `<memory model="dimm"><target><size unit="MiB">128</size><node>0</node></target><address type="dimm" slot="${b ? 4294967294 : 1}"/></memory>` + rep(40, () => '<memory model="dimm"><target><size unit="MiB">128</size><node>0</node></target></memory>'))],
  ['boot order huge + 40 boot-less disks', (b) => knobDom('', `<disk type="file" device="disk"><source file="/x"/><target dev="vdzz" bus="virtio"/><boot order="${b ? 4294967295 : 1}"/></disk>` + rep(40, (i) => `<disk type="file" device="disk"><source file="/d${i}"/><target dev="vd${String.fromCharCode(97 + i % 26)}${i}" bus="virtio"/><boot order="${i + 2}"/></disk>`))],
  ['usb ctrl index huge + 40 inputs', (b) => knobDom('', `<controller type="usb" index="${b ? 4294967295 : 0}" model="qemu-xhci"/>` + rep(40, () => '<input type="tablet" bus="usb"/>'))],
  ['numa cell id huge', (b) => knobDom(`<cpu><numa><cell id="${b ? 4294967295 : 0}" cpus="0-3" memory="1"/></numa></cpu>`)],
  ['numa memnode cellid huge', (b) => knobDom(`<numatune><memnode cellid="${b ? 4294967295 : 0}" mode="strict" nodeset="0"/></numatune><cpu><numa><cell id="0" cpus="0-3" memory="1"/></numa></cpu>`)],
  ['vsock cid huge', (b) => knobDom('', `<vsock model="virtio"><cid auto="no" address="${b ? 4294967295 : 3}"/></vsock>`)],
  ['graphics port huge', (b) => knobDom('', `<graphics type="vnc" port="${b ? 4294967295 : 5900}" websocket="${b ? 4294967295 : 5700}"/><graphics type="spice" port="${b ? 4294967295 : 5901}" tlsPort="${b ? 4294967295 : 5902}"/>`)],
  ['memory EiB + currentMemory', (b) => knobDom(`<currentMemory unit="${b ? 'EiB' : 'MiB'}">16383</currentMemory>`).replace('<memory unit="MiB">512', `<memory unit="${b ? 'EiB' : 'MiB'}">${b ? '18446744073709551615' : '512'}`)],
  ['hugepage size EiB + nodeset wide', (b) => knobDom(`<memoryBacking><hugepages><page size="${b ? 18446744073709551615n : 2048}" unit="${b ? 'EiB' : 'KiB'}" nodeset="${b ? '0-16383' : '0'}"/></hugepages></memoryBacking>`)],
  ['shmem size EiB', (b) => knobDom('', `<shmem name="s"><model type="ivshmem-plain"/><size unit="${b ? 'EiB' : 'M'}">${b ? '18446744073709551615' : 4}</size></shmem>`)],
  ['interface queues huge', (b) => knobDom('', `<interface type="network"><source network="d"/><model type="virtio"/><driver queues="${b ? 4294967295 : 4}"/></interface>`)],
  ['disk queues huge', (b) => knobDom('', `<disk type="file" device="disk"><driver name="qemu" queues="${b ? 4294967295 : 4}"/><source file="/d"/><target dev="vda" bus="virtio"/></disk>`)],
  ['controller scsi queues huge', (b) => knobDom('', `<controller type="scsi" index="0" model="virtio-scsi"><driver queues="${b ? 4294967295 : 4}" iothread="${b ? 4294967295 : 0}"/></controller>`)],
  ['video heads/vram huge', (b) => knobDom('', `<video><model type="virtio" heads="${b ? 4294967295 : 1}" vram="${b ? 4294967295 : 16384}"/></video>`)],
  ['iothreads count alone', (b) => knobDom(`<iothreads>${b ? 99999 : 4}</iothreads>`)],
  ['iothreads count + 100 iothreadsched iothreads="0"', (b) => knobDom(`<iothreads>${b ? 99999 : 4}</iothreads><cputune>${'<iothreadsched iothreads="0" scheduler="fifo" priority="1"/>'.repeat(100)}</cputune>`)],
  ['usb port 1.2.3.4.5 x 2000 segments', (b) => knobDom('', `<controller type="usb" index="0" model="qemu-xhci"/><input type="tablet" bus="usb"><address type="usb" bus="0" port="${b ? Array(2000).fill('1').join('.') : '1'}"/></input>`)],
  ['pci addr multifunction funcs', (b) => knobDom('', `<interface type="network"><source network="d"/><address type="pci" domain="${b ? '0xffffffff' : '0'}" bus="${b ? '0xffffffff' : '0'}" slot="${b ? '0xffffffff' : '3'}" function="${b ? '0xffffffff' : '0'}"/></interface>`)],
];
// ---------------------------------------------------------------- timing

function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
}

/** a full collection before each sample when node runs with --expose-gc (one sample's garbage is not another's time) */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * The best (least) CPU time of one analysis of `a` and of `b`, sampled interleaved (both sizes see
 * the same load); a sample repeats the analysis k times, k chosen so a sample of `a` takes ~10 ms
 * (shorter samples are mostly timer and scheduler noise on a shared machine).
 */
function bestPair(a: string, b: string, runs: number): [number, number] {
  const once = Math.max(cpuMs(() => analyzeLibvirtXml(a)), 0.01);
  const k = Math.min(200, Math.max(1, Math.ceil(10 / once)));
  const sample = (t: string) => {
    gc();
    return cpuMs(() => {
      for (let j = 0; j < k; j++) analyzeLibvirtXml(t);
    }) / k;
  };
  let ba = Infinity, bb = Infinity;
  for (let r = 0; r < runs; r++) {
    ba = Math.min(ba, sample(a));
    bb = Math.min(bb, sample(b));
  }
  return [ba, bb];
}

interface Result {
  name: string;
  bytes: number;
  msN: number;
  ms2N: number;
  usPerByte: number;
  /** (time at 2n - time at n) / (bytes at 2n - bytes at n): the cost of a byte more, without the fixed cost */
  marginal: number;
  ratio: number;
}

function measure(c: Case, n: number, runs: number): Result {
  const a = c.make(n), b = c.make(2 * n);
  analyzeLibvirtXml(c.make(3));
  const [msN, ms2N] = bestPair(a, b, runs);
  return { name: c.name, bytes: a.length, msN, ms2N, usPerByte: (msN * 1000) / a.length, marginal: (Math.max(ms2N - msN, 0) * 1000) / Math.max(b.length - a.length, 1), ratio: ms2N / Math.max(msN, 0.05) };
}

const fmt = (r: Result, med: number, medM: number) => `${(r.usPerByte / med).toFixed(1).padStart(6)}x ${r.usPerByte.toFixed(3).padStart(8)}µs/B ${(r.marginal / medM).toFixed(1).padStart(6)}x ${r.marginal.toFixed(3).padStart(8)}µs/B ${r.ratio.toFixed(2).padStart(5)} ${r.msN.toFixed(1).padStart(8)}ms ${r.ms2N.toFixed(1).padStart(8)}ms ${String(r.bytes).padStart(8)}B  ${r.name}`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : 1;
}

// ---------------------------------------------------------------- profile aggregation

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
function aggregate(file: string, top: number): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const url = n.callFrame.url.replace(/^.*\/work\/main\//, '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, v] of rows) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}% ${(v / 1000).toFixed(0).padStart(7)}ms  ${k}`);
}

// ---------------------------------------------------------------- main

function main(): void {
  if (has('--agg')) return aggregate(opt('--agg', ''), Number(opt('--top', '25')));
  const all = [...(has('--manual-only') ? [] : schemaCases()), ...(has('--schema-only') ? [] : MANUAL)];
  const find = (s: string) => all.find((c) => c.name === s) ?? all.find((c) => c.name.includes(s));
  if (has('--show')) {
    const c = find(opt('--show', ''));
    if (!c) throw new Error('no such case');
    console.log(c.show ? c.show() : c.make(2));
    return;
  }
  const n = Number(opt('--n', '500'));
  if (has('--loop')) {
    const c = find(opt('--loop', ''));
    if (!c) throw new Error('no such case');
    const text = c.make(n);
    const loops = Number(opt('--loops', '5'));
    const t = cpuMs(() => { for (let k = 0; k < loops; k++) analyzeLibvirtXml(text); });
    console.log(`${c.name}: n=${n} ${text.length} B, ${(t / loops).toFixed(1)} ms per run`);
    return;
  }
  if (has('--knobs')) {
    const best = (t: string) => {
      analyzeLibvirtXml(t);
      let b = Infinity;
      for (let k = 0; k < 3; k++) {
        gc();
        b = Math.min(b, cpuMs(() => analyzeLibvirtXml(t)));
      }
      return b;
    };
    for (const [name, make] of KNOBS) {
      const small = best(make(false)), big = best(make(true));
      const out = analyzeLibvirtXml(make(true)).problems.reduce((a, p) => a + p.message.length, 0);
      console.log(`${(big / small).toFixed(1).padStart(7)}x  small ${small.toFixed(2).padStart(7)} ms  big ${big.toFixed(2).padStart(8)} ms  ${make(true).length} B in, ${out} B of messages  ${name}`);
    }
    return;
  }
  const runs = Number(opt('--runs', '2'));
  const filter = opt('--filter', '');
  // --names file: only the cases named there, one a line (e.g. the flagged ones of a first pass)
  const only = has('--names') ? new Set(readFileSync(opt('--names', ''), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) : null;
  const results: Result[] = [];
  const started = Date.now();
  for (const c of all) {
    if (filter && !c.name.includes(filter)) continue;
    if (only && !only.has(c.name)) continue;
    try {
      results.push(measure(c, n, runs));
    } catch (e) {
      console.log(`ERR ${c.name}: ${(e as Error).message.slice(0, 120)}`);
    }
  }
  // --med a,b: the medians of a full pass, to judge a re-run of a few cases against
  const given = has('--med') ? opt('--med', '').split(',').map(Number) : null;
  const med = given ? given[0] : median(results.map((r) => r.usPerByte));
  const medM = given ? given[1] : Math.max(median(results.map((r) => r.marginal)), 1e-4);
  console.log(`${results.length} cases, n=${n}, best of ${runs}, ${((Date.now() - started) / 1000).toFixed(0)} s; median ${med.toFixed(3)} µs/byte, marginal ${medM.toFixed(3)} µs/byte`);
  console.log('   xmed      µs/B  xmed(m) marg.µs/B  2n/n     at n    at 2n    bytes  case');
  // ratios of runs under a few milliseconds are timer and collector noise: those need 1 ms at n
  const flagged = results.filter((r) => r.usPerByte > FLAG_X * med || r.marginal > FLAG_X * medM || (r.ratio > FLAG_RATIO && r.msN >= 1));
  for (const r of flagged.sort((a, b) => b.marginal - a.marginal)) console.log(fmt(r, med, medM));
  if (has('--all')) {
    console.log('--- all');
    for (const r of results.sort((a, b) => b.marginal - a.marginal)) console.log(fmt(r, med, medM));
  }
}

main();
