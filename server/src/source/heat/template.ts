/**
 * A HOT template read as Heat reads it (template_format.parse: PyYAML's YAML 1.1 safe loader,
 * timestamps kept as strings), each value keeping where it is written, and the intrinsic
 * functions a server's properties use resolved as far as the template itself allows:
 * `get_param` (a given value, else the parameter's default, else the stand-in the heat-oracle
 * fills, with a note), `get_resource` / `get_attr` (stand-in ids of the resource, which Heat
 * creates before the server), `str_replace`, `list_join`. Anything else is unresolved and named
 * in a note, never guessed; `get_file` reads nothing.
 *
 * The `yaml` package gives each node its range (offsets in the text); it is run with YAML 1.1
 * scalars (PyYAML's `yes`/`no` booleans, `010` octal; a plain number read by PyYAML's own
 * resolver, so `1e3`, `08`, `0:10` stay strings), merge keys as SafeConstructor merges them
 * (`<<: *x`, `<<: [*a, *b]`: the mapping's own keys win, then the earlier source), duplicated keys allowed (PyYAML keeps the last value under the first key, keys equal as Python's dict finds them: 1, 1.0 and true are one), at most 100 aliases and
 * a bounded number of nodes, so a hostile template costs little. Flow collections and quoted
 * scalars are read by PyYAML's rules rather than YAML 1.2's (pyYamlFlow.ts: their later lines at
 * any indentation; PyYAML's refusals there, and an alias before its anchor, in Heat's words).
 * Whether Heat refuses the text at all (libyaml and PyYAML both, or SafeConstructor), and then in
 * PyYAML's words with its marks, is worked out first by pyYamlParse.ts, block context included.
 *
 * Heat then reads the parameters section into parameter schemas (HOTParamSchema.from_dict, when
 * the stack is made, before any resource or condition): a schema it cannot read refuses the
 * whole template, and that is the template's error here.
 */
import { firstSortFailure, Unordered } from './pySort';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YNode } from 'yaml';
import { withoutStacks } from '../../parse/noStacks';
import type { Span } from '../../text/span';
import { MAX_READ_DEPTH, readerOverflowed, tooDeep } from '../readLimit';
import { TemplateError, TemplateLimit } from './paramType';
import { asciiDigits, bytesAscii, clearExact, keepKeyOrder, exactAt, markBytes, markExact, markSet, markTuple, pyRepr, pyStr } from './py';
import { pyCompile } from './pyRegex';
import { byCodePoints, isPySpace } from '../../parse/pyrepr';
import { anchorRefusal, readFlowAsPyYaml, tabRefusal } from './pyYamlFlow';
import { pyYamlRefusal } from './pyYamlParse';

/** A template value, resolved, with where it is written. */
export interface RNode {
  kind: 'map' | 'seq' | 'scalar' | 'unresolved';
  /** the value as Python holds it after resolution (maps as plain objects in key order) */
  value: unknown;
  /** the text that writes the value (for a resolved function: the function call) */
  span: Span;
  /** the key of the map entry that holds it, when there is one */
  keySpan?: Span;
  entries?: Array<[string, RNode]>;
  /** Python's str() of the key that holds it, where that is not the key's text (`null:` is None, `yes:` True) */
  keyText?: string;
  /** the key's Python class and number where it is not a str (`1:` int, `1.0:` float, `yes:` bool, `null:` NoneType) */
  keyClass?: { name: string; num: number };
  items?: RNode[];
  /** a number Python reads as a float (`1.0`, `1e3`) */
  float?: boolean;
  /** an int past 2^53: its decimal digits, as Python's str() writes them (the value is only near it) */
  bigText?: string;
  /** an `if` without value_if_false whose condition is false: Heat treats the item as not written */
  absent?: boolean;
  /** why it is unresolved, for a note */
  why?: string;
  /**
   * a map whose entries only the cloud knows (a `get_attr` of every attribute of a resource):
   * Python's repr of it is written `{…}`
   */
  opaque?: true;
  /** a `!!binary` value: a list of its byte values (as Heat's resources see it); in the parameters section, Python bytes (py.ts markBytes) */
  bytes?: true;
  /** a `!!set` value: the list of its members (as Heat's resources see it); in the parameters section, a Python set (py.ts markSet) */
  set?: true;
  /** a `!!omap`/`!!pairs` item: a list of its key and value (as Heat's resources see it); in the parameters section, a Python tuple (py.ts markTuple) */
  pair?: true;
}

/**
 * Python's repr() of a value as written or resolved: a map's keys in the order written, a key that
 * is no string as its str() (an int, a float, True, None: repr() writes them so too), a float as one
 */
export function reprNode(n: RNode): string {
  if (n.opaque) return '{…}';
  if (n.kind === 'seq' && n.items) return `[${n.items.map(reprNode).join(', ')}]`;
  if (n.kind === 'map' && n.entries) return `{${n.entries.map(([k, v]) => `${v.keyText ?? pyRepr(k)}: ${reprNode(v)}`).join(', ')}}`;
  if (n.bigText) return n.bigText;
  return pyRepr(n.value, !!n.float);
}

export interface TemplateNote {
  span: Span;
  message: string;
  /** the rule it is shown as: BDM-HEAT-NOTE (a value only the running stack knows) unless said */
  code?: 'BDM-HEAT-NOT-CREATED';
}

export interface Template {
  text: string;
  root: RNode | null;
  /** the template's own parse problem (Heat refuses the template), else null; `limit`: bdm-lab's own bound, not Heat's verdict */
  error: { message: string; span: Span; limit?: true } | null;
  resources: Array<{ name: string; type: string; node: RNode; keySpan: Span }>;
  parameters: Map<string, RNode>;
}

const MAX_NODES = 20000;
const ZERO: Span = { offset: 0, length: 0 };

class Budget {
  n = 0;
  /** each alias's node, found once (the yaml package looks an alias's anchor up over the whole document) */
  private readonly anchors = new Map<unknown, unknown>();
  resolve(doc: Document, a: unknown): unknown {
    if (!isAlias(a)) return a;
    if (!this.anchors.has(a)) this.anchors.set(a, a.resolve(doc));
    return this.anchors.get(a);
  }
  /** an offset in the text the yaml package read as one in the template as written */
  constructor(readonly at: (offset: number) => number = (x) => x) {}
  span(r: [number, number, number] | null | undefined): Span {
    if (!r) return ZERO;
    const offset = this.at(r[0]);
    return { offset, length: Math.max(0, this.at(r[1]) - offset) };
  }
  take(): void {
    if (++this.n > MAX_NODES) throw new TemplateLimit(`the template has more than ${MAX_NODES} YAML nodes; bdm-lab reads no further`, ZERO);
  }
}

