/**
 * What the position tests compare the lazy tree with: jsonc-parser's tree, where a duplicated
 * key's last value is the one that counts (as JSON.parse and Nova read it).
 */
import type { Node } from 'jsonc-parser';
import { findAt } from '../../server/src/parse/json';

export type Seg = string | number;

/** every node of jsonc-parser's tree that holds the final value at its path (and the key nodes of those properties), with its path */
export function finalNodes(root: Node): Array<{ path: Seg[]; node: Node; key: boolean }> {
  const out: Array<{ path: Seg[]; node: Node; key: boolean }> = [];
  const walk = (n: Node, path: Seg[]) => {
    if (findAt(root, path) !== n) return; // an earlier occurrence of a duplicated key
    out.push({ path, node: n, key: false });
    if (n.type === 'object') {
      for (const p of n.children ?? []) {
        const k = p.children![0];
        const sub = [...path, k.value as string];
        if (findAt(root, sub) === p.children![1]) out.push({ path: sub, node: k, key: true });
        walk(p.children![1], sub);
      }
    } else if (n.type === 'array') (n.children ?? []).forEach((c, i) => walk(c, [...path, i]));
  };
  walk(root, []);
  return out;
}

/** the node at `path` of a tree (its key node when `key`: the last property of that key) */
export function lazyAt(root: Node, path: Seg[], key: boolean): Node | undefined {
  if (!key) return findAt(root, path);
  const parent = findAt(root, path.slice(0, -1));
  const prop = (parent?.children ?? []).filter((p) => p.children?.[0]?.value === path[path.length - 1]).pop();
  return prop?.children?.[0];
}
