/**
 * What bdm-lab can know of a Terraform expression without running Terraform: literals, templates,
 * tuples and objects, operators and conditionals, `for` expressions, indexes, attributes and splats
 * (steps(): hcl's refusals of a bad one too), length(), `var.x` with a
 * `default`, `local.x`, and references to resources of the same file (their `id` is a stand-in,
 * known only after apply; a configured argument such as `size` is read from the resource), as
 * hclsyntax v2.24.0 and go-cty v1.18.1 evaluate them: strings NFC-normalized, numbers at 512 bits
 * kept exactly through operations, locals and conditionals (bignum.ts; a number that went through a
 * collection or a function other than length() is read again from its float64), a conditional's
 * structural results unified (types.ts), each value with the diagnostics Terraform gives for it
 * (`diags`, shown sorted by position: refusal()). Function calls: functions.ts. Anything else — data sources, module
 * outputs, functions bdm-lab does not evaluate, variables without a default — is unknown and
 * named, never guessed (its type kept when Terraform knows it). Evaluation is bounded (depth) so
 * self-referencing locals end.
 */
import type { Span } from '../../text/span';
import { standInId } from '../oscCli/translate';
import { attrs, blocks, rangeText, trimLeftSpace, trimRightSpace, type Attribute, type Block, type Body, type Expr, type ForParts } from './hcl';
import { graphemeCount } from './graphemes';
import { bigArithmetic, bigEqual, bigInteger, bigOfFloat, bigOfInt, bigToFloat, cmpBig, ctyArithmetic, negBig, parseBig, type BigNum } from './bignum';
import { ctyNumber, ctyText, ctyType, exactAt, idKind, keepNullTy, keepResult, nfc, nullTyAt, numOf, numText, refusal, same, toBool, toNumber, typeOf, type CtyType, type Diag, type Ref, type Result, type Value } from './values';
import { callFunction, callStartSpan, startSpan } from './functions';
import { sensitiveIn } from './marks';
import { referenceProblems, typeWordAlone } from './references';
import { applyDefaults, convertConstraint, plain, typeConstraint, type TC } from './vartype';
import { collectionKind, convertTo, describeMismatch, friendly, hasDynamic as tyHasDynamic, tyEquals, tyName, tyOf, typed as typedAs, unifyTypes, type Ty } from './types';

export { ctyNumber, ctyText, idKind, refusal, type CtyType, type Diag, type Ref, type Result, type Value };

export class Scope {
  readonly variables = new Map<string, Block>();
  readonly locals = new Map<string, Attribute>();
  readonly resources = new Map<string, Block>();
  readonly data = new Map<string, Block>();
  /** the module calls (`module "name"` blocks) */
  readonly modules = new Set<string>();
  /** names Terraform binds while it expands a resource or a dynamic block: count, each, an iterator */
  bindings = new Map<string, Value>();
  /** no evaluation context at all (a variable's default: Expr.Value(nil)): no variables, no functions */
  constant = false;
  /** the file's text and name, for diagnostics that name another place (try()'s) */
  text?: string;
  file?: string;
  /** one outermost evaluation's work (shared by the scopes made from this one): its `for` elements */
  readonly work = { steps: 0, active: 0 };
  /**
   * each local's value once per set of bound names (shared by the scopes made from this one), with
   * the depth it was computed at: a local read again is not evaluated again (locals that each read
   * the one before twice would take 2^n evaluations)
   */
  readonly localValues = new WeakMap<Map<string, Value>, Map<string, { r: Result; depth: number }>>();

  /** Terraform's validate walk: every input variable unknown (of its type), its default not read */
  validating = false;

  /** the same file as Terraform validates it (context_validate.go: variables unknown), with its own cache of locals */
  asValidating(): Scope {
    const s = Object.create(Scope.prototype) as Scope;
    Object.assign(s, this, { validating: true, localValues: new WeakMap(), work: { steps: 0, active: 0 } });
    return s;
  }

  /** an evaluation context with functions and no variables at all (every name hcl looks up is "Unknown variable") */
  noVariables = false;

  /**
   * The scope Terraform gives a dynamic block's expansion when a name it reads is refused by the
   * static check (lang.Scope ExpandBlock: hcl then has functions but no variables); names a `for`
   * binds inside it are still bound
   */
  asNoVariables(): Scope {
    const s = Object.create(Scope.prototype) as Scope;
    Object.assign(s, this, { noVariables: true, bindings: new Map(), boundUnknown: new Set(), boundNullTys: new Map(), localValues: new WeakMap() });
    return s;
  }

  /** the scope of a constant expression (hcl with a nil EvalContext) */
  asConstant(): Scope {
    const s = Object.create(Scope.prototype) as Scope;
    Object.assign(s, this);
    s.constant = true;
    return s;
  }

  /** the types of the bound names that are typed nulls (a `for` over a collection with null elements) */
  boundNullTys = new Map<string, Ty>();

  /** names bound to a value of no known type and value (cty.DynamicVal: a 'for' condition's first check) */
  boundUnknown = new Set<string>();

  /** the same file with `names` bound to cty.DynamicVal */
  withUnknown(names: string[]): Scope {
    const s = Object.create(Scope.prototype) as Scope;
    Object.assign(s, this);
    s.bindings = new Map([...this.bindings].filter(([k]) => !names.includes(k)));
    s.boundUnknown = new Set([...this.boundUnknown, ...names]);
    return s;
  }

  /** the same file with more names bound (count.index, each.key/value, a dynamic block's iterator), `nullTys` the typed nulls among them */
  with(names: Record<string, Value>, nullTys?: Record<string, Ty | undefined>): Scope {
    const s = Object.create(Scope.prototype) as Scope;
    Object.assign(s, this);
    s.bindings = new Map([...this.bindings, ...Object.entries(names)]);
    if (this.boundUnknown.size) s.boundUnknown = new Set([...this.boundUnknown].filter((k) => !Object.hasOwn(names, k)));
    if (this.boundNullTys.size || nullTys) {
      s.boundNullTys = new Map(this.boundNullTys);
      for (const n of Object.keys(names)) { const t = nullTys?.[n]; if (t === undefined) s.boundNullTys.delete(n); else s.boundNullTys.set(n, t); }
    }
    return s;
  }

  constructor(body: Body) {
    for (const b of blocks(body)) {
      if (b.blockType === 'variable' && b.labels.length === 1) this.variables.set(b.labels[0].value, b);
      else if (b.blockType === 'locals') for (const [k, a] of attrs(b.body)) this.locals.set(k, a);
      else if (b.blockType === 'resource' && b.labels.length === 2) this.resources.set(`${b.labels[0].value}.${b.labels[1].value}`, b);
      else if (b.blockType === 'data' && b.labels.length === 2) this.data.set(`${b.labels[0].value}.${b.labels[1].value}`, b);
      else if (b.blockType === 'module' && b.labels.length === 1) this.modules.add(b.labels[0].value);
    }
  }
}

const MAX_DEPTH = 32;

const unknown = (why: string, span: Span): Result => ({ kind: 'unknown', why, span });
/** an expression Terraform refuses when it evaluates it (hcl's or go-cty's words): an unknown value with that diagnostic and the others */
const refused = (message: string, span: Span, ty?: CtyType, more: Diag[] = []): Result => ({ kind: 'unknown', why: `an expression Terraform refuses (${message})`, span, diags: [{ message, span }, ...more], ...(ty ? { ty } : {}) });
/** every diagnostic of these results */
const diagsOf = (...rs: Result[]): Diag[] => rs.flatMap((r) => r.diags ?? []);
/** a result with more diagnostics */
const withDiags = (r: Result, d: Diag[]): Result => (d.length ? { ...r, diags: [...(r.diags ?? []), ...d] } : r);

/**
 * past this many `for` elements (expressions and template directives, nested ones multiplied) in
 * one evaluation, bdm-lab leaves the value unknown: nested loops over long collections would
 * otherwise take their product's time and a string of that length
 */
const MAX_FOR_STEPS = 100_000;

export function evaluate(e: Expr, scope: Scope, depth = 0): Result {
  const w = scope.work;
  if (w.active === 0) {
    w.steps = 0;
    // Terraform reads the expression's references first and evaluates nothing when one is refused (references.ts)
    if (depth === 0 && !scope.constant) {
      const [bad, ...more] = referenceProblems([{ expr: e, bound: (n) => scope.bindings.has(n) || scope.boundUnknown.has(n) }], scope);
      if (bad) return refused(bad.message, bad.span, undefined, more);
    }
  }
  w.active++;
  try { return evaluateIn(e, scope, depth); } finally { w.active--; }
}

