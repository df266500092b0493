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

/** What a request is called in each kind of text that holds them: one, several. */
const REQUEST_NOUN: Partial<Record<string, readonly [string, string]>> = {
  shell: ['openstack server create or add volume command', 'openstack server create or add volume commands'],
  markdown: ['openstack server create or add volume command', 'openstack server create or add volume commands'],
  // a Heat template's servers and volume attachments, an Ansible playbook's tasks
  yaml: ['server, volume attachment or task', 'servers, volume attachments or tasks'],
  terraform: ['openstack_compute_instance_v2 or openstack_compute_volume_attach_v2 resource', 'openstack_compute_instance_v2 and openstack_compute_volume_attach_v2 resources'],
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
 * A file's diagnostics and entries are written one after another, each item as one
 * concatenation of constant text and its values (diagnosticText, entryText: a check runs on V8's
 * interpreter and baseline compiler, where each call and closure of a general writer costs);
 * everything else (small) as toJson has it.
 */
export function writeJsonReport(results: Outcome[], write: (text: string) => void): void {
  let out = '';
  // a piece is whole values and punctuation: a surrogate pair is never cut in two
  const flush = () => {
    if (out.length >= CHUNK_CHARS) {
      write(escapeJsonRaw(out));
      out = '';
    }
  };
  // {"files": [ each file at depth 2 ]}
  out += results.length ? '{\n  "files": [' : '{\n  "files": []';
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    out += i ? ',\n    ' : '\n    ';
    if (!judged(r)) { out += nested(unreadJson(r), 2); flush(); continue; }
    const idx = new LineIndex(r.text);
    preparePlaces(r.analysis);
    // the file's object: its small members as toJson has it, its two long lists item by item
    const head = fileHead(r);
    out += `{\n      "file": ${nested(head.file, 3)},\n      "valid": ${nested(head.valid, 3)},\n      "diagnostics": `;
    const { diagnostics, entries } = r.analysis;
    if (!diagnostics.length) out += '[]';
    else {
      const words = new LastWords();
      for (let k = 0; k < diagnostics.length; k++) {
        out += (k ? ITEM_AFTER : ITEM_FIRST) + diagnosticText(idx, diagnostics[k]!, words);
        flush();
      }
      out += LIST_END;
    }
    out += ',\n      "entries": ';
    if (!entries.length) out += '[]';
    else {
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k]!;
        out += (k ? ITEM_AFTER : ITEM_FIRST) + entryText(e.index, e.driverClass);
        flush();
      }
      out += LIST_END;
    }
    const tail = fileTail(r, idx);
    for (const [key, value] of Object.entries(tail)) {
      if (value !== undefined) out += `,\n      ${JSON.stringify(key)}: ${nested(value, 3)}`;
    }
    out += '\n    }';
    flush();
  }
  write(escapeJsonRaw(`${out}${results.length ? '\n  ]' : ''}\n}\n`));
}

/** a list at depth 3 (a file's member), its items at depth 4: what comes before the first item, before each other, and after the last */
const ITEM_FIRST = '[\n        ';
const ITEM_AFTER = ',\n        ';
const LIST_END = '\n      ]';

/**
 * JSON.stringify of a string a report repeats (a rule's words, shared by thousands of its
 * diagnostics): the last text kept, compared by identity first (the same string object,
 * diagnostic after diagnostic), then by value.
 */
class LastText {
  private last: string | undefined = undefined;
  private text = '';
  of(v: string): string {
    if (v !== this.last) { this.last = v; this.text = JSON.stringify(v); }
    return this.text;
  }
}

/** the last texts of a diagnostic's repeated members */
class LastWords {
  readonly code = new LastText();
  readonly severity = new LastText();
  readonly message = new LastText();
  readonly nova = new LastText();
}

/** a whole number or null: what String() writes as JSON.stringify does (-0 included: both write 0) */
const intOrNull = (v: unknown): v is number | null => v === null || Number.isInteger(v);

// a diagnostic's item at depth 4, its members at depth 5, its range's at 6 and 7: the constant text between the values
const D_CODE = '{\n          "code": ';
const D_SEVERITY = ',\n          "severity": ';
const D_MESSAGE = ',\n          "message": ';
const D_ENTRY = ',\n          "entry": ';
const D_PATH = ',\n          "path": ';
const D_START_LINE = ',\n          "range": {\n            "start": {\n              "line": ';
const D_CHARACTER = ',\n              "character": ';
const D_END_LINE = '\n            },\n            "end": {\n              "line": ';
const D_RANGE_END = '\n            }\n          },\n          "novaStatus": ';
const D_NOVA = ',\n          "novaMessage": ';
const D_SUMMARY = ',\n          "summary": ';
const D_END = '\n        }';

/**
 * A diagnostic's item at depth 4: the text nested(diagnosticJson(idx, d), 4) gives, byte for byte
 * (the contract; a test compares the two), written without making that object and without
 * JSON.stringify's general walk: a report of 10 000 diagnostics spends its time there otherwise.
 * A diagnostic whose members are not the strings, whole numbers and nulls an analysis gives
 * (never, from the analysis) goes the general way.
 */
function diagnosticText(idx: LineIndex, d: DocumentAnalysis['diagnostics'][number], words: LastWords): string {
  const { code, severity, entry, path, novaStatus, span, summary } = d;
  const message = cutText(d.message, MAX_CLI_MESSAGE_CHARS);
  const novaMessage = cutText(d.novaMessage, MAX_CLI_MESSAGE_CHARS);
  if (typeof code !== 'string' || typeof severity !== 'string' || typeof message !== 'string' || typeof path !== 'string' || typeof novaMessage !== 'string'
    || !intOrNull(entry) || !intOrNull(novaStatus) || (summary !== undefined && typeof summary !== 'string')) return nested(diagnosticJson(idx, d), 4);
  const offset = span.offset;
  const start = idx.position(offset);
  const end = idx.position(offset + span.length);
  return D_CODE + words.code.of(code) + D_SEVERITY + words.severity.of(severity) + D_MESSAGE + words.message.of(message)
    + D_ENTRY + entry + D_PATH + JSON.stringify(path)
    + D_START_LINE + start.line + D_CHARACTER + start.character + D_END_LINE + end.line + D_CHARACTER + end.character
    + D_RANGE_END + novaStatus + D_NOVA + words.nova.of(novaMessage) + (summary ? D_SUMMARY + JSON.stringify(summary) : '') + D_END;
}

const E_INDEX = '{\n          "index": ';
const E_CLASS = ',\n          "driverClass": ';

/** An entry's item at depth 4, as JSON.stringify writes {index, driverClass} there (no object made for it). */
function entryText(index: unknown, driverClass: unknown): string {
  // a whole number, and null or a string (JSON.stringify escapes every line break in a string)
  if (Number.isInteger(index) && (driverClass === null || typeof driverClass === 'string')) {
    return E_INDEX + (index as number) + E_CLASS + (driverClass === null ? 'null' : JSON.stringify(driverClass)) + D_END;
  }
  return nested({ index, driverClass }, 4);
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
    const [one, many] = REQUEST_NOUN[analysis.language] ?? ['request', 'requests'];
    if (analysis.requests?.length === 0) { out += `${file}: no ${one}\n`; continue; }
    const commands = analysis.requests ? `; ${analysis.requests.length} ${analysis.requests.length === 1 ? one : many}` : '';
    out += `${file}: ${analysis.valid ? 'valid' : 'invalid'}${escapeLines(verdict)}${commands}${classes ? `; entries: ${escapeValue(classes)}` : ''}\n`;
  }
  return out;
}
