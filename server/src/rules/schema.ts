/**
 * Schema layer (spec §4.1, §11.3): Nova's request schema for the microversion, compiled by ajv
 * at build time (scripts/compile-schemas.mjs). ajv reports every error; each is mapped to a rule
 * id, to the text Python's jsonschema would print inside Nova's message, and to a sort key that
 * follows jsonschema's own walk (schema key order), so that the first finding is the one Nova
 * reports.
 */
import type { RuleId } from './table';
import { STAGE } from './order';
import { base64Raises, descriptionPattern, descriptionPatternPython } from './formats.cjs';
import * as validators from '../generated/validators.cjs';
import variants from '../generated/variants.cjs';
import { byCodePoints, pyFloat, pyRepr, pyStrRepr, type OmitKey } from '../parse/pyrepr';
import type { BodyPath, SourceDoc } from '../source/doc';
import { LazySpan, type Span } from '../text/span';
import { SlottedOrder } from '../model/orderKey';
import { appendAll, pathString, type Finding } from './finding';
import { mvMinor } from '../model/context';
import { keySuffix, segmentText } from '../model/path';
import { pyUniqueItems } from './uniqueItems';

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}
/** What a message needs of an error: its keyword and parameters. */
type ErrorWhat = Pick<AjvError, 'keyword' | 'params'>;
type Schema = Record<string, unknown>;
interface Variant { id: string; lo: number; hi: number; schema: Schema }

const TABLE = variants as unknown as { server: Variant[]; attach: Variant[] };

export function variantFor(kind: 'server' | 'attach', microversion: string): Variant {
  const minor = microversion.trim() === '2.0' ? 0 : Math.max(1, mvMinor(microversion));
  const list = TABLE[kind];
  return list.find((v) => minor >= v.lo && minor <= v.hi) ?? list[list.length - 1];
}

/**
 * schemaAt's last few questions and answers, newest last: a body's errors ask for the same field
 * of entry after entry, and the walk depends on the path's keys and on which of its steps are
 * indexes, not on the indexes' values (so `[..., 3, 'uuid']` answers `[..., 7, 'uuid']`).
 */
const AT_KEPT = 4;
const atKept: Array<{ kind: string; microversion: string; path: Array<string | number>; node: Schema | undefined }> = [];

/** The resolved sub-schema at a JSON path (for hovers and completion). */
export function schemaAt(kind: 'server' | 'attach', microversion: string, path: Array<string | number>): Schema | undefined {
  for (let k = atKept.length - 1; k >= 0; k--) {
    const m = atKept[k];
    if (m.kind === kind && m.microversion === microversion && sameSteps(m.path, path)) return m.node;
  }
  const node = schemaAtWalked(kind, microversion, path);
  if (atKept.length === AT_KEPT) atKept.shift();
  atKept.push({ kind, microversion, path: path.slice(), node });
  return node;
}

/** two paths whose steps are the same keys, and indexes at the same places */
function sameSteps(a: Array<string | number>, b: Array<string | number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && !(typeof x === 'number' && typeof y === 'number')) return false;
  }
  return true;
}

function schemaAtWalked(kind: 'server' | 'attach', microversion: string, path: Array<string | number>): Schema | undefined {
  const v = variantFor(kind, microversion);
  let node: Schema | undefined = v.schema;
  for (const seg of path) {
    node = deref(v.schema, node);
    if (!node) return undefined;
    const props = node.properties as Record<string, Schema> | undefined;
    if (typeof seg === 'string' && props && seg in props) node = props[seg];
    else if (typeof seg === 'number' && node.items) node = node.items as Schema;
    else return undefined;
  }
  return deref(v.schema, node);
}

const DEREF = new WeakMap<Schema, Schema | undefined>();
function deref(root: Schema, node: Schema | undefined): Schema | undefined {
  if (!node || typeof node.$ref !== 'string') return node;
  if (DEREF.has(node)) return DEREF.get(node);
  const r = derefUncached(root, node);
  DEREF.set(node, r);
  return r;
}
function derefUncached(root: Schema, node: Schema | undefined): Schema | undefined {
  let n = node;
  for (let i = 0; n && typeof n.$ref === 'string' && i < 10; i++) {
    const m = /^#\/\$defs\/(.+)$/.exec(n.$ref);
    const target = m ? ((root.$defs as Record<string, Schema>)[m[1]]) : undefined;
    n = target ? { ...target, markdownDescription: n.markdownDescription ?? target.markdownDescription } : undefined;
  }
  return n;
}

const KEY_POS = new WeakMap<object, Map<string, number>>();
/** Position of a key among an object's own keys (-1 when absent), cached per schema object. */
function keyPos(o: object, key: string): number {
  let m = KEY_POS.get(o);
  if (!m) {
    m = new Map();
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) if (!m.has(keys[i])) m.set(keys[i], i);
    KEY_POS.set(o, m);
  }
  return m.get(key) ?? -1;
}

/** Every schema finding's order key starts with the schema stage. */
const SCHEMA_HEAD: readonly number[] = Object.freeze([STAGE.schema]);

/** One step of orderKey's walk: the two numbers it appends (b null: the segment, an index) and the node after it. */
/** `byKey`: a patternProperties step, where jsonschema goes through the instance's keys in its own order */
interface WalkStep { a: number; b: number | null; node: Schema | undefined; stop: boolean; byKey?: true }
/** The previous walk (a list's errors come one after another and share all but their index). */
let walkRoot: Schema | null = null;
let walkSegs: Array<string | number> = [];
const walkSteps: WalkStep[] = [];

/** the walk's steps made so far, by root, node and segment (any index: -1); a step is never written to */
const STEPS = new WeakMap<Schema, WeakMap<Schema, Map<string | number, WalkStep>>>();
const STOP: WalkStep = Object.freeze({ a: 0, b: 0, node: undefined, stop: true });

/** One step of jsonschema's walk from `node` along `seg` (made once: a body's errors on different keys of each entry asked again and again). */
function walkStep(root: Schema, from: Schema | undefined, seg: string | number): WalkStep {
  if (from === undefined) return STOP;
  let byNode = STEPS.get(root);
  if (byNode === undefined) STEPS.set(root, (byNode = new WeakMap()));
  let bySeg = byNode.get(from);
  if (bySeg === undefined) byNode.set(from, (bySeg = new Map()));
  // (a key of the instance, not of the schema: at most a few hundred kept per node)
  const k = typeof seg === 'number' ? -1 : seg;
  let step = bySeg.get(k);
  if (step === undefined) {
    step = makeStep(root, from, seg);
    if (bySeg.size < 256) bySeg.set(k, step);
  }
  return step;
}

function makeStep(root: Schema, from: Schema | undefined, seg: string | number): WalkStep {
  const node = deref(root, from);
  if (!node) return { a: 0, b: 0, node: undefined, stop: true };
  const props = node.properties as Record<string, Schema> | undefined;
  if (typeof seg === 'string' && props && seg in props) return { a: keyPos(node, 'properties'), b: keyPos(props, seg), node: props[seg], stop: false };
  if (typeof seg === 'number' && node.items) return { a: keyPos(node, 'items'), b: null, node: node.items as Schema, stop: false };
  if (typeof seg === 'string' && node.patternProperties) return { a: keyPos(node, 'patternProperties'), b: 0, node: Object.values(node.patternProperties as Record<string, Schema>)[0], stop: false, byKey: true };
  return { a: keyPos(node, 'additionalProperties'), b: 0, node: undefined, stop: false };
}

/**
 * jsonschema's walk order: keyword position in each schema object, property position, item
 * index, after `head`. The steps shared with the previous walk are replayed: a step depends on
 * the segment's key, or only on its being an index.
 */