// PyYAML's YAML 1.1 implicit number types of a plain scalar (resolver.py): narrower than the yaml
// package's (`1e3`, `08`, `+.5`, `0:10` stay strings; `0_` is 0)
const YAML_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** construct_yaml_int / construct_yaml_float on a plain scalar PyYAML reads as a number (no negative zero for an int) */
function pyYamlNumber(src: string, float: boolean): number {
  let t = src.replace(/_/g, '');
  let sign = 1;
  if (t[0] === '-' || t[0] === '+') { if (t[0] === '-') sign = -1; t = t.slice(1); }
  const base60 = (body: string) => body.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  let v: number;
  if (float) v = /^\.inf$/i.test(t) ? Infinity : /^\.nan$/i.test(t) ? NaN : t.includes(':') ? base60(t) : Number(t);
  else if (t.includes(':')) v = base60(t);
  else if (t.startsWith('0b')) v = parseInt(t.slice(2), 2);
  else if (t.startsWith('0x')) v = parseInt(t.slice(2), 16);
  else if (t.length > 1 && t[0] === '0') v = parseInt(t, 8);
  else v = Number(t);
  return float ? sign * v : (sign * v) || 0;
}

const TAG = 'tag:yaml.org,2002:';
const BOOL_WORDS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

/** SafeConstructor's refusal of a tagged scalar's text: Python's exception, its words (Heat says no more) */
class ConstructError extends Error { span?: Span }

