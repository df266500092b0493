import { CATALOG, DISK_BUSES, DISK_DEVICES, DISK_TYPES, NETWORK_PROTOCOLS } from './catalog';
import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, Span, XmlAttribute, XmlElement } from './types';
import type { DiskView } from './view';
import { DOMAIN_CONF, DOMAIN_VALIDATE, QEMU_VALIDATE, SCHEMA } from './ruleRow';
import type { Rule } from './ruleRow';
import { DOMAIN_EARLY_ROWS, DOMAIN_ROWS } from './domainRules';
import { diskDrive, diskNameIndex, driveArgs, driveKey } from './domainHelpers';
import { bootElements } from './view';
import { usb2CompanionAddresses } from './controllerChecks';
import { domainUnknownNames, timerShapeFindings } from './schemaShapes';
import { blankPadded, blankValueFindings, domainNumberFindings, domainValueFindings } from './schemaValues';
import { backingStoreFindings, mirrorFindings, newerNameFindings, sourceSeclabelFindings } from './diskStructure';
import { vhostUserFindings } from './vhostUserDisk';
import { busOptionFindings, copyOnReadFindings, deviceAddressNumberFindings, encryptionFindings, hostNameFindings, iotuneFindings, iotuneGroupFindings, settledIotuneGroups, sourceChildFindings, networkHostsFindings, numberFindings, qemuFormatFindings, rbdNameFindings, shareableFormatFindings, transientFindings } from './diskOptions';
import { attrSpan, authFieldFindings, authSecretTypeFindings, duplicates, eachDisk, eachKnown, elSpan, expectedBusesForDev, isPositiveDecimal, pciKey } from './ruleHelpers';

/**
 * THE table of libvirt <disk> rules. One row per diagnostic code.
 *
 * Severity policy: `error` when libvirt itself refuses the document (its
 * RelaxNG schema, its domain parser, or its QEMU driver at define/attach
 * time); `warning` when libvirt accepts it but QEMU or Nova will not behave
 * as the author expects; `information` for harmless but pointless input.
 * The schema and parser verdicts were checked against libvirt 9.0
 * (virt-xml-validate, and `virsh -c test:///default define --validate`).
 *
 * Checks are pure: they return findings (a span and message arguments) and
 * never build messages or choose severities; analyze.ts does that.
 */

export type { Finding } from './types';

export type { Rule } from './ruleRow';

