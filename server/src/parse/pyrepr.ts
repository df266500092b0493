/**
 * Python 3's repr() and str() of the values a JSON body carries, so that bdm-lab's messages read
 * exactly like Nova's ("Invalid input for field/attribute boot_index. Value: abc. 'abc' does not
 * match ..."). The one place that spells Python values: every message goes through here.
 *
 * Python's json keeps ints exact and tells ints from floats by their spelling (`10` is an int,
 * `10.0` and `1e1` are floats), so numbers are printed from their source text when it is known:
 * `pyReprNode` reads it from the parsed tree, `pyRepr(v, raw)` takes it as an argument. A bare
 * JavaScript number (no source text) prints as an int when it is integral, else as a float.
 * test/unit/pyrepr.test.ts compares against a table labelled by python3 itself.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { LazyNode } from './lazyTree';
import { PRINTABLE_RANGES, classText, minus } from '../text/unicode14.cjs';

export function pyRepr(v: unknown, numberRaw?: string): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return numberRaw !== undefined ? pyNumberFromJson(numberRaw, v) : pyNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return pyStrRepr(v);
  if (Array.isArray(v)) return '[' + v.map((x) => pyRepr(x)).join(', ') + ']';
  if (typeof v === 'object') {
    return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`).join(', ') + '}';
  }
  return String(v);
}

/** str(): strings as they are, everything else as repr. */
export function pyStr(v: unknown, numberRaw?: string): string {
  return typeof v === 'string' ? v : pyRepr(v, numberRaw);
}

/** A JavaScript number with no source text: an int when integral, else a float. */
export function pyNumber(n: number): string {
  if (Number.isInteger(n)) return pyInt(n);
  return pyFloat(n);
}

/** Python's int of an integral number (exact digits, never an exponent). */
export function pyInt(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isSafeInteger(n)) return String(n === 0 ? 0 : n); // -0 is the int 0
  return BigInt(n).toString();
}

/**
 * A JSON number from its source text, as Python's json reads it: an int (exact, any size) unless
 * the spelling has a fraction or an exponent, then a float.
 */
export function pyNumberFromJson(raw: string, value = Number(raw)): string {
  const t = raw.trim();
  if (/^-?\d+$/.test(t)) return BigInt(t).toString();
  return pyFloat(value);
}

/**
 * Python's repr of a float: the shortest digits that round-trip (as JavaScript's), written
 * positionally when the decimal exponent is in [-4, 16), else as `d.ddde+XX` (two exponent
 * digits at least); integral floats keep `.0`.
 */
export function pyFloat(n: number): string {
  const a = Math.abs(n);
  // JavaScript writes the same shortest digits positionally from 1e-6 to 1e21, Python from 1e-4
  // to 1e16: a number with a fraction there reads the same in both (an integral one lacks `.0`)
  if (a >= 1e-4 && a < 1e16 && !Number.isInteger(n)) return String(n);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mant, expText] = Math.abs(n).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText); // value = 0.digits * 10^(exp+1)
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Python's ordering of str (`sorted`): by code points, where JavaScript's `<` compares UTF-16 units. */
export function byCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}

/** Python's repr of a str: its choice of quotes, its escapes, str.isprintable's idea of printable. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  // Plain printable ASCII needs only its backslashes and quote escaped (fast for huge values).
  if (/^[\x20-\x7e]*$/.test(s)) {
    // most values hold neither a backslash nor the quote: nothing to escape
    if (!s.includes('\\') && !s.includes(quote)) return quote + s + quote;
    return quote + s.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
  }
  // only what Python escapes is rewritten, found by one native scan (a call and two regex tests
  // per code point made a 2 MB name take most of a second the first time)
  return quote + s.replace(escapes(quote), quote === "'" ? escapeInSingle : escapeInDouble) + quote;
}

/** What Python's repr writes for a code point it escapes (a match of `escapes(quote)`). */
function pyEscape(ch: string, quote: string): string {
  if (ch === '\\') return '\\\\';
  if (ch === quote) return '\\' + quote;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? '\\x' + cp.toString(16).padStart(2, '0') : cp <= 0xffff ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
}
const escapeInSingle = (ch: string) => pyEscape(ch, "'");
const escapeInDouble = (ch: string) => pyEscape(ch, '"');
/**
 * What Python's repr escapes, per code point (the u flag: a pair is one, a lone surrogate is Cs):
 * whatever str.isprintable refuses (C*, Zl, Zp, and every space separator but ' ') by Unicode
 * 14.0's categories, those of the Python Nova runs on (a character assigned later is unassigned
 * there, so escaped), a backslash and the quote around the text. One negated class of the
 * printable ranges less those two characters.
 */
