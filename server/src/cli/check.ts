/**
 * `bdm-lab check [--context FILE] [--format text|json|sarif] [--max-file-size BYTES] [--max-problems N] FILE...`
 * Every file gets its own result; one that cannot be read or parsed is reported as a per-file
 * error and the others are still judged. Exit status is the worst of all files:
 * 0 no errors; 1 Nova (or libvirt) would refuse; 2 usage error, unreadable file or unparseable input.
 */
import { analyzeDocument, capDiagnostics, languageOf, type DocumentAnalysis } from '../document';
import { LineIndex } from '../text/lineIndex';
import type { Context } from '../model/context';
import { RULE_BY_ID } from '../rules/table';
import { DEFAULT_MAX_FILE_SIZE, describeReadError, type CliIo } from './io';
import { inputPath, loadContext, loadLab, parseCommandArgs, positiveInt, UsageError } from './common';
import { judged, range, toJson, type Outcome } from './report';
import { codeInfo, ruleById, runLibvirtSchemaCheck } from '../libvirtxml';
import { nodeHost } from '../host';
import type * as Sarif from 'sarif';
import { inventoryOfLabHost, type Inventory } from '../model/inventory';
import { escapeLines, escapeOutput, escapeValue, toJsonText } from './safeText';

const VERSION = '0.1.0';
const UNPARSEABLE = new Set(['BDM-JSON-SYNTAX', 'LIBVIRT-XML-WELLFORMED']);
/** Same cap as the editor's. */
export const DEFAULT_MAX_PROBLEMS = 1000;

const CHECK_OPTIONS = {
  context: { type: 'string' },
  format: { type: 'string' },
  lab: { type: 'string' },
  'no-libvirt-schema': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'max-problems': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, CHECK_OPTIONS);
  if (args.options.help) throw new UsageError('');
  const format = args.options.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${escapeValue(format)}")`);
  const maxBytes = positiveInt(args.options['max-file-size'], '--max-file-size', DEFAULT_MAX_FILE_SIZE);
  const maxProblems = positiveInt(args.options['max-problems'], '--max-problems', DEFAULT_MAX_PROBLEMS);
  if (args.positional.length === 0) throw new UsageError('check needs at least one FILE');
  const context = loadContext(args.options.context, io);
  // With --lab, Glance/Cinder contents come from the lab host and the data-dependent rules run.
  const inventory = args.options.lab ? inventoryOfLabHost(loadLab(args.options.lab, io)) : undefined;
  const results: Outcome[] = [];
  for (const file of args.positional) {
    let text: string;
    try {
      text = io.readFile(inputPath(io, file), maxBytes);
    } catch (e) {
      results.push({ file, error: describeReadError(e, maxBytes) });
      continue;
    }
    let analysis: DocumentAnalysis;
    try {
      analysis = judge(file, text, context, inventory);
      // libvirt XML: libvirt's own schema has the last word where it is installed.
      if (analysis.language === 'xml' && !args.options['no-libvirt-schema'] && !analysis.diagnostics.some((d) => UNPARSEABLE.has(d.code))) {
        await withLibvirtSchema(analysis, text);
      }
    } catch (e) {
      // never expected: one file's failure must not cost the others their verdict
      results.push({ file, error: { code: 'EINTERNAL', message: `internal error: ${(e as Error)?.message ?? String(e)}` } });
      continue;
    }
    const total = analysis.diagnostics.length;
    analysis = { ...analysis, diagnostics: capDiagnostics(analysis.diagnostics, maxProblems, `--max-problems ${total} lists them all`) };
    const bad = analysis.diagnostics.find((d) => UNPARSEABLE.has(d.code));
    results.push({ file, text, analysis, total, error: bad ? { code: bad.code, message: `cannot parse: ${bad.explanation || bad.message}` } : undefined });
  }
  if (format === 'json') io.stdout(toJsonText(toJson(results)));
  else if (format === 'sarif') io.stdout(toJsonText(toSarif(results)));
  else io.stdout(escapeOutput(toText(results)));
  for (const r of results) {
    if (!r.error) continue;
    let place = '';
    if (judged(r)) {
      const d = r.analysis.diagnostics.find((x) => UNPARSEABLE.has(x.code))!;
      const p = new LineIndex(r.text).position(d.span.offset);
      place = `:${p.line + 1}:${p.character + 1}`;
    }
    io.stderr(`bdm-lab: ${escapeValue(r.file)}${place}: ${escapeValue(r.error.message)}${judged(r) ? '' : ` (${escapeValue(r.error.code)})`}\n`);
  }
  return results.reduce((worst, r) => Math.max(worst, r.error || !judged(r) ? 2 : r.analysis.valid ? 0 : 1), 0);
}

export function judge(file: string, text: string, context: Context, inventory?: Inventory): DocumentAnalysis {
  const language = languageOf(file, text);
  // A file named on the command line is judged as a request body even if it does not look like one.
  return analyzeDocument(text, language, context, { forced: true, allowComments: file.endsWith('.jsonc'), inventory });
}

/**
 * A diagnostic's message as text lines: Nova's words, then the explanation. Line breaks that a
 * rule's own wording has are kept; any other (from a value in the file) is escaped with the rest.
 */
