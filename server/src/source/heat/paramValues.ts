/**
 * What Heat 19.0.0's Stack.validate checks of the parameters before it looks at any resource
 * (heat/engine/parameters.py Parameters.validate and Schema.validate, heat/engine/constraints.py,
 * heat/engine/parameter_groups.py; facts only), with strict validation as `stack create` runs it:
 * for each parameter in the order written, that each constraint suits the parameter's type, that
 * the default meets the constraints (the cloud-backed custom constraints excepted), then that the
 * value (the one given, else the default) is of the type and meets them; then the
 * parameter_groups. A parameter with neither value nor default is given when the stack is
 * created: bdm-lab checks no value for it (resolve.ts names the stand-in it uses).
 *
 * Heat's words, Python's str() and json.dumps() of the values they print.
 */
import type { Span } from '../../text/span';
import { entry, hotVersion, pyTypeName, type RNode, type Template } from './template';
import { TemplateError } from './paramType';
import { asciiDigits, bytesAscii, holdsUnorderedSet, pyEntries, isPyBytes, isPySet, jsonRefusedType, pyRepr, pyStr, pyTruth as pyTrue } from './py';
import { pyCompile, pyPatternAccepts } from './pyRegex';
import { pyJsonLoads } from './pyJson';
import { pyEq } from './conditions';
import { FORM_DECIDED, formConstraint, formConstraintOnValue, type NonText } from './formConstraints';

/** a value as Python holds it: the value, and whether a number is a float */
interface Py { v: unknown; float: boolean; /** an int past 2^53: its digits */ big?: string }

const BOOL_WORDS = "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'";
const TRUE_WORDS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_WORDS = ['0', 'f', 'false', 'off', 'n', 'no'];

/** a Python exception: its class decides who catches it */
class PyExc extends Error {
  constructor(readonly cls: 'ValueError' | 'TypeError' | 'AttributeError', message: string) {
    super(message);
  }
}

/** bdm-lab cannot decide (a pattern it does not read, a match past its budget): the check is left out, named */
class Undecided extends Error {}

const keyAt = (n: RNode): Span => n.keySpan ?? n.span;
const valueAt = (n: RNode): Span => (n.span.length ? n.span : keyAt(n));

/** Python's type name of a plain value */
function typeName(p: Py): string {
  const v = p.v;
  if (v === null || v === undefined) return 'NoneType';
  if (isPyBytes(v)) return 'bytes';
  if (isPySet(v)) return 'set';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'dict';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return p.float || !Number.isInteger(v as number) ? 'float' : 'int';
}

const str = (p: Py): string => p.big ?? pyStr(p.v, p.float);

const NOT_JSON_BYTES = 'Object of type bytes is not JSON serializable';

/** json.dumps (ensure_ascii, `, ` and `: `), floats as Python writes them; bytes: its TypeError */
function jsonDumps(p: Py): string {
  const v = p.v;
  if (v === null || v === undefined) return 'null';
  if (isPyBytes(v)) throw new PyExc('TypeError', NOT_JSON_BYTES);
  if (isPySet(v)) throw new PyExc('TypeError', 'Object of type set is not JSON serializable');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return pyRepr(v, p.float);
  }
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map((x) => jsonDumps({ v: x, float: false })).join(', ')}]`;
  return `{${pyEntries(v as object).map(([k, x]) => `${jsonDumps({ v: k, float: false })}: ${jsonDumps({ v: x, float: false })}`).join(', ')}}`;
}

const PY_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;
const DIGITS = String.raw`\d(?:_?\d)*`;
const PY_FLOAT = new RegExp(String.raw`^\s*[+-]?(?:(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`, 'i');

/** Schema.str_to_num: a number stays; a string is int() or else float(); anything else int()'s TypeError */
function strToNum(p: Py): Py {
  const v = p.v;
  // a bool is a Python number: it stays (and prints) True/False
  if (typeof v === 'number' || typeof v === 'boolean') return p;
  // bytes: int() and float() read their ASCII text (the refusal prints the bytes)
  const text = isPyBytes(v) ? bytesAscii(v) : typeof v === 'string' ? asciiDigits(v) : v;
  if (isPyBytes(v) && text === null) throw new PyExc('ValueError', `could not convert string to float: ${pyRepr(v)}`);
  if (typeof text !== 'string') throw new PyExc('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(p)}'`);
  if (PY_INT.test(text)) return { v: Number(text.replace(/_/g, '')), float: false };
  if (!PY_FLOAT.test(text)) throw new PyExc('ValueError', `could not convert string to float: ${pyRepr(v)}`);
  const t = text.trim().replace(/_/g, '').toLowerCase();
  const n = t.includes('nan') ? NaN : t.includes('inf') ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  return { v: n, float: true };
}

