/**
 * Seeded qemu domains for round 35 of the libvirt hunt (scripts/libvirt-hunt34-check.ts --round 35):
 * the device kinds and domain parts the earlier rounds wrote only lightly. Devices: <hostdev> (PCI,
 * USB, SCSI, mediated) with boot orders and addresses, <controller> models and indexes, <memballoon>,
 * <rng>, <tpm>, <watchdog>, <panic>, <shmem>, <iommu>, <vsock>, <smartcard>, <hub>, <graphics>
 * with each listen type, <video> models with heads and memory sizes, <serial>, <console> and
 * <channel> target types. Domain: <cpu> modes, topology, features and NUMA cells, <memoryBacking>,
 * <iothreads> and <cputune>, <os> firmware, loader, nvram and <boot> against per-device boot
 * orders, <features> (hyperv, kvm, smm, ioapic), <pm>, the <on_*> events, <seclabel>. Disks with
 * doubtful places: a drive address twice, a target twice, a bus its target name does not fit.
 * Each part has ordinary values and doubtful ones from a small budget per document (the shared
 * Chooser, scripts/libvirt-gen-lib.ts), so most documents stay near the line. Same seed, same
 * documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';

/** PCI slots handed out in order on the root bus, now and then one twice or one out of range. */
class Slots {
  private next = 0x0a;
  constructor(private readonly g: Chooser) {}
  address(p: number): string {
    if (!this.g.maybe(p)) return '';
    const slot = this.g.odd([`0x${(this.next++).toString(16)}`], ['0x1f', '0x20', `0x${Math.max(0x0a, this.next - 1).toString(16)}`], 0.12);
    return `<address type="pci" domain="0x0000" bus="0x00" slot="${slot}" function="${this.g.odd(['0x0'], ['0x8'], 0.04)}"/>`;
  }
}

/** Boot orders handed out to devices (when the document uses per-device boot), sometimes one twice. */
class Boots {
  private next = 1;
  constructor(private readonly g: Chooser, readonly perDevice: boolean) {}
  order(p: number): string {
    if (!this.perDevice || !this.g.maybe(p)) return this.g.bad(0.02) ? '<boot order="1"/>' : '';
    const n = this.g.odd([String(this.next++)], ['0', String(Math.max(1, this.next - 1)), 'x'], 0.1);
    return `<boot order="${n}"/>`;
  }
}

const DISK_BUSES = ['virtio', 'sata', 'scsi', 'usb', 'ide'];
const PREFIX: Readonly<Record<string, string>> = { virtio: 'vd', sata: 'sd', scsi: 'sd', usb: 'sd', ide: 'hd', fdc: 'fd' };

function disks(g: Chooser, q35: boolean, boots: Boots, s: Slots): { xml: string; scsi: boolean } {
  const n = g.pick([1, 1, 2, 2, 3]);
  const used = new Map<string, number>();
  const out: string[] = [];
  let scsi = false;
  for (let i = 0; i < n; i++) {
    let bus = g.pick(q35 ? DISK_BUSES.filter((b) => b !== 'ide') : DISK_BUSES);
    if (g.bad(0.08)) bus = g.pick(['ide', 'fdc', 'sd', 'xen']);
    const prefix = PREFIX[bus] ?? 'sd';
    const k = used.get(prefix) ?? 0;
    used.set(prefix, k + 1);
    let dev = `${prefix}${String.fromCharCode(97 + k)}`;
    if (g.bad(0.1)) dev = g.pick(['hda', 'vda', 'sda', 'xvda', 'fdb', 'sdaaaa', 'vd1']);
    if (i > 0 && g.bad(0.08)) dev = /dev="([^"]+)"/.exec(out[0]!)?.[1] ?? dev;
    if (bus === 'scsi') scsi = true;
    const device = bus === 'fdc' ? 'floppy' : g.odd(['disk', 'disk', 'disk', 'cdrom'], ['lun', 'floppy'], 0.05);
    const ro = device === 'cdrom' || g.bad(0.04) ? '<readonly/>' : '';
    let addr = '';
    if ((bus === 'scsi' || bus === 'sata' || bus === 'ide') && g.maybe(0.35)) {
      const unit = g.odd([String(k)], ['0', '7', '40'], 0.15);
      addr = `<address type="drive" controller="${g.odd(['0'], ['1', '5'], 0.05)}" bus="0" target="${g.odd(['0'], ['1', '3'], 0.06)}" unit="${unit}"/>`;
    } else if (bus === 'virtio') addr = s.address(0.2);
    else if (g.bad(0.03)) addr = '<address type="pci" domain="0x0000" bus="0x00" slot="0x0e" function="0x0"/>';
    const serial = g.maybe(0.1) ? `<serial>${g.odd(['disk-0001'], ['bad serial!'])}</serial>` : '';
    out.push(`<disk type="file" device="${device}"><driver name="qemu" type="${g.odd(['raw', 'qcow2'], ['vmdk'], 0.03)}"/><source file="/var/lib/libvirt/images/h35-${i}.img"/><target dev="${dev}" bus="${bus}"/>${ro}${serial}${boots.order(0.5)}${addr}</disk>`);
  }
  return { xml: out.join(''), scsi };
}

const CONTROLLER_MODELS: Readonly<Record<string, readonly string[]>> = {
  scsi: ['virtio-scsi', 'lsilogic', 'lsisas1068', 'lsisas1078', 'virtio-transitional', 'virtio-non-transitional'],
  usb: ['qemu-xhci', 'nec-xhci', 'ich9-ehci1', 'piix3-uhci', 'pci-ohci', 'none'],
  'virtio-serial': [''],
  sata: [''],
  ide: [''],
  ccid: [''],
};

