#!/usr/bin/env node
// `npm run test:e2e`: everything the end-to-end tests need, then both suites.
//   1. build and package the VSIX (npm run package: production build + vsce, offline);
//   2. install the pinned code-server (and, as root, chromium/ripgrep/build tools) when missing;
//   3. the extension-host suite (scripts/e2e/ext-host.mjs) in code-server;
//   4. the UI suite (scripts/e2e/ui.mjs) against the VSIX installed with --install-extension;
//   5. the workspace-trust suite (ui.mjs --trust): Restricted Mode, then a click on "Trust".
// The last line is exactly "N passed, N failed"; the exit code is non-zero on any failure.
// Without code-server or Chromium the run is skipped with a message, except under CI=true,
// where that is a failure.
//
// Usage: node scripts/e2e/run.mjs [--only ext-host|ui|trust] [--headed] [--update-screenshots] [--vsix FILE]
//   --only ext-host|ui|trust  run one suite
//   --headed               show the browser (needs a display)
//   --update-screenshots   copy the UI screenshots to docs/screenshots/ for the README
//   --vsix FILE            use this VSIX instead of packaging one
// Environment: BDM_LAB_CACHE (tools folder root, default ~/.cache/bdm-lab), BDM_LAB_CHROMIUM
// (default /usr/bin/chromium), BDM_E2E_KEEP=1 keeps the throw-away directories, CI=true.
import { existsSync } from 'node:fs';
import { CHROMIUM, ensureBuilt, ensureCodeServer, ensureSystemPackages, installSignalHandlers, isCI, log, packageVsix, runCleanups } from './lib.mjs';
import { runExtensionHostSuite } from './ext-host.mjs';
import { runUiSuite } from './ui.mjs';

installSignalHandlers();
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = option('--only');
const headed = argv.includes('--headed');
const updateScreenshots = argv.includes('--update-screenshots');

let passed = 0;
let failed = 0;
const timings = [];
const t0 = Date.now();
const step = async (name, fn) => {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};

try {
  const vsix = option('--vsix') ?? (only === 'ext-host' ? undefined : await step('package', () => packageVsix()));
  if (only === 'ext-host') await step('build', () => ensureBuilt({ force: true }));

  // Prerequisites: a missing browser or editor is a skip on a developer machine, a failure in CI.
  let missing;
  try {
    await step('prerequisites', async () => {
      ensureSystemPackages();
      ensureCodeServer();
      if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
    });
  } catch (error) {
    missing = error.message;
  }
  if (missing) {
    if (isCI) {
      console.error(`[e2e] FAILED: end-to-end prerequisites are missing in CI: ${missing}`);
      failed++;
    } else {
      console.error(`[e2e] SKIPPED: ${missing}\n[e2e] (under CI=true this is a failure)`);
    }
  } else {
    if (only !== 'ui' && only !== 'trust') {
      log('extension-host suite (code-server, extensionDevelopmentPath = this repo)');
      const r = await step('extension-host suite', () => runExtensionHostSuite({ headed }));
      passed += r.passed;
      failed += r.failed;
      await runCleanups(); // stop its code-server and browser before the next suite starts
    }
    if (only !== 'ext-host' && only !== 'trust') {
      log(`UI suite (code-server with ${vsix} installed)`);
      const r = await step('UI suite', () => runUiSuite({ vsix, headed, updateScreenshots }));
      passed += r.passed;
      failed += r.failed;
      await runCleanups();
    }
    if (only !== 'ext-host' && only !== 'ui') {
      log(`workspace-trust suite (code-server with trust on, ${vsix} installed)`);
      const r = await step('trust suite', () => runUiSuite({ vsix, headed, updateScreenshots, suite: 'trust' }));
      passed += r.passed;
      failed += r.failed;
      await runCleanups();
    }
  }
} catch (error) {
  console.error(`[e2e] FAILED: ${error.stack || error}`);
  failed++;
} finally {
  await runCleanups();
}
log(`timings: ${timings.join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
