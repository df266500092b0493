/**
 * Hunt 44b: two shapes operators write around `openstack server create`, run by dash
 * (`#!/bin/sh`, 0.5.12) or bash (`#!/bin/bash`, 5.2). Cases: scripts/osc-hunt44b-cases.ts
 * (written by hand); labels: scripts/osc-hunt44-label.py (the shell the first line names, with a
 * fake `openstack` logging its words, once succeeding and once failing, the runs of both kept;
 * then the osc-oracle and the nova-oracle on each `server create` run), kept in
 * test/fixtures/osc-hunt44b/. What they show:
 * - `[ … ] && A || B`, `[[ … ]] && A || B`: B runs where A fails. `echo`, and `printf` with a
 *   format told whose only directives are `%s`/`%%`, surely succeed (before, B was judged as a
 *   command that may run), as `:`, `true` and an assignment already did; a redirection to
 *   /dev/null or descriptor 1 or 2 after A (`>&2`, `2>&1`) leaves its status as it is (before, any
 *   redirection there left the link undecided); where A is `openstack …`, B may run;
 * - bash's C-style `for ((…))`: not followed pass by pass (left: each command using its name is a
 *   note, none judged that bash did not run); dash refuses it ("Bad for loop variable"), where
 *   bdm-lab stops too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findServerCreates } from '../../server/src/source/oscCli';
import { readScript, testShellCases, testOracleAnswers, loadLabelled, shellCasesOf } from './osc-labelled';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'osc-hunt44b');
const all = loadLabelled(DIR, 'cases.json', 'labels.json');
const { CASES, byId } = shellCasesOf(all);

// (bash reads `for ((…)) { …; }`; bdm-lab reads a syntax error there: left, see below)
const LEFT = new Set(['cfor-braces-bash']);

test('the fixtures hold the hand-written cases of both shells, each labelled', () => {
  assert.equal(all.length, 31);
  assert.equal(all.filter((c) => c.label.shell === 'dash').length, 9);
  for (const c of all) assert.ok(c.label && c.label.runs && c.label.shell === (c.script.startsWith('#!/bin/bash') ? 'bash' : 'dash'), `${c.id}: labelled`);
});

testShellCases(CASES.filter((c) => !LEFT.has(c.id) && c.id.startsWith('andor-')), true);
// (not strict: a C-style `for` is one note for several runs)
testShellCases(CASES.filter((c) => !LEFT.has(c.id) && c.id.startsWith('cfor-')), false);

testOracleAnswers(all.map((c) => ({ id: c.id, osc: c.label.osc })));

test('what bash and dash ran after `&& A ||`, as the labels say, and what bdm-lab judges (labelled: scripts/osc-hunt44-label.py)', () => {
  const ran = (id: string) => [...new Set(byId(id).label.runs.map((r) => r.argv.at(-1)))].sort();
  const judged = (id: string) => [...new Set(findServerCreates(byId(id).script, 'shell').map((x) => x.words.at(-1)!.value))].sort();
  const same = (id: string, expected: string[]) => {
    assert.deepEqual(ran(id), [...expected].sort(), `${id}: the label`);
    assert.deepEqual(judged(id), ran(id), id);
    assert.deepEqual(readScript(byId(id).script).unread.map((u) => u.detail), [], id);
  };
  // (A surely succeeds: B never runs; before, `fallback` was judged for echo, printf and a redirection after A)
  for (const id of ['andor-echo-bash', 'andor-echo-dash', 'andor-printf-dash', 'andor-printf-var-fmt-bash', 'andor-chain-bash', 'andor-echo-stderr-bash', 'andor-echo-devnull-dash', 'andor-colon-dash', 'andor-true-bash']) same(id, []);
  same('andor-sete-dash', ['after']);
  same('andor-assign-bash', ['after-1']);
  same('andor-loop-dash', ['b']);
  // (A fails, or the test before it does: B runs)
  for (const id of ['andor-cond-false-bash', 'andor-false-dash', 'andor-test-fails-bash']) same(id, ['fallback']);
  // (A is `openstack …`: it fails where the cloud refuses, so B may run; both worlds' runs)
  same('andor-create-bash', ['web', 'fallback']);
  same('andor-create-dash', ['web', 'fallback']);
  for (const sh of ['bash', 'dash']) {
    const l = byId(`andor-create-${sh}`).label as unknown as { worlds: Array<Array<{ argv: string[] }>> };
    assert.deepEqual(l.worlds.map((w) => w.map((r) => r.argv.at(-1))), [['web'], ['web', 'fallback']], sh);
  }
});

test('a C-style `for`: dash stops where dash does, bash\'s runs are notes, none judged that bash did not run (labelled: scripts/osc-hunt44-label.py)', () => {
  const d = byId('cfor-dash');
  assert.equal(d.label.rc, 2);
  assert.match(d.label.stderr, /Bad for loop variable/);
  const r = readScript(d.script);
  assert.deepEqual(r.found, []);
  assert.equal(r.stops[0]?.dash, 'Bad for loop variable');
  for (const id of ['cfor-basic-bash', 'cfor-step-bash', 'cfor-nested-bash', 'cfor-comma-bash', 'cfor-too-many-bash']) {
    const s = readScript(byId(id).script);
    assert.ok(byId(id).label.runs.length >= 2, id);
    assert.deepEqual(s.found, [], id);
    assert.ok(s.unread.length >= 1, id);
  }
});

// left: bash reads `for ((…)) { …; }` (a group as the body), which bdm-lab takes for a syntax error
test('bash\'s `for ((…)) { …; }` is no syntax error (labelled: scripts/osc-hunt44-label.py)', { todo: 'C-style for not read yet' }, () => {
  const c = byId('cfor-braces-bash');
  assert.equal(c.label.rc, 0);
  assert.deepEqual(readScript(c.script).stops, []);
});
