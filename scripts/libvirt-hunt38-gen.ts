/**
 * Seeded qemu domains for round 38 of the libvirt hunt (scripts/libvirt-hunt38-check.ts): what
 * operators put around disks that rounds 31 to 36 drew lightly or not at all. <iothreads> and
 * <iothreadids> with a disk's <driver iothread=> (lone and in domains), <blkiotune> with its
 * device entries, <disk><iotune> limits and their combinations (totals with read/write, maxima
 * without a base, lengths without a maximum, group names), <boot order> across disks, interfaces
 * and hostdevs (duplicates, gaps, mixed with <os><boot dev>), <address> of every type on every bus
 * (drive addresses shared between disks and controllers, ccw on x86, pci on a sata disk),
 * <shareable>/<readonly>/<transient> together, <backingStore> chains, <seclabel> inside <source>,
 * cdrom and floppy rules (a floppy off fdc, on q35, a cdrom on virtio, a tray on a disk), iothread
 * pool sizes (thread_pool_min/max, <defaultiothread>), duplicate per-model source labels, <target
 * dev> twice and bus limits (IDE units, a third IDE bus, a floppy's unit), controllers declared for
 * the disks or left to libvirt, and a <tpm> now and then. Each part has ordinary values and
 * doubtful ones from a small budget per document (the shared Chooser, scripts/libvirt-gen-lib.ts).
 * Same seed, same documents.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';

const PREFIX: Readonly<Record<string, string>> = { virtio: 'vd', sata: 'sd', scsi: 'sd', usb: 'sd', ide: 'hd', fdc: 'fd' };

interface Ctx {
  readonly g: Chooser;
  readonly q35: boolean;
  /** the domain's iothread ids (empty: none declared) */
  readonly iothreads: readonly number[];
  /** per-device <boot order> rather than <os><boot dev> */
  readonly perDevice: boolean;
  nextBoot: number;
  nextSlot: number;
  readonly used: Map<string, number>;
  readonly devs: string[];
  /** the last drive address written (another disk may repeat it) */
  lastDrive?: string;
}

function bootOrder(c: Ctx, p: number): string {
  const { g } = c;
  if (!c.perDevice) return g.bad(0.04) ? `<boot order="${g.pick(['1', '2'])}"/>` : '';
  if (!g.maybe(p)) return '';
  const n = g.odd([String(c.nextBoot++)], ['1', String(Math.max(1, c.nextBoot - 1)), '0', '-1', '65536', ' 2', '01', '4294967296', '4294967295'], 0.12);
  return `<boot order="${n}"${g.bad(0.03) ? ' loadparm="ABC"' : ''}/>`;
}

function pciAddress(c: Ctx): string {
  const { g } = c;
  const slot = g.odd([`0x${(c.nextSlot++).toString(16)}`], ['0x1f', '0x20', `0x${Math.max(0x0a, c.nextSlot - 1).toString(16)}`, '0x01', '0x00'], 0.1);
  return `<address type="pci" domain="0x0000" bus="0x00" slot="${slot}" function="${g.odd(['0x0'], ['0x1', '0x8'], 0.05)}"${g.bad(0.03) ? ' multifunction="on"' : ''}/>`;
}

function iotune(g: Chooser): string {
  if (!g.maybe(0.3)) return '';
  const num = () => g.odd(['1000', '50000', '10485760'], ['0', '-1', '18446744073709551615', '1e3'], 0.08);
  const parts: string[] = [];
  const kinds = ['bytes', 'iops'] as const;
  for (const k of kinds) {
    const r = g.pick(['none', 'total', 'rw', 'rw', 'read', 'both']);
    const wantBoth = r === 'both' ? g.bad(0.4) : false;
    if (r === 'total' || wantBoth) parts.push(`<total_${k}_sec>${num()}</total_${k}_sec>`);
    if (r === 'rw' || r === 'read' || wantBoth) parts.push(`<read_${k}_sec>${num()}</read_${k}_sec>`);
    if (r === 'rw') parts.push(`<write_${k}_sec>${num()}</write_${k}_sec>`);
    // a maximum with or without its base, a length with or without its maximum
    if (g.maybe(0.25)) {
      const which = r === 'total' || r === 'none' ? 'total' : 'read';
      const own = g.bad(0.25) ? (which === 'total' ? 'read' : 'total') : which;
      const max = g.odd(['100000', '2000000'], ['10', '0'], 0.1);
      parts.push(`<${own}_${k}_sec_max>${max}</${own}_${k}_sec_max>`);
      if (g.maybe(0.4)) parts.push(`<${own}_${k}_sec_max_length>${g.odd(['10', '60'], ['0', '4294967296'], 0.1)}</${own}_${k}_sec_max_length>`);
    } else if (g.bad(0.06)) parts.push(`<write_${k}_sec_max_length>5</write_${k}_sec_max_length>`);
  }
  if (g.maybe(0.15)) parts.push(`<size_iops_sec>${g.odd(['4096'], ['0'])}</size_iops_sec>`);
  if (g.maybe(0.2)) parts.push(`<group_name>${g.odd(['grp1', 'g2'], ['', 'a b'])}</group_name>`);
  return `<iotune>${parts.join('')}</iotune>`;
}

