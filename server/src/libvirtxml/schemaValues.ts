import { attr, attrValue, child } from './types';
import type { Finding, XmlElement } from './types';
import type { DocView } from './view';
import { attrSpan, findingAt as on, SCHEMA_REFUSES } from './ruleHelpers';
import { schemaElementAt } from './domainCatalog';

/**
 * libvirt's schema outside the <disk> subtree, for the refusals that have no parser message of
 * their own (virsh define --validate stops at the schema: "Element domain failed to validate
 * content"): enumerated attribute values read from libvirt's schema table (domainSchema.json, the
 * values only; an attribute whose values are open is left alone), the typed numbers of the
 * devices beside the disks, and the <source>/<target> attributes an interface or a channel of a
 * given type must carry. Each shape was labelled with virsh define --validate, libvirt 9.0.
 * Findings are marked `schemaWide` so analyze.ts can drop one where a dedicated rule already
 * speaks for the same attribute.
 */

export const SCHEMA_WIDE = 'schemaWide';

const collapse = (v: string) => v.replace(/[ \t\r\n]+/g, ' ').trim();

/** Every element of a domain (or <devices>) document outside the <disk> subtrees, with its chain of names. */
function eachOutsideDisks(view: DocView, fn: (el: XmlElement, chain: string[]) => void): void {
  if (view.kind === 'disk') return;
  const chain: string[] = [];
  const visit = (el: XmlElement) => {
    if (el.name === 'disk' || el.name.includes(':')) return;
    chain.push(el.name);
    fn(el, chain);
    for (let i = 0; i < el.children.length; i++) visit(el.children[i]);
    chain.pop();
  };
  visit(view.root);
}

/** Enumerated attribute values libvirt's schema closes (every branch of it lists its values). */
export function domainValueFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  eachOutsideDisks(view, (el, chain) => {
    if (!el.attributes.length) return;
    const s = schemaElementAt(chain);
    if (!s || s.anyAttribute) return;
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes[i];
      const v = s.attributes.get(a.name);
      if (!v || v.free || !v.values.length) continue;
      if (v.values.includes(a.value) || v.values.includes(collapse(a.value))) continue;
      out.push({ span: attrSpan(a), args: { attr: a.name, value: a.value, element: el.name, allowed: v.values.join(', '), [SCHEMA_WIDE]: '1' } });
    }
  });
  return out;
}

/**
 * What libvirt's parser says of an enumerated value written with blanks around it, by (parent/)element
 * and attribute: the schema compares its values as tokens, blanks collapsed, so " utc" passes it; the
 * parser then reads the value as written and refuses it, each in its own words ({v}: the value as
 * written; labelled with virsh define --validate, libvirt 9.0). A value read elsewhere (a <graphics
 * autoport>, accepted with blanks) or not labelled is not listed.
 */
const INVALID = "Invalid value for attribute '{a}' in element '{e}': '{v}'.";
const BLANK_VALUE_WORDS: Record<string, Record<string, string>> = {
  cpu: { mode: "Invalid mode attribute '{v}'.", match: INVALID, check: INVALID },
  'cpu/model': { fallback: 'Invalid fallback attribute.' },
  clock: { offset: "unknown clock offset '{v}'." },
  timer: { tickpolicy: INVALID, present: INVALID },
  'numatune/memory': { mode: "Unsupported NUMA memory tuning mode '{v}'." },
  memballoon: { model: INVALID },
  graphics: { type: INVALID },
  interface: { type: INVALID },
  controller: { type: INVALID, model: "Unknown model type '{v}'." },
  log: { append: INVALID },
  'video/model': { type: "unknown video model '{v}'." },
  input: { bus: "unknown input bus type '{v}'.", type: "unknown input device type '{v}'." },
  serial: { type: 'unknown type presented to host for character device: {v}.' },
  console: { type: 'unknown type presented to host for character device: {v}.' },
  channel: { type: 'unknown type presented to host for character device: {v}.' },
  'console/target': { type: "unknown target type '{v}' specified for character device." },
  rng: { model: "unknown RNG model '{v}'." },
  watchdog: { action: "unknown watchdog action '{v}'." },
};

