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

/** One whole qemu domain of 1-4 disks, named `name`; `withPlatform` adds platformDevices() (a stream of its own). */
export function domainDocument(seed: number, name: string, withExtras = false, withPlatform = false, withMore = false): string {
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
  const { vcpu, cpu, cells } = cpuAndNuma(g, sharedBy === 'numa' ? true : sharedBy === 'numa-partly' ? false : null);
  const memoryBacking = sharedBy === 'memoryBacking' ? `<memoryBacking>${g.maybe(0.5) ? '<source type="memfd"/>' : ''}<access mode="shared"/></memoryBacking>` : '';
  const osBoot = ctx.order ? g.odd([''], ['<boot dev="hd"/>']) : g.maybe(0.4) ? g.pick(['<boot dev="hd"/>', '<boot dev="cdrom"/><boot dev="hd"/>', '<boot dev="network"/>']) : '';
  const nic = g.maybe(0.2) ? `<interface type="user"><model type="virtio"/>${g.maybe(0.3) ? `<boot order="${g.odd([String(++ctx.order)], ['1'])}"/>` : ''}${g.maybe(0.1) ? alias(g, 91) : ''}${g.maybe(0.3) ? `<address type="pci" domain="0x0000" bus="0x00" slot="${g.odd(['0x0e'], [ctx.slots[0] ?? '0x0e'])}" function="0x0"/>` : ''}</interface>` : '';
  const platform = withPlatform ? platformDevices(rng(seed ^ 0x0b1ade5), machine, cells, !osBoot) : '';
  const more = withMore ? moreDevices(rng(seed ^ 0x3c0ffee), machine, !osBoot) : { devices: '', top: '' };
  if (!withExtras) return `<domain type="qemu"><name>${name}</name><memory unit="MiB">64</memory>${memoryBacking}${vcpu || (cpu ? '' : '<vcpu>1</vcpu>')}${iothreads ? `<iothreads>${iothreads}</iothreads>` : ''}${cpu}<os><type arch="x86_64" machine="${machine}">hvm</type>${osBoot}</os><features><acpi/></features>${more.top}<devices>${ctl}${usb.controller}${disks.join('')}${nic}${usb.devices}${platform}${more.devices}</devices></domain>\n`;
  const x = extras(rng(seed ^ 0x5eed5eed), machine, false, !osBoot);
  // the extras' CPU mode goes on the <cpu> the disks' stream drew (unless it has one), their memory backing where there is none
  const cpuX = !x.cpu ? cpu : !cpu ? `<cpu${x.cpu}/>` : / mode=/.test(cpu.slice(0, cpu.indexOf('>'))) ? cpu : cpu.replace('<cpu', `<cpu${x.cpu}`);
  return `<domain type="qemu"><name>${name}</name><memory unit="MiB">64</memory>${memoryBacking || x.memoryBacking}${vcpu || (cpuX ? '' : '<vcpu>1</vcpu>')}${iothreads ? `<iothreads>${iothreads}</iothreads>` : ''}${cpuX}<os><type arch="x86_64" machine="${machine}">hvm</type>${osBoot}${x.os}</os><features><acpi/>${x.features}</features>${x.top}${more.top}<devices>${ctl}${usb.controller}${disks.join('')}${nic}${usb.devices}${x.devices}${platform}${more.devices}</devices></domain>\n`;
}

export function generatedDomains(seed: number, count: number, withExtras = false, withPlatform = false, withMore = false): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`domain-${seed}-${i}`, domainDocument(seed * 100003 + i, `bdm-lab-gen-${seed}-${i}`, withExtras, withPlatform, withMore)]);
  return out;
}

/**
 * The rest of a domain as people write it, beside the disks (from a stream of its own, so a
 * seed's disks stay what they were): network interfaces, graphics and video, serial ports,
 * consoles and channels, memory balloon, RNG, watchdog, sound, host devices, filesystems, and
 * outside <devices> memory backing, CPU mode and features, hypervisor features, clock, lifecycle
 * actions, a security label and <os> details. Each part has ordinary values and doubtful ones
 * from its own small budget, so most documents stay near the line.
 */
export interface Extras { devices: string; top: string; os: string; features: string; cpu: string; memoryBacking: string }

