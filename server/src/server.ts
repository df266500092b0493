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
import { analyzeDocument, languageOf, overSizeLimit, capDiagnostics, type DocumentAnalysis, type DocumentLanguage } from './document';
import { OffThreadJudge, WORKER_MIN_CHARS, Cancelled } from './lsp/judgeOffThread';
import type { Context } from './model/context';
import type { Inventory } from './model/inventory';
import { contextFromSettings, mergeContext, type ResolvedContext } from './model/contextLoad';
import { toDiagnostic, toRange } from './lsp/convert';
import { nearestContextFile, forgetContextFiles } from './lsp/contextFiles';
import { hoverJson } from './features/hover';
import { hoverAt as xmlHoverAt, completeAt as xmlCompleteAt, runLibvirtSchemaCheck } from './libvirtxml';
import { outline } from './features/symbols';
import { completeJson, type InventoryItem } from './features/completion';
import { StatusRequest, PreviewRequest, SimulateRequest, LabHostsRequest, type StatusParams, type StatusResult, type PreviewParams, type SimulateParams, type RealPlanShown } from './protocol';
import { previewOf, previewDocument, entryPreviewMarkdown, type Preview } from './features/preview';
import { resolveLabHost, type ResolvedLabHost } from './lsp/labHosts';
import { inventoryOfLabHost } from './model/inventory';
import { simulateAttach, simulateBoot, embeddedLabHostNames, renderText, renderBootText, AttachInputError, type LabHost } from './attach';
import { planRealAttach, realAttach } from './attach/virsh';
import { quickFixes, refactorings } from './features/codeActions';
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

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let folders: string[] = [];
  let hasConfiguration = false;
  let trusted = true;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const analysisCache = new Map<string, { version: number; key: string; analysis: DocumentAnalysis; resolved: ResolvedContext; contextFile: string | null; contextProblem: string | null; readonly lab: ResolvedLabHost; preview: Preview | undefined; tooLarge: boolean }>();
  const offThread = new OffThreadJudge();
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

  /** What judging a document needs: its context, options and the cache key, nothing computed yet. */
  async function inputsOf(doc: TextDocument) {
    const settings = await settingsFor(doc.uri);
    const found = nearestContextFile(doc.uri, folders);
    const layers = [] as Parameters<typeof mergeContext>[0];
    const contextProblem = found && found.problems.length ? `${found.file}: ${found.problems[0].message}` : null;
    if (found && !found.problems.length) layers.push({ source: 'file', context: found.context });
    layers.push({ source: 'settings', context: contextFromSettings(settings.raw) });
    const resolved = mergeContext(layers);
    const key = JSON.stringify(resolved.context) + '|' + settings.files.join(',') + '|' + String(settings.raw.labHost ?? '') + '|' + String(settings.raw.labHostScope ?? '');
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

  async function analyze(doc: TextDocument) {
    const inputs = await inputsOf(doc);
    const { settings, found, contextProblem, resolved, key, labOf } = inputs;
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
    const entry = { version: doc.version, key, analysis, resolved, contextFile: found?.file ?? null, contextProblem, get lab() { return labOf(); }, preview: undefined as Preview | undefined, tooLarge: over.length > 0 };
    analysisCache.set(doc.uri, entry);
    return entry;
  }

  /**
   * The diagnostics of a document version. A large one is judged in a worker thread (cancelled
   * by a newer version); requests on it compute their own analysis once per version, when asked.
   */
  async function diagnosticsOf(doc: TextDocument): Promise<DocumentAnalysis['diagnostics']> {
    const inputs = await inputsOf(doc);
    const hit = analysisCache.get(doc.uri);
    const text = doc.getText();
    const small = text.length <= WORKER_MIN_CHARS || text.length > inputs.settings.maxFileSize;
    if ((hit && hit.version === doc.version && hit.key === inputs.key) || small || !offThread.available) {
      return capDiagnostics((await analyze(doc)).analysis.diagnostics, MAX_DIAGNOSTICS);
    }
    const job = { text, language: languageOf(doc.languageId, text) as DocumentLanguage, context: inputs.resolved.context as Context, opts: inputs.judgeOpts(), maxDiagnostics: MAX_DIAGNOSTICS };
    const r = await offThread.judge(doc.uri, job);
    if (!r.ok) throw new Error(r.error);
    return r.diagnostics;
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS) {
    const old = pending.get(doc.uri);
    if (pendingVersion.get(doc.uri) !== doc.version) offThread.cancel(doc.uri);
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
        const judged = await diagnosticsOf(current);
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
    offThread.cancel(e.document.uri);
    analysisCache.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const offset = doc.offsetAt(params.position);
      const cached = await analyze(doc);
      const { analysis, resolved } = cached;
      if (cached.tooLarge) return null;
      if (analysis.language === 'xml') {
        if (!analysis.xmlDisks && !analysis.diagnostics.length) return null;
        const h = xmlHoverAt(doc.getText(), offset);
        return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) } : null;
      }
      const h = hoverJson(analysis, doc.getText(), offset, resolved.context, (entry) => {
        const p = previewFor(cached);
        return p ? entryPreviewMarkdown(p, entry) : null;
      });
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
      const { analysis, tooLarge } = await analyze(doc);
      if (tooLarge) return [];
      const offset = doc.offsetAt(params.position);
      if (analysis.language === 'xml') {
        if (!analysis.xmlDisks && !analysis.diagnostics.length) return [];
        const kinds = { element: CompletionItemKind.Class, attribute: CompletionItemKind.Property, value: CompletionItemKind.Value } as const;
        return xmlCompleteAt(doc.getText(), offset).map((c) => ({ label: c.label, kind: kinds[c.kind], detail: c.detail, insertText: c.insertText }));
      }
      return jsonCompletions(analysis, doc, offset);
    }, [], 'completion');
  });

  function previewFor(c: NonNullable<ReturnType<typeof analysisCache.get>>): Preview | null {
    if (c.analysis.language !== 'json' || !c.analysis.kind || c.analysis.kind === 'attach') return null;
    if (!c.preview) c.preview = previewOf(c.analysis, c.resolved.context, c.lab.labHost);
    return c.preview;
  }

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const { analysis } = await analyze(doc);
      if (analysis.language !== 'json' || !analysis.kind || analysis.diagnostics.some((d) => d.code === 'BDM-JSON-SYNTAX')) return [];
      const uri = doc.uri;
      if (analysis.kind === 'attach') {
        if (!trusted) return []; // Simulate Attach acts: not offered in an untrusted workspace
        const r = toRange(doc, { offset: analysis.root?.offset ?? 0, length: 1 });
        return [{ range: r, command: { title: '$(play) Simulate Attach', command: 'bdmLab.simulateAttach', arguments: [uri] } }];
      }
      const lenses: CodeLens[] = analysis.entries.slice(0, 500).map((e) => ({
        range: toRange(doc, { offset: e.span.offset, length: 0 }),
        command: { title: `Preview libvirt XML${e.driverClass ? ` · ${e.driverClass}` : ''}`, command: 'bdmLab.previewDomainDisks', arguments: [uri, e.index] },
      }));
      if (analysis.kind === 'server' && analysis.root && trusted) {
        lenses.unshift({ range: toRange(doc, { offset: analysis.root.offset, length: 0 }), command: { title: '$(play) Simulate Attach (boot from volume)', command: 'bdmLab.simulateAttach', arguments: [uri] } });
      }
      return lenses;
    }, [], 'codeLens');
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    return runSafe(async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const { analysis } = await analyze(doc);
      const out: CodeAction[] = [];
      const toAction = (f: ReturnType<typeof quickFixes>[number], kind: string, diagnostics: typeof params.context.diagnostics): CodeAction => ({
        title: f.title,
        kind,
        diagnostics,
        isPreferred: f.preferred,
        edit: f.edits.length ? { changes: { [doc.uri]: f.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } } : undefined,
        command: f.command,
      });
      for (const d of params.context.diagnostics) {
        if (d.source !== 'bdm-lab') continue;
        const start = doc.offsetAt(d.range.start);
        const ours = analysis.diagnostics.find((x) => x.code === d.code && x.span.offset === start) ?? analysis.diagnostics.find((x) => x.code === d.code);
        if (!ours) continue;
        for (const f of quickFixes(analysis, doc.getText(), ours)) out.push(toAction(f, CodeActionKind.QuickFix, [d]));
      }
      if (!params.context.only || params.context.only.some((k) => k.startsWith('refactor'))) {
        for (const f of refactorings(analysis, doc.getText())) if (!out.some((o) => o.title === f.title)) out.push(toAction(f, CodeActionKind.RefactorRewrite, []));
      }
      return out;
    }, [], 'codeAction');
  });

  connection.onRequest(PreviewRequest, async (params: PreviewParams) => {
    return runSafe(async () => {
      const doc = documents.get(params.uri);
      if (!doc) return null;
      const c = await analyze(doc);
      const p = previewFor(c);
      if (!p) return { xml: '<!-- bdm-lab: not a server-create payload -->\n', json: null };
      return { xml: previewDocument(p), json: { entries: p.entries, implicit: p.implicit, buildError: p.buildError } };
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
      const c = await analyze(doc);
      const lab: LabHost | null = c.lab.labHost;
      if (!lab) return { error: c.lab.problem ?? 'No lab host.' };
      const race = params.detachAfter !== undefined ? { afterInUseS: params.detachAfter } : params.detachAt ? { atStatus: params.detachAt } : undefined;
      const opts = { microversion: c.resolved.context.microversion, race };
      try {
        if (c.analysis.kind === 'attach') {
          const body = (JSON.parse(doc.getText()) as { volumeAttachment: Record<string, unknown> }).volumeAttachment ?? {};
          const instance = params.instance ?? lab.instances.find((i) => i.vm_state === 'active' && !i.locked)?.uuid ?? lab.instances[0]?.uuid;
          const volumeAttachment = { ...body, ...(params.volume ? { volumeId: params.volume } : {}) };
          const request = { server_id: String(instance), volumeAttachment: volumeAttachment as never };
          const result = simulateAttach(lab, request, opts);
          const extraUris = await libvirtUrisFor(params.uri);
          const realPlan = lab.libvirt && result.outcome === 'attached' ? realPlanFor(lab, request, opts, result, extraUris) : undefined;
          if (params.realLibvirt) await realLibvirtStep(lab, request, opts, result, extraUris, params.confirmedPlan);
          return { kind: 'attach', result, text: renderText(result), labHost: lab.name, realLibvirtAvailable: !!lab.libvirt, ...(realPlan ? { realPlan } : {}) };
        }
        if (!c.analysis.valid || !c.analysis.novaBdms) return { error: 'Nova refuses this payload as it stands: fix the errors first (see the Problems view).' };
        const result = simulateBoot(lab, c.analysis.novaBdms, opts);
        return { kind: 'boot', result, text: renderBootText(result), labHost: lab.name };
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
      const a = await analyze(doc);
      return {
        kind: a.analysis.kind ?? (a.analysis.xmlDisks ? 'libvirt' : null),
        microversion: a.resolved.context.microversion,
        sources: a.resolved.sources,
        contextFile: a.contextFile,
        contextProblem: a.contextProblem,
        flavor: a.resolved.context.flavor,
        labHost: a.lab.name + (a.lab.problem ? ' (invalid)' : ''),
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
  function inventoryFor(uri: string): InventoryItem[] {
    const lab = analysisCache.get(uri)?.lab.labHost;
    if (!lab) return [];
    return [
      ...lab.images.map((i) => ({ id: i.id, name: i.name, sizeGb: i.size_gib, kind: 'image' as const })),
      ...lab.volumes.map((v) => ({ id: v.id, name: v.name, sizeGb: v.size, kind: 'volume' as const })),
      ...lab.snapshots.map((s) => ({ id: s.id, sizeGb: s.size, kind: 'snapshot' as const })),
    ];
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