function evaluateIn(e: Expr, scope: Scope, depth: number): Result {
  if (depth > MAX_DEPTH) return unknown('a chain of references too long to follow', e.span);
  switch (e.kind) {
    case 'literal': {
      // a number literal: cty.ParseNumberVal of its spelling (512 bits), kept as go-cty keeps it
      const num = e.text !== undefined ? parseBig(e.text) : null;
      return num ? { kind: 'known', value: e.value, num } : { kind: 'known', value: nfc(e.value) };
    }
    case 'paren':
      return evaluate(e.inner, scope, depth + 1);
    case 'template':
      return template(e, scope, depth);
    case 'tuple': {
      // TupleConsExpr: every element is evaluated; the tuple is known even when an element is not
      const rs = e.items.map((it) => evaluate(it, scope, depth + 1));
      const d = diagsOf(...rs);
      // a resource's id stands in as its stand-in string
      const open = rs.find((r) => r.kind === 'unknown');
      if (open?.kind === 'unknown') return { kind: 'unknown', why: open.why, span: open.span, ty: 'tuple', shallow: true, len: rs.length, items: rs, ...(d.length ? { diags: d } : {}) };
      const items = rs.map((r) => (r as { value: Value }).value);
      rs.forEach((r, i) => keepResult(items, i, r));
      return { kind: 'known', value: items, ...(d.length ? { diags: d } : {}) };
    }
    case 'object': {
      // ObjectConsExpr: an unknown key makes the whole object unknown; an unknown value does not
      const out: { [k: string]: Value } = {};
      const fields: { [k: string]: Result } = {};
      const d: Diag[] = [];
      let openKey: Result | undefined;
      for (const it of e.items) {
        const k = it.key.kind === 'traversal' && it.key.steps.length === 0 ? { kind: 'known' as const, value: it.key.root } : evaluate(it.key, scope, depth + 1);
        const v = evaluate(it.value, scope, depth + 1);
        d.push(...diagsOf(k, v));
        if (k.kind === 'unknown') { openKey ??= k; continue; }
        const name = String(nfc(k.value));
        fields[name] = v;
        if (v.kind === 'unknown') { delete out[name]; continue; }
        out[name] = v.value;
        keepResult(out, name, v);
      }
      const extra = d.length ? { diags: d } : {};
      // a key written twice: the last one's value
      const openValue = Object.values(fields).find((v) => v.kind === 'unknown');
      if (openKey?.kind === 'unknown') return { kind: 'unknown', why: openKey.why, span: openKey.span, ...extra };
      if (openValue?.kind === 'unknown') return { kind: 'unknown', why: openValue.why, span: openValue.span, ty: 'object', shallow: true, len: Object.keys(fields).length, fields, ...extra };
      return { kind: 'known', value: out, ...extra };
    }
    case 'traversal':
      // hcl Traversal.TraverseAbs with a nil context; FunctionCallExpr.Value with no functions
      if (scope.constant) return { kind: 'unknown', why: 'a variable where none is allowed', span: e.span, diags: [{ message: 'Variables not allowed: Variables may not be used here.', span: { offset: e.span.offset, length: e.root.length } }] };
      return traversal(e, scope, depth);
    case 'call':
      if (scope.constant) return { kind: 'unknown', why: 'a function call where none is allowed', span: e.span, diags: [{ message: 'Function calls not allowed: Functions may not be called here.', span: e.span }] };
      if ((e.name === 'length' || e.name === 'core::length') && e.args.length === 1 && !e.expandFinal) return length(evaluate(e.args[0], scope, depth + 1), e.span, startSpan(e.args[0]), callStartSpan(e).length);
      // sensitive() and nonsensitive() change only a value's marks (internal/lang/funcs/sensitive.go: any
      // value, null and unknown too); the provider gets the value itself
      if (['sensitive', 'nonsensitive', 'core::sensitive', 'core::nonsensitive'].includes(e.name) && e.args.length === 1 && !e.expandFinal) return evaluate(e.args[0], scope, depth + 1);
      return callFunction(e, (x) => evaluate(x, scope, depth + 1), scope.text !== undefined ? (s) => rangeText(scope.text!, s, scope.file) : undefined, (x) => markedValue(x, scope));
    case 'other':
      if (e.base && e.steps) {
        // the steps on the base's value, as on a reference's (an argument with errors stops them)
        const r = evaluate(e.base, scope, depth + 1);
        if (r.diags?.length) return { kind: 'unknown', why: 'an index of a value Terraform refuses', span: e.span, diags: r.diags };
        return steps(r, e.steps, e, scope, depth);
      }
      if (e.op && e.args) return operator(e.op, e.args, e.span, scope, depth);
      if (e.for) return e.join ? templateJoin(forExpr(e.for, scope, depth)) : forExpr(e.for, scope, depth);
      return unknown(`${e.what} (bdm-lab does not evaluate it)`, e.span);
  }
}

/**
 * Terraform's length() (internal/lang/funcs/collection.go LengthFunc): a string's grapheme clusters
 * (go-cty stdlib.Strlen, go-textseg v15), a collection's elements. A null argument is refused by
 * go-cty's function call (an ArgError: hcl's "Invalid function argument"), a number or bool by
 * LengthFunc's Type (a plain error: hcl's "Error in function call").
 */
function length(r: Result, span: Span, argStart: Span, callStart: number): Result {
  const notCounted = () => refused('Error in function call: Call to function "length" failed: argument must be a string, a collection type, or a structural type.', { offset: span.offset, length: callStart });
  // LengthFunc's result is cty.NumberIntVal: a 64-bit big.Float (so length(a) / length(b) is divided at 64 bits)
  const count = (n: number): Result => ({ kind: 'known', value: n, num: bigOfInt(n) });
  // FunctionCallExpr: an argument with errors stops the call (cty.DynamicVal: no type either)
  if (r.diags?.length) return { kind: 'unknown', why: 'length() of a value Terraform refuses', span, diags: r.diags };
  if (r.kind === 'ref') return unknown(`the length of ${r.of.address}'s id`, span);
  // a tuple or object with unknown elements has a known length (its type says it)
  // LengthFunc's Type refuses a number or a bool even when it is not known
  if (r.kind === 'unknown' && (r.ty === 'number' || r.ty === 'bool')) return notCounted();
  if (r.kind === 'unknown' && r.shallow && r.len !== undefined) return count(r.len);
  // a tuple or object type known without its value (regex()'s groups on a text not known): its element count
  const ut = r.kind === 'unknown' ? typeOfUnknown(r) : undefined;
  if (ut && typeof ut === 'object' && ('tuple' in ut || 'object' in ut)) return count('tuple' in ut ? ut.tuple.length : Object.keys(ut.object).length);
  if (r.kind === 'unknown') return { ...r, ty: 'number', shallow: undefined, len: undefined, items: undefined, fields: undefined, type: undefined };
  const v = r.value;
  if (typeof v === 'string') return count(graphemeCount(v));
  if (Array.isArray(v)) return count(v.length);
  if (v === null) return refused('Invalid function argument: Invalid value for "value" parameter: argument must not be null.', argStart);
  if (typeof v === 'object') return count(Object.keys(v).length);
  return notCounted();
}

/**
 * convert.Convert of a result to a primitive type: a known value as above; a value not known
 * converts when its type does (a string to anything, a number to string), else go-cty's
 * MismatchMessage names both types. `value`: the converted value when known.
 */
function convert(r: Result, want: 'number' | 'bool'): { value?: Value } | { err: string } {
  // a typed null (tomap(null), a collection variable's null) is refused by its type before its value
  const nt = r.kind === 'known' && r.value === null ? r.nullTy : undefined;
  if (nt !== undefined && nt !== 'dynamic' && nt !== 'string' && nt !== want) return { err: `${want} required, but have ${tyName(nt)}` };
  // a collection or structure: named as go-cty's FriendlyName names its type (a list, set or map a function made says so)
  if (r.kind === 'known' && typeof r.value === 'object' && r.value !== null) return { err: `${want} required, but have ${friendly(r.value)}` };
  if (r.kind === 'known') { const c = want === 'number' ? toNumber(r.value) : toBool(r.value); return 'err' in c ? c : { value: 'n' in c ? c.n : c.b }; }
  const ty = typeOf(r);
  // a value not known whose whole type is known (a variable's constraint, an element of one): a
  // collection or structure names its type as go-cty's FriendlyName does
  const whole = ty === undefined && r.kind === 'unknown' && !r.shallow ? typeOfUnknown(r) : undefined;
  if (whole !== undefined && typeof whole === 'object') return { err: `${want} required, but have ${tyName(whole)}` };
  if (ty === undefined || ty === 'string' || ty === want) return {};
  return { err: `${want} required, but have ${ty}` };
}

/** a bool as go-cty converts an operand of !, &&, || or a condition ("true"/"1", "false"/"0" too), else undefined */
function bool(v: Value): boolean | undefined {
  const r = toBool(v);
  return 'b' in r && r.b !== null ? r.b : undefined;
}

/**
 * go-cty's arithmetic on big.Float (stdlib number.go, value_ops.go): 512-bit operations
 * (bignum.ts), x/0 an infinity, x%0 the dividend, a NaN refused in go-cty's words
 */
function arithmetic(op: '+' | '-' | '*' | '/' | '%', x: number, y: number): number | string {
  const inf = (n: number) => !Number.isFinite(n);
  switch (op) {
    case '+': if (inf(x) || inf(y)) return inf(x) && inf(y) && x !== y ? "can't compute sum of opposing infinities" : x + y; break;
    case '-': if (inf(x) || inf(y)) return inf(x) && inf(y) && x === y ? "can't subtract infinity from itself" : x - y; break;
    case '*': if (inf(x) || inf(y)) return x === 0 || y === 0 ? "can't multiply zero by infinity" : x * y; break;
    case '/':
      if ((x === 0 && y === 0) || (inf(x) && inf(y))) return "can't divide zero by zero or infinity by infinity";
      // big.Float Quo: the sign of an infinite or zero quotient is the xor of the operands' signs
      if (y === 0) return (x < 0 ? -Infinity : Infinity) * (Object.is(y, -0) ? -1 : 1);
      if (inf(x) || inf(y)) return x / y;
      break;
    default:
      // Value.Modulo: an infinite operand gives their product, a zero divisor the dividend
      if (inf(x) || inf(y)) return (x === 0 || y === 0) ? "can't use modulo with zero and infinity" : x * y;
      if (y === 0) return x;
  }
  return ctyArithmetic(op, x, y);
}

const NULL_OPERAND = 'Operation failed: Error during operation: argument must not be null.';

/**
 * The conditional and the operators as hclsyntax evaluates them (expression_ops.go, expression.go,
 * v2.24.0): each operand converted to the operation's parameter type, a failed conversion refused as
 * "Invalid operand" on that operand with go-cty's reason, the operands' own diagnostics kept too; &&
 * and || short-circuit on a known operand (dropping the other's diagnostics); a null operand is
 * refused by go-cty's function call ("Operation failed", on the whole expression).
 */
