/**
 * What the stages of a server-create judgement share: the request's source, the findings so far,
 * the BDMs as Nova holds them (`WorkingBdm`), and where Nova stopped. Each stage module of this
 * folder reads and extends one `Judging`; index.ts runs the stages in Nova's order.
 */
import type { Context } from '../../model/context';
import type { Inventory } from '../../model/inventory';
import type { Span } from '../../text/span';
import { driverClassOf, driverClassOfFields, type BdmNoteFields, type DriverClass, type NovaBdm, type SourceType, type DestinationType } from '../../nova/types';
import type { EntryModel, SourceDoc } from '../../source/doc';
import { FieldSpan, fieldPath } from '../../source/places';
import type { Finding } from '../finding';
import { truthy, pyInt } from '../novaValues';

/** A BDM as a Python dict inside Nova, with where it came from in the document. */
export interface WorkingBdm {
  entry: number | null;
  syntax: 'v2' | 'v1' | 'implicit';
  implicit?: NovaBdm['implicit'];
  d: Record<string, unknown>;
  model?: EntryModel;
  /** Nova refused this entry; it is kept only for request-wide rules */
  failed?: boolean;
  /** its NovaBdm, once built (see toNovaBdm) */
  nova?: NovaBdm;
}

export interface ServerJudgement {
  findings: Finding[];
  /** the BDMs Nova would hand the compute node; null when Nova would refuse the request */
  bdms: WorkingBdm[] | null;
  /** entry index -> the working BDM it became (for hovers, even when the request fails) */
  perEntry: Array<WorkingBdm | undefined>;
}

export interface ServerInput {
  /** the request's source: its body and places */
  doc: SourceDoc;
  v2: EntryModel[];
  v1: EntryModel[];
  context: Context;
  /** the paths with a schema error (Nova would have stopped before them) */
  schemaBad: PathSet;
  /**
   * the same bad paths at or below the entries, by list and entry index (see schemaBadEntries);
   * absent: read from schemaBad
   */
  schemaBadEntries?: SchemaBadEntries;
  schemaFailed: boolean;
  /** microversion 2.0 strips unknown keys */
  legacyV2: boolean;
  /** Glance/Cinder contents from a lab host; absent: data-dependent rules are not judged */
  inventory?: Inventory;
}

export type NewFinding = Omit<Finding, 'path'> & { path?: string };

/** One server-create request being judged, stage after stage. */
export class Judging {
  readonly findings: Finding[] = [];
  readonly perEntry: Array<WorkingBdm | undefined> = [];
  readonly doc: SourceDoc;
  readonly ctx: Context;
  /** the body's server value */
  private readonly server: unknown;
  readonly imageRef: unknown;
  readonly imageGiven: boolean;
  /** Nova would have refused the request by now: no BDMs reach the compute node */
  stop: boolean;
  /** Nova takes the legacy path unless block_device_mapping_v2 is non-empty */
  readonly legacy: boolean;
  readonly hasBdms: boolean;
  /**
   * every object v2 entry in request order: the ones Nova converted, and a best-effort shadow of
   * the ones it refused, so that request-wide rules can still be reported together
   */
  readonly wide: WorkingBdm[] = [];
  /** the BDMs of the request once converted (legacy items included), then the flavor's */
  all: WorkingBdm[] = [];
  /** the boot image's metadata as the image checks read it (imageMeta.ts bootMeta), once worked out */
  bootMeta: unknown = undefined;
  /** how many v2 entries from_api refused or could not read (a count: nothing asks which) */
  poisoned = 0;
  /** fields an entry's schema error hides from the request-wide rules */
  readonly badFields = new Set<string>();
  nonObject = false;
  dictFailed = false;
  /** the image's root device name (without /dev/) */
  rootName = 'vda';

