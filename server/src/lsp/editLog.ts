/**
 * The edits that made each version of an open document from the one before, as offsets into the
 * text they applied to. The document worker holds a large document's text: when it holds an
 * older version, the server sends it these edits (a keystroke is a few characters) rather than
 * the whole text again. Bounded per document; when the versions in between are not all known
 * (a full-text change, an evicted entry), `since` says so and the whole text is sent.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Replace `length` characters at `offset` with `text` (offsets into the text before this edit). */
export interface TextEdit { offset: number; length: number; text: string }

interface Step { from: number; to: number; edits: TextEdit[] | null; size: number }

/** older steps are dropped beyond these (per document) */
const MAX_STEPS = 64;
const MAX_CHARS = 1 << 20;

export class EditLog {
  private readonly steps = new Map<string, Step[]>();

  /**
   * TextDocuments' update, recording what each change did: applies the changes one by one (as
   * TextDocument.update does) and notes each one's offsets in the text it applied to.
   */
  update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const from = doc.version;
    let edits: TextEdit[] | null = [];
    let size = 0;
    for (const c of changes) {
      const before = doc.getText().length;
      let e: TextEdit | null = null;
      if ('range' in c) {
        const { start, end } = wellFormed(c.range);
        const offset = doc.offsetAt(start);
        e = { offset, length: Math.max(0, doc.offsetAt(end) - offset), text: c.text };
      }
      TextDocument.update(doc, [c], version);
      // what the edit says must be what the document did; otherwise the whole text is sent
      if (e && doc.getText().length === before - e.length + e.text.length && edits) {
        edits.push(e);
        size += e.text.length;
      } else edits = null;
    }
    this.record(doc.uri, from, version, edits, size);
    return doc;
  }

  private record(uri: string, from: number, to: number, edits: TextEdit[] | null, size: number): void {
    let list = this.steps.get(uri);
    if (!list) this.steps.set(uri, (list = []));
    list.push({ from, to, edits, size });
    let total = list.reduce((a, s) => a + s.size, 0);
    while (list.length > MAX_STEPS || (total > MAX_CHARS && list.length > 1)) total -= list.shift()!.size;
  }

  /** The edits from version `from` to version `to`, in order, or null when they are not all known. */
  since(uri: string, from: number, to: number): TextEdit[] | null {
    if (from === to) return [];
    const list = this.steps.get(uri) ?? [];
    let i = list.findIndex((s) => s.from === from);
    if (i < 0) return null;
    const out: TextEdit[] = [];
    for (let v = from; v !== to; i++) {
      const s = list[i];
      if (!s || s.from !== v || !s.edits) return null;
      out.push(...s.edits);
      v = s.to;
    }
    return out;
  }

  forget(uri: string): void {
    this.steps.delete(uri);
  }
}

function wellFormed(r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const { start, end } = r;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : r;
}
