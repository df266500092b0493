/**
 * The Jinja filters and tests bdm-lab applies while it renders `{{ }}` (template.ts), each as
 * ansible-core 2.14 runs it under Jinja2 3.1: Jinja's own `int` (its fallback through float and
 * its default), `float`, `string`, `lower`, `upper`, `trim`, `length`/`count`, `first`, `last`,
 * `join`, `replace`, `list`, `default`/`d`; Ansible's `bool`, `to_json`, `ternary`, `mandatory`,
 * `quote` (also under `ansible.builtin.`, where `to_json` is not kept a string); the filters over
 * collections in collections.ts (`dict2items`, `items2dict`, `combine`, `unique`, `sort`, `round`,
 * `map`, `select`, `reject`, `selectattr`, `rejectattr`), `zip` and `product` (their tuples made a
 * list), a view a filter returns made a list; from
 * pyextra.ts `sum`, `abs`, `min`, `max`, `from_json`, `b64encode`, `b64decode`, `regex_replace`,
 * `regex_search`, `regex_findall`, `regex_escape`, `pow`; Jinja's `batch`, `slice`, `title`,
 * `wordcount`, `center`; Ansible's `combinations`, `from_yaml`, `from_yaml_all`, `union`,
 * `intersect`, `difference`, `symmetric_difference` (of two lists), `extract`, `human_to_bytes`,
 * `random` where its value is certain, `type_debug`, `log` and `root` (pyextra.ts), `hash`, `md5`,
 * `checksum`, `splitext`, `zip_longest`, `to_nice_json`, `to_yaml` and `to_nice_yaml` (PyYAML's
 * dump where bdm-lab follows its layout); Jinja's `truncate`, `indent` and `groupby`; the tests `defined`, `undefined`, `none`, `true`, `false`, `boolean`, `integer`,
 * `float`, `number`, `string`, `mapping`, `iterable`, `odd`, `even`, `divisibleby`, `match`, `search`, `regex`,
 * and the comparing ones with one argument (`eq`/`equalto`/`==`, `ne`, `lt`, `le`, `gt`, `ge` and
 * their aliases, `in`), and `version`/`version_compare` (loose, strict, semver). Facts: jinja2/filters.py, jinja2/tests.py,
 * ansible/plugins/filter/core.py, ansible/template/__init__.py (JinjaPluginIntercept: the
 * STRING_TYPE_FILTERS `string` and `to_json` return a NativeJinjaText, which the templating never
 * reads as a Python literal); labelled by test/fixtures/ansible/jinja_label.py. Anything else
 * (another filter, a keyword bdm-lab does not bind, an argument count Python refuses) is left
 * unresolved.
 */
import { PyDate, PyFloat, yamlLoad } from './tasks';
import { numberText, pyFloatParse, pyIntParse, stripSet } from './pynumber';
import { isPySpace, pyStrip } from '../../text/pySpace';
import { hexDigestOf } from '../heat/hashes';
import { pyFloat } from '../../parse/pyrepr';
import { jsonQuery } from './jmespath';
import { b64decode, b64encode, jsonLoads, mathLog, mathPow, mathRoot, percentFormat, strMethod, regexEscape, regexFindall, regexReplace, regexSearch, regexTest } from './pyextra';
import { attrGetter, combine, dict2items, flatten, groupby, items2dict, map, round, selectOrReject, sort, subelementsFilter, unique, type CollectionContext } from './collections';
import {
  changing, codePoints, KEY_ORDER, NON_STR_KEYS, pyArith, int, isDict, pyEq, pyIn, pyOrder, PyTuple, PyView, pyKey, isNum, isStr, keysOf, numOf, PyError, pyRaise, pyIter, pyLen, PyObj, pyStr, PyText, spend, text, truthy, typeName, Undef, UNKNOWN_KEYS, Unresolved, type Budget,
} from './pyvalue';

export interface FilterContext {
  budget: Budget;
  /** Jinja's environment.getitem (the attribute getter of map, sort, unique...) */
  getitem: (obj: unknown, key: unknown) => unknown;
  /** `default` took over from an undefined value */
  defaulted: (u: Undef) => void;
}

const notRead = (why: string) => new Unresolved('', why);

/** Python's int() of a float: truncation; NaN is a ValueError (null), an infinity an OverflowError */
function truncate(f: number): number | null {
  if (Number.isNaN(f)) return null;
  if (!Number.isFinite(f)) throw pyRaise('OverflowError', 'cannot convert float infinity to integer');
  return int(Math.trunc(f));
}

/** jinja2 do_int */
function doInt(v: unknown, dflt: unknown, base: unknown): unknown {
  if (v instanceof Undef) v.fail();
  if (isStr(v)) {
    const t = numberText(text(v));
    if (base instanceof Undef && base.cause) throw base.cause;
    // int(value, base); a base that is not an int is a TypeError, caught like the ValueError
    if (typeof base === 'number' || typeof base === 'boolean') {
      const r = pyIntParse(t, Number(base));
      if (r !== null) return int(r);
    }
    const f = pyFloatParse(t);
    if (f === null) return dflt;
    const n = truncate(f);
    return n === null ? dflt : n;
  }
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) {
    const n = truncate(v.value);
    return n === null ? dflt : n;
  }
  return dflt;
}

/** jinja2 do_float */
function doFloat(v: unknown, dflt: unknown): unknown {
  if (v instanceof Undef) v.fail();
  if (isStr(v)) {
    const t = numberText(text(v));
    const f = pyFloatParse(t);
    return f === null ? dflt : new PyFloat(f);
  }
  if (isNum(v)) return v instanceof PyFloat ? v : new PyFloat(numOf(v));
  return dflt;
}

/** ansible's to_bool */
function toBool(v: unknown): unknown {
  if (v === null || typeof v === 'boolean') return v;
  // `a in (...)`: each == raises for an AnsibleUndefined, is false for Jinja's plain Undefined
  if (v instanceof Undef) { if (v.plain && !v.cause) return false; v.fail(); }
  if (isStr(v)) return ['yes', 'on', '1', 'true'].includes(asciiLower(text(v)));
  // `a in (..., 1)`: equal to 1 (True, 1.0 too)
  return isNum(v) && numOf(v) === 1;
}

function asciiLower(s: string): string {
  // str.lower() beyond ASCII is Unicode's; none of those reaches the ASCII words compared here but through ASCII
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** str.lower()/upper() of a text bdm-lab computes as Python does: ASCII */
function changeCase(s: string, upper: boolean): string {
  if (!/^[\x00-\x7f]*$/.test(s)) throw notRead(`which changes the case of a text with characters beyond ASCII (Python's Unicode tables, not read here)`);
  return upper ? s.toUpperCase() : s.toLowerCase();
}


/** json.dumps's text for a dict key (True is "true", None "null", inf "Infinity"; a date key is its TypeError) */
function jsonKeyText(k: unknown, st: JsonStyle): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k instanceof PyFloat) return jsonFloat(k.value, st) ?? String(k);
  if (typeof k === 'number') return String(k);
  throw new PyError('type', `keys must be str, int, float, bool or None, not ${k instanceof PyDate ? k.cls : typeName(k)}`);
}

/** json.dumps's layout: indent (null: one line), the separators, sort_keys, ensure_ascii */
interface JsonStyle {
  indent: string | null; item: string; key: string; sort: boolean; ascii: boolean;
  /** an indent that is neither an int nor a str: its type (the encoder fails on it, unless the value is a str) */
  indentType?: string;
  /** allow_nan false: a NaN or an infinity is json's ValueError */
  noNan?: boolean;
  /** a `default` given (not None): its type; the encoder calls it for a value it cannot write (a date too: it replaces AnsibleJSONEncoder.default) */
  defaultType?: string;
  /** skipkeys: a key that is not a str, int, float, bool or None would be left out (not read here) */
  skipKeys?: boolean;
  /** plain json.dumps with `default=str` (jmespath's to_string): a value it does not write natively is not followed */
  strDefault?: boolean;
}

/** json's text of a float that is not finite (null: a finite one), or its ValueError when allow_nan is false */
function jsonFloat(f: number, st: JsonStyle): string | null {
  if (Number.isFinite(f)) return null;
  if (st.noNan) throw pyRaise('ValueError', 'Out of range float values are not JSON compliant');
  return Number.isNaN(f) ? 'NaN' : f > 0 ? 'Infinity' : '-Infinity';
}

/** what json.dumps does with a value it cannot write: the `default` given is called (it is no callable), else AnsibleJSONEncoder's own */
function notCallable(st: JsonStyle): void {
  if (st.defaultType) throw new PyError('type', `'${st.defaultType}' object is not callable`);
}
const DUMPS: JsonStyle = { indent: null, item: ', ', key: ': ', sort: false, ascii: true };