/** Does `value` pass the schema only because the schema collapses the blanks around it? */
export function blankPadded(value: string, values: readonly string[]): boolean {
  return value !== collapse(value) && !values.includes(value) && values.includes(collapse(value));
}

/** Enumerated values outside the disks written with blanks around them: past the schema, refused by libvirt's parser (BLANK_VALUE_WORDS). */
export function blankValueFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  eachOutsideDisks(view, (el, chain) => {
    if (!el.attributes.length) return;
    const words = BLANK_VALUE_WORDS[`${chain[chain.length - 2]}/${el.name}`] ?? BLANK_VALUE_WORDS[el.name];
    if (!words) return;
    const s = schemaElementAt(chain);
    if (!s) return;
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes[i];
      const w = Object.prototype.hasOwnProperty.call(words, a.name) ? words[a.name] : undefined;
      const v = s.attributes.get(a.name);
      if (!w || !v || v.free || !blankPadded(a.value, v.values)) continue;
      out.push({ ...on(a, w.replace('{a}', a.name).replace('{e}', el.name).replace('{v}', () => a.value)), stage: 'parse' });
    }
  });
  return out;
}

type NumberKind = 'port' | 'unsigned' | 'count' | 'vcpuid' | 'positive' | 'speed' | 'short' | 'vlan' | 'reboot' | 'distance' | 'uint8' | 'uint32' | 'ulong';
const KIND_WORDS: Record<NumberKind, string> = {
  port: 'an integer from -1 to 65535',
  unsigned: 'a non-negative integer',
  count: 'a non-negative integer',
  vcpuid: 'an integer from 0 to 65535',
  positive: 'a positive integer',
  speed: 'a positive integer of at most 4294967295',
  short: 'an integer from 0 to 65535',
  vlan: 'an integer from 0 to 4095',
  reboot: 'an integer from -1 to 32767',
  distance: 'an integer from 10 to 255',
  uint8: 'a number from 0 to 255 (decimal, or 0x and one or two hex digits)',
  uint32: 'a number from 0 to 4294967295 (decimal, or 0x and one to eight hex digits)',
  ulong: 'a non-negative integer of at most 18446744073709551615',
};
/** (parent/)element -> attribute -> the number type libvirt's schema gives it. */
const NUMBERS: Record<string, Record<string, NumberKind>> = {
  graphics: { port: 'port', tlsPort: 'port', websocket: 'port' },
  'video/model': { vram: 'unsigned', ram: 'unsigned', vgamem: 'unsigned', vram64: 'unsigned', heads: 'unsigned' },
  controller: { index: 'unsigned', ports: 'unsigned', vectors: 'unsigned' },
  'memballoon/stats': { period: 'positive' },
  'rng/rate': { bytes: 'positive', period: 'positive' },
  'os/bootmenu': { timeout: 'short' },
  'os/bios': { rebootTimeout: 'reboot' },
  'hyperv/spinlocks': { retries: 'count' },
  'interface/driver': { queues: 'positive' },
  'vlan/tag': { id: 'vlan' },
  'interface/mtu': { size: 'short' },
  'vsock/cid': { address: 'unsigned' },
  'cputune/vcpupin': { vcpu: 'vcpuid' },
  'cputune/iothreadpin': { iothread: 'unsigned' },
  'cputune/vcpusched': { priority: 'short' },
  'cputune/iothreadsched': { priority: 'short' },
  'cputune/emulatorsched': { priority: 'short' },
  'distances/sibling': { id: 'unsigned', value: 'distance' },
  'numatune/memnode': { cellid: 'unsigned' },
  // round 42 (labelled): a guest NUMA cell's id (cputypes.rng: unsignedInt; -1 is refused)
  'numa/cell': { id: 'unsigned' },
  'controller/target': { chassisNr: 'uint8', chassis: 'uint8', port: 'uint8', busNr: 'uint8', index: 'uint8' },
  'bandwidth/inbound': { average: 'speed', peak: 'speed', floor: 'speed', burst: 'speed' },
  'bandwidth/outbound': { average: 'speed', peak: 'speed', floor: 'speed', burst: 'speed' },
  'rx/frames': { max: 'unsigned' },
  'tx/frames': { max: 'unsigned' },
  // round 34 (labelled): <audio> and a sound card's <audio id>, an audio direction's voices and buffer, a video <resolution>, a virtiofs queue
  audio: { id: 'uint8', timerPeriod: 'uint32' },
  'sound/audio': { id: 'uint8' },
  'audio/input': { voices: 'uint32', bufferLength: 'uint32' },
  'audio/output': { voices: 'uint32', bufferLength: 'uint32' },
  'model/resolution': { x: 'unsigned', y: 'unsigned' },
  'filesystem/driver': { queue: 'unsigned' },
  'timer/catchup': { threshold: 'unsigned', slew: 'unsigned', limit: 'unsigned' },
  'clock/timer': { frequency: 'ulong' },
};

