/**
 * libvirt's domain schema as a table (domainSchema.json, derived from libvirt's RelaxNG files by
 * scripts/libvirt-domain-catalog.mjs): for each element where it stands (its parent chain), the
 * child element names, attribute names and enumerated values the schema allows there. Completion
 * and hover read it for the whole domain; the hand-written catalogue (catalog.ts) keeps its
 * descriptions for the <disk> subtree.
 *
 * The table is data: in the bundles it is a lazy chunk of its own (dist/lazy/, see
 * scripts/libvirt-domain-catalog.mjs `lazyDomainSchema`), required on the first completion or
 * hover that needs it; rows are decoded once each, on first use.
 */
import table from './domainSchema.json';
import { elementInfo } from './catalog';
import type { ElementInfo } from './catalog';
import { openElements } from './cursor';
import type { CursorContext } from './cursor';

/** What the schema allows as an attribute's value or an element's text. */
export interface SchemaValues {
  /** the enumerated values (empty: none, free form only) */
  values: readonly string[];
  /** values other than the enumerated ones are allowed too (a number, a path, ...) */
  free: boolean;
}

export interface SchemaElement {
  name: string;
  /** the row's index in the table (rows reached by equal paths of the schema are one) */
  row: number;
  attributes: ReadonlyMap<string, SchemaValues>;
  /** child element name -> its row */
  children: ReadonlyMap<string, number>;
  /** the text the element takes, or null when it takes none */
  text: SchemaValues | null;
  /** any element may appear inside (e.g. <metadata>'s own namespaced elements) */
  anyElement: boolean;
  /** any attribute may appear on it */
  anyAttribute: boolean;
}

type Code = number;
type Row = [string, (Record<string, Code> | 0)?, (Record<string, number> | 0)?, (Code | null)?, number?];
interface RawTable {
  libvirt: string | null;
  namespaces: Record<string, string>;
  roots: Record<string, number>;
  values: string[][];
  elements: Row[];
}

let raw: RawTable | null = null;
const rows: Array<SchemaElement | undefined> = [];
let uniqueByName: Map<string, number> | null = null;
const resolved = new Map<string, SchemaElement | null>();

function data(): RawTable {
  return (raw ??= table as unknown as RawTable);
}

function decodeValues(code: Code): SchemaValues {
  if (code === 0) return { values: [], free: true };
  const list = data().values[Math.abs(code) - 1] ?? [];
  return { values: list, free: code < 0 };
}

/** The row `i` of the table, decoded (once). */
export function schemaRow(i: number): SchemaElement | undefined {
  const have = rows[i];
  if (have) return have;
  const r = data().elements[i];
  if (!r) return undefined;
  const [name, attrs, kids, text, flags = 0] = r;
  const e: SchemaElement = {
    name,
    row: i,
    attributes: new Map(Object.entries(attrs || {}).map(([n, c]) => [n, decodeValues(c)])),
    children: new Map(Object.entries(kids || {})),
    text: text === undefined || text === null ? null : decodeValues(text),
    anyElement: (flags & 1) !== 0,
    anyAttribute: (flags & 2) !== 0,
  };
  rows[i] = e;
  return e;
}

/** The libvirt release whose schemas the table comes from ("9.0.0"), or null when unknown. */
export function schemaRelease(): string | null {
  return data().libvirt;
}

/** The namespace URI of an extension prefix the schema uses (`qemu` -> http://libvirt.org/schemas/domain/qemu/1.0). */
export function schemaNamespace(prefix: string): string | undefined {
  const ns = data().namespaces;
  return Object.prototype.hasOwnProperty.call(ns, prefix) ? ns[prefix] : undefined;
}

function walk(from: number, names: readonly string[]): SchemaElement | null {
  let e = schemaRow(from);
  for (const n of names) {
    const next = e?.children.get(n);
    if (next === undefined) return null;
    e = schemaRow(next);
  }
  return e ?? null;
}

/** element name -> its row, for the names that have one row only (anchors for fragments) */
function unique(): Map<string, number> {
  if (uniqueByName) return uniqueByName;
  const seen = new Map<string, number>();
  const many = new Set<string>();
  data().elements.forEach((r, i) => {
    if (seen.has(r[0])) many.add(r[0]);
    else seen.set(r[0], i);
  });
  for (const n of many) seen.delete(n);
  return (uniqueByName = seen);
}

/**
 * The schema's element at the end of `chain` (element names, outermost first, the element itself
 * last), or null when the schema allows no such element there. The chain is read from its first
 * root (<domain>, or a device for device XML on its own) on; in a chain without a root, from the
 * innermost element whose name the schema uses in one place only (a fragment such as <os>...).
 */
export function schemaElementAt(chain: readonly string[]): SchemaElement | null {
  if (!chain.length) return null;
  const key = chain.join('\u0000');
  if (resolved.has(key)) return resolved.get(key)!;
  const roots = data().roots;
  let found: SchemaElement | null = null;
  let rooted = false;
  for (let i = 0; i < chain.length && !found; i++) {
    if (!Object.prototype.hasOwnProperty.call(roots, chain[i])) continue;
    rooted = true;
    found = walk(roots[chain[i]], chain.slice(i + 1));
  }
  // a fragment only: inside a <domain> (or a device), an element where the schema has none is not guessed at
  for (let i = chain.length - 1; i >= 0 && !found && !rooted; i--) {
    const at = unique().get(chain[i]);
    if (at !== undefined) found = walk(at, chain.slice(i + 1));
  }
  if (resolved.size > 10_000) resolved.clear();
  resolved.set(key, found);
  return found;
}

/**
 * The open elements around a cursor context, outermost first: for a tag, the elements that
 * enclose it (not the tag's own element); in text, the elements open there. `offset` is the
 * cursor's, `ctx` cursorContext's reading of it.
 */
export function enclosingChain(text: string, offset: number, ctx: CursorContext): string[] {
  if (ctx.kind === 'text') return openElements(text, offset);
  const start = text.lastIndexOf('<', offset - 1);
  if (start < 0) return [];
  const open = openElements(text, start);
  if (text[start + 1] === '/') open.pop();
  return open;
}

/** Plain words for what a value set allows, values in code spans (at most `max` of them). */
export function describeValues(v: SchemaValues, max = 40): string {
  if (!v.values.length) return 'free form';
  const shown = v.values.slice(0, max).map((x) => `\`${x}\``).join(', ');
  const more = v.values.length > max ? `, and ${v.values.length - max} more` : '';
  return v.free ? `${shown}${more}, or another value` : `one of ${shown}${more}`;
}

/**
 * The hand-written catalogue's entry for the element at the end of `chain`, when it speaks for it:
 * inside a <disk> (or the <disk> itself), or where libvirt's schema does not know the chain.
 */
export function catalogFor(chain: readonly string[], schema: SchemaElement | null): ElementInfo | undefined {
  const name = chain.at(-1);
  if (!name) return undefined;
  const info = elementInfo(name);
  if (!info) return undefined;
  if (name === 'disk' || chain.slice(0, -1).includes('disk') || !schema) return info;
  return undefined;
}
