/**
 * Stage 3, end: the instance's image metadata (upstream: nova/compute/api.py _create_instance ->
 * _check_auto_disk_config, then _validate_and_build_base_options -> _get_image_meta_obj and
 * hardware.numa_get_constraints, nova/objects/image_meta.py ImageMetaProps.from_dict). After the
 * image is looked up (imageRef's image, else the root entry's image, volume or snapshot:
 * get_bdm_image_metadata):
 *
 * - `OS-DCF:diskConfig: AUTO` is refused when the image's `auto_disk_config` is "disabled";
 * - the image's root device name is read from its properties: a `mappings` property (a list in
 *   Glance's EC2-era images; the context's properties are strings) that is a non-empty string is
 *   indexed like a list of dicts, a TypeError Nova answers with 500;
 * - every property Nova knows is coerced to its field's type; a value the field does not take is
 *   a ValueError that the compute API answers with 400 "Invalid image metadata. Error: <the
 *   error>" (a `hw_numa_cpus.N` CPU list it cannot parse: nova's Invalid, 500);
 * - the CPU policy, NUMA and page-size properties are worked out into the guest NUMA topology
 *   (rules/nova/hardware.ts), with the flavor's extra specs;
 *
 * all before the block devices are checked (so before the zero-disk flavor, the local-device
 * limit, swap and ephemeral sizes). Later, with the flavor checks of stage 5, an imageRef image
 * uploaded from an encrypted volume is refused (before the zero-disk flavor) and the image's vCPU
 * topology is checked against its limits and the flavor's (after the flavor's disk).
 * The fields and their values: libvirt/imageProps.ts.
 */
import { imageMetaOf, numaCells } from '../../libvirt/imageProps';
import type { Span } from '../../text/span';
import type { Inventory } from '../../model/inventory';
import { pyInt, pyRepr } from '../../model/novaConfIni';
import { pyStrip } from '../../text/pySpace';
import type { RuleId } from '../table';
import { truthy, pyInt as intOfValue } from '../novaValues';
import { IMAGE_REF, rootCandidates } from './imageRef';
import { FLAVOR } from './flavor';
import { isRoot, type Judging, type WorkingBdm } from './judging';
import { inventoryIndex } from '../../model/inventory';

/** what Cinder keeps beside a volume's image properties: Nova takes them out (get_image_metadata_from_volume) */
const VOLUME_IMAGE_ATTRIBUTES = ['image_id', 'image_name', 'size', 'checksum', 'container_format', 'disk_format', 'min_ram', 'min_disk'];

/**
 * The image properties get_bdm_image_metadata finds without imageRef: on the first root entry (a
 * legacy request's "...da" items, a v2 request's boot_index 0 entries) with an id, its image's,
 * or its volume's (a snapshot's volume's) volume_image_metadata; null when none has an id.
 * `volume` is a volume's or snapshot's whole metadata, Cinder's attributes still in it.
 */
function rootProperties(j: Judging): { props: Record<string, string>; volume: Readonly<Record<string, string>> | null; w: WorkingBdm; key: string; id: string } | null {
  const image = j.ctx.libvirt.image_properties ?? {};
  for (const w of rootCandidates(j)) {
    const snap = truthy(w.d.snapshot_id) ? String(w.d.snapshot_id) : null;
    const vol = truthy(w.d.volume_id) ? String(w.d.volume_id) : null;
    if (truthy(w.d.image_id)) return { props: image, volume: null, w, key: 'image_id', id: String(w.d.image_id) };
    const id = snap ?? vol;
    if (!id) continue;
    const volume = j.ctx.volumes?.[id]?.volume_image_metadata ?? j.ctx.volumes?.['*']?.volume_image_metadata ?? image;
    const meta = { ...volume };
    for (const k of VOLUME_IMAGE_ATTRIBUTES) delete meta[k];
    return { props: meta, volume, w, key: snap ? 'snapshot_id' : 'volume_id', id };
  }
  return null;
}

/**
 * Python's int(val or 0) of one of a volume's image attributes (get_image_metadata_from_volume
 * reads min_ram and min_disk so, in that order); null where int() raises (ValueError).
 */