function orderKey(root: Schema, segs: Array<string | number>, keyword: string, sub: number, head: readonly number[] = [], into?: number[]): number[] {
  let shared = 0;
  if (walkRoot === root) {
    while (shared < segs.length && shared < walkSegs.length) {
      const x = segs[shared];
      const y = walkSegs[shared];
      if (x !== y && !(typeof x === 'number' && typeof y === 'number')) break;
      shared++;
    }
  } else walkSteps.length = 0;
  let node: Schema | undefined = root;
  let steps = 0;
  for (; steps < segs.length; steps++) {
    const step: WalkStep = steps < shared ? walkSteps[steps] : (walkSteps[steps] = walkStep(root, node, segs[steps]));
    if (step.stop) break;
    node = step.node;
  }
  walkRoot = root;
  walkSegs = segs;
  const leaf = deref(root, node);
  // written into an array of its final length (a body can hold thousands of these keys)
  let key: number[];
  if (into) {
    into.length = head.length + 2 * steps + 2;
    key = into;
  } else key = new Array(head.length + 2 * steps + 2);
  let i = 0;
  for (; i < head.length; i++) key[i] = head[i];
  for (let d = 0; d < steps; d++) {
    const step = walkSteps[d];
    key[i++] = step.a;
    key[i++] = step.b ?? (segs[d] as number);
  }
  key[i++] = leaf ? keyPos(leaf, keyword) : 0;
  key[i] = sub;
  return key;
}

/** where an entry's index stands in a schema key (SCHEMA_HEAD, then the steps server, list, index) */
const ENTRY_SLOT = SCHEMA_HEAD.length + 5;
/** the key orderKey writes for an error before it is kept (one array, not one per error) */
const keyScratch: number[] = [];
/** the last few base keys handed out, newest last (the next entry's same errors share them; an entry's errors on several fields take turns) */
const BASES_KEPT = 8;
const lastBases: Array<readonly number[]> = [];

/**
 * The shared base of a key just written by orderKey (of an error at or below entry `entry`, in
 * keyScratch), when only the entry's index tells it from its neighbours' (no patternProperties
 * step ranks a key by its text: byTextKeyOrder): the previous base when equal but for the
 * index, else a copy. undefined: the key is its own (copy it).
 */
function slottedBase(segs: Array<string | number>, key: number[], entry: number | null): readonly number[] | undefined {
  const steps = (key.length - SCHEMA_HEAD.length - 2) / 2;
  if (entry === null || steps < 3 || walkSteps[2].b !== null || key[ENTRY_SLOT] !== entry) return undefined;
  for (let d = 0; d < steps; d++) if (walkSteps[d].byKey && typeof segs[d] === 'string') return undefined;
  for (let k = lastBases.length - 1; k >= 0; k--) {
    const last = lastBases[k];
    let same = last.length === key.length;
    for (let i = 0; same && i < key.length; i++) same = i === ENTRY_SLOT || last[i] === key[i];
    if (same) return last;
  }
  const base = Object.freeze(key.slice());
  if (lastBases.length === BASES_KEPT) lastBases.shift();
  lastBases.push(base);
  return base;
}

/** the path of the last entry an error was at (`server.block_device_mapping_v2[3]`), and its list and index */
let entryPathList: string | number = '';
let entryPathIndex = -1;
let entryPath = '';

/**
 * the last entry error's path and segments: an entry's next error on the same field (its type,
 * then its enum) gets the same string, so that comparing the two paths (analyze.ts's twins)
 * compares no text
 */
let lastErrorSegs: Array<string | number> = [];
let lastErrorPath = '';

/** pathString(segs), an entry's part taken from the previous error's when it is the same entry (its errors come one after another) */
function errorPath(segs: Array<string | number>, entry: number | null): string {
  if (entry === null) return pathString(segs);
  if (entryPathIndex !== entry || entryPathList !== segs[1]) {
    // an entry's first error: its part is written when a second comes (most entries have one)
    entryPath = '';
    entryPathList = segs[1];
    entryPathIndex = entry;
    return keptErrorPath(segs, pathString(segs));
  }
  if (sameSegs(lastErrorSegs, segs)) return lastErrorPath;
  if (entryPath === '') entryPath = pathString(segs.length === 3 ? segs : segs.slice(0, 3));
  let s = entryPath;
  for (let i = 3; i < segs.length; i++) s += segmentText(segs[i]);
  return keptErrorPath(segs, s);
}

function keptErrorPath(segs: Array<string | number>, path: string): string {
  lastErrorSegs = segs;
  lastErrorPath = path;
  return path;
}

