/**
 * The single entry point of the domain: text + context in, an Analysis out. Pure,
 * synchronous and deterministic: no clock, no environment, no files. The language server
 * caches it per document version; the CLI calls it per file.
 */
import type { Node } from 'jsonc-parser';
import { mvMinor, type Context } from './model/context';
import { prependDev, truthy } from './rules/novaValues';
import { CachedSpan, type Span } from './text/span';
import { diagnose, type Diagnostic } from './model/diagnostic';
import type { BodyKind, EntryModel, SourceDoc } from './source/doc';
import { FieldSpan, TreeSpan } from './source/places';
import { jsonKind, jsonSource } from './source/registry';
import { parseJson } from './parse/json';
import { spliceParse, type ParseBase } from './parse/splice';
import { runSchema, type EntryBad } from './rules/schema';
import { driverClassOfWorking, judgeServer, noteFieldsOf, SchemaBadPaths, schemaBadEntries, toNovaBdm, type WorkingBdm } from './rules/nova';
import { attachNotes } from './rules/attach';
import { HUGE, libvirtNotes, namingCanSpeak, type NoteBdms } from './rules/libvirtNotes';
import { isSlotted, orderKeyAt, orderKeyLength } from './model/orderKey';
import { ruleRow, type RuleId, type RuleRow } from './rules/table';
import { appendAll, type Finding } from './rules/finding';
import { STAGE, entryNoteOrder } from './rules/order';
import { frontDoor } from './rules/frontDoor';
import { driverClassOf, type BdmNoteFields, type DriverClass, type NovaBdm } from './nova/types';
import type { Inventory } from './model/inventory';

/** A diagnostic (model/diagnostic.ts): Nova's words, then the plain explanation. */
export type AnalysisDiagnostic = Diagnostic;

export interface EntryInfo {
  index: number;
  syntax: 'v2' | 'v1';
  span: Span;
  driverClass: DriverClass | null;
  /** the BDM as Nova holds it, when the entry itself passed Nova's checks */
  bdm: NovaBdm | null;
}

export interface Analysis {
  kind: BodyKind | null;
  diagnostics: AnalysisDiagnostic[];
  entries: EntryInfo[];
  /** the accepted request's BDMs incl. the flavor's implicit disks; null when Nova refuses it */
  novaBdms: NovaBdm[] | null;
  imageRef: string | null;
  valid: boolean;
  /** Nova's answer: the first error in Nova's order */
  verdict: { httpStatus: number; code: string; message: string } | null;
  root: Node | undefined;
  /** the recognised source: the body it becomes and where its paths are written */
  source?: SourceDoc;
}

export interface AnalyzeOptions {
  /** the bdmLab.files glob matched: judge it even when the content does not look like ours */
  forced?: boolean;
  allowComments?: boolean;
  /** Glance/Cinder contents (a chosen lab host): the data-dependent rules are judged against it */
  inventory?: Inventory;
  /** bodies with more entries are refused unjudged (BDM-LIMIT-ENTRIES); default MAX_ENTRIES */
  maxEntries?: number;
  /**
   * The previous version of this text and the one edit since (the editor's): when the edit is
   * inside a plain string value, the text is parsed from that version's parse (parse/splice.ts).
   */
  base?: ParseBase;
}

/**
 * bdm-lab judges at most this many block device entries per request. Nova's schema takes any
 * count, but its local-device limit and the volume quotas refuse far fewer; past this, judging
 * (and the editor's memory) would grow with a body no cloud accepts. Such a body is refused
 * unjudged, with one note, rather than judged in part: a partial verdict could not promise
 * Nova's first error (a schema error further down comes first in Nova's order). What a body
 * costs is bounded by its size more than by this count (the files read are at most 5 MB by
 * default, and a body's diagnostics are what its memory grows with): 100 000 entries with an
 * error each take about 200 MB in the CLI, as 50 000 entries with two errors each did under the
 * former limit of 50 000.
 */
export const MAX_ENTRIES = 100_000;

