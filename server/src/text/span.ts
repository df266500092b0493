/** A place in the document text, in UTF-16 code units (what editors and jsonc-parser count). */
export interface Span {
  offset: number;
  length: number;
}

export function spanOf(node: { offset: number; length: number }): Span {
  return { offset: node.offset, length: node.length };
}

/**
 * A span computed when first read (subclasses say how; LazySpan from a function). On a lazily
 * positioned tree (parse/lazyTree.ts) the first offset read costs a pass over the text;
 * findings carry these so that a verdict needs no positions and the editor or the CLI pays
 * only for the places it shows.
 */
export abstract class CachedSpan implements Span {
  // the place once computed, as two numbers (no object per span: a body's thousands of diagnostics
  // keep theirs until the analysis goes); -1: not computed yet
  private o = -1;
  private l = 0;
  protected abstract compute(): Span;
  /**
   * Finds what the place depends on (makes the tree nodes) without reading a position. A reader
   * of many spans prepares them all first (prepareSpans): the first position read then places
   * every one of them in a single pass over the text, instead of a pass per entry.
   */
  prepare(): void {}
  /** whether the place is computed (a subclass then needs nothing it read it through) */
  protected get known(): boolean {
    return this.o >= 0;
  }
  private fillIn(): void {
    const s = this.compute();
    this.l = s.length;
    this.o = s.offset;
  }
  get offset(): number {
    if (this.o < 0) this.fillIn();
    return this.o;
  }
  get length(): number {
    if (this.o < 0) this.fillIn();
    return this.l;
  }
  toJSON(): Span {
    return { offset: this.offset, length: this.length };
  }
}

export class LazySpan extends CachedSpan {
  constructor(private fn: (() => Span) | null) {
    super();
  }
  protected compute(): Span {
    const s = this.fn!();
    // what it closed over (tree nodes, paths) is not kept once the place is known
    this.fn = null;
    return s;
  }
}

/** Prepares spans before their positions are read (see CachedSpan.prepare); other spans are left alone. */
export function prepareSpans(spans: Iterable<Span>): void {
  for (const s of spans) if (s instanceof CachedSpan) s.prepare();
}
