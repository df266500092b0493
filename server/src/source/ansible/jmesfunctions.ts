/**
 * jmespath 1.0.1's built-in functions (functions.py) as community.general's `json_query` runs them
 * through Ansible: the arity and type checks first (types by the Python class of each value, with
 * the classes community.general adds for Ansible's own str, list and dict; a str subclass it does
 * not add, such as NativeJinjaText, is of no jmespath type), then the function. A JMESPathError is
 * AnsibleFilterError `JMESPathError in json_query filter plugin:` and its words, any other Python
 * exception `Error in jmespath.search in json_query filter plugin:` and its words. What bdm-lab does
 * not hold as Python does (an expression reference used as a value, an integer past 2^53, a merge
 * of something that is not a dict) is Unresolved. Every function spends the task's render budget
 * for the items it reads.
 */
import { PyFloat } from './tasks';
import { isDict, isNum, isStr, KEY_ORDER, keysOf, NON_STR_KEYS, UNKNOWN_KEYS, numOf, PyError, PyHugeInt, PyText, pyEq, pyKey, pyLen, pyOrder, pyStr, spend, text, typeName, Unresolved, type Budget } from './pyvalue';
import { numberText, pyFloatParse, pyIntText } from './pynumber';

const notRead = (why: string) => new Unresolved('', `which gives json_query ${why}, which bdm-lab does not follow`);
const FILTER_CLASS = 'ansible.errors.AnsibleFilterError';
/** a JMESPathError, as json_query raises it again */
export const jmesError = (words: string) => new PyError('ansible', `JMESPathError in json_query filter plugin:\n${words}`, FILTER_CLASS);
/** another exception inside jmespath.search, as json_query raises it again */
export const searchError = (words: string) => new PyError('ansible', `Error in jmespath.search in json_query filter plugin:\n${words}`, FILTER_CLASS);

/** an expression reference (`&expr`) handed to a function: `visit` evaluates it on a value */
export class JmesExpr {
  constructor(readonly visit: (v: unknown) => unknown) {}
}

/**
 * the texts keys() gives: a mapping's keys, whose class bdm-lab does not keep (AnsibleUnicode from
 * YAML, str from JSON or a template): where the class decides (a key function's type, an error's
 * words), not followed
 */
const KEY_TEXTS = new WeakSet<PyText>();
const keyText = (k: unknown): unknown => {
  if (typeof k !== 'string') return k;
  const t = new PyText(k, 'str');
  KEY_TEXTS.add(t);
  return t;
};

/** pyClass where the exact class decides */
function exactClass(v: unknown): string {
  if (v instanceof PyText && KEY_TEXTS.has(v)) throw notRead('a mapping\'s key where its class decides (str or AnsibleUnicode: bdm-lab does not keep it)');
  return pyClass(v);
}

/** the Python class name jmespath's checks read (type(x).__name__); a key text's is str or AnsibleUnicode, alike to the checks that allow a string */
function pyClass(v: unknown): string {
  if (v instanceof PyText) return v.cls === 'omit' ? 'str' : v.cls;
  if (v instanceof JmesExpr) return '_Expression';
  if (v instanceof PyHugeInt) return 'int';
  return typeName(v);
}

/** REVERSE_TYPES_MAP with community.general's additions */
const PY_TYPES: Record<string, readonly string[]> = {
  boolean: ['bool'], array: ['list', '_Projection', 'AnsibleSequence'], object: ['dict', 'OrderedDict', 'AnsibleMapping'], null: ['NoneType'],
  string: ['unicode', 'str', 'AnsibleUnicode', 'AnsibleUnsafeText'], number: ['float', 'int', 'long'], expref: ['_Expression'],
};
/** TYPES_MAP (not extended): a class it does not name is `unknown` */
const JMES_TYPE: Record<string, string> = {
  bool: 'boolean', list: 'array', dict: 'object', NoneType: 'null', unicode: 'string', str: 'string', float: 'number', int: 'number',
  long: 'number', OrderedDict: 'object', _Projection: 'array', _Expression: 'expref',
};
const jmesType = (cls: string): string => JMES_TYPE[cls] ?? 'unknown';

interface Sig { types: string[]; variadic?: boolean }
const S = (...types: string[]): Sig => ({ types });