function seclabel(g: Chooser): string {
  if (!g.maybe(0.1)) return '';
  return g.odd([
    '<seclabel model="dac" relabel="no"/>',
    '<seclabel model="selinux" relabel="no"/>',
    '<seclabel model="dac"><label>107:107</label></seclabel>',
    '<seclabel relabel="no"/>',
  ], ['<seclabel model="dac" relabel="yes"><label>+0:+0</label></seclabel>', '<seclabel model="bogus" relabel="no"/>', '<seclabel model="dac" relabel="no"><label>x</label></seclabel>', '<seclabel model="dac" relabel="maybe"/>', '<seclabel model="dac" relabel="no"/><seclabel model="dac" relabel="no"/>', '<seclabel relabel="no"/><seclabel relabel="no"/>'], 0.15);
}

function backing(g: Chooser, i: number): string {
  if (!g.maybe(0.12)) return '';
  const inner = g.maybe(0.3) ? '<backingStore type="file"><format type="raw"/><source file="/var/lib/libvirt/images/base2.raw"/><backingStore/></backingStore>' : g.maybe(0.5) ? '<backingStore/>' : '';
  const dir = g.bad(0.04);
  const fmt = dir ? g.pick(['fat', 'raw']) : g.odd(['qcow2', 'raw'], ['', 'bogus', 'iso', 'luks', 'dir', 'cow', 'fat'], 0.1);
  const src = dir ? '<source dir="/srv/base"/>' : g.odd([`<source file="/var/lib/libvirt/images/base-${i}.qcow2">${seclabel(g)}</source>`], ['', '<source dev="/dev/sdz"/>'], 0.08);
  const extra = g.bad(0.03) ? g.pick(['<encryption format="luks"><secret type="passphrase" uuid="0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"/></encryption>', '<driver name="qemu"/>']) : '';
  const type = dir ? 'dir' : g.odd(['file'], ['block', 'bogus'], 0.05);
  return `<backingStore type="${type}"${g.maybe(0.1) ? ` index="${g.odd(['1', '2'], ['0', 'x'], 0.3)}"` : ''}>${fmt ? `<format type="${fmt}"/>` : ''}${src}${extra}${inner}</backingStore>`;
}

