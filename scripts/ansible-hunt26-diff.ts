/**
 * hunt26 differential count, task by task: every `openstack.cloud.server` task of the playbooks of
 * scripts/ansible-hunt26-gen.ts against scripts/ansible-hunt26-label.py (ansible-playbook's load,
 * then each task's run). A task agrees when bdm-lab's request (or its skip, or its refusal in
 * Ansible's words) equals the label's; where Ansible refuses the playbook at load, each of bdm-lab's
 * tasks must be refused in those words. A difference where bdm-lab only notes what it does not
 * compute is a note. Tasks are matched by the line their mapping starts on.
 * `--root DIR`: bdm-lab's source from DIR (e.g. `git archive HEAD server/src | tar -x -C DIR`),
 * for the count before a change.
 * Usage: node --import tsx scripts/ansible-hunt26-diff.ts CASES.json LABELS.jsonl [--root DIR] [--show]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compareRequest, type AnsibleLabel } from '../test/fixtures/ansible/compare';
import type { AnsibleRequest } from '../server/src/source/ansible/index';
import type { Task } from '../server/src/source/ansible/tasks';

interface Label { id: string; load: string | null; crash?: string; tasks: Array<(AnsibleLabel & { line: number }) | { stage: 'skipped'; line: number }> }

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<{ id: string; input: string }>;
const labels = new Map(readFileSync(process.argv[3]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label).map((l) => [l.id, l]));
const show = process.argv.includes('--show');
const rootAt = process.argv.indexOf('--root');
const root = rootAt > 0 ? process.argv[rootAt + 1]! : new URL('..', import.meta.url).pathname;

const isNote = (f: { code: string }) => f.code === 'BDM-ANSIBLE-LOOP' || f.code === 'BDM-ANSIBLE-UNRESOLVED';
const refusal = (r: AnsibleRequest | null) => r?.findings.find((f) => !isNote(f));
// Python prints the modules that take free-form words from a set, in an order that changes from run to run
const words = (s: unknown) => String(s).replace(/only allowed in the following modules: .*$/, 'only allowed in the following modules: …');

async function main(): Promise<void> {
  const src = await import(pathToFileURL(`${root}/server/src/source/ansible/index.ts`).href) as { findTasks: (s: string) => Task[]; readTasks: (t: Task) => AnsibleRequest[] };
  const count = { tasks: 0, agree: 0, note: 0, disagree: 0, crash: 0, loadTasks: 0, loadAgree: 0 };
  for (const c of cases) {
    const o = labels.get(c.id);
    if (!o || o.crash) { count.crash++; if (show) console.log(`${c.id}: labeller ${o?.crash}`); continue; }
    const lineOf = (off: number) => c.input.slice(0, off).split('\n').length;
    const mine = src.findTasks(c.input).map((t) => ({ line: lineOf(t.span.offset), r: src.readTasks(t)[0] ?? null }));
    const say = (what: string) => console.log(`${c.id}: ${what}${show ? `\n${c.input.replace(/^/gm, '  | ')}` : ''}`);
    if (o.load !== null) {
      for (const m of mine) {
        count.tasks++; count.loadTasks++;
        const f = refusal(m.r);
        if (f && words(f.args?.detail) === words(o.load)) { count.agree++; count.loadAgree++; } else { count.disagree++; say(`line ${m.line}: Ansible refuses the playbook at load (${words(o.load).slice(0, 120)}); bdm-lab: ${f ? words(f.args?.detail).slice(0, 120) : m.r?.request?.body ? 'sends' : 'nothing'}`); }
      }
      continue;
    }
    for (const l of o.tasks) {
      count.tasks++;
      const m = mine.find((x) => x.line === l.line);
      if (!m) { count.disagree++; say(`line ${l.line}: bdm-lab finds no task`); continue; }
      const d = l.stage === 'skipped' ? (m.r ? ['Ansible skips the task; bdm-lab has a request'] : []) : compareRequest(m.r, l as AnsibleLabel);
      if (!d.length) count.agree++;
      else if (m.r && !refusal(m.r) && m.r.findings.some(isNote)) { count.note++; if (show) say(`line ${l.line} note: ${m.r.findings.filter(isNote).map((f) => f.args?.detail).join(' | ').slice(0, 200)}`); }
      else { count.disagree++; say(`line ${l.line}: ${d.join('; ').slice(0, 400)}`); }
    }
  }
  console.log(`${count.agree}/${count.tasks} tasks agree, ${count.note} notes, ${count.disagree} disagree (${count.loadAgree}/${count.loadTasks} tasks of playbooks Ansible refuses at load refused in its words); ${count.crash} cases the labeller could not run`);
}

void main();