/** the text without the white space int() and float() strip at its ends, in ASCII (str.isspace) */
function pyTrim(s: string): string {
  const space = (c: number) => c < 0x80 && isPySpace(c);
  let a = 0;
  let b = s.length;
  while (a < b && space(s.charCodeAt(a))) a++;
  while (b > a && space(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
const INT_DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 16: '0x' };


/**
 * The text int() and float() read (_PyUnicode_TransformDecimalAndSpaceToASCII): each decimal
 * digit (Unicode Nd, which comes in runs of ten from 0) as its ASCII digit, each white space as a
 * space, any other character past ASCII as `?`
 */
function asciiNumberText(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (isPySpace(cp)) out += ' ';
    else if (/\p{Nd}/u.test(ch)) {
      let start = cp;
      while (start > cp - 60 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
      out += String((cp - start) % 10);
    } else out += '?';
  }
  return out;
}

/** Python's int(s, base) of a text without `_` (PyYAML took them out): its value, or its ValueError */
function pyInt(s: string, base: number): bigint {
  let t = pyTrim(asciiNumberText(s));
  let neg = false;
  if (t[0] === '-' || t[0] === '+') { neg = t[0] === '-'; t = t.slice(1); }
  if (base !== 10 && t.slice(0, 2).toLowerCase() === PREFIX[base]) t = t.slice(2);
  if (!INT_DIGITS[base].test(t)) {
    const r = pyRepr(s);
    throw new ConstructError(`invalid literal for int() with base ${base}: ${r.length > 200 ? r.slice(0, 200) : r}`);
  }
  const v = BigInt(base === 10 ? t : `${PREFIX[base]}${t}`);
  return neg ? -v : v;
}

/** Python's float(s) of an ASCII text: its value, or its ValueError */
function pyFloat(s: string): number {
  const t = pyTrim(asciiNumberText(s)).toLowerCase();
  const m = /^([-+]?)(?:(inf|infinity|nan)|((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[-+]?[0-9]+)?))$/.exec(t);
  if (!m) throw new ConstructError(`could not convert string to float: ${pyRepr(s)}`);
  const v = m[2] === 'nan' ? NaN : m[2] ? Infinity : Number(m[3]);
  return m[1] === '-' ? -v : v;
}

type Constructed = { value: unknown; float: boolean; big?: string };

/** construct_yaml_int: its sign, then 0, binary, hex, octal (any leading 0), base 60 or decimal, each by int() */
function constructInt(src: string): Constructed {
  let t = src.replace(/_/g, '');
  // ''[0]: Python's IndexError
  if (!t) throw new ConstructError('string index out of range');
  const neg = t[0] === '-';
  if (t[0] === '-' || t[0] === '+') t = t.slice(1);
  let v: bigint;
  if (t === '0') v = 0n;
  else if (t.startsWith('0b')) v = pyInt(t.slice(2), 2);
  else if (t.startsWith('0x')) v = pyInt(t.slice(2), 16);
  else if (!t) throw new ConstructError('string index out of range');
  else if (t[0] === '0') v = pyInt(t, 8);
  else if (t.includes(':')) v = t.split(':').map((part) => pyInt(part, 10)).reduce((acc, d) => acc * 60n + d, 0n);
  else v = pyInt(t, 10);
  if (neg) v = -v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? { value: n, float: false } : { value: n, float: false, big: v.toString() };
}

/** construct_yaml_float: its sign, then .inf, .nan, base 60 (each part by float()) or float() */
function constructFloat(src: string): Constructed {
  let t = src.replace(/_/g, '').toLowerCase();
  if (!t) throw new ConstructError('string index out of range');
  const sign = t[0] === '-' ? -1 : 1;
  if (t[0] === '-' || t[0] === '+') t = t.slice(1);
  let v: number;
  if (t === '.inf') v = Infinity;
  else if (t === '.nan') return { value: NaN, float: true };
  else if (t.includes(':')) v = t.split(':').map(pyFloat).reduce((acc, d) => acc * 60 + d, 0);
  else v = pyFloat(t);
  return { value: sign * v, float: true };
}

/**
 * A scalar with an explicit standard tag, as SafeConstructor builds it whatever its text's style
 * (`!!float 1` is 1.0, `!!int "20"` 20, `!!bool yes` True, `!!null ""` None, `!!str 20` '20'); a
 * text the constructor refuses is refused in Python's words (`!!int ''`: "string index out of
 * range", `!!bool x`: KeyError's 'x').
 */
function taggedScalar(tag: string, src: string): Constructed | null {
  switch (tag) {
    case TAG + 'str': return { value: src, float: false };
    case TAG + 'null': return { value: null, float: false };
    case TAG + 'bool': {
      const b = BOOL_WORDS[src.toLowerCase()];
      if (b === undefined) throw new ConstructError(pyRepr(src.toLowerCase()));
      return { value: b, float: false };
    }
    case TAG + 'int': return constructInt(src);
    case TAG + 'float': return constructFloat(src);
    default: return null;
  }
}

/** `!!binary`'s bytes (base64, white space skipped) */
function binaryBytes(src: string): number[] {
  const b64 = src.replace(/[^A-Za-z0-9+/=]/g, '');
  return Array.from(Buffer.from(b64, 'base64'));
}

function scalarValue(n: YNode & { value?: unknown; source?: string; type?: string; tag?: string }): Constructed {
  if (n.tag && n.tag.startsWith(TAG) && typeof n.source === 'string') {
    const t = taggedScalar(n.tag, n.source);
    if (t) return t;
  }
  if (n.type === 'PLAIN' && !n.tag && typeof n.source === 'string') {
    const src = n.source;
    if (YAML_FLOAT.test(src)) return { value: pyYamlNumber(src, true), float: true };
    if (YAML_INT.test(src)) return { value: pyYamlNumber(src, false), float: false };
    // a number to the yaml package only: a string to PyYAML
    if (typeof n.value === 'number') return { value: src, float: false };
  }
  const v = n.value;
  // PyYAML's YAML 1.1 booleans are true/false/yes/no/on/off only: a plain `y` or `n` stays a string
  if (typeof v === 'boolean' && /^[yYnN]$/.test(n.source ?? '')) return { value: n.source, float: false };
  if (v instanceof Date) return { value: n.source ?? v.toISOString().slice(0, 10), float: false };
  if (typeof v === 'number') return { value: v, float: !Number.isInteger(v) || /[.eE]|inf|nan/i.test(n.source ?? '') };
  if (v === undefined) return { value: null, float: false };
  if (typeof v === 'object' && v !== null && !(typeof v === 'string')) return { value: String(v), float: false };
  return { value: v, float: false };
}

type YPair = { key: unknown; value: unknown };

/** a merge key: a plain `<<` (YAML 1.1's merge type), or one tagged `!!merge` */
function isMergeKey(k: unknown): boolean {
  if (!isScalar(k)) return false;
  const s = k as { type?: string; source?: string; tag?: string };
  return s.tag === 'tag:yaml.org,2002:merge' || (!s.tag && s.type === 'PLAIN' && s.source === '<<');
}

/**
 * A mapping's pairs as SafeConstructor's flatten_mapping leaves them: every `<<` value (a mapping,
 * or a list of mappings, each flattened itself, where an earlier mapping of the list wins over a
 * later one) brings its pairs first, in the order of the `<<` keys, then come the mapping's own
 * pairs, so that (the last of duplicated keys winning) an own key wins over a merged one. Anything
 * else under `<<` PyYAML refuses (pyYamlParse.ts says so first). Each pair read counts against the budget.
 */
function mergedPairs(doc: Document, m: YNode, budget: Budget, depth = 0): YPair[] {
  const items = (m as unknown as { items: YPair[] }).items;
  if (!items.some((p) => isMergeKey(p.key))) return items;
  if (depth > MAX_READ_DEPTH) throw new TemplateLimit(tooDeep('the template'), ZERO);
  const deref = (x: unknown): unknown => budget.resolve(doc, x);
  const merged: YPair[] = [];
  const own: YPair[] = [];
  for (const p of items) {
    if (!isMergeKey(p.key)) { own.push(p); continue; }
    const v = deref(p.value);
    const parts = isSeq(v) ? v.items.map(deref) : [v];
    // (each source read counts too: merges of empty merges cost no pairs)
    const flat = parts.map((x) => { budget.take(); return isMap(x) ? mergedPairs(doc, x as YNode, budget, depth + 1) : []; });
    for (const ps of flat.reverse()) {
      for (let i = 0; i < ps.length; i++) budget.take();
      merged.push(...ps);
    }
  }
  return [...merged, ...own];
}

/** the exact decimal digits of a YAML int written in decimal, hex, octal or binary (not base 60) */
function exactInt(src: string): string | undefined {
  let t = src.replace(/_/g, '');
  let sign = '';
  if (t[0] === '-' || t[0] === '+') { if (t[0] === '-') sign = '-'; t = t.slice(1); }
  let v: bigint;
  if (/^0b[01]+$/.test(t) || /^0x[0-9a-fA-F]+$/.test(t)) v = BigInt(t);
  else if (/^0[0-7]+$/.test(t)) v = BigInt(`0o${t.slice(1)}`);
  else if (/^[0-9]+$/.test(t)) v = BigInt(t);
  else return undefined;
  return v === 0n ? '0' : sign + v.toString();
}

/** mark a number a JavaScript number does not tell apart in its plain container (py.ts markExact) */
function markNumber(container: object, key: string | number, x: RNode): void {
  if (x.bigText !== undefined) markExact(container, key, x.value as number, x.bigText);
  else if (x.float && Number.isInteger(x.value)) markExact(container, key, x.value as number, pyRepr(x.value, true));
}

/** a scalar's value, or SafeConstructor's refusal of it (where it is written) */
function constructed(n: YNode, budget: Budget, span?: Span): Constructed {
  try {
    return scalarValue(n as YNode & { value?: unknown });
  } catch (e) {
    if (e instanceof ConstructError) e.span ??= span ?? budget.span(n.range);
    throw e;
  }
}

/**
 * The class of keys Python's dict takes for one (hash and ==): a str by its text; True, 1, 1.0
 * (and False, 0, 0.0, -0.0) as one number; None; PyYAML's one NaN object (every `.nan` is it).
 * An int past 2^53 without its exact digits is kept apart by its spelling (never merged by a guess).
 */
function pyKeyClass(kv: Constructed, source: string): string {
  const v = kv.value;
  if (typeof v === 'string') return `s:${v}`;
  if (v === null) return 'none';
  if (typeof v === 'boolean') return v ? 'n:1' : 'n:0';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'n:inf' : 'n:-inf';
    if (kv.big !== undefined) return `n:${kv.big}`;
    if (Number.isInteger(v)) return kv.float || Number.isSafeInteger(v) ? `n:${BigInt(v)}` : `n:${exactInt(source) ?? `?${source}`}`;
    return `n:${v}`;
  }
  return `o:${String(v)}`;
}

/** a non-str key as json.dumps spells it in a body (`1.0`, `-0.0`, an int past 2^53 by its digits) */
function keySpelling(kv: Constructed, source: string): string {
  const v = kv.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (kv.float) return Object.is(v, -0) ? '-0.0' : pyStr(v, true);
  return kv.big ?? (Number.isSafeInteger(v) ? String(v) : exactInt(source) ?? String(v));
}

/** A YAML node as an RNode (aliases followed, within the budget). */
function fromYaml(doc: Document, n: YNode | null | undefined, budget: Budget, depth = 0): RNode {
  budget.take();
  // nesting counted from the document's root
  if (depth > MAX_READ_DEPTH) throw new TemplateLimit(tooDeep('the template'), ZERO);
  if (!n) return { kind: 'scalar', value: null, span: ZERO };
  if (isAlias(n)) return { ...fromYaml(doc, budget.resolve(doc, n) as YNode, budget, depth + 1), span: budget.span(n.range) };
  const span = budget.span(n.range);
  const tag = (n as { tag?: string }).tag;
  // `!!set`: a Python set (Heat holds it as the list of its members); `!!omap`, `!!pairs`: a list
  // of (key, value) pairs (Heat holds each as a list); `!!binary`: bytes (Heat holds a list of ints)
  if (tag === TAG + 'set' && isMap(n)) {
    const items = n.items.map((p) => fromYaml(doc, p.key as YNode | null, budget, depth + 1));
    return { kind: 'seq', value: items.map((x) => x.value), span, items, set: true };
  }
  if ((tag === TAG + 'omap' || tag === TAG + 'pairs') && isSeq(n)) {
    const items = n.items.map((p): RNode => {
      const pair = p as { key?: unknown; value?: unknown; range?: [number, number, number] };
      const kv = [fromYaml(doc, pair.key as YNode | null, budget, depth + 2), fromYaml(doc, pair.value as YNode | null, budget, depth + 2)];
      const at = kv[0].span.length ? kv[0].span : span;
      return { kind: 'seq', value: kv.map((x) => x.value), span: at, items: kv, pair: true };
    });
    return { kind: 'seq', value: items.map((x) => x.value), span, items };
  }
  if (tag === TAG + 'binary' && isScalar(n) && typeof (n as { source?: unknown }).source === 'string') {
    const items = binaryBytes((n as { source: string }).source).map((b): RNode => { budget.take(); return { kind: 'scalar', value: b, span }; });
    return { kind: 'seq', value: items.map((x) => x.value), span, items, bytes: true };
  }
  if (isMap(n)) {
    const entries: Array<[string, RNode]> = [];
    const value: Record<string, unknown> = {};
    // where each key is in entries (a key written again replaces its entry: the last one wins)
    const where = new Map<string, number>();
    for (const p of mergedPairs(doc, n, budget)) {
      const k = p.key as YNode | null;
      const kv = k && isScalar(k) ? constructed(k, budget) : null;
      // a list or dict as a key (PyYAML refuses it, or recurses past its limit first) is not written
      // out: the yaml package's text of a nested one grows fourfold per level
      // (a float key is spelt as json.dumps spells it: `1.0`, not `1`)
      const written = kv ? keySpelling(kv, (k as { source?: string }).source ?? '') : k && (isMap(k) || isSeq(k)) ? `<${isMap(k) ? 'dict' : 'list'} at ${k.range?.[0] ?? 0}>` : String(k ?? '');
      const child = fromYaml(doc, p.value as YNode | null, budget, depth + 1);
      child.keySpan = k ? budget.span(k.range) : span;
      if (kv && typeof kv.value !== 'string') {
        // (str() of an int past 2^53 is its exact digits; of -0.0, `-0.0`)
        child.keyText = typeof kv.value === 'number' && Number.isFinite(kv.value) ? keySpelling(kv, (k as { source?: string }).source ?? '') : pyStr(kv.value, kv.float);
        const v = kv.value;
        child.keyClass = { name: v === null ? 'NoneType' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (kv.float ? 'float' : 'int') : typeof v, num: typeof v === 'number' ? v : v === true ? 1 : 0 };
      }
      if (child.span.length === 0 && !p.value) child.span = { offset: child.keySpan.offset + child.keySpan.length, length: 0 };
      // a key equal in Python to an earlier one (1, 1.0 and true are one key) keeps that key, and
      // its place, with the later value
      const same = kv ? pyKeyClass(kv, (k as { source?: string }).source ?? '') : `s:${written}`;
      const at = where.get(same);
      const key = at !== undefined ? entries[at][0] : written;
      if (at !== undefined) {
        const first = entries[at][1];
        if (first.keyText === undefined) delete child.keyText;
        else child.keyText = first.keyText;
        if (first.keyClass === undefined) delete child.keyClass;
        else child.keyClass = first.keyClass;
        entries[at] = [key, child];
        clearExact(value, key);
      } else where.set(same, entries.push([key, child]) - 1);
      value[key] = child.value;
      markNumber(value, key, child);
    }
    keepKeyOrder(value, entries.map(([k]) => k));
    return { kind: 'map', value, span, entries };
  }
  if (isSeq(n)) {
    const items = n.items.map((x) => fromYaml(doc, x as YNode, budget, depth + 1));
    const value = items.map((x) => x.value);
    items.forEach((x, i) => markNumber(value, i, x));
    return { kind: 'seq', value, span, items };
  }
  const { value, float, big: tagged } = constructed(n, budget, span);
  if (tagged !== undefined) return { kind: 'scalar', value, span, float, bigText: tagged };
  if (typeof value === 'number' && !float && !Number.isSafeInteger(value)) {
    const big = exactInt((n as { source?: string }).source ?? '');
    if (big !== undefined) return { kind: 'scalar', value, span, float, bigText: big };
  }
  return { kind: 'scalar', value, span, float };
}

/** The entry of a map node by key. */
export function entry(n: RNode | undefined, key: string): RNode | undefined {
  return n?.entries?.find(([k]) => k === key)?.[1];
}

/** the anchors and aliases of a document, in the order written (offsets in the template as written) */
function anchorMarks(doc: Document, at: (x: number) => number, text: string): Array<{ anchor?: string; alias?: string; at: number; flow?: boolean }> {
  const marks: Array<{ anchor?: string; alias?: string; at: number; flow?: boolean }> = [];
  visit(doc, {
    Node(_, n, path) {
      const start = n.range ? at(n.range[0]) : 0;
      if (isAlias(n)) marks.push({ alias: n.source, at: start, flow: path.some((p) => (isMap(p) || isSeq(p)) && !!p.flow) });
      else if (n.anchor) marks.push({ anchor: n.anchor, at: Math.max(0, text.lastIndexOf(`&${n.anchor}`, start)) });
      return undefined;
    },
  });
  return marks.sort((a, b) => a.at - b.at);
}

/** True when the yaml package read a flow collection opening at `offset` (the reader there agrees on where flow context begins) */
function flowOpens(doc: Document, at: (x: number) => number, offset: number | undefined): boolean {
  if (offset === undefined) return false;
  let hit = false;
  visit(doc, { Node(_, n) { if ((isMap(n) || isSeq(n)) && n.flow && n.range && at(n.range[0]) === offset) { hit = true; return visit.BREAK; } return undefined; } });
  return hit;
}

/**
 * The template's YAML as Heat's template_format reads it, each value with where it is written, or
 * the reader's refusal (Heat's words where bdm-lab has them: pyYamlFlow.ts).
 */
export function readYaml(text: string): { root: RNode } | { error: NonNullable<Template['error']> } {
  // Heat's refusal (libyaml's and PyYAML's both), in PyYAML's words, where bdm-lab follows them (pyYamlParse.ts)
  const py = pyYamlRefusal(text);
  if (py) return { error: { message: py.message, span: { offset: py.offset, length: 1 } } };
  const options = { version: '1.1', merge: false, uniqueKeys: false, prettyErrors: false } as const;
  let doc = withoutStacks(() => parseDocument(text, options));
  // flow collections and quoted scalars read as PyYAML reads them (pyYamlFlow.ts): their later
  // lines at any indentation, its refusals in Heat's words
  const flow = readFlowAsPyYaml(text);
  let at = (x: number) => x;
  // the document whose anchors are read: the text with its flow lines indented further, where that is read further
  let read = { doc, at };
  if ((doc.errors.length || flow.spaced) && flow.text !== text) {
    const again = withoutStacks(() => parseDocument(flow.text, options));
    read = { doc: again, at: flow.toOriginal };
    if (!again.errors.length) { doc = again; at = flow.toOriginal; }
  }
  // PyYAML's composer: an alias before its anchor, an anchor defined twice (what is read before any error)
  const marks = anchorMarks(read.doc, read.at, text);
  let refused: { message: string; offset: number } | null = anchorRefusal(text, marks);
  // (where the yaml package refuses the text, only before a refusal of pyYamlFlow.ts: its other errors bdm-lab does not word)
  if (refused && read.doc.errors.length && !(flow.refusal && refused.offset < (flow.refusal.since ?? flow.refusal.offset) && read.at(read.doc.errors[0].pos[0]) >= Math.min(refused.offset, flow.refusal.opener ?? Infinity))) refused = null;
  // pyYamlFlow.ts's refusal: where the yaml package refuses nothing before the construct that holds it
  // (nor before a tab PyYAML stops at), or reads that construct as a flow collection too
  const region = Math.min(flow.refusal?.opener ?? flow.refusal?.offset ?? 0, flow.firstTab >= 0 ? flow.firstTab : Infinity);
  const trusted = read.doc.errors.length ? read.at(read.doc.errors[0].pos[0]) >= region : flowOpens(read.doc, read.at, flow.refusal?.opener);
  if (flow.refusal && trusted && !(refused && refused.offset < (flow.refusal.since ?? flow.refusal.offset))) refused = flow.refusal;
  if (refused) {
    // PyYAML's own scanner stops at its first tab, before anything later
    if (refused !== flow.refusal) {
      // an alias may be a simple key (not after a `:` in flow context): the scanner holds it back
      // until the next token, and stops at a tab there
      const mark = marks.find((m) => m.at === refused!.offset);
      let b = refused.offset - 1;
      while (text[b] === ' ') b--;
      let p = mark?.flow && text[b] === ':' ? text.length : refused.offset + 1;
      while (p < text.length && !/[\s,\]}]/.test(text[p])) p++;
      while (p < text.length && (text[p] === ' ' || text[p] === '\n' || text[p] === '\r' || text[p] === '#')) { if (text[p] === '#') while (p < text.length && text[p] !== '\n') p++; else p++; }
      const tab = flow.firstTab >= 0 && flow.firstTab < refused.offset ? flow.firstTab : text[p] === '\t' ? p : -1;
      if (tab >= 0) refused = tabRefusal(text, tab);
    }
    return { error: { message: refused.message, span: { offset: refused.offset, length: 1 } } };
  }
  const err = doc.errors[0];
  if (err) {
    const span = { offset: err.pos[0], length: Math.max(1, err.pos[1] - err.pos[0]) };
    // the reader ran out of stack (thousands of levels): bdm-lab's limit, not a YAML error of Heat's
    if (readerOverflowed(err.message)) return { error: { message: tooDeep('the template'), span, limit: true } };
    return { error: { message: err.message.split('\n')[0], span } };
  }
  try {
    return { root: fromYaml(doc, doc.contents as YNode, new Budget(at)) };
  } catch (e) {
    return { error: { message: (e as Error).message, span: (e instanceof ConstructError && e.span) || ZERO, ...(e instanceof TemplateLimit || e instanceof RangeError ? { limit: true as const } : {}) } };
  }
}

