/**
 * Ansible's `{{ }}` rendering of module arguments (Templar.template, ansible-core 2.14 with its
 * default non-native Jinja), as far as a file alone tells. The variables are the static `vars:`
 * of the task, its blocks and its play (the innermost wins), and `omit`, Ansible's placeholder
 * (a random token per run: here OMIT; index.ts drops an option whose value is exactly it).
 *
 * What the templating does with types (template/__init__.py Templar.template, native_helpers.py
 * ansible_eval_concat): a value that is exactly `{{ name }}` of a variable holding a bool, a
 * number or null is that value; anything else is rendered to text (Python's str() of each
 * expression, None written as nothing), and a text that starts with `[` or `{`, or is True or
 * False, becomes the Python literal it reads as (pyliteral.ts), else stays a string. So a list
 * round-trips, but `{{ cfg.size }}` of an int is the string "15".
 *
 * Expressions read: a variable with `.key`/`[key]`/`[n]` steps, and the `default`/`d` filter
 * (`omit`, another variable or a plain literal, and its boolean flag). Anything else (another
 * filter, a lookup, `{% %}`, a variable from the inventory, facts or extra vars) is unresolved:
 * the caller names it in a note, never guesses. A variable the file does not define is undefined
 * to `default` (as it is to Ansible when nothing else defines it), and the caller says so.
 */
import { PyFloat, type Vars } from './tasks';
import { pyStr } from './module';
import { pyLiteral } from './pyliteral';
import { pyStrRepr } from '../../parse/pyrepr';

export class Unresolved extends Error {
  /**
   * @param expression the text bdm-lab does not render
   * @param why replaces the usual reason (a variable from elsewhere or a filter)
   * @param undefinedName the variable, absent from the file's vars, that made it undefined
   */
  constructor(readonly expression: string, readonly why?: string, readonly undefinedName?: string) {
    super(expression);
  }
}

/** bdm-lab's stand-in for Ansible's omit token (`__omit_place_holder__` and a random sha1 per run) */
export const OMIT = '__omit_place_holder__bdm-lab';

/** What rendering assumed: the expressions where `default` took over from a variable the file does not define. */
export interface RenderNotes { defaulted: Array<{ expression: string; name: string }> }

const MAX_RENDER_DEPTH = 8;
const SELF_REFERENCE = 'a variable that refers to itself';
/** the longest text a template may render to here (a hostile file repeating a big variable stops there) */
const MAX_RENDERED = 2_000_000;
/** the text all of a task's templates may render to together (many items each naming a big variable) */
const MAX_TASK_RENDERED = 10_000_000;
const SIMPLE = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])*)\s*$/;
const isDict = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyFloat);

/** the attribute names of the Python objects a variable holds: Jinja's `a.b` finds those before a key */
const words = (t: string) => new Set(t.split(' '));
const DICT_ATTRS = words('clear copy fromkeys get items keys pop popitem setdefault update values');
const LIST_ATTRS = words('append clear copy count extend index insert pop remove reverse sort');
const STR_ATTRS = words('capitalize casefold center count encode endswith expandtabs find format format_map index isalnum isalpha isascii isdecimal '
  + 'isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix '
  + 'removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill ansible_pos');
const NUM_ATTRS = words('as_integer_ratio bit_count bit_length conjugate denominator from_bytes fromhex hex imag is_integer numerator real to_bytes');

/** whether Python's getattr finds `name` on the value (a method, a property): Jinja would take it, not a key */
function pyAttr(v: unknown, name: string): boolean {
  if (name.startsWith('__')) return true;
  if (isDict(v)) return DICT_ATTRS.has(name);
  if (Array.isArray(v)) return LIST_ATTRS.has(name);
  // a string from the YAML loader (AnsibleUnicode) also has its position attributes
  if (typeof v === 'string') return STR_ATTRS.has(name) || name.startsWith('_');
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return NUM_ATTRS.has(name);
  return false;
}

