import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { findingAt as on } from './ruleHelpers';
import { machineFamily } from './controllerChecks';
import { parseBitmap, vcpuCount } from './domainHelpers';

/**
 * Checks of the machine and platform around the devices, in libvirt 9.0's words (each labelled
 * with `virsh define --validate` on the QEMU driver, test/fixtures/libvirtdomain/): firmware,
 * loader and NVRAM, SMM TSEG, USB controllers, the IOMMU, SMBIOS sysinfo, graphics listens and
 * OpenGL displays, the CPU cache and physical address bits, and cache/memory tuning. Each check
 * makes one pass over the devices (or none).
 */

function features(view: DocView): XmlElement | undefined {
  return view.kind === 'domain' ? child(view.root, 'features') : undefined;
}

/** <features><acpi/>: present means on (libvirt reads no state for it). */
function hasAcpi(view: DocView): boolean {
  const f = features(view);
  return f !== undefined && child(f, 'acpi') !== undefined;
}

function osType(view: DocView): XmlElement | undefined {
  return view.os && child(view.os, 'type');
}

const ARM = new Set(['armv6l', 'armv7l', 'aarch64']);

/** The guest architecture when it is known from the document: written, or x86 when the machine is an x86 one (libvirt's default here). */
function knownArch(view: DocView): string | undefined {
  const type = osType(view);
  const arch = type ? attrValue(type, 'arch') : undefined;
  if (arch !== undefined) return arch;
  return machineFamily(view) === 'other' ? undefined : 'x86_64';
}

const isX86 = (arch: string | undefined) => arch === 'x86_64' || arch === 'i686';

function isArmVirt(view: DocView): boolean {
  const type = osType(view);
  const machine = type ? attrValue(type, 'machine') : undefined;
  return ARM.has(knownArch(view) ?? '') && machine !== undefined && (machine === 'virt' || machine.startsWith('virt-'));
}

// ---- firmware, loader, NVRAM and SMM ----

/** Bytes per unit of libvirt's scaled sizes (virScaleInteger), lower-cased. */
export const SCALE: Readonly<Record<string, bigint>> = {
  b: 1n, byte: 1n, bytes: 1n,
  k: 1024n, kib: 1024n, kb: 1000n,
  m: 1024n ** 2n, mib: 1024n ** 2n, mb: 1000n ** 2n,
  g: 1024n ** 3n, gib: 1024n ** 3n, gb: 1000n ** 3n,
  t: 1024n ** 4n, tib: 1024n ** 4n, tb: 1000n ** 4n,
};

/** <features><smm><tseg>: only q35 has an extended TSEG, and its size is whole MiB (qemuDomainDefTsegPostParse). */
function tsegFinding(view: DocView): Finding | null {
  const f = features(view);
  const smm = f && child(f, 'smm');
  if (!smm || attrValue(smm, 'state') === 'off') return null;
  const tseg = child(smm, 'tseg');
  if (!tseg || tseg.text.trim() === '') return null;
  if (machineFamily(view) !== 'q35') return on(tseg, 'SMM TSEG is only supported with q35 machine type.');
  const scale = SCALE[(attrValue(tseg, 'unit') ?? 'MiB').toLowerCase()];
  if (!scale || !/^\d+$/.test(tseg.text.trim())) return null;
  return (BigInt(tseg.text.trim()) * scale) % (1024n * 1024n) === 0n ? null : on(tseg, 'SMM TSEG size must be divisible by 1 MiB.');
}

/** <os><firmware><feature name=... enabled=...>: the enabled value per name. */
function firmwareFeatures(os: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const fw = child(os, 'firmware');
  for (const f of fw ? childrenNamed(fw, 'feature') : []) {
    const name = attrValue(f, 'name');
    const enabled = attrValue(f, 'enabled');
    if (name !== undefined && enabled !== undefined) out.set(name, enabled);
  }
  return out;
}

/** Whether <os><nvram> gives an NVRAM store: a type= (with its <source>), else a non-empty path. */
function hasNvram(nvram: XmlElement | undefined): boolean {
  if (!nvram) return false;
  return attr(nvram, 'type') ? child(nvram, 'source') !== undefined : nvram.text !== '';
}