export function analyzeJson(text: string, context: Context, opts: AnalyzeOptions = {}): Analysis {
  const parsed = (opts.base && spliceParse(text, opts.base)) || parseJson(text, { allowComments: opts.allowComments });
  const kind = jsonKind(parsed.root, opts.forced);
  const empty: Analysis = { kind, diagnostics: [], entries: [], novaBdms: null, imageRef: null, valid: true, verdict: null, root: parsed.root };
  const findings: Finding[] = [];
  // Nova reads the microversion header before the body: a version it refuses is the whole verdict
  if (kind || opts.forced) {
    const front = frontDoor(context, { offset: 0, length: 0 });
    if ('finding' in front) return finish(empty, [front.finding], text, kind);
    if (front.microversion !== context.microversion) context = { ...context, microversion: front.microversion };
  }
  if (parsed.syntax.length) {
    // A document that is not a body (and not named a body by the user or a glob) is not ours:
    // its syntax is the JSON editor's business, not Nova's.
    if (!kind && !opts.forced) return empty;
    // A half-typed document: report the syntax problems; judge the rest only if it still parses to our kind.
    for (const s of parsed.syntax.slice(0, 20)) findings.push({ code: 'BDM-JSON-SYNTAX', span: s.span, entry: null, path: '', args: { detail: s.message }, order: [STAGE.syntax], related: [] });
    if (!kind || !parsed.root) return finish(empty, findings, text, kind);
    // Nova would refuse the whole body; the structure found so far still gets judged below,
    // so that a user sees the next problems while typing.
  }
  if (!kind || !parsed.root) return empty;
  const doc = jsonSource(kind, { text, root: parsed.root, microversion: context.microversion });
  return judgeSource(doc, empty, findings, context, opts, parsed.syntax.length > 0);
}

/**
 * The verdict on a source that is not a JSON document (an `openstack server create` command):
 * its tool's own findings first; when the tool refuses, no body reaches Nova and the tool's
 * refusal is the verdict (HTTP status 0: no request was sent).
 */
export function analyzeSource(doc: SourceDoc, context: Context, opts: AnalyzeOptions = {}): Analysis {
  const empty: Analysis = { kind: doc.kind, diagnostics: [], entries: [], novaBdms: null, imageRef: null, valid: true, verdict: null, root: undefined };
  const findings: Finding[] = [];
  if (doc.body === null) {
    for (const f of doc.findings) findings.push({ code: f.code as RuleId, span: f.span, entry: null, path: f.path, args: f.args, order: [STAGE.syntax], related: [] });
    const result = finish({ ...empty, source: doc }, findings, doc.text, doc.kind, doc);
    if (result.verdict) result.verdict = { ...result.verdict, httpStatus: 0 };
    return result;
  }
  return judgeSource(doc, empty, findings, context, opts, false);
}

function judgeSource(doc: SourceDoc, empty: Analysis, findings: Finding[], context: Context, opts: AnalyzeOptions, halfTyped: boolean): Analysis {
  const text = doc.text;
  const kind = doc.kind;
  const count = entryCount(doc.body);
  const max = opts.maxEntries ?? MAX_ENTRIES;
  if (count > max) {
    const detail = `bdm-lab judges at most ${max} block device entries per request; this one has ${count}, so it is not judged (no Nova verdict is computed). Split the request, or use fewer entries. (Nova's API itself refuses any request body over [oslo_middleware]max_request_body_size, 114688 bytes by default, with HTTP 413 before it reads it.)`;
    findings.push({ code: 'BDM-LIMIT-ENTRIES', span: { offset: 0, length: 0 }, entry: null, path: '', args: { detail }, order: [STAGE.syntax], related: [] });
    return { ...finish({ ...empty, source: doc }, findings, text, kind), valid: false, verdict: null };
  }
  // a tool that names its microversion sends that one
  const ctx = doc.microversion ? { ...context, microversion: doc.microversion } : context;
  // what the source creates itself (a volume resource next to the server) exists for Nova's look-ups
  const inventory = opts.inventory && doc.creates ? { ...opts.inventory, volumes: [...opts.inventory.volumes, ...doc.creates.volumes] } : opts.inventory;
  const judged = judgeDoc(doc, ctx, inventory, halfTyped, findings);
  const base: Analysis = { kind: empty.kind, diagnostics: empty.diagnostics, entries: judged.entries, novaBdms: empty.novaBdms, imageRef: doc.imageRef, valid: empty.valid, verdict: empty.verdict, root: empty.root, source: doc };
  return finish(base, findings, text, kind, doc, judged.bdms);
}