export function extras(r: Rand, machine: string, sharedMemory: boolean, bootOrdered: boolean): Extras {
  const g = new Gen(r, r() < 0.4 ? 0 : r() < 0.7 ? 1 : 2);
  const q35 = machine === 'q35';
  const dev: string[] = [];
  const top: string[] = [];
  let spice = false;
  let slot = 0x10;
  const pci = (p: number) => (g.maybe(p) ? `<address type="pci" domain="0x0000" bus="0x00" slot="0x${(slot++).toString(16)}" function="0x0"/>` : '');
  // interfaces
  const nics = g.pick([0, 0, 1, 1, 2]);
  for (let i = 0; i < nics; i++) {
    const type = g.odd(['network', 'bridge', 'user', 'network'], ['direct', 'ethernet', 'bogus']);
    const src = type === 'network' ? g.odd(['<source network="default"/>'], ['', '<source bridge="br0"/>']) : type === 'bridge' ? g.odd(['<source bridge="br0"/>'], ['', '<source network="default"/>']) : type === 'direct' ? g.odd(['<source dev="eth0" mode="bridge"/>'], ['<source dev="eth0" mode="bogus"/>', '']) : type === 'ethernet' ? '<target dev="tap0" managed="no"/>' : '';
    const model = g.odd(['virtio', 'virtio', 'e1000', q35 ? 'e1000e' : 'rtl8139'], ['bogus', 'virtio-net', 'ne2k_pci']);
    const mac = g.maybe(0.6) ? `<mac address="${g.odd([`52:54:00:12:34:${(0x50 + i).toString(16)}`, 'fa:16:3e:00:00:01'], ['01:54:00:12:34:56', '52:54:00:12:34', '52-54-00-12-34-56', 'fa:16:3e:00:00:01'])}"/>` : '';
    const driver = g.maybe(0.2) ? `<driver${model === 'virtio' || g.bad(0.3) ? ` name="vhost" queues="${g.odd(['2', '4'], ['0'])}"` : ''}${g.maybe(0.3) ? ` rx_queue_size="${g.odd(['256', '1024'], ['100', '2048'])}"` : ''}/>` : '';
    const mtu = g.maybe(0.1) ? `<mtu size="${g.odd(['1500', '9000'], ['0', '70000'])}"/>` : '';
    const vlan = g.maybe(0.05) ? `<vlan><tag id="${g.odd(['42'], ['5000'])}"/></vlan>` : '';
    const boot = bootOrdered && g.maybe(0.2) ? `<boot order="${g.odd(['9'], ['1'])}"/>` : '';
    const link = g.maybe(0.05) ? `<link state="${g.odd(['up', 'down'], ['off'])}"/>` : '';
    dev.push(`<interface type="${type}">${mac}${src}<model type="${model}"/>${driver}${mtu}${vlan}${link}${boot}${pci(0.2)}</interface>`);
  }
  // graphics and video
  const graphics = g.pick(['none', 'vnc', 'vnc', 'spice', 'both']);
  if (graphics === 'vnc' || graphics === 'both') {
    const port = g.odd(['autoport="yes"', 'port="5901"', 'port="-1" autoport="yes"', 'port="5900" autoport="no"'], ['port="5899" autoport="no"', 'port="abc"', 'port="70000"', 'autoport="maybe"']);
    const listen = g.odd(['', ' listen="0.0.0.0"', '<listen type="address" address="127.0.0.1"/>', '<listen type="network" network="default"/>'], [' listen="localhost:5900"', '<listen type="address"/>', '<listen type="bogus"/>']);
    const passwd = g.maybe(0.2) ? g.odd([' passwd="secret"', ' passwd="secret" passwdValidTo="2010-04-09T15:51:00"'], [' passwd="secret" passwdValidTo="tomorrow"', ' passwdValidTo="2010-04-09T15:51:00"']) : '';
    dev.push(listen.startsWith('<') ? `<graphics type="vnc" ${port}${passwd}>${listen}</graphics>` : `<graphics type="vnc" ${port}${listen}${passwd}/>`);
  }
  if (graphics === 'spice' || graphics === 'both') {
    spice = true;
    const port = g.odd(['autoport="yes"', 'port="5930"'], ['port="5930" tlsPort="5930"', 'port="abc"']);
    const ch = g.maybe(0.2) ? g.odd(['<channel name="main" mode="secure"/>', '<image compression="auto_glz"/>', '<streaming mode="filter"/>', '<gl enable="no"/>'], ['<channel name="bogus" mode="secure"/>', '<image compression="zip"/>', '<streaming mode="fast"/>', '<gl enable="yes"/>']) : '';
    dev.push(`<graphics type="spice" ${port}>${ch}</graphics>`);
  }
  if (graphics !== 'none' || g.maybe(0.2)) {
    const model = g.odd([spice ? 'qxl' : 'cirrus', 'vga', 'virtio', q35 ? 'bochs' : 'vga'], ['bogus', 'xen', 'qxl', 'none', 'ramfb']);
    const vram = g.maybe(0.3) ? ` vram="${g.odd(['16384', '65536'], ['0', 'lots'])}"` : '';
    const heads = g.maybe(0.2) ? ` heads="${g.odd(['1'], ['0', '2'])}"` : '';
    dev.push(`<video><model type="${model}"${vram}${heads}${g.maybe(0.1) ? ` primary="${g.odd(['yes'], ['no', 'maybe'])}"` : ''}/>${pci(0.15)}</video>`);
    if (g.bad(0.05)) dev.push('<video><model type="vga"/></video>');
  }
  // serial ports, consoles, channels
  if (g.maybe(0.6)) {
    const t = g.odd(['pty', 'pty', 'file', 'unix', 'tcp'], ['udp', 'bogus']);
    const src = t === 'file' ? g.odd(['<source path="/var/log/console.log"/>'], ['', '<source path="rel.log"/>']) : t === 'unix' ? g.odd(['<source mode="bind" path="/tmp/serial.sock"/>'], ['<source mode="bogus" path="/tmp/s"/>', '']) : t === 'tcp' ? g.odd(['<source mode="bind" host="127.0.0.1" service="4555"/><protocol type="telnet"/>'], ['<source mode="bind" host="127.0.0.1" service="x"/>', '<source mode="bind" host="127.0.0.1" service="4555"/><protocol type="ssh"/>']) : t === 'udp' ? '<source mode="connect" host="127.0.0.1" service="4556"/>' : '';
    const target = g.odd(['<target port="0"/>', '<target type="isa-serial" port="0"><model name="isa-serial"/></target>', ''], ['<target port="-1"/>', '<target type="pci-serial" port="0"><model name="isa-serial"/></target>', '<target type="usb-serial" port="0"/>', '<target type="bogus"/>']);
    dev.push(`<serial type="${t}">${src}${target}</serial>`);
    if (g.bad(0.08)) dev.push(`<serial type="pty">${g.pick(['<target port="0"/>', '<target port="0"/><alias name="serial0"/>'])}</serial>`);
    if (g.maybe(0.6)) dev.push(`<console type="${t === 'bogus' ? 'pty' : t}">${src}<target type="${g.odd(['serial'], ['virtio', 'sclp', 'bogus'])}" port="${g.odd(['0'], ['1', '-1'])}"/></console>`);
  } else if (g.maybe(0.2)) dev.push(`<console type="pty"><target type="${g.odd(['virtio', 'serial'], ['bogus'])}" port="0"/></console>`);
  if (g.maybe(0.4)) {
    const name = g.odd(['org.qemu.guest_agent.0', 'org.qemu.guest_agent.0', 'com.example.x'], ['', 'a b']);
    const path = g.odd(['', '<source mode="bind" path="/var/lib/libvirt/qemu/channel/target/ga.0"/>', '<source mode="bind"/>'], ['<source mode="connect"/>']);
    dev.push(`<channel type="unix">${path}<target type="virtio"${name ? ` name="${name}"` : ''}/>${g.maybe(0.1) ? `<address type="virtio-serial" controller="0" bus="0" port="${g.odd(['1', '2'], ['0', 'x'])}"/>` : ''}</channel>`);
  }
  if (g.maybe(spice ? 0.4 : 0.05)) dev.push(`<channel type="spicevmc"><target type="virtio" name="${g.odd(['com.redhat.spice.0'], ['org.qemu.guest_agent.0'])}"/></channel>`);
  if (g.maybe(0.05)) dev.push(`<channel type="pty"><target type="${g.odd(['guestfwd', 'virtio'], ['bogus'])}"${g.maybe(0.5) ? ' address="10.0.2.1" port="4600"' : ' name="org.example.x"'}/></channel>`);
  if (g.maybe(0.2)) dev.push(`<controller type="virtio-serial" index="${g.odd(['0'], ['1', '-1'])}"${g.maybe(0.5) ? ` ports="${g.odd(['16', '31'], ['0', '32'])}"` : ''}${g.maybe(0.2) ? ` vectors="${g.odd(['4'], ['-1'])}"` : ''}/>`);
  // balloon, rng, watchdog, sound, input
  if (g.maybe(0.5)) dev.push(`<memballoon model="${g.odd(['virtio', 'virtio', 'none'], ['bogus', 'xen'])}"${g.maybe(0.2) ? ` autodeflate="${g.odd(['on', 'off'], ['yes'])}"` : ''}>${g.maybe(0.2) ? `<stats period="${g.odd(['10', '0'], ['-1', 'x'])}"/>` : ''}${pci(0.1)}</memballoon>`);
  if (g.maybe(0.3)) {
    const backend = g.odd(['<backend model="random">/dev/urandom</backend>', '<backend model="random">/dev/random</backend>', '<backend model="builtin"/>', '<backend model="egd" type="unix"><source mode="connect" path="/tmp/egd.sock"/></backend>'], ['<backend model="random">/dev/hwrng</backend>', '<backend model="random">/tmp/r</backend>', '<backend model="bogus"/>', '<backend model="random"/>']);
    dev.push(`<rng model="${g.odd(['virtio', 'virtio-non-transitional'], ['bogus'])}">${g.maybe(0.3) ? `<rate bytes="${g.odd(['1024'], ['0', 'x'])}"${g.maybe(0.5) ? ` period="${g.odd(['1000'], ['0'])}"` : ''}/>` : ''}${backend}</rng>`);
  }
  if (g.maybe(0.1)) dev.push(`<watchdog model="${g.odd([q35 ? 'itco' : 'i6300esb', 'i6300esb', 'ib700'], ['bogus', 'diag288'])}" action="${g.odd(['reset', 'poweroff', 'none', 'dump', 'inject-nmi'], ['explode'])}"/>`);
  if (g.maybe(0.1)) dev.push(`<sound model="${g.odd(['ich6', 'ich9', 'ac97', 'es1370'], ['bogus', 'sb16x'])}"/>`);
  if (g.maybe(0.2)) dev.push(`<input type="${g.odd(['mouse', 'keyboard'], ['bogus', 'joystick'])}" bus="${g.odd(['ps2', 'virtio'], ['usb2', 'xen'])}"/>`);
  // host devices (libvirt does not look for the host's device at define)
  if (g.maybe(0.15)) {
    const t = g.odd(['pci', 'usb', 'scsi'], ['mdev', 'bogus']);
    const src = t === 'pci' ? `<source><address domain="0x0000" bus="${g.odd(['0x06', '0x81'], ['0x100', 'x'])}" slot="0x10" function="${g.odd(['0x1', '0x2'], ['0x8'])}"/></source>` : t === 'usb' ? g.odd(['<source><vendor id="0x1234"/><product id="0xbeef"/></source>', '<source><address bus="1" device="2"/></source>'], ['<source><vendor id="0x1234"/></source>', '<source/>']) : t === 'scsi' ? '<source><adapter name="scsi_host0"/><address bus="0" target="0" unit="0"/></source>' : '<source><address uuid="c2177883-f1bb-47f0-914d-32a22e3a8804"/></source>';
    const hd = `<hostdev mode="subsystem" type="${t}" managed="${g.odd(['yes', 'no'], ['maybe'])}"${t === 'mdev' ? ' model="vfio-pci"' : ''}>${src}${t === 'pci' && g.maybe(0.2) ? '<rom bar="off"/>' : ''}${t === 'pci' && g.maybe(0.1) ? `<driver name="${g.odd(['vfio'], ['kvm', 'xen'])}"/>` : ''}</hostdev>`;
    dev.push(hd);
    if (g.bad(0.1)) dev.push(hd);
  }
  // a virtiofs share (it needs shared memory) or a 9p one
  if (g.maybe(0.08)) {
    const virtiofs = g.maybe(0.5);
    // virtiofs needs the guest's memory shared with virtiofsd
    if (virtiofs && !g.bad(0.1)) sharedMemory = true;
    dev.push(`<filesystem type="mount" accessmode="${virtiofs ? 'passthrough' : g.odd(['mapped', 'passthrough', 'squash'], ['bogus'])}">${virtiofs ? `<driver type="virtiofs"${g.maybe(0.3) ? ` queue="${g.odd(['1024'], ['0'])}"` : ''}/>` : ''}<source dir="/srv/share"/><target dir="${g.odd(['share'], ['', 'share/x'])}"/>${virtiofs && g.bad(0.2) ? '<readonly/>' : ''}</filesystem>`);
  }
  // memory backing
  let memoryBacking = '';
  if (g.maybe(0.2) || sharedMemory) {
    const parts = g.odd<string[]>([[], ['<nosharepages/>'], ['<locked/>'], ['<hugepages/>'], ['<hugepages><page size="2048" unit="KiB"/></hugepages>'], ['<source type="memfd"/>'], ['<source type="file"/>'], ['<allocation mode="immediate"/>'], ['<discard/>']], [['<hugepages/>', '<source type="memfd"/>', '<access mode="private"/>'], ['<source type="bogus"/>'], ['<allocation mode="lazy"/>'], ['<hugepages><page size="2048" unit="KiB"/></hugepages>', '<discard/>'], ['<allocation threads="0"/>']]);
    if (sharedMemory) parts.push(g.odd(['<access mode="shared"/>'], ['<access mode="private"/>'], 0.05));
    else if (g.maybe(0.1)) parts.push(`<access mode="${g.odd(['shared', 'private'], ['bogus'])}"/>`);
    memoryBacking = `<memoryBacking>${parts.join('')}</memoryBacking>`;
  }
  // CPU mode (the caller's <cpu> may carry topology and NUMA)
  const cpu = g.maybe(0.3) ? g.odd([' mode="host-model"', ' mode="custom" match="exact"', ' mode="maximum"', ' mode="host-passthrough"', ' mode="host-passthrough" migratable="on"'], [' mode="bogus"', ' mode="host-model" match="exact"', ' mode="custom" match="bogus"', ' mode="host-passthrough" check="bogus"']) : '';
  // hypervisor features beside <acpi/>
  const feats: string[] = [];
  if (g.maybe(0.4)) feats.push('<apic/>');
  if (g.maybe(0.2)) feats.push(g.odd(['<pae/>', '<vmport state="off"/>', '<kvm><hidden state="on"/></kvm>', '<pmu state="off"/>', '<ioapic driver="qemu"/>'], ['<vmport state="maybe"/>', '<ioapic driver="bogus"/>', '<kvm><hidden/></kvm>', '<pae state="on"/>']));
  if (g.maybe(0.15)) feats.push(`<hyperv${g.maybe(0.1) ? ` mode="${g.odd(['custom', 'passthrough'], ['bogus'])}"` : ''}><relaxed state="on"/><vapic state="on"/>${g.maybe(0.5) ? `<spinlocks state="on" retries="${g.odd(['8191', '4096'], ['100', '4095', 'x'])}"/>` : ''}${g.maybe(0.2) ? `<vendor_id state="on" value="${g.odd(['KVMKVMKVM'], ['TOOLONGVENDORID', ''])}"/>` : ''}</hyperv>`);
  if (q35 && g.maybe(0.1)) feats.push(`<smm state="${g.odd(['on', 'off'], ['yes'])}"/>`);
  // clock, lifecycle, security label, <os> details
  if (g.maybe(0.4)) {
    const timers = g.maybe(0.5) ? g.odd(['<timer name="rtc" tickpolicy="catchup"/><timer name="pit" tickpolicy="delay"/><timer name="hpet" present="no"/>', '<timer name="kvmclock" present="yes"/>', '<timer name="hypervclock" present="yes"/>'], ['<timer name="bogus"/>', '<timer name="rtc" tickpolicy="bogus"/>', '<timer name="pit" tickpolicy="catchup" track="guest"/>', '<timer name="hpet" present="maybe"/>']) : '';
    top.push(`<clock offset="${g.odd(['utc', 'localtime', 'utc'], ['bogus', 'variable'])}">${timers}</clock>`);
  }
  if (g.maybe(0.3)) top.push(`<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>${g.odd(['destroy', 'restart', 'coredump-destroy'], ['bogus', 'reboot'])}</on_crash>`);
  if (g.maybe(0.15)) top.push(g.odd(['<seclabel type="none"/>', '<seclabel type="dynamic" model="dac" relabel="yes"/>', '<seclabel type="static" model="dac" relabel="no"><label>+107:+107</label></seclabel>', '<seclabel type="dynamic" model="selinux" relabel="yes"/>'], ['<seclabel type="static" model="dac"/>', '<seclabel type="dynamic" model="dac" relabel="no"/>', '<seclabel type="none" model="dac"><label>x</label></seclabel>', '<seclabel type="bogus"/>', '<seclabel type="dynamic" model="bogus"/>']));
  if (g.maybe(0.1)) top.push(`<pm><suspend-to-mem enabled="${g.odd(['no', 'yes'], ['off'])}"/><suspend-to-disk enabled="no"/></pm>`);
  let os = '';
  if (g.maybe(0.2)) os += `<bootmenu enable="${g.odd(['yes', 'no'], ['on'])}"${g.maybe(0.3) ? ` timeout="${g.odd(['3000'], ['70000', '-1'])}"` : ''}/>`;
  if (g.maybe(0.1)) os += `<bios useserial="yes"${g.maybe(0.5) ? ` rebootTimeout="${g.odd(['0', '-1', '5000'], ['70000', '-2'])}"` : ''}/>`;
  if (g.maybe(0.1)) os += `<smbios mode="${g.odd(['sysinfo', 'host', 'emulate'], ['bogus'])}"/>`;
  return { devices: dev.join(''), top: top.join(''), os, features: feats.join(''), cpu, memoryBacking };
}

