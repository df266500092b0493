/**
 * One judge for every document bdm-lab understands: JSON request bodies (Nova's verdict) and
 * libvirt XML (libvirt's verdict). Both give the same diagnostic shape, which the LSP layer
 * and the CLI's JSON/SARIF output carry as they are.
 */
import type { ParseBase } from './parse/splice';
import { analyzeJson, analyzeSource, type Analysis, type AnalysisDiagnostic } from './analyze';
import { mayHoldRequests, textSources, type TextKind } from './source/registry';
import { mentionsServerCreate } from './source/oscCli/mentions';
import type { Span } from './text/span';
import type { SourceDoc } from './source/doc';
import { HEAT_DEFAULT_MICROVERSION, mvMinor, type Context } from './model/context';
import type { Inventory } from './model/inventory';
import { analyzeLibvirtXml, codeInfo, isLibvirtXml } from './libvirtxml';
import type { Problem } from './libvirtxml/types';
import { diagnose } from './model/diagnostic';
import { releaseApiMax } from './rules/frontDoor';

export type DocumentLanguage = 'json' | 'xml' | TextKind;

/** The languages whose documents hold requests (commands, resources, tasks) rather than being one body. */
export function holdsRequests(language: DocumentLanguage): language is TextKind {
  return language !== 'json' && language !== 'xml';
}

/** One request a document's command (or body) becomes: which tool sends it, its refusal, or the body and microversion it sends. */
export interface RequestInfo {
  span: Span;
  /** 'openstack-cli', 'heat', 'terraform', 'ansible' */
  tool: string;
  /** who sends it, for people */
  toolLabel: string;
  /** the tool's own refusal (its exact words), or null */
  toolError: string | null;
  /** the JSON body the tool would POST, or null when it refuses */
  body: unknown;
  /** the microversion header it would send */
  microversion: string;
  valid: boolean;
  /** the request judged on its own (its entries, its preview); not part of the CLI's JSON */
  analysis?: Analysis;
}

export interface DocumentAnalysis extends Analysis {
  language: DocumentLanguage;
  /** libvirt XML: the disks found (for the outline) */
  xmlDisks?: Array<{ span: { offset: number; length: number }; targetDev?: string; bus?: string; type?: string; device?: string }>;
  /** scripts, runbooks, templates, configurations, playbooks: one item per request judged */
  requests?: RequestInfo[];
}

/**
 * Which kind of document: by the editor's language id (or the CLI's file name), then by content.
 * `fileName` is asked when the id says nothing (a `.tf` file is plain text without an HCL
 * extension installed).
 */