  constructor(readonly inp: ServerInput) {
    this.doc = inp.doc;
    this.ctx = inp.context;
    this.stop = inp.schemaFailed;
    this.server = inp.doc.valueAt(['server']);
    this.imageRef = this.sv('imageRef');
    this.imageGiven = typeof this.imageRef === 'string' ? this.imageRef !== '' : this.imageRef !== undefined && this.imageRef !== null;
    // a request with no entries at all is converted like an empty legacy list (the implicit image root)
    this.legacy = inp.v2.length === 0;
    this.hasBdms = inp.v2.length > 0 || inp.v1.length > 0;
  }

  /** a field of the body's server (as doc.valueAt(['server', key]) reads it: an own field of an object) */
  sv(key: string): unknown {
    // (the server read once: the stages ask for a dozen of its fields)
    const s = this.server;
    return s !== null && typeof s === 'object' && !Array.isArray(s) && Object.prototype.hasOwnProperty.call(s, key) ? (s as Record<string, unknown>)[key] : undefined;
  }
  push(f: NewFinding): void {
    // every caller passes an object literal of its own: completed in place (a spread copied each)
    if (!('path' in f)) (f as Finding).path = '';
    this.findings.push(f as Finding);
  }
  /** the value of an entry's field (else its brace), computed when read */
  at(m: EntryModel, key?: string): Span {
    return new FieldSpan(m, key);
  }
  /** A request-wide rule is judged only when no entry hides the fields it reads. */
  readable(...fields: string[]): boolean {
    return !this.nonObject && fields.every((f) => !this.badFields.has(f));
  }
  /** min_count and max_count as ints (asked by three stages: read once) */
  minMax(): { minC: number; maxC: number } {
    return (this.counts ??= this.readCounts());
  }
  private counts: { minC: number; maxC: number } | undefined = undefined;
  private readCounts(): { minC: number; maxC: number } {
    const minC = pyInt(this.sv('min_count') ?? 1) ?? 1;
    const maxC = pyInt(this.sv('max_count') ?? minC) ?? minC;
    return { minC, maxC };
  }
  serverKey(): Span {
    return this.doc.locate(['server'], 'key') ?? { offset: 0, length: 1 };
  }
  /** the key of the mapping list (a bare list: its bracket) */
  listKey(): Span {
    const doc = this.doc;
    return doc.locate(['server', 'block_device_mapping_v2'], 'key') ?? doc.locate(['server', 'block_device_mapping'], 'key') ?? this.serverKey();
  }
  listPath(): string {
    return this.inp.v1.length ? 'server.block_device_mapping' : 'server.block_device_mapping_v2';
  }
  /** the span and path of a finding about a BDM: its field, else the list */
  where(w: WorkingBdm, key: string | undefined): { span: Span; path: string } {
    return w.model ? { span: this.at(w.model, key), path: fieldPath(w.model, key) } : { span: this.listKey(), path: this.listPath() };
  }
  entryHasSchemaError(m: EntryModel): boolean {
    return this.inp.schemaBad.size > 0 && this.badOf(m) !== undefined;
  }
  fieldHasSchemaError(m: EntryModel, key: string): boolean {
    const rests = this.inp.schemaBad.size > 0 ? this.badOf(m) : undefined;
    if (!rests) return false;
    for (const r of rests) if (r.length === key.length + 1 && r.charCodeAt(0) === 46 && r.endsWith(key)) return true;
    return false;
  }
  private lastBad: { m: EntryModel; keys: string[] | undefined } | undefined;
  /** the bad paths at or below an entry, as what follows its path ('.boot_index'); undefined: none */
  private badOf(m: EntryModel): string[] | undefined {
    const by = this.inp.schemaBadEntries;
    if (by) return (m.syntax === 'v1' ? by.v1 : by.v2)[m.index];
    // the stages ask about one entry's fields in a row: its path is written once
    if (this.lastBad?.m !== m) this.lastBad = { m, keys: badByEntry(this.inp.schemaBad).get(fieldPath(m)) };
    return this.lastBad.keys;
  }
}