function sameSegs(a: Array<string | number>, b: Array<string | number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A schema error at or below an entry whose order key is shared with the other entries' same
 * error but for the entry's index (slottedBase): no key array per error.
 */
class EntrySchemaFinding extends SlottedOrder implements Finding {
  constructor(
    readonly code: RuleId,
    public span: Span,
    readonly entry: number,
    public path: string,
    readonly args: Record<string, string>,
    readonly orderBase: readonly number[],
  ) {
    super();
  }
  get orderSlot(): number {
    return ENTRY_SLOT;
  }
}

/**
 * The order key of an error below a patternProperties object (metadata): jsonschema goes through
 * its keys in the dict's order, the text's, and reports all of one key's errors before the next
 * key's. Such a step gets the key's rank in the text (of the walk orderKey just made), before the
 * keyword's place in the value's schema; JavaScript's order, ajv's, lists integer-like keys first.
 */
function byTextKeyOrder(doc: SourceDoc, segs: Array<string | number>, key: number[], head: readonly number[]): number[] {
  const steps = (key.length - head.length - 2) / 2;
  for (let d = 0; d < steps; d++) {
    if (walkSteps[d]?.byKey && typeof segs[d] === 'string') key[head.length + 2 * d + 1] = textKeyRank(doc, segs.slice(0, d), segs[d] as string);
  }
  return key;
}

/** per object of a body: its keys' ranks in the text (a duplicated key at its first place, as in Python's dict) */
const TEXT_KEY_RANKS = new WeakMap<object, Map<string, number>>();
function textKeyRank(doc: SourceDoc, objectPath: Array<string | number>, k: string): number {
  const obj = doc.valueAt(objectPath);
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return 0;
  let ranks = TEXT_KEY_RANKS.get(obj);
  if (ranks === undefined) {
    ranks = new Map();
    for (const x of doc.keysAt(objectPath)) if (!ranks.has(x)) ranks.set(x, ranks.size);
    TEXT_KEY_RANKS.set(obj, ranks);
  }
  return ranks.get(k) ?? 0;
}

/** the repr of an enum's values, kept per list (the schema's own array: the same for every error) */
const ENUM_WORDS = new WeakMap<object, string>();
function enumWords(values: unknown): string {
  if (values === null || typeof values !== 'object') return pyRepr(values);
  let words = ENUM_WORDS.get(values);
  if (words === undefined) ENUM_WORDS.set(values, (words = pyRepr(values)));
  return words;
}

/** jsonschema's words for a `type` (`'integer', 'string'`), kept per type: thousands of errors name the same few */
const TYPE_WORDS = new Map<string, string>();
/** the same, by the schema's own list of types (ajv's params hold that array: no key to join per error) */
const TYPE_LIST_WORDS = new WeakMap<object, string>();
function JSONSCHEMA_TYPE(t: unknown): string {
  if (Array.isArray(t)) {
    let words = TYPE_LIST_WORDS.get(t);
    if (words === undefined) TYPE_LIST_WORDS.set(t, (words = typeWords(t)));
    return words;
  }
  return typeWords(t);
}
function typeWords(t: unknown): string {
  const key = Array.isArray(t) ? t.join('\0') : String(t);
  let words = TYPE_WORDS.get(key);
  if (words === undefined) {
    words = (Array.isArray(t) ? t : [t]).map((x) => pyStrRepr(String(x))).join(', ');
    if (TYPE_WORDS.size < 64) TYPE_WORDS.set(key, words);
  }
  return words;
}

export interface SchemaContext {
  kind: 'server' | 'attach';
  microversion: string;
  /** the request's source: the body validated, and where its paths are written */
  doc: SourceDoc;
}

/** Map a JSON path to our rule id. */
function ruleFor(kind: 'server' | 'attach', segs: Array<string | number>, keyword: string, extra: string | undefined, minor: number): RuleId {
  if (kind === 'attach') {
    if (segs.length === 0) {
      if (keyword === 'required') return 'BDM-ATTACH-SCHEMA-ENVELOPE-REQUIRED';
      if (keyword === 'additionalProperties') return 'BDM-ATTACH-SCHEMA-ENVELOPE-ADDITIONAL';
      return 'BDM-ATTACH-SCHEMA-ENVELOPE-TYPE';
    }
    if (segs.length === 1) {
      if (keyword === 'required') return 'BDM-ATTACH-SCHEMA-VOLUME-ID-REQUIRED';
      if (keyword === 'additionalProperties') {
        if (extra === 'tag' && minor < 49) return 'BDM-ATTACH-SCHEMA-TAG-MICROVERSION';
        if (extra === 'delete_on_termination' && minor < 79) return 'BDM-ATTACH-SCHEMA-DOT-MICROVERSION';
        return 'BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES';
      }
      return 'BDM-ATTACH-SCHEMA-ENVELOPE-TYPE';
    }
    const f = segs[1];
    if (f === 'volumeId') return 'BDM-ATTACH-SCHEMA-VOLUME-ID';
    if (f === 'device') return 'BDM-ATTACH-SCHEMA-DEVICE';
    if (f === 'tag') return 'BDM-ATTACH-SCHEMA-TAG-FORMAT';
    if (f === 'delete_on_termination') return 'BDM-ATTACH-SCHEMA-DOT-FORMAT';
    return 'BDM-ATTACH-SCHEMA-ADDITIONAL-PROPERTIES';
  }
  const inV2 = segs[0] === 'server' && segs[1] === 'block_device_mapping_v2';
  const inV1 = segs[0] === 'server' && segs[1] === 'block_device_mapping';
  if (inV1 || inV2) {
    if (segs.length <= 2) return 'BDM-SCHEMA-ARRAY';
    if (segs.length === 3) {
      if (keyword === 'additionalProperties') {
        if (inV1) return 'BDM-SCHEMA-LEGACY-ITEM';
        if (extra === 'tag') return 'BDM-SCHEMA-TAG-MICROVERSION';
        if (extra === 'volume_type') return 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION';
        return 'BDM-SCHEMA-ADDITIONAL-PROPERTIES';
      }
      return 'BDM-SCHEMA-ARRAY';
    }
    switch (segs[3]) {
      case 'source_type': return 'BDM-SCHEMA-SOURCE-TYPE';
      case 'destination_type': return 'BDM-SCHEMA-DESTINATION-TYPE';
      case 'uuid': return 'BDM-SCHEMA-UUID';
      case 'volume_id': case 'snapshot_id': case 'image_id': return 'BDM-SCHEMA-ID-FIELDS';
      case 'boot_index': return 'BDM-SCHEMA-BOOT-INDEX';
      case 'volume_size': return 'BDM-SCHEMA-VOLUME-SIZE';
      case 'device_name': return 'BDM-SCHEMA-DEVICE-NAME';
      case 'delete_on_termination': return 'BDM-SCHEMA-BOOLEAN';
      case 'tag': return 'BDM-SCHEMA-TAG-FORMAT';
      case 'volume_type': return 'BDM-SCHEMA-VOLUME-TYPE-FORMAT';
      default: return 'BDM-SCHEMA-STRING-LENGTHS';
    }
  }
  if (segs[0] === 'server' && segs[1] === 'imageRef' && segs.length === 2) return 'BDM-SCHEMA-IMAGEREF';
  return 'BDM-SCHEMA-REQUEST';
}

const INVALID_NAME: Record<string, string> = {
  name: "An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.",
  name_with_leading_trailing_spaces: "An invalid 'name' value was provided. The name must be: printable characters with at least one non space character",
};

/** Python int()/float() of a string, as Nova's minimum/maximum override reads numeric strings. */
function pyNumberFromStr(s: string): number | null {
  const t = s.trim();
  if (/^[+-]?\d+(_\d+)*$/.test(t)) return Number(t.replace(/_/g, ''));
  if (/^[+-]?(\d+(_\d+)*(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)([eE][+-]?\d+(_\d+)*)?$/.test(t)) return Number(t.replace(/_/g, ''));
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return null;
}

type Validate = ((v: unknown) => boolean) & { errors?: AjvError[] | null };
/** a variant with its validator and schema read (each a getter that loads its module on first use) */
interface Resolved { variant: Variant; validate: Validate; schema: Schema; minor: number }
/**
 * Per kind, the microversions asked so far and their resolved variant: every analysis asks,
 * nearly always with one of a few microversions, and working the variant out again (the
 * version's number, the table, the modules' getters) was a quarter of a one-entry body's schema
 * check (profiled, two contexts taking turns).
 */
const RESOLVED = { server: new Map<string, Resolved>(), attach: new Map<string, Resolved>() };
function resolvedFor(kind: 'server' | 'attach', microversion: string): Resolved {
  const known = RESOLVED[kind];
  let r = known.get(microversion);
  if (r === undefined) {
    const variant = variantFor(kind, microversion);
    const minor = microversion.trim() === '2.0' ? 0 : mvMinor(microversion);
    r = { variant, validate: (validators as unknown as Record<string, Validate>)[variant.id], schema: variant.schema, minor };
    if (known.size >= 64) known.clear();
    known.set(microversion, r);
  }
  return r;
}

export function runSchema(ctx: SchemaContext, out?: { entryBad?: EntryBad }): Finding[] {
  const { variant, validate, schema, minor } = resolvedFor(ctx.kind, ctx.microversion);
  forgetSegs();
  const ok = validate(ctx.doc.body);
  let errors: AjvError[] = ok ? [] : [...(validate.errors ?? [])];
  validate.errors = null; // ajv keeps the last errors on the function: not past this check
  appendAll(errors, numericStringErrors(schema, ctx.doc.body));
  // ajv's uniqueItems compares only the items of the items' type: jsonschema's compares them all
  const uniquePaths = uniqueItemsPaths(schema);
  if (uniquePaths.length) {
    if (errors.some((e) => e.keyword === 'uniqueItems')) errors = errors.filter((e) => e.keyword !== 'uniqueItems');
    appendAll(errors, uniqueItemsErrors(uniquePaths, ctx.doc));
  }
  const findings: Finding[] = [];
  const bad: BadNotes = { bad: { v2: [], v1: [] }, shared: undefined, sharedAll: undefined };
  // (made on the first such error: most bodies have none)
  let additional: Map<string, AjvError[]> | undefined;
  const combinators = refCombinators(errors);
  for (let k = 0; k < errors.length; k++) {
    const e = errors[k];
    // Errors inside oneOf/anyOf branches are summed up by the oneOf error itself, as in jsonschema.
    if (inBranch(e.schemaPath)) continue;
    if (combinators && underCombinator(e, combinators)) continue;
    if (e.keyword === 'additionalProperties') {
      additional ??= new Map();
      const list = additional.get(e.instancePath) ?? [];
      list.push(e);
      additional.set(e.instancePath, list);
      continue;
    }
    findings.push(mapError(ctx, variant, e, minor, bad));
  }
  if (additional) for (const [ip, list] of additional) appendAll(findings, mapAdditional(ctx, variant, ip, list, minor, bad));
  forgetSegs(); // the body is not kept past its check
  if (out) out.entryBad = bad.bad;
  return findings;
}

/**
 * Where a failed oneOf/anyOf of the request's own schema (not of a shared `$defs` one) is, when
 * some error came through a `$defs` reference: an error reached through a `$ref` inside a branch
 * (a network's `fixed_ip` -> `#/$defs/ip_address`) carries the `$defs` path, not the branch's, so
 * inBranch cannot tell it is summed up by that oneOf. undefined (the common case): none.
 */
function refCombinators(errors: AjvError[]): string[] | undefined {
  let viaRef = false;
  for (let k = 0; k < errors.length && !viaRef; k++) viaRef = viaDefs(errors[k].schemaPath);
  if (!viaRef) return undefined;
  let out: string[] | undefined;
  for (let k = 0; k < errors.length; k++) {
    const e = errors[k];
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && !viaDefs(e.schemaPath) && !inBranch(e.schemaPath)) (out ??= []).push(e.instancePath);
  }
  return out;
}

/**
 * Whether a schema path is in `$defs` (`#/$defs/…`), looked at once per error: its third
 * character first (startsWith was a tenth of a microsecond per error on V8 11).
 */
function viaDefs(schemaPath: string): boolean {
  return schemaPath.charCodeAt(2) === 36 && schemaPath.lastIndexOf('#/$defs/', 0) === 0;
}

/** A `$defs` error at or under a failed combinator's instance: one of its branches' (jsonschema reports only the combinator). */
function underCombinator(e: AjvError, combinators: string[]): boolean {
  if (!viaDefs(e.schemaPath)) return false;
  const ip = e.instancePath;
  for (const c of combinators) if (ip === c || (ip.startsWith(c) && ip.charCodeAt(c.length) === 47)) return true;
  return false;
}

/** Whether a schema path is inside a oneOf/anyOf branch, by path (the generated validators have a fixed set). */
const IN_BRANCH = new Map<string, boolean>();
function inBranch(schemaPath: string): boolean {
  let r = IN_BRANCH.get(schemaPath);
  if (r === undefined) {
    r = /\/(oneOf|anyOf)\/\d+/.test(schemaPath);
    if (IN_BRANCH.size < 10_000) IN_BRANCH.set(schemaPath, r);
  }
  return r;
}

/**
 * Per list (v2: block_device_mapping_v2, v1: block_device_mapping), entry index -> what follows
 * the entry's path in the paths of its findings: '' (the entry itself) first, then each finding's
 * rest (`.boot_index`). The shape of rules/nova's SchemaBadEntries, which it reads from the
 * paths: runSchema writes it (into `out.entryBad`) while it maps the errors, from their segments
 * (a body can hold thousands).
 */
export interface EntryBad {
  v2: Array<string[] | undefined>;
  v1: Array<string[] | undefined>;
}

/**
 * The entries' bad paths being written (EntryBad), and the list of the previous entry whose only
 * finding it was: entries with the same one finding (`.boot_index`, one per entry of a big
 * invalid body) share it until a second finding comes (nothing writes to these lists after).
 */
interface BadNotes {
  bad: EntryBad;
  shared: string[] | undefined;
  /** every list handed out to more than one entry so far (copied before a second finding is added) */
  sharedAll: Set<string[]> | undefined;
}

/** Notes a finding at `segs` (with `key` after them) in `notes`, when it is an entry's. */
function noteBad(notes: BadNotes, segs: ReadonlyArray<string | number>, key?: string): void {
  const entry = entryOf(segs as Array<string | number>);
  if (entry === null) return;
  const list = segs[1] === 'block_device_mapping_v2' ? notes.bad.v2 : notes.bad.v1;
  // the path's text after the entry's index, as pathString writes it
  let rest = '';
  for (let i = 3; i < segs.length; i++) rest += segmentText(segs[i]);
  if (key !== undefined) rest += keySuffix(key);
  const rests = list[entry];
  if (rests === undefined) {
    const shared = notes.shared;
    if (shared !== undefined && shared[1] === rest) {
      list[entry] = shared;
      (notes.sharedAll ??= new Set()).add(shared);
    } else list[entry] = notes.shared = ['', rest];
  } else if (rests === notes.shared || notes.sharedAll?.has(rests)) list[entry] = [...rests, rest];
  else rests.push(rest);
}

/**
 * The previous pointer segsOf read: its body, text and segments, and (reused from call to call)
 * the value after each segment and where each ends.
 */
let memoBody: unknown = undefined;
let memoPath = '';
const NO_SEGS: Array<string | number> = [];
let memoSegs: Array<string | number> = NO_SEGS;
const memoVals: unknown[] = [];
const memoEnds: number[] = [];

/**
 * The body path of a JSON pointer: an index where the value there is an array, else a key.
 * ajv reports the errors of a list's entries one after another, so the segments a pointer shares
 * with the previous one (`/server/block_device_mapping_v2/`) are taken from it: their strings
 * are then looked up in the body once, not once per error.
 */
function segsOf(ctx: SchemaContext, instancePath: string): Array<string | number> {
  const body = ctx.doc.body;
  const fast = entrySegs(body, instancePath);
  if (fast) return fast;
  let count = 0;
  for (let i = instancePath.indexOf('/'); i >= 0; i = instancePath.indexOf('/', i + 1)) count++;
  const out: Array<string | number> = new Array(count);
  let k = 0;
  let v: unknown = body;
  let at = 1;
  if (memoBody === body && memoBody !== undefined) {
    const prev = memoPath;
    const n = Math.min(prev.length, instancePath.length);
    let same = 0;
    while (same < n && prev.charCodeAt(same) === instancePath.charCodeAt(same)) same++;
    for (; k < memoSegs.length && k < count; k++) {
      const end = memoEnds[k];
      if (end > same || (end < instancePath.length && instancePath.charCodeAt(end) !== 47)) break;
      out[k] = memoSegs[k];
      v = memoVals[k];
      at = end + 1;
    }
  }
  const escaped = instancePath.includes('~');
  // the rest of the pointer, a segment at a time
  for (; k < count; k++) {
    let end = instancePath.indexOf('/', at);
    if (end < 0) end = instancePath.length;
    let seg = instancePath.slice(at, end);
    if (escaped) seg = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) { out[k] = Number(seg); v = v[Number(seg)]; }
    else { out[k] = seg; v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined; }
    memoVals[k] = v;
    memoEnds[k] = end;
    at = end + 1;
  }
  memoBody = body;
  memoPath = instancePath;
  memoSegs = out;
  return out;
}

