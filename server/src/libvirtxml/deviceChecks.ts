import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DocView } from './view';
import { findingAt as on } from './ruleHelpers';
import { machineFamily } from './controllerChecks';

/**
 * Checks of the devices beside the disks and of a few domain features, in libvirt 9.0's words
 * (each labelled with `virsh define --validate` on the QEMU driver, test/fixtures/libvirtdomain/):
 * character devices (serial, parallel, console, channel), BIOS serial output, Hyper-V spinlocks,
 * interfaces (a bridge's source, an MTU) and a Xen memory balloon. One pass over the devices each.
 */

const CHARDEVS = new Set(['serial', 'parallel', 'console', 'channel']);
/** Chardev types whose <source> must name a path (a unix virtio or xen channel gets one from libvirt). */
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

/**
 * The character device behind a device, as libvirt parses it: the element carrying type= and the
 * <source> children (a chardev itself, a USB redirection, a smartcard in passthrough mode, an
 * RNG's egd <backend>), or null for a device that has none.
 */
function chardevOf(d: XmlElement): XmlElement | null {
  if (CHARDEVS.has(d.name) || d.name === 'redirdev') return d;
  if (d.name === 'smartcard') return attrValue(d, 'mode') === 'passthrough' ? d : null;
  if (d.name !== 'rng') return null;
  const backend = child(d, 'backend');
  return backend && attrValue(backend, 'model') === 'egd' ? backend : null;
}

/** Where libvirt's QEMU driver puts the sockets of virtio channels (qemu.conf's channel_target_dir, by default). */
const CHANNEL_TARGET_DIR = '/var/lib/libvirt/qemu/channel/target';

/**
 * Whether libvirt generates a unix chardev's socket itself, and so binds it (qemuDomainChrDefPostParse):
 * no path, or, on a virtio channel, a path its own pattern takes for one it generated and drops
 * (qemuDomainChrDefDropDefaultPath: "^DIR/([^/]+\\.)|(domain-[^/]+/)NAME$", the alternation
 * unbracketed, so any path ending in domain-X/NAME matches).
 */
function generatedPath(d: XmlElement, path: string | undefined): boolean {
  if (path === undefined) return true;
  const target = d.name === 'channel' ? child(d, 'target') : undefined;
  if (!target || attrValue(target, 'type') !== 'virtio') return false;
  if (path.startsWith(`${CHANNEL_TARGET_DIR}/`)) {
    const rest = path.slice(CHANNEL_TARGET_DIR.length + 1);
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).indexOf('.', 1) > 0) return true;
  }
  const name = attrValue(target, 'name') ?? '';
  if (!path.endsWith(`/${name}`)) return false;
  const dir = path.slice(0, path.length - name.length - 1);
  const segment = dir.slice(dir.lastIndexOf('/') + 1);
  const at = segment.indexOf('domain-');
  return at >= 0 && at + 'domain-'.length < segment.length;
}

/**
 * The first refusal of a chardev's <source>s in libvirt's order: the parser (how many sources,
 * their mode, a reconnect enabled without timeout), domain_validate.c's
 * virDomainChrSourceDefValidate (the path, host or service the type needs, reconnect only when
 * connecting), then the QEMU driver (a reconnect timeout of 0).
 */