function controllers(g: Chooser, q35: boolean, scsi: boolean, s: Slots): string {
  const out: string[] = [];
  const types = Object.keys(CONTROLLER_MODELS);
  const n = g.pick([0, 1, 1, 2, 3]);
  if (scsi && !g.bad(0.1)) out.push(`<controller type="scsi" index="0" model="${g.pick(['virtio-scsi', 'lsilogic', 'virtio-scsi'])}"/>`);
  for (let i = 0; i < n; i++) {
    let type = g.pick(types);
    if (type === 'ide' && q35 && !g.bad(0.3)) type = 'sata';
    const model = g.odd(CONTROLLER_MODELS[type]!, ['bogus', 'buslogic', 'ich9-uhci9', 'ncr53c90', 'am53c974', 'qusb2'], 0.1);
    const index = g.odd(['0', '1', '0'], ['-1', '300', 'x'], 0.08);
    const ports = type === 'usb' && g.maybe(0.3) ? ` ports="${g.odd(['4', '8', '15'], ['0', '16', '100'])}"` : '';
    const vectors = type === 'virtio-serial' && g.maybe(0.3) ? ` vectors="${g.odd(['4'], ['0', '-1'])}"` : '';
    const driver = (type === 'scsi' || type === 'virtio-serial') && g.maybe(0.3)
      ? `<driver${g.maybe(0.5) ? ` queues="${g.odd(['2', '4'], ['0'])}"` : ''}${g.maybe(0.4) ? ` iothread="${g.odd(['1'], ['9', '0'])}"` : ''}${g.maybe(0.3) ? ` cmd_per_lun="${g.odd(['8'], ['-1'])}"` : ''}/>`
      : '';
    out.push(`<controller type="${type}" index="${index}"${model ? ` model="${model}"` : ''}${ports}${vectors}>${driver}${type === 'ccid' || type === 'ide' ? '' : s.address(0.15)}</controller>`);
  }
  if (q35 && g.maybe(0.3)) {
    const k = g.pick([1, 2, 3]);
    for (let i = 1; i <= k; i++) out.push(`<controller type="pci" index="${g.odd([String(i)], ['0', String(i + 40)], 0.08)}" model="${g.odd(['pcie-root-port', 'pcie-root-port', 'pcie-to-pci-bridge'], ['pci-bridge', 'pci-root', 'pcie-switch-upstream-port'], 0.1)}"/>`);
  } else if (!q35 && g.maybe(0.2)) out.push(`<controller type="pci" index="${g.odd(['1'], ['0', '2'])}" model="${g.odd(['pci-bridge'], ['pcie-root-port', 'pci-expander-bus'])}"/>`);
  return out.join('');
}

function hostdevs(g: Chooser, boots: Boots, s: Slots): string {
  if (!g.maybe(0.35)) return '';
  const out: string[] = [];
  for (let i = 0, n = g.pick([1, 1, 2]); i < n; i++) {
    const kind = g.pick(['pci', 'pci', 'usb', 'usb', 'scsi', 'mdev']);
    const managed = g.maybe(0.6) ? ` managed="${g.odd(['yes', 'no'], ['maybe'])}"` : '';
    if (kind === 'pci') {
      const slot = g.odd(['0x1f', '0x02', '0x03'], ['0x20', 'x'], 0.08);
      const fn = g.odd(['0x0', '0x1', '0x2'], ['0x8'], 0.05);
      const driver = g.maybe(0.25) ? `<driver name="${g.odd(['vfio'], ['kvm', 'xen', 'bogus'])}"/>` : '';
      const rom = g.maybe(0.15) ? `<rom bar="${g.odd(['on', 'off'], ['maybe'])}"/>` : '';
      out.push(`<hostdev mode="subsystem" type="pci"${managed}>${driver}<source><address domain="0x0000" bus="0x${g.pick(['00', '01', '03'])}" slot="${slot}" function="${fn}"/></source>${rom}${boots.order(0.3)}${s.address(0.25)}</hostdev>`);
    } else if (kind === 'usb') {
      const src = g.maybe(0.6)
        ? `<vendor id="${g.odd(['0x1234', '0x046d'], ['1234', '0x12345'])}"/><product id="${g.odd(['0xbeef', '0xc52b'], ['beef'])}"/>`
        : `<address bus="${g.odd(['1', '2'], ['x', '-1'])}" device="${g.odd(['3', '5'], ['0x'])}"/>`;
      const startup = g.maybe(0.15) ? ` startupPolicy="${g.odd(['optional', 'mandatory', 'requisite'], ['bogus'])}"` : '';
      const addr = g.maybe(0.2) ? `<address type="usb" bus="0" port="${g.odd(['1', '2'], ['9', '1.1'])}"/>` : g.bad(0.03) ? s.address(1) : '';
      out.push(`<hostdev mode="subsystem" type="usb"${managed}><source${startup}>${src}</source>${boots.order(0.3)}${addr}</hostdev>`);
    } else if (kind === 'scsi') {
      const sgio = g.maybe(0.2) ? ` sgio="${g.odd(['filtered', 'unfiltered'], ['bogus'])}"` : '';
      const rawio = g.maybe(0.15) ? ` rawio="${g.odd(['yes', 'no'], ['on'])}"` : '';
      const addr = g.maybe(0.4) ? `<address type="drive" controller="0" bus="0" target="0" unit="${g.odd(['1', '2', '3'], ['0', '40'], 0.1)}"/>` : g.bad(0.03) ? s.address(1) : '';
      out.push(`<hostdev mode="subsystem" type="scsi"${sgio}${rawio}><source><adapter name="${g.odd(['scsi_host0', 'scsi_host1'], ['host0', ''])}"/><address bus="0" target="${g.odd(['0', '1'], ['x'])}" unit="${g.odd(['0', '1'], ['-1'])}"/></source>${g.maybe(0.2) ? '<readonly/>' : ''}${g.maybe(0.1) ? '<shareable/>' : ''}${addr}</hostdev>`);
    } else {
      const model = g.odd(['vfio-pci', 'vfio-ccw', 'vfio-ap'], ['bogus', 'vfio']);
      const display = g.maybe(0.25) ? ` display="${g.odd(['on', 'off'], ['yes'])}"` : '';
      const ramfb = g.maybe(0.15) ? ` ramfb="${g.odd(['on', 'off'], ['maybe'])}"` : '';
      out.push(`<hostdev mode="subsystem" type="mdev" model="${model}"${display}${ramfb}><source><address uuid="${g.odd(['c2177883-f1bb-47f0-914d-32a22e3a8804'], ['not-a-uuid'])}"/></source>${boots.order(0.2)}${model === 'vfio-pci' ? s.address(0.2) : ''}</hostdev>`);
    }
  }
  return out.join('');
}

