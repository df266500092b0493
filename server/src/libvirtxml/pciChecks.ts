import { attrSpan, parseNumber, pciKey } from './ruleHelpers';
import { diskNameIndex, numaCells } from './domainHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlElement } from './types';
import { addressIgnored, controllerIndexes, controllers, machineFamily } from './controllerChecks';
import type { DocView } from './view';
import { kindRank } from './deviceRank';

/**
 * Checks of domainRules.ts rows about the guest's PCI controllers (<controller type="pci">) and
 * the slots of the buses they add, each in libvirt 9.0's own words (labelled with `virsh define
 * --validate` on the QEMU driver: test/fixtures/libvirtdomain/). Nova writes a q35 guest's
 * controllers without index= (a pcie-root, then one pcie-root-port per num_pcie_ports), so the
 * index libvirt gives each one is worked out first.
 */

/** The root bus model of each x86 machine family: index 0 must be this one. */
const ROOT_MODEL = { i440fx: 'pci-root', q35: 'pcie-root' } as const;
const ROOT_MODELS = new Set(['pci-root', 'pcie-root']);
/** Controllers that plug into PCI Express only: the pc machine (i440fx) has no slot for them. */
const PCIE_ONLY = new Set(['pcie-root-port', 'pcie-switch-upstream-port', 'pcie-switch-downstream-port', 'dmi-to-pci-bridge', 'pcie-to-pci-bridge', 'pcie-expander-bus']);
/** The buses that have one slot (0): a port takes one device. */
const ONE_SLOT = new Set(['pcie-root-port', 'pcie-switch-downstream-port']);
/** The conventional PCI bridges: slots 1 to 31 (slot 0 is the bridge's own). */
const BRIDGES = new Set(['pci-bridge', 'pcie-to-pci-bridge']);

interface PciController { el: XmlElement; index: number | null; model: string | undefined }

/**
 * The PCI controllers with the index libvirt gives each: the written one, else, in document
 * order, the lowest index neither written on another PCI controller nor given before (a
 * pcie-root-port written before an index="0" pcie-root gets 1). Null: an index= that is not a number.
 */
export function pciControllers(view: DocView): readonly PciController[] {
  let all = PCI_CONTROLLERS.get(view);
  if (!all) PCI_CONTROLLERS.set(view, (all = indexedPciControllers(view)));
  return all;
}
/** pciControllers' answer per document view: several checks read it, each once over the devices */
const PCI_CONTROLLERS = new WeakMap<DocView, readonly PciController[]>();

function indexedPciControllers(view: DocView): readonly PciController[] {
  const indexes = controllerIndexes(view);
  return controllers(view)
    .filter((c) => attrValue(c, 'type') === 'pci')
    .map((el) => ({ el, index: indexes.get(el) ?? null, model: attrValue(el, 'model') }));
}

const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * What the checks ask of the whole controller list, worked out once per list (a check per
 * controller or per device would otherwise walk the list again: quadratic in a domain of
 * thousands of controllers).
 */
interface PciFacts {
  /** each controller by its element */
  byEl: Map<XmlElement, PciController>;
  /** the controllers of each index, in document order */
  byIndex: Map<number, PciController[]>;
  /** the highest index written (0: none above the root) */
  maxIndex: number;
  /** the models present */
  models: Set<string | undefined>;
  /** whether an index below the highest one has no PCI controller: libvirt fills each such gap with one of its own (a pcie-root-port on q35) */
  gap: boolean;
  /** per model: whether every controller is at index 0 or of that model */
  allRootOr: Map<string, boolean>;
  /** the lowest index of a dmi-to-pci-bridge or pcie-to-pci-bridge (Infinity: none) */
  lowestBridge: number;
  /** how many pcie-root-ports the document writes */
  rootPorts: number;
  /** each pcie-to-pci-bridge without an <address>: its place among them (index order, then the document's) */
  bridgeOrdinal: Map<XmlElement, number>;
}
const FACTS = new WeakMap<readonly PciController[], PciFacts>();

function factsOf(all: readonly PciController[]): PciFacts {
  let f = FACTS.get(all);
  if (f) return f;
  const byEl = new Map<XmlElement, PciController>();
  const byIndex = new Map<number, PciController[]>();
  const models = new Set<string | undefined>();
  let maxIndex = 0;
  let lowestBridge = Infinity;
  for (const c of all) {
    if (!byEl.has(c.el)) byEl.set(c.el, c);
    models.add(c.model);
    if (c.index === null) continue;
    if ((c.model === 'dmi-to-pci-bridge' || c.model === 'pcie-to-pci-bridge') && c.index < lowestBridge) lowestBridge = c.index;
    const at = byIndex.get(c.index);
    if (at) at.push(c);
    else byIndex.set(c.index, [c]);
    if (c.index > maxIndex) maxIndex = c.index;
  }
  let gap = false;
  for (let i = 1; i < maxIndex && !gap; i++) if (!byIndex.has(i)) gap = true;
  const rootPorts = all.filter((c) => c.model === 'pcie-root-port').length;
  const bridges = all.filter((c) => c.model === 'pcie-to-pci-bridge' && !child(c.el, 'address')).map((c, i) => ({ c, i }))
    .sort((x, y) => (x.c.index ?? Infinity) - (y.c.index ?? Infinity) || x.i - y.i);
  const bridgeOrdinal = new Map<XmlElement, number>(bridges.map((b, k) => [b.c.el, k]));
  const allRootOr = new Map<string, boolean>();
  for (const model of ['pcie-root-port', 'pci-bridge']) allRootOr.set(model, all.every((x) => x.index === 0 || x.model === model));
  f = { byEl, byIndex, maxIndex, models, gap, allRootOr, lowestBridge, rootPorts, bridgeOrdinal };
  FACTS.set(all, f);
  return f;
}
/** the controllers at an index (none: an empty list) */
const atIndex = (all: readonly PciController[], index: number): readonly PciController[] => factsOf(all).byIndex.get(index) ?? [];

