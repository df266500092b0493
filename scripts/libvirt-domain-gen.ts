/**
 * Seeded whole-domain documents for scripts/libvirt-define-check.ts: a small qemu domain as
 * operators and Nova write it, with one to four disks and a few controllers. Every choice has
 * ordinary values and doubtful ones (what libvirt may refuse); a document takes at most a few
 * doubtful ones, so most documents are near the line rather than far over it: <os><boot> against
 * per-disk <boot order>, repeated targets and drive addresses, controller index and model,
 * cdrom/floppy/lun on every bus, readonly/shareable/transient, <driver> attributes (io, cache,
 * discard, detect_zeroes, iothread, queues), network sources with hosts, auth and secrets,
 * <iotune>, <encryption>, <serial>/<wwn>, and pci/drive/usb addresses. Beside the disks: USB
 * controllers with devices at their ports and behind hubs, <vcpu> with a <cpu><topology> and guest
 * NUMA cells, backing chains, a source's own <seclabel>, <iotune> numbers with white space,
 * device aliases, q35 pcie-root-ports (indexed, or unindexed after a pcie-root as Nova writes
 * them) with PCI addresses on them and in other PCI domains, and vhost-user disks with or without
 * shared guest memory and block-layer options (the shapes of LIBVIRT-DOMAIN-USB-ADDRESS,
 * -NUMA-CELLS, -CPU-TOPOLOGY, -ALIAS-NAME, -PCI-DOMAIN, -PCI-CONTROLLER, -PCI-SLOT,
 * -SHARED-MEMORY, LIBVIRT-DISK-BACKING-STORE, -SOURCE-SECLABEL, -IOTUNE and -VHOSTUSER). The
 * "good" choices follow the bus and machine (no IDE on q35, options only where the bus emulates
 * them), so a document is refused mostly for the doubtful values it drew. Same seed, same documents.
 */

import { rng } from './prng.mjs';

export type Rand = () => number;

const UUID = 'c0ffee00-0000-4000-8000-000000000001';

/**
 * Choices from one seeded stream; `odd` takes a doubtful value while the document's budget lasts.
 * The shapes of the newer rules (USB ports and hubs, NUMA and topology, backing chains, source
 * labels, aliases, PCI domains and root ports, shared memory, iotune blanks) draw theirs from a
 * budget of their own (`oddNew`), so the disks' many earlier choices do not spend it first.
 */
class Gen {
  constructor(private readonly r: Rand, private budget: number, private budgetNew = 0) {}
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)]!;
  }
  maybe(p: number): boolean {
    return this.r() < p;
  }
  /** A doubtful yes/no: true with probability p while the budget lasts. */
  bad(p: number): boolean {
    return this.odd([false], [true], p);
  }
  oddNew<T>(good: readonly T[], bad: readonly T[], p = 0.12): T {
    if (this.budgetNew > 0 && bad.length && this.r() < p) {
      this.budgetNew--;
      return this.pick(bad);
    }
    return this.pick(good);
  }
  odd<T>(good: readonly T[], bad: readonly T[], p = 0.12): T {
    if (this.budget > 0 && bad.length && this.r() < p) {
      this.budget--;
      return this.pick(bad);
    }
    return this.pick(good);
  }
}

function auth(g: Gen, type: 'ceph' | 'iscsi'): string {
  if (!g.maybe(0.5)) return '';
  const usage = type === 'ceph' ? 'client.openstack secret' : 'iscsi-target';
  return g.odd(
    [`<auth username="openstack"><secret type="${type}" usage="${usage}"/></auth>`, `<auth username="openstack"><secret type="${type}" uuid="${UUID}"/></auth>`],
    [`<auth username="u"><secret type="${type === 'ceph' ? 'iscsi' : 'ceph'}" usage="x"/></auth>`, `<auth><secret type="${type}" usage="x"/></auth>`, `<auth username="u"><secret type="${type}" usage="x" uuid="${UUID}"/></auth>`, `<auth username="u"><secret type="passphrase" usage="x"/></auth>`],
  );
}

