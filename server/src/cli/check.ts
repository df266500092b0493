/**
 * `bdm-lab check [--context FILE] [--format text|json|sarif] [--max-file-size BYTES] [--max-problems N] [--stdin-name NAME] FILE...`
 * (`-` as a FILE: standard input)
 * Every file gets its own result; one that cannot be read or parsed is reported as a per-file
 * error and the others are still judged. Exit status is the worst of all files:
 * 0 no errors; 1 Nova (or libvirt) would refuse; 2 usage error, unreadable file or unparseable input.
 */
import { analyzeDocument, capAnalysis, languageOf, type DocumentAnalysis } from '../document';
import { LineIndex } from '../text/lineIndex';
import { defaultContext, type Context } from '../model/context';
import { mergeContext } from '../model/contextLoad';
import { readModeline } from '../model/fileContext';
import { dirname, isAbsolute, join } from 'node:path';
import { RULE_BY_ID } from '../rules/table';
import { cutText, MAX_CLI_MESSAGE_CHARS } from '../model/diagnostic';
import { DEFAULT_MAX_FILE_SIZE, describeReadError, type CliIo } from './io';
import { contextLayers, inputPath, InputError, loadContextFile, loadLab, microversionOption, parseCommandArgs, positiveInt, readInputText, STDIN, stdinName, UsageError, baseName } from './common';
import { judged, preparePlaces, range, toText, writeJsonReport, type Outcome } from './report';
import { codeInfo, ruleById, runLibvirtSchemaCheck, schemaUpstream, SCHEMA_DIRS } from '../libvirtxml';
import type { SchemaCheckHost, SchemaCheckResult } from '../libvirtxml';
import type * as Sarif from 'sarif';
import { pathToFileURL } from 'node:url';
import { inventoryOfLabHost, type Inventory } from '../model/inventory';
import { escapeOutput, escapeValue, toJsonText } from './safeText';

const VERSION = '0.1.0';
const UNPARSEABLE = new Set(['BDM-JSON-SYNTAX', 'LIBVIRT-XML-WELLFORMED']);
/** Same cap as the editor's. */
export const DEFAULT_MAX_PROBLEMS = 1000;

