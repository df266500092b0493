import { attrSpan, findingAt as on, SCHEMA_REFUSES } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlElement } from './types';
import { SCHEMA_WIDE } from './schemaValues';
import { SCALE } from './platformChecks';
import { numaCells } from './domainHelpers';
import type { DocView } from './view';

/**
 * Checks of domainRules.ts rows for device kinds the generated hunts reached late (scripts/
 * libvirt-domain-gen.ts moreDevices()): which elements <devices> holds and how often, panic
 * devices, shared memory, PS/2 input and the spiceport/dbus character devices, each in libvirt
 * 9.0's words (labelled with `virsh define --validate` on the QEMU driver). Every check is one
 * pass over the devices.
 */


/** The elements libvirt 9.0's schema lets <devices> hold (domaincommon.rng, define "devices"). */
const DEVICE_ELEMENTS = new Set([
  'emulator', 'disk', 'controller', 'lease', 'filesystem', 'interface', 'input', 'sound', 'audio', 'hostdev', 'graphics', 'video',
  'console', 'parallel', 'serial', 'channel', 'smartcard', 'hub', 'redirdev', 'redirfilter', 'rng', 'tpm', 'shmem', 'memory',
  'watchdog', 'memballoon', 'nvram', 'panic', 'iommu', 'vsock',
]);
/** Those it takes at most once (the watchdog's is LIBVIRT-DOMAIN-WATCHDOG's). */
const ONCE = new Set(['emulator', 'memballoon', 'nvram', 'iommu', 'vsock']);

/**
 * What <devices> may hold: an element libvirt 9.0's schema does not list there (<crypto> came in
 * a later release) and a second <memballoon>, <vsock>, <iommu>, <nvram> or <emulator> are schema
 * refusals, so they are libvirt's first reason (schema-wide findings go first).
 */
export function deviceSetFindings(view: DocView): Finding[] {
  if (view.kind === 'disk') return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const d of view.devices) {
    // an element of another namespace is the schema's too, but bdm-lab leaves those alone
    if (d.name.includes(':')) continue;
    if (!DEVICE_ELEMENTS.has(d.name)) out.push({ span: d.nameSpan, args: { problem: `<devices> has no child element <${d.name}> in libvirt 9.0 (${SCHEMA_REFUSES}).`, [SCHEMA_WIDE]: '1' } });
    else if (ONCE.has(d.name) && seen.has(d.name)) out.push({ span: d.nameSpan, args: { problem: `A domain has at most one <${d.name}> (${SCHEMA_REFUSES}).`, [SCHEMA_WIDE]: '1' } });
    // a smartcard of host certificates names exactly three
    else if (d.name === 'smartcard' && attrValue(d, 'mode') === 'host-certificates' && d.children.filter((c) => c.name === 'certificate').length !== 3) {
      out.push({ span: d.nameSpan, args: { problem: `A <smartcard mode="host-certificates"> names exactly three <certificate>s (${SCHEMA_REFUSES}).`, [SCHEMA_WIDE]: '1' } });
    } else if (d.name === 'smartcard' && (!attr(d, 'mode') || (attrValue(d, 'mode') === 'passthrough' && !attr(d, 'type')))) {
      // each branch of the schema's smartcard names its mode, and a passthrough one is a character device with a type (round 43, labelled)
      out.push({ span: d.nameSpan, args: { problem: `A <smartcard> needs ${attr(d, 'mode') ? 'type= (the character device it passes through: spicevmc, tcp, ...)' : 'mode= (host, host-certificates or passthrough)'} (${SCHEMA_REFUSES}).`, [SCHEMA_WIDE]: '1' } });
    }
    seen.add(d.name);
  }
  return out;
}

/**
 * A <tpm>'s backend: the schema wants one, and an external one names its swtpm socket as
 * <source type="unix" mode="connect" path=...>; without a <source> the parser refuses it ("missing
 * external TPM backend type"). The pSeries models exist only in a ppc64 QEMU. Two <tpm>s only as a
 * pSeries guest's TPM and its proxy (spapr-tpm-proxy): one of any other model.
 */
