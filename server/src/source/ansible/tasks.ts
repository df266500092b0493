/**
 * The `openstack.cloud.server` tasks of an Ansible YAML text (a task list, a role's tasks file or
 * a playbook), read as ansible-core 2.14 reads them: its YAML loader is YAML 1.1 (PyYAML: `yes`
 * is true, the last of duplicated keys wins, `<<` merges), `block:`/`rescue:`/`always:` nest
 * tasks, and ModuleArgsParser takes the module's arguments from a mapping, from free-form
 * `k=v` words, from `action:`, and from the task's `args:`; a template in their place (free-form
 * words that are not `k=v`, or `args:` as a string) is arguments given by a variable. Each
 * argument keeps the spans of its key and value; `{{ }}` values are rendered from the task's, its
 * blocks' and its play's static `vars:` (template.ts), anything else is left unresolved. What
 * ansible-core refuses while it loads the playbook (a task's action statements, loop keys and
 * fields; a block's or a play's keys and fields) is found here for every task, block and play of the
 * document, in load order (index.ts: the first refusal stops every server task of it).
 *
 * The `yaml` package gives every node its range; it is asked for YAML 1.1, no custom tags (an
 * Ansible `!vault`/`!unsafe` value is read as its text), at most 100 aliases per document and a
 * bounded nesting depth, so a hostile file cannot make it expand.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type Node as YNode, type Pair, type YAMLMap } from 'yaml';
import { withoutStacks } from '../../parse/noStacks';
import type { Span } from '../../text/span';
import { MAX_READ_DEPTH, readerOverflowed, tooDeep } from '../readLimit';
import { pyFloat } from '../../parse/pyrepr';
import { pyStrip } from '../../text/pySpace';
import { numberText, pyFloatParse, pyIntParse } from './pynumber';
import { DEFAULTS_SHAPE, defaultsKey } from './moduleDefaults';
import { readFlowAsPyYaml } from '../heat/pyYamlFlow';

/** the module names that reach `openstack.cloud.server` (ansible-core routes the os_ names to it) */
export const SERVER_MODULES = ['openstack.cloud.server', 'os_server', 'openstack.cloud.os_server'];
const TASK_LISTS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'];
const MAX_DEPTH = 64;
/** an argument value nested deeper than bdm-lab reads (source/readLimit.ts): the task is not judged, rather than sent with a cut value */
class ValueTooDeep extends Error {}
/** a value that holds itself (an alias inside the node its anchor names): not read as a value */
class HoldsItself extends ValueTooDeep {}
const MAX_TEXT = 2_000_000;
const MAX_ALIASES = 100;
/** the document being read (for its aliases) and how many aliases it has expanded */
let reading: { doc: Document.Parsed; aliases: number } | null = null;

/** more aliases than a document may expand: the document is not read (no task is guessed from it; one finding says so) */
class AliasBudget extends Error {
  constructor(readonly at: Span | null) { super('alias budget'); }
}

/** A YAML float (Python tells `15.0` from `15`: AnsibleModule refuses a float for an int option). */
export class PyFloat {
  constructor(readonly value: number) {}
  /** Python's repr (15.0, 1e+16, inf) */
  toString(): string {
    return pyFloat(this.value);
  }
}

/**
 * the mappings whose Python keys are not all strings (a YAML key read as a number, a bool, null or
 * a date; a Python literal's True, None, 1, 1.5): each such key as bdm-lab holds it (its str())
 * with the Python key itself
 */
export const NON_STR_KEYS = new WeakMap<object, Map<string, unknown>>();
/** the mappings whose keys bdm-lab cannot hold apart (two Python keys with the same str(), a list or mapping as a key) */
export const UNKNOWN_KEYS = new WeakSet<object>();

/** the order of a mapping's keys as Python holds them, where JavaScript's differs (index-like keys, which it puts first) */
export const KEY_ORDER = new WeakMap<object, string[]>();

/** `to`, a dict made from `from` (its values mapped), takes `from`'s marks: odd keys, unknown keys, key order (shared) */
export function keepMarks(from: object, to: object): void {
  const odd = NON_STR_KEYS.get(from);
  if (odd) NON_STR_KEYS.set(to, odd);
  if (UNKNOWN_KEYS.has(from)) UNKNOWN_KEYS.add(to);
  const order = KEY_ORDER.get(from);
  if (order) KEY_ORDER.set(to, order);
}
const indexLike = (k: string): boolean => /^(?:0|[1-9][0-9]{0,9})$/.test(k) && Number(k) < 4294967295;

/** Python's equality of dict keys as a text: numbers by value (True is 1, 1.0 is 1), a NaN only itself */
function keyIdentity(k: unknown, at: number): string {
  if (typeof k === 'string') return `s${k}`;
  if (k === null) return 'n';
  if (typeof k === 'boolean') return `f${k ? 1 : 0}`;
  if (typeof k === 'number' || typeof k === 'bigint') return `f${k}`;
  if (k instanceof PyFloat) return Number.isNaN(k.value) ? `nan${at}` : `f${Number.isInteger(k.value) ? BigInt(k.value) : k.value}`;
  if (k instanceof PyDate) return `d${k.cls}${k.repr()}`;
  // (a range, whose class lives in pyvalue.ts)
  if (k !== null && typeof k === 'object' && typeof (k as { hashKey?: unknown }).hashKey === 'function') return (k as { hashKey: () => string }).hashKey();
  return `?${at}`;
}

/**
 * Python's dict built from (key, value) pairs in order: a key equal to an earlier one keeps the
 * earlier key and takes the later value; held as a JavaScript object keyed by str(key), with the
 * keys that are not strings in NON_STR_KEYS (and UNKNOWN_KEYS where two keys share a str())
 */
export class PyDictBuilder {
  readonly out: Record<string, unknown> = {};
  private readonly ids = new Map<string, string>();
  private odd: Map<string, unknown> | null = null;
  private readonly order: string[] = [];
  private n = 0;
  set(key: unknown, value: unknown): void {
    const id = keyIdentity(key, this.n++);
    const held = this.ids.get(id);
    if (held !== undefined) { this.out[held] = value; return; }
    const k = String(key);
    if (Object.prototype.hasOwnProperty.call(this.out, k)) UNKNOWN_KEYS.add(this.out);
    this.ids.set(id, k);
    if (!Object.prototype.hasOwnProperty.call(this.out, k)) {
      this.order.push(k);
      if (indexLike(k)) KEY_ORDER.set(this.out, this.order);
    }
    this.out[k] = value;
    if (typeof key === 'string') this.odd?.delete(k);
    else {
      this.odd ??= new Map();
      this.odd.set(k, typeof key === 'bigint' ? Number(key) : key);
      NON_STR_KEYS.set(this.out, this.odd);
    }
  }
  /** a key bdm-lab does not hold (a list or a mapping) */
  unknown(value: unknown): void {
    UNKNOWN_KEYS.add(this.out);
    this.out[''] = value;
  }
}

/** One module argument as written: its name, value (rendered later), and where its key, value and items are. */
export interface Arg {
  name: string;
  value: unknown;
  key: Span;
  valueSpan: Span;
  whole: Span;
  /** the spans of a list value's items (a YAML sequence or a comma-separated string) */
  items?: Span[];
  /** a key of the dict a `{{ var }}` gives as the module's arguments: its spans are that text's */
  fromVariable?: boolean;
  /** an option `module_defaults` gives (its spans are there, shared by every task it reaches) */
  fromDefaults?: boolean;
  /** the value holds a YAML date or timestamp (`value` has its text; Python holds a date) */
  dated?: boolean;
}

export type Vars = Record<string, unknown>;

/**
 * scopes that stand for a play's `vars_files` (files bdm-lab does not read), by what they say:
 * VariableManager puts those files' variables over the play's `vars:`, so a name the play defines
 * may have another value there; the scope itself holds no name
 */
export const VARS_FILES_SCOPES = new WeakMap<Vars, string>();

/**
 * What the tasks that may run before a task set as host facts or registered results (set_fact,
 * `register:`, include_vars), in run order (`at`, counted in `size`): each name's settings, and the
 * first task that may set any name (a set_fact whose names are not written out, include_vars).
 * VariableManager puts these over every `vars:` of the play, its blocks and the task (a loop's own
 * variables over them). A setting is `sure` when bdm-lab knows its value: a set_fact that runs
 * whenever the task after it runs (no `when:` on it or its blocks, no loop, not a handler; in a
 * rescue or a block that has one, only for the tasks after it there: `region`) with its names written out: its value is what set_fact
 * renders then (template.ts; a text 'yes'/'no'/'true'/'false' becomes a boolean); in another play,
 * only when both plays name the same `hosts:`. A set_fact that would be sure but for `when:`
 * conditions (its blocks' then its own, as Task extends its parents' `when`) keeps them (`when`):
 * template.ts decides them with the set_fact's scopes, and one decided false leaves the name to what
 * was set before it.
 */
export interface FactSetting {
  at: number;
  by: string;
  sure: boolean;
  /** a sure setting's value as written, and the scopes set_fact renders it with (its play's, blocks' and own vars, the facts before it) */
  raw?: unknown;
  scopes?: Vars[];
  /** the set_fact's `when:` conditions, its blocks' first (as written), decided with `scopes` */
  when?: unknown[];
  play: number;
  hosts: string | null;
  /**
   * a setting in a block's `rescue:` or in the `block:` of a block that has one: the id of the
   * innermost such list, where it is sure only for the tasks after it in that list (a task there
   * runs only when the tasks before it in the list ran; outside, the list may have stopped or not run)
   */
  region?: number;
}
export interface FactLog { byName: Map<string, FactSetting[]>; any: { at: number; by: string } | null; size: number }

/** scopes that stand for the facts set before a task (the log up to `upto`; the task's play and its hosts); the scope itself holds no name */
export const FACT_SCOPES = new WeakMap<Vars, { log: FactLog; upto: number; play: number; hosts: string | null; regions: ReadonlySet<number> }>();

/**
 * `name` at a facts scope: null when no task before sets it, its sure setting (template.ts renders
 * it), else the words naming the task that may set it
 */
export function factAt(scope: Vars, name: string, before?: number): null | { sure: FactSetting } | { unknown: string; outside?: FactSetting } {
  const f = FACT_SCOPES.get(scope);
  if (!f) return null;
  // (`before`: the settings before that one, when a set_fact's condition is false)
  const upto = before ?? f.upto;
  if (f.log.any && f.log.any.at < upto) return { unknown: f.log.any.by };
  const list = f.log.byName.get(name);
  if (!list) return null;
  // the last setting before the task (binary search: the settings are in run order)
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at < upto) lo = mid + 1;
    else hi = mid;
  }
  if (!lo) return null;
  const e = list[lo - 1]!;
  if (e.sure && (e.play === f.play || (e.hosts !== null && e.hosts === f.hosts))) {
    if (e.region === undefined || f.regions.has(e.region)) return { sure: e };
    // (sure in a list the task is not in: it may not run, unless its condition is false)
    return { unknown: e.by, outside: e };
  }
  return { unknown: e.by };
}

/** A task's loop as written: `loop:` or `with_<lookup>:`, its value, and its `loop_control:` */
export interface LoopSpec {
  /** 'loop', or the lookup's name of a `with_<lookup>:` key */
  kind: string;
  key: Span;
  value: unknown;
  valueSpan: Span;
  /** the spans of a YAML sequence's items */
  items?: Span[];
  /** `loop_control:` as written (null when absent) */
  control: unknown;
  controlSpan: Span | null;
  /** the lookup of a `with_` key after another loop key (Ansible refuses the task: "duplicate loop in task: <lookup>") */
  duplicate?: string;
}

