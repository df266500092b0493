import { attrSpan, isPositiveDecimal, findingAt as on } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import type { DiskView, DocView } from './view';
import { diskNameIndex } from './domainHelpers';

/**
 * Checks of rules.ts rows about a <disk>'s options that only some buses or devices take, and
 * about its format, each in libvirt 9.0's own words (labelled with `virsh define --validate` on
 * the QEMU driver: test/fixtures/libvirtdomain/).
 */

/** libvirt makes every cdrom read-only when it parses the disk. */
export function readOnly(d: DiskView): boolean {
  return d.deviceValue === 'cdrom' || !!child(d.el, 'readonly');
}

/** <target> attributes: removable (usb only), rotation_rate (a disk on scsi/ide/sata), tray open (cdrom, floppy; closed is the default). */
function targetOptions(d: DiskView): Finding[] {
  const t = d.target;
  if (!t) return [];
  const out: Finding[] = [];
  const removable = attr(t, 'removable');
  if (removable && d.bus !== 'usb') out.push(on(removable, 'removable is only valid for usb disks.'));
  const rate = attr(t, 'rotation_rate');
  if (rate && d.bus && !['scsi', 'ide', 'sata'].includes(d.bus)) out.push(on(rate, 'rotation rate is only valid for SCSI/IDE/SATA bus.'));
  else if (rate && d.deviceValue !== 'disk' && d.bus) out.push(on(rate, 'rotation rate is only valid for disk device.'));
  const tray = attr(t, 'tray');
  if (tray && tray.value === 'open' && d.deviceValue !== 'cdrom' && d.deviceValue !== 'floppy') out.push(on(tray, 'tray is only valid for cdrom and floppy.'));
  return out;
}

/** <wwn>, <serial>, <vendor>/<product> and <geometry>: what the bus emulates. */
function identityOptions(d: DiskView): Finding[] {
  const out: Finding[] = [];
  const wwn = child(d.el, 'wwn');
  if (wwn && !/^(0x)?[0-9a-fA-F]{16}$/.test(wwn.text)) out.push(on(wwn, `<wwn> "${wwn.text}" must be 16 hex digits (a 0x before them is allowed).`));
  else if (wwn && d.bus && d.bus !== 'ide' && d.bus !== 'scsi') out.push(on(wwn, 'Only ide and scsi disk support wwn.'));
  else if (wwn && d.deviceValue === 'lun') out.push(on(wwn, 'Setting wwn is not supported for lun device.'));
  const serial = child(d.el, 'serial');
  if (serial && d.bus === 'sd') out.push(on(serial, "Serial property not supported for drive bus 'sd'."));
  else if (serial && d.bus === 'scsi' && d.deviceValue === 'lun') out.push(on(serial, "scsi-block 'lun' devices do not support the serial property."));
  const vp = child(d.el, 'vendor') ?? child(d.el, 'product');
  if (vp && d.bus && d.bus !== 'scsi') out.push(on(vp, 'Only scsi disk supports vendor and product.'));
  else if (vp && d.deviceValue === 'lun') out.push(on(vp, 'Setting vendor or product is not supported for lun device (a lun shows the real device\'s own).'));
  // libvirt looks at <geometry> only when cyls, heads and secs are all set (above 0)
  const g = child(d.el, 'geometry');
  const geo = g && ['cyls', 'heads', 'secs'].every((n) => Number(attrValue(g, n)) > 0) ? g : undefined;
  const trans = geo && attr(geo, 'trans');
  if (geo && (d.bus === 'usb' || d.bus === 'sd')) out.push(on(geo, `CHS geometry can not be set for '${d.bus}' bus.`));
  else if (trans && d.bus && d.bus !== 'ide') out.push(on(trans, `CHS translation mode can only be set for 'ide' bus not '${d.bus}'.`));
  return out;
}

/**
 * <driver queues= event_idx= ioeventfd=> (virtio-blk options) and the virtio transport options
 * iommu=, ats=, packed=, page_per_vq= off the virtio bus, whatever their value, in the order
 * libvirt 9.0 asks (virDomainDiskDefValidate, then virDomainCheckVirtioOptionsAreAbsent in
 * domain_validate.c).
 */
