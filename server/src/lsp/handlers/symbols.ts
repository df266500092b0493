/** Document symbols: the outline of entries and disks. */
import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { toRange } from '../convert';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onDocumentSymbol((params) => services.runSafe(async (): Promise<DocumentSymbol[]> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return [];
    return (await services.ask(doc, 'symbols', {})).map((s) => {
      const range = toRange(doc, s.span);
      return { name: s.name, detail: s.detail, kind: s.kind === 'entry' ? SymbolKind.Object : SymbolKind.Field, range, selectionRange: range };
    });
  }, [], 'symbols'));
}
