/**
 * A jsonc-parser-shaped tree built from JSON.parse's value, whose offsets are found only when
 * somebody asks for one. Judging a large valid body then costs JSON.parse plus the rules;
 * positions are computed only when something is reported or shown: one pass over the text
 * places the nodes made so far, and a node made later is placed from its nearest placed
 * ancestor's text (see Locator).
 */
import type { Node, NodeType } from 'jsonc-parser';
import { indexOfSpelled, needleOf, writesFloat } from './floatLiterals';

type Seg = string | number;

/** the last Locator's number (a text's places are told apart by it, holding no reference to the text) */
let locators = 0;

/**
 * The tree of the previous version of a text and the one edit since, inside one of its string
 * values (parse/splice.ts): the edit kept the structure, so every node of the new tree stands
 * where its counterpart stood, shifted by the edit.
 */
export interface PlacesBefore {
  root: LazyNode;
  /** the edit, in the previous text: `oldLength` characters at `offset` became `newLength` */
  offset: number;
  oldLength: number;
  newLength: number;
}

class Locator {
  /** this text's number, unique in the process */
  readonly serial = ++locators;
  constructor(readonly text: string, private readonly rootOf: () => LazyNode, private floatsKnown: boolean | undefined, private before: PlacesBefore | undefined) {}

  /**
   * Whether the text writes a number with a fraction or an exponent: one scan of the text, on
   * first ask (a body whose numbers' spellings nothing reads, or reads one by one from their own
   * text, is not scanned).
   */
  get floats(): boolean {
    return (this.floatsKnown ??= writesFloat(this.text));
  }
  /** `floats` if the text was scanned (or the flag given), else undefined */
  get floatsIfKnown(): boolean | undefined {
    return this.floatsKnown;
  }

  /**
   * Forgets the previous version's tree: a tree reads places from one version back at most, so
   * that the versions of a document being typed in do not stay alive as a chain.
   */
  forgetBefore(): void {
    this.before = undefined;
  }

  /** how many times the whole text was searched for a key spelled once (onlyPropertySpan) */
  onlySpellingAsks = 0;
  /** how many times the whole text was searched for a key of a list's entries (listKeyPlace) */
  listKeyScans = 0;
  /** the keys such a search found spelled more than once (not searched for again) */
  spelledAgain: string[] | undefined = undefined;
  private plain: boolean | undefined = undefined;
  /** whether the text holds no backslash: no escape anywhere, every quote opens or closes a string (one scan, on first ask) */
  get noBackslash(): boolean {
    return (this.plain ??= !this.text.includes('\\'));
  }

  /**
   * A node's place. The first place asked for walks the whole text once, placing the nodes made
   * so far (no node is made for it); a node made later is placed by walking only the text of its
   * nearest placed ancestor (for a big body: one entry). Every node is walked as often as a
   * node below it is first asked for after its own walk, so reporting every entry stays linear.
   */
  locate(n: LazyNode): { offset: number; length: number } {
    const was = this.before && inherited(n, this.before);
    if (was) return was;
    let a = n.parent as LazyNode | undefined;
    while (a && !a.isPlaced()) a = a.parent as LazyNode | undefined;
    new Walk(this.text).from(a ?? this.rootOf(), a === undefined);
    // never expected: a partial walk that missed the node falls back to the whole text
    if (!n.isPlaced() && a !== undefined) new Walk(this.text).from(this.rootOf(), true);
    return n.isPlaced() ? { offset: n.offset, length: n.length } : { offset: 0, length: 0 };
  }
}

/**
 * A node's place read from its counterpart in the previous version's tree (the node at the same
 * path, when that tree has made and placed it; never placing anything there): before the edit it
 * stands where it stood, after the edit it is shifted, around the edit (the edited string and the
 * containers holding it) it is longer or shorter by the edit. Undefined when the counterpart has
 * no place yet (the caller then walks this text).
 */