function disk(c: Ctx, i: number): { xml: string; bus: string } {
  const { g, q35 } = c;
  const device = g.odd(['disk', 'disk', 'disk', 'cdrom'], ['floppy', 'lun', 'cdrom'], 0.15);
  let bus: string;
  if (device === 'floppy') bus = g.odd(['fdc'], ['sata', 'ide', 'virtio'], 0.2);
  else if (device === 'cdrom') bus = g.odd(q35 ? ['sata', 'scsi'] : ['ide', 'sata', 'scsi'], ['virtio', 'usb', q35 ? 'ide' : 'fdc'], 0.12);
  else bus = g.odd(q35 ? ['virtio', 'virtio', 'sata', 'scsi'] : ['virtio', 'virtio', 'ide', 'sata', 'scsi'], [q35 ? 'ide' : 'usb', 'fdc', 'usb'], 0.06);
  if (device === 'lun') bus = g.odd(['scsi', 'virtio'], ['sata']);
  const prefix = PREFIX[bus] ?? 'sd';
  const k = c.used.get(prefix) ?? 0;
  c.used.set(prefix, k + 1);
  let dev = `${prefix}${String.fromCharCode(97 + k)}`;
  if (i > 0 && g.bad(0.1)) dev = c.devs[0]!;
  else if (g.bad(0.05)) dev = g.pick([`${prefix}e`, `${prefix}z`, 'hdd', 'fdc', 'sdaa', 'vd-a']);
  c.devs.push(dev);
  const type = device === 'lun' ? 'block' : g.pick(['file', 'file', 'file', 'block']);
  const path = type === 'file' ? `/var/lib/libvirt/images/h38-${i}.${device === 'cdrom' ? 'iso' : 'img'}` : `/dev/sd${String.fromCharCode(98 + i)}`;
  const empty = (device === 'cdrom' || device === 'floppy') && g.maybe(0.2);
  const src = empty ? '' : `<source ${type === 'file' ? 'file' : 'dev'}="${path}">${seclabel(g)}</source>`;
  // the driver, with an iothread now and then
  const drv: string[] = [`name="qemu"`, `type="${g.odd([device === 'cdrom' ? 'raw' : g.pick(['raw', 'qcow2'])], ['qcow2', 'bogus'], 0.05)}"`];
  if (g.maybe(0.3)) drv.push(`cache="${g.pick(['none', 'writeback', 'directsync'])}"`);
  if (c.iothreads.length && bus === 'virtio' ? g.maybe(0.5) : g.bad(0.08)) {
    const id = c.iothreads.length ? g.odd([String(g.pick(c.iothreads))], ['0', String(Math.max(...c.iothreads) + 1), '99'], 0.15) : g.pick(['1', '2']);
    drv.push(`iothread="${id}"`);
  }
  if (bus === 'virtio' && g.maybe(0.1)) drv.push(`queues="${g.odd(['2', '4'], ['0'])}"`);
  const tgt: string[] = [`dev="${dev}"`];
  if (!g.bad(0.04)) tgt.push(`bus="${bus}"`);
  if ((device === 'cdrom' || device === 'floppy') && g.maybe(0.2)) tgt.push(`tray="${g.pick(['open', 'closed'])}"`);
  else if (g.bad(0.03)) tgt.push('tray="open"');
  const kids = [`<driver ${drv.join(' ')}/>`, src, `<target ${tgt.join(' ')}/>`];
  kids.push(iotune(g));
  kids.push(backing(g, i));
  kids.push(bootOrder(c, 0.5));
  const ro = device === 'cdrom' ? !g.bad(0.1) : g.maybe(0.07);
  if (ro) kids.push('<readonly/>');
  if ((drv[1] === 'type="raw"' && g.maybe(0.12)) || g.bad(0.04)) kids.push('<shareable/>');
  if ((!ro && g.maybe(0.06)) || g.bad(0.04)) kids.push(g.odd(['<transient/>'], ['<transient shareBacking="yes"/>']));
  if (g.maybe(0.08)) kids.push(`<serial>${g.odd([`S${i}N0001`], ['has space'])}</serial>`);
  // an address
  if (g.maybe(0.3)) {
    if (bus === 'virtio') kids.push(g.odd([pciAddress(c)], ['<address type="drive" controller="0" bus="0" target="0" unit="0"/>', '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0001"/>', '<address type="virtio-mmio"/>', '<address type="usb" bus="0" port="1"/>']));
    else if (bus === 'usb') kids.push(g.odd([`<address type="usb" bus="0" port="${i + 1}"/>`], ['<address type="usb" bus="0" port="0"/>', '<address type="drive" controller="0" bus="0" target="0" unit="0"/>']));
    else {
      const ide = bus === 'ide';
      const ctrl = g.odd(['0'], ['1', '3'], 0.08);
      const b = ide ? g.odd([String(k >> 1)], ['2', '1'], 0.1) : '0';
      const unit = ide ? g.odd([String(k & 1)], ['2', '0'], 0.1) : bus === 'fdc' ? g.odd([String(k)], ['2', '1'], 0.1) : g.odd([String(k)], ['0', '6', '7', '30', '256'], 0.12);
      const target = bus === 'scsi' ? g.odd(['0'], ['1', '255'], 0.06) : g.odd(['0'], ['1'], 0.04);
      const drive = c.lastDrive && g.bad(0.15) ? c.lastDrive : `<address type="drive" controller="${ctrl}" bus="${b}" target="${target}" unit="${unit}"/>`;
      c.lastDrive = drive;
      kids.push(g.odd([drive], ['<address type="pci" domain="0x0000" bus="0x00" slot="0x1e" function="0x0"/>', '<address type="ccw" cssid="0xfe" ssid="0x0" devno="0x0002"/>'], 0.06));
    }
  }
  const attrs = device === 'lun' && g.maybe(0.4) ? ` sgio="${g.pick(['filtered', 'unfiltered'])}"` : '';
  return { xml: `<disk type="${type}" device="${device}"${attrs}>${kids.filter(Boolean).join('')}</disk>`, bus };
}

