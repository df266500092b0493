import { findingAt as on, SCHEMA_REFUSES } from './ruleHelpers';
import { attr, attrValue, child, childrenNamed } from './types';
import type { Finding, XmlElement } from './types';
import type { DocView } from './view';

/**
 * Shapes libvirt 9.0's schema (domaincommon.rng, basictypes.rng) refuses in the domain's tuning
 * elements and a few devices, found in round 33 (labelled with virsh define --validate on the QEMU
 * driver): <memtune>'s limits are scaled integers (an unsignedLong, a unit= of the unit pattern),
 * <blkiotune>'s weights 100 to 1000 and its devices an absolute <path> with unsigned rates, a
 * <resource><partition> and a <title> patterned strings, <idmap> and <vcpus> ids unsigned ints,
 * a <lease> its <lockspace>, <key> and <target path> each once, and an ISA <address> its iobase=
 * (0x and 1-4 hex digits) and irq= (0x and one hex digit). One pass over the elements it reads.
 */


const UINT_MAX = 4294967295n;
const ULONG_MAX = 18446744073709551615n;
/** basictypes.rng's unsignedInt / unsignedLong: digits only (libvirt 9.0 refuses blanks around them, labelled), within the type. */
function unsigned(v: string, max: bigint): boolean {
  // at most 20 digits past the leading zeros: no big number is ever built from a long text
  const digits = /^[0-9]+$/.test(v) ? v.replace(/^0+/, '') : undefined;
  return digits !== undefined && digits.length <= 20 && BigInt(digits || '0') <= max;
}
/** basictypes.rng's unit pattern. */
const UNIT = /^(?:[bB](?:[yY][tT][eE][sS]?)?|[kKmMgGtTpPeE](?:[iI]?[bB])?)$/;
/** basictypes.rng's absFilePath: / or a drive letter, then at least one character (no line break). */
const ABS_FILE_PATH = /^(?:\/|[a-zA-Z]:\\)[^\n\r]+$/;
const MEMTUNE = new Set(['hard_limit', 'soft_limit', 'swap_hard_limit', 'min_guarantee']);
const BLKIO_RATES: Readonly<Record<string, bigint>> = { read_iops_sec: UINT_MAX, write_iops_sec: UINT_MAX, read_bytes_sec: ULONG_MAX, write_bytes_sec: ULONG_MAX };

function weightOk(v: string): boolean {
  return /^[0-9]+$/.test(v) && v.length < 6 && Number(v) >= 100 && Number(v) <= 1000;
}

function memtuneShapeFindings(tune: XmlElement, out: Finding[]): void {
  const seen = new Set<string>();
  for (const el of tune.children) {
    if (!MEMTUNE.has(el.name)) continue;
    if (seen.has(el.name)) out.push(on(el, `<memtune> takes one <${el.name}> (${SCHEMA_REFUSES}).`));
    seen.add(el.name);
    const unit = attr(el, 'unit');
    if (unit && !UNIT.test(unit.value)) out.push(on(unit, `<${el.name} unit="${unit.value}"> is not a unit libvirt's schema takes (b, bytes, KiB, KB, k, MiB, ...; ${SCHEMA_REFUSES}).`));
    else if (!unsigned(el.text, ULONG_MAX)) out.push(on(el, `<${el.name}>${el.text}</${el.name}> must be a non-negative integer of at most 18446744073709551615 (${SCHEMA_REFUSES}).`));
  }
}

