#!/usr/bin/env bash
# The README's first command: install what is missing, build, package, and open VS Code on the
# bundled sample workspace (samples/workspace) with the embedded lab host. Uses your `code` when
# it is on PATH, else starts the project's code-server on 127.0.0.1 and prints its address.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash scripts/setup-system.sh editor; else echo "start: not root, skipping Debian packages (see scripts/setup-system.sh editor)"; fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
npm run --silent build
exec node scripts/open-editor.mjs "$@"
