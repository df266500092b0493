import { findingAt, SCHEMA_REFUSES } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { xmlTrim } from './tuneShapes';

/**
 * Shapes libvirt 9.0's schema (domaincommon.rng, basictypes.rng) refuses in the devices and
 * domain elements round 34 covered (labelled with virsh define --validate on the QEMU driver):
 * the <source> each interface type's branch requires (mcast and client an IPv4 address= and a
 * port=, udp those and a <local> with both, server a port=, internal a name=, vdpa a dev=, vds its
 * switch, port, port group and connection ids, hostdev a <source>), a filesystem's <source> by its
 * type (mount a dir= that is an absolute directory or a socket=, bind a dir=, file a file=, block a
 * dev=, template a name=, ram a usage=), the hvm <os>'s children (the
 * init* elements are a container's), a passthrough input's absolute evdev=, a virtiofs <binary
 * path=...> and a random <rng> backend's device as absolute paths, a smbios <sysinfo>'s sections
 * with at least one entry each (bios, system and chassis once), an SMM <tseg> a scaled integer, a
 * timer's <catchup> only with tickpolicy="catchup", a <clock timezone=...> a zone name and an
 * absolute one its start=,
 * and a USB <address>'s bus= (1-3 hex digits) and port= (dotted hex numbers). One pass over the
 * elements it reads.
 */


function on(x: XmlAttribute | XmlElement, problem: string): Finding {
  return findingAt(x, `${problem} (${SCHEMA_REFUSES}).`);
}

/** basictypes.rng's ipv4Addr: four decimal parts of at most 255, no leading zeros. */
const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])$/;
/** basictypes.rng's PortNumber: an int from -1 to 65535 (an XSD int: blanks around it collapse). */
function portOk(v: string): boolean {
  const t = xmlTrim(v);
  return /^[+-]?[0-9]{1,12}$/.test(t) && Number(t) >= -1 && Number(t) <= 65535;
}
const UUID = /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{8}-(?:[a-fA-F0-9]{4}-){3}[a-fA-F0-9]{12})$/;
const LONG = /^[ \t\r\n]*[+-]?[0-9]{1,18}[ \t\r\n]*$/;
const ABS_FILE = /^(?:\/|[a-zA-Z]:\\).+$/s;
const ABS_DIR = /^\/.*$/s;
const ULONG = /^[ \t\r\n]*[0-9]{1,19}[ \t\r\n]*$/;

type AttrTest = (v: string) => boolean;
const ANY: AttrTest = () => true;
const ipv4: AttrTest = (v) => IPV4.test(v);

/** Each interface type's <source>: its required attributes (with their type) and optional ones. */
const INTERFACE_SOURCE: Readonly<Record<string, { need: Readonly<Record<string, AttrTest>>; may?: Readonly<Record<string, AttrTest>>; local?: boolean } | undefined>> = {
  mcast: { need: { address: ipv4, port: portOk } },
  client: { need: { address: ipv4, port: portOk } },
  udp: { need: { address: ipv4, port: portOk }, local: true },
  server: { need: { port: portOk }, may: { address: ipv4 } },
  internal: { need: { name: ANY } },
  vdpa: { need: { dev: ANY } },
  vds: { need: { switchid: (v) => UUID.test(v), portid: (v) => LONG.test(v), portgroupid: ANY, connectionid: (v) => LONG.test(v) } },
  hostdev: { need: {} },
};