function chardevSourceFinding(d: XmlElement, c: XmlElement, type: XmlAttribute): Finding | null {
  const sources = childrenNamed(c, 'source');
  if (sources.length > 1 && type.value !== 'udp') return { ...on(sources[1], 'only one source element is allowed for character device.'), stage: 'parse' };
  if (sources.length > 2) return { ...on(sources[2], 'only two source elements are allowed for character device.'), stage: 'parse' };
  if (MODE_TYPES.has(type.value)) {
    const bad = sources.map((s) => attr(s, 'mode')).find((m) => m && m.value !== 'bind' && m.value !== 'connect');
    if (bad) return { ...on(bad, `Invalid value for attribute 'mode' in element 'source': '${bad.value}'.`), stage: 'parse' };
  }
  const first = sources[0];
  const reconnect = first && (type.value === 'tcp' || type.value === 'unix') ? child(first, 'reconnect') : undefined;
  const enabled = reconnect && attrValue(reconnect, 'enabled') === 'yes';
  if (enabled && !attr(reconnect, 'timeout')) return { ...on(reconnect, "Missing required attribute 'timeout' in element 'reconnect'."), stage: 'parse' };
  const has = (name: string) => !!first && !!attr(first, name);
  // a unix virtio or xen channel gets a path from libvirt
  const channelTarget = d.name === 'channel' ? attrValue(child(d, 'target') ?? d, 'type') : undefined;
  const autoPath = type.value === 'unix' && (channelTarget === 'virtio' || channelTarget === 'xen');
  if (PATH_TYPES.has(type.value) && !autoPath && !has('path')) return on(type, 'Missing source path attribute for char device.');
  if (type.value === 'tcp' && !has('host')) return on(type, 'Missing source host attribute for char device.');
  if (type.value === 'tcp' && !has('service')) return on(type, 'Missing source service attribute for char device.');
  // udp: the service of the (first) source in connect mode, the default
  if (type.value === 'udp' && !sources.some((s) => attrValue(s, 'mode') !== 'bind' && attr(s, 'service'))) return on(type, 'Missing source service attribute for char device.');
  if (enabled && (attrValue(first!, 'mode') === 'bind' || (type.value === 'unix' && generatedPath(d, attrValue(first!, 'path'))))) return on(reconnect, 'chardev reconnect is possible only for connect mode.');
  if (enabled && /^\s*0+\s*$/.test(attrValue(reconnect, 'timeout') ?? '')) return on(attr(reconnect, 'timeout')!, "chardev reconnect source timeout cannot be '0'.");
  return null;
}