const escapesOutside = (quote: string) => new RegExp(`[^${classText(minus(PRINTABLE_RANGES, [0x5c, quote.charCodeAt(0)]))}]`, 'gu');
let escapeInSingleRe: RegExp | undefined;
let escapeInDoubleRe: RegExp | undefined;
/** the class for text in this quote, built on first need (printable ASCII never needs one) */
function escapes(quote: string): RegExp {
  return quote === "'" ? (escapeInSingleRe ??= escapesOutside("'")) : (escapeInDoubleRe ??= escapesOutside('"'));
}

/**
 * Keys an object's repr leaves out: `path` is where the object is (the path given with the value,
 * then each key and index below it). Nova's legacy v2 check deletes the keys its schema does not
 * know from the body as it validates, so an error's message shows the value without them
 * (rules/schema.ts).
 */
export type OmitKey = (path: ReadonlyArray<string | number>, key: string) => boolean;

/**
 * Python's repr of the JSON value at a parsed node: numbers from their source text, an object's
 * keys in their first place with their last value (a duplicated key, as Python's dict keeps it).
 */
export function pyReprNode(text: string, node: Node | undefined, omit?: OmitKey, path: Array<string | number> = []): string {
  if (!node) return 'None';
  switch (node.type) {
    case 'object': {
      const own = objectProps(text, node);
      const byKey = new Map<string, Node | undefined>();
      for (const p of own.props) byKey.set(String(p.children?.[0]?.value), p.children?.[1]);
      const items: string[] = [];
      for (const [k, v] of byKey) {
        if (omit?.(path, k)) continue;
        path.push(k);
        items.push(`${pyStrRepr(k)}: ${pyReprNode(own.text, v, omit, path)}`);
        path.pop();
      }
      return '{' + items.join(', ') + '}';
    }
    case 'array':
      return '[' + (node.children ?? []).map((c, i) => {
        path.push(i);
        const r = pyReprNode(text, c, omit, path);
        path.pop();
        return r;
      }).join(', ') + ']';
    case 'number':
      return pyNumberFromJson(numberText(text, node), node.value as number);
    default:
      return pyRepr(node.value);
  }
}

/**
 * Python's repr of a value JSON.parse made, spelled from the value alone; undefined where the
 * value does not say what Python's json reads: an int beyond 2^53 (rounded), an integral number
 * of a text that may write floats (`10` or `10.0`: `floats`), or an object with a key JavaScript
 * lists first (an integer-like key, where Python keeps the text's order). Then the text is read
 * (pyReprNode). A number with a fraction is a float however it is spelled (`1.50`, `15e-1`: both
 * parsers round to the same double).
 */
export function pyReprParsed(v: unknown, floats: Floats = false, omit?: OmitKey, path: Array<string | number> = []): string | undefined {
  if (v === null || typeof v !== 'object') return scalarRepr(v, floats);
  return reprOf(v, floats, omit, path);
}

/** whether the text may write a float literal, or how to find out (asked at the first integral number) */
export type Floats = boolean | (() => boolean);

