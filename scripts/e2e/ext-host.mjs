#!/usr/bin/env node
// Runs the extension-host suite (test/e2e/suite/index.js) inside a real VS Code: code-server's
// remote extension host, opened by Debian's Chromium with the workbench URL payload
// (extensionDevelopmentPath + extensionTestsPath), the way VS Code's own browser integration
// tests do. The suite's exit code comes back through window.codeAutomationExit; its per-test
// results through a JSON file named by BDM_E2E_RESULTS.
//
// Usage: node scripts/e2e/ext-host.mjs [--headed] [--timeout SECONDS]
// Exits 0 when every test passed. Prints "N passed, N failed" last.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  runSuiteAsProgram,
  launchChromium,
  log,
  onCleanup,
  repoRoot,
  resultsDir,
  sampleWorkspace,
  scratchDir,
  startCodeServer,
} from './lib.mjs';

/**
 * Returns { passed, failed, results, exitCode, ms }. Never throws for test failures; throws when
 * the harness itself cannot run (no code-server, no Chromium).
 */
export async function runExtensionHostSuite({ headed = false, timeoutMs = 900_000 } = {}) {
  const started = Date.now();
  const workspace = join(scratchDir('ext-host-ws'), 'workspace');
  cpSync(sampleWorkspace, workspace, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, 'ext-host-results.json');
  writeFileSync(resultsFile, JSON.stringify({ results: [] }));

  const server = await startCodeServer({ folder: workspace, label: 'code-server-ext-host', env: { BDM_E2E_RESULTS: resultsFile } });
  log(`code-server for the extension-host suite on ${server.url} (pid ${server.child.pid})`);
  const browser = await launchChromium({ headless: !headed });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  onCleanup(() => writeFileSync(join(resultsDir, 'ext-host-browser-console.log'), consoleLines.join('\n') + '\n'));

  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = Array.isArray(args) ? args.map(String).join(' ') : String(args);
    consoleLines.push(`[automation:${type}] ${line}`);
  });

  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(path).pathname}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(join(repoRoot, 'test', 'e2e', 'suite', 'index.js'))],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log('opening the workbench with the test payload');
  await page.goto(url);

  let exitCode;
  const timer = new Promise((r) => setTimeout(r, timeoutMs, 'timeout'));
  const outcome = await Promise.race([exited, timer]);
  if (outcome === 'timeout') {
    log(`the suite did not report within ${timeoutMs / 1000} s`);
    exitCode = 124;
  } else exitCode = outcome;
  await page.screenshot({ path: join(resultsDir, 'ext-host-final.png') }).catch(() => {});

  let report = { results: [] };
  if (existsSync(resultsFile)) report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const results = report.results;
  let failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  if ((exitCode !== 0 || results.length === 0) && failed === 0) {
    // The suite never got to report a failing test (it did not load, or timed out): count it.
    results.push({ name: 'extension-host suite ran to completion', ok: false, error: `exit code ${exitCode}; see test-results/e2e/` });
    failed++;
  }
  for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name}${r.ms !== undefined ? ` (${r.ms} ms)` : ''}`);
  for (const r of results.filter((x) => !x.ok)) console.log(`\n  FAILED ${r.name}\n    ${String(r.error).split('\n').slice(0, 6).join('\n    ')}`);
  return { passed, failed, results, exitCode, ms: Date.now() - started, vscode: report.vscode };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const headed = process.argv.includes('--headed');
  const t = process.argv.indexOf('--timeout');
  const timeoutMs = t > 0 ? Number(process.argv[t + 1]) * 1000 : undefined;
  await runSuiteAsProgram('extension-host suite', () => runExtensionHostSuite({ headed, timeoutMs }));
}
