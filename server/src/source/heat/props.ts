/**
 * Heat's properties check (heat/engine/properties.py Properties.validate and Property.get_value,
 * heat/engine/constraints.py): unknown keys first, in the order written, then each property in
 * the schema's order, its value converted to the schema's type (Python's int() of a string,
 * "true"/"false" for booleans, ...) and its constraints checked; the first problem is Heat's
 * answer, worded as Heat words it. The converted values are what Heat builds the request from.
 *
 * Server's translation rules (heat/engine/translation.py) take part: a REPLACE rule's new key
 * takes the old key's value (schema.ts REPLACED), and a RESOLVE rule's name (`lookup`) that
 * Python finds false is no name at all once Heat creates the server (atCreate).
 */
import type { Span } from '../../text/span';
import { reprNode, type RNode, type TemplateNote } from './template';
import type { PSchema } from './schema';
import { REPLACED, type Replaced } from './schema';
import { asciiDigits, pyRepr, pyStr } from './py';
import { standInId } from './standIn';
import { pyCompile, pyPatternAccepts } from './pyRegex';
import { MAX_READ_DEPTH } from '../readLimit';

/** A property value as Heat holds it after conversion, with the node that writes it. */
export interface PVal {
  v: unknown;
  node?: RNode;
  map?: Record<string, PVal | undefined>;
  list?: PVal[];
  /** a name Heat looks up (PSchema.lookup) written as a value Python finds false: '' once Heat creates the server */
  noName?: true;
}

/** where Heat stops; `limit`: bdm-lab stops reading (its own bound, not Heat's verdict) */
export type HeatStage = 'template' | 'heat-validate' | 'novaclient' | 'limit';

export class HeatError extends Error {
  constructor(readonly stage: HeatStage, message: string, readonly span: Span) {
    super(message);
  }
}

type Path = Array<string | number>;

