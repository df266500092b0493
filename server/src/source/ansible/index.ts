/**
 * Ansible `openstack.cloud.server` tasks (and the old `os_server`) in a playbook, a task list or a
 * role's tasks file: each task with `state: present` is one request, translated as ansible-core
 * 2.14, the collection 1.10.0 and openstacksdk 0.101.0 do (tasks.ts, template.ts, module.ts,
 * translate.ts) and seen through SourceDoc, each body path placed on the task key that writes
 * it (an option a `{{ var }}` gives as the arguments: on that text; an omitted option writes
 * nothing). The module's refusals (AnsibleModule's argument checks, its own run checks, the
 * SDK's) are the source's findings; a value the file alone does not tell is named in a note. A task
 * whose `when:` (its own, its blocks') is false sends nothing; one bdm-lab cannot decide is a note.
 */
import type { Span } from '../../text/span';
import { cutText } from '../../model/diagnostic';
import type { BodyPath, Part, SourceDoc, SourceFinding, SourceFix } from '../doc';
import { BuiltBodyDoc } from '../builtBody';
import { findTasks, KEY_ORDER, NON_STR_KEYS, PyFloat, type Arg, type DefaultsEntry, type LoadEntry, type Task } from './tasks';
import { condition, isSelfReference, LOOP_SCOPES, OMIT, render, SELF_REFERENCE_CONDITION, TemplateError, TemplateRaised, unknownNames, Unresolved, type RenderNotes } from './template';
import { pyRepr, UNKNOWN_KEYS, VALUE_ERRORS } from './pyvalue';
import { ansibleBool, BOOLEANS_SHOWN, pyStr, SPEC, validate } from './module';
import { SERVER_DEFAULTS_KEY } from './moduleDefaults';
import { createServer, DEFAULT_CLOUD_MAX_MICROVERSION, type Origin, type ServerRequest } from './translate';
import { expandLoop, type LoopItem } from './loop';

export { mentionsServerTask, findTasks } from './tasks';
export { createServer, negotiate, SDK_MAX_MICROVERSION, DEFAULT_CLOUD_MAX_MICROVERSION } from './translate';

const TYPED = new Map(SPEC.map(([n, o]) => [n, o.type]));
/** the options AnsibleModule checks against a list of choices (their text is no name to look up) */
const CHOSEN = new Set(SPEC.filter(([, o]) => o.choices).map(([n]) => n));
const ALIASES = new Map(SPEC.flatMap(([n, o]) => (o.aliases ?? []).map((a) => [a, n] as [string, string])));

export interface AnsibleRequest {
  task: Task;
  /** the arguments after rendering, by the name written */
  rendered: Array<{ name: string; value: unknown }>;
  request: ServerRequest | null;
  findings: SourceFinding[];
  /** canonical option name -> the argument as written */
  byOption: Map<string, Arg>;
  /** the loop item this request is (its index from 0, its text when the loop lists it in the file, how many items the loop has) */
  item?: { index: number; span?: Span; of: number; own?: boolean };
  /** another task of the file that Ansible refuses while it loads the playbook (so this one never runs): where */
  loadFailure?: Span;
  /** what stands at loadFailure, when it is not a task (a YAML key the loader refuses) */
  loadFailureWhat?: string;
}

/**
 * A task Ansible refuses while it loads it (Task.preprocess_data): ModuleArgsParser's refusals of
 * its action statements and arguments first, then its loop keys (a second one, a `with_` key without
 * a value), then its fields (vars, tags, loop_control, a string field). Null: none bdm-lab knows of.
 */
function loadRefusal(task: Task): { span: Span; message: string } | null {
  if (task.limit) return null;
  if (task.parseRefusal) return task.parseRefusal;
  if (task.problem) return { span: task.head, message: task.problem };
  if (task.rawParams.length) return { span: task.rawParams[0]!.span, message: extraParams(task) };
  if (task.loopSpec?.duplicate) return { span: task.loopSpec.key, message: `duplicate loop in task: ${task.loopSpec.duplicate}` };
  if (task.loopSpec && task.loopSpec.kind !== 'loop' && task.loopSpec.value === null) return { span: task.loopSpec.key, message: `you must specify a value when using with_${task.loopSpec.kind}` };
  return task.fieldRefusal ?? null;
}

const FIRST_REFUSAL = new WeakMap<LoadEntry[], { task?: Task; span: Span; message: string; where?: string } | null>();

/**
 * The first task of the file that ansible-core refuses while it loads the playbook
 * (Playbook.load loads every play, block and task before it runs one): it fails the whole run, so
 * no task of the file sends anything. (A task list included with include_tasks fails its
 * include the same way: none of its tasks runs either.)
 */
function firstRefusal(order: LoadEntry[]): { task?: Task; span: Span; message: string; where?: string } | null {
  let r = FIRST_REFUSAL.get(order);
  if (r !== undefined) return r;
  r = null;
  for (const e of order) {
    const x = 'task' in e ? loadRefusal(e.task) : e;
    if (x) { r = { ...('task' in e ? { task: e.task } : { where: e.where }), span: x.span, message: x.message }; break; }
  }
  FIRST_REFUSAL.set(order, r);
  return r;
}

/** the request of a task another task's load refusal stops: that refusal's words, on this task, with the place of the task refused */
function stoppedAtLoad(task: Task): AnsibleRequest | null {
  const r = task.loadOrder ? firstRefusal(task.loadOrder) : null;
  if (!r || r.task === task) return null;
  return { task, rendered: [], request: null, findings: [finding('BDM-ANSIBLE-ARGS', task.head, r.message)], byOption: new Map(), loadFailure: r.span, ...(r.where ? { loadFailureWhat: r.where } : {}) };
}

