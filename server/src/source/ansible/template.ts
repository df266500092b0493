/**
 * Ansible's `{{ }}` rendering of module arguments (Templar.template, ansible-core 2.14 with its
 * default non-native Jinja, Jinja2 3.1), as far as a file alone tells. The variables are the
 * static `vars:` of the task, its blocks and its play (the innermost wins), and `omit`, Ansible's
 * placeholder (a random token per run: here OMIT; index.ts drops an option whose value is exactly it).
 *
 * What the templating does with types (template/__init__.py Templar.template, native_helpers.py
 * ansible_eval_concat): a value that is exactly `{{ name }}` of a variable holding a bool, a
 * number or null is that value; anything else is rendered to text (Python's str() of each
 * expression, None written as nothing), and a text that starts with `[` or `{`, or is True or
 * False, becomes the Python literal it reads as (pyliteral.ts), else stays a string. So a list
 * round-trips, but `{{ cfg.size }}` of an int is the string "15", and so is `{{ size | int }}`
 * (the module's own `type='int'` converts it). A template that is one expression whose value
 * the `string` or `to_json` filter made stays a string (a NativeJinjaText is never read as a literal).
 *
 * Expressions (jinja.ts reads them as Jinja does): literals (strings, numbers, true/false/none,
 * lists, tuples), variables with `.key`/`[key]`/`[n]` steps and `[start:stop:step]` slices (Python's own subscript, its TypeErrors), `~`, `+`, `-`, `*`, `/`, `//`, `%` on numbers
 * and `%` formatting of strings, `**` (pyextra.ts; a result too big to compute is left unresolved), string methods with arguments (`split`,
 * `replace`, `startswith`, `strip`, `format`, ...)
 * (`+` also joins strings and lists, `*` repeats them), comparisons and `in`, `and`/`or`/`not`,
 * `x if c else y`, parentheses, chains of the filters and tests in filters.ts with arguments that
 * are any of these. Each is computed as Python computes it (pyvalue.ts), and where Ansible fails the task
 * (an undefined attribute, `mandatory`, a TypeError) `render` throws TemplateError with the words
 * the task fails with (Task.post_validate, TaskExecutor); another Python exception (ZeroDivisionError,
 * a ValueError of str.format, a KeyError...) is TemplateRaised, its class and words, which index.ts
 * words as Ansible does. `condition` decides a `when:` as Conditional does. A dict's `.get(k[, default])`, `.keys()`,
 * `.values()` and `.items()` are called (pyvalue.ts PyView, PyTuple: a view made a list where a filter
 * returns it or it is the whole expression, _unroll_iterator). Anything else (another filter, a lookup,
 * another method call, `{% %}`, a variable from the inventory, facts or extra vars) is unresolved: the
 * caller names it in a note, never guesses. A YAML date or timestamp in the vars is the Python
 * date or datetime (tasks.ts PyDate): written out as its str(), with its attributes, a few
 * methods called without arguments (isoformat, weekday, isoweekday, toordinal, date, utcoffset,
 * tzname), comparisons and differences (pyvalue.ts timedelta, timezone). A variable the file does not define is undefined to
 * `default` (as it is to Ansible when nothing else defines it), and the caller says so.
 */
import { FACT_SCOPES, PyDate, PyDictBuilder, PyFloat, SelfHolding, VARS_FILES_SCOPES, factAt, type FactSetting, type Vars } from './tasks';
import { pyLiteral } from './pyliteral';
import { OMIT_TOKEN } from './omit';
import { isPySpace } from '../../text/pySpace';
import { JinjaSyntaxError, parseTemplate, SET_BODY, type Node, type Piece, type Target } from './jinja';
import { classed, counted, lookup } from './lookups';
import { applyFilter, applyTest, replaceText, type FilterContext } from './filters';
import { percentFormat, pyPow, strMethod } from './pyextra';
import {
  codePoints, findKey, isDict, isNum, isStr, keysOf, keepMarks, KEY_ORDER, pyKey, PyRange, PyTuple, PyView, typeName, unhashableView, PyHugeInt, strLimit, NON_STR_KEYS, PyObj, timedelta, timezone, pyArith, pyEq, PyError, pyIn, pyRaise, pyOrder, pyStr, PyText, pyUnary, spend, text, tooMuch, truthy, Undef, Unresolved, pyIter, type Budget,
} from './pyvalue';

export { Unresolved } from './pyvalue';

/** A task Ansible fails to template: the message it fails with (without the excerpt of the file Ansible adds). */
export class TemplateError extends Error {
  /** an AnsibleUndefinedVariable (a loop's is raised only when the task's `when:` lets it run) */
  constructor(message: string, readonly undefinedVariable = false) {
    super(message);
  }
}

/**
 * A task whose arguments raise another Python exception than a TypeError while Ansible templates
 * them (Templar lets it through): Task.post_validate words a ValueError as an invalid `args` field
 * (with the arguments as written, which the caller holds), TaskExecutor any other as an exception.
 */
export class TemplateRaised extends Error {
  constructor(readonly cls: string, message: string) {
    super(message);
  }
}

/** bdm-lab's stand-in for Ansible's omit token (`__omit_place_holder__` and a random sha1 per run) */
export const OMIT = OMIT_TOKEN;

/** What rendering assumed: the expressions where `default` took over from a variable the file does not define. */
export interface RenderNotes { defaulted: Array<{ expression: string; name: string }> }

const MAX_RENDER_DEPTH = 8;
const SELF_REFERENCE = 'a variable that refers to itself';
/**
 * Why a condition that reads such a variable is not decided: Ansible fails on it (Templar's
 * "recursive loop detected", wrapped once per level of Python's recursion, words bdm-lab cannot
 * write), or the chain is only deeper than bdm-lab follows; either way bdm-lab does not judge the task.
 */
/** whether bdm-lab stopped on a variable that refers to itself (or a chain deeper than it follows), where Ansible fails on a recursive loop */
export const isSelfReference = (e: Unresolved): boolean => e.expression === SELF_REFERENCE;

export const SELF_REFERENCE_CONDITION = 'which reads a variable that refers to itself, which Ansible fails on as a recursive loop, or a chain of variables deeper than bdm-lab follows';
/**
 * the longest text a template may render to here (a hostile file repeating a big variable stops
 * there): 256 KB, four times what Nova takes in any field a task renders (user_data's 64 KB); at
 * 2 MB a 656-character playbook (`{{ l * 99999 }}`) cost over a second per edit, rendered and read
 * back as a Python literal
 */
const MAX_RENDERED = 262_144;
/** the text (and list items) all of a task's templates may make together (many items each naming a big variable) */
const MAX_TASK_RENDERED = 1_048_576;

/** the attribute names of the Python objects a variable holds: Jinja's `a.b` finds those before a key */
const words = (t: string) => new Set(t.split(' '));
const DICT_ATTRS = words('clear copy fromkeys get items keys pop popitem setdefault update values');
const LIST_ATTRS = words('append clear copy count extend index insert pop remove reverse sort');
const STR_ATTRS = words('capitalize casefold center count encode endswith expandtabs find format format_map index isalnum isalpha isascii isdecimal '
  + 'isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix '
  + 'removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill ansible_pos');
const DATE_ATTRS = words('ctime day fromisocalendar fromisoformat fromordinal fromtimestamp isocalendar isoformat isoweekday max min month replace resolution '
  + 'strftime timetuple today toordinal weekday year');
const DATETIME_ATTRS = words('astimezone combine date dst fold hour microsecond minute now second strptime time timestamp timetz tzinfo tzname '
  + 'utcfromtimestamp utcnow utcoffset utctimetuple');
const NUM_ATTRS = words('as_integer_ratio bit_count bit_length conjugate denominator from_bytes fromhex hex imag is_integer numerator real to_bytes');

const RANGE_ATTRS = words('count index start step stop');

/** whether Python's getattr finds `name` on the value (a method, a property): Jinja would take it, not a key */
function pyAttr(v: unknown, name: string): boolean {
  if (name.startsWith('__')) return true;
  if (isDict(v)) return DICT_ATTRS.has(name);
  if (Array.isArray(v)) return LIST_ATTRS.has(name);
  // a string from the YAML loader (AnsibleUnicode) also has its position attributes
  if (isStr(v)) return STR_ATTRS.has(name) || name.startsWith('_');
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return NUM_ATTRS.has(name);
  if (v instanceof PyDate) return DATE_ATTRS.has(name) || (v.time !== null && DATETIME_ATTRS.has(name));
  if (v instanceof PyObj) return v.names.has(name);
  if (v instanceof PyTuple) return name === 'count' || name === 'index';
  if (v instanceof PyRange) return RANGE_ATTRS.has(name);
  if (v instanceof PyView) return name === 'mapping' || (v.cls !== 'dict_values' && name === 'isdisjoint');
  return false;
}

/** the items `*x` unpacks in a filter's call (iter(x)), or Python's TypeError; a range's are not made here */
function starItems(v: unknown, b: Budget): unknown[] {
  if (v instanceof PyRange) throw notRead('which unpacks a range into a filter\'s arguments');
  if (v instanceof Undef) v.fail();
  if (isStr(v) || Array.isArray(v) || v instanceof PyTuple || v instanceof PyView || isDict(v)) return pyIter(v, b);
  throw new PyError('type', `Value after * must be an iterable, not ${typeName(v)}`);
}

/** dict.get, keys, values and items called on a dict (their TypeErrors in Python's words); null when `n` calls something else */
function callDictMethod(n: Node & { k: 'call' }, c: Ctx): { v: unknown } | null {
  if (n.fn.k !== 'getattr' || !['get', 'keys', 'values', 'items'].includes(n.fn.attr)) return null;
  const obj = evaluate(n.fn.obj, c);
  // AnsibleUndefined's attribute is itself, and calling it raises
  if (obj instanceof Undef && !obj.plain) obj.fail();
  if (!isDict(obj)) return null;
  const name = n.fn.attr;
  const args = n.args.map((x) => evaluate(x, c));
  n.kwargs.forEach(([, x]) => evaluate(x, c));
  if (n.kwargs.length) throw new PyError('type', `dict.${name}() takes no keyword arguments`);
  if (name === 'get') {
    if (args.length < 1) throw new PyError('type', `get expected at least 1 argument, got ${args.length}`);
    if (args.length > 2) throw new PyError('type', `get expected at most 2 arguments, got ${args.length}`);
    const key = args[0];
    const dflt = args.length > 1 ? args[1] : null;
    if (key instanceof Undef) {
      if (key.cause) throw key.cause;
      // an Undefined hashes as its class: no key of a dict read from a file equals it
      return { v: dflt };
    }
    if (Array.isArray(key) || isDict(key) || unhashableView(key)) throw new PyError('type', `unhashable type: '${typeName(key)}'`);
    if (key instanceof PyTuple) throw notRead('which looks up a tuple as a key');
    // a range hashes (a dict may hold an equal one); a values view hashes as itself: no key of a dict bdm-lab holds is one
    if (key instanceof PyRange) {
      keysOf(obj);
      const held = findKey(obj, key);
      return { v: held === undefined ? dflt : obj[held] };
    }
    if (key instanceof PyView) return { v: dflt };
    const held = findKey(obj, key);
    return { v: held === undefined ? dflt : obj[held] };
  }
  if (args.length) throw new PyError('type', `dict.${name}() takes no arguments (${args.length} given)`);
  const keys = keysOf(obj);
  spend(c.task.budget, keys.length);
  if (name === 'keys') return { v: new PyView('dict_keys', obj, keys.map((k) => pyKey(obj, k))) };
  if (name === 'values') return { v: new PyView('dict_values', obj, keys.map((k) => obj[k])) };
  return { v: new PyView('dict_items', obj, keys.map((k) => new PyTuple([pyKey(obj, k), obj[k]]))) };
}

