/**
 * The Python values Ansible's templating works on, as bdm-lab holds them while it renders `{{ }}`
 * (template.ts, filters.ts), and what Python does with them: str(), repr(), truth, `==`, order,
 * `+`/`-`/`*`/`/`/`//`/`%`, `in`, len, iteration, and the words of the TypeError it raises (the
 * task fails with them). Facts: CPython 3.11's object protocols (Objects/abstract.c,
 * unicodeobject.c, listobject.c, floatobject.c), Jinja2 3.1's Undefined (runtime.py), ansible-core
 * 2.14's AnsibleUndefined (template/native_helpers.py); labelled by test/fixtures/ansible/jinja_label.py.
 *
 * A JavaScript string is a `str`; `PyText` is a string of another class (the YAML loader's
 * AnsibleUnicode, or the NativeJinjaText a string filter returns), which Python names in its
 * messages. A number is an int, `PyFloat` a float. `Undef` is Jinja's Undefined.
 */
import { HeldAgain, keepMarks, KEY_ORDER, NON_STR_KEYS, PyDate, PyFloat, UNKNOWN_KEYS } from './tasks';
import { OMIT_TOKEN } from './omit';
import { pyFloat, pyStrRepr } from '../../parse/pyrepr';
import { codePoints } from './pynumber';

export { keepMarks, KEY_ORDER, NON_STR_KEYS, UNKNOWN_KEYS };
export { codePoints };

export class Unresolved extends Error {
  /**
   * @param expression the text bdm-lab does not render
   * @param why replaces the usual reason (a variable from elsewhere or a filter)
   * @param undefinedName the variable, absent from the file's vars, that made it undefined
   */
  constructor(readonly expression: string, readonly why?: string, readonly undefinedName?: string) {
    super(expression);
  }
}

/**
 * A Python exception while rendering: `type` a TypeError and `undefined` Jinja's UndefinedError
 * (inside a template), `ansible-undefined` the AnsibleUndefinedVariable and `ansible` the
 * AnsibleError (or AnsibleFilterError, `cls`) that leave Templar.do_template; `message` is the
 * exception's own words (AnsibleError.message).
 */
export class PyError extends Error {
  constructor(readonly kind: 'type' | 'undefined' | 'ansible-undefined' | 'ansible' | 'exc', message: string, readonly cls = 'ansible.errors.AnsibleError') {
    super(message);
  }
}

/**
 * Another Python exception than a TypeError raised while rendering (Templar lets it through):
 * `cls` is its class as a traceback names it (`ZeroDivisionError`, `json.decoder.JSONDecodeError`),
 * `message` its str().
 */
export const pyRaise = (cls: string, message: string): PyError => new PyError('exc', message, cls);

/** the classes of pyRaise that are ValueErrors (Task.post_validate words those as an invalid field) */
export const VALUE_ERRORS: ReadonlySet<string> = new Set(['ValueError', 'json.decoder.JSONDecodeError', 'binascii.Error', 'UnicodeDecodeError', 'UnicodeEncodeError']);

/**
 * A str of another class than `str` (Python names it in a TypeError, Jinja in an undefined's
 * words), or Ansible's omit token (a `str` whose text changes with every run: `omit` stands for it
 * and reading its text is not done).
 */
export class PyText {
  constructor(readonly s: string, readonly cls: 'AnsibleUnicode' | 'NativeJinjaText' | 'AnsibleUnsafeText' | 'str' | 'omit') {}
}

/**
 * A Python object of the datetime module that a template can reach from a YAML date but that
 * bdm-lab holds only as far as its words go: a timedelta (a difference of two datetimes, a
 * class's `resolution`) or a timezone (an aware datetime's tzinfo). `key` orders and equates two
 * of a class (a timedelta's microseconds, a timezone's offset); `attrs` are its plain attributes;
 * `names` its other attributes (methods), which are not followed.
 */
export class PyObj {
  constructor(readonly cls: 'datetime.timedelta' | 'datetime.timezone', readonly str: string, readonly repr: string, readonly key: bigint,
    readonly attrs: Record<string, unknown>, readonly names: ReadonlySet<string>) {}
}

const divFloor = (a: bigint, b: bigint): bigint => (a % b !== 0n && (a < 0n) !== (b < 0n) ? a / b - 1n : a / b);
const pad2 = (n: bigint | number, w = 2) => String(n).padStart(w, '0');
const DELTA_NAMES = new Set('days max microseconds min resolution seconds total_seconds'.split(' '));