function driverOptions(d: DiskView): Finding[] {
  if (!d.driver || !d.bus || d.bus === 'virtio') return [];
  const out: Finding[] = [];
  const queues = attr(d.driver, 'queues');
  if (queues) out.push(on(queues, 'queues attribute in disk driver element is only supported by virtio-blk.'));
  for (const name of ['event_idx', 'ioeventfd']) {
    const a = attr(d.driver, name);
    if (a) out.push(on(a, `disk ${name} mode supported only for virtio bus.`));
  }
  for (const name of ['iommu', 'ats', 'packed']) {
    const a = attr(d.driver, name);
    if (a) out.push(on(a, `${name} driver option is only supported for virtio devices.`));
  }
  const ppv = attr(d.driver, 'page_per_vq');
  if (ppv) out.push(on(ppv, 'page_per_vq option is only supported for virtio devices.'));
  return out;
}

const DISK_MODELS = ['virtio', 'virtio-transitional', 'virtio-non-transitional'];

/** <disk model=> (a virtio variant) off virtio; rawio=, sgio= and <source><reservations> off a lun; sgio="unfiltered" at all. */
function deviceOptions(d: DiskView): Finding[] {
  const out: Finding[] = [];
  const model = attr(d.el, 'model');
  if (model && d.bus && d.bus !== 'virtio' && DISK_MODELS.includes(model.value)) out.push(on(model, `disk model '${model.value}' not supported for bus '${d.bus}'.`));
  const lun = d.deviceValue === 'lun';
  for (const name of ['rawio', 'sgio']) {
    const a = attr(d.el, name);
    if (a && !lun) out.push(on(a, `${name}= is only for device="lun" (libvirt's schema takes it nowhere else).`));
  }
  const sgio = attr(d.el, 'sgio');
  if (sgio && lun && sgio.value === 'unfiltered') out.push(on(sgio, 'unfiltered sgio is no longer supported.'));
  const resv = d.source && child(d.source, 'reservations');
  if (resv && !lun) out.push(on(resv, '<reservations/> allowed only for lun devices.'));
  return out;
}

/** Options a disk's bus or device kind does not take. */
export function busOptionFindings(d: DiskView): Finding[] {
  // a vhostuser disk has no <wwn>, <serial>, <vendor>, <product> nor <geometry> at all (LIBVIRT-DISK-VHOSTUSER)
  const identity = d.typeValue === 'vhostuser' ? [] : identityOptions(d);
  return [...targetOptions(d), ...identity, ...driverOptions(d), ...deviceOptions(d)];
}

/** copy_on_read="on" writes what it reads into the image: not on a read-only disk (a cdrom is one) nor on a floppy (removable media) or a lun. */
export function copyOnReadFindings(d: DiskView): Finding[] {
  const cor = d.driver && attr(d.driver, 'copy_on_read');
  if (!cor || cor.value !== 'on') return [];
  if (readOnly(d)) return [on(cor, `copy_on_read is not compatible with read-only disk '${d.dev ?? ''}'.`)];
  if (d.deviceValue === 'lun') return [on(cor, `copy_on_read is not compatible with 'lun' disk '${d.dev ?? ''}'.`)];
  return d.deviceValue === 'floppy' ? [on(cor, `copy_on_read is not supported with removable disk '${d.dev ?? ''}'.`)] : [];
}

/** A writable shareable disk must be raw when its format is given, and a volume disk must give it (only raw takes concurrent writers). */
export function shareableFormatFindings(d: DiskView): Finding[] {
  const fmt = d.driver && attr(d.driver, 'type');
  const sh = child(d.el, 'shareable');
  if (!sh || readOnly(d)) return [];
  // a volume disk's format is not known when the domain is defined
  if (!fmt) return d.typeValue === 'volume' ? [on(sh, `shared access for disk '${d.dev ?? ''}' requires use of supported storage format (a volume disk needs <driver type="raw"/> written).`)] : [];
  return fmt.value === 'raw' ? [] : [on(fmt, `shared access for disk '${d.dev ?? ''}' requires use of supported storage format.`)];
}

