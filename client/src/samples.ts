/** Open a Sample Request Body: the walkthrough's first step, in any window. */
import * as vscode from 'vscode';

export function sampleCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('bdmLab.openSample', async (name?: string) => {
      // A copy in an untitled editor: the walkthrough works in any window, and nothing is written.
      const samples: Record<string, string> = { broken: 'broken.bdm.json', 'boot-from-volume': 'boot-from-volume.bdm.json', attach: 'attach.json', 'volume-type': 'volume-type.json' };
      let file = typeof name === 'string' ? samples[name] : undefined;
      if (!file) {
        const chosen = await vscode.window.showQuickPick(Object.entries(samples).map(([label, f]) => ({ label, description: f })), { title: 'Open a sample request body' });
        if (!chosen) return;
        file = chosen.description;
      }
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'samples', 'workspace', file)));
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
      await vscode.window.showTextDocument(doc);
      return doc.uri.toString();
    }),
  ];
}