function volumeAttrInt(volume: Readonly<Record<string, string>>, attr: 'min_ram' | 'min_disk'): bigint | null {
  const v = volume[attr];
  if (v === undefined || v === '') return 0n;
  const text = String(v);
  // Python 3.11's int() of a str refuses more than sys.get_int_max_str_digits() digits (underscores aside)
  if (text.length > PY_MAX_STR_DIGITS && (text.match(/\p{Nd}/gu)?.length ?? 0) > PY_MAX_STR_DIGITS) return null;
  return pyInt(text);
}

/** Python 3.11's default sys.get_int_max_str_digits(): int() of a longer str, or str() of a longer int, raises ValueError */
const PY_MAX_STR_DIGITS = 4300;

interface BootMeta {
  props: Readonly<Record<string, string>>;
  where: { span: Span; entry: number | null; path: string };
  /** the image id Nova's boot metadata carries: imageRef's, the root entry's image; null for a volume or snapshot */
  imageId: string | null;
  /** a boot volume's (snapshot's volume's) whole image metadata, Cinder's attributes in it; null for an image */
  volume: Readonly<Record<string, string>> | null;
}

/** The boot metadata's properties and the place that gives them; null when Nova has none (a blank root, no id). */
function bootMeta(j: Judging): BootMeta | null {
  // asked by five checks of one judgement: what it reads (the image, the v2 entries as from_api
  // made them or the legacy items, the context) no stage between them changes
  if (j.bootMeta === undefined) j.bootMeta = bootMetaOnce(j);
  return j.bootMeta as BootMeta | null;
}

function bootMetaOnce(j: Judging): BootMeta | null {
  if (j.imageGiven) {
    const props: Record<string, string> = { ...(j.ctx.libvirt.image_properties ?? {}) };
    // disk_format is the image's attribute, not a property (a string: never refused)
    delete props.disk_format;
    return { props, where: { span: j.doc.locate(['server', 'imageRef'], 'value') ?? j.serverKey(), entry: null, path: 'server.imageRef' }, imageId: String(j.imageRef), volume: null };
  }
  const r = rootProperties(j);
  if (!r) return null;
  const at = r.w.model ? j.where(r.w, r.w.syntax === 'v2' ? 'uuid' : r.key) : { span: j.listKey(), path: j.listPath() };
  return {
    props: r.props,
    // (j.where wrote the field's path already)
    where: { span: at.span, entry: r.w.entry, path: at.path },
    imageId: r.key === 'image_id' ? r.id : null,
    volume: r.volume,
  };
}

const extraSpecs = (j: Judging): Readonly<Record<string, string>> => j.ctx.flavor?.extra_specs ?? {};

/**
 * _create_instance reads the boot metadata: `OS-DCF:diskConfig: AUTO` against the image's
 * auto_disk_config, then _validate_and_build_base_options builds the ImageMeta object (an image
 * property its field refuses is a 400) and the NUMA constraints. Runs once the image and the
 * networks are judged (their refusals come first) and only when nothing was refused yet.
 */
export function checkImageMetadata(j: Judging): void {
  if (j.stop) return;
  const meta = bootMeta(j);
  // get_bdm_image_metadata itself: a boot volume's min_ram and min_disk as integers
  if (meta?.volume && (volumeAttrInt(meta.volume, 'min_ram') === null || volumeAttrInt(meta.volume, 'min_disk') === null)) {
    j.push({ code: 'BDM-COMPUTE-VOLUME-IMAGE-INT', span: meta.where.span, entry: meta.where.entry, path: meta.where.path, order: IMAGE_REF.wide('BDM-COMPUTE-VOLUME-IMAGE-INT') });
    j.stop = true;
    return;
  }
  if (meta && !imageChecks(j, meta)) return;
  // the NUMA constraints are worked out with or without image metadata (then: the flavor's alone)
  if (!j.ctx.flavor) return;
  const where = meta?.where ?? { span: j.doc.locate(['server', 'flavorRef'], 'value') ?? j.serverKey(), entry: null, path: 'server.flavorRef' };
  const f = j.ctx.flavor;
  const sizes = f.vcpus !== undefined && f.memory_mb !== undefined ? { vcpus: f.vcpus, memoryMb: f.memory_mb } : null;
  const constraints = numaConstraints(meta?.props ?? {}, extraSpecs(j), sizes);
  if (constraints && constraints !== UNKNOWN) {
    j.push({ code: constraints.code, span: where.span, entry: where.entry, path: where.path, args: constraints.args, order: IMAGE_REF.wide(constraints.code) });
    j.stop = true;
  }
}

