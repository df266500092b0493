/**
 * The filters over lists and dicts (and `round`) that bdm-lab applies as ansible-core 2.14 runs
 * them under Jinja2 3.1 (filters.ts registers them): Ansible's `dict2items`, `items2dict`,
 * `combine` and `unique` (plugins/filter/core.py, mathstuff.py, utils/vars.py merge_hash), Jinja's
 * `sort`, `round`, `map`, `select`, `reject`, `selectattr`, `rejectattr` (jinja2/filters.py;
 * `make_attrgetter`: dotted attributes, digits as list indexes). Ansible makes the generator of
 * `map`/`select` a list (template/__init__.py _unroll_iterator). What depends on CPython's
 * internals bdm-lab does not follow (the order of comparisons in a sort of values of mixed types,
 * hashing of dates, Unicode case mapping) is left unresolved. Labelled by
 * test/fixtures/ansible/jinja_label.py (test/unit/ansible-filters-more.test.ts).
 */
import { PyDictBuilder, PyFloat } from './tasks';
import {
  findKey, isDict, isNum, isStr, keysOf, KEY_ORDER, NON_STR_KEYS, numOf, objectTypeRepr, pyEq, PyError, pyIter, pyKey, PyObj, pyOrder, pyRepr, pyStr, PyText, PyTuple, PyRange, PyView, rangeKey, unhashableView,
  spend, text, truthy, typeName, Undef, Unresolved, UNKNOWN_KEYS, type Budget,
} from './pyvalue';

const notRead = (why: string) => new Unresolved('', why);

/** what the filters here need from the templating: Jinja's getitem, another filter, a test */
export interface CollectionContext {
  budget: Budget;
  getitem: (obj: unknown, key: unknown) => unknown;
  filter: (name: string, v: unknown, args: unknown[], kwargs: Array<[string, unknown]>) => unknown;
  test: (name: string, v: unknown, args: unknown[], kwargs: Array<[string, unknown]>) => boolean;
}

/** repr(type(v)): `<class 'list'>` */
export function classRepr(v: unknown): string {
  const full = v instanceof PyText || v instanceof Undef ? objectTypeRepr(v).replace(/ object$/, '') : typeName(v);
  return `<class '${full}'>`;
}

/** a filter error Ansible reports with its message (AnsibleFilterError, AnsibleFilterTypeError) */
const filterError = (msg: string, cls = 'ansible.errors.AnsibleFilterError') => new PyError('ansible', msg, cls);

/** the ASCII lowercase of a str (ignore_case); a text beyond ASCII is not read */
function lowerAscii(s: string): string {
  if (!/^[\x00-\x7f]*$/.test(s)) throw notRead("which changes the case of a text with characters beyond ASCII (Python's Unicode tables, not read here)");
  return s.toLowerCase();
}
const ignoreCase = (v: unknown): unknown => (isStr(v) ? lowerAscii(text(v)) : v);

/** _prepare_attribute_parts: a dotted str (digit parts as ints), an int, or nothing */
function attributeParts(attr: unknown): unknown[] {
  if (attr === null) return [];
  if (isStr(attr)) {
    const t = text(attr);
    if (!/^[\x00-\x7f]*$/.test(t)) throw notRead('which names an attribute with characters beyond ASCII');
    return t.split('.').map((x) => (/^[0-9]+$/.test(x) ? parseIntSafe(x) : x));
  }
  if (typeof attr === 'number') return [attr];
  throw notRead('which names an attribute by a value that is neither a str nor an int');
}

function parseIntSafe(s: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw notRead('which names an index larger than bdm-lab computes exactly');
  return n;
}

/** make_attrgetter */
export function attrGetter(c: CollectionContext, attr: unknown, dflt: unknown = null): (v: unknown) => unknown {
  const parts = attributeParts(attr);
  return (item) => {
    let x = item;
    for (const p of parts) {
      x = c.getitem(x, p);
      if (dflt !== null && x instanceof Undef) x = dflt;
    }
    return x;
  };
}

