/**
 * What every editor request on a document answers, as plain data with offset spans: one code
 * path for the language server's own thread (small documents) and the document worker (large
 * ones, lsp/documentWorker.ts). No LSP type here: the server turns spans into ranges and the
 * kinds below into LSP enums. Everything a request needs comes in a DocState; nothing is read
 * from files or settings here (the lab host comes resolved).
 */
import type { DocumentAnalysis, RequestInfo } from '../document';
import { capDiagnostics, holdsRequests } from '../document';
import { findNodeAtOffset } from 'jsonc-parser';
import { onlyPythonRefuses } from '../parse/json';
import { appendAll } from '../rules/finding';
import { locationAt } from './location';
import bdmSnippets from '../../../snippets/bdm.json';
import type { AnalysisDiagnostic } from '../analyze';
import { cutText, MAX_CLI_MESSAGE_CHARS } from '../model/diagnostic';
import type { Context } from '../model/context';
import type { Span } from '../text/span';
import { hoverJson } from './hover';
import { attachDiskMarkdown } from './attachHover';
import { outline } from './symbols';
import { completeJson, type InventoryItem } from './completion';
import { previewOf, entryPreviewOf, entryGround, previewDocument, entryPreviewMarkdown, type Preview, type EntryPreviewInfo, type NovaConfError, type KeptGround, type DeploymentSources } from './preview';
import { quickFixes, refactorings, type QuickFix } from './codeActions';
import { hoverAt as xmlHoverAt, completeAt as xmlCompleteAt } from '../libvirtxml';
import { simulateBoot, renderBootText, AttachInputError, type LabHost, type BootResult, type SimulateSettings } from '../attach';
import type { Hashes } from '../ports';
import { movedCopy, reusedPlaces, type Prior } from './reuse';

/** A lab host as the server resolved it (lsp/labHosts.ts): the host, or why there is none. */
export interface LabInfo {
  name: string;
  labHost: LabHost | null;
  problem: string | null;
}

/** One version of one document, judged. */
export interface DocState {
  text: string;
  analysis: DocumentAnalysis;
  context: Context;
  /** over bdmLab.maxFileSize: not read, no request answers anything on it */
  tooLarge: boolean;
  /** read only by the requests that need it (a getter on the server's thread) */
  readonly lab: LabInfo;
  /** computed on the first request that needs it, then kept for this version */
  preview?: Preview;
  /** a document holding requests: each request's preview, computed when first hovered */
  requestPreviews?: Map<number, Preview>;
  /** a body's entries hovered before its whole preview was needed: each entry's own (features/preview.ts entryPreviewOf) */
  entryPreviews?: Map<number, Preview | null>;
  /** what those entries' previews share (Nova's names, the disks' plan), worked out once; `previous`: the version before's, reused when it was worked out from the same BDMs and inputs */
  entryPreviewGround?: KeptGround;
  /** the host's hashes (the preview's and the simulation's digests): the thread that holds the state fills it */
  readonly hashes: Hashes;
  /** the previous version's diagnostics and the edit since, when the edit kept the body's structure (features/reuse.ts) */
  prior?: Prior;
  /** this version's diagnostics as published (plain, capped at `max`), kept for the next version's reuse */
  shown?: { max: number; diagnostics: AnalysisDiagnostic[] };
}

export interface HoverAnswer { markdown: string; span: Span }
export interface SymbolAnswer { name: string; detail: string; kind: 'entry' | 'disk'; span: Span }
export interface CompletionAnswer {
  label: string;
  /** 'snippet': insertText uses VS Code's snippet syntax (${1:placeholder}) */
  kind: 'class' | 'property' | 'value' | 'snippet';
  detail?: string;
  /** markdown */
  documentation?: string;
  insertText?: string;
  /** the text the insert replaces (then insertText is the new text) */
  replace?: Span;
  sortText?: string;
}
export interface CodeLensAnswer { span: Span; title: string; command: string; arguments: unknown[] }
/** A diagnostic the client sent back with a code-action request, located by its start offset. */
export interface DiagnosticRef { code: string; offset: number }
export interface CodeActionAnswer {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  /** index into the DiagnosticRef list the action fixes, or null (a refactoring) */
  diagnostic: number | null;
  preferred?: boolean;
  edits: Array<{ span: Span; newText: string }>;
  command?: { title: string; command: string; arguments: unknown[] };
  /** listed without its edits (asked lazily): `codeActionEdits` works them out when the client resolves it */
  resolve?: true;
}
export interface PreviewAnswer { xml: string; json: { entries: EntryPreviewInfo[]; implicit: EntryPreviewInfo[]; buildError: string | null; novaConfError: NovaConfError | null; deployment?: DeploymentSources } | null }
export type BootAnswer = { kind: 'boot'; result: BootResult; text: string; labHost: string } | { error: string };

