/**
 * What bdm-lab knows of Terraform's sensitive marks without following them through values: whether
 * an expression's value is marked sensitive, read from the expression (internal/lang/marks; facts only).
 */
import { attrs, type Attribute, type Block, type Expr } from './hcl';

/** what the marks are read from: the module's variables and locals (eval.ts's Scope has them) */
export interface MarkScope { readonly variables: ReadonlyMap<string, Block>; readonly locals: ReadonlyMap<string, Attribute> }

/**
 * Whether a for_each value is sensitive (eval_for_each.go validateResource: HasMark, the value's own
 * mark): `top` when it surely is (sensitive(…), a variable declared sensitive, an index into one, a
 * local that is one), `nested` when a sensitive value is somewhere inside and bdm-lab does not follow
 * whether the mark reaches the value (it does not follow marks), else null. nonsensitive(…) clears it.
 */
export function sensitiveIn(e: Expr, scope: MarkScope, depth: number): 'top' | 'nested' | null {
  if (depth > 32) return null;
  const worst = (xs: Expr[]): 'nested' | null => (xs.some((x) => sensitiveIn(x, scope, depth + 1)) ? 'nested' : null);
  switch (e.kind) {
    case 'paren': return sensitiveIn(e.inner, scope, depth + 1);
    case 'call':
      if (e.name === 'sensitive' || e.name === 'core::sensitive') return 'top';
      if (e.name === 'nonsensitive' || e.name === 'core::nonsensitive') return null;
      return worst(e.args);
    case 'traversal': {
      const name = e.steps[0] && 'attr' in e.steps[0] ? e.steps[0].attr : undefined;
      const indexes = e.steps.flatMap((st) => ('index' in st ? [st.index] : []));
      if (e.root === 'var' && name !== undefined) {
        const v = scope.variables.get(name);
        const flag = v ? attrs(v.body).get('sensitive')?.expr : undefined;
        if (flag?.kind === 'literal' && flag.value === true) return 'top';
      }
      if (e.root === 'local' && name !== undefined) {
        const l = scope.locals.get(name);
        const r = l ? sensitiveIn(l.expr, scope, depth + 1) : null;
        if (r) return r;
      }
      return worst(indexes);
    }
    case 'template': return worst(e.parts.flatMap((p) => ('expr' in p ? [p.expr] : [])));
    case 'tuple': return worst(e.items);
    // hclsyntax expression.go: an object's keys, a `for`'s collection, keys and condition, and a
    // conditional's condition and both of its results give their marks to the value itself
    case 'object': return e.items.some((x) => sensitiveIn(x.key, scope, depth + 1) === 'top') ? 'top' : worst(e.items.flatMap((x) => [x.key, x.value]));
    case 'other': {
      const own = e.for ? [e.for.coll, ...(e.for.key ? [e.for.key] : []), ...(e.for.cond ? [e.for.cond] : [])] : e.op === '?:' && e.args ? e.args : [];
      if (own.some((x) => sensitiveIn(x, scope, depth + 1) === 'top')) return 'top';
      return worst([...(e.args ?? []), ...(e.base ? [e.base, ...(e.steps ?? []).flatMap((st) => ('index' in st ? [st.index] : []))] : []), ...(e.for ? [e.for.coll, e.for.value, ...(e.for.key ? [e.for.key] : []), ...(e.for.cond ? [e.for.cond] : [])] : [])]);
    }
    default: return null;
  }
}