function interfaceShape(d: XmlElement, out: Finding[]): void {
  const type = attr(d, 'type');
  const want = type && Object.prototype.hasOwnProperty.call(INTERFACE_SOURCE, type.value) ? INTERFACE_SOURCE[type.value] : undefined;
  if (!type || !want) return;
  const source = child(d, 'source');
  if (!source) {
    out.push(on(type, `An <interface type='${type.value}'> needs a <source>${Object.keys(want.need).length ? ` with ${Object.keys(want.need).map((n) => `${n}=`).join(', ')}` : ''}`));
    return;
  }
  const checks = (el: XmlElement, need: Readonly<Record<string, AttrTest>>, may: Readonly<Record<string, AttrTest>>, what: string): boolean => {
    for (const [name, ok] of Object.entries(need)) {
      const a = attr(el, name);
      if (!a) {
        out.push(on(el, `The ${what} of an <interface type='${type.value}'> needs ${name}=`));
        return false;
      }
      if (!ok(a.value)) {
        out.push(on(a, `${name}="${a.value}" is not what the ${what} of an <interface type='${type.value}'> takes (${name === 'port' ? 'a port from -1 to 65535' : name === 'address' ? 'an IPv4 address' : 'its schema type'})`));
        return false;
      }
    }
    for (const [name, ok] of Object.entries(may)) {
      const a = attr(el, name);
      if (a && !ok(a.value)) {
        out.push(on(a, `${name}="${a.value}" is not what the ${what} of an <interface type='${type.value}'> takes (an IPv4 address)`));
        return false;
      }
    }
    return true;
  };
  if (!checks(source, want.need, want.may ?? {}, '<source>') || !want.local) return;
  const local = child(source, 'local');
  if (!local) out.push(on(source, `The <source> of an <interface type='udp'> needs a <local address=... port=...>`));
  else checks(local, want.need, {}, '<source><local>');
}

/** Each filesystem type's <source> attribute(s), any one of which will do, with its type. */
const FS_SOURCE: Readonly<Record<string, Readonly<Record<string, AttrTest>>>> = {
  mount: { dir: (v) => ABS_DIR.test(v), socket: (v) => ABS_FILE.test(v) },
  bind: { dir: (v) => ABS_DIR.test(v) },
  file: { file: (v) => ABS_FILE.test(v) },
  block: { dev: (v) => ABS_FILE.test(v) },
  template: { name: ANY },
  ram: { usage: (v) => ULONG.test(v) },
};

function filesystemShape(d: XmlElement, out: Finding[]): void {
  const typeAttr = attr(d, 'type');
  const type = typeAttr ? typeAttr.value : 'mount';
  const want = Object.prototype.hasOwnProperty.call(FS_SOURCE, type) ? FS_SOURCE[type] : undefined;
  if (!want) {
    out.push(on(typeAttr!, `<filesystem type="${type}"> is not a type libvirt's schema lists (mount, bind, file, block, template, ram)`));
    return;
  }
  const source = child(d, 'source');
  const names = Object.keys(want);
  const given = source ? names.map((n) => attr(source, n)).find((a) => a !== undefined) : undefined;
  if (!source) {
    out.push(on(d, `A <filesystem type='${type}'> needs a <source ${names.map((n) => `${n}=...`).join(' or ')}>`));
    return;
  }
  if (!given) {
    out.push(on(source, `The <source> of a <filesystem type='${type}'> needs ${names.map((n) => `${n}=`).join(' or ')}`));
    return;
  }
  if (!want[given.name]!(given.value)) {
    out.push(on(given, `<source ${given.name}="${given.value}"> of a <filesystem type='${type}'> must be ${given.name === 'usage' ? 'a non-negative integer' : 'an absolute path'}`));
    return;
  }
  const binary = child(d, 'binary');
  const path = binary && attr(binary, 'path');
  if (path && !ABS_FILE.test(path.value)) out.push(on(path, `<binary path="${path.value}"> must be an absolute path`));
}

/** The <os> children that belong to a container (exe) domain, not to an hvm one. */
const CONTAINER_OS = new Set(['init', 'initarg', 'initenv', 'initdir', 'inituser', 'initgroup']);

function osShape(os: XmlElement, out: Finding[]): void {
  const type = child(os, 'type');
  if (!type || type.text.trim() !== 'hvm') return;
  const bad = os.children.find((c) => CONTAINER_OS.has(c.name));
  if (bad) out.push(on(bad, `An hvm <os> takes no <${bad.name}> (the init elements are a container's)`));
}

const SMBIOS_ONCE = new Set(['bios', 'system', 'chassis']);
const SMBIOS_SECTIONS = new Set([...SMBIOS_ONCE, 'baseBoard', 'oemStrings']);

