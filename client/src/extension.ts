/**
 * The VS Code side: starts the language server over IPC, registers the commands and the
 * status item. No Nova rule lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusRequest, PreviewRequest, SimulateRequest, LabHostsRequest, type LabHostsResult, type RealPlanShown, type SimulateParams } from '../../server/src/protocol';
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

/** The microversions where the server-create or volumeAttachment request changes, and what changes. */
const MICROVERSIONS: Array<{ mv: string; what: string }> = [
  { mv: '2.0', what: 'the v2.0 compatibility API: unknown keys are dropped, not refused' },
  { mv: '2.1', what: 'the base API (no header sent): no tag, no volume_type' },
  { mv: '2.19', what: 'server description' },
  { mv: '2.32', what: 'BDM tag allowed (only here until 2.42)' },
  { mv: '2.33', what: 'BDM tag refused again (kept for compatibility)' },
  { mv: '2.37', what: 'networks required ("auto" or "none")' },
  { mv: '2.42', what: 'BDM tag allowed again' },
  { mv: '2.49', what: 'volumeAttachment tag' },
  { mv: '2.52', what: 'server tags at create' },
  { mv: '2.57', what: 'personality removed' },
  { mv: '2.60', what: 'multiattach volumes' },
  { mv: '2.63', what: 'trusted image certificates' },
  { mv: '2.67', what: 'BDM volume_type' },
  { mv: '2.74', what: 'host and hypervisor_hostname at create' },
  { mv: '2.79', what: 'volumeAttachment delete_on_termination' },
  { mv: '2.90', what: 'hostname at create' },
  { mv: '2.94', what: 'hostname may be a FQDN' },
  { mv: '2.100', what: 'the last synchronous volume attach' },
  { mv: '2.101', what: 'volume attach answers 202 and finishes asynchronously' },
];

/** Where a command may write a setting; asked each time unless the caller says. */
type SettingTarget = 'workspace' | 'user';
interface WriteOptions { target?: SettingTarget }

/**
 * Asks where a setting should go, naming the file it writes, before anything is written.
 * Returns undefined when the user cancels.
 */