/** strutils.bool_from_string(strict=True) */
function boolFromString(p: Py): boolean {
  if (typeof p.v === 'boolean') return p.v;
  const s = str(p);
  const low = s.trim().toLowerCase();
  if (TRUE_WORDS.includes(low)) return true;
  if (FALSE_WORDS.includes(low)) return false;
  throw new PyExc('ValueError', `Unrecognized value '${s}', acceptable values are: ${BOOL_WORDS}`);
}

/** a value that is no text as a form check sees it (undefined for None and for a text) */
function nonText(p: Py): NonText | undefined {
  const type = typeName(p);
  if (type === 'NoneType' || type === 'str') return undefined;
  const v = p.v;
  const hasSlash = Array.isArray(v) ? v.includes('/') : v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, '/');
  return { type: type as NonText['type'], truthy: pyTrue(v), text: str(p), hasSlash };
}

/** Python's % (the sign of the divisor) */
const pyMod = (a: number, b: number): number => a - b * Math.floor(a / b);

/** Python's len() */
function pyLen(p: Py): number {
  const v = p.v;
  if (typeof v === 'string') return [...v].length;
  // (bytes: its length in bytes)
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  throw new PyExc('TypeError', `object of type '${typeName(p)}' has no len()`);
}

const numStr = (n: Py | null): string => (n === null ? 'None' : str(n));

type Kind = 'Modulo' | 'Range' | 'Length' | 'AllowedValues' | 'AllowedPattern' | 'CustomConstraint';

/** one constraint as Heat made it from the schema (template.ts checked it can be made) */
interface Constraint {
  kind: Kind;
  node: RNode;
  description: Py | null;
  min?: Py | null;
  max?: Py | null;
  step?: Py;
  offset?: Py;
  allowed?: Py[];
  pattern?: string;
  /** a custom constraint's name */
  name?: Py | null;
}

/** the custom constraints Heat 19.0.0's environment registers (read from its registry) */
const CUSTOM_CONSTRAINTS: readonly string[] = [
  'barbican.container', 'barbican.secret', 'blazar.reservation', 'cinder.backup', 'cinder.qos_specs', 'cinder.snapshot', 'cinder.volume', 'cinder.vtype',
  'cron_expression', 'designate.zone', 'dns_domain', 'dns_name', 'expiration', 'glance.image', 'ip_addr', 'ip_or_cidr', 'ironic.node', 'ironic.portgroup',
  'iso_8601', 'keystone.domain', 'keystone.group', 'keystone.project', 'keystone.region', 'keystone.role', 'keystone.service', 'keystone.user', 'mac_addr',
  'magnum.cluster_template', 'manila.share_network', 'manila.share_snapshot', 'manila.share_type', 'mistral.workflow', 'monasca.notification', 'net_cidr',
  'neutron.address_scope', 'neutron.flow_classifier', 'neutron.lb.provider', 'neutron.lbaas.listener', 'neutron.lbaas.loadbalancer', 'neutron.lbaas.pool',
  'neutron.lbaas.provider', 'neutron.network', 'neutron.port', 'neutron.port_pair', 'neutron.port_pair_group', 'neutron.qos_policy', 'neutron.router',
  'neutron.security_group', 'neutron.segment', 'neutron.subnet', 'neutron.subnetpool', 'neutron.taas.tap_flow', 'neutron.taas.tap_service', 'nova.flavor',
  'nova.host', 'nova.keypair', 'nova.network', 'nova.server', 'octavia.flavor', 'octavia.flavorprofile', 'octavia.l7policy', 'octavia.listener',
  'octavia.loadbalancer', 'octavia.pool', 'rel_dns_name', 'sahara.cluster', 'sahara.cluster_template', 'sahara.data_source', 'sahara.image',
  'sahara.job_binary', 'sahara.job_type', 'sahara.plugin', 'senlin.cluster', 'senlin.policy', 'senlin.policy_type', 'senlin.profile',
  'senlin.profile_type', 'timezone', 'trove.flavor', 'zaqar.queue',
];

