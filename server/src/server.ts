/**
 * The language server: adapts the domain (analyze, hover, preview, attach) to LSP.
 * Everything here is about documents, settings, timing and transport; no Nova rule lives here.
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type Connection, type Diagnostic, type Hover, type InitializeParams, type InitializeResult,
  type CompletionItem, type DocumentSymbol, SymbolKind, CompletionItemKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { minimatch } from './lsp/glob';
import { analyzeDocument, languageOf, type DocumentAnalysis } from './document';
import { contextFromSettings, mergeContext, type ResolvedContext } from './model/contextLoad';
import { toDiagnostic, toRange } from './lsp/convert';
import { nearestContextFile, forgetContextFiles } from './lsp/contextFiles';
import { hoverJson } from './features/hover';
import { hoverAt as xmlHoverAt, completeAt as xmlCompleteAt, runLibvirtSchemaCheck } from './libvirtxml';
import { outline } from './features/symbols';
import { completeJson, type InventoryItem } from './features/completion';
import { StatusRequest, type StatusParams, type StatusResult } from './protocol';
import { URI } from 'vscode-uri';

export interface ServerSettings {
  files: string[];
  maxFileSize: number;
  raw: Record<string, unknown>;
}

const DEFAULTS: ServerSettings = { files: ['**/*.bdm.json'], maxFileSize: 5 * 1024 * 1024, raw: {} };
const DEBOUNCE_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let folders: string[] = [];
  let hasConfiguration = false;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const analysisCache = new Map<string, { version: number; key: string; analysis: DocumentAnalysis; resolved: ResolvedContext; contextFile: string | null; contextProblem: string | null }>();
  const pending = new Map<string, NodeJS.Timeout>();
  /** libvirt's own schema verdict per XML document, from its last save */
  const schemaChecks = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!folders.length && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['<', ' ', '"', '='] },
      },
      serverInfo: { name: 'bdm-lab', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    analysisCache.clear();
    for (const d of documents.all()) schedule(d, 0);
  });
  connection.onDidChangeWatchedFiles(() => {
    forgetContextFiles();
    analysisCache.clear();
    for (const d of documents.all()) schedule(d, 0);
  });

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!hasConfiguration) return Promise.resolve(DEFAULTS);
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'bdmLab' }).then(
        (raw: Record<string, unknown> | null) => ({
          files: Array.isArray(raw?.files) ? (raw!.files as string[]) : DEFAULTS.files,
          maxFileSize: typeof raw?.maxFileSize === 'number' ? (raw!.maxFileSize as number) : DEFAULTS.maxFileSize,
          raw: raw ?? {},
        }),
        () => DEFAULTS,
      );
      settingsCache.set(uri, p);
    }
    return p;
  }

  async function analyze(doc: TextDocument) {
    const settings = await settingsFor(doc.uri);
    const found = nearestContextFile(doc.uri, folders);
    const layers = [] as Parameters<typeof mergeContext>[0];
    const contextProblem = found && found.problems.length ? `${found.file}: ${found.problems[0].message}` : null;
    if (found && !found.problems.length) layers.push({ source: 'file', context: found.context });
    layers.push({ source: 'settings', context: contextFromSettings(settings.raw) });
    const resolved = mergeContext(layers);
    const key = JSON.stringify(resolved.context) + '|' + settings.files.join(',');
    const hit = analysisCache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit;
    const text = doc.getText();
    const language = languageOf(doc.languageId, text);
    const forced = isForced(doc.uri, settings.files);
    let analysis: DocumentAnalysis;
    if (text.length > settings.maxFileSize) {
      analysis = { ...analyzeDocument('', language, resolved.context), language, diagnostics: [] };
      analysis.diagnostics.push({
        code: 'BDM-LIMIT-FILE-SIZE', severity: 'information', message: `This file is larger than bdmLab.maxFileSize (${settings.maxFileSize} bytes): bdm-lab does not judge it here. Use the bdm-lab CLI, or raise the setting.`,
        novaMessage: '', explanation: '', span: { offset: 0, length: 0 }, entry: null, path: '', novaStatus: null, upstream: '', related: [],
      });
    } else {
      analysis = analyzeDocument(text, language, resolved.context, { forced, allowComments: doc.languageId === 'jsonc' });
    }
    const entry = { version: doc.version, key, analysis, resolved, contextFile: found?.file ?? null, contextProblem };
    analysisCache.set(doc.uri, entry);
    return entry;
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS) {
    const old = pending.get(doc.uri);
    if (old) clearTimeout(old);
    const version = doc.version;
    const timer = setTimeout(async () => {
      pending.delete(doc.uri);
      try {
        const current = documents.get(doc.uri);
        if (!current || current.version !== version) return; // a newer change is on its way
        const { analysis } = await analyze(current);
        if (documents.get(doc.uri)?.version !== version) return;
        const diagnostics: Diagnostic[] = analysis.diagnostics.slice(0, 1000).map((d) => toDiagnostic(current, d));
        const sc = schemaChecks.get(doc.uri);
        if (sc && sc.version === version) diagnostics.push(...sc.diagnostics);
        void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      } catch (e) {
        connection.console.error(`bdm-lab: validation of ${doc.uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }, delay);
    pending.set(doc.uri, timer);
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidSave(async (e) => {
    const doc = e.document;
    const settings = await settingsFor(doc.uri);
    if (settings.raw.libvirtSchemaCheck === false) return;
    const { analysis } = await analyze(doc);
    if (analysis.language !== 'xml' || !analysis.xmlDisks) return;
    if (analysis.diagnostics.some((d) => d.code === 'LIBVIRT-XML-WELLFORMED')) return;
    try {
      const r = await runLibvirtSchemaCheck(doc.getText());
      if (!r.available) return;
      schemaChecks.set(doc.uri, {
        version: doc.version,
        diagnostics: r.problems.map((p) => toDiagnostic(doc, { code: p.id, severity: p.severity, message: p.message, novaMessage: p.message, explanation: '', span: p.span, entry: null, path: '', novaStatus: null, upstream: 'virt-xml-validate (libvirt\'s RelaxNG schema)', related: [] })),
      });
      schedule(doc, 0);
    } catch (err) {
      connection.console.error(`bdm-lab: libvirt schema check failed: ${(err as Error)?.message ?? err}`);
    }
  });
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const t = pending.get(e.document.uri);
    if (t) clearTimeout(t);
    pending.delete(e.document.uri);
    analysisCache.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const offset = doc.offsetAt(params.position);
      const { analysis, resolved } = await analyze(doc);
      if (analysis.language === 'xml') {
        if (!analysis.xmlDisks && !analysis.diagnostics.length) return null;
        const h = xmlHoverAt(doc.getText(), offset);
        return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) } : null;
      }
      const h = hoverJson(analysis, doc.getText(), offset, resolved.context);
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) } : null;
    }, null, 'hover');
  });

  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const { analysis } = await analyze(doc);
      return outline(analysis).slice(0, 5000).map((s) => {
        const range = toRange(doc, s.span);
        return { name: s.name, detail: s.detail, kind: s.kind === 'entry' ? SymbolKind.Object : SymbolKind.Field, range, selectionRange: range };
      });
    }, [], 'symbols');
  });

  connection.onCompletion(async (params): Promise<CompletionItem[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const { analysis } = await analyze(doc);
      const offset = doc.offsetAt(params.position);
      if (analysis.language === 'xml') {
        if (!analysis.xmlDisks && !analysis.diagnostics.length) return [];
        const kinds = { element: CompletionItemKind.Class, attribute: CompletionItemKind.Property, value: CompletionItemKind.Value } as const;
        return xmlCompleteAt(doc.getText(), offset).map((c) => ({ label: c.label, kind: kinds[c.kind], detail: c.detail, insertText: c.insertText }));
      }
      return jsonCompletions(analysis, doc, offset);
    }, [], 'completion');
  });

  connection.onRequest(StatusRequest, async (params: StatusParams): Promise<StatusResult | null> => {
    return runSafe(async () => {
      const doc = documents.get(params.uri);
      if (!doc) return null;
      const a = await analyze(doc);
      return {
        kind: a.analysis.kind ?? (a.analysis.xmlDisks ? 'libvirt' : null),
        microversion: a.resolved.context.microversion,
        sources: a.resolved.sources,
        contextFile: a.contextFile,
        contextProblem: a.contextProblem,
        flavor: a.resolved.context.flavor,
        labHost: null,
      };
    }, null, 'status');
  });

  async function runSafe<T>(fn: () => Promise<T>, fallback: T, label: string): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      connection.console.error(`bdm-lab: ${label} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  }

  async function jsonCompletions(a: DocumentAnalysis, doc: TextDocument, offset: number): Promise<CompletionItem[]> {
    const { resolved } = await analyze(doc);
    return completeJson(a, doc.getText(), offset, resolved.context, inventoryFor(doc.uri)).map((c) => ({
      label: c.label,
      kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value,
      detail: c.detail,
      documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
      insertText: c.replace ? undefined : c.insertText,
      textEdit: c.replace ? { range: toRange(doc, c.replace), newText: c.insertText } : undefined,
      filterText: c.replace ? c.insertText : undefined,
      sortText: c.sortText,
    }));
  }

  /** ids the active lab host knows (images, volumes, snapshots), for uuid completion */
  function inventoryFor(_uri: string): InventoryItem[] {
    return [];
  }

  function isForced(uri: string, globs: string[]): boolean {
    let path: string;
    try { path = URI.parse(uri).path; } catch { return false; }
    return globs.some((g) => minimatch(path, g));
  }

  documents.listen(connection);
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
