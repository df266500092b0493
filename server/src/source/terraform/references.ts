/**
 * Terraform reads every reference of an expression before it evaluates any of it (lang.Scope
 * EvalExpr and EvalBlock: langrefs.References, then the scope's EvalContext), in three rounds, each
 * over the traversals hcl finds in its walk order (source order, a `for` expression's own names
 * left out):
 *  1. addrs.ParseRef reads each traversal as an address. A name that is none of Terraform's own
 *     roots is a managed resource type, which must be followed by `.name`: a bare `disk_size` (a
 *     `var.` left out), `d[0]` or an iterator's name used outside its `for` is refused; so are
 *     `local` or `var` alone, `data.x` without a name, and the reserved roots.
 *  2. the static check of the addresses read (evaluate_valid.go): a resource, data source or module
 *     call the module does not declare, `self` outside a provisioner, a counted resource read
 *     without its index or an uncounted one with an index.
 *  3. only when round 2 found nothing, each address is looked up (evaluate.go): a local value or an
 *     input variable the module does not declare (with hcl's "Did you mean"), `count.index` where no
 *     `count` is set, `each` where no `for_each` is, an attribute `path` or `terraform` does not have.
 * What rounds 1 and 2 (or 3) refuse is refused wherever it stands, even in a branch or a loop body
 * that is never evaluated, and nothing of the expression is evaluated then. bdm-lab reads one file
 * as the whole module: what another file of the module declares is undeclared here, but for input
 * variables in a file that declares none and local values in a file that declares none (a module
 * split as variables.tf, locals.tf and main.tf): those are left unknown, not refused.
 */
import type { Span } from '../../text/span';
import { attrs, type Block, type Body, type Expr, type Step } from './hcl';
import { nameSuggestion, suggestionHint } from './didyoumean';
import type { Diag } from './values';

/** addrs.ParseRef's roots (and the words it reserves), none of them a resource type */
const ROOTS = new Set(['count', 'each', 'data', 'resource', 'ephemeral', 'local', 'module', 'path', 'self', 'terraform', 'var', 'template', 'lazy', 'arg', 'action']);
/**
 * a primitive type's name alone is a type constraint to ParseRef, not a reference (Terraform at the
 * commit the hunts read, 883c7221; v1.11.4 to v1.14 still refuse it as a resource type without a name)
 */
const TYPE_WORDS = new Set(['string', 'number', 'bool', 'any']);
/** roots ParseRef reads as one attribute of an object (parseSingleAttrRef) */
const SINGLE = new Set(['count', 'each', 'local', 'path', 'terraform', 'var', 'module']);
/** roots ParseRef reserves (Terraform 1.11) */
const RESERVED = new Set(['template', 'lazy', 'arg']);

/** what the module declares, as the checks of rounds 2 and 3 see it (eval.ts Scope) */
export interface Declared {
  readonly variables: ReadonlyMap<string, unknown>;
  readonly locals: ReadonlyMap<string, unknown>;
  readonly resources: ReadonlyMap<string, Block>;
  readonly data: ReadonlyMap<string, Block>;
  readonly modules: ReadonlySet<string>;
}

/** a step hcl keeps in the traversal (an attribute, an index by a literal key, `.0`); a splat or a computed index ends it */
const traversalStep = (s: Step): boolean => 'attr' in s || ('index' in s && (s.legacy === true || literalKey(s.index)));
const literalKey = (k: Expr): boolean => (k.kind === 'literal' && !(typeof k.value === 'number' && k.text?.startsWith('-')))
  || (k.kind === 'template' && !k.directives && k.parts.every((p) => 'lit' in p));

/**
 * A primitive type's name with no step hcl keeps in the traversal (`string`, `string[-1]`,
 * `number[count.index]`): no reference to ParseRef, and no variable hcl knows when it evaluates it.
 * So from Terraform v1.15.0 (addrs.ParseRef takes `string`, `number`, `bool` and `any` alone as type
 * constraints, for convert()); earlier versions (v1.11.4, the labellers') refuse them as a resource type with no name
 */