/**
 * Heat reads the parameters section with its `!!binary` values as Python bytes (`!!set` as sets,
 * `!!omap`/`!!pairs` items as tuples), while what its function parser reads (the resources,
 * outputs, conditions) makes lists of them: the parameters section's such values become copies
 * marked as bytes, sets or tuples (py.ts markBytes, markSet, markTuple), so that Python's str(),
 * repr() and the parameter types treat them so, and a value an alias
 * shares with another section stays a list there. The containers on the way are copied (their
 * exact numbers kept); the rest is shared. One walk of the section's nodes.
 */
function withParameterBytes(n: RNode, depth = 0): RNode {
  if (n.bytes && Array.isArray(n.value)) {
    const v = [...n.value as number[]];
    markBytes(v);
    return { ...n, value: v };
  }
  if (depth > MAX_READ_DEPTH) return n;
  if (n.set && n.items) return asPySet(n, depth);
  if (n.entries) {
    const entries = n.entries.map(([k, x]): [string, RNode] => [k, withParameterBytes(x, depth + 1)]);
    if (entries.every(([, x], i) => x === n.entries![i][1])) return n;
    const value: Record<string, unknown> = {};
    for (const [k, x] of entries) {
      value[k] = x.value;
      const exact = exactAt(n.value as object, k);
      if (exact !== undefined) markExact(value, k, x.value as number, exact);
    }
    keepKeyOrder(value, entries.map(([k]) => k));
    return { ...n, entries, value };
  }
  if (n.items) {
    const items = n.items.map((x) => withParameterBytes(x, depth + 1));
    if (!n.pair && items.every((x, i) => x === n.items![i])) return n;
    const value = items.map((x) => x.value);
    if (n.pair) markTuple(value);
    items.forEach((x, i) => {
      // (a pair's float is marked here: its list had no marks)
      const exact = exactAt(n.value as object, i) ?? (n.pair && x.float && typeof x.value === 'number' ? pyRepr(x.value, true) : undefined);
      if (exact !== undefined) markExact(value, i, x.value as number, exact);
    });
    return { ...n, items, value };
  }
  return n;
}

