/**
 * What the osc hunt tests share: a script labelled by the real shells (the commands it ran, its
 * exit status and stderr), bdm-lab's reading of one (the commands it judges, what it leaves
 * unresolved, where it says the shell stops), and the test every such case gets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** What the shells did with a labelled script (scripts/osc-hunt34-label.py): the commands run, the exit status and stderr, the osc-oracle's reading of each. */
export interface ShellLabel { shell?: 'dash' | 'bash'; runs: Array<{ argv: string[]; mv: string | null }>; rc: number; stderr: string; osc: OracleAnswer[] }
export interface LabelledScript { id: string; script: string; label: ShellLabel }

/** A hunt's fixture pair: the scripts (`[{id, script}]`) and their labels by id. */
export function loadLabelled(dir: string, cases: string, labels: string): LabelledScript[] {
  const ls = JSON.parse(readFileSync(join(dir, labels), 'utf8')) as Record<string, ShellLabel>;
  return (JSON.parse(readFileSync(join(dir, cases), 'utf8')) as Array<{ id: string; script: string }>).map((c) => ({ ...c, label: ls[c.id]! }));
}

/** The labelled scripts as cases for testShellCases (the words from `server` on), and a lookup by id that fails on a missing one. */
export function shellCasesOf(all: readonly LabelledScript[]): { CASES: ShellCase[]; byId: (id: string) => LabelledScript } {
  const fromServer = (argv: string[]) => argv.slice(Math.max(0, argv.indexOf('server'))).join(' ');
  const CASES = all.map((c) => ({ id: c.id, script: c.script, runs: c.label.runs.map((r) => fromServer(r.argv)), rc: c.label.rc, stderr: c.label.stderr }));
  const byId = (id: string) => {
    const c = all.find((x) => x.id === id);
    assert.ok(c, id);
    return c;
  };
  return { CASES, byId };
}