function memballoon(g: Chooser, s: Slots): string {
  if (!g.maybe(0.45)) return '';
  const model = g.odd(['virtio', 'virtio', 'none', 'virtio-transitional', 'virtio-non-transitional'], ['xen', 'bogus']);
  const auto = g.maybe(0.2) ? ` autodeflate="${g.odd(['on', 'off'], ['yes'])}"` : '';
  const fpr = g.maybe(0.2) ? ` freePageReporting="${g.odd(['on', 'off'], ['1'])}"` : '';
  const stats = g.maybe(0.3) ? `<stats period="${g.odd(['10', '30', '2147483647'], ['0', '-1', '2147483648', ' 5'])}"/>` : '';
  const driver = g.maybe(0.1) ? `<driver iommu="${g.odd(['on', 'off'], ['maybe'])}"/>` : '';
  return `<memballoon model="${model}"${auto}${fpr}>${stats}${driver}${model === 'none' && !g.bad(0.05) ? '' : s.address(0.2)}</memballoon>`;
}

function rngDevice(g: Chooser, s: Slots): string {
  if (!g.maybe(0.35)) return '';
  const model = g.odd(['virtio', 'virtio-transitional', 'virtio-non-transitional'], ['bogus']);
  const backend = g.odd([
    '<backend model="random">/dev/urandom</backend>',
    '<backend model="random">/dev/random</backend>',
    '<backend model="builtin"/>',
    '<backend model="egd" type="unix"><source mode="connect" path="/tmp/egd.sock"/></backend>',
    '<backend model="egd" type="tcp"><source mode="connect" host="127.0.0.1" service="1234"/></backend>',
  ], ['<backend model="random">dev/urandom</backend>', '<backend model="builtin">/dev/urandom</backend>', '<backend model="egd"/>', '<backend model="random">/dev/hwrng</backend>', '<backend model="egd" type="pty"/>']);
  const rate = g.maybe(0.25) ? `<rate bytes="${g.odd(['1024', '4294967295'], ['0', '4294967296', ' 9'])}"${g.maybe(0.5) ? ` period="${g.odd(['1000', '2000'], ['0', '4294967296'])}"` : ''}/>` : '';
  return `<rng model="${model}">${rate}${backend}${s.address(0.15)}</rng>`;
}

function tpm(g: Chooser, q35: boolean): string {
  if (!g.maybe(0.2)) return '';
  const model = g.odd(q35 ? ['tpm-crb', 'tpm-tis'] : ['tpm-tis', 'tpm-crb'], ['tpm-spapr', 'bogus', 'spapr-tpm-proxy'], 0.1);
  const backend = g.odd([
    `<backend type="passthrough"><device path="/dev/tpm0"/></backend>`,
    `<backend type="emulator" version="${g.odd(['2.0'], ['1.2'], 0.2)}"/>`,
  ], ['<backend type="passthrough"/>', '<backend type="bogus"/>', '<backend type="emulator" version="3.0"/>', '<backend type="external"><source type="unix" mode="connect" path="/tmp/tpm.sock"/></backend>']);
  const twice = g.bad(0.05) ? `<tpm model="${model}">${backend}</tpm>` : '';
  return `<tpm model="${model}">${backend}</tpm>${twice}`;
}

function watchdog(g: Chooser, s: Slots, q35: boolean): string {
  if (!g.maybe(0.2)) return '';
  const model = g.odd(q35 ? ['i6300esb', 'ib700', 'itco'] : ['i6300esb', 'ib700'], ['diag288', 'bogus', 'itco']);
  const action = g.odd(['reset', 'shutdown', 'poweroff', 'pause', 'none', 'dump', 'inject-nmi'], ['explode'], 0.05);
  return `<watchdog model="${model}" action="${action}">${model === 'i6300esb' ? s.address(0.2) : ''}</watchdog>`;
}

function panic(g: Chooser): string {
  if (!g.maybe(0.15)) return '';
  const model = g.odd(['isa', 'hyperv'], ['pvpanic', 'pseries', 's390', 'bogus']);
  const addr = model === 'isa' && g.maybe(0.4) ? `<address type="isa" iobase="${g.odd(['0x505', '0x506'], ['505', '0x12345'])}"/>` : g.bad(0.05) ? '<address type="pci" domain="0x0000" bus="0x00" slot="0x0e" function="0x0"/>' : '';
  return `<panic model="${model}">${addr}</panic>`;
}