function operator(op: string, args: Expr[], span: Span, scope: Scope, depth: number): Result {
  const ev = (e: Expr) => evaluate(e, scope, depth + 1);
  const idUnknown = (r: Extract<Result, { kind: 'ref' }>): Result => unknown(op === '==' || op === '!=' ? `a comparison with ${r.of.address}'s id` : `${r.of.address}'s id in an expression`, span);
  if (op === '?:') {
    // ConditionalExpr.Value: both branches evaluated, the chosen one's diagnostics kept; the condition's
    // own, a null condition, one not known (the result is not known either), one that is not a bool
    let [t, f] = [ev(args[1]), ev(args[2])];
    // the result type (convert.UnifyUnsafe, sort_types.go): one type, or string for a string and
    // another primitive (the other branch converted); a bool and a number, or a primitive and a
    // structural value, have none: refused before the condition is even evaluated
    const [tt, ft] = [typeOf(t), typeOf(f)];
    const structural = (k: CtyType) => k === 'tuple' || k === 'object';
    let ty = tt === ft ? tt : undefined;
    const at = { offset: args[1].span.offset, length: args[2].span.offset + args[2].span.length - args[1].span.offset };
    const inconsistent = (why: string): Result => ({ kind: 'unknown', why: 'a conditional whose results have no common type', span: at, diags: [{ message: `Inconsistent conditional result types: The true and false result expressions must have consistent types. ${why}.`, span: at }] });
    // two known results, one structural: convert.UnifyUnsafe of their whole types (unify.go), each
    // element and attribute unified in turn; the chosen one converted to that type
    let target: { to: Ty; t: Ty; f: Ty } | undefined;
    if (t.kind === 'known' && f.kind === 'known' && t.value !== null && f.value !== null && (typeof t.value === 'object' || typeof f.value === 'object')) {
      const [T, F] = [tyOf(t.value), tyOf(f.value)];
      if (T && F) {
        const u = unifyTypes([T, F]);
        if (u === null) return inconsistent(describeMismatch(T, F));
        if (u !== undefined) target = { to: u, t: T, f: F };
      }
    }
    // ConditionalExpr.Value: a literal null (a null of type dynamic) takes the other result's type;
    // a typed null is unified with the other result's type like any value
    const untypedNull = (r: Result) => r.kind === 'known' && r.value === null && r.nullTy === undefined;
    const typeOfResult = (r: Result): Ty | undefined => (r.kind === 'known' ? (r.value === null ? r.nullTy : tyOf(r.value)) : r.kind === 'ref' ? 'string' : r.shallow ? undefined : typeOfUnknown(r));
    let nullTarget: Ty | undefined;
    if (untypedNull(t) || untypedNull(f)) nullTarget = typeOfResult(untypedNull(t) ? f : t);
    else if ((t.kind === 'known' && t.value === null) || (f.kind === 'known' && f.value === null)) {
      const [T, F] = [typeOfResult(t), typeOfResult(f)];
      if (T && F) {
        const u = unifyTypes([T, F]);
        if (u === null) return inconsistent(describeMismatch(T, F));
        nullTarget = u;
      }
    }
    // a result not known whose whole type is known: ConditionalExpr.Value unifies the two types before
    // anything else (convert.UnifyUnsafe), refusing two that have none
    if (!target && (t.kind === 'unknown' || f.kind === 'unknown') && !untypedNull(t) && !untypedNull(f)) {
      const [T, F] = [typeOfResult(t), typeOfResult(f)];
      if (T && F && (typeof T === 'object' || typeof F === 'object') && unifyTypes([T, F]) === null) return inconsistent(describeMismatch(T, F));
    }
    if (target) ty = undefined;
    else if (tt && ft && tt !== ft) {
      if (!structural(tt) && !structural(ft) && (tt === 'string' || ft === 'string')) {
        ty = 'string';
        const str = (x: Result): Result => (x.kind === 'known' && x.value !== null && typeof x.value !== 'object' && typeof x.value !== 'string' ? { kind: 'known', value: typeof x.value === 'number' ? numText(x, x.value) : String(x.value), ...(x.diags ? { diags: x.diags } : {}) } : x.kind === 'unknown' ? { ...x, ty: 'string' } : x);
        [t, f] = [str(t), str(f)];
      } else if (!(structural(tt) && structural(ft) && tt === ft)) {
        // FriendlyName: a list, set or map a function or a type made says so
        const name = (r: Result, ty: CtyType) => (r.kind === 'known' && r.value !== null ? friendly(r.value) : ty);
        return inconsistent(`The 'true' value is ${name(t, tt)}, but the 'false' value is ${name(f, ft)}`);
      }
    }
    if (ty === 'tuple' || ty === 'object') ty = undefined;
    const c = ev(args[0]);
    const cd = c.diags ?? [];
    if (c.kind === 'known' && c.value === null) return refused('Null condition: The condition value is null. Conditions must either be true or false.', args[0].span, ty, cd);
    if (c.kind === 'ref') return withDiags(unknown(`a condition on ${c.of.address}'s id`, span), cd);
    // a condition not known, both results null: the result is null (of the result type)
    if (c.kind === 'unknown' && !c.shallow && t.kind === 'known' && t.value === null && f.kind === 'known' && f.value === null) {
      return withDiags(nullTarget !== undefined && nullTarget !== 'dynamic' ? { kind: 'known', value: null, nullTy: nullTarget } : { kind: 'known', value: null }, cd);
    }
    // (of the result type: a primitive one is the `ty` an enclosing conditional unifies with)
    if (c.kind === 'unknown' && !c.shallow) return { kind: 'unknown', why: c.why, span: c.span, ...(ty ? { ty } : nullTarget !== undefined && nullTarget !== 'dynamic' ? { type: nullTarget, ...(typeof nullTarget === 'string' && isPrim(nullTarget) ? { ty: nullTarget } : {}) } : {}), ...(cd.length ? { diags: cd } : {}) };
    const b = c.kind === 'known' ? bool(c.value) : undefined;
    if (b === undefined) return refused('Incorrect condition type: The condition expression must be of type bool.', args[0].span, ty, cd);
    const chosen = b ? t : f;
    if (target && chosen.kind === 'known') {
      // unifyAllAsDynamic: a structure beside a dynamic element becomes cty.DynamicVal
      const conv = target.to === 'dynamic' ? undefined : convertTo(chosen.value, b ? target.t : target.f, target.to);
      if (!conv) return withDiags(unknown("a conditional's result converted to the type both results share (bdm-lab does not follow it)", span), [...(chosen.diags ?? []), ...cd]);
      if ('err' in conv) return refused(`Inconsistent conditional result types: The ${b ? 'true' : 'false'} result value has the wrong type: ${conv.err}.`, args[b ? 1 : 2].span, undefined, [...(chosen.diags ?? []), ...cd]);
      return withDiags({ kind: 'known', value: conv.value }, [...(chosen.diags ?? []), ...cd]);
    }
    if (chosen.kind === 'known' && chosen.value === null && nullTarget !== undefined && nullTarget !== 'dynamic') return withDiags({ ...chosen, nullTy: nullTarget }, cd);
    return withDiags(chosen, cd);
  }
  const rs = args.map(ev);
  const unary = args.length === 1;
  const side = (i: number) => (unary ? 'unary' : i === 0 ? 'left' : 'right');
  const logic = op === '!' || op === '&&' || op === '||';
  const equality = op === '==' || op === '!=';
  const ty: CtyType = logic || equality || ['<', '>', '<=', '>='].includes(op) ? 'bool' : 'number';
  const inner = diagsOf(...rs);
  // each operand converted to the parameter type (== and != take any value)
  const convs = rs.map((r) => (equality ? (r.kind === 'known' ? { value: r.value } : {}) : convert(r, logic ? 'bool' : 'number')));
  const bad = convs.flatMap((c, i) => ('err' in c ? [{ message: `Invalid operand: Unsuitable value for ${side(i)} operand: ${c.err}.`, span: args[i].span }] : []));
  const firstOpen = () => rs.find((r) => r.kind !== 'known');
  const open = (d: Diag[]): Result => {
    const o = firstOpen();
    const base = o?.kind === 'unknown' ? { kind: 'unknown' as const, why: o.why, span: o.span, ty } : o?.kind === 'ref' ? { ...(idUnknown(o) as Extract<Result, { kind: 'unknown' }>), ty } : { kind: 'unknown' as const, why: 'an expression Terraform refuses', span, ty };
    return d.length ? { ...base, diags: d } : base;
  };
  if (bad.length) return open([...bad, ...inner]);
  const vals = convs.map((c) => ('value' in c ? c.value : undefined));
  const [a, b] = vals;
  // two known operands, one null: refused however the other would decide (Terraform v1.11.4's plan,
  // hunt 44b; its hcl takes no short cut there, nor past a known operand's refusal, which is not followed here)
  const knownNull = rs.every((x) => x.kind === 'known') && vals.some((v) => v === null);
  if ((op === '&&' || op === '||') && !knownNull) {
    // ShortCircuit: cty's True() of a null bool is false, False() true
    const [l, r] = rs;
    const known = (x: Result) => x.kind === 'known';
    const T = (v: Value | undefined) => v === true;
    const F = (v: Value | undefined) => v !== true;
    const lD = l.diags ?? [], rD = r.diags ?? [];
    const decided = (v: boolean, d: Diag[]): Result => ({ kind: 'known', value: v, ...(d.length ? { diags: d } : {}) });
    if (!known(l) && !known(r)) { if (!lD.length) return open(lD); }
    else if (op === '||') {
      if (known(l) && T(a)) return decided(true, lD);
      if (known(r) && T(b)) return decided(true, rD);
      if (!known(l) && F(b)) return open(lD);
      if (!known(r) && F(a)) return open(rD);
    } else {
      if (known(l) && F(a)) return decided(false, lD);
      if (known(r) && F(b)) return decided(false, rD);
      if (!known(l) && T(b)) return open(lD);
      if (!known(r) && T(a)) return open(rD);
    }
  }
  if (inner.length) return open(inner);
  if (!equality && vals.some((v, i) => v === null && rs[i].kind === 'known')) return refused(NULL_OPERAND, span, ty);
  // cty Equals: a tuple or object whose elements are not all known still differs from a value of another type (or null)
  if (equality && rs.length === 2) {
    const [l, r] = rs;
    const shallowVsOther = (x: Result, y: Result) => x.kind === 'unknown' && x.shallow && y.kind === 'known' && (y.value === null || ctyType(y.value) !== x.ty);
    if (shallowVsOther(l, r) || shallowVsOther(r, l)) return { kind: 'known', value: op === '!=' };
    // Value.Equals of a value not known whose whole type is known (no dynamic part) and a known value
    // that is not null: of another type they are never equal, whatever the unknown turns out to be
    const wholeTy = (x: Result): Ty | undefined => (x.kind === 'ref' ? 'string' : x.kind === 'unknown' && !x.shallow ? typeOfUnknown(x) : undefined);
    const typedVsOther = (x: Result, y: Result) => {
      const t = wholeTy(x);
      if (t === undefined || tyHasDynamic(t) || y.kind !== 'known' || y.value === null) return false;
      const u = tyOf(y.value);
      return u !== undefined && !tyEquals(t, u);
    };
    if (typedVsOther(l, r) || typedVsOther(r, l)) return { kind: 'known', value: op === '!=' };
  }
  if (firstOpen()) return open([]);
  // the numbers as go-cty holds them: an operand's kept value, or its number read at 512 bits
  const nums = logic ? [] : rs.map((x, i) => (typeof vals[i] === 'number' ? numOf(x) : undefined));
  const [na, nb] = nums;
  const cmp = (f: (c: number) => boolean, fallback: boolean): Result => ({ kind: 'known', value: na && nb ? f(cmpBig(na, nb)) : fallback });
  switch (op) {
    case '!': return { kind: 'known', value: !a };
    case '-': if (unary) return na ? known(negBig(na)) : { kind: 'known', value: -(a as number) }; break;
    // go-cty Equals: numbers by rawNumberEqual (integers by value, fractions by their text)
    case '==': return { kind: 'known', value: na && nb ? bigEqual(na, nb) : same(a!, b!) };
    case '!=': return { kind: 'known', value: na && nb ? !bigEqual(na, nb) : !same(a!, b!) };
    case '&&': return { kind: 'known', value: (a as boolean) && (b as boolean) };
    case '||': return { kind: 'known', value: (a as boolean) || (b as boolean) };
    case '<': return cmp((c) => c < 0, (a as number) < (b as number));
    case '>': return cmp((c) => c > 0, (a as number) > (b as number));
    case '<=': return cmp((c) => c <= 0, (a as number) <= (b as number));
    case '>=': return cmp((c) => c >= 0, (a as number) >= (b as number));
  }
  const arith = op as '+' | '-' | '*' | '/' | '%';
  const exact = na && nb ? bigArithmetic(arith, na, nb) : null;
  const r = exact ?? arithmetic(arith, a as number, b as number);
  if (typeof r === 'string') return refused(`Operation failed: Error during operation: ${r}.`, span, 'number');
  return typeof r === 'number' ? { kind: 'known', value: r } : known(r);
}

