/**
 * The part the three JSON sources share: a parsed JSON document (parse/json.ts: the lazy tree or
 * jsonc-parser's) seen through the SourceDoc interface. Each source says how a body path maps to a
 * path of its own text; positions are read from the tree only when a span is read.
 */
import type { Node } from 'jsonc-parser';
import { findAt, keySpan, prop, toValue, valueOf } from '../../parse/json';
import { LazyNode, keysInText, onlyPropertySpan, propertySpan } from '../../parse/lazyTree';
import { pyReprNode, pyReprParsed, pyStrNode, type OmitKey } from '../../parse/pyrepr';
import { LazySpan, type Span } from '../../text/span';
import type { BodyKind, BodyPath, EntryModel, Part, SourceDoc, SourceFinding } from '../doc';
import { listEntries } from './entries';
import { TreeSpan } from '../places';

export type TreePath = Array<string | number>;

export interface JsonDocSpec {
  kind: BodyKind;
  api: 'server' | 'attach';
  text: string;
  root: Node;
  /** the body (defaults to the document's value) */
  body?: unknown;
  imageRef?: string | null;
  /** a body path to a path of the text; undefined when the text does not write it */
  toTree?: (path: BodyPath) => TreePath | undefined;
  covers?: (path: string) => boolean;
  printPath?: (path: string) => string;
  /** where the entries are: their list's body path and syntax */
  lists?: Array<{ path: BodyPath; syntax: 'v2' | 'v1' }>;
}

const NO_FINDINGS: readonly SourceFinding[] = Object.freeze([]);

export class JsonDoc implements SourceDoc {
  readonly kind: BodyKind;
  readonly api: 'server' | 'attach';
  readonly text: string;
  readonly root: Node;
  readonly body: unknown;
  readonly imageRef: string | null;
  readonly findings = NO_FINDINGS;
  readonly tool = 'nova-api';
  /** a JSON body is sent as it is, at the context's microversion */
  readonly microversion = null;
  private readonly spec: JsonDocSpec;
  private lists: { v2: EntryModel[]; v1: EntryModel[] } | undefined;

  constructor(spec: JsonDocSpec) {
    this.spec = spec;
    this.kind = spec.kind;
    this.api = spec.api;
    this.text = spec.text;
    this.root = spec.root;
    this.body = 'body' in spec ? spec.body : toValue(spec.root);
    this.imageRef = spec.imageRef ?? null;
  }

  /** the tree path a body path is written at */
  treePath(path: BodyPath): TreePath | undefined {
    return this.spec.toTree ? this.spec.toTree(path) : (path as TreePath);
  }

  /** the value node at a body path */
  nodeAt(path: BodyPath): Node | undefined {
    const t = this.treePath(path);
    return t ? findAt(this.root, t) : undefined;
  }

  valueAt(path: BodyPath): unknown {
    let v: unknown = this.body;
    for (const seg of path) {
      if (v === null || typeof v !== 'object') return undefined;
      if (Array.isArray(v) !== (typeof seg === 'number')) return undefined;
      if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
      v = (v as Record<string | number, unknown>)[seg];
    }
    return v;
  }

  keysAt(path: BodyPath): string[] {
    const n = this.nodeAt(path);
    // the lazy tree: read without making a node per property
    if (n instanceof LazyNode) return keysInText(n);
    return (n?.children ?? []).map((p) => String(p.children?.[0]?.value));
  }

  locate(path: BodyPath, part: Part): Span | undefined {
    const t = this.treePath(path);
    if (!t) return undefined;
    // the lazy tree: whether the place exists is read from JSON.parse's value, and no node is
    // made until the span is read (a body with thousands of findings makes none of them)
    if (this.root instanceof LazyNode) {
      if (!rawHas(this.root.raw, t)) return undefined;
      return new TreeSpan(this, t, part);
    }
    return this.placeOf(t, part);
  }

