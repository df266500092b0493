/** What the client's modules share: the language client of the moment, a URI from a command argument. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Resolves to the running language client (after a restart, the new one). */
export type CurrentClient = () => Promise<LanguageClient>;

export function toUri(u: unknown): vscode.Uri | undefined {
  if (u instanceof vscode.Uri) return u;
  if (typeof u === 'string' && u) return vscode.Uri.parse(u);
  return undefined;
}
