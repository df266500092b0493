/**
 * The VS Code side: starts the language server over IPC, registers the commands and the
 * status item. No Nova rule lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusRequest, type StatusResult } from '../../server/src/protocol';

let client: LanguageClient | undefined;

const MICROVERSIONS = ['2.0', '2.1', '2.19', '2.32', '2.33', '2.37', '2.42', '2.49', '2.52', '2.57', '2.60', '2.63', '2.67', '2.74', '2.79', '2.90', '2.94', '2.100', '2.101'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('bdm-lab');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' }, { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'json' }, { scheme: 'untitled', language: 'jsonc' }, { scheme: 'untitled', language: 'xml' },
    ],
    synchronize: {
      configurationSection: 'bdmLab',
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.bdm-context.json'), vscode.workspace.createFileSystemWatcher('**/*.labhost.json')],
    },
    outputChannel: output,
  };
  client = new LanguageClient('bdmLab', 'bdm-lab', serverOptions, clientOptions);
  await client.start();

  const status = vscode.languages.createLanguageStatusItem('bdmLab.context', [{ language: 'json' }, { language: 'jsonc' }, { language: 'xml' }]);
  status.name = 'bdm-lab context';
  status.command = { title: 'Set Microversion', command: 'bdmLab.setMicroversion' };
  const refreshStatus = async () => {
    const ed = vscode.window.activeTextEditor;
    if (!ed || !client) return;
    const s = await client.sendRequest<StatusResult | null>(StatusRequest, { uri: ed.document.uri.toString() }).catch(() => null);
    if (!s || !s.kind) { status.text = 'bdm-lab: not a block-device document'; status.detail = ''; return; }
    const fl = s.flavor ? `flavor ${s.flavor.root_gb}/${s.flavor.ephemeral_gb} GiB, swap ${s.flavor.swap_mb} MiB` : 'flavor unknown';
    status.text = `Nova ${s.microversion}`;
    status.detail = `${fl} — microversion from ${s.sources.microversion}${s.contextFile ? `, context ${vscode.workspace.asRelativePath(s.contextFile)}` : ''}${s.contextProblem ? ` (invalid: ${s.contextProblem})` : ''}`;
    status.severity = s.contextProblem ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };
  context.subscriptions.push(
    status,
    output,
    vscode.window.onDidChangeActiveTextEditor(() => void refreshStatus()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('bdmLab')) setTimeout(() => void refreshStatus(), 300); }),
    vscode.commands.registerCommand('bdmLab.setMicroversion', async (value?: string) => {
      let mv = typeof value === 'string' ? value : undefined;
      if (!mv) {
        const pick = await vscode.window.showQuickPick([...MICROVERSIONS, 'Other…'], { title: 'Compute API microversion Nova should judge with', placeHolder: 'e.g. 2.67 allows volume_type' });
        if (!pick) return;
        mv = pick === 'Other…' ? await vscode.window.showInputBox({ prompt: 'Microversion (2.N)', validateInput: (v) => (/^2\.\d+$/.test(v) ? null : 'Write it as 2.N, e.g. 2.67') }) : pick;
      }
      if (!mv || !/^2\.\d+$/.test(mv)) {
        void vscode.window.showErrorMessage(`bdm-lab: "${mv}" is not a microversion (2.N).`);
        return;
      }
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration('bdmLab').update('microversion', mv, target);
      void vscode.window.showInformationMessage(`bdm-lab: judging with microversion ${mv}`);
      void refreshStatus();
    }),
    vscode.commands.registerCommand('bdmLab.showOutput', () => output.show()),
  );
  void refreshStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