/** libvirt's checks of <os firmware>, <loader> and <nvram> (virDomainDefOSValidate), the first that fails. */
function loaderFinding(os: XmlElement, fwAttr: XmlAttribute | undefined): Finding | null {
  const loader = child(os, 'loader');
  const nvram = child(os, 'nvram');
  const firmware = fwAttr?.value;
  const nvramSet = hasNvram(nvram);
  if (firmware !== undefined) {
    if (firmware !== 'efi' && firmware !== 'bios') return null;
    const autoselect = (what: string, at: XmlAttribute | XmlElement) => on(at, `${what} cannot be specified when firmware autoselection is enabled.`);
    const readonly = loader && attr(loader, 'readonly');
    if (readonly) return autoselect("loader attribute 'readonly'", readonly);
    // a loader path without type= gets type rom after parsing, so a path is refused for its type
    const type = loader && (attr(loader, 'type') ?? (loader.text !== '' ? loader : undefined));
    if (type) return autoselect("loader attribute 'type'", type);
    const template = nvram && attr(nvram, 'template');
    if (template) return autoselect("nvram attribute 'template'", template);
    const secure = loader && attr(loader, 'secure');
    if (secure && secure.value === 'no') return autoselect("loader attribute 'secure'", secure);
    if (nvramSet && firmware !== 'efi') return on(nvram!, `firmware type '${firmware}' does not support nvram.`);
  } else {
    const fw = child(os, 'firmware');
    if (fw && childrenNamed(fw, 'feature').length) return on(fw, 'cannot use feature-based firmware autoselection when firmware autoselection is disabled.');
    if ((loader || nvram) && (!loader || loader.text === '')) return on(loader ?? nvram!, 'no loader path specified and firmware auto selection disabled.');
  }
  const stateless = loader && attr(loader, 'stateless');
  if (stateless?.value === 'yes') {
    const template = nvram && attr(nvram, 'template');
    if (template) return on(template, 'NVRAM template is not permitted when loader is stateless.');
    if (nvramSet) return on(nvram!, 'NVRAM is not permitted when loader is stateless.');
  } else if (stateless?.value === 'no') {
    if (firmware === undefined) {
      if (attrValue(loader!, 'type') !== 'pflash') return on(stateless, 'Only pflash loader type permits NVRAM.');
    } else if (firmware !== 'efi') return on(stateless, 'Only EFI firmware permits NVRAM.');
  }
  return null;
}

/**
 * Firmware and SMM, in the order libvirt asks: the TSEG and firmware features after parsing, UEFI
 * without ACPI in the QEMU driver's validation, then <os firmware>, <loader> and <nvram> in the
 * domain's own validation, after the devices.
 */
export function firmwareFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain' || !view.os) return [];
  const type = osType(view);
  if (type && type.text.trim() !== 'hvm') return [];
  const os = view.os;
  // the QEMU driver's domain post-parse checks the TSEG (after its default devices), before any validation (labelled)
  const tseg = tsegFinding(view);
  if (tseg) return [{ ...tseg, stage: 'postparse-domain' }];
  const feats = firmwareFeatures(os);
  if (feats.get('enrolled-keys') === 'yes' && feats.get('secure-boot') === 'no') {
    return [on(child(os, 'firmware')!, "firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled.")];
  }
  const fwAttr = attr(os, 'firmware');
  const loader = child(os, 'loader');
  const uefi = fwAttr?.value === 'efi' || (loader !== undefined && attrValue(loader, 'type') === 'pflash');
  if (uefi && isX86(knownArch(view)) && !hasAcpi(view)) return [on(fwAttr ?? attr(loader!, 'type')!, 'UEFI requires ACPI on this architecture (add <features><acpi/></features>).')];
  // <os firmware>, <loader> and <nvram> are virDomainDefOSValidate's, in the domain's own
  // validation after every device (virDomainDefValidateInternal; labelled: an accel2d video, a
  // second IDE controller, a SCSI controller's queues are refused first)
  const found = loaderFinding(os, fwAttr);
  return found ? [{ ...found, stage: 'validate-domain' }] : [];
}

// ---- USB controllers ----

/** QEMU's xHCI controllers have at most 15 ports (QEMU_USB_XHCI_MAXPORTS). */
const XHCI_MAX_PORTS = 15;

/** USB controllers: one without <master> (a companion needs its master), and xHCI port counts. */
export function usbControllerFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  let other: XmlElement | undefined;
  let master = false;
  for (const d of view.devices) {
    if (d.name !== 'controller' || attrValue(d, 'type') !== 'usb') continue;
    const model = attrValue(d, 'model');
    if (model !== 'none') other ??= d;
    if (!child(d, 'master')) master = true;
    const ports = attr(d, 'ports');
    if ((model === 'nec-xhci' || model === 'qemu-xhci') && ports && /^\d+$/.test(ports.value) && Number(ports.value) > XHCI_MAX_PORTS) {
      out.push(on(ports, `'${model}' controller only supports up to '${XHCI_MAX_PORTS}' ports.`));
    }
  }
  // the parser's own check once it has read every controller (virDomainDefControllersParse), before the interfaces (labelled)
  if (other && !master) out.push({ ...on(other, 'No master USB controller specified (every USB controller is a companion: one needs no <master>).'), stage: 'parse' });
  return out;
}

// ---- IOMMU ----

