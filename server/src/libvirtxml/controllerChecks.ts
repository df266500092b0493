import { attrSpan, parseNumber, pciKey } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlElement } from './types';
import type { Span } from '../text/span';
import { deviceRank } from './deviceRank';
import { blankPadded } from './schemaValues';
import { hostdevs, iothreadIds } from './domainHelpers';
import type { DocView } from './view';

/**
 * Checks of domainRules.ts rows about <controller> elements and the drive addresses on them,
 * each in libvirt 9.0's own words (labelled with `virsh define --validate` on the QEMU driver:
 * test/fixtures/libvirtdomain/).
 */

export function controllers(view: DocView): XmlElement[] {
  return view.devices.filter((d) => d.name === 'controller');
}

/** The index written on a controller; null when none is written or it is not a number. */
function index(c: XmlElement): number | null {
  const v = attrValue(c, 'index');
  return v === undefined || !/^\s*\d+\s*$/.test(v) ? null : Number(v);
}

/**
 * The index libvirt 9.0 gives each controller (null: an index= that is not a number). A written
 * index is kept; a controller without one gets, once the whole domain is parsed and in document
 * order, the lowest index of its type that no controller of that type has written or was given
 * before it: so `<controller type="scsi"/>` before `<controller type="scsi" index="0"/>` becomes
 * index 1, and after an index="2" alone it becomes 0 (virsh dumpxml after define says so). This
 * happens before libvirt adds the controllers that drive addresses name, so an index-less
 * controller takes the index a disk's address names. One pass over the controllers per type.
 */
export function controllerIndexes(view: DocView): ReadonlyMap<XmlElement, number | null> {
  let all = CONTROLLER_INDEXES.get(view);
  if (!all) CONTROLLER_INDEXES.set(view, (all = assignIndexes(controllers(view))));
  return all;
}
const CONTROLLER_INDEXES = new WeakMap<DocView, ReadonlyMap<XmlElement, number | null>>();

function assignIndexes(list: readonly XmlElement[]): Map<XmlElement, number | null> {
  const taken = new Map<string, Set<number>>();
  const typeOf = (c: XmlElement) => attrValue(c, 'type') ?? '';
  for (const c of list) {
    const n = index(c);
    if (n === null) continue;
    let set = taken.get(typeOf(c));
    if (!set) taken.set(typeOf(c), (set = new Set()));
    set.add(n);
  }
  const next = new Map<string, number>();
  const out = new Map<XmlElement, number | null>();
  for (const c of list) {
    if (attrValue(c, 'index') !== undefined) {
      out.set(c, index(c));
      continue;
    }
    const type = typeOf(c);
    let set = taken.get(type);
    if (!set) taken.set(type, (set = new Set()));
    let n = next.get(type) ?? 0;
    while (set.has(n)) n++;
    set.add(n);
    next.set(type, n + 1);
    out.set(c, n);
  }
  return out;
}

/** The index libvirt gives one controller of the view (see controllerIndexes). */
export function assignedIndex(view: DocView, c: XmlElement): number | null {
  return controllerIndexes(view).get(c) ?? index(c);
}

/** The PCI function libvirt gives each part of an ICH9 USB2 set (the EHCI master and its UHCI companions). */
const USB2_FUNCTION: Readonly<Record<string, number>> = { 'ich9-ehci1': 7, 'ich9-uhci1': 0, 'ich9-uhci2': 1, 'ich9-uhci3': 2 };

/**
 * The PCI addresses libvirt gives the parts of a USB2 set written without one, where it can be
 * told: the slot of the first part of the same index that has a PCI address (in the controllers'
 * order), at the part's own function (USB2_FUNCTION). libvirt reserves them after every written
 * address, so an EHCI master written at function 0 collides with its first companion ("Attempted
 * double use of PCI Address"). On q35 the first unaddressed ich9-ehci1 or ich9-uhci1 goes to the
 * ICH9's own USB slot first, 0:0:1d, or 0:0:1a when a written address uses 1d (labelled: a master
 * written on a root port or at 1d.0 leaves its companion there, and the set's later parts follow
 * the first part in the controllers' order that has an address). A set
 * none of whose parts has an address goes to a free slot (no key).
 */
const ICH9_USB_SLOTS = [0x1d, 0x1a];
export function usb2CompanionAddresses(view: DocView): Array<{ el: XmlElement; key: string }> {
  const parts = view.devices.filter((c) => c.name === 'controller' && attrValue(c, 'type') === 'usb' && USB2_FUNCTION[attrValue(c, 'model') ?? ''] !== undefined);
  if (parts.length < 2) return [];
  const isPart = new Set(parts);
  type Slot = { dom: number; bus: number; slot: number };
  const present = new Map<XmlElement, Slot>();
  // the root-bus slots a written address uses, of the ICH9's own two USB slots (0x1d, 0x1a)
  const ich9Used = new Set<number>();
  for (const d of view.devices) {
    const a = child(d, 'address');
    if (!a || !pciKey(a)) continue;
    const [dom, bus, slot] = ['domain', 'bus', 'slot'].map((n) => parseNumber(attrValue(a, n)) ?? 0);
    if (dom === 0 && bus === 0 && ICH9_USB_SLOTS.includes(slot)) ich9Used.add(slot);
    if (isPart.has(d)) present.set(d, { dom, bus, slot });
  }
  const unplaced = parts.filter((c) => !child(c, 'address'));
  const free = ICH9_USB_SLOTS.find((n) => !ich9Used.has(n));
  if (machineFamily(view) === 'q35' && free !== undefined) {
    const first = unplaced.find((c) => ['ich9-ehci1', 'ich9-uhci1'].includes(attrValue(c, 'model') ?? ''));
    if (first) present.set(first, { dom: 0, bus: 0, slot: free });
  }
  // each index's slot: its first part's (in the controllers' order) that has an address
  const slotOf = new Map<number, Slot>();
  for (const p of parts) {
    const at = present.get(p);
    if (at && !slotOf.has(index(p) ?? 0)) slotOf.set(index(p) ?? 0, at);
  }
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  const out: Array<{ el: XmlElement; key: string }> = [];
  for (const c of unplaced) {
    const slot = present.has(c) ? undefined : slotOf.get(index(c) ?? 0);
    if (!slot) continue;
    out.push({ el: c, key: `${hex(slot.dom, 4)}:${hex(slot.bus, 2)}:${hex(slot.slot, 2)}.${USB2_FUNCTION[attrValue(c, 'model')!]!.toString(16)}` });
  }
  return out;
}