/** Character devices: spicevmc other than a virtio channel (the parser), spicevmc without SPICE graphics, their <source>s (chardevSourceFinding), and a serial target's model against its type. */
export function chardevFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  let spice = false;
  const osType = view.os && child(view.os, 'type');
  const s390 = !!osType && (attrValue(osType, 'arch') ?? '').startsWith('s390');
  for (const d of view.devices) if (d.name === 'graphics' && attrValue(d, 'type') === 'spice') spice = true;
  for (const d of view.devices) {
    const c = chardevOf(d);
    const type = c && attr(c, 'type');
    if (!type) continue;
    // the parser takes a spicevmc character device only as a virtio channel (a console's virtio target is not one)
    if (type.value === 'spicevmc' && CHARDEVS.has(d.name) && !(d.name === 'channel' && attrValue(child(d, 'target') ?? d, 'type') === 'virtio')) {
      out.push({ ...on(type, 'spicevmc device type only supports virtio.'), stage: 'parse' });
      continue;
    }
    if (type.value === 'spicevmc' && SPICEVMC_DEVICES.has(d.name) && !spice) {
      out.push(on(type, "chardev 'spicevmc' not supported without spice graphics."));
      continue;
    }
    const sourceFinding = chardevSourceFinding(d, c, type);
    if (sourceFinding) {
      out.push(sourceFinding);
      continue;
    }
    if (!CHARDEVS.has(d.name)) continue;
    const consoleType = d.name === 'console' ? child(d, 'target') && attrValue(child(d, 'target')!, 'type') : undefined;
    if ((consoleType === 'sclp' || consoleType === 'sclplm') && !s390) {
      // the QEMU driver checks the consoles with the domain, before any device
      out.push({ ...on(attr(child(d, 'target')!, 'type')!, `${consoleType}console is not supported in this QEMU binary.`), stage: 'validate-domain-driver' });
      continue;
    }
    // other hypervisors' consoles: refused with the consoles, before any device (labelled: after the controllers' post-parse)
    if (consoleType && FOREIGN_CONSOLES.has(consoleType)) {
      out.push({ ...on(attr(child(d, 'target')!, 'type')!, `unsupported console target type ${consoleType} (QEMU has serial and virtio consoles).`), stage: 'validate-domain-driver' });
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

/** An interface <driver name>: a host device's driver on a hostdev interface, else a network backend (the schema takes any of the five). */
const HOSTDEV_DRIVER_NAMES = new Set(['kvm', 'vfio', 'xen']);
const BACKEND_DRIVER_NAMES = new Set(['qemu', 'vhost']);
const ALL_DRIVER_NAMES = new Set([...HOSTDEV_DRIVER_NAMES, ...BACKEND_DRIVER_NAMES]);

/** Interface types QEMU can set an MTU on. */
const MTU_TYPES = new Set(['network', 'bridge', 'ethernet', 'vhostuser']);

/** An <interface type="bridge"> needs its <source>; an <mtu> only on the types QEMU sets one for. */
export function interfaceFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const type = d.name === 'interface' ? attr(d, 'type') : undefined;
    if (!type) continue;
    if (type.value === 'bridge' && !child(d, 'source')) out.push({ ...on(type, "interface type='bridge' requires a 'source' element."), stage: 'parse' });
    // what the parser reads of the interface: <acpi index> (not zero), the outbound bandwidth
    // (no floor), and a virtualport's parameters where libvirt needs them all (bridge, direct, hostdev)
    const acpi = child(d, 'acpi');
    const acpiIndex = acpi && attr(acpi, 'index');
    if (acpiIndex && /^\s*0+\s*$/.test(acpiIndex.value)) out.push({ ...on(acpiIndex, "Invalid value for attribute 'index' in element 'acpi': Zero is not permitted."), stage: 'parse' });
    const outbound = child(d, 'bandwidth') && child(child(d, 'bandwidth')!, 'outbound');
    const floor = outbound && attr(outbound, 'floor');
    if (floor && /^\s*\d+\s*$/.test(floor.value) && Number(floor.value) > 0) out.push({ ...on(floor, "'floor' attribute allowed only in <inbound> element."), stage: 'parse' });
    const vport = child(d, 'virtualport');
    const vportType = vport && attrValue(vport, 'type');
    if (vport && (type.value === 'bridge' || type.value === 'direct' || type.value === 'hostdev') && (vportType === '802.1Qbh' || vportType === '802.1Qbg')) {
      const params = child(vport, 'parameters');
      const needed = vportType === '802.1Qbh' ? ['profileid'] : ['managerid', 'typeid', 'typeidversion'];
      const missing = needed.find((n) => !params || attr(params, n) === undefined);
      if (missing) out.push({ ...on(vport, `missing ${missing} in <virtualport type='${vportType}'>.`), stage: 'parse' });
    }
    // the <driver name> is a host device's driver (kvm, vfio, xen) on a hostdev interface and a
    // backend (qemu, vhost) on a virtio one, read after the rest of the interface (labelled); on
    // any other model (e1000e, rtl8139, none written) libvirt does not read it (labelled: vfio and
    // kvm pass there)
    const virtio = VIRTIO_NET_MODELS.has(modelTypeOf(d) ?? '');
    const driverName = (type.value === 'hostdev' || virtio) && child(d, 'driver') ? attr(child(d, 'driver')!, 'name') : undefined;
    const names = type.value === 'hostdev' ? HOSTDEV_DRIVER_NAMES : BACKEND_DRIVER_NAMES;
    if (driverName && ALL_DRIVER_NAMES.has(driverName.value) && !names.has(driverName.value)) {
      out.push({ ...on(driverName, `Invalid value for attribute 'name' in element 'driver': '${driverName.value}'.`), stage: 'parse' });
    }
    // the device validation's first interface checks (labelled: before a vhost-user model, a
    // guest IP, an MTU or coalescing): an isolated port is a bridge's (or a libvirt network's,
    // known only when the guest starts); libvirt names the interface by its MAC, in lower case
    const port = child(d, 'port');
    if (port && attrValue(port, 'isolated') === 'yes' && type.value !== 'bridge' && type.value !== 'network') {
      const mac = child(d, 'mac') && attrValue(child(d, 'mac')!, 'address');
      out.push({ ...on(port, `interface ${mac?.toLowerCase() ?? '(its generated MAC)'} - <port isolated='yes'/> is not supported for network interfaces with type='${type.value}'.`), stage: 'validate-device' });
    }
    // a vhost-user NIC is a virtio-net device served by another process: no other model, and no
    // reconnecting when libvirt's end listens (mode="server")
    if (type.value === 'vhostuser') {
      const vhostUser = vhostUserNetProblem(d);
      if (vhostUser) out.push({ ...vhostUser, stage: 'validate-device' });
    }
    // guest-side addresses and routes: only a user (SLIRP) interface can be told them
    const guestIp = type.value !== 'user' ? d.children.find((c) => c.name === 'ip' || c.name === 'route') : undefined;
    if (guestIp) out.push({ ...on(guestIp, 'Invalid attempt to set network interface guest-side IP route and/or address info, not supported by QEMU.'), stage: 'validate-device' });
    const mtu = child(d, 'mtu');
    // size 0 is libvirt's "not set": accepted on every type (virsh define --validate, libvirt 9.0)
    if (mtu && !MTU_TYPES.has(type.value) && !/^\s*0+\s*$/.test(attrValue(mtu, 'size') ?? '')) out.push({ ...on(mtu, `setting MTU on interface type ${type.value} is not supported yet.`), stage: 'validate-device' });
    const queue = queueSizeProblem(d);
    if (queue) out.push(queue);
    // a usb-net NIC has no PCI connection, yet without an address libvirt 9.0 looks for a PCI slot for it
    if (modelTypeOf(d) === 'usb-net' && !child(d, 'address')) out.push({ ...on(child(d, 'model')!, 'Cannot automatically add a new PCI bus for a device with connect flags 00 (a usb-net interface without an address: give it <address type="usb" bus="0" port="..."/>).'), stage: 'address' });
    // a vDPA device is a virtio one
    const modelType = child(d, 'model') && attrValue(child(d, 'model')!, 'type');
    if (type.value === 'vdpa' && modelType !== undefined && modelType !== 'virtio') out.push({ ...on(child(d, 'model')!, `invalid model for interface of type 'vdpa': '${modelType}'.`), stage: 'validate-device' });
    // interrupt coalescing is set on the host's tap device of a network or bridge interface only
    const coalesce = child(d, 'coalesce');
    if (coalesce && type.value !== 'network' && type.value !== 'bridge') out.push({ ...on(coalesce, `coalesce settings on interface type ${type.value} are not supported.`), stage: 'validate-device' });
    // the common interface validation, after the QEMU driver's: a persistent teaming member is a
    // virtio-net NIC (libvirt's default model here is rtl8139), a transient one a host device
    const teaming = child(d, 'teaming');
    const teamingType = teaming && attrValue(teaming, 'type');
    const model = modelType ?? 'rtl8139';
    if (teamingType === 'persistent' && !VIRTIO_NET_MODELS.has(model)) out.push({ ...on(teaming!, `virtio-net teaming persistent interface must be <model type='virtio'/>, not '${model}'.`), stage: 'validate-device' });
    else if (teamingType === 'transient' && type.value !== 'hostdev') out.push({ ...on(teaming!, `virtio-net teaming transient interface must be type='hostdev', not '${type.value}'.`), stage: 'validate-device' });
    // the parser reads a guest <ip> before the <backend>: an IPv4 prefix above 32, then a backend type libvirt 9.0 does not know (passt came in 9.2; the schema lists it already)
    const ipPrefix = ipPrefixProblem(d);
    if (ipPrefix) out.push({ ...ipPrefix, stage: 'parse' });
    else {
      const backendType = child(d, 'backend') && attr(child(d, 'backend')!, 'type');
      if (backendType && backendType.value !== 'default') out.push({ ...on(backendType, `Invalid value for attribute 'type' in element 'backend': '${backendType.value}'.`), stage: 'parse' });
    }
  }
  return out;
}

