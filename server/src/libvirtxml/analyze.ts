import { parseXml } from './parse';
import { libvirtRootOf } from './recognize';
import { RULES } from './rules';
import type { Rule } from './rules';
import type { LibvirtAnalysis, LibvirtRoot, Problem, Stage } from './types';
import { DEVICE_ORDERED_STAGES, STAGE_RANK, addressStep, deviceRank, deviceWalk, parseRank, parseRankAfterKind, rankInStage, stageOf } from './stages';
import { kindRank } from './deviceRank';
import { diskNameIndex } from './domainHelpers';
import { hostNotes } from './hostNotes';
import { diskCheckPlace } from './diskOrder';
import { attrValue, child } from './types';
import { buildView } from './view';
import type { DocView } from './view';
import { SCHEMA_WIDE } from './schemaValues';
import { fill } from '../model/diagnostic';

/**
 * The single entry point of the libvirt XML domain: text in, problems and an
 * outline out. Pure and synchronous; never throws. libvirt's own schema check
 * (schemaCheck.ts) is separate because it runs an external program.
 */

export const INTERNAL_ERROR_ID = 'LIBVIRT-INTERNAL';

export function analyzeLibvirtXml(text: string): LibvirtAnalysis {
  return analyzeLibvirtXmlStaged(text).analysis;
}

/** The analysis with each problem's stage (`stages[i]` is the stage of `analysis.problems[i]`). */
export interface StagedAnalysis {
  analysis: LibvirtAnalysis;
  stages: Stage[];
}

/**
 * analyzeLibvirtXml with the stage of libvirt's where each problem arises (stages.ts). The problems
 * come in libvirt's order of stages, and within the address and device-validation stages in the
 * order libvirt walks the devices, within the post-parse ones in RULE_STAGE's (a stable sort: else
 * the rules' order), so the first error is the one `virsh define --validate` answers.
 */
export function analyzeLibvirtXmlStaged(text: string): StagedAnalysis {
  const root = libvirtRootOf(text);
  const parsed = parseXml(text);
  const problems: Problem[] = [...parsed.problems];
  if (!parsed.root || !isRoot(parsed.root.name)) return { analysis: { root, problems, disks: [] }, stages: problems.map(() => 'xml') };

  const view = buildView(parsed.root.name, parsed.root);
  // the schema's values and numbers outside the disks (schemaValues.ts) give way to a dedicated rule on the same place
  const wide: Problem[] = [];
  const stages = new Map<Problem, Stage>();
  for (const rule of RULES) {
    try {
      for (const f of rule.check(view)) {
        const p: Problem = { id: rule.id, severity: rule.severity, message: formatMessage(rule, f.args), span: f.span };
        stages.set(p, f.args?.[SCHEMA_WIDE] ? 'schema' : stageOf(rule.id, p.message, f.stage));
        (f.args?.[SCHEMA_WIDE] ? wide : problems).push(p);
      }
    } catch (e) {
      // A bug in one check must not hide the others or reach the LSP loop.
      problems.push({
        id: INTERNAL_ERROR_ID,
        severity: 'information',
        message: `bdm-lab could not run ${rule.id}: ${e instanceof Error ? e.message : String(e)}`,
        span: parsed.root.nameSpan,
      });
    }
  }

  // what the host decides: a note where libvirt makes the check, device by device
  for (const p of hostNotes(view)) {
    problems.push(p);
    stages.set(p, 'validate-device');
  }

  // libvirt validates against its schema before it parses (virsh define --validate): a schema
  // refusal is its first reason, so the kept ones go before the rules' findings (after the XML's own)
  // (pushed one by one: spread as arguments, a list of some 100 000 findings overflows the stack)
  if (wide.length) {
    // only a finding of the schema (or the XML) itself stands for the schema's refusal: a later stage's on the same
    // value (the parser's "Zero is not permitted", the firmware's autoselection) comes after it (labelled)
    const kept = keepUncovered(problems.filter((p, i) => i < parsed.problems.length || stages.get(p) === 'schema'), wide);
    const rest = problems.splice(parsed.problems.length);
    for (const p of kept) problems.push(p);
    for (const p of rest) problems.push(p);
  }
  const slots = view.devices.length + 1;
  // after the parse libvirt walks the disks by bus and target name, not as the document lists them
  // (grouped by the bus as written: a disk without bus= is in a group of its own, labelled)
  const walk = deviceWalk(view.devices, view.disks.map((d) => ({ bus: d.target ? attrValue(d.target, 'bus') : undefined, index: (d.dev !== undefined ? diskNameIndex(d.dev) : null) ?? -1 })), primaryVideo(view.devices));
  // a first <console> of target type serial (or none) in an hvm domain without <serial> becomes
  // its serial port (virDomainDefAddConsoleCompat): walked with the serial ports (labelled)
  const compat = compatSerialConsole(view);
  const walked = (rank: number) => {
    if (rank < 0) return rank;
    const at = rank % slots;
    return at === compat ? kindRank('serial') * slots + at : rank - at + walk[at]!;
  };
  const staged = problems.map((p, i) => {
    const stage: Stage = i < parsed.problems.length ? 'xml' : stages.get(p) ?? 'validate-domain';
    // libvirt's parser reads the domain's own elements (<cpu><numa>, <features>, ...) before <devices>, then kind by kind
    // an IDE disk on q35 is refused through the IDE controller libvirt adds for it, validated after the written controllers (labelled)
    const rank = stage === 'validate-device' && p.id === 'LIBVIRT-DOMAIN-CONTROLLER-MACHINE' && p.message.startsWith('IDE controllers are unsupported') ? kindRank('controller') * slots + slots - 1
      : DEVICE_ORDERED_STAGES.has(stage) ? walked(deviceRank(view.devices, p.span.offset))
      : stage === 'parse' ? (p.id === 'LIBVIRT-DOMAIN-USB-CONTROLLER' ? parseRankAfterKind('controller', view.devices.length) : parseRank(view.devices, p.span.offset, view.kind === 'domain' ? view.root : undefined))
      : rankInStage(p.id, stage, p.message);
    const onDisk = rank >= 0 && view.devices[rank % slots]?.name === 'disk';
    const within = stage === 'validate-device' || stage === 'parse' ? ruleOrderInDevice(p.id, stage, onDisk ? p.message : undefined, p.message) : addressOrderInDevice(p.id, stage);
    return { p, stage, step: addressStep(p.id, stage, p.message), rank, within };
  });
  staged.sort((a, b) => STAGE_RANK[a.stage] - STAGE_RANK[b.stage] || a.step - b.step || a.rank - b.rank || a.within - b.within);

  const disks = view.disks.map((d) => ({
    span: d.el.span,
    targetDev: d.dev,
    bus: d.target ? attrValue(d.target, 'bus') : undefined,
    type: d.typeValue,
    device: d.device ? attrValue(d.el, 'device') : undefined,
  }));
  return { analysis: { root: parsed.root.name, problems: staged.map((s) => s.p), disks }, stages: staged.map((s) => s.stage) };
}