function numberOk(kind: NumberKind, raw: string): boolean {
  const v = raw.trim();
  if (kind === 'port') return /^[+-]?\d+$/.test(v) && Number(v) >= -1 && Number(v) <= 65535;
  if (kind === 'uint8') return /^0x[0-9a-fA-F]{1,2}$/.test(raw) || (/^\+?[0-9]+$/.test(v) && Number(v) <= 255);
  if (kind === 'uint32') return /^(?:0x)?[0-9a-fA-F]{1,8}$/.test(raw) || (/^\+?[0-9]{1,12}$/.test(v) && Number(v) <= 4294967295);
  if (kind === 'reboot') return /^[+-]?\d+$/.test(v) && Number(v) >= -1 && Number(v) <= 32767;
  // basictypes.rng's positiveInteger and networkcommon.rng's speed carry the pattern [0-9]+, which libxml2 matches
  // against the value as written: no blanks around it (labelled); so do its unsignedInt (round 43, labelled: a NUMA cell's
  // id=" 1", a controller's index=" 0", a video's heads=" 1") and the vCPU id of a vcpupin, but not a <spinlocks retries>
  if ((kind === 'positive' || kind === 'speed' || kind === 'unsigned' || kind === 'vcpuid') && !/^\d+$/.test(raw)) return false;
  if (!/^\d+$/.test(v)) return false;
  if (kind === 'speed') return v.replace(/^0+/, '').length <= 10 && Number(v) >= 1 && Number(v) <= 4294967295;
  if (kind === 'ulong') return v.replace(/^0+/, '').length < 20 || (v.replace(/^0+/, '').length === 20 && v.replace(/^0+/, '') <= '18446744073709551615');
  const n = Number(v);
  if (kind === 'unsigned' || kind === 'count') return n <= 4294967295;
  if (kind === 'short' || kind === 'vcpuid') return n <= 65535;
  if (kind === 'vlan') return n <= 4095;
  if (kind === 'distance') return n >= 10 && n <= 255;
  return n >= 1;
}

/** The typed numbers of the devices beside the disks. */
export function domainNumberFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  eachOutsideDisks(view, (el, chain) => {
    const parent = chain.length > 1 ? chain[chain.length - 2] : '';
    const table = NUMBERS[`${parent}/${el.name}`] ?? (chain.length > 1 && parent === 'devices' ? NUMBERS[el.name] : undefined);
    if (!table) return;
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes[i];
      const kind = table[a.name];
      if (kind && !numberOk(kind, a.value)) out.push({ span: attrSpan(a), args: { attr: a.name, value: a.value, element: el.name, kind: `${KIND_WORDS[kind]}${a.value.trim() !== a.value && numberOk(kind, a.value.trim()) ? ', digits with no blanks around them' : ''}`, [SCHEMA_WIDE]: '1' } });
    }
  });
  return out;
}

/** The <source> attribute each interface type's schema branch requires. */
const INTERFACE_SOURCE: Record<string, string> = { network: 'network', bridge: 'bridge', direct: 'dev' };