/** USB companion controllers share their EHCI master's index; model none adds no bus. */
const USB_NO_PORTS = new Set(['ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3', 'none']);

/** Two controllers of one type with one explicit index (USB: two that each add a bus). */
export function controllerIndexFindings(view: DocView): Finding[] {
  const seen = new Set<string>();
  // libvirt keeps the controllers grouped by type (as the types first appear) and sorted by index
  // within a type, and meets the duplicates in that order (labelled): the findings go so too
  const typeRank = new Map<string, number>();
  const found: Array<{ finding: Finding; type: number; n: number }> = [];
  for (const c of controllers(view)) {
    const type = attrValue(c, 'type');
    if (type && !typeRank.has(type)) typeRank.set(type, typeRank.size);
    const n = index(c);
    if (!type || n === null || (type === 'usb' && USB_NO_PORTS.has(attrValue(c, 'model') ?? ''))) continue;
    const key = `${type}:${n}`;
    if (seen.has(key)) {
      const problem = type === 'usb' ? `Duplicate USB controllers with index ${n}.` : `Multiple '${type}' controllers with index '${n}'.`;
      // two USB buses of one index are met when libvirt assigns the USB addresses, after every PCI one (labelled)
      found.push({ finding: { span: attrSpan(attr(c, 'index')!), args: { problem }, ...(type === 'usb' ? { stage: 'address' as const } : {}) }, type: typeRank.get(type)!, n });
    }
    seen.add(key);
  }
  return found.sort((a, b) => a.type - b.type || a.n - b.n).map((f) => f.finding);
}

/** The x86 machine family: q35, i440fx (pc, and the default when no machine is named), or another. */
export function machineFamily(view: DocView): 'q35' | 'i440fx' | 'other' {
  const type = view.os && child(view.os, 'type');
  const arch = type ? attrValue(type, 'arch') : undefined;
  if (arch !== undefined && arch !== 'x86_64' && arch !== 'i686') return 'other';
  const machine = type ? attrValue(type, 'machine') : undefined;
  if (machine === undefined || machine === 'pc' || machine.startsWith('pc-i440fx')) return 'i440fx';
  return machine === 'q35' || machine.startsWith('pc-q35') ? 'q35' : 'other';
}

/** The built-in controllers sit at fixed PCI addresses: where the machine has one, an index-0 controller must be placed there. */
const BUILT_IN: Record<'q35' | 'i440fx', Array<{ type: string; models: Array<string | undefined>; at: string; what: string }>> = {
  i440fx: [
    { type: 'ide', models: [undefined, 'piix3', 'piix4'], at: '0000:00:01.1', what: 'Primary IDE controller must have PCI address 0:0:1.1' },
    { type: 'usb', models: [undefined, 'piix3-uhci'], at: '0000:00:01.2', what: 'PIIX3 USB controller at index 0 must have PCI address 0:0:1.2' },
  ],
  q35: [{ type: 'sata', models: [undefined], at: '0000:00:1f.2', what: 'Primary SATA controller must have PCI address 0:0:1f.2' }],
};

function builtInFindings(view: DocView, c: XmlElement, family: 'q35' | 'i440fx'): Finding[] {
  const a = child(c, 'address');
  const key = a && pciKey(a);
  if (!key || assignedIndex(view, c) !== 0) return [];
  const b = BUILT_IN[family].find((x) => x.type === attrValue(c, 'type') && x.models.includes(attrValue(c, 'model')));
  // checked while libvirt assigns the PCI addresses (qemu_domain_address.c)
  return b && key !== b.at ? [{ span: a!.nameSpan, args: { problem: `${b.what}.` }, stage: 'address' }] : [];
}

/** What the machine type builds in: q35 has no IDE at all, i440fx one IDE controller, each at its fixed address. */
export function machineControllerFindings(view: DocView): Finding[] {
  const family = machineFamily(view);
  if (family === 'other') return [];
  const out: Finding[] = [];
  for (const c of controllers(view)) {
    const type = attrValue(c, 'type');
    if (type === 'ide' && family === 'q35') out.push({ span: c.nameSpan, args: { problem: 'IDE controllers are unsupported for this QEMU binary or machine type.' } });
    else if (type === 'ide' && (assignedIndex(view, c) ?? 0) > 0) {
      const at = attr(c, 'index');
      const problem = at ? 'Only a single IDE controller is supported for this machine type.' : `Only a single IDE controller is supported for this machine type (this one, without index=, takes index ${assignedIndex(view, c)}).`;
      out.push({ span: at ? attrSpan(at) : c.nameSpan, args: { problem } });
    } else out.push(...builtInFindings(view, c, family));
  }
  if (family === 'q35') {
    for (const d of view.disks) {
      if (d.bus !== 'ide') continue;
      // (a disk without <target> has no bus of its own: its bus comes from elsewhere)
      const at = d.target ? (attr(d.target, 'bus') ?? attr(d.target, 'dev')) : undefined;
      out.push({ span: at ? attrSpan(at) : (d.target ?? d.el).nameSpan, args: { problem: `IDE controllers are unsupported for this QEMU binary or machine type (disk '${d.dev ?? ''}' is on bus ide, written or implied by its name; q35 has sata).` } });
    }
  }
  return out;
}

