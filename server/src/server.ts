/**
 * The language server: adapts the domain (analyze, hover, preview, attach) to LSP.
 * Everything here is about documents, settings, timing and transport; no Nova rule lives here.
 * The handlers live in lsp/handlers/ (one module per feature) and share lsp/services.ts: the
 * documents, settings, trust, folders, the analysis cache and the document worker.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { Services } from './lsp/services';
import * as handlers from './lsp/handlers';

export type { ServerSettings } from './lsp/services';

export function startServer(connection: Connection): void {
  const services = new Services(connection);
  handlers.initialize.register(connection, services);
  const scheduler = handlers.diagnostics.register(connection, services);
  handlers.schemaCheck.register(connection, services, scheduler);
  handlers.hover.register(connection, services);
  handlers.symbols.register(connection, services);
  handlers.completion.register(connection, services);
  handlers.codeLens.register(connection, services);
  handlers.codeActions.register(connection, services);
  handlers.preview.register(connection, services);
  handlers.labHosts.register(connection, services);
  handlers.simulate.register(connection, services);
  handlers.status.register(connection, services);
  services.documents.listen(connection);
  connection.listen();
}

// The main: stdio or IPC, whichever the client asked for (vscode-languageserver reads argv).
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  process.on('unhandledRejection', (e) => connection.console.error(`bdm-lab: unhandled rejection: ${(e as Error)?.stack ?? e}`));
  startServer(connection);
}