export function iommuFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const model = d.name === 'iommu' ? attr(d, 'model') : undefined;
    if (!model) continue;
    const arch = knownArch(view);
    if (arch === undefined) continue;
    const q35 = machineFamily(view) === 'q35';
    // none of intel's <driver> attributes on a virtio or smmuv3 IOMMU, whatever the machine (checked first)
    const driver = model.value === 'virtio' || model.value === 'smmuv3' ? child(d, 'driver') : undefined;
    if (driver?.attributes.length) out.push(on(driver.attributes[0], `iommu model '${model.value}' doesn't support additional attributes (intremap, caching_mode, eim, iotlb and aw_bits are the intel IOMMU's).`));
    if (model.value === 'intel' && !q35) out.push(on(model, "IOMMU device: 'intel' is only supported with Q35 machines."));
    else if (model.value === 'intel') {
      // interrupt remapping needs QEMU's own (split) I/O APIC, and x2APIC (eim) needs interrupt remapping (labelled)
      const drv = child(d, 'driver');
      const intremap = drv && attr(drv, 'intremap');
      const eim = drv && attr(drv, 'eim');
      const features = view.kind === 'domain' ? child(view.root, 'features') : undefined;
      const ioapic = features && child(features, 'ioapic');
      if (intremap?.value === 'on' && (!ioapic || attrValue(ioapic, 'driver') !== 'qemu')) out.push(on(intremap, "IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')."));
      else if (eim?.value === 'on' && intremap?.value !== 'on') out.push(on(eim, 'IOMMU eim requires interrupt remapping to be enabled (intremap="on").'));
    }
    else if (model.value === 'smmuv3' && !isArmVirt(view)) out.push(on(model, "IOMMU device: 'smmuv3' is only supported with ARM Virt machines."));
    else if (model.value === 'virtio') {
      const address = child(d, 'address');
      const addressType = address && attrValue(address, 'type');
      if (!q35 && !isArmVirt(view)) out.push(on(model, "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines."));
      else if (!hasAcpi(view)) out.push(on(model, "IOMMU device: 'virtio' requires ACPI."));
      else if (addressType !== undefined && addressType !== 'pci') out.push(on(address!, "IOMMU device: 'virtio' needs a PCI address."));
    }
  }
  return out;
}

// ---- SMBIOS sysinfo ----

/** The text of the first <entry name=NAME> (libvirt's XPath string(): empty counts as absent). */
function entry(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  const e = parent ? childrenNamed(parent, 'entry').find((x) => attrValue(x, 'name') === name) : undefined;
  return e && e.text !== '' ? e : undefined;
}

/** mm/dd/yy or mm/dd/yyyy (a four-digit year from 1900), each number as strtol reads it. */
const BIOS_DATE = /^\s*([+-]?\d+)\/\s*([+-]?\d+)\/\s*([+-]?\d+)$/;

function badBiosDate(text: string): boolean {
  const m = BIOS_DATE.exec(text);
  if (!m) return true;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || (year >= 100 && year < 1900);
}

/** A UUID as virUUIDParse reads it (blanks around, '-' and ' ' between the hex digits), or null. */
function uuidDigits(text: string): string | null {
  const digits = text.trim().replace(/[- ]/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(digits) ? digits : null;
}

/**
 * A <sysinfo type="fwcfg">'s entries: the parser wants a value or a file= in each ("Firmware entry
 * must have either value or 'file' attribute"; a value of blanks is none); the QEMU driver's
 * validation (qemu_validate.c qemuValidateDomainDefSysinfo) then wants every name under opt/ and
 * none under opt/ovmf/ or opt/org.qemu/ (QEMU's own). Labelled with virsh define --validate, libvirt 9.0.
 */
function fwcfgFindings(si: XmlElement): Finding[] {
  const entries = childrenNamed(si, 'entry');
  const empty = entries.find((e) => !attr(e, 'file') && e.text.trim() === '');
  if (empty) return [on(empty, "Firmware entry must have either value or 'file' attribute.")];
  for (const e of entries) {
    const name = attrValue(e, 'name') ?? '';
    if (!name.startsWith('opt/')) return [{ ...on(e, 'Invalid firmware name.'), stage: 'validate-domain-driver' }];
    if (name.startsWith('opt/ovmf/') || name.startsWith('opt/org.qemu/')) return [{ ...on(e, 'That firmware name is reserved.'), stage: 'validate-domain-driver' }];
  }
  return [];
}

/** <bootloader> and <bootloader_args> belong to other hypervisors: the QEMU driver's domain post-parse refuses them first of all its checks. */
export function bootloaderFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain' || !['qemu', 'kvm'].includes(attrValue(view.root, 'type') ?? '')) return [];
  const el = view.root.children.find((c) => c.name === 'bootloader' || c.name === 'bootloader_args');
  return el ? [{ ...on(el, 'bootloader is not supported by QEMU.'), stage: 'postparse-domain' }] : [];
}

