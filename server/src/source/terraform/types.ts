/**
 * go-cty's types of the values bdm-lab knows, and the two things Terraform does with them that need
 * more than a value's shape: convert.UnifyUnsafe (unify.go, sort_types.go, compare_types.go: the one
 * type a conditional's two results or a collection's elements become) and convert.Convert to such a
 * type (conversion.go, conversion_collection.go, conversion_object.go, conversion_tuple.go), v1.18.1.
 * A value's collection type (a list, set or map that a function or a variable's type made) is
 * marked on it (COLLECTION): bdm-lab's values are arrays and objects either way.
 * Work is linear in the values' sizes, times the number of types unified (two, or a list's elements).
 */
import { bigOfFloat, bigTextG10 } from './bignum';
import { ctyText, ctyType, keepNullTy, nullTyAt, toBool, toNumber, type Ty, type Value } from './values';

// ---- collection marks -------------------------------------------------------------------------------

/**
 * the mark: a hidden (non-enumerable symbol) property of the array or object, not a WeakMap entry,
 * whose table V8 grows and sweeps at a cost that outgrows the number of values marked
 */
const MARK = Symbol('cty collection');
const COLLECTION = {
  get: (v: object): string | undefined => (v as { [MARK]?: string })[MARK],
  set: (v: object, name: string) => { Object.defineProperty(v, MARK, { value: name, configurable: true, writable: true, enumerable: false }); },
};
/** a value marked as a go-cty collection, `name` its FriendlyName (`list of string`, `set of number`, `map of string`) */
export function typed<T extends Value>(v: T, name: string): T { if (typeof v === 'object' && v !== null) COLLECTION.set(v, name); return v; }
/** go-cty's FriendlyName of a known value's type */
export function friendly(v: Value): string {
  return typeof v === 'object' && v !== null ? COLLECTION.get(v) ?? ctyType(v) : ctyType(v);
}
/** the collection a function or a variable's type made of a value (`list`, `set`, `map`), if any */
export function collectionKind(v: Value): string | undefined {
  const n = typeof v === 'object' && v !== null ? COLLECTION.get(v) : undefined;
  return n?.split(' ')[0];
}
/** the FriendlyName of a collection a function or a variable's type made, if it is one */
export function collectionName(v: Value): string | undefined { return typeof v === 'object' && v !== null ? COLLECTION.get(v) : undefined; }

// ---- types --------------------------------------------------------------------------------------------

// the type itself is in values.ts (a result that is not known may carry it)
export type { Ty };

const isPrim = (t: Ty): t is 'string' | 'number' | 'bool' => t === 'string' || t === 'number' || t === 'bool';
const isTuple = (t: Ty): t is { tuple: Ty[] } => typeof t === 'object' && 'tuple' in t;
const isObject = (t: Ty): t is { object: Record<string, Ty> } => typeof t === 'object' && 'object' in t;
const kindOfTy = (t: Ty): 'list' | 'set' | 'map' | undefined => (typeof t === 'object' ? ('list' in t ? 'list' : 'set' in t ? 'set' : 'map' in t ? 'map' : undefined) : undefined);
const elemOf = (t: Ty): Ty => (t as Record<string, Ty>)[kindOfTy(t)!];
const coll = (k: 'list' | 'set' | 'map', e: Ty): Ty => (k === 'list' ? { list: e } : k === 'set' ? { set: e } : { map: e });
const names = (o: Record<string, Ty>) => Object.keys(o).sort();

/**
 * cty Type.Equals. `loose`: where bdm-lab knows a type only in part (a splat's elements), a
 * dynamic part (a null's type, to bdm-lab) equals any type, and past `loose.depth` levels the
 * types are taken as equal (the caller's bound on what it follows).
 */
