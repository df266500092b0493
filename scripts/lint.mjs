#!/usr/bin/env node
// The linter (oxlint, rules in .oxlintrc.json) over every source folder: `npm run lint`, and the
// `lint` tier of `npm test`. Warnings are shown, errors fail. Prints "N passed, N failed" last
// (one check: the whole lint run), as scripts/test-all.sh counts it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(dirname(createRequire(import.meta.url).resolve('oxlint/package.json')), 'bin', 'oxlint');
const dirs = ['server/src', 'client/src', 'scripts', 'test', 'bench'];
const r = spawnSync(process.execPath, [bin, '-c', '.oxlintrc.json', ...process.argv.slice(2), ...dirs], { cwd: root, stdio: 'inherit' });
const ok = r.status === 0;
if (r.error) console.error(`lint: ${r.error.message}`);
console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
process.exit(ok ? 0 : 1);
