/**
 * hunt25 differential count, item by item: each looped task of scripts/ansible-hunt25-gen.ts
 * against scripts/ansible-hunt25-label.py (ansible-core's own loop). An item agrees when bdm-lab's
 * request for it (or its skip) equals the module's (compare.ts compareRequest); a loop Ansible
 * refuses agrees when bdm-lab refuses it in the same words. Where bdm-lab does not expand the loop
 * (a note) its items are counted as notes, not disagreements.
 * `--old DIR`: the same count for a checkout in DIR (e.g. `git archive HEAD server/src | tar -x -C
 * DIR` plus a node_modules link) whose source judges a looped task once: its one request is
 * compared with every item.
 * Usage: node --import tsx scripts/ansible-hunt25-diff.ts CASES.json LABELS.jsonl [--old DIR] [--show]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compareRequest, type AnsibleLabel } from '../test/fixtures/ansible/compare';
import { findTasks, readLoopItems, readTasks, type AnsibleRequest } from '../server/src/source/ansible/index';
import { LOOP_CAP } from '../server/src/source/ansible/loop';

interface Label { id: string; loop: 'none' | 'items' | 'error' | 'crash'; error: string | null; items: Array<AnsibleLabel & { index: number | null }> }

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<{ id: string; input: string }>;
const labels = new Map(readFileSync(process.argv[3]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label).map((l) => [l.id, l]));
const show = process.argv.includes('--show');
const oldAt = process.argv.indexOf('--old');
type ReadTask = (t: unknown) => AnsibleRequest | null;
type Old = { readTask: ReadTask; findTasks: (s: string) => unknown[] } | null;

const count = { items: 0, agree: 0, note: 0, disagree: 0, crash: 0, loopsRefused: 0, refusedAgree: 0, refusedNote: 0 };
const refusal = (r: AnsibleRequest | null) => r?.findings.find((f) => f.code !== 'BDM-ANSIBLE-LOOP' && f.code !== 'BDM-ANSIBLE-UNRESOLVED');
const say = (c: { id: string; input: string }, what: string) => console.log(`${c.id}: ${what}${show ? `\n${c.input.replace(/^/gm, '  | ')}` : ''}`);

async function main(): Promise<void> {
const old: Old = oldAt > 0 ? await import(pathToFileURL(`${process.argv[oldAt + 1]}/server/src/source/ansible/index.ts`).href) as Old : null;
for (const c of cases) {
  const o = labels.get(c.id);
  if (!o || o.loop === 'crash') { count.crash++; if (show) say(c, `labeller: ${o?.error}`); continue; }
  if (old) {
    const r = (() => { const t = old.findTasks(c.input)[0]; return t ? old.readTask(t) : null; })();
    if (o.loop === 'error') {
      count.loopsRefused++;
      if (String(refusal(r)?.args?.detail) === o.error) count.refusedAgree++;
      continue;
    }
    for (const it of o.items.slice(0, LOOP_CAP)) {
      count.items++;
      const noted = r?.findings.some((f) => f.code === 'BDM-ANSIBLE-LOOP' || f.code === 'BDM-ANSIBLE-UNRESOLVED') && !refusal(r) && !r?.request?.body;
      const d = it.stage === 'skipped' ? (r ? ['skipped; bdm-lab has a request'] : []) : compareRequest(r, it);
      if (!d.length) count.agree++;
      else if (noted) count.note++;
      else count.disagree++;
    }
    continue;
  }
  const task = findTasks(c.input)[0];
  const x = task ? readLoopItems(task) : null;
  if (!x) {
    // no loop (`loop:` with no value): the task's one request
    count.items++;
    const d = o.loop === 'none' && task ? (o.items[0]?.stage === 'skipped' ? (readTasks(task)[0] ? ['skipped'] : []) : compareRequest(readTasks(task)[0] ?? null, o.items[0]!)) : ['bdm-lab sees no loop'];
    if (d.length) { count.disagree++; say(c, d.join('; ')); } else count.agree++;
    continue;
  }
  if (o.loop === 'error') {
    count.loopsRefused++;
    if ('items' in x) { say(c, `Ansible refuses the loop (${o.error}); bdm-lab expands it`); continue; }
    if (!x.refused) { count.refusedNote++; if (show) say(c, `note: ${x.once?.findings.map((f) => f.args?.detail).join(' | ')} / Ansible: ${o.error}`); continue; }
    const words = String(refusal(x.once)?.args?.detail);
    if (words === o.error) count.refusedAgree++;
    else say(c, `refusal ${JSON.stringify(words)} != ${JSON.stringify(o.error)}`);
    continue;
  }
  if (!('items' in x)) {
    count.items += Math.min(o.items.length, LOOP_CAP);
    if (x.refused) { count.disagree += Math.min(o.items.length, LOOP_CAP); say(c, `bdm-lab refuses the loop (${refusal(x.once)?.args?.detail}); Ansible runs ${o.items.length} items`); continue; }
    // judged once: an item it answers for alike (a task every item of which `when` skips) agrees
    for (const it of o.items.slice(0, LOOP_CAP)) {
      if ((it.stage === 'skipped' ? (x.once ? ['skipped'] : []) : compareRequest(x.once, it)).length) count.note++;
      else count.agree++;
    }
    if (show) say(c, `note: ${x.once?.findings.filter((f) => f.code === 'BDM-ANSIBLE-LOOP').map((f) => f.args?.detail).join(' | ')}`);
    continue;
  }
  const want = o.items.slice(0, LOOP_CAP);
  if (x.items.length !== want.length) { count.items += want.length; count.disagree += want.length; say(c, `${x.items.length} items != Ansible's ${o.items.length}`); continue; }
  want.forEach((it, i) => {
    count.items++;
    const r = x.items[i]!;
    const d = it.stage === 'skipped' ? (r ? ['Ansible skips the item; bdm-lab has a request'] : []) : compareRequest(r, it);
    const noted = r && !refusal(r) && !r.request?.body && r.findings.some((f) => f.code === 'BDM-ANSIBLE-UNRESOLVED');
    if (!d.length) count.agree++;
    else if (noted) { count.note++; if (show) say(c, `item ${i} note: ${r.findings.map((f) => f.args?.detail).join(' | ')}`); }
    else { count.disagree++; say(c, `item ${i}: ${d.join('; ')}`); }
  });
}
console.log(`${count.agree}/${count.items} items agree, ${count.note} notes, ${count.disagree} disagree; ${count.refusedAgree}/${count.loopsRefused} loops Ansible refuses are refused in its words (${count.refusedNote} notes); ${count.crash} cases the labeller could not run`);
}

void main();
