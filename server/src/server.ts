/**
 * The language server: adapts the domain (analyze, hover, preview, attach) to LSP.
 * Everything here is about documents, settings, timing and transport; no Nova rule lives here.
 */
import { appendAll } from './rules/finding';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type Connection, type Diagnostic, type Hover, type InitializeParams, type InitializeResult,
  type CompletionItem, type DocumentSymbol, SymbolKind, CompletionItemKind,
  type CodeLens, type CodeAction, CodeActionKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { minimatch } from './lsp/glob';
import { analyzeDocument, languageOf, overSizeLimit, type DocumentAnalysis } from './document';
import { DocumentWorker, WORKER_MIN_CHARS, Cancelled } from './lsp/documentWorker';
import type { DocInputs } from './lsp/workerThread';
import { runRequest, type DocState, type RequestMethod, type Requests } from './features/requests';
import type { Inventory } from './model/inventory';
import { contextFromSettings, mergeContext, type ResolvedContext } from './model/contextLoad';
import { toDiagnostic, toRange } from './lsp/convert';
import { nearestContextFile, forgetContextFiles } from './lsp/contextFiles';
import { runLibvirtSchemaCheck } from './libvirtxml';
import { StatusRequest, PreviewRequest, SimulateRequest, LabHostsRequest, type StatusParams, type StatusResult, type PreviewParams, type SimulateParams, type RealPlanShown } from './protocol';
import type { Preview } from './features/preview';
import { resolveLabHost, type ResolvedLabHost } from './lsp/labHosts';
import { inventoryOfLabHost } from './model/inventory';
import { simulateAttach, embeddedLabHostNames, renderText, AttachInputError, type LabHost } from './attach';
import { planRealAttach, realAttach } from './attach/virsh';
import { URI } from 'vscode-uri';

export interface ServerSettings {
  files: string[];
  maxFileSize: number;
  raw: Record<string, unknown>;
}

const DEFAULTS: ServerSettings = { files: ['**/*.bdm.json'], maxFileSize: 5 * 1024 * 1024, raw: {} };
const DEBOUNCE_MS = 200;
/** Like VS Code's JSON service, a document shows at most this many problems (and says so). */
const MAX_DIAGNOSTICS = 1000;

/**
 * Documents longer than this live in the document worker. BDM_LAB_WORKER_MIN_CHARS overrides it
 * for tests only (0: every document in the worker; a huge value: none).
 */
function workerMinChars(): number {
  const v = Number(process.env.BDM_LAB_WORKER_MIN_CHARS);
  return process.env.BDM_LAB_WORKER_MIN_CHARS !== undefined && Number.isFinite(v) && v >= 0 ? v : WORKER_MIN_CHARS;
}