export interface Task {
  /** the whole task mapping */
  span: Span;
  /** the module key (`openstack.cloud.server:`), where a refusal of the whole task lands */
  head: Span;
  module: string;
  args: Arg[];
  /** a free-form word that is not `k=v` (ModuleArgsParser refuses it) */
  rawParams: Array<{ text: string; span: Span }>;
  /**
   * arguments given as a template (`module: "{{ var }}"`, free-form words that hold a `{{ }}`, or
   * `args: "{{ var }}"`): ModuleArgsParser keeps the text as `_variable_params`, and the task
   * takes the dict it renders to under the arguments written out
   */
  variableParams?: { text: string; span: Span };
  /** static vars in scope, innermost last (play, blocks, task) */
  scopes: Vars[];
  /** the task's `loop:`/`with_*:` key, when it has one */
  loop: Span | null;
  /** what the loop key holds (index.ts expands it into one request per item) */
  loopSpec?: LoopSpec;
  /** the `when:` conditions the task runs under, its blocks' first (Conditional: the parents' are prepended), each as YAML gives it */
  when?: Array<{ value: unknown; span: Span }>;
  /** an argument value bdm-lab cannot read statically (a YAML error) */
  problem: string | null;
  /** bdm-lab's own bound stopped it reading the arguments (a value nested too deep): not judged */
  limit?: string;
  /** the text after the module key's colon where a new argument line goes, with its indent */
  insertAfter: (name: string) => { offset: number; indent: string } | null;
  /**
   * the tasks of the task's document in the order ansible-core loads them (plays in order; a play's
   * handlers, pre_tasks, post_tasks, tasks; a block's block, rescue, always): a server task, or
   * another task's refusal at load (a duplicate loop). Ansible loads the whole playbook before it
   * runs any task, so the first refusal fails every task of it (index.ts).
   */
  loadOrder?: LoadEntry[];
  /** ModuleArgsParser's refusal while the playbook loads (a second action statement, a value of another type, `args:`) */
  parseRefusal?: LoadRefusal;
  /** the refusal of its fields after its loops (vars, tags, module_defaults, loop_control, a string field) */
  fieldRefusal?: LoadRefusal;
  /**
   * the `module_defaults` the task inherits and its own (Task: `extend`, `prepend`): each mapping of
   * the play's, then its blocks', then the task's, in order, with the keys as ansible-core validates them
   */
  moduleDefaults?: DefaultsEntry[][];
  /** module_defaults keys bdm-lab does not resolve (what is installed decides whether the playbook loads) */
  defaultsNotes?: Array<{ span: Span; message: string }>;
  /** `no_log:` as the task inherits it (its own, else its innermost block's or play's) */
  noLog?: { value: unknown; span: Span };
}

/** one entry of a module_defaults mapping: its validated key, whether the server takes it, its value as written */
export interface DefaultsEntry {
  key: string;
  applies: 'action' | 'group' | null;
  value: unknown;
  keySpan: Span;
  valueSpan: Span;
  /** a mapping value's options: where each one's key and value are */
  options?: Map<string, { key: Span; value: Span }>;
}

/** what a task takes from its blocks and play besides vars: module_defaults, notes on them, no_log */
interface Inherited {
  defaults: DefaultsEntry[][];
  notes: Array<{ span: Span; message: string }>;
  noLog?: { value: unknown; span: Span };
}
const NOTHING_INHERITED: Inherited = { defaults: [], notes: [] };

/** one task of a document in load order: a server task (its refusals are index.ts's), or another task Ansible refuses while it loads it */
export type LoadEntry = { task: Task } | { span: Span; message: string; where?: string };

const span = (a: number, b: number): Span => ({ offset: a, length: Math.max(0, b - a) });
const nodeSpan = (n: YNode | null | undefined): Span | null => (n && n.range ? span(n.range[0], n.range[1]) : null);

export { mentionsServerTask } from './mentions';
import { mentionsServerTask } from './mentions';

/** the collections toValue is building, outermost first (an alias to one of them makes a value that holds itself) */
const building = new Set<unknown>();

/**
 * A node's value as Ansible's loader builds it (floats kept apart from ints), bounded in depth. An
 * alias inside the collection its anchor names (`&s {a: *s}`): PyYAML builds a value that holds
 * itself, which bdm-lab does not hold: not read, as a value past the depth bound is not (the task
 * is read; a template that uses it names it unresolved).
 */
export function toValue(n: unknown, depth = 0): unknown {
  if (depth > MAX_READ_DEPTH) throw new ValueTooDeep(tooDeep('an argument value'));
  if (n === null || n === undefined) return null;
  if (isAlias(n)) {
    // an alias is its anchor's value, at most MAX_ALIASES times per document (no billion laughs)
    if (!reading || ++reading.aliases > MAX_ALIASES) throw new AliasBudget(nodeSpan(n));
    const target = n.resolve(reading.doc);
    if (building.has(target)) throw new HoldsItself(`a value holds itself (the alias \`*${n.source}\` inside the node its anchor names), which bdm-lab does not read`);
    try {
      return toValue(target, depth + 1);
    } catch (e) {
      // the budget ran out inside it: said at the outermost alias (the one written where it is used)
      if (e instanceof AliasBudget) throw new AliasBudget(nodeSpan(n) ?? e.at);
      throw e;
    }
  }
  if (!isMap(n) && !isSeq(n)) return collectionValue(n, depth);
  building.add(n);
  try {
    return collectionValue(n, depth);
  } finally {
    building.delete(n);
  }
}

function collectionValue(n: unknown, depth: number): unknown {
  if (isScalar(n)) {
    const v = pyYamlScalar(n);
    // an int past 2^53 (Python's str() writes every digit): bdm-lab's bound, the task is not judged
    if (typeof v === 'bigint' && !Number.isSafeInteger(Number(v))) throw new ValueTooDeep(`an argument value holds the integer ${v}, larger than bdm-lab holds exactly`);
    return typeof v === 'bigint' ? Number(v) : v;
  }
  if (isSeq(n)) {
    // `!!omap`, `!!pairs`: a list of (key, value) tuples, which reach the module as lists
    if (n.tag === 'tag:yaml.org,2002:omap' || n.tag === 'tag:yaml.org,2002:pairs') {
      return n.items.map((i) => {
        const one = isPair(i) ? i : isMap(i) && i.items.length === 1 ? i.items[0] : null;
        if (!one) throw new YamlRefused();
        return [toValue(one.key, depth + 1), toValue(one.value, depth + 1)];
      });
    }
    return n.items.map((i) => toValue(i, depth + 1));
  }
  if (isMap(n)) {
    const d = new PyDictBuilder();
    for (const p of pairsOf(n)) {
      const v = toValue(p.value, depth + 1);
      if (isScalar(p.key)) d.set(pyYamlScalar(p.key), v);
      else d.unknown(v);
    }
    return d.out;
  }
  if (isPair(n)) return toValue(n.value, depth + 1);
  return null;
}

// PyYAML's YAML 1.1 implicit types of a plain scalar (resolver.py), tried in this order
const YAML_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const YAML_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const YAML_NULL = /^(?:~|null|Null|NULL|)$/;
const YAML_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const YAML_TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?$/;

/** a value PyYAML's constructor refuses (an int of no digits, a date that does not exist, `=`): it loads no document */
class YamlRefused extends Error {}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** a datetime's time of day, and its UTC offset in minutes (null: a naive datetime) */
export interface PyTime { h: number; mi: number; s: number; us: number; tz: number | null }

/**
 * A YAML 1.1 timestamp as PyYAML builds it: a datetime.date (`time` null) for a bare `YYYY-MM-DD`,
 * else a datetime.datetime, naive or with a fixed UTC offset (datetime.timezone; `Z` and a zero
 * offset are timezone.utc). The module gets it as JSON, its isoformat() (AnsibleJSONEncoder); a
 * template gets the Python object (pyvalue.ts: its str(), repr(), comparisons, attributes).
 */