function networkSource(g: Gen, device: string): string {
  const proto = device === 'cdrom' && g.maybe(0.4) ? g.pick(['http', 'https']) : g.odd(['rbd', 'rbd', 'iscsi', 'iscsi', 'nbd'], ['gluster', 'sheepdog', 'nfs', 'ssh', 'http', 'tftp']);
  switch (proto) {
    case 'rbd': {
      const hosts = g.odd(['<host name="10.0.0.1" port="6789"/>', '<host name="10.0.0.1" port="6789"/><host name="10.0.0.2" port="6789"/>', '', '<host name="10.0.0.1"/>'], ['<host name="10.0.0.1" port="0"/>', '<host transport="unix" socket="/tmp/s"/>', '<host name="10.0.0.1" port="70000"/>', '<host port="6789"/>']);
      const name = g.odd(['volumes/volume-1', 'vms/inst_disk'], ['', 'volumes/v1@snap']);
      return `<source protocol="rbd" name="${name}">${hosts}${auth(g, 'ceph')}${g.maybe(0.05) ? '<snapshot name="s1"/>' : ''}${g.maybe(0.05) ? '<config file="/etc/ceph/ceph.conf"/>' : ''}</source>`;
    }
    case 'iscsi': {
      const hosts = g.odd(['<host name="10.0.0.1" port="3260"/>', '<host name="10.0.0.1"/>'], ['', '<host name="10.0.0.1" port="3260"/><host name="10.0.0.2" port="3260"/>', '<host name="10.0.0.1" port="3260" transport="rdma"/>']);
      const name = g.odd(['iqn.2010-10.org.openstack:volume-1/1', 'iqn.2010-10.org.openstack:volume-1/0'], ['iqn.2010-10.org.openstack:volume-1', 'iqn.2010-10.org.openstack:volume-1/x']);
      return `<source protocol="iscsi" name="${name}">${hosts}${auth(g, 'iscsi')}${g.maybe(0.1) ? '<initiator><iqn name="iqn.1993-08.org.debian:01:abc"/></initiator>' : ''}</source>`;
    }
    case 'nbd': {
      const hosts = g.odd(['<host name="10.0.0.1" port="10809"/>', '<host transport="unix" socket="/tmp/nbd.sock"/>'], ['', '<host name="10.0.0.1" port="10809"/><host name="10.0.0.2"/>', '<host transport="unix"/>']);
      return `<source protocol="nbd"${g.maybe(0.5) ? ' name="export"' : ''}${g.maybe(0.1) ? ` tls="${g.pick(['yes', 'no'])}"` : ''}>${hosts}${g.maybe(0.04) ? auth(g, 'iscsi') : ''}</source>`;
    }
    case 'http':
    case 'https': {
      const hosts = g.odd(['<host name="10.0.0.1" port="80"/>', '<host name="10.0.0.1"/>'], ['', '<host name="10.0.0.1"/><host name="10.0.0.2"/>']);
      return `<source protocol="${proto}" name="${g.pick(['/images/a.iso', 'images/a.iso'])}"${g.maybe(0.1) ? ' query="a=b"' : ''}>${hosts}${g.maybe(0.1) ? '<cookies><cookie name="c">v</cookie></cookies>' : ''}${g.maybe(0.05) ? '<ssl verify="no"/>' : ''}${g.maybe(0.05) ? '<readahead size="65536"/><timeout seconds="10"/>' : ''}</source>`;
    }
    case 'gluster':
      return `<source protocol="gluster" name="${g.pick(['vol/img', 'vol'])}">${g.pick(['<host name="10.0.0.1" port="24007"/>', ''])}</source>`;
    case 'nfs':
      return `<source protocol="nfs" name="/export/img">${g.pick(['<host name="10.0.0.1"/>', ''])}${g.maybe(0.3) ? '<identity user="u" group="g"/>' : ''}</source>`;
    case 'ssh':
      return `<source protocol="ssh" name="/img">${g.pick(['<host name="10.0.0.1" port="22"/>', ''])}</source>`;
    case 'tftp':
      return `<source protocol="tftp" name="/img.iso"><host name="10.0.0.1"/></source>`;
    default:
      return `<source protocol="sheepdog" name="v">${g.pick(['<host name="10.0.0.1" port="7000"/>', ''])}</source>`;
  }
}

function source(g: Gen, type: string, device: string): string {
  switch (type) {
    case 'file':
      if (device === 'cdrom' && g.maybe(0.3)) return '';
      return g.odd(['<source file="/var/lib/libvirt/images/a.img"/>', '<source file="/var/lib/nova/instances/x/disk"/>'], ['', '<source file="/var/lib/libvirt/images/a.img" startupPolicy="optional"/>', '<source file="relative.img"/>', '<source dev="/dev/sdb"/>']);
    case 'block': return g.odd(['<source dev="/dev/sdb"/>', '<source dev="/dev/disk/by-path/ip-10.0.0.1:3260-iscsi-iqn.x-lun-1"/>'], ['', '<source file="/tmp/x"/>', '<source dev="/dev/sdb" startupPolicy="requisite"/>']);
    case 'network': return networkSource(g, device);
    case 'volume': return g.odd(['<source pool="default" volume="v1"/>'], ['<source pool="default"/>', '<source pool="iscsi" volume="unit:0:0:1" mode="direct"/>']);
    case 'dir': return '<source dir="/var/lib/libvirt/images"/>';
    default: return '<source file="/tmp/x"/>';
  }
}