async function chooseTarget(setting: string, value: string, given: SettingTarget | undefined, scope?: vscode.Uri): Promise<vscode.ConfigurationTarget | undefined> {
  const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
  if (given === 'user' || !vscode.workspace.workspaceFolders?.length) {
    if (given) return vscode.ConfigurationTarget.Global;
  } else if (given === 'workspace') return vscode.ConfigurationTarget.Workspace;
  const file = folder ? vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'), true) : undefined;
  const items: Array<vscode.MessageItem & { target: vscode.ConfigurationTarget }> = [];
  if (file) items.push({ title: 'Workspace settings', target: vscode.ConfigurationTarget.Workspace });
  items.push({ title: 'User settings', target: vscode.ConfigurationTarget.Global });
  const detail = [
    `This sets "${setting}": ${JSON.stringify(value)}.`,
    file ? `Workspace settings: writes ${file} (a file you may share or track in git).` : '',
    'User settings: applies to every workspace of yours, unless a workspace sets it.',
  ].filter(Boolean).join('\n');
  const chosen = await vscode.window.showInformationMessage(`Where should bdm-lab keep ${setting} = ${value}?`, { modal: true, detail }, ...items);
  return chosen?.target;
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
  status.command = { title: 'Change…', command: 'bdmLab.showContext' };
  // The same context as a status bar item of its own, shown for block-device documents only:
  // the language status above is hidden in the {} menu until pinned.
  const bar = vscode.window.createStatusBarItem('bdmLab.context', vscode.StatusBarAlignment.Right, 100);
  bar.name = 'bdm-lab context';
  bar.command = 'bdmLab.showContext';
  const refreshStatus = async () => {
    const ed = vscode.window.activeTextEditor;
    if (!ed) { bar.hide(); return; }
    const s = await currentClient().then((c) => c.sendRequest(StatusRequest, { uri: ed.document.uri.toString() })).catch(() => null);
    if (!s || !s.kind) { status.text = 'bdm-lab: not a block-device document'; status.detail = ''; bar.hide(); return; }
    const fl = s.flavor ? `flavor ${s.flavor.root_gb}/${s.flavor.ephemeral_gb} GiB, swap ${s.flavor.swap_mb} MiB` : 'flavor unknown';
    status.text = `Nova ${s.microversion} · lab ${s.labHost ?? '-'}`;
    status.detail = `${fl} — microversion from ${s.sources.microversion}${s.contextFile ? `, context ${vscode.workspace.asRelativePath(s.contextFile)}` : ''}${s.contextProblem ? ` (invalid: ${s.contextProblem})` : ''}`;
    const problems = [...(s.contextProblem ? [`context file invalid: ${s.contextProblem}`] : []), ...(s.settingsProblems ?? [])];
    status.severity = problems.length ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    if (s.settingsProblems?.length) status.detail += ` — ${s.settingsProblems.join(' ')}`;
    bar.text = `${problems.length ? '$(warning)' : '$(server)'} Nova ${s.microversion} · ${s.labHost ?? 'default'}`;
    bar.tooltip = new vscode.MarkdownString([
      `**bdm-lab** judges this file as Nova ${s.microversion} would (from ${s.sources.microversion}).`,
      `Lab host: ${s.labHost ?? 'default'} · ${fl} (from ${s.sources.flavor})${s.contextFile ? ` · context ${vscode.workspace.asRelativePath(s.contextFile)}` : ''}`,
      ...problems.map((p) => `$(warning) ${p}`),
      'Click to change the microversion, the lab host or the flavor.',
    ].join('\n\n'), true);
    bar.backgroundColor = problems.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    bar.show();
  };
  context.subscriptions.push(
    status,
    bar,
    output,
    vscode.window.onDidChangeActiveTextEditor(() => void refreshStatus()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('bdmLab')) setTimeout(() => void refreshStatus(), 300); }),
    vscode.commands.registerCommand('bdmLab.setMicroversion', async (value?: string, opts?: WriteOptions) => {
      let mv = typeof value === 'string' ? value : undefined;
      if (!mv) {
        const current = vscode.workspace.getConfiguration('bdmLab', vscode.window.activeTextEditor?.document.uri).get<string>('microversion') ?? '2.1';
        mv = await pickMicroversion(current);
        if (!mv) return;
      }
      if (!/^2\.\d+$/.test(mv)) {
        void vscode.window.showErrorMessage(`bdm-lab: "${mv}" is not a microversion (2.N).`);
        return;
      }
      const target = await chooseTarget('bdmLab.microversion', mv, opts?.target);
      if (target === undefined) return;
      await vscode.workspace.getConfiguration('bdmLab').update('microversion', mv, target);
      void vscode.window.showInformationMessage(`bdm-lab: judging with microversion ${mv} (${target === vscode.ConfigurationTarget.Global ? 'user' : 'workspace'} settings)`);
      void refreshStatus();
    }),
    vscode.commands.registerCommand('bdmLab.showContext', async () => {
      const ed = vscode.window.activeTextEditor;
      const s = ed ? await currentClient().then((c) => c.sendRequest(StatusRequest, { uri: ed.document.uri.toString() })).catch(() => null) : null;
      const items: Array<vscode.QuickPickItem & { run: () => Thenable<unknown> }> = [
        { label: `$(versions) Microversion ${s?.microversion ?? '?'}`, description: s ? `from ${s.sources.microversion}` : '', detail: 'Change the compute API microversion bdm-lab judges with', run: () => vscode.commands.executeCommand('bdmLab.setMicroversion') },
        { label: `$(server) Lab host ${s?.labHost ?? '?'}`, detail: 'Change the lab host for previews, ids and Simulate Attach', run: () => vscode.commands.executeCommand('bdmLab.selectLabHost') },
        { label: `$(symbol-numeric) Flavor ${s?.flavor ? `${s.flavor.root_gb}/${s.flavor.ephemeral_gb} GiB, swap ${s.flavor.swap_mb} MiB` : 'unknown'}`, description: s ? `from ${s.sources.flavor}` : '', detail: s?.contextFile ? 'Open the .bdm-context.json this file is judged with' : 'Open the bdmLab.flavor setting ({"rootGb", "ephemeralGb", "swapMb"})', run: () => (s?.contextFile ? vscode.window.showTextDocument(vscode.Uri.file(s.contextFile)) : vscode.commands.executeCommand('workbench.action.openSettings', 'bdmLab.flavor')) },
        ...(s?.settingsProblems ?? []).map((p) => ({ label: `$(warning) ${p}`, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'bdmLab') })),
        { label: '$(output) Show the bdm-lab output', run: () => vscode.commands.executeCommand('bdmLab.showOutput') },
      ];
      const chosen = await vscode.window.showQuickPick(items, { title: s?.kind ? `bdm-lab: the context of ${vscode.workspace.asRelativePath(ed!.document.uri)}` : 'bdm-lab context' });
      if (chosen) await chosen.run();
    }),
    vscode.commands.registerCommand('bdmLab.simulateAttachWithOptions', async (uri?: string | vscode.Uri) => {
      if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('bdm-lab: Simulate Attach needs a trusted workspace (untrusted workspaces get validation only).');
      const source = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (!source) return void vscode.window.showWarningMessage('bdm-lab: open a volumeAttachment body first.');
      const doc = await vscode.workspace.openTextDocument(source);
      if (!/"volumeAttachment"\s*:/.test(doc.getText())) return void vscode.window.showWarningMessage('bdm-lab: Simulate Attach with Options works on a volumeAttachment body; for a server-create body use Simulate Attach (boot from volume).');
      const lab = await (await currentClient()).sendRequest(LabHostsRequest, { uri: source.toString() });
      const args = await askSimulateOptions(lab, doc.getText());
      if (!args) return;
      return vscode.commands.executeCommand('bdmLab.simulateAttach', source, args);
    }),
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
    vscode.commands.registerCommand('bdmLab.showOutput', () => output.show()),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.workspace.onDidChangeTextDocument((e) => preview.changed(e.document.uri)),
    vscode.commands.registerCommand('bdmLab.previewDomainDisks', async (uri?: string | vscode.Uri) => {
      const source = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
      if (!source) return void vscode.window.showWarningMessage('bdm-lab: open a server-create payload first.');
      const doc = await vscode.workspace.openTextDocument(preview.uriFor(source));
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
    vscode.commands.registerCommand('bdmLab.selectLabHost', async (value?: string, opts?: WriteOptions) => {
      if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('bdm-lab: Select Lab Host needs a trusted workspace (untrusted workspaces get validation only).');
      const ed = vscode.window.activeTextEditor;
      const info = await (await currentClient()).sendRequest(LabHostsRequest, { uri: ed?.document.uri.toString() });
      let target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      let scope: vscode.Uri | undefined;
      let pick = typeof value === 'string' ? value : undefined;
      let browsed = false;
      if (!pick) {
        const items = [...info.embedded.map((n) => ({ label: n, description: n === info.current ? '$(check) current' : 'embedded' })), { label: 'Browse…', description: 'a *.labhost.json file' }];
        const chosen = await vscode.window.showQuickPick(items, { title: 'Lab host for previews and Simulate Attach' });
        if (!chosen) return;
        if (chosen.label === 'Browse…') {
          const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Lab host': ['labhost.json'] } });
          if (!files?.length) return;
          if (!files[0].path.endsWith('.labhost.json')) return void vscode.window.showErrorMessage('bdm-lab: a lab-host file must be named *.labhost.json.');
          browsed = true;
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
      if (browsed) {
        // A file chosen in the dialog: its place decides the settings file; say which, and ask.
        const where = target === vscode.ConfigurationTarget.WorkspaceFolder ? vscode.workspace.asRelativePath(vscode.Uri.joinPath(scope!, '.vscode', 'settings.json'), true) : 'your user settings';
        const ok = opts?.target ? 'Set' : await vscode.window.showInformationMessage(`Set bdmLab.labHost = ${pick}?`, { modal: true, detail: `This writes ${where}.` }, 'Set');
        if (ok !== 'Set') return;
      } else {
        const chosenTarget = await chooseTarget('bdmLab.labHost', pick, opts?.target);
        if (chosenTarget === undefined) return;
        target = chosenTarget;
      }
      await vscode.workspace.getConfiguration('bdmLab', scope).update('labHost', pick, target);
      void vscode.window.showInformationMessage(`bdm-lab: lab host ${pick}`);
      void refreshStatus();
    }),
    vscode.commands.registerCommand('bdmLab.simulateAttach', async (uri?: string | vscode.Uri, args?: { instance?: string; volume?: string; profile?: string; detachAfter?: number; detachAt?: string; realLibvirt?: boolean; confirmedPlan?: RealPlanShown }) => {
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
      const c = await currentClient();
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `bdm-lab: simulating ${isAttach ? 'the attach' : 'the boot'} of ${vscode.workspace.asRelativePath(source)}…` },
        () => c.sendRequest(SimulateRequest, params),
      );
      if (r.error) {
        void vscode.window.showErrorMessage(`bdm-lab: ${r.error}`);
        return { error: r.error };
      }
      output.appendLine(`--- Simulate Attach: ${vscode.workspace.asRelativePath(source)} on lab host "${r.labHost}"`);
      output.append(r.text ?? '');
      showAttachPanel(context, `Simulate Attach: ${vscode.workspace.asRelativePath(source)}`, r.kind ?? 'attach', r.result, r.labHost ?? '');
      if (r.realLibvirtAvailable && !args?.realLibvirt && ((r.result as { attachOutcome?: string; outcome?: string })?.attachOutcome ?? (r.result as { outcome?: string })?.outcome) === 'attached') {
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

/** The microversion picker: what each one changes, the current one marked and focused. */
async function pickMicroversion(current: string): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { mv?: string }>();
  qp.title = 'Compute API microversion Nova should judge with';
  qp.placeholder = `Now ${current}; e.g. 2.67 allows volume_type`;
  const items = MICROVERSIONS.map(({ mv, what }) => ({ label: mv === current ? `$(check) ${mv}` : mv, description: mv === current ? `current · ${what}` : what, mv }));
  if (!MICROVERSIONS.some((m) => m.mv === current)) items.unshift({ label: `$(check) ${current}`, description: 'current', mv: current });
  qp.items = [...items, { label: 'Other…', description: 'type a microversion 2.N' }];
  qp.activeItems = qp.items.filter((i) => i.mv === current);
  const chosen = await new Promise<(vscode.QuickPickItem & { mv?: string }) | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (!chosen) return undefined;
  if (chosen.mv) return chosen.mv;
  return vscode.window.showInputBox({ prompt: 'Microversion (2.N)', value: current, validateInput: (v) => (/^2\.\d+$/.test(v) ? null : 'Write it as 2.N, e.g. 2.67') });
}

/** The release profiles of the attach engine, with what each stands for. */
const PROFILE_ITEMS: Array<{ profile: string; what: string }> = [
  { profile: 'modern', what: 'Nova ≥ 31, Cinder attachments 3.44, os-brick ≥ 6.10' },
  { profile: 'queens_to_2024_2', what: 'Nova 17–30: multipathd checked in the connector, no <alias> before 29' },
  { profile: 'ocata_legacy', what: 'os-reserve → os-initialize_connection → os-attach, by-path devices' },
  { profile: 'kilo_prefix', what: 'BDM saved after os-attach, detach without the instance lock: the detach race' },
];

type Pick<T> = vscode.QuickPickItem & { value: T };

/** One step of the options flow: a pick list with "step i of n"; undefined when cancelled. */
async function step<T>(title: string, n: number, items: Array<Pick<T>>, placeHolder: string): Promise<Pick<T> | undefined> {
  return vscode.window.showQuickPick(items, { title: `Simulate Attach (${n}/4): ${title}`, placeHolder, ignoreFocusOut: true });
}

/**
 * Simulate Attach with Options: instance, volume, release profile and a detach (the seed's race:
 * kilo_prefix, detach at in-use). Returns the simulate arguments, or undefined when cancelled.
 */
async function askSimulateOptions(lab: LabHostsResult, text: string): Promise<{ instance?: string; volume?: string; profile?: string; detachAt?: string; detachAfter?: number } | undefined> {
  let bodyVolume: string | undefined;
  try {
    const v = (JSON.parse(text) as { volumeAttachment?: { volumeId?: unknown } }).volumeAttachment?.volumeId;
    if (typeof v === 'string') bodyVolume = v;
  } catch { /* a body with a syntax error: the volume is picked from the list */ }
  const instance = await step('instance', 1, lab.instances.map((i) => ({ label: i.name ?? i.uuid, description: `${i.vm_state} · ${i.uuid}`, value: i.uuid })), `on lab host "${lab.current}"`);
  if (!instance) return undefined;
  const volumes: Array<Pick<string | undefined>> = lab.volumes.map((v) => ({
    label: v.name ?? v.id,
    description: `${v.id === bodyVolume ? '$(check) the body\'s · ' : ''}${v.status} · ${v.size} GiB${v.multiattach ? ' · multiattach' : ''} · ${v.id}`,
    value: v.id === bodyVolume ? undefined : v.id,
  }));
  if (bodyVolume && !lab.volumes.some((v) => v.id === bodyVolume)) volumes.unshift({ label: bodyVolume, description: `the body's volumeId: not on lab host "${lab.current}"`, value: undefined });
  volumes.sort((a, b) => Number(b.value === undefined) - Number(a.value === undefined));
  const volume = await step('volume', 2, volumes, 'the body\'s volumeId first');
  if (!volume) return undefined;
  const profile = await step('release profile', 3, [
    { label: 'the lab host\'s', description: 'as the lab-host file says', value: undefined as string | undefined },
    ...PROFILE_ITEMS.map((p) => ({ label: p.profile, description: p.what, value: p.profile as string | undefined })),
  ], 'which Nova, Cinder and os-brick releases to replay');
  if (!profile) return undefined;
  type Detach = { at?: string; after?: 'ask' } | null;
  const detach = await step<Detach>('detach', 4, [
    { label: 'No detach', description: 'attach only', value: null },
    { label: 'Detach when the volume is in-use', description: 'the seed\'s race with kilo_prefix', value: { at: 'in-use' } },
    { label: 'Detach when the volume is attaching', value: { at: 'attaching' } },
    { label: 'Detach when the volume is reserved', description: 'Cinder attachments only (not the legacy profiles)', value: { at: 'reserved' } },
    { label: 'Detach N seconds after in-use…', value: { after: 'ask' } },
  ], 'a client DELETE of the attachment while or after it runs');
  if (!detach) return undefined;
  let detachAfter: number | undefined;
  if (detach.value?.after) {
    const s = await vscode.window.showInputBox({ title: 'Simulate Attach: detach after', prompt: 'Seconds after the volume is in-use', value: '0', validateInput: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) ? null : 'A number of seconds ≥ 0') });
    if (s === undefined) return undefined;
    detachAfter = Number(s.trim());
  }
  return {
    instance: instance.value,
    ...(volume.value ? { volume: volume.value } : {}),
    ...(profile.value ? { profile: profile.value } : {}),
    ...(detach.value?.at ? { detachAt: detach.value.at } : {}),
    ...(detachAfter !== undefined ? { detachAfter } : {}),
  };
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
