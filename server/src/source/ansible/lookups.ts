/**
 * The lookups a loop (`with_<lookup>:`) and a template (`query()`, `q()`, `lookup()`) run, as
 * ansible-core 2.14's lookup plugins do (plugins/lookup/{items,list,dict,indexed_items,nested,
 * sequence,subelements,together}.py): their items from terms that are already values, or the plugin's
 * refusal in its words. What bdm-lab does not run is Unresolved (a note).
 */
import { KEY_ORDER, NON_STR_KEYS } from './tasks';
import { isDict, isStr, pyRepr, PyText, PyTuple, text, Unresolved } from './pyvalue';
import { pyStrip } from '../../text/pySpace';

const notKnown = (why: string) => new Unresolved('', why);

/** loop items judged one by one (the same bound as Terraform's count, terraform/expand.ts COUNT_CAP); beyond it, one note */
export const LOOP_CAP = 8;

/** a dict's keys in Python's order, as Python holds them */
function keysOf(d: Record<string, unknown>): Array<{ held: string; key: unknown }> {
  const odd = NON_STR_KEYS.get(d);
  return (KEY_ORDER.get(d) ?? Object.keys(d)).map((k) => ({ held: k, key: odd?.has(k) ? odd.get(k) : k }));
}

/**
 * the item's strings as Python holds them: a lookup's items are AnsibleUnsafeText (wrap_var, never
 * templated again), a `loop:` template's result plain str; a `loop:` list written in the file keeps
 * the loader's AnsibleUnicode (bdm-lab's default for a string)
 */
export function classed(v: unknown, cls: 'AnsibleUnsafeText' | 'str', depth = 0): unknown {
  if (depth > 400) throw notKnown('an item nests deeper than bdm-lab reads');
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

/** what a `with_<lookup>` gives, or a refusal in the lookup's words */
export function lookup(kind: string, terms: unknown): unknown[] | string {
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
    case 'subelements':
      return subelements(terms);
    case 'together':
      return together(terms);
    default:
      throw notKnown(`\`with_${kind}\` runs a lookup bdm-lab does not run`);
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
export const HUGE = 1_000_000_000;

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
    if (!row) throw notKnown('`with_nested` iterates a value that is not a list');
    out.push(lists.length === 1 ? row : flatten(row));
  }
  counted.set(out, total);
  return out;
}

/**
 * lookup/together.py: each term listified (a text stripped, and templated again: one holding
 * template marks is not followed), zipped to the longest (None where a term is short), each row
 * flattened one level; only the first LOOP_CAP rows are made, the others only counted
 */
