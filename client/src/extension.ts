/**
 * The VS Code side: starts the language server over IPC, registers the commands and the
 * status item. No Nova rule lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusRequest, PreviewRequest, SimulateRequest, LabHostsRequest, type StatusResult, type PreviewResult, type RealPlanShown } from '../../server/src/protocol';
import { showAttachPanel } from './attachPanel';

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
    // Untrusted workspaces get validation only: no programs run (virt-xml-validate, virsh) and no lab-host files are read.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('bdmLab', 'bdm-lab', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(async () => {
    clientOptions.initializationOptions = { trusted: true };
    await client?.stop();
    client = new LanguageClient('bdmLab', 'bdm-lab', serverOptions, clientOptions);
    await client.start();
  }));

  const preview = new PreviewProvider(client);
  const status = vscode.languages.createLanguageStatusItem('bdmLab.context', [{ language: 'json' }, { language: 'jsonc' }, { language: 'xml' }]);
  status.name = 'bdm-lab context';
  status.command = { title: 'Set Microversion', command: 'bdmLab.setMicroversion' };
  const refreshStatus = async () => {
    const ed = vscode.window.activeTextEditor;
    if (!ed || !client) return;
    const s = await client.sendRequest<StatusResult | null>(StatusRequest, { uri: ed.document.uri.toString() }).catch(() => null);
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
      const ed = vscode.window.activeTextEditor;
      const info = await client!.sendRequest<{ embedded: string[]; current: string }>(LabHostsRequest, { uri: ed?.document.uri.toString() });
      let pick = typeof value === 'string' ? value : undefined;
      if (!pick) {
        const items = [...info.embedded.map((n) => ({ label: n, description: n === info.current ? 'active' : 'embedded' })), { label: 'Browse…', description: 'a *.labhost.json file' }];
        const chosen = await vscode.window.showQuickPick(items, { title: 'Lab host for previews and Simulate Attach' });
        if (!chosen) return;
        if (chosen.label === 'Browse…') {
          const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Lab host': ['json'] } });
          if (!files?.length) return;
          pick = files[0].fsPath;
        } else pick = chosen.label;
      }
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration('bdmLab').update('labHost', pick, target);
      void vscode.window.showInformationMessage(`bdm-lab: lab host ${pick}`);
      void refreshStatus();
    }),
    vscode.commands.registerCommand('bdmLab.simulateAttach', async (uri?: string | vscode.Uri, args?: { instance?: string; volume?: string; detachAfter?: number; detachAt?: string; realLibvirt?: boolean; confirmedPlan?: RealPlanShown }) => {
      if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('bdm-lab: Simulate Attach needs a trusted workspace (untrusted workspaces get validation only).');
      const source = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (!source) return void vscode.window.showWarningMessage('bdm-lab: open a volumeAttachment body or a server-create payload first.');
      const params: Record<string, unknown> = { uri: source.toString(), ...(args ?? {}) };
      const doc = await vscode.workspace.openTextDocument(source);
      const isAttach = /"volumeAttachment"\s*:/.test(doc.getText());
      if (isAttach && !args?.instance) {
        const lab = await client!.sendRequest<{ instances: Array<{ uuid: string; name?: string; vm_state: string }>; current: string }>(LabHostsRequest, { uri: source.toString() });
        if (lab.instances.length > 1) {
          const chosen = await vscode.window.showQuickPick(lab.instances.map((i) => ({ label: i.name ?? i.uuid, description: `${i.vm_state} · ${i.uuid}`, uuid: i.uuid })), { title: `Attach to which instance on lab host "${lab.current}"?` });
          if (!chosen) return;
          params.instance = chosen.uuid;
        }
      }
      const r = await client!.sendRequest<{ error?: string; kind?: 'attach' | 'boot'; result?: unknown; text?: string; labHost?: string; realLibvirtAvailable?: boolean; realPlan?: RealPlanShown }>(SimulateRequest, params);
      if (r.error) return void vscode.window.showErrorMessage(`bdm-lab: ${r.error}`);
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
    }),
  );
  void refreshStatus();
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
  constructor(private readonly lc: LanguageClient) {}

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

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = decodeURIComponent(uri.query);
    const r = await this.lc.sendRequest<PreviewResult | null>(PreviewRequest, { uri: source });
    return r?.xml ?? '<!-- bdm-lab: open the payload to preview it -->\n';
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
