/**
 * What the Ansible hunt tests share: a playbook's label as the hunt labellers write it (each task,
 * or each loop item, as ansible-oracle saw it; `skipped` where Ansible skips it), and bdm-lab's
 * reading of the playbook compared with it, task by task and item by item.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli-run';
import { compareRequest, type AnsibleLabel } from '../fixtures/ansible/compare';
import { findTasks, readLoopItems, readTasks, type AnsibleRequest } from '../../server/src/source/ansible/index';

export type One = AnsibleLabel | { stage: 'skipped' };
export type TaskLabel = (One | { items: One[] }) & { line: number };
export interface BookLabel { id: string; load: string | null; tasks: TaskLabel[] }

/**
 * a task bdm-lab says sends nothing either way: a condition it does not decide, then a false one
 * (Ansible skips the task, or fails it on the first): the condition it does not decide
 */
function eitherWay(r: AnsibleRequest | null): string | null {
  if (!r || r.request !== null || r.findings.some((f) => f.code !== 'BDM-ANSIBLE-UNRESOLVED')) return null;
  for (const f of r.findings) {
    const m = /^the condition `.*` after `(.*)` is false: Ansible skips the task /s.exec(String(f.args?.detail));
    if (m) return m[1]!;
  }
  return null;
}

/** one request (or none) against its label: the differences */
export const one = (r: AnsibleRequest | null, l: One): string[] => {
  const undecided = eitherWay(r);
  if (undecided !== null && (l.stage === 'skipped' || (l.stage === 'ansible-args' && String((l as AnsibleLabel).error).startsWith(`The conditional check '${undecided}' failed.`)))) return [];
  return l.stage === 'skipped' ? (r ? ['Ansible skips it'] : []) : compareRequest(r, l as AnsibleLabel);
};

/** each task (each loop item) of the playbook against its label, as scripts/ansible-hunt34-diff.ts and ansible-hunt35-diff.ts count: the differences */
export function differences(input: string, label: BookLabel): string[] {
  const lineOf = (off: number) => input.slice(0, off).split('\n').length;
  const mine = findTasks(input).map((t) => ({ line: lineOf(t.span.offset), t }));
  assert.equal(label.load, null);
  assert.ok(label.tasks.length, 'a labelled task');
  const out: string[] = [];
  for (const l of label.tasks) {
    const m = mine.find((x) => x.line === l.line);
    if (!m) { out.push(`line ${l.line}: no task`); continue; }
    const loop = readLoopItems(m.t);
    if (!('items' in l)) {
      if (loop && 'items' in loop) { out.push(`line ${l.line}: bdm-lab expands a loop`); continue; }
      out.push(...one(loop ? loop.once : readTasks(m.t)[0] ?? null, l).map((x) => `line ${l.line}: ${x}`));
      continue;
    }
    if (!loop || !('items' in loop)) { out.push(`line ${l.line}: bdm-lab does not expand the loop`); continue; }
    if (loop.items.length !== l.items.length) { out.push(`line ${l.line}: ${loop.items.length} items != ${l.items.length}`); continue; }
    l.items.forEach((it, i) => out.push(...one(loop.items[i] ?? null, it).map((x) => `line ${l.line} item ${i}: ${x}`)));
  }
  return out;
}

/**
 * a playbook Ansible refuses while it loads it (its label's `load`): each server task bdm-lab finds
 * refused in the same words (BDM-ANSIBLE-ARGS), nothing sent; the differences
 */
export function loadDifferences(input: string, label: BookLabel): string[] {
  assert.notEqual(label.load, null);
  const lineOf = (off: number) => input.slice(0, off).split('\n').length;
  const tasks = findTasks(input);
  assert.ok(tasks.length, 'a task bdm-lab finds');
  return tasks.flatMap((t) => {
    const r = readTasks(t)[0];
    const f = r?.findings.find((x) => x.code === 'BDM-ANSIBLE-ARGS');
    return r && r.request === null && f && f.args?.detail === label.load ? [] : [`line ${lineOf(t.span.offset)}: Ansible refuses the playbook at load; bdm-lab: ${f ? String(f.args?.detail) : 'no refusal'}`];
  });
}

/** a hunt labeller (scripts/ansible-hunt35-label.py unless another is named; real ansible-core) run again on the cases: its labels, in order */
export function labelAgain(cases: ReadonlyArray<{ id: string; input: string }>, prefix: string, labeller = 'ansible-hunt35-label.py'): BookLabel[] {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases.map((c) => ({ id: c.id, input: c.input }))));
    return execFileSync('/usr/bin/python3', [join(ROOT, 'scripts', labeller), file], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ANSIBLE_DEPRECATION_WARNINGS: 'False' }, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').map((l) => JSON.parse(l) as BookLabel);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