function messageLines(d: DocumentAnalysis['diagnostics'][number]): string[] {
  const row = RULE_BY_ID.get(d.code);
  const parts = d.novaMessage || d.explanation ? [d.novaMessage, d.explanation] : [d.message];
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    if (row && (part === row.nova || part === row.explain)) out.push(...part.split('\n').map(escapeValue));
    else out.push(escapeValue(part));
  }
  return out;
}

function toText(results: Outcome[]): string {
  let out = '';
  for (const r of results) {
    const file = escapeValue(r.file);
    if (!judged(r)) {
      out += `${file}: not checked (${r.error.code}: ${escapeValue(r.error.message)})\n`;
      continue;
    }
    const { text, analysis } = r;
    const idx = new LineIndex(text);
    for (const d of analysis.diagnostics) {
      const p = idx.position(d.span.offset);
      const status = d.novaStatus ? ` (HTTP ${d.novaStatus})` : '';
      out += `${file}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code}${status}: ${messageLines(d).join('\n    ')}\n`;
    }
    const classes = analysis.entries.map((e) => `#${e.index} ${e.driverClass ?? '(no driver class)'}`).join(', ');
    const verdict = analysis.verdict ? ` (${analysis.verdict.httpStatus ? `Nova answers HTTP ${analysis.verdict.httpStatus}, ` : ''}${analysis.verdict.code})` : '';
    out += `${file}: ${analysis.valid ? 'valid' : 'invalid'}${escapeLines(verdict)}${classes ? `; entries: ${escapeValue(classes)}` : ''}\n`;
  }
  return out;
}

/**
 * SARIF 2.1.0. `tool.driver.rules` lists the rules that have results, in the order of their first
 * result, with their metadata from the rule tables (Nova's and libvirt XML's): shortDescription
 * = Nova's message template (libvirt XML: the message template; the id where the template is
 * only placeholders such as `{detail}` or there is none), fullDescription = the
 * explanation (libvirt XML: the fact), properties `httpStatus` (what Nova answers, null where it
 * does not answer) and `upstream`; each result has the `ruleIndex` of its rule. A code that no
 * table knows gets only its id. Extension for files without a verdict: `invocations[0]` has one
 * `toolExecutionNotifications` entry per such file (descriptor id = the error code) and
 * `executionSuccessful` false when there is any.
 */
export function toSarif(results: Outcome[]): Sarif.Log {
  const ok = results.filter(judged);
  const failed = results.filter((r) => r.error);
  const ruleIds = [...new Set(ok.flatMap((r) => r.analysis.diagnostics.map((d) => d.code)))];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const level = (s: string): Sarif.Result.level => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'bdm-lab', version: VERSION, rules: ruleIds.map(ruleDescriptor) } },
      invocations: [{
        executionSuccessful: failed.length === 0,
        toolExecutionNotifications: failed.map((r) => ({
          level: 'error',
          descriptor: { id: r.error!.code },
          message: { text: r.error!.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.file } } }],
        })),
      }],
      results: ok.flatMap(({ file, text, analysis }) => {
        const idx = new LineIndex(text);
        return analysis.diagnostics.map((d): Sarif.Result => {
          const r = range(idx, d.span);
          return {
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code)!,
            level: level(d.severity),
            message: { text: d.message },
            locations: [{
              physicalLocation: {
                artifactLocation: { uri: file },
                region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
              },
            }],
          };
        });
      }),
    }],
  };
}

/** A rule's SARIF descriptor from Nova's table, else the libvirt XML table (rows, then its other codes), else the id alone. */
function ruleDescriptor(id: string): Sarif.ReportingDescriptor {
  const nova = RULE_BY_ID.get(id);
  if (nova) {
    return {
      id,
      shortDescription: { text: /[^\s]/.test(nova.nova.replace(/\{\w+\}/g, '')) ? nova.nova : id },
      fullDescription: { text: nova.explain },
      properties: { httpStatus: nova.http, upstream: nova.upstream },
    };
  }
  const xml = ruleById(id);
  if (xml) {
    return {
      id,
      shortDescription: { text: xml.message },
      fullDescription: { text: xml.fact },
      properties: { httpStatus: null, upstream: xml.upstream },
    };
  }
  const other = codeInfo(id);
  if (other) return { id, shortDescription: { text: id }, fullDescription: { text: other.fact }, properties: { httpStatus: null, upstream: other.upstream } };
  return { id };
}

async function withLibvirtSchema(analysis: DocumentAnalysis, text: string): Promise<void> {
  const r = await runLibvirtSchemaCheck(text, nodeHost()).catch(() => ({ available: false, problems: [] }));
  if (!r.available) return;
  for (const p of r.problems) {
    analysis.diagnostics.push({ code: p.id, severity: p.severity, message: p.message, novaMessage: p.message, explanation: '', span: p.span, entry: null, path: '', novaStatus: null, upstream: "virt-xml-validate (libvirt's RelaxNG schema)", related: [] });
  }
  const firstError = analysis.diagnostics.find((d) => d.severity === 'error');
  analysis.valid = !firstError;
  analysis.verdict = firstError ? { httpStatus: 0, code: firstError.code, message: firstError.message } : null;
}