/** At most this many symbols and code lenses: the editor shows no more usefully. */
export const MAX_SYMBOLS = 5000;
export const MAX_CODE_LENSES = 500;

const plain = (s: Span): Span => ({ offset: s.offset, length: s.length });

/** The diagnostics to publish, capped, as plain values (lazy spans and messages computed here). */
export function diagnosticsOf(s: DocState, max: number): AnalysisDiagnostic[] {
  if (s.shown?.max === max) return s.shown.diagnostics;
  // The editor's JSON support already marks every syntax error Nova's parser shares with it:
  // publishing them again would show each twice. Only what Python alone refuses is said here.
  const shown = capDiagnostics(s.analysis.diagnostics.filter((d) => d.code !== 'BDM-JSON-SYNTAX' || onlyPythonRefuses(d.message)), max);
  // typing inside a string value: the places of the findings that stay are the previous ones, shifted
  const prior = s.prior;
  const places = prior ? reusedPlaces(prior, shown, s.analysis.root) : [];
  const diagnostics = shown.map((d, i) => {
    const place = places[i];
    // the same finding in the same words: the previous plain diagnostic itself (or its copy at
    // the new places), so that the wire and the publish see at once that only places changed
    const was = place && prior!.diagnostics[i];
    if (was && samePlainWords(d, was)) return movedCopy(was, place.span, place.related);
    return plainDiagnostic(d, place ?? null);
  });
  s.prior = undefined;
  s.shown = { max, diagnostics };
  return diagnostics;
}

/**
 * At most this many characters of a message in the editor. Nova prints the whole value of the
 * object it refuses ("Value: {...}"), and one refusal of many keys is a finding at each of them:
 * a 1 MB body with 1 000 unexpected keys made a gigabyte of messages (RangeError: Invalid string
 * length) where the editor shows a few lines. The CLI cuts at MAX_CLI_MESSAGE_CHARS.
 */
export const MAX_MESSAGE_CHARS = 5_000;
export function cutMessage(m: string): string {
  // (the CLI's own cut, said as it is: past it, check does not print the whole message either)
  return m.length <= MAX_MESSAGE_CHARS ? m : cutText(m, MAX_MESSAGE_CHARS, CLI_CUT_NOTE);
}
/** written once: toLocaleString per message cost every publish ~0.7 µs per message */
const CLI_CUT_NOTE = `bdm-lab check prints up to ${thousands(MAX_CLI_MESSAGE_CHARS)} characters`;

/** An integer with a comma between thousands (20,000), as en-US writes it. */
function thousands(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return out;
}

/** the fields of model/diagnostic.ts's diagnostics as plainDiagnostic writes them (toJSON's), places aside */
const ROW_FIELDS = new Set(['code', 'severity', 'message', 'novaMessage', 'summary', 'explanation', 'span', 'entry', 'path', 'novaStatus', 'upstream', 'related']);

/** plain diagnostics seen to have exactly ROW_FIELDS (a kept one is compared again at every version) */
const rowShaped = new WeakSet<object>();

/**
 * `d` written as a plain diagnostic (plainDiagnostic) would be `was` but for its places: its
 * fields read and compared, nothing written. Only for model/diagnostic.ts's diagnostics (a
 * toJSON, every field a primitive but the places) when `was` has exactly their fields; anything
 * else is written out.
 */