/** A <driver><metadata_cache><max_size> above 0: a qcow2 option. */
function metadataCacheSize(d: DiskView): XmlElement | undefined {
  const mc = d.driver && child(d.driver, 'metadata_cache');
  const size = mc && child(mc, 'max_size');
  return size && /^[0-9]+$/.test(size.text.trim()) && /[1-9]/.test(size.text) ? size : undefined;
}

/** Formats the QEMU driver takes under another name, or only with another storage type; a qcow2 cache size on another format. */
export function qemuFormatFindings(d: DiskView): Finding[] {
  const fmt = d.driver && attr(d.driver, 'type');
  // the schema lists luks among the formats, but it is no image format of libvirt's (virStorageFileFormat): the parser refuses it
  if (fmt?.value === 'luks') return [{ ...on(fmt, "unknown driver format value 'luks' (a LUKS image is raw or qcow2 with an <encryption format=\"luks\">)."), stage: 'parse' }];
  const cache = metadataCacheSize(d);
  // no format written counts as not qcow2 (libvirt 9.0 refuses it)
  if (cache && fmt?.value !== 'qcow2') return [on(cache, 'metadata cache max size control is supported only with qcow2 images.')];
  const top = fmt && storageFormatFinding(fmt, d.typeValue);
  if (top) return [top];
  // then each image of the backing chain, top down: libvirt validates every link's storage source as
  // it does the disk's own (labelled with virsh define --validate: an iso, dir, cow or non-dir fat backing format)
  for (let bs = child(d.el, 'backingStore'); bs; bs = child(bs, 'backingStore')) {
    const format = child(bs, 'format');
    const type = format && attr(format, 'type');
    const storage = attrValue(bs, 'type') ?? 'file';
    const link = type && storageFormatFinding(type, storage);
    if (link) return [link];
    // a backing directory is a virtual FAT as a dir disk is (read-only, as every backing image)
    if (storage === 'dir' && type && type.value !== 'fat') return [on(type, `storage type 'dir' requires use of storage format 'fat' (format is "${type.value}"): a backing directory is a virtual FAT.`)];
  }
  return [];
}

/** One storage source's format as the QEMU driver takes it (`storage`: its storage type, undefined where the disk names none). */
function storageFormatFinding(fmt: XmlAttribute, storage: string | undefined): Finding | undefined {
  if (fmt.value === 'cow') return on(fmt, "'cow' storage format is not supported.");
  if (fmt.value === 'dir') return on(fmt, "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead.");
  if (fmt.value === 'iso') return on(fmt, "storage format 'iso' is not directly supported by QEMU, use 'raw' instead.");
  // a volume's storage type is known only when the pool is asked, at start: libvirt 9.0 defines it
  if (fmt.value === 'fat' && storage !== 'dir' && storage !== 'volume') return on(fmt, "storage format 'fat' is supported only with 'dir' storage type.");
  return undefined;
}

/** <transient/>: a writable file disk (device disk) with a source; QEMU keeps its writes in an overlay thrown away at shutdown. */
export function transientFindings(d: DiskView): Finding[] {
  const t = child(d.el, 'transient');
  // libvirt refuses it on a vhostuser disk in that disk's words (LIBVIRT-DISK-VHOSTUSER)
  if (!t || d.typeValue === 'vhostuser') return [];
  const dev = d.dev ?? '';
  // libvirt 9.0 asks in this order (checked with virsh define --validate): empty, read-only, type, device
  const type = d.typeValue ?? 'file';
  const pathAttr = type === 'file' ? 'file' : type === 'block' ? 'dev' : type === 'dir' ? 'dir' : type === 'network' ? 'protocol' : '';
  if (pathAttr && (!d.source || !attr(d.source, pathAttr))) return [on(t, `transient disk '${dev}' must not be empty.`)];
  if (readOnly(d)) return [on(t, `transient disk '${dev}' must not be read-only.`)];
  if (type !== 'file') return [on(t, `transient disk supported only with 'file' type (${dev}).`)];
  if (d.deviceValue !== 'disk') return [on(t, `transient disk supported only with 'disk' device (${dev}).`)];
  const share = attr(t, 'shareBacking');
  // checked on libvirt 9.0: refused on ide, sata and sd; virtio, scsi and usb take it
  return share && share.value === 'yes' && (d.bus === 'sata' || d.bus === 'ide' || d.bus === 'sd') ? [on(share, `disk bus '${d.bus}' doesn't support transiend disk backing image sharing (libvirt 9.0's words, "transiend" sic: a transient disk's backing image cannot be shared on this bus).`)] : [];
}