function inherited(n: LazyNode, b: PlacesBefore): { offset: number; length: number } | undefined {
  const chain: LazyNode[] = [];
  for (let x: LazyNode | undefined = n; x.parent; x = x.parent as LazyNode) chain.push(x);
  let o: LazyNode | undefined = b.root;
  for (let k = chain.length - 1; k >= 0; k--) {
    const kids = o.made() as LazyNode[] | undefined;
    if (!kids) return undefined;
    const x = chain[k];
    const type: NodeType = (x.parent as LazyNode).type;
    // an array's element by its index, a property's key or value by its part, a property by its key
    const c: LazyNode | undefined = type === 'array' ? kids[x.seg as number] : type === 'property' ? kids[x.isKey ? 0 : 1] : kids.find((p) => p.seg === x.seg);
    if (c === undefined || c.type !== x.type) return undefined;
    o = c;
  }
  if (!o.isPlaced()) return undefined;
  const off = o.offset;
  const end = off + o.length;
  const delta = b.newLength - b.oldLength;
  // (the edit lies inside one string value: a node either ends before it, starts after it, or holds it)
  if (end <= b.offset) n.place(off, end - off);
  else if (off >= b.offset + b.oldLength) n.place(off + delta, end - off);
  else if (off < b.offset && end > b.offset + b.oldLength) n.place(off, end - off + delta);
  else return undefined;
  if (o.flat) n.flat = true;
  return { offset: n.offset, length: n.length };
}

/** a whole string (escapes and all) or one bracket: the tokens a skip over a container's text counts */
const SKIP_TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|[{}[\]]/g;
/**
 * A container with no container inside, strings jumped whole: most skipped containers of a big
 * body (its entries), each one native match instead of a call per string and bracket.
 */
const FLAT_OBJECT = /\{[^"{}[\]]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"{}[\]]*)*\}/y;

/** the walk propertySpan reads with (its text only during a call) */
let SCRATCH: Walk | undefined;

/** an object with no bracket of any kind inside, even in a string (flatPropertyAt) */
const NO_BRACKET_OBJECT = /\{[^{}[\]]*\}/y;
const FLAT_ARRAY = /\[[^"{}[\]]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"{}[\]]*)*\]/y;

/**
 * One walk over (part of) a text JSON.parse accepted, alongside the tree: it places the nodes
 * that exist and skips the text of those never made. A duplicated key's earlier values are
 * walked too, and the last one, whose value the tree holds (as in Python), overwrites their places.
 */
class Walk {
  private i = 0;
  constructor(private t: string) {}

  /** the one walk propertySpan reads a flat entry's property with, on `text` (let go of with release) */
  static scratch(text: string): Walk {
    const w = (SCRATCH ??= new Walk(''));
    w.t = text;
    return w;
  }
  /** lets the scratch walk's text go (no document is held past its call) */
  release(): void {
    this.t = '';
  }

  from(n: LazyNode, whole: boolean): void {
    if (whole) { this.i = 0; this.value(n); return; }
    this.i = n.offset;
    if (n.type === 'property') this.property(n);
    else this.value(n);
  }

  private blanks(): void {
    const t = this.t;
    let i = this.i;
    for (let c = t.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = t.charCodeAt(++i));
    this.i = i;
  }

  /** from an opening quote to just after its closing quote */
  private stringEnd(start: number): number {
    const t = this.t;
    for (let q = start; ;) {
      q = t.indexOf('"', q + 1);
      if (q < 0) return t.length;
      let b = q - 1;
      while (t.charCodeAt(b) === 92) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
    }
  }

  /**
   * From an opening bracket to just after its closing one, in a text JSON.parse accepted: a flat
   * container in one match (FLAT_OBJECT, FLAT_ARRAY), else brackets counted, strings jumped whole
   * (SKIP_TOKEN, a native scan instead of a call per character and per value).
   */
  private skipContainer(): boolean {
    const t = this.t;
    const flat = t.charCodeAt(this.i) === 123 ? FLAT_OBJECT : FLAT_ARRAY;
    flat.lastIndex = this.i;
    if (flat.test(t)) { this.i = flat.lastIndex; return true; }
    const re = SKIP_TOKEN;
    re.lastIndex = this.i;
    let depth = 0;
    while (re.test(t)) {
      const end = re.lastIndex;
      const c = t.charCodeAt(end - 1);
      if (c === 123 || c === 91) depth++;
      else if ((c === 125 || c === 93) && --depth === 0) { this.i = end; return false; }
    }
    this.i = t.length;
    return false;
  }