/** The pointers of entries, and the list each names. */
const ENTRY_POINTERS: ReadonlyArray<readonly [string, string]> = [
  ['/server/block_device_mapping_v2/', 'block_device_mapping_v2'],
  ['/server/block_device_mapping/', 'block_device_mapping'],
];
/**
 * The last few entry pointers' parts after the index, and their keys (the same strings: looked
 * up in the body as keys once). An entry with several errors names several fields in turn
 * (`/source_type`, `/uuid`, `/source_type` again), so a handful are kept, newest last, and found
 * by comparing the pointer's end (no string is cut for a part already kept). Kept from body to
 * body: they are the pointer's words, not the body's.
 */
const REST_KEPT = 8;
const restTexts: string[] = [];
const restKeys: string[][] = [];

/** the keys of the pointer's part from `i` on, from the kept parts or cut and kept */
function restKeysOf(instancePath: string, i: number): string[] | undefined {
  const len = instancePath.length - i;
  for (let k = restTexts.length - 1; k >= 0; k--) {
    const r = restTexts[k];
    if (r.length === len && instancePath.endsWith(r)) return restKeys[k];
  }
  const rest = instancePath.slice(i);
  if (rest.includes('~')) return undefined;
  if (restTexts.length === REST_KEPT) { restTexts.shift(); restKeys.shift(); }
  const keys = rest.slice(1).split('/');
  restTexts.push(rest);
  restKeys.push(keys);
  return keys;
}

/**
 * segsOf for a pointer at or below an entry of a list (almost every error of a big body):
 * the list's part is matched whole and the index read from its digits, so that only the part
 * after the index is cut, and only when it differs from the previous entry's
 * (`/boot_index`, again and again). The same segments as segsOf's walk; undefined (take
 * that walk) for any other pointer or body.
 */
