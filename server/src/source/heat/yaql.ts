/**
 * The `yaql` function (HOT 2016-10-14 on) for the expressions Heat templates realistically use,
 * as yaql 2.0.0 (the library Heat 19 calls, with Heat's limits: limit_iterators 200,
 * memory_quota 10000 bytes) parses and evaluates them: data access (`$.data.x`, `[i]`, `?.`),
 * literals, arithmetic, comparison, `and`/`or`/`not`, `in`, `let(...) -> expr` chains, and the
 * functions and methods in `CALLS` below. Facts only: yaql's grammar (PLY, operator precedence),
 * its overloads' types (a bool is no number, a string no collection, a dict no iterable),
 * method-only and function-only forms,
 * its lazy results (a `select` is an iterator: not equal to a list, not indexable).
 *
 * yaql's failure of an operator, a key or an index where Heat surely meets it (outside function
 * arguments and lambdas, but for the lambda of a whole-expression `select`, whose items Heat's
 * output conversion all reads; literal operands checked before any operand is evaluated, as
 * yaql's overload choice does) is `YaqlError`, in yaql's words; so are an expression that ends
 * where the parser needs more or closes a bracket it did not open (`YaqlParseError`) and
 * StopIteration where yaql surely raises it
 * (`YaqlStopIteration`: first(), last(), dict() run out of items). Anything else (another function,
 * a form yaql may read otherwise, another failure, a collection past 200 items, a value near the
 * memory quota, an evaluation past its step or work budget) gives `NotEvaluated`: the caller
 * leaves the function unresolved with a note, never a guess.
 */
import { byCodePoints, isPySpace } from '../../parse/pyrepr';

/** why an expression is not evaluated (the caller's note) */
export class NotEvaluated extends Error {}
const no = (why: string): never => { throw new NotEvaluated(why); };

/**
 * yaql's own failure of an operator, a key or an index, in its words (`heat`): a refusal where
 * Python raises it as bdm-lab does, outside any function's arguments and lambdas (there yaql may
 * check the arity first, or never run a lazy lambda); elsewhere a note
 */
export class OperatorFailure extends NotEvaluated {
  constructor(readonly heat: string) { super(`yaql fails: ${heat}`); }
}
/** an OperatorFailure where Heat surely raises it: Heat's refusal, in its words */
export class YaqlError extends Error {}
/**
 * yaql's parser refusing the expression where bdm-lab knows it does: at the end, where it needs
 * more (a missing `)`, `]` or `}`, an operator without its operand, an empty expression), or at a
 * closing bracket that no bracket of its kind opened: its words
 */
export class YaqlParseError extends YaqlError {}
/**
 * Python's StopIteration, where yaql surely raises it: first() or last() of an empty collection
 * without a default, a dict() item of fewer than two values. Its str() is empty; Heat's caller
 * decides the words (a generator it runs in turns it into a RuntimeError).
 */
export class YaqlStopIteration extends YaqlError {
  constructor(message = '') { super(message); }
}
/**
 * StopIteration raised by a call of yaql's directly in a lambda's body (first(), last(),
 * single(), dict() running out of items): a note unless what runs the lambda lets it out. A lazy
 * result (select, where, selectMany, distinct, orderBy) keeps it after the items made before it
 * (YList.poison), raised when something reads past them; an eager caller (aggregate, any, all)
 * raises it at once; reaching evaluateYaql it is yaql's StopIteration (`heat`: its words).
 */
export class PendingStop extends NotEvaluated {
  constructor(why: string, readonly heat: string) { super(why); }
}
/**
 * yaql's failure of an attribute on an item of a collection (`$.data.x` of a list: Python's lazy
 * map): a lazy result keeps it after the items made before it (YList.poison), raised only when
 * something reads past them (an index, a receiver check, a reader that stops early never meets
 * it); reaching evaluateYaql it is yaql's failure (`heat`: its words)
 */
export class PendingFailure extends NotEvaluated {
  constructor(readonly heat: string) { super(`yaql fails: ${heat}`); }
}
/**
 * what a lazy result keeps after its items: a lambda's StopIteration, an item's attribute failure,
 * or (a plain NotEvaluated) a lambda's failure bdm-lab does not word for sure: a note when read
 */
type Poison = PendingStop | PendingFailure | NotEvaluated;
const CLOSERS = new Set([')', ']', '}']);
/** the expression's end where the parser needs a token */
const endTooSoon = (): never => { throw new YaqlParseError('Parse error: unexpected end of statement'); };
const fails = (heat: string): never => { throw new OperatorFailure(heat); };
const noMatch = (fn: string): never => fails(`No function "${fn}" matches supplied arguments`);

/** a Python float (a JavaScript number is an int) */
export class PyFloat { constructor(readonly v: number) {} }
/**
 * a collection: `tuple` (yaql's lists), `list` (a Python list: split's),
 * `iter` (a lazy result: map, filter, chain, range; used once), `ordered` (orderBy's iterable),
 * `keys`, `values` and `items` (a dict's views; items() gives (key, value) tuples)
 */
export class YList {
  used = false;
  /** a lazy result whose lambda raised StopIteration or failed, or an item's attribute failed, after `items` (see Poison) */
  poison?: Poison;
  /**
   * a lazy result's Python object where bdm-lab knows it, as its repr names it (`map object`:
   * select and an attribute over a collection; `filter object`: where; `itertools.islice object`:
   * skip, take, limit; `generator object distinct`), for yaql's words
   */
  pyClass?: string;
  constructor(readonly items: YV[], readonly kind: 'tuple' | 'list' | 'iter' | 'ordered' | 'keys' | 'values' | 'items') {}
}

/** a lazy result tagged with its Python object's name */
const lazyOf = (l: YList, pyClass: string): YList => { l.pyClass = pyClass; return l; };

/**
 * a receiver as yaql's words print it (Python's str()): a lazy result bdm-lab knows the Python
 * object of (pyClass) as its repr, whose address (`0x7f…`) only that Python process knows:
 * written `0x…`, the rest of the words as yaql's
 */
function receiverWords(v: YV): string {
  if (v instanceof YList && v.kind === 'iter' && v.pyClass) return `<${v.pyClass} at 0x…>`;
  return pyStrOf(v, false);
}
export class YDict { constructor(readonly m: Map<string, YV>) {} }

/**
 * The items of a dict one of whose keys is a collection (a yaql list or dict, which yaql holds as
 * a tuple or a frozen dict: hashable). Only Heat's output conversion fails on it (the key made a
 * Python list or dict again: unhashable); bdm-lab reads its length (where it can tell which keys
 * are equal) and nothing else of it (a note).
 */
class CollectionKeyed extends Map<string, YV> {
  /** `count`: how many keys it has (equal keys are one), where bdm-lab can tell */
  constructor(readonly pyType: string, readonly before: YV[], private readonly count: number | null) { super(); }
  private static no(): never { return no('a dict with a collection as a key'); }
  override get size(): number { return this.count ?? CollectionKeyed.no(); }
  override get(): YV | undefined { return CollectionKeyed.no(); }
  override has(): boolean { return CollectionKeyed.no(); }
  override keys(): MapIterator<string> { return CollectionKeyed.no(); }
  override values(): MapIterator<YV> { return CollectionKeyed.no(); }
  override entries(): MapIterator<[string, YV]> { return CollectionKeyed.no(); }
  override forEach(): void { CollectionKeyed.no(); }
  override [Symbol.iterator](): MapIterator<[string, YV]> { return CollectionKeyed.no(); }
}

/**
 * The items of a dict with a key that is no string (a number, a bool, null), in Python's order
 * (keys equal as Python compares them, 1, 1.0 and True, are one: the first one's key and place, the
 * last one's value). Heat outputs it with those keys; bdm-lab reads it through dictPairs and
 * lookup (its length, keys, values, items, a value by its key) and outputs it; any other reading
 * of it (one that iterates the Map: equality, merging, set()) is a note.
 */
class ScalarKeyed extends Map<string, YV> {
  /** `at`: where each key is in `pairs`, by hashKey */
  constructor(readonly pairs: Array<[YV, YV]>, readonly at: Map<string, number>) { super(); }
  private static no(): never { return no('a dict key that is no string'); }
  override get size(): number { return this.pairs.length; }
  override get(): YV | undefined { return ScalarKeyed.no(); }
  override has(): boolean { return ScalarKeyed.no(); }
  override keys(): MapIterator<string> { return ScalarKeyed.no(); }
  override values(): MapIterator<YV> { return ScalarKeyed.no(); }
  override entries(): MapIterator<[string, YV]> { return ScalarKeyed.no(); }
  override forEach(): void { ScalarKeyed.no(); }
  override [Symbol.iterator](): MapIterator<[string, YV]> { return ScalarKeyed.no(); }
}

/** a dict's items as Heat's output conversion gives them: each key (a str, a number, a bool, None) and its value */
export function dictPairs(d: YDict): Array<[YV, YV]> {
  return d.m instanceof ScalarKeyed ? d.m.pairs : [...d.m];
}

/** a dict's value for a key as Python's dict finds it (1, 1.0 and True are one key); a key that is no str, number, bool or None is not followed */
function lookup(d: YDict, k: YV): { found: boolean; v?: YV } {
  if (k instanceof YList || k instanceof YDict || (isNum(k) && Number.isNaN(numOf(k)))) return no('a key that is a collection or NaN');
  if (d.m instanceof ScalarKeyed) {
    const i = d.m.at.get(hashKey(k));
    return i === undefined ? { found: false } : { found: true, v: d.m.pairs[i][1] };
  }
  // (a dict of str keys only: a key that is no str is none of them)
  if (typeof k !== 'string') return { found: false };
  return d.m.has(k) ? { found: true, v: d.m.get(k)! } : { found: false };
}

/** the Python type a collection key becomes in Heat's output conversion (a dict's items view stays one) */
const outputKeyType = (k: YList | YDict): string => (k instanceof YDict ? 'dict' : k.kind === 'keys' ? 'KeysView' : k.kind === 'items' ? 'ItemsView' : 'list');
export type YV = null | boolean | number | string | PyFloat | YList | YDict;

/** Heat's yaql.limitIterators */
const MAX_ITEMS = 200;
/** well below Heat's yaql.memoryQuota (10000 bytes of sys.getsizeof) */
const MAX_STRING_BYTES = 8000;
const MAX_STEPS = 200_000;
/** the values compared, hashed, copied or written, over one evaluation (evaluateYaql resets it; nothing runs two at once) */
const MAX_WORK = 5_000_000;
let work = 0;
const spend = (n: number): void => { if ((work += n) > MAX_WORK) no('an evaluation past bdm-lab\'s work budget'); };
const MAX_DEPTH = 60;
const MAX_EXPRESSION = 10_000;

// ---- lexer ---------------------------------------------------------------------------------

/** (an operator's `at`: its offset in the expression) */
type Tok = { t: 'num'; v: number; float: boolean } | { t: 'str'; v: string } | { t: 'kw'; v: string } | { t: 'func'; v: string } | { t: 'dollar'; v: string } | { t: 'op'; v: string; at: number } | { t: 'end' };

const WORD_OPS = new Set(['mod', 'in', 'not', 'and', 'or']);
const SYMBOLS = ['?.', '=~', '!~', '>=', '<=', '!=', '->', '=>', '.', '+', '-', '*', '/', '>', '<', '=', '(', ')', '[', ']', '{', '}', ','];
const isWord = (c: string) => /[A-Za-z0-9_]/.test(c);