/** An interface <ip> whose address is IPv4 and whose prefix is above 32: "Invalid prefix value '33' in <ip>". */
function ipPrefixProblem(d: XmlElement): Finding | null {
  for (const ip of d.children) {
    if (ip.name !== 'ip') continue;
    const address = attrValue(ip, 'address');
    const prefix = attr(ip, 'prefix');
    const n = prefix && /^[0-9]{1,3}$/.test(prefix.value.trim()) ? Number(prefix.value.trim()) : undefined;
    if (address !== undefined && /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/.test(address) && n !== undefined && n > 32) return on(prefix!, `Invalid prefix value '${prefix!.value}' in <ip>.`);
  }
  return null;
}

/**
 * A device's <rom> with enabled="no" and bar= or file= as well: libvirt's parser refuses the
 * tuning of a ROM it is told to leave out ("ROM tuning is not supported when ROM is disabled",
 * labelled: while the devices are read, before a later device kind's parse errors).
 */
export function romTuningFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const rom = d.name === 'interface' || d.name === 'hostdev' ? child(d, 'rom') : undefined;
    if (rom && attrValue(rom, 'enabled') === 'no' && (attr(rom, 'bar') || attr(rom, 'file'))) out.push({ ...on(rom, 'ROM tuning is not supported when ROM is disabled.'), stage: 'parse' });
  }
  return out;
}