/** the name in a text that is `{{ name }}` alone (Templar's SINGLE_VAR, whose `$` also matches before a last line break), else null */
function singleVar(s: string): string | null {
  const t = s.endsWith('\n') && !s.endsWith('}}') ? s.slice(0, -1) : s;
  if (t.length < 4 || !t.startsWith('{{') || !t.endsWith('}}')) return null;
  const name = t.slice(2, -2).trim();
  return /^\w*$/.test(name) ? name : null;
}

/** Jinja's Undefined, with what made it so (thrown when nothing takes its place) */
class Undef {
  constructor(readonly cause: Unresolved) {}
}

/** Python's truth of a value */
function pyTruthy(v: unknown): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/** one step of `a.b`, `a['b']` or `a[0]` as Jinja's getattr/getitem take it; an Undef when there is nothing there */
function step(v: unknown, p: string, expr: string): unknown {
  const miss = () => new Undef(new Unresolved(`{{${expr}}}`));
  const odd = () => new Unresolved(`{{${expr}}}`, `where \`${p}\` names a Python attribute of the value (Jinja takes it before a key)`);
  if (p.startsWith('[')) {
    const inner = p.slice(1, -1).trim();
    const quoted = inner.startsWith("'") || inner.startsWith('"');
    const key = quoted ? inner.slice(1, -1) : inner;
    if (isDict(v)) {
      // a YAML key read as a number is a str here, an int to Python
      if (!quoted) throw new Unresolved(`{{${expr}}}`);
      return Object.prototype.hasOwnProperty.call(v, key) ? v[key] : miss();
    }
    if (!quoted && (Array.isArray(v) || typeof v === 'string')) {
      const items = Array.isArray(v) ? v : Array.from(v);
      const n = Number(key);
      return n < items.length ? items[n] : miss();
    }
    // getitem failed: Jinja tries the attribute
    if (quoted && pyAttr(v, key)) throw odd();
    return miss();
  }
  if (pyAttr(v, p)) throw odd();
  return isDict(v) && Object.prototype.hasOwnProperty.call(v, p) ? v[p] : miss();
}

type Rendered = { value: unknown; defaulted: RenderNotes['defaulted'] } | { error: Unresolved };
/** per task (its scopes): the variables as rendered once (Ansible renders one on every use, always alike), the text written so far */
const taskRenders = new WeakMap<Vars[], { vars: Map<string, Rendered>; written: number }>();

function taskRender(scopes: Vars[]): { vars: Map<string, Rendered>; written: number } {
  let t = taskRenders.get(scopes);
  if (!t) taskRenders.set(scopes, (t = { vars: new Map(), written: 0 }));
  return t;
}

/** a variable's value as AnsibleJ2Vars gives it: rendered (Templar.template), once per task */
function variable(root: string, scope: Vars, scopes: Vars[], notes: RenderNotes, depth: number): unknown {
  const done = taskRender(scopes).vars;
  const hit = done.get(root);
  if (hit && 'error' in hit) throw hit.error;
  if (hit) {
    notes.defaulted.push(...hit.defaulted);
    return hit.value;
  }
  const own: RenderNotes = { defaulted: [] };
  try {
    const value = render(scope[root], scopes, own, depth + 1);
    done.set(root, { value, defaulted: own.defaulted });
    notes.defaulted.push(...own.defaulted);
    return value;
  } catch (e) {
    // bdm-lab's depth bound depends on where the variable is read from: not kept
    if (e instanceof Unresolved && e.expression !== SELF_REFERENCE) done.set(root, { error: e });
    throw e;
  }
}

