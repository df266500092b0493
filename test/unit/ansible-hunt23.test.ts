/**
 * hunt23: whole tasks whose options are computed with the Jinja of ansible-hunt22 (scripts/ansible-hunt23-gen.ts).
 * What it found, fixed here: dict literals (`{{ {'dev': '/dev/vd%s' % letter} }}` as `meta`, a
 * list of them as `nics`) were not read at all; `'{}'.format(x)` of a value that is not a str was
 * left unresolved although an empty spec is str(x); `str.title()`; `[] | max(attribute=...)` is
 * the empty sequence's undefined whatever the attribute.
 *
 * test/fixtures/ansible-hunt23/cases.json: templates and vars labelled by ansible-core's own Templar
 * (test/fixtures/ansible/jinja_label.py -> oracle.json; `--label` rewrites it).
 * test/fixtures/ansible-hunt23/tasks.json: whole tasks from the hunt, labelled by the ansible-oracle
 * (/work/shared/tools/ansible-oracle, `--batch` -> tasks-oracle.jsonl, JSON lines as it writes them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerOf, jsonKeys, templateHunt } from './ansible-templates';
import { compareAnsible } from '../fixtures/ansible/compare';
import { parsePythonJson, readOracle } from '../../scripts/ansible-hunt23-json';

const { dir: DIR, doc: DOC, labels: LABELS } = templateHunt('ansible-hunt23');
const TASKS = JSON.parse(readFileSync(join(DIR, 'tasks.json'), 'utf8')) as Array<{ id: string; input: string }>;
const TASK_LABELS = readOracle(readFileSync(join(DIR, 'tasks-oracle.jsonl'), 'utf8'));

test('each template renders to the value ansible-core\'s Templar gives, or fails with its words', () => {
  const wrong: string[] = [];
  let answered = 0;
  for (const c of DOC.cases) {
    const l = LABELS[c.id];
    assert.ok(l, `${c.id}: no label; run with --label`);
    const a = answerOf(c, DOC.DEFAULT_VARS);
    if ('unresolved' in a) continue;
    answered++;
    if (JSON.stringify(a) !== JSON.stringify(jsonKeys(l))) wrong.push(`${c.id}: bdm-lab ${JSON.stringify(a)}; Ansible ${JSON.stringify(l)}`);
  }
  assert.deepEqual(wrong, []);
  // all but a tuple key ({(1, 2): 'x'}, not held) and dictsort (not applied) when the labels were made
  assert.ok(answered >= DOC.cases.length - 2, `${answered} of ${DOC.cases.length} answered`);
});

test('dict literals: values in order, a repeated key keeps its place and takes the last value, unhashable keys refused', () => {
  const a = (t: string) => answerOf({ id: t, t }, DOC.DEFAULT_VARS);
  assert.deepEqual(a("{{ {'b': 1, 'a': 2, 'b': 3} | list }}"), { v: ['b', 'a'] });
  assert.deepEqual(a("{{ {'b': 1, 'a': 2, 'b': 3}.b }}"), { v: '3' });
  assert.match(JSON.stringify(a('{{ {l: 1} }}')), /unhashable type: 'list'/);
  // a syntax error in Jinja's words (ansible-core 2.14.18's Templar, hunt38: "expected token ':', got 'integer'")
  assert.deepEqual(a("{{ {'a' 1} }}"), { error: "template error while templating string: expected token ':', got 'integer'. String: {{ {'a' 1} }}. expected token ':', got 'integer'" });
});

test('hostile dict literals: deep nesting and long literals stay bounded (unresolved or answered, no stack overflow)', () => {
  const deep = `{{ ${"{'a': ".repeat(20_000)}1${'}'.repeat(20_000)} }}`;
  const wide = `{{ {${Array.from({ length: 20_000 }, (_, i) => `'k${i}': ${i}`).join(', ')}} | length }}`;
  for (const t of [deep, wide]) {
    const r = answerOf({ id: 'hostile', t }, DOC.DEFAULT_VARS);
    assert.ok('unresolved' in r || 'v' in r, JSON.stringify(r).slice(0, 200));
  }
});

test('whole tasks from the hunt: bdm-lab sends the body the module sends, or refuses with its words', () => {
  assert.ok(TASKS.length >= 10);
  for (const c of TASKS) {
    const o = TASK_LABELS[c.id];
    assert.ok(o, `${c.id}: no oracle answer`);
    assert.deepEqual(compareAnsible(c.input, o), [], `${c.id}:\n${c.input}`);
  }
});

test("the oracle's answers are read as Python's json writes them: bare NaN and infinities, JSON lines or one object", () => {
  const v = parsePythonJson('{"a": [NaN, Infinity, -Infinity, "NaN Infinity"], "b": 1}') as { a: unknown[] };
  assert.ok(Number.isNaN(v.a[0]));
  assert.equal(v.a[1], Infinity);
  assert.equal(v.a[2], -Infinity);
  assert.equal(v.a[3], 'NaN Infinity');
  const lines = readOracle('{"stage": "sent", "error": null, "nova_body": {"x": Infinity}, "microversion": "2.73", "id": "a"}\n{"stage": "sdk", "error": "e", "nova_body": null, "microversion": null, "id": "b"}\n');
  assert.deepEqual(Object.keys(lines), ['a', 'b']);
  assert.deepEqual(lines.a!.nova_body, { x: Infinity });
  const one = readOracle('{\n"a": {"stage": "sent", "error": null, "nova_body": {"v": -Infinity}, "microversion": "2.1"}\n}');
  assert.deepEqual(one.a!.nova_body, { v: -Infinity });
});