/** What libvirt refuses about one PCI controller on this machine, or null. */
function controllerProblem(c: PciController, family: 'q35' | 'i440fx', all: readonly PciController[], taken: ReadonlySet<number> = NO_BUSES): string | null {
  const { el, index, model } = c;
  if (model === undefined) return '<controller type="pci"> needs model= (pci-root or pcie-root at index 0, then pcie-root-port, pci-bridge, ...): libvirt\'s schema requires it.';
  if (index === null) return null;
  if (ROOT_MODELS.has(model) && index !== 0) return `pci-root and pcie-root controllers should have index 0 (this ${model} has index ${index}).`;
  const root = ROOT_MODEL[family];
  // libvirt looks at the first PCI controller of index 0 only (a second one is LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP's, labelled)
  if (index === 0 && model !== root && atIndex(all, 0)[0] === c) {
    const given = attr(el, 'index') ? '' : ' (a PCI controller without index= takes the lowest free one: write the root first, as Nova does)';
    return `The PCI controller with index='0' must be model='${root}' for this machine type, but model='${model}' was found instead${given}.`;
  }
  if (family === 'i440fx' && PCIE_ONLY.has(model)) {
    if (model === 'pcie-expander-bus') return 'pcie-expander-bus controllers are not supported with this machine type (the pc machine, i440fx, has no PCI Express: use q35).';
    const a = child(el, 'address');
    const bus = a && attrValue(a, 'type') === 'pci' ? parseNumber(attrValue(a, 'bus')) : null;
    if (bus === 0) return `The device at PCI address ${pciText(a!)} cannot be plugged into the PCI controller with index='0'. It requires a controller that accepts a ${model}. (The pc machine, i440fx, has no PCI Express: use q35.)`;
    return `a PCI slot is needed to connect a PCI controller model='${model}', but none is available, and it cannot be automatically added (the pc machine, i440fx, has no PCI Express: use q35).`;
  }
  if (family === 'q35' && model === 'pci-expander-bus') return 'pci-expander-bus controllers are only supported on 440fx-based machinetypes (q35 has pcie-expander-bus).';
  // a pcie-to-pci-bridge plugs into a pcie-root-port, never into the root bus, and libvirt adds no port for it
  if (family === 'q35' && model === 'pcie-to-pci-bridge') {
    const a = child(el, 'address');
    const bus = a && attrValue(a, 'type') === 'pci' ? parseNumber(attrValue(a, 'bus')) : null;
    if (bus === 0) return `The device at PCI address ${pciText(a!)} cannot be plugged into the PCI controller with index='0'. It requires a controller that accepts a pcie-to-pci-bridge. (It plugs into a pcie-root-port.)`;
    // each takes a root port of its own (labelled: two bridges beside one port are refused), and
    // a port a written address already puts a device on is not free for it (labelled: libvirt
    // places the controllers after every written address)
    const facts = factsOf(all);
    const free = taken.size ? all.filter((p) => p.model === 'pcie-root-port' && p.index !== null && !taken.has(p.index)).length : facts.rootPorts;
    if (!a && (facts.bridgeOrdinal.get(el) ?? 0) >= free && !facts.gap) {
      const ports = facts.rootPorts ? `only ${facts.rootPorts} for its ${facts.bridgeOrdinal.size}` : 'none';
      const held = free < facts.rootPorts ? `${facts.rootPorts}, and written addresses put devices on ${facts.rootPorts - free} of them` : ports;
      return `Cannot automatically add a new PCI bus for a device with connect flags 2000 (a pcie-to-pci-bridge plugs into a pcie-root-port of its own, and the domain has ${held}).`;
    }
  }
  // a switch's downstream port plugs into its upstream port only, and libvirt adds no switch for it
  if (family === 'q35' && model === 'pcie-switch-downstream-port' && !child(el, 'address') && !factsOf(all).models.has('pcie-switch-upstream-port')) {
    return "a PCI slot is needed to connect a PCI controller model='pcie-switch-downstream-port', but none is available, and it cannot be automatically added (a downstream port plugs into a pcie-switch-upstream-port, and the domain has none).";
  }
  // a conventional PCI bridge on q35 needs a PCIe-to-PCI bridge of a lower index to plug into, which libvirt does not add for it
  if (family === 'q35' && model === 'pci-bridge' && !child(el, 'address') && !(factsOf(all).lowestBridge < index)) {
    return `PCI controller at index ${index} (${hex2(index)}) has bus='${hex2(index)}', but index must be larger than bus (on q35 a pci-bridge needs a pcie-to-pci-bridge or dmi-to-pci-bridge of a lower index, or a written <address>, to plug into).`;
  }
  return null;
}


