import { elementInfo } from './catalog';
import { cursorContext } from './cursor';
import { attributeInfo } from './hover';

/**
 * Completion items for the <disk> subtree: child element names inside <disk>
 * and its children (and <disk> itself inside <devices>), attribute names not
 * yet present, and enumerated attribute values. Labels only; the LSP layer
 * decides how to insert them.
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

export function completeAt(text: string, offset: number): CompletionEntry[] {
  const ctx = cursorContext(text, offset);
  if (ctx.kind === 'elementName' || ctx.kind === 'text') {
    // In text, only offer elements right after a '<' the user just typed.
    if (ctx.kind === 'text') return [];
    const parent = ctx.parent;
    const names = parent === 'devices' ? ['disk'] : parent ? elementInfo(parent)?.children ?? [] : [];
    return names
      .filter((n) => n.startsWith(ctx.name))
      .map((n) => ({
        label: n,
        kind: 'element' as const,
        detail: elementInfo(n)?.description,
        insertText: EMPTY_ELEMENTS.has(n) ? `${n}/>` : undefined,
      }));
  }
  if (ctx.kind === 'attributeName') {
    const info = elementInfo(ctx.element);
    if (!info) return [];
    return Object.entries(info.attributes)
      .filter(([n]) => !ctx.present.includes(n) || n === ctx.name)
      .filter(([n]) => n.startsWith(ctx.name))
      .map(([n, a]) => ({ label: n, kind: 'attribute' as const, detail: a.description, insertText: `${n}=""` }));
  }
  const a = attributeInfo(ctx.element, ctx.attribute);
  if (!a?.values) return [];
  const values = ctx.element === 'secret' && ctx.attribute === 'type' && ctx.parent && SECRET_TYPES[ctx.parent] ? SECRET_TYPES[ctx.parent] : a.values;
  return values.map((v) => ({ label: v, kind: 'value' as const, detail: a.valueDocs?.[v] ?? a.description }));
}