/** datetime.timedelta of a number of microseconds: its str() (`1 day, 2:03:04.000005`), repr() and days/seconds/microseconds */
export function timedelta(us: bigint): PyObj {
  const days = divFloor(us, 86_400_000_000n);
  if (days > 999_999_999n || days < -999_999_999n) throw new Unresolved('', 'which makes a timedelta past 999999999 days (an OverflowError, which Ansible reports as an exception bdm-lab does not word)');
  const rest = us - days * 86_400_000_000n;
  const secs = rest / 1_000_000n;
  const micro = rest % 1_000_000n;
  let str = `${secs / 3600n}:${pad2((secs / 60n) % 60n)}:${pad2(secs % 60n)}`;
  if (days) str = `${days} day${days === 1n || days === -1n ? '' : 's'}, ${str}`;
  if (micro) str += `.${pad2(micro, 6)}`;
  const parts = [days ? `days=${days}` : '', secs ? `seconds=${secs}` : '', micro ? `microseconds=${micro}` : ''].filter(Boolean);
  const repr = `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
  return new PyObj('datetime.timedelta', str, repr, us, { days: Number(days), seconds: Number(secs), microseconds: Number(micro) }, DELTA_NAMES);
}

const ZONE_NAMES = new Set('dst fromutc max min tzname utc utcoffset'.split(' '));

/** datetime.timezone of a UTC offset in minutes (0: timezone.utc) */
export function timezone(minutes: number): PyObj {
  const m = Math.abs(minutes);
  const str = minutes ? `UTC${minutes < 0 ? '-' : '+'}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}` : 'UTC';
  const repr = minutes ? `datetime.timezone(${timedelta(BigInt(minutes) * 60_000_000n).repr})` : 'datetime.timezone.utc';
  return new PyObj('datetime.timezone', str, repr, BigInt(minutes), {}, ZONE_NAMES);
}

/** a Python tuple (what `dict.items()` yields, a literal `(a, b)`) */
export class PyTuple {
  /** `named`: a named tuple's class and field names (Jinja's groupby gives _GroupTuple(grouper, list)) */
  constructor(readonly items: unknown[], readonly named: { cls: string; fields: readonly string[] } | null = null) {}
}

/**
 * A dict's view (`d.keys()`, `.values()`, `.items()`), its items taken when it is made (nothing in
 * a template changes a dict). Ansible makes it a list where a filter returns it or it is the whole
 * of a `{{ }}` (template/__init__.py _unroll_iterator); elsewhere it is the view Python writes as
 * `dict_keys([...])`.
 */
export class PyView {
  constructor(readonly cls: 'dict_keys' | 'dict_values' | 'dict_items' | 'range', readonly dict: Record<string, unknown>, readonly items: unknown[]) {}
}

/** Python's range (Jinja's global `range` is the builtin one in Ansible: not the sandbox's, no MAX_RANGE), its items made */
export class PyRange extends PyView {
  constructor(readonly start: number, readonly stop: number, readonly step: number, items: number[]) {
    super('range', {}, items);
  }
  /** str() and repr(): how a dict that holds it as a key names it */
  override toString(): string {
    return `range(${this.start}, ${this.stop}${this.step === 1 ? '' : `, ${this.step}`})`;
  }
  /** a dict key's identity (tasks.ts PyDictBuilder): equal ranges (the same items) hash alike */
  hashKey(): string {
    return `r${rangeKey(this)}`;
  }
}

/**
 * a range's identity under Python's == and hash: ranges are equal when they give the same items
 * (their length, then the first item, then the step when there are two or more)
 */
export function rangeKey(r: PyRange): string {
  const n = r.items.length;
  return n === 0 ? '0' : n === 1 ? `1,${r.start}` : `${n},${r.start},${r.step}`;
}

/** a dict view Python cannot hash (keys and items views are set-like); a range and a values view hash */
export const unhashableView = (v: unknown): v is PyView => v instanceof PyView && (v.cls === 'dict_keys' || v.cls === 'dict_items');

/**
 * An int of more than 4 300 digits, which bdm-lab does not compute: it holds only that Python
 * refuses to write it out (str(), repr(), JSON: sys.int_info's default limit, Python 3.11). Only
 * the template's own text (template.ts) reads it: anything else made of it is a note.
 */
export class PyHugeInt {
  constructor(readonly negative: boolean) {}
}

/** int.__str__ of a PyHugeInt (CPython 3.11's int_max_str_digits): a ValueError */
export const strLimit = (): PyError => pyRaise('ValueError', 'Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit');

/** a value bdm-lab holds only for the few uses it reads (a tuple or a view in an operator): the note */
export const seqOnly = () => new Unresolved('', 'which computes with a tuple or a dict view in a way bdm-lab does not read');

export const MISSING = Symbol('missing');

/**
 * Jinja's Undefined. Strict (AnsibleUndefined): any use but `default`, `mandatory`, a test, `.x`
 * and `[x]` raises UndefinedError with its words. Plain (the value of `a if c` when c is false):
 * it renders as nothing and is false; bdm-lab reads no other use of it. `cause` is set when the
 * file alone cannot tell the value (a variable it does not define): a use throws that instead.
 */
export class Undef {
  readonly hint: string | null;
  readonly obj: unknown;
  readonly name: unknown;
  readonly cause: Unresolved | null;
  readonly plain: boolean;
  constructor(o: { hint?: string | null; obj?: unknown; name?: unknown; cause?: Unresolved | null; plain?: boolean }) {
    this.hint = o.hint ?? null;
    this.obj = 'obj' in o ? o.obj : MISSING;
    this.name = o.name ?? null;
    this.cause = o.cause ?? null;
    this.plain = o.plain ?? false;
  }

  /** Undefined._undefined_message */
  message(): string {
    if (this.hint) return this.hint;
    if (this.obj === MISSING) return `${reprName(this.name)} is undefined`;
    if (typeof this.name !== 'string' && !(this.name instanceof PyText)) return `${objectTypeRepr(this.obj)} has no element ${reprName(this.name)}`;
    return `${pyStrRepr(objectTypeRepr(this.obj))} has no attribute ${reprName(this.name)}`;
  }

  /** what a use of it raises (or, when the file cannot tell, the note) */
  fail(): never {
    if (this.cause) throw this.cause;
    throw new PyError('undefined', this.message());
  }
}

function reprName(n: unknown): string {
  if (typeof n === 'string' || n instanceof PyText) return pyStrRepr(text(n));
  if (n instanceof PyRange) return `range(${n.start}, ${n.stop}${n.step === 1 ? '' : `, ${n.step}`})`;
  return scalarRepr(n);
}

/** Python's name of a value's class */
export function typeName(v: unknown): string {
  if (v instanceof PyText) return v.cls === 'omit' ? 'str' : v.cls;
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  if (v instanceof PyFloat) return 'float';
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Undef) return v.plain ? 'Undefined' : 'AnsibleUndefined';
  if (v instanceof PyDate || v instanceof PyObj || v instanceof PyView) return v.cls;
  if (v instanceof PyTuple) return v.named ? v.named.cls : 'tuple';
  return 'dict';
}

/** the module of a str subclass (a loop item from a lookup is AnsibleUnsafeText: wrap_var) */
const TEXT_MODULE = { AnsibleUnicode: 'ansible.parsing.yaml.objects', NativeJinjaText: 'ansible.utils.native_jinja', AnsibleUnsafeText: 'ansible.utils.unsafe_proxy' } as const;

/** jinja2.utils.object_type_repr */
export function objectTypeRepr(v: unknown): string {
  if (v === null) return 'None';
  if (v instanceof PyText) return v.cls === 'omit' || v.cls === 'str' ? 'str object' : `${TEXT_MODULE[v.cls]}.${v.cls} object`;
  if (v instanceof Undef) return v.plain ? 'jinja2.runtime.Undefined object' : 'ansible.template.native_helpers.AnsibleUndefined object';
  return `${typeName(v)} object`;
}

export const isStr = (v: unknown): v is string | PyText => typeof v === 'string' || v instanceof PyText;
/** a str's text, to compute with: not the omit token's (nor a text holding it), whose text changes with every run */
export const text = (v: string | PyText): string => {
  const t = typeof v === 'string' ? v : v.s;
  if (t.includes(OMIT_TOKEN)) throw new Unresolved('', 'which computes with Ansible\'s omit placeholder, a token that changes with every run');
  return t;
};
/** an int, a float or a bool (a bool is an int to Python) */
export const isNum = (v: unknown): v is number | boolean | PyFloat => typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
export const numOf = (v: number | boolean | PyFloat): number => (v instanceof PyFloat ? v.value : Number(v));
export const isDict = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof PyText) && !(v instanceof Undef) && !(v instanceof PyDate) && !(v instanceof PyObj) && !(v instanceof PyTuple) && !(v instanceof PyView) && !(v instanceof PyHugeInt);


/** a key JavaScript orders before the others (an array index) */
function indexLike(k: string): boolean {
  const n = Number(k);
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === k;
}

/** a dict's keys in Python's order, or the note when bdm-lab does not know them (keys that are not strings; JavaScript puts index-like keys first) */
export function keysOf(d: Record<string, unknown>): string[] {
  const keys = Object.keys(d);
  if (UNKNOWN_KEYS.has(d)) throw new Unresolved('', 'which reads a mapping with keys bdm-lab does not tell apart (a list or mapping as a key, or two keys Python writes alike)');
  const order = KEY_ORDER.get(d);
  if (order && order.length === keys.length) return order;
  if (keys.length > 1 && keys.some(indexLike)) throw new Unresolved('', 'which reads the order of a mapping with number-like keys, which bdm-lab does not keep');
  return keys;
}

/** a dict's key as Python holds it: the string, or the key that is no string (a bool, number, None, date) */
export function pyKey(d: Record<string, unknown>, k: string): unknown {
  const odd = NON_STR_KEYS.get(d);
  return odd?.has(k) ? odd.get(k) : k;
}

/** the key (as bdm-lab holds it) of a dict's entry whose Python key equals `key`, if any */
export function findKey(d: Record<string, unknown>, key: unknown): string | undefined {
  if (UNKNOWN_KEYS.has(d)) throw new Unresolved('', 'which reads a mapping with keys bdm-lab does not tell apart (a list or mapping as a key, or two keys Python writes alike)');
  const odd = NON_STR_KEYS.get(d);
  if (isStr(key)) {
    const k = text(key);
    return Object.prototype.hasOwnProperty.call(d, k) && !odd?.has(k) ? k : undefined;
  }
  if (!odd) return undefined;
  for (const [k, pk] of odd) if (pk === key || pyEq(pk, key)) return k;
  return undefined;
}

/** what a task may write in all (strings and lists made while rendering): past it, a note */
export interface Budget { left: number }
export const tooMuch = () => new Unresolved('', 'which renders to more text than bdm-lab reads');
export function spend(b: Budget, n: number): void {
  b.left -= n;
  if (b.left < 0) throw tooMuch();
}

function scalarRepr(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v === 0 ? 0 : v);
  if (v instanceof PyFloat) return pyFloat(v.value);
  return String(v);
}

/** Python's str() (`repr` true: repr()), written into `out`; an undefined in it raises as Python's would */
function write(v: unknown, asRepr: boolean, out: string[], b: Budget, depth: number): void {
  if (depth > 400) throw new Unresolved('', 'which nests deeper than bdm-lab reads');
  let t: string;
  // the omit token written out whole: index.ts finds it in the text (a filter that changes a text checks for it)
  if (isStr(v)) t = asRepr ? pyStrRepr(typeof v === 'string' ? v : v.s) : typeof v === 'string' ? v : v.s;
  // (where a value that holds itself names itself again: Python's repr stops there)
  else if (v instanceof HeldAgain) t = v.open === '{' ? '{...}' : '[...]';
  else if (Array.isArray(v)) {
    out.push('[');
    spend(b, 2);
    v.forEach((x, i) => { if (i) { out.push(', '); spend(b, 2); } write(x, true, out, b, depth + 1); });
    out.push(']');
    return;
  } else if (v instanceof PyTuple) {
    out.push('(');
    spend(b, 3);
    v.items.forEach((x, i) => { if (i) { out.push(', '); spend(b, 2); } write(x, true, out, b, depth + 1); });
    out.push(v.items.length === 1 ? ',)' : ')');
    return;
  } else if (v instanceof PyRange) {
    const r = `range(${v.start}, ${v.stop}${v.step === 1 ? '' : `, ${v.step}`})`;
    out.push(r);
    spend(b, r.length);
    return;
  } else if (v instanceof PyView) {
    out.push(`${v.cls}(`);
    spend(b, v.cls.length + 2);
    write(v.items, true, out, b, depth + 1);
    out.push(')');
    return;
  } else if (v instanceof Undef) {
    // Jinja's plain Undefined: str() nothing, repr() `Undefined`; AnsibleUndefined's str() raises
    if (v.cause || (!v.plain && !asRepr)) v.fail();
    if (!v.plain) throw new Unresolved('', 'which writes out an undefined value, which bdm-lab does not read');
    t = asRepr ? 'Undefined' : '';
  } else if (isDict(v)) {
    out.push('{');
    spend(b, 2);
    keysOf(v).forEach((k, i) => {
      if (i) { out.push(', '); spend(b, 2); }
      const pk = pyKey(v, k);
      const key = (typeof pk === 'string' ? pyStrRepr(pk) : pk instanceof PyDate ? pk.repr() : scalarRepr(pk)) + ': ';
      spend(b, key.length);
      out.push(key);
      write(v[k], true, out, b, depth + 1);
    });
    out.push('}');
    return;
  } else if (v instanceof PyDate) t = asRepr ? v.repr() : String(v);
  else if (v instanceof PyObj) t = asRepr ? v.repr : v.str;
  else t = scalarRepr(v);
  spend(b, t.length);
  out.push(t);
}

/** a text a filter is about to change: not when it holds the omit token (whose text changes with every run) */
export function changing(s: string): string {
  if (s.includes(OMIT_TOKEN)) throw new Unresolved('', 'which changes a text holding Ansible\'s omit placeholder, a token that changes with every run');
  return s;
}

/** Python's str() of a value */
export function pyStr(v: unknown, b: Budget): string {
  if (typeof v === 'string') return v;
  const out: string[] = [];
  write(v, false, out, b, 0);
  return out.join('');
}

/** Python's repr() of a value */
export function pyRepr(v: unknown, b: Budget): string {
  const out: string[] = [];
  write(v, true, out, b, 0);
  return out.join('');
}

/** bool(v) */
export function truthy(v: unknown): boolean {
  if (v instanceof Undef) { if (v.plain && !v.cause) return false; v.fail(); }
  if (v === null || v === false || v === 0 || v === '') return false;
  if (v instanceof PyText) return v.s !== '';
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof PyObj) return v.cls !== 'datetime.timedelta' || v.key !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple || v instanceof PyView) return v.items.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

const undefIn = (a: unknown, b: unknown): void => {
  if (a instanceof Undef) a.fail();
  if (b instanceof Undef) b.fail();
};

/** a == b (`x is y or x == y` inside containers, as list and dict comparisons do) */
export function pyEq(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 400) throw new Unresolved('', 'which compares values nested deeper than bdm-lab reads');
  // Jinja's plain Undefined equals only another one; AnsibleUndefined raises
  if (a instanceof Undef && a.plain && !a.cause) return b instanceof Undef && b.plain;
  if (b instanceof Undef && b.plain && !b.cause && !(a instanceof Undef)) return false;
  undefIn(a, b);
  if (isNum(a) && isNum(b)) return numOf(a) === numOf(b);
  if (isStr(a) && isStr(b)) return text(a) === text(b);
  if (a === null || b === null) return a === b;
  if (a instanceof PyDate || b instanceof PyDate) return a instanceof PyDate && b instanceof PyDate && dateCmp(a, b, true) === 0;
  if (a instanceof PyObj || b instanceof PyObj) return a instanceof PyObj && b instanceof PyObj && a.cls === b.cls && a.key === b.key;
  // a view equals no other kind of value (a keys or items view compares as a set with another: not read)
  // a range equals another that gives the same items, nothing else
  if (a instanceof PyRange || b instanceof PyRange) return a instanceof PyRange && b instanceof PyRange && rangeKey(a) === rangeKey(b);
  if (a instanceof PyView || b instanceof PyView) {
    if (!(a instanceof PyView && b instanceof PyView) || a.cls === 'dict_values' || b.cls === 'dict_values') return false;
    if (a.cls !== b.cls) throw seqOnly();
    // keys (items) views compare as sets
    if (a.items.length !== b.items.length) return false;
    if (a.cls === 'dict_keys') return a.items.every((k) => findKey(b.dict, k) !== undefined);
    return a.items.every((t) => {
      const [k, v] = (t as PyTuple).items;
      const held = findKey(b.dict, k);
      return held !== undefined && (b.dict[held] === v || pyEq(b.dict[held], v, depth + 1));
    });
  }
  if (a instanceof PyTuple || b instanceof PyTuple) return a instanceof PyTuple && b instanceof PyTuple && pyEq(a.items, b.items, depth + 1);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!(a[i] === b[i] || pyEq(a[i], b[i], depth + 1))) return false;
    return true;
  }
  if (isDict(a) && isDict(b)) {
    const ka = keysOf(a);
    keysOf(b);
    if (NON_STR_KEYS.has(a) || NON_STR_KEYS.has(b)) throw new Unresolved('', 'which compares mappings whose keys are not all strings');
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!(a[k] === b[k] || pyEq(a[k], b[k], depth + 1))) return false;
    }
    return true;
  }
  return false;
}

/** Python's order of two str: by code points */
function strCmp(x: string, y: string): number {
  if (!/[\ud800-\udfff]/.test(x + y)) return x < y ? -1 : x > y ? 1 : 0;
  const a = [...x].map((c) => c.codePointAt(0)!);
  const b = [...y].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export type OrderOp = '<' | '<=' | '>' | '>=';

/**
 * The order of two dates or datetimes, as the datetime module has it: a date and a datetime are
 * never equal and not ordered (the datetime's comparison answers first, being the subclass), a
 * naive and an aware datetime likewise; aware ones compare as instants. `eq`: for `==` (null when
 * not equal), else the TypeError.
 */
function dateCmp(a: PyDate, b: PyDate, eq: boolean): number | null {
  let why = '';
  if (!a.time !== !b.time) why = `can't compare datetime.datetime to datetime.date`;
  else if (a.time && b.time && (a.time.tz === null) !== (b.time.tz === null)) why = "can't compare offset-naive and offset-aware datetimes";
  if (why) {
    if (eq) return null;
    throw new PyError('type', why);
  }
  const d = a.micros() - b.micros();
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
const holds = (c: number, op: OrderOp): boolean => (op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);

/** a < b and the like, or Python's TypeError */
export function pyOrder(a: unknown, b: unknown, op: OrderOp, depth = 0): boolean {
  if (depth > 400) throw new Unresolved('', 'which compares values nested deeper than bdm-lab reads');
  undefIn(a, b);
  // two tuples are ordered as lists are; a view's order is a subset test (not read)
  if (a instanceof PyTuple && b instanceof PyTuple) return pyOrder(a.items, b.items, op, depth + 1);
  if (a instanceof PyView || b instanceof PyView) throw seqOnly();
  if (isNum(a) && isNum(b)) {
    const x = numOf(a);
    const y = numOf(b);
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  }
  if (isStr(a) && isStr(b)) return holds(strCmp(text(a), text(b)), op);
  if (a instanceof PyDate && b instanceof PyDate) return holds(dateCmp(a, b, false)!, op);
  if (a instanceof PyObj && b instanceof PyObj && a.cls === 'datetime.timedelta' && b.cls === a.cls) return holds(a.key < b.key ? -1 : a.key > b.key ? 1 : 0, op);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!(a[i] === b[i] || pyEq(a[i], b[i], depth + 1))) return pyOrder(a[i], b[i], op, depth + 1);
    }
    return holds(a.length - b.length, op);
  }
  throw new PyError('type', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** `a in b` */
export function pyIn(a: unknown, b: unknown): boolean {
  // a plain Undefined is an empty iterable
  if (b instanceof Undef) { if (b.plain && !b.cause) return false; b.fail(); }
  if (isStr(b)) {
    // str.__contains__ refuses the undefined with a TypeError that names it (do_template words that one apart)
    if (a instanceof Undef && a.cause) a.fail();
    if (!isStr(a)) throw new PyError('type', `'in <string>' requires string as left operand, not ${typeName(a)}`);
    return text(b).includes(text(a));
  }
  if (Array.isArray(b)) return b.some((x) => x === a || pyEq(x, a));
  if (b instanceof PyTuple || (b instanceof PyView && (b.cls === 'dict_values' || b.cls === 'range'))) return b.items.some((x) => x === a || pyEq(x, a));
  if (b instanceof PyView && b.cls === 'dict_keys') return pyIn(a, b.dict);
  if (b instanceof PyView) throw seqOnly();
  if (isDict(b)) {
    if (a instanceof Undef && !a.plain) a.fail();
    if (Array.isArray(a) || isDict(a) || unhashableView(a)) throw new PyError('type', `unhashable type: '${typeName(a)}'`);
    keysOf(b);
    return findKey(b, a) !== undefined;
  }
  throw new PyError('type', `argument of type '${typeName(b)}' is not iterable`);
}

/** an int result, or the note when it leaves the integers a double holds exactly */
export function int(n: number | bigint): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new Unresolved('', 'which makes an integer larger than bdm-lab computes exactly');
  return v === 0 ? 0 : v;
}

