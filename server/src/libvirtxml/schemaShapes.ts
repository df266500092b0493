import { attrSpan } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';

/**
 * Shapes libvirt 9.0's schema (domaincommon.rng, basictypes.rng) refuses outside the <disk>
 * subtree that the table of values (schemaValues.ts) cannot see: attributes an element must carry
 * (a <kvm> or <hyperv> feature's state=), attributes allowed only beside a given name (a <timer>'s
 * track, frequency and mode), and patterned strings (a <shmem> name, a <redirfilter><usbdev>'s
 * ids, a PCI host device's source address). virsh define --validate stops there with "Element
 * domain failed to validate content"; each shape was labelled with it on the QEMU driver.
 * Each check is one pass over the few elements it reads.
 */

const SCHEMA_REFUSES = 'libvirt\'s schema refuses the domain: "Element domain failed to validate content"';

function on(x: XmlAttribute | XmlElement, problem: string): Finding {
  return { span: 'valueSpan' in x ? attrSpan(x) : x.nameSpan, args: { problem } };
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
