import { attrSpan, isPositiveDecimal } from './ruleHelpers';
import { attr, attrValue, child, childrenNamed, walk } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DiskView, DocView } from './view';
import { x86 } from './deviceChecks';
import { explicitDrive, iothreadIds, numaCells, Owners, bitmapParser, vcpuCount } from './domainHelpers';

/** Checks of domainRules.ts rows too long to sit in the table: iothreads, USB off, vCPUs, video models. */

function cputune(view: DocView): XmlElement | undefined {
  return view.kind === 'domain' ? child(view.root, 'cputune') : undefined;
}

/** The video models libvirt 9.0 gives a <model><resolution> (and 'none', which it does not refuse there). */
const RESOLUTION_MODELS = new Set(['vga', 'qxl', 'virtio', 'bochs']);

/** <iothreadids> ids unique and non-zero; <iothreadpin> and a disk's driver iothread= name an existing iothread, once. */
export function iothreadFindings(view: DocView): Finding[] {
  // a lone disk is judged as libvirt judges it in the smallest domain that holds it, one without
  // <iothreads> (as the lone-disk checks wrap it): any iothread it names is missing there
  if (view.kind !== 'domain') return view.disks.flatMap((d) => diskIothread(d, null));
  const out: Finding[] = [];
  const list = child(view.root, 'iothreadids');
  const seen = new Set<string>();
  for (const t of list ? childrenNamed(list, 'iothread') : []) {
    const id = attr(t, 'id');
    if (!id || !/^\s*\d+\s*$/.test(id.value)) continue;
    const n = String(Number(id.value));
    // <iothreadids> and <iothreadpin> are read by the parser (virDomainDefParseIOThreads, virDomainIOThreadPinDefParseXML)
    if (n === '0') {
      out.push({ span: attrSpan(id), args: { problem: "Invalid value for attribute 'id' in element 'iothread': Zero is not permitted." }, stage: 'parse' });
      continue;
    }
    // each <iothread> is read whole (its id, then its pool sizes) before the next is compared with those read
    out.push(...poolWidthFindings(t));
    if (seen.has(n)) out.push({ span: attrSpan(id), args: { problem: `duplicate iothread id '${n}' found.` }, stage: 'parse' });
    seen.add(n);
  }
  out.push(...threadPoolFindings(view, list));
  const ids = iothreadIds(view);
  const pinned = new Set<number>();
  for (const pin of childrenNamed(cputune(view) ?? view.root, 'iothreadpin')) {
    const a = attr(pin, 'iothread');
    if (!a || !/^\s*\d+\s*$/.test(a.value)) continue;
    const n = Number(a.value);
    if (n === 0) out.push({ span: attrSpan(a), args: { problem: "Invalid value for attribute 'iothread' in element 'iothreadpin': Zero is not permitted." }, stage: 'parse' });
    else if (!ids.has(n)) out.push({ span: attrSpan(a), args: { problem: `Cannot find 'iothread' : ${n}.` }, stage: 'parse' });
    else if (pinned.has(n)) out.push({ span: attrSpan(a), args: { problem: `duplicate iothreadpin for same iothread '${n}'.` }, stage: 'parse' });
    pinned.add(n);
  }
  for (const d of view.disks) out.push(...diskIothread(d, ids));
  return out;
}

/**
 * The thread pool sizes of each <iothreadids><iothread> and of <defaultiothread>: the parser reads
 * them as C ints (above 2147483647: "Expected integer value"), and the domain's validation, one of
 * its last checks, wants a max above 0 ("thread_pool_max must be a positive integer") and a min
 * written only with a max at least as large (an unwritten max counts as -1, so a min alone is
 * refused: "thread_pool_min must be smaller or equal to thread_pool_max"). Labelled with virsh
 * define --validate, libvirt 9.0.
 */
function threadPoolFindings(view: DocView, list: XmlElement | undefined): Finding[] {
  const later: Finding[] = [];
  const holders = list ? childrenNamed(list, 'iothread') : [];
  const dflt = child(view.root, 'defaultiothread');
  const out: Finding[] = dflt ? poolWidthFindings(dflt) : [];
  for (const el of dflt ? [...holders, dflt] : holders) {
    const min = attr(el, 'thread_pool_min');
    const max = attr(el, 'thread_pool_max');
    if ((min && !intSized(min.value)) || (max && !intSized(max.value))) continue;
    if (max && Number(max.value) === 0) later.push({ span: attrSpan(max), args: { problem: 'thread_pool_max must be a positive integer.' }, stage: 'validate-domain' });
    else if (min && (!max || Number(min.value) > Number(max.value))) {
      later.push({ span: attrSpan(min), args: { problem: `thread_pool_min must be smaller or equal to thread_pool_max${max ? '' : ' (no thread_pool_max is written: write one at least as large)'}.` }, stage: 'validate-domain' });
    }
  }
  // the domain's validation stops at the first
  return [...out, ...later.slice(0, 1)];
}

