import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlElement } from './types';
import type { DocView } from './view';
import { DOMAIN_CONF, DOMAIN_VALIDATE, QEMU_VALIDATE, SCHEMA } from './ruleRow';
import { armWithoutPciFindings, cpuTopologyFindings, ideAddressFindings, iothreadFindings, numaCellFindings, seclabelOverrideFindings, seclabelTypeFindings, sharedMemoryFindings, usbDisabledFindings, vcpuFindings, videoModelFindings } from './domainChecks';
import type { Rule } from './ruleRow';
import { aliasFindings, aliasNameFindings, controllerDriverFindings, controllerIndexFindings, controllerModelFindings, usbAddressFindings, driveAddressFindings, machineAddressFindings, machineControllerFindings, pciDomainFindings, scsiControllerModelFindings, usbPortFindings, virtioSerialFindings } from './controllerChecks';
import { pciControllerFindings, pciEndpointBusFindings, pciIntegratedFindings, pciNumaNodeFindings, pciPlacementFindings, pciRootPortCountFindings, pciSlotFindings } from './pciChecks';
import { hostdevAddressTypeFindings, hostdevBootFindings, hostdevSgioFindings, mdevAddressFindings, usbHostdevSourceFindings, mdevArchFindings, mdevDisplayFindings, mdevRamfbFindings } from './hostdevChecks';
import { bootloaderFindings, cachetuneFindings, clockTimerFindings, cpuCacheFindings, cpuParseFindings, deviceOptionFindings, emulatorArchFindings, pseriesFeatureFindings, firmwareFindings, graphicsFindings, iommuFindings, spiceTlsFindings, sysinfoFindings, usbControllerFindings } from './platformChecks';
import { bitmapProblem, cpusetFindings, hugepageFindings, macAddressFindings, secureBootFindings, watchdogFindings } from './domainTuning';
import { channelTargetFindings, cputuneFindings, distancesShapeFindings, graphicsListenFindings, numatuneShapeFindings, graphicsPasswdValidToFindings, hostdevOrderFindings, hypervPassthroughFindings, interfaceSourceFindings, interfaceSourceModeFindings, lifecycleFindings } from './schemaValues';
import { audioIdFindings, channelChardevFindings, deviceSetFindings, inputSchemaFindings, laterConsoleFindings, graphicsAttrFindings, memoryParseFindings, memoryTotalFindings, panicFindings, ps2InputFindings, shmemFindings, spiceAudioFindings, tpmFindings } from './deviceKindChecks';
import { biosSerialFindings, chardevFindings, hypervSpinlockFindings, inputModelFindings, interfaceFindings, isaSerialPortFindings, memballoonFindings, romTuningFindings, serialMachineFindings, soundModelFindings, x86 } from './deviceChecks';
import { attrSpan, duplicates, eachDisk } from './ruleHelpers';
import { domainShapeFindings, featureStateFindings, shmemNameFindings, usbdevFilterFindings, wwnFindings } from './schemaShapes';
import { leaseFindings, tunablesFindings, tuneShapeFindings } from './tuneShapes';
import { deviceShapeFindings } from './deviceShapes';
import { audioFindings } from './audioChecks';
import { assignedDevices, Bitmap, bitmapParser, idRanges, diskDrive, driveArgs, driveKey, hostdevIdentity, hostdevs, iothreadIds, memnodeFindings, memoryHotplugFindings, numaCells, HostdevsSeen, scsiHostdevDrive, vcpuCount } from './domainHelpers';

/**
 * The domain-wide rows of the libvirt XML rule table: what libvirt's domain parser and
 * validator refuse across devices and in the domain's tuning elements. Each message quotes
 * libvirt 9.0's own error (labelled with `virsh define --validate` on the QEMU driver, see
 * test/fixtures/libvirtdomain/). rules.ts joins these rows to its <disk> rows.
 */

const POST_PARSE = 'libvirt src/conf/domain_postparse.c';
const NUMATUNE = 'libvirt src/conf/numatune_conf.c';
const NUMA_CONF = 'libvirt src/conf/numa_conf.c';
const VIRSTRING = 'libvirt src/util/virstring.c (virStringParsePort)';

function sched(view: DocView, name: 'vcpusched' | 'iothreadsched', attrName: string): Array<{ el: XmlElement; set: Bitmap | null }> {
  const cputune = view.kind === 'domain' ? child(view.root, 'cputune') : undefined;
  // elements naming the same ids share one set (thousands of them stay a few KB)
  const parse = bitmapParser();
  return (cputune ? childrenNamed(cputune, name) : []).flatMap((el) => {
    const a = attr(el, attrName);
    return a ? [{ el, set: parse(a.value) }] : [];
  });
}

/** The first item naming a number an earlier item named: each set against the union of the earlier ones (not every pair). */
function firstOverlap(items: Array<{ el: XmlElement; set: Bitmap | null }>): XmlElement | null {
  const earlier = Bitmap.empty();
  for (const { el, set } of items) {
    if (!set) continue;
    if (set.intersects(earlier)) return el;
    earlier.addAll(set);
  }
  return null;
}

function videos(view: DocView): Array<{ el: XmlElement; model?: XmlElement; type?: string }> {
  return view.devices.filter((d) => d.name === 'video').map((el) => {
    const model = child(el, 'model');
    return { el, model, type: model ? attrValue(model, 'type') : undefined };
  });
}

/** A finding on the attribute when there is one, else on the element's name. */
/**
 * A <numatune><memory> without nodeset whose placement is 'static' (virDomainNumatuneSet): written
 * so, or left out on a <memory> that names a mode while <vcpu> placement is static (its default);
 * a <memory/> naming neither mode nor placement sets nothing.
 */
function staticWithoutNodeset(view: DocView, memory: XmlElement): boolean {
  const placement = attrValue(memory, 'placement');
  if (placement !== undefined) return placement === 'static';
  if (attrValue(memory, 'mode') === undefined) return false;
  const vcpu = child(view.root, 'vcpu');
  return (vcpu ? attrValue(vcpu, 'placement') : undefined) !== 'auto';
}

/**
 * Whether <numatune>'s memory placement is automatic: written so, or left to <vcpu
 * placement="auto"> when <numatune> has no <memory> or one with a mode= and neither placement=
 * nor nodeset= (a bare <memory/> sets nothing; labelled with virsh define --validate, libvirt 9.0).
 */
function automaticNumaPlacement(view: DocView, memory: XmlElement | undefined): boolean {
  const placement = memory && attrValue(memory, 'placement');
  if (placement !== undefined) return placement === 'auto';
  if (memory && (attr(memory, 'nodeset') || attrValue(memory, 'mode') === undefined)) return false;
  const vcpu = child(view.root, 'vcpu');
  return (vcpu ? attrValue(vcpu, 'placement') : undefined) === 'auto';
}

/** The memnode modes other than restrictive that libvirt's schema knows. */
const MEMNODE_OTHER_MODES = new Set(['strict', 'preferred', 'interleave']);

function at(el: XmlElement, attrName: string, args?: Record<string, string>): Finding {
  const a = attr(el, attrName);
  return { span: a ? attrSpan(a) : el.nameSpan, args };
}