export function sysinfoFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const uuidEl = child(view.root, 'uuid');
  const domUuid = uuidEl ? uuidDigits(uuidEl.text) : null;
  for (const si of childrenNamed(view.root, 'sysinfo')) {
    if (attrValue(si, 'type') === 'fwcfg') {
      out.push(...fwcfgFindings(si));
      continue;
    }
    if (attrValue(si, 'type') !== 'smbios') continue;
    const date = entry(child(si, 'bios'), 'date');
    if (date && badBiosDate(date.text)) out.push(on(date, "Invalid BIOS 'date' format (mm/dd/yy or mm/dd/yyyy)."));
    const uuid = entry(child(si, 'system'), 'uuid');
    const sysUuid = uuid ? uuidDigits(uuid.text) : null;
    if (uuid && sysUuid && domUuid && sysUuid !== domUuid) out.push(on(uuid, 'UUID mismatch between <uuid> and <sysinfo>.'));
  }
  return out;
}

// ---- graphics ----

const LISTEN_TYPES = new Set(['vnc', 'spice', 'rdp']);
/** The graphics types QEMU can pair with egl-headless. */
const WITH_EGL = new Set(['egl-headless', 'vnc', 'spice']);

/** The first <listen> against the old-style listen= / socket= of its <graphics>. */
function listenFinding(g: XmlElement, type: string): Finding | null {
  const first = LISTEN_TYPES.has(type) ? child(g, 'listen') : undefined;
  if (!first) return null;
  const kind = attrValue(first, 'type');
  const pair = kind === 'address' ? ['listen', 'address'] : kind === 'socket' ? ['socket', 'socket'] : null;
  if (!pair) return null;
  const compat = attr(g, pair[0]);
  const own = attrValue(first, pair[1]);
  if (!compat || own === undefined || own === compat.value) return null;
  // libvirt compares the two while it reads the graphics (labelled: before the PCI controllers'
  // post-parse, a vCPU topology or a timer the QEMU driver refuses)
  return { ...on(compat, `graphics '${pair[0]}' attribute '${compat.value}' must match '${pair[1]}' attribute of first listen element (found '${own}').`), stage: 'parse' };
}

export function graphicsFindings(view: DocView): Finding[] {
  const graphics = view.devices.filter((d) => d.name === 'graphics');
  const egl = graphics.some((g) => attrValue(g, 'type') === 'egl-headless');
  const out: Finding[] = [];
  for (const g of graphics) {
    const type = attr(g, 'type');
    if (!type) continue;
    const listen = listenFinding(g, type.value);
    if (listen) out.push(listen);
    // a listen of type socket or none is VNC's and SPICE's only: libvirt 9.0 refuses it while it reads the graphics
    // (labelled: before a later device's parse, before the controllers' post-parse)
    const odd = type.value === 'rdp' ? childrenNamed(g, 'listen').find((l) => attrValue(l, 'type') === 'socket' || attrValue(l, 'type') === 'none') : undefined;
    if (odd) out.push({ ...on(attr(odd, 'type')!, `listen type '${attrValue(odd, 'type')}' is not available for graphics type 'rdp'.`), stage: 'parse' });
    // QEMU had no RDP server (nor a desktop display) in libvirt 9.0's days: the QEMU driver refuses the type itself
    if (type.value === 'rdp' || type.value === 'desktop') out.push(on(type, `${type.value} graphics are not supported with this QEMU (use vnc or spice).`));
    // the VNC protocol's password is 8 characters at most (a SPICE one may be longer)
    const passwd = type.value === 'vnc' ? attr(g, 'passwd') : undefined;
    if (passwd && [...passwd.value].length > 8) out.push(on(passwd, `VNC password is ${[...passwd.value].length} characters long, only 8 permitted.`));
    if (!egl) continue;
    if (!WITH_EGL.has(type.value)) out.push(on(type, "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types."));
    const gl = type.value === 'spice' ? child(g, 'gl') : undefined;
    if (gl && attrValue(gl, 'enable') === 'yes') out.push(on(gl, 'multiple OpenGL displays are not supported by QEMU (SPICE with <gl enable="yes"> beside egl-headless).'));
  }
  return out;
}

/**
 * A SPICE <graphics tlsPort> above 0 that libvirt keeps (autoport="yes" drops both ports of an
 * inactive definition): libvirt's QEMU driver refuses it unless the host's qemu.conf sets
 * spice_tls = 1, which is off by default and which bdm-lab cannot see.
 */
