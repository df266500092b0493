import { attrSpan, parseNumber } from './ruleHelpers';
import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlElement } from './types';
import type { DiskView, DocView } from './view';

/** Pure helpers of the domain-wide rows (domainRules.ts): libvirt's bitmaps, drive addresses, hostdevs. */

/** The highest CPU or node id libvirt's domain bitmaps hold (16384 bits; checked on libvirt 9.0: 16383 is taken, 16384 refused). */
export const BITMAP_MAX = 16383;

/**
 * A set of CPU or node ids below 16 384, as libvirt's virBitmap keeps it: one bit per id, in
 * 32-bit words up to the highest id the text names (a set of "0-3" is one word, "0-16383" 512).
 * Members are visited in ascending order, as virBitmapNextSetBit walks them. Every operation costs
 * at most a pass over the words, never one step per member: thousands of elements each naming
 * "0-16383" are checked in time proportional to the text.
 */
export class Bitmap {
  /** The bits, word by word (read by Owners; callers use the methods). */
  private constructor(readonly words: Uint32Array) {}

  /**
   * libvirt's CPU/node bitmap syntax: comma-separated `N`, `N-M` (N <= M) and `^N` (leave N out).
   * The set, or null when libvirt cannot parse it ("Failed to parse bitmap").
   */
  static parse(text: string): Bitmap | null {
    // libvirt's schema pattern (basictypes.rng cpuset): no white space anywhere
    const items = text.split(',');
    const ranges: number[] = [];
    const excluded: number[] = [];
    let high = -1;
    for (const item of items) {
      const m = /^(\^)?(\d+)(?:-(\d+))?$/.exec(item);
      if (!m) return null;
      const from = Number(m[2]);
      const to = m[3] === undefined ? from : Number(m[3]);
      if (m[1] && m[3] !== undefined) return null;
      if (to < from || to > BITMAP_MAX) return null;
      if (m[1]) excluded.push(from);
      else {
        ranges.push(from, to);
        if (to > high) high = to;
      }
    }
    const words = new Uint32Array((high >> 5) + 1);
    for (let i = 0; i < ranges.length; i += 2) setRange(words, ranges[i], ranges[i + 1]);
    for (const n of excluded) if (n >> 5 < words.length) words[n >> 5] &= ~(1 << (n & 31));
    return new Bitmap(words);
  }

  /** The members of `ids` that a bitmap can hold (0 to 16 383). */
  static of(ids: Iterable<number>): Bitmap {
    const out = Bitmap.empty();
    for (const n of ids) if (Number.isInteger(n) && n >= 0 && n <= BITMAP_MAX) out.words[n >> 5] |= 1 << (n & 31);
    return out;
  }

  /** An empty set that can hold every id (for unions). */
  static empty(): Bitmap {
    return new Bitmap(new Uint32Array((BITMAP_MAX >> 5) + 1));
  }

  has(n: number): boolean {
    if (!(Number.isInteger(n) && n >= 0 && n <= BITMAP_MAX)) return false;
    const w = n >> 5;
    return w < this.words.length && (this.words[w] & (1 << (n & 31))) !== 0;
  }

  private count = -1;

  get size(): number {
    if (this.count < 0) {
      let count = 0;
      for (const w of this.words) count += popcount(w);
      this.count = count;
    }
    return this.count;
  }

  /** The lowest member at or above `from`, or -1. */
  next(from = 0): number {
    if (!(from <= BITMAP_MAX)) return -1;
    from = from < 0 ? 0 : Math.ceil(from);
    let w = from >> 5;
    if (w >= this.words.length) return -1;
    let bits = this.words[w] & (~0 << (from & 31));
    while (bits === 0) {
      if (++w >= this.words.length) return -1;
      bits = this.words[w];
    }
    return (w << 5) + lowestBit(bits);
  }

  /** The highest member, or -1. */
  last(): number {
    for (let w = this.words.length - 1; w >= 0; w--) {
      const bits = this.words[w];
      if (bits !== 0) return (w << 5) + 31 - Math.clz32(bits);
    }
    return -1;
  }

