/**
 * A variable's type constraint and what Terraform does with its default (internal/configs/
 * named_values.go decodeVariableBlock): the type read as hcl's ext/typeexpr reads it
 * (TypeConstraintWithDefaults, get_type.go: list/set/map/tuple/object constructors, `any`,
 * `optional(T)` and `optional(T, default)` attributes, a default converted to its attribute's type),
 * the optional attributes' defaults applied to the value unless it is null (defaults.go Apply), then
 * convert.Convert to the constraint (go-cty v1.16.2 conversion.go, conversion_object.go,
 * conversion_collection.go, conversion_tuple.go): a missing optional attribute becomes null, extra
 * attributes are dropped, a type with no conversion is refused in MismatchMessage's words
 * (mismatch_msg.go), a value that does not convert with its path as Terraform's tfdiags.FormatError
 * writes it. A default is a constant (no variables, no functions), so its values are tuples, objects,
 * primitives and null, or collections that an optional attribute's default made. Where go-cty walks a
 * Go map (several attributes wrong at once) bdm-lab takes the names in sorted order. Work is linear
 * in the type's and the value's sizes.
 */
import type { Span } from '../../text/span';
import type { Expr } from './hcl';
import { ctyText, exactAt, keepExact, keepNullTy, toBool, toNumber, type Value } from './values';
import { bigText, type BigNum } from './bignum';
import { collectionKind, convertTo, elementsType, hasDynamic as tyHasDynamic, keepEmptyTy, primitiveSet, structuralSet, tyEquals, tyOf, typed, unifyTypes, type Ty } from './types';

export type TC =
  | 'string' | 'number' | 'bool' | 'any'
  | { list: TC } | { set: TC } | { map: TC } | { tuple: TC[] }
  | { object: Record<string, TC>; optional: Set<string> };

/** typeexpr.Defaults: default values of optional attributes, and those of nested types by attribute, index or "" (a collection's element) */
export interface Defaults { ty: TC; values: Map<string, Value>; children: Map<string, Defaults> }

export type Constraint = { tc: TC; defaults: Defaults | null } | { err: string; span: Span };

const INVALID = 'Invalid type specification';
const isObj = (t: TC): t is { object: Record<string, TC>; optional: Set<string> } => typeof t === 'object' && 'object' in t;
const isTup = (t: TC): t is { tuple: TC[] } => typeof t === 'object' && 'tuple' in t;
const kindOf = (t: TC): 'list' | 'set' | 'map' | undefined => (typeof t === 'object' ? ('list' in t ? 'list' : 'set' in t ? 'set' : 'map' in t ? 'map' : undefined) : undefined);
const elemOf = (t: TC): TC => (t as Record<string, TC>)[kindOf(t)!];
const keyword = (e: Expr): string | undefined => (e.kind === 'traversal' && e.steps.length === 0 ? e.root : undefined);
const sortedKeys = (o: object): string[] => Object.keys(o).sort();

/**
 * typeexpr getType with constraint and defaults (get_type.go); `constant` evaluates a default with no
 * context and converts it (convertConstraint below)
 */