const sliceIndex = (v: unknown): boolean => v === null || typeof v === 'number' || typeof v === 'boolean';

/** `obj[start:stop:step]` (Jinja writes it as Python's own subscript): the slice of a list, a str or a tuple, else Python's TypeError */
function slice(obj: unknown, start: unknown, stop: unknown, step: unknown, b: Budget): unknown {
  if (obj instanceof Undef) return obj.plain ? obj.fail() : obj;
  for (const x of [start, stop, step]) if (x instanceof Undef) throw x.cause ?? notRead('which slices by an undefined value');
  if (isDict(obj)) throw new PyError('type', "unhashable type: 'slice'");
  if (!Array.isArray(obj) && !isStr(obj) && !(obj instanceof PyTuple) && !(obj instanceof PyRange)) {
    if (obj instanceof PyObj || obj instanceof PyDate) throw notRead('which slices a date or a time');
    throw new PyError('type', `'${typeName(obj)}' object is not subscriptable`);
  }
  if (!sliceIndex(start) || !sliceIndex(stop) || !sliceIndex(step)) throw new PyError('type', 'slice indices must be integers or None or have an __index__ method');
  const items: unknown[] = Array.isArray(obj) ? obj : obj instanceof PyTuple || obj instanceof PyRange ? obj.items : codePoints(text(obj as string | PyText));
  const len = items.length;
  const st = step === null ? 1 : Number(step);
  if (st === 0) throw pyRaise('ValueError', 'slice step cannot be zero');
  // PySlice_AdjustIndices
  const adjust = (v: unknown, dflt: number): number => {
    if (v === null) return dflt;
    let i = Number(v);
    if (i < 0) { i += len; if (i < 0) i = st < 0 ? -1 : 0; } else if (i >= len) i = st < 0 ? len - 1 : len;
    return i;
  };
  const from = adjust(start, st < 0 ? len - 1 : 0);
  const to = adjust(stop, st < 0 ? -1 : len);
  const out: unknown[] = [];
  if (st > 0) for (let i = from; i < to; i += st) out.push(items[i]);
  else for (let i = from; i > to; i += st) out.push(items[i]);
  spend(b, out.length);
  if (Array.isArray(obj)) return out;
  if (obj instanceof PyTuple) return new PyTuple(out);
  // range's compute_slice: the range of the items at those indices
  if (obj instanceof PyRange) return new PyRange(obj.start + from * obj.step, obj.start + to * obj.step, obj.step * st, out as number[]);
  return out.join('');
}

/**
 * A date's or datetime's attribute: its fields (ints), an aware datetime's tzinfo (a timezone, a
 * naive one's None), the class's min, max and resolution; a method or anything else is not followed.
 */
function dateAttr(v: PyDate, name: string): unknown {
  const t = v.time;
  switch (name) {
    case 'year': return v.y;
    case 'month': return v.mo;
    case 'day': return v.d;
    case 'min': return t ? new PyDate(1, 1, 1, { h: 0, mi: 0, s: 0, us: 0, tz: null }) : new PyDate(1, 1, 1, null);
    case 'max': return t ? new PyDate(9999, 12, 31, { h: 23, mi: 59, s: 59, us: 999999, tz: null }) : new PyDate(9999, 12, 31, null);
    case 'resolution': return timedelta(t ? 1n : 86_400_000_000n);
  }
  if (t) {
    switch (name) {
      case 'hour': return t.h;
      case 'minute': return t.mi;
      case 'second': return t.s;
      case 'microsecond': return t.us;
      case 'fold': return 0;
      case 'tzinfo': return t.tz === null ? null : timezone(t.tz);
    }
  }
  throw odd(name);
}

/** an attribute of a date or of a timedelta or timezone, when the value is one (else undefined) */
function objAttr(v: unknown, name: string): unknown {
  if (v instanceof PyDate && pyAttr(v, name)) return dateAttr(v, name);
  if (v instanceof PyRange && pyAttr(v, name)) {
    if (name === 'start' || name === 'stop' || name === 'step') return v[name];
    throw odd(name);
  }
  // a named tuple's field
  if (v instanceof PyTuple && v.named && v.named.fields.includes(name)) return v.items[v.named.fields.indexOf(name)];
  if (v instanceof PyObj && pyAttr(v, name)) {
    if (Object.prototype.hasOwnProperty.call(v.attrs, name)) return v.attrs[name];
    if (v.cls === 'datetime.timezone' && name === 'utc') return timezone(0);
    throw odd(name);
  }
  return undefined;
}

/** the str methods pyextra.ts reads (split, replace, startswith, format...), called on a str; null when `n` calls something else */
function callStrMethod(n: Node & { k: 'call' }, c: Ctx): { v: unknown } | null {
  if (n.fn.k !== 'getattr') return null;
  const obj = evaluate(n.fn.obj, c);
  if (!isStr(obj)) return null;
  const args = n.args.map((x) => evaluate(x, c));
  const kw = n.kwargs.map(([k, x]) => [k, evaluate(x, c)] as [string, unknown]);
  return strMethod(obj, n.fn.attr, args, kw, c.task.budget, replaceText) ?? null;
}

/** the most items of a range bdm-lab makes (beyond it, a note) */
export const RANGE_MADE = 100_000;

/** Python 3.11's range(...): its refusals in Python's words (a step of 0, a ValueError Ansible does not word as a template error, is a note) */
function pyRange(args: unknown[], kwargs: number, b: Budget): PyRange {
  if (kwargs) throw new PyError('type', 'range() takes no keyword arguments');
  if (!args.length) throw new PyError('type', 'range expected at least 1 argument, got 0');
  if (args.length > 3) throw new PyError('type', `range expected at most 3 arguments, got ${args.length}`);
  const ns = args.map((x) => {
    if (x instanceof Undef) throw x.cause ?? notRead('which gives `range` an undefined value');
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (typeof x === 'number' && Number.isSafeInteger(x)) return x;
    if (typeof x === 'number' || typeof x === 'bigint') throw notRead('which gives `range` a number bdm-lab does not hold exactly');
    throw new PyError('type', `'${typeName(x)}' object cannot be interpreted as an integer`);
  });
  const [start, stop, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
  if (step === 0) throw notRead('which gives `range` a step of 0 (a ValueError)');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > RANGE_MADE) throw notRead(`which makes a range of ${n} items, more than bdm-lab makes`);
  spend(b, n);
  const items: number[] = new Array(n);
  for (let i = 0; i < n; i++) items[i] = start + i * step;
  return new PyRange(start, stop, step, items);
}

/**
 * Python's dict(...) for what bdm-lab holds: no argument, a dict, or an iterable of two-item
 * sequences (a list, a tuple, a text of two characters) whose keys are texts, then the keywords;
 * a later key wins in the place of the first. Other keys and refusals are not followed.
 */
function pyDict(args: unknown[], kwargs: Array<[string, unknown]>, b: Budget): Record<string, unknown> {
  const notHere = (why: string) => notRead(`which calls dict() ${why}, which bdm-lab does not follow`);
  if (args.length > 1) throw notHere('with more than one argument (a TypeError)');
  for (const x of [...args, ...kwargs.map(([, y]) => y)]) if (x instanceof Undef) throw x.cause ?? notHere('with an undefined value');
  const o: Record<string, unknown> = {};
  const order: string[] = [];
  const put = (k: unknown, v: unknown) => {
    // (a list, a dict or a dict's keys or items view is no key: Python's TypeError)
    if (Array.isArray(k) || isDict(k) || unhashableView(k)) throw new PyError('type', `unhashable type: '${typeName(k)}'`);
    if (!isStr(k)) throw notHere('with a key that is not a text');
    const key = text(k);
    if (!Object.prototype.hasOwnProperty.call(o, key)) order.push(key);
    o[key] = v;
  };
  if (args.length) {
    const src = args[0];
    if (isDict(src)) {
      if (NON_STR_KEYS.has(src)) throw notHere('with a dict whose keys are not all texts');
      for (const k of keysOf(src)) put(k, src[k]);
    } else if (Array.isArray(src) || src instanceof PyTuple) {
      const items = Array.isArray(src) ? src : src.items;
      spend(b, items.length);
      items.forEach((it, n) => {
        // dict_merge_from_seq2: each item made a sequence (a number, a bool or None is none), of two items
        if (it === null || typeof it === 'boolean' || isNum(it)) throw new PyError('type', `cannot convert dictionary update sequence element #${n} to a sequence`);
        const pair = Array.isArray(it) ? it : it instanceof PyTuple ? it.items : isStr(it) ? codePoints(text(it)) : null;
        if (!pair) throw notHere('with an item that is not a pair (a TypeError or ValueError)');
        if (pair.length !== 2) throw pyRaise('ValueError', `dictionary update sequence element #${n} has length ${pair.length}; 2 is required`);
        put(pair[0], pair[1]);
      });
    } else if (src === null || typeof src === 'boolean' || isNum(src)) throw new PyError('type', `'${typeName(src)}' object is not iterable`);
    else throw notHere('with a value bdm-lab does not iterate');
  }
  for (const [k, v] of kwargs) put(k, v);
  KEY_ORDER.set(o, order);
  return o;
}

const LOOKUP_GLOBALS: ReadonlySet<string> = new Set(['lookup', 'query', 'q']);
/** the lookups bdm-lab runs (lookups.ts), by their short and full names */
const LOOKUPS_RUN: ReadonlySet<string> = new Set(['items', 'list', 'dict', 'indexed_items', 'nested', 'sequence', 'subelements', 'together', 'vars']);

/**
 * a lookup's terms as listify_lookup_plugin_terms gives them: templated again (a tuple or a range
 * becomes a list); a text that holds a template, an undefined value or a dict with keys that are
 * not texts is not followed
 */
