/**
 * `openstack.cloud.server` 1.10.0 (the collection Debian's ansible 7.7.0 ships) under
 * ansible-core 2.14's AnsibleModule: its argument spec (types, aliases, choices, defaults),
 * `mutually_exclusive`, `required_if` and unsupported parameters, checked in AnsibleModule's
 * order and worded as it words them (the first error is the one the task fails with).
 * Facts: plugins/modules/server.py ServerModule.argument_spec/module_kwargs and
 * plugins/module_utils/openstack.py openstack_full_argument_spec; ansible/module_utils/common/
 * arg_spec.py ArgumentSpecValidator.validate, validation.py check_*; labelled by
 * shared/tools/ansible-oracle.
 */
import { PyFloat } from './tasks';
import { pyIntText } from './pynumber';
import { pyStrip } from '../../text/pySpace';
import { pyStr as writeStr, Unresolved } from './pyvalue';

interface Opt { type: 'str' | 'int' | 'bool' | 'list' | 'dict' | 'raw'; default?: unknown; aliases?: string[]; choices?: string[]; required?: boolean; elements?: 'str' | 'raw' }

/** the options in the order AnsibleModule checks them (the common options first) */
export const SPEC: ReadonlyArray<[string, Opt]> = [
  ['cloud', { type: 'raw' }], ['auth_type', { type: 'str' }], ['auth', { type: 'dict' }], ['region_name', { type: 'str' }],
  ['availability_zone', { type: 'str' }], ['validate_certs', { type: 'bool', aliases: ['verify'] }], ['ca_cert', { type: 'str', aliases: ['cacert'] }],
  ['client_cert', { type: 'str', aliases: ['cert'] }], ['client_key', { type: 'str', aliases: ['key'] }], ['wait', { type: 'bool', default: true }],
  ['timeout', { type: 'int', default: 180 }], ['api_timeout', { type: 'int' }],
  ['interface', { type: 'str', default: 'public', choices: ['public', 'internal', 'admin'], aliases: ['endpoint_type'] }],
  ['sdk_log_path', { type: 'str' }], ['sdk_log_level', { type: 'str', default: 'INFO', choices: ['INFO', 'DEBUG'] }],
  ['name', { type: 'str', required: true }], ['image', { type: 'str' }], ['image_exclude', { type: 'str', default: '(deprecated)' }],
  ['flavor', { type: 'str' }], ['flavor_ram', { type: 'int' }], ['flavor_include', { type: 'str' }], ['key_name', { type: 'str' }],
  ['security_groups', { type: 'list', elements: 'str', default: ['default'] }], ['network', { type: 'str' }],
  ['nics', { type: 'list', elements: 'raw', default: [] }], ['meta', { type: 'raw' }], ['userdata', { type: 'str', aliases: ['user_data'] }],
  ['config_drive', { type: 'bool', default: false }], ['auto_ip', { type: 'bool', default: true, aliases: ['auto_floating_ip', 'public_ip'] }],
  ['floating_ips', { type: 'list', elements: 'str' }], ['floating_ip_pools', { type: 'list', elements: 'str' }],
  ['volume_size', { type: 'int' }], ['boot_from_volume', { type: 'bool', default: false }], ['boot_volume', { type: 'str', aliases: ['root_volume'] }],
  ['terminate_volume', { type: 'bool', default: false }], ['volumes', { type: 'list', elements: 'str', default: [] }],
  ['scheduler_hints', { type: 'dict' }], ['state', { type: 'str', default: 'present', choices: ['absent', 'present'] }],
  ['delete_fip', { type: 'bool', default: false }], ['reuse_ips', { type: 'bool', default: true }], ['description', { type: 'str' }],
];
const SPEC_MAP = new Map(SPEC);
const ALIAS = new Map<string, string>(SPEC.flatMap(([n, o]) => (o.aliases ?? []).map((a) => [a, n] as [string, string])));
export const MUTUALLY_EXCLUSIVE: ReadonlyArray<[string, string]> = [
  ['auto_ip', 'floating_ips'], ['auto_ip', 'floating_ip_pools'], ['floating_ips', 'floating_ip_pools'], ['flavor', 'flavor_ram'],
  ['image', 'boot_volume'], ['boot_from_volume', 'boot_volume'], ['nics', 'network'],
];
const MODULE = 'openstack.cloud.server';
/** ansible-core 2.14 PASS_VARS (module_utils/common/parameters.py): `_ansible_<name>` parameters every action plugin sets (_update_module_args), over any the task gives */
const PASS_VARS = new Set(['check_mode', 'debug', 'diff', 'keep_remote_files', 'module_name', 'no_log', 'remote_tmp', 'selinux_special_fs', 'shell_executable', 'socket', 'string_conversion_action', 'syslog_facility', 'tmpdir', 'verbosity', 'version']);
// Python prints these from a set whose order changes from run to run; this is one of its orders
export const BOOLEANS_SHOWN = "0, 1, 'f', 'true', '1', 'yes', 't', 'no', 'false', 'on', 'off', 'y', 'n', '0'";