  /**
   * The places of property `key` of the object whose '{' is at `from` (its last occurrence: the
   * one whose value the tree holds), read from the text without making a node.
   */
  propertyAt(from: number, key: string): PropertyPlace | undefined {
    let found: PropertyPlace | undefined;
    if (this.openObject(from)) {
      for (let more = true; more;) {
        more = this.readProperty();
        if (this.keyIs(this.pk, this.pke, key)) found = { key: this.pk, keyEnd: this.pke, value: this.pv, end: this.pend };
      }
    }
    return found;
  }

  /**
   * The places of property `key` of the object whose text is [from, end), in a text with no
   * backslash, when no bracket is written inside it (no container, even in a duplicated key's
   * earlier value, which JSON.parse's value does not show; a bracket in a string counts too): the
   * key's spelling in quotes, the last one followed by a ':' (a string value equal to the key is
   * followed by ',' or '}'). `flat`: the walk that placed the object found no container inside it
   * (strings jumped), so the text need not be looked at for brackets. Undefined otherwise, or
   * when the text does not spell the key so (then read property by property: propertyAt).
   */
  flatPropertyAt(from: number, end: number, key: string, flat: boolean): PropertyPlace | undefined {
    return this.flatPropertyFound(from, end, key, flat) ? { key: this.pk, keyEnd: this.pke, value: this.pv, end: this.pend } : undefined;
  }

  /** flatPropertyAt's search, its place left in pk, pke, pv and pend (no object made): whether it found one */
  private flatPropertyFound(from: number, end: number, key: string, flat: boolean): boolean {
    const t = this.t;
    // no bracket up to the object's own '}' (the scan stops at the first bracket of any kind)
    NO_BRACKET_OBJECT.lastIndex = from;
    if (!flat && (!NO_BRACKET_OBJECT.test(t) || NO_BRACKET_OBJECT.lastIndex !== end)) return false;
    const needle = needleOf(key);
    // (with no escape in the text, a quote followed by the key and a quote is a whole string)
    for (let at = t.lastIndexOf(needle, end - needle.length); at > from; at = t.lastIndexOf(needle, at - 1)) {
      if (this.propertyFound(at, at + needle.length)) return true;
    }
    return false;
  }

  /** flatPropertyAt's part `part` of the property found, or undefined (partOf without a place object) */
  flatPropertySpan(from: number, end: number, key: string, flat: boolean, part: PropertyPart): { offset: number; length: number } | undefined {
    return this.flatPropertyFound(from, end, key, flat) ? this.foundSpan(part) : undefined;
  }

  /** part `part` of the property whose key's quotes are at `key` and `keyEnd - 1` (undefined when no ':' follows) */
  spanFrom(key: number, keyEnd: number, part: PropertyPart): { offset: number; length: number } | undefined {
    return this.propertyFound(key, keyEnd) ? this.foundSpan(part) : undefined;
  }

  /** part `part` of the property last found (pk, pke, pv, pend), as partOf reads a place */
  private foundSpan(part: PropertyPart): { offset: number; length: number } {
    if (part === 'key') return { offset: this.pk, length: this.pke - this.pk };
    if (part === 'whole') return { offset: this.pk, length: this.pend - this.pk };
    return { offset: this.pv, length: part === 'value' ? this.pend - this.pv : 1 };
  }

  /** the place of the one property of the whole text (with no backslash) whose key is spelled `key`, if the text spells it once */
  onlySpelling(key: string): PropertyPlace | undefined {
    const t = this.t;
    const end = key.length + 2;
    // one pass: to the first spelling, then from it to the end for a second
    const at = indexOfSpelled(t, key, 0);
    if (at < 0 || indexOfSpelled(t, key, at + end) >= 0) return undefined;
    // (the one spelling of a key the text holds is that key: a ':' follows)
    return this.propertyFrom(at, at + end);
  }