/** The disk types a lun may have (libvirt's schema). */
const LUN_TYPES = ['block', 'network', 'volume'];
/** Which <source> attribute carries the location for each local disk type. */
const PATH_ATTR: Record<string, string> = { file: 'file', block: 'dev', dir: 'dir' };
const LOCATION_ATTRS = ['file', 'dev', 'dir', 'protocol', 'pool', 'volume'];
/** Where a disk's bus is written: bus=, else the target name it comes from. */
function busSpan(d: DiskView): Span {
  const a = attr(d.target!, 'bus') ?? attr(d.target!, 'dev');
  return a ? attrSpan(a) : d.target!.nameSpan;
}
/** The address types a virtio disk takes (ccw on s390, virtio-mmio on machines with that transport). */
const VIRTIO_ADDRESS_TYPES = ['pci', 'ccw', 'virtio-mmio'];
/** A target name as libvirt's schema has it; its parser is stricter (TARGET-DEVICE-NAME). */
const SCHEMA_DISK_NAME = /^(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+$/;
/**
 * The source path libvirt's messages name for a disk ('<null>' when it has none at define): the
 * file, device or directory; a network disk's name= (rbd and gluster keep what follows the pool
 * or volume); a volume or vhost-user disk has none.
 */
function sourcePath(d: DiskView): string {
  const src = d.source;
  const type = d.typeValue ?? 'file';
  const pathAttr = PATH_ATTR[type] ?? (type === 'network' ? 'name' : undefined);
  let path = src && pathAttr ? attrValue(src, pathAttr) : undefined;
  if (path && type === 'network') {
    const protocol = attrValue(src!, 'protocol');
    if (protocol === 'rbd' || protocol === 'gluster') path = path.slice(path.indexOf('/') + 1);
  }
  return path || '<null>';
}
/**
 * An NVMe disk's <source>: the schema wants type="pci", a namespace (a uint32: decimal, or up to 8
 * hex digits with or without 0x) and an <address>; the parser refuses namespace 0 ("NVMe namespace
 * can't be zero", labelled with virsh define --validate, libvirt 9.0).
 */
function nvmeSourceFindings(src: XmlElement): Finding[] {
  const out: Finding[] = [];
  const t = attr(src, 'type');
  if (!t || t.value !== 'pci') out.push({ span: t ? attrSpan(t) : src.nameSpan, args: { problem: 'An NVMe disk\'s <source> needs type="pci" (libvirt\'s schema).' } });
  const ns = attr(src, 'namespace');
  if (!ns) out.push({ span: src.nameSpan, args: { problem: 'An NVMe disk\'s <source> needs namespace=... (libvirt\'s schema).' } });
  else if (!/^(?:0x)?[0-9a-fA-F]{1,8}$/.test(ns.value) && !(/^\+?[0-9]{1,10}$/.test(ns.value) && Number(ns.value) <= 4294967295)) out.push({ span: attrSpan(ns), args: { problem: `<source namespace="${ns.value}"> is not a number libvirt's schema takes (0 to 4294967295, or 1 to 8 hex digits).` } });
  else if (/^0+$/.test(ns.value)) out.push({ span: attrSpan(ns), args: { problem: "NVMe namespace can't be zero." }, stage: 'parse' });
  if (!child(src, 'address')) out.push({ span: src.nameSpan, args: { problem: 'An NVMe disk\'s <source> needs the host device\'s <address domain= bus= slot= function=> (libvirt\'s schema).' } });
  return out;
}
/** The <source> attributes that must hold an absolute path. */
const PATH_SOURCE_ATTRS = ['file', 'dir'] as const;

function enumFindings(el: XmlElement, a: XmlAttribute | undefined, allowed: readonly string[], blanksParsed = false): Finding[] {
  if (!a || allowed.includes(a.value) || (blanksParsed && blankPadded(a.value, allowed))) return [];
  return [{ span: attrSpan(a), args: { attr: a.name, value: a.value, element: el.name, allowed: allowed.join(', ') } }];
}

/** (element, attribute) pairs whose values have a dedicated rule below. */
const DEDICATED_VALUE_RULES = new Set(['disk/type', 'disk/device', 'target/bus', 'source/protocol', 'secret/type']);

const ROWS = [
  // ---- names and enumerated values: libvirt's RelaxNG schema ----
  {
    id: 'LIBVIRT-XML-UNKNOWN-ELEMENT',
    severity: 'error',
    message: '<{parent}> has no child element <{name}>.',
    fact: "libvirt's schema rejects element names it does not define (virt-xml-validate, virsh define --validate); a define without validation silently drops them, so the setting never takes effect.",
    upstream: SCHEMA,
    check: (view) =>
      eachKnown(view, (el, info, out) => {
        if (!info.closed) return;
        // indexed loops here and below: run once per process by the CLI, interpreted, where a for-of builds an iterator each time
        for (let i = 0; i < el.children.length; i++) {
          const c = el.children[i];
          if (!info.children.includes(c.name)) out.push({ span: c.nameSpan, args: { name: c.name, parent: el.name } });
        }
      }).concat(domainUnknownNames(view).elements),
  },
  {
    id: 'LIBVIRT-XML-UNKNOWN-ATTRIBUTE',
    severity: 'error',
    message: '<{element}> has no attribute "{name}".',
    fact: "libvirt's schema rejects attribute names it does not define; a define without validation ignores them silently (a typo such as cahce= just has no effect). A <timer> takes the attributes of its name's branch only: track on rtc and platform, frequency and mode on tsc, no tickpolicy on kvmclock and hypervclock.",
    upstream: SCHEMA,
    check: (view) => [
      ...eachKnown(view, (el, info, out) => {
        if (!info.closed) return;
        for (let i = 0; i < el.attributes.length; i++) {
          const a = el.attributes[i];
          if (!(a.name in info.attributes) && !a.name.includes(':')) out.push({ span: a.nameSpan, args: { name: a.name, element: el.name } });
        }
      }),
      ...timerShapeFindings(view),
      ...domainUnknownNames(view).attributes,
    ],
  },
  {
    id: 'LIBVIRT-XML-NEWER-THAN-9',
    severity: 'error',
    message: "{what} is newer than libvirt 9.0 ({since}): libvirt 9.0's schema does not know it, so a 9.0 host refuses the domain.",
    fact: "Some names of the <disk> subtree were added after libvirt 9.0, the release bdm-lab is checked against: <driver discard_no_unref> (libvirt 9.5), <driver><iothreads> (libvirt 10.0), <blockio discard_granularity>. libvirt 9.0's schema refuses them (virsh define --validate: \"Element domain failed to validate content\"), and a define without validation drops them.",
    upstream: SCHEMA,
    check: (view) => newerNameFindings(view),
  },
  {
    id: 'LIBVIRT-DISK-TYPE-VALUE',
    severity: 'error',
    message: 'Disk type "{value}" does not exist; use one of {allowed}.',
    fact: '<disk type> names the kind of backing storage; libvirt knows file, block, dir, network, volume, nvme and vhostuser.',
    upstream: 'libvirt docs/formatdomain.rst (Hard drives, floppy disks, CDROMs)',
    check: (view) => eachDisk(view, (d) => enumFindings(d.el, d.type, DISK_TYPES, true)),
  },
  {
    id: 'LIBVIRT-DISK-DEVICE-VALUE',
    severity: 'error',
    message: 'Disk device "{value}" does not exist; use one of {allowed}.',
    fact: '<disk device> says how the guest sees the disk: disk (default), cdrom, floppy or lun.',
    upstream: SCHEMA,
    check: (view) => eachDisk(view, (d) => enumFindings(d.el, d.device, DISK_DEVICES, true)),
  },
  {
    id: 'LIBVIRT-DISK-BUS-VALUE',
    severity: 'error',
    message: 'Target bus "{value}" does not exist; use one of {allowed}.',
    fact: '<target bus> selects the emulated controller: ide, fdc, scsi, virtio, xen, usb, sata, sd (uml is obsolete).',
    upstream: SCHEMA,
    check: (view) => eachDisk(view, (d) => (d.target ? enumFindings(d.target, attr(d.target, 'bus'), DISK_BUSES, true) : [])),
  },
  {
    id: 'LIBVIRT-DISK-DRIVER-VALUE',
    severity: 'error',
    message: 'Driver {attr}="{value}" is not a value libvirt accepts; use one of {allowed}.',
    fact: 'The <driver> attributes type (image format), cache, io, discard, detect_zeroes, error_policy and the on/off switches take fixed value lists in libvirt.',
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        const out: Finding[] = [];
        const attrs = d.driver ? d.driver.attributes : [];
        for (let i = 0; i < attrs.length; i++) {
          const info = CATALOG.driver.attributes[attrs[i].name];
          if (info?.values && !info.suggestOnly) out.push(...enumFindings(d.driver!, attrs[i], info.values, true));
        }
        return out;
      }),
  },
  {
    id: 'LIBVIRT-DISK-PROTOCOL-VALUE',
    severity: 'error',
    message: 'Network protocol "{value}" does not exist; use one of {allowed}.',
    fact: 'A network disk names its protocol in <source protocol>; libvirt knows nbd, rbd, sheepdog, gluster, iscsi, http, https, ftp, ftps, tftp, vxhs and nfs.',
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => (d.typeValue === 'network' && d.source ? enumFindings(d.source, attr(d.source, 'protocol'), NETWORK_PROTOCOLS, true) : [])),
  },
  {
    id: 'LIBVIRT-XML-ATTR-VALUE',
    severity: 'error',
    message: '<{element} {attr}="{value}"> is not a value libvirt accepts; use one of {allowed}.',
    fact: "Enumerated attributes in the <disk> subtree (target tray, host transport, address type, encryption format, source startupPolicy, ...) only take the values libvirt's schema lists; so do those of the rest of the domain where every branch of the schema lists its values (<clock offset>, a <timer present>, <interface type>, <hostdev type>, a serial or console <target type>, a SPICE <image compression>, a feature's state, ...), which virsh define --validate refuses with \"Element domain failed to validate content\" (checked on libvirt 9.0).",
    upstream: SCHEMA,
    check: (view) => [
      ...eachKnown(view, (el, info, out) => {
        if (el.name === 'driver') return;
        for (let i = 0; i < el.attributes.length; i++) {
          const a = el.attributes[i];
          const ai = info.attributes[a.name];
          if (!ai?.values || ai.suggestOnly || DEDICATED_VALUE_RULES.has(`${el.name}/${a.name}`)) continue;
          out.push(...enumFindings(el, a, ai.values));
        }
      }),
      ...domainValueFindings(view),
    ],
  },
  {
    id: 'LIBVIRT-XML-ATTR-NUMBER',
    severity: 'error',
    message: '<{element} {attr}="{value}"> must be {kind}.',
    fact: "libvirt's schema types the numbers of the <disk> subtree: <driver queues> and queue_size and <target rotation_rate> are positive integers (0 is refused), <driver iothread> an iothread id of 1 or more (the schema takes 0, but libvirt's parser refuses it, even on a disk given alone: \"Invalid value for attribute 'iothread' in element 'driver': Zero is not permitted\", checked on libvirt 9.0), and libvirt's parser refuses a negative <geometry> or <blockio> number; a PCI <address> has bus 0-0xff, slot 0-0x1f and function 0-7; a drive <address> has controller, bus and target of 1 or 2 decimal digits (0-99) and a unit of 1 to 5 (0-99999). The schema holds every device's guest <address> (a <hostdev>'s, a <controller>'s, ...) to the same forms. Beside the disks: a <graphics> port, tlsPort and websocket are integers from -1 to 65535, a <controller> index, ports and vectors and a video <model> vram, ram, vgamem, vram64 and heads non-negative integers, a <memballoon><stats period> and an <rng><rate> bytes and period positive integers (0 is refused), an <os><bootmenu timeout> 0-65535, an <os><bios rebootTimeout> -1 to 32767, a Hyper-V <spinlocks retries> a non-negative integer, an interface <driver queues> a positive integer and a <vlan><tag id> 0-4095 (checked with virsh define --validate, libvirt 9.0).",
    upstream: SCHEMA,
    check: (view) => [...eachDisk(view, numberFindings), ...deviceAddressNumberFindings(view), ...domainNumberFindings(view)],
  },
  {
    id: 'LIBVIRT-XML-ATTR-BLANKS',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema compares an enumerated value as a token, so blanks around it pass (cache=\"none \", <cpu mode=\"host-model \">, <clock offset=\" utc\">); its parser then reads the value as written and refuses it: a disk's type, device, <target bus>, <source protocol> and <driver> switches (cache, io, discard, error_policy, detect_zeroes, ...) with \"Invalid value for attribute 'cache' in element 'driver': 'none '\", the <driver type> (\"unknown driver format value\"), and the cpu mode, match, check and model fallback, the clock offset and timers, the numatune mode, and the type or model of a memballoon, graphics, interface, controller, video, input, chardev, console target, rng and watchdog action, each in its own words. A <graphics autoport=\"yes \"> is accepted. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA}; ${DOMAIN_CONF}; libvirt src/conf/cpu_conf.c`,
    check: (view) => [
      ...eachDisk(view, (d) => {
        const out: Finding[] = [];
        const at = (el: XmlElement | undefined, name: string, allowed: readonly string[]) => {
          const a = el && attr(el, name);
          if (a && blankPadded(a.value, allowed)) out.push({ span: attrSpan(a), args: { problem: `Invalid value for attribute '${name}' in element '${el!.name}': '${a.value}'.` } });
        };
        at(d.el, 'type', DISK_TYPES);
        at(d.el, 'device', DISK_DEVICES);
        at(d.target, 'bus', DISK_BUSES);
        if (d.typeValue === 'network') at(d.source, 'protocol', NETWORK_PROTOCOLS);
        const attrs = d.driver ? d.driver.attributes : [];
        for (let i = 0; i < attrs.length; i++) {
          const a = attrs[i];
          const info = CATALOG.driver.attributes[a.name];
          if (!info?.values || info.suggestOnly || !blankPadded(a.value, info.values)) continue;
          out.push({ span: attrSpan(a), args: { problem: a.name === 'type' ? `unknown driver format value '${a.value}'.` : `Invalid value for attribute '${a.name}' in element 'driver': '${a.value}'.` } });
        }
        return out;
      }),
      ...blankValueFindings(view),
    ],
  },
  // ---- structure: target and source ----
  {
    id: 'LIBVIRT-DISK-TARGET-MISSING',
    severity: 'error',
    message: 'The disk has no <target dev=... bus=...>.',
    fact: "Every <disk> needs a <target>: libvirt's schema requires it and the parser refuses a disk without one.",
    upstream: SCHEMA,
    check: (view) => eachDisk(view, (d) => (d.target ? [] : [{ span: d.el.nameSpan }])),
  },
  {
    id: 'LIBVIRT-DISK-TARGET-DEV',
    severity: 'error',
    message: 'Target dev "{value}" is not a disk name libvirt accepts (fd, hd, sd, vd, xvd or ubd followed by letters/digits).',
    fact: "libvirt's schema requires <target dev> and restricts it to a known prefix (fd, hd, sd, vd, xvd, ubd, optionally ioemu:) followed by letters, digits or _.",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        if (!d.target) return [];
        const dev = attr(d.target, 'dev');
        if (!dev) return [{ span: d.target.nameSpan, args: { value: '' } }];
        return SCHEMA_DISK_NAME.test(dev.value) ? [] : [{ span: attrSpan(dev), args: { value: dev.value } }];
      }),
  },
  {
    id: 'LIBVIRT-DISK-SOURCE-ATTR',
    severity: 'error',
    message: '{problem}',
    fact: 'The <source> attribute depends on <disk type>: file -> file=, block -> dev=, dir -> dir=, network -> protocol= and name=, volume -> pool= and volume=. An attribute of another type does not match any schema branch. A pool name is one or more characters without a slash, a volume name the same but not . nor .. (the schema\'s objectName and volName).',
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        const src = d.source;
        const type = d.typeValue ?? 'file';
        if (!src) return [];
        if (type === 'nvme') return nvmeSourceFindings(src);
        const own = PATH_ATTR[type] ? [PATH_ATTR[type]] : type === 'network' ? ['protocol'] : type === 'volume' ? ['pool', 'volume'] : null;
        if (!own) return [];
        const out: Finding[] = [];
        for (let i = 0; i < LOCATION_ATTRS.length; i++) {
          const n = LOCATION_ATTRS[i];
          const a = own.includes(n) ? undefined : attr(src, n);
          if (a) out.push({ span: a.nameSpan, args: { problem: `A disk of type "${type}" takes <source ${own.join('= ')}=...>, not ${n}=.` } });
        }
        if (type === 'network' || type === 'volume') {
          for (const n of own.filter((o) => !attr(src, o))) {
            out.push({ span: src.nameSpan, args: { problem: `A disk of type "${type}" needs <source ${n}=...>.` } });
          }
        }
        // a pool is a name without '/' (objectName), a volume a name without '/' other than . and .. (volName)
        const pool = type === 'volume' ? attr(src, 'pool') : undefined;
        if (pool && !/^[^/\n]+$/.test(pool.value)) out.push({ span: pool.nameSpan, args: { problem: `<source pool="${pool.value}"> is not a pool name libvirt's schema takes (one or more characters, no '/').` } });
        const vol = type === 'volume' ? attr(src, 'volume') : undefined;
        if (vol && (!/^[^/]+$/.test(vol.value) || vol.value === '.' || vol.value === '..')) out.push({ span: vol.nameSpan, args: { problem: `<source volume="${vol.value}"> is not a volume name libvirt's schema takes (one or more characters, no '/', not . or ..).` } });
        return out;
      }),
  },
  {
    id: 'LIBVIRT-DISK-SOURCE-PATH',
    severity: 'error',
    message: '{attr}="{value}" is not an absolute path.',
    fact: "libvirt's schema requires an absolute path for <source file> and <source dir> (a relative path would depend on libvirtd's working directory).",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        if (!d.source) return [];
        const out: Finding[] = [];
        for (let i = 0; i < PATH_SOURCE_ATTRS.length; i++) {
          const n = PATH_SOURCE_ATTRS[i];
          const a = attr(d.source, n);
          if (a && !/^(\/|[a-zA-Z]:\\).+|^\[[^\]]+\] .+/.test(a.value)) out.push({ span: attrSpan(a), args: { attr: n, value: a.value } });
        }
        return out;
      }),
  },
  {
    id: 'LIBVIRT-DISK-SOURCE-MISSING',
    severity: 'error',
    message: 'missing source information for device {dev}: a {device} of type "{type}" needs a <source {attr}=...>; only cdrom and floppy may be empty.',
    fact: 'libvirt refuses a disk or lun without source information ("missing source information for device"); only cdrom and floppy drives may have no medium.',
    upstream: DOMAIN_CONF,
    check: (view) =>
      eachDisk(view, (d) => {
        const type = d.typeValue ?? 'file';
        const pathAttr = PATH_ATTR[type];
        if (!pathAttr || d.deviceValue === 'cdrom' || d.deviceValue === 'floppy') return [];
        if (d.source && LOCATION_ATTRS.some((n) => attr(d.source!, n))) return [];
        return [{ span: (d.source ?? d.el).nameSpan, args: { dev: d.dev ?? '', device: d.deviceValue, type, attr: pathAttr } }];
      }),
  },
  {
    id: 'LIBVIRT-DISK-LUN-TYPE',
    severity: 'error',
    message: 'device="lun" needs a block, network or volume source, not type "{type}".',
    fact: "A lun passes SCSI commands through to real storage, so libvirt's schema accepts it only with type block, network or volume (not file, dir, nvme or vhostuser).",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        const type = d.typeValue ?? 'file';
        // an unknown type is LIBVIRT-DISK-TYPE-VALUE's
        return d.deviceValue === 'lun' && (DISK_TYPES as readonly string[]).includes(type) && !LUN_TYPES.includes(type) ? [{ span: attrSpan(d.device!), args: { type } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-BACKING-STORE',
    severity: 'error',
    message: '{problem}',
    fact: "A <backingStore> describes the image under the disk's own (and nests for the next one); an empty <backingStore/> says the chain ends there. One that names an image (a type= or any child) needs a <format type=...> (libvirt's schema, and its parser: \"missing disk backing store format\") and a <source> (\"missing disk backing store source\"), checked on libvirt 9.0. A <mirror> (a block job's destination) has the schema's two forms: file= with job=\"copy\" or none, or no file= and job=\"copy\" or \"active-commit\".",
    upstream: `${SCHEMA}; ${DOMAIN_CONF}`,
    check: (view) => eachDisk(view, (d) => [...backingStoreFindings(d), ...mirrorFindings(d)]),
  },
  {
    id: 'LIBVIRT-DISK-SOURCE-SECLABEL',
    severity: 'error',
    message: '{problem}',
    fact: "A <seclabel> inside a disk's <source> changes the security label of that image only, in one of three forms: relabel=\"no\" (leave the image's label alone), labelskip=\"yes\", or one or more <label> children; libvirt refuses a label together with relabel=\"no\" (\"Cannot specify a label if relabelling is turned off\"), a <seclabel> with neither, and children other than <label> (checked on libvirt 9.0).",
    upstream: `${SCHEMA} (devSeclabel); ${DOMAIN_CONF}`,
    check: (view) => eachDisk(view, sourceSeclabelFindings),
  },
  // ---- network disks and authentication ----
  {
    id: 'LIBVIRT-DISK-NETWORK-NAME',
    severity: 'error',
    message: 'missing name for disk source: a {protocol} source needs name= (rbd: pool/image, iscsi: target IQN/LUN).',
    fact: 'libvirt refuses a network source without a name ("missing name for disk source"), except for nbd where the export name is optional.',
    upstream: DOMAIN_CONF,
    check: (view) =>
      eachDisk(view, (d) => {
        const protocol = d.source && attrValue(d.source, 'protocol');
        return d.typeValue === 'network' && protocol && protocol !== 'nbd' && !attr(d.source!, 'name') ? [{ span: d.source!.nameSpan, args: { protocol } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-NETWORK-HOST',
    severity: 'error',
    message: 'A {protocol} source needs at least one <host name=... port=.../>.',
    fact: "libvirt's schema requires a <host> for every network protocol except rbd (where librbd can read the monitors from ceph.conf).",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        const protocol = d.source && attrValue(d.source, 'protocol');
        return d.typeValue === 'network' && protocol && protocol !== 'rbd' && (NETWORK_PROTOCOLS as readonly string[]).includes(protocol) && !child(d.source!, 'host')
          ? [{ span: d.source!.nameSpan, args: { protocol } }]
          : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-NETWORK-HOSTS',
    severity: 'error',
    message: 'A {protocol} source takes exactly one <host>; only rbd and gluster list several.',
    fact: "libvirt's schema gives rbd (Ceph monitors) and gluster (volfile servers) a list of <host>s; every other network protocol (iscsi, nbd, http, https, ftp, ftps, tftp, nfs, ssh, ...) takes one, and a second is refused.",
    upstream: SCHEMA,
    check: (view) => eachDisk(view, networkHostsFindings),
  },
  {
    id: 'LIBVIRT-DISK-HOST-NAME',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema requires each network <host> to name its server (a non-empty name=, port= alone is not enough), or, with transport=\"unix\", its socket= (and then no name= nor port=, while socket= needs transport=\"unix\"). The name is a DNS name (ASCII letters, digits, dots and dashes, so an IPv4 address too) or a bare IPv6 address: brackets ([fd00::1]), an IPv6 zone (%eth0), a port after a colon, an underscore or a space are refused (checked with virsh define --validate, libvirt 9.0).",
    upstream: SCHEMA,
    check: (view) => eachDisk(view, hostNameFindings),
  },
  {
    id: 'LIBVIRT-DISK-RBD-NO-HOST',
    severity: 'warning',
    message: 'This rbd source lists no <host>: QEMU will take the Ceph monitors from the host\'s ceph.conf.',
    fact: 'libvirt accepts an rbd source without <host>; QEMU then lets librbd read the monitor addresses from /etc/ceph/ceph.conf on the compute host. Nova always writes one <host> per monitor from connection_info.',
    upstream: 'libvirt docs/formatdomain.rst (source, protocol rbd); nova/virt/libvirt/volume/net.py',
    check: (view) =>
      eachDisk(view, (d) => (d.typeValue === 'network' && d.source && attrValue(d.source, 'protocol') === 'rbd' && !child(d.source, 'host') ? [{ span: d.source.nameSpan }] : [])),
  },
  {
    id: 'LIBVIRT-DISK-PROTOCOL-REMOVED',
    severity: 'warning',
    message: 'Protocol "{protocol}" is still in libvirt\'s schema but current QEMU no longer has this block driver.',
    fact: 'QEMU removed its sheepdog and vxhs block drivers; libvirt still parses them, but a current QEMU cannot open such a disk.',
    upstream: 'QEMU docs/about/removed-features.rst',
    check: (view) =>
      eachDisk(view, (d) => {
        const p = d.source && attr(d.source, 'protocol');
        return d.typeValue === 'network' && p && (p.value === 'sheepdog' || p.value === 'vxhs') ? [{ span: attrSpan(p), args: { protocol: p.value } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-PROTOCOL-QEMU',
    severity: 'error',
    message: "'{protocol}' protocol is not supported with this QEMU binary: QEMU's -blockdev has no {protocol} driver.",
    fact: "libvirt's schema still lists tftp, but libvirt's QEMU driver opens disks with -blockdev, whose drivers include http, https, ftp and ftps and not tftp, so it refuses a tftp disk at define (checked on libvirt 9.0 with QEMU 7.2).",
    upstream: `${QEMU_VALIDATE}; QEMU qapi/block-core.json (BlockdevDriver)`,
    check: (view) =>
      eachDisk(view, (d) => {
        const p = d.source && attr(d.source, 'protocol');
        return d.typeValue === 'network' && p && p.value === 'tftp' ? [{ span: attrSpan(p), args: { protocol: p.value } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-AUTH-FIELDS',
    severity: 'error',
    message: '{problem}',
    fact: "In libvirt's schema <auth> needs username= and one <secret type=...> that names the libvirt secret by exactly one of uuid= or usage=. The username is letters, digits, _, + and - (a Ceph user \"client.cinder\" is refused: libvirt adds the client. prefix itself), and a usage one or more characters without '/' (an empty one is refused). Checked with virsh define --validate, libvirt 9.0.",
    upstream: SCHEMA,
    check: (view) => eachDisk(view, (d) => authFieldFindings(d)),
  },
  {
    id: 'LIBVIRT-DISK-AUTH-SECRET-TYPE',
    severity: 'error',
    message: '{problem}',
    fact: 'The secret type must match the protocol: rbd takes a "ceph" secret, iscsi an "iscsi" (CHAP) secret, and libvirt refuses the other ("invalid secret type"); http, https, ftp and ftps take either (a network cdrom over https with an iscsi secret is in libvirt\'s own test data); nbd, gluster, tftp, sheepdog, vxhs and nfs have no <auth> ("authentication is not supported for protocol": the schema refuses it inside their <source>, libvirt\'s validation of the disk an <auth> of the <disk> itself, before any other check of that disk). Checked with virsh define --validate, libvirt 9.0.',
    upstream: DOMAIN_CONF,
    check: (view) => eachDisk(view, (d) => authSecretTypeFindings(d)),
  },
  {
    id: 'LIBVIRT-DISK-STARTUP-POLICY',
    severity: 'error',
    message: '{problem}',
    fact: 'startupPolicy (what to do when the source is missing at start) does not exist for network disks, and "requisite" is allowed only for cdrom and floppy.',
    upstream: `${SCHEMA}; ${DOMAIN_CONF}`,
    check: (view) =>
      eachDisk(view, (d) => {
        const a = d.source && attr(d.source, 'startupPolicy');
        if (!a) return [];
        // the schema's network source has no startupPolicy
        if (d.typeValue === 'network') return [{ span: attrSpan(a), args: { problem: 'startupPolicy is not allowed on a network disk.' }, stage: 'schema' }];
        if (a.value === 'requisite' && d.deviceValue !== 'cdrom' && d.deviceValue !== 'floppy') {
          return [{ span: attrSpan(a), args: { problem: "disk startupPolicy 'requisite' is allowed only for cdrom or floppy." } }];
        }
        return [];
      }),
  },
  // ---- device kind, bus and target name ----
  {
    id: 'LIBVIRT-DISK-FLOPPY-BUS',
    severity: 'error',
    message: '{problem}',
    fact: 'libvirt ties floppies to the fdc bus both ways: a floppy on another bus and a non-floppy on fdc are refused ("Invalid bus type ... for floppy disk").',
    upstream: DOMAIN_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        const bus = d.target && attr(d.target, 'bus');
        if (!bus) return [];
        if (d.deviceValue === 'floppy' && bus.value !== 'fdc') return [{ span: attrSpan(bus), args: { problem: `Invalid bus type '${bus.value}' for floppy disk: a floppy must be on bus "fdc".` } }];
        if (d.deviceValue !== 'floppy' && bus.value === 'fdc') return [{ span: attrSpan(bus), args: { problem: `Invalid bus type 'fdc' for disk: bus "fdc" carries only floppies, not a ${d.deviceValue}.` } }];
        return [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-CDROM-BUS',
    severity: 'error',
    message: "disk type of '{dev}' does not support ejectable media: a cdrom cannot be on bus \"{bus}\"; use sata (q35), ide (pc) or scsi.",
    fact: "virtio-blk and SD cards have no removable media, and libvirt's QEMU driver refuses a cdrom on bus virtio or sd (\"disk type of 'vdc' does not support ejectable media\", libvirt 9.0). Nova puts config-drive cdroms on ide or sata.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDeviceDefDiskFrontend)`,
    check: (view) => eachDisk(view, (d) => (d.deviceValue === 'cdrom' && (d.bus === 'virtio' || d.bus === 'sd') ? [{ span: busSpan(d), args: { dev: d.dev ?? '', bus: d.bus } }] : [])),
  },
  {
    id: 'LIBVIRT-DISK-LUN-PROTOCOL',
    severity: 'error',
    message: 'disk device=\'lun\' is not supported for protocol=\'{protocol}\': of the network protocols only iscsi carries SCSI commands.',
    fact: "Of the network protocols only iSCSI carries SCSI commands; libvirt's QEMU driver refuses a lun over rbd, nbd and the others (\"disk device='lun' is not supported for protocol='rbd'\", checked on libvirt 9.0).",
    upstream: QEMU_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        const p = d.source && attr(d.source, 'protocol');
        return d.deviceValue === 'lun' && d.typeValue === 'network' && p && p.value !== 'iscsi' ? [{ span: attrSpan(p), args: { protocol: p.value } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-LUN-FORMAT',
    severity: 'error',
    message: 'disk device \'lun\' must use \'raw\' format, not "{format}": SCSI passthrough reaches the device itself.',
    fact: "SCSI passthrough reaches the device itself, so libvirt's QEMU driver refuses any image format but raw on a lun (\"disk device 'lun' must use 'raw' format\", checked on libvirt 9.0).",
    upstream: QEMU_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        const t = d.driver && attr(d.driver, 'type');
        return d.deviceValue === 'lun' && t && t.value !== 'raw' ? [{ span: attrSpan(t), args: { format: t.value } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-LUN-BUS',
    severity: 'error',
    message: "disk device='lun' is not supported for bus='{bus}': libvirt passes SCSI commands through only on scsi (or legacy virtio).",
    fact: "A lun forwards SCSI commands, which only a SCSI controller (virtio-scsi) or legacy virtio-blk SCSI passthrough can carry; libvirt's QEMU driver refuses other buses at definition (\"disk device='lun' is not supported for bus='sata'\", checked on libvirt 9.0).",
    upstream: QEMU_VALIDATE,
    check: (view) => eachDisk(view, (d) => (d.deviceValue === 'lun' && d.bus && d.bus !== 'scsi' && d.bus !== 'virtio' ? [{ span: busSpan(d), args: { bus: d.bus } }] : [])),
  },
  {
    id: 'LIBVIRT-DISK-DIR-FAT',
    severity: 'error',
    message: '{problem}',
    fact: "QEMU presents a host directory as a virtual FAT image; libvirt's QEMU driver refuses any other format (\"storage type 'dir' requires use of storage format 'fat'\") and read-write access (\"virtual FAT storage can't be accessed in read-write mode\"), checked on libvirt 9.0. A cdrom is read-only by nature.",
    upstream: QEMU_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        if (d.typeValue !== 'dir' || !d.source || !attr(d.source, 'dir')) return []; // an empty cdrom has no directory yet
        const t = d.driver && attr(d.driver, 'type');
        if (!t || t.value !== 'fat') return [{ span: t ? attrSpan(t) : attrSpan(d.type!), args: { problem: `storage type 'dir' requires use of storage format 'fat' (${t ? `format is "${t.value}"` : 'no format given'}): a directory disk is a virtual FAT, write <driver type="fat"/>.` } }];
        const ro = child(d.el, 'readonly') || d.deviceValue === 'cdrom';
        return ro ? [] : [{ span: attrSpan(d.type!), args: { problem: "virtual FAT storage can't be accessed in read-write mode: add <readonly/>." } }];
      }),
  },
  {
    id: 'LIBVIRT-DISK-TARGET-DEVICE-NAME',
    severity: 'error',
    message: '{problem}',
    fact: 'libvirt derives the disk index from the target name: a known prefix followed by lower-case letters only (vda, sdab; digits would name a partition, and libvirt refuses "vda1", "vd1" or "sdA" although its schema lets them through), and by its kind: a floppy must be named fd*, and a disk or lun must not be (libvirt refuses "Invalid floppy device name" / "Invalid harddisk device name"; checked on libvirt 9.0).',
    upstream: 'libvirt src/conf/domain_conf.c (virDiskNameToIndex)',
    check: (view) =>
      eachDisk(view, (d) => {
        const dev = d.target && attr(d.target, 'dev');
        if (!dev || !dev.value || !SCHEMA_DISK_NAME.test(dev.value)) return [];
        if (/^(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-z]+[0-9]+$/.test(dev.value)) return [{ span: attrSpan(dev), args: { problem: `invalid disk target '${dev.value}', partitions can't appear in disk targets.` } }];
        if (!/^(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-z]+$/.test(dev.value)) {
          // without an <address>, the disk's post-parse derives one from the name (virDomainDiskDefAssignAddress) and fails there
          if (!child(d.el, 'address')) return [{ span: attrSpan(dev), args: { problem: `Unknown disk name '${dev.value}' and no address specified. A target is a prefix and lower-case letters (vda, sdb).` }, stage: 'postparse-device' }];
          return [{ span: attrSpan(dev), args: { problem: `invalid disk target '${dev.value}'. A target is a prefix and lower-case letters (vda, sdb).` } }];
        }
        const fd = dev.value.startsWith('fd');
        if (d.deviceValue === 'floppy' && !fd) return [{ span: attrSpan(dev), args: { problem: `Invalid floppy device name: ${dev.value}. A floppy needs a target named fd* (fda, fdb).` } }];
        if ((d.deviceValue === 'disk' || d.deviceValue === 'lun') && fd) return [{ span: attrSpan(dev), args: { problem: `Invalid harddisk device name: ${dev.value}. fd* names floppies; a ${d.deviceValue} needs another prefix (vd, sd, hd).` } }];
        return [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-READONLY-BUS',
    severity: 'error',
    message: 'readonly {bus} disks are not supported: use virtio or scsi, or device="cdrom".',
    fact: "QEMU's IDE and AHCI hard-disk emulation cannot be read-only, so libvirt's QEMU driver refuses <readonly/> on an ide or sata disk (\"readonly ide disks are not supported\"); cdroms are fine.",
    upstream: QEMU_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        const ro = child(d.el, 'readonly');
        return ro && d.deviceValue === 'disk' && (d.bus === 'ide' || d.bus === 'sata') ? [{ span: ro.nameSpan, args: { bus: d.bus } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-ADDRESS-TYPE-BUS',
    severity: 'error',
    message: '{problem} A disk on bus "{bus}" needs <address type="{want}">.',
    fact: 'Disks on ide, sata, scsi and fdc controllers are addressed by controller/bus/target/unit; libvirt refuses another address type there ("Invalid address type ... for the disk"), a usb disk takes a usb address ("unexpected address type for usb disk") and a virtio disk is a PCI device (or, on other machines, ccw or virtio-mmio): any other address type (drive, usb, isa, dimm, ccid, virtio-serial, spapr-vio, unassigned) is refused ("virtio disk cannot have an address of type ..."), checked on libvirt 9.0.',
    upstream: DOMAIN_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        const a = child(d.el, 'address');
        const t = a && attr(a, 'type');
        if (!t || !d.bus) return [];
        if (['ide', 'sata', 'scsi', 'fdc'].includes(d.bus) && t.value !== 'drive') return [{ span: attrSpan(t), args: { bus: d.bus, want: 'drive', problem: `Invalid address type '${t.value}' for the disk '${d.dev ?? ''}' with the bus type '${d.bus}'.` } }];
        if (d.bus === 'usb' && t.value !== 'usb') return [{ span: attrSpan(t), args: { bus: d.bus, want: 'usb', problem: `unexpected address type for usb disk (type "${t.value}").` } }];
        // refused when libvirt gives the virtio disks their PCI slots, before any device is validated
        if (d.bus === 'virtio' && !VIRTIO_ADDRESS_TYPES.includes(t.value)) return [{ span: attrSpan(t), args: { bus: d.bus, want: 'pci', problem: `virtio disk cannot have an address of type '${t.value}'.` }, stage: 'address' }];
        return [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-BUS-OPTION',
    severity: 'error',
    message: '{problem}',
    fact: "Some disk options exist only for the bus or device kind that emulates them, and libvirt refuses them elsewhere at define (checked with virsh define --validate on the QEMU driver, libvirt 9.0): removable= only on usb; rotation_rate= only on a disk on scsi, ide or sata; tray= only on a cdrom or floppy; <wwn> (16 hex digits) only on ide or scsi and never on a lun; <serial> not on sd nor on a scsi lun; <vendor>/<product> only on scsi and never on a lun; <geometry> not on usb or sd, and its trans= only on ide; <driver ats= queues= event_idx= ioeventfd=> only on virtio; <disk model=> (a virtio variant) only on virtio; rawio=, sgio= and <source><reservations> only on a lun, and sgio=\"unfiltered\" no longer at all.",
    upstream: `${DOMAIN_VALIDATE}; ${QEMU_VALIDATE}`,
    check: (view) => eachDisk(view, busOptionFindings),
  },
  {
    id: 'LIBVIRT-DISK-COPY-ON-READ-READONLY',
    severity: 'error',
    message: '{problem}',
    fact: 'copy_on_read="on" writes the data it reads from a backing image into the disk\'s own image, so libvirt\'s QEMU driver refuses it on a read-only disk (every cdrom is read-only) on a floppy, whose media can change, and on a lun (SCSI passthrough).',
    upstream: QEMU_VALIDATE,
    check: (view) => eachDisk(view, copyOnReadFindings),
  },
  {
    id: 'LIBVIRT-DISK-TRANSIENT',
    severity: 'error',
    message: '{problem}',
    fact: "<transient/> makes QEMU write to a throw-away overlay; libvirt's QEMU driver takes it only on a writable disk (device disk, not <readonly/>) of type file with a source file, and refuses it on block, network and volume disks, cdroms, floppies and luns; its shareBacking=\"yes\" (overlays of several guests over one backing image) works on virtio, scsi and usb disks and is refused on ide, sata and sd (checked on libvirt 9.0).",
    upstream: QEMU_VALIDATE,
    check: (view) => eachDisk(view, transientFindings),
  },
  {
    id: 'LIBVIRT-DISK-SHAREABLE-FORMAT',
    severity: 'error',
    message: '{problem} Use <driver type="raw"/> or make the disk <readonly/>.',
    fact: 'Only a raw image can be written by several QEMU processes at once; libvirt\'s QEMU driver refuses a writable <shareable/> disk whose <driver type> is any other format (qcow2, vmdk, ...); a read-only one (or a cdrom) is fine, and so is one with no format given, except a volume disk, whose format libvirt does not know at define.',
    upstream: `${QEMU_VALIDATE}; libvirt src/qemu/qemu_block.c (qemuBlockStorageSourceSupportsConcurrentAccess)`,
    check: (view) => eachDisk(view, shareableFormatFindings),
  },
  {
    id: 'LIBVIRT-DISK-FORMAT-QEMU',
    severity: 'error',
    message: '{problem}',
    fact: "The schema lists formats that the QEMU driver takes only under another name or storage type: 'iso' is refused (QEMU reads an ISO image as raw), and 'fat' exists only for a type=\"dir\" disk (a directory shown as a virtual FAT); the same holds for the <format> of each <backingStore> of the chain, checked after the disk's own; a <driver><metadata_cache><max_size> above 0 sizes qcow2's metadata cache, so it needs <driver type=\"qcow2\"> written.",
    upstream: QEMU_VALIDATE,
    check: (view) => eachDisk(view, qemuFormatFindings),
  },
  {
    id: 'LIBVIRT-DISK-VHOSTUSER',
    severity: 'error',
    message: '{problem}',
    fact: "A <disk type=\"vhostuser\"> is a vhost-user-blk device: another process (SPDK, for instance) serves the blocks through the UNIX socket of its <source type=\"unix\" path=...> (a <reconnect> is the only child it takes), so QEMU has no block layer to configure for it. libvirt 9.0 takes it only on the virtio bus, with snapshot=\"no\" if written, and refuses at define every option that block layer would apply: <driver> cache, io, discard, detect_zeroes, error_policy and rerror_policy, copy_on_read, ioeventfd, iothread and a metadata_cache size, and <iotune> limits or group, <backingStore> (even an empty one), <encryption>, <readonly/> (so a cdrom), <shareable/>, <transient/>, <serial>, <wwn>, <vendor>, <product>, <auth>, a <geometry> and a <blockio> size (\"cache is not supported with vhostuser disk\", checked with virsh define --validate). Its type=\"raw\", queues, queue_size, packed, iommu and ats are fine.",
    upstream: `${DOMAIN_VALIDATE} (virDomainDiskVhostUserValidate); ${SCHEMA}`,
    check: (view) => eachDisk(view, vhostUserFindings),
  },
  {
    id: 'LIBVIRT-DISK-ENCRYPTION',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's QEMU driver encrypts disks with LUKS only: <encryption format=\"qcow\"> (and \"default\") is the old qcow encryption QEMU dropped, and is refused; a disk's <encryption> holds at most one <secret type=\"passphrase\"> (by uuid= or usage=) and no <cipher> or <ivgen>; a lun passes SCSI commands through and cannot be encrypted; the image under LUKS must be raw or qcow2; engine=\"librbd\" is for rbd disks only.",
    upstream: QEMU_VALIDATE,
    check: (view) => eachDisk(view, encryptionFindings),
  },
  {
    id: 'LIBVIRT-DISK-RBD-NAME',
    severity: 'error',
    message: '{problem} Write name="pool/image" (gluster: volume/path).',
    fact: 'libvirt splits an rbd (gluster) source name at its first "/" into the Ceph pool (the gluster volume) and the image; a name without a pool before a "/" is refused when the domain is parsed.',
    upstream: DOMAIN_CONF,
    check: (view) => eachDisk(view, rbdNameFindings),
  },
  {
    id: 'LIBVIRT-DISK-IOTUNE',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema takes, for each kind of limit (bytes or IOPS per second, their _max bursts and _max_length), either a total or separate read and write limits, never both, each element once and as an integer of 0 or more; its QEMU driver refuses a <group_name> when no limit is set (above 0) on any disk of that group (a disk of the group without limits takes the group's: checked with virsh define --validate, libvirt 9.0), and any limit but the *_max_length burst seconds above 10^15. White space before a number is fine, but libvirt's parser reads each number to the element's end and refuses white space after it (\"disk iotune field 'total_bytes_sec' must be an integer\", checked on libvirt 9.0).",
    upstream: `${SCHEMA}; ${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => {
      const settled = settledIotuneGroups(view.disks);
      return eachDisk(view, (d) => iotuneFindings(d, settled));
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-IOTUNE-GROUP',
    severity: 'error',
    message: '{problem}',
    fact: 'Disks that name the same <iotune><group_name> share one QEMU throttle group, so libvirt\'s QEMU driver refuses a domain where they carry different limits.',
    upstream: QEMU_VALIDATE,
    check: (view) => iotuneGroupFindings(view.disks),
  },
  {
    id: 'LIBVIRT-DISK-SOURCE-PROTOCOL-CHILD',
    severity: 'error',
    message: '<{child}> is not valid in a {protocol} source; it belongs to {owners}.',
    fact: "libvirt's schema gives each network protocol its own <source> children: <ssl> for https and ftps, <cookies> for http and https, <readahead> and <timeout> for the curl protocols, <snapshot> and <config> for rbd, <initiator> for iscsi; libvirt 9.0 has no <reconnect> in any network source (only in a vhostuser disk's).",
    upstream: SCHEMA,
    check: (view) => eachDisk(view, sourceChildFindings),
  },
  {
    id: 'LIBVIRT-DISK-NFS-IDENTITY',
    severity: 'error',
    message: 'An nfs source needs an <identity/> (user= and group= optional): libvirt 9.0\'s schema requires the element.',
    fact: "In libvirt 9.0's schema a network source of protocol nfs must carry an <identity> element (the user and group QEMU opens the export as, both optional); without it the document does not validate.",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => (d.typeValue === 'network' && d.source && attrValue(d.source, 'protocol') === 'nfs' && !child(d.source, 'identity') ? [{ span: d.source.nameSpan }] : [])),
  },
  {
    id: 'LIBVIRT-DISK-TARGET-PREFIX-BUS',
    severity: 'warning',
    message: 'Target dev "{dev}" suggests bus {expected}, but bus is "{bus}".',
    fact: 'libvirt accepts any prefix on any bus, but it derives the default bus and the drive address from the name (vd* virtio, sd* scsi/sata/usb, hd* ide, fd* fdc, xvd* xen); Nova names devices after their bus, so a mismatch is almost always a mistake.',
    upstream: `${DOMAIN_CONF} (virDomainDiskDefAssignAddress); nova/virt/libvirt/blockinfo.py`,
    check: (view) =>
      eachDisk(view, (d) => {
        if (!d.dev || !d.bus) return [];
        const expected = expectedBusesForDev(d.dev);
        return expected && !expected.includes(d.bus) ? [{ span: attrSpan(attr(d.target!, 'dev')!), args: { dev: d.dev, bus: d.bus, expected: expected.join(' or ') } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-TARGET-INDEX-BUS',
    severity: 'error',
    message: 'Only 1 {controller} controller is supported: target "{dev}" is disk number {index} on bus {bus}, which holds {max} ({names}) on its one controller.',
    fact: 'Without an <address>, libvirt places a disk by its target name; the QEMU driver has one IDE controller (4 disks: hda-hdd) and one floppy controller (2 drives: fda, fdb) and refuses more ("Only 1 IDE controller is supported"; checked on libvirt 9.0).',
    upstream: 'libvirt src/conf/domain_conf.c (virDomainDiskDefAssignAddress); src/qemu/qemu_validate.c',
    check: (view) =>
      eachDisk(view, (d) => {
        const dev = d.target && attr(d.target, 'dev');
        if (!dev || !d.bus || child(d.el, 'address')) return [];
        const lim = d.bus === 'ide' ? { max: 4, names: 'hda-hdd' } : d.bus === 'fdc' ? { max: 2, names: 'fda, fdb' } : null;
        if (!lim) return [];
        const m = /^(?:xvd|ubd|fd|hd|vd|sd)([a-z]+)$/.exec(dev.value);
        if (!m) return [];
        let index = 0;
        for (const ch of m[1]) index = index * 26 + (ch.charCodeAt(0) - 96);
        index -= 1;
        return index >= lim.max ? [{ span: attrSpan(dev), args: { controller: d.bus === 'ide' ? 'IDE' : 'fdc', dev: dev.value, index: String(index + 1), bus: d.bus, max: String(lim.max), names: lim.names } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-SERIAL-CHARS',
    severity: 'error',
    message: 'Serial "{value}" may contain only letters, digits, space and _ . + -',
    fact: "libvirt's schema restricts <serial> to letters, digits, space and _ . + - (QEMU passes it to the guest, where other characters break /dev/disk/by-id names).",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        const s = child(d.el, 'serial');
        return s && !/^[A-Za-z0-9_.+\- ]+$/.test(s.text) ? [{ span: s.nameSpan, args: { value: s.text } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-VENDOR-PRODUCT',
    severity: 'error',
    message: '<{element}> "{value}" must be at most {max} printable ASCII characters (space to ~).',
    fact: "libvirt's schema limits a disk's SCSI <vendor> to 8 and its <product> to 16 characters, each a printable ASCII character from space to ~ (what a SCSI INQUIRY reply holds); a longer value, a line break or a non-ASCII letter is refused.",
    upstream: SCHEMA,
    check: (view) =>
      eachDisk(view, (d) => {
        const out: Finding[] = [];
        for (const [name, max] of [['vendor', 8], ['product', 16]] as const) {
          const el = child(d.el, name);
          if (el && (el.text.length > max || /[^\x20-\x7e]/.test(el.text))) out.push({ span: el.nameSpan, args: { element: name, value: el.text, max: String(max) } });
        }
        return out;
      }),
  },
  {
    id: 'LIBVIRT-DISK-BOOT-ORDER-VALUE',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema requires <boot order> to be a positive integer, digits alone (a space on either side is refused too). So is the <boot order> of an interface, host device or redirected USB device. The parser then reads it as an unsigned int: above 4294967295 it refuses it (\"Invalid value for attribute 'order' in element 'boot': '4294967296'. Expected non-negative integer value\", checked with virsh define --validate, libvirt 9.0).",
    upstream: `${SCHEMA}; ${DOMAIN_CONF}`,
    check: (view) => bootElements(view).flatMap((b): Finding[] => {
      const o = attr(b, 'order');
      // a disk's <boot> needs order=; the other devices' <boot> (interfaces, host devices, redirected USB devices) are typed alike
      if (!o) return b.parent?.name === 'disk' ? [{ span: b.nameSpan, args: { problem: 'Boot order "" must be a positive integer (1 boots first).' } }] : [];
      if (!isPositiveDecimal(o.value)) return [{ span: attrSpan(o), args: { problem: `Boot order "${o.value}" must be a positive integer (1 boots first).` } }];
      const digits = o.value.replace(/^0+/, '');
      if (digits.length < 10 || (digits.length === 10 && digits <= '4294967295')) return [];
      return [{ span: attrSpan(o), stage: 'parse', args: { problem: `Invalid value for attribute 'order' in element 'boot': '${o.value}'. Expected non-negative integer value (a boot order is at most 4294967295).` } }];
    }),
  },
  // ---- across the domain ----
  {
    id: 'LIBVIRT-DOMAIN-DUPLICATE-TARGET',
    severity: 'error',
    message: "target '{dev}' duplicated for disk sources '{first}' and '{second}': each disk needs its own target dev.",
    fact: "Each disk's <target dev> must be unique in the domain; libvirt refuses duplicates (\"target ... duplicated for disk sources\").",
    upstream: DOMAIN_VALIDATE,
    check: (view) => {
      const seen = new Map<string, DiskView>();
      return eachDisk(view, (d) => {
        const dev = d.target && attr(d.target, 'dev');
        if (!dev) return [];
        const first = seen.get(dev.value);
        if (!first) {
          seen.set(dev.value, d);
          return [];
        }
        return [{ span: attrSpan(dev), args: { dev: dev.value, first: sourcePath(first), second: sourcePath(d) } }];
      });
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-DUPLICATE-SERIAL',
    severity: 'warning',
    message: 'Serial "{serial}" is already used by another disk.',
    fact: 'libvirt and QEMU accept duplicate serials, but the guest then sees two disks with the same /dev/disk/by-id name, and tools that find a volume by its serial (Nova writes the Cinder volume id there) pick the wrong one.',
    upstream: 'nova/virt/libvirt/volume/volume.py (serial = volume id)',
    check: (view) =>
      duplicates(view.disks.flatMap((d) => {
        const s = child(d.el, 'serial');
        return s && s.text.trim() ? [{ key: s.text.trim(), span: elSpan(s), args: { serial: s.text.trim() } }] : [];
      })),
  },
  {
    id: 'LIBVIRT-DOMAIN-DUPLICATE-BOOT-ORDER',
    severity: 'error',
    message: "boot order '{order}' used for more than one device.",
    fact: 'Boot orders must be unique across all devices of a domain; libvirt refuses a repeated one ("boot order ... used for more than one device"), comparing the numbers it read: order="01" repeats order="1" (checked with virsh define --validate, libvirt 9.0).',
    upstream: DOMAIN_CONF,
    check: (view) =>
      duplicates(bootElements(view).flatMap((b) => {
        const o = attr(b, 'order');
        if (!o) return [];
        // the number libvirt reads: leading zeros dropped (a value that is no number is LIBVIRT-DISK-BOOT-ORDER-VALUE's)
        const order = /^\s*[0-9]+\s*$/.test(o.value) ? o.value.trim().replace(/^0+(?=[0-9])/, '') : o.value.trim();
        return [{ key: order, span: attrSpan(o), args: { order } }];
      })),
  },
  {
    id: 'LIBVIRT-DOMAIN-BOOT-MIXED',
    severity: 'error',
    message: 'per-device boot elements cannot be used together with os/boot elements: remove the <boot order> or the <os><boot dev=.../>.',
    fact: 'libvirt refuses a domain that has both <os><boot dev> and per-device <boot order> ("per-device boot elements cannot be used together with os/boot elements").',
    upstream: DOMAIN_CONF,
    check: (view) => {
      const osBoot = view.os ? childrenNamed(view.os, 'boot') : [];
      return osBoot.length > 0 ? bootElements(view).map((b) => ({ span: b.nameSpan })) : [];
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-ADDRESS-DUP',
    severity: 'error',
    message: 'Attempted double use of PCI Address {address}: another device already sits there.',
    fact: 'Two devices cannot share a PCI domain:bus:slot.function; libvirt\'s QEMU driver refuses the domain ("Attempted double use of PCI Address"). The parts of an ICH9 USB2 set (ich9-ehci1 and its ich9-uhci1/2/3 companions of one index) written without an address go to the slot of the first part that has one, at function 7 for the EHCI master and 0, 1, 2 for the companions: a master written at function 0 collides with its first companion (checked with virsh define --validate, libvirt 9.0).',
    upstream: 'libvirt src/conf/domain_addr.c',
    check: (view) => {
      // an HVM guest's first <console> of target serial (or none) stands for the first <serial>
      // when there is one: libvirt walks no address of its own (virDomainSkipBackcompatConsole)
      const osType = view.os && child(view.os, 'type');
      const hvm = !osType || osType.text.trim() === 'hvm';
      const firstConsole = hvm && view.devices.some((d) => d.name === 'serial') ? view.devices.find((d) => d.name === 'console') : undefined;
      const aliasConsole = firstConsole && ['serial', undefined].includes(attrValue(child(firstConsole, 'target') ?? firstConsole, 'type')) ? firstConsole : undefined;
      return duplicates(view.devices.flatMap((dev) => {
        if (dev === aliasConsole) return [];
        // a USB controller of model none is no device: libvirt ignores its address
        if (dev.name === 'controller' && attrValue(dev, 'type') === 'usb' && attrValue(dev, 'model') === 'none') return [];
        // nor is an ibmvscsi SCSI controller a PCI device (it sits on pSeries' VIO bus): its PCI address is not reserved
        if (dev.name === 'controller' && attrValue(dev, 'type') === 'scsi' && attrValue(dev, 'model') === 'ibmvscsi') return [];
        const a = child(dev, 'address');
        const key = a && pciKey(a);
        return key ? [{ key, span: a!.nameSpan, args: { address: key } }] : [];
        // the parts of a USB2 set written without an address take their set's slot, after every written one
      }).concat(usb2CompanionAddresses(view).map(({ el, key }) => ({ key, span: el.nameSpan, args: { address: key } }))));
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP',
    severity: 'error',
    message: "Found duplicate drive address for disk with target name '{first}' controller='{controller}' bus='{bus}' target='{target}' unit='{unit}' ({kind} bus{implied}).",
    fact: 'Two disks on the same bus cannot share controller/bus/target/unit; libvirt refuses it ("Found duplicate drive address"). A disk without <address> gets one from its target name (scsi: sda unit 0 ... sdg unit 6, then the next controller; sata 6 units; ide hda-hdd over 2 buses of 2 units; fdc 2 units), so an explicit address can collide with a name. Nova computes the next free SCSI unit on attach for this reason.',
    upstream: `${DOMAIN_VALIDATE}; ${DOMAIN_CONF} (virDomainDiskDefAssignAddress)`,
    check: (view) => {
      // libvirt keeps a bus's disks sorted by the index of their names (hda before hdc, whatever
      // the document's order) and names the first of two that collide: per address, the disk of
      // lowest index (the earlier one on a tie); one pass to find it, one to report the others
      const keys: Array<string | null> = [];
      const firstOf = new Map<string, DiskView>();
      for (let i = 0; i < view.disks.length; i++) {
        const d = view.disks[i];
        const drive = d.bus ? diskDrive(d) : null;
        const key = drive ? `${d.bus}:${driveKey(drive.address)}` : null;
        keys.push(key);
        if (key === null) continue;
        const held = firstOf.get(key);
        if (!held || (diskNameIndex(d.dev ?? '') ?? -1) < (diskNameIndex(held.dev ?? '') ?? -1)) firstOf.set(key, d);
      }
      let n = 0;
      return eachDisk(view, (d) => {
        const key = keys[n++];
        const drive = key === null ? null : diskDrive(d);
        const held = key === null ? undefined : firstOf.get(key);
        if (!drive || !held || held === d) return [];
        const first = held.dev ?? '';
        const a = child(d.el, 'address');
        const span = a ? a.nameSpan : attrSpan(attr(d.target!, 'dev')!);
        return [{ span, args: { first, kind: d.bus!, implied: drive.explicit ? '' : `, implied by the name ${d.dev}`, ...driveArgs(drive.address) } }];
      });
    },
  },
  // ---- driver, cache and sharing: what QEMU and Nova make of it ----
  {
    id: 'LIBVIRT-DISK-DRIVER-NAME',
    severity: 'error',
    message: 'unsupported driver name \'{value}\' for disk \'{dev}\': libvirt\'s QEMU driver accepts only name="qemu".',
    fact: 'The schema takes a driver name of letters, digits, _, + and - (a blank or a dot is its refusal: "Element domain failed to validate content"), and the QEMU driver refuses anything but "qemu" ("unsupported driver name"). Nova writes name="qemu" for kvm/qemu guests. Checked with virsh define --validate, libvirt 9.0.',
    upstream: QEMU_VALIDATE,
    check: (view) =>
      eachDisk(view, (d) => {
        const n = d.driver && attr(d.driver, 'name');
        if (!n || n.value === 'qemu') return [];
        // a name out of basictypes.rng's genericName (letters, digits, _ + -) is the schema's refusal
        return [{ span: attrSpan(n), args: { value: n.value, dev: d.dev ?? '' }, ...(/^[a-zA-Z0-9_+-]+$/.test(n.value) ? {} : { stage: 'schema' as const }) }];
      }),
  },
  {
    id: 'LIBVIRT-DISK-IO-NATIVE-CACHE',
    severity: 'error',
    message: "io='native' needs either no disk cache or directsync cache mode: write cache=\"none\" or \"directsync\" (cache is {cache}).",
    fact: 'Linux native AIO works only with O_DIRECT. libvirt\'s QEMU driver refuses the definition ("io=\'native\' needs either no disk cache or directsync cache mode"; checked with virsh define --validate on qemu:///system, libvirt 9.0), QEMU itself refuses aio=native without cache.direct=on, and Nova switches io to threads (with a warning) when the cache mode is not none/directsync. The schema alone accepts the pair.',
    upstream: 'libvirt src/qemu/qemu_validate.c; QEMU block/file-posix.c; nova/virt/libvirt/driver.py (_set_cache_mode)',
    check: (view) =>
      eachDisk(view, (d) => {
        // a vhostuser disk takes neither (LIBVIRT-DISK-VHOSTUSER)
        const io = d.typeValue === 'vhostuser' ? undefined : d.driver && attr(d.driver, 'io');
        const cache = d.driver && attrValue(d.driver, 'cache');
        return io && io.value === 'native' && cache !== 'none' && cache !== 'directsync' ? [{ span: attrSpan(io), args: { cache: cache ? `"${cache}"` : 'unset, i.e. writeback' } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-SHAREABLE-CACHE',
    severity: 'warning',
    message: 'A shareable disk with cache="{cache}": use cache="none" so writers on other hosts are not hidden behind this host\'s page cache.',
    fact: 'A disk written by several guests must bypass the host page cache; Nova forces cache none on every shareable (multiattach) disk for that reason.',
    upstream: 'nova/virt/libvirt/driver.py (_set_cache_mode)',
    check: (view) =>
      eachDisk(view, (d) => {
        const cache = d.driver && attr(d.driver, 'cache');
        return child(d.el, 'shareable') && cache && cache.value !== 'none' && cache.value !== 'directsync' ? [{ span: attrSpan(cache), args: { cache: cache.value } }] : [];
      }),
  },
  {
    id: 'LIBVIRT-DISK-READONLY-SHAREABLE',
    severity: 'information',
    message: '<shareable/> adds nothing to a <readonly/> disk.',
    fact: 'Read-only disks can already be opened by several guests; <shareable/> only matters for disks that are written (it relaxes image locking and Nova sets cache none for it).',
    upstream: 'libvirt docs/formatdomain.rst (shareable)',
    check: (view) =>
      eachDisk(view, (d) => {
        const sh = child(d.el, 'shareable');
        return sh && child(d.el, 'readonly') ? [{ span: sh.nameSpan }] : [];
      }),
  },
] as const satisfies readonly Rule[];

/** A libvirt XML rule id: a typo fails the typecheck. */
export type LibvirtXmlRuleId = (typeof ROWS)[number]['id'] | (typeof DOMAIN_ROWS)[number]['id'] | (typeof DOMAIN_EARLY_ROWS)[number]['id'];
/**
 * The rows in the order libvirt's findings come: the <disk> rows of the schema and the parser, the
 * QEMU driver's checks of the whole domain, then the rows of the device-by-device validation and
 * the domain's. analyze.ts then orders the findings by libvirt's stage (stages.ts), keeping this
 * order where the stage does not decide, so the first error is libvirt's answer.
 */
const EARLY_AT = ROWS.findIndex((r) => r.id === 'LIBVIRT-DISK-FLOPPY-BUS');
export const RULES: readonly Rule[] = [...ROWS.slice(0, EARLY_AT), ...DOMAIN_EARLY_ROWS, ...ROWS.slice(EARLY_AT), ...DOMAIN_ROWS];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/**
 * Codes raised outside the table: by the parser (parse.ts), by libvirt's own
 * schema check (schemaCheck.ts) and for a crashed check (analyze.ts). Listed
 * here so hover and codeDescription can explain every code from one place.
 */
export const OTHER_CODES = {
  'LIBVIRT-XML-WELLFORMED': { fact: 'libvirt parses domain XML with libxml2 and refuses a document that is not well-formed XML.', upstream: 'libvirt src/util/virxml.c' },
  'LIBVIRT-XML-ENTITY-DECL': {
    fact: 'bdm-lab never expands entities, so a DOCTYPE that declares them is refused outright; libxml2 refuses the recursive ones too ("Detected an entity reference loop").',
    upstream: 'libvirt src/util/virxml.c (libxml2 parser)',
  },
  'LIBVIRT-XML-MULTIPLE-ROOTS': { fact: 'An XML document has exactly one root element; libxml2 stops with "Extra content at the end of the document".', upstream: 'libvirt src/util/virxml.c (libxml2 parser)' },
  'LIBVIRT-SCHEMA': { fact: "Reported by libvirt's own RelaxNG schema (domain.rng, what virt-xml-validate FILE domain checks), checked in bdm-lab's process by libxml2 compiled to WebAssembly, or by xmllint --nonet where that cannot load; not run on a document with a DOCTYPE, entity declarations or XInclude.", upstream: 'libvirt src/conf/schemas/domain.rng; tools/virt-xml-validate.in' },
  'LIBVIRT-INTERNAL': { fact: 'A bdm-lab check failed; the other checks still ran.', upstream: 'bdm-lab server/src/libvirtxml/analyze.ts' },
  'LIBVIRT-DOMAIN-HOST-DEPENDENT': {
    fact: "What libvirt decides by the host rather than by the document, said as information (hostNotes.ts): an emulated TPM needs the host's swtpm with the TPM version asked for (libvirt 9.0 refuses the definition without it: \"TPM version '2.0' is not supported\"), and an external TPM backend a QEMU that offers one. Checked with virsh define --validate, libvirt 9.0, on a host without swtpm.",
    upstream: 'libvirt src/qemu/qemu_validate.c (qemuValidateDomainDeviceDefTPM); libvirt src/util/virtpm.c (swtpm capabilities)',
  },
} as const satisfies Readonly<Record<string, { fact: string; upstream: string }>>;

/** Every code the libvirt XML domain raises: a table row or one of OTHER_CODES. */
export type LibvirtXmlCode = LibvirtXmlRuleId | keyof typeof OTHER_CODES;

/** Fact and upstream location for any code this folder raises. */
export function codeInfo(id: string): { fact: string; upstream: string } | undefined {
  const r = ruleById(id);
  return r ? { fact: r.fact, upstream: r.upstream } : (OTHER_CODES as Readonly<Record<string, { fact: string; upstream: string }>>)[id];
}
