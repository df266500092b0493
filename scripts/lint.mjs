#!/usr/bin/env node
// The linter (ESLint 9, rules in eslint.config.mjs, installed from tools/lint) over every source
// folder: `npm run lint`, and the `lint` tier of `npm test`. Warnings are shown, errors fail.
// Prints "N passed, N failed" last (one check: the whole lint run), as scripts/test-all.sh counts it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let bin = '';
try {
  bin = join(dirname(createRequire(join(root, 'tools', 'lint', 'package.json')).resolve('eslint/package.json')), 'bin', 'eslint.js');
} catch (e) {
  console.error(`lint: ESLint is not installed (npm ci installs it through tools/lint): ${e.message}`);
}
const dirs = ['server/src', 'client/src', 'scripts', 'test', 'bench', 'eslint.config.mjs', 'tools/lint/index.mjs'];
const r = bin ? spawnSync(process.execPath, [bin, ...process.argv.slice(2), ...dirs], { cwd: root, stdio: 'inherit' }) : { status: 1 };
const ok = r.status === 0;
if (r.error) console.error(`lint: ${r.error.message}`);
console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
process.exit(ok ? 0 : 1);
