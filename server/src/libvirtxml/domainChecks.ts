import { attrSpan } from './ruleHelpers';
import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlElement } from './types';
import type { DiskView, DocView } from './view';
import { explicitDrive, iothreadIds, vcpuCount } from './domainHelpers';

/** Checks of domainRules.ts rows too long to sit in the table: iothreads, USB off, vCPUs, video models. */

function cputune(view: DocView): XmlElement | undefined {
  return view.kind === 'domain' ? child(view.root, 'cputune') : undefined;
}

/** <iothreadids> ids unique and non-zero; <iothreadpin> and a disk's driver iothread= name an existing iothread, once. */
export function iothreadFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const list = child(view.root, 'iothreadids');
  const seen = new Set<string>();
  for (const t of list ? childrenNamed(list, 'iothread') : []) {
    const id = attr(t, 'id');
    if (!id || !/^\s*\d+\s*$/.test(id.value)) continue;
    const n = String(Number(id.value));
    if (n === '0') out.push({ span: attrSpan(id), args: { problem: "Invalid value for attribute 'id' in element 'iothread': Zero is not permitted." } });
    else if (seen.has(n)) out.push({ span: attrSpan(id), args: { problem: `duplicate iothread id '${n}' found.` } });
    seen.add(n);
  }
  const ids = iothreadIds(view);
  const pinned = new Set<number>();
  for (const pin of childrenNamed(cputune(view) ?? view.root, 'iothreadpin')) {
    const a = attr(pin, 'iothread');
    if (!a || !/^\s*\d+\s*$/.test(a.value)) continue;
    const n = Number(a.value);
    if (!ids.has(n)) out.push({ span: attrSpan(a), args: { problem: `Cannot find 'iothread' : ${n}.` } });
    else if (pinned.has(n)) out.push({ span: attrSpan(a), args: { problem: `duplicate iothreadpin for same iothread '${n}'.` } });
    pinned.add(n);
  }
  for (const d of view.disks) out.push(...diskIothread(d, ids));
  return out;
}

function diskIothread(d: DiskView, ids: Set<number>): Finding[] {
  const a = d.driver && attr(d.driver, 'iothread');
  if (!a || !/^\s*\d+\s*$/.test(a.value)) return [];
  // the bus written or the one the target name implies (hdb is ide, sdb scsi)
  if (d.bus && d.bus !== 'virtio') return [{ span: attrSpan(a), args: { problem: `IOThreads not available for bus ${d.bus} target ${d.dev ?? ''}: only virtio disks (and virtio-scsi controllers) run in an iothread.` } }];
  return ids.has(Number(a.value)) ? [] : [{ span: attrSpan(a), args: { problem: `Disk iothread '${Number(a.value)}' not defined in iothreadid.` } }];
}

/** What a domain whose USB controller is model="none" may not have, and libvirt's words for each. */
function usbDeviceProblem(d: XmlElement): string | null {
  const bus = attrValue(d, 'bus');
  switch (d.name) {
    case 'controller': return attrValue(d, 'type') === 'usb' && attrValue(d, 'model') !== 'none' ? "Can't add another USB controller: USB is disabled for this domain." : null;
    case 'hub': return attrValue(d, 'type') === 'usb' ? "Can't add USB hub: USB is disabled for this domain." : null;
    case 'input': return bus === 'usb' ? "Can't add USB input device. USB bus is disabled." : null;
    case 'hostdev': return attrValue(d, 'type') === 'usb' ? "Can't add host USB device: USB is disabled in this host." : null;
    case 'redirdev': return bus === 'usb' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    case 'disk': {
      const target = child(d, 'target');
      return target && attrValue(target, 'bus') === 'usb' ? 'USB is disabled for this domain, but USB devices are present in the domain XML.' : null;
    }
    default: return null;
  }
}

export function usbDisabledFindings(view: DocView): Finding[] {
  const nones = view.devices.filter((d) => d.name === 'controller' && attrValue(d, 'type') === 'usb' && attrValue(d, 'model') === 'none');
  if (!nones.length) return [];
  // usb disks and redirections are checked after libvirt adds its default USB controller at
  // index 0, which it does when model none sits at another index: then they are fine
  const atZero = nones.some((d) => !/^\s*[1-9]\d*\s*$/.test(attrValue(d, 'index') ?? '0'));
  return view.devices.flatMap((d) => {
    if (!atZero && (d.name === 'disk' || d.name === 'redirdev')) return [];
    const problem = usbDeviceProblem(d);
    return problem ? [{ span: d.nameSpan, args: { problem } }] : [];
  });
}

