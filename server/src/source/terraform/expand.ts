/**
 * `count` and `for_each` on a resource, as Terraform expands them before the provider sees
 * anything (internal/configs/resource.go, internal/terraform/eval_count.go, eval_for_each.go;
 * facts only, the errors in Terraform's words): `count = 0` or an empty `for_each` makes no
 * instance (no request); otherwise one instance per index or element, with `count.index`,
 * `each.key`, `each.value` bound. An unknown count or collection is named in a note and the
 * resource judged once.
 */
import type { Span } from '../../text/span';
import { attrs, type Block, type Expr } from './hcl';
import { sensitiveIn } from './marks';
import { ctyNumber, refusal, type Scope, type Value } from './eval';
import { collectionOf, isSet, typeNameOf } from './translate';
import { collectionName, tyName } from './types';

export interface Instance {
  scope: Scope;
  /** `[0]`, `["a"]`: the instance's address suffix */
  key: string;
}

export interface Expansion {
  instances: Instance[];
  error: { message: string; span: Span } | null;
  notes: Array<{ span: Span; message: string }>;
  /** every instance key the count or for_each makes, when known (not only the judged ones), and where that expression starts */
  keys?: { has: (k: string | number) => boolean; at: number };
}

/** instances judged one by one when their block devices depend on count.index (beyond this, one note) */
export const COUNT_CAP = 8;

