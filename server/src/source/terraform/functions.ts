/**
 * Terraform's built-in functions that compute instance configurations commonly use, as Terraform
 * (main @ 883c7221: internal/lang/functions.go, internal/lang/funcs), go-cty v1.18.1
 * (cty/function/stdlib, cty/function/function.go Call) and hcl v2.24.0 (hclsyntax
 * FunctionCallExpr.Value, ext/tryfunc) evaluate them: the name looked up (an unknown one refused
 * with hcl's suggestion), `...` expansion, the argument count, each argument converted to its
 * parameter's type, null refused unless the parameter allows it, an unknown argument giving an
 * unknown result (never a guess), then the function itself, with the words of each refusal.
 * A function bdm-lab does not evaluate (or a case of one it does not follow, such as a regular
 * expression past regex.ts's bounds) leaves the value unknown and named.
 * Every loop is bounded by the input's size or by go-cty's own bound (range: 1024 values), or by
 * bdm-lab's where go-cty has none (setproduct: 10 000 combinations; jsonencode and indent: 2^20
 * characters; regex/regexall: regex.ts's step budget), past which the value is left unknown.
 */
import type { Span } from '../../text/span';
import type { Expr, Step } from './hcl';
import { graphemeClusters } from './graphemes';
import { base64Decode, base64Of, csvDecode, queryEscape, stringHash, utf8, uuidV5 } from './encoding';
import { cidrHost, cidrNetmask, cidrSubnet, cidrSubnets } from './cidr';
import { GO_STACK } from './stack';
import { levenshteinBelow3, suggestionHint } from './didyoumean';
import { compile, cpText, findAll, goRegexpError, MAX_STEPS, replaceAll } from './regex';
import { bigArithmetic, bigDecimal, bigInteger, bigOfFloat, bigText, bigTextG, bigToFloat as bigToFloatOf, ctyRange, parseBig, type BigNum } from './bignum';
import { byteOrder, canConvert, collectionKind, collectionName, convertTo, friendly, hasDynamic, keepEmptyTy, objectAsMap, primitiveSet, structuralSet, tupleAsCollection, tyEquals, tyName as ctyTyName, tyOf, typed, unifyTypes } from './types';
import { ctyNumber, ctyText, ctyType, exactAt, keepExact, keepNullTy, nfc, nullTyAt, numText, same, toBool, toNumber, type CtyType, type Diag, type Result, type Ty, type Value } from './values';

type Call = Extract<Expr, { kind: 'call' }>;

/** Terraform's function table (internal/lang/functions.go, outside `terraform console`), for "Call to unknown function" */
const TERRAFORM_FUNCTIONS = ('abs abspath alltrue anytrue basename base64decode base64encode base64gzip base64sha256 base64sha512 bcrypt can ceil chomp '
  + 'cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains convert csvdecode dirname distinct element endswith '
  + 'ephemeralasnull chunklist file fileexists fileset filebase64 filebase64sha256 filebase64sha512 filemd5 filesha1 filesha256 filesha512 flatten '
  + 'floor format formatdate formatlist indent index join jsondecode jsonencode keys length list log lookup lower map matchkeys max md5 merge min '
  + 'one parseint pathexpand pow range regex regexall replace reverse rsadecrypt sensitive nonsensitive issensitive setintersection setproduct '
  + 'setsubtract setunion sha1 sha256 sha512 signum slice sort split startswith strcontains strrev substr sum textdecodebase64 textencodebase64 '
  + 'timestamp timeadd timecmp title tostring tonumber tobool toset tolist tomap transpose trim trimprefix trimspace trimsuffix try upper '
  + 'urlencode uuid uuidv5 values yamldecode yamlencode zipmap templatefile templatestring plantimestamp').split(' ');
const KNOWN_NAMES = new Set(TERRAFORM_FUNCTIONS);

// ---- collection types: go-cty's list, set and map, which bdm-lab's values (arrays, objects) do not say ----

export { collectionKind, collectionName, friendly };
const kindOf = (v: Value): 'list' | 'set' | 'map' | CtyType => (collectionKind(v) as 'list' | 'set' | 'map' | undefined) ?? ctyType(v);
const isSeq = (v: Value): v is Value[] => Array.isArray(v);
const isMapping = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** the primitive type all elements share (null elements aside), 'string' when strings mix with others (convert.UnifyUnsafe), null when none, undefined when structural */
function unifyPrimitive(xs: Value[]): 'string' | 'number' | 'bool' | null | undefined | 'none' {
  const tys = new Set(xs.filter((x) => x !== null).map((x) => ctyType(x)));
  if ([...tys].some((t) => t === 'tuple' || t === 'object')) return undefined;
  if (tys.size === 0) return null;
  if (tys.size === 1) return [...tys][0] as 'string' | 'number' | 'bool';
  return tys.has('string') ? 'string' : 'none';
}
const asString = (x: Value): Value => (x === null ? null : typeof x === 'number' ? ctyText(x) : typeof x === 'boolean' ? String(x) : x);
/** a sequence converted to a list: its elements unified (go-cty convert tuple to list(dynamic)); undefined when bdm-lab does not follow the conversion */
function toList(xs: Value[], kind: 'list' | 'set'): { value: Value[] } | { err: string } | undefined {
  // a typed null among them is unified by its type, as a structure is
  const u = xs.some((x, i) => x === null && nullTyAt(xs, i) !== undefined) ? undefined : unifyPrimitive(xs);
  if (u === undefined) {
    // structures: their types unified as a whole (types.ts), each element converted, a set ordered by go-cty's hash bytes
    const c = tupleAsCollection(xs, kind);
    return c && ('err' in c ? { err: `all ${kind} elements must have the same type` } : { value: c.value });
  }
  if (u === 'none') return { err: `all ${kind} elements must have the same type` };
  const out = u === 'string' ? xs.map(asString) : [...xs];
  return { value: typed(out, `${kind} of ${u ?? 'dynamic'}`) };
}
/** a key equal for values cty finds equal within one collection (its elements share a type): object keys sorted */
function keyOf(x: Value): string {
  if (x === null || typeof x !== 'object') return `${x === null ? 'null' : typeof x}:${String(x)}`;
  if (Array.isArray(x)) return `[${x.map((y) => JSON.stringify(keyOf(y))).join(',')}]`;
  return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(keyOf(x[k]))}`).join(',')}}`;
}
/** the values without their repeats (cty equality: same type and value), first occurrences in order; linear in their size */
function uniq(xs: Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const x of xs) {
    const key = keyOf(x);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(x);
  }
  return out;
}
/** go-cty's set of primitive values: duplicates merged, in cty's set order (types.ts primitiveSet) */
const asSet = (xs: Value[], elem: string): Value[] => typed(primitiveSet(xs), `set of ${elem}`);

/**
 * lookup()'s default for a map of structures, converted to the map's element type (convert.Convert in
 * lookup's Type: no conversion, or a value that does not convert, refuses it); undefined when bdm-lab
 * cannot tell (the element type unknown, or partly dynamic and the conversion would depend on it)
 */
function structuralDefault(d: Value, mapTy: Ty | undefined): { ok: Value } | { refused: true } | undefined {
  const ety = mapTy && typeof mapTy === 'object' && 'map' in mapTy ? mapTy.map : undefined;
  const from = tyOf(d);
  if (ety === undefined || ety === 'dynamic' || from === undefined) return undefined;
  if (!canConvert(from, ety)) return { refused: true };
  if (hasDynamic(ety)) return undefined;
  const c = convertTo(d, from, ety);
  return !c ? undefined : 'err' in c ? { refused: true } : { ok: c.value };
}

/**
 * A known value converted to a `list(P)`, `set(P)` or `map(P)` type constraint with P primitive (a
 * variable's type), marked as that collection; undefined when it does not convert (bdm-lab then
 * leaves the value as written).
 */
export function constrain(v: Value, kind: string, elem: string): Value | undefined {
  if (!['string', 'number', 'bool'].includes(elem) || !['list', 'set', 'map'].includes(kind) || v === null || typeof v !== 'object') return undefined;
  if ((kind === 'map') === Array.isArray(v)) return undefined;
  const conv = (x: Value): { ok: Value } | undefined => {
    if (x === null) return { ok: null };
    if (typeof x === 'object') return undefined;
    if (elem === 'string') return { ok: asString(x) };
    const c = elem === 'number' ? toNumber(x) : toBool(x);
    return 'err' in c ? undefined : { ok: 'n' in c ? c.n : c.b };
  };
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (const x of v) { const c = conv(x); if (!c) return undefined; out.push(c.ok); }
    return kind === 'set' ? asSet(out, elem) : typed(out, `list of ${elem}`);
  }
  const out: Record<string, Value> = {};
  for (const k of Object.keys(v)) { const c = conv(v[k]); if (!c) return undefined; out[k] = c.ok; }
  return typed(out, `map of ${elem}`);
}

// ---- the call -------------------------------------------------------------------------------------

type ParamType = 'string' | 'number' | 'bool' | 'dynamic' | 'list of string';
/** `seq`: a parameter of type list(dynamic) or set(dynamic), whose conversion hcl checks with the other arguments' (before null) */
interface Param { name: string; type: ParamType; allowNull?: true; allowUnknown?: true; allowDynamic?: true; seq?: 'list' | 'set' }
/** an argument: its result converted to the parameter's type (`value` when known), where it is written */
/** an argument; `marked`: whether its value surely carries a sensitive mark (asked only where the words depend on it) */
interface Arg { r: Result; value?: Value; span: Span; marked?: () => boolean }
type Outcome =
  | { value: Value }
  | { open: string; ty?: CtyType; type?: Ty }
  /** go-cty function.ArgError: hcl's "Invalid function argument" on that argument */
  | { argErr: number; message: string }
  /** any other error: hcl's "Error in function call" */
  | { err: string }
  /** an element of an argument, as it is (element() of a tuple not wholly known) */
  | { result: Result };
interface Spec { params: Param[]; varParam?: Param; impl: (a: Arg[]) => Outcome; ty?: CtyType }

const P = (name: string, type: ParamType, more: Partial<Param> = {}): Param => ({ name, type, ...more });
const LIST: Partial<Param> = { seq: 'list' }, SET: Partial<Param> = { seq: 'set' };
const openOf = (a: Arg[], ty?: CtyType): Outcome | undefined => {
  const o = a.find((x) => x.value === undefined);
  if (!o) return undefined;
  return { open: o.r.kind === 'unknown' ? o.r.why : o.r.kind === 'ref' ? `${o.r.of.address}'s id (known only after apply)` : 'a value bdm-lab does not know', ...(ty ? { ty } : {}) };
};
const known = (a: Arg): boolean => a.value !== undefined;

/** go-cty gocty.FromCtyValue of a number into a Go int */
function goInt(n: number): number | string {
  // big.Float Int64 exact and within int64: [-2^63, 2^63)
  if (Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63) return n;
  return 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';
}

/**
 * The value of a call, as hclsyntax FunctionCallExpr.Value gives it. `ev` evaluates an argument
 * expression in the caller's scope; `where` writes a place as hcl's Range.String (for try()).
 */
export function callFunction(e: Call, ev: (x: Expr) => Result, where?: (s: Span) => string, marked?: (x: Expr) => boolean): Result {
  const nameSpan = { offset: e.span.offset, length: e.name.length };
  // FunctionCallExpr.StartRange: the name through the opening parenthesis (where "Error in function call" points)
  const callStart = callStartSpan(e);
  const unknown = (why: string, span: Span = e.span, d: Diag[] = [], ty?: CtyType): Result => ({ kind: 'unknown', why, span, ...(ty ? { ty } : {}), ...(d.length ? { diags: d } : {}) });
  const refused = (message: string, span: Span, more: Diag[] = [], ty?: CtyType): Result => unknown(`an expression Terraform refuses (${message})`, span, [...more, { message, span }], ty);
  let name = e.name;
  if (name.startsWith('core::')) name = name.slice(6);
  if (name.includes('::')) {
    // Terraform's functions are its own (also as core::NAME) and the providers' (provider::NAME::…): hcl refuses any other namespace
    if (!e.name.startsWith('provider::')) return refused(`Call to unknown function: There are no functions in namespace "${e.name.slice(0, e.name.lastIndexOf('::') + 2)}".`, nameSpan);
    return unknown(`the function ${e.name}() (a provider's function: bdm-lab does not evaluate it)`, e.span, e.args.flatMap((x) => ev(x).diags ?? []));
  }
  if (!KNOWN_NAMES.has(name) && e.name.startsWith('core::')) {
    const near = TERRAFORM_FUNCTIONS.filter((n) => levenshteinBelow3(name, n));
    const hint = near.length === 1 ? ` Did you mean core::${near[0]}?` : near.length > 1 ? ` Did you mean one of ${near.map((n) => `core::${n}`).join(', ')}? (Terraform names one, which varies from run to run)` : '';
    return refused(`Call to unknown function: There is no function named "${name}" in namespace core::.${hint}`, nameSpan);
  }
  if (!KNOWN_NAMES.has(name)) {
    // didyoumean.go nameSuggestion over the function table (Go's map order)
    return refused(`Call to unknown function: There is no function named "${e.name}".${suggestionHint(e.name, TERRAFORM_FUNCTIONS)}`, nameSpan);
  }
  if (name === 'try' || name === 'can') return tryCan(name, e, ev, where, unknown, refused);
  const spec = SPECS[name];
  if (!spec) return unknown(`the function ${e.name}() (bdm-lab does not evaluate it)`, e.span, e.args.flatMap((x) => ev(x).diags ?? []));
  const diags: Diag[] = [];
  // `...`: the last argument's elements become the arguments (evaluated first)
  let argExprs: Array<{ expr?: Expr; r?: Result; span: Span }> = e.args.map((x) => ({ expr: x, span: startSpan(x) }));
  if (e.expandFinal) {
    const last = e.args[e.args.length - 1];
    const r = ev(last);
    if (r.diags?.length) return unknown(`a call Terraform refuses`, e.span, r.diags);
    const invalid = (why: string) => refused(`Invalid expanding argument value: The expanding argument (indicated by ...) ${why}.`, last.span);
    if (r.kind === 'known' && r.value === null) return invalid('must not be null');
    if (r.kind === 'known' && !isSeq(r.value)) return invalid('must be of a tuple, list, or set type');
    if (r.kind === 'ref') return invalid('must be of a tuple, list, or set type');
    if (r.kind === 'unknown') return r.ty && r.ty !== 'tuple' ? invalid('must be of a tuple, list, or set type') : unknown(r.why, r.span, [], spec.ty);
    // each element becomes a literal whose range is the whole expanded expression
    argExprs = [...argExprs.slice(0, -1), ...(r.value as Value[]).map((v) => ({ r: { kind: 'known' as const, value: v }, span: last.span }))];
  }
  const { params, varParam } = spec;
  if (argExprs.length < params.length) {
    const missing = params[argExprs.length].name;
    return refused(`Not enough function arguments: Function "${e.name}" expects${varParam ? ' at least' : ''} ${params.length} argument(s). Missing value for "${missing}".`, e.close ?? e.span);
  }
  if (!varParam && argExprs.length > params.length) {
    const at = argExprs[params.length].span;
    return refused(`Too many function arguments: Function "${e.name}" expects only ${params.length} argument(s).`, { offset: at.offset, length: at.length });
  }
  const args: Arg[] = [];
  argExprs.forEach((x, i) => {
    const p = i < params.length ? params[i] : varParam!;
    const r = x.r ?? ev(x.expr!);
    diags.push(...(r.diags ?? []));
    const c = convertArg(r, p.type);
    const seqErr = p.seq && 'r' in c && c.r.kind === 'known' && c.r.value !== null ? seqConversion(c.r.value, p.seq) : undefined;
    if ('err' in c || seqErr) diags.push({ message: `Invalid function argument: Invalid value for "${p.name}" parameter: ${'err' in c ? c.err : seqErr}.`, span: x.span });
    else args.push({ r: withKind(c.r), value: c.r.kind === 'known' ? c.r.value : undefined, span: x.span, ...(marked && x.expr ? { marked: () => marked(x.expr!) } : {}) });
  });
  // an argument refused: cty.DynamicVal (no type) with the diagnostics
  if (diags.length) return unknown('a call Terraform refuses', e.span, diags);
  // function.go returnTypeForValues: null where the parameter refuses it; an argument of no known type returns unknown
  for (let i = 0; i < args.length; i++) {
    const p = i < params.length ? params[i] : varParam!;
    const a = args[i];
    if (a.r.kind === 'known' && a.value === null && !p.allowNull) return refused(`Invalid function argument: Invalid value for "${p.name}" parameter: argument must not be null.`, a.span);
    // (a variable's unknown value has the type its constraint names)
    if (a.r.kind === 'unknown' && p.type === 'dynamic' && !a.r.ty && !a.r.type && !a.r.shallow && !p.allowDynamic) return unknown(a.r.why, a.r.span, [], spec.ty);
  }
  const o = spec.impl(args);
  if ('value' in o) return { kind: 'known', value: nfc(o.value) };
  if ('open' in o) { const u = unknown(o.open, e.span, [], o.ty ?? spec.ty); return o.type && u.kind === 'unknown' ? { ...u, type: o.type } : u; }
  if ('result' in o) return o.result.kind === 'known' ? { kind: 'known', value: o.result.value, ...(o.result.nullTy ? { nullTy: o.result.nullTy } : {}), ...(o.result.num ? { num: o.result.num } : {}) } : o.result.kind === 'ref' ? { kind: o.result.kind, value: o.result.value, of: o.result.of } : { ...o.result, diags: undefined };
  if ('argErr' in o) {
    const a = args[o.argErr];
    const p = o.argErr < params.length ? params[o.argErr] : varParam;
    // an index past the arguments: the variadic parameter named on the whole call, else a plain call error
    if (!a && p) return refused(`Invalid function argument: Invalid value for "${p.name}" parameter: ${o.message}.`, e.span);
    if (!a || !p) return refused(`Error in function call: Call to function "${e.name}" failed: ${o.message}.`, callStart);
    return refused(`Invalid function argument: Invalid value for "${p.name}" parameter: ${o.message}.`, a.span);
  }
  return refused(`Error in function call: Call to function "${e.name}" failed: ${o.err}.`, callStart);
}