export function spiceTlsFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const g of view.devices) {
    if (g.name !== 'graphics' || attrValue(g, 'type') !== 'spice' || attrValue(g, 'autoport') === 'yes') continue;
    const tls = attr(g, 'tlsPort');
    if (!tls || !/^\s*\+?\d+$/.test(tls.value) || Number(tls.value.trim()) <= 0 || Number(tls.value.trim()) > 65535) continue;
    out.push(on(tls, 'spice TLS port set in XML configuration, but TLS is disabled in qemu.conf (spice_tls is off unless the host\'s qemu.conf sets spice_tls = 1).'));
  }
  return out;
}

// ---- the CPU definition as the parser reads it ----

/**
 * <cpu> as libvirt 9.0's parser reads it (virCPUDefParseXML), in its order: migratable= only on a
 * host-passthrough or maximum CPU, a <vendor> only with a <model>, features on a custom CPU (no
 * mode= is custom) only with a <model>, and each feature named once. The first refusal only.
 */
export function cpuParseFindings(view: DocView): Finding[] {
  const cpu = view.kind === 'domain' ? child(view.root, 'cpu') : undefined;
  if (!cpu) return [];
  const mode = attrValue(cpu, 'mode') ?? 'custom';
  const migratable = attr(cpu, 'migratable');
  if (migratable && mode !== 'host-passthrough' && mode !== 'maximum') return [on(migratable, "Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode.")];
  const model = child(cpu, 'model');
  const named = model !== undefined && model.text.trim() !== '';
  const vendor = child(cpu, 'vendor');
  if (vendor && !named && mode === 'custom') return [on(vendor, 'CPU vendor specified without CPU model.')];
  const feats = childrenNamed(cpu, 'feature');
  if (feats.length && !named && mode === 'custom') return [on(feats[0]!, 'Non-empty feature list specified without CPU model.')];
  const seen = new Set<string>();
  for (const f of feats) {
    const name = attrValue(f, 'name');
    if (name === undefined) continue;
    if (seen.has(name)) return [on(attr(f, 'name')!, `CPU feature '${name}' specified more than once.`)];
    seen.add(name);
  }
  return [];
}

// ---- CPU cache and physical address bits ----

export function cpuCacheFindings(view: DocView): Finding[] {
  const cpu = view.kind === 'domain' ? child(view.root, 'cpu') : undefined;
  if (!cpu || !isX86(knownArch(view))) return [];
  const out: Finding[] = [];
  const addr = child(cpu, 'maxphysaddr');
  const addrMode = addr && attr(addr, 'mode');
  if (addrMode?.value === 'passthrough' && attr(addr!, 'bits')) out.push(on(attr(addr!, 'bits')!, "CPU maximum physical address bits number specification cannot be used with mode='passthrough'."));
  else if (addrMode?.value === 'emulate' && !attr(addr!, 'bits')) out.push(on(addrMode, "if using CPU maximum physical address mode='emulate', bits= must be specified too."));
  if (out.length) return out;
  const cache = child(cpu, 'cache');
  const mode = cache && attr(cache, 'mode');
  if (!mode) return out;
  const level = attr(cache!, 'level');
  const cpuMode = attrValue(cpu, 'mode') ?? 'custom';
  if (mode.value === 'emulate' && level?.value.trim() !== '3') out.push(on(level ?? mode, "CPU cache mode 'emulate' can only be used with level='3'."));
  else if (mode.value === 'passthrough' && cpuMode !== 'host-passthrough' && cpuMode !== 'maximum') out.push(on(mode, "CPU cache mode 'passthrough' can only be used with 'host-passthrough' / 'maximum' CPUs."));
  else if ((mode.value === 'passthrough' || mode.value === 'disable') && level) out.push(on(level, `unsupported CPU cache level for mode '${mode.value}'.`));
  return out;
}

// ---- cache and memory bandwidth tuning ----

/** <cputune><cachetune>/<memorytune> that libvirt keeps (vCPUs of the domain, and a cache, node or monitor in it) need a KVM domain. */
export function cachetuneFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const type = attrValue(view.root, 'type');
  const cputune = child(view.root, 'cputune');
  if (!cputune || type === undefined || type === 'kvm') return [];
  const max = vcpuCount(view);
  for (const el of cputune.children) {
    const inner = el.name === 'cachetune' ? 'cache' : el.name === 'memorytune' ? 'node' : null;
    if (!inner) continue;
    const vcpus = attrValue(el, 'vcpus');
    const low = (vcpus === undefined ? null : parseBitmap(vcpus))?.next(0) ?? -1;
    if (low < 0 || low >= max) continue;
    if (child(el, inner) || child(el, 'monitor')) return [on(el, `cachetune is only supported for KVM domains (this one is type '${type}').`)];
  }
  return [];
}

// ---- device settings refused whatever the host ----

const INT_MAX = 2147483647;
const UINT_MAX = 4294967295;

