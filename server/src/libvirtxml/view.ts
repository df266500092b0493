import { attr, attrValue, child, childrenNamed } from './types';
import type { LibvirtRoot, XmlAttribute, XmlElement } from './types';

/**
 * A read-only view of a parsed libvirt document that the rules share, so each
 * check does not have to find the disks, the <os> element or the device list
 * again. Built once per analysis.
 */

export interface DiskView {
  el: XmlElement;
  type?: XmlAttribute;
  device?: XmlAttribute;
  source?: XmlElement;
  target?: XmlElement;
  driver?: XmlElement;
  /** <auth> either directly in <disk> (the form Nova writes) or inside <source>. */
  auth?: XmlElement;
  /** device with libvirt's default applied: absent means "disk". */
  deviceValue: string;
  typeValue?: string;
  /** <target bus>, or the bus libvirt gives a target without one: fdc for a floppy, else from the name (sd scsi, vd virtio, xvd xen, ubd uml, hd and anything else ide). */
  bus?: string;
  dev?: string;
}

export interface DocView {
  kind: LibvirtRoot;
  root: XmlElement;
  disks: DiskView[];
  /** <os> of a domain document, if any. */
  os?: XmlElement;
  /** Every device element (children of <devices>), for domain-wide uniqueness checks. */
  devices: XmlElement[];
}

export function buildView(kind: LibvirtRoot, root: XmlElement): DocView {
  const devicesEls = kind === 'domain' ? childrenNamed(root, 'devices') : kind === 'devices' ? [root] : [];
  const devices = kind === 'disk' ? [root] : devicesEls.flatMap((d) => d.children);
  const diskEls = devices.filter((d) => d.name === 'disk');
  return {
    kind,
    root,
    disks: diskEls.map(diskView),
    os: kind === 'domain' ? child(root, 'os') : undefined,
    devices,
  };
}

function diskView(el: XmlElement): DiskView {
  const source = child(el, 'source');
  const target = child(el, 'target');
  return {
    el,
    type: attr(el, 'type'),
    device: attr(el, 'device'),
    source,
    target,
    driver: child(el, 'driver'),
    auth: child(el, 'auth') ?? (source ? child(source, 'auth') : undefined),
    deviceValue: attr(el, 'device')?.value ?? 'disk',
    typeValue: attr(el, 'type')?.value,
    bus: target ? (attr(target, 'bus')?.value ?? defaultBus(attrValue(el, 'device') ?? 'disk', attr(target, 'dev')?.value)) : undefined,
    dev: target ? attr(target, 'dev')?.value : undefined,
  };
}

const BUS_BY_PREFIX: ReadonlyArray<[string, string]> = [['xvd', 'xen'], ['ubd', 'uml'], ['sd', 'scsi'], ['vd', 'virtio'], ['hd', 'ide']];

/**
 * The bus libvirt picks for a target written without bus=: a floppy goes on fdc whatever its
 * name; any other device by the name's prefix, and ide when no prefix matches, so a cdrom named
 * fda is an IDE cdrom (libvirt 9.0 dumpxml shows bus='ide'; q35 then refuses it).
 */
function defaultBus(device: string, dev: string | undefined): string | undefined {
  if (dev === undefined) return undefined;
  if (device === 'floppy') return 'fdc';
  // libvirt drops a Xen-style ioemu: in front of the name (ioemu:sda is sda on scsi)
  const name = dev.startsWith('ioemu:') ? dev.slice(6) : dev;
  return BUS_BY_PREFIX.find(([p]) => name.startsWith(p))?.[1] ?? 'ide';
}

/** All <boot order> elements under the devices, whatever the device kind. */
export function bootElements(view: DocView): XmlElement[] {
  const out: XmlElement[] = [];
  // a device's own <boot> children (the elements of its subtree whose parent it is), in order
  for (const d of view.devices) for (const el of d.children) if (el.name === 'boot') out.push(el);
  return out;
}