/** dict2items */
export function dict2items(v: unknown, keyName: unknown, valueName: unknown, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  if (!isDict(v)) throw new PyError('type', `dict2items requires a dictionary, got ${classRepr(v)} instead.`);
  if (builderKey(keyName) !== 'ok' || builderKey(valueName) !== 'ok') throw notRead('which names the key or the value of dict2items by a value bdm-lab does not hold as a key');
  const asKey = (x: unknown) => (isStr(x) ? text(x) : x);
  const out: unknown[] = [];
  for (const k of keysOf(v)) {
    const b = new PyDictBuilder();
    b.set(asKey(keyName), pyKey(v, k));
    b.set(asKey(valueName), v[k]);
    out.push(b.out);
  }
  spend(c.budget, out.length * 2);
  return out;
}

/** a Python key bdm-lab can put in a dict it builds: hashable, not a date, a tuple or a list */
function builderKey(k: unknown): 'ok' | 'unhashable' | 'unread' {
  if (k instanceof Undef) { if (k.cause) throw k.cause; return 'unread'; }
  if (Array.isArray(k) || isDict(k) || unhashableView(k)) return 'unhashable';
  if (typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' || k === null || k instanceof PyFloat || k instanceof PyRange) return 'ok';
  if (k instanceof PyText) return k.cls === 'omit' ? 'unread' : 'ok';
  return 'unread';
}

/** items2dict */
export function items2dict(v: unknown, keyName: unknown, valueName: unknown, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  if (!Array.isArray(v) && !(v instanceof PyTuple)) throw new PyError('type', `items2dict requires a list, got ${classRepr(v)} instead.`);
  const items = Array.isArray(v) ? v : v.items;
  const b = new PyDictBuilder();
  // AnsibleFilterTypeError: a TypeError too
  const fail = (keys: boolean) => new PyError('type', keys
    ? `items2dict requires each dictionary in the list to contain the keys '${pyStr(keyName, c.budget)}' and '${pyStr(valueName, c.budget)}', got ${pyStr(v, c.budget)} instead.`
    : `items2dict requires a list of dictionaries, got ${pyStr(v, c.budget)} instead.`);
  /** item[name]: KeyError (false), TypeError (null), the value */
  const at = (item: unknown, name: unknown): { v: unknown } | 'key' | 'type' => {
    if (isDict(item)) {
      const h = builderKey(name);
      if (h === 'unhashable') return 'type';
      if (h === 'unread') throw notRead('which reads items2dict items by a key bdm-lab does not hold');
      const k = findKey(item, name);
      return k === undefined ? 'key' : { v: item[k] };
    }
    if (item instanceof Undef) throw notRead('which reads items2dict items that are undefined');
    if (Array.isArray(item) || isStr(item) || item instanceof PyTuple) {
      // a sequence's item by a str is a TypeError; by an int an index (not read)
      if (isStr(name)) return 'type';
      throw notRead('which reads items2dict items that are sequences by an index');
    }
    // None, a number, a bool: not subscriptable (a date or another object: not read)
    if (item === null || isNum(item)) return 'type';
    throw notRead('which reads items2dict items bdm-lab does not hold');
  };
  for (const item of items) {
    const k = at(item, keyName);
    if (k === 'key') throw fail(true);
    if (k === 'type') throw fail(false);
    const x = at(item, valueName);
    if (x === 'key') throw fail(true);
    if (x === 'type') throw fail(false);
    const h = builderKey(k.v);
    if (h === 'unhashable') throw fail(false);
    if (h === 'unread') throw notRead('which makes a dict with keys bdm-lab does not hold');
    b.set(isStr(k.v) ? text(k.v) : k.v, x.v);
  }
  spend(c.budget, items.length);
  return b.out;
}

/** a shallow copy of a dict as bdm-lab holds it (its odd keys and order kept) */
function copyDict(d: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(d)) o[k] = d[k];
  const odd = NON_STR_KEYS.get(d);
  if (odd) NON_STR_KEYS.set(o, new Map(odd));
  if (UNKNOWN_KEYS.has(d)) UNKNOWN_KEYS.add(o);
  const order = KEY_ORDER.get(d);
  if (order) KEY_ORDER.set(o, [...order]);
  return o;
}

