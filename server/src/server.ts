/**
 * The language server: adapts the domain (analyze, hover, preview, attach) to LSP.
 * Everything here is about documents, settings, timing and transport; no Nova rule lives here.
 * The handlers live in lsp/handlers/ (one module per feature) and share lsp/services.ts: the
 * documents, settings, trust, folders, the analysis cache and the document worker.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { publishEncoder } from './lsp/publish';
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

/**
 * The main: stdio or IPC, whichever the client asked for (vscode-languageserver reads argv), or
 * the streams given (the build runs a first check through them to make the bundle's code cache:
 * scripts/cli-loader.mjs). Called by the loader, dist/server.js, or when this module is the main.
 */
export function main(io?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): void {
  const connection = io ? streamConnection(io.input, io.output) : process.argv.includes('--stdio') ? streamConnection(process.stdin, process.stdout) : createConnection(ProposedFeatures.all);
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  // nothing may write to stdout but the protocol: every console method that would goes to the log
  for (const k of ['info', 'debug', 'dir', 'dirxml', 'table', 'count', 'timeLog', 'timeEnd'] as const) (console as unknown as Record<string, unknown>)[k] = console.log;
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  process.on('unhandledRejection', (e) => connection.console.error(`bdm-lab: unhandled rejection: ${(e as Error)?.stack ?? e}`));
  startServer(connection);
}

if (require.main === module) main();

/**
 * Over stdio (or the streams given) the connection writes with lsp/publish.ts's encoder (a
 * published diagnostic's JSON is kept between publishes). Reading the input as
 * vscode-languageserver does for --stdio (the process ends with it); nothing but the protocol goes
 * to stdout (console is the connection's, above).
 */
function streamConnection(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const writer = new StreamMessageWriter(output, { charset: 'utf-8', contentTypeEncoder: publishEncoder });
  // a stream and a writer: the library takes either for each side (its types want a pair)
  return createConnection(ProposedFeatures.all, input as unknown as MessageReader, writer);
}