export function tyEquals(a: Ty, b: Ty, loose?: { depth: number }, level = 0): boolean {
  if (loose && (a === 'dynamic' || b === 'dynamic' || level > loose.depth)) return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (isTuple(a) || isTuple(b)) return isTuple(a) && isTuple(b) && a.tuple.length === b.tuple.length && a.tuple.every((x, i) => tyEquals(x, b.tuple[i], loose, level + 1));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const na = names(a.object), nb = names(b.object);
    return na.length === nb.length && na.every((n, i) => n === nb[i] && tyEquals(a.object[n], b.object[n], loose, level + 1));
  }
  return kindOfTy(a) === kindOfTy(b) && tyEquals(elemOf(a), elemOf(b), loose, level + 1);
}

/** cty Type.FriendlyName */
export function tyName(t: Ty): string {
  if (typeof t === 'string') return t;
  if (isTuple(t)) return 'tuple';
  if (isObject(t)) return 'object';
  return `${kindOfTy(t)} of ${tyName(elemOf(t))}`;
}

/** a collection mark's element type when it names a primitive (or dynamic) */
const markedElem = (name: string): Ty | undefined => {
  const e = name.replace(/^(?:list|set|map) of /, '');
  return e === 'string' || e === 'number' || e === 'bool' || e === 'dynamic' ? e : undefined;
};

/** the type of an empty collection a conversion to a type constraint made (its constraint's, `any` dynamic) */
const EMPTY = new WeakMap<object, Ty>();
export function keepEmptyTy(v: object, t: Ty): void { EMPTY.set(v, t); }

/**
 * The type go-cty gives a known value: a literal null is cty.NullVal(DynamicPseudoType); a marked
 * collection its element type (from the mark, or its first non-null element, or the type a conversion
 * gave it when empty); undefined when bdm-lab cannot tell (an empty collection of structures).
 */
export function tyOf(v: Value): Ty | undefined {
  if (v === null) return 'dynamic';
  if (typeof v !== 'object') return ctyType(v) as Ty;
  const mark = COLLECTION.get(v);
  const items = Array.isArray(v) ? v : Object.values(v);
  if (mark) {
    const e0 = items.length ? undefined : EMPTY.get(v);
    if (e0) return e0;
    const k = mark.split(' ')[0] as 'list' | 'set' | 'map';
    let e = markedElem(mark);
    if (!e) {
      // every element null: the type kept for the first (a conversion's typed null)
      const first = items.find((x) => x !== null);
      e = first === undefined ? (items.length ? nullTyAt(v, Array.isArray(v) ? 0 : Object.keys(v)[0]) : undefined) : tyOf(first);
    }
    return e === undefined ? undefined : coll(k, e);
  }
  // a null element or attribute: of the type kept for it (a typed null), else dynamic
  if (Array.isArray(v)) {
    const out: Ty[] = [];
    for (let i = 0; i < v.length; i++) { const x = v[i]; const t = x === null ? nullTyAt(v, i) ?? 'dynamic' : tyOf(x); if (!t) return undefined; out.push(t); }
    return { tuple: out };
  }
  const o: Record<string, Ty> = Object.create(null) as Record<string, Ty>;
  for (const k of Object.keys(v)) { const x = v[k]; const t = x === null ? nullTyAt(v, k) ?? 'dynamic' : tyOf(x); if (!t) return undefined; o[k] = t; }
  return { object: o };
}

// ---- conversions ---------------------------------------------------------------------------------------

/** whether GetConversionUnsafe(from, to) exists (getConversionKnown) */
export function canConvert(from: Ty, to: Ty): boolean {
  if (to === 'dynamic' || from === 'dynamic') return true;
  if (isPrim(from) && isPrim(to)) return from === to || to === 'string' || from === 'string';
  if (isObject(to) && isObject(from)) return Object.keys(to.object).every((n) => n in from.object && canConvert(from.object[n], to.object[n]));
  if (isTuple(to) && isTuple(from)) return to.tuple.length === from.tuple.length && from.tuple.every((x, i) => canConvert(x, to.tuple[i]));
  const tk = kindOfTy(to), fk = kindOfTy(from);
  if ((tk === 'list' || tk === 'set') && (fk === 'list' || fk === 'set')) return canConvert(elemOf(from), elemOf(to));
  if (tk === 'map' && fk === 'map') return canConvert(elemOf(from), elemOf(to));
  if ((tk === 'list' || tk === 'set') && isTuple(from)) return tupleToList(from.tuple, elemOf(to)) !== null;
  if (tk === 'map' && isObject(from)) return tupleToList(Object.values(from.object), elemOf(to), true) !== null;
  // a map to an object (unsafe): each attribute from the map's element type
  if (isObject(to) && fk === 'map') return Object.values(to.object).every((a) => canConvert(elemOf(from), a));
  return false;
}

