import { cursorContext } from './cursor';
import { catalogFor, enclosingChain, schemaElementAt, schemaRow } from './domainCatalog';
import type { SchemaElement, SchemaValues } from './domainCatalog';
import { attributeInfo } from './hover';

/**
 * Completion items in libvirt domain XML: child element names valid inside the open element,
 * attribute names the element takes and that are not yet present, enumerated attribute values,
 * and enumerated text values (`<on_crash>`, `<os><type>`). What is valid comes from libvirt's
 * domain schema (domainCatalog.ts, by the chain of open elements, so `<source>` in `<interface>`
 * is not `<source>` in `<disk>`); in the <disk> subtree the hand-written catalogue (catalog.ts)
 * comes first, with its descriptions. Labels only; the LSP layer decides how to insert them.
 */

export interface CompletionEntry {
  label: string;
  kind: 'element' | 'attribute' | 'value';
  detail?: string;
  insertText?: string;
}

/** Elements that are always empty: complete them self-closed. */
const EMPTY_ELEMENTS = new Set(['readonly', 'shareable']);

/** Secret types depend on where the <secret> is. */
const SECRET_TYPES: Record<string, string[]> = { auth: ['ceph', 'iscsi'], encryption: ['passphrase'] };

/** A completion detail (plain text) for an attribute's values: `yes | no`, `a | b | …` when others are allowed. */
function plainValues(v: SchemaValues): string | undefined {
  if (!v.values.length) return undefined;
  const shown = v.values.slice(0, 8);
  return shown.join(' | ') + (v.values.length > shown.length || v.free ? ' | …' : '');
}

/** An element the schema says takes nothing (no attribute, child or text): inserted self-closed. */
function schemaEmpty(e: SchemaElement | undefined): boolean {
  return !!e && !e.attributes.size && !e.children.size && !e.text && !e.anyElement && !e.anyAttribute;
}

export function completeAt(text: string, offset: number): CompletionEntry[] {
  const ctx = cursorContext(text, offset);
  const chain = enclosingChain(text, offset, ctx);
  if (ctx.kind === 'text') {
    // In text, only offer elements right after a '<' the user just typed; the values of an
    // element whose text is a choice (<on_crash>destroy</on_crash>) are offered in its text.
    const own = schemaElementAt(chain)?.text;
    return own ? own.values.map((v) => ({ label: v, kind: 'value' as const, detail: `<${chain.at(-1)}> text` })) : [];
  }
  if (ctx.kind === 'elementName') {
    const parentSchema = schemaElementAt(chain);
    const parentInfo = chain.length ? catalogFor(chain, parentSchema) : undefined;
    const names: string[] = [...(parentInfo?.children ?? [])];
    if (parentSchema) for (const n of parentSchema.children.keys()) if (!names.includes(n)) names.push(n);
    return names
      .filter((n) => n.startsWith(ctx.name))
      .map((n) => {
        const own = catalogFor([...chain, n], parentSchema ? schemaElementAt([...chain, n]) : null);
        const row = parentSchema?.children.get(n);
        const schemaChild = row === undefined ? undefined : schemaRow(row);
        return {
          label: n,
          kind: 'element' as const,
          detail: own?.description ?? (chain.length ? `in <${chain.at(-1)}> (libvirt's domain schema)` : undefined),
          insertText: EMPTY_ELEMENTS.has(n) || (!own && schemaEmpty(schemaChild)) ? `${n}/>` : undefined,
        };
      });
  }
  const here = [...chain, ctx.element];
  const schema = schemaElementAt(here);
  const info = catalogFor(here, schema);
  if (ctx.kind === 'attributeName') {
    const out: CompletionEntry[] = [];
    const seen = new Set<string>();
    const offer = (n: string, detail: string | undefined) => {
      if (seen.has(n)) return;
      seen.add(n);
      if ((ctx.present.includes(n) && n !== ctx.name) || !n.startsWith(ctx.name)) return;
      out.push({ label: n, kind: 'attribute', detail, insertText: `${n}=""` });
    };
    if (info) for (const [n, a] of Object.entries(info.attributes)) offer(n, a.description);
    if (schema) for (const [n, v] of schema.attributes) offer(n, plainValues(v));
    return out;
  }
  const a = info ? attributeInfo(ctx.element, ctx.attribute) : undefined;
  if (a?.values) {
    const values = ctx.element === 'secret' && ctx.attribute === 'type' && ctx.parent && SECRET_TYPES[ctx.parent] ? SECRET_TYPES[ctx.parent] : a.values;
    return values.map((v) => ({ label: v, kind: 'value' as const, detail: a.valueDocs?.[v] ?? a.description }));
  }
  const v = schema?.attributes.get(ctx.attribute);
  if (!v?.values.length) return [];
  return v.values.map((x) => ({ label: x, kind: 'value' as const, detail: a?.description ?? `<${ctx.element} ${ctx.attribute}>` }));
}