export function tpmFindings(view: DocView): Finding[] {
  let held = false;
  const out: Finding[] = [];
  const arch = guestArch(view);
  // the emulator's path, looked up once (a scan of the devices per pSeries TPM was quadratic)
  let emulator: string | undefined;
  for (const d of view.devices) {
    if (d.name !== 'tpm') continue;
    out.push(...tpmBackendFindings(d));
    const model = attr(d, 'model');
    if (model && SPAPR_TPM.has(model.value) && !arch.startsWith('ppc64')) {
      out.push({ ...on(model, `The QEMU executable ${(emulator ??= emulatorPath(view, arch))} does not support TPM model ${model.value} (a pSeries TPM exists only in qemu-system-ppc64: use tpm-tis or tpm-crb).`), stage: 'validate-device' });
    }
    if (model?.value === 'spapr-tpm-proxy') continue;
    if (held) out.push(on(d, 'only a single TPM non-proxy device is supported.'));
    held = true;
  }
  return out;
}

const SPAPR_TPM = new Set(['tpm-spapr', 'spapr-tpm-proxy']);

/** The emulator libvirt runs: the domain's <emulator>, else Debian's and most distributions' path for the guest's architecture. */
function emulatorPath(view: DocView, arch: string): string {
  const written = view.devices.find((d) => d.name === 'emulator');
  const path = written?.text.trim();
  return path || `/usr/bin/qemu-system-${/^i[3-6]86$/.test(arch) ? 'i386' : arch}`;
}

function tpmBackendFindings(d: XmlElement): Finding[] {
  const backend = child(d, 'backend');
  if (!backend) return [{ ...on(d, `A <tpm> needs a <backend type='passthrough'|'emulator'|'external'> (${SCHEMA_REFUSES}).`), stage: 'schema' }];
  if (attrValue(backend, 'type') !== 'external') return [];
  const source = child(backend, 'source');
  if (!source) return [{ ...on(backend, 'missing external TPM backend type: an external TPM backend needs <source type="unix" mode="connect" path="..."/>, the socket of the swtpm it connects to.'), stage: 'parse' }];
  const missing = [['type', 'unix'], ['mode', 'connect']].filter(([n, v]) => attrValue(source, n) !== v).map(([n, v]) => `${n}='${v}'`);
  if (!attrValue(source, 'path')) missing.push("path='...'");
  return missing.length ? [{ ...on(source, `An external TPM backend's <source> needs ${missing.join(', ')} (${SCHEMA_REFUSES}).`), stage: 'schema' }] : [];
}

function guestArch(view: DocView): string {
  const type = view.os && child(view.os, 'type');
  return (type && attrValue(type, 'arch')) ?? 'x86_64';
}

/**
 * <panic>: one per model (the parser), and what libvirt's QEMU driver takes of each model: pseries
 * and s390 only on their own guests, an isa panic only at an ISA address, a hyperv one at none.
 */
export function panicFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const models = new Set<string>();
  const arch = guestArch(view);
  const x86 = /^(x86_64|i[3-6]86)$/.test(arch);
  const later: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'panic') continue;
    const written = attrValue(d, 'model');
    // no model: libvirt takes the guest's default (isa on x86)
    const model = written ?? (x86 ? 'isa' : '');
    if (written && models.has(written)) out.push(on(attr(d, 'model')!, `Multiple panic devices with model '${written}'.`));
    if (written) models.add(written);
    const address = child(d, 'address');
    const addressType = address ? attrValue(address, 'type') : undefined;
    if (model === 'pseries' && !arch.startsWith('ppc64')) later.push(on(attr(d, 'model')!, "only pSeries guests support panic device of model 'pseries'."));
    else if (model === 's390' && !arch.startsWith('s390')) later.push(on(attr(d, 'model')!, "only S390 guests support panic device of model 's390'."));
    else if (model === 'isa' && address && addressType !== 'isa') later.push(on(address, 'panic is supported only with ISA address type.'));
    else if (model === 'hyperv' && address) later.push(on(address, "setting the panic device address is not supported for model 'hyperv'."));
  }
  // the parser's refusal of a repeated model comes before the driver's checks
  return out.length ? out : later;
}