/** Python's json.dumps (by default: ensure_ascii, `, ` and `: `), the encoder Ansible's to_json uses */
function toJson(v: unknown, out: string[], b: Budget, depth: number, st: JsonStyle = DUMPS): void {
  if (depth > 400) throw notRead('which nests deeper than bdm-lab reads');
  let t: string;
  if (v instanceof Undef) {
    if (st.defaultType) throw notRead('which gives to_json a `default` and an undefined value');
    if (v.plain && !v.cause) throw new PyError('type', 'Object of type Undefined is not JSON serializable');
    return v.fail();
  }
  if (st.strDefault && (v instanceof PyDate || v instanceof PyObj || v instanceof PyView)) throw notRead('which writes as JSON a value plain json.dumps gives to str()');
  if (isStr(v)) t = jsonString(text(v), st.ascii);
  else if (v === null) t = 'null';
  else if (typeof v === 'boolean') t = v ? 'true' : 'false';
  else if (typeof v === 'number') t = String(v);
  else if (v instanceof PyFloat) t = jsonFloat(v.value, st) ?? pyFloat(v.value);
  else if (v instanceof PyView) { notCallable(st); throw new PyError('type', `Object of type ${v.cls} is not JSON serializable`); }
  else if (Array.isArray(v) || v instanceof PyTuple) {
    const items: unknown[] = Array.isArray(v) ? v : v.items;
    if (!items.length) { out.push('[]'); spend(b, 2); return; }
    const [open, sep, close] = layout(st, depth, b, items.length);
    out.push('[', open);
    items.forEach((x, i) => { if (i) out.push(sep); toJson(x, out, b, depth + 1, st); });
    out.push(close, ']');
    return;
  } else if (isDict(v)) {
    let keys = keysOf(v);
    if (!keys.length) { out.push('{}'); spend(b, 2); return; }
    if (st.sort) {
      // sorted(dct.items()): str keys by code point (a key past U+D7FF: JavaScript's order of UTF-16 units differs), numbers by value
      const pks = keys.map((k) => pyKey(v, k));
      if (UNKNOWN_KEYS.has(v)) throw notRead('which sorts keys bdm-lab does not hold apart');
      if (pks.every((k) => isNum(k))) keys = keys.map((k, i) => [k, numOf(pks[i]!)] as const).sort((a, b) => a[1] - b[1]).map(([k]) => k);
      else if (pks.every((k) => isStr(k)) && !keys.some((k) => /[\ud800-\uffff]/.test(k))) keys = [...keys].sort();
      else throw notRead('which sorts keys bdm-lab does not order as Python does');
    }
    const [open, sep, close] = layout(st, depth, b, keys.length);
    out.push('{', open);
    keys.forEach((k, i) => {
      if (i) out.push(sep);
      const pk = pyKey(v, k);
      if (st.skipKeys && !(isStr(pk) || pk === null || typeof pk === 'boolean' || typeof pk === 'number' || pk instanceof PyFloat)) throw notRead('which leaves out keys json.dumps does not write (skipkeys)');
      const key = jsonString(jsonKeyText(pk, st), st.ascii) + st.key;
      spend(b, key.length + 2);
      out.push(key);
      toJson(v[k], out, b, depth + 1, st);
    });
    out.push(close, '}');
    return;
  } else if (v instanceof PyDate) { notCallable(st); t = jsonString(v.iso); } // AnsibleJSONEncoder: a date or datetime as its isoformat()
  else if (v instanceof PyObj) { notCallable(st); throw new PyError('type', `Object of type ${v.cls.slice('datetime.'.length)} is not JSON serializable`); }
  else throw notRead('which writes a value bdm-lab does not know as JSON');
  spend(b, t.length);
  out.push(t);
}

/** what opens a container's items, separates them and closes them (_make_iterencode: a line and the indent of each level when indenting) */
function layout(st: JsonStyle, depth: number, b: Budget, n: number): [string, string, string] {
  if (st.indentType) throw new PyError('type', `can't multiply sequence by non-int of type '${st.indentType}'`);
  if (st.indent === null) { spend(b, n * st.item.length + 2); return ['', st.item, '']; }
  // (the text is counted before it is made: an indent of thousands of characters at every level)
  spend(b, (n + 1) * (st.item.length + 1 + st.indent.length * (depth + 1)));
  const inner = '\n' + st.indent.repeat(depth + 1);
  return [inner, st.item + inner, '\n' + st.indent.repeat(depth)];
}

/**
 * to_json's keywords, as json.dumps takes them: indent (an int: that many spaces, a str: itself),
 * separators (two str), sort_keys, ensure_ascii, allow_nan, default (no callable can be written in a
 * template: it fails where it is called), check_circular (no value bdm-lab holds is circular),
 * skipkeys, and AnsibleJSONEncoder's preprocess_unsafe and vault_to_text (no unsafe or vaulted value
 * here); `cls` is given twice (Ansible passes its own). The default separators are `,` and `: ` when
 * it indents.
 */
function toJsonStyle(args: unknown[], kwargs: Array<[string, unknown]>): JsonStyle {
  // json.dumps(a, cls=AnsibleJSONEncoder, *args, **kw): a second cls is refused where the call is made
  if (kwargs.some(([k]) => k === 'cls')) throw new PyError('type', "json.dumps() got multiple values for keyword argument 'cls'");
  // dumps(obj, *, ...): Ansible passes cls=AnsibleJSONEncoder, a keyword-only argument, with the given ones
  if (args.length) {
    const kwonly = 1 + kwargs.filter(([k]) => DUMPS_KWONLY.has(k)).length;
    throw new PyError('type', `dumps() takes 1 positional argument but ${args.length + 1} positional arguments (and ${kwonly} keyword-only argument${kwonly > 1 ? 's' : ''}) were given`);
  }
  let indentType: string | undefined;
  let indent: string | null = null;
  let seps: [string, string] | null = null;
  let sort = false;
  let ascii = true;
  const more: Pick<JsonStyle, 'noNan' | 'defaultType' | 'skipKeys'> = {};
  for (const [k, x] of kwargs) {
    if (k === 'indent') {
      if (x === null) indent = null;
      else if (isStr(x)) indent = text(x);
      else if (typeof x === 'number' || typeof x === 'boolean') {
        const n = Number(x);
        if (n > 10_000) throw notRead('which indents by more spaces than bdm-lab writes');
        indent = ' '.repeat(Math.max(0, n));
      } else if (x instanceof PyFloat || Array.isArray(x) || isDict(x) || x instanceof PyTuple) { indentType = typeName(x); indent = ''; }
      else throw notRead('which indents by a value that is neither an int nor a str');
    } else if (k === 'separators') {
      const items = Array.isArray(x) ? x : x instanceof PyTuple ? x.items : null;
      if (x === null) seps = null;
      else if (items && items.length === 2 && items.every(isStr)) seps = [text(items[0] as string | PyText), text(items[1] as string | PyText)];
      else throw notRead('which gives to_json separators that are not two str');
    } else if (k === 'sort_keys') sort = truthy(x);
    else if (k === 'ensure_ascii') ascii = truthy(x);
    else if (k === 'allow_nan') more.noNan = !truthy(x);
    else if (k === 'skipkeys') more.skipKeys = truthy(x);
    else if (k === 'default') {
      if (x instanceof Undef || x instanceof PyObj) throw notRead('which gives to_json a `default` bdm-lab does not call');
      if (x !== null) more.defaultType = typeName(x);
      else delete more.defaultType;
    } else if (k === 'check_circular' || k === 'preprocess_unsafe' || k === 'vault_to_text') continue;
    else if (DUMPS_KWONLY.has(k)) throw notRead(`which gives to_json the keyword \`${k}\`, which bdm-lab does not read`);
    // the others reach JSONEncoder.__init__ (AnsibleJSONEncoder takes two of its own)
    else throw new PyError('type', `JSONEncoder.__init__() got an unexpected keyword argument '${k}'`);
  }
  if (indent !== null && indent.length > 10_000) throw notRead('which indents by more text than bdm-lab writes');
  const [item, key] = seps ?? [indent === null ? ', ' : ',', ': '];
  return { indent, item, key, sort, ascii, indentType, ...more };
}

/** json.dumps's keyword-only parameters */
const DUMPS_KWONLY = new Set(['skipkeys', 'ensure_ascii', 'check_circular', 'allow_nan', 'cls', 'indent', 'separators', 'default', 'sort_keys']);

const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
function jsonString(s: string, ascii = true): string {
  const esc = (c: string) => JSON_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  // every UTF-16 unit outside printable ASCII as \uXXXX (a pair as its two halves), as ensure_ascii writes it;
  // without it only the quote, the backslash and the control characters below U+0020
  return '"' + (ascii ? s.replace(/[^ -~]|["\\]/g, esc) : s.replace(/[\x00-\x1f"\\]/g, esc)) + '"';
}

/** shlex.quote */
function shellQuote(s: string): string {
  if (!s) return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(s)) return s;
  return "'" + s.split("'").join(`'"'"'`) + "'";
}

/** str.replace(old, new, count) over code points */
export function replaceText(s: string, old: string, by: string, count: number, b: Budget): string {
  const limit = count < 0 ? Infinity : count;
  if (old === '') {
    const cps = codePoints(s);
    const n = Math.min(limit, cps.length + 1);
    spend(b, s.length + n * by.length);
    let out = '';
    for (let i = 0; i < cps.length; i++) out += (i < n ? by : '') + cps[i];
    return n > cps.length ? out + by : out;
  }
  const parts: string[] = [];
  let from = 0;
  let done = 0;
  while (done < limit) {
    const at = s.indexOf(old, from);
    if (at < 0) break;
    parts.push(s.slice(from, at));
    from = at + old.length;
    done++;
  }
  parts.push(s.slice(from));
  spend(b, s.length + done * by.length);
  return parts.join(by);
}

interface FilterDef {
  params: string[];
  /** the arguments as given (the filter binds them itself) */
  raw?: (v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext) => unknown;
  /** how many parameters must be given (Python's TypeError otherwise: not read, unless `pyName`) */
  required?: number;
  /** the Python function's name when its signature is `name(value, *params)` (no hidden leading argument): a binding it refuses is its TypeError, in CPython 3.11's words */
  pyName?: string;
  fn: (v: unknown, a: unknown[], c: FilterContext) => unknown;
}

const given = (a: unknown[], i: number, dflt: unknown): unknown => (a[i] === undefined ? dflt : a[i]);
const nat = (s: string) => new PyText(s, 'NativeJinjaText');

function jsonOf(v: unknown, b: Budget, st: JsonStyle = DUMPS): string {
  // JSONEncoder.encode writes a str at once; anything else goes through _make_iterencode, which multiplies ' ' by the indent first
  if (st.indentType && !isStr(v) && !(v instanceof Undef)) throw new PyError('type', `can't multiply sequence by non-int of type '${st.indentType}'`);
  const out: string[] = [];
  toJson(v, out, b, 0, st);
  return out.join('');
}