function shmem(g: Chooser, s: Slots): string {
  if (!g.maybe(0.15)) return '';
  const model = g.odd(['ivshmem-plain', 'ivshmem-doorbell'], ['ivshmem', 'bogus']);
  const name = g.odd(['shm0', 'my_shm'], ['a/b', '.', '..']);
  const size = g.maybe(0.7) ? `<size unit="${g.odd(['M', 'MiB'], ['bogus'])}">${g.odd(['4', '8', '16'], ['3', '0'])}</size>` : '';
  const server = model === 'ivshmem-doorbell' && g.maybe(0.6) ? `<server path="${g.odd(['/tmp/ivshmem.sock'], ['tmp/sock'])}"/>` : '';
  const msi = g.maybe(0.2) ? `<msi vectors="${g.odd(['4'], ['0'])}" ioeventfd="${g.odd(['on', 'off'], ['yes'])}"/>` : '';
  return `<shmem name="${name}"><model type="${model}"/>${size}${server}${msi}${s.address(0.15)}</shmem>`;
}

function iommu(g: Chooser, q35: boolean): { dev: string; intel: boolean } {
  if (!g.maybe(0.15)) return { dev: '', intel: false };
  const model = g.odd(q35 ? ['intel', 'virtio'] : ['virtio'], ['smmuv3', 'bogus', 'intel']);
  const driver = model === 'intel' && g.maybe(0.6)
    ? `<driver${g.maybe(0.6) ? ` intremap="${g.odd(['on', 'off'], ['yes'])}"` : ''}${g.maybe(0.3) ? ` caching_mode="${g.odd(['on', 'off'], ['x'])}"` : ''}${g.maybe(0.3) ? ` eim="${g.odd(['on', 'off'], ['x'])}"` : ''}${g.maybe(0.2) ? ` aw_bits="${g.odd(['39', '48'], ['40', '0'])}"` : ''}/>`
    : g.bad(0.06) ? '<driver intremap="on"/>' : '';
  return { dev: `<iommu model="${model}">${driver}</iommu>`, intel: model === 'intel' };
}

function vsock(g: Chooser, s: Slots): string {
  if (!g.maybe(0.15)) return '';
  const model = g.maybe(0.4) ? ` model="${g.odd(['virtio', 'virtio-transitional', 'virtio-non-transitional'], ['bogus'])}"` : '';
  const cid = g.maybe(0.7) ? `<cid auto="${g.odd(['yes', 'no'], ['maybe'])}"${g.maybe(0.6) ? ` address="${g.odd(['3', '42'], ['0', '2', '-1'])}"` : ''}/>` : '';
  return `<vsock${model}>${cid}${s.address(0.15)}</vsock>`;
}

function smartcard(g: Chooser): string {
  if (!g.maybe(0.12)) return '';
  const mode = g.odd(['host', 'passthrough', 'host-certificates'], ['bogus']);
  const inner = mode === 'host-certificates'
    ? g.odd(['<certificate>cert1</certificate><certificate>cert2</certificate><certificate>cert3</certificate>'], ['<certificate>cert1</certificate>', ''])
    : mode === 'passthrough' ? `<source mode="bind" host="127.0.0.1" service="2001"/><protocol type="raw"/>` : '';
  const type = mode === 'passthrough' ? ` type="${g.odd(['tcp', 'spicevmc'], ['bogus'])}"` : '';
  const addr = g.maybe(0.2) ? `<address type="ccid" controller="${g.odd(['0'], ['1'])}" slot="0"/>` : '';
  return `<smartcard mode="${mode}"${type}>${inner}${addr}</smartcard>`;
}

function hub(g: Chooser): string {
  if (!g.maybe(0.1)) return '';
  const addr = g.maybe(0.4) ? `<address type="usb" bus="0" port="${g.odd(['1', '2'], ['9'])}"/>` : '';
  return `<hub type="${g.odd(['usb'], ['pci', 'bogus'])}">${addr}</hub>`;
}

function graphics(g: Chooser): { xml: string; spice: boolean } {
  if (!g.maybe(0.5)) return { xml: '', spice: false };
  const type = g.odd(['vnc', 'spice', 'vnc', 'egl-headless', 'dbus', 'sdl'], ['rdp', 'desktop', 'bogus']);
  const listenType = g.odd(['address', 'none', 'network', 'socket'], ['bogus', 'address']);
  const listen = type === 'vnc' || type === 'spice' || type === 'rdp' || g.bad(0.05)
    ? g.maybe(0.7)
      ? `<listen type="${listenType}"${listenType === 'address' ? ` address="${g.odd(['127.0.0.1', '0.0.0.0', '::1'], ['localhost.', '300.1.1.1'])}"` : ''}${listenType === 'network' && !g.bad(0.2) ? ' network="default"' : ''}${listenType === 'socket' && g.maybe(0.5) ? ` socket="${g.odd(['/tmp/vnc.sock'], ['tmp/vnc.sock'])}"` : ''}/>`
      : ''
    : '';
  const port = (type === 'vnc' || type === 'spice') && g.maybe(0.4) ? ` port="${g.odd(['-1', '5900', '5901'], ['70000', '5899', '0'])}"${g.maybe(0.3) ? ` autoport="${g.odd(['yes', 'no'], ['maybe'])}"` : ''}` : '';
  const gl = (type === 'spice' || type === 'dbus') && g.maybe(0.2) ? `<gl enable="${g.odd(['yes', 'no'], ['on'])}"/>`
    : type === 'egl-headless' && g.maybe(0.2) ? `<gl rendernode="${g.odd(['/dev/dri/renderD128'], ['renderD128'])}"/>` : '';
  const extra = type === 'sdl' && g.maybe(0.3) ? ` display=":0"` : type === 'dbus' && g.maybe(0.2) ? ` p2p="${g.odd(['no', 'yes'], ['maybe'])}"` : '';
  return { xml: `<graphics type="${type}"${port}${extra}>${listen}${gl}</graphics>`, spice: type === 'spice' };
}