/** a number result as go-cty keeps it, with its nearest float64 as the value */
const known = (n: BigNum): Result => ({ kind: 'known', value: bigToFloat(n), num: n });

/**
 * ForExpr.Value (hclsyntax expression.go): over a known tuple (index, element) or object (keys in
 * order), each element with the names bound; `if` skips it, a key makes an object (converted to a
 * string, a second one refused unless `...` groups them). A collection bdm-lab does not know, or an
 * element it cannot decide, leaves the result unknown; Terraform's diagnostics are kept.
 */
function forExpr(f: ForParts, scope: Scope, depth: number): Result {
  const tooMuch = (): Result => ({ kind: 'unknown', why: `'for' expressions with more than ${MAX_FOR_STEPS} elements in all (bdm-lab does not follow them)`, span: f.coll.span });
  if (scope.work.steps > MAX_FOR_STEPS) return tooMuch();
  const c = evaluate(f.coll, scope, depth + 1);
  const d: Diag[] = [...(c.diags ?? [])];
  const notIterable = (ty: string) => refused(`Iteration over non-iterable value: A value of type ${ty} cannot be used as the collection in a 'for' expression.`, f.coll.span, undefined, d);
  if (c.kind === 'known' && c.value === null) return refused("Iteration over null value: A null value cannot be used as the collection in a 'for' expression.", f.coll.span, undefined, d);
  if (c.kind === 'ref') return notIterable('string');
  const condBad = (why: string) => ({ message: `Invalid 'for' condition: ${why}`, span: f.cond!.span });
  // the condition's first check, with the names bound to values of no known type, once the collection is
  // known to be iterable (a collection of no known type skips it; so does bdm-lab where it does not know the type)
  const firstCheck = (): Result | undefined => {
    if (!f.cond) return undefined;
    // counted as an element: conditions nested in conditions would otherwise double the work per level
    if (++scope.work.steps > MAX_FOR_STEPS) return withDiags(tooMuch(), d);
    const r = evaluate(f.cond, scope.withUnknown(f.keyVar !== undefined ? [f.keyVar, f.valVar] : [f.valVar]), depth + 1);
    const cd = [...d, ...(r.diags ?? [])];
    if (r.kind === 'known' && r.value === null) return { kind: 'unknown', why: "a 'for' expression Terraform refuses", span: f.cond.span, diags: [...cd, { message: "Condition is null: The value of the 'if' clause must not be null.", span: f.cond.span }] };
    const b = convert(r, 'bool');
    if ('err' in b) return { kind: 'unknown', why: "a 'for' expression Terraform refuses", span: f.cond.span, diags: [...cd, condBad(`The 'if' clause value is invalid: ${b.err}.`)] };
    if (r.diags?.length) return { kind: 'unknown', why: "a 'for' expression Terraform refuses", span: f.cond.span, diags: cd };
    return undefined;
  };
  if (c.kind === 'unknown') {
    if (c.ty && c.ty !== 'tuple' && c.ty !== 'object') return notIterable(c.ty);
    if (c.ty || c.type) { const bad = firstCheck(); if (bad) return bad; }
    return { kind: 'unknown', why: c.why, span: c.span, ...(d.length ? { diags: d } : {}) };
  }
  const v = c.value;
  if (v === null || typeof v !== 'object') return notIterable(ctyType(v as Value));
  const bad = firstCheck();
  if (bad) return bad;
  // a set's elements are their own keys (cty's ElementIterator)
  const pairs: Array<[Value, Value]> = Array.isArray(v) ? v.map((x, i) => [collectionKind(v) === 'set' ? x : i, x]) : Object.keys(v).sort().map((k) => [k, v[k]]);
  let known = true;
  let open: Result | undefined;
  const tuple: Value[] = [];
  const object: Record<string, Value> = {};
  const groups = new Map<string, Value[]>();
  for (const [k, x] of pairs) {
    if (++scope.work.steps > MAX_FOR_STEPS) return withDiags(tooMuch(), d);
    const child = scope.with({ ...(f.keyVar !== undefined ? { [f.keyVar]: k } : {}), [f.valVar]: x }, x === null ? { [f.valVar]: nullTyAt(v, k as string | number) } : undefined);
    if (f.cond) {
      const r = evaluate(f.cond, child, depth + 1);
      d.push(...(r.diags ?? []));
      if (r.kind === 'known' && r.value === null) { if (known) d.push(condBad("The value of the 'if' clause must not be null.")); known = false; continue; }
      // a tuple checks that the condition is known first, an object converts it first
      if (!f.object && r.kind !== 'known') { known = false; open ??= r; continue; }
      const b = convert(r, 'bool');
      if ('err' in b) { if (known) d.push(condBad(`The 'if' clause value is invalid: ${b.err}.`)); known = false; continue; }
      if (r.kind !== 'known') { known = false; open ??= r; continue; }
      if (b.value === false) continue;
    }
    let key = '';
    if (f.object && f.key) {
      const kr = evaluate(f.key, child, depth + 1);
      d.push(...(kr.diags ?? []));
      if (kr.kind === 'known' && kr.value === null) { if (known) d.push({ message: "Invalid object key: Key expression in 'for' expression must not produce a null value.", span: f.key.span }); known = false; continue; }
      if (kr.kind === 'unknown') { known = false; open ??= kr; continue; }
      if (typeof kr.value === 'object') { if (known) d.push({ message: `Invalid object key: The key expression produced an invalid result: string required, but have ${ctyType(kr.value as Value)}.`, span: f.key.span }); known = false; continue; }
      key = nfc(typeof kr.value === 'number' ? numText(kr, kr.value) : String(kr.value)) as string;
    }
    const vr = evaluate(f.value, child, depth + 1);
    d.push(...(vr.diags ?? []));
    if (vr.kind === 'unknown') { open ??= vr; known = false; continue; }
    // a typed null keeps its type in the result (a conditional's null converted to the other result's type)
    if (!f.object) { if (vr.value === null) keepNullTy(tuple, tuple.length, vr.kind === 'known' ? vr.nullTy : undefined); tuple.push(vr.value); }
    else if (f.group) {
      // appended in place: a copy of the group per element made n elements under one key cost n²
      const g = groups.get(key);
      if (g) g.push(vr.value);
      else groups.set(key, [vr.value]);
    }
    else if (Object.hasOwn(object, key)) d.push({ message: `Duplicate object key: Two different items produced the key ${JSON.stringify(key)} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`, span: f.key!.span });
    else { object[key] = vr.value; if (vr.value === null && vr.kind === 'known') keepNullTy(object, key, vr.nullTy); }
  }
  const extra = d.length ? { diags: d } : {};
  if (!known) return { kind: 'unknown', why: open?.kind === 'unknown' ? open.why : "a 'for' expression Terraform refuses", span: open?.kind === 'unknown' ? open.span : f.coll.span, ...extra };
  if (f.group) for (const [k, xs] of groups) object[k] = xs;
  return { kind: 'known', value: f.object ? object : tuple, ...extra };
}

/**
 * TemplateJoinExpr.Value (expression_template.go): a template's for directive, its results (strings:
 * each is a template) joined; a result not known, or a `for` Terraform refuses, leaves a string not
 * known (with the diagnostics)
 */