/** An interface's <source> as its type's schema branch requires it (a bridge's missing <source> is the parser's message, in deviceChecks.ts). */
export function interfaceSourceFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const type = d.name === 'interface' ? attr(d, 'type') : undefined;
    const need = type && INTERFACE_SOURCE[type.value];
    if (!need) continue;
    const source = child(d, 'source');
    if (!source) {
      if (type.value !== 'bridge') out.push(on(type, `An <interface type='${type.value}'> needs a <source ${need}='...'> (libvirt's schema refuses the domain: "Element domain failed to validate content").`));
    } else if (attrValue(source, need) === undefined) {
      out.push(on(source, `The <source> of an <interface type='${type.value}'> needs ${need}='...' (libvirt's schema refuses the domain: "Element domain failed to validate content").`));
    }
  }
  return out;
}

/** Attributes a channel <target> of each type takes (libvirt's schema): guestfwd an address and a port, virtio a name and a state. */
const CHANNEL_TARGET: Record<string, { required: string[]; allowed: string[] }> = {
  guestfwd: { required: ['address', 'port'], allowed: ['type', 'address', 'port'] },
  virtio: { required: [], allowed: ['type', 'name', 'state'] },
};

/** A <channel>'s <target> with the attributes its type takes. */
export function channelTargetFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const t = d.name === 'channel' ? child(d, 'target') : undefined;
    const type = t && attr(t, 'type');
    if (d.name === 'channel' && !t) out.push(on(d, `A <channel> needs a <target type='virtio'|'guestfwd'|'xen'> (libvirt's schema refuses the domain: "Element domain failed to validate content").`));
    if (t && !type) out.push(on(t, `A channel <target> needs type='virtio', 'guestfwd' or 'xen' (libvirt's schema refuses the domain: "Element domain failed to validate content").`));
    const want = type && CHANNEL_TARGET[type.value];
    if (!want) continue;
    const missing = want.required.find((n) => attrValue(t!, n) === undefined);
    const extra = t!.attributes.find((a) => !want.allowed.includes(a.name) && !a.name.includes(':'));
    if (missing) out.push(on(type, `A channel <target type='${type.value}'> needs ${want.required.map((n) => `${n}='...'`).join(' and ')} (libvirt's schema refuses the domain: "Element domain failed to validate content").`));
    else if (extra) out.push(on(extra, `A channel <target type='${type.value}'> takes no ${extra.name}= (libvirt's schema refuses the domain: "Element domain failed to validate content").`));
  }
  return out;
}

/** <graphics listen=...>: an IP address or a host name (letters, digits, dots and dashes). */
export function graphicsListenFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const l = d.name === 'graphics' ? attr(d, 'listen') : undefined;
    if (!l) continue;
    const v = l.value;
    const name = /^[a-zA-Z0-9.-]+$/.test(v);
    const ipv6 = v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v);
    if (!name && !ipv6) out.push(on(l, `<graphics listen="${v}"> is neither an IP address nor a host name (libvirt's schema refuses the domain: "Element domain failed to validate content"); a port goes in port=.`));
  }
  return out;
}

/** The children of a <hostdev> that belong to the device itself rather than to its source kind. */
const HOSTDEV_OUTER = new Set(['alias', 'acpi', 'boot', 'rom', 'address', 'readonly', 'shareable']);

/**
 * A <hostdev>'s own elements (driver, source, teaming, ...) written in one run: libxml2's RelaxNG
 * check (what virsh define --validate runs) refuses the document when an element of the device
 * (a <rom>, a <boot>, an <address>, ...) stands between them.
 */
export function hostdevOrderFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'hostdev') continue;
    let first = -1;
    let last = -1;
    d.children.forEach((c, i) => {
      if (HOSTDEV_OUTER.has(c.name)) return;
      if (first < 0) first = i;
      last = i;
    });
    const between = d.children.slice(first + 1, last).find((c) => HOSTDEV_OUTER.has(c.name));
    if (first >= 0 && between) out.push(on(between, `<${between.name}> stands between the <hostdev>'s ${d.children.slice(first, last + 1).filter((c) => !HOSTDEV_OUTER.has(c.name)).map((c) => `<${c.name}>`).join(', ')}: libvirt's schema check refuses the domain ("Element domain failed to validate content"); write them together, then <${between.name}>.`));
  }
  return out;
}

