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
/** basictypes.rng's absFilePath: / or a drive letter, then at least one character (no line break). */
const ABS_FILE_PATH = /^(?:\/|[a-zA-Z]:\\)[^\n\r]+$/;
const ABS_DIR = /^\/.*$/s;
const CHARDEVS = new Set(['serial', 'console', 'channel', 'parallel']);
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

/** Graphics types whose schema branch has no <listen>. */
const NO_LISTEN = new Set(['sdl', 'egl-headless', 'dbus', 'desktop']);

/** The <os> children that belong to a container (exe) domain, not to an hvm one. */
const CONTAINER_OS = new Set(['init', 'initarg', 'initenv', 'initdir', 'inituser', 'initgroup']);

function osShape(os: XmlElement, out: Finding[]): void {
  const type = child(os, 'type');
  if (!type || type.text.trim() !== 'hvm') return;
  const bad = os.children.find((c) => CONTAINER_OS.has(c.name));
  if (bad) {
    out.push(on(bad, `An hvm <os> takes no <${bad.name}> (the init elements are a container's)`));
    return;
  }
  // an <acpi><table> names its file by an absolute path
  const acpi = child(os, 'acpi');
  const table = acpi?.children.find((t) => t.name === 'table' && !ABS_FILE_PATH.test(t.text));
  if (table) out.push(on(table, `An <acpi><table> file "${table.text}" must be an absolute path`));
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
  if (tseg) scaledShape(tseg, out);
  // TCG's translation block cache is a scaled integer as well
  const tcg = child(features, 'tcg');
  const cache = tcg && child(tcg, 'tb-cache');
  if (cache) scaledShape(cache, out);
}

/** basictypes.rng's unit pattern. */
const UNIT = /^(?:[bB](?:[yY][tT][eE][sS]?)?|[kKmMgGtTpPeE](?:[iI]?[bB])?)$/;

/** basictypes.rng's scaledInteger: a unit= of the unit pattern, an unsignedLong inside. */
function scaledShape(el: XmlElement, out: Finding[]): void {
  const unit = attr(el, 'unit');
  if (unit && !UNIT.test(unit.value)) out.push(on(unit, `<${el.name} unit="${unit.value}"> is not a unit libvirt's schema takes (b, bytes, KiB, KB, k, MiB, ...)`));
  else if (!ULONG.test(el.text)) out.push(on(el, `<${el.name}>${el.text}</${el.name}> must be a non-negative integer (with unit= for its unit)`));
}

/**
 * An <rng> <backend> by its model (the schema's rng-backend): a builtin one is empty, an egd one
 * a character device with its type= (a random one's device path is checked below).
 */