/**
 * An unknown value whose whole type bdm-lab knows (a variable's, from its type constraint) but not its
 * `ty`: the kind of that type as `ty` (list, set and map too), which the functions check as go-cty's
 * Type functions do before any value is known
 */
function withKind(r: Result): Result {
  if (r.kind !== 'unknown' || r.ty || !r.type) return r;
  const t = r.type;
  const k = typeof t === 'string' ? (t === 'dynamic' ? undefined : t) : 'tuple' in t ? 'tuple' : 'object' in t ? 'object' : 'list' in t ? 'list' : 'set' in t ? 'set' : 'map';
  return k ? { ...r, ty: k as CtyType } : r;
}

/** FunctionCallExpr.StartRange: from the name through the opening parenthesis (blanks between them too) */
export const callStartSpan = (e: Call): Span => ({ offset: e.span.offset, length: (e.open ?? e.span.offset + e.name.length) + 1 - e.span.offset });

/**
 * hclsyntax's StartRange of an expression: where "Invalid function argument" points. A loop down
 * the left operands, not a call per level: `a + b + ... + z` nests its first operand once per
 * operator, and thousands of them overflowed the stack.
 */
export function startSpan(expr: Expr): Span {
  for (let e = expr; ;) {
    const one = { offset: e.span.offset, length: 1 };
    switch (e.kind) {
      case 'tuple': case 'object': return one;
      // `-2` is a UnaryOpExpr: its symbol
      case 'literal': return typeof e.value === 'number' && e.text?.startsWith('-') ? one : e.span;
      case 'call': return callStartSpan(e);
      // ParenthesesExpr passes StartRange through to what it holds
      case 'paren': e = e.inner; continue;
      case 'traversal': return stepsStart(e.steps, e.span);
      case 'template': {
        const p = e.parts[0];
        if (!p) return e.span;
        if ('lit' in p) return p.span;
        e = p.expr;
        continue;
      }
      case 'other':
        if (e.for) return one;
        if (e.base && e.steps) return stepsStart(e.steps, e.span);
        if (e.op && e.args) {
          if (e.args.length === 1 && e.op !== '?:') return one;
          e = e.args[0];
          continue;
        }
        return e.span;
    }
  }
}

/**
 * The StartRange of an expression with index, attribute and splat steps (hclsyntax parser.go
 * parseExpressionTraversals): a full splat `[*]` takes every step after it, so the first one is the
 * outermost SplatExpr (its marker); an attribute-only splat `.*` takes the `.name` and `.0` steps
 * right after it (its marker when nothing follows them); an index whose key is not a literal is an
 * IndexExpr (its `[`) when it is the last step; else the traversal's whole range.
 */
function stepsStart(steps: Step[], whole: Span): Span {
  const i = steps.findIndex((x) => 'splat' in x);
  if (i >= 0) {
    const sp = steps[i];
    if (!('legacy' in sp && sp.legacy)) return sp.span;
    if (steps.slice(i + 1).every((x) => 'attr' in x || ('index' in x && x.legacy))) return sp.span;
    return whole;
  }
  const last = steps.at(-1);
  if (last && 'index' in last && !last.legacy && !literalKey(last.index)) return { offset: last.span.offset, length: 1 };
  return whole;
}
/** a key the parser makes a traversal step of: a literal (not `-1`, a unary operator) or a string with no interpolation */
const literalKey = (k: Expr): boolean => (k.kind === 'literal' && !(typeof k.value === 'number' && k.text?.startsWith('-')))
  || (k.kind === 'template' && !k.directives && k.parts.every((p) => 'lit' in p));

/** convert.Convert of an argument to its parameter's type (a value bdm-lab does not know converts when its type does) */
function convertArg(r: Result, type: ParamType): { r: Result } | { err: string } {
  if (type === 'dynamic') return { r };
  if (r.kind === 'ref') return type === 'string' ? { r } : type === 'number' || type === 'bool' ? { r } : { err: 'list of string required, but have string' };
  if (r.kind === 'unknown') {
    const ty = r.ty;
    // a variable's collection or structure type (its constraint) against the parameter's
    if (!ty && r.type && typeof r.type === 'object') {
      const t = r.type;
      if (type !== 'list of string') return { err: `${type} required, but have ${ctyTyName(t)}` };
      const prim = (x: Ty) => typeof x === 'string';
      if ('list' in t || 'set' in t) {
        const e = 'list' in t ? t.list : t.set;
        return prim(e) ? { r } : { err: `incorrect list element type: string required, but have ${ctyTyName(e)}` };
      }
      if ('tuple' in t) {
        const i = t.tuple.findIndex((x) => !prim(x));
        return i < 0 ? { r } : { err: `element ${i}: string required, but have ${ctyTyName(t.tuple[i])}` };
      }
      return { err: 'list of string required' };
    }
    if (!ty) return { r };
    if (type === 'list of string') return ty === 'tuple' ? { r } : { err: ty === 'object' ? 'list of string required' : `list of string required, but have ${ty}` };
    if (ty === 'tuple' || ty === 'object') return { err: `${type} required, but have ${ty}` };
    if (type === 'string' || ty === 'string' || ty === type) return { r: { ...r, ty: type } };
    return { err: `${type} required, but have ${ty}` };
  }
  const v = r.value;
  const ok = (value: Value): { r: Result } => ({ r: { kind: 'known', value } });
  switch (type) {
    case 'string':
      if (typeof v === 'object' && v !== null) return { err: `string required, but have ${friendly(v)}` };
      // a number as go-cty keeps it (Text('f', -1) at its precision)
      return ok(typeof v === 'number' ? numText(r, v) : asString(v));
    case 'number': {
      if (typeof v === 'object' && v !== null) return { err: `number required, but have ${friendly(v)}` };
      const c = toNumber(v);
      return 'err' in c ? c : ok(c.n);
    }
    case 'bool': {
      if (typeof v === 'object' && v !== null) return { err: `bool required, but have ${friendly(v)}` };
      const c = toBool(v);
      return 'err' in c ? c : ok(c.b);
    }
    default: {
      if (v === null) return ok(null);
      if (!isSeq(v)) return { err: isMapping(v) ? (kindOf(v) === 'map' ? 'list of string required' : 'list of string required') : `list of string required, but have ${ctyType(v)}` };
      const out: Value[] = [];
      // a list or set converts by its element type (mismatch_msg.go mismatchMessageCollectionsFromCollections), a tuple element by element
      const coll = collectionKind(v) === 'list' || collectionKind(v) === 'set';
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'object' && x !== null) return { err: coll ? `incorrect list element type: string required, but have ${friendly(x)}` : `element ${i}: string required, but have ${friendly(x)}` };
        out.push(asString(x));
      }
      return ok(typed(out, 'list of string'));
    }
  }
}

/** a number result's exact value as go-cty keeps it, when bdm-lab has it */
const bigOfResult = (r: Result): BigNum | undefined => (r.kind === 'known' && r.num ? r.num : undefined);
/**
 * go-cty's cty/json Marshal of a wholly known value as jsonencode() writes it (stdlib/json.go): a
 * number as big.Float Text('f', -1) (exact where bdm-lab keeps it), infinity refused; a string as
 * Go's encoding/json writes it (goJsonString); an object's attributes and a map's keys in byte order;
 * a list, set or tuple in its order. A value shared many times over (a local read twice per level)
 * could write exponentially long text: past JSON_BUDGET values and characters, left unknown.
 */
const JSON_BUDGET = 1 << 20;
function jsonOf(v: Value, exact: BigNum | undefined): string | { err: string } | { open: string; ty: CtyType } {
  let budget = JSON_BUDGET;
  const tooLong = { open: `jsonencode() of a value longer than ${JSON_BUDGET} characters or nested past 512 levels (bdm-lab does not write it)`, ty: 'string' as CtyType };
  let bad: { err: string } | undefined;
  const go = (x: Value, ex: BigNum | undefined, depth: number): string | undefined => {
    if (--budget < 0 || depth > 512) return undefined;
    if (x === null) return 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number') {
      if (ex && !ex.inf) return bigText(ex);
      if (!Number.isFinite(x)) { bad = { err: 'cannot serialize infinity as JSON' }; return undefined; }
      return ctyText(x);
    }
    if (typeof x === 'string') { budget -= x.length; return budget < 0 ? undefined : goJsonString(x); }
    const parts: string[] = [];
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) { const t = go(x[i], exactAt(x, i), depth + 1); if (t === undefined) return undefined; parts.push(t); }
      return `[${parts.join(',')}]`;
    }
    for (const k of Object.keys(x).sort(cmpBytes)) { const t = go(x[k], exactAt(x, k), depth + 1); if (t === undefined) return undefined; budget -= k.length; parts.push(`${goJsonString(k)}:${t}`); }
    return `{${parts.join(',')}}`;
  };
  const out = go(v, exact, 0);
  return out ?? bad ?? tooLong;
}

/** the longest text indent() writes (bdm-lab's bound) */
const MAX_TEXT = 1 << 20;

/** strings.Trim: the leading and trailing code points that are in the cutset removed */
function goTrim(s: string, cutset: string): string {
  if (!s || !cutset) return s;
  const cut = new Set([...cutset]);
  const cps = [...s];
  let i = 0, j = cps.length;
  while (i < j && cut.has(cps[i])) i++;
  while (j > i && cut.has(cps[j - 1])) j--;
  return cps.slice(i, j).join('');
}

/** the digraphs whose title case is not their upper case (unicode.ToTitle) */
const TITLE_CASE: Record<string, string> = { 'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ' };
/**
 * strings.Title (go-cty's title()): the first letter of each word in title case, a word starting
 * after a separator (an ASCII character other than a letter, digit or `_`; another space; not another
 * letter, digit or symbol)
 */
function goTitle(s: string): string {
  const sep = (ch: string): boolean => {
    const c = ch.codePointAt(0)!;
    if (c <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
    if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
    return /\p{White_Space}/u.test(ch);
  };
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += sep(prev) ? TITLE_CASE[ch] ?? goCase(ch, true) : ch;
    prev = ch;
  }
  return out;
}

/** Terraform's alltrue/anytrue: the argument converted to list(bool) (here: a sequence of bools, "true"/"false" and nulls) */
function allAny(a: Arg[], all: boolean): Outcome {
  const t = a[0].value !== undefined ? (a[0].value === null ? 'null' : kindOf(a[0].value)) : undefined;
  if (t !== undefined && t !== 'list' && t !== 'set' && t !== 'tuple') return { open: `${all ? 'alltrue' : 'anytrue'}() of a value that is not a list (bdm-lab does not convert it)` };
  const o = openOf(a, 'bool');
  if (o) return o;
  const bs: Array<boolean | null> = [];
  const xs = a[0].value as Value[];
  const k = kindOf(a[0].value!);
  // the conversion to list(bool): a type that has none first (convert's MismatchMessage: a tuple's
  // element by its index, a list's or set's element type as a list's), then a string that is not a bool (its words alone)
  const coll = /^(list|set) of (.*)$/.exec(friendly(a[0].value!));
  if (coll && coll[2] !== 'bool' && coll[2] !== 'string' && coll[2] !== 'dynamic') return { argErr: 0, message: `incorrect list element type: bool required, but have ${coll[2]}` };
  if (k === 'tuple') {
    const i = xs.findIndex((x) => typeof x === 'number' || (x !== null && typeof x === 'object'));
    if (i >= 0) return { argErr: 0, message: `element ${i}: bool required, but have ${typeof xs[i] === 'number' ? 'number' : friendly(xs[i])}` };
  }
  for (const x of xs) {
    if (x === null || typeof x === 'boolean') { bs.push(x); continue; }
    const c = k === 'tuple' || coll?.[2] === 'string' ? toBool(x) : undefined;
    if (c && 'err' in c) return { argErr: 0, message: c.err };
    if (c && 'b' in c) { bs.push(c.b); continue; }
    if (x === 'true' || x === 'false') bs.push(x === 'true');
    else return { open: `${all ? 'alltrue' : 'anytrue'}() of elements that are not bools (bdm-lab does not convert them)`, ty: 'bool' };
  }
  // a null element: alltrue's false, anytrue skips it
  return { value: all ? bs.every((x) => x === true) : bs.some((x) => x === true) };
}

/**
 * math/big Int.SetString(s, base) for base 2..62: an optional sign, then digits (0-9, then letters:
 * either case below base 37, a-z then A-Z above); no prefix, no underscores. null when it does not
 * parse, undefined past 512 bits (bdm-lab's numbers).
 */
