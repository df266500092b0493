/**
 * Seeded whole-domain documents for scripts/libvirt-define-check.ts: a small qemu domain as
 * operators and Nova write it, with one to four disks and a few controllers. Every choice has
 * ordinary values and doubtful ones (what libvirt may refuse); a document takes at most a few
 * doubtful ones, so most documents are near the line rather than far over it: <os><boot> against
 * per-disk <boot order>, repeated targets and drive addresses, controller index and model,
 * cdrom/floppy/lun on every bus, readonly/shareable/transient, <driver> attributes (io, cache,
 * discard, detect_zeroes, iothread, queues), network sources with hosts, auth and secrets,
 * <iotune>, <encryption>, <serial>/<wwn>, and pci/drive/usb addresses. Same seed, same documents.
 */

import { rng } from './prng.mjs';

export type Rand = () => number;

const UUID = 'c0ffee00-0000-4000-8000-000000000001';

/** Choices from one seeded stream; `odd` takes a doubtful value while the document's budget lasts. */
class Gen {
  constructor(private readonly r: Rand, private budget: number) {}
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)]!;
  }
  maybe(p: number): boolean {
    return this.r() < p;
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
  if (g.maybe(0.03)) a.push(`ats="${g.pick(['on', 'off'])}"`);
  return `<driver ${a.join(' ')}/>`;
}

function iotune(g: Gen): string {
  const base = g.pick([['total_bytes_sec'], ['read_bytes_sec', 'write_bytes_sec'], ['total_iops_sec'], ['read_iops_sec', 'write_iops_sec'], ['total_bytes_sec', 'total_iops_sec']]);
  const extra = g.odd<string[]>([[], [], ['total_bytes_sec_max'], ['size_iops_sec']], [['read_bytes_sec'], ['total_iops_sec_max'], ['total_bytes_sec_max_length'], ['read_iops_sec_max']]);
  const keys = [...new Set([...base, ...extra])];
  const parts = keys.map((k) => `<${k}>${g.odd(['1000', '20000000'], ['0', '-1'])}</${k}>`);
  if (g.maybe(0.1)) parts.push('<group_name>g1</group_name>');
  return `<iotune>${parts.join('')}</iotune>`;
}

const BUS_PREFIX: Record<string, string> = { virtio: 'vd', scsi: 'sd', sata: 'sd', usb: 'sd', ide: 'hd', fdc: 'fd', xen: 'xvd' };

function address(g: Gen, bus: string, slots: string[]): string {
  const drive = () => `<address type="drive" controller="${g.odd(['0'], ['1', '2'])}" bus="${bus === 'ide' ? g.pick(['0', '1']) : g.odd(['0'], ['1'])}" target="${g.odd(['0'], ['1', '7'])}" unit="${g.pick(['0', '1', '2', '3', '5', '6', '7'])}"/>`;
  const pci = () => {
    const s = g.odd(['0x0a', '0x0b', '0x0c', '0x0d'], ['0x01', '0x02', '0x1f', '0x20', slots[0] ?? '0x0a']);
    slots.push(s);
    return `<address type="pci" domain="0x0000" bus="0x00" slot="${s}" function="0x0"/>`;
  };
  const usb = () => `<address type="usb" bus="0" port="${g.pick(['1', '2'])}"/>`;
  const ccw = () => '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>';
  const preferred = bus === 'virtio' ? pci : bus === 'usb' ? usb : drive;
  return g.odd([preferred], [drive, pci, usb, ccw])();
}

interface DiskCtx { iothreads: number; used: string[]; slots: string[]; order: number }

