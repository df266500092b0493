/**
 * hunt26: bdm-lab's answers to a template-cases file (jinja_label.py's format) beside ansible-core's
 * labels, one line per case that differs (or every case with --all).
 * Usage: /usr/bin/python3 test/fixtures/ansible/jinja_label.py CASES.json > LABELS.json;
 * node --import tsx scripts/ansible-hunt26-probe.ts CASES.json LABELS.json [--all] [--root DIR]
 * (`--root`: bdm-lab's source and test/unit/ansible-templates.ts from DIR, e.g. the last commit's
 * `git archive HEAD server/src test/unit/ansible-templates.ts test/unit/cli-run.ts`)
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { answerOf as AnswerOf, Case, Label } from '../test/unit/ansible-templates';

const doc = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { DEFAULT_VARS: string; cases: Case[] };
const labels = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Record<string, Label>;
const all = process.argv.includes('--all');
const rootAt = process.argv.indexOf('--root');
const root = rootAt > 0 ? process.argv[rootAt + 1]! : new URL('..', import.meta.url).pathname;

async function main(): Promise<void> {
const { answerOf, jsonKeys } = await import(pathToFileURL(`${root}/test/unit/ansible-templates.ts`).href) as { answerOf: typeof AnswerOf; jsonKeys: (v: unknown) => unknown };
let agree = 0;
let notes = 0;
for (const c of doc.cases) {
  const a = answerOf(c, doc.DEFAULT_VARS);
  const l = labels[c.id];
  const mine = 'unresolved' in a ? { unresolved: a.unresolved.why ?? a.unresolved.expression } : a;
  const same = JSON.stringify(mine) === JSON.stringify(jsonKeys(l));
  if (same) agree++;
  else if ('unresolved' in a) notes++;
  if (!same || all) console.log(`${c.id} ${same ? '=' : '!'} ${c.t}\n  bdm-lab ${JSON.stringify(mine).slice(0, 300)}\n  Ansible ${JSON.stringify(l).slice(0, 300)}`);
}
console.log(`${agree}/${doc.cases.length} agree, ${notes} notes, ${doc.cases.length - agree - notes} differ`);
}

void main();