/** a variable and its steps: its value (rendered as Ansible renders a variable it reads), or an Undef */
function lookup(expr: string, scopes: Vars[], notes: RenderNotes, depth: number): unknown {
  const m = SIMPLE.exec(expr);
  if (!m) throw new Unresolved(`{{${expr}}}`);
  const parts = m[1].match(/[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\]/g) ?? [];
  const root = parts[0] ?? '';
  let v: unknown;
  // `omit` is a magic variable: Ansible sets it over the play's own vars
  if (root === 'omit') v = OMIT;
  else {
    let scope: Vars | undefined;
    for (let i = scopes.length - 1; i >= 0; i--) if (Object.prototype.hasOwnProperty.call(scopes[i], root)) { scope = scopes[i]; break; }
    if (!scope) return new Undef(new Unresolved(`{{${expr}}}`, undefined, root));
    try {
      v = variable(root, scope, scopes, notes, depth);
    } catch (e) {
      // a variable whose own template names an undefined one is Undefined itself (AnsibleJ2Vars)
      if (e instanceof Unresolved && e.undefinedName) return new Undef(e);
      throw e;
    }
  }
  for (const p of parts.slice(1)) {
    if (v instanceof Undef) break;
    v = step(v, p, expr);
  }
  return v;
}

/** the expression's parts split at `|` outside quotes and parentheses */
function pipes(expr: string): string[] {
  const out: string[] = [];
  let quote = '';
  let level = 0;
  let from = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = ''; } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') level++;
    else if (c === ')') level--;
    else if (c === '|' && level === 0) { out.push(expr.slice(from, i)); from = i + 1; }
  }
  out.push(expr.slice(from));
  return out;
}

/** a filter's arguments split at commas outside quotes (no nesting: anything nested is not read) */
function filterArgs(text: string): string[] | null {
  const out: string[] = [];
  let quote = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = ''; } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === ')' || c === '[' || c === ']' || c === '{' || c === '}' || c === '\\') return null;
    else if (c === ',') { out.push(text.slice(from, i).trim()); from = i + 1; }
  }
  if (quote) return null;
  const last = text.slice(from).trim();
  if (last || out.length) out.push(last);
  return out;
}

/** a Jinja literal or variable given to `default` */
function argValue(a: string, scopes: Vars[], notes: RenderNotes, depth: number, whole: string): unknown {
  if ((a.startsWith("'") && a.endsWith("'") || a.startsWith('"') && a.endsWith('"')) && a.length >= 2) return a.slice(1, -1);
  if (/^[+-]?\d+$/.test(a)) return Number(a);
  if (a === 'true' || a === 'True') return true;
  if (a === 'false' || a === 'False') return false;
  if (a === 'none' || a === 'None') return null;
  const v = lookup(a, scopes, notes, depth);
  if (v instanceof Undef) throw new Unresolved(whole);
  return v;
}

/** `{{ expr }}`'s value (before Jinja's finalize) */
function expression(expr: string, scopes: Vars[], notes: RenderNotes, depth: number): unknown {
  const whole = `{{${expr}}}`;
  const [head, ...filters] = pipes(expr);
  let v = lookup(head, scopes, notes, depth);
  for (const f of filters) {
    const t = f.trim();
    const name = /^[A-Za-z_]\w*/.exec(t)?.[0] ?? '';
    const rest = t.slice(name.length).trim();
    if ((name !== 'default' && name !== 'd') || (rest && !(rest.startsWith('(') && rest.endsWith(')')))) throw new Unresolved(whole);
    const args = rest ? filterArgs(rest.slice(1, -1)) : [];
    if (!args || args.length > 2) throw new Unresolved(whole);
    const flag = args[1]?.replace(/^boolean\s*=/, '').trim();
    if (flag !== undefined && !['true', 'True', 'false', 'False'].includes(flag)) throw new Unresolved(whole);
    const boolean = flag === 'true' || flag === 'True';
    if (v instanceof Undef || (boolean && !pyTruthy(v))) {
      if (v instanceof Undef && v.cause.undefinedName) notes.defaulted.push({ expression: whole, name: v.cause.undefinedName });
      v = args.length && args[0] ? argValue(args[0], scopes, notes, depth, whole) : '';
    }
  }
  if (v instanceof Undef) throw v.cause;
  return v;
}