function fmtPath(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${p}`;
  return s;
}

/** Where a property problem is reported, and its prefix `resources.<name>.properties`. */
export interface PropCtx {
  prefix: string;
  notes: TemplateNote[];
  whole: Span;
  /**
   * Property.get_value without validation (Stack.validate on a property whose value refers to a
   * resource not made yet): the value converted to the schema's types, no constraint checked, no
   * unknown key named, and a failure anywhere inside is Heat's at the top-level property
   */
  loose?: true;
  /** the resource type's REPLACE rules (schema.ts REPLACED: the server's) */
  replaced?: Replaced;
}

/** a failure inside a property read without validation: Heat words it at the top-level property */
export class LooseFailure extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

function fail(ctx: PropCtx, path: Path, message: string, span: Span): never {
  if (ctx.loose) throw new LooseFailure(message, span);
  const p = fmtPath(path);
  throw new HeatError('heat-validate', `Property error: ${ctx.prefix}${p ? `.${p}` : ''}: ${message}`, span);
}

const PY_INT = /^\s*[+-]?\d+(_\d+)*\s*$/;

function pyType(v: unknown): string {
  return Array.isArray(v) ? 'list' : v === null ? 'NoneType' : typeof v === 'object' ? 'dict' : typeof v === 'string' ? 'str' : 'int';
}

/** Property._get_integer */
function toInt(v: unknown, float: boolean): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    // Python's int() of a float: nan's ValueError (Heat words it), infinity's OverflowError (Python's words)
    if (Number.isNaN(v)) throw new Error(`Value 'nan' is not an integer`);
    if (!Number.isFinite(v)) throw new Error('cannot convert float infinity to integer');
    return Math.trunc(v);
  }
  if (typeof v === 'string') {
    const t = asciiDigits(v);
    if (PY_INT.test(t)) return Number(t.replace(/_/g, ''));
    throw new Error(`Value '${v}' is not an integer`);
  }
  void float;
  throw new Error(`int() argument must be a string, a bytes-like object or a real number, not '${pyType(v)}'`);
}

/** Schema.str_to_num (Property._get_number): a number stays, a string is Python's int() or else float() */
function toNum(v: unknown, float: boolean): number | boolean {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = asciiDigits(v);
    if (PY_INT.test(t)) return Number(t.replace(/_/g, ''));
    const f = pyFloat(t);
    if (f === null) throw new Error(`could not convert string to float: ${pyRepr(v, float)}`);
    return f;
  }
  return toInt(v, float);
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** digits with single underscores between them, from i: the index after them (i when none) */
function digitRun(s: string, i: number): number {
  if (!isDigit(s[i])) return i;
  let j = i + 1;
  while (isDigit(s[j]) || (s[j] === '_' && isDigit(s[j + 1]))) j += s[j] === '_' ? 2 : 1;
  return j;
}

/** Python's float() of a string (its literal syntax, inf and nan; whitespace around), or null */
function pyFloat(text: string): number | null {
  const s = text.trim();
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0;
  const word = s.slice(i).toLowerCase();
  if (word === 'inf' || word === 'infinity') return s[0] === '-' ? -Infinity : Infinity;
  if (word === 'nan') return NaN;
  const a = digitRun(s, i);
  let b = a;
  if (s[a] === '.') b = digitRun(s, a + 1);
  if (a === i && b <= a + 1) return null;
  i = b;
  if (s[i] === 'e' || s[i] === 'E') {
    const k = s[i + 1] === '+' || s[i + 1] === '-' ? i + 2 : i + 1;
    const e = digitRun(s, k);
    if (e === k) return null;
    i = e;
  }
  return i === s.length ? Number(s.replace(/_/g, '')) : null;
}

/** Property._get_string */
function toStr(v: unknown, float: boolean, n?: RNode): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number' && !float && Number.isInteger(v)) return String(v);
  // (repr() of a map or a list as written: its keys in their order, an int key as an int)
  throw new Error(`Value must be a string; got ${n && (n.kind === 'map' || n.kind === 'seq') ? reprNode(n) : pyRepr(v, float)}`);
}

/** Property._get_bool */
function toBool(v: unknown, float: boolean, bigText?: string): boolean {
  if (bigText !== undefined) throw new Error(`"${bigText}" is not a valid boolean`);
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const n = v.toLowerCase();
    if (n !== 'true' && n !== 'false') throw new Error(`"${n}" is not a valid boolean`);
    return n === 'true';
  }
  throw new Error(`"${pyStr(v, float)}" is not a valid boolean`);
}

/** a strict dotted IPv4 address (four decimal parts 0-255); `zeros`: leading zeros allowed */
function ipv4(s: string, zeros: boolean): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => p.length > 0 && p.length <= 3 && [...p].every((c) => c >= '0' && c <= '9') && Number(p) <= 255 && (zeros || p === String(Number(p))));
}

const isHexDigits = (p: string): boolean => [...p.toLowerCase()].every((c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
const isHex = (p: string): boolean => p.length > 0 && p.length <= 4 && isHexDigits(p);

/** an IPv6 address: hex groups, one `::` at most, an IPv4 tail allowed */
function ipv6(s: string): boolean {
  if (!s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string): string[] | null => (h === '' ? [] : h.split(':'));
  const all = halves.map(groups);
  if (all.some((g) => g === null)) return false;
  const flat = all.flat() as string[];
  let n = flat.length;
  const last = flat[flat.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!ipv4(last, false)) return false;
    flat.pop();
    n += 1;
  }
  if (!flat.every(isHex)) return false;
  return halves.length === 2 ? n < 8 : n === 8;
}

/**
 * netaddr.valid_mac (netaddr 0.8): six groups of 1-2 hex digits (`:` or `-`), three of 1-4 (`:`,
 * `-` or `.`), two of 5-6 (`:` or `-`), or 11 or 12 bare digits; Python's `$` lets one final
 * newline through
 */
function validMac(text: string): boolean {
  const s = text.endsWith('\n') ? text.slice(0, -1) : text;
  const groups = (sep: string, n: number, min: number, max: number) => {
    const parts = s.split(sep);
    return parts.length === n && parts.every((p) => p.length >= min && p.length <= max && isHexDigits(p));
  };
  return groups(':', 6, 1, 2) || groups('-', 6, 1, 2) || groups(':', 3, 1, 4) || groups('-', 3, 1, 4) || groups('.', 3, 1, 4)
    || groups('-', 2, 5, 6) || groups(':', 2, 5, 6) || ((s.length === 11 || s.length === 12) && isHexDigits(s));
}

/** Heat's own custom constraints (heat/engine/constraint/common_constraints.py): their refusal, or null */
function customError(kind: NonNullable<PSchema['custom']>, v: string): string | null {
  const pre = `Error validating value ${pyRepr(v)}: `;
  if (kind === 'mac_addr') return validMac(v) ? null : `${pre}Invalid MAC address.`;
  const ip = ipv4(v, false) || ipv6(v);
  if (kind === 'ip_addr') return ip ? null : `${pre}Invalid IP address`;
  // ip_or_cidr: a CIDR is checked by neutron's subnet validator, not modelled
  if (ip || v.includes('/')) return null;
  if (ipv4(v, true)) return `${pre}${pyRepr(v)} is not an accepted IP address, ${pyRepr(v.split('.').map((p) => String(Number(p))).join('.'))} is recommended`;
  return `${pre}${pyRepr(v)} is not a valid IP address`;
}

function checkConstraints(s: PSchema, v: unknown): void {
  if (s.custom && typeof v === 'string') {
    const bad = customError(s.custom, v);
    if (bad) throw new Error(bad);
  }
  if (s.allowed && !s.allowed.includes(v as string)) {
    throw new Error(`${JSON.stringify(v)} is not an allowed value [${s.allowed.map((a) => JSON.stringify(a)).join(', ')}]`);
  }
  if (s.range && typeof v === 'number') {
    const [min, max] = s.range;
    if ((min !== null && v < min) || (max !== null && v > max)) throw new Error(`${v} is out of range (min: ${min ?? 'None'}, max: ${max ?? 'None'})`);
  }
  if (s.pattern !== undefined && typeof v === 'string') {
    // (the schemas' patterns are Heat's own, which bdm-lab reads; a text past the matcher's budget is not decided)
    const re = pyCompile(s.pattern);
    if ('re' in re && pyPatternAccepts(re.re, v) === false) throw new Error(`"${v}" does not match pattern "${s.pattern}"`);
  }
}

/** A value that could not be resolved: a string property gets a stand-in id, anything else is left out. */
function unresolvedValue(ctx: PropCtx, s: PSchema, n: RNode, path: Path): PVal | undefined {
  const name = fmtPath(path);
  if (s.t === 'String') {
    const id = standInId('unresolved', `${n.span.offset}`);
    ctx.notes.push({ span: n.span, message: `${name}: ${n.why}; bdm-lab uses the stand-in ${id} for it.` });
    return { v: id, node: n };
  }
  ctx.notes.push({ span: n.span, message: `${name}: ${n.why}; bdm-lab leaves it out of the body.` });
  return undefined;
}

/** the first node bdm-lab left unresolved in a map or list (depth first, bounded by the read depth), or null */
export function unresolvedIn(n: RNode): RNode | null {
  const todo: Array<[RNode, number]> = [[n, 0]];
  while (todo.length) {
    const [x, d] = todo.pop()!;
    if (x.kind === 'unresolved') return x;
    if (d > MAX_READ_DEPTH) continue;
    const kids = x.entries ? x.entries.map(([, y]) => y) : x.items ?? [];
    for (let i = kids.length - 1; i >= 0; i--) todo.push([kids[i], d + 1]);
  }
  return null;
}

/** Property.get_value(validate=True) on one written value. */
function value(ctx: PropCtx, s: PSchema, n: RNode, path: Path): PVal | undefined {
  // a map only the cloud fills (every attribute of a resource) where the schema takes no map:
  // Heat's refusal prints it, `{…}` here; elsewhere its entries are unknown
  if (n.kind === 'unresolved' && n.opaque && (s.t === 'String' || s.t === 'Integer' || s.t === 'Number' || s.t === 'List')) {
    ctx.notes.push({ span: n.span, message: `${fmtPath(path)}: ${n.why}; Heat's words print that map, written {…} here.` });
    n = { kind: 'map', value: {}, entries: [], span: n.span, keySpan: n.keySpan, opaque: true };
  }
  if (n.kind === 'unresolved') return unresolvedValue(ctx, s, n, path);
  // a map or list where the schema takes another kind: Heat refuses it in words that print its
  // value, which holds one bdm-lab does not evaluate (whose own failure may come first): a note
  const wrongKind = s.t === 'Map' ? n.kind === 'seq' : s.t === 'List' ? n.kind === 'map' : s.t !== 'Any' && (n.kind === 'map' || n.kind === 'seq');
  const inner = wrongKind ? unresolvedIn(n) : null;
  if (inner) return unresolvedValue(ctx, s, { ...n, kind: 'unresolved', why: `this ${n.kind === 'map' ? 'map' : 'list'} is no ${s.t}, and Heat's refusal of it prints a value in it that bdm-lab does not evaluate (${inner.why})` }, path);
  const v = n.value;
  const float = !!n.float;
  if (s.t === 'Map') return mapValue(ctx, s, n, path);
  if (s.t === 'List') return listValue(ctx, s, n, path);
  if (s.t === 'Any') return { v, node: n };
  let out: unknown;
  if (s.t === 'Integer') out = toInt(v, float);
  else if (s.t === 'Number') out = toNum(v, float);
  // (an int past 2^53 is never a boolean; Heat's words quote str() of it: its every digit; null
  // is no value: the default where there is one)
  else if (s.t === 'Boolean') out = v === null && s.def !== undefined ? s.def : toBool(v, float, n.bigText);
  // (an int past 2^53: str() writes its every digit)
  else out = v === null && s.def !== undefined ? s.def : n.bigText !== undefined ? n.bigText : toStr(v, float, n);
  if (!ctx.loose) checkConstraints(s, out);
  return s.lookup && !pyTruthy(n) ? { v: out, node: n, noName: true } : { v: out, node: n };
}