function driver(g: Gen, bus: string, device: string, iothreads: number): string {
  const a: string[] = ['name="qemu"'];
  if (g.maybe(0.7)) a.push(`type="${device === 'cdrom' ? g.odd(['raw'], ['qcow2', 'iso']) : g.odd(['raw', 'qcow2'], ['vmdk', 'iso', 'bogus', 'fat'])}"`);
  const cache = g.maybe(0.5) ? g.odd(['none', 'writeback', 'writethrough', 'directsync'], ['unsafe', 'default']) : '';
  if (cache) a.push(`cache="${cache}"`);
  if (g.maybe(0.3)) a.push(`io="${cache === 'none' || cache === 'directsync' ? g.odd(['native', 'threads'], ['io_uring', 'default']) : g.odd(['threads'], ['native', 'io_uring', 'default'])}"`);
  if (g.maybe(0.25)) a.push(`discard="${g.odd(['unmap', 'ignore'], ['default', 'on'])}"`);
  if (g.maybe(0.25)) a.push(`detect_zeroes="${g.odd(['off', 'on', 'unmap'], ['default', 'yes'])}"`);
  const iothread = !g.maybe(0.2) ? '' : bus === 'virtio' && iothreads ? g.odd(['1', String(iothreads)], ['0', String(iothreads + 1)]) : g.odd([''], ['1', '2'], 0.5);
  if (iothread) a.push(`iothread="${iothread}"`);
  const queues = !g.maybe(0.15) ? '' : bus === 'virtio' ? g.odd(['1', '2', '4'], ['0', '-1']) : g.odd([''], ['1', '2'], 0.5);
  if (queues) a.push(`queues="${queues}"`);
  if (g.maybe(0.05)) a.push(`queue_size="${g.odd(['128', '256'], ['100', '0'])}"`);
  if (g.maybe(0.1)) a.push(`error_policy="${g.odd(['stop', 'report', 'ignore', 'enospace'], ['bogus'])}"`);
  if (g.maybe(0.05)) a.push(`rerror_policy="${g.odd(['stop', 'report', 'ignore'], ['enospace'])}"`);
  if (g.maybe(0.05)) a.push(`copy_on_read="${g.pick(['on', 'off'])}"`);
  if (g.maybe(0.03) && (bus === 'virtio' || g.bad(0.2))) a.push(`ats="${g.pick(['on', 'off'])}"`);
  return `<driver ${a.join(' ')}/>`;
}

function iotune(g: Gen): string {
  const base = g.pick([['total_bytes_sec'], ['read_bytes_sec', 'write_bytes_sec'], ['total_iops_sec'], ['read_iops_sec', 'write_iops_sec'], ['total_bytes_sec', 'total_iops_sec']]);
  const extra = g.odd<string[]>([[], [], ['total_bytes_sec_max'], ['size_iops_sec']], [['read_bytes_sec'], ['total_iops_sec_max'], ['total_bytes_sec_max_length'], ['read_iops_sec_max']]);
  const keys = [...new Set([...base, ...extra])];
  // white space before a number is read, after it refused (libvirt's parser reads to the element's end)
  const pad = (v: string) => (g.maybe(0.1) ? g.oddNew([` ${v}`, `\n  ${v}`], [`${v} `, `${v}\n`, ` ${v} `], 0.35) : v);
  const parts = keys.map((k) => `<${k}>${pad(g.odd(['1000', '20000000'], ['0', '-1']))}</${k}>`);
  if (g.maybe(0.1)) parts.push('<group_name>g1</group_name>');
  return `<iotune>${parts.join('')}</iotune>`;
}

const BUS_PREFIX: Record<string, string> = { virtio: 'vd', scsi: 'sd', sata: 'sd', usb: 'sd', ide: 'hd', fdc: 'fd', xen: 'xvd' };

/** A guest PCI address: on bus 0 of pc or q35, or on one of q35's free pcie-root-ports (slot 0 only), now and then in another PCI domain. */
function pciAddress(g: Gen, ctx: DiskCtx): string {
  const domain = g.oddNew(['0x0000', '0x0000', '0x0000', '0'], ['0x0001', '0x0002'], 0.15);
  const port = ctx.rootPorts.shift();
  if (port !== undefined && g.maybe(0.7)) {
    const slot = g.oddNew(['0x00'], ['0x01', '0x1f'], 0.08);
    return `<address type="pci" domain="${domain}" bus="${g.oddNew([`0x0${port}`], [`0x0${port + 4}`, '0x00'], 0.05)}" slot="${slot}" function="0x0"/>`;
  }
  if (port !== undefined) ctx.rootPorts.unshift(port);
  const s = g.oddNew(['0x0a', '0x0b', '0x0c', '0x0d'], ['0x01', '0x02', '0x1f', '0x20', ctx.slots[0] ?? '0x0a']);
  ctx.slots.push(s);
  return `<address type="pci" domain="${domain}" bus="${g.oddNew(['0x00'], ['0x01'], 0.05)}" slot="${s}" function="0x0"/>`;
}

