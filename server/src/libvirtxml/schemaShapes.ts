import { findingAt as on, SCHEMA_REFUSES } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { schemaElementAt, schemaRow } from './domainCatalog';
import { SCHEMA_WIDE } from './schemaValues';
import { isIpv6 } from './diskOptions';
import type { SchemaElement } from './domainCatalog';

/**
 * Shapes libvirt 9.0's schema (domaincommon.rng, basictypes.rng) refuses outside the <disk>
 * subtree that the table of values (schemaValues.ts) cannot see: attributes an element must carry
 * (a <kvm> or <hyperv> feature's state=), attributes allowed only beside a given name (a <timer>'s
 * track, frequency and mode), and patterned strings (a <shmem> name, a <redirfilter><usbdev>'s
 * ids, a PCI host device's source address). virsh define --validate stops there with "Element
 * domain failed to validate content"; each shape was labelled with it on the QEMU driver.
 * Each check is one pass over the few elements it reads.
 */


/**
 * A <kvm><dirty-ring>'s size=: an unsignedInt for the schema; with state="on" the parser asks for
 * it and takes a power of two from 1024 to 65536 (labelled with virsh define --validate, libvirt 9.0).
 */
function dirtyRingFindings(f: XmlElement, out: Finding[]): void {
  const size = attr(f, 'size');
  const digits = size ? size.value.trim() : '';
  if (size && !(/^\+?\d+$/.test(digits) && Number(digits.replace('+', '')) <= 0xffffffff)) {
    out.push(on(size, `<dirty-ring size="${size.value}"> must be a whole number of at most 4294967295 (${SCHEMA_REFUSES}).`));
    return;
  }
  if (attrValue(f, 'state') !== 'on') return;
  if (!size) {
    out.push({ ...on(f, "Missing required attribute 'size' in element 'dirty-ring'."), stage: 'parse' });
    return;
  }
  const n = Number(digits.replace('+', ''));
  if (n < 1024 || n > 65536 || (n & (n - 1)) !== 0) out.push({ ...on(size, 'dirty ring must be power of 2 and ranges [1024, 65536].'), stage: 'parse' });
}

/** <kvm> children: each takes state="on|off" (featurestate). */
const KVM_FEATURES = new Set(['hidden', 'hint-dedicated', 'poll-control', 'pv-ipi', 'dirty-ring']);
/** <hyperv mode="custom"> children that require state= (<stimer>'s is optional). */
const HYPERV_FEATURES = new Set(['relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'reset', 'vendor_id', 'frequencies', 'reenlightenment', 'tlbflush', 'ipi', 'evmcs', 'avic']);

/** Features the schema gives no attribute at all. */
const EMPTY_FEATURES = new Set(['pae', 'acpi', 'viridian', 'privnet']);

/** A <kvm> or <hyperv> enlightenment without state="on" or "off": the schema requires it. */
export function featureStateFindings(view: DocView): Finding[] {
  const features = view.kind === 'domain' ? child(view.root, 'features') : undefined;
  if (!features) return [];
  const out: Finding[] = [];
  for (const group of features.children) {
    // <pae/>, <acpi/>, <viridian/> and <privnet/> are empty elements: no state= or any attribute
    if (EMPTY_FEATURES.has(group.name) && group.attributes.length) {
      out.push(on(group.attributes[0], `<${group.name}/> takes no attribute (${SCHEMA_REFUSES}): the element alone turns the feature on.`));
      continue;
    }
    const names = group.name === 'kvm' ? KVM_FEATURES : group.name === 'hyperv' && attrValue(group, 'mode') !== 'passthrough' ? HYPERV_FEATURES : null;
    if (!names) continue;
    for (const f of group.children) {
      // the schema lets <stimer> go without state=, libvirt's parser then asks for it
      if (group.name === 'hyperv' && names === HYPERV_FEATURES && f.name === 'stimer' && !attr(f, 'state')) {
        out.push({ ...on(f, "Missing required attribute 'state' in element 'stimer'."), stage: 'parse' });
        continue;
      }
      if (!names.has(f.name)) continue;
      if (f.name === 'dirty-ring') dirtyRingFindings(f, out);
      const state = attr(f, 'state');
      // a state other than on or off is the table of values' (LIBVIRT-XML-ATTR-VALUE)
      if (!state) out.push(on(f, `<${group.name}><${f.name}> needs state="on" or state="off" (${SCHEMA_REFUSES}).`));
    }
  }
  return out;
}

/** Which <timer> names take which of the attributes beside name, present and tickpolicy. */
const TIMER_ATTRS: Record<string, readonly string[]> = {
  platform: ['track', 'tickpolicy'],
  rtc: ['track', 'tickpolicy'],
  tsc: ['tickpolicy', 'frequency', 'mode'],
  hpet: ['tickpolicy'],
  pit: ['tickpolicy'],
  armvtimer: ['tickpolicy'],
  kvmclock: [],
  hypervclock: [],
};
const TIMER_OWN = new Set(['track', 'tickpolicy', 'frequency', 'mode']);

/** A <timer> attribute its name's branch of the schema does not take (track is the rtc's and platform's, frequency and mode the tsc's; kvmclock and hypervclock take no tickpolicy). */
export function timerShapeFindings(view: DocView): Finding[] {
  const clock = view.kind === 'domain' ? child(view.root, 'clock') : undefined;
  if (!clock) return [];
  const out: Finding[] = [];
  for (const t of clock.children) {
    if (t.name !== 'timer') continue;
    const allowed = TIMER_ATTRS[attrValue(t, 'name') ?? ''];
    if (!allowed) continue;
    const extra = t.attributes.find((a) => TIMER_OWN.has(a.name) && !allowed.includes(a.name));
    // in LIBVIRT-XML-UNKNOWN-ATTRIBUTE's words: the element named with its timer name
    if (extra) out.push({ span: extra.nameSpan, args: { name: extra.name, element: `timer name="${attrValue(t, 'name')}"` } });
  }
  return out;
}

/** A <shmem name> holds no '/': the schema's pattern [^/]* (the name becomes a file under /dev/shm). */
export function shmemNameFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const name = d.name === 'shmem' ? attr(d, 'name') : undefined;
    if (name && name.value.includes('/')) out.push(on(name, `<shmem name="${name.value}"> holds a '/' (${SCHEMA_REFUSES}): the name is a file name under /dev/shm.`));
  }
  return out;
}

