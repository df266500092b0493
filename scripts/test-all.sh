#!/usr/bin/env bash
# The README's test command (npm test): build, then every test tier, then one closing line
# "N passed, N failed" summing them all. Exit status is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
total_pass=0
total_fail=0
status=0

count_node_test() { # sums node --test's "# pass N" / "# fail N" lines from a log
  local log=$1 p f
  p=$(grep -E '^# pass [0-9]+' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$log" | tail -1 | awk '{print $3}')
  total_pass=$((total_pass + ${p:-0}))
  total_fail=$((total_fail + ${f:-0}))
}
count_plain() { # "N passed, N failed" closing line of our own runners
  local log=$1 line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -z "$line" ]; then total_fail=$((total_fail + 1)); return; fi
  total_pass=$((total_pass + $(echo "$line" | awk '{print $1}')))
  total_fail=$((total_fail + $(echo "$line" | awk '{print $3}')))
}
run() { # name, log-kind, command...
  local name=$1 kind=$2; shift 2
  local log="test-results/$name.log"
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$log" | grep -E '^(not ok|# (pass|fail|tests)|[0-9]+ passed, [0-9]+ failed|FAIL|ERROR)' || true
  local rc=${PIPESTATUS[0]}
  if [ "$kind" = node ]; then count_node_test "$log"; else count_plain "$log"; fi
  if [ "$rc" != 0 ]; then echo "=== $name FAILED (exit $rc), log: $log"; status=1; fi
}

echo "=== build"
if ! npm run --silent build; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

run lint plain node scripts/lint.mjs
run unit node node --import tsx --test --test-reporter=tap test/unit/*.test.ts
run lsp node node --test --test-reporter=tap test/lsp/*.test.mjs
[ -f scripts/difftest.mjs ] && run difftest plain node scripts/difftest.mjs --ci
run difftest-names plain node --import tsx scripts/difftest-names.ts --count 600 --seed 5
run difftest-messages plain node --import tsx scripts/difftest-messages.ts --count 300 --seed 11
[ -f test/integration/libvirt-live.sh ] && run libvirt-live plain bash test/integration/libvirt-live.sh
run e2e plain node scripts/e2e/run.mjs

echo
echo "$total_pass passed, $total_fail failed"
if [ "$total_fail" != 0 ]; then status=1; fi
exit $status