/** A guest USB address on bus 0: a port of the controller (2 on uhci, 4 or ports= on xhci, 6 on ehci), now and then a bus or port it lacks or a path through a hub. */
function usbAddress(g: Gen, ctx: DiskCtx): string {
  const free = Array.from({ length: ctx.usbPorts }, (_, i) => String(i + 1)).concat(ctx.hubs.flatMap((h) => [1, 2, 8].map((k) => `${h}.${k}`))).filter((p) => !ctx.usbUsed.includes(p) && !ctx.hubs.includes(Number(p)));
  const bad = [String(ctx.usbPorts + 1), '7', ctx.hubs.length ? `${ctx.hubs[0]}.9` : '1.1', `${ctx.usbPorts}.1`, ...ctx.usbUsed.slice(0, 1)];
  const bus = g.oddNew(['0'], ['1', '0x0'], 0.04);
  if (g.maybe(0.1)) return `<address type="usb" bus="${bus}"/>`;
  const port = free.length ? g.oddNew(free, bad, 0.15) : g.pick(bad);
  ctx.usbUsed.push(port);
  return `<address type="usb" bus="${bus}" port="${port}"/>`;
}

function address(g: Gen, bus: string, ctx: DiskCtx): string {
  const drive = () => `<address type="drive" controller="${g.odd(['0'], ['1', '2'])}" bus="${bus === 'ide' ? g.pick(['0', '1']) : g.odd(['0'], ['1'])}" target="${g.odd(['0'], ['1', '7'])}" unit="${g.pick(['0', '1', '2', '3', '5', '6', '7'])}"/>`;
  const pci = () => pciAddress(g, ctx);
  const usb = () => usbAddress(g, ctx);
  const ccw = () => '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>';
  const preferred = bus === 'virtio' ? pci : bus === 'usb' ? usb : drive;
  return g.odd([preferred], [drive, pci, usb, ccw])();
}

interface DiskCtx {
  machine: string;
  iothreads: number;
  used: string[];
  slots: string[];
  order: number;
  /** q35's pcie-root-port indexes no device sits on yet */
  rootPorts: number[];
  /** ports of the USB controller at index 0, and the ports of bus 0 that hold a <hub> */
  usbPorts: number;
  hubs: number[];
  /** USB ports (paths) some device's address names */
  usbUsed: string[];
}

/** A backing chain under a qcow2 image, as Nova's image cache makes it (an instance disk over a _base image); now and then a link without its <format> or <source>. */
function backingStore(g: Gen): string {
  const base = '<backingStore type="file"><format type="raw"/><source file="/var/lib/nova/instances/_base/0c5e"/><backingStore/></backingStore>';
  return g.oddNew(
    [base, '<backingStore/>', `<backingStore type="file"><format type="qcow2"/><source file="/var/lib/libvirt/images/snap.qcow2"/>${base}</backingStore>`, '<backingStore type="file"><format type="raw"/><source file="/var/lib/nova/instances/_base/0c5e"/></backingStore>'],
    ['<backingStore type="file"><source file="/var/lib/nova/instances/_base/0c5e"/></backingStore>', '<backingStore type="file"><format type="raw"/></backingStore>', '<backingStore type="file"><format type="qcow2"/><source file="/b.qcow2"/><backingStore type="file"><source file="/c.raw"/></backingStore></backingStore>'],
    0.3,
  );
}

/** A per-image security label inside a disk's <source>: relabel="no", labelskip, or a label (DAC or SELinux); now and then a form libvirt refuses. */
function sourceSeclabel(g: Gen): string {
  return g.oddNew(
    ['<seclabel model="dac" relabel="no"/>', '<seclabel model="dac" relabel="yes"><label>+107:+107</label></seclabel>', '<seclabel model="selinux" relabel="no"/>', '<seclabel model="dac" labelskip="yes"/>', '<seclabel relabel="no"/>'],
    ['<seclabel model="dac"/>', '<seclabel model="dac" relabel="no"><label>+0:+0</label></seclabel>', '<seclabel model="selinux"><imagelabel>system_u:object_r:svirt_image_t:s0</imagelabel></seclabel>', '<seclabel model="dac" relabel="maybe"/>'],
    0.3,
  );
}

/** A user alias (ua- and a name of letters, digits, _ - .), now and then one libvirt's schema refuses. */
function alias(g: Gen, n: number): string {
  return `<alias name="${g.oddNew([`ua-${UUID.slice(0, 8)}-${n}`, `ua-disk.${n}_x`, `ua-${UUID.slice(0, -2)}${String(n).padStart(2, '0')}`], ['ua-dup', 'ua-dup', `disk${n}`, `ua-vol ${n}`, `ua-vol:${n}`, '', 'ua-vol/1'])}"/>`;
}