/** a member's identity for a set: equal numbers (a bool too) are one member, as are equal strings; anything else is its own */
function memberKey(x: unknown, i: number): string {
  if (typeof x === 'string') return `s:${x}`;
  if (typeof x === 'number' || typeof x === 'boolean') return `n:${Number(x)}`;
  return x === null ? 'none' : `#${i}`;
}

/** a `!!set` in the parameters section: a copy marked as a Python set, each member once (the first written of equal ones, as set.update keeps it) */
function asPySet(n: RNode, depth: number): RNode {
  const seen = new Set<string>();
  const items = n.items!.map((x) => withParameterBytes(x, depth + 1)).filter((x, i) => {
    const k = memberKey(x.value, i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const value = items.map((x) => x.value);
  items.forEach((x, i) => { if (typeof x.value === 'number' && x.float) markExact(value, i, x.value, pyRepr(x.value, true)); });
  markSet(value);
  return { ...n, items, value };
}

/** the root with its parameters section's `!!binary` values as bytes (withParameterBytes) */
function markParameterBytes(root: RNode): void {
  const at = root.entries?.findIndex(([k]) => k === 'parameters') ?? -1;
  if (at < 0) return;
  const sec = root.entries![at][1];
  const copy = withParameterBytes(sec);
  if (copy === sec) return;
  root.entries![at] = ['parameters', copy];
  (root.value as Record<string, unknown>).parameters = copy.value;
}

/**
 * heat.conf `max_template_size` as Heat ships it: template_format.parse refuses a longer template
 * before it reads a line of it (validate_template_limit, RequestLimitExceeded).
 */
export const MAX_TEMPLATE_SIZE = 524288;

/**
 * The template's length as Python's len() counts the text of a file opened in text mode: code
 * points (a surrogate pair is one), each line break of `\r\n` one (universal newlines).
 */
export function pyTextLength(text: string): number {
  let n = text.length;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) === 10) n--;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

/** Heat's refusal of a template longer than MAX_TEMPLATE_SIZE, in its words; null when it is not (checked in no time for most) */
export function templateSizeRefusal(text: string): string | null {
  if (text.length <= MAX_TEMPLATE_SIZE) return null;
  const n = pyTextLength(text);
  return n > MAX_TEMPLATE_SIZE ? `Request limit exceeded: Template size (${n} bytes) exceeds maximum allowed size (${MAX_TEMPLATE_SIZE} bytes).` : null;
}

/** Parse a HOT template: its root, resources and parameters, or the parse problem. */
export function parseTemplate(text: string): Template {
  const out: Template = { text, root: null, error: null, resources: [], parameters: new Map() };
  // the first thing Heat does with a template's text (template_format.parse)
  const tooLong = templateSizeRefusal(text);
  if (tooLong !== null) {
    out.error = { message: tooLong, span: { offset: 0, length: Math.min(1, text.length) } };
    return out;
  }
  const read = readYaml(text);
  if ('error' in read) {
    out.error = read.error;
    return out;
  }
  out.root = read.root;
  if (out.root.kind === 'map') markParameterBytes(out.root);
  if (out.root.kind !== 'map') {
    out.error = { message: 'The template is not a JSON object or YAML mapping.', span: out.root.span };
    return out;
  }
  try {
    // Heat's order: the version (template_format.parse, Template), the parameter schemas
    // (HOTParamSchema.from_dict, the allowed_pattern compiled there), then Template.validate (the
    // sections, then each resource's keys and type)
    const hot = checkVersion(out.root);
    checkParameters(out.root);
    if (hot) checkSections(out.root, hotVersion(out.root));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    out.error = { message: e.message, span: e.span };
    return out;
  }
  for (const [name, p] of entry(out.root, 'parameters')?.entries ?? []) out.parameters.set(name, p);
  for (const [name, r] of entry(out.root, 'resources')?.entries ?? []) {
    const type = entry(r, 'type')?.value;
    out.resources.push({ name, type: typeof type === 'string' ? type : '', node: r, keySpan: r.keySpan ?? r.span });
  }
  return out;
}

/** The template version as Heat's date key (`newton` -> 2016-10-14), or '' when it is not a HOT one. */
export function hotVersion(root: RNode | null): string {
  const v = pyStr(entry(root ?? undefined, 'heat_template_version')?.value ?? '').trim();
  const alias: Record<string, string> = { newton: '2016-10-14', ocata: '2017-02-24', pike: '2017-09-01', queens: '2018-03-02', rocky: '2018-08-31', wallaby: '2021-04-16' };
  return alias[v] ?? (/^\d{4}-\d\d-\d\d$/.test(v) ? v : '');
}

/** Python's name of a value's type */
export function pyTypeName(n: RNode): string {
  if (n.kind === 'seq') return 'list';
  if (n.kind === 'map') return 'dict';
  const v = n.value;
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return n.float ? 'float' : 'int';
}

// ---- parameter schemas (heat/engine/hot/parameters.py, heat/engine/parameters.py, heat/engine/constraints.py; facts only) ----

const PARAM_KEYS = ['type', 'description', 'default', 'schema', 'constraints', 'hidden', 'label', 'immutable'];
const PARAM_TYPES = ['string', 'number', 'comma_delimited_list', 'json', 'boolean'];
const CONSTRAINT_KEYS = ['description', 'length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'];
const MIN_MAX = ['min', 'max'];

const keyAt = (n: RNode): Span => n.keySpan ?? n.span;
/** a value's text (an empty value: its key) */
const valueAt = (n: RNode): Span => (n.span.length ? n.span : keyAt(n));
const isNone = (n: RNode): boolean => n.kind === 'scalar' && n.value === null;

/** Heat's check of a schema's mapping: a mapping, of known keys only (the first unknown one, in the order written) */
function checkDict(n: RNode, allowed: readonly string[], what: string): void {
  if (n.kind !== 'map') throw new TemplateError(`Invalid ${what}, expected a mapping`, valueAt(n));
  for (const [k, x] of n.entries!) if (!allowed.includes(k)) throw new TemplateError(`Invalid key '${x.keyText ?? k}' for ${what}`, keyAt(x));
}

const PY_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;
const DIGITS = String.raw`\d(?:_?\d)*`;
const PY_FLOAT = new RegExp(String.raw`^\s*[+-]?(?:(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`, 'i');

interface PyNum { n: number; float: boolean; node: RNode }

/** Schema.get_num: None when not written, else Python's int() of the value, or its float() */
function getNum(d: RNode, key: string): PyNum | null {
  const x = entry(d, key);
  if (!x || isNone(x)) return null;
  const v = x.value;
  if (typeof v === 'boolean') return { n: v ? 1 : 0, float: false, node: x };
  if (typeof v === 'number') return { n: v, float: !!x.float, node: x };
  // bytes: int() and float() read their ASCII text
  const text = x.bytes ? bytesAscii(v as number[]) : typeof v === 'string' ? asciiDigits(v) : v;
  if (typeof text !== 'string') {
    if (x.bytes) throw new TemplateError(`could not convert string to float: ${pyRepr(v)}`, valueAt(x));
    throw new TemplateError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(x)}'`, valueAt(x));
  }
  if (PY_INT.test(text)) return { n: Number(text.replace(/_/g, '')), float: false, node: x };
  if (!PY_FLOAT.test(text)) throw new TemplateError(`could not convert string to float: ${pyRepr(v)}`, valueAt(x));
  const t = text.trim().replace(/_/g, '').toLowerCase();
  const n = /nan/.test(t) ? NaN : /inf/.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  return { n, float: true, node: x };
}

/** the constraint a constraint mapping expresses (the first of modulo (2017-02-24 on), range, length, allowed_values, allowed_pattern, custom_constraint), checked as Heat makes it */
function checkConstraint(c: RNode, version: string): void {
  const get = (k: string) => entry(c, k);
  const modulo = get('modulo');
  if (modulo && (version === '' || version >= '2017-02-24')) {
    checkDict(modulo, ['step', 'offset'], 'modulo constraint');
    const step = getNum(modulo, 'step');
    const offset = getNum(modulo, 'offset');
    if (!step || !offset) throw new TemplateError('A modulo constraint must have a step value and an offset value specified.', valueAt(modulo));
    for (const p of [step, offset]) {
      if (Number.isNaN(p.n)) throw new TemplateError('cannot convert float NaN to integer', valueAt(p.node));
      if (!Number.isFinite(p.n)) throw new TemplateError('cannot convert float infinity to integer', valueAt(p.node));
      if (!Number.isInteger(p.n)) throw new TemplateError('step/offset must be integer', valueAt(p.node));
    }
    if (step.n === 0) throw new TemplateError('step cannot be 0.', valueAt(step.node));
    if (Math.abs(offset.n) >= Math.abs(step.n)) throw new TemplateError('offset must be smaller (by absolute value) than step.', valueAt(offset.node));
    if (step.n * offset.n < 0) throw new TemplateError('step and offset must be both positive or both negative.', valueAt(offset.node));
    return;
  }
  for (const kind of ['range', 'length']) {
    const d = get(kind);
    if (!d) continue;
    checkDict(d, MIN_MAX, `${kind} constraint`);
    const bounds = MIN_MAX.map((k) => getNum(d, k));
    if (!bounds[0] && !bounds[1]) throw new TemplateError(`A ${kind} constraint must have a min value and/or a max value specified.`, valueAt(d));
    const float = bounds.find((b) => b?.float);
    if (kind === 'length' && float) throw new TemplateError('min/max length must be integral', valueAt(float.node));
    return;
  }
  const allowed = get('allowed_values');
  if (allowed) {
    // (a `!!set` is no Python sequence; `!!binary` bytes are one)
    if (allowed.kind !== 'seq' || allowed.set) throw new TemplateError('AllowedValues must be a list', valueAt(allowed));
    return;
  }
  const pattern = get('allowed_pattern');
  if (pattern) {
    if (typeof pattern.value !== 'string') throw new TemplateError('AllowedPattern must be a string', valueAt(pattern));
    // compiled with Python's re.compile: its refusal (re.error's words) refuses the template
    const re = pyCompile(pattern.value);
    if ('error' in re) throw new TemplateError(re.error.message, valueAt(pattern));
    return;
  }
  if (!get('custom_constraint')) throw new TemplateError('No constraint expressed', valueAt(c));
}

/**
 * Every parameter's schema, in the order written, as HOTParamSchema.from_dict reads it: known keys
 * (`tags` from 2018-03-02), a `type`, tags as a list, the constraints, and then the type's name.
 */
function checkParameters(root: RNode): void {
  const sec = entry(root, 'parameters');
  // Heat takes a section Python finds false as none; another value that is no mapping has no items()
  if (!sec || isNone(sec) || sec.value === false || sec.value === 0 || sec.value === '' || (sec.kind === 'seq' && !sec.items!.length)) return;
  if (sec.kind !== 'map') throw new TemplateError(`'${pyTypeName(sec)}' object has no attribute 'items'`, valueAt(sec));
  const version = hotVersion(root);
  const withTags = version === '' || version >= '2018-03-02';
  const keys = withTags ? [...PARAM_KEYS, 'tags'] : PARAM_KEYS;
  for (const [key, p] of sec.entries!) {
    const name = p.keyText ?? key;
    checkDict(p, keys, `parameter (${name})`);
    const type = entry(p, 'type');
    if (!type) throw new TemplateError(`Missing parameter type for parameter: ${name}`, keyAt(p));
    const tags = entry(p, 'tags');
    if (withTags && tags && (tags.kind !== 'seq' || tags.bytes)) throw new TemplateError(`Tags property should be a list for parameter: ${name}`, valueAt(tags));
    const cs = entry(p, 'constraints');
    if (cs && !isNone(cs)) {
      if (cs.kind !== 'seq') throw new TemplateError(`Invalid parameter constraints for parameter ${name}, expected a list`, valueAt(cs));
      for (const c of cs.items!) {
        checkDict(c, CONSTRAINT_KEYS, 'parameter constraints');
        checkConstraint(c, version);
      }
    }
    if (type.kind !== 'scalar' || !PARAM_TYPES.includes(type.value as string)) throw new TemplateError(`Invalid type (${pyStr(type.value, type.float)})`, valueAt(type));
  }
}

// ---- the template's version (heat/engine/template.py get_version, get_template_class; facts only)

/** the keys that name a template's format, and the versions Heat 19.0.0 knows for each (sorted as Heat lists them) */
const VERSIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['HeatTemplateFormatVersion', ['2012-12-12']],
  ['heat_template_version', ['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby']],
  ['AWSTemplateFormatVersion', ['2010-09-09']],
];