  /** the property whose key's quotes are at `key` and `keyEnd - 1`, read on to its value's end; undefined when no ':' follows the string (a value, not a key) */
  private propertyFrom(key: number, keyEnd: number): PropertyPlace | undefined {
    return this.propertyFound(key, keyEnd) ? { key: this.pk, keyEnd: this.pke, value: this.pv, end: this.pend } : undefined;
  }

  /** propertyFrom, its place left in pk, pke, pv and pend: whether a ':' follows the string */
  private propertyFound(key: number, keyEnd: number): boolean {
    this.i = keyEnd;
    this.blanks();
    if (this.t.charCodeAt(this.i) !== 58) return false;
    this.i++;
    this.blanks();
    this.pk = key;
    this.pke = keyEnd;
    this.pv = this.i;
    this.value(undefined);
    this.pend = this.i;
    return true;
  }

  /** whether the key whose quotes are at `ks` and `ke - 1` is `key` as JSON.parse reads it: compared in the text unless it has an escape */
  private keyIs(ks: number, ke: number, key: string): boolean {
    const t = this.t;
    for (let q = ks + 1; q < ke - 1; q++) if (t.charCodeAt(q) === 92) return JSON.parse(t.slice(ks, ke)) === key;
    return ke - ks - 2 === key.length && t.startsWith(key, ks + 1);
  }

  /**
   * every property of the object whose '{' is at `from`, by key: a duplicated key's place is its
   * last, its rank in the map's order its first (a Map keeps a key where it was first set)
   */
  allProperties(from: number): Map<string, PropertyPlace> {
    const all = new Map<string, PropertyPlace>();
    if (this.openObject(from)) {
      for (let more = true; more;) {
        more = this.readProperty();
        all.set(this.keyAt(this.pk, this.pke), { key: this.pk, keyEnd: this.pke, value: this.pv, end: this.pend });
      }
    }
    return all;
  }

  /** the key whose quotes are at `ks` and `ke - 1`, as JSON.parse reads it */
  private keyAt(ks: number, ke: number): string {
    const raw = this.t.slice(ks + 1, ke - 1);
    return raw.includes('\\') ? (JSON.parse(this.t.slice(ks, ke)) as string) : raw;
  }

  // the property readProperty read last: its key's quotes at pk and pke - 1, its value from pv to pend
  private pk = 0;
  private pke = 0;
  private pv = 0;
  private pend = 0;

  /** to the first property of the object whose '{' is at `from`: false when it has none */
  private openObject(from: number): boolean {
    this.i = from + 1;
    this.blanks();
    return this.t.charCodeAt(this.i) !== 125;
  }

  /** reads the property at the walk's place (pk, pke, pv, pend) and what follows it: true when another property follows (a ',') */
  private readProperty(): boolean {
    this.blanks();
    this.pk = this.i;
    this.pke = this.i = this.stringEnd(this.pk);
    this.blanks();
    this.i++; // ':'
    this.blanks();
    this.pv = this.i;
    this.value(undefined);
    this.pend = this.i;
    this.blanks();
    return this.t.charCodeAt(this.i++) === 44; // ',' goes on, '}' ends
  }

  /** a property from its key's opening quote: its key node and its value */
  private property(p: LazyNode | undefined): void {
    const ks = this.i;
    const ke = (this.i = this.stringEnd(ks));
    this.blanks();
    this.i++; // ':'
    const kids = p?.made();
    this.value(kids?.[1] as LazyNode | undefined);
    // the property is placed whether or not its key and value nodes are made yet
    if (kids) (kids[0] as LazyNode).place(ks, ke - ks);
    p?.place(ks, this.i - ks);
  }