/**
 * Devices whose placement and platform libvirt judges (the shapes of LIBVIRT-DOMAIN-PCI-PLACEMENT,
 * -PCI-INTEGRATED, -PCI-ROOT-PORTS, -PCI-NUMA-NODE, -MDEV-*, -HOSTDEV-BOOT, -SERIAL-MACHINE and
 * -INPUT-MODEL), from a stream of their own so a seed's other devices stay what they were: PCI
 * controllers from index 10 up (expander buses, DMI and PCIe-to-PCI bridges, switch ports,
 * pci-bridges) with written addresses on the root bus or on each other, a NUMA node on an expander
 * bus, a virtio IOMMU, many unaddressed root ports on q35, mediated devices with display, ramfb,
 * an address and a boot order, a vhost SCSI host, serial ports of each target type and virtio
 * input models. `cells` is the guest's NUMA cell count; `bootOrdered`: per-device boot orders allowed.
 */
export function platformDevices(r: Rand, machine: string, cells: number, bootOrdered: boolean): string {
  const g = new Gen(r, r() < 0.3 ? 0 : r() < 0.7 ? 1 : 2);
  const q35 = machine === 'q35';
  const dev: string[] = [];
  let graphics = false;
  // a small PCI tree from index 10 up: each new controller on the root bus or on one written before it
  if (g.maybe(0.5)) {
    const tree: Array<{ index: number; model: string }> = [];
    const held = new Set<string>();
    const n = g.pick([1, 1, 2, 3]);
    const models = q35
      ? ['pcie-root-port', 'pcie-expander-bus', 'dmi-to-pci-bridge', 'pcie-to-pci-bridge', 'pcie-switch-upstream-port', 'pcie-switch-downstream-port', 'pci-bridge']
      : ['pci-bridge', 'pci-expander-bus', 'pci-bridge'];
    // where each model goes (the first choice is the bus libvirt takes for it)
    const home: Record<string, string[]> = {
      'pcie-root-port': ['pcie-root', 'pcie-expander-bus'], 'pcie-expander-bus': ['pcie-root'], 'dmi-to-pci-bridge': ['pcie-root', 'pcie-expander-bus'],
      'pcie-to-pci-bridge': ['pcie-root-port', 'pcie-switch-downstream-port'], 'pcie-switch-upstream-port': ['pcie-root-port', 'pcie-switch-downstream-port'],
      'pcie-switch-downstream-port': ['pcie-switch-upstream-port'], 'pci-bridge': ['pci-root', 'pcie-root', 'pci-bridge', 'pcie-root-port', 'dmi-to-pci-bridge', 'pcie-to-pci-bridge', 'pci-expander-bus'], 'pci-expander-bus': ['pci-root'],
    };
    const root = q35 ? 'pcie-root' : 'pci-root';
    for (let i = 0; i < n; i++) {
      const model = g.pick(models);
      const index = 10 + i;
      const buses = [{ index: 0, model: root }, ...tree];
      const fits = buses.filter((b) => home[model]!.includes(b.model));
      const misfits = buses.filter((b) => !home[model]!.includes(b.model));
      const bus = g.odd(fits.length ? fits : buses, misfits.length ? misfits : buses);
      const oneSlot = ['pcie-root-port', 'pcie-switch-downstream-port'].includes(bus.model);
      const slot = bus.index === 0 ? `0x${(0x14 + i).toString(16)}` : oneSlot ? '0x00' : g.odd(['0x01', '0x02'], ['0x00']);
      const where = g.maybe(0.8) ? `<address type="pci" domain="0x0000" bus="0x${bus.index.toString(16).padStart(2, '0')}" slot="${slot}" function="0x0"/>` : '';
      const node = /expander/.test(model) && g.maybe(0.4) ? `<target><node>${g.odd([String(Math.max(cells - 1, 0))], [String(cells), '1'])}</node></target>` : '';
      dev.push(`<controller type="pci" index="${index}" model="${model}">${node}${where}</controller>`);
      tree.push({ index, model });
      if (where) held.add(`${bus.index}:${slot}`);
    }
    // an ordinary device written onto one of the tree's buses (a pcie-expander-bus and a switch's
    // upstream port take none), of a kind libvirt connects as PCI Express or as conventional PCI
    if (g.maybe(0.6)) {
      const bus = g.pick(tree);
      const oneSlot = ['pcie-root-port', 'pcie-switch-downstream-port'].includes(bus.model);
      const slot = oneSlot ? '0x00' : '0x03';
      if (!held.has(`${bus.index}:${slot}`)) {
        const at = `<address type="pci" domain="0x0000" bus="0x${bus.index.toString(16).padStart(2, '0')}" slot="${slot}" function="0x0"/>`;
        dev.push(g.pick([
          `<interface type="user"><model type="${g.pick(['virtio', 'e1000e', 'rtl8139', 'virtio-transitional'])}"/>${at}</interface>`,
          `<sound model="${g.pick(['ich6', 'ich9', 'ac97'])}">${at}</sound>`,
          `<controller type="scsi" index="3" model="${g.pick(['virtio-scsi', 'lsilogic'])}">${at}</controller>`,
          `<controller type="usb" index="3" model="${g.pick(['qemu-xhci', 'ich9-ehci1', 'none'])}">${at}</controller>`,
          `<watchdog model="i6300esb">${at}</watchdog>`,
          `<rng model="virtio"><backend model="random">/dev/urandom</backend>${at}</rng>`,
          `<input type="keyboard" bus="virtio">${at}</input>`,
          `<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="0x0000" bus="0x06" slot="0x00" function="0x0"/></source>${at}</hostdev>`,
          `<video><model type="${g.pick(['vga', 'virtio', 'bochs', 'cirrus'])}"/>${at}</video>`,
          // kinds whose connect flags were checked later: vsock, 9p, pci-serial, usb-net, a video without a model
          `<vsock${g.pick(['', ' model="virtio"', ' model="virtio-transitional"'])}><cid auto="yes"/>${at}</vsock>`,
          `<filesystem type="mount" accessmode="passthrough"${g.pick(['', ' model="virtio-transitional"'])}><source dir="/tmp"/><target dir="t"/>${at}</filesystem>`,
          `<serial type="pty"><target type="pci-serial"/>${at}</serial>`,
          `<interface type="user"><model type="usb-net"/>${at}</interface>`,
          `<video>${at}</video>`,
        ]));
      }
    }
  }
  if (q35 && g.maybe(0.1)) dev.push(`<iommu model="virtio">${g.maybe(0.7) ? `<address type="pci" domain="0x0000" bus="${g.odd(['0x00'], ['0x01'])}" slot="0x1c" function="0x0"/>` : ''}</iommu>`);
  if (q35 && g.maybe(0.05)) dev.push('<controller type="pci" model="pcie-root-port"/>'.repeat(g.pick([200, 220, 232, 236, 240, 241, 245])));
  // mediated devices and a vhost SCSI host
  if (g.maybe(0.2)) graphics = g.maybe(0.7);
  if (graphics) dev.push('<graphics type="vnc" autoport="yes"/>');
  const mdevs = g.maybe(0.25) ? g.pick([1, 1, 2]) : 0;
  for (let i = 0; i < mdevs; i++) {
    const display = g.maybe(0.5) ? ` display="${g.odd(graphics ? ['on', 'off'] : ['off'], ['on'])}"` : '';
    const ramfb = g.maybe(0.4) ? ` ramfb="${g.odd(i === 0 ? ['on', 'off'] : ['off'], ['on'])}"` : '';
    const address = g.maybe(0.3) ? g.odd([`<address type="pci" domain="0x0000" bus="0x00" slot="0x${(0x18 + i).toString(16)}" function="0x0"/>`], ['<address type="drive" controller="0" bus="0" target="0" unit="1"/>', '<address type="usb" bus="0" port="2"/>']) : '';
    const boot = bootOrdered && g.bad(0.2) ? `<boot order="${20 + i}"/>` : '';
    dev.push(`<hostdev mode="subsystem" type="mdev" model="vfio-pci"${display}${ramfb}><source><address uuid="53764d0e-85a0-42b4-af5c-2046b460b1${(0xd0 + i).toString(16)}"/></source>${boot}${address}</hostdev>`);
  }
  if (g.maybe(0.1)) dev.push(`<hostdev mode="subsystem" type="scsi_host" managed="no"><source protocol="vhost" wwpn="naa.5123456789abcde0"/>${bootOrdered && g.bad(0.3) ? '<boot order="30"/>' : ''}</hostdev>`);
  // serial ports of every target type, and virtio input models
  if (g.maybe(0.3)) {
    const target = g.odd(['<target type="isa-serial"/>', '<target type="pci-serial"/>', '<target type="usb-serial"/>', '<target type="system-serial"/>', ''],
      ['<target type="system-serial"><model name="pl011"/></target>', '<target type="system-serial"><model name="16550a"/></target>', '<target type="spapr-vio-serial"/>', '<target type="sclp-serial"><model name="sclplmconsole"/></target>', '<target type="isa-serial"><model name="pl011"/></target>']);
    dev.push(`<serial type="pty">${target}</serial>`);
  }
  if (g.maybe(0.2)) dev.push(`<input type="${g.pick(['keyboard', 'mouse', 'tablet'])}" bus="virtio"${g.maybe(0.6) ? ` model="${g.odd(['virtio'], ['virtio-transitional', 'virtio-non-transitional'])}"` : ''}/>`);
  return dev.join('');
}

