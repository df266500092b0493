import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { findingAt as on, SCHEMA_REFUSES } from './ruleHelpers';
import { hostdevs } from './domainHelpers';

/**
 * Checks of domainRules.ts rows about host devices given to the guest beside their identity
 * (LIBVIRT-DOMAIN-HOSTDEV-DUPLICATE has that): a mediated device's address type, its ramfb and
 * display, and booting from an assigned device, each in libvirt 9.0's own words (labelled with
 * `virsh define --validate` on the QEMU driver: test/fixtures/libvirtdomain/).
 */

/** The mediated devices (<hostdev mode="subsystem" type="mdev">). */
function mdevs(view: DocView): XmlElement[] {
  return hostdevs(view).filter((h) => attrValue(h, 'type') === 'mdev');
}

/** The guest address type each mediated device model sits on. */
const MDEV_ADDRESS: Readonly<Record<string, string>> = { 'vfio-pci': 'pci', 'vfio-ccw': 'ccw' };

/** A mediated device whose written <address> is not of its model's type (vfio-pci: pci, vfio-ccw: ccw; vfio-ap has none to check). */
export function mdevAddressFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const h of mdevs(view)) {
    const model = attrValue(h, 'model') ?? '';
    const want = MDEV_ADDRESS[model];
    const a = child(h, 'address');
    const type = a && attrValue(a, 'type');
    if (want && type !== undefined && type !== want) out.push(on(attr(a!, 'type')!, `Unsupported address type '${type}' with mediated device model '${model}'.`));
  }
  return out;
}

/** A second mediated device with ramfb="on": the guest has one boot framebuffer for them. */
export function mdevRamfbFindings(view: DocView): Finding[] {
  const enabled = mdevs(view).flatMap((h) => {
    const r = attr(h, 'ramfb');
    return r && r.value === 'on' ? [r] : [];
  });
  return enabled.slice(1).map((r) => on(r, "Only one vgpu device can have 'ramfb' enabled."));
}

/** A vfio-pci mediated device with display="on" in a domain without any <graphics> to show it on. */
export function mdevDisplayFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain' || view.devices.some((d) => d.name === 'graphics')) return [];
  return mdevs(view).flatMap((h) => {
    const d = attr(h, 'display');
    return d && d.value === 'on' && attrValue(h, 'model') === 'vfio-pci' ? [on(d, "graphics device is needed for attribute value 'display=on' in <hostdev>.")] : [];
  });
}

/** Mediated device models of s390 hosts (vfio-ccw channel I/O, vfio-ap crypto adapters): an x86 QEMU has neither device. */
const S390_MDEV: Readonly<Record<string, string>> = { 'vfio-ccw': 'VFIO CCW', 'vfio-ap': 'VFIO AP' };

/**
 * A vfio-ccw or vfio-ap mediated device on a guest whose QEMU lacks the device (an x86 one, the
 * caller's to say): the QEMU driver refuses it before anything else of the device
 * (qemuValidateDomainMdevDef: "VFIO AP device assignment is not supported by this version of QEMU", labelled).
 */
export function mdevArchFindings(view: DocView): Finding[] {
  return mdevs(view).flatMap((h) => {
    const model = attr(h, 'model');
    const what = model && Object.prototype.hasOwnProperty.call(S390_MDEV, model.value) ? S390_MDEV[model.value] : undefined;
    return what ? [on(model!, `${what} device assignment is not supported by this version of QEMU (it is an s390 host's device).`)] : [];
  });
}

/** A <boot> on a host device the guest cannot boot from: a vhost SCSI host (scsi_host) or a vfio-pci mediated device. */
export function hostdevBootFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const h of hostdevs(view)) {
    const boot = child(h, 'boot');
    if (!boot) continue;
    const type = attrValue(h, 'type');
    if (type === 'scsi_host') out.push(on(boot, 'booting from assigned devices is not supported by vhost SCSI devices.'));
    else if (type === 'mdev' && attrValue(h, 'model') === 'vfio-pci') out.push(on(boot, 'booting from assigned devices is not supported by mediated devices of model vfio-pci.'));
  }
  return out;
}

/** The guest address types each host device subsystem takes (none written is always fine), and libvirt's words for the others. */
const HOSTDEV_ADDRESS: Readonly<Record<string, { types: readonly string[]; words: string }>> = {
  pci: { types: ['pci', 'unassigned'], words: "PCI host devices must use 'pci' or 'unassigned' address type" },
  scsi: { types: ['drive'], words: "SCSI host device must use 'drive' address type" },
  scsi_host: { types: ['pci', 'ccw'], words: "SCSI_host host device must use 'pci' or 'ccw' address type" },
  usb: { types: ['usb'], words: "USB host device must use 'usb' address type" },
};

