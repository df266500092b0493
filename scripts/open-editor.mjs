#!/usr/bin/env node
// `npm run open`: open the sample workspace (samples/workspace) with bdm-lab loaded.
// - With `code` on PATH: `code samples/workspace --extensionDevelopmentPath=<repo>` (a desktop
//   window running the extension from this checkout), then exit.
// - Otherwise: build and package the extension, install the pinned code-server when missing
//   (outside the repo, see scripts/e2e/lib.mjs), start it on 127.0.0.1 with the VSIX installed and
//   throw-away state, print its address and stay in the foreground until Ctrl+C, then stop it.
//
// Usage: node scripts/open-editor.mjs [--code-server] [--port N] [FOLDER]
//   --code-server   use code-server even when `code` is on PATH
//   --port N        listen on this port instead of a free one
//   FOLDER          open this folder instead of samples/workspace (its README.md, if any, opens first)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  cacheRoot,
  ensureBuilt,
  ensureCodeServer,
  installSignalHandlers,
  packageVsix,
  repoRoot,
  runCleanups,
  sampleWorkspace,
  startCodeServer,
} from './e2e/lib.mjs';
import * as lib from './e2e/lib.mjs';

const argv = process.argv.slice(2);
const forceCodeServer = argv.includes('--code-server');
const portIndex = argv.indexOf('--port');
const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : undefined;
const positional = argv.filter((a, i) => !a.startsWith('--') && !(portIndex >= 0 && i === portIndex + 1));
const folder = resolve(positional[0] ?? sampleWorkspace);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;

if (hasCode && !forceCodeServer) {
  ensureBuilt();
  const first = existsSync(join(folder, 'README.md')) ? [join(folder, 'README.md')] : [];
  console.log(`code ${[folder, ...first].join(' ')} --extensionDevelopmentPath=${repoRoot}`);
  const child = spawn('code', [folder, ...first, `--extensionDevelopmentPath=${repoRoot}`], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  installSignalHandlers();
  try {
    ensureBuilt();
    const vsix = packageVsix();
    ensureCodeServer();
    const server = await startCodeServer({
      folder,
      installVsix: vsix,
      label: 'code-server-open',
      port,
      logFile: join(cacheRoot, 'open-editor-code-server.log'),
      // The sample workspace opens on its README (what to try, file by file).
      userSettings: { 'workbench.startupEditor': 'readme' },
    });
    console.log('');
    console.log(`bdm-lab is running in code-server (pid ${server.child.pid}), with ${vsix.replace(repoRoot + '/', '')} installed:`);
    console.log('');
    console.log(`    ${server.url}/?folder=${encodeURIComponent(folder)}`);
    console.log('');
    console.log('Open that address in a browser on this machine. Press Ctrl+C to stop it.');
    const code = await new Promise((r) => server.child.once('exit', (c) => r(c ?? 0)));
    if (lib.stopping) await new Promise(() => {}); // the signal handler finishes and exits
    console.error(`code-server exited (${code}); log: ${server.logFile}`);
    await runCleanups();
    process.exit(code ? 1 : 0);
  } catch (error) {
    console.error(error.message || error);
    await runCleanups();
    process.exit(1);
  }
}
