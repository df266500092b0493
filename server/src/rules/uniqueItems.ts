/**
 * Python jsonschema's `uniqueItems` (4.10.3, `_utils.uniq`), which Nova's schema check runs on
 * every item of the array, whatever its type. ajv's generated check, when the items' schema names
 * a type (`trusted_image_certificates`: strings), compares only the items of that type, so
 * `[1, 1]` or `[[], []]` passed it; this module answers as jsonschema does.
 *
 * jsonschema first sorts the items (bools replaced by markers no `<` accepts) and compares each
 * with the next; when Python's sort raises TypeError (items of two kinds, a bool, None or a dict
 * beside another item) it compares every pair instead. Its equality (`equal`) tells a bool from a
 * number at every depth, Python's `==` (which the sort uses) does not: so after a sort that
 * succeeds, two items jsonschema calls equal are missed when an item Python's `==` calls equal to
 * both, but jsonschema does not, sits between them (`[[1, true], [1, 1], [1, true]]` passes).
 *
 * Pure: values are read from the body; a number's Python repr is asked of the document only when
 * its value alone does not say what Python holds (an integer past 2^53, an infinity).
 */
import { byCodePoints } from '../parse/pyrepr';

/** a JSON number as Python holds it: an int (or an integral float: they compare equal), or another float */
type PyNum = { big: bigint } | { f: number };

/** Python's repr of the number at a body path (an int's digits, exact past 2^53; a float's `1e+20`, `inf`) */
export type NumberSpelling = (path: ReadonlyArray<string | number>) => string | undefined;

function pyNum(v: number, path: Array<string | number>, spelling: NumberSpelling): PyNum {
  if (Number.isSafeInteger(v)) return { big: BigInt(v) };
  if (!Number.isInteger(v) || !Number.isFinite(v)) {
    if (Number.isFinite(v)) return { f: v };
    // an infinity: a float literal past the double range, or an int literal of 309+ digits
    const t = spelling(path);
    return t !== undefined && /^-?\d+$/.test(t) ? { big: BigInt(t) } : { f: v };
  }
  const t = spelling(path);
  return t !== undefined && /^-?\d+$/.test(t) ? { big: BigInt(t) } : { big: BigInt(v) };
}

/** -1, 0, 1 as Python compares two numbers (exactly, int against float too) */
function numCmp(a: PyNum, b: PyNum): number {
  if ('big' in a && 'big' in b) return a.big < b.big ? -1 : a.big > b.big ? 1 : 0;
  if ('f' in a && 'f' in b) return a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
  const flip = 'f' in a;
  const i = (flip ? b : a) as { big: bigint };
  const f = (flip ? a : b) as { f: number };
  let r: number;
  if (f.f === Infinity) r = -1;
  else if (f.f === -Infinity) r = 1;
  else {
    // a finite non-integral float: the int is below it when it is at most its floor
    const fl = BigInt(Math.floor(f.f));
    r = i.big <= fl ? -1 : 1;
  }
  return flip ? -r : r;
}

/**
 * The key jsonschema's `equal` gives a value: two values are `equal` when their keys are. A bool
 * is never a number, an int equals the float of the same value, a dict's keys in any order.
 */
function eqKey(v: unknown, path: Array<string | number>, spelling: NumberSpelling): string {
  if (v === null) return 'N';
  if (v === true) return 'T';
  if (v === false) return 'F';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    const n = pyNum(v, path, spelling);
    return 'big' in n ? `i${n.big}` : `f${n.f}`;
  }
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      s += (i ? ',' : '') + eqKey(v[i], path, spelling);
      path.pop();
    }
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(byCodePoints);
  let s = '{';
  for (let i = 0; i < keys.length; i++) {
    path.push(keys[i]);
    s += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + eqKey(o[keys[i]], path, spelling);
    path.pop();
  }
  return s + '}';
}

