/**
 * Diagnostics: each open document's diagnostics are published after its changes settle
 * (lsp/scheduler.ts), again when settings or watched files change, and cleared when it closes.
 * A changed version is judged while the debounce runs (lsp/earlyJudging.ts), so the publish
 * mostly has only to send. libvirt's own schema verdict from the last save
 * (handlers/schemaCheck.ts) is added to the same version's diagnostics.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { appendAll } from '../../rules/finding';
import { Cancelled } from '../documentWorker';
import { forgetContextFiles } from '../contextFiles';
import { keepTexts, PublishedDiagnostics } from '../publish';
import { ValidationScheduler } from '../scheduler';
import { EarlyJudging } from '../earlyJudging';
import type { Services } from '../services';

/** Like VS Code's JSON service, a document shows at most this many problems (and says so). */
const MAX_DIAGNOSTICS = 1000;

export function register(connection: Connection, services: Services): ValidationScheduler {
  const { documents } = services;
  const published = new PublishedDiagnostics();
  /** judges the current version and converts it (the previous publish's Diagnostics where they are the same: lsp/publish.ts) */
  const judge = async (uri: string, version: number, early: boolean): Promise<Diagnostic[]> => {
    const current = documents.get(uri);
    if (!current || current.version !== version) throw new Cancelled('a newer version');
    const started = performance.now();
    const judged = await services.ask(current, 'diagnostics', { max: MAX_DIAGNOSTICS }, undefined, { early });
    earlyJudging.took(uri, performance.now() - started);
    if (documents.get(uri)?.version !== version) throw new Cancelled('a newer version');
    return published.convert(current, judged);
  };
  const earlyJudging = new EarlyJudging<Diagnostic[]>({
    currentVersion: (uri) => documents.get(uri)?.version,
    generation: () => services.generation,
    judge: (uri, version) => judge(uri, version, true),
    yieldToQueue: () => new Promise((resolve) => setImmediate(resolve)),
  });
  /** the version each document was opened at: the content change an open also reports is judged by the open's own run */
  const opened = new Map<string, number>();

  async function validate(uri: string, version: number): Promise<void> {
    try {
      const current = documents.get(uri);
      if (!current || current.version !== version) return; // a newer change is on its way
      const diagnostics: Diagnostic[] = [...((await earlyJudging.take(uri, version)) ?? (await judge(uri, version, false)))];
      const sc = services.schemaChecks.get(uri);
      if (sc && sc.version === version) appendAll(diagnostics, sc.diagnostics);
      void connection.sendDiagnostics({ uri, version, diagnostics: keepTexts(diagnostics) });
    } catch (e) {
      if (e instanceof Cancelled) return; // a newer version is being judged
      connection.console.error(`bdm-lab: validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  const scheduler = new ValidationScheduler(validate, (uri, version) => services.worker.superseded(uri, version));
  const all = () => { for (const d of documents.all()) scheduler.schedule(d, 0); };

  connection.onDidChangeConfiguration(() => {
    services.invalidate({ settings: true });
    all();
  });
  connection.onDidChangeWatchedFiles(() => {
    forgetContextFiles();
    services.invalidate({ settings: false });
    all();
  });
  documents.onDidOpen((e) => {
    opened.set(e.document.uri, e.document.version);
    scheduler.schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    const { uri, version } = e.document;
    scheduler.schedule(e.document);
    if (opened.get(uri) === version) opened.delete(uri);
    else earlyJudging.changed(uri, version, e.document.getText().length);
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    earlyJudging.forget(e.document.uri);
    opened.delete(e.document.uri);
    services.forget(e.document.uri);
    published.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return scheduler;
}