/**
 * conversionTupleToList/ObjectToMap's element type: a dynamic one unified from the elements (a list's
 * only when they are all dynamic if that is what they unify to); null when there is no conversion
 */
function tupleToList(elems: Ty[], ety: Ty, map = false): Ty | null {
  if (elems.length === 0) return ety;
  if (ety === 'dynamic') {
    const u = unify(elems);
    if (u === null) return null;
    if (!map && u === 'dynamic' && !elems.every((x) => x === 'dynamic')) return null;
    ety = u;
  }
  return elems.every((x) => tyEquals(x, ety) || canConvert(x, ety)) ? ety : null;
}

/**
 * convert.Convert of a known value to a type: primitives as go-cty converts them, each element and
 * attribute in turn, a list, set or map marked as such. `err`: go-cty's words; undefined: a set of
 * structures (its order is not followed) or a value that becomes unknown (cty.DynamicVal)
 */
export function convertTo(v: Value, from: Ty, to: Ty): { value: Value } | { err: string } | undefined {
  if (tyEquals(from, to)) return { value: v };
  try { return convertIn(v, from, to); } catch (e) { if (e instanceof TooMany) return undefined; throw e; }
}

/** convertTo below the top: equal types are not compared again at each level (that would be depth × size) */
function convertIn(v: Value, from: Ty, to: Ty): { value: Value } | { err: string } | undefined {
  if (to === 'dynamic' || v === null || from === to) return { value: v };
  if (isPrim(to)) {
    if (typeof v === 'object') return { err: `${tyName(to)} required` };
    if (to === 'string') return { value: typeof v === 'number' ? ctyText(v) : String(v) };
    if (typeof v === 'string') {
      const c = to === 'number' ? toNumber(v) : toBool(v);
      return 'err' in c ? c : { value: 'n' in c ? c.n : c.b };
    }
    return ctyType(v) === to ? { value: v } : { err: `${to} required` };
  }
  if (typeof v !== 'object') return { err: `${tyName(to)} required` };
  const items: Array<[string, Value, Ty]> = Array.isArray(v)
    ? v.map((x, i) => [String(i), x, isTuple(from) ? from.tuple[i] : kindOfTy(from) ? elemOf(from) : 'dynamic'])
    : Object.keys(v).map((k) => [k, v[k], isObject(from) ? from.object[k] : kindOfTy(from) ? elemOf(from) : 'dynamic']);
  const each = (pairs: Array<[string, Value, Ty]>, want: (k: string) => Ty): Array<[string, Value]> | { err: string } | undefined => {
    const out: Array<[string, Value]> = [];
    for (const [k, x, t] of pairs) {
      const c = convertIn(x, t, want(k));
      if (!c || 'err' in c) return c;
      out.push([k, c.value]);
    }
    return out;
  };
  const tk = kindOfTy(to);
  if (tk) {
    const ety0 = isTuple(from) || isObject(from) ? tupleToList(items.map((x) => x[2]), elemOf(to), tk === 'map') : elemOf(to) === 'dynamic' && kindOfTy(from) ? elemOf(from) : elemOf(to);
    if (ety0 === null) return { err: `${tyName(to)} required` };
    const r = each(items, () => ety0);
    if (!r || 'err' in r) return r;
    // an element type with a dynamic part: the elements keep their own types there, which must be one
    const ety = elementsType(r.map((x) => x[1]), items.map((x) => x[2]), ety0);
    if (ety === undefined) return undefined;
    if (ety === null) return { err: tk === 'map' ? 'attribute types must all match for conversion to map' : `element types must all match for conversion to ${tk}` };
    const name = `${tk} of ${tyName(ety)}`;
    if (tk === 'map') return { value: keepNulls(typed(Object.fromEntries(r), name), () => ety) };
    if (tk === 'list') return { value: keepNulls(typed(r.map((x) => x[1]), name), () => ety) };
    const set = isPrim(ety) ? primitiveSet(r.map((x) => x[1])) : structuralSet(r.map((x) => x[1]), ety);
    return set ? { value: typed(set, name) } : undefined;
  }
  if (isTuple(to)) {
    const r = each(items, (k) => to.tuple[Number(k)]);
    return !r || 'err' in r ? r : { value: keepNulls(r.map((x) => x[1]), (k) => to.tuple[Number(k)]) };
  }
  if (isObject(to)) {
    const r = each(items.filter(([k]) => k in to.object), (k) => to.object[k]);
    return !r || 'err' in r ? r : { value: keepNulls(Object.fromEntries(r), (k) => to.object[k]) };
  }
  return undefined;
}