/** Python's truth of a written value (one bdm-lab cannot resolve gets a stand-in, which is true) */
function pyTruthy(n: RNode): boolean {
  if (n.kind === 'unresolved') return true;
  const v = n.value;
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v !== 'object' || Object.keys(v).length > 0;
}

function mapValue(ctx: PropCtx, s: PSchema, n: RNode, path: Path): PVal {
  if (n.kind === 'scalar' && n.value === null) return s.keys ? { v: {}, node: n, map: validateMap(ctx, s.keys, undefined, path, n.span) } : { v: s.def ?? {}, node: n };
  if (n.kind !== 'map') throw new Error(`"${n.kind === 'scalar' ? pyStr(n.value, !!n.float) : reprNode(n)}" is not a map`);
  if (!s.keys) return { v: n.value, node: n };
  const map = validateMap(ctx, s.keys, n, path, n.span);
  return { v: Object.fromEntries(Object.entries(map).map(([k, x]) => [k, x?.v ?? null])), node: n, map };
}

function listValue(ctx: PropCtx, s: PSchema, n: RNode, path: Path): PVal {
  if (n.kind === 'scalar' && n.value === null) return { v: s.def ?? [], node: n, list: [] };
  if (n.kind !== 'seq') throw new Error(`"${reprNode(n)}" is not a list`);
  if (!s.item) return { v: n.value, node: n, list: n.items!.map((x) => ({ v: x.value, node: x })) };
  const list = n.items!.map((x, i) => {
    try {
      return value(ctx, s.item!, x, [...path, i]) ?? { v: null, node: x };
    } catch (e) {
      if (e instanceof HeatError || e instanceof LooseFailure) throw e;
      return fail(ctx, [...path, i], (e as Error).message, x.span);
    }
  });
  return { v: list.map((x) => x.v), node: n, list };
}