/**
 * The version keys Heat reads: one of them must be written (else "Template format version not
 * found."), exactly one with a string value, and that value a version Heat has. True when the
 * template is a HOT one (false: a CloudFormation-format template, which bdm-lab reads no further).
 */
function checkVersion(root: RNode): boolean {
  const written = root.entries!.filter(([k]) => VERSIONS.some(([v]) => v === k));
  if (!written.length) throw new TemplateError('Template format version not found.', keyAt(root.entries![0]?.[1] ?? root));
  // only a string value names a version (`heat_template_version: 2018` is an int, no version)
  const named = written.filter(([, v]) => v.kind === 'scalar' && typeof v.value === 'string');
  // Heat joins a set here, whose order Python's hashing decides; bdm-lab names them in the order written
  if (named.length > 1) throw new TemplateError(`The template version is invalid: Ambiguous versions (${named.map(([k]) => k).join(', ')})`, keyAt(named[1][1]));
  if (!named.length) throw new TemplateError('The template version is invalid: Template version was not provided', valueAt(written[0][1]));
  const [key, node] = named[0];
  const known = VERSIONS.find(([k]) => k === key)![1];
  const v = node.value as string;
  if (!known.includes(v)) {
    const should = known.length > 1 ? `should be one of: ${known.join(', ')}` : `should be: ${known.join(', ')}`;
    throw new TemplateError(`The template version is invalid: "${key}: ${v}". "${key}" ${should}`, valueAt(node));
  }
  return key === 'heat_template_version';
}

