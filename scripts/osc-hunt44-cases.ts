/**
 * Hunt 44's hand-written cases, each run by dash (`#!/bin/sh`) and by bash (`#!/bin/bash`):
 * `getopts` loops over `set --` words and a function's arguments (an option's argument in the
 * next word or the same one, `:` mode and its errors, `--`, a word not an option, letters
 * together in one word, which bdm-lab leaves), bash's `set -o pipefail` with `set -e` (a failing
 * part before the last ends the script, unless the pipeline is before `&&`/`||`, negated, or a
 * condition), `((…))` with `$NAME` or double quotes in it, `X=1 let …`, and `( while read …)`
 * after `|`.
 * Usage: node --import tsx scripts/osc-hunt44-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt44-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small${extra || ' --image cirros'} ${name}`;
const LOOP = (spec: string) => `OPTIND=1\nV=vol0 S=1 B= N=vm\nwhile getopts "${spec}" opt; do\n  case $opt in\n    v) V=$OPTARG ;;\n    s) S=$OPTARG ;;\n    b) B=1 ;;\n    n) N=$OPTARG ;;\n    :) N=missing-$OPTARG ;;\n    \\?) N=bad ;;\n  esac\ndone\nshift $((OPTIND - 1))`;
const AFTER = `if [ -n "$B" ]; then ${C('"$N"-$#-$OPTIND', ' --volume "$V" --boot-from-volume "$S"')}; else ${C('"$N"-$#-$OPTIND', ' --volume "$V"')}; fi`;

const BOTH: Record<string, string> = {
  'getopts-words': `set -- -v vol2 -s 3 -b extra\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-attached': `set -- -s5 -vvol3 -n web\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-unknown-option': `set -- -x -v vol2\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-missing-argument': `set -- -b -v\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-loud-missing': `set -- -b -v\n${LOOP('v:s:bn:')}\n${AFTER}`,
  'getopts-double-dash': `set -- -v vol4 -- -b rest\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-not-option': `set -- -v vol4 name -b\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-none': `set --\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-grouped': `set -- -bs 2 -v vol5\n${LOOP(':v:s:bn:')}\n${AFTER}`,
  'getopts-no-optind-reset': `set -- -v vol6\nwhile getopts v: o; do V=$OPTARG; done\n${C('vm-$V-$OPTIND', ' --volume "$V"')}`,
  'getopts-function': `mk() {\n  local OPTIND=1 opt size=1\n  while getopts "s:" opt; do\n    case $opt in s) size=$OPTARG ;; esac\n  done\n  shift $((OPTIND - 1))\n  ${C('"$1"-$size', ' --image cirros --swap "$size"')}\n}\nmk -s 2 vm-a\nmk vm-b`,
  'getopts-own-words': `OPTIND=1\nwhile getopts "v:" opt -v vol7 -v vol8; do ${C('vm-$OPTARG-$OPTIND', ' --volume "$OPTARG"')}; done`,
  'pipefail-errexit': `set -e\nset -o pipefail\nfalse | true\n${C('never')}`,
  'pipefail-euo': `set -euo pipefail\n${C('first')}\ntrue | false | true\n${C('never')}`,
  'pipefail-exempt': `set -e\nset -o pipefail\nfalse | true || ${C('or')}\n! false | true\nif false | true; then :; fi\nfalse | true &\nwait\n${C('after')}`,
  'pipefail-dash-or-true': `set -o pipefail 2>/dev/null || true\n${C('after')}`,
  'pipefail-off-again': `set -e -o pipefail\nset +o pipefail\nfalse | true\n${C('runs')}`,
  'pipefail-group': `set -e -o pipefail\nf() { false | true; }\nf || ${C('f-failed')}\n{ false | true; }\n${C('never')}`,
  'arith-dollar': `SIZE=4\nstep=2\ni=0\n((i += $step))\n(( j = "$SIZE" + 1 ))\n((k = \${SIZE} * $step))\n${C('vm-$i-$j-$k', ' --image cirros --swap $k')}`,
  'arith-dollar-errexit': `set -e\nz=0\n((n = $z))\n${C('never')}`,
  'let-temp-assign': `X=1 let y=X+1\nA=2 B=3 let z=A*B\n${C('vm-$y-$z', ' --image cirros --swap $z')}\nset -e\nX=0 let w=X\n${C('never')}`,
  'subshell-read-loop': `printf 'vol1 1\\nvol2 2\\n' | ( while read -r v s; do ${C('vm-$v-$s', ' --volume "$v"')}; done; ${C('after-$v')} )\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BOTH)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
