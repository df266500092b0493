import { findingAt as on } from './ruleHelpers';
import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlAttribute, XmlElement } from './types';
import { machineFamily } from './controllerChecks';
import { Bitmap, BITMAP_MAX, numaCells, Owners, parseBitmap, vcpuCount } from './domainHelpers';
import type { DocView } from './view';

/**
 * Checks of domainRules.ts rows about what Nova and operators write around the devices: CPU
 * sets of <vcpu> and <cputune>, <memoryBacking><hugepages>, secure boot, interface MAC
 * addresses and watchdogs, each in libvirt 9.0's own words where its parser has words (labelled
 * with `virsh define --validate` on the QEMU driver: test/fixtures/libvirtdomain/).
 */

/** bitmapProblem's words for a set the schema refuses (the syntax), not the parser. */
const SCHEMA_SYNTAX = /libvirt's schema refuses it\.$/;

/** One item of libvirt's bitmap syntax as its schema writes it: N, N-M or ^N. */
const BITMAP_ITEM = /^(\^[0-9]+|[0-9]+(-[0-9]+)?)$/;

/**
 * What is wrong with a CPU or node set, in libvirt's words, or null: the schema's syntax (no
 * blanks), then the parser (a range backwards or an id above 16383), then an empty set.
 */
export function bitmapProblem(a: XmlAttribute, what: 'CPU' | 'node'): string | null {
  const checked = checkBitmap(a, what);
  return typeof checked === 'string' ? checked : null;
}

/** The set an attribute names, or what is wrong with it (bitmapProblem's words). */
function checkBitmap(a: XmlAttribute, what: 'CPU' | 'node'): string | Bitmap {
  if (!a.value.split(',').every((item) => BITMAP_ITEM.test(item))) {
    return `${a.name}="${a.value}" is not libvirt's ${what} set syntax (ids and ranges separated by commas, ^N to leave one out, no blanks): libvirt's schema refuses it.`;
  }
  const set = parseBitmap(a.value);
  if (!set) return `Failed to parse bitmap '${a.value}' (a range is written low-high, and ids go up to ${BITMAP_MAX}).`;
  return set.size ? set : `Invalid value of '${a.name}': ${a.value} (it names no ${what}).`;
}

function cputune(view: DocView): XmlElement | undefined {
  return child(view.root, 'cputune');
}

/** <vcpu cpuset>, and the cpuset= of <cputune>'s vcpupin, emulatorpin and iothreadpin. */
export function cpusetFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const owners: XmlElement[] = [];
  const vcpu = child(view.root, 'vcpu');
  if (vcpu) owners.push(vcpu);
  const tune = cputune(view);
  const max = vcpuCount(view);
  // a vcpupin of a vCPU the domain does not have is ignored whole, its cpuset unread (virDomainVcpuPinDefParseXML),
  // and so is <vcpu cpuset> with placement="auto" (virDomainVcpuParse reads it only for a static placement)
  const ignored = (c: XmlElement) => (c.name === 'vcpupin' && /^[0-9]+$/.test(attrValue(c, 'vcpu') ?? '') && Number(attrValue(c, 'vcpu')) >= max)
    || (c.name === 'vcpu' && attrValue(c, 'placement') === 'auto');
  if (tune) for (const c of tune.children) if (c.name === 'vcpupin' || c.name === 'emulatorpin' || c.name === 'iothreadpin') owners.push(c);
  const out: Finding[] = [];
  for (const el of owners) {
    const a = attr(el, 'cpuset');
    const problem = a && bitmapProblem(a, 'CPU');
    // (the schema still holds it to the set syntax)
    if (problem && (!ignored(el) || SCHEMA_SYNTAX.test(problem))) out.push(on(a!, problem));
  }
  return out;
}

/** KiB per unit of libvirt's scaled sizes (the default unit of a hugepage size is KiB). */
const KIB: Readonly<Record<string, number>> = { k: 1, kb: 1, kib: 1, m: 1024, mb: 1024, mib: 1024, g: 1048576, gb: 1048576, gib: 1048576 };

/** A page size in KiB as libvirt prints it, or the size as written when its unit is not one of these. */
function pageKiB(page: XmlElement): string {
  const size = attrValue(page, 'size') ?? '';
  const unit = (attrValue(page, 'unit') ?? 'KiB').toLowerCase();
  return /^[0-9]+$/.test(size) && KIB[unit] ? String(Number(size) * KIB[unit]) : size;
}

/**
 * The page sizes against each other and the guest's nodes are compared once the domain is
 * parsed, with the domain-wide checks after every device (virDomainDefValidateInternal: after a
 * duplicate disk target, a QEMU driver refusal such as on_reboot preserve, and every <vcpu>,
 * <cputune> and NUMA finding; checked with virsh define --validate, libvirt 9.0).
 */
function late(x: XmlAttribute | XmlElement, problem: string): Finding {
  return { ...on(x, problem), stage: 'validate-domain' };
}

/**
 * <memoryBacking><hugepages>: each <page nodeset> a node set naming guest NUMA nodes that exist
 * (node 0 alone without NUMA cells), at most one page size without a nodeset (the default size;
 * without NUMA cells a nodeset of 0 counts as none), and no node in two page sizes' nodesets.
 */