/** Decimal digits of a value a C int holds (the schema refuses anything else: LIBVIRT-DOMAIN-SCHEMA-SHAPE). */
function intSized(v: string): boolean {
  if (!/^[0-9]+$/.test(v)) return false;
  const digits = v.replace(/^0+(?=[0-9])/, '');
  return digits.length < 10 || (digits.length === 10 && digits <= '2147483647');
}

/** An <iothread>'s (or <defaultiothread>'s) pool size the parser cannot read as a C int, min first. */
function poolWidthFindings(el: XmlElement): Finding[] {
  const out: Finding[] = [];
  for (const a of [attr(el, 'thread_pool_min'), attr(el, 'thread_pool_max')]) {
    if (a && /^[0-9]+$/.test(a.value) && !intSized(a.value)) {
      out.push({ span: attrSpan(a), args: { problem: `Invalid value for attribute '${a.name}' in element '${el.name}': '${a.value}'. Expected integer value (at most 2147483647).` }, stage: 'parse' });
    }
  }
  return out;
}

/** `ids` null: a lone disk, whose domain declares no iothread as far as bdm-lab knows. */
function diskIothread(d: DiskView, ids: ReadonlySet<number> | null): Finding[] {
  const a = d.driver && attr(d.driver, 'iothread');
  // zero is LIBVIRT-XML-ATTR-NUMBER's (libvirt's parser refuses it before it looks for the iothread)
  if (!a || !/^\s*\d+\s*$/.test(a.value) || Number(a.value) === 0) return [];
  // the bus written or the one the target name implies (hdb is ide, sdb scsi)
  if (d.bus && d.bus !== 'virtio') return [{ span: attrSpan(a), args: { problem: `IOThreads not available for bus ${d.bus} target ${d.dev ?? ''}: only virtio disks (and virtio-scsi controllers) run in an iothread.` } }];
  if (ids?.has(Number(a.value))) return [];
  const lone = ids ? '' : ` A lone <disk> is judged as in a domain without <iothreads>: the domain it joins must declare iothread ${Number(a.value)} (<iothreads> or <iothreadids>).`;
  return [{ span: attrSpan(a), args: { problem: `Disk iothread '${Number(a.value)}' not defined in iothreadid.${lone}` } }];
}

/** What a domain whose USB controller is model="none" may not have, and libvirt's words for each. */
function usbDeviceProblem(d: XmlElement): string | null {
  const bus = attrValue(d, 'bus');
  switch (d.name) {
    case 'controller':
      // a CCID controller (a smartcard reader) is a USB device itself (a USB controller beside model none: usbControllerClash)
      return attrValue(d, 'type') === 'ccid' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    case 'hub': return attrValue(d, 'type') === 'usb' ? "Can't add USB hub: USB is disabled for this domain." : null;
    case 'input': return bus === 'usb' ? "Can't add USB input device. USB bus is disabled." : null;
    case 'hostdev': return attrValue(d, 'type') === 'usb' ? "Can't add host USB device: USB is disabled in this host." : null;
    case 'redirdev': return bus === 'usb' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    // a smartcard (through the CCID controller libvirt adds for it) and a USB sound card (round 43, labelled)
    case 'smartcard': return 'USB is disabled for this domain, but USB devices are present in the domain XML.';
    case 'sound': return attrValue(d, 'model') === 'usb' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    case 'disk': {
      const target = child(d, 'target');
      return target && attrValue(target, 'bus') === 'usb' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    }
    case 'serial': {
      const target = child(d, 'target');
      return target && attrValue(target, 'type') === 'usb-serial' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    }
    default: return null;
  }
}

/**
 * The USB controller at which libvirt's parser finds model none beside another USB controller (a
 * second none, or one of another model, before or after it): the first whose document order
 * brings the two together.
 */
function usbControllerClash(view: DocView): XmlElement | undefined {
  let none = false;
  let other = false;
  for (const d of view.devices) {
    if (d.name !== 'controller' || attrValue(d, 'type') !== 'usb') continue;
    const isNone = attrValue(d, 'model') === 'none';
    if (none || (isNone && other)) return d;
    if (isNone) none = true;
    else other = true;
  }
  return undefined;
}