/** set a key already held in bdm-lab's form on a copy, keeping Python's order */
function setKey(o: Record<string, unknown>, k: string, pk: unknown, v: unknown): void {
  if (NON_STR_KEYS.has(o) || typeof pk !== 'string') throw notRead('which combines mappings whose keys are not all strings');
  const order = KEY_ORDER.get(o);
  if (order && !Object.prototype.hasOwnProperty.call(o, k)) order.push(k);
  o[k] = v;
}

const LIST_MERGES = ['replace', 'keep', 'append', 'prepend', 'append_rp', 'prepend_rp'];

/** ansible.utils.vars.merge_hash(x, y, recursive, list_merge) */
function mergeHash(x: unknown, y: unknown, recursive: boolean, listMerge: string, c: CollectionContext, depth: number): Record<string, unknown> {
  if (depth > 200) throw notRead('which merges mappings nested deeper than bdm-lab reads');
  if (!LIST_MERGES.includes(listMerge)) throw new PyError('ansible', "merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'");
  if (!isDict(x) || !isDict(y)) throw notMappings(x, y, c);
  if (NON_STR_KEYS.has(x) || NON_STR_KEYS.has(y)) throw notRead('which combines mappings whose keys are not all strings');
  keysOf(x);
  const ky = keysOf(y);
  spend(c.budget, Object.keys(x).length + ky.length);
  if (Object.keys(x).length === 0 || pyEq(x, y)) return copyDict(y);
  const out = copyDict(x);
  for (const k of ky) {
    const yv = y[k];
    if (!Object.prototype.hasOwnProperty.call(out, k)) { setKey(out, k, k, yv); continue; }
    const xv = out[k];
    if (isDict(xv) && isDict(yv)) { out[k] = recursive ? mergeHash(xv, yv, recursive, listMerge, c, depth + 1) : yv; continue; }
    if (Array.isArray(xv) && Array.isArray(yv)) {
      spend(c.budget, xv.length + yv.length);
      if (listMerge === 'replace') out[k] = yv;
      else if (listMerge === 'append') out[k] = [...xv, ...yv];
      else if (listMerge === 'prepend') out[k] = [...yv, ...xv];
      else if (listMerge === 'append_rp' || listMerge === 'prepend_rp') {
        if (xv.length * yv.length > 1_000_000) throw notRead('which merges lists larger than bdm-lab compares');
        const rest = xv.filter((z) => !yv.some((w) => w === z || pyEq(w, z)));
        out[k] = listMerge === 'append_rp' ? [...rest, ...yv] : [...yv, ...rest];
      }
      continue;
    }
    out[k] = yv;
  }
  return out;
}

/** ansible's flatten(terms, levels=1): None, 'None' and 'null' dropped, a list or tuple opened one level */
function flattenOnce(terms: unknown[]): unknown[] {
  const out: unknown[] = [];
  const skip = (x: unknown) => x === null || (isStr(x) && (text(x) === 'None' || text(x) === 'null'));
  for (const t of terms) {
    if (t instanceof Undef) { if (t.plain && !t.cause) throw notRead('which combines an undefined value'); t.fail(); }
    if (skip(t)) continue;
    if (Array.isArray(t) || t instanceof PyTuple) {
      for (const x of Array.isArray(t) ? t : t.items) {
        if (x instanceof Undef) throw x.cause ?? notRead('which combines an undefined value');
        // flatten(levels=0) of an item: itself, but a null item is still dropped
        if (skip(x)) continue;
        out.push(x);
      }
    } else out.push(t);
  }
  return out;
}

/** an Undefined anywhere in a list or a mapping (or the value itself) */
function holdsUndef(v: unknown, depth: number): boolean {
  if (depth > 200) return true;
  if (v instanceof Undef) return true;
  if (Array.isArray(v)) return v.some((x) => holdsUndef(x, depth + 1));
  if (v instanceof PyTuple) return v.items.some((x) => holdsUndef(x, depth + 1));
  return isDict(v) && Object.values(v).some((x) => holdsUndef(x, depth + 1));
}