/** A refusal by AnsibleModule: its message and the argument (as written) it is about. */
export interface ModuleError { message: string; arg: string | null; part: 'key' | 'value' }

/** Python's type() of a YAML value, as AnsibleModule prints it */
export function pyType(v: unknown): string {
  if (typeof v === 'string') return "<class 'str'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  if (v instanceof PyFloat) return "<class 'float'>";
  if (typeof v === 'number') return "<class 'int'>";
  if (Array.isArray(v)) return "<class 'list'>";
  if (v === null) return "<class 'NoneType'>";
  return "<class 'dict'>";
}

/**
 * Python's int() of a string, or null; an int a double does not hold exactly (past 2^53) leaves
 * the value unresolved, as the templates' integers do (pyvalue.ts `int`): rounded, it would be sent
 * and printed with other digits than Ansible's
 */
function pyIntOf(s: string): number | null {
  const n = pyIntText(s);
  if (n === null) return null;
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new Unresolved(s, 'an integer larger than bdm-lab computes exactly');
  return v === 0 ? 0 : v;
}

/** ansible's boolean(strict=True) */
export function ansibleBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return v.value === 1 ? true : v.value === 0 ? false : null;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  // (Python's lower() then strip(): its white space, not JavaScript's trim())
  const s = pyStrip(v.toLowerCase());
  if (['y', 'yes', 'on', '1', 'true', 't'].includes(s)) return true;
  if (['n', 'no', 'off', '0', 'false', 'f'].includes(s)) return false;
  return null;
}

/**
 * Python's str() of a value converted to an Ansible str option (a list or a dict: its repr): the
 * templating's own writer (pyvalue.ts), so the module and the templates word a value alike; a
 * value it cannot write exactly (a dict whose keys are not all strings) is Unresolved.
 */
export function pyStr(v: unknown): string {
  return writeStr(v, { left: Number.MAX_SAFE_INTEGER });
}

/**
 * A Python literal (single-quoted strings, True/False/None) as JSON text, for safe_eval's common
 * case: a single-quoted string becomes a JSON string (its `\'` unescaped), a double-quoted one is
 * kept, True/False/None as whole words become true/false/null; a quote that no unescaped quote of
 * its kind closes on the text's rest (a backslash escapes any character but a line break) is an
 * ordinary character. One pass: a quote that found no close marks where its kind stops closing
 * (every later quote of that kind before there is inside an escape of the failed scan, and fails
 * too), so no character is scanned twice for a kind (a pattern retried from every quote took N²
 * steps on a text of escaped quotes).
 */
