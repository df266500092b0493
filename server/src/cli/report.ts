/**
 * The JSON contract of `bdm-lab check` (also printed by `bdm-lab xml` for a body Nova refuses):
 * one module both import, so neither imports the other.
 */
import type { DocumentAnalysis } from '../document';
import { LineIndex } from '../text/lineIndex';

/** Why a file has no verdict (unreadable) or no usable one (unparseable). */
export type FileError = { code: string; message: string };
/** `total`: the number of problems before the --max-problems cap */
export type Result = { file: string; text: string; analysis: DocumentAnalysis; total?: number; error?: FileError };
export type Unread = { file: string; error: FileError };
export type Outcome = Result | Unread;
export const judged = (r: Outcome): r is Result => 'analysis' in r;

export function range(idx: LineIndex, span: { offset: number; length: number }) {
  return { start: idx.position(span.offset), end: idx.position(span.offset + span.length) };
}

/**
 * The JSON contract: `files[]` with file, valid, diagnostics, entries. Extensions (added, never
 * changed): `totalDiagnostics` (the count before the --max-problems cap) and, for a file that
 * could not be read or parsed, `error: {code, message}` (an unreadable one has valid false and
 * empty diagnostics and entries).
 */
export function toJson(results: Outcome[]) {
  return {
    files: results.map((r) => {
      if (!judged(r)) return { file: r.file, valid: false, diagnostics: [], entries: [], totalDiagnostics: 0, error: r.error };
      const { file, text, analysis } = r;
      const idx = new LineIndex(text);
      return {
        file,
        valid: analysis.valid,
        diagnostics: analysis.diagnostics.map((d) => ({
          code: d.code,
          severity: d.severity,
          message: d.message,
          entry: d.entry,
          path: d.path,
          range: range(idx, d.span),
          novaStatus: d.novaStatus,
        })),
        entries: analysis.entries.map((e) => ({ index: e.index, driverClass: e.driverClass })),
        totalDiagnostics: r.total ?? analysis.diagnostics.length,
        ...(r.error ? { error: r.error } : {}),
      };
    }),
  };
}