function mandatory(v: unknown, a: unknown[], c: FilterContext): unknown {
  if (!(v instanceof Undef)) return v;
  if (v.cause) throw v.cause;
  const msg = given(a, 0, null);
  if (msg !== null) throw new PyError('ansible', pyStr(msg, c.budget), 'ansible.errors.AnsibleFilterError');
  const name = v.name === null ? '' : `'${isStr(v.name) ? text(v.name) : pyStr(v.name, c.budget)}' `;
  throw new PyError('ansible', `Mandatory variable ${name} not defined.`, 'ansible.errors.AnsibleFilterError');
}

function ternary(v: unknown, a: unknown[]): unknown {
  const noneVal = given(a, 2, null);
  if (v === null && noneVal !== null) return noneVal;
  return truthy(v) ? a[0] : a[1];
}

function defaultFilter(v: unknown, a: unknown[], c: FilterContext): unknown {
  const boolean = given(a, 1, false);
  if (v instanceof Undef) {
    c.defaulted(v);
    return given(a, 0, '');
  }
  return truthy(boolean) && !truthy(v) ? given(a, 0, '') : v;
}

/** a count a filter takes (an int or a bool, as Python compares and multiplies them); another is not read */
function countArg(name: string, n: unknown): number {
  if (n instanceof Undef) n.fail();
  if (typeof n !== 'number' && typeof n !== 'boolean') throw notRead(`which gives the filter \`${name}\` a count that is not an int`);
  return Number(n);
}

/** jinja2 do_batch: lists of `n` items in order (a last shorter one filled with `fill` when given; n = 0 starts with an empty one), a list (Ansible unrolls the generator) */
function batch(v: unknown, a: unknown[], c: FilterContext): unknown[][] {
  const n = countArg('batch', a[0]);
  const fill = given(a, 1, null);
  const out: unknown[][] = [];
  let tmp: unknown[] = [];
  for (const item of pyIter(v, c.budget)) {
    spend(c.budget, 1);
    if (tmp.length === n) { out.push(tmp); tmp = []; }
    tmp.push(item);
  }
  if (tmp.length) {
    if (fill !== null && tmp.length < n) { spend(c.budget, n - tmp.length); while (tmp.length < n) tmp.push(fill); }
    out.push(tmp);
  }
  return out;
}

/** jinja2 do_slice: `n` lists, the first `len % n` one item longer (the others filled with `fill` when given); n = 0 is Python's ZeroDivisionError */
function sliceFilter(v: unknown, a: unknown[], c: FilterContext): unknown[][] {
  const n = countArg('slice', a[0]);
  const fill = given(a, 1, null);
  const seq = pyIter(v, c.budget);
  if (n === 0) throw pyRaise('ZeroDivisionError', 'integer division or modulo by zero');
  const per = Math.floor(seq.length / n);
  const extra = seq.length - per * n;
  const out: unknown[][] = [];
  let offset = 0;
  for (let k = 0; k < n; k++) {
    const start = offset + k * per;
    if (k < extra) offset++;
    const end = offset + (k + 1) * per;
    const part = seq.slice(start, Math.max(start, end));
    spend(c.budget, 1 + part.length);
    if (fill !== null && k >= extra) part.push(fill);
    out.push(part);
  }
  return out;
}

/** itertools.combinations (Ansible's `combinations`): the tuples of `r` items in order of their places, a list (Ansible unrolls the iterator) */
function combinations(v: unknown, a: unknown[], c: FilterContext): PyTuple[] {
  const r = a[0];
  if (r instanceof Undef) r.fail();
  if ((typeof r !== 'number' || !Number.isInteger(r)) && typeof r !== 'boolean') throw new PyError('type', `'${typeName(r)}' object cannot be interpreted as an integer`);
  const k = Number(r);
  if (k < 0) throw pyRaise('ValueError', 'r must be non-negative');
  const pool = pyIter(v, c.budget);
  const out: PyTuple[] = [];
  if (k > pool.length) return out;
  // the places of the current tuple, advanced as itertools does (the rightmost that can move)
  const at = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    spend(c.budget, 1 + k);
    out.push(new PyTuple(at.map((i) => pool[i])));
    let i = k - 1;
    while (i >= 0 && at[i] === i + pool.length - k) i--;
    if (i < 0) return out;
    at[i]!++;
    for (let j = i + 1; j < k; j++) at[j] = at[j - 1]! + 1;
  }
}

/**
 * Ansible's `random` where its result is certain: a sequence of one item gives it; an int `end`
 * gives randrange(start, end, step) (start 0 and step 1 when not given or 0) where that range
 * holds one number; an empty sequence or range is Python's IndexError or ValueError. Anything else
 * is picked at random while the task runs: not known here.
 */
function randomFilter(v: unknown, a: unknown[]): unknown {
  const [start, step] = [given(a, 0, null), given(a, 1, null)];
  for (const x of [v, ...a]) if (x instanceof Undef) x.fail();
  const unknown = () => notRead('which uses the filter `random`, whose value is picked at random while the task runs');
  if (typeof v === 'number' || typeof v === 'boolean') {
    const from = truthy(start) ? start : 0;
    const by = truthy(step) ? step : 1;
    if (typeof from !== 'number' || typeof by !== 'number') throw unknown();
    const end = Number(v);
    const count = by > 0 ? Math.ceil((end - from) / by) : Math.ceil((from - end) / -by);
    if (count === 1) return from;
    // (none: randrange's ValueError, with the range when the step is 1)
    if (count <= 0) throw pyRaise('ValueError', by === 1 ? `empty range for randrange() (${from}, ${end}, ${end - from})` : 'empty range for randrange()');
    throw unknown();
  }
  if ((isStr(v) || Array.isArray(v) || v instanceof PyTuple) && !truthy(start) && !truthy(step)) {
    const items = isStr(v) ? codePoints(text(v)) : Array.isArray(v) ? v : v.items;
    if (items.length === 1) return items[0];
    if (!items.length) throw pyRaise('IndexError', 'Cannot choose from an empty sequence');
  }
  throw unknown();
}

/**
 * Ansible's union, intersect, difference and symmetric_difference of two lists (lists are not
 * hashable, so no Python set is made): the items in order, each once (Jinja's unique, case
 * sensitive). Two hashable values (strs, tuples) make a set, whose order Python's hashing decides:
 * not read; nor are other pairs.
 */
function setOp(op: 'union' | 'intersect' | 'difference' | 'symmetric_difference', v: unknown, a: unknown[], c: FilterContext): unknown {
  const other = a[0];
  for (const x of [v, other]) if (x instanceof Undef) x.fail();
  if (!Array.isArray(v) || !Array.isArray(other)) throw notRead(`which uses the filter \`${op}\` on other values than two lists (a set, whose order Python's hashing decides)`);
  spend(c.budget, v.length * Math.max(1, other.length));
  const uniq = (xs: unknown[]) => unique(xs, true, null, coll(c)) as unknown[];
  const inter = () => uniq(v.filter((x) => pyIn(x, other)));
  switch (op) {
    case 'union': return uniq([...v, ...other]);
    case 'intersect': return inter();
    case 'difference': return uniq(v.filter((x) => !pyIn(x, other)));
    default: {
      const both = inter();
      spend(c.budget, (v.length + other.length) * Math.max(1, both.length));
      return uniq([...v, ...other]).filter((x) => !pyIn(x, both));
    }
  }
}

/** a value as Jinja's soft_str gives it to a str filter, ASCII only (Python's and JavaScript's case rules differ past it) */
function asciiText(name: string, v: unknown, c: FilterContext): string {
  if (v instanceof Undef) v.fail();
  const s = isStr(v) ? text(v) : pyStr(v, c.budget);
  spend(c.budget, s.length);
  if (/[^\x00-\x7f]/.test(s)) throw notRead(`which gives the filter \`${name}\` text outside ASCII`);
  return s;
}

/** jinja2 do_title: each word (a run between white space and `-({[<`) its first letter upper-case, the rest lower-case */
function title(v: unknown, c: FilterContext): string {
  const s = asciiText('title', v, c);
  let out = '';
  let start = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if ('-({[<'.includes(ch) || isPySpace(s.charCodeAt(i))) { out += ch; start = true; continue; }
    out += start ? ch.toUpperCase() : ch.toLowerCase();
    start = false;
  }
  return out;
}

/** jinja2 do_center: str.center(width), the extra blank on the right unless the margin and the width are both odd */
function center(v: unknown, a: unknown[], c: FilterContext): string {
  const s = asciiText('center', v, c);
  const width = given(a, 0, 80);
  if (typeof width !== 'number' && typeof width !== 'boolean') throw notRead('which gives the filter `center` a width that is not an int');
  const w = Number(width);
  const marg = w - s.length;
  if (marg <= 0) return s;
  spend(c.budget, marg);
  const left = Math.floor(marg / 2) + (marg & w & 1);
  return ' '.repeat(left) + s + ' '.repeat(marg - left);
}

/** Ansible's extract: the container's item at the value, then at each of morekeys, by Jinja's getitem */
function extract(v: unknown, a: unknown[], c: FilterContext): unknown {
  const more = given(a, 1, null);
  const keys = more === null ? [v] : Array.isArray(more) ? [v, ...more] : [v, more];
  let value = a[0];
  for (const k of keys) { spend(c.budget, 1); value = c.getitem(value, k); }
  return value;
}

/** the units of Ansible's human_to_bytes, as powers of two */
const SIZE_RANGES: Record<string, number> = { Y: 80, Z: 70, E: 60, P: 50, T: 40, G: 30, M: 20, K: 10, B: 0 };

/** Python's round() of a float to an int: halves to the even one */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
}

/**
 * Ansible's human_to_bytes (module_utils formatters): str() of the value read as blanks, digits
 * with a point, blanks, then a unit (its first letter one of YZEPTGMKB, upper or lower case; a
 * longer one must say `B`, or `byte`; `b`, `bit` with isbits), or default_unit; the number times
 * the unit, rounded half to even. What it cannot read is its AnsibleFilterError, "can't interpret
 * following string". Text outside ASCII (Python's digits and blanks are Unicode's) is not read.
 */