/**
 * What libvirt refuses when a USB controller is model="none". The parser refuses, at each kind's
 * place in its order (labelled), a second USB controller beside it, then a USB input, a USB host
 * device, a USB hub ("Can't add ..."); after the parse, a USB disk, redirection, serial or CCID
 * controller ("USB devices are present").
 */
export function usbDisabledFindings(view: DocView): Finding[] {
  const nones = view.devices.filter((d) => d.name === 'controller' && attrValue(d, 'type') === 'usb' && attrValue(d, 'model') === 'none');
  if (!nones.length) return armWithoutUsb(view);
  const clash = usbControllerClash(view);
  const parsed: Finding[] = clash ? [{ span: clash.nameSpan, args: { problem: "Can't add another USB controller: USB is disabled for this domain." }, stage: 'parse' }] : [];
  // usb disks, redirections and CCID controllers are checked after libvirt adds its default USB controller at
  // index 0, which it does when model none sits at another index: then they are fine
  const atZero = nones.some((d) => !/^\s*[1-9]\d*\s*$/.test(attrValue(d, 'index') ?? '0'));
  // in libvirt's device walk (stages.ts: an input before a hub, whatever the document's order)
  const found = view.devices.flatMap((d, i) => {
    if (!atZero && (d.name === 'disk' || d.name === 'sound' || d.name === 'smartcard' || d.name === 'redirdev' || d.name === 'serial' || (d.name === 'controller' && attrValue(d, 'type') === 'ccid'))) return [];
    const problem = usbDeviceProblem(d);
    // "USB devices are present" is libvirt's later, domain-wide check: after every "Can't add", as it assigns the USB
    // addresses (after every PCI address, before the devices are validated: labelled)
    const later = problem?.startsWith('USB is disabled') ? USB_WALK.length : 0;
    return problem ? [{ rank: (later + USB_WALK.indexOf(d.name)) * (view.devices.length + 1) + i, finding: { span: d.nameSpan, args: { problem }, stage: later ? 'address' as const : 'parse' as const } }] : [];
  });
  return [...parsed, ...found.sort((a, b) => a.rank - b.rank).map((x) => x.finding)];
}

/** The kinds of usbDeviceProblem in libvirt's device walk order (virDomainDeviceInfoIterate). */
const USB_WALK = ['disk', 'sound', 'hostdev', 'controller', 'smartcard', 'serial', 'input', 'hub', 'redirdev'];

/** The written <os><type> arch and machine of an ARM guest, else undefined. */
function armGuest(view: DocView): { machine: string } | undefined {
  const type = view.os && child(view.os, 'type');
  const arch = type && attrValue(type, 'arch');
  return arch === 'aarch64' || arch === 'armv7l' || arch === 'armv6l' ? { machine: (type && attrValue(type, 'machine')) ?? '' } : undefined;
}

/**
 * An ARM guest gets no default USB controller from libvirt's QEMU driver (an x86 machine does),
 * so without a written one every USB device (a USB input, disk, host device, redirection, sound
 * card, hub, usb-serial port, or a smartcard through the CCID controller libvirt adds) is refused
 * as the USB addresses are assigned: "USB is disabled for this domain, but USB devices are present
 * in the domain XML" (round 43, labelled on virt, vexpress-a9, pc and q35 machines). The first in
 * libvirt's device walk.
 */
function armWithoutUsb(view: DocView): Finding[] {
  if (!armGuest(view)) return [];
  if (view.devices.some((d) => d.name === 'controller' && attrValue(d, 'type') === 'usb')) return [];
  let first: { rank: number; at: XmlElement } | undefined;
  view.devices.forEach((d, i) => {
    if (usbDeviceProblem(d) === null) return;
    const rank = USB_WALK.indexOf(d.name) * (view.devices.length + 1) + i;
    if (!first || rank < first.rank) first = { rank, at: d };
  });
  return first ? [{ span: first.at.nameSpan, args: { problem: 'USB is disabled for this domain, but USB devices are present in the domain XML (an ARM guest has no USB controller unless one is written).' }, stage: 'address' }] : [];
}

interface VcpuState {
  online: boolean;
  hotpluggable: string | undefined;
  order: number;
  at: XmlElement;
}