/** <shmem>: ivshmem-plain has no <server>, ivshmem-doorbell needs one and takes no <size>. */
export function shmemFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'shmem') continue;
    const model = child(d, 'model');
    const type = model && attrValue(model, 'type');
    const server = child(d, 'server');
    // an <msi> without a server is the parser's refusal (LIBVIRT-DOMAIN-DEVICE-OPTION), said first
    if (!server && child(d, 'msi')) continue;
    // QEMU 4.0 dropped the legacy ivshmem device and libvirt 9.0 runs no QEMU older than 4.2
    if (type === undefined || type === 'ivshmem') out.push({ ...on(model ?? d, 'ivshmem device is not supported with this QEMU binary (QEMU no longer has the legacy ivshmem device, the model of a <shmem> without <model>: write <model type="ivshmem-plain"/>, or ivshmem-doorbell with a <server>).'), stage: 'validate-device' });
    else if (type === 'ivshmem-plain' && server) out.push(on(server, "shmem model 'ivshmem-plain' is supported only with server option disabled."));
    else if (type === 'ivshmem-doorbell' && !server) out.push(on(model!, "shmem model 'ivshmem-doorbell' is supported only with server option enabled."));
    else if (type === 'ivshmem-doorbell' && child(d, 'size')) out.push(on(child(d, 'size')!, "shmem model 'ivshmem-doorbell' does not support size setting."));
  }
  return out;
}

/** A PS/2 <input> is a mouse or a keyboard: QEMU has no PS/2 tablet (a passthrough input has no PS/2 bus in the schema). */
export function ps2InputFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'input' || attrValue(d, 'bus') !== 'ps2') continue;
    const type = attr(d, 'type');
    if (type?.value === 'tablet') out.push({ ...on(type, 'ps2 bus does not support tablet input device.'), stage: 'validate-device' });
  }
  return out;
}

/**
 * <console>s after the first: libvirt 9.0 refuses a later one of target type serial, and on an
 * x86 guest a later one without a target type is a serial one too ("Only the first console can
 * be a serial port"), at the end of the common post-parse (labelled: after a boot order used
 * twice, before the PCI addresses). One pass over the devices.
 */
export function laterConsoleFindings(view: DocView, x86Guest: boolean): Finding[] {
  const out: Finding[] = [];
  let seen = 0;
  for (const d of view.devices) {
    if (d.name !== 'console') continue;
    if (seen++ === 0) continue;
    const target = child(d, 'target');
    const type = target ? attr(target, 'type') : undefined;
    if (type?.value === 'serial' || (!type && x86Guest)) out.push({ ...on(type ?? d, 'Only the first console can be a serial port.'), stage: 'postparse-common' });
  }
  return out;
}

/** Attributes libvirt's schema gives an <input type="evdev"> element itself (no bus, no model). */
const EVDEV_INPUT_ATTRS = new Set(['type', 'model']);

/**
 * libvirt's schema for <input>: an evdev one takes no bus= or model= and its <source> names a
 * dev=; a <source evdev=...> belongs to a passthrough one only and takes no grab, repeat or
 * grabToggle (those are evdev's) and bus="virtio" written (none, or another bus, is refused);
 * other kinds take no <source dev=...>. Each is "Element domain failed to validate content"
 * (virsh define --validate, libvirt 9.0). One pass over the devices.
 */
export function inputSchemaFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const refused = 'libvirt\'s schema refuses the domain: "Element domain failed to validate content"';
  for (const d of view.devices) {
    if (d.name !== 'input') continue;
    const type = attr(d, 'type');
    const source = child(d, 'source');
    if (type?.value === 'evdev') {
      const extra = d.attributes.find((a) => !EVDEV_INPUT_ATTRS.has(a.name) && !a.name.includes(':'));
      const model = attr(d, 'model');
      if (extra) out.push(on(extra, `An <input type="evdev"> takes no ${extra.name}= (${refused}); the host device goes in <source dev=...>.`));
      // the common device validation's (labelled: after the controllers' post-parse)
      else if (model && model.value.startsWith('virtio')) out.push({ ...on(model, `only bus 'virtio' is supported for input model '${model.value}' (an evdev input has no bus).`), stage: 'validate-device' });
      else if (!source || attrValue(source, 'dev') === undefined) out.push(on(source ?? type, `An <input type="evdev"> needs <source dev="/dev/input/..."> (${refused}).`));
      continue;
    }
    if (type?.value === 'passthrough' && (!source || attrValue(source, 'evdev') === undefined)) {
      out.push(on(source ?? type, `An <input type="passthrough"> needs <source evdev="/dev/input/..."> (${refused}).`));
      continue;
    }
    // the schema's passthrough group requires bus="virtio" itself: none written, or another, is refused
    if (type?.value === 'passthrough' && attrValue(d, 'bus') !== 'virtio') {
      out.push(on(attr(d, 'bus') ?? type, `An <input type="passthrough"> needs bus="virtio" (${refused}); QEMU passes a host input device through as a virtio one only.`));
      continue;
    }
    if (!source || !type) continue;
    const wrong = type.value === 'passthrough'
      ? source.attributes.find((a) => a.name === 'grab' || a.name === 'repeat' || a.name === 'grabToggle' || a.name === 'dev')
      : source.attributes.find((a) => a.name === 'evdev' || a.name === 'dev' || a.name === 'grab' || a.name === 'repeat' || a.name === 'grabToggle');
    if (wrong) out.push(on(wrong, `An <input type="${type.value}"> <source> takes no ${wrong.name}= (${refused}); ${type.value === 'passthrough' ? 'a passthrough input names its host device with <source evdev=...>' : 'only a passthrough input has a <source evdev=...>, only an evdev one a <source dev=...>'}.`));
  }
  return out;
}