/** whether a type has a dynamic part */
export function hasDynamic(t: Ty, depth = 0): boolean {
  if (t === 'dynamic' || depth > 64) return true;
  if (typeof t === 'string') return false;
  if (isTuple(t)) return t.tuple.some((x) => hasDynamic(x, depth + 1));
  if (isObject(t)) return Object.values(t.object).some((x) => hasDynamic(x, depth + 1));
  return hasDynamic(elemOf(t), depth + 1);
}

/**
 * The element type of a list, set or map made of `xs` (each converted to `ety`, `from` their types
 * before): `ety` itself unless it has a dynamic part; then cty.ListVal/MapVal/SetVal's rule: the
 * elements' own types (a null converted to `ety` is of `ety`, or of its own type when `ety` is
 * dynamic), those not dynamic all equal (null when not: no such collection), the first of them;
 * undefined when bdm-lab cannot tell a type
 */
export function elementsType(xs: Value[], from: Ty[], ety: Ty): Ty | null | undefined {
  if (!hasDynamic(ety)) return ety;
  let one: Ty | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const t = x === null ? (ety === 'dynamic' ? from[i] : ety) : tyOf(x);
    if (t === undefined) return undefined;
    if (t === 'dynamic') continue;
    if (one === undefined) one = t;
    else if (!tyEquals(one, t)) return null;
  }
  return one ?? ety;
}

/** a converted container's null elements are nulls of the type they were converted to (`at`: by key) */
function keepNulls<T extends Value[] | Record<string, Value>>(out: T, at: (k: string) => Ty): T {
  for (const k of Object.keys(out)) if ((out as Record<string, Value>)[k] === null) keepNullTy(out, Array.isArray(out) ? Number(k) : k, at(k));
  return out;
}

/**
 * A set of primitive values in go-cty's order (set_internals.go Less): duplicates merged, strings
 * lexically, numbers ascending, false before true, nulls last
 */
export function primitiveSet(xs: Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const x of xs) {
    const key = `${x === null ? 'null' : typeof x}:${String(x)}`;
    if (!seen.has(key)) { seen.add(key); out.push(x); }
  }
  return out.sort((a, b) => (a === null || b === null ? (a === null ? 1 : 0) - (b === null ? 1 : 0)
    : typeof a === 'string' && typeof b === 'string' ? byteOrder(a, b)
      : typeof a === 'number' && typeof b === 'number' ? a - b : Number(a) - Number(b)));
}

/**
 * Go's string order (UTF-8 bytes, so code points), from UTF-16: a surrogate (D800-DFFF, an astral
 * code point) sorts after E000-FFFF, which plain code-unit comparison puts the other way
 */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const fix = (c: number) => (c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c);
    return fix(x) - fix(y);
  }
  return a.length - b.length;
}

/**
 * go-cty's set hash bytes of a value of type `t` (set_internals.go appendSetHashBytes): a number as
 * big.Float String(), a bool T/F, a string Go-quoted, null `~`, a list or set `[x;…]`, a map
 * `{"k":x;…}`, an object (attributes by name) or tuple `<x;…>`. undefined for a string with other
 * than printable ASCII (Go's %q of it is not followed) or a value of another shape than its type.
 */