function humanToBytes(v: unknown, a: unknown[], c: FilterContext): unknown {
  if (v instanceof Undef) v.fail();
  const dflt = given(a, 0, null);
  const isbits = truthy(given(a, 1, false));
  for (const x of a) if (x instanceof Undef) x.fail();
  if (dflt !== null && !isStr(dflt)) throw notRead('which gives the filter `human_to_bytes` a default unit that is not a str');
  const s = isStr(v) ? text(v) : pyStr(v, c.budget);
  spend(c.budget, s.length);
  if (/[^\x00-\x7f]/.test(s) || (isStr(dflt) && /[^\x00-\x7f]/.test(text(dflt)))) throw notRead('which gives the filter `human_to_bytes` text outside ASCII');
  const refuse = () => new PyError('ansible', `human_to_bytes() can't interpret following string: ${s}`, 'ansible.errors.AnsibleFilterError');
  let i = 0;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  const m = /^([0-9]*\.?[0-9]*)/.exec(s.slice(i))!;
  const digits = m[1]!;
  i += digits.length;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  const unitText = /^[A-Za-z]+/.exec(s.slice(i))?.[0];
  if (!digits || digits === '.') throw refuse();
  const num = Number(digits);
  const unit = unitText ?? (isStr(dflt) ? text(dflt) : null);
  const whole = (x: number) => {
    const r = roundHalfEven(x);
    if (!Number.isFinite(r) || Math.abs(r) > Number.MAX_SAFE_INTEGER) throw notRead('whose byte count is larger than bdm-lab computes exactly');
    return int(r);
  };
  if (unit === null) return whole(num);
  // (an empty default unit: its first letter is Python's IndexError, the same refusal)
  const key = unit ? unit[0]!.toUpperCase() : '';
  if (!Object.prototype.hasOwnProperty.call(SIZE_RANGES, key)) throw refuse();
  if (unit.length > 1 && !unit.toLowerCase().includes(isbits ? 'bit' : 'byte') && unit[1] !== (isbits ? 'b' : 'B')) throw refuse();
  return whole(num * 2 ** SIZE_RANGES[key]!);
}

const FILTERS: Record<string, FilterDef> = {
  int: { params: ['default', 'base'], fn: (v, a) => doInt(v, given(a, 0, 0), given(a, 1, 10)) },
  float: { params: ['default'], fn: (v, a) => doFloat(v, given(a, 0, new PyFloat(0))) },
  string: { params: [], fn: (v, _a, c) => nat(isStr(v) ? text(v) : pyStr(v, c.budget)) },
  bool: { params: [], fn: (v) => toBool(v) },
  lower: { params: [], fn: (v, _a, c) => changeCase(changing(pyStr(v, c.budget)), false) },
  upper: { params: [], fn: (v, _a, c) => changeCase(changing(pyStr(v, c.budget)), true) },
  trim: {
    params: ['chars'],
    fn: (v, a, c) => {
      const s = changing(pyStr(v, c.budget));
      const chars = given(a, 0, null);
      if (chars === null) return pyStrip(s);
      if (chars instanceof Undef && chars.cause) throw chars.cause;
      if (!isStr(chars)) throw new PyError('type', 'strip arg must be None or str');
      const set = new Set(codePoints(text(chars)));
      return stripSet(s, (x) => set.has(x));
    },
  },
  length: { params: [], fn: (v) => pyLen(v) },
  count: { params: [], fn: (v) => pyLen(v) },
  first: {
    params: [],
    fn: (v, _a, c) => {
      const items = pyIter(v, c.budget);
      return items.length ? items[0] : new Undef({ hint: 'No first item, sequence was empty.' });
    },
  },
  last: {
    params: [],
    fn: (v, _a, c) => {
      if (v instanceof Undef && !(v.plain && !v.cause)) v.fail();
      // reversed(): a str, a list, a dict (its keys), a plain Undefined (empty)
      if (!isStr(v) && !Array.isArray(v) && !isDict(v) && !(v instanceof Undef) && !(v instanceof PyTuple) && !(v instanceof PyView)) throw new PyError('type', `'${typeName(v)}' object is not reversible`);
      const items = pyIter(v, c.budget);
      return items.length ? items[items.length - 1] : new Undef({ hint: 'No last item, sequence was empty.' });
    },
  },
  join: {
    params: ['d', 'attribute'],
    fn: (v, a, c) => {
      // do_join: with an attribute, each item's (make_attrgetter), written by str(), which an undefined one fails
      const attr = given(a, 1, null);
      const items = pyIter(v, c.budget);
      const picked = attr === null ? items : items.map(attrGetter(coll(c), attr));
      const sep = pyStr(given(a, 0, ''), c.budget);
      const parts = picked.map((x) => pyStr(x, c.budget));
      spend(c.budget, sep.length * parts.length);
      return parts.join(sep);
    },
  },
  replace: {
    params: ['old', 'new', 'count'],
    required: 2,
    fn: (v, a, c) => {
      const s = changing(pyStr(v, c.budget));
      const old = changing(pyStr(a[0], c.budget));
      const by = pyStr(a[1], c.budget);
      const count = given(a, 2, null);
      if (count instanceof Undef) throw count.cause ?? notRead('which counts replacements with an undefined value');
      if (count !== null && typeof count !== 'number' && typeof count !== 'boolean') throw new PyError('type', `'${typeName(count)}' object cannot be interpreted as an integer`);
      return replaceText(s, old, by, count === null ? -1 : Number(count), c.budget);
    },
  },
  list: { params: [], fn: (v, _a, c) => [...pyIter(v, c.budget)] },
  to_json: { params: [], fn: () => null, raw: (v, a, k, c) => nat(jsonOf(v, c.budget, toJsonStyle(a, k))) },
  ternary: { params: ['true_val', 'false_val', 'none_val'], required: 2, pyName: 'ternary', fn: ternary },
  mandatory: { params: ['msg'], fn: mandatory },
  quote: { params: [], fn: (v, _a, c) => shellQuote(v === null ? '' : pyStr(v, c.budget)) },
  default: { params: ['default_value', 'boolean'], fn: defaultFilter },
  dict2items: { params: ['key_name', 'value_name'], fn: (v, a, c) => dict2items(v, given(a, 0, 'key'), given(a, 1, 'value'), coll(c)) },
  items2dict: { params: ['key_name', 'value_name'], fn: (v, a, c) => items2dict(v, given(a, 0, 'key'), given(a, 1, 'value'), coll(c)) },
  unique: { params: ['case_sensitive', 'attribute'], fn: (v, a, c) => unique(v, given(a, 0, null), given(a, 1, null), coll(c)) },
  sort: { params: ['reverse', 'case_sensitive', 'attribute'], fn: (v, a, c) => sort(v, given(a, 0, false), given(a, 1, false), given(a, 2, null), coll(c)) },
  round: { params: ['precision', 'method'], fn: (v, a) => round(v, given(a, 0, 0), given(a, 1, 'common')) },
  combine: { params: [], fn: () => null, raw: combine },
  zip: { params: [], fn: () => null, raw: (v, a, k, c) => zipOrProduct(v, a, k, c, false) },
  product: { params: [], fn: () => null, raw: (v, a, k, c) => zipOrProduct(v, a, k, c, true) },
  map: { params: [], fn: () => null, raw: map },
  select: { params: [], fn: () => null, raw: (v, a, k, c) => selectOrReject(v, a, k, true, false, c) },
  reject: { params: [], fn: () => null, raw: (v, a, k, c) => selectOrReject(v, a, k, false, false, c) },
  selectattr: { params: [], fn: () => null, raw: (v, a, k, c) => selectOrReject(v, a, k, true, true, c) },
  format: { params: [], fn: () => null, raw: formatFilter },
  reverse: { params: [], fn: reverseFilter },
  basename: { params: [], fn: basename },
  split: { params: [], fn: () => null, raw: splitFilter },
  rejectattr: { params: [], fn: () => null, raw: (v, a, k, c) => selectOrReject(v, a, k, false, true, c) },
  batch: { params: ['linecount', 'fill_with'], required: 1, fn: batch },
  slice: { params: ['slices', 'fill_with'], required: 1, fn: sliceFilter },
  combinations: { params: ['r'], required: 1, fn: combinations },
  pow: { params: ['y'], required: 1, pyName: 'power', fn: (v, a) => mathPow(v, a[0]) },
  from_yaml: { params: [], pyName: 'from_yaml', fn: (v, _a, c) => fromYaml(v, false, c.budget) },
  from_yaml_all: { params: [], pyName: 'from_yaml_all', fn: (v, _a, c) => fromYaml(v, true, c.budget) },
  random: { params: ['start', 'step', 'seed'], fn: randomFilter },
  union: { params: ['b'], required: 1, fn: (v, a, c) => setOp('union', v, a, c) },
  intersect: { params: ['b'], required: 1, fn: (v, a, c) => setOp('intersect', v, a, c) },
  difference: { params: ['b'], required: 1, fn: (v, a, c) => setOp('difference', v, a, c) },
  symmetric_difference: { params: ['b'], required: 1, fn: (v, a, c) => setOp('symmetric_difference', v, a, c) },
  title: { params: [], fn: (v, _a, c) => title(v, c) },
  wordcount: { params: [], fn: (v, _a, c) => (asciiText('wordcount', v, c).match(/\w+/g) ?? []).length },
  center: { params: ['width'], fn: center },
  extract: { params: ['container', 'morekeys'], required: 1, fn: extract },
  human_to_bytes: { params: ['default_unit', 'isbits'], pyName: 'human_to_bytes', fn: humanToBytes },
  type_debug: { params: [], fn: (v) => { if (v instanceof Undef && v.cause) throw v.cause; return typeName(v); } },
  log: { params: ['base'], pyName: 'logarithm', fn: (v, a) => mathLog(v, a[0]) },
  root: { params: ['base'], pyName: 'inversepower', fn: (v, a) => mathRoot(v, a[0]) },
  truncate: { params: ['length', 'killwords', 'end', 'leeway'], fn: truncateFilter },
  indent: { params: ['width', 'first', 'blank'], fn: indentFilter },
  splitext: { params: [], fn: splitext },
  groupby: { params: ['attribute', 'default', 'case_sensitive'], required: 1, fn: (v, a, c) => groupby(v, a[0], given(a, 1, null), given(a, 2, false), coll(c)) },
  hash: { params: ['hashtype'], pyName: 'get_hash', fn: (v, a, c) => hexDigest('hash', v, given(a, 0, 'sha1'), c) },
  md5: { params: [], fn: (v, _a, c) => hexDigest('md5', v, 'md5', c) },
  checksum: { params: [], fn: (v, _a, c) => hexDigest('checksum', v, 'sha1', c) },
  zip_longest: { params: [], fn: () => null, raw: zipLongest },
  to_yaml: {
    params: [],
    fn: () => null,
    raw: (v, a, k, c) => {
      if (a.length || k.length) throw notRead('which gives the filter `to_yaml` arguments');
      return nat(yamlDump(v, true, 2, c.budget));
    },
  },
  to_nice_yaml: {
    params: [],
    fn: () => null,
    raw: (v, a, k, c) => {
      if (a.length || k.length) throw notRead('which gives the filter `to_nice_yaml` arguments');
      return nat(yamlDump(v, false, 4, c.budget));
    },
  },
  to_nice_json: {
    params: [],
    fn: () => null,
    // to_nice_json(a, indent=4, sort_keys=True, *args, **kw): to_json with those and separators (',', ': ')
    raw: (v, a, k, c) => {
      if (a.length || k.length) throw notRead('which gives the filter `to_nice_json` arguments');
      return nat(jsonOf(v, c.budget, toJsonStyle([], [['indent', 4], ['sort_keys', true], ['separators', new PyTuple([',', ': '])]])));
    },
  },
};

