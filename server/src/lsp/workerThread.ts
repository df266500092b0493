/**
 * The document worker's thread (dist/worker.js): it owns the analyses of large documents. Per
 * document it keeps the latest version's text and inputs, judges it on the first request for it
 * (once per version: diagnostics, hover, code lenses and symbols share it) and answers every
 * request through features/requests.ts, the same code the server runs for small documents.
 * It reads no file and no setting: the server sends everything (the lab host resolved).
 *
 * Messages are applied newest-first: before each request, every message already queued is read
 * (receiveMessageOnPort), so a newer version makes the older version's queued requests stale
 * (answered `stale` at once, never judged). With nothing queued after a document's diagnostics,
 * the worker gets that version's entry hovers ready (DocumentStore.preparing), a step at a time:
 * a request that comes meanwhile is answered before the next step.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { analyzeDocument, type DocumentLanguage } from '../document';
import type { Context } from '../model/context';
import type { Inventory } from '../model/inventory';
import { entryHoverSteps, runRequest, type DocState, type LabInfo, type RequestMethod } from '../features/requests';
import { nodeHashes } from '../host';
import type { TextEdit } from './editLog';
import { editBaseOf, priorOf, type Prior } from '../features/reuse';
import type { ParseBase } from '../parse/splice';
import { forgetPreviousVersion } from '../parse/lazyTree';
import type { PreviewGround } from '../features/preview';
import { encodeDiagnostics } from './diagnosticsWire';
import type { AnalysisDiagnostic } from '../analyze';

/** What judging one version needs, resolved by the server. */
export interface DocInputs {
  language: DocumentLanguage;
  context: Context;
  opts: { forced?: boolean; allowComments?: boolean; inventory?: Inventory; fileName?: string };
  lab: LabInfo;
}

export type ToWorker =
  | { type: 'doc'; uri: string; version: number; key: string; text: string; inputs: DocInputs }
  /** a newer version of a document held at version `from` (same inputs): the edits that made it */
  | { type: 'edit'; uri: string; from: number; version: number; length: number; edits: TextEdit[] }
  | { type: 'close'; uri: string }
  /** `base`: for diagnostics, the answer whose list the server holds for this document (lsp/diagnosticsWire.ts) */
  | { type: 'req'; id: number; uri: string; version: number; key: string; method: RequestMethod; params: unknown; base?: number };

/** the store's answer to one request */
export type Answer =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  /** the worker has a newer version (or none) of the document: the request is moot */
  | { id: number; stale: true };

export type FromWorker =
  | Answer
  /** a document's diagnostics as JSON text, against its previous answer's (lsp/diagnosticsWire.ts) */
  | { id: number; ok: true; json: string };

interface Held { version: number; key: string; text: string; inputs: DocInputs; state: DocState | null; prior?: Prior; base?: ParseBase; ground?: PreviewGround }

export class DocumentStore {
  private readonly docs = new Map<string, Held>();

  apply(m: Exclude<ToWorker, { type: 'req' }>): void {
    if (m.type === 'close') this.docs.delete(m.uri);
    else if (m.type === 'edit') this.edit(m);
    else this.docs.set(m.uri, { version: m.version, key: m.key, text: m.text, inputs: m.inputs, state: null });
  }

  /**
   * Edits on the version held. Never expected: another version held, or a text of another
   * length after the edits; then the document is dropped (its requests are answered stale and
   * the server sends the whole text again).
   */
  private edit(m: Extract<ToWorker, { type: 'edit' }>): void {
    const held = this.docs.get(m.uri);
    const text = held && held.version === m.from ? applyEdits(held.text, m.edits) : null;
    if (!held || text === null || text.length !== m.length) {
      this.docs.delete(m.uri);
      return;
    }
    // typing inside a string value: the text is parsed from the previous version's parse
    // (parse/splice.ts), the diagnostics that stay keep their places (features/reuse.ts)
    // and the entries' hovers start from the previous version's names and plan (features/preview.ts: reused when the BDMs are the same)
    const ground = held.state?.entryPreviewGround?.ground ?? held.state?.entryPreviewGround?.previous ?? held.ground;
    const base = editBaseOf(held.state, m.edits);
    this.docs.set(m.uri, { version: m.version, key: held.key, text, inputs: held.inputs, state: null, prior: priorOf(held.state, m.edits, base), base, ground });
  }