const USB_ID = /^(0x)?[0-9a-fA-F]{1,4}$/;
const USB_CLASS = /^(0x)?[0-9a-fA-F]{1,2}$/;
const USB_VERSION = /^[0-9]{1,2}.[0-9]{1,2}$/;
const USBDEV_FORMS: Record<string, { form: RegExp; kind: string }> = {
  class: { form: USB_CLASS, kind: 'a USB class of 1 or 2 hex digits' },
  vendor: { form: USB_ID, kind: 'a USB id of 1 to 4 hex digits' },
  product: { form: USB_ID, kind: 'a USB id of 1 to 4 hex digits' },
  version: { form: USB_VERSION, kind: 'a USB version such as 2.0' },
};

/** A <redirfilter><usbdev> class, vendor, product or version that is neither its pattern nor -1 (any). */
export function usbdevFilterFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'redirfilter') continue;
    for (const u of d.children) {
      if (u.name !== 'usbdev') continue;
      for (const a of u.attributes) {
        const f = USBDEV_FORMS[a.name];
        if (f && a.value !== '-1' && !f.form.test(a.value)) out.push(on(a, `<usbdev ${a.name}="${a.value}"> is not ${f.kind} or -1 (${SCHEMA_REFUSES}).`));
        // past the schema the parser reads class, vendor and product as C numbers (base 0): hex digits need their 0x
        else if (f && a.name !== 'version' && a.value !== '-1' && !/^(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(a.value)) {
          out.push({ ...on(a, `Invalid value for attribute '${a.name}' in element 'usbdev': '${a.value}'. Expected integer value.`), stage: 'parse' });
        }
      }
    }
  }
  return out;
}

/** A disk's <wwn> is 16 hex digits (0x before them allowed): the schema's pattern. */
export function wwnFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.disks) {
    const wwn = child(d.el, 'wwn');
    if (wwn && !/^(0x)?[0-9a-fA-F]{16}$/.test(wwn.text)) out.push(on(wwn, `<wwn>${wwn.text}</wwn> is not 16 hex digits (${SCHEMA_REFUSES}).`));
  }
  return out;
}

