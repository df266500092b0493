/** The only place where offsets become LSP ranges and findings become Diagnostics. */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisDiagnostic } from '../analyze';
import type { Span } from '../text/span';

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.offset), end: doc.positionAt(span.offset + span.length) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;

export function toDiagnostic(doc: TextDocument, d: AnalysisDiagnostic): Diagnostic {
  return {
    range: toRange(doc, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'bdm-lab',
    message: d.novaStatus ? `${d.message}\n(Nova: HTTP ${d.novaStatus}${d.novaStatus === 500 ? ', a crash in Nova' : ''}; ${d.upstream})` : d.message,
    data: { entry: d.entry, path: d.path, novaStatus: d.novaStatus },
    relatedInformation: d.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message })),
  };
}
