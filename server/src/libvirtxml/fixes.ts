import { parseXml } from './parse';
import { buildView } from './view';
import { attr, child, walk } from './types';
import type { Span, XmlElement } from './types';
import type { DiskView } from './view';
import { diskDrive, driveKey, hostdevs, scsiHostdevDrive } from './domainHelpers';

/**
 * Quick fixes for the domain-wide rows where one edit is obvious (features/codeActions.ts offers
 * them): drop the <auth> or <encryption> given a second time inside <source>, and move a disk
 * whose explicit drive address is taken to the lowest free unit of its controller and bus.
 * Pure: text and the diagnostic's span in, edits out.
 */

export interface XmlFix {
  title: string;
  edits: Array<{ span: Span; newText: string }>;
  preferred?: boolean;
}

/** Units a drive bus has on one controller bus (SCSI: libvirt's narrow default of 7). */
const UNITS: Record<string, number> = { scsi: 7, sata: 6, ide: 2, fdc: 2 };

/**
 * What the fixes read of one text, worked out once: the code-action request asks for the fix of
 * every diagnostic the client sends (all of a document's, when the whole text is selected), and
 * parsing the text, walking it and listing its disks again for each one made that quadratic.
 * One text is kept (the last asked): the requests of one version share the same string.
 */
interface Ground {
  text: string;
  root: XmlElement | null;
  /** elements by the offset of their name */
  byName?: Map<number, XmlElement>;
  renumbering?: Renumbering | null;
}
let last: Ground | null = null;

function groundOf(text: string): Ground {
  if (last?.text !== text) last = { text, root: parseXml(text).root ?? null };
  return last;
}

function elementAt(g: Ground, nameOffset: number): XmlElement | undefined {
  if (!g.byName) {
    g.byName = new Map();
    for (const el of walk(g.root!)) if (!g.byName.has(el.nameSpan.offset)) g.byName.set(el.nameSpan.offset, el);
  }
  return g.byName.get(nameOffset);
}

/** The element with the white space before it on its line, so no blank line is left. */
function removal(text: string, el: XmlElement): Span {
  let start = el.span.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const lineStart = start === 0 || text[start - 1] === '\n';
  let end = el.span.offset + el.span.length;
  if (lineStart && text[end] === '\r') end++;
  if (lineStart && text[end] === '\n') end++;
  return { offset: lineStart ? start : el.span.offset, length: end - (lineStart ? start : el.span.offset) };
}

export function xmlDomainFixes(text: string, code: string, span: Span): XmlFix[] {
  const g = groundOf(text);
  if (!g.root) return [];
  const el = elementAt(g, span.offset);
  if (code === 'LIBVIRT-DISK-AUTH-TWICE' && el) {
    return [{ title: `Remove the <${el.name}> in <source> (the one in <disk> stays)`, edits: [{ span: removal(text, el), newText: '' }], preferred: true }];
  }
  if (code === 'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP' && el?.name === 'address') return renumber(g, el);
  return [];
}

/** The disks by their <address>, and how many disks (and SCSI host devices) hold each drive address, per bus. */
interface Renumbering {
  byAddress: Map<XmlElement, DiskView>;
  held: Map<string, Map<string, number>>;
}

function renumbering(root: XmlElement): Renumbering | null {
  if (root.name !== 'domain' && root.name !== 'devices') return null;
  const view = buildView(root.name, root);
  const byAddress = new Map<XmlElement, DiskView>();
  const held = new Map<string, Map<string, number>>();
  const hold = (bus: string, key: string) => {
    let m = held.get(bus);
    if (!m) held.set(bus, (m = new Map()));
    m.set(key, (m.get(key) ?? 0) + 1);
  };
  for (const d of view.disks) {
    const a = child(d.el, 'address');
    if (a && !byAddress.has(a)) byAddress.set(a, d);
    if (!d.bus) continue;
    const drive = diskDrive(d);
    if (drive) hold(d.bus, driveKey(drive.address));
  }
  for (const h of hostdevs(view)) { const a = scsiHostdevDrive(h); if (a) hold('scsi', driveKey(a)); }
  return { byAddress, held };
}

function renumber(g: Ground, address: XmlElement): XmlFix[] {
  if (g.renumbering === undefined) g.renumbering = renumbering(g.root!);
  const r = g.renumbering;
  const disk = r?.byAddress.get(address);
  const own = disk?.bus ? diskDrive(disk) : null;
  const unit = attr(address, 'unit');
  if (!r || !disk?.bus || !own || !unit || !(disk.bus in UNITS)) return [];
  // the other disks on the bus (and, on scsi, the host devices): the disk's own address once less
  const held = r.held.get(disk.bus);
  const ownKey = driveKey(own.address);
  for (let u = 0; u < UNITS[disk.bus]; u++) {
    const key = driveKey([own.address[0], own.address[1], own.address[2], u]);
    if ((held?.get(key) ?? 0) - (key === ownKey ? 1 : 0) > 0) continue;
    return [{ title: `Move ${disk.dev ?? 'the disk'} to the free unit ${u}`, edits: [{ span: unit.valueSpan, newText: String(u) }], preferred: true }];
  }
  return [];
}