/** A vhost-user-blk disk (an SPDK or similar back end behind a UNIX socket): it needs shared guest memory. */
function vhostUserDisk(g: Gen, ctx: DiskCtx): string {
  const dev = `vd${String.fromCharCode(106 + ctx.used.length)}`;
  ctx.used.push(dev);
  const reconnect = g.maybe(0.4) ? '<reconnect enabled="yes" timeout="10"/>' : '';
  const queues = g.maybe(0.2) ? ` queues="${g.pick(['1', '4'])}"` : '';
  // what a block-layer habit adds and libvirt refuses on a vhost-user disk
  const driverExtra = g.oddNew([''], [' cache="none"', ' io="native"', ' discard="unmap"', ' error_policy="stop"'], 0.2);
  const extra = g.oddNew([''], ['<serial>vol1</serial>', '<readonly/>', '<iotune><total_iops_sec>100</total_iops_sec></iotune>'], 0.15);
  return `<disk type="vhostuser" device="disk"><driver name="qemu" type="raw"${queues}${driverExtra}/><source type="unix" path="/var/run/spdk/vhost-blk${ctx.used.length}.sock">${reconnect}</source><target dev="${dev}" bus="${g.oddNew(['virtio'], ['scsi'], 0.05)}"/>${extra}${g.maybe(0.2) ? pciAddress(g, ctx) : ''}</disk>`;
}

function disk(g: Gen, ctx: DiskCtx): string {
  const q35 = ctx.machine === 'q35';
  const device = g.odd(['disk', 'disk', 'disk', 'cdrom'], ['floppy', 'lun', 'cdrom']);
  // q35 has no IDE controller: Nova puts its cdroms on sata there
  const busGood = device === 'cdrom' ? (q35 ? ['sata', 'sata', 'scsi'] : ['sata', 'ide', 'ide', 'scsi']) : device === 'floppy' ? ['fdc'] : device === 'lun' ? ['scsi'] : ['virtio', 'virtio', 'virtio', 'scsi', 'scsi', 'sata', q35 ? 'virtio' : 'ide', 'usb'];
  const bus = g.odd(busGood, device === 'disk' ? ['xen', 'fdc', 'sd', ...(q35 ? ['ide'] : [])] : ['virtio', 'usb', 'sata', 'ide', 'fdc']);
  const type = device === 'lun' ? g.odd(['block', 'network'], ['file', 'volume']) : device === 'cdrom' ? g.odd(['file', 'network'], ['block', 'volume']) : g.odd(['file', 'file', 'block', 'network', 'network'], ['volume', 'dir']);
  // IDE holds hda-hdd on its one controller, fdc fda and fdb
  const letters = bus === 'ide' ? ['a', 'b', 'c', 'd'] : bus === 'fdc' ? ['a', 'b'] : ['a', 'b', 'c', 'd', 'e', 'f', 'h'];
  let dev = (BUS_PREFIX[bus] ?? 'vd') + g.pick(letters);
  if (ctx.used.includes(dev) && !g.bad(0.15)) dev = (BUS_PREFIX[bus] ?? 'vd') + (letters.length < 5 ? (letters.find((l) => !ctx.used.includes(`${BUS_PREFIX[bus]}${l}`)) ?? 'e') : String.fromCharCode(97 + ctx.used.length + 8));
  dev = g.odd([dev], ['hda'.replace('h', BUS_PREFIX[bus] === 'vd' ? 's' : 'v'), 'fda', 'sdaa', 'hdz', 'vd1']);
  ctx.used.push(dev);
  // the flags first: a writable shareable disk takes only raw, a read-only one no copy_on_read
  const flags = device === 'cdrom' ? g.odd(['<readonly/>', ''], ['<shareable/>', '<transient/>']) : g.odd(['', '', '', '', bus === 'ide' || bus === 'sata' ? '' : '<readonly/>', '<shareable/>'], ['<readonly/><shareable/>', '<transient/>', '<transient shareBacking="yes"/>', '<transient/><readonly/>', '<transient/><shareable/>', '<readonly/>']);
  let drv = driver(g, bus, device, ctx.iothreads);
  if (flags === '<shareable/>' && / type="(?!raw")/.test(drv)) drv = drv.replace(/ type="[a-z0-9]+"/, g.odd([' type="raw"'], [' type="qcow2"'], 0.3));
  if ((flags.includes('readonly') || device !== 'disk') && drv.includes('copy_on_read="on"')) drv = drv.replace('copy_on_read="on"', g.odd(['copy_on_read="off"'], ['copy_on_read="on"'], 0.3));
  const parts: string[] = [drv];
  let src = source(g, type, device);
  // Nova writes <auth> directly in <disk>; libvirt also reads it inside <source> (not both)
  const auth = /<auth[ >].*?<\/auth>/.exec(src)?.[0];
  let diskAuth = '';
  if (auth && g.maybe(0.4)) {
    diskAuth = auth;
    if (!g.maybe(0.1)) src = src.replace(auth, '');
  }
  const luks = `<encryption format="luks"><secret type="passphrase" uuid="${UUID}"/></encryption>`;
  // a per-image label sits inside <source>, as encryption may
  const inner = (type === 'file' || type === 'block') && src && g.maybe(0.08) ? sourceSeclabel(g) : g.maybe(0.06) ? luks : '';
  if (src && inner) parts.push(src.endsWith('/>') ? `${src.slice(0, -2)}>${inner}</source>` : src.replace(/<\/source>$/, `${inner}</source>`));
  else if (src) parts.push(src);
  if (src && type === 'file' && device === 'disk' && g.maybe(0.15)) parts.push(backingStore(g));
  if (diskAuth) parts.push(diskAuth);
  // target options where the bus or device emulates them, now and then elsewhere
  const removable = device === 'cdrom' || device === 'floppy';
  const tray = removable ? (g.maybe(0.15) ? g.pick(['open', 'closed']) : '') : g.maybe(0.03) ? g.odd(['closed'], ['open']) : '';
  const rotating = device === 'disk' && ['scsi', 'ide', 'sata'].includes(bus);
  const rate = g.maybe(0.04) ? (rotating ? g.odd(['1', '7200'], ['0', '70000']) : g.odd([''], ['1', '7200'], 0.5)) : '';
  const usbRemovable = g.maybe(bus === 'usb' ? 0.3 : 0.03) ? (bus === 'usb' ? g.pick(['on', 'off']) : g.odd([''], ['on'], 0.5)) : '';
  const busAttr = g.maybe(0.08) ? '' : ` bus="${bus}"`;
  parts.push(`<target dev="${dev}"${busAttr}${tray ? ` tray="${tray}"` : ''}${usbRemovable ? ` removable="${usbRemovable}"` : ''}${rate ? ` rotation_rate="${rate}"` : ''}/>`);
  if (g.maybe(0.18)) parts.push(iotune(g));
  if (g.maybe(0.3)) parts.push(`<boot order="${g.odd([String(++ctx.order)], ['1', '0', '2'])}"/>`);
  if (flags) parts.push(flags);
  const scsiDisk = bus === 'scsi' && device !== 'lun';
  if (g.maybe(0.2) && (!(bus === 'scsi' && device === 'lun') || g.bad(0.2))) parts.push(`<serial>${g.odd(['c0ffee00-0000-4000-8000-000000000001', 'abc-123'], ['a/b', 'x'.repeat(40)])}</serial>`);
  if (g.maybe(0.08) && (scsiDisk || bus === 'ide' || g.bad(0.2))) parts.push(`<wwn>${g.odd(['5000c50015ea71ac'], ['0x5000c50015ea71ac', '5000c5001'])}</wwn>`);
  if (g.maybe(0.05) && (scsiDisk || g.bad(0.2))) parts.push(`<vendor>${g.odd(['ACME'], ['ACME-VENDOR-TOO-LONG'])}</vendor><product>Disk</product>`);
  if (g.maybe(0.06)) parts.push(`<encryption format="${g.odd(['luks'], ['qcow'])}"><secret type="passphrase" uuid="${UUID}"/></encryption>`);
  if (g.maybe(0.05)) parts.push(`<blockio logical_block_size="${g.odd(['512', '4096'], ['1000', '0'])}"/>`);
  if (g.maybe(0.04) && ((bus !== 'usb' && bus !== 'sd') || g.bad(0.2))) parts.push(`<geometry cyls="16383" heads="16" secs="63"${g.maybe(0.3) && (bus === 'ide' || g.bad(0.2)) ? ` trans="${g.pick(['lba', 'none', 'auto'])}"` : ''}/>`);
  if (g.maybe(0.15)) parts.push(alias(g, ctx.used.length));
  if (g.maybe(0.3)) parts.push(address(g, bus, ctx));
  return `<disk type="${type}" device="${device}">${parts.join('')}</disk>`;
}