/**
 * Device kinds the other parts leave out, from a stream of their own (so a seed's other devices
 * stay what they were): TPM, vsock, shmem, memory devices (dimm, nvdimm, virtio-mem/pmem) with the
 * <maxMemory> they need, smartcards, USB redirections, panic, crypto, IOMMU on either machine,
 * hubs, sound codecs, input of each type, odd character-device types (serial and console of pipe,
 * dev, null, vc, stdio, spiceport, nmdm, qemu-vdagent; parallel ports), odd video and graphics
 * (SPICE TLS ports, vnc tlsPort, rdp/sdl/dbus), a second balloon and an RNG with an odd backend.
 * Ordinary values and doubtful ones from a small budget, as the others.
 */
export function moreDevices(r: Rand, machine: string, bootOrdered: boolean): { devices: string; top: string } {
  const g = new Gen(r, r() < 0.3 ? 0 : r() < 0.7 ? 1 : 2);
  const q35 = machine === 'q35';
  const dev: string[] = [];
  let top = '';
  if (g.maybe(0.15)) {
    const model = g.odd(['tpm-tis', 'tpm-crb'], ['tpm-spapr', 'tpm-spapr-proxy', 'bogus']);
    const backend = g.odd(['<backend type="emulator" version="2.0"/>', '<backend type="passthrough"><device path="/dev/tpm0"/></backend>', '<backend type="emulator"/>'], ['<backend type="emulator" version="1.2"/>', '<backend type="passthrough"/>', '<backend type="bogus"/>', '<backend type="external"/>']);
    dev.push(`<tpm model="${model}">${backend}</tpm>`);
    if (g.bad(0.2)) dev.push('<tpm model="tpm-tis"><backend type="emulator" version="2.0"/></tpm>');
  }
  if (g.maybe(0.12)) {
    const cid = g.odd(['<cid auto="yes"/>', '<cid auto="no" address="3"/>', '<cid address="42"/>'], ['<cid auto="no" address="2"/>', '<cid auto="no"/>', '<cid address="x"/>', '<cid auto="maybe"/>']);
    dev.push(`<vsock model="${g.odd(['virtio'], ['bogus', 'virtio-transitional'])}">${cid}</vsock>`);
    if (g.bad(0.2)) dev.push('<vsock model="virtio"><cid auto="yes"/></vsock>');
  }
  if (g.maybe(0.1)) {
    const model = g.odd(['ivshmem-plain', 'ivshmem-doorbell'], ['ivshmem', 'bogus']);
    const size = g.maybe(0.6) ? `<size unit="M">${g.odd(['4', '8', '1'], ['3', '0'])}</size>` : '';
    const server = model === 'ivshmem-doorbell' ? g.odd(['<server path="/tmp/ivsh"/>', ''], ['']) : g.bad(0.3) ? '<server path="/tmp/ivsh"/>' : '';
    const msi = g.maybe(0.2) ? `<msi vectors="${g.odd(['8'], ['0'])}" ioeventfd="on"/>` : '';
    dev.push(`<shmem name="${g.odd(['shm0', 'my_shm'], ['', 'a/b'])}"><model type="${model}"/>${size}${server}${msi}</shmem>`);
  }
  if (g.maybe(0.15)) {
    const maxMem = g.odd([true], [false]);
    if (maxMem) top += `<maxMemory slots="${g.odd(['16', '4'], ['0'])}" unit="GiB">${g.odd(['4'], ['1'])}</maxMemory>`;
    const model = g.odd(['dimm', 'dimm', 'nvdimm', 'virtio-mem'], ['virtio-pmem', 'bogus', 'sgx-epc']);
    const target = model === 'virtio-mem'
      ? `<target><size unit="MiB">${g.odd(['256'], ['100'])}</size><block unit="MiB">${g.odd(['2'], ['3'])}</block><requested unit="MiB">${g.odd(['128'], ['300'])}</requested></target>`
      : `<target><size unit="MiB">${g.odd(['128', '256'], ['0', '100'])}</size>${g.maybe(0.4) ? `<node>${g.odd(['0'], ['3'])}</node>` : ''}</target>`;
    const source = model === 'nvdimm' ? g.odd(['<source><path>/tmp/nvdimm</path></source>'], ['']) : model === 'virtio-pmem' ? '<source><path>/tmp/pmem</path></source>' : g.maybe(0.2) ? `<source><pagesize unit="KiB">${g.odd(['2048', '4'], ['3'])}</pagesize></source>` : '';
    dev.push(`<memory model="${model}"${g.maybe(0.2) ? ` access="${g.odd(['shared', 'private'], ['bogus'])}"` : ''}>${source}${target}</memory>`);
  }
  if (g.maybe(0.08)) {
    const mode = g.odd(['host', 'passthrough', 'host-certificates'], ['bogus']);
    const body = mode === 'passthrough' ? g.odd(['<source mode="bind" path="/tmp/sc"/>', ''], ['<source mode="bind"/>']) : mode === 'host-certificates' ? g.odd(['<certificate>a</certificate><certificate>b</certificate><certificate>c</certificate>'], ['<certificate>a</certificate>', '']) : '';
    dev.push(`<smartcard mode="${mode}"${mode === 'passthrough' ? ` type="${g.odd(['unix', 'spicevmc'], ['pty', 'bogus'])}"` : ''}>${body}</smartcard>`);
  }
  if (g.maybe(0.1)) {
    const type = g.odd(['spicevmc', 'tcp'], ['unix', 'bogus']);
    const src = type === 'tcp' ? g.odd(['<source mode="connect" host="localhost" service="4000"/>'], ['<source mode="connect" host="localhost"/>']) : type === 'unix' ? '<source mode="connect" path="/tmp/r"/>' : '';
    dev.push(`<redirdev bus="${g.odd(['usb'], ['virtio', 'bogus'])}" type="${type}">${src}${g.maybe(0.2) ? `<boot order="${bootOrdered ? g.odd(['31'], ['0']) : '31'}"/>` : ''}</redirdev>`);
    if (g.maybe(0.3)) dev.push(`<redirfilter><usbdev class="${g.odd(['0x08', '-1'], ['0x100'])}" vendor="0x1234" product="0xbeef" version="${g.odd(['2.0'], ['x'])}" allow="${g.odd(['yes', 'no'], ['maybe'])}"/></redirfilter>`);
  }
  if (g.maybe(0.08)) dev.push(`<panic model="${g.odd(['isa', 'hyperv', q35 ? 'pvpanic' : 'isa'], ['pseries', 's390', 'bogus'])}"${g.maybe(0.3) ? '><address type="isa" iobase="0x505"/></panic>' : '/>'}`);
  if (g.maybe(0.05)) dev.push(`<crypto model="${g.odd(['virtio'], ['bogus'])}" type="qemu"><backend model="${g.odd(['builtin', 'lkcf'], ['bogus'])}" queues="${g.odd(['1'], ['0'])}"/></crypto>`);
  if (g.maybe(0.06)) dev.push(`<iommu model="${g.odd([q35 ? 'intel' : 'virtio', 'virtio'], ['intel', 'smmuv3', 'bogus'])}">${g.maybe(0.4) ? `<driver ${g.odd(['intremap="on"', 'caching_mode="on"', 'iotlb="on"', 'aw_bits="48"'], ['aw_bits="40"', 'eim="on"'])}/>` : ''}</iommu>`);
  if (g.maybe(0.06)) dev.push(`<hub type="${g.odd(['usb'], ['bogus'])}"/>`);
  if (g.maybe(0.1)) {
    const model = g.odd(['ich6', 'ich9', 'ac97', 'es1370', 'usb', 'ich7'], ['sb16', 'pcspk', 'bogus', 'ich8']);
    dev.push(`<sound model="${model}">${g.maybe(0.4) ? `<codec type="${g.odd(['duplex', 'micro', 'output'], ['bogus'])}"/>` : ''}${g.maybe(0.2) ? `<audio id="${g.odd(['1'], ['0', '2'])}"/>` : ''}</sound>`);
    if (g.maybe(0.3)) dev.push(`<audio id="1" type="${g.odd(['none', 'spice', 'pulseaudio', 'file'], ['bogus'])}"/>`);
  }
  if (g.maybe(0.15)) {
    const type = g.odd(['tablet', 'mouse', 'keyboard', 'passthrough', 'evdev'], ['bogus', 'joystick']);
    const bus = g.odd(type === 'passthrough' ? ['virtio'] : type === 'evdev' ? [''] : ['usb', 'ps2', 'virtio'], ['xen', 'ps2', 'bogus']);
    const src = type === 'passthrough' || type === 'evdev' ? g.odd(['<source evdev="/dev/input/event1"/>'], ['', '<source evdev="/dev/input/event1" grab="bogus"/>']) : '';
    dev.push(`<input type="${type}"${bus ? ` bus="${bus}"` : ''}>${src}</input>`);
  }
  if (g.maybe(0.2)) {
    const t = g.odd(['pipe', 'dev', 'null', 'vc', 'pty', 'stdio', 'spiceport'], ['nmdm', 'qemu-vdagent', 'dbus', 'bogus']);
    const src = t === 'pipe' ? g.odd(['<source path="/tmp/pipe"/>'], ['']) : t === 'dev' ? g.odd(['<source path="/dev/ttyS0"/>'], ['']) : t === 'spiceport' ? g.odd(['<source channel="org.qemu.console.serial.0"/>'], ['']) : t === 'nmdm' ? '<source master="/dev/nmdm0A" slave="/dev/nmdm0B"/>' : '';
    const kind = g.odd(['serial', 'console', 'parallel'], ['parallel']);
    dev.push(`<${kind} type="${t}">${src}<target${kind === 'console' ? ` type="${g.odd(['serial', 'virtio'], ['sclp'])}"` : ''} port="${g.odd(['0', '1'], ['-1', '4'])}"/></${kind}>`);
  }
  if (g.maybe(0.15)) {
    const spiceTls = g.odd(['port="5930" tlsPort="-1"', 'autoport="yes" tlsPort="5931"', 'port="5930"', 'autoport="yes"'], ['port="5930" tlsPort="5931"', 'tlsPort="5931"', 'port="5930" tlsPort="5930" autoport="no"']);
    dev.push(g.odd([`<graphics type="spice" ${spiceTls}/>`, '<graphics type="vnc" autoport="yes"/>', '<graphics type="spice" autoport="yes" defaultMode="secure"/>'], ['<graphics type="vnc" port="5930" tlsPort="5931"/>', '<graphics type="rdp" autoport="yes"/>', '<graphics type="sdl" display=":0"/>', '<graphics type="dbus"/>', `<graphics type="spice" ${spiceTls}/><graphics type="spice" autoport="yes"/>`]));
  }
  if (g.maybe(0.08)) dev.push(`<memballoon model="virtio"${g.maybe(0.3) ? ` freePageReporting="${g.odd(['on', 'off'], ['yes'])}"` : ''}/>${g.bad(0.3) ? '<memballoon model="virtio"/>' : ''}`);
  if (g.maybe(0.08)) dev.push(`<rng model="virtio">${g.odd(['<backend model="egd" type="tcp"><source mode="connect" host="localhost" service="708"/></backend>', '<backend model="egd" type="udp"><source mode="connect" host="localhost" service="708"/><source mode="bind" host="0.0.0.0" service="709"/></backend>'], ['<backend model="egd" type="pty"/>', '<backend model="egd" type="tcp"><source mode="connect" host="localhost"/></backend>', '<backend model="egd" type="bogus"/>'])}</rng>`);
  return { devices: dev.join(''), top };
}
