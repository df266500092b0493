/**
 * Renders the Simulate Attach panel for the newton-emc-multipath lab host outside VS Code:
 * writes test-results/attach-panel.html and screenshots it with headless Chromium to
 * docs/screenshots/attach-timeline-preview.png. VS Code defines the --vscode-* variables in a
 * webview; here a dark-theme set stands in for them.
 *
 *   node --import tsx scripts/render-panel.ts [--lab NAME] [--volume ID] [--out PNG]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { EMBEDDED_LAB_HOSTS, loadLabHost, simulateAttach } from '../server/src/attach/index';
import { panelHtml } from '../server/src/ui';
import { nodeHashes } from '../server/src/host';

const root = path.resolve(__dirname, '..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const labName = arg('--lab') ?? 'newton-emc-multipath';
const outPng = path.resolve(root, arg('--out') ?? 'docs/screenshots/attach-timeline-preview.png');
const outHtml = path.join(root, 'test-results', 'attach-panel.html');

/** Dark Modern values of the variables the panel reads. */
const DARK_THEME = `
:root {
  --vscode-font-family: system-ui, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", "Droid Sans Mono", monospace;
  --vscode-editor-font-size: 12px;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-editor-background: #1f1f1f;
  --vscode-errorForeground: #f85149;
  --vscode-focusBorder: #0078d4;
  --vscode-textLink-foreground: #4daafc;
  --vscode-panel-border: #2b2b2b;
  --vscode-widget-border: #313131;
  --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-editor-selectionBackground: #264f78;
  --vscode-charts-foreground: #cccccc;
  --vscode-charts-blue: #3794ff;
  --vscode-charts-red: #f14c4c;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #89d185;
  --vscode-charts-yellow: #cca700;
  --vscode-charts-purple: #b180d7;
}`;

const load = loadLabHost(EMBEDDED_LAB_HOSTS[labName] ?? '', `${labName}.labhost.json`);
if (!load.ok) throw new Error(`lab host ${labName}: ${load.errors.map((e) => e.message).join('; ')}`);
const lab = load.labHost;
const volumeId = arg('--volume') ?? lab.volumes[0]!.id;
const result = simulateAttach(lab, { server_id: lab.instances[0]!.uuid, volumeAttachment: { volumeId } }, { hashes: nodeHashes });

const nonce = randomBytes(16).toString('base64');
const html = panelHtml({
  title: `Simulate Attach: volume ${volumeId.slice(0, 8)} → ${lab.instances[0]!.name ?? lab.instances[0]!.uuid}`,
  kind: 'attach',
  result,
  labHost: labName,
  cspSource: 'file:',
  nonce,
}).replace('</head>', `<style nonce="${nonce}">${DARK_THEME}</style>\n</head>`);

mkdirSync(path.dirname(outHtml), { recursive: true });
mkdirSync(path.dirname(outPng), { recursive: true });
writeFileSync(outHtml, html);

async function main(): Promise<void> {
const browser = await chromium.launch({
  executablePath: process.env.BDM_LAB_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 }, deviceScaleFactor: 1 });
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:')) return route.continue();
    blocked.push(u);
    return route.abort();
  });
  await page.goto(`file://${outHtml}`);
  // The summary, the legend, the whole timeline picture and the first rows of the step table.
  const box = await page.locator('table.steps tbody tr').nth(7).boundingBox();
  const clipH = Math.ceil((box?.y ?? 900) + (box?.height ?? 0) + 8);
  await page.screenshot({ path: outPng, clip: { x: 0, y: 0, width: 1100, height: clipH } });
  if (blocked.length) throw new Error(`the panel asked for external resources: ${blocked.join(', ')}`);
  console.log(`${path.relative(root, outHtml)}\n${path.relative(root, outPng)} (${result.steps.length} steps, ${result.durationS} s)`);
} finally {
  await browser.close();
}
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