function entrySegs(body: unknown, instancePath: string): Array<string | number> | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  // (an index loop: the for-of made an iterator result per error; lastIndexOf from 0, not
  // startsWith, which cost twice what the rest of this function does on V8 11)
  for (let p = 0; p < ENTRY_POINTERS.length; p++) {
    const prefix = ENTRY_POINTERS[p][0];
    const listKey = ENTRY_POINTERS[p][1];
    if (instancePath.lastIndexOf(prefix, 0) !== 0) continue;
    const server = (body as Record<string, unknown>).server;
    if (server === null || typeof server !== 'object' || Array.isArray(server)) return undefined;
    const list = (server as Record<string, unknown>)[listKey];
    if (!Array.isArray(list)) return undefined;
    let i = prefix.length;
    let index = 0;
    for (let c = instancePath.charCodeAt(i); c >= 48 && c <= 57; c = instancePath.charCodeAt(++i)) index = index * 10 + (c - 48);
    if (i === prefix.length || i - prefix.length > 15 || (i < instancePath.length && instancePath.charCodeAt(i) !== 47)) return undefined;
    if (i === instancePath.length) return ['server', listKey, index];
    const keys = restKeysOf(instancePath, i);
    if (keys === undefined) return undefined;
    const out: Array<string | number> = new Array(3 + keys.length);
    out[0] = 'server';
    out[1] = listKey;
    out[2] = index;
    let v: unknown = list[index];
    for (let k = 0; k < keys.length; k++) {
      const seg = keys[k];
      if (Array.isArray(v)) { out[3 + k] = Number(seg); v = v[Number(seg)]; }
      else { out[3 + k] = seg; v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined; }
    }
    return out;
  }
  return undefined;
}

/** Forgets the memo of segsOf (the body is not kept past its check). */
function forgetSegs(): void {
  walkRoot = null;
  walkSegs = NO_SEGS;
  if (walkSteps.length) walkSteps.length = 0;
  memoBody = undefined;
  memoPath = '';
  memoSegs = NO_SEGS;
  if (memoVals.length) memoVals.length = 0;
  if (memoEnds.length) memoEnds.length = 0;
}

function entryOf(segs: Array<string | number>): number | null {
  return segs[0] === 'server' && (segs[1] === 'block_device_mapping_v2' || segs[1] === 'block_device_mapping') && typeof segs[2] === 'number' ? segs[2] : null;
}

function novaDetail(ctx: SchemaContext, segs: Array<string | number>, message: string, keyword?: string): string {
  if (segs.length === 0) return message;
  return `Invalid input for field/attribute ${segs[segs.length - 1]}. Value: ${ctx.doc.pyStr(segs, keyword ? legacyDeleted(ctx, segs, keyword) : undefined)}. ${message}`;
}

/**
 * The keys Nova's legacy /v2 endpoint (microversion 2.0) has deleted from the value at `segs` by
 * the time its first schema error, `keyword` there, is raised. That endpoint's check does not
 * refuse the keys a schema does not know (beside patternProperties) but deletes them from the
 * body, object by object, as jsonschema reaches each one's additionalProperties; the message
 * prints the value as it then is. jsonschema takes a schema's keywords in their order: the
 * objects below `segs` have all been checked when `keyword` comes after the properties or items
 * that lead to them, and the value's own keys are gone when its additionalProperties comes
 * before `keyword`. Undefined at other microversions (nothing is deleted) or when the schema
 * there is not known.
 */
/** scripts/compile-schemas.mjs marks so the objects of the 2.0 schema whose unknown keys Nova deletes (additionalProperties false there, no patternProperties) */
const LEGACY_DELETES = 'x-legacy-v2-deletes-unknown';

function legacyDeleted(ctx: SchemaContext, segs: Array<string | number>, keyword: string): OmitKey | undefined {
  if (ctx.microversion.trim() !== '2.0') return undefined;
  const leaf = schemaAt(ctx.kind, ctx.microversion, segs);
  if (!leaf) return undefined;
  const at = keyPos(leaf, keyword);
  if (at < 0) return undefined;
  const before = (k: string) => { const p = keyPos(leaf, k); return p >= 0 && p < at; };
  const self = before('additionalProperties');
  const below = before('properties') || before('items');
  if (!self && !below) return undefined;
  return (path, key) => {
    const own = path.length === segs.length;
    if (own ? !self : !below) return false;
    const s = own ? leaf : schemaAt(ctx.kind, ctx.microversion, path as Array<string | number>);
    if (!s || s[LEGACY_DELETES] !== true) return false;
    const props = s.properties as Record<string, unknown> | undefined;
    return !(props && Object.prototype.hasOwnProperty.call(props, key));
  };
}

function mapError(ctx: SchemaContext, variant: Variant, e: AjvError, minor: number, bad: BadNotes): Finding {
  const segs = segsOf(ctx, e.instancePath);
  noteBad(bad, segs);
  const sub = variant.schema;
  let subOrder = 0;
  if (e.keyword === 'required') {
    const req = (schemaAt(ctx.kind, ctx.microversion, segs)?.required as string[] | undefined) ?? [];
    subOrder = Math.max(0, req.indexOf(String(e.params.missingProperty)));
  }
  // (read once: the place, the words and the base64 check all ask; no check writes to the body)
  const value = ctx.doc.valueAt(segs);
  // the base64 checker raises on a non-ASCII text rather than refusing it: Nova's 500
  const code = e.keyword === 'format' && e.params.format === 'base64' && base64Raises(value) ? 'BDM-SCHEMA-BASE64-RAISES' : ruleFor(ctx.kind, segs, e.keyword, undefined, minor);
  const span = spanForValue(ctx.doc, segs, e.keyword, value) ?? { offset: 0, length: 0 };
  const entry = entryOf(segs);
  const path = errorPath(segs, entry);
  // Nova's words are written when somebody reads them (a body can hold thousands of these)
  const args = new ErrorArgs(ctx, segs, e, value) as unknown as Record<string, string>;
  const kept = entry === null ? undefined : recentBase(sub, segs, e.keyword, subOrder);
  if (kept !== undefined) return new EntrySchemaFinding(code, span, entry as number, path, args, kept);
  const key = orderKey(sub, segs, e.keyword, subOrder, SCHEMA_HEAD, keyScratch);
  const base = slottedBase(segs, key, entry);
  if (base !== undefined) return new EntrySchemaFinding(code, span, entry as number, path, args, keepBase(sub, segs, e.keyword, subOrder, base));
  return { code, span, entry, path, args, order: byTextKeyOrder(ctx.doc, segs, key.slice(), SCHEMA_HEAD) };
}

/**
 * The slotted bases (slottedBase) of the last few entry errors, by schema, path, keyword and
 * sub-order, newest last: the next entries' same errors (a field's error on every entry) take
 * theirs from here, without walking the schema again (orderKey) or comparing keys. A base
 * depends on the path's keys and on which of its steps are indexes; the entry's index is its
 * slot, any other index is in the base (so paths match but for the entry's index).
 */
interface KeptBase { root: Schema; segs: Array<string | number>; keyword: string; sub: number; base: readonly number[] }
const BASES_BY_PATH_KEPT = 8;
const keptBases: KeptBase[] = [];

/** the base kept for an error at `segs` (an entry's path or below) of another entry, if any */
function recentBase(root: Schema, segs: Array<string | number>, keyword: string, sub: number): readonly number[] | undefined {
  for (let k = keptBases.length - 1; k >= 0; k--) {
    const m = keptBases[k];
    if (m.keyword === keyword && m.sub === sub && m.root === root && sameButEntryIndex(m.segs, segs)) return m.base;
  }
  return undefined;
}

/** keeps a base slottedBase gave for an error at `segs` (an entry's path or below); returns it */
function keepBase(root: Schema, segs: Array<string | number>, keyword: string, sub: number, base: readonly number[]): readonly number[] {
  if (keptBases.length === BASES_BY_PATH_KEPT) keptBases.shift();
  keptBases.push({ root, segs, keyword, sub, base });
  return base;
}

/** two paths at or below an entry of the same list, equal but for the entry's index (compared from the end: fields differ there) */
function sameButEntryIndex(a: Array<string | number>, b: Array<string | number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i] && i !== 2) return false;
  return true;
}

/**
 * The args of one schema error: `detail` (Nova's words) and `summary` (the field and
 * jsonschema's complaint, without the value Nova prints whole), written on first read. One
 * object per error (a body can hold thousands), its getters on the prototype.
 */