function simpleEscape(c: string): string | undefined {
  return ({ '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[c];
}

/** a quoted string's body as yaql's decode_escapes reads it (an escape it does not know stays as written) */
function decodeEscapes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') { out += s[i]; continue; }
    const c = s[i + 1] ?? '';
    const simple = simpleEscape(c);
    if (simple !== undefined) { out += simple; i++; continue; }
    if (c === 'x' || c === 'u' || c === 'U' || c === 'N' || /[0-7]/.test(c)) no('an escape sequence in a string');
    out += '\\';
  }
  return out;
}

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    if (c.charCodeAt(0) > 0x7e) no('a character past ASCII outside a string');
    if (c === '$') {
      let j = i + 1;
      while (j < src.length && isWord(src[j])) j++;
      out.push({ t: 'dollar', v: src.slice(i, j) }); i = j; continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i, i + 400))!;
      if (i + m[0].length < src.length && isWord(src[i + m[0].length])) no('a number followed by a letter');
      if (m[1] === undefined && m[0].length > 15) no('a long number');
      out.push({ t: 'num', v: Number(m[0]), float: m[1] !== undefined }); i += m[0].length; continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && isWord(src[j])) j++;
      const w = src.slice(i, j);
      if (w.startsWith('__')) no('a name starting with __');
      if (src[j] === '(') { out.push({ t: 'func', v: w }); i = j + 1; continue; }
      if (WORD_OPS.has(w)) out.push({ t: 'op', v: w, at: i });
      else if (w === 'true' || w === 'false' || w === 'null') out.push({ t: 'kw', v: w });
      else out.push({ t: 'kw', v: w });
      i = j; continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\n' || src[j] === '\r') no('a line break in a string');
        j += src[j] === '\\' ? 2 : 1;
      }
      if (j >= src.length || src[j - 1] === '\n') no('a string without its closing quote');
      out.push({ t: 'str', v: decodeEscapes(src.slice(i + 1, j)) }); i = j + 1; continue;
    }
    if (c === '`') no('a verbatim string');
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (!sym) no(`the character ${JSON.stringify(c)}`);
    out.push({ t: 'op', v: sym!, at: i }); i += sym!.length;
  }
  out.push({ t: 'end' });
  return out;
}

// ---- parser (yaql's grammar and precedence, as a Pratt parser) -------------------------------

export type Node =
  | { k: 'const'; v: YV }
  | { k: 'kw'; v: string }
  | { k: 'var'; name: string }
  | { k: 'list'; args: Arg[] }
  | { k: 'map'; args: Arg[] }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'un'; op: string; x: Node }
  | { k: 'call'; name: string; args: Arg[] }
  | { k: 'index'; l: Node; args: Arg[] }
  | { k: 'paren'; x: Node };
type Arg = Node | { k: 'rule'; key: Node; value: Node };

/** binding power of each binary operator (yaql's table: `.` tightest, `->` loosest) */
const BINARY: Record<string, number> = {
  '.': 100, '?.': 100, '=~': 70, '!~': 70, '*': 60, '/': 60, mod: 60, '+': 50, '-': 50,
  '>': 40, '<': 40, '>=': 40, '<=': 40, '!=': 40, '=': 40, in: 40, and: 20, or: 10, '->': 5,
};
const INDEX_BP = 90;
const PREFIX: Record<string, number> = { '+': 80, '-': 80, not: 30 };

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Tok[], private readonly src: string) {}
  private peek(): Tok { return this.toks[this.i]; }
  private isOp(v: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === v; }
  private expect(v: string): void { if (!this.isOp(v)) this.unexpected(); this.i++; }
  /**
   * a token the grammar has no place for: yaql's words at the end, and at a closing bracket (which
   * no bracket opened, or another kind of bracket did: an error wherever yaql's grammar stands);
   * elsewhere a note
   */
  private unexpected(t: Tok = this.peek()): never {
    if (t.t === 'end') return endTooSoon();
    if (t.t === 'op' && CLOSERS.has(t.v)) {
      // the place in code points, the expression as written
      throw new YaqlParseError(`Parse error: unexpected '${t.v}' at position ${Array.from(this.src.slice(0, t.at)).length} of expression '${this.src}'`);
    }
    return no('a form yaql may read otherwise');
  }

  top(): Node {
    const n = this.expr(0);
    if (this.peek().t !== 'end') this.unexpected();
    return n;
  }

  expr(rbp: number): Node {
    if (++this.depth > MAX_DEPTH) no('an expression nested too deep');
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op') break;
      if (t.v === '[') {
        if (INDEX_BP <= rbp) break;
        this.i++;
        left = { k: 'index', l: left, args: this.args(']') };
        continue;
      }
      const bp = BINARY[t.v];
      if (bp === undefined || bp <= rbp) break;
      this.i++;
      if (t.v === '.' || t.v === '?.') {
        const r = this.peek();
        if (r.t !== 'kw' && r.t !== 'func') this.unexpected();
        left = { k: 'bin', op: t.v, l: left, r: this.prefix() };
        continue;
      }
      left = { k: 'bin', op: t.v, l: left, r: this.expr(bp) };
    }
    this.depth--;
    return left;
  }

  private prefix(): Node {
    const t = this.peek();
    this.i++;
    switch (t.t) {
      case 'num': return { k: 'const', v: t.float ? new PyFloat(t.v) : t.v };
      case 'str': return { k: 'const', v: t.v };
      case 'kw': return t.v === 'true' ? { k: 'const', v: true } : t.v === 'false' ? { k: 'const', v: false } : t.v === 'null' ? { k: 'const', v: null } : { k: 'kw', v: t.v };
      case 'dollar': return { k: 'var', name: t.v };
      case 'func': return { k: 'call', name: t.v, args: this.args(')') };
      case 'op':
        if (t.v === '(') { const n = this.expr(0); this.expect(')'); return { k: 'paren', x: n }; }
        if (t.v === '[') return { k: 'list', args: this.args(']') };
        if (t.v === '{') return { k: 'map', args: this.args('}') };
        if (PREFIX[t.v] !== undefined) return { k: 'un', op: t.v, x: this.expr(PREFIX[t.v]) };
        return this.unexpected(t);
      // (the end: an empty expression, an operator or a bracket without what follows)
      default: return endTooSoon();
    }
  }

  /** `args` then the closing token: values, then `name => value` pairs (no empty places) */
  private args(close: string): Arg[] {
    const out: Arg[] = [];
    if (this.isOp(close)) { this.i++; return out; }
    let named = false;
    for (;;) {
      const v = this.expr(0);
      if (this.isOp('=>')) {
        this.i++;
        out.push({ k: 'rule', key: v, value: this.expr(0) });
        named = true;
        if (this.isOp('=>')) no('a form yaql may read otherwise');
      } else {
        if (named) no('a form yaql may read otherwise');
        out.push(v);
      }
      if (this.isOp(',')) { this.i++; if (this.isOp(close)) this.unexpected(); if (this.isOp(',')) no('an empty argument'); continue; }
      this.expect(close);
      return out;
    }
  }
}

/**
 * yaql's parse of an expression as Heat's Yaql.validate runs it: yaql's words when bdm-lab knows
 * the parser fails so (YaqlParseError), null when it parses, undefined otherwise
 */
export function yaqlParseFailure(src: string): string | null | undefined {
  try {
    parseYaql(src);
    return null;
  } catch (e) {
    if (e instanceof YaqlParseError) return e.message;
    if (e instanceof NotEvaluated) return undefined;
    throw e;
  }
}

export function parseYaql(src: string): Node {
  if (src.length > MAX_EXPRESSION) no('a long expression');
  return new Parser(lex(src), src).top();
}

// ---- values ----------------------------------------------------------------------------------

const isNum = (v: YV): v is number | PyFloat => typeof v === 'number' || v instanceof PyFloat;
const numOf = (v: number | PyFloat): number => (typeof v === 'number' ? v : v.v);
const isIterable = (v: YV): v is YList => v instanceof YList;

function intResult(n: number): number {
  if (!Number.isSafeInteger(n)) no('an int past 2^53');
  return n === 0 ? 0 : n;
}
function floatResult(n: number): PyFloat {
  if (!Number.isFinite(n)) no('a float that is not finite');
  return new PyFloat(n);
}

/** sys.getsizeof of a str, as CPython's compact strings hold it */
function strBytes(s: string): number {
  let max = 0;
  let n = 0;
  for (const ch of s) { n++; max = Math.max(max, ch.codePointAt(0)!); }
  return max < 0x80 ? 49 + n : max < 0x100 ? 73 + n : max < 0x10000 ? 74 + 2 * n : 76 + 4 * n;
}
function checkStr(s: string): string {
  spend(s.length);
  if (s.length > MAX_STRING_BYTES / 4 && strBytes(s) > MAX_STRING_BYTES) no('a string near yaql\'s memory quota');
  return s;
}
function mk(items: YV[], kind: YList['kind']): YList {
  spend(items.length);
  if (items.length > MAX_ITEMS) no(`a collection of more than ${MAX_ITEMS} items (Heat's limit_iterators)`);
  return new YList(items, kind);
}

/** the items of an iterable (an iterator once only), within yaql's limit */
function itemsOf(v: YV): YV[] {
  if (!isIterable(v)) return no('a value that is no collection where yaql wants one');
  if (v.kind === 'iter') {
    if (v.used) no('a lazy result read twice');
    v.used = true;
  }
  if (v.items.length > MAX_ITEMS) no('a collection past Heat\'s limit_iterators');
  spend(v.items.length);
  if (v.poison) throw v.poison;
  return v.items;
}

/** the items of an iterable a reader may stop early in, with the StopIteration after them (a lazy result's) */
function partialOf(v: YV): { items: YV[]; poison?: Poison } {
  if (isIterable(v) && v.poison) {
    const poison = v.poison;
    v.poison = undefined;
    try { return { items: itemsOf(v), poison }; } finally { v.poison = poison; }
  }
  return { items: itemsOf(v) };
}

/** read items of a partial collection until `done` says so; past them, its StopIteration */
function readUntil(v: YV, done: (x: YV) => boolean): boolean {
  const { items, poison } = partialOf(v);
  for (const x of items) if (done(x)) return true;
  if (poison) throw poison;
  return false;
}

/**
 * a lazy result of a lambda method: `step` run on each item the receiver has made, in order; a
 * PendingStop (from the lambda, or the receiver's own after its items) ends it, kept after the items made
 */
function lazily(recv: YV, step: (x: YV, out: YV[]) => void, kind: YList['kind'] = 'iter'): YList {
  const { items, poison } = partialOf(recv);
  const out: YV[] = [];
  let stop = poison;
  for (const x of items) {
    try {
      step(x, out);
    } catch (e) {
      // (a lambda's failure on an item: Python's map or filter raises it only when something reads
      // that far, so what does not read it (a receiver check, a reader that stops before it)
      // answers as yaql does; whatever reads it gets a note, as before)
      if (e instanceof OperatorFailure) stop = new NotEvaluated(e.message);
      else if (e instanceof PendingStop) stop = e;
      else throw e;
      break;
    }
    if (out.length > MAX_ITEMS) no('a collection past Heat\'s limit_iterators');
  }
  const l = mk(out, kind);
  l.poison = stop;
  return l;
}

/** the first n items of a collection (a lazy result's StopIteration only where n reaches past its items) */
function takeFirst(v: YV, n: number): YList {
  const { items, poison } = partialOf(v);
  if (poison && n > items.length) throw poison;
  return mk(items.slice(0, n), 'iter');
}

/** Python's bool() */
function truthy(v: YV): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof PyFloat) return v.v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof YDict) return v.m.size > 0;
  if (v.kind === 'iter' || v.kind === 'ordered') return true;
  return v.items.length > 0;
}

