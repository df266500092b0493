import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { attrSpan } from './ruleHelpers';
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

type NumberKind = 'port' | 'unsigned' | 'positive' | 'short' | 'vlan';
const KIND_WORDS: Record<NumberKind, string> = {
  port: 'an integer from -1 to 65535',
  unsigned: 'a non-negative integer',
  positive: 'a positive integer',
  short: 'an integer from 0 to 65535',
  vlan: 'an integer from 0 to 4095',
};
/** (parent/)element -> attribute -> the number type libvirt's schema gives it. */
const NUMBERS: Record<string, Record<string, NumberKind>> = {
  graphics: { port: 'port', tlsPort: 'port', websocket: 'port' },
  'video/model': { vram: 'unsigned', ram: 'unsigned', vgamem: 'unsigned', vram64: 'unsigned', heads: 'unsigned' },
  controller: { index: 'unsigned', ports: 'unsigned', vectors: 'unsigned' },
  'memballoon/stats': { period: 'positive' },
  'rng/rate': { bytes: 'positive', period: 'positive' },
  'os/bootmenu': { timeout: 'short' },
  'interface/driver': { queues: 'positive' },
  'vlan/tag': { id: 'vlan' },
};

function numberOk(kind: NumberKind, raw: string): boolean {
  const v = raw.trim();
  if (kind === 'port') return /^[+-]?\d+$/.test(v) && Number(v) >= -1 && Number(v) <= 65535;
  if (!/^\d+$/.test(v)) return false;
  const n = Number(v);
  if (kind === 'unsigned') return n <= 4294967295;
  if (kind === 'short') return n <= 65535;
  if (kind === 'vlan') return n <= 4095;
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
      if (kind && !numberOk(kind, a.value)) out.push({ span: attrSpan(a), args: { attr: a.name, value: a.value, element: el.name, kind: KIND_WORDS[kind], [SCHEMA_WIDE]: '1' } });
    }
  });
  return out;
}

function on(a: XmlAttribute | XmlElement, problem: string): Finding {
  return { span: 'valueSpan' in a ? attrSpan(a) : a.nameSpan, args: { problem } };
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
