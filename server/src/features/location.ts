/**
 * Where an offset is in a JSON text (jsonc-parser's `getLocation`: the path, whether a key is
 * being written, the node just before), without scanning the text from its start when the
 * judged tree already has the positions: hover and completion in a large body then read one
 * entry, not the half of the document before the cursor.
 *
 * Exact by construction: for a text JSON.parse accepted (the lazy tree), getLocation's answer
 * inside an object depends only on the object's own text once the visitor enters it (entering an
 * object resets what came before: no previous node, at a key), so the answer is getLocation on
 * the innermost object around the offset, under that object's path. Any other tree (a text with
 * syntax errors, comments or float literals) is scanned from the start as before.
 */
import { getLocation, type JSONPath, type Location, type Node } from 'jsonc-parser';
import { LazyNode } from '../parse/lazyTree';

export function locationAt(root: Node | undefined, text: string, offset: number): Location {
  const from = root instanceof LazyNode ? innermostObject(root, offset) : null;
  if (!from) return getLocation(text, offset);
  const inner = getLocation(text.slice(from.node.offset, from.node.offset + from.node.length), offset - from.node.offset);
  const path = [...from.path, ...inner.path];
  const prev = inner.previousNode;
  return {
    path,
    isAtPropertyKey: inner.isAtPropertyKey,
    previousNode: prev ? { ...prev, offset: prev.offset + from.node.offset, ...(prev.colonOffset !== undefined ? { colonOffset: prev.colonOffset + from.node.offset } : {}) } : undefined,
    matches: (pattern: JSONPath) => matches(path, pattern),
  };
}

/** strictly inside: after the opening bracket, up to and including the closing one */
const inside = (n: Node, offset: number) => offset > n.offset && offset < n.offset + n.length;

/** The deepest object whose text holds the offset, and its path (null: none, or not the root's text). */
function innermostObject(root: LazyNode, offset: number): { node: Node; path: JSONPath } | null {
  if (root.type !== 'object' && root.type !== 'array') return null;
  if (!inside(root, offset)) return null;
  let best: { node: Node; path: JSONPath } | null = root.type === 'object' ? { node: root, path: [] } : null;
  const path: JSONPath = [];
  for (let n: Node | undefined = root; n;) {
    const next = childAround(n, offset);
    if (!next) break;
    path.push(next.seg);
    n = next.node;
    if (n.type === 'object') best = { node: n, path: [...path] };
  }
  return best;
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
