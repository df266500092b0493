import { elementInfo } from './catalog';
import type { AttributeInfo } from './catalog';
import { cursorContext } from './cursor';
import type { Span } from './types';

/**
 * Hover text for element names, attribute names and attribute values of the
 * <disk> subtree, from the catalogue. Plain data out (markdown + span); the
 * LSP layer turns the span into a range.
 */

export function hoverAt(text: string, offset: number): { markdown: string; span: Span } | null {
  const h = hoverRaw(text, offset);
  return h ? { markdown: escapeAngles(h.markdown), span: h.span } : null;
}

/**
 * Markdown renderers take `<source>` for an HTML tag and drop it: escape `<` outside code
 * spans so element names show.
 */
export function escapeAngles(md: string): string {
  return md.split('`').map((part, i) => (i % 2 === 0 ? part.replace(/</g, '\\<') : part)).join('`');
}

function hoverRaw(text: string, offset: number): { markdown: string; span: Span } | null {
  const ctx = cursorContext(text, offset);
  if (ctx.kind === 'text') return null;
  if (ctx.kind === 'elementName') {
    const info = elementInfo(ctx.name);
    if (!info || ctx.span.length === 0) return null;
    const attrs = Object.keys(info.attributes);
    const lines = [`**<${ctx.name}>** (libvirt domain XML)`, '', info.description];
    if (attrs.length) lines.push('', `Attributes: ${attrs.map((a) => `\`${a}\``).join(', ')}`);
    if (info.children.length) lines.push('', `Children: ${info.children.map((c) => `\`<${c}>\``).join(', ')}`);
    return { markdown: lines.join('\n'), span: ctx.span };
  }
  const a = attributeInfo(ctx.element, ctx.kind === 'attributeName' ? ctx.name : ctx.attribute);
  if (!a) return null;
  if (ctx.kind === 'attributeName') {
    if (ctx.span.length === 0) return null;
    const lines = [`**${ctx.element} @${ctx.name}**`, '', a.description];
    if (a.values) lines.push('', `Values: ${a.values.map((v) => `\`${v}\``).join(', ')}`);
    return { markdown: lines.join('\n'), span: ctx.span };
  }
  const doc = a.valueDocs?.[ctx.value];
  if (doc) return { markdown: `**${ctx.attribute}="${ctx.value}"**\n\n${doc}`, span: ctx.span };
  if (a.values && !a.suggestOnly && ctx.value && !a.values.includes(ctx.value)) {
    return { markdown: `**${ctx.attribute}="${ctx.value}"** is not a value libvirt accepts.\n\nValues: ${a.values.map((v) => `\`${v}\``).join(', ')}`, span: ctx.span };
  }
  return { markdown: `**${ctx.element} @${ctx.attribute}**\n\n${a.description}`, span: ctx.span };
}

export function attributeInfo(element: string, attribute: string): AttributeInfo | undefined {
  const info = elementInfo(element);
  if (!info || !Object.prototype.hasOwnProperty.call(info.attributes, attribute)) return undefined;
  return info.attributes[attribute];
}