  private value(n: LazyNode | undefined): void {
    const t = this.t;
    this.blanks();
    const start = this.i;
    const c = t.charCodeAt(start);
    if ((c === 123 || c === 91) && (n === undefined || n.made() === undefined)) {
      // no node made inside (a big body's entries that no finding reads): only its end is wanted
      const flat = this.skipContainer();
      if (n?.type === (c === 123 ? 'object' : 'array')) {
        n.place(start, this.i - start);
        if (flat) n.flat = true;
      }
    } else if (c === 123) {
      this.i++;
      const obj = n && n.type === 'object' ? n : undefined;
      const props = obj ? propsOf(obj) : undefined;
      this.blanks();
      if (t.charCodeAt(this.i) === 125) this.i++;
      else {
        for (;;) {
          this.blanks();
          let p: LazyNode | undefined;
          if (props) {
            const ks = this.i;
            p = props(this.keyAt(ks, this.stringEnd(ks)));
          }
          this.property(p);
          this.blanks();
          if (t.charCodeAt(this.i++) !== 44) break; // ',' goes on, '}' ends
        }
      }
      obj?.place(start, this.i - start);
    } else if (c === 91) {
      this.i++;
      const arr = n && n.type === 'array' ? n : undefined;
      const kids = arr?.made();
      this.blanks();
      if (t.charCodeAt(this.i) === 93) this.i++;
      else {
        for (let k = 0; ; k++) {
          this.value(kids?.[k] as LazyNode | undefined);
          this.blanks();
          if (t.charCodeAt(this.i++) !== 44) break;
        }
      }
      arr?.place(start, this.i - start);
    } else if (c === 34) {
      this.i = this.stringEnd(start);
      if (n?.type === 'string') n.place(start, this.i - start);
    } else {
      let i = this.i;
      for (let d = t.charCodeAt(i); i < t.length && d !== 44 && d !== 125 && d !== 93 && d !== 32 && d !== 10 && d !== 13 && d !== 9; d = t.charCodeAt(++i));
      this.i = i;
      if (n && n.type !== 'object' && n.type !== 'array' && n.type !== 'string' && n.type !== 'property') n.place(start, i - start);
    }
  }
}

/** Which part of a property a span covers: its key, its value, the whole property, or its value's first character (source/doc.ts Part says the same). */
export type PropertyPart = 'key' | 'value' | 'whole' | 'start';

/** Where a property is written: its key (quotes included) from `key` to `keyEnd`, its value from `value` to `end`. */
export interface PropertyPlace {
  key: number;
  keyEnd: number;
  value: number;
  end: number;
}

/**
 * The places of property `key` of a lazy object (placing the object), read from its text: no
 * node is made for its properties, keys or values (a body's thousands of findings on one key of
 * each entry made eight nodes per entry). Undefined when the object does not write the key.
 */
export function propertyPlace(obj: LazyNode, key: string): PropertyPlace | undefined {
  if (obj.type !== 'object') return undefined;
  // an entry's few properties: one scan for the first place asked; an object asked again (an
  // entry with findings on several keys), or a big one (thousands of keys, each with a finding),
  // is scanned once more for all its places, which are kept
  let all = ALL_PLACES.get(obj);
  if (all) return all.get(key);
  const from = obj.offset;
  const few = fewKeys(obj.raw as object);
  // an object with no container inside, in a text with no escape: the key's own spelling, found
  // backwards from the object's end, is its last occurrence, however often the object is asked
  // (an entry's few keys read one by one were most of what placing a note on every entry cost)
  if (few && obj.locator.noBackslash) {
    const at = new Walk(obj.locator.text).flatPropertyAt(from, from + obj.length, key, obj.flat);
    if (at) return at;
  }
  if ((obj.locator.serial !== lastAskedText || from !== lastAskedAt) && few) {
    lastAskedText = obj.locator.serial;
    lastAskedAt = from;
    return new Walk(obj.locator.text).propertyAt(from, key);
  }
  ALL_PLACES.set(obj, (all = new Walk(obj.locator.text).allProperties(from)));
  return all.get(key);
}

/**
 * A part of property `key` of a lazy object, read from its text (propertyPlace): its key, its
 * value, the whole property, or its value's first character. Undefined when the object does not
 * hold the key as its own (JSON.parse's value says so; no text is read then).
 */