/**
 * Element and attribute names libvirt 9.0's schema does not define anywhere in a domain outside
 * the <disk> subtrees (those have rules of their own): each one is "Element domain failed to
 * validate content" (a <features><async-teardown> of libvirt 9.1, an attribute misspelled). The
 * schema table (domainSchema.json) is walked beside the document, one row per element: an
 * element under one the table does not know, or that takes any content (<metadata>), is not
 * looked at, nor are namespaced names. Each (spanning the whole element, or the attribute with its
 * value) gives way to another rule's error inside it (SCHEMA_WIDE). Worked out once per view for the two rules that read it.
 */
export function domainUnknownNames(view: DocView): { elements: Finding[]; attributes: Finding[] } {
  let found = UNKNOWN_NAMES.get(view);
  if (found) return found;
  found = { elements: [], attributes: [] };
  UNKNOWN_NAMES.set(view, found);
  const top = view.kind === 'domain' ? schemaElementAt(['domain']) : null;
  if (!top) return found;
  const { elements, attributes } = found;
  const stack: Array<[XmlElement, SchemaElement]> = [[view.root, top]];
  while (stack.length) {
    const [el, s] = stack.pop()!;
    if (!s.anyAttribute) {
      for (const a of el.attributes) {
        if (!a.name.includes(':') && a.name !== 'xmlns' && !s.attributes.has(a.name)) attributes.push({ span: { offset: a.nameSpan.offset, length: a.valueSpan.offset + a.valueSpan.length + 1 - a.nameSpan.offset }, args: { name: a.name, element: el.name, [SCHEMA_WIDE]: '1' } });
      }
    }
    if (s.anyElement) continue;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.name.includes(':') || (c.name === 'disk' && el.name === 'devices')) continue;
      const row = s.children.get(c.name);
      const next = row === undefined ? undefined : schemaRow(row);
      if (next) stack.push([c, next]);
      // a device kind <devices> does not list is LIBVIRT-DOMAIN-DEVICE-SET's
      else if (row === undefined && el.name !== 'devices') elements.push({ span: c.span, args: { name: c.name, parent: el.name, [SCHEMA_WIDE]: '1' } });
    }
  }
  // the walk takes the children from the last: put the findings back in document order
  elements.sort((a, b) => a.span.offset - b.span.offset);
  attributes.sort((a, b) => a.span.offset - b.span.offset);
  return found;
}
const UNKNOWN_NAMES = new WeakMap<DocView, { elements: Finding[]; attributes: Finding[] }>();

/** A CPU feature's name as libvirt's schema writes it (featureName). */
const FEATURE_NAME = /^[a-zA-Z0-9\-_.]+$/;
/** libxml2's positiveInteger with libvirt's pattern: digits, at least 1, blanks around collapsed. */
const positive = (v: string | undefined) => v !== undefined && /^\d+$/.test(v.trim()) && /[1-9]/.test(v);
/** The interface <driver> names that take no other attribute. */
const HOSTDEV_NET_DRIVERS = new Set(['kvm', 'vfio', 'xen']);
/** The interface types libvirt's schema gives a <virtualport>. */
const VIRTUALPORT_TYPES = new Set(['bridge', 'network', 'direct', 'hostdev']);
/** absFilePath: / or a drive letter and \\, then at least one character, no line break. */
const ABS_FILE_PATH = /^(?:\/|[a-zA-Z]:\\)[^\n\r]+$/;
/** A <clock adjustment> as the schema's timeDelta: an optional sign and digits, nothing around. */
const TIME_DELTA = /^[-+]?\d+$/;
/** An XML name without a colon (the schema's NCName, blanks around collapsed away): a letter or _, then letters, digits, . - _ and marks. */
const NC_NAME = /^[\p{L}_][\p{L}\p{N}\p{M}._\-\u00B7]*$/u;
/** basictypes.rng's deviceName. */
const DEVICE_NAME = /^[a-zA-Z0-9_.\-\\:/]+$/;
/** A filter <parameter>'s name= and value= (nwfilter_params.rng, taken as written). */
const FILTER_PARAM_NAME = /^[a-zA-Z0-9_]+$/;
const FILTER_PARAM_VALUE = /^[a-zA-Z0-9_.:]+$/;
/** One part of basictypes.rng's ipv4Addr: 0-255 without leading zeros. */
const IPV4_PART = /^(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])$/;
const ipv4Addr = (v: string) => {
  const parts = v.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p));
};
/** basictypes.rng's ipAddr as libxml2 checks it: an IPv4 address or an IPv6 one (isIpv6's reading). */
const ipAddr = (v: string) => ipv4Addr(v) || (v.includes(':') && isIpv6(v));