const finding = (code: string, span: Span, detail: string): SourceFinding => ({ code, span, path: '', args: { detail } });

/** The request one task becomes (a looped task: its first item's, see readTasks): its findings, and the body when the module sends one (null when state is absent or every item is skipped). */
export function readTask(task: Task, cloudMax = DEFAULT_CLOUD_MAX_MICROVERSION): AnsibleRequest | null {
  return readTasks(task, cloudMax)[0] ?? null;
}

/**
 * The requests one task becomes: one, or one per item of its loop (TaskExecutor._run_loop: the
 * item, index and `ansible_loop` bound, `when:` tested per item, a false one skipping that item).
 * Items that send the same body, or are refused the same way, are judged once, with a note.
 */
export function readTasks(task: Task, cloudMax = DEFAULT_CLOUD_MAX_MICROVERSION): AnsibleRequest[] {
  const stopped = stoppedAtLoad(task);
  if (stopped) return [stopped];
  // refused at load for its action statements or its fields (the other refusals are read below)
  const own = loadRefusal(task);
  if (own && (own === task.parseRefusal || own === task.fieldRefusal)) return [{ task, rendered: [], request: null, findings: [finding('BDM-ANSIBLE-ARGS', own.span, own.message)], byOption: new Map() }];
  // its own arguments refused at load: before its loop is looked at
  if (task.problem || task.rawParams.length) return listOf(readOne(task, cloudMax, []));
  // `loop:` with no value: no loop (Task.loop is None)
  if (!task.loopSpec || (task.loopSpec.kind === 'loop' && task.loopSpec.value === null && !task.loopSpec.duplicate)) return listOf(readOne(task, cloudMax, []));
  const x = expandLoop(task);
  if ('error' in x) {
    const r: AnsibleRequest = { task, rendered: [], request: null, findings: [finding('BDM-ANSIBLE-ARGS', x.error.span, x.error.message)], byOption: new Map() };
    return [r];
  }
  if ('note' in x) {
    if (x.note.unjudged) return [{ task, rendered: [], request: null, findings: [finding('BDM-ANSIBLE-LOOP', x.note.span, x.note.message)], byOption: new Map() }];
    // the item's variables are bound, to values bdm-lab does not know (not names the file leaves undefined)
    const bound = unknownNames(loopNames(task.loopSpec.control), (n) => `where \`${n}\` is bound by the loop, which bdm-lab does not expand`);
    return listOf(readOne({ ...task, scopes: [...task.scopes, bound] }, cloudMax, [finding('BDM-ANSIBLE-LOOP', x.note.span, x.note.message)]));
  }
  const seen = new Map<string, { r: AnsibleRequest; same: number[] }>();
  for (const r of itemRequests(task, x.items, x.total, cloudMax)) {
    if (!r) continue;
    const sig = JSON.stringify([r.request?.body ?? null, r.request?.microversion ?? null, r.findings.map((f) => [f.code, f.span.offset, f.args?.detail])]);
    const first = seen.get(sig);
    if (first) { first.same.push(r.item!.index); continue; }
    seen.set(sig, { r, same: [] });
  }
  const out: AnsibleRequest[] = [];
  for (const { r, same } of seen.values()) {
    if (x.capped) r.findings.push(finding('BDM-ANSIBLE-LOOP', task.loopSpec.key, x.capped));
    if (same.length) r.findings.push(finding('BDM-ANSIBLE-LOOP', task.loopSpec.key, `${same.length > 1 ? 'Items' : 'Item'} ${same.join(', ')} of the loop ${r.request?.body && !r.request.refusal ? (same.length > 1 ? 'send the same body as' : 'sends the same body as') : (same.length > 1 ? 'end the same way as' : 'ends the same way as')} item ${r.item!.index}: judged once.`));
    // the first request is the task's; the others are placed on their item's text too
    if (out.length) r.item!.own = true;
    out.push(r);
  }
  return out;
}

/** the names a loop binds for each item: its loop_var (`item` unless written out), index_var, and the ansible_loop family */
function loopNames(control: unknown): string[] {
  const names = ['ansible_loop', 'ansible_loop_var', 'ansible_index_var'];
  const c = control && typeof control === 'object' && !Array.isArray(control) ? control as Record<string, unknown> : {};
  names.push(typeof c.loop_var === 'string' && !c.loop_var.includes('{') ? c.loop_var : 'item');
  if (typeof c.index_var === 'string') names.push(c.index_var);
  return names;
}

/** each loop item's request (null: its `when:` is false, or the module sends nothing) */
function itemRequests(task: Task, items: LoopItem[], total: number, cloudMax: string): Array<AnsibleRequest | null> {
  return items.map((it) => {
    LOOP_SCOPES.add(it.vars);
    const r = readOne({ ...task, scopes: [...task.scopes, it.vars] }, cloudMax, []);
    if (r) r.item = { index: it.index, span: it.span, of: total };
    return r;
  });
}

/**
 * A looped task item by item, as the differential tests compare it: every item's request (null:
 * skipped or nothing sent; not judged once per body), or the task's one request when the loop is
 * refused or not expanded (a note), or null when the task has no loop.
 */
export function readLoopItems(task: Task, cloudMax = DEFAULT_CLOUD_MAX_MICROVERSION): { items: Array<AnsibleRequest | null> } | { once: AnsibleRequest | null; refused: boolean } | null {
  const stopped = stoppedAtLoad(task);
  if (stopped) return { once: stopped, refused: true };
  if (task.loopSpec && (task.parseRefusal || task.problem || task.rawParams.length || (task.fieldRefusal && loadRefusal(task) === task.fieldRefusal))) return { once: readTasks(task, cloudMax)[0] ?? null, refused: true };
  if (!task.loopSpec || (task.loopSpec.kind === 'loop' && task.loopSpec.value === null && !task.loopSpec.duplicate)) return null;
  const x = expandLoop(task);
  if ('items' in x) return { items: itemRequests(task, x.items, x.total, cloudMax) };
  return { once: readTasks(task, cloudMax)[0] ?? null, refused: 'error' in x };
}

