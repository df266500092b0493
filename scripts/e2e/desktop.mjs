#!/usr/bin/env node
// `npm run test:desktop`: the same extension-host suite (test/e2e/suite/index.js) in a desktop
// VS Code through @vscode/test-electron, for machines that have VS Code installed. It never
// downloads VS Code: it uses an installed executable, and skips with a message when there is none.
//
// Usage: node scripts/e2e/desktop.mjs [--vscode PATH]
//   --vscode PATH   the VS Code executable (the Electron binary, e.g. /usr/share/code/code,
//                   ".../Visual Studio Code.app/Contents/MacOS/Electron", "...\Code.exe");
//                   also BDM_VSCODE_EXECUTABLE. Otherwise the usual install places and `code` on
//                   PATH are tried. On Linux without a display, run it under `xvfb-run -a`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureBuilt, installSignalHandlers, log, repoRoot, resultsDir, runCleanups, sampleWorkspace, scratchDir } from './lib.mjs';

function fromCodeOnPath() {
  const which = spawnSync(platform() === 'win32' ? 'where' : 'sh', platform() === 'win32' ? ['code'] : ['-c', 'command -v code'], { encoding: 'utf8' });
  const cli = which.stdout?.split(/\r?\n/)[0]?.trim();
  if (!cli) return [];
  const real = realpathSync(cli);
  // The `code` launcher lives in <install>/bin/; the executable is one level up.
  return [
    join(dirname(dirname(real)), 'code'), // Linux: /usr/share/code/bin/code -> /usr/share/code/code
    join(dirname(dirname(real)), 'Code.exe'), // Windows
    join(dirname(dirname(dirname(dirname(real)))), 'MacOS', 'Electron'), // macOS .app/Contents/Resources/app/bin/code
  ];
}

export function findVSCode(explicit) {
  const candidates = [
    explicit,
    process.env.BDM_VSCODE_EXECUTABLE,
    '/usr/share/code/code',
    '/usr/lib/code/code',
    '/opt/visual-studio-code/code',
    '/snap/code/current/usr/share/code/code',
    '/Applications/Visual Studio Code.app/Contents/MacOS/Electron',
    join(homedir(), 'Applications', 'Visual Studio Code.app', 'Contents', 'MacOS', 'Electron'),
    process.env.LOCALAPPDATA && join(process.env.LOCALAPPDATA, 'Programs', 'Microsoft VS Code', 'Code.exe'),
    process.env.ProgramFiles && join(process.env.ProgramFiles, 'Microsoft VS Code', 'Code.exe'),
    ...fromCodeOnPath(),
  ].filter(Boolean);
  return candidates.find((c) => existsSync(c) && !c.endsWith('/bin/code'));
}

installSignalHandlers();
const argv = process.argv.slice(2);
const explicit = argv.includes('--vscode') ? argv[argv.indexOf('--vscode') + 1] : undefined;
const executable = findVSCode(explicit);
if (!executable) {
  console.log(
    '[e2e] SKIPPED test:desktop: no VS Code executable found. Install VS Code, or point ' +
      'BDM_VSCODE_EXECUTABLE (or --vscode) at it; without a desktop VS Code use `npm run test:e2e` (code-server).',
  );
  console.log('0 passed, 0 failed');
  process.exit(0);
}

let code = 1;
try {
  ensureBuilt({ force: true });
  const { runTests } = await import('@vscode/test-electron');
  const root = scratchDir('desktop');
  const workspace = join(root, 'workspace');
  cpSync(sampleWorkspace, workspace, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, 'desktop-results.json');
  rmSync(resultsFile, { force: true });
  log(`running the extension-host suite in ${executable}`);
  let exitCode = 0;
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'test', 'e2e', 'suite', 'index.js'),
      extensionTestsEnv: { BDM_E2E_RESULTS: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions stay out; the one under test is loaded
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(root, 'user-data')}`,
        `--extensions-dir=${join(root, 'extensions')}`,
      ],
    });
  } catch (error) {
    exitCode = 1;
    console.error(`[e2e] ${error.message || error}`);
  }
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results : [];
  let failed = results.filter((r) => !r.ok).length;
  if (!failed && (exitCode || !results.length)) {
    console.error('[e2e] the suite did not run to completion (no results or a non-zero exit)');
    failed = 1;
  }
  console.log(`${results.length - results.filter((r) => !r.ok).length} passed, ${failed} failed`);
  code = failed ? 1 : 0;
} catch (error) {
  console.error(`[e2e] ${error.stack || error}`);
  console.log('0 passed, 1 failed');
} finally {
  await runCleanups();
}
process.exit(code);