/** the repr of a value that is not a container (undefined: none, or an object) */
function scalarRepr(v: unknown, floats: Floats): string | undefined {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'string':
      return pyStrRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      if (!Number.isInteger(v)) return pyFloat(v);
      // -0 is the int 0
      return Number.isSafeInteger(v) && !(typeof floats === 'function' ? floats() : floats) ? String(v === 0 ? 0 : v) : undefined;
    default:
      return undefined;
  }
}

/**
 * pyReprParsed of `v`, undefined when it has no repr. Written by appending to one string: V8
 * keeps the pieces as a rope and copies them once when the text is first read, where an array of
 * pieces joined at the end took twice the time (a refusal's words print the entry they refuse,
 * one per entry of a big body).
 */
function reprOf(v: unknown, floats: Floats, omit: OmitKey | undefined, path: Array<string | number>): string | undefined {
  if (v === null || typeof v !== 'object') return scalarRepr(v, floats);
  if (Array.isArray(v)) {
    // (a long list's items are joined once: a rope of a piece per item cost more than the array)
    const items: string[] | null = v.length > LONG_LIST ? new Array<string>(v.length) : null;
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (omit) path.push(i);
      const r = reprOf(v[i], floats, omit, path);
      if (omit) path.pop();
      if (r === undefined) return undefined;
      if (items) items[i] = r;
      else out += i > 0 ? ', ' + r : r;
    }
    return items ? '[' + items.join(', ') + ']' : out + ']';
  }
  let out = '{';
  let first = true;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    // integer-like keys come first in JavaScript's order: a first key that starts with a digit
    // may be one (the text is read then); a first that does not means there is none
    if (first && k.charCodeAt(0) >= 48 && k.charCodeAt(0) <= 57) return undefined;
    if (omit) {
      if (omit(path, k)) continue;
      path.push(k);
    }
    const r = reprOf(o[k], floats, omit, path);
    if (omit) path.pop();
    if (r === undefined) return undefined;
    out += (first ? '' : ', ') + keyRepr(k) + ': ' + r;
    first = false;
  }
  return out + '}';
}

/** a list longer than this has its items' reprs joined once (reprOf) */
const LONG_LIST = 16;

const KEY_REPRS = new Map<string, string>();
/** pyStrRepr of a key, one string per key name (the fields' names; bounded for any other) */
function keyRepr(k: string): string {
  let r = KEY_REPRS.get(k);
  if (r === undefined) {
    r = pyStrRepr(k);
    if (KEY_REPRS.size < 1024 && k.length <= 64) KEY_REPRS.set(k, r);
  }
  return r;
}

/** str() of the JSON value at a node: a string as it is, anything else as its repr. */
export function pyStrNode(text: string, node: Node | undefined, omit?: OmitKey, path?: Array<string | number>): string {
  return node && node.type === 'string' ? String(node.value) : pyReprNode(text, node, omit, path);
}

function numberText(text: string, node: Node): string {
  // The lazy tree (built from JSON.parse) holds a rounded value for an int beyond 2^53, and 10
  // for `10.0`: read such a number from the text (locating it costs one pass).
  if (node instanceof LazyNode && !node.mayHoldFloats && Number.isSafeInteger(node.value)) return String(node.value);
  return text.substr(node.offset, node.length);
}

function objectProps(text: string, node: Node): { text: string; props: Node[] } {
  const props = node.children ?? [];
  // The lazy tree lists keys in JavaScript's order (integer-like keys first); Python keeps the
  // text's order (a duplicated key in its first place): parse such an object's own text again.
  if (node instanceof LazyNode && props.some((p) => /^(0|[1-9]\d*)$/.test(String(p.children?.[0]?.value)))) {
    const own = text.substr(node.offset, node.length);
    const tree = parseTree(own);
    if (tree?.type === 'object') return { text: own, props: tree.children ?? [] };
  }
  return { text, props };
}

/** Python's str.isspace() of one code point (what int(), float(), str.strip(), str.split() and re's `\s` take for white space) */
export function isPySpace(c: number): boolean {
  if (c < 0x80) return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20);
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