function setHash(v: Value, t: Ty): string | undefined {
  if (v === null) return '~';
  if (t === 'number') return typeof v === 'number' ? bigTextG10(bigOfFloat(v)) : undefined;
  if (t === 'bool') return v === true ? 'T' : 'F';
  if (t === 'string') {
    if (typeof v !== 'string') return undefined;
    let out = '"';
    const esc: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
    for (const ch of v) {
      const c = ch.charCodeAt(0);
      if (esc[ch]) out += esc[ch];
      else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
      else if (c > 0x7e) return undefined;
      else out += ch;
    }
    return `${out}"`;
  }
  if (t === 'dynamic' || typeof v !== 'object') return undefined;
  const parts = (pairs: Array<[string | null, Value, Ty]>): string | undefined => {
    let s = '';
    for (const [k, x, xt] of pairs) {
      const h = setHash(x, xt);
      if (h === undefined) return undefined;
      if (k !== null) { const kh = setHash(k, 'string'); if (kh === undefined) return undefined; s += `${kh}:`; }
      s += `${h};`;
    }
    return s;
  };
  const k = kindOfTy(t);
  if (k === 'map' && !Array.isArray(v)) { const p = parts(Object.keys(v).sort().map((n) => [n, v[n], elemOf(t)])); return p === undefined ? undefined : `{${p}}`; }
  if ((k === 'list' || k === 'set') && Array.isArray(v)) { const p = parts(v.map((x) => [null, x, elemOf(t)])); return p === undefined ? undefined : `[${p}]`; }
  if (isObject(t) && !Array.isArray(v)) { const p = parts(names(t.object).map((n) => [null, v[n] ?? null, t.object[n]])); return p === undefined ? undefined : `<${p}>`; }
  if (isTuple(t) && Array.isArray(v)) { const p = parts(v.map((x, i) => [null, x, t.tuple[i]])); return p === undefined ? undefined : `<${p}>`; }
  return undefined;
}

/**
 * A set of structures as go-cty orders it (set_internals.go Less: no order of their own, so by their
 * hash bytes), equal values merged; undefined when bdm-lab cannot write a hash, or two different
 * values share one (their order is then not known)
 */
export function structuralSet(xs: Value[], t: Ty): Value[] | undefined {
  const byHash = new Map<string, Value>();
  const nulls: Value[] = [];
  for (const x of xs) {
    if (x === null) { nulls.length = 1; nulls[0] = null; continue; }
    const h = setHash(x, t);
    if (h === undefined) return undefined;
    const seen = byHash.get(h);
    if (seen !== undefined) { if (JSON.stringify(seen) !== JSON.stringify(x)) return undefined; continue; }
    byHash.set(h, x);
  }
  const keys = [...byHash.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...keys.map((k) => byHash.get(k)!), ...nulls];
}

/**
 * convert.Convert of a tuple's elements to list(dynamic) or set(dynamic) (conversionTupleToList,
 * tolist/toset/distinct's argument): their types unified (UnifyUnsafe), each element converted;
 * `err` when they have no common type; undefined when bdm-lab cannot tell or does not follow it
 */
export function tupleAsCollection(xs: Value[], kind: 'list' | 'set'): { value: Value[]; ety: Ty } | { err: true } | undefined {
  if (xs.length === 0) return { value: typed([], `${kind} of dynamic`), ety: 'dynamic' };
  const tys: Ty[] = [];
  // a null element: of the type kept for it (a typed null), else dynamic
  for (let i = 0; i < xs.length; i++) { const x = xs[i]; const t = x === null ? nullTyAt(xs, i) ?? 'dynamic' : tyOf(x); if (!t) return undefined; tys.push(t); }
  const ety0 = unifyTypes(tys);
  if (ety0 === undefined) return undefined;
  if (ety0 === null || (ety0 === 'dynamic' && !tys.every((t) => t === 'dynamic'))) return { err: true };
  const out: Value[] = [];
  for (let i = 0; i < xs.length; i++) {
    const c = convertTo(xs[i], tys[i], ety0);
    if (!c) return undefined;
    if ('err' in c) return { err: true };
    out.push(c.value);
  }
  const ety = elementsType(out, tys, ety0);
  if (ety === undefined) return undefined;
  if (ety === null) return { err: true };
  keepNulls(out, () => ety);
  const set = kind === 'list' ? out : isPrim(ety) ? primitiveSet(out) : structuralSet(out, ety);
  return set ? { value: typed(set, `${kind} of ${tyName(ety)}`), ety } : undefined;
}

