#!/usr/bin/env node
// Installs the pinned code-server into the tools folder outside the repo when it is missing
// (${BDM_LAB_CACHE:-$HOME/.cache/bdm-lab}/code-server-<version>) and prints its entry point.
// Usage: node scripts/e2e/install-code-server.mjs [--check]
//   --check  only report whether it is installed (exit 1 when missing)
import { codeServerEntry, codeServerInstalled, ensureCodeServer } from './lib.mjs';

if (process.argv.includes('--check')) {
  console.log(codeServerInstalled() ? codeServerEntry : 'code-server is not installed');
  process.exit(codeServerInstalled() ? 0 : 1);
}
try {
  console.log(ensureCodeServer());
} catch (error) {
  console.error(`[e2e] ${error.message}`);
  process.exit(1);
}