/**
 * jinja2 do_truncate (Jinja 3.1, leeway 5 by default): a str no longer than length + leeway as it
 * is, else its first length - len(end) characters, cut back to the last blank unless killwords,
 * then end. Another value, or arguments its assertions refuse, are not read.
 */
function truncateFilter(v: unknown, a: unknown[], c: FilterContext): unknown {
  if (v instanceof Undef) v.fail();
  const length = given(a, 0, 255);
  const end = given(a, 2, '...');
  const leeway = given(a, 3, null) ?? 5;
  for (const x of a) if (x instanceof Undef) throw x.cause ?? notRead('which truncates with an undefined argument');
  if (!isStr(v) || !isStr(end) || typeof length !== 'number' || typeof leeway !== 'number') throw notRead('which truncates a value that is not a str, or by arguments that are not ints and a str');
  const s = codePoints(text(v));
  const e = text(end);
  spend(c.budget, s.length);
  if (length < codePoints(e).length || leeway < 0) throw notRead('which truncates by a length or leeway Jinja\'s assertions refuse');
  if (s.length <= length + leeway) return v;
  const cut = s.slice(0, length - codePoints(e).length).join('');
  if (truthy(given(a, 1, false))) return cut + e;
  const blank = cut.lastIndexOf(' ');
  return (blank < 0 ? cut : cut.slice(0, blank)) + e;
}

/** the line ends of Python's str.splitlines (`\r\n` one end) */
const LINE_ENDS = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);
function splitLines(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!LINE_ENDS.has(s[i]!)) continue;
    out.push(s.slice(start, i));
    if (s[i] === '\r' && s[i + 1] === '\n') i++;
    start = i + 1;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

/** jinja2 do_indent (Jinja 3.1): each line after the first (and the first with `first`) after width blanks (or the width str), blank lines only with `blank` */
function indentFilter(v: unknown, a: unknown[], c: FilterContext): unknown {
  if (v instanceof Undef) v.fail();
  const width = given(a, 0, 4);
  for (const x of a) if (x instanceof Undef) throw x.cause ?? notRead('which indents with an undefined argument');
  if (!isStr(v)) throw notRead('which indents a value that is not a str');
  let ind: string;
  if (isStr(width)) ind = text(width);
  else if (typeof width === 'number' || typeof width === 'boolean') {
    const n = Math.max(0, Number(width));
    if (n > 10_000) throw notRead('which indents by more blanks than bdm-lab writes');
    ind = ' '.repeat(n);
  } else throw new PyError('type', `can't multiply sequence by non-int of type '${typeName(width)}'`);
  const lines = splitLines(`${text(v)}\n`);
  spend(c.budget, lines.length * (ind.length + 1) + text(v).length);
  let rv: string;
  if (truthy(given(a, 2, false))) rv = lines.join(`\n${ind}`);
  else {
    rv = lines.shift()!;
    if (lines.length) rv += `\n${lines.map((l) => (l ? ind + l : l)).join('\n')}`;
  }
  return truthy(given(a, 1, false)) ? ind + rv : rv;
}

/** posixpath.splitext (Ansible's `splitext`): (root, ext), ext from the last `.` after the last `/` that is not one of the name's leading dots */
function splitext(v: unknown): unknown {
  if (v instanceof Undef) throw v.cause ?? notRead('which splits an undefined path');
  if (!isStr(v)) throw new PyError('type', `expected str, bytes or os.PathLike object, not ${typeName(v)}`);
  const p = text(v);
  const sep = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot > sep) {
    for (let i = sep + 1; i < dot; i++) if (p[i] !== '.') return new PyTuple([p.slice(0, dot), p.slice(dot)]);
  }
  return new PyTuple([p, '']);
}

/** the hashlib names Ansible's `hash` filter is read for (hashlib.new with another name, or a shake, is not read) */
const HASH_NAMES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512_224', 'sha512_256', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s']);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Ansible's `hash` (get_hash), `md5` (md5s) and `checksum` (sha1): the hex digest of the value's UTF-8 bytes (str() of one that is not a str) */
function hexDigest(name: string, v: unknown, alg: unknown, c: FilterContext): string {
  if (v instanceof Undef) v.fail();
  if (alg instanceof Undef) throw alg.cause ?? notRead('which hashes by an undefined hash type');
  if (!isStr(alg) || !HASH_NAMES.has(text(alg))) throw notRead(`which gives the filter \`${name}\` a hash type bdm-lab does not compute`);
  const s = isStr(v) ? text(v) : pyStr(v, c.budget);
  spend(c.budget, s.length);
  if (LONE_SURROGATE.test(s)) throw notRead(`which gives the filter \`${name}\` text with a lone surrogate`);
  return hexDigestOf(text(alg), new TextEncoder().encode(s))!;
}

/** the widest line PyYAML writes before it folds (best_width); bdm-lab does not fold */
const YAML_WIDTH = 80;
const yamlUnread = (why: string) => notRead(`which writes YAML ${why}, which bdm-lab does not write as PyYAML does`);

/**
 * How PyYAML's emitter writes a one-line str of printable ASCII (its analyze_scalar and
 * choose_scalar_style): plain unless it has blanks at either end, starts with `---`/`...` or an
 * indicator, holds `: `, ` #` (in a flow collection also `,?[]{}` or `:`) or ends with `:`; or
 * where the plain text would resolve to another type (a YAML 1.1 bool or null word, an int of
 * digits): then in single quotes. A plain text starting like a number, a longer or another text, is
 * not read (null).
 */
function yamlStr(s: string, flow: boolean): string | null {
  if (s === '') return "''";
  if (!/^[\x20-\x7e]*$/.test(s) || s.length > YAML_WIDTH) return null;
  let flowInd = false;
  let blockInd = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const spaceAfter = i + 1 === s.length || s[i + 1] === ' ';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) { flowInd = true; blockInd = true; }
      if ((ch === '?' || ch === ':') ) { flowInd = true; if (spaceAfter) blockInd = true; }
      if (ch === '-' && spaceAfter) { flowInd = true; blockInd = true; }
    } else {
      if (',?[]{}'.includes(ch)) flowInd = true;
      if (ch === ':') { flowInd = true; if (spaceAfter) blockInd = true; }
      if (ch === '#' && s[i - 1] === ' ') { flowInd = true; blockInd = true; }
    }
  }
  const plain = !(s.startsWith(' ') || s.endsWith(' ') || s.startsWith('---') || s.startsWith('...') || (flow ? flowInd : blockInd));
  const quoted = `'${s.replace(/'/g, "''")}'`;
  if (!plain) return quoted;
  if (/^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=)$/.test(s) || /^[0-9]+$/.test(s)) return quoted;
  // (a text starting like a number may resolve to an int, a float or a date)
  if (/^[-+.0-9]/.test(s)) return null;
  return s;
}

/** a scalar as PyYAML's SafeRepresenter and emitter write it, or null for a collection */
function yamlScalar(v: unknown, flow: boolean, b: Budget): string | null {
  if (v instanceof Undef) v.fail();
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (v instanceof PyFloat) {
    const x = v.value;
    if (Number.isNaN(x)) return '.nan';
    if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf';
    const r = pyFloat(x).toLowerCase();
    return !r.includes('.') && r.includes('e') ? r.replace('e', '.0e') : r;
  }
  if (isStr(v)) {
    const t = yamlStr(text(v), flow);
    if (t === null) throw yamlUnread('of a text that is not plain printable ASCII on one line, or starts like a number');
    spend(b, t.length);
    return t;
  }
  if (Array.isArray(v) || isDict(v)) return null;
  throw yamlUnread(`of a ${typeName(v)}`);
}