/**
 * Numbers the schema takes (digits) but libvirt's parser reads into a C int or unsigned int: a
 * <memballoon><stats period> above 2147483647 ("Invalid value for attribute 'period' in element
 * 'stats': '...'. Expected integer value"), an <rng><rate> bytes= or period= above 4294967295
 * ("invalid RNG rate bytes value"). Both are the parser's (labelled).
 */
function parsedNumberFindings(d: XmlElement, out: Finding[]): void {
  const digits = (a: XmlAttribute | undefined) => (a && /^[0-9]+$/.test(a.value) ? a.value.replace(/^0+/, '') || '0' : undefined);
  const above = (v: string, max: number) => v.length > 10 || Number(v) > max;
  if (d.name === 'memballoon') {
    const stats = child(d, 'stats');
    const period = stats && attr(stats, 'period');
    const v = digits(period);
    if (v !== undefined && above(v, INT_MAX)) out.push({ ...on(period!, `Invalid value for attribute 'period' in element 'stats': '${period!.value}'. Expected integer value (at most ${INT_MAX}).`), stage: 'parse' });
    return;
  }
  const rate = child(d, 'rate');
  for (const name of ['bytes', 'period']) {
    const a = rate && attr(rate, name);
    const v = digits(a);
    if (v !== undefined && above(v, UINT_MAX)) {
      out.push({ ...on(a!, `invalid RNG rate ${name} value (at most ${UINT_MAX}).`), stage: 'parse' });
      return;
    }
  }
}

export function deviceOptionFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name === 'controller' && attrValue(d, 'type') === 'pci') {
      const model = attrValue(d, 'model');
      const address = child(d, 'address');
      if ((model === 'pci-root' || model === 'pcie-root') && address && attr(address, 'type')) out.push(on(address, 'pci-root and pcie-root controllers should not have an address.'));
    } else if (d.name === 'filesystem') {
      const driver = child(d, 'driver');
      const source = child(d, 'source');
      const readonly = child(d, 'readonly');
      const fsType = attr(d, 'type');
      const driverType = driver && attrValue(driver, 'type');
      if (readonly && driverType === 'virtiofs' && !(source && attr(source, 'socket'))) out.push(on(readonly, 'virtiofs does not yet support read-only mode.'));
      // a loop, nbd or ploop driver is no QEMU device: libvirt finds no bus for it when it assigns addresses (labelled)
      if ((driverType === 'loop' || driverType === 'nbd' || driverType === 'ploop') && !child(d, 'address')) {
        out.push({ ...on(attr(driver!, 'type')!, `Cannot automatically add a new PCI bus for a device with connect flags 00 (a filesystem of driver type ${driverType} is no QEMU device: use path, handle or virtiofs).`), stage: 'address' });
      }
      // an empty target dir is no target for libvirt's parser (the schema takes it)
      const target = child(d, 'target');
      const dir = target && attr(target, 'dir');
      if (!dir) out.push(on(target ?? d, 'A <filesystem> needs a <target dir=\'...\'> (libvirt\'s schema refuses the domain: "Element domain failed to validate content").'));
      else if (dir.value === '') {
        const name = source && ['dir', 'dev', 'file', 'name', 'usage'].map((n) => attrValue(source, n)).find((v) => v !== undefined);
        out.push(on(dir, `missing target information for device ${name ?? ''}.`));
      } else if (fsType && fsType.value !== 'mount') {
        // QEMU shares a host directory only (type mount, the default), and virtiofs only in passthrough mode: after the target and,
        // for virtiofs, read-only (labelled)
        out.push(on(fsType, 'only supports mount filesystem type.'));
      }
      else {
        // then (labelled, qemuValidateDomainDeviceDefFS): file and directory modes belong to the mapped access mode, the
        // handle driver takes passthrough only (the default), and virtiofs too
        const mode = attr(d, 'accessmode');
        const fmode = attr(d, 'fmode') ?? attr(d, 'dmode');
        if (fmode && mode?.value !== 'mapped') out.push(on(fmode, 'fmode and dmode must be used with accessmode=mapped.'));
        else if (driverType === 'handle' && mode && mode.value !== 'passthrough') out.push(on(mode, 'only supports passthrough accessmode (the handle driver).'));
        else if (driverType === 'virtiofs' && mode && mode.value !== 'passthrough') out.push(on(mode, 'virtiofs only supports passthrough accessmode.'));
      }
    } else if (d.name === 'memballoon' || d.name === 'rng') {
      parsedNumberFindings(d, out);
    } else if (d.name === 'channel') {
      // a guestfwd port is read as a decimal unsigned int (blanks before it taken, labelled)
      const target = child(d, 'target');
      const port = target && attrValue(target, 'type') === 'guestfwd' ? attr(target, 'port') : undefined;
      // its address before its port (labelled, round 43): read as a socket address (an empty one or one with blanks
      // names no host), and QEMU forwards IPv4 only; a host name is left to the host's resolver
      const address = target && attrValue(target, 'type') === 'guestfwd' ? attr(target, 'address') : undefined;
      if (address && (address.value === '' || address.value.trim() !== address.value)) {
        out.push({ ...on(address, `Cannot parse socket address '${address.value}': Name or service not known.`), stage: 'parse' });
        continue;
      }
      if (address && address.value.includes(':') && /^[0-9a-fA-F:.]+$/.test(address.value)) {
        out.push({ ...on(address, 'guestfwd channel only supports IPv4 addresses.'), stage: 'parse' });
        continue;
      }
      const digits = port?.value.replace(/^[ \t\r\n]+/, '');
      if (port && (!/^[0-9]+$/.test(digits!) || digits!.replace(/^0+/, '').length > 10 || Number(digits) > UINT_MAX)) {
        out.push({ ...on(port, `Invalid value for attribute 'port' in element 'target': '${port.value}'. Expected non-negative integer value (a decimal port).`), stage: 'parse' });
      }
    } else if (d.name === 'smartcard') {
      // QEMU has one CCID reader with one slot (labelled)
      const a = child(d, 'address');
      const at = a && attrValue(a, 'type') === 'ccid' ? [attr(a, 'controller'), attr(a, 'slot')].find((x) => x && /^[0-9]+$/.test(x.value) && Number(x.value) !== 0) : undefined;
      if (at) out.push(on(at, `this QEMU binary lacks multiple smartcard support (a smartcard sits at CCID controller 0, slot 0).`));
    } else if (d.name === 'vsock') {
      // the CIDs below 3 belong to the hypervisor and the host; 0 is the parser's, whether auto= or not
      const cid = child(d, 'cid');
      const address = cid && attr(cid, 'address');
      const n = address && /^[0-9]+$/.test(address.value) ? Number(address.value) : undefined;
      if (n === 0) out.push({ ...on(address!, "Invalid value for attribute 'address' in element 'cid': Zero is not permitted (a guest CID is 3 or more)."), stage: 'parse' });
      else if (n !== undefined && n < 3) out.push(on(address!, 'guest CIDs must be >= 3 (0-2 are the hypervisor\'s and the host\'s).'));
    } else if (d.name === 'shmem') {
      const msi = child(d, 'msi');
      if (msi && !child(d, 'server')) out.push({ ...on(msi, 'msi option is only supported with a server.'), stage: 'parse' });
    }
  }
  return out;
}