/**
 * A domain's <vcpus> entries as libvirt 9.0 reads them: the parser (virDomainVcpuParse) refuses an
 * id at or above the <vcpu> maximum ("vcpu id '4' is out of range of maximum vcpu count"); an id
 * written twice takes its last entry whole; a vCPU without an entry is offline. The QEMU driver's
 * post-parse (qemu_domain.c qemuDomainDefVcpusPostParse) then wants vCPU 0 online, not
 * hotpluggable and ordered first (order 0 or 1), order= on every online vCPU or on none, and the
 * non-hotpluggable vCPUs ordered ascending and before any hotpluggable one; the common post-parse
 * refuses an offline vCPU marked hotpluggable="no" ("vcpu '2' is both offline and not
 * hotpluggable"). Ids that are not numbers are the schema's (tuneShapes.ts). Labelled with virsh
 * define --validate (test/unit/libvirtxml-hunt33-cases.ts). Sorting the ids keeps it n log n.
 */
function individualVcpuFindings(entries: readonly XmlElement[], max: number): Finding[] {
  const states = new Map<number, VcpuState>();
  for (const e of entries) {
    const id = attr(e, 'id');
    if (!id || !/^\s*\d+\s*$/.test(id.value)) continue;
    const n = Number(id.value);
    if (n >= max) return [{ span: attrSpan(id), args: { problem: `vcpu id '${n}' is out of range of maximum vcpu count.` } }];
    const order = attrValue(e, 'order');
    states.set(n, { online: attrValue(e, 'enabled') === 'yes', hotpluggable: attrValue(e, 'hotpluggable'), order: order && /^\s*\d+\s*$/.test(order) ? Number(order) : 0, at: e });
  }
  const post = (at: XmlElement, problem: string): Finding[] => [{ span: at.nameSpan, args: { problem }, stage: 'postparse-domain' }];
  const zero = states.get(0);
  if (!zero?.online) return post(zero?.at ?? entries[0], "vcpu 0 can't be offline.");
  if (zero.hotpluggable === 'yes') return post(zero.at, "vcpu0 can't be hotpluggable.");
  if (zero.order > 1) return post(zero.at, 'vcpu0 must be enabled first.');
  const hasOrder = zero.order !== 0;
  const ids = [...states.keys()].filter((n) => n > 0).sort((a, b) => a - b);
  for (const n of ids) {
    const v = states.get(n)!;
    const prev = states.get(n - 1);
    if (v.online && (v.order !== 0) !== hasOrder) return post(v.at, 'all vcpus must have either set or unset order.');
    if (v.hotpluggable !== 'no') continue;
    if (prev?.hotpluggable === 'yes') return post(v.at, 'online non-hotpluggable vcpus need to be ordered prior to hotpluggable vcpus.');
    if ((prev?.order ?? 0) > v.order) return post(v.at, 'online non-hotpluggable vcpus must be ordered in ascending order.');
  }
  // the common post-parse (domain_conf.c virDomainVcpuDefPostParse) then refuses an offline vCPU marked not hotpluggable
  const stuck = ids.find((n) => !states.get(n)!.online && states.get(n)!.hotpluggable === 'no');
  return stuck === undefined ? [] : [{ span: states.get(stuck)!.at.nameSpan, args: { problem: `vcpu '${stuck}' is both offline and not hotpluggable.` }, stage: 'postparse-common' }];
}

/** <vcpu current> not above the maximum; one <vcpupin> per vCPU. */
export function vcpuFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const v = child(view.root, 'vcpu');
  // libvirt's schema: a positive integer, no blanks around it (checked on libvirt 9.0: " 2 " is refused)
  if (v && !isPositiveDecimal(v.text)) out.push({ span: v.nameSpan, args: { problem: `<vcpu> must be a positive integer (the maximum vCPU count), not "${v.text}": libvirt's schema refuses it.` } });
  const current = v && attr(v, 'current');
  if (current && !isPositiveDecimal(current.value)) out.push({ span: attrSpan(current), args: { problem: `<vcpu current="${current.value}"> must be a positive integer: libvirt's schema refuses it.` } });
  const vcpus = child(view.root, 'vcpus');
  const individual = vcpus ? childrenNamed(vcpus, 'vcpu') : [];
  // with <vcpus> entries libvirt takes each vCPU's state from them and leaves current= aside
  if (current && !individual.length && Number(current.value) > vcpuCount(view)) {
    out.push({ span: attrSpan(current), args: { problem: 'maximum vCPU count must not be less than current vCPU count.' } });
  }
  const max = vcpuCount(view);
  if (individual.length) out.push(...individualVcpuFindings(individual, max));
  const seen = new Set<number>();
  for (const pin of childrenNamed(cputune(view) ?? view.root, 'vcpupin')) {
    const a = attr(pin, 'vcpu');
    if (!a || !/^\s*\d+\s*$/.test(a.value)) continue;
    const n = Number(a.value);
    // libvirt ignores a vcpupin of a vCPU the domain does not have (virDomainVcpuPinDefParseXML), twice or not
    if (n >= max) continue;
    if (seen.has(n)) out.push({ span: attrSpan(a), args: { problem: `duplicate vcpupin for vcpu '${n}'.` } });
    seen.add(n);
  }
  return out;
}