// ---- Template.validate: the top-level sections, then each resource's keys and type (heat/engine/template.py, hot/template.py)

const SECTIONS = ['heat_template_version', 'description', 'parameter_groups', 'parameters', 'resources', 'outputs', '__undefined__'];
/**
 * The keys Template.validate takes in a resource, whatever the version: Heat 19's HOT classes share
 * (and extend) one table, so `condition`, `external_id` and even an output's `value` pass here; the
 * version's own keys are checked later, when the resource definitions are read (conditions.ts).
 */
const RESOURCE_KEYS_ANY_VERSION = ['type', 'properties', 'metadata', 'depends_on', 'deletion_policy', 'update_policy', 'description', 'value', 'external_id', 'condition'];

/** Python's truth of a value as written */
function pyFalse(n: RNode): boolean {
  const v = n.value;
  if (n.kind === 'map') return !n.entries!.length;
  if (n.kind === 'seq') return !n.items!.length;
  return v === null || v === undefined || v === false || v === 0 || v === '';
}

/** the Python name of a value's class, as `type(x)` prints it */
const pyClass = (n: RNode): string => `<class '${pyTypeName(n)}'>`;

/**
 * The TypeError CPython's list.sort raises on (name, value) pairs whose names it cannot order (a
 * str against an int, None against anything): the first comparison that fails in the order its
 * sort makes them (pySort.ts: every comparison of a list below 64 items; of a longer one, those
 * before its first merge). null when every pair of names orders, or where the failure comes in a
 * merge, which bdm-lab does not follow.
 */
