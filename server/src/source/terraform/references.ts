/**
 * Terraform reads every reference of an expression before it evaluates any of it (lang.Scope
 * EvalExpr: langrefs.ReferencesInExpr, then addrs.ParseRef of each traversal hcl finds, in its walk
 * order), and stops at a reference it cannot read. A name that is none of Terraform's own roots is
 * a managed resource type, which must be followed by `.name`: a bare `disk_size` (a `var.` left
 * out), `d[0]` or an iterator's name used outside its `for` is refused wherever it stands, even in
 * a branch or a loop body that is never evaluated. Only that refusal is made here: a reference to
 * a resource, variable or local this file does not declare may be declared by another file of the
 * module, and stays unknown (eval.ts).
 */
import type { Span } from '../../text/span';
import type { Expr, Step } from './hcl';
import type { Diag } from './values';

/** addrs.ParseRef's roots (and the words it reserves), none of them a resource type */
const ROOTS = new Set(['count', 'each', 'data', 'resource', 'ephemeral', 'local', 'module', 'path', 'self', 'terraform', 'var', 'template', 'lazy', 'arg', 'action']);
/** a primitive type's name alone is a type constraint to ParseRef, not a reference */
const TYPE_WORDS = new Set(['string', 'number', 'bool', 'any']);

const NO_NAME = 'Invalid reference: A reference to a resource type must be followed by at least one attribute access, specifying the resource name.';

/** a step hcl keeps in the traversal (an attribute, an index by a literal key, `.0`); a splat or a computed index ends it */
const traversalStep = (s: Step): boolean => 'attr' in s || ('index' in s && (s.legacy === true || literalKey(s.index)));
const literalKey = (k: Expr): boolean => (k.kind === 'literal' && !(typeof k.value === 'number' && k.text?.startsWith('-')))
  || (k.kind === 'template' && !k.directives && k.parts.every((p) => 'lit' in p));

interface Frame { e: Expr; names: Names }
/** the names `for` expressions bind around a node (a list shared by the nodes under it) */
type Names = { name: string; up: Names } | null;
const has = (n: Names, name: string): boolean => { for (let x = n; x; x = x.up) if (x.name === name) return true; return false; };

/**
 * The first reference of `expr` Terraform cannot read, in hcl's walk order (source order), or
 * undefined. `bound`: a name the scope binds (count, each, a dynamic block's iterator). Each node
 * is visited once (an explicit stack: no recursion on nesting).
 */
export function invalidReference(expr: Expr, bound: (name: string) => boolean): Diag | undefined {
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
        const bad = !ROOTS.has(e.root) && !has(names, e.root) && !bound(e.root) ? resourceProblem(e) : undefined;
        if (bad) return bad;
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
  return undefined;
}

/** addrs parseResourceRef's refusals of a traversal whose root is a resource type */
function resourceProblem(e: Extract<Expr, { kind: 'traversal' }>): Diag | undefined {
  let k = 0;
  while (k < e.steps.length && traversalStep(e.steps[k])) k++;
  if (k === 0) {
    if (TYPE_WORDS.has(e.root)) return undefined;
    return { message: NO_NAME, span: { offset: e.span.offset, length: e.root.length } as Span };
  }
  const first = e.steps[0];
  return 'attr' in first ? undefined : { message: NO_NAME, span: first.span };
}
