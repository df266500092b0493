/**
 * The commands that change a setting (Set Microversion, Select Lab Host): each says which
 * settings file it would write and asks first.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LabHostsRequest } from '../../server/src/protocol';
import type { CurrentClient } from './util';

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
export type SettingTarget = 'workspace' | 'user';
export interface WriteOptions { target?: SettingTarget }

/**
 * Asks where a setting should go, naming the file it writes, before anything is written.
 * Returns undefined when the user cancels.
 */
export async function chooseTarget(setting: string, value: string, given: SettingTarget | undefined, scope?: vscode.Uri): Promise<vscode.ConfigurationTarget | undefined> {
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

/** Set Microversion and Select Lab Host; `refreshStatus` runs after a change. */
export function settingsCommands(currentClient: CurrentClient, refreshStatus: () => Promise<void>): vscode.Disposable[] {
  return [
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
  ];
}