class ErrorArgs {
  private d: string | undefined = undefined;
  private s: string | undefined = undefined;
  /** the kept words `d` was read from or kept as (detailKey) */
  private k: KeptDetail | undefined = undefined;
  // what the messages read of ajv's error, not the error itself (its instance path is a string per entry)
  private readonly keyword: string;
  private readonly params: Record<string, unknown>;
  /** the value at segs (as ctx.doc.valueAt reads it) */
  constructor(private readonly ctx: SchemaContext, private readonly segs: Array<string | number>, e: AjvError, private readonly value: unknown) {
    this.keyword = e.keyword;
    this.params = e.params;
  }
  private get e(): ErrorWhat {
    return { keyword: this.keyword, params: this.params };
  }
  get detail(): string {
    if (this.d === undefined) {
      const value = this.value;
      const kept = recentKept(this.ctx, this.segs, this.keyword, this.params, value, keptDetails);
      if (kept !== undefined) {
        this.d = kept.detail;
        this.k = kept;
      } else {
        const detail = errorDetail(this.ctx, this.segs, this.e);
        this.k = keepDetailRecord(this.ctx, this.segs, this.keyword, this.params, value, detail, keptDetails);
        this.d = detail;
      }
    }
    return this.d;
  }
  /**
   * The one object every error with the same `detail` as this one has (the kept words it was
   * read from), else undefined: the diagnostics of a big body's same error then share one set of
   * texts (model/diagnostic's DetailShared), compared without reading a character.
   */
  get detailKey(): object | undefined {
    if (this.d === undefined) void this.detail;
    return this.k;
  }
  get summary(): string {
    if (this.s === undefined) {
      const value = this.value;
      const words = recentDetail(this.ctx, this.segs, this.keyword, this.params, value, keptSummaries) ?? keepDetail(this.ctx, this.segs, this.keyword, this.params, value, errorMessage(this.ctx, this.segs, this.e, (t) => shortRepr(t)).msg, keptSummaries);
      this.s = `${pathString(this.segs) || 'body'}: ${words}`;
    }
    return this.s;
  }
  /** what the base64 check raises on a text that is not ASCII (BDM-SCHEMA-BASE64-RAISES): its UTF-8 encoding fails first on a lone surrogate */
  get exception(): string {
    const v = this.value;
    return typeof v === 'string' && LONE_SURROGATE.test(v) ? 'UnicodeEncodeError' : 'UnicodeDecodeError';
  }
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Nova's words for the last few errors whose value is null, a boolean, a string or a finite
 * number with a fraction: the next entries' same error (every entry's `boot_index: "first"`)
 * has the same words, taken from here instead of written again. Their words depend on the field,
 * the keyword, ajv's params and the value only (an integral number's repr depends on how the
 * text writes it, `10` or `10.0`: not kept; one with a fraction is Python's float repr of the
 * value however it is spelled). The body's kind and microversion are kept, not its context: no
 * document is held after its check.
 */
interface KeptDetail {
  kind: SchemaContext['kind'];
  microversion: string;
  segs: Array<string | number>;
  keyword: string;
  params: Record<string, unknown>;
  value: string | number | boolean | null;
  detail: string;
}
const DETAILS_KEPT = 8;
const keptDetails: KeptDetail[] = [];

/** the words kept in `store` for this error, if an error of the same field, keyword, params and value had them written */
function recentDetail(ctx: SchemaContext, segs: Array<string | number>, keyword: string, params: Record<string, unknown>, value: unknown, store: KeptDetail[] = keptDetails): string | undefined {
  return recentKept(ctx, segs, keyword, params, value, store)?.detail;
}

/** recentDetail's kept record */
function recentKept(ctx: SchemaContext, segs: Array<string | number>, keyword: string, params: Record<string, unknown>, value: unknown, store: KeptDetail[]): KeptDetail | undefined {
  for (let k = store.length - 1; k >= 0; k--) {
    const m = store[k];
    if (m.value === value && m.kind === ctx.kind && m.microversion === ctx.microversion && m.keyword === keyword && sameButEntry(m.segs, segs) && sameParams(m.params, params)) return m;
  }
  return undefined;
}

/** keeps in `store` the words just written for an error whose value is null, a boolean, a string or a finite number with a fraction; returns them */
function keepDetail(ctx: SchemaContext, segs: Array<string | number>, keyword: string, params: Record<string, unknown>, value: unknown, detail: string, store: KeptDetail[] = keptDetails): string {
  keepDetailRecord(ctx, segs, keyword, params, value, detail, store);
  return detail;
}

/** keepDetail, returning the record kept (undefined: a value whose words are not kept) */
function keepDetailRecord(ctx: SchemaContext, segs: Array<string | number>, keyword: string, params: Record<string, unknown>, value: unknown, detail: string, store: KeptDetail[]): KeptDetail | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value))) {
    if (store.length === DETAILS_KEPT) store.shift();
    const m: KeptDetail = { kind: ctx.kind, microversion: ctx.microversion, segs, keyword, params, value, detail };
    store.push(m);
    return m;
  }
  return undefined;
}

/** Forgets the kept words (a test's reference is written afresh). */
export function forgetKeptDetails(): void {
  keptDetails.length = 0;
  keptSummaries.length = 0;
}

/**
 * The same for a summary's complaint (what follows the field's path): the next entries' same
 * error reads it from here. Kept apart from Nova's words (a cut repr, not the whole value).
 */
const keptSummaries: KeptDetail[] = [];

/**
 * the same path but for the entry's index (`server.block_device_mapping_v2[i].field`); not the
 * entry itself, which Nova's words name by its index
 */
function sameButEntry(a: Array<string | number>, b: Array<string | number>): boolean {
  if (a.length !== b.length) return false;
  const below = a.length > 3 && entryOf(a) !== null && typeof b[2] === 'number';
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(below && i === 2)) return false;
  return true;
}

/** ajv's params of two errors, field by field (a schema's list is the same array in both) */
function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in a) {
    if (!Object.prototype.hasOwnProperty.call(a, k)) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k) || a[k] !== b[k]) return false;
    n++;
  }
  for (const k in b) if (Object.prototype.hasOwnProperty.call(b, k)) n--;
  return n === 0;
}