/**
 * Properties.validate on a map of properties (the server's, or a list item's). `resolveValue`:
 * the server's own properties are written unresolved, and Heat resolves each one only when it
 * checks it (in the schema's order, after the unknown keys): a function's failure in a later
 * property comes after an earlier property's problem. `loose`: the top-level properties Heat
 * reads without validation (PropCtx.loose), each failure inside worded at the property.
 */
export function validateMap(ctx: PropCtx, schema: Readonly<Record<string, PSchema>>, n: RNode | undefined, path: Path, at: Span, resolveValue?: (key: string, x: RNode) => RNode | undefined, loose?: (key: string) => boolean): Record<string, PVal | undefined> {
  const data = new Map(n?.entries ?? []);
  if (!ctx.loose) for (const [k, x] of data) if (!(k in schema)) fail(ctx, path, `Unknown Property ${x.keyText ?? k}`, x.keySpan ?? x.span);
  const list = path.length ? path[path.length - 2] : '';
  // new key -> old key, for this list's REPLACE rules; an old key is never checked on its own
  const replaced = new Map((ctx.replaced ?? REPLACED).filter(([l]) => l === list).map(([, from, to]) => [to, from]));
  const olds = new Set(replaced.values());
  const out: Record<string, PVal | undefined> = {};
  /** Property.get_value on one written value: a failure placed where it is, worded at the property k */
  const convert = (k: string, s: PSchema, x: RNode, isLoose: boolean): PVal | undefined => {
    const place = x.span.length ? x.span : x.keySpan ?? x.span;
    try {
      return value(isLoose ? { ...ctx, loose: true } : ctx, s, x, [...path, k]);
    } catch (e) {
      if (e instanceof HeatError) throw e;
      if (e instanceof LooseFailure) {
        if (ctx.loose) throw e;
        fail(ctx, [...path, k], e.message, e.span.length ? e.span : place);
      }
      return fail(ctx, [...path, k], (e as Error).message, place);
    }
  };
  for (const [k, s] of Object.entries(schema)) {
    if (olds.has(k)) continue;
    let x = data.get(k);
    const from = replaced.get(k);
    let old = from === undefined ? undefined : data.get(from);
    if (old && list === '') {
      // a REPLACE of a top-level property: Heat reads the old property through its own schema (so
      // it is None only when not written: null is ''), checked against the new key's value as
      // resolved, not yet converted; the old value, when there is one, is the new key's
      const o = resolveValue ? resolveValue(k, old) : old;
      if (o && !o.absent) {
        const ov = convert(k, schema[from!], o, !!loose?.(from!));
        let nx = x && resolveValue ? resolveValue(k, x) : x;
        if (nx?.absent) nx = undefined;
        if (nx && pyTruthy(nx) && ov?.v !== '' && ov?.v != null) fail(ctx, [...path, k], `Cannot define the following properties at the same time: ${k}, ${from!}`, nx.keySpan ?? nx.span);
        out[k] = ov;
        continue;
      }
      old = undefined;
    }
    if (old) {
      // Translation.replace: both values true is a refusal at the new key; else the old value
      // wins unless it is None
      if (x && pyTruthy(x) && pyTruthy(old)) {
        fail(ctx, [...path, k], `Cannot define the following properties at the same time: ${String(list)}.${k}, ${String(list)}.${from}`, x.keySpan ?? x.span);
      }
      if (old.kind !== 'scalar' || old.value !== null) x = old;
      // a None old value and no new key: the property is None (not the '' an explicit null gives)
      else if (!x) continue;
    }
    // a value that resolves to nothing (an `if` without its false value) is not written
    if (x && resolveValue) x = resolveValue(k, x);
    if (x?.absent) x = undefined;
    if (!x) {
      if (s.def !== undefined) out[k] = { v: s.def };
      else if (s.req) fail(ctx, path, `Property ${k} not assigned`, n?.keySpan ?? at);
      continue;
    }
    // placed where it fails (inside the property), worded at the property
    out[k] = convert(k, s, x, !!loose?.(k));
    // a property Heat has in its schema but does not implement refuses any value written, once read
    if (s.unimplemented && data.has(k)) fail(ctx, path, `Property ${k} not implemented yet`, x.keySpan ?? x.span);
  }
  return out;
}