function sysinfoShape(el: XmlElement, out: Finding[]): void {
  if (attrValue(el, 'type') !== 'smbios') return;
  const seen = new Set<string>();
  for (const s of el.children) {
    if (!SMBIOS_SECTIONS.has(s.name)) continue;
    if (seen.has(s.name) && (SMBIOS_ONCE.has(s.name) || s.name === 'oemStrings')) {
      out.push(on(s, `A <sysinfo type='smbios'> takes one <${s.name}>`));
      return;
    }
    seen.add(s.name);
    if (!s.children.some((c) => c.name === 'entry')) {
      out.push(on(s, `A <sysinfo> <${s.name}> needs at least one <entry>`));
      return;
    }
  }
}

/** basictypes.rng's scaledInteger: an unsignedLong (blanks around it collapse). */
/** A timer's <catchup> belongs to tickpolicy="catchup" (the schema's tickpolicy branch). */
function clockShape(clock: XmlElement, out: Finding[]): void {
  const offset = attrValue(clock, 'offset');
  const zone = attr(clock, 'timezone');
  const start = attr(clock, 'start');
  if (offset === 'timezone' && zone && !/^[a-zA-Z0-9_.+\-/]+$/.test(zone.value)) {
    out.push(on(zone, `<clock timezone="${zone.value}"> must be a zone name (letters, digits, _ . + - /)`));
    return;
  }
  if (offset === 'absolute' && (!start || !ULONG.test(start.value))) {
    out.push(on(start ?? clock, start ? `<clock start="${start.value}"> must be a non-negative integer (seconds since the epoch)` : '<clock offset="absolute"> needs start= (seconds since the epoch)'));
    return;
  }
  for (const t of clock.children) {
    const c = t.name === 'timer' ? child(t, 'catchup') : undefined;
    if (c && attrValue(t, 'tickpolicy') !== 'catchup') {
      out.push(on(c, `A <timer> takes a <catchup> only with tickpolicy="catchup"`));
      return;
    }
  }
}

function tsegShape(features: XmlElement, out: Finding[]): void {
  const smm = child(features, 'smm');
  const tseg = smm && child(smm, 'tseg');
  if (tseg && !ULONG.test(tseg.text)) out.push(on(tseg, `<tseg>${tseg.text}</tseg> must be a non-negative integer (with unit= for its unit)`));
}

/** A USB <address>: bus= one to three hex digits (0x optional), port= up to four of them joined by dots. */
const USB_BUS = /^(?:0x)?[0-9a-fA-F]{1,3}$/;
const USB_PORT = /^(?:(?:0x)?[0-9a-fA-F]{1,3}\.){0,3}(?:0x)?[0-9a-fA-F]{1,3}$/;

function usbAddressShape(d: XmlElement, out: Finding[]): void {
  const address = child(d, 'address');
  if (!address || attrValue(address, 'type') !== 'usb') return;
  const bus = attr(address, 'bus');
  const port = attr(address, 'port');
  if (bus && !USB_BUS.test(bus.value)) out.push(on(bus, `A USB <address bus="${bus.value}"> must be one to three hex digits`));
  else if (port && !USB_PORT.test(port.value)) out.push(on(port, `A USB <address port="${port.value}"> must be numbers (hex digits) joined by dots, at most four`));
}

export function deviceShapeFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  if (view.kind === 'domain') {
    for (const el of view.root.children) {
      if (el.name === 'os') osShape(el, out);
      else if (el.name === 'sysinfo') sysinfoShape(el, out);
      else if (el.name === 'features') tsegShape(el, out);
      else if (el.name === 'clock') clockShape(el, out);
    }
  }
  for (const d of view.devices) {
    if (d.name === 'interface') interfaceShape(d, out);
    else if (d.name === 'filesystem') filesystemShape(d, out);
    else if (d.name === 'input' && attrValue(d, 'type') === 'passthrough') {
      const ev = child(d, 'source');
      const a = ev && attr(ev, 'evdev');
      if (ev && !a) out.push(on(ev, 'A passthrough <input>\'s <source> needs evdev='));
      else if (a && !ABS_FILE.test(a.value)) out.push(on(a, `<source evdev="${a.value}"> must be an absolute path`));
    } else if (d.name === 'rng') {
      const b = child(d, 'backend');
      if (b && attrValue(b, 'model') === 'random' && !/^[ \t\r\n]*$/.test(b.text) && !ABS_FILE.test(b.text)) out.push(on(b, `A random <rng> backend's device "${b.text}" must be an absolute path`));
    }
    usbAddressShape(d, out);
  }
  return out;
}
