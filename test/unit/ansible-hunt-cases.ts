/**
 * What the Ansible hunt tests (ansible-hunt26.test.ts, ansible-hunt27.test.ts) share: checking a
 * table of templates labelled by ansible-core's Templar, a table of playbooks ansible-core refuses
 * (or runs) while it loads them, and running the labellers on those tables again.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerOf, jsonKeys, type Label } from './ansible-templates';
import { ROOT } from './cli-run';
import { findTasks, readTasks } from '../../server/src/source/ansible/index';

/** [playbook, the words ansible-playbook refuses it with while it loads it, or null: it runs] */
export type LoadCase = [string, string | RegExp | null];

/** the words of a task's findings other than the unresolved-template and loop notes */
export const detail = (r: { findings: Array<{ code: string; args?: Record<string, string | number> }> }) => r.findings.filter((f) => f.code !== 'BDM-ANSIBLE-UNRESOLVED' && f.code !== 'BDM-ANSIBLE-LOOP').map((f) => String(f.args?.detail));

/**
 * bdm-lab's answers to labelled templates: `wrong` lists each case whose answer differs from the
 * label, or that stays unresolved without a note (in `notes`) whose words match the reason;
 * `answered` counts the cases that were not left unresolved.
 */
export function checkTemplates(cases: ReadonlyArray<[string, Label]>, vars: string, notes: ReadonlyArray<[string, RegExp]>): { wrong: string[]; answered: number } {
  const noteOf = new Map(notes);
  const wrong: string[] = [];
  let answered = 0;
  for (const [t, label] of cases) {
    const a = answerOf({ id: t, t }, vars);
    if ('unresolved' in a) {
      const why = noteOf.get(t);
      if (!why) wrong.push(`${t}: unresolved (${a.unresolved.why})`);
      else if (!why.test(a.unresolved.why ?? '')) wrong.push(`${t}: note ${a.unresolved.why}`);
      continue;
    }
    answered++;
    if (JSON.stringify(a) !== JSON.stringify(jsonKeys(label))) wrong.push(`${t}: bdm-lab ${JSON.stringify(a)}; Ansible ${JSON.stringify(label)}`);
  }
  return { wrong, answered };
}

/**
 * Every server task of each playbook: sent when ansible-core runs the playbook, else refused with
 * no body and exactly the words ansible-core refuses the playbook with.
 */
export function assertLoadRefusals(playbooks: ReadonlyArray<LoadCase>): void {
  for (const [text, load] of playbooks) {
    const tasks = findTasks(text);
    assert.ok(tasks.length > 0, text);
    for (const t of tasks) {
      const r = readTasks(t);
      assert.equal(r.length, 1, text);
      if (load === null) { assert.ok(r[0]!.request?.body, text); continue; }
      assert.equal(r[0]!.request?.body ?? null, null, text);
      const words = detail(r[0]!);
      assert.equal(words.length, 1, `${text}: ${words.join(' | ')}`);
      if (typeof load === 'string') assert.equal(words[0], load, text);
      else assert.match(words[0]!, load, text);
    }
  }
}

/** runs ansible-core's Templar (test/fixtures/ansible/jinja_label.py) on the templates, in `dir`, and checks the labels written for them */
export function assertTemplateLabels(dir: string, vars: string, cases: ReadonlyArray<[string, Label]>): void {
  const file = join(dir, 'templates.json');
  writeFileSync(file, JSON.stringify({ DEFAULT_VARS: vars, cases: cases.map(([t], i) => ({ id: String(i), t })) }));
  const got = JSON.parse(execFileSync('/usr/bin/python3', [join(ROOT, 'test', 'fixtures', 'ansible', 'jinja_label.py'), file], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, Label>;
  cases.forEach(([t, label], i) => assert.deepEqual(got[String(i)], label, t));
}

/** what scripts/ansible-hunt26-label.py says of one playbook: the words its load fails with, and each task's stage and error */
export interface PlaybookLabel { load: string | null; tasks: Array<{ stage: string; error: string | null }> }

/** runs scripts/ansible-hunt26-label.py on the playbooks, in `dir`: a label each, in order */
export function labelPlaybooks(dir: string, inputs: readonly string[]): PlaybookLabel[] {
  const books = join(dir, 'playbooks.json');
  writeFileSync(books, JSON.stringify(inputs.map((input, i) => ({ id: String(i), input }))));
  return execFileSync('/usr/bin/python3', [join(ROOT, 'scripts', 'ansible-hunt26-label.py'), books], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').map((l) => JSON.parse(l) as PlaybookLabel);
}

/** the first labels are the load cases': each says the words written for its playbook */
export function assertLoadLabels(playbooks: ReadonlyArray<LoadCase>, labels: readonly PlaybookLabel[]): void {
  playbooks.forEach(([, load], i) => {
    if (load === null || typeof load === 'string') assert.equal(labels[i]!.load, load);
    else assert.match(String(labels[i]!.load), load);
  });
}