const VIDEO = ['vga', 'cirrus', 'vmvga', 'qxl', 'virtio', 'bochs', 'ramfb', 'none'];

function videos(g: Chooser, s: Slots): string {
  if (!g.maybe(0.45)) return '';
  const out: string[] = [];
  for (let i = 0, n = g.odd([1], [2, 3], 0.15); i < n; i++) {
    const type = g.odd(VIDEO, ['gop', 'xen', 'vbox', 'bogus'], 0.08);
    const qxl = type === 'qxl' || g.bad(0.04);
    const heads = g.maybe(0.3) ? ` heads="${g.odd(['1', ...(type === 'qxl' || type === 'virtio' ? ['2', '4'] : [])], ['0', '2', '17'], 0.15)}"` : '';
    const vram = g.maybe(0.35) ? ` vram="${g.odd(['16384', '65536', '8192'], ['512', '0', '4194304', '-1'], 0.15)}"` : '';
    const sizes = qxl && g.maybe(0.4)
      ? `${g.maybe(0.5) ? ` ram="${g.odd(['65536'], ['4194304', '0'])}"` : ''}${g.maybe(0.5) ? ` vgamem="${g.odd(['16384', '8192'], ['512', '3000', '0'])}"` : ''}`
      : '';
    const primary = i === 0 && n > 1 && g.maybe(0.5) ? ' primary="yes"' : i > 0 && g.bad(0.05) ? ' primary="yes"' : '';
    const accel = g.maybe(0.15) ? `<acceleration accel3d="${g.odd(['no', type === 'virtio' ? 'yes' : 'no'], ['yes'])}"${g.maybe(0.4) ? ` accel2d="${g.odd(['no'], ['yes'])}"` : ''}/>` : '';
    const res = g.maybe(0.1) ? `<resolution x="${g.odd(['1024'], ['0'])}" y="768"/>` : '';
    out.push(`<video><model type="${type}"${heads}${vram}${sizes}${primary}>${accel}${res}</model>${type === 'ramfb' || type === 'none' ? '' : s.address(0.15)}</video>`);
  }
  return out.join('');
}

function chardevs(g: Chooser, spice: boolean): string {
  const out: string[] = [];
  if (g.maybe(0.5)) {
    const tt = g.odd(['isa-serial', 'usb-serial', 'pci-serial', ''], ['system-serial', 'spapr-vio-serial', 'sclp-serial', 'bogus'], 0.1);
    const model = tt && g.maybe(0.4)
      ? `<model name="${g.odd(tt === 'isa-serial' ? ['isa-serial'] : tt === 'usb-serial' ? ['usb-serial'] : tt === 'pci-serial' ? ['pci-serial'] : ['isa-serial'], ['16550a', 'pl011', 'bogus'])}"/>`
      : '';
    const type = g.odd(['pty', 'pty', 'null', 'file'], ['bogus']);
    out.push(`<serial type="${type}">${type === 'file' && !g.bad(0.2) ? '<source path="/tmp/serial.log"/>' : ''}<target${tt ? ` type="${tt}"` : ''} port="${g.odd(['0'], ['1', '4', '-1'], 0.06)}">${model}</target></serial>`);
  }
  if (g.maybe(0.4)) {
    const tt = g.odd(['serial', 'virtio', ''], ['xen', 'uml', 'lxc', 'openvz', 'sclp', 'sclplm', 'bogus'], 0.1);
    out.push(`<console type="pty"><target${tt ? ` type="${tt}"` : ''} port="${g.odd(['0'], ['1', '3'], 0.05)}"/></console>`);
  }
  if (g.maybe(0.45)) {
    const kind = g.odd(['virtio-unix', 'virtio-pty', 'guestfwd', 'spicevmc', 'virtio-qemu-vdagent'], ['guestfwd-noaddr', 'virtio-noname', 'bogus']);
    if (kind === 'virtio-unix') out.push(`<channel type="unix"><source mode="bind" path="/var/lib/libvirt/qemu/h35.agent"/><target type="virtio" name="${g.odd(['org.qemu.guest_agent.0'], ['org.qemu.guest_agent.0 x', ''])}"${g.maybe(0.2) ? ` state="${g.odd(['connected', 'disconnected'], ['up'])}"` : ''}/></channel>`);
    else if (kind === 'virtio-pty') out.push(`<channel type="pty"><target type="virtio" name="org.h35.test"/>${g.maybe(0.3) ? `<address type="virtio-serial" controller="0" bus="0" port="${g.odd(['1', '2'], ['0', '40'])}"/>` : ''}</channel>`);
    else if (kind === 'guestfwd') out.push(`<channel type="pipe"><source path="/tmp/guestfwd"/><target type="guestfwd" address="${g.odd(['10.0.2.1'], ['10.0.2'])}" port="${g.odd(['4600'], ['70000', 'x'])}"/></channel>`);
    else if (kind === 'spicevmc') out.push(`<channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel>${spice || g.bad(0.5) ? '' : '<graphics type="spice"/>'}`);
    else if (kind === 'virtio-qemu-vdagent') out.push('<channel type="qemu-vdagent"><source><clipboard copypaste="yes"/><mouse mode="client"/></source><target type="virtio" name="com.redhat.spice.0"/></channel>');
    else if (kind === 'guestfwd-noaddr') out.push('<channel type="pty"><target type="guestfwd" port="4600"/></channel>');
    else if (kind === 'virtio-noname') out.push('<channel type="pty"><target type="virtio"/></channel>');
    else out.push(`<channel type="pty"><target type="${g.pick(['xen', 'bogus'])}" name="x"/></channel>`);
  }
  return out.join('');
}

