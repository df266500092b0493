// A tiny test runner for the extension host. It runs the same way under code-server (through the
// workbench URL payload) and under @vscode/test-electron: both load index.js and call run().
// Kept dependency-free (no mocha) so the suite needs nothing but the `vscode` API.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const tests = [];

/** Registers a test. `options.timeout` in ms (default 120 s: a busy machine is slow, and each wait inside has its own deadline). */
function test(name, fn, options = {}) {
  tests.push({ name, fn, timeout: options.timeout ?? 120_000 });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs every registered test in order and returns { passed, failed, results }.
 * Each result line is printed as it finishes, and the whole list is written to the JSON file named
 * by BDM_E2E_RESULTS when that is set (the code-server runner reads it).
 */
async function runAll(label) {
  const results = [];
  const resultsFile = process.env.BDM_E2E_RESULTS;
  const save = () => {
    if (!resultsFile) return;
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify({ label, vscode: vscode.version, results }, null, 2));
  };
  console.log(`[ext-host] ${label}: ${tests.length} tests on VS Code ${vscode.version}`);
  for (const t of tests) {
    const started = Date.now();
    let error;
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeout, t.name);
    } catch (e) {
      error = e;
    }
    const ms = Date.now() - started;
    results.push({ name: t.name, ok: !error, ms, error: error ? String(error.stack || error) : undefined });
    console.log(`${error ? 'not ok' : 'ok'} - ${t.name} (${ms} ms)${error ? `\n    ${String(error.message || error).split('\n').join('\n    ')}` : ''}`);
    save();
    // Leave the editor area as the next test expects to find it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors').then(undefined, () => {});
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`[ext-host] ${results.length - failed} passed, ${failed} failed`);
  save();
  return { passed: results.length - failed, failed, results };
}

module.exports = { test, runAll, withTimeout };