function lookupTerm(v: unknown, b: Budget, depth = 0): unknown {
  if (depth > 400) throw notRead('which nests deeper than bdm-lab reads');
  if (v instanceof Undef) throw v.cause ?? notRead('which gives a lookup an undefined value');
  if (isStr(v)) {
    if (/{{|{%|{#/.test(text(v))) throw notRead('which gives a lookup a text that Ansible templates again');
    return text(v);
  }
  if (Array.isArray(v) || v instanceof PyTuple || v instanceof PyRange) {
    const items = Array.isArray(v) ? v : v.items;
    spend(b, items.length);
    return items.map((x) => lookupTerm(x, b, depth + 1));
  }
  if (v instanceof PyView || v instanceof PyObj || v instanceof PyHugeInt) throw notRead('which gives a lookup a value bdm-lab does not pass to it');
  if (isDict(v)) {
    if (NON_STR_KEYS.has(v)) throw notRead('which gives a lookup a dict with keys that are not texts');
    const o: Record<string, unknown> = {};
    const keys = keysOf(v);
    spend(b, keys.length);
    for (const k of keys) o[k] = lookupTerm(v[k], b, depth + 1);
    const order = KEY_ORDER.get(v);
    if (order) KEY_ORDER.set(o, order);
    return o;
  }
  return v;
}

/**
 * `lookup(name, *terms, **kw)` / `query(...)` / `q(...)`: Templar._lookup with the lookups
 * bdm-lab runs; its items wrapped as unsafe (AnsibleUnsafeText). query (wantlist) gives the list;
 * lookup without wantlist joins texts with commas, gives a lone item that is not a text as itself,
 * else the list. A lookup's refusal, a keyword the lookup reads and other lookups are not followed.
 */
function lookupCall(wantlist: boolean, args: unknown[], kwargs: Array<[string, unknown]>, b: Budget, byName: (name: string) => unknown): unknown {
  for (const [, x] of kwargs) if (x instanceof Undef) throw x.cause ?? notRead('which gives a lookup an undefined value');
  if (!args.length) throw notRead('which calls a lookup without its name');
  const [name, ...terms] = args;
  if (name instanceof Undef) throw name.cause ?? notRead('which names a lookup by an undefined value');
  if (!isStr(name)) throw notRead('which names a lookup by a value that is not a text');
  const kind = text(name).replace(/^ansible\.(?:builtin|legacy)\./, '');
  if (!LOOKUPS_RUN.has(kind)) throw notRead(`which runs the lookup \`${text(name)}\`, which bdm-lab does not run`);
  let dflt: unknown = null;
  for (const [k, x] of kwargs) {
    if (k === 'wantlist') { if (!wantlist) wantlist = truthy(x); continue; }
    if (k === 'default' && kind === 'vars') { dflt = x; continue; }
    if (k === 'errors' || k === 'allow_unsafe') throw notRead(`which gives a lookup \`${k}\`, which bdm-lab does not follow`);
    throw notRead(`which gives the lookup \`${kind}\` a keyword bdm-lab does not pass to it`);
  }
  const listed = terms.map((t) => lookupTerm(t, b));
  let got: ReturnType<typeof lookup>;
  try {
    got = kind === 'vars' ? varsLookup(listed, dflt, byName, b) : lookup(kind, listed);
  } catch (e) {
    // (the vars lookup renders a value that holds itself: the RecursionError leaves the plugin, and Templar._lookup words it)
    if (e instanceof PyError && RECURSIONS.has(e)) throw new PyError('ansible', `An unhandled exception occurred while running the lookup plugin '${text(name)}'. Error was a <class 'RecursionError'>, original message: ${RECURSION_WORDS}. ${RECURSION_WORDS}`);
    throw e;
  }
  // (subelements raises AnsibleError, which Templar._lookup words as an unhandled exception, its
  // message after it again; other lookups' refusals are not written here)
  if (typeof got === 'string' && kind === 'subelements') throw new PyError('ansible', `An unhandled exception occurred while running the lookup plugin '${text(name)}'. Error was a <class 'ansible.errors.AnsibleError'>, original message: ${got}. ${got}`);
  if (typeof got === 'string') throw notRead(`which the lookup \`${kind}\` refuses (${got}), in words bdm-lab does not write here`);
  const made = counted.get(got);
  if (made !== undefined && made > got.length) throw notRead(`which makes more items than bdm-lab makes in a template`);
  spend(b, got.length);
  const items = (kind === 'vars' ? unsafe(got, 0, b) : classed(got, 'AnsibleUnsafeText')) as unknown[];
  if (wantlist || !items.length) return items;
  if (items.every(isStr)) {
    const joined = items.map((x) => text(x as PyText)).join(',');
    spend(b, joined.length);
    return new PyText(joined, 'AnsibleUnsafeText');
  }
  return items.length === 1 ? items[0] : items;
}

/**
 * lookup/vars.py: each term a variable's name, its value templated (what the task's variables
 * give it); a name no variable has is the default when one is given (not None), else
 * AnsibleUndefinedVariable. A name the file does not define may be the inventory's: not known.
 */
function varsLookup(terms: unknown[], dflt: unknown, byName: (name: string) => unknown, b: Budget): unknown[] {
  const out: unknown[] = [];
  for (const t of terms) {
    if (!isStr(t)) {
      // the plugin's AnsibleError, which Templar._lookup raises again with its words
      const m = `Invalid setting identifier, "${pyStr(t, b)}" is not a string, its a <class '${typeName(t)}'>`;
      throw new PyError('ansible', `An unhandled exception occurred while running the lookup plugin 'vars'. Error was a <class 'ansible.errors.AnsibleError'>, original message: ${m}. ${m}`);
    }
    const name = text(t);
    const v = byName(name);
    if (v instanceof Undef) {
      if (v.cause) throw v.cause;
      if (!LOOP_ONLY.has(name)) throw notRead('which reads by `lookup(\'vars\')` a variable that is undefined in a way bdm-lab does not word');
      if (dflt !== null) { out.push(dflt); continue; }
      const m = `No variable found with this name: ${name}`;
      throw new PyError('ansible-undefined', `${m}. ${m}`);
    }
    out.push(v);
  }
  return out;
}

/** wrap_var: every text of a lookup's result AnsibleUnsafeText (a NativeJinjaText's unsafe class: not followed) */
function unsafe(v: unknown, depth: number, b: Budget): unknown {
  if (depth > MAX_RENDER_DEPTH) throw notRead('which nests deeper than bdm-lab reads');
  // (a copy of the value: spent, as the items a lookup makes are)
  spend(b, 1);
  if (typeof v === 'string') return new PyText(v, 'AnsibleUnsafeText');
  if (v instanceof PyText) {
    if (v.cls === 'NativeJinjaText') throw notRead('which wraps a NativeJinjaText as unsafe, a class bdm-lab does not keep');
    return v.cls === 'omit' ? v : new PyText(v.s, 'AnsibleUnsafeText');
  }
  if (Array.isArray(v)) return v.map((x) => unsafe(x, depth + 1, b));
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => unsafe(x, depth + 1, b)));
  if (isDict(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = unsafe(x, depth + 1, b);
    keepMarks(v, o);
    return o;
  }
  return v;
}

/** what a date's method gives when called without arguments (isoformat, weekday...), else not followed */
function callDateMethod(n: Node & { k: 'call' }, c: Ctx): unknown {
  const why = notRead('which calls a function or a method (a lookup, `range`, `.split()`...), which bdm-lab does not do');
  if (n.fn.k !== 'getattr' || n.argc) throw why;
  let obj: unknown;
  try { obj = evaluate(n.fn.obj, c); } catch { throw why; }
  // an attribute a value does not have is undefined: calling it raises, with its words
  if (!(obj instanceof PyDate)) {
    let f: unknown;
    try { f = evaluate(n.fn, c); } catch { throw why; }
    if (f instanceof Undef && !f.plain && !f.cause) f.fail();
    throw why;
  }
  const t = obj.time;
  const days = Number(new PyDate(obj.y, obj.mo, obj.d, null).micros() / 86_400_000_000n);
  const dow = days % 7; // 0001-01-01 was a Monday
  switch (n.fn.attr) {
    case 'isoformat': return obj.iso;
    case 'weekday': return dow;
    case 'isoweekday': return dow + 1;
    case 'toordinal': return days + 1;
    case 'date': if (t) return new PyDate(obj.y, obj.mo, obj.d, null); break;
    case 'utcoffset': if (t) return t.tz === null ? null : timedelta(BigInt(t.tz) * 60_000_000n); break;
    case 'tzname': if (t) return t.tz === null ? null : timezone(t.tz).str; break;
  }
  if (!pyAttr(obj, n.fn.attr)) return new Undef({ obj, name: n.fn.attr }).fail();
  throw why;
}

/** the name in a text that is `{{ name }}` alone (Templar's SINGLE_VAR, whose `$` also matches before a last line break), else null */
function singleVar(s: string): string | null {
  const t = s.endsWith('\n') && !s.endsWith('}}') ? s.slice(0, -1) : s;
  if (t.length < 4 || !t.startsWith('{{') || !t.endsWith('}}')) return null;
  const name = t.slice(2, -2).trim();
  return /^\w*$/.test(name) ? name : null;
}

type Rendered = { value: unknown; defaulted: RenderNotes['defaulted'] } | { error: Error };
/** per task (its scopes): the variables as rendered once (Ansible renders one on every use, always alike), what may still be written */
interface TaskState { vars: Map<string, Rendered>; budget: Budget }
const taskRenders = new WeakMap<Vars[], TaskState>();

function taskRender(scopes: Vars[]): TaskState {
  let t = taskRenders.get(scopes);
  if (!t) taskRenders.set(scopes, (t = { vars: new Map(), budget: { left: MAX_TASK_RENDERED } }));
  return t;
}

/** what evaluating one `{{ }}` needs; `locals`: the names the `{% for %}` loops around it bind (over every variable) */
interface Ctx { scopes: Vars[]; notes: RenderNotes; depth: number; task: TaskState; filters: FilterContext; locals?: Map<string, unknown> }

/** what `loop` is in a `{% for %}`'s filter (`if`): not read */
const LOOP_OBJECT = Symbol('loop');
/** how deep a recursive `{% for %}` calls itself before bdm-lab stops following it */
const MAX_RECURSIVE_LOOP = 100;

/** what Jinja's `namespace()` makes: attributes a `{% set ns.attr = ... %}` sets, seen from every scope */
class JNamespace {
  readonly attrs = new Map<string, unknown>();
}

/** a `{% for %}`'s `loop` (Jinja's LoopContext) at one item: its attributes as Jinja gives them */
class LoopState {
  /** `depth0`: how deep a recursive loop's call is (0: the loop as written); `again`: a recursive loop's loop(items), null for another */
  constructor(private readonly index0: number, private readonly items: readonly unknown[], private readonly depth0 = 0, private readonly again: ((v: unknown) => string) | null = null) {}

  attr(name: string): unknown {
    const i = this.index0;
    const n = this.items.length;
    switch (name) {
      case 'index': return i + 1;
      case 'index0': return i;
      case 'revindex': return n - i;
      case 'revindex0': return n - i - 1;
      case 'first': return i === 0;
      case 'last': return i === n - 1;
      case 'length': return n;
      case 'depth': return this.depth0 + 1;
      case 'depth0': return this.depth0;
      // (none at the ends: Jinja's undefined, with its hint)
      case 'previtem': return i > 0 ? this.items[i - 1] : new Undef({ hint: 'there is no previous item' });
      case 'nextitem': return i < n - 1 ? this.items[i + 1] : new Undef({ hint: 'there is no next item' });
    }
    throw notRead(`which uses \`loop.${name}\` of a \`{% for %}\`, which bdm-lab does not hold`);
  }

  /** loop(items): a recursive loop's body over them, one level deeper (LoopContext.__call__: a TypeError for a loop that is not recursive) */
  call(args: unknown[]): string {
    if (args.length !== 1) throw new PyError('type', args.length ? `LoopContext.__call__() takes 2 positional arguments but ${args.length + 1} were given` : "LoopContext.__call__() missing 1 required positional argument: 'iterable'");
    if (!this.again) throw new PyError('type', "The loop must have the 'recursive' marker to be called recursively.");
    return this.again(args[0]);
  }

  /** loop.cycle(a, b, ...): the argument at the item's index, round */
  cycle(args: unknown[]): unknown {
    if (!args.length) throw notRead('which calls `loop.cycle()` with nothing to cycle (a TypeError bdm-lab does not word)');
    return args[this.index0 % args.length];
  }
}

const notRead = (why: string) => new Unresolved('', why);

/** Python's str() of a variable as written in the file (vars.py puts it in its messages) */
function rawText(v: unknown, b: Budget): string {
  return pyStr(v, b);
}

/** Python's words for a recursion past its limit, where Templar meets it (as ansible-core 2.14.18 on CPython 3.11 printed them) */
const RECURSION_WORDS = 'maximum recursion depth exceeded in comparison';
/** the failures of a variable whose value holds itself (a lookup words them its own way) */
const RECURSIONS = new WeakSet<PyError>();

/** a variable's value as AnsibleJ2Vars gives it: rendered (Templar.template), once per task */
function variable(root: string, scope: Vars, c: Ctx): unknown {
  const done = c.task.vars;
  const hit = done.get(root);
  if (hit && 'error' in hit) throw hit.error;
  if (hit) {
    c.notes.defaulted.push(...hit.defaulted);
    return hit.value;
  }
  const own: RenderNotes = { defaulted: [] };
  const raw = scope[root];
  if (raw instanceof SelfHolding) {
    // Templar.template never ends on a value that holds itself: Python's RecursionError, in vars.py's words
    const shown = raw.shown();
    const error = shown === null
      ? notRead('which reads a value that holds itself (a YAML alias inside the node its anchor names): Ansible fails with a RecursionError, whose words bdm-lab does not write for this value')
      : new PyError('ansible', `An unhandled exception occurred while templating '${rawText(shown, c.task.budget)}'. Error was a <class 'RecursionError'>, original message: ${RECURSION_WORDS}`);
    if (error instanceof PyError) RECURSIONS.add(error);
    done.set(root, { error });
    throw error;
  }
  try {
    const value = renderValue(raw, c.scopes, own, c.depth + 1);
    done.set(root, { value, defaulted: own.defaulted });
    c.notes.defaulted.push(...own.defaulted);
    return value;
  } catch (e) {
    let thrown = e;
    if (e instanceof PyError && e.kind === 'ansible-undefined') {
      // an undefined inside the variable's own template: the variable is Undefined, with those words
      const value = new Undef({ hint: `${rawText(raw, c.task.budget)}: ${e.message}`, name: root });
      done.set(root, { value, defaulted: own.defaulted });
      return value;
    }
    if (e instanceof PyError && (e.kind === 'ansible' || e.kind === 'exc')) {
      thrown = new PyError('ansible', `An unhandled exception occurred while templating '${rawText(raw, c.task.budget)}'. Error was a <class '${e.cls}'>, original message: ${e.message}`);
    }
    // a variable whose own template names an undefined one is Undefined itself (AnsibleJ2Vars)
    if (e instanceof Unresolved && e.undefinedName) {
      const value = new Undef({ name: root, cause: e });
      done.set(root, { value, defaulted: own.defaulted });
      return value;
    }
    // bdm-lab's depth bound depends on where the variable is read from: not kept
    if (!(e instanceof Unresolved && e.expression === SELF_REFERENCE) && (thrown instanceof Unresolved || thrown instanceof PyError)) done.set(root, { error: thrown as Error });
    throw thrown;
  }
}

/** a rendered value's texts that a template made (JavaScript strings here) held as the str they are; one holding template marks is left to be read again */
function madeTexts(v: unknown, depth: number): unknown {
  if (depth > MAX_RENDER_DEPTH) throw new Unresolved(SELF_REFERENCE);
  if (typeof v === 'string') return /{{|{%|{#/.test(v) ? v : new PyText(v, 'str');
  if (Array.isArray(v)) return v.map((x) => madeTexts(x, depth + 1));
  if (isDict(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = madeTexts(x, depth + 1);
    keepMarks(v, o);
    return o;
  }
  return v;
}

/** each sure set_fact setting's value, rendered once */
const factValues = new WeakMap<FactSetting, { value: unknown; defaulted: RenderNotes['defaulted'] } | { error: Unresolved }>();
/** whether a rendered value is or holds an undefined one (rendering it fails the set_fact) */
function undefInside(v: unknown, depth: number): boolean {
  if (v instanceof Undef || depth > MAX_RENDER_DEPTH) return true;
  if (Array.isArray(v)) return v.some((x) => undefInside(x, depth + 1));
  if (isDict(v)) return Object.values(v).some((x) => undefInside(x, depth + 1));
  return false;
}

/** set_fact values being rendered now, one inside another (a chain of facts, each naming the one before) */
let factDepth = 0;
const MAX_FACT_DEPTH = 16;

/**
 * What a set_fact that runs before the task sets `name` to: its value rendered with the set_fact
 * task's own scopes (Templar, as TaskExecutor renders the task's arguments), a text 'true', 'false',
 * 'yes' or 'no' (any case) made a boolean (the set_fact action, jinja2_native off). A value bdm-lab
 * does not render, or one that fails the set_fact (the host stops: the task does not run), is not known.
 */
function factValue(name: string, s: FactSetting, c: Ctx): unknown {
  let got = factValues.get(s);
  if (!got) {
    if (factDepth >= MAX_FACT_DEPTH) throw new Unresolved('', `where \`${name}\` is set by a chain of more than ${MAX_FACT_DEPTH} set_fact values, bdm-lab's bound`);
    factDepth++;
    const unknown = (why: string) => ({ error: new Unresolved('', `where \`${name}\` is set by ${s.by} that runs before, ${why}`) });
    try {
      // (kept as rendered: a text a template makes is a str, one written out an AnsibleUnicode)
      const notes: RenderNotes = { defaulted: [] };
      let value = renderValue(s.raw, s.scopes ?? [], notes, 0);
      if (isStr(value) && /^(?:true|false|yes|no)$/i.test(text(value))) value = /^(?:true|yes)$/i.test(text(value));
      // (a text a template joins is a str, not read again as a template here)
      else if (typeof value === 'string') value = new PyText(value, 'str');
      // (inside, a text a template made is a str too: read again, as Templar reads the fact, it keeps its class)
      else value = madeTexts(value, 0);
      got = undefInside(value, 0) ? unknown('whose value is undefined there (the set_fact fails)') : { value, defaulted: notes.defaulted };
    } catch (e) {
      if (!(e instanceof PyError || e instanceof Unresolved)) throw e;
      got = unknown(e instanceof PyError ? 'whose value fails the set_fact (the task does not run)' : `whose value bdm-lab does not render${e.why ? ` (${e.why})` : ''}`);
    } finally {
      factDepth--;
    }
    factValues.set(s, got);
  }
  if ('error' in got) throw got.error;
  c.notes.defaulted.push(...got.defaulted);
  return got.value;
}

/** each set_fact condition's verdict, decided once: whether it holds, or why the name is not known */
const factConditions = new WeakMap<FactSetting, boolean | string>();

/** whether a guarded set_fact's `when:` holds (Conditional: every condition, in order, with the set_fact's scopes); a text: why it is not known */
function factRuns(s: FactSetting): boolean | string {
  let got = factConditions.get(s);
  if (got === undefined) {
    if (factDepth >= MAX_FACT_DEPTH) return `${s.by} whose condition reads a chain of more than ${MAX_FACT_DEPTH} set_fact values, bdm-lab's bound`;
    factDepth++;
    try {
      got = s.when!.every((w) => condition(w, s.scopes ?? []));
    } catch (e) {
      if (!(e instanceof Unresolved || e instanceof TemplateError || e instanceof TemplateRaised || e instanceof PyError)) throw e;
      got = e instanceof Unresolved ? `${s.by} whose condition bdm-lab does not decide` : `${s.by} whose condition fails it (the task does not run)`;
    } finally {
      factDepth--;
    }
    factConditions.set(s, got);
  }
  return got;
}

/** what a name reads where a set_fact does not run (per play and hosts of the reader): each chain of skipped settings walked once */
const skippedTo = new WeakMap<FactSetting, Map<string, ReturnType<typeof factAt>>>();

/** tasks.ts factAt, with a set_fact's `when:` decided: one that does not run leaves the name to the settings before it */
function factFor(scope: Vars, name: string): ReturnType<typeof factAt> {
  let f = factAt(scope, name);
  const at = FACT_SCOPES.get(scope);
  const key = at ? `${at.play} ${at.hosts ?? ''} ${[...at.regions].join(',')}` : '';
  const skipped: FactSetting[] = [];
  for (;;) {
    // a setting sure where it is, or in a rescue (or a rescued block) the task is not in, whose `when:` decides it
    const s = f && 'sure' in f ? f.sure : f && 'outside' in f ? f.outside : undefined;
    if (!s?.when) break;
    const runs = factRuns(s);
    if (runs === true) break;
    if (runs !== false) { if ('sure' in f!) f = { unknown: runs }; break; }
    skipped.push(s);
    const known = skippedTo.get(s)?.get(key);
    if (known !== undefined) { f = known; break; }
    f = factAt(scope, name, s.at);
  }
  for (const s of skipped) {
    let m = skippedTo.get(s);
    if (!m) skippedTo.set(s, (m = new Map()));
    m.set(key, f);
  }
  return f;
}

function lookupName(name: string, c: Ctx): unknown {
  if (c.locals?.has(name)) {
    const v = c.locals.get(name);
    if (v === LOOP_OBJECT || v instanceof LoopState) throw notRead('which uses the `loop` of a `{% for %}`, which bdm-lab does not hold');
    if (v instanceof JNamespace) throw notRead('which uses a `namespace()` otherwise than by its attributes');
    return v;
  }
  // `omit` is a magic variable: Ansible sets it over the play's own vars
  if (name === 'omit') return new PyText(OMIT, 'omit');
  for (let i = c.scopes.length - 1; i >= 0; i--) {
    filesOver(c.scopes, i, name);
    const fact = factFor(c.scopes[i]!, name);
    if (fact) return variable(name, { [name]: factValue(name, (fact as { sure: FactSetting }).sure, c) }, c);
    if (Object.prototype.hasOwnProperty.call(c.scopes[i], name)) return variable(name, c.scopes[i]!, c);
  }
  // the loop's own names: only a loop sets them (extended for ansible_loop), never the inventory
  if (LOOP_ONLY.has(name)) return new Undef({ name });
  return new Undef({ name, cause: new Unresolved('', undefined, name) });
}

/**
 * the names TaskExecutor._run_loop binds for each item (`ansible_loop` with loop_control.extended,
 * `ansible_index_var` with index_var): undefined to a task that is not looped or does not ask for them
 */
export const LOOP_ONLY: ReadonlySet<string> = new Set(['ansible_loop', 'ansible_loop_var', 'ansible_index_var']);

/**
 * At a scope that stands for the facts set before the task (tasks.ts FACT_SCOPES): a name one of
 * them may set is not known, whatever the scopes under it say.
 * At a scope that stands for a play's vars_files: a name a scope under it (the play's vars)
 * defines may be defined again by those files, so its value is not known (Unresolved). A name no
 * scope defines stays one the file does not define (the files, like the inventory, may).
 */
function filesOver(scopes: Vars[], i: number, name: string): void {
  const unknown = UNKNOWN_SCOPES.get(scopes[i]!);
  if (unknown?.names.has(name)) throw new Unresolved('', unknown.why(name));
  const fact = factFor(scopes[i]!, name);
  if (fact && 'unknown' in fact) throw new Unresolved('', `where \`${name}\` may be set by ${fact.unknown} that runs before, which Ansible puts over every \`vars:\` and bdm-lab does not follow`);
  const files = VARS_FILES_SCOPES.get(scopes[i]!);
  if (files === undefined) return;
  for (let j = i - 1; j >= 0; j--) {
    if (Object.prototype.hasOwnProperty.call(scopes[j], name)) throw new Unresolved('', `where \`${name}\` may be defined by ${files}`);
  }
}

/** scopes whose names are bound to values bdm-lab does not know (a loop it does not expand binds its variables); the scope itself holds no name */
const UNKNOWN_SCOPES = new WeakMap<Vars, { names: Set<string>; why: (name: string) => string }>();

/** a scope that binds `names` to values bdm-lab does not know, saying `why` when one is read */
export function unknownNames(names: string[], why: (name: string) => string): Vars {
  const scope: Vars = {};
  UNKNOWN_SCOPES.set(scope, { names: new Set(names), why });
  return scope;
}

/** the variables a loop binds for its item (index.ts registers them): not in Ansible's `vars` copy, which is made before */
export const LOOP_SCOPES = new WeakSet<Vars>();

/**
 * `vars.name` / `vars['name']`: VariableManager.get_vars puts a copy of every variable in the
 * magic `vars` (over any variable of that name), and AnsibleJ2Vars hands that dict out as it is:
 * its entries are the variables as written, not rendered (`vars.x` of `x: '{{ y }}'` is the text
 * `{{ y }}`). A name the file does not define reads as a variable the file does not define; a
 * loop's own variables and `omit` are not read.
 */
function varsEntry(name: string, c: Ctx, attr: boolean): unknown {
  if (name === 'omit') throw notRead('which reads `omit` through `vars`');
  // (Jinja takes a dict's own attribute first by `.`, and by `[]` when the key is missing)
  if (attr && pyAttr({}, name)) throw odd(name);
  for (let i = c.scopes.length - 1; i >= 0; i--) {
    const scope = c.scopes[i]!;
    filesOver(c.scopes, i, name);
    const fact = factFor(scope, name);
    if (fact) return asWritten(factValue(name, (fact as { sure: FactSetting }).sure, c), c, 0);
    if (!Object.prototype.hasOwnProperty.call(scope, name)) continue;
    if (LOOP_SCOPES.has(scope)) throw notRead('which reads a loop variable through `vars`');
    return asWritten(scope[name], c, 0);
  }
  if (pyAttr({}, name)) throw odd(name);
  if (LOOP_ONLY.has(name)) throw notRead('which reads a loop variable through `vars`');
  return lookupName(name, c);
}

/**
 * `vars.get(name, default)`: dict.get on the magic `vars` (the variable as written); a name the
 * file does not define gives the default as `default()` does (noted: the inventory, facts or extra
 * vars may define it)
 */
function varsGet(n: Node & { k: 'call' }, c: Ctx): unknown {
  const args = n.args.map((x) => evaluate(x, c));
  n.kwargs.forEach(([, x]) => evaluate(x, c));
  if (n.kwargs.length) throw new PyError('type', 'dict.get() takes no keyword arguments');
  if (args.length < 1) throw new PyError('type', `get expected at least 1 argument, got ${args.length}`);
  if (args.length > 2) throw new PyError('type', `get expected at most 2 arguments, got ${args.length}`);
  const [key] = args;
  const dflt = args.length > 1 ? args[1] : null;
  if (key instanceof Undef) {
    if (key.cause) throw key.cause;
    return dflt;
  }
  if (!isStr(key)) throw notRead('which looks up `vars` by a key that is not a str');
  const name = text(key);
  if (name === 'omit') throw notRead('which reads `omit` through `vars`');
  for (let i = c.scopes.length - 1; i >= 0; i--) {
    const scope = c.scopes[i]!;
    filesOver(c.scopes, i, name);
    const fact = factFor(scope, name);
    if (fact) return asWritten(factValue(name, (fact as { sure: FactSetting }).sure, c), c, 0);
    if (!Object.prototype.hasOwnProperty.call(scope, name)) continue;
    if (LOOP_SCOPES.has(scope)) throw notRead('which reads a loop variable through `vars`');
    return asWritten(scope[name], c, 0);
  }
  if (LOOP_ONLY.has(name)) return dflt;
  c.filters.defaulted(new Undef({ name, cause: new Unresolved('', undefined, name) }));
  return dflt;
}

/** a variable's value as the YAML loader gave it (its strings AnsibleUnicode, none rendered) */
function asWritten(v: unknown, c: Ctx, depth: number): unknown {
  if (depth > 400) throw notRead('which nests deeper than bdm-lab reads');
  if (v instanceof SelfHolding) throw notRead('which reads through `vars` a value that holds itself (a YAML alias inside the node its anchor names)');
  if (typeof v === 'string') return new PyText(v, 'AnsibleUnicode');
  if (Array.isArray(v)) { spend(c.task.budget, v.length); return v.map((x) => asWritten(x, c, depth + 1)); }
  if (isDict(v)) {
    const o: Record<string, unknown> = {};
    const keys = Object.keys(v);
    spend(c.task.budget, keys.length);
    for (const k of keys) o[k] = asWritten(v[k], c, depth + 1);
    keepMarks(v, o);
    return o;
  }
  return v;
}

const odd = (name: string) => notRead(`where \`${name}\` names a Python attribute of the value (Jinja takes it before a key)`);

/** Jinja's environment.getattr: the Python attribute, else the key, else an Undefined */
function getattr(obj: unknown, name: string): unknown {
  // AnsibleUndefined gives itself; Jinja's plain Undefined raises
  if (obj instanceof Undef) return obj.plain ? obj.fail() : obj;
  const own = objAttr(obj, name);
  if (own !== undefined) return own;
  if (pyAttr(obj, name)) throw odd(name);
  if (isDict(obj)) {
    const k = findKey(obj, name);
    if (k !== undefined) return obj[k];
  }
  return new Undef({ obj, name });
}

/** Jinja's environment.getitem: the item, else (a string) the attribute, else an Undefined */
function getitem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undef) return obj.plain ? obj.fail() : obj;
  // (a range's item by its index, as a list's; by another key, its attributes are not followed)
  if (obj instanceof PyRange && typeof key !== 'number' && typeof key !== 'boolean') throw notRead('which reads an item of a range');
  if (key instanceof Undef) throw key.cause ?? notRead('which reads an item by an undefined key');
  if (isStr(key)) {
    const k = text(key);
    if (isDict(obj)) {
      const held = findKey(obj, k);
      if (held !== undefined) return obj[held];
    }
    // a date is not subscriptable: Jinja takes the attribute of that name
    const own = objAttr(obj, k);
    if (own !== undefined) return own;
    if (pyAttr(obj, k)) throw odd(k);
    return new Undef({ obj, name: key });
  }
  if (typeof key === 'number' || typeof key === 'boolean') {
    const n = Number(key);
    if (Array.isArray(obj) || isStr(obj) || obj instanceof PyTuple || obj instanceof PyRange) {
      const items = Array.isArray(obj) ? obj : obj instanceof PyTuple || obj instanceof PyRange ? obj.items : Array.from(text(obj));
      const at = n < 0 ? items.length + n : n;
      return at >= 0 && at < items.length ? items[at] : new Undef({ obj, name: key });
    }
    if (isDict(obj)) {
      const held = findKey(obj, key);
      if (held !== undefined) return obj[held];
    }
    return new Undef({ obj, name: key });
  }
  if (key === null || key instanceof PyFloat || key instanceof PyDate) {
    if (isDict(obj)) {
      const held = findKey(obj, key);
      if (held !== undefined) return obj[held];
    }
    return new Undef({ obj, name: key });
  }
  // a dict by a range (hashable): a range key equal to it
  if (key instanceof PyRange && isDict(obj)) {
    keysOf(obj);
    const held = findKey(obj, key);
    if (held !== undefined) return obj[held];
    return new Undef({ obj, name: key });
  }
  throw notRead('which reads an item by a list or a mapping');
}

/** whether an expression reads no variable: Jinja's optimizer computes it when it compiles the template */
function constant(n: Node): boolean {
  switch (n.k) {
    case 'const': return true;
    case 'name': case 'call': return false;
    case 'list': case 'tuple': return n.items.every(constant);
    case 'dict': return n.items.every(([k, v]) => constant(k) && constant(v));
    case 'concat': return n.nodes.every(constant);
    case 'getattr': return constant(n.obj);
    case 'getitem': return constant(n.obj) && constant(n.arg);
    case 'slice': return constant(n.obj) && [n.start, n.stop, n.step].every((x) => x === null || constant(x));
    case 'filter': case 'test': return constant(n.node) && n.args.every(constant) && n.kwargs.every(([, x]) => constant(x)) && (n.k !== 'filter' || !n.star || constant(n.star));
    case 'bin': case 'and': case 'or': return constant(n.l) && constant(n.r);
    case 'unary': case 'not': return constant(n.node);
    case 'compare': return constant(n.first) && n.ops.every(([, x]) => constant(x));
    case 'cond': return constant(n.test) && constant(n.yes) && (!n.no || constant(n.no));
  }
}

/**
 * A dict literal's value: Python evaluates every key and value first, in order (key, then value),
 * then hashes the keys as it builds the dict (a later key equal to an earlier one keeps the first
 * key's place and takes the later value).
 */
function dictLiteral(pairs: Array<[unknown, unknown]>, c: Ctx): Record<string, unknown> {
  spend(c.task.budget, pairs.length);
  const b = new PyDictBuilder();
  for (const [k, v] of pairs) {
    // AnsibleUndefined (a StrictUndefined) raises when it is hashed; Jinja's plain one hashes
    if (k instanceof Undef) { if (k.plain) throw notRead('which makes a dict with an undefined key'); k.fail(); }
    if (Array.isArray(k) || isDict(k) || unhashableView(k)) throw new PyError('type', `unhashable type: '${typeName(k)}'`);
    const held = typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' || k === null || k instanceof PyFloat || k instanceof PyRange || (k instanceof PyText && k.cls !== 'omit');
    if (!held) throw notRead('which makes a dict with keys bdm-lab does not hold (a tuple, a date, the omit placeholder)');
    b.set(isStr(k) ? text(k) : k, v);
  }
  return b.out;
}

/**
 * a comparison with an int past str()'s limit (more than 4300 digits): against an int or a float
 * Python compares exactly, so the huge one lies beyond every finite number (an infinite float
 * beyond it, a NaN unordered); anything else is not read
 */
function hugeCompare(op: string, a: unknown, b: unknown): boolean {
  const place = (v: unknown): number | null => {
    if (v instanceof PyHugeInt) return v.negative ? -1 : 1;
    if (typeof v === 'boolean' || typeof v === 'number') return 0;
    if (v instanceof PyFloat) return Number.isNaN(v.value) ? NaN : v.value === Infinity ? 2 : v.value === -Infinity ? -2 : 0;
    return null;
  };
  if ((op === 'in' || op === 'notin') && a instanceof PyHugeInt && (Array.isArray(b) || b instanceof PyTuple)) {
    // list.__contains__: an item equal to it; numbers lie below it (or are NaN), other values differ
    const items = Array.isArray(b) ? b : b.items;
    if (items.every((x) => (place(x) !== null && !(x instanceof PyHugeInt)) || isStr(x) || x === null)) return op === 'notin';
  }
  const x = place(a);
  const y = place(b);
  if (x === null || y === null || (a instanceof PyHugeInt && b instanceof PyHugeInt)) throw notRead('which compares an integer of more than 4300 digits with a value bdm-lab does not compare it with');
  if (Number.isNaN(x) || Number.isNaN(y)) return op === '!=';
  switch (op) {
    case '==': return x === y;
    case '!=': return x !== y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
  }
  throw notRead('which looks for an integer of more than 4300 digits in a container');
}

/** the filters that take an int past str()'s limit (the rest are not read with one) */
const HUGE_FILTERS = new Set(['int', 'string', 'to_json']);

/** the filters that read a list's items without writing or comparing them: a list may hold an int past str()'s limit there */
const HUGE_ITEM_FILTERS = new Set(['length', 'count', 'first', 'last']);

/**
 * an expression's value (before Jinja's finalize); `top`: the whole of a `{{ }}`; `huge`: its
 * consumer reads a PyHugeInt; `hugeItems`: its consumer reads a list literal's items that are
 * (finalize writes them out and fails, `length` counts them, `first`/`last` hand one on)
 */
function evaluate(n: Node, c: Ctx, top = false, huge = false, hugeItems = top): unknown {
  const v = evaluateNode(n, c, hugeItems);
  // an int past str()'s limit: only the uses that write it out (or pass it on to one) are read
  if (v instanceof PyHugeInt) {
    // Jinja's optimizer computes a constant when it compiles the template, and its code generator
    // then fails on the int (Ansible leaves such a text as written, or folds it further): not read
    if (constant(n)) throw notRead('which Jinja computes to a constant integer of more than 4300 digits when it compiles the template');
    if (!top && !huge) throw notRead('which computes with an integer of more than 4300 digits, which bdm-lab does not hold');
  }
  // a constant infinite or NaN float inside an expression: Jinja writes it into its Python code as
  // `inf`/`nan`, which fails there with a NameError (Ansible reports it as an exception)
  if (!top && v instanceof PyFloat && !Number.isFinite(v.value) && constant(n)) throw notRead('which Jinja computes to a constant infinite or NaN float when it compiles the template (a NameError in its own code, reported by Ansible as an exception)');
  return v;
}

function evaluateNode(n: Node, c: Ctx, hugeItems: boolean): unknown {
  const e = (x: Node) => evaluate(x, c);
  switch (n.k) {
    case 'const':
      return n.v !== null && typeof n.v === 'object' ? new PyFloat(n.v.float) : n.v;
    case 'list': {
      const items = n.items.map((x) => evaluate(x, c, false, hugeItems));
      spend(c.task.budget, items.length);
      return items;
    }
    case 'tuple': {
      const items = n.items.map((x) => evaluate(x, c, false, hugeItems));
      spend(c.task.budget, items.length);
      return new PyTuple(items);
    }
    case 'dict':
      return dictLiteral(n.items.map(([k, v]) => [e(k), e(v)]), c);
    case 'name':
      if (n.name === 'vars') throw notRead('which uses `vars` (every variable of the host, as Ansible gives them) as a whole, which bdm-lab does not hold');
      return lookupName(n.name, c);
    case 'getattr':
      if (n.obj.k === 'name' && n.obj.name === 'vars') return varsEntry(n.attr, c, true);
      if (n.obj.k === 'name') {
        const l = c.locals?.get(n.obj.name);
        if (n.obj.name === 'loop' && l instanceof LoopState) return l.attr(n.attr);
        if (l instanceof JNamespace) {
          if (!l.attrs.has(n.attr)) throw notRead(`which reads \`${n.obj.name}.${n.attr}\`, an attribute the namespace does not have`);
          return l.attrs.get(n.attr);
        }
      }
      return getattr(e(n.obj), n.attr);
    case 'getitem': {
      if (n.obj.k === 'name' && n.obj.name === 'vars') {
        const key = e(n.arg);
        if (!isStr(key)) throw notRead('which reads `vars` by a key that is not a str');
        return varsEntry(text(key), c, false);
      }
      const obj = e(n.obj);
      return getitem(obj, e(n.arg));
    }
    case 'slice': {
      const obj = e(n.obj);
      const part = (x: Node | null) => (x === null ? null : e(x));
      const start = part(n.start);
      const stop = part(n.stop);
      return slice(obj, start, stop, part(n.step), c.task.budget);
    }
    case 'call':
    {
      // Jinja's global `range` (a variable of that name comes first)
      if (n.fn.k === 'name' && n.fn.name === 'range' && !c.scopes.some((v) => Object.prototype.hasOwnProperty.call(v, 'range'))) {
        return pyRange(n.args.map((x) => e(x)), n.kwargs.length, c.task.budget);
      }
      // Jinja's global `dict` (Python's dict)
      if (n.fn.k === 'name' && n.fn.name === 'dict' && !c.scopes.some((v) => Object.prototype.hasOwnProperty.call(v, 'dict'))) {
        return pyDict(n.args.map((x) => e(x)), n.kwargs.map(([k, x]) => [k, e(x)] as [string, unknown]), c.task.budget);
      }
      // Ansible's globals `lookup`, `query` and `q` (Templar._lookup)
      if (n.fn.k === 'name' && LOOKUP_GLOBALS.has(n.fn.name) && !c.scopes.some((v) => Object.prototype.hasOwnProperty.call(v, (n.fn as { name: string }).name))) {
        return lookupCall(n.fn.name !== 'lookup', n.args.map((x) => e(x)), n.kwargs.map(([k, x]) => [k, e(x)] as [string, unknown]), c.task.budget, (name) => lookupName(name, c));
      }
      if (n.fn.k === 'getattr' && n.fn.attr === 'get' && n.fn.obj.k === 'name' && n.fn.obj.name === 'vars') return varsGet(n, c);
      // a `{% for %}`'s loop(items)
      if (n.fn.k === 'name' && n.fn.name === 'loop') {
        const l = c.locals?.get('loop');
        if (l instanceof LoopState) {
          if (n.kwargs.length) throw notRead('which calls `loop()` with keyword arguments');
          return l.call(n.args.map((x) => e(x)));
        }
      }
      // a `{% for %}`'s loop.cycle(...)
      if (n.fn.k === 'getattr' && n.fn.attr === 'cycle' && n.fn.obj.k === 'name' && n.fn.obj.name === 'loop') {
        const l = c.locals?.get('loop');
        if (l instanceof LoopState) {
          if (n.kwargs.length) throw notRead('which calls `loop.cycle()` with keyword arguments');
          return l.cycle(n.args.map((x) => e(x)));
        }
      }
      const r = callDictMethod(n, c) ?? callStrMethod(n, c);
      return r ? r.v : callDateMethod(n, c);
    }
    case 'filter': {
      const v = evaluate(n.node, c, false, HUGE_FILTERS.has(n.name), HUGE_ITEM_FILTERS.has(n.name));
      const args = n.args.map(e);
      const kwargs = n.kwargs.map(([k, x]) => [k, e(x)] as [string, unknown]);
      // `*items`: the items Python's call unpacks after the positional arguments
      if (n.star) args.push(...starItems(e(n.star), c.task.budget));
      // int() of an int is itself; str() and json.dumps() write it out, which Python refuses past 4300 digits
      if (v instanceof PyHugeInt) { if (n.name === 'int') return v; throw strLimit(); }
      return applyFilter(n.name, v, args, kwargs, c.filters);
    }
    case 'test': {
      const v = e(n.node);
      const args = n.args.map(e);
      const kw = n.kwargs.map(([k, x]) => [k, e(x)] as [string, unknown]);
      return applyTest(n.name, v, args, n.kwargs.length, kw, c.task.budget);
    }
    case 'bin': {
      const l = e(n.l);
      const r = e(n.r);
      if (n.op === '**') return pyPow(l, r);
      // printf-style formatting of a str (an undefined on the right raises first, as in pyArith)
      if (n.op === '%' && isStr(l) && !(r instanceof Undef)) return percentFormat(text(l), r, c.task.budget);
      return pyArith(n.op, l, r, c.task.budget);
    }
    case 'unary': {
      const x = evaluate(n.node, c, false, true);
      if (x instanceof PyHugeInt) {
        if (n.op === '-') return new PyHugeInt(!x.negative);
        if (n.op === '+') return x;
        throw notRead('which computes with an integer of more than 4300 digits, which bdm-lab does not hold');
      }
      return pyUnary(n.op, x);
    }
    case 'concat': {
      // the operands first, then str() of each
      const vals = n.nodes.map((x) => evaluate(x, c, false, true));
      const s = vals.map((v) => { if (v instanceof PyHugeInt) throw strLimit(); return pyStr(v, c.task.budget); }).join('');
      spend(c.task.budget, s.length);
      if (s.length > MAX_RENDERED) throw tooMuch();
      return s;
    }
    case 'compare': {
      let left = evaluate(n.first, c, false, true);
      for (const [op, node] of n.ops) {
        const right = evaluate(node, c, false, true);
        const ok = left instanceof PyHugeInt || right instanceof PyHugeInt ? hugeCompare(op, left, right) : op === '==' ? pyEq(left, right) : op === '!=' ? !pyEq(left, right) : op === 'in' ? pyIn(left, right) : op === 'notin' ? !pyIn(left, right) : pyOrder(left, right, op);
        if (!ok) return false;
        left = right;
      }
      return true;
    }
    case 'and': {
      const l = e(n.l);
      return truthy(l) ? e(n.r) : l;
    }
    case 'or': {
      const l = e(n.l);
      return truthy(l) ? l : e(n.r);
    }
    case 'not':
      return !truthy(e(n.node));
    case 'cond':
      if (truthy(e(n.test))) return e(n.yes);
      return n.no ? e(n.no) : new Undef({ plain: true, hint: `the inline if-expression on line ${n.line} evaluated to false and no else section was defined.` });
  }
}

/** _ansible_finalize: None is written as nothing; an undefined (also inside a list or a dict) raises */
function finalize(v: unknown, depth = 0): unknown {
  if (depth > 400) throw notRead('which nests deeper than bdm-lab reads');
  // the rendered text is str() of the value
  if (v instanceof PyHugeInt) throw strLimit();
  if (v === null && depth === 0) return '';
  if (v instanceof Undef && !v.plain) v.fail();
  // _unroll_iterator: a view that is the whole expression's value is made a list
  if (v instanceof PyView && depth === 0) v = [...v.items];
  if (Array.isArray(v)) v.forEach((x) => finalize(x, depth + 1));
  else if (v instanceof PyTuple || v instanceof PyView) v.items.forEach((x) => finalize(x, depth + 1));
  else if (isDict(v)) Object.values(v).forEach((x) => finalize(x, depth + 1));
  return v;
}

function trailingNewlines(s: string): number {
  let n = 0;
  while (n < s.length && s[s.length - 1 - n] === '\n') n++;
  return n;
}

/** a note about the whole `{{ }}` in place of one that names no text */
function placed(e: unknown, where: string): unknown {
  return e instanceof Unresolved && !e.expression ? new Unresolved(where, e.why, e.undefinedName) : e;
}

/** Templar.do_template on one string: its value, with Python's errors as do_template raises them */
function renderString(s: string, scopes: Vars[], notes: RenderNotes, depth: number): unknown {
  if (!s.includes('{{') && !s.includes('{%') && !s.includes('{#')) return new PyText(s, 'AnsibleUnicode');
  // one variable holding a bool, a number or null: its value as it is
  const one = singleVar(s);
  if (one !== null && one !== 'omit') {
    for (let i = scopes.length - 1; i >= 0; i--) {
      // (the vars_files scope: the general path says why the value is not known)
      if (VARS_FILES_SCOPES.has(scopes[i]!) || UNKNOWN_SCOPES.get(scopes[i]!)?.names.has(one)) break;
      const fact = factFor(scopes[i]!, one);
      if (fact) {
        // a fact holds its value as set_fact rendered it: a bool, a number or null is given as it is too
        if ('sure' in fact) {
          let v: unknown;
          try {
            const task = taskRender(scopes);
            v = factValue(one, fact.sure, { scopes, notes, depth, task, filters: { budget: task.budget, defaulted: () => {}, getitem } });
          } catch {
            // (the general path below says why)
            break;
          }
          if (v === null || typeof v === 'boolean' || typeof v === 'number' || v instanceof PyFloat) return v;
        }
        break;
      }
      if (!Object.prototype.hasOwnProperty.call(scopes[i], one)) continue;
      const raw = scopes[i]![one];
      if (raw === null || typeof raw === 'boolean' || typeof raw === 'number' || raw instanceof PyFloat) return raw;
      break;
    }
  }
  // (a string in a `{% %}` tag keeps its backslashes from Ansible's doubling, which bdm-lab does not follow)
  if (s.includes('{%') && s.includes('\\')) throw new Unresolved(s);
  // Jinja reads \r\n and \r as \n and drops one last line break; Ansible puts the text's back
  let src = s.replace(/\r\n?/g, '\n');
  if (src.endsWith('\n')) src = src.slice(0, -1);
  let pieces: Piece[] | null;
  try {
    pieces = parseTemplate(src, false, true) ?? escapedQuotes(src);
  } catch (e) {
    if (!(e instanceof JinjaSyntaxError)) throw e;
    // do_template: the text it quotes is the one _escape_backslashes made
    const data = backslashesDoubled(s);
    if (data === null) throw new Unresolved(s, 'written in Jinja that bdm-lab does not read');
    throw new PyError('ansible', `template error while templating string: ${e.message}. String: ${data}. ${e.message}`);
  }
  if (!pieces) throw new Unresolved(s, 'written in Jinja that bdm-lab does not read');
  const task = taskRender(scopes);
  const c: Ctx = { scopes, notes, depth, task, filters: { budget: task.budget, defaulted: () => {}, getitem } };
  let values: unknown[] = [];
  // the nodes the template gives, in order: a text, an expression's value, the nodes of an
  // `{% if %}` block's first branch whose test holds (or of its `else`), of a `{% for %}`'s body
  // once for each item
  const give = (ps: Piece[]): void => {
    for (const p of ps) {
      if ('text' in p) { values.push(p.text); continue; }
      const where = 'expr' in p ? `{{${p.src}}}` : s;
      c.filters.defaulted = (u) => { if (u.cause?.undefinedName) notes.defaulted.push({ expression: where, name: u.cause.undefinedName }); };
      if ('expr' in p) {
        try {
          values.push(finalize(evaluate(p.expr, c, true)));
        } catch (e) {
          throw placed(e, where);
        }
        continue;
      }
      if ('set' in p) {
        // a `{% set %}`: the name holds the value in the current scope (the template's, or one
        // pass of a `{% for %}`'s body; an `{% if %}` makes none), from here on; a block `set`'s
        // value is the text its body renders (each value written out as Jinja writes it)
        let v: unknown;
        try {
          if ('value' in p) v = namespaceCall(p.value, c) ?? evaluate(p.value, c);
          else {
            // (its body in a scope of its own: a `{% set %}` there is gone after it)
            const outer = values;
            const scope = c.locals;
            values = [];
            c.locals = new Map(scope ?? []);
            try {
              give(p.body);
              v = values.map((x) => (x instanceof Undef ? '' : pyStr(x, c.task.budget))).join('');
            } finally {
              values = outer;
              c.locals = scope;
            }
            // (`{% set x | f %}`: the text through the filters, in the scope around the block)
            if (p.filter) {
              const around = c.locals;
              c.locals = new Map([...(around ?? []), [SET_BODY, v]]);
              try {
                v = evaluate(p.filter, c);
              } finally {
                c.locals = around;
              }
            }
          }
          bind(p.set, v, (c.locals ??= new Map()), c.task.budget);
        } catch (e) {
          throw placed(e, where);
        }
        continue;
      }
      if ('target' in p) {
        // a `{% for %}`: the items iter() gives that pass its filter (`if`), then its body once
        // for each, the name bound to it and `loop` to a LoopContext over them, in a scope of its
        // own each time (a `{% set %}` there is gone after the pass); none: its `else`, in a scope
        // of its own too. A `recursive` one's `loop(items)` runs the same loop over them one
        // level deeper (loop.depth), in the scope around the `for`, and gives the text it renders.
        const outer = c.locals;
        let it: unknown;
        try {
          it = evaluate(p.iter, c, true);
        } catch (e) {
          throw placed(e, where);
        }
        const run = (over: unknown, depth: number): void => {
          let items: unknown[];
          try {
            items = pyIter(over, c.task.budget);
            if (p.test) {
              const test = p.test;
              items = items.filter((item) => {
                spend(c.task.budget, 1 + (outer?.size ?? 0));
                c.locals = new Map([...(outer ?? []), ['loop', LOOP_OBJECT]]);
                bind(p.target, item, c.locals, c.task.budget);
                return truthy(evaluate(test, c));
              });
            }
          } catch (e) {
            throw placed(e, where);
          } finally {
            c.locals = outer;
          }
          const again = p.recursive ? (v: unknown): string => {
            if (depth >= MAX_RECURSIVE_LOOP) throw notRead(`which calls a recursive loop deeper than ${MAX_RECURSIVE_LOOP} levels, bdm-lab's bound`);
            const around = c.locals;
            const was = values;
            values = [];
            try {
              run(v, depth + 1);
              return values.map((x) => (x instanceof Undef ? '' : pyStr(x, c.task.budget))).join('');
            } finally {
              values = was;
              c.locals = around;
            }
          } : null;
          try {
            if (!items.length) {
              c.locals = new Map(outer ?? []);
              give(p.otherwise);
              return;
            }
            for (let k = 0; k < items.length; k++) {
              spend(c.task.budget, 1 + (outer?.size ?? 0));
              c.locals = new Map([...(outer ?? []), ['loop', new LoopState(k, items, depth, again)]]);
              try {
                bind(p.target, items[k], c.locals, c.task.budget);
              } catch (e) {
                throw placed(e, where);
              }
              give(p.body);
            }
          } finally {
            c.locals = outer;
          }
        };
        run(it, 0);
        continue;
      }
      let taken: Piece[] = p.otherwise;
      for (const b of p.branches) {
        let holds: boolean;
        try {
          holds = truthy(evaluate(b.test, c, true));
        } catch (e) {
          throw placed(e, where);
        }
        if (holds) { taken = b.body; break; }
      }
      give(taken);
    }
  };
  try {
    give(pieces);
  } catch (e) {
    if (e instanceof PyError && e.kind === 'type') {
      // the text Ansible quotes is the one it rebuilt with each backslash of a string doubled
      const quoted = backslashesDoubled(s);
      if (quoted === null) throw new Unresolved(s, 'which Ansible refuses with a type error bdm-lab does not word');
      if (e.message.includes('AnsibleUndefined')) {
        const m = `Unable to look up a name or access an attribute in template string (${quoted}).\nMake sure your variable name does not contain invalid characters like '-': ${e.message}. ${e.message}`;
        throw new PyError('ansible-undefined', `${m}. ${m}`);
      }
      throw new PyError('ansible', `Unexpected templating type error occurred on (${quoted}): ${e.message}. ${e.message}`);
    }
    if (e instanceof PyError && e.kind === 'undefined') throw new PyError('ansible-undefined', `${e.message}. ${e.message}`);
    throw e;
  }
  try {
    return concat(s, values.length, values, task);
  } catch (e) {
    throw placed(e, s);
  }
}

/** `namespace(...)` as a `{% set %}`'s whole value (Jinja's global, unless a variable of that name comes first): its attributes from keyword arguments and mappings given */
function namespaceCall(n: Node, c: Ctx): JNamespace | null {
  if (n.k !== 'call' || n.fn.k !== 'name' || n.fn.name !== 'namespace' || c.locals?.has('namespace') || c.scopes.some((v) => Object.prototype.hasOwnProperty.call(v, 'namespace'))) return null;
  const ns = new JNamespace();
  for (const a of n.args) {
    const v = evaluate(a, c);
    if (!isDict(v)) throw notRead('which gives `namespace()` a value that is not a mapping');
    for (const k of keysOf(v)) ns.attrs.set(k, v[k]);
  }
  for (const [k, x] of n.kwargs) ns.attrs.set(k, evaluate(x, c));
  return ns;
}

/**
 * a `{% for %}` or `{% set %}` target given a value: one name holds it; names take the items
 * Python's unpacking gives (a count that differs, Python's ValueError, is not read)
 */
function bind(target: Target, v: unknown, into: Map<string, unknown>, budget: Budget): void {
  if (typeof target === 'string') { into.set(target, v); return; }
  if (!Array.isArray(target)) {
    const ns = into.get(target.ns);
    if (!(ns instanceof JNamespace)) throw notRead(`which sets \`${target.ns}.${target.attr}\` where \`${target.ns}\` is not a \`namespace()\` (an error bdm-lab does not word)`);
    ns.attrs.set(target.attr, v);
    return;
  }
  let items: unknown[];
  try {
    items = pyIter(v, budget);
  } catch (e) {
    // (Python's words for it)
    if (e instanceof PyError && e.kind === 'type') throw new PyError('type', `cannot unpack non-iterable ${typeName(v)} object`);
    throw e;
  }
  if (items.length !== target.length) throw notRead(`which unpacks ${items.length} values into ${target.length} names (a ValueError bdm-lab does not word)`);
  target.forEach((name, k) => into.set(name, items[k]));
}

/** ansible_eval_concat: one node's string as it is (a NativeJinjaText: never a literal), else the text (a Python literal when it reads as one) */
function concat(s: string, pieces: number, values: unknown[], task: TaskState): unknown {
  let out: unknown;
  const only = values.length === 1 && pieces === 1 ? values[0] : undefined;
  if (only instanceof PyText && (only.cls === 'NativeJinjaText' || only.cls === 'omit')) out = only;
  else {
    let length = 0;
    const texts = values.map((v) => {
      const t = v instanceof Undef ? '' : pyStr(v, task.budget);
      length += t.length;
      if (length > MAX_RENDERED) throw new Unresolved(s, 'which renders to more text than bdm-lab reads');
      return t;
    });
    spend(task.budget, length);
    const joined = texts.join('');
    out = values.length === 1 && isStr(values[0]) ? values[0] : joined;
    if (joined.startsWith('[') || joined.startsWith('{') || joined === 'True' || joined === 'False') {
      const lit = pyLiteral(joined);
      if (lit === 'unread') throw new Unresolved(s, `which renders to \`${joined.length > 80 ? `${joined.slice(0, 80)}…` : joined}\`, a Python literal to Ansible, of a form bdm-lab does not read`);
      if (lit !== 'fail') out = lit.value;
    }
  }
  if (isStr(out)) {
    const t = out instanceof PyText ? out.s : out;
    const missing = trailingNewlines(s) - trailingNewlines(t);
    if (missing > 0) out = t + '\n'.repeat(missing);
  }
  return out;
}

/** Templar.template on a value (its strings rendered, lists and dicts item by item), as Python objects */
function renderValue(v: unknown, scopes: Vars[], notes: RenderNotes, depth: number): unknown {
  if (depth > MAX_RENDER_DEPTH) throw new Unresolved(SELF_REFERENCE);
  if (typeof v === 'string') return renderString(v, scopes, notes, depth);
  if (Array.isArray(v)) return v.map((x) => renderValue(x, scopes, notes, depth));
  if (isDict(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = renderValue(x, scopes, notes, depth);
    keepMarks(v, o);
    return o;
  }
  return v;
}

/**
 * A template a string of which has a backslash before its quote, as Ansible reads it: _escape_backslashes
 * doubles each backslash of each string Jinja's lexer finds in `{{ }}`, so the quote ends the string
 * when Jinja reads the doubled text (a syntax error there is thrown: a JinjaSyntaxError). Null where
 * bdm-lab does not read it.
 */
function escapedQuotes(src: string): Piece[] | null {
  const doubled = backslashesDoubled(src);
  if (doubled === null || doubled === src) return null;
  return parseTemplate(doubled, true, true);
}

/**
 * _escape_backslashes: the template with each backslash of a string literal inside `{{ }}` doubled
 * (the text outside is kept); null where bdm-lab does not rebuild it (a backslash it does not place:
 * one outside a string inside `{{ }}`, or an unclosed string or expression)
 */
function backslashesDoubled(s: string): string | null {
  if (!s.includes('\\') || !s.includes('{{')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('{{', i);
    if (open < 0) { out += s.slice(i); break; }
    out += s.slice(i, open + 2);
    let j = open + 2;
    let depth = 0;
    for (;;) {
      const c = s[j];
      if (c === undefined) return null;
      if (c === "'" || c === '"') {
        let k = j + 1;
        while (s[k] !== undefined && s[k] !== c) k += s[k] === '\\' ? 2 : 1;
        if (s[k] !== c) return null;
        out += s.slice(j, k + 1).replace(/\\/g, '\\\\');
        j = k + 1;
        continue;
      }
      if (c === '\\') return null;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
      else if (c === '}') {
        if (depth === 0 && s[j + 1] === '}') { out += '}}'; j += 2; break; }
        if (depth > 0) depth--;
      }
      out += c;
      j++;
    }
    i = j;
  }
  return out;
}

/** a rendered value as the module gets it (JSON): every string a plain one; `dates`: a date kept (a loop's items, which stay Python values) */
function plain(v: unknown, depth = 0, dates = false): unknown {
  if (v instanceof PyText) return v.s;
  if (v instanceof PyDate) return dates ? v : v.iso;
  if (depth > 400) throw notRead('which nests deeper than bdm-lab reads');
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1, dates));
  if (v instanceof PyTuple) return v.items.map((x) => plain(x, depth + 1, dates));
  if (isDict(v)) {
    const o: Record<string, unknown> = {};
    const odd = NON_STR_KEYS.get(v);
    const order = KEY_ORDER.get(v);
    const keys: string[] = [];
    for (const k of order ?? Object.keys(v)) {
      const key = odd?.has(k) ? jsonKey(odd.get(k)) : k;
      if (!Object.prototype.hasOwnProperty.call(o, key)) keys.push(key);
      o[key] = plain(v[k], depth + 1, dates);
    }
    // (JSON's keys in Python's order, where JavaScript's differs)
    const held = Object.keys(o);
    if (order || keys.some((k, i) => held[i] !== k)) KEY_ORDER.set(o, keys);
    return o;
  }
  return v;
}

/** json.dumps's text for a dict key that is no string (True is "true", None "null", inf "Infinity"); a date key it refuses */
function jsonKey(k: unknown): string {
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k instanceof PyFloat) return Number.isNaN(k.value) ? 'NaN' : k.value === Infinity ? 'Infinity' : k.value === -Infinity ? '-Infinity' : String(k);
  if (k instanceof PyDate || k instanceof PyRange) throw notRead(`which passes the module a mapping with a ${k instanceof PyDate ? 'date' : 'range'} as a key (JSON keys must be str, int, float, bool or None)`);
  return String(k);
}

/**
 * The rendered value; throws Unresolved for what a file alone cannot tell, TemplateError where
 * Ansible fails the task (Task.post_validate words an undefined value; other errors keep theirs).
 */
export function render(v: unknown, scopes: Vars[], notes: RenderNotes = { defaulted: [] }, keepDates = false): unknown {
  try {
    return plain(renderValue(v, scopes, notes, 0), 0, keepDates);
  } catch (e) {
    if (e instanceof PyError && e.kind === 'ansible-undefined') throw new TemplateError(`The task includes an option with an undefined variable. The error was: ${e.message}`, true);
    if (e instanceof PyError && e.kind === 'ansible') throw new TemplateError(e.message);
    if (e instanceof PyError && e.kind === 'exc') throw new TemplateRaised(e.cls, e.message);
    if (e instanceof PyError) throw new Unresolved('', 'which Ansible refuses with an error bdm-lab does not word');
    if (e instanceof Unresolved && !e.expression) throw new Unresolved(typeof v === 'string' ? v : JSON.stringify(v), e.why, e.undefinedName);
    throw e;
  }
}

/**
 * Conditional._check_conditional when its template fails on an undefined variable by name: the
 * condition's text searched, left to right and each search after the last match, for
 * `WORD is defined`, `WORD is not defined`, `WORD not is undefined`, ...; the first whose word is the
 * variable decides (false where the test says the variable should exist, true where it should not);
 * null when none does (the task fails). Words are scanned one by one, so the search is linear.
 */
function definedTestOf(cond: string, name: string): boolean | null {
  const word = /[\p{L}\p{N}_]+/gu;
  for (let m = word.exec(cond); m; m = word.exec(cond)) {
    const t = definedTestAt(cond, m.index + m[0].length);
    if (!t) continue;
    word.lastIndex = t.end;
    if (m[0] !== name) continue;
    const shouldExist = t.negated !== t.defined;
    return !shouldExist;
  }
  return null;
}

/**
 * `\s+(not\s+is|is|is\s+not)\s+(defined|undefined)` at `i`, read by hand (a white-space run is
 * followed by a letter, so its greedy reading is the only one): where it ends, whether `not` is in
 * it and whether it tests `defined`
 */
function definedTestAt(s: string, i: number): { end: number; negated: boolean; defined: boolean } | null {
  const spaces = (k: number): number => {
    let j = k;
    while (j < s.length && isPySpace(s.charCodeAt(j))) j++;
    return j > k ? j : -1;
  };
  const state = (k: number, negated: boolean) => {
    const j = spaces(k);
    if (j < 0) return null;
    if (s.startsWith('defined', j)) return { end: j + 7, negated, defined: true };
    if (s.startsWith('undefined', j)) return { end: j + 9, negated, defined: false };
    return null;
  };
  const j = spaces(i);
  if (j < 0) return null;
  if (s.startsWith('not', j)) {
    const k = spaces(j + 3);
    if (k >= 0 && s.startsWith('is', k)) {
      const r = state(k + 2, true);
      if (r) return r;
    }
  }
  if (!s.startsWith('is', j)) return null;
  const plain = state(j + 2, false);
  if (plain) return plain;
  const k = spaces(j + 2);
  return k >= 0 && s.startsWith('not', k) ? state(k + 3, true) : null;
}

/**
 * A `when:` condition as Conditional.evaluate_conditional decides it (ansible-core 2.14): null or
 * '' is true, a bool itself; anything else is rendered first (a text holding `{{ }}`, a number, a
 * list, a mapping): what is no text then, or '', is tested by its truth, and a text is the test of
 * `{% if text %}` over the task's variables (a comma at its top makes a tuple, which is true unless
 * empty). Throws Unresolved where bdm-lab does not decide it: a rendering that is not decided or
 * fails (its words are not written here), an expression it does not read, a variable the file does
 * not define (the inventory, facts or extra vars may); an error fails the task (TemplateError) in
 * Conditional's words where bdm-lab writes them.
 */
export function condition(v: unknown, scopes: Vars[]): boolean {
  if (v === null || v === '') return true;
  if (typeof v === 'boolean') return v;
  const why = (w: string) => new Unresolved(typeof v === 'string' ? v : JSON.stringify(v) ?? '', w);
  if (v === undefined) throw why('a condition that is not a text, which bdm-lab does not evaluate');
  if (typeof v === 'string' && !/[{}]{2}|{%|{#/.test(v)) return conditionText(v, v, scopes);
  // Conditional._check_conditional renders the condition first (as any task value, Templar's
  // literal conversion included; a number, list or mapping with its items): a value that is no
  // text, or is '', is the condition (its truth); a text is then tested as the condition is; the
  // errors name the condition as written
  const notes: RenderNotes = { defaulted: [] };
  let rendered: unknown;
  try {
    rendered = render(v, scopes, notes, true);
  } catch (e) {
    if (e instanceof Unresolved || e instanceof TemplateError || e instanceof TemplateRaised) throw why(typeof v === 'string' ? 'a condition holding Jinja delimiters, which Ansible renders before it tests it, and bdm-lab does not render here' : 'a condition that is not a text, which bdm-lab does not render here');
    throw e;
  }
  if (notes.defaulted.length) throw why('which tests a variable this file does not define');
  if (typeof rendered !== 'string' || rendered === '') return truthy(rendered);
  if (/{{|{%|{#/.test(rendered)) throw why('a condition whose rendered text holds Jinja delimiters again');
  return conditionText(rendered, typeof v === 'string' ? v : rendered, scopes);
}

/** the test of `{% if <text> %}` (`original`: the condition as written, which Conditional's words name) */
function conditionText(v: string, original: string, scopes: Vars[]): boolean {
  const why = (w: string) => new Unresolved(original, w);
  // (Ansible renders it as `{% if <condition> %}`: Jinja reads its strings' backslashes itself)
  let pieces: Piece[] | null;
  try {
    pieces = parseTemplate(`{{ ${v} }}`, true, true, 'end of statement block');
  } catch (e) {
    if (!(e instanceof JinjaSyntaxError)) throw e;
    // Templar on `{% if <condition> %} ...`: a lexer's offset counts from there (3 more than from `{{ `)
    const m = e.message.replace(/^(unexpected char .* at )(\d+)$/, (_x, head: string, at: string) => `${head}${Number(at) + 3}`);
    throw new TemplateError(`The conditional check '${original}' failed. The error was: template error while templating string: ${m}. String: {% if ${v} %} True {% else %} False {% endif %}. ${m}`);
  }
  const one = pieces?.length === 1 ? pieces[0]! : null;
  if (!one || !('expr' in one)) throw why('a condition written in Jinja that bdm-lab does not read');
  const task = taskRender(scopes);
  let defaulted = false;
  const notes: RenderNotes = { defaulted: [] };
  const c: Ctx = { scopes, notes, depth: 0, task, filters: { budget: task.budget, defaulted: () => { defaulted = true; }, getitem } };
  let value: boolean;
  try {
    value = truthy(evaluate(one.expr, c, true));
  } catch (e) {
    if (e instanceof Unresolved && e.expression === SELF_REFERENCE && !e.undefinedName) throw why(SELF_REFERENCE_CONDITION);
    if (e instanceof Unresolved) throw why(e.undefinedName ? `which tests \`${e.undefinedName}\`, a variable this file does not define` : e.why ?? 'a condition bdm-lab does not evaluate');
    // an undefined value that is not a variable by name (an attribute a value lacks): Conditional
    // finds no `is defined` test for it and fails the task (playbook/conditional.py)
    if (e instanceof PyError && e.kind === 'undefined') {
      // a variable undefined by name: a `NAME is [not] defined|undefined` test of it in the text decides the condition
      const named = /^'([\p{L}\p{N}_]+)' is undefined$/u.exec(e.message);
      if (named) {
        if (original.includes('hostvars[')) throw why('a condition that tests hostvars, which bdm-lab does not read');
        const decided = definedTestOf(original, named[1]!);
        if (decided !== null) return decided;
      } else if (/' is undefined/.test(e.message)) throw why('a condition Ansible fails the task on, in words bdm-lab does not write');
      throw new TemplateError(`The conditional check '${original}' failed. The error was: error while evaluating conditional (${original}): ${e.message}. ${e.message}`);
    }
    // Conditional.evaluate_conditional: any exception fails the task, its str() after the condition
    const failed = (words: string) => new TemplateError(`The conditional check '${original}' failed. The error was: ${words}`);
    // Templar words a TypeError with the template it rendered, `{% if <condition> %} True {% else %} False {% endif %}`
    // (no `{{` in it: its backslashes are not doubled; an undefined value named otherwise: not written here)
    if (e instanceof PyError && e.kind === 'type' && !e.message.includes('AnsibleUndefined')) {
      throw failed(`Unexpected templating type error occurred on ({% if ${v} %} True {% else %} False {% endif %}): ${e.message}. ${e.message}`);
    }
    if (e instanceof PyError && (e.kind === 'exc' || e.kind === 'ansible')) throw failed(e.message);
    if (e instanceof PyError) throw why('a condition Ansible fails the task on, in words bdm-lab does not write');
    throw e;
  }
  // a variable the file does not define: the inventory, facts or extra vars may define it
  if (defaulted || notes.defaulted.length) throw why('which tests a variable this file does not define');
  return value;
}
