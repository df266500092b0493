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
import { condition, isSelfReference, OMIT, render, SELF_REFERENCE_CONDITION, TemplateError, TemplateRaised, Unresolved } from './template';
import { isDict } from './pyvalue';
import { classed, counted, HUGE, LOOP_CAP, lookup } from './lookups';
import { ansibleBool, pyStr } from './module';
import { pyStrip } from '../../text/pySpace';

export { LOOP_CAP } from './lookups';

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


/** render, where anything but a value is not known here */
function rendered(v: unknown, scopes: Vars[]): unknown {
  try {
    return render(v, scopes, undefined, true);
  } catch (e) {
    // (a variable that refers to itself: Ansible fails on the loop, in words that depend on its recursion depth: not judged)
    if (e instanceof Unresolved && isSelfReference(e)) throw e;
    if (e instanceof Unresolved) throw new NotKnown(e.why ?? `\`${e.expression}\` is a value this file alone does not give`);
    if (e instanceof TemplateError || e instanceof TemplateRaised) throw new NotKnown('Ansible fails on its template, in words bdm-lab does not write here');
    throw e;
  }
}

/** listify_lookup_plugin_terms: a text is stripped and templated; a text or a value that is not a collection becomes a one-term list */
function listify(v: unknown, scopes: Vars[]): unknown {
  const t = typeof v === 'string' ? rendered(pyStrip(v), scopes) : rendered(v, scopes);
  return typeof t === 'string' || !(Array.isArray(t) || isDict(t)) ? [t] : t;
}

/** a loop_control field Ansible fails the task on (post_validate's words) */
class ControlRefused extends Error {}

const UNDEFINED_IN_ARGS = 'The task includes an option with an undefined variable. The error was: ';

/**
 * LoopControl.post_validate (in _run_loop, only when the loop has items): in its fields' order
 * loop_var, index_var, pause, extended, extended_allitems (label is templated per item, after the
 * module runs), each templated over the task's variables; Ansible's omit gives the field its
 * default; extended and extended_allitems are then strict booleans, pause a float. A template that
 * fails is the task's failure in post_validate's words; a value bdm-lab does not convert is a note.
 */
function control(task: Task): { loopVar: string; indexVar: string | null; extended: boolean } {
  const c = task.loopSpec!.control;
  const out = { loopVar: 'item', indexVar: null as string | null, extended: false };
  if (c === null) return out;
  if (!isDict(c)) throw new NotKnown('its `loop_control` is not a mapping');
  const field = (k: string): unknown => {
    if (!(k in c) || c[k] === null) return null;
    let v: unknown;
    try {
      v = render(c[k], task.scopes, undefined, true);
    } catch (e) {
      if (e instanceof TemplateError && e.undefinedVariable && e.message.startsWith(UNDEFINED_IN_ARGS)) {
        throw new ControlRefused(`The field '${k}' has an invalid value, which includes an undefined variable. The error was: ${e.message.slice(UNDEFINED_IN_ARGS.length)}`);
      }
      if (e instanceof TemplateError && !e.undefinedVariable) throw new ControlRefused(e.message);
      if (e instanceof Unresolved) throw new NotKnown(e.why ?? `\`${e.expression}\` is a value this file alone does not give`);
      if (e instanceof TemplateError || e instanceof TemplateRaised) throw new NotKnown('Ansible fails on its template, in words bdm-lab does not write here');
      throw e;
    }
    // (omit: the field's default)
    return v === OMIT ? null : v;
  };
  const name = (k: string): string | null => {
    const v = field(k);
    if (v === null) return null;
    if (typeof v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw new NotKnown(`its \`loop_control.${k}\` is not a plain variable name`);
    return v;
  };
  out.loopVar = name('loop_var') ?? 'item';
  out.indexVar = name('index_var');
  const pause = field('pause');
  if (pause !== null && !(typeof pause === 'number' || typeof pause === 'boolean')) throw new NotKnown('its `loop_control.pause` is not a number');
  // (an invalid boolean is refused in words that list Python's set of booleans in an order that changes run to run)
  const flag = (k: string): boolean | null => {
    const v = field(k);
    if (v === null) return null;
    const b = ansibleBool(v);
    if (b === null) throw new NotKnown(`its \`loop_control.${k}\` is not a boolean`);
    return b;
  };
  out.extended = flag('extended') ?? false;
  flag('extended_allitems');
  return out;
}

/**
 * Whether TaskExecutor._execute, testing the task's `when:` without the loop's variables, goes on to
 * raise the loop's error: every condition holds, or one fails (the loop's error comes first). False
 * where one is false (the task is skipped) or bdm-lab does not decide it.
 */
function conditionsHold(task: Task): boolean {
  for (const w of task.when ?? []) {
    try {
      if (!condition(w.value, task.scopes)) return false;
    } catch (e) {
      if (e instanceof TemplateError) return true;
      if (e instanceof Unresolved) return false;
      throw e;
    }
  }
  return true;
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
        // (TaskExecutor keeps an undefined variable's error until `when:` is tested: where every
        // condition holds, or one fails, the task fails with it, in the words of the loop's template)
        if (e instanceof TemplateError && e.message.startsWith(UNDEFINED_IN_ARGS) && conditionsHold(task)) return { error: { span: spec.valueSpan, message: e.message.slice(UNDEFINED_IN_ARGS.length) } };
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
    // (an empty loop runs no item: its loop_control is not looked at)
    ctl = items.length ? control(task) : { loopVar: 'item', indexVar: null, extended: false };
  } catch (e) {
    if (e instanceof ControlRefused) return { error: { span: spec.controlSpan ?? spec.key, message: e.message } };
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
