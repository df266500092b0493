/**
 * Ansible's `{{ }}` rendering of module arguments (Templar), as far as a file alone tells: a
 * value that is one `{{ name }}` (or `{{ name.key }}`) becomes that variable's value with its
 * type (ansible-core 2.14 keeps native types for a single expression), text around simple
 * expressions becomes a string; the variables are the static `vars:` of the task, its blocks and
 * its play (the innermost wins). Anything else (a filter, a lookup, a variable from the
 * inventory, facts or extra vars) is unresolved: the caller names it in a note, never guesses.
 */
import { PyFloat, type Vars } from './tasks';

export class Unresolved extends Error {
  constructor(readonly expression: string) {
    super(expression);
  }
}

const MAX_RENDER_DEPTH = 8;
const SIMPLE = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])*)\s*$/;

function lookup(expr: string, scopes: Vars[], depth: number): unknown {
  const m = SIMPLE.exec(expr);
  if (!m) throw new Unresolved(`{{${expr}}}`);
  const parts = m[1].match(/[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\]/g) ?? [];
  const root = parts[0] ?? '';
  let scope: Vars | undefined;
  for (let i = scopes.length - 1; i >= 0; i--) if (Object.prototype.hasOwnProperty.call(scopes[i], root)) { scope = scopes[i]; break; }
  if (!scope) throw new Unresolved(`{{${expr}}}`);
  let v: unknown = render(scope[root], scopes, depth + 1);
  for (const p of parts.slice(1)) {
    const key = p.startsWith('[') ? p.slice(1, -1).trim().replace(/^['"]|['"]$/g, '') : p;
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, Array.isArray(v) ? Number(key) : key)) throw new Unresolved(`{{${expr}}}`);
    v = render((v as Record<string, unknown>)[Array.isArray(v) ? Number(key) : key], scopes, depth + 1);
  }
  return v;
}

/** Python's str() of a rendered scalar inside a string */
function pyText(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  if (v instanceof PyFloat) return v.toString();
  if (typeof v === 'object') throw new Unresolved(JSON.stringify(v));
  return String(v);
}

/** The rendered value; throws Unresolved for what a file alone cannot tell. */
export function render(v: unknown, scopes: Vars[], depth = 0): unknown {
  if (depth > MAX_RENDER_DEPTH) throw new Unresolved('a variable that refers to itself');
  if (typeof v === 'string') return renderString(v, scopes, depth);
  if (Array.isArray(v)) return v.map((x) => render(x, scopes, depth));
  if (v && typeof v === 'object' && !(v instanceof PyFloat)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = render(x, scopes, depth);
    return o;
  }
  return v;
}

function renderString(s: string, scopes: Vars[], depth: number): unknown {
  if (!s.includes('{{') && !s.includes('{%') && !s.includes('{#')) return s;
  if (s.includes('{%') || s.includes('{#')) throw new Unresolved(s);
  const whole = /^\{\{([^{}]*)\}\}$/.exec(s);
  if (whole) return lookup(whole[1], scopes, depth);
  return s.replace(/\{\{([^{}]*)\}\}/g, (_m, expr: string) => pyText(lookup(expr, scopes, depth)));
}