export class PyDate {
  constructor(readonly y: number, readonly mo: number, readonly d: number, readonly time: PyTime | null) {}
  /** Python's class name */
  get cls(): 'datetime.date' | 'datetime.datetime' {
    return this.time ? 'datetime.datetime' : 'datetime.date';
  }
  private clock(): string {
    const t = this.time!;
    return `${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}${t.us ? `.${pad(t.us, 6)}` : ''}`;
  }
  private offset(): string {
    const tz = this.time?.tz;
    if (tz === null || tz === undefined) return '';
    const m = Math.abs(tz);
    return `${tz < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  }
  private day(): string {
    return `${pad(this.y, 4)}-${pad(this.mo)}-${pad(this.d)}`;
  }
  /** isoformat() */
  get iso(): string {
    return this.time ? `${this.day()}T${this.clock()}${this.offset()}` : this.day();
  }
  /** str(): isoformat with a space between the date and the time */
  toString(): string {
    return this.time ? `${this.day()} ${this.clock()}${this.offset()}` : this.day();
  }
  /** repr() */
  repr(): string {
    const t = this.time;
    if (!t) return `datetime.date(${this.y}, ${this.mo}, ${this.d})`;
    const parts = [this.y, this.mo, this.d, t.h, t.mi];
    if (t.s || t.us) parts.push(t.s);
    if (t.us) parts.push(t.us);
    let tz = '';
    if (t.tz === 0) tz = ', tzinfo=datetime.timezone.utc';
    else if (t.tz !== null) {
      // timedelta's repr: days (-1 for a negative offset) and the seconds left
      const sec = t.tz * 60;
      tz = `, tzinfo=datetime.timezone(datetime.timedelta(${sec < 0 ? `days=-1, seconds=${86400 + sec}` : `seconds=${sec}`}))`;
    }
    return `datetime.datetime(${parts.join(', ')}${tz})`;
  }
  /** the instant in microseconds since 0001-01-01 (a naive datetime's own fields read as UTC; a date at midnight) */
  micros(): bigint {
    const t = this.time;
    const sec = ordinal(this.y, this.mo, this.d) * 86400 + (t ? t.h * 3600 + t.mi * 60 + t.s - (t.tz ?? 0) * 60 : 0);
    return BigInt(sec) * 1_000_000n + BigInt(t ? t.us : 0);
  }
}

/** the days before a date since 0001-01-01 (the proleptic Gregorian calendar, as Python's toordinal() - 1) */
function ordinal(y: number, mo: number, d: number): number {
  const p = y - 1;
  let days = p * 365 + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400);
  for (let m = 1; m < mo; m++) days += daysIn(y, m);
  return days + d - 1;
}

function sexagesimal(body: string): number {
  return body.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** construct_yaml_int: a sign, then `_` dropped, a 0b, 0x or leading-0 octal base, or base-60 parts */
function yamlInt(src: string): number | bigint {
  let t = src.replace(/_/g, '');
  let sign = 1n;
  if (t[0] === '-' || t[0] === '+') { if (t[0] === '-') sign = -1n; t = t.slice(1); }
  if (t === '0') return 0;
  if (t.includes(':')) return Number(sign) * sexagesimal(t);
  const parse = (digits: string, base: bigint, ok: RegExp): bigint => {
    if (!ok.test(digits)) throw new YamlRefused();
    let v = 0n;
    for (const c of digits.toLowerCase()) v = v * base + BigInt(parseInt(c, 36));
    return v;
  };
  let v: bigint;
  if (t.startsWith('0b')) v = parse(t.slice(2), 2n, /^[01]+$/);
  else if (t.startsWith('0x')) v = parse(t.slice(2), 16n, /^[0-9a-fA-F]+$/);
  else if (t[0] === '0') v = parse(t, 8n, /^[0-7]+$/);
  else v = parse(t, 10n, /^[0-9]+$/);
  return sign * v;
}

/** construct_yaml_float */
function yamlFloat(src: string): PyFloat {
  let t = src.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (t[0] === '-' || t[0] === '+') { if (t[0] === '-') sign = -1; t = t.slice(1); }
  if (t === '.inf') return new PyFloat(sign * Infinity);
  if (t === '.nan') return new PyFloat(NaN);
  if (t.includes(':')) return new PyFloat(sign * sexagesimal(t));
  return new PyFloat(sign * Number(t));
}


/** construct_yaml_timestamp: a date, or a datetime (naive, or with its offset) */
function yamlTimestamp(src: string): PyDate {
  const d = YAML_DATE.exec(src);
  const m = d ?? YAML_TIMESTAMP.exec(src)!;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || da < 1 || da > daysIn(y, mo)) throw new YamlRefused();
  if (d) return new PyDate(y, mo, da, null);
  const [h, mi, se] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || se > 59) throw new YamlRefused();
  const us = m[7] ? Number((m[7].slice(0, 6) + '000000').slice(0, 6)) : 0;
  let tz: number | null = null;
  if (m[8] === 'Z') tz = 0;
  else if (m[8]) {
    const minutes = Number(m[10]) * 60 + Number(m[11] ?? 0);
    if (minutes >= 24 * 60) throw new YamlRefused();
    tz = m[9] === '-' && minutes ? -minutes : minutes;
  }
  return new PyDate(y, mo, da, { h, mi, s: se, us, tz });
}

/**
 * A scalar as PyYAML's YAML 1.1 loader reads it: a plain one by PyYAML's own resolver (it keeps
 * `y`, `n`, `1e3`, `09`, `+.5` strings, reads `0_` as 0, `2001-12-14` as a date), a quoted one as
 * a string, an explicit `!!float` as a float; other tags as the yaml package reads them.
 */
function pyYamlScalar(n: { value: unknown; source?: string; type?: string; tag?: string }): unknown {
  if (typeof n.value === 'symbol') return n.value;
  if (n.type === 'PLAIN' && !n.tag) {
    const src = String(n.source ?? '');
    if (YAML_BOOL.test(src)) return /^[yto]/i.test(src) && !/^off$/i.test(src);
    if (YAML_FLOAT.test(src)) return yamlFloat(src);
    if (YAML_INT.test(src)) return yamlInt(src);
    if (src === '<<' || src === '=') throw new YamlRefused();
    if (YAML_NULL.test(src)) return null;
    if (YAML_DATE.test(src) || YAML_TIMESTAMP.test(src)) return yamlTimestamp(src);
    return src;
  }
  if (n.tag === 'tag:yaml.org,2002:float') return taggedFloat(String(n.source ?? n.value));
  if (n.tag === 'tag:yaml.org,2002:int') return taggedInt(String(n.source ?? n.value));
  if (n.tag === 'tag:yaml.org,2002:bool') {
    // construct_yaml_bool: a lookup of the lowered text (a KeyError for any other)
    const b = BOOL_WORDS.get(String(n.source ?? n.value).toLowerCase());
    if (b === undefined) throw new YamlRefused();
    return b;
  }
  // construct_yaml_null: None whatever is written
  if (n.tag === 'tag:yaml.org,2002:null') return null;
  if (n.tag === 'tag:yaml.org,2002:str') return String(n.source ?? n.value);
  if (typeof n.value === 'number' && !Number.isInteger(n.value)) return new PyFloat(n.value);
  return n.value;
}

/**
 * An explicit `!!float`: construct_yaml_float on any text: `_` dropped, lowered, a sign, then
 * `.inf`, `.nan`, base-60 parts or Python's float() (which skips white space at the ends and reads
 * `inf`, `nan`, Unicode digits); an empty text is its IndexError, anything float() refuses its
 * ValueError: PyYAML loads no document either way.
 */
function taggedFloat(src: string): PyFloat {
  let t = src.replace(/_/g, '').toLowerCase();
  if (!t) throw new YamlRefused();
  const sign = t[0] === '-' ? -1 : 1;
  if (t[0] === '+' || t[0] === '-') t = t.slice(1);
  if (t === '.inf') return new PyFloat(sign * Infinity);
  if (t === '.nan') return new PyFloat(NaN);
  const float = (text: string): number => {
    const v = pyFloatParse(numberText(text));
    if (v === null) throw new YamlRefused();
    return v;
  };
  if (t.includes(':')) return new PyFloat(sign * t.split(':').reduce((acc, part) => acc * 60 + float(part), 0));
  return new PyFloat(sign * float(t));
}

const BOOL_WORDS = new Map([['yes', true], ['no', false], ['true', true], ['false', false], ['on', true], ['off', false]]);

/**
 * An explicit `!!int`: construct_yaml_int on any text (the resolver's pattern is not asked):
 * `_` dropped, a sign, then 0b/0x/leading-0 octal/base-60 parts, each read by Python's int(),
 * which skips white space at the ends and reads Unicode digits; an empty text is its IndexError,
 * anything int() refuses its ValueError: PyYAML loads no document either way.
 */
function taggedInt(src: string): number | bigint {
  let t = src.replace(/_/g, '');
  if (!t) throw new YamlRefused();
  const sign = t[0] === '-' ? -1n : 1n;
  if (t[0] === '+' || t[0] === '-') t = t.slice(1);
  if (t === '0') return 0;
  const int = (digits: string, base: number): bigint => {
    const v = pyIntParse(numberText(digits), base);
    if (v === null) throw new YamlRefused();
    return v;
  };
  if (t.startsWith('0b')) return sign * int(t.slice(2), 2);
  if (t.startsWith('0x')) return sign * int(t.slice(2), 16);
  if (t[0] === '0') return sign * int(t, 8);
  if (t.includes(':')) return Number(sign) * t.split(':').reduce((acc, part) => acc * 60 + Number(int(part, 10)), 0);
  return sign * int(t, 10);
}

/** a plain `<<` key (YAML 1.1's merge key; a quoted one is a string) */
const isMerge = (p: Pair): boolean => isScalar(p.key) && typeof p.key.value === 'symbol';


/** an alias's node (counted against the document's alias budget), or the node itself */
function deref(n: unknown): unknown {
  if (!isAlias(n)) return n;
  if (!reading || ++reading.aliases > MAX_ALIASES) throw new AliasBudget(nodeSpan(n));
  return n.resolve(reading.doc);
}

/**
 * A mapping's pairs as PyYAML's merge leaves them: the pairs every `<<` brings (a mapping, or a list
 * of mappings where an earlier one wins over a later one) come first, in the order of the `<<`
 * keys, then the mapping's own pairs, so an own key wins over a merged one (the last duplicate wins).
 */
function pairsOf(m: YAMLMap, depth = 0): Pair[] {
  const items = m.items as Pair[];
  if (!items.some(isMerge)) return items;
  if (depth > MAX_DEPTH) throw new YamlRefused();
  const merged: Pair[] = [];
  const own: Pair[] = [];
  for (const p of items) {
    if (!isMerge(p)) { own.push(p); continue; }
    const v = deref(p.value);
    if (isMap(v)) merged.push(...pairsOf(v, depth + 1));
    else if (isSeq(v)) {
      const each = v.items.map((i) => {
        const sub = deref(i);
        if (!isMap(sub)) throw new YamlRefused();
        return pairsOf(sub, depth + 1);
      });
      for (const ps of each.reverse()) merged.push(...ps);
    } else throw new YamlRefused();
  }
  return [...merged, ...own];
}

function keyName(p: Pair): string {
  return isScalar(p.key) ? String(pyYamlScalar(p.key)) : '';
}

function pairOf(m: YAMLMap, name: string): Pair | undefined {
  let found: Pair | undefined;
  for (const p of pairsOf(m)) if (keyName(p) === name) found = p; // the last of duplicated keys wins
  return found;
}

function staticVars(m: YAMLMap): Vars {
  const p = pairOf(m, 'vars');
  const v = p && deref(p.value);
  if (!isMap(v)) return {};
  try {
    return toValue(v) as Vars;
  } catch (e) {
    // vars nested past the limit are not read: a task that uses them names them as unresolved
    if (e instanceof HoldsItself) return varsHoldingThemselves(v);
    if (e instanceof ValueTooDeep) return {};
    throw e;
  }
}

/**
 * Vars of which some values hold themselves (`x: &a {b: *a}`, or `vars: &v {all: *v}`), read name by
 * name: each other value as before, each one that holds itself as SelfHolding (its text is made only
 * where a template reads it). Any other value bdm-lab does not read leaves the vars unread, as before.
 */
function varsHoldingThemselves(v: YAMLMap): Vars {
  const out: Vars = {};
  // (past the document's alias budget here, the vars are left unread as before, the budget as it was)
  const spent = reading?.aliases ?? 0;
  try {
    for (const p of pairsOf(v)) {
      const k = isScalar(p.key) ? pyYamlScalar(p.key) : null;
      if (typeof k !== 'string' || k === '__proto__') return {};
      try {
        out[k] = toValue(p.value);
      } catch (e) {
        if (!(e instanceof HoldsItself) || !reading) throw e;
        out[k] = new SelfHolding(p.value, reading.doc);
      }
    }
  } catch (e) {
    if (e instanceof AliasBudget && reading) reading.aliases = spent;
    if (e instanceof ValueTooDeep || e instanceof AliasBudget) return {};
    throw e;
  }
  return out;
}

/** where a value that holds itself names itself again: Python's repr writes `{...}` or `[...]` there */
export class HeldAgain {
  constructor(readonly open: '{' | '[') {}
}

const SELF_HOLDING = new WeakMap<object, { node: unknown; doc: Document.Parsed }>();

/**
 * A variable whose value holds itself. Ansible renders a variable before a template uses it
 * (Templar.template walks its value), which never ends for such a value: the task fails with a
 * RecursionError in the words of vars.py, "An unhandled exception occurred while templating" and
 * the value's str(). `shown()` is that value with HeldAgain where Python's repr stops, or null where
 * it is past bdm-lab's bounds.
 */
export class SelfHolding {
  constructor(node: unknown, doc: Document.Parsed) {
    // (held apart: the instance has no keys of its own, so that no walk over values goes into the document)
    SELF_HOLDING.set(this, { node, doc });
  }

  shown(): unknown {
    const onPath = new Set<unknown>();
    let left = 10_000;
    let aliases = MAX_ALIASES;
    const { node, doc } = SELF_HOLDING.get(this)!;
    const walk = (n: unknown, depth: number): unknown => {
      if (depth > MAX_READ_DEPTH || --left < 0) throw new ValueTooDeep();
      if (isAlias(n)) {
        if (--aliases < 0) throw new ValueTooDeep();
        return walk(n.resolve(doc), depth + 1);
      }
      if (n === null || n === undefined) return null;
      if (!isMap(n) && !isSeq(n)) return collectionValue(n, depth);
      if (onPath.has(n)) return new HeldAgain(isMap(n) ? '{' : '[');
      // (tagged lists, and keys other than texts that JavaScript keeps in their order: not shown)
      if (n.tag) throw new ValueTooDeep();
      onPath.add(n);
      try {
        if (isSeq(n)) return n.items.map((x) => walk(x, depth + 1));
        const o: Record<string, unknown> = {};
        for (const p of pairsOf(n)) {
          const k = isScalar(p.key) ? pyYamlScalar(p.key) : null;
          if (typeof k !== 'string' || k === '__proto__' || /^(0|[1-9]\d*)$/.test(k)) throw new ValueTooDeep();
          o[k] = walk(p.value, depth + 1);
        }
        return o;
      } finally {
        onPath.delete(n);
      }
    };
    // (merge keys are read through the document's aliases)
    const was = reading;
    reading = { doc, aliases: 0 };
    try {
      return walk(node, 0);
    } catch (e) {
      if (e instanceof ValueTooDeep || e instanceof YamlRefused || e instanceof AliasBudget) return null;
      throw e;
    } finally {
      reading = was;
    }
  }
}

function collections(m: YAMLMap): string[] {
  const p = pairOf(m, 'collections');
  return p && isSeq(p.value) ? p.value.items.map((i) => String(isScalar(i) ? i.value : '')) : [];
}

/** how the `yaml` package is asked to read a file: YAML 1.1, keys repeated (the last wins), `<<` merges, no custom tags */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { version: '1.1', uniqueKeys: false, merge: true, prettyErrors: false, customTags: [] };

/** The server tasks of a YAML text, in text order. */
export function findTasks(text: string): Task[] {
  if (text.length > MAX_TEXT) {
    // bdm-lab's bound, said at the first server module the text names rather than the file skipped in silence
    const m = /(openstack\.cloud\.(?:os_)?server|os_server)\b/.exec(text);
    const at = m ? span(m.index, m.index + m[0].length) : span(0, Math.min(1, text.length));
    return [unreadTask(at, `the file has ${text.length} characters, more than bdm-lab reads of an Ansible file (${MAX_TEXT}); its tasks are not read`)];
  }
  const out: Task[] = [];
  let docs;
  try {
    // (the yaml package makes an Error per problem: no stack is captured for them, parse/noStacks.ts)
    docs = withoutStacks(() => parseAllDocuments(text, YAML_OPTIONS));
  } catch {
    return [];
  }
  // quoted scalars and flow collections whose later lines are indented less than the yaml package
  // reads, which Ansible's loader (libyaml) reads at any column: the text with those lines indented
  // further (blanks their folding drops), each range taken back to the text as written
  if (Array.isArray(docs) && docs.some((d) => d.errors.length)) {
    // (a line of blanks holding a tab inside them is indented too: pyYamlFlow.ts)
    const flow = readFlowAsPyYaml(text);
    // (where the loader refuses the text, a document marker in a quoted scalar say, it stays unread)
    if (flow.text !== text && !flow.refusal) {
      let again: typeof docs | null = null;
      try {
        again = withoutStacks(() => parseAllDocuments(flow.text, YAML_OPTIONS));
      } catch {
        again = null;
      }
      // (blanks added inside lines: the documents are the same ones; each read again without an error replaces its first reading)
      if (Array.isArray(again) && again.length === docs.length) {
        const first = docs;
        docs = again.map((d, k) => {
          if (!first[k]!.errors.length || d.errors.length) return first[k]!;
          rangesBack(d, flow.toOriginal);
          return d;
        });
      }
    }
  }
  for (const d of Array.isArray(docs) ? docs : []) {
    if (d.errors.length) {
      // the yaml reader ran out of stack (thousands of levels): bdm-lab's limit, said rather than
      // the document skipped as one with a YAML error is (the text mentions a server task)
      const deep = d.errors.find((e) => readerOverflowed(e.message));
      if (deep) out.push(unreadTask(span(deep.pos[0], Math.max(deep.pos[0] + 1, deep.pos[1])), tooDeep('the document')));
      continue;
    }
    reading = { doc: d, aliases: 0 };
    const before = out.length;
    try {
      walk(d.contents, [], [], out, 0, text, []);
      const order: LoadEntry[] = [];
      // (its own budget: the server tasks' values are not read again)
      reading.aliases = 0;
      try {
        loadWalk(d.contents, new Map(out.slice(before).map((t) => [t.span.offset, t])), order, 0);
      } catch (e) {
        // bdm-lab's bounds met in another task: the tasks before it keep their load order
        if (!(e instanceof AliasBudget) && !(e instanceof ValueTooDeep)) throw e;
      }
      // (a collection as a mapping key: the loader refuses the whole file before any task loads;
      // an alias or anchor its composer refuses comes before any key is looked at)
      const unhashable = composerRefusal(d, text) ?? unhashableKey(d, text) ?? notAList(d, text);
      if (unhashable) order.unshift(unhashable);
      for (const t of out.slice(before)) t.loadOrder = order;
      reading.aliases = 0;
      try {
        factsOver(d.contents, new Map(out.slice(before).map((t) => [t.span.offset, t])), text.includes('notify'));
      } catch (e) {
        // bdm-lab's bounds met in another task: the tasks keep the facts found before it
        if (!(e instanceof AliasBudget) && !(e instanceof ValueTooDeep) && !(e instanceof YamlRefused)) throw e;
      }
    } catch (e) {
      // past the alias budget, or a merge PyYAML refuses: no task is read from the document
      if (!(e instanceof AliasBudget) && !(e instanceof YamlRefused)) throw e;
      out.length = before;
      // bdm-lab's bound, not the YAML's (PyYAML shares an alias's value): said where it ran out,
      // when the document mentions a server task
      if (e instanceof AliasBudget) {
        const r = d.range;
        if (mentionsServerTask(text.slice(r[0], r[2]))) {
          const at = e.at ?? span(r[0], r[0] + 1);
          out.push(unreadTask(at, `the document expands more than ${MAX_ALIASES} YAML aliases (anchors used again), bdm-lab's bound; its tasks are not read`));
        }
      }
    } finally {
      reading = null;
    }
  }
  return out;
}

