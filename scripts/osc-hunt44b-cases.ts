/**
 * Hunt 44b's hand-written cases: bash's C-style `for ((init; test; step))` (its bounds told or
 * read from a name, `break`/`continue`, nested, the name after the loop, a comma, no pass, more
 * passes than bdm-lab follows; dash refuses it), and `[ … ] && A || B` / `[[ … ]] && A || B`,
 * where B runs when A fails: A an `openstack` command (B may run), or one that surely succeeds
 * (`echo`, `printf '%s'`, `:`, `true`, an assignment; with `>&2` or `>/dev/null`: B never runs),
 * or fails (`false`, a test that fails).
 * Usage: node --import tsx scripts/osc-hunt44b-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt44-label.py cases.json labels.json (the shell the first line names).
 */
const C = 'openstack server create --image cirros --flavor m1.tiny';
const B = '#!/bin/bash\n';
const D = '#!/bin/sh\n';

const CASES: Array<[string, string]> = [
  ['cfor-basic-bash', `${B}for ((i=0; i<3; i++)); do\n  ${C} vm$i\ndone\n`],
  ['cfor-step-bash', `${B}for ((i=1; i<=5; i+=2)); do ${C} web-$i; done\n`],
  ['cfor-var-bound-bash', `${B}N=2\nfor ((i=0; i<N; i++)); do ${C} db-$i; done\n`],
  ['cfor-dollar-bound-bash', `${B}COUNT=3\nfor (( n = 1; n <= $COUNT; n++ ))\ndo\n  ${C} "app-\${n}"\ndone\n`],
  ['cfor-empty-header-bash', `${B}i=0\nfor ((;;)); do\n  ${C} loop-$i\n  i=$((i+1))\n  [ $i -ge 2 ] && break\ndone\n`],
  ['cfor-break-bash', `${B}for ((i=0; i<10; i++)); do\n  if [ $i -eq 2 ]; then break; fi\n  ${C} brk-$i\ndone\n`],
  ['cfor-continue-bash', `${B}for ((i=0; i<4; i++)); do\n  (( i % 2 )) && continue\n  ${C} even-$i\ndone\n`],
  ['cfor-nested-bash', `${B}for ((i=0; i<2; i++)); do\n  for ((j=0; j<2; j++)); do\n    ${C} vm-$i-$j\n  done\ndone\n`],
  ['cfor-after-bash', `${B}for ((i=0; i<2; i++)); do :; done\n${C} after-$i\n`],
  ['cfor-comma-bash', `${B}for ((i=0, j=10; i<2; i++, j--)); do ${C} vm-$i-$j; done\n`],
  ['cfor-braces-bash', `${B}for ((i=0; i<2; i++)) { ${C} br-$i; }\n`],
  ['cfor-zero-passes-bash', `${B}for ((i=5; i<3; i++)); do ${C} never-$i; done\n${C} done-$i\n`],
  ['cfor-too-many-bash', `${B}for ((i=0; i<70; i++)); do ${C} many-$i; done\n`],
  ['cfor-dash', `${D}for ((i=0; i<3; i++)); do\n  ${C} vm$i\ndone\n${C} after\n`],
  ['andor-echo-bash', `${B}N=web\n[[ -n $N ]] && echo "exists: $N" || ${C} fallback\n`],
  ['andor-echo-dash', `${D}N=web\n[ -n "$N" ] && echo "exists: $N" || ${C} fallback\n`],
  ['andor-create-bash', `${B}N=web\n[[ -n $N ]] && ${C} $N || ${C} fallback\n`],
  ['andor-create-dash', `${D}N=web\n[ -n "$N" ] && ${C} "$N" || ${C} fallback\n`],
  ['andor-cond-false-bash', `${B}N=\n[[ -n $N ]] && echo skip || ${C} fallback\n`],
  ['andor-printf-dash', `${D}N=web\n[ "$N" = web ] && printf '%s\\n' ok || ${C} fallback\n`],
  ['andor-assign-bash', `${B}N=web\n[[ $N == web ]] && X=1 || ${C} fallback\n${C} after-$X\n`],
  ['andor-false-dash', `${D}N=web\n[ -n "$N" ] && false || ${C} fallback\n`],
  ['andor-test-fails-bash', `${B}N=web\n[[ -n $N ]] && [[ -z $N ]] || ${C} fallback\n`],
  ['andor-loop-dash', `${D}for n in a b; do\n  [ "$n" = a ] && echo "skip $n" || ${C} "$n"\ndone\n`],
  ['andor-chain-bash', `${B}N=web\n[[ -n $N ]] && echo one && echo two || ${C} fallback\n`],
  ['andor-colon-dash', `${D}N=web\n[ -n "$N" ] && : || ${C} fallback\n`],
  ['andor-true-bash', `${B}DRY=1\n[[ $DRY == 1 ]] && true || ${C} real\n`],
  ['andor-sete-dash', `${D}set -e\nN=web\n[ -n "$N" ] && echo ok || ${C} fallback\n${C} after\n`],
  ['andor-echo-stderr-bash', `${B}N=web\n[[ -n $N ]] && echo "exists: $N" >&2 || ${C} fallback\n`],
  ['andor-echo-devnull-dash', `${D}N=web\n[ -n "$N" ] && echo "at $(date +%s)" >/dev/null 2>&1 || ${C} fallback\n`],
  ['andor-printf-var-fmt-bash', `${B}F="%s\\n"\n[[ -n $F ]] && printf "$F" ok || ${C} fallback\n`],
];

process.stdout.write(JSON.stringify(CASES.map(([id, script]) => ({ id, script })), null, 1) + '\n');

export {};
