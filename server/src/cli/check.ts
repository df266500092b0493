/**
 * `bdm-lab check [--context FILE] [--format text|json|sarif] FILE...`
 * Exit 0: no errors; 1: errors; 2: usage error, unreadable file or unparseable input.
 */
import { analyzeDocument, languageOf, type DocumentAnalysis } from '../document';
import { LineIndex } from '../lineCol';
import type { Context } from '../model/context';
import type { CliIo } from './io';
import { loadContext, parseArgs, UsageError } from './common';
import { loadLab } from './xml';
import { runLibvirtSchemaCheck } from '../libvirtxml';
import { inventoryOfLabHost, type Inventory } from '../model/inventory';

const VERSION = '0.1.0';
const UNPARSEABLE = new Set(['BDM-JSON-SYNTAX', 'LIBVIRT-XML-WELLFORMED']);

type Result = { file: string; text: string; analysis: DocumentAnalysis };

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { context: 'string', format: 'string', lab: 'string', 'no-libvirt-schema': 'boolean' });
  const format = (args.options.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  if (args.positional.length === 0) throw new UsageError('check needs at least one FILE');
  const context = loadContext(args.options.context as string | undefined, io);
  // With --lab, Glance/Cinder contents come from the lab host and the data-dependent rules run.
  const inventory = args.options.lab ? inventoryOfLabHost(loadLab(String(args.options.lab), io)) : undefined;
  const results: Result[] = [];
  for (const file of args.positional) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      io.stderr(`bdm-lab: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    const analysis = judge(file, text, context, inventory);
    // libvirt XML: libvirt's own schema has the last word where it is installed.
    if (analysis.language === 'xml' && !args.options['no-libvirt-schema'] && !analysis.diagnostics.some((d) => UNPARSEABLE.has(d.code))) {
      await withLibvirtSchema(analysis, text);
    }
    results.push({ file, text, analysis });
  }
  if (format === 'json') io.stdout(JSON.stringify(toJson(results), null, 2) + '\n');
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(results), null, 2) + '\n');
  else io.stdout(toText(results));
  const bad = results.filter((r) => r.analysis.diagnostics.some((d) => UNPARSEABLE.has(d.code)));
  for (const r of bad) {
    const d = r.analysis.diagnostics.find((x) => UNPARSEABLE.has(x.code))!;
    const p = new LineIndex(r.text).position(d.span.offset);
    io.stderr(`bdm-lab: ${r.file}:${p.line + 1}:${p.character + 1}: cannot parse: ${d.explanation || d.message}\n`);
  }
  if (bad.length) return 2;
  return results.some((r) => !r.analysis.valid) ? 1 : 0;
}

export function judge(file: string, text: string, context: Context, inventory?: Inventory): DocumentAnalysis {
  const language = languageOf(file, text);
  // A file named on the command line is judged as a request body even if it does not look like one.
  return analyzeDocument(text, language, context, { forced: true, allowComments: file.endsWith('.jsonc'), inventory });
}

function range(idx: LineIndex, span: { offset: number; length: number }) {
  return { start: idx.position(span.offset), end: idx.position(span.offset + span.length) };
}

export function toJson(results: Result[]) {
  return {
    files: results.map(({ file, text, analysis }) => {
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
      };
    }),
  };
}

function toText(results: Result[]): string {
  let out = '';
  for (const { file, text, analysis } of results) {
    const idx = new LineIndex(text);
    for (const d of analysis.diagnostics) {
      const p = idx.position(d.span.offset);
      const status = d.novaStatus ? ` (HTTP ${d.novaStatus})` : '';
      out += `${file}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code}${status}: ${d.message.replace(/\n/g, '\n    ')}\n`;
    }
    const classes = analysis.entries.map((e) => `#${e.index} ${e.driverClass ?? '(no driver class)'}`).join(', ');
    const verdict = analysis.verdict ? ` (${analysis.verdict.httpStatus ? `Nova answers HTTP ${analysis.verdict.httpStatus}, ` : ''}${analysis.verdict.code})` : '';
    out += `${file}: ${analysis.valid ? 'valid' : 'invalid'}${verdict}${classes ? `; entries: ${classes}` : ''}\n`;
  }
  return out;
}

function toSarif(results: Result[]) {
  const ruleIds = [...new Set(results.flatMap((r) => r.analysis.diagnostics.map((d) => d.code)))];
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'bdm-lab', version: VERSION, rules: ruleIds.map((id) => ({ id })) } },
      results: results.flatMap(({ file, text, analysis }) => {
        const idx = new LineIndex(text);
        return analysis.diagnostics.map((d) => {
          const r = range(idx, d.span);
          return {
            ruleId: d.code,
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

async function withLibvirtSchema(analysis: DocumentAnalysis, text: string): Promise<void> {
  const r = await runLibvirtSchemaCheck(text).catch(() => ({ available: false, problems: [] }));
  if (!r.available) return;
  for (const p of r.problems) {
    analysis.diagnostics.push({ code: p.id, severity: p.severity, message: p.message, novaMessage: p.message, explanation: '', span: p.span, entry: null, path: '', novaStatus: null, upstream: "virt-xml-validate (libvirt's RelaxNG schema)", related: [] });
  }
  const firstError = analysis.diagnostics.find((d) => d.severity === 'error');
  analysis.valid = !firstError;
  analysis.verdict = firstError ? { httpStatus: 0, code: firstError.code, message: firstError.message } : null;
}
