/**
 * The server's side of the document worker (lsp/workerThread.ts, bundled as dist/worker.js):
 * one long-lived thread that owns the analyses of large documents, started on the first request
 * on one and started again after it dies. A document's text goes to the worker only when its
 * version (or its inputs) is new to it; each request is a small message answered with plain data.
 *
 * Bounds: when a newer version of a document arrives while the worker is busy with an older
 * version of that document, the worker is ended and a new one started (the texts it needs are
 * sent again on the next request), so stale work never delays the new version. Every pending
 * request is answered, with Cancelled when the worker was ended or had a newer version, and with
 * Cancelled after one logged error when the worker failed.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocInputs, FromWorker, ToWorker } from './workerThread';
import type { RequestMethod, Requests } from '../features/requests';
import type { TextEdit } from './editLog';
import { decodeDiagnostics } from './diagnosticsWire';
import type { AnalysisDiagnostic } from '../analyze';

/** documents longer than this (characters) live in the worker; a worker request costs more than small ones */
export const WORKER_MIN_CHARS = 200_000;

/**
 * The worker's young generation (V8's new space: two semi-spaces and the new large-object space,
 * a third each): 192 MB, semi-spaces of up to 64 MB, where V8's default is 48 MB (16 MB). Each
 * version of a large document is judged while the previous version's analysis is still kept; with
 * 16 MB semi-spaces the new analysis outgrows the young generation, is promoted whole and then
 * dies in the old generation, which full collections then walk. Measured on 40 versions of the
 * bench's 10 000-entry body (judged as the worker does, the previous analysis kept; V8's own GC
 * trace): 73 scavenges promoting 383 MB and 4 full collections, against 28 scavenges, 154 MB and
 * 2; CPU per version, medians of 5 interleaved runs, 133 -> 87 ms. The space is committed only as
 * the worker's documents need it (V8 grows it from 1 MB when most young objects survive).
 */
export const WORKER_YOUNG_GENERATION_MB = 192;

/** The answer is moot: a newer version of the document exists, or the worker was restarted. */
export class Cancelled extends Error {}

/** What the worker needs to know of a document; the text and inputs are read only when sent. */
export interface WorkerDoc {
  uri: string;
  version: number;
  key: string;
  text(): string;
  inputs(): DocInputs;
  /** the edits from an older version to this one, or null when they are not all known */
  edits?(from: number): TextEdit[] | null;
}

/** `early`: judged while the debounce runs (lsp/earlyJudging.ts); a newer version lets it finish */
interface Pending { uri: string; version: number; resolve: (v: unknown) => void; reject: (e: Error) => void; base?: AnalysisDiagnostic[]; early?: boolean }

export class DocumentWorker {
  private worker: Worker | null = null;
  /** what this worker holds: uri -> version and key */
  private readonly sent = new Map<string, { version: number; key: string }>();
  /** in the order sent, which is the order the worker answers in: the first is the one it works on */
  private readonly pending = new Map<number, Pending>();
  /** per document, the diagnostics the worker's last answer carried (it keeps the same list: lsp/diagnosticsWire.ts) */
  private readonly lastDiagnostics = new Map<string, { id: number; list: AnalysisDiagnostic[] }>();
  private nextId = 1;
  /** the number of workers started (tests and logs) */
  starts = 0;

  constructor(
    private readonly onFailure: (message: string) => void,
    private readonly script = join(__dirname, 'worker.js'),
  ) {}

  /** false when the bundle has no worker script (e.g. the domain run from sources) */
  get available(): boolean {
    return existsSync(this.script);
  }

  request<M extends RequestMethod>(doc: WorkerDoc, method: M, params: Requests[M]['params'], early = false): Promise<Requests[M]['result']> {
    const w = this.worker ?? this.start();
    const held = this.sent.get(doc.uri);
    if (!held || held.version !== doc.version || held.key !== doc.key) {
      // an older version with the same inputs: the edits since (a keystroke), not the whole text
      const edits = held && held.key === doc.key && held.version < doc.version ? doc.edits?.(held.version) ?? null : null;
      if (edits) this.post(w, { type: 'edit', uri: doc.uri, from: held!.version, version: doc.version, length: doc.text().length, edits });
      else this.post(w, { type: 'doc', uri: doc.uri, version: doc.version, key: doc.key, text: doc.text(), inputs: doc.inputs() });
      this.sent.set(doc.uri, { version: doc.version, key: doc.key });
    }
    const id = this.nextId++;
    // diagnostics come against the list this side holds (lsp/diagnosticsWire.ts)
    const base = method === 'diagnostics' ? this.lastDiagnostics.get(doc.uri) : undefined;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { uri: doc.uri, version: doc.version, resolve: resolve as (v: unknown) => void, reject, base: base?.list, early });
      this.post(w, { type: 'req', id, uri: doc.uri, version: doc.version, key: doc.key, method, params, ...(base ? { base: base.id } : {}) });
    });
  }

  /**
   * A new version of a document: if the worker is busy with an older version of it, that work is
   * stale: end the worker (its pending answers are cancelled; the next request starts another).
   * An early judging (lsp/earlyJudging.ts: a document of bounded size) is let finish: a new
   * thread would judge the new version cold, far slower; the older version's queued requests are
   * answered stale by the worker without being judged.
   */
  superseded(uri: string, version: number): void {
    const head = this.pending.values().next().value as Pending | undefined;
    if (head && head.uri === uri && head.version < version && !head.early) this.restart(null);
  }

  /** a closed document: the worker forgets it (and drops work on it) */
  close(uri: string): void {
    this.superseded(uri, Infinity);
    this.lastDiagnostics.delete(uri);
    if (!this.worker || !this.sent.has(uri)) return;
    this.sent.delete(uri);
    this.post(this.worker, { type: 'close', uri });
  }

  dispose(): void {
    this.restart(null);
  }

  private post(w: Worker, m: ToWorker): void {
    w.postMessage(m);
  }

  private start(): Worker {
    const w = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    this.starts++;
    this.worker = w;
    w.on('message', (m: FromWorker) => {
      if (w !== this.worker) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('stale' in m) {
        // the worker does not hold the version it was sent (never expected): send the whole text next time
        if (this.sent.get(p.uri)?.version === p.version) this.sent.delete(p.uri);
        p.reject(new Cancelled('a newer version'));
      }
      else if (m.ok && 'json' in m) {
        const list = decodeDiagnostics(m.json, p.base);
        if (!list) return p.reject(new Error('the document worker answered against a list it was not given'));
        if (this.sent.has(p.uri)) this.lastDiagnostics.set(p.uri, { id: m.id, list });
        p.resolve(list);
      } else if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    w.on('error', (e) => {
      if (w === this.worker) this.restart(`bdm-lab: document worker failed: ${(e as Error)?.stack ?? e}`);
    });
    w.on('exit', (code) => {
      if (w === this.worker) this.restart(`bdm-lab: document worker failed: it exited (${code})`);
    });
    // the thread must not keep the server alive once the connection is gone
    w.unref();
    return w;
  }

  /** Ends the worker (if any): every pending request is cancelled; a failure is logged once. */
  private restart(failure: string | null): void {
    const w = this.worker;
    this.worker = null;
    this.sent.clear();
    this.lastDiagnostics.clear();
    const pending = [...this.pending.values()];
    this.pending.clear();
    if (w) void w.terminate();
    if (failure) this.onFailure(failure);
    for (const p of pending) p.reject(new Cancelled('the document worker was restarted'));
  }
}
