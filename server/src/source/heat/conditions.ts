/**
 * HOT conditions as Heat 19.0.0 reads them (heat/engine/conditions.py, hot/template.py,
 * hot/functions.py; facts only): the `conditions:` section, a resource's `condition:` key and the
 * `if` function exist from `heat_template_version: 2016-10-14`; the condition functions are
 * `get_param`, `equals`, `not`, `and`, `or`, and `contains` (and `yaql`) from 2017-09-01. Any other
 * HOT function in a condition is refused ("invalid in this context"); a map that is not a
 * condition function is plain data, which a condition may not be.
 *
 * Heat parses every condition when it first builds the resource definitions (a malformed one
 * fails the whole stack), then evaluates a condition when a resource or an `if` asks for it,
 * once, in the order asked. A parameter without default (and not given) makes a condition
 * unknown: bdm-lab names it in a note and never guesses the result.
 */
import type { Span } from '../../text/span';
import { entry, hotVersion, pyTypeName, type RNode, type Template, type TemplateNote } from './template';
import { isPyBytes, pyRepr, pyStr } from './py';
import { byType } from './paramType';

/** Heat refuses the stack (every resource fails): the message as Heat words it */
export class StackError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

/** Heat's ValueError (or TypeError): worded at the place that asked for the condition, if that place catches it */
class CondValueError extends Error {
  constructor(message: string, readonly span: Span, readonly kind: 'value' | 'type' = 'value') {
    super(message);
  }
}

/**
 * a condition whose value depends on something bdm-lab cannot know; `mayFail`: on some values
 * Heat refuses the stack there (an error bdm-lab reached only past an unknown condition)
 */
export interface Unknown { unknown: string; mayFail?: true; /** a parameter without default, where the value is that parameter's whole value */ param?: string }
export type Tri = boolean | Unknown;
class UnknownMark { constructor(readonly unknown: string, readonly mayFail?: true, readonly param?: string) {} }
export const isUnknown = (v: unknown): v is Unknown => v instanceof UnknownMark;
const unknown = (why: string): Unknown => new UnknownMark(why);

export const hasConditions = (version: string): boolean => version === '' || version >= '2016-10-14';

/** the HOT functions of a version that are not condition functions (Heat refuses them in a condition) */
function propertyFunctions(version: string): string[] {
  const f = ['get_attr', 'get_file', 'get_param', 'get_resource', 'list_join', 'repeat', 'resource_facade', 'str_replace', 'digest', 'str_split', 'map_merge', 'yaql', 'map_replace', 'if'];
  if (version >= '2017-02-24') f.push('filter', 'str_replace_strict');
  if (version >= '2017-09-01') f.push('make_url', 'list_concat', 'str_replace_vstrict', 'list_concat_unique', 'contains');
  return f;
}

/** the HOT version that brings each property function (the others are in every version) */
const FUNCTION_SINCE: Readonly<Record<string, string>> = {
  digest: '2015-04-30', repeat: '2015-04-30', str_split: '2015-10-15', map_merge: '2016-04-08', map_replace: '2016-10-14', yaql: '2016-10-14',
  filter: '2017-02-24', str_replace_strict: '2017-02-24', make_url: '2017-09-01', list_concat: '2017-09-01', list_concat_unique: '2017-09-01',
  str_replace_vstrict: '2017-09-01',
};

/** A parsed condition: a function call or data. */
export type CNode = { fn: string; arg: CNode; span: Span } | { data: unknown; span: Span; items?: CNode[]; entries?: Array<[string, CNode]>; float?: true };

/** how deep conditions may name one another before bdm-lab stops (a hostile template costs little) */
const MAX_CHAIN = 300;

export class HeatConditions {
  readonly version: string;
  private parsed: Map<string, CNode> | null = null;
  private resolved = new Map<string, Tri | 'busy'>();
  private condFns: Set<string>;
  private spans = new Map<string, Span>();
  private raw = new Map<string, RNode>();
  /**
   * Heat's function.resolve of a value in a resource definition (resolve.ts, given by the caller:
   * this module cannot import it), for a deletion policy written as a function; unset: not checked
   */
  resolveValue?: (n: RNode, notes: TemplateNote[]) => RNode | undefined;
  /**
   * the stand-in value of a parameter without default (resolve.ts: the heat-oracle's), for the words
   * of a refusal that holds it (Heat refuses whatever the value; its words show the value given)
   */
  standIn?: (param: string) => unknown;
  /**
   * what Heat checks of a function's arguments as it parses the function (resolve.ts
   * checkParsedFunction, given by the caller), at the place Heat's parse names; unset: not checked
   */
  parseCheck?: (fn: string, arg: RNode, at: string) => void;

  constructor(readonly tmpl: Template, readonly given: Record<string, unknown>) {
    this.version = hotVersion(tmpl.root);
    this.condFns = new Set(['get_param', 'equals', 'not', 'and', 'or', ...(this.version === '' || this.version >= '2017-09-01' ? ['contains', 'yaql'] : [])]);
  }

  /** `if` is a function from 2016-10-14; `contains` from 2017-09-01 */
  isFunction(name: string): boolean {
    // equals/not/and/or are condition functions only: in a property they are plain data
    if (['equals', 'not', 'and', 'or'].includes(name)) return false;
    if (name === 'if') return hasConditions(this.version);
    if (name === 'contains') return this.version === '' || this.version >= '2017-09-01';
    // a function of a later version is plain data in this one
    const since = FUNCTION_SINCE[name];
    return !since || this.version === '' || this.version >= since;
  }

