/** Code lenses: preview the guest's disks, simulate the attach or boot (trusted workspaces). */
import type { CodeLens, Connection } from 'vscode-languageserver/node';
import { toRange } from '../convert';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onCodeLens((params) => services.runSafe(async (): Promise<CodeLens[]> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return [];
    return (await services.ask(doc, 'codeLens', { uri: doc.uri, trusted: services.trusted })).map((l) => ({ range: toRange(doc, l.span), command: { title: l.title, command: l.command, arguments: l.arguments } }));
  }, [], 'codeLens'));
}