// ---- the emulator against the guest's architecture ----

/** The architecture a qemu-system-NAME binary emulates (QEMU's name for it, as libvirt writes it where they differ). */
const EMULATOR_ARCH: Readonly<Record<string, string>> = { i386: 'i686', arm: 'armv7l' };

/** The guest architectures an emulator of `arch` runs besides its own (virQEMUCapsIsArchSupported). */
const ALSO_RUNS: Readonly<Record<string, string>> = { x86_64: 'i686', aarch64: 'armv7l', armv7l: 'armv6l', ppc64: 'ppc64le' };

/**
 * A written <emulator> whose binary is named for another architecture than the guest's written
 * <os><type arch>: the QEMU driver's domain validation refuses it first of all its checks
 * ("Emulator '/usr/bin/qemu-system-x86_64' does not support arch 'aarch64'", labelled). Only a
 * qemu-system-NAME binary is judged: another name (qemu-kvm, a wrapper) says nothing of its
 * architecture. That the binary exists is the host's business (libvirt's "Cannot check QEMU binary").
 */
export function emulatorArchFindings(view: DocView): Finding[] {
  const type = osType(view);
  const arch = type ? attr(type, 'arch') : undefined;
  const emulator = view.devices.find((d) => d.name === 'emulator');
  if (!arch || !emulator) return [];
  const path = emulator.text.trim();
  const m = /(?:^|\/)qemu-system-([a-z0-9_]+)$/.exec(path);
  if (!m) return [];
  const own = EMULATOR_ARCH[m[1]!] ?? m[1]!;
  if (arch.value === own || ALSO_RUNS[own] === arch.value) return [];
  return [on(arch, `Emulator '${path}' does not support arch '${arch.value}' (the guest needs a QEMU binary of its own architecture, such as qemu-system-${Object.keys(EMULATOR_ARCH).find((k) => EMULATOR_ARCH[k] === arch.value) ?? arch.value}).`)];
}

// ---- features of other platforms, and TCG's ----

/**
 * The <features> QEMU has only on other platforms, in the order libvirt's QEMU driver walks its
 * feature list (virDomainFeature's order): gic (ARM's), then those of pSeries machines (ppc64).
 * libvirt refuses each elsewhere whatever its state, the first in that order (labelled: gic before
 * hpt, hpt before cfpc whatever the document's order).
 */