function blkiotuneFindings(tune: XmlElement, out: Finding[]): void {
  let weights = 0;
  for (const el of tune.children) {
    if (el.name === 'weight') {
      // the schema takes one <weight> for the domain and one of each setting per <device> (checked with virt-xml-validate, libvirt 9.0)
      if (++weights === 2) out.push(on(el, `<blkiotune> takes one <weight> (${SCHEMA_REFUSES}).`));
      else if (!weightOk(el.text)) out.push(on(el, `<blkiotune><weight>${el.text}</weight> must be an integer from 100 to 1000 (${SCHEMA_REFUSES}).`));
      continue;
    }
    if (el.name !== 'device') continue;
    const path = child(el, 'path');
    if (!path) out.push(on(el, `A <blkiotune><device> needs a <path> (${SCHEMA_REFUSES}).`));
    else if (!ABS_FILE_PATH.test(path.text)) out.push(on(path, `<blkiotune><device><path>${path.text}</path> must be an absolute path (${SCHEMA_REFUSES}).`));
    const seen = new Set<string>();
    for (const c of el.children) {
      if (seen.has(c.name)) out.push(on(c, `A <blkiotune><device> takes one <${c.name}> (${SCHEMA_REFUSES}).`));
      seen.add(c.name);
      if (c.name === 'weight' && !weightOk(c.text)) out.push(on(c, `A <blkiotune><device>'s <weight>${c.text}</weight> must be an integer from 100 to 1000 (${SCHEMA_REFUSES}).`));
      const max = BLKIO_RATES[c.name];
      if (max !== undefined && !unsigned(c.text, max)) out.push(on(c, `<${c.name}>${c.text}</${c.name}> must be a non-negative integer of at most ${max} (${SCHEMA_REFUSES}).`));
    }
  }
}

function idFindings(el: XmlElement, names: readonly string[], out: Finding[]): void {
  for (const n of names) {
    const a = attr(el, n);
    if (a && !unsigned(a.value, UINT_MAX)) out.push(on(a, `<${el.name} ${n}="${a.value}"> must be a non-negative integer of at most 4294967295 (${SCHEMA_REFUSES}).`));
  }
}

const LEASE_PARTS = ['lockspace', 'key', 'target'];

function leaseShapeFindings(lease: XmlElement, out: Finding[]): void {
  const missing = LEASE_PARTS.find((n) => !child(lease, n));
  if (missing) {
    out.push(on(lease, `A <lease> needs a <${missing}> (with <lockspace>, <key> and <target path=...> each once; ${SCHEMA_REFUSES}).`));
    return;
  }
  const target = child(lease, 'target')!;
  if (!attr(target, 'path')) out.push(on(target, `A <lease><target> needs path= (${SCHEMA_REFUSES}).`));
  else idFindings(target, ['offset'], out);
}

/** An <address type="isa">: iobase= 0x and one to four hex digits, irq= 0x and one hex digit. */
function isaAddressFindings(address: XmlElement, out: Finding[]): void {
  const iobase = attr(address, 'iobase');
  const irq = attr(address, 'irq');
  if (iobase && !/^0x[a-fA-F0-9]{1,4}$/.test(iobase.value)) out.push(on(iobase, `<address type="isa" iobase="${iobase.value}"> must be 0x and one to four hex digits (${SCHEMA_REFUSES}).`));
  else if (irq && !/^0x[a-fA-F0-9]$/.test(irq.value)) out.push(on(irq, `<address type="isa" irq="${irq.value}"> must be 0x and one hex digit, such as 0x7 (${SCHEMA_REFUSES}).`));
}

/** basictypes.rng's UUID: 32 hex digits, bare or in 8-4-4-4-12 groups. */
const UUID = /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{8}-(?:[a-fA-F0-9]{4}-){3}[a-fA-F0-9]{12})$/;

const isXmlBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
/** The text without XML's blanks (space, tab, CR, LF) at either end, which an XSD integer type collapses: two index walks, linear however many blanks. */
export function xmlTrim(v: string): string {
  let a = 0;
  let b = v.length;
  while (a < b && isXmlBlank(v.charCodeAt(a))) a++;
  while (b > a && isXmlBlank(v.charCodeAt(b - 1))) b--;
  return v.slice(a, b);
}

