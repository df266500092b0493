/**
 * The values bdm-lab computes for Terraform expressions and the results eval.ts and functions.ts
 * give back, with go-cty's conversions between primitive types (numbers written and parsed as
 * go-cty does), its equality and its type names.
 */
import type { Span } from '../../text/span';
import type { Block } from './hcl';
import { bigOfFloat, bigText, parseBig, type BigNum } from './bignum';

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

/** a diagnostic Terraform gives when it evaluates an expression ("Summary: Detail"), on its subject */
export interface Diag { message: string; span: Span }

/**
 * `diags`: what Terraform refuses while it evaluates the expression. As in hcl, a value comes back
 * with its diagnostics (a template with a refused part is still the string before it), and the
 * diagnostics of every operand are kept; Terraform shows them sorted by position (refusal()).
 */
export type Result =
  /**
   * `num`: a number as go-cty holds it (512-bit big.Float, bignum.ts) when bdm-lab kept it exactly
   * (a literal, an operation, a reference to one); `value` is then its nearest float64. `nullTy`: a
   * null's type when go-cty gives it one (cty.NullVal(T): a conversion's null, a variable's null
   * default); a null without it is the literal's, of type dynamic
   */
  | { kind: 'known'; value: Value; diags?: Diag[]; num?: BigNum; nullTy?: Ty }
  /** a resource's or data source's id: a stand-in, `of` names what it points to */
  | { kind: 'ref'; value: string; of: Ref; diags?: Diag[] }
  /**
   * `ty`: the value's type when Terraform knows it (go-cty converts by type, known or not);
   * `shallow`: a tuple or object literal whose elements are not all known (known itself to go-cty:
   * IsKnown is shallow), `len` its element count, `items` a tuple's elements (element() picks one),
   * `fields` an object's attributes (an index or attribute step reads one); `type`: the whole type
   * when Terraform knows it (a variable's type constraint, a collection's element type)
   */
  | { kind: 'unknown'; why: string; span: Span; diags?: Diag[]; ty?: CtyType; shallow?: true; len?: number; items?: Result[]; fields?: { [k: string]: Result }; type?: Ty;
    /** a string that starts with an absolute path (path.cwd: "/…", "C:/…"): no conversion to a number or a bool accepts it */
    absPath?: true };

export type CtyType = 'string' | 'number' | 'bool' | 'tuple' | 'object';

/** a go-cty type (types.ts works with it) */
export type Ty =
  | 'string' | 'number' | 'bool' | 'dynamic'
  | { tuple: Ty[] }
  | { object: Record<string, Ty> }
  | { list: Ty } | { set: Ty } | { map: Ty };

/** the diagnostic Terraform shows first for a result (tfdiags Sort: by subject start, then end), if any */
export function refusal(r: Result | undefined): Diag | undefined {
  const d = r?.diags;
  if (!d?.length) return undefined;
  return [...d].sort((x, y) => x.span.offset - y.span.offset || x.span.length - y.span.length)[0];
}

export interface Ref {
  /** e.g. openstack_blockstorage_volume_v3.data, data.openstack_images_image_v2.ubuntu */
  address: string;
  /** the resource's block when it is in the file */
  block: Block | null;
  /** a data source (looked up at plan time) */
  data: boolean;
}

/** the kind of thing a resource type's id names (for stand-in ids) */
export function idKind(type: string): string {
  if (/blockstorage_volume/.test(type)) return 'volume';
  if (/blockstorage_snapshot/.test(type)) return 'snapshot';
  if (/images_image/.test(type)) return 'image';
  if (/compute_instance/.test(type)) return 'server';
  if (/compute_flavor/.test(type)) return 'flavor';
  if (/networking_port/.test(type)) return 'port';
  if (/networking_network/.test(type)) return 'network';
  if (/servergroup/.test(type)) return 'server-group';
  return type.replace(/^openstack_/, '');
}

/**
 * A string as go-cty converts it to a number (cty.ParseNumberVal: math/big's ParseFloat in base 10):
 * the whole text, no spaces; a decimal mantissa with an optional `e` (power of ten) or `p` (power
 * of two) exponent, or `Inf`/`inf` with an optional sign. null when it is not a number.
 */
export function ctyNumber(s: string): number | null {
  if (/^[+-]?[Ii]nf$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|[pP]([+-]?\d+))?$/.exec(s);
  if (!m) return null;
  if (m[3] !== undefined) return Number(m[1]) * 2 ** Number(m[3]);
  return Number(m[2] === undefined ? m[1] : `${m[1]}e${m[2]}`);
}

