/**
 * Python's str() and repr() of a value as Heat holds it (a YAML 1.1 value: str, int, float, bool,
 * None, list, dict), for Heat's messages that print values ("Value 'x' is not an integer").
 */
import { byCodePoints } from '../../parse/pyrepr';

function reprNumber(v: number, float: boolean): string {
  if (!float && Number.isInteger(v)) return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const s = String(v);
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s;
}

function reprString(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return q + out + q;
}

/**
 * The numbers in plain lists and maps that a JavaScript number does not tell apart (a Python float
 * of integral value, `1.0`; an int past 2^53): Python's repr() of each, by the container and the
 * item's index or key. Only containers that hold such a number are here (the YAML reader and
 * json.loads mark them), so printing other values costs one look-up per container.
 */
const exactNumbers = new WeakMap<object, Map<string | number, { n: number; text: string }>>();

/** mark a container's item (the number n) as the number Python's repr() writes as `text` */
export function markExact(container: object, key: string | number, n: number, text: string): void {
  let m = exactNumbers.get(container);
  if (!m) exactNumbers.set(container, (m = new Map()));
  m.set(key, { n, text });
}

/** forget a container's mark for an item (a key written again) */
export function clearExact(container: object, key: string | number): void {
  exactNumbers.get(container)?.delete(key);
}

/** Python's repr() of a container's item where a JavaScript number does not say it (markExact; an item since replaced is not) */
export function exactAt(container: object, key: string | number): string | undefined {
  const m = exactNumbers.get(container)?.get(key);
  return m && (container as Record<string | number, unknown>)[key] === m.n ? m.text : undefined;
}

/** repr() of an item of a container with marks */
const itemRepr = (marks: Map<string | number, { n: number; text: string }> | undefined, k: string | number, x: unknown, r: (x: unknown) => string) => {
  const m = marks?.get(k);
  return m && x === m.n ? m.text : r(x);
};

/**
 * The lists of byte values that are Python bytes (a `!!binary` value where Heat keeps it as bytes:
 * a parameter's schema, template.ts marks them); any other list is a list.
 */
const bytesValues = new WeakSet<object>();

/** mark a list of byte values as Python bytes */
export function markBytes(a: number[]): void {
  bytesValues.add(a);
}

/** whether a value is Python bytes (markBytes) */
export function isPyBytes(v: unknown): v is number[] {
  return Array.isArray(v) && bytesValues.has(v);
}