/**
 * _validate_mutable_mappings: merge_hash given a value that is not a mapping fails with both
 * values' class names and their json.dumps (plain json: a value it cannot write, e.g. a date,
 * would be written by str(), which bdm-lab does not follow)
 */
function notMappings(x: unknown, y: unknown, c: CollectionContext): Error {
  const dumps = (v: unknown): string => {
    if (holdsUndef(v, 0) || holdsOdd(v, 0)) throw notRead('which combines a value that is not a mapping, written by json.dumps in a way bdm-lab does not follow');
    return text(c.filter('ansible.builtin.to_json', v, [], []) as string);
  };
  const name = (v: unknown) => classRepr(v).slice(8, -2).replace(/^.*\./, '');
  return new PyError('ansible', `failed to combine variables, expected dicts but got a '${name(x)}' and a '${name(y)}': \n${dumps(x)}\n${dumps(y)}`);
}

/** a value plain json.dumps writes otherwise than Ansible's to_json (a date, a range, a view, an object, a key that is not a str) */
function holdsOdd(v: unknown, depth: number): boolean {
  if (depth > 200) return true;
  if (v === null || isStr(v) || isNum(v)) return false;
  if (Array.isArray(v)) return v.some((x) => holdsOdd(x, depth + 1));
  if (v instanceof PyTuple) return v.items.some((x) => holdsOdd(x, depth + 1));
  if (isDict(v)) return NON_STR_KEYS.has(v) || UNKNOWN_KEYS.has(v) || Object.values(v).some((x) => holdsOdd(x, depth + 1));
  return true;
}

/** combine(*terms, recursive=False, list_merge='replace') */
export function combine(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext): unknown {
  let recursive: unknown = false;
  let listMerge: unknown = 'replace';
  for (const [k, x] of kwargs) {
    if (k === 'recursive') recursive = x;
    else if (k === 'list_merge') listMerge = x;
    else throw new PyError('ansible', "'recursive' and 'list_merge' are the only valid keyword arguments", 'ansible.errors.AnsibleFilterError');
  }
  for (const x of [v, ...args]) if (x instanceof Undef && x.cause) throw x.cause;
  const dicts = flattenOnce([v, ...args]);
  // recursive_check_defined: an undefined nested in a value that is not a mapping (words bdm-lab does not write)
  if (dicts.some((d) => !isDict(d) && holdsUndef(d, 0))) throw notRead('which combines a value that is not a mapping and holds an undefined one');
  if (!dicts.length) return {};
  // one value is given back as it is, a mapping or not
  if (dicts.length === 1) return dicts[0];
  if (!isStr(listMerge)) throw notRead('which gives combine a list_merge that is not a str');
  let result = dicts[dicts.length - 1];
  for (let i = dicts.length - 2; i >= 0; i--) result = mergeHash(dicts[i], result, truthy(recursive), text(listMerge), c, 0);
  return result;
}

/** a hashable value's identity under Python's hash and ==, 'unhashable', or null (not read) */
function hashKey(v: unknown, depth = 0): string | 'unhashable' | null {
  if (depth > 100) return null;
  if (v === null) return 'z';
  if (isNum(v)) {
    const n = numOf(v);
    return Number.isNaN(n) ? null : `n${n === 0 ? 0 : n}`;
  }
  if (isStr(v)) return v instanceof PyText && v.cls === 'omit' ? null : `s${text(v)}`;
  if (Array.isArray(v) || isDict(v) || unhashableView(v)) return 'unhashable';
  // a range hashes as the items it gives (a values view by its identity: not read)
  if (v instanceof PyRange) return `r${rangeKey(v)}`;
  if (v instanceof PyTuple) {
    const parts: string[] = [];
    for (const x of v.items) {
      const h = hashKey(x, depth + 1);
      if (h === null || h === 'unhashable') return h;
      parts.push(JSON.stringify(h));
    }
    return `t[${parts.join(',')}]`;
  }
  return null;
}