/**
 * A SEV <launchSecurity>: a <policy> (hexuint), and cbitpos, reducedPhysBits and handle unsigned
 * ints. cbitpos and reducedPhysBits are the XSD unsignedInt, which takes blanks around the digits;
 * handle is basictypes.rng's unsignedInt, whose pattern takes none (labelled).
 */
function launchSecurityShape(el: XmlElement, out: Finding[]): void {
  const policy = child(el, 'policy');
  if (!policy) out.push(on(el, `A <launchSecurity type="sev"> needs a <policy> (${SCHEMA_REFUSES}).`));
  else if (!/^(?:0x)?[0-9a-f]+$/.test(policy.text)) out.push(on(policy, `<policy>${policy.text}</policy> must be a hex number in lower case, 0x optional (${SCHEMA_REFUSES}).`));
  for (const c of el.children) {
    const text = c.name === 'handle' ? c.text : xmlTrim(c.text);
    if ((c.name === 'cbitpos' || c.name === 'reducedPhysBits' || c.name === 'handle') && !unsigned(text, UINT_MAX)) {
      out.push(on(c, `<${c.name}>${c.text}</${c.name}> must be a non-negative integer of at most 4294967295 (${SCHEMA_REFUSES}).`));
    }
  }
}

/**
 * A SEV <launchSecurity> as libvirt 9.0's parser reads it once the schema has passed (after the
 * domain's other elements, before the devices): <policy> as a hex number of at most 0xffffffff
 * ("failed to get launch security policy"), then <cbitpos> and <reducedPhysBits> as C's strtoul
 * reads them, blanks before the digits taken and any after refused ("Invalid format for launch
 * security cbitpos", "... reduced-phys-bits"). Labelled with virsh define --validate.
 */
function launchSecurityParse(el: XmlElement): Finding | undefined {
  if (attrValue(el, 'type') !== 'sev') return undefined;
  const policy = child(el, 'policy');
  if (policy && /^(?:0x)?[0-9a-f]+$/.test(policy.text)) {
    const digits = policy.text.replace(/^0x/, '').replace(/^0+/, '');
    if (digits.length > 8) return { span: policy.nameSpan, args: { problem: 'failed to get launch security policy.' } };
  }
  for (const [name, words] of [['cbitpos', 'cbitpos'], ['reducedPhysBits', 'reduced-phys-bits']] as const) {
    const c = child(el, name);
    if (c && c.text.length > 0 && isXmlBlank(c.text.charCodeAt(c.text.length - 1)) && unsigned(xmlTrim(c.text), UINT_MAX)) {
      return { span: c.nameSpan, args: { problem: `Invalid format for launch security ${words}.` } };
    }
  }
  return undefined;
}

export function tuneShapeFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  for (const el of view.root.children) {
    if (el.name === 'memtune') memtuneShapeFindings(el, out);
    else if (el.name === 'blkiotune') blkiotuneFindings(el, out);
    else if (el.name === 'resource') {
      const p = child(el, 'partition');
      if (p && !ABS_FILE_PATH.test(p.text)) out.push(on(p, `<resource><partition>${p.text}</partition> must be an absolute path (${SCHEMA_REFUSES}).`));
      const fc = child(el, 'fibrechannel');
      const appid = fc && attr(fc, 'appid');
      if (fc && !appid) out.push(on(fc, `A <fibrechannel> needs appid= (${SCHEMA_REFUSES}).`));
      else if (appid && !/^[\x20-\x7e]{1,128}$/.test(appid.value)) out.push(on(appid, `<fibrechannel appid="${appid.value}"> must be 1 to 128 printable ASCII characters (${SCHEMA_REFUSES}).`));
    } else if (el.name === 'title' && !/^[^\n]+$/.test(el.text)) {
      out.push(on(el, `A <title> is one line of at least one character (${SCHEMA_REFUSES}).`));
    } else if (el.name === 'idmap') {
      for (const m of el.children) if (m.name === 'uid' || m.name === 'gid') idFindings(m, ['start', 'target', 'count'], out);
    } else if (el.name === 'vcpus') {
      for (const v of el.children) if (v.name === 'vcpu') idFindings(v, ['id', 'order'], out);
    } else if (el.name === 'iothreadids') {
      for (const t of el.children) if (t.name === 'iothread') idFindings(t, ['id', 'thread_pool_min', 'thread_pool_max'], out);
    } else if (el.name === 'genid' && el.text !== '' && !UUID.test(el.text)) {
      out.push(on(el, `<genid>${el.text}</genid> is neither empty nor a UUID (${SCHEMA_REFUSES}).`));
    } else if (el.name === 'launchSecurity' && attrValue(el, 'type') === 'sev') {
      launchSecurityShape(el, out);
    }
  }
  for (const d of view.devices) {
    if (d.name === 'lease') leaseShapeFindings(d, out);
    const address = child(d, 'address');
    if (address && attrValue(address, 'type') === 'isa') isaAddressFindings(address, out);
  }
  return out;
}