export function propertySpan(obj: LazyNode, key: string, part: PropertyPart): { offset: number; length: number } | undefined {
  if (obj.type !== 'object' || !Object.prototype.hasOwnProperty.call(obj.raw, key)) return undefined;
  // an entry of a list whose entries' keys one scan of the text placed (listKeyPlace): no walk at all
  const listed = listKeyPlace(obj, key);
  if (listed >= 0) {
    const w = Walk.scratch(obj.locator.text);
    try {
      const s = w.spanFrom(listed, listed + key.length + 2, part);
      if (s) return s;
    } finally {
      w.release();
    }
  }
  // propertyPlace's first way, read by the one scratch walk into the span (a big body's note on
  // every entry made a walk and a place object per note)
  if (!ALL_PLACES.has(obj) && obj.locator.noBackslash && fewKeys(obj.raw as object)) {
    const from = obj.offset;
    const w = Walk.scratch(obj.locator.text);
    try {
      const s = w.flatPropertySpan(from, from + obj.length, key, obj.flat, part);
      if (s) return s;
    } finally {
      w.release();
    }
  }
  const at = propertyPlace(obj, key);
  return at ? partOf(at, part) : { offset: 0, length: 0 };
}

/** a list this long or longer has its entries' key places found by one scan (listKeyPlace) */
const LIST_SCAN_MIN_ENTRIES = 8;
/** and at most this many lists and keys of one text are scanned (each scan reads the whole text) */
const LIST_SCANS = 16;
/** per list, per key: where each entry's key is spelled (its opening quote; -1: the entry has no such key), or null when one scan cannot tell */
const LIST_KEYS = new WeakMap<LazyNode, Map<string, Int32Array | null>>();

/**
 * Where the key `key` of an element of a list is spelled (its opening quote), or -1 when not
 * known so. A big body's note on every entry (its device_name) placed each entry by a walk of
 * its text and then searched it; instead, one native search of the whole text (with no
 * backslash) for the key's spelling: when the text spells it exactly as often as the list's
 * elements hold it as their own key, every spelling is one element's key, in the list's order.
 */
function listKeyPlace(obj: LazyNode, key: string): number {
  const list = obj.parent as LazyNode | undefined;
  if (list?.type !== 'array' || typeof obj.seg !== 'number') return -1;
  let byKey = LIST_KEYS.get(list);
  let at = byKey?.get(key);
  if (at === undefined) {
    const loc = list.locator;
    const items = list.raw as unknown[];
    at = null;
    if (items.length >= LIST_SCAN_MIN_ENTRIES && loc.noBackslash && loc.listKeyScans < LIST_SCANS) {
      loc.listKeyScans++;
      at = keySpellings(loc.text, items, key);
    }
    if (!byKey) LIST_KEYS.set(list, (byKey = new Map()));
    byKey.set(key, at);
  }
  return at ? at[obj.seg] : -1;
}

/** listKeyPlace's scan: each item's key's spelling, or null when the text spells the key other than once per item that holds it */
function keySpellings(text: string, items: readonly unknown[], key: string): Int32Array | null {
  const at = new Int32Array(items.length).fill(-1);
  let k = 0;
  const next = (): number => {
    for (; k < items.length; k++) {
      const r = items[k];
      if (r !== null && typeof r === 'object' && !Array.isArray(r) && Object.prototype.hasOwnProperty.call(r, key)) return k++;
    }
    return -1;
  };
  // (in a text with no backslash, a quote, the key and a quote are a whole string: a key or a value)
  for (let p = indexOfSpelled(text, key, -1); p >= 0; p = indexOfSpelled(text, key, p + key.length + 1)) {
    const owner = next();
    if (owner < 0) return null; // spelled more often: a value, another object's key, a duplicated key
    at[owner] = p;
  }
  // every holder spells its key at least once (no escapes), so none may be left
  return next() < 0 ? at : null;
}

function partOf(at: PropertyPlace, part: PropertyPart): { offset: number; length: number } {
  if (part === 'key') return { offset: at.key, length: at.keyEnd - at.key };
  if (part === 'whole') return { offset: at.key, length: at.end - at.key };
  return { offset: at.value, length: part === 'value' ? at.end - at.value : 1 };
}

