/**
 * What bdm-lab can know of a Terraform expression without running Terraform: literals, templates
 * of known parts, tuples and objects, `var.x` with a `default`, `local.x`, and references to
 * resources of the same file (their `id` is a stand-in, known only after apply; a configured
 * argument such as `size` is read from the resource). Anything else — data sources, module
 * outputs, functions, `count`/`each`, operators, variables without a default — is unknown and
 * named, never guessed. Evaluation is bounded (depth) so self-referencing locals end.
 */
import type { Span } from '../../text/span';
import { standInId } from '../oscCli/translate';
import { attrs, blocks, type Attribute, type Block, type Body, type Expr } from './hcl';

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

export type Result =
  | { kind: 'known'; value: Value }
  /** a resource's or data source's id: a stand-in, `of` names what it points to */
  | { kind: 'ref'; value: string; of: Ref }
  | { kind: 'unknown'; why: string; span: Span };

export interface Ref {
  /** e.g. openstack_blockstorage_volume_v3.data, data.openstack_images_image_v2.ubuntu */
  address: string;
  /** the resource's block when it is in the file */
  block: Block | null;
  /** a data source (looked up at plan time) */
  data: boolean;
}

/** the kind of thing a resource type's id names (for stand-in ids) */
export function idKind(type: string): string {
  if (/blockstorage_volume/.test(type)) return 'volume';
  if (/blockstorage_snapshot/.test(type)) return 'snapshot';
  if (/images_image/.test(type)) return 'image';
  if (/compute_instance/.test(type)) return 'server';
  if (/compute_flavor/.test(type)) return 'flavor';
  if (/networking_port/.test(type)) return 'port';
  if (/networking_network/.test(type)) return 'network';
  if (/servergroup/.test(type)) return 'server-group';
  return type.replace(/^openstack_/, '');
}

export class Scope {
  readonly variables = new Map<string, Block>();
  readonly locals = new Map<string, Attribute>();
  readonly resources = new Map<string, Block>();
  readonly data = new Map<string, Block>();
  /** names Terraform binds while it expands a resource or a dynamic block: count, each, an iterator */
  bindings = new Map<string, Value>();

  /** the same file with more names bound (count.index, each.key/value, a dynamic block's iterator) */
  with(names: Record<string, Value>): Scope {
    const s = Object.create(Scope.prototype) as Scope;
    Object.assign(s, this);
    s.bindings = new Map([...this.bindings, ...Object.entries(names)]);
    return s;
  }

  constructor(body: Body) {
    for (const b of blocks(body)) {
      if (b.blockType === 'variable' && b.labels.length === 1) this.variables.set(b.labels[0].value, b);
      else if (b.blockType === 'locals') for (const [k, a] of attrs(b.body)) this.locals.set(k, a);
      else if (b.blockType === 'resource' && b.labels.length === 2) this.resources.set(`${b.labels[0].value}.${b.labels[1].value}`, b);
      else if (b.blockType === 'data' && b.labels.length === 2) this.data.set(`${b.labels[0].value}.${b.labels[1].value}`, b);
    }
  }
}

/**
 * A string as go-cty converts it to a number (cty.ParseNumberVal: math/big's ParseFloat in base 10):
 * the whole text, no spaces; a decimal mantissa with an optional `e` (power of ten) or `p` (power
 * of two) exponent, or `Inf`/`inf` with an optional sign. null when it is not a number.
 */
export function ctyNumber(s: string): number | null {
  if (/^[+-]?[Ii]nf$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|[pP]([+-]?\d+))?$/.exec(s);
  if (!m) return null;
  if (m[3] !== undefined) return Number(m[1]) * 2 ** Number(m[3]);
  return Number(m[2] === undefined ? m[1] : `${m[1]}e${m[2]}`);
}