  answer(m: Extract<ToWorker, { type: 'req' }>): Answer {
    const held = this.docs.get(m.uri);
    if (!held || held.version !== m.version || held.key !== m.key) return { id: m.id, stale: true };
    try {
      held.state ??= judged(held);
      return { id: m.id, ok: true, result: runRequest(held.state, m.method, m.params as never) };
    } catch (e) {
      return { id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) };
    }
  }

  get size(): number {
    return this.docs.size;
  }

  /**
   * Idle after a document's diagnostics: what the entries' hovers of the version share is worked
   * out now (features/requests.ts entryHoverSteps), not on the first hover after the edit. One
   * step per call of the iterator's next(): serve answers the requests that came meanwhile
   * between steps. The steps end when the document has another version (or none) meanwhile.
   */
  *preparing(uri: string): Generator<void, void, void> {
    const state = this.docs.get(uri)?.state;
    if (!state) return;
    const steps = entryHoverSteps(state);
    for (;;) {
      try {
        if (steps.next().done) break;
      } catch {
        // the hover itself meets the same failure and answers it
        break;
      }
      yield;
      if (this.docs.get(uri)?.state !== state) return;
    }
    forgetPreviousVersion(state.analysis.root);
  }

  /** preparing(uri), all steps at once */
  prepare(uri: string): void {
    for (const step of this.preparing(uri)) void step;
  }
}

/** Applies edits (offsets into the text each one applies to) in order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let t = text;
  for (const e of edits) t = t.slice(0, e.offset) + e.text + t.slice(e.offset + e.length);
  return t;
}

function judged(h: Held): DocState {
  const { language, context, opts, lab } = h.inputs;
  const state: DocState = { text: h.text, analysis: analyzeDocument(h.text, language, context, h.base ? { ...opts, base: h.base } : opts), context, tooLarge: false, lab, hashes: nodeHashes, prior: h.prior, entryPreviewGround: h.ground ? { previous: h.ground } : undefined };
  h.prior = undefined;
  h.base = undefined;
  h.ground = undefined;
  return state;
}

/** Serves one port: documents first, then requests in order, re-reading the queue before each (`store`: given by tests). */
export function serve(port: MessagePort, store = new DocumentStore()): void {
  const requests: Array<Extract<ToWorker, { type: 'req' }>> = [];
  /** per document, the diagnostics its last answer carried, and that answer's id (lsp/diagnosticsWire.ts) */
  const lastSent = new Map<string, { id: number; list: AnalysisDiagnostic[] }>();
  const take = (m: ToWorker) => {
    if (m.type === 'req') requests.push(m);
    else store.apply(m);
    if (m.type === 'close') lastSent.delete(m.uri);
  };
  const send = (r: Extract<ToWorker, { type: 'req' }>, a: Answer) => {
    if (r.method !== 'diagnostics' || !('result' in a)) return port.postMessage(a);
    const list = a.result as AnalysisDiagnostic[];
    // against the list the server says it holds, when it is the one sent last; else in full
    const prev = lastSent.get(r.uri);
    port.postMessage({ id: a.id, ok: true, json: encodeDiagnostics(list, prev && prev.id === r.base ? prev.list : undefined) } satisfies FromWorker);
    lastSent.set(r.uri, { id: a.id, list });
  };
  const drain = () => {
    for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) take(r.message as ToWorker);
  };
  port.on('message', (m: ToWorker) => {
    take(m);
    // after a document's diagnostics, the entries' hovers of that version are got ready one step
    // at a time; the requests that come meanwhile are answered first (a hover then waits for one
    // step at most, and a newer version ends the steps: lsp/workerThread.ts DocumentStore.preparing)
    let preparing: Iterator<void> | null = null;
    for (;;) {
      drain();
      const r = requests.shift();
      if (r) {
        send(r, store.answer(r));
        if (r.method === 'diagnostics') preparing = store.preparing(r.uri);
      } else if (!preparing || preparing.next().done) break;
    }
  });
}

if (parentPort) serve(parentPort);