/** Python's == */
function pyEq(a: YV, b: YV): boolean {
  spend(1);
  if (a === null || b === null) return a === b;
  const na = typeof a === 'boolean' ? Number(a) : isNum(a) ? numOf(a) : undefined;
  const nb = typeof b === 'boolean' ? Number(b) : isNum(b) ? numOf(b) : undefined;
  if (na !== undefined || nb !== undefined) return na === nb;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a instanceof YDict || b instanceof YDict) {
    if (!(a instanceof YDict && b instanceof YDict)) return false;
    if (a.m.size !== b.m.size) return false;
    for (const [k, v] of a.m) if (!b.m.has(k) || !pyEq(v, b.m.get(k)!)) return false;
    return true;
  }
  const la = a as YList;
  const lb = b as YList;
  if ((la.kind === 'tuple' || la.kind === 'list') && (lb.kind === 'tuple' || lb.kind === 'list')) {
    if (la.kind !== lb.kind) return false;
    return la.items.length === lb.items.length && la.items.every((x, i) => pyEq(x, lb.items[i]));
  }
  return no('comparing a lazy result or a dict view');
}

/** a key equal for values Python's set takes as one (1, 1.0, true), for distinct() */
function hashKey(v: YV): string {
  spend(1);
  if (v === null) return 'z';
  if (typeof v === 'boolean') return `n${Number(v)}`;
  if (isNum(v)) return `n${numOf(v)}`;
  if (typeof v === 'string') return `s${JSON.stringify(v)}`;
  if (v instanceof YDict) return `d{${[...v.m].sort(([x], [y]) => byCodePoints(x, y)).map(([k, x]) => `${JSON.stringify(k)}:${hashKey(x)}`).join(',')}}`;
  if (v.kind === 'tuple') return `t[${v.items.map(hashKey).join(',')}]`;
  return no(v.kind === 'list' ? "a list, which Python cannot hash" : 'a lazy result as a key');
}

/** Python's repr() of a float */
export function floatRepr(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  let s: string;
  if (exp < -4 || exp >= 16) s = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  else if (exp < 0) s = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else s = digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return neg ? `-${s}` : s;
}

/** Python's str() of a scalar (`yaqlStr`: yaql's str(): null, true, false) */
function pyStrOf(v: YV, yaqlStr: boolean): string {
  if (v === null) return yaqlStr ? 'null' : 'None';
  if (typeof v === 'boolean') return yaqlStr ? String(v) : v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (typeof v === 'string') return v;
  return pyReprOf(v, 0);
}

/** str() of Python's KeyError: the key's repr */
const keyError = (key: string): string => pyReprOf(key, 0);