function controllers(g: Gen, iothreads: number, slots: string[], machine: string): string {
  const out: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2, 3]);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const type = g.odd(['scsi', 'scsi', 'scsi', 'sata', machine === 'q35' ? 'sata' : 'ide', 'usb', 'virtio-serial'], ['ide']);
    // a second controller of a type takes the next index (Nova adds one virtio-scsi controller per 256 units, pcie-root-ports by number)
    const index = g.odd([seen.has(type) ? '1' : '0'], ['1', '2', '0']);
    seen.add(type);
    const model = type === 'scsi' ? g.odd([' model="virtio-scsi"', ' model="virtio-scsi"', ''], [' model="lsilogic"', ' model="bogus"', ' model="ibmvscsi"']) : type === 'usb' ? g.odd(['', ' model="qemu-xhci"'], [' model="none"', ' model="piix3-uhci"']) : type === 'ide' ? g.odd([''], [' model="piix4"']) : '';
    const drv = type === 'scsi' && g.maybe(0.3) && (model.includes('virtio-scsi') || g.bad(0.3)) ? `<driver${g.maybe(0.6) ? ` queues="${g.odd(['2', '4'], ['0'])}"` : ''}${g.maybe(0.5) && (iothreads || g.maybe(0.3)) ? ` iothread="${iothreads ? g.odd(['1'], [String(iothreads + 1)]) : '1'}"` : ''}/>` : '';
    let addr = '';
    // the primary ide and sata controllers sit at fixed built-in addresses (pc 00:01.1, q35 00:1f.2)
    if (g.maybe(0.2) && (type !== 'ide' && type !== 'sata' || g.bad(0.3))) {
      const s = g.odd(['0x07', '0x09'], ['0x01', '0x1f', slots[0] ?? '0x07']);
      slots.push(s);
      addr = `<address type="pci" domain="0x0000" bus="0x00" slot="${s}" function="0x0"/>`;
    }
    out.push(`<controller type="${type}" index="${index}"${model}>${drv}${addr}</controller>`);
  }
  return out.join('');
}