  /** The lowest member `other` lacks, or -1. */
  firstNotIn(other: Bitmap): number {
    for (let w = 0; w < this.words.length; w++) {
      const bits = this.words[w] & ~(w < other.words.length ? other.words[w] : 0);
      if (bits !== 0) return (w << 5) + lowestBit(bits);
    }
    return -1;
  }

  intersects(other: Bitmap): boolean {
    const n = Math.min(this.words.length, other.words.length);
    for (let w = 0; w < n; w++) if ((this.words[w] & other.words[w]) !== 0) return true;
    return false;
  }

  /** Adds `other`'s members (this set must be at least as wide: made by `empty`). */
  addAll(other: Bitmap): void {
    this.count = -1;
    for (let w = 0; w < other.words.length; w++) this.words[w] |= other.words[w];
  }
}

/**
 * Which earlier element first named each id, for "these two overlap" checks over many elements
 * (guest NUMA cells, huge page sizes): an element is compared with the union of the earlier ones,
 * word by word, never member by member where a whole word has one owner, so each element costs
 * a pass over its words plus one step per id claimed for the first time (at most 16 384 in all).
 */
export class Owners {
  private readonly union = Bitmap.empty();
  private readonly owner = new Int32Array(BITMAP_MAX + 1).fill(-1);
  /** The lowest and highest owner of the claimed ids of each word (-1: none claimed). */
  private readonly wordMin = new Int32Array(this.union.words.length).fill(-1);
  private readonly wordMax = new Int32Array(this.union.words.length).fill(-1);

  /**
   * The lowest owner other than `who` of an id `set` names (-1 when none), after which every id
   * of `set` nobody owned yet is `who`'s.
   */
  claim(set: Bitmap, who: number): number {
    const mine = set.words;
    const all = this.union.words;
    let other = -1;
    for (let w = 0; w < mine.length; w++) {
      const bits = mine[w];
      if (bits === 0) continue;
      const shared = bits & all[w];
      if (shared !== 0) {
        const lo = this.wordMin[w];
        // (words read from the array are unsigned, results of & signed: compared by their bits)
        if ((shared ^ all[w]) === 0 && lo !== who) {
          // every claimed id of the word is shared: its lowest owner is the lowest shared one
          if (other < 0 || lo < other) other = lo;
        } else if (!(lo === who && this.wordMax[w] === who)) {
          for (let s = shared; s !== 0; s &= s - 1) {
            const o = this.owner[(w << 5) + lowestBit(s)];
            if (o !== who && (other < 0 || o < other)) other = o;
          }
        }
      }
      const fresh = bits & ~all[w];
      if (fresh !== 0) {
        for (let s = fresh; s !== 0; s &= s - 1) this.owner[(w << 5) + lowestBit(s)] = who;
        all[w] |= fresh;
        if (this.wordMin[w] < 0 || who < this.wordMin[w]) this.wordMin[w] = who;
        if (who > this.wordMax[w]) this.wordMax[w] = who;
      }
    }
    return other;
  }
}

function setRange(words: Uint32Array, from: number, to: number): void {
  const a = from >> 5;
  const b = to >> 5;
  if (a === b) {
    words[a] |= maskFrom(from & 31) & maskTo(to & 31);
    return;
  }
  words[a] |= maskFrom(from & 31);
  if (b > a + 1) words.fill(0xffffffff, a + 1, b);
  words[b] |= maskTo(to & 31);
}

/** Bits `bit` to 31. */
function maskFrom(bit: number): number {
  return ~0 << bit;
}

/** Bits 0 to `bit`. */
function maskTo(bit: number): number {
  return bit === 31 ? ~0 : (1 << (bit + 1)) - 1;
}

function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** parseBitmap that parses each distinct text once (elements repeating one set share it). */
export function bitmapParser(): (text: string) => Bitmap | null {
  const seen = new Map<string, Bitmap | null>();
  return (text) => {
    let set = seen.get(text);
    if (set === undefined) seen.set(text, (set = Bitmap.parse(text)));
    return set;
  };
}

/** libvirt's CPU/node bitmap syntax parsed (see Bitmap.parse), or null when libvirt cannot parse it. */
export function parseBitmap(text: string): Bitmap | null {
  return Bitmap.parse(text);
}