const CHANNEL_TYPES = new Set(['spiceport', 'dbus']);
const CHARDEV_ELEMENTS = new Set(['serial', 'parallel', 'console', 'channel']);

/**
 * A spiceport or dbus character device names its channel (<source channel=...>, the parser:
 * "Missing source channel attribute for char device"), and a spiceport one needs SPICE graphics.
 */
export function channelChardevFindings(view: DocView): Finding[] {
  const spice = view.devices.some((d) => d.name === 'graphics' && attrValue(d, 'type') === 'spice');
  const parse: Finding[] = [];
  const validate: Finding[] = [];
  // the first <console> of target serial (or none) beside a <serial> is that serial port itself:
  // libvirt judges the serial's character device, not the console's
  const firstConsole = view.devices.find((d) => d.name === 'console');
  const consoleTarget = firstConsole && child(firstConsole, 'target');
  const aliased = firstConsole && view.devices.some((d) => d.name === 'serial') && [undefined, 'serial'].includes(consoleTarget && attrValue(consoleTarget, 'type')) ? firstConsole : undefined;
  for (const d of view.devices) {
    if (!CHARDEV_ELEMENTS.has(d.name) || d === aliased) continue;
    const type = attr(d, 'type');
    if (!type || !CHANNEL_TYPES.has(type.value)) continue;
    const source = child(d, 'source');
    if (!source || attrValue(source, 'channel') === undefined) parse.push(on(type, 'Missing source channel attribute for char device.'));
    else if (type.value === 'spiceport' && !spice) validate.push(on(type, "chardev 'spiceport' not supported without spice graphics."));
  }
  return parse.length ? parse : validate;
}

/** KiB of a scaled size element (unit= with KiB by default), rounded up as libvirt does; null when not a plain number. */
function kib(el: XmlElement | undefined): bigint | null {
  if (!el) return null;
  const text = el.text.trim();
  const scale = SCALE[(attrValue(el, 'unit') ?? 'KiB').toLowerCase()];
  if (!scale || !/^\d{1,20}$/.test(text)) return null;
  return (BigInt(text) * scale + 1023n) / 1024n;
}

/**
 * Without guest NUMA cells, the memory devices' sizes come out of <memory>: libvirt refuses them
 * when they add up to more ("Total size of memory devices exceeds the total memory size") or to
 * all of it (nothing is left for boot: "Memory size must be specified ..."), after parsing.
 */
export function memoryTotalFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain' || numaCells(view).length) return [];
  const total = kib(child(view.root, 'memory'));
  if (total === null || total === 0n) return [];
  let sum = 0n;
  let last: XmlElement | undefined;
  for (const d of view.devices) {
    if (d.name !== 'memory') continue;
    const target = child(d, 'target');
    const size = target ? kib(child(target, 'size')) : null;
    if (size === null) continue;
    sum += size;
    last = d;
  }
  if (!last) return [];
  if (sum > total) return [on(last, 'Total size of memory devices exceeds the total memory size.')];
  if (sum === total) return [on(last, 'Memory size must be specified via <memory> or in the <numa> configuration (the memory devices take all of <memory>, which leaves the guest none at boot).')];
  return [];
}