  /** Heat's Template.conditions(): every definition parsed (a malformed one fails the stack) */
  private definitions(): Map<string, CNode> {
    if (this.parsed) return this.parsed;
    const m = new Map<string, CNode>();
    const sec = hasConditions(this.version) ? entry(this.tmpl.root ?? undefined, 'conditions') : undefined;
    if (sec && sec.kind !== 'map') throw new StackError(`Conditions validation error: Condition definitions must be a map. Found a ${pyTypeName(sec)} instead`, sec.span);
    for (const [name, n] of sec?.entries ?? []) {
      // PyYAML reads `off:`/`yes:`/`1:` as a bool or int key, which Heat cannot join into a path
      const key = n.keySpan ? this.tmpl.text.slice(n.keySpan.offset, n.keySpan.offset + n.keySpan.length) : name;
      const kt = /^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(key) ? 'bool' : /^[-+]?(0|[1-9][0-9_]*)$/.test(key) ? 'int' : '';
      if (kt) throw new StackError(`sequence item 1: expected str instance, ${kt} found`, n.keySpan ?? n.span);
      m.set(name, this.parse(n, `conditions.${name}`));
      this.spans.set(name, n.keySpan ?? n.span);
      this.raw.set(name, n);
    }
    this.parsed = m;
    return m;
  }

  /** Heat's parse() with the condition functions (heat/engine/template.py parse) */
  parse(n: RNode, path: string): CNode {
    if (n.kind === 'map' && n.entries!.length === 1) {
      const [fn, arg] = n.entries![0];
      if (this.condFns.has(fn)) {
        const p = `${path}.${fn}`;
        const a = this.parse(arg, p);
        const msg = checkArgs(fn, arg);
        if (msg) throw new StackError(`${p}: ${msg}`, n.span);
        return { fn, arg: a, span: n.span };
      }
      if (propertyFunctions(this.version).includes(fn)) {
        // Heat's stand-in refuses in its constructor, which runs once its arguments are parsed:
        // a refusal inside them comes first
        this.parse(arg, `${path}.${fn}`);
        throw new StackError(`${path}.${fn}: The function "${fn}" is invalid in this context`, n.span);
      }
    }
    if (n.kind === 'map') return { data: n.value, span: n.span, entries: n.entries!.map(([k, v]) => [k, this.parse(v, `${path}.${k}`)]) };
    if (n.kind === 'seq') return { data: n.value, span: n.span, items: n.items!.map((x, i) => this.parse(x, `${path}[${i}]`)) };
    return n.float ? { data: n.value, span: n.span, float: true } : { data: n.value, span: n.span };
  }

  /** Make sure the definitions parse (Heat does this first, for every resource definition). */
  check(): void { this.definitions(); }

  /**
   * Conditions.validate, which Stack.validate runs on every definition (used or not), in the order
   * written, before it reads the resources: a definition must be a condition function or a
   * boolean (a name, a string, a number, null or data is refused, printed as Python prints the
   * definition written).
   */
  validate(): void {
    for (const [name, c] of this.definitions()) {
      if ('fn' in c || typeof c.data === 'boolean') continue;
      const n = this.raw.get(name)!;
      throw new StackError(`Condition validation error: The definition of condition "${name}" is invalid: ${pyStr(n.value, !!n.float)}`, n.span.length ? n.span : this.spans.get(name)!);
    }
  }

  /**
   * The value of a resource's `condition:` or an `if`'s first argument, parsed and resolved.
   * An `if` is decided inside Heat's parse(), which words a ValueError/TypeError at its path; a
   * resource's inline condition is resolved where nothing catches (Heat's bare words), and only
   * the name lookup (Conditions.is_enabled) has the resource's path on a ValueError.
   */
  evaluate(n: RNode, path: string, where: string, check?: (c: CNode) => void, resource = false): Tri {
    const c = this.parse(n, path);
    check?.(c);
    let v: unknown;
    try {
      v = this.result(c);
    } catch (e) {
      if (e instanceof CondValueError) throw new StackError(resource ? e.message : `${where}: ${e.message}`, n.span);
      throw e;
    }
    try {
      return this.isEnabled(v, n.span);
    } catch (e) {
      if (e instanceof CondValueError) throw new StackError(resource && e.kind === 'type' ? e.message : `${where}: ${e.message}`, n.span);
      throw e;
    }
  }

  private depth = 0;

  private isEnabled(c: unknown, span: Span): Tri {
    if (isUnknown(c)) return c;
    if (this.depth > MAX_CHAIN) return unknown(`conditions name each other more than ${MAX_CHAIN} deep; bdm-lab reads no further`);
    if (c === null || c === undefined) return true;
    if (typeof c === 'boolean') return c;
    const defs = this.definitions();
    if (typeof c !== 'string' || !defs.has(c)) throw new CondValueError(`Invalid condition "${pyStr(this.withStandIns(c))}"`, span);
    const got = this.resolved.get(c);
    if (got === 'busy') throw new StackError(`Condition validation error: Circular definition for condition "${c}"`, this.spans.get(c) ?? span);
    if (got !== undefined) return got;
    this.resolved.set(c, 'busy');
    this.depth++;
    let v: unknown;
    try {
      v = this.result(defs.get(c)!);
    } finally {
      this.depth--;
    }
    if (typeof v !== 'boolean' && !(isUnknown(v) || (typeof v === 'object' && firstUnknown(v)))) throw new StackError(`Condition validation error: The definition of condition "${c}" is invalid: ${pyStr(v)}`, this.spans.get(c) ?? span);
    const t: Tri = typeof v === 'boolean' ? v : (isUnknown(v) ? v : firstUnknown(v)!);
    this.resolved.set(c, t);
    return t;
  }