/** the custom constraints that check a value's form (not the cloud's resources): formConstraints.ts decides those it reads (FORM_DECIDED) on a text, and each of them on what is no text; the rest stay a note */
const FORM_CONSTRAINTS = new Set(['cron_expression', 'dns_domain', 'dns_name', 'expiration', 'ip_addr', 'ip_or_cidr', 'iso_8601', 'mac_addr', 'net_cidr', 'rel_dns_name', 'timezone']);

/** the form constraints that ask the value's endswith first */
const DNS_FORMS: readonly string[] = ['dns_name', 'rel_dns_name', 'dns_domain'];

/** the parameter types each constraint takes (valid_types) */
const VALID_FOR: Record<Kind, readonly string[]> = {
  Range: ['number'], Modulo: ['number'], Length: ['string', 'comma_delimited_list', 'json'],
  AllowedValues: ['string', 'number', 'boolean', 'comma_delimited_list'], AllowedPattern: ['string'],
  CustomConstraint: ['string', 'number', 'boolean', 'comma_delimited_list'],
};

const asPy = (n: RNode | undefined): Py | null => (!n || (n.kind === 'scalar' && n.value === null) ? null : { v: n.value, float: !!n.float, ...(n.bigText !== undefined ? { big: n.bigText } : {}) });

/** Schema.get_num (template.ts checked it converts) */
function num(d: RNode, key: string): Py | null {
  const p = asPy(entry(d, key));
  return p === null ? null : strToNum(p);
}

function constraintOf(c: RNode, version: string): Constraint {
  const description = asPy(entry(c, 'description'));
  const base = { node: c, description };
  const modulo = entry(c, 'modulo');
  if (modulo && (version === '' || version >= '2017-02-24')) return { ...base, kind: 'Modulo', step: num(modulo, 'step')!, offset: num(modulo, 'offset')! };
  const range = entry(c, 'range');
  if (range) return { ...base, kind: 'Range', min: num(range, 'min'), max: num(range, 'max') };
  const length = entry(c, 'length');
  if (length) return { ...base, kind: 'Length', min: num(length, 'min'), max: num(length, 'max') };
  const allowed = entry(c, 'allowed_values');
  if (allowed) return { ...base, kind: 'AllowedValues', allowed: allowed.items!.map((x) => ({ v: x.value, float: !!x.float })) };
  const pattern = entry(c, 'allowed_pattern');
  if (pattern) return { ...base, kind: 'AllowedPattern', pattern: pattern.value as string };
  return { ...base, kind: 'CustomConstraint', name: asPy(entry(c, 'custom_constraint')) };
}

/** Schema.to_schema_type, as AllowedValues compares values */
function toSchemaType(p: Py, type: string): unknown {
  try {
    if (type === 'number') return strToNum(p).v;
    if (type === 'string') return str(p);
    if (type === 'boolean') return boolFromString({ v: str(p), float: false });
  } catch (e) {
    if (e instanceof PyExc && e.cls === 'ValueError') throw new PyExc('ValueError', `Value "${str(p)}" is invalid for data type "${type}".`);
    throw e;
  }
  return p.v;
}