const listOf = <T>(x: T | null): T[] => (x ? [x] : []);

/** The request one task (or one loop item, its variables the last scope) becomes. */
function readOne(task: Task, cloudMax: string, notes: SourceFinding[]): AnsibleRequest | null {
  const findings: SourceFinding[] = [...notes];
  const byOption = new Map<string, Arg>();
  const r: AnsibleRequest = { task, rendered: [], request: null, findings, byOption };
  if (task.limit) { findings.push(finding('BDM-LIMIT-TEMPLATE', task.head, task.limit)); return r; }
  if (task.problem) { findings.push(finding('BDM-ANSIBLE-ARGS', task.head, task.problem)); return r; }
  if (task.rawParams.length) {
    findings.push(finding('BDM-ANSIBLE-ARGS', task.rawParams[0].span, extraParams(task)));
    return r;
  }
  for (const n of task.defaultsNotes ?? []) findings.push(finding('BDM-ANSIBLE-UNRESOLVED', n.span, `${n.message}.`));
  // TaskExecutor._execute: the task's conditions before its arguments are rendered; a false one skips it
  // (a condition bdm-lab does not decide before a false one: Ansible fails on the first, or skips
  // the task, as the undecided one goes; nothing is sent either way, which is said)
  let open: string | null = null;
  for (const w of task.when ?? []) {
    try {
      if (!condition(w.value, task.scopes)) {
        if (open === null) return null;
        findings.push(finding('BDM-ANSIBLE-UNRESOLVED', w.span, `the condition \`${cutText(String(w.value), MAX_QUOTED_TEMPLATE)}\` after \`${open}\` is false: Ansible skips the task (or fails it first, if \`${open}\` fails); nothing is sent either way.`));
        return r;
      }
    } catch (e) {
      if (e instanceof TemplateError) { findings.push(finding('BDM-ANSIBLE-ARGS', w.span, e.message)); return r; }
      if (!(e instanceof Unresolved)) throw e;
      if (e.why === SELF_REFERENCE_CONDITION) {
        findings.push(finding('BDM-ANSIBLE-UNRESOLVED', w.span, `the condition \`${e.expression}\` is not decided (${e.why}): the task is not judged.`));
        return r;
      }
      findings.push(finding('BDM-ANSIBLE-UNRESOLVED', w.span, `the condition \`${e.expression}\` is not decided (${e.why ?? UNKNOWN}): the task is judged as if it runs.`));
      open ??= e.expression;
      // (as if it holds: the conditions after it are tested as Ansible then tests them)
    }
  }
  // Task.post_validate in its fields' order: module_defaults (every entry), no_log, then the arguments
  const defaults = renderedDefaults(task, findings);
  if (!defaults || !noLogValid(task, findings)) return r;
  // TaskExecutor merges the defaults under the rendered arguments
  const args = argsOf(task, findings, () => mergedDefaults(defaults, findings));
  if (!args) return r;
  for (const { arg } of args) byOption.set(ALIASES.get(arg.name) ?? arg.name, arg);
  r.rendered = args.map(({ arg, value }) => ({ name: arg.name, value }));
  try {
    return judged(r, task, args, cloudMax);
  } catch (e) {
    // the module writes a value out (str()) that bdm-lab cannot write exactly
    if (!(e instanceof Unresolved)) throw e;
    findings.push(finding('BDM-ANSIBLE-UNRESOLVED', task.head, `the module writes out a value${e.why ? `, ${e.why}` : ''}: the task is not judged.`));
    return r;
  }
}

/** AnsibleModule's checks, then the module's run and openstacksdk's create_server */
function judged(r: AnsibleRequest, task: Task, args: Array<{ arg: Arg; value: unknown }>, cloudMax: string): AnsibleRequest | null {
  const { findings, byOption } = r;
  const v = validate(r.rendered);
  if ('message' in v) {
    const arg = v.arg ? args.find((a) => a.arg.name === v.arg)?.arg : undefined;
    findings.push(finding('BDM-ANSIBLE-MODULE', arg ? (v.part === 'value' ? arg.valueSpan : arg.key) : task.head, v.message));
    return r;
  }
  const req = createServer(v.params, cloudMax);
  if (req.absent) return null;
  r.request = req;
  if (req.refusal) {
    const arg = req.refusal.arg ? byOption.get(req.refusal.arg) : undefined;
    const s = arg ? (req.refusal.item !== undefined ? arg.items?.[req.refusal.item] ?? arg.valueSpan : arg.valueSpan) : task.head;
    findings.push(finding(req.refusal.stage === 'sdk' ? 'BDM-ANSIBLE-SDK' : 'BDM-ANSIBLE-RUN', s, req.refusal.message));
  }
  return r;
}

const isDict = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyFloat);
const UNKNOWN = 'a value this file alone does not give (a variable from the inventory, facts, extra vars or a filter)';

/** a value as written, for a note (a list or a mapping as JSON) */
const written = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** an Unresolved's words: what the value is and why bdm-lab does not know it */
function unknownWords(subject: string, text: string, e: Unresolved): string {
  return `${subject} \`${text}\`${e.expression === text ? '' : ` (${e.expression})`}, ${e.why ?? UNKNOWN}`;
}

/**
 * At most this many characters of the template a note on a defaulted variable quotes: a template
 * with n undefined variables makes n notes, each quoting it whole made n² characters of messages.
 */
const MAX_QUOTED_TEMPLATE = 500;