/** convert.Convert of an object to map(dynamic) (conversionObjectToMap, tomap's argument); `err` when its attributes have no common type */
export function objectAsMap(o: Record<string, Value>): { value: Value } | { err: true } | undefined {
  const from = tyOf(o);
  if (!from) return undefined;
  const c = convertTo(o, from, { map: 'dynamic' });
  return c && ('err' in c ? { err: true } : c);
}

// ---- unification -----------------------------------------------------------------------------------------

/** compare_types.go compareTypes: below 0 when `a` is preferred */
function compareTypes(a: Ty, b: Ty): number {
  if (a === 'dynamic' || b === 'dynamic') return a !== 'dynamic' ? -1 : b !== 'dynamic' ? 1 : 0;
  if (isPrim(a) && isPrim(b) && (a === 'string' || b === 'string')) return a !== 'string' ? 1 : b !== 'string' ? -1 : 0;
  const ka = kindOfTy(a), kb = kindOfTy(b);
  if (ka && ka === kb) return compareTypes(elemOf(a), elemOf(b));
  let swap = 1;
  if ((isTuple(a) && kb === 'list') || (isObject(a) && kb === 'map') || (ka === 'set' && isTuple(b)) || (ka === 'set' && kb === 'list')) { [a, b] = [b, a]; swap = -1; }
  const ka2 = kindOfTy(a), kb2 = kindOfTy(b);
  if (kb2 === 'set' && (isTuple(a) || ka2 === 'list')) return -1 * swap;
  if (ka2 === 'list' && isTuple(b)) return -1 * swap;
  if (ka2 === 'map' && isObject(b)) return -1 * swap;
  const members = (x: Ty[], y: Ty[]) => {
    let aSuper = false, bSuper = false;
    for (let i = 0; i < x.length; i++) { const c = compareTypes(x[i], y[i]); if (c < 0) aSuper = true; else if (c > 0) bSuper = true; }
    return aSuper && bSuper ? 0 : aSuper ? -1 * swap : bSuper ? 1 * swap : 0;
  };
  if (isObject(a) && isObject(b)) {
    const na = Object.keys(a.object);
    if (na.length !== Object.keys(b.object).length || na.some((n) => !(n in b.object))) return 0;
    return members(na.map((n) => a.object[n]), na.map((n) => b.object[n]));
  }
  if (isTuple(a) && isTuple(b)) return a.tuple.length === b.tuple.length ? members(a.tuple, b.tuple) : 0;
  return 0;
}