/** A Python repr cut to `max` characters, for a summary. */
function shortRepr(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A schema pattern as jsonschema prints it (Python's `$` for the generated `(?=\n?$)`), by pattern: the schemas have a fixed set. */
const PATTERN_REPR = new Map<string, string>();
/** a compiled pattern as Nova's schema writes it (scripts/compile-schemas.mjs gave `$` Python's meaning) */
const pyPattern = (pattern: string): string => pattern.split('(?=\\n?$)').join('$');

/**
 * The pattern Nova's schema holds for a compiled one: the same text, but for the description's,
 * which bdm-lab compiles from ranges (JavaScript's class syntax) and Nova spells with the
 * characters themselves (about a thousand of them, quoted whole in the message).
 */
const novaPattern = (pattern: string): string => (pattern === descriptionPattern() ? descriptionPatternPython() : pattern);

function patternRepr(pattern: string): string {
  let r = PATTERN_REPR.get(pattern);
  if (r === undefined) {
    r = pyStrRepr(novaPattern(pyPattern(pattern)));
    if (PATTERN_REPR.size < 1000) PATTERN_REPR.set(pattern, r);
  }
  return r;
}

/** What Nova prints for one schema error, in Python jsonschema's words. */
function errorDetail(ctx: SchemaContext, segs: Array<string | number>, e: ErrorWhat): string {
  const { msg, detail } = errorMessage(ctx, segs, e);
  return detail ?? novaDetail(ctx, segs, msg, e.keyword);
}

/** jsonschema's message for one error (`detail`: Nova's own words where it replaces them); `cut` shortens the value's repr. */
function errorMessage(ctx: SchemaContext, segs: Array<string | number>, e: ErrorWhat, cut: (repr: string) => string = (r) => r): { msg: string; detail?: string } {
  // (oneOf's words are written as its branches leave the value: not followed here)
  const inst = cut(ctx.doc.pyRepr(segs, e.keyword === 'oneOf' ? undefined : legacyDeleted(ctx, segs, e.keyword)));
  const leaf = schemaAt(ctx.kind, ctx.microversion, segs);
  let msg: string;
  let detail: string | undefined;
  switch (e.keyword) {
    case 'type': msg = `${inst} is not of type ${JSONSCHEMA_TYPE(e.params.type ?? leaf?.type)}`; break;
    case 'enum': msg = `${inst} is not one of ${enumWords(e.params.allowedValues ?? leaf?.enum)}`; break;
    case 'pattern': {
      const pattern = patternRepr(String((leaf?.pattern as string) ?? e.params.pattern));
      // a summary cuts the description's pattern (Nova's words quote its thousand characters) as it cuts the value
      msg = `${inst} does not match ${pattern.length > 200 ? cut(pattern) : pattern}`;
      break;
    }
    case 'minLength': case 'minItems': msg = `${inst} is too short`; break;
    case 'maxLength': case 'maxItems': msg = `${inst} is too long`; break;
    case 'minimum': msg = `${e.params.shown ?? intShown(ctx, segs, inst)} is less than the minimum of ${e.params.limit}`; break;
    case 'maximum': msg = `${e.params.shown ?? intShown(ctx, segs, inst)} is greater than the maximum of ${e.params.limit}`; break;
    case 'uniqueItems': msg = `${inst} has non-unique elements`; break;
    case 'oneOf': msg = `${inst} is not valid under any of the given schemas`; break;
    case 'format': {
      const f = String(e.params.format);
      if (INVALID_NAME[f]) detail = INVALID_NAME[f];
      msg = `${inst} is not a ${pyStrRepr(f)}`;
      break;
    }
    case 'required': msg = `${pyStrRepr(String(e.params.missingProperty))} is a required property`; break;
    default: msg = `${inst} is not valid`;
  }
  return { msg, detail };
}

/**
 * The number Nova's minimum/maximum override names: it compares int() of the value, so an
 * integral float (`2147483648.0`, `0.0`, `1e1`) is named as that int (the schema's integer type
 * lets no other float through). An int is named as written.
 */
function intShown(ctx: SchemaContext, segs: Array<string | number>, inst: string): string {
  if (!/[.e]/.test(inst)) return inst;
  const v = ctx.doc.valueAt(segs);
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v).toString() : inst;
}

function spanForValue(doc: SourceDoc, segs: BodyPath, keyword: string, v: unknown) {
  // A missing property is blamed on the key of the object that lacks it (or on its brace); a
  // container on its key (or its brace); anything else on its value (v: the value at segs).
  if (v === undefined) return undefined;
  const container = v !== null && typeof v === 'object';
  return doc.locate(segs, keyword === 'required' || container ? 'key' : 'value');
}

function mapAdditional(ctx: SchemaContext, variant: Variant, instancePath: string, list: AjvError[], minor: number, bad: BadNotes): Finding[] {
  const segs = segsOf(ctx, instancePath);
  // one finding per unexpected key, in the instance's order; jsonschema names them all in one
  // message, sorted as Python sorts strings (its extras_msg)
  const extras = list.map((e) => String(e.params.additionalProperty));
  const ordered = extras.length === 1 ? extras : inSourceOrder(ctx, segs, extras);
  // The legacy /v2 endpoint's soft rule: the compiled 2.0 schema refuses unknown keys only beside
  // patternProperties (metadata), where Nova accepts the object untouched when none of its keys
  // is known, and otherwise refuses it in its own words (softAdditionalMessage).
  const soft = minor === 0 && patternsAt(ctx, segs) !== undefined;
  if (soft && ordered.length === ownKeyCount(ctx.doc.valueAt(segs))) return [];
  // the words are written when somebody reads them (a body can hold thousands of these)
  const args = new AdditionalArgs(ctx, segs, ordered, soft) as unknown as Record<string, string>;
  const entry = entryOf(segs);
  const root = variant.schema;
  // an entry's object shares its key with the other entries' but for its index (slottedBase)
  let base = entry === null ? undefined : recentBase(root, segs, 'additionalProperties', 0);
  let order: number[] | undefined;
  if (base === undefined) {
    const key = orderKey(root, segs, 'additionalProperties', 0, SCHEMA_HEAD, keyScratch);
    base = slottedBase(segs, key, entry);
    if (base === undefined) order = key.slice();
    else keepBase(root, segs, 'additionalProperties', 0, base);
  }
  // the keys' paths after the object's, written once (an empty one: pathString's own way)
  const head = pathString(segs);
  return ordered.map((k) => {
    noteBad(bad, segs, k);
    const code = ruleFor(ctx.kind, segs, 'additionalProperties', k, minor);
    const at = [...segs, k];
    const span = ctx.doc.locate(at, 'key') ?? new LazySpan(() => {
      const s = ctx.doc.locate(segs, 'start');
      return { offset: s?.offset ?? 0, length: 1 };
    });
    const path = head === '' ? pathString(at) : head + keySuffix(k);
    return base !== undefined ? new EntrySchemaFinding(code, span, entry as number, path, args, base) : { code, span, entry, path, args, order: order! };
  });
}

/**
 * The args of one object's unexpected keys: `detail` (Nova's words) and `summary`, written on
 * first read. One object per refused object, its getters on the prototype (four closures and
 * their context each were most of what an entry's unexpected key cost).
 */
class AdditionalArgs {
  private d: string | undefined = undefined;
  private s: string | undefined = undefined;
  constructor(private readonly ctx: SchemaContext, private readonly segs: Array<string | number>, private readonly ordered: string[], private readonly soft: boolean) {}
  private unexpected(): string {
    const keys = this.ordered;
    if (keys.length !== 1) return unexpectedWords(pySorted(keys));
    // one key (the same on entry after entry): its words kept by key
    let words = ONE_UNEXPECTED.get(keys[0]);
    if (words === undefined) {
      words = unexpectedWords(keys);
      if (ONE_UNEXPECTED.size < 1024 && keys[0].length <= 64) ONE_UNEXPECTED.set(keys[0], words);
    }
    return words;
  }
  get detail(): string {
    if (this.d === undefined) {
      const { ctx, segs, ordered } = this;
      const message = this.soft ? `Additional properties are not allowed (${unexpectedWords(ordered)})` : additionalMessage(ctx, segs, ordered, () => this.unexpected());
      this.d = novaDetail(ctx, segs, message);
    }
    return this.d;
  }
  get summary(): string {
    if (this.s === undefined) {
      const { ctx, segs, ordered } = this;
      this.s = `${pathString(segs) || 'body'}: ${patternsAt(ctx, segs) ? `${ordered.map(pyStrRepr).join(', ')}: not a key this object takes` : `${this.unexpected()} (not allowed at microversion ${ctx.microversion})`}`;
    }
    return this.s;
  }
}

/** unexpectedWords of one key, by key (the schemas' field names and a few others; bounded) */
const ONE_UNEXPECTED = new Map<string, string>();

/** unexpected keys once each, in the order the source lists them */
function inSourceOrder(ctx: SchemaContext, segs: Array<string | number>, extras: string[]): string[] {
  // sets, not lists: an object of 20 000 unexpected keys was quadratic here
  const extra = new Set(extras);
  const seen = new Set<string>();
  const ordered: string[] = [];
  for (const k of ctx.doc.keysAt(segs)) {
    if (extra.has(k) && !seen.has(k)) { seen.add(k); ordered.push(k); }
  }
  for (const x of extras) if (!seen.has(x)) { seen.add(x); ordered.push(x); }
  return ordered;
}

function patternsAt(ctx: SchemaContext, segs: Array<string | number>): Record<string, unknown> | undefined {
  return schemaAt(ctx.kind, ctx.microversion, segs)?.patternProperties as Record<string, unknown> | undefined;
}

/**
 * jsonschema's words for keys additionalProperties refuses: beside patternProperties (metadata)
 * it names the keys sorted and the patterns none of them matches.
 */
function additionalMessage(ctx: SchemaContext, segs: Array<string | number>, keys: string[], unexpected: () => string): string {
  const patterns = patternsAt(ctx, segs);
  if (!patterns) return `Additional properties are not allowed (${unexpected()})`;
  return `${pySorted(keys).map(pyStrRepr).join(', ')} ${keys.length === 1 ? 'does' : 'do'} not match any of the regexes: ${pySorted(Object.keys(patterns).map(pyPattern)).map(pyStrRepr).join(', ')}`;
}

/** the number of an object's own keys (each once, as Python's dict holds them) */
function ownKeyCount(v: unknown): number {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length : -1;
}

/**
 * The keys in Python's repr, then `was` for one and `were` for several, as both jsonschema's
 * extras_msg (keys sorted) and Nova's soft additionalProperties check at 2.0 write them. The soft
 * check lists several in its set's order, which string hash randomisation changes from one process
 * to the next: bdm-lab passes them in the text's order there.
 */
function unexpectedWords(keys: readonly string[]): string {
  return `${keys.map(pyStrRepr).join(', ')} ${keys.length === 1 ? 'was' : 'were'} unexpected`;
}

/** Python's sorted() of strings */
const pySorted = (xs: readonly string[]): string[] => [...xs].sort(byCodePoints);

/**
 * The paths (property names; null: any item of a list) of the arrays the schema says must hold
 * unique items, found once per variant (a server body's `trusted_image_certificates` from 2.63).
 */
const UNIQUE_PATHS = new Map<Schema, Array<Array<string | null>>>();
function uniqueItemsPaths(root: Schema): Array<Array<string | null>> {
  let paths = UNIQUE_PATHS.get(root);
  if (paths === undefined) {
    paths = [];
    const seen = new Set<Schema>();
    const walk = (node: Schema | undefined, at: Array<string | null>): void => {
      const s = deref(root, node);
      if (!s || seen.has(s)) return;
      seen.add(s);
      if (s.uniqueItems === true) paths!.push([...at]);
      if (s.properties) for (const [k, sub] of Object.entries(s.properties as Record<string, Schema>)) walk(sub, [...at, k]);
      if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) walk(s.items as Schema, [...at, null]);
      seen.delete(s);
    };
    walk(root, []);
    UNIQUE_PATHS.set(root, paths);
  }
  return paths;
}

