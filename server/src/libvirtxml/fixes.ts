import { parseXml } from './parse';
import { buildView } from './view';
import { attr, child, walk } from './types';
import type { Span, XmlElement } from './types';
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

function elementAt(root: XmlElement, nameOffset: number): XmlElement | undefined {
  for (const el of walk(root)) if (el.nameSpan.offset === nameOffset) return el;
  return undefined;
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
  const { root } = parseXml(text);
  if (!root) return [];
  const el = elementAt(root, span.offset);
  if (code === 'LIBVIRT-DISK-AUTH-TWICE' && el) {
    return [{ title: `Remove the <${el.name}> in <source> (the one in <disk> stays)`, edits: [{ span: removal(text, el), newText: '' }], preferred: true }];
  }
  if (code === 'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP' && el?.name === 'address') return renumber(root, el);
  return [];
}

function renumber(root: XmlElement, address: XmlElement): XmlFix[] {
  if (root.name !== 'domain' && root.name !== 'devices') return [];
  const view = buildView(root.name, root);
  const disk = view.disks.find((d) => child(d.el, 'address') === address);
  const own = disk?.bus ? diskDrive(disk) : null;
  const unit = attr(address, 'unit');
  if (!disk?.bus || !own || !unit || !(disk.bus in UNITS)) return [];
  const used = new Set(view.disks.filter((d) => d !== disk && d.bus === disk.bus).flatMap((d) => {
    const a = diskDrive(d);
    return a ? [driveKey(a.address)] : [];
  }));
  if (disk.bus === 'scsi') for (const h of hostdevs(view)) { const a = scsiHostdevDrive(h); if (a) used.add(driveKey(a)); }
  for (let u = 0; u < UNITS[disk.bus]; u++) {
    if (used.has(driveKey([own.address[0], own.address[1], own.address[2], u]))) continue;
    return [{ title: `Move ${disk.dev ?? 'the disk'} to the free unit ${u}`, edits: [{ span: unit.valueSpan, newText: String(u) }], preferred: true }];
  }
  return [];
}