function bigIntOf(s: string, base: number): bigint | null | undefined {
  let i = 0;
  const neg = s[0] === '-';
  if (s[0] === '+' || s[0] === '-') i = 1;
  if (i >= s.length) return null;
  if (s.length > 4096) return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : c >= 65 && c <= 90 ? (base <= 36 ? c - 55 : c - 29) : 99;
    if (d >= base) return null;
    n = n * b + BigInt(d);
  }
  if (n >= 1n << 512n) return undefined;
  return neg ? -n : n;
}

/**
 * go-cty's regex() and regexall(): the pattern checked first (regexp.Compile's error as "invalid
 * regexp pattern: CODE in EXPR", even when the string is not known), its groups giving the result's
 * type (none: the match; unnamed ones: a tuple of each group's text, null where it took no part;
 * named ones: an object of them, a repeated name the last group's), which an unknown string's result
 * has too; regex() refuses no match, regexall() gives a list of every match (empty when none).
 */
function regexFn(a: Arg[], all: boolean): Outcome {
  if (!known(a[0])) return openOf(a)!;
  const pattern = str(a[0]);
  const refusal = goRegexpError(pattern);
  if (typeof refusal === 'string') {
    // "error parsing regexp: CODE: `EXPR`" (regexp/syntax Error) as "CODE in EXPR"
    const head = 'error parsing regexp: ';
    const sep = refusal.indexOf(': `', head.length);
    const m = refusal.startsWith(head) && sep > 0 && refusal.endsWith('`') ? [refusal.slice(head.length, sep), refusal.slice(sep + 3, -1)] : undefined;
    return { argErr: 0, message: m ? `invalid regexp pattern: ${m[0]} in ${m[1]}` : `error parsing pattern: ${refusal}` };
  }
  const prog = refusal === null ? compile(pattern) : null;
  const name = all ? 'regexall' : 'regex';
  if (!prog) return { open: `${name}() with the regular expression ${JSON.stringify(pattern)} (past bdm-lab's bounds on a pattern, or a form it does not follow)` };
  const groups = prog.caps - 1;
  const named = prog.names.slice(1).filter((n) => n !== '');
  if (named.length && named.length < groups) return { argErr: 0, message: 'invalid regexp pattern: cannot mix both named and unnamed capture groups' };
  const ety: Ty = !groups ? 'string' : named.length ? { object: Object.fromEntries(named.map((n) => [n, 'string' as Ty])) } : { tuple: Array.from({ length: groups }, () => 'string' as Ty) };
  // the string not known: a value of the type the pattern gives (regexall: a list of it)
  const o = openOf(a);
  if (o && 'open' in o) return { ...o, type: all ? { list: ety } : ety, ...(!all && !groups ? { ty: 'string' as CtyType } : {}) };
  if (o) return o;
  const found = findAll(prog, str(a[1]), all ? Number.MAX_SAFE_INTEGER : 1);
  if (!found) return { open: `${name}() on this text (more work than bdm-lab's bound of ${MAX_STEPS} steps)` };
  const one = (m: number[]): Value => {
    if (!groups) return cpText(found.cps, m[0], m[1]);
    const t: Value[] = [];
    for (let g = 1; g <= groups; g++) {
      if (m[2 * g] < 0 || m[2 * g + 1] < 0) { t.push(null); keepNullTy(t, t.length - 1, 'string'); } else t.push(cpText(found.cps, m[2 * g], m[2 * g + 1]));
    }
    if (!named.length) return t;
    // named groups: an object of each group's text
    const o: Record<string, Value> = {};
    named.forEach((n, g) => { o[n] = t[g]; if (t[g] === null) keepNullTy(o, n, 'string'); });
    return o;
  };
  if (!all) return found.matches.length ? { value: one(found.matches[0]) } : { err: 'pattern did not match any part of the given string' };
  const list = typed(found.matches.map(one), !groups ? 'list of string' : named.length ? 'list of object' : 'list of tuple');
  if (!list.length) keepEmptyTy(list, { list: ety } as Ty);
  return { value: list };
}

/**
 * go-cty's jsondecode (cty/json ImpliedType then Unmarshal): JSON text as a value of the type it
 * implies (an object, a tuple, a number kept exact, a string, a bool or null; a repeated key's last
 * value); text that ends before its value does is Go's "EOF", more after the value "extraneous data
 * after JSON object". Other malformed text (whose words come from Go's scanner) and nesting past 512
 * levels are left unknown.
 */
function decodeJson(text: string): { value: Value; num?: BigNum } | { err: string } | { open: string } {
  const other = { open: 'jsondecode() of text that is not valid JSON (bdm-lab does not write Go\'s words for it)' };
  const EOF = { err: 'EOF' };
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  class Stop { constructor(readonly why: { err: string } | { open: string }) {} }
  const value = (depth: number): { v: Value; num?: BigNum } => {
    if (depth > 512) throw new Stop(other);
    ws();
    if (i >= text.length) throw new Stop(EOF);
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      const obj = c === '{';
      const out: Value[] | Record<string, Value> = obj ? {} : [];
      ws();
      if (i >= text.length) throw new Stop(EOF);
      if (text[i] === (obj ? '}' : ']')) { i++; return { v: out }; }
      for (;;) {
        let key = '';
        if (obj) {
          ws();
          if (i >= text.length) throw new Stop(EOF);
          if (text[i] !== '"') throw new Stop(other);
          key = string();
          ws();
          if (i >= text.length) throw new Stop(EOF);
          if (text[i] !== ':') throw new Stop(other);
          i++;
        }
        const x = value(depth + 1);
        if (obj) { (out as Record<string, Value>)[key] = x.v; keepExact(out, key, x.v, x.num); } else { (out as Value[]).push(x.v); keepExact(out, (out as Value[]).length - 1, x.v, x.num); }
        ws();
        if (i >= text.length) throw new Stop(EOF);
        if (text[i] === ',') { i++; continue; }
        if (text[i] === (obj ? '}' : ']')) { i++; return { v: out }; }
        throw new Stop(other);
      }
    }
    if (c === '"') return { v: string() };
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 4096));
    if (!lit) throw new Stop(other);
    const t = lit[0];
    // a token cut by the end of the text (Go's scanner: "unexpected EOF", not followed)
    if (i + t.length >= text.length && /^(?:t|f|n)/.test(t) === false && !/\d$/.test(t)) throw new Stop(other);
    i += t.length;
    if (i < text.length && /[\w.+-]/.test(text[i])) throw new Stop(other);
    if (t === 'true' || t === 'false') return { v: t === 'true' };
    if (t === 'null') return { v: null };
    const num = parseBig(t);
    if (!num) throw new Stop(other);
    return { v: bigToFloatOf(num), num };
  };
  // a string token read in place (no copy of the rest of the text: a copy per string made n strings cost n²);
  // an escaped surrogate (which Go replaces when unpaired) is not followed
  const string = (): string => {
    const start = i;
    for (i++; ; i++) {
      if (i >= text.length) throw new Stop(other);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) throw new Stop(other);
      if (c !== 92) continue;
      const e = text[++i];
      if (e === 'u') {
        const hex = text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex) || /^[dD][89a-fA-F]/.test(hex)) throw new Stop(other);
        i += 4;
      } else if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(other);
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  try {
    const v = value(0);
    ws();
    if (i < text.length && text[i] !== ']' && text[i] !== '}') return { err: 'extraneous data after JSON object' };
    if (i < text.length) return other;
    return typeof v.v === 'number' ? { value: v.v, num: v.num } : { value: v.v };
  } catch (e) {
    if (e instanceof Stop) return e.why;
    throw e;
  }
}

/** the most tuples setproduct() builds in bdm-lab (go-cty has no bound: a larger product is left unknown) */
const MAX_PRODUCT = 10_000;
/**
 * go-cty's SetProductFunc: at least two arguments, each a set, a list or a tuple whose elements have
 * a common type ("all elements must be of the same type"; anything else: "a set or a list is required"); every combination in order, the first
 * argument's elements slowest, each element converted to its argument's element type; a list of
 * tuples when every argument is a list or tuple, else a set of tuples (in go-cty's order).
 */
function setProduct(a: Arg[]): Outcome {
  if (a.length < 2) return { err: 'at least two arguments are required' };
  const etys: Ty[] = [];
  let lists = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const k = x.value !== undefined ? kindOf(x.value!) : x.r.kind === 'ref' ? 'string' : (x.r as { ty?: string }).ty;
    if (k !== undefined && k !== 'list' && k !== 'set' && k !== 'tuple') return { argErr: i, message: 'a set or a list is required' };
    if (x.value === undefined) { etys.push('dynamic'); continue; }
    const xs = x.value as Value[];
    if (k === 'tuple') {
      lists++;
      if (!xs.length) { etys.push('dynamic'); continue; }
      const tys = xs.map((y, j) => (y === null ? nullTyAt(xs, j) ?? 'dynamic' : tyOf(y)));
      if (tys.some((t) => t === undefined)) return { open: 'setproduct() of elements whose type bdm-lab does not know' };
      const u = unifyTypes(tys as Ty[]);
      if (u === undefined) return { open: 'setproduct() of elements whose common type bdm-lab does not follow' };
      if (u === null) return { argErr: i, message: 'all elements must be of the same type' };
      etys.push(u);
      continue;
    }
    if (k === 'list') lists++;
    const t = tyOf(xs);
    const e = t && typeof t === 'object' ? ('list' in t ? t.list : 'set' in t ? t.set : undefined) : undefined;
    if (e === undefined) return { open: 'setproduct() of a collection whose element type bdm-lab does not know' };
    etys.push(e);
  }
  const o = openOf(a);
  if (o) return o;
  const seqs = a.map((x) => x.value as Value[]);
  let total = 1;
  for (const xs of seqs) { total *= xs.length; if (total > MAX_PRODUCT) return { open: `setproduct() of more than ${MAX_PRODUCT} combinations (bdm-lab does not build them)` }; }
  const rty: Ty = lists === a.length ? { list: { tuple: etys } } : { set: { tuple: etys } };
  const name = lists === a.length ? 'list of tuple' : 'set of tuple';
  if (total === 0) { const v = typed([], name); keepEmptyTy(v, rty); return { value: v }; }
  // each argument's elements converted once to its element type
  const conv: Value[][] = [];
  for (let i = 0; i < seqs.length; i++) {
    const out: Value[] = [];
    for (let j = 0; j < seqs[i].length; j++) {
      const y = seqs[i][j];
      const from = y === null ? nullTyAt(seqs[i], j) ?? 'dynamic' : tyOf(y);
      const c = from === undefined ? undefined : convertTo(y, from, etys[i]);
      if (!c || 'err' in c) return { open: 'setproduct() of elements bdm-lab does not convert' };
      out.push(c.value);
    }
    conv.push(out);
  }
  const products: Value[] = [];
  const idx = new Array<number>(seqs.length).fill(0);
  for (let n = 0; n < total; n++) {
    products.push(idx.map((k, i) => conv[i][k]));
    for (let i = idx.length - 1; i >= 0; i--) { if (++idx[i] < conv[i].length) break; idx[i] = 0; }
  }
  if (lists === a.length) return { value: typed(products, name) };
  const set = structuralSet(products, { tuple: etys });
  return set ? { value: typed(set, name) } : { open: 'setproduct() giving a set whose order bdm-lab does not know' };
}

/**
 * Go's strconv.Quote (fmt's %q of a string): the escapes Go writes for control characters
 * (\a \b \f \n \r \t \v, else \xNN), `\"` and `\\`; other characters as they are (printable ones
 * are kept by both; the rare non-printable ones Go writes as \uNNNN)
 */
function goStrconvQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (named[ch] !== undefined) out += named[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's %q of a rune (strconv.QuoteRune): in single quotes, `'` and `\` escaped, control characters as strconv.Quote writes them */
function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return "'\"'";
  return `'${goStrconvQuote(ch).slice(1, -1)}'`;
}

/**
 * hcl ext/tryfunc: each argument is an expression evaluated by the function. try() gives the
 * first without errors (unknown when it is not wholly known), else lists every diagnostic;
 * can() is whether the expression has no errors (unknown when its value is not wholly known).
 */
function tryCan(name: 'try' | 'can', e: Call, ev: (x: Expr) => Result, where: ((s: Span) => string) | undefined,
  unknown: (why: string, span?: Span, d?: Diag[]) => Result, refused: (m: string, s: Span) => Result): Result {
  if (name === 'can' && e.args.length !== 1) {
    return e.args.length === 0
      ? refused('Not enough function arguments: Function "can" expects 1 argument(s). Missing value for "expression".', e.close ?? e.span)
      : refused('Too many function arguments: Function "can" expects only 1 argument(s).', startSpan(e.args[1]));
  }
  if (e.expandFinal) return unknown(`${name}() with an expanded argument (bdm-lab does not evaluate it)`);
  const all: Diag[] = [];
  for (const x of e.args) {
    const r = ev(x);
    if (r.diags?.length) { all.push(...r.diags); if (name === 'can') return { kind: 'known', value: false }; continue; }
    if (r.kind !== 'known' || !whollyKnown(r)) {
      const u = unknown(r.kind === 'unknown' ? r.why : `a value known only after apply`, r.kind === 'unknown' ? r.span : x.span);
      // can(): cty.UnknownVal(cty.Bool)
      return name === 'can' && u.kind === 'unknown' ? { ...u, ty: 'bool' } : u;
    }
    return name === 'can' ? { kind: 'known', value: true } : r;
  }
  if (e.args.length === 0) return refused('Error in function call: Call to function "try" failed: at least one argument is required.', callStartSpan(e));
  if (!where) return unknown('a try() none of whose expressions succeeds');
  const sorted = [...all];
  const lines = sorted.map((d) => { const i = d.message.indexOf(': '); return `- ${d.message.slice(0, i)} (at ${where(d.span)})\n  ${d.message.slice(i + 2)}\n`; });
  return refused(`Error in function call: Call to function "try" failed: no expression succeeded:\n${lines.join('')}\nAt least one expression must produce a successful result.`, callStartSpan(e));
}
const whollyKnown = (r: Result): boolean => r.kind === 'known';

// ---- the functions --------------------------------------------------------------------------------

const str = (a: Arg) => a.value as string;
const num = (a: Arg) => a.value as number;
const stringFn = (name: string, f: (s: string) => string): Spec => ({ params: [P(name, 'string')], ty: 'string', impl: (a) => openOf(a, 'string') ?? { value: f(str(a[0])) } });

/** Go's strings.ToUpper / ToLower: each code point by its simple case mapping (no special casing, no context) */
function goCase(s: string, upper: boolean): string {
  let out = '';
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    // a special-casing expansion (ß → SS, İ → i̇) is not Go's: its simple mapping is the first code point, or none
    out += [...m].length === 1 ? m : ch === '\u0130' ? 'i' : ch;
  }
  return out;
}
/** Go's unicode.IsSpace (strings.TrimSpace) */
const goSpace = (c: string) => /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
function goTrimSpace(s: string): string {
  const cps = [...s];
  let i = 0, j = cps.length;
  while (i < j && goSpace(cps[i])) i++;
  while (j > i && goSpace(cps[j - 1])) j--;
  return cps.slice(i, j).join('');
}
/** Go's strings.Replace(s, old, new, -1): an empty `old` matches before each code point and at the end */
function goReplace(s: string, old: string, rep: string): string {
  if (old !== '') return s.split(old).join(rep);
  return [...s].map((c) => rep + c).join('') + rep;
}
/** Go's strings.Split: an empty separator cuts between code points */
const goSplit = (s: string, sep: string): string[] => (sep === '' ? [...s] : s.split(sep));

/** stdlib SubstrFunc: offset and length in grapheme clusters, a negative offset from the end, a negative length to the end */
function substr(s: string, offset: number, length: number): string {
  const g = graphemeClusters(s);
  let off = offset;
  if (off < 0) off += g.length;
  else if (length === 0) return '';
  if (off < 0) off = 0;
  if (off >= g.length && offset > 0) return '';
  const rest = g.slice(off);
  // a length of 0 reaches here only with a negative offset: SubstrFunc's counting loop never meets 0, so the rest
  return (length <= 0 ? rest : rest.slice(0, length)).join('');
}

/** the friendly name of what a collection function got, for "cannot read elements from X" and the like */
const tyName = (a: Arg): string => (a.value !== undefined ? friendly(a.value) : a.r.kind === 'ref' ? 'string'
  : a.r.kind === 'unknown' && a.r.type ? ctyTyName(a.r.type) : (a.r as { ty?: string }).ty ?? 'dynamic');

const SPECS: Record<string, Spec> = {
  // LengthFunc itself is eval.ts's length(); here only for its argument count and an expanded argument
  length: { params: [P('value', 'dynamic', { allowUnknown: true, allowDynamic: true })], ty: 'number', impl: () => ({ open: 'length() of an expanded argument (bdm-lab does not follow it)', ty: 'number' }) },
  upper: stringFn('str', (s) => goCase(s, true)),
  lower: stringFn('str', (s) => goCase(s, false)),
  trimspace: stringFn('str', goTrimSpace),
  trimprefix: { params: [P('str', 'string'), P('prefix', 'string')], ty: 'string', impl: (a) => openOf(a, 'string') ?? { value: str(a[0]).startsWith(str(a[1])) ? str(a[0]).slice(str(a[1]).length) : str(a[0]) } },
  trimsuffix: { params: [P('str', 'string'), P('suffix', 'string')], ty: 'string', impl: (a) => openOf(a, 'string') ?? { value: str(a[1]) !== '' && str(a[0]).endsWith(str(a[1])) ? str(a[0]).slice(0, -str(a[1]).length) : str(a[0]) } },
  // funcs.ReplaceFunc: "/…/" is a Go regular expression (RE2), run by regex.ts
  replace: {
    params: [P('str', 'string'), P('substr', 'string'), P('replace', 'string')], ty: 'string',
    impl: (a) => {
      const o = openOf(a, 'string');
      if (o) return o;
      const sub = str(a[1]);
      if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/')) {
        // regexp.Compile then ReplaceAllString (regex.ts: RE2's leftmost-first matching, bounded work)
        // a pattern Go refuses: regexp.Compile's error, which replace() returns as it is
        const refusal = goRegexpError(sub.slice(1, -1));
        if (typeof refusal === 'string') return { err: refusal };
        const prog = refusal === null ? compile(sub.slice(1, -1)) : null;
        if (!prog) return { open: `replace() with the regular expression ${sub} (past bdm-lab's bounds on a pattern, or a form it does not follow)`, ty: 'string' };
        const r = replaceAll(prog, str(a[0]), str(a[2]));
        return r === null ? { open: `replace() with the regular expression ${sub} on this text (more work than bdm-lab's bound of ${MAX_STEPS} steps)`, ty: 'string' } : { value: r };
      }
      return { value: goReplace(str(a[0]), sub, str(a[2])) };
    },
  },
  substr: {
    params: [P('str', 'string', { allowDynamic: true }), P('offset', 'number', { allowDynamic: true }), P('length', 'number', { allowDynamic: true })], ty: 'string',
    impl: (a) => {
      const o = openOf(a, 'string');
      if (o) return o;
      const off = goInt(num(a[1])), len = goInt(num(a[2]));
      if (typeof off === 'string') return { err: off };
      if (typeof len === 'string') return { err: len };
      return { value: substr(str(a[0]), off, len) };
    },
  },
  split: { params: [P('separator', 'string'), P('str', 'string')], impl: (a) => openOf(a) ?? { value: typed(goSplit(str(a[1]), str(a[0])), 'list of string') } },
  join: {
    params: [P('separator', 'string')], varParam: P('lists', 'list of string'), ty: 'string',
    impl: (a) => {
      const o = openOf(a, 'string');
      if (o) return o;
      if (a.length < 2) return { err: 'at least one list is required' };
      const items: string[] = [];
      for (let li = 1; li < a.length; li++) {
        const xs = a[li].value as Value[];
        for (let ei = 0; ei < xs.length; ei++) {
          if (xs[ei] === null) return { argErr: li, message: a.length > 2 ? `element ${ei} of list ${li} is null; cannot concatenate null values` : `element ${ei} is null; cannot concatenate null values` };
          items.push(xs[ei] as string);
        }
      }
      return { value: items.join(str(a[0])) };
    },
  },
  format: { params: [P('format', 'string')], varParam: P('args', 'dynamic', { allowNull: true, allowUnknown: true, allowDynamic: true }), ty: 'string', impl: format },
  formatlist: { params: [P('format', 'string')], varParam: P('args', 'dynamic', { allowNull: true, allowUnknown: true, allowDynamic: true }), impl: formatlist },
  tostring: toFn('string'),
  tonumber: toFn('number'),
  tobool: toFn('bool'),
  tolist: toFn('list'),
  toset: toFn('set'),
  tomap: toFn('map'),
  abs: { params: [P('num', 'number', { allowDynamic: true })], ty: 'number', impl: (a) => openOf(a, 'number') ?? { value: Math.abs(num(a[0])) } },
  // CeilFunc/FloorFunc: an infinity is itself
  ceil: { params: [P('num', 'number')], ty: 'number', impl: (a) => openOf(a, 'number') ?? { value: Math.ceil(num(a[0])) + 0 } },
  floor: { params: [P('num', 'number')], ty: 'number', impl: (a) => openOf(a, 'number') ?? { value: Math.floor(num(a[0])) + 0 } },
  min: minMax('min'),
  max: minMax('max'),
  range: { params: [], varParam: P('params', 'number'), impl: range },
  lookup: {
    params: [P('inputMap', 'dynamic', { allowUnknown: true }), P('key', 'string', { allowUnknown: true })],
    varParam: P('default', 'dynamic', { allowUnknown: true, allowDynamic: true, allowNull: true }),
    impl: (a) => {
      if (a.length > 3) return { err: `lookup() takes two or three arguments, got ${a.length}` };
      const m = a[0];
      const t = m.value !== undefined ? kindOf(m.value) : m.r.kind === 'unknown' ? m.r.ty : 'string';
      if (t !== undefined && t !== 'object' && t !== 'map') return { argErr: 0, message: 'lookup() requires a map as the first argument' };
      // a map: the default must convert to the element type (checked before the key is looked up)
      let def: Value | undefined;
      // the element type: of the map's value, else of a map known only by its type (a variable's constraint: lookup's Type checks the default then too)
      const mt = m.r.kind === 'unknown' ? m.r.type : undefined;
      const elem = t !== 'map' ? undefined : known(m) ? friendly(m.value!).replace(/^map of /, '')
        : mt && typeof mt === 'object' && 'map' in mt && typeof mt.map === 'string' && mt.map !== 'dynamic' ? mt.map : undefined;
      if (elem !== undefined && a.length === 3 && known(a[2]) && elem !== 'dynamic') {
        const d = a[2].value!;
        const c = d === null ? { ok: null } : ['string', 'number', 'bool'].includes(elem) ? (() => { const x = constrain([d], 'list', elem); return x ? { ok: (x as Value[])[0] } : undefined; })() : structuralDefault(d, known(m) ? tyOf(m.value!) : mt);
        if (c && 'refused' in c) return { argErr: 2, message: 'the default value must have the same type as the map elements' };
        if (!c) return typeof d !== 'object' || ['string', 'number', 'bool'].includes(elem) ? { argErr: 2, message: 'the default value must have the same type as the map elements' } : { open: 'lookup() in a map of structures (bdm-lab does not convert the default)' };
        def = c.ok;
      } else if (elem !== undefined && ['string', 'number', 'bool'].includes(elem) && a.length === 3 && a[2].r.kind === 'unknown' && ['list', 'set', 'map', 'tuple', 'object'].includes(a[2].r.ty ?? '')) {
        // a structure never converts to a primitive, known or not
        return { argErr: 2, message: 'the default value must have the same type as the map elements' };
      }
      if (!known(m) || !known(a[1])) return openOf(a)!;
      const v = m.value as Record<string, Value>;
      const k = str(a[1]);
      if (Object.hasOwn(v, k)) return { value: v[k] };
      if (a.length === 3) {
        if (!known(a[2])) return openOf([a[2]])!;
        return { value: t === 'map' ? def! : a[2].value! };
      }
      return t === 'object' ? { argErr: 0, message: `the given object has no attribute ${JSON.stringify(k)}` } : { err: `lookup failed to find key ${goStrconvQuote(k)}` };
    },
  },
  element: {
    params: [P('list', 'dynamic'), P('index', 'number')],
    impl: (a) => {
      const t = a[0].value !== undefined ? kindOf(a[0].value) : (a[0].r as { ty?: string }).ty;
      if (t !== 'list' && t !== 'tuple') return t === undefined ? openOf(a)! : { err: `cannot read elements from ${tyName(a[0])}` };
      // a tuple's index is checked by Type, a list's by Impl (after an unknown argument made the result unknown,
      // of the list's element type: a variable's constraint names it, and later steps check it)
      const lt = t === 'list' && a[0].r.kind === 'unknown' && !a[0].r.shallow ? a[0].r.type : undefined;
      const et = lt && typeof lt === 'object' && 'list' in lt && lt.list !== 'dynamic' ? lt.list : undefined;
      if (!known(a[1]) || (t === 'list' && !known(a[0]))) {
        const o = openOf(a)!;
        if (!et || !('open' in o)) return o;
        return typeof et === 'object' ? { ...o, type: et } : { ...o, ty: et as CtyType };
      }
      const i = goInt(num(a[1]));
      if (typeof i === 'string') return { err: `invalid index: ${i}` };
      // a tuple literal with an unknown element is itself known to go-cty: ElementFunc's Impl picks the element, known or not
      const items = a[0].r.kind === 'unknown' ? a[0].r.items : undefined;
      if (items?.length) return { result: items[((i % items.length) + items.length) % items.length] };
      if (!known(a[0])) return openOf(a)!;
      const xs = a[0].value as Value[];
      if (!xs.length) return { err: 'cannot use element function with an empty list' };
      return { value: xs[((i % xs.length) + xs.length) % xs.length] };
    },
  },
  concat: {
    params: [], varParam: P('seqs', 'dynamic'),
    impl: (a) => {
      if (!a.length) return { err: 'at least one argument is required' };
      // ConcatFunc's Type, in order: a list not known stops it (its length makes the tuple type) before a later argument is looked at
      const kinds = a.map((x) => (x.value !== undefined ? kindOf(x.value!) : (x.r as { ty?: string }).ty));
      if (!kinds.every((k) => k === 'list')) {
        for (let i = 0; i < a.length; i++) {
          const t = kinds[i];
          if (t === undefined || (t === 'list' && !known(a[i]))) return openOf([a[i]])!;
          if (t !== 'list' && t !== 'tuple') return { argErr: i, message: `all arguments must be lists or tuples; got ${tyName(a[i])}` };
        }
      }
      const o = openOf(a);
      if (o) return o;
      const lists = a.map((x) => x.value as Value[]);
      const names = new Set(lists.map((l) => friendly(l)));
      // every argument a list of one type: a list; else a tuple (lists of different element types: not followed)
      if (lists.every((l) => kindOf(l) === 'list')) return names.size === 1 ? { value: typed(lists.flat(), [...names][0]) } : { open: 'concat() of lists of different element types (bdm-lab does not convert them)' };
      return { value: lists.flat() };
    },
  },
  merge: {
    params: [], varParam: P('maps', 'dynamic', { allowDynamic: true, allowNull: true }),
    impl: (a) => {
      for (const x of a) {
        const t = x.value !== undefined ? (x.value === null ? undefined : kindOf(x.value)) : (x.r as { ty?: string }).ty;
        if (t === undefined && x.value === undefined) return openOf([x])!;
        if (t !== undefined && t !== 'map' && t !== 'object') return { err: `arguments must be maps or objects, got ${JSON.stringify(tyName(x))}` };
      }
      const o = openOf(a);
      if (o) return o;
      const ms = a.map((x) => x.value).filter((v): v is Record<string, Value> => v !== null);
      const out: Record<string, Value> = {};
      for (const m of ms) for (const k of Object.keys(m)) out[k] = m[k];
      // every argument a map of one type (a null literal has none): that map type; else an object
      const names = new Set(ms.map((m) => friendly(m)));
      const oneMap = ms.length === a.length && ms.length > 0 && names.size === 1 && kindOf(ms[0]) === 'map';
      return { value: oneMap ? typed(out, [...names][0]) : out };
    },
  },
  coalesce: {
    params: [], varParam: P('vals', 'dynamic', { allowUnknown: true, allowDynamic: true, allowNull: true }),
    impl: (a) => {
      // UnifyUnsafe of the argument types (a null literal is of no type): one primitive type, or string for mixed primitives
      const tys = new Set<string>();
      for (const x of a) {
        const t = x.value !== undefined ? (x.value === null ? undefined : friendly(x.value)) : x.r.kind === 'ref' ? 'string' : (x.r as { ty?: string }).ty;
        if (t === undefined) { if (x.value === undefined) return openOf([x])!; continue; }
        tys.add(t);
      }
      const prim = [...tys].filter((t) => ['string', 'number', 'bool'].includes(t));
      // a primitive beside a collection or structure: UnifyUnsafe finds no common type
      if (prim.length && prim.length < tys.size) return { err: 'all arguments must have the same type' };
      if (prim.length < tys.size) return { open: 'coalesce() of collections or structures (bdm-lab does not unify their types)' };
      if (tys.size > 1 && !tys.has('string')) return { err: 'all arguments must have the same type' };
      const asStr = tys.size > 1 || tys.has('string');
      for (const x of a) {
        if (x.value === undefined) return openOf([x], asStr ? 'string' : undefined)!;
        if (x.value === null) continue;
        const v = asStr ? asString(x.value) : x.value;
        if (asStr && v === '') continue;
        return { value: v };
      }
      return { err: 'no non-null, non-empty-string arguments' };
    },
  },
  coalescelist: {
    params: [], varParam: P('vals', 'dynamic', { allowUnknown: true, allowDynamic: true, allowNull: true }),
    impl: (a) => {
      if (!a.length) return { err: 'at least one argument is required' };
      for (const x of a) {
        if (!known(x)) return openOf([x])!;
        const t = x.value === null ? 'null' : kindOf(x.value!);
        if (t !== 'list' && t !== 'tuple') return { err: 'coalescelist arguments must be lists or tuples' };
      }
      for (const x of a) if ((x.value as Value[]).length > 0) return { value: x.value! };
      return { err: 'no non-null arguments' };
    },
  },
  jsonencode: {
    params: [P('val', 'dynamic', { allowNull: true, allowUnknown: true, allowDynamic: true })], ty: 'string',
    impl: (a) => {
      if (!known(a[0])) return openOf(a, 'string')!;
      const v = a[0].value!;
      const out = jsonOf(v, typeof v === 'number' ? bigOfResult(a[0].r) : undefined);
      return typeof out === 'string' ? { value: out } : out;
    },
  },
  jsondecode: {
    params: [P('str', 'string')],
    impl: (a) => {
      const o = openOf(a);
      if (o) return o;
      const d = decodeJson(str(a[0]));
      return 'value' in d ? { result: { kind: 'known', value: d.value, ...(d.num ? { num: d.num } : {}) } } : d;
    },
  },
  keys: {
    params: [P('inputMap', 'dynamic', { allowUnknown: true })],
    impl: (a) => {
      const t = a[0].value !== undefined ? kindOf(a[0].value) : (a[0].r as { ty?: string }).ty;
      if (t === undefined && !known(a[0])) return openOf(a)!;
      if (t !== 'map' && t !== 'object') return { argErr: 0, message: 'must have map or object type' };
      // an object not known whose type is: its attribute names are (KeysFunc answers from the type)
      const whole = a[0].r.kind === 'unknown' && !a[0].r.shallow ? a[0].r.type : undefined;
      if (!known(a[0]) && whole && typeof whole === 'object' && 'object' in whole) return { value: Object.keys(whole.object).sort(cmpBytes) };
      if (!known(a[0])) return openOf(a)!;
      const ks = Object.keys(a[0].value as object).sort(cmpBytes);
      return { value: t === 'map' ? typed(ks, 'list of string') : ks };
    },
  },
  values: {
    params: [P('mapping', 'dynamic')],
    impl: (a) => {
      const t = a[0].value !== undefined ? kindOf(a[0].value) : (a[0].r as { ty?: string }).ty;
      if (t !== undefined && t !== 'map' && t !== 'object') return { err: 'values() requires a map as the first argument' };
      const o = openOf(a);
      // an unknown map of a known type (a variable's): a list of its element type; an object's: a tuple of its attributes' types, by name
      const vt = o && a[0].r.kind === 'unknown' ? a[0].r.type : undefined;
      if (o && 'open' in o && vt !== undefined && typeof vt === 'object' && 'map' in vt) return { ...o, type: { list: vt.map } };
      if (o && 'open' in o && vt !== undefined && typeof vt === 'object' && 'object' in vt) return { ...o, type: { tuple: Object.keys(vt.object).sort(cmpBytes).map((k) => vt.object[k]) } };
      if (o) return o;
      const m = a[0].value as Record<string, Value>;
      const vs = Object.keys(m).sort(cmpBytes).map((k) => m[k]);
      return { value: t === 'map' ? typed(vs, `list of ${(friendly(m).replace(/^map of /, ''))}`) : vs };
    },
  },
  contains: {
    params: [P('list', 'dynamic'), P('value', 'dynamic', { allowNull: true })], ty: 'bool',
    impl: (a) => {
      // the checks are in Impl: an unknown argument has already made the result unknown
      const o = openOf(a, 'bool');
      if (o) return o;
      const t = kindOf(a[0].value!);
      if (t !== 'list' && t !== 'tuple' && t !== 'set') return { err: 'argument must be list, tuple, or set' };
      const xs = a[0].value as Value[];
      return { value: xs.some((x) => same(x, a[1].value!)) };
    },
  },
  index: {
    params: [P('list', 'dynamic'), P('value', 'dynamic')], ty: 'number',
    impl: (a) => {
      const o = openOf(a, 'number');
      if (o) return o;
      const t = kindOf(a[0].value!);
      if (t !== 'list' && t !== 'tuple') return { err: 'argument must be a list or tuple' };
      const xs = a[0].value as Value[];
      if (!xs.length) return { err: 'cannot search an empty list' };
      const i = xs.findIndex((x) => same(x, a[1].value!));
      return i < 0 ? { err: 'item not found' } : { value: i };
    },
  },
  flatten: {
    params: [P('list', 'dynamic')],
    impl: (a) => {
      const o = openOf(a);
      if (o) return o;
      const t = kindOf(a[0].value!);
      if (t !== 'list' && t !== 'set' && t !== 'tuple') return { err: 'can only flatten lists, sets and tuples' };
      const out: Value[] = [];
      const walk = (xs: Value[]) => { for (const x of xs) { if (x !== null && isSeq(x)) walk(x); else out.push(x); } };
      walk(a[0].value as Value[]);
      return { value: out };
    },
  },
  regex: { params: [P('pattern', 'string'), P('string', 'string')], impl: (a) => regexFn(a, false) },
  regexall: { params: [P('pattern', 'string'), P('string', 'string')], impl: (a) => regexFn(a, true) },
  trim: {
    params: [P('str', 'string'), P('cutset', 'string')], ty: 'string',
    // strings.Trim: the code points of the cutset taken off both ends
    impl: (a) => openOf(a, 'string') ?? { value: goTrim(str(a[0]), str(a[1])) },
  },
  indent: {
    params: [P('spaces', 'number'), P('str', 'string')], ty: 'string',
    impl: (a) => {
      const o = openOf(a, 'string');
      if (o) return o;
      const n = goInt(num(a[0]));
      if (typeof n === 'string') return { err: n };
      // strings.Repeat of a negative count panics; go-cty's Call recovers it as an error whose text
      // ends with the goroutine's stack trace (which names the build's files: bdm-lab writes a stand-in)
      if (n < 0) return { err: `panic in function implementation: strings: negative Repeat count\n${GO_STACK}` };
      const s = str(a[1]);
      const lines = s.split('\n').length - 1;
      if (n * lines + s.length > MAX_TEXT) return { open: `indent() of a text longer than ${MAX_TEXT} characters (bdm-lab does not write it)`, ty: 'string' };
      return { value: s.split('\n').join(`\n${' '.repeat(n)}`) };
    },
  },
  // ReverseFunc: the grapheme clusters (go-textseg) in reverse order
  strrev: stringFn('str', (s) => graphemeClusters(s).reverse().join('')),
  title: stringFn('str', goTitle),
  alltrue: { params: [P('list', 'dynamic')], ty: 'bool', impl: (a) => allAny(a, true) },
  anytrue: { params: [P('list', 'dynamic')], ty: 'bool', impl: (a) => allAny(a, false) },
  compact: {
    params: [P('list', 'list of string')],
    impl: (a) => openOf(a) ?? { value: typed((a[0].value as Value[]).filter((x) => x !== null && x !== ''), 'list of string') },
  },
  sort: {
    params: [P('list', 'list of string')],
    impl: (a) => {
      const o = openOf(a);
      if (o) return o;
      const xs = a[0].value as Value[];
      const i = xs.indexOf(null);
      if (i >= 0) return { err: `given list element ${i} is null; a null string cannot be sorted` };
      return { value: typed([...(xs as string[])].sort(byteOrder), 'list of string') };
    },
  },
  one: {
    params: [P('list', 'dynamic')],
    impl: (a) => {
      const bad: Outcome = { argErr: 0, message: 'must be a list, set, or tuple value with either zero or one elements' };
      const t = a[0].value !== undefined ? kindOf(a[0].value) : (a[0].r as { ty?: string }).ty;
      if (t !== undefined && t !== 'list' && t !== 'set' && t !== 'tuple') return bad;
      // not known: a value of the element type (a variable's type constraint names it)
      const vt = a[0].r.kind === 'unknown' ? a[0].r.type : undefined;
      const vet = vt && typeof vt === 'object' ? ('list' in vt ? vt.list : 'set' in vt ? vt.set : 'tuple' in vt && vt.tuple.length === 1 ? vt.tuple[0] : undefined) : undefined;
      const ek = vet === undefined || vet === 'dynamic' ? undefined : typeof vet === 'string' ? vet : 'tuple' in vet ? 'tuple' : 'object' in vet ? 'object' : undefined;
      // (a collection or structure element by its whole type alone, which later steps check: an
      // attribute its object type lacks is refused)
      const whole = vet !== undefined && typeof vet === 'object' ? vet : undefined;
      const o = openOf(a, whole ? undefined : ek as CtyType | undefined);
      if (o) return 'open' in o && whole ? { ...o, type: whole } : o;
      const xs = a[0].value as Value[];
      if (xs.length > 1) return bad;
      if (xs.length === 1) return { result: { kind: 'known', value: xs[0], ...(xs[0] === null && nullTyAt(xs, 0) ? { nullTy: nullTyAt(xs, 0) } : {}) } };
      // a null of the element type (a tuple's: of no type)
      const ty = t === 'tuple' ? undefined : tyOf(xs);
      const et = ty && typeof ty === 'object' ? ('list' in ty ? ty.list : 'set' in ty ? ty.set : undefined) : undefined;
      return { result: { kind: 'known', value: null, ...(et && et !== 'dynamic' ? { nullTy: et } : {}) } };
    },
  },
  parseint: {
    params: [P('number', 'dynamic'), P('base', 'number')], ty: 'number',
    impl: (a) => {
      const t = a[0].value !== undefined ? friendly(a[0].value) : a[0].r.kind === 'ref' ? 'string' : (a[0].r as { ty?: string }).ty;
      if (t !== undefined && t !== 'string') return { argErr: 0, message: `first argument must be a string, not ${tyName(a[0])}` };
      const o = openOf(a, 'number');
      if (o) return o;
      const base = goInt(num(a[1]));
      if (typeof base === 'string') return { argErr: 1, message: base };
      if (base < 2 || base > 62) return { argErr: 1, message: 'base must be a whole number between 2 and 62 inclusive' };
      const text = str(a[0]);
      const n = bigIntOf(text, base);
      if (n === null) return { argErr: 0, message: `cannot parse ${goStrconvQuote(text)} as a base ${base} integer` };
      if (n === undefined) return { open: 'parseint() of a number past 512 bits (bdm-lab does not keep it)', ty: 'number' };
      return { result: { kind: 'known', value: Number(n), num: parseBig(n.toString())! } };
    },
  },
  transpose: {
    params: [P('values', 'dynamic')],
    impl: (a) => {
      const o = openOf(a);
      if (o) return o;
      const m = a[0].value!;
      const k = m === null ? 'null' : kindOf(m);
      if (k !== 'map' && k !== 'object') return { open: 'transpose() of a value that is not a map (bdm-lab does not convert it)' };
      const src = m as Record<string, Value>;
      // the conversion to map(list(string)): each value a sequence of primitives, or null
      for (const key of Object.keys(src)) {
        const v = src[key];
        if (v === null) continue;
        if (typeof v !== 'object') return { argErr: 0, message: `element ${goStrconvQuote(key)}: list of string required, but have ${ctyType(v)}` };
        if (!Array.isArray(v) || kindOf(v) === 'map' || v.some((x) => typeof x === 'object' && x !== null)) return { open: 'transpose() of a map whose values are not lists of strings (bdm-lab does not convert it)' };
      }
      const out = new Map<string, string[]>();
      for (const key of Object.keys(src).sort(byteOrder)) {
        const v = src[key];
        if (v === null) return { err: 'input must not contain null list' };
        for (const x of v as Value[]) {
          if (x === null) return { err: 'input list must not contain null string' };
          const s = asString(x) as string;
          const g = out.get(s);
          if (g) g.push(key); else out.set(s, [key]);
        }
      }
      const res: Record<string, Value> = {};
      for (const [key, ks] of out) res[key] = typed(ks.sort(byteOrder), 'list of string');
      return { value: typed(res, 'map of list of string') };
    },
  },
  setproduct: { params: [], varParam: P('sets', 'dynamic'), impl: setProduct },
  distinct: {
    params: [P('list', 'dynamic')],
    impl: (a) => {
      const o = openOf(a);
      if (o) return o;
      const v = a[0].value!;
      // MismatchMessage: an object names the constraint, a primitive both FriendlyNames (list(dynamic) is "list of dynamic")
      if (!isSeq(v)) return { argErr: 0, message: isMapping(v) ? 'list of any single type required' : `list of dynamic required, but have ${friendly(v)}` };
      const l = kindOf(v) === 'list' ? { value: v } : toList(v, 'list');
      if (!l) return { open: 'distinct() of a list of structures (bdm-lab does not convert it)' };
      if ('err' in l) return { argErr: 0, message: l.err };
      // a list of structures is not converted (toList), so uniq is linear here
      return { value: typed(uniq(l.value), friendly(l.value)) };
    },
  },
  slice: {
    params: [P('list', 'dynamic'), P('start_index', 'number'), P('end_index', 'number')],
    impl: (a) => {
      const t = a[0].value !== undefined ? kindOf(a[0].value) : (a[0].r as { ty?: string }).ty;
      if (t === 'set') return { argErr: 0, message: 'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important' };
      if (t !== undefined && t !== 'list' && t !== 'tuple') return { argErr: 0, message: 'must be a list or tuple value' };
      const len = known(a[0]) ? (a[0].value as Value[]).length : undefined;
      let s: number | undefined, en: number | undefined;
      if (known(a[1])) {
        const x = goInt(num(a[1]));
        if (typeof x === 'string') return { argErr: 1, message: `invalid start index: ${x}` };
        if (x < 0) return { argErr: 1, message: 'start index must not be less than zero' };
        if (len !== undefined && x > len) return { argErr: 1, message: 'start index must not be greater than the length of the list' };
        s = x;
      }
      if (known(a[2])) {
        const x = goInt(num(a[2]));
        if (typeof x === 'string') return { argErr: 2, message: `invalid end index: ${x}` };
        if (x < 0) return { argErr: 2, message: 'end index must not be less than zero' };
        if (len !== undefined && x > len) return { argErr: 2, message: 'end index must not be greater than the length of the list' };
        en = x;
      }
      if (s !== undefined && en !== undefined && s > en) return { argErr: 1, message: 'start index must not be greater than end index' };
      const o = openOf(a);
      if (o) return o;
      const xs = (a[0].value as Value[]).slice(s, en);
      return { value: kindOf(a[0].value!) === 'list' ? typed(xs, friendly(a[0].value!)) : xs };
    },
  },
  sum: { params: [P('list', 'dynamic')], ty: 'number', impl: sum },
  setunion: { params: [P('first_set', 'dynamic', SET)], varParam: P('other_sets', 'dynamic', SET), impl: (a) => setOp(a, 'union') },
  setintersection: { params: [P('first_set', 'dynamic', SET)], varParam: P('other_sets', 'dynamic', SET), impl: (a) => setOp(a, 'intersection') },
  setsubtract: { params: [P('a', 'dynamic', SET), P('b', 'dynamic', SET)], impl: (a) => setOp(a, 'subtract') },
  matchkeys: { params: [P('values', 'dynamic', LIST), P('keys', 'dynamic', LIST), P('searchset', 'dynamic', LIST)], impl: matchkeys },
  chunklist: { params: [P('list', 'dynamic', LIST), P('size', 'number')], impl: chunklist },
  chomp: stringFn('str', chomp),
  // SignumFunc: the number as a Go int first (a fraction or an infinity refused), then its sign
  signum: {
    params: [P('num', 'number')], ty: 'number',
    impl: (a) => {
      const o = openOf(a, 'number');
      if (o) return o;
      const n = goInt(num(a[0]));
      return typeof n === 'string' ? { err: n } : { value: n < 0 ? -1 : n > 0 ? 1 : 0 };
    },
  },
  // ReverseListFunc: a tuple reversed; a list or a set as a list of its element type
  reverse: {
    params: [P('list', 'dynamic')],
    impl: (a) => {
      const t = a[0].value !== undefined ? (a[0].value === null ? undefined : kindOf(a[0].value)) : (a[0].r as { ty?: string }).ty;
      if (t !== undefined && t !== 'list' && t !== 'set' && t !== 'tuple') return { argErr: 0, message: `can only reverse list or tuple values, not ${tyName(a[0])}` };
      const o = openOf(a);
      if (o) return o;
      const xs = [...(a[0].value as Value[])].reverse();
      if (t === 'tuple') return { value: xs };
      const name = friendly(a[0].value!).replace(/^set of /, 'list of ');
      const out = typed(xs, name);
      if (!xs.length) { const ty = tyOf(a[0].value!); const e = ty && typeof ty === 'object' ? ('list' in ty ? ty.list : 'set' in ty ? ty.set : undefined) : undefined; if (e) keepEmptyTy(out, { list: e }); }
      return { value: out };
    },
  },
  zipmap: {
    params: [P('keys', 'list of string'), P('values', 'dynamic')],
    impl: (a) => {
      const t = a[1].value !== undefined ? kindOf(a[1].value) : (a[1].r as { ty?: string }).ty;
      if (t !== undefined && t !== 'list' && t !== 'tuple') return { err: 'values argument must be a list or tuple value' };
      const o = openOf(a);
      if (o) return o;
      const ks = a[0].value as Value[], vs = a[1].value as Value[];
      if (ks.length !== vs.length) return { err: `number of keys (${ks.length}) does not match number of values (${vs.length})` };
      const nul = ks.indexOf(null);
      if (nul >= 0 && t === 'tuple') return { err: `keys list has null value at index ${nul}` };
      if (nul >= 0) return { open: 'zipmap() with a null key (go-cty panics; bdm-lab does not follow it)' };
      const out: Record<string, Value> = {};
      ks.forEach((k, i) => { out[k as string] = vs[i]; });
      // a list of values makes a map of their type, a tuple an object
      return { value: t === 'list' ? typed(out, friendly(a[1].value!).replace(/^list of /, 'map of ')) : out };
    },
  },
  // encoding.go, crypto.go, string.go, number.go, cidr.go (Terraform's own functions)
  base64encode: stringFn('str', (s) => base64Of(utf8(s))),
  base64decode: { params: [P('str', 'string', { allowUnknown: true })], ty: 'string', impl: (a) => openOf(a, 'string') ?? base64Decode(str(a[0]), goStrconvQuote) },
  urlencode: stringFn('str', queryEscape),
  md5: stringFn('str', (s) => stringHash('md5', s)!),
  sha1: stringFn('str', (s) => stringHash('sha1', s)!),
  sha256: stringFn('str', (s) => stringHash('sha256', s)!),
  sha512: stringFn('str', (s) => stringHash('sha512', s)!),
  base64sha256: stringFn('str', (s) => stringHash('base64sha256', s)!),
  base64sha512: stringFn('str', (s) => stringHash('base64sha512', s)!),
  uuidv5: {
    params: [P('namespace', 'string'), P('name', 'string')], ty: 'string',
    impl: (a) => openOf(a, 'string') ?? uuidV5(str(a[0]), str(a[1])) ?? { open: 'uuidv5() of a namespace whose refusal bdm-lab does not write', ty: 'string' },
  },
  // StartsWithFunc takes a string not known: the empty prefix starts any string
  startswith: {
    params: [P('str', 'string', { allowUnknown: true }), P('prefix', 'string')], ty: 'bool',
    impl: (a) => (known(a[1]) && str(a[1]) === '' ? { value: true } : openOf(a, 'bool') ?? { value: str(a[0]).startsWith(str(a[1])) }),
  },
  endswith: { params: [P('str', 'string'), P('suffix', 'string')], ty: 'bool', impl: (a) => openOf(a, 'bool') ?? { value: str(a[0]).endsWith(str(a[1])) } },
  strcontains: { params: [P('str', 'string'), P('substr', 'string')], ty: 'bool', impl: (a) => openOf(a, 'bool') ?? { value: str(a[0]).includes(str(a[1])) } },
  pow: { params: [P('num', 'number'), P('power', 'number')], ty: 'number', impl: (a) => openOf(a, 'number') ?? pow(num(a[0]), num(a[1])) },
  log: { params: [P('num', 'number'), P('base', 'number')], ty: 'number', impl: (a) => openOf(a, 'number') ?? log(num(a[0]), num(a[1])) },
  cidrhost: { params: [P('prefix', 'string'), P('hostnum', 'number')], ty: 'string', impl: (a) => openOf(a, 'string') ?? withTy(cidrHost(str(a[0]), num(a[1])), 'string') },
  cidrnetmask: { params: [P('prefix', 'string')], ty: 'string', impl: (a) => openOf(a, 'string') ?? withTy(cidrNetmask(str(a[0])), 'string') },
  cidrsubnet: { params: [P('prefix', 'string'), P('newbits', 'number'), P('netnum', 'number')], ty: 'string', impl: (a) => openOf(a, 'string') ?? withTy(cidrSubnet(str(a[0]), num(a[1]), num(a[2])), 'string') },
  csvdecode: {
    params: [P('str', 'string')],
    impl: (a) => {
      const o = openOf(a);
      if (o) return o;
      const r = csvDecode(str(a[0]), goStrconvQuote);
      if (!('rows' in r)) return r;
      const v = typed(r.rows as Value[], 'list of object');
      if (!r.rows.length) keepEmptyTy(v, { list: { object: Object.fromEntries(r.columns.map((c) => [c, 'string' as Ty])) } });
      return { value: v };
    },
  },
  cidrsubnets: {
    params: [P('prefix', 'string')], varParam: P('newbits', 'number'),
    impl: (a) => {
      const o = openOf(a);
      if (o) return { ...o, type: { list: 'string' } };
      const r = cidrSubnets(str(a[0]), a.slice(1).map(num));
      if ('value' in r) { const v = typed(r.value, 'list of string'); if (!r.value.length) keepEmptyTy(v, { list: 'string' }); return { value: v }; }
      return 'open' in r ? { open: r.open, type: { list: 'string' } } : r;
    },
  },
};

