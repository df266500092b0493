/**
 * Hunt 43's hand-written cases: the shapes of `openstack` scripts this hunt taught bdm-lab, each
 * run by dash (`#!/bin/sh`) and by bash (`#!/bin/bash`): an `eval` of a built line inside a loop
 * (each pass its own words); `xargs` running `openstack` (words from its input: a note); `case`
 * items ending in `;&` (the next body runs too) and `;;&` (the next patterns are tested) in bash,
 * a syntax error in dash; the `function` keyword (bash's; dash runs `function` as a command and
 * stops at the `}` or at the `(`); dash's `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}` (bash's others
 * not followed there).
 * Usage: node --import tsx scripts/osc-hunt43-cases.ts > cases.json, then label them with
 * /usr/bin/python3 scripts/osc-hunt34-label.py cases.json labels.json.
 */
const C = (name: string, extra = '') => `openstack server create --flavor m1.small --image cirros${extra} ${name}`;

const BOTH: Record<string, string> = {
  'eval-in-loop': `for v in vol1 vol2; do eval "openstack server create --flavor m1.small --volume $v vm-$v"; done\nfor s in 1 2; do eval "${C('vm-s$s', ' --swap $s')}"; done\n${C('last')}`,
  'xargs-notes': `printf '%s\\n' vm-a vm-b | xargs -n1 ${C('', ' --swap 1').trimEnd()}\necho vol1 | xargs -I{} openstack server add volume vm1 {}\necho --swap 2 vm-c | nice xargs ${C('', '').trimEnd()}\n${C('last')}`,
  'case-fallthrough': `S=1\ncase "$S" in 0|1) ${C('vm-a-$S')} ;& 5) ${C('vm-b-$S', ' --swap $S')} ;; *) ${C('vm-c-$S')} ;; esac\n${C('last')}`,
  'case-fallthrough-empty': `S=2\ncase "$S" in 0|1) ;& 5) ${C('vm-b-$S', ' --swap $S')} ;; esac\n${C('last')}`,
  'case-test-next': `for S in 1 2 5; do case "$S" in 1) ${C('vm-d-$S')} ;;& [12]) ${C('vm-e-$S', ' --swap $S')} ;;& *) ${C('vm-f-$S')} ;; esac; done\n${C('last')}`,
  'case-test-next-newline': `S=1\ncase $S in\n  1) ${C('vm-x')} ;;&\n  *) ${C('vm-y')} ;;\nesac\n${C('last')}`,
  'case-fallthrough-newline': `S=1\ncase $S in\n  1) ${C('vm-x')}\n  ;&\n  *) ${C('vm-y')} ;;\nesac\n${C('last')}`,
  'function-keyword-brace': `${C('first')}\nfunction mk {\n  ${C('"$1"', ' --swap 1')}\n}\nmk vm-1\n${C('last')}`,
  'function-keyword-parens': `${C('first')}\nfunction mk() {\n  ${C('"$1"', ' --swap 1')}\n}\nmk vm-1\n${C('last')}`,
  'function-keyword-one-line': `${C('first')}\nfunction mk { ${C('"$1"')}; }\nmk vm-1\n${C('last')}`,
  'remove-patterns': `VOL=vol12 line='vol3  7 x' P='v*' B='[!v]*' C='[^o]*'\n${C('n0-${VOL#vo}', ' --swap ${#VOL}')}\n${C('n1-${VOL##v*}-${VOL%1*}-${VOL%%[0-9]*}')}\n${C('"n2-${line%% *}-${line##* }-${line% *}"')}\n${C('n3-${VOL#$P}-${VOL#"$P"}-${VOL%$B}-${VOL#$C}')}\n${C('n4-${VOL#[[:alpha:]]}-${VOL%?}-${VOL%%l*}-${VOL#*[}')}\nprintf '%s\\n' 'vol5 5' 'vol6 2' | while read -r line; do v=\${line%% *}; s=\${line##* }; ${C('vm-$v', ' --swap $s')}; done\n${C('last')}`,
};

const cases: Array<{ id: string; script: string }> = [];
for (const [id, body] of Object.entries(BOTH)) {
  for (const sh of ['dash', 'bash']) cases.push({ id: `${id}-${sh}`, script: `${sh === 'dash' ? '#!/bin/sh' : '#!/bin/bash'}\n${body}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
