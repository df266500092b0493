/**
 * A jsonc-parser-shaped tree built from JSON.parse's value, whose offsets are found only when
 * somebody asks for one. Judging a large valid body then costs JSON.parse plus the rules;
 * positions are computed only when something is reported or shown, then for every node in one
 * pass over the text.
 */
import type { Node, NodeType } from 'jsonc-parser';

type Seg = string | number;

class Locator {
  private filled = false;
  constructor(private readonly text: string, private readonly rootOf: () => LazyNode) {}

  locate(n: LazyNode): { offset: number; length: number } {
    // The first place asked for places every node: one pass, cheaper than parsing the text
    // again, and right for duplicated keys (a targeted scan would stop at the first of them).
    if (!this.filled) this.fillAll();
    return n.placed() ?? { offset: 0, length: 0 };
  }

  /**
   * Positions for every node in one pass over the text (valid JSON: JSON.parse accepted it),
   * walking the tree alongside. A duplicated key's earlier values are walked too, and the last
   * one, whose value the tree holds (as in Python), overwrites their places.
   */
  private fillAll(): void {
    const t = this.text;
    const len = t.length;
    let i = 0;
    const blanks = () => {
      while (i < len) {
        const c = t.charCodeAt(i);
        if (c === 32 || c === 10 || c === 13 || c === 9) i++;
        else break;
      }
    };
    /** from an opening quote to just after its closing quote */
    const stringEnd = (start: number): number => {
      let q = start;
      for (;;) {
        q = t.indexOf('"', q + 1);
        if (q < 0) return len;
        let b = q - 1;
        while (t.charCodeAt(b) === 92) b--;
        if ((q - 1 - b) % 2 === 0) return q + 1;
      }
    };
    const propOf = (obj: LazyNode, key: string): LazyNode | undefined => {
      for (const p of obj.children as LazyNode[]) if (p.seg === key) return p;
      return undefined;
    };
    const value = (n: LazyNode | undefined): void => {
      blanks();
      const start = i;
      const c = t.charCodeAt(i);
      if (c === 123) {
        i++;
        const obj = n && n.type === 'object' ? n : undefined;
        blanks();
        if (t.charCodeAt(i) === 125) i++;
        else {
          for (;;) {
            blanks();
            const ks = i;
            i = stringEnd(i);
            const ke = i;
            let p: LazyNode | undefined;
            if (obj) {
              const raw = t.slice(ks + 1, ke - 1);
              p = propOf(obj, raw.includes('\\') ? (JSON.parse(t.slice(ks, ke)) as string) : raw);
            }
            blanks();
            i++; // ':'
            const kids = p?.children as LazyNode[] | undefined;
            value(kids?.[1]);
            if (p && kids) {
              kids[0].place(ks, ke - ks);
              p.place(ks, i - ks);
            }
            blanks();
            if (t.charCodeAt(i++) !== 44) break; // ',' goes on, '}' ends
          }
        }
        obj?.place(start, i - start);
      } else if (c === 91) {
        i++;
        const arr = n && n.type === 'array' ? n : undefined;
        const kids = arr?.children as LazyNode[] | undefined;
        blanks();
        if (t.charCodeAt(i) === 93) i++;
        else {
          for (let k = 0; ; k++) {
            value(kids?.[k]);
            blanks();
            if (t.charCodeAt(i++) !== 44) break;
          }
        }
        arr?.place(start, i - start);
      } else if (c === 34) {
        i = stringEnd(i);
        if (n?.type === 'string') n.place(start, i - start);
      } else {
        while (i < len) {
          const d = t.charCodeAt(i);
          if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
          i++;
        }
        if (n && n.type !== 'object' && n.type !== 'array' && n.type !== 'string' && n.type !== 'property') n.place(start, i - start);
      }
    };
    value(this.rootOf());
    this.filled = true;
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
  get offset(): number {
    return (this.span ??= this.locator.locate(this)).offset;
  }
  get length(): number {
    return (this.span ??= this.locator.locate(this)).length;
  }
  /** set by the locator's full pass */
  place(offset: number, length: number): void {
    this.span = { offset, length };
  }
  placed(): { offset: number; length: number } | null {
    return this.span;
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