/** What the schema refuses in an interface's <filterref>, device names, <backend> paths, <tune><sndbuf> and guest-side <ip> elements (interface-ip-info), as a refusal's words. */
function interfaceSchemaProblems(d: XmlElement, refuse: (x: XmlAttribute | XmlElement, what: string) => void): void {
  const filterref = child(d, 'filterref');
  if (filterref) {
    const filter = attr(filterref, 'filter');
    if (!filter) refuse(filterref, 'A <filterref> needs filter= (the name of a libvirt network filter)');
    else if (!NC_NAME.test(filter.value.trim())) refuse(filter, `<filterref filter="${filter.value}"> must be an XML name without a colon (a letter or _ first, then letters, digits, . - _)`);
    for (const p of filterref.children) {
      if (p.name !== 'parameter') continue;
      const name = attr(p, 'name');
      const value = attr(p, 'value');
      if (!name || !FILTER_PARAM_NAME.test(name.value)) refuse(name ?? p, 'A filter <parameter> needs name= of letters, digits and _');
      else if (!value || !FILTER_PARAM_VALUE.test(value.value)) refuse(value ?? p, 'A filter <parameter> needs value= of letters, digits, _ . and :');
    }
  }
  // host and guest device names (basictypes.rng's deviceName): letters, digits and _ . - \\ : /
  const source = child(d, 'source');
  const target = child(d, 'target');
  const guest = child(d, 'guest');
  const names = [source && attr(source, 'dev'), source && attr(source, 'portgroup'), source && attrValue(d, 'type') === 'internal' ? attr(source, 'name') : undefined,
    target && attr(target, 'dev'), guest && attr(guest, 'dev'), guest && attr(guest, 'actual')];
  const badName = names.find((a) => a && !DEVICE_NAME.test(a.value));
  if (badName) refuse(badName, `${badName.name}="${badName.value}" may hold only letters, digits and _ . - \\ : /`);
  // <backend tap= vhost= logFile=>: absolute paths (absFilePath)
  const backend = child(d, 'backend');
  const relative = backend?.attributes.find((a) => (a.name === 'tap' || a.name === 'vhost' || a.name === 'logFile') && !ABS_FILE_PATH.test(a.value));
  if (relative) refuse(relative, `<backend ${relative.name}="${relative.value}"> must be an absolute path`);
  // <tune><sndbuf>: basictypes.rng's unsignedInt, digits only (no sign, no blanks)
  const tune = child(d, 'tune');
  const sndbuf = tune && child(tune, 'sndbuf');
  if (sndbuf && !(/^[0-9]+$/.test(sndbuf.text) && Number(sndbuf.text) <= 0xffffffff)) refuse(sndbuf, `<sndbuf>${sndbuf.text}</sndbuf> must be a whole number of bytes (digits only, at most 4294967295)`);
  for (const ip of d.children) {
    if (ip.name !== 'ip') continue;
    const address = attr(ip, 'address');
    const peer = attr(ip, 'peer');
    const prefix = attr(ip, 'prefix');
    if (!address) refuse(ip, 'An interface <ip> needs address=');
    else if (!ipAddr(address.value)) refuse(address, `<ip address="${address.value}"> is neither an IPv4 address (four parts of 0-255, no leading zeros) nor an IPv6 one`);
    else if (peer && !ipAddr(peer.value)) refuse(peer, `<ip peer="${peer.value}"> is neither an IPv4 address nor an IPv6 one`);
    else if (prefix && !(/^\d+$/.test(prefix.value.trim()) && Number(prefix.value.trim()) <= 128)) refuse(prefix, `<ip prefix="${prefix.value}"> must be a whole number of at most 128`);
  }
}

/** The groups of <features> whose children the schema takes once each (an interleave of optional elements). */
const ONCE_GROUPS = new Set(['features', 'hyperv', 'kvm', 'xen', 'tcg']);

