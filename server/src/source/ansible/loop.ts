/**
 * A task's loop as ansible-core 2.14 runs it (facts from executor/task_executor.py
 * TaskExecutor._get_loop_items and _run_loop, utils/listify.py, plugins/lookup/{items,list,dict,
 * indexed_items}.py; the refusals in Ansible's words): `loop:` is templated and must be a list;
 * `with_<lookup>:` templates its terms (a text, or a value that is not a collection, becomes a
 * one-term list) and runs the lookup (`items` flattens one level, `list` keeps the terms, `dict`
 * gives each entry as `{key, value}`, `indexed_items` pairs each flattened term with its index).
 * Each item binds `loop_control.loop_var` (default `item`), `index_var` and, with `extended`,
 * `ansible_loop`. What bdm-lab cannot know (a variable from elsewhere, a lookup it does not run)
 * is a note: the task is then judged once with the item unresolved, never with guessed items.
 */
import type { Span } from '../../text/span';
import type { Task, Vars } from './tasks';
import { KEY_ORDER, NON_STR_KEYS } from './tasks';
import { isSelfReference, render, SELF_REFERENCE_CONDITION, TemplateError, TemplateRaised, Unresolved } from './template';
import { isDict, PyText, PyTuple } from './pyvalue';
import { ansibleBool, pyStr } from './module';
import { pyStrip } from '../../text/pySpace';

/** loop items judged one by one (the same bound as Terraform's count, terraform/expand.ts COUNT_CAP); beyond it, one note */
export const LOOP_CAP = 8;

export interface LoopItem {
  index: number;
  /** the variables the item binds (the task's innermost scope) */
  vars: Vars;
  /** the item's text, when the loop lists its items in the file */
  span?: Span;
}

export type LoopExpansion =
  | { items: LoopItem[]; total: number; capped: string | null }
  | { error: { span: Span; message: string } }
  | { note: { span: Span; message: string; unjudged?: true } };

class NotKnown extends Error {}


/** a dict's keys in Python's order, as Python holds them */
function keysOf(d: Record<string, unknown>): Array<{ held: string; key: unknown }> {
  const odd = NON_STR_KEYS.get(d);
  return (KEY_ORDER.get(d) ?? Object.keys(d)).map((k) => ({ held: k, key: odd?.has(k) ? odd.get(k) : k }));
}

/** render, where anything but a value is not known here */
function rendered(v: unknown, scopes: Vars[]): unknown {
  try {
    return render(v, scopes, undefined, true);
  } catch (e) {
    if (e instanceof Unresolved) throw new NotKnown(e.why ?? `\`${e.expression}\` is a value this file alone does not give`);
    if (e instanceof TemplateError || e instanceof TemplateRaised) throw new NotKnown('Ansible fails on its template, in words bdm-lab does not write here');
    throw e;
  }
}

/**
 * the item's strings as Python holds them: a lookup's items are AnsibleUnsafeText (wrap_var, never
 * templated again), a `loop:` template's result plain str; a `loop:` list written in the file keeps
 * the loader's AnsibleUnicode (bdm-lab's default for a string)
 */
function classed(v: unknown, cls: 'AnsibleUnsafeText' | 'str', depth = 0): unknown {
  if (depth > 400) throw new NotKnown('an item nests deeper than bdm-lab reads');
  if (typeof v === 'string') return new PyText(v, cls);
  if (Array.isArray(v)) return v.map((x) => classed(x, cls, depth + 1));
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => classed(x, cls, depth + 1)));
  if (!isDict(v)) return v;
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) o[k] = classed(v[k], cls, depth + 1);
  const order = KEY_ORDER.get(v);
  if (order) KEY_ORDER.set(o, order);
  const odd = NON_STR_KEYS.get(v);
  if (odd) NON_STR_KEYS.set(o, odd);
  return o;
}

/** LookupBase._flatten: one level of lists */
function flatten(terms: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const t of terms) {
    if (Array.isArray(t)) out.push(...t);
    else out.push(t);
  }
  return out;
}

/** listify_lookup_plugin_terms: a text is stripped and templated; a text or a value that is not a collection becomes a one-term list */
function listify(v: unknown, scopes: Vars[]): unknown {
  const t = typeof v === 'string' ? rendered(pyStrip(v), scopes) : rendered(v, scopes);
  return typeof t === 'string' || !(Array.isArray(t) || isDict(t)) ? [t] : t;
}