export function typeConstraint(e: Expr, constant: (e: Expr) => { value: Value } | { err: string; span: Span } | undefined, depth = 0): Constraint | undefined {
  if (depth > 64) return undefined;
  const bad = (detail: string, span = e.span): Constraint => ({ err: `${INVALID}: ${detail}`, span });
  const kw = keyword(e);
  switch (kw) {
    case 'bool': case 'string': case 'number': case 'any': return { tc: kw, defaults: null };
    case 'list': case 'map': case 'set': return bad(`The ${kw} type constructor requires one argument specifying the element type.`);
    case 'object': return bad('The object type constructor requires one argument specifying the attribute types and values as a map.');
    case 'tuple': return bad('The tuple type constructor requires one argument specifying the element types as a list.');
    case undefined: break;
    default: return bad(`The keyword ${JSON.stringify(kw)} is not a valid type specification.`);
  }
  if (e.kind !== 'call') return bad('A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).');
  const name = e.name;
  if (['bool', 'string', 'number'].includes(name)) return bad(`Primitive type keyword ${JSON.stringify(name)} does not expect arguments.`);
  if (name === 'any') return bad(`Type constraint keyword ${JSON.stringify(name)} does not expect arguments.`);
  if (e.args.length !== 1) {
    if (name === 'list' || name === 'set' || name === 'map') return bad(`The ${name} type constructor requires one argument specifying the element type.`);
    if (name === 'object') return bad('The object type constructor requires one argument specifying the attribute types and values as a map.');
    if (name === 'tuple') return bad('The tuple type constructor requires one argument specifying the element types as a list.');
  }
  const arg = e.args[0];
  switch (name) {
    case 'list': case 'set': case 'map': {
      const c = typeConstraint(arg, constant, depth + 1);
      if (!c || 'err' in c) return c;
      const tc = (name === 'list' ? { list: c.tc } : name === 'set' ? { set: c.tc } : { map: c.tc }) as TC;
      return { tc, defaults: c.defaults ? { ty: tc, values: new Map(), children: new Map([['', c.defaults]]) } : null };
    }
    case 'object': {
      if (arg.kind !== 'object') return bad('Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.', arg.span);
      const atys: Record<string, TC> = Object.create(null) as Record<string, TC>;
      const optional = new Set<string>();
      const values = new Map<string, Value>();
      const children = new Map<string, Defaults>();
      for (const it of arg.items) {
        const attr = keyword(it.key);
        if (attr === undefined) return bad('Object constructor map keys must be attribute names.', it.key.span);
        if (Object.hasOwn(atys, attr)) return bad('Object constructor map keys must be unique.', it.key.span);
        let aty = it.value;
        let def: Expr | undefined;
        if (aty.kind === 'call' && aty.name === 'optional') {
          if (aty.args.length < 1) return bad('Optional attribute modifier requires the attribute type as its argument.', aty.span);
          if (aty.args.length > 2) return bad('Optional attribute modifier expects at most two arguments: the attribute type, and a default value.', aty.span);
          optional.add(attr);
          def = aty.args[1];
          aty = aty.args[0];
        }
        const c = typeConstraint(aty, constant, depth + 1);
        if (!c || 'err' in c) return c;
        if (def) {
          const d = constant(def);
          if (!d) return undefined;
          if ('err' in d) return d;
          // typeexpr writes the error itself (%s of the error: no path), not as Terraform's tfdiags.FormatError
          const conv = convertConstraint(d.value, c.tc, false);
          if (!conv) return undefined;
          if ('err' in conv) return { err: `Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: ${conv.err}.`, span: def.span };
          values.set(attr, conv.value);
        }
        atys[attr] = c.tc;
        if (c.defaults) children.set(attr, c.defaults);
      }
      const tc: TC = { object: atys, optional };
      return { tc, defaults: values.size || children.size ? { ty: tc, values, children } : null };
    }
    case 'tuple': {
      if (arg.kind !== 'tuple') return bad('Tuple type constructor requires a list of element types.', arg.span);
      const etys: TC[] = [];
      const children = new Map<string, Defaults>();
      for (const [i, x] of arg.items.entries()) {
        const c = typeConstraint(x, constant, depth + 1);
        if (!c || 'err' in c) return c;
        etys.push(c.tc);
        if (c.defaults) children.set(String(i), c.defaults);
      }
      const tc: TC = { tuple: etys };
      return { tc, defaults: children.size ? { ty: tc, values: new Map(), children } : null };
    }
    case 'optional': return bad(`Keyword ${JSON.stringify(name)} is valid only as a modifier for object type attributes.`, { offset: e.span.offset, length: name.length });
    default: return bad(`Keyword ${JSON.stringify(name)} is not a valid type constructor.`);
  }
}

/** Defaults.Apply (defaults.go): a null attribute or a missing one takes its default; nested types' defaults applied to elements and attributes */
export function applyDefaults(v: Value, d: Defaults, depth = 0): Value {
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  const child = (key: string | number): Defaults | undefined => {
    if (typeof key === 'number' && isTup(d.ty)) return d.children.get(String(key));
    if (typeof key === 'string' && isObj(d.ty)) return d.children.get(key);
    return d.children.get('');
  };
  if (Array.isArray(v)) {
    // a list or set (a default of an optional attribute made it) is unified again: its elements keep one type
    const out = v.map((x, i) => { const c = child(i); return c ? applyDefaults(x, c, depth + 1) : x; });
    out.forEach((x, i) => { if (x === v[i]) keepExact(out, i, x, exactAt(v, i)); });
    return out;
  }
  const out: Record<string, Value> = {};
  for (const k of Object.keys(v)) { const c = child(k); out[k] = c ? applyDefaults(v[k], c, depth + 1) : v[k]; if (out[k] === v[k]) keepExact(out, k, out[k], exactAt(v, k)); }
  for (const [k, def] of d.values) {
    if (out[k] === undefined || out[k] === null) {
      const c = d.children.get(k);
      out[k] = c ? applyDefaults(def, c, depth + 1) : def;
    }
  }
  return out;
}

