/** Code actions: quick fixes for this server's diagnostics (keyed by rule id) and rewrites. */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import { toRange } from '../convert';
import type { Services } from '../services';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite];

export function register(connection: Connection, services: Services): void {
  connection.onCodeAction((params) => services.runSafe(async (): Promise<CodeAction[]> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const sent = params.context.diagnostics.filter((d) => d.source === 'bdm-lab');
    const refs = sent.map((d) => ({ code: String(d.code), offset: doc.offsetAt(d.range.start) }));
    const refactor = !params.context.only || params.context.only.some((k) => k.startsWith('refactor'));
    return (await services.ask(doc, 'codeAction', { diagnostics: refs, refactor })).map((a): CodeAction => ({
      title: a.title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
      diagnostics: a.diagnostic === null ? [] : [sent[a.diagnostic]],
      isPreferred: a.preferred,
      edit: a.edits.length ? { changes: { [doc.uri]: a.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } } : undefined,
      command: a.command,
    }));
  }, [], 'codeAction'));
}