const VIRTIO_SCSI = new Set(['virtio-scsi', 'virtio-transitional', 'virtio-non-transitional']);
const VIRTIO_SCSI_ONLY = ['queues', 'cmd_per_lun', 'max_sectors', 'ioeventfd'];

/** <controller><driver>: queues, cmd_per_lun, max_sectors, ioeventfd and iothread are virtio-scsi's; the iothread must exist. */
export function controllerDriverFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const ids = iothreadIds(view);
  for (const c of controllers(view)) {
    const drv = child(c, 'driver');
    if (!drv) continue;
    const virtio = attrValue(c, 'type') === 'scsi' && VIRTIO_SCSI.has(attrValue(c, 'model') ?? '');
    // libvirt reads 0 as "not set" for the numbers
    const set = (name: string) => {
      const a = attr(drv, name);
      return a && (name === 'ioeventfd' || !/^\s*0+\s*$/.test(a.value)) ? a : undefined;
    };
    const io = set('iothread');
    // the controller's post-parse, before the domain is validated (labelled)
    if (io && !virtio) out.push({ span: attrSpan(io), args: { problem: "'iothread' attribute only supported for virtio scsi controllers." }, stage: 'postparse-device' });
    else if (io && /^\s*\d+\s*$/.test(io.value) && !ids.has(Number(io.value))) out.push({ span: attrSpan(io), args: { problem: `controller iothread '${Number(io.value)}' not defined in iothreadid.` } });
    if (virtio) continue;
    for (const name of VIRTIO_SCSI_ONLY) {
      const a = set(name);
      if (a) out.push({ span: attrSpan(a), args: { problem: `'${name}' is only supported by virtio-scsi controller.` } });
    }
  }
  return out;
}

/**
 * The model of each SCSI controller as libvirt's QEMU driver has it at validation, by index
 * (undefined: none written, libvirt's x86 default lsilogic). A written controller keeps its own (one
 * without index= takes the lowest free index). The SCSI host devices add the controllers up to the
 * highest controller index they name (one without an address counts as controller 0) while the
 * domain is parsed: each time a host device names a higher index, the missing controllers up to it
 * get the model of the controller written at that index, else the model the last such raise took
 * (libvirt keeps one model for all SCSI host devices). The disks' missing controllers come later
 * with the default model. One pass over the controllers and one over the host devices.
 */
export function scsiControllerModels(view: DocView): (n: number) => string | undefined {
  const written = new Map<number, string | undefined>();
  for (const c of controllers(view)) {
    const i = attrValue(c, 'type') === 'scsi' ? assignedIndex(view, c) : null;
    if (i !== null && !written.has(i)) written.set(i, attrValue(c, 'model'));
  }
  // the host devices' controllers: from starts[k] on (up to the next start, or max) model models[k]
  const starts: number[] = [];
  const models: Array<string | undefined> = [];
  let max = -1;
  let model: string | undefined;
  for (const h of hostdevs(view)) {
    if (attrValue(h, 'type') !== 'scsi') continue;
    const a = child(h, 'address');
    if (a && attrValue(a, 'type') !== 'drive') continue;
    const c = a ? parseNumber(attrValue(a, 'controller')) ?? 0 : 0;
    if (c <= max) continue;
    if (written.get(c) !== undefined) model = written.get(c);
    starts.push(max + 1);
    models.push(model);
    max = c;
  }
  return (n) => {
    if (written.has(n)) return written.get(n);
    if (n > max) return undefined;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= n) lo = mid;
      else hi = mid - 1;
    }
    return models[lo];
  };
}

/** Whether a SCSI controller of this model is an lsilogic HBA once libvirt's QEMU driver has filled the default in (none written, or auto). */
const isLsiLogic = (model: string | undefined) => model === undefined || model === 'lsilogic' || model === 'auto';

/**
 * Drive addresses the controller cannot have: scsi one bus, fdc one controller with one bus and no
 * targets, sata one bus and no targets, an lsilogic SCSI HBA no targets. A SCSI host device's
 * drive address is checked as a SCSI disk's.
 */
