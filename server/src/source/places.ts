/** Where findings about an entry point, and how their paths print: asked of the entry's source. */
import { CachedSpan, type Span } from '../text/span';
import type { EntryModel, Part } from './doc';

/** The path of an entry, or of one of its fields, as findings print it (server.block_device_mapping_v2[1].boot_index). */
export function fieldPath(m: EntryModel, key?: string): string {
  const p = m.pathText();
  return key === undefined ? p : `${p}.${key}`;
}

/** Whether the entry has the field (its own key, as Nova's dict has it). */
export function hasField(m: EntryModel, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m.values, key);
}

/**
 * Where a finding about an entry points: the value of one of its fields, else the entry's
 * opening brace, else a fallback place. Computed when first read, so a verdict on a big body
 * needs no positions.
 */
export class FieldSpan extends CachedSpan {
  constructor(private readonly m: EntryModel | undefined, private readonly key: string | undefined, private readonly fallback: Span = { offset: 0, length: 0 }) {
    super();
  }
  protected compute(): Span {
    const m = this.m;
    const s = m && this.key !== undefined && this.key in m.values ? m.doc.locate([...m.path, this.key], 'value') : undefined;
    const at = s ?? (m ? m.doc.locate(m.path, 'start') : undefined) ?? this.fallback;
    return { offset: at.offset, length: at.length };
  }
}

/** The value of an entry's field, else the entry's first character (lazy). */
export function fieldOrStart(m: EntryModel, key: string | undefined): Span {
  return new FieldSpan(m, key !== undefined && hasField(m, key) ? key : undefined);
}

/**
 * A place in a document's own tree, found when first read (the tree's positions are inside
 * its text): one object per finding, where a closure would be three.
 */
export class TreeSpan<P> extends CachedSpan {
  constructor(private readonly source: { placeOf(path: P, part: Part): Span | undefined }, private readonly path: P, private readonly part: Part) {
    super();
  }
  protected compute(): Span {
    const s = this.source.placeOf(this.path, this.part);
    return s ? { offset: s.offset, length: s.length } : { offset: 0, length: 0 };
  }
}