/** Per list (v2: block_device_mapping_v2, v1: block_device_mapping), entry index -> what follows the entry's path in its bad paths. */
export interface SchemaBadEntries {
  v2: Array<string[] | undefined>;
  v1: Array<string[] | undefined>;
}

/** The paths with a schema error, as judging asks about them: one, whether there are any, all. */
export interface PathSet {
  /** 0 when there is none (judging only asks whether there are any) */
  readonly size: number;
  has(path: string): boolean;
  [Symbol.iterator](): Iterator<string>;
}

/**
 * The paths of the schema's findings, its set made only when a path is looked up or listed:
 * judging a body with thousands of schema errors reads them by entry (schemaBadEntries) and
 * asks this set about a few request-wide paths, if any.
 */
export class SchemaBadPaths implements PathSet {
  private set: Set<string> | undefined = undefined;
  constructor(private readonly findings: ReadonlyArray<{ path: string; entry: number | null }>) {}
  /** the number of findings (0 exactly when no path has an error) */
  get size(): number {
    return this.findings.length;
  }
  has(path: string): boolean {
    if (this.findings.length === 0) return false;
    // a path without an index (server.imageRef) is no entry's: the request-wide findings answer
    if (!path.includes('[')) return this.requestWide().has(path);
    return this.paths().has(path);
  }
  private wide: Set<string> | undefined = undefined;
  private requestWide(): Set<string> {
    if (!this.wide) {
      this.wide = new Set();
      for (const f of this.findings) if (f.entry === null) this.wide.add(f.path);
    }
    return this.wide;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.paths()[Symbol.iterator]();
  }
  private paths(): Set<string> {
    if (!this.set) {
      this.set = new Set();
      for (const f of this.findings) this.set.add(f.path);
    }
    return this.set;
  }
}

/**
 * What badByEntry reads from the bad paths, built from the findings themselves: an entry's
 * findings (those with an entry index) give '' (the entry itself) and the rest of their path
 * after the index. No path string is hashed or cut per entry and field (thousands of schema
 * errors in a big invalid body).
 */
export function schemaBadEntries(findings: ReadonlyArray<{ path: string; entry: number | null }>): SchemaBadEntries {
  const out: SchemaBadEntries = { v2: [], v1: [] };
  for (const f of findings) {
    if (f.entry === null) continue;
    const list = f.path.startsWith('server.block_device_mapping_v2') ? out.v2 : out.v1;
    const rest = f.path.slice(f.path.indexOf(']') + 1);
    const rests = list[f.entry];
    if (rests) rests.push(rest);
    else list[f.entry] = ['', rest];
  }
  return out;
}

const BAD_BY_ENTRY = new WeakMap<PathSet, Map<string, string[]>>();
/**
 * The bad paths by entry: each bad path cut at its first index (entry paths hold one index:
 * server.block_device_mapping_v2[3]), to the rest of it (`.boot_index`, or '' for the entry
 * itself). A field has an error when a rest is `.` and its key: the same strings as comparing
 * whole paths (a path without an index is no entry's). Built once per request, so asking per
 * entry and field stays linear.
 */
function badByEntry(bad: PathSet): Map<string, string[]> {
  let out = BAD_BY_ENTRY.get(bad);
  if (!out) {
    out = new Map();
    for (const s of bad) {
      const j = s.indexOf(']');
      if (j < 0) continue;
      const entry = s.slice(0, j + 1);
      const rest = s.slice(j + 1);
      const list = out.get(entry);
      if (list) list.push(rest);
      else out.set(entry, [rest]);
    }
    BAD_BY_ENTRY.set(bad, out);
  }
  return out;
}

export function isEph(d: Record<string, unknown>) { return d.source_type === 'blank' && d.destination_type === 'local' && d.guest_format !== 'swap'; }
export function isSwapD(d: Record<string, unknown>) { return d.source_type === 'blank' && d.destination_type === 'local' && d.guest_format === 'swap'; }
/** a boot_index that is set and, as an int, 0 */
export function isRoot(d: Record<string, unknown>): boolean {
  return pyInt(d.boot_index) === 0 && d.boot_index !== null && d.boot_index !== undefined;
}