/** a dict's items sorted by key (PyYAML's sort_keys), its keys ASCII strs */
function yamlPairs(v: Record<string, unknown>): Array<[string, unknown]> {
  if (NON_STR_KEYS.has(v)) throw yamlUnread('of a mapping with keys that are not strs');
  const keys = keysOf(v).map((k) => String(k));
  if (keys.some((k) => /[^\x00-\x7f]/.test(k))) throw yamlUnread('of a mapping with keys outside ASCII');
  return [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).map((k) => [k, v[k]]);
}

/**
 * PyYAML's dump as Ansible's to_yaml (default_flow_style None: a collection of scalars in flow
 * style, indent 2) and to_nice_yaml (default_flow_style False, indent 4) call it with
 * AnsibleDumper: a scalar on its line; block sequences `- ` (a block collection in one starts on
 * its line, after the indent), block mappings `key: value` sorted by key, a sequence under a key
 * not indented, a mapping indented; an empty collection `[]`/`{}`. A line wider than PyYAML's 80
 * columns (it folds), a text it would double-quote or fold, or another type, are not read.
 */
function yamlDump(v: unknown, flowScalars: boolean, indent: number, b: Budget): string {
  const flowOf = (x: unknown): string | null => {
    const s = yamlScalar(x, false, b);
    if (s !== null) return s;
    const items = Array.isArray(x) ? x : null;
    const pairs = items ? null : yamlPairs(x as Record<string, unknown>);
    if ((items ?? pairs!).length === 0) return items ? '[]' : '{}';
    if (!flowScalars) return null;
    const inFlow = (y: unknown) => yamlScalar(y, true, b);
    if (items) {
      const parts = items.map(inFlow);
      return parts.some((p) => p === null) ? null : `[${parts.join(', ')}]`;
    }
    const parts = pairs!.map(([k, y]) => { const ks = yamlStr(k, true); const ys = inFlow(y); return ks === null || ys === null ? null : `${ks}: ${ys}`; });
    if (parts.some((p) => p === null) && pairs!.some(([k]) => yamlStr(k, true) === null)) throw yamlUnread('of a mapping with a key that is not plain printable ASCII');
    return parts.some((p) => p === null) ? null : `{${parts.join(', ')}}`;
  };
  const lines: string[] = [];
  const put = (line: string) => {
    if (line.length > YAML_WIDTH) throw yamlUnread('with a line wider than 80 columns');
    spend(b, line.length);
    lines.push(line);
  };
  // a block collection's lines at `ind`; `lead` replaces the first line's indentation (after `- `)
  const block = (x: unknown, ind: number, lead: string | null, depth: number): void => {
    if (depth > 100) throw yamlUnread('nested more than 100 levels');
    const pad = ' '.repeat(ind);
    let first = true;
    const start = () => { const p = first && lead !== null ? lead : pad; first = false; return p; };
    if (Array.isArray(x)) {
      for (const item of x) {
        const f = flowOf(item);
        const dash = `${start()}-`;
        if (f !== null) put(`${dash} ${f}`);
        else block(item, ind + indent, dash + ' '.repeat(indent - 1), depth + 1);
      }
      return;
    }
    for (const [k, y] of yamlPairs(x as Record<string, unknown>)) {
      const ks = yamlStr(k, false);
      if (ks === null) throw yamlUnread('of a mapping with a key that is not plain printable ASCII');
      const f = flowOf(y);
      if (f !== null) { put(`${start()}${ks}: ${f}`); continue; }
      put(`${start()}${ks}:`);
      block(y, Array.isArray(y) ? ind : ind + indent, null, depth + 1);
    }
  };
  const top = flowOf(v);
  if (top !== null) put(top);
  else block(v, 0, null, 0);
  return `${lines.join('\n')}\n`;
}

/** itertools.zip_longest (Ansible's `zip_longest`): tuples to the longest, the shorter filled with `fillvalue` (None), made a list */
function zipLongest(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext): unknown {
  if (kwargs.some(([k]) => k !== 'fillvalue')) throw notRead('which gives zip_longest a keyword other than fillvalue');
  return zipped(iterables(v, args, c), true, kwargs.length ? kwargs[kwargs.length - 1]![1] : null, c);
}

/** The filter's value and its arguments, each iterated as Python iterates it (an undefined one fails as it is read). */
function iterables(v: unknown, args: unknown[], c: CollectionContext): unknown[][] {
  return [v, ...args].map((x) => {
    if (x instanceof Undef && x.cause) throw x.cause;
    return pyIter(x, c.budget);
  });
}

/** Python's zip (to the shortest list) or itertools.zip_longest (to the longest, `fill` past a shorter one's end): the tuples made a list. */
function zipped(lists: unknown[][], longest: boolean, fill: unknown, c: CollectionContext): PyTuple[] {
  const n = (longest ? Math.max : Math.min)(...lists.map((l) => l.length));
  spend(c.budget, n * lists.length);
  return Array.from({ length: n }, (_, i) => new PyTuple(lists.map((l) => (i < l.length ? l[i] : fill))));
}
/** Jinja's do_format: str() of the value `%` the positional arguments (a tuple) or the keywords (a dict), not both */
function formatFilter(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext): unknown {
  if (args.length && kwargs.length) throw notRead('which gives the filter `format` positional and keyword arguments (a FilterArgumentError bdm-lab does not word)');
  const fmt = pyStr(v, c.budget);
  if (!kwargs.length) return percentFormat(fmt, new PyTuple(args), c.budget);
  const o: Record<string, unknown> = {};
  for (const [k, x] of kwargs) o[k] = x;
  KEY_ORDER.set(o, kwargs.map(([k]) => k));
  return percentFormat(fmt, o, c.budget);
}

/**
 * Jinja's do_reverse: a str backwards; anything else through reversed() (a list, a tuple, a
 * dict's keys, a view, a range), whose iterator Ansible's _unroll_iterator makes a list
 */
function reverseFilter(v: unknown): unknown {
  if (isStr(v)) return codePoints(text(v)).reverse().join('');
  if (Array.isArray(v)) return [...v].reverse();
  if (v instanceof PyTuple || v instanceof PyView) return [...v.items].reverse();
  if (isDict(v) && !NON_STR_KEYS.has(v)) return keysOf(v).reverse();
  throw notRead('which reverses a value bdm-lab does not iterate');
}

/** Ansible's `split`: str.split called on the value (a value that is no str is the method descriptor's TypeError) */
function splitFilter(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext): unknown {
  if (v instanceof Undef) throw v.cause ?? notRead('which splits an undefined value');
  if (!isStr(v)) throw new PyError('type', `descriptor 'split' for 'str' objects doesn't apply to a '${typeName(v)}' object`);
  if (kwargs.length) throw notRead('which gives the filter `split` keyword arguments');
  return strMethod(v, 'split', args, [], c.budget, replaceText)!.v;
}

/** os.path.basename (Ansible's `basename`): the text after the last `/`; a value that is no path is Python's TypeError */
function basename(v: unknown): unknown {
  if (v instanceof Undef) throw v.cause ?? notRead('which takes the basename of an undefined value');
  if (!isStr(v)) throw new PyError('type', `expected str, bytes or os.PathLike object, not ${typeName(v)}`);
  const s = text(v);
  return s.slice(s.lastIndexOf('/') + 1);
}

/**
 * Ansible's `zip` and `product` filters (plugins/filter/core.py, mathstuff.py: Python's zip and
 * itertools.product over the value and the arguments): their tuples made a list, as `list`,
 * `first` and `map` read them (the iterator itself, written out as text, is not what this gives).
 * zip stops at the shortest; product's rows multiply, bounded by the task's budget. Keywords
 * (zip's `strict`, product's `repeat`) are not read.
 */
function zipOrProduct(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: CollectionContext, product: boolean): unknown {
  if (kwargs.length) throw new Unresolved('', `which gives ${product ? 'product' : 'zip'} a keyword, which bdm-lab does not read`);
  const lists = iterables(v, args, c);
  if (!product) return zipped(lists, false, null, c);
  let rows: unknown[][] = [[]];
  for (const l of lists) {
    spend(c.budget, rows.length * l.length * lists.length);
    const next: unknown[][] = [];
    for (const r of rows) for (const x of l) next.push([...r, x]);
    rows = next;
  }
  return rows.map((r) => new PyTuple(r));
}

/** Python's sum(iterable, start): start + each item, left to right (a str start refused) */
function sum(v: unknown, attribute: unknown, start: unknown, c: FilterContext): unknown {
  if (start instanceof Undef) start.fail();
  if (isStr(start)) throw new PyError('type', "sum() can't sum strings [use ''.join(seq) instead]");
  // do_sum: the attribute of each item (make_attrgetter, read as sum takes each)
  const get = attribute !== null ? attrGetter(coll(c), attribute) : (x: unknown) => x;
  let acc = start;
  for (const x of pyIter(v, c.budget)) acc = pyArith('+', acc, get(x), c.budget);
  return acc;
}

/** Python's abs() */
function abs(v: unknown): unknown {
  if (v instanceof Undef) v.fail();
  if (v instanceof PyFloat) return new PyFloat(Math.abs(v.value));
  if (typeof v === 'number' || typeof v === 'boolean') return Math.abs(Number(v));
  throw new PyError('type', `bad operand type for abs(): '${typeName(v)}'`);
}

/** jinja2 do_min / do_max (Ansible's min and max call them): the first least or greatest item, strings compared lowercased unless case_sensitive */
function minMax(v: unknown, caseSensitive: unknown, attribute: unknown, max: boolean, c: FilterContext): unknown {
  const items = pyIter(v, c.budget);
  // an empty sequence is undefined whatever attribute is named (do_min/do_max stop before reading it)
  if (!items.length) return new Undef({ hint: 'No aggregated item, sequence was empty.' });
  // make_attrgetter's key: the attribute (dotted, digits index a list) of each item, lowercased when a str
  const get = attribute !== null ? attrGetter(coll(c), attribute) : (x: unknown) => x;
  const key = (item: unknown): unknown => { const x = get(item); return !truthy(caseSensitive) && isStr(x) ? changeCase(text(x), false) : x; };
  let best = items[0];
  let bestKey = key(best);
  for (const x of items.slice(1)) {
    const k = key(x);
    if (pyOrder(k, bestKey, max ? '>' : '<')) { best = x; bestKey = k; }
  }
  return best;
}