/** Video models QEMU has only as the primary (first, or primary="yes") device, checked on libvirt 9.0: all but qxl and virtio (and none). */
const PRIMARY_ONLY = new Set(['vga', 'cirrus', 'vmvga', 'bochs', 'ramfb']);
/** Video models with more than one head. */
const MULTI_HEAD = new Set(['qxl', 'virtio']);

/** Video models of other hypervisors' drivers: the schema lists them, the QEMU driver refuses them. */
const FOREIGN_VIDEO = new Set(['xen', 'vbox', 'gop']);

export function videoModelFindings(view: DocView): Finding[] {
  const videos = view.devices.filter((d) => d.name === 'video');
  const models = videos.map((v) => child(v, 'model'));
  // every video written primary="yes" is a primary one (a second is refused only once the devices are validated:
  // LIBVIRT-DOMAIN-VIDEO-PRIMARY); without any, the first video is (labelled, round 43)
  const written = models.map((m) => m !== undefined && attrValue(m, 'primary') === 'yes');
  const anyWritten = written.includes(true);
  const isPrimary = (i: number) => (anyWritten ? written[i]! : i === 0);
  const out: Finding[] = [];
  models.forEach((m, i) => {
    // a <video> with no <model> is libvirt's default model: cirrus on x86 (libvirt 9.0's QEMU driver)
    if (!m && !isPrimary(i) && x86(view)) out.push({ span: videos[i]!.nameSpan, args: { problem: "video type 'cirrus' is only valid as primary video device (a <video> without <model> is a cirrus one)." } });
    const type = m ? attrValue(m, 'type') : undefined;
    if (!m || !type) return;
    if (FOREIGN_VIDEO.has(type)) out.push({ span: attrSpan(attr(m, 'type')!), args: { problem: `domain configuration does not support video model '${type}'.` } });
    // a 'none' video is no device: the QEMU driver checks nothing of its model (accel2d, accel3d: labelled)
    if (type === 'none') return;
    // a render node is the vhost-user GPU back end's (labelled: before the heads and the 3d acceleration's model)
    const render = child(m, 'acceleration') && attr(child(m, 'acceleration')!, 'rendernode');
    const driverName = child(videos[i]!, 'driver') && attrValue(child(videos[i]!, 'driver')!, 'name');
    if (render && driverName !== 'vhostuser') out.push({ span: attrSpan(render), args: { problem: "unsupported rendernode accel attribute without 'vhostuser'." } });
    if (!isPrimary(i) && PRIMARY_ONLY.has(type)) out.push({ span: attrSpan(attr(m, 'type')!), args: { problem: `video type '${type}' is only valid as primary video device.` } });
    const heads = attr(m, 'heads');
    // libvirt's test is heads != 1: heads="0" is refused as well (its words still say "multiple")
    if (heads && /^\s*\d+\s*$/.test(heads.value) && Number(heads.value) !== 1 && !MULTI_HEAD.has(type) && type !== 'none') {
      out.push({ span: attrSpan(heads), args: { problem: `video type '${type}' doesn't support multiple 'heads'.` } });
    }
    // then, in the QEMU driver's order (qemuValidateDomainDeviceDefVideo): accel2d, a qxl card's memory sizes, the
    // resolution, a vga or vmvga card's vram, and last the 3d acceleration (a vhost-user card's is its back end's)
    const accel = child(m, 'acceleration');
    // QEMU has no 2D acceleration switch: libvirt's QEMU driver refuses accel2d="yes" on every model
    const a2d = accel && attr(accel, 'accel2d');
    if (a2d && a2d.value === 'yes') out.push({ span: attrSpan(a2d), args: { problem: 'qemu does not support the accel2d setting.' } });
    if (type === 'qxl') qxlMemoryFindings(m, out);
    // a guest resolution is a property of the vga, qxl, virtio and bochs models only
    const res = child(m, 'resolution');
    // (with the device, before a SCSI controller's queues; a 'none' video's is not refused there: labelled)
    if (res && !RESOLUTION_MODELS.has(type)) out.push({ span: res.nameSpan, args: { problem: 'model resolution is not supported.' } });
    // a VGA or VMware card's video RAM is at least 1 MiB (0 is libvirt's default)
    const vram = attr(m, 'vram');
    if ((type === 'vga' || type === 'vmvga') && vram && /^\s*\d+\s*$/.test(vram.value) && Number(vram.value) > 0 && Number(vram.value) < 1024) out.push({ span: attrSpan(vram), args: { problem: "value for 'vram' must be at least 1 MiB (1024 KiB)." } });
    const a3d = accel && attr(accel, 'accel3d');
    if (a3d && a3d.value === 'yes' && type !== 'virtio' && driverName !== 'vhostuser') out.push({ span: attrSpan(a3d), args: { problem: "3d acceleration is supported only with 'virtio' video device." } });
  });
  return out;
}

