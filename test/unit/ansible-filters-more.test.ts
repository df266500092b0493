/**
 * The Ansible source's Jinja beyond ansible-jinja.test.ts: dict methods (`.get`, `.keys()`,
 * `.values()`, `.items()`), slices, and the filters over collections (server/src/source/ansible/
 * collections.ts: `dict2items`, `items2dict`, `combine`, `unique`, `sort`, `round`, `map`,
 * `select`/`reject`/`selectattr`/`rejectattr`, and the comparing tests they use), as
 * ansible-core 2.14.18 renders them with Jinja2 3.1.2.
 *
 * test/fixtures/ansible/filters-more-cases.json: templates and the vars they read, labelled by
 * ansible-core's own Templar (test/fixtures/ansible/jinja_label.py -> filters-more-oracle.json):
 * the value a module argument becomes, or the words the task fails with.
 * `node --import tsx test/unit/ansible-filters-more.test.ts --label` rewrites the labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { render, Unresolved } from '../../server/src/source/ansible/template';
import { answerOf, jsonKeys, scopesOf, type Case, type Label } from './ansible-templates';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'ansible');
const CASES_FILE = join(DIR, 'filters-more-cases.json');
const LABELS_FILE = join(DIR, 'filters-more-oracle.json');

if (process.argv.includes('--label')) {
  writeFileSync(LABELS_FILE, execFileSync('/usr/bin/python3', [join(DIR, 'jinja_label.py'), CASES_FILE], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, maxBuffer: 1 << 26 }));
}

const DOC = JSON.parse(readFileSync(CASES_FILE, 'utf8')) as { DEFAULT_VARS: string; cases: Case[] };
const LABELS = JSON.parse(readFileSync(LABELS_FILE, 'utf8')) as Record<string, Label>;


const answer = (c: Case) => answerOf(c, DOC.DEFAULT_VARS);
const byTemplate = (t: string) => DOC.cases.find((c) => c.t === t)!;

/**
 * What bdm-lab leaves unresolved on purpose, with its reason (a note, never a guess); each is
 * checked to stay unresolved. Python exceptions Ansible reports without words of its own
 * (`exception` labels) may be left too.
 */
const NOT_READ: Record<string, string> = {
  "{{ l.count('a') }}": 'a list method', '{{ d.update({}) }}': 'a dict method',
  "{{ d | dict2items(key_name='a', value_name='b', x=1) }}": 'a keyword Python refuses',
};


test('each template renders to the value ansible-core\'s Templar gives, or fails with the words the task fails with', () => {
  for (const c of DOC.cases) assert.ok(LABELS[c.id], `${c.id}: no label; run with --label`);
  for (const id of Object.keys(NOT_READ)) assert.ok(DOC.cases.some((c) => c.id === id), `NOT_READ names no case ${id}`);
  const wrong: string[] = [];
  let answered = 0;
  for (const c of DOC.cases) {
    const l = LABELS[c.id]!;
    const a = answer(c);
    if ('unresolved' in a) {
      if ('exception' in l || NOT_READ[c.id]) continue;
      wrong.push(`${c.id}: unresolved (${a.unresolved.why}); Ansible: ${JSON.stringify(l).slice(0, 300)}`);
      continue;
    }
    answered++;
    if ('exception' in l && !('exception' in a)) wrong.push(`${c.id}: bdm-lab answers ${JSON.stringify(a)}; Ansible raises ${l.exception}`);
    else if (JSON.stringify(a) !== JSON.stringify(jsonKeys(l))) wrong.push(`${c.id}:\n  bdm-lab ${JSON.stringify(a).slice(0, 400)}\n  Ansible ${JSON.stringify(l).slice(0, 400)}`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(answered >= DOC.cases.length * 0.85, `${answered} of ${DOC.cases.length} answered`);
});

test('what bdm-lab does not compute here is left unresolved with its reason, never guessed', () => {
  const answered = Object.entries(NOT_READ).filter(([id]) => !('unresolved' in answer(byTemplate(id))));
  assert.deepEqual(answered.map(([id, why]) => `${id} (${why}) answered: ${JSON.stringify(answer(byTemplate(id)))}`), []);
});

test('long lists stay bounded: a sort or unique of thousands of items is answered, a long sort of mixed types is a note, a huge slice spends the budget', () => {
  const big = Array.from({ length: 5000 }, (_, i) => String((i * 7919) % 5000)).join(', ');
  const scopes = scopesOf(`big: [${big}]\nmixed: [${Array.from({ length: 100 }, (_, i) => (i % 2 ? 'a' : String(i))).join(', ')}]\ns: abc`);
  const sorted = render('{{ big | map("int") | sort | first }}', scopes);
  assert.equal(sorted, '0');
  assert.equal(render('{{ big | unique | length }}', scopes), '5000');
  assert.equal(render('{{ big[::-1] | length }}', scopes), '5000');
  assert.throws(() => render('{{ mixed | sort }}', scopes), (e) => e instanceof Unresolved && /64 or more values/.test(e.why ?? ''));
  // a text repeated past what bdm-lab reads, then sliced: the budget stops it with a note
  assert.throws(() => render("{{ (s * 2000000)[::2] }}", scopes), (e) => e instanceof Unresolved);
});

test('a sort spends its comparisons (n log n) from the task\'s budget before it keys the items: a 700 000-character text sorted is a note, a 1 000-character one is answered', () => {
  const scopes = scopesOf('s: a');
  assert.equal(render("{{ (s * 1000) | sort | length }}", scopes), '1000');
  // (before, the text's characters were keyed and sorted first: 700 000 of them were answered after ~1 s)
  assert.throws(() => render("{{ (s * 700000) | sort | length }}", scopes), (e) => e instanceof Unresolved && /more text than bdm-lab reads/.test(e.why ?? ''));
});

test('the dict methods and slices the brief names each give Python\'s value', () => {
  const v = (t: string) => (answer(byTemplate(t)) as { v: unknown }).v;
  assert.equal(v("{{ d.get('missing', 'dflt') }}"), 'dflt');
  assert.equal(v("{{ d.get('missing') }}"), '');
  assert.deepEqual(v('{{ d.keys() }}'), ['k', 'size', 'name']);
  assert.equal(v("{{ d.keys() ~ '' }}"), "dict_keys(['k', 'size', 'name'])");
  assert.equal(v("{{ 'k' in d.keys() }}"), true);
  assert.deepEqual(v('{{ l[::-1] }}'), ['c', 'b', 'a']);
  assert.equal(v('{{ s[::-1] }}'), 'cba');
  assert.deepEqual(v('{{ lm | sort }}'), ['A', 'a', 'b', 'B', 'C']);
  assert.deepEqual(v('{{ lm | unique }}'), ['b', 'A', 'C']);
  assert.equal(v('{{ 2.675 | round(2) }}'), '2.67');
  assert.equal(v('{{ f2 | round }}'), '2.0');
});