FILTERS.sum = { params: ['attribute', 'start'], fn: (v, a, c) => sum(v, given(a, 0, null), given(a, 1, 0), c) };
FILTERS.abs = { params: [], fn: (v) => abs(v) };
FILTERS.min = { params: ['case_sensitive', 'attribute'], fn: (v, a, c) => minMax(v, given(a, 0, false), given(a, 1, null), false, c) };
FILTERS.max = { params: ['case_sensitive', 'attribute'], fn: (v, a, c) => minMax(v, given(a, 0, false), given(a, 1, null), true, c) };
FILTERS.from_json = { params: [], fn: (v, _a, c) => jsonLoads(v, c.budget) };
FILTERS.b64encode = { params: ['encoding'], fn: (v, a, c) => b64encode(v, given(a, 0, 'utf-8'), c.budget) };
FILTERS.b64decode = { params: ['encoding'], fn: (v, a, c) => b64decode(v, given(a, 0, 'utf-8'), c.budget) };
FILTERS.regex_replace = { params: ['pattern', 'replacement', 'ignorecase', 'multiline'], fn: (v, a, c) => regexReplace(v, given(a, 0, ''), given(a, 1, ''), given(a, 2, false), given(a, 3, false), c.budget) };
FILTERS.regex_search = {
  params: [], fn: () => null,
  // (its **kwargs: a keyword other than ignorecase and multiline is not read, and not refused)
  raw: (v, a, k, c) => regexSearch(v, a, k, c.budget),
};
FILTERS.regex_findall = { params: [], fn: () => null, raw: (v, a, k, c) => regexFindall(v, a, k, c.budget) };
FILTERS.regex_escape = { params: ['re_type'], fn: (v, a, c) => regexEscape(v, given(a, 0, 'python'), c.budget) };
FILTERS.flatten = { params: ['levels', 'skip_nulls'], pyName: 'flatten', fn: (v, a, c) => flatten(v, given(a, 0, null), given(a, 1, true), coll(c)) };
FILTERS.subelements = { params: ['subelements', 'skip_missing'], required: 1, pyName: 'subelements', fn: (v, a, c) => subelementsFilter(v, a[0], given(a, 1, false), coll(c)) };
/** json.dumps(v, separators=(',', ':'), default=str), jmespath's to_string(): a date (str() is not isoformat for a datetime) is not written here */
const JMES_DUMPS: JsonStyle = { indent: null, item: ',', key: ':', sort: false, ascii: true, strDefault: true };
FILTERS.json_query = { params: ['expr'], required: 1, pyName: 'json_query', fn: (v, a, c) => jsonQuery(v, a[0], c.budget, (t) => jsonLoads(t, c.budget), (x) => jsonOf(x, c.budget, JMES_DUMPS)) };
FILTERS['community.general.json_query'] = FILTERS.json_query;
FILTERS.d = FILTERS.default!;
// Ansible's own filters by their full names: the same functions, but only the short names are kept strings
FILTERS['ansible.builtin.to_json'] = { params: [], fn: () => null, raw: (v, a, k, c) => jsonOf(v, c.budget, toJsonStyle(a, k)) };
for (const n of ['basename', 'split', 'bool', 'ternary', 'mandatory', 'quote', 'dict2items', 'items2dict', 'unique', 'combine', 'from_json', 'b64encode', 'b64decode', 'regex_replace', 'regex_search', 'regex_findall', 'regex_escape', 'min', 'max', 'flatten', 'subelements']) FILTERS[`ansible.builtin.${n}`] = FILTERS[n]!;

/** what the filters over collections need: getitem, and the filters and tests by name */
function coll(c: FilterContext): CollectionContext {
  return {
    budget: c.budget,
    getitem: c.getitem,
    filter: (name, v, args, kwargs) => applyFilter(name, v, args, kwargs, c),
    test: (name, v, args, kwargs) => applyTest(name, v, args, kwargs.length, kwargs, c.budget),
  };
}

/** the filters whose arguments are only handed back (an undefined one is not used) */
const PASS_ARGS = new Set(['default', 'd', 'ternary', 'ansible.builtin.ternary', 'mandatory', 'ansible.builtin.mandatory']);

/**
 * Python's binding of the arguments to the filter's parameters; null when it raises and the filter
 * has no `pyName` (not read). With one, CPython 3.11's order and words: the keywords first (one it
 * does not take, one given twice), then too many positional arguments, then the missing ones.
 */
function bind(def: FilterDef, args: unknown[], kwargs: Array<[string, unknown]>): unknown[] | null {
  const fail = (m: string) => {
    if (!def.pyName) return null;
    throw new PyError('type', `${def.pyName}() ${m}`);
  };
  const out: unknown[] = [...args];
  for (const [k, v] of kwargs) {
    const i = def.params.indexOf(k);
    if (k === 'value' || (i >= 0 && out[i] !== undefined)) return fail(`got multiple values for argument '${k}'`);
    if (i < 0) return fail(`got an unexpected keyword argument '${k}'`);
    out[i] = v;
  }
  if (args.length > def.params.length) {
    const most = def.params.length + 1;
    const least = (def.required ?? 0) + 1;
    const takes = least === most ? `${most} positional argument${most > 1 ? 's' : ''}` : `from ${least} to ${most} positional arguments`;
    return fail(`takes ${takes} but ${args.length + 1} were given`);
  }
  const missing = def.params.slice(0, def.required ?? 0).filter((_, i) => out[i] === undefined).map((n) => `'${n}'`);
  if (missing.length) {
    const names = missing.length === 1 ? missing[0] : missing.length === 2 ? missing.join(' and ') : `${missing.slice(0, -1).join(', ')}, and ${missing[missing.length - 1]}`;
    return fail(`missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names}`);
  }
  return out;
}

/**
 * Ansible's from_yaml and from_yaml_all: a str read by PyYAML's SafeLoader (its strs plain, not
 * Ansible's); from_yaml_all's documents a list (Ansible unrolls the generator); anything else as it
 * is. Text the loader refuses, or several documents for from_yaml, is not read (its words are not
 * bdm-lab's).
 */
function fromYaml(v: unknown, all: boolean, b: Budget): unknown {
  if (!isStr(v)) return v;
  const t = text(v);
  spend(b, t.length);
  const docs = yamlLoad(t);
  if (!docs || (!all && docs.length > 1)) throw notRead(`which gives the filter \`${all ? 'from_yaml_all' : 'from_yaml'}\` text its YAML loader refuses or that bdm-lab does not read`);
  return all ? docs : docs.length ? docs[0] : null;
}

/** `value | name(args)`; Unresolved for a filter or a call bdm-lab does not apply */
export function applyFilter(name: string, v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, c: FilterContext): unknown {
  const def = Object.prototype.hasOwnProperty.call(FILTERS, name) ? FILTERS[name]! : undefined;
  if (!def) throw notRead(`which uses the filter \`${name}\`, which bdm-lab does not apply`);
  if (def.raw) {
    for (const x of [...args, ...kwargs.map(([, y]) => y)]) if (x instanceof Undef && x.cause) throw x.cause;
    return unroll(def.raw(v, args, kwargs, coll(c)));
  }
  const a = bind(def, args, kwargs);
  if (!a) throw notRead(`which gives the filter \`${name}\` arguments Python refuses (a TypeError bdm-lab does not word)`);
  if (!PASS_ARGS.has(name)) for (const x of a) if (x instanceof Undef && x.cause) throw x.cause;
  return unroll(def.fn(v, a, c));
}

/** _unroll_iterator: a view a filter returns is made a list */
const unroll = (v: unknown): unknown => (v instanceof PyView ? [...v.items] : v);

const TESTS: Record<string, (v: unknown) => boolean> = {
  defined: (v) => !(v instanceof Undef),
  undefined: (v) => v instanceof Undef,
  none: (v) => v === null,
  true: (v) => v === true,
  false: (v) => v === false,
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => typeof v === 'number',
  float: (v) => v instanceof PyFloat,
  number: (v) => isNum(v),
  string: (v) => isStr(v),
  mapping: (v) => isDict(v),
  // (iter() of it: a str, a collection; Ansible's undefined refuses to be iterated)
  iterable: (v) => (v instanceof Undef ? (v.plain ? true : v.fail()) : isStr(v) || Array.isArray(v) || isDict(v) || v instanceof PyTuple || v instanceof PyView),
};

/** Jinja's tests that compare with one argument (operator.eq... and `in`) */
const COMPARE_TESTS: Record<string, (v: unknown, x: unknown) => boolean> = {
  eq: (v, x) => pyEq(v, x), ne: (v, x) => !pyEq(v, x),
  lt: (v, x) => pyOrder(v, x, '<'), le: (v, x) => pyOrder(v, x, '<='), gt: (v, x) => pyOrder(v, x, '>'), ge: (v, x) => pyOrder(v, x, '>='),
  in: (v, x) => pyIn(v, x),
};
for (const [alias, to] of [['equalto', 'eq'], ['==', 'eq'], ['!=', 'ne'], ['lessthan', 'lt'], ['<', 'lt'], ['<=', 'le'], ['greaterthan', 'gt'], ['>', 'gt'], ['>=', 'ge']]) COMPARE_TESTS[alias!] = COMPARE_TESTS[to!]!;

/**
 * Jinja's `sameas` (Python's `is`) where CPython's answer does not hang on how objects are made:
 * True, False and None are single objects; ints from -5 to 256 are cached (equal ones are one
 * object), and unequal ints are never one. null for the rest (not decided here).
 */