const typeName = (v: Value): string => (v === null ? 'null' : Array.isArray(v) ? 'tuple' : typeof v === 'object' ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number');

export function expandResource(text: string, res: Block, scope: Scope): Expansion {
  const a = attrs(res.body);
  const count = a.get('count');
  const forEach = a.get('for_each');
  const out: Expansion = { instances: [], error: null, notes: [] };
  if (count && forEach) {
    out.error = { message: 'Invalid combination of "count" and "for_each": The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.', span: forEach.expr.span };
    return out;
  }
  // count.index without count, each.* without for_each: Terraform refuses the reference when it reads the resource (references.ts)
  if (count) return expandCount(text, res, scope, count.expr.span, out);
  if (forEach) return expandForEach(res, scope, forEach.expr, out);
  out.instances.push({ scope, key: '' });
  return out;
}

function expandCount(text: string, res: Block, scope: Scope, span: Span, out: Expansion): Expansion {
  const e = attrs(res.body).get('count')!.expr;
  const r = collectionOf(e, scope);
  const bad = (detail: string) => { out.error = { message: `Invalid count argument: ${detail}`, span }; return out; };
  const f = refusal(r);
  if (f) { out.error = { message: f.message, span: f.span }; return out; }
  if (r.kind !== 'known') {
    out.notes.push({ span, message: `count is ${r.kind === 'unknown' ? r.why : `${r.of.address}'s id`}: bdm-lab judges one instance, with count.index unknown.` });
    out.instances.push({ scope: scope.withUnknown(['count']), key: '' });
    return out;
  }
  let n = r.value;
  if (n === null) return bad('The given "count" argument value is null. An integer is required.');
  // EvaluateExpr(count, cty.Number): go-cty converts a string whole (no spaces) or says "a number is
  // required"; any other type has no conversion: "number required, but have <type>" (go-cty v1.18.1)
  const wrong = (why: string) => { out.error = { message: `Incorrect value type: Invalid expression value: ${why}.`, span }; return out; };
  if (typeof n === 'string') {
    const parsed = ctyNumber(n);
    if (parsed === null) return wrong('a number is required');
    n = parsed;
  }
  if (typeof n !== 'number') return wrong(`number required, but have ${typeNameOf(n) ?? (isSet(n) ? 'set of string' : typeName(n))}`);
  // gocty.FromCtyValue into a Go int (64 bits): a whole number within int64
  if (!Number.isInteger(n) || n >= 2 ** 63 || n < -(2 ** 63)) return bad('The given "count" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
  if (n < 0) return bad('The given "count" argument value is unsuitable: must be greater than or equal to zero.');
  const count = n;
  out.keys = { has: (k) => typeof k === 'number' && k < count, at: e.span.offset };
  if (n === 0) return out;
  // the block devices (and what they read) depend on count.index: each index sends its own body
  const devices = res.body.items.filter((it) => it.type === 'block' && (it.blockType === 'block_device' || it.blockType === 'dynamic'));
  const depends = devices.some((b) => /\bcount\s*\.\s*index\b/.test(text.slice(b.span.offset, b.span.offset + b.span.length)));
  const judged = depends ? Math.min(n, COUNT_CAP) : 1;
  for (let i = 0; i < judged; i++) out.instances.push({ scope: scope.with({ count: { index: i } }), key: `[${i}]` });
  if (!depends && n > 1) out.notes.push({ span, message: `count = ${n}: Terraform creates ${n} instances; their block devices do not depend on count.index, so each gets the check of index 0.` });
  if (depends && n > COUNT_CAP) out.notes.push({ span, message: `count = ${n}: bdm-lab judges the first ${COUNT_CAP} instances (the block devices depend on count.index).` });
  return out;
}

const SENSITIVE_FOR_EACH = 'Invalid for_each argument: Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.';

function expandForEach(res: Block, scope: Scope, e: Expr, out: Expansion): Expansion {
  const span = e.span;
  const r = collectionOf(e, scope);
  const f = refusal(r);
  if (f) { out.error = { message: f.message, span: f.span }; return out; }
  const bad = (summary: string, detail: string) => { out.error = { message: `${summary}: The given "for_each" argument value is unsuitable: ${detail}`, span }; return out; };
  if (r.kind === 'unknown') {
    // validateResource looks at the marks and the type, known or not: Terraform's validate (variables
    // unknown, of their declared types) refuses a sensitive for_each, or one of the wrong type, so
    if (sensitiveIn(e, scope, 0) === 'top') { out.error = { message: SENSITIVE_FOR_EACH, span }; return out; }
    const t = r.type;
    if (t !== undefined && typeof t === 'object' && ('list' in t || 'tuple' in t)) return bad('Invalid for_each argument', `the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${tyName(t)}.`);
    if (t !== undefined && typeof t === 'object' && 'set' in t && t.set !== 'string' && t.set !== 'dynamic') return bad('Invalid for_each set argument', `"for_each" supports maps and sets of strings, but you have provided a set containing type ${tyName(t.set)}.`);
    if (t === 'string' || t === 'number' || t === 'bool') return bad('Invalid for_each argument', `the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${t}.`);
  }
  if (r.kind !== 'known') {
    out.notes.push({ span, message: `for_each is ${r.kind === 'unknown' ? r.why : `${r.of.address}'s id`}: bdm-lab judges one instance, with each.key and each.value unknown.` });
    out.instances.push({ scope: scope.withUnknown(['each']), key: '' });
    return out;
  }
  // validateResource: a sensitive value first (after the value is known)
  // (an object constructor is marked only by its keys: sensitive values inside it leave it unmarked)
  const plainObject = e.kind === 'object' && e.items.every((x) => !sensitiveIn(x.key, scope, 0));
  const marked = plainObject ? null : sensitiveIn(e, scope, 0);
  if (marked === 'top') { out.error = { message: SENSITIVE_FOR_EACH, span }; return out; }
  if (marked === 'nested') {
    out.notes.push({ span, message: 'for_each uses a sensitive value: Terraform refuses it when the value it gives is marked sensitive, which bdm-lab does not follow; bdm-lab judges one instance, with each.key and each.value unknown.' });
    out.instances.push({ scope: scope.withUnknown(['each']), key: '' });
    return out;
  }
  const v = r.value;
  if (v === null) return bad('Invalid for_each argument', 'the given "for_each" argument value is null. A map, or set of strings is allowed.');
  if (typeof v !== 'object' || (Array.isArray(v) && !isSet(v))) return bad('Invalid for_each argument', `the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${typeNameOf(v) ?? typeName(v)}.`);
  let pairs: Array<[string, Value]>;
  if (Array.isArray(v)) {
    // eval_for_each.go validateResource: the set's element type, then a null element of a set of strings
    const ety = collectionName(v)?.replace(/^set of /, '');
    if (ety !== undefined && ety !== 'string' && ety !== 'dynamic') return bad('Invalid for_each set argument', `"for_each" supports maps and sets of strings, but you have provided a set containing type ${ety}.`);
    const odd = v.find((x) => x !== null && typeof x !== 'string');
    if (odd !== undefined) return bad('Invalid for_each set argument', `"for_each" supports maps and sets of strings, but you have provided a set containing type ${typeName(odd)}.`);
    if (v.includes(null)) return bad('Invalid for_each set argument', '"for_each" sets must not contain null values.');
    pairs = (v as string[]).map((x) => [x, x]);
  } else pairs = Object.keys(v).sort().map((k) => [k, v[k]]);
  const keys = new Set(pairs.map((x) => x[0]));
  out.keys = { has: (k) => typeof k === 'string' && keys.has(k), at: span.offset };
  for (const [key, value] of pairs.slice(0, COUNT_CAP)) out.instances.push({ scope: scope.with({ each: { key, value } }), key: `[${JSON.stringify(key)}]` });
  if (pairs.length > COUNT_CAP) out.notes.push({ span, message: `for_each makes ${pairs.length} instances: bdm-lab judges the first ${COUNT_CAP} (by key).` });
  return out;
}
