/**
 * The JSON contract of `bdm-lab check` (also printed by `bdm-lab xml` for a body Nova refuses):
 * one module both import, so neither imports the other.
 */
import type { DocumentAnalysis } from '../document';
import { LineIndex } from '../text/lineIndex';
import { prepareSpans } from '../text/span';
import { RULE_BY_ID } from '../rules/table';
import { cutText, MAX_CLI_MESSAGE_CHARS } from '../model/diagnostic';
import { escapeJsonRaw, escapeLines, escapeValue } from './safeText';

/** Why a file has no verdict (unreadable) or no usable one (unparseable). */
export type FileError = { code: string; message: string };
/** `total`: the number of problems before the --max-problems cap */
export type Result = { file: string; text: string; analysis: DocumentAnalysis; total?: number; error?: FileError };
export type Unread = { file: string; error: FileError };
export type Outcome = Result | Unread;
export const judged = (r: Outcome): r is Result => 'analysis' in r;

/** What a request is called in each kind of text that holds them. */
const REQUEST_NOUN: Partial<Record<string, string>> = {
  shell: 'openstack server create command',
  markdown: 'openstack server create command',
  yaml: 'server resource or task',
  terraform: 'openstack_compute_instance_v2 resource',
};

export function range(idx: LineIndex, span: { offset: number; length: number }) {
  return { start: idx.position(span.offset), end: idx.position(span.offset + span.length) };
}

/**
 * Before a report reads the places of a file's diagnostics (and requests): all of them are
 * prepared first, so that the first position read places them all in one pass over the text.
 */
export function preparePlaces(analysis: DocumentAnalysis): void {
  prepareSpans(analysis.diagnostics.map((d) => d.span));
  if (analysis.requests) prepareSpans(analysis.requests.map((q) => q.span));
}

/**
 * The JSON contract: `files[]` with file, valid, diagnostics, entries. Extensions (added, never
 * changed): a diagnostic's `novaMessage` (Nova's exact words) and `summary` (schema errors: the
 * field and the complaint first), `totalDiagnostics` (the count before the --max-problems cap) and, for a file that
 * could not be read or parsed, `error: {code, message}` (an unreadable one has valid false and
 * empty diagnostics and entries).
 */
export function toJson(results: Outcome[]) {
  return {
    files: results.map((r) => {
      if (!judged(r)) return unreadJson(r);
      const idx = new LineIndex(r.text);
      preparePlaces(r.analysis);
      return {
        ...fileHead(r),
        diagnostics: r.analysis.diagnostics.map((d) => diagnosticJson(idx, d)),
        entries: r.analysis.entries.map((e) => ({ index: e.index, driverClass: e.driverClass })),
        ...fileTail(r, idx),
      };
    }),
  };
}