/** a number as go-cty writes it when it converts it to a string (big.Float Text 'f', -1: plain digits, never an exponent) */
export function ctyText(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const t = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(t);
  if (!m) return t;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return m[1] + digits + '0'.repeat(point - digits.length);
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const MAX_DEPTH = 32;

const unknown = (why: string, span: Span): Result => ({ kind: 'unknown', why, span });

export function evaluate(e: Expr, scope: Scope, depth = 0): Result {
  if (depth > MAX_DEPTH) return unknown('a chain of references too long to follow', e.span);
  switch (e.kind) {
    case 'literal':
      return { kind: 'known', value: e.value };
    case 'paren':
      return evaluate(e.inner, scope, depth + 1);
    case 'template':
      return template(e, scope, depth);
    case 'tuple': {
      const out: Value[] = [];
      for (const it of e.items) {
        const r = evaluate(it, scope, depth + 1);
        if (r.kind === 'unknown') return r;
        out.push(r.value);
      }
      return { kind: 'known', value: out };
    }
    case 'object': {
      const out: { [k: string]: Value } = {};
      for (const it of e.items) {
        const k = it.key.kind === 'traversal' && it.key.steps.length === 0 ? { kind: 'known' as const, value: it.key.root } : evaluate(it.key, scope, depth + 1);
        if (k.kind === 'unknown') return k;
        const v = evaluate(it.value, scope, depth + 1);
        if (v.kind === 'unknown') return v;
        out[String(k.value)] = v.value;
      }
      return { kind: 'known', value: out };
    }
    case 'traversal':
      return traversal(e, scope, depth);
    case 'call':
      if (e.name === 'length' && e.args.length === 1) return length(evaluate(e.args[0], scope, depth + 1), e.span);
      return unknown(`the function ${e.name}() (bdm-lab does not evaluate functions)`, e.span);
    case 'other':
      if (e.op && e.args) return operator(e.op, e.args, e.span, scope, depth);
      return unknown(`${e.what} (bdm-lab does not evaluate it)`, e.span);
  }
}

function length(r: Result, span: Span): Result {
  if (r.kind !== 'known') return r.kind === 'ref' ? unknown(`the length of ${r.of.address}'s id`, span) : r;
  const v = r.value;
  if (typeof v === 'string') return { kind: 'known', value: [...v].length };
  if (Array.isArray(v)) return { kind: 'known', value: v.length };
  if (v !== null && typeof v === 'object') return { kind: 'known', value: Object.keys(v).length };
  return unknown('length() of a value that is not a collection or a string', span);
}

/** a number as Terraform converts a value for arithmetic ("2" is 2, " 2" is no number: go-cty parses the whole text), else undefined */
function num(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return ctyNumber(v) ?? undefined;
  return undefined;
}

/** a bool as go-cty converts an operand of !, &&, || or a condition ("true"/"1", "false"/"0" too), else undefined */
function bool(v: Value): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** Terraform's equality: same type and value (1 and "1" differ) */
function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
  }
  return a === b;
}

/** the conditional and the operators, on known operands (`?:` reads only the branch it picks) */
function operator(op: string, args: Expr[], span: Span, scope: Scope, depth: number): Result {
  const first = evaluate(args[0], scope, depth + 1);
  if (first.kind !== 'known') return first.kind === 'ref' && (op === '==' || op === '!=') ? unknown(`a comparison with ${first.of.address}'s id`, span) : first.kind === 'ref' ? unknown(`${first.of.address}'s id in an expression`, span) : first;
  const a = first.value;
  if (op === '?:') {
    const c = bool(a);
    if (c === undefined) return unknown('a conditional whose condition is not a bool', span);
    return evaluate(c ? args[1] : args[2], scope, depth + 1);
  }
  if (op === '!') { const c = bool(a); return c === undefined ? unknown('! of a value that is not a bool', span) : { kind: 'known', value: !c }; }
  if (op === '-' && args.length === 1) { const n = num(a); return n === undefined ? unknown('- of a value that is not a number', span) : { kind: 'known', value: -n }; }
  const second = evaluate(args[1], scope, depth + 1);
  if (second.kind !== 'known') return second.kind === 'ref' ? unknown(`${second.of.address}'s id in an expression`, span) : second;
  const b = second.value;
  switch (op) {
    case '==': return { kind: 'known', value: same(a, b) };
    case '!=': return { kind: 'known', value: !same(a, b) };
    case '&&': case '||': {
      const x = bool(a), y = bool(b);
      if (x === undefined || y === undefined) return unknown(`${op} of values that are not bools`, span);
      return { kind: 'known', value: op === '&&' ? x && y : x || y };
    }
    default: {
      const x = num(a), y = num(b);
      if (x === undefined || y === undefined) return unknown(`the ${op} operator on a value that is not a number`, span);
      const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : op === '%' ? x % y : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
      if (typeof r === 'number' && !Number.isFinite(r)) return unknown(`the ${op} operator gives no finite number`, span);
      return { kind: 'known', value: r };
    }
  }
}

function template(e: Extract<Expr, { kind: 'template' }>, scope: Scope, depth: number): Result {
  if (e.directives) return unknown('a template directive %{…} (bdm-lab does not evaluate it)', e.span);
  // a template that is one interpolation and nothing else is that expression's value
  if (e.parts.length === 1 && 'expr' in e.parts[0]) return evaluate(e.parts[0].expr, scope, depth + 1);
  let s = '';
  for (const p of e.parts) {
    if ('lit' in p) { s += p.lit; continue; }
    const r = evaluate(p.expr, scope, depth + 1);
    if (r.kind === 'unknown') return r;
    if (r.kind === 'ref') return unknown(`${r.of.address}'s id inside a string (known only after apply)`, p.expr.span);
    if (r.value === null || typeof r.value === 'object') return unknown('a value that is not a string inside a template', p.expr.span);
    s += typeof r.value === 'number' ? ctyText(r.value) : String(r.value);
  }
  return { kind: 'known', value: s };
}