/** what a `with_<lookup>` gives, or a refusal in the lookup's words */
function lookup(kind: string, terms: unknown): unknown[] | string {
  switch (kind) {
    case 'items':
      return Array.isArray(terms) ? flatten(terms) : keysOf(terms as Record<string, unknown>).map((k) => k.key);
    case 'list':
      return Array.isArray(terms) ? terms : 'with_list expects a list';
    case 'dict': {
      const out: unknown[] = [];
      for (const t of Array.isArray(terms) ? terms : [terms]) {
        if (!isDict(t)) return 'with_dict expects a dict';
        for (const { held, key } of keysOf(t)) out.push({ key, value: t[held] });
      }
      return out;
    }
    case 'indexed_items':
      if (!Array.isArray(terms)) return 'with_indexed_items expects a list';
      // (tuples, which Ansible's templating of a variable turns into lists)
      return flatten(terms).map((x, i) => [i, x]);
    case 'nested':
      return nested(terms);
    case 'sequence':
      return sequence(terms);
    default:
      throw new NotKnown(`\`with_${kind}\` runs a lookup bdm-lab does not run`);
  }
}

/** Python's iteration of a value (a list's items, a dict's keys, a str's characters); null for what bdm-lab does not iterate */
function iterate(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (isDict(v)) return keysOf(v).map((k) => k.key);
  if (typeof v === 'string') return Array.from(v);
  return null;
}

/** more items than a loop could ever be judged for: counted no further */
const HUGE = 1_000_000_000;

/**
 * lookup/nested.py: each term listified, their product (the first term outermost), each row
 * flattened one level when combined and once more at the end; only the first LOOP_CAP rows are made
 * (the product can be huge), the others only counted
 */
function nested(terms: unknown): unknown[] | string {
  const lists: unknown[][] = [];
  for (const t of iterate(terms) ?? []) {
    const l = typeof t === 'string' || !(Array.isArray(t) || isDict(t)) ? [t] : iterate(t)!;
    lists.push(l);
  }
  if (!lists.length) return 'with_nested requires at least one element in the nested list';
  let total = 1;
  for (const l of lists) total = Math.min(HUGE, total * l.length);
  const out: unknown[] = [];
  for (let k = 0; k < Math.min(total, LOOP_CAP); k++) {
    // the k-th row: mixed radix, the last list the fastest
    const picks: unknown[] = new Array(lists.length);
    let rest = k;
    for (let j = lists.length - 1; j >= 0; j--) {
      picks[j] = lists[j]![rest % lists[j]!.length];
      rest = Math.floor(rest / lists[j]!.length);
    }
    const row = lists.length === 1 ? iterate(picks[0]) : flatten(picks);
    if (!row) throw new NotKnown('`with_nested` iterates a value that is not a list');
    out.push(lists.length === 1 ? row : flatten(row));
  }
  counted.set(out, total);
  return out;
}

/** a list made only in part (nested, sequence): its full length */
const counted = new WeakMap<unknown[], number>();

const DECIMAL = /^-?(?:0|[1-9][0-9]{0,15})$/;
// a printf format of one `%d`, `%x`, `%X` or `%o` (optionally zero-padded), with text around it that holds no other `%`
const FORMAT = /^([^%]*)%(0?)([1-9][0-9]?)?([dxXo])([^%]*)$/;

/**
 * lookup/sequence.py for the forms bdm-lab reads: `start=… end=…|count=… stride=… format=…` words
 * and the shortcut `[start-]end[/stride][:format]`, decimal numbers only; anything else is a note
 */