/**
 * More shapes libvirt 9.0's schema refuses outside the disks ("Element domain failed to validate
 * content", each labelled with virsh define --validate): a <video><model> of another type than qxl
 * with ram=, vgamem= or vram64= (qxl's own); a <cpu><feature> without policy= or name= (or a name
 * of other characters than letters, digits, - _ .); a <cpu><topology> without sockets=, cores= or
 * threads=, or with one (or dies=) that is not a positive integer; a <clock adjustment> that is
 * not a signed integer (utc and localtime also take "reset"); a child of <features>, <hyperv>,
 * <kvm> or <memoryBacking> written twice; a <hyperv><vendor_id value> of more than 12 characters or with a comma; an
 * <os><boot> without dev=, a <loader> or <nvram> path or an NVRAM template that is not absolute; a
 * fw_cfg <sysinfo> entry with both file= and a value; a <virtualport> on an interface of a type
 * other than bridge, network, direct or hostdev, an interface <driver name="vfio"> (kvm, xen) with
 * another attribute, an interface's <filterref> filter name or parameters, its device names, its
 * <backend> paths, its <tune><sndbuf>, its <ip> address, peer or prefix, a device's <rom file> that is not absolute; a VNC or SPICE socket= that is not absolute, a
 * <listen type="network"> without network=, an egl-headless <gl> with more than rendernode=, a dbus
 * display with both p2p= and address=.
 */
