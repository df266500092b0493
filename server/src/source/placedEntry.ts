/**
 * An entry of a body that a source builds as JSON (a command, a resource, a task) and reads
 * through the JSON source, placed on the source's own text: its values are the JSON entry's, its
 * span is wherever the source's `locate` puts the entry's body path.
 */
import type { Span } from '../text/span';
import type { EntryModel, SourceDoc } from './doc';

export class PlacedEntry implements EntryModel {
  constructor(private readonly e: EntryModel, readonly doc: SourceDoc) {}
  get index() { return this.e.index; }
  get syntax() { return this.e.syntax; }
  get isObject() { return this.e.isObject; }
  get values() { return this.e.values; }
  plainNumber(key: string): boolean { return this.e.plainNumber(key); }
  get path() { return this.e.path; }
  pathText(): string { return this.e.pathText(); }
  get span(): Span { return this.doc.locate(this.e.path, 'whole')!; }
}

/** The entries of the JSON a source builds (none when it sends no body), placed on the source's text. */
export function placedEntries(inner: { entries(): { v2: EntryModel[]; v1: EntryModel[] } } | null, doc: SourceDoc): { v2: EntryModel[]; v1: EntryModel[] } {
  const all = inner?.entries() ?? { v2: [], v1: [] };
  const wrap = (e: EntryModel): EntryModel => new PlacedEntry(e, doc);
  return { v2: all.v2.map(wrap), v1: all.v1.map(wrap) };
}
