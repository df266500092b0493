import { elementInfo } from './catalog';
import type { AttributeInfo } from './catalog';
import { cursorContext } from './cursor';
import { catalogFor, describeValues, enclosingChain, schemaElementAt, schemaNamespace, schemaRelease } from './domainCatalog';
import type { SchemaElement, SchemaValues } from './domainCatalog';
import type { Span } from './types';

/**
 * Hover text for element names, attribute names and attribute values of libvirt domain XML:
 * in the <disk> subtree from the hand-written catalogue (its descriptions), elsewhere from
 * libvirt's domain schema (domainCatalog.ts: what the schema allows where the element stands).
 * Plain data out (markdown + span); the LSP layer turns the span into a range.
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
  const chain = enclosingChain(text, offset, ctx);
  const here = [...chain, ctx.kind === 'elementName' ? ctx.name : ctx.element];
  const schema = schemaElementAt(here);
  const info = catalogFor(here, schema);
  if (ctx.kind === 'elementName') {
    if (ctx.span.length === 0) return null;
    if (info) {
      const attrs = Object.keys(info.attributes);
      const lines = [`**<${ctx.name}>** (libvirt domain XML)`, '', info.description];
      if (attrs.length) lines.push('', `Attributes: ${attrs.map((a) => `\`${a}\``).join(', ')}`);
      if (info.children.length) lines.push('', `Children: ${info.children.map((c) => `\`<${c}>\``).join(', ')}`);
      return { markdown: lines.join('\n'), span: ctx.span };
    }
    return schema ? { markdown: schemaElementMarkdown(ctx.name, chain.at(-1) ?? null, schema), span: ctx.span } : null;
  }
  const attribute = ctx.kind === 'attributeName' ? ctx.name : ctx.attribute;
  const a = info ? attributeInfo(ctx.element, attribute) : undefined;
  if (!a) {
    const v = schema?.attributes.get(attribute);
    return v ? schemaAttributeHover(ctx, v) : null;
  }
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

/** "libvirt 9.0's domain schema", or "libvirt's domain schema" when the table does not know the release. */
function schemaName(): string {
  const r = schemaRelease();
  return r ? `libvirt ${r.split('.').slice(0, 2).join('.')}'s domain schema` : "libvirt's domain schema";
}

/** At most this many values are listed beside an attribute in an element's hover. */
const INLINE_VALUES = 6;

function schemaElementMarkdown(name: string, parent: string | null, e: SchemaElement): string {
  const lines = [`**<${name}>** (libvirt domain XML${parent ? `, in <${parent}>` : ''})`, ''];
  const prefix = /^([\w-]+):/.exec(name)?.[1];
  const ns = prefix ? schemaNamespace(prefix) : undefined;
  if (ns) lines.push(`An extension element: the \`${prefix}:\` prefix must be declared, \`xmlns:${prefix}="${ns}"\` (usually on <domain>).`, '');
  const takes = !e.attributes.size && !e.children.size && !e.text && !e.anyElement && !e.anyAttribute;
  if (takes) {
    lines.push(`${schemaName()} allows nothing inside it: write it empty, \`<${name}/>\`.`);
    return lines.join('\n');
  }
  lines.push(`What ${schemaName()} allows here:`);
  if (e.attributes.size) {
    const attrs = [...e.attributes].map(([n, v]) => {
      if (!v.values.length) return `\`${n}\``;
      if (v.values.length > INLINE_VALUES) return `\`${n}\` (${v.values.length} values${v.free ? ' or another' : ''})`;
      return `\`${n}\` (${v.values.map((x) => `\`${x}\``).join(' | ')}${v.free ? ' | …' : ''})`;
    });
    lines.push('', `Attributes: ${attrs.join(', ')}${e.anyAttribute ? ', and any other' : ''}`);
  } else if (e.anyAttribute) lines.push('', 'Attributes: any');
  else lines.push('', 'Attributes: none');
  if (e.children.size) lines.push('', `Children: ${[...e.children.keys()].map((c) => `\`<${c}>\``).join(', ')}${e.anyElement ? ', and any other element' : ''}`);
  else if (e.anyElement) lines.push('', 'Children: any element (in a namespace of your own)');
  if (e.text) lines.push('', `Text: ${describeValues(e.text)}`);
  return lines.join('\n');
}

function schemaAttributeHover(
  ctx: { kind: 'attributeName'; element: string; name: string; span: Span } | { kind: 'attributeValue'; element: string; attribute: string; value: string; span: Span },
  v: SchemaValues,
): { markdown: string; span: Span } | null {
  if (ctx.kind === 'attributeName') {
    if (ctx.span.length === 0) return null;
    return { markdown: `**${ctx.element} @${ctx.name}**\n\n${schemaName()} allows as its value: ${describeValues(v)}.`, span: ctx.span };
  }
  if (v.values.length && !v.free && ctx.value && !v.values.includes(ctx.value)) {
    return { markdown: `**${ctx.attribute}="${ctx.value}"** is not a value libvirt accepts on <${ctx.element}>.\n\nValues (${schemaName()}): ${v.values.map((x) => `\`${x}\``).join(', ')}`, span: ctx.span };
  }
  if (v.values.includes(ctx.value)) {
    return { markdown: `**${ctx.attribute}="${ctx.value}"**\n\nOne of the values ${schemaName()} allows for <${ctx.element} ${ctx.attribute}>: ${describeValues(v)}.`, span: ctx.span };
  }
  return { markdown: `**${ctx.element} @${ctx.attribute}**\n\n${schemaName()} allows as its value: ${describeValues(v)}.`, span: ctx.span };
}

export function attributeInfo(element: string, attribute: string): AttributeInfo | undefined {
  const info = elementInfo(element);
  if (!info || !Object.prototype.hasOwnProperty.call(info.attributes, attribute)) return undefined;
  return info.attributes[attribute];
}