/**
 * a text may be searched whole for a key spelled once (onlyPropertySpan) at most this many times
 * (of any length: a big body's entries are placed by their keys' spellings, listKeyPlace, so
 * its one note on the server object, flavorRef, would otherwise walk the whole text for itself)
 */
const ONLY_SPELLING_ASKS = 8;

/**
 * A part of property `key` of a lazy object when the whole text spells the key once and has no
 * backslash: that one spelling is the key the object holds (JSON.parse says it does), found by
 * one native pass over the text, with no walk placing the nodes before it (a body's one note,
 * on its flavorRef, walked the whole body). Undefined otherwise: a text asked too often already
 * (each search reads the whole text), a key spelled more than once.
 */
export function onlyPropertySpan(obj: LazyNode, key: string, part: PropertyPart): { offset: number; length: number } | undefined {
  const loc = obj.locator;
  if (obj.type !== 'object' || loc.onlySpellingAsks >= ONLY_SPELLING_ASKS || !loc.noBackslash) return undefined;
  if (!Object.prototype.hasOwnProperty.call(obj.raw, key) || loc.spelledAgain?.includes(key) || siblingHas(obj, key)) return undefined;
  loc.onlySpellingAsks++;
  const at = new Walk(loc.text).onlySpelling(key);
  if (!at) (loc.spelledAgain ??= []).push(key);
  return at && partOf(at, part);
}

/** whether another element of the list holding the object has the key too (the text then spells it again: not searched for) */
function siblingHas(obj: LazyNode, key: string): boolean {
  const list = obj.parent as LazyNode | undefined;
  if (list?.type !== 'array') return false;
  for (const r of list.raw as unknown[]) if (r !== obj.raw && r !== null && typeof r === 'object' && Object.prototype.hasOwnProperty.call(r, key)) return true;
  return false;
}

/** the object propertyPlace scanned for one place last: its text's number and its offset (no reference: a closed document is not kept) */
let lastAskedText = 0;
let lastAskedAt = -1;

/**
 * The keys of a lazy object as its text lists them, a duplicated key at its first place (as
 * Python's dict has them): JSON.parse's order but for integer-like keys, which JavaScript lists first.
 */
export function keysInText(obj: LazyNode): string[] {
  if (obj.type !== 'object') return [];
  const keys = Object.keys(obj.raw as object);
  return keys.some(isIndexKey) ? [...new Walk(obj.locator.text).allProperties(obj.offset).keys()] : keys;
}

/** a key JavaScript lists before the others (an array index) */
const isIndexKey = (k: string) => /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 2 ** 32 - 1;

const ALL_PLACES = new WeakMap<LazyNode, Map<string, PropertyPlace>>();
const FEW_KEYS = 16;
/** (JSON.parse's objects: own keys only; for-in lists them all before the first, so a big object is counted once: ALL_PLACES) */
function fewKeys(o: object): boolean {
  let n = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k) && ++n > FEW_KEYS) return false;
  return true;
}

/** The made property nodes of an object by key (none made: undefined, its text is only skipped). */
function propsOf(obj: LazyNode): ((key: string) => LazyNode | undefined) | undefined {
  const kids = obj.made() as LazyNode[] | undefined;
  if (!kids) return undefined;
  if (kids.length <= 8) return (key) => kids.find((p) => p.seg === key);
  const byKey = new Map<string, LazyNode>();
  for (const p of kids) byKey.set(p.seg as string, p);
  return (key) => byKey.get(key);
}

export class LazyNode implements Node {
  type: NodeType;
  value?: unknown;
  parent?: Node;
  /** the key or index under its parent container (null for the root) */
  readonly seg: Seg | null;
  readonly isKey: boolean;
  /**
   * Whether the tree's text may write a number with a fraction or an exponent (`10.0`, `1e1`):
   * Python's json keeps those as floats where JSON.parse makes 10, so then a number's own text
   * says what Nova reads (numberText); without one, JSON.parse's value says it all.
   */
  get mayHoldFloats(): boolean {
    return this.locator.floats;
  }
  /** mayHoldFloats if the tree's text was scanned for float literals already, else undefined (no scan) */
  get floatsIfKnown(): boolean | undefined {
    return this.locator.floatsIfKnown;
  }
  /** what JSON.parse made of this node's text (for a key: the key string) */
  readonly raw: unknown;
  /** set by the walk that placed this container when it holds no container (strings jumped): FLAT_OBJECT, FLAT_ARRAY */
  flat = false;
  /** the node's place, -1 until placed (two numbers: a body has tens of thousands of nodes) */
  private off = -1;
  private len = 0;
  private kids: Node[] | undefined = undefined;
  readonly locator: Locator;

