/** Completion: keys, values, inventory ids and libvirt XML names at the cursor. */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Connection } from 'vscode-languageserver/node';
import { toRange } from '../convert';
import type { Services } from '../services';

export const TRIGGER_CHARACTERS = ['<', ' ', '"', '='];
const KINDS = { class: CompletionItemKind.Class, property: CompletionItemKind.Property, value: CompletionItemKind.Value, snippet: CompletionItemKind.Snippet } as const;

export function register(connection: Connection, services: Services): void {
  connection.onCompletion((params) => services.runSafe(async (): Promise<CompletionItem[]> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return [];
    return (await services.ask(doc, 'completion', { offset: doc.offsetAt(params.position) })).map((c) => ({
      label: c.label,
      kind: KINDS[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
      insertText: c.replace ? undefined : c.insertText,
      textEdit: c.replace ? { range: toRange(doc, c.replace), newText: c.insertText ?? '' } : undefined,
      filterText: c.replace ? c.insertText : undefined,
      sortText: c.sortText,
      ...(c.kind === 'snippet' ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    }));
  }, [], 'completion'));
}