export function driveAddressFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  let scsiModel: ((n: number) => string | undefined) | undefined;
  const scsiProblem = (a: XmlElement): string | null => {
    if (parseNumber(attrValue(a, 'bus'))) return 'SCSI controller only supports 1 bus.';
    if (!parseNumber(attrValue(a, 'target'))) return null;
    scsiModel ??= scsiControllerModels(view);
    return isLsiLogic(scsiModel(parseNumber(attrValue(a, 'controller')) ?? 0)) ? "target must be 0 for controller model 'lsilogic'." : null;
  };
  for (const d of view.disks) {
    const a = child(d.el, 'address');
    if (!a || attrValue(a, 'type') !== 'drive' || !d.bus) continue;
    const bus = parseNumber(attrValue(a, 'bus'));
    const target = parseNumber(attrValue(a, 'target'));
    const problem = (p: string | null) => {
      if (p) out.push({ span: a.nameSpan, args: { problem: p } });
    };
    if (d.bus === 'scsi') problem(scsiProblem(a));
    else if (d.bus === 'sata' && bus) problem('bus must be 0 for sata controller.');
    else if (d.bus === 'sata' && target) problem('target must be 0 for sata controller.');
    else if (d.bus === 'fdc' && parseNumber(attrValue(a, 'controller'))) problem('Only 1 fdc controller is supported.');
    else if (d.bus === 'fdc' && bus) problem('Only 1 fdc bus is supported.');
    else if (d.bus === 'fdc' && target) problem('target must be 0 for controller fdc.');
  }
  for (const h of hostdevs(view)) {
    const a = attrValue(h, 'type') === 'scsi' ? child(h, 'address') : undefined;
    const p = a && attrValue(a, 'type') === 'drive' ? scsiProblem(a) : null;
    if (p) out.push({ span: a!.nameSpan, args: { problem: p } });
  }
  return out;
}

/**
 * SCSI controller models libvirt's QEMU driver refuses whatever QEMU has: buslogic ("Unsupported
 * controller model"), and ncr53c90, the ESP chip built into some sparc and m68k machines only, as
 * any controller but the first and on x86 at all.
 */
export function scsiControllerModelFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain' || machineFamily(view) === 'other') return [];
  const out: Finding[] = [];
  for (const c of controllers(view)) {
    const model = attrValue(c, 'type') === 'scsi' ? attr(c, 'model') : undefined;
    if (model?.value === 'buslogic') out.push({ span: attrSpan(model), args: { problem: 'Unsupported controller model: buslogic.' } });
    else if (model?.value === 'ncr53c90') {
      const problem = (assignedIndex(view, c) ?? 0) !== 0 ? 'ncr53c90 can only be used as first SCSI controller.' : 'ncr53c90 SCSI controller is not a built-in for this machine.';
      out.push({ span: attrSpan(model), args: { problem } });
    }
  }
  return out;
}

/** The PCI functions the machine's own devices hold (the ISA bridge, ACPI, and the built-in IDE, USB and SATA controllers when present). */
function reservedPci(view: DocView, family: 'q35' | 'i440fx'): Map<string, (el: XmlElement) => boolean> {
  const isType = (type: string, models: Array<string | undefined>) => (el: XmlElement) => el.name === 'controller' && attrValue(el, 'type') === type && assignedIndex(view, el) === 0 && models.includes(attrValue(el, 'model'));
  const nobody = () => false;
  const out = new Map<string, (el: XmlElement) => boolean>();
  if (family === 'q35') {
    out.set('0000:00:1f.0', nobody).set('0000:00:1f.3', nobody).set('0000:00:1f.2', isType('sata', [undefined]));
    return out;
  }
  out.set('0000:00:01.0', nobody).set('0000:00:01.3', nobody);
  const usb0 = controllers(view).find((c) => attrValue(c, 'type') === 'usb' && assignedIndex(view, c) === 0);
  if (!usb0 || [undefined, 'piix3-uhci'].includes(attrValue(usb0, 'model'))) out.set('0000:00:01.2', isType('usb', [undefined, 'piix3-uhci']));
  if (view.disks.some((d) => d.bus === 'ide') || controllers(view).some((c) => attrValue(c, 'type') === 'ide')) out.set('0000:00:01.1', isType('ide', [undefined, 'piix3', 'piix4']));
  return out;
}

/** A device's user alias (<alias name="ua-...">): the only alias a device has when libvirt defines it. */
function userAlias(dev: XmlElement): string | undefined {
  const alias = child(dev, 'alias');
  const name = alias && attrValue(alias, 'name');
  return name?.startsWith('ua-') ? name : undefined;
}

/** A device placed on a PCI function the machine's own devices hold, or given an s390 channel (ccw) address on x86. */
export function machineAddressFindings(view: DocView): Finding[] {
  const family = machineFamily(view);
  if (family === 'other') return [];
  const reserved = reservedPci(view, family);
  const machine = family === 'q35' ? 'q35' : 'pc (i440fx)';
  const type = view.os && child(view.os, 'type');
  const writtenMachine = (type && attrValue(type, 'machine')) ?? 'pc';
  const out: Finding[] = [];
  for (const dev of view.devices) {
    const a = child(dev, 'address');
    if (!a) continue;
    // the QEMU driver refuses it device by device when it validates the device's address (qemuValidateDomainDeviceInfo),
    // after the domain-wide driver checks (a CPU topology that does not match: labelled, libvirt 9.0)
    // in libvirt's words: the device's alias (none before it is started, unless the document gives a user alias) and the machine as written
    if (attrValue(a, 'type') === 'ccw') out.push({ span: a.nameSpan, args: { problem: `cannot use CCW address type for device '${userAlias(dev) ?? '<null>'}' using machine type '${writtenMachine}': ccw addresses exist only on s390 machines, not on ${machine}.` }, stage: 'validate-device' });
    const key = pciKey(a);
    const owner = key ? reserved.get(key) : undefined;
    if (owner && !owner(dev)) out.push({ span: a.nameSpan, args: { problem: `Attempted double use of PCI Address ${key}: the ${machine} machine's own device is there.` } });
  }
  return out;
}