/** cty FriendlyNameForConstraint */
function constraintName(t: TC): string {
  if (t === 'any') return 'any type';
  if (typeof t === 'string') return t;
  if (isObj(t)) return 'object';
  if (isTup(t)) return 'tuple';
  const e = elemOf(t);
  return `${kindOf(t)} of ${e === 'any' ? 'any single type' : constraintName(e)}`;
}

/** cty FriendlyName of the type a value of this constraint has (no optional attributes) */
function friendlyName(t: TC): string {
  if (t === 'any') return 'dynamic';
  if (typeof t === 'string') return t;
  if (isObj(t)) return 'object';
  if (isTup(t)) return 'tuple';
  return `${kindOf(t)} of ${friendlyName(elemOf(t))}`;
}

/** the constraint as a plain type (optional attributes are attributes, `any` dynamic): a null's type once converted to it */
export function plain(t: TC): Ty {
  if (t === 'any') return 'dynamic';
  if (typeof t === 'string') return t;
  if (isObj(t)) return { object: Object.fromEntries(Object.entries(t.object).map(([k, x]) => [k, plain(x)])) };
  if (isTup(t)) return { tuple: t.tuple.map(plain) };
  const k = kindOf(t)!;
  return { [k]: plain(elemOf(t)) } as Ty;
}

const isPrimTy = (t: Ty): t is 'string' | 'number' | 'bool' => t === 'string' || t === 'number' || t === 'bool';
const tyKind = (t: Ty): string => (typeof t === 'string' ? t : Object.keys(t)[0]);
const tyElem = (t: Ty): Ty => (t as Record<string, Ty>)[tyKind(t)];

/** sameType(in, constraint): Type.Equals of the value's type and the constraint without optional attributes */
const same = (from: Ty, to: TC): boolean => tyEquals(from, plain(to)) && !hasOptional(to);
function hasOptional(t: TC): boolean {
  if (typeof t === 'string') return false;
  if (isObj(t)) return t.optional.size > 0 || Object.values(t.object).some(hasOptional);
  if (isTup(t)) return t.tuple.some(hasOptional);
  return hasOptional(elemOf(t));
}

/**
 * getConversionKnown(from, to, unsafe) as a question (null: a conversion exists) and MismatchMessage
 * as the answer; undefined when bdm-lab does not follow it (a map to an object)
 */