/** The NovaBdm of a working BDM, built once (the analysis asks for it from several places). */
export function toNovaBdm(w: WorkingBdm): NovaBdm {
  return (w.nova ??= buildNovaBdm(w));
}

/** a field as a NovaBdm holds it: its value as a string, null when absent */
const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
/** boot_index as a NovaBdm holds it */
const bootIndexOf = (d: Record<string, unknown>) => (d.boot_index === null || d.boot_index === undefined ? null : pyInt(d.boot_index));

/**
 * The driver class of a working BDM: its NovaBdm's (driverClassOf), read from its dict when the
 * NovaBdm is not built (a verdict on a big body needs every entry's class, not its NovaBdm).
 */
export function driverClassOfWorking(w: WorkingBdm): DriverClass | null {
  if (w.nova) return driverClassOf(w.nova);
  const d = w.d;
  return driverClassOfFields(truthy(d.no_device), d.source_type, d.destination_type, str(d.guest_format));
}

/**
 * The fields the libvirt notes read of a working BDM, as its NovaBdm holds them: the NovaBdm
 * when built, else `out` filled from the dict (one object reused for every BDM of a big body).
 */
export function noteFieldsOf(w: WorkingBdm, out: BdmNoteFields): BdmNoteFields {
  if (w.nova) return w.nova;
  const d = w.d;
  out.entry = w.entry;
  out.device_name = str(d.device_name);
  out.boot_index = bootIndexOf(d);
  out.device_type = str(d.device_type);
  out.disk_bus = str(d.disk_bus);
  return out;
}

function buildNovaBdm(w: WorkingBdm): NovaBdm {
  const d = w.d;
  const st = d.source_type as SourceType | undefined;
  const bi = bootIndexOf(d);
  const idFor = st === 'image' ? d.image_id : st === 'volume' ? d.volume_id : st === 'snapshot' ? d.snapshot_id : null;
  const b: NovaBdm = {
    entry: w.entry,
    implicit: w.implicit,
    source_type: st ?? null,
    destination_type: (d.destination_type as DestinationType | undefined) ?? null,
    guest_format: str(d.guest_format),
    boot_index: bi,
    device_name: str(d.device_name),
    disk_bus: str(d.disk_bus),
    device_type: str(d.device_type),
    volume_size: d.volume_size === undefined || d.volume_size === null ? null : pyInt(d.volume_size),
    uuid: str(idFor),
    no_device: truthy(d.no_device),
    delete_on_termination: truthy(d.delete_on_termination),
    volume_type: str(d.volume_type),
    tag: str(d.tag),
  };
  if (bi === 0) {
    const m = bootMetaOf(d, st);
    if (m !== undefined) b.boot_meta = m;
  }
  return b;
}

/**
 * What get_bdm_image_metadata reads on a root entry (nova/block_device.py): an image_id first,
 * else the volume of its snapshot_id, else its volume_id; none of them: no metadata. undefined
 * when that is what the source_type alone says (the common case: uuid became the one id).
 */
function bootMetaOf(d: Record<string, unknown>, st: SourceType | undefined): NovaBdm['boot_meta'] {
  const id = truthy(d.image_id) ? d.image_id : truthy(d.snapshot_id) ? d.snapshot_id : truthy(d.volume_id) ? d.volume_id : null;
  const from = id === null ? null : truthy(d.image_id) ? 'image' : 'volume';
  const same = from === null ? st === 'blank' || st === undefined
    : from === 'image' ? st === 'image'
      : st === (truthy(d.snapshot_id) ? 'snapshot' : 'volume');
  if (same) return undefined;
  return from === null ? null : { from, id: String(id) };
}