/** The models libvirt's schema lists per controller type (the types whose disks bdm-lab judges). */
const CONTROLLER_MODELS: Readonly<Record<string, readonly string[]>> = {
  scsi: ['auto', 'buslogic', 'lsilogic', 'lsisas1068', 'vmpvscsi', 'ibmvscsi', 'virtio-scsi', 'lsisas1078', 'virtio-transitional', 'virtio-non-transitional', 'ncr53c90', 'dc390', 'am53c974'],
  usb: ['piix3-uhci', 'piix4-uhci', 'ehci', 'ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3', 'vt82c686b-uhci', 'pci-ohci', 'nec-xhci', 'none', 'qusb1', 'qusb2', 'qemu-xhci'],
  ide: ['piix3', 'piix4', 'ich6'],
  'virtio-serial': ['virtio', 'virtio-transitional', 'virtio-non-transitional'],
  pci: ['pci-root', 'pcie-root', 'pci-bridge', 'dmi-to-pci-bridge', 'pcie-root-port', 'pcie-switch-upstream-port', 'pcie-switch-downstream-port', 'pci-expander-bus', 'pcie-expander-bus', 'pcie-to-pci-bridge'],
  fdc: [],
  sata: [],
  ccid: [],
};

/** A controller model its type does not have (fdc and sata have none to give). */
export function controllerModelFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const c of controllers(view)) {
    const models = CONTROLLER_MODELS[attrValue(c, 'type') ?? ''];
    const model = attr(c, 'model');
    // blanks around a model of this type pass the schema (a token); the parser refuses it (LIBVIRT-XML-ATTR-BLANKS)
    if (!models || !model || models.includes(model.value) || blankPadded(model.value, models)) continue;
    const allowed = models.length ? `use one of ${models.join(', ')}` : 'this type takes no model';
    out.push({ span: attrSpan(model), args: { problem: `A ${attrValue(c, 'type')} controller has no model "${model.value}"; ${allowed}.` } });
  }
  return out;
}

/** A guest USB address: bus and the port path (1.2 is port 2 of the hub on port 1; trailing .0 are the same port). */
function usbKey(a: XmlElement): string | null {
  if (attrValue(a, 'type') !== 'usb') return null;
  const bus = parseNumber(attrValue(a, 'bus'));
  const port = attrValue(a, 'port');
  if (bus === null || port === undefined || !/^\d+(\.\d+)*$/.test(port.trim())) return null;
  const path = port.trim().split('.').map(Number);
  while (path.length > 1 && path[path.length - 1] === 0) path.pop();
  return `bus ${bus} port ${path.join('.')}`;
}

/** Two devices at one guest USB address (bus, port). */
export function usbAddressFindings(view: DocView): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const dev of view.devices) {
    const a = child(dev, 'address');
    const key = a && usbKey(a);
    if (!key) continue;
    if (seen.has(key)) out.push({ span: a!.nameSpan, args: { problem: `Duplicate USB address ${key}.` } });
    seen.add(key);
  }
  return out;
}

/** User aliases (ua-...) name one device each; libvirt ignores other aliases in a definition. */
export function aliasFindings(view: DocView): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const dev of view.devices) {
    const a = child(dev, 'alias');
    const name = a && attr(a, 'name');
    if (!name || !name.value.startsWith('ua-')) continue;
    if (seen.has(name.value)) out.push({ span: attrSpan(name), args: { problem: `non unique alias detected: ${name.value}.` } });
    seen.add(name.value);
  }
  return out;
}

/** An alias name as libvirt's schema takes it (ASCII letters, digits, _ - .), on every device. */
const ALIAS_NAME = /^[a-zA-Z0-9_.-]+$/;

/** A device <alias> whose name libvirt's schema refuses (or that has none). */
export function aliasNameFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const dev of view.devices) {
    const a = child(dev, 'alias');
    if (!a) continue;
    const name = attr(a, 'name');
    if (!name) out.push({ span: a.nameSpan, args: { problem: '<alias> needs name= (a user alias starts with ua-).' } });
    else if (!ALIAS_NAME.test(name.value)) out.push({ span: attrSpan(name), args: { problem: `alias name "${name.value}" may hold only ASCII letters, digits, _ - and . (libvirt's schema refuses the others).` } });
  }
  return out;
}

/** Devices whose <address> libvirt ignores: a USB controller of model none, a memballoon of model none. */
export function addressIgnored(dev: XmlElement): boolean {
  const model = attrValue(dev, 'model');
  return model === 'none' && ((dev.name === 'controller' && attrValue(dev, 'type') === 'usb') || dev.name === 'memballoon');
}

