/**
 * A HOT template read as Heat reads it (template_format.parse: PyYAML's YAML 1.1 safe loader,
 * timestamps kept as strings), each value keeping where it is written, and the intrinsic
 * functions a server's properties use resolved as far as the template itself allows:
 * `get_param` (a given value, else the parameter's default, else the stand-in the heat-oracle
 * fills, with a note), `get_resource` / `get_attr` (stand-in ids of the resource, which Heat
 * creates before the server), `str_replace`, `list_join`. Anything else is unresolved and named
 * in a note, never guessed; `get_file` reads nothing.
 *
 * The `yaml` package gives each node its range (offsets in the text); it is run with YAML 1.1
 * scalars (PyYAML's `yes`/`no` booleans, `010` octal), no merge keys (a `<<` stays a plain key,
 * which Heat then names), duplicated keys allowed (PyYAML keeps the last), at most 100 aliases and
 * a bounded number of nodes, so a hostile template costs little.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YNode } from 'yaml';
import type { Span } from '../../text/span';
import { MAX_READ_DEPTH, readerOverflowed, tooDeep } from '../readLimit';
import { TemplateLimit } from './paramType';

/** A template value, resolved, with where it is written. */
export interface RNode {
  kind: 'map' | 'seq' | 'scalar' | 'unresolved';
  /** the value as Python holds it after resolution (maps as plain objects in key order) */
  value: unknown;
  /** the text that writes the value (for a resolved function: the function call) */
  span: Span;
  /** the key of the map entry that holds it, when there is one */
  keySpan?: Span;
  entries?: Array<[string, RNode]>;
  items?: RNode[];
  /** a number Python reads as a float (`1.0`, `1e3`) */
  float?: boolean;
  /** an `if` without value_if_false whose condition is false: Heat treats the item as not written */
  absent?: boolean;
  /** why it is unresolved, for a note */
  why?: string;
}

export interface TemplateNote {
  span: Span;
  message: string;
}

export interface Template {
  text: string;
  root: RNode | null;
  /** the template's own parse problem (Heat refuses the template), else null; `limit`: bdm-lab's own bound, not Heat's verdict */
  error: { message: string; span: Span; limit?: true } | null;
  resources: Array<{ name: string; type: string; node: RNode; keySpan: Span }>;
  parameters: Map<string, RNode>;
}

const MAX_NODES = 20000;
const ZERO: Span = { offset: 0, length: 0 };

function spanOfRange(r: [number, number, number] | null | undefined): Span {
  return r ? { offset: r[0], length: Math.max(0, r[1] - r[0]) } : ZERO;
}

class Budget {
  n = 0;
  take(): void {
    if (++this.n > MAX_NODES) throw new TemplateLimit(`the template has more than ${MAX_NODES} YAML nodes; bdm-lab reads no further`, ZERO);
  }
}

function scalarValue(n: YNode & { value?: unknown; source?: string }): { value: unknown; float: boolean } {
  const v = n.value;
  // PyYAML's YAML 1.1 booleans are true/false/yes/no/on/off only: a plain `y` or `n` stays a string
  if (typeof v === 'boolean' && /^[yYnN]$/.test(n.source ?? '')) return { value: n.source, float: false };
  if (v instanceof Date) return { value: n.source ?? v.toISOString().slice(0, 10), float: false };
  if (typeof v === 'number') return { value: v, float: !Number.isInteger(v) || /[.eE]|inf|nan/i.test(n.source ?? '') };
  if (v === undefined) return { value: null, float: false };
  if (typeof v === 'object' && v !== null && !(typeof v === 'string')) return { value: String(v), float: false };
  return { value: v, float: false };
}

/** A YAML node as an RNode (aliases followed, within the budget). */
function fromYaml(doc: Document, n: YNode | null | undefined, budget: Budget, depth = 0): RNode {
  budget.take();
  // nesting counted from the document's root
  if (depth > MAX_READ_DEPTH) throw new TemplateLimit(tooDeep('the template'), ZERO);
  if (!n) return { kind: 'scalar', value: null, span: ZERO };
  if (isAlias(n)) return { ...fromYaml(doc, n.resolve(doc) as YNode, budget, depth + 1), span: spanOfRange(n.range) };
  const span = spanOfRange(n.range);
  if (isMap(n)) {
    const entries: Array<[string, RNode]> = [];
    const value: Record<string, unknown> = {};
    for (const p of n.items) {
      const k = p.key as YNode | null;
      const key = k && isScalar(k) ? String(scalarValue(k).value) : String(k ?? '');
      const child = fromYaml(doc, p.value as YNode | null, budget, depth + 1);
      child.keySpan = k ? spanOfRange(k.range) : span;
      if (child.span.length === 0 && !p.value) child.span = { offset: child.keySpan.offset + child.keySpan.length, length: 0 };
      const at = entries.findIndex(([x]) => x === key);
      if (at >= 0) entries[at] = [key, child];
      else entries.push([key, child]);
      value[key] = child.value;
    }
    return { kind: 'map', value, span, entries };
  }
  if (isSeq(n)) {
    const items = n.items.map((x) => fromYaml(doc, x as YNode, budget, depth + 1));
    return { kind: 'seq', value: items.map((x) => x.value), span, items };
  }
  const { value, float } = scalarValue(n as YNode & { value?: unknown });
  return { kind: 'scalar', value, span, float };
}

/** The entry of a map node by key. */
export function entry(n: RNode | undefined, key: string): RNode | undefined {
  return n?.entries?.find(([k]) => k === key)?.[1];
}

/** Parse a HOT template: its root, resources and parameters, or the parse problem. */
export function parseTemplate(text: string): Template {
  const out: Template = { text, root: null, error: null, resources: [], parameters: new Map() };
  const doc = parseDocument(text, { version: '1.1', merge: false, uniqueKeys: false, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const span = { offset: err.pos[0], length: Math.max(1, err.pos[1] - err.pos[0]) };
    // the reader ran out of stack (thousands of levels): bdm-lab's limit, not a YAML error of Heat's
    if (readerOverflowed(err.message)) out.error = { message: tooDeep('the template'), span, limit: true };
    else out.error = { message: err.message.split('\n')[0], span };
    return out;
  }
  try {
    out.root = fromYaml(doc, doc.contents as YNode, new Budget());
  } catch (e) {
    out.error = { message: (e as Error).message, span: ZERO, ...(e instanceof TemplateLimit || e instanceof RangeError ? { limit: true as const } : {}) };
    return out;
  }
  if (out.root.kind !== 'map') {
    out.error = { message: 'The template is not a JSON object or YAML mapping.', span: out.root.span };
    return out;
  }
  for (const [name, p] of entry(out.root, 'parameters')?.entries ?? []) out.parameters.set(name, p);
  for (const [name, r] of entry(out.root, 'resources')?.entries ?? []) {
    const type = entry(r, 'type')?.value;
    out.resources.push({ name, type: typeof type === 'string' ? type : '', node: r, keySpan: r.keySpan ?? r.span });
  }
  return out;
}