const pyListRepr = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** str() of a value in an error's words (an expression reference's address is not known) */
function shown(v: unknown, b: Budget): string {
  if (v instanceof JmesExpr) throw notRead('an expression reference where a value is expected');
  return pyStr(v, b);
}

function typeError(fn: string, value: unknown, received: string, types: string[], b: Budget): PyError {
  return jmesError(`In function ${fn}(), invalid type for value: ${shown(value, b)}, expected one of: ${pyListRepr(types)}, received: "${received}"`);
}

/** Functions._type_check_single */
function checkOne(fn: string, v: unknown, types: string[], b: Budget): void {
  const allowed: string[] = [];
  const subs: Array<readonly string[]> = [];
  for (const t of types) {
    const dash = t.indexOf('-');
    if (dash >= 0) subs.push(PY_TYPES[t.slice(dash + 1)]!);
    allowed.push(...PY_TYPES[dash >= 0 ? t.slice(0, dash) : t]!);
  }
  const cls = pyClass(v);
  if (!allowed.includes(cls)) throw typeError(fn, v, jmesType(exactClass(v)), types, b);
  if (!subs.length) return;
  const items = v as unknown[];
  spend(b, items.length);
  let want: readonly string[] | undefined = subs[0];
  if (subs.length > 1) {
    if (!items.length) return;
    const first = pyClass(items[0]);
    want = subs.find((s) => s.includes(first));
    if (!want) throw typeError(fn, items[0], exactClass(items[0]), types, b);
  }
  for (const x of items) {
    const c = pyClass(x);
    if (!want!.includes(c)) throw typeError(fn, x, exactClass(x), types, b);
  }
}

const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');

/** a number's value, for arithmetic bdm-lab does exactly */
function numValue(v: unknown): number {
  if (v instanceof PyHugeInt) throw notRead('an integer larger than bdm-lab computes exactly');
  return numOf(v as number);
}
const isFloat = (v: unknown) => v instanceof PyFloat;
function intResult(n: number | bigint): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw notRead('an integer larger than bdm-lab computes exactly');
  return v === 0 ? 0 : v;
}

/** Python's sum() of ints and floats: exact over ints, plain double additions once a float is met */
function pySum(items: unknown[]): unknown {
  let whole = 0n;
  let f: number | null = null;
  for (const x of items) {
    const n = numValue(x);
    if (isFloat(x)) f = (f ?? Number(whole)) + n;
    else if (f !== null) f += n;
    else whole += BigInt(n);
  }
  return f === null ? intResult(whole) : new PyFloat(f);
}

/** math.ceil / math.floor */
function rounded(v: unknown, up: boolean): unknown {
  if (!isFloat(v)) return v;
  const x = numValue(v);
  if (Number.isNaN(x)) throw searchError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw searchError('cannot convert float infinity to integer');
  return intResult(up ? Math.ceil(x) : Math.floor(x));
}

/** a < b as Python orders two keys, its TypeError in jmespath.search's words */
function less(a: unknown, b: unknown, op: '<' | '>' = '<'): boolean {
  try {
    return pyOrder(a, b, op);
  } catch (e) {
    if (e instanceof PyError && e.kind === 'type') throw searchError(e.message);
    throw e;
  }
}

/** sorted(): a stable merge sort on Python's `<` (bounded: n log n comparisons, each spent) */
function sorted<T>(xs: T[], key: (x: T) => unknown, b: Budget): T[] {
  const keys = xs.map(key);
  const idx = xs.map((_, i) => i);
  const cmp = (i: number, j: number) => { spend(b, 1); return less(keys[j], keys[i]) ? 1 : less(keys[i], keys[j]) ? -1 : 0; };
  return mergeSort(idx, cmp).map((i) => xs[i]!);
}
function mergeSort(a: number[], cmp: (i: number, j: number) => number): number[] {
  if (a.length < 2) return a;
  const mid = a.length >> 1;
  const l = mergeSort(a.slice(0, mid), cmp);
  const r = mergeSort(a.slice(mid), cmp);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < l.length && j < r.length) out.push(cmp(r[j]!, l[i]!) < 0 ? r[j++]! : l[i++]!);
  while (i < l.length) out.push(l[i++]!);
  while (j < r.length) out.push(r[j++]!);
  return out;
}