export function pyLiteralAsJson(s: string): string {
  const out: string[] = [];
  const failsBefore = { "'": -1, '"': -1 };
  let from = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if ((c === "'" || c === '"') && i >= failsBefore[c]) {
      const close = closingQuote(s, i, c);
      if (typeof close === 'number') {
        out.push(s.slice(from, i), c === "'" ? JSON.stringify(s.slice(i + 1, close).replace(/\\'/g, "'")) : s.slice(i, close + 1));
        i = from = close + 1;
        continue;
      }
      failsBefore[c] = close.failedAt;
    } else if ((c === 'T' || c === 'F' || c === 'N') && !isWordChar(s.charCodeAt(i - 1))) {
      const word = c === 'T' ? 'True' : c === 'F' ? 'False' : 'None';
      if (s.startsWith(word, i) && !isWordChar(s.charCodeAt(i + word.length))) {
        out.push(s.slice(from, i), word === 'True' ? 'true' : word === 'False' ? 'false' : 'null');
        i = from = i + word.length;
        continue;
      }
    }
    i++;
  }
  out.push(s.slice(from));
  return out.join('');
}

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isLineBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/** The index of the quote that closes the one at `open`, or where the scan for it failed. */
function closingQuote(s: string, open: number, q: string): number | { failedAt: number } {
  for (let k = open + 1; k < s.length; k++) {
    const c = s[k];
    if (c === q) return k;
    if (c === '\\') {
      if (k + 1 >= s.length || isLineBreak(s[k + 1])) return { failedAt: k + 1 };
      k++;
    }
  }
  return { failedAt: s.length };
}

/** ansible-core 2.14 check_type_dict on a string: JSON (else a Python literal) after '{', else k=v fields split at unquoted ',' and ' '; the words of its refusal */
function dictOfString(s: string): Record<string, unknown> | string {
  if (s.startsWith('{')) {
    for (const text of [s, pyLiteralAsJson(s)]) {
      try {
        const d = JSON.parse(text) as unknown;
        if (d && typeof d === 'object' && !Array.isArray(d)) return d as Record<string, unknown>;
      } catch { /* next reading */ }
    }
    return 'unable to evaluate string as dictionary';
  }
  if (!s.includes('=')) return 'dictionary requested, could not parse JSON or key=value';
  const fields: string[] = [];
  let buf = '';
  let quote: string | null = null;
  let escape = false;
  for (const c of s.trim()) {
    if (escape) { buf += c; escape = false; } else if (c === '\\') escape = true;
    else if (!quote && (c === "'" || c === '"')) quote = c;
    else if (quote && quote === c) quote = null;
    else if (!quote && (c === ',' || c === ' ')) { if (buf) fields.push(buf); buf = ''; } else buf += c;
  }
  if (buf) fields.push(buf);
  const out: Record<string, unknown> = {};
  for (const [i, f] of fields.entries()) {
    const eq = f.indexOf('=');
    if (eq < 0) return `dictionary update sequence element #${i} has length 1; 2 is required`;
    out[f.slice(0, eq)] = f.slice(eq + 1);
  }
  return out;
}

function convert(name: string, o: Opt, v: unknown): unknown {
  const fail = (wanted: string, why: string) => { throw new TypeError(`argument '${name}' is of type ${pyType(v)} and we were unable to convert to ${wanted}: ${why}`); };
  switch (o.type) {
    case 'int':
      // a bool is an int to Python: check_type_int keeps it as it is
      if (typeof v === 'number' || typeof v === 'boolean') return v;
      if (typeof v === 'string' && pyIntOf(v) !== null) return pyIntOf(v);
      return fail('int', `${pyType(v)} cannot be converted to an int`);
    case 'bool': {
      if (typeof v !== 'boolean' && typeof v !== 'string' && typeof v !== 'number' && !(v instanceof PyFloat)) return fail('bool', `${pyType(v)} cannot be converted to a bool`);
      const b = ansibleBool(v);
      return b === null ? fail('bool', `The value '${pyStr(v)}' is not a valid boolean.  Valid booleans include: ${BOOLEANS_SHOWN}`) : b;
    }
    case 'list': {
      let l: unknown[];
      if (Array.isArray(v)) l = v;
      else if (typeof v === 'string') l = v.split(',');
      // a bool is an int to Python: [str(value)]
      else if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) l = [pyStr(v)];
      else return fail('list', `${pyType(v)} cannot be converted to a list`);
      // elements 'str': check_type_str with conversion on each (None, a list, a dict: their str())
      return o.elements === 'str' ? l.map((x) => (typeof x === 'string' ? x : pyStr(x))) : l;
    }
    case 'dict':
      if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyFloat)) return v;
      if (typeof v === 'string') {
        const d = dictOfString(v);
        return typeof d === 'string' ? fail('dict', d) : d;
      }
      return fail('dict', `${pyType(v)} cannot be converted to a dict`);
    case 'str':
      // check_type_str with conversion: str() of anything else, a list or a dict included
      return typeof v === 'string' ? v : pyStr(v);
    default:
      return v;
  }
}

