import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { attrSpan } from './ruleHelpers';
import { hostdevs } from './domainHelpers';

/**
 * Checks of domainRules.ts rows about host devices given to the guest beside their identity
 * (LIBVIRT-DOMAIN-HOSTDEV-DUPLICATE has that): a mediated device's address type, its ramfb and
 * display, and booting from an assigned device, each in libvirt 9.0's own words (labelled with
 * `virsh define --validate` on the QEMU driver: test/fixtures/libvirtdomain/).
 */

function on(x: XmlAttribute | XmlElement, problem: string): Finding {
  return { span: 'valueSpan' in x ? attrSpan(x) : x.nameSpan, args: { problem } };
}

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