/** Python's repr() of a value (a collection's str()): strings of printable ASCII only */
function pyReprOf(v: YV, d: number): string {
  spend(1);
  if (d > MAX_DEPTH) no('a collection nested too deep');
  if (typeof v === 'string') {
    if (!/^[\x20-\x7e]*$/.test(v)) no('the repr of a string past printable ASCII');
    const q = v.includes("'") && !v.includes('"') ? '"' : "'";
    return q + v.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`) + q;
  }
  if (!(v instanceof YList) && !(v instanceof YDict)) return pyStrOf(v, false);
  if (v instanceof YDict) return `{${dictPairs(v).map(([k, x]) => `${pyReprOf(k, d + 1)}: ${pyReprOf(x, d + 1)}`).join(', ')}}`;
  const inner = v.items.map((x) => pyReprOf(x, d + 1)).join(', ');
  if (v.kind === 'tuple') return `(${inner}${v.items.length === 1 ? ',' : ''})`;
  if (v.kind === 'list') return `[${inner}]`;
  if (v.kind === 'keys' || v.kind === 'values') return `dict_${v.kind}([${inner}])`;
  return no('the repr of a lazy result or a dict\'s items');
}

// ---- operators -------------------------------------------------------------------------------

function pyFloorDiv(a: number, b: number): number {
  const q = BigInt(a) / BigInt(b);
  const r = BigInt(a) % BigInt(b);
  return Number(r !== 0n && (r < 0n) !== (b < 0) ? q - 1n : q);
}
function pyMod(a: number, b: number, float: boolean): number {
  if (!float) { const r = Number(BigInt(a) % BigInt(b)); return r !== 0 && (r < 0) !== (b < 0) ? r + b : r; }
  let r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) r += b;
  else if (r === 0) r = b < 0 ? -0 : 0;
  return r;
}

function arith(op: string, a: YV, b: YV): YV {
  if (!isNum(a) || !isNum(b)) return typeof a === 'boolean' && op === '*' ? no('a bool in `*`') : noMatch(`#operator_${op}`);
  const float = a instanceof PyFloat || b instanceof PyFloat;
  const x = numOf(a);
  const y = numOf(b);
  if ((op === '/' || op === 'mod') && y === 0) fails(float ? (op === '/' ? 'float division by zero' : 'float modulo') : op === '/' ? 'integer division or modulo by zero' : 'integer modulo by zero');
  if (!float) {
    switch (op) {
      case '+': return intResult(x + y);
      case '-': return intResult(x - y);
      case '*': return intResult(x * y);
      case '/': return intResult(pyFloorDiv(x, y));
      default: return intResult(pyMod(x, y, false));
    }
  }
  switch (op) {
    case '+': return floatResult(x + y);
    case '-': return floatResult(x - y);
    case '*': return floatResult(x * y);
    case '/': return floatResult(x / y);
    default: return floatResult(pyMod(x, y, true));
  }
}

function plus(a: YV, b: YV): YV {
  if (typeof a === 'string' && typeof b === 'string') return checkStr(a + b);
  if (a instanceof YDict && b instanceof YDict) return dictOf([...a.m, ...b.m]);
  if (isIterable(a) && isIterable(b)) {
    const kind = a.kind === 'tuple' && b.kind === 'tuple' ? 'tuple' : 'iter';
    return mk([...itemsOf(a), ...itemsOf(b)], kind);
  }
  return arith('+', a, b);
}

function times(a: YV, b: YV): YV {
  if ((typeof a === 'boolean' && (typeof b === 'number' || typeof b === 'string' || isIterable(b))) || (typeof b === 'boolean' && (typeof a === 'number' || typeof a === 'string' || isIterable(a)))) no('a bool in `*`');
  const [seq, n] = typeof b === 'number' && (typeof a === 'string' || (isIterable(a) && (a.kind === 'tuple' || a.kind === 'list'))) ? [a, b]
    : typeof a === 'number' && (typeof b === 'string' || (isIterable(b) && (b.kind === 'tuple' || b.kind === 'list'))) ? [b, a] : [null, 0];
  if (seq === null) return arith('*', a, b);
  if (typeof seq === 'string') { if (seq.length * Math.max(n, 0) > MAX_STRING_BYTES) no('a string near yaql\'s memory quota'); return checkStr(seq.repeat(Math.max(n, 0))); }
  const l = seq as YList;
  if (l.items.length * Math.max(n, 0) > MAX_ITEMS) no('a collection past Heat\'s limit_iterators');
  return mk(Array.from({ length: Math.max(n, 0) }, () => l.items).flat(), l.kind);
}

/** `<` `>` `<=` `>=`: numbers, strings (by code point), null against anything */
function compare(op: string, a: YV, b: YV): boolean {
  if (a === null || b === null) {
    if (a === null && b === null) return op === '<=' || op === '>=';
    return a === null ? op === '<' || op === '<=' : op === '>' || op === '>=';
  }
  let c: number;
  if (isNum(a) && isNum(b)) c = numOf(a) < numOf(b) ? -1 : numOf(a) > numOf(b) ? 1 : 0;
  else if (typeof a === 'string' && typeof b === 'string') c = byCodePoints(a, b);
  else return noMatch(`#operator_${op}`);
  return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
}

/** a dict of these items as Python's dict makes it (yaql's input data too) */
export function dictOf(entries: Array<[YV, YV]>): YDict {
  const m = new Map<string, YV>();
  // a collection as a key: yaql makes the dict; Heat's output of it fails (at the first such key,
  // once the values before it are converted)
  const first = entries.findIndex(([k]) => k instanceof YList || k instanceof YDict);
  if (first >= 0) {
    // (yaql holds a list key as a tuple: equal ones are one key; a lazy result's is Python's object)
    let count: number | null = null;
    try {
      count = new Set(entries.map(([k]) => hashKey(k))).size;
    } catch (e) {
      if (!(e instanceof NotEvaluated)) throw e;
    }
    if ((count ?? entries.length) > MAX_ITEMS) no('a dict past Heat\'s limit_iterators');
    return new YDict(new CollectionKeyed(outputKeyType(entries[first][0] as YList | YDict), entries.slice(0, first).map(([, v]) => v), count));
  }
  if (entries.some(([k]) => typeof k !== 'string')) {
    const at = new Map<string, number>();
    const pairs: Array<[YV, YV]> = [];
    for (const [k, v] of entries) {
      // (NaN is a key equal to no other: not followed; nor an int past 2^53)
      if (isNum(k) && (Number.isNaN(numOf(k)) || (!(k instanceof PyFloat) && !Number.isSafeInteger(numOf(k))))) no('a dict key that is NaN or an int past 2^53');
      const h = hashKey(k);
      const i = at.get(h);
      if (i === undefined) at.set(h, pairs.push([k, v]) - 1);
      else pairs[i] = [pairs[i][0], v];
      if (pairs.length > MAX_ITEMS) no('a dict past Heat\'s limit_iterators');
    }
    return new YDict(new ScalarKeyed(pairs, at));
  }
  for (const [k, v] of entries) m.set(k as string, v);
  if (m.size > MAX_ITEMS) no('a dict past Heat\'s limit_iterators');
  return new YDict(m);
}

// ---- yaql's check of literal operands, before it evaluates any operand ----------------------

/** the kinds of literal a parameter takes: a number (no bool), a str, an int (a bool is one), any but null, null */
type Lit = 'num' | 'str' | 'int' | 'some' | 'null' | 'any';
const takes = (p: Lit, v: YV): boolean => {
  switch (p) {
    case 'num': return isNum(v);
    case 'str': return typeof v === 'string';
    case 'int': return typeof v === 'boolean' || (typeof v === 'number');
    case 'some': return v !== null;
    case 'any': return true;
    default: return v === null;
  }
};
/**
 * each operator's overloads, by the literals each parameter takes (`-`: a parameter no literal
 * fits: a collection, a dict, a date or a time span)
 */
const OVERLOADS: Record<string, Array<Array<Lit | '-'>>> = {
  '#operator_+': [['num', 'num'], ['str', 'str'], ['-', '-']],
  '#operator_-': [['num', 'num'], ['-', '-']],
  '#operator_*': [['num', 'num'], ['-', 'int'], ['int', '-'], ['str', 'int'], ['int', 'str'], ['-', 'num'], ['num', '-']],
  '#operator_/': [['num', 'num'], ['-', '-'], ['-', 'num']],
  '#operator_mod': [['num', 'num']],
  '#operator_in': [['any', '-'], ['str', 'str']],
  '#unary_operator_-': [['num'], ['-']],
  '#unary_operator_+': [['num'], ['-']],
};
for (const op of ['<', '>', '<=', '>=']) OVERLOADS[`#operator_${op}`] = [['num', 'num'], ['str', 'str'], ['some', 'null'], ['null', 'some'], ['null', 'null'], ['-', '-']];

/**
 * yaql checks a literal operand (a number, a string, a keyword, true, false, null; not one in
 * parentheses) against the operator's overloads before it evaluates the others: where none takes
 * it, the operator fails first
 */
function precheck(fn: string, operands: Node[]): void {
  const overloads = OVERLOADS[fn];
  if (!overloads) return;
  const lits = operands.map((o) => (o.k === 'const' || o.k === 'kw' ? { v: o.v } : null));
  if (lits.every((x) => x === null)) return;
  const fits = overloads.some((params) => params.every((p, i) => {
    const lit = lits[i];
    if (!lit) return true;
    return p !== '-' && takes(p, lit.v);
  }));
  if (!fits) noMatch(fn);
}

// ---- evaluation ------------------------------------------------------------------------------

interface Env { self: YV }

class Evaluator {
  private steps = 0;
  private depth = 0;
  /** inside a lambda or a function's arguments: yaql's failures there are notes */
  private quiet = 0;
  /** the quiet level of each lambda body being run (innermost last) */
  private readonly lambdaLevels: number[] = [];
  /**
   * the variables `let` set (`$x`, `$2`, ... with their `$`) where the right side of its `->` is
   * evaluated: yaql's context there, which every lambda run inside it inherits (a lambda sets only
   * its own `$1`)
   */
  private readonly vars = new Map<string, YV>();
  /**
   * the whole expression's `select` (or `map`, `where`, `filter`, `orderBy`, an attribute of each
   * item), when it is one: Heat's output conversion reads every item in order, so the first item's
   * failure is surely Heat's
   */
  constructor(private readonly sureSelect: Node | null) {}

  /** run an operator: its own failure is yaql's refusal where Python surely raises it */
  private op<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof OperatorFailure && !this.quiet) throw new YaqlError(e.heat);
      throw e;
    }
  }

  /**
   * StopIteration in a call of yaql's (first(), last(), dict()) run outside any other call's
   * arguments and any lambda (its own call is the one quiet level): yaql surely raises it;
   * elsewhere a note (`why`)
   */
  stop(why: string, message = ''): never {
    if (this.quiet === 1) throw new YaqlStopIteration(message);
    // a call directly in a lambda's body: up to what runs the lambda (PendingStop)
    if (this.lambdaLevels.length && this.lambdaLevels[this.lambdaLevels.length - 1] === this.quiet - 1) throw new PendingStop(why, message);
    return no(why);
  }

  /** Python's failure in a call of yaql's run outside any other call's arguments and any lambda (as stop()); elsewhere a note */
  fail(why: string, message: string): never {
    if (this.quiet === 1) throw new YaqlError(message);
    return no(why);
  }

  /** evaluate where a failure is a note */
  quietly<T>(f: () => T): T {
    this.quiet++;
    try { return f(); } finally { this.quiet--; }
  }

  eval(n: Node, env: Env): YV {
    if (++this.steps > MAX_STEPS) no('an evaluation past bdm-lab\'s step budget');
    if (++this.depth > MAX_DEPTH * 4) no('an evaluation nested too deep');
    try {
      return this.evalNode(n, env);
    } finally {
      this.depth--;
    }
  }

  private evalNode(n: Node, env: Env): YV {
    switch (n.k) {
      case 'const': return n.v;
      case 'kw': return n.v;
      case 'paren': return this.eval(n.x, env);
      // `$` is `$1` (the data, or a lambda's item); no other variable is set in Heat's context
      // (and the variables `let` set around it); any other name is None, as yaql's context answers it
      case 'var': return n.name === '$' || n.name === '$1' ? env.self : this.vars.get(n.name) ?? null;
      case 'list': return mk(n.args.map((a) => (a.k === 'rule' ? no('a `=>` in a list') : this.eval(a, env))), 'tuple');
      case 'map': return this.dictCall(n.args, env);
      case 'un': {
        if (n.op !== 'not') this.op(() => precheck(`#unary_operator_${n.op}`, [n.x]));
        const x = this.eval(n.x, env);
        if (n.op === 'not') return !truthy(x);
        if (!isNum(x)) return this.op(() => noMatch(`#unary_operator_${n.op}`));
        return n.op === '+' ? x : typeof x === 'number' ? intResult(-x) : floatResult(-x.v);
      }
      case 'index': return this.index(n, env);
      case 'call': return this.quietly(() => this.call(n.name, undefined, n.args, env));
      case 'bin': return this.binary(n, env);
    }
  }

  private binary(n: Extract<Node, { k: 'bin' }>, env: Env): YV {
    if (n.op === '.' || n.op === '?.') {
      const recv = this.eval(n.l, env);
      if (n.op === '?.' && recv === null) return null;
      if (n.r.k === 'call') {
        const r = n.r;
        // yaql maps the arguments onto the method's parameters before it evaluates them
        this.op(() => checkNamedArgs(r.name, recv, r.args));
        if (n === this.sureSelect && r.args.length === 1 && r.args[0].k !== 'rule' && isCollection(recv)) {
          const f = r.args[0];
          if (r.name === 'where' || r.name === 'filter') return lazyOf(mk(itemsOf(recv).filter((x) => truthy(this.eval(f, { self: x }))), 'iter'), 'filter object');
          if (r.name === 'orderBy' || r.name === 'orderByDescending') return orderBy(recv, (x) => this.eval(f, { self: x }), r.name === 'orderBy');
          return lazyOf(mk(itemsOf(recv).map((x) => this.eval(f, { self: x })), 'iter'), 'map object');
        }
        return this.quietly(() => this.call(r.name, recv, r.args, env));
      }
      const name = (n.r as { v: string }).v;
      // a dict's key, or yaql's property of a scalar (none): its failure is yaql's; over a
      // collection, each item's when read: surely where the whole expression is it (Heat reads it all)
      if (!isIterable(recv) || n === this.sureSelect) return this.op(() => this.attr(recv, name));
      return this.quietly(() => this.attr(recv, name));
    }
    if (n.op === '->') return this.sendContext(n, env);
    if (n.op === 'and') { const l = this.eval(n.l, env); return truthy(l) ? this.eval(n.r, env) : l; }
    if (n.op === 'or') { const l = this.eval(n.l, env); return truthy(l) ? l : this.eval(n.r, env); }
    this.op(() => precheck(`#operator_${n.op}`, [n.l, n.r]));
    const l = this.eval(n.l, env);
    const r = this.eval(n.r, env);
    return this.op(() => this.operator(n.op, l, r));
  }

  /**
   * `let(...) -> expr` (yaql's #operator_->): the right side evaluated once in the context the
   * left gives. `let(a, b, x => c)` sets `$1` (so `$`), `$2`, ... to its positional arguments and
   * `$x` to each named one (a later one of the same name wins), in a child of the context it is
   * called in; a chain `let(...) -> let(...) -> expr` makes each in the one before. Its arguments
   * are evaluated at once and the right side is run whatever it is, so their failures stand where
   * the `->` stands (not those of a call's arguments). Anything else on the left (a `let` whose
   * name is no keyword, a method form, another function that gives a context) is a note. The
   * variables live in one map, set on the way in and put back on the way out (each name once per
   * `let`: linear in the chain).
   */
  private sendContext(n: Extract<Node, { k: 'bin' }>, env: Env): YV {
    const lets: Node[] = [];
    let left: Node = n.l;
    for (;;) {
      if (left.k === 'paren') left = left.x;
      else if (left.k === 'bin' && left.op === '->') { lets.push(left.r); left = left.l; }
      else break;
    }
    lets.push(left);
    lets.reverse();
    const undo: Array<[string, boolean, YV]> = [];
    try {
      let self = env.self;
      for (const l of lets) self = this.applyLet(l, self, undo);
      return this.eval(n.r, { self });
    } finally {
      for (let i = undo.length - 1; i >= 0; i--) {
        const [k, had, old] = undo[i];
        if (had) this.vars.set(k, old);
        else this.vars.delete(k);
      }
    }
  }

  /** one `let(...)` of a `->` chain evaluated in the context so far: its variables set (their old values in `undo`), and the new `$` */
  private applyLet(n: Node, self: YV, undo: Array<[string, boolean, YV]>): YV {
    while (n.k === 'paren') n = n.x;
    if (n.k !== 'call' || n.name !== 'let') return no('a `->` whose left side is no `let(...)`');
    const set = (k: string, v: YV) => {
      undo.push([k, this.vars.has(k), this.vars.get(k) ?? null]);
      this.vars.set(k, v);
    };
    let first = self;
    let i = 0;
    for (const a of n.args) {
      if (a.k === 'rule') {
        if (a.key.k !== 'kw') return no('a `let` argument whose name is no keyword');
        set(`$${a.key.v}`, this.eval(a.value, { self }));
      } else {
        const v = this.eval(a, { self });
        if (++i === 1) first = v;
        else set(`$${i}`, v);
      }
    }
    return first;
  }

  private operator(op: string, l: YV, r: YV): YV {
    switch (op) {
      case '+': return plus(l, r);
      case '-': case '/': case 'mod': return arith(op, l, r);
      case '*': return times(l, r);
      case '=': return pyEq(l, r);
      case '!=': return !pyEq(l, r);
      case '<': case '>': case '<=': case '>=': return compare(op, l, r);
      case 'in':
        if (typeof l === 'string' && typeof r === 'string') return r.includes(l);
        if (!isIterable(r)) return no('`in` on this type');
        return readUntil(r, (x) => pyEq(l, x));
      default: return no(`the operator \`${op}\``);
    }
  }

  /**
   * `x.name`: a dict's key; over a collection, each item's, lazily (Python's map): an item's
   * failure is kept after the items before it, for whatever reads that far (PendingFailure)
   */
  private attr(recv: YV, name: string): YV {
    if (recv instanceof YDict) return recv.m.has(name) ? recv.m.get(name)! : fails(keyError(name));
    if (isIterable(recv)) {
      const { items, poison } = partialOf(recv);
      const out: YV[] = [];
      for (const x of items) {
        try {
          out.push(this.attr(x, name));
        } catch (e) {
          if (!(e instanceof OperatorFailure)) throw e;
          const l = lazyOf(mk(out, 'iter'), 'map object');
          l.poison = new PendingFailure(e.heat);
          return l;
        }
      }
      const l = lazyOf(mk(out, 'iter'), 'map object');
      l.poison = poison;
      return l;
    }
    return fails(`Unknown function "#property#${name}"`);
  }

  private index(n: Extract<Node, { k: 'index' }>, env: Env): YV {
    const l = this.eval(n.l, env);
    const args = n.args.map((a) => (a.k === 'rule' ? no('a `=>` in an index') : this.eval(a, env)));
    return this.op(() => {
      if (l instanceof YDict) {
        if (args.length === 2) { const f = lookup(l, args[0]); return f.found ? f.v! : args[1]; }
        if (args.length !== 1) return no('this index');
        const f = lookup(l, args[0]);
        if (f.found) return f.v!;
        return typeof args[0] === 'string' ? fails(keyError(args[0])) : no('a missing key that is no string');
      }
      if (isIterable(l) && (l.kind === 'tuple' || l.kind === 'list') && args.length === 1 && typeof args[0] === 'number') {
        const i = args[0] < 0 ? l.items.length + args[0] : args[0];
        return i >= 0 && i < l.items.length ? l.items[i] : fails(`${l.kind} index out of range`);
      }
      if (args.length === 1 && (typeof l === 'string' || typeof l === 'number' || l instanceof PyFloat || l === null || (isIterable(l) && l.kind === 'iter'))) return noMatch('#indexer');
      return no('this index');
    });
  }

  private lambda(a: Arg | undefined): (x: YV) => YV {
    if (!a || a.k === 'rule') return no('a function without its expression');
    return (x) => this.quietly(() => this.inLambda(() => this.eval(a, { self: x })));
  }

  /** a lambda of two arguments (aggregate's): `$`/`$1` the first, `$2` the second */
  private lambda2(a: Arg): (x: YV, y: YV) => YV {
    if (a.k === 'rule') return no('a function without its expression');
    return (x, y) => this.quietly(() => this.inLambda(() => {
      const had = this.vars.has('$2');
      const old = this.vars.get('$2') ?? null;
      this.vars.set('$2', y);
      try { return this.eval(a, { self: x }); } finally { if (had) this.vars.set('$2', old); else this.vars.delete('$2'); }
    }));
  }

  private inLambda<T>(f: () => T): T {
    this.lambdaLevels.push(this.quiet);
    try { return f(); } finally { this.lambdaLevels.pop(); }
  }

  private positional(args: Arg[], env: Env): YV[] {
    return args.map((a) => (a.k === 'rule' ? no('a named argument') : this.eval(a, env)));
  }

  private dictCall(args: Arg[], env: Env): YDict {
    return dictOf(args.map((a) => (a.k === 'rule' ? [this.eval(a.key, env), this.eval(a.value, env)] as [YV, YV] : no('a dict item without `=>`'))));
  }

  private call(name: string, recv: YV | undefined, args: Arg[], env: Env): YV {
    const spec = CALLS[name];
    const method = recv !== undefined;
    // yaql matches the receiver against the method's overloads before it evaluates any argument
    if (method && RECEIVERS[name] && !RECEIVERS[name](recv)) return this.fail(`${name}() of this receiver`, `No method "${name}" for receiver ${receiverWords(recv)} matches supplied arguments`);
    if (!method && METHOD_ONLY.has(name)) return this.fail(`${name}() as a function`, `Unknown function "${name}"`);
    if (method && FUNCTION_ONLY.has(name)) return this.fail(`${name}() as a method`, `Unknown method "${name}" for receiver ${receiverWords(recv)}`);
    if (!spec) return no(`the function \`${name}\``);
    if (method ? spec.form === 'F' : spec.form === 'M') return no(`\`${name}\` in this form`);
    return spec.run(this, method ? recv : undefined, args, env);
  }

  // the helpers CALLS reads
  pos(args: Arg[], env: Env): YV[] { return this.positional(args, env); }
  /**
   * the arguments of a call whose overloads take them as they are written (no lambda, the count
   * one of its overloads takes): yaql evaluates them, in the caller's context, before it runs the
   * call, so their failures are as sure as the call's own (outside any lambda)
   */
  eager(args: Arg[], env: Env): YV[] {
    if (this.quiet !== 1 || this.lambdaLevels.length) return this.positional(args, env);
    this.quiet = 0;
    try { return this.positional(args, env); } finally { this.quiet = 1; }
  }
  fn(a: Arg | undefined): (x: YV) => YV { return this.lambda(a); }
  /** an operator the call runs itself (sum()'s `+`, max()'s `>`): outside any lambda, its failure as sure as the call's */
  byCall<T>(f: () => T): T {
    if (this.quiet !== 1 || this.lambdaLevels.length) return f();
    try {
      return f();
    } catch (e) {
      if (e instanceof OperatorFailure) throw new YaqlError(e.heat);
      throw e;
    }
  }
  /** aggregate()'s selector, run at the call: outside any lambda, its failures as sure as the call's ($2 set as lambda2 sets it) */
  atCall2(a: Arg): (x: YV, y: YV) => YV {
    if (this.quiet !== 1 || this.lambdaLevels.length || a.k === 'rule') return this.lambda2(a);
    return (x, y) => {
      const had = this.vars.has('$2');
      const old = this.vars.get('$2') ?? null;
      this.vars.set('$2', y);
      this.quiet = 0;
      try { return this.eval(a, { self: x }); } finally {
        this.quiet = 1;
        if (had) this.vars.set('$2', old); else this.vars.delete('$2');
      }
    };
  }
  /** a lambda the call runs on every item before it returns (groupBy's selectors): outside any lambda, its failures as sure as the call's */
  atCall(a: Arg): (x: YV) => YV {
    if (this.quiet !== 1 || this.lambdaLevels.length || a.k === 'rule') return this.lambda(a);
    return (x) => {
      this.quiet = 0;
      try { return this.eval(a, { self: x }); } finally { this.quiet = 1; }
    };
  }
  fn2(a: Arg): (x: YV, y: YV) => YV { return this.lambda2(a); }
  dict(args: Arg[], env: Env): YDict { return this.dictCall(args, env); }
}

