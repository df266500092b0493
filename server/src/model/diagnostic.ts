/**
 * The shapes shared by every rule table (the Nova rules of rules/ and the libvirt XML rules of
 * libvirtxml/): how serious a diagnostic is, what a check reports, and how a message template
 * is filled from its values.
 */
import type { Span } from '../text/span';

/** How serious a diagnostic is, in the editor and the CLI. */
export type Severity = 'error' | 'warning' | 'information';

/** What every rule table's row has: its code (stable forever), severity and the upstream place of the fact. */
export interface RuleRowBase {
  id: string;
  severity: Severity;
  upstream: string;
}

/** What a check reports: where, and the values its message template needs. Each table adds its code and more. */
export interface FindingBase<Args extends Record<string, string | number> = Record<string, string | number>> {
  span: Span;
  args?: Args;
}

const TEMPLATES = new Map<string, string[]>();
/**
 * A message with its {placeholders} replaced by the finding's values (unknown ones are kept).
 * Templates are split once: filling thousands of findings is then plain concatenation.
 */
export function fill(template: string, args: Readonly<Record<string, string | number>> = {}): string {
  const parts = templateParts(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    out += (k in args ? String(args[k]) : `{${k}}`) + parts[i + 1];
  }
  return out;
}

/** a template split once: even indexes its literal text, odd indexes its placeholders' names */
function templateParts(template: string): string[] {
  let parts = TEMPLATES.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    TEMPLATES.set(template, parts);
  }
  return parts;
}

/** A diagnostic as the editor and the CLI show it, for Nova's rules and libvirt XML's alike. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  /** the row's words, then the plain explanation */
  message: string;
  novaMessage: string;
  /** the key words first, where Nova's message puts them last (schema errors); absent otherwise */
  summary?: string;
  explanation: string;
  span: Span;
  entry: number | null;
  path: string;
  novaStatus: number | null;
  upstream: string;
  related: Array<{ span: Span; message: string }>;
}

/** What a row says: its HTTP status and its message templates (`{x}` filled from a finding's args). */
export interface MessageRow extends RuleRowBase {
  http: number | null;
  nova: string;
  explain: string;
}

/** A finding on its way to a diagnostic: its code (the row's id), place and values. */
export interface DiagnosticFinding extends FindingBase {
  code: string;
  entry: number | null;
  path: string;
  related?: Array<{ span: Span; message: string }>;
}

/**
 * At most this many related places per diagnostic, the first ones (a request-wide finding can
 * name every entry: tens of thousands of places no reader can use, and megabytes per publish).
 */
export const MAX_RELATED = 100;

/** Shared by every diagnostic without related places (frozen: nobody adds to it). */
const NO_RELATED: Diagnostic['related'] = Object.freeze([]) as unknown as Diagnostic['related'];

/**
 * THE diagnostic factory: every finding of every rule table becomes a diagnostic here. Its
 * messages are filled in when first read (a body with thousands of notes pays for the texts the
 * editor or the CLI shows); `place` turns the finding's spans into the ones shown (clamped to
 * the text). The finding's code must be the row's.
 */
export function diagnose(row: MessageRow, f: DiagnosticFinding, place: (s: Span) => Span = (s) => s): Diagnostic {
  if (row.id !== f.code) throw new Error(`${f.code} has no row (got ${row.id})`);
  return new RowDiagnostic(row, f, place);
}

/**
 * A message cut to `max` characters (not inside a surrogate pair), saying how many more there
 * were. The findings of one refusal share their message: the last one cut is kept.
 */
let lastCut: { m: string; max: number; cut: string } | null = null;
export function cutText(m: string, max: number, where = ''): string {
  if (m.length <= max) return m;
  if (lastCut?.m === m && lastCut.max === max) return lastCut.cut;
  let end = max;
  const c = m.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  const cut = `${m.slice(0, end)}… (${m.length - end} more characters${where ? `; ${where}` : ''})`;
  lastCut = { m, max, cut };
  return cut;
}

/**
 * At most this many characters of a message in the CLI's reports: Nova prints the whole object
 * it refuses in its message, and a refusal of many keys is a finding at each one (a 600 KB body
 * of 1 000 unexpected keys: 600 MB of text, `internal error: Invalid string length`).
 */
export const MAX_CLI_MESSAGE_CHARS = 20_000;

/**
 * The texts of the last few diagnostics read, by row, and what they were filled from. One
 * refusal of many keys is a finding at each key with the one args object, read one after the
 * other, and Nova's words hold the whole value refused (a megabyte each, made a thousand times,
 * was a gigabyte): the newest texts are shared with the next diagnostic of the same row and args.
 * And a big body's same error on every entry (each entry's `boot_index: "first"`, with args of its
 * own) has the same words: args whose `detail` is the only value a row reads, and that name the
 * words by an object (`detailKey`, the same object for the same words), share texts by that key
 * with the few kept, newest last (an entry with several errors reads several rows in turn).
 */
