/**
 * How a large document's diagnostics cross from the document worker to the server's thread: as
 * JSON text (one string crosses threads far cheaper than a thousand objects), and against the
 * list the same document's previous answer carried, which both sides keep: a diagnostic that only
 * moved (same fields but its places, at the same index) goes as `[index, offset, length, ...the
 * offset and length of each related place]`, one whose places are the same too as part of a run
 * (a number), any other as itself. Typing moves most of them, or none.
 */
import type { AnalysisDiagnostic } from '../analyze';
import { movedCopy, movedFrom } from '../features/reuse';

type Moved = number[];

/**
 * The list as JSON: a number k for the next k diagnostics when each is the very one the last list
 * holds at its index (features/requests.ts diagnosticsOf keeps the previous one when nothing of
 * it changed), `[index, offset, length, ...]` for one that only moved, any other as itself.
 */
export function encodeDiagnostics(next: readonly AnalysisDiagnostic[], last: readonly AnalysisDiagnostic[] | undefined): string {
  const out: Array<AnalysisDiagnostic | Moved | number> = [];
  let run = 0;
  next.forEach((d, i) => {
    const was = last?.[i];
    if (was === d) {
      run++;
      return;
    }
    if (run) out.push(run);
    run = 0;
    if (!was || !onlyMoved(was, d)) return out.push(d);
    const moved = [i, d.span.offset, d.span.length];
    for (const r of d.related) moved.push(r.span.offset, r.span.length);
    out.push(moved);
  });
  if (run) out.push(run);
  return JSON.stringify(out);
}

/** null when the list refers to a previous list this side no longer holds (the document was closed meanwhile) */
export function decodeDiagnostics(json: string, last: readonly AnalysisDiagnostic[] | undefined): AnalysisDiagnostic[] | null {
  const items = JSON.parse(json) as Array<AnalysisDiagnostic | Moved | number>;
  const out: AnalysisDiagnostic[] = [];
  for (const x of items) {
    if (typeof x === 'number') {
      // the same diagnostics as the last list's at these indexes: the same objects
      if (!last || out.length + x > last.length) return null;
      for (let k = 0; k < x; k++) out.push(last[out.length]);
    } else if (Array.isArray(x)) {
      const was = last?.[x[0]];
      if (!was) return null;
      out.push(movedCopy(was, { offset: x[1], length: x[2] }, was.related.map((_, k) => ({ offset: x[3 + 2 * k], length: x[4 + 2 * k] }))));
    } else out.push(x);
  }
  return out;
}

/**
 * samePlaceless, answered at once for the same object or one known to be the other moved
 * (features/reuse.ts movedCopy): a version that changed nothing but places compares no field.
 */
export function onlyMoved(a: AnalysisDiagnostic, b: AnalysisDiagnostic): boolean {
  return a === b || movedFrom(b) === a || samePlaceless(a, b);
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