/** a number as go-cty writes it when it converts it to a string (big.Float Text 'f', -1: plain digits, never an exponent) */
export function ctyText(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const t = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(t);
  if (!m) return t;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return m[1] + digits + '0'.repeat(point - digits.length);
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** go-cty's FriendlyName of a value's type, as MismatchMessage writes it */
export const ctyType = (v: Value): CtyType => (Array.isArray(v) ? 'tuple' : v !== null && typeof v === 'object' ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number');

/** the type go-cty knows a result to have (a resource id is a string), else undefined (dynamic) */
export const typeOf = (r: Result): CtyType | undefined => (r.kind === 'known' ? (r.value === null ? undefined : ctyType(r.value)) : r.kind === 'ref' ? 'string' : r.ty);

/**
 * go-cty's convert.Convert of a known value to number: a string is parsed whole (cty.ParseNumberVal),
 * a bool or a structural value has no conversion (MismatchMessage); null stays null.
 */
export function toNumber(v: Value): { n: number | null } | { err: string } {
  if (v === null) return { n: null };
  if (typeof v === 'number') return { n: v };
  if (typeof v === 'string') { const n = ctyNumber(v); return n === null ? { err: 'a number is required' } : { n }; }
  return { err: `number required, but have ${ctyType(v)}` };
}

/** go-cty's convert.Convert of a known value to bool ("true"/"1", "false"/"0"; a hint for other cases of true/false) */
export function toBool(v: Value): { b: boolean | null } | { err: string } {
  if (v === null || typeof v === 'boolean') return { b: v };
  if (typeof v === 'string') {
    if (v === 'true' || v === '1') return { b: true };
    if (v === 'false' || v === '0') return { b: false };
    const low = v.toLowerCase();
    return { err: low === 'true' || low === 'false' ? `a bool is required; to convert from string, use lowercase "${low}"` : 'a bool is required' };
  }
  return { err: `bool required, but have ${ctyType(v)}` };
}

/** Terraform's equality: same type and value (1 and "1" differ) */
export function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
  }
  return a === b;
}

/** go-cty: every string is NFC-normalized when it becomes a value (cty.StringVal, ctystrings.Normalize) */
export const nfc = (v: Value): Value => (typeof v === 'string' ? v.normalize('NFC') : v);

/**
 * The go-cty number of a known result: the one kept exactly, else a string's or a float64's read at
 * 512 bits (what a literal spelled as bdm-lab's value would be); undefined for any other value
 */
export function numOf(r: Result): BigNum | undefined {
  if (r.kind !== 'known') return undefined;
  if (r.num) return r.num;
  if (typeof r.value === 'number') return bigOfFloat(r.value);
  if (typeof r.value === 'string') return parseBig(r.value) ?? undefined;
  return undefined;
}

/** a number result as go-cty converts it to a string (Text('f', -1) of the value it keeps) */
export const numText = (r: Result, n: number): string => (r.kind === 'known' && r.num ? bigText(r.num) : ctyText(n));

/**
 * go-cty keeps every number of a tuple, object or collection at 512 bits, bdm-lab's values hold
 * float64s: the exact number of an element (18446744073709551617, 0.1) is kept beside its
 * container, by key, so that reading it back (an index, an attribute, a conversion to string)
 * gives the number go-cty holds.
 */
const exactIn = new WeakMap<object, Map<string, BigNum>>();

/** keeps `num` as the exact number of container[key] (`n`, its float64); forgets it when there is none */
export function keepExact(container: object, key: string | number, n: Value, num: BigNum | undefined): void {
  if (!num || typeof n !== 'number') { exactIn.get(container)?.delete(String(key)); return; }
  let m = exactIn.get(container);
  if (!m) exactIn.set(container, (m = new Map()));
  m.set(String(key), num);
}

/** the exact number kept for container[key], if any */
export const exactAt = (container: Value, key: string | number): BigNum | undefined =>
  container !== null && typeof container === 'object' ? exactIn.get(container)?.get(String(key)) : undefined;

/**
 * The type of a typed null inside a tuple, object or collection (a conversion's, a missing optional
 * attribute's), by key beside its container as exact numbers are: an index or attribute step that
 * reads it back gives a null of that type (`nullTy`). A null without an entry is of type dynamic.
 */
const nullIn = new WeakMap<object, Map<string, Ty>>();

/** keeps `t` as the type of the null container[key] (nothing for dynamic) */
export function keepNullTy(container: object, key: string | number, t: Ty | undefined): void {
  if (t === undefined || t === 'dynamic') return;
  let m = nullIn.get(container);
  if (!m) nullIn.set(container, (m = new Map()));
  m.set(String(key), t);
}

/** the type kept for the null container[key], if any */
export const nullTyAt = (container: Value, key: string | number): Ty | undefined =>
  container !== null && typeof container === 'object' ? nullIn.get(container)?.get(String(key)) : undefined;

/** what an element's result says beside its container: its exact number, or its type when it is a typed null */
export function keepResult(container: object, key: string | number, r: Result): void {
  if (r.kind !== 'known') return;
  keepExact(container, key, r.value, r.num);
  if (r.value === null) keepNullTy(container, key, r.nullTy);
}