function traversal(e: Extract<Expr, { kind: 'traversal' }>, scope: Scope, depth: number): Result {
  const first = e.steps[0];
  const name = first && 'attr' in first ? first.attr : undefined;
  const text = () => [e.root, ...e.steps.map((s) => ('attr' in s ? `.${s.attr}` : '[…]'))].join('');
  const bound = scope.bindings.get(e.root);
  if (bound !== undefined) return steps({ kind: 'known', value: bound }, e.steps, e, scope, depth);
  switch (e.root) {
    case 'var': {
      const v = name !== undefined ? scope.variables.get(name) : undefined;
      if (!v) return unknown(`var.${name ?? ''}: no variable block declares it in this file`, e.span);
      const def = attrs(v.body).get('default');
      if (!def) return unknown(`var.${name}, a variable without a default (its value comes from -var, a .tfvars file or TF_VAR_${name})`, e.span);
      return steps(typed(evaluate(def.expr, scope, depth + 1), attrs(v.body).get('type')?.expr, e.span), e.steps.slice(1), e, scope, depth);
    }
    case 'local': {
      const l = name !== undefined ? scope.locals.get(name) : undefined;
      if (!l) return unknown(`local.${name ?? ''}: no locals block sets it in this file`, e.span);
      return steps(evaluate(l.expr, scope, depth + 1), e.steps.slice(1), e, scope, depth);
    }
    case 'data':
      return reference(e, scope, depth, true);
    case 'module':
      return unknown(`${text()}: a module's output (bdm-lab reads one file)`, e.span);
    case 'count': case 'each': case 'self': case 'path': case 'terraform':
      return unknown(`${text()} (known only when Terraform expands the configuration)`, e.span);
    default:
      return reference(e, scope, depth, false);
  }
}

/**
 * A variable's default converted to its primitive type constraint, as Terraform converts it when it
 * loads the variable (go-cty's conversions: 10 to "10", "10" to 10, "true"/"1" to true). A default
 * that does not convert is refused by Terraform ("Invalid default value for variable"): bdm-lab
 * leaves it unknown. Collection and object constraints are not applied.
 */
function typed(r: Result, type: Expr | undefined, span: Span): Result {
  if (r.kind !== 'known' || r.value === null || type?.kind !== 'traversal' || type.steps.length) return r;
  const v = r.value;
  const bad = () => unknown('a variable default that does not convert to its type (Terraform refuses it)', span);
  switch (type.root) {
    case 'string':
      if (typeof v === 'object') return bad();
      return { kind: 'known', value: typeof v === 'number' ? ctyText(v) : String(v) };
    case 'number': {
      if (typeof v === 'number') return r;
      const n = typeof v === 'string' ? ctyNumber(v) : null;
      return n === null ? bad() : { kind: 'known', value: n };
    }
    case 'bool': {
      const b = bool(v);
      return b === undefined ? bad() : { kind: 'known', value: b };
    }
    default: return r;
  }
}

/** `type.name[.attr]` or `data.type.name.attr` */
function reference(e: Extract<Expr, { kind: 'traversal' }>, scope: Scope, depth: number, data: boolean): Result {
  const rest = data ? e.steps.slice(1) : e.steps;
  const type = data ? (e.steps[0] && 'attr' in e.steps[0] ? e.steps[0].attr : '') : e.root;
  const nameStep = rest[0];
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
    if (a) return steps(evaluate(a.expr, scope, depth + 1), rest.slice(i + 1), e, scope, depth);
  }
  return unknown(`${address}${attr ? `.${attr}` : ''} (known only after ${data ? 'the data source is read' : 'apply'})`, e.span);
}

/** index and attribute steps on a known value */
function steps(r: Result, rest: Extract<Expr, { kind: 'traversal' }>['steps'], e: Expr, scope: Scope, depth: number): Result {
  let cur = r;
  for (const s of rest) {
    if (cur.kind !== 'known') return cur.kind === 'ref' ? unknown(`an attribute of ${cur.of.address}'s id`, e.span) : cur;
    const v = cur.value;
    let key: string | number;
    if ('attr' in s) key = s.attr;
    else if ('index' in s) {
      const k = evaluate(s.index, scope, depth + 1);
      if (k.kind !== 'known' || (typeof k.value !== 'string' && typeof k.value !== 'number')) return unknown('an index bdm-lab cannot evaluate', s.span);
      key = k.value;
    } else return unknown('a splat expression (bdm-lab does not evaluate it)', s.span);
    const next = Array.isArray(v) ? v[Number(key)] : v !== null && typeof v === 'object' ? (v as Record<string, Value>)[String(key)] : undefined;
    if (next === undefined) return unknown(`an index or attribute that the value does not have`, s.span);
    cur = { kind: 'known', value: next };
  }
  return cur;
}