/** Ansible's unique: Jinja's do_unique (case-insensitive unless case_sensitive), else its own by == */
export function unique(v: unknown, caseSensitive: unknown, attribute: unknown, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  const items = pyIter(v, c.budget);
  const insensitive = !truthy(caseSensitive);
  const getter = attrGetter(c, attribute);
  const seen = new Set<string>();
  const out: unknown[] = [];
  /** the words of the exception Jinja's unique raised, if it did */
  let failed: string | null = null;
  for (const item of items) {
    let key = getter(item);
    // an undefined key raises (UndefinedError), a list or a dict is unhashable (TypeError)
    if (key instanceof Undef) {
      if (key.cause) throw key.cause;
      if (key.plain) throw notRead('which hashes an undefined value');
      failed = key.message();
      break;
    }
    if (insensitive) key = ignoreCase(key);
    const h = hashKey(key);
    if (h === null) throw notRead('which hashes a value bdm-lab does not hash (a date, a NaN)');
    if (h === 'unhashable') { failed = `unhashable type: '${typeName(key)}'`; break; }
    if (!seen.has(h)) { seen.add(h); out.push(item); }
  }
  if (failed === null) return out;
  // Ansible's own unique (by ==) instead, which refuses case_sensitive=False and attribute
  if (caseSensitive === false || (attribute !== null && truthy(attribute))) {
    throw filterError(`Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does not support the parameters supplied. ${failed}`);
  }
  if (items.length > 2000) throw notRead('which compares more items than bdm-lab does');
  const kept: unknown[] = [];
  for (const x of items) if (!kept.some((y) => y === x || pyEq(y, x))) kept.push(x);
  return kept;
}

/** the kind of a sort key's part: all numbers or all strs are ordered here; anything else is not read */
function kindOf(v: unknown): 'num' | 'str' | null {
  if (isNum(v)) return Number.isNaN(numOf(v)) ? null : 'num';
  if (isStr(v)) return 'str';
  return null;
}

/** Jinja's sort (sorted by make_multi_attrgetter's key, case-insensitive unless case_sensitive) */
export function sort(v: unknown, reverse: unknown, caseSensitive: unknown, attribute: unknown, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  const items = pyIter(v, c.budget);
  // a sort's work is its comparisons, n log n: spent before its keys are made (a 1 MB string's
  // million characters were keyed and sorted, 1.4 s, before its rendering was found too long)
  spend(c.budget, items.length * Math.max(1, Math.ceil(Math.log2(items.length + 1))));
  if (reverse instanceof Undef || reverse instanceof PyObj) throw notRead('which gives sort a reverse bdm-lab does not read');
  if (typeof reverse !== 'boolean' && typeof reverse !== 'number') throw new PyError('type', `'${typeName(reverse)}' object cannot be interpreted as an integer`);
  const attrs = isStr(attribute) ? text(attribute).split(',') : [attribute];
  const getters = attrs.map((a) => attrGetter(c, a));
  const insensitive = !truthy(caseSensitive);
  const keys = items.map((item) => getters.map((g) => { const x = g(item); return insensitive ? ignoreCase(x) : x; }));
  const rev = truthy(reverse);
  if (items.length < 64) {
    // CPython's own order of comparisons (a short list: one run, then binary insertion), so an error is the one Python meets first
    const idx = items.map((_, i) => i);
    if (rev) idx.reverse();
    const lt = (i: number, j: number) => pyOrder(keys[i], keys[j], '<');
    listSort(idx, lt);
    if (rev) idx.reverse();
    return idx.map((i) => items[i]);
  }
  for (let p = 0; p < getters.length; p++) {
    const kinds = new Set(keys.map((k) => kindOf(k[p])));
    if (kinds.size !== 1 || kinds.has(null)) throw notRead('which sorts 64 or more values that are not all numbers or all strs (CPython\'s merges order the comparisons)');
  }
  const cmp = (a: unknown[], b: unknown[]): number => {
    for (let p = 0; p < a.length; p++) {
      if (pyEq(a[p], b[p])) continue;
      return pyOrder(a[p], b[p], '<') ? -1 : 1;
    }
    return 0;
  };
  const idx = items.map((_, i) => i);
  // sorted(reverse=True) keeps equal items in their order
  idx.sort((i, j) => (truthy(reverse) ? cmp(keys[j]!, keys[i]!) : cmp(keys[i]!, keys[j]!)) || i - j);
  return idx.map((i) => items[i]);
}