function rngBackendShape(d: XmlElement, out: Finding[]): void {
  const b = child(d, 'backend');
  const model = b && attrValue(b, 'model');
  if (!b) return;
  if (model === 'builtin' && (b.children.length || !/^[ \t\r\n]*$/.test(b.text))) out.push(on(b, 'A builtin <rng> <backend> is empty (it names no device)'));
  else if (model === 'egd' && !attr(b, 'type')) out.push(on(b, 'An egd <rng> <backend> needs type= (a character device: tcp, unix, pty, ...)'));
  else if (model === 'random' && b.children.length) out.push(on(b.children[0]!, `A random <rng> <backend> takes no <${b.children[0]!.name}> (only its device path as text)`));
  else if (model === 'random' && !/^[ \t\r\n]*$/.test(b.text) && !ABS_FILE.test(b.text)) out.push(on(b, `A random <rng> backend's device "${b.text}" must be an absolute path`));
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

/** basictypes.rng's unsignedInt as its pattern reads it: digits only, at most 4294967295. */
function uintOk(v: string): boolean {
  const t = v.replace(/^0+(?=[0-9])/, '');
  return /^[0-9]{1,10}$/.test(t) && Number(t) <= 4294967295;
}
/** basictypes.rng's cpuset pattern: numbers, ranges and ^exclusions joined by commas. */
const CPUSET = /^(?:[0-9]+(?:-[0-9]+)?|\^[0-9]+)(?:,(?:[0-9]+(?:-[0-9]+)?|\^[0-9]+))*$/;
/** A SCSI host device's source <address>: bus driveBus, target driveSCSITarget, unit driveSCSIUnit. */
const SCSI_SOURCE: Readonly<Record<string, RegExp>> = { bus: /^[0-9]{1,2}$/, target: /^[0-9]{1,10}$/, unit: /^[0-9]{1,20}$/ };
const CONTROLLER_DRIVER_UINTS = ['queues', 'cmd_per_lun', 'max_sectors', 'iothread'];

/**
 * Round 35's shapes (labelled): <iothreads> an unsignedInt, a NUMA <cell cpus> the cpuset pattern,
 * a <controller><driver>'s numbers unsignedInts, a SCSI host device's source address numbers, a
 * <shmem><size> a scaled integer, an <rng><rate> an element of its own, an OpenGL render node an
 * absolute path, and no <listen> under graphics types that do not listen.
 */
function round35Shapes(view: DocView, out: Finding[]): void {
  if (view.kind === 'domain') {
    const io = child(view.root, 'iothreads');
    if (io && !uintOk(io.text)) out.push(on(io, `<iothreads>${io.text}</iothreads> must be a non-negative integer`));
    const cpu = child(view.root, 'cpu');
    const numa = cpu && child(cpu, 'numa');
    const cell = numa?.children.find((c) => c.name === 'cell' && attr(c, 'cpus') !== undefined && !CPUSET.test(attrValue(c, 'cpus')!));
    if (cell) out.push(on(attr(cell, 'cpus')!, `<cell cpus="${attrValue(cell, 'cpus')}"> must be CPU numbers and ranges joined by commas (such as 0-3,6)`));
  }
  for (const d of view.devices) {
    if (d.name === 'controller') {
      const drv = child(d, 'driver');
      const bad = drv?.attributes.find((a) => CONTROLLER_DRIVER_UINTS.includes(a.name) && !uintOk(a.value));
      if (bad) out.push(on(bad, `<driver ${bad.name}="${bad.value}"> must be a non-negative integer`));
    } else if (d.name === 'hostdev' && attrValue(d, 'type') === 'scsi') {
      const src = child(d, 'source');
      const a = src && child(src, 'address');
      const bad = a?.attributes.find((x) => SCSI_SOURCE[x.name] !== undefined && !SCSI_SOURCE[x.name]!.test(x.value));
      if (bad) out.push(on(bad, `A SCSI host device's source <address ${bad.name}="${bad.value}"> must be ${bad.name === 'bus' ? 'one or two' : bad.name === 'target' ? 'up to 10' : 'up to 20'} decimal digits`));
    } else if (d.name === 'hostdev' && attrValue(d, 'type') === 'pci') {
      // round 42 (labelled): the schema requires the host's PCI <address> inside a PCI host device's <source>
      const src = child(d, 'source');
      if (src && !child(src, 'address')) out.push(on(src, 'A PCI host device\'s <source> needs the host device\'s <address domain="0x0000" bus=... slot=... function=.../>'));
    } else if (d.name === 'hostdev' && attrValue(d, 'type') === 'mdev') {
      const src = child(d, 'source');
      const a = src && child(src, 'address');
      const uuid = a && attr(a, 'uuid');
      if (uuid && !UUID.test(uuid.value)) out.push(on(uuid, `A mediated device's <address uuid="${uuid.value}"> must be a UUID`));
    } else if (d.name === 'shmem') {
      const size = child(d, 'size');
      if (size) scaledShape(size, out);
    } else if (d.name === 'graphics') {
      const gl = child(d, 'gl');
      const node = gl && attr(gl, 'rendernode');
      if (node && !ABS_FILE_PATH.test(node.value)) out.push(on(node, `<gl rendernode="${node.value}"> must be an absolute path (such as /dev/dri/renderD128)`));
    }
  }
}

export function deviceShapeFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  round35Shapes(view, out);
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
    } else if (d.name === 'rng') rngBackendShape(d, out);
    else if (d.name === 'graphics' && NO_LISTEN.has(attrValue(d, 'type') ?? '') && child(d, 'listen')) {
      out.push(on(child(d, 'listen')!, `A <graphics type="${attrValue(d, 'type')}"> takes no <listen> (only vnc, spice and rdp listen)`));
    }
    usbAddressShape(d, out);
    // a chardev's <log file=...> (a serial's console log, as Nova writes it) is an absolute path
    if (CHARDEVS.has(d.name)) {
      const log = child(d, 'log');
      const file = log && attr(log, 'file');
      if (file && !ABS_FILE_PATH.test(file.value)) out.push(on(file, `<log file="${file.value}"> must be an absolute path (such as /var/lib/nova/instances/UUID/console.log)`));
    }
  }
  return out;
}
