/**
 * When documents are validated: one pending run per document (its timer, the version it is for
 * and when it is due), debounced while the user types, immediate on open, save and settings.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const DEBOUNCE_MS = 200;

interface Pending {
  /** undefined once the run started */
  timer: NodeJS.Timeout | undefined;
  version: number;
  due: number;
}

export class ValidationScheduler {
  private readonly pending = new Map<string, Pending>();

  /**
   * @param run validates one version of a document (when its timer fires)
   * @param superseded a newer version was scheduled: work on older ones may stop
   */
  constructor(
    private readonly run: (uri: string, version: number) => Promise<void>,
    private readonly superseded: (uri: string, version: number) => void,
  ) {}

  schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
    const old = this.pending.get(doc.uri);
    if (old?.version !== doc.version) this.superseded(doc.uri, doc.version);
    // Opening a document also reports a content change: keep the immediate run of the open.
    if (old?.timer && old.version === doc.version && old.due <= Date.now() + delay) return;
    if (old?.timer) clearTimeout(old.timer);
    const entry: Pending = { timer: undefined, version: doc.version, due: Date.now() + delay };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(doc.uri, entry.version);
    }, delay);
    this.pending.set(doc.uri, entry);
  }

  /** A closed document: its pending run (if any) is dropped. */
  cancel(uri: string): void {
    const old = this.pending.get(uri);
    if (old?.timer) clearTimeout(old.timer);
    this.pending.delete(uri);
  }
}