  /** a value with each parameter bdm-lab does not know as its stand-in (else the reason it is unknown) */
  private withStandIns(v: unknown, depth = 0): unknown {
    if (isUnknown(v)) return v.param && this.standIn ? this.standIn(v.param) : `<${v.unknown}>`;
    if (depth > 64 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => this.withStandIns(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.withStandIns(x, depth + 1)]));
  }

  /** function.resolve: data with every function's result (an unknown result stays in place) */
  private result(c: CNode): unknown {
    if ('fn' in c) return this.call(c.fn, c.arg, c.span);
    if (c.entries) return Object.fromEntries(c.entries.map(([k, v]) => [k, this.result(v)]));
    if (c.items) return c.items.map((v) => this.result(v));
    return c.data;
  }

  private call(fn: string, arg: CNode, span: Span): unknown {
    const a = this.result(arg);
    if (fn === 'not') { const v = this.isEnabled(a, span); return isUnknown(v) ? v : !v; }
    if (fn === 'and' || fn === 'or') {
      // Heat resolves every argument before it looks at any: one that may fail decides nothing
      const failing = (a as unknown[]).find((x) => isUnknown(x) && x.mayFail);
      return failing ?? this.combine(a as unknown[], fn === 'or', span);
    }
    const u = firstUnknown(a);
    if (u) return u;
    // (a path item written as a float, 1.0 too, is never a key: which items are)
    if (fn === 'get_param') return this.param(a, span, 'items' in arg ? new Set(arg.items?.flatMap((x, i) => ('float' in x && x.float ? [i] : [])) ?? []) : new Set());
    if (fn === 'yaql') return unknown('a `yaql` expression, which bdm-lab does not evaluate');
    if (fn === 'equals') { const [x, y] = a as unknown[]; return pyEq(x, y); }
    return this.contains(a as unknown[], span);
  }

  /** and/or: all()/any() over the conditions, stopping at the first that decides */
  private combine(args: unknown[], stopOn: boolean, span: Span): Tri {
    let u: Unknown | null = null;
    for (const x of args) {
      let v: Tri;
      // what this lookup resolves is undone if bdm-lab cannot say Heat reaches it
      const before = u ? new Map(this.resolved) : null;
      try {
        v = this.isEnabled(x, span);
      } catch (e) {
        // Heat stops at the first condition that decides: after an unknown one, an error may never
        // be reached (nor the conditions it left half-resolved), or may be
        if (u && before && (e instanceof CondValueError || e instanceof StackError)) {
          this.resolved = before;
          return new UnknownMark(u.unknown, true);
        }
        throw e;
      }
      // a condition reached that may fail: Heat refuses there, or goes on
      if (isUnknown(v) && v.mayFail) return v;
      if (isUnknown(v)) u ??= v;
      else if (v === stopOn) return stopOn;
    }
    return u ?? !stopOn;
  }

  private contains([v, seq]: unknown[], span: Span): Tri {
    if (typeof seq === 'string') return typeof v === 'string' ? seq.includes(v) : unknown('`contains` of a non-string in a string');
    if (!Array.isArray(seq)) throw new CondValueError('Second argument to "contains" should be a sequence.', span, 'type');
    return seq.some((x) => pyEq(x, v));
  }

  /** get_param in a condition: the given value, else the default, else unknown (named) */
  private param(a: unknown, span: Span, floats: Set<number>): unknown {
    if (isUnknown(a)) return a;
    const args = Array.isArray(a) ? a : [a];
    const name = args[0];
    const p = typeof name === 'string' ? this.tmpl.parameters.get(name) : undefined;
    if (typeof name === 'string' && !p && !name.startsWith('OS::')) throw new StackError(`The Parameter (${name}) was not provided.`, span);
    if (typeof name !== 'string' || !p) return unknown(typeof name === 'string' ? `${name} is known only when the stack is created` : 'a `get_param` without a parameter name');
    const type = String(entry(p, 'type')?.value ?? 'string');
    let raw: unknown;
    if (name in this.given) raw = this.given[name];
    // `default: null` is no default (Heat's schema has one only when it is not None)
    else if (entry(p, 'default') && entry(p, 'default')!.value !== null) raw = entry(p, 'default')!.value;
    else return new UnknownMark(`parameter '${name}' has no default (its value is given when the stack is created)`, undefined, args.length === 1 ? name : undefined);
    let v: unknown = byType(type, raw, name, span);
    // GetParam.result's path, as in a property (resolve.ts getParam): a path that does not lead
    // to a value (an index past the end, a missing key, a key of the wrong type, a value that is
    // no list, text or map) gives '' (a condition then compares '' with the other side)
    for (const [j, k] of args.slice(1).entries()) {
      if (floats.has(j + 1) || !(typeof k === 'string' || typeof k === 'boolean' || (typeof k === 'number' && Number.isInteger(k)))) return '';
      if (Array.isArray(v) || typeof v === 'string') {
        const t = typeof k === 'string' ? k : String(Number(k));
        // (int() of another spelling Python reads: spaces, `_`, other digits: not followed)
        if (!/^[+-]?\d+$/.test(t)) return /^[+-]?[\d_\s]+$/.test(t) || /[^\x00-\x7f]/.test(t) ? unknown(`get_param path ${pyStr(args)} does not lead to a value bdm-lab reads`) : '';
        const items: unknown[] = typeof v === 'string' ? Array.from(v) : v;
        const i = Number(t);
        const at = i < 0 ? items.length + i : i;
        if (at < 0 || at >= items.length) return '';
        v = items[at];
      } else if (v !== null && typeof v === 'object') {
        if (typeof k !== 'string' || !Object.prototype.hasOwnProperty.call(v, k)) return '';
        v = (v as Record<string, unknown>)[k];
      } else return '';
    }
    return v;
  }
}

/** an unknown anywhere in a resolved value */
function firstUnknown(v: unknown, depth = 0): Unknown | null {
  if (isUnknown(v)) return v;
  if (depth > 64 || v === null || typeof v !== 'object') return null;
  for (const x of Array.isArray(v) ? v : Object.values(v)) { const u = firstUnknown(x, depth + 1); if (u) return u; }
  return null;
}