const CHECK_OPTIONS = {
  context: { type: 'string' },
  microversion: { type: 'string' },
  format: { type: 'string' },
  lab: { type: 'string' },
  'no-libvirt-schema': { type: 'boolean' },
  xmllint: { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'max-problems': { type: 'string' },
  'stdin-name': { type: 'string' },
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
  const named = stdinName(args.positional, args.options['stdin-name']);
  const layers = contextLayers(args.options.context, io, microversionOption(args.options.microversion));
  const context = layers.length ? mergeContext(layers).context : defaultContext();
  // With --lab, Glance/Cinder contents come from the lab host and the data-dependent rules run.
  const inventory = args.options.lab ? inventoryOfLabHost(loadLab(args.options.lab, io)) : undefined;
  const results: Outcome[] = [];
  for (const given of args.positional) {
    // standard input is shown and judged under --stdin-name, else as "-" (its text then picks the reader)
    const file = given === STDIN ? named ?? STDIN : given;
    let text: string;
    try {
      text = readInputText(io, given, maxBytes);
    } catch (e) {
      results.push({ file, error: describeReadError(e, maxBytes) });
      continue;
    }
    let analysis: DocumentAnalysis;
    let own: Context;
    try {
      own = fileContext(file, text, layers, io) ?? context;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      results.push({ file, error: { code: 'ECONTEXT', message: e.message } });
      continue;
    }
    try {
      io.beforeJudge?.(text.length);
      analysis = judge(file, text, own, inventory);
      // libvirt XML: libvirt's own schema has the last word where it is installed.
      if (analysis.language === 'xml' && !args.options['no-libvirt-schema'] && !analysis.diagnostics.some((d) => UNPARSEABLE.has(d.code))) {
        await withLibvirtSchema(analysis, text, !!args.options.xmllint);
      }
    } catch (e) {
      // never expected: one file's failure must not cost the others their verdict
      results.push({ file, error: { code: 'EINTERNAL', message: `internal error: ${(e as Error)?.message ?? String(e)}` } });
      continue;
    }
    const total = analysis.diagnostics.length;
    analysis = capAnalysis(analysis, maxProblems, `--max-problems ${total} lists them all`);
    const bad = analysis.diagnostics.find((d) => UNPARSEABLE.has(d.code));
    results.push({ file, text, analysis, total, error: bad ? { code: bad.code, message: `cannot parse: ${bad.explanation || bad.message}` } : undefined });
  }
  // the report a piece at a time: the same bytes as toJsonText(toJson(results)) (report.ts)
  if (format === 'json') writeJsonReport(results, io.stdout);
  else if (format === 'sarif') io.stdout(toJsonText(toSarif(results, io.cwd)));
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

/**
 * A file's own context: its `$bdm` modeline (microversion, flavor, context=FILE relative to the
 * file) over the command line's, as in the editor; null when it has none. A bad modeline is an
 * InputError naming the file.
 */
function fileContext(file: string, text: string, layers: Parameters<typeof mergeContext>[0], io: CliIo): Context | null {
  const mode = readModeline(text);
  if (!mode) return null;
  if (mode.problems.length) throw new InputError(`${escapeValue(file)}:${mode.line + 1}: ${escapeValue(mode.problems[0]!)}`);
  const own: Parameters<typeof mergeContext>[0] = [{ source: 'modeline', context: mode.context }];
  if (mode.contextPath !== undefined) own.push({ source: 'modeline', context: loadContextFile(isAbsolute(mode.contextPath) ? mode.contextPath : join(dirname(inputPath(io, file)), mode.contextPath), io) });
  return mergeContext([...own, ...layers]).context;
}

export function judge(file: string, text: string, context: Context, inventory?: Inventory): DocumentAnalysis {
  const language = languageOf(file, text);
  // A file named on the command line is judged as a request body even if it does not look like one.
  return analyzeDocument(text, language, context, { forced: true, allowComments: file.endsWith('.jsonc'), inventory, fileName: baseName(file) });
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
export function toSarif(results: Outcome[], srcRoot = '/'): Sarif.Log {
  const ok = results.filter(judged);
  const failed = results.filter((r) => r.error);
  const ruleIds = [...new Set(ok.flatMap((r) => r.analysis.diagnostics.map((d) => d.code)))];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const level = (s: string): Sarif.Result.level => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'bdm-lab', version: VERSION, rules: ruleIds.map(ruleDescriptor) } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(srcRoot.endsWith('/') ? srcRoot : `${srcRoot}/`).href } },
      invocations: [{
        executionSuccessful: failed.length === 0,
        toolExecutionNotifications: failed.map((r) => ({
          level: 'error',
          descriptor: { id: r.error!.code },
          message: { text: r.error!.message },
          locations: [{ physicalLocation: { artifactLocation: artifact(r.file) } }],
        })),
      }],
      results: ok.flatMap(({ file, text, analysis }) => {
        const idx = new LineIndex(text);
        preparePlaces(analysis);
        return analysis.diagnostics.map((d): Sarif.Result => {
          const r = range(idx, d.span);
          return {
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code)!,
            level: level(d.severity),
            message: { text: cutText(d.message, MAX_CLI_MESSAGE_CHARS) },
            locations: [{
              physicalLocation: {
                artifactLocation: artifact(file),
                region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
              },
            }],
          };
        });
      }),
    }],
  };
}

/** A rule id as a SARIF rule name: BDM-COMPUTE-BOOT-SEQUENCE -> BdmComputeBootSequence. */
export function ruleName(id: string): string {
  return id.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * Where a rule's upstream source can be read: Nova's files in Nova's repository, libvirt's in
 * libvirt's (the first path of `upstream`); undefined for anything else (bdm-lab's own spec).
 */
export function upstreamUri(upstream: string): string | undefined {
  const nova = /^(nova\/[\w./-]+\.py)\b/.exec(upstream);
  if (nova) return `https://opendev.org/openstack/nova/src/branch/master/${nova[1]}`;
  const libvirt = /^libvirt ((?:src|docs)\/[\w./-]+\.(?:c|h|rst|rng))\b/.exec(upstream);
  if (libvirt) return `https://gitlab.com/libvirt/libvirt/-/blob/master/${libvirt[1]}`;
  return undefined;
}

