/** Where findings about an entry point, and how their paths print: asked of the entry's source. */
import { keySuffix } from '../model/path';
import { CachedSpan, type Span } from '../text/span';
import type { BodyPath, EntryModel, Part } from './doc';

/** The path of an entry, or of one of its fields, as findings print it (server.block_device_mapping_v2[1].boot_index). */
export function fieldPath(m: EntryModel, key?: string): string {
  const p = m.pathText();
  return key === undefined ? p : p + keySuffix(key);
}

/** Whether the entry has the field (its own key, as Nova's dict has it). */
export function hasField(m: EntryModel, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m.values, key);
}

/** The fallback of a field's span without one (read, never written or handed out: compute copies it). */
const NO_PLACE: Span = Object.freeze({ offset: 0, length: 0 });

/**
 * Where a finding about an entry points: the value of one of its fields, else the entry's
 * opening brace, else a fallback place. Computed when first read, so a verdict on a big body
 * needs no positions.
 */
export class FieldSpan extends CachedSpan {
  /** the place it reads, once found (dropped when the place is computed) */
  private at: Span | undefined = undefined;
  constructor(protected readonly m: EntryModel | undefined, protected readonly key: string | undefined, private readonly fallback: Span = NO_PLACE) {
    super();
  }
  /** the place it reads: the field's value, else the entry's start, else the fallback (no position read yet) */
  private where(): Span {
    if (this.at) return this.at;
    const m = this.m;
    const key = this.key;
    let s: Span | undefined;
    if (m && key !== undefined && key in m.values) {
      const quick = m.valuePlace?.(key);
      s = quick === undefined ? m.doc.locate([...m.path, key], 'value') : quick ?? undefined;
    }
    return (this.at = s ?? (m ? m.doc.locate(m.path, 'start') : undefined) ?? this.fallback);
  }
  override prepare(): void {
    if (this.known) return;
    const at = this.where();
    if (at instanceof CachedSpan) at.prepare();
  }
  protected compute(): Span {
    const at = this.where();
    // the place is known: the spans it was read through are not kept
    this.at = undefined;
    return at;
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
  /** the source's place, once asked (null: it has none) */
  private at: Span | null | undefined = undefined;
  constructor(private readonly source: { placeOf(path: P, part: Part): Span | undefined }, private readonly path: P, private readonly part: Part) {
    super();
  }
  private where(): Span | null {
    if (this.at === undefined) this.at = this.source.placeOf(this.path, this.part) ?? null;
    return this.at;
  }
  override prepare(): void {
    if (this.known) return;
    const at = this.where();
    if (at instanceof CachedSpan) at.prepare();
  }
  protected compute(): Span {
    const s = this.where() ?? NO_PLACE;
    // the place is known: the spans it was read through are not kept
    this.at = undefined;
    return s;
  }
}

/** Where a tool's option or property writes a body path (its key, its value, the two together), by the path's JSON text. */
export interface WrittenPlace { key?: Span; value?: Span; whole: Span }

/**
 * Where a body path is written in a built body's source (a command, a resource): the place that
 * writes it; else the nearest written ancestor's key; else `head`. The whole body is `whole`.
 */
export function locateWritten(places: ReadonlyMap<string, WrittenPlace>, path: BodyPath, part: Part, whole: Span, head: Span): Span {
  if (path.length === 0 && part === 'whole') return whole;
  for (let n = path.length; n >= 0; n--) {
    const p = places.get(JSON.stringify(path.slice(0, n)));
    if (!p) continue;
    if (n < path.length) return p.key ?? p.value ?? p.whole;
    if (part === 'key' || part === 'start') return p.key ?? p.value ?? p.whole;
    if (part === 'value') return p.value ?? p.whole;
    return p.whole;
  }
  return head;
}