function together(terms: unknown): unknown[] | string {
  const lists: unknown[][] = [];
  for (const t of iterate(terms) ?? []) {
    if (isStr(t)) {
      const s = pyStrip(text(t));
      if (/{{|{%|{#/.test(s)) throw notKnown('`together` is given a text that Ansible templates again');
      lists.push([s]);
    } else lists.push(Array.isArray(t) || isDict(t) ? iterate(t)! : [t]);
  }
  if (!lists.length) return 'with_together requires at least one element in each list';
  const total = lists.reduce((m, l) => Math.max(m, l.length), 0);
  const out: unknown[] = [];
  for (let k = 0; k < Math.min(total, LOOP_CAP); k++) out.push(flatten(lists.map((l) => (k < l.length ? l[k] : null))));
  counted.set(out, total);
  return out;
}

/** a list made only in part (nested, sequence, together): its full length */
export const counted = new WeakMap<unknown[], number>();

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
    if (typeof term !== 'string') throw notKnown('`with_sequence` is given a term that is not a text');
    const p: { start: number; end: number | null; count: number | null; stride: number; format: string } = { start: 1, end: null, count: null, stride: 1, format: '%d' };
    const short = /^(?:([0-9]+)-)?([0-9]+)(?:\/([0-9]+))?(?::(.+))?$/.exec(term);
    if (short) {
      for (const x of [short[1], short[2], short[3]]) if (x !== undefined && !DECIMAL.test(x)) throw notKnown('`with_sequence` has a number bdm-lab does not read');
      if (short[1] !== undefined) p.start = Number(short[1]);
      p.end = Number(short[2]);
      if (short[3] !== undefined) p.stride = Number(short[3]);
      if (short[4] !== undefined) p.format = short[4];
    } else {
      const rest: string[] = [];
      const seen = new Set<string>();
      for (const w of term.split(' ')) {
        const m = /^([a-z]+)=([^=\s'"\\]+)$/.exec(w);
        if (!m || seen.has(m[1]!)) throw notKnown('`with_sequence` has words bdm-lab does not read');
        seen.add(m[1]!);
        const [, k, v] = m as unknown as [string, string, string];
        if (k === 'start' || k === 'end' || k === 'count' || k === 'stride') {
          if (!DECIMAL.test(v)) throw notKnown('`with_sequence` has a number bdm-lab does not read');
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
    if (!f) throw notKnown('`with_sequence` has a format bdm-lab does not write');
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


/** a dict without one key (Python's dict.pop on a copy: the value's dict is not changed) */
function without(d: Record<string, unknown>, key: string): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(d)) if (k !== key) o[k] = d[k];
  const order = KEY_ORDER.get(d);
  if (order) KEY_ORDER.set(o, order.filter((k) => k !== key));
  return o;
}

/**
 * lookup/subelements.py: the terms are a list (or a dict, its values) of dicts and a dotted key,
 * with an optional dict of flags (skip_missing); each dict is paired with each item of the list the
 * key leads to, which the plugin pops from that dict (the pairs' first items lack it). Its
 * refusals in its words (a dict it misses the key in written out with str()).
 */
function subelements(terms: unknown): unknown[] | string {
  const expects = (m: string) => `subelements lookup expects a list of two or three items, ${m}`;
  if (!Array.isArray(terms) || terms.length < 2 || terms.length > 3) return expects('');
  let first = terms[0];
  // (listify_lookup_plugin_terms: a text or a value that is not a collection becomes a one-term list)
  if (typeof first === 'string' || !(Array.isArray(first) || isDict(first))) first = [first];
  if (typeof terms[1] !== 'string') return expects('first a dict or a list, second a string pointing to the subkey');
  const keys = terms[1].split('.');
  let elements: unknown[];
  if (isDict(first)) {
    if (NON_STR_KEYS.has(first)) throw notKnown('`subelements` is given a dict with keys that are not texts');
    // (`is not False`: any value but False itself, 0 included)
    if ('skipped' in first && first.skipped !== false) return [];
    elements = (KEY_ORDER.get(first) ?? Object.keys(first)).map((k) => first[k]);
  } else elements = first as unknown[];
  let skipMissing = false;
  if (terms.length === 3) {
    const flags = terms[2];
    if (!isDict(flags)) throw notKnown('`subelements` is given flags that are not a dict');
    const s = 'skip_missing' in flags ? flags.skip_missing : false;
    // boolean(strict=False)
    skipMissing = s === true || s === 1 || (typeof s === 'string' && ['y', 'yes', 'on', '1', 'true', 't'].includes(s.toLowerCase().trim()));
    if (s instanceof Object && !(s instanceof PyText)) throw notKnown('`subelements` is given a skip_missing flag bdm-lab does not read');
  }
  const out: unknown[] = [];
  for (const e of elements) {
    if (!isDict(e)) {
      if (typeof e === 'string') return `subelements lookup expects a dictionary, got '${e}'`;
      throw notKnown('`subelements` iterates an item that is not a dict');
    }
    if (NON_STR_KEYS.has(e)) throw notKnown('`subelements` iterates a dict with keys that are not texts');
    if ('skipped' in e && e.skipped !== false) continue;
    // the dicts along the key's path are copies, so that the pop leaves the variable's value as it is
    const item0 = { ...e };
    const order0 = KEY_ORDER.get(e);
    if (order0) KEY_ORDER.set(item0, order0);
    let parent: Record<string, unknown> | null = null;
    let parentKey = '';
    let sub: Record<string, unknown> = item0;
    let list: unknown[] = [];
    for (const k of keys) {
      const last = k === keys[keys.length - 1];
      if (!Object.prototype.hasOwnProperty.call(sub, k)) {
        if (skipMissing) continue;
        // (the dict it looks in written out with str(): Unresolved where bdm-lab cannot write it exactly)
        return `could not find '${k}' key in iterated item '${pyRepr(sub, { left: 100_000 })}'`;
      }
      const v = sub[k];
      if (!last) {
        if (!isDict(v)) {
          if (skipMissing) continue;
          throw notKnown('`subelements` reaches a value that is not a dict (a refusal that writes it out)');
        }
        const copy = { ...v };
        const order = KEY_ORDER.get(v);
        if (order) KEY_ORDER.set(copy, order);
        sub[k] = copy;
        parent = sub;
        parentKey = k;
        sub = copy;
      } else {
        if (!Array.isArray(v)) throw notKnown('`subelements` reaches a value that is not a list (a refusal that writes it out)');
        list = v;
        const popped = without(sub, k);
        if (parent) parent[parentKey] = popped;
        else {
          for (const key of Object.keys(item0)) delete item0[key];
          Object.assign(item0, popped);
          const order = KEY_ORDER.get(popped);
          if (order) KEY_ORDER.set(item0, order);
        }
        sub = popped;
      }
    }
    // (tuples, which Ansible's templating of a variable turns into lists)
    for (const x of list) out.push([item0, x]);
  }
  return out;
}