/** The BDMs of a request as the libvirt notes read them: a NovaBdm built only when asked (one object, not three closures). */
class WorkingNoteBdms implements NoteBdms {
  private readonly scratch: BdmNoteFields = { entry: null, device_name: null, boot_index: null, device_type: null, disk_bus: null };
  constructor(private readonly bdms: WorkingBdm[]) {}
  get length(): number {
    return this.bdms.length;
  }
  bdm(i: number): NovaBdm {
    return toNovaBdm(this.bdms[i]);
  }
  fields(i: number): BdmNoteFields {
    return noteFieldsOf(this.bdms[i], this.scratch);
  }
}

/** Every layer on a recognised source, in Nova's order; findings are appended to `findings`. */
function judgeDoc(doc: SourceDoc, context: Context, inventory: Inventory | undefined, halfTyped: boolean, findings: Finding[]): { entries: EntryInfo[]; bdms: WorkingBdm[] | null } {
  const mv = context.microversion;
  // what the source's own tool says comes first (it answers before Nova sees the body)
  for (const f of doc.findings) findings.push({ code: f.code as RuleId, span: f.span, entry: null, path: f.path, args: f.args, order: [STAGE.syntax], related: [] });
  const schemaOut: { entryBad?: EntryBad } = {};
  const schemaFindings = runSchema({ kind: doc.api, microversion: mv, doc }, schemaOut);
  // findings about what the source does not write (a bare list's made-up server fields) are not shown
  // (pushed one by one: a filtered copy of thousands of errors is one more array to collect)
  let schemaFailed = false;
  for (let i = 0; i < findings.length && !schemaFailed; i++) schemaFailed = ruleRow(findings[i].code).severity === 'error';
  for (let i = 0; i < schemaFindings.length; i++) {
    const f = schemaFindings[i];
    if (!doc.covers(f.path) || (halfTyped && f.entry === null)) continue;
    findings.push(f);
    schemaFailed ||= ruleRow(f.code).severity === 'error';
  }
  if (doc.api === 'attach') {
    appendAll(findings, attachNotes(doc, mv, schemaFailed));
    return { entries: [attachEntry(doc, mv, schemaFailed || halfTyped)], bdms: null };
  }
  const { v2, v1 } = doc.entries();
  const schemaBad = new SchemaBadPaths(schemaFindings);
  // by entry: an error below an entry (an additional property too) is about the entry as a whole
  const schemaBadByEntry = schemaOut.entryBad ?? schemaBadEntries(schemaFindings);
  const legacyV2 = mv.trim() === '2.0';
  if (legacyV2) appendAll(findings, legacyStrips(doc, v2));
  const j = judgeServer({ doc, v2, v1, context, schemaBad, schemaBadEntries: schemaBadByEntry, schemaFailed: schemaFailed || halfTyped, legacyV2, inventory });
  // While the text does not parse, request-wide verdicts would be about a half-typed body: keep per-entry ones.
  appendAll(findings, (halfTyped ? j.findings.filter((f) => f.entry !== null) : j.findings));
  const entries = (v1.length ? v1 : v2).map((m) => new Info(m, j.perEntry[m.index]));
  const bdms = j.bdms;
  const notes = bdms && !halfTyped ? new WorkingNoteBdms(bdms) : null;
  // (asked here as libvirtNotes asks it first: plain volumes, most small bodies, make nothing for it)
  if (notes && namingCanSpeak(notes, context)) {
    const listed = v1.length ? v1 : v2;
    const models: Array<EntryModel | undefined> = [];
    for (let i = 0; i < listed.length; i++) models[listed[i].index] = listed[i];
    const list = v1.length ? 'block_device_mapping' : 'block_device_mapping_v2';
    const listSpan = doc.locate(['server', list], 'key') ?? doc.locate(['server'], 'key') ?? doc.locate([], 'key') ?? { offset: 0, length: 1 };
    // written straight into the findings (a big body has a note on every entry)
    libvirtNotes(notes, models, context, doc.imageRef, listSpan, findings);
  }
  return { entries, bdms };
}