function templateJoin(r: Result): Result {
  if (r.kind === 'known' && Array.isArray(r.value)) return { kind: 'known', value: r.value.join(''), ...(r.diags?.length ? { diags: r.diags } : {}) };
  if (r.kind === 'unknown') return { kind: 'unknown', why: r.why, span: r.span, ty: 'string', ...(r.diags?.length ? { diags: r.diags } : {}) };
  return r;
}

/**
 * TemplateExpr.Value (expression_template.go): every part is evaluated and its diagnostics kept; a
 * null part or one that does not convert to a string is refused; a part not known makes the string
 * not known; else the string is what came before the first refused part.
 */
function template(e: Extract<Expr, { kind: 'template' }>, scope: Scope, depth: number): Result {
  // a template that is one interpolation and nothing else is that expression's value (TemplateWrapExpr);
  // an if or for directive's content is always a string
  if (!e.inner && e.parts.length === 1 && 'expr' in e.parts[0] && !e.directives) return evaluate(e.parts[0].expr, scope, depth + 1);
  let s = '';
  const d: Diag[] = [];
  let open: Result | undefined;
  for (const p of e.parts) {
    if ('lit' in p) { if (!open && !d.length) s += p.lit; continue; }
    const r = evaluate(p.expr, scope, depth + 1);
    d.push(...(r.diags ?? []));
    const structural = r.kind === 'known' ? r.value !== null && typeof r.value === 'object' : r.kind === 'unknown' && r.shallow;
    if (r.kind === 'known' && r.value === null) d.push({ message: 'Invalid template interpolation value: The expression result is null. Cannot include a null value in a string template.', span: p.expr.span });
    else if (structural) d.push({ message: `Invalid template interpolation value: Cannot include the given value in a string template: string required, but have ${r.kind === 'known' ? friendly(r.value) : (r as { ty: CtyType }).ty}.`, span: p.expr.span });
    else if (r.kind === 'ref') open ??= unknown(`${r.of.address}'s id inside a string (known only after apply)`, p.expr.span);
    else if (r.kind === 'unknown') open ??= r;
    else if (!open && !d.length) s += typeof r.value === 'number' ? numText(r, r.value) : String(r.value);
  }
  const extra = d.length ? { diags: d } : {};
  // a string that starts with an absolute path still does
  const lead = e.parts[0];
  const absPath = open?.kind === 'unknown' && open.absPath && lead && 'expr' in lead && open.span === lead.expr.span ? { absPath: true as const } : {};
  if (open?.kind === 'unknown') return { kind: 'unknown', why: open.why, span: open.span, ty: 'string', ...absPath, ...extra };
  return { kind: 'known', value: s.normalize('NFC'), ...extra };
}

function traversal(e: Extract<Expr, { kind: 'traversal' }>, scope: Scope, depth: number): Result {
  const first = e.steps[0];
  const name = first && 'attr' in first ? first.attr : undefined;
  const text = () => [e.root, ...e.steps.map((s) => ('attr' in s ? `.${s.attr}` : '[…]'))].join('');
  if (scope.boundUnknown.has(e.root)) return steps({ kind: 'unknown', why: `${e.root}: an element of a collection not yet known`, span: e.span }, e.steps, e, scope, depth);
  const bound = scope.bindings.get(e.root);
  if (bound !== undefined) {
    const nullTy = bound === null ? scope.boundNullTys.get(e.root) : undefined;
    return steps(nullTy ? { kind: 'known', value: null, nullTy } : { kind: 'known', value: bound }, e.steps, e, scope, depth);
  }
  if (scope.noVariables) return refused(`Unknown variable: There is no variable named "${e.root}".`, { offset: e.span.offset, length: e.root.length });
  switch (e.root) {
    case 'var': {
      const v = name !== undefined ? scope.variables.get(name) : undefined;
      if (!v) return unknown(`var.${name ?? ''}: no variable block declares it in this file`, e.span);
      const def = attrs(v.body).get('default');
      const type = attrs(v.body).get('type')?.expr;
      if (!def || scope.validating) {
        // its value is not known here, but its type constraint is its type (one without `any`)
        const ty = type?.kind === 'traversal' && !type.steps.length && ['string', 'number', 'bool'].includes(type.root) ? type.root as CtyType : undefined;
        const open: Result = { kind: 'unknown', why: `var.${name}, a variable without a default (its value comes from -var, a .tfvars file or TF_VAR_${name})`, span: e.span, ...(ty ? { ty } : {}) };
        const whole = type ? constraintType(type, scope) : undefined;
        return steps(whole ? { ...open, type: whole } : open, e.steps.slice(1), e, scope, depth);
      }
      return steps(typed(evaluate(def.expr, scope.asConstant(), depth + 1), type, def.expr.span, scope), e.steps.slice(1), e, scope, depth);
    }
    case 'local': {
      const l = name !== undefined ? scope.locals.get(name) : undefined;
      if (!l) return unknown(`local.${name ?? ''}: no locals block sets it in this file`, e.span);
      return steps(localValue(name!, l, scope, depth + 1), e.steps.slice(1), e, scope, depth);
    }
    case 'data':
      return reference(e, scope, depth, true);
    case 'module':
      return unknown(`${text()}: a module's output (bdm-lab reads one file)`, e.span);
    case 'path':
      // the root module's directory, relative to where Terraform runs (bdm-lab reads the file as the
      // root module); the directory Terraform runs in is known to it, not here: a string
      if (name === 'module' || name === 'root') return steps({ kind: 'known', value: '.' }, e.steps.slice(1), e, scope, depth);
      // the directory terraform was started in (before -chdir: Meta.OriginalWorkingDir), made absolute
      // with forward slashes (evaluate_data.go GetPathAttr); the root module's directory unless -chdir was given
      if (name === 'cwd') return steps({ kind: 'unknown', why: 'path.cwd, the absolute path of the directory terraform is started in (the root module\'s unless -chdir names another)', span: e.span, ty: 'string', absPath: true }, e.steps.slice(1), e, scope, depth);
      return unknown(`${text()} (known only when Terraform expands the configuration)`, e.span);
    case 'count': case 'each': case 'self': case 'terraform':
      return unknown(`${text()} (known only when Terraform expands the configuration)`, e.span);
    default:
      return reference(e, scope, depth, false);
  }
}

/** the type a variable's type constraint gives its value, when it names every part (no `any`, no shorthand `list` or `map`) */
function constraintType(type: Expr, scope: Scope): Ty | undefined {
  if (type.kind === 'traversal' && !type.steps.length && (type.root === 'list' || type.root === 'map')) return undefined;
  const c = typeConstraint(type, (x) => {
    const d = evaluate(x, scope.asConstant());
    return d.kind === 'known' && !refusal(d) ? { value: d.value } : undefined;
  });
  if (!c || 'err' in c) return undefined;
  const of = (t: TC, depth: number): Ty | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    if (typeof t === 'string') return t === 'any' ? undefined : t;
    if ('tuple' in t) { const xs = t.tuple.map((x) => of(x, depth + 1)); return xs.every((x) => x !== undefined) ? { tuple: xs as Ty[] } : undefined; }
    if ('object' in t) {
      const o: Record<string, Ty> = Object.create(null) as Record<string, Ty>;
      for (const [k, x] of Object.entries(t.object)) { const y = of(x, depth + 1); if (y === undefined) return undefined; o[k] = y; }
      return { object: o };
    }
    const [kind, inner] = 'list' in t ? ['list', t.list] as const : 'set' in t ? ['set', t.set] as const : ['map', t.map] as const;
    const y = of(inner, depth + 1);
    return y === undefined ? undefined : kind === 'list' ? { list: y } : kind === 'set' ? { set: y } : { map: y };
  };
  return of(c.tc, 0);
}

/**
 * A local's value, from the cache when it was computed at this depth or shallower, or when it was
 * known (a value known deeper is known here too; one cut short by the depth bound is computed again)
 */
function localValue(name: string, l: Attribute, scope: Scope, depth: number): Result {
  let cache = scope.localValues.get(scope.bindings);
  if (!cache) { cache = new Map(); scope.localValues.set(scope.bindings, cache); }
  const hit = cache.get(name);
  if (hit && (hit.r.kind !== 'unknown' || hit.depth <= depth)) return hit.r;
  const r = evaluate(l.expr, scope, depth);
  if (!hit || r.kind !== 'unknown' || depth < hit.depth) cache.set(name, { r, depth });
  return r;
}

/**
 * A variable's default converted to its type constraint, as Terraform's loader converts it
 * (named_values.go decodeVariableBlock): a primitive type as go-cty converts a value (10 to "10",
 * "10" to 10, "true"/"1" to true); a collection, tuple or object type (vartype.ts) with its
 * optional attributes' defaults applied first unless the default is null. A default that does not
 * convert is refused ("Invalid default value for variable"), so is a type Terraform cannot read.
 */
function typed(r: Result, type: Expr | undefined, span: Span, scope?: Scope): Result {
  if (r.kind !== 'known' || refusal(r) || !type) return r;
  const bad = (why: string) => refused(`Invalid default value for variable: This default value is not compatible with the variable's type constraint: ${why}.`, span);
  if (type.kind !== 'traversal' || type.steps.length || !['string', 'number', 'bool'].includes(type.root)) {
    if (!scope) return r;
    // the loader's shorthands: a bare list or map is list(any) / map(any)
    const kw = type.kind === 'traversal' && !type.steps.length ? type.root : undefined;
    const c = kw === 'list' ? { tc: { list: 'any' } as TC, defaults: null } : kw === 'map' ? { tc: { map: 'any' } as TC, defaults: null } : typeConstraint(type, (x) => {
      const d = evaluate(x, scope.asConstant());
      const f = refusal(d);
      return f ? { err: f.message, span: f.span } : d.kind === 'known' ? { value: d.value } : undefined;
    });
    if (!c) return unknown("a variable's default converted to its type (bdm-lab does not follow it)", span);
    if ('err' in c) return refused(c.err, c.span);
    // a null default: a null of the constraint's type (convert.Convert passes it through so typed)
    if (r.value === null) { const t = plain(c.tc); return t === 'dynamic' ? r : { ...r, nullTy: t }; }
    const conv = convertConstraint(c.defaults ? applyDefaults(r.value, c.defaults) : r.value, c.tc);
    if (!conv) return unknown("a variable's default converted to its type (bdm-lab does not follow it)", span);
    return 'err' in conv ? bad(conv.err) : { kind: 'known', value: conv.value };
  }
  if (r.value === null) return { ...r, nullTy: type.root as Ty };
  const v = r.value;
  switch (type.root) {
    case 'string':
      if (typeof v === 'object') return bad(`string required, but have ${ctyType(v)}`);
      return { kind: 'known', value: typeof v === 'number' ? numText(r, v) : String(v) };
    case 'number': {
      const c = toNumber(v);
      if ('err' in c) return bad(c.err);
      const num = numOf(r);
      return num ? { kind: 'known', value: c.n, num } : { kind: 'known', value: c.n };
    }
    default: {
      const c = toBool(v);
      return 'err' in c ? bad(c.err) : { kind: 'known', value: c.b };
    }
  }
}