function mismatch(from: Ty, to: TC): string | null | undefined {
  if (to === 'any' || from === 'dynamic') return null;
  if (same(from, to)) return null;
  const required = defaultMismatch(from, to);
  if (typeof to === 'string') {
    if (!isPrimTy(from)) return required;
    return (from === 'number' && to === 'bool') || (from === 'bool' && to === 'number') ? required : null;
  }
  const fk = tyKind(from);
  if (isObj(to)) {
    if (fk === 'map') return undefined;
    if (fk !== 'object') return required;
    const got = (from as { object: Record<string, Ty> }).object;
    const missing: string[] = [];
    let wrong: string | null = null;
    for (const k of sortedKeys(to.object)) {
      if (!Object.hasOwn(got, k)) { if (!to.optional.has(k)) missing.push(k); continue; }
      const m = mismatch(got[k], to.object[k]);
      if (m === undefined) return undefined;
      if (m !== null && wrong === null) wrong = `attribute ${JSON.stringify(k)}: ${m}`;
    }
    if (missing.length === 1) return `attribute ${JSON.stringify(missing[0])} is required`;
    if (missing.length === 2) return `attributes ${JSON.stringify(missing[0])} and ${JSON.stringify(missing[1])} are required`;
    if (missing.length > 2) return `attributes ${missing.slice(0, -1).map((m) => JSON.stringify(m)).join(', ')}, and ${JSON.stringify(missing.at(-1))} are required`;
    return wrong;
  }
  if (isTup(to)) {
    if (fk !== 'tuple') return required;
    const got = (from as { tuple: Ty[] }).tuple;
    if (got.length !== to.tuple.length) return required;
    for (let i = 0; i < got.length; i++) { const m = mismatch(got[i], to.tuple[i]); if (m !== null) return m === undefined ? undefined : required; }
    return null;
  }
  const tk = kindOf(to)!;
  const ety = elemOf(to);
  // mismatchMessageCollectionsFrom*: a collection of the wrong kind is named with the constraint's name
  const wrongKind = `${constraintName(to)} required`;
  if (fk === 'list' || fk === 'set' || fk === 'map') {
    if ((tk === 'map') !== (fk === 'map')) return wrongKind;
    const m = mismatch(tyElem(from), ety);
    return m === null || m === undefined ? m : `incorrect ${tk} element type: ${m}`;
  }
  if (fk === 'object' || fk === 'tuple') { if ((tk === 'map') !== (fk === 'object')) return wrongKind; } else return required;
  const elems: Array<[string, Ty]> = fk === 'tuple' ? (from as { tuple: Ty[] }).tuple.map((t, i) => [String(i), t]) : sortedKeys((from as { object: object }).object).map((k) => [k, (from as { object: Record<string, Ty> }).object[k]]);
  if (!elems.length) return null;
  if (ety === 'any') {
    const u = unifyTypes(elems.map((x) => x[1]));
    if (u === undefined) return undefined;
    const noun = tk === 'map' ? 'map' : tk;
    if (u === null || (tk !== 'map' && u === 'dynamic' && !elems.every((x) => x[1] === 'dynamic'))) return `all ${noun} elements must have the same type`;
    return null;
  }
  for (const [k, t] of elems) {
    const m = mismatch(t, ety);
    if (m === undefined) return undefined;
    if (m !== null) return `element ${fk === 'tuple' ? k : JSON.stringify(k)}: ${m}`;
  }
  return null;
}

/** the type's FriendlyName (a value's: no optional attributes, dynamic for any) */
const tyFriendly = (t: Ty): string => (typeof t === 'string' ? t : 'object' in t ? 'object' : 'tuple' in t ? 'tuple' : `${tyKind(t)} of ${tyFriendly(tyElem(t))}`);
const hasDynamic = (t: TC): boolean => hasAny(t);

/**
 * MismatchMessage's last cases (go-cty v1.18.1): "X required, but have Y" (FriendlyNames) unless the
 * two types are likely to confuse (typesAreLikelyToCauseConfusion: both primitive or both not,
 * neither string wanted, nor a bool and a number, nor a collection of exact type for one of
 * `any`, nor a tuple for an object), then "X required" with the constraint's name
 */
function defaultMismatch(from: Ty, to: TC): string {
  const fromPrim = isPrimTy(from) || from === 'dynamic';
  const toPrim = typeof to === 'string' && to !== 'any';
  const fk = tyKind(from);
  const clear = fromPrim !== toPrim || to === 'string' || (to === 'bool' && from === 'number') || (from === 'bool' && to === 'number')
    || ((fk === 'list' || fk === 'set' || fk === 'map') && kindOf(to) !== undefined && !tyHasDynamic(tyElem(from)) && hasDynamic(elemOf(to)))
    || (fk === 'tuple' && isObj(to));
  return clear ? `${friendlyName(to)} required, but have ${tyFriendly(from)}` : `${constraintName(to)} required`;
}

/** a constant's type (tyOf), an empty collection an optional attribute's default made being one of dynamic elements */
function valueTy(v: Value, depth: number): Ty | undefined {
  const t = tyOf(v);
  if (t || v === null || typeof v !== 'object' || depth > 64) return t;
  const k = collectionKind(v) as 'list' | 'set' | 'map' | undefined;
  const items = Array.isArray(v) ? v : Object.values(v);
  if (k) {
    const first = items.find((x) => x !== null);
    const e = first === undefined ? 'dynamic' : valueTy(first, depth + 1);
    return e === undefined ? undefined : ({ [k]: e } as Ty);
  }
  if (Array.isArray(v)) {
    const ts = v.map((x) => valueTy(x, depth + 1));
    return ts.every((x) => x !== undefined) ? { tuple: ts as Ty[] } : undefined;
  }
  const o: Record<string, Ty> = {};
  for (const key of Object.keys(v)) { const x = valueTy(v[key], depth + 1); if (!x) return undefined; o[key] = x; }
  return { object: o };
}

