/**
 * Hunt 39: `openstack` scripts in the shapes operators write, each case run by dash (`#!/bin/sh`)
 * and bash (`#!/bin/bash`). Cases: scripts/osc-hunt39-cases.ts (written by hand) and
 * scripts/osc-hunt39-gen.ts (seeds 3911 and 3921: the scripts the code before this hunt read
 * wrong); labels: scripts/osc-hunt34-label.py (the shell the first line names, dash 0.5.12 or bash
 * 5.2, in an empty directory with a fake `openstack` logging its words, then the osc-oracle and
 * the nova-oracle on each `server create` run), all kept in test/fixtures/osc-hunt39/. What they show:
 * - a function's status is its last command's, a `( … )` there too (its exit status);
 * - an `if`/`while` condition that is an and-or list of tests decides as the list does; bash's
 *   `[[ a && b ]]` joins its tests so (`&&` first); dash has no `[[` (a command not found, `-z`…
 *   too);
 * - `$#`, `"$@"`, `$*` hold a function's arguments and, after `set -- …`, the script's; `shift`
 *   drops them; `for v in $VOLS` and `for v in "$@"` run a pass for each word the shell makes;
 * - `break` ends a `for` loop, `continue` its pass, where the values held decide them;
 * - an `if` with no `else` whose part did not run gives 0, a loop left by `break` 0, an
 *   assignment its `$( … )`'s status (in a loop's pass too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findServerCreates, type Unread } from '../../server/src/source/oscCli';
import type { OracleAnswer } from '../fixtures/osc/compare';
import { testShellCases, type ShellCase, testOracleAnswers } from './osc-labelled';
import { bestGrowth, describeGrowth } from './growth';
import { ROOT } from './cli-run';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;
const DIR = join(ROOT, 'test', 'fixtures', 'osc-hunt39');

interface Label { runs: Array<{ argv: string[]; mv: string | null }>; rc: number; stderr: string; osc: OracleAnswer[] }
const load = (cases: string, labels: string): Array<{ id: string; script: string; label: Label }> => {
  const ls = JSON.parse(readFileSync(join(DIR, labels), 'utf8')) as Record<string, Label>;
  return (JSON.parse(readFileSync(join(DIR, cases), 'utf8')) as Array<{ id: string; script: string }>).map((c) => ({ ...c, label: ls[c.id] }));
};
const hand = load('cases.json', 'labels.json');
const all = [...hand, ...load('generated-cases.json', 'generated-labels.json')];
// (the words from `server` on, as bdm-lab gives a command's: the shell's own options before them,
// `--os-compute-api-version`, are read by the osc-oracle test below, which sees each run whole)
const fromServer = (argv: string[]) => argv.slice(Math.max(0, argv.indexOf('server'))).join(' ');
const CASES: ShellCase[] = all.map((c) => ({ id: c.id, script: c.script, runs: c.label.runs.map((r) => fromServer(r.argv)), rc: c.label.rc, stderr: c.label.stderr }));

test('the fixtures hold the hand-written cases of both shells and the generated ones', () => {
  assert.equal(hand.length, 30);
  assert.ok(all.length > 60, `${all.length} cases`);
  for (const c of all) assert.ok(c.label, `${c.id}: labelled`);
});

// (the generated scripts hold loops bdm-lab does not follow pass by pass, `for v in "${A[@]}"`,
// `while read`, whose one unresolved command stands for several runs: not strict there)
testShellCases(CASES.filter((c) => !c.id.startsWith('h39-')), true);
testShellCases(CASES.filter((c) => c.id.startsWith('h39-')), false);

testOracleAnswers(all.map((c) => ({ id: c.id, osc: c.label.osc })));

test('the hand-written cases are read whole: no command left unresolved', () => {
  for (const c of hand) {
    const unread: Unread[] = [];
    findServerCreates(c.script, 'shell', undefined, { unread });
    assert.deepEqual(unread.map((u) => u.detail), [], c.id);
  }
});

test('what the shells ran, as the labels say, for a few of the shapes', () => {
  const ran = (id: string) => [...new Set(all.find((c) => c.id === id)!.label.runs.map((r) => r.argv.at(-1)))].sort();
  // (bash joins `[[ -z $X && -z $X || -n $X ]]` as (a && b) || c; dash finds no `[[`)
  assert.deepEqual(ran('dbrack-andor-bash'), ['last', 'vm2', 'vm4', 'vm5']);
  assert.deepEqual(ran('dbrack-andor-dash'), ['last']);
  assert.deepEqual(ran('fn-shift-args-dash'), ['last', 'vm1', 'vm2', 'vm3']);
  assert.deepEqual(ran('for-break-continue-bash'), ['last-3', 'vm-a', 'vm-c', 'w1']);
  assert.deepEqual(ran('status-zero-dash'), ['last', 'vm5']);
});

test('and-or conditions, followed for loops with jumps and nested subshells stay linear', WATCHDOG, () => {
  const H = 'openstack server create --flavor m1.small --image cirros';
  const t = (s: string) => findServerCreates(s, 'shell');
  // n `[[ … && … || … ]]` lists, each deciding a command
  const conds = (n: number) => `#!/bin/bash\nX=ab\n${Array.from({ length: n }, (_, k) => `[[ -n $X && $X == a* || -z $X ]] && N=${k}\n`).join('')}${H} last\n`;
  // n `if` with an and-or condition and no `else`, each followed by ||
  const ifs = (n: number) => `#!/bin/sh\nX=ab\n${Array.from({ length: n }, (_, k) => `if [ "$X" = ab ] && [ -n "$X" ]; then N=${k}; fi || exit 3\n`).join('')}${H} last\n`;
  // a function whose body nests n subshells, called 16 times
  const subs = (n: number) => `#!/bin/sh\nf() { ${'( '.repeat(n)}false${' )'.repeat(n)}; }\n${'f || N=1\n'.repeat(16)}${H} last\n`;
  // n `for` loops over a name's words, with continue and break
  const fors = (n: number) => `#!/bin/bash\nVOLS="a b c d"\n${`for v in $VOLS; do [ $v = b ] && continue; [ $v = d ] && break; N=$v; done\n`.repeat(n)}${H} --min 2 last\n`;
  assert.equal(t(conds(3)).length, 1);
  assert.equal(t(fors(3)).length, 1);
  for (const [name, gen, n] of [['n [[ && || ]] lists', conds, 200], ['n and-or ifs', ifs, 200], ['n nested subshells in a function', subs, 60], ['n followed for loops with jumps', fors, 100]] as const) {
    const g = bestGrowth(gen, t, n, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, describeGrowth(name, n, g));
  }
});
