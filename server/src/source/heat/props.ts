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
import type { RNode, TemplateNote } from './template';
import type { PSchema } from './schema';
import { REPLACED } from './schema';
import { pyRepr, pyStr } from './py';
import { standInId } from './standIn';

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
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    if (PY_INT.test(v)) return Number(v.replace(/_/g, ''));
    throw new Error(`Value '${v}' is not an integer`);
  }
  void float;
  throw new Error(`int() argument must be a string, a bytes-like object or a real number, not '${pyType(v)}'`);
}

/** Property._get_string */
function toStr(v: unknown, float: boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number' && !float && Number.isInteger(v)) return String(v);
  throw new Error(`Value must be a string; got ${pyRepr(v, float)}`);
}

/** Property._get_bool */
function toBool(v: unknown, float: boolean): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const n = v.toLowerCase();
    if (n !== 'true' && n !== 'false') throw new Error(`"${n}" is not a valid boolean`);
    return n === 'true';
  }
  throw new Error(`"${pyStr(v, float)}" is not a valid boolean`);
}

function checkConstraints(s: PSchema, v: unknown): void {
  if (s.allowed && !s.allowed.includes(v as string)) {
    throw new Error(`${JSON.stringify(v)} is not an allowed value [${s.allowed.map((a) => JSON.stringify(a)).join(', ')}]`);
  }
  if (s.range && typeof v === 'number') {
    const [min, max] = s.range;
    if ((min !== null && v < min) || (max !== null && v > max)) throw new Error(`${v} is out of range (min: ${min ?? 'None'}, max: ${max ?? 'None'})`);
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

/** Property.get_value(validate=True) on one written value. */
function value(ctx: PropCtx, s: PSchema, n: RNode, path: Path): PVal | undefined {
  if (n.kind === 'unresolved') return unresolvedValue(ctx, s, n, path);
  const v = n.value;
  const float = !!n.float;
  if (s.t === 'Map') return mapValue(ctx, s, n, path);
  if (s.t === 'List') return listValue(ctx, s, n, path);
  let out: unknown;
  if (s.t === 'Integer') out = toInt(v, float);
  else if (s.t === 'Boolean') out = toBool(v, float);
  else out = v === null && s.def !== undefined ? s.def : toStr(v, float);
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
  if (n.kind !== 'map') throw new Error(`"${pyStr(n.value, !!n.float)}" is not a map`);
  if (!s.keys) return { v: n.value, node: n };
  const map = validateMap(ctx, s.keys, n, path, n.span);
  return { v: Object.fromEntries(Object.entries(map).map(([k, x]) => [k, x?.v ?? null])), node: n, map };
}

function listValue(ctx: PropCtx, s: PSchema, n: RNode, path: Path): PVal {
  if (n.kind === 'scalar' && n.value === null) return { v: s.def ?? [], node: n, list: [] };
  if (n.kind !== 'seq') throw new Error(`"${pyRepr(n.value, !!n.float)}" is not a list`);
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
  if (!ctx.loose) for (const [k, x] of data) if (!(k in schema)) fail(ctx, path, `Unknown Property ${k}`, x.keySpan ?? x.span);
  const list = path[path.length - 2];
  // new key -> old key, for this list's REPLACE rules; an old key is never checked on its own
  const replaced = new Map(REPLACED.filter(([l]) => l === list).map(([, from, to]) => [to, from]));
  const olds = new Set(replaced.values());
  const out: Record<string, PVal | undefined> = {};
  for (const [k, s] of Object.entries(schema)) {
    if (olds.has(k)) continue;
    let x = data.get(k);
    const from = replaced.get(k);
    const old = from === undefined ? undefined : data.get(from);
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
    const place = x.span.length ? x.span : x.keySpan ?? x.span;
    try {
      out[k] = value(loose?.(k) ? { ...ctx, loose: true } : ctx, s, x, [...path, k]);
    } catch (e) {
      if (e instanceof HeatError) throw e;
      // placed where it fails (inside the property), worded at the property
      if (e instanceof LooseFailure) {
        if (ctx.loose) throw e;
        fail(ctx, [...path, k], e.message, e.span.length ? e.span : place);
      }
      fail(ctx, [...path, k], (e as Error).message, place);
    }
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