/** an outcome left open keeps the function's result type */
const withTy = (o: { value: string } | { err: string } | { open: string }, ty: CtyType): Outcome => ('open' in o ? { open: o.open, ty } : o);

/**
 * Terraform's PowFunc (math.Pow of the two as float64): bdm-lab follows the powers math.Pow and
 * JavaScript agree on exactly: an integer to a whole power (exact when the result fits a float64's
 * 53 bits; its reciprocal for a negative power), a negative number to a fraction (NaN: "result is
 * not a number"), zero to a negative power (an infinity); anything else is left unknown
 */
function pow(x: number, y: number): Outcome {
  const open: Outcome = { open: 'pow() of numbers whose float64 power bdm-lab does not compute exactly as Go does', ty: 'number' };
  if (y === 0 || x === 1) return { value: 1 };
  if (y === 1) return { value: x };
  if (!Number.isFinite(x) || !Number.isFinite(y)) return open;
  if (x < 0 && !Number.isInteger(y)) return { err: 'result is not a number' };
  if (x === 0) return y > 0 ? { value: 0 } : { value: Number.isInteger(y) && Math.abs(y) % 2 === 1 ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity };
  if (!Number.isInteger(x) || !Number.isInteger(y) || !Number.isSafeInteger(x) || Math.abs(y) > 1100) return open;
  const e = BigInt(x) ** BigInt(Math.abs(y));
  const m = e < 0n ? -e : e;
  // exact in a float64: at most 53 significant bits
  const bits = m.toString(2);
  if (bits.length > 1024 || bits.lastIndexOf('1') + 1 > 53) return open;
  const p = Number(e);
  return { value: y > 0 ? p : 1 / p };
}