/** SARIF `help`: what the tool says, why, and where upstream it comes from (text and Markdown). */
function help(message: string, explanation: string, http: number | null, upstream: string): Sarif.MultiformatMessageString {
  const answer = http ? `Nova answers HTTP ${http}: ${message}` : message;
  const uri = upstreamUri(upstream);
  return {
    text: `${answer}\n\n${explanation}\n\nUpstream: ${upstream}`,
    markdown: `${answer.replace(/[\\`*_[\]<>]/g, '\\$&')}\n\n${explanation.replace(/[\\`*_[\]<>]/g, '\\$&')}\n\nUpstream: ${uri ? `[\`${upstream}\`](${uri})` : `\`${upstream}\``}`,
  };
}

/**
 * A rule's SARIF descriptor from Nova's table, else the libvirt XML table (rows, then its other
 * codes), else the id alone: id, name, short and full description, help (text and Markdown),
 * helpUri (the upstream file) and the properties httpStatus and upstream.
 */
function ruleDescriptor(id: string): Sarif.ReportingDescriptor {
  const meta = (short: string, full: string, http: number | null, upstream: string): Sarif.ReportingDescriptor => {
    const uri = upstreamUri(upstream);
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: short },
      fullDescription: { text: full },
      help: help(short, full, http, upstream),
      ...(uri ? { helpUri: uri } : {}),
      properties: { httpStatus: http, upstream },
    };
  };
  const nova = RULE_BY_ID.get(id);
  if (nova) return meta(/[^\s]/.test(nova.nova.replace(/\{\w+\}/g, '')) ? nova.nova : id, nova.explain, nova.http, nova.upstream);
  const xml = ruleById(id);
  if (xml) return meta(xml.message, xml.fact, null, xml.upstream);
  const other = codeInfo(id);
  if (other) return meta(id, other.fact, null, other.upstream);
  return { id, name: ruleName(id) };
}

/** A file named on the command line as a SARIF artifact: relative names against %SRCROOT% (the working directory). */
function artifact(file: string): Sarif.ArtifactLocation {
  return file.startsWith('/') ? { uri: file } : { uri: file.split('\\').join('/'), uriBaseId: '%SRCROOT%' };
}

/** The host of a schema check that runs in-process only: runLibvirtSchemaCheck starts no program then (never called). */
const IN_PROCESS_ONLY: Omit<SchemaCheckHost, 'relaxng'> = {
  run: () => Promise.reject(new Error('no programs in an in-process schema check')),
  searchPath: '',
  temp: { withDir: () => Promise.reject(new Error('no temporary files in an in-process schema check')) },
  files: {
    sep: '/',
    isAbsolute: (p) => p.startsWith('/'),
    normalize: (p) => p,
    join: (...parts) => parts.join('/'),
    lstat: () => ({ ok: false, code: 'ENOENT' }),
    stat: () => ({ ok: false, code: 'ENOENT' }),
    realpath: () => ({ ok: false, code: 'ENOENT' }),
  },
};

async function withLibvirtSchema(analysis: DocumentAnalysis, text: string, secondOpinion: boolean): Promise<void> {
  // the in-process engine is loaded only for a libvirt XML file; the CLI checks and exits: the
  // engine's baseline WebAssembly code is enough (host/relaxng.ts)
  const { sharedRelaxNg } = await import('../host/relaxng');
  const relaxng = sharedRelaxNg(SCHEMA_DIRS, { shortLived: true });
  const loaded = await relaxng.load();
  // the rest of the host (child_process, crypto: tens of ms to load) only for xmllint: where the
  // schema cannot be checked in-process, or for --xmllint's second opinion
  const programs = secondOpinion || 'unavailable' in loaded ? (await import('../host/node')).nodeHost() : IN_PROCESS_ONLY;
  const r: SchemaCheckResult = await runLibvirtSchemaCheck(text, { ...programs, relaxng }, { secondOpinion }).catch(() => ({ available: false, problems: [] }));
  if (!r.available) return;
  for (const p of r.problems) {
    analysis.diagnostics.push({ code: p.id, severity: p.severity, message: p.message, novaMessage: p.message, explanation: '', span: p.span, entry: null, path: '', novaStatus: null, upstream: schemaUpstream(r.engine), related: [] });
  }
  const firstError = analysis.diagnostics.find((d) => d.severity === 'error');
  analysis.valid = !firstError;
  analysis.verdict = firstError ? { httpStatus: 0, code: firstError.code, message: firstError.message } : null;
}