function samePlainWords(d: AnalysisDiagnostic, was: AnalysisDiagnostic): boolean {
  if (typeof (d as { toJSON?: unknown }).toJSON !== 'function') return false;
  const summary = d.summary || undefined;
  if (!rowShaped.has(was)) {
    const keys = Object.keys(was);
    if (keys.length !== (was.summary === undefined ? ROW_FIELDS.size - 1 : ROW_FIELDS.size) || !keys.every((k) => ROW_FIELDS.has(k))) return false;
    rowShaped.add(was);
  }
  if (d.code !== was.code || d.severity !== was.severity || d.entry !== was.entry || d.path !== was.path || d.novaStatus !== was.novaStatus || d.upstream !== was.upstream || summary !== was.summary) return false;
  if (d.explanation !== was.explanation || cutMessage(d.message) !== was.message || cutMessage(d.novaMessage) !== was.novaMessage) return false;
  return sameRelatedWords(d.related, was.related);
}

/** the same related messages (a loop: no element is read when there are none, as mostly) */
function sameRelatedWords(a: AnalysisDiagnostic['related'], b: AnalysisDiagnostic['related']): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k].message !== b[k].message) return false;
  return true;
}

/**
 * A diagnostic as plain values: what JSON.parse(JSON.stringify(d)) gives, without writing the
 * text (its toJSON's fields, spans as offset and length, no undefined field); `place`: its spans
 * already known (not computed).
 */
function plainDiagnostic(d: AnalysisDiagnostic, place: { span: Span; related: Span[] } | null): AnalysisDiagnostic {
  const j = typeof (d as { toJSON?: unknown }).toJSON === 'function' ? (d as unknown as { toJSON(): AnalysisDiagnostic }).toJSON() : d;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(j) as Array<keyof AnalysisDiagnostic>) {
    const v = j[k];
    if (v === undefined || typeof v === 'function') continue;
    if (k === 'span') out[k] = plain(place ? place.span : (v as Span));
    else if (k === 'related') out[k] = (v as AnalysisDiagnostic['related']).map((r, i) => ({ span: plain(place ? place.related[i] : r.span), message: r.message }));
    else if (typeof v === 'string' && (k === 'message' || k === 'novaMessage')) out[k] = cutMessage(v);
    else if (v !== null && typeof v === 'object') out[k] = JSON.parse(JSON.stringify(v));
    else out[k] = v;
  }
  return out as unknown as AnalysisDiagnostic;
}

export function previewFor(s: DocState): Preview | null {
  const a = s.analysis;
  if (a.language === 'json') {
    if (!a.kind || a.kind === 'attach') return null;
    if (!s.preview) s.preview = previewOf(a, s.context, s.lab.labHost, s.hashes);
    return s.preview;
  }
  // a script, template or playbook: its one request (with several, the hover previews each)
  return a.requests?.length === 1 ? requestPreview(s, 0) : null;
}

/**
 * What the hover on one entry of a body needs: the whole preview when this version has it,
 * else the entry's own (its names and its <disk> only: the first hover after an edit of a big
 * body does not write every disk), kept for this version.
 */
function entryPreviewFor(s: DocState, entry: number): Preview | null {
  const a = s.analysis;
  if (s.preview || a.language !== 'json') return previewFor(s);
  if (!a.kind || a.kind === 'attach') return null;
  s.entryPreviews ??= new Map();
  let p = s.entryPreviews.get(entry);
  if (p === undefined) s.entryPreviews.set(entry, (p = entryPreviewOf(a, s.context, s.lab.labHost, s.hashes, entry, (s.entryPreviewGround ??= {}))));
  return p;
}

/**
 * The largest body whose entries' hovers get a ground of their own worked out ahead of a hover
 * (entryHoverSteps): past it, working one out costs about as much as judging, and while the
 * entries change every keystroke would pay it twice (the next version's judging waiting for it);
 * a larger body only carries the previous version's ground when its BDMs are the same (the first
 * hover works a new one out).
 */
export const PREPARE_MAX_ENTRIES = 5_000;

/**
 * Works out, ahead of any hover, what the entries' hovers of this version share (Nova's names,
 * the entries' places, the disks' plan: entryPreviewFor), so that the first hover after an edit
 * writes only its own entry; nothing for anything but a body's entries, or once the whole preview
 * is kept. One step at a time: between steps (each `yield`) the caller may answer the requests
 * that came meanwhile (the document worker does), which then need not wait for the rest. Past
 * PREPARE_MAX_ENTRIES only the previous version's ground is taken up.
 */