/**
 * The <source mode> each interface type's schema branch takes: direct one of its macvtap modes
 * (optional, compared as written: " vepa " is refused), vhostuser server or client (required; the
 * schema collapses blanks, the parser then refuses " server "), and the other types none at all.
 */
const INTERFACE_SOURCE_MODES: Record<string, { modes: string[]; required: boolean; token: boolean } | null> = {
  direct: { modes: ['vepa', 'bridge', 'private', 'passthrough'], required: false, token: false },
  vhostuser: { modes: ['server', 'client'], required: true, token: true },
  network: null, bridge: null, user: null, ethernet: null, server: null, client: null, mcast: null, udp: null,
};


/** An interface <source mode=...> its type does not take, or a vhost-user <source> without one. */
export function interfaceSourceModeFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const type = d.name === 'interface' ? attrValue(d, 'type') : undefined;
    if (type === undefined || !Object.prototype.hasOwnProperty.call(INTERFACE_SOURCE_MODES, type)) continue;
    const want = INTERFACE_SOURCE_MODES[type];
    const source = child(d, 'source');
    const mode = source && attr(source, 'mode');
    if (!want) {
      if (mode) out.push(on(mode, `An <interface type='${type}'> takes no <source mode=...> (${SCHEMA_REFUSES}); mode= belongs to direct (vepa, bridge, private, passthrough) and vhostuser (server, client) interfaces.`));
    } else if (!mode) {
      if (want.required && source) out.push(on(source, `The <source> of an <interface type='${type}'> needs mode='${want.modes.join("' or '")}' (${SCHEMA_REFUSES}).`));
    } else if (!want.modes.includes(want.token ? collapse(mode.value) : mode.value)) {
      out.push(on(mode, `<source mode='${mode.value}'> is not a mode of an <interface type='${type}'>: use ${want.modes.join(', ')} (${SCHEMA_REFUSES}).`));
    } else if (!want.modes.includes(mode.value)) {
      out.push(on(mode, `Invalid value for attribute 'mode' in element 'source': '${mode.value}'.`));
    }
  }
  return out;
}

/** The actions libvirt's schema lists for the lifecycle elements' text. */
const LIFECYCLE_ACTIONS: Record<string, string[]> = {
  on_poweroff: ['destroy', 'restart', 'preserve', 'rename-restart'],
  on_reboot: ['destroy', 'restart', 'preserve', 'rename-restart'],
  on_crash: ['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart'],
  on_lockfailure: ['poweroff', 'restart', 'pause', 'ignore'],
};

/**
 * <on_poweroff>, <on_reboot> and <on_crash>: the schema's actions (blanks around one pass the
 * schema, then the parser refuses the text as written), and what libvirt's QEMU driver refuses of
 * them: rename-restart anywhere, preserve on poweroff and reboot.
 */
export function lifecycleFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const qemu = ['qemu', 'kvm'].includes(attrValue(view.root, 'type') ?? '');
  const out: Finding[] = [];
  const preserve: Finding[] = [];
  for (const el of view.root.children) {
    const actions = LIFECYCLE_ACTIONS[el.name];
    if (!actions) continue;
    const v = collapse(el.text);
    if (!actions.includes(v)) out.push(on(el, `<${el.name}>${el.text}</${el.name}> is not an action libvirt's schema lists (${SCHEMA_REFUSES}): use ${actions.join(', ')}.`));
    else if (el.name === 'on_lockfailure') continue;
    else if (el.text !== v) out.push(on(el, `unknown ${el.name} action: ${el.text}.`));
    else if (qemu && v === 'rename-restart') out.push(on(el, "qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'."));
    else if (qemu && v === 'preserve' && el.name !== 'on_crash') preserve.push(on(el, "qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'."));
  }
  // the QEMU driver looks for rename-restart in all three before it looks for preserve (labelled)
  out.push(...preserve);
  // a guest that reboots to power off and powers off to reboot: the QEMU driver cannot swap the two
  const reboot = view.root.children.find((c) => c.name === 'on_reboot');
  const poweroff = view.root.children.find((c) => c.name === 'on_poweroff');
  if (qemu && !out.length && reboot && poweroff && reboot.text === 'destroy' && poweroff.text === 'restart') out.push(on(reboot, "qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'."));
  return out;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a value is an XML Schema dateTime as libxml2 checks it (the day within its month, 24:00:00 only at midnight, seconds below 60). */
