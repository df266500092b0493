import { parseNumber } from './ruleHelpers';
import { attrValue, child, childrenNamed } from './types';
import type { XmlElement } from './types';
import type { DiskView, DocView } from './view';

/** Pure helpers of the domain-wide rows (domainRules.ts): libvirt's bitmaps, drive addresses, hostdevs. */

/**
 * libvirt's CPU/node bitmap syntax: comma-separated `N`, `N-M` (N <= M) and `^N` (leave N out).
 * The set, or null when libvirt cannot parse it ("Failed to parse bitmap").
 */
export function parseBitmap(text: string): Set<number> | null {
  const out = new Set<number>();
  const excluded: number[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const m = /^(\^)?(\d+)(?:\s*-\s*(\d+))?$/.exec(item);
    if (!m) return null;
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    if (m[1] && m[3] !== undefined) return null;
    if (to < from || to > 1_000_000) return null;
    if (m[1]) excluded.push(from);
    else for (let i = from; i <= to; i++) out.add(i);
  }
  for (const n of excluded) out.delete(n);
  return out;
}

export function overlaps(a: Set<number>, b: Set<number>): boolean {
  for (const n of a) if (b.has(n)) return true;
  return false;
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

function num(el: XmlElement | undefined, name: string): number | null {
  const v = el ? attrValue(el, name) : undefined;
  return v === undefined ? null : parseNumber(v);
}

/** What makes two host devices the same device for libvirt ("Hostdev already exists"), or null. */
export function hostdevIdentity(h: XmlElement): { type: string; key?: string; usb?: { addr: string | null; id: string | null } } | null {
  const type = attrValue(h, 'type');
  const src = child(h, 'source');
  if (!type || !src) return null;
  const a = child(src, 'address');
  if (type === 'pci') {
    const n = ['domain', 'bus', 'slot', 'function'].map((k) => num(a, k) ?? 0);
    return a ? { type, key: n.join(':') } : null;
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

export function sameHostdev(a: NonNullable<ReturnType<typeof hostdevIdentity>>, b: NonNullable<ReturnType<typeof hostdevIdentity>>): boolean {
  if (a.type !== b.type) return false;
  if (a.key !== undefined) return a.key === b.key;
  if (!a.usb || !b.usb) return false;
  if (a.usb.addr && b.usb.addr) return a.usb.addr === b.usb.addr;
  return a.usb.id !== null && a.usb.id === b.usb.id;
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

/** The iothread ids the domain has: <iothreadids>, completed up to <iothreads> with the lowest free ids. */
export function iothreadIds(view: DocView): Set<number> {
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