/**
 * What Terraform's loader refuses in a variable block (internal/configs/named_values.go
 * decodeVariableBlock): the default evaluated with no context (no variables, no functions), converted
 * to a primitive type constraint, and null refused when nullable = false. The first by position.
 */
export function variableProblem(v: Block, scope: Scope): Diag | undefined {
  const a = attrs(v.body);
  const def = a.get('default');
  if (!def) return undefined;
  const r = typed(evaluate(def.expr, scope.asConstant()), a.get('type')?.expr, def.expr.span, scope);
  const f = refusal(r);
  if (f) return f;
  const nullable = a.get('nullable');
  if (nullable && r.kind === 'known' && r.value === null) {
    const n = evaluate(nullable.expr, scope.asConstant());
    if (n.kind === 'known' && n.value === false) return { message: 'Invalid default value for variable: A null default value is not valid when nullable=false.', span: def.expr.span };
  }
  return undefined;
}

/**
 * Whether an expression's value surely carries the sensitive mark: its own (sensitiveIn's `top`), or a
 * template's or a function call's with a sensitive value in it (a call's result takes its arguments'
 * marks; try() and can() give their chosen argument's)
 */
function markedValue(e: Expr, scope: Scope): boolean {
  const m = sensitiveIn(e, scope, 0);
  if (m === 'top') return true;
  return m === 'nested' && (e.kind === 'template' || (e.kind === 'call' && !['try', 'can', 'core::try', 'core::can'].includes(e.name)));
}

/**
 * A variable's validation rules with its default as its value (internal/terraform/eval_variable.go
 * evalVariableValidation, as plan runs it for a root module variable): a condition Terraform refuses,
 * a null one, one that is no bool, or one that is false with its error_message (trimmed, or
 * "Failed to evaluate condition error message.") and the rule's place; an unknown condition waits.
 * The first of the rules in order; none for a variable without a default (its value is not known).
 */
export function validationProblem(v: Block, scope: Scope): Diag | undefined {
  if (!attrs(v.body).get('default')) return undefined;
  const head = { offset: v.span.offset, length: (v.labels.at(-1)?.span ?? v.typeSpan).offset + (v.labels.at(-1)?.span ?? v.typeSpan).length - v.span.offset };
  for (const rule of blocks(v.body, 'validation')) {
    const a = attrs(rule.body);
    const cond = a.get('condition');
    if (!cond) continue;
    const r = evaluate(cond.expr, scope);
    const f = refusal(r);
    if (f) return f;
    if (r.kind !== 'known') continue;
    if (r.value === null) return { message: 'Invalid variable validation result: Validation condition expression must return either true or false, not null.', span: cond.expr.span };
    const b = toBool(r.value);
    if ('err' in b) return { message: `Invalid variable validation result: Invalid validation condition result value: ${b.err}.`, span: cond.expr.span };
    if (b.b !== false) continue;
    const me = a.get('error_message');
    const m = me ? evaluate(me.expr, scope) : undefined;
    const mf = refusal(m);
    if (mf) return mf;
    if (me && m && m.kind !== 'known') return { message: "Invalid error message: Unsuitable value for error message: expression refers to values that won't be known until the apply phase.", span: me.expr.span };
    let text = '';
    if (m?.kind === 'known' && m.value !== null) {
      if (typeof m.value === 'object') return { message: `Invalid error message: Unsuitable value for error message: string required, but have ${ctyType(m.value)}.`, span: me!.expr.span };
      // strings.TrimSpace
      text = trimRightSpace(trimLeftSpace(typeof m.value === 'number' ? numText(m, m.value) : String(m.value)));
    }
    const where = scope.text !== undefined ? rangeText(scope.text, rule.typeSpan, scope.file) : '';
    return { message: `Invalid value for variable: ${text || 'Failed to evaluate condition error message.'}\n\nThis was checked by the validation rule at ${where}.`, span: head };
  }
  return undefined;
}

/** `type.name[.attr]` or `data.type.name.attr` */
function reference(e: Extract<Expr, { kind: 'traversal' }>, scope: Scope, depth: number, data: boolean): Result {
  const rest = data ? e.steps.slice(1) : e.steps;
  const type = data ? (e.steps[0] && 'attr' in e.steps[0] ? e.steps[0].attr : '') : e.root;
  const nameStep = rest[0];
  // a type's name alone is no reference to Terraform (addrs.ParseRef), so nothing binds it when hcl evaluates it
  if (!data && typeWordAlone(e)) {
    return refused(`Unknown variable: There is no variable named "${e.root}".`, { offset: e.span.offset, length: e.root.length });
  }
  if (!nameStep || !('attr' in nameStep)) return unknown(`${e.root}: not a value bdm-lab knows`, e.span);
  const address = `${data ? 'data.' : ''}${type}.${nameStep.attr}`;
  const block = (data ? scope.data : scope.resources).get(`${type}.${nameStep.attr}`) ?? null;
  // skip a `[0]` / `[*]` of a counted resource
  let i = 1;
  while (i < rest.length && !('attr' in rest[i])) i++;
  const attr = rest[i] && 'attr' in rest[i] ? (rest[i] as { attr: string }).attr : undefined;
  if (!block && !data) return unknown(`${address}: no such resource in this file`, e.span);
  if (attr === 'id') return { kind: 'ref', value: standInId(idKind(type), address), of: { address, block, data } };
  if (attr && block) {
    const a = attrs(block.body).get(attr);
    if (a) {
      // the provider's schema types the attribute (a map, a set, a list: not the tuple or object
      // written): a step refused on the written value is left unknown, Terraform's words may differ
      const v = evaluate(a.expr, scope, depth + 1);
      const r = steps(v, rest.slice(i + 1), e, scope, depth);
      return r !== v && refusal(r) && !v.diags?.length ? unknown(`${address}.${attr} with an index or attribute bdm-lab does not check against the provider's schema`, e.span) : r;
    }
  }
  return unknown(`${address}${attr ? `.${attr}` : ''} (known only after ${data ? 'the data source is read' : 'apply'})`, e.span);
}

type Steps = Extract<Expr, { kind: 'traversal' }>['steps'];
type IndexStep = Extract<Steps[number], { index: Expr }>;
type Prim = 'string' | 'number' | 'bool';
const isPrim = (t: CtyType | undefined): t is Prim => t === 'string' || t === 'number' || t === 'bool';

/**
 * Index, attribute and splat steps on a value, as hclsyntax evaluates a traversal, an IndexExpr and a
 * SplatExpr (expression.go, parser.go parseExpressionTraversals; hcl ops.go Index and GetAttr): each
 * step in turn, the first one Terraform refuses ends them (TraverseRel). `[*]` does every step after
 * it on each element, `.*` only the `.name` and `.0` steps right after it (the rest then apply to its
 * result). A value bdm-lab does not know stays unknown, but a step its type forbids is refused.
 */
function steps(r: Result, rest: Steps, e: Expr, scope: Scope, depth: number, keys?: Map<Expr, Result>): Result {
  let cur = r;
  for (let i = 0; i < rest.length; i++) {
    if (cur.diags?.length) return { kind: 'unknown', why: 'an index of a value Terraform refuses', span: e.span, diags: cur.diags };
    const s = rest[i];
    if ('splat' in s) {
      let j = rest.length;
      if (s.legacy) for (j = i + 1; j < rest.length; j++) { const t = rest[j]; if (!('attr' in t) && !('index' in t && t.legacy)) break; }
      cur = splat(cur, rest.slice(i + 1, j), s, e, scope, depth, keys, () => sourceSpan(e, s));
      i = j - 1;
    } else if (cur.kind === 'ref') return unknown(`an attribute of ${cur.of.address}'s id`, e.span);
    else if ('attr' in s) cur = getAttr(cur, s.attr, s.span, e);
    else cur = index(cur, s, e, scope, depth, keys);
  }
  return cur;
}

/**
 * the range of what a splat applies to (hclsyntax's SplatExpr Source): up to the step before `s`,
 * from the expression's start, or inside a `[*]`'s steps from that `[*]` (parser.go: its steps are
 * parsed on the anonymous item, whose range is the marker's)
 */
function sourceSpan(e: Expr, s: Steps[number]): Span {
  const all = e.kind === 'traversal' || e.kind === 'other' ? e.steps ?? [] : [];
  const at = all.indexOf(s);
  const end = at > 0 ? all[at - 1].span.offset + all[at - 1].span.length
    : e.kind === 'traversal' ? e.span.offset + e.root.length : e.kind === 'other' && e.base ? e.base.span.offset + e.base.span.length : s.span.offset;
  let start = e.span.offset;
  for (let i = at - 1; i >= 0; i--) { const x = all[i]; if ('splat' in x && !x.legacy) { start = x.span.offset; break; } }
  return { offset: start, length: end - start };
}

const NOT_AN_ELEMENT = 'Invalid index: The given key does not identify an element in this collection value';
/** a string key as Go's %q writes it */
const quoted = (k: string) => JSON.stringify(k);
/** an element of a known collection or structure with its exact number, if kept */
const elementOf = (v: Value, key: string | number, x: Value): Result => {
  if (x === null) { const t = nullTyAt(v, key); return t ? { kind: 'known', value: null, nullTy: t } : { kind: 'known', value: null }; }
  const num = exactAt(v, key);
  return num ? { kind: 'known', value: x, num } : { kind: 'known', value: x };
};