/** Python's str() of a value written into a template's text (to_text), or null past `budget` characters */
function toText(v: unknown, budget: number): string | null {
  if (typeof v === 'string' || v === null || typeof v !== 'object' || v instanceof PyFloat) {
    const t = typeof v === 'string' ? v : pyStr(v);
    return t.length > budget ? null : t;
  }
  // a list or a dict: its repr, written piece by piece (variables can share one value many times)
  const out: string[] = [];
  let size = 0;
  const add = (t: string): boolean => { size += t.length; out.push(t); return size <= budget; };
  const walk = (x: unknown): boolean => {
    if (Array.isArray(x)) return add('[') && x.every((y, i) => (i === 0 || add(', ')) && walk(y)) && add(']');
    if (isDict(x)) return add('{') && Object.entries(x).every(([k, y], i) => (i === 0 || add(', ')) && add(pyStrRepr(k)) && add(': ') && walk(y)) && add('}');
    return add(typeof x === 'string' ? pyStrRepr(x) : pyStr(x));
  };
  return walk(v) ? out.join('') : null;
}

function trailingNewlines(s: string): number {
  let n = 0;
  while (n < s.length && s[s.length - 1 - n] === '\n') n++;
  return n;
}

/** The rendered value; throws Unresolved for what a file alone cannot tell. */
export function render(v: unknown, scopes: Vars[], notes: RenderNotes = { defaulted: [] }, depth = 0): unknown {
  if (depth > MAX_RENDER_DEPTH) throw new Unresolved(SELF_REFERENCE);
  if (typeof v === 'string') return renderString(v, scopes, notes, depth);
  if (Array.isArray(v)) return v.map((x) => render(x, scopes, notes, depth));
  if (isDict(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = render(x, scopes, notes, depth);
    return o;
  }
  return v;
}

function renderString(s: string, scopes: Vars[], notes: RenderNotes, depth: number): unknown {
  if (!s.includes('{{') && !s.includes('{%') && !s.includes('{#')) return s;
  // one variable holding a bool, a number or null: its value as it is
  const one = singleVar(s);
  if (one !== null && one !== 'omit') {
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (!Object.prototype.hasOwnProperty.call(scopes[i], one)) continue;
      const raw = scopes[i][one];
      if (raw === null || typeof raw === 'boolean' || typeof raw === 'number' || raw instanceof PyFloat) return raw;
      break;
    }
  }
  if (s.includes('{%') || s.includes('{#')) throw new Unresolved(s);
  // Jinja reads \r\n and \r as \n and drops one last line break; Ansible puts the text's back
  let src = s.replace(/\r\n?/g, '\n');
  if (src.endsWith('\n')) src = src.slice(0, -1);
  const pieces: string[] = [];
  let length = 0;
  for (let i = 0; i < src.length;) {
    const open = src.indexOf('{{', i);
    if (open < 0) { pieces.push(src.slice(i)); break; }
    pieces.push(src.slice(i, open));
    const close = src.indexOf('}}', open + 2);
    const expr = close < 0 ? '' : src.slice(open + 2, close);
    if (close < 0 || expr.includes('{') || expr.includes('}')) throw new Unresolved(s);
    const value = expression(expr, scopes, notes, depth);
    // Ansible's finalize writes None as nothing
    const task = taskRender(scopes);
    const piece = value === null ? '' : toText(value, Math.min(MAX_RENDERED - length, MAX_TASK_RENDERED - task.written));
    if (piece === null) throw new Unresolved(s, 'which renders to more text than bdm-lab reads');
    length += piece.length;
    task.written += piece.length;
    pieces.push(piece);
    i = close + 2;
  }
  const text = pieces.join('');
  let out: unknown = text;
  if (text.startsWith('[') || text.startsWith('{') || text === 'True' || text === 'False') {
    const lit = pyLiteral(text);
    if (lit === 'unread') throw new Unresolved(s, `which renders to \`${text.length > 80 ? `${text.slice(0, 80)}…` : text}\`, a Python literal to Ansible, of a form bdm-lab does not read`);
    if (lit !== 'fail') out = lit.value;
  }
  if (typeof out === 'string') {
    const missing = trailingNewlines(s) - trailingNewlines(out);
    if (missing > 0) out += '\n'.repeat(missing);
  }
  return out;
}
