/**
 * Quick fixes on a HOT template, for the obvious cases: remove a key Heat does not know (the
 * "Unknown Property" refusal), and give a second bootable device its `boot_index` when Heat
 * finds several bootable sources (the image and a volume without boot_index), and name a
 * condition the template defines where Heat finds no such condition.
 */
import type { Span } from '../../text/span';
import type { SourceFix, SourceFinding } from '../doc';
import type { HeatTranslation } from './translate';
import { entry, parseTemplate } from './template';

/** what a fix reads of the request (FixableDoc) */
export interface FixableDoc {
  text: string;
  findings: readonly SourceFinding[];
  translation: HeatTranslation;
}

/** the whole line(s) of a `key: value` entry, so removing it leaves valid YAML */
function lineOf(text: string, span: Span): Span {
  const start = text.lastIndexOf('\n', span.offset - 1) + 1;
  let end = text.indexOf('\n', span.offset + span.length);
  end = end < 0 ? text.length : end + 1;
  return { offset: start, length: end - start };
}

function unknownKey(doc: FixableDoc, d: { span: Span }): SourceFix[] {
  const detail = doc.findings[0]?.args?.detail;
  const m = typeof detail === 'string' ? /Unknown Property (\S+)$/.exec(detail) : null;
  if (!m) return [];
  const line = lineOf(doc.text, d.span);
  const head = doc.text.slice(line.offset, d.span.offset);
  // a key that opens a list item (`- source_type: x`): keep the dash for the item's other keys
  if (/^\s*-\s*$/.test(head)) {
    const next = doc.text.slice(line.offset + line.length).match(/^(\s*)\S/);
    if (!next || next[1].length !== head.length) return [];
    return [{ title: `Remove the unknown property '${m[1]}'`, edits: [{ span: { offset: d.span.offset, length: line.offset + line.length + head.length - d.span.offset }, newText: '' }], preferred: true }];
  }
  if (!/^\s*$/.test(head)) return [];
  return [{ title: `Remove the unknown property '${m[1]}'`, edits: [{ span: line, newText: '' }], preferred: true }];
}

/** for "Multiple bootable sources": each v2 entry with a bootable source and no boot_index gets `boot_index: -1` */
function addBootIndex(doc: FixableDoc): SourceFix[] {
  const list = doc.translation.props?.block_device_mapping_v2?.list ?? [];
  const fixes: SourceFix[] = [];
  for (const m of list) {
    const src = ['volume_id', 'snapshot_id', 'image', 'image_id'].map((k) => m.map?.[k]?.node).find((n) => n?.keySpan);
    if (!src?.keySpan || m.map?.boot_index?.node) continue;
    const line = lineOf(doc.text, src.keySpan);
    const col = src.keySpan.offset - line.offset;
    const indent = ' '.repeat(col);
    fixes.push({ title: `Add boot_index: -1 to the entry of ${src.keySpan && doc.text.slice(src.keySpan.offset, src.keySpan.offset + src.keySpan.length)} (a data disk, not a boot disk)`, edits: [{ span: { offset: line.offset + line.length, length: 0 }, newText: `${indent}boot_index: -1\n` }] });
  }
  return fixes.length === 1 ? [{ ...fixes[0], preferred: true }] : fixes;
}

/** Levenshtein distance (small strings) */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** for `Invalid condition "x"` written as a name: the conditions the template defines, the closest preferred */
function conditionName(doc: FixableDoc, d: { span: Span }): SourceFix[] {
  const detail = doc.findings[0]?.args?.detail;
  const m = typeof detail === 'string' ? /Invalid condition "([^"]*)"$/.exec(detail) : null;
  if (!m || doc.text.slice(d.span.offset, d.span.offset + d.span.length).replace(/^['"]|['"]$/g, '') !== m[1]) return [];
  const tmpl = parseTemplate(doc.text);
  const names = (entry(tmpl.root ?? undefined, 'conditions')?.entries ?? []).map(([k]) => k).filter((k) => k !== m[1]);
  const ranked = names.map((n) => ({ n, d: distance(n, m[1]) })).sort((a, b) => a.d - b.d).slice(0, 5);
  return ranked.map(({ n }, i) => ({ title: `Use the condition '${n}'`, edits: [{ span: d.span, newText: n }], preferred: i === 0 && ranked[0].d <= 2 && (ranked.length === 1 || ranked[1].d > ranked[0].d) }));
}

export function heatFixes(doc: FixableDoc, d: { code: string; span: Span; path: string; entry: number | null }): SourceFix[] {
  if (d.code === 'BDM-HEAT-PROPERTY') return unknownKey(doc, d);
  if (d.code === 'BDM-HEAT-TEMPLATE') return conditionName(doc, d);
  const detail = doc.findings[0]?.args?.detail;
  if (d.code === 'BDM-HEAT-VALIDATE' && typeof detail === 'string' && detail.startsWith('Multiple bootable sources')) return addBootIndex(doc);
  return [];
}