/** Functions._create_key_func: an expression's value on an item, of one of the allowed jmespath types */
function keyOf(fn: string, e: JmesExpr, allowed: string[], b: Budget): (x: unknown) => unknown {
  return (x) => {
    const r = e.visit(x);
    const t = jmesType(exactClass(r));
    if (!allowed.includes(t)) throw typeError(fn, r, t, allowed, b);
    return r;
  };
}

/** min()/max() with a key: the first of the least (greatest), keys compared as CPython's min_max does */
function extreme(fn: string, items: unknown[], e: JmesExpr, max: boolean, b: Budget): unknown {
  if (!items.length) return null;
  const key = keyOf(fn, e, ['number', 'string'], b);
  let best = items[0];
  let bestKey = key(best);
  for (const x of items.slice(1)) {
    const k = key(x);
    if (less(k, bestKey, max ? '>' : '<')) { best = x; bestKey = k; }
  }
  return best;
}

/** Python's int() then float() of a text, as to_number tries them; null when neither reads it */
function textNumber(s: string): unknown {
  const i = pyIntText(s);
  if (i !== null) return intResult(i);
  const f = pyFloatParse(numberText(s));
  return f === null ? null : new PyFloat(f);
}

type Fn = { sig: Sig[]; run: (args: unknown[], b: Budget, dumps: (v: unknown) => string) => unknown };
const F: Record<string, Fn> = {
  abs: { sig: [S('number')], run: ([x]) => (isFloat(x) ? new PyFloat(Math.abs(numValue(x))) : intResult(Math.abs(numValue(x)))) },
  avg: { sig: [S('array-number')], run: ([x]) => { const xs = x as unknown[]; if (!xs.length) return null; const s = pySum(xs); return new PyFloat(numValue(s) / xs.length); } },
  not_null: { sig: [{ types: [], variadic: true }], run: (args) => args.find((x) => x !== null) ?? null },
  to_array: { sig: [S()], run: ([x]) => (Array.isArray(x) ? x : [x]) },
  to_string: { sig: [S()], run: ([x], b, dumps) => (isStr(x) ? x : (spend(b, 1), dumps(x))) },
  to_number: {
    sig: [S()], run: ([x]) => {
      if (Array.isArray(x) || isDict(x) || typeof x === 'boolean' || x === null) return null;
      if (isNum(x) || x instanceof PyHugeInt) return x;
      if (isStr(x)) return textNumber(text(x));
      throw notRead(`to_number() of a ${typeName(x)}`);
    },
  },
  contains: {
    sig: [S('array', 'string'), S()], run: ([subject, search], b) => {
      if (isStr(subject)) {
        if (!isStr(search)) throw searchError(`'in <string>' requires string as left operand, not ${pyClass(search)}`);
        return text(subject).includes(text(search));
      }
      const xs = subject as unknown[];
      spend(b, xs.length);
      return xs.some((x) => x === search || pyEq(x, search));
    },
  },
  length: { sig: [S('string', 'array', 'object')], run: ([x]) => pyLen(x) },
  ends_with: { sig: [S('string'), S('string')], run: ([s, x]) => text(s as string).endsWith(text(x as string)) },
  starts_with: { sig: [S('string'), S('string')], run: ([s, x]) => text(s as string).startsWith(text(x as string)) },
  reverse: {
    sig: [S('array', 'string')], run: ([x], b) => {
      if (isStr(x)) { const t = text(x); spend(b, t.length); return [...t].reverse().join(''); }
      spend(b, (x as unknown[]).length);
      return [...(x as unknown[])].reverse();
    },
  },
  ceil: { sig: [S('number')], run: ([x]) => rounded(x, true) },
  floor: { sig: [S('number')], run: ([x]) => rounded(x, false) },
  join: {
    sig: [S('string'), S('array-string')], run: ([sep, xs], b) => {
      const parts = (xs as Array<string | PyText>).map((x) => text(x));
      const out = parts.join(text(sep as string));
      spend(b, out.length);
      return out;
    },
  },
  map: { sig: [S('expref'), S('array')], run: ([e, xs], b) => { spend(b, (xs as unknown[]).length); return (xs as unknown[]).map((x) => (e as JmesExpr).visit(x)); } },
  max: { sig: [S('array-number', 'array-string')], run: ([xs]) => plainExtreme(xs as unknown[], true) },
  min: { sig: [S('array-number', 'array-string')], run: ([xs]) => plainExtreme(xs as unknown[], false) },
  merge: {
    sig: [{ types: ['object'], variadic: true }], run: (args, b) => {
      const o: Record<string, unknown> = {};
      const order: string[] = [];
      for (const d of args) {
        // dict.update of a value that is not a dict: a scalar is not iterable (a list of pairs: not followed)
        if (d === null || isNum(d) || d instanceof PyHugeInt) throw searchError(`'${pyClass(d)}' object is not iterable`);
        if (!isDict(d)) throw notRead('a merge() of a value that is not a dict');
        if (NON_STR_KEYS.has(d) || UNKNOWN_KEYS.has(d)) throw notRead('a merge() of a dict whose keys are not all text');
        for (const k of keysOf(d)) {
          spend(b, 1);
          if (!Object.prototype.hasOwnProperty.call(o, k)) order.push(k);
          o[k] = d[k];
        }
      }
      KEY_ORDER.set(o, order);
      return o;
    },
  },
  sort: { sig: [S('array-string', 'array-number')], run: ([xs], b) => sorted(xs as unknown[], (x) => x, b) },
  sum: { sig: [S('array-number')], run: ([xs]) => pySum(xs as unknown[]) },
  keys: { sig: [S('object')], run: ([d], b) => { const ks = keysOf(d as Record<string, unknown>); spend(b, ks.length); return ks.map((k) => keyText(pyKey(d as Record<string, unknown>, k))); } },
  values: { sig: [S('object')], run: ([d], b) => { const ks = keysOf(d as Record<string, unknown>); spend(b, ks.length); return ks.map((k) => (d as Record<string, unknown>)[k]); } },
  type: {
    sig: [S()], run: ([x]) => {
      if (isStr(x)) return 'string';
      if (typeof x === 'boolean') return 'boolean';
      if (Array.isArray(x)) return 'array';
      if (isDict(x)) return 'object';
      if (isNum(x) || x instanceof PyHugeInt) return 'number';
      return null;
    },
  },
  sort_by: {
    sig: [S('array'), S('expref')], run: ([xs, e], b) => {
      const items = xs as unknown[];
      if (!items.length) return items;
      const first = jmesType(exactClass((e as JmesExpr).visit(items[0])));
      if (first !== 'number' && first !== 'string') throw typeError('sort_by', items[0], first, ['string', 'number'], b);
      return sorted(items, keyOf('sort_by', e as JmesExpr, [first], b), b);
    },
  },
  min_by: { sig: [S('array'), S('expref')], run: ([xs, e], b) => { spend(b, (xs as unknown[]).length); return extreme('min_by', xs as unknown[], e as JmesExpr, false, b); } },
  max_by: { sig: [S('array'), S('expref')], run: ([xs, e], b) => { spend(b, (xs as unknown[]).length); return extreme('max_by', xs as unknown[], e as JmesExpr, true, b); } },
};

