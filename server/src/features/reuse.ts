/**
 * Diagnostics' places reused from the previous version of a document. Typing inside a string
 * value (a name, a uuid, a device name) keeps the body's structure: every key, every array and
 * every other token stays, only shifted by the edit. A diagnostic the new analysis makes that the
 * previous one made too (same rule, path, entry and words, and no twin) then stands where it stood,
 * shifted: its place is not computed again (placing spans walks the text of what they point at).
 * A place touching the edit is computed afresh.
 */
import type { Node } from 'jsonc-parser';
import type { AnalysisDiagnostic } from '../analyze';
import { LazyNode } from '../parse/lazyTree';
import { editedString, type ParseBase, type SingleEdit } from '../parse/splice';
import type { Span } from '../text/span';

export type { SingleEdit } from '../parse/splice';

/** The previous version's published diagnostics (plain) and the edit that made this version. */
export interface Prior { diagnostics: AnalysisDiagnostic[]; edit: SingleEdit }

/** A previous state of a document: its text, tree and (once published) diagnostics. */
type PrevState = { text: string; analysis: { language: string; root: Node | undefined }; shown?: { diagnostics: AnalysisDiagnostic[] } };

/**
 * The previous version's text and tree with the one edit since, when that edit keeps the
 * structure (inside one plain string value: parse/splice.ts): the new version is then parsed from
 * it, and its diagnostics' places reused (priorOf). Undefined for anything else.
 */
export function editBaseOf(prev: PrevState | null | undefined, edits: ReadonlyArray<{ offset: number; length: number; text: string }> | null): ParseBase | undefined {
  if (!prev || prev.analysis.language !== 'json' || edits?.length !== 1) return undefined;
  const edit = { offset: edits[0].offset, oldLength: edits[0].length, text: edits[0].text };
  const found = editedString(prev.analysis.root, prev.text, edit);
  return found ? { text: prev.text, root: prev.analysis.root, edit, found } : undefined;
}

/**
 * What a new version of a JSON document may reuse of the previous one's diagnostics: the
 * previous state (its text, tree and published diagnostics) and the edits between; none unless
 * it is one edit that kept the structure (`base`, when the caller has worked it out already).
 */
export function priorOf(prev: PrevState | null | undefined, edits: ReadonlyArray<{ offset: number; length: number; text: string }> | null, base: ParseBase | undefined = editBaseOf(prev, edits)): Prior | undefined {
  if (!prev?.shown || !base) return undefined;
  return { diagnostics: prev.shown.diagnostics, edit: base.edit };
}

/** the same finding in the same words (rule, path, entry, status, message, related messages), their places aside */
function sameFinding(a: AnalysisDiagnostic, b: AnalysisDiagnostic): boolean {
  // (the entry first: neighbours, compared for twins, are mostly about different entries)
  if (a.entry !== b.entry || a.code !== b.code || a.severity !== b.severity || a.path !== b.path || a.novaStatus !== b.novaStatus) return false;
  if (a.message !== b.message || (a.summary ?? null) !== (b.summary ?? null) || a.related.length !== b.related.length) return false;
  for (let i = 0; i < a.related.length; i++) if (a.related[i].message !== b.related[i].message) return false;
  return true;
}

/**
 * For each new diagnostic, the previous version's place of the same finding at the same index
 * (the edit kept the structure, so the findings mostly stay in Nova's order), shifted by the
 * edit; null when the finding there differs, when a neighbour is its twin (same finding, maybe
 * another place), or when its place touches the edit: then it is computed.
 */
export function reusedPlaces(prior: Prior, next: readonly AnalysisDiagnostic[], root: Node | undefined): Array<{ span: Span; related: Span[] } | null> {
  // the new text must be a body JSON.parse accepted too (it is, when the edit kept the structure)
  if (!(root instanceof LazyNode)) return [];
  const { offset, oldLength, text } = prior.edit;
  const end = offset + oldLength;
  const delta = text.length - oldLength;
  const move = (s: Span): Span | null => (s.offset + s.length <= offset ? s : s.offset >= end ? { offset: s.offset + delta, length: s.length } : null);
  const old = prior.diagnostics;
  const same = next.map((d, i) => i < old.length && sameFinding(old[i], d));
  return next.map((d, i) => {
    if (!same[i]) return null;
    if ((i > 0 && sameFinding(next[i - 1], d)) || (i + 1 < next.length && sameFinding(next[i + 1], d))) return null;
    const was = old[i];
    const span = move(was.span);
    const related = was.related.map((r) => move(r.span));
    return span && related.every((r) => r) ? { span, related: related as Span[] } : null;
  });
}

/**
 * Plain diagnostics known to be another plain diagnostic moved: every field the same but the
 * places (a copy made by `movedCopy`, or by the document worker's wire, lsp/diagnosticsWire.ts).
 * Whoever compares the two (the wire's encoder, the publish) then need not compare their fields.
 */
const movedFromOf = new WeakMap<object, AnalysisDiagnostic>();

/** the diagnostic `d` is `was` moved (set only where that is known) */
export function movedFrom(d: AnalysisDiagnostic): AnalysisDiagnostic | undefined {
  return movedFromOf.get(d);
}

/** A plain diagnostic at new places: `was` itself when they are its own, else a copy that remembers `was`. */
export function movedCopy(was: AnalysisDiagnostic, span: Span, related: readonly Span[]): AnalysisDiagnostic {
  if (sameSpan(was.span, span) && was.related.every((r, k) => sameSpan(r.span, related[k]))) return was;
  // (the keys in the order `was` has them: the copy writes the same JSON but for the places)
  const copy: AnalysisDiagnostic = { ...was, span: { offset: span.offset, length: span.length }, related: was.related.map((r, k) => ({ span: { offset: related[k].offset, length: related[k].length }, message: r.message })) };
  movedFromOf.set(copy, was);
  return copy;
}

const sameSpan = (a: Span, b: Span): boolean => a.offset === b.offset && a.length === b.length;
