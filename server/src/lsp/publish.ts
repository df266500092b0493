/**
 * Publishing a document's diagnostics without redoing what the previous publish did. Typing moves
 * most diagnostics by a few characters and often not at all in lines and columns: a diagnostic
 * with the same fields (places aside, lsp/diagnosticsWire.ts samePlaceless) at the same index as
 * in the document's previous publish, whose ranges come out the same, is the very LSP Diagnostic
 * published then (not converted again). Over stdio the JSON of such a Diagnostic is kept too
 * (`publishEncoder`): the notification is put together from the kept bytes, byte for byte what
 * JSON.stringify writes. Published Diagnostics are never changed afterwards.
 */
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Message } from 'vscode-jsonrpc';
import type { AnalysisDiagnostic } from '../analyze';
import type { Span } from '../text/span';
import { toDiagnostic } from './convert';
import { onlyMoved } from './diagnosticsWire';

export class PublishedDiagnostics {
  private readonly last = new Map<string, { plain: readonly AnalysisDiagnostic[]; lsp: Diagnostic[] }>();

  /** The LSP diagnostics of `list` on this version of the document: the previous publish's where they are the same. */
  convert(doc: TextDocument, list: readonly AnalysisDiagnostic[]): Diagnostic[] {
    const prev = this.last.get(doc.uri);
    const lsp = list.map((d, i) => {
      const p = prev?.plain[i];
      const was = prev?.lsp[i];
      if (p && was && onlyMoved(p, d) && sameRange(doc, was.range, d.span) && sameRelated(doc, was, d)) return was;
      return toDiagnostic(doc, d);
    });
    this.last.set(doc.uri, { plain: list, lsp });
    return lsp;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function sameRange(doc: TextDocument, r: Range, span: Span): boolean {
  const s = doc.positionAt(span.offset), e = doc.positionAt(span.offset + span.length);
  return s.line === r.start.line && s.character === r.start.character && e.line === r.end.line && e.character === r.end.character;
}

function sameRelated(doc: TextDocument, was: Diagnostic, d: AnalysisDiagnostic): boolean {
  const rel = was.relatedInformation ?? [];
  return rel.length === d.related.length && d.related.every((r, i) => sameRange(doc, rel[i].location.range, r.span));
}

/** diagnostics lists whose items' JSON may be kept (published lists: never changed) */
const keptLists = new WeakSet<object>();
/** a published Diagnostic's JSON, UTF-8 */
const texts = new WeakMap<object, Uint8Array>();

/** Marks a list of published Diagnostics: its items' JSON is kept and reused (stdio). */
export function keepTexts(list: Diagnostic[]): Diagnostic[] {
  keptLists.add(list);
  return list;
}

/**
 * A message as vscode-jsonrpc's own encoder writes it (JSON.stringify, UTF-8): a
 * publishDiagnostics notification whose list is marked is put together from its items' kept
 * JSON (one copy of bytes, rather than writing and encoding the whole text again).
 */
export function messageBytes(msg: Message): Uint8Array {
  const m = msg as Message & { method?: unknown; params?: { uri?: unknown; version?: unknown; diagnostics?: unknown } };
  const p = m.params;
  const plain = () => Buffer.from(JSON.stringify(msg, undefined, 0), 'utf-8');
  if (m.method !== 'textDocument/publishDiagnostics' || !p || !Array.isArray(p.diagnostics) || !keptLists.has(p.diagnostics)) return plain();
  if (!sameKeys(m, ['jsonrpc', 'method', 'params']) || !sameKeys(p, ['uri', 'version', 'diagnostics']) || typeof p.uri !== 'string' || typeof p.version !== 'number') return plain();
  const items: Uint8Array[] = [];
  let size = 0;
  for (const d of p.diagnostics as unknown[]) {
    if (d === null || typeof d !== 'object') return plain();
    let t = texts.get(d);
    if (t === undefined) texts.set(d, (t = Buffer.from(JSON.stringify(d), 'utf-8')));
    items.push(t);
    size += t.length + 1;
  }
  const head = Buffer.from(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(p.uri)},"version":${JSON.stringify(p.version)},"diagnostics":[`, 'utf-8');
  const out = Buffer.allocUnsafeSlow(head.length + Math.max(size - 1, 0) + 3);
  out.set(head, 0);
  let at = head.length;
  items.forEach((t, i) => {
    if (i) out[at++] = 0x2c; // ,
    out.set(t, at);
    at += t.length;
  });
  out.set(CLOSE, at);
  return out;
}

const CLOSE = Buffer.from(']}}');

function sameKeys(o: object, keys: string[]): boolean {
  const k = Object.keys(o);
  return k.length === keys.length && k.every((x, i) => x === keys[i]);
}

/** vscode-jsonrpc's application/json encoder (UTF-8) with kept diagnostics (the writer of a stdio connection) */
export const publishEncoder = {
  name: 'application/json',
  encode(msg: Message): Promise<Uint8Array> {
    try {
      return Promise.resolve(messageBytes(msg));
    } catch (e) {
      return Promise.reject(e);
    }
  },
};
