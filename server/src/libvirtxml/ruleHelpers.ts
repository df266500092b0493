import { elementInfo } from './catalog';
import type { ElementInfo } from './catalog';
import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, Span, XmlAttribute, XmlElement } from './types';
import type { DiskView, DocView } from './view';

/** Small pure helpers shared by the rows of rules.ts. */

/** The value when there is one to point at, else the attribute name (e.g. dev=""). */
export function attrSpan(a: XmlAttribute): Span {
  return a.valueSpan.length > 0 ? a.valueSpan : a.nameSpan;
}

/** libvirt's words when its RelaxNG schema refuses a domain (virsh define --validate), quoted by the schema-shape findings */
export const SCHEMA_REFUSES = 'libvirt\'s schema refuses the domain: "Element domain failed to validate content"';

/** A finding on an attribute (its value, as attrSpan places it) or an element (its name), with the rule's `problem`. */
export function findingAt(x: XmlAttribute | XmlElement, problem: string): Finding {
  return { span: 'valueSpan' in x ? attrSpan(x) : x.nameSpan, args: { problem } };
}

/** The element's name in its start tag: short, and always on one line. */
export function elSpan(el: XmlElement): Span {
  return el.nameSpan;
}

export function eachDisk(view: DocView, fn: (d: DiskView) => Finding[]): Finding[] {
  // what view.disks.flatMap(fn) gives, without a new array per disk; indexed loops, since the
  // CLI runs this once per rule and process, interpreted (a for-of builds an iterator each time)
  const out: Finding[] = [];
  const disks = view.disks;
  for (let i = 0; i < disks.length; i++) {
    const found = fn(disks[i]);
    for (let k = 0; k < found.length; k++) out.push(found[k]);
  }
  return out;
}

/** Every occurrence after the first of a repeated key becomes a finding. */
export function duplicates(items: Array<{ key: string } & Finding>): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const { key, span, args } of items) {
    if (seen.has(key)) out.push({ span, args });
    else seen.add(key);
  }
  return out;
}

/** What `fn` pushes onto one list for each catalogued element of the disks (walkKnown), without an array per element. */
export function eachKnown(view: DocView, fn: (el: XmlElement, info: ElementInfo, out: Finding[]) => void): Finding[] {
  const out: Finding[] = [];
  const known = walkKnown(view);
  for (let i = 0; i < known.length; i++) fn(known[i].el, known[i].info, out);
  return out;
}

/**
 * The catalogued elements of every disk subtree, in document order. We do not
 * descend into an element the catalogue does not know: its content is
 * somebody else's grammar (or already reported as unknown).
 */
const KNOWN = new WeakMap<DocView, ReadonlyArray<{ el: XmlElement; info: ElementInfo }>>();
export function walkKnown(view: DocView): ReadonlyArray<{ el: XmlElement; info: ElementInfo }> {
  // several rules walk the same disks: once per view
  let known = KNOWN.get(view);
  if (!known) KNOWN.set(view, (known = walkKnownOnce(view)));
  return known;
}
function walkKnownOnce(view: DocView): Array<{ el: XmlElement; info: ElementInfo }> {
  const out: Array<{ el: XmlElement; info: ElementInfo }> = [];
  const visit = (el: XmlElement) => {
    const info = elementInfo(el.name);
    if (!info) return;
    out.push({ el, info });
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) visit(kids[i]);
  };
  for (let i = 0; i < view.disks.length; i++) visit(view.disks[i].el);
  return out;
}

/** The buses a target name prefix implies, as libvirt and Nova's blockinfo name disks. */
export function expectedBusesForDev(dev: string): string[] | null {
  const name = dev.startsWith('ioemu:') ? dev.slice(6) : dev;
  if (name.startsWith('xvd')) return ['xen'];
  if (name.startsWith('vd')) return ['virtio'];
  if (name.startsWith('sd')) return ['scsi', 'sata', 'usb', 'sd'];
  if (name.startsWith('hd')) return ['ide'];
  if (name.startsWith('fd')) return ['fdc'];
  if (name.startsWith('ubd')) return ['uml'];
  return null;
}

/** libvirt reads address numbers with base auto-detection (0x.. hex, 0.. octal). */
export function parseNumber(s: string | undefined): number | null {
  if (s === undefined) return 0;
  const t = s.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t, 16);
  if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
  if (/^[0-9]+$/.test(t)) return parseInt(t, 10);
  return null;
}

/** Canonical dddd:bb:ss.f of a PCI <address>, or null when it is not a complete PCI address. */
export function pciKey(a: XmlElement): string | null {
  if (attrValue(a, 'type') !== 'pci' || attrValue(a, 'slot') === undefined) return null;
  const [dom, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map((n) => parseNumber(attrValue(a, n)));
  if (dom === null || bus === null || slot === null || fn === null) return null;
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return `${hex(dom, 4)}:${hex(bus, 2)}:${hex(slot, 2)}.${hex(fn, 1)}`;
}

/** libvirt's UUID type (basictypes.rng, a string: nothing around): 32 hex digits, or dashed 8-4-4-4-12. */
const SECRET_UUID = /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12})$/;