/**
 * <encryption> (in <disk> or <source>): only LUKS (format qcow, and default, is the old qcow
 * encryption), not on a lun. By engine (qemuDomainValidateStorageSource): the qemu engine (the
 * default) takes luks on a raw or qcow2 image only and no luks2; the librbd engine takes any image
 * format, and is refused only on a disk that is not a network disk (libvirt 9.0 asks "neither
 * network nor rbd", so another network protocol passes at define).
 */
export function encryptionFindings(d: DiskView): Finding[] {
  const enc = child(d.el, 'encryption') ?? (d.source ? child(d.source, 'encryption') : undefined);
  if (!enc) return [];
  const fmt = attr(enc, 'format');
  if (fmt && (fmt.value === 'qcow' || fmt.value === 'default')) return [on(fmt, 'old qcow/qcow2 encryption is not supported.')];
  const secretFindings = encryptionSecretFindings(enc);
  if (secretFindings.length) return secretFindings;
  if (d.deviceValue === 'lun') return [on(enc, "disk device 'lun' doesn't support encryption.")];
  const engine = attr(enc, 'engine');
  if (engine && engine.value === 'librbd') return d.typeValue === 'network' ? [] : [on(engine, 'librbd encryption is supported only with RBD backed disks.')];
  if (fmt && fmt.value === 'luks2') return [on(fmt, 'luks2 is currently not supported by the qemu encryption engine.')];
  const type = d.driver && attr(d.driver, 'type');
  if (type && type.value !== 'raw' && type.value !== 'qcow2') return [on(type, "encryption is supported only with 'raw' and 'qcow2' image format.")];
  // a volume disk's format is not known when the domain is defined
  if (!type && d.typeValue === 'volume') return [on(enc, "encryption is supported only with 'raw' and 'qcow2' image format (a volume disk needs <driver type=\"raw\"/> or qcow2 written).")];
  return [];
}

/**
 * What a disk's <encryption> holds, by libvirt's schema and parser: at most one <secret>, of type
 * passphrase, naming the secret by exactly one of uuid= or usage=; no <cipher> or <ivgen> (those
 * describe a storage volume's LUKS header, and a domain disk refuses them).
 */
function encryptionSecretFindings(enc: XmlElement): Finding[] {
  const out: Finding[] = [];
  let secrets = 0;
  for (const c of enc.children) {
    if (c.name === 'cipher' || c.name === 'ivgen') {
      out.push(on(c, `supplying <${c.name}> for domain disk definition is unnecessary (a disk's <encryption> takes no <${c.name}>).`));
      continue;
    }
    if (c.name !== 'secret') continue;
    if (++secrets > 1) {
      out.push(on(c, '<encryption> takes one <secret>.'));
      continue;
    }
    const type = attr(c, 'type');
    // the schema gives an encryption secret type="passphrase" only (virsh define --validate, libvirt 9.0)
    if (!type || type.value !== 'passphrase') out.push({ ...(type ? on(type, `An <encryption> secret is of type "passphrase", not "${type.value}" (libvirt's schema refuses the domain: "Element domain failed to validate content").`) : on(c, 'An <encryption> secret needs type="passphrase" (libvirt\'s schema refuses the domain: "Element domain failed to validate content").')), stage: 'schema' });
    else if ((attr(c, 'uuid') ? 1 : 0) + (attr(c, 'usage') ? 1 : 0) !== 1) out.push(on(c, '<secret> names the libvirt secret by exactly one of uuid= or usage=.'));
  }
  return out;
}

/** An rbd name= is pool/image and a gluster one volume/path: libvirt splits it at the first '/', which must follow the pool (volume) name. */
export function rbdNameFindings(d: DiskView): Finding[] {
  const protocol = d.typeValue === 'network' && d.source ? attr(d.source, 'protocol')?.value : undefined;
  const name = protocol === 'rbd' || protocol === 'gluster' ? attr(d.source!, 'name') : undefined;
  return name && !(name.value.indexOf('/') > 0) ? [on(name, `can't split path '${name.value}' into pool name and image name.`)] : [];
}