/** The scale of each unit libvirt's parser knows (virScaleInteger): b and bytes 1, k/K/KiB 1024, KB 1000, and so on up to E. */
function unitScale(unit: string | undefined): bigint {
  if (unit === undefined) return 1024n;
  const u = unit.toLowerCase();
  if (u === 'b' || u === 'byte' || u === 'bytes') return 1n;
  const power = BigInt('kmgtpe'.indexOf(u[0]!) + 1);
  return (u.endsWith('b') && !u.endsWith('ib') ? 1000n : 1024n) ** power;
}
/** The largest memory tuning limit libvirt takes, in bytes: VIR_DOMAIN_MEMORY_PARAM_UNLIMITED (2^53 - 1) KiB. */
const MEMTUNE_MAX_BYTES = 9007199254740991n * 1024n;
/** The order libvirt's parser reads <memtune>'s limits in. */
const MEMTUNE_ORDER = ['hard_limit', 'soft_limit', 'min_guarantee', 'swap_hard_limit'];

/**
 * What libvirt 9.0 refuses in the domain's tuning elements once the schema has passed: a
 * <blkiotune> device path twice ("duplicate blkio device path '/dev/vdb'") and an <idmap> without
 * root or of one kind only (both with the common domain checks after every device), and the parser an empty <resource>
 * (libvirt fails without a message: "An error occurred, but the cause is unknown"), a <keywrap> cipher twice, a <perf> event twice; and <memtune>
 * (memtuneLimitFindings). Labelled with virsh define --validate.
 */
/**
 * <memtune> as libvirt 9.0's parser and QEMU driver read it once the schema has passed: each
 * limit (hard_limit, soft_limit, min_guarantee, swap_hard_limit, in that order) scaled to bytes
 * must stay within 2^53 - 1 KiB ("numerical overflow: value too large: 9007199254740992KiB", the
 * value and unit as written), and the QEMU driver has no min_guarantee ("Parameter
 * 'min_guarantee' not supported by QEMU."), first of its domain checks. Labelled with virsh
 * define --validate.
 */
