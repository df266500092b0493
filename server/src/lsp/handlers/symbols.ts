/**
 * Document symbols: the outline of entries and disks. A client whose editor already outlines
 * JSON (VS Code's JSON support: initializationOptions.jsonOutline = "editor") gets nothing for
 * JSON documents, so a body's entries are not listed twice (once per provider); libvirt disks and
 * command lines in scripts are still listed.
 */
import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { toRange } from '../convert';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onDocumentSymbol((params) => services.runSafe(async (): Promise<DocumentSymbol[]> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (services.editorJsonOutline && (doc.languageId === 'json' || doc.languageId === 'jsonc')) return [];
    return (await services.ask(doc, 'symbols', {})).map((s) => {
      const range = toRange(doc, s.span);
      return { name: s.name, detail: s.detail, kind: s.kind === 'entry' ? SymbolKind.Object : SymbolKind.Field, range, selectionRange: range };
    });
  }, [], 'symbols'));
}