function sameAs(v: unknown, x: unknown): boolean | null {
  const single = (y: unknown) => y === true || y === false || y === null;
  if (single(v) || single(x)) return v === x;
  if (typeof v === 'number' && typeof x === 'number') return v !== x ? false : v >= -5 && v <= 256 ? true : null;
  return null;
}

/** Jinja's odd, even and divisibleby: `value % n` compared with 0 or 1 (a str formats itself with `%`) */
function modTest(v: unknown, n: unknown, want: number, b: Budget): boolean {
  if (v instanceof Undef) v.fail();
  if (n instanceof Undef) n.fail();
  const r = isStr(v) ? percentFormat(text(v), n, b) : pyArith('%', v, n, b);
  return pyEq(r, want);
}

/** the operators of the `version` test, by the names it takes */
const VERSION_OPS: Record<string, 'eq' | 'lt' | 'le' | 'gt' | 'ge' | 'ne'> = {
  '==': 'eq', '=': 'eq', eq: 'eq', '<': 'lt', lt: 'lt', '<=': 'le', le: 'le', '>': 'gt', gt: 'gt', '>=': 'ge', ge: 'ge', '!=': 'ne', '<>': 'ne', ne: 'ne',
};
const VERSION_TYPES = ['loose', 'strict', 'semver', 'semantic', 'pep440'];
type Parsed = Array<number | string>;

/**
 * ansible-core 2.14's `version` test (plugins/test/core.py version_compare): the value and the
 * version as text, compared by LooseVersion (numbers and lower-case words, module_utils/compat/
 * version.py), StrictVersion (`strict`, or version_type 'strict') or SemanticVersion ('semver',
 * 'semantic', utils/version.py); its refusals are AnsibleFilterErrors in its words. Not read: a
 * binding Python refuses (a TypeError), pep440, semantic versions that are both pre-releases, text
 * outside ASCII.
 */
function versionTest(v: unknown, args: unknown[], kw: Array<[string, unknown]>, b: Budget): boolean {
  const names = ['version', 'operator', 'strict', 'version_type'];
  if (args.length > names.length) throw notRead('which gives the test `version` more arguments than it takes (a TypeError bdm-lab does not word)');
  const given = new Map<string, unknown>(args.map((x, i) => [names[i]!, x]));
  for (const [k, x] of kw) {
    if (!names.includes(k) || given.has(k)) throw notRead('which gives the test `version` a keyword it refuses (a TypeError bdm-lab does not word)');
    given.set(k, x);
  }
  if (!given.has('version')) throw notRead('which gives the test `version` no version (a TypeError bdm-lab does not word)');
  const version = given.get('version');
  const op = given.has('operator') ? given.get('operator') : 'eq';
  const strict = given.get('strict') ?? null;
  const type = given.get('version_type') ?? null;
  const fail = (m: string) => new PyError('ansible', m);
  if (strict !== null && type !== null) throw fail("Cannot specify both 'strict' and 'version_type'");
  if (!truthy(v)) throw fail('Input version value cannot be empty');
  if (!truthy(version)) throw fail('Version parameter to compare against cannot be empty');
  let kind = 'loose';
  if (truthy(strict)) kind = 'strict';
  else if (truthy(type)) {
    const t = isStr(type) ? text(type) : null;
    if (t === null || !VERSION_TYPES.includes(t)) {
      if (t === null) throw notRead('which names a version type by a value that is not a str');
      throw fail(`Invalid version type (${t}). Must be one of ${VERSION_TYPES.map((x) => `'${x}'`).join(', ')}`);
    }
    if (t === 'pep440') throw notRead('which compares pep440 versions, which bdm-lab does not');
    kind = t === 'semantic' ? 'semver' : t;
  }
  const o = isStr(op) && Object.prototype.hasOwnProperty.call(VERSION_OPS, text(op)) ? VERSION_OPS[text(op)]! : null;
  if (!o) {
    if (!isStr(op)) throw notRead('which names an operator by a value that is not a str');
    throw fail(`Invalid operator type (${text(op)}). Must be one of ${Object.keys(VERSION_OPS).map((x) => `'${x}'`).join(', ')}`);
  }
  const a = pyStr(v, b);
  const z = pyStr(version, b);
  if (/[^\x00-\x7f]/.test(a + z)) throw notRead('which compares versions written outside ASCII');
  if (/\d{16}/.test(a) || /\d{16}/.test(z)) throw notRead('which compares version numbers of more digits than bdm-lab reads exactly');
  let c: number;
  try {
    c = kind === 'loose' ? looseCmp(loose(a), loose(z)) : kind === 'strict' ? strictCmp(strictVersion(a), strictVersion(z)) : semverCmp(semver(a), semver(z));
  } catch (e) {
    if (e instanceof VersionFailed) throw fail(`Version comparison failed: ${e.message}`);
    throw e;
  }
  return o === 'eq' ? c === 0 : o === 'ne' ? c !== 0 : o === 'lt' ? c < 0 : o === 'le' ? c <= 0 : o === 'gt' ? c > 0 : c >= 0;
}

/** the exception version_compare words after 'Version comparison failed: ' */
class VersionFailed extends Error {}

/** LooseVersion.parse: the runs of digits (numbers) and of a-z, and whatever lies between, without the dots */
function loose(s: string): Parsed {
  return s.split(/(\d+|[a-z]+|\.)/).filter((x) => x && x !== '.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/** Python's list comparison of two LooseVersion lists (-1, 0, 1): a number and a word do not order (TypeError) */
function looseCmp(a: Parsed, z: Parsed): number {
  const n = Math.min(a.length, z.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = z[i]!;
    if (x === y) continue;
    if (typeof x !== typeof y) throw new VersionFailed(`'<' not supported between instances of '${typeof x === 'number' ? 'int' : 'str'}' and '${typeof y === 'number' ? 'int' : 'str'}'`);
    return x < y ? -1 : 1;
  }
  return a.length === z.length ? 0 : a.length < z.length ? -1 : 1;
}

/** StrictVersion.parse: major.minor[.patch] and an optional a/b pre-release */
function strictVersion(s: string): { v: number[]; pre: [string, number] | null } {
  const m = /^(\d+)\.(\d+)(\.(\d+))?(([ab])(\d+))?\n?$/.exec(s);
  if (!m) throw new VersionFailed(`invalid version number '${s}'`);
  return { v: [Number(m[1]), Number(m[2]), m[4] ? Number(m[4]) : 0], pre: m[5] ? [m[6]!, Number(m[7])] : null };
}

const tupleCmp = (a: Array<number | string>, z: Array<number | string>): number => {
  for (let i = 0; i < Math.min(a.length, z.length); i++) if (a[i] !== z[i]) return a[i]! < z[i]! ? -1 : 1;
  return a.length - z.length;
};

function strictCmp(a: ReturnType<typeof strictVersion>, z: ReturnType<typeof strictVersion>): number {
  const c = tupleCmp(a.v, z.v);
  if (c) return c;
  if (!a.pre && !z.pre) return 0;
  if (!a.pre) return 1;
  if (!z.pre) return -1;
  return tupleCmp(a.pre, z.pre);
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\n?$/;

/** SemanticVersion.parse: the core, and whether it is a pre-release */
function semver(s: string): { core: number[]; pre: boolean } {
  const m = SEMVER.exec(s);
  if (!m) throw new VersionFailed(`invalid semantic version '${s}'`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: !!m[4] };
}

function semverCmp(a: ReturnType<typeof semver>, z: ReturnType<typeof semver>): number {
  const c = tupleCmp(a.core, z.core);
  if (c) return c;
  if (!a.pre && !z.pre) return 0;
  if (a.pre && z.pre) throw notRead('which compares two semantic pre-releases, which bdm-lab does not order');
  return a.pre ? -1 : 1;
}

/** `value is name` (no arguments), or a comparing test with its one positional argument */
export function applyTest(name: string, v: unknown, args: unknown[], kwargs = 0, kw: Array<[string, unknown]> = [], b: Budget = { left: 1_000_000 }): boolean {
  if ((name === 'odd' || name === 'even') && !args.length && !kwargs) return modTest(v, 2, name === 'odd' ? 1 : 0, b);
  if (name === 'divisibleby' && args.length === 1 && !kwargs) return modTest(v, args[0], 0, b);
  const base = name.startsWith('ansible.builtin.') ? name.slice('ansible.builtin.'.length) : name;
  if ((base === 'match' || base === 'search' || base === 'regex') && kw.length === kwargs) {
    for (const x of [v, ...args, ...kw.map(([, y]) => y)]) if (x instanceof Undef && x.cause) throw x.cause;
    return regexTest(base, v, args, kw, b);
  }
  if (base === 'version' || base === 'version_compare') {
    for (const x of [v, ...args, ...kw.map(([, y]) => y)]) if (x instanceof Undef && x.cause) throw x.cause;
    if (kw.length !== kwargs) throw notRead('which gives the test `version` keywords bdm-lab does not read');
    return versionTest(v, args, kw, b);
  }
  if (name === 'sameas' && args.length === 1 && !kwargs) {
    const x = args[0];
    for (const y of [v, x]) if (y instanceof Undef && y.cause) throw y.cause;
    const r = sameAs(v, x);
    if (r !== null) return r;
  }
  const cmp = Object.prototype.hasOwnProperty.call(COMPARE_TESTS, name) ? COMPARE_TESTS[name]! : undefined;
  if (cmp && args.length === 1 && !kwargs) {
    for (const x of [v, args[0]]) if (x instanceof Undef && x.cause) throw x.cause;
    return cmp(v, args[0]);
  }
  const t = Object.prototype.hasOwnProperty.call(TESTS, name) ? TESTS[name]! : undefined;
  const n = args.length + kwargs;
  if (!t || n) throw notRead(`which uses the test \`${name}\`${n ? ' with arguments' : ''}, which bdm-lab does not apply`);
  if (v instanceof Undef && v.cause) throw v.cause;
  return t(v);
}