/** A drive address (controller, bus, target, unit) as libvirt compares them. */
export type DriveAddress = readonly [number, number, number, number];

export function driveKey(a: DriveAddress): string {
  return a.join(':');
}

export function driveArgs(a: DriveAddress): Record<string, string> {
  return { controller: String(a[0]), bus: String(a[1]), target: String(a[2]), unit: String(a[3]) };
}

/** The numbers of an `<address type="drive">` (missing ones are 0), or null when one is not a number. */
export function explicitDrive(a: XmlElement | undefined): DriveAddress | null {
  if (!a || attrValue(a, 'type') !== 'drive') return null;
  const n = ['controller', 'bus', 'target', 'unit'].map((k) => parseNumber(attrValue(a, k)));
  return n.some((x) => x === null) ? null : (n as unknown as DriveAddress);
}

/** libvirt's index of a disk name: sda = 0, sdz = 25, sdaa = 26 (a partition number after the letters is allowed). */
export function diskNameIndex(dev: string): number | null {
  const m = /^(?:ioemu:)?(?:fd|hd|vd|sd|xvd|ubd)([a-z]+)\d*$/.exec(dev);
  if (!m) return null;
  let index = 0;
  for (const ch of m[1]) index = index * 26 + (ch.charCodeAt(0) - 96);
  return index - 1;
}

/**
 * The drive address libvirt gives a disk without an <address> from its target name (QEMU
 * driver, libvirt 9.0, read back with dumpxml): scsi 7 units per controller, sata 6, ide 2 buses
 * of 2 units, fdc 2 units. Null for other buses (they have no drive address).
 */
export function implicitDrive(bus: string | undefined, dev: string | undefined): DriveAddress | null {
  // the bus first: most disks are virtio, which has no drive address (and then no name to read)
  if (bus !== 'scsi' && bus !== 'sata' && bus !== 'ide' && bus !== 'fdc') return null;
  const idx = dev === undefined ? null : diskNameIndex(dev);
  if (idx === null) return null;
  switch (bus) {
    case 'scsi': return [Math.floor(idx / 7), 0, 0, idx % 7];
    case 'sata': return [Math.floor(idx / 6), 0, 0, idx % 6];
    case 'ide': return [Math.floor(idx / 4), Math.floor((idx % 4) / 2), 0, idx % 2];
    case 'fdc': return [Math.floor(idx / 2), 0, 0, idx % 2];
    default: return null;
  }
}

/** The disk's drive address, given or implied by its name, and whether it was given. */
export function diskDrive(d: DiskView): { address: DriveAddress; explicit: boolean } | null {
  const a = child(d.el, 'address');
  if (a) {
    const e = explicitDrive(a);
    return e ? { address: e, explicit: true } : null;
  }
  const i = implicitDrive(d.bus, d.dev);
  return i ? { address: i, explicit: false } : null;
}

export function hostdevs(view: DocView): XmlElement[] {
  return view.devices.filter((d) => d.name === 'hostdev' && (attrValue(d, 'mode') ?? 'subsystem') === 'subsystem');
}

/** Host devices and the PCI host devices <interface type="hostdev"> become (libvirt adds those to the same list). */
export function assignedDevices(view: DocView): XmlElement[] {
  return view.devices.filter((d) => (d.name === 'hostdev' && (attrValue(d, 'mode') ?? 'subsystem') === 'subsystem') || (d.name === 'interface' && attrValue(d, 'type') === 'hostdev'));
}

function num(el: XmlElement | undefined, name: string): number | null {
  const v = el ? attrValue(el, name) : undefined;
  return v === undefined ? null : parseNumber(v);
}