/**
 * The parameters after AnsibleModule's validation, or its refusal. `given` holds the arguments as
 * written (names as written, values rendered), in their order.
 */
export function validate(given: Array<{ name: string; value: unknown }>): { params: Record<string, unknown>; written: Map<string, string> } | ModuleError {
  const params: Record<string, unknown> = {};
  /** canonical name -> the name written */
  const written = new Map<string, string>();
  const unsupported: string[] = [];
  const byName = new Map<string, unknown>();
  for (const g of given) {
    byName.set(g.name, g.value);
    // the internal parameters the action plugin sets itself (PASS_VARS) are taken off before the checks
    if (!SPEC_MAP.has(g.name) && !ALIAS.has(g.name) && !(g.name.startsWith('_ansible_') && PASS_VARS.has(g.name.slice(9)))) unsupported.push(g.name);
  }
  // _handle_aliases: option by option, each alias given (in the order the spec lists them) over the
  // option's value, so the last alias of the list wins, whatever the order they are written in
  for (const [n, o] of SPEC) {
    let from = byName.has(n) ? n : null;
    for (const a of o.aliases ?? []) if (byName.has(a)) from = a;
    if (from !== null) { params[n] = byName.get(from); written.set(n, from); }
  }
  const errors: ModuleError[] = [];
  const violated = MUTUALLY_EXCLUSIVE.filter(([a, b]) => a in params && b in params);
  if (violated.length) errors.push({ message: `parameters are mutually exclusive: ${violated.map((p) => p.join('|')).join(', ')}`, arg: violated[0][1], part: 'key' });
  for (const [n, o] of SPEC) if (!(n in params) && o.default !== undefined) params[n] = structuredClone(o.default);
  const missing = SPEC.filter(([n, o]) => o.required && !(n in params)).map(([n]) => n);
  if (missing.length) errors.push({ message: `missing required arguments: ${missing.join(', ')}`, arg: null, part: 'key' });
  for (const [n, o] of SPEC) {
    if (!(n in params) || params[n] === null) continue;
    try { params[n] = convert(n, o, params[n]); } catch (e) { if (e instanceof Unresolved) throw e; errors.push({ message: (e as Error).message, arg: n, part: 'value' }); }
  }
  for (const [n, o] of SPEC) {
    // an explicit null is checked too ('got: None')
    if (!o.choices || !(n in params)) continue;
    if (!o.choices.includes(String(params[n]))) errors.push({ message: `value of ${n} must be one of: ${o.choices.join(', ')}, got: ${pyStr(params[n])}`, arg: n, part: 'value' });
  }
  if (params.boot_from_volume === true) {
    const lacking = ['volume_size', 'image'].filter((n) => !(n in params));
    if (lacking.length) errors.push({ message: `boot_from_volume is True but all of the following are missing: ${lacking.join(', ')}`, arg: 'boot_from_volume', part: 'key' });
  }
  if (unsupported.length) {
    const names = SPEC.map(([n]) => n).sort().join(', ');
    const aliases = [...ALIAS.keys()].sort().join(', ');
    errors.push({ message: `Unsupported parameters for (${MODULE}) module: ${[...unsupported].sort().join(', ')}. Supported parameters include: ${names} (${aliases}).`, arg: `!${unsupported[0]}`, part: 'key' });
  }
  if (errors.length) {
    const e = errors[0];
    return { ...e, arg: e.arg && !e.arg.startsWith('!') ? written.get(e.arg) ?? e.arg : e.arg?.slice(1) ?? null };
  }
  return { params, written };
}
