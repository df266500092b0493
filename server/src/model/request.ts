/**
 * Which kind of body a JSON document is, and its BDM entries with their nodes.
 * Recognition is by content: a server-create body, a bare array of BDM entries, or a
 * volumeAttachment body. Anything else is not ours.
 */
import type { Node } from 'jsonc-parser';
import { prop, propValue, toValue, valueOf, keySpan } from '../parse/json';
import { CachedSpan, type Span } from './span';
import { LazyNode } from '../parse/lazyTree';
import { pathString } from './path';

export type BodyKind = 'server' | 'array' | 'attach';

export interface EntryField {
  key: string;
  readonly keySpan: Span;
  node: Node;
  value: unknown;
}

export interface EntryModel {
  index: number;
  /** 'v2' entries of block_device_mapping_v2 (or a bare array), 'v1' legacy items */
  syntax: 'v2' | 'v1';
  node: Node;
  readonly span: Span;
  isObject: boolean;
  fields: Map<string, EntryField>;
  /** the entry's keys and values as Nova's dict holds them (the last of duplicated keys wins) */
  values: Record<string, unknown>;
  /** no number in the document has a fraction or exponent, so none is a Python float */
  plainNumbers: boolean;
  /** JSON path prefix, e.g. ['server', 'block_device_mapping_v2', 1] */
  path: Array<string | number>;
}

/** The path of an entry, or of one of its fields, as findings print it (server.block_device_mapping_v2[1].boot_index). */
export function fieldPath(m: EntryModel, key?: string): string {
  const p = m instanceof ValueEntry ? m.pathText() : pathString(m.path);
  return key === undefined ? p : `${p}.${key}`;
}

const BDM_KEYS = new Set([
  'source_type', 'destination_type', 'uuid', 'boot_index', 'volume_size', 'device_name', 'delete_on_termination',
  'guest_format', 'device_type', 'disk_bus', 'no_device', 'volume_id', 'snapshot_id', 'image_id', 'virtual_name', 'tag', 'volume_type', 'connection_info',
]);

/** Content-based recognition; `forced` (the bdmLab.files glob matched) accepts any JSON object/array. */
export function detectKind(root: Node | undefined, forced = false): BodyKind | null {
  if (!root) return null;
  if (root.type === 'object') {
    if (prop(root, 'server')) return 'server';
    if (prop(root, 'volumeAttachment')) return 'attach';
    // A misspelt envelope is still ours: judge it, so the user learns why Nova refuses it.
    for (const p of root.children ?? []) {
      const v = p.children?.[1];
      if (v?.type !== 'object') continue;
      if (prop(v, 'volumeId')) return 'attach';
      if (prop(v, 'block_device_mapping_v2') || prop(v, 'block_device_mapping')) return 'server';
    }
    return forced ? 'server' : null;
  }
  if (root.type === 'array') {
    const items = root.children ?? [];
    if (items.length === 0) return forced ? 'array' : null;
    const looksLikeBdm = items.some((it) => it.type === 'object' && (it.children ?? []).some((p) => BDM_KEYS.has(String(p.children?.[0]?.value))));
    return looksLikeBdm || forced ? 'array' : null;
  }
  return null;
}

export function entriesOf(kind: BodyKind, root: Node): { v2: EntryModel[]; v1: EntryModel[]; v2Node?: Node; v1Node?: Node } {
  if (kind === 'array') return { v2: listEntries(root, 'v2', []), v1: [], v2Node: root };
  if (kind !== 'server') return { v2: [], v1: [] };
  const server = propValue(root, 'server');
  const v2Node = propValue(server, 'block_device_mapping_v2');
  const v1Node = propValue(server, 'block_device_mapping');
  return {
    v2: v2Node && v2Node.type === 'array' ? listEntries(v2Node, 'v2', ['server', 'block_device_mapping_v2']) : [],
    v1: v1Node && v1Node.type === 'array' ? listEntries(v1Node, 'v1', ['server', 'block_device_mapping']) : [],
    v2Node,
    v1Node,
  };
}

/** Spans are getters: on a lazily positioned tree they cost a scan, paid only when used. */
class Field implements EntryField {
  constructor(readonly key: string, private readonly prop: Node, readonly node: Node, readonly value: unknown) {}
  get keySpan(): Span {
    return keySpan(this.prop);
  }
}

