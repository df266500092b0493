/**
 * Judging a version while its debounce runs. The debounce (lsp/scheduler.ts) decides when a
 * document's diagnostics are published: after the user pauses. Judging need not wait for it: a
 * version of a document up to EARLY_MAX_CHARS, or of a larger one whose last judging took at most
 * EARLY_MAX_MS, is judged as soon as its change arrives (once the
 * messages already queued are read, so a burst of changes judges only its last), and its
 * diagnostics are converted to the editor's form on arrival when the version is still current.
 * When the debounce ends, the publish takes that answer (lsp/handlers/diagnostics.ts) instead of
 * starting the judging then: what the user waits for after the pause is the publish alone.
 *
 * An answer is used only for the version and settings generation it was asked for; anything
 * else (a newer version, changed settings, a cancelled or failed early answer) leaves the
 * publish to judge the version as before. The document worker lets an early judging it has
 * started finish when a newer version arrives (lsp/documentWorker.ts): it is bounded by the limits
 * here, and ending the thread would cost more (a cold thread judges far slower).
 */
import { DEBOUNCE_MS } from './scheduler';

/** the largest document judged early, in characters: ~5 000 entries, judged well within the debounce */
export const EARLY_MAX_CHARS = 1_000_000;

/** a larger document is judged early while its last judging took at most this (half the debounce: the publish rarely waits) */
export const EARLY_MAX_MS = DEBOUNCE_MS / 2;

interface Early<T> {
  version: number;
  generation: number;
  answer: Promise<T | null>;
}

export interface EarlyJudgingPorts<T> {
  /** the version now open, undefined once closed */
  currentVersion(uri: string): number | undefined;
  /** the settings' generation (bumped when settings or watched files change) */
  generation(): number;
  /** judges the current version and gives its diagnostics in the editor's form; throws when moot */
  judge(uri: string, version: number): Promise<T>;
  /** waits until the messages already queued are read (a burst of edits ends first) */
  yieldToQueue(): Promise<void>;
}

export class EarlyJudging<T> {
  private readonly early = new Map<string, Early<T>>();
  /** per document, how long its last judging took (ms), early or not */
  private readonly lastMs = new Map<string, number>();
  /** how many versions were judged early (tests and status) */
  started = 0;

  constructor(private readonly ports: EarlyJudgingPorts<T>) {}

  /** A new version of a document of `length` characters: judge it now (when it is small or judged quickly). */
  changed(uri: string, version: number, length: number): void {
    if (length > EARLY_MAX_CHARS && !((this.lastMs.get(uri) ?? Infinity) <= EARLY_MAX_MS)) {
      this.early.delete(uri);
      return;
    }
    const generation = this.ports.generation();
    const answer = this.run(uri, version, generation);
    this.early.set(uri, { version, generation, answer });
  }

  /**
   * The early answer for this version, or null when there is none to use (judge it now). Taken
   * once: a later publish of the same version (settings changed meanwhile) judges again.
   */
  async take(uri: string, version: number): Promise<T | null> {
    const e = this.early.get(uri);
    if (!e || e.version !== version) return null;
    this.early.delete(uri);
    if (e.generation !== this.ports.generation()) return null;
    const answer = await e.answer;
    return answer !== null && e.generation === this.ports.generation() && this.ports.currentVersion(uri) === version ? answer : null;
  }

  /** How long a judging of the document took (the publish's own, or an early one). */
  took(uri: string, ms: number): void {
    this.lastMs.set(uri, ms);
  }

  forget(uri: string): void {
    this.early.delete(uri);
    this.lastMs.delete(uri);
  }

  private async run(uri: string, version: number, generation: number): Promise<T | null> {
    try {
      await this.ports.yieldToQueue();
      // a newer version (or a close, or new settings) came in the same burst: that one is judged
      if (this.ports.currentVersion(uri) !== version || this.ports.generation() !== generation) return null;
      this.started++;
      return await this.ports.judge(uri, version);
    } catch {
      // moot (a newer version) or failed: the publish judges the version itself, and reports a failure
      return null;
    }
  }
}
