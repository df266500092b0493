/**
 * The Simulate Attach webview: one panel beside the editor, created on first use and then
 * revealed and refreshed with each new run. The HTML comes from the server's pure renderer
 * (bundled into the client by esbuild); it needs no script and loads no resource.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml, panelHtml, type AttachResult, type BootResult, type PanelActions } from '../../server/src/ui';

/** The only commands the panel's links may run: Re-run and Copy as CLI command (no script runs in it). */
export const PANEL_COMMANDS = ['bdmLab.rerunSimulation', 'bdmLab.copySimulationCommand'] as const;

let panel: vscode.WebviewPanel | undefined;

function looksLikeResult(kind: 'attach' | 'boot', r: unknown): r is AttachResult | BootResult {
  if (!r || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  if (!Array.isArray(o.steps) || typeof o.outcome !== 'string' || typeof o.apiStatus !== 'number') return false;
  return kind === 'boot' ? Array.isArray(o.volumes) : Array.isArray(o.statusSequence);
}

function invalidHtml(title: string, cspSource: string, nonce: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'"><title>${escapeHtml(title)}</title><style nonce="${nonce}">body{font-family:var(--vscode-font-family);color:var(--vscode-errorForeground);padding:16px}</style></head><body><h1>${escapeHtml(title)}</h1><p>The language server returned no simulation result.</p></body></html>`;
}

/** Shows a simulation result in the bdm-lab panel (creating it beside the editor if needed). */
export function showAttachPanel(context: vscode.ExtensionContext, title: string, kind: 'attach' | 'boot', result: unknown, labHost: string, actions?: PanelActions): void {
  if (panel) {
    panel.title = title;
    // where it is: a Re-run clicked in the panel makes it the active editor, and "beside" it
    // would move it into a new column
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  } else {
    panel = vscode.window.createWebviewPanel('bdmLab.attach', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: [...PANEL_COMMANDS],
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => { panel = undefined; }, null, context.subscriptions);
  }
  const nonce = randomBytes(16).toString('base64');
  const { cspSource } = panel.webview;
  panel.webview.html = looksLikeResult(kind, result)
    ? panelHtml({ title, kind, result, labHost, cspSource, nonce, ...(actions ? { actions } : {}) })
    : invalidHtml(title, cspSource, nonce);
}