/** the notes on a `default` that took over from a variable the file does not define */
function defaultedNotes(where: Span, subject: string, notes: RenderNotes, dropped: boolean, findings: SourceFinding[]): void {
  for (const d of notes.defaulted) {
    findings.push(finding('BDM-ANSIBLE-UNRESOLVED', where, `${subject} \`${cutText(d.expression, MAX_QUOTED_TEMPLATE)}\`: \`${d.name}\` is not among this file's vars, so bdm-lab takes the default${dropped ? ' (Ansible\'s omit: the option is left out)' : ''}, as Ansible does when the inventory, facts and extra vars do not define it either.`));
  }
}

/** remove_omit (executor/task_executor.py): a dict's entries whose value is the omit token go, in dicts nested in dicts and lists too */
function dropOmitted(v: unknown): unknown {
  if (!isDict(v)) return v;
  const out: Record<string, unknown> = {};
  const order = KEY_ORDER.get(v);
  for (const k of order ?? Object.keys(v)) {
    const x = v[k];
    if (x === OMIT) continue;
    out[k] = Array.isArray(x) ? x.map(dropOmitted) : dropOmitted(x);
  }
  // (Python's order of the keys kept, where JavaScript's differs)
  if (order) KEY_ORDER.set(out, order.filter((k) => Object.prototype.hasOwnProperty.call(out, k)));
  return out;
}

function holdsOmit(v: unknown): boolean {
  if (typeof v === 'string') return v.includes(OMIT);
  if (Array.isArray(v)) return v.some(holdsOmit);
  return isDict(v) && Object.values(v).some(holdsOmit);
}

/**
 * The task's module arguments as the module gets them, or null when bdm-lab cannot tell them (its
 * notes say why). Task.post_validate renders them (Templar); a `{{ var }}` given as the arguments
 * (`_variable_params`) must render to a dict, which the arguments written out update; then the
 * options whose value is the omit token are removed (TaskExecutor._execute, remove_omit).
 */
function argsOf(task: Task, findings: SourceFinding[], defaults: () => DefaultArgs | null = () => []): Array<{ arg: Arg; value: unknown }> | null {
  let blocked = false;
  const given = new Map<string, { arg: Arg; value: unknown; notes: RenderNotes }>();
  const vp = task.variableParams;
  if (vp) {
    const notes: RenderNotes = { defaulted: [] };
    try {
      const d = render(vp.text, task.scopes, notes);
      const text = pyStr(d);
      if (holdsOmit(d) && !isDict(d)) throw new Unresolved(vp.text, 'which renders to Ansible\'s omit placeholder, a token that changes with every run');
      if (!isDict(d)) {
        findings.push(finding('BDM-ANSIBLE-ARGS', vp.span, `invalid or malformed argument: '${text}'`));
        return null;
      }
      defaultedNotes(vp.span, "the module's arguments use", notes, false, findings);
      for (const [name, value] of Object.entries(d)) given.set(name, { arg: { name, value, key: vp.span, valueSpan: vp.span, whole: vp.span, fromVariable: true }, value, notes: { defaulted: [] } });
    } catch (e) {
      if (e instanceof TemplateError) return templateFailed(vp.span, e, findings);
      if (e instanceof TemplateRaised) return raised(task, vp.span, e, findings);
      if (!(e instanceof Unresolved)) throw e;
      findings.push(finding('BDM-ANSIBLE-UNRESOLVED', vp.span, `${unknownWords("the module's arguments are", vp.text, e)}: the task is not judged.`));
      blocked = true;
    }
  }
  // an option rendered before, whose value bdm-lab does not compute (it may fail the task first)
  let uncomputed: Arg | null = null;
  for (const a of task.args) {
    const notes: RenderNotes = { defaulted: [] };
    try {
      given.set(a.name, { arg: a, value: render(a.value, task.scopes, notes), notes });
    } catch (e) {
      if ((e instanceof TemplateError || e instanceof TemplateRaised) && uncomputed) {
        findings.push(finding('BDM-ANSIBLE-UNRESOLVED', a.valueSpan, `\`${a.name}\` fails the task when Ansible renders it (${e instanceof TemplateRaised ? `${e.cls}: ${e.message}` : e.message}), unless \`${uncomputed.name}\`, rendered before it, fails first: the task is not judged.`));
        return null;
      }
      if (e instanceof TemplateError) return templateFailed(a.valueSpan, e, findings);
      if (e instanceof TemplateRaised) return raised(task, a.valueSpan, e, findings);
      if (!(e instanceof Unresolved)) throw e;
      if (!e.undefinedName) uncomputed ??= a;
      if (unresolved(a, e, findings)) given.set(a.name, { arg: a, value: a.value, notes });
      else blocked = true;
    }
  }
  // get_action_args_with_defaults: the defaults first, the arguments update them (a key keeps its place)
  const d = blocked ? [] : defaults();
  if (!d) return null;
  const merged = new Map(d.map((x) => [x.arg.name, x]));
  for (const [k, x] of given) merged.set(k, x);
  const out: Array<{ arg: Arg; value: unknown }> = [];
  for (const { arg, value, notes } of merged.values()) {
    defaultedNotes(arg.valueSpan, `\`${arg.name}\` uses`, notes, value === OMIT, findings);
    if (value === OMIT) continue;
    const v = Array.isArray(value) ? value.map(dropOmitted) : dropOmitted(value);
    if (holdsOmit(v)) {
      if (unresolved(arg, new Unresolved(written(arg.value), 'which holds Ansible\'s omit placeholder, a token that changes with every run (only an option whose whole value is the placeholder is left out)'), findings)) out.push({ arg, value: arg.value });
      else blocked = true;
      continue;
    }
    out.push({ arg, value: v });
  }
  return blocked ? null : out;
}