/** an unknown value of type `t` (a primitive one's type kept as `ty` too) */
const unknownOf = (why: string, span: Span, t: Ty | undefined): Result =>
  ({ kind: 'unknown', why, span, ...(t !== undefined && t !== 'dynamic' ? { type: t } : {}), ...(isPrim(t as CtyType) ? { ty: t as Prim } : {}) });
/** the whole type go-cty knows an unknown value to have (not a tuple or object literal's: those keep their elements) */
const typeOfUnknown = (r: Extract<Result, { kind: 'unknown' }>): Ty | undefined =>
  // a result made from another with only its `ty` changed (a conversion) keeps that `ty`
  (r.type !== undefined && (r.ty === undefined || r.ty === r.type) ? r.type : isPrim(r.ty) ? r.ty : undefined);
const SET_INDEX = "Invalid index: Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.";

/**
 * convert.Convert of an index key to a number or a string: go-cty's words when it does not convert
 * (`kty`: the FriendlyName of the type of a key that is not known)
 */
function keyError(k: Result, kty: string | undefined, want: 'number' | 'string'): string | undefined {
  if (k.kind === 'known') {
    const kv = k.value;
    if (kv !== null && typeof kv === 'object') return `${want} required, but have ${friendly(kv)}`;
    if (want === 'number' && typeof kv === 'boolean') return 'number required, but have bool';
    if (want === 'number' && typeof kv === 'string' && ctyNumber(kv) === null) return 'a number is required';
    return undefined;
  }
  if (kty === undefined || kty === 'string' || kty === 'number') return undefined;
  return kty !== 'bool' || want === 'number' ? `${want} required, but have ${kty}` : undefined;
}

/**
 * Value.HasIndex of a known number key on a sequence of `len` elements: the element's index, or
 * why hcl.Index says it is not one (a fractional or negative index, one equal to the length —
 * "no elements" when that is 0 —, else no reason)
 */
function sequenceIndex(k: Extract<Result, { kind: 'known' }>, len: number): number | { detail: string } {
  const kv = k.value;
  let big: BigNum | null;
  if (typeof kv === 'string') {
    const n = ctyNumber(kv)!;
    big = parseBig(kv) ?? (Number.isFinite(n) ? bigOfFloat(n) : null);
  } else big = k.num ?? bigOfFloat(kv as number);
  // an infinity has no integer part: big.Float Int is not exact
  const whole = big && !big.inf ? bigInteger(big) : null;
  if (whole !== null && whole >= 0n && whole < BigInt(len)) return Number(whole);
  if (big === null) return { detail: '.' };
  if (whole === null) return { detail: ': indexing a sequence requires a whole number, but the given index has a fractional part.' };
  if (whole < 0n) return { detail: ': a negative number is not a valid index for a sequence.' };
  if (whole === BigInt(len)) return { detail: len === 0 ? ': the collection has no elements.' : ': the given index is greater than or equal to the length of the collection.' };
  return { detail: '.' };
}

/**
 * hcl.Index (ops.go) for an index step (a TraverseIndex or an IndexExpr: both refused on the
 * brackets, or on `.0`): a null collection, then a null key; a key of unknown type leaves the
 * element unknown; a set or a primitive value has no indices; a tuple's or list's key converted to a
 * number and a map's or object's to a string (go-cty's words when it does not convert); a missing
 * element in the words hcl picks for its case. An unknown collection of a known type is checked as
 * far as its type allows; its element is unknown, of the element type.
 */
function index(cur: Result, s: IndexStep, e: Expr, scope: Scope, depth: number, keys?: Map<Expr, Result>): Result {
  // a key cannot name a splat's element: inside a splat it is evaluated once for all of them
  let k = keys?.get(s.index);
  if (!k) { k = evaluate(s.index, scope, depth + 1); keys?.set(s.index, k); }
  const span = s.span;
  const nullColl = cur.kind === 'known' && cur.value === null;
  const NULL_COLL = 'Attempt to index null value: This value is null, so it does not have any indices.';
  // IndexExpr: the key's own diagnostics; hcl.Index of its cty.DynamicVal refuses only a null collection
  if (k.diags?.length) return { kind: 'unknown', why: 'an index Terraform refuses', span, diags: nullColl ? [{ message: NULL_COLL, span }, ...k.diags] : k.diags };
  if (nullColl) return refused(NULL_COLL, span);
  if (k.kind === 'known' && k.value === null) return refused("Invalid index: Can't use a null value as an indexing key.", span);
  if (cur.kind === 'ref') return unknown(`an index of ${cur.of.address}'s id`, e.span);
  // the type of a key not known (a resource's id is a string)
  const kt = k.kind === 'unknown' ? (k.shallow ? k.ty : typeOfUnknown(k)) : k.kind === 'ref' ? 'string' : undefined;
  const kty = kt === undefined || kt === 'dynamic' ? undefined : typeof kt === 'string' ? kt : tyName(kt);
  const dynamic = (): Result => (cur.kind === 'unknown' ? { kind: 'unknown', why: cur.why, span: cur.span } : unknown('an index bdm-lab does not know', span));
  if (k.kind !== 'known' && kty === undefined) return dynamic();
  const bad = (detail: string) => refused(`${NOT_AN_ELEMENT}${detail}`, span);
  // what the collection is: a known value, a tuple or object literal with unknown elements, or an unknown value of a known type
  const v = cur.kind === 'known' ? cur.value : undefined;
  const items = cur.kind === 'unknown' && cur.shallow && cur.ty === 'tuple' ? cur.items : undefined;
  const fields = cur.kind === 'unknown' && cur.shallow && cur.ty === 'object' ? cur.fields : undefined;
  let t: Ty | undefined;
  if (cur.kind === 'unknown' && !items && !fields) {
    t = typeOfUnknown(cur);
    if (t === undefined || t === 'dynamic') return dynamic();
  }
  const kind = t !== undefined
    ? (typeof t === 'string' ? 'prim' : 'list' in t ? 'list' : 'set' in t ? 'set' : 'map' in t ? 'map' : 'tuple' in t ? 'tuple' : 'object')
    : items ? 'tuple' : fields ? 'object'
      : Array.isArray(v) ? (collectionKind(v) === 'list' ? 'list' : collectionKind(v) === 'set' ? 'set' : 'tuple')
        : v !== null && typeof v === 'object' ? (collectionKind(v!) === 'map' ? 'map' : 'object') : 'prim';
  if (kind === 'prim') return refused('Invalid index: This value does not have any indices.', span);
  if (kind === 'set') return refused(SET_INDEX, span);
  const why = cur.kind === 'unknown' ? cur.why : 'an element of a collection indexed by a value bdm-lab does not know';
  const whySpan = cur.kind === 'unknown' ? cur.span : span;
  // the element type of a known list or map
  const elemOfKnown = (): Ty | undefined => { const vt = v === undefined ? undefined : tyOf(v); return vt && typeof vt === 'object' ? ('list' in vt ? vt.list : 'map' in vt ? vt.map : undefined) : undefined; };
  if (kind === 'list' || kind === 'tuple') {
    const err = keyError(k, kty, 'number');
    if (err) return bad(`: ${err}.`);
    // an unknown list, or a key not known: the element is not known (a list's is of its element type)
    if (t !== undefined && 'list' in (t as object)) return unknownOf(why, whySpan, (t as { list: Ty }).list);
    if (k.kind !== 'known') return kind === 'list' ? unknownOf(why, whySpan, elemOfKnown()) : dynamic();
    const len = items?.length ?? (t !== undefined ? (t as { tuple: Ty[] }).tuple.length : (v as Value[]).length);
    const at = sequenceIndex(k, len);
    if (typeof at !== 'number') return bad(at.detail);
    return items ? items[at] : t !== undefined ? unknownOf(why, whySpan, (t as { tuple: Ty[] }).tuple[at]) : elementOf(v!, at, (v as Value[])[at]);
  }
  const err = keyError(k, kty, 'string');
  if (err) return bad(`: ${err}.`);
  if (kind === 'map' && t !== undefined) return unknownOf(why, whySpan, (t as { map: Ty }).map);
  if (k.kind !== 'known') return kind === 'map' ? unknownOf(why, whySpan, elemOfKnown()) : dynamic();
  const kv = k.value;
  const key = nfc(typeof kv === 'number' ? numText(k, kv) : String(kv)) as string;
  if (fields) { if (Object.hasOwn(fields, key)) return fields[key]; }
  else if (t !== undefined) { const o = (t as { object: Record<string, Ty> }).object; if (Object.hasOwn(o, key)) return unknownOf(why, whySpan, o[key]); }
  else if (Object.hasOwn(v as object, key)) return elementOf(v!, key, (v as Record<string, Value>)[key]);
  return bad(kind === 'object' && typeof kv === 'number' ? '. An object only supports looking up attributes by name, not by numeric index.' : '.');
}

/** hcl.GetAttr's hint for an attribute of a list or set of objects (`et`: the element type), else undefined */
function collectionAttr(kind: 'list' | 'set', et: Ty, name: string): string | undefined {
  if (typeof et !== 'object' || !('object' in et)) return undefined;
  if (kind === 'set') return "Unsupported attribute: Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?";
  return Object.hasOwn(et.object, name)
    ? `Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access attribute ${quoted(name)} for a specific element of the list, or across all elements of the list?`
    : "Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?";
}

/**
 * hcl.GetAttr (ops.go) for an attribute step, refused on `.name`: a null value; an object's missing
 * attribute, a map's missing element; a list or set of objects (hcl's hint), a primitive value (its
 * type named), anything else without attributes. An unknown value of a known type is checked by its
 * type (a map's element is then not known, whatever its key).
 */
