/**
 * The Ansible source's Jinja beyond ansible-filters-more.test.ts (server/src/source/ansible/pyextra.ts,
 * filters.ts): `**`, tuples, printf-style `%` formatting of a str, the str methods operators call
 * (`split`, `replace`, `startswith`, `format`...), the filters `sum`, `abs`, `min`, `max`,
 * `from_json`, `b64encode`, `b64decode`, `regex_replace`, `regex_search`, and the tests `odd`,
 * `even`, `divisibleby`, `match`, `search`, `regex`, as ansible-core 2.14.18 renders them with
 * Jinja2 3.1.2; what needs the machine (`lookup`, `query`, `now()`, `strftime`) stays unresolved.
 *
 * test/fixtures/ansible-hunt22/cases.json (written by gen_cases.py): templates and the vars they
 * read, labelled by ansible-core's own Templar (test/fixtures/ansible/jinja_label.py -> oracle.json).
 * `node --import tsx test/unit/ansible-hunt22.test.ts --label` rewrites the labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerOf, jsonKeys, templateHunt, type Case } from './ansible-templates';

const { doc: DOC, labels: LABELS } = templateHunt('ansible-hunt22');
const answer = (c: Case) => answerOf(c, DOC.DEFAULT_VARS);

export function report(): { answered: number; wrong: string[]; unresolved: string[] } {
  const wrong: string[] = [];
  const unresolved: string[] = [];
  let answered = 0;
  for (const c of DOC.cases) {
    const l = LABELS[c.id]!;
    const a = answer(c);
    if ('unresolved' in a) {
      unresolved.push(`${c.id}: ${a.unresolved.why} | Ansible: ${JSON.stringify(l).slice(0, 200)}`);
      continue;
    }
    answered++;
    if ('exception' in l && !('exception' in a)) wrong.push(`${c.id}: bdm-lab answers ${JSON.stringify(a)}; Ansible raises ${l.exception}`);
    else if (JSON.stringify(a) !== JSON.stringify(jsonKeys(l))) wrong.push(`${c.id}:\n  bdm-lab ${JSON.stringify(a).slice(0, 400)}\n  Ansible ${JSON.stringify(l).slice(0, 400)}`);
  }
  return { answered, wrong, unresolved };
}

if (process.argv.includes('--report')) {
  const r = report();
  console.log(r.wrong.join('\n'));
  console.log('--- unresolved');
  console.log(r.unresolved.join('\n'));
  console.log(`${r.answered} answered of ${DOC.cases.length}, ${r.wrong.length} wrong`);
}

/** what must stay unresolved: it reads the machine (environment, files, the clock), never guessed */
const MACHINE = ["{{ lookup('env', 'HOME') }}", "{{ lookup('file', '/etc/hostname') }}", "{{ query('env', 'HOME') }}", '{{ now() }}', "{{ '%Y' | strftime }}"];

test('each template bdm-lab answers renders to the value ansible-core\'s Templar gives, or fails with its words', () => {
  for (const c of DOC.cases) assert.ok(LABELS[c.id], `${c.id}: no label; run with --label`);
  const r = report();
  assert.deepEqual(r.wrong, []);
  // 237 of 302 answered when the labels were made; the rest are notes (exceptions, machine reads, forms not read)
  assert.ok(r.answered >= 237, `${r.answered} of ${DOC.cases.length} answered`);
});

test('lookups, query, now() and strftime stay unresolved: no environment, file or clock is read', () => {
  for (const t of MACHINE) {
    const a = answer(DOC.cases.find((c) => c.t === t)!);
    assert.ok('unresolved' in a, `${t} answered: ${JSON.stringify(a)}`);
  }
});

// a hostile pattern backtracking without end would take hours: the test's watchdog catches a hang
test('hostile templates are refused quickly: huge powers, repetitions, widths, ranges, backtracking patterns', { timeout: 120_000 }, () => {
  const hostile = [
    "{{ 'x' * 10 ** 9 }}", '{{ 2 ** 10 ** 9 }}', '{{ 10 ** 10 ** 10 }}', '{{ 2.0 ** 100000 }}', "{{ '%999999999d' % 1 }}", "{{ '{:999999999}'.format(s) }}",
    '{{ range(10 ** 9) | list }}', "{{ (s * 100000) | regex_search('(a+)+$') }}", "{{ (s * 2000) | regex_replace('a*a*a*a*b', '') }}", "{{ (s * 300000) | regex_replace('a', 'bb') }}",
    "{{ (s * 100000).split('b') | length }}",
  ];
  for (const t of hostile) {
    const a = answerOf({ id: t, t }, DOC.DEFAULT_VARS);
    assert.ok('unresolved' in a || 'v' in a || 'exception' in a, `${t}: ${JSON.stringify(a).slice(0, 200)}`);
  }
});