/** Whether device i is a <video> whose <model> says primary="yes" (libvirt's parser puts it in front of the videos before it). */
function primaryVideo(devices: DocView['devices']): (i: number) => boolean {
  return (i) => {
    const d = devices[i]!;
    const m = d.name === 'video' ? child(d, 'model') : undefined;
    return m !== undefined && attrValue(m, 'primary') === 'yes';
  };
}

/** The index among the devices of a console libvirt turns into the domain's serial port, or -1. */
function compatSerialConsole(view: DocView): number {
  if (view.kind !== 'domain') return -1;
  const type = view.os && child(view.os, 'type');
  if (!type || type.text.trim() !== 'hvm') return -1;
  let console = -1;
  for (let i = 0; i < view.devices.length; i++) {
    const name = view.devices[i]!.name;
    if (name === 'serial') return -1;
    if (name === 'console' && console < 0) console = i;
  }
  if (console < 0) return -1;
  const target = child(view.devices[console]!, 'target');
  const targetType = target ? attrValue(target, 'type') : undefined;
  return targetType === undefined || targetType === 'serial' ? console : -1;
}

/** Below every rule index: a disk's placed findings go before the ones diskOrder.ts does not place. */
const DISK_PLACES = 1000;

let ruleIndex: Map<string, number> | null = null;
let validateIndex: Map<string, number> | null = null;
let parseIndex: Map<string, number> | null = null;

/**
 * Where a rule's findings go among those of one device, in its parse or its validation: the
 * rules' order, but as libvirt does it (labelled): a <disk>'s findings (`diskMessage` given) in
 * the order libvirt validates a disk (diskOrder.ts), before any finding that order does not
 * place; on another device, an iothread before what the rules' order puts after a disk's
 * transient check. A host note goes last.
 */