export function* entryHoverSteps(s: DocState): Generator<void, void, void> {
  const a = s.analysis;
  const first = a.entries[0];
  if (s.tooLarge || s.preview || a.language !== 'json' || !a.kind || a.kind === 'attach' || !first) return;
  // the ground: Nova's names, the volumes' connection_info (past PREPARE_MAX_ENTRIES only the previous version's:
  // without it nothing is got ready, and the first hover works it all out)
  if (!entryGround(a, s.context, s.lab.labHost, s.hashes, (s.entryPreviewGround ??= {}), a.entries.length > PREPARE_MAX_ENTRIES)) return;
  yield;
  // every entry's place, in order (parse/lazyTree.ts: each from the previous version's tree, or
  // one walk of the list going on from the entry before), and the nodes a hover passes on its way
  // down to an entry (features/hover.ts: findNodeAtOffset, locationAt): the hover then walks only
  // the text of the entry it is on, and the next version reads every entry's place from this one
  for (const e of a.entries) void e.span.offset;
  if (a.root) {
    findNodeAtOffset(a.root, first.span.offset, true);
    locationAt(a.root, s.text, first.span.offset);
  }
  yield;
  // the disks' plan, and the first entry's preview with it
  entryPreviewFor(s, first.index);
}

/** entryHoverSteps all at once (the server's thread, after a small document's diagnostics). */
export function prepareEntryHovers(s: DocState): void {
  for (const step of entryHoverSteps(s)) void step;
}

/** The preview of one request of a document that holds requests, computed once per version. */
function requestPreview(s: DocState, index: number): Preview | null {
  const q = s.analysis.requests?.[index];
  if (!q?.analysis || q.body === null || q.analysis.kind === 'attach') return null;
  s.requestPreviews ??= new Map();
  let p = s.requestPreviews.get(index);
  if (!p) s.requestPreviews.set(index, (p = previewOf(q.analysis, s.context, s.lab.labHost, s.hashes)));
  return p;
}

/** A code fence that no backtick run in `text` closes early (the text comes from the document). */
function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

const within = (span: Span, offset: number): boolean => offset >= span.offset && offset <= span.offset + span.length;

/**
 * On a request of a script, template or playbook (a command, a resource, a task): on one of its
 * block devices, that entry's driver class, device name and <disk> XML; elsewhere, what its tool
 * sends to Nova (the body and microversion) or its refusal, and one line per entry.
 */