/** A guest PCI address outside PCI domain 0, which is the only one libvirt's QEMU driver gives an x86 guest (a pci-expander-bus or pcie-expander-bus adds buses, not domains). */
export function pciDomainFindings(view: DocView): Finding[] {
  if (machineFamily(view) === 'other') return [];
  const out: Finding[] = [];
  for (const dev of view.devices) {
    const a = child(dev, 'address');
    if (!a || attrValue(a, 'type') !== 'pci' || addressIgnored(dev)) continue;
    const [dom, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map((n) => parseNumber(attrValue(a, n)));
    if (dom === null || bus === null || slot === null || fn === null || dom === 0) continue;
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
    out.push({ span: attrSpan(attr(a, 'domain')!), args: { problem: `Invalid PCI address ${hex(dom, 4)}:${hex(bus, 2)}:${hex(slot, 2)}.${fn}. Only PCI domain 0 is available.` } });
  }
  return out;
}

/** Ports of each USB controller model (libvirt 9.0 with QEMU 7.2, read from its refusals); the xhci models take ports= instead. */
const USB_MODEL_PORTS: Readonly<Record<string, number>> = {
  'piix3-uhci': 2, 'piix4-uhci': 2, 'vt82c686b-uhci': 2, 'pci-ohci': 3, ehci: 6, 'ich9-ehci1': 6, 'nec-xhci': 4, 'qemu-xhci': 4,
};
const USB_XHCI = new Set(['nec-xhci', 'qemu-xhci']);
/** Ports of a <hub type="usb">. */
const USB_HUB_PORTS = 8;

/**
 * The guest USB buses by controller index and their port counts (null: not known). libvirt adds its
 * default controller at index 0 when none is written there (pc: piix3-uhci, q35: qemu-xhci); a
 * controller written without model= is a piix3-uhci on both (libvirt 9.0's dumpxml says so, and
 * refuses its port 3 on q35). Null as a whole when the buses cannot be told: another
 * architecture, an index= that is not a number, or USB turned off. A controller without index=
 * takes the one libvirt gives it (controllerIndexes).
 */
function usbBuses(view: DocView): Map<number, number | null> | null {
  const family = machineFamily(view);
  if (family === 'other') return null;
  const buses = new Map<number, number | null>();
  for (const c of controllers(view)) {
    if (attrValue(c, 'type') !== 'usb') continue;
    const n = assignedIndex(view, c);
    if (n === null) return null;
    const model = attrValue(c, 'model') ?? 'piix3-uhci';
    if (model === 'none' && n === 0) return null; // LIBVIRT-DOMAIN-USB-DISABLED
    // companions share their master's bus; model none at another index adds no bus
    if (USB_NO_PORTS.has(model)) continue;
    const ports = attr(c, 'ports');
    const count = !ports ? (USB_MODEL_PORTS[model] ?? null) : USB_XHCI.has(model) && /^[0-9]+$/.test(ports.value) ? Number(ports.value) : null;
    if (!buses.has(n)) buses.set(n, count);
  }
  if (!buses.has(0)) buses.set(0, family === 'q35' ? 4 : 2);
  return buses;
}

/** What is wrong with one guest USB address, or null: its bus and port syntax, then (in a domain) its bus, its port and the hubs on its path. */
function usbAddressProblem(a: XmlElement, buses: Map<number, number | null> | null, hubs: Set<string>): string | null {
  const busAttr = attr(a, 'bus');
  if (!busAttr) return '<address type="usb"> needs bus= (the index of the USB controller): libvirt\'s schema requires it.';
  if (!/^[0-9]+$/.test(busAttr.value)) return `Invalid value for attribute 'bus' in element 'address': '${busAttr.value}'. Expected non-negative integer value.`;
  const port = attrValue(a, 'port');
  if (port !== undefined && !/^[0-9]+(\.[0-9]+)*$/.test(port)) return `Cannot parse <address> 'port' attribute ("${port}": decimal port numbers separated by dots).`;
  const path = port === undefined ? [] : port.split('.').map(Number);
  if (path.length > 4) return `port "${port}" is not a USB port path libvirt's schema accepts (at most 4 numbers).`;
  const bus = Number(busAttr.value);
  if (!buses) return null;
  if (!buses.has(bus)) return port === undefined ? `USB bus ${bus} requested but no controller with that index is present.` : `Missing USB bus ${bus}.`;
  // trailing 0s name the same port; a 0 before another number is left to libvirt
  while (path.length && path[path.length - 1] === 0) path.pop();
  const ports = buses.get(bus);
  if (!path.length || ports === null || ports === undefined || path.includes(0)) return null;
  const shown = path.join('.');
  for (let k = 0; k < path.length - 1; k++) {
    if (path[k] > (k === 0 ? ports : USB_HUB_PORTS)) return `port ${path[k]} out of range in USB address bus: ${bus} port: ${shown}.`;
    if (!hubs.has(`${bus}:${path.slice(0, k + 1).join('.')}`)) return `there is no hub at port ${path[k]} in USB address bus: ${bus} port: ${shown}.`;
  }
  return path[path.length - 1] > (path.length === 1 ? ports : USB_HUB_PORTS) ? `requested USB port ${shown} not present on USB bus ${bus}.` : null;
}

/** The guest USB addresses: bus= required and decimal, and, in a domain, a controller with that index, the port on it and a <hub> at each step of a port path. */
export function usbPortFindings(view: DocView): Finding[] {
  const buses = view.kind === 'domain' ? usbBuses(view) : null;
  const hubs = new Set<string>();
  for (const dev of view.devices) {
    const a = dev.name === 'hub' ? child(dev, 'address') : undefined;
    const port = a && attrValue(a, 'type') === 'usb' ? attrValue(a, 'port') : undefined;
    if (port && /^[0-9]+(\.[0-9]+)*$/.test(port) && /^[0-9]+$/.test(attrValue(a!, 'bus') ?? '')) {
      const path = port.split('.').map(Number);
      while (path.length > 1 && path[path.length - 1] === 0) path.pop();
      hubs.add(`${Number(attrValue(a!, 'bus'))}:${path.join('.')}`);
    }
  }
  const out: Finding[] = [];
  for (const dev of view.devices) {
    const a = child(dev, 'address');
    if (!a || attrValue(a, 'type') !== 'usb') continue;
    const problem = usbAddressProblem(a, buses, hubs);
    // a bus= that is not decimal is the parser's, as it reads the device (the others wait for the addresses)
    if (problem) out.push({ span: a.nameSpan, args: { problem }, ...(problem.startsWith('Invalid value for attribute') ? { stage: 'parse' as const } : {}) });
  }
  if (buses && !out.length) out.push(...usbPortCount(view, buses));
  return out;
}

/** Whether a device takes a guest USB port: a usb disk, input, hub, host device, redirection, sound card, smartcard reader or usb-serial port (a tablet is on usb unless it says otherwise). */
function takesUsbPort(d: XmlElement): boolean {
  switch (d.name) {
    case 'disk': {
      const t = child(d, 'target');
      return !!t && attrValue(t, 'bus') === 'usb';
    }
    case 'input': return (attrValue(d, 'bus') ?? (attrValue(d, 'type') === 'tablet' ? 'usb' : undefined)) === 'usb';
    case 'hub': return attrValue(d, 'type') === 'usb';
    case 'hostdev': return attrValue(d, 'type') === 'usb';
    case 'redirdev': return attrValue(d, 'bus') === 'usb';
    case 'sound': return attrValue(d, 'model') === 'usb';
    case 'controller': return attrValue(d, 'type') === 'ccid';
    case 'serial': {
      const t = child(d, 'target');
      return !!t && attrValue(t, 'type') === 'usb-serial';
    }
    default: return false;
  }
}

/** Ports of a USB hub (QEMU's usb-hub). */
const HUB_PORTS = 8;

/**
 * libvirt 9.0's USB port assignment at define, for documents whose written USB addresses are all
 * top-level ports (a plain port number on an existing controller): libvirt counts the USB devices
 * (hubs too) against the controllers' ports plus 8 per written hub, and adds ceil((devices - ports
 * + 1) / 7) hubs when they do not fit; it reserves the written addresses, then gives every hub
 * without an address a free port, then every other device. A hub without an address finding
 * every port already held, or more devices without an address than the free ports, is refused
 * ("No free USB ports"). One pass over the devices.
 */
function usbPortCount(view: DocView, buses: Map<number, number | null>): Finding[] {
  let controllerPorts = 0;
  for (const n of buses.values()) {
    if (n === null) return [];
    controllerPorts += n;
  }
  let devices = 0;
  let hubs = 0;
  let addressedHubs = 0;
  let unaddressed = 0;
  let firstUnaddressed: XmlElement | undefined;
  let last: XmlElement | undefined;
  const held = new Set<string>();
  for (const d of view.devices) {
    if (!takesUsbPort(d)) continue;
    devices++;
    last = d;
    const hub = d.name === 'hub';
    if (hub) hubs++;
    const a = child(d, 'address');
    if (!a || attrValue(a, 'type') !== 'usb') {
      if (a) return []; // another address type: judged elsewhere
      unaddressed++;
      firstUnaddressed ??= d;
      continue;
    }
    const bus = attrValue(a, 'bus');
    const port = attrValue(a, 'port');
    // a USB address without a port is one libvirt completes: the device waits for a free port like one without an address
    if (port === undefined && bus !== undefined && /^[0-9]+$/.test(bus) && buses.has(Number(bus))) {
      unaddressed++;
      firstUnaddressed ??= d;
      continue;
    }
    if (bus === undefined || port === undefined || !/^[0-9]+$/.test(bus) || !/^[0-9]+$/.test(port)) return [];
    const n = buses.get(Number(bus));
    if (!n || Number(port) < 1 || Number(port) > n) return [];
    held.add(`${Number(bus)}:${Number(port)}`);
    if (hub) addressedHubs++;
  }
  // smartcards without a written ccid controller get one libvirt adds, which takes a USB port like the others
  const smartcard = view.devices.find((d) => d.name === 'smartcard');
  if (smartcard && !view.devices.some((d) => d.name === 'controller' && attrValue(d, 'type') === 'ccid')) {
    devices++;
    unaddressed++;
    firstUnaddressed ??= smartcard;
  }
  if (devices === 0) return [];
  const provided = controllerPorts + HUB_PORTS * hubs;
  const added = devices > provided ? Math.ceil((devices - provided + 1) / (HUB_PORTS - 1)) : 0;
  const toPlace = unaddressed + added;
  if (toPlace === 0) return [];
  const freeFirst = controllerPorts + HUB_PORTS * addressedHubs - held.size;
  const freeAll = controllerPorts + HUB_PORTS * (hubs + added) - held.size;
  if (freeFirst > 0 && toPlace <= freeAll) return [];
  const at = firstUnaddressed ?? last!;
  const where = [...buses].map(([i, n]) => `bus ${i}: ${n}`).join(', ');
  const hubWords = added ? `, and the ${added} hub${added > 1 ? 's' : ''} libvirt adds for them` : '';
  return [{ span: at.nameSpan, args: { problem: `No free USB ports: ${devices} USB devices (hubs included) for ${controllerPorts} controller ports (${where}) and ${HUB_PORTS} per hub; ${held.size} taken by written <address>es leave no port for the ${unaddressed} device${unaddressed === 1 ? '' : 's'} without one${hubWords}. Free a port, or give a hub a port of its own.` } }];
}

/** A decimal count or number as libvirt's parser reads these attributes (base 10), else null. */
function decimal(v: string | undefined): number | null {
  return v !== undefined && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : null;
}

/** libvirt's default number of ports on a virtio-serial controller without ports= (domain_addr.c). */
const VIRTIO_SERIAL_PORTS = 31;

/** The controller a virtio channel or console names (its virtio-serial address, else 0), for the implicit controllers. */
function virtioSerialTarget(d: XmlElement): boolean {
  if (d.name !== 'channel' && d.name !== 'console') return false;
  const t = child(d, 'target');
  return t !== undefined && attrValue(t, 'type') === 'virtio';
}

/**
 * libvirt 9.0's virtio-serial ports (qemuDomainAssignVirtioSerialAddresses, the first step of the
 * address assignment, before any PCI address): each virtio-serial controller has ports= ports (31
 * without one), and libvirt adds one, at the index a virtio channel's or console's address names
 * (else 0), for each such device that lacks it. It first reserves every written port other than 0,
 * device by device in its walk ("virtio serial controller 0 does not have port 1", "... is
 * missing", "virtio serial port 1 on controller 0 is already occupied"); then it gives the virtio
 * consoles and channels without a port one: a console takes the first free port from 0 (the port
 * itself stays free), a channel from 1, on the lowest-indexed controller that has one, else on a
 * controller it adds; one whose address names a controller but no port takes one of that
 * controller's ports 1 and up ("Unable to find a free port on virtio-serial controller 0"; a
 * console looks at controller 0 whatever it names). Stops at the first refusal, as libvirt does.
 */
export function virtioSerialFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const ports = new Map<number, SerialPorts>();
  const make = (size: number): SerialPorts => ({ size, used: new Set(), next: 1 });
  for (const c of controllers(view)) {
    if (attrValue(c, 'type') !== 'virtio-serial') continue;
    const idx = assignedIndex(view, c);
    const n = attrValue(c, 'ports') === undefined ? VIRTIO_SERIAL_PORTS : decimal(attrValue(c, 'ports'));
    if (idx === null || n === null) return [];
    if (!ports.has(idx)) ports.set(idx, make(n));
  }
  const addressOf = (d: XmlElement) => {
    const a = child(d, 'address');
    return a && attrValue(a, 'type') === 'virtio-serial' ? a : undefined;
  };
  const serialDevices = view.devices.filter(virtioSerialTarget);
  for (const d of serialDevices) {
    const a = addressOf(d);
    const idx = a ? decimal(attrValue(a, 'controller')) : 0;
    if (idx === null) return [];
    if (!ports.has(idx)) ports.set(idx, make(VIRTIO_SERIAL_PORTS));
  }
  const fail = (span: Span, problem: string): Finding[] => [{ span, args: { problem } }];
  // the written ports, in libvirt's device walk
  const written = view.devices.filter((d) => addressOf(d) !== undefined).map((d) => ({ d, rank: deviceRank(view.devices, d.span.offset) })).sort((x, y) => x.rank - y.rank);
  for (const { d } of written) {
    const a = addressOf(d)!;
    const port = decimal(attrValue(a, 'port') ?? '0');
    const idx = decimal(attrValue(a, 'controller'));
    if (port === null || idx === null) return [];
    if (port === 0) continue;
    const map = ports.get(idx);
    if (!map) return fail(a.nameSpan, `virtio serial controller ${idx} is missing.`);
    if (port >= map.size) return fail(a.nameSpan, `virtio serial controller ${idx} does not have port ${port}.`);
    if (map.used.has(port)) return fail(a.nameSpan, `virtio serial port ${port} on controller ${idx} is already occupied.`);
    map.used.add(port);
  }
  /** The lowest free port from 1 up, or -1 (a port once taken stays taken: the pointer only moves on). */
  const freePort = (map: SerialPorts) => {
    while (map.next < map.size && map.used.has(map.next)) map.next++;
    return map.next < map.size ? map.next : -1;
  };
  // the consoles, then the channels, without a port; the controllers a channel may still find a
  // port on, lowest index first (a full one stays full; one is added only when all are full)
  let open = [...ports.keys()].sort((x, y) => x - y);
  let cursor = 0;
  let anyPort = [...ports.values()].some((m) => m.size > 0);
  const addController = () => {
    let idx = 0;
    while (ports.has(idx)) idx++;
    ports.set(idx, make(VIRTIO_SERIAL_PORTS));
    anyPort = true;
    open = [idx];
    cursor = 0;
    return ports.get(idx)!;
  };
  const order = [...serialDevices.filter((d) => d.name === 'console'), ...serialDevices.filter((d) => d.name === 'channel')];
  for (const d of order) {
    const a = addressOf(d);
    if (a && decimal(attrValue(a, 'port') ?? '0') !== 0) continue;
    const isConsole = d.name === 'console';
    if (a) {
      // a port on the controller it names (a console: controller 0), from 1 up
      const idx = isConsole ? 0 : decimal(attrValue(a, 'controller')) ?? 0;
      const map = ports.get(idx);
      if (!map) return [];
      const port = freePort(map);
      if (port < 0) return fail(a.nameSpan, `Unable to find a free port on virtio-serial controller ${idx}.`);
      map.used.add(port);
    } else if (isConsole) {
      // port 0 is never taken: any controller with a port holds the console there
      if (!anyPort) addController();
    } else {
      let port = -1;
      while (cursor < open.length && (port = freePort(ports.get(open[cursor]!)!)) < 0) cursor++;
      if (cursor < open.length) ports.get(open[cursor]!)!.used.add(port);
      else addController().used.add(1);
    }
  }
  return [];
}

interface SerialPorts {
  size: number;
  used: Set<number>;
  /** no free port below this one but 0 */
  next: number;
}
