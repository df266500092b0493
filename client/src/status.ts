/**
 * The context a document is judged with (microversion, lab host, flavor): a language status
 * item, a status bar item for block-device documents, and the picker both open (Show Context).
 */
import * as vscode from 'vscode';
import { StatusRequest } from '../../server/src/protocol';
import type { CurrentClient } from './util';

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** The status items and Show Context; `refresh` asks the server again for the active editor. */
export function contextStatus(currentClient: CurrentClient): { refresh: () => Promise<void>; disposables: vscode.Disposable[] } {
const status = vscode.languages.createLanguageStatusItem('bdmLab.context', ['json', 'jsonc', 'xml', 'yaml', 'shellscript', 'markdown', 'terraform'].map((language) => ({ language })));
status.name = 'bdm-lab context';
status.command = { title: 'Change…', command: 'bdmLab.showContext' };
// The same context as a status bar item of its own, shown for block-device documents only:
// the language status above is hidden in the {} menu until pinned.
const bar = vscode.window.createStatusBarItem('bdmLab.context', vscode.StatusBarAlignment.Right, 100);
bar.name = 'bdm-lab context';
bar.command = 'bdmLab.showContext';
let typing: ReturnType<typeof setTimeout> | undefined;
const refreshStatus = async () => {
  const ed = vscode.window.activeTextEditor;
  if (!ed) { bar.hide(); return; }
  const s = await currentClient().then((c) => c.sendRequest(StatusRequest, { uri: ed.document.uri.toString() })).catch(() => null);
  if (!s || !s.kind) { status.text = 'bdm-lab: not a block-device document'; status.detail = ''; bar.hide(); return; }
  const fl = s.flavor ? `flavor ${s.flavor.root_gb}/${s.flavor.ephemeral_gb} GiB, swap ${s.flavor.swap_mb} MiB` : 'flavor unknown';
  // a script, template or playbook: each request goes at its tool's microversion, not the context's
  const sent = s.sent ?? [];
  const mvs = [...new Set(sent.map((x) => x.microversion))].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  // a tool's label without its parenthesised detail ("openstack CLI (server create)" -> "openstack CLI")
  const tools = [...new Set(sent.map((x) => { const i = x.tool.indexOf(' ('); return i < 0 ? x.tool : x.tool.slice(0, i); }))];
  const microversion = sent.length ? (mvs.length === 1 ? mvs[0]! : `${mvs[0]}–${mvs[mvs.length - 1]}`) : s.microversion;
  const sender = sent.length ? ` (${tools.length === 1 ? tools[0] : `${tools.length} tools`})` : '';
  const sentLines = sent.map((x) => `- ${x.tool} sends microversion ${x.microversion}`);
  status.text = `Nova ${microversion}${sender} · lab ${s.labHost ?? '-'}`;
  status.detail = `${fl} — microversion from ${s.sources.microversion}${s.contextRules?.length ? ` (${s.contextRules.join(', ')})` : ''}${s.contextFile ? `, context ${vscode.workspace.asRelativePath(s.contextFile)}` : ''}${s.contextProblem ? ` (invalid: ${s.contextProblem})` : ''}`;
  const problems = [...(s.contextProblem ? [`context file invalid: ${s.contextProblem}`] : []), ...(s.settingsProblems ?? [])];
  status.severity = problems.length ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  if (s.settingsProblems?.length) status.detail += ` — ${s.settingsProblems.join(' ')}`;
  // a per-file context ($bdm modeline, bdmLab.contexts) is named in the item itself
  const own = s.contextRules?.length ? ` · ${s.contextRules[0]!.startsWith('$bdm') ? '$bdm' : s.contextFile ? baseName(s.contextFile) : 'bdmLab.contexts'}` : '';
  bar.text = `${problems.length ? '$(warning)' : '$(server)'} Nova ${microversion}${sender} · ${s.labHost ?? 'default'}${own}`;
  bar.tooltip = new vscode.MarkdownString([
    sent.length
      ? `**bdm-lab** judges each request as Nova would at the microversion its tool sends:\n\n${sentLines.join('\n')}`
      : `**bdm-lab** judges this file as Nova ${s.microversion} would (from ${s.sources.microversion}).`,
    `Lab host: ${s.labHost ?? 'default'} · ${fl} (from ${s.sources.flavor})${s.contextFile ? ` · context ${vscode.workspace.asRelativePath(s.contextFile)}` : ''}`,
    ...(s.contextRules?.length ? [`This file's own context: ${s.contextRules.join(', then ')}.`] : []),
    ...problems.map((p) => `$(warning) ${p}`),
    'Click to change the microversion, the lab host or the flavor.',
  ].join('\n\n'), true);
  bar.backgroundColor = problems.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  bar.show();
};
  return {
    refresh: refreshStatus,
    disposables: [
      status,
      bar,
      vscode.window.onDidChangeActiveTextEditor(() => void refreshStatus()),
      // a $bdm modeline typed or changed in the active document changes its context
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== vscode.window.activeTextEditor?.document || !e.contentChanges.some((c) => c.range.start.line < 5)) return;
        clearTimeout(typing);
        typing = setTimeout(() => void refreshStatus(), 400);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('bdmLab')) setTimeout(() => void refreshStatus(), 300); }),
      vscode.commands.registerCommand('bdmLab.showContext', async () => {
        const ed = vscode.window.activeTextEditor;
        const s = ed ? await currentClient().then((c) => c.sendRequest(StatusRequest, { uri: ed.document.uri.toString() })).catch(() => null) : null;
        const items: Array<vscode.QuickPickItem & { run: () => Thenable<unknown> }> = [
          { label: `$(versions) Microversion ${s?.microversion ?? '?'}`, description: s ? `from ${s.sources.microversion}` : '', detail: 'Change the compute API microversion bdm-lab judges with', run: () => vscode.commands.executeCommand('bdmLab.setMicroversion') },
          { label: `$(server) Lab host ${s?.labHost ?? '?'}`, detail: 'Change the lab host for previews, ids and Simulate Attach', run: () => vscode.commands.executeCommand('bdmLab.selectLabHost') },
          { label: `$(symbol-numeric) Flavor ${s?.flavor ? `${s.flavor.root_gb}/${s.flavor.ephemeral_gb} GiB, swap ${s.flavor.swap_mb} MiB` : 'unknown'}`, description: s ? `from ${s.sources.flavor}` : '', detail: s?.contextFile ? `Open ${baseName(s.contextFile)}, the context file this file is judged with` : 'Open the bdmLab.flavor setting ({"rootGb", "ephemeralGb", "swapMb"})', run: () => (s?.contextFile ? vscode.window.showTextDocument(vscode.Uri.file(s.contextFile)) : vscode.commands.executeCommand('workbench.action.openSettings', 'bdmLab.flavor')) },
          ...(s?.settingsProblems ?? []).map((p) => ({ label: `$(warning) ${p}`, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'bdmLab') })),
          { label: '$(output) Show the bdm-lab output', run: () => vscode.commands.executeCommand('bdmLab.showOutput') },
        ];
        const chosen = await vscode.window.showQuickPick(items, { title: s?.kind ? `bdm-lab: the context of ${vscode.workspace.asRelativePath(ed!.document.uri)}` : 'bdm-lab context' });
        if (chosen) await chosen.run();
      }),
    ],
  };
}
