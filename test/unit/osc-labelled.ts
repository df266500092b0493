/**
 * What the osc hunt tests share: a script labelled by the real shells (the commands it ran, its
 * exit status and stderr), bdm-lab's reading of one (the commands it judges, what it leaves
 * unresolved, where it says the shell stops), and the test every such case gets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findServerCreates, type StopAt, type Unread } from '../../server/src/source/oscCli';
import { compareWithOracle, type OracleAnswer } from '../fixtures/osc/compare';

export interface ShellCase { id: string; script: string; runs: string[]; rc: number; stderr: string }

/** the commands bdm-lab judges in a script (each once, sorted), what it leaves unresolved, and its stops */
export function readScript(script: string): { found: string[]; unread: Unread[]; stops: StopAt[] } {
  const unread: Unread[] = [];
  const stops: StopAt[] = [];
  const found = findServerCreates(script, 'shell', undefined, { unread, stops }).map((x) => x.words.map((w) => w.value).join(' '));
  return { found: [...new Set(found)].sort(), unread, stops };
}

/**
 * Each case: the commands bdm-lab judges are ones the shell ran; with nothing left unresolved,
 * exactly those. `strict`: besides, where dash stopped nothing is left unresolved, and each run
 * bdm-lab misses has an unresolved command standing for it (not so where a loop not followed pass
 * by pass leaves one command for several runs).
 */
export function testShellCases(cases: readonly ShellCase[], strict: boolean): void {
  for (const c of cases) {
    test(c.id, () => {
      const { found, unread } = readScript(c.script);
      const ran = [...new Set(c.runs)].sort();
      for (const f of found) assert.ok(ran.includes(f), `${c.id}: bdm-lab judges \`${f}\`, which the shell never ran (it ran ${ran.join(' | ')})`);
      if (strict && c.rc === 2 && c.script.startsWith('#!/bin/sh')) assert.equal(unread.length, 0, `${c.id}: ${unread.map((u) => u.detail).join(' | ')}`);
      if (!unread.length) assert.deepEqual(found, ran, c.id);
      else if (strict) assert.ok(ran.length - found.length <= unread.length, `${c.id}: ${ran.length - found.length} runs missed, ${unread.length} unresolved`);
    });
  }
}

/**
 * The test every labelled set gets: each `openstack` command the shells ran, written back as one
 * line (words quoted for the shell where needed), is read by bdm-lab as the osc-oracle read it
 * (its body or its refusal).
 */
export function testOracleAnswers(cases: ReadonlyArray<{ id: string; osc: readonly OracleAnswer[] }>): void {
  test('each command the shells ran is the one the osc-oracle reads (its body or refusal)', () => {
    for (const c of cases) {
      for (const o of c.osc) {
        const line = o.argv.map((w) => (/^[\w.=,:/@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`)).join(' ');
        assert.deepEqual(compareWithOracle(line, o), [], `${c.id}: ${line}`);
      }
    }
  });
}
