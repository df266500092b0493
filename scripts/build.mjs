// Bundles the extension client, the language server and the CLI with esbuild.
// Schemas are compiled to standalone ajv validators first (scripts/compile-schemas.mjs),
// so the server never compiles a schema at start-up.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
execFileSync(process.execPath, ['scripts/compile-schemas.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'],
};

// The validators loaded on first use (server/src/generated/lazy/, see compile-schemas.mjs):
// each bundled on its own into dist/lazy/, where the bundles' relative require finds it.
rmSync('dist/lazy', { recursive: true, force: true });
const lazy = readdirSync('server/src/generated/lazy').filter((f) => f.endsWith('.cjs')).map((f) => `server/src/generated/lazy/${f}`);

await Promise.all([
  esbuild.build({ ...common, sourcemap: false, entryPoints: lazy, outdir: 'dist/lazy', outExtension: { '.js': '.cjs' } }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // the document worker: it owns the analyses of large documents (server/src/lsp/documentWorker.ts)
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/workerThread.ts'], outfile: 'dist/worker.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