/**
 * A text read as PyYAML's SafeLoader reads it (Ansible's from_yaml filters): each document's
 * value, or null where the loader refuses it (a YAML error, an unhashable key, a scalar its
 * constructor refuses) or bdm-lab's bounds stop the reading.
 */
export function yamlLoad(text: string): unknown[] | null {
  let docs;
  try {
    docs = withoutStacks(() => parseAllDocuments(text, YAML_OPTIONS));
  } catch {
    return null;
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.some((d) => d.errors.length || d.warnings.length || composerRefusal(d, text) || unhashableKey(d, text))) return null;
  const was = reading;
  const out: unknown[] = [];
  try {
    for (const d of list) {
      reading = { doc: d, aliases: 0 };
      out.push(toValue(d.contents));
    }
  } catch (e) {
    if (e instanceof AliasBudget || e instanceof ValueTooDeep || e instanceof YamlRefused) return null;
    throw e;
  } finally {
    reading = was;
  }
  return out;
}

/**
 * ansible-core's DataLoader reading a playbook that is not JSON: the JSON error it names (Python's
 * json.loads of the text), when the text does not start like a JSON value: "Expecting value" where
 * it starts. Null where json.loads would read further (bdm-lab does not say how far).
 */
function jsonRefusal(text: string): string | null {
  const i = text.search(/[^ \t\n\r]|$/);
  const rest = text.slice(i, i + 9);
  if (/^(?:[{["0-9\ufeff]|-[0-9I]|true|false|null|NaN|Infinity)/.test(rest)) return null;
  const before = text.slice(0, i);
  return `Expecting value: line ${before.split('\n').length} column ${i - before.lastIndexOf('\n')} (char ${i})`;
}

/** ansible-core's DataLoader refusing a playbook its YAML loader refuses: the problem's words, after the JSON error where there is one */
function loadRefusalWords(text: string, problem: string): string {
  const json = jsonRefusal(text);
  const yaml = `Syntax Error while loading YAML.\n  ${problem}`;
  return json === null ? yaml : `We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: ${json}\n\n${yaml}`;
}

/**
 * An alias whose anchor no node before it in the document sets, or an anchor set a second time:
 * PyYAML's composer (yaml/composer.py compose_node) refuses either while it builds the document's
 * nodes ("found undefined alias", "found duplicate anchor ...; first occurrence ... second
 * occurrence", of which Ansible prints the problem), so before any value is made (an unhashable key
 * comes after) and before any task of the file loads. A collection's anchor is set before its
 * items (an alias inside it to it is read). The `yaml` package reads both without an error (the
 * last anchor wins). Nodes in text order, each once (aliases are not followed): bounded by the text.
 */
function composerRefusal(d: Document.Parsed, text: string): { span: Span; message: string; where: string } | null {
  const anchors = new Set<string>();
  let found: { span: Span; message: string; where: string } | null = null;
  visit(d, {
    Node(_, n) {
      if (isAlias(n)) {
        if (anchors.has(n.source)) return undefined;
        found = { span: nodeSpan(n) ?? span(0, 1), message: loadRefusalWords(text, 'found undefined alias'), where: `the alias \`*${n.source}\`, whose anchor is not set before it in the document: Ansible reads no task of the file` };
        return visit.BREAK;
      }
      const a = (n as { anchor?: string }).anchor;
      if (!a) return undefined;
      if (anchors.has(a)) {
        found = { span: nodeSpan(n) ?? span(0, 1), message: loadRefusalWords(text, 'second occurrence'), where: `the anchor \`&${a}\`, set a second time in the document: Ansible reads no task of the file` };
        return visit.BREAK;
      }
      anchors.add(a);
      return undefined;
    },
  });
  return found;
}

/**
 * A mapping key that is a mapping or a sequence (an unquoted `{{ var }}` value is a flow mapping
 * whose key is another): PyYAML's constructor (AnsibleConstructor.construct_mapping) refuses it as
 * unhashable, so ansible-core's DataLoader refuses the whole file while it reads it (no task of it
 * runs): its words and the key's place. The constructor builds the document level by level (each
 * mapping's keys and values, then their own contents), so the first key it meets is the shallowest
 * one, in text order. Each node is looked at once (aliases are not followed): bounded by the text.
 */
function unhashableKey(d: Document.Parsed, text: string): { span: Span; message: string; where: string } | null {
  const queue: unknown[] = [d.contents];
  for (let k = 0; k < queue.length; k++) {
    const n = queue[k];
    if (isSeq(n)) { for (const i of n.items) if (isMap(i) || isSeq(i)) queue.push(i); continue; }
    if (!isMap(n)) continue;
    for (const p of n.items) {
      const key = isAlias(p.key) ? p.key.resolve(d) : p.key;
      if (isMap(key) || isSeq(key)) {
        const at = nodeSpan((isAlias(p.key) ? p.key : key) as YNode) ?? span(0, 1);
        return { span: at, message: loadRefusalWords(text, `found unacceptable key (unhashable type: '${isMap(key) ? 'AnsibleMapping' : 'AnsibleSequence'}')`), where: 'the key YAML refuses as unhashable (a mapping or a list; an unquoted `{{ }}` is a mapping): Ansible reads no task of the file' };
      }
      if (isMap(p.value) || isSeq(p.value)) queue.push(p.value);
    }
  }
  return null;
}

/**
 * A file whose top level is a mapping (a play or a task written without the list around it):
 * ansible-core refuses it whole after it is read, before any task of it loads. As a playbook
 * (playbook/__init__.py _load_playbook_data) "A playbook must be a list of plays, got a <class ...>
 * instead: " and the file's path (the class is `dict` where the text is JSON, DataLoader's
 * json.loads having read it; AnsibleMapping where its YAML loader did); as a task file (import_tasks,
 * include_tasks) "included task files must contain a list of tasks"; as a role's tasks/main.yml, the
 * role's name in other words. A mapping with a play's keys is read as a playbook, any other as a
 * task file. bdm-lab is not given the file's path: the playbook's words stop before it.
 */
function notAList(d: Document.Parsed, text: string): { span: Span; message: string; where: string } | null {
  const top = d.contents;
  if (!isMap(top) || !top.items.length) return null;
  // (where the mapping starts, to the end of its first key: Ansible points at the file's first line)
  const first = top.items[0]!;
  const key = nodeSpan((isPair(first) ? first.key : first) as YNode);
  const start = top.range ? top.range[0] : key?.offset ?? 0;
  const at = span(start, Math.max(start + 1, key ? key.offset + key.length : start + 1));
  let play = false;
  try {
    play = !!pairOf(top, 'hosts') || PLAY_LISTS.some((k) => pairOf(top, k));
  } catch (e) {
    // (a merge PyYAML refuses, or past the alias budget: the reading that says so comes first)
    if (!(e instanceof AliasBudget) && !(e instanceof YamlRefused)) throw e;
  }
  if (!play) return { span: at, message: 'included task files must contain a list of tasks', where: 'the file\'s top level, a mapping rather than a list of tasks: Ansible reads no task of it (as a role\'s tasks/main.yml: "The tasks/main.yml file for role ... must contain a list of tasks")' };
  let json = false;
  try {
    // (linear in the text, which is bounded by MAX_TEXT; json.loads also reads NaN, Infinity and
    // -Infinity as values, which JSON.parse is given as null)
    const v: unknown = JSON.parse(jsonSpecialsAsNull(text));
    json = v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    json = false;
  }
  const cls = json ? 'dict' : 'ansible.parsing.yaml.objects.AnsibleMapping';
  return { span: at, message: `A playbook must be a list of plays, got a <class '${cls}'> instead`, where: 'the file\'s top level, a play rather than a list of plays: Ansible reads no task of it (its words go on with the playbook\'s path)' };
}

/** the text with each NaN, Infinity and -Infinity outside a JSON string written as null (one pass) */
function jsonSpecialsAsNull(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '"') {
      // (to the string's end: a backslash takes the character after it)
      for (i++; i < text.length && text[i] !== '"'; i += text[i] === '\\' ? 2 : 1);
      i++;
      continue;
    }
    const word = c === 'N' && text.startsWith('NaN', i) ? 3 : c === 'I' && text.startsWith('Infinity', i) ? 8 : c === '-' && text.startsWith('-Infinity', i) ? 9 : 0;
    if (!word) { i++; continue; }
    parts.push(text.slice(from, i), 'null');
    i += word;
    from = i;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** each node's range (and the document's) taken back to the text as written */
function rangesBack(d: Document.Parsed, at: (offset: number) => number): void {
  const back = (r: [number, number, number] | null | undefined) => {
    if (!r) return;
    for (let k = 0; k < 3; k++) r[k] = at(r[k]!);
  };
  back(d.range);
  visit(d, { Node(_, n) { back(n.range); return undefined; } });
}

/** A task bdm-lab could not read (its own limit): no arguments, the limit said at `at`. */
function unreadTask(at: Span, limit: string): Task {
  return { span: at, head: at, module: SERVER_MODULES[0]!, args: [], rawParams: [], scopes: [], loop: null, problem: null, limit, insertAfter: () => null };
}

type When = NonNullable<Task['when']>;

function walk(n: unknown, scopes: Vars[], colls: string[], out: Task[], depth: number, text: string, whens: When, handler = false, inh: Inherited = NOTHING_INHERITED): void {
  if (depth > MAX_DEPTH) return;
  if (isSeq(n)) {
    for (const i of n.items) walk(i, scopes, colls, out, depth + 1, text, whens, handler, inh);
    return;
  }
  if (!isMap(n)) return;
  const here = [...colls, ...collections(n)];
  const vars = staticVars(n);
  const own = whenOf(n);
  const all = own ? [...whens, ...own] : whens;
  const defaults = defaultsOf(n);
  const noLogPair = pairOf(n, 'no_log');
  let noLog = inh.noLog;
  if (noLogPair) {
    try {
      noLog = { value: toValue(deref(noLogPair.value)), span: nodeSpan(noLogPair.key as YNode)! };
    } catch (e) {
      if (!(e instanceof ValueTooDeep)) throw e;
      noLog = { value: undefined, span: nodeSpan(noLogPair.key as YNode)! };
    }
  }
  const mine: Inherited = defaults || noLog !== inh.noLog
    ? { defaults: defaults ? [...inh.defaults, ...defaults.dicts] : inh.defaults, notes: defaults ? [...inh.notes, ...defaults.notes] : inh.notes, ...(noLog ? { noLog } : {}) }
    : inh;
  const task = readTask(n, scopes, here, vars, text);
  if (task) {
    if (all.length) task.when = all;
    if (mine.defaults.length) task.moduleDefaults = mine.defaults;
    if (mine.notes.length) task.defaultsNotes = mine.notes;
    if (mine.noLog) task.noLog = mine.noLog;
    if (!task.limit) {
      const parse = taskLoadRefusal(n, handler, true);
      if (parse) task.parseRefusal = parse;
      const fields = serverFieldRefusal(n, handler);
      if (fields) task.fieldRefusal = fields;
    }
    out.push(task);
    return;
  }
  let inner = Object.keys(vars).length ? [...scopes, vars] : scopes;
  const files = varsFilesScope(n);
  if (files) inner = [...inner, files];
  for (const k of TASK_LISTS) {
    const p = pairOf(n, k);
    if (p) walk(p.value, inner, here, out, depth + 1, text, all, handler || k === 'handlers', mine);
  }
}

/** a play's `vars_files` (a value that names files) as a scope no name is read from (VARS_FILES_SCOPES) */
function varsFilesScope(m: YAMLMap): Vars | null {
  if (!pairOf(m, 'hosts') && !PLAY_LISTS.some((k) => pairOf(m, k))) return null;
  const p = pairOf(m, 'vars_files');
  if (!p) return null;
  const v = deref(p.value);
  if (!pyTrue(v)) return null;
  let names: string;
  try {
    const x = toValue(v);
    names = Array.isArray(x) ? x.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join(', ') : typeof x === 'string' ? x : JSON.stringify(x);
  } catch (e) {
    if (!(e instanceof ValueTooDeep)) throw e;
    names = 'its files';
  }
  const scope: Vars = {};
  VARS_FILES_SCOPES.set(scope, `the play's \`vars_files\` (${names.length > 80 ? `${names.slice(0, 77)}...` : names}), files bdm-lab does not read, which Ansible puts over the play's \`vars:\``);
  return scope;
}

/**
 * A mapping's `module_defaults` as Base._load_module_defaults keeps it: each mapping (one, or each of
 * a list) with its keys validated (defaultsKey), the last of two keys that validate alike winning at
 * the first one's place; null when it has none, or one ansible-core refuses (defaultsRefusal says so).
 */
function defaultsOf(m: YAMLMap): { dicts: DefaultsEntry[][]; notes: Array<{ span: Span; message: string }> } | null {
  const p = pairOf(m, 'module_defaults');
  if (!p) return null;
  const v = deref(p.value);
  const at = nodeSpan(p.key as YNode)!;
  if (scalarOf(v)?.v === null) return null;
  const dicts: DefaultsEntry[][] = [];
  const notes: Array<{ span: Span; message: string }> = [];
  try {
    for (const d of isSeq(v) ? v.items.map(deref) : [v]) {
      if (!isMap(d)) return null;
      const byKey = new Map<string, DefaultsEntry>();
      for (const q of dictPairs(d)) {
        const k = scalarOf(q.key)?.v;
        const keySpan = nodeSpan(q.key as YNode) ?? at;
        if (typeof k !== 'string') {
          notes.push({ span: keySpan, message: 'a module_defaults key that is not a text (ansible-core fails while it loads the playbook, with an error bdm-lab does not word)' });
          continue;
        }
        const r = defaultsKey(k);
        if ('refused' in r) return null;
        if ('unknown' in r) {
          notes.push({ span: keySpan, message: `module_defaults names ${r.unknown}: if none is found there, ansible-core refuses the playbook while it loads it` });
          continue;
        }
        const node = deref(q.value);
        const value = toValue(node);
        const valueSpan = nodeSpan(node as YNode) ?? keySpan;
        let options: DefaultsEntry['options'];
        if (isMap(node)) {
          options = new Map();
          for (const o of dictPairs(node)) {
            const ok = nodeSpan(o.key as YNode) ?? valueSpan;
            options.set(keyName(o), { key: ok, value: nodeSpan(deref(o.value) as YNode) ?? ok });
          }
        }
        const before = byKey.get(r.validated);
        byKey.set(r.validated, { key: r.validated, applies: r.applies, value, keySpan: before ? before.keySpan : keySpan, valueSpan, ...(options ? { options } : {}) });
      }
      dicts.push([...byKey.values()]);
    }
  } catch (e) {
    if (!(e instanceof NotWorded) && !(e instanceof ValueTooDeep)) throw e;
    notes.push({ span: at, message: 'a module_defaults value bdm-lab does not read (a key that is not a text, or nested past its bound)' });
    return { dicts: [], notes };
  }
  return { dicts, notes };
}

/** Base._load_module_defaults' refusals: a value that is not a mapping or a list of them, a group or an action that does not resolve */
function defaultsRefusal(m: YAMLMap): LoadRefusal | null {
  const p = pairOf(m, 'module_defaults');
  if (!p) return null;
  const at = nodeSpan(p.key as YNode)!;
  const v = deref(p.value);
  if (scalarOf(v)?.v === null) return null;
  for (const d of isSeq(v) ? v.items.map(deref) : [v]) {
    if (!isMap(d)) return { span: at, message: DEFAULTS_SHAPE };
    for (const q of dictPairs(d)) {
      const k = scalarOf(q.key)?.v;
      if (typeof k !== 'string') throw new NotWorded();
      const r = defaultsKey(k);
      if ('refused' in r) return { span: nodeSpan(q.key as YNode) ?? at, message: r.refused };
    }
  }
  return null;
}

const PLAY_LISTS = ['handlers', 'pre_tasks', 'post_tasks', 'tasks'];
const BLOCK_LISTS = ['block', 'rescue', 'always'];

/**
 * The document's tasks in the order ansible-core loads them (Playbook.load: each play's
 * attributes by priority, so handlers, pre_tasks, post_tasks then tasks; Block.load: block, rescue,
 * always): the server tasks `walk` found (by their mapping's offset), and any other task that
 * Task.preprocess_data refuses for a second loop key.
 */
function loadWalk(n: unknown, servers: Map<number, Task>, order: LoadEntry[], depth: number, handler = false): void {
  if (depth > MAX_DEPTH) return;
  n = deref(n);
  if (isSeq(n)) {
    for (const i of n.items) loadWalk(i, servers, order, depth + 1, handler);
    return;
  }
  if (!isMap(n)) return;
  const at = nodeSpan(n)?.offset;
  const t = at === undefined ? undefined : servers.get(at);
  if (t) {
    order.push({ task: t });
    return;
  }
  const block = !!pairOf(n, 'block');
  const play = !block && (PLAY_LISTS.some((k) => pairOf(n as YAMLMap, k)) || !!pairOf(n, 'hosts'));
  if (block || play) {
    // Block.load / Play.load: the keys that are not its fields, its vars and tags, then its task lists, then validate()
    let head: LoadRefusal | null;
    try {
      head = headRefusal(n, block ? 'Block' : 'Play');
    } catch (e) {
      if (!(e instanceof NotWorded)) throw e;
      head = null;
    }
    if (head) { order.push(head); return; }
    for (const k of block ? BLOCK_LISTS : PLAY_LISTS) {
      const p = pairOf(n, k);
      if (!p) continue;
      const v = deref(p.value);
      if (block && !isSeq(v)) {
        order.push({ span: nodeSpan(p.key as YNode)!, message: `A malformed block was encountered while loading ${k === 'block' ? 'a block' : k === 'rescue' ? 'rescue.' : 'always'}` });
        return;
      }
      loadWalk(p.value, servers, order, depth + 1, handler || k === 'handlers');
    }
    try {
      const s = stringRefusal(n, block ? BLOCK_STRINGS : PLAY_STRINGS);
      if (s) order.push(s);
    } catch (e) {
      if (!(e instanceof NotWorded)) throw e;
    }
    return;
  }
  const r = taskLoadRefusal(n, handler, false);
  if (r) order.push(r);
}

const SET_FACT = new Set(['set_fact', 'ansible.builtin.set_fact', 'ansible.legacy.set_fact']);
const INCLUDE_VARS = new Set(['include_vars', 'ansible.builtin.include_vars', 'ansible.legacy.include_vars']);
const LOOP_KEY = /^(?:loop|with_.+)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Each server task's facts scope (FACT_SCOPES): what the document's other tasks may set before it
 * runs, in ansible-core's run order (a play's pre_tasks, tasks, post_tasks; its handlers may run at
 * any flush after pre_tasks, so theirs count from there on unless no task of the text notifies (then
 * they never run and set nothing, for later plays either), and
 * a server task among them sees every task of the play before it; a block's block, rescue, always; plays in order, whose host facts
 * stay set for the next). The scope goes innermost, over the task's own `vars:`.
 */
function factsOver(contents: unknown, servers: Map<number, Task>, notifies: boolean): void {
  const log: FactLog = { byName: new Map(), any: null, size: 0 };
  const seen = new Map<Task, Vars>();
  let play = 0;
  let hosts: string | null = null;
  // (tasks that see the same facts share one scope)
  const made = new Map<string, Vars>();
  // (the rescue lists and rescued block lists around the task being visited, innermost last)
  let regions: number[] = [];
  let nextRegion = 0;
  const scopeAt = (upto: number): Vars => {
    const key = `${upto} ${play} ${regions.join(',')}`;
    let scope = made.get(key);
    if (!scope) {
      scope = {};
      FACT_SCOPES.set(scope, { log, upto, play, hosts, regions: new Set(regions) });
      made.set(key, scope);
    }
    return scope;
  };
  // (handlers no task notifies: they never run, so what they set is set for no task)
  let muted = false;
  const add = (name: string | null, by: string, sure = false, raw?: unknown, scopes?: Vars[], when?: unknown[]) => {
    if (muted) return;
    const at = log.size++;
    if (name === null) {
      if (!log.any) log.any = { at, by };
      return;
    }
    let list = log.byName.get(name);
    if (!list) log.byName.set(name, list = []);
    const region = regions.length ? { region: regions[regions.length - 1]! } : {};
    list.push(sure ? { at, by, sure, raw, scopes, play, hosts, ...(when ? { when } : {}), ...region } : { at, by, sure, play, hosts });
  };
  // (`conds`: the `when:` conditions of the blocks around, which a sure set_fact keeps)
  const visit = (n: unknown, depth: number, record: boolean, sure: boolean, scopes: Vars[], conds: unknown[] = []): void => {
    if (depth > MAX_DEPTH) return;
    n = deref(n);
    if (isSeq(n)) {
      for (const i of n.items) visit(i, depth + 1, record, sure, scopes, conds);
      return;
    }
    if (!isMap(n)) return;
    const at = nodeSpan(n)?.offset;
    const t = at === undefined ? undefined : servers.get(at);
    if (t && record) seen.set(t, scopeAt(log.size));
    const own = sure ? whenOf(n) : null;
    const here = sure;
    const within = own ? [...conds, ...own.map((w) => w.value)] : conds;
    const vars = staticVars(n);
    let inner = Object.keys(vars).length ? [...scopes, vars] : scopes;
    if (pairOf(n, 'block')) {
      const rescued = !!pairOf(n, 'rescue');
      for (const k of BLOCK_LISTS) {
        const p = pairOf(n, k);
        if (!p) continue;
        // (a rescue, and the block it rescues, may stop or not run: a list of its own)
        const apart = k === 'rescue' || (k === 'block' && rescued);
        const outer = regions;
        if (apart) regions = [...regions, nextRegion++];
        visit(p.value, depth + 1, record, here, inner, within);
        regions = outer;
      }
      return;
    }
    if (pairOf(n, 'hosts') || PLAY_LISTS.some((k) => pairOf(n as YAMLMap, k))) {
      play++;
      const h = pairOf(n, 'hosts');
      const hv = h && deref(h.value);
      hosts = isScalar(hv) && typeof hv.value === 'string' ? hv.value : null;
      const files = varsFilesScope(n);
      if (files) inner = [...inner, files];
      for (const [k, rec] of [['pre_tasks', true], ['handlers', false], ['tasks', true], ['post_tasks', true], ['handlers', true]] as const) {
        // (a handler runs only when a task notifies it: a text that never says `notify` runs none)
        if (k === 'handlers' && !rec && !notifies) continue;
        const p = pairOf(n, k);
        muted = k === 'handlers' && !notifies;
        if (p) visit(p.value, depth + 1, rec, here && k !== 'handlers', inner);
        muted = false;
      }
      return;
    }
    if (!t) {
      const once = !pairsOf(n).some((p) => LOOP_KEY.test(keyName(p)) || keyName(p) === 'delegate_to');
      // (sure but for `when:` conditions, its blocks' and its own: they go with its settings)
      factsOfTask(n, add, here && once ? [...scopes, vars, scopeAt(log.size)] : null, within.length ? within : undefined);
    }
    const reg = pairOf(n, 'register');
    const rv = reg && deref(reg.value);
    if (isScalar(rv) && typeof rv.value === 'string') add(rv.value, 'a task\'s `register:`');
  };
  visit(contents, 0, true, true, []);
  for (const [t, scope] of seen) if (FACT_SCOPES.get(scope)!.upto) t.scopes = [...t.scopes, scope];
}

/**
 * what a set_fact or include_vars task sets (a null name: any name); with `scopes` (the set_fact
 * runs whenever the tasks after it run) each name's value as written, rendered with them
 */
function factsOfTask(m: YAMLMap, add: (name: string | null, by: string, sure?: boolean, raw?: unknown, scopes?: Vars[], when?: unknown[]) => void, scopes: Vars[] | null, when?: unknown[]): void {
  for (const p of pairsOf(m)) {
    const key = keyName(p);
    if (INCLUDE_VARS.has(key)) { add(null, 'an `include_vars` task'); continue; }
    if (key === 'action' || key === 'local_action') {
      const v = deref(p.value);
      const mp = isMap(v) ? pairOf(v, 'module') : undefined;
      const first = isScalar(v) ? String(v.value ?? '').trim().split(/\s+/)[0] ?? '' : mp && isScalar(mp.value) ? String(mp.value.value) : '';
      if (SET_FACT.has(first) || INCLUDE_VARS.has(first)) add(null, `a \`${first}\` task`);
      continue;
    }
    if (!SET_FACT.has(key)) continue;
    const by = 'a `set_fact` task';
    const v = deref(p.value);
    if (isMap(v) && !pairOf(m, 'args')) {
      const pairs = pairsOf(v);
      // a name set_fact refuses fails the host: no later task runs
      if (pairs.some((q) => !isScalar(q.key) || !IDENTIFIER.test(keyName(q)) || PY_KEYWORDS.has(keyName(q)))) { add(null, by); continue; }
      for (const q of pairs) {
        const name = keyName(q);
        if (name === 'cacheable') continue;
        let raw: unknown;
        try {
          raw = scopes ? toValue(deref(q.value)) : undefined;
        } catch (e) {
          if (!(e instanceof ValueTooDeep)) throw e;
          add(name, by);
          continue;
        }
        if (scopes) add(name, by, true, raw, scopes, when);
        else add(name, by);
      }
    } else if (isScalar(v) && typeof v.value === 'string' && !/[{%]/.test(v.value)) {
      for (const w of v.value.trim().split(/\s+/)) { const eq = w.indexOf('='); if (eq > 0) add(w.slice(0, eq), by); }
    } else add(null, by);
  }
}

/** a task's or a block's `when:` (one condition or a list of them), null when it has none; a value bdm-lab cannot read is kept as undefined */
function whenOf(m: YAMLMap): When | null {
  const p = pairOf(m, 'when');
  if (!p) return null;
  const at = nodeSpan(p.key as YNode)!;
  const v = deref(p.value) as YNode | null;
  let items: unknown[];
  try {
    items = isSeq(v) ? v.items.map((i) => toValue(i)) : [toValue(v)];
  } catch {
    items = [undefined];
  }
  return items.map((value) => ({ value, span: at }));
}

function moduleName(name: string, colls: string[]): string | null {
  if (SERVER_MODULES.includes(name)) return name;
  if ((name === 'server' || name === 'os_server') && colls.includes('openstack.cloud')) return `openstack.cloud.${name}`;
  return null;
}

function readTask(m: YAMLMap, scopes: Vars[], colls: string[], vars: Vars, text: string): Task | null {
  let modPair: Pair | undefined;
  let module: string | null = null;
  for (const p of pairsOf(m)) {
    const name = moduleName(keyName(p), colls);
    if (name) { modPair = p; module = name; }
  }
  const action = modPair ? undefined : pairOf(m, 'action') ?? pairOf(m, 'local_action');
  if (!modPair && action) {
    if (isScalar(action.value)) {
      const s = String(action.value.value ?? '');
      const first = s.trim().split(/\s+/)[0] ?? '';
      module = moduleName(first, colls);
    } else if (isMap(action.value)) {
      const mp = pairOf(action.value, 'module');
      module = mp && isScalar(mp.value) ? moduleName(String(mp.value.value), colls) : null;
    }
    if (module) modPair = action;
  }
  if (!modPair || !module) return null;
  const headKey = nodeSpan(modPair.key as YNode)!;
  const task: Task = {
    span: nodeSpan(m) ?? headKey,
    head: headKey,
    module,
    args: [],
    rawParams: [],
    scopes: [...scopes, vars],
    loop: null,
    problem: null,
    insertAfter: (name) => insertPoint(task, name, text),
  };
  try {
    loopOf(m, task);
  } catch (e) {
    if (!(e instanceof ValueTooDeep)) throw e;
    task.limit = e.message;
    return task;
  }
  const extra = pairOf(m, 'args');
  const v = deref(modPair.value) as YNode | null;
  let own: Arg[] = [];
  try {
    const ev = extra && deref(extra.value);
    if (isMap(ev)) task.args.push(...mapArgs(ev));
    if (isMap(v)) own = mapArgs(v).filter((a) => !(modPair === action && a.name === 'module'));
  } catch (e) {
    if (!(e instanceof ValueTooDeep)) throw e;
    task.limit = e.message;
    task.args = [];
    return task;
  }
  if (extra) additionalArgs(extra, task);
  if (isScalar(v) && typeof v.value === 'string') {
    own = freeForm(v, modPair === action, task, text);
    const raw = task.rawParams;
    // the words that are not k=v, joined: a template is the arguments given by a variable (it
    // replaces an `args:` one); anything else is refused (index.ts)
    const joined = raw.reduce((acc, w) => (acc === '' || acc.endsWith('\n') ? acc + w.text : `${acc} ${w.text}`), '');
    if (raw.length && isTemplate(joined)) {
      const last = raw[raw.length - 1]!.span;
      task.variableParams = { text: joined, span: span(raw[0]!.span.offset, last.offset + last.length) };
      task.rawParams = [];
    }
  } else if (!isMap(v) && v !== null && v !== undefined && !(isScalar(v) && v.value === null)) task.problem = 'the module arguments are neither a mapping nor k=v words';
  // the module's own arguments update `args:` (a dict's update: a key it has keeps its place)
  const ownByName = new Map(own.map((a) => [a.name, a]));
  const extraNames = new Set(task.args.map((a) => a.name));
  task.args = [...task.args.map((a) => ownByName.get(a.name) ?? a), ...own.filter((a) => !extraNames.has(a.name))];
  return task;
}

/**
 * the task's loop as Task.preprocess_data leaves it: the keys in the loaded mapping's order (a
 * duplicated key at its first place, with its last value); `loop:` sets the loop value; a
 * `with_<lookup>:` is refused when a loop value that is not null or another `with_` came before it
 * ("duplicate loop in task: <lookup>"), and when its own value is null, else it sets the lookup and
 * the value (so a `loop:` after a `with_` key gives the value, the `with_` key the lookup)
 */
function loopKeys(m: YAMLMap): { found?: Pair; withKey?: Pair; duplicate?: { lookup: string; key: Span } } {
  const last = new Map<string, Pair>();
  for (const p of pairsOf(m)) {
    const k = keyName(p);
    if (k !== 'loop' && !(k.startsWith('with_') && k.length > 5)) continue;
    last.delete(k);
    last.set(k, p);
  }
  // PyYAML's dict: a duplicated key keeps its first place
  const order = new Set<string>();
  for (const p of pairsOf(m)) {
    const k = keyName(p);
    if (last.has(k)) order.add(k);
  }
  let found: Pair | undefined;
  let withKey: Pair | undefined;
  for (const k of order) {
    const p = last.get(k)!;
    if (k === 'loop') {
      found = p;
      continue;
    }
    // (a collection is not None: its items are not read)
    const isNull = (q: Pair | undefined) => {
      const v = q && deref(q.value);
      return !q || v === null || v === undefined || (isScalar(v) && pyYamlScalar(v) === null);
    };
    if (!isNull(found) || withKey) return { found: p, withKey: p, duplicate: { lookup: k.slice(5), key: nodeSpan(p.key as YNode)! } };
    found = p;
    withKey = p;
    if (isNull(p)) break;
  }
  return { found, withKey };
}

/** the task's loop (loopKeys) as its LoopSpec */
function loopOf(m: YAMLMap, task: Task): void {
  const { found, withKey, duplicate: dup } = loopKeys(m);
  const duplicate = dup?.lookup;
  if (!found) return;
  const key = nodeSpan(found.key as YNode)!;
  task.loop = key;
  const v = deref(found.value) as YNode | null;
  const valueSpan = nodeSpan(v) ?? { offset: key.offset + key.length, length: 0 };
  const items = isSeq(v) ? v.items.map((i) => nodeSpan(i as YNode)).filter((x): x is Span => x !== null) : undefined;
  const cp = pairOf(m, 'loop_control');
  const name = keyName(withKey ?? found);
  task.loopSpec = {
    kind: name === 'loop' ? 'loop' : name.slice(5),
    key: duplicate ? key : withKey ? nodeSpan(withKey.key as YNode)! : key,
    value: toValue(v),
    valueSpan,
    ...(items ? { items } : {}),
    control: cp ? toValue(deref(cp.value)) : null,
    controlSpan: cp ? nodeSpan(cp.key as YNode) : null,
    ...(duplicate ? { duplicate } : {}),
  };
}

/**
 * A task's `args:` as ModuleArgsParser takes it: a mapping is read with the arguments (mapArgs), a
 * template is arguments given by a variable, any other value Python finds true is refused (its
 * words), a false one (empty, 0, null) is ignored.
 */
function additionalArgs(extra: Pair, task: Task): void {
  const ev = deref(extra.value) as YNode | null;
  if (!ev || isMap(ev)) return;
  if (isScalar(ev) && typeof ev.value === 'string') {
    if (ev.value === '') return;
    if (isTemplate(ev.value)) task.variableParams = { text: ev.value, span: nodeSpan(ev)! };
    else task.problem = "Complex args containing variables cannot use bare variables (without Jinja2 delimiters), and must use the full variable style ('{{var_name}}')";
    return;
  }
  const v = isScalar(ev) ? ev.value : null;
  const truthy = isSeq(ev) ? ev.items.length > 0 : isScalar(ev) ? !(v === null || v === false || v === 0 || (typeof v === 'bigint' && Number(v) === 0)) : true;
  if (truthy) task.problem = 'Complex args must be a dictionary or variable string ("{{var}}").';
}

/**
 * Templar.is_template: the text's first Jinja start (`{{`, `{%`, `{#`) has its own end after it (a
 * comment's end closes whatever it wraps). Jinja's lexer also refuses some texts this accepts (an
 * unclosed quote inside `{{ }}`); those are rare in module arguments.
 */
function isTemplate(s: string): boolean {
  let first = -1;
  let end = '';
  for (const [open, close] of [['{{', '}}'], ['{%', '%}'], ['{#', '#}']] as const) {
    const at = s.indexOf(open);
    if (at >= 0 && (first < 0 || at < first)) { first = at; end = close; }
  }
  return first >= 0 && s.indexOf(end, first + 2) >= 0;
}

/** a module argument's dates and times as the module gets them (JSON: their isoformat()), in place */
function holdsDate(v: unknown, depth = 0): boolean {
  if (v instanceof PyDate) return true;
  if (depth > MAX_READ_DEPTH) return true;
  if (Array.isArray(v)) return v.some((x) => holdsDate(x, depth + 1));
  if (v !== null && typeof v === 'object' && !(v instanceof PyFloat)) return Object.values(v as Record<string, unknown>).some((x) => holdsDate(x, depth + 1));
  return false;
}

function datesAsText(v: unknown): unknown {
  if (v instanceof PyDate) return v.iso;
  if (Array.isArray(v)) v.forEach((x, i) => { v[i] = datesAsText(x); });
  else if (v !== null && typeof v === 'object' && !(v instanceof PyFloat)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = datesAsText(o[k]);
  }
  return v;
}

function mapArgs(m: YAMLMap): Arg[] {
  const byName = new Map<string, Arg>();
  for (const p of pairsOf(m)) {
    const k = p.key as YNode;
    const ks = nodeSpan(k);
    if (!ks) continue;
    const vs = nodeSpan(p.value as YNode) ?? { offset: ks.offset + ks.length, length: 0 };
    const items = isSeq(p.value) ? p.value.items.map((i) => nodeSpan(i as YNode)!).filter(Boolean) : undefined;
    const name = keyName(p);
    byName.delete(name);
    const raw = toValue(p.value);
    const dated = holdsDate(raw);
    byName.set(name, { name, value: datesAsText(raw), key: ks, valueSpan: vs, whole: span(ks.offset, vs.offset + vs.length), items, ...(dated ? { dated } : {}) });
  }
  return [...byName.values()];
}

/** ansible's split_args + parse_kv on a free-form string: `k=v` words (quotes and `{{ }}` kept together). */
function freeForm(v: YNode & { value: unknown; source?: string }, isAction: boolean, task: Task, text: string): Arg[] {
  const s = String(v.value);
  const r = v.range!;
  // a plain or quoted scalar: find where its text starts in the document
  const raw = text.slice(r[0], r[1]);
  const base = r[0] + Math.max(0, raw.indexOf(s.slice(0, Math.min(8, s.length))));
  const words = splitWords(s);
  const out = new Map<string, Arg>();
  let first = true;
  for (const w of words) {
    if (isAction && first) { first = false; continue; }
    first = false;
    const at = base + w.start;
    // parse_kv: escapes decoded first, then the first `=` after the word's first character that
    // no backslash escapes splits it; the key and the value are stripped, the value unquoted
    const x = decodeEscapes(w.text);
    let eq = 0;
    do eq = x.indexOf('=', eq + 1); while (eq > 0 && x[eq - 1] === '\\');
    if (eq <= 0) { task.rawParams.push({ text: w.text, span: span(at, at + w.text.length) }); continue; }
    const name = pyStrip(x.slice(0, eq));
    const value = unquote(pyStrip(x.slice(eq + 1)));
    // spans on the word as written (escapes there change the lengths)
    const weq = x === w.text ? eq : Math.max(1, w.text.indexOf('='));
    const ks = span(at, at + weq);
    const vs = span(at + weq + 1, at + w.text.length);
    out.delete(name);
    out.set(name, { name, value, key: ks, valueSpan: vs, whole: span(at, at + w.text.length), items: value.includes(',') ? commaItems(value, vs) : undefined });
  }
  return [...out.values()];
}

function commaItems(value: string, vs: Span): Span[] {
  const out: Span[] = [];
  let at = vs.offset;
  for (const part of value.split(',')) { out.push({ offset: at, length: part.length }); at += part.length + 1; }
  return out;
}

/** ansible's unquote: the same quote at both ends, the last one not after a backslash */
function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] && s[s.length - 2] !== '\\') return s.slice(1, -1);
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * splitter._decode_escapes: `\\U` + 8, `\\u` + 4 and `\\x` + 2 hex digits and the one-character
 * escapes decoded (`\\N{name}` is kept as written: Unicode's names are not read here; an escape
 * past U+10FFFF is kept too)
 */
function decodeEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(?:U([0-9a-fA-F]{8})|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\\'"abfnrtv]))/g, (m, u8?: string, u4?: string, x2?: string, c?: string) => {
    if (c) return SIMPLE_ESCAPES[c]!;
    const cp = parseInt(u8 ?? u4 ?? x2!, 16);
    return cp > 0x10ffff ? m : String.fromCodePoint(cp);
  });
}