export const typeWordAlone = (e: Extract<Expr, { kind: 'traversal' }>): boolean => TYPE_WORDS.has(e.root) && !(e.steps.length && traversalStep(e.steps[0]));

interface Frame { e: Expr; names: Names }
/** the names `for` expressions bind around a node (a list shared by the nodes under it) */
type Names = { name: string; up: Names } | null;
const has = (n: Names, name: string): boolean => { for (let x = n; x; x = x.up) if (x.name === name) return true; return false; };

type Traversal = Extract<Expr, { kind: 'traversal' }>;

/** the traversals of `expr` hcl gives Terraform (Variables()), in its walk order; each node visited once (an explicit stack) */
function traversals(expr: Expr, bound: (name: string) => boolean): Traversal[] {
  const out: Traversal[] = [];
  const stack: Frame[] = [{ e: expr, names: null }];
  const push = (names: Names, ...es: Array<Expr | undefined>) => { for (let i = es.length - 1; i >= 0; i--) { const x = es[i]; if (x) stack.push({ e: x, names }); } };
  while (stack.length) {
    const { e, names } = stack.pop()!;
    switch (e.kind) {
      case 'literal': break;
      case 'paren': push(names, e.inner); break;
      case 'template': push(names, ...e.parts.map((p) => ('expr' in p ? p.expr : undefined))); break;
      case 'tuple': push(names, ...e.items); break;
      // a key that is a bare name is the attribute's name (ObjectConsKeyExpr), not a reference
      case 'object': push(names, ...e.items.flatMap((it) => [it.key.kind === 'traversal' && !it.key.steps.length ? undefined : it.key, it.value])); break;
      case 'call': push(names, ...e.args); break;
      case 'traversal': {
        // count and each stay references where the resource binds them (an iterator's name does not)
        if (!has(names, e.root) && !(bound(e.root) && !ROOTS.has(e.root))) out.push(e);
        push(names, ...e.steps.map((s) => ('index' in s ? s.index : undefined)));
        break;
      }
      case 'other': {
        if (e.for) {
          const f = e.for;
          let inner: Names = { name: f.valVar, up: names };
          if (f.keyVar !== undefined) inner = { name: f.keyVar, up: inner };
          push(names, f.coll);
          // the collection before the rest (ForExpr's children: collection, key, value, condition)
          stack.splice(stack.length - 1, 0, ...[f.cond, f.value, f.key].filter((x): x is Expr => x !== undefined).map((x) => ({ e: x, names: inner })));
          break;
        }
        push(names, e.base, ...(e.args ?? []), ...(e.steps ?? []).map((s) => ('index' in s ? s.index : undefined)));
        break;
      }
    }
  }
  return out;
}

const between = (a: Span, b: Span): Span => ({ offset: a.offset, length: b.offset + b.length - a.offset });
const invalid = (detail: string, span: Span): Diag => ({ message: `Invalid reference: ${detail}`, span });

/** an address ParseRef read (round 1), for rounds 2 and 3 */
type Ref =
  | { kind: 'single'; root: string; name: string; span: Span }
  | { kind: 'module'; name: string; span: Span }
  | { kind: 'self'; span: Span }
  | { kind: 'resource'; mode: 'managed' | 'data' | 'ephemeral'; type: string; name: string; keyed: boolean; remain: number; span: Span };