/**
 * The receivers each method's overloads take (yaql 2.0.0's parameter types; a method not named
 * here is not checked): a collection (yaql's Iterable: no text, no mapping), a mapping, a text,
 * or anything len() measures. A receiver none takes fails before the arguments are evaluated.
 */
const isCollection = (v: YV): boolean => v instanceof YList;
const RECEIVERS: Record<string, (v: YV) => boolean> = {
  len: (v) => v instanceof YList || v instanceof YDict || typeof v === 'string',
  keys: (v) => v instanceof YDict, values: (v) => v instanceof YDict, items: (v) => v instanceof YDict, get: (v) => v instanceof YDict, containsKey: (v) => v instanceof YDict, set: (v) => v instanceof YDict,
};
for (const m of ['select', 'map', 'where', 'filter', 'selectMany', 'orderBy', 'orderByDescending', 'groupBy', 'aggregate', 'count', 'first', 'last', 'sum', 'single', 'max', 'min', 'distinct', 'any', 'all', 'concat', 'contains', 'toList', 'flatten', 'reverse', 'skip', 'limit', 'take']) RECEIVERS[m] = isCollection;
for (const m of ['toDict', 'enumerate', 'zip']) RECEIVERS[m] = isCollection;
for (const m of ['split', 'replace', 'trim', 'toUpper', 'toLower', 'startsWith', 'endsWith', 'substring']) RECEIVERS[m] = (v) => typeof v === 'string';
// (matches: a text, or a regex() object, which bdm-lab does not make; format: a text, or a
// datetime, which bdm-lab does not make either)
RECEIVERS.matches = (v) => typeof v === 'string';
RECEIVERS.format = (v) => typeof v === 'string';
RECEIVERS.mergeWith = (v) => v instanceof YDict;
// (indexOf, lastIndexOf: an item's place in a collection, or a text's in a text)
RECEIVERS.indexOf = (v) => v instanceof YList || typeof v === 'string';
RECEIVERS.lastIndexOf = RECEIVERS.indexOf;
/** methods yaql has in no function form: called as a function, yaql knows no such function */
const METHOD_ONLY = new Set(['aggregate', 'toDict', 'zip', 'substring', 'indexOf', 'lastIndexOf', 'mergeWith']);
/** functions yaql has in no method form: called as a method, yaql knows no such method */
const FUNCTION_ONLY = new Set(['switch', 'sequence', 'range', 'str', 'int', 'bool', 'list', 'dict', 'let']);
// (join: a collection joined by a text, or a text joining a collection)
RECEIVERS.join = (v) => v instanceof YList || typeof v === 'string';

/** the parameters of the methods whose named arguments bdm-lab checks */
const PARAMS: Record<string, readonly string[]> = { select: ['collection', 'selector'], where: ['collection', 'predicate'] };

/** a named argument the method has no parameter for: no overload matches (yaql's words name the receiver) */
function checkNamedArgs(name: string, recv: YV, args: Arg[]): void {
  const params = PARAMS[name];
  if (!params) return;
  const bad = args.some((a) => a.k === 'rule' && a.key.k === 'kw' && !params.includes(a.key.v));
  if (bad && args.every((a) => a.k !== 'rule' || a.key.k === 'kw')) fails(`No method "${name}" for receiver ${receiverWords(recv)} matches supplied arguments`);
}

/** the receiver then the positional arguments (function form: all positional) */
function allArgs(ev: Evaluator, recv: YV | undefined, args: Arg[], env: Env): YV[] {
  const rest = ev.pos(args, env);
  return recv === undefined ? rest : [recv, ...rest];
}

/** a receiver (or first argument) and lambda arguments */
function withLambdas(ev: Evaluator, name: string, recv: YV | undefined, args: Arg[], env: Env): [YV, Arg[]] {
  if (recv !== undefined) return [recv, args];
  if (!args.length || args[0].k === 'rule') return no('a call without its collection');
  const coll = ev.pos([args[0]], env)[0];
  // (the collection's parameter takes no text, mapping or scalar, whatever the lambdas)
  if (!isCollection(coll) && args.length <= 2) return ev.fail(`${name}() of this value`, noFunction(name));
  return [coll, args.slice(1)];
}

/** yaql's words where no overload of a function takes the arguments */
const noFunction = (name: string): string => `No function "${name}" matches supplied arguments`;
/** yaql's words where no overload of a method takes the receiver and the arguments */
const noMethod = (name: string, recv: YV): string => `No method "${name}" for receiver ${receiverWords(recv)} matches supplied arguments`;

/** Python's seq[start:end] (ints; negative ones counted from the end) */
function pySlice<T>(xs: T[], start: number, end: number): T[] {
  const at = (i: number) => (i < 0 ? Math.max(0, xs.length + i) : Math.min(i, xs.length));
  return xs.slice(at(start), Math.max(at(start), at(end)));
}

/** the lambda arguments of a method, positional then named (`names`, in order): any other form is a note */
function slotsOf(args: Arg[], names: readonly string[], name: string): Array<Node | undefined> {
  const slots: Array<Node | undefined> = names.map(() => undefined);
  args.forEach((a, i) => {
    const at = a.k !== 'rule' ? i : a.key.k === 'kw' ? names.indexOf(a.key.v) : -1;
    if (at < 0 || at >= names.length || slots[at] || (a.k !== 'rule' && args.slice(0, i).some((b) => b.k === 'rule'))) no(`${name}() with these arguments`);
    slots[at] = a.k === 'rule' ? a.value : a;
  });
  return slots;
}

const intArg = (v: YV): number => (typeof v === 'number' ? v : no('an argument that is no int'));
const strArg = (v: YV): string => (typeof v === 'string' ? v : no('an argument that is no string'));

interface Spec { form: 'M' | 'F' | 'E'; run: (ev: Evaluator, recv: YV | undefined, args: Arg[], env: Env) => YV }

const lambdaMethod = (arity: number, body: (recv: YV, fns: Array<(x: YV) => YV>) => YV): Spec => ({
  form: 'M',
  run: (ev, recv, args) => {
    if (args.length !== arity) no('another number of arguments');
    if (!isIterable(recv!)) no('a value that is no collection where yaql wants one');
    return body(recv!, args.map((a) => ev.fn(a)));
  },
});

function reduceWith(items: YV[], op: (a: YV, b: YV) => YV, initial?: YV, ev?: Evaluator): YV {
  // functools.reduce's TypeError, where yaql surely meets it
  if (!items.length && initial === undefined) return ev ? ev.fail('an empty collection without an initial value', 'reduce() of empty iterable with no initial value') : no('an empty collection without an initial value');
  let acc = initial === undefined ? items[0] : initial;
  for (const x of initial === undefined ? items.slice(1) : items) acc = op(acc, x);
  return acc;
}
const maxOf = (a: YV, b: YV): YV => (compare('>', b, a) ? b : a);
const minOf = (a: YV, b: YV): YV => (compare('>', b, a) ? a : b);

/** orderBy(): sorted when first read (a StopIteration of its lambda then, before any item) */
function orderBy(recv: YV, f: (x: YV) => YV, asc: boolean): YV {
  const items = itemsOf(recv);
  if (items.length <= 1) return mk([...items], 'ordered');
  let keyed: Array<{ x: YV; key: YV }>;
  try {
    keyed = items.map((x) => ({ x, key: f(x) }));
  } catch (e) {
    if (!(e instanceof PendingStop)) throw e;
    const l = mk([], 'ordered');
    l.poison = e;
    return l;
  }
  const kinds = new Set(keyed.map(({ key }) => (key === null ? 'null' : isNum(key) ? 'num' : typeof key === 'string' ? 'str' : 'other')));
  kinds.delete('null');
  if (kinds.size > 1 || kinds.has('other')) no('ordering values yaql cannot compare');
  keyed.sort((p, q) => {
    const c = compare('<', p.key, q.key) ? -1 : compare('>', p.key, q.key) ? 1 : 0;
    return asc ? c : -c;
  });
  return mk(keyed.map(({ x }) => x), 'ordered');
}