/** Network protocols whose schema takes several <host>s; every other one takes exactly one. */
const MULTI_HOST = new Set(['rbd', 'gluster']);

/** A second <host> for a single-host protocol (iscsi, nbd, http(s), ftp(s), ...). */
export function networkHostsFindings(d: DiskView): Finding[] {
  const protocol = d.typeValue === 'network' && d.source ? attr(d.source, 'protocol')?.value : undefined;
  if (!protocol || MULTI_HOST.has(protocol)) return [];
  const hosts = d.source!.children.filter((c) => c.name === 'host');
  return hosts.slice(1).map((h) => ({ span: h.nameSpan, args: { protocol } }));
}

/**
 * Numeric attributes of the <disk> subtree, as libvirt's schema and parser take them (positive: 1
 * and up; iothread: an unsigned int of 1 and up, the schema taking 0 and the parser refusing it;
 * size: 0 and up, a + allowed).
 */
const NUMBER_ATTRS: Readonly<Record<string, Readonly<Record<string, 'positive' | 'iothread' | 'size'>>>> = {
  driver: { queues: 'positive', queue_size: 'positive', iothread: 'iothread' },
  target: { rotation_rate: 'positive' },
  geometry: { cyls: 'size', heads: 'size', secs: 'size' },
  blockio: { logical_block_size: 'size', physical_block_size: 'size' },
};
const UINT_MAX = 4294967295;
const NUMBER_FORMS = {
  positive: { test: isPositiveDecimal },
  iothread: { test: (v: string) => isPositiveDecimal(v) && Number(v) <= UINT_MAX },
  size: /^\+?[0-9]+$/,
} as const;
const NUMBER_WORDS = { positive: 'a positive integer', iothread: 'an iothread id from 1 to 4294967295', size: 'an integer of 0 or more' } as const;

/** How the kind reads in the message: libvirt's own words where its parser, not its schema, refuses the value. */
function numberWords(kind: keyof typeof NUMBER_WORDS, el: XmlElement, a: XmlAttribute): string {
  // the schema takes any digits; the parser reads them and refuses zero (0, 00, ...)
  if (kind === 'iothread' && /^[0-9]+$/.test(a.value) && !/[1-9]/.test(a.value)) return `${NUMBER_WORDS[kind]}: libvirt refuses it with "Invalid value for attribute '${a.name}' in element '${el.name}': Zero is not permitted"`;
  return NUMBER_WORDS[kind];
}

/** PCI address parts as the schema takes them: a short hex form, or a decimal int in range. */
const PCI_PARTS: Readonly<Record<string, { hex: RegExp; max: number; kind: string }>> = {
  bus: { hex: /^0x[0-9a-fA-F]{1,2}$/, max: 255, kind: 'a PCI bus (0 to 0xff)' },
  slot: { hex: /^(0x)?[0-1]?[0-9a-fA-F]$/, max: 31, kind: 'a PCI slot (0 to 0x1f)' },
  function: { hex: /^(0x)?[0-7]$/, max: 7, kind: 'a PCI function (0 to 7)' },
};

function pciFindings(a: XmlElement | undefined): Finding[] {
  return a && attrValue(a, 'type') === 'pci' ? pciParts(a) : [];
}

function pciParts(a: XmlElement): Finding[] {
  return a.attributes.flatMap((x) => {
    const part = PCI_PARTS[x.name];
    if (!part || part.hex.test(x.value) || (/^\+?[0-9]+$/.test(x.value) && Number(x.value) <= part.max)) return [];
    return [{ span: attrSpan(x), args: { element: 'address', attr: x.name, value: x.value, kind: part.kind } }];
  });
}

/** Drive address parts as libvirt 9.0's schema takes them: decimal digits, at most two (controller, bus, target) or five (unit). */
const DRIVE_PARTS: Readonly<Record<string, { form: RegExp; kind: string }>> = {
  controller: { form: /^[0-9]{1,2}$/, kind: 'a drive controller of 1 or 2 decimal digits (0-99)' },
  bus: { form: /^[0-9]{1,2}$/, kind: 'a drive bus of 1 or 2 decimal digits (0-99)' },
  target: { form: /^[0-9]{1,2}$/, kind: 'a drive target of 1 or 2 decimal digits (0-99)' },
  unit: { form: /^[0-9]{1,5}$/, kind: 'a drive unit of 1 to 5 decimal digits (0-99999)' },
};