const unreadJson = (r: Unread) => ({ file: r.file, valid: false, diagnostics: [], entries: [], totalDiagnostics: 0, error: r.error });
const fileHead = (r: Result) => ({ file: r.file, valid: r.analysis.valid });
function fileTail(r: Result, idx: LineIndex) {
  const { analysis } = r;
  return {
    totalDiagnostics: r.total ?? analysis.diagnostics.length,
    // extension: scripts and runbooks, one item per command (the tool, its refusal or the body and microversion it sends)
    ...(analysis.requests ? { requests: analysis.requests.map((q) => ({ range: range(idx, q.span), tool: q.tool, toolError: q.toolError, body: q.body, microversion: q.microversion, valid: q.valid })) } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}

function diagnosticJson(idx: LineIndex, d: DocumentAnalysis['diagnostics'][number]) {
  return {
    code: d.code,
    severity: d.severity,
    message: cutText(d.message, MAX_CLI_MESSAGE_CHARS),
    entry: d.entry,
    path: d.path,
    range: range(idx, d.span),
    novaStatus: d.novaStatus,
    // extensions: Nova's exact words alone, and the key words first where Nova puts them last
    novaMessage: cutText(d.novaMessage, MAX_CLI_MESSAGE_CHARS),
    ...(d.summary ? { summary: d.summary } : {}),
  };
}

/** About this many characters of the JSON report are written at a time (writeJsonReport). */
const CHUNK_CHARS = 1 << 16;
/** a line break and the indentation of each depth (2 spaces a level, as JSON.stringify's) */
const BREAKS = ['\n', '\n  ', '\n    ', '\n      ', '\n        '];

/** JSON.stringify(v, null, 2) of a value that stands at `depth` inside the report: its lines after the first indented to it. */
function nested(v: unknown, depth: number): string {
  const s = JSON.stringify(v, null, 2) as string | undefined;
  if (s === undefined) return 'null';
  return s.includes('\n') ? s.replace(/\n/g, BREAKS[depth]!) : s;
}

/**
 * The JSON report, written through `write` a piece at a time: the same text as
 * toJsonText(toJson(results)), byte for byte (the contract), without building the whole report
 * first. A large body's report is megabytes: made as one object, one string and one buffer, all
 * of it is new memory the process touches once; in pieces the same few pages serve every piece.
 * A file's diagnostics and entries are written one after another; everything else (small) as
 * toJson has it.
 */
export function writeJsonReport(results: Outcome[], write: (text: string) => void): void {
  let out = '';
  // a piece is whole values and punctuation: a surrogate pair is never cut in two
  const put = (s: string) => {
    out += s;
    if (out.length >= CHUNK_CHARS) {
      write(escapeJsonRaw(out));
      out = '';
    }
  };
  // {"files": [ each file at depth 2 ]}
  put(results.length ? '{\n  "files": [' : '{\n  "files": []');
  results.forEach((r, i) => {
    put(i ? ',\n    ' : '\n    ');
    if (!judged(r)) { put(nested(unreadJson(r), 2)); return; }
    const idx = new LineIndex(r.text);
    preparePlaces(r.analysis);
    // the file's object: its small members as toJson has them, its two long lists piece by piece
    const head = fileHead(r);
    put(`{\n      "file": ${nested(head.file, 3)},\n      "valid": ${nested(head.valid, 3)},\n      "diagnostics": `);
    const words = new LastJson();
    list(r.analysis.diagnostics, (d) => put(diagnosticText(idx, d, words)));
    put(',\n      "entries": ');
    list(r.analysis.entries, (e) => put(entryText(e.index, e.driverClass)));
    const tail = fileTail(r, idx);
    for (const [key, value] of Object.entries(tail)) {
      if (value !== undefined) put(`,\n      ${JSON.stringify(key)}: ${nested(value, 3)}`);
    }
    put('\n    }');
  });
  write(escapeJsonRaw(`${out}${results.length ? '\n  ]' : ''}\n}\n`));

  /** a list at depth 3 (a file's member): its items at depth 4 */
  function list<T>(items: readonly T[], item: (x: T) => void): void {
    if (!items.length) { put('[]'); return; }
    for (let k = 0; k < items.length; k++) {
      put(k ? ',\n        ' : '[\n        ');
      item(items[k]!);
    }
    put('\n      ]');
  }
}

/** JSON.stringify of the strings a report repeats (a rule's words, shared by thousands of its diagnostics): the last text of each member kept */
class LastJson {
  private readonly from = new Map<string, unknown>();
  private readonly to = new Map<string, string | undefined>();
  of(member: string, v: unknown): string | undefined {
    if (this.from.get(member) === v && this.to.has(member)) return this.to.get(member);
    const s = JSON.stringify(v) as string | undefined;
    this.from.set(member, v);
    this.to.set(member, s);
    return s;
  }
}

/** a member's value as JSON.stringify(…, null, 2) writes it when it is a string, a number, a boolean or null; else undefined */
function scalarText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    default: return v === null ? 'null' : undefined;
  }
}

const I5 = '\n          ';
/** a position's object at depth 6 (inside a range, inside a diagnostic) */
const positionText = (p: { line: number; character: number }) => `{\n              "line": ${p.line},\n              "character": ${p.character}\n            }`;

/**
 * A diagnostic's item at depth 4: the text nested(diagnosticJson(idx, d), 4) gives, byte for byte
 * (the contract; a test compares the two), written without making that object and without
 * JSON.stringify's general walk: a report of 10 000 diagnostics spends its time there otherwise.
 * A member whose value is not a plain scalar (never, from the analysis) goes the general way.
 */