export const DOMAIN_ROWS = [
  {
    id: 'LIBVIRT-DISK-DRIVE-HOSTDEV-CONFLICT',
    severity: 'error',
    message: '{problem}',
    fact: "A SCSI disk and a SCSI <hostdev> cannot share a drive address (controller, bus, target, unit). A disk without <address> gets one from its target name (sda unit 0, sdb unit 1, ...; 7 units per controller), so a hostdev placed there makes libvirt refuse the disk's name (\"using disk target name 'sdb' conflicts with SCSI host device address\"); with both addresses given libvirt says the address is in use by a SCSI disk.",
    upstream: `${DOMAIN_CONF} (virDomainDiskDefAssignAddress); ${POST_PARSE} (virDomainHostdevDefPostParse)`,
    check: (view) => {
      const taken = new Map<string, XmlElement>();
      for (const h of hostdevs(view)) {
        const a = scsiHostdevDrive(h);
        if (a && !taken.has(driveKey(a))) taken.set(driveKey(a), h);
      }
      if (!taken.size) return [];
      return eachDisk(view, (d) => {
        const drive = d.bus === 'scsi' ? diskDrive(d) : null;
        const h = drive && taken.get(driveKey(drive.address));
        if (!drive || !h) return [];
        const w = driveArgs(drive.address);
        if (!drive.explicit) {
          return [at(d.target!, 'dev', { problem: `using disk target name '${d.dev}' conflicts with SCSI host device address controller='${w.controller}' bus='${w.bus}' target='${w.target}' unit='${w.unit}' (the <hostdev> takes the unit this name implies; give the disk another name or an <address>).` })];
        }
        return [{ span: child(h, 'address')!.nameSpan, args: { problem: `SCSI host address controller='${w.controller}' bus='${w.bus}' target='${w.target}' unit='${w.unit}' in use by a SCSI disk (${d.dev ?? 'a disk'}).` } }];
      });
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-HOSTDEV-SCSI-ADDRESS-DUP',
    severity: 'error',
    message: "SCSI host address controller='{shownController}' bus='{shownBus}' target='{target}' unit='{unit}' in use by another SCSI host device{swapped}.",
    fact: "Two SCSI <hostdev> devices cannot share a guest drive address; libvirt refuses the domain. libvirt 9.0's message prints the bus where it says controller and the controller where it says bus (\"controller='0' bus='1'\" for a clash on controller 1, bus 0); bdm-lab quotes it so and says which is which. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE} (virDomainDefHostdevValidate)`,
    check: (view) =>
      duplicates(hostdevs(view).flatMap((h) => {
        const a = scsiHostdevDrive(h);
        if (!a) return [];
        const w = driveArgs(a);
        const swapped = w.controller === w.bus ? '' : ` (libvirt's words, which swap the two: this is controller ${w.controller}, bus ${w.bus})`;
        return [{ key: driveKey(a), span: child(h, 'address')!.nameSpan, args: { ...w, shownController: w.bus, shownBus: w.controller, swapped } }];
      })),
  },
  {
    id: 'LIBVIRT-DOMAIN-HOSTDEV-DUPLICATE',
    severity: 'error',
    message: 'Hostdev already exists in the domain configuration: this {type} device is assigned twice.',
    fact: 'A host device can be given to a guest once: libvirt refuses a second <hostdev> (or <interface type="hostdev">) for the same PCI address, the same SCSI adapter and address or iSCSI target, the same mediated device, or the same USB device (same bus/device, or same vendor/product when no address is given).',
    upstream: DOMAIN_CONF,
    check: (view) => {
      const seen = new HostdevsSeen();
      const out: Finding[] = [];
      for (const h of assignedDevices(view)) {
        const id = hostdevIdentity(h);
        if (!id) continue;
        if (seen.has(id)) out.push({ span: (child(h, 'source') ?? h).nameSpan, args: { type: id.type.toUpperCase() } });
        seen.add(id);
      }
      return out;
    },
  },
  {
    id: 'LIBVIRT-DISK-AUTH-TWICE',
    severity: 'error',
    message: 'an <{element}> definition already found for disk source: give it either in <disk> or in <source>, not both.',
    fact: 'libvirt reads <auth> and <encryption> either directly in <disk> (the older form, which Nova writes) or inside <source>; a disk that has both is refused.',
    upstream: DOMAIN_CONF,
    check: (view) =>
      eachDisk(view, (d) =>
        ['auth', 'encryption'].flatMap((name) => {
          const inSource = d.source && child(d.source, name);
          return inSource && child(d.el, name) ? [{ span: inSource.nameSpan, args: { element: name } }] : [];
        }),
      ),
  },
  {
    id: 'LIBVIRT-DISK-HOST-PORT',
    severity: 'error',
    message: "port '{port}' out of range ({why}).",
    fact: 'libvirt parses a network source host port (of a disk, or of an iSCSI host device) as an unsigned number up to 65535 and refuses larger ones; for disks the schema only asks for digits.',
    upstream: VIRSTRING,
    check: (view) =>
      view.devices.flatMap((dev) => {
        const src = dev.name === 'disk' || dev.name === 'hostdev' ? child(dev, 'source') : undefined;
        return (src ? childrenNamed(src, 'host') : []).flatMap((h) => {
          const p = attr(h, 'port');
          if (!p) return [];
          if (!/^\s*\d+\s*$/.test(p.value)) return [{ span: attrSpan(p), args: { port: p.value, why: "not a number libvirt's schema accepts" } }];
          return Number(p.value) > 65535 ? [{ span: attrSpan(p), args: { port: p.value, why: 'a TCP port is at most 65535' } }] : [];
        });
      }),
  },
  {
    id: 'LIBVIRT-DOMAIN-MEMORY-MISSING',
    severity: 'error',
    message: 'Memory size must be specified via <memory> or in the <numa> configuration.',
    fact: 'A domain needs its memory size: a <memory> element, or guest NUMA cells (<cpu><numa><cell memory=...>) whose sizes add up to it.',
    upstream: POST_PARSE,
    check: (view) => {
      if (view.kind !== 'domain') return [];
      const mem = child(view.root, 'memory');
      if (mem && Number(mem.text.trim()) > 0) return [];
      if (numaCells(view).some((c) => Number(attrValue(c, 'memory') ?? '0') > 0)) return [];
      return [{ span: (mem ?? view.root).nameSpan }];
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-MEMORY-TOTAL',
    severity: 'error',
    message: '{problem}',
    fact: "Without guest NUMA cells, the memory devices (DIMM, NVDIMM, virtio-mem, virtio-pmem) are part of <memory>, and what is left is the guest's memory at boot: libvirt refuses devices whose <target><size>s add up to more than <memory> (\"Total size of memory devices exceeds the total memory size\") or to all of it (\"Memory size must be specified via <memory> or in the <numa> configuration\"), when it parses the domain, before the hot-plug checks. With NUMA cells the cells' sizes set the total. Checked with virsh define --validate, libvirt 9.0.",
    upstream: POST_PARSE,
    check: (view) => memoryTotalFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-SOUND-MODEL',
    severity: 'error',
    message: '{problem}',
    fact: "The schema lists a sound card of model ich7, which libvirt 9.0's QEMU driver cannot place: without an address it finds no PCI bus for it at address assignment, before any validation (\"Cannot automatically add a new PCI bus for a device with connect flags 00\"), with a PCI address it is refused as a model QEMU lacks (\"sound card model 'ich7' is not supported by qemu\"). Use ich9, ich6 or ac97. Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/qemu/qemu_domain_address.c; libvirt src/qemu/qemu_validate.c',
    check: (view) => soundModelFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-MEMORY-DEVICE-NODE',
    severity: 'error',
    message: '{problem}',
    fact: 'Memory hot-plug needs <maxMemory> and guest NUMA cells (<cpu><numa><cell>): a memory device (DIMM, NVDIMM, virtio-mem) without <maxMemory> is refused, <maxMemory> without a NUMA cell is refused, and each memory device names its guest node in <target><node>, one of the cells, numbered from 0. Before that, the parser wants <maxMemory> with both a size and slots above 0 ("both maximum memory size and memory slot count must be specified") and an NVDIMM\'s label smaller than the NVDIMM ("label size must be smaller than NVDIMM size"; no label counts as 0, so an NVDIMM of size 0 is refused). Checked with virsh define --validate, libvirt 9.0.',
    upstream: `${DOMAIN_VALIDATE}; libvirt src/qemu/qemu_domain.c (memory hotplug)`,
    check: (view) => (view.kind === 'domain' ? [...memoryParseFindings(view), ...memoryHotplugFindings(view)] : []),
  },
  {
    id: 'LIBVIRT-DOMAIN-NUMATUNE-NODESET',
    severity: 'error',
    message: '{problem}',
    fact: "<numatune><memory> with placement 'static' (the default when no placement is given) needs a nodeset, whatever its mode (no placement means 'static' only when <vcpu> placement is static, its default, and <memory> names a mode: a bare <memory/> sets nothing); a nodeset is libvirt's bitmap syntax (0-3,^2) and must name at least one node; <memnode> needs guest NUMA cells, names one of them (once), and cannot be combined with placement 'auto' (refused before a missing cell), which is also what <vcpu placement=\"auto\"> gives <numatune> when its <memory> is left out or names only a mode. A <memory placement=\"auto\"> takes no nodeset (the schema). Checked with virsh define --validate, libvirt 9.0.",
    upstream: NUMATUNE,
    check: (view) => {
      const nt = view.kind === 'domain' ? child(view.root, 'numatune') : undefined;
      const out: Finding[] = numatuneShapeFindings(view);
      if (!nt) return out;
      const cells = numaCells(view).length;
      const memory = child(nt, 'memory');
      const autoPlacement = automaticNumaPlacement(view, memory);
      const seenCells = new Set<string>();
      for (const el of nt.children) {
        if (el.name !== 'memory' && el.name !== 'memnode') continue;
        // a memnode's placement and cell come before its nodeset (labelled)
        const found = el.name === 'memnode' ? memnodeFindings(el, cells, autoPlacement, seenCells) : [];
        out.push(...found);
        const ns = attr(el, 'nodeset');
        if (ns) {
          // the schema's set syntax (no blanks), then the parser's bitmap and an empty set
          const problem = bitmapProblem(ns, 'node');
          if (problem) out.push({ span: attrSpan(ns), args: { problem } });
        } else if (el.name === 'memory' && staticWithoutNodeset(view, el)) {
          out.push(at(el, 'placement', { problem: "nodeset for NUMA memory tuning must be set if 'placement' is 'static'." }));
        }
        if (el.name !== 'memnode') continue;
        // a memnode's mode defaults to strict
        // (a mode the schema does not know is the schema's refusal, not this one)
        if (!found.length && memory && attrValue(memory, 'mode') === 'restrictive' && MEMNODE_OTHER_MODES.has(attrValue(el, 'mode') ?? 'strict')) {
          out.push(at(el, 'mode', { problem: "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element." }));
        }
      }
      return out;
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-IOTHREADSCHED',
    severity: 'error',
    message: '{problem}',
    fact: '<cputune><iothreadsched iothreads=...> names iothread ids: they must exist (the ids of <iothreadids>, else 1 to the <iothreads> count) and two iothreadsched elements must not name the same one.',
    upstream: DOMAIN_CONF,
    check: (view) => {
      const items = sched(view, 'iothreadsched', 'iothreads');
      if (!items.length) return [];
      const ids = iothreadIds(view);
      const idBits = Bitmap.of(ids);
      // the id list of the message, written once (there can be thousands of ids and of elements)
      let have: string | undefined;
      const out: Finding[] = [];
      for (const { el, set } of items) {
        if (!set) out.push(at(el, 'iothreads', { problem: bitmapProblem(attr(el, 'iothreads')!, 'CPU') ?? '' }));
        if (set && set.size === 0) out.push(at(el, 'iothreads', { problem: `'iothreads' scheduler bitmap '${attrValue(el, 'iothreads')}' is empty.` }));
        const missing = set ? set.firstNotIn(idBits) : -1;
        if (missing < 0) continue;
        have ??= ids.size ? `iothread ids ${idRanges(ids)}` : 'no iothreads';
        out.push(at(el, 'iothreads', { problem: `Cannot find 'iothread' : ${missing} (the domain has ${have}).` }));
      }
      const dup = firstOverlap(items);
      if (dup) out.push(at(dup, 'iothreads', { problem: "'iothreadsched' attributes 'iothreads' must not overlap." }));
      return out;
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-VCPUSCHED',
    severity: 'error',
    message: '{problem}',
    fact: "<cputune><vcpusched vcpus=...> names vCPUs numbered from 0 below the <vcpu> count; two vcpusched elements must not name the same vCPU. The scheduler elements' parameters and <cputune>'s numbers as libvirt 9.0 takes them: fifo and rr with a priority (0-65535), batch and idle without (the schema), vcpus= and iothreads= required by the parser (\"Missing attribute 'vcpus' in element 'vcpusched'\"); shares, the periods (1000-1000000) and the quotas (-1 to 17592186044415) typed by the schema, then shares within 2-262144 and a quota of 1 to 999 refused by the domain validation (\"Value of cputune 'quota' must be in range [1000, 17592186044415]\"; 0 means none); emulatorpin, emulatorsched and each number at most once (the schema). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF}; ${SCHEMA} (cputune); libvirt src/conf/domain_validate.c (virDomainDefCputuneValidate)`,
    check: (view) => {
      const items = sched(view, 'vcpusched', 'vcpus');
      const out: Finding[] = cputuneFindings(view);
      if (!items.length) return out;
      const max = vcpuCount(view);
      for (const { el, set } of items) {
        if (!set) out.push(at(el, 'vcpus', { problem: bitmapProblem(attr(el, 'vcpus')!, 'CPU') ?? '' }));
        if (set && set.size === 0) out.push(at(el, 'vcpus', { problem: `'vcpus' scheduler bitmap '${attrValue(el, 'vcpus')}' is empty.` }));
        const beyond = set ? set.next(max) : -1;
        if (beyond >= 0) out.push(at(el, 'vcpus', { problem: `vCPU '${beyond}' is not present in domain definition (it has ${max}).` }));
      }
      const dup = firstOverlap(items);
      if (dup) out.push(at(dup, 'vcpus', { problem: "'vcpusched' attributes 'vcpus' must not overlap." }));
      return out;
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-SECLABEL-MODEL',
    severity: 'error',
    message: '{problem}',
    fact: "A domain may carry one <seclabel> without a model, or several that each name a different security model (selinux, apparmor, dac). A lone label without a model takes the host's first security model only when it is of type none, or dynamic without a <baselabel>: a static one (or a dynamic one with a <baselabel>) must name its model (\"missing security model in domain seclabel\", checked with virsh define --validate, libvirt 9.0).",
    upstream: `${DOMAIN_CONF} (virSecurityLabelDefsParseXML)`,
    check: (view) => {
      const labels = view.kind === 'domain' ? childrenNamed(view.root, 'seclabel') : [];
      if (labels.length === 1 && !attr(labels[0], 'model')) {
        const type = attrValue(labels[0], 'type') ?? 'dynamic';
        const copied = type === 'none' || (type === 'dynamic' && !child(labels[0], 'baselabel'));
        return copied || !['static', 'dynamic'].includes(type) ? [] : [{ span: labels[0].nameSpan, args: { problem: 'missing security model in domain seclabel (a static label, or one with a <baselabel>, names its model=).' } }];
      }
      if (labels.length < 2) return [];
      const noModel = labels.filter((l) => !attr(l, 'model'));
      if (noModel.length === labels.length) return labels.slice(1).map((l) => ({ span: l.nameSpan, args: { problem: 'seclabel for model (null) is already provided: several labels need a model= each.' } }));
      if (noModel.length) return noModel.map((l) => ({ span: l.nameSpan, args: { problem: 'missing security model when using multiple labels.' } }));
      return duplicates(labels.map((l) => ({ key: attrValue(l, 'model')!, ...at(l, 'model', { problem: `seclabel for model ${attrValue(l, 'model')} is already provided.` }) })));
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-SECLABEL-TYPE',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema ties a domain <seclabel>'s content to its type: dynamic (the default) takes relabel=\"yes\" only; static needs a <label> and takes no <baselabel>; none takes neither a label nor relabel=\"yes\". Elements other than label, imagelabel and baselabel are refused.",
    upstream: SCHEMA,
    check: (view) => (view.kind === 'domain' ? childrenNamed(view.root, 'seclabel').flatMap(seclabelTypeFindings) : []),
  },
  {
    id: 'LIBVIRT-DOMAIN-SECLABEL-OVERRIDE',
    severity: 'error',
    message: '{problem}',
    fact: "A <seclabel> in a disk's <source> (or a backing store's, or a character device's <source>) overrides the domain's label of the same model for that file, which only means something when the domain relabels: libvirt refuses it when the domain's <seclabel> of that model is static without relabel=\"yes\", of type none, or says relabel=\"no\" (\"label overrides require relabeling to be enabled at the domain level\"). A device label without model=, or of another model, is not compared. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE} (virSecurityDeviceLabelDefValidate)`,
    check: (view) => seclabelOverrideFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-VIDEO-NONE',
    severity: 'error',
    message: "a 'none' video type must be the only video device defined for the domain.",
    fact: 'A <video><model type="none"/> says the guest has no video device at all, so libvirt refuses it next to any other <video>.',
    upstream: DOMAIN_VALIDATE,
    check: (view) => {
      const v = videos(view);
      return v.length > 1 ? v.filter((x) => x.type === 'none').map((x) => at(x.model!, 'type')) : [];
    },
  },
  {
    id: 'LIBVIRT-DOMAIN-VIDEO-PRIMARY',
    severity: 'error',
    message: 'Only one primary video device is supported.',
    fact: 'At most one <video><model primary="yes"/> per domain.',
    upstream: DOMAIN_VALIDATE,
    check: (view) => videos(view).filter((x) => x.model && attrValue(x.model, 'primary') === 'yes').slice(1).map((x) => at(x.model!, 'primary')),
  },
  {
    id: 'LIBVIRT-DOMAIN-VIDEO-RAMFB-ADDRESS',
    severity: 'error',
    message: 'address not supported for video type ramfb.',
    fact: 'ramfb is a framebuffer in guest RAM, not a PCI device, so libvirt refuses an <address> on it.',
    upstream: DOMAIN_VALIDATE,
    check: (view) => videos(view).flatMap((x) => (x.type === 'ramfb' && child(x.el, 'address') ? [{ span: child(x.el, 'address')!.nameSpan }] : [])),
  },
  {
    id: 'LIBVIRT-DOMAIN-IOTHREAD-IDS',
    severity: 'error',
    message: '{problem}',
    fact: 'IOThread ids come from <iothreadids> (unique, from 1) or number 1 to <iothreads>; <cputune><iothreadpin iothread=...> pins one of them once, and a disk\'s <driver iothread=...> names one of them and is only for virtio disks (a lone <disk> is judged as in a domain without iothreads, where any id it names is missing). An <iothread>\'s or <defaultiothread>\'s thread_pool_min and thread_pool_max are C ints; the max must be above 0 and the min needs a max at least as large, an unwritten max counting as -1 ("thread_pool_min must be smaller or equal to thread_pool_max", checked with virsh define --validate, libvirt 9.0).',
    upstream: `${DOMAIN_CONF}; ${QEMU_VALIDATE}; libvirt src/conf/domain_validate.c`,
    check: (view) => iothreadFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-VCPU',
    severity: 'error',
    message: '{problem}',
    fact: '<vcpu> (the maximum) and its current= are positive integers written without blanks (libvirt\'s schema), current= cannot exceed the maximum (unless <vcpus> entries say which vCPUs are online: then current= is left aside), and <cputune> pins each vCPU at most once (<vcpupin vcpu=...>). <vcpus> entries: ids below the maximum ("vcpu id \'2\' is out of range of maximum vcpu count"), the last entry of an id counting, a vCPU without an entry offline; then the QEMU driver wants vCPU 0 online ("vcpu 0 can\'t be offline"), not hotpluggable and ordered first, order= on all online vCPUs or none, the non-hotpluggable ones ordered ascending and before any hotpluggable one, and libvirt no offline vCPU marked hotpluggable="no". Checked with virsh define --validate, libvirt 9.0.',
    upstream: `${DOMAIN_CONF} (virDomainVcpuParse, virDomainVcpuDefPostParse); libvirt src/qemu/qemu_domain.c (qemuDomainDefVcpusPostParse)`,
    check: (view) => vcpuFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CPUSET',
    severity: 'error',
    message: '{problem}',
    fact: "The cpuset= of <vcpu> and of <cputune>'s vcpupin, emulatorpin and iothreadpin is libvirt's CPU set: ids and low-high ranges separated by commas, ^N leaving one out, no blanks (libvirt's schema); its parser refuses a range written backwards or an id above 16383 (\"Failed to parse bitmap\") and a set that names no CPU (\"Invalid value of 'cpuset'\"). A host CPU the set names need not exist at define. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA} (cpuset); ${DOMAIN_CONF}; libvirt src/util/virbitmap.c`,
    check: (view) => cpusetFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-TUNABLES',
    severity: 'error',
    message: '{problem}',
    fact: "What libvirt's parser refuses in the domain's tuning elements once the schema has passed: <memtune>'s limits (hard_limit, soft_limit, min_guarantee, swap_hard_limit; KiB unless unit= says otherwise) scaled to bytes above 2^53 - 1 KiB, the first in that order (\"numerical overflow: value too large: 9007199254740992KiB\"); a <blkiotune> device path twice (\"duplicate blkio device path '/dev/vdb'\", checked with the domain after every device); an empty <resource> (libvirt fails without saying why: \"An error occurred, but the cause is unknown\"); an <idmap> that maps only uids or only gids (\"uid and gid should be mapped both\") or whose uid or gid maps do not start at 0 (\"You must map the root user of container\"), checked with the domain after every device and the blkio paths; a <keywrap> cipher twice (\"A domain definition can have no more than one cipher node with name dea\"); a <perf> event twice (\"perf event 'cmt' was already specified\"); a SEV <launchSecurity> (read after the domain's other elements, before the devices) whose <policy> is above 0xffffffff (\"failed to get launch security policy\") or whose <cbitpos> or <reducedPhysBits> has blanks after its digits (\"Invalid format for launch security cbitpos\"; blanks before them are taken). The QEMU driver then has no min_guarantee (\"Parameter 'min_guarantee' not supported by QEMU.\"), the first of its domain checks. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainDefTunablesParse, virDomainParseMemoryLimit, virDomainKeyWrapDefParseXML, virDomainPerfDefParseXML, virDomainSEVDefParseXML); ${DOMAIN_VALIDATE} (virDomainDefTunablesValidate, virDomainDefIdMapValidate); ${QEMU_VALIDATE} (qemuValidateDomainDef)`,
    check: (view) => tunablesFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-LEASE',
    severity: 'error',
    message: '{problem}',
    fact: "A <lease> (a lock manager's lease: <lockspace>, <key>, <target path=...>) with an empty <key> is refused by libvirt's parser (\"Missing 'key' element for lease\"), and one with an empty <lockspace> fails the parse without a message (\"An error occurred, but the cause is unknown\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainLeaseDefParseXML)`,
    check: (view) => leaseFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-HUGEPAGES',
    severity: 'error',
    message: '{problem}',
    fact: "<memoryBacking><hugepages><page size=... nodeset=...> backs guest NUMA nodes with huge pages of one size: the nodeset is a node set (as numatune's) naming guest NUMA cells that exist (only node 0 without cells: \"hugepages: node 1 not found\"), no node may be in two pages' nodesets (\"nodeset attribute of hugepages of sizes ... intersect\"), and only one page may go without a nodeset, as the default size (\"two master hugepages detected\"; without NUMA cells a nodeset of 0 counts as none). Whether the host has such pages is not checked at define. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainHugepagesParseXML); ${QEMU_VALIDATE}`,
    check: (view) => hugepageFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CPU-CACHE',
    severity: 'error',
    message: '{problem}',
    fact: "On x86, <cpu><cache mode=\"emulate\"> needs level=\"3\", mode passthrough needs a host-passthrough or maximum CPU and no level, mode disable no level; <cpu><maxphysaddr mode=\"emulate\"> needs bits=, mode passthrough takes none. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDefCpu)`,
    check: (view) => cpuCacheFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CLOCK',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's QEMU driver validates the <clock> timers one by one, after the CPU's cache and before the CPU topology: QEMU has no platform timer (\"unsupported timer type (name) 'platform'\"), its rtc cannot track boot time (\"unsupported rtc timer track 'boot'\") nor merge or discard missed ticks (\"unsupported rtc timer tickpolicy 'merge'\"), its pit cannot merge them (\"unsupported pit tickpolicy 'merge'\"), and an armvtimer belongs to KVM ARM virt machines (\"Configuring the 'armvtimer' timer is not supported for virtType=qemu arch=x86_64 machine=pc-q35-7.2 guests\", the machine as libvirt expands it). The schema takes a <catchup> only in a timer of tickpolicy=\"catchup\". Before any of that the parser wants a <clock offset=\"timezone\"> to name its zone (\"missing 'timezone' attribute for clock with offset='timezone'\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainDefClockParse); ${QEMU_VALIDATE} (qemuValidateDomainDefClockTimers)`,
    check: (view) => clockTimerFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-SECURE-BOOT',
    severity: 'error',
    message: '{problem}',
    fact: "<os><loader secure=\"yes\"> (UEFI secure boot, what Nova writes for os_secure_boot) works only on a q35 machine (\"Secure boot is supported with q35 machine types only\") and with System Management Mode on: <features><smm/> (state on by default); without it libvirt refuses the domain (\"Secure boot requires SMM feature enabled\"), whatever the loader type, unless <os firmware=\"efi\"> leaves the firmware (and SMM) to libvirt's choice; and only for arch x86_64 (\"Secure boot is supported for x86_64 architecture only\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: QEMU_VALIDATE,
    check: (view) => secureBootFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-MAC-ADDRESS',
    severity: 'error',
    message: '{problem}',
    fact: "An <interface><mac address=...> is six pairs of hex digits separated by colons, unicast: the first byte even (libvirt's schema refuses 01:..., dashes, a missing pair or a single digit). Nova writes fa:16:3e:.. addresses. Two interfaces with one MAC are not refused at define. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA}; libvirt src/conf/schemas/basictypes.rng (uniMacAddr)`,
    check: (view) => macAddressFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-WATCHDOG',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt 9.0's schema takes at most one <watchdog>, of model i6300esb (PCI), ib700 (ISA) or diag288, and its QEMU driver takes diag288 only on s390 guests; a later libvirt added the q35 iTCO model (itco), which 9.0 refuses. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA}; ${QEMU_VALIDATE}`,
    check: (view) => watchdogFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CHARDEV',
    severity: 'error',
    message: '{problem}',
    fact: "Serials written with <target type=\"isa-serial\"> share x86's four ISA ports, 0 to 3: as the devices are post-parsed libvirt refuses a port above 3 (\"Maximum supported number of ISA serial ports is '4'\"), one an earlier such serial has (\"target port '1' already allocated\"), and a fifth without a port; serials without a target type are not counted (checked with virsh define --validate, libvirt 9.0). A spicevmc character device is a virtio <channel> or nothing (the parser: \"spicevmc device type only supports virtio\", for a serial, parallel or console one, or a channel of another target type). libvirt's parser and QEMU driver refuse character devices (serial, parallel, console, channel, and the chardev behind a USB redirection, a passthrough smartcard or an RNG's egd backend) that cannot be opened as written: more than one <source> (two for udp), a file, pipe, dev or unix one with no <source path> (a unix virtio or xen channel gets a path from libvirt), a tcp one with no host or service, a udp one with no service to connect to, a <source mode> other than bind or connect, a <reconnect enabled=\"yes\"> without timeout, with a timeout of 0, or on a source in bind mode, a serial <target><model name> of another target type (a serial without a type is an isa-serial on x86), an s390 console (target type sclp or sclplm) on another architecture, and a spicevmc channel, redirection or smartcard without SPICE <graphics> (\"Missing source path attribute for char device\", checked with virsh define --validate, libvirt 9.0); and libvirt's schema gives a channel <target type=\"guestfwd\"> an address and a port (no name) and a <target type=\"virtio\"> a name and a state only, and a channel <target> always a type; a <console> after the first may not be a serial one (of target type serial, or on x86 of none: \"Only the first console can be a serial port\").",
    upstream: `${DOMAIN_CONF}; ${DOMAIN_VALIDATE}; ${QEMU_VALIDATE}`,
    check: (view) => [...laterConsoleFindings(view, x86(view)), ...chardevFindings(view), ...channelTargetFindings(view), ...isaSerialPortFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-HYPERV-SPINLOCKS',
    severity: 'error',
    message: '{problem}',
    fact: 'The Hyper-V enlightenment <spinlocks state="on"> tells a Windows guest how often to retry a spinlock before notifying the hypervisor; libvirt requires retries= with it and refuses fewer than 4095 ("HyperV spinlock retry count must be at least 4095", libvirt 9.0). With <hyperv mode="passthrough"> the enlightenments of the host pass over whole and the schema takes no child element (<spinlocks>, <relaxed>, ...) in it: those belong to mode="custom" (virsh define --validate, libvirt 9.0). Every <kvm> enlightenment and every <hyperv> one but <stimer> needs state="on" or "off" (the schema refuses one without); a <stimer> without state passes the schema and the parser asks for it ("Missing required attribute \'state\' in element \'stimer\'"), libvirt 9.0. A <kvm><dirty-ring state="on"> needs size=, a power of two from 1024 to 65536 ("dirty ring must be power of 2 and ranges [1024, 65536]"); the schema takes any unsignedInt there.',
    upstream: `${DOMAIN_CONF}; ${SCHEMA}`,
    check: (view) => [...hypervSpinlockFindings(view), ...hypervPassthroughFindings(view), ...featureStateFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-INTERFACE',
    severity: 'error',
    message: '{problem}',
    fact: "An <interface type=\"bridge\"> attaches the guest's NIC to the host bridge its <source bridge=...> names, and libvirt's parser refuses one without a <source> (\"interface type='bridge' requires a 'source' element\"; the schema refuses a network interface without <source network=...>, a direct one without <source dev=...>, and a bridge or network interface whose <source> lacks its bridge= or network=); QEMU sets an <mtu> only on network, bridge, ethernet and vhostuser interfaces, and libvirt refuses it on the others (\"setting MTU on interface type user is not supported yet\"). A <source mode=...> belongs to direct interfaces (vepa, bridge, private or passthrough, written without blanks) and vhost-user ones (server or client, which the schema requires there); the schema refuses it on network, bridge, user, ethernet, server, client, mcast and udp interfaces. An empty <driver/> is accepted. A <driver name> is read as the host device's driver (kvm, vfio, xen) on a hostdev interface and as the backend (qemu, vhost) on a virtio one (\"Invalid value for attribute 'name' in element 'driver'\" for the other kind's names), and is not read on an interface of another model (an e1000e or rtl8139, or none written: vfio passes there; checked with virsh define --validate, libvirt 9.0). A vhost-user interface is a virtio-net device: libvirt refuses one without a <model type> of virtio, virtio-transitional or virtio-non-transitional (\"vhostuser requires the virtio-net* frontend\") and an enabled <reconnect> when its <source mode=\"server\">. After the QEMU driver's checks the common ones want a persistent <teaming> member to be a virtio-net NIC (\"virtio-net teaming persistent interface must be <model type='virtio'/>, not 'rtl8139'\", rtl8139 being the default model) and a transient one a hostdev interface. The parser refuses an IPv4 guest <ip> with a prefix above 32 (\"Invalid prefix value '33' in <ip>\") and then a <backend type> libvirt 9.0 does not know (passt, which the schema lists already). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF}; ${DOMAIN_VALIDATE}; ${QEMU_VALIDATE}`,
    check: (view) => [...interfaceFindings(view), ...interfaceSourceFindings(view), ...interfaceSourceModeFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-MEMBALLOON',
    severity: 'error',
    message: '{problem}',
    fact: "The schema lists a Xen memory balloon (<memballoon model=\"xen\">), which QEMU does not have: libvirt 9.0's QEMU driver refuses it, with no address while looking for a PCI bus for it (\"Cannot automatically add a new PCI bus for a device with connect flags 00\"), with one as not supported (\"Memory balloon device type 'xen' is not supported by this version of qemu\").",
    upstream: `${QEMU_VALIDATE}; libvirt src/qemu/qemu_domain_address.c`,
    check: (view) => memballoonFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-USB-DISABLED',
    severity: 'error',
    message: '{problem}',
    fact: 'A USB controller of model "none" says the guest has no USB at all; libvirt then refuses every USB device (a usb input, hub, host device, redirection or disk, or another USB controller, a second model none included). The parser refuses another USB controller, a USB input, host device or hub where it reads that kind of device; a USB disk, redirection, serial or CCID controller (or a USB sound card) is refused after the parse. An ARM guest gets no default USB controller, so without a written one each of its USB devices is refused after the parse ("USB devices are present"). Checked with virsh define --validate, libvirt 9.0.',
    upstream: `${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => usbDisabledFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-VIDEO-MODEL',
    severity: 'error',
    message: '{problem}',
    fact: "QEMU's vga, cirrus, vmvga, bochs and ramfb exist only as the primary video device (the first one, or the one with primary=\"yes\"; a <video> without <model> is a cirrus one on x86); only qxl and virtio have several heads; only virtio has 3D acceleration; the schema's xen, vbox and gop models belong to other drivers (\"domain configuration does not support video model 'xen'\"). Checked with virsh define --validate on the QEMU driver, libvirt 9.0. After the heads the QEMU driver refuses accel2d=\"yes\", then a qxl card's vram= or ram= of 4 GiB or more (\"numerical overflow: value for 'vram' must be less than '4194303'\") and a vgamem= below 1 MiB or not a power of two, then a resolution, a vga or vmvga vram= below 1 MiB, and last the 3D acceleration of a model other than virtio. libvirt's parser puts the primary video first, so its findings come before those of the videos written ahead of it.",
    upstream: QEMU_VALIDATE,
    check: (view) => videoModelFindings(view),
  },
  {
    id: 'LIBVIRT-DISK-IDE-ADDRESS',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's QEMU driver has one IDE controller (index 0) with 2 buses of 2 units and no targets: an IDE drive address with controller > 0 or target > 0 is refused at define, whether the disk says bus=\"ide\" or takes it from its target name (hdc; a cdrom named fd*).",
    upstream: QEMU_VALIDATE,
    check: (view) => ideAddressFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CONTROLLER-INDEX-DUP',
    severity: 'error',
    message: '{problem}',
    fact: "Each controller of one type has its own index; libvirt refuses a second one with the same type and index (\"Multiple 'scsi' controllers with index '0'\"). USB is the exception that proves it: the ich9-uhci companions share their EHCI controller's index, but two USB controllers that each add a bus cannot.",
    upstream: `${DOMAIN_VALIDATE}; libvirt src/conf/domain_addr.c (virDomainUSBAddressSetAddController)`,
    check: (view) => controllerIndexFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CONTROLLER-MACHINE',
    severity: 'error',
    message: '{problem}',
    fact: 'The x86 machine types build some controllers in: q35 has a SATA (AHCI) controller and no IDE at all, so an IDE controller or an ide disk or cdrom is refused there; i440fx (pc, the default) has exactly one IDE controller. A built-in controller cannot move: on pc the IDE controller sits at 0:0:1.1 and the PIIX3 USB controller at 0:0:1.2, on q35 the first SATA controller at 0:0:1f.2.',
    upstream: `${QEMU_VALIDATE}; libvirt src/qemu/qemu_domain_address.c`,
    check: (view) => machineControllerFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-MACHINE-ADDRESS',
    severity: 'error',
    message: '{problem}',
    fact: "The x86 machine types keep PCI functions for their own devices: on pc (i440fx) 0:0:1.0 (ISA bridge) and 0:0:1.3 (ACPI), 0:0:1.1 when there is an IDE controller and 0:0:1.2 for the default PIIX3 USB controller; on q35 0:0:1f.0 (LPC), 0:0:1f.2 (SATA) and 0:0:1f.3 (SMBus). libvirt refuses another device there (\"Attempted double use of PCI Address\"), and refuses a ccw address, which exists only on s390.",
    upstream: 'libvirt src/qemu/qemu_domain_address.c; libvirt src/conf/domain_addr.c',
    check: (view) => machineAddressFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CONTROLLER-MODEL',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema lists the models of each controller type (scsi: virtio-scsi, lsilogic, ...; usb: qemu-xhci, piix3-uhci, none, ...; ide: piix3, piix4, ich6; virtio-serial: virtio and its transitional forms; pci: pci-root, pcie-root, pcie-root-port, pci-bridge, ...); fdc and sata controllers take no model.",
    upstream: SCHEMA,
    check: (view) => controllerModelFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-USB-ADDRESS-DUP',
    severity: 'error',
    message: '{problem}',
    fact: 'Each guest USB port (<address type="usb" bus=... port=...>, a port path such as 1.2 behind a hub) holds one device; libvirt refuses a second device at the same bus and port, whatever its kind (disk, input, hostdev, redirection).',
    upstream: 'libvirt src/conf/domain_addr.c',
    check: (view) => usbAddressFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-ALIAS-DUP',
    severity: 'error',
    message: '{problem}',
    fact: 'A user alias (<alias name="ua-...">, what Nova writes as ua-<volume id>) names one device; libvirt refuses two devices with the same user alias. Other aliases are libvirt\'s own and are dropped from a definition.',
    upstream: DOMAIN_VALIDATE,
    check: (view) => aliasFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CONTROLLER-DRIVER',
    severity: 'error',
    message: '{problem}',
    fact: "A controller's <driver> queues, cmd_per_lun, max_sectors, ioeventfd and iothread are options of virtio-scsi only (model virtio-scsi, virtio-transitional or virtio-non-transitional; a scsi controller without a model is lsilogic on x86); libvirt refuses them on any other controller, and the iothread must be one of the domain's.",
    upstream: `${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => controllerDriverFindings(view),
  },
  {
    id: 'LIBVIRT-DISK-DRIVE-ADDRESS-RANGE',
    severity: 'error',
    message: '{problem}',
    fact: "A drive address must exist on its controller: a SCSI controller has one bus, and an lsilogic HBA (libvirt's x86 default, also what model=\"auto\" becomes) only target 0; a SATA (AHCI) controller has one bus and no targets; the QEMU driver has one floppy controller (controller 0) with one bus and no targets. libvirt refuses other numbers at define (virtio-scsi takes targets). A SCSI <hostdev>'s drive address is judged as a SCSI disk's; the controllers libvirt adds for SCSI host devices take the model of the controller written at the highest index they name (so a virtio-scsi controller at index 1 makes the added controller 0 virtio-scsi too), those it adds for disks the default. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => driveAddressFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-ALIAS-NAME',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema takes a device <alias name=...> of ASCII letters, digits, _, - and . only (checked with virsh define --validate, libvirt 9.0): a space, a slash, a colon, a comma or a non-ASCII letter is refused, and so is an empty name. A bare \"ua-\" passes.",
    upstream: SCHEMA,
    check: (view) => aliasNameFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-DOMAIN',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's QEMU driver puts every guest PCI device of an x86 guest (pc or q35) in PCI domain 0: a pci-bridge, pcie-root-port or pci(e)-expander-bus adds buses there, never another domain, so a device <address type=\"pci\" domain=...> other than 0 is refused at define (\"Only PCI domain 0 is available\", checked on libvirt 9.0). A host device's <source><address> is the host's and may have any domain.",
    upstream: 'libvirt src/conf/domain_addr.c (virDomainPCIAddressValidate, virDomainPCIAddressBusSetModel)',
    check: (view) => pciDomainFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-CONTROLLER',
    severity: 'error',
    message: '{problem}',
    fact: "A <controller type=\"pci\"> needs model= (libvirt's schema). Index 0 is the machine's root bus: model pci-root on pc (i440fx), pcie-root on q35, and no other index may be a root; a PCI controller without index= takes the lowest index no other PCI controller has (so Nova writes the pcie-root first and then its pcie-root-ports). pc has no PCI Express: pcie-root-port, the pcie-switch ports, dmi-to-pci-bridge, pcie-to-pci-bridge and pcie-expander-bus are refused there, as pci-expander-bus is on q35; on q35 a pcie-to-pci-bridge plugs into a pcie-root-port (not the root bus, and libvirt adds no port for it, but for the ones it puts at indexes no controller has below the highest), a pcie-switch-downstream-port without an <address> into a pcie-switch-upstream-port (libvirt adds none), and a pci-bridge without an <address> needs a pcie-to-pci-bridge (or dmi-to-pci-bridge) to plug into. Checked with virsh define --validate, libvirt 9.0. Each pcie-to-pci-bridge without an <address> takes a pcie-root-port of its own, which libvirt does not add for it (\"Cannot automatically add a new PCI bus for a device with connect flags 2000\" for the one too many), and a port a written address already puts a device on is not free for it. libvirt looks only at the first PCI controller of index 0 for the root's model (a second one at index 0 is \"Multiple 'pci' controllers with index '0'\"). A <target chassisNr> counts from 1 and a busNr runs from 1 to 254, though the schema takes 0 to 255 for both (\"PCI controller chassisNr '0' out of range - must be 1-255\", said as the controller is validated). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA}; ${DOMAIN_VALIDATE}; libvirt src/conf/domain_addr.c; ${QEMU_VALIDATE}`,
    check: (view) => pciControllerFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-SLOT',
    severity: 'error',
    message: '{problem}',
    fact: "A guest PCI address on a bus other than 0 lands on the controller with that index: a pcie-root-port (or pcie-switch-downstream-port) has the one slot 0, so a device there at slot 1 or more is refused (\"slot must be <= 0\"), and a pci-bridge or pcie-to-pci-bridge has slots 1 to 31 (\"slot must be >= 1\"). A bus no controller has gets one that libvirt adds: a pcie-root-port on q35, a pci-bridge on pc. A PCI controller written onto a bus that takes it is held to the same slots (a pci-bridge at slot 0 of a pci-bridge, a pcie-switch-upstream-port at slot 1 of a root port), while a dmi-to-pci-bridge, pci-expander-bus, pcie-expander-bus and a switch's upstream port have slots 0 to 31. The function is free (0-7). Checked with virsh define --validate, libvirt 9.0. On an ARM guest only the virt machines (and versatilepb) have PCI: elsewhere libvirt adds no PCI root, and a device written at a PCI address is refused (\"No PCI buses available\").",
    upstream: 'libvirt src/conf/domain_addr.c (virDomainPCIAddressValidate, virDomainPCIAddressBusSetModel)',
    check: (view) => [...pciSlotFindings(view), ...armWithoutPciFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-PLACEMENT',
    severity: 'error',
    message: '{problem}',
    fact: "Each PCI controller model plugs into certain buses only, and libvirt refuses a written <address> that puts it elsewhere (\"It requires a controller that accepts a pcie-expander-bus\"): a pci-expander-bus goes on pci-root, a pcie-expander-bus on pcie-root, a pcie-root-port or dmi-to-pci-bridge on pcie-root or a pcie-expander-bus, a pcie-switch-upstream-port or pcie-to-pci-bridge on a pcie-root-port or pcie-switch-downstream-port, a downstream port on an upstream port, and a pci-bridge wherever a PCI device may go (not on a pcie-expander-bus nor an upstream port). An address of domain, bus and slot 0 counts as none. Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/conf/domain_addr.c (virDomainPCIAddressBusSetModel, virDomainPCIAddressFlagsCompatible)',
    check: (view) => pciPlacementFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-ENDPOINT-BUS',
    severity: 'error',
    message: '{problem}',
    fact: "On q35 two PCI controllers take no ordinary device: a pcie-expander-bus takes only pcie-root-ports and dmi-to-pci-bridges, and a pcie-switch-upstream-port only pcie-switch-downstream-ports. A disk, interface, controller (usb, scsi, virtio-serial, ...), host device, video, sound card, balloon, RNG, watchdog, virtio input, shmem, vsock, virtio-mem or virtio-pmem memory, PCI serial port or filesystem (9p, virtiofs) whose written <address type=\"pci\"> names such a bus is refused (\"It requires a controller that accepts a PCI Express device\", or \"a standard PCI device\" for the conventional ones: transitional virtio models, rtl8139, sound cards, i6300esb, vga, cirrus (a video without a model), pci-serial, and devices with no PCI connection that have a PCI address anyway: usb-net, USB and SCSI host devices). Every other bus, pcie-root included, takes a written endpoint whether it is PCI or PCI Express. An address of domain, bus and slot 0 counts as none, and a usb controller or balloon of model none has no address. Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/conf/domain_addr.c (virDomainPCIAddressBusSetModel, virDomainPCIAddressFlagsCompatible); libvirt src/qemu/qemu_domain_address.c (qemuDomainDeviceCalculatePCIConnectFlags)',
    check: (view) => pciEndpointBusFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-INTEGRATED',
    severity: 'error',
    message: '{problem}',
    fact: "A virtio IOMMU is an integrated device of the root complex: a PCI <address> written on it must name bus 0 (\"needs to be an integrated device (bus=0)\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/qemu/qemu_domain_address.c (qemuDomainDeviceCalculatePCIConnectFlags); libvirt src/conf/domain_addr.c',
    check: (view) => pciIntegratedFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-ROOT-PORTS',
    severity: 'error',
    message: '{problem}',
    fact: "On q35 libvirt places each pcie-root-port without an <address> on the root bus, eight to a slot, on slots 1 to 0x1e (slot 0x1f holds the machine's LPC, SATA and SMBus functions): 240 at most, fewer when written addresses hold functions there. One more is refused (\"a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/qemu/qemu_domain_address.c (qemuDomainValidateDevicePCISlotsQ35, qemuDomainPCIAddressSetCreate)',
    check: (view) => pciRootPortCountFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PCI-NUMA-NODE',
    severity: 'error',
    message: '{problem}',
    fact: "A PCI controller's <target><node> (a pci-expander-bus or pcie-expander-bus tied to a guest NUMA node) must name one of the domain's <cpu><numa> cells, numbered from 0 (\"configured for a NUMA node (1) not present in the domain's <cpu><numa> array\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/qemu/qemu_domain.c (qemuDomainControllerDefPostParse)',
    check: (view) => pciNumaNodeFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-HOSTDEV-ADDRESS-TYPE',
    severity: 'error',
    message: '{problem}',
    fact: "A host device sits on the guest bus of its kind: a USB <hostdev> on a USB port (<address type=\"usb\">: \"USB host device must use 'usb' address type\"), a SCSI one on a drive address of a SCSI controller, a PCI one on a PCI address (or type \"unassigned\": given to the guest but not plugged in), a vhost SCSI host (scsi_host) on a PCI or ccw address. libvirt refuses any other written <address> type at define; with none written it places the device itself. Its source's own elements (<driver>, <source>, ...) are written in one run: the schema check (libxml2's) refuses a <rom>, <boot> or <address> standing between them. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE} (virDomainHostdevDefValidate)`,
    check: (view) => [...hostdevAddressTypeFindings(view), ...hostdevOrderFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-HOSTDEV-SGIO',
    severity: 'error',
    message: '{problem}',
    fact: "sgio= (whether the guest's SG_IO commands are filtered) and rawio= belong to SCSI host devices (<hostdev type=\"scsi\">): libvirt's schema refuses them on a USB, PCI or other host device, and its validator refuses sgio=\"unfiltered\" on any device (\"unfiltered sgio is no longer supported\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA}; ${DOMAIN_CONF}; ${DOMAIN_VALIDATE} (virDomainHostdevDefValidate)`,
    check: (view) => hostdevSgioFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-HOSTDEV-USB-SOURCE',
    severity: 'error',
    message: '{problem}',
    fact: "A USB <hostdev> names the host's device in its <source>: by <vendor id> and <product id> (each needs the other: \"missing product\"; ids of 1 to 4 hex digits, the vendor's not 0: \"Invalid value for attribute 'id' in element 'vendor': Zero is not permitted\"), by <address bus device> (1 to 3 hex digits each), or by both. libvirt refuses a <source> naming neither. Checked with virsh define --validate, libvirt 9.0. The schema wants <vendor> and <product> together; the parser then reads each id and bus/device number as a C number, so hex digits need their 0x and a leading 0 means octal (\"Invalid value for attribute 'id' in element 'product': 'beef'. Expected non-negative integer value\").",
    upstream: `${SCHEMA}; ${DOMAIN_CONF} (virDomainHostdevSubsysUSBDefParseXML)`,
    check: (view) => usbHostdevSourceFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-SCSI-CONTROLLER-MODEL',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's schema lists SCSI controller models its QEMU driver cannot give an x86 guest: buslogic (\"Unsupported controller model: buslogic\"), and ncr53c90, the ESP chip built into some sparc and m68k machines, which may only be the first SCSI controller and is built into no x86 machine (\"ncr53c90 SCSI controller is not a built-in for this machine\"). Their PCI cousins dc390 and am53c974, and auto (the default), are accepted. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateCheckSCSIControllerModel, qemuValidateDomainDeviceDefControllerSCSI)`,
    check: (view) => scsiControllerModelFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-MDEV-ADDRESS',
    severity: 'error',
    message: '{problem}',
    fact: "A mediated device (<hostdev type=\"mdev\">) of model vfio-pci sits on a PCI address and one of model vfio-ccw on a CCW address: libvirt refuses another written <address> type (\"Unsupported address type 'drive' with mediated device model 'vfio-pci'\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/conf/domain_postparse.c (virDomainHostdevDefPostParse)',
    check: (view) => mdevAddressFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-MDEV-RAMFB',
    severity: 'error',
    message: '{problem}',
    fact: "A vGPU's ramfb=\"on\" gives the guest a boot framebuffer, and a domain has one: libvirt refuses a second mediated device with ramfb on (\"Only one vgpu device can have 'ramfb' enabled\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE} (virDomainDefHostdevValidate)`,
    check: (view) => mdevRamfbFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-MDEV-DISPLAY',
    severity: 'error',
    message: '{problem}',
    fact: "An x86 QEMU has no s390 mediated devices: libvirt's QEMU driver refuses a <hostdev type=\"mdev\"> of model vfio-ccw or vfio-ap there (\"VFIO CCW device assignment is not supported by this version of QEMU\"). A vfio-pci mediated device with display=\"on\" shows its output through the domain's graphics: libvirt's QEMU driver refuses it in a domain without any <graphics> (\"graphics device is needed for attribute value 'display=on' in <hostdev>\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainMdevDefVFIOPCI)`,
    check: (view) => [...(x86(view) ? mdevArchFindings(view) : []), ...mdevDisplayFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-HOSTDEV-BOOT',
    severity: 'error',
    message: '{problem}',
    fact: "QEMU cannot boot the guest from a vhost SCSI host (<hostdev type=\"scsi_host\">) or a vfio-pci mediated device: libvirt refuses a <boot order> on them (\"booting from assigned devices is not supported by vhost SCSI devices\"). A PCI or USB host device may carry one. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDeviceDefHostdev, qemuValidateDomainMdevDefVFIOPCI)`,
    check: (view) => hostdevBootFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-SERIAL-MACHINE',
    severity: 'error',
    message: '{problem}',
    fact: "Some serial ports exist on one platform only: system-serial with pl011 on ARM virt, with 16550a on RISC-V virt, spapr-vio-serial (spapr-vty) on pSeries, sclp-serial on s390. libvirt's QEMU driver refuses them on an x86 guest (\"Serial device with target type 'system-serial' and target model 'pl011' not compatible with guest architecture or machine type\"); a serial written without a target type is an isa-serial there. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainChrDef)`,
    check: (view) => serialMachineFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-INPUT-MODEL',
    severity: 'error',
    message: '{problem}',
    fact: "QEMU's virtio input devices (keyboard, mouse, tablet, passthrough on bus virtio) have no transitional variants: libvirt's QEMU driver refuses model virtio-transitional and virtio-non-transitional on them (\"virtio (non-)transitional models are not supported for input type=keyboard\"); model virtio is fine. Nor has QEMU the Xen paravirtual input bus: an <input bus=\"xen\"> is refused on a qemu or kvm domain (\"unsupported input bus xen\"). Checked with virsh define --validate, libvirt 9.0. A virtio model (virtio, virtio-transitional, virtio-non-transitional) needs bus=\"virtio\": an input without bus= is on ps2 (mouse, keyboard) or usb (tablet), and libvirt refuses the model there (\"only bus 'virtio' is supported for input model 'virtio'\"), after a ps2 tablet.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDeviceDefInput)`,
    check: (view) => inputModelFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-USB-ADDRESS',
    severity: 'error',
    message: '{problem}',
    fact: "A guest USB address names the controller's index (bus=, required by libvirt's schema, decimal for its parser) and a port, or a port path through hubs (2.1 is port 1 of the <hub> at port 2). libvirt refuses a bus no USB controller has (it adds its default one at index 0: piix3-uhci with 2 ports on pc, qemu-xhci with 4 on q35), a port the controller lacks (uhci 2, ohci 3, ehci 6, xhci 4 or its ports=), and a path through a port with no <hub> there (a hub has 8 ports). Checked with virsh define --validate on libvirt 9.0.",
    upstream: `${SCHEMA}; libvirt src/conf/domain_addr.c (virDomainUSBAddressFindPort); ${DOMAIN_CONF}`,
    check: (view) => usbPortFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-VIRTIO-SERIAL-ADDRESS',
    severity: 'error',
    message: '{problem}',
    fact: "A virtio channel or console sits on a port of a virtio-serial controller (<address type=\"virtio-serial\" controller= bus= port=>). A controller has ports= ports (31 without it; ports=\"0\" gives none), and libvirt adds one at the index a virtio channel or console names (else 0) when the domain lacks it. Before any PCI address it reserves every written port but 0 and refuses a port the controller lacks (\"virtio serial controller 0 does not have port 1\"), a port taken twice (\"virtio serial port 1 on controller 0 is already occupied\") and a controller that is not there; then a channel without a port takes the first free one from 1 (a new controller when all are full), and one whose address names a controller but no port needs a free port on it (\"Unable to find a free port on virtio-serial controller 0\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/conf/domain_addr.c (virDomainVirtioSerialAddrReserve, virDomainVirtioSerialAddrNext); libvirt src/qemu/qemu_domain_address.c (qemuDomainAssignVirtioSerialAddresses)',
    check: (view) => virtioSerialFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-NUMA-CELLS',
    severity: 'error',
    message: '{problem}',
    fact: "Guest NUMA cells (<cpu><numa><cell>) are numbered 0 to n-1, by id= or by their order, each once; no two cells share a vCPU; and together they name no more vCPUs than <vcpu> (default 1) and none beyond it (ids count from 0). A cell may name fewer (or no) vCPUs. A cell's <distances> (read after its vCPUs) names sibling cells below the number of cells, at distance 10 from itself and only from itself (\"'value 20' is invalid for 'sibling id 0' under NUMA 'cell id 0'\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${NUMA_CONF} (virDomainNumaDefParseXML); ${DOMAIN_CONF}`,
    check: (view) => [...distancesShapeFindings(view), ...numaCellFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-CPU-TOPOLOGY',
    severity: 'error',
    message: '{problem}',
    fact: "QEMU builds the guest's CPUs from <cpu><topology>: sockets × dies (default 1) × cores × threads must equal the <vcpu> maximum (current= may be lower), or libvirt's QEMU driver refuses the domain at define (checked on libvirt 9.0).",
    upstream: QEMU_VALIDATE,
    check: (view) => cpuTopologyFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-SHARED-MEMORY',
    severity: 'error',
    message: '{problem}',
    fact: "A vhost-user disk (<disk type=\"vhostuser\">) and a virtiofs <filesystem> are served by another process that maps the guest's memory, so libvirt's QEMU driver refuses them at define unless that memory is shared: <memoryBacking><access mode=\"shared\"/>, or memAccess=\"shared\" on every NUMA cell (a cell's own memAccess wins over memoryBacking). A vhost-user <interface> is not checked at define (libvirt 9.0 accepts it).",
    upstream: QEMU_VALIDATE,
    check: (view) => sharedMemoryFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-FIRMWARE',
    severity: 'error',
    message: '{problem}',
    fact: "How the guest firmware is chosen: with <os firmware=\"efi\"|\"bios\"> libvirt picks the firmware itself, so <loader> may not name a path, type or readonly, nor secure=\"no\", <nvram> no template (\"loader attribute 'type' cannot be specified when firmware autoselection is enabled\"), and only efi has NVRAM; without it a <loader> (or a lone <nvram>) must name the firmware file (\"no loader path specified and firmware auto selection disabled\") and <firmware><feature> has nothing to select. A stateless loader has no NVRAM, and stateless=\"no\" needs a pflash loader or EFI (\"Only EFI firmware permits NVRAM\"); UEFI on x86 (firmware efi or a pflash loader) needs <features><acpi/> (\"UEFI requires ACPI on this architecture\"); a <smm><tseg> size exists only on q35 and in whole MiB; <bootloader> and <bootloader_args> are other hypervisors' (\"bootloader is not supported by QEMU\", the first check of the QEMU driver's post-parse). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE} (virDomainDefOSValidate); ${POST_PARSE}; ${QEMU_VALIDATE}; libvirt src/qemu/qemu_domain.c (qemuDomainDefPostParse, qemuDomainDefTsegPostParse)`,
    check: (view) => [...bootloaderFindings(view), ...firmwareFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-USB-CONTROLLER',
    severity: 'error',
    message: '{problem}',
    fact: "USB controllers: companion controllers (ich9-uhci1..3 with <master startport>) serve a master EHCI controller, so a domain whose USB controllers all carry <master> is refused (\"No master USB controller specified\"); QEMU's xHCI controllers (nec-xhci, qemu-xhci) have at most 15 ports (\"'nec-xhci' controller only supports up to '15' ports\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainDefControllersParse); libvirt src/qemu/qemu_domain.c`,
    check: (view) => usbControllerFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-IOMMU',
    severity: 'error',
    message: '{problem}',
    fact: "An <iommu model=\"intel\"> exists only on q35 machines, smmuv3 only on ARM virt, and virtio on q35 or ARM virt, with ACPI on (<features><acpi/>) and on a PCI address (\"IOMMU device: 'virtio' requires ACPI\"). A virtio or smmuv3 IOMMU takes none of the intel one's <driver> attributes (intremap, caching_mode, eim, iotlb, aw_bits): libvirt refuses any, on every machine and before it looks at the machine (\"iommu model 'smmuv3' doesn't support additional attributes\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDeviceDefIOMMU); ${DOMAIN_VALIDATE} (virDomainIOMMUDefValidate)`,
    check: (view) => iommuFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-SYSINFO',
    severity: 'error',
    message: '{problem}',
    fact: "<sysinfo type=\"smbios\">: the BIOS <entry name=\"date\"> is mm/dd/yy or mm/dd/yyyy (month 1-12, day 1-31, a four-digit year from 1900: \"Invalid BIOS 'date' format\"), and a system <entry name=\"uuid\"> must be the domain's <uuid> (\"UUID mismatch between <uuid> and <sysinfo>\"). <sysinfo type=\"fwcfg\">: each <entry> has a value or a file= (\"Firmware entry must have either value or 'file' attribute\"), and the QEMU driver wants its name under opt/ (\"Invalid firmware name\") but not under opt/ovmf/ or opt/org.qemu/ (\"That firmware name is reserved\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virSysinfoBIOSParseXML, virSysinfoSystemParseXML, virSysinfoParseFWCfgDef); ${QEMU_VALIDATE} (qemuValidateDomainDefSysinfo)`,
    check: (view) => sysinfoFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-GRAPHICS',
    severity: 'error',
    message: '{problem}',
    fact: "A <graphics listen=...> or socket= (the old form) must say what its first <listen> says (\"graphics 'listen' attribute ... must match 'address' attribute of first listen element\"); the schema takes an IP address or a host name there (letters, digits, dots and dashes: \"localhost:5900\" is refused, the port goes in port=); passwdValidTo is a date and time for the schema (a real day, 24:00:00 only as midnight) and exactly YYYY-MM-DDTHH:MM:SS for the parser, no zone, fraction or blanks (\"cannot parse password validity time\"); egl-headless pairs only with vnc or spice graphics, and not with SPICE's own OpenGL (<gl enable=\"yes\">: \"multiple OpenGL displays are not supported by QEMU\"); the QEMU driver of libvirt 9.0 refuses <graphics type=\"rdp\"> whatever its attributes (\"rdp graphics are not supported with this QEMU\", before an egl-headless pairing); and each graphics type has attributes of its own in the schema: tlsPort and defaultMode are SPICE's, websocket, sharePolicy, powerControl and socket VNC's, multiUser and replaceUser RDP's, display, xauth and fullscreen SDL's, address and p2p D-Bus's (a <graphics type=\"vnc\" tlsPort=...> is refused). Checked with virsh define --validate, libvirt 9.0. An <audio type=\"spice\"> needs a <graphics type=\"spice\"> (the QEMU driver: \"Spice audio is not supported without spice graphics\", said after each device is validated); an <audio> id, the backend's or the one a <sound> or <graphics> names, counts from 1 (\"Invalid value for attribute 'id' in element 'audio': Zero is not permitted\", the parser's, though the schema takes 0). libvirt 9.0's QEMU driver has no desktop graphics either (\"desktop graphics are not supported with this QEMU\"), and an rdp graphics' <listen type=\"socket\"> or \"none\" is refused as the graphics is read (\"listen type 'none' is not available for graphics type 'rdp'\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainGraphicsListenDefParseXML); ${QEMU_VALIDATE}`,
    check: (view) => [...graphicsAttrFindings(view), ...graphicsFindings(view), ...graphicsListenFindings(view), ...graphicsPasswdValidToFindings(view), ...spiceAudioFindings(view), ...audioIdFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-SCHEMA-SHAPE',
    severity: 'error',
    message: '{problem}',
    fact: "Shapes of libvirt 9.0's schema outside the disks that a list of names and values cannot tell: a PCI <hostdev>'s <source> holds the host device's <address> (an empty <source/> is refused); a <video><model> takes ram=, vgamem= and vram64= only when it is a qxl one; a <cpu><feature> needs policy= and name=; a <cpu><topology> needs sockets=, cores= and threads=, each (and dies=) a positive integer; a <clock adjustment> is a signed whole number of seconds (or reset with offset utc or localtime); <features>, <hyperv>, <kvm> and <memoryBacking> take each child once; a Hyper-V vendor_id value has at most 12 characters and no comma; an interface's <filterref filter=...> is an XML name without a colon (nwfilter_params.rng's NCName) and its <parameter> names letters, digits and _ (values also . and :); an interface's <ip address> and peer= are a dotted IPv4 address without leading zeros or an IPv6 one (basictypes.rng's ipAddr), its prefix= at most 128; its host and guest device names (<source dev>, portgroup=, <target dev>, <guest dev|actual>) letters, digits and _ . - \\ : /, its <backend> tap=, vhost= and logFile= absolute paths, and its <tune><sndbuf> digits only; a device's <rom file=...> is an absolute path; <memtune>'s limits scaled integers (digits, a unit= such as KiB or M), <blkiotune>'s weights 100 to 1000, its devices an absolute <path> and unsigned rates, a <resource><partition> an absolute path, a <title> one non-empty line, <idmap> and <vcpus> numbers unsigned ints, a <lease> its <lockspace>, <key> and <target path=...>, an ISA <address> iobase= 0x and 1-4 hex digits and irq= 0x and one; an interface's <source> as its type requires it (mcast and client an IPv4 address= and a port= from -1 to 65535, udp those and a <local> with both, server a port=, internal a name=, vdpa a dev=, vds its switchid, portid, portgroupid and connectionid, hostdev a <source>), a filesystem's <source> by its type (mount an absolute dir= or a socket=, bind a dir=, file a file=, block a dev=, template a name=, ram a usage=) and a <target dir=...>, no init elements in an hvm <os>, a passthrough input's evdev=, a virtiofs <binary path=...> and a random <rng> backend's device absolute paths, each smbios <sysinfo> section with an <entry> (bios, system, chassis and oemStrings once), an SMM <tseg> a whole number, a USB <address> bus= 1-3 hex digits and port= dotted hex numbers. Each is \"Element domain failed to validate content\" (virsh define --validate, libvirt 9.0). Round 35 (the same words): <iothreads> and a <controller><driver>'s queues, cmd_per_lun, max_sectors and iothread are unsignedInts (digits only), a NUMA <cell cpus> a list of CPUs and ranges, a SCSI host device's source <address> decimal digits (bus 2, target 10, unit 20), a <shmem><size> and TCG's <tb-cache> scaled integers (a unit= of the unit pattern), an <os><acpi><table> and an OpenGL rendernode= absolute paths, a builtin <rng> backend empty and an egd one with type=, and graphics of type sdl, egl-headless, dbus or desktop take no <listen>.",
    upstream: `${SCHEMA}; libvirt src/conf/schemas/cputypes.rng; libvirt src/conf/schemas/nwfilter_params.rng; libvirt src/conf/schemas/basictypes.rng`,
    check: (view) => [...domainShapeFindings(view), ...tuneShapeFindings(view), ...deviceShapeFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-AUDIO',
    severity: 'error',
    message: '{problem}',
    fact: "An <audio> backend's <input> and <output> are read with the backend: fixedSettings=\"yes\" needs mixingEngine=\"yes\" (\"fixed audio settings requires mixing engine\"), and a <settings> element (frequency, channels, format) needs fixedSettings=\"yes\" (\"audio settings specified without fixed settings flag\"), the input's before the output's. Once every device is validated, a <sound>'s or a <graphics>'s <audio id=...> must name a backend, libvirt adding one of id 1 when the domain has none (\"no audio device with ID 2\"), and no two backends may share an id (\"audio ID 1 is used multiple times\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (virDomainAudioDefParseXML); ${DOMAIN_VALIDATE}`,
    check: (view) => audioFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CPU-DEFINITION',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt's parser reads <cpu> before it validates anything: migratable= belongs to a host-passthrough or maximum CPU (\"Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode\"), and a custom CPU (no mode= is custom) takes a <vendor> or <feature>s only with a <model> (\"Non-empty feature list specified without CPU model\"); each <feature> names a flag once (\"CPU feature 'vmx' specified more than once\"). A host-model, host-passthrough or maximum CPU takes features without a model. Checked with virsh define --validate, libvirt 9.0.",
    upstream: 'libvirt src/conf/cpu_conf.c (virCPUDefParseXML)',
    check: (view) => cpuParseFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CACHETUNE',
    severity: 'error',
    message: '{problem}',
    fact: "<cputune><cachetune> and <memorytune> (resctrl cache and memory-bandwidth allocation for vCPUs) are only for KVM domains: libvirt's QEMU driver refuses them in a domain of type qemu (\"cachetune is only supported for KVM domains\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: QEMU_VALIDATE,
    check: (view) => cachetuneFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-DEVICE-OPTION',
    severity: 'error',
    message: '{problem}',
    fact: "Device settings libvirt refuses whatever the host: a pci-root or pcie-root controller is the root bus itself and takes no <address> (\"pci-root and pcie-root controllers should not have an address\"); a virtiofs <filesystem> that libvirt starts itself (no <source socket>) cannot be <readonly/> (\"virtiofs does not yet support read-only mode\"); a <shmem> <msi> needs a <server> (\"msi option is only supported with a server\"); a <filesystem> needs <target dir=...> (the schema) and not an empty one (\"missing target information for device /srv/share\"); a <vsock>'s <cid address> is 3 or more, whether auto= is yes or no (0-2 are the hypervisor's and the host's: \"guest CIDs must be >= 3\", and 0 the parser's \"Zero is not permitted\"). Checked with virsh define --validate, libvirt 9.0. A <redirfilter><usbdev> class (1-2 hex digits), vendor and product (1-4 hex digits) and version (such as 2.0) follow the schema's patterns, or are -1 (any); the parser then reads class, vendor and product as C numbers, so hex digits need their 0x (\"Invalid value for attribute 'product' in element 'usbdev': 'beef'. Expected integer value\"). A <filesystem> other than type mount (the default) is refused after its target (\"only supports mount filesystem type\"), a virtiofs one of accessmode mapped or squash after its read-only (\"virtiofs only supports passthrough accessmode\"), and one of driver type loop, nbd or ploop is no QEMU device: libvirt finds no bus for it when it assigns addresses (\"Cannot automatically add a new PCI bus for a device with connect flags 00\"). An interface's or host device's <rom enabled=\"no\"> takes no bar= or file= (the parser: \"ROM tuning is not supported when ROM is disabled\"). A <filesystem fmode=> or dmode= needs accessmode=\"mapped\" (\"fmode and dmode must be used with accessmode=mapped\"), and the handle driver shares in passthrough mode only (\"only supports passthrough accessmode\"). The parser reads a <memballoon><stats period> as a C int (above 2147483647: \"Invalid value for attribute 'period' in element 'stats': ... Expected integer value\") and an <rng><rate> bytes= or period= as an unsigned int (\"invalid RNG rate bytes value\"). A guestfwd channel's address is read before its port, as a socket address: an empty one or one with blanks names no host (\"Cannot parse socket address ''\"), and an IPv6 one is refused (\"guestfwd channel only supports IPv4 addresses\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE}; ${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => [...deviceOptionFindings(view), ...usbdevFilterFindings(view), ...wwnFindings(view), ...romTuningFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-PSERIES-FEATURE',
    severity: 'error',
    message: '{problem}',
    fact: "The <features> hpt, htm, nested-hv, ccf-assist, cfpc, sbbc and ibs tune IBM POWER (pSeries) guests and <gic> ARM ones; libvirt's QEMU driver refuses any of them, whatever its state, on another machine, the first in its list of features (gic, hpt, htm, nested-hv, ccf-assist, cfpc, sbbc, ibs), not the document's order; last of the features it checks, a <tcg><tb-cache> must be a whole number of MiB (\"tb-cache size must be an integer multiple of MiB\") (\"The 'hpt' feature is not supported for architecture 'x86_64' or machine type 'pc-i440fx-7.2'\", the machine as libvirt expands it). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDefFeatures, qemuValidateDomainDefPSeriesFeature)`,
    check: (view) => pseriesFeatureFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-EMULATOR-ARCH',
    severity: 'error',
    message: '{problem}',
    fact: "A written <emulator> runs the guest's architecture: libvirt's QEMU driver refuses, before any other check of its domain validation, a domain whose <os><type arch> the binary does not emulate (\"Emulator '/usr/bin/qemu-system-x86_64' does not support arch 'aarch64'\"); an x86_64 binary also runs i686 guests, an aarch64 one armv7l, armv7l armv6l and ppc64 ppc64le. bdm-lab reads the architecture from a qemu-system-NAME binary's name; whether the binary is installed is the host's (\"Cannot check QEMU binary ...: No such file or directory\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${QEMU_VALIDATE} (qemuValidateDomainDef); libvirt src/qemu/qemu_capabilities.c (virQEMUCapsIsArchSupported)`,
    check: (view) => emulatorArchFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-DEVICE-SET',
    severity: 'error',
    message: '{problem}',
    fact: "libvirt 9.0's schema lists what <devices> may hold (disk, controller, interface, graphics, ..., memory, panic, iommu, vsock) and takes <emulator>, <memballoon>, <nvram>, <iommu> and <vsock> at most once each, and a <smartcard mode=\"host-certificates\"> names exactly three <certificate>s; any other element (<crypto> came in a later release) or a second one of those is refused with \"Element domain failed to validate content\" before libvirt reads anything. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${SCHEMA} (define devices)`,
    check: (view) => deviceSetFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-CHARDEV-CHANNEL',
    severity: 'error',
    message: '{problem}',
    fact: "A character device of type spiceport or dbus is a named channel of the display: it needs <source channel=...> (the parser: \"Missing source channel attribute for char device\"), and a spiceport one needs SPICE <graphics> in the domain (\"chardev 'spiceport' not supported without spice graphics\"), on a serial, console, parallel port or channel alike. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => channelChardevFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-INPUT-BUS',
    severity: 'error',
    message: '{problem}',
    fact: "QEMU's PS/2 controller has a mouse and a keyboard, no tablet: libvirt refuses <input type=\"tablet\" bus=\"ps2\"> (\"ps2 bus does not support tablet input device\"); use bus=\"usb\" or \"virtio\" for a tablet. libvirt's schema gives an <input type=\"evdev\"> no bus and a <source dev>, a <source evdev> to a passthrough input only (without grab, repeat or grabToggle), and refuses a virtio model on an evdev input (\"only bus 'virtio' is supported for input model\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF} (input validation)`,
    check: (view) => [...inputSchemaFindings(view), ...ps2InputFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-SPICE-TLS',
    severity: 'error',
    message: '{problem}',
    fact: "A SPICE <graphics> with a tlsPort above 0 asks QEMU to serve TLS, which libvirt's QEMU driver allows only when the host's qemu.conf sets spice_tls = 1 (with certificates in spice_tls_x509_cert_dir); the setting is off by default, and then libvirt refuses the domain at define (\"spice TLS port set in XML configuration, but TLS is disabled in qemu.conf\"). autoport=\"yes\" drops both ports of a defined domain, so it passes; tlsPort=\"-1\" or \"0\" passes too, and <channel mode=\"secure\"> or defaultMode=\"secure\" are only refused when the domain starts. bdm-lab cannot read the host's qemu.conf (the context file has no key for it): on a host with spice_tls = 1, ignore this diagnostic. Checked with virsh define --validate, libvirt 9.0, spice_tls unset.",
    upstream: `${QEMU_VALIDATE} (SPICE graphics: tlsPort against the spice_tls setting); ${DOMAIN_CONF} (SPICE graphics parse: autoport); libvirt src/qemu/qemu.conf.in (spice_tls)`,
    check: (view) => spiceTlsFindings(view),
  },
] as const satisfies readonly Rule[];

/**
 * The rows libvirt 9.0 answers after its schema and before it validates device by device, in the
 * order it answers them (virsh define --validate): shared memory (a device's post-parse), BIOS
 * serial output (the domain's post-parse), then the QEMU driver's checks of the whole domain
 * (lifecycle actions, panic devices, TPMs). rules.ts puts them before the <disk> rows of the
 * validation stage.
 */
export const DOMAIN_EARLY_ROWS = [
  {
    id: 'LIBVIRT-DOMAIN-SHMEM',
    severity: 'error',
    message: '{problem}',
    fact: "An inter-VM shared memory device (<shmem>) of model ivshmem-plain maps the memory only and takes no <server>; ivshmem-doorbell gets its memory and interrupts from the ivshmem server, so it needs <server> and takes no <size> (libvirt's QEMU driver: \"shmem model 'ivshmem-doorbell' is supported only with server option enabled\"). The legacy model ivshmem (also the model of a <shmem> without <model>) is gone from QEMU since 4.0 and libvirt 9.0 runs no QEMU older than 4.2, so every host refuses it (\"ivshmem device is not supported with this QEMU binary\"). Checked with virsh define --validate, libvirt 9.0. A <shmem name> holds no \"/\" (the schema's pattern; the name is a file under /dev/shm).",
    upstream: QEMU_VALIDATE,
    check: (view) => [...shmemNameFindings(view), ...shmemFindings(view)],
  },
  {
    id: 'LIBVIRT-DOMAIN-BIOS-SERIAL',
    severity: 'error',
    message: '{problem}',
    fact: 'SeaBIOS writes to the first serial port when <os><bios useserial="yes"/> asks it to, so libvirt refuses that without a <serial> (or a <console> that is one) in the domain ("need at least one serial port to use BIOS serial output", libvirt 9.0).',
    upstream: DOMAIN_CONF,
    check: (view) => biosSerialFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-LIFECYCLE',
    severity: 'error',
    message: '{problem}',
    fact: "The domain's lifecycle actions: <on_poweroff> and <on_reboot> hold one of destroy, restart, preserve and rename-restart, <on_crash> one of those or coredump-destroy and coredump-restart (libvirt's schema refuses anything else, an empty element too, with \"Element domain failed to validate content\"; blanks around an action pass the schema and the parser then refuses the text as written, \"unknown on_reboot action\"), and the QEMU driver refuses rename-restart in all three and preserve in <on_poweroff> and <on_reboot>. Checked with virsh define --validate, libvirt 9.0. <on_lockfailure> holds one of poweroff, restart, pause and ignore.",
    upstream: `${SCHEMA} (lifecycle actions); ${DOMAIN_CONF} (virDomainEventActionParseXML); ${QEMU_VALIDATE} (qemuValidateLifecycleAction)`,
    check: (view) => lifecycleFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-PANIC',
    severity: 'error',
    message: '{problem}',
    fact: "A <panic> device per model: libvirt's parser refuses two of one model (\"Multiple panic devices with model 'isa'\"); its QEMU driver takes model pseries only on pSeries guests and s390 only on s390 ones, an isa panic (the x86 default) only at an <address type=\"isa\">, and a hyperv panic at no address at all (\"setting the panic device address is not supported for model 'hyperv'\"). Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_CONF}; ${QEMU_VALIDATE}`,
    check: (view) => panicFindings(view),
  },
  {
    id: 'LIBVIRT-DOMAIN-TPM',
    severity: 'error',
    message: '{problem}',
    fact: "A domain has one TPM; only a pSeries guest may add a second of model spapr-tpm-proxy beside it (\"only a single TPM non-proxy device is supported\"). A <tpm> needs a <backend> (the schema); an external backend names the swtpm socket it connects to as <source type=\"unix\" mode=\"connect\" path=...> (the schema wants all three) and without a <source> the parser refuses it (\"missing external TPM backend type\"); the pSeries models tpm-spapr and spapr-tpm-proxy exist only in qemu-system-ppc64 (\"The QEMU executable /usr/bin/qemu-system-x86_64 does not support TPM model tpm-spapr\"). Whether an emulated TPM of version 1.2 or 2.0 can run depends on the host's swtpm, and an external backend on the host's QEMU: bdm-lab says so as information (LIBVIRT-DOMAIN-HOST-DEPENDENT), not as an error. Checked with virsh define --validate, libvirt 9.0.",
    upstream: `${DOMAIN_VALIDATE}; ${SCHEMA} (tpm backends); ${DOMAIN_CONF} (virDomainTPMDefParseXML); ${QEMU_VALIDATE} (qemuValidateDomainDeviceDefTPM)`,
    check: (view) => tpmFindings(view),
  },
] as const satisfies readonly Rule[];