interface SharedTexts {
  row: MessageRow;
  /** the args they were filled from, while the newest (args can hold a document: no other is kept) */
  args: object | undefined;
  /** the args' detailKey, when the row reads only `detail` */
  key: object | undefined;
  nova: string | undefined;
  explain: string | undefined;
  message: string | undefined;
}
const recentTexts: SharedTexts[] = [];
const TEXTS_KEPT = 8;

/** Whether `detail` is the only value a row's templates read (its texts are then the detail's), by row. */
const READS_DETAIL_ONLY = new WeakMap<MessageRow, boolean>();
function readsDetailOnly(row: MessageRow): boolean {
  let only = READS_DETAIL_ONLY.get(row);
  if (only === undefined) {
    const names = new Set<string>();
    for (const t of [row.nova, row.explain]) {
      const parts = templateParts(t);
      for (let i = 1; i < parts.length; i += 2) names.add(parts[i]);
    }
    only = names.size === 1 && names.has('detail');
    READS_DETAIL_ONLY.set(row, only);
  }
  return only;
}

/** the object args name their `detail` by (the same object for the same words), if any */
function detailKeyOf(args: object): object | undefined {
  const k = (args as { detailKey?: unknown }).detailKey;
  return k !== null && typeof k === 'object' ? k : undefined;
}

class RowDiagnostic implements Diagnostic {
  readonly code: string;
  readonly span: Span;
  readonly entry: number | null;
  /** the path, or the finding that makes it when read (a finding that is its own place, kept anyway) */
  private readonly pathFrom: string | { readonly path: string };
  readonly related: Array<{ span: Span; message: string }>;
  private nova: string | undefined = undefined;
  private explain: string | undefined = undefined;
  private msg: string | undefined = undefined;
  /** the finding's values (the finding itself, and its sort key, are not kept: a body can hold thousands) */
  private readonly args: DiagnosticFinding['args'];
  constructor(private readonly row: MessageRow, f: DiagnosticFinding, place: (s: Span) => Span) {
    this.code = f.code;
    this.span = place(f.span);
    this.entry = f.entry;
    this.pathFrom = this.span === (f as unknown) ? f : f.path;
    this.related = f.related && f.related.length ? f.related.slice(0, MAX_RELATED).map((r) => ({ span: place(r.span), message: r.message })) : NO_RELATED;
    this.args = f.args;
  }
  get path(): string {
    const p = this.pathFrom;
    return typeof p === 'string' ? p : p.path;
  }
  // the row's own fields are read from it (a body can hold thousands of diagnostics)
  get severity(): Severity {
    return this.row.severity;
  }
  get novaStatus(): number | null {
    return this.row.http;
  }
  get upstream(): string {
    return this.row.upstream;
  }
  get novaMessage(): string {
    return (this.nova ??= this.shared().nova ??= fill(this.row.nova, this.args));
  }
  get explanation(): string {
    return (this.explain ??= this.shared().explain ??= fill(this.row.explain, this.args));
  }
  /** the texts shared with the diagnostics of the same row and args, or detail, read just before (recentTexts) */
  private shared(): { nova?: string; explain?: string; message?: string } {
    const a = this.args;
    if (!a || typeof a !== 'object') return {};
    const row = this.row;
    const n = recentTexts.length;
    const newest = n > 0 ? recentTexts[n - 1] : undefined;
    if (newest !== undefined && newest.args === a && newest.row === row) return newest;
    const key = readsDetailOnly(row) ? detailKeyOf(a) : undefined;
    if (key !== undefined) {
      for (let k = n - 1; k >= 0; k--) {
        const t = recentTexts[k];
        if (t.key === key && t.row === row) return t;
      }
    }
    if (newest !== undefined) newest.args = undefined;
    // (every field written at once: one object, not one that grows a property store as its texts come)
    const t: SharedTexts = { row, args: a, key, nova: undefined, explain: undefined, message: undefined };
    if (n === TEXTS_KEPT) recentTexts.shift();
    recentTexts.push(t);
    return t;
  }
  get summary(): string | undefined {
    const s = (this.args as Record<string, unknown> | undefined)?.summary;
    return typeof s === 'string' ? s : undefined;
  }
  get message(): string {
    return (this.msg ??= this.joined());
  }
  private joined(): string {
    const t = this.shared();
    if (t.message !== undefined) return t.message;
    const n = this.novaMessage;
    const e = this.explanation;
    // a row without an explanation (libvirt XML's) says it all in its first message
    return (t.message = !e && this.row.explain === '' ? n : n ? `${n}\n${e}` : e);
  }
  toJSON(): Diagnostic {
    const { code, severity, message, novaMessage, summary, explanation, span, entry, path, novaStatus, upstream, related } = this;
    return { code, severity, message, novaMessage, ...(summary ? { summary } : {}), explanation, span, entry, path, novaStatus, upstream, related };
  }
}