/** The <vcpu> count with a <cpu> that may give a topology and guest NUMA cells (memAccess per cell when the memory must be shared). */
function cpuAndNuma(g: Gen, shared: boolean | null): { vcpu: string; cpu: string; cells: number } {
  const n = g.pick([1, 1, 2, 2, 4, 4, 8]);
  const vcpu = g.maybe(0.1) && n > 1 ? `<vcpu placement="static" current="${n / 2}">${n}</vcpu>` : g.maybe(0.05) ? '' : `<vcpu>${n}</vcpu>`;
  const count = vcpu ? n : 1;
  const parts: string[] = [];
  if (g.maybe(0.3)) {
    const threads = count % 2 === 0 && g.maybe(0.4) ? 2 : 1;
    const sockets = g.maybe(0.5) ? count / threads : 1;
    const cores = count / threads / sockets;
    const good = `<topology sockets="${sockets}"${g.maybe(0.15) ? ' dies="1"' : ''} cores="${cores}" threads="${threads}"/>`;
    parts.push(g.oddNew([good], [`<topology sockets="${sockets}" cores="${cores * 2}" threads="${threads}"/>`, `<topology sockets="${sockets}" dies="2" cores="${cores}" threads="${threads}"/>`, '<topology sockets="1" cores="1" threads="1"/>'], 0.2));
  }
  let cells = 0;
  if (g.maybe(0.25) || shared !== null) {
    cells = count >= 2 && g.maybe(0.6) ? 2 : 1;
    // shared false: the cells share only part of the memory (the first of two cells at most)
    const memAccess = (k: number) => (shared === null ? (g.maybe(0.1) ? ' memAccess="shared"' : '') : shared || (k === 0 && cells > 1) ? ' memAccess="shared"' : g.pick(['', ' memAccess="private"']));
    const half = Math.max(1, Math.floor(count / cells));
    const range = (a: number, b: number) => (a === b ? String(a) : `${a}-${b}`);
    const good = cells === 1
      ? [`<cell id="0" cpus="${range(0, count - 1)}" memory="65536" unit="KiB"${memAccess(0)}/>`]
      : [`<cell id="0" cpus="${range(0, half - 1)}" memory="32768" unit="KiB"${memAccess(0)}/>`, `<cell id="1" cpus="${range(half, count - 1)}" memory="32768" unit="KiB"${memAccess(1)}/>`];
    const bad = cells === 1
      ? [[`<cell id="0" cpus="0-${count}" memory="65536"/>`], [`<cell id="1" cpus="0" memory="65536"/>`], [`<cell cpus="${count}" memory="65536"/>`]]
      : [[good[0], `<cell id="1" cpus="${range(half - 1, count - 1)}" memory="32768"/>`], [good[0], `<cell id="0" cpus="${range(half, count - 1)}" memory="32768"/>`], [good[0], `<cell id="2" cpus="${range(half, count - 1)}" memory="32768"/>`], [good[0], `<cell id="1" cpus="${range(half, count)}" memory="32768"/>`]];
    parts.push(`<numa>${g.oddNew([good], bad, 0.2).join('')}</numa>`);
  }
  const mode = g.maybe(0.2) ? ` mode="${g.pick(['host-model', 'custom'])}"` : '';
  const cpu = parts.length || mode ? `<cpu${mode}>${mode.includes('custom') ? '<model fallback="allow">qemu64</model>' : ''}${parts.join('')}</cpu>` : '';
  return { vcpu, cpu, cells };
}

/** A USB controller at index 0 (or libvirt's default one) with a tablet and maybe a hub at its ports. */
function usbDevices(g: Gen, machine: string, ctx: DiskCtx, haveUsbController: boolean): { controller: string; devices: string } {
  let controller = '';
  if (!haveUsbController && g.maybe(0.35)) {
    const model = machine === 'q35' ? g.pick(['qemu-xhci', 'qemu-xhci', 'ich9-ehci1', 'nec-xhci']) : g.pick(['piix3-uhci', 'qemu-xhci', 'ich9-ehci1', 'piix4-uhci']);
    const ports = model.endsWith('xhci') && g.maybe(0.5) ? g.pick([8, 15]) : 0;
    ctx.usbPorts = ports || (model.endsWith('xhci') ? 4 : model.includes('ehci') ? 6 : 2);
    controller = `<controller type="usb" index="0" model="${model}"${ports ? ` ports="${ports}"` : ''}/>`;
  } else ctx.usbPorts = haveUsbController ? 2 : machine === 'q35' ? 4 : 2;
  const devices: string[] = [];
  if (g.maybe(0.3)) {
    const port = g.pick([1, ctx.usbPorts]);
    ctx.hubs.push(port);
    ctx.usbUsed.push(String(port));
    devices.push(`<hub type="usb"><address type="usb" bus="0" port="${port}"/></hub>`);
  }
  if (g.maybe(0.5)) devices.push(`<input type="tablet" bus="usb">${g.maybe(0.1) ? alias(g, 90) : ''}${g.maybe(0.6) ? usbAddress(g, ctx) : ''}</input>`);
  if (g.maybe(0.1)) devices.push(`<input type="keyboard" bus="usb">${usbAddress(g, ctx)}</input>`);
  return { controller, devices: devices.join('') };
}