/**
 * jinja2 sync_do_groupby (Jinja 3.1): the items sorted by the attribute (make_attrgetter, a str
 * lowercased unless case_sensitive), then each run of equal keys (itertools.groupby, ==) a
 * _GroupTuple (grouper, list), its grouper the first item's own attribute. An attribute with a
 * comma (groupby does not split it, the sort bdm-lab shares does) or a `default` is not read.
 */
export function groupby(v: unknown, attribute: unknown, dflt: unknown, caseSensitive: unknown, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  if (attribute instanceof Undef) throw attribute.cause ?? notRead('which groups by an undefined attribute');
  if ((isStr(attribute) && text(attribute).includes(',')) || dflt !== null) throw notRead('which groups by an attribute with a comma or a default');
  const sorted = sort(v, false, caseSensitive, attribute, c) as unknown[];
  const get = attrGetter(c, attribute);
  const insensitive = !truthy(caseSensitive);
  const out: PyTuple[] = [];
  let run: unknown[] = [];
  let runKey: unknown = null;
  for (const item of sorted) {
    spend(c.budget, 1);
    const x = get(item);
    const k = insensitive ? ignoreCase(x) : x;
    if (run.length && pyEq(k, runKey)) { run.push(item); continue; }
    if (run.length) out.push(new PyTuple([get(run[0]), run], GROUP_TUPLE));
    run = [item];
    runKey = k;
  }
  if (run.length) out.push(new PyTuple([get(run[0]), run], GROUP_TUPLE));
  return out;
}

const GROUP_TUPLE = { cls: '_GroupTuple', fields: ['grouper', 'list'] } as const;

/** CPython 3.11 list.sort for fewer than 64 items: count_run, reversing a descending run, binarysort */
function listSort(a: number[], lt: (x: number, y: number) => boolean): void {
  const n = a.length;
  if (n < 2) return;
  let run = 2;
  if (lt(a[1]!, a[0]!)) {
    while (run < n && lt(a[run]!, a[run - 1]!)) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < n && !lt(a[run]!, a[run - 1]!)) run++;
  }
  for (let start = run; start < n; start++) {
    const pivot = a[start]!;
    let l = 0;
    let r = start;
    do {
      const p = l + ((r - l) >> 1);
      if (lt(pivot, a[p]!)) r = p; else l = p + 1;
    } while (l < r);
    a.splice(start, 1);
    a.splice(l, 0, pivot);
  }
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** a finite double as mantissa * 2^exp (exactly) */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return e === 0 ? [frac, -1074] : [frac | (1n << 52n), e - 1075];
}