/** the argument checks of the condition functions' constructors, in Heat's words */
function checkArgs(fn: string, arg: RNode): string | null {
  const list = arg.kind === 'seq' ? arg.items! : null;
  const empty = arg.value === null || arg.value === '' || arg.value === false || arg.value === 0 || (arg.kind === 'map' && !arg.entries!.length);
  switch (fn) {
    case 'equals':
      return !list || list.length !== 2 ? 'Arguments to "equals" must be of the form: [value_1, value_2]' : null;
    case 'not':
      return arg.value === null ? 'Argument to "not" must be a condition' : null;
    case 'and': case 'or':
      if (!list) return `Arguments to "${fn}" must be a list of conditions`;
      return list.length < 2 ? `The minimum number of condition arguments to "${fn}" is 2.` : null;
    case 'contains':
      if (empty || !list) return 'Incorrect arguments to "contains" should be: "contains" : [ "value1", [ "value1", "value2"]]';
      return list.length !== 2 ? 'Arguments to "contains" must be of the form: [value1, [value1, value2]]' : null;
    default:
      return null;
  }
}

/** Python's == on JSON-like values (True == 1, 1 == 1.0) */
const num = (x: unknown) => (typeof x === 'boolean' ? Number(x) : x);
export function pyEq(a: unknown, b: unknown): boolean {
  if ((typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean')) return num(a) === num(b);
  // (bytes equal bytes only, never a list)
  if (Array.isArray(a) && Array.isArray(b)) return isPyBytes(a) === isPyBytes(b) && a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && pyEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const RES_KEYS = ['type', 'properties', 'metadata', 'depends_on', 'deletion_policy', 'update_policy', 'description'];
const RES_KEYS_2016 = [...RES_KEYS, 'external_id', 'condition'];

/** a condition bdm-lab cannot decide, named; `mayFail`: on some values Heat refuses the stack there */
export interface ScanNote { span: Span; message: string; mayFail?: true }

/** What Heat's resource_definitions() decides for the whole stack before any resource is made. */
export interface StackScan {
  /** Heat refuses the stack: every resource fails with these words */
  error: StackError | null;
  /** resources whose condition is false: Heat does not create them */
  disabled: Set<string>;
  /** per resource: conditions bdm-lab cannot decide, named */
  notes: Map<string, ScanNote[]>;
}

/**
 * Conditions.validate, then HOTemplate.resource_definitions: the keys, every `if` and each
 * resource's condition, in order. (Heat then makes the resources, and checks the names and the
 * references: checkNamesAndReferences.)
 */
export function scanStack(tmpl: Template, conds: HeatConditions): StackScan {
  const out: StackScan = { error: null, disabled: new Set(), notes: new Map() };
  try {
    if (hasConditions(conds.version)) {
      conds.check();
      conds.validate();
    }
    for (const r of tmpl.resources) scanResource(conds, r.name, r.node, out);
  } catch (e) {
    if (e instanceof StackError) out.error = e;
    else throw e;
  }
  return out;
}

/**
 * Stack.validate once the resources are made (heat/engine/stack.py, rsrc_defn.py; facts only): a
 * parameter and a resource of one name refuse the stack; then each resource's dependencies, in
 * the order written (Heat's is its set's order, which Python's string hashing decides): a
 * get_resource or get_attr (in its properties, then its metadata) of a resource the stack does
 * not have (a resource whose condition is false is none of its resources), then a depends_on name
 * the template does not have (there a resource whose condition is false is still had).
 */
export function checkNamesAndReferences(tmpl: Template, conds: HeatConditions, disabled: Set<string>): StackError | null {
  try {
    namesAndReferences(tmpl, conds, disabled);
  } catch (e) {
    if (e instanceof StackError) return e;
    throw e;
  }
  return null;
}

function namesAndReferences(tmpl: Template, conds: HeatConditions, disabled: Set<string>): void {
  const live = tmpl.resources.filter((r) => !disabled.has(r.name));
  const dup = live.filter((r) => tmpl.parameters.has(r.name));
  if (dup.length) throw new StackError(`Duplicate names {${dup.map((r) => pyRepr(r.name)).join(', ')}}`, dup[0].keySpan);
  const all = new Set(tmpl.resources.map((r) => r.name));
  const made = new Set(live.map((r) => r.name));
  for (const r of live) {
    // an adopted resource depends on nothing (ResourceDefinition.required_resource_names): its
    // references are not looked up, and a depends_on is refused
    const ext = externalId(r.node, conds);
    if (ext !== null) {
      const dep = entry(r.node, 'depends_on');
      if (dep && pyTruthy(dep)) throw new StackError(`Invalid dependency with external ${r.type} resource: ${ext}`, dep.span);
      continue;
    }
    for (const [key, section] of [['properties', 'Properties'], ['metadata', 'Metadata']] as const) {
      const v = entry(r.node, key);
      if (!v) continue;
      const bad = missingReference(conds, v, `${r.name}.${section}`, made, 0);
      if (bad) throw new StackError(`The specified reference "${bad.name}" (in ${bad.path}) is incorrect.`, bad.span);
    }
    const dep = entry(r.node, 'depends_on');
    const names = dep ? (dep.kind === 'seq' ? dep.items! : [dep]) : [];
    const missing = names.find((n) => typeof n.value === 'string' && !all.has(n.value));
    if (missing) throw new StackError(`The specified reference "${missing.value as string}" (in ${r.name}) is incorrect.`, missing.span);
  }
}

/**
 * The outputs as Stack.validate reads them once the resources are made and their references
 * checked (Heat loads them for the first resource's node data, template_common.py outputs();
 * facts only), each in the order written: a definition that is no map or has no `value` is
 * refused; from 2016-10-14 its `condition` is parsed and decided (a name the conditions do not
 * have, a number, a list: "Invalid condition"), and the value of an enabled one parsed (each `if`
 * in it decided). What Heat checks of an output's value only after validating every resource
 * (get_attr's resource and attribute) is not checked here.
 */
export function checkOutputs(tmpl: Template, conds: HeatConditions): StackError | null {
  const version = conds.version;
  if (!version || !entry(tmpl.root ?? undefined, 'heat_template_version')) return null;
  const outputs = entry(tmpl.root ?? undefined, 'outputs');
  if (!outputs) return null;
  if (outputs.kind !== 'map') {
    // `or {}`: an empty section is none; any other value has no items() (Python's AttributeError)
    const empty = outputs.kind === 'seq' ? !outputs.items!.length : [null, undefined, false, 0, ''].includes(outputs.value as never);
    return empty ? null : new StackError(`'${pyTypeName(outputs)}' object has no attribute 'items'`, outputs.span);
  }
  try {
    for (const [key, def] of outputs.entries!) {
      const name = def.keyText ?? key;
      if (def.kind !== 'map') throw new StackError(`Output validation error: outputs.${name}: Output definitions must be a map. Found a ${pyTypeName(def)} instead`, def.span.length ? def.span : def.keySpan ?? def.span);
      if (!entry(def, 'value')) throw new StackError(`Output validation error: outputs.${name}: Each output definition must contain a value key.`, def.keySpan ?? def.span);
      if (hasConditions(version)) {
        const c = entry(def, 'condition');
        if (c) {
          const v = conds.evaluate(c, `outputs.${name}.condition`, `outputs.${name}.condition`);
          if (isUnknown(v)) continue;
          if (!v) continue;
        }
      }
      scanIfs(conds, entry(def, 'value')!, `outputs.${name}.value`, [], 0, null);
    }
  } catch (e) {
    if (e instanceof StackError) return e;
    throw e;
  }
  return null;
}

/** the first get_resource/get_attr of a name the template does not have, with Heat's path to it (an `if` as decided) */
function missingReference(conds: HeatConditions, n: RNode, path: string, all: Set<string>, depth: number): { name: string; path: string; span: Span } | null {
  if (depth > 64) return null;
  if (n.kind === 'map' && n.entries!.length === 1) {
    const [fn, arg] = n.entries![0];
    if (fn === 'if' && conds.isFunction('if')) {
      const b = chooseIf(conds, n, path);
      return b && !isUnknown(b) ? missingReference(conds, b, `${path}.if`, all, depth + 1) : null;
    }
    if (fn === 'get_resource' || fn === 'get_attr') {
      const inner = missingReference(conds, arg, `${path}.${fn}`, all, depth + 1);
      if (inner) return inner;
      // (a text of one character is a one-item list to Python: from 2015-10-15 get_attr reads it so)
      const oneChar = arg.kind === 'scalar' && typeof arg.value === 'string' && [...arg.value].length === 1;
      const nameNode = fn === 'get_resource' || oneChar ? arg : arg.kind === 'seq' ? arg.items![0] : undefined;
      // a name a function gives is resolved for the look-up (a list or map is no dict key: TypeError)
      const named = nameNode && (isCallOf(conds, nameNode) ? resolvedName(conds, nameNode) : nameNode.kind === 'seq' || nameNode.kind === 'map' ? nameNode : undefined);
      if (named) {
        if (named.kind === 'seq' || named.kind === 'map') throw new StackError(`unhashable type: '${pyTypeName(named)}'`, nameNode!.span);
        if (named.kind === 'scalar' && (typeof named.value !== 'string' || !all.has(named.value))) return { name: pyStr(named.value), path, span: n.span };
        return null;
      }
      // (a number, a boolean or null names no resource either: Heat looks up its str())
      if (nameNode?.kind !== 'scalar') return null;
      const name = nameNode.value;
      if (typeof name !== 'string' || !all.has(name)) return { name: pyStr(name, nameNode.float), path, span: n.span };
      return null;
    }
  }
  if (n.kind === 'map') {
    for (const [k, v] of n.entries!) { const r = missingReference(conds, v, `${path}.${v.keyText ?? k}`, all, depth + 1); if (r) return r; }
  }
  if (n.kind === 'seq') {
    for (let i = 0; i < n.items!.length; i++) { const r = missingReference(conds, n.items![i], `${path}[${i}]`, all, depth + 1); if (r) return r; }
  }
  return null;
}

/** Python's truth of a written value */
const pyTruthy = (n: RNode): boolean => (n.kind === 'seq' ? !!n.items!.length : n.kind === 'map' ? !!n.entries!.length : ![null, undefined, false, 0, ''].includes(n.value as never));

/**
 * The id of the existing resource Heat adopts (Resource.external_id: the definition's `external_id`,
 * resolved before any resource is made), or null where it is None: Stack.validate then looks the
 * resource up instead of validating it, and creating the stack posts nothing for it. A get_attr
 * (of a resource not made yet) is None; a value bdm-lab cannot resolve is taken as an id.
 */
export function externalId(node: RNode, conds: HeatConditions): string | null {
  let ext = entry(node, 'external_id');
  if (!ext || !hasConditions(conds.version)) return null;
  // (each `if` decided when Heat parses the definition)
  for (let i = 0; i < 64 && ext.kind === 'map' && ext.entries!.length === 1 && ext.entries![0][0] === 'if'; i++) {
    let b: RNode | undefined | Unknown;
    try { b = chooseIf(conds, ext, 'external_id'); } catch { return pyRepr(ext.value); }
    if (isUnknown(b)) return pyRepr(ext.value);
    if (!b) return null;
    ext = b;
  }
  if (ext.kind === 'scalar') return ext.value === null ? null : pyStr(ext.value);
  if (ext.kind === 'map' && ext.entries!.length === 1 && ext.entries![0][0] === 'get_attr') return null;
  try {
    const v = conds.resolveValue?.(ext, []);
    if (!v) return pyRepr(ext.value);
    if (v.absent || (v.kind === 'scalar' && v.value === null)) return null;
    return v.kind === 'unresolved' ? pyRepr(ext.value) : pyStr(v.value);
  } catch {
    return pyRepr(ext.value);
  }
}

/** a call of one of the version's functions (an `if` included) */
const isCallOf = (conds: HeatConditions, n: RNode): boolean => n.kind === 'map' && n.entries!.length === 1 && conds.isFunction(n.entries![0][0]);

/** a function's value as Heat resolves it before any resource exists; undefined where bdm-lab does not know it (or it fails) */
function resolvedName(conds: HeatConditions, n: RNode): RNode | undefined {
  if (!conds.resolveValue) return undefined;
  const notes: TemplateNote[] = [];
  let got: RNode | undefined;
  try {
    got = conds.resolveValue(n, notes);
  } catch {
    return undefined;
  }
  if (!got || got.absent || got.kind === 'unresolved' || notes.length || holdsUnresolved(got, 0)) return undefined;
  return got;
}

const holdsUnresolved = (n: RNode, depth: number): boolean => n.kind === 'unresolved' || depth > 64 || [...(n.items ?? []), ...(n.entries ?? []).map(([, x]) => x)].some((x) => holdsUnresolved(x, depth + 1));

/**
 * The attributes each get_attr asks of a resource the stack makes, as Stack.validate gathers them
 * for the resources' node data (Resource.referenced_attrs and node_data; stk_defn's
 * update_resource_data; facts only), once the references are checked and before any resource is
 * validated: from the properties and metadata of every resource made, then from every output
 * enabled (each `if` decided). The attribute (with its path, a tuple) goes into a set: a list or
 * map in it is Python's TypeError "unhashable type"; an attribute that is no text and has no path
 * is indexed (its first item): "'int' object is not subscriptable". An output's get_attr whose
 * resource name is a list or map fails the look-up of its dependencies the same way.
 */
export function checkReferencedAttributes(tmpl: Template, conds: HeatConditions, disabled: Set<string>): StackError | null {
  const made = new Set(tmpl.resources.filter((r) => !disabled.has(r.name)).map((r) => r.name));
  try {
    for (const r of tmpl.resources) {
      if (disabled.has(r.name) || r.node.kind !== 'map') continue;
      for (const key of ['properties', 'metadata']) {
        const v = entry(r.node, key);
        if (v) referencedAttributes(conds, v, made, `resources.${r.name}.${key}`, false, 0);
      }
    }
    const outputs = conds.version && entry(tmpl.root ?? undefined, 'heat_template_version') ? entry(tmpl.root ?? undefined, 'outputs') : undefined;
    if (outputs?.kind === 'map') {
      for (const [key, def] of outputs.entries!) {
        const value = entry(def, 'value');
        if (def.kind !== 'map' || !value) continue;
        const c = hasConditions(conds.version) ? entry(def, 'condition') : undefined;
        if (c) {
          const v = conds.evaluate(c, `outputs.${def.keyText ?? key}.condition`, `outputs.${def.keyText ?? key}.condition`);
          if (isUnknown(v) || !v) continue;
        }
        referencedAttributes(conds, value, made, `outputs.${def.keyText ?? key}.value`, true, 0);
      }
    }
  } catch (e) {
    if (e instanceof StackError) return e;
    throw e;
  }
  return null;
}

/**
 * The attributes of resource `name` that the stack's node data holds before any resource is
 * made: the text attributes its get_attr calls name in the properties and metadata of every
 * resource made and in every output enabled (those Heat's referenced_attrs gathers; an
 * attribute a get_attr elsewhere, an external_id's, asks of that resource is not among them)
 */
export function referencedAttributeNames(tmpl: Template, conds: HeatConditions, disabled: Set<string>, name: string): Set<string> {
  let all = REFERENCED.get(conds);
  if (!all) REFERENCED.set(conds, (all = allReferencedAttributes(tmpl, conds, disabled)));
  return all.get(name) ?? new Set();
}

/** each resource's referenced attributes, gathered once per stack (a template of n servers asks n times) */
const REFERENCED = new WeakMap<HeatConditions, Map<string, Set<string>>>();

function allReferencedAttributes(tmpl: Template, conds: HeatConditions, disabled: Set<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (n: RNode, depth: number): void => {
    if (depth > 64) return;
    if (isCallOf(conds, n)) {
      const [fn, arg] = n.entries![0];
      if (fn === 'if') {
        let b: RNode | undefined | Unknown;
        try { b = chooseIf(conds, n, 'if'); } catch { return; }
        if (b && !isUnknown(b)) walk(b, depth + 1);
        return;
      }
      walk(arg, depth + 1);
      if (fn !== 'get_attr' || arg.kind !== 'seq' || arg.items!.length < 2) return;
      const res = isCallOf(conds, arg.items![0]) ? resolvedName(conds, arg.items![0]) : arg.items![0];
      const attr = isCallOf(conds, arg.items![1]) ? resolvedName(conds, arg.items![1]) : arg.items![1];
      if (typeof res?.value !== 'string' || typeof attr?.value !== 'string') return;
      let set = out.get(res.value);
      if (!set) out.set(res.value, (set = new Set()));
      set.add(attr.value);
      return;
    }
    for (const [, v] of n.entries ?? []) walk(v, depth + 1);
    for (const x of n.items ?? []) walk(x, depth + 1);
  };
  for (const r of tmpl.resources) {
    if (disabled.has(r.name) || r.node.kind !== 'map') continue;
    for (const key of ['properties', 'metadata']) { const v = entry(r.node, key); if (v) walk(v, 0); }
  }
  const outputs = conds.version && entry(tmpl.root ?? undefined, 'heat_template_version') ? entry(tmpl.root ?? undefined, 'outputs') : undefined;
  for (const [, def] of outputs?.kind === 'map' ? outputs.entries! : []) {
    const value = entry(def, 'value');
    if (def.kind !== 'map' || !value) continue;
    const c = hasConditions(conds.version) ? entry(def, 'condition') : undefined;
    if (c) {
      let v: Tri;
      try { v = conds.evaluate(c, 'condition', 'condition'); } catch { continue; }
      if (isUnknown(v) || !v) continue;
    }
    walk(value, 0);
  }
  return out;
}

function referencedAttributes(conds: HeatConditions, n: RNode, made: Set<string>, path: string, output: boolean, depth: number): void {
  if (depth > 64) return;
  if (isCallOf(conds, n)) {
    const [fn, arg] = n.entries![0];
    if (fn === 'if') {
      const b = chooseIf(conds, n, path);
      if (b && !isUnknown(b)) referencedAttributes(conds, b, made, path, output, depth + 1);
      return;
    }
    referencedAttributes(conds, arg, made, path, output, depth + 1);
    if (fn !== 'get_attr' || arg.kind !== 'seq' || !arg.items!.length) return;
    const [nameNode, attrNode, ...pathNodes] = arg.items!;
    const name = isCallOf(conds, nameNode) ? resolvedName(conds, nameNode) : nameNode;
    if (!name) return;
    if (name.kind === 'seq' || name.kind === 'map') {
      // a resource's own would have failed its dependencies first
      if (output) throw new StackError(`unhashable type: '${pyTypeName(name)}'`, nameNode.span);
      return;
    }
    if (typeof name.value !== 'string' || !made.has(name.value) || !attrNode) return;
    // a literal null attribute is "all of them"
    if (attrNode.kind === 'scalar' && attrNode.value === null) return;
    const parts = [attrNode, ...pathNodes].map((x) => (isCallOf(conds, x) ? resolvedName(conds, x) : x));
    if (parts.some((x) => !x)) return;
    const bad = parts.find((x) => x!.kind === 'seq' || x!.kind === 'map');
    if (bad) throw new StackError(`unhashable type: '${pyTypeName(bad)}'`, attrNode.span);
    const attr = parts[0]!;
    if (parts.length === 1 && typeof attr.value !== 'string') throw new StackError(`'${pyTypeName(attr)}' object is not subscriptable`, attrNode.span);
    return;
  }
  if (n.kind === 'map') for (const [, v] of n.entries!) referencedAttributes(conds, v, made, path, output, depth + 1);
  if (n.kind === 'seq') for (const x of n.items!) referencedAttributes(conds, x, made, path, output, depth + 1);
}

function scanResource(conds: HeatConditions, name: string, node: RNode, out: StackScan): void {
  if (node.kind !== 'map') return;
  const valid = hasConditions(conds.version) ? RES_KEYS_2016 : RES_KEYS;
  const bad = node.entries!.filter(([k]) => !valid.includes(k));
  if (bad.length) throw new StackError(`Invalid keyword(s) inside a resource definition: ${bad.map(([k]) => k).join(', ')}`, bad[0][1].keySpan ?? node.span);
  const notes: ScanNote[] = [];
  let done = false;
  try {
    // each field parsed (its `if`s decided) and then its type checked, in Heat's order; the
    // definition is made of them after the last (the condition), and its condition evaluated then
    const hashed: { late: StackError | null } = { late: null };
    for (const k of valid.filter((x) => x !== 'condition')) {
      const v = entry(node, k);
      if (!v) continue;
      if (k !== 'depends_on' && k !== 'description') scanIfs(conds, v, `resources.${name}.${k}`, notes, 0, k === 'properties' || k === 'metadata' ? hashed : null);
      checkField(conds, name, k, v);
    }
    const c = entry(node, 'condition');
    if (!c && hashed.late) throw hashed.late;
    if (c) {
      // parsed first (a property function is refused there), then its type checked
      const v = conds.evaluate(c, `resources.${name}.condition`, `resources.${name}.condition`, (p) => {
        if (!('fn' in p) && typeof p.data !== 'string' && typeof p.data !== 'boolean') throw new StackError(`Resource ${name} condition type must be string_or_boolean`, c.span);
        if (hashed.late) throw hashed.late;
      }, true);
      if (isUnknown(v)) notes.push({ span: c.span, message: `Whether Heat creates ${name} depends on its condition, which bdm-lab cannot decide: ${v.unknown}. bdm-lab judges the server as if it is created.`, ...(v.mayFail ? { mayFail: true as const } : {}) });
      else if (!v) out.disabled.add(name);
    }
    done = true;
  } finally {
    // when the stack is refused here, the conditions where Heat may have refused it first go with the refusal
    const kept = done ? notes : notes.filter((n) => n.mayFail);
    if (kept.length) out.notes.set(name, kept);
  }
}

/** a call of one of the version's functions (Heat parses it into a Function, whatever its value) */
function isCall(conds: HeatConditions, n: RNode): boolean {
  return n.kind === 'map' && n.entries!.length === 1 && (propertyFunctions(conds.version || '2021-04-16').includes(n.entries![0][0]) || n.entries![0][0] === 'get_param');
}

/**
 * A deletion policy written as a function: Heat resolves it when it parses the definition (before
 * any resource is validated) and refuses a value that is no policy, in the same words; a list or a
 * map cannot be looked up (Python's TypeError). A value bdm-lab cannot know (a parameter without
 * default, a resource's attribute) or a function that fails is left to later checks.
 */
function checkPolicyCall(conds: HeatConditions, v: RNode, policies: string[]): void {
  if (!conds.resolveValue) return;
  const notes: TemplateNote[] = [];
  let got: RNode | undefined;
  try {
    got = conds.resolveValue(v, notes);
  } catch {
    return;
  }
  if (!got || notes.length || got.absent || got.kind === 'unresolved') return;
  if (got.kind === 'map' || got.kind === 'seq') {
    const open = (n: RNode, depth: number): boolean => n.kind === 'unresolved' || depth > 64 || [...(n.items ?? []), ...(n.entries ?? []).map(([, x]) => x)].some((x) => open(x, depth + 1));
    if (open(got, 0)) return;
    throw new StackError(`unhashable type: '${got.kind === 'map' ? 'dict' : 'list'}'`, v.span);
  }
  if (got.kind !== 'scalar' || got.value === null || got.value === undefined) return;
  if (typeof got.value !== 'string' || !policies.includes(got.value)) throw new StackError(`Invalid deletion policy "${got.bigText ?? pyStr(got.value, got.float)}"`, v.span);
}

/** the type each field of a resource definition must have (template_common.py _rsrc_defn_args), in Heat's words */
function checkField(conds: HeatConditions, name: string, key: string, v: RNode): void {
  const fail = (typename: string) => new StackError(`Resource ${name} ${key} type must be ${typename}`, v.span.length ? v.span : v.keySpan ?? v.span);
  const isStr = v.kind === 'scalar' && typeof v.value === 'string';
  switch (key) {
    case 'type': case 'description':
      // no function stands for the type or the description
      if (!isStr) throw fail('string');
      return;
    case 'properties': case 'metadata': case 'update_policy':
      if (v.kind !== 'map' && !isCall(conds, v)) throw fail('object');
      return;
    case 'depends_on':
      if (!isStr && v.kind !== 'seq') throw fail('list or string');
      if (v.kind === 'seq' && v.items!.some((x) => !(x.kind === 'scalar' && typeof x.value === 'string'))) throw new StackError(`Resource ${name} depends_on must be a list of strings`, v.span);
      return;
    case 'deletion_policy': {
      if (!isStr && !isCall(conds, v)) throw fail('string');
      const policies = ['Delete', 'Retain', 'Snapshot', ...(hasConditions(conds.version) ? ['delete', 'retain', 'snapshot'] : [])];
      if (isStr && !policies.includes(v.value as string)) throw new StackError(`Invalid deletion policy "${v.value as string}"`, v.span);
      if (!isStr) checkPolicyCall(conds, v, policies);
      return;
    }
    case 'external_id':
      if (!isStr && !isCall(conds, v)) throw fail('string');
      return;
    default:
      return;
  }
}

/**
 * Heat's parse() of one resource field: an `if` is decided when parsed, only its chosen branch read
 * further. `hashed`: a field where an `if` that leaves nothing fails the definition once it is made
 * (the first such `if`, kept in `late`)
 */
function scanIfs(conds: HeatConditions, n: RNode, path: string, notes: ScanNote[], depth: number, hashed: { late: StackError | null } | null): void {
  if (depth > 64) return;
  if (n.kind === 'map' && n.entries!.length === 1 && n.entries![0][0] === 'if' && conds.isFunction('if')) {
    const p = `${path}.if`;
    const branch = chooseIf(conds, n, p);
    if (isUnknown(branch)) notes.push({ span: n.span, message: `This \`if\` depends on a condition bdm-lab cannot decide: ${branch.unknown}.`, ...(branch.mayFail ? { mayFail: true as const } : {}) });
    else if (branch) scanIfs(conds, branch, p, notes, depth + 1, hashed);
    // Heat 19.0.0: an `if` without value_if_false whose condition is false leaves Python's Ellipsis,
    // which ResourceDefinition's hash of the properties/metadata cannot deep-copy: the stack fails
    else if (hashed) hashed.late ??= new StackError('EllipsisType takes no arguments', n.span);
    return;
  }
  if (n.kind === 'map' && n.entries!.length === 1 && /^(get_|str_|list_|map_|repeat$|digest$|yaql$|filter$|make_url$|contains$|resource_facade$)/.test(n.entries![0][0])) {
    scanIfs(conds, n.entries![0][1], `${path}.${n.entries![0][0]}`, notes, depth + 1, hashed);
    if (n.entries![0][0] === 'get_attr' && conds.isFunction('get_attr')) checkGetAttrArgs(conds, n.entries![0][1], `${path}.get_attr`);
    // (the function is made once its arguments are read: its own check of them then)
    conds.parseCheck?.(n.entries![0][0], n.entries![0][1], `${path}.${n.entries![0][0]}`);
    return;
  }
  if (n.kind === 'map') for (const [k, v] of n.entries!) scanIfs(conds, v, `${path}.${k}`, notes, depth + 1, hashed);
  if (n.kind === 'seq') n.items!.forEach((x, i) => scanIfs(conds, x, `${path}[${i}]`, notes, depth + 1, hashed));
}

/**
 * get_attr's arguments as Heat reads them when it parses the function (GetAttThenSelect and, from
 * 2015-10-15, GetAttAllAttributes _parse_args): a list (a text, a map, a number or a function is
 * refused), of two items at least before 2015-10-15; from then one item is enough, and an
 * argument Python finds false (null, [], '', 0) is refused in other words.
 */
function checkGetAttrArgs(conds: HeatConditions, arg: RNode, path: string): void {
  const all = conds.version === '' || conds.version >= '2015-10-15';
  const notList = `${path}: Argument to "get_attr" must be a list`;
  if (all) {
    if (!pyTruthy(arg)) throw new StackError(`${path}: Arguments to "get_attr" can be of the next forms: [resource_name] or [resource_name, attribute, (path), ...]`, arg.span);
    // a text of one character is a list of one name to Python
    if (arg.kind === 'scalar' && typeof arg.value === 'string' && [...arg.value].length === 1) return;
    if (arg.kind !== 'seq') throw new StackError(notList, arg.span);
    return;
  }
  if (arg.kind !== 'seq') throw new StackError(notList, arg.span);
  if (arg.items!.length < 2) throw new StackError(`${path}: Arguments to "get_attr" must be of the form [resource_name, attribute, (path), ...]`, arg.span);
}

/** `if: [condition, value_if_true, value_if_false]` (from 2021-04-16 value_if_false may be left out): the chosen value (undefined: none) */
export function chooseIf(conds: HeatConditions, n: RNode, path: string): RNode | undefined | Unknown {
  const a = n.entries![0][1];
  const items = a.kind === 'seq' ? a.items! : [];
  const nullable = conds.version === '' || conds.version >= '2021-04-16';
  if (!(items.length === 3 || (nullable && items.length === 2))) throw new StackError(`${path}: Arguments to "if" must be of the form: [condition_name, value_if_true, value_if_false]`, n.span);
  const v = conds.evaluate(items[0], 'if', path);
  if (isUnknown(v)) return v;
  return v ? items[1] : items[2];
}