/** A qxl card's sizes in KiB that QEMU takes (qemuValidateDomainDeviceDefVideo): vram and ram below 4 GiB, a vgamem (0: the default) of at least 1 MiB and a power of two. */
function qxlMemoryFindings(m: XmlElement, out: Finding[]): void {
  const LIMIT = Math.floor(4294967295 / 1024);
  const kib = (name: string) => {
    const a = attr(m, name);
    const t = a ? a.value.trim() : '';
    return a && /^[0-9]{1,15}$/.test(t) ? { a, n: Number(t) } : undefined;
  };
  for (const name of ['vram', 'ram']) {
    const v = kib(name);
    if (v && v.n > LIMIT) {
      out.push({ span: attrSpan(v.a), args: { problem: `numerical overflow: value for '${name}' must be less than '${LIMIT}'.` } });
      return;
    }
  }
  const g = kib('vgamem');
  if (!g || g.n === 0) return;
  if (g.n < 1024) out.push({ span: attrSpan(g.a), args: { problem: "value for 'vgamem' must be at least 1 MiB (1024 KiB)." } });
  else if (!Number.isInteger(Math.log2(g.n))) out.push({ span: attrSpan(g.a), args: { problem: "value for 'vgamem' must be power of two." } });
}

/** An IDE disk's explicit drive address: QEMU has one IDE controller, and IDE has no targets. */
export function ideAddressFindings(view: DocView): Finding[] {
  return view.disks.flatMap((d) => {
    // the bus written or the one the target name implies (hdc, or a cdrom named fda, is ide)
    const a = child(d.el, 'address');
    const drive = d.bus === 'ide' ? explicitDrive(a) : null;
    if (!drive) return [];
    if (drive[0] > 0) return [{ span: attrSpan(attr(a!, 'controller')!), args: { problem: 'Only 1 IDE controller is supported (controller must be 0).' } }];
    if (drive[2] !== 0) return [{ span: attrSpan(attr(a!, 'target')!), args: { problem: 'target must be 0 for ide controller.' } }];
    return [];
  });
}


/** A domain <seclabel> whose content its type does not allow (libvirt's schema). */
export function seclabelTypeFindings(l: XmlElement): Finding[] {
  const type = attrValue(l, 'type') ?? 'dynamic';
  const relabel = attr(l, 'relabel');
  const label = child(l, 'label');
  const problem = (text: string, el: XmlElement | undefined = undefined): Finding => ({ span: el ? el.nameSpan : relabel && !el ? attrSpan(relabel) : l.nameSpan, args: { problem: text } });
  if (type === 'dynamic' && relabel?.value === 'no') return [problem('A dynamic <seclabel> is always relabelled: relabel="no" needs type="static" (with a <label>) or type="none".')];
  if (type === 'static' && !label) return [{ span: l.nameSpan, args: { problem: 'A static <seclabel> needs a <label>.' } }];
  if (type === 'static' && child(l, 'baselabel')) return [problem('A static <seclabel> takes no <baselabel>.', child(l, 'baselabel'))];
  if (type === 'none') {
    const extra = l.children.find((c) => ['label', 'imagelabel', 'baselabel'].includes(c.name));
    if (extra) return [problem(`A <seclabel type="none"> takes no <${extra.name}>.`, extra)];
    if (relabel?.value === 'yes') return [problem('A <seclabel type="none"> cannot relabel: remove relabel="yes".')];
  }
  return [];
}

/**
 * Guest NUMA cells against each other and the vCPUs, as libvirt reads them: a cell's id (its
 * position when not written) below the number of cells and given once, its cpus= a bitmap not
 * shared with another cell; then all the cells' CPUs at most the <vcpu> count, and each CPU id
 * below it. libvirt stops at the first of these, and so do we.
 */