/** words split on blanks outside quotes and outside `{{ }}` / `{% %}` */
function splitWords(s: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    const start = i;
    let quote = '';
    let jinja = 0;
    while (i < s.length) {
      const c = s[i];
      if (quote) { if (c === '\\') i++; else if (c === quote) quote = ''; }
      else if (c === '"' || c === "'") quote = c;
      else if ((c === '{' && (s[i + 1] === '{' || s[i + 1] === '%'))) { jinja++; i++; }
      else if ((c === '}' || c === '%') && s[i + 1] === '}' && jinja > 0) { jinja--; i++; }
      else if (/\s/.test(c) && jinja === 0) break;
      i++;
    }
    out.push({ text: s.slice(start, i), start });
  }
  return out;
}

/** where a new `name: value` line goes in a block-style module mapping: after the line of `after` */
function insertPoint(task: Task, after: string, text: string): { offset: number; indent: string } | null {
  const a = task.args.find((x) => x.name === after);
  if (!a) return null;
  const lineStart = text.lastIndexOf('\n', a.key.offset - 1) + 1;
  const indent = text.slice(lineStart, a.key.offset);
  if (!/^[ \t]*$/.test(indent)) return null;
  const eol = text.indexOf('\n', a.valueSpan.offset + a.valueSpan.length);
  return { offset: eol < 0 ? text.length : eol + 1, indent };
}