function ruleOrderInDevice(id: string, stage: Stage, diskMessage?: string, message = ''): number {
  ruleIndex ??= new Map(RULES.map((r, i) => [r.id, i]));
  if (!validateIndex || !parseIndex) {
    validateIndex = new Map(ruleIndex);
    validateIndex.set('LIBVIRT-DOMAIN-IOTHREAD-IDS', (ruleIndex.get('LIBVIRT-DISK-TRANSIENT') ?? 0) - 0.5);
    // a mediated device's boot order is refused before its display (qemuValidateDomainMdevDefVFIOPCI, labelled)
    validateIndex.set('LIBVIRT-DOMAIN-HOSTDEV-BOOT', (ruleIndex.get('LIBVIRT-DOMAIN-MDEV-DISPLAY') ?? 0) - 0.5);
    // a disk's <auth> written twice is refused with its source, before its <iotune> is read (labelled)
    parseIndex = new Map(ruleIndex);
    parseIndex.set('LIBVIRT-DISK-AUTH-TWICE', (ruleIndex.get('LIBVIRT-DISK-IOTUNE') ?? 0) - 0.5);
  }
  if (stage === 'validate-device' && diskMessage !== undefined) {
    const place = diskCheckPlace(id, diskMessage);
    if (place !== undefined) return place - DISK_PLACES;
  }
  // the QEMU driver refuses a buslogic SCSI controller before it looks at the controller's
  // <driver> options (qemuValidateCheckSCSIControllerModel, then the attributes; labelled), an
  // ncr53c90's place after them (qemuValidateDomainDeviceDefControllerSCSI)
  if (stage === 'validate-device' && id === 'LIBVIRT-DOMAIN-SCSI-CONTROLLER-MODEL' && message.startsWith('Unsupported controller model')) {
    return (validateIndex.get('LIBVIRT-DOMAIN-CONTROLLER-DRIVER') ?? 0) - 0.5;
  }
  // a ps2 tablet is refused before a virtio model off the virtio bus (labelled)
  if (stage === 'validate-device' && id === 'LIBVIRT-DOMAIN-INPUT-MODEL' && message.startsWith("only bus 'virtio'")) {
    return (validateIndex.get('LIBVIRT-DOMAIN-INPUT-BUS') ?? 0) + 0.5;
  }
  // a virtiofs filesystem's options (read-only) are refused before its want of shared memory (labelled)
  if (stage === 'validate-device' && id === 'LIBVIRT-DOMAIN-SHARED-MEMORY' && message.startsWith("'virtiofs'")) {
    return (validateIndex.get('LIBVIRT-DOMAIN-DEVICE-OPTION') ?? 0) + 0.5;
  }
  return (stage === 'parse' ? parseIndex : validateIndex).get(id) ?? RULES.length;
}

/**
 * Where a finding goes among those of one device's written PCI address: libvirt asks whether the
 * bus takes the device (an integrated device on bus 0) before it looks at the slot (labelled).
 */
function addressOrderInDevice(id: string, stage: Stage): number {
  return stage === 'address' && id === 'LIBVIRT-DOMAIN-PCI-INTEGRATED' ? -1 : 0;
}

function isRoot(name: string): name is LibvirtRoot {
  return name === 'domain' || name === 'disk' || name === 'devices';
}

export function formatMessage(rule: Rule, args: Record<string, string> | undefined): string {
  return fill(rule.message, args);
}

/**
 * The schema-wide findings that no schema error found so far overlaps, nor a wide one
 * kept before it on the same attribute (theirs are attribute spans: equal or apart). The errors'
 * spans sorted by start, with the furthest end up to each: one binary search per finding, so a
 * document with thousands of both stays linear-logarithmic.
 */
function keepUncovered(problems: Problem[], wide: Problem[]): Problem[] {
  const errors = problems.filter((p) => p.severity === 'error').map((p) => p.span).sort((a, b) => a.offset - b.offset);
  const reach: number[] = new Array(errors.length);
  let far = -Infinity;
  for (let i = 0; i < errors.length; i++) reach[i] = far = Math.max(far, errors[i].offset + errors[i].length);
  const kept = new Set<string>();
  const out: Problem[] = [];
  for (const w of wide) {
    const start = w.span.offset;
    const end = start + w.span.length;
    // the last error starting before this finding ends: an overlap when one up to it ends after this finding starts
    let lo = 0;
    let hi = errors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (errors[mid].offset < end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && reach[lo - 1] > start) continue;
    const key = `${start}:${w.span.length}`;
    if (kept.has(key)) continue;
    kept.add(key);
    out.push(w);
  }
  return out;
}