/** Constraint.validate: a ValueError in the constraint's words (or its description) when the value fails it */
function check(c: Constraint, p: Py, type: string): void {
  let ok: boolean;
  let msg = '';
  switch (c.kind) {
    case 'Range': case 'Length': {
      const n = c.kind === 'Range' ? strToNum(p) : { v: pyLen(p), float: false };
      const x = Number(n.v);
      ok = !((c.min && x < Number(c.min.v)) || (c.max && x > Number(c.max.v)));
      if (!ok) msg = c.kind === 'Range' ? `${str(p)} is out of range (min: ${numStr(c.min ?? null)}, max: ${numStr(c.max ?? null)})` : `length (${x}) is out of range (min: ${numStr(c.min ?? null)}, max: ${numStr(c.max ?? null)})`;
      break;
    }
    case 'Modulo': {
      const x = Number(strToNum(p).v);
      ok = pyMod(x, Number(c.step!.v)) === Number(c.offset!.v);
      if (!ok) msg = `${str(p)} is not a multiple of ${str(c.step!)} with an offset of ${str(c.offset!)}`;
      break;
    }
    case 'AllowedValues': {
      const allowed = c.allowed!;
      // (bytes are no list: compared whole, as the type makes it)
      if (Array.isArray(p.v) && !isPyBytes(p.v)) ok = p.v.every((x) => allowed.some((a) => pyEq(x, a.v)));
      else {
        const conv = allowed.map((a) => toSchemaType(a, type));
        const v = toSchemaType(p, type);
        ok = conv.some((a) => pyEq(v, a));
      }
      // (worded only without a description: json.dumps of bytes fails only then)
      if (!ok && !(c.description && pyTrue(c.description.v))) msg = `${jsonDumps(p)} is not an allowed value [${allowed.map(jsonDumps).join(', ')}]`;
      break;
    }
    case 'AllowedPattern': {
      if (isPyBytes(p.v)) throw new PyExc('TypeError', 'cannot use a string pattern on a bytes-like object');
      if (typeof p.v !== 'string') throw new PyExc('TypeError', `expected string or bytes-like object, got '${typeName(p)}'`);
      const re = pyCompile(c.pattern!);
      if (!('re' in re)) throw new Undecided(`its allowed_pattern uses ${'unsupported' in re ? re.unsupported : 'what bdm-lab does not read'}`);
      const accepts = pyPatternAccepts(re.re, p.v);
      if (accepts === undefined) throw new Undecided('matching its allowed_pattern takes more steps than bdm-lab spends');
      ok = accepts;
      if (!ok) msg = `"${p.v}" does not match pattern "${c.pattern}"`;
      break;
    }
    default:
      // a custom constraint Heat has: it asks the cloud (nova.flavor, glance.image, ...), which
      // bdm-lab takes to say yes, or checks the value's form (ip_addr, timezone, ...), which bdm-lab
      // decides where formConstraints.ts reads it; a name Heat cannot look up (a list, a map) is Python's TypeError; one Heat
      // does not have refuses every value
      if (Array.isArray(c.name?.v) || (c.name?.v !== null && typeof c.name?.v === 'object')) throw new PyExc('TypeError', `unhashable type: '${Array.isArray(c.name!.v) ? 'list' : 'dict'}'`);
      if (typeof c.name?.v === 'string' && FORM_CONSTRAINTS.has(c.name.v)) {
        // bytes: ip_addr and mac_addr refuse what is no text before they read it; the DNS checks
        // pass empty bytes and call endswith with a str on any other (Python's TypeError); the
        // rest bdm-lab leaves undecided
        if (isPyBytes(p.v) && DNS_FORMS.includes(c.name.v) && p.v.length) throw new PyExc('TypeError', 'endswith first arg must be bytes or a tuple of bytes, not str');
        if (isPyBytes(p.v) && !DNS_FORMS.includes(c.name.v) && c.name.v !== 'ip_addr' && c.name.v !== 'mac_addr') throw new Undecided(`its custom_constraint ${c.name.v} checks the value's form, which bdm-lab does not for bytes`);
        // the form checks bdm-lab reads (formConstraints.ts): on a text, or on what else reaches
        // them (a comma_delimited_list's list of strings, a number or boolean written as a
        // default, whose str method calls fail); the rest stay a note
        const other = nonText(p);
        const r = typeof p.v === 'string' ? (FORM_DECIDED.has(c.name.v) ? formConstraint(c.name.v, p.v) : undefined) : other ? formConstraintOnValue(c.name.v, other) : undefined;
        if (r !== null && typeof r === 'object') throw new PyExc('AttributeError', r.attributeError);
        if (r === undefined) throw new Undecided(`its custom_constraint ${c.name.v} checks the value's form, which bdm-lab does not${FORM_DECIDED.has(c.name.v) && typeof p.v === 'string' ? ' for this value' : ''}`);
        ok = r === null;
        // BaseCustomConstraint.error: its _error_message, if the check set one
        msg = r ? `Error validating value '${str(p)}': ${r}` : `Error validating value '${str(p)}'`;
        break;
      }
      ok = typeof c.name?.v === 'string' && CUSTOM_CONSTRAINTS.includes(c.name.v);
      if (!ok) msg = `"${str(p)}" does not validate ${c.name ? str(c.name) : 'None'} (constraint not found)`;
  }
  if (!ok) {
    const d = c.description;
    // a description Python finds true replaces the constraint's words
    throw new PyExc('ValueError', d && pyTrue(d.v) ? str(d) : msg);
  }
}

/** Schema.validate_constraints: a failure is Heat's StackValidationFailed in the constraint's words */
function validateConstraints(cs: Constraint[], p: Py, type: string, skipCustom: boolean): void {
  for (const c of cs) if (!(skipCustom && c.kind === 'CustomConstraint')) check(c, p, type);
}

const BYTES_SPLIT = "a bytes-like object is required, not 'str'";