/** the boot metadata's own checks; false: Nova refuses the request */
function imageChecks(j: Judging, meta: BootMeta): boolean {
  const { props, where } = meta;
  if (j.sv('OS-DCF:diskConfig') === 'AUTO' && autoDiskConfigDisabled(props)) {
    const span = j.doc.locate(['server', 'OS-DCF:diskConfig'], 'value') ?? j.serverKey();
    j.push({ code: 'BDM-COMPUTE-AUTO-DISK-CONFIG', span, entry: null, path: 'server.OS-DCF:diskConfig', args: { image: meta.imageId ?? 'None' }, order: IMAGE_REF.wide('BDM-COMPUTE-AUTO-DISK-CONFIG') });
    j.stop = true;
    return false;
  }
  // block_device.properties_root_device_name walks `mappings` as a list of dicts
  if (Object.prototype.hasOwnProperty.call(props, 'mappings') && String(props.mappings) !== '') {
    j.push({ code: 'BDM-COMPUTE-IMAGE-MAPPINGS', span: where.span, entry: where.entry, path: where.path, order: IMAGE_REF.wide('BDM-COMPUTE-IMAGE-MAPPINGS') });
    j.stop = true;
    return false;
  }
  const read = imageMetaOf(props);
  if (read.error || read.cpuSpecInvalid) {
    const code = read.error ? 'BDM-COMPUTE-IMAGE-METADATA' : 'BDM-COMPUTE-IMAGE-NUMA-CPUS';
    j.push({ code, span: where.span, entry: where.entry, path: where.path, ...(read.error ? { args: { error: read.error } } : {}), order: IMAGE_REF.wide(code) });
    j.stop = true;
    return false;
  }
  return true;
}

/**
 * _checks_for_create_and_rebuild -> _detect_nonbootable_image_from_properties: an imageRef image
 * with a cinder_encryption_key_id property (uploaded from an encrypted volume) cannot be booted.
 * After the metadata checks, before the zero-disk flavor.
 */
export function checkEncryptedImage(j: Judging): void {
  if (j.stop || !j.imageGiven) return;
  const meta = bootMeta(j);
  if (!meta || !String(meta.props.cinder_encryption_key_id ?? '')) return;
  j.push({ code: 'BDM-COMPUTE-IMAGE-ENCRYPTED', span: meta.where.span, entry: null, path: meta.where.path, args: { image: String(j.imageRef) }, order: FLAVOR.wide('BDM-COMPUTE-IMAGE-ENCRYPTED') });
  j.stop = true;
}

/**
 * The Glance image that gives the boot metadata (imageRef's, or without one the root entry's
 * image) as the lab host's inventory holds it; null without an inventory, for a volume or
 * snapshot root, or for an image the inventory does not list (refused before: imageRef.ts).
 * Glance keeps min_disk (GiB) and min_ram (MiB) as the image's own integer attributes.
 */
function glanceImage(j: Judging, meta: BootMeta | null): Inventory['images'][number] | null {
  const inv = j.inp.inventory;
  if (!inv || !meta || meta.volume || meta.imageId === null) return null;
  return inventoryIndex(inv).images.get(meta.imageId) ?? null;
}

/** a Glance attribute (a whole number of GiB or MiB in the inventory) as Nova's int() has it */
const glanceInt = (n: number | undefined): bigint => (n === undefined || !Number.isFinite(n) ? 0n : BigInt(Math.trunc(n)));

/**
 * _validate_flavor_image_nostatus, first part: the flavor's RAM (judged when the context gives
 * its memory_mb) against the boot metadata's min_ram (MiB): a boot volume's (no imageRef), or the
 * Glance image's (imageRef's or the root entry's image, with a lab host's inventory). Before the
 * zero-disk flavor and the flavor's disk (flavor.ts).
 */
export function checkImageMinRam(j: Judging): void {
  const memory = j.ctx.flavor?.memory_mb;
  if (j.stop || memory === undefined) return;
  const meta = bootMeta(j);
  if (!meta) return;
  const image = glanceImage(j, meta);
  const minRam = meta.volume ? volumeAttrInt(meta.volume, 'min_ram')! : image ? glanceInt(image.min_ram_mb) : 0n;
  if (BigInt(Math.trunc(memory)) >= minRam) return;
  j.push({ code: 'BDM-COMPUTE-FLAVOR-MEMORY', span: meta.where.span, entry: meta.where.entry, path: meta.where.path, order: FLAVOR.wide('BDM-COMPUTE-FLAVOR-MEMORY') });
  j.stop = true;
}