function driveFindings(a: XmlElement | undefined): Finding[] {
  if (!a || attrValue(a, 'type') !== 'drive') return [];
  return a.attributes.flatMap((x) => {
    const part = DRIVE_PARTS[x.name];
    return part && !part.form.test(x.value) ? [{ span: attrSpan(x), args: { element: 'address', attr: x.name, value: x.value, kind: part.kind } }] : [];
  });
}

/**
 * The guest <address> numbers of the devices beside the disks (host devices, controllers,
 * interfaces, ...): libvirt's schema types every device's address alike, so a PCI or drive address
 * there is held to the disk's forms.
 */
export function deviceAddressNumberFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const dev of view.devices) {
    if (dev.name === 'disk') continue;
    const address = child(dev, 'address');
    if (address) out.push(...pciFindings(address), ...driveFindings(address));
    // a PCI host device's <source><address> (the host's device: no type=) has the same parts
    const source = dev.name === 'hostdev' && attrValue(dev, 'type') === 'pci' ? child(dev, 'source') : undefined;
    const host = source && child(source, 'address');
    if (host && !attr(host, 'type')) out.push(...pciParts(host));
    // so has a hostdev interface's (an SR-IOV VF): its <source><address type="pci">
    const vf = dev.name === 'interface' && attrValue(dev, 'type') === 'hostdev' ? child(dev, 'source') : undefined;
    const vfAddress = vf && child(vf, 'address');
    if (vfAddress && (attrValue(vfAddress, 'type') ?? 'pci') === 'pci') out.push(...pciParts(vfAddress));
  }
  return out;
}

/** A numeric attribute whose value is not a number of its kind. */
export function numberFindings(d: DiskView): Finding[] {
  const address = child(d.el, 'address');
  const out: Finding[] = [...pciFindings(address), ...driveFindings(address)];
  // an NVMe disk's <source><address> is the host's PCI device, held to the same forms
  const nvme = d.typeValue === 'nvme' && d.source ? child(d.source, 'address') : undefined;
  if (nvme) out.push(...pciParts(nvme));
  const els = [d.driver, d.target, child(d.el, 'geometry'), child(d.el, 'blockio')];
  for (const el of els) {
    const kinds = el && NUMBER_ATTRS[el.name];
    if (!kinds) continue;
    for (const a of el.attributes) {
      const kind = kinds[a.name];
      if (!kind || NUMBER_FORMS[kind].test(a.value)) continue;
      const f: Finding = { span: attrSpan(a), args: { element: el.name, attr: a.name, value: a.value, kind: numberWords(kind, el, a) } };
      // a zero iothread passes the schema: the parser refuses it when it reads the disk (after <iothreadids>)
      out.push(kind === 'iothread' && /^[0-9]+$/.test(a.value) ? { ...f, stage: 'parse' } : f);
    }
  }
  return out;
}

const IOTUNE_QEMU_MAX = 1_000_000_000_000_000n;

const IOTUNE_KINDS = ['bytes_sec', 'iops_sec', 'bytes_sec_max', 'iops_sec_max', 'bytes_sec_max_length', 'iops_sec_max_length'];

