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

/**
 * Names of the elements open at `offset`, outermost first.
 *
 * One pass over the text before the offset, linear whatever the text (a regular expression
 * here backtracked quadratically on a long unclosed tag: 30 s for 200 KB). At each '<': a
 * comment, PI or CDATA runs to its end (or the end of the text); a DOCTYPE to the next '>';
 * otherwise `<name` or `</name` is a tag when a '>' outside quotes follows before any unclosed
 * quote. Where a tag's end lies is asked only at positions in unquoted state, and those answers
 * are kept, so every character is looked at a bounded number of times.
 */
export function openElements(text: string, offset: number): string[] {
  const head = text.slice(0, offset);
  const n = head.length;
  const stack: string[] = [];
  const tagEnd = tagEndFinder(head);
  let i = head.indexOf('<');
  while (i >= 0 && i < n) {
    let next = i + 1;
    if (head.startsWith('<!--', i)) next = endAfter(head, '-->', i + 4);
    else if (head.startsWith('<?', i)) next = endAfter(head, '?>', i + 2);
    else if (head.startsWith('<![CDATA[', i)) next = endAfter(head, ']]>', i + 9);
    else {
      const doctype = head.startsWith('<!DOCTYPE', i) ? head.indexOf('>', i + 9) : -1;
      if (doctype >= 0) next = doctype + 1;
      else {
        const closing = head[i + 1] === '/';
        const nameStart = i + (closing ? 2 : 1);
        let nameEnd = nameStart;
        if (nameEnd < n && /[A-Za-z_]/.test(head[nameEnd]!)) {
          nameEnd++;
          while (nameEnd < n && /[\w.:-]/.test(head[nameEnd]!)) nameEnd++;
          const end = tagEnd(nameEnd);
          if (end >= 0) {
            const name = head.slice(nameStart, nameEnd);
            if (closing) {
              const at = stack.lastIndexOf(name);
              if (at >= 0) stack.length = at;
            } else if (head[end - 1] !== '/' || end - 1 < nameEnd) stack.push(name);
            next = end + 1;
          }
        }
      }
    }
    i = head.indexOf('<', next);
  }
  return stack;
}

/** Index just past `close` searched from `from`, or the end of the text when it never comes. */
function endAfter(text: string, close: string, from: number): number {
  const at = text.indexOf(close, from);
  return at < 0 ? text.length : at + close.length;
}

/**
 * `end(pos)`: the index of the first '>' at or after `pos` outside quotes, scanning in unquoted
 * state, or -1 when an opening quote is never closed first (or no '>' comes). One backward pass
 * gives the next '>', '"' or "'" of every position; the answer at each quote is kept, so a quoted
 * value is searched for its closing quote once, and the total work stays linear in the text.
 */
function tagEndFinder(text: string): (pos: number) => number {
  const n = text.length;
  let nextSpecial: Int32Array | null = null; // built on the first tag
  const atQuote = new Map<number, number>();
  const build = (): Int32Array => {
    const a = new Int32Array(n + 1);
    let at = -1;
    a[n] = -1;
    for (let i = n - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 62 /* > */ || c === 34 /* " */ || c === 39 /* ' */) at = i;
      a[i] = at;
    }
    return a;
  };
  return (pos0: number): number => {
    const next = (nextSpecial ??= build());
    const quotes: number[] = [];
    let pos = pos0;
    let result: number;
    for (;;) {
      const k = pos <= n ? next[pos]! : -1;
      if (k < 0) { result = -1; break; }
      if (text.charCodeAt(k) === 62) { result = k; break; }
      const known = atQuote.get(k);
      if (known !== undefined) { result = known; break; }
      quotes.push(k);
      const close = text.indexOf(text[k]!, k + 1);
      if (close < 0) { result = -1; break; }
      pos = close + 1;
    }
    for (const q of quotes) atQuote.set(q, result);
    return result;
  };
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

/** How much of a tag before the cursor the attribute patterns look at. */
const TAIL = 1024;