/**
 * The same check, after the zero-disk flavor and the image's size (flavor.ts): the boot volume's
 * min_disk (or the Glance image's, with a lab host's inventory) against the root. A root entry
 * that is a volume is compared by the volume_size the request gives it (Nova reads it before
 * filling it in from Cinder, so a root without one is not compared); any other root (none, or one
 * not a volume) is a local disk of the flavor's size.
 */
export function checkImageMinDisk(j: Judging): void {
  if (j.stop) return;
  const meta = bootMeta(j);
  if (!meta) return;
  const image = glanceImage(j, meta);
  if (!meta.volume && !image) return;
  const gib = 1n << 30n;
  const minDisk = (meta.volume ? volumeAttrInt(meta.volume, 'min_disk')! : glanceInt(image!.min_disk_gb)) * gib;
  if (minDisk === 0n) return;
  // Nova's exception writes the sizes with %i; one past the digit limit raises ValueError there (and again as it logs it)
  const unprintable = minDisk.toString().length > PY_MAX_STR_DIGITS;
  const root = j.all.find((w) => isRoot(w.d));
  if (root && root.d.destination_type === 'volume') {
    const size = root.d.volume_size === null || root.d.volume_size === undefined ? null : intOfValue(root.d.volume_size);
    if (size === null || minDisk <= BigInt(size) * gib) return;
    const at = root.model ? j.where(root, 'volume_size') : { span: meta.where.span, path: meta.where.path };
    if (unprintable) {
      j.push({ code: 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE', span: at.span, entry: root.entry, path: at.path, order: FLAVOR.wide('BDM-COMPUTE-MIN-DISK-UNPRINTABLE') });
      j.stop = true;
      return;
    }
    j.push({ code: 'BDM-COMPUTE-VOLUME-MIN-DISK', span: at.span, entry: root.entry, path: at.path, args: { size: (BigInt(size) * gib).toString(), min: minDisk.toString() }, order: FLAVOR.wide('BDM-COMPUTE-VOLUME-MIN-DISK') });
    j.stop = true;
    return;
  }
  if (!j.ctx.flavor) return;
  const flavorSize = BigInt(j.ctx.flavor.root_gb) * gib;
  if (flavorSize === 0n || minDisk <= flavorSize) return;
  if (unprintable) {
    j.push({ code: 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE', span: meta.where.span, entry: meta.where.entry, path: meta.where.path, order: FLAVOR.wide('BDM-COMPUTE-MIN-DISK-UNPRINTABLE') });
    j.stop = true;
    return;
  }
  j.push({ code: 'BDM-COMPUTE-FLAVOR-MIN-DISK', span: meta.where.span, entry: meta.where.entry, path: meta.where.path, args: { flavor: flavorSize.toString(), min: minDisk.toString() }, order: FLAVOR.wide('BDM-COMPUTE-FLAVOR-MIN-DISK') });
  j.stop = true;
}

/**
 * _validate_flavor_image_numa_pci, after the flavor's disk checks: a boot volume asking for
 * memory encryption (500), the image's vCPU topology within its own limits and the flavor's.
 */
export function checkFlavorImage(j: Judging): void {
  if (j.stop || !j.ctx.flavor) return;
  const meta = bootMeta(j);
  if (!meta) return;
  const t = flavorImageChecks(meta.props, extraSpecs(j), meta.imageId === null);
  if (!t || t === UNKNOWN) return;
  j.push({ code: t.code, span: meta.where.span, entry: meta.where.entry, path: meta.where.path, args: t.args, order: FLAVOR.wide(t.code) });
  j.stop = true;
}

// ---------------------------------------------------------------------------------------------
/*
 * What the compute API asks of the boot image's properties beyond their types, from
 * nova/virt/hardware.py and nova/utils.py (Nova 26), each a pure function of the image
 * properties (as the context gives them: strings) and the flavor's extra specs:
 *
 * - utils.is_auto_disk_config_disabled: `auto_disk_config` "disabled" (blanks and case aside)
 *   forbids `OS-DCF:diskConfig: AUTO` (_check_auto_disk_config, before the ImageMeta object).
 * - numa_get_constraints (_validate_and_build_base_options, right after the ImageMeta object):
 *   CPU policy and thread policy, the hyperthreading trait, the NUMA node count, page size,
 *   locked memory, then the guest NUMA topology (automatic: flavor vCPUs and RAM spread evenly;
 *   manual: the hw_numa_cpus.N / hw_numa_mem.N cells).
 * - get_cpu_topology_constraints (_validate_flavor_image_numa_pci, after the flavor's disk
 *   checks): the image's preferred sockets/cores/threads within its own and the flavor's limits.
 *
 * The context gives no flavor vCPUs or RAM, nor the flavor's and image's names: a verdict that
 * needs them (an automatic topology of more than one node, manual NUMA cells, the realtime and
 * dedicated CPU masks, resources:VCPU/PCPU, the hyperthreading trait, vPMEM, the flavor's NUMA
 * cells; memory encryption, PMU and serial port conflicts) is `UNKNOWN` where Nova reads it, never
 * a guess. Without a flavor in the context nothing here is judged (its extra specs could turn
 * each verdict): the context note says flavor-dependent rules are skipped.
 */
export const UNKNOWN = 'unknown' as const;
export interface HardwareRefusal { code: RuleId; args?: Record<string, string> }
export type HardwareVerdict = HardwareRefusal | null | typeof UNKNOWN;

type Props = Readonly<Record<string, string>>;
const own = (o: Readonly<Record<string, unknown>>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** utils.is_auto_disk_config_disabled on the image's `auto_disk_config` property */
export function autoDiskConfigDisabled(props: Props): boolean {
  return own(props, 'auto_disk_config') && pyStrip(String(props.auto_disk_config)).toLowerCase() === 'disabled';
}

/** oslo strutils.bool_from_string, not strict (FlexibleBooleanField): anything else is False */
function flexibleBool(v: string): boolean {
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes(pyStrip(v).toLowerCase());
}

const numa = (message: string): HardwareRefusal => ({ code: 'BDM-COMPUTE-IMAGE-NUMA', args: { message } });
/** (made when refused, not on every check) */
const pinningForbidden = (): HardwareRefusal => numa("Image property 'hw_cpu_policy' is not permitted to override CPU pinning policy set against the flavor");
const CPU_POLICIES = ['dedicated', 'shared', 'mixed'];
const THREAD_POLICIES = ['prefer', 'isolate', 'require'];
const EMULATOR_POLICIES = ['share', 'isolate'];
/** Python's str() of a tuple of strings */
const pyTuple = (xs: readonly string[]): string => `(${xs.map((x) => `'${x}'`).join(', ')})`;
/** oslo strutils.is_int_like: str(int(v)) == v */
const isIntLike = (v: string): boolean => {
  const n = pyInt(v);
  return n !== null && String(n) === v;
};
const isAsciiDigits = (v: string): boolean => v !== '' && [...v].every((ch) => ch >= '0' && ch <= '9');
/**
 * oslo strutils.string_to_bytes (IEC, return_int) on an ASCII text: a number (`12`, `1.5`, `.5`,
 * signed) and a unit ending in b, bit or B (K, M, G, T with an optional i before it); whether the
 * bytes, rounded up, are 0. null: it refuses the text.
 */
function byteSizeIsZero(v: string): boolean | null {
  let i = 0;
  if (v[i] === '+' || v[i] === '-') i++;
  const digitsFrom = (k: number): number => {
    while (k < v.length && v[k]! >= '0' && v[k]! <= '9') k++;
    return k;
  };
  const a = digitsFrom(i);
  if (v[a] === '.') {
    const b = digitsFrom(a + 1);
    if (b === a + 1) return null;
    i = b;
  } else {
    if (a === i) return null;
    i = a;
  }
  let magnitude = Number(v.slice(0, i));
  let exponent = 0;
  const prefix = 'KMGT'.indexOf(v[i] ?? '-');
  if (prefix >= 0) {
    exponent = prefix + 1;
    i++;
    if (v[i] === 'i') i++;
  }
  // the pattern's `$` also matches before a final line feed
  const unit = v.endsWith('\n') ? v.slice(i, -1) : v.slice(i);
  if (unit !== 'b' && unit !== 'bit' && unit !== 'B') return null;
  if (unit !== 'B') magnitude /= 8;
  return Math.ceil(magnitude * 1024 ** exponent) === 0;
}
/** hardware._get_numa_pagesize_constraint's check of one request: its value (0 is none), else the refusal; UNKNOWN beyond ASCII */
function pageSizeOf(request: string): bigint | HardwareRefusal | typeof UNKNOWN {
  if (request === 'any') return -3n;
  if (request === 'large') return -2n;
  if (request === 'small') return -1n;
  if (![...request].every((ch) => ch.charCodeAt(0) < 0x80)) return UNKNOWN;
  if (isAsciiDigits(request)) return BigInt(request);
  const zero = byteSizeIsZero(request);
  if (zero === null) return numa(`Invalid memory page size '${request}'`);
  // string_to_bytes(...) / 1024: only whether it is 0 matters (any other makes a NUMA topology)
  return zero ? 0n : 1n;
}

/**
 * numa_get_constraints for an image whose properties the ImageMeta object took (imageMetaOf
 * found no refusal), with the flavor's extra specs. `flavor`: the flavor's vCPUs and RAM (MiB)
 * when known. Extra specs whose checks need the vCPUs (hw:cpu_realtime, hw:cpu_dedicated_mask,
 * resources:VCPU/PCPU, the hyperthreading trait, hw:pmem, the flavor's NUMA cells) are UNKNOWN
 * where Nova reads them.
 */
export function numaConstraints(props: Props, extraSpecs: Readonly<Record<string, string>>, flavor: { vcpus: number; memoryMb: number } | null = null): HardwareVerdict {
  const spec = (k: string): string | undefined => (own(extraSpecs, k) ? String(extraSpecs[k]) : undefined);
  const prop = (k: string): string | undefined => (own(props, k) ? String(props[k]) : undefined);
  // get_cpu_policy_constraint
  const fPolicy = spec('hw:cpu_policy');
  const iPolicy = prop('hw_cpu_policy');
  if (fPolicy && !CPU_POLICIES.includes(fPolicy)) return numa(`CPU policy requested from 'flavor extra specs' is invalid, given: '${fPolicy}', available: '${pyTuple(CPU_POLICIES)}'.`);
  let policy: string | null;
  if (fPolicy === 'dedicated') policy = fPolicy;
  else if (fPolicy === 'mixed') {
    if (iPolicy === 'dedicated') return pinningForbidden();
    policy = fPolicy;
  } else if (fPolicy === 'shared') {
    if (iPolicy === 'mixed' || iPolicy === 'dedicated') return pinningForbidden();
    policy = fPolicy;
  } else policy = iPolicy !== undefined && CPU_POLICIES.includes(iPolicy) ? iPolicy : null;
  // get_cpu_thread_policy_constraint
  const fThread = spec('hw:cpu_thread_policy');
  const iThread = prop('hw_cpu_thread_policy');
  if (fThread && !THREAD_POLICIES.includes(fThread)) return numa(`CPU thread policy requested from 'flavor extra specs' is invalid, given: '${fThread}', available: '${pyTuple(THREAD_POLICIES)}'.`);
  let thread: string | undefined;
  if (fThread === undefined || fThread === 'prefer') thread = fThread || iThread;
  else if (iThread && iThread !== fThread) return numa("Image property 'hw_cpu_thread_policy' is not permitted to override CPU thread pinning policy set against the flavor");
  else thread = fThread;
  // the realtime and dedicated masks are read against the flavor's vCPUs
  if (spec('hw:cpu_realtime') !== undefined && flexibleBool(spec('hw:cpu_realtime')!)) return UNKNOWN;
  if (spec('hw:cpu_dedicated_mask')) return UNKNOWN;
  const emu = spec('hw:emulator_threads_policy');
  if (emu && !EMULATOR_POLICIES.includes(emu)) return numa(`CPU emulator threads option requested is invalid, given: '${emu}', available: '${pyTuple(EMULATOR_POLICIES)}'.`);
  const keys = Object.keys(extraSpecs);
  if (keys.some((k) => /^resources[0-9]*:[PV]CPU$/.test(k) || /^trait[0-9]*:HW_CPU_HYPERTHREADING$/.test(k))) return UNKNOWN;
  // a `trait:HW_CPU_HYPERTHREADING` property of value "required" is a required trait
  const trait = prop('trait:HW_CPU_HYPERTHREADING') === 'required';
  if (thread && trait) return numa("It is not possible to use the 'trait:HW_CPU_HYPERTHREADING' extra spec in combination with the 'hw:cpu_thread_policy' extra spec or 'hw_cpu_thread_policy' image metadata property; use one or the other");
  if (trait) thread = 'require';
  if (policy === null || policy === 'shared') {
    if (thread) return numa('Cannot set cpu thread pinning policy in a non dedicated cpu pinning policy');
    if (emu === 'isolate') return numa('An isolated CPU emulator threads option requires a dedicated CPU policy option.');
  } else if (policy === 'mixed') {
    // without the flavor's hw:cpu_dedicated_mask or an enabled realtime mask
    return numa("Dedicated CPU set can be specified from either 'hw:cpu_dedicated_mask' or 'hw:cpu_realtime_mask' when using 'mixed' CPU policy. 'hw:cpu_dedicated_mask' and 'hw:cpu_realtime_mask' can not be specified at the same time, or be specified with none of them.");
  }
  // _get_numa_node_count_constraint: the flavor's string or the image's integer
  const fNodes = spec('hw:numa_nodes');
  const iNodesRaw = prop('hw_numa_nodes');
  const iNodes = iNodesRaw === undefined ? null : pyInt(iNodesRaw);
  if (iNodesRaw !== undefined && iNodes === null) return UNKNOWN;
  if (fNodes && iNodes) return numa("Image property 'hw_numa_nodes' is not permitted to override NUMA configuration set against the flavor");
  let nodes: bigint | null = null;
  if (fNodes) {
    if (!isIntLike(fNodes) || pyInt(fNodes)! < 1n) return numa(`The property 'numa_nodes' cannot be '${fNodes}'. It must be a number greater than 0`);
    nodes = pyInt(fNodes);
  } else if (iNodes !== null) {
    if (iNodes < 1n) return numa(`The property 'numa_nodes' cannot be '${iNodes}'. It must be a number greater than 0`);
    nodes = iNodes;
  }
  // _get_numa_pagesize_constraint
  const fPage = spec('hw:mem_page_size') ?? '';
  const iPage = prop('hw_mem_page_size') ?? '';
  if (!fPage && iPage) return numa(`Page size ${iPage} forbidden against '<empty>'`);
  let pageSize = 0n;
  if (fPage) {
    const p = pageSizeOf(fPage);
    if (typeof p !== 'bigint') return p;
    pageSize = p;
    if (iPage && (p === -3n || p === -2n)) {
      const q = pageSizeOf(iPage);
      if (typeof q !== 'bigint') return q;
      pageSize = q;
    } else if (iPage) return numa(`Page size ${iPage} forbidden against '${fPage}'`);
  }
  if (spec('hw:pmem') !== undefined) return UNKNOWN;
  // get_locked_memory_constraint
  const fLocked = spec('hw:locked_memory');
  const iLocked = prop('hw_locked_memory') === undefined ? undefined : flexibleBool(prop('hw_locked_memory')!);
  let locked = iLocked;
  if (fLocked !== undefined) {
    locked = flexibleBool(fLocked);
    if (iLocked !== undefined && iLocked !== locked) return { code: 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY-CONFLICT' };
  }
  if (locked && !fPage && !iPage) return { code: 'BDM-COMPUTE-IMAGE-LOCKED-MEMORY' };
  if (!nodes && !pageSize && policy !== 'dedicated') return null;
  // the flavor's own cells are parsed and checked against the image's and the vCPUs: left to Nova
  if (keys.some((k) => k.startsWith('hw:numa_cpus.') || k.startsWith('hw:numa_mem.'))) return UNKNOWN;
  const n = nodes ?? 1n;
  const cpus = numaCells(props, 'hw_numa_cpus');
  const mem = numaCells(props, 'hw_numa_mem');
  // the cells then take the thread policy: the flavor's empty one is no CPUThreadAllocationPolicy (ValueError, 500)
  const cellsTake = (): HardwareVerdict => (thread === '' ? { code: 'BDM-COMPUTE-NUMA-EMPTY-THREAD-POLICY' } : null);
  if (!cpus && !mem) {
    if (n === 1n) return cellsTake();
    if (!flavor) return UNKNOWN;
    return BigInt(flavor.vcpus) % n || BigInt(flavor.memoryMb) % n ? numa('Instance CPUs and/or memory cannot be evenly distributed across instance NUMA nodes. Explicit assignment of CPUs and memory to nodes is required') : cellsTake();
  }
  if (!cpus || !mem || BigInt(cpus) !== n || BigInt(mem) !== n) return numa('CPU and memory allocation must be provided for all NUMA nodes');
  // the cells against the flavor's vCPUs and RAM
  return UNKNOWN;
}

/** the flavor extra specs _validate_flavor_image_numa_pci reads before the CPU topology */
const BEFORE_TOPOLOGY = /^hw:(?:mem_encryption|pmu|serial_port_count)$/;

/**
 * _validate_flavor_image_numa_pci on the boot metadata, as far as the context tells: the memory
 * encryption request first (`hw_mem_encryption` true: its words name the image by id and name,
 * which a boot volume's metadata does not have, so Nova crashes with NotImplementedError, 500;
 * an image's refusal names the image, which the context does not: UNKNOWN), then the PMU, serial
 * ports and realtime mask (UNKNOWN when the flavor sets them), then get_cpu_topology_constraints:
 * the image's limits within the flavor's, its preferred counts within the limits (the image's,
 * else the flavor's, else 65536). `fromVolume`: the metadata is a boot volume's (or snapshot's).
 */
export function flavorImageChecks(props: Props, extraSpecs: Readonly<Record<string, string>>, fromVolume: boolean): HardwareVerdict {
  if (Object.keys(extraSpecs).some((k) => BEFORE_TOPOLOGY.test(k))) return UNKNOWN;
  // the realtime mask, when the flavor enables realtime, is read against its vCPUs
  if (own(extraSpecs, 'hw:cpu_realtime') && flexibleBool(String(extraSpecs['hw:cpu_realtime']))) return UNKNOWN;
  if (own(props, 'hw_mem_encryption') && flexibleBool(String(props.hw_mem_encryption))) {
    if (fromVolume) return { code: 'BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME' };
    const machine = own(props, 'hw_machine_type') ? String(props.hw_machine_type) : null;
    if (String(props.hw_firmware_type ?? '') !== 'uefi' || (machine !== null && !machine.includes('q35'))) return UNKNOWN;
  }
  // (whole keys, not `hw_${k}`: a key made per call is hashed again for every lookup, most of
  // this check's time on a flavor without extra specs)
  const image = (k: string): bigint => (own(props, k) ? (pyInt(String(props[k])) ?? 0n) : 0n);
  // the flavor's values are int() of its strings: the limits first, the preferred counts after the limits are compared
  let bad: HardwareRefusal | null = null;
  const flavorInt = (k: string): bigint => {
    if (!own(extraSpecs, k)) return 0n;
    const raw = String(extraSpecs[k]);
    const v = pyInt(raw);
    if (v === null) bad ??= { code: 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY', args: { message: `Invalid flavor extra spec. Error: invalid literal for int() with base 10: ${pyRepr(raw)}` } };
    return v ?? 0n;
  };
  const [fMaxS, fMaxC, fMaxT] = [flavorInt('hw:cpu_max_sockets'), flavorInt('hw:cpu_max_cores'), flavorInt('hw:cpu_max_threads')];
  if (bad) return bad;
  const [iMaxS, iMaxC, iMaxT] = [image('hw_cpu_max_sockets'), image('hw_cpu_max_cores'), image('hw_cpu_max_threads')];
  if ((fMaxS && iMaxS > fMaxS) || (fMaxC && iMaxC > fMaxC) || (fMaxT && iMaxT > fMaxT)) {
    return { code: 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY', args: { message: `Image vCPU topology limits (sockets=${iMaxS}, cores=${iMaxC}, threads=${iMaxT}) exceeds the limits of the flavor (sockets=${fMaxS}, cores=${fMaxC}, threads=${fMaxT})` } };
  }
  flavorInt('hw:cpu_sockets');
  flavorInt('hw:cpu_cores');
  flavorInt('hw:cpu_threads');
  if (bad) return bad;
  const maxS = iMaxS || fMaxS || 65536n;
  const maxC = iMaxC || fMaxC || 65536n;
  const maxT = iMaxT || fMaxT || 65536n;
  const [s, c, t] = [image('hw_cpu_sockets'), image('hw_cpu_cores'), image('hw_cpu_threads')];
  if (s > maxS || c > maxC || t > maxT) {
    return { code: 'BDM-COMPUTE-IMAGE-CPU-TOPOLOGY', args: { message: `Image vCPU topology (sockets=${s}, cores=${c}, threads=${t}) exceeds the limits of the flavor or image (sockets=${maxS}, cores=${maxC}, threads=${maxT})` } };
  }
  return null;
}