/** num / den rounded to an integer, half to even */
function divHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den;
  if (2n * r > den || (2n * r === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Python's round(float, n): correctly rounded, half to even, on the float's exact value */
function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (n > 323) return x;
  if (n < -308) return x < 0 ? -0 : 0;
  const [m, e] = decompose(Math.abs(x));
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  if (n >= 0) num *= pow10(n); else den *= pow10(-n);
  const q = divHalfEven(num, den);
  const r = Number(`${q}e${-n}`);
  if (!Number.isFinite(r)) throw notRead('which rounds to a float too large (an OverflowError, which Ansible reports as an exception bdm-lab does not word)');
  return x < 0 ? -r : r;
}

/** Jinja's round(value, precision=0, method='common') */
export function round(v: unknown, precision: unknown, method: unknown): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  if (!isStr(method) || !['common', 'ceil', 'floor'].includes(text(method))) {
    throw notRead('which gives round a method other than common, ceil or floor (a FilterArgumentError bdm-lab does not word)');
  }
  if (precision instanceof Undef) throw precision.cause ?? notRead('which rounds to an undefined precision');
  if (text(method) === 'common') {
    if (!isNum(v)) throw new PyError('type', `type ${typeName(v)} doesn't define __round__ method`);
    if (typeof precision !== 'number' && typeof precision !== 'boolean') throw new PyError('type', `'${typeName(precision)}' object cannot be interpreted as an integer`);
    const p = Number(precision);
    if (v instanceof PyFloat) return new PyFloat(roundFloat(v.value, p));
    const i = Number(v);
    if (p >= 0) return i;
    if (-p > 400) return 0;
    const q = divHalfEven(BigInt(Math.abs(i)), pow10(-p)) * pow10(-p);
    const r = Number(q);
    return i < 0 ? (r === 0 ? 0 : -r) : r;
  }
  // math.ceil/floor(value * 10 ** precision) / 10 ** precision
  if (v instanceof Undef) throw notRead('which rounds an undefined value up or down');
  if (!isNum(v) || typeof precision !== 'number' || Math.abs(precision) > 22) throw notRead('which rounds up or down a value bdm-lab does not compute that way');
  const f = text(method) === 'ceil' ? Math.ceil : Math.floor;
  const p = precision;
  let whole: number;
  if (p >= 0) whole = v instanceof PyFloat ? f(v.value * Number(pow10(p))) : Number(v) * Number(pow10(p));
  else whole = f((v instanceof PyFloat ? v.value : Number(v)) * Number(`1e${p}`));
  if (!Number.isFinite(whole)) throw notRead('which rounds an infinite or NaN float up or down (an exception bdm-lab does not word)');
  if (!Number.isSafeInteger(whole)) throw notRead('which rounds to an integer larger than bdm-lab computes exactly');
  return new PyFloat(p >= 0 ? whole / Number(pow10(p)) : whole / Number(`1e${p}`));
}

/** Jinja's map: a filter on each item, or an attribute of each (`attribute=`, `default=`) */
export function map(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  if (!truthy(v)) return [];
  const items = pyIter(v, c.budget);
  spend(c.budget, items.length);
  if (!args.length && kwargs.some(([k]) => k === 'attribute')) {
    const rest = kwargs.filter(([k]) => k !== 'attribute' && k !== 'default');
    if (rest.length) throw notRead('which gives map a keyword it refuses (a FilterArgumentError bdm-lab does not word)');
    const attr = kwargs.find(([k]) => k === 'attribute')![1];
    const dflt = kwargs.find(([k]) => k === 'default')?.[1] ?? null;
    const get = attrGetter(c, attr, dflt);
    return items.map(get);
  }
  if (!args.length) throw notRead('which calls map without a filter (a FilterArgumentError bdm-lab does not word)');
  const name = args[0];
  if (!isStr(name)) throw notRead('which names a filter for map by a value that is not a str');
  return items.map((x) => c.filter(text(name), x, args.slice(1), kwargs));
}

/** Jinja's select/reject (selectattr/rejectattr with `attr`): the items a test (else truth) keeps */
export function selectOrReject(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, keep: boolean, byAttr: boolean, c: CollectionContext): unknown {
  if (v instanceof Undef && v.cause) throw v.cause;
  if (!truthy(v)) return [];
  const items = pyIter(v, c.budget);
  spend(c.budget, items.length);
  let off = 0;
  let get = (x: unknown) => x;
  if (byAttr) {
    if (!args.length) throw notRead('which calls selectattr or rejectattr without an attribute (a FilterArgumentError bdm-lab does not word)');
    get = attrGetter(c, args[0]);
    off = 1;
  }
  const test = args.length > off ? args[off] : undefined;
  if (test !== undefined && !isStr(test)) throw notRead('which names a test by a value that is not a str');
  const rest = args.slice(off + 1);
  const ok = (x: unknown) => (test === undefined ? truthy(x) : c.test(text(test as string | PyText), x, rest, kwargs));
  return items.filter((x) => ok(get(x)) === keep);
}

/** is_sequence: a list, a tuple or a range (not a text, a dict or a dict's view) */
const isSequence = (v: unknown): v is unknown[] | PyTuple | PyRange => Array.isArray(v) || v instanceof PyTuple || v instanceof PyRange;