/** Python's str.format with plain fields ({}, {0}, {name}); values str()'d */
function pyFormat(fmt: string, pos: YV[], named: Map<string, YV>): string {
  let out = '';
  let auto = 0;
  let mode: 'auto' | 'manual' | '' = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '}') { if (fmt[i + 1] !== '}') no('a lone } in a format'); out += '}'; i++; continue; }
    if (c !== '{') { out += c; continue; }
    if (fmt[i + 1] === '{') { out += '{'; i++; continue; }
    const end = fmt.indexOf('}', i);
    if (end < 0) no('a format field without its }');
    const field = fmt.slice(i + 1, end);
    let v: YV;
    if (field === '') {
      if (mode === 'manual') no('mixed format numbering');
      mode = 'auto';
      v = auto < pos.length ? pos[auto++] : no('a format field past the arguments');
    } else if (/^\d{1,4}$/.test(field)) {
      if (mode === 'auto') no('mixed format numbering');
      mode = 'manual';
      v = Number(field) < pos.length ? pos[Number(field)] : no('a format field past the arguments');
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) {
      v = named.has(field) ? named.get(field)! : no('a format field without its argument');
    } else return no('a format field with a conversion or spec');
    out += pyStrOf(v, false);
    i = end;
  }
  return checkStr(out);
}

function asciiOnly(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : no('changing the case of text past ASCII');
}

/** Python's str.split(None): the runs of text between runs of white space (Python's own white space) */
export function pySplitWhite(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (isPySpace(ch.codePointAt(0)!)) { if (cur) out.push(cur); cur = ''; } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
function pyStrip(s: string, chars: string | null): string {
  const strip = (ch: string) => (chars === null ? isPySpace(ch.codePointAt(0)!) : chars.includes(ch));
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && strip(cps[a])) a++;
  while (b > a && strip(cps[b - 1])) b--;
  return cps.slice(a, b).join('');
}

/** list(*args): each argument, a lazy one's items in its place */
function listOf(args: YV[]): YV {
  const out: YV[] = [];
  const rec = (v: YV, d: number): void => {
    if (d > MAX_DEPTH) no('a list nested too deep');
    if (isIterable(v) && v.kind === 'iter') for (const x of itemsOf(v)) rec(x, d + 1);
    else out.push(v);
    if (out.length > MAX_ITEMS) no('a collection past Heat\'s limit_iterators');
  };
  for (const a of args) rec(a, 0);
  return mk(out, 'tuple');
}

function flatten(items: YV[], d = 0): YV[] {
  if (d > MAX_DEPTH) no('a collection nested too deep');
  const out: YV[] = [];
  for (const x of items) {
    if (isIterable(x)) out.push(...flatten(itemsOf(x), d + 1)); else out.push(x);
    if (out.length > MAX_ITEMS) no('a collection past Heat\'s limit_iterators');
  }
  return out;
}

/** the ASCII whitespace Python's int() strips at a text's ends (a text with other whitespace is not read) */
const ASCII_SPACE = ' \t\n\r\f\v';

/** the Python type names of yaql's collections and mappings, as int() words its TypeError (a lazy one's is left out) */
const PY_TYPE: Partial<Record<YList['kind'], string>> = { tuple: 'tuple', list: 'list', ordered: 'OrderingIterable', keys: 'KeysView' };

function pyInt(ev: Evaluator, v: YV): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? intResult(Math.trunc(v.v)) : no('int() of a float that is not finite');
  if (typeof v === 'string') {
    const t = pyStrip(v, ASCII_SPACE);
    const digits = /^[+-]?\d+(?:_\d+)*$/.test(t);
    if (digits && t.replace(/[+_-]/g, '').length <= 15) return intResult(Number(t.replace(/_/g, '')));
    // a text of printable ASCII (and the whitespace Python strips) that is no int literal: ValueError
    if (!digits && /^[\x20-\x7e\t\n\r\f\v]*$/.test(v)) return ev.fail('int() of a text that is no number', `invalid literal for int() with base 10: ${pyReprOf(v, 0)}`);
    return no('int() of this text');
  }
  const type = v instanceof YDict ? 'FrozenDict' : PY_TYPE[v.kind];
  return type ? ev.fail('int() of a collection', `int() argument must be a string, a bytes-like object or a real number, not '${type}'`) : no('int() of this value');
}

function pyRange(a: YV[]): YV {
  if (!a.length || a.length > 3) no('range() with these arguments');
  const [start, stop, step] = a.length === 1 ? [0, intArg(a[0]), 1] : [intArg(a[0]), intArg(a[1]), a.length === 3 ? intArg(a[2]) : 1];
  if (step === 0) no('range() with step 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > MAX_ITEMS) no('a range past Heat\'s limit_iterators');
  return mk(Array.from({ length: n }, (_, i) => start + i * step), 'iter');
}

/** a dict where a method takes an iterable (yaql's Iterable type is no mapping): no overload matches, in yaql's words naming the receiver */
function noMapReceiver(ev: Evaluator, name: string, recv: YV): void {
  if (recv instanceof YDict) ev.fail(`${name}() of a dict`, `No method "${name}" for receiver ${receiverWords(recv)} matches supplied arguments`);
}

/** max() and min(): of two arguments as a function, or of a collection (a default after it for an empty one) */
function extremum(name: string, pick: (a: YV, b: YV) => YV): Spec {
  return {
    form: 'E',
    run: (ev, recv, args, env) => {
      const a = (recv === undefined ? args.length === 2 : args.length <= 1) ? ev.eager(args, env) : ev.pos(args, env);
      if (recv === undefined) return a.length === 2 ? ev.byCall(() => pick(a[0], a[1])) : no(`${name}() with these arguments`);
      if (a.length > 1) no(`${name}() with these arguments`);
      const items = itemsOf(recv);
      return ev.byCall(() => reduceWith(items, pick, a[0], ev));
    },
  };
}