function diagnosticText(idx: LineIndex, d: DocumentAnalysis['diagnostics'][number], words: LastJson): string {
  const message = cutText(d.message, MAX_CLI_MESSAGE_CHARS);
  const novaMessage = cutText(d.novaMessage, MAX_CLI_MESSAGE_CHARS);
  const summary = d.summary;
  const { code, severity, entry, path, novaStatus, span } = d;
  const kinds = [code, severity, message, entry, path, novaStatus, novaMessage, summary];
  for (const v of kinds) {
    if (v !== undefined && v !== null && typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) return nested(diagnosticJson(idx, d), 4);
  }
  const start = idx.position(span.offset);
  const end = idx.position(span.offset + span.length);
  let s = '{';
  let first = true;
  const member = (key: string, text: string | undefined) => {
    if (text === undefined) return;
    s += `${first ? '' : ','}${I5}"${key}": ${text}`;
    first = false;
  };
  member('code', words.of('code', code));
  member('severity', words.of('severity', severity));
  member('message', words.of('message', message));
  member('entry', scalarText(entry));
  member('path', scalarText(path));
  member('range', `{\n            "start": ${positionText(start)},\n            "end": ${positionText(end)}\n          }`);
  member('novaStatus', scalarText(novaStatus));
  member('novaMessage', words.of('novaMessage', novaMessage));
  if (summary) member('summary', scalarText(summary));
  return first ? '{}' : `${s}\n        }`;
}

/** An entry's item at depth 4, as JSON.stringify writes {index, driverClass} there (no object made for it). */
function entryText(index: unknown, driverClass: unknown): string {
  const i = JSON.stringify(index) as string | undefined;
  const c = driverClass === null ? 'null' : (JSON.stringify(driverClass) as string | undefined);
  if (i === undefined || c === undefined || c.includes('\n')) return nested({ index, driverClass }, 4);
  return `{\n          "index": ${i},\n          "driverClass": ${c}\n        }`;
}

/**
 * A diagnostic's message as text lines: Nova's words, then the explanation. Line breaks that a
 * rule's own wording has are kept; any other (from a value in the file) is escaped with the rest.
 */
function messageLines(d: DocumentAnalysis['diagnostics'][number]): string[] {
  const row = RULE_BY_ID.get(d.code);
  const parts = (d.novaMessage || d.explanation ? [d.novaMessage, d.explanation] : [d.message]).map((x) => x && cutText(x, MAX_CLI_MESSAGE_CHARS));
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    if (row && (part === row.nova || part === row.explain)) out.push(...part.split('\n').map(escapeValue));
    else out.push(escapeValue(part));
  }
  return out;
}

/** The text report of `check` (also what `xml` says on stderr for a body Nova refuses). */
export function toText(results: Outcome[]): string {
  let out = '';
  for (const r of results) {
    const file = escapeValue(r.file);
    if (!judged(r)) {
      out += `${file}: not checked (${r.error.code}: ${escapeValue(r.error.message)})\n`;
      continue;
    }
    const { text, analysis } = r;
    const idx = new LineIndex(text);
    preparePlaces(analysis);
    for (const d of analysis.diagnostics) {
      const p = idx.position(d.span.offset);
      const status = d.novaStatus ? ` (HTTP ${d.novaStatus})` : '';
      out += `${file}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code}${status}: ${messageLines(d).join('\n    ')}\n`;
    }
    const classes = analysis.entries.map((e) => `#${e.index} ${e.driverClass ?? '(no driver class)'}`).join(', ');
    const verdict = analysis.verdict ? ` (${analysis.verdict.httpStatus ? `Nova answers HTTP ${analysis.verdict.httpStatus}, ` : ''}${analysis.verdict.code})` : '';
    // a script, template or playbook: how many requests were judged (their entries are numbered per request)
    const noun = REQUEST_NOUN[analysis.language] ?? 'request';
    if (analysis.requests?.length === 0) { out += `${file}: no ${noun}\n`; continue; }
    const commands = analysis.requests ? `; ${analysis.requests.length} ${noun}${analysis.requests.length === 1 ? '' : 's'}` : '';
    out += `${file}: ${analysis.valid ? 'valid' : 'invalid'}${escapeLines(verdict)}${commands}${classes ? `; entries: ${escapeValue(classes)}` : ''}\n`;
  }
  return out;
}