/** max()/min() of numbers or of texts: the first of the greatest (least) */
function plainExtreme(xs: unknown[], max: boolean): unknown {
  if (!xs.length) return null;
  let best = xs[0];
  for (const x of xs.slice(1)) if (less(x, best, max ? '>' : '<')) best = x;
  return best;
}

/** Functions.call_function: the function by name, its arity and types checked, then run */
export function callFunction(name: string, args: unknown[], b: Budget, dumps: (v: unknown) => string): unknown {
  spend(b, 1 + args.length);
  const fn = Object.prototype.hasOwnProperty.call(F, name) ? F[name]! : null;
  if (!fn) throw jmesError(`Unknown function: ${name}()`);
  const variadic = fn.sig[fn.sig.length - 1]!.variadic;
  if (variadic ? args.length < fn.sig.length : args.length !== fn.sig.length) {
    throw jmesError(`Expected ${variadic ? 'at least ' : ''}${fn.sig.length} ${plural(fn.sig.length)} for function ${name}(), received ${args.length}`);
  }
  fn.sig.forEach((s, i) => { if (s.types.length) checkOne(name, args[i], s.types, b); });
  // an expression reference where the function takes any value: Python would hold the object itself
  fn.sig.forEach((s, i) => { if (!s.types.includes('expref') && args[i] instanceof JmesExpr) throw notRead('an expression reference where a value is expected'); });
  if (variadic && args.slice(fn.sig.length).some((x) => x instanceof JmesExpr)) throw notRead('an expression reference where a value is expected');
  return fn.run(args, b, dumps);
}