export function numaCellFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const cells = numaCells(view);
  const n = cells.length;
  if (!n) return [];
  // each vCPU's cell, so that an overlap is found without comparing every pair of cells
  const owners = new Owners();
  const parse = bitmapParser();
  const withMemory = new Set<number>();
  let total = 0;
  let last: { id: number; cpus: XmlAttribute } | null = null;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    const idAttr = attr(cell, 'id');
    if (idAttr && !/^[0-9]+$/.test(idAttr.value)) return [];
    const id = idAttr ? Number(idAttr.value) : i;
    const at = idAttr ? attrSpan(idAttr) : cell.nameSpan;
    if (id >= n) return [{ span: at, args: { problem: `Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed (cell id ${id}, ${n} cell${n > 1 ? 's' : ''}: ids 0 to ${n - 1}).` } }];
    if (withMemory.has(id)) return [{ span: at, args: { problem: `Duplicate NUMA cell info for cell id '${id}'.` } }];
    const cpus = attr(cell, 'cpus');
    const set = cpus ? parse(cpus.value) : null;
    if (cpus && !set) return [{ span: attrSpan(cpus), args: { problem: `Failed to parse bitmap '${cpus.value}'.` } }];
    if (cpus && set) {
      // libvirt names the lowest other cell that shares a vCPU
      const other = owners.claim(set, id);
      if (other >= 0) return [{ span: attrSpan(cpus), args: { problem: `NUMA cells ${id} and ${other} have overlapping vCPU ids.` } }];
      const high = set.last();
      if (high >= 0 && (!last || high > last.id)) last = { id: high, cpus };
      total += set.size;
    }
    const distance = distanceFinding(cell, id, n);
    if (distance) return [distance];
    if (isPositiveDecimal(attrValue(cell, 'memory') ?? '')) withMemory.add(id);
  }
  const vcpus = vcpuCount(view);
  const numa = child(child(view.root, 'cpu')!, 'numa')!;
  if (total > vcpus) return [{ span: numa.nameSpan, args: { problem: `Number of CPUs in <numa> exceeds the <vcpu> count (the cells name ${total} CPUs, <vcpu> is ${vcpus}).` } }];
  if (last && last.id >= vcpus) return [{ span: attrSpan(last.cpus), args: { problem: `CPU IDs in <numa> exceed the <vcpu> count (vCPU ${last.id} is named; with <vcpu> ${vcpus} they are 0 to ${vcpus - 1}).` } }];
  return [];
}

/**
 * A cell's <distances> as libvirt's parser reads them, after the cell's CPUs (numa_conf.c,
 * virDomainNumaDefNodeDistanceParseXML): each <sibling> names a cell below the number of cells,
 * and its value is 10 (the local distance) for the cell itself and only for it. Values outside
 * 10-255 and missing attributes are the schema's (LIBVIRT-XML-ATTR-NUMBER). Repeated siblings
 * are taken (the last one wins). Checked with virsh define --validate, libvirt 9.0.
 */
function distanceFinding(cell: XmlElement, id: number, cells: number): Finding | null {
  const distances = child(cell, 'distances');
  if (!distances) return null;
  for (const s of childrenNamed(distances, 'sibling')) {
    const sid = attr(s, 'id');
    if (!sid || !/^[0-9]+$/.test(sid.value)) return null;
    const sibling = Number(sid.value);
    if (sibling >= cells) return { span: attrSpan(sid), args: { problem: `'sibling_id ${sibling}' does not refer to a valid cell within NUMA 'cell id ${id}' (the cells are 0 to ${cells - 1}).` } };
    const v = attr(s, 'value');
    if (!v || !/^[0-9]+$/.test(v.value)) return null;
    const value = Number(v.value);
    if (value < 10 || value > 255) return null;
    if ((sibling === id) !== (value === 10)) return { span: attrSpan(v), args: { problem: `'value ${value}' is invalid for 'sibling id ${sibling}' under NUMA 'cell id ${id}' (a cell is at distance 10 from itself, and only from itself).` } };
  }
  return null;
}

/** <cpu><topology>: sockets × dies × cores × threads must be the <vcpu> maximum (QEMU refuses another topology). */
export function cpuTopologyFindings(view: DocView): Finding[] {
  const cpu = view.kind === 'domain' ? child(view.root, 'cpu') : undefined;
  const topo = cpu && child(cpu, 'topology');
  if (!topo) return [];
  const parts = ['sockets', 'dies', 'cores', 'threads'].map((name) => {
    const v = attrValue(topo, name);
    if (v === undefined) return name === 'dies' ? 1 : null;
    return isPositiveDecimal(v) ? Number(v) : null;
  });
  // one not given or not a positive number: libvirt's schema refuses it, not this check
  if (parts.some((p) => p === null)) return [];
  const [sockets, dies, cores, threads] = parts as number[];
  const product = sockets * dies * cores * threads;
  const vcpus = vcpuCount(view);
  return product === vcpus ? [] : [{ span: topo.nameSpan, args: { problem: `CPU topology doesn't match maximum vcpu count (${sockets} sockets × ${dies} dies × ${cores} cores × ${threads} threads = ${product}, <vcpu> is ${vcpus}).` } }];
}