// ---------------------------------------------------------------- what ansible-core refuses while it loads a playbook

/** a refusal while the playbook loads: its words, and where */
export interface LoadRefusal { span: Span; message: string }

/** the keys ModuleArgsParser does not take for an action: Task's and Handler's fields, local_action, static */
const TASK_FIELDS = ['action', 'any_errors_fatal', 'args', 'async', 'async_val', 'become', 'become_exe', 'become_flags', 'become_method', 'become_user', 'changed_when', 'check_mode', 'collections', 'connection', 'debugger', 'delay', 'delegate_facts', 'delegate_to', 'diff', 'environment', 'failed_when', 'ignore_errors', 'ignore_unreachable', 'loop', 'loop_control', 'loop_with', 'module_defaults', 'name', 'no_log', 'notify', 'poll', 'port', 'register', 'remote_user', 'retries', 'run_once', 'tags', 'throttle', 'timeout', 'until', 'vars', 'when'];
const NOT_ACTIONS = new Set([...TASK_FIELDS, 'listen', 'local_action', 'static']);
const BLOCK_FIELDS = new Set(['always', 'any_errors_fatal', 'become', 'become_exe', 'become_flags', 'become_method', 'become_user', 'block', 'check_mode', 'collections', 'connection', 'debugger', 'delegate_facts', 'delegate_to', 'diff', 'environment', 'ignore_errors', 'ignore_unreachable', 'module_defaults', 'name', 'no_log', 'notify', 'port', 'remote_user', 'rescue', 'run_once', 'tags', 'throttle', 'timeout', 'vars', 'when']);
const PLAY_FIELDS = new Set(['any_errors_fatal', 'become', 'become_exe', 'become_flags', 'become_method', 'become_user', 'check_mode', 'collections', 'connection', 'debugger', 'diff', 'environment', 'fact_path', 'force_handlers', 'gather_facts', 'gather_subset', 'gather_timeout', 'handlers', 'hosts', 'ignore_errors', 'ignore_unreachable', 'max_fail_percentage', 'module_defaults', 'name', 'no_log', 'order', 'port', 'post_tasks', 'pre_tasks', 'remote_user', 'roles', 'run_once', 'serial', 'strategy', 'tags', 'tasks', 'throttle', 'timeout', 'vars', 'vars_files', 'vars_prompt']);
/** the fields of type string, in the order validate() checks them (a list or a mapping there is refused) */
const TASK_STRINGS = ['name', 'connection', 'remote_user', 'debugger', 'become_method', 'become_user', 'become_flags', 'become_exe', 'delegate_to', 'register'];
const BLOCK_STRINGS = ['name', 'connection', 'remote_user', 'debugger', 'become_method', 'become_user', 'become_flags', 'become_exe', 'delegate_to'];
const PLAY_STRINGS = ['name', 'connection', 'remote_user', 'debugger', 'become_method', 'become_user', 'become_flags', 'become_exe', 'fact_path', 'strategy', 'order'];
const FREEFORM = ['command', 'raw', 'script', 'shell', 'win_command', 'win_shell'];
const RAW_PARAM = [...FREEFORM, 'include', 'include_vars', 'include_tasks', 'include_role', 'import_tasks', 'import_role', 'add_host', 'group_by', 'set_fact', 'meta'];
/** the actions that take free-form words (RAW_PARAM_MODULES, with their ansible.builtin. and ansible.legacy. names) */
const RAW_PARAM_ACTIONS = new Set([...RAW_PARAM, ...RAW_PARAM.flatMap((m) => [`ansible.builtin.${m}`, `ansible.legacy.${m}`]), 'ansible.windows.win_command', 'ansible.windows.win_shell']);
/** include and import actions: loaded otherwise (their files are read then), not checked here */
const INCLUDES = new Set(['include', 'include_tasks', 'include_role', 'import_tasks', 'import_role', 'import_playbook'].flatMap((m) => [m, `ansible.builtin.${m}`, `ansible.legacy.${m}`]));
const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** a not-yet-known answer: bdm-lab does not word this refusal (the checks stop, nothing is claimed) */
class NotWorded extends Error {}