/** A field of an entry that JSON.parse read: its nodes are made only when a place is asked for. */
class ValueField implements EntryField {
  constructor(readonly key: string, private readonly entry: Node, readonly value: unknown) {}
  get node(): Node {
    return valueOf(prop(this.entry, this.key))!;
  }
  get keySpan(): Span {
    return keySpan(prop(this.entry, this.key)!);
  }
}

/** An entry whose fields come from a parsed tree. */
class Entry implements EntryModel {
  private vals: Record<string, unknown> | undefined;
  readonly plainNumbers = false;
  constructor(
    readonly index: number,
    readonly syntax: 'v2' | 'v1',
    readonly node: Node,
    readonly isObject: boolean,
    readonly fields: Map<string, EntryField>,
    public path: Array<string | number>,
  ) {}
  get span(): Span {
    return { offset: this.node.offset, length: this.node.length };
  }
  get values(): Record<string, unknown> {
    if (!this.vals) {
      this.vals = {};
      for (const [k, f] of this.fields) Object.defineProperty(this.vals, k, { value: f.value, enumerable: true, writable: true, configurable: true });
    }
    return this.vals;
  }
}

/**
 * An entry read straight from JSON.parse's value: its field map and path are made only when
 * a rule reports something about it (judging reads `values`).
 */
class ValueEntry implements EntryModel {
  private fieldMap: Map<string, EntryField> | undefined;
  private segs: Array<string | number> | undefined;
  readonly plainNumbers = true;
  readonly isObject: boolean;
  readonly values: Record<string, unknown>;
  constructor(
    readonly index: number,
    readonly syntax: 'v2' | 'v1',
    readonly node: LazyNode,
    private readonly prefix: Array<string | number>,
    private readonly prefixText: string,
  ) {
    this.isObject = node.type === 'object';
    this.values = this.isObject ? (node.raw as Record<string, unknown>) : {};
  }
  get fields(): Map<string, EntryField> {
    if (!this.fieldMap) {
      this.fieldMap = new Map();
      for (const k in this.values) this.fieldMap.set(k, new ValueField(k, this.node, this.values[k]));
    }
    return this.fieldMap;
  }
  get path(): Array<string | number> {
    return (this.segs ??= [...this.prefix, this.index]);
  }
  set path(p: Array<string | number>) {
    this.segs = p;
  }
  /** pathString(path), without building the array when the path was never replaced */
  pathText(): string {
    return this.segs ? pathString(this.segs) : `${this.prefixText}[${this.index}]`;
  }
  get span(): Span {
    return { offset: this.node.offset, length: this.node.length };
  }
}

function listEntries(arr: Node, syntax: 'v2' | 'v1', prefix: Array<string | number>): EntryModel[] {
  const kids = arr.children ?? [];
  const out: EntryModel[] = new Array(kids.length);
  const prefixText = pathString(prefix);
  for (let index = 0; index < kids.length; index++) {
    const node = kids[index];
    if (node instanceof LazyNode) {
      out[index] = new ValueEntry(index, syntax, node, prefix, prefixText);
      continue;
    }
    const fields = new Map<string, EntryField>();
    if (node.type === 'object') {
      for (const p of node.children ?? []) {
        const k = p.children?.[0];
        const v = valueOf(p);
        if (!k || !v) continue;
        fields.set(String(k.value), new Field(String(k.value), p, v, toValue(v)));
      }
    }
    out[index] = new Entry(index, syntax, node, node.type === 'object', fields, [...prefix, index]);
  }
  return out;
}

/**
 * Where a finding about an entry points: the value of one of its fields, else the entry's
 * opening brace, else a fallback place. Computed when first read (on a lazily positioned tree
 * that costs a scan), so a verdict on a big body needs no positions.
 */
export class FieldSpan extends CachedSpan {
  constructor(private readonly m: EntryModel | undefined, private readonly key: string | undefined, private readonly fallback: Span = { offset: 0, length: 0 }) {
    super();
  }
  protected compute(): Span {
    const m = this.m;
    const f = m && this.key !== undefined && this.key in m.values ? m.fields.get(this.key) : undefined;
    return f ? { offset: f.node.offset, length: f.node.length } : m ? { offset: m.node.offset, length: 1 } : { offset: this.fallback.offset, length: this.fallback.length };
  }
}
