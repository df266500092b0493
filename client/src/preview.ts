/** The live preview of a payload's guest disks: read-only virtual documents beside the editor. */
import * as vscode from 'vscode';
import { PreviewRequest } from '../../server/src/protocol';
import { toUri, type CurrentClient } from './util';

export const PREVIEW_SCHEME = 'bdm-lab-preview';
/**
 * The preview's language: XML (VS Code's grammar) under an id of its own, whose editors wrap
 * long lines (package.json configurationDefaults): beside the payload, a <source> path or the
 * header comment was cut at the editor's edge.
 */
export const PREVIEW_LANGUAGE = 'bdm-disks-xml';

/** Read-only virtual documents with the <devices> disks of a payload, kept up to date. */
export class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly open = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;
  /** `lc` answers the client of the moment: a restart replaces it (a stopped client fails every request). */
  constructor(private readonly lc: CurrentClient) {}

  uriFor(source: vscode.Uri): vscode.Uri {
    const name = source.path.split('/').pop() ?? 'payload';
    const u = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name}.disks.xml`, query: encodeURIComponent(source.toString()) });
    this.open.set(source.toString(), u);
    return u;
  }

  changed(source: vscode.Uri): void {
    const u = this.open.get(source.toString());
    if (!u) return;
    if (this.timer) clearTimeout(this.timer);
    // The server judges after its own debounce; ask a little later.
    this.timer = setTimeout(() => this.emitter.fire(u), 400);
  }

  /** Every open preview asks again (after a restart of the language server). */
  refreshAll(): void {
    for (const u of this.open.values()) this.emitter.fire(u);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = decodeURIComponent(uri.query);
    const r = await (await this.lc()).sendRequest(PreviewRequest, { uri: source });
    return r?.xml ?? '<!-- bdm-lab: open the payload to preview it -->\n';
  }
}

/** The preview documents and Preview Domain Disks. */
export function previewCommands(preview: PreviewProvider): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.workspace.onDidChangeTextDocument((e) => preview.changed(e.document.uri)),
    vscode.commands.registerCommand('bdmLab.previewDomainDisks', async (uri?: string | vscode.Uri) => {
      const source = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (!source) return void vscode.window.showWarningMessage('bdm-lab: open a server-create payload first.');
      let doc = await vscode.workspace.openTextDocument(preview.uriFor(source));
      if (doc.languageId !== PREVIEW_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, PREVIEW_LANGUAGE);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
  ];
}