/**
 * Whether the guest's memory is shared (what a vhost-user back end maps): with NUMA cells, every
 * cell's memAccess (or, when a cell has none, <memoryBacking><access mode>) is shared; without,
 * <memoryBacking><access mode="shared">.
 */
function memoryShared(view: DocView): boolean {
  const mb = child(view.root, 'memoryBacking');
  const access = mb && child(mb, 'access');
  const dflt = access ? attrValue(access, 'mode') : undefined;
  const cells = numaCells(view);
  if (!cells.length) return dflt === 'shared';
  return cells.every((c) => (attrValue(c, 'memAccess') ?? dflt) === 'shared');
}

/** A vhost-user disk and a virtiofs filesystem need the guest's memory shared with their back end. */
export function sharedMemoryFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const needs = view.devices.flatMap((d) => {
    if (d.name === 'disk' && attrValue(d, 'type') === 'vhostuser') return [{ el: d, what: 'vhostuser' }];
    const drv = d.name === 'filesystem' ? child(d, 'driver') : undefined;
    return drv && attrValue(drv, 'type') === 'virtiofs' ? [{ el: d, what: 'virtiofs' }] : [];
  });
  if (!needs.length || memoryShared(view)) return [];
  return needs.map(({ el, what }) => ({ span: el.nameSpan, args: { problem: `'${what}' requires shared memory: give the guest <memoryBacking><access mode="shared"/></memoryBacking> (or memAccess="shared" on every NUMA cell).` } }));
}

/**
 * A device's own <seclabel> (in a disk's <source> or a backing store's, or a character device's
 * <source>) naming the model of a domain <seclabel> that does not relabel (type static without
 * relabel="yes", type none, or relabel="no"): there is nothing to override. Judged only where both
 * write model= (libvirt fills in a domain label's missing model itself).
 */
export function seclabelOverrideFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const fixed = new Set<string>();
  for (const l of childrenNamed(view.root, 'seclabel')) {
    const model = attrValue(l, 'model');
    const type = attrValue(l, 'type') ?? 'dynamic';
    const relabel = attrValue(l, 'relabel');
    const relabels = relabel === 'yes' || (relabel === undefined && type === 'dynamic');
    if (model !== undefined && !relabels) fixed.add(model);
  }
  if (!fixed.size) return [];
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (!['disk', 'serial', 'parallel', 'console', 'channel'].includes(d.name)) continue;
    for (const el of walk(d)) {
      // the sources libvirt checks: the device's own and, for a disk, each backing store's (not a <mirror>'s)
      const holder = el.parent?.name === 'source' ? el.parent.parent : null;
      if (el.name !== 'seclabel' || !holder || (holder !== d && holder.name !== 'backingStore')) continue;
      const model = attr(el, 'model');
      if (model && fixed.has(model.value)) out.push({ span: attrSpan(model), args: { problem: `label overrides require relabeling to be enabled at the domain level (the domain's <seclabel model="${model.value}"> does not relabel).` } });
    }
  }
  return out;
}

/**
 * Only the virt machines (and versatilepb) of an ARM guest have PCI: on another ARM machine
 * libvirt's QEMU driver adds no PCI root, so a device written at a PCI address finds no bus as
 * the addresses are assigned ("No PCI buses available", round 43, labelled on pc and vexpress-a9
 * with an x86 emulator). A written PCI controller is left to the PCI rules.
 */
export function armWithoutPciFindings(view: DocView): Finding[] {
  const arm = armGuest(view);
  if (!arm || /^virt(?:-|$)/.test(arm.machine) || arm.machine === 'versatilepb') return [];
  if (view.devices.some((d) => d.name === 'controller' && attrValue(d, 'type') === 'pci')) return [];
  for (const d of view.devices) {
    const a = childrenNamed(d, 'address').find((x) => attrValue(x, 'type') === 'pci');
    if (a) return [{ span: a.nameSpan, args: { problem: `No PCI buses available (an ARM ${arm.machine || 'non-virt'} machine has no PCI bus: only the virt machines have one).` }, stage: 'address' }];
  }
  return [];
}