class Refused { constructor(readonly message: string, readonly bare: string) {} }
class NotFollowed {}

/** tfdiags.FormatCtyPath of a conversion's place */
const pathText = (path: Array<string | number>): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : p.startsWith('"') ? `[${p}]` : `.${p}`)).join('');

/** a conversion whose type exists: the value converted (its errors: a primitive that does not convert, at its path) */
function conv(v: Value, from: Ty, to: TC, path: Array<string | number>, depth: number, ex?: BigNum): Value {
  if (depth > 64) throw new NotFollowed();
  if (to === 'any' || v === null) return v;
  const fail = (why: string): never => { throw new Refused(path.length ? `${pathText(path)}: ${why}` : why, why); };
  if (typeof to === 'string') {
    if (typeof v === 'object') return fail(`${to} required`);
    if (to === 'string') return typeof v === 'number' ? (ex ? bigText(ex) : ctyText(v)) : String(v);
    if (typeof v === typeof (to === 'number' ? 0 : true)) return v;
    const c = to === 'number' ? toNumber(v) : toBool(v);
    if ('err' in c) return fail(c.err);
    return 'n' in c ? c.n : c.b;
  }
  if (typeof v !== 'object') throw new NotFollowed();
  if (isObj(to)) {
    if (Array.isArray(v)) throw new NotFollowed();
    const fo = (from as { object: Record<string, Ty> }).object;
    const out: Record<string, Value> = {};
    for (const k of sortedKeys(v)) {
      if (!Object.hasOwn(to.object, k)) continue;
      const x = exactAt(v, k);
      out[k] = conv(v[k], fo[k], to.object[k], [...path, k], depth + 1, x);
      keepExact(out, k, out[k], x);
    }
    for (const k of to.optional) if (!Object.hasOwn(out, k)) out[k] = null;
    // a null attribute (given, or a missing optional one) is a null of its attribute's type
    for (const k of Object.keys(out)) if (out[k] === null) keepNullTy(out, k, plain(to.object[k]));
    return out;
  }
  if (isTup(to)) {
    if (!Array.isArray(v)) throw new NotFollowed();
    const ft = (from as { tuple: Ty[] }).tuple;
    const out = v.map((x, i) => conv(x, ft[i], to.tuple[i], [...path, i], depth + 1, exactAt(v, i)));
    out.forEach((x, i) => { keepExact(out, i, x, exactAt(v, i)); if (x === null) keepNullTy(out, i, plain(to.tuple[i])); });
    return out;
  }
  const tk = kindOf(to)!;
  const ety = elemOf(to);
  const name = `${tk} of ${friendlyName(ety)}`;
  if (Array.isArray(v) ? !v.length : !Object.keys(v).length) {
    // an empty collection has the constraint's element type, `any` in it dynamic (map of object, not map of dynamic)
    const empty = typed(Array.isArray(v) ? [] : {}, name);
    keepEmptyTy(empty, plain(to));
    return empty;
  }
  // an element type to be unified from the elements (list(any), map(any)): types.ts follows it
  if (ety === 'any') {
    const c = convertTo(v, from, plain(to));
    if (!c) throw new NotFollowed();
    if ('err' in c) return fail(c.err);
    return c.value;
  }
  const fk = tyKind(from);
  const felem = (i: string): Ty => (fk === 'tuple' ? (from as { tuple: Ty[] }).tuple[Number(i)] : fk === 'object' ? (from as { object: Record<string, Ty> }).object[i] : tyElem(from));
  // an element type with `any` inside: the converted elements are unified again
  // (conversionUnifyListElements, conversionUnifyCollectionElements)
  const unified = (xs: Value[]): { xs: Value[]; name: string; ty?: Ty } => {
    if (!hasAny(ety)) return { xs, name };
    if (xs.length < 2) {
      // one element: its own type (a null's, the element type's)
      const t = xs[0] === null ? plain(ety) : valueTy(xs[0], 0);
      if (t === undefined) throw new NotFollowed();
      return { xs, name: `${tk} of ${tyFriendly(t)}`, ty: t };
    }
    // a null element was converted to the element type: a null of that type
    const tys = xs.map((x) => (x === null ? plain(ety) : valueTy(x, 0)));
    if (tys.some((t) => t === undefined)) throw new NotFollowed();
    // a set's elements must have one type already (conversionTupleToSet: CanSetVal)
    if (tk === 'set') {
      if (!tys.every((t) => tyEquals(t!, tys[0]!))) return fail('element types must all match for conversion to set');
      return { xs, name: `${tk} of ${tyFriendly(tys[0]!)}`, ty: tys[0]! };
    }
    const u = unifyTypes(tys as Ty[]);
    if (u === undefined || u === 'dynamic') throw new NotFollowed();
    // conversionUnifyListElements is given the last element's path; conversionUnifyCollectionElements the map's
    if (u === null) { if (tk === 'list') path = [...path, xs.length - 1]; return fail('cannot find a common base type for all elements'); }
    const out = xs.map((x, i) => { const c = convertTo(x, tys[i]!, u); if (!c || 'err' in c) throw new NotFollowed(); return c.value; });
    // cty.ListVal / MapVal: where the unified type is dynamic the elements keep their own types, which must be one
    const one = elementsType(out, tys as Ty[], u);
    if (one === undefined) throw new NotFollowed();
    if (one === null) return fail(tk === 'map' ? 'attribute types must all match for conversion to map' : 'element types must all match for conversion to list');
    return { xs: out, name: `${tk} of ${tyFriendly(one)}`, ty: one };
  };
  if (tk === 'map') {
    if (Array.isArray(v)) throw new NotFollowed();
    const keys = sortedKeys(v);
    const u = unified(keys.map((k) => conv(v[k], felem(k), ety, [...path, JSON.stringify(k)], depth + 1, exactAt(v, k))));
    const out = typed(Object.fromEntries(keys.map((k, i) => [k, u.xs[i]])), u.name);
    for (const k of keys) { keepExact(out, k, out[k], exactAt(v, k)); if (out[k] === null) keepNullTy(out, k, u.ty ?? plain(ety)); }
    return out;
  }
  if (!Array.isArray(v)) throw new NotFollowed();
  const u = unified(v.map((x, i) => conv(x, felem(String(i)), ety, [...path, i], depth + 1, exactAt(v, i))));
  if (tk === 'list') { u.xs.forEach((x, i) => { keepExact(u.xs, i, x, exactAt(v, i)); if (x === null) keepNullTy(u.xs, i, u.ty ?? plain(ety)); }); return typed(u.xs, u.name); }
  // a set: primitives in go-cty's order, structures by their hash (types.ts)
  if (typeof ety === 'string') return typed(primitiveSet(u.xs), u.name);
  const set = hasAny(ety) && !u.ty ? undefined : structuralSet(u.xs, u.ty ?? plain(ety));
  if (!set) throw new NotFollowed();
  return typed(set, u.name);
}
function hasAny(t: TC): boolean {
  if (t === 'any') return true;
  if (typeof t === 'string') return false;
  if (isObj(t)) return Object.values(t.object).some(hasAny);
  if (isTup(t)) return t.tuple.some(hasAny);
  return hasAny(elemOf(t));
}

/**
 * convert.Convert of a constant value to a type constraint: `err` in go-cty's words (a type with no
 * conversion: MismatchMessage; a value: its reason, after its path when `withPath`, as Terraform's
 * tfdiags.FormatError writes a cty.PathError); undefined when bdm-lab does not follow it
 */
export function convertConstraint(v: Value, to: TC, withPath = true): { value: Value } | { err: string } | undefined {
  const from = valueTy(v, 0);
  if (!from) return undefined;
  if (same(from, to)) return { value: v };
  const m = mismatch(from, to);
  if (m === undefined) return undefined;
  if (m !== null) return { err: m };
  try { return { value: conv(v, from, to, [], 0) }; } catch (e) {
    if (e instanceof Refused) return { err: withPath ? e.message : e.bare };
    if (e instanceof NotFollowed) return undefined;
    throw e;
  }
}