/** Terraform's LogFunc: math.Log(num) / math.Log(base) (Go's and JavaScript's natural logarithms are both fdlibm's), NaN refused */
function log(x: number, b: number): Outcome {
  const r = Math.log(x) / Math.log(b);
  return Number.isNaN(r) ? { err: 'result is not a number' } : { value: r };
}

/**
 * An argument converted to its parameter's type list(dynamic) (function.go Call before Impl): a list as
 * it is, a set's elements in its order, a tuple's elements unified (toList); a refusal in
 * convert's words (as distinct() words them); undefined when bdm-lab does not follow the conversion.
 */
function asDynamicList(v: Value): { value: Value[] } | { message: string } | undefined {
  if (!isSeq(v)) return { message: isMapping(v) ? 'list of any single type required' : `list of dynamic required, but have ${friendly(v)}` };
  const k = kindOf(v);
  if (k === 'list') return { value: v };
  if (k === 'set') return { value: typed([...v], friendly(v).replace(/^set of /, 'list of ')) };
  const l = toList(v, 'list');
  return l && ('err' in l ? { message: l.err } : l);
}

/** Terraform's SumFunc (internal/lang/funcs/collection.go): the elements converted to numbers and added at go-cty's precision */
function sum(a: Arg[]): Outcome {
  const o = openOf(a, 'number');
  if (o) return o;
  const v = a[0].value!;
  if (v === null || typeof v !== 'object') return { argErr: 0, message: 'cannot sum noniterable' };
  const xs = Array.isArray(v) ? v : Object.keys(v).map((k) => v[k]);
  if (!xs.length) return { argErr: 0, message: 'cannot sum an empty list' };
  const k = kindOf(v);
  if (k !== 'list' && k !== 'set' && k !== 'tuple') return { argErr: 0, message: `argument must be list, set, or tuple. Received ${friendly(v)}` };
  const bad: Outcome = { argErr: 0, message: 'argument must be list, set, or tuple of number values' };
  let total: BigNum | undefined;
  let float = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x === null || typeof x === 'object' || typeof x === 'boolean') return bad;
    const c = toNumber(x);
    if ('err' in c || c.n === null) return bad;
    const n = typeof x === 'number' ? exactAt(v, Array.isArray(v) ? i : Object.keys(v)[i]) ?? bigOfFloat(x) : parseBig(x) ?? bigOfFloat(c.n);
    if (i === 0) { total = n; float = c.n; continue; }
    const r = total ? bigArithmetic('+', total, n) : null;
    if (typeof r === 'string') return { err: r };
    total = r ?? undefined;
    float += c.n;
  }
  return { result: total ? { kind: 'known', value: bigToFloatOf(total), num: total } : { kind: 'known', value: float } };
}

/** convert's refusal of a known value as a list(dynamic) or set(dynamic), if any */
function seqConversion(v: Value, kind: 'list' | 'set'): string | undefined {
  const l = asDynamicList(v);
  if (!l || !('message' in l)) return undefined;
  return kind === 'list' ? l.message : l.message.replace(/^list /, 'set ').replace(/^all list /, 'all set ');
}

/** the element type an argument of type `t` has once converted to list(dynamic); null when it does not convert; undefined when bdm-lab cannot tell */
function listElemTy(t: Ty): Ty | null | undefined {
  if (typeof t === 'string') return t === 'dynamic' ? undefined : null;
  if ('list' in t) return t.list;
  if ('set' in t) return t.set;
  if ('tuple' in t) return t.tuple.length ? unifyTypes(t.tuple) : 'dynamic';
  return null;
}
/**
 * a result's whole type: its value's, or the one Terraform knows for a value not known (a variable's
 * constraint, a primitive's), a tuple literal's from its elements'
 */
function resultTy(r: Result): Ty | undefined {
  if (r.kind === 'known') return r.value === null ? r.nullTy ?? 'dynamic' : tyOf(r.value);
  if (r.kind === 'ref') return 'string';
  if (r.type !== undefined) return r.type;
  if (r.ty === 'string' || r.ty === 'number' || r.ty === 'bool') return r.ty;
  if (r.shallow && r.ty === 'tuple' && r.items) {
    const ts = r.items.map(resultTy);
    return ts.every((t) => t !== undefined) ? { tuple: ts as Ty[] } : undefined;
  }
  return undefined;
}
const argTy = (a: Arg): Ty | undefined => (a.value === null ? undefined : resultTy(a.r));
/** the length of a list argument known at its top (a tuple literal with unknown elements is, to go-cty) */
const topLength = (a: Arg): number | undefined => (a.value !== undefined ? (a.value as Value[]).length : a.r.kind === 'unknown' && a.r.shallow && a.r.ty === 'tuple' ? a.r.len : undefined);

/**
 * Terraform's MatchkeysFunc: each argument converted to a list(dynamic) (in order, convert's words), then
 * the Type check: keys and searchset unified (UnifyUnsafe), else "keys and searchset must be of the same
 * type", whether or not their values are known; then (all known) the lengths of values and keys, an empty
 * searchset, and the values whose key (converted to the unified type) equals an element of the searchset,
 * in order, as a list of the values' element type.
 */
function matchkeys(a: Arg[]): Outcome {
  const etys: Ty[] = [];
  for (let i = 0; i < 3; i++) {
    if (known(a[i])) {
      const l = asDynamicList(a[i].value!);
      if (!l) return { open: 'matchkeys() of a list bdm-lab does not convert' };
      if ('message' in l) return { argErr: i, message: l.message };
    }
    const t = argTy(a[i]);
    const e = t === undefined ? undefined : listElemTy(t);
    if (e === null) return known(a[i]) || (t && typeof t === 'object' && 'tuple' in t) ? { argErr: i, message: 'all list elements must have the same type' } : { open: 'matchkeys() of a value bdm-lab does not convert' };
    if (e === undefined) return openOf(a) ?? { open: 'matchkeys() of a list whose element type bdm-lab does not know' };
    etys.push(e);
  }
  const ty = unifyTypes([etys[1], etys[2]]);
  if (ty === null) return { err: 'keys and searchset must be of the same type' };
  const rty: Ty = { list: etys[0] };
  const emptyOf = (values: Value[]): Outcome => { const e = typed([] as Value[], friendly(values)); keepEmptyTy(e, rty); return { value: e }; };
  // Impl runs when each argument is known at its top: the lengths, then an empty searchset
  const lens = a.map(topLength);
  if (lens[0] !== undefined && lens[1] !== undefined && lens[2] !== undefined) {
    if (lens[0] !== lens[1]) return { err: 'length of keys and values should be equal' };
    if (!lens[2] && known(a[0])) return emptyOf((asDynamicList(a[0].value!) as { value: Value[] }).value);
    // values and keys wholly known, a searchset element not known: the first comparison with it is
    // not known, and MatchkeysFunc then gives an empty list
    const items = a[2].r.kind === 'unknown' && a[2].r.shallow ? a[2].r.items : undefined;
    if (known(a[0]) && known(a[1]) && items && ty !== undefined && !tyEquals(ty, 'dynamic')) {
      const keys = (asDynamicList(a[1].value!) as { value: Value[] }).value;
      const values = (asDynamicList(a[0].value!) as { value: Value[] }).value;
      for (const k0 of keys) {
        const k = convertTo(k0, etys[1], ty);
        if (!k || 'err' in k) break;
        for (const it of items) {
          if (it.kind !== 'known') return emptyOf(values);
          const x = it.value === null ? { value: null } : convertTo(it.value, tyOf(it.value) ?? 'dynamic', ty);
          if (!x || 'err' in x) break;
          if (same(k.value, x.value)) break;
        }
      }
    }
  }
  const o = openOf(a);
  if (o) return 'open' in o ? { ...o, type: rty } : o;
  if (ty === undefined) return { open: 'matchkeys() of keys and a searchset whose common type bdm-lab does not follow' };
  const [values, keys0, search0] = a.map((x) => (asDynamicList(x.value!) as { value: Value[] }).value);
  const empty = (): Outcome => emptyOf(values);
  if (values.length !== keys0.length) return { err: 'length of keys and values should be equal' };
  if (!search0.length) return empty();
  const conv = (l: Value[], from: Ty): Value[] | undefined => {
    const out: Value[] = [];
    for (const x of l) { const c = convertTo(x, from, ty); if (!c || 'err' in c) return undefined; out.push(c.value); }
    return out;
  };
  const keys = conv(keys0, etys[1]), search = conv(search0, etys[2]);
  if (!keys || !search) return { open: 'matchkeys() of keys bdm-lab does not convert' };
  const out: Value[] = [];
  keys.forEach((k, i) => { if (search.some((x) => same(k, x))) out.push(values[i]); });
  return out.length ? { value: typed(out, friendly(values)) } : empty();
}

