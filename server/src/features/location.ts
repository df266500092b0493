/**
 * Where an offset is in a JSON text (jsonc-parser's `getLocation`: the path, whether a key is
 * being written, the node just before), without scanning the text from its start when the
 * judged tree already has the positions: hover and completion in a large body then read one
 * entry, not the half of the document before the cursor.
 *
 * Exact by construction: for a text JSON.parse accepted (the lazy tree), getLocation's answer
 * inside an object depends only on the object's own text once the visitor enters it (entering an
 * object resets what came before: no previous node, at a key), so the answer is getLocation on
 * the innermost object around the offset, under that object's path; between the items of an array
 * (or on an item's opening brace), on `[` and the array's items from its last object before the
 * offset. Any other tree (a text with syntax errors, comments or float literals) is scanned from
 * the start as before.
 */
import { getLocation, type JSONPath, type Location, type Node } from 'jsonc-parser';
import { LazyNode } from '../parse/lazyTree';

export function locationAt(root: Node | undefined, text: string, offset: number): Location {
  const from = root instanceof LazyNode ? innermostStart(root, offset) : null;
  if (!from) return getLocation(text, offset);
  // read from `from.at`: the object's own text, or `[` and an array's items from one of its objects on
  const start = from.at;
  const inner = from.index === null
    ? getLocation(text.slice(start, from.end), offset - start)
    : getLocation(`[${text.slice(start, from.end)}`, offset - start + 1);
  const shift = from.index === null ? start : start - 1;
  const innerPath = from.index === null ? inner.path : [(inner.path[0] as number) + from.index, ...inner.path.slice(1)];
  const path = [...from.path, ...innerPath];
  const prev = inner.previousNode;
  return {
    path,
    isAtPropertyKey: inner.isAtPropertyKey,
    previousNode: prev ? { ...prev, offset: prev.offset + shift, ...(prev.colonOffset !== undefined ? { colonOffset: prev.colonOffset + shift } : {}) } : undefined,
    matches: (pattern: JSONPath) => matches(path, pattern),
  };
}

/** strictly inside: after the opening bracket, up to and including the closing one */
const inside = (n: Node, offset: number) => offset > n.offset && offset < n.offset + n.length;

/** Where to read from, and the path there. */
interface Start {
  /** the offset the text read starts at, and where it ends */
  at: number;
  end: number;
  path: JSONPath;
  /** null: an object's text; a number: the index of the array item the text read starts with */
  index: number | null;
}

/**
 * The deepest object whose text holds the offset, and its path; or, when the deepest container
 * around the offset is an array (the cursor between two entries, or on an entry's opening brace),
 * that array's items from its last object that starts before the offset: entering an object resets
 * what came before just as well, and the items before it are not read (null: none, or not the
 * root's text).
 */
function innermostStart(root: LazyNode, offset: number): Start | null {
  if (root.type !== 'object' && root.type !== 'array') return null;
  if (!inside(root, offset)) return null;
  let best: Start | null = root.type === 'object' ? { at: root.offset, end: root.offset + root.length, path: [], index: null } : null;
  const path: JSONPath = [];
  let n: Node = root;
  for (;;) {
    const next = childAround(n, offset);
    if (!next) break;
    path.push(next.seg);
    n = next.node;
    if (n.type === 'object') best = { at: n.offset, end: n.offset + n.length, path: [...path], index: null };
  }
  if (n.type !== 'array') return best;
  const items = n.children ?? [];
  const j = lastObjectBefore(items, offset);
  if (j === null) return best;
  // up to the end of the first item that ends at or after the offset (the rest is never read), else the array's
  let end = n.offset + n.length;
  for (let k = j; k < items.length; k++) {
    if (items[k].offset + items[k].length >= offset) {
      end = items[k].offset + items[k].length;
      break;
    }
  }
  return { at: items[j].offset, end, path: [...path], index: j };
}

/** the index of the last object item that starts before the offset, or null */
function lastObjectBefore(items: Node[], offset: number): number | null {
  let lo = 0, hi = items.length - 1, k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].offset < offset) { k = mid; lo = mid + 1; } else hi = mid - 1;
  }
  for (; k >= 0; k--) if (items[k].type === 'object') return k;
  return null;
}

/** The container child (object or array value) of a container that holds the offset. */
function childAround(n: Node, offset: number): { node: Node; seg: string | number } | null {
  const kids = n.children ?? [];
  if (n.type === 'array') {
    // an array's items are in text order
    let lo = 0, hi = kids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = kids[mid];
      if (offset < k.offset) hi = mid - 1;
      else if (offset >= k.offset + k.length) lo = mid + 1;
      else return (k.type === 'object' || k.type === 'array') && inside(k, offset) ? { node: k, seg: mid } : null;
    }
    return null;
  }
  // an object's properties in key order (JSON.parse puts integer-like keys first): looked through
  for (const p of kids) {
    const v = p.children?.[1];
    if (v && (v.type === 'object' || v.type === 'array') && inside(v, offset)) return { node: v, seg: (p as LazyNode).seg as string };
  }
  return null;
}

/** jsonc-parser's Location.matches */
function matches(segments: JSONPath, pattern: JSONPath): boolean {
  let k = 0;
  for (let i = 0; k < pattern.length && i < segments.length; i++) {
    if (pattern[k] === segments[i] || pattern[k] === '*') k++;
    else if (pattern[k] !== '**') return false;
  }
  return k === pattern.length;
}