/** a parameter's value as its type parses it (the type's own refusal a ValueError/TypeError) */
function parsed(type: string, p: Py): Py {
  switch (type) {
    case 'number': strToNum(p); return p;
    case 'boolean': boolFromString(p); return p;
    case 'comma_delimited_list':
      // bytes' split(',') takes no str: Python's TypeError, which nothing rewords
      if (isPyBytes(p.v)) throw new PyExc('TypeError', BYTES_SPLIT);
      if (Array.isArray(p.v) && !isPySet(p.v)) return { v: p.v.map((x) => pyStr(x)), float: false };
      if (p.v === '') return { v: [], float: false };
      if (typeof p.v !== 'string') throw new PyExc('ValueError', `Value must be a comma-delimited list string: '${typeName(p)}' object has no attribute 'split'`);
      return { v: p.v.split(','), float: false };
    case 'json':
      // anything else is written out by json.dumps first: bytes or a set in it are its TypeError
      if (typeof p.v !== 'string') {
        const refused = jsonRefusedType(p.v);
        if (refused) throw new PyExc('ValueError', `Value must be valid JSON: Object of type ${refused} is not JSON serializable`);
        return p;
      }
      if (!p.v) return p;
      {
        const j = pyJsonLoads(p.v);
        if ('error' in j) throw new PyExc('ValueError', `Value must be valid JSON: ${j.error}`);
        return { v: j.value, float: false };
      }
    default:
      return p;
  }
}

/** where a parameter's problem is placed, and Heat's prefix for it */
interface Where { name: string; at: Span }

const invalid = (w: Where, msg: string): TemplateError => new TemplateError(`Parameter '${w.name}' is invalid: ${msg}`, w.at);

/** Parameter.validate for one parameter */
function validateParam(name: string, p: RNode, given: Record<string, unknown>, version: string, notes: Array<{ span: Span; message: string }>): void {
  const type = String(entry(p, 'type')!.value);
  const cs = (entry(p, 'constraints')?.items ?? []).map((c) => constraintOf(c, version));
  const w: Where = { name, at: keyAt(p) };
  try {
    // Schema.validate: each constraint suits the type
    for (const c of cs) if (!VALID_FOR[c.kind].includes(type)) throw invalid({ name, at: keyAt(c.node.entries!.find(([k]) => k !== 'description')?.[1] ?? c.node) }, `${c.kind} constraint invalid for ${type}`);
    // then the default against them (the cloud's constraints left out)
    const defNode = entry(p, 'default');
    const def = asPy(defNode);
    // a set's str() in an order Python's string hashing decides (py.ts setOrder): not bdm-lab's to guess
    if (def && holdsUnorderedSet(def.v) && type !== 'json' && type !== 'number') throw new Undecided('its default holds a set of several members, whose order Heat\'s Python decides per process');
    if (def && defNode) {
      const dw: Where = { name, at: valueAt(defNode) };
      let dv = def;
      if (type === 'comma_delimited_list') {
        // bytes' split(',') takes no str: Python's TypeError, which Heat does not reword
        if (isPyBytes(def.v)) throw new TemplateError(BYTES_SPLIT, dw.at);
        if (Array.isArray(def.v) && !isPySet(def.v)) dv = { v: def.v.map((x) => pyStr(x)), float: false };
        else if (typeof def.v === 'string') dv = { v: def.v.split(','), float: false };
        else throw invalid(dw, `Default must be a comma-delimited list string: '${typeName(def)}' object has no attribute 'split'`);
      }
      try {
        validateConstraints(cs, dv, type, true);
      } catch (e) {
        if (e instanceof PyExc && e.cls !== 'AttributeError') throw invalid(dw, `Invalid default ${str(def)} (${e.message})`);
        throw e;
      }
    }
    // then the value: the one given, else the default; none: given when the stack is created
    const g = given[name];
    const value = g !== undefined && g !== null ? { v: g, float: typeof g === 'number' && !Number.isInteger(g) } : def;
    if (!value) return;
    const vw: Where = g !== undefined && g !== null ? w : { name, at: defNode ? valueAt(defNode) : w.at };
    let pv: Py;
    try {
      pv = parsed(type, value);
    } catch (e) {
      // (a list type's TypeError, bytes' split, escapes Heat's wording)
      if (e instanceof PyExc && e.cls === 'TypeError' && type === 'comma_delimited_list') throw new TemplateError(e.message, vw.at);
      if (e instanceof PyExc) throw invalid(vw, e.message);
      throw e;
    }
    try {
      validateConstraints(cs, pv, type, false);
    } catch (e) {
      // a TypeError (a pattern on a value that is no string) or an AttributeError (a str method on
      // a number) escapes Heat's wording: Parameter.validate rewords only its own exceptions
      if (e instanceof PyExc && (e.cls === 'TypeError' || e.cls === 'AttributeError')) throw new TemplateError(e.message, vw.at);
      if (e instanceof PyExc) throw invalid(vw, e.message);
      throw e;
    }
  } catch (e) {
    if (!(e instanceof Undecided)) throw e;
    notes.push({ span: w.at, message: `Heat checks parameter '${name}' against its constraints before it makes any resource; bdm-lab cannot: ${e.message}.` });
  }
}

