/**
 * The block device entries of a JSON document. An entry of the lazy tree reads its values
 * straight from JSON.parse's object (judging reads `values`); an entry of jsonc-parser's tree
 * collects them from its properties. Places are asked of the document when a finding is shown.
 */
import type { Node } from 'jsonc-parser';
import { toValue, valueOf } from '../../parse/json';
import { LazyNode, propertySpan } from '../../parse/lazyTree';
import { keyWritesNoFloat } from '../../parse/floatLiterals';
import { pathString } from '../../model/path';
import type { Span } from '../../text/span';
import type { BodyPath, EntryModel, SourceDoc } from '../doc';

/** What the entries of one list share (kept once, not on every entry: a body can list tens of thousands). */
interface JsonList {
  readonly doc: SourceDoc;
  readonly syntax: 'v2' | 'v1';
  readonly prefix: BodyPath;
  readonly prefixText: string;
  /** plainNumber's last key and answer (one look at the text per key, not per entry) */
  intKey: string | undefined;
  intPlain: boolean;
}

class JsonEntry implements EntryModel {
  private segs: BodyPath | undefined = undefined;
  private vals: Record<string, unknown> | undefined = undefined;
  private text: string | undefined = undefined;
  constructor(
    private readonly list: JsonList,
    readonly index: number,
    private readonly node: Node,
  ) {}
  get doc(): SourceDoc {
    return this.list.doc;
  }
  get syntax(): 'v2' | 'v1' {
    return this.list.syntax;
  }
  get isObject(): boolean {
    return this.node.type === 'object';
  }
  plainNumber(key: string): boolean {
    const node = this.node;
    if (!(node instanceof LazyNode)) return false;
    // a text already scanned for float literals answers for every key
    const known = node.floatsIfKnown;
    if (known !== undefined) return !known;
    const list = this.list;
    if (list.intKey !== key) {
      list.intKey = key;
      list.intPlain = keyWritesNoFloat(node.locator.text, key, node.locator.noBackslash) ?? !node.mayHoldFloats;
    }
    return list.intPlain;
  }
  get values(): Record<string, unknown> {
    if (!this.vals) {
      const node = this.node;
      if (node instanceof LazyNode) this.vals = this.isObject ? (node.raw as Record<string, unknown>) : {};
      else {
        // the properties with a key and a value; a duplicated key keeps its first place and its last value
        const vals: Record<string, unknown> = {};
        if (this.isObject) {
          for (const p of node.children ?? []) {
            const k = p.children?.[0];
            const v = valueOf(p);
            if (!k || !v) continue;
            Object.defineProperty(vals, String(k.value), { value: toValue(v), enumerable: true, writable: true, configurable: true });
          }
        }
        this.vals = vals;
      }
    }
    return this.vals;
  }
  get path(): BodyPath {
    return (this.segs ??= [...this.list.prefix, this.index]);
  }
  pathText(): string {
    // asked for every finding about the entry: written once
    // the index's part is short enough to be one flat string: the path is one rope, not three
    return (this.text ??= this.list.prefixText + `[${this.index}]`);
  }
  get span(): Span {
    return { offset: this.node.offset, length: this.node.length };
  }
  valuePlace(key: string): Span | null | undefined {
    const node = this.node;
    // an entry of the lazy tree whose properties no node was made for: its text is read (what
    // the document's locate would do, less the path, the walk down to the entry and a span per step)
    if (!(node instanceof LazyNode) || !this.isObject || node.made() !== undefined) return undefined;
    return propertySpan(node, key, 'value') ?? null;
  }
}

export function listEntries(doc: SourceDoc, arr: Node, syntax: 'v2' | 'v1', prefix: BodyPath): EntryModel[] {
  const kids = arr.children ?? [];
  const out: EntryModel[] = new Array(kids.length);
  const list: JsonList = { doc, syntax, prefix, prefixText: pathString(prefix as Array<string | number>), intKey: undefined, intPlain: false };
  for (let index = 0; index < kids.length; index++) out[index] = new JsonEntry(list, index, kids[index]);
  return out;
}