const CALLS: Record<string, Spec> = {
  select: lambdaMethod(1, (recv, [f]) => lazyOf(lazily(recv, (x, out) => { out.push(f(x)); }), 'map object')),
  map: lambdaMethod(1, (recv, [f]) => lazyOf(lazily(recv, (x, out) => { out.push(f(x)); }), 'map object')),
  where: lambdaMethod(1, (recv, [f]) => lazyOf(lazily(recv, (x, out) => { if (truthy(f(x))) out.push(x); }), 'filter object')),
  filter: lambdaMethod(1, (recv, [f]) => lazyOf(lazily(recv, (x, out) => { if (truthy(f(x))) out.push(x); }), 'filter object')),
  selectMany: lambdaMethod(1, (recv, [f]) => lazily(recv, (x, out) => { const inner = f(x); if (isIterable(inner)) out.push(...itemsOf(inner)); else out.push(inner); })),
  orderBy: lambdaMethod(1, (recv, [f]) => orderBy(recv, f, true)),
  orderByDescending: lambdaMethod(1, (recv, [f]) => orderBy(recv, f, false)),
  // groupBy(key, value, aggregator): [key, [values]] pairs in the order each key first comes (the
  // first key of equal ones kept), the value selector run on an item before the key selector, all
  // at the call; the aggregator, given, run on each group's list of values in turn (where it fails
  // yaql tries it on the [key, values] pair: a note)
  groupBy: {
    form: 'M',
    run: (ev, recv, args) => {
      const slots: Array<Arg | undefined> = [undefined, undefined, undefined];
      const NAMES = ['keySelector', 'valueSelector', 'aggregator'];
      args.forEach((a, i) => {
        const at = a.k !== 'rule' ? i : a.key.k === 'kw' ? NAMES.indexOf(a.key.v) : -1;
        if (at < 0 || at > 2 || slots[at] || (a.k !== 'rule' && args.slice(0, i).some((b) => b.k === 'rule'))) no('groupBy() with these arguments');
        slots[at] = a.k === 'rule' ? a.value : a;
      });
      if (!slots[0]) return no('groupBy() without its key selector');
      // (run at the call: as sure as the call's own failures)
      const key = ev.atCall(slots[0]);
      const value = slots[1] ? ev.atCall(slots[1]) : (x: YV) => x;
      const groups = new Map<string, { k: YV; vs: YV[] }>();
      for (const t of itemsOf(recv!)) {
        const v = value(t);
        const k = key(t);
        const h = hashKey(k);
        const g = groups.get(h);
        if (g) g.vs.push(v); else groups.set(h, { k, vs: [v] });
        spend(1);
      }
      const agg = slots[2] ? ev.fn(slots[2]) : null;
      return mk([...groups.values()].map(({ k, vs }) => {
        const list = mk(vs, 'list');
        if (!agg) return mk([k, list], 'tuple');
        try {
          return mk([k, agg(list)], 'tuple');
        } catch (e) {
          if (e instanceof NotEvaluated) return no('a groupBy() aggregator that fails');
          throw e;
        }
      }), 'iter');
    },
  },
  aggregate: {
    form: 'M',
    run: (ev, recv, args, env) => {
      // yaql's Iterable is no text, dict or scalar; a selector and a seed at most
      if (!isIterable(recv!) || !args.length || args.length > 2) return ev.fail('aggregate() with these arguments', `No method "aggregate" for receiver ${receiverWords(recv!)} matches supplied arguments`);
      // positional (selector, seed), or named after them
      const slots: Array<Arg | undefined> = [undefined, undefined];
      args.forEach((a, i) => {
        const at = a.k !== 'rule' ? i : a.key.k === 'kw' ? ['selector', 'seed'].indexOf(a.key.v) : -1;
        if (at < 0 || slots[at] || (a.k !== 'rule' && args.slice(0, i).some((b) => b.k === 'rule'))) no('aggregate() with these arguments');
        slots[at] = a.k === 'rule' ? a.value : a;
      });
      if (!slots[0]) return no('aggregate() without its selector');
      // (functools.reduce runs the selector at the call: its failures as sure as the call's)
      const f = ev.atCall2(slots[0]);
      const seed = slots[1] ? ev.pos([slots[1]], env)[0] : undefined;
      return reduceWith(itemsOf(recv!), f, seed, ev);
    },
  },
  // toDict(key, value): a dict of each item's key and value (the value the item itself when no
  // value selector is given), both selectors run at the call; a key met again keeps its place, with the later value
  toDict: {
    form: 'M',
    run: (ev, recv, args) => {
      if (!args.length || args.length > 2) return ev.fail('toDict() with these arguments', noMethod('toDict', recv!));
      const slots = slotsOf(args, ['keySelector', 'valueSelector'], 'toDict');
      if (!slots[0]) return no('toDict() without its key selector');
      const key = ev.atCall(slots[0]);
      const value = slots[1] ? ev.atCall(slots[1]) : (x: YV) => x;
      return dictOf(itemsOf(recv!).map((t): [YV, YV] => { const k = key(t); return [k, value(t)]; }));
    },
  },
  // enumerate(start): [index, item] pairs, lazily, from `start` (0; a bool is an int)
  enumerate: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const a = allArgs(ev, recv, args, env);
      if (!a.length || a.length > 2) return no('enumerate() with these arguments');
      if (!isCollection(a[0])) return no('enumerate() of this value');
      const start = a.length === 2 ? a[1] : 0;
      if (typeof start !== 'number' && typeof start !== 'boolean') return recv !== undefined ? ev.fail('enumerate() with this start', noMethod('enumerate', recv)) : no('enumerate() with this start');
      let i = Number(start);
      return lazily(a[0], (x, out) => { out.push(mk([i++, x], 'tuple')); });
    },
  },
  // zip(other, ...): tuples of the items at each place, as long as the shortest collection
  zip: {
    form: 'M',
    run: (ev, recv, args, env) => {
      const a = ev.eager(args, env);
      if (!a.every(isCollection)) return ev.fail('zip() with these arguments', noMethod('zip', recv!));
      const cols = [recv!, ...a].map((c) => itemsOf(c));
      const n = Math.min(...cols.map((c) => c.length));
      return mk(Array.from({ length: n }, (_, i) => mk(cols.map((c) => c[i]), 'tuple')), 'iter');
    },
  },
  // switch(condition => value, ...): the value of the first condition that holds (None if none
  // does); the conditions read in turn, and only the chosen value, all by the call
  switch: {
    form: 'F',
    run: (ev, recv, args, env) => {
      const rules: Array<{ key: Node; value: Node }> = [];
      for (const a of args) {
        if (a.k !== 'rule') return ev.fail('switch() with a plain argument', noFunction('switch'));
        // (a keyword before `=>` is a named argument to yaql)
        if (a.key.k === 'kw') return no('switch() with a named argument');
        rules.push(a);
      }
      for (const r of rules) if (truthy(ev.eager([r.key], env)[0])) return ev.eager([r.value], env)[0];
      return null;
    },
  },
  // substring(start, length): Python's string[start:start + length] by code points, a negative
  // start counted from the end, a negative length (or none) to the end
  substring: {
    form: 'M',
    run: (ev, recv, args, env) => {
      if (!args.length || args.length > 2 || args.some((x) => x.k === 'rule')) return ev.fail('substring() with these arguments', noMethod('substring', recv!));
      const a = ev.eager(args, env);
      if (a.some((x) => typeof x !== 'number' && typeof x !== 'boolean')) return ev.fail('substring() with these arguments', noMethod('substring', recv!));
      const s = Array.from(recv as string);
      let start = Number(a[0]);
      let length = a.length === 2 ? Number(a[1]) : -1;
      if (length < 0) length = s.length;
      if (start < 0) start += s.length;
      return pySlice(s, start, start + length).join('');
    },
  },
  // indexOf(item): the first place of an item equal to it in a collection (-1: none); a text's
  // first place in a text (by code points)
  indexOf: {
    form: 'M',
    run: (ev, recv, args, env) => {
      if (args.some((x) => x.k === 'rule')) return no('indexOf() with a named argument');
      if (isCollection(recv!)) {
        if (args.length !== 1) return ev.fail('indexOf() with these arguments', noMethod('indexOf', recv!));
        const [item] = ev.eager(args, env);
        // (it reads up to the first equal item: a lazy result's failure after it is never met)
        let at = -1;
        const found = readUntil(recv!, (x) => { at++; return pyEq(x, item); });
        return found ? at : -1;
      }
      if (args.length !== 1) return no('indexOf() of a text with these arguments');
      const [sub] = ev.eager(args, env);
      if (typeof sub !== 'string') return ev.fail('indexOf() with this argument', noMethod('indexOf', recv!));
      // (Python counts code points: the UTF-16 place read back as the code points before it)
      const at = (recv as string).indexOf(sub);
      return at < 0 ? -1 : Array.from((recv as string).slice(0, at)).length;
    },
  },
  // lastIndexOf(item): the last place of an item equal to it in a collection (it reads them all;
  // -1: none); a text's last place in a text, from `start` on (Python's rfind, by code points)
  lastIndexOf: {
    form: 'M',
    run: (ev, recv, args, env) => {
      if (args.some((x) => x.k === 'rule')) return no('lastIndexOf() with a named argument');
      if (isCollection(recv!)) {
        if (args.length !== 1) return ev.fail('lastIndexOf() with these arguments', noMethod('lastIndexOf', recv!));
        const [item] = ev.eager(args, env);
        let at = -1;
        itemsOf(recv!).forEach((x, i) => { if (pyEq(x, item)) at = i; });
        return at;
      }
      if (args.length < 1 || args.length > 2) return no('lastIndexOf() of a text with these arguments');
      const [sub, start = 0] = ev.eager(args, env);
      if (typeof sub !== 'string' || (typeof start !== 'number' && typeof start !== 'boolean') || !Number.isInteger(Number(start))) return ev.fail('lastIndexOf() with these arguments', noMethod('lastIndexOf', recv!));
      // (Python counts code points: `start` read as the UTF-16 place, the place found read back)
      const text = recv as string;
      const cs = Array.from(text);
      let from = Number(start);
      if (from < 0) from = Math.max(0, cs.length + from);
      if (from > cs.length) return -1;
      const at = text.lastIndexOf(sub);
      const fromUnits = cs.slice(0, from).join('').length;
      return at < fromUnits ? -1 : Array.from(text.slice(0, at)).length;
    },
  },
  // mergeWith(another): a deep merge of two dicts (yaql's _merge_dicts): the receiver's keys in
  // their order, then the other's new ones; a key both have takes the other's value, two dicts
  // under it merged, two sequences joined without repeats (distinct(lst1 + lst2), as a list);
  // values yaql cannot merge (a dict or a sequence into what is none) are its TypeError; the
  // mergers and maxLevels given are notes
  mergeWith: {
    form: 'M',
    run: (ev, recv, args, env) => {
      if (!args.length) return ev.fail('mergeWith() without arguments', noMethod('mergeWith', recv!));
      if (args.some((x) => x.k === 'rule') || args.length !== 1) return no('mergeWith() with these arguments');
      const [another] = ev.eager(args, env);
      if (!(another instanceof YDict)) return ev.fail('mergeWith() with this argument', noMethod('mergeWith', recv!));
      const isSeq = (v: YV) => v instanceof YList && (v.kind === 'tuple' || v.kind === 'list');
      // (Python's class of a value yaql cannot merge another into, as its TypeError names it)
      const cls = (v: YV): string => {
        const name = v === null ? 'NoneType' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'int' : typeof v === 'string' ? 'str'
          : v instanceof PyFloat ? 'float' : v instanceof YDict ? 'yaql.language.utils.FrozenDict' : v.kind === 'tuple' || v.kind === 'list' ? v.kind : no('mergeWith() of a lazy value');
        return `<class '${name}'>`;
      };
      const cannot = (v1: YV, v2: YV): never => ev.fail('mergeWith() of values yaql cannot merge', `Cannot merge ${cls(v1)} with ${cls(v2)}`);
      const merge = (a: YDict, b: YDict, depth: number): YDict => {
        if (depth > MAX_DEPTH) no('dicts nested past bdm-lab\'s depth');
        const out: Array<[YV, YV]> = [];
        for (const [k, v1] of a.m) {
          if (!b.m.has(k)) { out.push([k, v1]); continue; }
          const v2 = b.m.get(k)!;
          if (v2 instanceof YDict) {
            if (!(v1 instanceof YDict)) cannot(v1, v2);
            out.push([k, merge(v1 as YDict, v2, depth + 1)]);
          } else if (isSeq(v2)) {
            if (!isSeq(v1)) cannot(v1, v2);
            if ((v1 as YList).kind !== (v2 as YList).kind) no('mergeWith() of sequences Python cannot join');
            const seen = new Set<string>();
            const items = [...(v1 as YList).items, ...(v2 as YList).items].filter((x) => { const h = hashKey(x); if (seen.has(h)) return false; seen.add(h); return true; });
            out.push([k, mk(items, 'tuple')]);
          } else out.push([k, v2]);
        }
        for (const [k, v2] of b.m) if (!a.m.has(k)) out.push([k, v2]);
        return dictOf(out);
      };
      return merge(recv as YDict, another, 0);
    },
  },
  count: { form: 'M', run: (ev, recv, args) => (args.length ? no('count() with arguments') : itemsOf(recv!).length) },
  len: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const a = allArgs(ev, recv, args, env);
      if (a.length !== 1) return no('len() with these arguments');
      const v = a[0];
      if (!RECEIVERS.len(v)) return ev.fail('len() of this value', noFunction('len'));
      if (typeof v === 'string') return Array.from(v).length;
      if (v instanceof YDict) return v.m.size;
      if (isIterable(v) && (v.kind === 'tuple' || v.kind === 'list' || v.kind === 'iter' || v.kind === 'keys' || v.kind === 'items')) return v.kind === 'iter' ? itemsOf(v).length : v.items.length;
      return no('len() of this value');
    },
  },
  first: {
    form: 'M',
    run: (ev, recv, args, env) => {
      noMapReceiver(ev, 'first', recv!);
      const d = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env);
      if (d.length > 1) no('first() with these arguments');
      // (a lazy result's StopIteration after its items comes out, default or not)
      const { items: xs, poison } = partialOf(recv!);
      if (poison && !xs.length) throw poison;
      return xs.length ? xs[0] : d.length ? d[0] : ev.stop('first() of an empty collection');
    },
  },
  last: {
    form: 'M',
    run: (ev, recv, args, env) => {
      noMapReceiver(ev, 'last', recv!);
      const d = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env);
      if (d.length > 1) no('last() with these arguments');
      const xs = itemsOf(recv!);
      return xs.length ? xs[xs.length - 1] : d.length ? d[0] : ev.stop('last() of an empty collection');
    },
  },
  sum: { form: 'M', run: (ev, recv, args, env) => { const d = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env); if (d.length > 1) no('sum() with these arguments'); const xs = itemsOf(recv!); return ev.byCall(() => reduceWith(xs, plus, d[0], ev)); } },
  // single(): the only item; none, or a second one, is StopIteration (the second with its words)
  single: {
    form: 'M',
    run: (ev, recv, args) => {
      noMapReceiver(ev, 'single', recv!);
      if (args.length) no('single() with arguments');
      const { items: xs, poison } = partialOf(recv!);
      // (it reads a second item: a lazy result's StopIteration before one comes out)
      if (poison && xs.length < 2) throw poison;
      return xs.length === 1 ? xs[0] : ev.stop('single() of a collection without exactly one item', xs.length ? 'Collection contains more than one item' : '');
    },
  },
  max: extremum('max', maxOf),
  min: extremum('min', minOf),
  distinct: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const [coll, rest] = withLambdas(ev, 'distinct', recv, args, env);
      if (rest.length > 1) no('distinct() with these arguments');
      const f = rest.length ? ev.fn(rest[0]) : (x: YV) => x;
      const seen = new Set<string>();
      return lazyOf(lazily(coll, (x, out) => { const k = hashKey(f(x)); if (!seen.has(k)) { seen.add(k); out.push(x); } }), 'generator object distinct');
    },
  },
  any: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const [coll, rest] = withLambdas(ev, 'any', recv, args, env);
      if (rest.length > 1) no('any() with these arguments');
      const f = rest.length ? ev.fn(rest[0]) : () => true;
      return readUntil(coll, (x) => truthy(f(x)));
    },
  },
  all: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const [coll, rest] = withLambdas(ev, 'all', recv, args, env);
      if (rest.length > 1) no('all() with these arguments');
      const f = rest.length ? ev.fn(rest[0]) : (x: YV) => x;
      return !readUntil(coll, (x) => !truthy(f(x)));
    },
  },
  concat: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const a = allArgs(ev, recv, args, env);
      if (!a.length) return no('concat() without arguments');
      if (recv === undefined && a.every((x) => typeof x === 'string')) return checkStr(a.join(''));
      if (recv === undefined && a.some((x) => typeof x !== 'string' && !isCollection(x))) return ev.fail('concat() of these values', noFunction('concat'));
      if (!a.every(isIterable)) return no('concat() of these values');
      // (lazily, as itertools.chain: a lazy argument's failure ends the result after its items)
      const out: YV[] = [];
      for (const x of a) {
        const { items, poison } = partialOf(x);
        out.push(...items);
        if (out.length > MAX_ITEMS) no('a collection past Heat\'s limit_iterators');
        if (poison) {
          const l = mk(out, 'iter');
          l.poison = poison;
          return l;
        }
      }
      return mk(out, 'iter');
    },
  },
  join: {
    form: 'M',
    run: (ev, recv, args, env) => {
      const a = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env);
      if (a.length !== 1) return no('join() with these arguments');
      const [coll, sep] = typeof recv === 'string' && isIterable(a[0]) ? [a[0], recv] : isIterable(recv!) && typeof a[0] === 'string' ? [recv!, a[0]] : [null, ''];
      if (coll === null) return no('join() of these values');
      return checkStr(itemsOf(coll).map((x) => pyStrOf(x, true)).join(sep));
    },
  },
  str: { form: 'F', run: (ev, recv, args, env) => { const a = ev.pos(args, env); return a.length === 1 ? pyStrOf(a[0], true) : no('str() with these arguments'); } },
  int: { form: 'F', run: (ev, recv, args, env) => { const a = ev.pos(args, env); return a.length === 1 ? pyInt(ev, a[0]) : no('int() with these arguments'); } },
  bool: { form: 'F', run: (ev, recv, args, env) => { const a = ev.pos(args, env); return a.length === 1 ? truthy(a[0]) : no('bool() with these arguments'); } },
  format: {
    form: 'E',
    run: (ev, recv, args, env) => {
      const pos: YV[] = [];
      const named = new Map<string, YV>();
      for (const a of args) {
        if (a.k !== 'rule') { if (named.size) no('a positional argument after a named one'); pos.push(ev.pos([a], env)[0]); continue; }
        if (a.key.k !== 'kw') return no('a named argument whose name is no keyword');
        named.set(a.key.v, ev.pos([a.value], env)[0]);
      }
      const all = recv === undefined ? pos : [recv, ...pos];
      if (recv === undefined && all.length && typeof all[0] !== 'string') return ev.fail('format() of this value', noFunction('format'));
      return pyFormat(strArg(all[0] ?? null), all.slice(1), named);
    },
  },
  toUpper: { form: 'M', run: (ev, recv, args) => (args.length ? no('toUpper() with arguments') : asciiOnly(strArg(recv!)).toUpperCase()) },
  toLower: { form: 'M', run: (ev, recv, args) => (args.length ? no('toLower() with arguments') : asciiOnly(strArg(recv!)).toLowerCase()) },
  split: {
    form: 'M',
    run: (ev, recv, args, env) => {
      const s = strArg(recv!);
      const a = ev.pos(args, env);
      if (a.length > 1) no('split() with these arguments');
      const sep = a.length ? a[0] : null;
      if (sep === null) return mk(pySplitWhite(s), 'list');
      if (typeof sep !== 'string' || sep === '') return no('split() with this separator');
      return mk(s.split(sep), 'list');
    },
  },
  replace: {
    form: 'M',
    run: (ev, recv, args, env) => {
      const a = ev.pos(args, env);
      if (typeof recv !== 'string' || a.length !== 2 || typeof a[0] !== 'string' || typeof a[1] !== 'string') return no('replace() with these arguments');
      const parts = a[0] === '' ? ['', ...Array.from(recv), ''] : recv.split(a[0]);
      if (parts.length * a[1].length > MAX_STRING_BYTES) no('a string near yaql\'s memory quota');
      return checkStr(parts.join(a[1]));
    },
  },
  trim: {
    form: 'M',
    run: (ev, recv, args, env) => {
      const a = ev.pos(args, env);
      if (a.length > 1 || (a.length && a[0] !== null && typeof a[0] !== 'string')) return no('trim() with these arguments');
      return pyStrip(strArg(recv!), a.length ? (a[0] as string | null) : null);
    },
  },
  startsWith: { form: 'M', run: (ev, recv, args, env) => { const a = ev.pos(args, env).map(strArg); const s = strArg(recv!); return a.length ? a.some((p) => s.startsWith(p)) : no('startsWith() without a prefix'); } },
  endsWith: { form: 'M', run: (ev, recv, args, env) => { const a = ev.pos(args, env).map(strArg); const s = strArg(recv!); return a.length ? a.some((p) => s.endsWith(p)) : no('endsWith() without a suffix'); } },
  keys: { form: 'M', run: (ev, recv, args) => (recv instanceof YDict && !args.length ? mk(dictPairs(recv).map(([k]) => k), 'keys') : no('keys() of this value')) },
  items: { form: 'M', run: (ev, recv, args) => (recv instanceof YDict && !args.length ? mk(dictPairs(recv).map(([k, v]) => mk([k, v], 'tuple')), 'items') : no('items() of this value')) },
  values: { form: 'M', run: (ev, recv, args) => (recv instanceof YDict && !args.length ? mk(dictPairs(recv).map(([, v]) => v), 'values') : no('values() of this value')) },
  get: {
    form: 'M',
    run: (ev, recv, args, env) => {
      const a = ev.pos(args, env);
      if (!(recv instanceof YDict) || !a.length || a.length > 2) return no('get() with these arguments');
      const f = lookup(recv, a[0]);
      return f.found ? f.v! : a.length === 2 ? a[1] : null;
    },
  },
  containsKey: { form: 'M', run: (ev, recv, args, env) => { const a = ev.pos(args, env); return recv instanceof YDict && a.length === 1 ? lookup(recv, a[0]).found : no('containsKey() with these arguments'); } },
  contains: { form: 'M', run: (ev, recv, args, env) => { const a = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env); return a.length === 1 ? readUntil(recv!, (x) => pyEq(a[0], x)) : no('contains() with these arguments'); } },
  toList: { form: 'M', run: (ev, recv, args) => (args.length ? no('toList() with arguments') : isIterable(recv!) && recv.kind === 'tuple' ? recv : mk([...itemsOf(recv!)], 'tuple')) },
  flatten: { form: 'M', run: (ev, recv, args) => (args.length ? no('flatten() with arguments') : mk(flatten(itemsOf(recv!)), 'iter')) },
  reverse: { form: 'M', run: (ev, recv, args) => (args.length ? no('reverse() with arguments') : mk([...itemsOf(recv!)].reverse(), 'iter')) },
  skip: { form: 'M', run: (ev, recv, args, env) => { const a = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env); if (a.length !== 1 || intArg(a[0]) < 0) no('skip() with these arguments'); return lazyOf(mk(itemsOf(recv!).slice(a[0] as number), 'iter'), 'itertools.islice object'); } },
  limit: { form: 'M', run: (ev, recv, args, env) => { const a = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env); if (a.length !== 1 || intArg(a[0]) < 0) no('limit() with these arguments'); return lazyOf(takeFirst(recv!, a[0] as number), 'itertools.islice object'); } },
  take: { form: 'M', run: (ev, recv, args, env) => { const a = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env); if (a.length !== 1 || intArg(a[0]) < 0) no('take() with these arguments'); return lazyOf(takeFirst(recv!, a[0] as number), 'itertools.islice object'); } },
  list: { form: 'F', run: (ev, recv, args, env) => listOf(ev.pos(args, env)) },
  dict: {
    form: 'F',
    run: (ev, recv, args, env) => {
      if (!args.length || args.every((a) => a.k === 'rule')) return ev.dict(args, env);
      const a = args.length === 1 ? ev.eager(args, env) : ev.pos(args, env);
      if (a.length !== 1) return no('dict() with these arguments');
      if (!isCollection(a[0])) return ev.fail('dict() of this value', noFunction('dict'));
      // (an item of fewer than two values runs out: StopIteration)
      const pairOf = (p: YV): [YV, YV] => {
        if (!(isIterable(p) && (p.kind === 'tuple' || p.kind === 'list'))) return no('a dict() item that is no pair');
        return p.items.length >= 2 ? [p.items[0], p.items[1]] : ev.stop('a dict() item of fewer than two values');
      };
      return dictOf(itemsOf(a[0]).map(pairOf));
    },
  },
  range: {
    form: 'F',
    run: (ev, recv, args, env) => {
      const a = args.length >= 1 && args.length <= 3 ? ev.eager(args, env) : ev.pos(args, env);
      // (its parameters are ints: a bool is one)
      if (a.length >= 1 && a.length <= 3 && a.some((x) => typeof x !== 'number' && typeof x !== 'boolean')) return ev.fail('range() of these values', noFunction('range'));
      return pyRange(a.map((x) => (typeof x === 'boolean' ? Number(x) : x)));
    },
  },
  // a dict's set(key, value), set(dict) or set(key => value, ...): a new dict, the items after
  // the receiver's (a key it has keeps its place, with the new value); of anything else a note
  set: {
    form: 'M',
    run: (ev, recv, args, env) => {
      if (!(recv instanceof YDict)) return no('set() of this value');
      let more: Array<[YV, YV]>;
      if (args.length && args.every((a) => a.k === 'rule')) more = [...ev.dict(args, env).m];
      else {
        const a = ev.pos(args, env);
        if (a.length === 2) more = [[a[0], a[1]]];
        else if (a.length === 1 && a[0] instanceof YDict) more = [...a[0].m];
        else return no('set() with these arguments');
      }
      return dictOf([...recv.m, ...more]);
    },
  },
};