/** <vcpu current> not above the maximum; one <vcpupin> per vCPU. */
export function vcpuFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const v = child(view.root, 'vcpu');
  const current = v && attr(v, 'current');
  if (current && /^\s*\d+\s*$/.test(current.value) && Number(current.value) > vcpuCount(view)) {
    out.push({ span: attrSpan(current), args: { problem: 'maximum vCPU count must not be less than current vCPU count.' } });
  }
  const seen = new Set<number>();
  for (const pin of childrenNamed(cputune(view) ?? view.root, 'vcpupin')) {
    const a = attr(pin, 'vcpu');
    if (!a || !/^\s*\d+\s*$/.test(a.value)) continue;
    const n = Number(a.value);
    if (seen.has(n)) out.push({ span: attrSpan(a), args: { problem: `duplicate vcpupin for vcpu '${n}'.` } });
    seen.add(n);
  }
  return out;
}

/** Video models QEMU has only as the primary (first, or primary="yes") device, checked on libvirt 9.0. */
const PRIMARY_ONLY = new Set(['vga', 'cirrus', 'bochs', 'ramfb']);
/** Video models with more than one head. */
const MULTI_HEAD = new Set(['qxl', 'virtio']);

export function videoModelFindings(view: DocView): Finding[] {
  const videos = view.devices.filter((d) => d.name === 'video');
  const models = videos.map((v) => child(v, 'model'));
  const primaryAt = Math.max(0, models.findIndex((m) => m !== undefined && attrValue(m, 'primary') === 'yes'));
  const out: Finding[] = [];
  models.forEach((m, i) => {
    const type = m ? attrValue(m, 'type') : undefined;
    if (!m || !type) return;
    if (i !== primaryAt && PRIMARY_ONLY.has(type)) out.push({ span: attrSpan(attr(m, 'type')!), args: { problem: `video type '${type}' is only valid as primary video device.` } });
    const heads = attr(m, 'heads');
    if (heads && /^\s*\d+\s*$/.test(heads.value) && Number(heads.value) > 1 && !MULTI_HEAD.has(type) && type !== 'none') {
      out.push({ span: attrSpan(heads), args: { problem: `video type '${type}' doesn't support multiple 'heads'.` } });
    }
    const accel = child(m, 'acceleration');
    const a3d = accel && attr(accel, 'accel3d');
    if (a3d && a3d.value === 'yes' && type !== 'virtio') out.push({ span: attrSpan(a3d), args: { problem: "3d acceleration is supported only with 'virtio' video device." } });
  });
  return out;
}

/** An IDE disk's explicit drive address: QEMU has one IDE controller, and IDE has no targets. */
export function ideAddressFindings(view: DocView): Finding[] {
  return view.disks.flatMap((d) => {
    // the bus written or the one the target name implies (hdc, or a cdrom named fda, is ide)
    const a = child(d.el, 'address');
    const drive = d.bus === 'ide' ? explicitDrive(a) : null;
    if (!drive) return [];
    if (drive[0] > 0) return [{ span: attrSpan(attr(a!, 'controller')!), args: { problem: 'Only 1 IDE controller is supported (controller must be 0).' } }];
    if (drive[2] !== 0) return [{ span: attrSpan(attr(a!, 'target')!), args: { problem: 'target must be 0 for ide controller.' } }];
    return [];
  });
}


/** A domain <seclabel> whose content its type does not allow (libvirt's schema). */
export function seclabelTypeFindings(l: XmlElement): Finding[] {
  const type = attrValue(l, 'type') ?? 'dynamic';
  const relabel = attr(l, 'relabel');
  const label = child(l, 'label');
  const problem = (text: string, el: XmlElement | undefined = undefined): Finding => ({ span: el ? el.nameSpan : relabel && !el ? attrSpan(relabel) : l.nameSpan, args: { problem: text } });
  if (type === 'dynamic' && relabel?.value === 'no') return [problem('A dynamic <seclabel> is always relabelled: relabel="no" needs type="static" (with a <label>) or type="none".')];
  if (type === 'static' && !label) return [{ span: l.nameSpan, args: { problem: 'A static <seclabel> needs a <label>.' } }];
  if (type === 'static' && child(l, 'baselabel')) return [problem('A static <seclabel> takes no <baselabel>.', child(l, 'baselabel'))];
  if (type === 'none') {
    const extra = l.children.find((c) => ['label', 'imagelabel', 'baselabel'].includes(c.name));
    if (extra) return [problem(`A <seclabel type="none"> takes no <${extra.name}>.`, extra)];
    if (relabel?.value === 'yes') return [problem('A <seclabel type="none"> cannot relabel: remove relabel="yes".')];
  }
  return [];
}