function legacyStrips(doc: SourceDoc, v2: EntryModel[]): Finding[] {
  const known = new Set(['virtual_name', 'volume_id', 'snapshot_id', 'volume_size', 'device_name', 'delete_on_termination', 'no_device', 'connection_info', 'source_type', 'uuid', 'image_id', 'destination_type', 'guest_format', 'device_type', 'disk_bus', 'boot_index']);
  const out: Finding[] = [];
  for (const m of v2) {
    if (!m.isObject) continue;
    // the entry's keys in the order the source lists them, each once
    const keys = new Set(doc.keysAt(m.path).filter((k) => Object.prototype.hasOwnProperty.call(m.values, k)));
    for (const key of keys) {
      if (!known.has(key)) out.push({ code: 'BDM-SCHEMA-LEGACY-V2-STRIP', span: doc.locate([...m.path, key], 'key')!, entry: m.index, path: '', args: { key }, order: entryNoteOrder('BDM-SCHEMA-LEGACY-V2-STRIP', m.index) });
    }
  }
  return out;
}

/**
 * The volumeAttachment as entry 0: the BDM Nova's compute API creates for it (a volume→volume
 * DriverVolumeBlockDevice: `device` as asked, which the libvirt driver then ignores; `tag` from
 * 2.49; `delete_on_termination` from 2.79, Python truthiness, default false). Refused by the
 * schema: no class, as for a refused server entry. Its place: the volumeAttachment key.
 */
function attachEntry(doc: SourceDoc, mv: string, refused: boolean): EntryInfo {
  const minor = mvMinor(mv);
  const v = (k: string) => doc.valueAt(['volumeAttachment', k]);
  const device = v('device');
  const bdm: NovaBdm | null = refused ? null : {
    entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: null,
    device_name: typeof device === 'string' && device ? prependDev(device) : null,
    disk_bus: null, device_type: null, volume_size: null,
    uuid: typeof v('volumeId') === 'string' ? (v('volumeId') as string) : null,
    no_device: false,
    delete_on_termination: minor >= 79 ? truthy(v('delete_on_termination')) : false,
    volume_type: null,
    tag: minor >= 49 && typeof v('tag') === 'string' ? (v('tag') as string) : null,
  };
  let span: Span | undefined;
  const place = () => (span ??= doc.locate(['volumeAttachment'], 'key') ?? doc.locate([], 'start') ?? { offset: 0, length: 1 });
  const entry: EntryInfo = {
    index: 0, syntax: 'v2', driverClass: bdm ? driverClassOf(bdm) : null, bdm,
    get span() { return place(); },
  };
  Object.defineProperty(entry, 'toJSON', { enumerable: false, value: () => ({ index: 0, syntax: 'v2', span: place(), driverClass: entry.driverClass, bdm }) });
  return entry;
}

/** An entry's summary; its place and its NovaBdm are read when asked. */
class Info implements EntryInfo {
  readonly driverClass: DriverClass | null;
  constructor(private readonly m: EntryModel, private readonly w: WorkingBdm | undefined) {
    this.driverClass = w ? driverClassOfWorking(w) : null;
  }
  get bdm(): NovaBdm | null {
    return this.w ? toNovaBdm(this.w) : null;
  }
  // read from the entry (a body can list tens of thousands)
  get index(): number {
    return this.m.index;
  }
  get syntax(): 'v2' | 'v1' {
    return this.m.syntax;
  }
  get span(): Span {
    return this.m.span;
  }
  toJSON(): EntryInfo {
    return { index: this.index, syntax: this.syntax, span: this.span, driverClass: this.driverClass, bdm: this.bdm };
  }
}