/** jsonschema's uniqueItems errors at those paths of the body (rules/uniqueItems.ts) */
function uniqueItemsErrors(paths: Array<Array<string | null>>, doc: SourceDoc): AjvError[] {
  const out: AjvError[] = [];
  const visit = (v: unknown, path: Array<string | null>, i: number, segs: Array<string | number>): void => {
    if (i === path.length) {
      if (Array.isArray(v) && !pyUniqueItems(v, segs, (p) => doc.pyRepr(p))) {
        out.push({ instancePath: jsonPointer(segs), schemaPath: '#/uniqueItems', keyword: 'uniqueItems', params: {} });
      }
      return;
    }
    const k = path[i];
    if (k === null) {
      if (Array.isArray(v)) for (let j = 0; j < v.length; j++) visit(v[j], path, i + 1, [...segs, j]);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, k)) {
      visit((v as Record<string, unknown>)[k], path, i + 1, [...segs, k]);
    }
  };
  for (const p of paths) visit(doc.body, p, 0, []);
  return out;
}

/**
 * Nova overrides jsonschema's minimum/maximum so that numeric strings are compared too
 * (`"0"` fails volume_size's minimum of 1). ajv only compares numbers, so walk the value
 * along the schema's properties/items and judge strings here.
 */
function numericStringErrors(root: Schema, value: unknown): AjvError[] {
  const out: AjvError[] = [];
  const plan = minMaxPlan(root);
  if (plan) walkMinMax(plan, value, [], out);
  return out;
}

/**
 * A schema as numericStringErrors walks it: only the properties and items under which some
 * number is compared (a request's entries are walked through plain fields, not through the
 * schema's caches, once each).
 */
interface MinMaxPlan {
  minimum: unknown;
  maximum: unknown;
  /** the properties worth walking, in the schema's order; null: the schema has no properties */
  props: Array<[string, MinMaxPlan]> | null;
  /** null: no items, or nothing compared below them */
  items: MinMaxPlan | null;
}

const MINMAX_PLANS = new Map<Schema, MinMaxPlan | null>();
/** the plan of a variant's root schema, made once (the variants are the module's own) */
function minMaxPlan(root: Schema): MinMaxPlan | null {
  let plan = MINMAX_PLANS.get(root);
  if (plan === undefined) {
    plan = planOf(root, root, new Map());
    MINMAX_PLANS.set(root, plan);
  }
  return plan;
}

/** null where nothing below the node compares numbers (hasMinMax) */
function planOf(root: Schema, node: Schema | undefined, made: Map<Schema, MinMaxPlan | null>): MinMaxPlan | null {
  const s = deref(root, node);
  if (!s || !hasMinMax(root, s)) return null;
  const had = made.get(s);
  if (had !== undefined) return had;
  const plan: MinMaxPlan = { minimum: s.minimum, maximum: s.maximum, props: null, items: null };
  made.set(s, plan);
  if (s.properties) {
    plan.props = [];
    for (const [k, sub] of minMaxProps(root, s)) {
      const p = planOf(root, sub, made);
      if (p) plan.props.push([k, p]);
    }
  }
  if (s.items) plan.items = planOf(root, s.items as Schema, made);
  return plan;
}

/** the JSON pointer of a body path, as ajv writes an error's instancePath (`~` and `/` escaped) */
function jsonPointer(segs: ReadonlyArray<string | number>): string {
  return segs.map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function walkMinMax(s: MinMaxPlan, v: unknown, segs: Array<string | number>, out: AjvError[]): void {
  if (typeof v === 'string' && (s.minimum !== undefined || s.maximum !== undefined)) {
    const n = pyNumberFromStr(v);
    if (n !== null) {
      const ip = jsonPointer(segs);
      const shown = Number.isInteger(n) && !/[.eE]/.test(v) ? BigInt(v.trim().replace(/_/g, '')).toString() : pyFloat(n);
      if (typeof s.minimum === 'number' && n < s.minimum) out.push({ instancePath: ip, schemaPath: '#/minimum', keyword: 'minimum', params: { limit: s.minimum, shown } });
      if (typeof s.maximum === 'number' && n > s.maximum) out.push({ instancePath: ip, schemaPath: '#/maximum', keyword: 'maximum', params: { limit: s.maximum, shown } });
    }
  }
  if (v && typeof v === 'object') {
    if (!Array.isArray(v)) {
      const props = s.props;
      if (props) {
        for (let p = 0; p < props.length; p++) {
          const k = props[p][0];
          if (Object.prototype.hasOwnProperty.call(v, k)) {
            segs.push(k);
            walkMinMax(props[p][1], (v as Record<string, unknown>)[k], segs, out);
            segs.pop();
          }
        }
      }
    } else if (s.items) {
      for (let i = 0; i < v.length; i++) {
        segs.push(i);
        walkMinMax(s.items, v[i], segs, out);
        segs.pop();
      }
    }
  }
}

const MINMAX_PROPS = new WeakMap<Schema, Array<[string, Schema]>>();
/** The properties of a schema under which some number is compared. */
function minMaxProps(root: Schema, s: Schema): Array<[string, Schema]> {
  let list = MINMAX_PROPS.get(s);
  if (!list) {
    list = Object.entries(s.properties as Record<string, Schema>).filter(([, sub]) => { const d = deref(root, sub); return !!d && hasMinMax(root, d); });
    MINMAX_PROPS.set(s, list);
  }
  return list;
}

/** Whether a (sub)schema has a minimum or maximum anywhere below it (properties and items). */
const MINMAX = new WeakMap<Schema, boolean>();
function hasMinMax(root: Schema, s: Schema): boolean {
  const hit = MINMAX.get(s);
  if (hit !== undefined) return hit;
  MINMAX.set(s, false); // cycles through $ref count as no
  let r = s.minimum !== undefined || s.maximum !== undefined;
  if (!r && s.properties) r = Object.values(s.properties as Record<string, Schema>).some((p) => { const d = deref(root, p); return !!d && hasMinMax(root, d); });
  if (!r && s.items) { const d = deref(root, s.items as Schema); r = !!d && hasMinMax(root, d); }
  MINMAX.set(s, r);
  return r;
}