const OTHER_PLATFORM_FEATURES = ['gic', 'hpt', 'htm', 'nested-hv', 'ccf-assist', 'cfpc', 'sbbc', 'ibs'];

/** Bytes per unit of libvirt's scaled integers (virScaleInteger): b and bytes 1, k/KiB 1024, KB 1000, ... E. */
function unitBytes(unit: string | undefined, dflt: bigint): bigint | undefined {
  if (unit === undefined) return dflt;
  const u = unit.toLowerCase();
  if (u === 'b' || u === 'byte' || u === 'bytes') return 1n;
  const power = 'kmgtpe'.indexOf(u[0] ?? '');
  if (power < 0) return undefined;
  return (u.endsWith('b') && !u.endsWith('ib') ? 1000n : 1024n) ** BigInt(power + 1);
}

export function pseriesFeatureFindings(view: DocView): Finding[] {
  const f = features(view);
  const arch = knownArch(view);
  if (!f || !isX86(arch)) return [];
  const type = osType(view);
  const machine = (type && attrValue(type, 'machine')) ?? 'pc';
  let first: XmlElement | undefined;
  let rank = OTHER_PLATFORM_FEATURES.length;
  for (const el of f.children) {
    const r = OTHER_PLATFORM_FEATURES.indexOf(el.name);
    if (r >= 0 && r < rank) {
      rank = r;
      first = el;
    }
  }
  if (first) {
    const whose = first.name === 'gic' ? 'only ARM virt machines have it' : 'only pSeries machines have it';
    return [on(first, `The '${first.name}' feature is not supported for architecture '${arch}' or machine type '${machine}' (${whose}).`)];
  }
  // TCG's translation block cache is set in whole MiB (the last of the features libvirt checks)
  const tcg = child(f, 'tcg');
  const tb = tcg && child(tcg, 'tb-cache');
  const digits = tb && /^[ \t\r\n]*[0-9]{1,19}[ \t\r\n]*$/.test(tb.text) ? BigInt(tb.text.trim()) : undefined;
  const scale = tb && unitBytes(attrValue(tb, 'unit'), 1024n);
  if (tb && digits !== undefined && scale !== undefined && (digits * scale) % (1024n * 1024n) !== 0n) return [on(tb, 'tb-cache size must be an integer multiple of MiB.')];
  return [];
}

// ---- clock timers ----

/**
 * The <clock> timers as libvirt's QEMU driver validates them, one after another in the document's
 * order (after the CPU's cache and before the CPU topology, labelled): no platform timer ("unsupported
 * timer type (name) 'platform'"), an rtc that tracks neither boot ("unsupported rtc timer track
 * 'boot'") nor drops or merges ticks ("unsupported rtc timer tickpolicy 'merge'"), a pit that does
 * not merge ("unsupported pit tickpolicy 'merge'"), and an armvtimer only on a KVM ARM virt machine.
 */
export function clockTimerFindings(view: DocView): Finding[] {
  const clock = view.kind === 'domain' ? child(view.root, 'clock') : undefined;
  if (!clock) return [];
  // the parser's: an offset of timezone names its zone (labelled: "internal error")
  if (attrValue(clock, 'offset') === 'timezone' && !attr(clock, 'timezone')) return [{ ...on(attr(clock, 'offset')!, "missing 'timezone' attribute for clock with offset='timezone'."), stage: 'parse' }];
  const type = osType(view);
  for (const t of clock.children) {
    if (t.name !== 'timer') continue;
    const name = attr(t, 'name');
    const policy = attrValue(t, 'tickpolicy');
    if (!name) continue;
    if (name.value === 'platform') return [on(name, "unsupported timer type (name) 'platform'.")];
    if (name.value === 'rtc') {
      const track = attrValue(t, 'track');
      if (track === 'boot') return [on(attr(t, 'track')!, "unsupported rtc timer track 'boot'.")];
      if (policy === 'merge' || policy === 'discard') return [on(attr(t, 'tickpolicy')!, `unsupported rtc timer tickpolicy '${policy}'.`)];
    } else if (name.value === 'pit' && policy === 'merge') {
      return [on(attr(t, 'tickpolicy')!, "unsupported pit tickpolicy 'merge'.")];
    } else if (name.value === 'armvtimer' && !(attrValue(view.root, 'type') === 'kvm' && isArmVirt(view))) {
      const machine = (type && attrValue(type, 'machine')) ?? 'pc';
      return [on(name, `Configuring the 'armvtimer' timer is not supported for virtType=${attrValue(view.root, 'type') ?? ''} arch=${knownArch(view) ?? ''} machine=${machine} guests.`)];
    }
  }
  return [];
}