function isSchemaDateTime(raw: string): boolean {
  const m = /^-?(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))?$/.exec(collapse(raw));
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS[month - 1])) return false;
  if (minute > 59 || second > 59) return false;
  if (hour > 24 || (hour === 24 && (minute || second || (m[7] && Number(m[7].slice(1)))))) return false;
  return !m[8] || m[8] === 'Z' || (Number(m[9]) <= 14 && Number(m[10]) <= 59);
}

/** <graphics passwdValidTo=...>: an XML Schema dateTime for the schema, then exactly YYYY-MM-DDTHH:MM:SS for libvirt's parser (no zone, no fraction, no blanks). */
export function graphicsPasswdValidToFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const a = d.name === 'graphics' ? attr(d, 'passwdValidTo') : undefined;
    if (!a) continue;
    if (!isSchemaDateTime(a.value)) out.push(on(a, `passwdValidTo="${a.value}" is not a date and time (YYYY-MM-DDTHH:MM:SS, a real day and time): ${SCHEMA_REFUSES}.`));
    else if (!/^\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(a.value)) out.push(on(a, `cannot parse password validity time '${a.value}', expect YYYY-MM-DDTHH:MM:SS.`));
  }
  return out;
}

/** <hyperv mode="passthrough"> hands the host's Hyper-V enlightenments over whole: libvirt's schema takes no child element in it (those belong to mode="custom", the default). */
export function hypervPassthroughFindings(view: DocView): Finding[] {
  const features = view.kind === 'domain' ? child(view.root, 'features') : undefined;
  const hv = features && child(features, 'hyperv');
  const mode = hv && attr(hv, 'mode');
  if (!hv || !mode || mode.value !== 'passthrough' || !hv.children.length) return [];
  return [on(hv.children[0], `<hyperv mode="passthrough"> takes no <${hv.children[0].name}> (${SCHEMA_REFUSES}): the settings of each enlightenment belong to mode="custom".`)];
}

/** <cputune>'s numbers as libvirt's schema types them: shares an unsigned int, the periods 1000-1000000, the quotas -1 to 17592186044415. */
const CPUTUNE_NUMBERS: Readonly<Record<string, 'shares' | 'period' | 'quota'>> = {
  shares: 'shares', period: 'period', global_period: 'period', emulator_period: 'period', iothread_period: 'period',
  quota: 'quota', global_quota: 'quota', emulator_quota: 'quota', iothread_quota: 'quota',
};
const QUOTA_MAX = 17592186044415n;

/** <cputune>'s children libvirt's schema takes at most once. */
const CPUTUNE_ONCE = ['emulatorpin', 'emulatorsched', ...Object.keys(CPUTUNE_NUMBERS)];

/**
 * <cputune> as libvirt 9.0 reads it beyond the sets: its numbers (the schema's types; then the
 * domain validation's ranges, "Value of cputune 'quota' must be in range [1000, 17592186044415]",
 * shares 2-262144, a quota of 0 or -1 meaning none), each scheduler element's parameters (fifo
 * and rr with a priority 0-65535, batch and idle without: the schema), emulatorpin, emulatorsched
 * and each number at most once (the schema). Labelled with virsh define --validate.
 */