/** <iotune>: a total limit or read/write limits of one kind, each element once, numbers of 0 or more, and a group only with a limit set. */
export function iotuneFindings(d: DiskView, settledGroups: ReadonlySet<string> = new Set()): Finding[] {
  const io = child(d.el, 'iotune');
  if (!io) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  let anySet = false;
  for (const c of io.children) {
    if (seen.has(c.name)) out.push({ ...on(c, `<${c.name}> is given twice in <iotune>.`), stage: 'schema' });
    seen.add(c.name);
    if (c.name === 'group_name') continue;
    const v = c.text.trim();
    if (!/^[0-9]+$/.test(v)) out.push({ ...on(c, `<${c.name}> must be an integer of 0 or more, not "${c.text}".`), stage: 'schema' });
    else {
      // white space before the number is skipped, after it refused
      if (/[ \t\r\n]$/.test(c.text)) out.push({ ...on(c, `disk iotune field '${c.name}' must be an integer: libvirt reads the number to the element's end, so remove the white space after ${v}.`), stage: 'parse' });
      if (Number(v) > 0) anySet = true;
    }
    // QEMU caps every limit but the burst lengths (seconds) at 10^15
    if (/^[0-9]+$/.test(v) && !c.name.endsWith('_max_length') && BigInt(v) > IOTUNE_QEMU_MAX) out.push({ ...on(c, `block I/O throttle limit must be no more than ${IOTUNE_QEMU_MAX} using QEMU (<${c.name}> is ${v}).`), stage: 'validate-device' });
  }
  for (const kind of IOTUNE_KINDS) {
    const rw = io.children.find((c) => c.name === `read_${kind}` || c.name === `write_${kind}`);
    if (seen.has(`total_${kind}`) && rw) out.push({ ...on(rw, `<total_${kind}> cannot be combined with <read_${kind}> or <write_${kind}>: give one total or separate read/write limits.`), stage: 'schema' });
  }
  const group = child(io, 'group_name');
  // a group's disk without limits of its own takes the group's (another disk's): refused only when none has any
  if (group && !anySet && !settledGroups.has(group.text.trim())) out.push({ ...on(group, 'group_name can be configured only together with settings.'), stage: 'validate-device' });
  return out;
}

/** The <iotune><group_name>s some disk of which sets a limit (above 0). */
export function settledIotuneGroups(disks: readonly DiskView[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const d of disks) {
    const io = child(d.el, 'iotune');
    const group = io && child(io, 'group_name');
    if (group && iotuneLimits(io!) !== '') out.add(group.text.trim());
  }
  return out;
}

/** The network protocols each optional <source> child belongs to (libvirt's schema). */
const SOURCE_CHILD_PROTOCOLS: Readonly<Record<string, readonly string[]>> = {
  ssl: ['https', 'ftps'],
  cookies: ['http', 'https'],
  readahead: ['http', 'https', 'ftp', 'ftps'],
  timeout: ['http', 'https', 'ftp', 'ftps'],
  snapshot: ['rbd'],
  config: ['rbd'],
  initiator: ['iscsi'],
  // libvirt 9.0's schema has <reconnect> in a vhostuser disk's source only, under no network protocol (not even nbd)
  reconnect: [],
};

/** A <source> child of another protocol (<ssl> on http, <cookies> on ftp, <snapshot> on iscsi, ...). */
export function sourceChildFindings(d: DiskView): Finding[] {
  const protocol = d.typeValue === 'network' && d.source ? attr(d.source, 'protocol')?.value : undefined;
  if (!protocol) return [];
  return d.source!.children.flatMap((c) => {
    const owners = SOURCE_CHILD_PROTOCOLS[c.name];
    const whose = owners?.length ? owners.join(', ') : 'no network protocol (only a vhostuser disk\'s source)';
    return owners && !owners.includes(protocol) ? [{ span: c.nameSpan, args: { child: c.name, protocol, owners: whose } }] : [];
  });
}

/** The limits of an <iotune>, by element (group_name aside), as numbers. */
function iotuneLimits(io: XmlElement): string {
  // a limit of 0 is no limit, as one left out
  return io.children.filter((c) => c.name !== 'group_name' && Number(c.text.trim()) !== 0).map((c) => `${c.name}=${Number(c.text.trim())}`).sort().join(',');
}