/** Heat's path to a group: an int label (or one of digits) in brackets, another after a dot */
function groupPath(label: RNode | undefined): string {
  const v = label ? label.value : '';
  if (typeof v === 'boolean' || (typeof v === 'number' && !label!.float)) return `parameter_groups[${pyStr(v)}]`;
  if (typeof v === 'string') return /^\p{Nd}+$/u.test(v) ? `parameter_groups[${v}]` : `parameter_groups.${v}`;
  // Python asks anything else isdigit()
  throw new PyExc('AttributeError', `'${label ? pyTypeName(label) : 'NoneType'}' object has no attribute 'isdigit'`);
}

/** ParameterGroups.validate */
function validateGroups(tmpl: Template): void {
  // ParameterGroups joins the parameters' names for its log line (after the pseudo parameters
  // OS::stack_id and OS::project_id), whatever the log level: a name that is not a str is a TypeError
  let item = 2;
  for (const [, p] of entry(tmpl.root!, 'parameters')?.entries ?? []) {
    if (p.keyClass) throw new TemplateError(`sequence item ${item}: expected str instance, ${p.keyClass.name} found`, keyAt(p));
    item++;
  }
  const sec = entry(tmpl.root!, 'parameter_groups');
  if (!sec || !pyTrue(sec.value)) return;
  const fail = (path: string | (() => string), msg: string, at: Span) => new TemplateError(`Parameter Groups error: ${typeof path === 'string' ? path : path()}: ${msg}`, at);
  if (sec.kind !== 'seq') throw fail('parameter_groups', 'The parameter_groups should be a list.', valueAt(sec));
  // the parameters Heat knows (its pseudo parameters OS::stack_id and OS::project_id among them)
  const names = new Set(['OS::stack_id', 'OS::project_id', ...tmpl.parameters.keys()]);
  const grouped: string[] = [];
  for (const g of sec.items!) {
    if (g.kind !== 'map') throw new TemplateError(`'${pyTypeName(g)}' object has no attribute 'get'`, valueAt(g));
    const label = entry(g, 'label');
    // Heat words the path only when it refuses
    const path = () => groupPath(label);
    const ps = entry(g, 'parameters');
    if (!ps || (ps.kind === 'scalar' && ps.value === null)) throw fail(path, 'The parameters must be provided for each parameter group.', valueAt(g));
    if (ps.kind !== 'seq') throw fail(path, 'The parameters of parameter group should be a list.', valueAt(ps));
    for (const x of ps.items!) {
      const name = pyStr(x.value, !!x.float);
      if (grouped.includes(name)) throw fail(path, `The ${name} parameter must be assigned to one parameter group only.`, valueAt(x));
      grouped.push(name);
      if (typeof x.value !== 'string' || !names.has(x.value)) throw fail(path, `The grouped parameter ${name} does not reference a valid parameter.`, valueAt(x));
    }
  }
}

/**
 * Parameters.validate (strict) and ParameterGroups.validate: Heat's refusal of the stack, or null;
 * what bdm-lab cannot decide is added to `notes`.
 */
export function checkParameterValues(tmpl: Template, given: Record<string, unknown>, notes: Array<{ span: Span; message: string }>): TemplateError | null {
  try {
    for (const name of Object.keys(given)) if (!tmpl.parameters.has(name)) throw new TemplateError(`The Parameter (${name}) was not defined in template.`, tmpl.root?.span ?? { offset: 0, length: 0 });
    const version = hotVersion(tmpl.root);
    for (const [name, p] of tmpl.parameters) validateParam(p.keyText ?? name, p, given, version, notes);
    validateGroups(tmpl);
    return null;
  } catch (e) {
    if (e instanceof TemplateError) return e;
    if (e instanceof PyExc) return new TemplateError(e.message, tmpl.root?.span ?? { offset: 0, length: 0 });
    throw e;
  }
}