/**
 * go-cty's setunion, setintersection and setsubtract (stdlib/set.go): each argument converted to a
 * set(dynamic) (convert's words, on that argument), the element types unified (an empty set of no type
 * aside) or "given sets must all have compatible element types", each set converted to that element
 * type, then the operation, the result in go-cty's set order.
 */
function setOp(a: Arg[], op: 'union' | 'intersection' | 'subtract'): Outcome {
  const etys: Array<Ty | undefined> = [];
  const sets: Array<Value[] | undefined> = [];
  for (let i = 0; i < a.length; i++) {
    const v = a[i].value;
    if (v === undefined) {
      const t = argTy(a[i]);
      const e = t === undefined ? undefined : listElemTy(t);
      if (e === null) return { open: `set${op}() of a value bdm-lab does not convert` };
      if (e === undefined) return openOf([a[i]])!;
      etys.push(e);
      sets.push(undefined);
      continue;
    }
    if (!isSeq(v)) return { argErr: i, message: isMapping(v) ? 'set of any single type required' : `set of dynamic required, but have ${friendly(v)}` };
    const k = kindOf(v);
    if (k === 'tuple') {
      const c = tupleAsCollection(v, 'set');
      if (!c) return { open: `set${op}() of elements whose common type bdm-lab does not follow` };
      if ('err' in c) return { argErr: i, message: 'all set elements must have the same type' };
      etys.push(c.ety);
      sets.push(c.value);
      continue;
    }
    const t = tyOf(v);
    const e = t && typeof t === 'object' ? ('list' in t ? t.list : 'set' in t ? t.set : undefined) : undefined;
    if (e === undefined) return { open: `set${op}() of a collection whose element type bdm-lab does not know` };
    etys.push(e);
    sets.push(v);
  }
  // setOperationReturnType: an empty set of no type is left out of the unification
  const counted = etys.filter((e, i) => !(sets[i] !== undefined && sets[i]!.length === 0 && e === 'dynamic')) as Ty[];
  const ety = counted.length ? unifyTypes(counted) : 'dynamic';
  if (ety === null) return { err: 'given sets must all have compatible element types' };
  if (ety === undefined) return { open: `set${op}() of sets whose common type bdm-lab does not follow` };
  if (sets.some((x) => x === undefined)) return { ...openOf(a)!, type: { set: ety } } as Outcome;
  const conv: Value[][] = [];
  for (let i = 0; i < sets.length; i++) {
    const out: Value[] = [];
    for (const x of sets[i]!) {
      const c = convertTo(x, etys[i]!, ety);
      if (!c || 'err' in c) return { open: `set${op}() of elements bdm-lab does not convert` };
      out.push(c.value);
    }
    conv.push(out);
  }
  const keys = conv.map((xs) => new Set(xs.map(keyOf)));
  let out: Value[];
  if (op === 'union') out = conv.flat();
  else if (op === 'intersection') out = conv[0].filter((x) => keys.slice(1).every((k) => k.has(keyOf(x))));
  else out = conv[0].filter((x) => !keys[1].has(keyOf(x)));
  const name = `set of ${ctyTyName(ety)}`;
  if (typeof ety === 'string') {
    const r = typed(ety === 'dynamic' ? [] : primitiveSet(out), name);
    if (!r.length) keepEmptyTy(r, { set: ety });
    return { value: r };
  }
  const r = structuralSet(uniq(out), ety);
  if (!r) return { open: `set${op}() giving a set whose order bdm-lab does not know` };
  const v = typed(r, name);
  if (!v.length) keepEmptyTy(v, { set: ety });
  return { value: v };
}

/** go-cty's ChunklistFunc: the list cut into lists of `size` elements (0: the whole list as the one chunk) */
function chunklist(a: Arg[]): Outcome {
  // not known: a list of lists of the list's element type
  const t0 = argTy(a[0]);
  const e0 = t0 === undefined ? undefined : listElemTy(t0);
  const openOfAll = (): Outcome => { const o = openOf(a)!; return 'open' in o && e0 ? { ...o, type: { list: { list: e0 } } } : o; };
  // a tuple literal with unknown elements is known to go-cty: Impl checks the size
  const shallow = a[0].r.kind === 'unknown' && a[0].r.shallow && a[0].r.ty === 'tuple';
  if (!known(a[0]) && !(shallow && known(a[1]))) return openOfAll();
  const l = known(a[0]) ? asDynamicList(a[0].value!) : undefined;
  if (l && 'message' in l) return { argErr: 0, message: l.message };
  if (!known(a[1])) return openOfAll();
  const size = goInt(num(a[1]));
  if (typeof size === 'string') return { err: `invalid size: ${size}` };
  if (size < 0) return { err: 'the size argument must be positive' };
  if (!l) return openOf(a) ? openOfAll() : { open: 'chunklist() of a list bdm-lab does not convert' };
  const xs = l.value;
  const name = `list of ${friendly(xs)}`;
  if (!xs.length) { const e = typed([] as Value[], name); const t = tyOf(xs); if (t) keepEmptyTy(e, { list: t }); return { value: e }; }
  if (size === 0) return { value: typed([xs], name) };
  const out: Value[] = [];
  for (let i = 0; i < xs.length; i += size) out.push(typed(xs.slice(i, i + size), friendly(xs)));
  return { value: typed(out, name) };
}

/** go-cty's ChompFunc: every trailing \r and \n taken off (its pattern `(?:\r\n?|\n)*\z`) */
function chomp(s: string): string {
  let j = s.length;
  while (j > 0 && (s[j - 1] === '\n' || s[j - 1] === '\r')) j--;
  return s.slice(0, j);
}

/** Go's sort.Strings: by bytes (UTF-8), which for strings without surrogates is code point order */
function cmpBytes(x: string, y: string): number {
  const a = [...x], b = [...y];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i].codePointAt(0)! - b[i].codePointAt(0)!;
  return a.length - b.length;
}

/** stdlib MinFunc/MaxFunc: at least one number; the least (greatest) */
function minMax(which: 'min' | 'max'): Spec {
  return {
    params: [], varParam: P('numbers', 'number', { allowDynamic: true }), ty: 'number',
    impl: (a) => {
      if (!a.length) return { err: 'must pass at least one number' };
      const o = openOf(a, 'number');
      if (o) return o;
      const ns = a.map(num);
      return { value: which === 'min' ? ns.reduce((x, y) => (y < x ? y : x), Infinity) : ns.reduce((x, y) => (y > x ? y : x), -Infinity) };
    },
  };
}

/** stdlib RangeFunc: go-cty stops at 1024 values, which bounds the work */
function range(a: Arg[]): Outcome {
  if (a.length < 1 || a.length > 3) return { err: 'must have one, two, or three arguments' };
  const o = openOf(a);
  if (o) return o;
  const n = a.map(num);
  const [start, end, step] = n.length === 1 ? [0, n[0], n[0] < 0 ? -1 : 1] : n.length === 2 ? [n[0], n[1], n[1] < n[0] ? -1 : 1] : [n[0], n[1], n[2]];
  // RangeFunc's `step == cty.Zero` compares Go values (a pointer to the number), so a step written or
  // computed as zero is never that value: it counts up, giving "more than 1024 values" (or nothing)
  const down = step < 0;
  if (down ? end > start : end < start) return { argErr: 1, message: down ? 'end must be less than start when step is negative' : 'end must be greater than start when step is positive' };
  if (![start, end, step].every(Number.isFinite)) return { open: 'range() with an infinite bound (bdm-lab does not follow it)' };
  // each value the previous plus the step at 512 bits (bignum.ts); go-cty stops past 1024 values
  const vals = ctyRange(start, end, step, 1024);
  if (!vals) return { err: 'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step' };
  return { value: typed(vals, 'list of number') };
}
/**
 * Terraform's tostring/tonumber/tobool/tolist/toset/tomap (funcs.MakeToFunc): go-cty's conversion
 * of the value, with Terraform's own words when it fails. A null converts to a null of that type.
 */
function toFn(want: 'string' | 'number' | 'bool' | 'list' | 'set' | 'map'): Spec {
  const constraint = want === 'list' || want === 'set' || want === 'map' ? `${want} of any single type` : want;
  return {
    params: [P('v', 'dynamic', { allowNull: true, allowUnknown: true, allowDynamic: true })],
    ...(want === 'string' || want === 'number' || want === 'bool' ? { ty: want } : {}),
    impl: (a) => {
      const x = a[0];
      // a typed null is converted by its type (a conversion that does not exist is refused)
      const nt = x.value === null && x.r.kind === 'known' ? x.r.nullTy : undefined;
      const got = nt !== undefined ? (typeof nt === 'string' ? nt : Object.keys(nt)[0])
        : x.value !== undefined ? (x.value === null ? undefined : kindOf(x.value)) : x.r.kind === 'ref' ? 'string' : (x.r as { ty?: string }).ty;
      const gotName = nt !== undefined ? ctyTyName(nt) : x.value !== undefined && x.value !== null ? friendly(x.value) : x.r.kind === 'unknown' && x.r.type ? ctyTyName(x.r.type) : got;
      const primitive = (t: string | undefined) => t === 'string' || t === 'number' || t === 'bool';
      // the type's conversion (GetConversionUnsafe) exists or not, before the value is looked at
      if (got !== undefined) {
        const ok = want === 'string' || want === 'number' || want === 'bool'
          ? primitive(got) && !((want === 'number' && got === 'bool') || (want === 'bool' && got === 'number'))
          : want === 'map' ? got === 'map' || got === 'object' : got === 'list' || got === 'set' || got === 'tuple';
        if (!ok) return { argErr: 0, message: `cannot convert ${gotName} to ${constraint}` };
      }
      if (x.value === undefined) return openOf(a, want === 'string' || want === 'number' || want === 'bool' ? want : undefined)!;
      const v = x.value;
      if (v === null) {
        // a null of the type asked for (convert passes a null through with that type): a collection of
        // the null's own element type, if it had one
        const from = x.r.kind === 'known' ? x.r.nullTy : undefined;
        const e = from !== undefined && typeof from === 'object' ? ('list' in from ? from.list : 'set' in from ? from.set : 'map' in from ? from.map : undefined) : undefined;
        const nullTy: Ty = want === 'list' ? { list: e ?? 'dynamic' } : want === 'set' ? { set: e ?? 'dynamic' } : want === 'map' ? { map: e ?? 'dynamic' } : want;
        return { result: { kind: 'known', value: null, nullTy } };
      }
      switch (want) {
        case 'string': return { value: typeof v === 'number' ? numText(x.r, v) : asString(v) };
        // a sensitive value's failed conversion is told without the value (lang/funcs conversion.go)
        case 'number': {
          if (typeof v === 'number') return { value: v };
          const n = ctyNumber(v as string);
          return n !== null ? { value: n } : { argErr: 0, message: x.marked?.() ? 'cannot convert this sensitive string to number' : `cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number` };
        }
        case 'bool': {
          if (typeof v === 'boolean') return { value: v };
          const b = toBool(v);
          return 'b' in b ? { value: b.b } : { argErr: 0, message: x.marked?.() ? 'cannot convert this sensitive string to bool' : `cannot convert ${JSON.stringify(v)} to bool; only the strings "true" or "false" are allowed` };
        }
        case 'list': case 'set': {
          const xs = v as Value[];
          const k = kindOf(v);
          const l = k === 'tuple' ? toList(xs, want) : { value: xs };
          if (!l) return { open: `to${want}() of structures (bdm-lab does not convert them)` };
          if ('err' in l) return { argErr: 0, message: `cannot convert ${gotName} to ${constraint}` };
          const elem = friendly(l.value).replace(/^(?:list|set) of /, '');
          if (want === 'list') {
            const copy = typed([...l.value], `list of ${elem}`);
            l.value.forEach((y, i) => { if (y === null) keepNullTy(copy, i, nullTyAt(l.value, i)); });
            return { value: copy };
          }
          if (l.value.some((y) => typeof y === 'object' && y !== null)) {
            // a set of structures: in go-cty's hash order (types.ts)
            if (k === 'tuple') return { value: l.value };
            const c = tupleAsCollection(l.value, 'set');
            return c && !('err' in c) ? { value: c.value } : { open: 'toset() of structures (bdm-lab does not order them)' };
          }
          return { value: asSet(l.value, elem) };
        }
        default: {
          const m = v as Record<string, Value>;
          if (kindOf(m) === 'map') return { value: m };
          const vs = Object.values(m);
          const u = Object.keys(m).some((k) => m[k] === null && nullTyAt(m, k) !== undefined) ? undefined : unifyPrimitive(vs);
          if (u === undefined) {
            // structures: the attributes' types unified (types.ts), each converted
            const c = objectAsMap(m);
            if (!c) return { open: 'tomap() of an object of structures (bdm-lab does not convert it)' };
            return 'err' in c ? { argErr: 0, message: `cannot convert ${gotName} to ${constraint}` } : c;
          }
          if (u === 'none') return { argErr: 0, message: `cannot convert ${gotName} to ${constraint}` };
          const out: Record<string, Value> = {};
          for (const k of Object.keys(m)) out[k] = u === 'string' ? asString(m[k]) : m[k];
          return { value: typed(out, `map of ${u ?? 'dynamic'}`) };
        }
      }
    },
  };
}

/** the longest padded verb bdm-lab writes (a width past it is left unknown rather than allocated) */
const MAX_WIDTH = 4096;
/** the UTF-8 length of one UTF-16 unit's code point share (a surrogate pair: 2 + 2) */
const utf8Units = (c: number) => (c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3);

/**
 * stdlib FormatFunc (format_fsm.rl, format.go formatAppend): `%%`; flags `-+# 0`, an argument index
 * `[n]`, a width and a precision; the verbs v t b d o x X e E f g G s q. A verb whose digits
 * bdm-lab does not write (a width from an argument) is left
 * unknown; a float verb rounds the number's exact 512-bit decimal, half to even (big.Float
 * Format). An argument not wholly known makes the string unknown.
 */
