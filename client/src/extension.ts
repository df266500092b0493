/**
 * The VS Code side: starts the language server over IPC (and restarts it on a trust grant)
 * and composes the client's parts: the context status, the settings commands, the preview,
 * Simulate Attach and the samples. No Nova rule lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PreviewProvider, previewCommands } from './preview';
import { sampleCommands } from './samples';
import { settingsCommands } from './settings';
import { simulateCommands } from './simulate';
import { contextStatus } from './status';

let client: LanguageClient | undefined;
/** The restart in progress (a trust grant, or the API): every user of the client waits for it. */
let restarting: Promise<void> | undefined;

/** The language client of the moment: after a restart, never the stopped one. */
async function currentClient(): Promise<LanguageClient> {
  while (restarting) await restarting;
  if (!client) throw new Error('bdm-lab: the language server is not running');
  return client;
}

/** What activate() hands to other extensions and to the end-to-end tests. */
export interface BdmLabApi {
  /** Stops the language server and starts a new one with the workspace's current trust, as a trust grant does. */
  restartLanguageServer(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<BdmLabApi> {
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
      // `openstack server create` commands in scripts and runbooks (issue 19)
      { scheme: 'file', language: 'shellscript' }, { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'shellscript' }, { scheme: 'untitled', language: 'markdown' },
      // Heat templates and Ansible tasks (YAML), Terraform (with or without an HCL extension)
      { scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'terraform' }, { scheme: 'file', pattern: '**/*.tf' },
    ],
    synchronize: {
      configurationSection: 'bdmLab',
      // *.conf: a nova.conf that bdmLab.novaConf or a context file's nova_conf names
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/{.bdm-context.json,*.bdm-context.json}'), vscode.workspace.createFileSystemWatcher('**/*.labhost.json'), vscode.workspace.createFileSystemWatcher('**/*.conf')],
    },
    outputChannel: output,
    middleware: {
      workspace: {
        // Tell the server where bdmLab.labHost (and bdmLab.novaConf) came from: a file outside the workspace
        // folders is read only when the user's own settings named it, never a workspace's.
        // Always overwritten, so a workspace cannot claim "user" through its own settings.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (item?.section !== 'bdmLab' || !value || typeof value !== 'object') return value;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const i2 = vscode.workspace.getConfiguration('bdmLab', scope).inspect<string>('labHost');
            const labHostScope = i2?.workspaceFolderValue !== undefined || i2?.workspaceValue !== undefined ? 'workspace' : i2?.globalValue !== undefined ? 'user' : 'default';
            // the same for bdmLab.novaConf (a nova.conf path)
            const i3 = vscode.workspace.getConfiguration('bdmLab', scope).inspect<string>('novaConf');
            const novaConfScope = i3?.workspaceFolderValue !== undefined || i3?.workspaceValue !== undefined ? 'workspace' : i3?.globalValue !== undefined ? 'user' : 'default';
            return { ...(value as object), labHostScope, novaConfScope };
          });
        },
      },
    },
    // Untrusted workspaces get validation only: no programs run (virt-xml-validate, virsh) and no lab-host files are read.
    initializationOptions: initOptions(vscode.workspace.isTrusted),
  };
  let startedTrusted = vscode.workspace.isTrusted;
  client = new LanguageClient('bdmLab', 'bdm-lab', serverOptions, clientOptions);
  await client.start();
  /** One restart at a time: a second request waits for the first, then runs on the new client. */
  const restart = (): Promise<void> => {
    const previous = restarting ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      const old = client;
      client = undefined;
      await old?.stop().catch((e: unknown) => output.appendLine(`bdm-lab: stopping the language server: ${(e as Error)?.message ?? e}`));
      startedTrusted = vscode.workspace.isTrusted;
      clientOptions.initializationOptions = initOptions(startedTrusted);
      const fresh = new LanguageClient('bdmLab', 'bdm-lab', serverOptions, clientOptions);
      await fresh.start();
      client = fresh;
    });
    const tracked = run.finally(() => {
      if (restarting === tracked) restarting = undefined;
    });
    restarting = tracked;
    return tracked.then(() => {
      preview.refreshAll();
      void refreshStatus();
    });
  };
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    // Granted twice (or already trusted at start): nothing to restart.
    if (startedTrusted) return;
    startedTrusted = true;
    void restart().catch((e: unknown) => output.appendLine(`bdm-lab: restarting the language server failed: ${(e as Error)?.message ?? e}`));
  }));

  const preview = new PreviewProvider(currentClient);
  const { refresh: refreshStatus, disposables: statusItems } = contextStatus(currentClient);
  context.subscriptions.push(
    output,
    ...statusItems,
    ...settingsCommands(currentClient, refreshStatus),
    ...previewCommands(preview),
    ...simulateCommands(context, output, currentClient),
    ...sampleCommands(context),
    vscode.commands.registerCommand('bdmLab.showOutput', () => output.show()),
  );
  void refreshStatus();
  return { restartLanguageServer: restart };
}

/**
 * What the server is told at start: the workspace's trust, and whether VS Code's JSON support
 * outlines JSON documents already (then the server's outline lists libvirt disks only: a body's
 * entries were listed twice, once by each provider).
 */
function initOptions(trusted: boolean): { trusted: boolean; jsonOutline?: 'editor' } {
  return { trusted, ...(vscode.extensions.getExtension('vscode.json-language-features') ? { jsonOutline: 'editor' as const } : {}) };
}

export async function deactivate(): Promise<void> {
  while (restarting) await restarting.catch(() => {});
  await client?.stop();
}