/** sort_types.go sortTypes: the preference order (a topological sort of compareTypes, Kahn's queue) */
function sortTypes(tys: Ty[]): number[] {
  const l = tys.length;
  const edges: number[][] = tys.map(() => []);
  for (let i = 0; i < l - 1; i++) {
    for (let j = i + 1; j < l; j++) {
      const c = compareTypes(tys[i], tys[j]);
      if (c < 0) edges[i].push(j); else if (c > 0) edges[j].push(i);
    }
  }
  const inDegree = new Array<number>(l).fill(0);
  for (const outs of edges) for (const j of outs) inDegree[j]++;
  const queue: number[] = [];
  for (let i = 0; i < l; i++) if (inDegree[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) for (const j of edges[queue[q]]) if (--inDegree[j] === 0) queue.push(j);
  while (queue.length < l) queue.push(0);
  return queue;
}

/** a key equal for equal types */
function tyKey(t: Ty): string {
  if (typeof t === 'string') return t;
  if (isTuple(t)) return `<${t.tuple.map(tyKey).join(',')}>`;
  if (isObject(t)) return `{${names(t.object).map((n) => `${JSON.stringify(n)}:${tyKey(t.object[n])}`).join(',')}}`;
  return `${kindOfTy(t)}(${tyKey(elemOf(t))})`;
}

/** past this many different types in the preference sort (pairwise: quadratic), bdm-lab does not unify */
const MAX_SORTED = 32;
class TooMany extends Error {}

/**
 * convert.UnifyUnsafe: the type all of `types` convert to, or null (none); undefined when bdm-lab does
 * not follow it. 'dynamic' also stands for unifyAllAsDynamic (a structure beside a dynamic type: every
 * value becomes unknown). Equal types are taken once (the result is a type, not a position), so the
 * work is linear in the types' sizes.
 */
export function unifyTypes(types: Ty[]): Ty | null | undefined {
  try { return unify(types); } catch (e) { if (e instanceof TooMany) return undefined; throw e; }
}

function unify(all: Ty[]): Ty | null {
  if (all.length === 0) return null;
  const seenKeys = new Set<string>();
  const types = all.filter((t) => { const k = tyKey(t); if (seenKeys.has(k)) return false; seenKeys.add(k); return true; });
  let mapCt = 0, listCt = 0, setCt = 0, objectCt = 0, tupleCt = 0, dynamicCt = 0;
  for (const t of types) {
    const k = kindOfTy(t);
    if (k === 'map') mapCt++; else if (k === 'list') listCt++; else if (k === 'set') setCt++;
    else if (isObject(t)) objectCt++; else if (isTuple(t)) tupleCt++; else if (t === 'dynamic') dynamicCt++;
  }
  const n = types.length;
  if (mapCt > 0 && mapCt + dynamicCt === n) return unifyCollections('map', types, dynamicCt > 0);
  if (mapCt > 0 && mapCt + objectCt + dynamicCt === n) {
    const t = unifyAs('map', types);
    if (t) return t;
  } else if (listCt > 0 && listCt + dynamicCt === n) return unifyCollections('list', types, dynamicCt > 0);
  else if (listCt > 0 && listCt + tupleCt + dynamicCt === n) {
    const t = unifyAs('list', types);
    if (t) return t;
  } else if (setCt > 0 && setCt + dynamicCt === n) return unifyCollections('set', types, dynamicCt > 0);
  else if (objectCt > 0 && objectCt + dynamicCt === n) return unifyObjects(types, dynamicCt > 0);
  else if (tupleCt > 0 && tupleCt + dynamicCt === n) return unifyTuples(types, dynamicCt > 0);
  else if (objectCt > 0 && tupleCt > 0) return null;
  if (n > MAX_SORTED) throw new TooMany();
  Preferences: for (const w of sortTypes(types)) {
    for (let i = 0; i < n; i++) if (i !== w && !tyEquals(types[i], types[w]) && !canConvert(types[i], types[w])) continue Preferences;
    return types[w];
  }
  return null;
}

const allConvert = (types: Ty[], to: Ty) => types.every((t) => tyEquals(t, to) || canConvert(t, to));

/** unifyTuplesAsList / unifyObjectsAsMaps: the tuples (objects) as one list (map), then all of them together */
function unifyAs(k: 'list' | 'map', types: Ty[]): Ty | null {
  const isStruct = k === 'list' ? isTuple : isObject;
  const structs = types.filter(isStruct);
  const t = k === 'list' ? tuplesToList(structs) : objectsToMap(structs);
  if (!t || kindOfTy(t) !== k) return null;
  const u = unify(types.map((x) => (isStruct(x) ? t : x)));
  return u && kindOfTy(u) === k ? u : null;
}

function unifyCollections(k: 'list' | 'set' | 'map', types: Ty[], hasDynamic: boolean): Ty | null {
  if (hasDynamic) return 'dynamic';
  const e = unify(types.map(elemOf));
  if (e === null) return null;
  const ret = coll(k, e);
  return allConvert(types, ret) ? ret : null;
}

function unifyObjects(types: Ty[], hasDynamic: boolean): Ty | null {
  if (hasDynamic) return 'dynamic';
  const objs = types as Array<{ object: Record<string, Ty> }>;
  const first = Object.keys(objs[0].object);
  for (const t of objs.slice(1)) {
    const these = Object.keys(t.object);
    if (these.length !== first.length || these.some((n) => !(n in objs[0].object))) return objectsToMap(types);
  }
  const attrs: Record<string, Ty> = Object.create(null) as Record<string, Ty>;
  for (const n of first) {
    const u = unify(objs.map((t) => t.object[n]));
    if (u === null) return null;
    attrs[n] = u;
  }
  const ret: Ty = { object: attrs };
  return allConvert(types, ret) ? ret : objectsToMap(types);
}

function objectsToMap(types: Ty[]): Ty | null {
  const e = unify(types.flatMap((t) => Object.values((t as { object: Record<string, Ty> }).object)));
  if (e === null) return null;
  const ret: Ty = { map: e };
  return allConvert(types, ret) ? ret : null;
}

function unifyTuples(types: Ty[], hasDynamic: boolean): Ty | null {
  if (hasDynamic) return 'dynamic';
  const tuples = types as Array<{ tuple: Ty[] }>;
  const len = tuples[0].tuple.length;
  if (tuples.some((t) => t.tuple.length !== len)) return tuplesToList(types);
  const elems: Ty[] = [];
  for (let i = 0; i < len; i++) {
    const u = unify(tuples.map((t) => t.tuple[i]));
    if (u === null) return null;
    elems.push(u);
  }
  const ret: Ty = { tuple: elems };
  return allConvert(types, ret) ? ret : tuplesToList(types);
}

function tuplesToList(types: Ty[]): Ty | null {
  const e = unify(types.flatMap((t) => (t as { tuple: Ty[] }).tuple));
  if (e === null) return null;
  const ret: Ty = { list: e };
  return allConvert(types, ret) ? ret : null;
}

/** hclsyntax describeConditionalTypeMismatch: what differs between a conditional's two result types */
export function describeMismatch(t: Ty, f: Ty): string {
  if (isObject(t) && isObject(f)) {
    for (const n of names(t.object)) {
      if (!(n in f.object)) return `The 'true' value includes object attribute ${goQuote(n)}, which is absent in the 'false' value`;
      if (!tyEquals(t.object[n], f.object[n])) return `Type mismatch for object attribute ${goQuote(n)}: ${describeMismatch(t.object[n], f.object[n])}`;
    }
    for (const n of names(f.object)) if (!(n in t.object)) return `The 'false' value includes object attribute ${goQuote(n)}, which is absent in the 'true' value`;
  } else if (isTuple(t) && isTuple(f)) {
    if (t.tuple.length !== f.tuple.length) return `The 'true' tuple has length ${t.tuple.length}, but the 'false' tuple has length ${f.tuple.length}`;
    for (let i = 0; i < t.tuple.length; i++) if (!tyEquals(t.tuple[i], f.tuple[i])) return `Type mismatch for tuple element ${i}: ${describeMismatch(t.tuple[i], f.tuple[i])}`;
  } else {
    const kt = kindOfTy(t), kf = kindOfTy(f);
    if (kt && kt === kf) {
      const et = elemOf(t), ef = elemOf(f);
      if ((isObject(et) && isObject(ef)) || (isTuple(et) && isTuple(ef))) return `Mismatched ${kt} element types: ${describeMismatch(et, ef)}`;
    }
  }
  const tn = tyName(t), fn = tyName(f);
  if (tn === fn) return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  return `The 'true' value is ${tn}, but the 'false' value is ${fn}`;
}

/** Go's %q of an attribute name: JSON's escapes for the common cases (bdm-lab's names are identifiers or plain strings) */
const goQuote = (s: string) => JSON.stringify(s);