function sequence(terms: unknown): unknown[] | string {
  const out: unknown[] = [];
  let total = 0;
  for (const term of iterate(terms) ?? []) {
    if (typeof term !== 'string') throw new NotKnown('`with_sequence` is given a term that is not a text');
    const p: { start: number; end: number | null; count: number | null; stride: number; format: string } = { start: 1, end: null, count: null, stride: 1, format: '%d' };
    const short = /^(?:([0-9]+)-)?([0-9]+)(?:\/([0-9]+))?(?::(.+))?$/.exec(term);
    if (short) {
      for (const x of [short[1], short[2], short[3]]) if (x !== undefined && !DECIMAL.test(x)) throw new NotKnown('`with_sequence` has a number bdm-lab does not read');
      if (short[1] !== undefined) p.start = Number(short[1]);
      p.end = Number(short[2]);
      if (short[3] !== undefined) p.stride = Number(short[3]);
      if (short[4] !== undefined) p.format = short[4];
    } else {
      const rest: string[] = [];
      const seen = new Set<string>();
      for (const w of term.split(' ')) {
        const m = /^([a-z]+)=([^=\s'"\\]+)$/.exec(w);
        if (!m || seen.has(m[1]!)) throw new NotKnown('`with_sequence` has words bdm-lab does not read');
        seen.add(m[1]!);
        const [, k, v] = m as unknown as [string, string, string];
        if (k === 'start' || k === 'end' || k === 'count' || k === 'stride') {
          if (!DECIMAL.test(v)) throw new NotKnown('`with_sequence` has a number bdm-lab does not read');
          p[k] = Number(v);
        } else if (k === 'format') p.format = v;
        else rest.push(k);
      }
      if (rest.length) return `unrecognized arguments to with_sequence: [${rest.map((k) => `'${k}'`).join(', ')}]`;
    }
    // sanity_check
    if (p.count === null && p.end === null) return 'must specify count or end in with_sequence';
    if (p.count !== null && p.end !== null) return "can't specify both count and end in with_sequence";
    if (p.count !== null) {
      if (p.count !== 0) p.end = p.start + p.count * p.stride - 1;
      else { p.start = 0; p.end = 0; p.stride = 0; }
    }
    const end = p.end!;
    if (p.stride > 0 && end < p.start) return 'to count backwards make stride negative';
    if (p.stride < 0 && end > p.start) return "to count forward don't make stride negative";
    if ((p.format.match(/%/g) ?? []).length !== 1) return `bad formatting string: ${p.format}`;
    if (p.stride === 0) continue;
    const f = FORMAT.exec(p.format);
    if (!f) throw new NotKnown('`with_sequence` has a format bdm-lab does not write');
    // range(start, end + adjust, stride)
    const stop = end + (p.stride > 0 ? 1 : -1);
    const n = Math.max(0, Math.ceil((stop - p.start) / p.stride));
    for (let i = 0; i < n && out.length < LOOP_CAP; i++) {
      const x = p.start + i * p.stride;
      let digits = Math.abs(x).toString(f[4] === 'o' ? 8 : f[4] === 'd' ? 10 : 16);
      if (f[4] === 'X') digits = digits.toUpperCase();
      const width = Number(f[3] ?? 0) - (x < 0 ? 1 : 0);
      digits = f[2] ? digits.padStart(width, '0') : digits;
      const num = `${x < 0 ? '-' : ''}${digits}`;
      out.push(`${f[1]}${f[2] ? num : num.padStart(Number(f[3] ?? 0), ' ')}${f[5]}`);
    }
    total = Math.min(HUGE, total + n);
  }
  counted.set(out, total);
  return out;
}

/** loop_control's loop_var, index_var and extended, post-validated (templated, then converted) */
function control(task: Task): { loopVar: string; indexVar: string | null; extended: boolean } {
  const c = task.loopSpec!.control;
  const out = { loopVar: 'item', indexVar: null as string | null, extended: false };
  if (c === null) return out;
  if (!isDict(c)) throw new NotKnown('its `loop_control` is not a mapping');
  const name = (k: string): string | null => {
    if (!(k in c) || c[k] === null) return null;
    const v = rendered(c[k], task.scopes);
    if (typeof v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw new NotKnown(`its \`loop_control.${k}\` is not a plain variable name`);
    return v;
  };
  out.loopVar = name('loop_var') ?? 'item';
  out.indexVar = name('index_var');
  if ('extended' in c && c.extended !== null) {
    const b = ansibleBool(rendered(c.extended, task.scopes));
    if (b === null) throw new NotKnown('its `loop_control.extended` is not a boolean');
    out.extended = b;
  }
  return out;
}

/** The items of a task's loop (the first LOOP_CAP of them), Ansible's refusal, or a note on what bdm-lab does not know. */
export function expandLoop(task: Task): LoopExpansion {
  const spec = task.loopSpec!;
  const note = (why: string): LoopExpansion => ({ note: { span: spec.key, message: `bdm-lab does not expand the loop (${why}): the task is judged once, and the loop variable is left unresolved.` } });
  // Task.preprocess_data: the play is refused when it loads, before any task runs
  if (spec.duplicate) return { error: { span: spec.key, message: `duplicate loop in task: ${spec.duplicate}` } };
  if (spec.kind !== 'loop' && spec.value === null) return { error: { span: spec.key, message: `you must specify a value when using with_${spec.kind}` } };
  let items: unknown[];
  // the full length of a loop made only in part
  let made: number | null = null;
  let ctl: ReturnType<typeof control>;
  try {
    if (spec.kind === 'loop') {
      let v: unknown;
      try {
        // (the items keep the loader's dates: datetime.date objects, as `vars:` dates are)
        v = render(spec.value, task.scopes, undefined, true);
      } catch (e) {
        // _get_loop_items templates `loop:` as the module's arguments are: Ansible's refusal, in the same words
        // (an undefined variable's error waits for `when:`: not followed here)
        if (e instanceof TemplateError && !e.undefinedVariable) return { error: { span: spec.valueSpan, message: e.message } };
        if (e instanceof TemplateError) throw new NotKnown('Ansible fails on its template with an undefined variable, unless `when:` skips the task');
        throw e;
      }
      if (!Array.isArray(v)) {
        return { error: { span: spec.valueSpan, message: `Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(v)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.` } };
      }
      items = typeof spec.value === 'string' ? (classed(v, 'str') as unknown[]) : v;
    } else {
      const got = lookup(spec.kind, listify(spec.value, task.scopes));
      if (typeof got === 'string') return { error: { span: spec.key, message: got } };
      items = classed(got, 'AnsibleUnsafeText') as unknown[];
      made = counted.get(got) ?? null;
    }
    ctl = control(task);
  } catch (e) {
    if (e instanceof NotKnown) return note(e.message);
    // a variable that refers to itself: Ansible fails on the loop (a recursive loop), in words that depend on its recursion depth
    if (e instanceof Unresolved && isSelfReference(e)) return { note: { span: spec.key, message: `bdm-lab does not expand the loop (${SELF_REFERENCE_CONDITION.replace(/^which /, '')}): the task is not judged.`, unjudged: true } };
    if (e instanceof Unresolved) return note(e.why ?? `\`${e.expression}\` is a value this file alone does not give`);
    if (e instanceof TemplateRaised) return note('Ansible fails on its template, in words bdm-lab does not write here');
    throw e;
  }
  // the items' texts, where the loop lists them one for one in the file
  const literal = Array.isArray(spec.value) && spec.items && spec.items.length === items.length && (spec.kind === 'loop' || spec.kind === 'list' || !spec.value.some(Array.isArray)) && spec.kind !== 'dict';
  const length = made ?? items.length;
  if (made !== null && made > items.length && ctl.extended) return note('`ansible_loop` of a loop made in part');
  const n = Math.min(items.length, LOOP_CAP);
  const out: LoopItem[] = [];
  for (let i = 0; i < n; i++) {
    const vars: Vars = { ansible_loop_var: ctl.loopVar, [ctl.loopVar]: items[i] };
    if (ctl.indexVar) {
      vars.ansible_index_var = ctl.indexVar;
      vars[ctl.indexVar] = i;
    }
    if (ctl.extended) {
      const l: Record<string, unknown> = { index: i + 1, index0: i, first: i === 0, last: i + 1 === items.length, length: items.length, revindex: items.length - i, revindex0: items.length - i - 1, allitems: items };
      if (i + 1 < items.length) l.nextitem = items[i + 1];
      if (i > 0) l.previtem = items[i - 1];
      vars.ansible_loop = l;
    }
    out.push({ index: i, vars, ...(literal ? { span: spec.items![i] } : {}) });
  }
  const capped = length > LOOP_CAP ? `The loop has ${length >= HUGE ? `more than ${HUGE}` : length} items: bdm-lab judges the first ${LOOP_CAP}.` : null;
  return { items: out, total: length, capped };
}