function getAttr(cur: Result, name: string, span: Span, e: Expr): Result {
  const bad = (message: string) => refused(message, span);
  const none = 'Unsupported attribute: This value does not have any attributes.';
  const primitive = (ty: string) => bad(`Unsupported attribute: Can't access attributes on a primitive-typed value (${ty}).`);
  const noAttr = () => bad(`Unsupported attribute: This object does not have an attribute named ${quoted(name)}.`);
  if (cur.kind === 'unknown') {
    if (cur.shallow && cur.ty === 'tuple') return bad(none);
    if (cur.shallow && cur.ty === 'object' && cur.fields) return Object.hasOwn(cur.fields, name) ? cur.fields[name] : noAttr();
    const t = typeOfUnknown(cur);
    if (t === undefined || t === 'dynamic') return { kind: 'unknown', why: cur.why, span: cur.span };
    if (typeof t === 'string') return primitive(t);
    if ('object' in t) return Object.hasOwn(t.object, name) ? unknownOf(cur.why, cur.span, t.object[name]) : noAttr();
    if ('map' in t) return unknownOf(cur.why, cur.span, t.map);
    if ('list' in t || 'set' in t) return bad(collectionAttr('list' in t ? 'list' : 'set', 'list' in t ? t.list : t.set, name) ?? none);
    return bad(none);
  }
  if (cur.kind !== 'known') return unknown('an attribute bdm-lab does not know', e.span);
  const v = cur.value;
  if (v === null) return bad('Attempt to get attribute from null value: This value is null, so it does not have any attributes.');
  if (typeof v !== 'object') return primitive(ctyType(v));
  const kind = collectionKind(v);
  if (!Array.isArray(v)) {
    if (Object.hasOwn(v, name)) return elementOf(v, name, v[name]);
    return kind === 'map' ? bad(`Missing map element: This map does not have an element with the key ${quoted(name)}.`) : noAttr();
  }
  if (kind === 'list' || kind === 'set') {
    const t = tyOf(v);
    // a collection whose element type bdm-lab cannot build: its FriendlyName still says whether its elements are objects
    if (t === undefined) return /^(?:list|set) of object$/.test(friendly(v)) ? unknown('an attribute of a collection whose element type bdm-lab does not know', span) : bad(none);
    const et = typeof t === 'object' && ('list' in t || 'set' in t) ? ('list' in t ? t.list : t.set) : 'dynamic';
    return bad(collectionAttr(kind, et, name) ?? none);
  }
  return bad(none);
}

/**
 * SplatExpr.Value (hclsyntax expression.go): `each` done on every element of a tuple, list or set
 * (a list or set gives a list, a tuple a tuple); any other value is taken as a one-element tuple, null
 * as an empty one unless it is a null of a list, set or tuple type (refused on `source`, the range
 * of what the splat applies to); an unknown primitive is still checked (its steps refused as they
 * would be) but its result is not known. Every element's diagnostics are kept; one refused makes
 * the result unknown.
 */
function splat(cur: Result, each: Steps, marker: Steps[number], e: Expr, scope: Scope, depth: number, outer: Map<Expr, Result> | undefined, source: () => Span): Result {
  if (cur.kind === 'ref') return unknown(`a splat of ${cur.of.address}'s id`, e.span);
  // each splat in `each` is done one level down (and each value one level deeper): bounded as references are
  if (depth > MAX_DEPTH) return unknown('splat expressions nested too deep to follow', e.span);
  depth++;
  const keys = outer ?? new Map<Expr, Result>();
  // the range of the steps done on each element (hclsyntax's Each): from `[*]`, or from the step after `.*`
  const eachSpan = (): Span => {
    const first = 'legacy' in marker && marker.legacy && each.length ? each[0].span : marker.span, last = each.at(-1)?.span ?? marker.span;
    return { offset: first.offset, length: last.offset + last.length - first.offset };
  };
  let elems: Result[];
  let list = false;
  if (cur.kind === 'unknown') {
    if (cur.shallow && cur.ty === 'tuple' && cur.items) elems = cur.items;
    else if (cur.shallow && cur.ty === 'object' && cur.fields) elems = [cur];
    else {
      const t = typeOfUnknown(cur);
      if (t === undefined || t === 'dynamic') return { kind: 'unknown', why: cur.why, span: cur.span };
      // an unknown collection: the steps checked on an unknown element of its element type; any other
      // unknown (it may be null) is taken as a one-element tuple, the steps checked on it; the result is not known
      const coll = typeof t === 'object' && ('list' in t || 'set' in t);
      const et: Ty[] = coll ? ['list' in t ? t.list : t.set] : typeof t === 'object' && 'tuple' in t ? t.tuple : [t];
      const rs = et.map((x) => steps(x === t ? cur : unknownOf(cur.why, cur.span, x), each, e, scope, depth, keys));
      const d = rs.flatMap((r) => r.diags ?? []);
      // an unknown list or set gives an unknown list of what the steps give
      const tyOfR = (r: Result): Ty | undefined => (r.kind === 'known' ? tyOf(r.value) : r.kind === 'unknown' ? typeOfUnknown(r) : 'string');
      const rt = coll && !d.length ? tyOfR(rs[0]) : undefined;
      // an unknown tuple gives an unknown tuple of what the steps give on each element (SplatExpr's resultTy)
      const tt = !coll && typeof t === 'object' && 'tuple' in t && !d.length ? rs.map(tyOfR) : undefined;
      const whole: Ty | undefined = rt !== undefined && rt !== 'dynamic' ? { list: rt } : tt?.every((x) => x !== undefined) ? { tuple: tt as Ty[] } : undefined;
      return { kind: 'unknown', why: cur.why, span: cur.span, ...(whole ? { type: whole } : {}), ...(d.length ? { diags: d } : {}) };
    }
  } else {
    const v = cur.value;
    if (v === null) {
      // a null list, set or tuple (of that type) is refused; a null of any other type is an empty tuple
      const t = cur.nullTy;
      if (t !== undefined && typeof t === 'object' && ('list' in t || 'set' in t || 'tuple' in t)) return refused('Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.', source());
      return { kind: 'known', value: [] };
    }
    const kind = typeof v === 'object' ? collectionKind(v) : undefined;
    if (Array.isArray(v) && kind !== 'map') {
      list = kind === 'list' || kind === 'set';
      elems = v.map((x, i) => elementOf(v, i, x));
    } else elems = [cur];
  }
  const d: Diag[] = [];
  const out: Result[] = [];
  for (const x of elems) {
    if (++scope.work.steps > MAX_FOR_STEPS) return withDiags({ kind: 'unknown', why: `splat expressions over more than ${MAX_FOR_STEPS} elements in all (bdm-lab does not follow them)`, span: e.span }, d);
    const r = steps(x.kind === 'ref' ? { kind: 'known', value: x.value } : x, each, e, scope, depth, keys);
    d.push(...(r.diags ?? []));
    out.push(r);
  }
  if (d.length) return { kind: 'unknown', why: 'a splat expression Terraform refuses', span: e.span, diags: d };
  const open = out.find((r) => r.kind !== 'known');
  if (!list) {
    if (open) return { kind: 'unknown', why: open.kind === 'unknown' ? open.why : 'a splat of values bdm-lab does not know', span: open.kind === 'unknown' ? open.span : e.span, ty: 'tuple', shallow: true, len: out.length, items: out };
    const vals = out.map((r) => (r as { value: Value }).value);
    out.forEach((r, i) => keepResult(vals, i, r));
    return { kind: 'known', value: vals };
  }
  if (open) return { kind: 'unknown', why: open.kind === 'unknown' ? open.why : 'a splat of values bdm-lab does not know', span: e.span };
  const vals = out.map((r) => (r as { value: Value }).value);
  const src = (cur as { value: Value }).value;
  let ety: Ty | undefined;
  if (!vals.length) {
    // an empty list: its element type is what the steps give on an unknown element of the source's element type
    const st = tyOf(src);
    const se = st && typeof st === 'object' && ('list' in st || 'set' in st) ? ('list' in st ? st.list : st.set) : undefined;
    if (se === undefined) return unknown('a splat of an empty collection whose element type bdm-lab does not know', e.span);
    if (!each.length) ety = se;
    else {
      const r = steps(unknownOf('an element', e.span, se), each, e, scope, depth, keys);
      if (r.diags?.length) return { kind: 'unknown', why: 'a splat expression Terraform refuses', span: e.span, diags: r.diags };
      // the steps' result type on that element; one bdm-lab does not name is dynamic only when the element type has a dynamic part
      const rt = r.kind === 'known' ? tyOf(r.value) : r.kind === 'ref' ? 'string' : typeOfUnknown(r);
      if (rt === undefined && se !== 'dynamic' && !tyHasDynamic(se)) return unknown('a splat of an empty collection (bdm-lab does not follow its type)', e.span);
      ety = rt ?? 'dynamic';
    }
  } else {
    // cty.ListVal: a typed null element has its type, a literal null's (dynamic) differs from none;
    // only dynamic ones: a list of dynamic
    const ts = out.flatMap((r) => { const x = (r as { value: Value }).value; const t = x === null ? (r as { nullTy?: Ty }).nullTy : tyOf(x); return x === null && t === undefined ? [] : [t]; });
    // no steps: the elements and their type are the source's
    const st = each.length ? undefined : tyOf(src);
    if (st && typeof st === 'object' && ('list' in st || 'set' in st)) ts.splice(0, ts.length, 'list' in st ? st.list : st.set);
    if (ts.some((t) => t === undefined)) return unknown('a splat whose element type bdm-lab does not know', e.span);
    if (!ts.length) ts.push('dynamic');
    if (!ts.every((t) => tyEquals(t!, ts[0]!, { depth: MAX_DEPTH }))) return refused('Invalid nested splat expressions: The second level of splat expression produced elements of different types, so it isn\'t possible to construct a valid list to represent the top-level result.\n\nConsider using a for expression instead, to produce a tuple-typed result which can therefore have non-homogenous element types.', eachSpan());
    ety = ts[0]!;
  }
  const value = typedAs(vals, `list of ${tyName(ety)}`);
  out.forEach((r, i) => keepResult(value, i, r));
  return { kind: 'known', value };
}