/** Python's sort would raise TypeError */
class Unorderable extends Error {}

/** Python's `==` (a bool is the number 0 or 1 here) */
function pyEq(a: unknown, b: unknown, pa: Array<string | number>, pb: Array<string | number>, spelling: NumberSpelling): boolean {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined || nb !== undefined) {
    if (na === undefined || nb === undefined) return false;
    return numCmp(numOf(a, na, pa, spelling), numOf(b, nb, pb, spelling)) === 0;
  }
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      pa.push(i); pb.push(i);
      const same = pyEq(a[i], b[i], pa, pb, spelling);
      pa.pop(); pb.pop();
      if (!same) return false;
    }
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) {
    if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
    pa.push(k); pb.push(k);
    const same = pyEq(x[k], y[k], pa, pb, spelling);
    pa.pop(); pb.pop();
    if (!same) return false;
  }
  return true;
}

function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : undefined;
}
function numOf(v: unknown, n: number, path: Array<string | number>, spelling: NumberSpelling): PyNum {
  return typeof v === 'boolean' ? { big: BigInt(n) } : pyNum(n, path, spelling);
}

/** Python's `<` as a three-way comparison (throws Unorderable where Python raises TypeError) */
function pyCmp(a: unknown, b: unknown, pa: Array<string | number>, pb: Array<string | number>, spelling: NumberSpelling): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return numCmp(numOf(a, na, pa, spelling), numOf(b, nb, pb, spelling));
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : byCodePoints(a, b) < 0 ? -1 : 1;
  if (Array.isArray(a) && Array.isArray(b)) {
    // the first items Python's == tells apart decide; else the shorter list is first
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      pa.push(i); pb.push(i);
      try {
        if (!pyEq(a[i], b[i], pa, pb, spelling)) return pyCmp(a[i], b[i], pa, pb, spelling);
      } finally {
        pa.pop(); pb.pop();
      }
    }
    return a.length - b.length;
  }
  throw new Unorderable();
}

/**
 * Whether jsonschema 4.10.3 calls the array's items unique. `path` is the array's body path.
 * Linear in the array's text but for the sort (n log n comparisons, each of two items).
 */
export function pyUniqueItems(items: readonly unknown[], path: ReadonlyArray<string | number>, spelling: NumberSpelling): boolean {
  if (items.length < 2) return true;
  const sorted = sortedLikePython(items, path, spelling);
  if (sorted) {
    for (let k = 1; k < sorted.length; k++) {
      if (eqKey(items[sorted[k - 1]], [...path, sorted[k - 1]], spelling) === eqKey(items[sorted[k]], [...path, sorted[k]], spelling)) return false;
    }
    return true;
  }
  // every pair compared with jsonschema's equal: the same as looking the items' keys up
  const seen = new Set<string>();
  for (let k = 0; k < items.length; k++) {
    const key = eqKey(items[k], [...path, k], spelling);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/**
 * The items' indexes in the order Python's sorted() leaves them (stable), or null where it raises
 * TypeError: a bool, None or a dict among two or more items, or items Python cannot order.
 */
function sortedLikePython(items: readonly unknown[], path: ReadonlyArray<string | number>, spelling: NumberSpelling): number[] | null {
  // a bool is replaced by a marker that orders with nothing, as are None and a dict; a number and a string, or a list, never order
  const kind = (v: unknown) => (typeof v === 'number' ? 'n' : typeof v === 'string' ? 's' : Array.isArray(v) ? 'l' : 'x');
  const k0 = kind(items[0]);
  if (k0 === 'x') return null;
  for (let k = 1; k < items.length; k++) if (kind(items[k]) !== k0) return null;
  const order = items.map((_, k) => k);
  try {
    order.sort((x, y) => pyCmp(items[x], items[y], [...path, x], [...path, y], spelling));
  } catch (e) {
    if (e instanceof Unorderable) return null;
    throw e;
  }
  return order;
}
