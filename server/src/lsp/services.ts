/**
 * What every handler shares: the open documents, the workspace (folders, trust), the settings
 * cache, the analysis cache (one judged version per document, shared by diagnostics and every
 * request) and the document worker. `ask` answers a request from features/requests.ts, on this
 * thread for a small document and in the document worker for a large one.
 */
import { TextDocuments, type Connection, type Diagnostic, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { dirname } from 'node:path';
import { minimatch } from './glob';
import { analyzeDocument, languageOf, overSizeLimit, type DocumentAnalysis } from '../document';
import { DocumentWorker, WORKER_MIN_CHARS, Cancelled } from './documentWorker';
import type { DocInputs } from './workerThread';
import { prepareEntryHovers, runRequest, type DocState, type RequestMethod, type Requests } from '../features/requests';
import type { Preview } from '../features/preview';
import { inventoryOfLabHost, type Inventory } from '../model/inventory';
import { contextFromSettings, mergeContext, novaConfPath, settingsProblems, type ResolvedContext } from '../model/contextLoad';
import { nearestContextFile } from './contextFiles';
import { perFileContext, topLines } from './fileContexts';
import { resolveLabHost, type ResolvedLabHost } from './labHosts';
import { resolveNovaConf } from './novaConf';
import { nodeHost } from '../host';
import { EditLog } from './editLog';
import { editBaseOf, priorOf } from '../features/reuse';
import { forgetPreviousVersion } from '../parse/lazyTree';

export interface ServerSettings {
  files: string[];
  maxFileSize: number;
  raw: Record<string, unknown>;
}

export const DEFAULT_SETTINGS: ServerSettings = { files: ['**/*.bdm.json'], maxFileSize: 5 * 1024 * 1024, raw: {} };

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

export type Inputs = Awaited<ReturnType<Services['inputsOf']>>;

export class Services {
  /** what each version's edits were: the document worker is sent those rather than a large text again */
  readonly edits = new EditLog();
  readonly documents = new TextDocuments({ create: TextDocument.create, update: (d, changes, version) => this.edits.update(d, changes, version) });
  folders: string[] = [];
  hasConfiguration = false;
  trusted = true;
  /** the editor lists a JSON document's keys in its own outline (VS Code's JSON support): no second list of entries */
  editorJsonOutline = false;
  /** The client resolves a code action's edit when it is applied (LSP codeAction/resolve): the list leaves costly edits out. */
  resolvesCodeActionEdits = false;
  /** bumped when settings or watched files change: cached analyses (here and in the worker) are then stale */
  generation = 0;
  /** libvirt's own schema verdict per XML document, from its last save */
  readonly schemaChecks = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  /** the host's ports (programs, temporary files, path facts, hashes) the core is handed */
  readonly host = nodeHost();
  readonly worker: DocumentWorker;
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  /** the analysis cache: per document, its last judged version (with the inputs' key) */
  private readonly analyses = new Map<string, Judged>();
  /**
   * per document, the inputs of one version under one settings generation: every request on that
   * version (its diagnostics, then hovers, completions, lenses) shares them, so a request reads no
   * context file, nova.conf or lab host of its own. What changes them bumps the generation
   * (settings, and the files the client watches: lsp/handlers/diagnostics.ts), or is a new version.
   */
  private readonly versionInputs = new Map<string, { version: number; generation: number; inputs: Promise<Inputs> }>();
  private readonly minWorkerChars = workerMinChars();

  constructor(readonly connection: Connection) {
    this.worker = new DocumentWorker((message) => connection.console.error(message));
  }

  initialize(params: InitializeParams): void {
    this.hasConfiguration = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { trusted?: unknown; jsonOutline?: unknown } | undefined;
    // Clients that say nothing (the CLI-like LSP tests, other editors) are trusted.
    this.trusted = init?.trusted !== false;
    this.editorJsonOutline = init?.jsonOutline === 'editor';
    const ca = params.capabilities.textDocument?.codeAction;
    this.resolvesCodeActionEdits = !!ca?.dataSupport && !!ca.resolveSupport?.properties.includes('edit');
    this.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!this.folders.length && params.rootUri) this.folders = [params.rootUri];
  }

  /** Settings (settings: true) or watched files changed: every analysis is stale. */
  invalidate(what: { settings: boolean }): void {
    if (what.settings) this.settingsCache.clear();
    this.analyses.clear();
    this.versionInputs.clear();
    this.generation++;
  }

  /** A closed document: its analysis, settings and worker copy are forgotten. */
  forget(uri: string): void {
    this.worker.close(uri);
    this.edits.forget(uri);
    this.analyses.delete(uri);
    this.versionInputs.delete(uri);
    this.settingsCache.delete(uri);
    // libvirt's verdict was for the text as saved then: a reopened document starts at version 1
    // again and must not show it.
    this.schemaChecks.delete(uri);
  }

  settingsFor(uri: string): Promise<ServerSettings> {
    if (!this.hasConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let p = this.settingsCache.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'bdmLab' }).then(
        (raw: Record<string, unknown> | null) => ({
          files: Array.isArray(raw?.files) ? (raw!.files as string[]) : DEFAULT_SETTINGS.files,
          maxFileSize: typeof raw?.maxFileSize === 'number' ? (raw!.maxFileSize as number) : DEFAULT_SETTINGS.maxFileSize,
          raw: raw ?? {},
        }),
        () => DEFAULT_SETTINGS,
      );
      this.settingsCache.set(uri, p);
    }
    return p;
  }

  /** What judging a document needs: its context, options and the cache key, nothing computed yet. */
  async inputsOf(doc: TextDocument) {
    const settings = await this.settingsFor(doc.uri);
    const found = nearestContextFile(doc.uri, this.folders);
    // the document's own context ($bdm modeline, bdmLab.contexts) before the folder's
    const perFile = perFileContext(doc.uri, topLines(doc.getText()), settings.raw.contexts, this.folders);
    const layers = [...perFile.layers] as Parameters<typeof mergeContext>[0];
    const contextProblem = perFile.problems[0] ?? (found && found.problems.length ? `${found.file}: ${found.problems[0].message}` : null);
    // "nova_conf": "PATH" in a .bdm-context.json: read as bdmLab.novaConf is, relative to that file, never from outside the workspace
    const fileConf = found && !found.problems.length ? novaConfPath(found.context) : null;
    const fromFile = fileConf === null ? null : resolveNovaConf(fileConf, URI.file(dirname(found!.file)).toString(), { trusted: this.trusted, folders: this.folders, fromUser: false });
    if (found && !found.problems.length) layers.push({ source: 'file', context: fromFile ? { ...found.context, nova_conf: fromFile.conf ?? {} } : found.context });
    // bdmLab.novaConf: the compute node's nova.conf (read as lab-host files are: lsp/novaConf.ts)
    const novaConf = resolveNovaConf(settings.raw.novaConf, this.folderOf(doc.uri), { trusted: this.trusted, folders: this.folders, fromUser: settings.raw.novaConfScope === 'user' });
    layers.push({ source: 'settings', context: { ...contextFromSettings(settings.raw), ...(novaConf?.conf ? { nova_conf: novaConf.conf } : {}) } });
    const resolved = mergeContext(layers);
    const key = JSON.stringify(resolved.context) + '|' + settings.files.join(',') + '|' + String(settings.raw.labHost ?? '') + '|' + String(settings.raw.labHostScope ?? '') + '|' + this.generation;
    // The lab host is read only when it is needed: when the user chose one (its inventory then
    // stands for Glance and Cinder), or later for a preview, a simulation or the status.
    // In an untrusted workspace an embedded lab host still works; a lab-host file is refused unread.
    const labSetting = settings.raw.labHost;
    let labCache: ResolvedLabHost | undefined;
    const labOf = () => (labCache ??= resolveLabHost(labSetting, this.folderOf(doc.uri), this.labPolicy(settings)));
    const explicitLab = typeof labSetting === 'string' && labSetting.trim() !== '' && labSetting.trim() !== 'default';
    const judgeOpts = (): { forced: boolean; allowComments: boolean; inventory?: Inventory; fileName?: string } => {
      // A lab host the user chose also stands for Glance and Cinder: judge ids against it.
      const lab = explicitLab ? labOf() : null;
      const inventory = lab?.labHost ? inventoryOfLabHost(lab.labHost) : undefined;
      return { forced: isForced(doc.uri, settings.files), allowComments: doc.languageId === 'jsonc', inventory, fileName: fileNameOf(doc.uri) };
    };
    const fileProblems = fromFile ? [...(fromFile.problem ? [`${found!.file}: ${fromFile.problem.replace('bdmLab.novaConf', 'nova_conf')}`] : []), ...fromFile.notes.map((n) => n.replace('bdmLab.novaConf', 'nova_conf'))] : [];
    const problems = [...settingsProblems(settings.raw), ...(novaConf?.problem ? [novaConf.problem] : []), ...(novaConf?.notes ?? []), ...fileProblems];
    return { settings, found, perFile, contextProblem, settingsProblems: problems, resolved, key, labOf, judgeOpts };
  }

  /**
   * A request on a document, answered by features/requests.ts: here for a small document, in the
   * document worker for a large one (over the size limit, nothing is read: here too). Throws
   * Cancelled when the document changed meanwhile (the client asks again).
   */
  async ask<M extends RequestMethod>(doc: TextDocument, method: M, params: Requests[M]['params'], given?: Inputs, how: { early?: boolean } = {}): Promise<Requests[M]['result']> {
    const version = doc.version;
    const inputs = given ?? await this.inputsOfVersion(doc);
    if (doc.version !== version) throw new Cancelled('a newer version');
    const length = doc.getText().length;
    let answer: Requests[M]['result'];
    if (length > this.minWorkerChars && length <= inputs.settings.maxFileSize && this.worker.available) {
      answer = await this.worker.request({ uri: doc.uri, version, key: inputs.key, text: () => doc.getText(), inputs: () => workerInputs(doc, inputs), edits: (from) => this.edits.since(doc.uri, from, version) }, method, params, how.early);
    } else {
      const judged = this.analyze(doc, inputs);
      answer = runRequest(judged, method, params);
      if (method === 'diagnostics') this.prepareLater(doc.uri, judged);
    }
    if (doc.version !== version) throw new Cancelled('a newer version');
    return answer;
  }

  /**
   * After a version's diagnostics, once the messages already queued are read: what the entries'
   * hovers of the version share is worked out (features/requests.ts prepareEntryHovers), as the
   * document worker does for its documents, so the first hover after an edit writes only its
   * entry. Nothing when the document has moved on meanwhile.
   */
  private prepareLater(uri: string, judged: Judged): void {
    setImmediate(() => {
      if (this.analyses.get(uri) !== judged || this.documents.get(uri)?.version !== judged.version) return;
      try {
        prepareEntryHovers(judged);
      } catch {
        // the hover itself meets the same failure and answers it
      }
      forgetPreviousVersion(judged.analysis.root);
    });
  }

  /** The inputs of this version of the document (inputsOf), worked out on its first request. */
  private inputsOfVersion(doc: TextDocument): Promise<Inputs> {
    const hit = this.versionInputs.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.inputs;
    const entry = { version: doc.version, generation: this.generation, inputs: this.inputsOf(doc) };
    this.versionInputs.set(doc.uri, entry);
    // a failure is not kept: the next request tries again
    entry.inputs.catch(() => {
      if (this.versionInputs.get(doc.uri) === entry) this.versionInputs.delete(doc.uri);
    });
    return entry.inputs;
  }

  /** A small document's analysis on this thread, once per version (and inputs). */
  private analyze(doc: TextDocument, inputs: Inputs): Judged {
    const { settings, resolved, key, labOf } = inputs;
    const hit = this.analyses.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit;
    const text = doc.getText();
    const language = languageOf(doc.languageId, text, doc.uri);
    // Over the size limit the text is not read at all: one note, nothing parsed.
    const over = overSizeLimit(text.length, settings.maxFileSize);
    // typing inside a string value: the text is parsed from the previous version's parse
    // (parse/splice.ts) and the diagnostics that stay keep their places (features/reuse.ts)
    const base = hit && hit.key === key && hit.version < doc.version && !over.length ? editBaseOf(hit, this.edits.since(doc.uri, hit.version, doc.version)) : undefined;
    const analysis: DocumentAnalysis = over.length
      ? { ...analyzeDocument('', language, resolved.context), language, diagnostics: over }
      : analyzeDocument(text, language, resolved.context, base ? { ...inputs.judgeOpts(), base } : inputs.judgeOpts());
    const prior = base && priorOf(hit, null, base);
    const entry: Judged = { version: doc.version, key, text, analysis, resolved, context: resolved.context, get lab() { return labOf(); }, preview: undefined as Preview | undefined, tooLarge: over.length > 0, hashes: this.host.hashes, prior };
    this.analyses.set(doc.uri, entry);
    return entry;
  }

  /** What a lab-host file named in these settings may be: see lsp/labHosts.ts. */
  labPolicy(settings: ServerSettings) {
    // The client says whether the value came from the user's own settings (VS Code: inspect()).
    return { trusted: this.trusted, folders: this.folders, fromUser: settings.raw.labHostScope === 'user' };
  }

  folderOf(uri: string): string | null {
    return this.folders.filter((f) => uri.startsWith(f)).sort((a, b) => b.length - a.length)[0] ?? this.folders[0] ?? null;
  }

  /** A handler's answer, or the fallback when it failed (logged) or was cancelled by a newer version. */
  async runSafe<T>(fn: () => Promise<T>, fallback: T, label: string): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      // a newer version (or a restarted worker): the client asks again; not a failure
      if (!(e instanceof Cancelled)) this.connection.console.error(`bdm-lab: ${label} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  }
}

/** What the worker judges a document with: all resolved here (settings, context files, lab host). */
function workerInputs(doc: TextDocument, inputs: Inputs): DocInputs {
  const lab = inputs.labOf();
  return {
    language: languageOf(doc.languageId, doc.getText(), doc.uri),
    context: inputs.resolved.context,
    opts: inputs.judgeOpts(),
    lab: { name: lab.name, labHost: lab.labHost, problem: lab.problem },
  };
}

/** The document's base name (what Terraform names a file of the module it runs in), if its URI has a path. */
function fileNameOf(uri: string): string | undefined {
  let path: string;
  try {
    path = URI.parse(uri).path;
  } catch {
    return undefined;
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name || undefined;
}

function isForced(uri: string, globs: string[]): boolean {
  let path: string;
  try { path = URI.parse(uri).path; } catch { return false; }
  return globs.some((g) => minimatch(path, g));
}