export function tunablesFindings(view: DocView): Finding[] {
  if (view.kind !== 'domain') return [];
  const out: Finding[] = [];
  const once = <T>(items: readonly T[], key: (x: T) => string | undefined, problem: (k: string) => string, at: (x: T) => XmlElement, stage?: 'validate-domain') => {
    const seen = new Set<string>();
    for (const x of items) {
      const k = key(x);
      if (k === undefined) continue;
      if (seen.has(k)) {
        out.push({ span: at(x).nameSpan, args: { problem: problem(k) }, ...(stage ? { stage } : {}) });
        return;
      }
      seen.add(k);
    }
  };
  for (const el of view.root.children) {
    if (el.name === 'blkiotune') once(childrenNamed(el, 'device'), (d) => child(d, 'path')?.text, (k) => `duplicate blkio device path '${k}'.`, (d) => d, 'validate-domain');
    else if (el.name === 'memtune') out.push(...memtuneLimitFindings(view, el));
    else if (el.name === 'resource' && !child(el, 'partition') && !child(el, 'fibrechannel')) out.push({ span: el.nameSpan, args: { problem: 'An error occurred, but the cause is unknown (an empty <resource>).' } });
    else if (el.name === 'idmap') out.push(...idmapFindings(el));
    else if (el.name === 'keywrap') once(childrenNamed(el, 'cipher'), (c) => attrValue(c, 'name'), (k) => `A domain definition can have no more than one cipher node with name ${k}.`, (c) => c);
    else if (el.name === 'perf') once(childrenNamed(el, 'event'), (e) => attrValue(e, 'name'), (k) => `perf event '${k}' was already specified.`, (e) => e);
    else if (el.name === 'launchSecurity') {
      const f = launchSecurityParse(el);
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * <idmap> as the common domain validation checks it (after every device and the <blkiotune>
 * paths): a map of one kind needs one of the other ("uid and gid should be mapped both"), then
 * each map's lowest start= must be 0 ("You must map the root user of container"), uids first
 * (labelled in that order).
 */
function idmapFindings(el: XmlElement): Finding[] {
  const uids = childrenNamed(el, 'uid');
  const gids = childrenNamed(el, 'gid');
  if (!uids.length !== !gids.length) return [{ span: el.nameSpan, args: { problem: 'uid and gid should be mapped both.' }, stage: 'validate-domain' }];
  for (const maps of [uids, gids]) {
    let lowest: number | undefined;
    for (const m of maps) {
      const v = attrValue(m, 'start');
      if (v !== undefined && /^[0-9]+$/.test(v) && (lowest === undefined || Number(v) < lowest)) lowest = Number(v);
    }
    if (lowest !== undefined && lowest !== 0) return [{ span: maps[0]!.nameSpan, args: { problem: 'You must map the root user of container.' }, stage: 'validate-domain' }];
  }
  return [];
}

function memtuneLimitFindings(view: DocView, tune: XmlElement): Finding[] {
  for (const name of MEMTUNE_ORDER) {
    const el = child(tune, name);
    const unit = el && attr(el, 'unit');
    if (!el || (unit && !UNIT.test(unit.value)) || !unsigned(el.text, ULONG_MAX)) continue;
    if (BigInt(el.text.replace(/^0+/, '') || '0') * unitScale(unit?.value) > MEMTUNE_MAX_BYTES) {
      return [{ span: el.nameSpan, args: { problem: `numerical overflow: value too large: ${el.text}${unit ? unit.value : ''}.` } }];
    }
  }
  const min = child(tune, 'min_guarantee');
  const qemu = ['qemu', 'kvm'].includes(attrValue(view.root, 'type') ?? '');
  return qemu && min ? [{ span: min.nameSpan, args: { problem: "Parameter 'min_guarantee' not supported by QEMU." }, stage: 'validate-domain-driver' }] : [];
}

/**
 * A <lease> as libvirt 9.0's parser reads it once the schema has passed: an empty <key> is none
 * ("Missing 'key' element for lease"), and an empty <lockspace> fails the parse without a message
 * ("An error occurred, but the cause is unknown"); blanks are a value (labelled with virsh define --validate).
 */
export function leaseFindings(view: DocView): Finding[] {
  const out: Finding[] = [];
  for (const d of view.devices) {
    if (d.name !== 'lease') continue;
    const key = child(d, 'key');
    const lockspace = child(d, 'lockspace');
    if (key && key.text === '') out.push({ span: key.nameSpan, args: { problem: "Missing 'key' element for lease." } });
    else if (lockspace && lockspace.text === '') out.push({ span: lockspace.nameSpan, args: { problem: 'An error occurred, but the cause is unknown (an empty <lockspace>).' } });
  }
  return out;
}