/** A host device whose guest <address> is of a kind its subsystem does not sit on (a USB device on PCI, a SCSI device on USB, ...). */
export function hostdevAddressTypeFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const h of hostdevs(view)) {
    const want = HOSTDEV_ADDRESS[attrValue(h, 'type') ?? ''];
    const a = child(h, 'address');
    const type = a && attr(a, 'type');
    if (want && type && !want.types.includes(type.value)) out.push(on(type, `${want.words} (this one has type '${type.value}').`));
  }
  return out;
}

/** sgio= and rawio= on a host device: only a SCSI one takes them (libvirt's schema), and sgio="unfiltered" no longer at all. */
export function hostdevSgioFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const h of hostdevs(view)) {
    const scsi = attrValue(h, 'type') === 'scsi';
    for (const name of ['sgio', 'rawio']) {
      const a = attr(h, name);
      if (!a) continue;
      if (!scsi) out.push(on(a, `${name} is only supported for scsi host device.`));
      // the QEMU driver's, as it validates the host device (labelled: after an interface's, before a video's)
      else if (name === 'sgio' && a.value === 'unfiltered') out.push({ ...on(a, 'unfiltered sgio is no longer supported.'), stage: 'validate-device' });
    }
  }
  return out;
}

/** A USB vendor or product id as libvirt's schema takes it (1 to 4 hex digits, 0x optional), and a host bus or device number (1 to 3). */
const USB_ID = /^(0x)?[0-9a-fA-F]{1,4}$/;
const USB_ADDR = /^(0x)?[0-9a-fA-F]{1,3}$/;

/** A number as C's strtoul reads it with base 0 (libvirt's parser): 0x and hex digits, a 0 and octal digits, or decimal. */
const C_NUMBER = /^(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

/**
 * How a USB host device names the host's device: <vendor> and <product> (the schema wants both, in
 * that order), an <address bus device>, or both; ids and numbers in the schema's hex forms, and then
 * as C numbers for the parser (hex digits need their 0x, a leading 0 means octal: "Invalid value for
 * attribute 'id' in element 'product': 'beef'. Expected non-negative integer value"; labelled); the
 * vendor id may not be 0.
 */
export function usbHostdevSourceFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const schema = (x: XmlAttribute | XmlElement, problem: string) => out.push({ ...on(x, `${problem} (${SCHEMA_REFUSES}).`), stage: 'schema' });
  for (const h of hostdevs(view)) {
    if (attrValue(h, 'type') !== 'usb') continue;
    const src = child(h, 'source');
    const vendor = src && child(src, 'vendor');
    const product = src && child(src, 'product');
    const address = src && child(src, 'address');
    if (!src || (!vendor && !product && !address)) {
      out.push(on(src ?? h, 'a USB host device\'s <source> must name the device: <vendor id> and <product id>, or <address bus device> (libvirt\'s schema requires one).'));
      continue;
    }
    if (vendor && !product) schema(vendor, 'missing product: a USB host device\'s <vendor> goes with a <product>');
    if (product && !vendor) schema(product, 'missing vendor: a USB host device\'s <product> goes with a <vendor>');
    const parsed: Finding[] = [];
    for (const el of [vendor, product]) {
      const id = el && attr(el, 'id');
      if (!el) continue;
      if (!id) schema(el, `<${el.name}> needs id= (1 to 4 hex digits)`);
      else if (!USB_ID.test(id.value)) schema(id, `<${el.name} id="${id.value}"> must be a USB id of 1 to 4 hex digits (0x optional)`);
      else if (!C_NUMBER.test(id.value)) parsed.push(on(id, `Invalid value for attribute 'id' in element '${el.name}': '${id.value}'. Expected non-negative integer value (hex digits need 0x).`));
      else if (el === vendor && /^(?:0[xX])?0+$/.test(id.value)) parsed.push(on(id, "Invalid value for attribute 'id' in element 'vendor': Zero is not permitted."));
    }
    if (address) {
      for (const name of ['bus', 'device']) {
        const a = attr(address, name);
        if (!a) schema(address, `a USB host device's <source><address> needs ${name}= (bus and device)`);
        else if (!USB_ADDR.test(a.value)) schema(a, `<address ${name}="${a.value}"> must be a host USB ${name} number of 1 to 3 hex digits (0x optional)`);
        else if (!C_NUMBER.test(a.value)) parsed.push(on(a, `Invalid value for attribute '${name}' in element 'address': '${a.value}'. Expected non-negative integer value (hex digits need 0x).`));
      }
    }
    for (const f of parsed) out.push(f);
  }
  return out;
}