function blkiotune(g: Chooser): string {
  if (!g.maybe(0.25)) return '';
  const parts: string[] = [];
  if (g.maybe(0.6)) parts.push(`<weight>${g.odd(['500', '100', '1000'], ['99', '1001', '0', 'x'], 0.15)}</weight>`.repeat(g.bad(0.04) ? 2 : 1));
  const n = g.pick([0, 1, 1, 2]);
  for (let i = 0; i < n; i++) {
    const path = i === 1 && g.bad(0.3) ? '/dev/sda' : `/dev/sd${String.fromCharCode(97 + i)}`;
    const kids: string[] = [`<path>${g.odd([path], ['', 'relative'], 0.05)}</path>`];
    if (g.maybe(0.5)) kids.push(`<weight>${g.odd(['500'], ['99', '1001', '0'], 0.15)}</weight>`);
    if (g.maybe(0.4)) kids.push(`<read_bytes_sec>${g.odd(['10000'], ['-1', 'x'], 0.08)}</read_bytes_sec>`);
    if (g.maybe(0.3)) kids.push(`<write_iops_sec>${g.odd(['200'], ['x'], 0.08)}</write_iops_sec>`);
    if (g.bad(0.05)) kids.reverse();
    parts.push(`<device>${kids.join('')}</device>`);
  }
  return `<blkiotune>${parts.join('')}</blkiotune>`;
}

function iothreadPart(g: Chooser): { xml: string; ids: number[] } {
  const r = g.pick(['none', 'none', 'count', 'ids', 'both']);
  if (r === 'none') return { xml: '', ids: [] };
  const count = g.pick([1, 2, 4]);
  if (r === 'count') return { xml: `<iothreads>${g.odd([String(count)], ['0'], 0.1)}</iothreads>`, ids: Array.from({ length: count }, (_, i) => i + 1) };
  const picked = g.pick([[1], [1, 2], [2, 5], [3]]);
  const ids = g.bad(0.1) ? [...picked, picked[0]!] : picked;
  const pool = () => {
    if (!g.maybe(0.15)) return '';
    const r = g.odd(['max', 'both'], ['min', 'inverted', 'zero', 'wide'], 0.3);
    if (r === 'max') return ` thread_pool_max="${g.pick(['2', '8'])}"`;
    if (r === 'both') return ' thread_pool_min="1" thread_pool_max="4"';
    if (r === 'min') return ' thread_pool_min="2"';
    if (r === 'inverted') return ' thread_pool_min="4" thread_pool_max="2"';
    if (r === 'zero') return ' thread_pool_max="0"';
    return ' thread_pool_min="1" thread_pool_max="2147483648"';
  };
  const list = `<iothreadids>${ids.map((n) => `<iothread id="${n}"${pool()}/>`).join('')}</iothreadids>${g.maybe(0.1) ? `<defaultiothread${pool() || ' thread_pool_max="4"'}/>` : ''}`;
  if (r === 'ids') return { xml: list, ids: [...new Set(ids)] };
  const total = g.odd([Math.max(ids.length, count)], [Math.max(0, ids.length - 1)], 0.2);
  // the count covers the listed ids and fills the lowest free ones
  const all = new Set(ids);
  for (let n = 1; all.size < total; n++) all.add(n);
  return { xml: `<iothreads>${total}</iothreads>${list}`, ids: [...all] };
}

function controllers(g: Chooser, q35: boolean, buses: ReadonlySet<string>, iothreads: readonly number[]): string {
  const out: string[] = [];
  if (buses.has('scsi') && g.maybe(0.7)) {
    const io = iothreads.length && g.maybe(0.3) ? `<driver iothread="${g.odd([String(iothreads[0])], ['7'])}"/>` : '';
    out.push(`<controller type="scsi" index="0" model="${g.odd(['virtio-scsi', 'virtio-scsi', 'lsilogic'], ['bogus', 'auto', 'lsisas1068'], 0.1)}">${io}</controller>`);
    if (g.bad(0.04)) out.push('<controller type="scsi" index="0" model="virtio-scsi"/>');
  }
  if (buses.has('sata') && (q35 ? g.bad(0.05) : g.maybe(0.6))) out.push(`<controller type="sata" index="${q35 ? '0' : g.odd(['0'], ['1'])}"/>`);
  if (buses.has('ide') && g.maybe(0.3)) out.push(`<controller type="ide" index="${g.odd(['0'], ['1', '2'], 0.1)}"/>`);
  if (g.maybe(0.2)) out.push(`<controller type="fdc" index="0"/>`);
  return out.join('');
}

