/**
 * Simulate Attach (and its options flow): asks the server for a simulation, shows the panel,
 * and, for a lab host with a real libvirt domain, asks before the real step runs.
 */
import * as vscode from 'vscode';
import { LabHostsRequest, SimulateRequest, type LabHostsResult, type RealPlanShown, type SimulateParams } from '../../server/src/protocol';
import type { PanelActions } from '../../server/src/ui';
import { showAttachPanel } from './attachPanel';
import { toUri, type CurrentClient } from './util';

type SimulateArgs = { instance?: string; volume?: string; profile?: string; detachAfter?: number; detachAt?: string; realLibvirt?: boolean; confirmedPlan?: RealPlanShown };

/** The run the panel shows: what its Re-run runs again and its Copy as CLI command copies. */
let shown: { source: vscode.Uri; args: SimulateArgs; cli: string | null } | undefined;

/** The panel's buttons for a run (links to the two panel commands). */
function panelActions(kind: 'attach' | 'boot', cli: string | null): PanelActions {
  return {
    rerun: 'command:bdmLab.rerunSimulation',
    copy: 'command:bdmLab.copySimulationCommand',
    cli,
    cliNote: cli !== null ? 'The command reads the body as saved on disk; run it where bdm-lab is installed (or node dist/cli.js in a checkout).'
      : kind === 'boot' ? 'The CLI simulates volume attaches only: a boot from volume has no command line.' : 'Save the body to a file to get a command line.',
  };
}

/** Simulate Attach and Simulate Attach with Options; the panel's Re-run and Copy as CLI command. */
export function simulateCommands(context: vscode.ExtensionContext, output: vscode.OutputChannel, currentClient: CurrentClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('bdmLab.rerunSimulation', async () => {
      if (!shown) return void vscode.window.showWarningMessage('bdm-lab: no simulation to run again.');
      return vscode.commands.executeCommand('bdmLab.simulateAttach', shown.source, shown.args);
    }),
    vscode.commands.registerCommand('bdmLab.copySimulationCommand', async () => {
      if (!shown?.cli) return void vscode.window.showWarningMessage('bdm-lab: this simulation has no command line.');
      await vscode.env.clipboard.writeText(shown.cli);
      void vscode.window.showInformationMessage(`bdm-lab: copied ${shown.cli.length > 90 ? `${shown.cli.slice(0, 89)}…` : shown.cli}`);
      return shown.cli;
    }),
    vscode.commands.registerCommand('bdmLab.simulateAttach', async (uri?: string | vscode.Uri, args?: SimulateArgs) => {
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
      // Re-run repeats the simulation only: never the real libvirt step.
      const { realLibvirt: _real, confirmedPlan: _plan, ...again } = { ...(args ?? {}), ...(params.instance ? { instance: params.instance } : {}) };
      shown = { source, args: again, cli: r.cli?.line ?? null };
      showAttachPanel(context, `Simulate Attach: ${vscode.workspace.asRelativePath(source)}`, r.kind ?? 'attach', r.result, r.labHost ?? '', panelActions(r.kind ?? 'attach', shown.cli));
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
      return { kind: r.kind, result: r.result, labHost: r.labHost, cli: r.cli ?? null };
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
  ];
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