function format(a: Arg[]): Outcome {
  const o = openOf(a, 'string');
  if (o) return o;
  const f = str(a[0]);
  const args = a.slice(1).map((x) => x.value!);
  const argRs = a.slice(1).map((x) => x.r);
  let out = '';
  let next = 1;
  let highest = 0;
  // the byte offset of position i (go-cty counts bytes), kept as i moves
  let bytes = 0;
  let counted = 0;
  const byteAt = (i: number) => { for (; counted < i; counted++) bytes += utf8Units(f.charCodeAt(counted)); return bytes; };
  const open = (why: string): Outcome => ({ open: `format() ${why} (bdm-lab does not follow it)`, ty: 'string' });
  for (let i = 0; i < f.length;) {
    const c = f[i];
    if (c !== '%') { out += c; i++; continue; }
    if (f[i + 1] === '%') { out += '%'; i += 2; continue; }
    // format_fsm.rl fmt_verb: flags, [argidx], width (no leading zero), .precision, one letter
    let j = i + 1;
    const fl = { minus: false, plus: false, space: false, zero: false, sharp: false };
    for (; j < f.length && '-+# 0'.includes(f[j]); j++) {
      if (f[j] === '-') fl.minus = true; else if (f[j] === '+') fl.plus = true; else if (f[j] === ' ') fl.space = true; else if (f[j] === '0') fl.zero = true; else fl.sharp = true;
    }
    // format_fsm.rl's order: flags, width, precision, then [argidx], then the letter; a byte no state
    // takes is refused where it stands (err_char), text that ends inside a verb at its end (finish_err)
    const digitsAt = (k: number) => { let e = k; if (f[e] >= '1' && f[e] <= '9') while (e < f.length && f[e] >= '0' && f[e] <= '9' && e - k < 12) e++; return e; };
    const longDigits = (e: number) => f[e] >= '0' && f[e] <= '9';
    const unrecognized = (k: number): Outcome => (k >= f.length
      ? { err: `invalid format string starting at offset ${byteAt(f.length)}` }
      : { err: `unrecognized format character ${goQuoteRune(String.fromCodePoint(f.codePointAt(k)!))} at offset ${byteAt(k)}` });
    let w = -1;
    let e = digitsAt(j);
    if (e > j) { if (longDigits(e)) return open(`with the verb ${JSON.stringify(f.slice(i, i + 8))}`); w = Number(f.slice(j, e)); j = e; }
    let pr = -1;
    if (f[j] === '.') { e = j + 1; while (e < f.length && f[e] >= '0' && f[e] <= '9' && e - j < 12) e++; if (longDigits(e)) return open(`with the verb ${JSON.stringify(f.slice(i, i + 8))}`); pr = Number(f.slice(j + 1, e) || '0'); j = e; }
    let argNum = next;
    if (f[j] === '[') {
      e = digitsAt(j + 1);
      if (e === j + 1) return unrecognized(j + 1);
      if (longDigits(e)) return open(`with the verb ${JSON.stringify(f.slice(i, i + 8))}`);
      if (f[e] !== ']') return unrecognized(e);
      argNum = Number(f.slice(j + 1, e));
      j = e + 1;
    }
    const mode = f[j] ?? '';
    if (!/^[a-zA-Z]$/.test(mode)) return unrecognized(j);
    if (w > MAX_WIDTH || pr > MAX_WIDTH) return { open: `format() with a width or precision over ${MAX_WIDTH} (bdm-lab writes at most ${MAX_WIDTH})`, ty: 'string' };
    const raw = f.slice(i, j + 1);
    const at = byteAt(i);
    highest = Math.max(highest, argNum);
    if (argNum > args.length) return { err: `not enough arguments for ${JSON.stringify(raw)} at ${at}: need index ${argNum} but have ${args.length} total` };
    next = argNum + 1;
    const v = args[argNum - 1];
    const vr = argRs[argNum - 1];
    const bad = (why: string): Outcome => ({ err: `unsupported value for ${JSON.stringify(raw)} at ${at}: ${why}` });
    if (mode !== 'v' && v === null) return bad('null value cannot be formatted');
    // formatPadWidth: grapheme clusters counted, `0` pads with zeros, `-` on the right
    const padWidth = (t: string) => {
      const pad = w < 0 ? 0 : Math.max(w - graphemeClusters(t).length, 0);
      const fill = (fl.zero ? '0' : ' ').repeat(pad);
      return fl.minus ? t + fill : fill + t;
    };
    let text: string;
    if (mode === 'v') {
      // formatAppendAsIs: a string or number as is (unless `#`), anything else as JSON
      if (!fl.sharp && typeof v === 'string') text = v;
      else if (!fl.sharp && typeof v === 'number') text = vr.kind === 'known' && vr.num ? bigTextG(vr.num) : goG(v);
      else {
        const j2 = ctyJson(v);
        if (j2 === undefined) return open('of a very long value as JSON');
        if (j2 === null) return bad('cannot serialize infinity as JSON');
        text = j2;
      }
      text = padWidth(text);
    } else if (mode === 't') {
      // formatAppendBool: no width, no flags
      if (typeof v === 'object') return bad(`bool required, but have ${friendly(v!)}`);
      const b = toBool(v);
      if ('err' in b) return bad(b.err);
      text = String(b.b);
    } else if ('bdoxXeEfgG'.includes(mode)) {
      if (typeof v === 'object') return bad(`number required, but have ${friendly(v!)}`);
      const n = toNumber(v);
      if ('err' in n) return bad(n.err);
      const x = n.n!;
      if ('bdoxX'.includes(mode)) {
        // the integer go-cty holds (512 bits: 18446744073709551617 stays itself), else the float64's
        const held = (vr.kind === 'known' && vr.num) || (typeof v === 'string' ? parseBig(v) : null);
        const int = held && !held.inf ? bigInteger(held) : undefined;
        if (int === null || (int === undefined && !Number.isInteger(x))) return bad('an integer is required');
        // fmt's flags: `-` turns `0` off (formatPadWidth keeps both)
        text = goBigInt(int ?? BigInt(x), mode, { ...fl, zero: fl.zero && !fl.minus }, w, pr);
      } else {
        // the number as go-cty holds it: kept exactly, a string read at 512 bits, else its float64's decimal
        const big = (vr.kind === 'known' && vr.num) || (typeof v === 'string' ? parseBig(v) : null) || bigOfFloat(x);
        const t = goBigFloat(big, mode, { ...fl, zero: fl.zero && !fl.minus }, w, pr);
        if (t === undefined) return open(`with the verb ${JSON.stringify(raw)} of ${ctyText(x)} (bdm-lab does not write it)`);
        text = t;
      }
    } else if (mode === 's' || mode === 'q') {
      if (typeof v === 'object') return bad(`string required, but have ${friendly(v!)}`);
      text = (typeof v === 'number' ? numText(vr, v) : asString(v)) as string;
      // a precision: at most that many grapheme clusters
      if (pr > 0) text = graphemeClusters(text).slice(0, pr).join('');
      text = padWidth(mode === 'q' ? goJsonString(text) : text);
    } else {
      return { err: `unsupported format verb '${mode}' in ${JSON.stringify(raw)} at offset ${at}` };
    }
    out += text;
    i = j + 1;
  }
  if (highest < args.length) {
    return highest === 0 ? { argErr: 1, message: 'too many arguments; no verbs in format string' } : { argErr: highest + 1, message: `too many arguments; only ${highest} used by format string` };
  }
  return { value: out };
}

/**
 * stdlib FormatListFunc: lists, sets and tuples (not null) are iterated together, of one length;
 * other arguments repeat; an iteration's refusal is "error on format iteration N". A result with
 * an unknown element is left unknown as a whole (bdm-lab keeps no list of partly known strings).
 */
function formatlist(a: Arg[]): Outcome {
  if (!known(a[0])) return openOf(a)!;
  if (a.length === 1) {
    const r = format(a);
    return 'value' in r ? { value: typed([r.value], 'list of string') } : r;
  }
  let iterLen = -1, chooser = -1;
  for (let i = 1; i < a.length; i++) {
    const r = a[i].r;
    let len: number | undefined;
    if (a[i].value !== undefined && Array.isArray(a[i].value)) len = (a[i].value as Value[]).length;
    else if (r.kind === 'unknown' && r.ty === 'tuple' && r.len !== undefined) len = r.len;
    if (len === undefined) continue;
    if (iterLen === -1) { iterLen = len; chooser = i; } else if (len !== iterLen) return { argErr: i, message: `argument ${i} has length ${len}, which is inconsistent with argument ${chooser} of length ${iterLen}` };
  }
  const o = openOf(a);
  if (o) return o;
  if (iterLen === 0) return { value: typed([], 'list of string') };
  const out: Value[] = [];
  for (let k = 0; k < Math.max(iterLen, 1); k++) {
    const one: Arg[] = a.map((x, i) => {
      const v = i > 0 && Array.isArray(x.value) ? (x.value as Value[])[k] : x.value!;
      return { r: { kind: 'known', value: v }, value: v, span: x.span };
    });
    const r = format(one);
    if ('value' in r) out.push(r.value);
    else if ('open' in r) return { open: r.open };
    else return { err: `error on format iteration ${k}: ${'err' in r ? r.err : 'message' in r ? r.message : ''}` };
  }
  return { value: typed(out, 'list of string') };
}

interface Flags { minus: boolean; plus: boolean; space: boolean; zero: boolean; sharp: boolean }

/** Go's fmt of a *big.Int (math/big intconv.go Format): sign, `#` prefix, precision as least digits, width */
function goBigInt(x: bigint, mode: string, fl: Flags, w: number, pr: number): string {
  const base = mode === 'b' ? 2 : mode === 'o' ? 8 : mode === 'd' ? 10 : 16;
  let digits = (x < 0n ? -x : x).toString(base);
  if (mode === 'X') digits = digits.toUpperCase();
  const prefix = fl.sharp ? ({ b: '0b', o: '0', x: '0x', X: '0X' } as Record<string, string>)[mode] ?? '' : '';
  const sign = x < 0n ? '-' : fl.plus ? '+' : fl.space ? ' ' : '';
  let zeros = 0, left = 0, right = 0;
  if (pr >= 0) {
    if (digits.length < pr) zeros = pr - digits.length;
    else if (digits === '0' && pr === 0) return '';
  }
  const len = sign.length + prefix.length + zeros + digits.length;
  if (w >= 0 && len < w) {
    if (fl.minus) right = w - len; else if (fl.zero && pr < 0) zeros = w - len; else left = w - len;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/**
 * d rounded to n digits as math/big's decimal.round does: nothing when n is negative or past the
 * digits, an exact half to even (the digits are the value's exact decimal, so a tie is a real one)
 */
function roundDigits(x: { d: string; exp: number }, n: number): { d: string; exp: number } {
  if (n < 0 || n >= x.d.length) return x;
  const up = x.d[n] === '5' && n + 1 === x.d.length ? n > 0 && (x.d.charCodeAt(n - 1) - 48) % 2 === 1 : x.d[n] >= '5';
  let d = x.d.slice(0, n);
  let exp = x.exp;
  if (up) {
    let i = d.length - 1;
    while (i >= 0 && d[i] === '9') i--;
    if (i < 0) { d = '1'; exp++; } else d = d.slice(0, i) + String(Number(d[i]) + 1);
  }
  let e = d.length;
  while (e > 0 && d[e - 1] === '0') e--;
  return e ? { d: d.slice(0, e), exp } : { d: '', exp: 0 };
}

/** %e of rounded digits with p digits after the point (strconv/big ftoa fmtE): at least two exponent digits */
function fmtE(x: { d: string; exp: number }, p: number, upper: boolean): string {
  const ds = (x.d || '0').padEnd(p + 1, '0');
  const e = x.d ? x.exp - 1 : 0;
  const ee = String(Math.abs(e)).padStart(2, '0');
  return ds[0] + (p > 0 ? `.${ds.slice(1, p + 1)}` : '') + (upper ? 'E' : 'e') + (e < 0 ? '-' : '+') + ee;
}

/** %f of rounded digits with p digits after the point (ftoa fmtF) */
function fmtF(x: { d: string; exp: number }, p: number): string {
  const int = x.exp > 0 ? x.d.slice(0, x.exp).padEnd(x.exp, '0') : '0';
  let frac = '';
  for (let i = 0; i < p; i++) { const k = x.exp + i; frac += k < 0 || k >= x.d.length ? '0' : x.d[k]; }
  return int + (p > 0 ? `.${frac}` : '');
}

/**
 * Go's fmt of a *big.Float (math/big ftoa.go Format): e E f g G with a precision (6 by default;
 * %g shortest), the sign flags, `0` padding after the sign, `-` on the right. Undefined when more
 * than 15 significant digits or an exact tie decide the text (cty holds 512-bit binary numbers).
 */
function goBigFloat(big: BigNum, mode: string, fl: Flags, w: number, pr: number): string | undefined {
  // an infinity: "Inf" after its sign (`+`, or a blank with the space flag), padded with blanks only
  if (big.inf) {
    const sign = big.neg ? '-' : fl.space ? ' ' : '+';
    const pad = ' '.repeat(Math.max(w - sign.length - 3, 0));
    return fl.minus ? `${sign}Inf${pad}` : `${pad}${sign}Inf`;
  }
  // the value's exact decimal (512 bits as go-cty holds it), rounded as big.Float Append rounds it
  const x = bigDecimal(big);
  let body: string;
  const lower = mode.toLowerCase();
  if (lower === 'g' && pr < 0) {
    body = bigTextG({ ...big, neg: false });
    if (mode === 'G') body = body.toUpperCase();
  } else if (lower === 'g') {
    const p = pr === 0 ? 1 : pr;
    const r = roundDigits(x, p);
    let eprec = p;
    if (eprec > r.d.length && r.d.length >= r.exp) eprec = r.d.length;
    const exp = r.exp - 1;
    if (r.d && (exp < -4 || exp >= eprec)) body = fmtE(r, Math.min(p, r.d.length) - 1, mode === 'G');
    else body = fmtF(r, Math.max((p > r.exp ? r.d.length : p) - r.exp, 0));
  } else {
    const p = pr < 0 ? 6 : pr;
    const r = roundDigits(x, lower === 'e' ? p + 1 : x.exp + p);
    body = lower === 'e' ? fmtE(r, p, mode === 'E') : fmtF(r, p);
  }
  const sign = big.neg ? '-' : fl.plus ? '+' : fl.space ? ' ' : '';
  const pad = w > sign.length + body.length ? w - sign.length - body.length : 0;
  if (fl.zero) return sign + '0'.repeat(pad) + body;
  if (fl.minus) return sign + body + ' '.repeat(pad);
  return ' '.repeat(pad) + sign + body;
}

/** Go encoding/json of a string (cty json.Marshal): HTML characters and U+2028/9 escaped */
function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/**
 * cty json.Marshal of a known value: maps and objects by sorted key, a set in go-cty's order
 * (bdm-lab's sets are kept in it: types.ts); null when it holds an infinity (Marshal refuses it),
 * undefined past MAX_WIDTH×4 characters
 */
function ctyJson(v: Value): string | null | undefined {
  let budget = MAX_WIDTH * 4;
  let inf = false;
  const go = (x: Value): string | undefined => {
    if (--budget < 0 || inf) return undefined;
    if (x === null) return 'null';
    if (typeof x === 'string') { budget -= x.length; return budget < 0 ? undefined : goJsonString(x); }
    if (typeof x === 'number') { if (!Number.isFinite(x)) inf = true; return inf ? undefined : ctyText(x); }
    if (typeof x === 'boolean') return String(x);
    const parts: string[] = [];
    if (Array.isArray(x)) {
      for (const y of x) { const t = go(y); if (t === undefined) return undefined; parts.push(t); }
      return `[${parts.join(',')}]`;
    }
    for (const k of Object.keys(x).sort(cmpBytes)) { const t = go(x[k]); if (t === undefined) return undefined; parts.push(`${goJsonString(k)}:${t}`); }
    return `{${parts.join(',')}}`;
  };
  const out = go(v);
  return inf ? null : out;
}

/** big.Float Text('g', -1): the shortest digits, an exponent when it is below -4 or at least 6 (Go's %g with shortest precision) */
function goG(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mant, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 21 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const ee = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}e${sign}${ee}`;
  }
  return ctyText(n);
}