/** A vhost-user <interface>: a virtio-net model (virtio, virtio-transitional, virtio-non-transitional), and no enabled <reconnect> in server mode. */
function vhostUserNetProblem(d: XmlElement): Finding | null {
  const model = child(d, 'model');
  if (!VIRTIO_NET_MODELS.has((model && attrValue(model, 'type')) ?? '')) {
    return on(model ?? d, "Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend.");
  }
  const source = child(d, 'source');
  const reconnect = source && attrValue(source, 'mode') === 'server' ? child(source, 'reconnect') : undefined;
  if (reconnect && attrValue(reconnect, 'enabled') === 'yes') return on(reconnect, "'reconnect' attribute unsupported 'server' mode for <interface type='vhostuser'>.");
  return null;
}

const modelTypeOf = (d: XmlElement) => {
  const m = child(d, 'model');
  return m ? attrValue(m, 'type') : undefined;
};

const VIRTIO_NET_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

/** A virtio NIC's <driver rx_queue_size> and tx_queue_size (0 or absent: QEMU's default) are powers of two. */
function queueSizeProblem(d: XmlElement): Finding | null {
  const model = child(d, 'model');
  const driver = child(d, 'driver');
  if (!driver || !model || !VIRTIO_NET_MODELS.has(attrValue(model, 'type') ?? '')) return null;
  for (const name of ['rx_queue_size', 'tx_queue_size']) {
    const a = attr(driver, name);
    const n = a && /^\s*\d+\s*$/.test(a.value) ? Number(a.value) : 0;
    if (n > 0 && !Number.isInteger(Math.log2(n))) return on(a!, `${name} has to be a power of two.`);
  }
  return null;
}

/**
 * A <sound model="ich7"> is bhyve's: libvirt 9.0's QEMU driver has no PCI connection for it, so
 * without an address it fails looking for a bus (at address assignment, before validation), with
 * a PCI address as a model QEMU lacks.
 */
export function soundModelFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const model = d.name === 'sound' ? attr(d, 'model') : undefined;
    if (!model || model.value !== 'ich7') continue;
    const address = child(d, 'address');
    if (!address) out.push(on(model, 'Cannot automatically add a new PCI bus for a device with connect flags 00 (a sound card of model ich7 is no QEMU device: use ich9, ich6 or ac97).'));
    else if (attrValue(address, 'type') === 'pci') out.push(on(model, "sound card model 'ich7' is not supported by qemu."));
  }
  return out;
}

/** A <memballoon model="xen"> is Xen's: QEMU has no such device. */
export function memballoonFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    const model = d.name === 'memballoon' ? attr(d, 'model') : undefined;
    if (!model || model.value !== 'xen') continue;
    // without an address libvirt fails first looking for a bus to put it on, at address assignment (before any device is validated)
    if (child(d, 'address')) out.push(on(model, "Memory balloon device type 'xen' is not supported by this version of qemu."));
    else out.push({ ...on(model, 'Cannot automatically add a new PCI bus for a device with connect flags 00 (a memballoon of model xen is no QEMU device: use virtio or none).'), stage: 'address' });
  }
  return out;
}

/** The target model libvirt gives a serial of each target type on x86 when none is written (system-serial gets none there). */
const SERIAL_DEFAULT_MODEL: Record<string, string> = {
  'isa-serial': 'isa-serial',
  'usb-serial': 'usb-serial',
  'pci-serial': 'pci-serial',
  'spapr-vio-serial': 'spapr-vty',
  'sclp-serial': 'sclpconsole',
  'isa-debug': 'isa-debugcon',
};

/** Whether the guest is x86 (i686 or x86_64, or no arch with a pc or q35 machine). */
export function x86(view: DocView): boolean {
  const type = view.os && child(view.os, 'type');
  const arch = type ? attrValue(type, 'arch') : undefined;
  return arch === 'x86_64' || arch === 'i686' || (arch === undefined && view.kind === 'domain' && machineFamily(view) !== 'other');
}

/**
 * A serial port of another platform on an x86 guest: the ARM virt UART (system-serial, pl011),
 * the RISC-V virt one (system-serial, 16550a), pSeries' spapr-vio-serial (spapr-vty) or s390's
 * SCLP consoles. A model that names another target type is LIBVIRT-DOMAIN-CHARDEV's.
 */