/** addrs.ParseRef of one traversal: its address, or its refusal */
function parseRef(e: Traversal): Ref | Diag | undefined {
  let k = 0;
  while (k < e.steps.length && traversalStep(e.steps[k])) k++;
  const t = e.steps.slice(0, k);
  const rootSpan: Span = { offset: e.span.offset, length: e.root.length };
  const root = e.root;
  if (RESERVED.has(root)) {
    return { message: `Reserved symbol name: The symbol name "${root}" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.`, span: rootSpan };
  }
  if (SINGLE.has(root)) {
    if (!t.length) return invalid(`The "${root}" object cannot be accessed directly. Instead, access one of its attributes.`, rootSpan);
    const first = t[0];
    if (!('attr' in first)) return invalid(`The "${root}" object does not support this operation.`, first.span);
    const span = between(rootSpan, first.span);
    if (root !== 'module') return { kind: 'single', root, name: first.attr, span };
    // a module call, an instance of it (`[key]`), an output of either
    let end = span, i = 1;
    if (t[i] && 'index' in t[i]) end = t[i++].span;
    if (i < t.length) {
      if (!('attr' in t[i])) return invalid('Module instance objects do not support this operation.', t[i].span);
      end = t[i].span;
    }
    return { kind: 'module', name: first.attr, span: between(rootSpan, end) };
  }
  if (root === 'self') return { kind: 'self', span: rootSpan };
  if (root === 'action') return undefined;
  const mode = root === 'data' ? 'data' : root === 'ephemeral' ? 'ephemeral' : 'managed';
  let rest = t;
  if (root === 'data' || root === 'resource' || root === 'ephemeral') {
    if (t.length < 2) {
      const what = root === 'data' ? 'data source type' : root === 'ephemeral' ? 'ephemeral resource type' : 'resource type';
      return invalid(`The "${root}" object must be followed by two attribute names: the ${what} and the resource name.`, t.length ? between(rootSpan, t[t.length - 1].span) : rootSpan);
    }
    if (!('attr' in t[0])) return invalid(`The "${root}" object does not support this operation.`, t[0].span);
    rest = t.slice(1);
  } else if (!t.length) {
    return typeWordAlone(e) ? undefined : invalid('A reference to a resource type must be followed by at least one attribute access, specifying the resource name.', rootSpan);
  }
  const type = rest === t ? root : (t[0] as { attr: string }).attr;
  const nameStep = rest[0];
  if (!('attr' in nameStep)) {
    const what = mode === 'data' ? 'a data source' : mode === 'ephemeral' ? 'an ephemeral resource type' : 'a resource type';
    return invalid(`A reference to ${what} must be followed by at least one attribute access, specifying the resource name.`, nameStep.span);
  }
  const keyed = rest.length > 1 && 'index' in rest[1];
  const end = keyed ? rest[1].span : nameStep.span;
  return { kind: 'resource', mode, type, name: nameStep.attr, keyed, remain: rest.length - 1 - (keyed ? 1 : 0), span: between(rootSpan, end) };
}

/** round 2: evaluate_valid.go's check of one address */
function staticProblem(r: Ref, d: Declared): Diag | undefined {
  if (r.kind === 'self') return { message: 'Invalid "self" reference: The "self" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.', span: r.span };
  if (r.kind === 'module') {
    if (d.modules.has(r.name)) return undefined;
    const near = nameSuggestion(r.name, [...d.modules].sort());
    return { message: `Reference to undeclared module: No module call named "${r.name}" is declared in the root module.${near !== undefined ? ` Did you mean "${near}"?` : ''}`, span: r.span };
  }
  if (r.kind !== 'resource' || r.mode === 'ephemeral') return undefined;
  const key = `${r.type}.${r.name}`;
  const block = (r.mode === 'data' ? d.data : d.resources).get(key);
  const addr = `${r.mode === 'data' ? 'data.' : ''}${key}`;
  if (!block) {
    const hint = r.mode === 'managed' && d.data.has(key) ? `\n\nDid you mean the data resource data.${key}?` : '';
    return { message: `Reference to undeclared resource: A ${r.mode} resource "${r.type}" "${r.name}" has not been declared in the root module.${hint}`, span: r.span };
  }
  const a = attrs(block.body);
  if (r.keyed) {
    if (a.has('count') || a.has('for_each')) return undefined;
    return { message: `Unexpected resource instance key: Because ${addr} does not have "count" or "for_each" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.`, span: r.span };
  }
  if (!r.remain) return undefined;
  const meta = a.has('count') ? ['count', 'count.index'] : a.has('for_each') ? ['for_each', 'each.key'] : undefined;
  return meta && { message: `Missing resource instance key: Because ${addr} has "${meta[0]}" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    ${addr}[${meta[1]}]`, span: r.span };
}