/** The attributes of <graphics> itself each type's branch of libvirt 9.0's schema takes (virt-xml-validate, one by one). */
const GRAPHICS_ATTRS: Record<string, ReadonlySet<string>> = {
  sdl: new Set(['type', 'display', 'xauth', 'fullscreen']),
  vnc: new Set(['type', 'port', 'autoport', 'websocket', 'listen', 'sharePolicy', 'passwd', 'keymap', 'passwdValidTo', 'connected', 'powerControl', 'socket']),
  spice: new Set(['type', 'port', 'tlsPort', 'autoport', 'listen', 'passwd', 'keymap', 'passwdValidTo', 'connected', 'defaultMode']),
  rdp: new Set(['type', 'port', 'autoport', 'listen', 'multiUser', 'replaceUser']),
  desktop: new Set(['type', 'display', 'fullscreen']),
  'egl-headless': new Set(['type']),
  dbus: new Set(['type', 'address', 'p2p']),
};
const ANY_GRAPHICS_ATTR = new Set(Object.values(GRAPHICS_ATTRS).flatMap((set) => [...set]));

/** An attribute of another graphics type's branch (a vnc tlsPort, a spice websocket): the schema refuses it. */
export function graphicsAttrFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const g of view.devices) {
    const own = g.name === 'graphics' ? GRAPHICS_ATTRS[attrValue(g, 'type') ?? ''] : undefined;
    if (!own) continue;
    for (const a of g.attributes) {
      if (own.has(a.name) || !ANY_GRAPHICS_ATTR.has(a.name)) continue;
      out.push({ span: attrSpan(a), args: { problem: `<graphics type="${attrValue(g, 'type')}"> takes no ${a.name}= (${SCHEMA_REFUSES}): it belongs to another graphics type.`, [SCHEMA_WIDE]: '1' } });
    }
  }
  return out;
}

/**
 * The id of an <audio> backend, and of the <audio> a <sound> or a <graphics> plays through, is
 * counted from 1: libvirt's parser refuses 0 (virXMLPropUInt with VIR_XML_PROP_NONZERO), though
 * the schema takes it (labelled with virsh define --validate, libvirt 9.0, all three places).
 */
export function audioIdFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const zero = (el: XmlElement | undefined) => {
    const id = el && attr(el, 'id');
    if (id && /^\s*0+\s*$/.test(id.value)) out.push({ ...on(id, "Invalid value for attribute 'id' in element 'audio': Zero is not permitted."), stage: 'parse' });
  };
  for (const d of view.devices) {
    if (d.name === 'audio') zero(d);
    else if (d.name === 'sound' || d.name === 'graphics') zero(child(d, 'audio'));
  }
  return out;
}

/**
 * An <audio type="spice"> backend plays through a SPICE display: without a <graphics type="spice">
 * libvirt's QEMU driver refuses the domain, after it has validated each device (labelled: a vga
 * video's heads="0" is answered first).
 */
export function spiceAudioFindings(view: DocView): Finding[] {
  let spice = false;
  const audios: XmlElement[] = [];
  for (const d of view.devices) {
    if (d.name === 'graphics' && attrValue(d, 'type') === 'spice') spice = true;
    else if (d.name === 'audio' && attrValue(d, 'type') === 'spice') audios.push(d);
  }
  if (spice || !audios.length) return [];
  return [{ ...on(audios[0], 'Spice audio is not supported without spice graphics (add a <graphics type="spice">, or give the <audio> another type).'), stage: 'validate-domain' }];
}

/**
 * What libvirt refuses of memory hot-plug before any check of the driver: a <maxMemory> needs both
 * a size and slots= (either 0 counts as missing: "both maximum memory size and memory slot count
 * must be specified"; the common post-parse, right after the memory devices' total), and, as it
 * parses them, an NVDIMM's label (<target><label><size>, none: 0) must be
 * smaller than the NVDIMM, so an NVDIMM of size 0 is refused even without a label.
 */
export function memoryParseFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const max = child(view.root, 'maxMemory');
  const slots = max && attrValue(max, 'slots');
  if (max && (kib(max) === 0n || slots === undefined || /^\s*0+\s*$/.test(slots))) {
    out.push({ ...on(max, 'both maximum memory size and memory slot count must be specified (<maxMemory slots="N">SIZE</maxMemory>, both above 0).'), stage: 'postparse-common' });
  }
  for (const d of view.devices) {
    const target = d.name === 'memory' && attrValue(d, 'model') === 'nvdimm' ? child(d, 'target') : undefined;
    const size = target ? kib(child(target, 'size')) : null;
    if (size === null) continue;
    const label = child(target!, 'label');
    const labelSize = label ? kib(child(label, 'size')) : 0n;
    if (labelSize !== null && labelSize >= size) out.push({ ...on(label ?? target!, 'label size must be smaller than NVDIMM size.'), stage: 'parse' });
  }
  return out;
}