export function authFieldFindings(d: DiskView): Finding[] {
  const auth = d.auth;
  if (!auth) return [];
  const out: Finding[] = [];
  const username = attr(auth, 'username');
  if (!username) out.push({ span: auth.nameSpan, args: { problem: '<auth> needs username=.' } });
  // basictypes.rng's genericName: letters, digits, _ + and - (a Ceph user is written without its "client." prefix)
  else if (!/^[a-zA-Z0-9_+-]+$/.test(username.value)) out.push({ span: attrSpan(username), args: { problem: `<auth username="${username.value}"> must be letters, digits, _, + or - (libvirt's schema; a Ceph user without its "client." prefix, such as cinder).` } });
  const secrets = childrenNamed(auth, 'secret');
  if (secrets.length === 0) out.push({ span: auth.nameSpan, args: { problem: '<auth> needs a <secret type=... uuid=.../>.' } });
  for (const s of secrets) {
    if (!attr(s, 'type')) out.push({ span: s.nameSpan, args: { problem: '<secret> needs type= (ceph or iscsi).' } });
    const n = (attr(s, 'uuid') ? 1 : 0) + (attr(s, 'usage') ? 1 : 0);
    if (n !== 1) out.push({ span: s.nameSpan, args: { problem: '<secret> names the libvirt secret by exactly one of uuid= or usage=.' } });
    const uuid = attr(s, 'uuid');
    if (uuid && !SECRET_UUID.test(uuid.value)) out.push({ span: attrSpan(uuid), args: { problem: `<secret uuid="${uuid.value}"> is not a UUID (32 hex digits, dashed 8-4-4-4-12 or not at all).` } });
    // basictypes.rng's objectName: one or more characters, no '/' and no line break
    const usage = attr(s, 'usage');
    if (usage && !/^[^/\n]+$/.test(usage.value)) out.push({ span: attrSpan(usage), args: { problem: `<secret usage="${usage.value}"> must name the secret's usage: one or more characters, no '/' (libvirt's schema).` } });
  }
  return out;
}

/** The secret type a protocol's <auth> must use; null: either type (libvirt 9.0 accepts ceph and iscsi secrets there). */
const SECRET_FOR_PROTOCOL: Record<string, string | null> = { rbd: 'ceph', iscsi: 'iscsi', http: null, https: null, ftp: null, ftps: null };

export function authSecretTypeFindings(d: DiskView): Finding[] {
  const auth = d.auth;
  if (!auth) return [];
  const protocol = d.typeValue === 'network' && d.source ? attrValue(d.source, 'protocol') : undefined;
  if (protocol && !(protocol in SECRET_FOR_PROTOCOL)) {
    // inside <source> the schema refuses it; the <disk>'s own <auth> is refused when the disk is validated
    const problem = `authentication is not supported for protocol '${protocol}'; remove <auth>.`;
    const inSource = d.source ? child(d.source, 'auth') : undefined;
    const own = child(d.el, 'auth');
    return [
      ...(inSource ? [{ span: inSource.nameSpan, args: { problem }, stage: 'schema' as const }] : []),
      ...(own ? [{ span: own.nameSpan, args: { problem }, stage: 'validate-device' as const }] : []),
    ];
  }
  const want = protocol ? SECRET_FOR_PROTOCOL[protocol] : null;
  const out: Finding[] = [];
  for (const s of childrenNamed(auth, 'secret')) {
    const t = attr(s, 'type');
    if (!t) continue;
    if (t.value !== 'ceph' && t.value !== 'iscsi' && /^[ \t\r\n]*(ceph|iscsi)[ \t\r\n]*$/.test(t.value)) {
      // blanks around it pass the schema (a token); the parser reads it as written
      out.push({ span: attrSpan(t), args: { problem: `unknown secret type '${t.value}'.` }, stage: 'parse' });
    } else if (t.value !== 'ceph' && t.value !== 'iscsi') {
      out.push({ span: attrSpan(t), args: { problem: `Secret type "${t.value}" is not valid in <auth>; use "ceph" (rbd) or "iscsi" (iSCSI CHAP).` }, stage: 'schema' });
    } else if (want && want !== t.value) {
      // libvirt's validation of the disk's source chain, like the protocols without authentication
      out.push({ span: attrSpan(t), args: { problem: `invalid secret type '${t.value}': a ${protocol} disk needs a "${want}" secret.` }, stage: 'validate-device' });
    }
  }
  return out;
}

/** Decimal digits with one of them not 0 (two linear tests: one pattern for both made N² steps on a long run of digits). */
export function isPositiveDecimal(v: string): boolean {
  return /^[0-9]+$/.test(v) && /[1-9]/.test(v);
}