const isInt = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
const isSeq = (v: unknown) => isStr(v) || Array.isArray(v);

/** Python's float floor division and modulo (floatobject.c float_divmod) */
function floatDivmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if ((wx < 0) !== (mod < 0)) { mod += wx; div -= 1.0; }
  } else mod = wx < 0 ? -0 : 0;
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else floordiv = (vx / wx) < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  return [floordiv, mod];
}

/** a binary arithmetic operator as Python applies it */
export function pyArith(op: '+' | '-' | '*' | '/' | '//' | '%', a: unknown, b: unknown, budget: Budget): unknown {
  if (a instanceof Undef) a.fail();
  // an undefined on the right: its reflected method runs before the left's sequence methods, and raises
  if (b instanceof Undef) b.fail();
  const unsupported = () => new PyError('type', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  if (a instanceof PyTuple || b instanceof PyTuple || a instanceof PyView || b instanceof PyView) throw seqOnly();
  // a timedelta added to or taken from a date or a timedelta, or repeated (a str or a list on either side refuses it as any other object)
  if ((a instanceof PyObj || b instanceof PyObj) && !isSeq(a) && !isSeq(b)) return deltaArith(op, a, b);
  if (isNum(a) && isNum(b)) {
    const float = a instanceof PyFloat || b instanceof PyFloat;
    const x = numOf(a);
    const y = numOf(b);
    if ((op === '/' || op === '//' || op === '%') && y === 0) {
      throw pyRaise('ZeroDivisionError', op === '/' ? (float ? 'float division by zero' : 'division by zero')
        : op === '//' ? (float ? 'float floor division by zero' : 'integer division or modulo by zero') : (float ? 'float modulo' : 'integer modulo by zero'));
    }
    if (op === '/') return new PyFloat(x / y);
    if (float) {
      if (op === '+') return new PyFloat(x + y);
      if (op === '-') return new PyFloat(x - y);
      if (op === '*') return new PyFloat(x * y);
      const [fd, md] = floatDivmod(x, y);
      return new PyFloat(op === '//' ? fd : md);
    }
    const [p, q] = [BigInt(x), BigInt(y)];
    if (op === '+') return int(p + q);
    if (op === '-') return int(p - q);
    if (op === '*') return int(p * q);
    // floor division and a remainder with the divisor's sign
    let d = p / q;
    if ((p % q !== 0n) && ((p < 0n) !== (q < 0n))) d -= 1n;
    return int(op === '//' ? d : p - d * q);
  }
  // Debian's ansible-core 2.14.18 AnsibleUnsafeText (a lookup's text): its __radd__ and __rmod__ call the
  // left operand's own method and wrap what it returns, so a number's NotImplemented becomes that text
  if ((op === '+' || op === '%') && b instanceof PyText && b.cls === 'AnsibleUnsafeText' && !isStr(a)) {
    if (isNum(a) || a instanceof PyHugeInt || a instanceof PyDate || a instanceof PyObj) return new PyText('NotImplemented', 'AnsibleUnsafeText');
    if (op === '+' && Array.isArray(a)) throw new PyError('type', 'can only concatenate list (not "AnsibleUnsafeText") to list');
    throw new Unresolved('', 'which adds a lookup\'s text to a value whose own method bdm-lab does not call');
  }
  if (op === '+') {
    if (isStr(a)) {
      if (!isStr(b)) throw new PyError('type', `can only concatenate str (not "${typeName(b)}") to str`);
      spend(budget, text(a).length + text(b).length);
      return text(a) + text(b);
    }
    if (Array.isArray(a)) {
      if (!Array.isArray(b)) throw new PyError('type', `can only concatenate list (not "${typeName(b)}") to list`);
      spend(budget, a.length + b.length);
      return [...a, ...b];
    }
    throw unsupported();
  }
  // repetition (`'a' * 3`) and string formatting (`'%s' % x`) are not read
  if (op === '*' && (isSeq(a) || isSeq(b))) {
    const seq = isSeq(a) ? a : b;
    const other = isSeq(a) ? b : a;
    if (!isInt(other)) throw new PyError('type', `can't multiply sequence by non-int of type '${typeName(other)}'`);
    // repetition: a str, or a list (the same items again)
    const len = isStr(seq) ? text(seq).length : (seq as unknown[]).length;
    const n = len ? Math.max(0, Number(other)) : 0;
    spend(budget, len * n);
    if (isStr(seq)) return text(seq).repeat(n);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(...(seq as unknown[]));
    return out;
  }
  if (op === '%' && isStr(a)) throw new Unresolved('', 'which formats a string with `%`, which bdm-lab does not read');
  if (op === '-' && a instanceof PyDate && b instanceof PyDate && a.cls === b.cls) {
    if (a.time && b.time && (a.time.tz === null) !== (b.time.tz === null)) throw new PyError('type', "can't subtract offset-naive and offset-aware datetimes");
    return timedelta(a.micros() - b.micros());
  }
  throw unsupported();
}

const isDelta = (v: unknown): v is PyObj => v instanceof PyObj && v.cls === 'datetime.timedelta';
const US_PER_DAY = 86_400_000_000n;
/** date.min and date.max as days since 0001-01-01 */
const MAX_DAYS = 3_652_058n;

/** a date or datetime moved by a number of microseconds (a date by whole days, as Python drops the rest), or null past year 9999 (an OverflowError) */
function shifted(d: PyDate, us: bigint): PyDate | null {
  const t = d.time;
  const own = new PyDate(d.y, d.mo, d.d, t && { ...t, tz: null }).micros();
  const at = t ? own + us : own + divFloor(us, US_PER_DAY) * US_PER_DAY;
  const days = divFloor(at, US_PER_DAY);
  if (days < 0n || days > MAX_DAYS) return null;
  const [y, mo, da] = civil(Number(days));
  if (!t) return new PyDate(y, mo, da, null);
  const rest = at - days * US_PER_DAY;
  const sec = Number(rest / 1_000_000n);
  return new PyDate(y, mo, da, { h: Math.floor(sec / 3600), mi: Math.floor(sec / 60) % 60, s: sec % 60, us: Number(rest % 1_000_000n), tz: t.tz });
}

/** the date a number of days after 0001-01-01 */
function civil(days: number): [number, number, number] {
  let y = Math.max(1, Math.floor(days / 365.2425) - 1);
  const start = (yy: number) => Number(new PyDate(yy, 1, 1, null).micros() / US_PER_DAY);
  while (start(y + 1) <= days) y++;
  let left = days - start(y);
  let mo = 1;
  for (;;) {
    const n = Number(new PyDate(y, mo + 1 > 12 ? 12 : mo + 1, 1, null).micros() / US_PER_DAY) - Number(new PyDate(y, mo, 1, null).micros() / US_PER_DAY);
    if (mo === 12 || left < n) break;
    left -= n;
    mo++;
  }
  return [y, mo, left + 1];
}

/** arithmetic with a timedelta or a timezone on one side: what Python computes, its TypeError, or a note */
function deltaArith(op: '+' | '-' | '*' | '/' | '//' | '%', a: unknown, b: unknown): unknown {
  const unsupported = () => new PyError('type', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  const beyond = () => new Unresolved('', 'which moves a date past year 9999 (an OverflowError, which Ansible reports as an exception bdm-lab does not word)');
  if (isDelta(a) && isDelta(b) && (op === '+' || op === '-')) return timedelta(op === '+' ? a.key + b.key : a.key - b.key);
  if (op === '+' && (isDelta(a) || isDelta(b))) {
    const [d, t] = isDelta(a) ? [b, a] : [a, b as PyObj];
    if (d instanceof PyDate) return shifted(d, t.key) ?? (() => { throw beyond(); })();
  }
  if (op === '-' && a instanceof PyDate && isDelta(b)) return shifted(a, -b.key) ?? (() => { throw beyond(); })();
  if (op === '*' && ((isDelta(a) && isInt(b)) || (isDelta(b) && isInt(a)))) {
    const [t, n] = isDelta(a) ? [a, b] : [b as PyObj, a];
    return timedelta(t.key * BigInt(Number(n)));
  }
  // what Python computes but bdm-lab does not: a timedelta times a float, divided by a number, or by a timedelta (and its remainder)
  const computed = (isDelta(a) && isNum(b) && (op === '*' || op === '/' || op === '//')) || (isDelta(b) && isNum(a) && op === '*')
    || (isDelta(a) && isDelta(b) && (op === '/' || op === '//' || op === '%'));
  if (computed) throw new Unresolved('', 'which multiplies or divides a Python timedelta, which bdm-lab does not follow');
  throw unsupported();
}

/** -a, +a */
export function pyUnary(op: '-' | '+', a: unknown): unknown {
  if (a instanceof Undef) a.fail();
  if (isDelta(a)) return op === '-' ? timedelta(-a.key) : a;
  if (!isNum(a)) throw new PyError('type', `bad operand type for unary ${op}: '${typeName(a)}'`);
  if (a instanceof PyFloat) return op === '-' ? new PyFloat(-a.value) : a;
  const n = Number(a);
  return op === '-' ? int(-n) : n;
}

/** len(v) */
export function pyLen(v: unknown): number {
  if (v instanceof Undef) { if (v.plain) return 0; v.fail(); }
  if (isStr(v)) return codePoints(text(v)).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple || v instanceof PyView) return v.items.length;
  // (keysOf: a mapping whose keys bdm-lab does not tell apart is not counted)
  if (isDict(v)) return keysOf(v).length;
  throw new PyError('type', `object of type '${typeName(v)}' has no len()`);
}


/** iter(v): the items a for loop over it sees (`what`: the builtin that asks, for its words) */
export function pyIter(v: unknown, b: Budget): unknown[] {
  if (v instanceof Undef) { if (v.plain) return []; v.fail(); }
  if (isStr(v)) { spend(b, text(v).length); return codePoints(text(v)); }
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple || v instanceof PyView) return v.items;
  if (isDict(v)) return keysOf(v).map((k) => pyKey(v, k));
  throw new PyError('type', `'${typeName(v)}' object is not iterable`);
}