/** Disks of one <iotune><group_name> share one throttle, so libvirt wants the same limits on each. */
export function iotuneGroupFindings(disks: readonly DiskView[]): Finding[] {
  // libvirt keeps the disks grouped by bus (buses in order of first appearance), each bus by the
  // target name's index, and validates them in that order: the first disk of a group whose
  // limits differ from another's is refused, naming the first such other disk in that order
  // (labelled: sdh without bus=, written before a sata sdd: "different iotunes for disks sdh and sdd")
  // (the bus as written: disks without bus= make a group of their own, labelled)
  const written = (d: DiskView) => (d.target ? attrValue(d.target, 'bus') : undefined) ?? '';
  const busRank = new Map<string, number>();
  for (const d of disks) if (!busRank.has(written(d))) busRank.set(written(d), busRank.size);
  const order = disks.map((d, i) => ({ d, i, bus: busRank.get(written(d))!, index: (d.dev !== undefined ? diskNameIndex(d.dev) : null) ?? -1 }))
    .sort((a, b) => a.bus - b.bus || a.index - b.index || a.i - b.i);
  const groups = new Map<string, Array<{ d: DiskView; group: XmlElement; limits: string }>>();
  for (const { d } of order) {
    const io = child(d.el, 'iotune');
    const group = io && child(io, 'group_name');
    if (!group) continue;
    const name = group.text.trim();
    let members = groups.get(name);
    if (!members) groups.set(name, (members = []));
    members.push({ d, group, limits: iotuneLimits(io!) });
  }
  const out: Finding[] = [];
  for (const [name, members] of groups) {
    // a disk of the group without limits takes those of the group's first disk that has some (in
    // libvirt's order): "different iotunes" then compares it as that disk (labelled, libvirt 9.0)
    const source = members.find((m) => m.limits !== '');
    if (source) for (const m of members) if (m.limits === '') m.limits = source.limits;
    const first = members[0]!;
    const other = members.find((m) => m.limits !== first.limits);
    if (!other) continue;
    out.push(on(first.group, `different iotunes for disks ${first.d.dev ?? ''} and ${other.d.dev ?? ''} (group '${name}').`));
    // the other disks that differ from the first, each said once (libvirt stops at the first)
    for (const m of members) if (m !== first && m !== other && m.limits !== first.limits) out.push(on(m.group, `different iotunes for disks ${m.d.dev ?? ''} and ${first.d.dev ?? ''} (group '${name}').`));
    out.push(on(other.group, `different iotunes for disks ${other.d.dev ?? ''} and ${first.d.dev ?? ''} (group '${name}').`));
  }
  return out;
}

/** A dotted IPv4 address (each part 0-255). */
function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * An IPv6 address in text form, as far as libvirt 9.0's schema check surely refuses it otherwise:
 * eight groups of hex digits, or fewer around one "::", the last two maybe a dotted IPv4 address.
 * The group length is not checked: libxml2 lets some groups of more than 4 digits through
 * (fd00::123456 is taken, fd00:12345::1 refused).
 */
export function isIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  let count = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups.pop();
    count++;
  }
  if (!groups.every((g) => /^[0-9A-Fa-f]+$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** A <host name> as libvirt's schema takes it: a DNS name (letters, digits, dots, dashes; an IPv4 address is one) or an IPv6 address, bare. */
function hostNameOk(name: string): boolean {
  return /^[a-zA-Z0-9.-]+$/.test(name) || isIpv6(name);
}

/** A network <host> names its server (name=, not empty, a DNS name or an IP address) or, with transport="unix", its socket=. */
export function hostNameFindings(d: DiskView): Finding[] {
  if (d.typeValue !== 'network' || !d.source) return [];
  return d.source.children.filter((h) => h.name === 'host').flatMap((h) => {
    const unix = attrValue(h, 'transport') === 'unix';
    const name = attr(h, 'name');
    const ok = unix ? !!attrValue(h, 'socket') : !!name?.value;
    if (!ok) return [on(h, unix ? '<host transport="unix"> needs socket= (the path of the socket).' : '<host> needs name= (the server\'s address or host name).')];
    // the schema's two shapes of a host: transport tcp or rdma with name= and port=, or transport unix with socket= alone
    const stray = unix ? (attr(h, 'name') ?? attr(h, 'port')) : attr(h, 'socket');
    if (stray) return [on(stray, unix ? `<host transport="unix"> takes socket= alone, not ${stray.name}= (libvirt's schema).` : '<host socket=...> needs transport="unix" (libvirt\'s schema).')];
    if (unix || hostNameOk(name!.value)) return [];
    return [on(name!, `<host name="${name!.value}"> is neither a DNS name (letters, digits, dots and dashes) nor a bare IPv4 or IPv6 address: libvirt's schema refuses it (write an IPv6 address without brackets, and the port in port=).`)];
  });
}