function inputs(g: Chooser): string {
  if (!g.maybe(0.3)) return '';
  const type = g.pick(['tablet', 'mouse', 'keyboard']);
  const bus = g.odd(type === 'tablet' ? ['usb', 'virtio'] : ['usb', 'virtio', 'ps2'], ['ps2', 'xen', 'bogus']);
  const model = g.maybe(0.15) ? ` model="${g.odd(bus === 'virtio' ? ['virtio'] : ['virtio'], ['virtio-transitional', 'virtio-non-transitional'])}"` : '';
  return `<input type="${type}" bus="${bus}"${model}/>`;
}

/** <cpu> with a mode, a topology matching the vCPUs (or not), features and NUMA cells (whose memory sums to the domain's, or not). */
function cpu(g: Chooser, vcpus: number, memKiB: number): { xml: string; cells: number } {
  if (!g.maybe(0.6)) return { xml: '', cells: 0 };
  const mode = g.odd(['host-model', 'host-passthrough', 'custom', 'maximum', 'custom'], ['bogus', 'host'], 0.08);
  const model = mode === 'custom' ? `<model fallback="${g.odd(['allow', 'forbid'], ['maybe'])}">${g.odd(['qemu64', 'Skylake-Client', 'EPYC', 'Westmere'], ['NoSuchCPU'], 0.05)}</model>` : g.bad(0.05) ? '<model>qemu64</model>' : '';
  const match = mode === 'custom' && g.maybe(0.4) ? ` match="${g.odd(['exact', 'minimum', 'strict'], ['bogus'])}"` : '';
  const check = g.maybe(0.2) ? ` check="${g.odd(['none', 'partial', 'full'], ['bogus'])}"` : '';
  let topology = '';
  if (g.maybe(0.5)) {
    const threads = g.pick([1, 2].filter((t) => vcpus % t === 0));
    const sockets = vcpus / threads;
    const wrong = g.bad(0.15);
    topology = `<topology sockets="${wrong ? sockets + 1 : sockets}"${g.maybe(0.3) ? ` dies="${g.odd(['1'], ['0', '2'], 0.1)}"` : ''} cores="1" threads="${threads}"/>`;
  }
  const features = g.maybe(0.35)
    ? Array.from({ length: g.pick([1, 2]) }, () => `<feature policy="${g.odd(['require', 'disable', 'optional', 'force', 'forbid'], ['bogus'])}" name="${g.odd(['vmx', 'svm', 'pcid', 'ssse3', 'x2apic'], ['', 'not_a_feature'], 0.08)}"/>`).join('')
    : '';
  let numa = '';
  let cells = 0;
  if (g.maybe(0.3)) {
    cells = g.pick([1, 2].filter((c) => vcpus % c === 0));
    const per = vcpus / cells;
    const share = Math.floor(memKiB / cells);
    const parts: string[] = [];
    for (let i = 0; i < cells; i++) {
      const cpus = per === 1 ? `${i}` : `${i * per}-${i * per + per - 1}`;
      const memory = i === cells - 1 ? memKiB - share * (cells - 1) : share;
      parts.push(`<cell id="${g.odd([String(i)], ['5', String(Math.max(0, i - 1))], 0.06)}" cpus="${g.odd([cpus], ['0-9', '', `${vcpus}`], 0.06)}" memory="${g.odd([String(memory)], [String(memory * 2), '0'], 0.06)}" unit="KiB"${g.maybe(0.15) ? ` memAccess="${g.odd(['shared', 'private'], ['bogus'])}"` : ''}${g.maybe(0.1) ? ` discard="${g.odd(['yes', 'no'], ['maybe'])}"` : ''}/>`);
    }
    numa = `<numa>${parts.join('')}</numa>`;
  }
  return { xml: `<cpu mode="${mode}"${match}${check}>${model}${topology}${features}${numa}</cpu>`, cells };
}

function memoryBacking(g: Chooser, cells: number): string {
  if (!g.maybe(0.3)) return '';
  const parts: string[] = [];
  if (g.maybe(0.3)) parts.push(`<hugepages>${g.maybe(0.5) ? `<page size="${g.odd(['2048', '1048576'], ['0', '3'])}" unit="KiB"${g.maybe(0.3) ? ` nodeset="${g.odd([cells ? '0' : '0'], ['7', 'x'])}"` : ''}/>` : ''}</hugepages>`);
  if (g.maybe(0.2)) parts.push('<nosharepages/>');
  if (g.maybe(0.3)) parts.push('<locked/>');
  if (g.maybe(0.4)) parts.push(`<source type="${g.odd(['file', 'anonymous', 'memfd'], ['bogus'])}"/>`);
  if (g.maybe(0.4)) parts.push(`<access mode="${g.odd(['shared', 'private'], ['bogus'])}"/>`);
  if (g.maybe(0.3)) parts.push(`<allocation mode="${g.odd(['immediate', 'ondemand'], ['bogus'])}"${g.maybe(0.3) ? ` threads="${g.odd(['2'], ['0'])}"` : ''}/>`);
  if (g.maybe(0.1)) parts.push('<discard/>');
  if (g.bad(0.04) && parts.length) parts.push(parts[0]!);
  return `<memoryBacking>${parts.join('')}</memoryBacking>`;
}