type DefaultArgs = Array<{ arg: Arg; value: unknown; notes: RenderNotes }>;
/** one module_defaults entry rendered: its value, and the defaults its templates took for variables the file does not define (by option; '' for the whole value) */
interface RenderedEntry { e: DefaultsEntry; value: unknown; notes: Map<string, RenderNotes> }

const UNDEFINED_ARG = 'The task includes an option with an undefined variable. The error was: ';
/** bdm-lab's bound on the module_defaults entries one task renders (Ansible renders them all for every task) */
const MAX_DEFAULTS = 256;
const TEMPLATE_START = /{{|{%|{#/;

/** an exception TaskExecutor reports (the default callback's words: the traceback's last line) */
const exceptionWords = (cls: string, message: string) => `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${message ? `${cls}: ${message}` : cls}`;

/**
 * Task.post_validate of `module_defaults`: every entry of every level (the play's, the blocks', the
 * task's) rendered in order, before no_log and the arguments. An undefined variable fails the task in
 * the field's words; another template error in its own. A value bdm-lab cannot render: an option the
 * module looks up by name keeps its text; any other stops the judging (an entry for another module
 * is only noted: the task is judged as if it renders). Null: the task fails, or is not judged.
 */
function renderedDefaults(task: Task, findings: SourceFinding[]): RenderedEntry[][] | null {
  const out: RenderedEntry[][] = [];
  // each task renders every entry it inherits: bounded, so that many tasks under many entries stay linear
  const count = (task.moduleDefaults ?? []).reduce((n, d) => n + d.length, 0);
  if (count > MAX_DEFAULTS) {
    findings.push(finding('BDM-LIMIT-TEMPLATE', task.head, `the task inherits ${count} module_defaults entries, more than bdm-lab renders for one task (${MAX_DEFAULTS}): it is not judged`));
    return null;
  }
  // a value rendered before that bdm-lab does not compute: a later failure may not be the first
  let unsure: string | null = null;
  for (const dict of task.moduleDefaults ?? []) {
    const level: RenderedEntry[] = [];
    for (const e of dict) {
      const fail = (where: Span, x: unknown): null | 'unknown' => {
        if ((x instanceof TemplateError || x instanceof TemplateRaised) && unsure !== null) {
          findings.push(finding('BDM-ANSIBLE-UNRESOLVED', where, `a module_defaults value fails the task when Ansible renders it (${x instanceof TemplateRaised ? `${x.cls}: ${x.message}` : x.message}), unless \`${unsure}\`, rendered before it, fails first: the task is not judged.`));
          return null;
        }
        if (x instanceof TemplateError) {
          findings.push(finding('BDM-ANSIBLE-ARGS', where, x.undefinedVariable && x.message.startsWith(UNDEFINED_ARG) ? `The field 'module_defaults' has an invalid value, which includes an undefined variable. The error was: ${x.message.slice(UNDEFINED_ARG.length)}` : x.message));
          return null;
        }
        if (x instanceof TemplateRaised) {
          if (VALUE_ERRORS.has(x.cls)) findings.push(finding('BDM-ANSIBLE-UNRESOLVED', where, `a module_defaults value raises Python's ${x.cls} (${x.message}), which Ansible reports with the field as it holds it, which bdm-lab does not write: the task is not judged.`));
          else findings.push(finding('BDM-ANSIBLE-ARGS', where, exceptionWords(x.cls, x.message)));
          return null;
        }
        if (x instanceof Unresolved) {
          unsure ??= x.expression || written(e.value);
          return 'unknown';
        }
        throw x;
      };
      const note = (where: Span, x: Unresolved, judged: boolean) => findings.push(finding('BDM-ANSIBLE-UNRESOLVED', where, `${unknownWords('a module_defaults value is', x.expression || written(e.value), x)}${judged ? ': the task is judged as if it renders' : ': the task is not judged'}.`));
      if (isDict(e.value) && e.applies) {
        // each option's value on its own (Templar renders a dict value by value, in order)
        const d: Record<string, unknown> = {};
        const notes = new Map<string, RenderNotes>();
        const order = KEY_ORDER.get(e.value) ?? Object.keys(e.value);
        for (const k of order) {
          const raw = e.value[k];
          const spans = e.options?.get(k);
          const n: RenderNotes = { defaulted: [] };
          notes.set(k, n);
          try {
            d[k] = render(raw, task.scopes, n);
          } catch (x) {
            if (fail(spans?.value ?? e.valueSpan, x) === null) return null;
            const arg: Arg = { name: k, value: raw, key: spans?.key ?? e.keySpan, valueSpan: spans?.value ?? e.valueSpan, whole: spans?.key ?? e.keySpan, fromDefaults: true };
            if (!unresolved(arg, x as Unresolved, findings)) return null;
            d[k] = raw;
          }
        }
        KEY_ORDER.set(d, order);
        keepDefaultsMarks(e.value, d);
        level.push({ e, value: d, notes });
        continue;
      }
      const n: RenderNotes = { defaulted: [] };
      try {
        level.push({ e, value: render(e.value, task.scopes, n), notes: new Map([['', n]]) });
      } catch (x) {
        if (fail(e.valueSpan, x) === null) return null;
        note(e.valueSpan, x as Unresolved, !e.applies);
        if (e.applies) return null;
      }
    }
    out.push(level);
  }
  return out;
}

/** a mapping's marks (keys that are not texts) carried to its rendered copy */
function keepDefaultsMarks(from: object, to: object): void {
  if (UNKNOWN_KEYS.has(from)) UNKNOWN_KEYS.add(to);
  const odd = NON_STR_KEYS.get(from);
  if (odd) NON_STR_KEYS.set(to, odd);
}

/** Python's truth of a rendered value */
function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === '') return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0 || UNKNOWN_KEYS.has(v) || NON_STR_KEYS.has(v);
  return true;
}

/**
 * get_action_args_with_defaults: the rendered mappings merged (a later level's entry replaces an
 * earlier one whole), then the groups openstack.cloud.server is in (in the merged order; a false value
 * is no defaults), then the module's own entry, each copied (`.copy()`) and merged with dict.update;
 * the task's arguments go over them (argsOf). A value dict.update does not take fails the task as
 * the exception it raises. Null: the task fails, or is not judged.
 */
function mergedDefaults(levels: RenderedEntry[][], findings: SourceFinding[]): DefaultArgs | null {
  const merged = new Map<string, RenderedEntry>();
  for (const level of levels) for (const x of level) merged.set(x.e.key, x);
  const out = new Map<string, { arg: Arg; value: unknown; notes: RenderNotes }>();
  const argOf = (e: DefaultsEntry, name: string): Arg => {
    const spans = e.options?.get(name);
    return { name, value: isDict(e.value) ? e.value[name] : e.value, key: spans?.key ?? e.keySpan, valueSpan: spans?.value ?? e.valueSpan, whole: spans?.key ?? e.keySpan, fromDefaults: true };
  };
  const fails = (e: DefaultsEntry, cls: string, message: string): null => {
    findings.push(finding('BDM-ANSIBLE-ARGS', e.keySpan, exceptionWords(cls, message)));
    return null;
  };
  const notRead = (e: DefaultsEntry, why: string): null => {
    findings.push(finding('BDM-ANSIBLE-UNRESOLVED', e.keySpan, `module_defaults gives the module ${why}, which bdm-lab does not merge: the task is not judged.`));
    return null;
  };
  const add = ({ e, value: v, notes }: RenderedEntry): boolean | null => {
    // (a default a template took is noted once, on the first option it gave)
    let whole = notes.get('');
    const notesOf = (k: string): RenderNotes => {
      const n = notes.get(k) ?? whole ?? { defaulted: [] };
      if (n === whole) whole = undefined;
      return n;
    };
    if (isDict(v)) {
      if (UNKNOWN_KEYS.has(v) || NON_STR_KEYS.has(v)) return notRead(e, 'options named by keys that are not texts');
      for (const k of KEY_ORDER.get(v) ?? Object.keys(v)) out.set(k, { arg: argOf(e, k), value: v[k], notes: notesOf(k) });
      return true;
    }
    if (Array.isArray(v)) {
      // dict.update of a list: each item a pair
      const pairs: Array<[string, unknown]> = [];
      for (let i = 0; i < v.length; i++) {
        const it = v[i];
        let pair: unknown[];
        if (typeof it === 'string') pair = [...it];
        else if (Array.isArray(it)) pair = it;
        else if (it === null || typeof it === 'boolean' || typeof it === 'number' || typeof it === 'bigint' || it instanceof PyFloat) return fails(e, 'TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
        else return notRead(e, 'a list item that is neither a pair nor a scalar');
        if (pair.length !== 2) return fails(e, 'ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        if (typeof pair[0] !== 'string') return notRead(e, 'an option named by a value that is not a text');
        pairs.push([pair[0], pair[1]]);
      }
      for (const [k, x] of pairs) out.set(k, { arg: { ...argOf(e, k), value: x }, value: x, notes: notesOf(k) });
      return true;
    }
    const cls = v === null ? 'NoneType' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' || typeof v === 'bigint' ? 'int' : v instanceof PyFloat ? 'float'
      : typeof v === 'string' ? (typeof e.value === 'string' && TEMPLATE_START.test(e.value) ? 'str' : 'AnsibleUnicode') : null;
    if (cls === null) return notRead(e, 'a value of a type bdm-lab does not name');
    return fails(e, 'AttributeError', `'${cls}' object has no attribute 'copy'`);
  };
  for (const x of merged.values()) {
    if (x.e.applies !== 'group' || !pyTruthy(x.value)) continue;
    if (!add(x)) return null;
  }
  const own = merged.get(SERVER_DEFAULTS_KEY);
  if (own && !add(own)) return null;
  return [...out.values()];
}

/**
 * Task.post_validate of `no_log` (after module_defaults): rendered, then a strict boolean; an
 * undefined variable or a value that is no boolean fails the task in the field's words. False: the
 * task fails (or bdm-lab does not word why).
 */
function noLogValid(task: Task, findings: SourceFinding[]): boolean {
  const nl = task.noLog;
  if (!nl || nl.value === null) return true;
  if (nl.value === undefined) return true;
  let v: unknown;
  try {
    v = render(nl.value, task.scopes);
  } catch (x) {
    if (x instanceof TemplateError) {
      findings.push(finding('BDM-ANSIBLE-ARGS', nl.span, x.undefinedVariable && x.message.startsWith(UNDEFINED_ARG) ? `The field 'no_log' has an invalid value, which includes an undefined variable. The error was: ${x.message.slice(UNDEFINED_ARG.length)}` : x.message));
      return false;
    }
    if (x instanceof Unresolved) {
      findings.push(finding('BDM-ANSIBLE-UNRESOLVED', nl.span, `${unknownWords('`no_log` is', written(nl.value), x)}: the task is judged as if it is a boolean.`));
      return true;
    }
    if (x instanceof TemplateRaised) {
      findings.push(finding('BDM-ANSIBLE-UNRESOLVED', nl.span, `\`no_log\` raises Python's ${x.cls} (${x.message}) when Ansible renders it, which bdm-lab does not word: the task is not judged.`));
      return false;
    }
    throw x;
  }
  if (v === OMIT || v === null) return true;
  const fail = (why: string): false => {
    let raw: string;
    try {
      raw = pyStr(nl.value);
    } catch (e) {
      if (!(e instanceof Unresolved)) throw e;
      findings.push(finding('BDM-ANSIBLE-UNRESOLVED', nl.span, '`no_log` is no boolean, which Ansible reports with the value as written, which bdm-lab does not write: the task is not judged.'));
      return false;
    }
    findings.push(finding('BDM-ANSIBLE-ARGS', nl.span, `the field 'no_log' has an invalid value (${raw}), and could not be converted to an bool.The error was: ${why}`));
    return false;
  };
  if (Array.isArray(v)) return fail("unhashable type: 'list'");
  if (isDict(v)) return fail("unhashable type: 'dict'");
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) {
    return ansibleBool(v) !== null || fail(`The value '${pyStr(v)}' is not a valid boolean.  Valid booleans include: ${BOOLEANS_SHOWN}`);
  }
  findings.push(finding('BDM-ANSIBLE-UNRESOLVED', nl.span, '`no_log` renders to a value bdm-lab does not test as a boolean: the task is judged as if it is one.'));
  return true;
}

/** Ansible fails the task while it templates the arguments (Task.post_validate): its words on the value, nothing after it is rendered */
function templateFailed(where: Span, e: TemplateError, findings: SourceFinding[]): null {
  findings.push(finding('BDM-ANSIBLE-ARGS', where, e.message));
  return null;
}

/**
 * Another exception than a TypeError while Ansible templates the arguments: a ValueError is an
 * invalid `args` field to Task.post_validate (the arguments as ModuleArgsParser gave them, str() of
 * the dict), any other fails the task as an exception (TaskExecutor), whose last traceback line
 * the default callback prints.
 */
function raised(task: Task, where: Span, e: TemplateRaised, findings: SourceFinding[]): null {
  if (!VALUE_ERRORS.has(e.cls)) {
    findings.push(finding('BDM-ANSIBLE-ARGS', where, `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${e.message ? `${e.cls}: ${e.message}` : e.cls}`));
    return null;
  }
  const written = argsWritten(task);
  if (written === null) {
    findings.push(finding('BDM-ANSIBLE-UNRESOLVED', where, `the arguments raise Python's ${e.cls} (${e.message}), which Ansible reports with the arguments as it holds them, which bdm-lab does not write (a date, a key that is not a string, arguments given by a variable): the task is not judged.`));
    return null;
  }
  findings.push(finding('BDM-ANSIBLE-ARGS', where, `the field 'args' has an invalid value (${written}), and could not be converted to an dict.The error was: ${e.message}`));
  return null;
}

/** a mapping with a key that is not a scalar somewhere in a value (bdm-lab does not hold that key) */
function oddKeys(v: unknown, depth: number): boolean {
  if (depth > 400) return true;
  if (Array.isArray(v)) return v.some((x) => oddKeys(x, depth + 1));
  if (!isDict(v)) return false;
  return UNKNOWN_KEYS.has(v) || Object.values(v).some((x) => oddKeys(x, depth + 1));
}

/** str() of the task's arguments as ModuleArgsParser gives them (before templating), or null where bdm-lab does not hold them as written */
function argsWritten(task: Task): string | null {
  if (task.variableParams || task.args.some((a) => a.dated || oddKeys(a.value, 0))) return null;
  const d: Record<string, unknown> = {};
  for (const a of task.args) d[a.name] = a.value;
  KEY_ORDER.set(d, task.args.map((a) => a.name));
  try {
    return pyRepr(d, { left: 1_000_000 });
  } catch (e) {
    if (e instanceof Unresolved) return null;
    throw e;
  }
}

/** a note on an argument bdm-lab cannot render; true when the module's lookup makes its text do as a name */
function unresolved(a: Arg, e: Unresolved, findings: SourceFinding[]): boolean {
  const canon = ALIASES.get(a.name) ?? a.name;
  // a name the module looks up keeps its template text (its id is a stand-in anyway); an option
  // with choices (state, interface) is no name: its value decides the task
  // (not a variable that refers to itself: Ansible fails on its recursive loop before the module runs)
  const keep = TYPED.get(canon) === 'str' && !CHOSEN.has(canon) && typeof a.value === 'string' && !isSelfReference(e);
  findings.push(finding('BDM-ANSIBLE-UNRESOLVED', a.valueSpan, `${unknownWords(`\`${a.name}\` is`, written(a.value), e)}${keep ? '; bdm-lab reads it as a name' : ': the task is not judged'}.`));
  return keep;
}

/** ModuleArgsParser's refusal of free-form words that are not k=v */
const extraParams = (task: Task): string => `this task '${task.module}' has extra params, which is only allowed in the following modules: ${RAW_MODULES}`;

// ansible-core 2.14 RAW_PARAM_MODULES, as ModuleArgsParser lists them
const RAW_MODULES = 'ansible.builtin.raw, ansible.legacy.raw, ansible.builtin.meta, ansible.legacy.meta, ansible.builtin.script, ansible.legacy.script, ansible.builtin.shell, ansible.legacy.shell, ansible.builtin.include_tasks, ansible.legacy.include_tasks, ansible.builtin.include, ansible.legacy.include, ansible.builtin.import_playbook, ansible.legacy.import_playbook, ansible.builtin.group_by, ansible.legacy.group_by, ansible.builtin.import_role, ansible.legacy.import_role, ansible.builtin.set_fact, ansible.legacy.set_fact, ansible.builtin.include_vars, ansible.legacy.include_vars, ansible.builtin.add_host, ansible.legacy.add_host, ansible.builtin.include_role, ansible.legacy.include_role, ansible.builtin.import_tasks, ansible.legacy.import_tasks, ansible.builtin.command, ansible.legacy.command, ansible.builtin.win_command, ansible.legacy.win_command, ansible.windows.win_command, ansible.windows.win_shell, ansible.builtin.win_shell, ansible.legacy.win_shell';

const NO_FINDINGS: readonly SourceFinding[] = Object.freeze([]);

/** One `openstack.cloud.server` task as the rules see it: the body openstacksdk posts, its paths placed on the task's keys. */
export class AnsibleDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind = 'server' as const;
  readonly api = 'server' as const;
  readonly tool = 'ansible';
  readonly toolLabel: string;
  readonly bodyOf?: { span: Span; message: string };
  readonly microversion: string | null;
  readonly body: unknown;
  readonly imageRef: string | null;
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, readonly req: AnsibleRequest) {
    super();
    const it = req.item;
    const which = it ? `loop item ${it.index} of ${it.of}${it.span ? `: \`${oneLine(text.slice(it.span.offset, it.span.offset + it.span.length))}\`` : ''}` : '';
    this.toolLabel = `\`openstack.cloud.server\` 1.10.0 (ansible-core 2.14, openstacksdk 0.101.0)${it ? ` · ${which}` : ''}`;
    if (it) this.bodyOf = { span: it.span ?? req.task.loop ?? req.task.head, message: which };
    else if (req.loadFailure) this.bodyOf = { span: req.loadFailure, message: req.loadFailureWhat ?? 'the task Ansible refuses while it loads the playbook: it runs no task of it' };
    const body = req.request && !req.request.refusal ? req.request.body : null;
    this.body = body;
    this.microversion = req.request?.microversion ?? null;
    this.imageRef = body ? req.request!.imageRef : null;
    // the tool's refusal first (a request without a body reports it), its notes after
    const note = (f: SourceFinding) => (f.code === 'BDM-ANSIBLE-LOOP' || f.code === 'BDM-ANSIBLE-UNRESOLVED' ? 1 : 0);
    this.findings = req.findings.length ? [...req.findings].sort((a, b) => note(a) - note(b)) : NO_FINDINGS;
    if (body) this.readBody(body, 'server', [{ path: ['server', 'block_device_mapping_v2'], syntax: 'v2' }]);
  }

  /** the span an origin names, or undefined when its option is not written in the task */
  private place(o: Origin, part: Part): Span | undefined {
    const a = o.arg ? this.req.byOption.get(o.arg) : undefined;
    if (!a) return undefined;
    if (o.item !== undefined && a.items?.[o.item]) return a.items[o.item];
    const p = o.part ?? part;
    return p === 'key' || p === 'start' ? a.key : p === 'value' ? a.valueSpan : a.whole;
  }

  locate(path: BodyPath, part: Part): Span | undefined {
    const t = this.req.task;
    // a loop item after the first: its own text, where the file lists it (the hover there shows its request)
    if (path.length === 0 && part === 'whole') return this.req.item?.own && this.req.item.span ? this.req.item.span : t.span;
    const origins = this.req.request?.origins;
    for (let n = path.length; n >= 0 && origins; n--) {
      const o = origins.get(JSON.stringify(path.slice(0, n)));
      const s = o && this.place(o, n < path.length ? 'key' : part);
      if (s) return s;
    }
    return t.head;
  }

  covers(): boolean { return true; }
  printPath(path: string): string { return path; }

  fixes(d: { code: string; span: Span; path: string; entry: number | null }): SourceFix[] {
    const detail = this.req.findings.find((f) => f.code === d.code && f.span.offset === d.span.offset)?.args?.detail;
    // the module's words: "boot_from_volume is True but all of the following are missing: volume_size"
    const missing = typeof detail === 'string' && detail.startsWith('boot_from_volume is True but ') ? detail.indexOf('missing: ') : -1;
    if (d.code === 'BDM-ANSIBLE-MODULE' && typeof detail === 'string' && missing >= 0 && detail.includes('volume_size', missing)) {
      const at = this.req.task.insertAfter('boot_from_volume');
      if (at) return [{ title: 'Add `volume_size: 10` (GiB of the root volume)', edits: [{ span: { offset: at.offset, length: 0 }, newText: `${at.offset === this.text.length && !this.text.endsWith('\n') ? '\n' : ''}${at.indent}volume_size: 10\n` }], preferred: true }];
    }
    if (d.code === 'BDM-ANSIBLE-MODULE' && typeof detail === 'string' && detail.startsWith('parameters are mutually exclusive: ') && detail.includes('boot_from_volume|boot_volume')) {
      const a = this.req.byOption.get('boot_from_volume');
      // an option a variable gives has no line of its own to remove
      if (a && !a.fromVariable && !a.fromDefaults) return [{ title: 'Remove `boot_from_volume` (the task boots from `boot_volume`)', edits: [{ span: lineOf(this.text, a.whole), newText: '' }] }];
    }
    return [];
  }
}

/** a short one-line form of an item's text, for a label */
function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').replace(/`/g, "'");
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** the whole line(s) of a span, with the line break, when the span is alone on them */
function lineOf(text: string, s: Span): Span {
  const start = text.lastIndexOf('\n', s.offset - 1) + 1;
  let end = text.indexOf('\n', s.offset + s.length);
  end = end < 0 ? text.length : end + 1;
  return /^[ \t]*$/.test(text.slice(start, s.offset)) ? { offset: start, length: end - start } : s;
}

/** The requests of a YAML text's `openstack.cloud.server` tasks. */
export function ansibleSources(text: string, cloudMax: string = DEFAULT_CLOUD_MAX_MICROVERSION): AnsibleDoc[] {
  const out: AnsibleDoc[] = [];
  for (const t of findTasks(text)) {
    for (const r of readTasks(t, cloudMax)) out.push(new AnsibleDoc(text, r));
  }
  return out;
}