export function pySortRefusal(entries: ReadonlyArray<[string, RNode]>): { message: string; at: RNode } | null {
  const cls = ([, n]: [string, RNode]): string => n.keyClass?.name ?? 'str';
  const numeric = (c: string) => c === 'int' || c === 'float' || c === 'bool';
  if (entries.length < 2 || entries.every((e) => cls(e) === 'str') || entries.every((e) => numeric(cls(e)))) return null;
  // x < y as Python answers it for two different keys
  const lt = (x: [string, RNode], y: [string, RNode]): boolean => {
    const [a, b] = [cls(x), cls(y)];
    if (a === 'str' && b === 'str') return byCodePoints(x[0], y[0]) < 0;
    if (numeric(a) && numeric(b)) return x[1].keyClass!.num < y[1].keyClass!.num;
    throw new Unordered(x, y);
  };
  const outcome = firstSortFailure(entries, lt);
  if (typeof outcome === 'string') return null;
  const { x, y } = outcome.failed;
  return { message: `'<' not supported between instances of '${cls(x)}' and '${cls(y)}'`, at: x[1].keyClass ? x[1] : y[1] };
}

function checkSections(root: RNode, version: string): void {
  const sections = version >= '2016-10-14' ? [...SECTIONS, 'conditions'] : SECTIONS;
  for (const [k, n] of root.entries!) if (!sections.includes(k)) throw new TemplateError(`The template section is invalid: ${n.keyText ?? k}`, keyAt(n));
  const res = entry(root, 'resources');
  // a section Python finds false is an empty one
  if (!res || pyFalse(res)) return;
  if (res.kind !== 'map') throw new TemplateError(`'${pyTypeName(res)}' object has no attribute 'items'`, valueAt(res));
  // the resources in the order of their names (Python's sort of the names; names of types Python
  // does not order against each other are its TypeError)
  const mixed = pySortRefusal(res.entries!);
  if (mixed) throw new TemplateError(mixed.message, keyAt(mixed.at));
  const byName = [...res.entries!].sort(([a], [b]) => byCodePoints(a, b));
  const typeMissing = 'Each resource must contain a type key.';
  for (const [, r] of byName) {
    if (pyFalse(r)) throw new TemplateError(typeMissing, keyAt(r));
    if (r.kind !== 'map') throw new TemplateError(`"resources" must contain a map of resource maps. Found a [${pyClass(r)}] instead`, valueAt(r));
    for (const [k, x] of r.entries!) if (!RESOURCE_KEYS_ANY_VERSION.includes(k)) throw new TemplateError(`"${x.keyText ?? k}" is not a valid keyword inside a resource definition`, keyAt(x));
    if (!entry(r, 'type')) throw new TemplateError(typeMissing, keyAt(r));
  }
  for (const [, r] of byName) {
    const t = entry(r, 'type')!;
    if (pyFalse(t)) throw new TemplateError('Each Resource must contain a Type key.', valueAt(t));
  }
}