function disk(g: Gen, ctx: DiskCtx): string {
  const device = g.odd(['disk', 'disk', 'disk', 'cdrom'], ['floppy', 'lun', 'cdrom']);
  const busGood = device === 'cdrom' ? ['sata', 'ide', 'scsi'] : device === 'floppy' ? ['fdc'] : device === 'lun' ? ['scsi'] : ['virtio', 'virtio', 'virtio', 'scsi', 'scsi', 'sata', 'ide', 'usb'];
  const bus = g.odd(busGood, device === 'disk' ? ['xen', 'fdc', 'sd'] : ['virtio', 'usb', 'sata', 'ide', 'fdc']);
  const type = device === 'lun' ? g.odd(['block', 'network'], ['file', 'volume']) : device === 'cdrom' ? g.odd(['file', 'network'], ['block', 'volume']) : g.odd(['file', 'file', 'block', 'network', 'network'], ['volume', 'dir']);
  let dev = (BUS_PREFIX[bus] ?? 'vd') + g.pick(['a', 'b', 'c', 'd', 'e', 'f', 'h']);
  if (ctx.used.includes(dev) && !g.maybe(0.15)) dev = (BUS_PREFIX[bus] ?? 'vd') + String.fromCharCode(97 + ctx.used.length + 8);
  dev = g.odd([dev], ['hda'.replace('h', BUS_PREFIX[bus] === 'vd' ? 's' : 'v'), 'fda', 'sdaa', 'hdz', 'vd1']);
  ctx.used.push(dev);
  const parts: string[] = [driver(g, bus, device, ctx.iothreads)];
  let src = source(g, type, device);
  // Nova writes <auth> directly in <disk>; libvirt also reads it inside <source> (not both)
  const auth = /<auth[ >].*?<\/auth>/.exec(src)?.[0];
  let diskAuth = '';
  if (auth && g.maybe(0.4)) {
    diskAuth = auth;
    if (!g.maybe(0.1)) src = src.replace(auth, '');
  }
  const luks = `<encryption format="luks"><secret type="passphrase" uuid="${UUID}"/></encryption>`;
  if (src && g.maybe(0.06)) parts.push(src.endsWith('/>') ? `${src.slice(0, -2)}>${luks}</source>` : src.replace(/<\/source>$/, `${luks}</source>`));
  else if (src) parts.push(src);
  if (diskAuth) parts.push(diskAuth);
  const tray = device === 'cdrom' || device === 'floppy' ? g.maybe(0.15) : g.maybe(0.03);
  const busAttr = g.maybe(0.08) ? '' : ` bus="${bus}"`;
  parts.push(`<target dev="${dev}"${busAttr}${tray ? ` tray="${g.pick(['open', 'closed'])}"` : ''}${g.maybe(0.04) ? ` removable="${g.pick(['on', 'off'])}"` : ''}${g.maybe(0.04) ? ` rotation_rate="${g.odd(['1', '7200'], ['0', '70000'])}"` : ''}/>`);
  if (g.maybe(0.18)) parts.push(iotune(g));
  if (g.maybe(0.3)) parts.push(`<boot order="${g.odd([String(++ctx.order)], ['1', '0', '2'])}"/>`);
  const flags = device === 'cdrom' ? g.odd(['<readonly/>', ''], ['<shareable/>', '<transient/>']) : g.odd(['', '', '', '', '<readonly/>', '<shareable/>'], ['<readonly/><shareable/>', '<transient/>', '<transient shareBacking="yes"/>', '<transient/><readonly/>', '<transient/><shareable/>']);
  if (flags) parts.push(flags);
  if (g.maybe(0.2)) parts.push(`<serial>${g.odd(['c0ffee00-0000-4000-8000-000000000001', 'abc-123'], ['a/b', 'x'.repeat(40)])}</serial>`);
  if (g.maybe(0.08)) parts.push(`<wwn>${g.odd(['5000c50015ea71ac'], ['0x5000c50015ea71ac', '5000c5001'])}</wwn>`);
  if (g.maybe(0.05)) parts.push(`<vendor>${g.odd(['ACME'], ['ACME-VENDOR-TOO-LONG'])}</vendor><product>Disk</product>`);
  if (g.maybe(0.06)) parts.push(`<encryption format="${g.odd(['luks'], ['qcow'])}"><secret type="passphrase" uuid="${UUID}"/></encryption>`);
  if (g.maybe(0.05)) parts.push(`<blockio logical_block_size="${g.odd(['512', '4096'], ['1000', '0'])}"/>`);
  if (g.maybe(0.04)) parts.push(`<geometry cyls="16383" heads="16" secs="63"${g.maybe(0.3) ? ` trans="${g.pick(['lba', 'none', 'auto'])}"` : ''}/>`);
  if (g.maybe(0.15)) parts.push(`<alias name="${g.odd([`ua-${UUID.slice(0, 8)}-${ctx.used.length}`], ['ua-dup', 'ua-dup', `disk${ctx.used.length}`])}"/>`);
  if (g.maybe(0.3)) parts.push(address(g, bus, ctx.slots));
  return `<disk type="${type}" device="${device}">${parts.join('')}</disk>`;
}