/** round 3: evaluate.go's look-up of one address (`bound`: count or each set for this instance) */
function lookupProblem(r: Ref, d: Declared, bound: (name: string) => boolean): Diag | undefined {
  if (r.kind !== 'single') return undefined;
  const { root, name, span } = r;
  switch (root) {
    case 'count':
      if (name !== 'index') return { message: `Invalid "count" attribute: The "count" object does not have an attribute named "${name}". The only supported attribute is count.index, which is the index of each instance of a resource block that has the "count" argument set.`, span };
      return bound('count') ? undefined : { message: 'Reference to "count" in non-counted context: The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.', span };
    case 'each':
      if (name !== 'key' && name !== 'value') return { message: `Invalid "each" attribute: The "each" object does not have an attribute named "${name}". The supported attributes are each.key and each.value, the current key and value pair of the "for_each" attribute set.`, span };
      if (bound('each')) return undefined;
      return name === 'value'
        ? { message: 'each.value cannot be used in this context: A reference to "each.value" has been used in a context in which it is unavailable, such as when the configuration no longer contains the value in its "for_each" expression. Remove this reference to each.value in your configuration to work around this error.', span }
        : { message: 'Reference to "each" in context without for_each: The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.', span };
    case 'var': {
      // (a file with no variable block at all is taken as one file of a module whose variables
      // another file declares, variables.tf beside main.tf: its var.x stays unknown, not refused)
      if (d.variables.has(name) || d.variables.size === 0) return undefined;
      const hint = suggestionHint(name, d.variables.keys());
      return { message: `Reference to undeclared input variable: An input variable with the name "${name}" has not been declared.${hint || ` This variable can be declared with a variable "${name}" {} block.`}`, span };
    }
    case 'local':
      // (likewise a file with no local value: its locals are another file's, locals.tf)
      if (d.locals.has(name) || d.locals.size === 0) return undefined;
      return { message: `Reference to undeclared local value: A local value with the name "${name}" has not been declared.${suggestionHint(name, d.locals.keys())}`, span };
    case 'path': {
      if (['cwd', 'module', 'root'].includes(name)) return undefined;
      const near = nameSuggestion(name, ['cwd', 'module', 'root']);
      return { message: `Invalid "path" attribute: The "path" object does not have an attribute named "${name}".${near !== undefined ? ` Did you mean "${near}"?` : ''}`, span };
    }
    case 'terraform':
      if (name === 'workspace' || name === 'applying') return undefined;
      if (name === 'env') return { message: 'Invalid "terraform" attribute: The terraform.env attribute was deprecated in v0.10 and removed in v0.12. The "state environment" concept was renamed to "workspace" in v0.12, and so the workspace name can now be accessed using the terraform.workspace attribute.', span };
      return { message: `Invalid "terraform" attribute: The "terraform" object does not have an attribute named "${name}". The only supported attributes are terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean which is true only during apply.`, span };
    default:
      return undefined;
  }
}

/**
 * A local value that reads itself (node_local.go evaluateLocalValue, before its expression is
 * evaluated): its first such reference, or undefined. A longer cycle is the graph's, not this.
 */
export function selfReference(expr: Expr, name: string): Diag | undefined {
  for (const t of traversals(expr, () => false)) {
    const r = parseRef(t);
    if (r && !('message' in r) && r.kind === 'single' && r.root === 'local' && r.name === name) {
      return { message: `Self-referencing local value: Local value local.${name} cannot use its own result as part of its expression.`, span: r.span };
    }
  }
  return undefined;
}

/**
 * A resource's references to itself in its configuration (node_resource_validate.go validateSelfRef:
 * its body, not its meta-arguments, lifecycle, provisioners or connection): each with the instance
 * key it names (`[0]`, `["a"]`; '' for the whole resource, which validate refuses; a keyed one is
 * refused when that instance is planned), the reference's subject as its place.
 */
