import { scanStartTag } from './parse';
import type { Span } from './types';

/**
 * Where a cursor offset sits, for hover and completion. This works on the raw
 * text, not on the parse tree, because the document is usually not
 * well-formed while someone types in it. It only looks at the tag around the
 * offset and at the chain of open elements before it.
 */

export type CursorContext =
  | { kind: 'elementName'; name: string; span: Span; parent: string | null; grandparent: string | null }
  | { kind: 'attributeName'; element: string; name: string; span: Span; present: string[]; parent: string | null }
  | { kind: 'attributeValue'; element: string; attribute: string; value: string; span: Span; parent: string | null }
  | { kind: 'text'; parent: string | null; grandparent: string | null };

const TAG_RE = /<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>/g;

/** Names of the elements open at `offset`, outermost first. */
export function openElements(text: string, offset: number): string[] {
  const stack: string[] = [];
  TAG_RE.lastIndex = 0;
  const head = text.slice(0, offset);
  for (let m = TAG_RE.exec(head); m; m = TAG_RE.exec(head)) {
    if (!m[2]) continue; // comment, PI, CDATA, doctype
    if (m[1] === '/') {
      const at = stack.lastIndexOf(m[2]);
      if (at >= 0) stack.length = at;
    } else if (m[4] !== '/') stack.push(m[2]);
  }
  return stack;
}

/**
 * Offset of the '<' of the tag that contains `offset`, or -1 when the offset is
 * in text. '<' cannot appear raw inside an attribute value, so the last '<'
 * before the offset starts the candidate tag; a '>' outside quotes between the
 * two means the tag is already closed.
 */
function enclosingTagStart(text: string, offset: number): number {
  const start = text.lastIndexOf('<', offset - 1);
  if (start < 0) return -1;
  let quote = '';
  for (let i = start + 1; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return -1;
  }
  return start;
}

export function cursorContext(text: string, offset: number): CursorContext {
  const start = enclosingTagStart(text, offset);
  if (start < 0 || text.startsWith('<!--', start) || text.startsWith('<?', start)) {
    const open = openElements(text, offset);
    return { kind: 'text', parent: open.at(-1) ?? null, grandparent: open.at(-2) ?? null };
  }
  const closing = text[start + 1] === '/';
  const nameStart = start + (closing ? 2 : 1);
  let nameEnd = nameStart;
  while (nameEnd < text.length && /[\w.:-]/.test(text[nameEnd])) nameEnd++;
  const name = text.slice(nameStart, nameEnd);
  const open = openElements(text, start);
  if (closing) open.pop();
  const parent = open.at(-1) ?? null;
  if (offset <= nameEnd) {
    return { kind: 'elementName', name, span: { offset: nameStart, length: nameEnd - nameStart }, parent, grandparent: open.at(-2) ?? null };
  }
  const tag = scanStartTag(text, start);
  for (const a of tag.attributes) {
    if (offset >= a.nameSpan.offset && offset <= a.nameSpan.offset + a.nameSpan.length) {
      return { kind: 'attributeName', element: name, name: a.name, span: a.nameSpan, present: tag.attributes.map((x) => x.name), parent };
    }
    if (offset >= a.valueSpan.offset && offset <= a.valueSpan.offset + a.valueSpan.length) {
      return { kind: 'attributeValue', element: name, attribute: a.name, value: a.value, span: a.valueSpan, parent };
    }
  }
  // Not on a complete attribute: the user is typing one. Look at what precedes the cursor.
  const before = text.slice(start, offset);
  const open_ = /([\w:-]+)\s*=\s*(["'])([^"']*)$/.exec(before);
  if (open_) {
    return { kind: 'attributeValue', element: name, attribute: open_[1], value: open_[3], span: { offset: offset - open_[3].length, length: open_[3].length }, parent };
  }
  const partial = /(?:^|\s)([\w:-]*)$/.exec(before);
  const typed = partial ? partial[1] : '';
  return {
    kind: 'attributeName',
    element: name,
    name: typed,
    span: { offset: offset - typed.length, length: typed.length },
    present: tag.attributes.map((x) => x.name),
    parent,
  };
}
