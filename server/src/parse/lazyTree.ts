/**
 * A jsonc-parser-shaped tree built from JSON.parse's value, whose offsets are found only when
 * somebody asks for one. Judging a large valid body then costs JSON.parse plus the rules;
 * positions are computed for what is reported (a targeted scan that stops at the place), and
 * after a few of those, once for the whole document (parseTree, mapped node by node).
 */
import { parseTree, visit, type Node, type NodeType } from 'jsonc-parser';

type Seg = string | number;

class Locator {
  private targeted = 0;
  private full: Map<LazyNode, { offset: number; length: number }> | null = null;
  constructor(private readonly text: string, private readonly rootOf: () => LazyNode) {}

  locate(n: LazyNode): { offset: number; length: number } {
    if (!this.full && ++this.targeted > 8) this.buildFull();
    if (this.full) return this.full.get(n) ?? { offset: 0, length: 0 };
    return this.scan(n) ?? { offset: 0, length: 0 };
  }

  /** One pass of the scanner, stopped as soon as the node's extent is known. */
  private scan(n: LazyNode): { offset: number; length: number } | null {
    if (n.type === 'property') {
      // a property runs from its key to the end of its value
      const k = this.locate(n.children![0] as LazyNode);
      const v = this.locate(n.children![1] as LazyNode);
      return { offset: k.offset, length: v.offset + v.length - k.offset };
    }
    const target = n.path;
    const wantKey = n.isKey;
    const depthOf = target.length;
    let found: { offset: number; length: number } | null = null;
    let start = -1;
    let depth = 0; // containers entered so far
    let openAt = -1;
    const STOP = {};
    const same = (p: Seg[]) => p.length === target.length && p.every((s, i) => s === target[i]);
    const begin = (offset: number, path: () => Seg[]) => {
      if (!wantKey && depth === depthOf && start < 0 && same(path())) { start = offset; openAt = depth; }
      depth++;
    };
    const end = (offset: number, length: number) => {
      depth--;
      if (openAt === depth && start >= 0) { found = { offset: start, length: offset + length - start }; throw STOP; }
    };
    try {
      visit(this.text, {
        onObjectBegin: (offset, _l, _sl, _sc, path) => begin(offset, path),
        onArrayBegin: (offset, _l, _sl, _sc, path) => begin(offset, path),
        onObjectEnd: (offset, length) => end(offset, length),
        onArrayEnd: (offset, length) => end(offset, length),
        onObjectProperty: (property, offset, length, _sl, _sc, path) => {
          if (!wantKey || depth !== depthOf || property !== target[target.length - 1]) return;
          if (same([...path(), property])) { found = { offset, length }; throw STOP; }
        },
        onLiteralValue: (_v, offset, length, _sl, _sc, path) => {
          if (!wantKey && depth === depthOf && same(path())) { found = { offset, length }; throw STOP; }
        },
      });
    } catch (e) {
      if (e !== STOP) throw e;
    }
    return found;
  }

  private buildFull(): void {
    const map = new Map<LazyNode, { offset: number; length: number }>();
    const real = parseTree(this.text, [], { disallowComments: true });
    const walk = (l: LazyNode, r: Node | undefined) => {
      if (!r) return;
      map.set(l, { offset: r.offset, length: r.length });
      if (l.type === 'object' && r.type === 'object') {
        const byKey = new Map<string, Node>();
        for (const p of r.children ?? []) byKey.set(String(p.children?.[0]?.value), p); // the last one wins, as in Python
        for (const lp of l.children ?? []) {
          const rp = byKey.get(String(lp.children![0].value));
          if (!rp) continue;
          map.set(lp as LazyNode, { offset: rp.offset, length: rp.length });
          walk(lp.children![0] as LazyNode, rp.children?.[0]);
          walk(lp.children![1] as LazyNode, rp.children?.[1]);
        }
      } else if (l.type === 'array' && r.type === 'array') {
        (l.children ?? []).forEach((c, i) => walk(c as LazyNode, r.children?.[i]));
      }
    };
    walk(this.rootOf(), real);
    this.full = map;
  }
}

export class LazyNode implements Node {
  type: NodeType;
  value?: unknown;
  parent?: Node;
  /** the key or index under its parent container (null for the root) */
  readonly seg: Seg | null;
  readonly isKey: boolean;
  /** numbers here never have a fraction or an exponent in the source (checked before building) */
  readonly plainNumber = true;
  /** what JSON.parse made of this node's text (for a key: the key string) */
  readonly raw: unknown;
  private span: { offset: number; length: number } | null = null;
  private kids: Node[] | undefined = undefined;
  readonly locator: Locator;

  constructor(type: NodeType, seg: Seg | null, raw: unknown, locator: Locator, isKey = false) {
    this.type = type;
    this.seg = seg;
    this.raw = raw;
    this.isKey = isKey;
    this.locator = locator;
    if (type !== 'object' && type !== 'array' && type !== 'property') this.value = raw;
  }
  /** Child nodes, made on first use: judging a big body touches few of them. */
  get children(): Node[] | undefined {
    if (this.kids !== undefined || (this.type !== 'object' && this.type !== 'array' && this.type !== 'property')) return this.kids;
    const v = this.raw;
    const loc = this.locator;
    if (this.type === 'array') {
      const arr = v as unknown[];
      const kids: Node[] = new Array(arr.length);
      for (let i = 0; i < arr.length; i++) kids[i] = nodeFor(arr[i], i, loc, this);
      this.kids = kids;
    } else if (this.type === 'object') {
      const keys = Object.keys(v as object);
      const kids: Node[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const p = new LazyNode('property', keys[i], (v as Record<string, unknown>)[keys[i]], loc);
        p.parent = this;
        kids[i] = p;
      }
      this.kids = kids;
    } else {
      // a property: its key, then its value
      const k = this.seg as string;
      const key = new LazyNode('string', k, k, loc, true);
      key.parent = this;
      this.kids = [key, nodeFor(this.raw, k, loc, this)];
    }
    return this.kids;
  }
  set children(c: Node[] | undefined) {
    this.kids = c;
  }
  /** the node's path from the root (for a key node: the path of its property); built on demand */
  get path(): Seg[] {
    const out: Seg[] = [];
    let n: LazyNode | undefined = this;
    while (n) {
      // a property contributes its key, an array element its index; values and keys under a
      // property share the property's segment
      if (n.type === 'property' || n.parent?.type === 'array') out.push(n.seg!);
      n = n.parent as LazyNode | undefined;
    }
    return out.reverse();
  }
  get offset(): number {
    return (this.span ??= this.locator.locate(this)).offset;
  }
  get length(): number {
    return (this.span ??= this.locator.locate(this)).length;
  }
}

function nodeFor(v: unknown, seg: Seg | null, loc: Locator, parent: Node | undefined): LazyNode {
  const type: NodeType = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  const n = new LazyNode(type, seg, v, loc);
  n.parent = parent;
  return n;
}

/** The lazy tree for a value that JSON.parse produced from `text`: only the root exists until asked. */
export function lazyTree(text: string, value: unknown): LazyNode {
  const holder: { root?: LazyNode } = {};
  const locator = new Locator(text, () => holder.root!);
  holder.root = nodeFor(value, null, locator, undefined);
  return holder.root;
}