/** What makes two host devices the same device for libvirt ("Hostdev already exists"), or null. */
export function hostdevIdentity(h: XmlElement): { type: string; key?: string; usb?: { addr: string | null; id: string | null } } | null {
  const type = h.name === 'interface' ? 'pci' : attrValue(h, 'type');
  const src = child(h, 'source');
  if (!type || !src) return null;
  const a = child(src, 'address');
  if (type === 'pci') {
    const n = ['domain', 'bus', 'slot', 'function'].map((k) => num(a, k) ?? 0);
    return a ? { type, key: n.join(':') } : null;
  }
  if (type === 'mdev') {
    const uuid = a && attrValue(a, 'uuid');
    return uuid ? { type, key: uuid.toLowerCase() } : null;
  }
  if (type === 'scsi' && attrValue(src, 'protocol') === 'iscsi') {
    const name = attrValue(src, 'name');
    return name ? { type, key: `iscsi:${name}` } : null;
  }
  if (type === 'scsi') {
    const adapter = child(src, 'adapter');
    const name = adapter && attrValue(adapter, 'name');
    if (!name || !a || (attrValue(src, 'protocol') ?? 'adapter') !== 'adapter') return null;
    return { type, key: `${name}:${['bus', 'target', 'unit'].map((k) => num(a, k) ?? 0).join(':')}` };
  }
  if (type === 'usb') {
    const bus = num(a, 'bus');
    const device = num(a, 'device');
    const vendor = num(child(src, 'vendor'), 'id');
    const product = num(child(src, 'product'), 'id');
    return { type, usb: { addr: bus && device ? `${bus}:${device}` : null, id: vendor !== null && product !== null ? `${vendor}:${product}` : null } };
  }
  return null;
}

type HostdevIdentity = NonNullable<ReturnType<typeof hostdevIdentity>>;

/**
 * The host devices met so far, keyed, so that "is this one assigned already" is a look-up and not a
 * comparison with every earlier one. Two devices are the same when their type and key match, or,
 * for USB, when both have a bus/device address and it matches, else when their vendor/product match.
 */
export class HostdevsSeen {
  private readonly keys = new Set<string>();
  private readonly usbAddrs = new Set<string>();
  /** vendor:product of the USB devices without an address, and of all of them */
  private readonly usbIdsNoAddr = new Set<string>();
  private readonly usbIds = new Set<string>();

  has(h: HostdevIdentity): boolean {
    if (h.key !== undefined) return this.keys.has(`${h.type}\0${h.key}`);
    if (!h.usb) return false;
    const { addr, id } = h.usb;
    if (addr) return this.usbAddrs.has(addr) || (id !== null && this.usbIdsNoAddr.has(id));
    return id !== null && this.usbIds.has(id);
  }

  add(h: HostdevIdentity): void {
    if (h.key !== undefined) {
      this.keys.add(`${h.type}\0${h.key}`);
      return;
    }
    if (!h.usb) return;
    const { addr, id } = h.usb;
    if (addr) this.usbAddrs.add(addr);
    else if (id !== null) this.usbIdsNoAddr.add(id);
    if (id !== null) this.usbIds.add(id);
  }
}

/** The explicit drive address of a SCSI host device, or null. */
export function scsiHostdevDrive(h: XmlElement): DriveAddress | null {
  return attrValue(h, 'type') === 'scsi' ? explicitDrive(child(h, 'address')) : null;
}

/** The guest NUMA cells (<cpu><numa><cell>). */
export function numaCells(view: DocView): XmlElement[] {
  const cpu = child(view.root, 'cpu');
  const numa = cpu && child(cpu, 'numa');
  return numa ? childrenNamed(numa, 'cell') : [];
}

/**
 * The iothread ids the domain has: <iothreadids>, completed up to <iothreads> with the lowest free
 * ids. Worked out once per document (several checks ask; a count of 99 999 is that many ids).
 */
export function iothreadIds(view: DocView): ReadonlySet<number> {
  let ids = IOTHREAD_IDS.get(view);
  if (!ids) IOTHREAD_IDS.set(view, (ids = computeIothreadIds(view)));
  return ids;
}
const IOTHREAD_IDS = new WeakMap<DocView, ReadonlySet<number>>();

/**
 * A set of ids as libvirt-style ranges for a message ("1-4, 7, 9-99999"), at most `max` of them
 * and how many more: a count of 99 999 iothreads is one range, thousands of scattered ids a line.
 */