/**
 * What the tag around `offset` says of it, read from that tag alone (no parent: that needs the
 * walk from the start of the text): cursorContext's reading without its open elements, or null
 * outside a tag. `start` is where the tag opens, `closing` whether it is an end tag.
 */
type TagReading = { start: number; closing: boolean } & (
  | { kind: 'elementName'; name: string; span: Span }
  | { kind: 'attributeName'; element: string; name: string; span: Span; present: string[] }
  | { kind: 'attributeValue'; element: string; attribute: string; value: string; span: Span });

function readTag(text: string, offset: number): TagReading | null {
  const start = enclosingTagStart(text, offset);
  if (start < 0 || text.startsWith('<!--', start) || text.startsWith('<?', start)) return null;
  const closing = text[start + 1] === '/';
  const nameStart = start + (closing ? 2 : 1);
  let nameEnd = nameStart;
  while (nameEnd < text.length && /[\w.:-]/.test(text[nameEnd])) nameEnd++;
  const name = text.slice(nameStart, nameEnd);
  if (offset <= nameEnd) return { start, closing, kind: 'elementName', name, span: { offset: nameStart, length: nameEnd - nameStart } };
  const tag = scanStartTag(text, start);
  for (const a of tag.attributes) {
    if (offset >= a.nameSpan.offset && offset <= a.nameSpan.offset + a.nameSpan.length) {
      return { start, closing, kind: 'attributeName', element: name, name: a.name, span: a.nameSpan, present: tag.attributes.map((x) => x.name) };
    }
    if (offset >= a.valueSpan.offset && offset <= a.valueSpan.offset + a.valueSpan.length) {
      return { start, closing, kind: 'attributeValue', element: name, attribute: a.name, value: a.value, span: a.valueSpan };
    }
  }
  // Not on a complete attribute: the user is typing one. Look at what precedes the cursor.
  // Only the end of the tag before the cursor matters here: the two end-anchored patterns below
  // would otherwise retry from every position of a tag that runs on for megabytes (quadratic).
  const before = text.slice(Math.max(start, offset - TAIL), offset);
  const open = /(?<![\w:-])([\w:-]+)\s*=\s*(["'])([^"']*)$/.exec(before);
  if (open) {
    return { start, closing, kind: 'attributeValue', element: name, attribute: open[1], value: open[3], span: { offset: offset - open[3].length, length: open[3].length } };
  }
  const partial = /(?:^|\s)([\w:-]*)$/.exec(before);
  const typed = partial ? partial[1] : '';
  return { start, closing, kind: 'attributeName', element: name, name: typed, span: { offset: offset - typed.length, length: typed.length }, present: tag.attributes.map((x) => x.name) };
}

/**
 * The element and attribute whose value holds the offset (cursorContext's 'attributeValue'),
 * or null: from the tag around the offset only, without the walk from the start of the text
 * that finds the open elements (the quick fixes of every diagnostic of a big domain asked it
 * once each: quadratic).
 */
export function attributeValueAt(text: string, offset: number): { element: string; attribute: string } | null {
  const r = readTag(text, offset);
  return r?.kind === 'attributeValue' ? { element: r.element, attribute: r.attribute } : null;
}

export function cursorContext(text: string, offset: number): CursorContext {
  const r = readTag(text, offset);
  if (!r) {
    const open = openElements(text, offset);
    return { kind: 'text', parent: open.at(-1) ?? null, grandparent: open.at(-2) ?? null };
  }
  const open = openElements(text, r.start);
  if (r.closing) open.pop();
  const parent = open.at(-1) ?? null;
  switch (r.kind) {
    case 'elementName': return { kind: 'elementName', name: r.name, span: r.span, parent, grandparent: open.at(-2) ?? null };
    case 'attributeName': return { kind: 'attributeName', element: r.element, name: r.name, span: r.span, present: r.present, parent };
    case 'attributeValue': return { kind: 'attributeValue', element: r.element, attribute: r.attribute, value: r.value, span: r.span, parent };
  }
}