export function resourceSelfRefs(body: Body, type: string, name: string): Array<{ key: string; message: string; span: Span }> {
  const out: Array<{ key: string; message: string; span: Span }> = [];
  const walk = (b: Body, top: boolean, depth: number) => {
    if (depth > 16) return;
    for (const it of b.items) {
      if (it.type === 'block') {
        if (!(top && ['lifecycle', 'provisioner', 'connection'].includes(it.blockType))) walk(it.body, false, depth + 1);
        continue;
      }
      if (top && ['count', 'for_each', 'depends_on', 'provider'].includes(it.name)) continue;
      for (const t of traversals(it.expr, () => false)) {
        const r = parseRef(t);
        if (!r || 'message' in r || r.kind !== 'resource' || r.mode !== 'managed' || r.type !== type || r.name !== name) continue;
        const k = r.keyed ? t.steps.find((x) => 'index' in x) : undefined;
        const kv = k && 'index' in k && k.index.kind === 'literal' ? k.index.value : undefined;
        const key = !r.keyed ? '' : typeof kv === 'number' || typeof kv === 'string' ? `[${JSON.stringify(kv)}]` : undefined;
        if (key === undefined) continue;
        out.push({ key, message: `Self-referential block: Configuration for ${type}.${name}${key} may not refer to itself.`, span: r.span });
      }
    }
  };
  walk(body, true, 0);
  return out;
}

/** the names of the local values an expression reads (`local.NAME`), in its walk order */
export function localsRead(expr: Expr): string[] {
  const out: string[] = [];
  for (const t of traversals(expr, () => false)) {
    const r = parseRef(t);
    if (r && !('message' in r) && r.kind === 'single' && r.root === 'local') out.push(r.name);
  }
  return out;
}

/**
 * The graph nodes an expression reads, as Terraform names them in a cycle (`local.NAME`, a managed
 * resource `TYPE.NAME`, a data source `data.TYPE.NAME`, a module call `module.NAME`: any reference to
 * the call, an instance of it or an output), in its walk order; `bound`: names its scope binds
 */
export function nodesRead(expr: Expr, bound: (name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const t of traversals(expr, bound)) {
    const r = parseRef(t);
    if (!r || 'message' in r) continue;
    if (r.kind === 'single' && r.root === 'local') out.push(`local.${r.name}`);
    else if (r.kind === 'resource' && r.mode !== 'ephemeral') out.push(`${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`);
    else if (r.kind === 'module') out.push(`module.${r.name}`);
  }
  return out;
}

/** the first traversal hcl finds in an expression (its walk order: the first by position), if any */
export const firstTraversal = (expr: Expr): Traversal | undefined => traversals(expr, () => false)[0];

/** the three rounds' refusals of some expressions (`bound`: the names each one's scope binds) */
export interface Rounds { parsed: Diag[]; statics: Diag[]; lookups: Diag[] }

export function referenceRounds(exprs: ReadonlyArray<{ expr: Expr; bound: (name: string) => boolean }>, declared?: Declared): Rounds {
  const out: Rounds = { parsed: [], statics: [], lookups: [] };
  for (const { expr, bound } of exprs) {
    for (const t of traversals(expr, bound)) {
      const r = parseRef(t);
      if (r === undefined) continue;
      if ('message' in r) { out.parsed.push(r); continue; }
      if (!declared) continue;
      const s = staticProblem(r, declared);
      if (s) out.statics.push(s);
      const l = lookupProblem(r, declared, bound);
      if (l) out.lookups.push(l);
    }
  }
  return out;
}

/**
 * What Terraform refuses of the references of some expressions read together (one expression:
 * EvalExpr; a resource's body: EvalBlock) before it evaluates any of them (the three rounds above),
 * in its order: round 1's refusals, then round 2's, or round 3's when round 2 found none. Empty:
 * Terraform evaluates them. `bound`: a name the expression's scope binds (count, each, a dynamic
 * block's iterator); `declared`: the module's names (without it, rounds 2 and 3 are left out).
 */
export function referenceProblems(exprs: ReadonlyArray<{ expr: Expr; bound: (name: string) => boolean }>, declared?: Declared): Diag[] {
  const r = referenceRounds(exprs, declared);
  return [...r.parsed, ...(r.statics.length ? r.statics : r.lookups)];
}