export function languageOf(fileNameOrLanguageId: string, text: string, fileName?: string): DocumentLanguage {
  const id = fileNameOrLanguageId.toLowerCase();
  const l = id === 'plaintext' && fileName ? fileName.toLowerCase() : id;
  if (l === 'xml' || l.endsWith('.xml')) return 'xml';
  if (l === 'json' || l === 'jsonc' || l.endsWith('.json') || l.endsWith('.jsonc')) return 'json';
  if (l === 'shellscript' || /\.(sh|bash|zsh|ksh)$/.test(l)) return 'shell';
  if (l === 'markdown' || /\.(md|markdown)$/.test(l)) return 'markdown';
  if (l === 'yaml' || l === 'ansible' || /\.(ya?ml)$/.test(l)) return 'yaml';
  if (l === 'terraform' || l === 'hcl' || /\.(tf)$/.test(l)) return 'terraform';
  if (/^\s*(<\?xml|<!--|<[a-zA-Z])/.test(text)) return 'xml';
  // a plain file holding an openstack command (not a JSON body) is read as a script
  return !/^\s*[[{]/.test(text) && mentionsServerCreate(text) ? 'shell' : 'json';
}

export function analyzeDocument(text: string, language: DocumentLanguage, context: Context, opts: { forced?: boolean; allowComments?: boolean; inventory?: Inventory; base?: ParseBase; fileName?: string } = {}): DocumentAnalysis {
  if (language === 'json') {
    // the analysis gets its language added, not copied (a copy would read its NovaBdms, built when read)
    const a = analyzeJson(text, context, opts) as DocumentAnalysis;
    a.language = language;
    return a;
  }
  if (holdsRequests(language)) return analyzeRequests(text, language, context, opts);
  if (!opts.forced && !isLibvirtXml(text)) {
    return { language, kind: null, diagnostics: [], entries: [], novaBdms: null, imageRef: null, valid: true, verdict: null, root: undefined };
  }
  const x = analyzeLibvirtXml(text);
  const diagnostics: AnalysisDiagnostic[] = x.problems.map(xmlDiagnostic);
  const firstError = diagnostics.find((d) => d.severity === 'error');
  return {
    language,
    kind: null,
    diagnostics,
    entries: [],
    novaBdms: null,
    imageRef: null,
    valid: !firstError,
    verdict: firstError ? { httpStatus: 0, code: firstError.code, message: firstError.message } : null,
    root: undefined,
    xmlDisks: x.disks,
  };
}

/**
 * The highest microversions the tools that negotiate may send: the context's, else what a cloud
 * of its nova_release serves (Heat: the lower of that and novaclient's own 2.92); undefined
 * leaves each tool its default (a current cloud).
 */
function negotiated(context: Context): { heatMaxMicroversion?: string; cloudMax?: string } {
  const served = releaseApiMax(context.nova_release);
  const heat = context.heat_max_microversion ?? (served && mvMinor(served) < mvMinor(HEAT_DEFAULT_MICROVERSION) ? served : undefined);
  return { heatMaxMicroversion: heat ?? undefined, cloudMax: context.cloud_max_microversion ?? served };
}

/**
 * A script, a runbook, a template, a configuration or a playbook: each request it holds (a
 * command, a resource, a task) is judged on its own (its tool's refusal, else Nova's verdict on
 * the body it sends); the document's diagnostics are all of theirs in text order, its verdict the
 * first refused request's. A text that holds none gets nothing.
 */
function analyzeRequests(text: string, language: TextKind, context: Context, opts: { inventory?: Inventory; fileName?: string }): DocumentAnalysis {
  // (a request a source has asked Nova's verdict on is judged once)
  const seen = new Map<SourceDoc, Analysis>();
  const judge = (doc: SourceDoc): Analysis => seen.get(doc) ?? seen.set(doc, analyzeSource(doc, context, { inventory: opts.inventory })).get(doc)!;
  // Nova refuses a request it answers with an error (a tool's own refusal sends none)
  const refuses = (doc: SourceDoc): boolean => { const v = judge(doc).verdict; return !!v && v.httpStatus > 0; };
  const all = (mayHoldRequests(text, language) ? textSources(text, language, { ...negotiated(context), fileName: opts.fileName, refuses }) : []).map((doc) => ({ doc, a: judge(doc) }));
  // (a source's finding on the text itself, not a request: its diagnostics only, in text order)
  const judged = all.filter(({ doc }) => !doc.textOnly);
  const requests: RequestInfo[] = judged.map(({ doc, a }) => ({
    span: doc.locate([], 'whole') ?? { offset: 0, length: 0 },
    tool: doc.tool,
    toolLabel: doc.toolLabel ?? doc.tool,
    toolError: doc.body === null ? String(doc.findings[0]?.args?.detail ?? '') : null,
    body: doc.body,
    microversion: doc.microversion ?? context.microversion,
    valid: a.valid,
    analysis: a,
  }));
  const firstBad = judged.find(({ a }) => !a.valid);
  const one = judged.length === 1 ? judged[0].a : null;
  return {
    language,
    kind: judged.length ? 'server' : null,
    diagnostics: onceEach(all.flatMap(({ a }) => a.diagnostics)),
    entries: judged.flatMap(({ a }) => a.entries),
    novaBdms: one ? one.novaBdms : null,
    imageRef: one ? one.imageRef : null,
    valid: !firstBad,
    verdict: firstBad ? firstBad.a.verdict : null,
    root: undefined,
    ...(one?.source ? { source: one.source } : {}),
    requests,
  };
}

/**
 * The document's diagnostics, each said once: a finding on the text that several requests share
 * (Terraform's module-wide refusals, a cycle or a bad reference in an output, come with each
 * resource's) is one diagnostic, as its tool says it once. The same code, severity, place, words
 * and related places (in order) are the same diagnostic; the first one stays, in its place.
 */
function onceEach(diags: AnalysisDiagnostic[]): AnalysisDiagnostic[] {
  if (diags.length < 2) return diags;
  const seen = new Set<string>();
  const out = diags.filter((d) => {
    let key = `${d.code}\0${d.severity}\0${d.span.offset}\0${d.span.length}\0${d.message}`;
    for (const r of d.related) key += `\0${r.span.offset}\0${r.span.length}\0${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return out.length === diags.length ? diags : out;
}

/** A libvirt XML problem as a diagnostic, through the one factory; its code must have a row. */
function xmlDiagnostic(p: Problem): AnalysisDiagnostic {
  if (!codeInfo(p.id)) throw new Error(`${p.id} has no row`);
  return diagnose({ id: p.id, severity: p.severity, upstream: '', http: null, nova: p.message, explain: '' }, { code: p.id, span: p.span, entry: null, path: '' });
}

/**
 * For documents over the size limit: one information note, and nothing read from the text (not
 * even its syntax), so a huge file costs the editor nothing. Sizes are the text's length.
 */
export function overSizeLimit(size: number, limit: number): AnalysisDiagnostic[] {
  if (size <= limit) return [];
  const message = `This file is ${size} characters long, over bdmLab.maxFileSize (${limit} bytes): bdm-lab does not read it in the editor. Use the bdm-lab CLI for the verdict, or raise bdmLab.maxFileSize.`;
  return [{ code: 'BDM-LIMIT-FILE-SIZE', severity: 'information', message, novaMessage: message, explanation: '', span: { offset: 0, length: 0 }, entry: null, path: '', novaStatus: null, upstream: '', related: [] }];
}

/**
 * The analysis with its diagnostics capped (capDiagnostics): itself when nothing is cut, else a
 * copy that keeps its accessors as they are. A spread would read them, and a big accepted
 * request's NovaBdms are built when first read (analyze.ts finish): no report prints them.
 */
export function capAnalysis<A extends { diagnostics: AnalysisDiagnostic[] }>(analysis: A, max: number, more?: string): A {
  const capped = capDiagnostics(analysis.diagnostics, max, more);
  if (capped === analysis.diagnostics) return analysis;
  const fields = Object.getOwnPropertyDescriptors(analysis);
  fields.diagnostics = { value: capped, enumerable: true, writable: true, configurable: true };
  return Object.create(Object.getPrototypeOf(analysis), fields) as A;
}

/**
 * Like VS Code's JSON service, show at most `max` problems, and say how many there are.
 * `more` says where to see the rest (the editor and the CLI word it differently).
 */
export function capDiagnostics(diags: AnalysisDiagnostic[], max: number, more = 'bdm-lab check --max-problems N lists more'): AnalysisDiagnostic[] {
  if (diags.length <= max) return diags;
  const message = `Showing the first ${max} of ${diags.length} problems (${more}).`;
  return [...diags.slice(0, max), { code: 'BDM-LIMIT-RESULTS', severity: 'information', message, novaMessage: message, explanation: '', span: { offset: 0, length: 0 }, entry: null, path: '', novaStatus: null, upstream: '', related: [] }];
}