/** Python's repr() of bytes: b'...' (double quotes when there is a ' and no "), \xNN past printable ASCII */
function reprBytes(a: readonly number[]): string {
  const q = a.includes(0x27) && !a.includes(0x22) ? 0x22 : 0x27;
  let out = '';
  for (const b of a) {
    if (b === q || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  const quote = String.fromCharCode(q);
  return `b${quote}${out}${quote}`;
}

/** the text int() and float() read in bytes: their ASCII characters, or null when one is not ASCII (never a number) */
export function bytesAscii(a: readonly number[]): string | null {
  let s = '';
  for (const b of a) {
    if (b >= 0x80) return null;
    s += String.fromCharCode(b);
  }
  return s;
}

/**
 * The lists of members that are Python sets (a `!!set` value where Heat keeps it as a set: a
 * parameter's schema, template.ts marks them, its members once each in written order).
 */
const setValues = new WeakSet<object>();

/** mark a list of members as a Python set */
export function markSet(a: unknown[]): void {
  setValues.add(a);
}

/** The lists that are Python tuples (an `!!omap`/`!!pairs` item where Heat keeps it: a parameter's schema, template.ts marks them). */
const tupleValues = new WeakSet<object>();

/** mark a list as a Python tuple */
export function markTuple(a: unknown[]): void {
  tupleValues.add(a);
}

/** whether a value is a Python set (markSet) */
export function isPySet(v: unknown): v is unknown[] {
  return Array.isArray(v) && setValues.has(v);
}

const smallInt = (x: unknown): number | null => (typeof x === 'boolean' ? Number(x) : typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 8 ? x : null);

/**
 * The members of a set in the order Python iterates them, where that order is known: none or one,
 * or ints (bools too) from 0 to 7, each its own hash and below the smallest table's size, so
 * ascending. Strings hash differently in each Python process: null, as for anything else.
 */
export function setOrder(a: readonly unknown[]): readonly unknown[] | null {
  if (a.length <= 1) return a;
  const ints = a.map(smallInt);
  if (ints.some((x) => x === null)) return null;
  return a.map((x, i) => [x, ints[i]!] as const).sort((p, q) => p[1] - q[1]).map(([x]) => x);
}

/** whether a value holds a set whose order Python's str() would show and bdm-lab does not know (setOrder); one visit of each node */
export function holdsUnorderedSet(v: unknown): boolean {
  const todo = [v];
  const seen = new Set<object>();
  for (let i = 0; i < todo.length; i++) {
    const x = todo[i];
    if (x === null || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    if (isPySet(x) && setOrder(x) === null) return true;
    for (const y of Array.isArray(x) ? x : Object.values(x)) todo.push(y);
  }
  return false;
}

/**
 * The type json.dumps first refuses in a value (bytes or a set: its TypeError names it), depth
 * first in its order, or null; each node visited once
 */
export function jsonRefusedType(v: unknown): 'bytes' | 'set' | null {
  const todo = [v];
  const seen = new Set<object>();
  while (todo.length) {
    const x = todo.pop();
    if (x === null || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    if (isPyBytes(x)) return 'bytes';
    if (isPySet(x)) return 'set';
    const next = Array.isArray(x) ? x : Object.values(x);
    for (let i = next.length - 1; i >= 0; i--) todo.push(next[i]);
  }
  return null;
}

/** Python's repr() of a set: set() or {...} (in written order where setOrder does not know it: callers check holdsUnorderedSet first) */
function reprSet(a: readonly unknown[]): string {
  const marks = exactNumbers.get(a);
  const order = setOrder(a) ?? a;
  return a.length ? `{${order.map((x) => itemRepr(marks, a.indexOf(x), x, pyRepr)).join(', ')}}` : 'set()';
}

/** Python's repr() */
export function pyRepr(v: unknown, float = false): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return reprNumber(v, float);
  if (typeof v === 'string') return reprString(v);
  if (isPyBytes(v)) return reprBytes(v);
  if (isPySet(v)) return reprSet(v);
  const marks = exactNumbers.get(v as object);
  // a tuple: (a, b), one item with its comma
  if (Array.isArray(v) && tupleValues.has(v)) return `(${v.map((x, i) => itemRepr(marks, i, x, pyRepr)).join(', ')}${v.length === 1 ? ',' : ''})`;
  if (Array.isArray(v)) return `[${v.map((x, i) => itemRepr(marks, i, x, pyRepr)).join(', ')}]`;
  return `{${pyEntries(v as object).map(([k, x]) => `${reprString(k)}: ${itemRepr(marks, k, x, pyRepr)}`).join(', ')}}`;
}

/** Python's truth of a plain value: None, False, 0, '', an empty list or dict are false */
export function pyTruth(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return !(v === null || v === undefined || v === false || v === 0 || v === '');
}

/**
 * The text Python's int() and float() read: each Unicode decimal digit (category Nd, which
 * Unicode puts in runs of ten, zero first) as its ASCII digit
 */
export function asciiDigits(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  const nd = (cp: number) => cp >= 0 && /\p{Nd}/u.test(String.fromCodePoint(cp));
  return s.replace(/\p{Nd}/gu, (c) => {
    const cp = c.codePointAt(0)!;
    let start = cp;
    // (at most a few runs of ten lie side by side)
    while (cp - start < 100 && nd(start - 1)) start--;
    return String((cp - start) % 10);
  });
}

/** Python's str() */
export function pyStr(v: unknown, float = false): string {
  return typeof v === 'string' ? v : pyRepr(v, float);
}

/**
 * A dict's keys in Python's order beside the object that holds it: a JavaScript object lists keys
 * like array indexes (`'0'`) first, whatever their place, so where one is among them the order is
 * kept here (set by pyDict, keepKeyOrder; read by pyEntries)
 */
const keyOrders = new WeakMap<object, readonly string[]>();
const isIndexKey = (k: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;
export function keepKeyOrder(o: object, keys: readonly string[]): void {
  if (keys.some(isIndexKey)) keyOrders.set(o, keys);
  else keyOrders.delete(o);
}
/** a plain object of these entries, in their order (a repeated key keeps its first place) */
export function pyDict(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const o = Object.fromEntries(entries);
  keepKeyOrder(o, [...new Set(entries.map(([k]) => k))]);
  return o;
}
/** a dict's items in Python's order */
export function pyEntries(o: object): Array<[string, unknown]> {
  const ks = keyOrders.get(o);
  if (!ks) return Object.entries(o);
  const r = o as Record<string, unknown>;
  return ks.filter((k) => Object.hasOwn(r, k)).map((k) => [k, r[k]]);
}

/**
 * Python's json.dumps (", " and ": " separators, non-ASCII escaped), as oslo's jsonutils.dumps
 * writes a value; `sortKeys`: json.dumps(sort_keys=True), as Heat's list_join and str_replace write
 * a map or list they are given
 */
export function pyJsonDumps(v: unknown, sortKeys = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // (a marked number: a finite float or an int, which json.dumps writes as repr() does)
  const marks = exactNumbers.get(v as object);
  const dump = (x: unknown) => pyJsonDumps(x, sortKeys);
  if (Array.isArray(v)) return `[${v.map((x, i) => itemRepr(marks, i, x, dump)).join(', ')}]`;
  const entries = pyEntries(v as object);
  if (sortKeys) entries.sort(([a], [b]) => byCodePoints(a, b));
  return `{${entries.map(([k, x]) => `${pyJsonDumps(k)}: ${itemRepr(marks, k, x, dump)}`).join(', ')}}`;
}