function iothreadsAndTune(g: Chooser, vcpus: number): { xml: string; threads: number } {
  let xml = '';
  let threads = 0;
  if (g.maybe(0.3)) {
    threads = g.pick([1, 2, 4]);
    xml += `<iothreads>${g.odd([String(threads)], ['0', '-1'], 0.05)}</iothreads>`;
    if (g.maybe(0.4)) xml += `<iothreadids>${Array.from({ length: threads }, (_, i) => `<iothread id="${g.odd([String(i + 1)], ['0', '1'], 0.06)}"/>`).join('')}</iothreadids>`;
  }
  if (g.maybe(0.3)) {
    const parts: string[] = [];
    if (g.maybe(0.6)) parts.push(`<vcpupin vcpu="${g.odd(['0', String(vcpus - 1)], [String(vcpus + 3), 'x'], 0.08)}" cpuset="${g.odd(['0', '0-1', '1'], ['', '9999', 'a'], 0.08)}"/>`);
    if (g.maybe(0.3)) parts.push(`<emulatorpin cpuset="${g.odd(['0', '0-1'], ['', '^0'])}"/>`);
    if (threads && g.maybe(0.4)) parts.push(`<iothreadpin iothread="${g.odd(['1'], [String(threads + 2), '0'], 0.1)}" cpuset="0"/>`);
    if (g.maybe(0.2)) parts.push(`<shares>${g.odd(['1024'], ['-1', 'x'])}</shares>`);
    if (g.maybe(0.2)) parts.push(`<period>${g.odd(['100000'], ['500', '2000000'])}</period><quota>${g.odd(['-1', '50000'], ['100', '0'])}</quota>`);
    if (g.maybe(0.15)) {
      const scheduler = g.odd(['fifo', 'rr', 'batch', 'idle'], ['bogus']);
      const priority = scheduler === 'fifo' || scheduler === 'rr' ? !g.bad(0.2) : g.bad(0.1);
      parts.push(`<vcpusched vcpus="0" scheduler="${scheduler}"${priority ? ` priority="${g.odd(['1', '10'], ['0', '100'])}"` : ''}/>`);
    }
    xml += `<cputune>${parts.join('')}</cputune>`;
  }
  return { xml, threads };
}

function osPart(g: Chooser, machine: string, boots: Boots): string {
  const firmware = g.maybe(0.25) ? g.odd(['efi', 'bios'], ['uefi', 'bogus'], 0.1) : '';
  const parts: string[] = [`<type arch="x86_64" machine="${machine}">hvm</type>`];
  if (g.maybe(0.3)) {
    const type = g.odd(['pflash', 'rom'], ['bogus'], 0.05);
    const path = firmware && !g.bad(0.2) ? '' : '/usr/share/OVMF/OVMF_CODE.fd';
    parts.push(`<loader${firmware && !g.bad(0.1) ? '' : ` readonly="${g.odd(['yes', 'no'], ['maybe'])}" type="${type}"`}${g.maybe(0.2) ? ` secure="${g.odd(['yes', 'no'], ['maybe'])}"` : ''}>${path}</loader>`);
    if (g.maybe(0.5)) parts.push(`<nvram${g.maybe(0.3) ? ' template="/usr/share/OVMF/OVMF_VARS.fd"' : ''}>/var/lib/libvirt/qemu/nvram/h35_VARS.fd</nvram>`);
  } else if (g.bad(0.04)) parts.push('<nvram>/var/lib/libvirt/qemu/nvram/h35_VARS.fd</nvram>');
  if (!boots.perDevice || g.bad(0.1)) {
    for (let i = 0, n = g.pick([0, 1, 1, 2]); i < n; i++) parts.push(`<boot dev="${g.odd(['hd', 'cdrom', 'network', 'fd'], ['usb', 'bogus'], 0.06)}"/>`);
  }
  if (g.maybe(0.2)) parts.push(`<bootmenu enable="${g.odd(['yes', 'no'], ['on'])}"${g.maybe(0.5) ? ` timeout="${g.odd(['3000', '0'], ['70000', '-1'])}"` : ''}/>`);
  if (g.maybe(0.1)) parts.push(`<bios useserial="${g.odd(['yes', 'no'], ['maybe'])}"${g.maybe(0.5) ? ` rebootTimeout="${g.odd(['0', '-1', '5000'], ['-2', '70000'])}"` : ''}/>`);
  if (g.maybe(0.1)) parts.push(`<smbios mode="${g.odd(['emulate', 'host'], ['bogus'])}"/>`);
  return `<os${firmware ? ` firmware="${firmware}"` : ''}>${parts.join('')}</os>`;
}