/** Two findings by their order keys (a slotted key is compared without being made: model/orderKey.ts). */
function cmp(a: Finding, b: Finding): number {
  // two keys on one base (a note on each of many entries) differ at most at the entry's slot
  if (isSlotted(a) && isSlotted(b)) {
    const base = a.orderBase;
    if (base === b.orderBase && a.orderSlot === b.orderSlot) return (a.entry as number) - (b.entry as number);
  }
  const la = orderKeyLength(a);
  const lb = orderKeyLength(b);
  for (let i = 0; i < Math.max(la, lb); i++) {
    const x = (i < la ? orderKeyAt(a, i) : undefined) ?? -1;
    const y = (i < lb ? orderKeyAt(b, i) : undefined) ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

/** A finding's place, clamped to the text, computed when first read. */
class ClampedSpan extends CachedSpan {
  constructor(private raw: Span | null, private readonly len: number) {
    super();
  }
  override prepare(): void {
    if (this.raw instanceof CachedSpan) this.raw.prepare();
  }
  protected compute(): Span {
    const s = clampSpan(this.raw!, this.len);
    // the place is known: the span it was read through is not kept
    this.raw = null;
    return s;
  }
}

/** BDM-JSON-SYNTAX says Nova's words, then the parser's own (its detail). */
const SYNTAX_ROW = (row: RuleRow): RuleRow => ({ ...row, explain: '{detail}' });

/**
 * How a finding's spans are shown: clamped to the text, except an entry's field and a place in
 * the document's tree, which are inside the text already. One per analysis (not one per finding).
 */
function placeIn(textLength: number): (s: Span) => Span {
  return (s) => (s instanceof FieldSpan || s instanceof TreeSpan ? s : new ClampedSpan(s, textLength));
}

/** The diagnostic of a finding (through the one factory), its spans placed by `place`. */
function toDiagnostic(f: Finding, row: RuleRow, place: (s: Span) => Span): AnalysisDiagnostic {
  return diagnose(f.code === 'BDM-JSON-SYNTAX' ? SYNTAX_ROW(row) : row, f, place);
}

/** how many entries the request lists (v2 and legacy together), read from the parsed value (a bare list is wrapped by then) */
function entryCount(value: unknown): number {
  const server = (value as { server?: unknown } | null)?.server;
  if (!server || typeof server !== 'object') return 0;
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  return len((server as Record<string, unknown>).block_device_mapping_v2) + len((server as Record<string, unknown>).block_device_mapping);
}

function finish(base: Analysis, findings: Finding[], text: string, kind: BodyKind | null, doc?: SourceDoc, bdms?: WorkingBdm[] | null): Analysis {
  // paths print as the source writes them (a bare list's from the list)
  // (index loops: a for-of that is not optimized makes an iterator result per finding)
  // (not asked of a source that prints them as written: an entry note's path is made when read)
  if (doc && !doc.printsPathsAsIs) for (let i = 0; i < findings.length; i++) findings[i].path = doc.printPath(findings[i].path);
  // one of several bodies (a loop item): each diagnostic says which, as its last related place
  const of = doc?.bodyOf;
  if (of) for (let i = 0; i < findings.length; i++) findings[i].related = [...(findings[i].related ?? []), of];
  // (no finding, or one, as most small bodies have: nothing to sort, no twin to look for)
  const diagnostics = findings.length === 0 ? [] : findings.length === 1 ? [toDiagnostic(findings[0], ruleRow(findings[0].code), placeIn(text.length))] : shownOf(findings, text.length);
  const firstError = diagnostics.find((d) => d.severity === 'error');
  const verdict = firstError ? { httpStatus: firstError.novaStatus ?? 400, code: firstError.code, message: firstError.novaMessage } : null;
  // field by field, in Analysis's order (a spread of `base` took the slow generic copy). A big
  // accepted request's NovaBdms are built when first read (the CLI's check and the editor's
  // diagnostics never read them, and they would be most of what its verdict keeps), through an
  // accessor written in the literal. Up to the libvirt notes' naming limit (HUGE) they are made
  // now: the naming has built most of them already, and the accessor's closures cost a one-entry
  // analysis a tenth (Object.defineProperty a seventh)
  let built: NovaBdm[] | null | undefined;
  const out: Analysis = !firstError && bdms && bdms.length > HUGE
    ? {
      kind,
      diagnostics,
      entries: base.entries,
      get novaBdms(): NovaBdm[] | null {
        return built === undefined ? (built = bdms.map(toNovaBdm)) : built;
      },
      set novaBdms(v: NovaBdm[] | null) {
        built = v;
      },
      imageRef: base.imageRef,
      valid: true,
      verdict,
      root: base.root,
    }
    : {
      kind,
      diagnostics,
      entries: base.entries,
      novaBdms: firstError ? null : bdms ? bdms.map(toNovaBdm) : base.novaBdms,
      imageRef: base.imageRef,
      valid: !firstError,
      verdict,
      root: base.root,
    };
  if (base.source !== undefined) out.source = base.source;
  return out;
}

/** The diagnostics shown of a request's findings, in order. */
function shownOf(findings: Finding[], textLength: number): AnalysisDiagnostic[] {
  // Errors first, then Nova's order of checks, then the order found. The layers mostly report
  // in that order already, so the sort is skipped when a pass finds nothing out of place.
  const n = findings.length;
  // a byte per finding, not an array of rows and one of booleans (a body can hold tens of thousands)
  const isErr = new Uint8Array(n);
  for (let i = 0; i < n; i++) isErr[i] = ruleRow(findings[i].code).severity === 'error' ? 1 : 0;
  const before = (i: number, j: number) => (isErr[i] !== isErr[j] ? (isErr[i] ? -1 : 1) : cmp(findings[i], findings[j]) || i - j);
  let order: number[] | undefined;
  for (let i = 1; i < n; i++) {
    if (before(i - 1, i) > 0) {
      order = inOrder(n, i, before);
      break;
    }
  }
  // written into an array of the findings' count, cut to the diagnostics shown (twins are not)
  const diagnostics = preallocated<AnalysisDiagnostic>(n);
  let shown = 0;
  // The same finding from two layers is shown once. Candidates are bucketed by entry (a dense
  // array) or, request-wide, by path; messages are compared, and so built, only for findings
  // that share code and path.
  let lastEntry = -1;
  for (let i = 0; i < n; i++) {
    const e = findings[i].entry;
    if (e !== null && e > lastEntry) lastEntry = e;
  }
  const byEntry = preallocated<Bucket | undefined>(lastEntry + 1);
  const byPath = new Map<string, Bucket>();
  const get = (f: Finding) => (f.entry !== null ? byEntry[f.entry] : byPath.get(f.path));
  const set = (f: Finding, v: Bucket) => (f.entry !== null ? (byEntry[f.entry] = v) : byPath.set(f.path, v));
  const place = placeIn(textLength);
  for (let k = 0; k < n; k++) {
    const f = findings[order === undefined ? k : order[k]];
    const diag = toDiagnostic(f, ruleRow(f.code), place);
    const twins = get(f);
    if (twins !== undefined && hasTwin(twins, f, diag)) continue;
    diagnostics[shown++] = diag;
    if (twins === undefined) set(f, diag);
    else if (twins instanceof TwinIndex) twins.add(diag);
    else if (!Array.isArray(twins)) set(f, [twins, diag]);
    else if (twins.length + 1 < INDEX_AT) twins.push(diag);
    else set(f, new TwinIndex([...twins, diag]));
  }
  diagnostics.length = shown;
  return diagnostics;
}

/**
 * The indexes 0..n-1 in the order `before` gives (a strict total order: ties are broken by
 * index), 0..first-1 being in order already. The findings come as a few runs each in order (the
 * layers report in order; a default body's one request note, found before a note on each entry,
 * goes after them all): up to MERGED_RUNS runs are merged, a comparison per finding and run,
 * where a sort compared each finding some log n times; more runs are sorted.
 */
function inOrder(n: number, first: number, before: (i: number, j: number) => number): number[] {
  const starts = [0, first];
  for (let i = first + 1; i < n; i++) {
    if (before(i - 1, i) <= 0) continue;
    if (starts.length === MERGED_RUNS) {
      const order = preallocated<number>(n);
      for (let k = 0; k < n; k++) order[k] = k;
      return order.sort(before);
    }
    starts.push(i);
  }
  starts.push(n);
  let merged: number[] = [];
  for (let k = 0; k < first; k++) merged.push(k);
  // each next run merged into the runs before it
  for (let r = 1; r + 1 < starts.length; r++) {
    const out: number[] = [];
    let a = 0;
    for (let b = starts[r]; b < starts[r + 1]; b++) {
      while (a < merged.length && before(merged[a], b) < 0) out.push(merged[a++]);
      out.push(b);
    }
    while (a < merged.length) out.push(merged[a++]);
    merged = out;
  }
  return merged;
}
const MERGED_RUNS = 8;

/**
 * An array for `n` items written in order from index 0 (one allocation, not a growing copy per
 * push); a longer one grows as pushed (V8 makes a slow dictionary of a very long `new Array(n)`).
 */
function preallocated<T>(n: number): T[] {
  return n <= PREALLOCATED_MAX ? new Array<T>(n) : [];
}
const PREALLOCATED_MAX = 32_768;

/** the diagnostics shown of one entry or path: one, a few, or (from INDEX_AT on) an index of them */
type Bucket = AnalysisDiagnostic | AnalysisDiagnostic[] | TwinIndex;

/**
 * From this many diagnostics in one bucket on, its twins are looked up by code and path, then
 * among those by Nova's words in a set: n findings of one code at one path (a template's notes on
 * n undefined variables, each quoting the whole template) compared each with all before took n²
 * comparisons of long messages.
 */
const INDEX_AT = 8;

class TwinIndex {
  private readonly byKey = new Map<string, { list: AnalysisDiagnostic[]; words?: Map<number, string[]> }>();
  constructor(all: AnalysisDiagnostic[]) {
    for (const d of all) this.add(d);
  }

  add(d: AnalysisDiagnostic): void {
    const key = `${d.code}\u0000${d.path}`;
    const same = this.byKey.get(key);
    if (!same) this.byKey.set(key, { list: [d] });
    else {
      same.list.push(d);
      if (same.words) addWords(same.words, d.novaMessage);
    }
  }

  /** same code, path and Nova's words; the words are read (and so built) only for findings that share code and path */
  has(f: Finding, diag: AnalysisDiagnostic): boolean {
    const same = this.byKey.get(`${f.code}\u0000${f.path}`);
    if (!same) return false;
    if (same.list.length < INDEX_AT) return same.list.some((d) => isTwin(d, f, diag));
    if (!same.words) {
      same.words = new Map();
      for (const d of same.list) addWords(same.words, d.novaMessage);
    }
    const w = diag.novaMessage;
    return same.words.get(wordsHash(w))?.includes(w) ?? false;
  }
}

/**
 * A hash of every character of a message (FNV-1a): a Set of strings does not do for them, as V8
 * hashes a string past 16 383 characters by its length alone, and such messages (each quoting one
 * long template) differ only in a name in the middle.
 */
function wordsHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h;
}

function addWords(words: Map<number, string[]>, w: string): void {
  const h = wordsHash(w);
  const same = words.get(h);
  if (same) same.push(w);
  else words.set(h, [w]);
}

/** whether a diagnostic already shown (one, the list of its entry or path, or their index) is the finding's: same code, path and Nova's words */
function hasTwin(twins: Bucket, f: Finding, diag: AnalysisDiagnostic): boolean {
  if (twins instanceof TwinIndex) return twins.has(f, diag);
  if (!Array.isArray(twins)) return isTwin(twins, f, diag);
  for (let i = 0; i < twins.length; i++) if (isTwin(twins[i], f, diag)) return true;
  return false;
}
const isTwin = (d: AnalysisDiagnostic, f: Finding, diag: AnalysisDiagnostic) => d.code === f.code && d.path === f.path && d.novaMessage === diag.novaMessage;

function clampSpan(s: Span, len: number): Span {
  const offset = Math.max(0, Math.min(s.offset, len));
  return { offset, length: Math.max(0, Math.min(s.length, len - offset)) };
}