export function idRanges(ids: ReadonlySet<number>, max = 10): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: string[] = [];
  let more = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (runs.length < max) runs.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    else more++;
    i = j + 1;
  }
  return more ? `${runs.join(', ')} and ${more} more range${more > 1 ? 's' : ''}` : runs.join(', ');
}

function computeIothreadIds(view: DocView): Set<number> {
  const ids = new Set<number>();
  const list = child(view.root, 'iothreadids');
  for (const t of list ? childrenNamed(list, 'iothread') : []) {
    const id = parseNumber(attrValue(t, 'id'));
    if (id !== null) ids.add(id);
  }
  const countEl = child(view.root, 'iothreads');
  const count = countEl ? Number(countEl.text.trim()) || 0 : 0;
  for (let next = 1; ids.size < count && next < 100_000; next++) ids.add(next);
  return ids;
}

/** The domain's maximum vCPU count (<vcpu>, default 1). */
export function vcpuCount(view: DocView): number {
  const v = child(view.root, 'vcpu');
  const n = v ? Number(v.text.trim()) : 1;
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** The memory hot-plug findings of a domain: <maxMemory>, NUMA cells and each memory device's node. */
export function memoryHotplugFindings(view: DocView): Finding[] {
  const cells = numaCells(view).length;
  const max = child(view.root, 'maxMemory');
  const mems = view.devices.filter((d) => d.name === 'memory');
  const out: Finding[] = [];
  const type = view.os && child(view.os, 'type');
  const arch = type ? attrValue(type, 'arch') : undefined;
  // ppc64 guests take memory hot-plug without NUMA cells (qemuDomainDefValidateMemoryHotplug)
  const ppc64 = arch === 'ppc64' || arch === 'ppc64le';
  if (max && cells === 0 && !ppc64) out.push({ span: max.nameSpan, args: { problem: 'At least one numa node has to be configured when enabling memory hotplug (add <cpu><numa><cell .../></numa></cpu>).' } });
  for (const m of mems) {
    if (!max) {
      out.push({ span: m.nameSpan, args: { problem: "cannot use/hotplug a memory device when domain 'maxMemory' is not defined." } });
      continue;
    }
    if (cells === 0) continue; // said once, at <maxMemory>
    const target = child(m, 'target');
    const node = target && child(target, 'node');
    const n = node ? Number(node.text.trim()) : NaN;
    // a virtio-pmem device has no node of its own: libvirt asks none of it
    if (!node) {
      if (attrValue(m, 'model') !== 'virtio-pmem') out.push({ span: (target ?? m).nameSpan, args: { problem: 'target NUMA node needs to be specified for memory device.' } });
    } else if (Number.isInteger(n) && n >= cells) {
      // the device's own validation (virDomainMemoryDefValidate), in the device walk: after the disks' (labelled)
      out.push({ span: node.nameSpan, args: { problem: `can't add memory backend for guest node '${n}' as the guest has only '${cells}' NUMA nodes configured.` }, stage: 'validate-device' });
    }
  }
  return out;
}

/** A <numatune><memnode>: guest NUMA cells needed, its cell one of them and named once, no automatic placement (<numatune><memory placement="auto">). */
export function memnodeFindings(el: XmlElement, cells: number, autoPlacement: boolean, seen: Set<string>): Finding[] {
  const cell = attr(el, 'cellid');
  const span = cell ? attrSpan(cell) : el.nameSpan;
  // automatic placement is refused first, cells or none (labelled: virsh define --validate, libvirt 9.0)
  if (autoPlacement) return [{ span: el.nameSpan, args: { problem: 'Per-node binding is not compatible with automatic NUMA placement.' } }];
  if (cells === 0) return [{ span: el.nameSpan, args: { problem: "Element 'memnode' is invalid without any guest NUMA cells." } }];
  if (!cell || !/^\d+$/.test(cell.value.trim())) return [];
  if (Number(cell.value) >= cells) return [{ span, args: { problem: "Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell." } }];
  const key = String(Number(cell.value));
  if (seen.has(key)) return [{ span, args: { problem: `Multiple memnode elements with cellid ${key}.` } }];
  seen.add(key);
  return [];
}
