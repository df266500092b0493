#!/usr/bin/env node
// Runs the UI suite (test/e2e/ui/ui.tests.mjs): the packaged VSIX installed into a throw-away
// code-server with --install-extension, the workbench opened on a copy of samples/workspace in
// Debian's Chromium through playwright-core. Screenshots go to test-results/e2e/ui-<name>.png.
//
// Usage: node scripts/e2e/ui.mjs [--vsix FILE] [--headed] [--update-screenshots] [--trust]
//   --trust                the workspace-trust suite (trustTests) in a code-server with trust on
//   --vsix FILE            the VSIX to install (default: build and package it)
//   --update-screenshots   also copy the screenshots to docs/screenshots/<name>.png (for the README)
// Environment: BDM_E2E_GREP=<regex> runs only the UI tests whose name matches (when writing one).
// Exits 0 when every test passed. Prints "N passed, N failed" last.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  codeServerEntry,
  ensureBuilt,
  runSuiteAsProgram,
  launchChromium,
  log,
  packageVsix,
  repoRoot,
  resultsDir,
  sampleWorkspace,
  scratchDir,
  startCodeServer,
} from './lib.mjs';

/** The first line of a failure, plus the locator Playwright was waiting for when it says so. */
function describeError(error) {
  const lines = String(error.message || error).split('\n');
  const waiting = lines.find((l) => /waiting for /.test(l));
  return [lines[0], waiting?.trim()].filter(Boolean).join(' — ');
}

export const docsScreenshotsDir = join(repoRoot, 'docs', 'screenshots');

/**
 * `suite: 'trust'` runs `trustTests` instead, in a code-server with workspace trust on: the
 * sample workspace opens in Restricted Mode, with workspace settings that name a lab host.
 */
export async function runUiSuite({ vsix, headed = false, updateScreenshots = false, suite = 'ui' } = {}) {
  const started = Date.now();
  mkdirSync(resultsDir, { recursive: true });
  const module = await import(pathToFileURL(join(repoRoot, 'test', 'e2e', 'ui', 'ui.tests.mjs')).href);
  const tests = suite === 'trust' ? module.trustTests : module.tests;
  const workspace = join(scratchDir(`${suite}-ws`), 'workspace');
  cpSync(sampleWorkspace, workspace, { recursive: true });
  if (suite === 'trust') module.prepareTrustWorkspace(workspace);

  const server = await startCodeServer({ folder: workspace, installVsix: vsix, label: `code-server-${suite}`, workspaceTrust: suite === 'trust' });
  log(`code-server for the UI suite on ${server.url} (pid ${server.child.pid})`);
  const listExtensions = async () => {
    const r = spawnSync(
      process.execPath,
      [codeServerEntry, '--config', join(server.root, 'config.yaml'), '--user-data-dir', server.userDataDir, '--extensions-dir', server.extensionsDir, '--list-extensions', '--show-versions'],
      { encoding: 'utf8', env: { ...process.env, HOME: join(server.root, 'home'), EXTENSIONS_GALLERY: '{}' } },
    );
    return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  };

  const browser = await launchChromium({ headless: !headed });
  // A modest viewport keeps the screenshots small enough for the README.
  const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  const shots = [];
  const shot = async (name) => {
    const file = join(resultsDir, `ui-${name}.png`);
    await page.screenshot({ path: file });
    shots.push({ name, file });
    log(`screenshot ${file}`);
  };
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

  const results = [];
  // BDM_E2E_GREP=<regex> runs only the matching tests (while writing one); a full run ignores it.
  const grep = process.env.BDM_E2E_GREP ? new RegExp(process.env.BDM_E2E_GREP, 'i') : null;
  for (const t of tests.filter((x) => !grep || grep.test(x.name))) {
    const t0 = Date.now();
    let error;
    let firstError;
    // A browser driving a workbench has timing hiccups no product change explains (a quick pick
    // closed by a focus change, a slow first webview): one retry, and the first failure is logged.
    for (let attempt = 1; attempt <= 2; attempt++) {
      error = undefined;
      try {
        await t.run({ page, shot, listExtensions, server, workspace });
      } catch (e) {
        error = e;
        const slug = t.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
        await page.screenshot({ path: join(resultsDir, `ui-failed-${attempt === 1 ? 'first-' : ''}${slug}.png`) }).catch(() => {});
        for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
      }
      if (!error) break;
      if (attempt === 1) {
        firstError = describeError(error);
        console.log(`  retry  ${t.name}: first attempt failed: ${firstError}`);
      }
    }
    const ms = Date.now() - t0;
    results.push({ name: t.name, ok: !error, ms, error: error ? describeError(error) : undefined, firstError });
    console.log(`  ${error ? 'FAILED' : 'ok    '} ${t.name} (${ms} ms)${firstError && !error ? ' (passed on retry)' : ''}${error ? `\n         ${results.at(-1).error}` : ''}`);
  }

  if (updateScreenshots) {
    mkdirSync(docsScreenshotsDir, { recursive: true });
    // Quantised to a 128-colour palette when ImageMagick is there: a third of the size.
    const hasConvert = spawnSync('sh', ['-c', 'command -v convert'], { stdio: 'ignore' }).status === 0;
    for (const s of shots) {
      const target = join(docsScreenshotsDir, `${s.name}.png`);
      if (!hasConvert || spawnSync('convert', [s.file, '-strip', '-colors', '128', `PNG8:${target}`]).status !== 0) copyFileSync(s.file, target);
    }
    log(`copied ${shots.length} screenshot(s) to docs/screenshots/`);
  }
  const failed = results.filter((r) => !r.ok).length;
  return { passed: results.length - failed, failed, results, shots, ms: Date.now() - started };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const v = argv.indexOf('--vsix');
  await runSuiteAsProgram('UI suite', async () => {
    let vsix = v >= 0 ? argv[v + 1] : undefined;
    if (!vsix) {
      ensureBuilt();
      vsix = packageVsix();
    }
    return runUiSuite({ vsix, headed: argv.includes('--headed'), updateScreenshots: argv.includes('--update-screenshots'), suite: argv.includes('--trust') ? 'trust' : 'ui' });
  });
}
