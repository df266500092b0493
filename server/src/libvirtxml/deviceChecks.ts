import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { attrSpan } from './ruleHelpers';

/**
 * Checks of the devices beside the disks and of a few domain features, in libvirt 9.0's words
 * (each labelled with `virsh define --validate` on the QEMU driver, test/fixtures/libvirtdomain/):
 * character devices (serial, parallel, console, channel), BIOS serial output, Hyper-V spinlocks,
 * interfaces (a bridge's source, an MTU) and a Xen memory balloon. One pass over the devices each.
 */

function on(a: XmlAttribute | XmlElement, problem: string): Finding {
  return { span: 'valueSpan' in a ? attrSpan(a) : a.nameSpan, args: { problem } };
}

const CHARDEVS = new Set(['serial', 'parallel', 'console', 'channel']);
/** Chardev types whose <source> must name a path (a unix channel gets one from libvirt). */
const PATH_TYPES = new Set(['file', 'pipe', 'dev', 'unix']);
/** The chardev types whose <source mode=> libvirt's parser reads. */
const MODE_TYPES = new Set(['unix', 'tcp', 'udp']);
/** The serial target type each <target><model name> belongs to. */
const SERIAL_MODEL_TYPE: Record<string, string> = {
  'isa-serial': 'isa-serial',
  'usb-serial': 'usb-serial',
  'pci-serial': 'pci-serial',
  'spapr-vty': 'spapr-vio-serial',
  pl011: 'system-serial',
  '16550a': 'system-serial',
  sclpconsole: 'sclp-serial',
  sclplmconsole: 'sclp-serial',
  'isa-debugcon': 'isa-debug',
};
/** Devices that may be a spicevmc chardev only beside SPICE graphics. */
const SPICEVMC_DEVICES = new Set(['channel', 'redirdev', 'smartcard']);

/** Whether any <source> of a chardev carries attribute `name`. */
function sourceHas(sources: XmlElement[], name: string): boolean {
  for (let i = 0; i < sources.length; i++) if (attr(sources[i], name)) return true;
  return false;
}

/** Character devices: spicevmc without SPICE graphics, <source mode>, the path, host or service their type needs, and a serial target's model against its type. */
export function chardevFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  let spice = false;
  const osType = view.os && child(view.os, 'type');
  const s390 = !!osType && (attrValue(osType, 'arch') ?? '').startsWith('s390');
  for (const d of view.devices) if (d.name === 'graphics' && attrValue(d, 'type') === 'spice') spice = true;
  for (const d of view.devices) {
    const type = attr(d, 'type');
    if (!type) continue;
    if (type.value === 'spicevmc' && SPICEVMC_DEVICES.has(d.name) && !spice) {
      out.push(on(type, "chardev 'spicevmc' not supported without spice graphics."));
      continue;
    }
    if (!CHARDEVS.has(d.name)) continue;
    const sources = childrenNamed(d, 'source');
    if (MODE_TYPES.has(type.value)) {
      const bad = sources.map((s) => attr(s, 'mode')).find((m) => m && m.value !== 'bind' && m.value !== 'connect');
      if (bad) {
        out.push(on(bad, `Invalid value for attribute 'mode' in element 'source': '${bad.value}'.`));
        continue;
      }
    }
    if (PATH_TYPES.has(type.value) && !(type.value === 'unix' && d.name === 'channel') && !sourceHas(sources, 'path')) {
      out.push(on(type, 'Missing source path attribute for char device.'));
      continue;
    }
    if (type.value === 'tcp' && !sourceHas(sources, 'host')) {
      out.push(on(type, 'Missing source host attribute for char device.'));
      continue;
    }
    if (type.value === 'udp' && !sourceHas(sources, 'service')) {
      out.push(on(type, 'Missing source service attribute for char device.'));
      continue;
    }
    const consoleType = d.name === 'console' ? child(d, 'target') && attrValue(child(d, 'target')!, 'type') : undefined;
    if ((consoleType === 'sclp' || consoleType === 'sclplm') && !s390) {
      out.push(on(attr(child(d, 'target')!, 'type')!, `${consoleType}console is not supported in this QEMU binary.`));
      continue;
    }
    const target = d.name === 'serial' ? child(d, 'target') : undefined;
    const model = target && child(target, 'model');
    const name = model && attr(model, 'name');
    const want = name && SERIAL_MODEL_TYPE[name.value];
    // a serial written without a target type is an isa-serial on x86
    if (want && want !== (attrValue(target!, 'type') ?? 'isa-serial')) out.push(on(name, `Target model '${name.value}' requires target type '${want}'.`));
  }
  return out;
}

/** <os><bios useserial="yes"> needs a serial port: a <serial>, or a <console> that is one. */
export function biosSerialFindings(view: DocView): Finding[] {
  const bios = view.os && child(view.os, 'bios');
  const use = bios && attr(bios, 'useserial');
  if (!use || use.value !== 'yes') return [];
  for (const d of view.devices) {
    if (d.name === 'serial') return [];
    const t = d.name === 'console' ? child(d, 'target') : undefined;
    if (d.name === 'console' && (!t || (attrValue(t, 'type') ?? 'serial') === 'serial')) return [];
  }
  return [on(use, 'need at least one serial port to use BIOS serial output.')];
}

/** <features><hyperv><spinlocks state="on"> needs retries= of 4095 or more. */
export function hypervSpinlockFindings(view: DocView): Finding[] {
  const features = view.kind === 'domain' ? child(view.root, 'features') : undefined;
  const hv = features && child(features, 'hyperv');
  const sl = hv && child(hv, 'spinlocks');
  if (!sl || attrValue(sl, 'state') !== 'on') return [];
  const retries = attr(sl, 'retries');
  if (!retries) return [on(sl, "Missing required attribute 'retries' in element 'spinlocks'.")];
  return /^\d+$/.test(retries.value) && Number(retries.value) < 4095 ? [on(retries, 'HyperV spinlock retry count must be at least 4095.')] : [];
}

/** Interface types QEMU can set an MTU on. */
const MTU_TYPES = new Set(['network', 'bridge', 'ethernet', 'vhostuser']);

/** An <interface type="bridge"> needs its <source>; an <mtu> only on the types QEMU sets one for. */
export function interfaceFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const type = d.name === 'interface' ? attr(d, 'type') : undefined;
    if (!type) continue;
    if (type.value === 'bridge' && !child(d, 'source')) out.push(on(type, "interface type='bridge' requires a 'source' element."));
    const mtu = child(d, 'mtu');
    if (mtu && !MTU_TYPES.has(type.value)) out.push(on(mtu, `setting MTU on interface type ${type.value} is not supported yet.`));
  }
  return out;
}

/** A <memballoon model="xen"> is Xen's: QEMU has no such device. */
export function memballoonFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const model = d.name === 'memballoon' ? attr(d, 'model') : undefined;
    if (!model || model.value !== 'xen') continue;
    // without an address libvirt fails first looking for a bus to put it on
    out.push(on(model, child(d, 'address') ? "Memory balloon device type 'xen' is not supported by this version of qemu." : 'Cannot automatically add a new PCI bus for a device with connect flags 00 (a memballoon of model xen is no QEMU device: use virtio or none).'));
  }
  return out;
}
