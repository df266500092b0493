/**
 * A new version of a JSON body parsed from the previous one. Typing inside a string value (a
 * name, a uuid, a device name) keeps the body's structure: every key, array and other token
 * stays, only shifted by the edit, and the parsed value differs in that one string. The new value
 * is then the previous one with that string replaced, the containers on its path copied and every
 * other container shared: no JSON.parse of the whole text, no float prescan (a string edit writes
 * no number literal: the text holds a float literal exactly when the previous one did) and no
 * depth check (it opens no container). Anything else (an edit in a key,
 * across tokens, with a quote, a backslash or a control character; a string that has a backslash;
 * a previous version that was not JSON.parse's plain body) is parsed afresh by the caller.
 *
 * Exactly what a fresh parse gives: the lazy tree is made from the new text and this value, and
 * its nodes' places are the previous tree's, shifted by the edit, wherever that tree had placed
 * them already (no walk over the text for those; see test/unit/parse-splice.test.ts, which
 * compares both on random edits).
 */
import type { Node } from 'jsonc-parser';
import { LazyNode, lazyTree } from './lazyTree';

/** One replacement: `oldLength` characters at `offset` became `text`. */
export interface SingleEdit { offset: number; oldLength: number; text: string }

/** The previous version of a text (JSON.parse accepted it when `root` is a LazyNode) and the one edit since. */
export interface ParseBase {
  text: string;
  root: Node | undefined;
  edit: SingleEdit;
  /** editedString's answer on these, when worked out already */
  found?: LazyNode | null;
}

const plainChars = (s: string) => !/["\\\u0000-\u001f]/.test(s);

/**
 * The string value node (of `root`, the lazy tree of `text`) whose quotes hold the edit, when the
 * edit keeps the structure: it lies inside one string value with no backslash, and neither what
 * it removes nor what it inserts holds a quote, a backslash or a control character. Else null.
 */
export function editedString(root: Node | undefined, text: string, edit: SingleEdit): LazyNode | null {
  if (!(root instanceof LazyNode) || !plainChars(edit.text)) return null;
  const end = edit.offset + edit.oldLength;
  if (end > text.length || !plainChars(text.slice(edit.offset, end))) return null;
  const s = stringValueAround(root, edit.offset, end);
  return s && !text.slice(s.offset + 1, s.offset + s.length - 1).includes('\\') ? s : null;
}

/** The string value node whose quotes hold [from, to] (a key is not one: renaming changes paths). */
function stringValueAround(root: LazyNode, from: number, to: number): LazyNode | null {
  for (let n: Node | undefined = root; n;) {
    if (n.type === 'string') return n.offset < from && to < n.offset + n.length && n instanceof LazyNode && !n.isKey ? n : null;
    const kids: Node[] = n.type === 'property' ? [n.children![1]].filter(Boolean) : n.children ?? [];
    n = kids.find((k) => k.offset <= from && to <= k.offset + k.length);
  }
  return null;
}

/**
 * The parse of `text`, made by `base`'s edit from `base.text`, taken from `base`'s parse when the
 * edit is inside a plain string value; null when it is not (the caller parses afresh).
 */
/**
 * From this many characters a new version's tree reads its places from the previous version's
 * (below, one walk of the text costs less than keeping the previous tree alive for it: measured
 * on the language server, the hovers right after a keystroke in a 1 000-entry body, 206 000
 * characters, had a longer tail with it and nothing shorter; a 10 000-entry body's keystroke
 * spent about 10 % less in the document worker).
 */
export const PLACES_FROM_BEFORE_MIN_CHARS = 1 << 20;

export function spliceParse(text: string, base: ParseBase, placesFromMinChars = PLACES_FROM_BEFORE_MIN_CHARS): { text: string; root: LazyNode; syntax: [] } | null {
  const { root, edit, found } = base;
  if (!(root instanceof LazyNode)) return null;
  if (text.length !== base.text.length - edit.oldLength + edit.text.length) return null;
  const s = found === undefined ? editedString(root, base.text, edit) : found;
  if (!s) return null;
  const end = s.offset + s.length + edit.text.length - edit.oldLength;
  // the new text is the old one with the edit: check the ends of the string in it (one is enough
  // to refuse a stale base; the length check above and the edit's place do the rest)
  if (text.charCodeAt(s.offset) !== 34 || text.charCodeAt(end - 1) !== 34) return null;
  const value = text.slice(s.offset + 1, end - 1);
  // the path from the root to the string: the segments of every node but the properties
  const path: Array<string | number> = [];
  for (let n: Node | undefined = s; n && n !== root; n = n.parent) {
    if (n.type === 'property') continue;
    const seg = (n as LazyNode).seg;
    if (seg === null) return null;
    path.push(seg);
  }
  path.reverse();
  const next = replaced(root.raw, path, 0, value);
  // a string edit writes no number: the text holds a float literal exactly when the previous one did
  if (next === NOT_FOUND) return null;
  // every node stands where it stood in the previous version, shifted by the edit: in a large
  // text, places are read from there first
  const before = text.length >= placesFromMinChars ? { root, offset: edit.offset, oldLength: edit.oldLength, newLength: edit.text.length } : undefined;
  // (the previous text's answer if it was asked, else this text's own when first asked: the same)
  return { text, root: lazyTree(text, next, root.floatsIfKnown, before), syntax: [] };
}

const NOT_FOUND = Symbol('not found');

/** `v` with the value at `path[i..]` replaced: the containers on the path copied, all else shared. */
function replaced(v: unknown, path: ReadonlyArray<string | number>, i: number, value: string): unknown {
  if (i === path.length) return typeof v === 'string' ? value : NOT_FOUND;
  const seg = path[i]!;
  if (Array.isArray(v)) {
    if (typeof seg !== 'number' || seg >= v.length) return NOT_FOUND;
    const inner = replaced(v[seg], path, i + 1, value);
    if (inner === NOT_FOUND) return NOT_FOUND;
    const copy = v.slice();
    copy[seg] = inner;
    return copy;
  }
  if (v === null || typeof v !== 'object' || typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(v, seg)) return NOT_FOUND;
  const inner = replaced((v as Record<string, unknown>)[seg], path, i + 1, value);
  if (inner === NOT_FOUND) return NOT_FOUND;
  // a spread defines own data properties in the same order (a key `__proto__` too); the one
  // replaced is redefined in place, never assigned (an assignment to `__proto__` sets the prototype)
  const copy = { ...(v as Record<string, unknown>) };
  Object.defineProperty(copy, seg, { value: inner, writable: true, enumerable: true, configurable: true });
  return copy;
}
