/**
 * Hunt 37: what session 32's hunt left in `openstack` scripts, each case run by dash (`#!/bin/sh`)
 * and bash (`#!/bin/bash`). Cases: scripts/osc-hunt37-cases.ts; labels: scripts/osc-hunt34-label.py
 * (the shell the first line names, dash 0.5.12 or bash 5.2, in an empty directory with a fake
 * `openstack` logging its words, then the osc-oracle and the nova-oracle on each `server create`
 * run), both kept in test/fixtures/osc-hunt37/. What they show:
 * - errexit (`set -e`, `set -o errexit`): a command that fails ends the script, but not one
 *   followed by `&&`/`||`, negated by `!`, in an `if`/`while` condition, or in a compound command
 *   or a function called in such a place (and `set +e` turns it off);
 * - `while`/`until` loops whose `[ … ]` head the values held decide, followed pass by pass
 *   (past bdm-lab's cap of passes, as any loop: the counter is then not known);
 * - `case $i in` decided on the pass's word; `[ $i = 2 ] && exit` decided on it;
 * - a function's status (`return N`, its last command's) deciding `f || exit`;
 * - `return` outside any function: dash ends the script there, bash refuses it and reads on.
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
const DIR = join(ROOT, 'test', 'fixtures', 'osc-hunt37');

interface Label { runs: Array<{ argv: string[]; mv: string | null }>; rc: number; stderr: string; osc: OracleAnswer[] }
const scripts = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Array<{ id: string; script: string }>;
const labels = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')) as Record<string, Label>;
const CASES: ShellCase[] = scripts.map((c) => {
  const l = labels[c.id];
  return { id: c.id, script: c.script, runs: l.runs.map((r) => r.argv.join(' ')), rc: l.rc, stderr: l.stderr };
});

testShellCases(CASES, true);

testOracleAnswers(scripts.map((c) => ({ id: c.id, osc: labels[c.id].osc })));

test('every case is read whole: no command left unresolved but the loop past the cap of passes', () => {
  for (const c of scripts) {
    const unread: Unread[] = [];
    findServerCreates(c.script, 'shell', undefined, { unread });
    if (c.id.startsWith('while-past-cap')) assert.equal(unread.length, 1, c.id);
    else assert.deepEqual(unread.map((u) => u.detail), [], c.id);
  }
});

test('counter loops, case items, and-or lists and errexit stay linear (bounded passes, steps and walks)', WATCHDOG, () => {
  const H = 'openstack server create --flavor m1.small --image cirros';
  const t = (s: string) => findServerCreates(s, 'shell');
  // n counter loops one after another, each of 64 passes (the cap) and more (past it)
  const counters = (n: number) => `#!/bin/sh\n${`n=0\nwhile [ $n -lt 70 ]; do n=$((n+1)); : vm-$n; [ $n -eq 99 ] && exit 3; done\n`.repeat(n)}${H} last\n`;
  // one counter loop whose body is n commands
  const wide = (n: number) => `#!/bin/sh\nn=0\nwhile [ $n -lt 60 ]; do n=$((n+1))\n${`: vm-$n\n[ $n = 7 ] || : x\n`.repeat(n)}done\n${H} last\n`;
  // a case of n items in a loop of 64 words, every item a glob
  const items = (n: number) => `#!/bin/bash\nset -e\nfor i in ${Array.from({ length: 64 }, (_, k) => `w${k}`).join(' ')}; do case $i in ${Array.from({ length: n }, (_, k) => `w${k}|*x${k}*) : vm${k}-$i;;`).join(' ')} esac; [ $i != w99 ]; done\n${H} last\n`;
  // n functions, each returning on a test of its argument, called in an and-or list under errexit
  const fns = (n: number) => `#!/bin/sh\nset -e\n${Array.from({ length: n }, (_, k) => `f${k}() { [ "$1" = b ] && return 1; : vm${k}-$1; }\nf${k} a || exit 4\n`).join('')}${H} last\n`;
  // groups after && nested n deep
  const deep = (n: number) => `#!/bin/sh\nset -e\nfor i in 1 2 3; do ${'[ $i = 2 ] && { '.repeat(n)}${H} vm-$i; ${'}; '.repeat(n)}done\n${H} last\n`;
  assert.equal(t(counters(1)).length, 1);
  // (the 64 passes followed, then the loop as any loop: its command's words not told; and the last)
  assert.equal(t(`#!/bin/sh\nn=0\nwhile [ $n -lt 70 ]; do n=$((n+1)); ${H} vm-$n; done\n${H} last\n`).length, 65);
  for (const [name, gen, n] of [['n counter loops', counters, 16], ['a counter loop of n commands', wide, 100], ['a case of n items', items, 200], ['n functions in and-or lists', fns, 200], ['n nested groups after &&', deep, 100]] as const) {
    const g = bestGrowth(gen, t, n, MAX_RATIO);
    assert.ok(g.ratio < MAX_RATIO, describeGrowth(name, n, g));
  }
});