export function serialMachineFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain' || !x86(view)) return [];
  const out: Finding[] = [];
  for (const d of view.devices) {
    const target = d.name === 'serial' ? child(d, 'target') : undefined;
    if (!target) continue;
    const type = attrValue(target, 'type') ?? 'isa-serial';
    const modelEl = child(target, 'model');
    const written = modelEl ? attrValue(modelEl, 'name') : undefined;
    if (written !== undefined && SERIAL_MODEL_TYPE[written] !== undefined && SERIAL_MODEL_TYPE[written] !== type) continue;
    const model = written ?? SERIAL_DEFAULT_MODEL[type];
    const foreign = (type === 'system-serial' && (model === 'pl011' || model === '16550a')) || type === 'spapr-vio-serial' || type === 'sclp-serial';
    if (!foreign || model === undefined) continue;
    const at = (modelEl && attr(modelEl, 'name')) ?? attr(target, 'type')!;
    out.push(on(at, `Serial device with target type '${type}' and target model '${model}' not compatible with guest architecture or machine type.`));
  }
  return out;
}

/**
 * Serials written with <target type="isa-serial">: x86 has four ISA serial ports (0 to 3). As the
 * devices are post-parsed (before the common checks such as the boot order: labelled), libvirt
 * walks those with a port in order, refusing a port above 3 ("Maximum supported number of ISA
 * serial ports is '4'") or one taken by an earlier one ("target port '1' already allocated"), then
 * gives those without a port the lowest free ones, refusing the one that finds none. A serial
 * without a target type is not counted (it becomes an isa-serial only later: two such at one port,
 * or one at port 4, pass).
 */
export function isaSerialPortFindings(view: DocView): Finding[] {
  const used = new Set<number>();
  const out: Finding[] = [];
  const unported: XmlElement[] = [];
  const max = (el: XmlElement | XmlAttribute): Finding => ({ ...on(el, "Maximum supported number of ISA serial ports is '4' (ports 0 to 3)."), stage: 'postparse-device' });
  for (const d of view.devices) {
    const target = d.name === 'serial' ? child(d, 'target') : undefined;
    if (!target || attrValue(target, 'type') !== 'isa-serial') continue;
    const port = attr(target, 'port');
    if (!port) {
      unported.push(target);
      continue;
    }
    if (!/^\s*\d{1,9}\s*$/.test(port.value)) continue;
    const n = Number(port.value);
    if (n > 3) out.push(max(port));
    else if (used.has(n)) out.push({ ...on(port, `target port '${n}' already allocated (another isa-serial uses it).`), stage: 'postparse-device' });
    used.add(n);
  }
  const free = [0, 1, 2, 3].filter((n) => !used.has(n)).length;
  if (unported.length > free) out.push(max(unported[free]!));
  return out;
}

const TRANSITIONAL = new Set(['virtio-transitional', 'virtio-non-transitional']);
/** Console target types of other hypervisors (Xen, UML, LXC, OpenVZ). */
const FOREIGN_CONSOLES = new Set(['xen', 'uml', 'lxc', 'openvz']);

/** A virtio <input> (passthrough is one when no bus is written) of a transitional or non-transitional model: QEMU's virtio input devices come in one variant only. */
export function inputModelFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  const qemu = view.kind === 'domain' && ['qemu', 'kvm'].includes(attrValue(view.root, 'type') ?? '');
  for (const d of view.devices) {
    const bus = d.name === 'input' ? (attrValue(d, 'bus') ?? (attrValue(d, 'type') === 'passthrough' ? 'virtio' : undefined)) : undefined;
    // a virtio model needs the virtio bus (the common validation, virDomainInputDefValidate, before the QEMU driver's): an
    // input without bus= is on ps2 (mouse, keyboard) or usb (tablet); an evdev one's is the schema's check (deviceKindChecks.ts)
    const written = d.name === 'input' && attrValue(d, 'type') !== 'evdev' ? attr(d, 'model') : undefined;
    if (written && bus !== 'virtio' && (written.value === 'virtio' || TRANSITIONAL.has(written.value))) {
      out.push(on(written, `only bus 'virtio' is supported for input model '${written.value}'${attrValue(d, 'bus') === undefined ? ' (an input without bus= is on ps2 or usb)' : ''}.`));
      continue;
    }
    const model = bus === 'virtio' ? attr(d, 'model') : undefined;
    if (model && TRANSITIONAL.has(model.value)) out.push(on(model, `virtio (non-)transitional models are not supported for input type=${attrValue(d, 'type') ?? ''}.`));
    // the Xen paravirtual input bus is no QEMU device: libvirt's QEMU driver refuses it at define
    const xen = bus === 'xen' && qemu ? attr(d, 'bus') : undefined;
    if (xen) out.push(on(xen, 'unsupported input bus xen (QEMU has ps2, usb and virtio input devices).'));
  }
  return out;
}