  /** the place of a tree path (a lazy span, or read at once for a property of a lazy object; undefined when the text does not write it) */
  placeOf(t: TreePath, part: Part): Span | undefined {
    const last = t[t.length - 1];
    if (typeof last === 'string') {
      const parent = findAt(this.root, t, t.length - 1);
      // the lazy tree: an object whose properties no node was made for yet (an entry) is read
      // from its text, making none; one whose are made (the server object, the body) is placed
      // through them (its text may hold a whole list of entries after the key)
      if (parent instanceof LazyNode && parent.made() === undefined) {
        // read now, not through a lazy span: a TreeSpan asks only when its place is read (or
        // prepared, which would make the nodes this reads without). A small text that spells
        // the key once is searched for it: a small body's one finding on an entry walked the
        // whole text to place the entry first.
        return onlyPropertySpan(parent, last, part) ?? propertySpan(parent, last, part);
      }
      const p = prop(parent, last);
      if (!p) return undefined;
      // a small text that spells the key once is searched for it rather than walked (onlyPropertySpan)
      const only = parent instanceof LazyNode ? parent : undefined;
      if (part === 'key') return new LazySpan(() => (only && onlyPropertySpan(only, last, part)) || keySpan(p));
      if (part === 'whole') return new LazySpan(() => (only && onlyPropertySpan(only, last, part)) || { offset: p.offset, length: p.length });
      const v = valueOf(p);
      if (!v) return undefined;
      return new LazySpan(() => (only && onlyPropertySpan(only, last, part)) || { offset: v.offset, length: part === 'value' ? v.length : 1 });
    }
    const n = findAt(this.root, t);
    if (!n) return undefined;
    if (part === 'key' || part === 'start') {
      // written without a key of its own: the key of the property holding it, else its first character
      if (part === 'key' && n.parent?.type === 'property') { const parent = n.parent; return new LazySpan(() => keySpan(parent)); }
      return new LazySpan(() => ({ offset: n.offset, length: 1 }));
    }
    return new LazySpan(() => ({ offset: n.offset, length: n.length }));
  }

  numberText(path: BodyPath): string | undefined {
    const n = this.nodeAt(path);
    if (!n || n.type !== 'number') return undefined;
    // a lazy tree of a text without a float literal: every number there is an int (one scan of
    // the text, cheaper than placing a first node: that walks the text)
    if (n instanceof LazyNode && !n.mayHoldFloats) return typeof n.value === 'number' && Number.isInteger(n.value) ? BigInt(n.value).toString() : String(n.value);
    return this.text.substr(n.offset, n.length);
  }

  pyRepr(path: BodyPath, omit?: OmitKey): string {
    return this.plainRepr(path, false, omit) ?? pyReprNode(this.text, this.nodeAt(path), omit, [...path]);
  }

  pyStr(path: BodyPath, omit?: OmitKey): string {
    return this.plainRepr(path, true, omit) ?? pyStrNode(this.text, this.nodeAt(path), omit, [...path]);
  }

  /**
   * Python's repr (or str) of the value at a path of the lazy tree, read from JSON.parse's value:
   * the nodes hold the same, and making the nodes of a whole entry to spell it is what a schema
   * error's message cost (an unexpected key quotes its entry). Undefined (then read from the
   * nodes and the text) where JSON.parse's value does not say what Python's json reads: an
   * integral number of a text that may write a float (`10` or `10.0`), an int beyond 2^53, an
   * object with an integer-like key (listed first by JavaScript), or no value there.
   */
  private plainRepr(path: BodyPath, str = false, omit?: OmitKey): string | undefined {
    if (this.spec.toTree || !(this.root instanceof LazyNode) || this.body !== this.root.raw) return undefined;
    const v = this.valueAt(path);
    if (v === undefined) return undefined;
    if (str && typeof v === 'string') return v;
    const root = this.root;
    return pyReprParsed(v, () => root.mayHoldFloats, omit, omit ? [...path] : undefined);
  }

  entries(): { v2: EntryModel[]; v1: EntryModel[] } {
    if (!this.lists) {
      this.lists = { v2: [], v1: [] };
      for (const l of this.spec.lists ?? []) {
        const n = this.nodeAt(l.path);
        if (n && n.type === 'array') this.lists[l.syntax] = listEntries(this, n, l.syntax, l.path);
      }
    }
    return this.lists;
  }

  covers(path: string): boolean {
    return this.spec.covers ? this.spec.covers(path) : true;
  }

  get printsPathsAsIs(): boolean {
    return !this.spec.printPath;
  }
  printPath(path: string): string {
    return this.spec.printPath ? this.spec.printPath(path) : path;
  }
}

/** Whether a tree path leads somewhere in a JSON.parse value (as findAt finds it in the tree). */
function rawHas(value: unknown, path: TreePath): boolean {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return false;
    if (typeof seg === 'number') {
      if (!Array.isArray(v) || seg < 0 || seg >= v.length) return false;
      v = v[seg];
    } else {
      if (Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
      v = (v as Record<string, unknown>)[seg];
    }
  }
  return true;
}
