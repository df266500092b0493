/** initialize: the workspace (folders, trust, configuration support) and what this server offers. */
import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TRIGGER_CHARACTERS } from './completion';
import { CODE_ACTION_KINDS } from './codeActions';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onInitialize((params): InitializeResult => {
    services.initialize(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
      },
      serverInfo: { name: 'bdm-lab', version: '0.1.0' },
    };
  });
}