  constructor(type: NodeType, seg: Seg | null, raw: unknown, locator: Locator, isKey = false) {
    this.type = type;
    this.seg = seg;
    this.raw = raw;
    this.isKey = isKey;
    this.locator = locator;
    if (type !== 'object' && type !== 'array' && type !== 'property') this.value = raw;
  }
  /** Child nodes, made on first use: judging a big body touches few of them. */
  get children(): Node[] | undefined {
    if (this.kids !== undefined || (this.type !== 'object' && this.type !== 'array' && this.type !== 'property')) return this.kids;
    const v = this.raw;
    const loc = this.locator;
    if (this.type === 'array') {
      const arr = v as unknown[];
      const kids: Node[] = new Array(arr.length);
      for (let i = 0; i < arr.length; i++) kids[i] = nodeFor(arr[i], i, loc, this);
      this.kids = kids;
    } else if (this.type === 'object') {
      const keys = Object.keys(v as object);
      const kids: Node[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const p = new LazyNode('property', keys[i], (v as Record<string, unknown>)[keys[i]], loc);
        p.parent = this;
        kids[i] = p;
      }
      this.kids = kids;
    } else {
      // a property: its key, then its value
      const k = this.seg as string;
      const key = new LazyNode('string', k, k, loc, true);
      key.parent = this;
      this.kids = [key, nodeFor(this.raw, k, loc, this)];
    }
    return this.kids;
  }
  /** the child nodes made so far (none: undefined); never makes them */
  made(): Node[] | undefined {
    return this.kids;
  }
  set children(c: Node[] | undefined) {
    this.kids = c;
  }
  get offset(): number {
    if (this.off < 0) this.fill();
    return this.off;
  }
  get length(): number {
    if (this.off < 0) this.fill();
    return this.len;
  }
  private fill(): void {
    const s = this.locator.locate(this);
    this.off = s.offset;
    this.len = s.length;
  }
  /** set by the locator's walks */
  place(offset: number, length: number): void {
    this.off = offset;
    this.len = length;
  }
  isPlaced(): boolean {
    return this.off >= 0;
  }
}

function nodeFor(v: unknown, seg: Seg | null, loc: Locator, parent: Node | undefined): LazyNode {
  const type: NodeType = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  const n = new LazyNode(type, seg, v, loc);
  n.parent = parent;
  return n;
}

/**
 * The lazy tree for a value that JSON.parse produced from `text`: only the root exists until
 * asked. `floats`: the text may write a number with a fraction or an exponent (mayHoldFloats);
 * undefined: worked out from the text when first asked.
 * `before`: the previous version's tree and the edit since (parse/splice.ts), whose places are
 * read, shifted, before this text is walked.
 */
export function lazyTree(text: string, value: unknown, floats?: boolean, before?: PlacesBefore): LazyNode {
  const holder: { root?: LazyNode } = {};
  // the previous version reads no places from its own previous one any more (one version back at most)
  before?.root.locator.forgetBefore();
  const locator = new Locator(text, () => holder.root!, floats, before);
  holder.root = nodeFor(value, null, locator, undefined);
  return holder.root;
}

/**
 * Lets a tree forget the previous version's tree it reads places from (PlacesBefore), once the
 * places its version needs are read (after its diagnostics and the entries' hovers are made
 * ready): the previous version then dies with its own analysis instead of living one version
 * longer. Nothing for a tree of another kind.
 */
export function forgetPreviousVersion(root: unknown): void {
  if (root instanceof LazyNode) root.locator.forgetBefore();
}
