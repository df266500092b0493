/**
 * hunt35 differential count: hunt34's (below), with one more kind of note: a loop bdm-lab does not
 * expand (its BDM-ANSIBLE-LOOP note) judged once, where Ansible's loop has no item, is a note, not a
 * disagreement, even when bdm-lab's one judgement refuses the task (it says the items are unknown);
 * and a task Ansible fails on a `when:` condition that bdm-lab says it does not decide is a note.
 *
 * hunt34 differential count: scripts/ansible-hunt26-diff.ts's count (every `openstack.cloud.server`
 * task matched by the line its mapping starts on; Ansible's refusal at load against each task's
 * refusal; a difference where bdm-lab only notes what it does not compute is a note), with looped
 * tasks compared item by item: scripts/ansible-hunt34-label.py labels each of a looped task's first
 * eight items, and bdm-lab's items are its `readLoopItems` (null: skipped or nothing sent). A loop
 * bdm-lab does not expand (a note) or refuses counts once, against the label's first item or its
 * refusal. A request bdm-lab judges as if its `when:` holds, saying it does not decide it, is a
 * note where Ansible skips the task.
 * Usage: node --import tsx scripts/ansible-hunt35-diff.ts CASES.json LABELS.jsonl [--root DIR] [--show]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compareRequest, type AnsibleLabel } from '../test/fixtures/ansible/compare';
import type { AnsibleRequest } from '../server/src/source/ansible/index';
import type { Task } from '../server/src/source/ansible/tasks';

type One = AnsibleLabel | { stage: 'skipped' };
type TaskLabel = (One | { items: Array<One & { index: number }> }) & { line: number };
interface Label { id: string; load: string | null; crash?: string; tasks: TaskLabel[] }
type Src = {
  findTasks: (s: string) => Task[];
  readTasks: (t: Task) => AnsibleRequest[];
  readLoopItems: (t: Task) => { items: Array<AnsibleRequest | null> } | { once: AnsibleRequest | null; refused: boolean } | null;
};

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<{ id: string; input: string }>;
const labels = new Map(readFileSync(process.argv[3]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label).map((l) => [l.id, l]));
const show = process.argv.includes('--show');
const rootAt = process.argv.indexOf('--root');
const root = rootAt > 0 ? process.argv[rootAt + 1]! : new URL('..', import.meta.url).pathname;

const isNote = (f: { code: string }) => f.code === 'BDM-ANSIBLE-LOOP' || f.code === 'BDM-ANSIBLE-UNRESOLVED';
const refusal = (r: AnsibleRequest | null) => r?.findings.find((f) => !isNote(f));
const words = (s: unknown) => String(s).replace(/only allowed in the following modules: .*$/, 'only allowed in the following modules: …');
// a request judged as if its `when:` holds, which bdm-lab does not decide: a note when Ansible skips the task
const undecided = (f: { code: string; args?: { detail?: unknown } }) => f.code === 'BDM-ANSIBLE-UNRESOLVED' && /^the condition .* is not decided /s.test(String(f.args?.detail));
// a loop bdm-lab does not expand, judged once
const unexpanded = (f: { code: string; args?: { detail?: unknown } }) => f.code === 'BDM-ANSIBLE-LOOP' && /^bdm-lab does not expand the loop /.test(String(f.args?.detail));
const one = (r: AnsibleRequest | null, l: One): string[] => (l.stage === 'skipped' ? (r ? ['Ansible skips it; bdm-lab has a request'] : []) : compareRequest(r, l as AnsibleLabel));
// Ansible fails on a condition bdm-lab does not decide (it judges the task as if the condition holds)
const failsUndecided = (r: AnsibleRequest | null, l: One): boolean => {
  const m = l.stage === 'ansible-args' ? /^The conditional check '(.*?)' failed\./s.exec(String((l as AnsibleLabel).error)) : null;
  return !!m && !!r && r.findings.some((f) => undecided(f) && String(f.args?.detail).startsWith(`the condition \`${m[1]}\` `));
};

async function main(): Promise<void> {
  const src = await import(pathToFileURL(`${root}/server/src/source/ansible/index.ts`).href) as Src;
  const count = { units: 0, agree: 0, note: 0, disagree: 0, crash: 0 };
  for (const c of cases) {
    const o = labels.get(c.id);
    if (!o || o.crash) { count.crash++; if (show) console.log(`${c.id}: labeller ${o?.crash}`); continue; }
    const lineOf = (off: number) => c.input.slice(0, off).split('\n').length;
    const mine = src.findTasks(c.input).map((t) => ({ line: lineOf(t.span.offset), t }));
    const say = (what: string) => console.log(`${c.id}: ${what}${show ? `\n${c.input.replace(/^/gm, '  | ')}` : ''}`);
    const tally = (line: string, r: AnsibleRequest | null, d: string[], skipped = false, noItems = false) => {
      count.units++;
      if (!d.length) count.agree++;
      else if (r && ((!refusal(r) && r.findings.some(isNote)) || (skipped && r.findings.some(undecided)) || (noItems && r.findings.some(unexpanded)))) { count.note++; if (show) say(`${line} note: ${r.findings.filter(isNote).map((f) => f.args?.detail).join(' | ').slice(0, 300)}`); }
      else { count.disagree++; say(`${line}: ${d.join('; ').slice(0, 500)}`); }
    };
    if (o.load !== null) {
      for (const m of mine) {
        const f = refusal(src.readTasks(m.t)[0] ?? null);
        tally(`line ${m.line}`, null, f && words(f.args?.detail) === words(o.load) ? [] : [`Ansible refuses the playbook at load (${words(o.load).slice(0, 160)}); bdm-lab: ${f ? words(f.args?.detail).slice(0, 160) : 'no refusal'}`]);
      }
      continue;
    }
    for (const l of o.tasks) {
      const m = mine.find((x) => x.line === l.line);
      if (!m) { tally(`line ${l.line}`, null, ['bdm-lab finds no task']); continue; }
      const loop = src.readLoopItems(m.t);
      if (!('items' in l)) {
        const r = loop && 'once' in loop ? loop.once : loop && 'items' in loop ? null : src.readTasks(m.t)[0] ?? null;
        tally(`line ${l.line}`, r, loop && 'items' in loop ? [`bdm-lab expands a loop (${loop.items.length} items); Ansible: ${JSON.stringify(l).slice(0, 200)}`] : one(r, l), l.stage === 'skipped' || failsUndecided(r, l));
        continue;
      }
      if (!loop || 'once' in loop) {
        const r = loop ? loop.once : src.readTasks(m.t)[0] ?? null;
        const first = l.items[0];
        tally(`line ${l.line}`, r, first ? one(r, first) : r ? ['Ansible runs no item; bdm-lab has a request'] : [], first?.stage === 'skipped' || (!!first && failsUndecided(r, first)), !first);
        continue;
      }
      if (loop.items.length !== l.items.length) tally(`line ${l.line}`, null, [`${loop.items.length} items != Ansible's ${l.items.length}`]);
      else l.items.forEach((it, i) => tally(`line ${l.line} item ${i}`, loop.items[i] ?? null, one(loop.items[i] ?? null, it), it.stage === 'skipped' || failsUndecided(loop.items[i] ?? null, it)));
    }
  }
  console.log(`${count.agree}/${count.units} tasks and items agree, ${count.note} notes, ${count.disagree} disagree; ${count.crash} cases the labeller could not run`);
}

void main();