/**
 * Ansible's `flatten(levels=None, skip_nulls=True)` (plugins/filter/core.py): the items of the
 * value, each list, tuple or range among them replaced by its own items, `levels` deep (all the way
 * when None); None, 'None' and 'null' dropped unless skip_nulls is false.
 */
export function flatten(v: unknown, levels: unknown, skipNulls: unknown, c: CollectionContext, depth = 0): unknown[] {
  if (depth > 400) throw notRead('which flattens lists nested deeper than bdm-lab reads');
  if (levels !== null && !(typeof levels === 'number' || typeof levels === 'boolean' || levels instanceof PyFloat)) {
    if (levels instanceof Undef && levels.cause) throw levels.cause;
    throw notRead('which gives `flatten` levels that are not a number');
  }
  const out: unknown[] = [];
  const items = pyIter(v, c.budget);
  spend(c.budget, items.length);
  for (const e of items) {
    if (e instanceof Undef) {
      // `element in (None, 'None', 'null')`: an AnsibleUndefined's == raises its own error
      if (truthy(skipNulls) && !e.plain) e.fail();
      throw e.cause ?? notRead('which flattens an undefined item (compared with None, which Ansible refuses)');
    }
    if (truthy(skipNulls) && (e === null || (isStr(e) && (text(e) === 'None' || text(e) === 'null')))) continue;
    if (!isSequence(e)) { out.push(e); continue; }
    const inner = Array.isArray(e) ? e : e.items;
    if (levels === null) out.push(...flatten(inner, null, skipNulls, c, depth + 1));
    else if (numOf(levels as number) >= 1) out.push(...flatten(inner, Math.trunc(numOf(levels as number)) - 1, skipNulls, c, depth + 1));
    else out.push(e);
  }
  return out;
}

/**
 * Ansible's `subelements(obj, subelements, skip_missing=False)` filter (plugins/filter/core.py):
 * the items of a list (or a dict's values) each paired, as a tuple, with each item of the list its
 * dotted key (or list of keys) leads to; its refusals in its words. Unlike the lookup of that name,
 * the items keep the key.
 */
export function subelementsFilter(v: unknown, keys: unknown, skipMissing: unknown, c: CollectionContext): unknown {
  for (const x of [v, keys, skipMissing]) if (x instanceof Undef && x.cause) throw x.cause;
  let elements: unknown[];
  if (isDict(v)) elements = keysOf(v).map((k) => v[k]);
  else if (Array.isArray(v)) elements = v;
  else throw filterError('obj must be a list of dicts or a nested dict');
  let path: unknown[];
  if (Array.isArray(keys)) path = keys;
  else if (isStr(keys)) path = text(keys).split('.');
  else throw filterError('subelements must be a list or a string', 'ansible.errors.AnsibleFilterTypeError');
  if (!path.length) throw notRead('which gives `subelements` no key');
  spend(c.budget, elements.length * path.length);
  const out: unknown[] = [];
  for (const e of elements) {
    let values: unknown = e;
    let sub: unknown = null;
    for (const k of path) {
      sub = k;
      if (isDict(values)) {
        const held = findKey(values, k);
        if (held === undefined) {
          if (truthy(skipMissing)) { values = []; break; }
          throw filterError(`could not find ${pyRepr(k, c.budget)} key in iterated item ${pyRepr(values, c.budget)}`);
        }
        values = values[held];
      } else if (isStr(k) && !(values instanceof Undef) && !(values instanceof PyObj) && !(values instanceof PyView)) {
        throw filterError(`the key ${pyStr(k, c.budget)} should point to a dictionary, got '${pyStr(values, c.budget)}'`, 'ansible.errors.AnsibleFilterTypeError');
      } else throw notRead('which looks up `subelements` in a value bdm-lab does not index that way');
    }
    if (values instanceof Undef) throw values.cause ?? notRead('which reaches an undefined value in `subelements`');
    if (!Array.isArray(values)) throw filterError(`the key ${pyRepr(sub, c.budget)} should point to a list, got ${pyRepr(values, c.budget)}`, 'ansible.errors.AnsibleFilterTypeError');
    spend(c.budget, values.length);
    for (const x of values) out.push(new PyTuple([e, x]));
  }
  return out;
}