function interfaces(c: Ctx): string {
  const { g } = c;
  const n = g.pick([0, 1, 1, 2]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const network = g.maybe(0.5);
    const addr = g.maybe(0.2) ? pciAddress(c) : '';
    out.push(`<interface type="${network ? 'network' : 'user'}"><mac address="52:54:00:00:38:${(16 + i).toString(16)}"/>${network ? '<source network="default"/>' : ''}<model type="${g.pick(['virtio', 'e1000'])}"/>${bootOrder(c, 0.4)}${addr}</interface>`);
  }
  return out.join('');
}

function hostdevs(c: Ctx): string {
  const { g } = c;
  if (!g.maybe(0.2)) return '';
  const kind = g.pick(['pci', 'usb', 'scsi']);
  if (kind === 'pci') return `<hostdev mode="subsystem" type="pci" managed="yes"><source><address domain="0x0000" bus="0x03" slot="0x00" function="0x0"/></source>${bootOrder(c, 0.5)}${g.maybe(0.3) ? pciAddress(c) : ''}</hostdev>`;
  if (kind === 'usb') return `<hostdev mode="subsystem" type="usb"><source><vendor id="0x1234"/><product id="0xbeef"/></source>${bootOrder(c, 0.5)}</hostdev>`;
  const unit = g.odd(['3'], ['0', '1'], 0.3);
  return `<hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="0"/></source>${bootOrder(c, 0.3)}${g.maybe(0.6) ? `<address type="drive" controller="0" bus="0" target="0" unit="${unit}"/>` : ''}</hostdev>`;
}

function tpm(g: Chooser, q35: boolean): string {
  if (!g.maybe(0.08)) return '';
  const model = g.odd([q35 ? 'tpm-crb' : 'tpm-tis'], ['tpm-crb', 'tpm-tis', 'tpm-spapr'], 0.3);
  const backend = g.odd(['<backend type="passthrough"><device path="/dev/tpm0"/></backend>', '<backend type="passthrough"/>'], ['<backend type="passthrough" version="1.2"/>', '<backend type="emulator"/>', '<backend type="emulator" version="1.2"/>'], 0.3);
  return `<tpm model="${model}">${backend}</tpm>`;
}

/** One document of seed s: a lone <disk> (an eighth) or a qemu domain. */
export function hunt38Document(seed: number, name: string): string {
  const g = new Chooser(rng(seed), Math.floor(rng(seed ^ 0x38)() * 4), 0.08);
  const q35 = g.maybe(0.4);
  if (g.maybe(1 / 8)) {
    const c: Ctx = { g, q35: false, iothreads: [], perDevice: true, nextBoot: 1, nextSlot: 0x0a, used: new Map(), devs: [] };
    return `${disk(c, 0).xml}\n`;
  }
  const io = iothreadPart(g);
  const perDevice = g.maybe(0.6);
  const c: Ctx = { g, q35, iothreads: io.ids, perDevice, nextBoot: 1, nextSlot: 0x0a, used: new Map(), devs: [] };
  const osBoot = !perDevice ? g.pick(['<boot dev="hd"/>', '<boot dev="cdrom"/><boot dev="hd"/>', '<boot dev="network"/>', '']) : g.bad(0.08) ? '<boot dev="hd"/>' : '';
  const n = g.pick([1, 2, 2, 3, 3, 4]);
  const ds = Array.from({ length: n }, (_, i) => disk(c, i));
  const buses = new Set(ds.map((d) => d.bus));
  const devices = [ds.map((d) => d.xml).join(''), controllers(g, q35, buses, io.ids), interfaces(c), hostdevs(c), tpm(g, q35)].join('');
  const vcpu = g.maybe(0.5) ? `<vcpu placement="static">${g.pick(['1', '2', '4'])}</vcpu>` : '';
  return `<domain type="qemu"><name>${name}</name><memory unit="KiB">131072</memory>${vcpu}${io.xml}${blkiotune(g)}<os><type arch="x86_64" machine="${q35 ? 'q35' : 'pc'}">hvm</type>${osBoot}</os><features><acpi/></features><devices>${devices}</devices></domain>\n`;
}

export function hunt38Domains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`hunt38-${seed}-${i}`, hunt38Document(seed * 7919 + i, `bdm-lab-h38-${seed}-${i}`)]);
  return out;
}