export function hugepageFindings(view: DocView): Finding[] {
  const mb = view.kind === 'domain' ? child(view.root, 'memoryBacking') : undefined;
  const hp = mb && child(mb, 'hugepages');
  if (!hp) return [];
  const cells = numaCells(view).length;
  const out: Finding[] = [];
  // the QEMU driver's memory validation (qemuValidateDomainDefMemory): huge pages, however written,
  // exclude on-demand allocation and an anonymous memory source
  const allocation = child(mb!, 'allocation');
  const source = child(mb!, 'source');
  if (allocation && attrValue(allocation, 'mode') === 'ondemand') out.push({ ...on(allocation, 'hugepages are not allowed with memory allocation ondemand.'), stage: 'validate-domain-driver' });
  else if (source && attrValue(source, 'type') === 'anonymous') out.push({ ...on(source, 'hugepages are not allowed with anonymous memory source.'), stage: 'validate-domain-driver' });
  let master: XmlElement | null = null;
  const sets: XmlElement[] = [];
  // which page's nodeset first named each node: the first earlier page meeting a nodeset is the
  // lowest owner of its nodes (word by word, not page by page nor node by node)
  const owners = new Owners();
  for (const page of childrenNamed(hp, 'page')) {
    const ns = attr(page, 'nodeset');
    if (ns) {
      const set = checkBitmap(ns, 'node');
      if (typeof set === 'string') {
        // the parser reads the nodeset with <memoryBacking> (before <vcpu>); the schema's syntax goes first
        out.push(SCHEMA_SYNTAX.test(set) ? on(ns, set) : { ...on(ns, set), stage: 'parse' });
        continue;
      }
      // without NUMA cells libvirt drops a nodeset of node 0 alone: the page is then the default size
      if (cells || set.next(1) >= 0) {
        // page by page: first an earlier page's nodeset it meets (the lowest), then a node past the guest's
        const other = owners.claim(set, sets.length);
        if (other >= 0) out.push(late(ns, `nodeset attribute of hugepages of sizes ${pageKiB(page)} and ${pageKiB(sets[other]!)} intersect.`));
        // libvirt names the lowest node past the guest's (virBitmapNextSetBit from its node count):
        // without NUMA cells that is node 0 itself when the set names more ("0-1": node 0 not found)
        const missing = set.next(cells);
        if (missing >= 0) out.push(late(ns, `hugepages: node ${missing} not found (the guest has ${cells ? `NUMA cells 0 to ${cells - 1}` : missing ? 'no NUMA cells, so only node 0' : 'no NUMA cells: there a nodeset may name node 0 alone, which stands for no nodeset'}).`));
        sets.push(page);
        continue;
      }
    }
    if (master) out.push(late(page, `two master hugepages detected: ${pageKiB(page)} and ${pageKiB(master)} (only one page size may go without a nodeset).`));
    else master = page;
  }
  return out;
}

/** <os><loader secure="yes">: secure boot needs the q35 machine, x86_64, and SMM on unless the firmware is picked automatically (<os firmware=...>). */
export function secureBootFindings(view: DocView): Finding[] {
  const loader = view.os && child(view.os, 'loader');
  const secure = loader && attr(loader, 'secure');
  if (!secure || secure.value !== 'yes') return [];
  const family = machineFamily(view);
  if (family === 'other') return [];
  if (family !== 'q35') return [on(secure, 'Secure boot is supported with q35 machine types only.')];
  const type = child(view.os!, 'type');
  if (type && attrValue(type, 'arch') === 'i686') return [on(secure, 'Secure boot is supported for x86_64 architecture only.')];
  // with <os firmware="..."> libvirt enables SMM itself when it picks the firmware (qemuFirmwareFillDomain)
  if (attr(view.os!, 'firmware')) return [];
  const features = child(view.root, 'features');
  const smm = features && child(features, 'smm');
  const state = smm ? (attrValue(smm, 'state') ?? 'on') : 'off';
  return state === 'on' ? [] : [on(secure, `Secure boot requires SMM feature enabled (write <features><smm state="on"/></features>${smm ? '' : '; the domain has no <smm>'}).`)];
}

/** An interface MAC address as libvirt's schema takes it: six pairs of hex digits with colons, the first byte even (unicast). */
const UNICAST_MAC = /^[0-9a-fA-F][02468aAcCeE](:[0-9a-fA-F]{2}){5}$/;

export function macAddressFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const dev of view.devices) {
    if (dev.name !== 'interface') continue;
    const a = child(dev, 'mac') && attr(child(dev, 'mac')!, 'address');
    if (a && !UNICAST_MAC.test(a.value)) out.push(on(a, `MAC address "${a.value}" must be six pairs of hex digits separated by colons, and unicast (an even first byte): libvirt's schema refuses it.`));
  }
  return out;
}

/** The watchdog models of libvirt 9.0's schema (a later release added itco). */
const WATCHDOG_MODELS = ['i6300esb', 'ib700', 'diag288'];

/** <watchdog>: one per domain in libvirt 9.0's schema, a model it knows, diag288 only on s390. */
export function watchdogFindings(view: DocView): Finding[] {
  const dogs = view.devices.filter((d) => d.name === 'watchdog');
  const out: Finding[] = [];
  dogs.forEach((dog, i) => {
    if (i > 0) out.push({ ...on(dog, 'A domain has at most one <watchdog> in libvirt 9.0: its schema refuses a second.'), stage: 'schema' });
    const model = attr(dog, 'model');
    if (model && !WATCHDOG_MODELS.includes(model.value)) out.push({ ...on(model, `Watchdog model "${model.value}" is not one libvirt 9.0's schema knows (${WATCHDOG_MODELS.join(', ')}).`), stage: 'schema' });
    else if (model?.value === 'diag288' && view.kind === 'domain' && machineFamily(view) !== 'other') out.push(on(model, 'diag288 model of watchdog is allowed for s390 and s390x only.'));
  });
  return out;
}