function requestHover(s: DocState, offset: number): HoverAnswer | null {
  const requests = s.analysis.requests ?? [];
  // the innermost request at the offset (a loop item's text lies within its task's)
  let index = -1;
  requests.forEach((r, i) => {
    if (within(r.span, offset) && (index < 0 || r.span.length < requests[index]!.span.length)) index = i;
  });
  const q = requests[index];
  if (!q) return null;
  if (q.toolError !== null) {
    return { markdown: `**${q.toolLabel}** refuses this and sends nothing to Nova:\n\n${fenced(q.toolError)}`, span: q.span };
  }
  const p = requestPreview(s, index);
  const entry = q.analysis?.entries.find((e) => within(e.span, offset));
  const one = entry && p ? entryPreviewMarkdown(p, entry.index) : null;
  if (entry && one) return { markdown: `**${q.toolLabel}** · entry ${entry.index}${entry.driverClass ? ` · \`${entry.driverClass}\`` : ''}\n\n${one}`, span: entry.span };
  const api = q.analysis?.kind === 'attach' ? 'POST /servers/{server_id}/os-volume_attachments' : 'POST /servers';
  const lines = [`**${q.toolLabel}** sends \`${api}\` at microversion ${q.microversion}${q.valid ? '' : ' (refused: see the diagnostics)'}:`, '', fenced(JSON.stringify(q.body, null, 2), 'json')];
  const rows = (p?.entries ?? []).map((e) => `- entry ${e.entry}: ${e.driverClass ? `\`${e.driverClass}\` — ` : ''}${e.what}${e.deviceName ? ` → \`${e.deviceName}\` on \`${e.bus}\`` : ''}`);
  if (rows.length) lines.push('', ...rows);
  if (p?.buildError) lines.push('', `⚠ The compute node would fail the build: ${p.buildError}`);
  if (p?.novaConfError) lines.push('', `⚠ ${p.novaConfError.message}`);
  lines.push('', 'Images, volumes, flavors and networks named by name are looked up in the cloud: their ids here are stand-ins.');
  return { markdown: lines.join('\n'), span: q.span };
}

export function hoverOf(s: DocState, offset: number): HoverAnswer | null {
  if (s.tooLarge) return null;
  const a = s.analysis;
  let h: HoverAnswer | null;
  if (a.language === 'xml') {
    if (!a.xmlDisks && !a.diagnostics.length) return null;
    h = xmlHoverAt(s.text, offset);
  } else if (holdsRequests(a.language)) {
    h = requestHover(s, offset);
  } else {
    h = hoverJson(a, s.text, offset, s.context, (entry) => {
      // a volumeAttachment: the lab host's <disk> XML for it (features/attachHover.ts)
      if (a.kind === 'attach') return attachDiskMarkdown(s, () => ({ analysis: a, lab: s.lab, microversion: s.context.microversion, hashes: s.hashes }));
      const p = entryPreviewFor(s, entry);
      return p ? entryPreviewMarkdown(p, entry) : null;
    });
  }
  return h ? { markdown: h.markdown, span: plain(h.span) } : null;
}

export function symbolsOf(s: DocState): SymbolAnswer[] {
  return outline(s.analysis).slice(0, MAX_SYMBOLS).map((o) => ({ name: o.name, detail: o.detail, kind: o.kind, span: plain(o.span) }));
}

/** ids the lab host knows (images, volumes, snapshots), for uuid completion */
export function inventoryOf(lab: LabHost | null): InventoryItem[] {
  if (!lab) return [];
  return [
    ...lab.images.map((i) => ({ id: i.id, name: i.name, sizeGb: i.size_gib, kind: 'image' as const })),
    ...lab.volumes.map((v) => ({ id: v.id, name: v.name, sizeGb: v.size, kind: 'volume' as const })),
    ...lab.snapshots.map((sn) => ({ id: sn.id, sizeGb: sn.size, kind: 'snapshot' as const })),
  ];
}

export function completionsOf(s: DocState, offset: number): CompletionAnswer[] {
  if (s.tooLarge) return [];
  const a = s.analysis;
  if (a.language === 'xml') {
    if (!a.xmlDisks && !a.diagnostics.length) return [];
    return xmlCompleteAt(s.text, offset).map((c) => ({ label: c.label, kind: c.kind === 'element' ? 'class' : c.kind === 'attribute' ? 'property' : 'value', detail: c.detail, insertText: c.insertText }));
  }
  // a script, template or playbook: its requests are judged, but no JSON key, value or snippet fits there
  if (holdsRequests(a.language)) return [];
  const items: CompletionAnswer[] = completeJson(a, s.text, offset, s.context, inventoryOf(s.lab.labHost)).map((c) => ({
    label: c.label,
    kind: c.kind,
    detail: c.detail,
    documentation: c.documentation,
    insertText: c.insertText,
    replace: c.replace ? plain(c.replace) : undefined,
    sortText: c.sortText,
  }));
  // The bdm-* snippets only where a body is (or is about to be) written: a recognised body, a
  // file the bdmLab.files glob names, or an empty file; never in another JSON file. And only
  // where no key or value fits (a snippet is a whole entry or body, never inside one).
  if ((a.kind || s.text.trim() === '') && (items.length === 0 || startsArrayItem(s, offset))) appendAll(items, BDM_SNIPPETS);
  return items;
}

/** The cursor is where an array item starts (not in an object's key or value): a whole entry fits. */
function startsArrayItem(s: DocState, offset: number): boolean {
  const loc = locationAt(s.analysis.root, s.text, offset);
  return typeof loc.path[loc.path.length - 1] === 'number' && !loc.isAtPropertyKey && (!loc.previousNode || loc.previousNode.type === 'array');
}

/** snippets/bdm.json as completion items (VS Code's snippet syntax, inserted as a snippet). */
const BDM_SNIPPETS: CompletionAnswer[] = Object.values(bdmSnippets as Record<string, { prefix: string; description: string; body: string[] }>).map((sn) => ({
  label: sn.prefix,
  kind: 'snippet',
  detail: sn.description,
  insertText: sn.body.join('\n'),
  sortText: `~${sn.prefix}`,
}));

/** Simulate Attach acts, so it is offered only in a trusted workspace. */
export function codeLensesOf(s: DocState, uri: string, trusted: boolean): CodeLensAnswer[] {
  const a = s.analysis;
  if (holdsRequests(a.language)) return requestLenses(a, uri, trusted);
  if (a.language !== 'json' || !a.kind || a.diagnostics.some((d) => d.code === 'BDM-JSON-SYNTAX')) return [];
  if (a.kind === 'attach') {
    if (!trusted) return [];
    return [{ span: { offset: a.source?.locate([], 'start')?.offset ?? 0, length: 1 }, title: '$(play) Simulate Attach', command: 'bdmLab.simulateAttach', arguments: [uri] }];
  }
  const lenses: CodeLensAnswer[] = a.entries.slice(0, MAX_CODE_LENSES).map((e) => ({
    span: { offset: e.span.offset, length: 0 },
    title: `Preview libvirt XML${e.driverClass ? ` · ${e.driverClass}` : ''}`,
    command: 'bdmLab.previewDomainDisks',
    arguments: [uri, e.index],
  }));
  const top = a.kind === 'server' ? a.source?.locate([], 'start') : undefined;
  if (top && trusted) {
    lenses.unshift({ span: { offset: top.offset, length: 0 }, title: '$(play) Simulate Attach (boot from volume)', command: 'bdmLab.simulateAttach', arguments: [uri] });
  }
  return lenses;
}

/**
 * A script, template or playbook with one request its tool sends: the preview of its disks and,
 * in a trusted workspace, the boot simulation, above the request (several requests: the hover
 * shows each one's disks).
 */
function requestLenses(a: DocumentAnalysis, uri: string, trusted: boolean): CodeLensAnswer[] {
  const q = a.requests?.length === 1 ? a.requests[0] : null;
  if (!q || q.body === null || !q.analysis) return [];
  const at = { offset: q.span.offset, length: 0 };
  const lenses: CodeLensAnswer[] = [{ span: at, title: `Preview libvirt XML · ${q.analysis.entries.length} block device${q.analysis.entries.length === 1 ? '' : 's'}`, command: 'bdmLab.previewDomainDisks', arguments: [uri] }];
  if (trusted && q.valid) lenses.push({ span: at, title: '$(play) Simulate Attach (boot from volume)', command: 'bdmLab.simulateAttach', arguments: [uri] });
  return lenses;
}

/**
 * The fixes of at most this many of the diagnostics a client sends in one request (the first
 * ones): with the whole text selected a big body sends thousands, each fix is worked out on the
 * text (on a one-line body, the whole text), and no menu of thousands of fixes is of use.
 */
export const MAX_FIXED_DIAGNOSTICS = 100;

/**
 * Quick fixes for the diagnostics the client sent (ours only: the caller filters by source; the
 * first MAX_FIXED_DIAGNOSTICS), then, when asked, the refactorings not already offered as a fix.
 */
export function codeActionsOf(s: DocState, diagnostics: DiagnosticRef[], refactor: boolean, lazy = false): CodeActionAnswer[] {
  return actionFixes(s, diagnostics, refactor).map(({ fix: f, kind, diagnostic }) => ({
    title: f.title,
    kind,
    diagnostic,
    preferred: f.preferred,
    // listed lazily, a fix whose edits are costly to work out leaves them to codeActionEdits
    edits: lazy && f.lazy ? [] : f.edits.map((e) => ({ span: plain(e.span), newText: e.newText })),
    command: f.command,
    ...(lazy && f.lazy ? { resolve: true as const } : {}),
  }));
}

/**
 * The edits of an action codeActionsOf listed without them, when the client resolves it (the
 * fix the user picks): the action found again by its diagnostic (null: a refactoring) and title
 * on this version; null when the document no longer offers it.
 */
export function codeActionEditsOf(s: DocState, diagnostic: DiagnosticRef | null, title: string): CodeActionAnswer['edits'] | null {
  const found = actionFixes(s, diagnostic ? [diagnostic] : [], diagnostic === null).find((x) => x.fix.title === title && (x.diagnostic === null) === (diagnostic === null));
  return found ? found.fix.edits.map((e) => ({ span: plain(e.span), newText: e.newText })) : null;
}

type ActionFix = { fix: QuickFix; kind: CodeActionAnswer['kind']; diagnostic: number | null };

function actionFixes(s: DocState, diagnostics: DiagnosticRef[], refactor: boolean): ActionFix[] {
  const a = s.analysis;
  const out: ActionFix[] = [];
  // the client may send every diagnostic (the whole text selected): each is looked up in maps
  // made once, not by a scan of all the document's diagnostics (or requests) per diagnostic
  const ourOf = diagnosticFinder(a.diagnostics);
  const requestAt = requestFinder(a.requests ?? []);
  diagnostics.slice(0, MAX_FIXED_DIAGNOSTICS).forEach((d, i) => {
    const ours = ourOf(d);
    if (!ours) return;
    if (holdsRequests(a.language)) {
      // a script, template or playbook: the fixes its source offers on its own text
      const q = requestAt(ours.span.offset);
      for (const f of q?.analysis?.source?.fixes?.(ours) ?? []) out.push({ fix: { ...f, code: ours.code }, kind: 'quickfix', diagnostic: i });
      return;
    }
    for (const f of quickFixes(a, s.text, ours, s.context)) out.push({ fix: f, kind: 'quickfix', diagnostic: i });
  });
  if (refactor) {
    for (const f of refactorings(a, s.text)) if (!out.some((o) => o.fix.title === f.title)) out.push({ fix: f, kind: 'refactor.rewrite', diagnostic: null });
  }
  return out;
}

/** The document's diagnostic a client's reference names: the one with its code at its offset, else the first with its code. */
function diagnosticFinder(all: readonly AnalysisDiagnostic[]): (d: DiagnosticRef) => AnalysisDiagnostic | undefined {
  let at: Map<string, AnalysisDiagnostic> | undefined;
  let byCode: Map<string, AnalysisDiagnostic> | undefined;
  return (d) => {
    if (!at || !byCode) {
      at = new Map();
      byCode = new Map();
      for (const x of all) {
        const key = `${x.code}\u0000${x.span.offset}`;
        if (!at.has(key)) at.set(key, x);
        if (!byCode.has(x.code)) byCode.set(x.code, x);
      }
    }
    return at.get(`${d.code}\u0000${d.offset}`) ?? byCode.get(d.code);
  };
}

/**
 * The first request whose span holds an offset. Requests come in text order, one after the
 * other: then a binary search (the first one not ending before the offset) finds it; otherwise
 * each is tried in turn.
 */
function requestFinder(requests: readonly RequestInfo[]): (offset: number) => RequestInfo | undefined {
  const end = (r: RequestInfo) => r.span.offset + r.span.length;
  const ordered = requests.every((r, i) => i === 0 || end(requests[i - 1]) <= r.span.offset);
  if (!ordered) return (offset) => requests.find((r) => within(r.span, offset));
  return (offset) => {
    let lo = 0;
    let hi = requests.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end(requests[mid]) < offset) lo = mid + 1;
      else hi = mid;
    }
    const q = requests[lo];
    return q && within(q.span, offset) ? q : undefined;
  };
}

export function previewAnswerOf(s: DocState): PreviewAnswer {
  const p = previewFor(s);
  if (!p) return { xml: '<!-- bdm-lab: not a server-create payload -->\n', json: null };
  // with a lab host, `deployment`: the release and [workarounds] the XML follows and their sources (as `bdm-lab xml --lab --format json`)
  return { xml: previewDocument(p), json: { entries: p.entries, implicit: p.implicit, buildError: p.buildError, novaConfError: p.novaConfError, ...(p.deployment ? { deployment: p.deployment } : {}) } };
}

/** What the status bar shows of the document itself (the rest is the server's settings). */
export function kindOf(s: DocState): string | null {
  return s.analysis.kind ?? (s.analysis.xmlDisks ? 'libvirt' : null);
}

/** A script, template or playbook: who sends each request and at which microversion (for the status item). */
export function sendsOf(s: DocState): Array<{ tool: string; microversion: string }> {
  return (s.analysis.requests ?? []).map((q) => ({ tool: q.toolLabel, microversion: q.microversion }));
}

/**
 * Simulate Attach on a server-create body (boot from volume) against a resolved lab host.
 * An attach body is not simulated here: the server reads its few fields itself (and may run the
 * real libvirt step), so the answer is then `{ attach: true }`.
 */
export function simulateBootOf(s: DocState, lab: LabHost, opts: SimulateSettings): BootAnswer | { attach: true } {
  if (s.analysis.kind === 'attach') return { attach: true };
  const commands = s.analysis.requests?.length;
  if (commands !== undefined && commands !== 1) return { error: `The boot simulation runs one request (one command, resource or task); this document has ${commands}.` };
  if (!s.analysis.valid || !s.analysis.novaBdms) return { error: 'Nova refuses this payload as it stands: fix the errors first (see the Problems view).' };
  try {
    const result = simulateBoot(lab, s.analysis.novaBdms, { ...opts, hashes: s.hashes });
    return { kind: 'boot', result, text: renderBootText(result), labHost: lab.name };
  } catch (e) {
    if (e instanceof AttachInputError) return { error: `${e.message} (lab host "${lab.name}")` };
    throw e;
  }
}

/** libvirt's own schema check is worth running on a save: well-formed libvirt XML. */
export function schemaCheckWanted(s: DocState): boolean {
  const a = s.analysis;
  return a.language === 'xml' && !!a.xmlDisks && !a.diagnostics.some((d) => d.code === 'LIBVIRT-XML-WELLFORMED');
}

/** Every request by name, its parameters and its answer: what the document worker is asked. */
export interface Requests {
  diagnostics: { params: { max: number }; result: AnalysisDiagnostic[] };
  hover: { params: { offset: number }; result: HoverAnswer | null };
  completion: { params: { offset: number }; result: CompletionAnswer[] };
  symbols: { params: Record<string, never>; result: SymbolAnswer[] };
  codeLens: { params: { uri: string; trusted: boolean }; result: CodeLensAnswer[] };
  codeAction: { params: { diagnostics: DiagnosticRef[]; refactor: boolean; lazy?: boolean }; result: CodeActionAnswer[] };
  codeActionEdits: { params: { diagnostic: DiagnosticRef | null; title: string }; result: CodeActionAnswer['edits'] | null };
  preview: { params: Record<string, never>; result: PreviewAnswer };
  kind: { params: Record<string, never>; result: string | null };
  sends: { params: Record<string, never>; result: Array<{ tool: string; microversion: string }> };
  schemaCheckWanted: { params: Record<string, never>; result: boolean };
  simulateBoot: { params: { lab: LabHost; opts: SimulateSettings }; result: BootAnswer | { attach: true } };
}
export type RequestMethod = keyof Requests;

export const REQUEST_METHODS: readonly RequestMethod[] = ['diagnostics', 'hover', 'completion', 'symbols', 'codeLens', 'codeAction', 'codeActionEdits', 'preview', 'kind', 'sends', 'schemaCheckWanted', 'simulateBoot'];

/** The one dispatcher: the server's thread and the document worker both answer through it. */
export function runRequest<M extends RequestMethod>(s: DocState, method: M, params: Requests[M]['params']): Requests[M]['result'] {
  const p = params as Requests[RequestMethod]['params'] & Record<string, never>;
  switch (method) {
    case 'diagnostics': return diagnosticsOf(s, (p as Requests['diagnostics']['params']).max) as Requests[M]['result'];
    case 'hover': return hoverOf(s, (p as Requests['hover']['params']).offset) as Requests[M]['result'];
    case 'completion': return completionsOf(s, (p as Requests['completion']['params']).offset) as Requests[M]['result'];
    case 'symbols': return symbolsOf(s) as Requests[M]['result'];
    case 'codeLens': {
      const q = p as Requests['codeLens']['params'];
      return codeLensesOf(s, q.uri, q.trusted) as Requests[M]['result'];
    }
    case 'codeAction': {
      const q = p as Requests['codeAction']['params'];
      return codeActionsOf(s, q.diagnostics, q.refactor, q.lazy === true) as Requests[M]['result'];
    }
    case 'codeActionEdits': {
      const q = p as Requests['codeActionEdits']['params'];
      return codeActionEditsOf(s, q.diagnostic, q.title) as Requests[M]['result'];
    }
    case 'preview': return previewAnswerOf(s) as Requests[M]['result'];
    case 'kind': return kindOf(s) as Requests[M]['result'];
    case 'sends': return sendsOf(s) as Requests[M]['result'];
    case 'schemaCheckWanted': return schemaCheckWanted(s) as Requests[M]['result'];
    case 'simulateBoot': {
      const q = p as Requests['simulateBoot']['params'];
      return simulateBootOf(s, q.lab, q.opts) as Requests[M]['result'];
    }
    default: throw new Error(`unknown request ${String(method)}`);
  }
}