/**
 * One property read as Heat reads it when it makes the resource (Property.get_value without
 * validation): its value, or the failure in Heat's bare words.
 */
export function readProperty(s: PSchema, n: RNode, notes: TemplateNote[]): PVal | undefined {
  const ctx: PropCtx = { prefix: '', notes, whole: n.span, loose: true };
  try {
    return value(ctx, s, n, []);
  } catch (e) {
    if (e instanceof HeatError) throw e;
    throw new LooseFailure((e as Error).message, (e as LooseFailure).span ?? n.span);
  }
}

/** One value as Heat holds it when it creates the server: a false looked-up name is '' (the rest as validated). */
function created(x: PVal): PVal {
  if (x.noName) return { v: '', node: x.node };
  if (x.map) {
    const map = atCreate(x.map);
    if (Object.keys(map).some((k) => map[k] !== x.map![k])) return { ...x, map, v: Object.fromEntries(Object.entries(map).map(([k, y]) => [k, y?.v ?? null])) };
  }
  if (x.list) {
    const list = x.list.map(created);
    if (list.some((y, i) => y !== x.list![i])) return { ...x, list, v: list.map((y) => y.v) };
  }
  return x;
}

/**
 * The properties as Heat holds them when it creates the server (Resource.reparse with the
 * RESOLVE rules): validation sees `image: 0` as '0', the request has no image.
 */
export function atCreate(p: Record<string, PVal | undefined>): Record<string, PVal | undefined> {
  return Object.fromEntries(Object.entries(p).map(([k, x]) => [k, x && created(x)]));
}