/** dddd:bb:ss.f of a PCI address whose parts are numbers. */
function pciText(a: XmlElement): string {
  const [dom, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map((n) => parseNumber(attrValue(a, n)) ?? 0);
  return `${dom.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}:${slot.toString(16).padStart(2, '0')}.${fn.toString(16)}`;
}

/** The PCI controllers against the machine: the root at index 0, PCI Express controllers only on q35, pci-expander-bus only on pc. */
/** The units of one controller by which libvirt derives a disk's drive address from its target name (sata 6, scsi 7). */
const UNITS_PER_CONTROLLER: Readonly<Record<string, number>> = { sata: 6, scsi: 7 };
/**
 * How many controllers of one bus a target name may imply before bdm-lab says libvirt runs out of
 * PCI slots for the ones it adds: libvirt 9.0 refused from 209 SATA controllers on pc, 452 on q35
 * and 422 SCSI ones on q35 (labelled; the exact count depends on the other devices), so the bound
 * stays well above every such count.
 */
const IMPLIED_CONTROLLERS_BOUND = 1000;

/**
 * A sata or scsi disk without an <address> whose target name implies a controller index in the
 * thousands (sdaaaa: the 18279th name, SATA controller 3046): libvirt adds every controller up to
 * it and finds no PCI slot for the bridges they need (address assignment: "a PCI slot is needed
 * to connect a PCI controller model='pci-bridge', but none is available, and it cannot be
 * automatically added"). The first such disk only.
 */
function impliedControllerFinding(view: DocView): Finding | null {
  for (const d of view.disks) {
    const units = d.bus ? UNITS_PER_CONTROLLER[d.bus] : undefined;
    const index = units && d.dev !== undefined && !child(d.el, 'address') ? diskNameIndex(d.dev) : null;
    if (!units || index === null || Math.floor(index / units) < IMPLIED_CONTROLLERS_BOUND) continue;
    const at = d.target && attr(d.target, 'dev');
    if (!at) continue;
    const controller = Math.floor(index / units);
    return { span: attrSpan(at), stage: 'address', args: { problem: `a PCI slot is needed to connect a PCI controller model='pci-bridge', but none is available, and it cannot be automatically added (target '${d.dev}' puts the disk on ${d.bus} controller ${controller > 1e9 ? 'number ' + String(controller).slice(0, 12) + '...' : controller}: libvirt adds every controller up to it and runs out of PCI slots).` } };
  }
  return null;
}

/**
 * The numbers of a PCI controller's <target> the schema takes (0 to 255) and libvirt's device
 * validation does not: a chassisNr of 0 (it counts from 1), a busNr of 0 or 255 (1 to 254). Said
 * as the controller is validated, in the device walk (labelled: after an earlier controller's
 * iothread, before a later one's; after the domain's own checks, such as a pit tickpolicy).
 */
function targetRangeFinding(el: XmlElement): Finding | null {
  const target = child(el, 'target');
  if (!target) return null;
  for (const [name, lo, hi] of [['chassisNr', 1, 255], ['busNr', 1, 254]] as const) {
    const a = attr(target, name);
    const n = a ? parseNumber(a.value) : null;
    if (!a || n === null || n > 255 || (n >= lo && n <= hi)) continue;
    return { span: attrSpan(a), args: { problem: `PCI controller ${name} '${n}' out of range - must be ${lo}-${hi}.` }, stage: 'validate-device' };
  }
  return null;
}

/** The QEMU device each PCI controller model is when no <model name> is written (libvirt's modelName; the roots have none). */
const DEFAULT_MODEL_NAME: Readonly<Record<string, string>> = {
  'pci-root': 'none', 'pcie-root': 'none', 'pci-bridge': 'pci-bridge', 'dmi-to-pci-bridge': 'i82801b11-bridge',
  'pcie-root-port': 'pcie-root-port', 'pcie-switch-upstream-port': 'x3130-upstream', 'pcie-switch-downstream-port': 'xio3130-downstream',
  'pci-expander-bus': 'pxb', 'pcie-expander-bus': 'pxb-pcie', 'pcie-to-pci-bridge': 'pcie-pci-bridge',
};
/** The <target> attributes of a PCI controller, in the order libvirt's QEMU driver checks them, with libvirt's name for each and the models that take it. */
const TARGET_OPTIONS: ReadonlyArray<readonly [string, string, ReadonlySet<string>]> = [
  ['index', 'targetIndex', new Set<string>()],
  ['busNr', 'busNr', new Set(['pci-expander-bus', 'pcie-expander-bus'])],
  ['chassisNr', 'chassisNr', new Set(['pci-bridge'])],
  ['chassis', 'chassis', new Set(['pcie-root-port', 'pcie-switch-downstream-port'])],
  ['port', 'port', new Set(['pcie-root-port', 'pcie-switch-downstream-port'])],
];

/**
 * A <target> attribute the PCI controller's model does not take: busNr is an expander bus's,
 * chassisNr a pci-bridge's, chassis and port a root or downstream port's, and the target index
 * (pSeries' PHBs) none of these x86 models'. The QEMU driver refuses the first in its order as the
 * controller is validated (labelled: a pci-bridge written with a root port's chassis= and port=).
 */
function targetOptionFinding(c: PciController): Finding | null {
  const target = child(c.el, 'target');
  if (!target || c.model === undefined || c.index === null) return null;
  for (const [name, said, models] of TARGET_OPTIONS) {
    const a = attr(target, name);
    if (!a || models.has(c.model)) continue;
    const modelName = attrValue(child(c.el, 'model') ?? c.el, 'name') ?? DEFAULT_MODEL_NAME[c.model] ?? c.model;
    return { span: attrSpan(a), args: { problem: `Option '${said}' is not valid for PCI controller with index '${c.index}', model '${c.model}' and modelName '${modelName}'.` }, stage: 'validate-device' };
  }
  return null;
}

/** The PCI buses the devices' written addresses (domain 0) put a device on. */
function writtenBuses(view: DocView): ReadonlySet<number> {
  const out = new Set<number>();
  for (const d of view.devices) {
    const at = writtenPci(d);
    if (at) out.add(at.bus);
  }
  return out;
}
const NO_BUSES: ReadonlySet<number> = new Set();

export function pciControllerFindings(view: DocView): Finding[] {
  const family = machineFamily(view);
  if (family === 'other') return [];
  const all = pciControllers(view);
  const taken = family === 'q35' && all.some((c) => c.model === 'pcie-to-pci-bridge') ? writtenBuses(view) : NO_BUSES;
  const out: Finding[] = [];
  const implied = impliedControllerFinding(view);
  if (implied) out.push(implied);
  for (const c of all) {
    if (c.model !== undefined && !KNOWN_MODELS.has(c.model)) continue; // LIBVIRT-DOMAIN-CONTROLLER-MODEL
    const range = targetRangeFinding(c.el);
    if (range) out.push(range);
    const option = range ? null : targetOptionFinding(c);
    if (option) out.push(option);
    const problem = controllerProblem(c, family, all, taken);
    if (!problem) continue;
    const at = c.model === undefined ? undefined : attr(c.el, 'model');
    // the root's model is the QEMU driver's domain post-parse (it adds the root), before any address
    const rootModel = c.index === 0 && c.model !== undefined && c.model !== ROOT_MODEL[family];
    // a root at another index is the controller's own post-parse (labelled: after every device's
    // parse and after the index-0 controller's model, before the controllers' duplicates)
    const rootIndex = problem.startsWith('pci-root and pcie-root controllers should have index 0');
    out.push({ span: at ? attrSpan(at) : c.el.nameSpan, args: { problem }, ...(rootModel ? { stage: 'postparse-domain' as const } : rootIndex ? { stage: 'postparse-device' as const } : {}) });
  }
  return out;
}

const KNOWN_MODELS = new Set(['pci-root', 'pcie-root', 'pci-bridge', 'dmi-to-pci-bridge', 'pcie-root-port', 'pcie-switch-upstream-port', 'pcie-switch-downstream-port', 'pci-expander-bus', 'pcie-expander-bus', 'pcie-to-pci-bridge']);

/**
 * The model of the bus a device's address names: the PCI controller with that index, or, for a
 * bus no controller has, the one libvirt adds for it (q35: pcie-root-port, pc: pci-bridge) when
 * a controller of a higher index is written or every other added bus is of that model. Undefined: not known.
 */
function busModel(bus: number, family: 'q35' | 'i440fx', all: readonly PciController[]): string | undefined {
  const c = atIndex(all, bus)[0];
  if (c) return c.model;
  const added = family === 'q35' ? 'pcie-root-port' : 'pci-bridge';
  // a gap below a written controller's index gets the machine's default whatever the others are (labelled)
  if (factsOf(all).maxIndex > bus) return added;
  return factsOf(all).allRootOr.get(added) ? added : undefined;
}

/** The q35 controllers whose buses take a pci-bridge (so libvirt grows a conventional PCI topology with pci-bridges only). */
const TAKES_PCI_BRIDGE = new Set(['dmi-to-pci-bridge', 'pcie-to-pci-bridge', 'pci-bridge']);
/** The q35 controllers the bus growth below is modelled for. */
const GROWN_FROM = new Set(['pcie-root', 'pcie-root-port', 'dmi-to-pci-bridge', 'pcie-to-pci-bridge', 'pci-bridge']);
/** A bus libvirt adds as a pcie-root-port for the pcie-to-pci-bridge alone: what a device written onto it gets is not modelled. */
const BRIDGE_PORT = 'pcie-root-port (for a pcie-to-pci-bridge)';

/**
 * The buses libvirt adds on q35 above the highest PCI controller index, as it reserves the written
 * PCI addresses device by device in its walk order (deviceRank.ts): the first device that names a
 * bus past the last one adds every bus up to it, of the model that device needs. A PCI Express
 * device gets pcie-root-ports; a conventional PCI one pci-bridges, or, when no bus yet takes a
 * pci-bridge (a pure PCI Express guest), a pcie-root-port, a pcie-to-pci-bridge in it and
 * pci-bridges above, and when that device named the very next bus its address is moved onto the
 * pcie-to-pci-bridge, one bus up (its slots 1 to 31; libvirt's words still name the written
 * address). Labelled with virsh define --validate, libvirt 9.0 (an e1000 at 0000:02:01.0 is
 * accepted, at 0000:02:00.0 refused with "slot must be >= 1"). `own`: the model a moved device is
 * judged on. Null where the walk meets what this does not model (a PCI controller written past the
 * last bus, a device whose connection is not known, a controller model outside GROWN_FROM).
 */
function grownBuses(view: DocView, all: readonly PciController[]): { models: Map<number, string>; own: Map<XmlElement, string> } | null {
  if (!all.every((c) => c.index !== null && GROWN_FROM.has(c.model ?? ''))) return null;
  let nbuses = factsOf(all).maxIndex + 1;
  let takesBridge = all.some((c) => TAKES_PCI_BRIDGE.has(c.model ?? ''));
  const models = new Map<number, string>();
  const own = new Map<XmlElement, string>();
  const order = view.devices.map((d, i) => ({ d, i, k: kindRank(d.name) })).sort((x, y) => x.k - y.k || x.i - y.i);
  for (const { d } of order) {
    const a = child(d, 'address');
    if (!a || attrValue(a, 'type') !== 'pci' || addressIgnored(d)) continue;
    const [dom, bus] = ['domain', 'bus'].map((n) => parseNumber(attrValue(a, n)));
    if (dom !== 0 || bus === null || bus < nbuses || bus > 0xff) continue;
    const kind = d.name === 'controller' && attrValue(d, 'type') === 'pci' ? null : endpointKind(d);
    if (!kind) return null;
    let top = bus;
    if (kind === 'PCI Express device') {
      for (let b = nbuses; b <= top; b++) models.set(b, 'pcie-root-port');
    } else if (takesBridge) {
      for (let b = nbuses; b <= top; b++) models.set(b, 'pci-bridge');
    } else {
      if (top === nbuses) {
        top++;
        own.set(d, 'pcie-to-pci-bridge');
      }
      models.set(nbuses, BRIDGE_PORT);
      models.set(nbuses + 1, 'pcie-to-pci-bridge');
      for (let b = nbuses + 2; b <= top; b++) models.set(b, 'pci-bridge');
      takesBridge = true;
    }
    nbuses = top + 1;
  }
  return { models, own };
}

/**
 * A device's PCI slot against the bus it names: a PCI Express port has slot 0 only, a PCI bridge
 * slots 1 to 31. A PCI controller is judged the same way once the bus it names takes its model
 * (else LIBVIRT-DOMAIN-PCI-PLACEMENT speaks, and libvirt says that first).
 */
export function pciSlotFindings(view: DocView): Finding[] {
  const family = machineFamily(view);
  if (family === 'other') return [];
  const all = pciControllers(view);
  if (all.some((c) => c.index === null)) return [];
  const out: Finding[] = [];
  const grown = family === 'q35' ? grownBuses(view, all) : null;
  for (const dev of view.devices) {
    if (dev.name === 'controller' && attrValue(dev, 'type') === 'pci') {
      const found = controllerSlotFinding(dev, family, all);
      if (found) out.push(found);
      continue;
    }
    const a = child(dev, 'address');
    if (!a || attrValue(a, 'type') !== 'pci' || addressIgnored(dev)) continue;
    const [dom, bus, slot] = ['domain', 'bus', 'slot'].map((n) => parseNumber(attrValue(a, n)));
    // another PCI domain is LIBVIRT-DOMAIN-PCI-DOMAIN's, and libvirt says that first
    if (dom !== 0 || bus === null || slot === null || bus === 0 || parseNumber(attrValue(a, 'function')) === null) continue;
    const model = grown ? grown.own.get(dev) ?? grown.models.get(bus) ?? busModel(bus, family, all) : busModel(bus, family, all);
    if (!model) continue;
    const span = attrSpan(attr(a, 'slot') ?? attr(a, 'bus')!);
    // the port libvirt added for its pcie-to-pci-bridge takes nothing else (labelled: a virtio NIC written there)
    if (model === BRIDGE_PORT) {
      const kind = endpointKind(dev);
      if (kind) out.push({ span, args: { problem: `The device at PCI address ${pciText(a)} cannot be plugged into the PCI controller with index='${bus}'. It requires a controller that accepts a ${kind}. (libvirt added bus ${hex2(bus)} as a pcie-root-port for the pcie-to-pci-bridge a conventional PCI device needed, and it takes only that bridge.)` } });
      continue;
    }
    if (ONE_SLOT.has(model) && slot > 0) out.push({ span, args: { problem: `Invalid PCI address ${pciText(a)}. slot must be <= 0 (bus ${hex2(bus)} is a ${model}, which has one slot, 0; give each device a port of its own).` } });
    else if (BRIDGES.has(model) && slot === 0) out.push({ span, args: { problem: `Invalid PCI address ${pciText(a)}. slot must be >= 1 (bus ${hex2(bus)} is a ${model}, whose slots are 1 to 31).` } });
  }
  return out;
}

/**
 * The slot of a PCI controller written onto the bus of another one: only when both controllers
 * are ones the machine takes, exactly one controller has the bus's index, that bus takes the
 * model (a pci-bridge goes wherever a PCI device goes) and the index is above the bus. Buses
 * libvirt adds itself are left alone here.
 */
function controllerSlotFinding(el: XmlElement, family: 'q35' | 'i440fx', all: readonly PciController[]): Finding | null {
  const c = factsOf(all).byEl.get(el);
  if (!c || c.model === undefined || c.index === null || ROOT_MODELS.has(c.model) || !KNOWN_MODELS.has(c.model)) return null;
  const at = writtenPci(el);
  if (!at || at.bus === 0 || at.bus >= c.index || controllerProblem(c, family, all) !== null) return null;
  const on = atIndex(all, at.bus);
  if (on.length !== 1 || on[0].model === undefined || controllerProblem(on[0], family, all) !== null) return null;
  const model = on[0].model;
  const takes = BUS_TAKES[model];
  if (!takes || !(takes.includes(c.model) || (c.model === 'pci-bridge' && takes.includes('endpoint')))) return null;
  const slot = parseNumber(attrValue(at.a, 'slot'))!;
  const span = attrSpan(attr(at.a, 'slot') ?? attr(at.a, 'bus')!);
  if (ONE_SLOT.has(model) && slot > 0) return { span, args: { problem: `Invalid PCI address ${at.text}. slot must be <= 0 (bus ${hex2(at.bus)} is a ${model}, which has one slot, 0, for one ${c.model}).` } };
  if (BRIDGES.has(model) && slot === 0) return { span, args: { problem: `Invalid PCI address ${at.text}. slot must be >= 1 (bus ${hex2(at.bus)} is a ${model}, whose slot 0 is its own: put the ${c.model} on slot 1 to 31).` } };
  return null;
}

/**
 * What the bus of each PCI controller model takes (libvirt's connect types): an endpoint device
 * (PCI or PCI Express alike when the address is written), a pci-bridge, or a controller of the
 * named model. Root ports and switch ports take one device; an expander bus on pcie-root takes
 * only root ports and DMI-to-PCI bridges.
 */
const BUS_TAKES: Readonly<Record<string, readonly string[]>> = {
  'pci-root': ['endpoint', 'pci-bridge', 'pci-expander-bus'],
  'pci-bridge': ['endpoint', 'pci-bridge'],
  'pci-expander-bus': ['endpoint', 'pci-bridge'],
  'pcie-root': ['endpoint', 'pcie-root-port', 'dmi-to-pci-bridge', 'pcie-expander-bus'],
  'dmi-to-pci-bridge': ['endpoint', 'pci-bridge'],
  'pcie-to-pci-bridge': ['endpoint', 'pci-bridge'],
  'pcie-root-port': ['endpoint', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'],
  'pcie-switch-downstream-port': ['endpoint', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'],
  'pcie-switch-upstream-port': ['pcie-switch-downstream-port'],
  'pcie-expander-bus': ['pcie-root-port', 'dmi-to-pci-bridge'],
};

/** An <address type="pci"> whose domain, bus and slot are all 0: libvirt takes it for none and places the device itself. */
function emptyPci(a: XmlElement): boolean {
  return attrValue(a, 'type') === 'pci' && ['domain', 'bus', 'slot'].every((n) => parseNumber(attrValue(a, n)) === 0);
}

/** A written guest PCI address in PCI domain 0 (each number defaults to 0), or null: none, another domain, not numbers, or empty. */
function writtenPci(el: XmlElement): { a: XmlElement; bus: number; text: string } | null {
  const a = child(el, 'address');
  if (!a || attrValue(a, 'type') !== 'pci' || emptyPci(a)) return null;
  const [dom, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map((n) => parseNumber(attrValue(a, n)));
  if (dom !== 0 || bus === null || slot === null || fn === null) return null;
  return { a, bus, text: pciText(a) };
}

/**
 * A PCI controller whose written <address> puts it on a bus that does not take its model: a
 * pci-expander-bus only on pci-root, a pcie-expander-bus, pcie-root-port or dmi-to-pci-bridge
 * only on pcie-root (a root port or DMI bridge also on a pcie-expander-bus), a switch's upstream
 * port or a pcie-to-pci-bridge on a root or downstream port, a downstream port on an upstream
 * port; a pci-bridge wherever an endpoint goes. What LIBVIRT-DOMAIN-PCI-CONTROLLER says about
 * the machine is left to it.
 */
export function pciPlacementFindings(view: DocView): Finding[] {
  const family = machineFamily(view);
  if (family === 'other') return [];
  const all = pciControllers(view);
  const out: Finding[] = [];
  for (const c of all) {
    if (c.model === undefined || c.index === null || ROOT_MODELS.has(c.model) || !KNOWN_MODELS.has(c.model)) continue;
    const at = writtenPci(c.el);
    if (!at || controllerProblem(c, family, all) !== null) continue;
    const busModel = at.bus === 0 ? ROOT_MODEL[family] : atIndex(all, at.bus)[0]?.model;
    const takes = busModel === undefined ? undefined : BUS_TAKES[busModel];
    if (!takes) continue;
    const bridge = c.model === 'pci-bridge';
    if (takes.includes(c.model) || (bridge && takes.includes('endpoint'))) continue;
    // a pci-bridge written in place may go wherever a standard PCI device goes, and is named so
    const wants = bridge ? 'standard PCI device' : c.model;
    out.push({ span: at.a.nameSpan, args: { problem: `The device at PCI address ${at.text} cannot be plugged into the PCI controller with index='${at.bus}'. It requires a controller that accepts a ${wants}.` } });
  }
  return out;
}

/** The buses that take no endpoint device at all, even at a written address: a pcie-expander-bus takes root ports and DMI-to-PCI bridges, a switch's upstream port its downstream ports. */
const NO_ENDPOINTS = new Set(['pcie-expander-bus', 'pcie-switch-upstream-port']);

/** The NIC models libvirt 9.0 knows by name (its enum); any other is kept as a string. */
const KNOWN_NIC_MODELS = new Set(['netfront', 'rtl8139', 'virtio', 'e1000', 'e1000e', 'virtio-transitional', 'virtio-non-transitional', 'usb-net', 'spapr-vlan', 'lan9118', 'scm91c111', 'vlance', 'vmxnet', 'vmxnet2', 'vmxnet3', 'am79c970a', 'am79c973', '82540em', '82545em', '82543gc']);

/** Models libvirt's QEMU driver connects as conventional PCI even on q35 (virtio's transitional forms). */
const TRANSITIONAL = 'virtio-transitional';

/**
 * How libvirt 9.0's QEMU driver connects an ordinary device on q35 (qemuDomainDeviceCalculatePCIConnectFlags):
 * 'PCI Express device' or 'standard PCI device', or null for a device this check leaves alone
 * (not a PCI device, its address ignored, or a kind whose flags were not checked). Virtio models
 * other than the transitional ones (disks, NICs, 9p and virtiofs filesystems, vsock, virtio-mem
 * and virtio-pmem memory, ...), e1000e, qemu-xhci/nec-xhci, bochs video and assigned PCI devices
 * are PCI Express there; the rest are conventional PCI. A device with no PCI connection at all
 * (usb-net, a USB or SCSI host device) that has a PCI address written anyway counts as a standard
 * PCI device.
 */
function endpointKind(dev: XmlElement): 'PCI Express device' | 'standard PCI device' | null {
  const model = attrValue(dev, 'model');
  const virtio = (m: string | undefined) => (m === TRANSITIONAL ? 'standard PCI device' : 'PCI Express device');
  switch (dev.name) {
    case 'disk': {
      const target = child(dev, 'target');
      return target && attrValue(target, 'bus') === 'virtio' ? virtio(model) : null;
    }
    case 'interface': {
      if (attrValue(dev, 'type') === 'hostdev') return 'PCI Express device';
      const m = child(dev, 'model');
      const type = m ? attrValue(m, 'type') : undefined;
      // usb-net has no PCI connection: libvirt takes a written PCI address for a standard PCI device's
      if (type === 'usb-net') return 'standard PCI device';
      if (type === 'virtio' || type === 'virtio-non-transitional' || type === 'e1000e') return 'PCI Express device';
      // a model libvirt 9.0 does not know (ne2k_pci, bogus) is kept as written and connected as PCI Express (labelled); its own conventional ones and none written (rtl8139) are PCI
      return type !== undefined && !KNOWN_NIC_MODELS.has(type.toLowerCase()) ? 'PCI Express device' : 'standard PCI device';
    }
    case 'controller': {
      const type = attrValue(dev, 'type');
      if (type === 'usb') return model === 'none' ? null : model === 'qemu-xhci' || model === 'nec-xhci' ? 'PCI Express device' : 'standard PCI device';
      if (type === 'scsi') return model === 'ncr53c90' ? null : model === 'virtio-scsi' || model === 'virtio-non-transitional' ? 'PCI Express device' : 'standard PCI device';
      if (type === 'virtio-serial') return virtio(model);
      return type === 'ide' || type === 'sata' ? 'standard PCI device' : null;
    }
    case 'hostdev': {
      if (attrValue(dev, 'mode') === 'capabilities') return null;
      const type = attrValue(dev, 'type');
      if (type === 'pci' || type === 'mdev') return 'PCI Express device';
      if (type === 'scsi_host') return virtio(model);
      // USB and SCSI host devices have no PCI connection: a written PCI address counts as a standard PCI device's
      return type === 'usb' || type === 'scsi' ? 'standard PCI device' : null;
    }
    case 'video': {
      const m = child(dev, 'model');
      const type = m ? attrValue(m, 'type') : undefined;
      if (type === 'virtio' || type === 'bochs') return 'PCI Express device';
      // no model: the QEMU driver gives an x86 guest cirrus or vga, both conventional PCI
      return type === undefined || type === 'vga' || type === 'cirrus' || type === 'vmvga' || type === 'qxl' ? 'standard PCI device' : null;
    }
    case 'sound':
      return model === 'es1370' || model === 'ac97' || model === 'ich6' || model === 'ich9' ? 'standard PCI device' : null;
    case 'memballoon':
    case 'rng':
      return model === 'virtio' || model === 'virtio-non-transitional' || model === TRANSITIONAL ? virtio(model) : null;
    case 'watchdog':
      return model === 'i6300esb' ? 'standard PCI device' : null;
    case 'input':
      return attrValue(dev, 'bus') === 'virtio' ? virtio(model) : null;
    case 'shmem':
      return 'standard PCI device';
    case 'vsock':
      // no model: the QEMU driver makes it virtio
      return model === undefined || model === 'virtio' || model === 'virtio-non-transitional' || model === TRANSITIONAL ? virtio(model) : null;
    case 'memory':
      return model === 'virtio-mem' || model === 'virtio-pmem' ? 'PCI Express device' : null;
    case 'serial': {
      const target = child(dev, 'target');
      return target && attrValue(target, 'type') === 'pci-serial' ? 'standard PCI device' : null;
    }
    case 'filesystem': {
      const driver = child(dev, 'driver');
      const fsDriver = driver ? attrValue(driver, 'type') : undefined;
      if (fsDriver === 'virtiofs') return 'PCI Express device';
      // 9p (virtio-9p-pci): the default, path and handle drivers
      if (fsDriver !== undefined && fsDriver !== 'path' && fsDriver !== 'handle') return null;
      return model === undefined || model === 'virtio' || model === 'virtio-non-transitional' || model === TRANSITIONAL ? virtio(model) : null;
    }
    default:
      return null;
  }
}

/**
 * An ordinary device (a disk, interface, controller that is not a PCI one, host device, video,
 * sound card, balloon, RNG, watchdog, virtio input, shmem, vsock, virtio memory, PCI serial port,
 * filesystem) whose written PCI address names a bus
 * that takes no endpoint: a pcie-expander-bus or a pcie-switch-upstream-port. Every other bus
 * takes a written endpoint, PCI or PCI Express alike. Left alone: an address of domain, bus and
 * slot 0 (none), another PCI domain (LIBVIRT-DOMAIN-PCI-DOMAIN), a bus whose controller the
 * machine refuses (LIBVIRT-DOMAIN-PCI-CONTROLLER) or that two controllers claim.
 */
export function pciEndpointBusFindings(view: DocView): Finding[] {
  const family = machineFamily(view);
  if (family !== 'q35') return [];
  const all = pciControllers(view);
  if (all.some((c) => c.index === null)) return [];
  const out: Finding[] = [];
  for (const dev of view.devices) {
    if (dev.name === 'controller' && attrValue(dev, 'type') === 'pci') continue;
    const at = writtenPci(dev);
    if (!at || at.bus === 0 || addressIgnored(dev)) continue;
    const on = atIndex(all, at.bus);
    if (on.length !== 1 || on[0].model === undefined || !NO_ENDPOINTS.has(on[0].model) || controllerProblem(on[0], family, all) !== null) continue;
    const kind = endpointKind(dev);
    if (!kind) continue;
    out.push({ span: attrSpan(attr(at.a, 'bus')!), args: { problem: `The device at PCI address ${at.text} cannot be plugged into the PCI controller with index='${at.bus}'. It requires a controller that accepts a ${kind}. (Bus ${hex2(at.bus)} is a ${on[0].model}, which takes ${on[0].model === 'pcie-expander-bus' ? 'pcie-root-ports and dmi-to-pci-bridges' : 'pcie-switch-downstream-ports'} only: put the device on a port behind it.)` } });
  }
  return out;
}

/** A virtio <iommu> is part of the root complex: a PCI address of its own must be on bus 0. */
export function pciIntegratedFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'iommu' || attrValue(d, 'model') !== 'virtio') continue;
    const at = writtenPci(d);
    if (at && at.bus !== 0) out.push({ span: attrSpan(attr(at.a, 'bus')!), args: { problem: `The device at PCI address ${at.text} needs to be an integrated device (bus=0).` } });
  }
  return out;
}

/** Slots of q35's pcie-root that root ports may share (1 to 0x1e: 0x1f holds the LPC, SATA and SMBus functions), eight functions each. */
const Q35_PORT_SLOTS = 0x1e;

/**
 * More pcie-root-ports without an <address> than q35's root bus has functions for: libvirt puts
 * them eight to a slot on slots 1 to 0x1e of pcie-root (never on an expander bus, which takes no
 * device libvirt places) and cannot add a slot. A slot written addresses hold only other devices
 * in is closed to them (its functions do not aggregate); one holding a written root port keeps
 * its other functions. An upper bound: the devices libvirt places itself on the root bus before
 * the ports (a primary video, an ICH9 sound card or USB controller) are not counted.
 */
export function pciRootPortCountFindings(view: DocView): Finding[] {
  if (machineFamily(view) !== 'q35') return [];
  const isPort = (d: XmlElement) => d.name === 'controller' && attrValue(d, 'type') === 'pci' && attrValue(d, 'model') === 'pcie-root-port';
  const placed = view.devices.filter((d) => {
    const a = child(d, 'address');
    return isPort(d) && (!a || emptyPci(a));
  });
  const slots = new Map<number, { held: Set<number>; port: boolean }>();
  for (const d of view.devices) {
    const a = child(d, 'address');
    const key = a && pciKey(a);
    if (!key || addressIgnored(d)) continue;
    const [dom, bus, slot, fn] = key.split(/[:.]/).map((x) => parseInt(x, 16));
    if (dom !== 0 || bus !== 0 || slot < 1 || slot > Q35_PORT_SLOTS) continue;
    const s = slots.get(slot) ?? { held: new Set<number>(), port: false };
    s.held.add(fn);
    s.port ||= isPort(d);
    slots.set(slot, s);
  }
  let room = Q35_PORT_SLOTS * 8;
  for (const s of slots.values()) room -= s.port ? s.held.size : 8;
  if (placed.length <= room) return [];
  const at = placed[Math.max(room, 0)];
  return [{ span: attrSpan(attr(at, 'model')!), args: { problem: `a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available, and it cannot be automatically added (q35's root bus has room for ${room} root ports without an <address>; this domain has ${placed.length}).` } }];
}

/** A PCI controller's <target><node>: a guest NUMA cell the domain has (cells count from 0). */
export function pciNumaNodeFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const cells = numaCells(view).length;
  const out: Finding[] = [];
  for (const c of pciControllers(view)) {
    const target = child(c.el, 'target');
    const node = target && child(target, 'node');
    if (!node || c.index === null || c.model === undefined || !/^\s*\d+\s*$/.test(node.text)) continue;
    const n = Number(node.text);
    if (n >= cells) out.push({ span: node.nameSpan, args: { problem: `${c.model} with index ${c.index} is configured for a NUMA node (${n}) not present in the domain's <cpu><numa> array (${cells}).` } });
  }
  return out;
}