export function cputuneFindings(view: DocView): Finding[] {
  const tune = view.kind === 'domain' ? child(view.root, 'cputune') : undefined;
  if (!tune) return [];
  const out: Finding[] = [];
  const counts = new Map<string, number>();
  for (const el of tune.children) {
    const n = (counts.get(el.name) ?? 0) + 1;
    counts.set(el.name, n);
    if (n === 2 && CPUTUNE_ONCE.includes(el.name)) out.push(on(el, `<cputune> takes one <${el.name}> (${SCHEMA_REFUSES}).`));
    const kind = CPUTUNE_NUMBERS[el.name];
    if (kind) out.push(...cputuneNumber(el, kind));
    if (el.name === 'vcpusched' || el.name === 'iothreadsched' || el.name === 'emulatorsched') {
      const sched = attrValue(el, 'scheduler');
      const priority = attr(el, 'priority');
      if ((sched === 'fifo' || sched === 'rr') && !priority) out.push(on(el, `<${el.name} scheduler="${sched}"> needs a priority= (${SCHEMA_REFUSES}).`));
      else if ((sched === 'batch' || sched === 'idle') && priority) out.push(on(priority, `<${el.name} scheduler="${sched}"> takes no priority= (${SCHEMA_REFUSES}); a priority goes with fifo and rr.`));
      const ids = el.name === 'vcpusched' ? 'vcpus' : el.name === 'iothreadsched' ? 'iothreads' : null;
      if (ids && !attr(el, ids) && sched !== undefined) out.push({ ...on(el, `Missing attribute '${ids}' in element '${el.name}'.`), stage: 'parse' });
    }
  }
  return out;
}

function cputuneNumber(el: XmlElement, kind: 'shares' | 'period' | 'quota'): Finding[] {
  const v = el.text.trim();
  const digits = kind === 'quota' ? /^-?[0-9]+$/ : /^[0-9]+$/;
  const ok = digits.test(v);
  const big = ok ? BigInt(v) : 0n;
  const inType = ok && (kind === 'shares' ? big <= 4294967295n : kind === 'period' ? big >= 1000n && big <= 1000000n : big >= -1n && big <= QUOTA_MAX);
  if (!inType) {
    const what = kind === 'shares' ? 'a non-negative integer' : kind === 'period' ? 'an integer from 1000 to 1000000' : 'an integer from -1 to 17592186044415';
    return [on(el, `<${el.name}>${v}</${el.name}> must be ${what} (${SCHEMA_REFUSES}).`)];
  }
  // 0 (and a quota of -1) stands for no value; the domain validation holds the others to a range
  if (kind === 'shares' && big !== 0n && (big < 2n || big > 262144n)) return [{ ...on(el, `Value of cputune '${el.name}' must be in range [2, 262144].`), stage: 'validate-domain' }];
  if (kind === 'quota' && big > 0n && big < 1000n) return [{ ...on(el, `Value of cputune '${el.name}' must be in range [1000, 17592186044415].`), stage: 'validate-domain' }];
  return [];
}

/**
 * The NUMA shapes libvirt's schema refuses: a <numatune><memory placement="auto"> with a nodeset
 * (automatic placement picks the nodes), and a cell's <distances> without a <sibling>.
 */
export function numatuneShapeFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const nt = child(view.root, 'numatune');
  const memory = nt && child(nt, 'memory');
  const ns = memory && attrValue(memory, 'placement') === 'auto' ? attr(memory, 'nodeset') : undefined;
  return ns ? [on(ns, `<numatune><memory placement="auto"> takes no nodeset= (${SCHEMA_REFUSES}): automatic placement picks the nodes.`)] : [];
}

/** See numatuneShapeFindings: a cell's <distances> without a <sibling>. */
export function distancesShapeFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const cpu = child(view.root, 'cpu');
  const numa = cpu && child(cpu, 'numa');
  for (const cell of numa ? numa.children : []) {
    const d = cell.name === 'cell' ? child(cell, 'distances') : undefined;
    if (d && !d.children.some((c) => c.name === 'sibling')) out.push(on(d, `<distances> needs at least one <sibling id=... value=...> (${SCHEMA_REFUSES}).`));
  }
  return out;
}