/** One whole qemu domain of 1-4 disks, named `name`. */
export function domainDocument(seed: number, name: string): string {
  const r = rng(seed);
  const g = new Gen(r, r() < 0.25 ? 0 : r() < 0.6 ? 1 : 2, r() < 0.5 ? 0 : 1);
  const machine = g.odd(['pc', 'pc', 'q35'], ['q35']);
  const iothreads = g.pick([0, 0, 1, 2]);
  const ports = machine === 'q35' && g.maybe(0.5) ? g.pick([2, 4]) : 0;
  const ctx: DiskCtx = { machine, iothreads, used: [], slots: [], order: 0, rootPorts: Array.from({ length: ports }, (_, i) => i + 1), usbPorts: 2, hubs: [], usbUsed: [] };
  // Nova gives a q35 guest spare pcie-root-ports (num_pcie_ports) for its devices and hot-plug, written
  // without index= after a pcie-root (libvirt numbers them 0, 1, 2, ...); others write the indexes
  const novaStyle = g.maybe(0.5);
  const rootPorts = !ports
    ? g.oddNew([''], ['<controller type="pci" index="1" model="pcie-root-port"/>', '<controller type="pci" model="pci-root"/><controller type="pci" model="pcie-root-port"/>'], 0.03)
    : novaStyle
      ? g.oddNew(['<controller type="pci" model="pcie-root"/>'], ['', '<controller type="pci" model="pci-root"/>'], 0.1) + ctx.rootPorts.map(() => '<controller type="pci" model="pcie-root-port"/>').join('')
      : ctx.rootPorts.map((i) => `<controller type="pci" index="${i}" model="pcie-root-port"/>`).join('');
  const ctl = rootPorts + controllers(g, iothreads, ctx.slots, machine);
  const usb = usbDevices(g, machine, ctx, /<controller type="usb"/.test(ctl));
  const disks: string[] = [];
  const n = g.pick([1, 2, 2, 3, 3, 4]);
  for (let i = 0; i < n; i++) disks.push(disk(g, ctx));
  const vhost = g.maybe(0.1);
  if (vhost) disks.push(vhostUserDisk(g, ctx));
  // shared memory where a vhost-user disk needs it: by <memoryBacking>, or by memAccess on every NUMA cell
  const sharedBy = vhost ? g.oddNew(['memoryBacking', 'numa'], ['none', 'numa-partly'], 0.3) : g.maybe(0.05) ? 'memoryBacking' : 'none';
  const { vcpu, cpu } = cpuAndNuma(g, sharedBy === 'numa' ? true : sharedBy === 'numa-partly' ? false : null);
  const memoryBacking = sharedBy === 'memoryBacking' ? `<memoryBacking>${g.maybe(0.5) ? '<source type="memfd"/>' : ''}<access mode="shared"/></memoryBacking>` : '';
  const osBoot = ctx.order ? g.odd([''], ['<boot dev="hd"/>']) : g.maybe(0.4) ? g.pick(['<boot dev="hd"/>', '<boot dev="cdrom"/><boot dev="hd"/>', '<boot dev="network"/>']) : '';
  const nic = g.maybe(0.2) ? `<interface type="user"><model type="virtio"/>${g.maybe(0.3) ? `<boot order="${g.odd([String(++ctx.order)], ['1'])}"/>` : ''}${g.maybe(0.1) ? alias(g, 91) : ''}${g.maybe(0.3) ? `<address type="pci" domain="0x0000" bus="0x00" slot="${g.odd(['0x0e'], [ctx.slots[0] ?? '0x0e'])}" function="0x0"/>` : ''}</interface>` : '';
  return `<domain type="qemu"><name>${name}</name><memory unit="MiB">64</memory>${memoryBacking}${vcpu || (cpu ? '' : '<vcpu>1</vcpu>')}${iothreads ? `<iothreads>${iothreads}</iothreads>` : ''}${cpu}<os><type arch="x86_64" machine="${machine}">hvm</type>${osBoot}</os><features><acpi/></features><devices>${ctl}${usb.controller}${disks.join('')}${nic}${usb.devices}</devices></domain>\n`;
}

export function generatedDomains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`domain-${seed}-${i}`, domainDocument(seed * 100003 + i, `bdm-lab-gen-${seed}-${i}`)]);
  return out;
}
