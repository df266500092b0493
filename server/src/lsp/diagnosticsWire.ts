/**
 * How a large document's diagnostics cross from the document worker to the server's thread: as
 * JSON text (one string crosses threads far cheaper than a thousand objects), and against the
 * list the same document's previous answer carried, which both sides keep: a diagnostic that only
 * moved (same fields but its places, at the same index) goes as `[index, offset, length, ...the
 * offset and length of each related place]`, any other as itself. Typing moves most of them.
 */
import type { AnalysisDiagnostic } from '../analyze';

type Moved = number[];

export function encodeDiagnostics(next: readonly AnalysisDiagnostic[], last: readonly AnalysisDiagnostic[] | undefined): string {
  const out: Array<AnalysisDiagnostic | Moved> = next.map((d, i) => {
    const was = last?.[i];
    if (!was || !samePlaceless(was, d)) return d;
    const moved = [i, d.span.offset, d.span.length];
    for (const r of d.related) moved.push(r.span.offset, r.span.length);
    return moved;
  });
  return JSON.stringify(out);
}

/** null when the list refers to a previous list this side no longer holds (the document was closed meanwhile) */
export function decodeDiagnostics(json: string, last: readonly AnalysisDiagnostic[] | undefined): AnalysisDiagnostic[] | null {
  const items = JSON.parse(json) as Array<AnalysisDiagnostic | Moved>;
  if (items.some((x) => Array.isArray(x) && !last?.[x[0]])) return null;
  return items.map((x) => {
    if (!Array.isArray(x)) return x;
    const was = last![x[0]];
    return { ...was, span: { offset: x[1], length: x[2] }, related: was.related.map((r, k) => ({ span: { offset: x[3 + 2 * k], length: x[4 + 2 * k] }, message: r.message })) };
  });
}

/** every field equal but the places (plain diagnostics: primitives, spans and the related list) */
export function samePlaceless(a: AnalysisDiagnostic, b: AnalysisDiagnostic): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < kb.length; i++) {
    const k = kb[i] as keyof AnalysisDiagnostic;
    if (ka[i] !== k) return false;
    if (k === 'span') continue;
    if (k === 'related') {
      if (a.related.length !== b.related.length || a.related.some((r, j) => r.message !== b.related[j].message || Object.keys(r).length !== 2)) return false;
      continue;
    }
    const v = b[k];
    if (v !== null && typeof v === 'object') return false;
    if (a[k] !== v) return false;
  }
  return true;
}
