/**
 * Code actions: quick fixes for this server's diagnostics (keyed by rule id) and rewrites. A
 * client that resolves code actions gets the list without the costly edits (the JSON editor's
 * formatted edit: on a one-line body, the whole line per fix) and each edit when it applies the fix.
 */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../convert';
import type { Services } from '../services';
import type { CodeActionAnswer, DiagnosticRef } from '../../features/requests';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite];

/** What a lazily listed action carries to its resolve: the version, its diagnostic and title. */
interface ResolveData { uri: string; version: number; diagnostic: DiagnosticRef | null }

export function register(connection: Connection, services: Services): void {
  connection.onCodeAction((params) => services.runSafe(async (): Promise<CodeAction[]> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const sent = params.context.diagnostics.filter((d) => d.source === 'bdm-lab');
    const refs = sent.map((d) => ({ code: String(d.code), offset: doc.offsetAt(d.range.start) }));
    const refactor = !params.context.only || params.context.only.some((k) => k.startsWith('refactor'));
    const lazy = services.resolvesCodeActionEdits;
    return (await services.ask(doc, 'codeAction', { diagnostics: refs, refactor, lazy })).map((a): CodeAction => ({
      title: a.title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
      diagnostics: a.diagnostic === null ? [] : [sent[a.diagnostic]],
      isPreferred: a.preferred,
      edit: workspaceEdit(doc, a.edits),
      command: a.command,
      ...(a.resolve ? { data: { uri: doc.uri, version: doc.version, diagnostic: a.diagnostic === null ? null : refs[a.diagnostic] } satisfies ResolveData } : {}),
    }));
  }, [], 'codeAction'));

  // The edit of the action the user picked, on the version it was listed for (an older one: no edit).
  connection.onCodeActionResolve((action) => services.runSafe(async (): Promise<CodeAction> => {
    const data = action.data as Partial<ResolveData> | undefined;
    const doc = typeof data?.uri === 'string' ? services.documents.get(data.uri) : undefined;
    if (!doc || !data || doc.version !== data.version || data.diagnostic === undefined) return action;
    const edits = await services.ask(doc, 'codeActionEdits', { diagnostic: data.diagnostic, title: action.title });
    return edits ? { ...action, edit: workspaceEdit(doc, edits) } : action;
  }, action, 'codeActionResolve'));
}

function workspaceEdit(doc: TextDocument, edits: CodeActionAnswer['edits']): CodeAction['edit'] {
  return edits.length ? { changes: { [doc.uri]: edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } } : undefined;
}