function controllers(g: Gen, iothreads: number, slots: string[]): string {
  const out: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const type = g.pick(['scsi', 'scsi', 'scsi', 'sata', 'ide', 'usb', 'virtio-serial']);
    const index = g.odd(['0'], ['1', '2', '0']);
    const model = type === 'scsi' ? g.odd([' model="virtio-scsi"', ' model="virtio-scsi"', ''], [' model="lsilogic"', ' model="bogus"', ' model="ibmvscsi"']) : type === 'usb' ? g.odd(['', ' model="qemu-xhci"'], [' model="none"', ' model="piix3-uhci"']) : type === 'ide' ? g.odd([''], [' model="piix4"']) : '';
    const drv = type === 'scsi' && g.maybe(0.3) ? `<driver${g.maybe(0.6) ? ` queues="${g.odd(['2', '4'], ['0'])}"` : ''}${g.maybe(0.5) && (iothreads || g.maybe(0.3)) ? ` iothread="${iothreads ? g.odd(['1'], [String(iothreads + 1)]) : '1'}"` : ''}/>` : '';
    let addr = '';
    if (g.maybe(0.2)) {
      const s = g.odd(['0x07', '0x09'], ['0x01', '0x1f', slots[0] ?? '0x07']);
      slots.push(s);
      addr = `<address type="pci" domain="0x0000" bus="0x00" slot="${s}" function="0x0"/>`;
    }
    out.push(`<controller type="${type}" index="${index}"${model}>${drv}${addr}</controller>`);
  }
  return out.join('');
}

/** One whole qemu domain of 1-4 disks, named `name`. */
export function domainDocument(seed: number, name: string): string {
  const r = rng(seed);
  const g = new Gen(r, r() < 0.25 ? 0 : r() < 0.6 ? 1 : 2);
  const machine = g.odd(['pc', 'pc', 'q35'], ['q35']);
  const iothreads = g.pick([0, 0, 1, 2]);
  const ctx: DiskCtx = { iothreads, used: [], slots: [], order: 0 };
  const ctl = controllers(g, iothreads, ctx.slots);
  const disks: string[] = [];
  const n = g.pick([1, 2, 2, 3, 3, 4]);
  for (let i = 0; i < n; i++) disks.push(disk(g, ctx));
  const osBoot = ctx.order ? g.odd([''], ['<boot dev="hd"/>']) : g.maybe(0.4) ? g.pick(['<boot dev="hd"/>', '<boot dev="cdrom"/><boot dev="hd"/>', '<boot dev="network"/>']) : '';
  const nic = g.maybe(0.2) ? `<interface type="user"><model type="virtio"/>${g.maybe(0.3) ? `<boot order="${g.odd([String(++ctx.order)], ['1'])}"/>` : ''}${g.maybe(0.3) ? `<address type="pci" domain="0x0000" bus="0x00" slot="${g.odd(['0x0e'], [ctx.slots[0] ?? '0x0e'])}" function="0x0"/>` : ''}</interface>` : '';
  return `<domain type="qemu"><name>${name}</name><memory unit="MiB">64</memory><vcpu>1</vcpu>${iothreads ? `<iothreads>${iothreads}</iothreads>` : ''}<os><type arch="x86_64" machine="${machine}">hvm</type>${osBoot}</os><features><acpi/></features><devices>${ctl}${disks.join('')}${nic}</devices></domain>\n`;
}

export function generatedDomains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`domain-${seed}-${i}`, domainDocument(seed * 100003 + i, `bdm-lab-gen-${seed}-${i}`)]);
  return out;
}
