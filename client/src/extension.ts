/**
 * The VS Code side: starts the language server over IPC, registers the commands and the
 * status item. No Nova rule lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusRequest, PreviewRequest, SimulateRequest, LabHostsRequest, type RealPlanShown, type SimulateParams } from '../../server/src/protocol';
import { showAttachPanel } from './attachPanel';

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

const MICROVERSIONS = ['2.0', '2.1', '2.19', '2.32', '2.33', '2.37', '2.42', '2.49', '2.52', '2.57', '2.60', '2.63', '2.67', '2.74', '2.79', '2.90', '2.94', '2.100', '2.101'];

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
    ],
    synchronize: {
      configurationSection: 'bdmLab',
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.bdm-context.json'), vscode.workspace.createFileSystemWatcher('**/*.labhost.json')],
    },
    outputChannel: output,
    middleware: {
      workspace: {
        // Tell the server where bdmLab.labHost came from: a lab-host file outside the workspace
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
            return { ...(value as object), labHostScope };
          });
        },
      },
    },
    // Untrusted workspaces get validation only: no programs run (virt-xml-validate, virsh) and no lab-host files are read.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
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
      clientOptions.initializationOptions = { trusted: startedTrusted };
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
  const status = vscode.languages.createLanguageStatusItem('bdmLab.context', [{ language: 'json' }, { language: 'jsonc' }, { language: 'xml' }]);
  status.name = 'bdm-lab context';
  status.command = { title: 'Set Microversion', command: 'bdmLab.setMicroversion' };
  const refreshStatus = async () => {
    const ed = vscode.window.activeTextEditor;
    if (!ed) return;
    const s = await currentClient().then((c) => c.sendRequest(StatusRequest, { uri: ed.document.uri.toString() })).catch(() => null);
    if (!s || !s.kind) { status.text = 'bdm-lab: not a block-device document'; status.detail = ''; return; }
    const fl = s.flavor ? `flavor ${s.flavor.root_gb}/${s.flavor.ephemeral_gb} GiB, swap ${s.flavor.swap_mb} MiB` : 'flavor unknown';
    status.text = `Nova ${s.microversion} · lab ${s.labHost ?? '-'}`;
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
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.workspace.onDidChangeTextDocument((e) => preview.changed(e.document.uri)),
    vscode.commands.registerCommand('bdmLab.previewDomainDisks', async (uri?: string | vscode.Uri) => {
      const source = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (!source) return void vscode.window.showWarningMessage('bdm-lab: open a server-create payload first.');
      const doc = await vscode.workspace.openTextDocument(preview.uriFor(source));
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
    vscode.commands.registerCommand('bdmLab.selectLabHost', async (value?: string) => {
      if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('bdm-lab: Select Lab Host needs a trusted workspace (untrusted workspaces get validation only).');
      const ed = vscode.window.activeTextEditor;
      const info = await (await currentClient()).sendRequest(LabHostsRequest, { uri: ed?.document.uri.toString() });
      let target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      let scope: vscode.Uri | undefined;
      let pick = typeof value === 'string' ? value : undefined;
      if (!pick) {
        const items = [...info.embedded.map((n) => ({ label: n, description: n === info.current ? 'active' : 'embedded' })), { label: 'Browse…', description: 'a *.labhost.json file' }];
        const chosen = await vscode.window.showQuickPick(items, { title: 'Lab host for previews and Simulate Attach' });
        if (!chosen) return;
        if (chosen.label === 'Browse…') {
          const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Lab host': ['labhost.json'] } });
          if (!files?.length) return;
          if (!files[0].path.endsWith('.labhost.json')) return void vscode.window.showErrorMessage('bdm-lab: a lab-host file must be named *.labhost.json.');
          // Inside a workspace folder: a path relative to it, in that folder's settings. Elsewhere:
          // the user's own settings, the only place the server accepts an outside path from.
          const folder = vscode.workspace.getWorkspaceFolder(files[0]);
          if (folder) {
            pick = path.relative(folder.uri.fsPath, files[0].fsPath);
            scope = folder.uri;
            target = vscode.ConfigurationTarget.WorkspaceFolder;
          } else {
            pick = files[0].fsPath;
            target = vscode.ConfigurationTarget.Global;
          }
        } else pick = chosen.label;
      }
      await vscode.workspace.getConfiguration('bdmLab', scope).update('labHost', pick, target);
      void vscode.window.showInformationMessage(`bdm-lab: lab host ${pick}`);
      void refreshStatus();
    }),
    vscode.commands.registerCommand('bdmLab.simulateAttach', async (uri?: string | vscode.Uri, args?: { instance?: string; volume?: string; detachAfter?: number; detachAt?: string; realLibvirt?: boolean; confirmedPlan?: RealPlanShown }) => {
      if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('bdm-lab: Simulate Attach needs a trusted workspace (untrusted workspaces get validation only).');
      const source = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (!source) return void vscode.window.showWarningMessage('bdm-lab: open a volumeAttachment body or a server-create payload first.');
      const params: SimulateParams = { uri: source.toString(), ...(args ?? {}) };
      const doc = await vscode.workspace.openTextDocument(source);
      const isAttach = /"volumeAttachment"\s*:/.test(doc.getText());
      if (isAttach && !args?.instance) {
        const lab = await (await currentClient()).sendRequest(LabHostsRequest, { uri: source.toString() });
        if (lab.instances.length > 1) {
          const chosen = await vscode.window.showQuickPick(lab.instances.map((i) => ({ label: i.name ?? i.uuid, description: `${i.vm_state} · ${i.uuid}`, uuid: i.uuid })), { title: `Attach to which instance on lab host "${lab.current}"?` });
          if (!chosen) return;
          params.instance = chosen.uuid;
        }
      }
      const r = await (await currentClient()).sendRequest(SimulateRequest, params);
      if (r.error) {
        void vscode.window.showErrorMessage(`bdm-lab: ${r.error}`);
        return { error: r.error };
      }
      output.appendLine(`--- Simulate Attach: ${vscode.workspace.asRelativePath(source)} on lab host "${r.labHost}"`);
      output.append(r.text ?? '');
      showAttachPanel(context, `Simulate Attach: ${vscode.workspace.asRelativePath(source)}`, r.kind ?? 'attach', r.result, r.labHost ?? '');
      if (r.realLibvirtAvailable && !args?.realLibvirt && (r.result as { outcome?: string })?.outcome === 'attached') {
        if (!vscode.workspace.isTrusted) return;
        const plan = r.realPlan;
        if (!plan) return;
        const detail = realPlanDetail(plan);
        if (plan.refused) {
          void vscode.window.showWarningMessage('bdm-lab: the lab host names a real libvirt domain, but the real attach step will not run.', { modal: true, detail });
          return;
        }
        const go = await vscode.window.showWarningMessage('Run the libvirt attach step for real (virsh attach-device) on this host?', { modal: true, detail }, 'Attach for real');
        if (go === 'Attach for real') await vscode.commands.executeCommand('bdmLab.simulateAttach', source, { ...params, realLibvirt: true, confirmedPlan: plan });
      }
      // The command's value: what was simulated, for callers of executeCommand.
      return { kind: r.kind, result: r.result, labHost: r.labHost };
    }),
  );
  void refreshStatus();
  return { restartLanguageServer: restart };
}

/** Control characters shown as escapes, so a hostile name cannot disguise the confirmation. */
function visible(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function realPlanDetail(plan: RealPlanShown): string {
  return [
    ...(plan.refused ? [`Not run: ${visible(plan.refused)}`, ''] : []),
    `libvirt URI: ${visible(plan.uri)}`,
    `Domain: ${visible(plan.domain)}`,
    `Source file: ${plan.sourcePath === null ? '(none)' : visible(plan.sourcePath)}`,
    '',
    'Disk XML handed to virsh attach-device:',
    visible(plan.xml ?? '(none)'),
  ].join('\n');
}

const PREVIEW_SCHEME = 'bdm-lab-preview';

function toUri(u: unknown): vscode.Uri | undefined {
  if (u instanceof vscode.Uri) return u;
  if (typeof u === 'string' && u) return vscode.Uri.parse(u);
  return undefined;
}

/** Read-only virtual documents with the <devices> disks of a payload, kept up to date. */
class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly open = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;
  /** `lc` answers the client of the moment: a restart replaces it (a stopped client fails every request). */
  constructor(private readonly lc: () => Promise<LanguageClient>) {}

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

export async function deactivate(): Promise<void> {
  while (restarting) await restarting.catch(() => {});
  await client?.stop();
}