// ---- entry -----------------------------------------------------------------------------------

/**
 * Evaluate a yaql expression on Heat's `{'data': data}` as Heat's Yaql.result does. Throws
 * NotEvaluated for anything outside what bdm-lab reads (the caller's note); the result is a
 * plain value (a float as PyFloat, lists as arrays, dicts as Maps with string keys).
 */
export function evaluateYaql(expression: string, data: YV): YV {
  work = 0;
  const tree = parseYaql(expression);
  const sure = tree.k === 'bin' && tree.op === '.' && ((tree.r.k === 'call' && ['select', 'map', 'where', 'filter', 'orderBy', 'orderByDescending'].includes(tree.r.name)) || tree.r.k !== 'call') ? tree : null;
  try {
    const out = new Evaluator(sure).eval(tree, { self: new YDict(new Map([['data', data]])) });
    checkOutput(out, 0);
    return out;
  } catch (e) {
    // a lambda's StopIteration that came out (PendingStop): yaql's own; so is an item's attribute failure read (PendingFailure)
    if (e instanceof PendingStop) throw new YaqlStopIteration(e.heat);
    if (e instanceof PendingFailure) throw new YaqlError(e.heat);
    throw e;
  }
}

/** what Heat's output conversion takes: a dict's keys view stays a Python set (no list) */
function checkOutput(v: YV, d: number): void {
  if (d > MAX_DEPTH) no('a result nested too deep');
  if (v instanceof YDict && v.m instanceof CollectionKeyed) {
    // (Python's dict keeps a key met again at its first place: the values before the first
    // collection key are those of the keys before it, which bdm-lab takes as converted first)
    for (const x of v.m.before) checkOutput(x, d + 1);
    throw new YaqlError(`unhashable type: '${v.m.pyType}'`);
  }
  if (v instanceof YDict) { for (const [, x] of dictPairs(v)) checkOutput(x, d + 1); return; }
  if (!(v instanceof YList)) return;
  if (v.kind === 'keys' || v.kind === 'items') no('a dict\'s keys or items (a set in Heat\'s result)');
  for (const x of itemsOf(v)) checkOutput(x, d + 1);
}
