#!/usr/bin/env node
// Differential test against Nova's own code: `npm run difftest -- --count N [--seed S] [--ci]`.
// The work happens in scripts/difftest-run.ts (it imports the TypeScript domain directly);
// this wrapper only runs it under tsx so that plain `node scripts/difftest.mjs` works.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'difftest-run.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
if (r.error) {
  console.error(`difftest: cannot start node: ${r.error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
process.exit(r.status ?? 1);