/** One version of a document judged on the server's thread (small documents). */
interface Judged extends DocState {
  version: number;
  key: string;
  resolved: ResolvedContext;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let folders: string[] = [];
  let hasConfiguration = false;
  let trusted = true;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const analysisCache = new Map<string, Judged>();
  const docWorker = new DocumentWorker((message) => connection.console.error(message));
  const minWorkerChars = workerMinChars();
  /** bumped when settings or watched files change: the worker's copies are then judged again */
  let generation = 0;
  const pending = new Map<string, NodeJS.Timeout>();
  const pendingVersion = new Map<string, number>();
  const pendingDue = new Map<string, number>();
  /** libvirt's own schema verdict per XML document, from its last save */
  const schemaChecks = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { trusted?: unknown } | undefined;
    // Clients that say nothing (the CLI-like LSP tests, other editors) are trusted.
    trusted = init?.trusted !== false;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!folders.length && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['<', ' ', '"', '='] },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      },
      serverInfo: { name: 'bdm-lab', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    analysisCache.clear();
    generation++;
    for (const d of documents.all()) schedule(d, 0);
  });
  connection.onDidChangeWatchedFiles(() => {
    forgetContextFiles();
    analysisCache.clear();
    generation++;
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

  /** What judging a document needs: its context, options and the cache key, nothing computed yet. */
  async function inputsOf(doc: TextDocument) {
    const settings = await settingsFor(doc.uri);
    const found = nearestContextFile(doc.uri, folders);
    const layers = [] as Parameters<typeof mergeContext>[0];
    const contextProblem = found && found.problems.length ? `${found.file}: ${found.problems[0].message}` : null;
    if (found && !found.problems.length) layers.push({ source: 'file', context: found.context });
    layers.push({ source: 'settings', context: contextFromSettings(settings.raw) });
    const resolved = mergeContext(layers);
    const key = JSON.stringify(resolved.context) + '|' + settings.files.join(',') + '|' + String(settings.raw.labHost ?? '') + '|' + String(settings.raw.labHostScope ?? '') + '|' + generation;
    // The lab host is read only when it is needed: when the user chose one (its inventory then
    // stands for Glance and Cinder), or later for a preview, a simulation or the status.
    // In an untrusted workspace an embedded lab host still works; a lab-host file is refused unread.
    const labSetting = settings.raw.labHost;
    let labCache: ResolvedLabHost | undefined;
    const labOf = () => (labCache ??= resolveLabHost(labSetting, folderOf(doc.uri), labPolicy(settings)));
    const explicitLab = typeof labSetting === 'string' && labSetting.trim() !== '' && labSetting.trim() !== 'default';
    const judgeOpts = (): { forced: boolean; allowComments: boolean; inventory?: Inventory } => {
      // A lab host the user chose also stands for Glance and Cinder: judge ids against it.
      const lab = explicitLab ? labOf() : null;
      const inventory = lab?.labHost ? inventoryOfLabHost(lab.labHost) : undefined;
      return { forced: isForced(doc.uri, settings.files), allowComments: doc.languageId === 'jsonc', inventory };
    };
    return { settings, found, contextProblem, resolved, key, labOf, judgeOpts };
  }

  type Inputs = Awaited<ReturnType<typeof inputsOf>>;

  /** A small document's analysis on this thread, once per version (and inputs). */
  function analyze(doc: TextDocument, inputs: Inputs): Judged {
    const { settings, resolved, key, labOf } = inputs;
    const hit = analysisCache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit;
    const text = doc.getText();
    const language = languageOf(doc.languageId, text);
    let analysis: DocumentAnalysis;
    // Over the size limit the text is not read at all: one note, nothing parsed.
    const over = overSizeLimit(text.length, settings.maxFileSize);
    if (over.length) {
      analysis = { ...analyzeDocument('', language, resolved.context), language, diagnostics: over };
    } else {
      analysis = analyzeDocument(text, language, resolved.context, inputs.judgeOpts());
    }
    const entry: Judged = { version: doc.version, key, text, analysis, resolved, context: resolved.context, get lab() { return labOf(); }, preview: undefined as Preview | undefined, tooLarge: over.length > 0 };
    analysisCache.set(doc.uri, entry);
    return entry;
  }

  /**
   * A request on a document, answered by features/requests.ts: here for a small document, in the
   * document worker for a large one (over the size limit, nothing is read: here too). Throws
   * Cancelled when the document changed meanwhile (the client asks again).
   */
  async function ask<M extends RequestMethod>(doc: TextDocument, method: M, params: Requests[M]['params'], given?: Inputs): Promise<Requests[M]['result']> {
    const version = doc.version;
    const inputs = given ?? await inputsOf(doc);
    if (doc.version !== version) throw new Cancelled('a newer version');
    const length = doc.getText().length;
    let answer: Requests[M]['result'];
    if (length > minWorkerChars && length <= inputs.settings.maxFileSize && docWorker.available) {
      answer = await docWorker.request({ uri: doc.uri, version, key: inputs.key, text: () => doc.getText(), inputs: () => workerInputs(doc, inputs) }, method, params);
    } else {
      answer = runRequest(analyze(doc, inputs), method, params);
    }
    if (doc.version !== version) throw new Cancelled('a newer version');
    return answer;
  }

  /** What the worker judges a document with: all resolved here (settings, context files, lab host). */
  function workerInputs(doc: TextDocument, inputs: Inputs): DocInputs {
    const lab = inputs.labOf();
    return {
      language: languageOf(doc.languageId, doc.getText()),
      context: inputs.resolved.context,
      opts: inputs.judgeOpts(),
      lab: { name: lab.name, labHost: lab.labHost, problem: lab.problem },
    };
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS) {
    const old = pending.get(doc.uri);
    if (pendingVersion.get(doc.uri) !== doc.version) docWorker.superseded(doc.uri, doc.version);
    // Opening a document also reports a content change: keep the immediate run of the open.
    if (old && pendingVersion.get(doc.uri) === doc.version && (pendingDue.get(doc.uri) ?? Infinity) <= Date.now() + delay) return;
    if (old) clearTimeout(old);
    pendingVersion.set(doc.uri, doc.version);
    pendingDue.set(doc.uri, Date.now() + delay);
    const version = doc.version;
    const timer = setTimeout(async () => {
      pending.delete(doc.uri);
      try {
        const current = documents.get(doc.uri);
        if (!current || current.version !== version) return; // a newer change is on its way
        const judged = await ask(current, 'diagnostics', { max: MAX_DIAGNOSTICS });
        if (documents.get(doc.uri)?.version !== version) return;
        const diagnostics: Diagnostic[] = judged.map((d) => toDiagnostic(current, d));
        const sc = schemaChecks.get(doc.uri);
        if (sc && sc.version === version) appendAll(diagnostics, sc.diagnostics);
        void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      } catch (e) {
        if (e instanceof Cancelled) return; // a newer version is being judged
        connection.console.error(`bdm-lab: validation of ${doc.uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }, delay);
    pending.set(doc.uri, timer);
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidSave(async (e) => {
    const doc = e.document;
    const settings = await settingsFor(doc.uri);
    if (settings.raw.libvirtSchemaCheck === false || !trusted) return;
    if (languageOf(doc.languageId, doc.getText()) !== 'xml') return; // a large JSON body is not judged here
    try {
      if (!(await ask(doc, 'schemaCheckWanted', {}))) return;
      const r = await runLibvirtSchemaCheck(doc.getText());
      if (!r.available) return;
      schemaChecks.set(doc.uri, {
        version: doc.version,
        diagnostics: r.problems.map((p) => toDiagnostic(doc, { code: p.id, severity: p.severity, message: p.message, novaMessage: p.message, explanation: '', span: p.span, entry: null, path: '', novaStatus: null, upstream: 'virt-xml-validate (libvirt\'s RelaxNG schema)', related: [] })),
      });
      schedule(doc, 0);
    } catch (err) {
      if (err instanceof Cancelled) return;
      connection.console.error(`bdm-lab: libvirt schema check failed: ${(err as Error)?.message ?? err}`);
    }
  });
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const t = pending.get(e.document.uri);
    if (t) clearTimeout(t);
    pending.delete(e.document.uri);
    docWorker.close(e.document.uri);
    analysisCache.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const h = await ask(doc, 'hover', { offset: doc.offsetAt(params.position) });
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) } : null;
    }, null, 'hover');
  });

  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return (await ask(doc, 'symbols', {})).map((s) => {
        const range = toRange(doc, s.span);
        return { name: s.name, detail: s.detail, kind: s.kind === 'entry' ? SymbolKind.Object : SymbolKind.Field, range, selectionRange: range };
      });
    }, [], 'symbols');
  });

  const COMPLETION_KINDS = { class: CompletionItemKind.Class, property: CompletionItemKind.Property, value: CompletionItemKind.Value } as const;
  connection.onCompletion(async (params): Promise<CompletionItem[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return (await ask(doc, 'completion', { offset: doc.offsetAt(params.position) })).map((c) => ({
        label: c.label,
        kind: COMPLETION_KINDS[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
        insertText: c.replace ? undefined : c.insertText,
        textEdit: c.replace ? { range: toRange(doc, c.replace), newText: c.insertText ?? '' } : undefined,
        filterText: c.replace ? c.insertText : undefined,
        sortText: c.sortText,
      }));
    }, [], 'completion');
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return (await ask(doc, 'codeLens', { uri: doc.uri, trusted })).map((l) => ({ range: toRange(doc, l.span), command: { title: l.title, command: l.command, arguments: l.arguments } }));
    }, [], 'codeLens');
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const sent = params.context.diagnostics.filter((d) => d.source === 'bdm-lab');
      const refs = sent.map((d) => ({ code: String(d.code), offset: doc.offsetAt(d.range.start) }));
      const refactor = !params.context.only || params.context.only.some((k) => k.startsWith('refactor'));
      return (await ask(doc, 'codeAction', { diagnostics: refs, refactor })).map((a): CodeAction => ({
        title: a.title,
        kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
        diagnostics: a.diagnostic === null ? [] : [sent[a.diagnostic]],
        isPreferred: a.preferred,
        edit: a.edits.length ? { changes: { [doc.uri]: a.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } } : undefined,
        command: a.command,
      }));
    }, [], 'codeAction');
  });

  connection.onRequest(PreviewRequest, async (params: PreviewParams) => {
    return runSafe(async () => {
      const doc = documents.get(params.uri);
      if (!doc) return null;
      return ask(doc, 'preview', {});
    }, null, 'preview');
  });

  /** What a lab-host file named in these settings may be: see lsp/labHosts.ts. */
  function labPolicy(settings: ServerSettings) {
    // The client says whether the value came from the user's own settings (VS Code: inspect()).
    return { trusted, folders, fromUser: settings.raw.labHostScope === 'user' };
  }

  connection.onRequest(LabHostsRequest, async (params: { uri?: string }) => {
    const settings = params?.uri ? await settingsFor(params.uri) : DEFAULTS;
    const lab = resolveLabHost(settings.raw.labHost, params?.uri ? folderOf(params.uri) : null, labPolicy(settings));
    return {
      embedded: embeddedLabHostNames(),
      trusted,
      current: lab.name,
      problem: lab.problem,
      instances: lab.labHost?.instances.map((i) => ({ uuid: i.uuid, name: i.name, vm_state: i.vm_state })) ?? [],
      volumes: lab.labHost?.volumes.map((v) => ({ id: v.id, name: v.name, size: v.size, status: v.status, multiattach: v.multiattach })) ?? [],
    };
  });

  connection.onRequest(SimulateRequest, async (params: SimulateParams) => {
    return runSafe(async () => {
      const doc = documents.get(params.uri);
      if (!doc) return { error: 'The document is not open.' };
      if (!trusted) return { error: 'Simulate Attach needs a trusted workspace.' };
      const inputs = await inputsOf(doc);
      const lab: LabHost | null = inputs.labOf().labHost;
      if (!lab) return { error: inputs.labOf().problem ?? 'No lab host.' };
      const race = params.detachAfter !== undefined ? { afterInUseS: params.detachAfter } : params.detachAt ? { atStatus: params.detachAt } : undefined;
      const opts = { microversion: inputs.resolved.context.microversion, race };
      const boot = await ask(doc, 'simulateBoot', { lab, opts }, inputs);
      if (!('attach' in boot)) return boot;
      try {
        const body = (JSON.parse(doc.getText()) as { volumeAttachment: Record<string, unknown> }).volumeAttachment ?? {};
        const instance = params.instance ?? lab.instances.find((i) => i.vm_state === 'active' && !i.locked)?.uuid ?? lab.instances[0]?.uuid;
        const volumeAttachment = { ...body, ...(params.volume ? { volumeId: params.volume } : {}) };
        const request = { server_id: String(instance), volumeAttachment: volumeAttachment as never };
        const result = simulateAttach(lab, request, opts);
        const extraUris = await libvirtUrisFor(params.uri);
        const realPlan = lab.libvirt && result.outcome === 'attached' ? realPlanFor(lab, request, opts, result, extraUris) : undefined;
        if (params.realLibvirt) await realLibvirtStep(lab, request, opts, result, extraUris, params.confirmedPlan);
        return { kind: 'attach', result, text: renderText(result), labHost: lab.name, realLibvirtAvailable: !!lab.libvirt, ...(realPlan ? { realPlan } : {}) };
      } catch (e) {
        if (e instanceof AttachInputError) return { error: `${e.message} (lab host "${lab.name}")` };
        if (e instanceof SyntaxError) return { error: 'The body is not valid JSON.' };
        throw e;
      }
    }, { error: 'Simulation failed; see the bdm-lab output.' }, 'simulate');
  });

  /** The user's bdmLab.libvirtUris (machine scope: VS Code ignores it in workspace settings). */
  async function libvirtUrisFor(uri: string): Promise<string[]> {
    const v = (await settingsFor(uri)).raw.libvirtUris;
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : [];
  }

  /**
   * Only volumes on the lab host's `file` backend, so no host device or network disk ever
   * reaches a real domain; then every check of planRealAttach (URI, domain, source path).
   */
  function planFor(lab: LabHost, request: Parameters<typeof simulateAttach>[1], opts: Parameters<typeof simulateAttach>[2], result: ReturnType<typeof simulateAttach>, extraUris: string[]) {
    const vol = lab.volumes.find((v) => v.id === (request.volumeAttachment as { volumeId?: string }).volumeId);
    const proto = vol ? (lab.backends[vol.backend]?.protocol ?? vol.backend) : undefined;
    if (proto !== 'file') return { ok: false as const, reason: `only volumes on a "file" backend are attached for real (this one is on "${String(proto)}")`, plan: { uri: lab.libvirt?.uri, domain: lab.libvirt?.domain } };
    if (result.outcome !== 'attached' || !result.xml || result.libvirtFlags === null) return { ok: false as const, reason: 'the simulated attach did not succeed', plan: {} };
    const raw = simulateAttach(lab, request, { ...opts, showSecrets: true });
    return planRealAttach({ libvirt: lab.libvirt, xml: raw.xml, flags: raw.libvirtFlags, extraUris });
  }

  function realPlanFor(...args: Parameters<typeof planFor>): RealPlanShown {
    const p = planFor(...args);
    return { uri: p.plan.uri ?? '', domain: p.plan.domain ?? '', sourcePath: p.plan.sourcePath ?? null, xml: p.plan.xml ?? null, refused: p.ok ? null : p.reason };
  }

  /** The libvirt step for real, after the client showed the plan and the user confirmed it (trusted workspaces only). */
  async function realLibvirtStep(lab: LabHost, request: Parameters<typeof simulateAttach>[1], opts: Parameters<typeof simulateAttach>[2], result: ReturnType<typeof simulateAttach>, extraUris: string[], confirmed: RealPlanShown | undefined) {
    const note = (text: string) => result.steps.push({ actor: 'libvirtd (real)', at: result.durationS, durationS: 0, text });
    if (!lab.libvirt) return note('not run: the lab host names no libvirt {uri, domain}');
    const planned = planFor(lab, request, opts, result, extraUris);
    if (!planned.ok) return note(`not run: ${planned.reason}`);
    const p = planned.plan;
    if (!confirmed || confirmed.uri !== p.uri || confirmed.domain !== p.domain || confirmed.sourcePath !== p.sourcePath || confirmed.xml !== p.xml) {
      return note('not run: the plan changed since it was confirmed (or none was confirmed); run Simulate Attach again');
    }
    const real = await realAttach(p, result.durationS, undefined, undefined, extraUris);
    appendAll(result.steps, real.steps);
  }

  connection.onRequest(StatusRequest, async (params: StatusParams): Promise<StatusResult | null> => {
    return runSafe(async () => {
      const doc = documents.get(params.uri);
      if (!doc) return null;
      const inputs = await inputsOf(doc);
      const kind = await ask(doc, 'kind', {}, inputs);
      const lab = inputs.labOf();
      return {
        kind,
        microversion: inputs.resolved.context.microversion,
        sources: inputs.resolved.sources,
        contextFile: inputs.found?.file ?? null,
        contextProblem: inputs.contextProblem,
        flavor: inputs.resolved.context.flavor,
        labHost: lab.name + (lab.problem ? ' (invalid)' : ''),
      };
    }, null, 'status');
  });

  async function runSafe<T>(fn: () => Promise<T>, fallback: T, label: string): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      // a newer version (or a restarted worker): the client asks again; not a failure
      if (!(e instanceof Cancelled)) connection.console.error(`bdm-lab: ${label} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  }

  function folderOf(uri: string): string | null {
    return folders.filter((f) => uri.startsWith(f)).sort((a, b) => b.length - a.length)[0] ?? folders[0] ?? null;
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