/** the Python dict PyYAML builds from a mapping: each key at its first place, with its last value */
function dictPairs(m: YAMLMap): Pair[] {
  const by = new Map<string, Pair>();
  for (const p of pairsOf(m)) {
    if (!isScalar(p.key)) throw new NotWorded();
    by.set(keyName(p), p);
  }
  return [...by.values()];
}

/** type(x) of a loaded value as Python prints it */
function pyClassOf(n: unknown): string {
  const v = deref(n);
  if (isMap(v)) return "<class 'ansible.parsing.yaml.objects.AnsibleMapping'>";
  if (isSeq(v)) return "<class 'ansible.parsing.yaml.objects.AnsibleSequence'>";
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (!isScalar(v)) throw new NotWorded();
  const x = pyYamlScalar(v);
  if (typeof x === 'string') return "<class 'ansible.parsing.yaml.objects.AnsibleUnicode'>";
  if (x === null) return "<class 'NoneType'>";
  if (typeof x === 'boolean') return "<class 'bool'>";
  if (typeof x === 'number' || typeof x === 'bigint') return "<class 'int'>";
  if (x instanceof PyFloat) return "<class 'float'>";
  if (x instanceof PyDate) return `<class '${x.cls}'>`;
  throw new NotWorded();
}

/** a scalar's Python value (null for a mapping or a list) */
const scalarOf = (n: unknown): { v: unknown } | null => {
  const x = deref(n);
  if (x === null || x === undefined) return { v: null };
  return isScalar(x) ? { v: pyYamlScalar(x) } : null;
};

/** Python's truth of a loaded value */
function pyTrue(n: unknown): boolean {
  const x = deref(n);
  if (isMap(x) || isSeq(x)) return x.items.length > 0;
  const s = scalarOf(x);
  if (!s) return true;
  const v = s.v;
  if (v === null || v === false || v === '' || v === 0 || v === 0n) return false;
  if (v instanceof PyFloat) return v.value !== 0;
  return true;
}

/** words split_args + parse_kv leave as `_raw_params` (every word that is not k=v; free-form actions take any) */
function rawWords(s: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(s)) {
    const x = decodeEscapes(w.text);
    let eq = 0;
    do eq = x.indexOf('=', eq + 1); while (eq > 0 && x[eq - 1] === '\\');
    if (eq <= 0) out.push(w.text);
  }
  return out;
}

/** the keys parse_kv gives k=v words (the first `=` after a word's first character that no backslash escapes splits it; the key stripped) */
function kvKeys(s: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(s)) {
    const x = decodeEscapes(w.text);
    let eq = 0;
    do eq = x.indexOf('=', eq + 1); while (eq > 0 && x[eq - 1] === '\\');
    if (eq > 0) out.push(pyStrip(x.slice(0, eq)));
  }
  return out;
}

/** a mapping's keys as the Python dict holds them (none when a key is not a scalar: not read here) */
function mapKeys(m: YAMLMap): string[] {
  try {
    return dictPairs(m).map(keyName);
  } catch (e) {
    if (e instanceof NotWorded) return [];
    throw e;
  }
}

/** FREEFORM_ACTIONS (C.MODULE_REQUIRE_ARGS with its ansible.builtin. and ansible.legacy. names): the actions whose arguments may be internal ones */
const FREEFORM_ACTIONS = new Set([...FREEFORM, ...FREEFORM.flatMap((m) => [`ansible.builtin.${m}`, `ansible.legacy.${m}`]), 'ansible.windows.win_command', 'ansible.windows.win_shell']);

/**
 * _normalize_parameters: an argument of the action (not of `args:`) named `_ansible_...` (Ansible's
 * internal parameters) is refused, the first one in the arguments' order; null: none
 */