function features(g: Chooser, intelIommu: boolean, q35: boolean): string {
  const parts: string[] = [];
  if (!g.bad(0.05)) parts.push('<acpi/>');
  if (g.maybe(0.6)) parts.push('<apic/>');
  if (g.maybe(0.3)) {
    const hv: string[] = [];
    if (g.maybe(0.7)) hv.push(`<relaxed state="${g.odd(['on', 'off'], ['yes'])}"/>`);
    if (g.maybe(0.5)) hv.push('<vapic state="on"/>');
    if (g.maybe(0.4)) hv.push(`<spinlocks state="on" retries="${g.odd(['8191', '4095'], ['4094', '100'])}"/>`);
    if (g.maybe(0.3)) hv.push(`<vendor_id state="on" value="${g.odd(['KVM Hv', 'h35'], ['0123456789abc', 'a,b'])}"/>`);
    if (g.maybe(0.2)) hv.push(`<stimer state="on">${g.maybe(0.5) ? `<direct state="${g.odd(['on', 'off'], ['x'])}"/>` : ''}</stimer>`);
    if (g.maybe(0.2)) hv.push('<synic state="on"/>');
    if (g.maybe(0.2)) hv.push('<vpindex state="on"/>');
    if (g.maybe(0.15)) hv.push('<evmcs state="on"/>');
    parts.push(`<hyperv${g.maybe(0.2) ? ` mode="${g.odd(['custom', 'passthrough'], ['bogus'])}"` : ''}>${hv.join('')}</hyperv>`);
  }
  if (g.maybe(0.25)) {
    const kvm: string[] = [];
    if (g.maybe(0.6)) kvm.push(`<hidden state="${g.odd(['on', 'off'], ['yes'])}"/>`);
    if (g.maybe(0.4)) kvm.push('<hint-dedicated state="on"/>');
    if (g.maybe(0.3)) kvm.push('<poll-control state="on"/>');
    if (g.maybe(0.2)) kvm.push(`<dirty-ring state="on" size="${g.odd(['4096', '1024'], ['1000', '2'])}"/>`);
    parts.push(`<kvm>${kvm.join('')}</kvm>`);
  }
  if (g.maybe(0.2) || (q35 && g.bad(0.05))) parts.push(`<smm state="${g.odd(['on', 'off'], ['yes'])}">${g.maybe(0.3) ? `<tseg unit="MiB">${g.odd(['48', '16'], ['x'])}</tseg>` : ''}</smm>`);
  if (intelIommu ? !g.bad(0.3) : g.maybe(0.15)) parts.push(`<ioapic driver="${g.odd(['qemu', 'kvm'], ['bogus'])}"/>`);
  if (g.maybe(0.1)) parts.push(`<vmcoreinfo state="${g.odd(['on', 'off'], ['x'])}"/>`);
  if (g.maybe(0.1)) parts.push(`<pvspinlock state="${g.odd(['on', 'off'], ['x'])}"/>`);
  return parts.length ? `<features>${parts.join('')}</features>` : '';
}

function pm(g: Chooser): string {
  if (!g.maybe(0.25)) return '';
  return `<pm>${g.maybe(0.6) ? `<suspend-to-mem enabled="${g.odd(['yes', 'no'], ['on'])}"/>` : ''}${g.maybe(0.6) ? `<suspend-to-disk enabled="${g.odd(['yes', 'no'], ['maybe'])}"/>` : ''}</pm>`;
}

function events(g: Chooser): string {
  const out: string[] = [];
  if (g.maybe(0.3)) out.push(`<on_poweroff>${g.odd(['destroy', 'restart'], ['preserve', 'rename-restart', 'coredump-destroy', 'bogus'])}</on_poweroff>`);
  if (g.maybe(0.3)) out.push(`<on_reboot>${g.odd(['restart', 'destroy'], ['preserve', 'rename-restart', 'coredump-restart'])}</on_reboot>`);
  if (g.maybe(0.3)) out.push(`<on_crash>${g.odd(['destroy', 'restart', 'preserve', 'coredump-destroy', 'coredump-restart'], ['rename-restart', 'bogus'])}</on_crash>`);
  if (g.maybe(0.1)) out.push(`<on_lockfailure>${g.odd(['poweroff', 'restart', 'pause', 'ignore'], ['destroy'])}</on_lockfailure>`);
  return out.join('');
}

function seclabel(g: Chooser): string {
  if (!g.maybe(0.2)) return '';
  const model = g.odd(['dac', 'none', 'selinux', 'apparmor'], ['bogus']);
  const type = g.odd(['dynamic', 'static', 'none'], ['bogus']);
  if (model === 'none') return `<seclabel type="none"${g.bad(0.3) ? ' model="none"' : ''}/>`;
  const label = type === 'static' ? `<label>${model === 'dac' ? g.odd(['+0:+0', 'root:root'], ['']) : 'system_u:system_r:svirt_t:s0:c1,c2'}</label>` : g.bad(0.1) ? '<label>x</label>' : '';
  const relabel = g.maybe(0.3) ? ` relabel="${g.odd(type === 'dynamic' ? ['yes'] : ['yes', 'no'], ['maybe', 'no'])}"` : '';
  return `<seclabel type="${type}" model="${model}"${relabel}>${label}</seclabel>`;
}

/** One document of seed s. */
export function hunt35Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), Math.floor(rng(seed ^ 0x35)() * 3));
  const machine = g.pick(['pc', 'q35', 'q35']);
  const q35 = machine === 'q35';
  const s = new Slots(g);
  const boots = new Boots(g, g.maybe(0.4));
  const vcpus = g.pick([1, 2, 2, 4]);
  const memKiB = 131072;
  const c = cpu(g, vcpus, memKiB);
  const tune = iothreadsAndTune(g, vcpus);
  const dk = disks(g, q35, boots, s);
  const gr = graphics(g);
  const io = iommu(g, q35);
  const devices = [
    dk.xml, controllers(g, q35, dk.scsi, s), hostdevs(g, boots, s), chardevs(g, gr.spice), inputs(g), gr.xml, videos(g, s), watchdog(g, s, q35),
    memballoon(g, s), rngDevice(g, s), tpm(g, q35), panic(g), shmem(g, s), io.dev, vsock(g, s), smartcard(g), hub(g),
  ].join('');
  const vcpuXml = `<vcpu${g.maybe(0.1) ? ` placement="${g.odd(['static', 'auto'], ['bogus'])}"` : ''}${g.bad(0.04) ? ` current="${vcpus + 1}"` : ''}>${vcpus}</vcpu>`;
  const head = `<name>${name}</name><memory unit="KiB">${memKiB}</memory>${memoryBacking(g, c.cells)}${vcpuXml}${tune.xml}${osPart(g, machine, boots)}`;
  const tail = `${features(g, io.intel, q35)}${c.xml}${pm(g)}${events(g)}`;
  return `<domain type="qemu">${head}${tail}<devices>${devices}</devices>${seclabel(g)}</domain>\n`;
}

export function hunt35Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt35-${seed}-${i}`, hunt35Document(seed * 7919 + i, `bdm-lab-h35-${seed}-${i}`)]);
  return out;
}