export function domainShapeFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const refuse = (x: XmlAttribute | XmlElement, what: string) => out.push(on(x, `${what} (${SCHEMA_REFUSES}).`));
  const cpu = child(view.root, 'cpu');
  for (const f of cpu ? cpu.children : []) {
    if (f.name === 'feature') {
      const name = attr(f, 'name');
      if (!attr(f, 'policy')) refuse(f, 'A <cpu><feature> needs policy= (force, require, optional, disable or forbid)');
      else if (!name) refuse(f, 'A <cpu><feature> needs name=');
      else if (!FEATURE_NAME.test(name.value)) refuse(name, `CPU feature name "${name.value}" may hold only letters, digits, - _ and .`);
    } else if (f.name === 'topology') {
      const missing = ['sockets', 'cores', 'threads'].find((n) => !attr(f, n));
      // positiveInteger's pattern is matched against the value as written: sockets=" 2" is refused (round 43, labelled)
      const bad = ['sockets', 'dies', 'cores', 'threads'].map((n) => attr(f, n)).find((a) => a && !(positive(a.value) && a.value.trim() === a.value));
      if (missing) refuse(f, `A <cpu><topology> needs ${missing}=`);
      else if (bad) refuse(bad, `<topology ${bad.name}="${bad.value}"> must be a positive integer`);
    }
  }
  const clock = child(view.root, 'clock');
  const adjustment = clock && attr(clock, 'adjustment');
  const offset = clock && attrValue(clock, 'offset');
  if (adjustment && !TIME_DELTA.test(adjustment.value) && !(adjustment.value === 'reset' && (offset === 'utc' || offset === 'localtime'))) {
    refuse(adjustment, `<clock adjustment="${adjustment.value}"> must be a whole number of seconds${offset === 'variable' ? '' : ' or reset'}`);
  }
  for (const group of [child(view.root, 'features')]) {
    if (!group) continue;
    const visit = (g: XmlElement) => {
      const seen = new Set<string>();
      for (const c of g.children) {
        if (seen.has(c.name)) refuse(c, `<${g.name}> takes one <${c.name}>`);
        seen.add(c.name);
        if (g === group && ONCE_GROUPS.has(c.name)) visit(c);
      }
    };
    visit(group);
    const vendor = child(group, 'hyperv') && child(child(group, 'hyperv')!, 'vendor_id');
    const value = vendor && attr(vendor, 'value');
    if (value && (value.value.length > 12 || value.value.includes(','))) refuse(value, `<hyperv><vendor_id value="${value.value}"> takes at most 12 characters and no comma`);
  }
  // <memoryBacking>'s children are an interleave of optional elements: each once
  const backing = child(view.root, 'memoryBacking');
  const seenBacking = new Set<string>();
  for (const c of backing ? backing.children : []) {
    if (seenBacking.has(c.name)) {
      refuse(c, `<memoryBacking> takes one <${c.name}>`);
      break;
    }
    seenBacking.add(c.name);
  }
  const os = view.os;
  for (const el of os ? os.children : []) {
    if (el.name === 'boot' && !attr(el, 'dev')) refuse(el, 'An <os><boot> needs dev= (hd, fd, cdrom or network)');
    // the firmware and NVRAM files are absolute paths (absFilePath); an empty <loader/> or <nvram/> names none
    const template = el.name === 'nvram' ? attr(el, 'template') : undefined;
    if (template && !ABS_FILE_PATH.test(template.value)) refuse(template, `<nvram template="${template.value}"> must be an absolute path`);
    const path = (el.name === 'loader' || (el.name === 'nvram' && !el.children.length)) && el.text.trim() !== '' ? el.text : undefined;
    if (path !== undefined && !ABS_FILE_PATH.test(path)) refuse(el, `<${el.name}>${path}</${el.name}> must be an absolute path`);
    // a direct kernel boot's files are absolute paths too, and an empty one names none (round 43, labelled: <kernel/>)
    if ((el.name === 'kernel' || el.name === 'initrd' || el.name === 'dtb') && !el.children.length && !ABS_FILE_PATH.test(el.text)) refuse(el, `<${el.name}>${el.text}</${el.name}> must be an absolute path`);
  }
  // a fw_cfg entry has a file= or a value, not both
  for (const si of view.root.children) {
    if (si.name !== 'sysinfo' || attrValue(si, 'type') !== 'fwcfg') continue;
    for (const e of si.children) if (e.name === 'entry' && attr(e, 'file') && e.text.trim() !== '') refuse(e, 'A fw_cfg <entry> takes file= or a value, not both');
  }
  for (const d of view.devices) {
    const type = attrValue(d, 'type');
    // an option ROM's file (an interface's or a host device's <rom file=...>) is an absolute path
    const rom = child(d, 'rom');
    const romFile = rom && attr(rom, 'file');
    if (romFile && !ABS_FILE_PATH.test(romFile.value)) refuse(romFile, `<rom file="${romFile.value}"> must be an absolute path`);
    if (d.name === 'interface') {
      const port = child(d, 'virtualport');
      if (port && !VIRTUALPORT_TYPES.has(type ?? '')) refuse(port, `An <interface type="${type ?? ''}"> takes no <virtualport> (bridge, network, direct and hostdev interfaces do)`);
      // a host-device driver (kvm, vfio, xen) is named alone: queues and the rest are QEMU's or vhost's
      const driver = child(d, 'driver');
      const name = driver && attrValue(driver, 'name');
      const other = name !== undefined && HOSTDEV_NET_DRIVERS.has(name) ? driver!.attributes.find((a) => a.name !== 'name' && !a.name.includes(':')) : undefined;
      if (other) refuse(other, `An interface <driver name="${name}"> takes no ${other.name}= (those belong to the qemu and vhost drivers)`);
      interfaceSchemaProblems(d, refuse);
    } else if (d.name === 'graphics') {
      const socket = type === 'vnc' || type === 'spice' ? attr(d, 'socket') : undefined;
      if (socket && !ABS_FILE_PATH.test(socket.value)) refuse(socket, `<graphics socket="${socket.value}"> must be an absolute path`);
      const netListen = d.children.find((l) => l.name === 'listen' && attrValue(l, 'type') === 'network' && !attr(l, 'network'));
      if (netListen) refuse(netListen, 'A <listen type="network"> needs network= (the libvirt network to listen on)');
      const gl = type === 'egl-headless' ? child(d, 'gl') : undefined;
      const glAttr = gl?.attributes.find((a) => a.name !== 'rendernode');
      if (glAttr) refuse(glAttr, `An egl-headless <gl> takes rendernode= only, not ${glAttr.name}=`);
      if (type === 'dbus' && attr(d, 'p2p') && attr(d, 'address')) refuse(attr(d, 'address')!, 'A dbus <graphics> takes p2p= or address=, not both');
    }
    const model = d.name === 'video' ? child(d, 'model') : undefined;
    if (!model || attrValue(model, 'type') === 'qxl') continue;
    const qxlOnly = model.attributes.find((a) => a.name === 'ram' || a.name === 'vgamem' || a.name === 'vram64');
    if (qxlOnly) refuse(qxlOnly, `<video><model ${qxlOnly.name}=> belongs to a qxl model only, not to ${attrValue(model, 'type') ?? 'one without a type'}`);
  }
  return out;
}