function internalArg(action: string, keys: string[]): string | null {
  if (FREEFORM_ACTIONS.has(action)) return null;
  const k = keys.find((x) => x.startsWith('_ansible_'));
  return k === undefined ? null : `invalid parameter specified for action '${action}': '${k}'`;
}

/**
 * ModuleArgsParser.parse as load_list_of_tasks first runs it (skip_action_validation: every key that
 * is not a task field is an action): `action:`, then `local_action:`, then the other keys in order;
 * a second action is "conflicting", a value of another type than a mapping, a str or null is refused,
 * `args:` is checked each time parameters are normalized; with no action at all, "no module/action
 * detected"; free-form words that are not k=v are refused for most actions. Null: none of these.
 * `extraParams` false: the caller checks the free-form words itself (a server task).
 */
function parseRefusal(m: YAMLMap, where: Span, extraParams: boolean): { refusal: LoadRefusal | null; action: string | null } {
  const pairs = dictPairs(m);
  const get = (k: string) => pairs.find((p) => keyName(p) === k);
  const argsPair = get('args');
  const at = (p: Pair | undefined) => (p ? nodeSpan(p.key as YNode) ?? where : where);
  const refuse = (p: Pair | undefined, message: string) => ({ refusal: { span: at(p), message }, action: null });
  let action: string | null = null;
  let raw: string[] = [];
  const argsProblem = (): string | null => {
    if (!argsPair || !pyTrue(argsPair.value)) return null;
    const v = deref(argsPair.value);
    if (isMap(v)) return null;
    const s = scalarOf(v);
    if (s && typeof s.v === 'string') return isTemplate(s.v) ? null : "Complex args containing variables cannot use bare variables (without Jinja2 delimiters), and must use the full variable style ('{{var_name}}')";
    return 'Complex args must be a dictionary or variable string ("{{var}}").';
  };
  // _normalize_old_style_args (`action:` / `local_action:`): the module is the first word
  const oldStyle = (p: Pair): string | null => {
    const v = deref(p.value);
    if (isMap(v)) {
      const mod = pairOf(v, 'module');
      if (!mod) return null;
      const s = scalarOf(mod.value);
      if (!s || typeof s.v !== 'string') throw new NotWorded();
      const words = splitWords(s.v);
      if (!words.length) throw new NotWorded();
      const name = pyStrip(words[0]!.text);
      raw = FREEFORM.some((f) => name === f || name.endsWith(`.${f}`)) ? [] : rawWords(words.slice(1).map((w) => w.text).join(' '));
      const internal = internalArg(name, [...mapKeys(v).filter((k) => k !== 'module'), ...kvKeys(words.slice(1).map((w) => w.text).join(' '))]);
      if (internal) throw new LoadFailure(at(p), internal);
      return name;
    }
    const s = scalarOf(v);
    if (s && typeof s.v === 'string') {
      const words = splitWords(s.v);
      if (!words.length) throw new NotWorded();
      const name = pyStrip(words[0]!.text);
      raw = rawWords(words.slice(1).map((w) => w.text).join(' '));
      const internal = internalArg(name, kvKeys(words.slice(1).map((w) => w.text).join(' ')));
      if (internal) throw new LoadFailure(at(p), internal);
      return name;
    }
    throw new LoadFailure(at(p), `unexpected parameter type in action: ${pyClassOf(v)}`);
  };
  try {
    const act = get('action');
    if (act) {
      const a = argsProblem();
      if (a) return refuse(act, a);
      action = oldStyle(act);
    }
    const local = get('local_action');
    if (local) {
      if (action !== null) return refuse(local, 'action and local_action are mutually exclusive');
      const a = argsProblem();
      if (a) return refuse(local, a);
      action = oldStyle(local);
    }
    for (const p of pairs) {
      const k = keyName(p);
      if (NOT_ACTIONS.has(k) || k.startsWith('with_')) continue;
      if (action !== null) return refuse(p, `conflicting action statements: ${action}, ${k}`);
      action = k;
      const a = argsProblem();
      if (a) return refuse(p, a);
      const v = deref(p.value);
      const s = isMap(v) ? null : scalarOf(v);
      if (!isMap(v) && !(s && (s.v === null || typeof s.v === 'string'))) return refuse(p, `unexpected parameter type in action: ${pyClassOf(v)}`);
      raw = s && typeof s.v === 'string' ? rawWords(s.v) : [];
      const internal = internalArg(action, isMap(v) ? mapKeys(v) : s && typeof s.v === 'string' ? kvKeys(s.v) : []);
      if (internal) return refuse(p, internal);
    }
  } catch (e) {
    if (e instanceof LoadFailure) return { refusal: { span: e.at, message: e.message }, action: null };
    throw e;
  }
  if (action === null) return { refusal: { span: where, message: 'no module/action detected in task.' }, action: null };
  if (extraParams && raw.length && !RAW_PARAM_ACTIONS.has(action)) {
    const joined = raw.reduce((acc, w) => (acc === '' || acc.endsWith('\n') ? acc + w : `${acc} ${w}`), '');
    if (!isTemplate(joined)) {
      return { refusal: { span: where, message: `this task '${action}' has extra params, which is only allowed in the following modules: ${[...RAW_PARAM_ACTIONS].join(', ')}` }, action };
    }
  }
  return { refusal: null, action };
}

class LoadFailure extends Error {
  constructor(readonly at: Span, message: string) { super(message); }
}

/** _load_vars: a mapping of identifiers, or a list of them, or null */
function varsRefusal(m: YAMLMap, cls: string): LoadRefusal | null {
  const p = pairOf(m, 'vars');
  if (!p) return null;
  const at = nodeSpan(p.key as YNode)!;
  const v = deref(p.value);
  const bad = { span: at, message: `Vars in a ${cls} must be specified as a dictionary, or a list of dictionaries` };
  const names = (d: YAMLMap): LoadRefusal | null => {
    for (const q of dictPairs(d)) {
      const s = scalarOf(q.key);
      const k = s?.v;
      if (typeof k === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !PY_KEYWORDS.has(k)) continue;
      // a key beyond ASCII is not an identifier either; a key of another type is written by Python's
      // %s (a YAML bool or null key as True, False, None; an int as its digits; a float as its repr; a date as str())
      const shown = typeof k === 'boolean' ? (k ? 'True' : 'False') : s && k === null ? 'None' : typeof k === 'bigint' || (typeof k === 'number' && Number.isSafeInteger(k)) || k instanceof PyFloat || k instanceof PyDate ? String(k) : null;
      if (shown !== null) return { span: nodeSpan(q.key as YNode) ?? at, message: `Invalid variable name in vars specified for ${cls}: '${shown}' is not a valid variable name` };
      if (typeof k !== 'string' || /[^\x20-\x7e]/.test(k)) throw new NotWorded();
      return { span: nodeSpan(q.key as YNode) ?? at, message: `Invalid variable name in vars specified for ${cls}: '${k}' is not a valid variable name` };
    }
    return null;
  };
  if (isMap(v)) return names(v);
  if (isSeq(v)) {
    // (each item is checked in turn: a name refused in the first wins over a later item that is not a mapping)
    for (const i of v.items) {
      const d = deref(i);
      if (!isMap(d)) return bad;
      const r = names(d);
      if (r) return r;
    }
    return null;
  }
  const x = scalarOf(v);
  if (x?.v === null) return null;
  // (AnsibleError adds its cause, a bare ValueError, after the words when the value is not one of the loader's objects: not a str)
  return x && typeof x.v !== 'string' ? { ...bad, message: `${bad.message}. ` } : bad;
}

/** the fields Base.load_data loads after the task's loops (vars first; tags and loop_control), then validate(): a string field given a list or a mapping */
function fieldRefusal(m: YAMLMap, cls: 'Task' | 'Handler', strings: string[]): LoadRefusal | null {
  const v = varsRefusal(m, cls);
  if (v) return v;
  for (const [k, check] of [['tags', tagsBad], ['module_defaults', null], ['loop_control', loopControlBad]] as const) {
    // (Base.load_data's order of the fields: tags, module_defaults, ..., loop_control)
    if (!check) {
      const d = defaultsRefusal(m);
      if (d) return d;
      continue;
    }
    const p = pairOf(m, k);
    if (!p) continue;
    const message = check(p.value);
    if (message) return { span: nodeSpan(p.key as YNode)!, message };
  }
  return stringRefusal(m, strings);
}

const tagsBad = (n: unknown): string | null => {
  const v = deref(n);
  if (isSeq(v)) return null;
  const s = scalarOf(v);
  return s && typeof s.v === 'string' ? null : 'tags must be specified as a list';
};
const loopControlBad = (n: unknown): string | null => (isMap(deref(n)) ? null : 'the `loop_control` value must be specified as a dictionary and cannot be a variable itself (though it can contain variables)');

function stringRefusal(m: YAMLMap, strings: string[]): LoadRefusal | null {
  for (const k of strings) {
    const p = pairOf(m, k);
    const v = p && deref(p.value);
    if (p && (isMap(v) || isSeq(v))) return { span: nodeSpan(p.key as YNode)!, message: `The field '${k}' is supposed to be a string type, however the incoming data structure is a ${pyClassOf(v)}` };
  }
  return null;
}

/** Task.preprocess_data's loop keys: a second one, or a `with_` key without a value */
function loopRefusal(m: YAMLMap): LoadRefusal | null {
  const { withKey, duplicate } = loopKeys(m);
  if (duplicate) return { span: duplicate.key, message: `duplicate loop in task: ${duplicate.lookup}` };
  const v = withKey && scalarOf(withKey.value);
  if (withKey && v && v.v === null) return { span: nodeSpan(withKey.key as YNode)!, message: `you must specify a value when using ${keyName(withKey)}` };
  return null;
}

/**
 * The first refusal ansible-core makes while it loads this task mapping (not a block): its action
 * statements, its loop keys, then its fields. A task that includes or imports is checked no further
 * than its action statements (its file is read then); null: none bdm-lab knows of.
 */
export function taskLoadRefusal(m: YAMLMap, handler: boolean, server: boolean): LoadRefusal | null {
  const where = nodeSpan(m) ?? span(0, 0);
  try {
    const { refusal, action } = parseRefusal(m, where, !server);
    if (refusal) return refusal;
    if (server) return null;
    if (action !== null && INCLUDES.has(action)) return null;
    const loop = loopRefusal(m);
    if (loop) return loop;
    return taskFields(m, handler);
  } catch (e) {
    if (e instanceof NotWorded) return null;
    throw e;
  }
}

/** a task's fields after its loops: a key no Task has (`listen` outside handlers, `static`), then fieldRefusal */
function taskFields(m: YAMLMap, handler: boolean): LoadRefusal | null {
  for (const p of dictPairs(m)) {
    const k = keyName(p);
    if (k === 'static' || (k === 'listen' && !handler)) return { span: nodeSpan(p.key as YNode)!, message: `'${k}' is not a valid attribute for a ${handler ? 'Handler' : 'Task'}` };
  }
  return fieldRefusal(m, handler ? 'Handler' : 'Task', TASK_STRINGS);
}

/** a server task's own refusals after its loops (its vars, tags, loop_control, string fields) */
export function serverFieldRefusal(m: YAMLMap, handler: boolean): LoadRefusal | null {
  try {
    return taskFields(m, handler);
  } catch (e) {
    if (e instanceof NotWorded) return null;
    throw e;
  }
}

/** a block's or a play's keys that are not its fields, then its vars and tags (before its task lists load) */
function headRefusal(m: YAMLMap, cls: 'Block' | 'Play'): LoadRefusal | null {
  const fields = cls === 'Block' ? BLOCK_FIELDS : PLAY_FIELDS;
  let pairs = dictPairs(m);
  if (cls === 'Play' && pairs.some((p) => keyName(p) === 'user')) {
    const user = pairs.find((p) => keyName(p) === 'user')!;
    if (pairs.some((p) => keyName(p) === 'remote_user')) return { span: nodeSpan(user.key as YNode)!, message: "both 'user' and 'remote_user' are set for this play. The use of 'user' is deprecated, and should be removed" };
    pairs = pairs.filter((p) => p !== user);
  }
  for (const p of pairs) {
    const k = keyName(p);
    if (!fields.has(k)) return { span: nodeSpan(p.key as YNode)!, message: `'${k}' is not a valid attribute for a ${cls}` };
  }
  const v = varsRefusal(m, cls);
  if (v) return v;
  const t = pairOf(m, 'tags');
  const bad = t && tagsBad(t.value);
  if (bad) return { span: nodeSpan(t.key as YNode)!, message: bad };
  return defaultsRefusal(m);
}
